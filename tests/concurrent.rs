//! Concurrent treasurers: several `fondo` processes write to one database at
//! once while others read it.
//!
//! Each writer is a thread that runs the real binary again and again for a
//! bounded time: a post, a contribution, a steward's vote on an open grant,
//! and a journal import of its own small file (and, once, the same shared
//! file every writer imports under the same source). Readers run `balance`,
//! `journal export` and `verify` meanwhile. Afterwards:
//!
//! - every command succeeded (no "database is locked" reached anyone: writers
//!   queue on SQLite's busy timeout, each behind the others' `BEGIN
//!   IMMEDIATE`),
//! - the counts are exactly what the writers did: every post is in the
//!   journal once with the id it printed, every contribution, vote and
//!   import is one governance record, the shared file was imported exactly
//!   once,
//! - the chain verifies,
//! - every read saw one consistent state: each balance report sums to zero
//!   per commodity, each export's chain recomputes link by link, balances to
//!   zero and has no gap, each `verify` was clean, and no reader ever saw the
//!   journal shrink.
//!
//! `FONDO_CONCURRENT_WRITERS` (2 to 8, default 4) and
//! `FONDO_CONCURRENT_SECS` (default 3) set the load.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{Fund, csv_rows, run_on};
use fondo::domain::hash::{Content, GENESIS, TxnSalts, hash_v2};
use rust_decimal::Decimal;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |text| {
        text.parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, got {text:?}"))
    })
}

/// What one writer did.
#[derive(Debug, Default)]
struct Done {
    /// (description, id printed) of every post.
    posts: Vec<(String, i64)>,
    contributions: u64,
    votes: u64,
    /// Imports of the writer's own files (3 transactions each).
    imports: u64,
}

/// Runs fondo and insists on success: a failure here is what the test is
/// about, so it carries the command and its message.
fn must(db: &Path, args: &[&str]) -> String {
    let run = run_on(db, args);
    assert_eq!(
        run.code, 0,
        "{args:?} failed under load:\n{}{}",
        run.stdout, run.stderr
    );
    run.stdout
}

