//! Postings summed for period reports: per month, account, commodity and
//! pool, debits and credits apart (so moves in and out of a pool never
//! cancel out). Untagged postings belong to the general pool.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::error::{Result, SqlContext};
use crate::store::pools::GENERAL;

/// What a month's postings on one account, commodity and pool add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSum {
    /// `YYYY-MM`.
    pub month: String,
    pub account_id: AccountId,
    pub commodity_id: CommodityId,
    pub pool_id: PoolId,
    /// Positive amounts (debits), summed.
    pub debits: i128,
    /// Negative amounts (credits), summed as a positive number.
    pub credits: i128,
}

/// Every posting dated `from..=to`, summed per month, account, commodity and
/// pool, in that order.
pub fn monthly(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<FlowSum>> {
    const WHAT: &str = "summing postings for the period";
    let mut stmt = conn
        .prepare_cached(
            "SELECT substr(t.date, 1, 7), p.account_id, p.commodity_id, coalesce(p.pool_id, ?3), p.amount
             FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE t.date >= ?1 AND t.date <= ?2",
        )
        .ctx(WHAT)?;
    let mut rows = stmt.query(params![from, to, GENERAL]).ctx(WHAT)?;
    let mut sums: BTreeMap<(String, AccountId, CommodityId, PoolId), (i128, i128)> =
        BTreeMap::new();
    while let Some(r) = rows.next().ctx(WHAT)? {
        let key = (
            r.get(0).ctx(WHAT)?,
            r.get(1).ctx(WHAT)?,
            r.get(2).ctx(WHAT)?,
            r.get(3).ctx(WHAT)?,
        );
        let amount: i64 = r.get(4).ctx(WHAT)?;
        let entry = sums.entry(key).or_default();
        if amount > 0 {
            entry.0 += i128::from(amount);
        } else {
            entry.1 -= i128::from(amount);
        }
    }
    Ok(sums
        .into_iter()
        .map(
            |((month, account_id, commodity_id, pool_id), (debits, credits))| FlowSum {
                month,
                account_id,
                commodity_id,
                pool_id,
                debits,
                credits,
            },
        )
        .collect())
}
