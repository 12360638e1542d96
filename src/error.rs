//! The one error type of fondo.
//!
//! Every fallible function in the library returns [`Result`]. Variants carry the
//! context a treasurer needs to fix the problem (the file, line and field, the
//! account, the amount it is off by) and their messages are lower-case, without
//! a trailing period.
//!
//! Rule: a message states the problem and never names a command-line flag or
//! command; the binary matches the variant and adds the command line's hint
//! (`src/commands/hints.rs`: "create one with `fondo init`"). `main` prints an
//! error once, as `fondo: <message>; <hint>`, and exits with
//! [`Error::exit_code`].

use std::fmt;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::ids::{NotAGrant, RecordId, TxnId};

mod refusal;

pub use refusal::{
    BundleRefusal, ContributionRefusal, ExchangeRefusal, GrantRefusal, HubRefusal, KeyRefusal,
    LedgerRefusal, MemberRefusal, PledgeRefusal, PoolRefusal, PurchaseRefusal, ReconcileRefusal,
    SetupRefusal, TransferRefusal,
};

impl From<NotAGrant> for Error {
    fn from(label: NotAGrant) -> Error {
        Error::UnknownGrant { id: label.text }
    }
}

/// `1 decimal place`, `2 decimal places`: how many places, in words, as
/// messages and summaries write them.
pub fn places(decimals: u32) -> String {
    if decimals == 1 {
        "1 decimal place".to_owned()
    } else {
        format!("{decimals} decimal places")
    }
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `From` for each area's refusals: boxed in its own variant.
macro_rules! refusals {
    ($($refusal:ident => $variant:ident),* $(,)?) => {
        $(impl From<$refusal> for Error {
            fn from(refusal: $refusal) -> Error {
                Error::$variant(Box::new(refusal))
            }
        })*
    };
}

refusals! {
    LedgerRefusal => LedgerRefused,
    BundleRefusal => BundleRefused,
    GrantRefusal => GrantRefused,
    MemberRefusal => MemberRefused,
    PoolRefusal => PoolRefused,
    TransferRefusal => TransferRefused,
    PledgeRefusal => PledgeRefused,
    KeyRefusal => KeyRefused,
    ContributionRefusal => ContributionRefused,
    ReconcileRefusal => ReconcileRefused,
    PurchaseRefusal => PurchaseRefused,
    HubRefusal => HubRefused,
    ExchangeRefusal => ExchangeRefused,
    SetupRefusal => SetupRefused,
}

/// The stable code of a problem in an input file, written before it
/// (`I204 line 3, column amount: …`) and documented in docs/journal-csv.md;
/// tests and scripts match on it, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemCode {
    /// The file is not readable CSV: empty, not UTF-8, a row with another
    /// number of fields than the header, a stray quote.
    I201,
    /// The header: a missing, unknown or repeated column, or one a map
    /// names that the file does not have.
    I202,
    /// A date.
    I203,
    /// An amount (or a fee): not a number, more places than its commodity
    /// has, out of range, or a transaction that does not balance.
    I204,
    /// An account: unknown, closed or malformed.
    I205,
    /// A commodity or currency.
    I206,
    /// A pool.
    I207,
    /// A transaction's rows: not consecutive, disagreeing with each other,
    /// or imported before with different content; or a transaction that
    /// cannot be built.
    I208,
    /// A void: what it reverses is missing, already voided, or a void.
    I209,
    /// A recorded hash: the transaction is already in these books, or its
    /// content no longer matches it.
    I210,
    /// A statement's direction: an indicator value the map does not know,
    /// a negative amount where the indicator says the direction, or both
    /// the money-in and money-out cells filled.
    I211,
    /// A statement row's rule: none matches under a strict import, or its
    /// action cannot be taken (money going the wrong way, a grant that is
    /// unknown, not approved, expired or would be overpaid).
    I212,
    /// The statement's running balance disagrees with the books.
    I213,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::I201 => "I201",
            ProblemCode::I202 => "I202",
            ProblemCode::I203 => "I203",
            ProblemCode::I204 => "I204",
            ProblemCode::I205 => "I205",
            ProblemCode::I206 => "I206",
            ProblemCode::I207 => "I207",
            ProblemCode::I208 => "I208",
            ProblemCode::I209 => "I209",
            ProblemCode::I210 => "I210",
            ProblemCode::I211 => "I211",
            ProblemCode::I212 => "I212",
            ProblemCode::I213 => "I213",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in an input file, located by line and column name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: ProblemCode,
    /// 1-based line in the file (0 when the problem concerns the whole file).
    pub line: u64,
    /// The column (CSV header name) the problem is in, if any.
    pub field: Option<String>,
    pub message: String,
    /// The typed error behind the message, when the binary has a hint for
    /// it.
    pub cause: Option<Cause>,
}

