//! `fondo member statement`: one member's statement as rows (table, CSV,
//! JSON) or as a printable page (HTML), on standard output or in a file
//! that is never overwritten without `--force`.

use std::io::{self, Write};
use std::path::Path;

use crate::cli::{PeriodArgs, StatementFormatArg};
use crate::commands::Result;
use crate::commands::out::{write_file, writing};
use crate::commands::{Outcome, Period, open, report_span, say, stdout};
use fondo::domain::lang::Lang;
use fondo::domain::member::Audience;
use fondo::render::i18n::Messages;
use fondo::render::{Format, html, write_rows};
use fondo::report::language::page_language;
use fondo::report::statement::{document, rows, statement as gather};
use fondo::store::Access;

pub fn statement(
    path: &Path,
    name: &str,
    period: &PeriodArgs,
    format: StatementFormatArg,
    out: Option<&Path>,
    force: bool,
    lang: Option<Lang>,
) -> Result<Outcome> {
    let period = Period::parse(period)?;
    // A statement is for its member: every other member's name passes the
    // members' gate.
    let (statement, gate, words) = {
        let mut db = open(path, Access::Read)?;
        let tx = db.read()?;
        let span = report_span(&tx, period)?;
        let member = fondo::books::members::member(&tx, name)?;
        let gate = fondo::books::members::gate_but(&tx, Audience::Members, Some(member.id))?;
        let words = Messages::new(page_language(&tx, lang)?);
        (gather(&tx, name, &span)?, gate, words)
    };
    let write = |w: &mut dyn Write| -> io::Result<()> {
        match format {
            StatementFormatArg::Table => write_rows(Format::Table, w, &gate, &rows(&statement)),
            StatementFormatArg::Csv => write_rows(Format::Csv, w, &gate, &rows(&statement)),
            StatementFormatArg::Json => write_rows(Format::Json, w, &gate, &rows(&statement)),
            StatementFormatArg::Html => html::write(w, &gate.pass(document(&statement, &words))),
        }
    };
    match out {
        None => {
            let mut out = stdout();
            write(&mut out)?;
            out.flush()?;
        }
        Some(file) => {
            write_file(file, force, false, |w| write(w).map_err(writing(file)))?;
            say(&[format!(
                "wrote the statement of {} to {}",
                statement.member,
                file.display()
            )])?;
        }
    }
    Ok(Outcome::Ok)
}
