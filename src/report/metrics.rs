//! `fondo report metrics`: the accountability numbers a mutual-aid network
//! asks of a fund, for a period and the period of the same length before it.
//!
//! - Donor concentration, per currency (or in one currency with `--in`):
//!   the share of the top contributor and of the top five, and the
//!   Herfindahl index (the sum of squared shares, 0 to 1: 1 means one
//!   contributor gave everything). A named member is one contributor across
//!   all their gifts; each anonymous gift counts as its own contributor,
//!   since nobody can tell who gave it.
//! - Where money went: grants paid and operating costs as shares of both.
//! - Turnaround: median and 90th percentile (nearest rank) days from
//!   application to decision, for decisions in the period, and from the
//!   decision's day to the first tranche's day, for first tranches in it.
//! - Participation: votes counted at decisions in the period against the
//!   stewards eligible then, as recorded with each decision.
//! - Support in kind received (services and goods, per unit).
//! - Pledge fulfilment: received against pledged, for pledge periods that
//!   lie within the period.
//! - Role rotation: terms held during the period that ran past the fund's
//!   limit for their role.
//!
//! Percentages and days are rounded to one decimal place, the index to four
//! (half to even); the figures they come from are in the other reports.

use std::collections::BTreeMap;

use chrono::Months;
use rusqlite::Connection;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::books::grants;
use crate::domain::currency;
use crate::domain::grant::Status;
use crate::domain::member::{Audience, Role};
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::Result;
use crate::render::Row;
use crate::report::budget::percent;
use crate::report::convert::Converter;
use crate::report::flows::{Kind, flows};
use crate::report::grants::{days_between, grant_at};
use crate::store::{commodities, members, settings};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricRow {
    pub metric: &'static str,
    /// The commodity a metric is about; empty when it is not about one.
    pub commodity: String,
    /// percent, days, index, count or amount.
    pub unit: &'static str,
    pub value: Option<Decimal>,
    /// The same metric for the previous period of the same length.
    pub previous: Option<Decimal>,
    /// Value less previous.
    pub change: Option<Decimal>,
    /// How many cases the value is drawn from, where that matters.
    pub basis: String,
    /// The same as figures, for a page to say in its language.
    #[serde(skip)]
    pub drawn_from: Basis,
}

/// What a metric's figure is drawn from; [`Basis::words`] says it in
/// English (the `basis` column).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Basis {
    #[default]
    Nothing,
    Contributors(u64),
    /// Money out (grants paid and operating costs), and grant money that
    /// came back, when more came back than was paid.
    MoneyOut {
        out: Money,
        came_back: Option<Money>,
    },
    Decisions(u64),
    FirstPayments(u64),
    /// Votes cast of the votes eligible at the decisions.
    Votes {
        votes: u64,
        eligible: u64,
        decisions: u64,
    },
    PledgePeriods(u64),
    TermsHeld(u64),
}

impl Basis {
    /// `3 contributors`, `2374.26 of money out`, `15 votes of 25 eligible
    /// at 5 decisions`.
    pub fn words(&self) -> String {
        match self {
            Basis::Nothing => String::new(),
            Basis::Contributors(n) => things(*n, "contributor", "contributors"),
            Basis::MoneyOut { out, came_back } => {
                let mut text = format!("{out} of money out");
                if let Some(back) = came_back {
                    text.push_str(&format!("; {back} of grant money came back"));
                }
                text
            }
            Basis::Decisions(n) => things(*n, "decision", "decisions"),
            Basis::FirstPayments(n) => things(*n, "first payment", "first payments"),
            Basis::Votes {
                votes,
                eligible,
                decisions,
            } => format!(
                "{} of {eligible} eligible at {}",
                things(*votes, "vote", "votes"),
                things(*decisions, "decision", "decisions")
            ),
            Basis::PledgePeriods(n) => format!(
                "{} (a period counts up to what was pledged)",
                things(*n, "pledge period", "pledge periods")
            ),
            Basis::TermsHeld(n) => things(*n, "term held", "terms held"),
        }
    }
}

