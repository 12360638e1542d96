//! The open-forum page: one self-contained HTML file (inline CSS and SVG, no
//! network, prints on A4) or the same content as Markdown.
//!
//! The page is built in two steps. [`document`] turns the report's data
//! ([`Forum`]) into a small document model — sections of paragraphs, tables,
//! charts and hashes, every figure already written out — and the two writers
//! ([`html`], [`markdown`]) only lay that model out, so the two formats
//! cannot say different things. Every figure is taken from the period
//! reports' rows as they are; the sentences of the summary only add up rows
//! of the summary per commodity.
//!
//! Escaping is done in one place per format: [`Html`] writes markup only
//! from `&'static str` and escapes everything else (text and attribute
//! values), so nothing from the fund's data can become markup; [`md_text`]
//! does the same for Markdown. Tables carry `data-table`, `data-key` and
//! `data-field` attributes, so a script (or a test) can find any figure.

use std::fmt::Write as _;

use crate::domain::currency;
use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::report::forum::{Forum, MonthRow};
use crate::report::metrics::MetricRow;
use crate::report::summary::SummaryRow;

/// The page's content, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The HTML id (a fixed word).
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A small heading inside a section.
    Subheading(String),
    Table(Table),
    /// Charts side by side, one per currency.
    Charts(Vec<Chart>),
    /// A hash, shown whole in a monospace font, with what it is.
    Hash {
        label: String,
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Names the table for scripts (`data-table`).
    pub name: &'static str,
    /// A short list, as wide as its content rather than the page.
    pub narrow: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    /// Names the column for scripts (`data-field`).
    pub field: &'static str,
    pub kind: ColumnKind,
}

/// How a column's cells are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Words that may wrap.
    Text,
    /// A name or code, kept on one line.
    Name,
    /// A figure, right-aligned.
    Figure,
    /// A long explanation: in HTML, a line of its own under the row.
    Long,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Names the row for scripts (`data-key`), e.g. `food|USD`.
    pub key: String,
    pub cells: Vec<String>,
}

