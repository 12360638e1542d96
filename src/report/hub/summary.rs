//! `fondo hub report summary`: a period across the hub's member funds — per
//! fund and for the network, what came in (contributions in money and in
//! kind), what went out (grants paid, running costs), transfers, and the
//! holdings of each pool at the period's end; then the network's metrics.
//!
//! Rule: nothing is counted twice. A transfer between two member funds is
//! money moving inside the network: the fund rows show it (sent to, or
//! received from, member funds) and the network rows leave out both the send
//! and the receipt, listing them under `eliminated`; a transfer with a fund
//! outside the network stays money out or in. So, per section and
//! commodity, the network's figure is the sum of the funds' figures less
//! what was eliminated. Accounts mean what they mean in a fund's own
//! summary ([`crate::report::flows`]); figures are exact, and `--in CODE`
//! adds converted amounts and totals beside them, as a fund's summary does.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::currency;
use crate::domain::date::{iso, parse_date, parse_datetime};
use crate::domain::money::{Money, parse_decimal};
use crate::domain::period::Span;
use crate::error::{Error, NextStep, Result};
use crate::render::Row;
use crate::report::budget::percent;
use crate::report::convert::{Converter, RecordedRate};
use crate::report::flows::{Direction, Kind, classify};
use crate::report::grants::days_between;
use crate::report::metrics::{concentration, median, nearest_rank};
use crate::store::hub::{self as store, reports};

/// The account money sent to another fund is spent on.
pub const TRANSFERS_OUT: &str = crate::domain::transfer::SENT_ACCOUNT;
/// The account money received from another fund comes in on.
pub const TRANSFERS_IN: &str = crate::domain::transfer::RECEIVED_ACCOUNT;

/// What the fund column says on the network's rows.
pub const NETWORK: &str = "network";

/// A member fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub id: String,
    pub name: String,
}

/// One fund's postings on one account and commodity within the period,
/// summed; on a transfers account, per counterpart fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingSum {
    pub fund: String,
    pub account: String,
    /// The other fund of a transfer (the transaction's payee); empty on
    /// other accounts.
    pub counterpart: String,
    pub commodity: String,
    pub decimals: u32,
    pub debits: i128,
    pub credits: i128,
}

/// What a pool of a fund held in a commodity at the period's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub fund: String,
    pub pool: String,
    pub commodity: String,
    pub decimals: u32,
    pub held: i128,
}

/// A contribution within the period (contributors.csv), not voided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    pub fund: String,
    /// The contributor as the bundle names them; `None`: anonymous, each
    /// gift its own contributor.
    pub contributor: Option<String>,
    pub txn: i64,
    pub commodity: String,
    pub decimals: u32,
    pub amount: i128,
}

/// A decided grant, as grants.csv has it, with the day of its first
/// tranche (from the journal), if paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub fund: String,
    pub applied_at: NaiveDateTime,
    pub decided_at: NaiveDateTime,
    pub first_payment: Option<NaiveDate>,
}

/// What the summary is drawn from, as the hub holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// The member funds, in the order their rows are shown.
    pub funds: Vec<Fund>,
    pub postings: Vec<PostingSum>,
    pub holdings: Vec<Holding>,
    pub gifts: Vec<Gift>,
    pub decisions: Vec<Decision>,
    /// Money one member fund sent another that had not arrived by the
    /// span's end (`hub reconcile`'s in-transit rows), per commodity: no
    /// longer in the sender's pools, not yet in the receiver's.
    pub in_transit: Vec<(String, u32, i128)>,
}

/// One line of the network summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HubSummaryRow {
    /// The fund's name, or `network`.
    pub fund: String,
    /// inflow, outflow, eliminated, closing or metric.
    pub section: &'static str,
    pub item: String,
    /// The pool, on closing rows (general, or the pool's name).
    pub pool: String,
    pub commodity: String,
    pub amount: Option<Money>,
    /// A metric's figure.
    pub value: Option<Decimal>,
    /// percent, days or index, for a metric.
    pub unit: &'static str,
    /// With `--in`: the amount in that currency.
    pub converted: Option<Money>,
    /// With `--in`: the rate used and its date.
    pub conversion: String,
}

impl Row for HubSummaryRow {
    const COLUMNS: &'static [&'static str] = &[
        "fund",
        "section",
        "item",
        "pool",
        "commodity",
        "amount",
        "value",
        "unit",
        "converted",
        "conversion",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["amount", "value", "converted"];
}

