//! Hostile and broken input, as a table: SQL-injection strings in every text
//! field, control characters and text-reordering marks in names, 10 MB
//! fields, 100,000-column rows, deeply nested account names, invalid UTF-8,
//! files that are not fondo books, a database from a newer fondo, and
//! linked or world-writable database files.
//!
//! Every case runs the real binary and must end in one of three ways, never
//! a panic (exit 101), a hang or a half-written database:
//!
//! - **stored**: exit 0, and the hostile text comes back exactly from a
//!   listing (JSON or CSV), so it was stored as data, not run as SQL;
//! - **refused**: exit 2, one `fondo: ` message naming the problem, nothing
//!   written (every table compared row by row);
//! - **either**: one of the two (for input fondo may reasonably take or
//!   refuse, like a 10 MB description), with the same checks.
//!
//! After each group the books must still verify cleanly. Error messages stay
//! short: a line quoting a huge input is cut in the middle.

mod common;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Fund, FundBuilder, HEADER, Run, clean, command, csv_rows, run_command, state_at};
use serde_json::Value;

const INJECTIONS: [&str; 4] = [
    "Robert'); DROP TABLE txns; --",
    "\" OR \"1\"=\"1",
    "'; UPDATE fund SET head_hash = 'x'; --",
    "1; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
];

