//! `fondo journal export` and `fondo journal import`.

use std::io;
use std::path::Path;

use crate::cli::JournalCommand;
use crate::commands::Result;
use crate::commands::out::write_file;
use crate::commands::{Bar, Outcome, date_arg, open, say};
use fondo::ops::import::{ImportOptions, ImportSummary, import_journal};
use fondo::render::handoff::handed_off;
use fondo::report::export::export_journal;
use fondo::store::Access;

pub fn run(path: &Path, command: JournalCommand) -> Result<Outcome> {
    match command {
        JournalCommand::Export {
            from,
            to,
            out,
            force,
        } => {
            let (from, to) = (date_arg(from.as_deref())?, date_arg(to.as_deref())?);
            let mut db = open(path, Access::Read)?;
            let bar = Bar::new("exporting {bar:40} {pos}/{len} transactions");
            match out {
                // The journal is read here, its rows formatted on a second
                // thread (`JournalWriter`) and their bytes written on a third.
                None => {
                    handed_off(io::stdout(), |out| {
                        export_journal(&mut db, from, to, out, &bar)
                    })?;
                }
                Some(file) => {
                    let summary = write_file(&file, force, false, |writer| {
                        handed_off(writer, |out| export_journal(&mut db, from, to, out, &bar))
                            .map(|(summary, _)| summary)
                    })?;
                    say(&[format!(
                        "exported {} transactions ({} postings) to {}",
                        summary.transactions,
                        summary.postings,
                        file.display()
                    )])?;
                }
            }
        }
        JournalCommand::Import {
            file,
            source,
            dry_run,
            strict,
        } => {
            let label = file.display().to_string();
            let source = source.unwrap_or_else(|| {
                file.file_name()
                    .map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned())
            });
            let options = ImportOptions {
                source,
                dry_run,
                strict,
            };
            let mut db = open(path, Access::Write)?;
            let bar = Bar::new("importing {bar:40} {bytes}/{total_bytes}");
            let summary = import_journal(&mut db, &file, &label, &options, &bar)?;
            say(&summary_lines(&summary, &label))?;
        }
    }
    Ok(Outcome::Ok)
}

fn summary_lines(s: &ImportSummary, label: &str) -> Vec<String> {
    let verb = if s.dry_run {
        "would import"
    } else {
        "imported"
    };
    let mut lines = vec![format!(
        "{verb} {} transactions ({} postings) from {label} under source {:?}",
        s.transactions, s.postings, s.source
    )];
    if s.skipped > 0 {
        lines.push(format!(
            "skipped {} transactions already imported from this source",
            s.skipped
        ));
    }
    let created = if s.dry_run { "would create" } else { "created" };
    for account in &s.accounts_created {
        lines.push(format!("{created} account {account}"));
    }
    for c in &s.commodities_created {
        lines.push(format!(
            "{created} commodity {} with {}",
            c.code(),
            fondo::error::places(c.decimals())
        ));
    }
    if s.dry_run {
        lines.push("dry run: nothing was written".to_owned());
    }
    lines
}
