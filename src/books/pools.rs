//! Pool holdings: what each pool holds per commodity and how it got there,
//! what approved grants have committed of it, and what is left available.
//!
//! Restricted pools are summed from their tagged postings; the general pool
//! from the account balances of income, expense and equity accounts minus
//! what the restricted pools hold of them. Together they always add up to
//! the fund's net assets (assets plus liabilities, signed), which `verify`
//! checks independently. Writers check approvals and moves against
//! [`available`]; reports show [`holdings`].

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::domain::account::{
    AccountType, CONVERSIONS_PREFIX, REALLOCATION_ACCOUNT, validate_account_name,
};
use crate::domain::date::iso;
use crate::domain::ids::PoolId;
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
    holdings_committing(conn, as_of, grants::committed(conn, as_of)?)
}

/// [`holdings`], with what approved grants have committed as of the same
/// day given, per (pool id, commodity code) (`verify` gives its own replay
/// of every grant rather than the derived state it checks).
pub fn holdings_committing(
    conn: &Connection,
    as_of: Option<NaiveDate>,
    committed: HashMap<(PoolId, String), i128>,
) -> Result<Vec<PoolHolding>> {
    let pools = pools::all(conn)?;
    let accounts = accounts::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let kind = |name: &str| validate_account_name(name).ok();
    // (pool id, commodity code) → flows; pool id GENERAL for the general pool.
    let mut flows: BTreeMap<(PoolId, String), Flows> = BTreeMap::new();
    let mut tagged_by_account: HashMap<(String, String), i128> = HashMap::new();
    let as_of_text = as_of.map(iso);
    for ((pool, account, commodity), amount) in pools::tagged_sums(conn, as_of_text.as_deref())? {
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
        *tagged_by_account
            .entry((name.clone(), c.code().to_owned()))
            .or_insert(0) += amount;
    }
    for b in balances::by_account(conn, as_of)? {
        if b.account == REALLOCATION_ACCOUNT {
            continue;
        }
        let untagged = b.amount
            - tagged_by_account
                .get(&(b.account.clone(), b.commodity.code().to_owned()))
                .copied()
                .unwrap_or(0);
        if let Some(k) = kind(&b.account) {
            flows
                .entry((pools::GENERAL, b.commodity.code().to_owned()))
                .or_default()
                .add(&b.account, k, untagged);
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
