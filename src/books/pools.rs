//! Pool holdings: what each pool holds per commodity and how it got there,
//! what approved grants have committed of it, and what is left available.
//!
//! Restricted pools are summed from their tagged postings; the general pool
//! from the account balances of income, expense and equity accounts minus
//! what the restricted pools hold of them. Together they always add up to
//! the fund's net assets (assets plus liabilities, signed), which `verify`
//! checks independently. Writers check approvals and moves against
//! [`available`]; reports show [`holdings`]. Both sum from the store's
//! caches; `verify` hands [`holdings_committing`] its own sums of the
//! postings ([`Sums::Given`]), since it checks the caches against them.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::domain::account::{
    AccountType, CONVERSIONS_PREFIX, REALLOCATION_ACCOUNT, validate_account_name,
};
use crate::domain::date::iso;
use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::domain::money::{Commodity, Money};
use crate::error::Result;
use crate::store::{accounts, balances, commodities, pools};

/// One pool's holdings in one commodity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolHolding {
    pub pool: String,
    pub commodity: String,
    /// Income credited to the pool (contributions, less refunds).
    pub contributions: Money,
    pub moved_in: Money,
    pub moved_out: Money,
    /// Expenses charged to the pool (grants paid, other spending).
    pub spent: Money,
    /// Currency exchanges (`equity:conversions:…`): what the pool gave up
    /// in one commodity and received in another.
    pub converted: Money,
    /// Other equity entries (opening balances and the like).
    pub other: Money,
    pub held: Money,
    /// Approved grants not yet paid: earmarked, still held.
    pub committed: Money,
    /// Held less committed: what new approvals and moves can use.
    pub available: Money,
}

#[derive(Default, Clone, Copy)]
struct Flows {
    contributions: i128,
    moved_in: i128,
    moved_out: i128,
    spent: i128,
    converted: i128,
    other: i128,
}

impl Flows {
    /// Adds a posting `amount` (positive = debit) on `account` (moves on the
    /// reallocation account are counted apart, debits and credits separately).
    fn add(&mut self, account: &str, kind: AccountType, amount: i128) {
        match kind {
            AccountType::Income => self.contributions -= amount,
            AccountType::Expenses => self.spent += amount,
            AccountType::Equity if account.to_lowercase().starts_with(CONVERSIONS_PREFIX) => {
                self.converted -= amount;
            }
            AccountType::Equity => self.other -= amount,
            AccountType::Assets | AccountType::Liabilities => {}
        }
    }

    fn held(&self) -> i128 {
        self.contributions + self.moved_in - self.moved_out - self.spent
            + self.converted
            + self.other
    }
}

/// Holdings of every pool in every commodity it has seen, as of a day (all
/// dates when None), general pool first, then pools in the order they were
/// added, commodities by code.
pub fn holdings(conn: &Connection, as_of: Option<NaiveDate>) -> Result<Vec<PoolHolding>> {
    holdings_committing(conn, as_of, grants::committed(conn, as_of)?, Sums::Caches)
}

/// Where [`holdings_committing`] takes the sums of the postings from.
#[derive(Debug, Clone, Copy)]
pub enum Sums<'a> {
    /// The store's caches (`account_totals`, `daily_totals`, `pool_totals`,
    /// `pool_daily_totals`), kept by the journal's writer: every command.
    Caches,
    /// Sums recomputed from the postings by the caller: `verify`, which
    /// compares the caches with its own sums and so takes nothing from
    /// them.
    Given(&'a GivenSums),
}

/// The sums of the postings per day, per (account id, commodity id) and
/// per (pool id, account id, commodity id), as running totals, from which
/// the sums as of any day are read as the caches give them: a key only
/// once it was posted to by that day.
#[derive(Debug)]
pub struct GivenSums {
    accounts: BTreeMap<(AccountId, CommodityId), Vec<(NaiveDate, i128)>>,
    pools: BTreeMap<pools::TaggedKey, Vec<(NaiveDate, i128)>>,
}

