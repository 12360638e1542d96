//! Balances from the `daily_totals` and `account_totals` caches, and those
//! caches read back raw.
//!
//! `daily_totals` holds one row per account, commodity and day, so a balance
//! at any date costs a scan of at most accounts × days rows, whatever the
//! number of transactions; `account_totals` one row per account and
//! commodity, so a balance now costs one row each. Rows are summed here in
//! `i128` rather than with SQL `sum()`, which fails once a total passes 64
//! bits although every posting fits.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::ids::{AccountId, CommodityId};
use crate::domain::money::Commodity;
use crate::error::{Result, SqlContext};
use crate::store::{accounts, commodities, id_array};

/// The balance of one account in one commodity.
#[derive(Debug, Clone)]
pub struct AccountBalance {
    pub account: String,
    pub commodity: Commodity,
    pub amount: i128,
}

/// Sums cache rows per (account id, commodity id).
fn sum_rows(rows: &mut rusqlite::Rows<'_>) -> Result<HashMap<(AccountId, CommodityId), i128>> {
    let mut sums: HashMap<(AccountId, CommodityId), i128> = HashMap::new();
    while let Some(r) = rows.next().ctx("summing balances")? {
        let key = (
            r.get(0).ctx("summing balances")?,
            r.get(1).ctx("summing balances")?,
        );
        let amount: i64 = r.get(2).ctx("summing balances")?;
        *sums.entry(key).or_insert(0) += i128::from(amount);
    }
    Ok(sums)
}

fn commodity_map(conn: &Connection) -> Result<HashMap<CommodityId, Commodity>> {
    Ok(commodities::all(conn)?
        .into_iter()
        .map(|c| (c.id, c.commodity))
        .collect())
}

/// Balances per account and commodity of every account, up to and including
/// `as_of` (all dates when None): from `account_totals`, less the days after
/// `as_of` in `daily_totals`.
pub fn by_account(conn: &Connection, as_of: Option<NaiveDate>) -> Result<Vec<AccountBalance>> {
    let sums = by_id(conn, as_of)?;
    let names = accounts::names_by_id(conn)?;
    let commodities = commodity_map(conn)?;
    Ok(sums
        .into_iter()
        .filter_map(|((account, commodity), amount)| {
            Some(AccountBalance {
                account: names.get(&account)?.clone(),
                commodity: commodities.get(&commodity)?.clone(),
                amount,
            })
        })
        .collect())
}

/// [`by_account`] per (account id, commodity id).
pub fn by_id(
    conn: &Connection,
    as_of: Option<NaiveDate>,
) -> Result<HashMap<(AccountId, CommodityId), i128>> {
    let mut sums = current(conn)?;
    if let Some(day) = as_of {
        // What each account holds now, less what changed after the day: the
        // cost follows the days after it, not the whole history.
        let mut after = conn
            .prepare_cached(
                "SELECT amount FROM daily_totals
                 WHERE account_id = ?1 AND commodity_id = ?2 AND date > ?3",
            )
            .ctx("summing balances")?;
        for ((account, commodity), sum) in &mut sums {
            let mut rows = after
                .query(params![account, commodity, day])
                .ctx("summing balances")?;
            while let Some(r) = rows.next().ctx("summing balances")? {
                let amount: i64 = r.get(0).ctx("summing balances")?;
                *sum -= i128::from(amount);
            }
        }
        // An account that had no posting yet by the day has no balance then
        // (one at zero is still shown).
        let mut before = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM daily_totals
                 WHERE account_id = ?1 AND commodity_id = ?2 AND date <= ?3)",
            )
            .ctx("summing balances")?;
        let mut kept = HashMap::new();
        for ((account, commodity), sum) in sums {
            if sum != 0
                || before
                    .query_row(params![account, commodity, day], |r| r.get::<_, bool>(0))
                    .ctx("summing balances")?
            {
                kept.insert((account, commodity), sum);
            }
        }
        sums = kept;
    }
    Ok(sums)
}

/// Where a balance is summed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The `daily_totals` cache.
    Cache,
    /// The postings themselves (for `verify`, which trusts no cache).
    Postings,
}

/// The balances of one account per commodity id at the end of `as_of`.
pub fn of_account_all(
    conn: &Connection,
    account: AccountId,
    as_of: NaiveDate,
    source: Source,
) -> Result<BTreeMap<CommodityId, i128>> {
    let sql = match source {
        Source::Cache => {
            "SELECT commodity_id, amount FROM daily_totals
             WHERE account_id = ?1 AND date <= ?2"
        }
        Source::Postings => {
            "SELECT p.commodity_id, p.amount FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.account_id = ?1 AND t.date <= ?2"
        }
    };
    let mut stmt = conn
        .prepare_cached(sql)
        .ctx("reading an account's balance")?;
    let mut rows = stmt
        .query(rusqlite::params![account, as_of])
        .ctx("reading an account's balance")?;
    let mut sums = BTreeMap::new();
    while let Some(r) = rows.next().ctx("reading an account's balance")? {
        let commodity: CommodityId = r.get(0).ctx("reading an account's balance")?;
        let amount: i64 = r.get(1).ctx("reading an account's balance")?;
        *sums.entry(commodity).or_insert(0i128) += i128::from(amount);
    }
    Ok(sums)
}