fn line(fund: &str, section: &'static str, item: &str, pool: &str, code: &str) -> HubSummaryRow {
    HubSummaryRow {
        fund: fund.to_owned(),
        section,
        item: item.to_owned(),
        pool: pool.to_owned(),
        commodity: code.to_owned(),
        amount: None,
        value: None,
        unit: "",
        converted: None,
        conversion: String::new(),
    }
}

/// Items of the flow sections, in the order they are shown.
const ORDER: &[&str] = &[
    "contributions",
    "goods in kind",
    "services in kind",
    "other income",
    "transfers from member funds",
    "transfers from other funds",
    "grants paid",
    "goods given out",
    "services in kind used",
    "operating costs",
    "transfers to member funds",
    "transfers to other funds",
];

const FROM_MEMBERS: &str = "transfers from member funds";
const TO_MEMBERS: &str = "transfers to member funds";

/// (section, item order, item, commodity) → (decimals, amount).
type Flows = BTreeMap<(&'static str, usize, &'static str, String), (u32, i128)>;

/// (pool, commodity) → (decimals, held).
type Pools = BTreeMap<(String, String), (u32, i128)>;

/// The network's closing item for money on its way between member funds
/// (after every pool: no pool is named so).
const IN_TRANSIT: &str = "in transit between member funds";

/// The item a posting sum counts under, with the amount in its direction.
fn item(sum: &PostingSum, members: &BTreeSet<&str>) -> Vec<(&'static str, &'static str, i128)> {
    let lower = sum.account.to_lowercase();
    let member = members.contains(sum.counterpart.as_str());
    if lower == TRANSFERS_OUT {
        let item = if member {
            TO_MEMBERS
        } else {
            "transfers to other funds"
        };
        return vec![("outflow", item, sum.debits - sum.credits)];
    }
    if lower == TRANSFERS_IN {
        let item = if member {
            FROM_MEMBERS
        } else {
            "transfers from other funds"
        };
        return vec![("inflow", item, sum.credits - sum.debits)];
    }
    classify(&sum.account, sum.debits, sum.credits)
        .into_iter()
        .filter_map(|(kind, _, amount)| {
            let section = match kind.direction() {
                Direction::In => "inflow",
                Direction::Out => "outflow",
                Direction::Within => return None,
            };
            Some((section, kind.as_str(), amount))
        })
        .collect()
}

fn order(item: &str) -> usize {
    ORDER.iter().position(|i| *i == item).unwrap_or(ORDER.len())
}

fn pool_name(pool: &str) -> &str {
    if pool.is_empty() { "general" } else { pool }
}

/// A converter into `target` with the hub's rates in force on `on`.
///
/// Fails when `target` is neither a commodity of a member fund nor a
/// well-known currency.
pub fn hub_converter(conn: &Connection, target: &str, on: NaiveDate) -> Result<Converter> {
    let target = target.trim().to_uppercase();
    let decimals = reports::code_decimals(conn, &target)?
        .or_else(|| currency::known(&target).map(|(d, _)| d))
        .ok_or_else(|| Error::InvalidName {
            kind: "currency to convert to",
            name: target.clone(),
            reason: "neither a commodity of a member fund nor a well-known currency".into(),
        })?;
    let mut recorded = Vec::new();
    for r in reports::rates(conn)? {
        recorded.push(RecordedRate {
            date: parse_date(&r.day)?,
            rate: parse_decimal(&r.rate)?,
            from: r.from,
            to: r.to,
            source: None,
        });
    }
    Ok(Converter::with_rates(&target, decimals, on, recorded))
}

/// The first and last months (`YYYY-MM`) of a span of whole months, as
/// every span of `--period` is.
fn months(span: &Span) -> Result<(String, String)> {
    let whole = span.from.day() == 1 && span.to.succ_opt().is_none_or(|next| next.day() == 1);
    if !whole {
        return Err(Error::InvalidName {
            kind: "period",
            name: span.label.clone(),
            reason: "the hub's reports cover whole months: a year, a quarter or a month".into(),
        });
    }
    Ok((
        span.from.format("%Y-%m").to_string(),
        span.to.format("%Y-%m").to_string(),
    ))
}

