//! `fondo report forum`: the open-forum page of a period, as one
//! self-contained HTML file or as Markdown, on standard output or in a file.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::cli::{PageFormatArg, PeriodArgs};
use crate::commands::{Outcome, Period, open, report_span, say, stdout};
use fondo::domain::member::Audience;
use fondo::error::{Error, Result};
use fondo::render::forum::{html, markdown};
use fondo::report::forum::{document, forum as gather};
use fondo::store::Access;

pub fn forum(
    path: &Path,
    period: &PeriodArgs,
    audience: Audience,
    out: Option<&Path>,
    format: PageFormatArg,
) -> Result<Outcome> {
    let period = Period::parse(period)?;
    let page = {
        let mut db = open(path, Access::Read)?;
        let tx = db.read()?;
        let span = report_span(&tx, period)?;
        let doc = document(&gather(&tx, &span, audience)?);
        match format {
            PageFormatArg::Html => html(&doc),
            PageFormatArg::Md => markdown(&doc),
        }
    };
    match out {
        None => {
            let mut out = stdout();
            out.write_all(page.as_bytes())?;
            out.flush()?;
        }
        Some(file) => {
            fs::write(file, page.as_bytes()).map_err(|source| Error::Io {
                context: format!("writing {}", file.display()),
                source,
            })?;
            say(&[format!("wrote the forum report to {}", file.display())])?;
        }
    }
    Ok(Outcome::Ok)
}