/// The typed errors an import's problem can come from that the binary adds
/// a hint to (the library's message names no command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    UnknownCommodity { code: String },
    UnknownMember { name: String },
    UnknownPool { name: String },
    UnknownAccount { name: String },
}

impl Cause {
    /// The cause of a problem that is `error`, if the binary has a hint
    /// for it.
    pub fn of(error: &Error) -> Option<Cause> {
        Some(match error {
            Error::UnknownCommodity { code } => Cause::UnknownCommodity { code: code.clone() },
            Error::UnknownMember { name } => Cause::UnknownMember { name: name.clone() },
            Error::UnknownPool { name } => Cause::UnknownPool { name: name.clone() },
            Error::UnknownAccount { name, detail } if detail.is_empty() => {
                Cause::UnknownAccount { name: name.clone() }
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code;
        match (&self.field, self.line) {
            (Some(field), 0) => write!(f, "{code} column {field}: {}", self.message),
            (Some(field), line) => {
                write!(f, "{code} line {line}, column {field}: {}", self.message)
            }
            (None, 0) => write!(f, "{code} {}", self.message),
            (None, line) => write!(f, "{code} line {line}: {}", self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no fondo database at {path}")]
    NoDatabase { path: PathBuf },

    /// A new fund's file is already there.
    #[error("{path} already exists")]
    AlreadyExists { path: PathBuf },

    #[error("{path} is not a fondo database ({reason})")]
    NotFondo { path: PathBuf, reason: String },

    /// No hub file where one was named.
    #[error("no hub file at {path}")]
    NoHub { path: PathBuf },

    /// A hub file whose rows are not what `hub add` writes.
    #[error(
        "the hub file is damaged ({detail}); restore it from a backup, or add the funds' bundles to a new hub"
    )]
    HubDamaged { detail: String },

    /// A file named as a hub that is not one (a fund's books, another
    /// program's SQLite file, anything else).
    #[error("{path} is not a fondo hub file ({reason})")]
    NotHub { path: PathBuf, reason: String },

    /// A fund the hub does not know (`known` false) or knows already.
    #[error("fund {fund_id} {}", if *.known { "is already registered with this hub" } else { "is not registered with this hub" })]
    HubFund { fund_id: String, known: bool },

    /// A member fund that left the hub, asked to publish or leave again.
    #[error("fund {fund_id} left this hub at {left_at}; what it published stays witnessed")]
    HubFundLeft { fund_id: String, left_at: String },

    /// A bundle the hub refuses as it stands: findings of the check, no
    /// signature, or a signature by a key the hub does not hold.
    #[error("bundle {dir}: {reason}")]
    HubBundle { dir: String, reason: String },

    /// A bundle already added (same manifest digest).
    #[error("bundle {dir} (manifest {manifest}) was already added to this hub at {added_at}")]
    HubBundleAdded {
        dir: String,
        manifest: String,
        added_at: String,
    },

    /// A bundle whose chain does not extend what the hub witnessed.
    #[error("{0}")]
    HubChain(Box<ChainBreak>),

    /// A row of a bundle that disagrees with the hub's copy from an earlier
    /// bundle: `sides` are the hub's version, the bundle's and the earlier
    /// bundle's manifest digest.
    #[error(
        "bundle {dir}: {what} disagrees with the hub's copy from bundle {}: the hub holds {}, the bundle has {}",
        sides[2], sides[0], sides[1]
    )]
    HubOverlap {
        dir: String,
        what: String,
        sides: Box<[String; 3]>,
    },

    /// A witness file that cannot be read (`line` 0: the file as a whole).
    #[error("witness file {file}, line {line}, column {column}: {reason}")]
    WitnessFile {
        file: String,
        line: u64,
        column: String,
        reason: String,
    },

    #[error(
        "{path} is not a fondo database (an empty file, perhaps left by an interrupted set-up of a new fund)"
    )]
    EmptyFile { path: PathBuf },

