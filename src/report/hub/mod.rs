//! The hub's own rows: `fondo hub fund list`, `fondo hub witness` (every
//! head the hub witnessed for a fund) and `fondo hub status` (each member
//! fund at a glance).
//!
//! Rule: read-only, from the hub file alone; a witness row is what
//! `fondo verify --witness` reads back, so its columns are fixed
//! (docs/design/federation.md).

use rusqlite::Connection;
use serde::Serialize;

use crate::domain::keys::parse_public_key;
use crate::error::{Error, Result};
use crate::render::Row;
use crate::store::hub;

/// One witnessed head, as the witness file has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WitnessRow {
    pub fund_id: String,
    pub chain: String,
    pub hash: String,
    pub position: i64,
    pub seen_at: String,
    /// The manifest digest of the bundle it came from.
    pub bundle: String,
}

impl Row for WitnessRow {
    const COLUMNS: &'static [&'static str] =
        &["fund_id", "chain", "hash", "position", "seen_at", "bundle"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["position"];
}

/// Every head witnessed for `fund_id`, in the order seen.
///
/// # Errors
/// [`Error::HubFund`] for a fund the hub does not know.
pub fn witness(conn: &Connection, fund_id: &str) -> Result<Vec<WitnessRow>> {
    if hub::fund(conn, fund_id)?.is_none() {
        return Err(Error::HubFund {
            fund_id: fund_id.to_owned(),
            known: false,
        });
    }
    Ok(hub::heads(conn, fund_id)?
        .into_iter()
        .map(|h| WitnessRow {
            fund_id: h.fund_id,
            chain: h.chain.as_str().to_owned(),
            hash: h.hash,
            position: h.position,
            seen_at: h.seen_at,
            bundle: h.bundle,
        })
        .collect())
}

/// One key of a member fund in `hub fund list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundRow {
    pub fund_id: String,
    pub name: String,
    pub fingerprint: String,
    pub key_added_at: String,
    /// When the fund left the hub; empty while it is a member.
    pub left_at: String,
}

impl Row for FundRow {
    const COLUMNS: &'static [&'static str] =
        &["fund_id", "name", "fingerprint", "key_added_at", "left_at"];
}

/// Every member fund with each of its keys, by fund id and then in the
/// order the keys were added.
pub fn funds(conn: &Connection) -> Result<Vec<FundRow>> {
    let funds: std::collections::HashMap<String, hub::Fund> = hub::funds(conn)?
        .into_iter()
        .map(|f| (f.fund_id.clone(), f))
        .collect();
    hub::all_fund_keys(conn)?
        .into_iter()
        .map(|(fund_id, key, added_at)| {
            let fund = &funds[&fund_id];
            Ok(FundRow {
                name: fund.name.clone(),
                left_at: fund.left_at.clone().unwrap_or_default(),
                fingerprint: parse_public_key("the hub's key", &key)?.fingerprint,
                key_added_at: added_at,
                fund_id,
            })
        })
        .collect()
}

/// One member fund in `hub status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusRow {
    pub fund_id: String,
    pub name: String,
    pub bundles: i64,
    pub last_period: String,
    pub journal_head: String,
    pub witnessed_at: String,
    /// What needs a look, `; `-separated; empty when nothing does.
    pub findings: String,
}

impl Row for StatusRow {
    const COLUMNS: &'static [&'static str] = &[
        "fund_id",
        "name",
        "bundles",
        "last_period",
        "journal_head",
        "witnessed_at",
        "findings",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["bundles"];
}

/// Each member fund: its bundles, last period, last journal head and when
/// it was witnessed, and its findings (left the hub, no bundle yet,
/// transfers received whose send no bundle shows). Also whether any fund
/// has a finding.
pub fn status(conn: &Connection) -> Result<(Vec<StatusRow>, bool)> {
    let mut any = false;
    let rows = hub::statuses(conn)?
        .into_iter()
        .map(|s| {
            let mut findings = Vec::new();
            if let Some(at) = &s.fund.left_at {
                findings.push(format!("left the hub at {at}"));
            }
            if s.bundles == 0 {
                findings.push("no bundle yet".to_owned());
            }
            match s.one_sided {
                0 => {}
                1 => findings.push("1 transfer received whose send no bundle shows".into()),
                n => findings.push(format!("{n} transfers received whose send no bundle shows")),
            }
            any |= !findings.is_empty();
            let (journal_head, witnessed_at) = s.journal_head.unwrap_or_default();
            StatusRow {
                fund_id: s.fund.fund_id,
                name: s.fund.name,
                bundles: s.bundles,
                last_period: s.last_period.unwrap_or_default(),
                journal_head,
                witnessed_at,
                findings: findings.join("; "),
            }
        })
        .collect();
    Ok((rows, any))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_rows_name_their_columns() {
        crate::render::assert_columns(&WitnessRow {
            fund_id: String::new(),
            chain: String::new(),
            hash: String::new(),
            position: 0,
            seen_at: String::new(),
            bundle: String::new(),
        });
        crate::render::assert_columns(&FundRow {
            fund_id: String::new(),
            name: String::new(),
            fingerprint: String::new(),
            key_added_at: String::new(),
            left_at: String::new(),
        });
        crate::render::assert_columns(&StatusRow {
            fund_id: String::new(),
            name: String::new(),
            bundles: 0,
            last_period: String::new(),
            journal_head: String::new(),
            witnessed_at: String::new(),
            findings: String::new(),
        });
    }
}
