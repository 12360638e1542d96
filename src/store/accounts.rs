//! Accounts: created, listed, closed once; never deleted.
//!
//! Each account added also gets its `account` audit record in the
//! governance chain (id, name, the note it was added with), compared with
//! the table by `verify` (V118). An account's note is changed by an
//! `account-note` record in the chain; readers get the latest.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::ids::AccountId;
use crate::domain::records::{self as kinds, AccountNoteRecord, RecordKind};
use crate::error::{Result, SqlContext};
use crate::store::records;

/// A stored account.
#[derive(Debug, Clone)]
pub struct StoredAccount {
    pub id: AccountId,
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

/// Adds an account and its audit record; returns its id.
pub fn insert(
    conn: &Connection,
    name: &str,
    key: &str,
    note: Option<&str>,
    now: &str,
) -> Result<AccountId> {
    conn.prepare_cached("INSERT INTO accounts (name, name_key, note) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![name, key, note]))
        .ctx("adding an account")?;
    let id = AccountId::new(conn.last_insert_rowid());
    records::audit(
        conn,
        RecordKind::Account.as_str(),
        account_payload(id, name, note),
        now,
    )?;
    Ok(id)
}

/// An account's audit payload: its row as first written.
pub fn account_payload(id: AccountId, name: &str, note: Option<&str>) -> serde_json::Value {
    serde_json::json!({"id": id, "name": name, "note": note})
}

/// Every account as its row was first written (no `account-note` applied),
/// in id order: what `verify` compares with the audit records.
pub fn rows(conn: &Connection) -> Result<Vec<StoredAccount>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, note, closed_on FROM accounts ORDER BY id")
        .ctx("listing accounts")?;
    stmt.query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing accounts")
}

/// Looks an account up by its case-insensitive key.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredAccount>> {
    let account = conn
        .prepare_cached("SELECT id, name, note, closed_on FROM accounts WHERE name_key = ?1")
        .and_then(|mut s| s.query_row([key], from_row).optional())
        .ctx("looking up an account")?;
    match account {
        Some(mut account) => {
            for n in notes(conn)?.into_iter().filter(|n| n.account == account.id) {
                account.note = n.note;
            }
            Ok(Some(account))
        }
        None => Ok(None),
    }
}

/// Every `account-note` record, in chain order.
pub fn notes(conn: &Connection) -> Result<Vec<AccountNoteRecord>> {
    records::of_kind(conn, RecordKind::AccountNote.as_str())?
        .into_iter()
        .map(|r| kinds::payload(r.id, &r.kind, &r.payload))
        .collect()
}

/// Records a new note on an account.
pub fn append_note(conn: &Connection, note: &AccountNoteRecord, now: &str) -> Result<()> {
    records::audit(
        conn,
        RecordKind::AccountNote.as_str(),
        kinds::to_json(note),
        now,
    )
}

/// All accounts with their latest notes (in id order; callers sort for
/// display).
pub fn all(conn: &Connection) -> Result<Vec<StoredAccount>> {
    let mut accounts = rows(conn)?;
    for n in notes(conn)? {
        if let Some(a) = accounts.iter_mut().find(|a| a.id == n.account) {
            a.note = n.note;
        }
    }
    Ok(accounts)
}

pub fn close(conn: &Connection, id: AccountId, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE accounts SET closed_on = ?2 WHERE id = ?1",
        params![id, on],
    )
    .ctx("closing an account")?;
    Ok(())
}

/// The date of the latest posting to an account, if any.
pub fn last_posting_date(conn: &Connection, id: AccountId) -> Result<Option<NaiveDate>> {
    conn.query_row(
        "SELECT max(date) FROM daily_totals WHERE account_id = ?1",
        [id],
        |r| r.get(0),
    )
    .ctx("reading an account's last posting")
}

/// Every account's name by row id.
pub fn names_by_id(conn: &Connection) -> Result<std::collections::HashMap<AccountId, String>> {
    Ok(all(conn)?.into_iter().map(|a| (a.id, a.name)).collect())
}

/// The ids of the accounts whose type `keep` accepts.
pub fn ids_of_type(
    conn: &Connection,
    keep: impl Fn(crate::domain::account::AccountType) -> bool,
) -> Result<std::collections::HashSet<AccountId>> {
    Ok(all(conn)?
        .into_iter()
        .filter(|a| crate::domain::account::validate_account_name(&a.name).is_ok_and(&keep))
        .map(|a| a.id)
        .collect())
}
