//! Fuzzing of `fondo verify --bundle` with proptest, through the real
//! binary (the checker reads untrusted files: a bundle is something a fund
//! publishes and strangers download).
//!
//! One realistic fund is built once per run, through the commands a
//! treasurer types: pools, members of every visibility, a closed account,
//! contributions of money and in kind (one anonymous), a currency exchange,
//! a pool move, two policy versions, a grant approved after an objection
//! and paid in two tranches (with a late entry recorded between them), a
//! grant rejected with two recusals, and voids of a transaction from before
//! the period (so `reversed.csv` has rows) and of one within it. Its public
//! bundle of 2025-Q2 is exported and kept in memory; every case writes a
//! mutated copy into its own temporary directory and runs the checker on it.
//!
//! The mutations ([`Mutation`]): bytes flipped, inserted or deleted
//! anywhere in any file, a file cut short, CSV rows duplicated, deleted or
//! swapped, a cell replaced by other text (random, huge, invalid UTF-8,
//! quotes, NUL, formula-like, numbers at the limits, another cell's value,
//! padded with spaces), columns added or removed, a row of 100,000 cells,
//! files renamed, removed or added, a file replaced by a directory, a FIFO
//! or a symbolic link (to another file, to `/dev/zero`, to nowhere), and
//! facts of `BUNDLE.csv` changed (period, days, hashes, audience, format).
//! Some cases then rewrite `MANIFEST.csv` to match the mutated files
//! ("resealed"), so that only the content checks can find the change.
//!
//! The properties:
//!
//! - the checker never panics, is never killed by a signal, and ends within
//!   [`TIME_LIMIT`] under an address-space limit of [`MEMORY_KIB`];
//! - it exits 0 only for a bundle that says what the original says (the
//!   original itself, or a `MANIFEST.csv` with the same rows in another
//!   byte form); 2 exactly when the directory has neither `BUNDLE.csv` nor
//!   `MANIFEST.csv`, with one `fondo: ` line on standard error and nothing
//!   on standard output; otherwise 1, with findings in every format (CSV,
//!   JSON, and a table that prints no control characters), one of which
//!   names a file that changed;
//! - resealed, a change that the rules of the format tie to other data
//!   ([`must_be_found`]: anything in the journal files, a missing, extra or
//!   unreadable file, a broken header or row, a fact of `BUNDLE.csv` the
//!   README or the chain states, a line of the README the checker reads, a
//!   duplicated row where rows are unique, and a cell of a column that an
//!   equation, a recount or another file fixes) is still found, naming the
//!   file. Free text, the order of rows and facts the bundle cannot prove
//!   (a term, a member's name) can be rewritten consistently; the digest of
//!   `MANIFEST.csv`, published with the fingerprint, is what shows that;
//! - `scripts/verify_bundle.py`, when python3 is installed, never ends in
//!   a traceback, says "not a bundle" (exit 2) exactly when fondo does, is
//!   clean whenever fondo is, and finds every change fondo finds when the
//!   manifest was not resealed (it checks less: no grants, votes or
//!   contributors).
//!
//! The tests after the properties are the cases that found bugs, kept as
//! regressions, and the largest inputs (a 10 MB cell, 100,000 cells in a
//! header and in a row), which the properties reach only rarely.
//!
//! `FONDO_FUZZ_CASES` sets the cases per property, as for `tests/fuzz.rs`
//! (default 32); a longer pass:
//! `FONDO_FUZZ_CASES=2000 cargo test --release --test fuzz_bundle`.
//! Failing cases are saved by proptest beside this file and replayed first.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::FundBuilder;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// How long one check may take (a debug build, on a busy machine, reading
/// a 10 MB cell).
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The address space one check may use, in KiB.
const MEMORY_KIB: u64 = 1 << 20;

/// The files of a bundle.
const FILES: [&str; 18] = [
    "BUNDLE.csv",
    "MANIFEST.csv",
    "README.txt",
    "accounts.csv",
    "balances.csv",
    "commodities.csv",
    "contributors.csv",
    "grants.csv",
    "journal.csv",
    "policies.csv",
    "pools.csv",
    "purchase_items.csv",
    "purchases.csv",
    "records.csv",
    "reversed.csv",
    "roles.csv",
    "transfers.csv",
    "votes.csv",
];

fn config() -> ProptestConfig {
    let cases = std::env::var("FONDO_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------
// The bundle, in memory

/// One entry of a bundle directory.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
    /// A symbolic link to this target.
    Link(Vec<u8>),
    Fifo,
}

/// A bundle directory: names (bytes, not always UTF-8) and entries.
type Bundle = BTreeMap<Vec<u8>, Entry>;

/// The public bundle of 2025-Q2 of the example fund, built once.
fn original() -> &'static Bundle {
    static ORIGINAL: OnceLock<Bundle> = OnceLock::new();
    ORIGINAL.get_or_init(build)
}

