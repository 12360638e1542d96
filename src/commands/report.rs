//! `fondo report …` (summary, pools, grants, budget, metrics) and
//! `fondo budget …`. Tables get a heading line naming the period; CSV and
//! JSON are the rows alone.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use crate::cli::{BudgetCommand, PeriodCommand, ReportArgs, ReportCommand};
use crate::commands::Result;
use crate::commands::{Outcome, Period, date_arg, gate, open, report_span, say, stdout};
use fondo::domain::date::parse_datetime;
use fondo::domain::period::Span;
use fondo::ops::{self, budget::BudgetRequest};
use fondo::render::{Format, Gate, Row, write_rows};
use fondo::report::convert::Converter;
use fondo::report::{budget, grants, metrics, pools, purchases, summary};
use fondo::store::{Access, txns};

/// A converter for `--in CODE`, with the rates in force on the span's last day.
fn converter(
    conn: &Connection,
    code: Option<&str>,
    span: &Span,
) -> fondo::error::Result<Option<Converter>> {
    code.map(|c| Converter::new(conn, c, span.to)).transpose()
}

/// Writes rows through `gate`, after a heading line when they go out as a
/// table.
fn emit<R: Row>(format: Format, gate: &Gate, heading: &str, rows: &[R]) -> Result<Outcome> {
    let mut out = stdout();
    if format == Format::Table {
        writeln!(out, "{}", gate.text(heading))?;
    }
    write_rows(format, &mut out, gate, rows)?;
    out.flush()?;
    Ok(Outcome::Ok)
}

fn dates(span: &Span) -> String {
    if span.label.contains(" to ") {
        span.label.clone()
    } else {
        format!("{} ({} to {})", span.label, span.from, span.to)
    }
}

/// A report of a period that may also give figures in one currency: its
/// rows from `build`, under the heading `title` gives for the span.
fn with_money<R: Row>(
    conn: &Connection,
    period: Period,
    args: &ReportArgs,
    build: impl FnOnce(&Connection, &Span, Option<&Converter>) -> fondo::error::Result<Vec<R>>,
    title: impl FnOnce(&Span) -> String,
) -> Result<Outcome> {
    let span = report_span(conn, period)?;
    let converter = converter(conn, args.in_currency.as_deref(), &span)?;
    let rows = build(conn, &span, converter.as_ref())?;
    emit(args.format.into(), &Gate::books(), &title(&span), &rows)
}

pub fn report(path: &Path, cmd: ReportCommand) -> Result<Outcome> {
    // The arguments are read before the books are opened.
    let (period, as_of) = match &cmd {
        ReportCommand::Summary(args)
        | ReportCommand::Budget(args)
        | ReportCommand::Metrics(args) => (Period::parse(&args.period)?, None),
        ReportCommand::Pools { period, as_of, .. } => {
            (Period::parse(period)?, date_arg(as_of.as_deref())?)
        }
        ReportCommand::Grants { period, .. } | ReportCommand::Purchases { period, .. } => {
            (Period::parse(period)?, None)
        }
        ReportCommand::Forum(args) => (Period::parse(&args.period)?, None),
    };
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    match cmd {
        ReportCommand::Summary(args) => with_money(&tx, period, &args, summary::summary, |span| {
            format!("Summary for {}", dates(span))
        }),
        ReportCommand::Pools {
            in_currency,
            format,
            ..
        } => {
            let span = match as_of {
                Some(day) => Span::between(txns::first_date(&tx)?.unwrap_or(day).min(day), day)?,
                None => report_span(&tx, period)?,
            };
            let converter = converter(&tx, in_currency.as_deref(), &span)?;
            let rows = pools::period(&tx, &span, converter.as_ref())?;
            emit(
                format.into(),
                &Gate::books(),
                &format!("Pools for {}", dates(&span)),
                &rows,
            )
        }
        ReportCommand::Grants {
            audience, format, ..
        } => {
            let span = report_span(&tx, period)?;
            let rows = grants::register(&tx, audience.into(), &span)?;
            emit(
                format.into(),
                &gate(&tx, audience.into())?,
                &format!("Grants for {}", dates(&span)),
                &rows,
            )
        }
        ReportCommand::Purchases {
            audience, format, ..
        } => {
            let span = report_span(&tx, period)?;
            let rows = purchases::purchases(&tx, &span, audience.into())?;
            emit(
                format.into(),
                &gate(&tx, audience.into())?,
                &format!("Purchases opened in {}: who owes whom", dates(&span)),
                &rows,
            )
        }
        ReportCommand::Budget(args) => with_money(&tx, period, &args, budget::budget, |span| {
            format!("Budget for {}", dates(span))
        }),
        ReportCommand::Metrics(args) => with_money(&tx, period, &args, metrics::metrics, |span| {
            format!(
                "Metrics for {}, against {}",
                dates(span),
                dates(&span.previous())
            )
        }),
        ReportCommand::Forum { .. } => unreachable!("report forum is dispatched before"),
    }
}

/// `fondo period close|reopen|list`.
pub fn period(path: &Path, cmd: PeriodCommand) -> Result<Outcome> {
    let at = |text: Option<&str>| -> fondo::error::Result<chrono::NaiveDateTime> {
        match text {
            Some(t) => parse_datetime(t),
            None => Ok(crate::commands::clock::now()),
        }
    };
    match cmd {
        PeriodCommand::Close {
            period,
            reason,
            at: when,
        } => {
            let when = at(when.as_deref())?;
            let mut db = open(path, Access::Write)?;
            let closed = ops::periods::close(&mut db, &period, &reason, when)?;
            say(&[
                format!(
                    "closed {} (record {}) after {} transaction(s)",
                    closed.period, closed.record, closed.ledger_count
                ),
                format!("  ledger head:  {}", closed.ledger_head),
                format!("  records head: {}", closed.records_head),
            ])?;
        }
        PeriodCommand::Reopen {
            period,
            reason,
            at: when,
        } => {
            let when = at(when.as_deref())?;
            let mut db = open(path, Access::Write)?;
            let record = ops::periods::reopen(&mut db, &period, &reason, when)?;
            say(&[format!(
                "reopened {} (record {record}); close it again with fondo period close {} --reason TEXT",
                period.trim(),
                period.trim()
            )])?;
        }
        PeriodCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &fondo::report::periods::list(&tx)?,
            )?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn budget(path: &Path, cmd: BudgetCommand) -> Result<Outcome> {
    match cmd {
        BudgetCommand::Set {
            pool,
            category,
            amount,
            commodity,
            period,
            at,
        } => {
            let request = BudgetRequest {
                pool,
                category,
                amount,
                commodity,
                period,
                at: at.as_deref().map(parse_datetime).transpose()?,
            };
            let mut db = open(path, Access::Write)?;
            let (record, pool, replaces) = ops::budget::set(&mut db, &request)?;
            say(&[format!(
                "budget {} for {pool}, {} in {}: {} {}",
                if replaces { "replaced" } else { "set" },
                record.category,
                record.period,
                request.amount.trim(),
                record.commodity
            )])?;
            Ok(Outcome::Ok)
        }
        BudgetCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(format.into(), stdout(), &Gate::books(), &budget::list(&tx)?)?;
            Ok(Outcome::Ok)
        }
    }
}
