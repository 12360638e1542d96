//! Every text of the forum page, in English, and nothing else: its title,
//! headings and sentences, its column titles, the words in its cells and
//! charts. One function per message, its arguments named (a struct where
//! there are many), each returning the finished text; the page (`page.rs`)
//! chooses what to say and calls these, and writes no word itself.
//!
//! This is the seam for translating the page: each function can become a
//! look-up of a message of the same name with the same arguments (Fluent's
//! `forum-summary-received = From { $from } to …`), the plurals and lists
//! below being what Fluent's selectors and a list formatter do.
//!
//! The page also shows words it does not own: what the period reports put
//! in their rows (summary items such as "grants paid", metric names and
//! bases, grant statuses and rules), shown as the reports give them.

use std::fmt::{Display, Write as _};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::report::grants::RegisterRow;

/// An amount of one commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub commodity: String,
    pub amount: Money,
}

/// `a, b and c`.
pub fn plain_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// `1 grant`, `3 grants`.
fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1200.00 USD and 300.00 EUR`.
fn amounts(totals: &[Total]) -> String {
    plain_list(
        &totals
            .iter()
            .map(|t| format!("{} {}", t.amount, t.commodity))
            .collect::<Vec<_>>(),
    )
}

/// `1 day`, `2.5 days`.
fn days(n: impl Display) -> String {
    let n = n.to_string();
    if n == "1" || n == "1.0" {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// The span in words: `2026-Q2, 2026-04-01 to 2026-06-30`.
fn span_words(span: &Span) -> String {
    let days = format!("{} to {}", span.from, span.to);
    if span.label == days {
        days
    } else {
        format!("{}, {days}", span.label)
    }
}

fn audience_words(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => {
            "for the public: members who asked not to be named appear under pseudonyms"
        }
        Audience::Members => "for members: members who give anonymously appear under pseudonyms",
        Audience::Treasurer => "for the treasurers: every name is shown",
        Audience::Auditor => "for auditors: every name is shown, contact details are not",
    }
}

/// `Open forum report, 2026-Q2, 2026-04-01 to 2026-06-30, for the public: …`.
pub fn subtitle(span: &Span, audience: Audience) -> String {
    format!(
        "Open forum report, {}, {}",
        span_words(span),
        audience_words(audience)
    )
}

/// The page's title: the fund's name and the subtitle.
pub fn title(fund: &str, subtitle: &str) -> String {
    format!("{fund}: {subtitle}")
}

pub fn footer(period: &str) -> String {
    format!(
        "Made by fondo from the fund's books. Every figure comes from the period reports: fondo report summary, pools, grants, purchases, budget and metrics for {period}."
    )
}

/// The title of a table's column, by the table's and the column's names.
///
/// # Panics
/// On a column the page does not have (a mistake in `page.rs`).
pub fn column_title(table: &str, field: &str) -> String {
    match (table, field) {
        ("counts", "item") | ("flows", "item") => "What",
        ("counts", "count") => "How many",
        ("flows", "section") => "",
        ("flows", "detail") => "Detail",
        ("flows", "amount") => "Amount",
        (_, "pool") => "Pool",
        (_, "commodity") => "Commodity",
        (_, "category") => "Category",
        ("pools", "opening") => "Opening",
        ("pools", "contributions") => "Contributions",
        ("pools", "moved_in") => "Moved in",
        ("pools", "moved_out") => "Moved out",
        ("pools", "spent") => "Spent",
        ("pools", "converted") => "Exchanged",
        ("pools", "other") => "Other",
        ("pools", "closing") => "Closing",
        ("pools", "committed") => "Committed",
        ("pools", "available") => "Available",
        ("months", "month") => "Month",
        ("months", "inflow") => "In",
        ("months", "outflow") => "Out",
        ("grants", "grant") => "Grant",
        ("grants", "applicant") => "Applicant",
        ("grants", "requested") => "Requested",
        ("grants", "paid") => "Paid",
        ("grants", "spent") => "Reported spent",
        ("grants", "status") => "Status",
        ("grants", "decision") => "How it was decided",
        ("purchases", "purchase") => "Purchase",
        ("purchases", "status") => "Status",
        ("purchases", "who") => "Who owes",
        ("purchases", "owes") => "Whom",
        ("purchases", "charged") => "Charged",
        ("purchases", "paid") => "Paid",
        ("purchases", "owed") => "Still owed",
        ("purchases", "saved") => "Saved against buying alone",
        ("spending", "period") => "Period",
        ("spending", "budget") => "Budget",
        ("spending", "actual") => "Spent",
        ("spending", "difference") => "Left",
        ("spending", "used_percent") => "Used",
        ("metrics", "metric") => "Metric",
        ("metrics", "value") => "This period",
        ("metrics", "previous") => "Previous",
        ("metrics", "change") => "Change",
        ("metrics", "basis") => "Based on",
        _ => unreachable!("the forum page has no column {field} in {table}"),
    }
    .to_owned()
}

/// A figure that is not there (no budget left to compare, no metric).
pub fn missing() -> String {
    "–".to_owned()
}

// The summary.

pub fn summary_heading() -> String {
    "The period in plain words".to_owned()
}

/// What came in, for the summary's first paragraph.
pub struct Received<'a> {
    pub fund: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Money contributed, per currency.
    pub contributions: &'a [Total],
    /// How many contributions there were, from how many named
    /// contributors, and how many were anonymous.
    pub gifts: u64,
    pub named: u64,
    pub anonymous: u64,
    pub services: &'a [Total],
    pub goods: &'a [Total],
}

/// `From 2026-04-01 to 2026-06-30, Barrio received 1200.00 USD in
/// contributions: 14 contributions in all, from 6 named contributors and 2
/// anonymous gifts. Support in kind came too: 12 HOURS of services.`
pub fn summary_received(m: &Received) -> String {
    let received = if m.contributions.is_empty() {
        "no contributions of money".to_owned()
    } else {
        format!("{} in contributions", amounts(m.contributions))
    };
    let mut text = format!(
        "From {} to {}, {} received {received}",
        m.from, m.to, m.fund
    );
    if m.gifts > 0 {
        let _ = write!(
            text,
            ": {} in all, from {} and {}",
            count(m.gifts, "contribution", "contributions"),
            count(m.named, "named contributor", "named contributors"),
            count(m.anonymous, "anonymous gift", "anonymous gifts"),
        );
    }
    text.push('.');
    let in_kind: Vec<String> = [(m.services, "of services"), (m.goods, "of goods")]
        .into_iter()
        .filter(|(totals, _)| !totals.is_empty())
        .map(|(totals, what)| format!("{} {what}", amounts(totals)))
        .collect();
    if !in_kind.is_empty() {
        let _ = write!(text, " Support in kind came too: {}.", plain_list(&in_kind));
    }
    text
}