/// The balance of one account in one commodity at the end of `as_of`.
pub fn of_account(
    conn: &Connection,
    account: AccountId,
    commodity: CommodityId,
    as_of: NaiveDate,
) -> Result<i128> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT amount FROM daily_totals
             WHERE account_id = ?1 AND commodity_id = ?2 AND date <= ?3",
        )
        .ctx("reading an account's balance")?;
    let mut rows = stmt
        .query(rusqlite::params![account, commodity, as_of])
        .ctx("reading an account's balance")?;
    let mut sum = 0i128;
    while let Some(r) = rows.next().ctx("reading an account's balance")? {
        let amount: i64 = r.get(0).ctx("reading an account's balance")?;
        sum += i128::from(amount);
    }
    Ok(sum)
}

/// Totals per commodity over the given accounts, for postings dated before
/// `before` (all dates when None), ordered by commodity code.
pub fn by_commodity(
    conn: &Connection,
    accounts: &[AccountId],
    before: Option<NaiveDate>,
) -> Result<Vec<(Commodity, i128)>> {
    let ids = id_array(accounts);
    let mut stmt = conn
        .prepare_cached(
            "SELECT account_id, commodity_id, amount FROM daily_totals
             WHERE account_id IN rarray(?1) AND (?2 IS NULL OR date < ?2)",
        )
        .ctx("summing balances")?;
    let sums = sum_rows(&mut stmt.query(params![ids, before]).ctx("summing balances")?)?;
    let commodities = commodity_map(conn)?;
    let mut totals: HashMap<CommodityId, i128> = HashMap::new();
    for ((_, commodity), amount) in sums {
        *totals.entry(commodity).or_insert(0) += amount;
    }
    let mut totals: Vec<(Commodity, i128)> = totals
        .into_iter()
        .filter_map(|(id, amount)| Some((commodities.get(&id)?.clone(), amount)))
        .collect();
    totals.sort_by(|a, b| a.0.code().cmp(b.0.code()));
    Ok(totals)
}

/// What every account holds now, per (account id, commodity id), from the
/// `account_totals` cache.
pub fn current(conn: &Connection) -> Result<HashMap<(AccountId, CommodityId), i128>> {
    let mut stmt = conn
        .prepare_cached("SELECT account_id, commodity_id, amount FROM account_totals")
        .ctx("reading account totals")?;
    sum_rows(&mut stmt.query([]).ctx("reading account totals")?)
}

/// Streams the raw cache: (account id, commodity id, date, amount).
pub fn for_each_daily_total(
    conn: &Connection,
    mut f: impl FnMut(AccountId, CommodityId, String, i64),
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

/// The running balance of one account in one commodity, day by day: the
/// lowest it ever is, and the day it is reached (None without postings).
pub fn lowest(
    conn: &Connection,
    account: AccountId,
    commodity: CommodityId,
) -> Result<Option<(String, i128)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT date, amount FROM daily_totals WHERE account_id = ?1 AND commodity_id = ?2 ORDER BY date",
        )
        .ctx("reading daily totals")?;
    let mut rows = stmt
        .query(params![account, commodity])
        .ctx("reading daily totals")?;
    let mut running = 0;
    let mut lowest: Option<(String, i128)> = None;
    while let Some(r) = rows.next().ctx("reading daily totals")? {
        let date: String = r.get(0).ctx("reading daily totals")?;
        let amount: i64 = r.get(1).ctx("reading daily totals")?;
        running += i128::from(amount);
        if lowest.as_ref().is_none_or(|(_, low)| running < *low) {
            lowest = Some((date, running));
        }
    }
    Ok(lowest)
}

/// Debits and credits (as positive sums) per (account, commodity) over the
/// given accounts, for postings dated up to `as_of` (all when None).
pub fn flows(
    conn: &Connection,
    accounts: &[AccountId],
    as_of: Option<NaiveDate>,
) -> Result<Vec<(AccountId, CommodityId, i128, i128)>> {
    let ids = id_array(accounts);
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.account_id, p.commodity_id, p.amount FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.account_id IN rarray(?1) AND (?2 IS NULL OR t.date <= ?2)",
        )
        .ctx("summing postings")?;
    let mut rows = stmt.query(params![ids, as_of]).ctx("summing postings")?;
    let mut sums: HashMap<(AccountId, CommodityId), (i128, i128)> = HashMap::new();
    while let Some(r) = rows.next().ctx("summing postings")? {
        let key = (
            r.get(0).ctx("summing postings")?,
            r.get(1).ctx("summing postings")?,
        );
        let amount: i64 = r.get(2).ctx("summing postings")?;
        let entry = sums.entry(key).or_insert((0, 0));
        if amount > 0 {
            entry.0 += i128::from(amount);
        } else {
            entry.1 -= i128::from(amount);
        }
    }
    let mut flows: Vec<_> = sums
        .into_iter()
        .map(|((account, commodity), (debits, credits))| (account, commodity, debits, credits))
        .collect();
    flows.sort_unstable();
    Ok(flows)
}
