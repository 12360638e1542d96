//! `fondo verify --bundle`: checks an audit bundle offline, from its files
//! alone.
//!
//! Every file is parsed with the `csv` crate and its header compared with
//! the specification in [`super::FILES`]. The small files are read whole;
//! `journal.csv` and `reversed.csv` are streamed twice (a first pass for
//! their digests, rows and the transactions their voids reverse, a second
//! for the chain), holding one transaction at a time and only the others
//! that voids or other files name, so memory is bounded by the fund's
//! accounts and the period's grants and contributions, not by the length of
//! the journal. Then, in order: the manifest (digests,
//! row counts, no file missing or extra), `BUNDLE.csv`, every cell's shape
//! (dates, amounts written with exactly their commodity's places, hashes,
//! names known to `accounts.csv`, `commodities.csv` and `pools.csv`), the
//! hash chain of `journal.csv` recomputed with the ledger's own canonical
//! form ([`crate::domain::hash`]) from the stated previous hash, each
//! transaction's balance, voids against what they reverse, `balances.csv`
//! against itself and the journal, `pools.csv` against the journal, the
//! balances and the grants, every grant against its votes and its policy
//! (the decision re-evaluated with [`crate::domain::policy::evaluate`]) and
//! its tranches against the journal, and `contributors.csv` against the
//! journal. Every problem is a [`Finding`] with a stable code, the file and
//! the line; none stops the check, except that nothing past the manifest
//! can be checked without a readable `BUNDLE.csv` of a known format.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    ACCOUNTS, BALANCES, BUNDLE, BundleAudience, COMMODITIES, CONTRIBUTORS, FILES, FORMAT, GRANTS,
    JOURNAL, KEYS, MANIFEST, POLICIES, POOLS, README, REVERSED, ROLES, VOTES, columns,
};
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::date::parse_date;
use crate::domain::hash::{Content, content_hash, hex};
use crate::domain::money::{format_minor, parse_decimal};
use crate::domain::policy::{Outcome, Rule, Tally, Tier, evaluate, parse_threshold, tier_for};
use crate::error::{Error, Result};
use crate::render::Row;

/// One problem found in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, documented in docs/audit-format.md.
    pub code: &'static str,
    pub file: String,
    /// The line in the file (0: the file as a whole).
    pub line: u64,
    pub message: String,
}

impl Row for Finding {
    const COLUMNS: &'static [&'static str] = &["code", "file", "line", "message"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["line"];
}

/// The finding codes.
pub mod codes {
    /// A file is missing or is not readable UTF-8 CSV.
    pub const UNREADABLE: &str = "B101";
    /// A file's SHA-256 is not the one in MANIFEST.csv.
    pub const DIGEST: &str = "B102";
    /// A file's number of rows is not the one in MANIFEST.csv.
    pub const ROWS: &str = "B103";
    /// MANIFEST.csv leaves a file out, lists one twice or lists an unknown
    /// one, or the directory holds a file that is not part of the bundle.
    pub const MANIFEST: &str = "B104";
    /// A file's columns are not the specified ones (or a row has too many
    /// or too few cells).
    pub const COLUMNS: &str = "B105";
    /// A cell is malformed: a date, amount, hash, number or word that is
    /// not as specified, a duplicate row, or a name no other file knows.
    pub const CELL: &str = "B106";
    /// A transaction's content does not match its hash.
    pub const HASH: &str = "B107";
    /// The chain does not link: a previous hash that is not the hash
    /// before it, or a stretch that does not start or end as stated.
    pub const CHAIN: &str = "B108";
    /// A transaction does not add up to zero per commodity.
    pub const UNBALANCED: &str = "B109";
    /// A void whose original is missing or that does not mirror it.
    pub const VOID: &str = "B110";
    /// balances.csv does not add up by itself.
    pub const BALANCES: &str = "B111";
    /// balances.csv disagrees with the postings of journal.csv.
    pub const BALANCES_JOURNAL: &str = "B112";
    /// pools.csv does not add up, or disagrees with the journal, the
    /// balances or the grants.
    pub const POOLS: &str = "B113";
    /// A grant's counts disagree with votes.csv.
    pub const VOTES: &str = "B114";
    /// A grant disagrees with its policy: its rule, its window, or the
    /// decision its votes give.
    pub const DECISION: &str = "B115";
    /// A grant's money disagrees with itself or with the journal.
    pub const PAYMENTS: &str = "B116";
    /// contributors.csv disagrees with the journal.
    pub const CONTRIBUTIONS: &str = "B117";
    /// BUNDLE.csv or README.txt is not as specified.
    pub const METADATA: &str = "B118";
    /// A posting to an account that was closed by its date.
    pub const CLOSED_ACCOUNT: &str = "B119";
}

/// The outcome of checking a bundle.
#[derive(Debug, Clone, Default)]
pub struct BundleCheck {
    pub findings: Vec<Finding>,
    /// Files of the bundle found in the directory.
    pub files: u64,
    /// Transactions and postings in journal.csv, and the transactions dated
    /// within the period.
    pub transactions: u64,
    pub postings: u64,
    pub period_transactions: u64,
    pub grants: u64,
    pub votes: u64,
    /// The rows of BUNDLE.csv, by key.
    pub facts: BTreeMap<String, String>,
    /// The SHA-256 of MANIFEST.csv (empty when it is missing).
    pub manifest_sha256: String,
    /// The last hash recomputed from journal.csv's content, from the stated
    /// previous hash (the previous hash itself when the journal is empty).
    pub journal_head: String,
}

/// A data row of a CSV file, with the line it starts on.
struct Rec {
    line: u64,
    cells: Vec<String>,
}

/// A parsed CSV file whose header is the specified one.
struct Table {
    columns: Vec<&'static str>,
    rows: Vec<Rec>,
}

impl Table {
    fn get<'r>(&self, rec: &'r Rec, column: &str) -> &'r str {
        let i = self
            .columns
            .iter()
            .position(|c| *c == column)
            .expect("columns asked for are the file's specified columns");
        rec.cells.get(i).map_or("", String::as_str)
    }
}

struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    fn find(&mut self, code: &'static str, file: &str, line: u64, message: impl Into<String>) {
        self.findings.push(Finding {
            code,
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }
}

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

fn parse_stamp(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, STAMP)
        .ok()
        .filter(|at| at.format(STAMP).to_string() == text)
}

