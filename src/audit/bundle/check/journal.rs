//! `journal.csv` and `reversed.csv`: read twice, as streams. [`scan`] takes
//! each file's digest, rows and header and the transactions its voids
//! reverse; [`stream_txns`] groups the rows into transactions again, checks
//! every cell, and hands them one by one to the [`Chain`], which recomputes
//! the hash chain with [`crate::domain::hash::recorded_form`] from the stated
//! previous hash and gathers, in a [`Ledger`], what the other files are
//! checked against: the period's debits and credits per account, the
//! pools' changes, and the few transactions other files name.
//!
//! Rule: the journal files are streamed, never read whole; memory holds one
//! transaction and those other files name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{Book, Checker, Facts, codes, is_hash, whole};
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::bundle::rows::JournalRow;
use crate::domain::bundle::{ACCOUNTS, BUNDLE, JOURNAL, POOLS, REVERSED, columns};
use crate::domain::date::parse_date;
use crate::domain::hash::{
    Content, Form, Sealed, hash_in_sealed, hex, recorded_form_sealed, unseal,
};

/// A transaction of journal.csv or reversed.csv.
pub(super) struct Txn {
    pub(super) line: u64,
    pub(super) id: String,
    pub(super) date: Option<NaiveDate>,
    pub(super) date_text: String,
    pub(super) description: String,
    pub(super) payee: String,
    pub(super) reference: String,
    pub(super) reverses: String,
    pub(super) prev_hash: String,
    pub(super) hash: String,
    /// The `form` cell: `fondo-txn-v1` or `fondo-txn-v2`.
    pub(super) form: String,
    /// The salt (or, redacted, the commitment) of description, payee and
    /// reference.
    pub(super) seals: [String; 3],
    pub(super) postings: Vec<Post>,
}

pub(super) struct Post {
    pub(super) line: u64,
    pub(super) account: String,
    pub(super) kind: Option<AccountType>,
    pub(super) commodity: String,
    pub(super) amount_text: String,
    pub(super) amount: Option<i128>,
    pub(super) memo: String,
    pub(super) pool: String,
    /// The salts (or commitments) of memo, account and pool.
    pub(super) seals: [String; 3],
}

/// Reads bytes and hashes them on the way.
pub(super) struct Hashing<R> {
    pub(super) inner: R,
    pub(super) digest: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

/// The one cell of a journal row the first pass needs, read by its column
/// name through the same serde mapping as [`JournalRow`] (the field is
/// named as `JournalRow`'s), never by a position.
#[derive(serde::Deserialize)]
struct VoidLink<'a> {
    reverses: &'a str,
}

/// What a first pass over a journal-shaped file found.
pub(super) struct Scan {
    pub(super) digest: String,
    pub(super) rows: u64,
    /// Its header is the specified one and every row could be read.
    pub(super) usable: bool,
    /// The txn values its voids reverse.
    pub(super) reverses: HashSet<String>,
}