/// What went out and what happened to grants, for the summary's second
/// paragraph.
pub struct PaidOut<'a> {
    pub grants_paid: &'a [Total],
    pub running_costs: &'a [Total],
    pub given_out: &'a [Total],
    /// Grants applied for, approved, rejected, withdrawn, with a payment,
    /// and closed, over the period.
    pub applied: u64,
    pub approved: u64,
    pub rejected: u64,
    pub withdrawn: u64,
    pub with_payment: u64,
    pub closed: u64,
}

/// `It paid 900.00 USD in grants and 40.00 USD in running costs. 3 grants
/// were applied for. Over the period, 2 were approved, 0 rejected and 1
/// withdrawn; 2 grants received a payment and 1 was closed.` Grant totals
/// below zero (more money came back from grants than was paid) are said as
/// money that came back, never as a negative payment.
pub fn summary_paid_out(m: &PaidOut) -> String {
    let (paid, back): (Vec<Total>, Vec<Total>) = m
        .grants_paid
        .iter()
        .cloned()
        .partition(|t| t.amount.minor > 0);
    let back: Vec<Total> = back
        .into_iter()
        .map(|t| Total {
            amount: crate::domain::money::Money {
                minor: -t.amount.minor,
                ..t.amount
            },
            ..t
        })
        .collect();
    let mut text = match (paid.is_empty(), m.running_costs.is_empty()) {
        (true, true) => "No grants were paid and there were no running costs".to_owned(),
        (false, true) => format!("It paid {} in grants", amounts(&paid)),
        (true, false) => format!(
            "It paid no grants and {} in running costs",
            amounts(m.running_costs)
        ),
        (false, false) => format!(
            "It paid {} in grants and {} in running costs",
            amounts(&paid),
            amounts(m.running_costs)
        ),
    };
    if !m.given_out.is_empty() {
        let _ = write!(
            text,
            ", and gave out {} from its stock",
            amounts(m.given_out)
        );
    }
    text.push('.');
    if !back.is_empty() {
        let _ = write!(
            text,
            " {} of grant money came back, unspent.",
            amounts(&back)
        );
    }
    let _ = write!(
        text,
        " {} applied for. Over the period, {} were approved, {} rejected and {} withdrawn; {} a payment and {} closed.",
        match m.applied {
            1 => "1 grant was".to_owned(),
            n => format!("{n} grants were"),
        },
        m.approved,
        m.rejected,
        m.withdrawn,
        count(m.with_payment, "grant received", "grants received"),
        count(m.closed, "was", "were"),
    );
    text
}

