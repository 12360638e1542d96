//! `fondo backup PATH` and `fondo restore BACKUP`.

use std::path::Path;

use crate::commands::{Outcome, open, say};
use fondo::audit::verify::Verification;
use fondo::error::Result;
use fondo::ops::backup;
use fondo::store::Access;

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
    let v = backup::backup(&db, dest)?;
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
    let restored = backup::restore(path, source, force, crate::commands::clock::clock())?;
    let mut lines = vec![format!(
        "restored {} into {}",
        source.display(),
        path.display()
    )];
    if let Some(aside) = &restored.replaced {
        lines.push(format!(
            "the books it replaced are saved in {}",
            aside.display()
        ));
    }
    lines.extend(checked(&restored.verification, "the fund"));
    say(&lines)?;
    Ok(outcome(&restored.verification))
}