impl Row for MetricRow {
    const COLUMNS: &'static [&'static str] = &[
        "metric",
        "commodity",
        "unit",
        "value",
        "previous",
        "change",
        "basis",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["value", "previous", "change"];
}

/// One metric's value for one period.
struct Value {
    metric: &'static str,
    commodity: String,
    unit: &'static str,
    value: Option<Decimal>,
    basis: Basis,
}

/// `1 decision`, `5 decisions`.
fn things(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn one_place(value: Decimal) -> Decimal {
    let mut v = value.round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven);
    v.rescale(1);
    v
}

/// The nearest-rank `p`th percentile of sorted values.
pub(crate) fn nearest_rank(sorted: &[Decimal], p: u32) -> Option<Decimal> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The median: the middle value, or the mean of the two middle values.
pub(crate) fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(one_place(
            (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO,
        )),
    }
}

/// Concentration figures from each contributor's total.
pub(crate) fn concentration(totals: &[i128]) -> Option<(Decimal, Decimal, Decimal)> {
    let sum: i128 = totals.iter().sum();
    if sum <= 0 {
        return None;
    }
    let mut sorted = totals.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let top1 = percent(sorted[0], sum)?;
    let top5 = percent(sorted.iter().take(5).sum(), sum)?;
    let whole = Decimal::from_i128_with_scale(sum, 0);
    let mut hhi = Decimal::ZERO;
    for t in &sorted {
        let share = Decimal::from_i128_with_scale(*t, 0).checked_div(whole)?;
        hhi += share.checked_mul(share)?;
    }
    let mut hhi = hhi.round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven);
    hhi.rescale(4);
    Some((top1, top5, hhi))
}