/// A first pass over journal.csv or reversed.csv, streamed: its digest, its
/// rows, its header and cells per row, and which transactions its voids
/// reverse (so that the second pass keeps only those).
pub(super) fn scan(name: &'static str, path: &Path, checker: &mut Checker) -> Option<Scan> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            checker.find(codes::UNREADABLE, name, 0, format!("cannot be read: {e}"));
            return None;
        }
    };
    let mut hashing = Hashing {
        inner: BufReader::new(file),
        digest: Sha256::new(),
    };
    let expected = columns(name);
    let mut scan = Scan {
        digest: String::new(),
        rows: 0,
        usable: true,
        reverses: HashSet::new(),
    };
    {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(&mut hashing);
        let header = match reader.headers() {
            Ok(header) => header.clone(),
            Err(e) => {
                checker.find(codes::UNREADABLE, name, 0, unreadable_csv(&e));
                scan.usable = false;
                csv::StringRecord::new()
            }
        };
        match &header {
            header if header.iter().eq(expected.iter().copied()) => {}
            _ if !scan.usable => {}
            header => {
                checker.find(
                    codes::COLUMNS,
                    name,
                    1,
                    format!(
                        "has the columns {}; the specified columns are {}, so its content was not checked",
                        super::joined(header),
                        expected.join(",")
                    ),
                );
                scan.usable = false;
            }
        }
        // One record, read into again and again: a new one per row was a
        // tenth of the checker's time in allocation.
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    scan.rows += 1;
                    if record.len() != expected.len() {
                        let line = record.position().map_or(0, csv::Position::line);
                        checker.find(
                            codes::COLUMNS,
                            name,
                            line,
                            format!(
                                "has {} cells; every row of {name} has {}",
                                record.len(),
                                expected.len()
                            ),
                        );
                    } else if scan.usable
                        && let Ok(link) = record.deserialize::<VoidLink>(Some(&header))
                        && !link.reverses.is_empty()
                    {
                        scan.reverses.insert(link.reverses.to_owned());
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    checker.find(codes::UNREADABLE, name, line, unreadable_csv(&e));
                    scan.usable = false;
                    break;
                }
            }
        }
    }
    if let Err(e) = std::io::copy(&mut hashing, &mut std::io::sink()) {
        checker.find(codes::UNREADABLE, name, 0, format!("cannot be read: {e}"));
        return None;
    }
    scan.digest = hex(&hashing.digest.finalize());
    Some(scan)
}

fn unreadable_csv(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".to_owned(),
        _ => format!("is not valid CSV: {e}"),
    }
}