/// What moved within the fund and what it held at the close, for the
/// summary's third paragraph.
pub struct Held<'a> {
    /// Moved between pools.
    pub moved: &'a [Total],
    /// Currency exchanges: what was given up, what was got.
    pub exchanged_from: &'a [Total],
    pub exchanged_into: &'a [Total],
    /// The pools' closing holdings: money and goods in stock.
    pub money: &'a [Total],
    pub stock: &'a [Total],
    /// Committed to approved grants, not yet paid.
    pub committed: &'a [Total],
}

/// `Within the fund, 100.00 USD moved from one pool to another. At the
/// close its pools held 2300.00 USD, with 40 KG-RICE in stock; of that,
/// 300.00 USD was committed to approved grants and not yet paid.`
pub fn summary_held(m: &Held) -> String {
    let mut within = Vec::new();
    if !m.moved.is_empty() {
        within.push(format!(
            "{} moved from one pool to another",
            amounts(m.moved)
        ));
    }
    if !m.exchanged_from.is_empty() && !m.exchanged_into.is_empty() {
        within.push(format!(
            "currency exchanges turned {} into {}",
            amounts(m.exchanged_from),
            amounts(m.exchanged_into)
        ));
    }
    let mut text = String::new();
    if !within.is_empty() {
        let _ = write!(text, "Within the fund, {}. ", plain_list(&within));
    }
    let _ = write!(
        text,
        "At the close its pools held {}",
        if m.money.is_empty() {
            "no money".to_owned()
        } else {
            amounts(m.money)
        }
    );
    if !m.stock.is_empty() {
        let _ = write!(text, ", with {} in stock", amounts(m.stock));
    }
    if m.committed.is_empty() {
        text.push_str("; none of it was committed to grants not yet paid.");
    } else {
        let _ = write!(
            text,
            "; of that, {} was committed to approved grants and not yet paid.",
            amounts(m.committed)
        );
    }
    text
}

// The pools.

pub fn pools_heading() -> String {
    "What each pool holds".to_owned()
}

pub fn pools_intro(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "Per pool and commodity, from {from} to {to}: opening, plus contributions and money moved in, less money moved out and spent, plus exchanges and other entries, gives the closing holdings. Committed money is promised to approved grants and not yet paid; the rest is available."
    )
}

// Money in and out.

pub fn flows_heading() -> String {
    "Money in and out".to_owned()
}

pub fn flows_intro() -> String {
    "Money that came in (contributions) and went out (grants paid and running costs), month by month and per currency; moves between pools and currency exchanges are neither.".to_owned()
}

/// The legend of the chart's two series.
pub fn chart_in() -> String {
    "in".to_owned()
}

pub fn chart_out() -> String {
    "out".to_owned()
}

/// One month's bars: `2026-04 in: 1200.00`, `2026-04 out: 350.00`.
pub fn chart_bar_in(month: &str, amount: Money) -> String {
    format!("{month} in: {amount}")
}

pub fn chart_bar_out(month: &str, amount: Money) -> String {
    format!("{month} out: {amount}")
}

