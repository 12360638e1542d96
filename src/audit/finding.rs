//! One finding type for every check of the audit layer: `verify` on a
//! database (codes V1xx, docs/verify.md) and `verify --bundle` on an audit
//! bundle (codes B1xx, docs/audit-format.md).
//!
//! Rule: a finding is a [`Code`], a [`Location`] and a message, and every
//! finding is a failure of the check (exit 1): verification re-derives the
//! books, and what does not re-derive is never a mere warning. Advice that
//! can wait (a stale backup, a vote still open) is the doctor's, with its
//! own severities (`report::doctor::Severity`). A code's text (`V103`, `B107`) is
//! stable: scripts and tests match on it, never on the message, and a
//! code, once published, is never reused for another problem. The written
//! forms of findings keep each command's columns: [`PlaceRow`] for
//! `verify`, [`FileRow`] for `verify --bundle`.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::render::Row;

macro_rules! codes {
    ($($(#[$meta:meta])* $code:ident),* $(,)?) => {
        /// The stable code of a finding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$meta])* $code,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// Its stable text, e.g. `V103`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    /// SQLite's own integrity check failed.
    V101,
    /// A transaction does not sum to zero per commodity.
    V102,
    /// A transaction's content does not match its hash.
    V103,
    /// A transaction does not cite its predecessor's hash.
    V104,
    /// A posting to an account closed by its date.
    V105,
    /// The trial balance does not sum to zero.
    V106,
    /// The fund's recorded head or count is not the chain's.
    V107,
    /// The daily totals cache disagrees with the postings.
    V108,
    /// A malformed transaction or posting.
    V109,
    /// A void that does not mirror what it reverses.
    V110,
    /// A pool below zero.
    V111,
    /// A pool tag where none may be.
    V112,
    /// Restricted money not backed by assets.
    V113,
    /// The governance records chain is broken, or a record is unknown.
    V114,
    /// A grant paid more than it was approved.
    V115,
    /// An approval committed more than its pool had.
    V116,
    /// A decision its votes and policy do not give.
    V117,
    /// A table disagrees with its audit records.
    V118,
    /// A pooled purchase that does not add up.
    V119,
    /// An entry dated inside a closed period, recorded after the close.
    V120,
    /// A reconciled balance changed by an entry forced in without reopening.
    V121,
    /// A correction record that does not fit what it corrects.
    V123,
    /// A vote cast by the grant's applicant.
    V124,
    /// A vote cast by a member who was not a steward in term on its day.
    V125,
    /// A vote cast by a member related to the applicant.
    V126,
    /// A vote or withdrawal recorded while its grant was not open.
    V127,
    /// A vote dated outside its grant's window.
    V128,
    /// An unsigned vote under a policy that takes only signed votes.
    V129,
    /// A signed vote whose key was not the voter's in force at its time.
    V130,
    /// A signed vote whose signature is not a valid `fondo-ballot` SSHSIG
    /// of its ballot.
    V131,
    /// A signed vote whose ballot does not state exactly what its record
    /// says.
    V132,
    /// A vote or withdrawal the command line refuses for its form: out of
    /// time order, the same vote again, an objection without a reason, a
    /// withdrawal of no standing vote.
    V133,
    /// A governance record of a kind fondo never writes.
    V134,
    /// A governance record whose payload does not read as its kind.
    V135,
    /// The fund's name, currency, id or salt key is not what its latest
    /// `fund-settings` record states, or no such record exists.
    V136,
    /// The fund's pseudonym secret is missing or empty.
    V137,
    /// The fund's pseudonym secret is not the one its latest
    /// `fund-settings` record commits to.
    V138,
    /// An import source's keys are not what its latest `import` record
    /// states (count and digest), or it has keys and no such record.
    V139,
    /// A row in the v1 form after a row in the v2 form: the chain switches
    /// once, never back.
    V140,
    /// The fund's salt key is missing or malformed: no v2 row can be checked.
    V141,
    /// A transaction on the accounts reserved for transfers between funds
    /// not of a transfer's shape, a send of another fund's id, or a transfer
    /// received twice.
    V142,
    /// A head a hub witnessed (`verify --witness`) that the books do not
    /// extend: the transaction or record at its position has another hash,
    /// or is not there.
    V143,
    /// The `grant_state` cache, up to date through the last record, is not
    /// what a replay of every grant gives (it is derived state; a write
    /// trusts it when checking what a pool has committed).
    V144,
    /// The `grant_state` cache's running sum of what a pool's grants commit
    /// now is not the sum a replay of every grant gives.
    V145,
    /// A bundle file is missing or is not readable UTF-8 CSV.
    B101,
    /// A bundle file's SHA-256 is not the one in MANIFEST.csv.
    B102,
    /// A bundle file's number of rows is not the one in MANIFEST.csv.
    B103,
    /// MANIFEST.csv or the directory does not hold exactly the bundle's files.
    B104,
    /// A bundle file's columns are not the specified ones.
    B105,
    /// A malformed cell.
    B106,
    /// A transaction of the bundle does not match its hash.
    B107,
    /// The bundle's chain does not link.
    B108,
    /// A transaction of the bundle does not add up.
    B109,
    /// A void of the bundle whose original is missing or not mirrored.
    B110,
    /// balances.csv does not add up by itself.
    B111,
    /// balances.csv disagrees with the journal.
    B112,
    /// pools.csv does not add up or disagrees with the other files.
    B113,
    /// A grant's counts disagree with votes.csv.
    B114,
    /// A grant disagrees with its policy.
    B115,
    /// A grant's money disagrees with itself or the journal.
    B116,
    /// contributors.csv disagrees with the journal.
    B117,
    /// BUNDLE.csv or README.txt is not as specified.
    B118,
    /// A posting of the bundle to an account closed by its date.
    B119,
    /// purchases.csv disagrees with itself or with the journal.
    B120,
    /// A transaction in the v1 form after one in the v2 form.
    B130,
    /// MANIFEST.csv.sig is not a valid signature of MANIFEST.csv by a key
    /// that fund_signers states (or fund_signers cannot be read).
    B131,
    /// `--signer-key` was given and the bundle is not signed by exactly
    /// that key.
    B132,
    /// fund_signers states the fund's keys but MANIFEST.csv.sig is missing.
    B133,
    /// A record of records.csv does not match its hash.
    B134,
    /// records.csv does not link from the genesis hash to the records head.
    B135,
    /// A record of records.csv in the v1 form after one in the v2 form.
    B136,
    /// A row of a bundle file is not what records.csv gives, or is missing.
    B137,
    /// A vote in records.csv by the applicant or by a non-steward.
    B138,
    /// allowed_signers or a ballot file differs from records.csv, or is
    /// missing.
    B139,
    /// transfers.csv is not what journal.csv states.
    B140,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A place in the books: `txn 42`, `account assets:bank`, `database`.
    At(String),
    /// A line of a bundle file (0: the file as a whole).
    Line { file: String, line: u64 },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::At(place) => f.write_str(place),
            Location::Line { file, line: 0 } => f.write_str(file),
            Location::Line { file, line } => write!(f, "{file} line {line}"),
        }
    }
}

/// One problem a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub location: Location,
    pub message: String,
}

