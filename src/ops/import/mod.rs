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
//!
//! Three stages run side by side, handing batches on in file order over
//! bounded channels: `read` reads and groups the rows in one thread, and
//! checks the common transactions there (`quick`); the importer checks
//! every other transaction against the books and writes them all, in
//! the calling thread, which alone uses the connection; and `link` chains
//! and hashes the checked transactions in a third thread, between the two.
//! A transaction's id is given when it is checked, so that a void later in
//! the file can name an original that is still being hashed.

mod link;
mod read;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use csv::StringRecord;

use crate::domain::date::parse_date;
use crate::domain::hash::{Form, TxnSalts};
use crate::domain::ids::{AccountId, CommodityId, SourceId, TxnId};
use crate::domain::journal::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS};
use crate::domain::money::{Commodity, MAX_DECIMALS, parse_decimal, to_minor, written_places};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Problem, ProblemCode, Result, SqlContext};
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::import::link::{Chain, FileHash, Linked, Linking, Original};
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

/// A column of the journal, by its place in [`REQUIRED_COLUMNS`] followed
/// by [`OPTIONAL_COLUMNS`]; found by name when the program is compiled
/// ([`col!`]), so that reading a field compares no names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Col(usize);

/// Every column's name, in [`Col`] order.
const ALL_COLUMNS: [&str; REQUIRED_COLUMNS.len() + OPTIONAL_COLUMNS.len()] = {
    let mut all = [""; REQUIRED_COLUMNS.len() + OPTIONAL_COLUMNS.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = match i < REQUIRED_COLUMNS.len() {
            true => REQUIRED_COLUMNS[i],
            false => OPTIONAL_COLUMNS[i - REQUIRED_COLUMNS.len()],
        };
        i += 1;
    }
    all
};

impl Col {
    /// The column named `name`; a name that is no column's fails to compile.
    const fn named(name: &str) -> Col {
        let mut i = 0;
        while i < ALL_COLUMNS.len() {
            let (a, b) = (ALL_COLUMNS[i].as_bytes(), name.as_bytes());
            if a.len() == b.len() {
                let mut j = 0;
                while j < a.len() && a[j] == b[j] {
                    j += 1;
                }
                if j == a.len() {
                    return Col(i);
                }
            }
            i += 1;
        }
        panic!("not a column of the journal")
    }

    fn name(self) -> &'static str {
        ALL_COLUMNS[self.0]
    }
}

/// The journal's column `$name`, found when compiling.
macro_rules! col {
    ($name:literal) => {
        const { Col::named($name) }
    };
}

/// The rows of one transaction: (line, record).
type Group = Vec<(u64, StringRecord)>;

/// The columns every row of a transaction repeats (the full check reads
/// them in this order).
const SHARED_COLUMNS: [Col; 7] = [
    col!("date"),
    col!("description"),
    col!("payee"),
    col!("reference"),
    col!("reverses"),
    col!("prev_hash"),
    col!("hash"),
];

mod quick;

