//! `fondo journal import`: the journal CSV into the ledger, all or nothing.
//!
//! The file is streamed, so memory stays bounded by one transaction plus the
//! fund's accounts, and validated and written inside one SQLite transaction.
//! Only when it introduces a new unit (not a well-known currency) is it read
//! a second time, to learn how many decimal places that unit is written with.
//! Every problem is collected with its line and column (up to
//! [`MAX_PROBLEMS`](crate::ops::csvin::MAX_PROBLEMS)); if there is any, or on `--dry-run`, the transaction is
//! rolled back and the database is exactly as before.
//!
//! Each imported transaction is remembered under (source, `txn` value), so
//! importing the same file again adds nothing, and the same key with other
//! content is refused.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;

use crate::domain::date::parse_date;
use crate::domain::hash::{Form, TxnSalts, txn_hash_in, txn_hash_stated};
use crate::domain::ids::{AccountId, CommodityId, SourceId, TxnId};
use crate::domain::journal::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS};
use crate::domain::money::{Commodity, MAX_DECIMALS, parse_decimal, to_minor, written_places};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Problem, ProblemCode, Result, SqlContext};
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::ledger::check_open;
use crate::ops::{Book, NewCommodity};
use crate::progress::Progress;
use crate::store::txns::{self, PostingIds, Writer};
use crate::store::{Db, imports};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The label imported transactions are remembered under.
    pub source: String,
    /// Validate everything, write nothing.
    pub dry_run: bool,
    /// Refuse accounts and commodities that do not exist yet.
    pub strict: bool,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub source: String,
    pub dry_run: bool,
    pub transactions: u64,
    pub postings: u64,
    /// Transactions already imported from this source before.
    pub skipped: u64,
    pub accounts_created: Vec<String>,
    pub commodities_created: Vec<Commodity>,
}

/// Where each column is in the file.
struct Columns {
    optional: [Option<usize>; OPTIONAL_COLUMNS.len()],
}

impl Columns {
    fn from_header(names: &[&str]) -> std::result::Result<Columns, Problem> {
        let problem = |message: String| Problem {
            code: ProblemCode::I202,
            line: 1,
            field: None,
            message,
            cause: None,
        };
        if names.len() < REQUIRED_COLUMNS.len() || names[..6] != REQUIRED_COLUMNS {
            return Err(problem(format!(
                "the header must start with {} (found {})",
                REQUIRED_COLUMNS.join(","),
                names.join(",")
            )));
        }
        let mut optional = [None; OPTIONAL_COLUMNS.len()];
        for (i, name) in names.iter().enumerate().skip(6) {
            let Some(slot) = OPTIONAL_COLUMNS.iter().position(|o| o == name) else {
                return Err(problem(format!(
                    "unknown column {name:?}; optional columns are {}",
                    OPTIONAL_COLUMNS.join(",")
                )));
            };
            if optional[slot].replace(i).is_some() {
                return Err(problem(format!("column {name:?} appears twice")));
            }
        }
        Ok(Columns { optional })
    }

    fn get<'r>(&self, record: &'r StringRecord, name: &str) -> &'r str {
        let index = match REQUIRED_COLUMNS.iter().position(|c| *c == name) {
            Some(i) => Some(i),
            None => OPTIONAL_COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|slot| self.optional[slot]),
        };
        index.and_then(|i| record.get(i)).unwrap_or("")
    }

    fn has(&self, name: &str) -> bool {
        OPTIONAL_COLUMNS
            .iter()
            .position(|c| *c == name)
            .is_some_and(|slot| self.optional[slot].is_some())
    }
}

/// Checks the header row.
fn columns(csv: &CsvFile, label: &str) -> Result<Columns> {
    let names: Vec<&str> = csv.header.iter().map(String::as_str).collect();
    Columns::from_header(&names).map_err(|p| csv.header_problem(label, p.message))
}

/// The most decimal places each commodity is written with in the file.
fn scan_places(path: &Path, label: &str) -> Result<HashMap<String, u32>> {
    let mut csv = CsvFile::open(path, label, b',', 0)?;
    let mut places: HashMap<String, u32> = HashMap::new();
    let mut record = StringRecord::new();
    // Unreadable rows are reported, with their lines, by the main pass.
    let mut ignored = Problems::default();
    while csv.next(&mut record, &mut ignored)?.is_some() {
        if let (Some(amount), Some(code)) = (record.get(4), record.get(5))
            && let Ok(value) = parse_decimal(amount)
        {
            let entry = places.entry(code.to_owned()).or_insert(0);
            *entry = (*entry).max(written_places(value));
        }
    }
    Ok(places)
}

