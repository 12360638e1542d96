//! `fondo export audit` and `fondo verify --bundle`.
//!
//! The export reads the database in one read transaction: the period's
//! defaults come from the same snapshot the bundle is written from. Without
//! `--period` or `--to`, a bundle ends on the last day anything was recorded
//! (a transaction's date or a governance record's), not today, so the same
//! books give the same bundle whenever it is written.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{BundleAudienceArg, LangArgs, PeriodArgs};
use crate::commands::Result;
use crate::commands::{Outcome, Period, open, plural, stdout};
use fondo::audit::bundle::check::{self, Finding};
use fondo::audit::bundle::write::{self, ExportRequest, Signing};
use fondo::audit::finding::FileRow;
use fondo::domain::bundle::BundleAudience;
use fondo::domain::date::parse_date;
use fondo::domain::keys::parse_public_key;
use fondo::error::SqlContext;
use fondo::render::{Format, Gate, terminal_text, write_rows};
use fondo::report::language::page_language;
use fondo::store::{Access, records, txns};

impl From<BundleAudienceArg> for BundleAudience {
    fn from(audience: BundleAudienceArg) -> BundleAudience {
        match audience {
            BundleAudienceArg::Public => BundleAudience::Public,
            BundleAudienceArg::Members => BundleAudience::Members,
            BundleAudienceArg::Treasurer => BundleAudience::Auditor,
        }
    }
}

/// The first and last days anything was recorded on.
fn recorded_days(conn: &rusqlite::Connection) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let mut days: Vec<NaiveDate> = Vec::new();
    days.extend(txns::first_date(conn)?);
    days.extend(txns::last_date(conn)?);
    if let Some((first, last)) = records::first_and_last_day(conn)? {
        days.push(parse_date(&first)?);
        days.push(parse_date(&last)?);
    }
    Ok(days.iter().min().copied().zip(days.iter().max().copied()))
}

pub fn export_audit(
    db: &Path,
    out: &Path,
    period: &PeriodArgs,
    audience: BundleAudienceArg,
    lang: LangArgs,
    sign_with: Option<&Path>,
) -> Result<Outcome> {
    let period = Period::parse(period)?;
    let mut db = open(db, Access::Read)?;
    let tx = db.read()?;
    // The books first, then the key file (and its passphrase).
    let sign_with = match sign_with {
        Some(key) => Some(Signing {
            source: key.display().to_string(),
            key: crate::commands::keys::private_key(key)?,
            at: crate::commands::clock::now(),
        }),
        None => None,
    };
    let days = recorded_days(&tx)?;
    let period = match period {
        Period::Days { from, to: None } => Period::Days {
            from,
            to: days.map(|(_, last)| last),
        },
        given => given,
    };
    let span =
        period.span(|| Ok(days.map_or_else(crate::commands::clock::today, |(first, _)| first)))?;
    let request = ExportRequest {
        out: out.to_path_buf(),
        span,
        audience: audience.into(),
        lang: page_language(&tx, lang.asked())?,
        sign_with,
    };
    let written = write::export(&tx, &request)?;
    tx.finish().ctx("ending the read")?;
    for warning in &written.warnings {
        eprintln!("fondo: warning: {warning}");
    }
    let mut lines = vec![format!(
        "wrote the {} audit bundle of {} into {}",
        request.audience.as_str(),
        period_words(
            &request.span.label,
            &request.span.from.to_string(),
            &request.span.to.to_string()
        ),
        out.display()
    )];
    for entry in &written.manifest {
        lines.push(format!(
            "  {:<16} {:>7} rows  {}",
            entry.file, entry.rows, entry.sha256
        ));
    }
    lines.push(format!(
        "journal: {} transactions ({} dated within the period), chained from {} to {}",
        written.transactions,
        written.period_transactions,
        written.journal_prev_hash,
        written.journal_last_hash
    ));
    lines.push(format!("records head: {}", written.records_head));
    lines.push(format!("manifest: {}", written.manifest_sha256));
    lines.push(format!("fingerprint: {}", written.fingerprint));
    if let Some(key) = &written.signed_by {
        lines.push(format!("signed by the fund's key {key}"));
    }
    crate::commands::say(&lines)?;
    Ok(Outcome::Ok)
}

/// `verify --bundle --format json`.
#[derive(Serialize)]
struct BundleJson<'a> {
    findings: Vec<FileRow<'a>>,
    files: u64,
    transactions: u64,
    period_transactions: u64,
    postings: u64,
    grants: u64,
    votes: u64,
    format: Option<&'a str>,
    audience: Option<&'a str>,
    period: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    journal_prev_hash: Option<&'a str>,
    journal_last_hash: &'a str,
    fingerprint: Option<&'a str>,
    records_head: Option<&'a str>,
    manifest_sha256: &'a str,
    signed_by: Option<&'a str>,
}

