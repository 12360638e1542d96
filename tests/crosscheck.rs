//! Cross-check against an independent tool: fondo's balances must equal
//! hledger's, for every account and commodity, on a generated journal.
//!
//! The journal comes from the benchmark generator (`examples/gen_journal.rs`,
//! included here as a module); the same CSV is imported by the real `fondo`
//! binary and converted to an hledger journal by the few lines below, which
//! share no parsing with fondo. The comparisons need hledger (`apt-get
//! install hledger`); without it they are skipped with a `skipped: …` line
//! (see `tests/common/oracle.rs`), and with `FONDO_REQUIRE_ORACLES=1`, as
//! on CI, they fail instead.

#[allow(dead_code)] // Its `main` and usage text are for the example binary.
#[path = "../examples/gen_journal.rs"]
mod gen_journal;

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use rust_decimal::Decimal;

const FONDO: &str = env!("CARGO_BIN_EXE_fondo");

/// (account, commodity) → balance.
type Balances = BTreeMap<(String, String), Decimal>;

fn run(cmd: &mut Command) -> Output {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    assert!(
        output.status.success(),
        "{cmd:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// hledger, when it is installed (see [`common::oracle`]).
fn hledger() -> Option<PathBuf> {
    common::oracle("hledger", "apt-get install hledger")
}

fn fondo(db: &Path) -> Command {
    let mut cmd = Command::new(FONDO);
    cmd.arg("--db").arg(db).env_remove("FONDO_DB");
    cmd
}

/// Writes the journal CSV as an hledger journal. Deliberately naive: amounts
/// and commodities are copied as text, one transaction per run of equal `txn`.
fn to_hledger(csv_path: &Path, out_path: &Path) {
    let mut reader = csv::Reader::from_path(csv_path).expect("readable journal CSV");
    let mut out = BufWriter::new(File::create(out_path).expect("writable temp dir"));
    writeln!(out, "decimal-mark .").unwrap();
    let mut current = None;
    for record in reader.records() {
        let record = record.expect("well-formed journal CSV");
        let field = |i: usize| record.get(i).expect("the six required columns");
        if current.as_deref() != Some(field(0)) {
            current = Some(field(0).to_owned());
            let description = field(2).replace(';', ",");
            writeln!(out, "\n{} {}", field(1), description.trim()).unwrap();
        }
        let commodity = field(5);
        let commodity = if commodity.chars().all(|c| c.is_ascii_alphabetic()) {
            commodity.to_owned()
        } else {
            format!("\"{commodity}\"")
        };
        writeln!(out, "    {}  {} {commodity}", field(3), field(4)).unwrap();
    }
    out.flush().unwrap();
}

/// Parses `account,commodity,balance` CSV (fondo's and hledger's bare layout).
fn parse_balances(source: &str, csv_text: &[u8]) -> Balances {
    let mut reader = csv::Reader::from_reader(csv_text);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["account", "commodity", "balance"],
        "{source}'s CSV header"
    );
    let mut balances = Balances::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{source}: bad CSV: {e}"));
        let amount = Decimal::from_str(&record[2])
            .unwrap_or_else(|e| panic!("{source}: bad amount {:?}: {e}", &record[2]));
        if !amount.is_zero() {
            let key = (record[0].to_owned(), record[1].trim_matches('"').to_owned());
            assert!(
                balances.insert(key.clone(), amount).is_none(),
                "{source} lists {key:?} twice"
            );
        }
    }
    balances
}

fn assert_same(what: &str, ours: &Balances, theirs: &Balances) {
    let keys: BTreeSet<_> = ours.keys().chain(theirs.keys()).collect();
    let differences: Vec<String> = keys
        .into_iter()
        .filter(|k| ours.get(*k) != theirs.get(*k))
        .map(|(account, commodity)| {
            let key = (account.clone(), commodity.clone());
            format!(
                "  {account} {commodity}: fondo {:?}, hledger {:?}",
                ours.get(&key),
                theirs.get(&key)
            )
        })
        .collect();
    assert!(
        differences.is_empty(),
        "{what}: fondo and hledger disagree on {} of {} balances:\n{}",
        differences.len(),
        ours.len().max(theirs.len()),
        differences.join("\n")
    );
}

/// Imports `journal` into a fresh database and compares balances with
/// those of `hledger`, for all dates and as of `as_of`. Returns the number
/// of balances compared.
fn crosscheck(hledger: &Path, journal: &Path, as_of: &str, day_after: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fondo.db");
    run(fondo(&db).arg("init"));
    run(fondo(&db).arg("journal").arg("import").arg(journal));
    let ledger = dir.path().join("journal.hledger");
    to_hledger(journal, &ledger);

    let mut compared = 0;
    for (what, fondo_args, hledger_args) in [
        ("all dates", vec![], vec![]),
        (
            "as of a middle day",
            vec!["--as-of", as_of],
            vec!["-e", day_after],
        ),
    ] {
        let ours = run(fondo(&db)
            .args(["balance", "--format", "csv"])
            .args(&fondo_args));
        let theirs = run(Command::new(hledger)
            .arg("-f")
            .arg(&ledger)
            .args(["bal", "--flat", "--layout=bare", "-N", "-O", "csv"])
            .args(&hledger_args));
        let ours = parse_balances("fondo", &ours.stdout);
        let theirs = parse_balances("hledger", &theirs.stdout);
        assert!(!ours.is_empty(), "{what}: fondo reported no balances");
        assert_same(what, &ours, &theirs);
        compared += ours.len();
    }
    let verify = run(fondo(&db).arg("verify"));
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("fingerprint: "),
        "verify prints the fingerprint"
    );
    compared
}