fn build() -> Bundle {
    const BANK: &str = "assets:bank:usd";
    let fund = FundBuilder::new()
        .name("Fuzz fund")
        .currency("USD")
        .account(BANK)
        .with(&["--note", "Cooperative bank, account 0042"])
        .accounts(&[
            "assets:bank:eur",
            "assets:cash",
            "income:contributions",
            "expenses:operations",
        ])
        .commodity("HOURS", 0)
        .setting("contribution-account", BANK)
        .member("Ana")
        .with(&["--contact", "ana@example.org"])
        .members(&["Bruno", "Carmen", "Dario"])
        .member("Familia Ortega")
        .with(&["--visibility", "pseudonymous", "--note", "rent arrears"])
        .member("Luis")
        .with(&["--visibility", "anonymous"])
        .stewards(&["Ana", "Bruno", "Carmen", "Dario"], "2025-01-01")
        .role("Ana", "treasurer", "2025-01-01", Some("2025-12-31"))
        .pool("housing", "Rent relief")
        .with(&["--guidelines", "Up to 2 months' rent"])
        .pool("food", "Groceries")
        // The first quarter: before the bundle's period.
        .post(
            "To the cash box",
            "2025-03-02",
            &["assets:cash=10.00 USD", BANK],
        )
        .contribution("Luis", "1000.00 USD", Some("housing"), "2025-03-01")
        .anonymous_contribution("200.00 USD", None, "2025-03-01")
        .post(
            "Printing",
            "2025-03-10",
            &["expenses:operations=20.00 USD", BANK],
        )
        .prints("4\n")
        // The second quarter.
        .contribution("Ana", "150.00 USD", Some("food"), "2025-04-01")
        .contribution("Bruno", "12 HOURS", None, "2025-04-02")
        .with(&["--kind", "legal-assistance"])
        .prints("6\n")
        .contribution("Familia Ortega", "100.00 EUR", None, "2025-04-02")
        .with(&["--into", "assets:bank:eur"])
        .command(&[
            "exchange",
            "50.00",
            "EUR",
            "--to-amount",
            "54.00",
            "USD",
            "--from-account",
            "assets:bank:eur",
            "--to-account",
            BANK,
            "--date",
            "2025-04-03",
        ])
        .move_money("50.00 USD", "food", "housing", "assembly", "2025-04-03")
        .policy(
            "housing",
            "lazy --window 24h --max-amount 200 USD",
            "2025-04-01T19:00",
        )
        .with(&["--reason", "assembly"])
        .policy(
            "housing",
            "consent --min-consents 2 --window 72h",
            "2025-04-01T19:05",
        )
        .with(&["--reason", "assembly"])
        .relation("Carmen", "Dario", "siblings", "2025-04-01T19:10")
        .application(
            "Familia Ortega",
            "housing",
            "500 USD",
            "Rent of Familia Ortega",
            "2025-04-04T10:00",
        )
        .with(&["--category", "rent"])
        .vote("G-0001", "consent", "Ana", "2025-04-04T12:00")
        .vote("G-0001", "object", "Bruno", "2025-04-05T10:00")
        .with(&["--reason", "letter missing"])
        .vote("G-0001", "consent", "Bruno", "2025-04-05T19:00")
        .with(&["--reason", "letter seen"])
        .decision("G-0001", "2025-04-08T10:00")
        .payment("G-0001", "300 USD", BANK, "2025-04-09T10:00")
        .post(
            "Late receipt",
            "2025-03-28",
            &["expenses:operations=5.00 USD", BANK],
        )
        .payment("G-0001", "100 USD", BANK, "2025-04-20T10:00")
        .application(
            "Carmen",
            "housing",
            "100 USD",
            "Bus fares",
            "2025-05-02T10:00",
        )
        .with(&["--category", "transport"])
        .vote("G-0002", "object", "Ana", "2025-05-02T12:00")
        .with(&["--reason", "not housing"])
        .decision("G-0002", "2025-05-04T10:00")
        .void("4", "entered twice", "2025-05-10")
        .post(
            "Cash box emptied",
            "2025-06-01",
            &["assets:bank:usd=10.00 USD", "assets:cash"],
        )
        .command(&["account", "close", "assets:cash", "--date", "2025-06-15"])
        .void("6", "not given", "2025-05-11")
        // A pooled purchase, for purchases.csv: two groups, settled, one paid.
        .command(&[
            "purchase",
            "open",
            "oats",
            "--supplier",
            "Mill",
            "--closes",
            "2025-06-05T18:00",
            "--at",
            "2025-06-02T09:00",
        ])
        .command(&[
            "purchase",
            "item",
            "add",
            "oats",
            "oats",
            "--unit-price",
            "2.00",
            "USD",
            "--case",
            "10",
            "--at",
            "2025-06-02T09:05",
        ])
        .command(&[
            "purchase",
            "order",
            "oats",
            "oats",
            "6",
            "--group",
            "Ana",
            "--at",
            "2025-06-03T10:00",
        ])
        .command(&[
            "purchase",
            "order",
            "oats",
            "oats",
            "4",
            "--group",
            "Familia Ortega",
            "--at",
            "2025-06-03T11:00",
        ])
        .command(&["purchase", "close", "oats", "--at", "2025-06-05T18:00"])
        .command(&[
            "purchase",
            "receive",
            "oats",
            "oats",
            "10",
            "--date",
            "2025-06-06",
        ])
        .command(&[
            "purchase",
            "settle",
            "oats",
            "--invoice",
            "20.00",
            "USD",
            "--from-account",
            BANK,
            "--rounding-account",
            "expenses:operations",
            "--date",
            "2025-06-07",
        ])
        .command(&[
            "purchase",
            "pay",
            "oats",
            "--group",
            "Ana",
            "12.00",
            "USD",
            "--into",
            BANK,
            "--date",
            "2025-06-08",
        ])
        // Money sent to another fund and received from one, so that
        // transfers.csv has rows of both directions.
        .command(&[
            "transfer",
            "send",
            "--to-fund",
            "ab000000000000000000000000000001",
            "--amount",
            "5.00",
            "USD",
            "--from-account",
            BANK,
            "--date",
            "2025-06-09",
        ])
        .command(&[
            "transfer",
            "receive",
            "--from-fund",
            "cd000000000000000000000000000002",
            "--transfer-id",
            "cd000000000000000000000000000002-1",
            "--amount",
            "7.00",
            "USD",
            "--into",
            BANK,
            "--date",
            "2025-06-10",
        ])
        // The third quarter: the books go on after the bundle.
        .post(
            "Printing again",
            "2025-07-05",
            &["expenses:operations=15.00 USD", BANK],
        )
        .build();
    let f = &fund;
    let dir = f.path("bundle");
    f.ok(&[
        "export",
        "audit",
        "--out",
        &dir.display().to_string(),
        "--period",
        "2025-Q2",
        "--audience",
        "public",
    ]);
    let bundle = read_bundle(&dir);
    sanity(&bundle);
    bundle
}

fn read_bundle(dir: &Path) -> Bundle {
    fs::read_dir(dir)
        .expect("listing the bundle")
        .map(|entry| {
            let entry = entry.expect("an entry");
            (
                entry.file_name().as_bytes().to_vec(),
                Entry::File(fs::read(entry.path()).expect("reading a bundle file")),
            )
        })
        .collect()
}

/// What the mutations and [`must_be_found`] rely on: every file of the
/// format is there; rewriting a CSV file through the csv crate gives back
/// the same bytes (so a cell edit changes only that cell); every account of
/// `accounts.csv` and every commodity is in the journal (so renaming one is
/// always found); the README states what the checker reads.
fn sanity(bundle: &Bundle) {
    let names: Vec<&[u8]> = bundle.keys().map(Vec::as_slice).collect();
    let expected: Vec<&[u8]> = FILES.iter().map(|n| n.as_bytes()).collect();
    assert_eq!(names, expected);
    for name in FILES.iter().filter(|n| n.ends_with(".csv")) {
        let bytes = file(bundle, name);
        let rows = byte_rows(bytes).expect("the bundle's CSV is valid");
        assert_eq!(serialize(&rows), *bytes, "{name} round-trips");
        assert!(
            rows.len() > 1,
            "{name} has rows, so that they can be mutated"
        );
    }
    let journal = String::from_utf8(file(bundle, "journal.csv").clone()).unwrap();
    let journal = text_rows(&journal).unwrap();
    for (name, column) in [("accounts.csv", 3), ("commodities.csv", 5)] {
        let text = String::from_utf8(file(bundle, name).clone()).unwrap();
        for row in &text_rows(&text).unwrap()[1..] {
            assert!(
                journal.iter().any(|r| r[column] == row[0]),
                "{} of {name} is in journal.csv",
                row[0]
            );
        }
    }
    let readme = String::from_utf8(file(bundle, "README.txt").clone()).unwrap();
    assert_eq!(
        readme_facts(&readme).len(),
        5,
        "{:?}",
        readme_facts(&readme)
    );
}

fn file<'b>(bundle: &'b Bundle, name: &str) -> &'b Vec<u8> {
    match bundle.get(name.as_bytes()) {
        Some(Entry::File(bytes)) => bytes,
        other => panic!("{name} is a file: {other:?}"),
    }
}

/// Writes a bundle into `dir`, which must not exist.
fn write_bundle(dir: &Path, bundle: &Bundle) {
    fs::create_dir(dir).expect("creating the bundle directory");
    for (name, entry) in bundle {
        let path = dir.join(OsStr::from_bytes(name));
        match entry {
            Entry::File(bytes) => fs::write(&path, bytes).expect("writing a file"),
            Entry::Dir => fs::create_dir(&path).expect("creating a directory"),
            Entry::Link(target) => std::os::unix::fs::symlink(OsStr::from_bytes(target), &path)
                .expect("creating a link"),
            Entry::Fifo => {
                let made = Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("running mkfifo");
                assert!(made.success(), "mkfifo {}", path.display());
            }
        }
    }
}

// ---------------------------------------------------------------------
// CSV, through the csv crate (as fondo writes and reads it)

type ByteRows = Vec<Vec<Vec<u8>>>;

/// Every record of a CSV file (the header first), or `None` when it is not
/// valid CSV.
fn byte_rows(bytes: &[u8]) -> Option<ByteRows> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .byte_records()
        .map(|r| r.ok().map(|r| r.iter().map(<[u8]>::to_vec).collect()))
        .collect()
}

/// Every record of CSV text, or `None` when it is not valid CSV.
fn text_rows(text: &str) -> Option<Vec<Vec<String>>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.ok().map(|r| r.iter().map(str::to_owned).collect()))
        .collect()
}

