//! `fondo backup PATH` and `fondo restore BACKUP`: the copying is
//! `ops::backup`; the checks of the copy, between its steps, are
//! `audit::verify`, which ops may not import.

use std::path::Path;

use crate::commands::Result;
use crate::commands::{Outcome, open, say};
use fondo::audit::verify::{Verification, verify};
use fondo::error::Error;
use fondo::ops::backup::{self, Restoring};
use fondo::store::{Access, Db};

/// The lines that say what a copy holds and whether it verifies.
fn checked(v: &Verification, what: &str) -> Vec<String> {
    let findings = match v.findings.len() {
        0 => format!("{what} verifies: no findings"),
        1 => format!("{what} has 1 finding; run `fondo verify` on it to see it"),
        n => format!("{what} has {n} findings; run `fondo verify` on it to see them"),
    };
    vec![
        format!(
            "{} transactions, {} postings, {} governance records; {findings}",
            v.transactions, v.postings, v.records
        ),
        format!("fingerprint: {}", v.fingerprint),
    ]
}

fn outcome(v: &Verification) -> Outcome {
    Outcome::found(!v.findings.is_empty())
}

pub fn backup(path: &Path, dest: &Path) -> Result<Outcome> {
    let db = open(path, Access::Read)?;
    let v = verify(&mut backup::backup(&db, dest)?)?;
    let mut lines = vec![format!(
        "backed up {} to {}",
        path.display(),
        dest.display()
    )];
    lines.extend(checked(&v, "the copy"));
    say(&lines)?;
    Ok(outcome(&v))
}

pub fn restore(path: &Path, source: &Path, force: bool) -> Result<Outcome> {
    let clock = crate::commands::clock::clock();
    let given = &crate::commands::passphrase::Given;
    let mut restoring = Restoring::begin(path, source, force, clock.clone(), given)?;
    let copy = verify(restoring.copy())?;
    if !copy.findings.is_empty() {
        return Err(Error::BackupFindings {
            path: source.to_owned(),
            codes: copy.findings.iter().map(|f| f.code.to_string()).collect(),
        }
        .into());
    }
    let replaced = restoring.finish(given)?;
    let verification = match &replaced {
        // Linked or moved into place: the very file just checked.
        None => copy,
        Some(_) => verify(&mut Db::open_unlocking(path, Access::Read, clock, given)?)?,
    };
    let mut lines = vec![format!(
        "restored {} into {}",
        source.display(),
        path.display()
    )];
    if let Some(aside) = &replaced {
        lines.push(format!(
            "the books it replaced are saved in {}",
            aside.display()
        ));
    }
    lines.extend(checked(&verification, "the fund"));
    say(&lines)?;
    Ok(outcome(&verification))
}