    /// An encrypted file (or one that only a passphrase could tell from
    /// random bytes), met by a build without encryption.
    #[error(
        "{path} is not a plain SQLite file: if it holds encrypted books, this fondo was built without encryption and cannot open them"
    )]
    Encrypted { path: PathBuf },

    /// Encrypted books asked of a build without encryption.
    #[error("cannot encrypt {path}: this fondo was built without encryption")]
    CannotEncrypt { path: PathBuf },

    /// The passphrase given does not unlock the file (SQLite would say
    /// "file is not a database"); a damaged encrypted file looks the same.
    #[error("the passphrase does not unlock {path} (or the file is damaged)")]
    WrongPassphrase { path: PathBuf },

    /// An encrypted file, and no passphrase to open it with.
    #[error("{path} is encrypted and no passphrase was given for it")]
    NoPassphrase { path: PathBuf },

    /// A passphrase that cannot be used; the reason never quotes it.
    #[error("that passphrase cannot be used: {reason}")]
    BadPassphrase { reason: String },

    /// A passphrase change asked of plain books.
    #[error("{path} is not encrypted, so it has no passphrase to change")]
    NotEncrypted { path: PathBuf },

    /// A restore between an encrypted and a plain file (SQLCipher copies
    /// only between two of a kind).
    #[error(
        "{backup} is {} and {books} is {}; a restore replaces books only with a backup of the same kind",
        if *backup_encrypted { "encrypted" } else { "not encrypted" },
        if *backup_encrypted { "not" } else { "encrypted" }
    )]
    MixedEncryption {
        backup: PathBuf,
        books: PathBuf,
        backup_encrypted: bool,
    },

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

    #[error("an amount with {decimals} decimal places; at most {max} are supported")]
    Places { decimals: u32, max: u32 },

    #[error("invalid date {input:?}: {reason}")]
    Date { input: String, reason: String },

    #[error("invalid account name {name:?}: {reason}")]
    AccountName { name: String, reason: String },

    #[error("{day} is in {period}, which was closed by record {record} at {at} ({reason})")]
    PeriodClosed {
        day: chrono::NaiveDate,
        period: String,
        record: RecordId,
        at: String,
        reason: String,
    },

    #[error("cannot {action} {period}: {reason}")]
    Period {
        action: &'static str,
        period: String,
        reason: String,
    },

    #[error("invalid commodity code {code:?}: {reason}")]
    CommodityCode { code: String, reason: String },

    #[error("commodity {code} cannot have {places}: {reason}")]
    CommodityDecimals {
        code: String,
        places: String,
        reason: String,
    },

    /// `detail` says more ("; did you mean …?"), or is empty when nothing
    /// like the name exists.
    #[error("unknown account {name:?}{detail}")]
    UnknownAccount { name: String, detail: String },

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

    #[error("unknown commodity {code:?}")]
    UnknownCommodity { code: String },

    #[error("invalid {kind} {name:?}: {reason}")]
    InvalidName {
        kind: &'static str,
        name: String,
        reason: String,
    },

    /// A new name reads like one already in the books (ignoring case, on
    /// the Unicode confusables skeleton).
    #[error(
        "{kind} {name:?} reads like the existing {existing:?} (same letters ignoring case, or characters that look alike); choose a name people cannot confuse with it"
    )]
    LookAlike {
        kind: &'static str,
        name: String,
        existing: String,
    },

    #[error("unknown member {name:?}")]
    UnknownMember { name: String },

    /// A contribution in kind was given an account of its own to go into.
    #[error(
        "support in kind is recorded on fondo's own accounts (goods in stock go to {stock}), not on one given for it"
    )]
    InKindAccount { stock: String },

    /// A member who left takes no new roles or terms.
    #[error("{name} has been inactive since {since}")]
    Inactive { name: String, since: NaiveDate },

    #[error(
        "unknown setting {key:?}; settings are {}, {}, {} and {}ROLE (treasurer, steward, member)",
        crate::domain::settings::CONTRIBUTION_ACCOUNT,
        crate::domain::settings::LANGUAGE,
        crate::domain::settings::STRICT_PRIVACY,
        crate::domain::settings::TERM_LIMIT_PREFIX
    )]
    UnknownSetting { key: String },

    /// A language fondo does not write pages in.
    #[error("unknown language {given:?}; fondo writes en, es, fr or pt")]
    UnknownLanguage { given: String },

    /// Free text that names a member hidden from the public, refused under
    /// strict privacy.
    #[error(
        "the {field} {text:?} names {name:?}, whom the public may not see; strict privacy refuses it"
    )]
    HiddenNameInText {
        field: &'static str,
        text: String,
        name: String,
    },

    /// A grant step its status does not allow; `rule` says which steps it
    /// allows.
    #[error("{grant} is {status}; {rule}")]
    GrantStatus {
        grant: String,
        status: &'static str,
        rule: &'static str,
    },

    #[error("a member named {name:?} already exists (names are unique, ignoring case)")]
    MemberExists { name: String },

    /// What the grant rules refuse (boxed: it is large, and errors are
    /// rare).
    #[error(transparent)]
    GrantRefused(Box<GrantRefusal>),

    /// What the rules on members, roles and settings refuse.
    #[error(transparent)]
    MemberRefused(Box<MemberRefusal>),

    /// What the rules on pools refuse.
    #[error(transparent)]
    PoolRefused(Box<PoolRefusal>),

    /// What the rules on transfers between funds refuse.
    #[error(transparent)]
    TransferRefused(Box<TransferRefusal>),

    /// What the rules on pledges refuse.
    #[error(transparent)]
    PledgeRefused(Box<PledgeRefusal>),

    /// What the rules on signing keys refuse.
    #[error(transparent)]
    KeyRefused(Box<KeyRefusal>),

    /// What the rules on contributions refuse.
    #[error(transparent)]
    ContributionRefused(Box<ContributionRefusal>),

    /// What the rules on reconciliations refuse.
    #[error(transparent)]
    ReconcileRefused(Box<ReconcileRefusal>),

    /// What the rules on pooled purchases refuse.
    #[error(transparent)]
    PurchaseRefused(Box<PurchaseRefusal>),

    /// What a hub's register of member funds refuses.
    #[error(transparent)]
    HubRefused(Box<HubRefusal>),

    /// What the rules on exchanges refuse.
    #[error(transparent)]
    ExchangeRefused(Box<ExchangeRefusal>),

    /// What setting up a fund refuses.
    #[error(transparent)]
    SetupRefused(Box<SetupRefusal>),

    /// What writing and reading audit bundles refuses.
    #[error(transparent)]
    BundleRefused(Box<BundleRefusal>),

    /// What the rules on posting and voiding refuse.
    #[error(transparent)]
    LedgerRefused(Box<LedgerRefusal>),

    /// Another connection held the database for the whole busy timeout.
    #[error(
        "the database stayed busy for {seconds} seconds while {context}; try again when the other fondo commands are done"
    )]
    Busy { seconds: u64, context: String },

    /// SQLite's online backup ended before it had copied everything.
    #[error("SQLite's backup stopped early while {context}")]
    BackupStopped { context: String },

    /// An OpenSSH key that cannot be used (`source`: its file, or `--key`).
    #[error("key {from}: {reason}")]
    Key { from: String, reason: String },

    /// An OpenSSH key of another algorithm than ed25519.
    #[error("key {from}: a {kind} key; fondo accepts only ssh-ed25519 keys")]
    KeyAlgorithm { from: String, kind: String },

    /// A key that is not one of the fund's keys in force, asked to sign
    /// what the fund publishes; `known` is what the fund's keys are, in
    /// words.
    #[error(
        "key {from}: {fingerprint} is not a key of the fund, so it cannot sign the fund's bundle ({known})"
    )]
    NotFundKey {
        from: String,
        fingerprint: String,
        known: String,
    },

    /// A signature that is not one, or does not check.
    #[error("signature {file}: {reason}")]
    Signature { file: String, reason: String },

    /// A ballot that is not in the ballot form, or not for this vote.
    #[error("ballot {file}{}: {reason}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Ballot {
        file: String,
        line: Option<usize>,
        reason: String,
    },

    #[error("map file {path}: {reason}")]
    Map { path: String, reason: String },

    #[error("unknown grant {id:?}")]
    UnknownGrant { id: String },

    #[error("unknown pool {name:?}")]
    UnknownPool { name: String },

    #[error("unknown purchase {name:?}")]
    UnknownPurchase { name: String },

    /// A record needs something the request left out: `what` needs
    /// `needs` (`of`: which one), and `so` says what for, if anything.
    #[error(
        "{what} needs {needs}{}{}",
        of.map(|o| format!(" {o}")).unwrap_or_default(),
        so.map(|s| format!(", {s}")).unwrap_or_default()
    )]
    Missing {
        what: &'static str,
        needs: Needed,
        of: Option<&'static str>,
        so: Option<&'static str>,
    },

    /// A step that cannot be taken yet: `problem` says why, `next` what
    /// would let it (the binary words it as a command).
    #[error("{problem}")]
    Blocked { problem: String, next: NextStep },

    #[error("purchase {purchase:?}: {reason}")]
    Purchase { purchase: String, reason: String },

    #[error("pool {name:?} already exists")]
    PoolExists { name: String },

    #[error(
        "pool {pool:?} would hold {held} {commodity} on {date} (only {available} {commodity} was available); pools never go below zero"
    )]
    PoolBelowZero {
        pool: String,
        commodity: String,
        date: String,
        held: String,
        available: String,
    },

    #[error(
        "on {date} the fund would have {assets} {commodity} while its restricted pools hold {restricted} {commodity}: that spends money set aside in pools"
    )]
    Unbacked {
        commodity: String,
        date: String,
        assets: String,
        restricted: String,
    },

    #[error("commodity {code:?} already exists (with {})", places(*.decimals))]
    CommodityExists { code: String, decimals: u32 },

    #[error("transaction does not balance: off by {off_by}")]
    Unbalanced { off_by: String },

    /// A transaction whose stored rows are not what fondo wrote.
    #[error("the database is damaged: transaction {id} {what}")]
    DamagedTransaction { id: TxnId, what: String },

    #[error("no transaction with id {id}")]
    UnknownTransaction { id: TxnId },

    #[error("transaction {id} was already voided by transaction {by}")]
    AlreadyVoided { id: TxnId, by: TxnId },

    #[error(
        "transaction {id} is itself a void (of transaction {original}); post a new transaction instead"
    )]
    VoidOfVoid { id: TxnId, original: TxnId },

    #[error("{path}: {}", format_problems(problems, *more, |_| None))]
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

    #[error(
        "the disk is full (while {context}); nothing was written: free some space, then run the command again"
    )]
    DiskFull { context: String },

    #[error(
        "the disk refused a write while {context} ({detail}): it may be full, over a file-size limit or failing; the command was rolled back"
    )]
    WriteFailed { context: String, detail: String },

    #[error(
        "{path} is on a read-only file system and its write-ahead log ({path}-wal) holds changes not yet in the file; copy both files to a writable place to read them"
    )]
    PendingWal { path: PathBuf },

    #[error("{path} already exists; {reason}")]
    Exists { path: PathBuf, reason: String },

    /// An amount that the Parquet dataset's exact DECIMAL(18, S) columns
    /// cannot hold.
    #[error(
        "{file}: {amount} in column {column} does not fit DECIMAL(18, {scale}) (18 digits, {scale} after the point, the most decimals of any commodity in the dataset); nothing was written"
    )]
    DecimalTooWide {
        file: String,
        column: String,
        amount: String,
        scale: u32,
    },

    #[error("writing the Parquet file {file}: {source}")]
    Parquet {
        file: String,
        #[source]
        source: parquet::errors::ParquetError,
    },

    /// A restore would replace books that are there.
    #[error("{path} already exists")]
    RestoreOver { path: PathBuf },

    /// A backup that does not verify is never restored.
    #[error(
        "{path} does not verify ({} finding{}: {}); nothing was restored",
        codes.len(),
        if codes.len() == 1 { "" } else { "s" },
        codes.join(", ")
    )]
    BackupFindings { path: PathBuf, codes: Vec<String> },

    /// A restore over a file that cannot be opened as a fund's books.
    #[error("{source}")]
    RestoreOverBroken {
        #[source]
        source: Box<Error>,
    },
}

