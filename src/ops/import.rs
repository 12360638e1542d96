//! `fondo journal import`: the journal CSV into the ledger, all or nothing.
//!
//! The file is streamed, so memory stays bounded by one transaction plus the
//! fund's accounts, and validated and written inside one SQLite transaction.
//! Only when it introduces a new unit (not a well-known currency) is it read
//! a second time, to learn how many decimal places that unit is written with.
//! Every problem is collected with its line and column (up to
//! [`MAX_PROBLEMS`]); if there is any, or on `--dry-run`, the transaction is
//! rolled back and the database is exactly as before.
//!
//! Each imported transaction is remembered under (source, `txn` value), so
//! importing the same file again adds nothing, and the same key with other
//! content is refused.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use csv::{ReaderBuilder, StringRecord};

use crate::domain::date::parse_date;
use crate::domain::money::{Commodity, MAX_DECIMALS, parse_decimal, to_minor, written_places};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Problem, Result, SqlContext};
use crate::ops::ledger::check_open;
use crate::ops::{Book, NewCommodity, Progress, now};
use crate::store::txns::{self, PostingIds, Writer};
use crate::store::{Db, imports};

/// The columns every journal CSV starts with, in this order.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "txn",
    "date",
    "description",
    "account",
    "amount",
    "commodity",
];
/// Optional columns, in the order `journal export` writes them.
pub const OPTIONAL_COLUMNS: [&str; 7] = [
    "payee",
    "reference",
    "memo",
    "pool",
    "reverses",
    "prev_hash",
    "hash",
];
/// How many problems an import reports before only counting the rest.
pub const MAX_PROBLEMS: usize = 100;

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
    names: Vec<String>,
    optional: [Option<usize>; OPTIONAL_COLUMNS.len()],
}

impl Columns {
    fn from_header(header: &StringRecord) -> std::result::Result<Columns, Problem> {
        let problem = |message: String| Problem {
            line: 1,
            field: None,
            message,
        };
        let names: Vec<&str> = header.iter().collect();
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
        Ok(Columns {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            optional,
        })
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

/// Collects problems, keeping the first [`MAX_PROBLEMS`].
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, line: u64, field: Option<&str>, message: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                line,
                field: field.map(str::to_owned),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    fn count(&self) -> usize {
        self.list.len() + self.more
    }
}

/// A reader that keeps a copy of what it hands out, so that the raw text of
/// each CSV record can be checked (see [`stray_quote`]). The importer drains
/// the copy after every record, so it holds at most one buffer's worth.
struct Tee<R> {
    inner: R,
    seen: Rc<RefCell<Vec<u8>>>,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.borrow_mut().extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Finds a quote that the CSV reader would silently accept but that almost
/// certainly means a broken file: a quote inside an unquoted field, or text
/// after the closing quote of a quoted field (`"Rent "relief""`). Returns the
/// 0-based index of the field it is in.
fn stray_quote(raw: &[u8]) -> Option<usize> {
    let end_of_field = |b: Option<&u8>| matches!(b, None | Some(b',' | b'\r' | b'\n'));
    let mut field = 0;
    let mut i = 0;
    loop {
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match raw.get(i) {
                    // Unterminated: the CSV reader reports it as a short row.
                    None => return None,
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            if !end_of_field(raw.get(i)) {
                return Some(field);
            }
        } else {
            while !end_of_field(raw.get(i)) {
                if raw[i] == b'"' {
                    return Some(field);
                }
                i += 1;
            }
        }
        if raw.get(i) != Some(&b',') {
            return None;
        }
        field += 1;
        i += 1;
    }
}

/// Follows the raw bytes the CSV reader consumed, record by record: finds
/// the line each record really starts on (the csv crate's own count drifts on
/// CRLF files and blank lines) and checks it for stray quotes.
struct RawRecords {
    seen: Rc<RefCell<Vec<u8>>>,
    /// File offset of `seen[0]`.
    offset: u64,
    /// Line breaks consumed so far.
    newlines: u64,
}

impl RawRecords {
    /// Takes the bytes up to file offset `end` (where the reader stands after
    /// a record): the record's first line, and the field with a stray quote.
    fn take(&mut self, end: u64) -> (u64, Option<usize>) {
        let mut seen = self.seen.borrow_mut();
        let upto = usize::try_from(end.saturating_sub(self.offset))
            .unwrap_or(usize::MAX)
            .min(seen.len());
        let raw = &seen[..upto];
        let start = raw
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(raw.len());
        let count = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let leading = count(&raw[..start]);
        let line = self.newlines + leading + 1;
        let stray = stray_quote(&raw[start..]);
        self.newlines += leading + count(&raw[start..]);
        seen.drain(..upto);
        self.offset = end;
        (line, stray)
    }
}

fn open_csv(
    path: &Path,
    label: &str,
    tee: Option<Rc<RefCell<Vec<u8>>>>,
) -> Result<csv::Reader<Box<dyn Read>>> {
    let file = File::open(path).map_err(|source| Error::Io {
        context: format!("opening {label}"),
        source,
    })?;
    let buffered = BufReader::with_capacity(1 << 16, file);
    let reader: Box<dyn Read> = match tee {
        Some(seen) => Box::new(Tee {
            inner: buffered,
            seen,
        }),
        None => Box::new(buffered),
    };
    Ok(ReaderBuilder::new().has_headers(false).from_reader(reader))
}

/// Reads the header row (a UTF-8 byte-order mark before it is ignored).
fn read_header(reader: &mut csv::Reader<Box<dyn Read>>, label: &str) -> Result<Columns> {
    let fail = |message: String| Error::Import {
        path: label.to_owned(),
        problems: vec![Problem {
            line: 1,
            field: None,
            message,
        }],
        more: 0,
    };
    let mut header = StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            return Err(fail(
                "the file is empty; expected a journal CSV header".into(),
            ));
        }
        Err(e) => return Err(fail(format!("unreadable header: {e}"))),
    }
    if let Some(first) = header.get(0).and_then(|f| f.strip_prefix('\u{feff}')) {
        let mut fixed = StringRecord::new();
        fixed.push_field(first);
        header.iter().skip(1).for_each(|f| fixed.push_field(f));
        header = fixed;
    }
    Columns::from_header(&header).map_err(|p| fail(p.message))
}

