//! Pool holdings: what each pool holds per commodity, and how it got there.
//!
//! Restricted pools are summed from their tagged postings; the general pool
//! from the account balances of income, expense and equity accounts minus
//! what the restricted pools hold of them. Together they always add up to
//! the fund's net assets (assets plus liabilities, signed), which `verify`
//! checks independently.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::error::Result;
use crate::ops::pools::REALLOCATION_ACCOUNT;
use crate::render::Row;
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

impl Row for PoolHolding {
    const COLUMNS: &'static [&'static str] = &[
        "pool",
        "commodity",
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
        "held",
        "committed",
        "available",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
        "held",
        "committed",
        "available",
    ];
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
            AccountType::Equity if account.to_lowercase().starts_with("equity:conversions:") => {
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
    let pools = pools::all(conn)?;
    let accounts = accounts::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let kind = |name: &str| validate_account_name(name).ok();
    // (pool id, commodity code) → flows; pool id GENERAL for the general pool.
    let mut flows: BTreeMap<(i64, String), Flows> = BTreeMap::new();
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
                .entry((pool, c.code.clone()))
                .or_default()
                .add(name, k, amount);
        }
        *tagged_by_account
            .entry((name.clone(), c.code.clone()))
            .or_insert(0) += amount;
    }
    for b in balances::by_account(conn, as_of)? {
        if b.account == REALLOCATION_ACCOUNT {
            continue;
        }
        let untagged = b.amount
            - tagged_by_account
                .get(&(b.account.clone(), b.commodity.code.clone()))
                .copied()
                .unwrap_or(0);
        if let Some(k) = kind(&b.account) {
            flows
                .entry((pools::GENERAL, b.commodity.code.clone()))
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
                    .entry((pool.unwrap_or(pools::GENERAL), c.code.clone()))
                    .or_default();
                f.moved_out += debits;
                f.moved_in += credits;
            }
        }
    }
    let mut committed: HashMap<(i64, String), i128> = HashMap::new();
    for id in crate::ops::grants::ids(conn)? {
        let grant = crate::ops::grants::load(conn, id)?;
        *committed
            .entry((grant.pool, grant.commodity.code.clone()))
            .or_insert(0) += i128::from(grant.outstanding_on(as_of));
    }
    let decimals: HashMap<&str, u32> = commodities
        .values()
        .map(|c| (c.code.as_str(), c.decimals))
        .collect();
    let mut rows = Vec::new();
    for pool in &pools {
        for ((_, code), f) in flows
            .range((pool.id, String::new())..)
            .take_while(|((id, _), _)| *id == pool.id)
        {
            let money = |minor| Money {
                minor,
                decimals: decimals.get(code.as_str()).copied().unwrap_or(0),
            };
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

/// A pool with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolRow {
    pub pool: String,
    pub purpose: String,
    pub guidelines: Option<String>,
    /// Holdings per commodity, e.g. `500.00 USD, 12 HOURS` (empty: nothing).
    pub held: String,
}

impl Row for PoolRow {
    const COLUMNS: &'static [&'static str] = &["pool", "purpose", "guidelines", "held"];
}

/// Every pool, general first, with its non-zero holdings as of a day.
pub fn list(conn: &Connection, as_of: Option<NaiveDate>) -> Result<Vec<PoolRow>> {
    let holdings = holdings(conn, as_of)?;
    Ok(pools::all(conn)?
        .into_iter()
        .map(|p| PoolRow {
            held: holdings
                .iter()
                .filter(|h| h.pool == p.name && h.held.minor != 0)
                .map(|h| format!("{} {}", h.held, h.commodity))
                .collect::<Vec<_>>()
                .join(", "),
            pool: p.name,
            purpose: p.purpose,
            guidelines: p.guidelines,
        })
        .collect())
}