fn is_hash(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An amount written with exactly `decimals` places, in minor units.
fn minor(text: &str, decimals: u32) -> Option<i128> {
    let value = parse_decimal(text).ok()?;
    let scaled = value.checked_mul(Decimal::from(10i64.checked_pow(decimals)?))?;
    if !scaled.fract().is_zero() {
        return None;
    }
    let minor = scaled.to_i128()?;
    (format_minor(minor, decimals) == text).then_some(minor)
}

/// Reads the bundle in `dir` and checks it.
///
/// Fails only when `dir` cannot be read as a bundle at all: it does not
/// exist, is not a directory, cannot be listed, or holds neither BUNDLE.csv
/// nor MANIFEST.csv. Everything else is a finding.
pub fn check(dir: &Path) -> Result<BundleCheck> {
    let unreadable = |source| Error::Io {
        context: format!("reading the bundle {}", dir.display()),
        source,
    };
    let meta = fs::metadata(dir).map_err(unreadable)?;
    if !meta.is_dir() {
        return Err(Error::Refused(format!(
            "{} is not a directory; give --bundle the directory `fondo export audit` wrote",
            dir.display()
        )));
    }
    let mut present = BTreeSet::new();
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        present.insert(entry.file_name().to_string_lossy().into_owned());
    }
    if !present.contains(BUNDLE) && !present.contains(MANIFEST) {
        return Err(Error::Refused(format!(
            "{} is not a fondo audit bundle: it has neither {BUNDLE} nor {MANIFEST}",
            dir.display()
        )));
    }
    let mut checker = Checker {
        findings: Vec::new(),
    };
    let mut result = BundleCheck::default();

    // Every file: its digest, rows and (for CSV) its table. The journal
    // files are streamed, here and when their chain is walked.
    let mut digests: HashMap<&str, String> = HashMap::new();
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let mut tables: HashMap<&str, Table> = HashMap::new();
    let mut scans: HashMap<&str, Scan> = HashMap::new();
    let mut readme_text = None;
    for spec in FILES {
        if !present.contains(spec.name) {
            checker.find(
                codes::UNREADABLE,
                spec.name,
                0,
                "is missing from the bundle",
            );
            continue;
        }
        let path = dir.join(spec.name);
        if [JOURNAL, REVERSED].contains(&spec.name) {
            if let Some(scan) = scan(spec.name, &path, &mut checker) {
                result.files += 1;
                digests.insert(spec.name, scan.digest.clone());
                counts.insert(spec.name, scan.rows);
                scans.insert(spec.name, scan);
            }
            continue;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                checker.find(
                    codes::UNREADABLE,
                    spec.name,
                    0,
                    format!("cannot be read: {e}"),
                );
                continue;
            }
        };
        result.files += 1;
        digests.insert(spec.name, hex(&Sha256::digest(&bytes)));
        let Ok(text) = String::from_utf8(bytes) else {
            checker.find(codes::UNREADABLE, spec.name, 0, "is not UTF-8 text");
            continue;
        };
        if spec.columns.is_empty() {
            counts.insert(spec.name, text.lines().count() as u64);
            readme_text = Some(text);
            continue;
        }
        if let Some((count, table)) = parse_csv(spec.name, &text, &mut checker) {
            counts.insert(spec.name, count);
            if let Some(table) = table {
                tables.insert(spec.name, table);
            }
        }
    }
    for name in &present {
        if !FILES.iter().any(|f| f.name == name) {
            checker.find(
                codes::MANIFEST,
                name,
                0,
                "is not part of an audit bundle; a bundle holds exactly the files of its format",
            );
        }
    }
    result.manifest_sha256 = digests.get(MANIFEST).cloned().unwrap_or_default();
    if let Some(manifest) = tables.get(MANIFEST) {
        check_manifest(manifest, &digests, &counts, &mut checker);
    }

    // BUNDLE.csv: what the rest is checked against.
    let Some(facts) = tables
        .get(BUNDLE)
        .and_then(|t| check_facts(t, &mut checker))
    else {
        result.findings = checker.findings;
        return Ok(result);
    };
    result.facts = facts.raw.clone();
    if let Some(text) = &readme_text {
        check_readme(text, &facts, &mut checker);
    }

    let book = Book::load(&tables, &mut checker);
    let named = named_txns(&tables);
    let usable = |name: &str| scans.get(name).filter(|s| s.usable);
    let mut reversed = Vec::new();
    if usable(REVERSED).is_some() {
        stream_txns(
            REVERSED,
            &dir.join(REVERSED),
            &book,
            &mut checker,
            |t, _| {
                reversed.push(t);
            },
        );
    }
    let mut ledger = Ledger::default();
    let journal = usable(JOURNAL);
    if let Some(journal) = journal {
        check_reversed(&reversed, journal, &mut checker);
        let mut chain = Chain {
            facts: &facts,
            originals: reversed.iter().map(|t| (t.id.as_str(), t)).collect(),
            reversed_ids: &journal.reverses,
            named: &named,
            earlier: HashMap::new(),
            prev: facts.raw["journal_prev_hash"].clone(),
            computed: facts.raw["journal_prev_hash"].clone(),
            first: None,
            last: None,
            ledger: Ledger::default(),
        };
        stream_txns(JOURNAL, &dir.join(JOURNAL), &book, &mut checker, |t, c| {
            chain.step(t, c);
        });
        let first = chain.first.as_ref().and_then(|f| f.id.parse::<i64>().ok());
        ledger = chain.end(&mut checker);
        for txn in &reversed {
            if first.is_some_and(|first| txn.id.parse::<i64>().is_ok_and(|n| n >= first)) {
                checker.find(
                    codes::VOID,
                    REVERSED,
                    txn.line,
                    format!("txn {} is not from before {JOURNAL}", txn.id),
                );
            }
        }
        result.transactions = ledger.transactions;
        result.postings = ledger.postings;
        result.period_transactions = ledger.period_transactions;
    }
    result.journal_head = ledger
        .head
        .clone()
        .unwrap_or_else(|| facts.raw["journal_prev_hash"].clone());
    let journal_ok = journal.is_some();
    if let Some(balances) = tables.get(BALANCES) {
        check_balances(balances, &book, journal_ok.then_some(&ledger), &mut checker);
    }
    let committed = tables.get(GRANTS).map(|grants| {
        let (committed, count) = check_grants(
            grants,
            tables.get(VOTES),
            tables.get(POLICIES),
            &book,
            &facts,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
        result.grants = count;
        committed
    });
    result.votes = tables.get(VOTES).map_or(0, |t| t.rows.len() as u64);
    if let Some(pools) = tables.get(POOLS) {
        check_pools(
            pools,
            &book,
            journal_ok.then_some(&ledger),
            tables.get(BALANCES),
            committed.as_ref(),
            &mut checker,
        );
    }
    if let Some(roles) = tables.get(ROLES) {
        check_roles(roles, &mut checker);
    }
    if let Some(contributors) = tables.get(CONTRIBUTORS) {
        check_contributors(
            contributors,
            &book,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
    }
    result.findings = checker.findings;
    Ok(result)
}

/// README.txt states the bundle's facts as BUNDLE.csv does: the audience
/// on the line starting `Audience: `, each hash on the line after the line
/// that introduces it.
fn check_readme(text: &str, facts: &Facts, checker: &mut Checker) {
    let lines: Vec<&str> = text.lines().collect();
    let after = |start: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start))
            .and_then(|i| lines.get(i + 1))
            .map(|l| l.trim())
    };
    for (start, key) in super::readme::STATED {
        if after(start) != Some(facts.raw[*key].as_str()) {
            checker.find(
                codes::METADATA,
                README,
                0,
                format!("does not state the {key} of {BUNDLE} on the line after {start:?}"),
            );
        }
    }
    let audience = format!("Audience: {}:", facts.audience.as_str());
    if !lines.iter().any(|l| l.starts_with(&audience)) {
        checker.find(
            codes::METADATA,
            README,
            0,
            format!(
                "does not say the bundle is for the {} audience, as {BUNDLE} does",
                facts.audience.as_str()
            ),
        );
    }
}

