//! Members' keys as the records make them: the [`KeyBook`] folded from the
//! `member-key` and `member-key-revoke` records, and the fund's own key.

use rusqlite::Connection;

use crate::domain::date::parse_datetime;
use crate::domain::keys::{FundKeyRecord, KeyBook, KeyStep};
use crate::domain::records::{RecordKind, payload};
use crate::error::Result;
use crate::store::records;

/// Every member key ever registered, with its history.
///
/// # Errors
/// When a key record cannot be read or does not fit (see [`KeyBook::replay`]).
pub fn key_book(conn: &Connection) -> Result<KeyBook> {
    let mut steps = Vec::new();
    for r in records::all_of_kinds(
        conn,
        &[
            RecordKind::MemberKey.as_str(),
            RecordKind::MemberKeyRevoke.as_str(),
        ],
    )? {
        let at = parse_datetime(&r.at)?;
        let step = if r.kind == RecordKind::MemberKey.as_str() {
            KeyStep::Add(payload(r.id, &r.kind, &r.payload)?)
        } else {
            KeyStep::Revoke(payload(r.id, &r.kind, &r.payload)?)
        };
        steps.push((at, step));
    }
    KeyBook::replay(&steps)
}

/// The fund's keys, oldest first, with when each was registered.
///
/// # Errors
/// When a `fund-key` record cannot be read.
pub fn fund_keys(conn: &Connection) -> Result<Vec<(String, FundKeyRecord)>> {
    records::of_kind(conn, RecordKind::FundKey.as_str())?
        .into_iter()
        .map(|r| Ok((r.at.clone(), payload(r.id, &r.kind, &r.payload)?)))
        .collect()
}
