//! `fondo import statement` and `fondo import contributions`: a bank or
//! payment-platform CSV export, read through a map file, becomes the books'
//! copy of the statement.
//!
//! Every row becomes one balanced transaction or is skipped by a rule that
//! says why; nothing is dropped silently. The statement's account takes the
//! row's movement (the gross amount less its fees); the other side is what
//! the first matching rule says: `income:contributions` in a pool (and a
//! contribution record naming the member, if any), a tranche of a grant
//! named in the row, an expenses account in a pool, another of the fund's
//! own accounts, the fee account, another of the fund's assets accounts in
//! another currency through conversion legs (an exchange, recorded with its
//! rate as `fondo exchange` records it), or, when no rule matched, the suspense
//! account, listed as to-do (refused instead when strict). A row that is a
//! tranche already recorded with `grant pay` (same grant and amount, a date
//! within the map's window) is linked to it instead of posting it twice.
//! `import contributions` is the same engine restricted to incoming rows:
//! outgoing rows are counted and left out, and rows no rule matched are
//! contributions without a contributor. Payer names never enter the journal.
//!
//! The same guarantees as the journal import: one SQLite transaction, every
//! problem reported with its line and column, dry runs, and idempotence per
//! source: each row is remembered by a hash of its content (and its
//! occurrence among identical rows), so re-importing a statement adds
//! nothing and an overlapping later statement adds only the new rows. When
//! the map names a balance column, the books' balance of the account must
//! equal the bank's at the end of every date it gives, or nothing is written.

mod balances;
mod columns;
mod post;
mod row;
mod targets;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDateTime;
use csv::StringRecord;

use crate::domain::bankmap::{BankMap, CompiledRules, Matching};
use crate::domain::ids::{GrantId, MemberId, SourceId, TxnId};
use crate::domain::records::{PaymentRecord, RecordKind};
use crate::error::{Result, SqlContext};
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::{Book, pools};
use crate::progress::Progress;
use crate::store::txns::Writer;
use crate::store::{Db, WriteTx, imports, members, records};
use balances::{Stated, check_balances};
use columns::{Positions, positions};
use post::GrantState;
use targets::{Targets, map_error};

/// Which rows an import takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every row, in and out (`import statement`).
    Statement,
    /// Incoming rows only, unmatched ones as anonymous contributions
    /// (`import contributions`).
    Contributions,
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct StatementRequest<'a> {
    pub path: &'a Path,
    /// How the file is named in messages.
    pub label: &'a str,
    pub map_path: &'a Path,
    pub source: Option<&'a str>,
    pub mode: Mode,
    pub dry_run: bool,
    /// Refuse rows that no rule matches instead of posting them to suspense.
    pub strict: bool,
    /// Keep every row's outcome in [`BankSummary::rows`].
    pub show: bool,
}

/// One row's outcome, for `--show`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RowOutcome {
    pub line: u64,
    pub date: String,
    pub amount: String,
    pub commodity: String,
    /// The rule that matched (1-based), if any.
    pub rule: Option<usize>,
    /// contribution, grant, expense, transfer, fee, suspense, skip, linked,
    /// already imported.
    pub outcome: String,
    /// The accounts the transaction posts to, or why the row was skipped.
    pub detail: String,
    pub pool: Option<String>,
}

/// What a bank import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct BankSummary {
    pub source: String,
    pub dry_run: bool,
    /// Transactions posted.
    pub imported: u64,
    /// Posted transactions per action (contribution, expense, …).
    pub by_action: BTreeMap<String, u64>,
    /// Rows imported from this source before.
    pub already: u64,
    /// Outgoing rows left out by `import contributions`.
    pub outgoing: u64,
    /// Rows skipped by a rule, per reason.
    pub skipped: BTreeMap<String, u64>,
    /// Rows a rule said to skip.
    pub ignored: u64,
    /// Contributions no rule matched to a member.
    pub unmatched: u64,
    /// Rows posted to suspense: (line, date, amount, commodity, text).
    pub suspense: Vec<(u64, String, String, String, String)>,
    /// Rows linked to tranches already recorded with `grant pay`.
    pub linked: u64,
    /// Dates whose statement balance the books were checked against.
    pub balances_checked: u64,
    pub accounts_created: Vec<String>,
    pub rows: Vec<RowOutcome>,
}

/// Imports contributions from a bank CSV through a map file: the
/// statement engine restricted to incoming rows.
pub fn import_contributions(
    db: &mut Db,
    path: &Path,
    label: &str,
    map_path: &Path,
    source: Option<&str>,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let request = StatementRequest {
        path,
        label,
        map_path,
        source,
        mode: Mode::Contributions,
        dry_run,
        strict: false,
        show: false,
    };
    import_statement(db, &request, progress)
}

/// Imports a whole statement through a map file.
pub fn import_statement(
    db: &mut Db,
    request: &StatementRequest<'_>,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let (map, compiled) = BankMap::load_compiled(request.map_path)?;
    import_compiled(db, request, &map, &compiled, progress)
}

/// [`import_statement`] with a map already read (from a map file or from
/// hledger rules).
pub fn import_with_map(
    db: &mut Db,
    request: &StatementRequest<'_>,
    map: &BankMap,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let compiled = map
        .compile()
        .map_err(|reason| map_error(request.map_path, reason))?;
    import_compiled(db, request, map, &compiled, progress)
}

