//! The document model of a page: a title, sections of paragraphs,
//! subheadings, tables, charts and hashes, and a footer. Every text in it is
//! already written, in the document's language; figures stay typed (money,
//! counts) until a writer lays them out. A report composes a document (the
//! forum page: `report::forum::document`); the writers lay it out
//! ([`super::html`], [`super::markdown`]), so the formats cannot say
//! different things. The model knows nothing of fondo's reports.

use crate::domain::gate::Text;
use crate::domain::lang::Lang;
use crate::domain::money::Money;

/// A page's content, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The language of its texts (`<html lang dir>`).
    pub lang: Lang,
    /// What a browser shows as the page's title (its tab, its bookmarks).
    pub title: String,
    /// The main heading, over the subtitle.
    pub heading: String,
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
    /// Figures side by side.
    Figures(Vec<Figure>),
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
    pub title: String,
    /// Names the column for scripts (`data-field`).
    pub field: &'static str,
    pub kind: ColumnKind,
}

impl Column {
    /// The columns of a table from their fields and kinds, each titled by
    /// `title(field)` (the caller's messages).
    pub fn titled(
        fields: &[(&'static str, ColumnKind)],
        title: impl Fn(&'static str) -> String,
    ) -> Vec<Column> {
        fields
            .iter()
            .map(|&(field, kind)| Column {
                title: title(field),
                field,
                kind,
            })
            .collect()
    }
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
    /// One per column, in the columns' order.
    pub cells: Vec<Cell>,
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// An amount, written in the page language's reading format
    /// ([`Cell::shown`]).
    Money(Money),
    Count(u64),
    /// Nothing to show.
    Empty,
}

impl Cell {
    /// The cell as a page in `lang` shows it: amounts and counts in its
    /// reading format ([`Lang::page_money`], [`Lang::page_count`]).
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Money(money) => lang.page_money(*money),
            Cell::Count(n) => lang.page_count(*n),
            Cell::Empty => String::new(),
        }
    }
}

/// A chart under its heading, with its figures as a table too (all that
/// Markdown shows of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub heading: String,
    pub chart: BarChart,
    pub table: Table,
}

/// Groups of bars on one scale of money, e.g. money in and out per month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Names the chart for scripts (`data-chart`).
    pub key: String,
    /// The whole chart in words, for readers who cannot see it.
    pub description: String,
    /// The legend: one series per bar of a group, in the same order.
    pub series: Vec<Series>,
    pub groups: Vec<BarGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub tone: Tone,
    pub label: String,
}

/// The colour of a series: the page's green for money coming in, its
/// orange for money going out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    In,
    Out,
}

/// The bars of one group (one month), under its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarGroup {
    pub label: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub value: Money,
    /// The bar in words (shown when pointed at).
    pub title: String,
}

/// Every text of a page, for the redaction gate: headings, paragraphs,
/// table titles, keys and cells, chart labels and descriptions.
impl Text for Document {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        for text in [
            &mut self.title,
            &mut self.heading,
            &mut self.subtitle,
            &mut self.footer,
        ] {
            f(text);
        }
        for section in &mut self.sections {
            f(&mut section.heading);
            for block in &mut section.blocks {
                block.each_text(f);
            }
        }
    }
}

impl Text for Block {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            Block::Paragraph(text) | Block::Subheading(text) => f(text),
            Block::Table(table) => table.each_text(f),
            Block::Figures(figures) => {
                for figure in figures {
                    f(&mut figure.heading);
                    figure.table.each_text(f);
                    let chart = &mut figure.chart;
                    f(&mut chart.key);
                    f(&mut chart.description);
                    for series in &mut chart.series {
                        f(&mut series.label);
                    }
                    for group in &mut chart.groups {
                        f(&mut group.label);
                        for bar in &mut group.bars {
                            f(&mut bar.title);
                        }
                    }
                }
            }
            Block::Hash { label, value } => {
                f(label);
                f(value);
            }
        }
    }
}

impl Text for Table {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        for column in &mut self.columns {
            f(&mut column.title);
        }
        for row in &mut self.rows {
            f(&mut row.key);
            for cell in &mut row.cells {
                if let Cell::Text(text) = cell {
                    f(text);
                }
            }
        }
    }
}