/// The transactions that grants.csv and contributors.csv name: tranches,
/// returns, contributions and their voids. Only these are kept from the
/// journal.
fn named_txns(tables: &HashMap<&str, Table>) -> HashSet<String> {
    let mut named = HashSet::new();
    if let Some(t) = tables.get(GRANTS) {
        for rec in &t.rows {
            named.extend(
                t.get(rec, "payment_txns")
                    .split_whitespace()
                    .map(str::to_owned),
            );
            named.insert(t.get(rec, "return_txn").to_owned());
        }
    }
    if let Some(t) = tables.get(CONTRIBUTORS) {
        for rec in &t.rows {
            named.insert(t.get(rec, "txn").to_owned());
            named.insert(t.get(rec, "voided_by").to_owned());
        }
    }
    named.remove("");
    named
}

/// Parses a CSV file: its number of data rows, and the table when its
/// header is the specified one (rows with the wrong number of cells are
/// reported and left out).
fn parse_csv(
    name: &'static str,
    text: &str,
    checker: &mut Checker,
) -> Option<(u64, Option<Table>)> {
    let expected = columns(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            checker.find(codes::UNREADABLE, name, 0, format!("is not valid CSV: {e}"));
            return None;
        }
    };
    let mut rows = Vec::new();
    let mut count = 0;
    for record in reader.records() {
        match record {
            Ok(record) => {
                count += 1;
                let line = record.position().map_or(0, csv::Position::line);
                if record.len() != expected.len() {
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
                    continue;
                }
                rows.push(Rec {
                    line,
                    cells: record.iter().map(str::to_owned).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                checker.find(
                    codes::UNREADABLE,
                    name,
                    line,
                    format!("is not valid CSV: {e}"),
                );
                return None;
            }
        }
    }
    if header != expected {
        checker.find(
            codes::COLUMNS,
            name,
            1,
            format!(
                "has the columns {}; the specified columns are {}, so its content was not checked",
                header.join(","),
                expected.join(",")
            ),
        );
        return Some((count, None));
    }
    Some((
        count,
        Some(Table {
            columns: expected,
            rows,
        }),
    ))
}

fn check_manifest(
    manifest: &Table,
    digests: &HashMap<&str, String>,
    counts: &HashMap<&str, u64>,
    checker: &mut Checker,
) {
    let mut listed = BTreeSet::new();
    for rec in &manifest.rows {
        let file = manifest.get(rec, "file");
        let line = rec.line;
        if file == MANIFEST || !FILES.iter().any(|f| f.name == file) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                line,
                format!("lists {file:?}, which is not a file of the bundle it describes"),
            );
            continue;
        }
        if !listed.insert(file.to_owned()) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                line,
                format!("lists {file} twice"),
            );
            continue;
        }
        let sha = manifest.get(rec, "sha256");
        if !is_hash(sha) {
            checker.find(
                codes::CELL,
                MANIFEST,
                line,
                format!("the sha256 of {file} is not 64 lower-case hex digits"),
            );
        } else if let Some(actual) = digests.get(file)
            && actual != sha
        {
            checker.find(
                codes::DIGEST,
                file,
                0,
                format!("its SHA-256 is {actual}, but {MANIFEST} (line {line}) says {sha}: the file was changed"),
            );
        }
        match (manifest.get(rec, "rows").parse::<u64>(), counts.get(file)) {
            (Err(_), _) => checker.find(
                codes::CELL,
                MANIFEST,
                line,
                format!("the rows of {file} are not a whole number"),
            ),
            (Ok(stated), Some(actual)) if stated != *actual => checker.find(
                codes::ROWS,
                file,
                0,
                format!("has {actual} rows, but {MANIFEST} (line {line}) says {stated}: rows were added or removed"),
            ),
            _ => {}
        }
    }
    for spec in FILES {
        if spec.name != MANIFEST && !listed.contains(spec.name) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                0,
                format!("does not list {}", spec.name),
            );
        }
    }
}

/// BUNDLE.csv, checked.
struct Facts {
    raw: BTreeMap<String, String>,
    audience: BundleAudience,
    from: NaiveDate,
    to: NaiveDate,
}

impl Facts {
    fn in_period(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

fn check_facts(table: &Table, checker: &mut Checker) -> Option<Facts> {
    let mut raw = BTreeMap::new();
    let mut lines = HashMap::new();
    for rec in &table.rows {
        let key = table.get(rec, "key");
        if !KEYS.contains(&key) {
            checker.find(
                codes::METADATA,
                BUNDLE,
                rec.line,
                format!("has an unknown key {key:?}"),
            );
            continue;
        }
        if raw
            .insert(key.to_owned(), table.get(rec, "value").to_owned())
            .is_some()
        {
            checker.find(
                codes::METADATA,
                BUNDLE,
                rec.line,
                format!("states {key} twice"),
            );
        }
        lines.insert(key, rec.line);
    }
    let mut complete = true;
    for key in KEYS {
        if !raw.contains_key(key) {
            checker.find(codes::METADATA, BUNDLE, 0, format!("does not state {key}"));
            complete = false;
        }
    }
    if !complete {
        checker.find(
            codes::METADATA,
            BUNDLE,
            0,
            "the rest of the bundle cannot be checked without it",
        );
        return None;
    }
    let line = |key: &str| lines.get(key).copied().unwrap_or(0);
    if raw["format"] != FORMAT {
        checker.find(
            codes::METADATA,
            BUNDLE,
            line("format"),
            format!(
                "is in format {:?}; this fondo reads {FORMAT}, so the rest was not checked",
                raw["format"]
            ),
        );
        return None;
    }
    for key in [
        "journal_prev_hash",
        "journal_last_hash",
        "fingerprint",
        "records_head",
    ] {
        if !is_hash(&raw[key]) {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line(key),
                format!("{key} is not 64 lower-case hex digits"),
            );
        }
    }
    for key in ["ledger_transactions", "records_count"] {
        if raw[key].parse::<u64>().is_err() {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line(key),
                format!("{key} is not a whole number"),
            );
        }
    }
    let audience = BundleAudience::parse(&raw["audience"]);
    if audience.is_none() {
        checker.find(
            codes::METADATA,
            BUNDLE,
            line("audience"),
            format!(
                "audience {:?} is none of public, members, auditor",
                raw["audience"]
            ),
        );
    }
    let from = parse_date(&raw["from"]).ok();
    let to = parse_date(&raw["to"]).ok();
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Some(Facts {
            raw,
            audience: audience?,
            from,
            to,
        }),
        _ => {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line("from"),
                "from and to are not two days, the first not after the second; the rest was not checked",
            );
            None
        }
    }
}

/// What accounts.csv, commodities.csv and pools.csv declare.
#[derive(Default)]
struct Book {
    /// Account → the day it was closed, if it was.
    accounts: HashMap<String, Option<NaiveDate>>,
    decimals: HashMap<String, u32>,
    /// Restricted pools (general excluded).
    pools: BTreeSet<String>,
    all_pools: BTreeSet<String>,
}

