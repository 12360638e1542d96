//! The handover page's content, composed from a [`Handover`] into a
//! [`Document`] laid out as HTML or Markdown by [`crate::render`]. Every
//! word comes from [`super::messages`] in the language of the words given,
//! and every day and amount is shown as [`crate::report::language`] says.

use crate::render::document::{
    Block, Cell, Column, ColumnKind, Document, Section, Table, TableRow,
};
use crate::render::i18n::Messages;
use crate::report::language::{page_day, page_period};

use super::messages::{self, Checklist};
use super::{Handover, SOON_DAYS, Waiting};
use ColumnKind::{Figure as Num, Name, Text};

/// The backup written with the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupNote {
    /// Its file name, next to the page.
    pub file: String,
    /// What verifying it found.
    pub findings: usize,
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
        columns: Column::titled(fields, |field| messages::column_title(words, name, field)),
        rows,
    })
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// The handover page.
pub fn document(h: &Handover, backup: &BackupNote, words: &Messages) -> Document {
    let lang = words.lang();
    let count = |w: Waiting| h.grants.iter().filter(|g| g.waiting == w).count();
    let checklist = messages::checklist(
        words,
        &Checklist {
            fingerprint: &h.fingerprint,
            backup: &backup.file,
            decisions: count(Waiting::Decision),
            payments: count(Waiting::Payment),
            reports: count(Waiting::SpendingReport),
            pledges: h.pledges.len(),
            ending: h.ending.len(),
        },
    );
    let mut sections = vec![Section {
        id: "checklist",
        heading: messages::checklist_heading(words),
        blocks: checklist.into_iter().map(Block::Paragraph).collect(),
    }];
    sections.push(Section {
        id: "balances",
        heading: messages::balances_heading(words),
        blocks: vec![table(
            words,
            "balances",
            &[("account", Name), ("commodity", Name), ("balance", Num)],
            h.balances
                .iter()
                .map(|b| TableRow {
                    key: format!("{}|{}", b.account, b.commodity),
                    cells: vec![text(&b.account), text(&b.commodity), Cell::Money(b.balance)],
                })
                .collect(),
        )],
    });
    sections.push(Section {
        id: "pools",
        heading: messages::pools_heading(words),
        blocks: vec![table(
            words,
            "pools",
            &[
                ("pool", Name),
                ("commodity", Name),
                ("held", Num),
                ("committed", Num),
                ("available", Num),
            ],
            h.holdings
                .iter()
                .map(|p| TableRow {
                    key: format!("{}|{}", p.pool, p.commodity),
                    cells: vec![
                        text(&p.pool),
                        text(&p.commodity),
                        Cell::Money(p.held),
                        Cell::Money(p.committed),
                        Cell::Money(p.available),
                    ],
                })
                .collect(),
        )],
    });
    sections.push(Section {
        id: "grants",
        heading: messages::grants_heading(words),
        blocks: if h.grants.is_empty() {
            vec![Block::Paragraph(messages::grants_none(words))]
        } else {
            vec![table(
                words,
                "grants",
                &[
                    ("grant", Name),
                    ("pool", Name),
                    ("applicant", Name),
                    ("commodity", Name),
                    ("amount", Num),
                    ("waiting", Text),
                    ("left", Num),
                ],
                h.grants
                    .iter()
                    .map(|g| TableRow {
                        key: g.grant.clone(),
                        cells: vec![
                            text(&g.grant),
                            text(&g.pool),
                            text(&g.applicant),
                            text(&g.commodity),
                            Cell::Money(g.amount),
                            Cell::Text(messages::waiting(words, g.waiting)),
                            Cell::Money(g.left),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "pledges",
        heading: messages::pledges_heading(words),
        blocks: if h.pledges.is_empty() {
            vec![Block::Paragraph(messages::pledges_none(words))]
        } else {
            vec![table(
                words,
                "pledges",
                &[
                    ("pledge", Name),
                    ("member", Name),
                    ("commodity", Name),
                    ("periods", Text),
                    ("short", Num),
                ],
                h.pledges
                    .iter()
                    .map(|p| TableRow {
                        key: p.pledge.to_string(),
                        cells: vec![
                            Cell::Count(u64::try_from(p.pledge.get()).unwrap_or_default()),
                            text(&p.member),
                            text(&p.commodity),
                            Cell::Text(
                                p.periods
                                    .iter()
                                    .map(|period| page_period(words, period))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                            Cell::Money(p.short),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "milestones",
        heading: messages::milestones_heading(words),
        blocks: h
            .milestones
            .iter()
            .map(|(kind, latest)| {
                Block::Paragraph(match latest {
                    Some(m) => messages::milestone_at(words, kind, &m.at, &m.detail),
                    None => messages::milestone_none(words, kind),
                })
            })
            .collect(),
    });
    sections.push(Section {
        id: "roles",
        heading: messages::roles_heading(words),
        blocks: if h.ending.is_empty() {
            vec![Block::Paragraph(messages::roles_none(words, SOON_DAYS))]
        } else {
            vec![table(
                words,
                "roles",
                &[("member", Name), ("role", Name), ("ends", Name)],
                h.ending
                    .iter()
                    .map(|t| TableRow {
                        key: format!("{}|{}", t.member, t.role),
                        cells: vec![
                            text(&t.member),
                            Cell::Text(messages::role(words, t.role)),
                            Cell::Text(page_day(lang, t.ends_on)),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "books",
        heading: messages::books_heading(words),
        blocks: vec![
            Block::Paragraph(messages::books(words, h.transactions, h.records)),
            Block::Hash {
                label: messages::fingerprint_label(words),
                value: h.fingerprint.clone(),
            },
            Block::Hash {
                label: messages::records_label(words),
                value: h.records_head.clone(),
            },
            Block::Paragraph(messages::backup(words, &backup.file, backup.findings)),
        ],
    });
    Document {
        lang,
        title: messages::title(words, &h.fund, h.on),
        heading: messages::heading(words, &h.fund),
        subtitle: messages::subtitle(words, h.on),
        sections,
        footer: messages::footer(words),
    }
}