/// The per-transaction cells of a row, repeated on each row of its
/// transaction, with their column names.
fn per_txn(row: &JournalRow) -> [(&'static str, &str); 12] {
    [
        ("txn", &row.txn),
        ("date", &row.date),
        ("description", &row.description),
        ("payee", &row.payee),
        ("reference", &row.reference),
        ("reverses", &row.reverses),
        ("prev_hash", &row.prev_hash),
        ("hash", &row.hash),
        ("form", &row.form),
        ("description_salt", &row.description_salt),
        ("payee_salt", &row.payee_salt),
        ("reference_salt", &row.reference_salt),
    ]
}

/// A second pass over a journal-shaped file that [`scan`] found usable:
/// groups consecutive rows into transactions, checks each cell, and hands
/// every complete transaction to `each`. Rows [`scan`] reported are skipped.
/// Only one transaction is held at a time.
pub(super) fn stream_txns(
    name: &'static str,
    path: &Path,
    book: &Book,
    checker: &mut Checker,
    mut each: impl FnMut(Txn, &mut Checker),
) {
    let Ok(file) = fs::File::open(path) else {
        return;
    };
    let columns = columns(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::new(file));
    let mut current: Option<Txn> = None;
    let mut last_number: Option<i64> = None;
    let mut record = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        crate::domain::cell::unguard_record(&mut record);
        if record.len() != columns.len() {
            continue;
        }
        let line = record.position().map_or(0, csv::Position::line);
        // Every field is text and the number of cells is right, so the row
        // deserializes; [`scan`] reported any row that did not.
        let Ok(row) = record.deserialize::<JournalRow>(None) else {
            continue;
        };
        match &current {
            Some(txn) if txn.id == row.txn => {
                let first = [
                    txn.id.as_str(),
                    &txn.date_text,
                    &txn.description,
                    &txn.payee,
                    &txn.reference,
                    &txn.reverses,
                    &txn.prev_hash,
                    &txn.hash,
                    &txn.form,
                    &txn.seals[0],
                    &txn.seals[1],
                    &txn.seals[2],
                ];
                for (i, (column, cell)) in per_txn(&row).into_iter().enumerate().skip(1) {
                    if cell != first[i] {
                        checker.find(
                            codes::CHAIN,
                            name,
                            line,
                            format!(
                                "{column} differs from line {}, which starts the same transaction",
                                txn.line
                            ),
                        );
                    }
                }
            }
            _ => {
                if let Some(done) = current.take() {
                    finish_txn(name, &done, book, checker);
                    each(done, checker);
                }
                match whole::<i64>(&row.txn) {
                    None => checker.find(
                        codes::CELL,
                        name,
                        line,
                        format!("txn {:?} is not a whole number", row.txn),
                    ),
                    Some(number) => {
                        if let Some(last) = last_number.filter(|last| *last >= number) {
                            checker.find(
                                codes::CHAIN,
                                name,
                                line,
                                format!(
                                    "txn {number} comes after txn {last}; transactions are in chain order, their numbers increasing, and the rows of each are consecutive"
                                ),
                            );
                        }
                        last_number = Some(number);
                    }
                }
                let date = parse_date(&row.date)
                    .ok()
                    .filter(|d| crate::domain::date::iso(*d) == row.date);
                if date.is_none() {
                    checker.find(
                        codes::CELL,
                        name,
                        line,
                        format!("date {:?} is not a YYYY-MM-DD day", row.date),
                    );
                }
                for (column, cell) in [("prev_hash", &row.prev_hash), ("hash", &row.hash)] {
                    if !is_hash(cell) {
                        checker.find(
                            codes::CELL,
                            name,
                            line,
                            format!("{column} is not 64 lower-case hex digits"),
                        );
                    }
                }
                if row.form != FORM_V1 && row.form != FORM_V2 {
                    checker.find(
                        codes::CELL,
                        name,
                        line,
                        format!("form {:?} is neither {FORM_V1} nor {FORM_V2}", row.form),
                    );
                }
                for (column, text, seal) in [
                    ("description", &row.description, &row.description_salt),
                    ("payee", &row.payee, &row.payee_salt),
                    ("reference", &row.reference, &row.reference_salt),
                ] {
                    if let Some(problem) = seal_problem(&row.form, column, text, seal) {
                        checker.find(codes::CELL, name, line, problem);
                    }
                }
                current = Some(Txn {
                    line,
                    id: row.txn.clone(),
                    date,
                    date_text: row.date.clone(),
                    description: row.description.clone(),
                    payee: row.payee.clone(),
                    reference: row.reference.clone(),
                    reverses: row.reverses.clone(),
                    prev_hash: row.prev_hash.clone(),
                    hash: row.hash.clone(),
                    form: row.form.clone(),
                    seals: [
                        row.description_salt.clone(),
                        row.payee_salt.clone(),
                        row.reference_salt.clone(),
                    ],
                    postings: Vec::new(),
                });
            }
        }
        for (column, text, seal) in [
            ("memo", &row.memo, &row.memo_salt),
            ("account", &row.account, &row.account_salt),
            ("pool", &row.pool, &row.pool_salt),
        ] {
            if let Some(problem) = seal_problem(&row.form, column, text, seal) {
                checker.find(codes::CELL, name, line, problem);
            }
        }
        let JournalRow {
            account,
            commodity,
            amount: amount_text,
            pool,
            memo,
            memo_salt,
            account_salt,
            pool_salt,
            ..
        } = row;
        let kind = validate_account_name(&account).ok();
        if !book.accounts.contains_key(&account) {
            checker.find(
                codes::CELL,
                name,
                line,
                format!("account {account:?} is not in {ACCOUNTS}"),
            );
        }
        let amount = book.amount(checker, name, line, "amount", &amount_text, &commodity);
        if amount == Some(0) {
            checker.find(codes::CELL, name, line, "a posting of zero");
        }
        if !pool.is_empty() {
            if !book.pools.contains(&pool) {
                checker.find(
                    codes::CELL,
                    name,
                    line,
                    format!("pool {pool:?} is not a restricted pool of {POOLS}"),
                );
            }
            if !matches!(
                kind,
                Some(AccountType::Income | AccountType::Expenses | AccountType::Equity)
            ) {
                checker.find(
                    codes::CELL,
                    name,
                    line,
                    format!(
                        "{account} carries a pool, but only income, expense and equity postings may"
                    ),
                );
            }
        }
        if let Some(txn) = current.as_mut() {
            txn.postings.push(Post {
                line,
                account,
                kind,
                commodity,
                amount_text,
                amount,
                memo,
                pool,
                seals: [memo_salt, account_salt, pool_salt],
            });
        }
    }
    if let Some(done) = current {
        finish_txn(name, &done, book, checker);
        each(done, checker);
    }
}

