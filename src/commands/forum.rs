//! `fondo report forum`: the open-forum page of a period, as one
//! self-contained HTML file or as Markdown, on standard output or in a file
//! (never written over without `--force`).

use std::io::{self, Write};
use std::path::Path;

use crate::cli::{PageFormatArg, PeriodArgs};
use crate::commands::out::{write_file, writing};
use crate::commands::{Outcome, Period, gate, open, report_span, say, stdout};
use fondo::domain::member::Audience;
use fondo::error::Result;
use fondo::render::Gated;
use fondo::render::document::Document;
use fondo::render::{html, markdown};
use fondo::report::forum::{document, forum as gather};
use fondo::store::Access;

pub fn forum(
    path: &Path,
    period: &PeriodArgs,
    audience: Audience,
    out: Option<&Path>,
    force: bool,
    format: PageFormatArg,
) -> Result<Outcome> {
    let period = Period::parse(period)?;
    let doc = {
        let mut db = open(path, Access::Read)?;
        let tx = db.read()?;
        let span = report_span(&tx, period)?;
        gate(&tx, audience)?.pass(document(&gather(&tx, &span, audience)?))
    };
    match out {
        None => {
            let mut out = stdout();
            write_page(&mut out, &doc, format)?;
            out.flush()?;
        }
        Some(file) => {
            write_file(file, force, false, |page| {
                write_page(page, &doc, format).map_err(writing(file))
            })?;
            say(&[format!("wrote the forum report to {}", file.display())])?;
        }
    }
    Ok(Outcome::Ok)
}

fn write_page(out: impl Write, doc: &Gated<Document>, format: PageFormatArg) -> io::Result<()> {
    match format {
        PageFormatArg::Html => html::write(out, doc),
        PageFormatArg::Md => markdown::write(out, doc),
    }
}