/// Money in and out per month, in one currency, with its figures as a
/// table (what Markdown shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub commodity: String,
    /// (month, in, out)
    pub months: Vec<(String, Money, Money)>,
    pub table: Table,
}

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
fn how_decided(g: &crate::report::grants::RegisterRow) -> String {
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

/// HTML written only through methods that escape what is not markup.
struct Html {
    out: String,
}

/// Escapes text for HTML element content and double-quoted attributes:
/// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and
/// `&#39;` (pulldown-cmark's escaper, the one its HTML writer uses).
fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

impl Html {
    /// Markup, as written in this file.
    fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    fn text(&mut self, text: &str) -> &mut Self {
        escape(&mut self.out, text);
        self
    }

    /// An opening tag with attributes, their values escaped.
    fn open(&mut self, tag: &'static str, attributes: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element holding text.
    fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d232a; --soft: #4a5561; --line: #d5dbe1; --head: #eef2f4; --in: #2f6f5e; --out: #d9822b; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 4px solid var(--in); padding-bottom: 1rem; }
h1 { font-size: 2rem; margin: 0 0 .3rem; }
.subtitle { color: var(--soft); margin: 0; }
section { margin-top: 2.2rem; }
h2 { font-size: 1.35rem; margin: 0 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p { margin: .5rem 0; max-width: 52rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0 1rem; }
th, td { padding: .3rem .4rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { white-space: nowrap; }
tr.note td { color: var(--soft); padding-top: 0; padding-bottom: .5rem; }
tr:has(+ tr.note) td { border-bottom: none; padding-bottom: .1rem; }
tr.note .label { font-weight: 600; color: var(--ink); }
table.narrow { width: auto; min-width: 16rem; }
.charts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; }
.chart { flex: 0 1 auto; max-width: 100%; }
figure { margin: .3rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg .in { fill: var(--in); }
svg .out { fill: var(--out); }
svg .axis { stroke: var(--soft); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; stroke-dasharray: 4 3; }
.hash { margin: .8rem 0; }
.hash code { display: block; margin-top: .2rem; padding: .45rem .6rem; background: #f4f6f8; border: 1px solid var(--line); font: 1rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-all; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--line); color: var(--soft); font-size: .85rem; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  header { border-bottom-width: 2pt; }
  section { margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure, .hash { break-inside: avoid; }
  th { background: none; border-bottom: 1.5pt solid var(--ink); }
  .table { overflow: visible; }
  svg, .hash code { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// The page as one self-contained HTML file.
pub fn html(doc: &Document) -> String {
    let mut h = Html { out: String::new() };
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", &[], &format!("{}: {}", doc.title, doc.subtitle))
        .raw("\n<style>")
        .raw(STYLE)
        .raw("</style>\n</head>\n<body>\n<main>\n<header>\n")
        .element("h1", &[], &doc.title)
        .raw("\n")
        .element("p", &[("class", "subtitle")], &doc.subtitle)
        .raw("\n</header>\n");
    for section in &doc.sections {
        h.open("section", &[("id", section.id)])
            .raw("\n")
            .element("h2", &[], &section.heading)
            .raw("\n");
        for block in &section.blocks {
            html_block(&mut h, block);
        }
        h.raw("</section>\n");
    }
    h.raw("<footer>\n")
        .element("p", &[], &doc.footer)
        .raw("\n</footer>\n</main>\n</body>\n</html>\n");
    h.out
}

fn html_block(h: &mut Html, block: &Block) {
    match block {
        Block::Paragraph(text) => {
            h.element("p", &[], text).raw("\n");
        }
        Block::Subheading(text) => {
            h.element("h3", &[], text).raw("\n");
        }
        Block::Table(table) => html_table(h, table),
        Block::Charts(charts) => {
            h.raw("<div class=\"charts\">\n");
            for chart in charts {
                h.raw("<div class=\"chart\">")
                    .element("h3", &[], &chart.commodity);
                html_chart(h, chart);
                html_table(h, &chart.table);
                h.raw("</div>\n");
            }
            h.raw("</div>\n");
        }
        Block::Hash { label, value } => {
            h.raw("<div class=\"hash\">")
                .text(label)
                .open("code", &[("data-hash", label)])
                .text(value)
                .close("code")
                .raw("</div>\n");
        }
    }
}

/// A table; a Long column goes on a line of its own under its row, the
/// two rows grouped in a `tbody`.
fn html_table(h: &mut Html, table: &Table) {
    let class = |c: &Column| match c.kind {
        ColumnKind::Text | ColumnKind::Long => "",
        ColumnKind::Name => "name",
        ColumnKind::Figure => "num",
    };
    let (long, short): (Vec<_>, Vec<_>) = table
        .columns
        .iter()
        .enumerate()
        .partition(|(_, c)| c.kind == ColumnKind::Long);
    let span = short.len().to_string();
    h.raw("<div class=\"table\">")
        .open(
            "table",
            &[
                ("data-table", table.name),
                ("class", if table.narrow { "narrow" } else { "" }),
            ],
        )
        .raw("<thead><tr>");
    for (_, c) in &short {
        h.element("th", &[("class", class(c))], c.title);
    }
    h.raw("</tr></thead>\n");
    if long.is_empty() {
        h.raw("<tbody>\n");
    }
    for row in &table.rows {
        if !long.is_empty() {
            h.raw("<tbody>");
        }
        h.open("tr", &[("data-key", &row.key)]);
        for (i, c) in &short {
            let cell = row.cells.get(*i).map_or("", String::as_str);
            h.element("td", &[("class", class(c)), ("data-field", c.field)], cell);
        }
        h.raw("</tr>");
        for (i, c) in &long {
            let cell = row.cells.get(*i).map_or("", String::as_str);
            h.raw("<tr class=\"note\">")
                .open("td", &[("colspan", &span), ("data-field", c.field)])
                .element("span", &[("class", "label")], c.title)
                .text(": ")
                .text(cell)
                .raw("</td></tr>");
        }
        if long.is_empty() {
            h.raw("\n");
        } else {
            h.raw("</tbody>\n");
        }
    }
    if long.is_empty() {
        h.raw("</tbody>");
    }
    h.raw("</table></div>\n");
}

/// Height in pixels of `value` on a scale where `max` is `height`; whole
/// pixels from whole minor units, so no money is ever a float.
fn bar_height(value: i128, max: i128, height: i128) -> i128 {
    if value <= 0 || max <= 0 {
        0
    } else {
        (value * height / max).max(1)
    }
}

fn html_chart(h: &mut Html, chart: &Chart) {
    const LEFT: i128 = 72;
    const TOP: i128 = 28;
    const PLOT: i128 = 170;
    const GROUP: i128 = 84;
    const BAR: i128 = 28;
    let n = chart.months.len() as i128;
    let width = LEFT + n * GROUP + 16;
    let height = TOP + PLOT + 44;
    let max = chart
        .months
        .iter()
        .flat_map(|(_, i, o)| [i.minor, o.minor])
        .max()
        .unwrap_or(0);
    let decimals = chart.months.first().map_or(0, |m| m.1.decimals);
    let title = format!(
        "Money in and out per month, {}: {}",
        chart.commodity,
        chart
            .months
            .iter()
            .map(|(m, i, o)| format!("{m} in {i}, out {o}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let s = |v: i128| v.to_string();
    let base = TOP + PLOT;
    h.open("figure", &[("data-chart", &chart.commodity)])
        .open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", &format!("0 0 {width} {height}")),
                ("width", &s(width)),
                ("height", &s(height)),
                ("role", "img"),
            ],
        )
        .element("title", &[], &title);
    // Legend.
    h.open(
        "rect",
        &[
            ("class", "in"),
            ("x", &s(LEFT)),
            ("y", "6"),
            ("width", "12"),
            ("height", "12"),
        ],
    )
    .close("rect")
    .element("text", &[("x", &s(LEFT + 18)), ("y", "17")], "in")
    .open(
        "rect",
        &[
            ("class", "out"),
            ("x", &s(LEFT + 50)),
            ("y", "6"),
            ("width", "12"),
            ("height", "12"),
        ],
    )
    .close("rect")
    .element("text", &[("x", &s(LEFT + 68)), ("y", "17")], "out");
    // Scale: the top line is the largest month's figure.
    let top_label = Money {
        minor: max,
        decimals,
    }
    .to_string();
    h.open(
        "line",
        &[
            ("class", "grid"),
            ("x1", &s(LEFT)),
            ("x2", &s(width - 8)),
            ("y1", &s(TOP)),
            ("y2", &s(TOP)),
        ],
    )
    .close("line")
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(TOP + 4)),
            ("text-anchor", "end"),
        ],
        &top_label,
    )
    .element(
        "text",
        &[
            ("x", &s(LEFT - 6)),
            ("y", &s(base + 4)),
            ("text-anchor", "end"),
        ],
        &Money { minor: 0, decimals }.to_string(),
    );
    for (k, (month, inflow, outflow)) in chart.months.iter().enumerate() {
        let x = LEFT + k as i128 * GROUP + (GROUP - 2 * BAR - 6) / 2;
        for (offset, class, value) in [(0, "in", inflow), (BAR + 6, "out", outflow)] {
            let bar = bar_height(value.minor, max, PLOT);
            h.open(
                "rect",
                &[
                    ("class", class),
                    ("x", &s(x + offset)),
                    ("y", &s(base - bar)),
                    ("width", &s(BAR)),
                    ("height", &s(bar)),
                ],
            )
            .element("title", &[], &format!("{month} {class}: {value}"))
            .close("rect");
        }
        h.element(
            "text",
            &[
                ("x", &s(x + BAR + 3)),
                ("y", &s(base + 20)),
                ("text-anchor", "middle"),
            ],
            month,
        );
    }
    h.open(
        "line",
        &[
            ("class", "axis"),
            ("x1", &s(LEFT)),
            ("x2", &s(width - 8)),
            ("y1", &s(base)),
            ("y2", &s(base)),
        ],
    )
    .close("line")
    .close("svg")
    .close("figure")
    .raw("\n");
}

/// Escapes text for Markdown: every character that could start markup is
/// backslash-escaped, and line breaks become spaces (a cell or a paragraph
/// is one line).
pub fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// The page as Markdown.
pub fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_text(&doc.title));
    let _ = writeln!(out, "{}\n", md_text(&doc.subtitle));
    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", md_text(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{}\n", md_text(text));
                }
                Block::Subheading(text) => {
                    let _ = writeln!(out, "### {}\n", md_text(text));
                }
                Block::Table(table) => md_table(&mut out, table),
                Block::Charts(charts) => {
                    for chart in charts {
                        let _ = writeln!(out, "### {}\n", md_text(&chart.commodity));
                        md_table(&mut out, &chart.table);
                    }
                }
                Block::Hash { label, value } => {
                    let _ = writeln!(out, "{}:\n\n    {}\n", md_text(label), value);
                }
            }
        }
    }
    let _ = writeln!(out, "---\n\n{}", md_text(&doc.footer));
    out
}

