//! `fondo report summary`: a period in one table — holdings at the opening
//! and the close per pool and commodity, what came in by kind, what went out
//! (grants by category, operating costs), what moved between pools or
//! currencies, what is committed to approved grants at the close, and how
//! many contributors and grants there were, and whether the period is
//! closed (or was reopened, and why).
//!
//! Every pool and commodity reconciles within the report: opening + inflows
//! − outflows + within = closing (see [`crate::report::flows`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::books::pools::{PoolHolding, holdings};
use crate::domain::grant::Status;
use crate::domain::ids::{MemberId, TxnId};
use crate::domain::money::Money;
use crate::domain::period::{Span, standing_of, standing_sentence};
use crate::error::Result;
use crate::render::Row;
use crate::report::convert::Converter;
use crate::report::flows::{Direction, eve, flows};
use crate::store::members;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    /// opening, inflow, outflow, within, closing, committed, count, or
    /// period (last: open, closed or reopened, said in words in detail).
    pub section: &'static str,
    pub item: String,
    /// The grant category, kind of service or account, where it matters.
    pub detail: String,
    pub pool: String,
    pub commodity: String,
    pub amount: Option<Money>,
    pub count: Option<u64>,
    /// With `--in`: the amount in that currency.
    pub converted: Option<Money>,
    /// With `--in`: the rate used and its date.
    pub conversion: String,
}

impl Row for SummaryRow {
    const COLUMNS: &'static [&'static str] = &[
        "section",
        "item",
        "detail",
        "pool",
        "commodity",
        "amount",
        "count",
        "converted",
        "conversion",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["amount", "count", "converted"];
}

fn row(section: &'static str, item: &str, detail: &str, pool: &str, commodity: &str) -> SummaryRow {
    SummaryRow {
        section,
        item: item.to_owned(),
        detail: detail.to_owned(),
        pool: pool.to_owned(),
        commodity: commodity.to_owned(),
        amount: None,
        count: None,
        converted: None,
        conversion: String::new(),
    }
}

/// Grants counted for a span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrantCounts {
    pub applied: u64,
    pub approved: u64,
    pub rejected: u64,
    pub withdrawn: u64,
    /// Grants with a tranche paid in the span.
    pub paid: u64,
    pub closed: u64,
}

/// What happened to grants in the span.
pub fn grant_counts(conn: &Connection, span: &Span) -> Result<GrantCounts> {
    let within = |at: Option<NaiveDateTime>| at.is_some_and(|at| span.contains(at.date()));
    let mut counts = GrantCounts::default();
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        counts.applied += u64::from(span.contains(g.applied_at.date()));
        if within(g.decided_at) {
            match g.status {
                Status::Rejected => counts.rejected += 1,
                _ => counts.approved += 1,
            }
        }
        if g.status == Status::Withdrawn && within(g.ended.as_ref().map(|e| e.0)) {
            counts.withdrawn += 1;
        }
        counts.closed += u64::from(within(g.closed_at));
        let paid_in_span = g.payments.iter().any(|p| span.contains(p.date));
        counts.paid += u64::from(paid_in_span);
    }
    Ok(counts)
}

/// Holdings rows of one section from a holdings snapshot.
fn holding_rows(
    section: &'static str,
    snapshot: &[PoolHolding],
    value: impl Fn(&PoolHolding) -> Money,
) -> Vec<SummaryRow> {
    snapshot
        .iter()
        .filter(|h| value(h).minor() != 0)
        .map(|h| SummaryRow {
            amount: Some(value(h)),
            ..row(section, section, "", &h.pool, &h.commodity)
        })
        .collect()
}