impl Book {
    fn load(tables: &HashMap<&str, Table>, checker: &mut Checker) -> Book {
        let mut book = Book::default();
        if let Some(t) = tables.get(COMMODITIES) {
            for rec in &t.rows {
                let code = t.get(rec, "commodity");
                match t.get(rec, "decimals").parse::<u32>() {
                    Ok(d) if d <= crate::domain::money::MAX_DECIMALS => {
                        if book.decimals.insert(code.to_owned(), d).is_some() {
                            checker.find(
                                codes::CELL,
                                COMMODITIES,
                                rec.line,
                                format!("{code} is listed twice"),
                            );
                        }
                    }
                    _ => checker.find(
                        codes::CELL,
                        COMMODITIES,
                        rec.line,
                        format!("the decimals of {code} are not a whole number from 0 to 9"),
                    ),
                }
            }
        }
        if let Some(t) = tables.get(ACCOUNTS) {
            for rec in &t.rows {
                let name = t.get(rec, "account");
                let kind = validate_account_name(name).map(|k| k.to_string());
                if kind.as_deref().ok() != Some(t.get(rec, "type")) {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!(
                            "{name:?} is not a valid account name of the type {:?}",
                            t.get(rec, "type")
                        ),
                    );
                }
                let closed = t.get(rec, "closed_on");
                let closed_on = if closed.is_empty() {
                    None
                } else {
                    let day = parse_date(closed).ok();
                    if day.is_none() {
                        checker.find(
                            codes::CELL,
                            ACCOUNTS,
                            rec.line,
                            format!("closed_on {closed:?} is not a date"),
                        );
                    }
                    day
                };
                let status = t.get(rec, "status");
                let expected = if closed.is_empty() { "open" } else { "closed" };
                if status != expected {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!("status {status:?} does not fit closed_on {closed:?} (expected {expected})"),
                    );
                }
                if book.accounts.insert(name.to_owned(), closed_on).is_some() {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!("{name} is listed twice"),
                    );
                }
            }
        }
        if let Some(t) = tables.get(POOLS) {
            for rec in &t.rows {
                let pool = t.get(rec, "pool");
                book.all_pools.insert(pool.to_owned());
                if pool != "general" {
                    book.pools.insert(pool.to_owned());
                }
            }
        }
        book
    }

    /// Checks that a commodity is known and an amount is written in it;
    /// its minor units.
    fn amount(
        &self,
        checker: &mut Checker,
        file: &str,
        line: u64,
        column: &str,
        text: &str,
        commodity: &str,
    ) -> Option<i128> {
        let Some(&decimals) = self.decimals.get(commodity) else {
            checker.find(
                codes::CELL,
                file,
                line,
                format!("commodity {commodity:?} is not in {COMMODITIES}"),
            );
            return None;
        };
        let value = minor(text, decimals);
        if value.is_none() {
            checker.find(
                codes::CELL,
                file,
                line,
                format!("{column} {text:?} is not an amount written with exactly the {decimals} decimal places of {commodity}"),
            );
        }
        value
    }
}

/// A transaction of journal.csv or reversed.csv.
struct Txn {
    line: u64,
    id: String,
    date: Option<NaiveDate>,
    date_text: String,
    description: String,
    payee: String,
    reference: String,
    reverses: String,
    prev_hash: String,
    hash: String,
    postings: Vec<Post>,
}

struct Post {
    line: u64,
    account: String,
    kind: Option<AccountType>,
    commodity: String,
    amount_text: String,
    amount: Option<i128>,
    memo: String,
    pool: String,
}

