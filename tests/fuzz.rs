//! Fuzzing of fondo's input parsers with proptest, through the library (the
//! code the binary runs, without a process per case). `cargo fuzz` needs a
//! nightly compiler, which CI does not have; proptest runs on stable, in
//! `cargo test`.
//!
//! The corpus is the example files of the repository: `examples/barrio-
//! journal.csv`, `examples/bank-statement-2026-02.csv`,
//! `examples/opencollective-2026-03.csv` and the map files in
//! `examples/maps/`. Each property mutates one of them (bytes replaced,
//! inserted and deleted, lines repeated, the file cut short, with bytes
//! that matter to CSV and TOML: separators, quotes, line ends, signs,
//! digits, NUL and invalid UTF-8), or feeds random bytes. Whatever the
//! input:
//!
//! - nothing panics;
//! - an import either succeeds, and then `verify` finds nothing, or fails
//!   with an error, and then every table is exactly as before (no partial
//!   write);
//! - a valid amount survives parsing and formatting unchanged.
//!
//! Failing inputs that proptest finds are saved in
//! `proptest-regressions/fuzz.txt` and replayed first on every run; commit
//! that file. `FONDO_FUZZ_CASES` sets the cases per property (default 32);
//! a longer pass: `FONDO_FUZZ_CASES=2000 cargo test --release --test fuzz`.

mod common;

use std::path::{Path, PathBuf};

use fondo::audit::verify::verify;
use fondo::domain::bankmap::{BankMap, parse_localized};
use fondo::domain::member::Visibility;
use fondo::domain::money::{Commodity, format_minor, parse_decimal, to_minor};
use fondo::ops::bank::import_contributions;
use fondo::ops::import::{ImportOptions, import_journal};
use fondo::ops::setup::{add_account, init};
use fondo::progress::NoProgress;
use fondo::store::{Access, Db};
use proptest::prelude::*;
use tempfile::TempDir;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn config() -> ProptestConfig {
    let cases = std::env::var("FONDO_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        max_shrink_iters: 500,
        ..ProptestConfig::default()
    }
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    RepeatLine(usize),
    Truncate(usize),
}

/// Bytes that matter to CSV, TOML and numbers, and a few that should not be
/// there at all.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b",;\"'\n\r\t-+.0129xX=[]#\\ \x00\xff\xc3".to_vec()),
        any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), interesting_byte()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        3 => (any::<usize>(), interesting_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        3 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::RepeatLine),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Replace(i, b) if !bytes.is_empty() => bytes[i % len] = b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % len);
            }
            Mutation::RepeatLine(i) => {
                let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
                if !lines.is_empty() {
                    let line = lines[i % lines.len()].to_vec();
                    let at: usize = lines[..=i % lines.len()].iter().map(|l| l.len()).sum();
                    bytes.splice(at..at, line);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            _ => {}
        }
    }
    bytes
}

/// A fresh fund in `dir`, with what the examples need.
fn fund(dir: &TempDir) -> (Db, PathBuf) {
    let path = dir.path().join("f.db");
    init(
        &path,
        "fuzzed fund",
        Some("USD"),
        clock(),
        Default::default(),
    )
    .expect("a new fund");
    let mut db = Db::open(&path, Access::Write, clock()).expect("opening it");
    for pool in ["housing", "food"] {
        fondo::ops::pools::add(&mut db, pool, "a purpose", None).expect("a pool");
    }
    fondo::ops::members::add(
        &mut db,
        "Solidarität Berlin",
        Visibility::Public,
        None,
        None,
    )
    .expect("a member");
    add_account(&mut db, "assets:bank:eur", None).expect("an account");
    (db, path)
}

