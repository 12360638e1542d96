//! Renderers: one per output format, over any row type.
//!
//! Reports produce rows (plain structs deriving `Serialize` and implementing
//! [`Row`]); a [`Renderer`] writes them as a table, CSV or JSON to any
//! `io::Write`. CSV and JSON are serialized from the same rows by the `csv` and
//! `serde_json` crates, and the table takes its cells from the same
//! serialization, so the three formats cannot disagree. Rows are pushed one at
//! a time: CSV and JSON stream, only the table waits for all rows to size its
//! columns. It keeps each row as one compact string, which is why it is written
//! here rather than with a general table crate; and a report that can be very
//! long (the register) measures its rows in a first pass with
//! [`TableWidths`] and streams them in a second with [`TableWriter`], so even
//! a table of millions of postings fits the memory budget.
//!
//! A page (the open-forum report) is a [`document::Document`] — headings,
//! paragraphs, tables, charts — laid out by [`html`] (one self-contained
//! file, charts as inline SVG) or by [`markdown`], again to any `io::Write`.
//!
//! Every row and page goes out through the redaction gate
//! ([`crate::domain::gate`]): a [`Renderer`], a [`TableWidths`] and
//! [`write_rows`] take the [`Gate`] of the output's audience and write each
//! row from what it lets through ([`Gated`]); the page writers take a
//! `Gated<Document>`. Outputs for the treasurer pass [`Gate::books`].
//!
//! The rule of this layer: it knows output formats, not fondo's reports. It
//! may use `domain` types (to write money) and never imports `report`,
//! `ops`, `audit`, `books` or `store`; those compose rows and documents and
//! hand them here.

pub mod csv_line;
pub mod document;
pub mod handoff;
pub mod html;
pub mod i18n;
pub mod markdown;
mod markup;
pub mod parquet;
mod svg;

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

pub use crate::domain::gate::{Gate, Gated};
use unicode_width::UnicodeWidthStr;

/// Separates the cells of a buffered table row (never part of a cell: cell
/// text has its control characters replaced).
const CELL_END: char = '\u{1f}';

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// A report row. `COLUMNS` are its serialized field names, in order (the CSV
/// header, also for a report with no rows).
pub trait Row: Serialize {
    const COLUMNS: &'static [&'static str];
    /// Columns aligned right in tables (amounts, counts).
    const RIGHT_ALIGNED: &'static [&'static str] = &[];
}

enum Sink<W: Write, R: Row> {
    Table {
        out: W,
        rows: Vec<Box<str>>,
        widths: TableWidths<R>,
    },
    Csv(Box<csv::Writer<W>>),
    Json {
        out: W,
        rows: usize,
    },
}

/// Writes rows of one type in one format, each as the gate lets it through.
pub struct Renderer<W: Write, R: Row> {
    sink: Sink<W, R>,
    gate: Gate,
}

/// The cells of a row, as the gate lets it through, as shown in a table.
fn cells<R: Row>(gate: &Gate, row: &R) -> io::Result<Vec<String>> {
    let value = gate.row(row)?;
    Ok(R::COLUMNS
        .iter()
        .map(|column| value.get().get(column).map(cell).unwrap_or_default())
        .collect())
}

/// The widths of a table's columns, measured from its header and rows as
/// the gate lets them through.
pub struct TableWidths<R: Row> {
    widths: Vec<usize>,
    gate: Gate,
    row: std::marker::PhantomData<R>,
}

impl<R: Row> TableWidths<R> {
    pub fn new(gate: &Gate) -> Self {
        TableWidths {
            widths: R::COLUMNS.iter().map(|c| c.width()).collect(),
            gate: gate.clone(),
            row: std::marker::PhantomData,
        }
    }

    /// Widens the columns to fit a row.
    pub fn measure(&mut self, row: &R) -> io::Result<()> {
        let cells = cells(&self.gate, row)?;
        self.fit(&cells);
        Ok(())
    }

    fn fit(&mut self, cells: &[String]) {
        for (width, text) in self.widths.iter_mut().zip(cells) {
            *width = (*width).max(text.width());
        }
    }
}

/// Writes a table whose column widths are known: the header at once, then
/// each row as it comes.
pub struct TableWriter<W: Write, R: Row> {
    out: W,
    gate: Gate,
    widths: Vec<usize>,
    right: Vec<bool>,
    row: std::marker::PhantomData<R>,
}

