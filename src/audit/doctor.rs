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
use crate::report::doctor::{Advice, Remedy, Severity, waiting};
use crate::store::Db;

/// What to do about a `verify` finding, by its code.
fn remedy(code: Code) -> Remedy {
    match code {
        codes::INTEGRITY => Remedy::RestoreDamagedFile,
        codes::UNBALANCED
        | codes::HASH_MISMATCH
        | codes::CHAIN_BREAK
        | codes::HEAD_MISMATCH
        | codes::MALFORMED => Remedy::JournalChanged,
        codes::TRIAL_BALANCE | codes::TOTALS_MISMATCH => Remedy::RestoreGoodBackup {
            what: "totals disagree with the postings (changed outside fondo)",
        },
        codes::CLOSED_ACCOUNT => Remedy::RestoreGoodBackup {
            what: "a posting is dated after its account was closed (changed outside fondo)",
        },
        codes::BAD_VOID => Remedy::RestoreGoodBackup {
            what: "a void does not mirror what it reverses (changed outside fondo)",
        },
        codes::POOL_BELOW_ZERO | codes::POOL_TAG | codes::UNBACKED => Remedy::CheckPool,
        codes::RECORDS_CHAIN | codes::AUDIT => Remedy::RestoreGoodBackup {
            what: "the governance records or a community table were changed outside fondo",
        },
        codes::FUND_SETTINGS | codes::SECRET_MISSING | codes::SECRET_CHANGED => {
            Remedy::RestoreGoodBackup {
                what: "the fund's name, currency, id or secrets were changed outside fondo",
            }
        }
        codes::GRANT_STATE => Remedy::RestoreGoodBackup {
            what: "the cache of what grants commit disagrees with the records (changed outside fondo)",
        },
        codes::IMPORT_KEYS => Remedy::RestoreGoodBackup {
            what: "import keys were deleted or changed outside fondo (a row could be imported twice)",
        },
        codes::OVERPAID | codes::OVERCOMMITTED => Remedy::ReviewGrant,
        codes::DECISION => Remedy::ReviewDecision,
        _ => Remedy::SeeDocs,
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
                remedy(f.code),
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
            Remedy::PublishFingerprint {
                fingerprint: checked.fingerprint.clone(),
            },
        ));
    }
    let tx = db.read()?;
    out.extend(waiting(&tx, now)?);
    tx.finish().ctx("ending the read")?;
    out.sort_by_key(|a| a.severity);
    Ok(out)
}
