//! The forum page's content: which sections it has, in which order, which
//! tables, charts and hashes, composed from the forum report's rows
//! ([`Forum`]) into a [`Document`] that [`crate::render`] lays out as HTML
//! or Markdown. Every figure is taken from the period reports' rows as they
//! are; the sentences of the summary only add up rows of the summary per
//! commodity. Every word comes from [`super::messages`]; the names here
//! (section ids, table, column and row keys) are for scripts and never
//! shown.

use crate::domain::currency;
use crate::domain::money::Money;
use crate::render::document::{
    Bar, BarChart, BarGroup, Block, Cell, Column, ColumnKind, Document, Figure, Section, Series,
    Table, TableRow, Tone,
};
use crate::render::i18n::Messages;
use crate::report::purchases::PurchaseRow;
use crate::report::summary::SummaryRow;

use super::messages::{Bought, ChartMonth, Held, PaidOut, Received, Total, Words, negated};
use super::{Forum, MonthRow};
use ColumnKind::{Figure as Num, Long, Name, Text};

/// The columns of a table, their titles from the messages.
fn columns(w: Words, table: &'static str, fields: &[(&'static str, ColumnKind)]) -> Vec<Column> {
    Column::titled(fields, |field| w.column_title(table, field))
}

/// Sums of summary rows per commodity, in the order commodities appear.
fn totals(rows: &[SummaryRow], section: &str, item: &str) -> Vec<Total> {
    let mut sums: Vec<Total> = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.section == section && r.item == item)
    {
        let Some(amount) = r.amount else { continue };
        match sums.iter_mut().find(|t| t.commodity == r.commodity) {
            Some(sum) => sum.amount.add(amount.minor()),
            None => sums.push(Total {
                commodity: r.commodity.clone(),
                amount,
            }),
        }
    }
    sums.retain(|t| t.amount.minor() != 0);
    sums
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

/// The summary in plain words: what came in, what went out, what the fund
/// held at the close, and whether the period's books are closed.
fn plain_words(w: Words, forum: &Forum) -> [String; 4] {
    let rows = &forum.summary;
    let received = w.summary_received(&Received {
        fund: &forum.fund,
        from: forum.span.from,
        to: forum.span.to,
        contributions: &totals(rows, "inflow", "contributions"),
        gifts: summary_count(rows, "contributions"),
        named: summary_count(rows, "named contributors"),
        anonymous: summary_count(rows, "anonymous contributions"),
        services: &totals(rows, "inflow", "services in kind"),
        goods: &totals(rows, "inflow", "goods in kind"),
    });
    let paid_out = w.summary_paid_out(&PaidOut {
        grants_paid: &totals(rows, "outflow", "grants paid"),
        running_costs: &totals(rows, "outflow", "operating costs"),
        given_out: &totals(rows, "outflow", "goods given out"),
        applied: summary_count(rows, "grants applied for"),
        approved: summary_count(rows, "grants approved"),
        rejected: summary_count(rows, "grants rejected"),
        withdrawn: summary_count(rows, "grants withdrawn"),
        with_payment: summary_count(rows, "grants with a payment"),
        closed: summary_count(rows, "grants closed"),
    });
    let (gave_up, got): (Vec<_>, Vec<_>) = totals(rows, "within", "currency conversions")
        .into_iter()
        .partition(|t| t.amount.minor() < 0);
    let gave_up = negated(gave_up);
    let (money, stock): (Vec<_>, Vec<_>) = totals(rows, "closing", "closing")
        .into_iter()
        .partition(|t| is_money(&t.commodity));
    let held = w.summary_held(&Held {
        moved: &totals(rows, "within", "moved in from other pools"),
        exchanged_from: &gave_up,
        exchanged_into: &got,
        money: &money,
        stock: &stock,
        committed: &totals(rows, "committed", "committed"),
    });
    let standing = w.standing(&forum.span, forum.standing.as_ref());
    [received, paid_out, held, standing]
}