fn values(conn: &Connection, span: &Span, converter: Option<&Converter>) -> Result<Vec<Value>> {
    let codes: BTreeMap<crate::domain::ids::CommodityId, (String, u32)> = commodities::by_id(conn)?
        .into_iter()
        .map(|(id, c)| (id, (c.code().to_owned(), c.decimals())))
        .collect();
    let mut out = Vec::new();
    let mut push = |metric, commodity: &str, unit, value, basis: Basis| {
        out.push(Value {
            metric,
            commodity: commodity.to_owned(),
            unit,
            value,
            basis,
        });
    };
    // Donor concentration: contributor → total, per currency (or converted).
    let mut donors: BTreeMap<String, BTreeMap<(bool, i64), i128>> = BTreeMap::new();
    for c in members::contributions_between(conn, span.from, span.to)? {
        let Some((code, decimals)) = codes.get(&c.commodity_id) else {
            continue;
        };
        if currency::known(code).is_none() {
            continue;
        }
        let (bucket, amount) = match converter {
            Some(conv) => match conv.convert(code, c.amount, *decimals)?.amount {
                Some(m) => (conv.target().to_owned(), m.minor()),
                None => continue,
            },
            None => (code.clone(), c.amount),
        };
        let who = match c.member_id {
            Some(id) => (true, id.get()),
            None => (false, c.txn_id.get()),
        };
        *donors.entry(bucket).or_default().entry(who).or_insert(0) += amount;
    }
    for (code, by_donor) in &donors {
        let totals: Vec<i128> = by_donor.values().copied().collect();
        let basis = Basis::Contributors(totals.len() as u64);
        let figures = concentration(&totals);
        push(
            "top contributor share",
            code,
            "percent",
            figures.map(|f| f.0),
            basis.clone(),
        );
        push(
            "top 5 contributors share",
            code,
            "percent",
            figures.map(|f| f.1),
            basis.clone(),
        );
        push(
            "herfindahl index",
            code,
            "index",
            figures.map(|f| f.2),
            basis,
        );
    }
    // Where money went, and support in kind received.
    let mut out_money: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    let mut in_kind: BTreeMap<(&'static str, String), Decimal> = BTreeMap::new();
    for f in flows(conn, span)? {
        let money = currency::known(&f.commodity).is_some();
        match f.kind {
            Kind::Grants | Kind::OperatingCosts if money => {
                let (bucket, amount) = match converter {
                    Some(conv) => match conv.convert(&f.commodity, f.amount, f.decimals)?.amount {
                        Some(m) => (conv.target().to_owned(), m.minor()),
                        None => continue,
                    },
                    None => (f.commodity.clone(), f.amount),
                };
                let entry = out_money.entry(bucket).or_default();
                if f.kind == Kind::Grants {
                    entry.0 += amount;
                } else {
                    entry.1 += amount;
                }
            }
            Kind::ServicesInKind | Kind::GoodsInKind => {
                let metric = if f.kind == Kind::ServicesInKind {
                    "services in kind received"
                } else {
                    "goods in kind received"
                };
                *in_kind.entry((metric, f.commodity.clone())).or_default() +=
                    Decimal::from_i128_with_scale(f.amount, f.decimals);
            }
            _ => {}
        }
    }
    for (code, (grants_net, operating_net)) in &out_money {
        // Money back from grants (or a refunded cost) in a period with less
        // paid out is no money out: a net return counts as none.
        let (grants_paid, operating) = ((*grants_net).max(0), (*operating_net).max(0));
        let all = grants_paid + operating;
        let decimals = converter.map_or_else(
            || currency::known(code).map_or(0, |k| k.0),
            |c| c.zero().decimals(),
        );
        let basis = Basis::MoneyOut {
            out: Money::stored(all, decimals),
            came_back: (*grants_net < 0).then(|| Money::stored(-grants_net, decimals)),
        };
        push(
            "grants share of money out",
            code,
            "percent",
            percent(grants_paid, all),
            basis.clone(),
        );
        push(
            "operating costs share of money out",
            code,
            "percent",
            percent(operating, all),
            basis,
        );
    }
    // Turnaround and participation.
    let mut decision_days = Vec::new();
    let mut payment_days = Vec::new();
    let (mut votes, mut eligible, mut decisions) = (0u64, 0u64, 0u64);
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        if let Some(decided) = g.decided_at.filter(|d| span.contains(d.date())) {
            decision_days.push(days_between(g.applied_at, decided));
            if let Some(tally) = g.decided_tally {
                votes += u64::from(tally.consents + tally.objections + tally.abstentions);
                eligible += u64::from(tally.eligible);
                decisions += 1;
            }
        }
        let at = grant_at(&g, span.to);
        if let (Some(decided), Some(first)) = (g.decided_at, at.first_payment)
            && span.contains(first)
            && g.status != Status::Rejected
        {
            payment_days.push(one_place(Decimal::from(
                (first - decided.date()).num_days(),
            )));
        }
    }
    decision_days.sort_unstable();
    payment_days.sort_unstable();
    push(
        "median days to decision",
        "",
        "days",
        median(&decision_days),
        Basis::Decisions(decision_days.len() as u64),
    );
    push(
        "90th percentile days to decision",
        "",
        "days",
        nearest_rank(&decision_days, 90),
        Basis::Decisions(decision_days.len() as u64),
    );
    push(
        "median days to first payment",
        "",
        "days",
        median(&payment_days),
        Basis::FirstPayments(payment_days.len() as u64),
    );
    push(
        "90th percentile days to first payment",
        "",
        "days",
        nearest_rank(&payment_days, 90),
        Basis::FirstPayments(payment_days.len() as u64),
    );
    push(
        "participation",
        "",
        "percent",
        percent(i128::from(votes), i128::from(eligible)),
        Basis::Votes {
            votes,
            eligible,
            decisions,
        },
    );
    for ((metric, code), amount) in in_kind {
        push(metric, &code, "amount", Some(amount), Basis::Nothing);
    }
    // Pledge fulfilment, for pledge periods within the span.
    let mut pledges: BTreeMap<String, (i128, i128, u32)> = BTreeMap::new();
    for p in crate::report::support::pledge_status(conn, Audience::Treasurer, span.to)? {
        let Ok(period) = Span::parse(&p.period) else {
            continue;
        };
        if period.from < span.from || period.to > span.to {
            continue;
        }
        let entry = pledges.entry(p.commodity.clone()).or_default();
        entry.0 += p.pledged.minor();
        entry.1 += p.received.minor().min(p.pledged.minor());
        entry.2 += 1;
    }
    for (code, (pledged, received, periods)) in pledges {
        push(
            "pledge fulfilment",
            &code,
            "percent",
            percent(received, pledged),
            Basis::PledgePeriods(u64::from(periods)),
        );
    }
    // Role rotation: terms held during the span that had run past the
    // fund's limit for their role by the span's end (or the term's end).
    let mut limits = BTreeMap::new();
    for role in [Role::Treasurer, Role::Steward, Role::Member] {
        if let Some(months) =
            settings::get(conn, &role.term_limit_key())?.and_then(|v| v.parse::<u32>().ok())
        {
            limits.insert(role, months);
        }
    }
    let held: Vec<_> = members::terms(conn)?
        .into_iter()
        .filter(|t| t.starts_on <= span.to && t.ends_on.is_none_or(|e| e >= span.from))
        .collect();
    let past = held
        .iter()
        .filter(|t| {
            let end = t.ends_on.map_or(span.to, |e| e.min(span.to));
            limits.get(&t.role).is_some_and(|&limit| {
                t.starts_on
                    .checked_add_months(Months::new(limit))
                    .is_some_and(|last_allowed| end >= last_allowed)
            })
        })
        .count();
    push(
        "role terms past the limit",
        "",
        "count",
        Some(Decimal::from(past)),
        Basis::TermsHeld(held.len() as u64),
    );
    Ok(out)
}

