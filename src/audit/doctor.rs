//! `fondo doctor`: what a new treasurer should know about the books, in
//! plain words, with what to do about each thing.
//!
//! It runs `verify` and explains every finding by its code, then adds what
//! the books show is missing or waiting (`report::doctor`). Problems come
//! first, then what needs attention, then what was found fine.
//!
//! Rule: doctor explains, it does not check anew: the findings are
//! `verify`'s, matched by their code.

use chrono::NaiveDateTime;

use crate::audit::finding::Code;
use crate::audit::verify::{self, codes};
use crate::error::{Result, SqlContext};
use crate::report::doctor::{Advice, Severity, waiting};
use crate::store::Db;

/// What to do about a `verify` finding, by its code.
fn remedy(code: Code) -> &'static str {
    match code {
        codes::INTEGRITY => {
            "the file itself is damaged: stop writing to it, copy it aside, and restore the latest backup (`fondo restore BACKUP --force`); then re-enter what came after it"
        }
        codes::UNBALANCED
        | codes::HASH_MISMATCH
        | codes::CHAIN_BREAK
        | codes::HEAD_MISMATCH
        | codes::MALFORMED => {
            "the journal was changed outside fondo: compare the fingerprint with the one last published at a forum, restore the latest backup that matches it (`fondo restore BACKUP --force`), and ask who had access to the file"
        }
        codes::TRIAL_BALANCE | codes::TOTALS_MISMATCH => {
            "totals disagree with the postings (changed outside fondo): restore the latest good backup"
        }
        codes::CLOSED_ACCOUNT => {
            "a posting is dated after its account was closed (changed outside fondo): restore the latest good backup"
        }
        codes::BAD_VOID => {
            "a void does not mirror what it reverses (changed outside fondo): restore the latest good backup"
        }
        codes::POOL_BELOW_ZERO | codes::POOL_TAG | codes::UNBACKED => {
            "restricted money is missing or mislabelled: check the pool's entries with `fondo pool show POOL`; if nothing was changed outside fondo, record a `fondo pool move` the community agrees to"
        }
        codes::RECORDS_CHAIN | codes::AUDIT => {
            "the governance records or a community table were changed outside fondo: restore the latest good backup"
        }
        codes::OVERPAID | codes::OVERCOMMITTED => {
            "a grant was paid or committed beyond what was approved or available: review it with `fondo grant show G-…` at the next meeting"
        }
        codes::DECISION => {
            "a recorded decision does not follow from its votes and policy: review it with `fondo grant show G-…`; see docs/verify.md for backdated entries"
        }
        _ => "see docs/verify.md for this code",
    }
}

/// Everything the doctor finds at `now`, problems first.
pub fn doctor(db: &mut Db, now: NaiveDateTime) -> Result<Vec<Advice>> {
    let checked = verify::verify(db)?;
    let mut out: Vec<Advice> = checked
        .findings
        .iter()
        .map(|f| {
            Advice::new(
                Severity::Problem,
                "integrity",
                format!("{} {}: {}", f.code, f.location, f.message),
                remedy(f.code).to_owned(),
            )
        })
        .collect();
    if checked.findings.is_empty() && checked.transactions > 0 {
        out.push(Advice::new(
            Severity::Ok,
            "integrity",
            format!(
                "verify found nothing wrong in {} transactions and {} governance records",
                checked.transactions, checked.records
            ),
            format!(
                "publish the fingerprint {} at the next forum so members can check later copies",
                checked.fingerprint
            ),
        ));
    }
    let tx = db.read()?;
    out.extend(waiting(&tx, now)?);
    tx.finish().ctx("ending the read")?;
    out.sort_by_key(|a| a.severity);
    Ok(out)
}
