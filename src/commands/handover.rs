//! `fondo handover --out DIR`: the handover page (HTML and Markdown) and a
//! verified backup of the books, written into a new or empty directory;
//! on any failure the directory is left as it was found.

use std::fs;
use std::path::Path;

use crate::commands::out::{write_file, writing};
use crate::commands::{CommandError, Result};
use crate::commands::{Outcome, date_or_today, open, say};
use fondo::domain::lang::Lang;
use fondo::error::Error;
use fondo::ops::backup;
use fondo::render::i18n::Messages;
use fondo::render::{Gate, html, markdown};
use fondo::report::handover::{BackupNote, document, handover as gather};
use fondo::report::language::page_language;
use fondo::store::Access;

pub fn handover(path: &Path, out: &Path, on: Option<&str>, lang: Option<Lang>) -> Result<Outcome> {
    let on = date_or_today(on)?;
    let io = |context: String| move |source| Error::Io { context, source };
    let created = match fs::symlink_metadata(out) {
        Ok(meta) if !meta.is_dir() => {
            return Err(CommandError::Refused(format!(
                "{} exists and is not a directory; a handover is written into a new or empty directory",
                out.display()
            )));
        }
        Ok(_) => {
            let mut entries =
                fs::read_dir(out).map_err(io(format!("reading {}", out.display())))?;
            if entries.next().is_some() {
                return Err(CommandError::Refused(format!(
                    "{} is not empty; a handover is written into a new or empty directory, so choose another --out",
                    out.display()
                )));
            }
            false
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(io(format!("looking at {}", out.display()))(e).into()),
    };
    let mut db = open(path, Access::Read)?;
    if created {
        fs::create_dir(out).map_err(io(format!("creating {}", out.display())))?;
    }
    let written = write(&mut db, out, on, lang);
    if written.is_err() {
        // Leave the directory as it was found: gone, or empty.
        if created {
            let _ = fs::remove_dir_all(out);
        } else if let Ok(entries) = fs::read_dir(out) {
            for entry in entries.flatten() {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    let (findings, fingerprint) = written?;
    say(&[
        format!("wrote the handover for {on} to {}", out.display()),
        format!(
            "the backup {}",
            if findings == 0 {
                "verifies: no findings".to_owned()
            } else {
                format!("has {findings} finding(s); run `fondo verify` on it")
            }
        ),
        format!("fingerprint: {fingerprint}"),
    ])?;
    Ok(Outcome::found(findings > 0))
}

/// Writes the backup, then the pages; returns the backup's findings and
/// fingerprint.
fn write(
    db: &mut fondo::store::Db,
    out: &Path,
    on: chrono::NaiveDate,
    lang: Option<Lang>,
) -> Result<(usize, String)> {
    let file = format!("books-{on}.db");
    let checked = fondo::audit::verify::verify(&mut backup::backup(db, &out.join(&file))?)?;
    let tx = db.read()?;
    let words = Messages::new(page_language(&tx, lang)?);
    // The hand-over is for the next treasurer, who sees every name.
    let doc = Gate::books().pass(document(
        &gather(&tx, on)?,
        &BackupNote {
            file,
            findings: checked.findings.len(),
        },
        &words,
    ));
    let html_file = out.join("handover.html");
    write_file(&html_file, false, false, |w| {
        html::write(w, &doc).map_err(writing(&html_file))
    })?;
    let md_file = out.join("handover.md");
    write_file(&md_file, false, false, |w| {
        markdown::write(w, &doc).map_err(writing(&md_file))
    })?;
    Ok((checked.findings.len(), checked.fingerprint))
}