/// The summary of a span, optionally with every amount also in one currency
/// (rates in force on the span's last day), with a total per section.
pub fn summary(
    conn: &Connection,
    span: &Span,
    converter: Option<&Converter>,
) -> Result<Vec<SummaryRow>> {
    let opening = holdings(conn, Some(eve(span.from)))?;
    let closing = holdings(conn, Some(span.to))?;
    let mut rows = holding_rows("opening", &opening, |h| h.held);
    // (direction, item, detail, pool order, commodity) → (amount, pool)
    type Key = (Direction, &'static str, String, usize, String);
    let mut merged: BTreeMap<Key, (Money, String)> = BTreeMap::new();
    let pool_order: Vec<String> = crate::store::pools::all(conn)?
        .into_iter()
        .map(|p| p.name)
        .collect();
    let order = |pool: &str| {
        pool_order
            .iter()
            .position(|p| p == pool)
            .unwrap_or(usize::MAX)
    };
    for f in flows(conn, span)? {
        let key = (
            f.kind.direction(),
            f.kind.as_str(),
            f.detail.clone(),
            order(&f.pool),
            f.commodity.clone(),
        );
        let entry = merged
            .entry(key)
            .or_insert_with(|| (Money::stored(0, f.decimals), f.pool.clone()));
        entry.0.add(f.amount);
    }
    for ((direction, item, detail, _, commodity), (amount, pool)) in merged {
        if amount.minor() == 0 {
            continue;
        }
        let section = match direction {
            Direction::In => "inflow",
            Direction::Out => "outflow",
            Direction::Within => "within",
        };
        rows.push(SummaryRow {
            amount: Some(amount),
            ..row(section, item, &detail, &pool, &commodity)
        });
    }
    rows.extend(holding_rows("closing", &closing, |h| h.held));
    rows.extend(holding_rows("committed", &closing, |h| h.committed));
    let contributions = members::contributions_between(conn, span.from, span.to)?;
    let named: BTreeSet<MemberId> = contributions.iter().filter_map(|c| c.member_id).collect();
    let anonymous: BTreeSet<TxnId> = contributions
        .iter()
        .filter(|c| c.member_id.is_none())
        .map(|c| c.txn_id)
        .collect();
    let all: BTreeSet<TxnId> = contributions.iter().map(|c| c.txn_id).collect();
    let grants = grant_counts(conn, span)?;
    for (item, count) in [
        ("contributions", all.len() as u64),
        ("named contributors", named.len() as u64),
        ("anonymous contributions", anonymous.len() as u64),
        ("grants applied for", grants.applied),
        ("grants approved", grants.approved),
        ("grants rejected", grants.rejected),
        ("grants withdrawn", grants.withdrawn),
        ("grants with a payment", grants.paid),
        ("grants closed", grants.closed),
    ] {
        rows.push(SummaryRow {
            count: Some(count),
            ..row("count", item, "", "", "")
        });
    }
    if let Some(converter) = converter {
        convert_rows(&mut rows, converter)?;
    }
    // Whether the period is closed, and why; the detail says it in words.
    let states = crate::store::records::period_states(conn)?;
    let state = standing_of(&states, span);
    let item = match state {
        None => "open",
        Some(s) if s.is_closed() => "closed",
        Some(_) => "reopened",
    };
    rows.push(row(
        "period",
        item,
        &standing_sentence(&span.label, state),
        "",
        "",
    ));
    Ok(rows)
}

/// Fills in the converted amounts and adds a total per section (of the
/// converted amounts) after the section's last row; moves within the fund
/// have no total (they add up to what changed hands between pools).
fn convert_rows(rows: &mut Vec<SummaryRow>, converter: &Converter) -> Result<()> {
    let mut out: Vec<SummaryRow> = Vec::with_capacity(rows.len() + 6);
    let mut total: Option<(&'static str, Money)> = None;
    let close = |out: &mut Vec<SummaryRow>, total: Option<(&'static str, Money)>| {
        if let Some((section, sum)) = total.filter(|(section, _)| *section != "within") {
            out.push(SummaryRow {
                converted: Some(sum),
                conversion: format!(
                    "sum of the converted amounts above, in {}",
                    converter.target()
                ),
                ..row(section, "total", "", "all", converter.target())
            });
        }
    };
    for mut r in std::mem::take(rows) {
        if total.is_some_and(|(section, _)| section != r.section) {
            close(&mut out, total.take());
        }
        if let Some(amount) = r.amount {
            let (converted, how) = Converter::maybe(Some(converter), &r.commodity, amount)?;
            let sum = &mut total.get_or_insert((r.section, converter.zero())).1;
            sum.add(converted.map_or(0, |c| c.minor()));
            r.converted = converted;
            r.conversion = how;
        }
        out.push(r);
    }
    close(&mut out, total);
    *rows = out;
    Ok(())
}