fn serialize(rows: &ByteRows) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).expect("writing to memory");
    }
    writer.into_inner().expect("flushing to memory")
}

// ---------------------------------------------------------------------
// Mutations

/// Text for a cell, a column name or a file.
#[derive(Debug, Clone)]
enum Text {
    Plain(String),
    Bytes(Vec<u8>),
    /// `len` copies of one byte (a 10 MB cell).
    Huge(usize, u8),
    /// The value of a cell of the bundle (file, row, column), as it stands.
    Copy(usize, usize, usize),
    /// The same, with a space before or after.
    Padded(usize, usize, usize, bool),
}

/// Special entries that replace a file.
#[derive(Debug, Clone)]
enum Special {
    Dir,
    Fifo,
    /// A link to another entry of the bundle.
    LinkTo(usize),
    Link(&'static str),
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        file: usize,
        at: usize,
        bit: u8,
    },
    Insert {
        file: usize,
        at: usize,
        bytes: Vec<u8>,
    },
    Delete {
        file: usize,
        at: usize,
        len: usize,
    },
    Truncate {
        file: usize,
        at: usize,
    },
    DuplicateRow {
        file: usize,
        row: usize,
    },
    DeleteRow {
        file: usize,
        row: usize,
    },
    SwapRows {
        file: usize,
        a: usize,
        b: usize,
    },
    Cell {
        file: usize,
        row: usize,
        column: usize,
        text: Text,
    },
    AddColumn {
        file: usize,
        at: usize,
        name: Text,
    },
    RemoveColumn {
        file: usize,
        column: usize,
    },
    WideRow {
        file: usize,
        row: usize,
    },
    Rename {
        file: usize,
        to: Vec<u8>,
    },
    Remove {
        file: usize,
    },
    Add {
        name: Vec<u8>,
        content: Text,
    },
    Replace {
        file: usize,
        with: Special,
    },
    Fact {
        key: &'static str,
        value: Text,
    },
}

/// Bytes that matter to CSV and to the values in it, and some that should
/// not be there at all.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b",\"\n\r\t -+.0129:aT=@\x00\x1b\x7f\xff\xc3\xa9".to_vec()),
        any::<u8>(),
    ]
}

fn text() -> impl Strategy<Value = Text> {
    let index = || any::<usize>();
    prop_oneof![
        4 => prop::sample::select(vec![
            "", " ", "\"", "\"\"", ",", "\n", "\r\n", "\r", "\0", "a\0b", "\u{202e}evil",
            "\u{1b}[2J\u{1b}[31mred", "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "+1",
            "-1", "@SUM(A1:A9)", "0", "00", "-0", "+0", "-0.00", "0.00", "0.0", "01.00",
            "1e3", "NaN", "inf", " 150.00", "150.00 ", "1,000.00",
            "99999999999999999999999999999999999999999",
            "79228162514264337593543950335", "-79228162514264337593543950336",
            "170141183460469231731687303715884105727", "18446744073709551616",
            "4294967296", "4294967295", "9223372036854775807", "-9223372036854775808",
            "99999999999999", "2025-02-30", "2025-04-01", "2025-06-30", "2025-07-01",
            "0000-01-01", "9999-12-31", "+262143-12-31", "2025-4-1", " 2025-04-01",
            "2025-04-04T10:00:00", "2025-04-04T10:00", "9999-12-31T23:59:59",
            "262143-12-31T23:59:59", "general", "housing", "food", "General", "yes", "no",
            "YES", "approved", "rejected", "open", "closed", "withdrawn", "consent",
            "object", "abstain", "recused", "lazy", "majority", "public", "members",
            "auditor", "fondo-audit-v1", "fondo-audit-v2", "fondo-audit-v3", "G-0001", "G-0002", "G-0003",
            "4", "5", "13", "04", "+4", "-4", "USD", "usd", "HOURS", "assets:bank:usd",
            "Assets:Bank:USD", "assets", "income:contributions", "equity:pools",
            "0.5", "1", "1.0", "-0.1", "10 12", "10  12", "12 10", "10 10",
        ])
        .prop_map(|s| Text::Plain(s.to_owned())),
        3 => any::<String>().prop_map(Text::Plain),
        2 => "[0-9]{1,40}".prop_map(Text::Plain),
        2 => "-?[0-9]{1,12}(\\.[0-9]{0,4})?".prop_map(Text::Plain),
        1 => "[0-9a-f]{64}".prop_map(Text::Plain),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?".prop_map(Text::Plain),
        2 => prop::collection::vec(interesting_byte(), 0..12).prop_map(Text::Bytes),
        1 => prop::sample::select(vec![1usize << 10, 100_000, 10 << 20])
            .prop_flat_map(|len| interesting_byte().prop_map(move |b| Text::Huge(len, b))),
        6 => (index(), index(), index()).prop_map(|(f, r, c)| Text::Copy(f, r, c)),
        2 => (index(), index(), index(), any::<bool>())
            .prop_map(|(f, r, c, before)| Text::Padded(f, r, c, before)),
    ]
}

fn name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(FILES.to_vec()).prop_map(|n| n.as_bytes().to_vec()),
        2 => prop::sample::select(vec![
            "extra.csv", ".hidden", "journal.csv.orig", "JOURNAL.CSV", "README.txt~",
            "manifest.csv", "BUNDLE.csv ", " journal.csv", "a\nb.csv", "Ω.csv",
            "\u{1b}[31mred.csv", "-rf",
        ])
        .prop_map(|n| n.as_bytes().to_vec()),
        1 => Just(b"\xff\xfe.csv".to_vec()),
        1 => Just([vec![b'x'; 250], b".csv".to_vec()].concat()),
    ]
}

fn special() -> impl Strategy<Value = Special> {
    prop_oneof![
        Just(Special::Dir),
        Just(Special::Fifo),
        any::<usize>().prop_map(Special::LinkTo),
        prop::sample::select(vec!["/dev/zero", "/nonexistent/journal.csv", ".", ".."])
            .prop_map(Special::Link),
    ]
}

/// A value for a fact of BUNDLE.csv: the other periods, days and hashes
/// of the bundle, and anything else.
fn fact_value() -> impl Strategy<Value = Text> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "2025-Q1", "2025-Q3", "2025-q2", "2025", "2025-04", "2025-Q2 ",
            "2025-04-01 to 2025-06-29", "2025-04-02 to 2025-06-30", "2025-04-01 to 2025-06-30",
            "2025-04-01", "2025-03-31", "2025-06-29", "2025-07-01", "2025-06-30",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "Members", "members", "auditor", "fondo-audit-v0", "14", "015", "-1",
        ])
        .prop_map(|s| Text::Plain(s.to_owned())),
        // Another fact's value (a hash for another hash), possibly padded.
        2 => (any::<usize>(), any::<bool>()).prop_map(|(r, pad)| if pad {
            Text::Padded(usize::MAX, r, 1, r % 2 == 0)
        } else {
            Text::Copy(usize::MAX, r, 1)
        }),
        1 => text(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = || any::<usize>();
    prop_oneof![
        3 => (i(), i(), 0u8..8).prop_map(|(file, at, bit)| Mutation::Flip { file, at, bit }),
        2 => (i(), i(), prop::collection::vec(interesting_byte(), 1..4))
            .prop_map(|(file, at, bytes)| Mutation::Insert { file, at, bytes }),
        2 => (i(), i(), 1usize..5).prop_map(|(file, at, len)| Mutation::Delete { file, at, len }),
        1 => (i(), i()).prop_map(|(file, at)| Mutation::Truncate { file, at }),
        2 => (i(), i()).prop_map(|(file, row)| Mutation::DuplicateRow { file, row }),
        2 => (i(), i()).prop_map(|(file, row)| Mutation::DeleteRow { file, row }),
        2 => (i(), i(), i()).prop_map(|(file, a, b)| Mutation::SwapRows { file, a, b }),
        8 => (i(), i(), i(), text())
            .prop_map(|(file, row, column, text)| Mutation::Cell { file, row, column, text }),
        1 => (i(), i(), text()).prop_map(|(file, at, name)| Mutation::AddColumn { file, at, name }),
        1 => (i(), i()).prop_map(|(file, column)| Mutation::RemoveColumn { file, column }),
        1 => (i(), i()).prop_map(|(file, row)| Mutation::WideRow { file, row }),
        1 => (i(), name()).prop_map(|(file, to)| Mutation::Rename { file, to }),
        1 => i().prop_map(|file| Mutation::Remove { file }),
        1 => (name(), text()).prop_map(|(name, content)| Mutation::Add { name, content }),
        1 => (i(), special()).prop_map(|(file, with)| Mutation::Replace { file, with }),
        3 => (prop::sample::select(KEYS.to_vec()), fact_value())
            .prop_map(|(key, value)| Mutation::Fact { key, value }),
    ]
}

