//! Parquet: typed rows written as one Parquet file to any `io::Write`.
//!
//! A table is a list of [`Column`]s; each row is a slice of [`Cell`]s in
//! the same order. Text is a UTF-8 `BYTE_ARRAY` (logical type STRING),
//! an integer is an `INT64`, a day is an `INT32` of logical type DATE and
//! an amount is an `INT64` of logical type DECIMAL(18, S), where S is the
//! scale the caller gives the whole table (the dataset's largest
//! commodity decimals): an amount of a commodity with fewer decimals is
//! shifted to S exactly, and one that would need more than 18 digits is
//! an error, never a rounded or floating value. A column is `REQUIRED`
//! unless declared optional; [`Cell::Null`] only goes in an optional one.
//!
//! Rows are buffered for one row group ([`ROW_GROUP`] rows) and written
//! column by column when it is full, so a table of any length is written
//! in bounded memory. Files are uncompressed (the crate is built without
//! codecs); dictionary encoding still shrinks the repeated texts.
//!
//! The rule of this layer holds: it knows the format, not fondo's tables;
//! the caller names the columns and hands the cells.

use std::io::Write;
use std::sync::Arc;

use chrono::NaiveDate;
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::domain::money::format_minor;
use crate::error::{Error, Result};

/// Rows per row group: DuckDB's own row-group size, so readers split work
/// across cores as they would on their own files.
pub const ROW_GROUP: usize = 122_880;

/// The digits of every DECIMAL column.
pub const PRECISION: u32 = 18;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Date,
    Amount,
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub optional: bool,
}

impl Column {
    pub const fn text(name: &'static str) -> Column {
        Column::new(name, Kind::Text)
    }

    pub const fn integer(name: &'static str) -> Column {
        Column::new(name, Kind::Integer)
    }

    pub const fn date(name: &'static str) -> Column {
        Column::new(name, Kind::Date)
    }

    pub const fn amount(name: &'static str) -> Column {
        Column::new(name, Kind::Amount)
    }

    const fn new(name: &'static str, kind: Kind) -> Column {
        Column {
            name,
            kind,
            optional: false,
        }
    }

