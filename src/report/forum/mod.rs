//! The open-forum report's data: everything a community meeting is shown
//! about a period, gathered from the period reports themselves (summary,
//! pools, grant register, pooled purchases, budget, metrics), so the page can never tell a
//! different story from `fondo report …`. The only figures made here are
//! the monthly money in and out of the chart, and they come from the same
//! flows the summary adds up ([`crate::report::flows`]), so the months of a
//! commodity sum to the summary's inflows and outflows of it.
//!
//! The page is for an audience: the grant register shows applicants, and
//! the pooled purchases the member groups, as that audience may see them
//! (pseudonyms, or anonymous); every other figure is about money, not people.
//! [`document`] composes the page from these rows; laying it out is
//! [`crate::render`]'s job.

pub mod messages;
mod page;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::domain::currency;
use crate::domain::hash::GENESIS;
use crate::domain::member::{Audience, HiddenNames};
use crate::domain::money::Money;
use crate::domain::period::{PeriodState, Span, standing_of};
use crate::error::Result;
use crate::report::budget::{self, BudgetRow};
use crate::report::flows::{Direction, flows};
use crate::report::grants::{self, RegisterRow};
use crate::report::metrics::{self, MetricRow};
use crate::report::pools::{self, PoolPeriodRow};
use crate::report::purchases::{self, PurchaseRow};
use crate::report::summary::{self, SummaryRow};
use crate::store::{fund, records};

pub use page::document;

/// Money that came in and went out of the fund in one month, in one
/// currency (moves between pools and currency exchanges are neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    pub commodity: String,
    pub inflow: Money,
    pub outflow: Money,
}

/// The two hash chains' heads, as `fondo verify` and an audit bundle give
/// them, so members can match the bundle they receive with the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The journal's head hash: the ledger's fingerprint.
    pub ledger: String,
    pub transactions: i64,
    /// The governance records' head hash.
    pub records: String,
    pub record_count: i64,
    /// The SHA-256 of MANIFEST.csv of the audit bundle written for the same
    /// period from the same books, when the page is made with it.
    pub manifest: Option<String>,
}

/// Everything the forum page shows.
#[derive(Debug, Clone)]
pub struct Forum {
    pub fund: String,
    pub span: Span,
    /// The period the metrics are compared with.
    pub previous: Span,
    pub audience: Audience,
    pub summary: Vec<SummaryRow>,
    pub pools: Vec<PoolPeriodRow>,
    /// Every month of the span for every currency with money in or out.
    pub months: Vec<MonthRow>,
    pub grants: Vec<RegisterRow>,
    /// The pooled purchases opened in the span: who owes whom, the lines of
    /// money of `report purchases` (its per-item units are not shown).
    pub purchases: Vec<PurchaseRow>,
    pub budget: Vec<BudgetRow>,
    pub metrics: Vec<MetricRow>,
    pub fingerprint: Fingerprint,
    /// Whether the period is closed (or was reopened, and why): the state
    /// of the closed period that is it or holds it, `None` when it was
    /// never closed; reasons with names the audience may not see replaced.
    pub standing: Option<PeriodState>,
}

/// Gathers the forum report of `span` for `audience`.
pub fn forum(conn: &Connection, span: &Span, audience: Audience) -> Result<Forum> {
    let stored = fund::get(conn)?;
    let (records_head, record_count) =
        records::head(conn)?.unwrap_or_else(|| (GENESIS.to_owned(), 0));
    let summary = summary::summary(conn, span, None)?;
    let members = crate::store::members::all(conn)?;
    let hidden = HiddenNames::new(
        audience,
        &fund::secret(conn)?,
        members
            .iter()
            .map(|m| (m.id, m.name.as_str(), m.visibility)),
    );
    let states = crate::store::records::period_states(conn)?;
    let standing = standing_of(&states, span).cloned().map(|mut state| {
        state.close_reason = hidden.redact(&state.close_reason);
        for r in state.reopenings.iter_mut().chain(state.reopened.as_mut()) {
            r.reason = hidden.redact(&r.reason);
        }
        state
    });
    Ok(Forum {
        standing,
        fund: stored.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
        span: span.clone(),
        previous: span.previous(),
        audience,
        summary,
        pools: pools::period(conn, span, None)?,
        months: months(conn, span)?,
        grants: grants::register(conn, audience, span)?,
        purchases: purchases::purchases(conn, span, audience)?
            .into_iter()
            .filter(PurchaseRow::is_money)
            .collect(),
        budget: budget::budget(conn, span, None)?,
        metrics: metrics::metrics(conn, span, None)?,
        fingerprint: Fingerprint {
            ledger: stored
                .as_ref()
                .map_or_else(|| GENESIS.to_owned(), |f| f.head_hash.clone()),
            transactions: stored.map_or(0, |f| f.txn_count),
            records: records_head,
            record_count,
            manifest: None,
        },
    })
}

/// `YYYY-MM` of every month the span touches, in order.
fn month_labels(span: &Span) -> Vec<String> {
    let mut labels = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(span.from.year(), span.from.month(), 1);
    while let Some(first) = day.filter(|d| *d <= span.to) {
        labels.push(first.format("%Y-%m").to_string());
        day = first.checked_add_months(chrono::Months::new(1));
    }
    labels
}

/// Money in and out per month and currency, over every pool.
fn months(conn: &Connection, span: &Span) -> Result<Vec<MonthRow>> {
    // commodity → month → (decimals, in, out)
    let mut sums: BTreeMap<String, BTreeMap<String, (u32, i128, i128)>> = BTreeMap::new();
    for f in flows(conn, span)? {
        if currency::known(&f.commodity).is_none() {
            continue;
        }
        let entry = sums
            .entry(f.commodity.clone())
            .or_default()
            .entry(f.month.clone())
            .or_insert((f.decimals, 0, 0));
        match f.kind.direction() {
            Direction::In => entry.1 += f.amount,
            Direction::Out => entry.2 += f.amount,
            Direction::Within => {}
        }
    }
    let labels = month_labels(span);
    let mut rows = Vec::new();
    for (commodity, by_month) in sums {
        if by_month.values().all(|(_, i, o)| *i == 0 && *o == 0) {
            continue;
        }
        let decimals = by_month.values().next().map_or(0, |v| v.0);
        for month in &labels {
            let (_, inflow, outflow) = by_month.get(month).copied().unwrap_or((decimals, 0, 0));
            rows.push(MonthRow {
                month: month.clone(),
                commodity: commodity.clone(),
                inflow: Money::stored(inflow, decimals),
                outflow: Money::stored(outflow, decimals),
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_of_a_span() {
        let q = Span::parse("2026-Q2").unwrap();
        assert_eq!(month_labels(&q), ["2026-04", "2026-05", "2026-06"]);
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let odd = Span::between(d(2025, 12, 20), d(2026, 2, 1)).unwrap();
        assert_eq!(month_labels(&odd), ["2025-12", "2026-01", "2026-02"]);
        let one = Span::between(d(2026, 3, 5), d(2026, 3, 5)).unwrap();
        assert_eq!(month_labels(&one), ["2026-03"]);
    }
}