/// What the summary of `span` is drawn from, read from the hub file.
///
/// Fails when `span` is not whole months (the hub sums postings by
/// month), or the hub file cannot be read or holds a commodity without
/// its decimals.
pub fn load(conn: &Connection, span: &Span) -> Result<Network> {
    let (from, to) = (iso(span.from), iso(span.to));
    let (first_month, last_month) = months(span)?;
    let funds = store::funds(conn)?
        .into_iter()
        .map(|f| Fund {
            id: f.fund_id,
            name: f.name,
        })
        .collect();
    let postings = reports::posting_sums(conn, &first_month, &last_month)?
        .into_iter()
        .map(|s| PostingSum {
            fund: s.fund_id,
            account: s.account,
            counterpart: s.counterpart,
            commodity: s.commodity,
            decimals: s.decimals,
            debits: i128::from(s.debits),
            credits: i128::from(s.credits),
        })
        .collect();
    let holdings = reports::pool_holdings(conn, &last_month)?
        .into_iter()
        .map(|h| Holding {
            fund: h.fund_id,
            pool: h.pool,
            commodity: h.commodity,
            decimals: h.decimals,
            held: i128::from(h.held),
        })
        .collect();
    let gifts = reports::gifts(conn, &from, &to)?
        .into_iter()
        .map(|g| Gift {
            contributor: (g.contributor != "anonymous").then_some(g.contributor),
            fund: g.fund_id,
            txn: g.txn,
            commodity: g.commodity,
            decimals: g.decimals,
            amount: i128::from(g.amount),
        })
        .collect();
    let mut first_tranches = BTreeMap::new();
    for (fund, description, day) in reports::first_tranches(conn, &to)? {
        if let Some(grant) = description.strip_prefix("Grant ") {
            first_tranches.insert((fund, grant.to_owned()), parse_date(&day)?);
        }
    }
    let mut decisions = Vec::new();
    for g in reports::grants_as_of(conn, &to)? {
        if g.decided_at.is_empty() || g.status == "rejected" {
            continue;
        }
        decisions.push(Decision {
            applied_at: parse_datetime(&g.applied_at)?,
            decided_at: parse_datetime(&g.decided_at)?,
            first_payment: first_tranches
                .get(&(g.fund_id.clone(), g.grant_id.clone()))
                .copied(),
            fund: g.fund_id,
        });
    }
    let in_transit = super::reconcile::load(conn, span, Decimal::ZERO)?
        .into_iter()
        .filter(|r| r.status == super::reconcile::Status::InTransit)
        .filter_map(|r| r.sent.map(|m| (r.sent_commodity, m.decimals(), m.minor())))
        .collect();
    Ok(Network {
        funds,
        postings,
        holdings,
        gifts,
        decisions,
        in_transit,
    })
}

/// The summary of `span` across the network, optionally with every amount
/// also in one currency (and a total per fund and section).
///
/// Fails when `--in` needs a rate the hub has not recorded.
pub fn summary(
    network: &Network,
    span: &Span,
    converter: Option<&Converter>,
) -> Result<Vec<HubSummaryRow>> {
    let members: BTreeSet<&str> = network.funds.iter().map(|f| f.id.as_str()).collect();
    let mut per_fund: BTreeMap<&str, (Flows, Pools)> = BTreeMap::new();
    let mut whole: (Flows, Pools) = Default::default();
    let mut eliminated: Flows = BTreeMap::new();
    for sum in &network.postings {
        for (section, item, amount) in item(sum, &members) {
            let key = (section, order(item), item, sum.commodity.clone());
            let fund = per_fund.entry(&sum.fund).or_default();
            fund.0.entry(key.clone()).or_insert((sum.decimals, 0)).1 += amount;
            let target = if item == FROM_MEMBERS || item == TO_MEMBERS {
                &mut eliminated
            } else {
                &mut whole.0
            };
            target.entry(key).or_insert((sum.decimals, 0)).1 += amount;
        }
    }
    for h in &network.holdings {
        let key = (pool_name(&h.pool).to_owned(), h.commodity.clone());
        let fund = per_fund.entry(&h.fund).or_default();
        fund.1.entry(key.clone()).or_insert((h.decimals, 0)).1 += h.held;
        whole.1.entry(key).or_insert((h.decimals, 0)).1 += h.held;
    }
    let mut rows = Vec::new();
    let empty = Default::default();
    for fund in &network.funds {
        let (flows, pools) = per_fund.get(fund.id.as_str()).unwrap_or(&empty);
        rows.extend(sections(&fund.name, flows, None, pools, converter)?);
    }
    let mut in_transit: Pools = BTreeMap::new();
    for (code, decimals, amount) in &network.in_transit {
        in_transit
            .entry((IN_TRANSIT.to_owned(), code.clone()))
            .or_insert((*decimals, 0))
            .1 += amount;
    }
    rows.extend(sections(
        NETWORK,
        &whole.0,
        Some(&eliminated),
        &whole.1.into_iter().chain(in_transit).collect(),
        converter,
    )?);
    rows.extend(metrics(network, span, &whole.0, converter)?);
    Ok(rows)
}