impl<W: Write, R: Row> TableWriter<W, R> {
    pub fn new(mut out: W, widths: TableWidths<R>) -> io::Result<Self> {
        let TableWidths { widths, gate, .. } = widths;
        let right: Vec<bool> = R::COLUMNS
            .iter()
            .map(|c| R::RIGHT_ALIGNED.contains(c))
            .collect();
        table_line(&mut out, R::COLUMNS.iter().copied(), &widths, &right)?;
        let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        table_line(&mut out, rules.iter().map(String::as_str), &widths, &right)?;
        Ok(TableWriter {
            out,
            gate,
            widths,
            right,
            row: std::marker::PhantomData,
        })
    }

    pub fn row(&mut self, row: &R) -> io::Result<()> {
        let cells = cells(&self.gate, row)?;
        self.line(cells.iter().map(String::as_str))
    }

    fn line<'a>(&mut self, cells: impl Iterator<Item = &'a str>) -> io::Result<()> {
        table_line(&mut self.out, cells, &self.widths, &self.right)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A cell's text, safe to print in a terminal: control characters (line
/// breaks, escapes) become spaces, and the invisible marks that reorder
/// text (right-to-left overrides and isolates, which could make a name or an
/// amount read differently from what is stored) are shown as `<U+202E>`.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => terminal_text(s),
        other => other.to_string(),
    }
}

/// Text safe to print in a terminal, as table cells are (see `cell`); for
/// output written line by line rather than as a table.
pub fn terminal_text(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            shown.push(' ');
        } else if is_bidi_control(c) {
            shown.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// The Unicode bidirectional formatting characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A CSV cell: text guarded by the formula-safe rule ([`crate::domain::cell`]),
/// numbers as they are, nothing for a missing value.
fn csv_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => crate::domain::cell::guard(text).into_owned(),
        other => other.to_string(),
    }
}

