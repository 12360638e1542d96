//! Import keys: which transaction each (source, txn value) became.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Result, SqlContext};

/// What an earlier import recorded under a key.
#[derive(Debug, Clone)]
pub struct ImportKey {
    pub txn_id: i64,
    pub content_hash: String,
}

pub fn find(conn: &Connection, source: &str, key: &str) -> Result<Option<ImportKey>> {
    conn.prepare_cached(
        "SELECT txn_id, content_hash FROM import_keys WHERE source = ?1 AND key = ?2",
    )
    .and_then(|mut s| {
        s.query_row(params![source, key], |r| {
            Ok(ImportKey {
                txn_id: r.get(0)?,
                content_hash: r.get(1)?,
            })
        })
        .optional()
    })
    .ctx("looking up an import key")
}

pub fn insert(
    conn: &Connection,
    source: &str,
    key: &str,
    txn_id: i64,
    content_hash: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_keys (source, key, txn_id, content_hash) VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut s| s.execute(params![source, key, txn_id, content_hash]))
    .ctx("recording an import key")?;
    Ok(())
}