/// The checks of a whole transaction: it balances, and posts to no account
/// after the day it was closed.
fn finish_txn(file: &str, txn: &Txn, book: &Book, checker: &mut Checker) {
    if txn.postings.len() < 2 {
        checker.find(
            codes::UNBALANCED,
            file,
            txn.line,
            format!(
                "txn {} has {} posting; every transaction has at least two",
                txn.id,
                txn.postings.len()
            ),
        );
    }
    let mut sums: BTreeMap<&str, i128> = BTreeMap::new();
    for p in &txn.postings {
        *sums.entry(&p.commodity).or_insert(0) += p.amount.unwrap_or(0);
    }
    for (commodity, sum) in sums {
        if sum != 0 {
            checker.find(
                codes::UNBALANCED,
                file,
                txn.line,
                format!(
                    "txn {} does not add up to zero in {commodity}: off by {sum} minor units",
                    txn.id
                ),
            );
        }
    }
    if let Some(date) = txn.date {
        for p in &txn.postings {
            if let Some(Some(closed)) = book.accounts.get(&p.account)
                && *closed < date
            {
                checker.find(
                    codes::CLOSED_ACCOUNT,
                    file,
                    p.line,
                    format!("posts to {}, closed on {closed}, on {date}", p.account),
                );
            }
        }
    }
}

/// What the journal says about the period, for the other files.
#[derive(Default)]
pub(super) struct Ledger {
    /// The last hash recomputed from content.
    pub(super) head: Option<String>,
    pub(super) transactions: u64,
    pub(super) postings: u64,
    pub(super) period_transactions: u64,
    /// The transactions other files name (tranches, returns,
    /// contributions, voids), when dated within the period.
    pub(super) named: HashMap<String, PeriodTxn>,
    /// The dates of the transactions other files name.
    pub(super) dates: HashMap<String, Option<NaiveDate>>,
    /// A transaction other files name → the void of the period reversing it.
    pub(super) voids: HashMap<String, String>,
    /// (account, commodity) → (debits, credits) within the period.
    pub(super) moves: BTreeMap<(String, String), (i128, i128)>,
    /// (pool, commodity) → flows within the period.
    pub(super) flows: BTreeMap<(String, String), Flows>,
}

/// A transaction of the period, as the other files need it.
pub(super) struct PeriodTxn {
    pub(super) date: String,
    pub(super) reverses: String,
    pub(super) postings: Vec<Leg>,
}

/// A posting of the period, parsed.
pub(super) struct Leg {
    pub(super) account: String,
    pub(super) kind: Option<AccountType>,
    pub(super) commodity: String,
    pub(super) amount: i128,
    /// Empty for the general pool.
    pub(super) pool: String,
}