impl GivenSums {
    /// From each key's sum on each day it was posted to (in any order).
    pub fn new<'a>(
        accounts: impl IntoIterator<Item = (&'a ((AccountId, CommodityId), NaiveDate), &'a i128)>,
        pools: impl IntoIterator<Item = (&'a (pools::TaggedKey, NaiveDate), &'a i128)>,
    ) -> GivenSums {
        GivenSums {
            accounts: running(accounts),
            pools: running(pools),
        }
    }

    /// Each key's sum at the end of `as_of` (now when None), in key order,
    /// for the keys posted to by then.
    fn as_of<K: Copy>(
        days: &BTreeMap<K, Vec<(NaiveDate, i128)>>,
        as_of: Option<NaiveDate>,
    ) -> impl Iterator<Item = (K, i128)> {
        days.iter().filter_map(move |(&key, running)| {
            let through = match as_of {
                Some(day) => running.partition_point(|(date, _)| *date <= day),
                None => running.len(),
            };
            through.checked_sub(1).map(|last| (key, running[last].1))
        })
    }
}

/// Per key, its days in order with the sum through each.
fn running<'a, K: Ord + Copy + 'a>(
    days: impl IntoIterator<Item = (&'a (K, NaiveDate), &'a i128)>,
) -> BTreeMap<K, Vec<(NaiveDate, i128)>> {
    let mut by_key: BTreeMap<K, Vec<(NaiveDate, i128)>> = BTreeMap::new();
    for (&(key, day), &amount) in days {
        by_key.entry(key).or_default().push((day, amount));
    }
    for days in by_key.values_mut() {
        days.sort_unstable_by_key(|(day, _)| *day);
        let mut sum = 0;
        for (_, amount) in days.iter_mut() {
            sum += *amount;
            *amount = sum;
        }
    }
    by_key
}