/// Reads bytes and hashes them on the way.
struct Hashing<R> {
    inner: R,
    digest: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

/// What a first pass over a journal-shaped file found.
struct Scan {
    digest: String,
    rows: u64,
    /// Its header is the specified one and every row could be read.
    usable: bool,
    /// The txn values its voids reverse.
    reverses: HashSet<String>,
}

/// A first pass over journal.csv or reversed.csv, streamed: its digest, its
/// rows, its header and cells per row, and which transactions its voids
/// reverse (so that the second pass keeps only those).
fn scan(name: &'static str, path: &Path, checker: &mut Checker) -> Option<Scan> {
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
        match reader.headers() {
            Ok(header) if header.iter().eq(expected.iter().copied()) => {}
            Ok(header) => {
                checker.find(
                    codes::COLUMNS,
                    name,
                    1,
                    format!(
                        "has the columns {}; the specified columns are {}, so its content was not checked",
                        header.iter().collect::<Vec<_>>().join(","),
                        expected.join(",")
                    ),
                );
                scan.usable = false;
            }
            Err(e) => {
                checker.find(codes::UNREADABLE, name, 0, unreadable_csv(&e));
                scan.usable = false;
            }
        }
        let reverses = expected
            .iter()
            .position(|c| *c == "reverses")
            .expect("journal files have a reverses column");
        for record in reader.records() {
            match record {
                Ok(record) => {
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
                    } else if !record[reverses].is_empty() {
                        scan.reverses.insert(record[reverses].to_owned());
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

/// The per-transaction columns, repeated on each of its rows.
const PER_TXN: [&str; 8] = [
    "txn",
    "date",
    "description",
    "payee",
    "reference",
    "reverses",
    "prev_hash",
    "hash",
];

/// A second pass over a journal-shaped file that [`scan`] found usable:
/// groups consecutive rows into transactions, checks each cell, and hands
/// every complete transaction to `each`. Rows [`scan`] reported are skipped.
/// Only one transaction is held at a time.
fn stream_txns(
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
    let index = |column: &str| {
        columns
            .iter()
            .position(|c| *c == column)
            .expect("journal files have the journal columns")
    };
    let per_txn: Vec<usize> = PER_TXN.iter().map(|c| index(c)).collect();
    let (account_at, amount_at, commodity_at, memo_at, pool_at) = (
        index("account"),
        index("amount"),
        index("commodity"),
        index("memo"),
        index("pool"),
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::new(file));
    let mut current: Option<Txn> = None;
    let mut last_number: Option<i64> = None;
    for record in reader.records() {
        let Ok(record) = record else {
            break;
        };
        if record.len() != columns.len() {
            continue;
        }
        let line = record.position().map_or(0, csv::Position::line);
        let cells: Vec<&str> = per_txn.iter().map(|i| &record[*i]).collect();
        match &current {
            Some(txn) if txn.id == cells[0] => {
                let first = [
                    txn.id.as_str(),
                    &txn.date_text,
                    &txn.description,
                    &txn.payee,
                    &txn.reference,
                    &txn.reverses,
                    &txn.prev_hash,
                    &txn.hash,
                ];
                for (i, column) in PER_TXN.iter().enumerate().skip(1) {
                    if cells[i] != first[i] {
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
                match cells[0].parse::<i64>() {
                    Err(_) => checker.find(
                        codes::CELL,
                        name,
                        line,
                        format!("txn {:?} is not a whole number", cells[0]),
                    ),
                    Ok(number) => {
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
                let date = parse_date(cells[1])
                    .ok()
                    .filter(|d| crate::domain::date::iso(*d) == cells[1]);
                if date.is_none() {
                    checker.find(
                        codes::CELL,
                        name,
                        line,
                        format!("date {:?} is not a YYYY-MM-DD day", cells[1]),
                    );
                }
                for (i, column) in [(6, "prev_hash"), (7, "hash")] {
                    if !is_hash(cells[i]) {
                        checker.find(
                            codes::CELL,
                            name,
                            line,
                            format!("{column} is not 64 lower-case hex digits"),
                        );
                    }
                }
                current = Some(Txn {
                    line,
                    id: cells[0].to_owned(),
                    date,
                    date_text: cells[1].to_owned(),
                    description: cells[2].to_owned(),
                    payee: cells[3].to_owned(),
                    reference: cells[4].to_owned(),
                    reverses: cells[5].to_owned(),
                    prev_hash: cells[6].to_owned(),
                    hash: cells[7].to_owned(),
                    postings: Vec::new(),
                });
            }
        }
        let account = record[account_at].to_owned();
        let commodity = record[commodity_at].to_owned();
        let amount_text = record[amount_at].to_owned();
        let pool = record[pool_at].to_owned();
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
                memo: record[memo_at].to_owned(),
                pool,
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
struct Ledger {
    /// The last hash recomputed from content.
    head: Option<String>,
    transactions: u64,
    postings: u64,
    period_transactions: u64,
    /// The transactions other files name (tranches, returns,
    /// contributions, voids), when dated within the period.
    named: HashMap<String, PeriodTxn>,
    /// The dates of the transactions other files name.
    dates: HashMap<String, Option<NaiveDate>>,
    /// A transaction other files name → the void of the period reversing it.
    voids: HashMap<String, String>,
    /// (account, commodity) → (debits, credits) within the period.
    moves: BTreeMap<(String, String), (i128, i128)>,
    /// (pool, commodity) → flows within the period.
    flows: BTreeMap<(String, String), Flows>,
}

/// A transaction of the period, as the other files need it.
struct PeriodTxn {
    date: String,
    reverses: String,
    postings: Vec<Leg>,
}

/// A posting of the period, parsed.
struct Leg {
    kind: Option<AccountType>,
    commodity: String,
    amount: i128,
    /// Empty for the general pool.
    pool: String,
}

impl Leg {
    /// Whether it is a posting of `kind` in `commodity` and `pool`.
    fn is(&self, kind: AccountType, commodity: &str, pool: &str) -> bool {
        self.kind == Some(kind) && self.commodity == commodity && self.pool == pool
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Flows {
    contributions: i128,
    moved_in: i128,
    moved_out: i128,
    spent: i128,
    converted: i128,
    other: i128,
}

/// The end of the journal seen so far.
struct Seen {
    line: u64,
    id: String,
    date: Option<NaiveDate>,
    date_text: String,
    hash: String,
}

/// The hash chain of journal.csv, walked one transaction at a time.
struct Chain<'a> {
    facts: &'a Facts,
    /// reversed.csv, by txn.
    originals: HashMap<&'a str, &'a Txn>,
    /// The txn values the journal's voids reverse: the only earlier
    /// transactions kept.
    reversed_ids: &'a HashSet<String>,
    /// The txn values other files name.
    named: &'a HashSet<String>,
    earlier: HashMap<String, Txn>,
    /// The previous transaction's hash column, and the chain recomputed
    /// from content.
    prev: String,
    computed: String,
    first: Option<Seen>,
    last: Option<Seen>,
    ledger: Ledger,
}

impl Chain<'_> {
    fn step(&mut self, txn: Txn, checker: &mut Checker) {
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
            if content_hash(&txn.prev_hash, content(&txn, reverses_hash)) != txn.hash {
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
            self.computed = content_hash(&self.computed, content(&txn, reverses_hash));
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
    fn period(&mut self, txn: &Txn) {
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
                    AccountType::Equity if p.account == crate::ops::pools::REALLOCATION_ACCOUNT => {
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
    fn end(mut self, checker: &mut Checker) -> Ledger {
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
fn check_reversed(reversed: &[Txn], journal: &Scan, checker: &mut Checker) {
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
        if content_hash(&txn.prev_hash, content(txn, "")) != txn.hash {
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

fn check_balances(table: &Table, book: &Book, ledger: Option<&Ledger>, checker: &mut Checker) {
    let mut seen: BTreeMap<(String, String), (i128, i128)> = BTreeMap::new();
    let mut totals: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    for rec in &table.rows {
        let account = table.get(rec, "account");
        let commodity = table.get(rec, "commodity");
        if !book.accounts.contains_key(account) {
            checker.find(
                codes::CELL,
                BALANCES,
                rec.line,
                format!("account {account:?} is not in {ACCOUNTS}"),
            );
        }
        let mut amounts = [0i128; 4];
        let mut ok = true;
        for (i, column) in ["opening", "debits", "credits", "closing"]
            .iter()
            .enumerate()
        {
            match book.amount(
                checker,
                BALANCES,
                rec.line,
                column,
                table.get(rec, column),
                commodity,
            ) {
                Some(v) => amounts[i] = v,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let [opening, debits, credits, closing] = amounts;
        if debits < 0 || credits < 0 {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                "debits and credits are written as positive numbers",
            );
        }
        if opening + debits - credits != closing {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                format!("{account} {commodity}: opening + debits - credits is not closing"),
            );
        }
        let total = totals.entry(commodity.to_owned()).or_insert((0, 0));
        total.0 += opening;
        total.1 += closing;
        if seen
            .insert(
                (account.to_owned(), commodity.to_owned()),
                (debits, credits),
            )
            .is_some()
        {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                format!("{account} {commodity} is listed twice"),
            );
        }
    }
    for (commodity, (opening, closing)) in totals {
        if opening != 0 || closing != 0 {
            checker.find(
                codes::BALANCES,
                BALANCES,
                0,
                format!("all accounts together do not add up to zero in {commodity} (openings {opening}, closings {closing}, in minor units)"),
            );
        }
    }
    let Some(ledger) = ledger else { return };
    let keys: BTreeSet<&(String, String)> = seen.keys().chain(ledger.moves.keys()).collect();
    for key in keys {
        let stated = seen.get(key);
        let actual = ledger.moves.get(key).copied().unwrap_or((0, 0));
        if stated.copied().unwrap_or((0, 0)) != actual || (stated.is_none() && actual != (0, 0)) {
            let line = table
                .rows
                .iter()
                .find(|r| table.get(r, "account") == key.0 && table.get(r, "commodity") == key.1)
                .map_or(0, |r| r.line);
            checker.find(
                codes::BALANCES_JOURNAL,
                BALANCES,
                line,
                match stated {
                    Some(_) => format!(
                        "{} {}: its debits and credits are not the sums of the postings of {JOURNAL} dated within the period",
                        key.0, key.1
                    ),
                    None => format!(
                        "has no row for {} {}, which {JOURNAL} posts to within the period",
                        key.0, key.1
                    ),
                },
            );
        }
    }
}

const POOL_AMOUNTS: [&str; 10] = [
    "opening",
    "contributions",
    "moved_in",
    "moved_out",
    "spent",
    "converted",
    "other",
    "closing",
    "committed",
    "available",
];

fn check_pools(
    table: &Table,
    book: &Book,
    ledger: Option<&Ledger>,
    balances: Option<&Table>,
    committed: Option<&BTreeMap<(String, String), i128>>,
    checker: &mut Checker,
) {
    let mut rows: BTreeMap<(String, String), (u64, [i128; 10])> = BTreeMap::new();
    let mut net: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    for rec in &table.rows {
        let pool = table.get(rec, "pool");
        let commodity = table.get(rec, "commodity");
        if commodity.is_empty() {
            if POOL_AMOUNTS.iter().any(|c| !table.get(rec, c).is_empty()) {
                checker.find(
                    codes::CELL,
                    POOLS,
                    rec.line,
                    "a row without a commodity has no amounts",
                );
            }
            continue;
        }
        let mut v = [0i128; 10];
        let mut ok = true;
        for (i, column) in POOL_AMOUNTS.iter().enumerate() {
            match book.amount(
                checker,
                POOLS,
                rec.line,
                column,
                table.get(rec, column),
                commodity,
            ) {
                Some(a) => v[i] = a,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let [
            opening,
            contributions,
            moved_in,
            moved_out,
            spent,
            converted,
            other,
            closing,
            held_committed,
            available,
        ] = v;
        if opening + contributions + moved_in - moved_out - spent + converted + other != closing {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity}: opening + contributions + moved_in - moved_out - spent + converted + other is not closing"),
            );
        }
        if closing - held_committed != available {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity}: closing - committed is not available"),
            );
        }
        let n = net.entry(commodity.to_owned()).or_insert((0, 0));
        n.0 += opening;
        n.1 += closing;
        if rows
            .insert((pool.to_owned(), commodity.to_owned()), (rec.line, v))
            .is_some()
        {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity} is listed twice"),
            );
        }
    }
    if let Some(ledger) = ledger {
        let keys: BTreeSet<&(String, String)> = rows.keys().chain(ledger.flows.keys()).collect();
        for key in keys {
            let actual = ledger.flows.get(key).copied().unwrap_or_default();
            let (line, stated) = match rows.get(key) {
                Some((line, v)) => (
                    *line,
                    Flows {
                        contributions: v[1],
                        moved_in: v[2],
                        moved_out: v[3],
                        spent: v[4],
                        converted: v[5],
                        other: v[6],
                    },
                ),
                None => (0, Flows::default()),
            };
            if stated != actual {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    line,
                    format!(
                        "{} {}: the changes within the period are not what the postings of {JOURNAL} dated within it give",
                        key.0, key.1
                    ),
                );
            }
        }
    }
    if let Some(balances) = balances {
        let mut assets: BTreeMap<String, (i128, i128)> = BTreeMap::new();
        for rec in &balances.rows {
            let account = balances.get(rec, "account");
            if !matches!(
                validate_account_name(account),
                Ok(AccountType::Assets | AccountType::Liabilities)
            ) {
                continue;
            }
            let commodity = balances.get(rec, "commodity");
            let Some(&decimals) = book.decimals.get(commodity) else {
                continue;
            };
            let (Some(opening), Some(closing)) = (
                minor(balances.get(rec, "opening"), decimals),
                minor(balances.get(rec, "closing"), decimals),
            ) else {
                continue;
            };
            let a = assets.entry(commodity.to_owned()).or_insert((0, 0));
            a.0 += opening;
            a.1 += closing;
        }
        let commodities: BTreeSet<&String> = assets.keys().chain(net.keys()).collect();
        for commodity in commodities {
            let pools = net.get(commodity).copied().unwrap_or((0, 0));
            let held = assets.get(commodity).copied().unwrap_or((0, 0));
            if pools != held {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    0,
                    format!("in {commodity}, all pools together do not hold the fund's net assets (the assets and liabilities of {BALANCES}) at the start or the end of the period"),
                );
            }
        }
    }
    if let Some(committed) = committed {
        let keys: BTreeSet<&(String, String)> = rows
            .iter()
            .filter(|(_, (_, v))| v[8] != 0)
            .map(|(k, _)| k)
            .chain(committed.keys())
            .collect();
        for key in keys {
            let stated = rows.get(key).map_or(0, |(_, v)| v[8]);
            if stated != committed.get(key).copied().unwrap_or(0) {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    rows.get(key).map_or(0, |(line, _)| *line),
                    format!("{} {}: committed is not the sum of what the grants of {GRANTS} have committed", key.0, key.1),
                );
            }
        }
    }
}

/// Parses policies.csv into the tiers of each (pool, version).
fn policies(
    table: &Table,
    book: &Book,
    checker: &mut Checker,
) -> HashMap<(String, u32), Vec<Tier>> {
    let mut out: HashMap<(String, u32), Vec<Tier>> = HashMap::new();
    for rec in &table.rows {
        let cell = |c: &str| table.get(rec, c);
        let number = |c: &str, checker: &mut Checker| -> Option<u32> {
            let v = cell(c).parse::<u32>().ok();
            if v.is_none() {
                checker.find(
                    codes::CELL,
                    POLICIES,
                    rec.line,
                    format!("{c} {:?} is not a whole number", cell(c)),
                );
            }
            v
        };
        let Some(version) = number("version", checker) else {
            continue;
        };
        if parse_stamp(cell("set_at")).is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                format!("set_at {:?} is not YYYY-MM-DDTHH:MM:SS", cell("set_at")),
            );
        }
        let rule = match cell("rule") {
            "consent" => {
                number("min_consents", checker).map(|min_consents| Rule::Consent { min_consents })
            }
            "lazy" => {
                number("min_consents", checker).map(|min_consents| Rule::Lazy { min_consents })
            }
            "majority" => {
                let quorum = number("quorum", checker);
                let threshold = cell("threshold");
                if parse_threshold(threshold).is_err() {
                    checker.find(
                        codes::CELL,
                        POLICIES,
                        rec.line,
                        format!("threshold {threshold:?} is not a share from 0 up to 1"),
                    );
                }
                quorum.map(|quorum| Rule::Majority {
                    quorum,
                    threshold: threshold.to_owned(),
                })
            }
            other => {
                checker.find(
                    codes::CELL,
                    POLICIES,
                    rec.line,
                    format!("rule {other:?} is none of consent, majority, lazy"),
                );
                None
            }
        };
        let window = cell("window_minutes")
            .parse::<i64>()
            .ok()
            .filter(|w| *w > 0);
        if window.is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                "window_minutes is not a positive whole number",
            );
        }
        let (up_to, commodity) = match (cell("up_to"), cell("commodity")) {
            ("", "") => (None, None),
            (amount, code) => (
                book.amount(checker, POLICIES, rec.line, "up_to", amount, code)
                    .and_then(|m| i64::try_from(m).ok()),
                Some(code.to_owned()),
            ),
        };
        if commodity.is_some() && up_to.is_none() {
            continue;
        }
        let (Some(rule), Some(window_minutes)) = (rule, window) else {
            continue;
        };
        out.entry((cell("pool").to_owned(), version))
            .or_default()
            .push(Tier {
                up_to,
                commodity,
                rule,
                window_minutes,
            });
    }
    out
}

/// A vote row of votes.csv.
struct Cast {
    line: u64,
    member: String,
    vote: String,
    at: Option<NaiveDateTime>,
    counted: bool,
}

/// Checks grants.csv with votes.csv, policies.csv and the journal; returns
/// what the grants have committed per (pool, commodity) and the number of
/// grants.
fn check_grants(
    table: &Table,
    votes: Option<&Table>,
    policy_table: Option<&Table>,
    book: &Book,
    facts: &Facts,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) -> (BTreeMap<(String, String), i128>, u64) {
    let tiers = policy_table.map(|t| policies(t, book, checker));
    let mut casts: BTreeMap<String, Vec<Cast>> = BTreeMap::new();
    if let Some(v) = votes {
        for rec in &v.rows {
            let vote = v.get(rec, "vote");
            if !["consent", "object", "abstain", "recused"].contains(&vote) {
                checker.find(
                    codes::CELL,
                    VOTES,
                    rec.line,
                    format!("vote {vote:?} is none of consent, object, abstain, recused"),
                );
            }
            let at = parse_stamp(v.get(rec, "at"));
            if at.is_none() {
                checker.find(
                    codes::CELL,
                    VOTES,
                    rec.line,
                    format!("at {:?} is not YYYY-MM-DDTHH:MM:SS", v.get(rec, "at")),
                );
            }
            let counted = match v.get(rec, "counted") {
                "yes" => true,
                "no" => false,
                other => {
                    checker.find(
                        codes::CELL,
                        VOTES,
                        rec.line,
                        format!("counted {other:?} is neither yes nor no"),
                    );
                    false
                }
            };
            if vote == "object" && v.get(rec, "reason").is_empty() {
                checker.find(
                    codes::VOTES,
                    VOTES,
                    rec.line,
                    "an objection without a reason",
                );
            }
            casts
                .entry(v.get(rec, "grant").to_owned())
                .or_default()
                .push(Cast {
                    line: rec.line,
                    member: v.get(rec, "member").to_owned(),
                    vote: vote.to_owned(),
                    at,
                    counted,
                });
        }
    }
    let mut committed: BTreeMap<(String, String), i128> = BTreeMap::new();
    let mut labels = BTreeSet::new();
    let end = facts
        .to
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    for rec in &table.rows {
        let cell = |c: &str| table.get(rec, c);
        let line = rec.line;
        let label = cell("grant").to_owned();
        if !labels.insert(label.clone()) {
            checker.find(
                codes::CELL,
                GRANTS,
                line,
                format!("{label} is listed twice"),
            );
            continue;
        }
        let pool = cell("pool");
        if !book.all_pools.contains(pool) {
            checker.find(
                codes::CELL,
                GRANTS,
                line,
                format!("pool {pool:?} is not in {POOLS}"),
            );
        }
        let commodity = cell("commodity");
        let money = |column: &str, checker: &mut Checker| {
            book.amount(checker, GRANTS, line, column, cell(column), commodity)
        };
        let amount = money("amount", checker);
        let paid = money("paid", checker);
        let paid_in_period = money("paid_in_period", checker);
        let spent = money("spent", checker);
        let returned = money("returned", checker);
        let held = money("committed", checker);
        let stamp = |column: &str, optional: bool, checker: &mut Checker| {
            let text = cell(column);
            if optional && text.is_empty() {
                return None;
            }
            let at = parse_stamp(text);
            if at.is_none() {
                checker.find(
                    codes::CELL,
                    GRANTS,
                    line,
                    format!("{column} {text:?} is not YYYY-MM-DDTHH:MM:SS"),
                );
            }
            at
        };
        let applied = stamp("applied_at", false, checker);
        let closes = stamp("window_closes", false, checker);
        let decided = stamp("decided_at", true, checker);
        let ended = stamp("ended_at", true, checker);
        let status = cell("status");
        let decision = cell("decision");
        let consistent = match decision {
            "" => ["open", "withdrawn"].contains(&status) && decided.is_none(),
            "approved" => ["approved", "closed"].contains(&status) && decided.is_some(),
            "rejected" => status == "rejected" && decided.is_some(),
            _ => false,
        };
        if !consistent {
            checker.find(
                codes::DECISION,
                GRANTS,
                line,
                format!("{label}: status {status:?}, decision {decision:?} and decided_at do not fit together"),
            );
        }
        if ["closed", "withdrawn"].contains(&status) != ended.is_some() {
            checker.find(
                codes::DECISION,
                GRANTS,
                line,
                format!("{label}: ended_at is set exactly when it is closed or withdrawn"),
            );
        }
        let counts: Vec<Option<u32>> = ["consents", "objections", "abstentions", "eligible"]
            .iter()
            .map(|c| {
                let v = cell(c).parse::<u32>().ok();
                if v.is_none() {
                    checker.find(
                        codes::CELL,
                        GRANTS,
                        line,
                        format!("{c} {:?} is not a whole number", cell(c)),
                    );
                }
                v
            })
            .collect();
        // The policy: the tier its amount falls in, its rule and window.
        let version = cell("policy_version").parse::<u32>().ok();
        let tier = match (&tiers, version, amount) {
            (Some(tiers), Some(version), Some(amount)) => {
                match tiers.get(&(pool.to_owned(), version)) {
                    None => {
                        checker.find(
                            codes::DECISION,
                            GRANTS,
                            line,
                            format!("{label} cites version {version} of the policy of {pool}, which {POLICIES} does not have"),
                        );
                        None
                    }
                    Some(list) => {
                        let tier = i64::try_from(amount)
                            .ok()
                            .and_then(|a| tier_for(list, commodity, a));
                        if tier.is_none() {
                            checker.find(
                                codes::DECISION,
                                GRANTS,
                                line,
                                format!("{label} falls in no tier of its policy"),
                            );
                        }
                        tier
                    }
                }
            }
            (_, None, _) => {
                checker.find(
                    codes::CELL,
                    GRANTS,
                    line,
                    "policy_version is not a whole number",
                );
                None
            }
            _ => None,
        };
        if let Some(tier) = tier {
            if tier.rule.to_string() != cell("rule") {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!(
                        "{label}: its rule is {:?}, but its policy gives {:?}",
                        cell("rule"),
                        tier.rule.to_string()
                    ),
                );
            }
            if let (Some(applied), Some(closes)) = (applied, closes)
                && applied + Duration::minutes(tier.window_minutes) != closes
            {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!("{label}: window_closes is not applied_at plus the {} minutes of its policy's window", tier.window_minutes),
                );
            }
        }
        // The votes counted.
        let moment = match (decided, status, ended) {
            (Some(at), _, _) => Some(at),
            (None, "withdrawn", Some(at)) => Some(at),
            (None, _, _) => Some(end),
        };
        let until = match (moment, closes) {
            (Some(m), Some(c)) => Some(m.min(c)),
            _ => None,
        };
        let mine = casts.remove(&label).unwrap_or_default();
        let mut tally = Tally::default();
        if let Some(until) = until {
            // Each steward's latest vote by then (by time; in file order
            // among votes cast at the same second).
            let mut latest: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, c) in mine.iter().enumerate() {
                let Some(at) = c.at.filter(|at| *at <= until && c.vote != "recused") else {
                    continue;
                };
                let later = latest
                    .get(c.member.as_str())
                    .is_none_or(|j| mine[*j].at.is_some_and(|prev| prev <= at));
                if later {
                    latest.insert(&c.member, i);
                }
            }
            for (i, c) in mine.iter().enumerate() {
                let expected = latest.get(c.member.as_str()) == Some(&i);
                if c.counted != expected {
                    checker.find(
                        codes::VOTES,
                        VOTES,
                        c.line,
                        format!(
                            "{label}: counted says {}, but this is {} the latest vote of {} cast by the time the votes were counted",
                            if c.counted { "yes" } else { "no" },
                            if expected { "" } else { "not" },
                            c.member
                        ),
                    );
                }
                if c.vote == "recused" && latest.contains_key(c.member.as_str()) {
                    checker.find(
                        codes::VOTES,
                        VOTES,
                        c.line,
                        format!("{label}: {} had to recuse but has a vote counted", c.member),
                    );
                }
            }
            for i in latest.values() {
                match mine[*i].vote.as_str() {
                    "consent" => tally.consents += 1,
                    "object" => tally.objections += 1,
                    _ => tally.abstentions += 1,
                }
            }
            if let [Some(c), Some(o), Some(a), Some(e)] = counts[..] {
                if [c, o, a] != [tally.consents, tally.objections, tally.abstentions] {
                    checker.find(
                        codes::VOTES,
                        GRANTS,
                        line,
                        format!(
                            "{label} counts {c} consent, {o} object, {a} abstain, but the counted votes of {VOTES} give {} consent, {} object, {} abstain",
                            tally.consents, tally.objections, tally.abstentions
                        ),
                    );
                }
                tally.eligible = e;
            }
        }
        if let (Some(tier), Some(decided), Some(closes), true) = (
            tier,
            decided,
            closes,
            ["approved", "rejected"].contains(&decision),
        ) {
            let outcome = evaluate(&tier.rule, &tally, closes, decided);
            let agrees = match outcome {
                Outcome::Approved(_) => decision == "approved",
                Outcome::Rejected(_) => decision == "rejected",
                Outcome::Open(_) => false,
            };
            if !agrees {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!(
                        "{label} was {decision}, but its rule ({}) gives another outcome for the votes counted ({} consent, {} object, {} abstain of {} eligible) at {}",
                        tier.rule, tally.consents, tally.objections, tally.abstentions, tally.eligible, decided.format(STAMP)
                    ),
                );
            }
        }
        // Money.
        let (Some(amount), Some(paid), Some(paid_in_period), Some(held)) =
            (amount, paid, paid_in_period, held)
        else {
            continue;
        };
        if paid > amount {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label} was paid more than its amount"),
            );
        }
        if paid_in_period > paid || paid_in_period < 0 {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label}: paid_in_period is not part of paid"),
            );
        }
        let expected = if status == "approved" {
            amount - paid
        } else {
            0
        };
        if held != expected {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!(
                    "{label}: committed should be {} (amount - paid while approved, else 0)",
                    expected
                ),
            );
        }
        if spent.is_some_and(|s| s < 0) || returned.is_some_and(|r| r < 0) {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label}: spent and returned are never negative"),
            );
        }
        if held != 0 {
            *committed
                .entry((pool.to_owned(), commodity.to_owned()))
                .or_insert(0) += held;
        }
        let Some(ledger) = ledger else { continue };
        let grant_pool = if pool == "general" { "" } else { pool };
        let expense = |p: &Leg| p.is(AccountType::Expenses, commodity, grant_pool);
        let mut paid_found = 0i128;
        for txn in cell("payment_txns").split_whitespace() {
            match (ledger.named.get(txn), ledger.dates.get(txn)) {
                (Some(t), _) => {
                    let tranche: i128 = t
                        .postings
                        .iter()
                        .filter(|p| expense(p) && p.amount > 0)
                        .map(|p| p.amount)
                        .sum();
                    if tranche == 0 {
                        checker.find(
                            codes::PAYMENTS,
                            GRANTS,
                            line,
                            format!("{label}: txn {txn} of payment_txns pays nothing to an expense account of pool {pool} in {commodity}"),
                        );
                    }
                    paid_found += tranche;
                }
                (None, Some(Some(date))) if *date > facts.to => checker.find(
                    codes::PAYMENTS,
                    GRANTS,
                    line,
                    format!("{label}: txn {txn} of payment_txns is dated after the period"),
                ),
                _ => {}
            }
        }
        if paid_found != paid_in_period {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!(
                    "{label}: paid_in_period is {}, but its tranches in {JOURNAL} dated within the period add up to {}",
                    cell("paid_in_period"),
                    format_minor(paid_found, book.decimals.get(commodity).copied().unwrap_or(0))
                ),
            );
        }
        if let (Some(t), Some(returned)) = (ledger.named.get(cell("return_txn")), returned) {
            let back: i128 = t
                .postings
                .iter()
                .filter(|p| expense(p) && p.amount < 0)
                .map(|p| -p.amount)
                .sum();
            if back != returned {
                checker.find(
                    codes::PAYMENTS,
                    GRANTS,
                    line,
                    format!(
                        "{label}: returned is {}, but its return_txn gives back another amount",
                        cell("returned")
                    ),
                );
            }
        }
    }
    for (label, list) in casts {
        for c in list {
            checker.find(
                codes::VOTES,
                VOTES,
                c.line,
                format!("a vote on {label}, which is not in {GRANTS}"),
            );
        }
    }
    (committed, labels.len() as u64)
}

