//! Members' keys and the fund's own details: `fondo member key list` and
//! `fondo fund show`.

use rusqlite::Connection;
use serde::Serialize;

use crate::books::keys::{fund_keys, key_book};
use crate::books::members::{by_id, member};
use crate::error::Result;
use crate::render::Row;
use crate::store::fund;

/// One registered key.
#[derive(Debug, Clone, Serialize)]
pub struct KeyRow {
    pub member: String,
    pub fingerprint: String,
    pub key: String,
    pub added: String,
    pub revoked: Option<String>,
    pub reason: Option<String>,
}

impl Row for KeyRow {
    const COLUMNS: &'static [&'static str] =
        &["member", "fingerprint", "key", "added", "revoked", "reason"];
}

fn stamp(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Every key registered (of `only` member, if given), in the order they
/// were registered.
///
/// # Errors
/// [`crate::error::Error::UnknownMember`] for an `only` that is no member;
/// when a key record cannot be read.
pub fn list(conn: &Connection, only: Option<&str>) -> Result<Vec<KeyRow>> {
    let only = only.map(|name| member(conn, name)).transpose()?;
    let members = by_id(conn)?;
    Ok(key_book(conn)?
        .entries
        .into_iter()
        .filter(|e| only.as_ref().is_none_or(|m| m.id == e.member))
        .map(|e| KeyRow {
            member: members
                .get(&e.member)
                .map_or_else(|| format!("#{}", e.member), |m| m.name.clone()),
            fingerprint: e.fingerprint,
            key: e.key,
            added: stamp(e.added),
            revoked: e.revoked.as_ref().map(|(at, _)| stamp(*at)),
            reason: e.revoked.map(|(_, reason)| reason),
        })
        .collect())
}

/// One detail of the fund.
#[derive(Debug, Clone, Serialize)]
pub struct FundRow {
    pub field: String,
    pub value: String,
}

impl Row for FundRow {
    const COLUMNS: &'static [&'static str] = &["field", "value"];
}

/// The fund's id, name, currency, chain heads and keys.
///
/// # Errors
/// [`crate::error::Error::NoDatabase`]-like errors when there is no fund row;
/// when a record cannot be read.
pub fn show(conn: &Connection) -> Result<Vec<FundRow>> {
    let row = |field: &str, value: String| FundRow {
        field: field.to_owned(),
        value,
    };
    let mut rows = Vec::new();
    rows.push(row("id", fund::fund_id(conn)?));
    if let Some(f) = fund::get(conn)? {
        rows.push(row("name", f.name));
        rows.push(row("currency", f.currency.unwrap_or_default()));
        rows.push(row("transactions", f.txn_count.to_string()));
        rows.push(row("head_hash", f.head_hash));
    }
    if let Some((head, count)) = crate::store::records::head(conn)? {
        rows.push(row("records", count.to_string()));
        rows.push(row("records_head", head));
    }
    for (at, key) in fund_keys(conn)? {
        rows.push(row(
            "key",
            format!("{} {} (from {at})", key.fingerprint, key.key),
        ));
    }
    Ok(rows)
}