const KEYS: [&str; 14] = [
    "format",
    "fund",
    "fund_id",
    "audience",
    "period",
    "from",
    "to",
    "journal_prev_hash",
    "journal_last_hash",
    "fingerprint",
    "ledger_transactions",
    "records_head",
    "records_count",
    "generator",
];

/// The name of entry `i` (modulo their number), and of regular file `i`.
fn nth_entry(bundle: &Bundle, i: usize) -> Option<Vec<u8>> {
    let n = bundle.len();
    (n > 0).then(|| bundle.keys().nth(i % n).cloned().expect("in range"))
}

fn nth_file(bundle: &Bundle, i: usize) -> Option<Vec<u8>> {
    let files: Vec<&Vec<u8>> = bundle
        .iter()
        .filter(|(_, e)| matches!(e, Entry::File(_)))
        .map(|(n, _)| n)
        .collect();
    (!files.is_empty()).then(|| files[i % files.len()].clone())
}

fn bytes_of<'b>(bundle: &'b mut Bundle, name: &[u8]) -> &'b mut Vec<u8> {
    match bundle.get_mut(name) {
        Some(Entry::File(bytes)) => bytes,
        _ => unreachable!("nth_file names a file"),
    }
}

/// A cell of the bundle as it stands; `file` usize::MAX is BUNDLE.csv.
fn cell_of(bundle: &Bundle, file: usize, row: usize, column: usize) -> Vec<u8> {
    let name = if file == usize::MAX {
        Some(b"BUNDLE.csv".to_vec()).filter(|n| matches!(bundle.get(n), Some(Entry::File(_))))
    } else {
        nth_file(bundle, file)
    };
    let Some(name) = name else {
        return Vec::new();
    };
    let Entry::File(bytes) = &bundle[&name] else {
        return Vec::new();
    };
    let Some(rows) = byte_rows(bytes).filter(|r| !r.is_empty()) else {
        return Vec::new();
    };
    let row = &rows[row % rows.len()];
    if row.is_empty() {
        return Vec::new();
    }
    row[column % row.len()].clone()
}

fn materialize(text: &Text, bundle: &Bundle) -> Vec<u8> {
    match text {
        Text::Plain(s) => s.as_bytes().to_vec(),
        Text::Bytes(b) => b.clone(),
        Text::Huge(len, byte) => vec![*byte; *len],
        Text::Copy(f, r, c) => cell_of(bundle, *f, *r, *c),
        Text::Padded(f, r, c, before) => {
            let cell = cell_of(bundle, *f, *r, *c);
            if *before {
                [b" ".to_vec(), cell].concat()
            } else {
                [cell, b" ".to_vec()].concat()
            }
        }
    }
}

/// Applies `change` to the rows of file `i` when it is valid CSV.
fn edit_rows(bundle: &mut Bundle, i: usize, change: impl FnOnce(&mut ByteRows)) {
    let Some(name) = nth_file(bundle, i) else {
        return;
    };
    let bytes = bytes_of(bundle, &name);
    let Some(mut rows) = byte_rows(bytes) else {
        return;
    };
    if rows.is_empty() {
        return;
    }
    change(&mut rows);
    *bytes = serialize(&rows);
}

fn apply(bundle: &mut Bundle, m: &Mutation) {
    match m {
        Mutation::Flip { file, at, bit } => {
            if let Some(name) = nth_file(bundle, *file) {
                let bytes = bytes_of(bundle, &name);
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] ^= 1 << bit;
                }
            }
        }
        Mutation::Insert {
            file,
            at,
            bytes: new,
        } => {
            if let Some(name) = nth_file(bundle, *file) {
                let bytes = bytes_of(bundle, &name);
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
        }
        Mutation::Delete { file, at, len } => {
            if let Some(name) = nth_file(bundle, *file) {
                let bytes = bytes_of(bundle, &name);
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    let end = (at + len).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }
        Mutation::Truncate { file, at } => {
            if let Some(name) = nth_file(bundle, *file) {
                let bytes = bytes_of(bundle, &name);
                let at = at % (bytes.len() + 1);
                bytes.truncate(at);
            }
        }
        Mutation::DuplicateRow { file, row } => edit_rows(bundle, *file, |rows| {
            let r = row % rows.len();
            rows.insert(r, rows[r].clone());
        }),
        Mutation::DeleteRow { file, row } => edit_rows(bundle, *file, |rows| {
            rows.remove(row % rows.len());
        }),
        Mutation::SwapRows { file, a, b } => edit_rows(bundle, *file, |rows| {
            let n = rows.len();
            rows.swap(a % n, b % n);
        }),
        Mutation::Cell {
            file,
            row,
            column,
            text,
        } => {
            let value = materialize(text, bundle);
            edit_rows(bundle, *file, |rows| {
                let n = rows.len();
                let row = &mut rows[row % n];
                if row.is_empty() {
                    row.push(value);
                } else {
                    let n = row.len();
                    row[column % n] = value;
                }
            });
        }
        Mutation::AddColumn { file, at, name } => {
            let value = materialize(name, bundle);
            edit_rows(bundle, *file, |rows| {
                for (i, row) in rows.iter_mut().enumerate() {
                    let at = at % (row.len() + 1);
                    row.insert(at, if i == 0 { value.clone() } else { Vec::new() });
                }
            });
        }
        Mutation::RemoveColumn { file, column } => edit_rows(bundle, *file, |rows| {
            for row in rows.iter_mut().filter(|r| !r.is_empty()) {
                let n = row.len();
                row.remove(column % n);
            }
        }),
        Mutation::WideRow { file, row } => edit_rows(bundle, *file, |rows| {
            let n = rows.len();
            rows[row % n] = vec![b"x".to_vec(); 100_000];
        }),
        Mutation::Rename { file, to } => {
            if let Some(name) = nth_entry(bundle, *file) {
                let entry = bundle.remove(&name).expect("present");
                bundle.insert(to.clone(), entry);
            }
        }
        Mutation::Remove { file } => {
            if let Some(name) = nth_entry(bundle, *file) {
                bundle.remove(&name);
            }
        }
        Mutation::Add { name, content } => {
            let bytes = materialize(content, bundle);
            bundle.insert(name.clone(), Entry::File(bytes));
        }
        Mutation::Replace { file, with } => {
            let target = match with {
                Special::LinkTo(other) => nth_entry(bundle, *other),
                _ => None,
            };
            if let Some(name) = nth_entry(bundle, *file) {
                let entry = match with {
                    Special::Dir => Entry::Dir,
                    Special::Fifo => Entry::Fifo,
                    Special::LinkTo(_) => Entry::Link(target.expect("the bundle is not empty")),
                    Special::Link(to) => Entry::Link(to.as_bytes().to_vec()),
                };
                bundle.insert(name, entry);
            }
        }
        Mutation::Fact { key, value } => {
            let value = materialize(value, bundle);
            if let Some(Entry::File(bytes)) = bundle.get_mut(b"BUNDLE.csv".as_slice())
                && let Some(mut rows) = byte_rows(bytes)
            {
                if let Some(row) = rows
                    .iter_mut()
                    .find(|r| r.len() == 2 && r[0] == key.as_bytes())
                {
                    row[1] = value;
                }
                *bytes = serialize(&rows);
            }
        }
    }
}

