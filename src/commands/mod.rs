//! The command layer: turns parsed arguments into requests for the core,
//! calls it, and renders the result to standard output. The only place,
//! with `main`, that knows about the terminal.

mod backup;
mod bundle;
mod clock;
mod community;
mod demo;
mod error;
mod forum;
mod grants;
mod handover;
pub mod hints;
mod hub;
mod hub_export;
mod hub_reports;
mod journal;
mod keys;
mod ledger;
mod member_statement;
mod out;
pub(crate) mod passphrase;
mod purchases;
mod report;
mod reports;
mod setup;
mod shell;
mod statement;
mod transfers;
mod usage;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{Cli, Command, ExportCommand, FormatArg, PeriodArgs, ReportCommand};
use fondo::domain::date::parse_date;
use fondo::domain::period::Span;
use fondo::progress::Progress;
use fondo::render::{Format, Gate};
use fondo::store::{Access, Db};

pub use error::CommandError;

/// What a command returns: the library's errors, and the command line's own.
pub type Result<T> = std::result::Result<T, CommandError>;
pub use usage::{parse_args, usage_message};

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// A check found problems (exit code 1).
    Findings,
}

impl Outcome {
    /// Findings when a check found anything, else ok.
    fn found(anything: bool) -> Outcome {
        if anything {
            Outcome::Findings
        } else {
            Outcome::Ok
        }
    }
}

/// `--quiet`: no notes or progress bars on standard error. A process-wide
/// setting of the terminal side, like the terminal itself.
static QUIET: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// How this run's writes treat free text naming a hidden member, with
    /// the warnings of the writes that committed (printed at the end).
    static PRIVACY: std::cell::RefCell<fondo::store::Privacy> = std::cell::RefCell::default();
}

