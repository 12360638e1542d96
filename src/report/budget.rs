//! Budget against actual: for every budget of a period within the report's
//! span, what its pool spent on its category in its commodity during the
//! budget's period, the difference and the share used; then spending in the
//! span that no budget covers.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::books::budgets::{covers, in_force};
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::Result;
use crate::render::Row;
use crate::report::convert::Converter;
use crate::report::flows::{Flow, flows};
use crate::store::{commodities, pools};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetRow {
    pub period: String,
    pub pool: String,
    pub category: String,
    pub commodity: String,
    /// Empty for spending no budget covers.
    pub budget: Option<Money>,
    pub actual: Money,
    /// Budget less actual: negative when overspent.
    pub difference: Option<Money>,
    /// Actual as a percentage of the budget, to one decimal place.
    pub used_percent: Option<Decimal>,
    /// With `--in`: budget and actual in that currency.
    pub budget_in: Option<Money>,
    pub actual_in: Option<Money>,
    pub conversion: String,
}

impl Row for BudgetRow {
    const COLUMNS: &'static [&'static str] = &[
        "period",
        "pool",
        "category",
        "commodity",
        "budget",
        "actual",
        "difference",
        "used_percent",
        "budget_in",
        "actual_in",
        "conversion",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "budget",
        "actual",
        "difference",
        "used_percent",
        "budget_in",
        "actual_in",
    ];
}

/// `part` as a percentage of `whole`, to one decimal place (half to even);
/// None when `whole` is zero.
pub fn percent(part: i128, whole: i128) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    let ratio = Decimal::from_i128_with_scale(part, 0)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from_i128_with_scale(whole, 0))?;
    let mut rounded = ratio.round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(1);
    Some(rounded)
}

/// Budget against actual for the budgets whose period lies within `span`.
pub fn budget(
    conn: &Connection,
    span: &Span,
    converter: Option<&Converter>,
) -> Result<Vec<BudgetRow>> {
    let pool_names = pools::names_by_id(conn)?;
    let decimals: BTreeMap<String, u32> = commodities::by_id(conn)?
        .into_values()
        .map(|c| (c.code().to_owned(), c.decimals()))
        .collect();
    let spent: Vec<Flow> = flows(conn, span)?
        .into_iter()
        .filter(|f| f.category().is_some())
        .collect();
    let mut rows = Vec::new();
    let mut covered = vec![false; spent.len()];
    for (_, b) in in_force(conn)? {
        let period = Span::parse(&b.period)?;
        if period.from < span.from || period.to > span.to {
            continue;
        }
        let pool = pool_names.get(&b.pool).cloned().unwrap_or_default();
        let places = decimals.get(&b.commodity).copied().unwrap_or(0);
        let mut actual = 0;
        for (n, f) in spent.iter().enumerate() {
            let in_period = f.month.as_str() >= &period.from.to_string()[..7]
                && f.month.as_str() <= &period.to.to_string()[..7];
            if f.pool == pool
                && f.commodity == b.commodity
                && in_period
                && f.category().is_some_and(|c| covers(&b.category, &c))
            {
                actual += f.amount;
                covered[n] = true;
            }
        }
        let money = |minor| Money::stored(minor, places);
        let budget = i128::from(b.amount);
        rows.push(BudgetRow {
            period: b.period.clone(),
            pool,
            category: b.category.clone(),
            commodity: b.commodity.clone(),
            budget: Some(money(budget)),
            actual: money(actual),
            difference: Some(money(budget - actual)),
            used_percent: percent(actual, budget),
            budget_in: None,
            actual_in: None,
            conversion: String::new(),
        });
    }
    let mut unbudgeted: BTreeMap<(String, String, String), Money> = BTreeMap::new();
    for (f, _) in spent.iter().zip(&covered).filter(|(_, c)| !**c) {
        let key = (
            f.pool.clone(),
            f.category().unwrap_or_default(),
            f.commodity.clone(),
        );
        unbudgeted
            .entry(key)
            .or_insert(Money::stored(0, f.decimals))
            .add(f.amount);
    }
    for ((pool, category, commodity), actual) in unbudgeted {
        if actual.minor() == 0 {
            continue;
        }
        rows.push(BudgetRow {
            period: span.label.clone(),
            pool,
            category,
            commodity,
            budget: None,
            actual,
            difference: None,
            used_percent: None,
            budget_in: None,
            actual_in: None,
            conversion: String::new(),
        });
    }
    if let Some(converter) = converter {
        for r in &mut rows {
            let (actual_in, how) = Converter::maybe(Some(converter), &r.commodity, r.actual)?;
            r.actual_in = actual_in;
            r.budget_in = match r.budget {
                Some(b) => Converter::maybe(Some(converter), &r.commodity, b)?.0,
                None => None,
            };
            r.conversion = how;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_are_rounded_to_one_place() {
        assert_eq!(percent(1, 3).unwrap().to_string(), "33.3");
        assert_eq!(percent(2, 3).unwrap().to_string(), "66.7");
        assert_eq!(percent(150, 100).unwrap().to_string(), "150.0");
        assert_eq!(percent(5, 0), None);
    }
}

/// A budget in force, as `budget list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetSetRow {
    pub period: String,
    pub pool: String,
    pub category: String,
    pub commodity: String,
    pub amount: Money,
    pub set_at: String,
}

impl Row for BudgetSetRow {
    const COLUMNS: &'static [&'static str] = &[
        "period",
        "pool",
        "category",
        "commodity",
        "amount",
        "set_at",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["amount"];
}

/// The budgets in force, by period, pool and category.
pub fn list(conn: &Connection) -> Result<Vec<BudgetSetRow>> {
    let pool_names = pools::names_by_id(conn)?;
    let decimals: BTreeMap<String, u32> = commodities::by_id(conn)?
        .into_values()
        .map(|c| (c.code().to_owned(), c.decimals()))
        .collect();
    let mut rows: Vec<BudgetSetRow> = in_force(conn)?
        .into_iter()
        .map(|(at, b)| BudgetSetRow {
            pool: pool_names.get(&b.pool).cloned().unwrap_or_default(),
            amount: Money::stored(
                i128::from(b.amount),
                decimals.get(&b.commodity).copied().unwrap_or(0),
            ),
            set_at: at.replace('T', " "),
            period: b.period,
            category: b.category,
            commodity: b.commodity,
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.period, &a.pool, &a.category, &a.commodity).cmp(&(
            &b.period,
            &b.pool,
            &b.category,
            &b.commodity,
        ))
    });
    Ok(rows)
}