/// The metrics of `span`, each beside its value for the previous period of
/// the same length.
pub fn metrics(
    conn: &Connection,
    span: &Span,
    converter: Option<&Converter>,
) -> Result<Vec<MetricRow>> {
    let current = values(conn, span, converter)?;
    let before = values(conn, &span.previous(), converter)?;
    let mut rows: Vec<MetricRow> = current
        .into_iter()
        .map(|v| MetricRow {
            metric: v.metric,
            commodity: v.commodity,
            unit: v.unit,
            value: v.value,
            previous: None,
            change: None,
            basis: v.basis.words(),
            drawn_from: v.basis,
        })
        .collect();
    for b in before {
        match rows
            .iter_mut()
            .find(|r| r.metric == b.metric && r.commodity == b.commodity)
        {
            Some(row) => row.previous = b.value,
            None => rows.push(MetricRow {
                metric: b.metric,
                commodity: b.commodity,
                unit: b.unit,
                value: None,
                previous: b.value,
                change: None,
                basis: String::new(),
                drawn_from: Basis::Nothing,
            }),
        }
    }
    for r in &mut rows {
        r.change = match (r.value, r.previous) {
            (Some(v), Some(p)) => Some(v - p),
            _ => None,
        };
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn percentiles_and_medians() {
        let v: Vec<Decimal> = ["1.0", "2.0", "3.5", "10.0"].iter().map(|t| d(t)).collect();
        assert_eq!(median(&v), Some(d("2.8")));
        assert_eq!(nearest_rank(&v, 90), Some(d("10.0")));
        assert_eq!(nearest_rank(&v[..1], 90), Some(d("1.0")));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn concentration_of_gifts() {
        let (top1, top5, hhi) = concentration(&[50, 25, 25]).unwrap();
        assert_eq!((top1, top5), (d("50.0"), d("100.0")));
        assert_eq!(hhi.to_string(), "0.3750");
        assert_eq!(concentration(&[100]).unwrap().2.to_string(), "1.0000");
        assert!(concentration(&[]).is_none());
    }
}