/// The transaction a row's `reverses` column points at.
struct Reversed {
    id: TxnId,
    hash: String,
    original: Transaction,
    /// Already voided (by an earlier import of this same row, or another).
    voided: bool,
}

/// Why `void` is not the reversal of `original`, if it is not: a void
/// carries the same postings with the signs flipped, dated no earlier.
fn not_a_mirror(original: &Transaction, void: &Transaction) -> Option<String> {
    if void.date() < original.date() {
        return Some(format!(
            "is dated {}, before the transaction it voids ({})",
            void.date(),
            original.date()
        ));
    }
    let mirrors = original.postings().len() == void.postings().len()
        && original
            .postings()
            .iter()
            .zip(void.postings())
            .all(|(o, v)| {
                o.account() == v.account()
                    && o.commodity() == v.commodity()
                    && o.pool() == v.pool()
                    && i128::from(o.amount()) == -i128::from(v.amount())
            });
    (!mirrors).then(|| {
        "its postings are not those of the original (same accounts, commodities and pools, in the same order) with the signs flipped"
            .to_owned()
    })
}

/// The rows of one transaction: (line, record).
type Group = Vec<(u64, StringRecord)>;

struct Importer<'c> {
    conn: &'c rusqlite::Connection,
    book: Book,
    writer: Writer<'c>,
    columns: Columns,
    options: &'c ImportOptions,
    source_id: SourceId,
    /// Whether earlier imports used this source (then keys are looked up).
    source_used: bool,
    own_export_checked: bool,
    /// The hash of the file's previous transaction, when its hash was checked.
    file_head: Option<String>,
    /// The file's hash of each checked transaction that got another hash
    /// here (v2 rows re-hashed with this fund's salt key), by its hash here:
    /// a later void in the file names its original by the file's hash.
    file_hashes: HashMap<String, String>,
    recorded_at: String,
    path: &'c Path,
    label: &'c str,
    /// Decimal places per commodity code in the file, read on first need.
    places: Option<HashMap<String, u32>>,
    first_new_id: TxnId,
    problems: Problems,
    summary: ImportSummary,
}

/// Imports a journal CSV. `label` names the file in messages.
pub fn import_journal(
    db: &mut Db,
    path: &Path,
    label: &str,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut csv = CsvFile::open(path, label, b',', 0)?;
    let columns = columns(&csv, label)?;
    let tx = db.bulk_write()?;
    let source_id = imports::source_id(&tx, &options.source)?;
    imports::check_recorded(&tx, source_id, &options.source)?;
    let mut importer = Importer {
        conn: &tx,
        book: Book::load(&tx)?,
        writer: Writer::new(&tx)?,
        columns,
        options,
        source_id,
        source_used: imports::source_used(&tx, source_id)?,
        own_export_checked: false,
        file_head: None,
        file_hashes: HashMap::new(),
        recorded_at: tx.recorded_at(),
        path,
        label,
        places: None,
        first_new_id: TxnId::new(txns::max_id(&tx)? + 1),
        problems: Problems::default(),
        summary: ImportSummary {
            source: options.source.clone(),
            dry_run: options.dry_run,
            ..ImportSummary::default()
        },
    };
    progress.start(total);
    let mut group: Group = Vec::new();
    let mut record = StringRecord::new();
    while let Some(line) = csv.next(&mut record, &mut importer.problems)? {
        crate::domain::cell::unguard_record(&mut record);
        let same = group
            .first()
            .is_some_and(|(_, first)| first.get(0) == record.get(0));
        if !same && !group.is_empty() {
            importer.transaction(std::mem::take(&mut group))?;
            progress.set(csv.position());
        }
        group.push((line, std::mem::take(&mut record)));
    }
    if !group.is_empty() {
        importer.transaction(group)?;
    }
    progress.finish();
    // The importer (its writer's statements) ends before the commit.
    let (touched, summary) = {
        let importer = importer;
        let Importer {
            writer,
            problems,
            summary,
            ..
        } = importer;
        problems.check(label)?;
        (writer.finish()?, summary)
    };
    crate::ops::pools::ensure_sound(&tx, &touched)?;
    if summary.transactions > 0 {
        imports::record(&tx, source_id, &tx.recorded_at())?;
    }
    if !options.dry_run {
        tx.commit().ctx("committing the import")?;
    }
    Ok(summary)
}