fn counts_table(w: Words, rows: &[SummaryRow]) -> Table {
    Table {
        name: "counts",
        narrow: true,
        columns: columns(w, "counts", &[("item", Text), ("count", Num)]),
        rows: rows
            .iter()
            .filter(|r| r.section == "count")
            .map(|r| TableRow {
                key: r.item.clone(),
                cells: vec![
                    Cell::Text(w.report_word(&r.item)),
                    r.count.map_or(Cell::Empty, Cell::Count),
                ],
            })
            .collect(),
    }
}

fn pools_table(w: Words, forum: &Forum) -> Table {
    Table {
        name: "pools",
        narrow: false,
        columns: columns(
            w,
            "pools",
            &[
                ("pool", Text),
                ("commodity", Name),
                ("opening", Num),
                ("contributions", Num),
                ("moved_in", Num),
                ("moved_out", Num),
                ("spent", Num),
                ("converted", Num),
                ("other", Num),
                ("closing", Num),
                ("committed", Num),
                ("available", Num),
            ],
        ),
        rows: forum
            .pools
            .iter()
            .map(|p| TableRow {
                key: format!("{}|{}", p.pool, p.commodity),
                cells: vec![
                    Cell::Text(p.pool.clone()),
                    Cell::Text(p.commodity.clone()),
                    Cell::Money(p.opening),
                    Cell::Money(p.contributions),
                    Cell::Money(p.moved_in),
                    Cell::Money(p.moved_out),
                    Cell::Money(p.spent),
                    Cell::Money(p.converted),
                    Cell::Money(p.other),
                    Cell::Money(p.closing),
                    Cell::Money(p.committed),
                    Cell::Money(p.available),
                ],
            })
            .collect(),
    }
}

fn flows_table(w: Words, rows: &[SummaryRow]) -> Table {
    Table {
        name: "flows",
        narrow: false,
        columns: columns(
            w,
            "flows",
            &[
                ("section", Name),
                ("item", Text),
                ("detail", Text),
                ("pool", Text),
                ("commodity", Name),
                ("amount", Num),
            ],
        ),
        rows: rows
            .iter()
            .filter(|r| matches!(r.section, "inflow" | "outflow" | "within"))
            .map(|r| TableRow {
                key: [r.section, &r.item, &r.detail, &r.pool, &r.commodity].join("|"),
                cells: vec![
                    Cell::Text(w.flow_direction(r.section)),
                    Cell::Text(w.report_word(&r.item)),
                    Cell::Text(r.detail.clone()),
                    Cell::Text(r.pool.clone()),
                    Cell::Text(r.commodity.clone()),
                    r.amount.map_or(Cell::Empty, Cell::Money),
                ],
            })
            .collect(),
    }
}

/// One chart per currency of money in and out per month, each with its
/// months as a table.
fn charts(w: Words, months: &[MonthRow]) -> Vec<Figure> {
    let mut commodities: Vec<&str> = Vec::new();
    for m in months {
        if !commodities.contains(&m.commodity.as_str()) {
            commodities.push(&m.commodity);
        }
    }
    commodities
        .into_iter()
        .map(|commodity| {
            let of: Vec<&MonthRow> = months.iter().filter(|m| m.commodity == commodity).collect();
            let described: Vec<ChartMonth> = of
                .iter()
                .map(|m| ChartMonth {
                    month: &m.month,
                    inflow: m.inflow,
                    outflow: m.outflow,
                })
                .collect();
            Figure {
                heading: commodity.to_owned(),
                chart: BarChart {
                    key: commodity.to_owned(),
                    description: w.chart_description(commodity, &described),
                    series: vec![
                        Series {
                            tone: Tone::In,
                            label: w.chart_in(),
                        },
                        Series {
                            tone: Tone::Out,
                            label: w.chart_out(),
                        },
                    ],
                    groups: of
                        .iter()
                        .map(|m| BarGroup {
                            label: w.month(&m.month),
                            bars: vec![
                                Bar {
                                    value: m.inflow,
                                    title: w.chart_bar_in(&m.month, m.inflow),
                                },
                                Bar {
                                    value: m.outflow,
                                    title: w.chart_bar_out(&m.month, m.outflow),
                                },
                            ],
                        })
                        .collect(),
                },
                table: Table {
                    name: "months",
                    narrow: true,
                    columns: columns(
                        w,
                        "months",
                        &[("month", Name), ("inflow", Num), ("outflow", Num)],
                    ),
                    rows: of
                        .iter()
                        .map(|m| TableRow {
                            key: format!("{}|{commodity}", m.month),
                            cells: vec![
                                Cell::Text(w.month(&m.month)),
                                Cell::Money(m.inflow),
                                Cell::Money(m.outflow),
                            ],
                        })
                        .collect(),
                },
            }
        })
        .collect()
}

