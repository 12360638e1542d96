//! Reconciliations in force: which accounts' balances were agreed with a
//! statement at a date (and not reopened since), and whether the journal
//! still gives those balances. Writers refuse an entry that would change
//! one; `verify` reports one that did (V121).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::ids::{AccountId, CommodityId, RecordId};
use crate::domain::money::format_minor;
use crate::domain::records::{ReconciliationRecord, ReconciliationReopenRecord, RecordKind};
use crate::error::{Error, Result};
use crate::store::{accounts, balances, commodities, records};

/// A reconciliation that holds, with the record's id.
#[derive(Debug, Clone)]
pub struct InForce {
    pub record: RecordId,
    pub at: String,
    pub reconciliation: ReconciliationRecord,
}

fn damaged(id: RecordId, e: serde_json::Error) -> Error {
    Error::Damaged {
        what: format!("record {id}"),
        detail: format!("not a readable reconciliation: {e}"),
    }
}

/// The reconciliations not lifted by a later reopening, in record order.
pub fn in_force(conn: &Connection) -> Result<Vec<InForce>> {
    let mut all: Vec<(RecordId, &'static str, crate::store::records::StoredRecord)> = Vec::new();
    for kind in [RecordKind::Reconciliation, RecordKind::ReconciliationReopen] {
        for r in records::of_kind(conn, kind.as_str())? {
            all.push((r.id, kind.as_str(), r));
        }
    }
    all.sort_by_key(|(id, _, _)| *id);
    let mut held: Vec<InForce> = Vec::new();
    for (id, kind, stored) in all {
        if kind == RecordKind::Reconciliation.as_str() {
            let reconciliation: ReconciliationRecord =
                serde_json::from_value(stored.payload).map_err(|e| damaged(id, e))?;
            held.push(InForce {
                record: id,
                at: stored.at,
                reconciliation,
            });
        } else {
            let reopen: ReconciliationReopenRecord =
                serde_json::from_value(stored.payload).map_err(|e| damaged(id, e))?;
            held.retain(|r| {
                r.reconciliation.account != reopen.account || r.reconciliation.date < reopen.from
            });
        }
    }
    Ok(held)
}

/// A reconciled balance the journal no longer gives.
#[derive(Debug, Clone)]
pub struct Changed {
    pub record: RecordId,
    pub account: String,
    pub date: String,
    pub commodity: String,
    pub reconciled: String,
    pub now: String,
}

/// Every reconciled balance in force that the journal no longer gives.
pub fn changed(conn: &Connection, source: balances::Source) -> Result<Vec<Changed>> {
    let held = in_force(conn)?;
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let ids: BTreeMap<String, AccountId> = accounts::all(conn)?
        .into_iter()
        .map(|a| (a.name, a.id))
        .collect();
    let codes: BTreeMap<CommodityId, (String, u32)> = commodities::all(conn)?
        .into_iter()
        .map(|c| {
            (
                c.id,
                (c.commodity.code().to_owned(), c.commodity.decimals()),
            )
        })
        .collect();
    let decimals = |code: &str| {
        codes
            .values()
            .find(|(c, _)| c == code)
            .map_or(0, |(_, d)| *d)
    };
    let mut out = Vec::new();
    for r in held {
        let rec = &r.reconciliation;
        let Ok(date) = rec.date.parse::<NaiveDate>() else {
            return Err(Error::Damaged {
                what: format!("record {}", r.record),
                detail: format!("unreadable reconciliation date {:?}", rec.date),
            });
        };
        let now: BTreeMap<String, i128> = match ids.get(&rec.account) {
            Some(&id) => balances::of_account_all(conn, id, date, source)?
                .into_iter()
                .filter(|(_, v)| *v != 0)
                .filter_map(|(c, v)| codes.get(&c).map(|(code, _)| (code.clone(), v)))
                .collect(),
            None => BTreeMap::new(),
        };
        let then: BTreeMap<String, i128> = rec
            .balances
            .iter()
            .filter(|b| b.amount != 0)
            .map(|b| (b.commodity.clone(), i128::from(b.amount)))
            .collect();
        let mut keys: Vec<&String> = now.keys().chain(then.keys()).collect();
        keys.sort();
        keys.dedup();
        for code in keys {
            let (a, b) = (
                then.get(code).copied().unwrap_or(0),
                now.get(code).copied().unwrap_or(0),
            );
            if a != b {
                let d = decimals(code);
                out.push(Changed {
                    record: r.record,
                    account: rec.account.clone(),
                    date: rec.date.clone(),
                    commodity: code.clone(),
                    reconciled: format_minor(a, d),
                    now: format_minor(b, d),
                });
            }
        }
    }
    Ok(out)
}
