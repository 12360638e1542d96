//! The pool reports: every pool with what it holds, one pool's holdings
//! breakdown, and every pool's holdings over a period. The holdings
//! themselves are computed by [`crate::books::pools::holdings`].

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::pools::{PoolHolding, holdings};
use crate::domain::money::Money;
use crate::error::Result;
use crate::render::Row;
use crate::store::pools;

/// Holdings are computed in `books`; here is how they are shown.
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
                .filter(|h| h.pool == p.name && h.held.minor() != 0)
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
        let decimals = a.as_ref().or(b.as_ref()).map_or(0, |h| h.held.decimals());
        let field = |h: &Option<PoolHolding>, f: fn(&PoolHolding) -> Money| {
            h.as_ref().map_or(0, |h| f(h).minor())
        };
        let money = |minor| Money::stored(minor, decimals);
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