/// One import under way: what the map resolved to, and what the rows read
/// so far add up to. Rows are read ([`Import::read`], in `row`) and posted
/// ([`Import::post`], in `post`) one at a time; what is written once for
/// all of them waits for [`Import::finish`].
struct Import<'a, 't> {
    tx: &'a WriteTx<'t>,
    request: &'a StatementRequest<'a>,
    map: &'a BankMap,
    compiled: &'a CompiledRules,
    at: &'a Positions,
    targets: Targets,
    book: Book,
    writer: Writer<'a>,
    problems: Problems,
    summary: BankSummary,
    scratch: Matching,
    source_id: SourceId,
    /// Whether the source was imported from before (else no row can be
    /// found again).
    source_used: bool,
    recorded_at: String,
    /// How many identical rows came before, by content ([`columns::row_key`]).
    seen: HashMap<[u8; 32], u32>,
    /// Each row's import key and its transaction, written at the end,
    /// sorted: rows' hashes come in no order, and a sorted run fills the
    /// key index page by page.
    keys: Vec<(String, TxnId)>,
    contributions: Vec<(TxnId, Option<MemberId>)>,
    payments: Vec<(GrantId, NaiveDateTime, PaymentRecord)>,
    grants: HashMap<GrantId, GrantState>,
    stated: Vec<Stated>,
}

fn import_compiled(
    db: &mut Db,
    request: &StatementRequest<'_>,
    map: &BankMap,
    compiled: &CompiledRules,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let label = request.label;
    let source = request
        .source
        .map(str::to_owned)
        .or_else(|| map.defaults.source.clone())
        .unwrap_or_else(|| {
            request
                .map_path
                .file_stem()
                .map_or_else(|| "bank".to_owned(), |s| s.to_string_lossy().into_owned())
        });
    let delimiter =
        u8::try_from(map.file.delimiter).expect("the map checked the delimiter is ASCII");
    let mut csv = CsvFile::open_statement(
        request.path,
        label,
        delimiter,
        map.file.encoding,
        map.file.skip_lines,
        map.file.header,
    )?;
    let at = positions(map, compiled, &csv, label)?;
    let tx = db.bulk_write()?;
    let mut book = Book::load(&tx)?;
    // Everything the map names must exist before any row is read.
    let mut summary = BankSummary {
        source: source.clone(),
        dry_run: request.dry_run,
        ..BankSummary::default()
    };
    let targets = Targets::resolve(
        &tx,
        &mut book,
        map,
        request.map_path,
        !at.fees.is_empty(),
        &mut summary.accounts_created,
    )?;
    let source_id = imports::source_id(&tx, &source)?;
    imports::check_recorded(&tx, source_id, &source)?;
    let mut import = Import {
        tx: &tx,
        request,
        map,
        compiled,
        at: &at,
        targets,
        book,
        writer: Writer::new(&tx)?,
        problems: Problems::default(),
        summary,
        scratch: Matching::default(),
        source_id,
        source_used: imports::source_used(&tx, source_id)?,
        recorded_at: tx.recorded_at(),
        seen: HashMap::new(),
        keys: Vec::new(),
        contributions: Vec::new(),
        payments: Vec::new(),
        grants: HashMap::new(),
        stated: Vec::new(),
    };
    progress.start(
        std::fs::metadata(request.path)
            .map(|m| m.len())
            .unwrap_or(0),
    );
    let mut record = StringRecord::new();
    while let Some(line) = csv.next(&mut record, &mut import.problems)? {
        progress.set(csv.position());
        if let Some(row) = import.read(line, &record)? {
            import.post(row, &record)?;
        }
    }
    progress.finish();
    let summary = import.finish()?;
    if !request.dry_run {
        tx.commit().ctx("committing the import")?;
    }
    Ok(summary)
}

impl Import<'_, '_> {
    /// Refuses the import if any row had a problem; else writes what waits
    /// for the end (the journal's caches, the import keys, the tranches'
    /// payment records, the contributions), checks the pools and the
    /// statement's balances, and gives the summary.
    fn finish(self) -> Result<BankSummary> {
        let Import {
            tx,
            request,
            map,
            targets,
            writer,
            problems,
            mut summary,
            source_id,
            recorded_at,
            mut keys,
            contributions,
            payments,
            stated,
            ..
        } = self;
        problems.check(request.label)?;
        let touched = writer.finish()?;
        keys.sort_unstable();
        for (key, id) in &keys {
            imports::insert(tx, source_id, key, *id)?;
        }
        if !keys.is_empty() {
            imports::record(tx, source_id, &recorded_at)?;
        }
        for (grant, at, payment) in &payments {
            records::append(
                tx,
                RecordKind::Payment.as_str(),
                Some(*grant),
                &at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                &serde_json::to_value(payment).expect("a payment record serializes"),
                &recorded_at,
            )?;
        }
        pools::ensure_sound(tx, &touched)?;
        members::insert_contributions(tx, &contributions, &recorded_at)?;
        summary.balances_checked =
            check_balances(tx, request.label, map, targets.into.id, &stated)?;
        Ok(summary)
    }
}