fn grants_table(w: Words, forum: &Forum) -> Table {
    Table {
        name: "grants",
        narrow: false,
        columns: columns(
            w,
            "grants",
            &[
                ("grant", Name),
                ("applicant", Name),
                ("pool", Text),
                ("category", Name),
                ("commodity", Name),
                ("requested", Num),
                ("paid", Num),
                ("spent", Num),
                ("status", Name),
                ("decision", Long),
            ],
        ),
        rows: forum
            .grants
            .iter()
            .map(|g| TableRow {
                key: g.grant.clone(),
                cells: vec![
                    Cell::Text(g.grant.clone()),
                    Cell::Text(g.applicant.clone()),
                    Cell::Text(g.pool.clone()),
                    Cell::Text(g.category.clone()),
                    Cell::Text(g.commodity.clone()),
                    Cell::Money(g.requested),
                    Cell::Money(g.paid),
                    Cell::Money(g.spent),
                    Cell::Text(w.report_word(g.status)),
                    Cell::Text(w.how_decided(g)),
                ],
            })
            .collect(),
    }
}

/// Sums per currency of one figure of the purchase rows that `pick` keeps.
fn purchase_totals(
    rows: &[PurchaseRow],
    pick: impl Fn(&PurchaseRow) -> Option<Money>,
) -> Vec<Total> {
    let mut sums: Vec<Total> = Vec::new();
    for r in rows {
        let Some(amount) = pick(r) else { continue };
        match sums.iter_mut().find(|t| t.commodity == r.currency) {
            Some(sum) => sum.amount.add(amount.minor()),
            None => sums.push(Total {
                commodity: r.currency.clone(),
                amount,
            }),
        }
    }
    sums.retain(|t| t.amount.minor() != 0);
    sums
}

/// The pooled purchases in words: how many, for how many groups, what the
/// groups saved and still owe, what the fund owes its suppliers.
fn purchases_said(w: Words, rows: &[PurchaseRow]) -> String {
    let is_group = |r: &PurchaseRow| r.owes == "fund" && r.who != "fund";
    let mut purchases: Vec<&str> = rows.iter().map(|r| r.purchase.as_str()).collect();
    purchases.dedup();
    w.purchases_said(&Bought {
        purchases: purchases.len() as u64,
        group_lines: rows.iter().filter(|r| is_group(r)).count() as u64,
        saved: &purchase_totals(rows, |r| r.saved.filter(|_| is_group(r))),
        groups_owe: &purchase_totals(rows, |r| r.owed.filter(|_| is_group(r))),
        fund_owes: &purchase_totals(rows, |r| r.owed.filter(|_| !is_group(r))),
    })
}