/// Rewrites MANIFEST.csv to match the files as they now are, as someone
/// covering their tracks would: a row per regular file, sorted by name,
/// with its rows (counted as fondo counts them) and its SHA-256.
fn reseal(bundle: &mut Bundle) {
    let mut rows: ByteRows = vec![vec![b"file".to_vec(), b"rows".to_vec(), b"sha256".to_vec()]];
    for (name, entry) in bundle.iter() {
        let Entry::File(bytes) = entry else { continue };
        if name == b"MANIFEST.csv" {
            continue;
        }
        let count = if name == b"README.txt" {
            String::from_utf8_lossy(bytes).lines().count()
        } else {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .from_reader(bytes.as_slice());
            reader.byte_records().map_while(Result::ok).count()
        };
        let sha: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        rows.push(vec![
            name.clone(),
            count.to_string().into_bytes(),
            sha.into_bytes(),
        ]);
    }
    bundle.insert(b"MANIFEST.csv".to_vec(), Entry::File(serialize(&rows)));
}

// ---------------------------------------------------------------------
// What must be found

/// Columns whose every change the rules of the format tie to other data:
/// an equation of the same row, a recount from another file, the journal,
/// or (for the names of accounts and commodities) the postings that use
/// them. A change to any other column of these files, to the order of rows,
/// or a row removed outside the journal can be consistent with everything
/// else in the bundle.
const TIED: &[(&str, &[&str])] = &[
    ("balances.csv", &["opening", "debits", "credits", "closing"]),
    (
        "pools.csv",
        &[
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
        ],
    ),
    (
        "grants.csv",
        &[
            "grant",
            "applicant",
            "pool",
            "amount",
            "needed_by",
            "applied_at",
            "policy_version",
            "rule",
            "window_closes",
            "status",
            "decision",
            "decided_at",
            "expires",
            "consents",
            "objections",
            "abstentions",
            "paid",
            "paid_in_period",
            "payment_txns",
            "spent",
            "returned",
            "return_txn",
            "committed",
            "ended_at",
        ],
    ),
    // Re-derived from records.csv (a recusal row only by `counted`).
    ("votes.csv", &["counted"]),
    ("roles.csv", &["member", "role", "from", "until"]),
    (
        "policies.csv",
        &[
            "pool",
            "version",
            "set_at",
            "up_to",
            "commodity",
            "rule",
            "min_consents",
            "quorum",
            "threshold",
            "window_minutes",
        ],
    ),
    (
        "contributors.csv",
        &[
            "txn",
            "date",
            "contributor",
            "pool",
            "commodity",
            "amount",
            "voided_by",
        ],
    ),
    ("purchases.csv", &["charged", "paid", "owed"]),
    ("accounts.csv", &["account", "type"]),
    ("commodities.csv", &["commodity", "decimals"]),
];

/// Files whose rows are unique, so a duplicated row is always found.
const UNIQUE_ROWS: &[&str] = &[
    "accounts.csv",
    "roles.csv",
    "policies.csv",
    "balances.csv",
    "commodities.csv",
    "contributors.csv",
    "grants.csv",
    "pools.csv",
    "purchases.csv",
];

/// Files every row of which records.csv gives, so a removed row is found.
const REDERIVED_ROWS: &[&str] = &["roles.csv", "policies.csv", "grants.csv"];

/// The facts of BUNDLE.csv that the chain or the README states again.
const STATED_FACTS: &[&str] = &[
    "format",
    "audience",
    "period",
    "from",
    "to",
    "journal_prev_hash",
    "journal_last_hash",
    "fingerprint",
    "records_head",
];

/// What the checker reads from README.txt: the line after the first line
/// that starts with each hash's marker (else, as in READMEs written before
/// the markers, with its English start), and the audience's line.
fn readme_facts(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let first = |start: &str| lines.iter().position(|l| l.starts_with(start));
    let mut facts: Vec<String> = [
        ("[fingerprint]", "Ledger fingerprint"),
        ("[records_head]", "Governance records head"),
        (
            "[journal_prev_hash]",
            "journal.csv continues the chain from",
        ),
        ("[journal_last_hash]", "and ends with"),
    ]
    .iter()
    .filter_map(|(marker, before)| {
        let i = first(marker).or_else(|| first(before))?;
        Some(lines.get(i + 1)?.trim().to_owned())
    })
    .collect();
    facts.extend(
        lines
            .iter()
            .find_map(|l| l.strip_prefix("[audience] "))
            .or_else(|| lines.iter().find_map(|l| l.strip_prefix("Audience: ")))
            .and_then(|l| l.split(':').next())
            .map(|a| a.trim().to_owned()),
    );
    facts
}

/// The files whose change, with the manifest resealed, the content checks
/// must still find (see [`TIED`]).
fn must_be_found(original: &Bundle, now: &Bundle) -> Vec<String> {
    let names: BTreeSet<&Vec<u8>> = original.keys().chain(now.keys()).collect();
    names
        .into_iter()
        .filter(|name| name.as_slice() != b"MANIFEST.csv")
        .filter(|name| match (original.get(*name), now.get(*name)) {
            (Some(a), Some(b)) if a == b => false,
            (Some(Entry::File(a)), Some(Entry::File(b))) => {
                content_change_is_tied(&String::from_utf8_lossy(name), a, b)
            }
            _ => true,
        })
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect()
}