/// A bundle's chain that does not extend what a hub witnessed
/// ([`Error::HubChain`]): the bundle's hash (`given`, which the chain
/// `starts` from or has) against the hub's head `held`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub dir: String,
    pub fund_id: String,
    pub chain: &'static str,
    pub starts: &'static str,
    pub given: String,
    pub held: String,
    pub position: i64,
    pub seen_at: String,
    pub bundle: String,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bundle {}: its {} chain {} {}, which does not extend what this hub witnessed for fund {}: head {} (position {}), seen at {} in bundle {}",
            self.dir,
            self.chain,
            self.starts,
            self.given,
            self.fund_id,
            self.held,
            self.position,
            self.seen_at,
            self.bundle
        )
    }
}

/// What a record needs that a request left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    Purpose,
    Reason,
    Category,
}

impl fmt::Display for Needed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Needed::Purpose => "a purpose",
            Needed::Reason => "a reason",
            Needed::Category => "a category",
        })
    }
}

/// What would unblock a step ([`Error::Blocked`]); the binary words it as
/// the command that does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Add items to the purchase.
    AddItems { purchase: String },
    /// Close the purchase.
    ClosePurchase { purchase: String },
    /// Record an exchange rate between two codes on a day.
    RecordRate { from: String, to: String },
    /// Record a hub's reference rate between two codes on a day.
    RecordHubRate { from: String, to: String },
    /// Record what arrived of an item of a purchase.
    RecordDelivery { purchase: String, item: String },
    /// Set the pool's decision policy.
    SetPolicy,
    /// Add a policy tier without a ceiling.
    OpenTier,
    /// Give a lazy-consensus rule its ceiling.
    LazyCeiling,
    /// Decide the grant.
    DecideGrant,
    /// Convert money with an exchange first.
    Exchange,
    /// Sweep expired commitments.
    Sweep,
    /// End the role term first.
    EndRole,
    /// Money given back to a grant is recorded by closing it with a return.
    ReturnOnClose { grant: String },
    /// Pay out money with an ordinary transaction.
    Post,
    /// Name the account the money went into, or set a default one.
    ContributionAccount,
    /// Record a transfer between funds with its own command.
    Transfer,
    /// Look up a fund's id.
    FundId,
}

/// The problems of an import as its error lists them, each followed by
/// `hint` of it if there is one (the binary's hints; the library has none).
pub fn format_problems(
    problems: &[Problem],
    more: usize,
    hint: impl Fn(&Problem) -> Option<String>,
) -> String {
    let mut text = match problems.len() {
        1 => "1 problem, nothing was written".to_owned(),
        n => format!("{} problems, nothing was written", n + more),
    };
    for problem in problems {
        text.push_str("\n  ");
        text.push_str(&problem.to_string());
        if let Some(hint) = hint(problem) {
            text.push_str("; ");
            text.push_str(&hint);
        }
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

    /// This error with a failed write of output ([`Error::Output`]) made
    /// into `writing`'s error, which names what was being written; any
    /// other error as it is.
    pub fn or_writing(self, writing: impl FnOnce(io::Error) -> Error) -> Error {
        match self {
            Error::Output(source) => writing(source),
            other => other,
        }
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