/// The outcome rules of every import: success verifies cleanly, failure
/// leaves every table as it was.
fn judge(result: fondo::error::Result<()>, db: &mut Db, path: &Path, before: &str) {
    match result {
        Ok(()) => {
            let checked = verify(db).expect("verify runs");
            assert!(
                checked.findings.is_empty(),
                "an accepted import left findings: {:?}",
                checked.findings
            );
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            assert_eq!(
                common::state_at(path),
                before,
                "a refused import changed the books ({e})"
            );
        }
    }
}

fn journal_import(bytes: &[u8]) {
    let dir = TempDir::new().unwrap();
    let (mut db, path) = fund(&dir);
    let file = dir.path().join("journal.csv");
    std::fs::write(&file, bytes).unwrap();
    let before = common::state_at(&path);
    let options = ImportOptions {
        source: "fuzz".into(),
        dry_run: false,
        strict: false,
    };
    let result = import_journal(&mut db, &file, "journal.csv", &options, &NoProgress).map(|_| ());
    judge(result, &mut db, &path, &before);
}

fn bank_import(statement: &[u8], map: &[u8], example_map: &str) {
    let dir = TempDir::new().unwrap();
    let (mut db, path) = fund(&dir);
    let file = dir.path().join("statement.csv");
    std::fs::write(&file, statement).unwrap();
    let map_path = dir.path().join(example_map);
    std::fs::write(&map_path, map).unwrap();
    let before = common::state_at(&path);
    let result = import_contributions(
        &mut db,
        &file,
        "statement.csv",
        &map_path,
        None,
        false,
        &NoProgress,
    )
    .map(|_| ());
    judge(result, &mut db, &path, &before);
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(example(name)).expect("an example file")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn amounts_parse_strictly_and_never_panic(
        text in prop_oneof![
            any::<String>(),
            "[-+]?[0-9]{0,30}(\\.[0-9]{0,12})?",
            "[-+ ]?[0-9,.eE_ ]{0,20}",
        ],
        decimals in 0u32..=9,
    ) {
        let commodity = Commodity::new("X", decimals).unwrap();
        if let Ok(value) = parse_decimal(&text)
            && let Ok(minor) = to_minor(value, &commodity, &text)
        {
            let written = format_minor(i128::from(minor), decimals);
            let again = to_minor(parse_decimal(&written).unwrap(), &commodity, &written);
            prop_assert_eq!(again.ok(), Some(minor), "{} -> {}", text, written);
        }
        let _ = parse_localized(&text, ',', Some('.'));
        let _ = parse_localized(&text, '.', None);
    }

    #[test]
    fn a_mutated_journal_imports_whole_or_not_at_all(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        journal_import(&mutate(&seed("barrio-journal.csv"), &mutations));
    }

    #[test]
    fn random_bytes_as_a_journal_are_refused_cleanly(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut file = common::HEADER.as_bytes().to_vec();
        file.push(b'\n');
        file.extend(bytes);
        journal_import(&file);
    }

    #[test]
    fn a_mutated_bank_statement_imports_whole_or_not_at_all(
        mutations in prop::collection::vec(mutation(), 1..6),
        which in 0usize..2,
    ) {
        let (statement, map) = [
            ("bank-statement-2026-02.csv", "maps/eu-bank.toml"),
            ("opencollective-2026-03.csv", "maps/opencollective.toml"),
        ][which];
        bank_import(&mutate(&seed(statement), &mutations), &seed(map), "map.toml");
    }

    #[test]
    fn a_mutated_map_file_is_read_or_refused_and_never_half_applied(
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let map = mutate(&seed("maps/eu-bank.toml"), &mutations);
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("map.toml");
        std::fs::write(&path, &map).unwrap();
        // Reading the map alone never panics…
        let _ = BankMap::load(&path);
        // …and importing through it is all or nothing.
        bank_import(&seed("bank-statement-2026-02.csv"), &map, "map.toml");
    }
}

/// The clock of these funds: a fixed moment, so no row depends on today.
fn clock() -> fondo::domain::date::SharedClock {
    fondo::domain::date::fixed_clock(
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a moment"),
    )
}
