//! The forum page's content: which sections it has, which tables and charts,
//! and every sentence it says, composed from the forum report's rows
//! ([`Forum`]) into a [`Document`] that [`crate::render`] lays out as HTML
//! or Markdown. Every figure is taken from the period reports' rows as they
//! are; the sentences of the summary only add up rows of the summary per
//! commodity.

use std::fmt::Write as _;

use crate::domain::currency;
use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::render::document::{
    Block, Chart, Column, ColumnKind, Document, Section, Table, TableRow,
};
use crate::report::grants::RegisterRow;
use crate::report::metrics::MetricRow;
use crate::report::summary::SummaryRow;

use super::{Forum, MonthRow};

const fn column(title: &'static str, field: &'static str, kind: ColumnKind) -> Column {
    Column { title, field, kind }
}

const fn text(title: &'static str, field: &'static str) -> Column {
    column(title, field, ColumnKind::Text)
}

const fn name(title: &'static str, field: &'static str) -> Column {
    column(title, field, ColumnKind::Name)
}

const fn num(title: &'static str, field: &'static str) -> Column {
    column(title, field, ColumnKind::Figure)
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

/// The span in words: `2026-Q2, 2026-04-01 to 2026-06-30`.
fn span_words(span: &Span) -> String {
    let days = format!("{} to {}", span.from, span.to);
    if span.label == days {
        days
    } else {
        format!("{}, {days}", span.label)
    }
}

/// Sums of summary rows per commodity, in the order commodities appear.
fn totals(rows: &[SummaryRow], section: &str, item: &str) -> Vec<(String, Money)> {
    let mut sums: Vec<(String, Money)> = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.section == section && r.item == item)
    {
        let Some(amount) = r.amount else { continue };
        match sums.iter_mut().find(|(c, _)| *c == r.commodity) {
            Some((_, sum)) => sum.minor += amount.minor,
            None => sums.push((r.commodity.clone(), amount)),
        }
    }
    sums.retain(|(_, m)| m.minor != 0);
    sums
}

fn amounts(sums: &[(String, Money)]) -> String {
    plain_list(
        &sums
            .iter()
            .map(|(c, m)| format!("{m} {c}"))
            .collect::<Vec<_>>(),
    )
}

fn is_money(code: &str) -> bool {
    currency::known(code).is_some()
}

/// A count row of the summary.
fn summary_count(rows: &[SummaryRow], item: &str) -> u64 {
    rows.iter()
        .find(|r| r.section == "count" && r.item == item)
        .and_then(|r| r.count)
        .unwrap_or(0)
}