/// A missing rate is one to record in the hub.
fn hub_rate(error: Error) -> Error {
    match error {
        Error::Blocked {
            problem,
            next: NextStep::RecordRate { from, to },
        } => Error::Blocked {
            problem,
            next: NextStep::RecordHubRate { from, to },
        },
        other => other,
    }
}

/// A fund's (or the network's) flow, eliminated and closing rows.
fn sections(
    fund: &str,
    flows: &Flows,
    eliminated: Option<&Flows>,
    pools: &Pools,
    converter: Option<&Converter>,
) -> Result<Vec<HubSummaryRow>> {
    let mut rows = Vec::new();
    let money_rows = |section: &'static str, flows: &Flows| {
        flows
            .iter()
            .filter(|((s, ..), (_, amount))| *s == section && *amount != 0)
            .map(|((_, _, item, code), (decimals, amount))| HubSummaryRow {
                amount: Some(Money::stored(*amount, *decimals)),
                ..line(fund, section, item, "", code)
            })
            .collect::<Vec<_>>()
    };
    rows.push(money_rows("inflow", flows));
    rows.push(money_rows("outflow", flows));
    if let Some(eliminated) = eliminated {
        let mut both = money_rows("inflow", eliminated);
        both.extend(money_rows("outflow", eliminated));
        for r in &mut both {
            r.section = "eliminated";
        }
        rows.push(both);
    }
    rows.push(
        pools
            .iter()
            .filter(|(_, (_, held))| *held != 0)
            .map(|((pool, code), (decimals, held))| HubSummaryRow {
                amount: Some(Money::stored(*held, *decimals)),
                ..if pool == IN_TRANSIT {
                    line(fund, "closing", IN_TRANSIT, "", code)
                } else {
                    line(fund, "closing", "held", pool, code)
                }
            })
            .collect(),
    );
    let mut out = Vec::new();
    for mut section in rows {
        if let Some(converter) = converter {
            convert(&mut section, converter).map_err(hub_rate)?;
        }
        out.extend(section);
    }
    Ok(out)
}

/// Fills in the converted amounts of one section's rows and adds their
/// total after them.
fn convert(rows: &mut Vec<HubSummaryRow>, converter: &Converter) -> Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let mut total = line(
        &first.fund,
        first.section,
        "total",
        "all",
        converter.target(),
    );
    let mut sum = converter.zero();
    for r in rows.iter_mut() {
        if let Some(amount) = r.amount {
            let (converted, how) = Converter::maybe(Some(converter), &r.commodity, amount)?;
            sum.add(converted.map_or(0, |c| c.minor()));
            r.converted = converted;
            r.conversion = how;
        }
    }
    total.converted = Some(sum);
    total.conversion = format!(
        "sum of the converted amounts above, in {}",
        converter.target()
    );
    rows.push(total);
    Ok(())
}

/// A metric's row.
fn metric(item: &str, code: &str, unit: &'static str, value: Option<Decimal>) -> HubSummaryRow {
    HubSummaryRow {
        value,
        unit,
        ..line(NETWORK, "metric", item, "", code)
    }
}

/// An amount in the bucket it is measured in: its own commodity, or the
/// converter's target; `None` for what cannot be converted (in kind).
fn bucket(
    converter: Option<&Converter>,
    code: &str,
    decimals: u32,
    amount: i128,
) -> Result<Option<(String, i128)>> {
    match converter {
        Some(c) => Ok(c
            .convert(code, amount, decimals)?
            .amount
            .map(|m| (c.target().to_owned(), m.minor()))),
        None => Ok(Some((code.to_owned(), amount))),
    }
}