fn md_table(out: &mut String, table: &Table) {
    let header: Vec<String> = table.columns.iter().map(|c| md_text(c.title)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| {
            if c.kind == ColumnKind::Figure {
                "--:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| md_text(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_text_and_attributes() {
        let mut h = Html { out: String::new() };
        h.text(r#"<b>"Tom" & 'Jerry'</b>"#);
        assert_eq!(
            h.out,
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        let mut h = Html { out: String::new() };
        h.element("td", &[("data-key", "a\"><script>")], "<script>x</script>");
        assert_eq!(
            h.out,
            "<td data-key=\"a&quot;&gt;&lt;script&gt;\">&lt;script&gt;x&lt;/script&gt;</td>"
        );
    }

    #[test]
    fn escapes_markdown() {
        assert_eq!(
            md_text("a|b *c* [d](e) <f>\nx"),
            r"a\|b \*c\* \[d\](e) \<f\> x"
        );
        assert_eq!(md_text("1200.00 USD"), "1200.00 USD");
    }

    #[test]
    fn bars_are_whole_pixels_of_whole_units() {
        assert_eq!(bar_height(5_000, 10_000, 180), 90);
        assert_eq!(
            bar_height(1, 1_000_000, 180),
            1,
            "a tiny amount still shows"
        );
        assert_eq!(bar_height(0, 100, 180), 0);
        assert_eq!(bar_height(-5, 100, 180), 0);
        assert_eq!(bar_height(5, 0, 180), 0);
    }

    #[test]
    fn plain_lists_and_counts() {
        assert_eq!(plain_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(plain_list(&["a"]), "a");
        assert_eq!(count(1, "grant", "grants"), "1 grant");
        assert_eq!(count(0, "grant", "grants"), "0 grants");
    }
}
