//! Balances from the `daily_totals` cache, and that cache read back raw.
//!
//! The cache holds one row per account, commodity and day, so a balance at any
//! date costs a scan of at most accounts × days rows, whatever the number of
//! transactions.

use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use crate::domain::money::Commodity;
use crate::error::{Result, SqlContext};

/// The balance of one account in one commodity.
#[derive(Debug, Clone)]
pub struct AccountBalance {
    pub account: String,
    pub commodity: Commodity,
    pub amount: i64,
}

/// Balances per account and commodity of every account, up to and including
/// `as_of` (all dates when None).
pub fn by_account(conn: &Connection, as_of: Option<NaiveDate>) -> Result<Vec<AccountBalance>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.name, c.code, c.decimals, d.total
             FROM (SELECT account_id, commodity_id, sum(amount) AS total FROM daily_totals
                   WHERE ?1 IS NULL OR date <= ?1 GROUP BY account_id, commodity_id) d
             JOIN accounts a ON a.id = d.account_id
             JOIN commodities c ON c.id = d.commodity_id",
        )
        .ctx("summing balances")?;
    stmt.query_map([as_of], |r| {
        Ok(AccountBalance {
            account: r.get(0)?,
            commodity: Commodity {
                code: r.get(1)?,
                decimals: r.get(2)?,
            },
            amount: r.get(3)?,
        })
    })
    .and_then(Iterator::collect)
    .ctx("summing balances")
}

/// Totals per commodity over the given accounts, for postings dated before
/// `before` (all dates when None).
pub fn by_commodity(
    conn: &Connection,
    accounts: &[i64],
    before: Option<NaiveDate>,
) -> Result<Vec<(Commodity, i64)>> {
    let ids = Rc::new(
        accounts
            .iter()
            .copied()
            .map(Value::from)
            .collect::<Vec<_>>(),
    );
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.code, c.decimals, sum(d.amount) FROM daily_totals d
             JOIN commodities c ON c.id = d.commodity_id
             WHERE d.account_id IN rarray(?1) AND (?2 IS NULL OR d.date < ?2)
             GROUP BY c.id ORDER BY c.code",
        )
        .ctx("summing balances")?;
    stmt.query_map(params![ids, before], |r| {
        Ok((
            Commodity {
                code: r.get(0)?,
                decimals: r.get(1)?,
            },
            r.get(2)?,
        ))
    })
    .and_then(Iterator::collect)
    .ctx("summing balances")
}

/// Streams the raw cache: (account id, commodity id, date, amount).
pub fn for_each_daily_total(
    conn: &Connection,
    mut f: impl FnMut(i64, i64, String, i64),
) -> Result<()> {
    let mut stmt = conn
        .prepare("SELECT account_id, commodity_id, date, amount FROM daily_totals")
        .ctx("reading daily totals")?;
    let mut rows = stmt.query([]).ctx("reading daily totals")?;
    while let Some(r) = rows.next().ctx("reading daily totals")? {
        f(
            r.get(0).ctx("reading daily totals")?,
            r.get(1).ctx("reading daily totals")?,
            r.get(2).ctx("reading daily totals")?,
            r.get(3).ctx("reading daily totals")?,
        );
    }
    Ok(())
}
