//! Renderers: one per output format, over any row type.
//!
//! Reports produce rows (plain structs deriving `Serialize` and implementing
//! [`Row`]); a [`Renderer`] writes them as a table, CSV or JSON to any
//! `io::Write`. CSV and JSON are serialized from the same rows by the `csv` and
//! `serde_json` crates, and the table takes its cells from the same
//! serialization, so the three formats cannot disagree. Rows are pushed one at
//! a time: CSV and JSON stream, only the table waits for all rows to size its
//! columns.

use std::io::{self, Write};

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;
use serde_json::Value;

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

enum Sink<W: Write> {
    Table { out: W, rows: Vec<Vec<String>> },
    Csv(Box<csv::Writer<W>>),
    Json { out: W, rows: usize },
}

/// Writes rows of one type in one format.
pub struct Renderer<W: Write, R: Row> {
    sink: Sink<W>,
    row: std::marker::PhantomData<R>,
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl<W: Write, R: Row> Renderer<W, R> {
    pub fn new(format: Format, mut out: W) -> io::Result<Self> {
        let sink = match format {
            Format::Table => Sink::Table {
                out,
                rows: Vec::new(),
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
            row: std::marker::PhantomData,
        })
    }

    pub fn row(&mut self, row: &R) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table { rows, .. } => {
                let value = serde_json::to_value(row)?;
                rows.push(
                    R::COLUMNS
                        .iter()
                        .map(|c| value.get(c).map(cell).unwrap_or_default())
                        .collect(),
                );
            }
            Sink::Csv(writer) => writer.serialize(row)?,
            Sink::Json { out, rows } => {
                out.write_all(if *rows == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *out, row)?;
                *rows += 1;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Table { mut out, rows } => {
                let mut table = Table::new();
                table.load_style(presets::ASCII_BORDERS_ONLY_CONDENSED);
                table.set_header(R::COLUMNS.to_vec());
                for row in rows {
                    table.add_row(row);
                }
                for (i, name) in R::COLUMNS.iter().enumerate() {
                    if R::RIGHT_ALIGNED.contains(name)
                        && let Some(column) = table.column_mut(i)
                    {
                        column.set_cell_alignment(CellAlignment::Right);
                    }
                }
                writeln!(out, "{table}")?;
                out.flush()
            }
            Sink::Csv(mut writer) => writer.flush(),
            Sink::Json { mut out, rows } => {
                out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out.flush()
            }
        }
    }
}

/// Writes a whole slice of rows.
pub fn write_rows<R: Row, W: Write>(format: Format, out: W, rows: &[R]) -> io::Result<()> {
    let mut renderer = Renderer::<W, R>::new(format, out)?;
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
        write_rows(format, &mut out, rows).unwrap();
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
    fn table_shows_every_column() {
        let text = render(Format::Table, &rows());
        assert!(text.contains("name"), "{text}");
        assert!(text.contains("-1.50") && text.contains("20.00"), "{text}");
    }

    #[test]
    fn columns_match_serialized_fields() {
        assert_columns(&rows()[0]);
    }
}
