//! The journal's derived caches compared with the sums the journal pass
//! recomputed from the postings (V108): `daily_totals` and `account_totals`
//! per account, `pool_daily_totals` and `pool_totals` per pool and account.
//!
//! Rule: no cache is trusted. Every row it holds and every sum it lacks is
//! compared with the postings'; a changed posting is one finding (its day),
//! not two (its day and its current total).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Checker, Names, codes};
use crate::domain::FastMap;
use crate::domain::date::iso;
use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::error::Result;
use crate::store::{balances, pools};

/// Sums recomputed from the postings, per key and day.
pub(super) type Days<K> = FastMap<(K, NaiveDate), i128>;

/// Reports every account's and every pool's cached day and current total
/// that disagrees with `accounts` and `pools`, the sums of the postings.
pub(super) fn check(
    conn: &Connection,
    names: &Names,
    checker: &mut Checker,
    accounts: Days<(AccountId, CommodityId)>,
    pools: Days<(PoolId, AccountId, CommodityId)>,
) -> Result<()> {
    let mut now: HashMap<(AccountId, CommodityId), i128> = HashMap::new();
    for (&(key, _), amount) in &accounts {
        *now.entry(key).or_insert(0) += amount;
    }
    let mut days = Stale::new(accounts);
    balances::for_each_daily_total(conn, |account, commodity, date, amount| {
        days.day((account, commodity), date, amount);
    })?;
    let stale = days.finish(now, balances::current(conn)?, |sum| *sum == 0);
    for ((account, commodity), date) in stale {
        let where_ = format!(
            "account {} {}",
            names.account(account),
            names.commodity(commodity)
        );
        report(checker, where_, date, "the balance cache");
    }
    // A pool's current total carries the first day posted to, which says
    // what the pool had seen by a day.
    let mut now: HashMap<(PoolId, AccountId, CommodityId), (i128, NaiveDate)> = HashMap::new();
    for (&(key, day), amount) in &pools {
        let (sum, since) = now.entry(key).or_insert((0, day));
        *sum += amount;
        *since = (*since).min(day);
    }
    let now = now
        .into_iter()
        .map(|(key, (sum, since))| (key, (sum, iso(since))))
        .collect();
    let mut days = Stale::new(pools);
    pools::for_each_daily_total(conn, |key, date, amount| days.day(key, date, amount))?;
    let stale = days.finish(now, pools::current_totals(conn)?, |_| false);
    for ((pool, account, commodity), date) in stale {
        let where_ = format!(
            "pool {} account {} {}",
            names.pool(pool),
            names.account(account),
            names.commodity(commodity)
        );
        report(checker, where_, date, "the pool cache");
    }
    Ok(())
}

fn report(checker: &mut Checker, where_: String, date: Option<String>, cache: &str) {
    let when = date.map_or_else(|| "(current total)".to_owned(), |date| format!("on {date}"));
    checker.find(
        codes::TOTALS_MISMATCH,
        format!("{where_} {when}"),
        format!("{cache} disagrees with the postings"),
    );
}

/// One cache's comparison: the days first, streamed from the cache, then
/// the current totals.
struct Stale<K> {
    expected: Days<K>,
    days: Vec<(K, String)>,
}

impl<K: Copy + Eq + Hash + Ord> Stale<K> {
    fn new(expected: Days<K>) -> Self {
        Stale {
            expected,
            days: Vec::new(),
        }
    }

    /// One cached row: stale unless the postings sum to it on that day.
    fn day(&mut self, key: K, date: String, amount: i64) {
        let expected = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .ok()
            .and_then(|day| self.expected.remove(&(key, day)));
        if expected != Some(i128::from(amount)) {
            self.days.push((key, date));
        }
    }

    /// The stale days (with those the cache lacks) and, for keys without a
    /// stale day, the current totals in `cached` that differ from `now`
    /// (a missing one counts as `empty`), sorted by key and day.
    fn finish<V: PartialEq>(
        self,
        mut now: HashMap<K, V>,
        cached: impl IntoIterator<Item = (K, V)>,
        empty: impl Fn(&V) -> bool,
    ) -> Vec<(K, Option<String>)> {
        let mut days = self.days;
        days.extend(
            self.expected
                .into_iter()
                .filter(|(_, v)| *v != 0)
                .map(|((key, day), _)| (key, iso(day))),
        );
        let daily: HashSet<K> = days.iter().map(|(key, _)| *key).collect();
        let mut totals: Vec<K> = cached
            .into_iter()
            .filter(|(key, value)| match now.remove(key) {
                Some(expected) => expected != *value,
                None => !empty(value),
            })
            .map(|(key, _)| key)
            .collect();
        totals.extend(
            now.into_iter()
                .filter(|(_, value)| !empty(value))
                .map(|(key, _)| key),
        );
        totals.retain(|key| !daily.contains(key));
        let mut stale: Vec<(K, Option<String>)> = days
            .into_iter()
            .map(|(key, date)| (key, Some(date)))
            .chain(totals.into_iter().map(|key| (key, None)))
            .collect();
        stale.sort();
        stale
    }
}
