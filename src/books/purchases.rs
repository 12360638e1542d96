//! Pooled purchases replayed from their records: the one read-only view of
//! a purchase's state that the write commands (`ops`), the reports
//! (`report`, the forum page) and `audit` (verify, the bundle) share.
//!
//! A purchase's state is never stored: its row in `purchases` says what it
//! is, its `purchase-…` governance records say what happened to it, and the
//! pure fold [`Purchase::apply`] turns those into the state. A record that
//! does not replay is damage (or tampering), reported as such.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::domain::account::name_key;
use crate::domain::purchase::Purchase;
use crate::error::{Error, Result};
use crate::store::purchases::{self, StoredPurchase};

/// A purchase with its state replayed from its records.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub stored: StoredPurchase,
    pub state: Purchase,
}

/// Loads a purchase by name (any case) and replays its records.
///
/// # Errors
/// [`Error::UnknownPurchase`] when there is no such purchase, and
/// [`Error::Damaged`] when its records do not replay (which only a damaged or
/// tampered database gives).
pub fn load(conn: &Connection, name: &str) -> Result<Loaded> {
    let stored =
        purchases::find_by_key(conn, &name_key(name))?.ok_or_else(|| Error::UnknownPurchase {
            name: name.to_owned(),
        })?;
    replay(conn, stored)
}

/// Replays a stored purchase's records through [`Purchase::apply`].
///
/// # Errors
/// [`Error::Damaged`] when a record cannot be read or does not fit the state
/// before it.
pub fn replay(conn: &Connection, stored: StoredPurchase) -> Result<Loaded> {
    replay_until(conn, stored, NaiveDateTime::MAX)
}

/// A stored purchase as it stood at `end`: its records up to the first one
/// recorded for a later moment, replayed (an audit bundle's figures are as
/// of its period's last day).
///
/// # Errors
/// As [`replay`].
pub fn replay_until(
    conn: &Connection,
    stored: StoredPurchase,
    end: NaiveDateTime,
) -> Result<Loaded> {
    let mut state = Purchase::new(stored.opened_at, stored.closes_at);
    let events = purchases::events(conn, stored.id)?;
    for (n, (at, event)) in events
        .into_iter()
        .enumerate()
        .take_while(|(_, (at, _))| *at <= end)
    {
        state.apply(at, &event).map_err(|reason| Error::Damaged {
            what: "the governance log".into(),
            detail: format!(
                "event {} of purchase {} ({}) does not replay: {reason}",
                n + 1,
                stored.name,
                event.kind()
            ),
        })?;
    }
    Ok(Loaded { stored, state })
}

/// Every purchase, replayed, in the order they were opened.
///
/// # Errors
/// As [`replay`], for the first purchase that does not replay.
pub fn all(conn: &Connection) -> Result<Vec<Loaded>> {
    purchases::all(conn)?
        .into_iter()
        .map(|stored| replay(conn, stored))
        .collect()
}