/// A period as `2026-Q1 (2026-01-01 to 2026-03-31)`, or just its days.
fn period_words(label: &str, from: &str, to: &str) -> String {
    let days = format!("{from} to {to}");
    if label == days {
        days
    } else {
        format!("{label} ({days})")
    }
}

/// Findings in `verify --bundle`'s columns.
fn rows(findings: &[Finding]) -> Vec<FileRow<'_>> {
    findings.iter().map(FileRow::from).collect()
}

pub fn verify_bundle(dir: &Path, signer_key: Option<&Path>, format: Format) -> Result<Outcome> {
    let signer = match signer_key {
        Some(file) => Some(parse_public_key(
            &file.display().to_string(),
            &crate::commands::keys::read_text(file)?,
        )?),
        None => None,
    };
    let result = check::check_signed(dir, signer.as_ref())?;
    let fact = |key: &str| result.facts.get(key).map(String::as_str);
    let mut out = stdout();
    match format {
        Format::Table => {
            // File names, messages (which quote cells) and facts come from
            // the bundle: printed like table cells, without control
            // characters, one line each.
            let fact = |key: &str| fact(key).map(terminal_text);
            for f in &result.findings {
                let (file, line) = f.file_line();
                let (file, message) = (terminal_text(file), terminal_text(&f.message));
                match line {
                    0 => writeln!(out, "{} {file}: {message}", f.code)?,
                    line => writeln!(out, "{} {file} line {line}: {message}", f.code)?,
                }
            }
            let findings = match result.findings.len() {
                0 => "no findings".to_owned(),
                1 => "1 finding".to_owned(),
                n => format!("{n} findings"),
            };
            writeln!(
                out,
                "checked {}, {} ({} dated within the period), {}, {}, {}: {findings}",
                plural(result.files, "file"),
                plural(result.transactions, "transaction"),
                result.period_transactions,
                plural(result.postings, "posting"),
                plural(result.grants, "grant"),
                plural(result.votes, "vote")
            )?;
            if let (Some(audience), Some(period), Some(from), Some(to)) =
                (fact("audience"), fact("period"), fact("from"), fact("to"))
            {
                writeln!(
                    out,
                    "audience: {audience}; period: {}",
                    period_words(&period, &from, &to)
                )?;
            }
            if !result.journal_head.is_empty() {
                writeln!(
                    out,
                    "journal ends with: {}",
                    terminal_text(&result.journal_head)
                )?;
            }
            if let Some(head) = fact("records_head") {
                writeln!(out, "records head (stated): {head}")?;
            }
            writeln!(out, "manifest: {}", result.manifest_sha256)?;
            match (&result.signed_by, &signer) {
                (Some(key), Some(_)) => {
                    writeln!(out, "signed by the fund's key {key}, the one required")?;
                }
                (Some(key), None) => writeln!(
                    out,
                    "signed by {key}, a key the bundle states as the fund's (give the fund's own key with --signer-key to tie it to the fund)"
                )?,
                (None, _) => {}
            }
            if let Some(fingerprint) = fact("fingerprint") {
                if result.facts.get("fingerprint") == Some(&result.journal_head) {
                    writeln!(out, "fingerprint: {fingerprint}")?;
                } else {
                    writeln!(
                        out,
                        "fingerprint: {fingerprint} (as stated: the books went on after this bundle's journal)"
                    )?;
                }
            }
            out.flush()?;
        }
        Format::Csv => write_rows(Format::Csv, out, &Gate::books(), &rows(&result.findings))?,
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &BundleJson {
                    findings: rows(&result.findings),
                    files: result.files,
                    transactions: result.transactions,
                    period_transactions: result.period_transactions,
                    postings: result.postings,
                    grants: result.grants,
                    votes: result.votes,
                    format: fact("format"),
                    audience: fact("audience"),
                    period: fact("period"),
                    from: fact("from"),
                    to: fact("to"),
                    journal_prev_hash: fact("journal_prev_hash"),
                    journal_last_hash: &result.journal_head,
                    fingerprint: fact("fingerprint"),
                    records_head: fact("records_head"),
                    manifest_sha256: &result.manifest_sha256,
                    signed_by: result.signed_by.as_deref(),
                },
            )
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(Outcome::found(!result.findings.is_empty()))
}