/// Writes one table line: cells padded to their column's width, two spaces
/// apart, right-aligned where asked; no trailing spaces.
fn table_line<'a>(
    out: &mut impl Write,
    cells: impl Iterator<Item = &'a str>,
    widths: &[usize],
    right: &[bool],
) -> io::Result<()> {
    let mut line = String::new();
    for (i, text) in cells.enumerate() {
        let pad = widths[i].saturating_sub(text.width());
        if i > 0 {
            line.push_str("  ");
        }
        if right[i] {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(text);
        } else {
            line.push_str(text);
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

impl<W: Write, R: Row> Renderer<W, R> {
    pub fn new(format: Format, mut out: W, gate: &Gate) -> io::Result<Self> {
        let sink = match format {
            Format::Table => Sink::Table {
                out,
                rows: Vec::new(),
                widths: TableWidths::new(gate),
            },
            Format::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                writer.write_record(R::COLUMNS)?;
                Sink::Csv(Box::new(writer))
            }
            Format::Json => {
                out.write_all(b"[")?;
                Sink::Json { out, rows: 0 }
            }
        };
        Ok(Renderer {
            sink,
            gate: gate.clone(),
        })
    }

    pub fn row(&mut self, row: &R) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table { rows, widths, .. } => {
                let cells = cells(&self.gate, row)?;
                widths.fit(&cells);
                let mut line = String::new();
                for text in cells {
                    line.push_str(&text);
                    line.push(CELL_END);
                }
                rows.push(line.into_boxed_str());
            }
            Sink::Csv(writer) => {
                let value = self.gate.row(row)?;
                let record: Vec<String> = R::COLUMNS
                    .iter()
                    .map(|column| value.get().get(column).map(csv_cell).unwrap_or_default())
                    .collect();
                writer.write_record(&record)?;
            }
            Sink::Json { out, rows } => {
                out.write_all(if *rows == 0 { b"\n  " } else { b",\n  " })?;
                if self.gate.is_open() {
                    serde_json::to_writer(&mut *out, row)?;
                } else {
                    serde_json::to_writer(&mut *out, self.gate.row(row)?.get())?;
                }
                *rows += 1;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Table { out, rows, widths } => {
                let mut table = TableWriter::new(out, widths)?;
                for row in rows {
                    table.line(row.split_terminator(CELL_END))?;
                }
                table.finish()
            }
            Sink::Csv(mut writer) => writer.flush(),
            Sink::Json { mut out, rows } => {
                out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out.flush()
            }
        }
    }
}

/// Writes a whole slice of rows, as `gate` lets them through.
pub fn write_rows<R: Row, W: Write>(
    format: Format,
    out: W,
    gate: &Gate,
    rows: &[R],
) -> io::Result<()> {
    let mut renderer = Renderer::<W, R>::new(format, out, gate)?;
    for row in rows {
        renderer.row(row)?;
    }
    renderer.finish()
}

/// Checks, in a test, that a row type's `COLUMNS` are exactly its serialized
/// field names in order.
#[cfg(test)]
pub(crate) fn assert_columns<R: Row>(row: &R) {
    let value = serde_json::to_value(row).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, R::COLUMNS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Pair {
        name: String,
        note: Option<String>,
        amount: String,
    }

    impl Row for Pair {
        const COLUMNS: &'static [&'static str] = &["name", "note", "amount"];
        const RIGHT_ALIGNED: &'static [&'static str] = &["amount"];
    }

    fn render(format: Format, rows: &[Pair]) -> String {
        let mut out = Vec::new();
        write_rows(format, &mut out, &Gate::books(), rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn rows() -> Vec<Pair> {
        vec![
            Pair {
                name: "a, \"quoted\"".into(),
                note: None,
                amount: "-1.50".into(),
            },
            Pair {
                name: "b".into(),
                note: Some("x".into()),
                amount: "20.00".into(),
            },
        ]
    }

    #[test]
    fn csv_escapes_and_keeps_header_for_no_rows() {
        assert_eq!(
            render(Format::Csv, &rows()),
            "name,note,amount\n\"a, \"\"quoted\"\"\",,-1.50\nb,x,20.00\n"
        );
        assert_eq!(render(Format::Csv, &[]), "name,note,amount\n");
    }

    #[test]
    fn json_is_an_array_of_objects() {
        let text = render(Format::Json, &rows());
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["name"], "a, \"quoted\"");
        assert_eq!(value[0]["note"], Value::Null);
        assert_eq!(value[1]["amount"], "20.00");
        assert_eq!(render(Format::Json, &[]), "[]\n");
    }

    #[test]
    fn table_aligns_columns() {
        assert_eq!(
            render(Format::Table, &rows()),
            "name         note  amount\n\
             -----------  ----  ------\n\
             a, \"quoted\"         -1.50\n\
             b            x      20.00\n"
        );
        assert_eq!(
            render(Format::Table, &[]),
            "name  note  amount\n----  ----  ------\n"
        );
    }

    #[test]
    fn table_cells_are_printed_safely() {
        let row = Pair {
            name: "two\nlines\u{1b}[31m".into(),
            note: Some("año 日本".into()),
            amount: "1.00".into(),
        };
        let text = render(Format::Table, &[row]);
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("año 日本"), "{text}");
    }

    #[test]
    fn csv_text_cannot_start_a_formula_but_amounts_stay_numbers() {
        let row = |name: &str, amount: &str| Pair {
            name: name.into(),
            note: Some("@SUM(A1:A9)".into()),
            amount: amount.into(),
        };
        let text = render(
            Format::Csv,
            &[
                row("=HYPERLINK(\"http://x\")", "-1234.50"),
                row("+1+1", "20"),
                row("-2+3", "-7"),
                row("\tcmd", "0.5"),
                row("Ana - rent", "1.00"),
                row("'quoted", "-100.00 USD"),
            ],
        );
        assert_eq!(
            text,
            "name,note,amount\n\
             \"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1:A9),-1234.50\n\
             '+1+1,'@SUM(A1:A9),20\n\
             '-2+3,'@SUM(A1:A9),-7\n\
             '\tcmd,'@SUM(A1:A9),0.5\n\
             Ana - rent,'@SUM(A1:A9),1.00\n\
             ''quoted,'@SUM(A1:A9),-100.00 USD\n"
        );
    }

    #[test]
    fn table_cells_show_right_to_left_overrides() {
        let row = Pair {
            name: "Ana\u{202E}00.001".into(),
            note: None,
            amount: "1.00".into(),
        };
        let text = render(Format::Table, &[row]);
        assert!(text.contains("Ana<U+202E>00.001"), "{text}");
        assert!(!text.contains('\u{202E}'), "{text}");
    }

    #[test]
    fn columns_match_serialized_fields() {
        assert_columns(&rows()[0]);
    }
}