impl Leg {
    /// Whether it is a posting of `kind` in `commodity` and `pool`.
    pub(super) fn is(&self, kind: AccountType, commodity: &str, pool: &str) -> bool {
        self.kind == Some(kind) && self.commodity == commodity && self.pool == pool
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Flows {
    pub(super) contributions: i128,
    pub(super) moved_in: i128,
    pub(super) moved_out: i128,
    pub(super) spent: i128,
    pub(super) converted: i128,
    pub(super) other: i128,
}

/// The end of the journal seen so far.
pub(super) struct Seen {
    pub(super) line: u64,
    pub(super) id: String,
    pub(super) date: Option<NaiveDate>,
    pub(super) date_text: String,
    pub(super) hash: String,
}

/// The hash chain of journal.csv, walked one transaction at a time.
pub(super) struct Chain<'a> {
    pub(super) facts: &'a Facts,
    /// reversed.csv, by txn.
    pub(super) originals: HashMap<&'a str, &'a Txn>,
    /// The txn values the journal's voids reverse: the only earlier
    /// transactions kept.
    pub(super) reversed_ids: &'a HashSet<String>,
    /// The txn values other files name.
    pub(super) named: &'a HashSet<String>,
    pub(super) earlier: HashMap<String, Txn>,
    /// The previous transaction's hash column, and the chain recomputed
    /// from content.
    pub(super) prev: String,
    pub(super) computed: String,
    /// Whether a transaction in the v2 form was seen.
    pub(super) v2_seen: bool,
    pub(super) first: Option<Seen>,
    pub(super) last: Option<Seen>,
    pub(super) ledger: Ledger,
}

impl Chain<'_> {
    pub(super) fn step(&mut self, txn: Txn, checker: &mut Checker) {
        if txn.prev_hash != self.prev {
            let before = match &self.last {
                None => format!("the journal_prev_hash of {BUNDLE}"),
                Some(last) => format!("txn {}", last.id),
            };
            checker.find(
                codes::CHAIN,
                JOURNAL,
                txn.line,
                format!(
                    "txn {} was chained onto {}…, but the hash before it ({before}) is {}…: transactions were removed, added or reordered",
                    txn.id,
                    short(&txn.prev_hash),
                    short(&self.prev)
                ),
            );
        }
        let original = if txn.reverses.is_empty() {
            None
        } else {
            let found = self
                .earlier
                .get(&txn.reverses)
                .or_else(|| self.originals.get(txn.reverses.as_str()).copied());
            if found.is_none() {
                checker.find(
                    codes::VOID,
                    JOURNAL,
                    txn.line,
                    format!(
                        "txn {} reverses txn {}, which is neither earlier in {JOURNAL} nor in {REVERSED}; its hash cannot be checked",
                        txn.id, txn.reverses
                    ),
                );
            }
            found
        };
        if txn.reverses.is_empty() || original.is_some() {
            let reverses_hash = original.map_or("", |o| o.hash.as_str());
            // Books from before pools keep hashes in the pre-pool form.
            let body = content(&txn, reverses_hash);
            let sealed = sealed(&txn);
            let (form, recomputed) = recorded_form_sealed(
                &txn.prev_hash,
                &body,
                sealed.as_ref(),
                &txn.hash,
                sealed.is_some(),
            );
            if form == Form::V2 {
                self.v2_seen = true;
            } else if self.v2_seen {
                checker.find(
                    codes::FORM_BACK,
                    JOURNAL,
                    txn.line,
                    format!(
                        "txn {} is in the v1 form after a transaction in the v2 form; the chain switches once and never back",
                        txn.id
                    ),
                );
            }
            if recomputed != txn.hash {
                checker.find(
                    codes::HASH,
                    JOURNAL,
                    txn.line,
                    format!(
                        "txn {}: its content does not match its hash; it was changed after it was recorded",
                        txn.id
                    ),
                );
            }
            self.computed = hash_in_sealed(form, &self.computed, &body, sealed.as_ref())
                .expect("a form is only found when it can express the transaction");
        }
        if let Some(original) = original {
            check_mirror(&txn, original, checker);
        }
        self.ledger.transactions += 1;
        self.ledger.postings += txn.postings.len() as u64;
        self.prev.clone_from(&txn.hash);
        let seen = Seen {
            line: txn.line,
            id: txn.id.clone(),
            date: txn.date,
            date_text: txn.date_text.clone(),
            hash: txn.hash.clone(),
        };
        if self.first.is_none() {
            self.first = Some(Seen {
                line: seen.line,
                id: seen.id.clone(),
                date: seen.date,
                date_text: seen.date_text.clone(),
                hash: seen.hash.clone(),
            });
        }
        self.last = Some(seen);
        self.period(&txn);
        if self.reversed_ids.contains(&txn.id) {
            self.earlier.insert(txn.id.clone(), txn);
        }
    }