impl Importer<'_> {
    /// Validates one transaction's rows and, if they are sound, appends it.
    /// Problems are collected; only database failures end the import early.
    fn transaction(&mut self, group: Group) -> Result<()> {
        let before = self.problems.count();
        let (first_line, first) = &group[0];
        let first_line = *first_line;
        let [
            key,
            date,
            description,
            payee,
            reference,
            reverses,
            file_prev,
            file_hash,
        ] = [
            "txn",
            "date",
            "description",
            "payee",
            "reference",
            "reverses",
            "prev_hash",
            "hash",
        ]
        .map(|name| self.columns.get(first, name).to_owned());
        if key.trim().is_empty() {
            self.problems.push(
                ProblemCode::I208,
                first_line,
                Some("txn"),
                "the transaction id is empty",
            );
        }
        for (line, record) in &group[1..] {
            for field in [
                "date",
                "description",
                "payee",
                "reference",
                "reverses",
                "prev_hash",
                "hash",
            ] {
                if self.columns.get(record, field) != self.columns.get(first, field) {
                    self.problems.push(
                        ProblemCode::I208,
                        *line,
                        Some(field),
                        format!("differs from line {first_line}, which starts the same transaction {key:?}"),
                    );
                }
            }
        }
        let date = match parse_date(&date) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problems
                    .push(ProblemCode::I203, first_line, Some("date"), e.to_string());
                None
            }
        };
        let mut postings = Vec::with_capacity(group.len());
        for (line, record) in &group {
            if let Some(posting) = self.posting(*line, record, date) {
                postings.push(posting);
            }
        }
        let reverses = self.reverses(first_line, &reverses)?;
        if self.problems.count() > before {
            return Ok(());
        }
        let date = date.expect("no problems means the date parsed");
        let (postings, ids): (Vec<Posting>, Vec<PostingIds>) = postings.into_iter().unzip();
        let txn = match Transaction::new(date, description, Some(payee), Some(reference), postings)
        {
            Ok(txn) => txn,
            Err(e) => {
                let unbalanced = matches!(e, Error::Unbalanced { .. });
                let (code, field) = if unbalanced {
                    (ProblemCode::I204, Some("amount"))
                } else {
                    (ProblemCode::I208, None)
                };
                self.problems
                    .push(code, first_line, field, format!("transaction {key:?}: {e}"));
                return Ok(());
            }
        };
        // For a source never used before, a taken key can only be a repeat
        // within this file, which the insert below notices: no lookup needed.
        let earlier = match self.source_used {
            true => imports::find(self.conn, self.source_id, &key)?,
            false => None,
        };
        if let Some(seen) = earlier {
            if seen >= self.first_new_id {
                self.repeated(first_line, &key);
            } else if txns::get(self.conn, seen)?.is_some_and(|stored| {
                stored.txn == txn && stored.reverses == reverses.as_ref().map(|r| r.id)
            }) {
                self.summary.skipped += 1;
            } else {
                self.problems.push(
                    ProblemCode::I208,
                    first_line,
                    Some("txn"),
                    format!(
                        "transaction {key:?} was imported from source {:?} before with different content; a different file is imported under another source name",
                        self.options.source
                    ),
                );
            }
            return Ok(());
        }
        if let Some(r) = &reverses
            && let Some(reason) = not_a_mirror(&r.original, &txn)
        {
            self.problems.push(
                ProblemCode::I209,
                first_line,
                Some("reverses"),
                format!("transaction {key:?} is marked as a void but {reason}"),
            );
            return Ok(());
        }
        if reverses.as_ref().is_some_and(|r| r.voided) {
            self.problems.push(
                ProblemCode::I209,
                first_line,
                Some("reverses"),
                format!("transaction {key:?} voids a transaction that is already voided"),
            );
            return Ok(());
        }
        if self.columns.has("hash") && !self.own_export_checked {
            // Once per file: is it an export of this very ledger? (One scan,
            // since hashes are not indexed.)
            self.own_export_checked = true;
            if let Some(id) = txns::id_by_hash(self.conn, &file_hash)? {
                self.problems.push(
                    ProblemCode::I210,
                    first_line,
                    Some("hash"),
                    format!("transaction {key:?} is already in this ledger as transaction {id}: the file is an export of these same books, and importing it would count everything twice"),
                );
                return Ok(());
            }
        }
        // The file's chain is followed as long as it links: onto these
        // books' head, or onto the file's previous (checked) transaction.
        let check_hash = self.columns.has("hash")
            && (file_prev == self.writer.head() || self.file_head.as_deref() == Some(&file_prev));
        let reverses = reverses.as_ref().map(|r| (r.id, r.hash.as_str()));
        // An export made before v2 carries v1 hashes: new books keep that
        // form (and so the fingerprint) until their first v2 row.
        // A void's REVERSES_HASH in the file is the original's hash there.
        let original = reverses.map(|r| self.file_hashes.get(r.1).map_or(r.1, String::as_str));
        let in_form = |form| {
            txn_hash_in(form, &file_prev, &txn, original).is_some_and(|old| old == file_hash)
        };
        let v1 = check_hash && in_form(Form::Current);
        let (id, hash) = if v1 {
            self.writer
                .append_v1(&txn, &ids, reverses, &self.recorded_at)?
        } else {
            self.writer
                .append(&txn, &ids, reverses, &self.recorded_at)?
        };
        // Books from before pools were hashed in the pre-pool form; their
        // exports carry those hashes (the transaction is chained here in
        // the current form, so the rest of the file is not compared). So
        // is a v1 row after the books' first v2 row.
        let pre_pool = || in_form(Form::PrePool);
        // A v2 row is checked against the salts the file states: the
        // books that exported it had their own salt key.
        let stated = || {
            let get = |record, name| self.columns.get(record, name).to_owned();
            let salts = TxnSalts {
                description: get(first, "description_salt"),
                payee: get(first, "payee_salt"),
                reference: get(first, "reference_salt"),
                postings: group
                    .iter()
                    .map(|(_, r)| {
                        [
                            get(r, "memo_salt"),
                            get(r, "account_salt"),
                            get(r, "pool_salt"),
                        ]
                    })
                    .collect(),
            };
            self.columns.get(first, "form") == Form::V2.as_str()
                && txn_hash_stated(&file_prev, &txn, original, &salts) == file_hash
        };
        let matches = !check_hash || file_hash == hash || pre_pool() || v1 || stated();
        self.file_head = check_hash.then(|| file_hash.clone());
        if check_hash && file_hash != hash {
            self.file_hashes.insert(hash.clone(), file_hash.clone());
        }
        if !matches {
            // Recorded as a problem, so the whole import is rolled back.
            self.problems.push(
                ProblemCode::I210,
                first_line,
                Some("hash"),
                format!("transaction {key:?} does not match its recorded hash: the file was changed after it was exported, or a pool, account or commodity is spelled differently in these books"),
            );
            return Ok(());
        }
        if !imports::insert(self.conn, self.source_id, &key, id)? {
            self.repeated(first_line, &key);
        }
        self.summary.transactions += 1;
        self.summary.postings += txn.postings().len() as u64;
        Ok(())
    }

    /// The most decimal places `code` is written with anywhere in the file.
    /// Only imports that introduce a new unit pay for this second pass.
    fn places(&mut self, code: &str) -> Result<u32> {
        if self.places.is_none() {
            self.places = Some(scan_places(self.path, self.label)?);
        }
        Ok(self
            .places
            .as_ref()
            .and_then(|p| p.get(code))
            .copied()
            .unwrap_or(0))
    }

    fn repeated(&mut self, line: u64, key: &str) {
        self.problems.push(
            ProblemCode::I208,
            line,
            Some("txn"),
            format!(
                "transaction {key:?} appears twice; the rows of one transaction must be consecutive"
            ),
        );
    }

    /// One posting row; `None` after recording its problems.
    fn posting(
        &mut self,
        line: u64,
        record: &StringRecord,
        date: Option<chrono::NaiveDate>,
    ) -> Option<(Posting, PostingIds)> {
        let before = self.problems.count();
        let account = self.account(line, self.columns.get(record, "account"), date);
        let code = self.columns.get(record, "commodity");
        let commodity = self.commodity(line, code);
        let number = self.columns.get(record, "amount");
        let amount = match (&commodity, parse_decimal(number)) {
            (_, Err(e)) => {
                self.problems
                    .push(ProblemCode::I204, line, Some("amount"), e.to_string());
                None
            }
            (Some((c, _)), Ok(value)) => match to_minor(value, c, number) {
                Ok(minor) => Some(minor),
                Err(e) => {
                    self.problems
                        .push(ProblemCode::I204, line, Some("amount"), e.to_string());
                    None
                }
            },
            (None, Ok(_)) => None,
        };
        if self.problems.count() > before {
            return None;
        }
        let pool = match self.columns.get(record, "pool") {
            "" => Ok((None, None)),
            name => self
                .book
                .pool(name)
                .map(|(stored, id)| (id.map(|_| stored), id)),
        };
        let (pool, pool_id) = match pool {
            Ok(pool) => pool,
            Err(e) => {
                self.problems
                    .push_error(ProblemCode::I207, line, Some("pool"), &e);
                return None;
            }
        };
        let ((name, account_id), (commodity, commodity_id), amount) =
            (account?, commodity?, amount?);
        let memo = Some(self.columns.get(record, "memo").to_owned()).filter(|m| !m.is_empty());
        Some((
            Posting::stored(name, commodity, amount, memo, pool),
            PostingIds {
                account: account_id,
                commodity: commodity_id,
                pool: pool_id,
            },
        ))
    }

    fn account(
        &mut self,
        line: u64,
        name: &str,
        date: Option<chrono::NaiveDate>,
    ) -> Option<(String, AccountId)> {
        if let Err(e) = crate::domain::transfer::refuse_reserved(name) {
            self.problems
                .push_error(ProblemCode::I205, line, Some("account"), &e);
            return None;
        }
        let found = if self.options.strict {
            self.book.account(name).map(|a| (a, false))
        } else {
            self.book
                .account_or_create(self.conn, name, &self.recorded_at)
        };
        match found {
            Ok((account, created)) => {
                if let Some(date) = date
                    && let Err(e) = check_open(account, date)
                {
                    self.problems
                        .push(ProblemCode::I205, line, Some("account"), e.to_string());
                    return None;
                }
                let found = (account.name.clone(), account.id);
                if created {
                    self.summary.accounts_created.push(found.0.clone());
                }
                Some(found)
            }
            Err(e) => {
                match e {
                    Error::UnknownAccount { name, .. } if self.options.strict => {
                        self.problems.push(
                            ProblemCode::I205,
                            line,
                            Some("account"),
                            format!(
                                "unknown account {name:?} (a strict import refuses new accounts)"
                            ),
                        );
                    }
                    e => self
                        .problems
                        .push_error(ProblemCode::I205, line, Some("account"), &e),
                }
                None
            }
        }
    }

    fn commodity(&mut self, line: u64, code: &str) -> Option<(Commodity, CommodityId)> {
        let new = if self.options.strict {
            NewCommodity::Refuse
        } else {
            NewCommodity::Known
        };
        let found = match self.book.commodity(self.conn, code, new) {
            Err(Error::UnknownCommodity { .. }) if !self.options.strict => {
                let decimals = match self.places(code) {
                    Ok(decimals) => decimals,
                    Err(e) => {
                        self.problems.push(
                            ProblemCode::I206,
                            line,
                            Some("commodity"),
                            e.to_string(),
                        );
                        return None;
                    }
                };
                if decimals > MAX_DECIMALS {
                    self.problems.push(
                        ProblemCode::I206,
                        line,
                        Some("commodity"),
                        format!(
                            "{code} is written with {}; at most {MAX_DECIMALS} are supported",
                            crate::error::places(decimals)
                        ),
                    );
                    return None;
                }
                Commodity::new(code, decimals).and_then(|commodity| {
                    self.book
                        .add_commodity(self.conn, commodity, None)
                        .map(|stored| (stored, true))
                })
            }
            other => other,
        };
        match found {
            Ok((stored, created)) => {
                if created {
                    self.summary
                        .commodities_created
                        .push(stored.commodity.clone());
                }
                Some((stored.commodity.clone(), stored.id))
            }
            Err(e) => {
                let message = match e {
                    Error::UnknownCommodity { code } if self.options.strict => {
                        format!(
                            "unknown commodity {code:?} (a strict import refuses new commodities)"
                        )
                    }
                    e => e.to_string(),
                };
                self.problems
                    .push(ProblemCode::I206, line, Some("commodity"), message);
                None
            }
        }
    }

    /// Resolves the `reverses` column: the `txn` value, in this file or an
    /// earlier import from the same source, of the transaction voided.
    fn reverses(&mut self, line: u64, value: &str) -> Result<Option<Reversed>> {
        if value.is_empty() {
            return Ok(None);
        }
        let Some(seen) = imports::find(self.conn, self.source_id, value)? else {
            self.problems.push(
                ProblemCode::I209,
                line,
                Some("reverses"),
                format!("reverses transaction {value:?}, which is neither earlier in this file nor imported before from source {:?}", self.options.source),
            );
            return Ok(None);
        };
        let Some(original) = txns::get(self.conn, seen)? else {
            return Err(Error::UnknownTransaction { id: seen });
        };
        if original.reverses.is_some() {
            self.problems.push(
                ProblemCode::I209,
                line,
                Some("reverses"),
                format!("transaction {value:?} is itself a void; it cannot be voided"),
            );
            return Ok(None);
        }
        Ok(Some(Reversed {
            id: original.id,
            hash: original.hash,
            original: original.txn,
            voided: original.reversed_by.is_some(),
        }))
    }
}
