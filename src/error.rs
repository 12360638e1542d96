//! The one error type of fondo.
//!
//! Every fallible function in the library returns [`Result`]. Variants carry the
//! context a treasurer needs to fix the problem (the file, line and field, the
//! account, the amount it is off by) and their messages are lower-case, without
//! a trailing period, and say what to do next where there is something to do.
//! `main` prints an error once, as `fondo: <message>`, and exits with
//! [`Error::exit_code`].

use std::fmt;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem found in an input file, located by line and column name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file (0 when the problem concerns the whole file).
    pub line: u64,
    /// The column (CSV header name) the problem is in, if any.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.field, self.line) {
            (Some(field), 0) => write!(f, "column {field}: {}", self.message),
            (Some(field), line) => write!(f, "line {line}, column {field}: {}", self.message),
            (None, 0) => write!(f, "{}", self.message),
            (None, line) => write!(f, "line {line}: {}", self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no fondo database at {path}; create one with `fondo init` (or choose another with --db PATH or FONDO_DB)"
    )]
    NoDatabase { path: PathBuf },

    #[error(
        "{path} already exists; `fondo init` never overwrites a file, choose another path with --db"
    )]
    AlreadyExists { path: PathBuf },

    #[error("{path} is not a fondo database ({reason})")]
    NotFondo { path: PathBuf, reason: String },

    #[error(
        "{what} is damaged ({detail}); restore the fund's file from a backup, or ask for help before changing it"
    )]
    Damaged { what: String, detail: String },

    #[error(
        "{path} was written by a newer fondo (schema version {found}, this fondo knows up to {known}); upgrade fondo to use it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("{path} is read-only; this command needs to write to the database")]
    ReadOnly { path: PathBuf },

    #[error("invalid amount {input:?}: {reason}")]
    Amount { input: String, reason: String },

    #[error(
        "amount {input} has more decimal places than {commodity} allows ({decimals}); fondo never rounds, correct the amount"
    )]
    Precision {
        input: String,
        commodity: String,
        decimals: u32,
    },

    #[error("invalid date {input:?}: {reason}")]
    Date { input: String, reason: String },

    #[error("invalid account name {name:?}: {reason}")]
    AccountName { name: String, reason: String },

    #[error("{day} is in {period}, which was closed by record {record} at {at} ({reason})")]
    PeriodClosed {
        day: chrono::NaiveDate,
        period: String,
        record: i64,
        at: String,
        reason: String,
    },

    #[error("cannot {action} {period}: {reason}")]
    Period {
        action: &'static str,
        period: String,
        reason: String,
    },

    /// An error with what to do about it, added by the command line.
    #[error("{inner}; {hint}")]
    Hinted { inner: Box<Error>, hint: String },

    #[error("invalid commodity code {code:?}: {reason}")]
    CommodityCode { code: String, reason: String },

    #[error("commodity {code} cannot have {places}: {reason}")]
    CommodityDecimals {
        code: String,
        places: String,
        reason: String,
    },

    #[error("unknown account {name:?}{hint}")]
    UnknownAccount { name: String, hint: String },

    #[error("account {name:?} already exists")]
    AccountExists { name: String },

    #[error("account {name:?} was closed on {closed_on}; it takes no postings dated {date}")]
    ClosedAccount {
        name: String,
        closed_on: NaiveDate,
        date: NaiveDate,
    },

    #[error("cannot close account {name:?}: {reason}")]
    CannotClose { name: String, reason: String },

    #[error(
        "unknown commodity {code:?}; declare it first with `fondo commodity add {code} --decimals N`"
    )]
    UnknownCommodity { code: String },

    #[error("invalid {kind} {name:?}: {reason}")]
    InvalidName {
        kind: &'static str,
        name: String,
        reason: String,
    },

    #[error(
        "unknown member {name:?}; see `fondo member list`, or add them with `fondo member add`"
    )]
    UnknownMember { name: String },

    #[error("a member named {name:?} already exists (names are unique, ignoring case)")]
    MemberExists { name: String },

    #[error("{0}")]
    Refused(String),

    #[error("map file {path}: {reason}")]
    Map { path: String, reason: String },

    #[error("unknown grant {id:?}; see `fondo grant list`")]
    UnknownGrant { id: String },

    #[error("unknown pool {name:?}; see `fondo pool list`, or add it with `fondo pool add`")]
    UnknownPool { name: String },

    #[error(
        "unknown purchase {name:?}; see `fondo purchase list`, or open one with `fondo purchase open`"
    )]
    UnknownPurchase { name: String },

    #[error("purchase {purchase:?}: {reason}")]
    Purchase { purchase: String, reason: String },

    #[error("pool {name:?} already exists")]
    PoolExists { name: String },

    #[error(
        "pool {pool:?} would hold {held} {commodity} on {date} (only {available} {commodity} was available); pools never go below zero, so move money into it first with `fondo pool move`"
    )]
    PoolBelowZero {
        pool: String,
        commodity: String,
        date: String,
        held: String,
        available: String,
    },

    #[error(
        "on {date} the fund would have {assets} {commodity} while its restricted pools hold {restricted} {commodity}: that spends money set aside in pools; charge it to the pool it is for (--pool), or move money out of a pool first with `fondo pool move`"
    )]
    Unbacked {
        commodity: String,
        date: String,
        assets: String,
        restricted: String,
    },

    #[error("commodity {code:?} already exists (with {})", crate::domain::money::places(*.decimals))]
    CommodityExists { code: String, decimals: u32 },

    #[error("{0}")]
    InvalidTransaction(String),

    #[error("transaction does not balance: off by {off_by}")]
    Unbalanced { off_by: String },

    #[error("no transaction with id {id}")]
    UnknownTransaction { id: i64 },

    #[error("transaction {id} was already voided by transaction {by}")]
    AlreadyVoided { id: i64, by: i64 },

    #[error(
        "transaction {id} is itself a void (of transaction {original}); post a new transaction instead"
    )]
    VoidOfVoid { id: i64, original: i64 },

    #[error("{path}: {}", format_problems(problems, *more))]
    Import {
        path: String,
        problems: Vec<Problem>,
        more: usize,
    },

    #[error("amount too large: the sum {context} no longer fits the ledger's storage range")]
    Overflow { context: String },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },

    #[error("writing output: {0}")]
    Output(#[from] io::Error),

    #[error("database error while {context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error("{path} {reason}")]
    DemoTarget { path: PathBuf, reason: String },

    #[error("demo script {script}, line {line}: {reason}")]
    DemoScript {
        script: String,
        line: usize,
        reason: String,
    },

    #[error(
        "the disk is full (while {context}); nothing was written: free some space, then run the command again"
    )]
    DiskFull { context: String },

    #[error(
        "the disk refused a write while {context} ({detail}): it may be full, over a file-size limit or failing; the command was rolled back: fix the disk, then run `fondo verify`"
    )]
    WriteFailed { context: String, detail: String },

    #[error(
        "{path} is on a read-only file system and its write-ahead log ({path}-wal) holds changes not yet in the file; copy both files to a writable place to read them"
    )]
    PendingWal { path: PathBuf },

    #[error("{path} already exists; {hint}")]
    Exists { path: PathBuf, hint: String },
}

