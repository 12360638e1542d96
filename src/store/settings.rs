//! Fund settings: preferences such as the default contribution account or
//! the longest term a role should be held. Unlike records, they may change.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::records::RecordKind;
use crate::error::{Result, SqlContext};

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
    .ctx("reading a setting")
}

pub fn set(conn: &Connection, key: &str, value: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .ctx("changing a setting")?;
    crate::store::records::audit(conn, RecordKind::Setting.as_str(), payload(key, value), now)
}

/// A setting's audit payload: written with each change into the governance
/// chain, and rebuilt from the table by `verify` (V118).
pub fn payload(key: &str, value: &str) -> serde_json::Value {
    serde_json::json!({"key": key, "value": value})
}

/// Every setting, by key.
pub fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT key, value FROM settings ORDER BY key")
        .ctx("listing settings")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("listing settings")
}