/// The summary in plain words.
fn plain_words(forum: &Forum) -> Vec<String> {
    let rows = &forum.summary;
    let mut paragraphs = Vec::new();
    let contributions = totals(rows, "inflow", "contributions");
    let gifts = summary_count(rows, "contributions");
    let named = summary_count(rows, "named contributors");
    let anonymous = summary_count(rows, "anonymous contributions");
    let received = if contributions.is_empty() {
        "no contributions of money".to_owned()
    } else {
        format!("{} in contributions", amounts(&contributions))
    };
    let mut first = format!(
        "From {} to {}, {} received {received}",
        forum.span.from, forum.span.to, forum.fund
    );
    if gifts > 0 {
        let _ = write!(
            first,
            ": {} in all, from {} and {}",
            count(gifts, "contribution", "contributions"),
            count(named, "named contributor", "named contributors"),
            count(anonymous, "anonymous gift", "anonymous gifts"),
        );
    }
    first.push('.');
    let services = totals(rows, "inflow", "services in kind");
    let goods = totals(rows, "inflow", "goods in kind");
    let in_kind: Vec<String> = [(services, "of services"), (goods, "of goods")]
        .into_iter()
        .filter(|(sums, _)| !sums.is_empty())
        .map(|(sums, what)| format!("{} {what}", amounts(&sums)))
        .collect();
    if !in_kind.is_empty() {
        let _ = write!(
            first,
            " Support in kind came too: {}.",
            plain_list(&in_kind)
        );
    }
    paragraphs.push(first);

    let grants_paid = totals(rows, "outflow", "grants paid");
    let costs = totals(rows, "outflow", "operating costs");
    let given = totals(rows, "outflow", "goods given out");
    let mut second = match (grants_paid.is_empty(), costs.is_empty()) {
        (true, true) => "No grants were paid and there were no running costs".to_owned(),
        (false, true) => format!("It paid {} in grants", amounts(&grants_paid)),
        (true, false) => format!("It paid no grants and {} in running costs", amounts(&costs)),
        (false, false) => format!(
            "It paid {} in grants and {} in running costs",
            amounts(&grants_paid),
            amounts(&costs)
        ),
    };
    if !given.is_empty() {
        let _ = write!(second, ", and gave out {} from its stock", amounts(&given));
    }
    second.push('.');
    let applied = summary_count(rows, "grants applied for");
    let _ = write!(
        second,
        " {} applied for. Over the period, {} were approved, {} rejected and {} withdrawn; {} a payment and {} were closed.",
        match applied {
            1 => "1 grant was".to_owned(),
            n => format!("{n} grants were"),
        },
        summary_count(rows, "grants approved"),
        summary_count(rows, "grants rejected"),
        summary_count(rows, "grants withdrawn"),
        count(
            summary_count(rows, "grants with a payment"),
            "grant received",
            "grants received"
        ),
        summary_count(rows, "grants closed"),
    );
    paragraphs.push(second);

    let moved = totals(rows, "within", "moved in from other pools");
    let converted = totals(rows, "within", "currency conversions");
    let (gave_up, got): (Vec<_>, Vec<_>) = converted.into_iter().partition(|(_, m)| m.minor < 0);
    let gave_up: Vec<(String, Money)> = gave_up
        .into_iter()
        .map(|(c, m)| {
            (
                c,
                Money {
                    minor: -m.minor,
                    ..m
                },
            )
        })
        .collect();
    let mut within = Vec::new();
    if !moved.is_empty() {
        within.push(format!(
            "{} moved from one pool to another",
            amounts(&moved)
        ));
    }
    if !gave_up.is_empty() && !got.is_empty() {
        within.push(format!(
            "currency exchanges turned {} into {}",
            amounts(&gave_up),
            amounts(&got)
        ));
    }
    let closing = totals(rows, "closing", "closing");
    let (money, stock): (Vec<_>, Vec<_>) = closing.into_iter().partition(|(c, _)| is_money(c));
    let mut third = String::new();
    if !within.is_empty() {
        let _ = write!(third, "Within the fund, {}. ", plain_list(&within));
    }
    let _ = write!(
        third,
        "At the close its pools held {}",
        if money.is_empty() {
            "no money".to_owned()
        } else {
            amounts(&money)
        }
    );
    if !stock.is_empty() {
        let _ = write!(third, ", with {} in stock", amounts(&stock));
    }
    let committed = totals(rows, "committed", "committed");
    if committed.is_empty() {
        third.push_str("; none of it was committed to grants not yet paid.");
    } else {
        let _ = write!(
            third,
            "; of that, {} was committed to approved grants and not yet paid.",
            amounts(&committed)
        );
    }
    paragraphs.push(third);
    paragraphs
}

fn counts_table(rows: &[SummaryRow]) -> Table {
    Table {
        name: "counts",
        narrow: true,
        columns: vec![text("What", "item"), num("How many", "count")],
        rows: rows
            .iter()
            .filter(|r| r.section == "count")
            .map(|r| TableRow {
                key: r.item.clone(),
                cells: vec![
                    r.item.clone(),
                    r.count.map(|c| c.to_string()).unwrap_or_default(),
                ],
            })
            .collect(),
    }
}

fn money_cell(m: Money) -> String {
    m.to_string()
}

fn pools_table(forum: &Forum) -> Table {
    Table {
        name: "pools",
        narrow: false,
        columns: vec![
            text("Pool", "pool"),
            name("Commodity", "commodity"),
            num("Opening", "opening"),
            num("Contributions", "contributions"),
            num("Moved in", "moved_in"),
            num("Moved out", "moved_out"),
            num("Spent", "spent"),
            num("Exchanged", "converted"),
            num("Other", "other"),
            num("Closing", "closing"),
            num("Committed", "committed"),
            num("Available", "available"),
        ],
        rows: forum
            .pools
            .iter()
            .map(|p| TableRow {
                key: format!("{}|{}", p.pool, p.commodity),
                cells: vec![
                    p.pool.clone(),
                    p.commodity.clone(),
                    money_cell(p.opening),
                    money_cell(p.contributions),
                    money_cell(p.moved_in),
                    money_cell(p.moved_out),
                    money_cell(p.spent),
                    money_cell(p.converted),
                    money_cell(p.other),
                    money_cell(p.closing),
                    money_cell(p.committed),
                    money_cell(p.available),
                ],
            })
            .collect(),
    }
}