/// A journal file of three balanced transactions, unique to its name.
fn small_journal(dir: &Path, name: &str) -> PathBuf {
    let mut text = String::from(common::HEADER);
    text.push('\n');
    for t in 1..=3 {
        text.push_str(&format!(
            "{t},2026-03-03,{name} txn {t},assets:bank:usd,0.{t}0,USD\n\
             {t},2026-03-03,{name} txn {t},income:gifts,-0.{t}0,USD\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writing a journal");
    path
}

fn writer(db: &Path, dir: &Path, i: usize, deadline: Instant, shared: &Path) -> Done {
    let mut done = Done::default();
    let me = format!("W{i}");
    // Every writer imports the same file under the same source: exactly one
    // of them adds its transactions, the others find them already there.
    must(db, &["journal", "import", &shared.display().to_string()]);
    let mut k = 0;
    loop {
        let description = format!("w{i} post {k}");
        let id = must(
            db,
            &[
                "post",
                &description,
                "--date",
                "2026-03-01",
                "-p",
                "assets:bank:usd=1.00 USD",
                "-p",
                "income:gifts",
            ],
        );
        let id = id.trim().parse().expect("post prints the id");
        done.posts.push((description, id));

        must(
            db,
            &[
                "contribute",
                "2.00",
                "USD",
                "--from",
                &me,
                "--date",
                "2026-03-02",
            ],
        );
        done.contributions += 1;

        // Votes are taken now: a vote that waited for another treasurer's
        // must still be dated after it.
        let vote = if k % 2 == 0 { "consent" } else { "abstain" };
        must(db, &["grant", "vote", "G-0001", vote, "--as", &me]);
        done.votes += 1;

        let file = small_journal(dir, &format!("w{i}-{k}.csv"));
        must(db, &["journal", "import", &file.display().to_string()]);
        done.imports += 1;

        k += 1;
        if Instant::now() >= deadline {
            return done;
        }
    }
}

/// What one reader saw.
#[derive(Debug, Default)]
struct Seen {
    balances: u64,
    exports: u64,
    verifies: u64,
}

/// Checks one `balance --format csv`: every commodity sums to zero.
fn check_balance(csv: &str) {
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in csv_rows(csv) {
        let amount: Decimal = row[2].parse().expect("a decimal balance");
        *sums.entry(row[1].clone()).or_default() += amount;
    }
    for (commodity, sum) in sums {
        assert!(
            sum.is_zero(),
            "a balance report sums to {sum} {commodity}:\n{csv}"
        );
    }
}

/// Checks one `journal export` and returns its number of transactions: the
/// chain recomputes from the rows, each transaction and the whole journal
/// balance, and the ids run 1, 2, … without a gap.
fn check_export(csv: &str) -> usize {
    let rows = csv_rows(csv);
    let mut groups: Vec<Vec<&Vec<String>>> = Vec::new();
    for row in &rows {
        match groups.last_mut() {
            Some(group) if group[0][0] == row[0] => group.push(row),
            _ => groups.push(vec![row]),
        }
    }
    let mut prev = GENESIS.to_owned();
    let mut hashes: HashMap<&str, String> = HashMap::new();
    let mut total: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (n, group) in groups.iter().enumerate() {
        let first = group[0];
        assert_eq!(first[0], (n + 1).to_string(), "a gap in the journal");
        assert_eq!(first[11], prev, "txn {}: prev_hash", first[0]);
        let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
        for row in group {
            let amount: Decimal = row[4].parse().expect("a decimal amount");
            *sums.entry(&row[5]).or_default() += amount;
            *total.entry(&row[5]).or_default() += amount;
        }
        assert!(
            sums.values().all(Decimal::is_zero),
            "txn {} does not balance",
            first[0]
        );
        let reverses = match first[10].as_str() {
            "" => String::new(),
            original => hashes[original].clone(),
        };
        let content = Content {
            date: &first[1],
            description: &first[2],
            payee: &first[6],
            reference: &first[7],
            reverses: &reverses,
            postings: group
                .iter()
                .map(|r| {
                    (
                        r[3].as_str(),
                        r[5].as_str(),
                        r[4].clone(),
                        r[8].as_str(),
                        r[9].as_str(),
                    )
                })
                .collect(),
        };
        // Rows are in the v2 form, their salts stated in the export.
        assert_eq!(first[13], "fondo-txn-v2", "txn {}: form", first[0]);
        let salts = TxnSalts {
            description: first[14].clone(),
            payee: first[15].clone(),
            reference: first[16].clone(),
            postings: group
                .iter()
                .map(|r| [r[17].clone(), r[18].clone(), r[19].clone()])
                .collect(),
        };
        let hash = hash_v2(&prev, &content, &salts.seal(&content));
        assert_eq!(first[12], hash, "txn {}: hash", first[0]);
        hashes.insert(&first[0], hash.clone());
        prev = hash;
    }
    assert!(
        total.values().all(Decimal::is_zero),
        "an export does not balance"
    );
    groups.len()
}

fn reader(db: &Path, stop: &AtomicBool) -> Seen {
    let mut seen = Seen::default();
    let mut last = 0;
    while !stop.load(Ordering::Relaxed) {
        check_balance(&must(db, &["balance", "--format", "csv"]));
        seen.balances += 1;
        let count = check_export(&must(db, &["journal", "export"]));
        assert!(count >= last, "the journal shrank from {last} to {count}");
        last = count;
        seen.exports += 1;
        let verify = must(db, &["verify"]);
        assert!(verify.contains("no findings"), "{verify}");
        seen.verifies += 1;
    }
    seen
}

/// `verify`'s counts: (transactions, governance records).
fn counts(db: &Path) -> (u64, u64) {
    let out = must(db, &["verify"]);
    let first = out.lines().next().unwrap_or_default();
    assert!(first.ends_with("no findings"), "{out}");
    let numbers: Vec<u64> = first
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[2])
}

#[test]
fn writers_and_readers_at_once_lose_nothing_and_see_consistent_books() {
    let writers = usize::try_from(setting("FONDO_CONCURRENT_WRITERS", 4).clamp(2, 8))
        .expect("a small number");
    let secs = setting("FONDO_CONCURRENT_SECS", 3);
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank:usd", "income:gifts"]);
    fund.ok(&["setting", "set", "contribution-account", "assets:bank:usd"]);
    fund.ok(&["pool", "add", "housing", "--purpose", "Rent relief"]);
    fund.ok(&["member", "add", "Zoe"]);
    for i in 0..writers {
        let me = format!("W{i}");
        fund.ok(&["member", "add", &me]);
        fund.ok(&["role", "assign", &me, "steward", "--from", "2026-01-01"]);
    }
    fund.ok(&[
        "policy",
        "set",
        "housing",
        "--rule",
        "consent",
        "--min-consents",
        "8",
        "--window",
        "2w",
    ]);
    fund.ok(&[
        "contribute",
        "500.00",
        "USD",
        "--from",
        "Zoe",
        "--pool",
        "housing",
        "--date",
        "2026-03-01",
    ]);
    fund.ok(&[
        "grant",
        "apply",
        "--applicant",
        "Zoe",
        "--pool",
        "housing",
        "--amount",
        "100",
        "USD",
        "--purpose",
        "Rent",
    ]);
    let shared = small_journal(fund.dir.path(), "shared.csv");
    let (base_txns, base_records) = counts(&fund.db);

    let db = Arc::new(fund.db.clone());
    let dir = Arc::new(fund.dir.path().to_owned());
    let shared = Arc::new(shared);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (db, stop) = (Arc::clone(&db), Arc::clone(&stop));
            thread::spawn(move || reader(&db, &stop))
        })
        .collect();
    let done = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..writers)
        .map(|i| {
            let (db, dir, shared, done) = (
                Arc::clone(&db),
                Arc::clone(&dir),
                Arc::clone(&shared),
                Arc::clone(&done),
            );
            thread::spawn(move || {
                let did = writer(&db, &dir, i, deadline, &shared);
                done.lock().expect("no writer panicked").push(did);
            })
        })
        .collect();
    let mut failures = Vec::new();
    for handle in handles {
        if let Err(e) = handle.join() {
            failures.push(e);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut seen = Seen::default();
    for handle in readers {
        match handle.join() {
            Ok(s) => {
                seen.balances += s.balances;
                seen.exports += s.exports;
                seen.verifies += s.verifies;
            }
            Err(e) => failures.push(e),
        }
    }
    if let Some(e) = failures.pop() {
        std::panic::resume_unwind(e);
    }

    let done = done.lock().expect("the writers finished");
    let posts: Vec<&(String, i64)> = done.iter().flat_map(|d| &d.posts).collect();
    let contributions: u64 = done.iter().map(|d| d.contributions).sum();
    let votes: u64 = done.iter().map(|d| d.votes).sum();
    let imports: u64 = done.iter().map(|d| d.imports).sum();
    let (txns, records) = counts(&fund.db);
    assert_eq!(
        txns,
        base_txns + posts.len() as u64 + contributions + 3 * imports + 3,
        "transactions: {} posts, {contributions} contributions, {imports} imports of 3 and the shared file's 3",
        posts.len()
    );
    // Each contribution is recorded in the governance chain, as is each vote
    // and each import that added keys (the writers' own and the shared one).
    assert_eq!(records, base_records + contributions + votes + imports + 1);

    // Every post is in the journal once, under the id it printed.
    let export = fund.export();
    let mut by_description: HashMap<&str, Vec<i64>> = HashMap::new();
    let rows = csv_rows(&export);
    for row in &rows {
        if row[3] == "assets:bank:usd" {
            let id = row[0].parse().expect("an id");
            by_description.entry(&row[2]).or_default().push(id);
        }
    }
    for (description, id) in &posts {
        assert_eq!(
            by_description.get(description.as_str()),
            Some(&vec![*id]),
            "{description}"
        );
    }
    assert_eq!(
        by_description.get("shared.csv txn 1").map(Vec::len),
        Some(1),
        "the shared file was imported exactly once"
    );
    assert_eq!(check_export(&export) as u64, txns);
    println!(
        "{writers} writers for {secs}s: {} posts, {contributions} contributions, {votes} votes, {imports} imports; readers: {} balances, {} exports, {} verifies",
        posts.len(),
        seen.balances,
        seen.exports,
        seen.verifies
    );
    assert!(
        seen.exports > 0 && seen.verifies > 0,
        "the readers ran during the writes"
    );
}
