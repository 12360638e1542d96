//! `fondo balance`, `fondo register`, `fondo verify` and `fondo doctor`.

use std::io::Write;
use std::path::Path;

use chrono::NaiveTime;
use serde::Serialize;

use crate::cli::{BalanceArgs, RegisterArgs};
use crate::commands::Result;
use crate::commands::{Outcome, date_arg, hints, open, stdout};
use fondo::audit::doctor;
use fondo::audit::finding::PlaceRow;
use fondo::audit::verify;
use fondo::audit::witness;
use fondo::error::Error;
use fondo::render::{Format, Gate, Renderer, Row, TableWidths, TableWriter, write_rows};
use fondo::report::balance::{self, BalanceQuery};
use fondo::report::doctor::Severity;
use fondo::report::register::{self, RegisterQuery};
use fondo::store::Access;

pub fn balance(path: &Path, args: BalanceArgs) -> Result<Outcome> {
    let query = BalanceQuery {
        prefixes: args.prefixes,
        as_of: date_arg(args.as_of.as_deref())?,
        tree: args.tree,
        depth: args.depth.map(|d| d as usize),
    };
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    let rows = balance::balance(&tx, &query)?;
    write_rows(args.format.into(), stdout(), &Gate::books(), &rows)?;
    Ok(Outcome::Ok)
}

pub fn register(path: &Path, args: RegisterArgs) -> Result<Outcome> {
    let query = RegisterQuery {
        prefix: args.prefix,
        from: date_arg(args.from.as_deref())?,
        to: date_arg(args.to.as_deref())?,
    };
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    let format: Format = args.format.into();
    if format == Format::Table {
        // Two passes over one snapshot: measure, then stream, so that a
        // register of millions of postings is never held in memory.
        let mut widths = TableWidths::new(&Gate::books());
        register::register(&tx, &query, |row| widths.measure(&row).map_err(Error::from))?;
        let mut table = TableWriter::new(stdout(), widths)?;
        register::register(&tx, &query, |row| table.row(&row).map_err(Error::from))?;
        table.finish()?;
    } else {
        let mut renderer = Renderer::new(format, stdout(), &Gate::books())?;
        register::register(&tx, &query, |row| renderer.row(&row).map_err(Error::from))?;
        renderer.finish()?;
    }
    Ok(Outcome::Ok)
}

/// `verify --format json`: the findings with the counts and fingerprint.
#[derive(Serialize)]
struct VerifyJson<'a> {
    findings: Vec<PlaceRow<'a>>,
    transactions: u64,
    postings: u64,
    records: u64,
    records_head: &'a str,
    fingerprint: &'a str,
}

/// `1 posting`, `3 postings`.
fn count(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Findings in `verify`'s columns.
fn rows(findings: &[verify::Finding]) -> Vec<PlaceRow<'_>> {
    findings.iter().map(PlaceRow::from).collect()
}

pub fn verify(path: &Path, witness_file: Option<&Path>, format: Format) -> Result<Outcome> {
    let mut db = open(path, Access::Read)?;
    // The witness file before the books are checked: a malformed one is an
    // error, and nothing is verified.
    let witnessed = witness_file.map(witness::read).transpose()?;
    let mut result = verify::verify(&mut db)?;
    if let (Some(rows), Some(file)) = (&witnessed, witness_file) {
        let tx = db.read()?;
        let checked = witness::check(&tx, rows)?;
        tx.finish()
            .map_err(|e| Error::from_sqlite(e, "ending the read"))?;
        if checked.others > 0 {
            crate::commands::note(&format!(
                "{} of {} names other funds; not checked",
                count(checked.others as u64, "row"),
                file.display()
            ));
        }
        crate::commands::note(&format!(
            "checked {} of this fund witnessed in {}",
            count(checked.checked as u64, "head"),
            file.display()
        ));
        result.findings.extend(checked.findings);
    }
    let mut out = stdout();
    match format {
        Format::Table => {
            for f in &result.findings {
                writeln!(out, "{} {}: {}", f.code, f.location, f.message)?;
            }
            let findings = match result.findings.len() {
                0 => "no findings".to_owned(),
                1 => "1 finding".to_owned(),
                n => format!("{n} findings"),
            };
            writeln!(
                out,
                "checked {}, {}, {}: {findings}",
                count(result.transactions, "transaction"),
                count(result.postings, "posting"),
                count(result.records, "governance record")
            )?;
            writeln!(out, "fingerprint: {}", result.fingerprint)?;
            out.flush()?;
        }
        Format::Csv => write_rows(Format::Csv, out, &Gate::books(), &rows(&result.findings))?,
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &VerifyJson {
                    findings: rows(&result.findings),
                    transactions: result.transactions,
                    postings: result.postings,
                    records: result.records,
                    records_head: &result.records_head,
                    fingerprint: &result.fingerprint,
                },
            )
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(Outcome::found(!result.findings.is_empty()))
}

/// One row of `fondo doctor`: an item and, worded as commands, what to do.
#[derive(Serialize)]
struct AdviceRow<'a> {
    severity: Severity,
    topic: &'static str,
    finding: &'a str,
    what_to_do: String,
}

impl Row for AdviceRow<'_> {
    const COLUMNS: &'static [&'static str] = &["severity", "topic", "finding", "what_to_do"];
}

/// `fondo doctor`: exit 1 when any item is a problem. Waiting work is
/// judged now, or at the end of the day `on` (the last second of it).
pub fn doctor(path: &Path, on: Option<&str>, format: Format) -> Result<Outcome> {
    let now = match date_arg(on)? {
        Some(day) => {
            day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("23:59:59 is a time of day"))
        }
        None => crate::commands::clock::now(),
    };
    let mut db = open(path, Access::Read)?;
    let advice = doctor::doctor(&mut db, now)?;
    let rows: Vec<AdviceRow> = advice
        .iter()
        .map(|a| AdviceRow {
            severity: a.severity,
            topic: a.topic,
            finding: &a.finding,
            what_to_do: hints::remedy(&a.remedy),
        })
        .collect();
    write_rows(format, stdout(), &Gate::books(), &rows)?;
    Ok(Outcome::found(
        advice.iter().any(|a| a.severity == Severity::Problem),
    ))
}