fn flows_table(rows: &[SummaryRow]) -> Table {
    let words = |section: &str| match section {
        "inflow" => "came in",
        "outflow" => "went out",
        _ => "moved within",
    };
    Table {
        name: "flows",
        narrow: false,
        columns: vec![
            name("", "section"),
            text("What", "item"),
            text("Detail", "detail"),
            text("Pool", "pool"),
            name("Commodity", "commodity"),
            num("Amount", "amount"),
        ],
        rows: rows
            .iter()
            .filter(|r| matches!(r.section, "inflow" | "outflow" | "within"))
            .map(|r| TableRow {
                key: [r.section, &r.item, &r.detail, &r.pool, &r.commodity].join("|"),
                cells: vec![
                    words(r.section).to_owned(),
                    r.item.clone(),
                    r.detail.clone(),
                    r.pool.clone(),
                    r.commodity.clone(),
                    r.amount.map(money_cell).unwrap_or_default(),
                ],
            })
            .collect(),
    }
}

fn charts(months: &[MonthRow]) -> Vec<Chart> {
    let mut charts: Vec<Chart> = Vec::new();
    for m in months {
        let entry = (m.month.clone(), m.inflow, m.outflow);
        match charts.iter_mut().find(|c| c.commodity == m.commodity) {
            Some(chart) => chart.months.push(entry),
            None => charts.push(Chart {
                commodity: m.commodity.clone(),
                months: vec![entry],
                table: Table {
                    name: "months",
                    narrow: true,
                    columns: vec![
                        name("Month", "month"),
                        num("In", "inflow"),
                        num("Out", "outflow"),
                    ],
                    rows: Vec::new(),
                },
            }),
        }
    }
    for chart in &mut charts {
        chart.table.rows = chart
            .months
            .iter()
            .map(|(month, inflow, outflow)| TableRow {
                key: format!("{month}|{}", chart.commodity),
                cells: vec![month.clone(), inflow.to_string(), outflow.to_string()],
            })
            .collect();
    }
    charts
}

/// `1 day`, `2.5 days`.
fn days(n: impl std::fmt::Display) -> String {
    let n = n.to_string();
    if n == "1" || n == "1.0" {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// How a grant was decided, in words.
fn how_decided(g: &RegisterRow) -> String {
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

fn grants_table(forum: &Forum) -> Table {
    Table {
        name: "grants",
        narrow: false,
        columns: vec![
            name("Grant", "grant"),
            name("Applicant", "applicant"),
            text("Pool", "pool"),
            name("Category", "category"),
            name("Commodity", "commodity"),
            num("Requested", "requested"),
            num("Paid", "paid"),
            num("Reported spent", "spent"),
            name("Status", "status"),
            column("How it was decided", "decision", ColumnKind::Long),
        ],
        rows: forum
            .grants
            .iter()
            .map(|g| TableRow {
                key: g.grant.clone(),
                cells: vec![
                    g.grant.clone(),
                    g.applicant.clone(),
                    g.pool.clone(),
                    g.category.clone(),
                    g.commodity.clone(),
                    g.requested.to_string(),
                    g.paid.to_string(),
                    g.spent.to_string(),
                    g.status.to_owned(),
                    how_decided(g),
                ],
            })
            .collect(),
    }
}

fn spending_table(forum: &Forum) -> Table {
    Table {
        name: "spending",
        narrow: false,
        columns: vec![
            name("Period", "period"),
            text("Pool", "pool"),
            name("Category", "category"),
            name("Commodity", "commodity"),
            num("Budget", "budget"),
            num("Spent", "actual"),
            num("Left", "difference"),
            num("Used", "used_percent"),
        ],
        rows: forum
            .budget
            .iter()
            .map(|b| TableRow {
                key: format!("{}|{}|{}|{}", b.period, b.pool, b.category, b.commodity),
                cells: vec![
                    b.period.clone(),
                    b.pool.clone(),
                    b.category.clone(),
                    b.commodity.clone(),
                    b.budget.map_or_else(|| "no budget".to_owned(), money_cell),
                    money_cell(b.actual),
                    b.difference.map_or_else(|| "–".to_owned(), money_cell),
                    b.used_percent
                        .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
                ],
            })
            .collect(),
    }
}

/// A metric's figure with its unit.
fn metric_value(unit: &str, value: Option<rust_decimal::Decimal>) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) => match unit {
            "percent" => format!("{v}%"),
            "days" => format!("{v} days"),
            _ => v.to_string(),
        },
    }
}

/// A metric's change; a change of a percentage is in points.
fn metric_change(m: &MetricRow) -> String {
    let Some(change) = m.change else {
        return "–".to_owned();
    };
    let sign = if change.is_sign_positive() && !change.is_zero() {
        "+"
    } else {
        ""
    };
    match m.unit {
        "percent" => format!("{sign}{change} points"),
        unit => format!("{sign}{}", metric_value(unit, Some(change))),
    }
}