/// One month of a chart's description (see [`chart_description`]).
pub struct ChartMonth<'a> {
    pub month: &'a str,
    pub inflow: Money,
    pub outflow: Money,
}

/// The whole chart in words: `Money in and out per month, USD: 2026-04 in
/// 1200.00, out 350.00; 2026-05 in …`.
pub fn chart_description(commodity: &str, months: &[ChartMonth]) -> String {
    format!(
        "Money in and out per month, {commodity}: {}",
        months
            .iter()
            .map(|m| format!("{} in {}, out {}", m.month, m.inflow, m.outflow))
            .collect::<Vec<_>>()
            .join("; ")
    )
}

pub fn flows_subheading() -> String {
    "Everything that came in, went out or moved".to_owned()
}

/// A summary section in the flows table: `came in`, `went out`, `moved
/// within`.
pub fn flow_direction(section: &str) -> String {
    match section {
        "inflow" => "came in",
        "outflow" => "went out",
        _ => "moved within",
    }
    .to_owned()
}

// The grants.

pub fn grants_heading() -> String {
    "Grants".to_owned()
}

pub fn grants_intro(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "Every grant applied for by {to} that was not closed before {from}, as it stood at the close, with the rule of the pool's policy it was decided under and the stewards' votes as counted at the decision."
    )
}

/// How a grant was decided: `Approved on 2026-04-14 20:00 by majority (…):
/// 4 consent, 0 object, 1 abstain, 0 recused. Decided 1.4 days after the
/// application, first paid 1 day later.`
pub fn how_decided(g: &RegisterRow) -> String {
    let votes = format!(
        "{} consent, {} object, {} abstain, {} recused",
        g.consents, g.objections, g.abstentions, g.recused
    );
    let mut text = match (g.status, &g.decided) {
        ("withdrawn", _) => format!("Withdrawn before a decision; the rule was {}.", g.rule),
        ("open", _) | (_, None) => format!("Still open under {}; so far {votes}.", g.rule),
        (status, Some(on)) => {
            let verb = if status == "rejected" {
                "Rejected"
            } else {
                "Approved"
            };
            format!("{verb} on {on} by {}: {votes}.", g.rule)
        }
    };
    if let Some(n) = g.days_to_decision {
        let _ = write!(text, " Decided {} after the application", days(n));
        match g.days_to_first_payment {
            Some(0) => text.push_str(", first paid the same day."),
            Some(n) => {
                let _ = write!(text, ", first paid {} later.", days(n));
            }
            None => text.push('.'),
        }
    }
    if g.returned.minor != 0 {
        let _ = write!(text, " {} {} came back.", g.returned, g.commodity);
    }
    text
}

// Pooled purchasing.

pub fn purchases_heading() -> String {
    "Pooled purchasing".to_owned()
}

pub fn purchases_intro(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "Purchases opened from {from} to {to} in which member groups bought together from one supplier, by the case. For each group: its share of the invoice and the costs, after the fund's subsidy, what it has paid and what it still owes the fund, and what it saved against the prices it would pay alone; then what the fund owes the supplier. Groups appear as members do elsewhere on this page."
    )
}

/// The pooled purchases in figures, for [`purchases_said`].
pub struct Bought<'a> {
    pub purchases: u64,
    /// One per group and purchase.
    pub group_lines: u64,
    pub saved: &'a [Total],
    pub groups_owe: &'a [Total],
    pub fund_owes: &'a [Total],
}

/// `1 pooled purchase, with 5 group orders: the groups saved 52.10 USD
/// against buying alone; they still owe the fund 84.38 USD, and the fund
/// owes its suppliers nothing.`
pub fn purchases_said(m: &Bought) -> String {
    if m.purchases == 0 {
        return "No pooled purchase was opened in the period.".to_owned();
    }
    let mut text = format!(
        "{}, with {}",
        count(m.purchases, "pooled purchase", "pooled purchases"),
        count(m.group_lines, "group order", "group orders")
    );
    if !m.saved.is_empty() {
        let _ = write!(
            text,
            ": the groups saved {} against buying alone",
            amounts(m.saved)
        );
    }
    let _ = write!(
        text,
        "; they still owe the fund {}, and the fund owes its suppliers {}.",
        if m.groups_owe.is_empty() {
            "nothing".to_owned()
        } else {
            amounts(m.groups_owe)
        },
        if m.fund_owes.is_empty() {
            "nothing".to_owned()
        } else {
            amounts(m.fund_owes)
        }
    );
    text
}

