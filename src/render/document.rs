//! The document model of a page: a title, sections of paragraphs,
//! subheadings, tables, charts and hashes, and a footer, every text already
//! written in the page's language. The forum report composes one
//! (`report::forum::document`); the writers lay it out ([`super::html`],
//! [`super::markdown`]), so the formats cannot say different things. It
//! knows nothing of fondo's reports.

use crate::domain::money::Money;

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