/// The most decimal places each commodity is written with in the file.
fn scan_places(path: &Path, label: &str) -> Result<HashMap<String, u32>> {
    let mut reader = open_csv(path, label, None)?;
    read_header(&mut reader, label)?;
    let mut places: HashMap<String, u32> = HashMap::new();
    let mut record = StringRecord::new();
    // Unreadable rows are reported, with their lines, by the second pass.
    while reader.read_record(&mut record).unwrap_or(false) {
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
    id: i64,
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
                o.account == v.account
                    && o.commodity == v.commodity
                    && i128::from(o.amount) == -i128::from(v.amount)
            });
    (!mirrors).then(|| {
        "its postings are not those of the original with the signs flipped, in the same order"
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
    source_id: i64,
    /// Whether earlier imports used this source (then keys are looked up).
    source_used: bool,
    own_export_checked: bool,
    recorded_at: String,
    path: &'c Path,
    label: &'c str,
    /// Decimal places per commodity code in the file, read on first need.
    places: Option<HashMap<String, u32>>,
    first_new_id: i64,
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
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut reader = open_csv(path, label, Some(Rc::clone(&seen)))?;
    let columns = read_header(&mut reader, label)?;
    let mut raw = RawRecords {
        seen,
        offset: 0,
        newlines: 0,
    };
    raw.take(reader.position().byte());
    let tx = db.write()?;
    let source_id = imports::source_id(&tx, &options.source)?;
    let mut importer = Importer {
        conn: &tx,
        book: Book::load(&tx)?,
        writer: Writer::new(&tx)?,
        columns,
        options,
        source_id,
        source_used: imports::source_used(&tx, source_id)?,
        own_export_checked: false,
        recorded_at: now(),
        path,
        label,
        places: None,
        first_new_id: txns::max_id(&tx)? + 1,
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
    loop {
        let read = reader.read_record(&mut record);
        let (line, stray) = raw.take(reader.position().byte());
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("expected {expected_len} fields like the header, found {len}")
                    }
                    csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_owned(),
                    _ => e.to_string(),
                };
                importer.problems.push(line, None, message);
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        if let Some(field) = stray {
            importer.problems.push(
                line,
                importer.columns.names.get(field).map(String::as_str),
                "stray quote: a field containing quotes must be quoted as a whole, with inner quotes doubled (\"Rent \"\"relief\"\"\")",
            );
        }
        let same = group
            .first()
            .is_some_and(|(_, first)| first.get(0) == record.get(0));
        if !same && !group.is_empty() {
            importer.transaction(std::mem::take(&mut group))?;
            progress.set(reader.position().byte());
        }
        group.push((line, std::mem::take(&mut record)));
    }
    if !group.is_empty() {
        importer.transaction(group)?;
    }
    progress.finish();
    let Importer {
        writer,
        problems,
        summary,
        ..
    } = importer;
    if problems.count() > 0 {
        let mut list = problems.list;
        list.sort_by_key(|p| p.line);
        return Err(Error::Import {
            path: label.to_owned(),
            problems: list,
            more: problems.more,
        });
    }
    crate::ops::pools::ensure_not_negative(&tx, &writer.finish()?)?;
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
            self.problems
                .push(first_line, Some("txn"), "the transaction id is empty");
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
                self.problems.push(first_line, Some("date"), e.to_string());
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
                let field = matches!(e, Error::Unbalanced { .. }).then_some("amount");
                self.problems
                    .push(first_line, field, format!("transaction {key:?}: {e}"));
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
                    first_line,
                    Some("txn"),
                    format!(
                        "transaction {key:?} was imported from source {:?} before with different content; use another --source for a different file",
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
                first_line,
                Some("reverses"),
                format!("transaction {key:?} is marked as a void but {reason}"),
            );
            return Ok(());
        }
        if reverses.as_ref().is_some_and(|r| r.voided) {
            self.problems.push(
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
                    first_line,
                    Some("hash"),
                    format!("transaction {key:?} is already in this ledger as transaction {id}: the file is an export of these same books, and importing it would count everything twice"),
                );
                return Ok(());
            }
        }
        let check_hash = self.columns.has("hash") && file_prev == self.writer.head();
        let reverses = reverses.as_ref().map(|r| (r.id, r.hash.as_str()));
        let (id, hash) = self
            .writer
            .append(&txn, &ids, reverses, &self.recorded_at)?;
        if check_hash && file_hash != hash {
            // Recorded as a problem, so the whole import is rolled back.
            self.problems.push(
                first_line,
                Some("hash"),
                format!("transaction {key:?} does not match its recorded hash; the file was changed after it was exported"),
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
                self.problems.push(line, Some("amount"), e.to_string());
                None
            }
            (Some((c, _)), Ok(value)) => match to_minor(value, c, number) {
                Ok(minor) => Some(minor),
                Err(e) => {
                    self.problems.push(line, Some("amount"), e.to_string());
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
                self.problems.push(line, Some("pool"), e.to_string());
                return None;
            }
        };
        let ((name, account_id), (commodity, commodity_id), amount) =
            (account?, commodity?, amount?);
        let memo = Some(self.columns.get(record, "memo").to_owned()).filter(|m| !m.is_empty());
        Some((
            Posting {
                account: name,
                commodity,
                amount,
                memo,
                pool,
            },
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
    ) -> Option<(String, i64)> {
        let found = if self.options.strict {
            self.book.account(name).map(|a| (a, false))
        } else {
            self.book.account_or_create(self.conn, name)
        };
        match found {
            Ok((account, created)) => {
                if let Some(date) = date
                    && let Err(e) = check_open(account, date)
                {
                    self.problems.push(line, Some("account"), e.to_string());
                    return None;
                }
                let found = (account.name.clone(), account.id);
                if created {
                    self.summary.accounts_created.push(found.0.clone());
                }
                Some(found)
            }
            Err(e) => {
                let message = match e {
                    Error::UnknownAccount { name, .. } if self.options.strict => {
                        format!("unknown account {name:?} (--strict refuses new accounts)")
                    }
                    e => e.to_string(),
                };
                self.problems.push(line, Some("account"), message);
                None
            }
        }
    }

    fn commodity(&mut self, line: u64, code: &str) -> Option<(Commodity, i64)> {
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
                        self.problems.push(line, Some("commodity"), e.to_string());
                        return None;
                    }
                };
                if decimals > MAX_DECIMALS {
                    self.problems.push(
                        line,
                        Some("commodity"),
                        format!("{code} is written with {decimals} decimal places; at most {MAX_DECIMALS} are supported"),
                    );
                    return None;
                }
                let commodity = Commodity {
                    code: code.to_owned(),
                    decimals,
                };
                self.book
                    .add_commodity(self.conn, commodity, None)
                    .map(|stored| (stored, true))
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
                        format!("unknown commodity {code:?} (--strict refuses new commodities)")
                    }
                    e => e.to_string(),
                };
                self.problems.push(line, Some("commodity"), message);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stray_quotes() {
        assert_eq!(stray_quote(b"1,\"Rent \"relief\"\",x\n"), Some(1));
        assert_eq!(stray_quote(b"2,Rent \"relief\",x\r\n"), Some(1));
        assert_eq!(stray_quote(b"3,\"ok \"\"quoted\"\"\",\"a,b\"\n"), None);
        assert_eq!(stray_quote(b"4,plain,,last"), None);
        assert_eq!(stray_quote(b"\"multi\nline\",x\n"), None);
    }
}