fn content_change_is_tied(name: &str, before: &[u8], after: &[u8]) -> bool {
    let before = std::str::from_utf8(before).expect("the original is UTF-8");
    let Ok(after) = std::str::from_utf8(after) else {
        return true;
    };
    if name == "README.txt" {
        return readme_facts(before) != readme_facts(after);
    }
    let before = text_rows(before).expect("the original is valid CSV");
    let Some(after) = text_rows(after) else {
        return true;
    };
    if after.first() != before.first() || after.iter().any(|r| r.len() != before[0].len()) {
        return true;
    }
    let header = &before[0];
    let (old, new) = (&before[1..], &after[1..]);
    if old == new {
        return false;
    }
    match name {
        // Every cell of records.csv is hashed, numbered or compact JSON.
        "journal.csv" | "reversed.csv" | "records.csv" => true,
        "BUNDLE.csv" => {
            let facts = |rows: &[Vec<String>]| -> Option<BTreeMap<String, String>> {
                let map: BTreeMap<String, String> =
                    rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
                (map.len() == rows.len()
                    && map.keys().map(String::as_str).eq(sorted(KEYS.to_vec())))
                .then_some(map)
            };
            let (Some(old), Some(new)) = (facts(old), facts(new)) else {
                return true;
            };
            old.iter().any(|(key, value)| {
                let now = &new[key];
                let whole = |v: &str| v.parse::<u64>().is_ok_and(|n| n.to_string() == v);
                match key.as_str() {
                    // The same days under their other label.
                    "period" => now != value && *now != format!("{} to {}", old["from"], old["to"]),
                    "ledger_transactions" => !whole(now),
                    // records.csv ends after exactly this many records.
                    "records_count" => now != value,
                    k => STATED_FACTS.contains(&k) && now != value,
                }
            })
        }
        _ => {
            if sorted(old.to_vec()) == sorted(new.to_vec()) {
                return false;
            }
            if new.len() == old.len() + 1 {
                let distinct: BTreeSet<&Vec<String>> = new.iter().collect();
                return distinct.len() < new.len() && UNIQUE_ROWS.contains(&name);
            }
            // A row removed from a file re-derived row by row from records.csv.
            if new.len() < old.len() && REDERIVED_ROWS.contains(&name) {
                return true;
            }
            if new.len() != old.len() {
                return false;
            }
            // The other columns of a vote row are re-derived, but not of a
            // recusal row.
            if name == "votes.csv" {
                let at = |c: &str| header.iter().position(|h| h == c).expect("a column");
                let (vote, counted) = (at("vote"), at("counted"));
                return old.iter().zip(new).any(|(a, b)| {
                    let recusal = a[vote] == "recused" && b[vote] == "recused";
                    a[counted] != b[counted]
                        || (!recusal
                            && (0..header.len()).any(|j| a[j] != b[j] && header[j] != "reason"))
                });
            }
            let tied = TIED
                .iter()
                .find(|(file, _)| *file == name)
                .map_or(&[][..], |(_, columns)| *columns);
            old.iter().zip(new).any(|(a, b)| {
                (0..header.len()).any(|j| a[j] != b[j] && tied.contains(&header[j].as_str()))
            })
        }
    }
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

/// The names of the entries that differ from the original.
fn changed(original: &Bundle, now: &Bundle) -> Vec<String> {
    let names: BTreeSet<&Vec<u8>> = original.keys().chain(now.keys()).collect();
    names
        .into_iter()
        .filter(|n| original.get(*n) != now.get(*n))
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

/// Whether the manifest says what the original's says, in whatever bytes.
fn manifest_says_the_same(original: &Bundle, now: &Bundle) -> bool {
    let rows = |b: &Bundle| match b.get(b"MANIFEST.csv".as_slice()) {
        Some(Entry::File(bytes)) => std::str::from_utf8(bytes)
            .ok()
            .and_then(text_rows)
            .filter(|rows| !rows.is_empty())
            .map(|mut rows| {
                let header = rows.remove(0);
                (header, sorted(rows))
            }),
        _ => None,
    };
    rows(now).is_some() && rows(now) == rows(original)
}

// ---------------------------------------------------------------------
// Running the checkers

/// What one run did.
struct Ran {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `program` with `args` in `work` under [`TIME_LIMIT`] and
/// [`MEMORY_KIB`], its output in files (it may be large); asserts it ended
/// by itself, in time, without a signal.
fn run_limited(work: &Path, program: &OsStr, args: &[&OsStr]) -> Ran {
    let out = work.join("stdout");
    let err = work.join("stderr");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$@\""))
        .arg("sh")
        .arg(program)
        .args(args)
        .env_remove("FONDO_DB")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).expect("creating stdout"))
        .stderr(fs::File::create(&err).expect("creating stderr"));
    let start = Instant::now();
    let mut child = cmd.spawn().expect("starting a checker");
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} {:?} did not finish within {TIME_LIMIT:?}",
                program.display(),
                args
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = String::from_utf8_lossy(&fs::read(&err).expect("reading stderr")).into_owned();
    let code = status.code().unwrap_or_else(|| {
        panic!(
            "{} {:?} was killed by a signal ({status}); stderr:\n{}",
            program.display(),
            args,
            cut(&stderr)
        )
    });
    Ran {
        code,
        stdout: fs::read(&out).expect("reading stdout"),
        stderr,
    }
}

fn cut(text: &str) -> String {
    if text.len() <= 4000 {
        return text.to_owned();
    }
    let mut end = 4000;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

fn fondo(work: &Path, bundle: &Path, format: &str) -> Ran {
    run_limited(
        work,
        OsStr::new(common::BIN),
        &[
            OsStr::new("verify"),
            OsStr::new("--bundle"),
            bundle.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ],
    )
}

/// The findings of `--format csv`: (code, file, line, message).
fn findings(ran: &Ran) -> Vec<[String; 4]> {
    let text = std::str::from_utf8(&ran.stdout).expect("fondo writes UTF-8");
    assert!(
        text.starts_with("code,file,line,message\n"),
        "the CSV header:\n{}",
        cut(text)
    );
    text_rows(text).expect("fondo writes valid CSV")[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 4, "{r:?}");
            assert!(
                r[0].len() == 4 && r[0].starts_with('B') && r[2].parse::<u64>().is_ok(),
                "{r:?}"
            );
            [r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()]
        })
        .collect()
}

/// Whether a finding names one of `files`, as its file (in the CSV output,
/// a name starting with `-`, `=`, `+` or `@` is guarded with a `'`) or in
/// its message.
fn names_one_of(findings: &[[String; 4]], files: &[String]) -> bool {
    findings.iter().any(|f| {
        let file = f[1].strip_prefix('\'').unwrap_or(&f[1]);
        files.iter().any(|n| file == n || f[3].contains(n.as_str()))
    })
}