/// A party in the purchases table: `the fund`, or a group or supplier as
/// the report names it.
pub fn purchase_party(name: &str) -> String {
    if name == "fund" {
        "the fund".to_owned()
    } else {
        name.to_owned()
    }
}

// Spending by category.

pub fn spending_heading() -> String {
    "Spending by category".to_owned()
}

pub fn spending_intro() -> String {
    "What each pool spent per category (grant categories, running-cost accounts, goods given out and services used), against the budget where the community set one for the period.".to_owned()
}

/// The budget cell of spending no budget covers.
pub fn no_budget() -> String {
    "no budget".to_owned()
}

/// `97.5%`.
pub fn percent(value: Decimal) -> String {
    format!("{value}%")
}

// Accountability.

pub fn metrics_heading() -> String {
    "Accountability".to_owned()
}

pub fn metrics_intro(previous: &Span) -> String {
    format!(
        "The numbers a mutual-aid network asks of a fund, for this period and the one before ({}).",
        span_words(previous)
    )
}

/// A metric's figure with its unit: `97.5%`, `2.4 days`, `3`.
pub fn metric_value(unit: &str, value: Option<Decimal>) -> String {
    match value {
        None => missing(),
        Some(v) => match unit {
            "percent" => percent(v),
            "days" => format!("{v} days"),
            _ => v.to_string(),
        },
    }
}

/// A metric's change, signed; a change of a percentage is in points:
/// `+2.5 points`, `-1.0 days`.
pub fn metric_change(unit: &str, change: Option<Decimal>) -> String {
    let Some(change) = change else {
        return missing();
    };
    let sign = if change.is_sign_positive() && !change.is_zero() {
        "+"
    } else {
        ""
    };
    match unit {
        "percent" => format!("{sign}{change} points"),
        unit => format!("{sign}{}", metric_value(unit, Some(change))),
    }
}

// The fingerprint.

pub fn fingerprint_heading() -> String {
    "Fingerprint".to_owned()
}

pub fn fingerprint_intro() -> String {
    "The books are a hash chain: changing, removing or reordering anything in their history changes the fingerprint. The audit bundle handed out with this report states the same fingerprint in its README.txt; check that the two match, then check the bundle itself with the command fondo verify --bundle DIR, or by hand as its README.txt explains.".to_owned()
}

pub fn ledger_hash(transactions: u64) -> String {
    format!(
        "Ledger fingerprint (the journal's head hash), after {}",
        count(transactions, "transaction", "transactions")
    )
}

pub fn manifest_hash() -> String {
    "Audit bundle of the period: SHA-256 of its MANIFEST.csv".to_owned()
}

pub fn records_hash(records: u64) -> String {
    format!(
        "Governance records head, after {}",
        count(records, "record", "records")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lists_and_counts() {
        assert_eq!(plain_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(plain_list(&["a"]), "a");
        assert_eq!(count(1, "grant", "grants"), "1 grant");
        assert_eq!(count(0, "grant", "grants"), "0 grants");
    }

    #[test]
    fn purchases_in_words() {
        let usd = |minor| Total {
            commodity: "USD".into(),
            amount: Money { minor, decimals: 2 },
        };
        assert_eq!(
            purchases_said(&Bought {
                purchases: 1,
                group_lines: 5,
                saved: &[usd(5210)],
                groups_owe: &[usd(8438)],
                fund_owes: &[],
            }),
            "1 pooled purchase, with 5 group orders: the groups saved 52.10 USD against buying alone; they still owe the fund 84.38 USD, and the fund owes its suppliers nothing."
        );
        assert_eq!(
            purchases_said(&Bought {
                purchases: 0,
                group_lines: 0,
                saved: &[],
                groups_owe: &[],
                fund_owes: &[],
            }),
            "No pooled purchase was opened in the period."
        );
    }
}