fn generated(dir: &Path, transactions: u64, seed: u64) -> PathBuf {
    let path = dir.join(format!("generated-{transactions}-{seed}.csv"));
    let file = BufWriter::new(File::create(&path).unwrap());
    gen_journal::write_journal(file, transactions, seed).unwrap();
    path
}

#[test]
fn generated_journal_balances_match_hledger() {
    let Some(hledger) = hledger() else { return };
    let dir = tempfile::tempdir().unwrap();
    let journal = generated(dir.path(), 2_000, 7);
    let compared = crosscheck(&hledger, &journal, "2023-07-02", "2023-07-03");
    // ~50 accounts, most of them in all three currencies.
    assert!(compared > 150, "only {compared} balances compared");
}

#[test]
fn example_journal_balances_match_hledger() {
    let Some(hledger) = hledger() else { return };
    let journal = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/barrio-journal.csv");
    crosscheck(&hledger, &journal, "2026-02-14", "2026-02-15");
}

/// A transaction read back from generated CSV: key, date, postings
/// (account, commodity, amount).
type GeneratedTxn = (String, String, Vec<(String, String, Decimal)>);

/// The generator's promises, checked on its output rather than trusted:
/// 2–4 postings, every transaction balanced per commodity, dates ascending
/// over five years, three currencies, about 50 accounts, same seed same bytes.
#[test]
fn generated_journal_is_well_formed() {
    let mut bytes = Vec::new();
    gen_journal::write_journal(&mut bytes, 5_000, 11).unwrap();
    let mut again = Vec::new();
    gen_journal::write_journal(&mut again, 5_000, 11).unwrap();
    assert!(bytes == again, "the generator is deterministic");

    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        gen_journal::HEADER
    );
    let mut txns: Vec<GeneratedTxn> = Vec::new();
    for record in reader.records() {
        let r = record.unwrap();
        let amount = Decimal::from_str(&r[4]).unwrap();
        assert_eq!(amount.scale(), 2, "two decimal places: {:?}", &r[4]);
        let posting = (r[3].to_owned(), r[5].to_owned(), amount);
        match txns.last_mut() {
            Some((key, _, postings)) if *key == r[0] => postings.push(posting),
            _ => txns.push((r[0].to_owned(), r[1].to_owned(), vec![posting])),
        }
    }
    assert_eq!(txns.len(), 5_000);
    let mut accounts = BTreeSet::new();
    let mut commodities = BTreeSet::new();
    for (key, _, postings) in &txns {
        assert!(
            (2..=4).contains(&postings.len()),
            "txn {key} has {} postings",
            postings.len()
        );
        let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
        for (account, commodity, amount) in postings {
            accounts.insert(account.as_str());
            commodities.insert(commodity.as_str());
            *sums.entry(commodity).or_default() += amount;
        }
        assert!(
            sums.values().all(Decimal::is_zero),
            "txn {key} does not balance: {sums:?}"
        );
    }
    assert!(txns.windows(2).all(|w| w[0].1 <= w[1].1), "dates ascend");
    assert_eq!(txns[0].1, "2021-01-01");
    assert!(txns.last().unwrap().1.starts_with("2025-12"));
    assert_eq!(commodities, BTreeSet::from(["EUR", "MXN", "USD"]));
    assert!(
        (45..=55).contains(&accounts.len()),
        "{} accounts",
        accounts.len()
    );
}

/// `import statement --hledger-rules` against hledger reading the same
/// statement with the same rules file (`examples/statements/coop-bank-*`):
/// both books must have the same balance in every account.
#[test]
fn hledger_rules_import_agrees_with_hledger() {
    let Some(hledger) = hledger() else { return };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/statements");
    let csv = examples.join("coop-bank-2026-03.csv");
    let rules = examples.join("coop-bank-2026-03.csv.rules");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("fund.db");
    for args in [
        &["init", "--quiet"][..],
        &["commodity", "add", "GBP", "--decimals", "2"],
        &["account", "add", "assets:bank:gbp"],
    ] {
        run(fondo(&db).args(args));
    }
    run(fondo(&db)
        .args(["import", "statement"])
        .arg(&csv)
        .arg("--hledger-rules")
        .arg(&rules));
    let ours = run(fondo(&db).args(["balance", "--format", "csv"]));
    let theirs = run(Command::new(hledger)
        .arg("-f")
        .arg(&csv)
        .arg("--rules-file")
        .arg(&rules)
        .args(["balance", "-N", "--layout=bare", "-O", "csv"]));
    let ours = String::from_utf8_lossy(&ours.stdout).replace('"', "");
    let theirs = String::from_utf8_lossy(&theirs.stdout)
        .replace('"', "")
        .replace("\r\n", "\n");
    assert_eq!(
        ours.lines().skip(1).collect::<Vec<_>>(),
        theirs.lines().skip(1).collect::<Vec<_>>()
    );
    assert!(ours.contains("assets:bank:gbp,GBP,1097.66\n"), "{ours}");
}
