//! The handover page's content, composed from a [`Handover`] into a
//! [`Document`] laid out as HTML or Markdown by [`crate::render`]. Every
//! word comes from [`super::messages`].

use crate::render::document::{
    Block, Cell, Column, ColumnKind, Document, Section, Table, TableRow,
};
use crate::render::i18n::Messages;

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

fn table(name: &'static str, fields: &[(&'static str, ColumnKind)], rows: Vec<TableRow>) -> Block {
    Block::Table(Table {
        name,
        narrow: false,
        columns: fields
            .iter()
            .map(|&(field, kind)| Column {
                title: messages::column_title(name, field),
                field,
                kind,
            })
            .collect(),
        rows,
    })
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// The handover page.
pub fn document(h: &Handover, backup: &BackupNote, words: &Messages) -> Document {
    let count = |w: Waiting| h.grants.iter().filter(|g| g.waiting == w).count();
    let checklist = messages::checklist(&Checklist {
        fingerprint: &h.fingerprint,
        backup: &backup.file,
        decisions: count(Waiting::Decision),
        payments: count(Waiting::Payment),
        reports: count(Waiting::SpendingReport),
        pledges: h.pledges.len(),
        ending: h.ending.len(),
    });
    let mut sections = vec![Section {
        id: "checklist",
        heading: messages::checklist_heading(),
        blocks: checklist
            .into_iter()
            .enumerate()
            .map(|(i, item)| Block::Paragraph(format!("{}. {item}", i + 1)))
            .collect(),
    }];
    sections.push(Section {
        id: "balances",
        heading: messages::balances_heading(),
        blocks: vec![table(
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
        heading: messages::pools_heading(),
        blocks: vec![table(
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
        heading: messages::grants_heading(),
        blocks: if h.grants.is_empty() {
            vec![Block::Paragraph(messages::grants_none())]
        } else {
            vec![table(
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
                            Cell::Text(messages::waiting(g.waiting)),
                            Cell::Money(g.left),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "pledges",
        heading: messages::pledges_heading(),
        blocks: if h.pledges.is_empty() {
            vec![Block::Paragraph(messages::pledges_none())]
        } else {
            vec![table(
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
                            Cell::Count(u64::try_from(p.pledge).unwrap_or_default()),
                            text(&p.member),
                            text(&p.commodity),
                            Cell::Text(p.periods.join(", ")),
                            Cell::Money(p.short),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "milestones",
        heading: messages::milestones_heading(),
        blocks: h
            .milestones
            .iter()
            .map(|(kind, latest)| {
                Block::Paragraph(match latest {
                    Some(m) => messages::milestone_at(kind, &m.at, &m.detail),
                    None => messages::milestone_none(kind),
                })
            })
            .collect(),
    });
    sections.push(Section {
        id: "roles",
        heading: messages::roles_heading(),
        blocks: if h.ending.is_empty() {
            vec![Block::Paragraph(messages::roles_none(SOON_DAYS))]
        } else {
            vec![table(
                "roles",
                &[("member", Name), ("role", Name), ("ends", Name)],
                h.ending
                    .iter()
                    .map(|t| TableRow {
                        key: format!("{}|{}", t.member, t.role),
                        cells: vec![
                            text(&t.member),
                            text(t.role),
                            Cell::Text(t.ends_on.to_string()),
                        ],
                    })
                    .collect(),
            )]
        },
    });
    sections.push(Section {
        id: "books",
        heading: messages::books_heading(),
        blocks: vec![
            Block::Paragraph(messages::books(h.transactions, h.records)),
            Block::Hash {
                label: messages::fingerprint_label(),
                value: h.fingerprint.clone(),
            },
            Block::Hash {
                label: messages::records_label(),
                value: h.records_head.clone(),
            },
            Block::Paragraph(messages::backup(&backup.file, backup.findings)),
        ],
    });
    Document {
        lang: words.lang(),
        title: messages::title(&h.fund, h.on),
        heading: messages::heading(&h.fund),
        subtitle: messages::subtitle(h.on),
        sections,
        footer: messages::footer(),
    }
}
