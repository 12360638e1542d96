//! `fondo verify --witness FILE`: do the books still extend every head a
//! hub witnessed? The file is what `fondo hub witness FUND_ID --format csv`
//! writes (`fund_id,chain,hash,position,seen_at,bundle`).
//!
//! Rule: a malformed file is an error naming its line and column, and
//! nothing is checked; a head the books do not extend is a finding (V143)
//! naming it and when it was witnessed. Rows for other funds are counted,
//! not checked.

use std::path::Path;

use rusqlite::Connection;

use crate::audit::finding::{Finding, Location};
use crate::audit::verify::codes;
use crate::domain::hash::GENESIS;
use crate::domain::ids::TxnId;
use crate::error::{Error, Result};
use crate::store::{fund, records, txns};

/// The columns of a witness file, in order.
pub const COLUMNS: [&str; 6] = ["fund_id", "chain", "hash", "position", "seen_at", "bundle"];

/// One row of a witness file, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witnessed {
    pub line: u64,
    pub fund_id: String,
    /// `journal` or `records`.
    pub chain: String,
    pub hash: String,
    pub position: i64,
    pub seen_at: String,
    pub bundle: String,
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Reads a witness file.
///
/// # Errors
/// [`Error::Io`] when it cannot be read; [`Error::WitnessFile`] naming the
/// line and column of the first malformed cell, header or row.
pub fn read(path: &Path) -> Result<Vec<Witnessed>> {
    let file = path.display().to_string();
    let text = std::fs::read(path).map_err(|e| Error::Io {
        context: format!("reading {file}"),
        source: e,
    })?;
    let bad = |line: u64, column: &str, reason: String| Error::WitnessFile {
        file: file.clone(),
        line,
        column: column.to_owned(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&text[..]);
    let headers = reader
        .headers()
        .map_err(|e| bad(1, "header", format!("not readable CSV ({e})")))?
        .clone();
    for (i, column) in COLUMNS.iter().enumerate() {
        if headers.get(i) != Some(column) {
            return Err(bad(
                1,
                column,
                format!(
                    "the header must be {}, as the hub's witness list in CSV has it",
                    COLUMNS.join(",")
                ),
            ));
        }
    }
    if headers.len() != COLUMNS.len() {
        return Err(bad(
            1,
            headers.get(COLUMNS.len()).unwrap_or_default(),
            format!("an extra column; the header must be {}", COLUMNS.join(",")),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            bad(line, "row", format!("not readable CSV ({e})"))
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() != COLUMNS.len() {
            return Err(bad(
                line,
                "row",
                format!("{} cells; every row has {}", record.len(), COLUMNS.len()),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or_default();
        if !is_hex(cell(0), 32) {
            return Err(bad(
                line,
                "fund_id",
                format!("{:?} is not a fund id (32 hexadecimal digits)", cell(0)),
            ));
        }
        if !matches!(cell(1), "journal" | "records") {
            return Err(bad(
                line,
                "chain",
                format!("{:?} is neither journal nor records", cell(1)),
            ));
        }
        if !is_hex(cell(2), 64) {
            return Err(bad(
                line,
                "hash",
                format!("{:?} is not a hash (64 hexadecimal digits)", cell(2)),
            ));
        }
        let position = cell(3)
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 0 && cell(3).bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| {
                bad(
                    line,
                    "position",
                    format!("{:?} is not a whole number", cell(3)),
                )
            })?;
        if cell(4).is_empty() {
            return Err(bad(line, "seen_at", "empty".into()));
        }
        if !is_hex(cell(5), 64) {
            return Err(bad(
                line,
                "bundle",
                format!(
                    "{:?} is not a manifest digest (64 hexadecimal digits)",
                    cell(5)
                ),
            ));
        }
        rows.push(Witnessed {
            line,
            fund_id: cell(0).to_owned(),
            chain: cell(1).to_owned(),
            hash: cell(2).to_owned(),
            position,
            seen_at: cell(4).to_owned(),
            bundle: cell(5).to_owned(),
        });
    }
    Ok(rows)
}

/// What checking a witness file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WitnessCheck {
    pub findings: Vec<Finding>,
    /// Heads of this fund checked.
    pub checked: usize,
    /// Rows for other funds, not checked.
    pub others: usize,
}

/// Checks every row of this fund's id: the journal's transaction (or the
/// governance record) at its position has its hash.
pub fn check(conn: &Connection, rows: &[Witnessed]) -> Result<WitnessCheck> {
    let own = fund::fund_id(conn)?;
    let mut result = WitnessCheck::default();
    for row in rows {
        if row.fund_id != own {
            result.others += 1;
            continue;
        }
        result.checked += 1;
        let found = match (row.chain.as_str(), row.position) {
            (_, 0) => Some(GENESIS.to_owned()),
            ("journal", position) => txns::hash_of(conn, TxnId::new(position))?,
            (_, position) => records::hash_at(conn, position)?,
        };
        if found.as_deref() == Some(row.hash.as_str()) {
            continue;
        }
        let what = if row.chain == "journal" {
            format!("transaction {}", row.position)
        } else {
            format!("governance record {}", row.position)
        };
        let now = match found {
            Some(hash) => format!("{what} now has the hash {hash}"),
            None => format!("the books have no {what}"),
        };
        result.findings.push(Finding {
            code: codes::WITNESSED,
            location: Location::At(format!("witness line {}", row.line)),
            message: format!(
                "the {} head {} witnessed at {} (bundle {}) is not in these books: {now}; the history it covered was rewritten or cut",
                row.chain, row.hash, row.seen_at, row.bundle
            ),
        });
    }
    Ok(result)
}
