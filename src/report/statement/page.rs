//! The member statement's printable page: a [`Document`] composed from a
//! [`Statement`], laid out by [`crate::render`] as HTML. Every word comes
//! from [`super::messages`] in the language of the words given, and every
//! day and amount is shown as [`crate::report::language`] says; the names
//! here (section ids, table, column and row keys) are for scripts and never
//! shown.

use crate::render::document::{
    Block, Cell, Column, ColumnKind, Document, Section, Table, TableRow,
};
use crate::render::i18n::Messages;
use crate::report::language::{page_day, page_period};

use super::messages;
use super::{Statement, Total};
use ColumnKind::{Figure as Num, Name, Text};

fn columns(
    words: &Messages,
    table: &'static str,
    fields: &[(&'static str, ColumnKind)],
) -> Vec<Column> {
    Column::titled(fields, |field| messages::column_title(words, table, field))
}

fn table(
    words: &Messages,
    name: &'static str,
    fields: &[(&'static str, ColumnKind)],
    rows: Vec<TableRow>,
) -> Block {
    Block::Table(Table {
        name,
        narrow: false,
        columns: columns(words, name, fields),
        rows,
    })
}

/// The statement as a printable thank-you and receipt.
pub fn document(s: &Statement, words: &Messages) -> Document {
    let lang = words.lang();
    let totals: Vec<Total> = s.totals.clone();
    let mut gave = vec![Block::Paragraph(messages::gave(
        words,
        &totals,
        s.contributions
            .iter()
            .map(|c| c.txn)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
    ))];
    if !s.contributions.is_empty() {
        gave.push(table(
            words,
            "contributions",
            &[
                ("date", Name),
                ("what", Text),
                ("pool", Name),
                ("commodity", Name),
                ("amount", Num),
            ],
            s.contributions
                .iter()
                .map(|c| TableRow {
                    key: format!("{}|{}|{}", c.txn, c.pool, c.commodity),
                    cells: vec![
                        Cell::Text(page_day(lang, c.date)),
                        Cell::Text(messages::given(words, c.given, c.kind.as_deref())),
                        Cell::Text(c.pool.clone()),
                        Cell::Text(c.commodity.clone()),
                        Cell::Money(c.amount),
                    ],
                })
                .collect(),
        ));
        gave.push(Block::Subheading(messages::totals_heading(words)));
        gave.push(Block::Table(Table {
            name: "totals",
            narrow: true,
            columns: columns(words, "totals", &[("commodity", Name), ("amount", Num)]),
            rows: s
                .totals
                .iter()
                .map(|t| TableRow {
                    key: t.commodity.clone(),
                    cells: vec![Cell::Text(t.commodity.clone()), Cell::Money(t.amount)],
                })
                .collect(),
        }));
    }
    let mut sections = vec![Section {
        id: "gave",
        heading: messages::gave_heading(words),
        blocks: gave,
    }];
    sections.push(Section {
        id: "pledges",
        heading: messages::pledges_heading(words),
        blocks: if s.pledges.is_empty() {
            vec![Block::Paragraph(messages::pledges_none(words))]
        } else {
            vec![table(
                words,
                "pledges",
                &[
                    ("period", Name),
                    ("pool", Name),
                    ("commodity", Name),
                    ("pledged", Num),
                    ("received", Num),
                    ("kept", Text),
                ],
                s.pledges
                    .iter()
                    .map(|p| TableRow {
                        key: format!("{}|{}", p.pledge, p.period),
                        cells: vec![
                            Cell::Text(page_period(words, &p.period)),
                            Cell::Text(match &p.pool {
                                Some(pool) => pool.clone(),
                                None => messages::any_pool(words),
                            }),
                            Cell::Text(p.commodity.clone()),
                            Cell::Money(p.pledged),
                            Cell::Money(p.received),
                            Cell::Text(messages::pledge_kept(words, p.kept())),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    let mut given_to: Vec<String> = s.contributions.iter().map(|c| c.pool.clone()).collect();
    given_to.sort();
    given_to.dedup();
    let mut did = vec![Block::Paragraph(messages::did(
        words,
        &given_to,
        !s.pools.is_empty(),
    ))];
    if !s.pools.is_empty() {
        did.push(table(
            words,
            "pools",
            &[
                ("pool", Name),
                ("purpose", Text),
                ("commodity", Name),
                ("grants", Num),
                ("paid", Num),
            ],
            s.pools
                .iter()
                .map(|w| TableRow {
                    key: format!("{}|{}", w.pool, w.commodity),
                    cells: vec![
                        Cell::Text(w.pool.clone()),
                        Cell::Text(w.purpose.clone()),
                        Cell::Text(w.commodity.clone()),
                        Cell::Count(w.grants),
                        Cell::Money(w.paid),
                    ],
                })
                .collect(),
        ));
    }
    sections.push(Section {
        id: "did",
        heading: messages::did_heading(words),
        blocks: did,
    });
    if !s.received.is_empty() {
        sections.push(Section {
            id: "received",
            heading: messages::received_heading(words),
            blocks: vec![table(
                words,
                "received",
                &[
                    ("grant", Name),
                    ("pool", Name),
                    ("purpose", Text),
                    ("commodity", Name),
                    ("paid", Num),
                ],
                s.received
                    .iter()
                    .map(|r| TableRow {
                        key: r.grant.clone(),
                        cells: vec![
                            Cell::Text(r.grant.clone()),
                            Cell::Text(r.pool.clone()),
                            Cell::Text(r.purpose.clone()),
                            Cell::Text(r.commodity.clone()),
                            Cell::Money(r.paid),
                        ],
                    })
                    .collect(),
            )],
        });
    }
    sections.push(Section {
        id: "receipt",
        heading: messages::receipt_heading(words),
        blocks: vec![
            Block::Paragraph(messages::receipt(words, &s.fund, &s.member, &s.span)),
            Block::Hash {
                label: messages::fingerprint_label(words),
                value: s.fingerprint.clone(),
            },
            Block::Hash {
                label: messages::records_label(words),
                value: s.records_head.clone(),
            },
        ],
    });
    Document {
        lang,
        title: messages::title(words, &s.fund, &s.member, &s.span),
        heading: messages::heading(words, &s.member),
        subtitle: messages::subtitle(words, &s.fund, &s.span),
        sections,
        footer: messages::footer(words),
    }
}