fn purchases_table(w: Words, forum: &Forum) -> Table {
    let mut keys: Vec<String> = Vec::new();
    Table {
        name: "purchases",
        narrow: false,
        columns: columns(
            w,
            "purchases",
            &[
                ("purchase", Name),
                ("status", Name),
                ("who", Name),
                ("owes", Name),
                ("commodity", Name),
                ("charged", Num),
                ("paid", Num),
                ("owed", Num),
                ("saved", Num),
            ],
        ),
        rows: forum
            .purchases
            .iter()
            .map(|r| {
                // Two anonymous groups of one purchase show the same name:
                // their keys are numbered.
                let base = format!("{}|{}|{}", r.purchase, r.who, r.owes);
                let seen = keys.iter().filter(|k| **k == base).count();
                keys.push(base.clone());
                TableRow {
                    key: if seen == 0 {
                        base
                    } else {
                        format!("{base}|{}", seen + 1)
                    },
                    cells: vec![
                        Cell::Text(r.purchase.clone()),
                        Cell::Text(w.purchase_status(r.status.as_str())),
                        Cell::Text(w.purchase_party(&r.who)),
                        Cell::Text(w.purchase_party(&r.owes)),
                        Cell::Text(r.currency.clone()),
                        r.charged.map_or(Cell::Empty, Cell::Money),
                        r.paid.map_or(Cell::Empty, Cell::Money),
                        r.owed.map_or(Cell::Empty, Cell::Money),
                        r.saved.map_or(Cell::Empty, Cell::Money),
                    ],
                }
            })
            .collect(),
    }
}

fn spending_table(w: Words, forum: &Forum) -> Table {
    Table {
        name: "spending",
        narrow: false,
        columns: columns(
            w,
            "spending",
            &[
                ("period", Name),
                ("pool", Text),
                ("category", Name),
                ("commodity", Name),
                ("budget", Num),
                ("actual", Num),
                ("difference", Num),
                ("used_percent", Num),
            ],
        ),
        rows: forum
            .budget
            .iter()
            .map(|b| TableRow {
                key: format!("{}|{}|{}|{}", b.period, b.pool, b.category, b.commodity),
                cells: vec![
                    Cell::Text(b.period.clone()),
                    Cell::Text(b.pool.clone()),
                    Cell::Text(b.category.clone()),
                    Cell::Text(b.commodity.clone()),
                    b.budget
                        .map_or_else(|| Cell::Text(w.no_budget()), Cell::Money),
                    Cell::Money(b.actual),
                    b.difference
                        .map_or_else(|| Cell::Text(w.missing()), Cell::Money),
                    Cell::Text(b.used_percent.map_or_else(|| w.missing(), |p| w.percent(p))),
                ],
            })
            .collect(),
    }
}

fn metrics_table(w: Words, forum: &Forum) -> Table {
    Table {
        name: "metrics",
        narrow: false,
        columns: columns(
            w,
            "metrics",
            &[
                ("metric", Text),
                ("commodity", Name),
                ("value", Num),
                ("previous", Num),
                ("change", Num),
                ("basis", Text),
            ],
        ),
        rows: forum
            .metrics
            .iter()
            .map(|m| TableRow {
                key: format!("{}|{}", m.metric, m.commodity),
                cells: vec![
                    Cell::Text(w.report_word(m.metric)),
                    Cell::Text(m.commodity.clone()),
                    Cell::Text(w.metric_value(m.unit, m.value)),
                    Cell::Text(w.metric_value(m.unit, m.previous)),
                    Cell::Text(w.metric_change(m.unit, m.change)),
                    Cell::Text(w.metric_basis(&m.drawn_from)),
                ],
            })
            .collect(),
    }
}