/// [`holdings`], with what approved grants have committed as of the same
/// day given, per (pool id, commodity code), and the sums of the postings
/// taken from `sums` (`verify` gives its own replay of every grant and its
/// own sums rather than the derived state it checks).
pub fn holdings_committing(
    conn: &Connection,
    as_of: Option<NaiveDate>,
    committed: HashMap<(PoolId, String), i128>,
    sums: Sums<'_>,
) -> Result<Vec<PoolHolding>> {
    let pools = pools::all(conn)?;
    let accounts = accounts::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let kind = |name: &str| validate_account_name(name).ok();
    // (pool id, commodity code) → flows; pool id GENERAL for the general pool.
    let mut flows: BTreeMap<(PoolId, String), Flows> = BTreeMap::new();
    let mut tagged_by_account: HashMap<(AccountId, CommodityId), i128> = HashMap::new();
    let as_of_text = as_of.map(iso);
    let (tagged, balances): (Vec<_>, Vec<_>) = match sums {
        Sums::Caches => (
            pools::tagged_sums(conn, as_of_text.as_deref())?,
            balances::by_id(conn, as_of)?.into_iter().collect(),
        ),
        Sums::Given(given) => (
            GivenSums::as_of(&given.pools, as_of).collect(),
            GivenSums::as_of(&given.accounts, as_of).collect(),
        ),
    };
    for ((pool, account, commodity), amount) in tagged {
        let (Some(name), Some(c)) = (accounts.get(&account), commodities.get(&commodity)) else {
            continue;
        };
        if name == REALLOCATION_ACCOUNT {
            continue;
        }
        if let Some(k) = kind(name) {
            flows
                .entry((pool, c.code().to_owned()))
                .or_default()
                .add(name, k, amount);
        }
        *tagged_by_account.entry((account, commodity)).or_insert(0) += amount;
    }
    for ((account, commodity), amount) in balances {
        let (Some(name), Some(c)) = (accounts.get(&account), commodities.get(&commodity)) else {
            continue;
        };
        if name == REALLOCATION_ACCOUNT {
            continue;
        }
        let untagged = amount
            - tagged_by_account
                .get(&(account, commodity))
                .copied()
                .unwrap_or(0);
        if let Some(k) = kind(name) {
            flows
                .entry((pools::GENERAL, c.code().to_owned()))
                .or_default()
                .add(name, k, untagged);
        }
    }
    if let Some((&id, _)) = accounts
        .iter()
        .find(|(_, name)| *name == REALLOCATION_ACCOUNT)
    {
        for ((pool, commodity), (debits, credits)) in
            pools::account_moves(conn, id, as_of_text.as_deref())?
        {
            if let Some(c) = commodities.get(&commodity) {
                let f = flows
                    .entry((pool.unwrap_or(pools::GENERAL), c.code().to_owned()))
                    .or_default();
                f.moved_out += debits;
                f.moved_in += credits;
            }
        }
    }
    let decimals: HashMap<&str, u32> = commodities
        .values()
        .map(|c| (c.code(), c.decimals()))
        .collect();
    let mut rows = Vec::new();
    for pool in &pools {
        for ((_, code), f) in flows
            .range((pool.id, String::new())..)
            .take_while(|((id, _), _)| *id == pool.id)
        {
            let money =
                |minor| Money::stored(minor, decimals.get(code.as_str()).copied().unwrap_or(0));
            rows.push(PoolHolding {
                pool: pool.name.clone(),
                commodity: code.clone(),
                contributions: money(f.contributions),
                moved_in: money(f.moved_in),
                moved_out: money(f.moved_out),
                spent: money(f.spent),
                converted: money(f.converted),
                other: money(f.other),
                held: money(f.held()),
                committed: money(
                    committed
                        .get(&(pool.id, code.clone()))
                        .copied()
                        .unwrap_or(0),
                ),
                available: money(
                    f.held()
                        - committed
                            .get(&(pool.id, code.clone()))
                            .copied()
                            .unwrap_or(0),
                ),
            });
        }
    }
    Ok(rows)
}

/// What a pool has available in a commodity at the end of `day` (with
/// everything recorded, when None): held, less what approved grants
/// committed and have not paid yet.
pub fn available(
    conn: &Connection,
    pool: PoolId,
    commodity: &Commodity,
    day: Option<NaiveDate>,
) -> Result<i128> {
    let name = pools::names_by_id(conn)?.remove(&pool).unwrap_or_default();
    Ok(holdings(conn, day)?
        .into_iter()
        .find(|h| h.pool == name && h.commodity == commodity.code())
        .map_or(0, |h| h.available.minor()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
    }

    #[test]
    fn given_sums_read_as_the_caches_do_on_any_day() {
        let (a, b) = (AccountId::new(1), AccountId::new(2));
        let usd = CommodityId::new(1);
        let days: HashMap<((AccountId, CommodityId), NaiveDate), i128> = [
            (((a, usd), day(5)), 300),
            (((a, usd), day(1)), 100),
            (((a, usd), day(9)), -400),
            (((b, usd), day(7)), 50),
        ]
        .into_iter()
        .collect();
        let given = GivenSums::new(&days, &HashMap::new());
        let on = |as_of| GivenSums::as_of(&given.accounts, as_of).collect::<Vec<_>>();
        // Before its first day a key has no sum at all; on a day, the sum
        // of every day up to and including it; a sum back at zero stays.
        assert_eq!(on(Some(day(4))), [((a, usd), 100)]);
        assert_eq!(on(Some(day(5))), [((a, usd), 400)]);
        assert_eq!(on(Some(day(8))), [((a, usd), 400), ((b, usd), 50)]);
        assert_eq!(on(Some(day(9))), [((a, usd), 0), ((b, usd), 50)]);
        assert_eq!(on(None), on(Some(day(9))));
        assert!(GivenSums::as_of(&given.pools, None).next().is_none());
    }
}