fn describe(findings: &[[String; 4]]) -> String {
    cut(&findings
        .iter()
        .map(|f| format!("{} {} line {}: {}", f[0], f[1], f[2], f[3]))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The bundle after `mutations` (and the reseal), written into a new
/// temporary directory: (work directory, bundle path, bundle).
fn prepare(mutations: &[Mutation], resealed: bool) -> (TempDir, std::path::PathBuf, Bundle) {
    let mut bundle = original().clone();
    for m in mutations {
        apply(&mut bundle, m);
    }
    if resealed {
        reseal(&mut bundle);
    }
    let work = TempDir::new().expect("a temporary directory");
    let dir = work.path().join("bundle");
    write_bundle(&dir, &bundle);
    (work, dir, bundle)
}

/// Every property of fondo's checker on one mutated bundle; returns its
/// exit code and findings.
fn check_fondo(mutations: &[Mutation], resealed: bool, second: &str) -> (i32, Vec<[String; 4]>) {
    let (work, dir, bundle) = prepare(mutations, resealed);
    let original = original();
    let ran = fondo(work.path(), &dir, "csv");
    let not_a_bundle = !bundle.contains_key(b"BUNDLE.csv".as_slice())
        && !bundle.contains_key(b"MANIFEST.csv".as_slice());
    let changed = changed(original, &bundle);
    match ran.code {
        2 => {
            assert!(not_a_bundle, "exit 2 for a bundle:\n{}", ran.stderr);
            assert!(ran.stdout.is_empty());
            assert!(
                ran.stderr.starts_with("fondo: ") && ran.stderr.lines().count() == 1,
                "one `fondo: ` line:\n{}",
                cut(&ran.stderr)
            );
            return (2, Vec::new());
        }
        0 | 1 => {
            assert!(!not_a_bundle, "a directory that is not a bundle was read");
            assert!(
                ran.stderr.lines().all(|l| l.starts_with("fondo: ")),
                "stderr:\n{}",
                cut(&ran.stderr)
            );
        }
        code => panic!("exit code {code}; stderr:\n{}", cut(&ran.stderr)),
    }
    let found = findings(&ran);
    assert_eq!(found.is_empty(), ran.code == 0, "exit code and findings");
    if changed.is_empty() {
        assert_eq!(ran.code, 0, "the original bundle:\n{}", describe(&found));
    } else if resealed {
        let required = must_be_found(original, &bundle);
        assert!(
            required.is_empty() || (ran.code == 1 && names_one_of(&found, &required)),
            "resealed, the change to {required:?} must be found and named; found:\n{}",
            describe(&found)
        );
    } else {
        let same = changed == ["MANIFEST.csv"] && manifest_says_the_same(original, &bundle);
        assert!(
            ran.code == 1 || same,
            "the changes to {changed:?} were not found"
        );
    }
    if ran.code == 1 {
        // Named: a changed file, besides MANIFEST.csv when it was resealed.
        let named: Vec<String> = changed
            .iter()
            .filter(|n| !resealed || changed.len() == 1 || n.as_str() != "MANIFEST.csv")
            .cloned()
            .collect();
        assert!(
            names_one_of(&found, &named),
            "no finding names one of {named:?}:\n{}",
            describe(&found)
        );
    }
    let other = fondo(work.path(), &dir, second);
    assert_eq!(other.code, ran.code, "--format {second}: {}", other.stderr);
    let text = String::from_utf8(other.stdout).expect("fondo writes UTF-8");
    match second {
        "json" => {
            let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert_eq!(json["findings"].as_array().map(Vec::len), Some(found.len()));
        }
        _ => {
            let bad = text.chars().find(|c| c.is_control() && *c != '\n');
            assert!(
                bad.is_none(),
                "the table prints the control character {bad:?}:\n{}",
                cut(&text)
            );
            let summary = text
                .lines()
                .position(|l| l.starts_with("checked "))
                .expect("a summary line");
            assert_eq!(
                summary,
                found.len(),
                "one line per finding:\n{}",
                cut(&text)
            );
        }
    }
    (ran.code, found)
}

/// scripts/verify_bundle.py, when python3 is installed.
fn python(work: &Path, bundle: &Path) -> Option<Ran> {
    let python = common::oracle("python3", "apt-get install python3")?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py");
    Some(run_limited(
        work,
        python.as_os_str(),
        &[script.as_os_str(), bundle.as_os_str()],
    ))
}

/// The properties of the Python checker on one mutated bundle; returns
/// fondo's exit code.
fn check_python(mutations: &[Mutation], resealed: bool) -> i32 {
    let (work, dir, bundle) = prepare(mutations, resealed);
    let ours = fondo(work.path(), &dir, "csv");
    let Some(py) = python(work.path(), &dir) else {
        return ours.code;
    };
    let output = format!(
        "verify_bundle.py exited {}:\n{}{}\nfondo exited {}:\n{}",
        py.code,
        cut(&String::from_utf8_lossy(&py.stdout)),
        cut(&py.stderr),
        ours.code,
        cut(&String::from_utf8_lossy(&ours.stdout))
    );
    assert!(
        [0, 1, 2].contains(&py.code) && !py.stderr.contains("Traceback"),
        "{output}"
    );
    assert_eq!(py.code == 2, ours.code == 2, "not a bundle: {output}");
    if ours.code == 0 {
        assert_eq!(py.code, 0, "fondo finds nothing: {output}");
    }
    if ours.code == 1 && !resealed && bundle != *original() {
        assert_eq!(py.code, 1, "fondo finds a change: {output}");
    }
    ours.code
}

// ---------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_mutated_bundle_is_found_out_and_never_crashes_the_checker(
        mutations in prop::collection::vec(mutation(), 1..5),
        second in prop::sample::select(vec!["table", "json"]),
    ) {
        check_fondo(&mutations, false, second);
    }

    #[test]
    fn a_resealed_manifest_does_not_hide_a_change_to_content(
        m in mutation(),
        second in prop::sample::select(vec!["table", "json"]),
    ) {
        check_fondo(&[m], true, second);
    }

    #[test]
    fn the_python_checker_agrees_and_never_ends_in_a_traceback(
        mutations in prop::collection::vec(mutation(), 1..3),
        resealed in any::<bool>(),
    ) {
        check_python(&mutations, resealed);
    }
}

// ---------------------------------------------------------------------
// Fixed cases

/// The index of a file of the original bundle, for [`Mutation`]s.
fn at(name: &str) -> usize {
    FILES
        .iter()
        .position(|f| *f == name)
        .expect("a bundle file")
}

/// The index of a column of a file of the original bundle.
fn column(name: &str, column: &str) -> usize {
    let rows = byte_rows(file(original(), name)).expect("valid CSV");
    rows[0]
        .iter()
        .position(|c| c == column.as_bytes())
        .expect("a column of the file")
}

/// Replaces a cell of the original bundle (row 0 is the header).
fn cell(name: &str, row: usize, col: &str, text: &str) -> Mutation {
    Mutation::Cell {
        file: at(name),
        row,
        column: column(name, col),
        text: Text::Plain(text.to_owned()),
    }
}

/// Checks `mutations` resealed and not (both must find something), and
/// with the Python checker; returns the findings of the resealed bundle.
fn regression(mutations: &[Mutation]) -> Vec<[String; 4]> {
    let (code, _) = check_fondo(mutations, false, "table");
    assert_eq!(code, 1);
    check_python(mutations, false);
    check_python(mutations, true);
    let (code, found) = check_fondo(mutations, true, "json");
    assert_eq!(code, 1, "resealed");
    found
}

fn has(found: &[[String; 4]], code: &str, file: &str, needle: &str) -> bool {
    found
        .iter()
        .any(|f| f[0] == code && f[1] == file && f[3].contains(needle))
}

#[test]
fn the_original_bundle_is_clean_for_both_checkers() {
    assert_eq!(check_fondo(&[], false, "table").0, 0);
    assert_eq!(check_fondo(&[], true, "json").0, 0);
    assert_eq!(check_python(&[], false), 0);
}

/// Found by fuzzing: a window beyond chrono's range (about 262,000 years)
/// made the checker panic while adding it to `applied_at`.
#[test]
fn a_policy_window_beyond_the_calendar_is_a_finding_not_a_panic() {
    let found = regression(&[cell(
        "policies.csv",
        3,
        "window_minutes",
        "9223372036854775807",
    )]);
    assert!(
        has(
            &found,
            "B115",
            "grants.csv",
            "window_closes is not applied_at plus"
        ),
        "{}",
        describe(&found)
    );
}

/// Found by fuzzing: a FIFO in place of a file made both checkers wait for
/// ever, a link to /dev/zero made them read until memory ran out, and a
/// directory gave the Python checker a traceback. Files that are not plain
/// files are now reported and not read.
#[test]
fn pipes_devices_links_and_directories_are_reported_not_read() {
    for (name, with) in [
        ("journal.csv", Special::Fifo),
        ("accounts.csv", Special::Fifo),
        ("journal.csv", Special::Link("/dev/zero")),
        ("roles.csv", Special::Link("/dev/zero")),
        ("BUNDLE.csv", Special::Link("/nonexistent/BUNDLE.csv")),
        ("votes.csv", Special::LinkTo(at("votes.csv"))),
        ("README.txt", Special::Dir),
    ] {
        let found = regression(&[Mutation::Replace {
            file: at(name),
            with,
        }]);
        assert!(
            has(&found, "B101", name, "not a regular file"),
            "{name}: {}",
            describe(&found)
        );
    }
}

/// Found by fuzzing: the period's label was not checked against its days,
/// so a bundle of the second quarter could call itself the first, or a
/// padded day be read as a day.
#[test]
fn a_period_label_that_is_not_its_days_is_a_finding() {
    for (key, value) in [
        ("period", "2025-Q1"),
        ("period", "2025"),
        ("period", "2025-q2"),
        ("period", "2025-04-01 to 2025-06-29"),
        ("from", " 2025-04-01"),
    ] {
        let found = regression(&[Mutation::Fact {
            key,
            value: Text::Plain(value.to_owned()),
        }]);
        assert!(
            has(&found, "B118", "BUNDLE.csv", ""),
            "{key} {value:?}: {}",
            describe(&found)
        );
    }
    // The other label of the same days is the same period.
    let same = Mutation::Fact {
        key: "period",
        value: Text::Plain("2025-04-01 to 2025-06-30".to_owned()),
    };
    assert_eq!(check_fondo(&[same], true, "table").0, 0);
}

/// Found by fuzzing: a finding caused by a change to one file names that
/// file, so that the reader knows where to look.
#[test]
fn a_grant_without_its_tier_names_policies_csv() {
    let found = regression(&[Mutation::DeleteRow {
        file: at("policies.csv"),
        row: 3,
    }]);
    assert!(
        has(&found, "B115", "grants.csv", "policies.csv"),
        "{}",
        describe(&found)
    );
}