/// Builds the page's content from the forum report's data.
pub fn document(forum: &Forum, words: &Messages) -> Document {
    let w = Words::new(words);
    let span = &forum.span;
    let mut summary: Vec<Block> = plain_words(w, forum).map(Block::Paragraph).into();
    summary.push(Block::Table(counts_table(w, &forum.summary)));
    let f = &forum.fingerprint;
    let sections = vec![
        Section {
            id: "summary",
            heading: w.summary_heading(),
            blocks: summary,
        },
        Section {
            id: "pools",
            heading: w.pools_heading(),
            blocks: vec![
                Block::Paragraph(w.pools_intro(span.from, span.to)),
                Block::Table(pools_table(w, forum)),
            ],
        },
        Section {
            id: "flows",
            heading: w.flows_heading(),
            blocks: vec![
                Block::Paragraph(w.flows_intro()),
                Block::Figures(charts(w, &forum.months)),
                Block::Subheading(w.flows_subheading()),
                Block::Table(flows_table(w, &forum.summary)),
            ],
        },
        Section {
            id: "grants",
            heading: w.grants_heading(),
            blocks: vec![
                Block::Paragraph(w.grants_intro(span.from, span.to)),
                Block::Table(grants_table(w, forum)),
            ],
        },
        Section {
            id: "purchases",
            heading: w.purchases_heading(),
            blocks: {
                let mut blocks = vec![
                    Block::Paragraph(w.purchases_intro(span.from, span.to)),
                    Block::Paragraph(purchases_said(w, &forum.purchases)),
                ];
                if !forum.purchases.is_empty() {
                    blocks.push(Block::Table(purchases_table(w, forum)));
                }
                blocks
            },
        },
        Section {
            id: "spending",
            heading: w.spending_heading(),
            blocks: vec![
                Block::Paragraph(w.spending_intro()),
                Block::Table(spending_table(w, forum)),
            ],
        },
        Section {
            id: "metrics",
            heading: w.metrics_heading(),
            blocks: vec![
                Block::Paragraph(w.metrics_intro(&forum.previous)),
                Block::Table(metrics_table(w, forum)),
            ],
        },
        Section {
            id: "fingerprint",
            heading: w.fingerprint_heading(),
            blocks: vec![
                Block::Paragraph(w.fingerprint_intro()),
                Block::Hash {
                    label: w.ledger_hash(f.transactions as u64),
                    value: f.ledger.clone(),
                },
                Block::Hash {
                    label: w.records_hash(f.record_count as u64),
                    value: f.records.clone(),
                },
            ]
            .into_iter()
            .chain(f.manifest.iter().map(|digest| Block::Hash {
                label: w.manifest_hash(),
                value: digest.clone(),
            }))
            .collect(),
        },
    ];
    let subtitle = w.subtitle(span, forum.audience);
    Document {
        lang: words.lang(),
        title: w.title(&forum.fund, &subtitle),
        heading: forum.fund.clone(),
        subtitle,
        sections,
        footer: w.footer(&span.label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::Audience;
    use crate::domain::period::Span;
    use crate::report::forum::Fingerprint;

    fn usd(minor: i128) -> Money {
        Money::stored(minor, 2)
    }

    #[test]
    fn every_table_and_chart_has_its_words() {
        let span = Span::parse("2026-Q2").unwrap();
        let forum = Forum {
            fund: "Barrio".into(),
            previous: span.previous(),
            span,
            audience: Audience::Public,
            summary: Vec::new(),
            pools: Vec::new(),
            months: vec![MonthRow {
                month: "2026-04".into(),
                commodity: "USD".into(),
                inflow: usd(120_000),
                outflow: usd(35_000),
            }],
            grants: Vec::new(),
            purchases: Vec::new(),
            budget: Vec::new(),
            metrics: Vec::new(),
            fingerprint: Fingerprint {
                ledger: "ab".into(),
                transactions: 1,
                records: "cd".into(),
                record_count: 2,
                manifest: Some("ef".into()),
            },
            standing: None,
        };
        let doc = document(&forum, &Messages::new(crate::domain::lang::Lang::En));
        assert_eq!(doc.heading, "Barrio");
        assert!(doc.title.starts_with("Barrio: Open forum report, 2026-Q2"));
        let tables: Vec<&Table> = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|b| match b {
                Block::Table(t) => vec![t],
                Block::Figures(f) => f.iter().map(|f| &f.table).collect(),
                _ => Vec::new(),
            })
            .collect();
        let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "counts", "pools", "months", "flows", "grants", "spending", "metrics"
            ]
        );
        let Some(Block::Figures(figures)) = doc.sections[2].blocks.get(1) else {
            panic!("the flows section shows the charts second");
        };
        let bars = &figures[0].chart.groups[0].bars;
        assert_eq!(bars[0].title, "April 2026 in: 1,200.00");
        assert_eq!(bars[1].title, "April 2026 out: 350.00");
        assert_eq!(
            figures[0].table.rows[0].cells,
            [
                Cell::Text("April 2026".into()),
                Cell::Money(usd(120_000)),
                Cell::Money(usd(35_000))
            ]
        );
    }
}