fn format_problems(problems: &[Problem], more: usize) -> String {
    let mut text = match problems.len() {
        1 => "1 problem, nothing was written".to_owned(),
        n => format!("{} problems, nothing was written", n + more),
    };
    for problem in problems {
        text.push_str("\n  ");
        text.push_str(&problem.to_string());
    }
    if more > 0 {
        text.push_str(&format!("\n  … and {more} more"));
    }
    text
}

impl Error {
    /// Exit code for this error: always 2 (bad input, usage, I/O). Findings
    /// (exit 1) are results, not errors.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// True when the error is only that the reader of our output went away
    /// (`fondo balance | head`), which counts as success.
    pub fn is_broken_pipe(&self) -> bool {
        let Error::Output(e) = self else {
            return false;
        };
        // The csv crate wraps the write error it met in its own.
        let from_csv = || {
            e.get_ref()
                .and_then(|inner| inner.downcast_ref::<csv::Error>())
                .is_some_and(|c| {
                    matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
                })
        };
        e.kind() == io::ErrorKind::BrokenPipe || from_csv()
    }
}

/// Adds context to rusqlite errors: `.ctx("reading accounts")?`.
pub trait SqlContext<T> {
    fn ctx(self, context: &str) -> Result<T>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| Error::from_sqlite(source, context))
    }
}

impl Error {
    /// The error for a failed SQLite call made while doing `context`: a
    /// damaged file, a full disk and a refused write get their own variants,
    /// everything else is [`Error::Sqlite`].
    pub fn from_sqlite(source: rusqlite::Error, context: &str) -> Error {
        match &source {
            rusqlite::Error::SqliteFailure(e, _)
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                Error::Damaged {
                    what: "the database".to_owned(),
                    detail: format!("{source}, while {context}"),
                }
            }
            rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::DiskFull => {
                Error::DiskFull {
                    context: context.to_owned(),
                }
            }
            rusqlite::Error::SqliteFailure(e, _)
                if matches!(
                    e.extended_code,
                    rusqlite::ffi::SQLITE_IOERR_WRITE
                        | rusqlite::ffi::SQLITE_IOERR_FSYNC
                        | rusqlite::ffi::SQLITE_IOERR_DIR_FSYNC
                        | rusqlite::ffi::SQLITE_IOERR_TRUNCATE
                ) =>
            {
                Error::WriteFailed {
                    context: context.to_owned(),
                    detail: source.to_string(),
                }
            }
            _ => Error::Sqlite {
                context: context.to_owned(),
                source,
            },
        }
    }
}
