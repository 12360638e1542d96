//! `fondo hub reconcile`, `fondo hub report summary|forum` and `fondo hub
//! rate add`: the hub's reports over what its member funds published.
//! Tables get a heading line naming the period; CSV and JSON are the rows
//! alone. `hub reconcile` exits 1 when a transfer is neither matched nor in
//! transit (nor with a fund outside the network).

use std::io::Write;
use std::path::Path;

use crate::cli::{HubForumArgs, HubRateArgs, HubReconcileArgs, HubSummaryArgs, PageFormatArg};
use crate::commands::Result;
use crate::commands::out::{write_file, writing};
use crate::commands::{Outcome, clock, say, stdout};
use fondo::domain::date::parse_date;
use fondo::domain::lang::Lang;
use fondo::domain::money::parse_decimal;
use fondo::domain::period::Span;
use fondo::error::Error;
use fondo::ops::hub_rates;
use fondo::render::document::Document;
use fondo::render::i18n::Messages;
use fondo::render::{Format, Gate, Gated, Row, write_rows};
use fondo::render::{html, markdown};
use fondo::report::hub::{forum, reconcile, summary};
use fondo::store::Access;
use fondo::store::hub::{Hub, reports};

fn dates(span: &Span) -> String {
    if span.label.contains(" to ") {
        span.label.clone()
    } else {
        format!("{} ({} to {})", span.label, span.from, span.to)
    }
}

/// Writes rows, after a heading line when they go out as a table.
fn emit<R: Row>(format: Format, heading: &str, rows: &[R]) -> Result<()> {
    let mut out = stdout();
    if format == Format::Table {
        writeln!(out, "{heading}")?;
    }
    write_rows(format, &mut out, &Gate::books(), rows)?;
    out.flush()?;
    Ok(())
}

pub fn reconcile(hub_path: &Path, args: &HubReconcileArgs) -> Result<Outcome> {
    let span = Span::parse(&args.period)?;
    let tolerance = parse_decimal(&args.tolerance)?;
    if tolerance.is_sign_negative() {
        return Err(Error::Amount {
            input: args.tolerance.clone(),
            reason: "a tolerance is a percentage of zero or more".into(),
        }
        .into());
    }
    let hub = Hub::open(hub_path, Access::Read, clock::clock())?;
    let tx = reports::read(hub.conn())?;
    let rows = reconcile::load(&tx, &span, tolerance)?;
    emit(
        args.format.into(),
        &format!("Transfers between funds in {}", dates(&span)),
        &rows,
    )?;
    Ok(Outcome::found(rows.iter().any(|r| r.status.is_finding())))
}

pub fn summary(hub_path: &Path, args: &HubSummaryArgs) -> Result<Outcome> {
    let span = Span::parse(&args.period)?;
    let hub = Hub::open(hub_path, Access::Read, clock::clock())?;
    let tx = reports::read(hub.conn())?;
    let converter = args
        .in_currency
        .as_deref()
        .map(|code| summary::hub_converter(&tx, code, span.to))
        .transpose()?;
    let network = summary::load(&tx, &span)?;
    let rows = summary::summary(&network, &span, converter.as_ref())?;
    emit(
        args.format.into(),
        &format!("Network summary for {}", dates(&span)),
        &rows,
    )?;
    Ok(Outcome::Ok)
}

pub fn rate_add(hub_path: &Path, args: &HubRateArgs) -> Result<Outcome> {
    let day = parse_date(&args.date)?;
    let mut hub = Hub::open(hub_path, Access::Write, clock::clock())?;
    let rate = hub_rates::add_rate(&mut hub, day, &args.from, &args.to, &args.rate)?;
    say(&[format!(
        "recorded 1 {} = {rate} {} on {day}",
        args.from, args.to
    )])?;
    Ok(Outcome::Ok)
}

pub fn forum(hub_path: &Path, args: &HubForumArgs) -> Result<Outcome> {
    let span = Span::parse(&args.period)?;
    let doc = {
        let hub = Hub::open(hub_path, Access::Read, clock::clock())?;
        let tx = reports::read(hub.conn())?;
        let network = summary::load(&tx, &span)?;
        let rows = summary::summary(&network, &span, None)?;
        let transfers = reconcile::load(&tx, &span, rust_decimal::Decimal::ZERO)?;
        let page = forum::gather(&tx, &span, args.audience.into(), rows, transfers)?;
        let words = Messages::new(args.lang.map_or(Lang::En, Lang::from));
        Gate::books().pass(forum::document(&page, &words))
    };
    match args.out.as_deref() {
        None => {
            let mut out = stdout();
            write_page(&mut out, &doc, args.format)?;
            out.flush()?;
        }
        Some(file) => {
            write_file(file, args.force, false, |page| {
                write_page(page, &doc, args.format).map_err(writing(file))
            })?;
            say(&[format!(
                "wrote the network forum page to {}",
                file.display()
            )])?;
        }
    }
    Ok(Outcome::Ok)
}

fn write_page(
    out: impl Write,
    doc: &Gated<Document>,
    format: PageFormatArg,
) -> std::io::Result<()> {
    match format {
        PageFormatArg::Html => html::write(out, doc),
        PageFormatArg::Md => markdown::write(out, doc),
    }
}
