//! `fondo verify --bundle`: checks an audit bundle offline, from its files
//! alone.
//!
//! Every file is parsed with the `csv` crate and its header compared with
//! the specification in [`crate::domain::bundle::FILES`]. The small files are read whole;
//! `journal.csv` and `reversed.csv` are streamed twice (a first pass for
//! their digests, rows and the transactions their voids reverse, a second
//! for the chain), holding one transaction at a time and only the others
//! that voids or other files name, so memory is bounded by the fund's
//! accounts and the period's grants and contributions, not by the length of
//! the journal. Then, in order: the manifest (digests, row counts, no file
//! missing or extra), `BUNDLE.csv`, every cell's shape
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
//!
//! Here: the findings and the order of the checks ([`check_signed`]).
//! Reading the files is in `files`; the manifest, `BUNDLE.csv` and the
//! README in `manifest`; what `accounts.csv`, `commodities.csv` and
//! `pools.csv` declare in `book`; the journal files and their chain in
//! `journal`; the grants in `grants`; the balances, pools, contributors and
//! roles in `figures`; `transfers.csv` in `transfers`.
//!
//! Rule: the checker reads files only, never a database; every problem is a
//! finding (a [`Finding`] with a stable B1xx code) and none stops the check.

mod ballots;
mod book;
mod derive;
mod figures;
mod files;
mod grants;
mod journal;
mod manifest;
mod purchases;
mod records;
mod signature;
mod transfers;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sha2::{Digest, Sha256};

pub use crate::audit::finding::Finding;
use crate::audit::finding::{Code, Location};
use crate::domain::bundle::{
    BUNDLE, FILES, FUND_SIGNERS, JOURNAL, MANIFEST, REVERSED, SIGNATURE, TRANSFERS, is_extra_file,
};
use crate::domain::hash::hex;
use crate::domain::keys::MemberKey;
use crate::domain::money::{format_minor, parse_decimal};
use crate::error::{BundleRefusal, Error, Result};
use book::Book;
use figures::{check_balances, check_contributors, check_pools, check_roles};
use files::{Rec, Table, Tables, joined, named_txns, read_extras};
use grants::check_grants;
use journal::{Chain, Ledger, Scan, check_reversed, scan, stream_txns};
use manifest::{Facts, check_facts, check_manifest, check_readme};
use transfers::check_transfers;

/// The finding codes.
pub mod codes {
    use crate::audit::finding::Code;

    /// A file is missing or is not readable UTF-8 CSV.
    pub const UNREADABLE: Code = Code::B101;
    /// A file's SHA-256 is not the one in MANIFEST.csv.
    pub const DIGEST: Code = Code::B102;
    /// A file's number of rows is not the one in MANIFEST.csv.
    pub const ROWS: Code = Code::B103;
    /// MANIFEST.csv leaves a file out, lists one twice or lists an unknown
    /// one, or the directory holds a file that is not part of the bundle.
    pub const MANIFEST: Code = Code::B104;
    /// A file's columns are not the specified ones (or a row has too many
    /// or too few cells).
    pub const COLUMNS: Code = Code::B105;
    /// A cell is malformed: a date, amount, hash, number or word that is
    /// not as specified, a duplicate row, or a name no other file knows.
    pub const CELL: Code = Code::B106;
    /// A transaction's content does not match its hash.
    pub const HASH: Code = Code::B107;
    /// The chain does not link: a previous hash that is not the hash
    /// before it, or a stretch that does not start or end as stated.
    pub const CHAIN: Code = Code::B108;
    /// A transaction does not add up to zero per commodity.
    pub const UNBALANCED: Code = Code::B109;
    /// A void whose original is missing or that does not mirror it.
    pub const VOID: Code = Code::B110;
    /// balances.csv does not add up by itself.
    pub const BALANCES: Code = Code::B111;
    /// balances.csv disagrees with the postings of journal.csv.
    pub const BALANCES_JOURNAL: Code = Code::B112;
    /// pools.csv does not add up, or disagrees with the journal, the
    /// balances or the grants.
    pub const POOLS: Code = Code::B113;
    /// A grant's counts disagree with votes.csv.
    pub const VOTES: Code = Code::B114;
    /// A grant disagrees with its policy: its rule, its window, or the
    /// decision its votes give.
    pub const DECISION: Code = Code::B115;
    /// A grant's money disagrees with itself or with the journal.
    pub const PAYMENTS: Code = Code::B116;
    /// contributors.csv disagrees with the journal.
    pub const CONTRIBUTIONS: Code = Code::B117;
    /// BUNDLE.csv or README.txt is not as specified.
    pub const METADATA: Code = Code::B118;
    /// A posting to an account that was closed by its date.
    pub const CLOSED_ACCOUNT: Code = Code::B119;
    /// purchases.csv disagrees with itself or with the journal.
    pub const PURCHASES: Code = Code::B120;
    /// A transaction in the v1 form after one in the v2 form.
    pub const FORM_BACK: Code = Code::B130;
    /// MANIFEST.csv.sig is not a good signature of MANIFEST.csv by a key
    /// fund_signers states, or fund_signers cannot be read.
    pub const SIGNATURE: Code = Code::B131;
    /// The auditor's key was required and the bundle is not signed by it.
    pub const SIGNER: Code = Code::B132;
    /// fund_signers is there but MANIFEST.csv.sig is not.
    pub const UNSIGNED: Code = Code::B133;
    /// A record of records.csv does not match its hash.
    pub const RECORD_HASH: Code = Code::B134;
    /// records.csv does not link from the genesis hash to the records head
    /// and count of BUNDLE.csv.
    pub const RECORDS_CHAIN: Code = Code::B135;
    /// A record in the v1 form after one in the v2 form.
    pub const RECORD_FORM_BACK: Code = Code::B136;
    /// A row of roles.csv, policies.csv, grants.csv, votes.csv or
    /// contributors.csv is not what records.csv gives, or one it gives is
    /// missing.
    pub const DERIVED: Code = Code::B137;
    /// A vote in records.csv by the grant's applicant or by a member who was
    /// no steward on its day.
    pub const VOTER: Code = Code::B138;
    /// allowed_signers or a ballot file is not the copy of records.csv's
    /// keys and signed ballots it must be, or one is missing.
    pub const BALLOTS: Code = Code::B139;
    /// transfers.csv is not what journal.csv states.
    pub const TRANSFERS: Code = Code::B140;
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
    /// Records of records.csv whose hash recomputed.
    pub records: u64,
    /// The rows of BUNDLE.csv, by key.
    pub facts: BTreeMap<String, String>,
    /// The SHA-256 of MANIFEST.csv (empty when it is missing).
    pub manifest_sha256: String,
    /// The last hash recomputed from journal.csv's content, from the stated
    /// previous hash (the previous hash itself when the journal is empty).
    pub journal_head: String,
    /// The fingerprint of the key of a good MANIFEST.csv.sig.
    pub signed_by: Option<String>,
}

struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    fn find(&mut self, code: Code, file: &str, line: u64, message: impl Into<String>) {
        self.findings.push(Finding {
            code,
            location: Location::Line {
                file: file.to_owned(),
                line,
            },
            message: shorten(message.into()),
        });
    }
}

/// A message quoting a huge cell or header keeps its start and its end
/// (where it says what is wrong), so the findings of a bundle with a 10 MB
/// cell stay readable and small.
fn shorten(message: String) -> String {
    const KEEP: usize = 300;
    let count = message.chars().count();
    if count <= 2 * KEEP + 100 {
        return message;
    }
    let head: String = message.chars().take(KEEP).collect();
    let tail: String = message.chars().skip(count - KEEP).collect();
    format!("{head}… ({} characters left out) …{tail}", count - 2 * KEEP)
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

/// A whole number written as the bundle writes them: decimal digits only,
/// without a sign, spaces or a leading zero (`0` itself aside), so that
/// every number has one spelling, as amounts, days and hashes have.
fn whole<T: std::str::FromStr>(text: &str) -> Option<T> {
    let canonical = text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || (!text.is_empty() && !text.starts_with('0')));
    canonical.then(|| text.parse().ok()).flatten()
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

/// Reads the bundle in `dir` and checks it, its signature too when it is
/// signed.
///
/// Fails only when `dir` cannot be read as a bundle at all: it does not
/// exist, is not a directory, cannot be listed, or holds neither BUNDLE.csv
/// nor MANIFEST.csv. Everything else is a finding.
pub fn check(dir: &Path) -> Result<BundleCheck> {
    check_signed(dir, None)
}

/// As [`check`], and with `signer`, the fund's key as the auditor got it
/// from the fund, requires MANIFEST.csv.sig made by exactly that key.
///
/// # Errors
/// As [`check`].
pub fn check_signed(dir: &Path, signer: Option<&MemberKey>) -> Result<BundleCheck> {
    let unreadable = |source| Error::Io {
        context: format!("reading the bundle {}", dir.display()),
        source,
    };
    let meta = fs::metadata(dir).map_err(unreadable)?;
    if !meta.is_dir() {
        return Err(BundleRefusal::NotDirectory {
            path: dir.display().to_string(),
        }
        .into());
    }
    // Each name, and whether it is a regular file (links not followed).
    let mut present = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        present.insert(entry.file_name().to_string_lossy().into_owned(), regular);
    }
    if !present.contains_key(BUNDLE) && !present.contains_key(MANIFEST) {
        return Err(BundleRefusal::NotBundle {
            path: dir.display().to_string(),
            bundle: BUNDLE,
            manifest: MANIFEST,
        }
        .into());
    }
    let mut checker = Checker {
        findings: Vec::new(),
    };
    let mut result = BundleCheck::default();

    // Every file: its digest, rows and (for CSV) its table. The journal
    // files are streamed, here and when their chain is walked.
    let mut digests: HashMap<&str, String> = HashMap::new();
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let mut tables = Tables::default();
    let mut scans: HashMap<&str, Scan> = HashMap::new();
    let mut readme_text = None;
    for spec in FILES {
        match present.get(spec.name) {
            // Whether it must be there depends on the format BUNDLE.csv
            // states (v2 bundles have none): judged once that is read.
            None if spec.name == TRANSFERS => continue,
            None => {
                checker.find(
                    codes::UNREADABLE,
                    spec.name,
                    0,
                    "is missing from the bundle",
                );
                continue;
            }
            // A FIFO would block the check and a device or a link could
            // make it read without end, or read what is not the bundle.
            Some(false) => {
                checker.find(
                    codes::UNREADABLE,
                    spec.name,
                    0,
                    "is not a regular file (a directory, a link, a device or a pipe), so it was not read; a bundle holds plain files",
                );
                continue;
            }
            Some(true) => {}
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
        if let Some(count) = tables.read(spec.name, &text, &mut checker) {
            counts.insert(spec.name, count);
        }
    }
    let extras = read_extras(dir, &present, &mut digests, &mut counts, &mut checker);
    result.files += extras.len() as u64;
    let signers = extras.get(FUND_SIGNERS);
    for name in present.keys() {
        if !FILES.iter().any(|f| f.name == name) && name != SIGNATURE && !is_extra_file(name) {
            checker.find(
                codes::MANIFEST,
                name,
                0,
                "is not part of an audit bundle; a bundle holds exactly the files of its format",
            );
        }
    }
    result.manifest_sha256 = digests.get(MANIFEST).cloned().unwrap_or_default();
    if let Some(manifest) = &tables.manifest {
        check_manifest(manifest, &digests, &counts, &mut checker);
    }
    result.signed_by = signature::check_signature(
        dir,
        &present,
        signers.map(String::as_str),
        signer,
        &mut checker,
    );

    // BUNDLE.csv: what the rest is checked against.
    let Some(facts) = tables
        .facts
        .as_ref()
        .and_then(|t| check_facts(t, &mut checker))
    else {
        if tables.facts.is_none() {
            checker.find(
                codes::METADATA,
                BUNDLE,
                0,
                "cannot be read, so nothing past the manifest was checked",
            );
        }
        result.findings = checker.findings;
        return Ok(result);
    };
    result.facts = facts.raw.clone();
    if let Some(text) = &readme_text {
        check_readme(text, &facts, &mut checker);
    }

    let log = tables
        .records
        .as_ref()
        .map(|t| records::check_records(t, &facts, &mut checker));
    result.records = log.as_ref().map_or(0, |l| l.entries.len() as u64);
    let book = Book::load(&tables, &mut checker);
    let mut named = named_txns(&tables);
    if let Some(log) = &log {
        named.extend(
            log.entries
                .iter()
                .filter(|e| e.kind == "contribution")
                .filter_map(|e| e.payload["txn"].as_i64())
                .map(|t| t.to_string()),
        );
    }
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
            v2_seen: false,
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
    if let Some(balances) = &tables.balances {
        check_balances(balances, &book, journal_ok.then_some(&ledger), &mut checker);
    }
    let committed = tables.grants.as_ref().map(|grants| {
        let (committed, count) = check_grants(
            grants,
            tables.votes.as_ref(),
            tables.policies.as_ref(),
            &book,
            &facts,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
        result.grants = count;
        committed
    });
    result.votes = tables.votes.as_ref().map_or(0, |t| t.rows.len() as u64);
    if let Some(pools) = &tables.pools {
        check_pools(
            pools,
            &book,
            journal_ok.then_some(&ledger),
            tables.balances.as_ref(),
            committed.as_ref(),
            &mut checker,
        );
    }
    if let Some(roles) = &tables.roles {
        check_roles(roles, &mut checker);
    }
    if let Some(contributors) = &tables.contributors {
        check_contributors(
            contributors,
            &book,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
    }
    check_transfers(
        dir,
        &facts,
        present.contains_key(TRANSFERS),
        tables.transfers.as_ref(),
        journal_ok,
        &mut checker,
    );
    if let Some(log) = &log {
        ballots::check_ballots(&extras, log, &facts, &mut checker);
        derive::check_derived(
            log,
            &tables,
            &book,
            &facts,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
    }
    if let Some(purchases) = &tables.purchases {
        purchases::check_purchases(
            purchases,
            &book,
            journal_ok.then_some(&ledger),
            &mut checker,
        );
    }
    if let Some(items) = &tables.purchase_items {
        purchases::check_items(items, tables.purchases.as_ref(), &mut checker);
    }
    result.findings = checker.findings;
    Ok(result)
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
    fn whole_numbers_have_one_spelling() {
        assert_eq!(whole::<u32>("0"), Some(0));
        assert_eq!(whole::<u32>("15"), Some(15));
        for bad in ["", "015", "00", "+1", "-1", " 1", "1 ", "1.0", "4294967296"] {
            assert_eq!(whole::<u32>(bad), None, "{bad}");
        }
    }

    #[test]
    fn stamps_are_exact() {
        assert!(parse_stamp("2026-03-04T10:00:00").is_some());
        assert!(parse_stamp("2026-03-04T10:00").is_none());
        assert!(parse_stamp("2026-03-04 10:00:00").is_none());
    }
}