/// The network's metrics: donor concentration across every member fund (a
/// named contributor is one per fund: funds do not share their members), the
/// share of money out that went to grants, and turnaround: days from
/// application to decision, and from decision to the first tranche.
fn metrics(
    network: &Network,
    span: &Span,
    flows: &Flows,
    converter: Option<&Converter>,
) -> Result<Vec<HubSummaryRow>> {
    let mut rows = Vec::new();
    type Donor<'a> = (&'a str, Result<&'a str, i64>);
    let mut donors: BTreeMap<String, BTreeMap<Donor<'_>, i128>> = BTreeMap::new();
    for g in &network.gifts {
        if currency::known(&g.commodity).is_none() {
            continue;
        }
        let Some((code, amount)) =
            bucket(converter, &g.commodity, g.decimals, g.amount).map_err(hub_rate)?
        else {
            continue;
        };
        let who = match &g.contributor {
            Some(name) => Ok(name.as_str()),
            None => Err(g.txn),
        };
        *donors
            .entry(code)
            .or_default()
            .entry((g.fund.as_str(), who))
            .or_insert(0) += amount;
    }
    for (code, by_donor) in &donors {
        let totals: Vec<i128> = by_donor.values().copied().collect();
        let figures = concentration(&totals);
        rows.push(metric(
            "top contributor share",
            code,
            "percent",
            figures.map(|f| f.0),
        ));
        rows.push(metric(
            "top 5 contributors share",
            code,
            "percent",
            figures.map(|f| f.1),
        ));
        rows.push(metric(
            "herfindahl index",
            code,
            "index",
            figures.map(|f| f.2),
        ));
    }
    let mut out_money: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    for ((_, _, item, code), (decimals, amount)) in flows {
        let grants = *item == Kind::Grants.as_str();
        if !(grants || *item == Kind::OperatingCosts.as_str()) || currency::known(code).is_none() {
            continue;
        }
        let Some((bucket, amount)) =
            bucket(converter, code, *decimals, *amount).map_err(hub_rate)?
        else {
            continue;
        };
        let entry = out_money.entry(bucket).or_default();
        if grants {
            entry.0 += amount;
        } else {
            entry.1 += amount;
        }
    }
    for (code, (grants, operating)) in &out_money {
        let (grants, operating) = ((*grants).max(0), (*operating).max(0));
        rows.push(metric(
            "grants share of money out",
            code,
            "percent",
            percent(grants, grants + operating),
        ));
    }
    let mut days: Vec<Decimal> = network
        .decisions
        .iter()
        .filter(|d| span.contains(d.decided_at.date()))
        .map(|d| days_between(d.applied_at, d.decided_at))
        .collect();
    days.sort_unstable();
    rows.push(metric("median days to decision", "", "days", median(&days)));
    rows.push(metric(
        "90th percentile days to decision",
        "",
        "days",
        nearest_rank(&days, 90),
    ));
    // From the decision's day to the first tranche's, for first tranches
    // in the period (as a fund's metrics count it).
    let mut days: Vec<Decimal> = network
        .decisions
        .iter()
        .filter_map(|d| {
            let first = d.first_payment.filter(|day| span.contains(*day))?;
            let mut n = Decimal::from((first - d.decided_at.date()).num_days());
            n.rescale(1);
            Some(n)
        })
        .collect();
    days.sort_unstable();
    rows.push(metric(
        "median days to first payment",
        "",
        "days",
        median(&days),
    ));
    rows.push(metric(
        "90th percentile days to first payment",
        "",
        "days",
        nearest_rank(&days, 90),
    ));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hub_reads_whole_months_and_refuses_a_span_of_days() {
        let quarter = Span::parse("2026-Q2").unwrap();
        assert_eq!(
            months(&quarter).unwrap(),
            ("2026-04".to_owned(), "2026-06".to_owned())
        );
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let whole = Span::between(day(1, 1), day(2, 28)).unwrap();
        assert_eq!(
            months(&whole).unwrap(),
            ("2026-01".to_owned(), "2026-02".to_owned())
        );
        for (from, to) in [(day(4, 2), day(4, 30)), (day(4, 1), day(4, 29))] {
            let err = months(&Span::between(from, to).unwrap()).unwrap_err();
            assert!(err.to_string().contains("whole months"), "{err}");
        }
    }

    fn funds() -> Vec<Fund> {
        [("aaaa", "Alpha"), ("bbbb", "Beta")]
            .into_iter()
            .map(|(id, name)| Fund {
                id: id.into(),
                name: name.into(),
            })
            .collect()
    }

    fn sum(
        fund: &str,
        account: &str,
        other: &str,
        code: &str,
        debits: i128,
        credits: i128,
    ) -> PostingSum {
        PostingSum {
            fund: fund.into(),
            account: account.into(),
            counterpart: other.into(),
            commodity: code.into(),
            decimals: 2,
            debits,
            credits,
        }
    }

    fn network() -> Network {
        Network {
            funds: funds(),
            postings: vec![
                sum("aaaa", "income:contributions", "", "USD", 0, 100_000),
                sum("aaaa", "expenses:grants:housing", "", "USD", 30_000, 0),
                sum("aaaa", "expenses:transfers", "bbbb", "USD", 20_000, 0),
                sum("aaaa", "expenses:transfers", "ffff", "USD", 5_000, 0),
                sum("aaaa", "expenses:bank-fees", "", "USD", 1_000, 0),
                // Beta received Alpha's 200.00 USD as 180.00 EUR.
                sum("bbbb", "income:transfers", "aaaa", "USD", 0, 20_000),
                sum("bbbb", "equity:conversions:usd", "", "USD", 20_000, 0),
                sum("bbbb", "equity:conversions:eur", "", "EUR", 0, 18_000),
                sum("bbbb", "income:contributions", "", "EUR", 0, 50_000),
                sum("bbbb", "income:in-kind:goods", "", "KG-RICE", 0, 4_000),
                sum("bbbb", "expenses:grants:food", "", "EUR", 10_000, 0),
            ],
            holdings: vec![
                Holding {
                    fund: "aaaa".into(),
                    pool: String::new(),
                    commodity: "USD".into(),
                    decimals: 2,
                    held: 44_000,
                },
                Holding {
                    fund: "bbbb".into(),
                    pool: "food".into(),
                    commodity: "EUR".into(),
                    decimals: 2,
                    held: 58_000,
                },
            ],
            gifts: vec![
                Gift {
                    fund: "aaaa".into(),
                    contributor: Some("Ana".into()),
                    txn: 1,
                    commodity: "USD".into(),
                    decimals: 2,
                    amount: 100_000,
                },
                Gift {
                    fund: "bbbb".into(),
                    contributor: None,
                    txn: 4,
                    commodity: "EUR".into(),
                    decimals: 2,
                    amount: 50_000,
                },
            ],
            decisions: vec![Decision {
                fund: "aaaa".into(),
                applied_at: "2026-04-01T10:00:00".parse().unwrap(),
                decided_at: "2026-04-03T22:00:00".parse().unwrap(),
                first_payment: Some("2026-04-06".parse().unwrap()),
            }],
            in_transit: Vec::new(),
        }
    }

    #[test]
    fn money_in_transit_between_members_closes_the_network_not_a_fund() {
        let mut net = network();
        net.in_transit = vec![("USD".into(), 2, 7_500), ("USD".into(), 2, 2_500)];
        let span = Span::parse("2026-Q2").unwrap();
        let shown = text(&summary(&net, &span, None).unwrap());
        assert!(
            shown.contains(
                &"network closing in transit between member funds  USD 100.00".to_owned()
            ),
            "{shown:#?}"
        );
        assert_eq!(
            shown.iter().filter(|l| l.contains("in transit")).count(),
            1,
            "only the network has money on its way: {shown:#?}"
        );
    }

    fn text(rows: &[HubSummaryRow]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let figure = r
                    .amount
                    .map(|a| a.to_string())
                    .or(r.value.map(|v| v.to_string()))
                    .unwrap_or_default();
                let converted = r.converted.map(|c| format!(" = {c}")).unwrap_or_default();
                format!(
                    "{} {} {} {} {} {figure}{converted}",
                    r.fund, r.section, r.item, r.pool, r.commodity
                )
            })
            .collect()
    }

    #[test]
    fn transfers_between_members_are_eliminated_from_the_network() {
        let span = Span::parse("2026-Q2").unwrap();
        let rows = summary(&network(), &span, None).unwrap();
        assert_eq!(
            text(&rows),
            [
                "Alpha inflow contributions  USD 1000.00",
                "Alpha outflow grants paid  USD 300.00",
                "Alpha outflow operating costs  USD 10.00",
                "Alpha outflow transfers to member funds  USD 200.00",
                "Alpha outflow transfers to other funds  USD 50.00",
                "Alpha closing held general USD 440.00",
                "Beta inflow contributions  EUR 500.00",
                "Beta inflow goods in kind  KG-RICE 40.00",
                "Beta inflow transfers from member funds  USD 200.00",
                "Beta outflow grants paid  EUR 100.00",
                "Beta closing held food EUR 580.00",
                "network inflow contributions  EUR 500.00",
                "network inflow contributions  USD 1000.00",
                "network inflow goods in kind  KG-RICE 40.00",
                "network outflow grants paid  EUR 100.00",
                "network outflow grants paid  USD 300.00",
                "network outflow operating costs  USD 10.00",
                "network outflow transfers to other funds  USD 50.00",
                "network eliminated transfers from member funds  USD 200.00",
                "network eliminated transfers to member funds  USD 200.00",
                "network closing held food EUR 580.00",
                "network closing held general USD 440.00",
                "network metric top contributor share  EUR 100.0",
                "network metric top 5 contributors share  EUR 100.0",
                "network metric herfindahl index  EUR 1.0000",
                "network metric top contributor share  USD 100.0",
                "network metric top 5 contributors share  USD 100.0",
                "network metric herfindahl index  USD 1.0000",
                "network metric grants share of money out  EUR 100.0",
                "network metric grants share of money out  USD 96.8",
                "network metric median days to decision   2.5",
                "network metric 90th percentile days to decision   2.5",
                "network metric median days to first payment   3.0",
                "network metric 90th percentile days to first payment   3.0",
            ]
        );
        crate::render::assert_columns(&rows[0]);
    }

    #[test]
    fn network_figures_are_the_funds_less_what_was_eliminated() {
        let span = Span::parse("2026-Q2").unwrap();
        let rows = summary(&network(), &span, None).unwrap();
        let total = |fund: Option<&str>, section: &str| -> BTreeMap<String, i128> {
            let mut by_code = BTreeMap::new();
            for r in rows
                .iter()
                .filter(|r| r.section == section && fund.map_or(r.fund != NETWORK, |f| r.fund == f))
            {
                *by_code.entry(r.commodity.clone()).or_default() += r.amount.unwrap().minor();
            }
            by_code
        };
        for section in ["inflow", "outflow"] {
            let mut expected = total(None, section);
            for r in rows.iter().filter(|r| r.section == "eliminated") {
                let direction = if r.item.starts_with("transfers from") {
                    "inflow"
                } else {
                    "outflow"
                };
                if direction == section {
                    *expected.get_mut(&r.commodity).unwrap() -= r.amount.unwrap().minor();
                }
            }
            expected.retain(|_, v| *v != 0);
            assert_eq!(total(Some(NETWORK), section), expected, "{section}");
        }
    }

    #[test]
    fn in_one_currency_with_totals_and_an_error_for_a_missing_rate() {
        let span = Span::parse("2026-Q2").unwrap();
        let rate = |from: &str, text: &str| RecordedRate {
            from: from.into(),
            to: "USD".into(),
            date: "2026-06-01".parse().unwrap(),
            rate: text.parse().unwrap(),
            source: None,
        };
        let converter = Converter::with_rates("USD", 2, span.to, [rate("EUR", "1.1")]);
        let rows = summary(&network(), &span, Some(&converter)).unwrap();
        let shown = text(&rows);
        assert!(
            shown.contains(&"Beta inflow contributions  EUR 500.00 = 550.00".to_owned()),
            "{shown:#?}"
        );
        assert!(shown.contains(&"Beta inflow goods in kind  KG-RICE 40.00".to_owned()));
        assert!(
            shown.contains(&"Beta inflow total all USD  = 750.00".to_owned()),
            "{shown:#?}"
        );
        assert!(
            shown.contains(&"network inflow total all USD  = 1550.00".to_owned()),
            "{shown:#?}"
        );
        assert!(
            shown.contains(&"network eliminated total all USD  = 400.00".to_owned()),
            "{shown:#?}"
        );
        let without = Converter::with_rates("USD", 2, span.to, []);
        let err = summary(&network(), &span, Some(&without)).unwrap_err();
        assert!(
            err.to_string().contains("no rate between EUR and USD"),
            "{err}"
        );
    }
}