/// What a case must end in.
enum Expect {
    /// Exit 0, and `listing` (JSON or CSV output) holds `text` exactly.
    Stored {
        listing: Vec<&'static str>,
        text: String,
    },
    /// Exit 2 with every needle in the message; nothing written.
    Refused(Vec<&'static str>),
    /// Either of the two (for stored: nothing checked about the listing).
    Either,
}

struct Case {
    name: String,
    args: Vec<OsString>,
    expect: Expect,
}

fn case(name: impl Into<String>, args: &[&str], expect: Expect) -> Case {
    Case {
        name: name.into(),
        args: args.iter().map(OsString::from).collect(),
        expect,
    }
}

fn stored(listing: &[&'static str], text: &str) -> Expect {
    Expect::Stored {
        listing: listing.to_vec(),
        text: text.to_owned(),
    }
}

fn refused(needles: &[&'static str]) -> Expect {
    Expect::Refused(needles.to_vec())
}

/// True when a JSON value or a CSV cell anywhere in `output` is `text`, or
/// (for CSV cells, which spreadsheets guard) `'` followed by `text`.
fn holds(output: &str, text: &str) -> bool {
    fn walk(value: &Value, text: &str) -> bool {
        match value {
            Value::String(s) => s == text || s.contains(text),
            Value::Array(items) => items.iter().any(|v| walk(v, text)),
            Value::Object(map) => map.values().any(|v| walk(v, text)),
            _ => false,
        }
    }
    match serde_json::from_str::<Value>(output) {
        Ok(value) => walk(&value, text),
        Err(_) => csv_rows(output).iter().flatten().any(|cell| {
            cell == text || cell.strip_prefix('\'') == Some(text) || cell.contains(text)
        }),
    }
}

/// Runs one case on `db` and checks its outcome.
fn check(db: &Path, case: &Case) {
    let before = state_at(db);
    let start = Instant::now();
    let mut cmd = command();
    cmd.arg("--db").arg(db).args(&case.args);
    let run = run_command(&mut cmd);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{}: took {:?}",
        case.name,
        start.elapsed()
    );
    let name = &case.name;
    assert_ne!(run.code, 101, "{name}: panicked:\n{}", run.stderr);
    for line in run.stderr.lines() {
        assert!(
            line.chars().count() < 2_000,
            "{name}: an error line of {} characters",
            line.len()
        );
    }
    let refusal = |run: &Run, needles: &[&str]| {
        assert!(run.stderr.starts_with("fondo: "), "{name}: {}", run.stderr);
        for needle in needles {
            assert!(run.stderr.contains(needle), "{name}: {}", run.stderr);
        }
        assert_eq!(
            state_at(db),
            before,
            "{name}: refused, but the books changed"
        );
    };
    match &case.expect {
        Expect::Stored { listing, text } => {
            assert_eq!(run.code, 0, "{name}: {}", run.stderr);
            let mut cmd = command();
            cmd.arg("--db").arg(db).args(listing);
            let out = run_command(&mut cmd).ok();
            assert!(holds(&out, text), "{name}: {text:?} is not in:\n{out}");
        }
        Expect::Refused(needles) => {
            assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
            refusal(&run, needles);
        }
        Expect::Either => match run.code {
            0 => {}
            2 => refusal(&run, &[]),
            code => panic!("{name}: exit {code}: {}", run.stderr),
        },
    }
}

/// A fund with members, stewards, a pool with a policy, an open grant and
/// the accounts the cases post to.
fn base() -> Fund {
    let mut builder = FundBuilder::new()
        .currency("USD")
        .accounts(&[
            "assets:bank:usd",
            "assets:bank:eur",
            "income:dues",
            "expenses:grants",
        ])
        .post(
            "Dues",
            "2026-01-10",
            &["assets:bank:usd=1000.00 USD", "income:dues"],
        )
        .setting("contribution-account", "assets:bank:usd")
        .pool("housing", "Rent relief")
        .pool("food", "Groceries")
        .member("Solidarität Berlin");
    for m in ["Ana", "Bruno", "Carmen"] {
        builder = builder.member(m).stewards(&[m], "2026-01-01");
    }
    builder
        .policy(
            "housing",
            "consent --min-consents 2 --window 2w",
            "2026-03-01T10:00",
        )
        .contribution("Ana", "500.00 USD", Some("housing"), "2026-03-01")
        .application("Carmen", "housing", "100 USD", "Rent", "2026-03-02T10:00")
        .build()
}

#[test]
fn sql_injection_strings_in_every_text_field_are_stored_as_text() {
    let fund = base();
    let mut cases = Vec::new();
    for (i, inj) in INJECTIONS.iter().enumerate() {
        let members: &[&str] = &["member", "list", "--format", "json"];
        let grant: &[&str] = &["grant", "show", "G-0001", "--format", "json"];
        let journal: &[&str] = &["journal", "export"];
        let contact = format!("c{i}");
        let note = format!("n{i}");
        let nobody = format!("{inj} (nobody)");
        cases.extend([
            case(
                format!("member name {i}"),
                &["member", "add", inj],
                stored(members, inj),
            ),
            case(
                format!("member contact {i}"),
                &["member", "add", &contact, "--contact", inj],
                stored(members, inj),
            ),
            case(
                format!("member note {i}"),
                &["member", "add", &note, "--note", inj],
                stored(members, inj),
            ),
            case(
                format!("post description, payee, reference {i}"),
                &[
                    "post",
                    inj,
                    "--payee",
                    inj,
                    "--reference",
                    inj,
                    "--date",
                    "2026-03-03",
                    "-p",
                    "expenses:grants=1.00 USD",
                    "-p",
                    "assets:bank:usd",
                ],
                stored(journal, inj),
            ),
            case(
                format!("contribution memo and reference {i}"),
                &[
                    "contribute",
                    "1.00",
                    "USD",
                    "--from",
                    "Bruno",
                    "--memo",
                    inj,
                    "--reference",
                    inj,
                    "--date",
                    "2026-03-03",
                ],
                stored(journal, inj),
            ),
            case(
                format!("objection reason {i}"),
                &[
                    "grant",
                    "vote",
                    "G-0001",
                    if i % 2 == 0 { "object" } else { "consent" },
                    "--as",
                    "Ana",
                    "--reason",
                    inj,
                    "--at",
                    &format!("2026-03-02T11:0{i}"),
                ],
                stored(grant, inj),
            ),
            case(
                format!("rate source {i}"),
                &[
                    "rate",
                    "add",
                    &format!("2026-01-0{}", i + 1),
                    "EUR",
                    "USD",
                    "1.1",
                    "--source",
                    inj,
                ],
                stored(&["rate", "list", "--format", "json"], inj),
            ),
            case(
                format!("balance prefix {i}"),
                &["balance", inj, "--format", "json"],
                Expect::Either,
            ),
            case(
                format!("unknown member {i}"),
                &["member", "show", &nobody],
                refused(&["unknown member"]),
            ),
        ]);
    }
    cases.extend([
        case(
            "account note",
            &["account", "add", "assets:cash", "--note", INJECTIONS[0]],
            stored(&["account", "list", "--format", "json"], INJECTIONS[0]),
        ),
        case(
            "account name",
            &["account", "add", "assets:x'); DROP TABLE accounts; --"],
            stored(
                &["account", "list", "--format", "json"],
                "assets:x'); DROP TABLE accounts; --",
            ),
        ),
        case(
            "commodity name",
            &[
                "commodity",
                "add",
                "TOKENS",
                "--decimals",
                "0",
                "--name",
                INJECTIONS[1],
            ],
            stored(&["commodity", "list", "--format", "json"], INJECTIONS[1]),
        ),
        case(
            "commodity code",
            &["commodity", "add", "USD'--", "--decimals", "2"],
            refused(&["invalid commodity code"]),
        ),
        case(
            "pool name and purpose",
            &[
                "pool",
                "add",
                "p'); DROP TABLE pools;--",
                "--purpose",
                INJECTIONS[2],
                "--guidelines",
                INJECTIONS[3],
            ],
            stored(
                &["pool", "list", "--format", "json"],
                "p'); DROP TABLE pools;--",
            ),
        ),
        case(
            "grant purpose and category",
            &[
                "grant",
                "apply",
                "--applicant",
                "Bruno",
                "--pool",
                "housing",
                "--amount",
                "50",
                "USD",
                "--purpose",
                INJECTIONS[0],
                "--category",
                INJECTIONS[1],
                "--at",
                "2026-03-02T12:00",
            ],
            stored(
                &["grant", "show", "G-0002", "--format", "json"],
                INJECTIONS[0],
            ),
        ),
        case(
            "relation reason",
            &[
                "member",
                "relate",
                "Ana",
                "Bruno",
                "--reason",
                INJECTIONS[2],
                "--at",
                "2026-03-02T13:00",
            ],
            Expect::Either,
        ),
        case(
            "setting value",
            &["setting", "set", "contribution-account", INJECTIONS[0]],
            refused(&["invalid account name"]),
        ),
        case(
            "grant id",
            &["grant", "show", "G-0001' OR 1=1 --"],
            refused(&["G-0001' OR 1=1 --"]),
        ),
        case(
            "void reason",
            &[
                "void",
                "1",
                "--reason",
                INJECTIONS[3],
                "--date",
                "2026-03-04",
            ],
            Expect::Either,
        ),
    ]);
    assert!(cases.len() >= 40);
    for c in &cases {
        check(&fund.db, c);
    }
    clean(&fund);
    // The tables are all still there.
    let conn = rusqlite::Connection::open(&fund.db).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(tables >= 15, "{tables} tables");
}

#[test]
fn control_characters_and_reordering_marks_never_reach_the_terminal_raw() {
    let fund = base();
    let cases = [
        case(
            "escape sequence",
            &["member", "add", "Evil\u{1b}[31mRed"],
            refused(&["control characters"]),
        ),
        case(
            "line break",
            &["member", "add", "Line\nBreak"],
            refused(&["control characters"]),
        ),
        case(
            "carriage return",
            &["pool", "add", "a\rb", "--purpose", "x"],
            Expect::Either,
        ),
        case(
            "bell in a description",
            &[
                "post",
                "\u{7}ring\r",
                "--date",
                "2026-03-03",
                "-p",
                "expenses:grants=1.00 USD",
                "-p",
                "assets:bank:usd",
            ],
            Expect::Either,
        ),
        case(
            "right-to-left override",
            &["member", "add", "Ana\u{202E}gnp.exe"],
            refused(&["member name", "U+202E", "formatting character"]),
        ),
        case(
            "isolate marks",
            &["pool", "add", "x\u{2067}y\u{2069}", "--purpose", "p"],
            refused(&["pool name", "U+2067"]),
        ),
        case(
            "override in an account",
            &["account", "add", "assets:\u{202E}knab"],
            refused(&["account", "U+202E"]),
        ),
        case(
            "override in a memo",
            &[
                "contribute",
                "1.00",
                "USD",
                "--from",
                "Ana",
                "--memo",
                "\u{202E}00.0001",
                "--date",
                "2026-03-03",
            ],
            stored(&["journal", "export"], "\u{202E}00.0001"),
        ),
    ];
    for c in &cases {
        check(&fund.db, c);
    }
    for args in [
        &["member", "list"][..],
        &["pool", "list"],
        &["account", "list"],
        &["register"],
        &["balance"],
        &["grant", "list"],
    ] {
        let out = fund.ok(args);
        for c in out.chars() {
            assert!(
                c == '\n'
                    || !(c.is_control()
                        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "{args:?} printed {c:?} raw:\n{out}"
            );
        }
    }
    clean(&fund);
}

/// A journal file with `rows` after the header.
fn journal(fund: &Fund, name: &str, rows: &str) -> String {
    fund.write(name, format!("{HEADER}\n{rows}"))
        .display()
        .to_string()
}

#[test]
fn huge_fields_wide_rows_deep_names_and_broken_encodings_are_handled() {
    let fund = base();
    let big = "x".repeat(10 * 1024 * 1024);
    let wide = vec!["1"; 100_000].join(",");
    let deep = format!("assets:{}", vec!["a"; 10_000].join(":"));
    let deep_ok = format!("assets:{}", vec!["b"; 15].join(":"));
    let too_deep = format!("assets:{}", vec!["c"; 16].join(":"));
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/maps/eu-bank.toml");
    let map = map.display().to_string();
    let statement_head = "Konto;X\nZeitraum;Y\nBuchungstag;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n";
    let mut latin1 = statement_head.as_bytes().to_vec();
    latin1.extend_from_slice(b"03.02.2026;03.02.2026;Solidarit\xe4t;Gutschrift;Spende;10,00;EUR\n");
    let latin1 = fund.write("latin1.csv", latin1).display().to_string();
    let mut bad_utf8 = format!("{HEADER}\n").into_bytes();
    bad_utf8.extend_from_slice(b"1,2026-03-05,Caf\xe9,assets:bank:usd,1.00,USD\n1,2026-03-05,Caf\xe9,income:dues,-1.00,USD\n");
    let bad_utf8 = fund.write("bad-utf8.csv", bad_utf8).display().to_string();
    let big_map = fund
        .write("big.toml", format!("# {big}\n"))
        .display()
        .to_string();
    let bad_map = fund
        .write("bad.toml", b"[file]\ndelimiter = \"\xff\"\n")
        .display()
        .to_string();
    let big_statement = fund
        .write(
            "big-statement.csv",
            format!("{statement_head}03.02.2026;03.02.2026;{big};Gutschrift;Spende;10,00;EUR\n"),
        )
        .display()
        .to_string();
    let wide_statement = fund
        .write(
            "wide-statement.csv",
            format!("{statement_head}{}\n", vec!["1"; 100_000].join(";")),
        )
        .display()
        .to_string();
    let utf16 = fund
        .write("utf16.csv", [0xff, 0xfe, b't', 0, b'x', 0])
        .display()
        .to_string();
    let bom = journal(&fund, "bom.csv", "");
    let bom_path = fund.write("bom.csv", format!("\u{feff}{HEADER}\n7,2026-03-05,BOM,assets:bank:usd,1.00,USD\n7,2026-03-05,BOM,income:dues,-1.00,USD\n"));
    assert_eq!(bom, bom_path.display().to_string());
    let nul = journal(
        &fund,
        "nul.csv",
        "1,2026-03-05,a\u{0}b,assets:bank:usd,1.00,USD\n1,2026-03-05,a\u{0}b,income:dues,-1.00,USD\n",
    );
    let cases = vec![
        case(
            "10 MB description",
            &[
                "journal",
                "import",
                &journal(
                    &fund,
                    "big.csv",
                    &format!(
                        "1,2026-03-05,{big},assets:bank:usd,1.00,USD\n1,2026-03-05,{big},income:dues,-1.00,USD\n"
                    ),
                ),
            ],
            Expect::Either,
        ),
        case(
            "10 MB account name",
            &[
                "journal",
                "import",
                &journal(
                    &fund,
                    "big-account.csv",
                    &format!(
                        "1,2026-03-05,x,assets:{big},1.00,USD\n1,2026-03-05,x,income:dues,-1.00,USD\n"
                    ),
                ),
            ],
            refused(&["256 characters"]),
        ),
        case(
            "10 MB amount",
            &[
                "journal",
                "import",
                &journal(
                    &fund,
                    "big-amount.csv",
                    &format!(
                        "1,2026-03-05,x,assets:bank:usd,{},USD\n",
                        "9".repeat(10 * 1024 * 1024)
                    ),
                ),
            ],
            refused(&["amount"]),
        ),
        case(
            "10 MB payer in a bank statement",
            &["import", "contributions", &big_statement, "--map", &map],
            Expect::Either,
        ),
        case(
            "10 MB map file",
            &["import", "contributions", &latin1, "--map", &big_map],
            refused(&["map file"]),
        ),
        case(
            "100 KB argument",
            &["member", "add", &"y".repeat(100_000)],
            Expect::Either,
        ),
        case(
            "100,000-column journal row",
            &[
                "journal",
                "import",
                &journal(&fund, "wide.csv", &format!("{wide}\n")),
            ],
            refused(&["line 2"]),
        ),
        case(
            "100,000-column journal header",
            &[
                "journal",
                "import",
                &fund
                    .write("wide-head.csv", format!("{HEADER},{wide}\n"))
                    .display()
                    .to_string(),
            ],
            Expect::Either,
        ),
        case(
            "100,000-column statement row",
            &["import", "contributions", &wide_statement, "--map", &map],
            refused(&["line 4"]),
        ),
        case(
            "10,000-segment account",
            &["account", "add", &deep],
            refused(&["invalid account name"]),
        ),
        case(
            "16-segment account",
            &["account", "add", &deep_ok],
            stored(&["account", "list", "--format", "json"], &deep_ok),
        ),
        case(
            "17-segment account",
            &["account", "add", &too_deep],
            refused(&["at most 16 segments"]),
        ),
        case(
            "empty segment",
            &["account", "add", "assets::x"],
            refused(&["invalid account name"]),
        ),
        case("deep tree", &["balance", "--tree"], Expect::Either),
        case(
            "invalid UTF-8 in a journal",
            &["journal", "import", &bad_utf8],
            refused(&["line 2"]),
        ),
        case(
            "Latin-1 bank statement",
            &["import", "contributions", &latin1, "--map", &map],
            refused(&["UTF-8"]),
        ),
        case(
            "invalid UTF-8 in a map file",
            &["import", "contributions", &latin1, "--map", &bad_map],
            refused(&["bad.toml", "UTF-8"]),
        ),
        case(
            "UTF-16 journal",
            &["journal", "import", &utf16],
            refused(&[]),
        ),
        case(
            "UTF-8 BOM journal",
            &["journal", "import", &bom],
            Expect::Either,
        ),
        case(
            "NUL in a description",
            &["journal", "import", &nul],
            Expect::Either,
        ),
        case(
            "exponent amount",
            &[
                "post",
                "x",
                "-p",
                "assets:bank:usd=1e3 USD",
                "-p",
                "income:dues",
            ],
            refused(&["invalid amount"]),
        ),
        case(
            "huge amount",
            &[
                "post",
                "x",
                "-p",
                "assets:bank:usd=99999999999999999999999 USD",
                "-p",
                "income:dues",
            ],
            refused(&["amount"]),
        ),
        case(
            "Arabic-Indic digits",
            &[
                "post",
                "x",
                "-p",
                "assets:bank:usd=١٢٣ USD",
                "-p",
                "income:dues",
            ],
            refused(&["invalid amount"]),
        ),
        case(
            "impossible date",
            &[
                "post",
                "x",
                "--date",
                "2026-02-30",
                "-p",
                "assets:bank:usd=1 USD",
                "-p",
                "income:dues",
            ],
            refused(&["invalid date"]),
        ),
        case(
            "year 10000",
            &[
                "post",
                "x",
                "--date",
                "+10000-01-01",
                "-p",
                "assets:bank:usd=1 USD",
                "-p",
                "income:dues",
            ],
            refused(&["invalid date"]),
        ),
    ];
    for c in &cases {
        check(&fund.db, c);
    }
    // Invalid UTF-8 on the command line is refused by the argument parser.
    let mut cmd = command();
    cmd.arg("--db")
        .arg(&fund.db)
        .args(["member", "add"])
        .arg(OsString::from_vec(b"x\xff".to_vec()));
    let run = run_command(&mut cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
    clean(&fund);
}

/// How each database file case is made, in `dir`.
type Maker = fn(&Path) -> PathBuf;

fn fondo_books(dir: &Path) -> PathBuf {
    let db = dir.join("books.db");
    let fund_cmd = |args: &[&str]| {
        let mut cmd = command();
        cmd.arg("--db").arg(&db).args(args);
        run_command(&mut cmd).ok();
    };
    fund_cmd(&["init", "--currency", "USD"]);
    fund_cmd(&["account", "add", "assets:bank"]);
    db
}

/// Encrypted books (tests/fixtures/encrypted.db, made by SQLCipher) are
/// told apart by their header: a build without encryption refuses them
/// saying so, never with SQLite's "file is not a database"; a build with it
/// asks for the passphrase (here: none was given).
#[test]
fn encrypted_books_are_recognised_in_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("encrypted.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encrypted.db"),
        &db,
    )
    .unwrap();
    let raw = std::fs::read(&db).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3\0"));
    assert!(!raw.windows(6).any(|w| w == b"Quispe"));
    let mut cmd = command();
    cmd.arg("--db").arg(&db).arg("balance");
    let run = run_command(&mut cmd);
    let stderr = if cfg!(feature = "encryption") {
        run.error(&[
            "is encrypted and no passphrase was given",
            "FONDO_PASSPHRASE_FILE",
        ])
    } else {
        run.error(&[
            "is not a plain SQLite file",
            "this fondo was built without encryption",
            "--features encryption",
            "docs/encryption.md",
        ])
    };
    assert!(!stderr.contains("not a database"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        raw,
        "the file is left as it was"
    );
}

#[test]
fn files_that_are_not_fondo_books_are_refused_and_risky_files_warned_about() {
    let refusals: [(&str, Maker, &[&str]); 9] = [
        (
            "another program's SQLite file",
            |d| {
                let p = d.join("other.sqlite");
                rusqlite::Connection::open(&p)
                    .unwrap()
                    .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                    .unwrap();
                p
            },
            &["is not a fondo database", "another program"],
        ),
        (
            "an empty file",
            |d| {
                let p = d.join("empty.db");
                std::fs::write(&p, "").unwrap();
                p
            },
            &["an empty file"],
        ),
        (
            "a text file",
            |d| {
                let p = d.join("notes.db");
                std::fs::write(&p, "x".repeat(5000)).unwrap();
                p
            },
            &["not an SQLite file"],
        ),
        (
            "a directory",
            |d| {
                let p = d.join("dir.db");
                std::fs::create_dir(&p).unwrap();
                p
            },
            &["not a regular file"],
        ),
        (
            "/dev/null",
            |_| PathBuf::from("/dev/null"),
            &["not a regular file"],
        ),
        ("a missing file", |d| d.join("missing.db"), &["fondo init"]),
        (
            "a newer schema version",
            |d| {
                let p = fondo_books(d);
                rusqlite::Connection::open(&p)
                    .unwrap()
                    .pragma_update(None, "user_version", 99)
                    .unwrap();
                p
            },
            &["newer fondo", "schema version 99"],
        ),
        (
            "a truncated fondo database",
            |d| {
                let p = fondo_books(d);
                let bytes = std::fs::read(&p).unwrap();
                std::fs::write(&p, &bytes[..bytes.len() / 3]).unwrap();
                p
            },
            &["damaged"],
        ),
        (
            "a fondo header over garbage",
            |d| {
                let p = fondo_books(d);
                let mut bytes = std::fs::read(&p).unwrap();
                let len = bytes.len();
                for b in &mut bytes[16384..len] {
                    *b = 0xa5;
                }
                std::fs::write(&p, bytes).unwrap();
                p
            },
            &["damaged"],
        ),
    ];
    for (name, make, needles) in refusals {
        let dir = tempfile::tempdir().unwrap();
        let db = make(dir.path());
        for args in [
            &["balance"][..],
            &["account", "add", "assets:x"],
            &["verify"],
        ] {
            let mut cmd = command();
            cmd.arg("--db").arg(&db).args(args);
            let run = run_command(&mut cmd);
            assert_ne!(run.code, 101, "{name}: panicked: {}", run.stderr);
            if run.code == 1 {
                // verify may open damaged books and report the damage.
                assert!(run.stdout.contains("V101"), "{name}: {}", run.stdout);
                continue;
            }
            assert_eq!(run.code, 2, "{name} {args:?}: {}{}", run.stdout, run.stderr);
            for needle in needles {
                assert!(
                    run.stderr.contains(needle),
                    "{name} {args:?}: {}",
                    run.stderr
                );
            }
        }
    }

    use std::os::unix::fs::PermissionsExt;
    let warnings: [(&str, Maker, &str); 3] = [
        (
            "a symbolic link",
            |d| {
                let books = fondo_books(d);
                let link = d.join("link.db");
                std::os::unix::fs::symlink(&books, &link).unwrap();
                link
            },
            "is a symbolic link",
        ),
        (
            "a world-writable file",
            |d| {
                let books = fondo_books(d);
                std::fs::set_permissions(&books, std::fs::Permissions::from_mode(0o666)).unwrap();
                books
            },
            "can be written by every user",
        ),
        (
            "a file with two names",
            |d| {
                let books = fondo_books(d);
                std::fs::hard_link(&books, d.join("second.db")).unwrap();
                books
            },
            "hard links",
        ),
    ];
    for (name, make, needle) in warnings {
        let dir = tempfile::tempdir().unwrap();
        let db = make(dir.path());
        for args in [&["balance"][..], &["account", "add", "assets:y"]] {
            let mut cmd = command();
            cmd.arg("--db").arg(&db).arg("--quiet").args(args);
            let run = run_command(&mut cmd);
            assert_eq!(run.code, 0, "{name}: {}", run.stderr);
            assert!(
                run.stderr.starts_with("fondo: warning: ") && run.stderr.contains(needle),
                "{name}: {}",
                run.stderr
            );
        }
    }
    // A path that is not UTF-8 is still a path.
    let dir = tempfile::tempdir().unwrap();
    let mut name = dir.path().as_os_str().to_owned().into_vec();
    name.extend_from_slice(b"/caf\xe9's books.db");
    let db = PathBuf::from(OsString::from_vec(name));
    for args in [&["init"][..], &["account", "add", "assets:z"], &["verify"]] {
        let mut cmd = command();
        cmd.arg("--db").arg(&db).args(args);
        let run = run_command(&mut cmd);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}