fn check_roles(table: &Table, checker: &mut Checker) {
    for rec in &table.rows {
        let role = table.get(rec, "role");
        if !["treasurer", "steward", "member"].contains(&role) {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                format!("role {role:?} is none of treasurer, steward, member"),
            );
        }
        let from = parse_date(table.get(rec, "from")).ok();
        let until = table.get(rec, "until");
        let until_day = if until.is_empty() {
            None
        } else {
            parse_date(until).ok()
        };
        if from.is_none() || (!until.is_empty() && until_day.is_none()) {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                "from and until are YYYY-MM-DD days (until may be empty)",
            );
        } else if let (Some(from), Some(until)) = (from, until_day)
            && until < from
        {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                "the term ends before it starts",
            );
        }
        if table.get(rec, "member").is_empty() {
            checker.find(codes::CELL, ROLES, rec.line, "a term without a member");
        }
    }
}

fn check_contributors(table: &Table, book: &Book, ledger: Option<&Ledger>, checker: &mut Checker) {
    for rec in &table.rows {
        let txn = table.get(rec, "txn");
        let commodity = table.get(rec, "commodity");
        let pool = table.get(rec, "pool");
        let amount = book.amount(
            checker,
            CONTRIBUTORS,
            rec.line,
            "amount",
            table.get(rec, "amount"),
            commodity,
        );
        if table.get(rec, "contributor").is_empty() || table.get(rec, "kind").is_empty() {
            checker.find(
                codes::CELL,
                CONTRIBUTORS,
                rec.line,
                "contributor and kind are never empty",
            );
        }
        let voided_by = table.get(rec, "voided_by");
        let Some(ledger) = ledger else { continue };
        let Some(t) = ledger.named.get(txn) else {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} is not a transaction of {JOURNAL} dated within the period"),
            );
            continue;
        };
        if t.date != table.get(rec, "date") {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} is dated {} in {JOURNAL}", t.date),
            );
        }
        let posting_pool = if pool == "general" { "" } else { pool };
        let income: i128 = t
            .postings
            .iter()
            .filter(|p| p.is(AccountType::Income, commodity, posting_pool))
            .map(|p| -p.amount)
            .sum();
        if amount.is_some_and(|a| a != income) {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} credits income of pool {pool} in {commodity} with another amount in {JOURNAL}"),
            );
        }
        if !voided_by.is_empty()
            && ledger
                .named
                .get(voided_by)
                .is_none_or(|v| v.reverses != txn)
        {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("voided_by {voided_by} is not a void of txn {txn} in {JOURNAL} dated within the period"),
            );
        }
        if let Some(void) = ledger.voids.get(txn)
            && void != voided_by
        {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!(
                    "txn {void} of {JOURNAL} voids this contribution, but voided_by does not say so"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_must_be_written_canonically() {
        assert_eq!(minor("250.00", 2), Some(25000));
        assert_eq!(minor("-0.05", 2), Some(-5));
        assert_eq!(minor("12", 0), Some(12));
        for bad in ["250", "250.0", "+1.00", "1,000.00", "1e3", "", "2.500"] {
            assert_eq!(minor(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn stamps_are_exact() {
        assert!(parse_stamp("2026-03-04T10:00:00").is_some());
        assert!(parse_stamp("2026-03-04T10:00").is_none());
        assert!(parse_stamp("2026-03-04 10:00:00").is_none());
    }
}