/// Where each column is in the file.
#[derive(Clone)]
struct Columns {
    index: [Option<usize>; ALL_COLUMNS.len()],
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
        let mut index = [None; ALL_COLUMNS.len()];
        for (i, slot) in index.iter_mut().enumerate().take(REQUIRED_COLUMNS.len()) {
            *slot = Some(i);
        }
        for (i, name) in names.iter().enumerate().skip(6) {
            let Some(slot) = OPTIONAL_COLUMNS.iter().position(|o| o == name) else {
                return Err(problem(format!(
                    "unknown column {name:?}; optional columns are {}",
                    OPTIONAL_COLUMNS.join(",")
                )));
            };
            if index[REQUIRED_COLUMNS.len() + slot].replace(i).is_some() {
                return Err(problem(format!("column {name:?} appears twice")));
            }
        }
        Ok(Columns { index })
    }

    fn get<'r>(&self, record: &'r StringRecord, column: Col) -> &'r str {
        self.index[column.0]
            .and_then(|i| record.get(i))
            .unwrap_or("")
    }

    fn has(&self, column: Col) -> bool {
        self.index[column.0].is_some()
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

/// What a file with its own hash chain (a `hash` column) says of the hash
/// of the transaction in `group`; None for a file without one.
fn file_hash_of(columns: &Columns, group: &Group) -> Option<Box<FileHash>> {
    if !columns.has(col!("hash")) {
        return None;
    }
    let get = |record, column| columns.get(record, column).to_owned();
    let (_, first) = &group[0];
    Some(Box::new(FileHash {
        prev: get(first, col!("prev_hash")),
        hash: get(first, col!("hash")),
        v2: columns.get(first, col!("form")) == Form::V2.as_str(),
        salts: TxnSalts {
            description: get(first, col!("description_salt")),
            payee: get(first, col!("payee_salt")),
            reference: get(first, col!("reference_salt")),
            postings: group
                .iter()
                .map(|(_, r)| {
                    [
                        get(r, col!("memo_salt")),
                        get(r, col!("account_salt")),
                        get(r, col!("pool_salt")),
                    ]
                })
                .collect(),
        },
    }))
}

/// The transaction a row's `reverses` column points at.
struct Reversed {
    id: TxnId,
    /// Its hash, unless it is earlier in this file and not written yet.
    hash: Option<String>,
    original: Arc<Transaction>,
    /// Already voided (by an earlier import of this same row, or another).
    voided: bool,
}

/// A transaction of this file that is checked but not yet written.
struct Unwritten {
    key: String,
    id: TxnId,
    txn: Arc<Transaction>,
    is_void: bool,
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

struct Importer<'c> {
    conn: &'c rusqlite::Connection,
    book: Book,
    writer: Writer<'c>,
    keys: imports::KeyWriter<'c>,
    columns: Columns,
    options: &'c ImportOptions,
    source_id: SourceId,
    /// Whether earlier imports used this source (then keys are looked up).
    source_used: bool,
    own_export_checked: bool,
    recorded_at: String,
    path: &'c Path,
    label: &'c str,
    /// Decimal places per commodity code in the file, read on first need.
    places: Option<HashMap<String, u32>>,
    first_new_id: TxnId,
    /// The id the next checked transaction gets, and the last one written.
    next_id: TxnId,
    written_through: TxnId,
    /// Checked transactions on their way to the chain, in file order.
    outgoing: Vec<Linking>,
    /// Those sent to the chain and not yet written, in file order (a few
    /// batches; looked through only for a void).
    unwritten: VecDeque<Unwritten>,
    /// The transactions voided by this import so far.
    voided: HashSet<TxnId>,
    /// Accounts and commodities added since the quick check last learnt.
    learnt: Vec<quick::Learnt>,
    problems: Problems,
    summary: ImportSummary,
}

/// How many batches may be in the chain's thread at once: one being
/// hashed while the importer writes the one before and checks the next.
const BATCHES_IN_FLIGHT: usize = 2;

/// Imports a journal CSV. `label` names the file in messages.
pub fn import_journal(
    db: &mut Db,
    path: &Path,
    label: &str,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let csv = CsvFile::open(path, label, b',', 0)?;
    let columns = columns(&csv, label)?;
    let tx = db.bulk_write()?;
    let source_id = imports::source_id(&tx, &options.source)?;
    imports::check_recorded(&tx, source_id, &options.source)?;
    let last_id = TxnId::new(txns::max_id(&tx)?);
    let mut importer = Importer {
        conn: &tx,
        book: Book::load(&tx)?,
        writer: Writer::new(&tx)?,
        keys: imports::KeyWriter::new(&tx)?,
        columns,
        options,
        source_id,
        source_used: imports::source_used(&tx, source_id)?,
        own_export_checked: false,
        recorded_at: tx.recorded_at(),
        path,
        label,
        places: None,
        first_new_id: TxnId::new(last_id.get() + 1),
        next_id: TxnId::new(last_id.get() + 1),
        written_through: last_id,
        outgoing: Vec::new(),
        unwritten: VecDeque::new(),
        voided: HashSet::new(),
        learnt: Vec::new(),
        problems: Problems::default(),
        summary: ImportSummary {
            source: options.source.clone(),
            dry_run: options.dry_run,
            ..ImportSummary::default()
        },
    };
    progress.start(total);
    let chain = Chain::new(
        crate::domain::hash::Sealer::new(importer.writer.key().clone()),
        importer.writer.head().to_owned(),
        importer.writer.v1_allowed(),
    );
    // The quick check needs no lookups in the database: not for a source
    // imported from before (nor for the first transaction of a file with its
    // own chain, which the full check compares with these books once).
    let quick = (!importer.source_used).then(|| quick::Quick {
        book: importer.book.clone(),
        columns: importer.columns.clone(),
        first_left: importer.columns.has(col!("hash")),
    });
    let unread = std::thread::scope(|scope| -> Result<Problems> {
        let (to_importer, batches) = sync_channel(BATCHES_IN_FLIGHT);
        let (hand_back, spent) = channel();
        let (teach, learnt) = channel();
        let spawned = |e| Error::Io {
            context: "starting a thread of the import".into(),
            source: e,
        };
        let reader = std::thread::Builder::new()
            .name("import-read".into())
            .spawn_scoped(scope, move || {
                read::read(csv, quick, to_importer, &spent, &learnt)
            })
            .map_err(spawned)?;
        let (to_chain, for_chain) = sync_channel::<link::Batch>(BATCHES_IN_FLIGHT);
        let (from_chain, linked) = sync_channel(BATCHES_IN_FLIGHT);
        std::thread::Builder::new()
            .name("import-hash".into())
            .spawn_scoped(scope, move || {
                let mut chain = chain;
                for batch in for_chain {
                    if from_chain.send(chain.link_batch(batch)).is_err() {
                        break;
                    }
                }
            })
            .map_err(spawned)?;
        let mut in_flight = 0;
        for batch in &batches {
            let mut rows = Vec::new();
            for item in batch.items {
                match item {
                    read::Item::Rows(group) => {
                        importer.transaction(&group)?;
                        rows.push(group);
                    }
                    read::Item::Checked(checked) => importer.checked(checked),
                }
            }
            // The reader may have stopped, with a reason of its own.
            for l in importer.learnt.drain(..) {
                let _ = teach.send(l);
            }
            let _ = hand_back.send(read::Spent::Rows(rows));
            importer.send(&to_chain, &mut in_flight);
            while in_flight >= BATCHES_IN_FLIGHT {
                importer.write(&linked, &mut in_flight, &hand_back)?;
            }
            progress.set(batch.position);
        }
        importer.send(&to_chain, &mut in_flight);
        while in_flight > 0 {
            importer.write(&linked, &mut in_flight, &hand_back)?;
        }
        // The reader frees what is handed back until it is told the end.
        drop(hand_back);
        reader.join().expect("the reading thread does not panic")
    })?;
    importer.problems.merge(unread);
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
    fn transaction(&mut self, group: &Group) -> Result<()> {
        let before = self.problems.count();
        let (first_line, first) = &group[0];
        let first_line = *first_line;
        let key = self.columns.get(first, col!("txn")).to_owned();
        let [date, description, payee, reference, reverses, _, file_hash] =
            SHARED_COLUMNS.map(|column| self.columns.get(first, column).to_owned());
        if key.trim().is_empty() {
            self.problems.push(
                ProblemCode::I208,
                first_line,
                Some("txn"),
                "the transaction id is empty",
            );
        }
        for (line, record) in &group[1..] {
            for column in SHARED_COLUMNS {
                if self.columns.get(record, column) != self.columns.get(first, column) {
                    self.problems.push(
                        ProblemCode::I208,
                        *line,
                        Some(column.name()),
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
        for (line, record) in group {
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
        if self.columns.has(col!("hash")) && !self.own_export_checked {
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
        let file = file_hash_of(&self.columns, group);
        self.queue(first_line, key, txn, ids, reverses, file);
        Ok(())
    }

    /// Queues a transaction the quick check took (see [`quick`]).
    fn checked(&mut self, checked: quick::Checked) {
        let quick::Checked {
            line,
            key,
            txn,
            ids,
            file,
        } = checked;
        self.queue(line, key, txn, ids, None, file);
    }

    /// Gives a checked transaction its id and queues it for the chain.
    fn queue(
        &mut self,
        line: u64,
        key: String,
        txn: Transaction,
        ids: Vec<PostingIds>,
        reverses: Option<Reversed>,
        file: Option<Box<FileHash>>,
    ) {
        let id = self.next_id;
        self.next_id = TxnId::new(id.get() + 1);
        let txn = Arc::new(txn);
        if let Some(r) = &reverses {
            self.voided.insert(r.id);
        }
        self.unwritten.push_back(Unwritten {
            key: key.clone(),
            id,
            txn: Arc::clone(&txn),
            is_void: reverses.is_some(),
        });
        self.outgoing.push(Linking {
            line,
            key,
            id,
            txn,
            ids,
            reverses: reverses.map(|r| Original {
                id: r.id,
                hash: r.hash,
            }),
            file,
        });
    }

    /// Hands the transactions checked since the last call to the chain.
    fn send(&mut self, to_chain: &SyncSender<link::Batch>, in_flight: &mut usize) {
        if self.outgoing.is_empty() {
            return;
        }
        let batch = link::Batch {
            items: std::mem::take(&mut self.outgoing),
            written_through: self.written_through,
        };
        to_chain
            .send(batch)
            .expect("the chain's thread runs while the importer sends");
        *in_flight += 1;
    }

    /// Writes the next batch of chained transactions, and hands them back
    /// to the reading thread to be freed.
    fn write(
        &mut self,
        linked: &Receiver<Vec<Linked>>,
        in_flight: &mut usize,
        hand_back: &Sender<read::Spent>,
    ) -> Result<()> {
        let batch = linked
            .recv()
            .expect("the chain's thread answers every batch");
        *in_flight -= 1;
        let mut written = Vec::with_capacity(batch.len());
        for linked in batch {
            written.push(self.write_one(linked)?);
        }
        // The reader may have stopped, with a reason of its own.
        let _ = hand_back.send(read::Spent::Written(written));
        Ok(())
    }

    fn write_one(&mut self, linked: Linked) -> Result<read::Written> {
        let Linked {
            item:
                Linking {
                    line,
                    key,
                    id,
                    txn,
                    ids,
                    reverses,
                    file,
                },
            hash,
            form,
            matches,
        } = linked;
        let reverses = reverses.map(|r| r.id);
        self.writer.insert_linked(
            id,
            &txn,
            &ids,
            reverses,
            &self.recorded_at,
            hash.as_str(),
            form,
        )?;
        self.written_through = id;
        if self.unwritten.front().is_some_and(|u| u.id == id) {
            self.unwritten.pop_front();
        }
        if !matches {
            // Recorded as a problem, so the whole import is rolled back.
            self.problems.push(
                ProblemCode::I210,
                line,
                Some("hash"),
                format!("transaction {key:?} does not match its recorded hash: the file was changed after it was exported, or a pool, account or commodity is spelled differently in these books"),
            );
            return Ok((txn, key, ids, file));
        }
        if !self.keys.insert(self.source_id, &key, id)? {
            self.repeated(line, &key);
        }
        self.summary.transactions += 1;
        self.summary.postings += txn.postings().len() as u64;
        Ok((txn, key, ids, file))
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
        let account = self.account(line, self.columns.get(record, col!("account")), date);
        let code = self.columns.get(record, col!("commodity"));
        let commodity = self.commodity(line, code);
        let number = self.columns.get(record, col!("amount"));
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
        let pool = match self.columns.get(record, col!("pool")) {
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
        let memo =
            Some(self.columns.get(record, col!("memo")).to_owned()).filter(|m| !m.is_empty());
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
                    self.learnt.push(quick::Learnt::Account(account.clone()));
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
                    self.learnt.push(quick::Learnt::Commodity(stored.clone()));
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
        if let Some(unwritten) = self.unwritten.iter().rev().find(|u| u.key == value) {
            if unwritten.is_void {
                self.problems.push(
                    ProblemCode::I209,
                    line,
                    Some("reverses"),
                    format!("transaction {value:?} is itself a void; it cannot be voided"),
                );
                return Ok(None);
            }
            return Ok(Some(Reversed {
                id: unwritten.id,
                hash: None,
                original: Arc::clone(&unwritten.txn),
                voided: self.voided.contains(&unwritten.id),
            }));
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
            hash: Some(original.hash),
            original: Arc::new(original.txn),
            voided: original.reversed_by.is_some() || self.voided.contains(&original.id),
        }))
    }
}