impl Finding {
    /// The file it is in and the line (0: the file as a whole); for a
    /// place in the books, that place and 0.
    pub fn file_line(&self) -> (&str, u64) {
        match &self.location {
            Location::At(place) => (place, 0),
            Location::Line { file, line } => (file, *line),
        }
    }
}

/// A finding of `verify` as it is written out: code, location, message.
#[derive(Debug, Serialize)]
pub struct PlaceRow<'a> {
    pub code: Code,
    pub location: String,
    pub message: &'a str,
}

impl Row for PlaceRow<'_> {
    const COLUMNS: &'static [&'static str] = &["code", "location", "message"];
}

impl<'a> From<&'a Finding> for PlaceRow<'a> {
    fn from(f: &'a Finding) -> PlaceRow<'a> {
        PlaceRow {
            code: f.code,
            location: f.location.to_string(),
            message: &f.message,
        }
    }
}

/// A finding of `verify --bundle` as it is written out: code, file, line,
/// message.
#[derive(Debug, Serialize)]
pub struct FileRow<'a> {
    pub code: Code,
    pub file: &'a str,
    pub line: u64,
    pub message: &'a str,
}

impl Row for FileRow<'_> {
    const COLUMNS: &'static [&'static str] = &["code", "file", "line", "message"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["line"];
}

impl<'a> From<&'a Finding> for FileRow<'a> {
    fn from(f: &'a Finding) -> FileRow<'a> {
        let (file, line) = f.file_line();
        FileRow {
            code: f.code,
            file,
            line,
            message: &f.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_text() {
        assert_eq!(Code::V103.to_string(), "V103");
        assert_eq!(Code::B119.as_str(), "B119");
        assert_eq!(serde_json::to_string(&Code::V118).unwrap(), "\"V118\"");
    }

    #[test]
    fn every_code_is_documented() {
        let verify = include_str!("../../docs/verify.md");
        let bundle = include_str!("../../docs/audit-format.md");
        for code in Code::ALL {
            let doc = if code.as_str().starts_with('V') {
                verify
            } else {
                bundle
            };
            assert!(doc.contains(code.as_str()), "{code} is not documented");
        }
    }
}