    /// What a transaction dated within the period adds to the balances,
    /// the pools and the transactions other files name.
    pub(super) fn period(&mut self, txn: &Txn) {
        let named = self.named.contains(&txn.id);
        if named {
            self.ledger.dates.insert(txn.id.clone(), txn.date);
        }
        let Some(date) = txn.date.filter(|d| self.facts.in_period(*d)) else {
            return;
        };
        self.ledger.period_transactions += 1;
        if self.named.contains(&txn.reverses) {
            self.ledger
                .voids
                .insert(txn.reverses.clone(), txn.id.clone());
        }
        let mut legs = Vec::new();
        for p in &txn.postings {
            let Some(amount) = p.amount else { continue };
            let m = self
                .ledger
                .moves
                .entry((p.account.clone(), p.commodity.clone()))
                .or_insert((0, 0));
            if amount > 0 {
                m.0 += amount;
            } else {
                m.1 -= amount;
            }
            if let Some(kind) = p.kind {
                let pool = if p.pool.is_empty() {
                    "general"
                } else {
                    p.pool.as_str()
                };
                let f = self
                    .ledger
                    .flows
                    .entry((pool.to_owned(), p.commodity.clone()))
                    .or_default();
                match kind {
                    AccountType::Income => f.contributions -= amount,
                    AccountType::Expenses => f.spent += amount,
                    AccountType::Equity
                        if p.account == crate::domain::account::REALLOCATION_ACCOUNT =>
                    {
                        if amount > 0 {
                            f.moved_out += amount;
                        } else {
                            f.moved_in -= amount;
                        }
                    }
                    AccountType::Equity
                        if p.account.to_lowercase().starts_with("equity:conversions:") =>
                    {
                        f.converted -= amount;
                    }
                    AccountType::Equity => f.other -= amount,
                    AccountType::Assets | AccountType::Liabilities => {}
                }
            }
            if named {
                legs.push(Leg {
                    account: p.account.clone(),
                    kind: p.kind,
                    commodity: p.commodity.clone(),
                    amount,
                    pool: p.pool.clone(),
                });
            }
        }
        if named {
            self.ledger.named.insert(
                txn.id.clone(),
                PeriodTxn {
                    date: crate::domain::date::iso(date),
                    reverses: txn.reverses.clone(),
                    postings: legs,
                },
            );
        }
    }

    /// The ends of the stretch against BUNDLE.csv.
    pub(super) fn end(mut self, checker: &mut Checker) -> Ledger {
        let stated_prev = &self.facts.raw["journal_prev_hash"];
        let stated_last = &self.facts.raw["journal_last_hash"];
        match (&self.first, &self.last) {
            (Some(first), Some(last)) => {
                if last.hash != *stated_last {
                    checker.find(
                        codes::CHAIN,
                        JOURNAL,
                        last.line,
                        format!(
                            "ends with {}…, but {BUNDLE} says its last hash is {}…",
                            short(&last.hash),
                            short(stated_last)
                        ),
                    );
                }
                for (end, txn) in [("start", first), ("end", last)] {
                    if !txn.date.is_some_and(|d| self.facts.in_period(d)) {
                        checker.find(
                            codes::CHAIN,
                            JOURNAL,
                            txn.line,
                            format!(
                                "txn {} is dated {}, outside the period; the journal must {end} with a transaction of the period",
                                txn.id, txn.date_text
                            ),
                        );
                    }
                }
                self.ledger.head = Some(self.computed.clone());
            }
            _ => {
                if stated_prev != stated_last {
                    checker.find(
                        codes::CHAIN,
                        JOURNAL,
                        0,
                        format!(
                            "is empty, so journal_prev_hash and journal_last_hash of {BUNDLE} must be the same"
                        ),
                    );
                }
            }
        }
        self.ledger
    }
}