/// Prints a note on standard error (`fondo: note: …`), unless `--quiet`.
fn note(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("fondo: note: {text}");
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> std::result::Result<Outcome, CommandError> {
    QUIET.store(cli.quiet, Ordering::Relaxed);
    PRIVACY.with(|p| p.borrow_mut().strict = cli.strict_privacy);
    clock::init()?;
    let db = cli.db.as_path();
    let outcome: Result<Outcome> = match cli.command {
        Command::Init {
            name,
            currency,
            encrypt,
        } => setup::init(db, &name, currency.as_deref(), encrypt),
        Command::Rekey => setup::rekey(db),
        Command::Account(cmd) => setup::account(db, cmd),
        Command::Commodity(cmd) => setup::commodity(db, cmd),
        Command::Post(args) => ledger::post(db, args),
        Command::Void { txn, reason, date } => ledger::void(db, txn, &reason, date.as_deref()),
        Command::Balance(args) => reports::balance(db, args),
        Command::Reconcile(args) => statement::reconcile(db, args),
        Command::Register(args) => reports::register(db, args),
        Command::Journal(cmd) => journal::run(db, cmd),
        Command::Member(cmd) => community::member(db, cmd),
        Command::Role(cmd) => community::role(db, cmd),
        Command::Pool(cmd) => community::pool(db, cmd),
        Command::Contribute(args) => community::contribute(db, args),
        Command::Setting(cmd) => community::setting(db, cmd),
        Command::Fund(cmd) => keys::fund(db, cmd),
        Command::Hub(args) => hub::run(&args.hub, args.command),
        Command::Key(cmd) => keys::key(cmd),
        Command::Ballot(cmd) => keys::ballot(cmd),
        Command::Give {
            amount,
            commodity,
            pool,
            date,
            memo,
        } => community::give(db, amount, commodity, pool, date.as_deref(), memo),
        Command::Inventory { as_of, format } => community::inventory(db, as_of.as_deref(), format),
        Command::Pledge(cmd) => community::pledge(db, cmd),
        Command::Exchange(args) => community::exchange(db, args),
        Command::Rate(cmd) => community::rate(db, cmd),
        Command::Transfer(cmd) => transfers::run(db, cmd),
        Command::Import(cmd) => statement::run(db, cmd),
        Command::Policy(cmd) => grants::policy(db, cmd),
        Command::Grant(cmd) => grants::grant(db, cmd),
        Command::Budget(cmd) => report::budget(db, cmd),
        Command::Period(cmd) => report::period(db, cmd),
        Command::Report(ReportCommand::Forum(args)) => forum::forum(db, &args),
        Command::Report(cmd) => report::report(db, cmd),
        Command::Export(ExportCommand::Audit {
            out,
            period,
            audience,
            lang,
            sign_with,
        }) => bundle::export_audit(db, &out, &period, audience, lang, sign_with.as_deref()),
        Command::Demo(args) => return demo::demo(db, &args),
        Command::Purchase(cmd) => purchases::purchase(db, cmd),
        Command::Doctor { on, format } => reports::doctor(db, on.as_deref(), format.into()),
        Command::Verify {
            bundle: Some(dir),
            signer_key,
            format,
            ..
        } => bundle::verify_bundle(&dir, signer_key.as_deref(), format.into()),
        Command::Verify {
            bundle: None,
            witness,
            format,
            ..
        } => reports::verify(db, witness.as_deref(), format.into()),
        Command::Backup { path } => backup::backup(db, &path),
        Command::Handover { out, on, lang } => {
            handover::handover(db, &out, on.as_deref(), lang.asked())
        }
        Command::Restore { backup, force } => backup::restore(db, &backup, force),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man { out_dir } => shell::man(out_dir.as_deref()),
    };
    let outcome = outcome?;
    // The core returns what a write's text gave away as data; it is
    // printed once, after the write committed.
    PRIVACY.with(|p| {
        for warning in p.borrow().notes.take() {
            eprintln!("fondo: warning: {warning}");
        }
    });
    Ok(outcome)
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Opens the fund's database (encrypted books with the run's passphrase)
/// and prints what is risky about its file (warnings, which `--quiet` does
/// not hide).
fn open(path: &Path, access: Access) -> Result<Db> {
    let mut db = Db::open_unlocking(path, access, clock::clock(), &passphrase::Given)?;
    db.set_privacy(PRIVACY.with(|p| p.borrow().clone()));
    for warning in db.warnings() {
        eprintln!("fondo: warning: {warning}");
    }
    Ok(db)
}

/// Parses an optional date argument.
fn date_arg(text: Option<&str>) -> fondo::error::Result<Option<NaiveDate>> {
    text.map(parse_date).transpose()
}

/// The days a report covers, as given on the command line and parsed before
/// the database is opened (so a mistyped date is named whatever the state of
/// the books): a period, or `--from`/`--to` days, either of which may be left
/// out.
#[derive(Debug, Clone)]
enum Period {
    Span(Span),
    Days {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

impl Period {
    fn parse(args: &PeriodArgs) -> Result<Period> {
        Ok(match &args.period {
            Some(text) => Period::Span(Span::parse(text)?),
            None => Period::Days {
                from: date_arg(args.from.as_deref())?,
                to: date_arg(args.to.as_deref())?,
            },
        })
    }

    /// The span: `--from` left out starts on `first_day` (never after the
    /// last day), `--to` left out ends today.
    fn span(self, first_day: impl FnOnce() -> Result<NaiveDate>) -> Result<Span> {
        match self {
            Period::Span(span) => Ok(span),
            Period::Days { from, to } => {
                let to = to.unwrap_or_else(clock::today);
                let from = match from {
                    Some(day) => day,
                    None => first_day()?.min(to),
                };
                Ok(Span::between(from, to)?)
            }
        }
    }
}

/// The span a report covers, from the first transaction of the books when
/// `--from` is left out.
fn report_span(conn: &rusqlite::Connection, period: Period) -> Result<Span> {
    period.span(|| Ok(fondo::store::txns::first_date(conn)?.unwrap_or_else(clock::today)))
}

/// A date argument, or today when it is left out.
fn date_or_today(text: Option<&str>) -> Result<NaiveDate> {
    Ok(date_arg(text)?.unwrap_or_else(clock::today))
}

/// The two values of an `AMOUNT COMMODITY` option (`--fee 2.50 EUR`);
/// clap guarantees there are two.
fn pair(values: Vec<String>) -> (String, String) {
    let mut values = values.into_iter();
    let amount = values.next().unwrap_or_default();
    (amount, values.next().unwrap_or_default())
}

/// Standard output, buffered.
/// The redaction gate of `audience`: every output for an audience is
/// written through it ([`fondo::render`] takes a gate).
fn gate(
    conn: &rusqlite::Connection,
    audience: fondo::domain::member::Audience,
) -> fondo::error::Result<Gate> {
    fondo::books::members::gate(conn, audience)
}

fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::new(io::stdout().lock())
}

/// Prints lines to standard output.
/// `1 transaction`, `2 transactions`: the count with its word (English, as
/// every message of the command line).
fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn say(lines: &[String]) -> Result<()> {
    let mut out = stdout();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new(template: &str) -> Bar {
        let bar = if io::stderr().is_terminal() && !QUIET.load(Ordering::Relaxed) {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn set(&self, done: u64) {
        self.0.set_position(done);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
