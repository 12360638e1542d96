//! Accounts: created, listed, closed once; never deleted.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Result, SqlContext};

/// A stored account.
#[derive(Debug, Clone)]
pub struct StoredAccount {
    pub id: i64,
    pub name: String,
    pub note: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredAccount> {
    Ok(StoredAccount {
        id: r.get(0)?,
        name: r.get(1)?,
        note: r.get(2)?,
        closed_on: r.get(3)?,
    })
}

pub fn insert(conn: &Connection, name: &str, key: &str, note: Option<&str>) -> Result<i64> {
    conn.prepare_cached("INSERT INTO accounts (name, name_key, note) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![name, key, note]))
        .ctx("adding an account")?;
    Ok(conn.last_insert_rowid())
}

/// Looks an account up by its case-insensitive key.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredAccount>> {
    conn.prepare_cached("SELECT id, name, note, closed_on FROM accounts WHERE name_key = ?1")
        .and_then(|mut s| s.query_row([key], from_row).optional())
        .ctx("looking up an account")
}

/// All accounts (in id order; callers sort for display).
pub fn all(conn: &Connection) -> Result<Vec<StoredAccount>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, note, closed_on FROM accounts ORDER BY id")
        .ctx("listing accounts")?;
    stmt.query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing accounts")
}

pub fn close(conn: &Connection, id: i64, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE accounts SET closed_on = ?2 WHERE id = ?1",
        params![id, on],
    )
    .ctx("closing an account")?;
    Ok(())
}

/// The date of the latest posting to an account, if any.
pub fn last_posting_date(conn: &Connection, id: i64) -> Result<Option<NaiveDate>> {
    conn.query_row(
        "SELECT max(date) FROM daily_totals WHERE account_id = ?1",
        [id],
        |r| r.get(0),
    )
    .ctx("reading an account's last posting")
}

/// Every account's name by row id.
pub fn names_by_id(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    Ok(all(conn)?.into_iter().map(|a| (a.id, a.name)).collect())
}

/// The ids of the accounts whose type `keep` accepts.
pub fn ids_of_type(
    conn: &Connection,
    keep: impl Fn(crate::domain::account::AccountType) -> bool,
) -> Result<std::collections::HashSet<i64>> {
    Ok(all(conn)?
        .into_iter()
        .filter(|a| crate::domain::account::validate_account_name(&a.name).is_ok_and(&keep))
        .map(|a| a.id)
        .collect())
}