    /// The same column, which may hold [`Cell::Null`].
    pub const fn optional(self) -> Column {
        Column {
            optional: true,
            ..self
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    Integer(i64),
    Date(NaiveDate),
    /// An amount in minor units of a commodity with `decimals` places.
    Amount {
        minor: i64,
        decimals: u32,
    },
    Null,
}

/// The values of one column of the row group being filled.
enum Values {
    Bytes(Vec<ByteArray>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
}

struct Buffer {
    values: Values,
    /// Definition levels of an optional column (1: a value, 0: null).
    defined: Option<Vec<i16>>,
}

/// Writes one table as one Parquet file.
pub struct TableWriter<W: Write + Send> {
    /// Names the file in errors (the partition's path).
    name: String,
    columns: &'static [Column],
    scale: u32,
    out: SerializedFileWriter<W>,
    buffers: Vec<Buffer>,
    buffered: usize,
    rows: u64,
}

impl<W: Write + Send> TableWriter<W> {
    /// Starts the file: `name` is what errors call it, `scale` the S of
    /// every amount column's DECIMAL(18, S).
    ///
    /// Fails when the scale is beyond 18 digits, or when writing the
    /// file's header fails.
    pub fn new(
        out: W,
        name: impl Into<String>,
        columns: &'static [Column],
        scale: u32,
    ) -> Result<TableWriter<W>> {
        let name = name.into();
        let fields = columns
            .iter()
            .map(|c| schema_of(c, scale).map(Arc::new))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(parquet_error(&name))?;
        let schema = Type::group_type_builder("schema")
            .with_fields(fields)
            .build()
            .map_err(parquet_error(&name))?;
        let properties = WriterProperties::builder()
            .set_created_by(format!("fondo {}", env!("CARGO_PKG_VERSION")))
            .build();
        let out = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))
            .map_err(parquet_error(&name))?;
        let buffers = columns.iter().map(Buffer::new).collect();
        Ok(TableWriter {
            name,
            columns,
            scale,
            out,
            buffers,
            buffered: 0,
            rows: 0,
        })
    }

    /// Adds one row.
    ///
    /// Fails when an amount does not fit DECIMAL(18, S), or when writing a
    /// full row group fails.
    ///
    /// # Panics
    /// When the cells do not match the columns in number, kind or
    /// nullability: the caller's table is then wrong, not its data.
    pub fn push(&mut self, cells: &[Cell<'_>]) -> Result<()> {
        assert_eq!(
            cells.len(),
            self.columns.len(),
            "a row of {} has one cell per column",
            self.name
        );
        for ((column, cell), buffer) in self.columns.iter().zip(cells).zip(&mut self.buffers) {
            let value = match (column.kind, *cell) {
                (_, Cell::Null) => {
                    let defined = buffer.defined.as_mut().unwrap_or_else(|| {
                        panic!("column {} of {} is not optional", column.name, self.name)
                    });
                    defined.push(0);
                    continue;
                }
                (Kind::Text, Cell::Text(text)) => Value::Bytes(text),
                (Kind::Integer, Cell::Integer(n)) => Value::Int64(n),
                (Kind::Date, Cell::Date(day)) => Value::Int32(days_since_epoch(day)),
                (Kind::Amount, Cell::Amount { minor, decimals }) => {
                    Value::Int64(scaled(minor, decimals, self.scale).ok_or_else(|| {
                        Error::DecimalTooWide {
                            file: self.name.clone(),
                            column: column.name.to_owned(),
                            amount: format_minor(i128::from(minor), decimals),
                            scale: self.scale,
                        }
                    })?)
                }
                (kind, cell) => panic!(
                    "column {} of {} holds {kind:?}, not {cell:?}",
                    column.name, self.name
                ),
            };
            if let Some(defined) = &mut buffer.defined {
                defined.push(1);
            }
            match (&mut buffer.values, value) {
                (Values::Bytes(v), Value::Bytes(text)) => v.push(ByteArray::from(text)),
                (Values::Int32(v), Value::Int32(n)) => v.push(n),
                (Values::Int64(v), Value::Int64(n)) => v.push(n),
                _ => unreachable!("a buffer is made for its column's kind"),
            }
        }
        self.buffered += 1;
        self.rows += 1;
        if self.buffered == ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the last row group and the footer; returns the number of rows.
    ///
    /// Fails when writing to `out` fails.
    pub fn finish(mut self) -> Result<u64> {
        if self.buffered > 0 {
            self.flush()?;
        }
        let name = self.name;
        let mut out = self.out.into_inner().map_err(parquet_error(&name))?;
        out.flush().map_err(|source| Error::Io {
            context: format!("writing {name}"),
            source,
        })?;
        Ok(self.rows)
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> Result<()> {
        let name = &self.name;
        let mut group = self.out.next_row_group().map_err(parquet_error(name))?;
        for buffer in &mut self.buffers {
            let mut column = group
                .next_column()
                .map_err(parquet_error(name))?
                .expect("the schema has one column per buffer");
            let defined = buffer.defined.as_deref();
            let written = match (column.untyped(), &buffer.values) {
                (ColumnWriter::ByteArrayColumnWriter(w), Values::Bytes(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::Int32ColumnWriter(w), Values::Int32(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::Int64ColumnWriter(w), Values::Int64(v)) => {
                    w.write_batch(v, defined, None)
                }
                _ => unreachable!("a column's physical type is its buffer's"),
            };
            written.map_err(parquet_error(name))?;
            column.close().map_err(parquet_error(name))?;
            buffer.clear();
        }
        group.close().map_err(parquet_error(name))?;
        self.buffered = 0;
        Ok(())
    }
}

/// A cell's value as its buffer holds it.
enum Value<'a> {
    Bytes(&'a str),
    Int32(i32),
    Int64(i64),
}

impl Buffer {
    fn new(column: &Column) -> Buffer {
        let values = match column.kind {
            Kind::Text => Values::Bytes(Vec::new()),
            Kind::Date => Values::Int32(Vec::new()),
            Kind::Integer | Kind::Amount => Values::Int64(Vec::new()),
        };
        Buffer {
            values,
            defined: column.optional.then(Vec::new),
        }
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Bytes(v) => v.clear(),
            Values::Int32(v) => v.clear(),
            Values::Int64(v) => v.clear(),
        }
        if let Some(defined) = &mut self.defined {
            defined.clear();
        }
    }
}

/// The Parquet field of a column.
fn schema_of(column: &Column, scale: u32) -> parquet::errors::Result<Type> {
    let (physical, logical) = match column.kind {
        Kind::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        Kind::Integer => (PhysicalType::INT64, None),
        Kind::Date => (PhysicalType::INT32, Some(LogicalType::Date)),
        Kind::Amount => (
            PhysicalType::INT64,
            Some(LogicalType::decimal(scale as i32, PRECISION as i32)),
        ),
    };
    let mut field = Type::primitive_type_builder(column.name, physical)
        .with_repetition(if column.optional {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        })
        .with_logical_type(logical);
    if column.kind == Kind::Amount {
        field = field
            .with_precision(PRECISION as i32)
            .with_scale(scale as i32);
    }
    field.build()
}

/// `minor` units of `decimals` places as units of `scale` places, when
/// that fits in 18 digits.
fn scaled(minor: i64, decimals: u32, scale: u32) -> Option<i64> {
    let shift = scale.checked_sub(decimals)?;
    let value = minor.checked_mul(10_i64.checked_pow(shift)?)?;
    (value.unsigned_abs() < 10_u64.pow(PRECISION)).then_some(value)
}

/// A day as Parquet's DATE counts it.
fn days_since_epoch(day: NaiveDate) -> i32 {
    let days = day.signed_duration_since(NaiveDate::default()).num_days();
    i32::try_from(days).expect("a NaiveDate is within ±262,143 years of 1970")
}

fn parquet_error(file: &str) -> impl FnOnce(parquet::errors::ParquetError) -> Error + '_ {
    move |source| Error::Parquet {
        file: file.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::basic::ConvertedType;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    const COLUMNS: &[Column] = &[
        Column::text("fund_id"),
        Column::integer("txn"),
        Column::date("date"),
        Column::amount("amount"),
        Column::text("commodity"),
        Column::integer("reverses").optional(),
        Column::amount("sent_amount").optional(),
    ];

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn write(
        rows: &[Vec<Cell<'_>>],
        scale: u32,
    ) -> Result<(tempfile::TempDir, std::path::PathBuf)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("part-0.parquet");
        let file = std::fs::File::create(&path).unwrap();
        let mut writer = TableWriter::new(file, "postings/fund_id=f/year=2026", COLUMNS, scale)?;
        for row in rows {
            writer.push(row)?;
        }
        assert_eq!(writer.finish()?, rows.len() as u64);
        Ok((dir, path))
    }

    fn row<'a>(txn: i64, minor: i64, decimals: u32, code: &'a str) -> Vec<Cell<'a>> {
        vec![
            Cell::Text("f"),
            Cell::Integer(txn),
            Cell::Date(day("2026-03-01")),
            Cell::Amount { minor, decimals },
            Cell::Text(code),
            Cell::Null,
            Cell::Null,
        ]
    }

    #[test]
    fn parquet_amounts_are_exact_decimals_at_the_dataset_scale() {
        let mut reversing = row(2, -5, 0, "JPY");
        reversing[5] = Cell::Integer(1);
        reversing[6] = Cell::Amount {
            minor: 1234,
            decimals: 2,
        };
        let (_dir, path) = write(&[row(1, 12345, 2, "USD"), reversing], 3).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let amount = schema.column(3);
        assert_eq!(
            amount.logical_type_ref(),
            Some(&LogicalType::decimal(3, 18))
        );
        assert_eq!(amount.converted_type(), ConvertedType::DECIMAL);
        assert_eq!(
            schema.column(2).logical_type_ref(),
            Some(&LogicalType::Date)
        );
        let rows: Vec<Vec<String>> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| {
                r.unwrap()
                    .get_column_iter()
                    .map(|(_, field)| match field {
                        Field::Decimal(d) => format!(
                            "{}@{}",
                            i64::from_be_bytes(d.data().try_into().unwrap()),
                            d.scale()
                        ),
                        Field::Date(days) => format!("day {days}"),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            [
                [
                    "\"f\"",
                    "1",
                    "day 20513",
                    "123450@3",
                    "\"USD\"",
                    "null",
                    "null"
                ],
                [
                    "\"f\"",
                    "2",
                    "day 20513",
                    "-5000@3",
                    "\"JPY\"",
                    "1",
                    "12340@3"
                ],
            ]
        );
    }

    #[test]
    fn parquet_refuses_an_amount_beyond_eighteen_digits() {
        let err = write(&[row(1, 999_999_999_999_999_999, 0, "XAU")], 2).unwrap_err();
        assert!(
            matches!(&err, Error::DecimalTooWide { column, amount, scale: 2, .. }
                if column == "amount" && amount == "999999999999999999"),
            "{err}"
        );
        assert_eq!(
            scaled(-99_999_999_999_999_999, 0, 1),
            Some(-999_999_999_999_999_990)
        );
        assert_eq!(scaled(100_000_000_000_000_000, 0, 1), None);
        assert_eq!(scaled(1, 3, 2), None);
    }

    #[test]
    fn parquet_writes_row_groups_of_bounded_size() {
        let rows: Vec<_> = (0..ROW_GROUP as i64 + 5)
            .map(|n| row(n, n, 2, "USD"))
            .collect();
        let (_dir, path) = write(&rows, 2).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let groups: Vec<i64> = reader
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows())
            .collect();
        assert_eq!(groups, [ROW_GROUP as i64, 5]);
    }

    #[test]
    fn parquet_writes_an_empty_table_with_its_schema() {
        let (_dir, path) = write(&[], 2).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
        assert_eq!(
            reader
                .metadata()
                .file_metadata()
                .schema_descr()
                .num_columns(),
            7
        );
    }
}