/// Found by fuzzing: the findings table printed cells as they are, so a
/// bundle could write terminal escapes and line breaks into it.
#[test]
fn the_findings_table_prints_no_control_characters() {
    for text in ["\u{1b}[2J\u{1b}[31mred", "two\nlines", "tab\there"] {
        check_fondo(&[cell("policies.csv", 0, "set_at", text)], false, "table");
        check_fondo(
            &[Mutation::Fact {
                key: "period",
                value: Text::Plain(text.to_owned()),
            }],
            true,
            "table",
        );
    }
}

/// Found by fuzzing: numbers were read with Rust's parser, which takes
/// `015` and `+15` for 15, so a number could be rewritten without a
/// finding; every number now has one spelling, as amounts and days do.
#[test]
fn a_number_with_a_leading_zero_is_a_finding() {
    let found = regression(&[Mutation::Fact {
        key: "records_count",
        value: Text::Plain("032".to_owned()),
    }]);
    assert!(
        has(&found, "B118", "BUNDLE.csv", "records_count"),
        "{}",
        describe(&found)
    );
    for (name, row, col, text) in [
        ("commodities.csv", 2, "decimals", "00"),
        ("grants.csv", 1, "consents", "02"),
        ("grants.csv", 1, "policy_version", "+2"),
        ("policies.csv", 3, "window_minutes", "04320"),
        ("MANIFEST.csv", 1, "rows", "013"),
    ] {
        let mutation = cell(name, row, col, text);
        let resealed = name != "MANIFEST.csv";
        let (code, found) = check_fondo(std::slice::from_ref(&mutation), resealed, "json");
        assert_eq!(code, 1, "{name} {col} {text:?}");
        assert!(
            has(&found, "B106", name, ""),
            "{name} {col}: {}",
            describe(&found)
        );
    }
}

/// Found by fuzzing: a contribution listed twice matched the journal row by
/// row, and a pool left empty was taken for the general pool.
#[test]
fn a_contribution_listed_twice_or_without_its_pool_is_a_finding() {
    let found = regression(&[Mutation::DuplicateRow {
        file: at("contributors.csv"),
        row: 1,
    }]);
    assert!(
        has(&found, "B106", "contributors.csv", "listed twice"),
        "{}",
        describe(&found)
    );
    let general = byte_rows(file(original(), "contributors.csv"))
        .unwrap()
        .iter()
        .position(|r| r[4] == b"general")
        .expect("a contribution to the general pool");
    let found = regression(&[cell("contributors.csv", general, "pool", "")]);
    assert!(
        has(&found, "B106", "contributors.csv", "is not in pools.csv"),
        "{}",
        describe(&found)
    );
}

/// Found by fuzzing: an amount written with the wrong places says which
/// file gives the places, for a change to commodities.csv.
#[test]
fn decimal_places_changed_in_commodities_csv_name_it() {
    let hours = byte_rows(file(original(), "commodities.csv"))
        .unwrap()
        .iter()
        .position(|r| r[0] == b"HOURS")
        .expect("HOURS");
    let found = regression(&[cell("commodities.csv", hours, "decimals", "2")]);
    assert!(
        has(
            &found,
            "B106",
            "journal.csv",
            "decimal places of HOURS in commodities.csv"
        ),
        "{}",
        describe(&found)
    );
}

/// Found by fuzzing: scripts/verify_bundle.py counted README lines with
/// Python's `splitlines` (which also breaks at form feeds and other
/// separators) where the manifest counts LF-ended lines; refused cells over
/// 128 KiB (fondo stores 10 MB descriptions); ended in a traceback on an
/// amount of millions of digits and on printing a file name that is not
/// UTF-8.
#[test]
fn the_python_checker_reads_what_fondo_reads() {
    let readme = Mutation::Insert {
        file: at("README.txt"),
        at: 40,
        bytes: vec![0x0b, 0x0c, b'\r', 0x1c],
    };
    let purpose = Mutation::Cell {
        file: at("pools.csv"),
        row: 4,
        column: column("pools.csv", "purpose"),
        text: Text::Huge(10 << 20, b'a'),
    };
    for clean in [readme, purpose] {
        assert_eq!(
            check_fondo(std::slice::from_ref(&clean), true, "table").0,
            0
        );
        check_python(&[clean], true);
    }
    for broken in [
        Mutation::Cell {
            file: at("balances.csv"),
            row: 1,
            column: column("balances.csv", "opening"),
            text: Text::Huge(10 << 20, b'9'),
        },
        Mutation::Add {
            name: b"\xff\xfe.csv".to_vec(),
            content: Text::Plain("x".to_owned()),
        },
    ] {
        check_python(std::slice::from_ref(&broken), false);
        check_python(&[broken], true);
    }
}

/// Found by reading the checker after fuzzing: each row of balances.csv
/// that disagreed with the journal was looked for again from the top of the
/// file, so 100,000 such rows (4 MB) took minutes. They now take seconds.
#[test]
fn many_rows_that_disagree_with_the_journal_take_linear_time() {
    let mut text = String::from("account,commodity,opening,debits,credits,closing\n");
    for i in 0..100_000 {
        text.push_str(&format!("assets:x{i},USD,0.00,1.00,1.00,0.00\n"));
    }
    let rows = Mutation::Add {
        name: b"balances.csv".to_vec(),
        content: Text::Plain(text),
    };
    assert_eq!(check_python(&[rows], true), 1);
}

/// The largest inputs of the issue, which the properties reach only now and
/// then: a 10 MB cell (in the journal, where it breaks a hash, and in free
/// text, where it is allowed), a header and a row of 100,000 cells, and
/// 10 MB of one byte in place of a file. Each check ends within the time
/// and memory limits (see [`run_limited`]).
#[test]
fn the_largest_inputs_finish_within_bounded_time_and_memory() {
    let description = Mutation::Cell {
        file: at("journal.csv"),
        row: 3,
        column: column("journal.csv", "description"),
        text: Text::Huge(10 << 20, b'x'),
    };
    let cases = [
        description,
        Mutation::WideRow {
            file: at("votes.csv"),
            row: 0,
        },
        Mutation::WideRow {
            file: at("journal.csv"),
            row: 2,
        },
        Mutation::Add {
            name: b"accounts.csv".to_vec(),
            content: Text::Huge(10 << 20, b','),
        },
        Mutation::Add {
            name: b"journal.csv".to_vec(),
            content: Text::Huge(10 << 20, b'"'),
        },
    ];
    for mutation in cases {
        assert_eq!(check_python(&[mutation], true), 1);
    }
}

/// Found by fuzzing: a salt cell that is not ASCII ended verify_bundle.py
/// in a traceback. A salt is hashed as its UTF-8 bytes, as fondo hashes
/// it, so such a salt is a hash that does not recompute, for both.
#[test]
fn a_salt_that_is_not_ascii_is_a_finding_for_the_python_checker() {
    let found = regression(&[cell("journal.csv", 1, "description_salt", "ꗂ8")]);
    assert!(has(
        &found,
        "B107",
        "journal.csv",
        "does not match its hash"
    ));
}

/// Found by fuzzing: a salt cell beside an empty text changed nothing a
/// hash covers (an empty text has no commitment), so a resealed bundle with
/// `memo_salt` set to `1.64` passed. Salt cells are now checked on their
/// own: nothing for an empty text or a v1 row, else 32 or 64 hex digits.
#[test]
fn a_salt_beside_an_empty_text_is_a_finding() {
    let found = regression(&[cell("journal.csv", 1, "memo_salt", "1.64")]);
    assert!(has(&found, "B106", "journal.csv", "memo_salt"), "{found:?}");
}