/// One pool's holdings breakdown per commodity.
pub fn show(conn: &Connection, name: &str, as_of: Option<NaiveDate>) -> Result<Vec<PoolHolding>> {
    let pool =
        pools::find_by_key(conn, &crate::domain::account::name_key(name))?.ok_or_else(|| {
            crate::error::Error::UnknownPool {
                name: name.to_owned(),
            }
        })?;
    Ok(holdings(conn, as_of)?
        .into_iter()
        .filter(|h| h.pool == pool.name)
        .collect())
}

/// A pool's holdings over a period in one commodity: what it held before,
/// what came in, moved and went out during it, and what it held at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolPeriodRow {
    pub pool: String,
    pub commodity: String,
    pub opening: Money,
    pub contributions: Money,
    pub moved_in: Money,
    pub moved_out: Money,
    pub spent: Money,
    pub converted: Money,
    pub other: Money,
    pub closing: Money,
    pub committed: Money,
    pub available: Money,
    /// With `--in`: the closing holdings in that currency.
    pub closing_in: Option<Money>,
    /// With `--in`: the rate used and its date.
    pub conversion: String,
}

impl Row for PoolPeriodRow {
    const COLUMNS: &'static [&'static str] = &[
        "pool",
        "commodity",
        "opening",
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
        "closing",
        "committed",
        "available",
        "closing_in",
        "conversion",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "opening",
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
        "closing",
        "committed",
        "available",
        "closing_in",
    ];
}

/// Every pool's holdings over a span: the closing breakdown less the one at
/// the eve of the span gives the flows within it (opening + contributions +
/// moved in − moved out − spent + converted + other = closing).
pub fn period(
    conn: &Connection,
    span: &crate::domain::period::Span,
    converter: Option<&crate::report::convert::Converter>,
) -> Result<Vec<PoolPeriodRow>> {
    let before = holdings(conn, Some(crate::report::flows::eve(span.from)))?;
    let after = holdings(conn, Some(span.to))?;
    let mut keys: Vec<(String, String)> = after
        .iter()
        .map(|h| (h.pool.clone(), h.commodity.clone()))
        .collect();
    for h in &before {
        if !keys.iter().any(|(p, c)| *p == h.pool && *c == h.commodity) {
            keys.push((h.pool.clone(), h.commodity.clone()));
        }
    }
    let mut rows = Vec::new();
    for (pool, commodity) in keys {
        let find = |list: &[PoolHolding]| {
            list.iter()
                .find(|h| h.pool == pool && h.commodity == commodity)
                .cloned()
        };
        let (b, a) = (find(&before), find(&after));
        let decimals = a.as_ref().or(b.as_ref()).map_or(0, |h| h.held.decimals);
        let field = |h: &Option<PoolHolding>, f: fn(&PoolHolding) -> Money| {
            h.as_ref().map_or(0, |h| f(h).minor)
        };
        let money = |minor| Money { minor, decimals };
        let change = |f: fn(&PoolHolding) -> Money| money(field(&a, f) - field(&b, f));
        let closing = money(field(&a, |h| h.held));
        let moved = [
            |h: &PoolHolding| h.contributions,
            |h: &PoolHolding| h.moved_in,
            |h: &PoolHolding| h.moved_out,
            |h: &PoolHolding| h.spent,
            |h: &PoolHolding| h.converted,
            |h: &PoolHolding| h.other,
            |h: &PoolHolding| h.held,
            |h: &PoolHolding| h.committed,
        ];
        if moved
            .iter()
            .all(|f| field(&a, *f) == 0 && field(&b, *f) == 0)
        {
            continue;
        }
        let (closing_in, conversion) =
            crate::report::convert::Converter::maybe(converter, &commodity, closing)?;
        rows.push(PoolPeriodRow {
            opening: money(field(&b, |h| h.held)),
            contributions: change(|h| h.contributions),
            moved_in: change(|h| h.moved_in),
            moved_out: change(|h| h.moved_out),
            spent: change(|h| h.spent),
            converted: change(|h| h.converted),
            other: change(|h| h.other),
            closing,
            committed: money(field(&a, |h| h.committed)),
            available: money(field(&a, |h| h.available)),
            closing_in,
            conversion,
            pool,
            commodity,
        });
    }
    Ok(rows)
}