/// reversed.csv, checked: each transaction is not a void, is not in the
/// journal, is reversed by a void of the journal, and matches its hash.
pub(super) fn check_reversed(reversed: &[Txn], journal: &Scan, checker: &mut Checker) {
    for txn in reversed {
        if !txn.reverses.is_empty() {
            checker.find(
                codes::VOID,
                REVERSED,
                txn.line,
                format!(
                    "txn {} is itself a void; only transactions that a void reverses belong here",
                    txn.id
                ),
            );
        }
        if !journal.reverses.contains(&txn.id) {
            checker.find(
                codes::VOID,
                REVERSED,
                txn.line,
                format!("txn {} is reversed by no void in {JOURNAL}", txn.id),
            );
        }
        let sealed = sealed(txn);
        let body = content(txn, "");
        if recorded_form_sealed(
            &txn.prev_hash,
            &body,
            sealed.as_ref(),
            &txn.hash,
            sealed.is_some(),
        )
        .1 != txn.hash
        {
            checker.find(
                codes::HASH,
                REVERSED,
                txn.line,
                format!(
                    "txn {}: its content does not match its hash; it was changed",
                    txn.id
                ),
            );
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// The text of the `form` column for each form.
const FORM_V1: &str = "fondo-txn-v1";
const FORM_V2: &str = "fondo-txn-v2";

/// What is wrong with the salt column of text field `column`, if anything:
/// a row of the v1 form states no salts; in the v2 form an empty text has
/// an empty salt (it has no commitment), and any other text a salt of 32
/// lower-case hex digits or, redacted, its commitment of 64.
fn seal_problem(form: &str, column: &str, text: &str, seal: &str) -> Option<String> {
    let hex = |n: usize| {
        seal.len() == n
            && seal
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let fine = match form {
        FORM_V1 => seal.is_empty(),
        FORM_V2 if text.is_empty() => seal.is_empty(),
        FORM_V2 => hex(32) || hex(64),
        _ => return None,
    };
    (!fine).then(|| {
        format!("{column}_salt {seal:?} is not what a {form} row states for its {column}: nothing for an empty text or a v1 row, else 32 hex digits (or 64, a redacted text's commitment)")
    })
}

/// The commitments of a v2 row's text fields, from the text and its stated
/// salt, or the stated commitment where the text is redacted; None for a
/// row in the v1 form.
fn sealed(txn: &Txn) -> Option<Sealed> {
    (txn.form == FORM_V2).then(|| Sealed {
        description: unseal(&txn.description, &txn.seals[0]),
        payee: unseal(&txn.payee, &txn.seals[1]),
        reference: unseal(&txn.reference, &txn.seals[2]),
        postings: txn
            .postings
            .iter()
            .map(|p| {
                [
                    unseal(&p.memo, &p.seals[0]),
                    unseal(&p.account, &p.seals[1]),
                    unseal(&p.pool, &p.seals[2]),
                ]
            })
            .collect(),
    })
}

/// The content a transaction's hash covers, as written in the file.
fn content<'a>(txn: &'a Txn, reverses: &'a str) -> Content<'a> {
    Content {
        date: &txn.date_text,
        description: &txn.description,
        payee: &txn.payee,
        reference: &txn.reference,
        reverses,
        postings: txn
            .postings
            .iter()
            .map(|p| {
                (
                    p.account.as_str(),
                    p.commodity.as_str(),
                    p.amount_text.clone(),
                    p.memo.as_str(),
                    p.pool.as_str(),
                )
            })
            .collect(),
    }
}

/// A void mirrors what it reverses: the same postings, amounts negated, not
/// dated before it.
fn check_mirror(void: &Txn, original: &Txn, checker: &mut Checker) {
    let mirrors = void.postings.len() == original.postings.len()
        && void.postings.iter().zip(&original.postings).all(|(v, o)| {
            v.account == o.account
                && v.commodity == o.commodity
                && v.pool == o.pool
                && v.amount.is_some()
                && v.amount.map(|a| -a) == o.amount
        });
    if !mirrors {
        checker.find(
            codes::VOID,
            JOURNAL,
            void.line,
            format!(
                "txn {} is the void of txn {} but does not mirror its postings",
                void.id, original.id
            ),
        );
    }
    if let (Some(v), Some(o)) = (void.date, original.date)
        && v < o
    {
        checker.find(
            codes::VOID,
            JOURNAL,
            void.line,
            format!(
                "txn {} voids txn {} but is dated before it",
                void.id, original.id
            ),
        );
    }
}