fn metrics_table(forum: &Forum) -> Table {
    Table {
        name: "metrics",
        narrow: false,
        columns: vec![
            text("Metric", "metric"),
            name("Commodity", "commodity"),
            num("This period", "value"),
            num("Previous", "previous"),
            num("Change", "change"),
            text("Based on", "basis"),
        ],
        rows: forum
            .metrics
            .iter()
            .map(|m| TableRow {
                key: format!("{}|{}", m.metric, m.commodity),
                cells: vec![
                    m.metric.to_owned(),
                    m.commodity.clone(),
                    metric_value(m.unit, m.value),
                    metric_value(m.unit, m.previous),
                    metric_change(m),
                    m.basis.clone(),
                ],
            })
            .collect(),
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

/// Builds the page's content from the forum report's data.
pub fn document(forum: &Forum) -> Document {
    let span = &forum.span;
    let mut sections = Vec::new();

    let mut summary: Vec<Block> = plain_words(forum)
        .into_iter()
        .map(Block::Paragraph)
        .collect();
    summary.push(Block::Table(counts_table(&forum.summary)));
    sections.push(Section {
        id: "summary",
        heading: "The period in plain words".into(),
        blocks: summary,
    });

    sections.push(Section {
        id: "pools",
        heading: "What each pool holds".into(),
        blocks: vec![
            Block::Paragraph(format!(
                "Per pool and commodity, from {} to {}: opening, plus contributions and money moved in, less money moved out and spent, plus exchanges and other entries, gives the closing holdings. Committed money is promised to approved grants and not yet paid; the rest is available.",
                span.from, span.to
            )),
            Block::Table(pools_table(forum)),
        ],
    });

    let mut flows = vec![Block::Paragraph(
        "Money that came in (contributions) and went out (grants paid and running costs), month by month and per currency; moves between pools and currency exchanges are neither.".into(),
    )];
    flows.push(Block::Charts(charts(&forum.months)));
    flows.push(Block::Subheading(
        "Everything that came in, went out or moved".into(),
    ));
    flows.push(Block::Table(flows_table(&forum.summary)));
    sections.push(Section {
        id: "flows",
        heading: "Money in and out".into(),
        blocks: flows,
    });

    sections.push(Section {
        id: "grants",
        heading: "Grants".into(),
        blocks: vec![
            Block::Paragraph(format!(
                "Every grant applied for by {} that was not closed before {}, as it stood at the close, with the rule of the pool's policy it was decided under and the stewards' votes as counted at the decision.",
                span.to, span.from
            )),
            Block::Table(grants_table(forum)),
        ],
    });

    sections.push(Section {
        id: "spending",
        heading: "Spending by category".into(),
        blocks: vec![
            Block::Paragraph(
                "What each pool spent per category (grant categories, running-cost accounts, goods given out and services used), against the budget where the community set one for the period.".into(),
            ),
            Block::Table(spending_table(forum)),
        ],
    });

    sections.push(Section {
        id: "metrics",
        heading: "Accountability".into(),
        blocks: vec![
            Block::Paragraph(format!(
                "The numbers a mutual-aid network asks of a fund, for this period and the one before ({}).",
                span_words(&forum.previous)
            )),
            Block::Table(metrics_table(forum)),
        ],
    });

    let f = &forum.fingerprint;
    sections.push(Section {
        id: "fingerprint",
        heading: "Fingerprint".into(),
        blocks: vec![
            Block::Paragraph(
                "The books are a hash chain: changing, removing or reordering anything in their history changes the fingerprint. The audit bundle handed out with this report states the same fingerprint in its README.txt; check that the two match, then check the bundle itself with the command fondo verify --bundle DIR, or by hand as its README.txt explains.".into(),
            ),
            Block::Hash {
                label: format!(
                    "Ledger fingerprint (the journal's head hash), after {}",
                    count(f.transactions as u64, "transaction", "transactions")
                ),
                value: f.ledger.clone(),
            },
            Block::Hash {
                label: format!(
                    "Governance records head, after {}",
                    count(f.record_count as u64, "record", "records")
                ),
                value: f.records.clone(),
            },
        ],
    });

    Document {
        title: forum.fund.clone(),
        subtitle: format!(
            "Open forum report, {}, {}",
            span_words(span),
            audience_words(forum.audience)
        ),
        sections,
        footer: format!(
            "Made by fondo from the fund's books. Every figure comes from the period reports: fondo report summary, pools, grants, budget and metrics for {}.",
            span.label
        ),
    }
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
}
