//! Bad input, each refused with exit code 2, a message on stderr that starts
//! with `fondo: ` and names the problem (with file, line and column for
//! journal files), and a database whose content is exactly as before.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Fund, HEADER, assert_problem, run_on, snapshot};

/// A fund with a default currency, a few accounts and one transaction, so
/// that "unchanged" means something.
fn fund() -> Fund {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&[
        "assets:bank",
        "equity:opening",
        "expenses:grants",
        "assets:petty",
    ]);
    fund.ok(&["commodity", "add", "HOURS", "--decimals", "1"]);
    fund.post(
        "Opening balance",
        "2026-01-01",
        &["assets:bank=500.00 USD", "equity:opening"],
    );
    fund
}

/// `post` with the given postings, dated 2026-03-01.
fn post_args<'a>(postings: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["post", "Test", "--date", "2026-03-01"];
    for p in postings {
        args.push("-p");
        args.push(p);
    }
    args
}

/// Imports `text` (written as `name`) and expects it refused, with the
/// database unchanged. Returns stderr.
fn import_refused(fund: &Fund, name: &str, text: &str, extra: &[&str]) -> String {
    let path = fund.write(name, text);
    let mut args = vec!["journal", "import", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let path_text = path.display().to_string();
    let stderr = fund.fails_unchanged(&args, &[&path_text]);
    assert!(
        stderr.starts_with(&format!("fondo: {path_text}: ")),
        "the message starts with the file: {stderr}"
    );
    stderr
}

/// A journal of one balanced transaction with `amount` on its first row.
fn one_txn(amount: &str, commodity: &str) -> String {
    format!(
        "{HEADER}\n1,2026-03-01,Test,expenses:grants,{amount},{commodity}\n1,2026-03-01,Test,assets:bank,-25.00,USD\n"
    )
}

// ---------------------------------------------------------------- amounts

#[test]
fn amount_with_thousands_separator() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=1,000.00 USD", "assets:bank"]),
        &["invalid amount \"1,000.00\"", "no thousands separators"],
    );
    let text = format!(
        "{HEADER}\n1,2026-03-01,Test,expenses:grants,\"1,000.00\",USD\n1,2026-03-01,Test,assets:bank,-1000.00,USD\n"
    );
    let stderr = import_refused(&fund, "sep.csv", &text, &[]);
    assert_problem(
        &stderr,
        "I204",
        2,
        Some("amount"),
        "no thousands separators",
    );
}

#[test]
fn amount_with_more_places_than_the_commodity() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=12.345 USD", "assets:bank"]),
        &["12.345", "more decimal places than USD allows (2)"],
    );
    fund.fails_unchanged(
        &post_args(&["expenses:grants=1.25 HOURS", "assets:bank=-1.25 HOURS"]),
        &["1.25", "more decimal places than HOURS allows (1)"],
    );
    let stderr = import_refused(&fund, "places.csv", &one_txn("12.345", "USD"), &[]);
    assert_problem(
        &stderr,
        "I204",
        2,
        Some("amount"),
        "more decimal places than USD allows (2)",
    );
}

#[test]
fn amount_that_is_not_a_number() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=abc USD", "assets:bank"]),
        &["invalid amount \"abc\""],
    );
    fund.fails_unchanged(
        &post_args(&["expenses:grants=12,5 USD", "assets:bank"]),
        &["invalid amount \"12,5\""],
    );
    let stderr = import_refused(&fund, "abc.csv", &one_txn("abc", "USD"), &[]);
    assert_problem(&stderr, "I204", 2, Some("amount"), "invalid amount \"abc\"");
}

#[test]
fn empty_amount() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=", "assets:bank"]),
        &["invalid amount", "expenses:grants="],
    );
    fund.fails_unchanged(
        &post_args(&["expenses:grants= USD", "assets:bank"]),
        &["invalid amount"],
    );
    let stderr = import_refused(&fund, "empty.csv", &one_txn("", "USD"), &[]);
    assert_problem(&stderr, "I204", 2, Some("amount"), "the amount is empty");
}

#[test]
fn amount_in_exponent_notation() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=1e5 USD", "assets:bank"]),
        &["invalid amount \"1e5\"", "exponent"],
    );
    let stderr = import_refused(&fund, "exp.csv", &one_txn("1E5", "USD"), &[]);
    assert_problem(&stderr, "I204", 2, Some("amount"), "exponent");
}

#[test]
fn amount_beyond_the_storage_range() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=99999999999999999999 USD", "assets:bank"]),
        &["99999999999999999999", "storage range"],
    );
    fund.fails_unchanged(
        &post_args(&["expenses:grants=92233720368547758.08 USD", "assets:bank"]),
        &["storage range"],
    );
    fund.fails_unchanged(
        &post_args(&[
            "expenses:grants=1234567890123456789012345678901 USD",
            "assets:bank",
        ]),
        &["invalid amount"],
    );
    let stderr = import_refused(
        &fund,
        "big.csv",
        &one_txn("99999999999999999999", "USD"),
        &[],
    );
    assert_problem(&stderr, "I204", 2, Some("amount"), "storage range");
    // The balancing amount of an elided posting can be out of range too.
    fund.fails_unchanged(
        &post_args(&[
            "expenses:grants=92233720368547758.07",
            "assets:petty=92233720368547758.07",
            "assets:bank",
        ]),
        &["too large"],
    );
}

#[test]
fn zero_amount() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=0.00", "assets:bank=0"]),
        &["zero amount"],
    );
}

// ------------------------------------------------------------------ dates

#[test]
fn date_that_is_not_in_the_calendar() {
    let fund = fund();
    let mut args = post_args(&["expenses:grants=1.00", "assets:bank"]);
    args[3] = "2026-02-30";
    fund.fails_unchanged(&args, &["invalid date \"2026-02-30\"", "no such day"]);
    let text = format!(
        "{HEADER}\n1,2026-02-30,Test,expenses:grants,1.00,USD\n1,2026-02-30,Test,assets:bank,-1.00,USD\n"
    );
    let stderr = import_refused(&fund, "feb.csv", &text, &[]);
    assert_problem(&stderr, "I203", 2, Some("date"), "no such day");
}

/// Dates are between 1900-01-01 and 2199-12-31: on the command line, in
/// periods, in moments, in pledges and in imported files (with file, line
/// and field).
#[test]
fn implausible_dates_are_refused() {
    let fund = fund();
    fund.ok(&["member", "add", "Ana"]);
    const RANGE: &str = "dates are between 1900-01-01 and 2199-12-31";
    for day in ["0000-01-01", "9999-12-31", "1899-12-31", "2200-01-01"] {
        let mut args = post_args(&["expenses:grants=1.00", "assets:bank"]);
        args[3] = day;
        fund.fails_unchanged(&args, &[&format!("invalid date \"{day}\""), RANGE]);
    }
    for args in [
        &["report", "summary", "--period", "0000-Q1"][..],
        &["report", "summary", "--period", "9999"],
        &["report", "summary", "--period", "0020-03"],
        &["balance", "--as-of", "9999-12-31"],
        &[
            "pledge",
            "add",
            "Ana",
            "5.00",
            "USD",
            "--every",
            "month",
            "--from",
            "0000-01-01",
        ],
        &[
            "member",
            "edit",
            "Ana",
            "--note",
            "x",
            "--at",
            "0000-01-01T10:00",
        ],
    ] {
        fund.fails_unchanged(args, &[RANGE]);
    }
    // The edges are fine.
    fund.ok(&["report", "summary", "--period", "1900-Q1"]);
    fund.ok(&["report", "summary", "--period", "2199"]);
    let text = format!(
        "{HEADER}\n1,0020-03-01,Test,expenses:grants,1.00,USD\n1,0020-03-01,Test,assets:bank,-1.00,USD\n"
    );
    let stderr = import_refused(&fund, "year20.csv", &text, &[]);
    assert_problem(&stderr, "I203", 2, Some("date"), RANGE);
}

#[test]
fn date_written_day_first() {
    let fund = fund();
    let mut args = post_args(&["expenses:grants=1.00", "assets:bank"]);
    args[3] = "30/01/2026";
    fund.fails_unchanged(
        &args,
        &["invalid date \"30/01/2026\"", "did you mean 2026-01-30?"],
    );
    let text = format!(
        "{HEADER}\n1,30/01/2026,Test,expenses:grants,1.00,USD\n1,30/01/2026,Test,assets:bank,-1.00,USD\n"
    );
    let stderr = import_refused(&fund, "dmy.csv", &text, &[]);
    assert_problem(&stderr, "I203", 2, Some("date"), "did you mean 2026-01-30?");
    fund.fail(
        &["balance", "--as-of", "30/01/2026"],
        &["did you mean 2026-01-30?"],
    );
    fund.fail(&["register", "--from", "2026-13-01"], &["invalid date"]);
}

// ----------------------------------------------------------- transactions

#[test]
fn unbalanced_transaction_shows_the_off_by_amount_per_commodity() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=1.00 USD", "assets:bank=-0.50 USD"]),
        &["transaction does not balance: off by 0.50 USD"],
    );
    fund.fails_unchanged(
        &post_args(&[
            "expenses:grants=1.00 USD",
            "assets:bank=-0.50 USD",
            "assets:petty=2.0 HOURS",
        ]),
        &["off by 2.0 HOURS, 0.50 USD"],
    );
    let text = format!(
        "{HEADER}
1,2026-03-01,Fine,expenses:grants,5.00,USD
1,2026-03-01,Fine,assets:bank,-5.00,USD
2,2026-03-02,Off,expenses:grants,10.00,USD
2,2026-03-02,Off,assets:bank,-9.99,USD
2,2026-03-02,Off,assets:petty,-1.5,HOURS
"
    );
    let stderr = import_refused(&fund, "off.csv", &text, &[]);
    assert_problem(
        &stderr,
        "I204",
        4,
        Some("amount"),
        "off by -1.5 HOURS, 0.01 USD",
    );
    assert!(stderr.contains("transaction \"2\""), "{stderr}");
}

#[test]
fn a_single_posting() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants=1.00 USD"]),
        &["at least two postings"],
    );
    let text = format!("{HEADER}\n1,2026-03-01,Alone,expenses:grants,1.00,USD\n");
    let stderr = import_refused(&fund, "one.csv", &text, &[]);
    assert_problem(&stderr, "I208", 2, None, "at least two postings");
}

#[test]
fn two_elided_amounts() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:grants", "assets:bank"]),
        &["only one posting may leave its amount out"],
    );
    fund.fails_unchanged(
        &post_args(&[
            "expenses:grants=1.00 USD",
            "assets:petty=1.0 HOURS",
            "assets:bank",
        ]),
        &["only when one commodity is involved"],
    );
}

#[test]
fn unknown_account() {
    let fund = fund();
    fund.fails_unchanged(
        &post_args(&["expenses:food=1.00", "assets:bank"]),
        &["unknown account \"expenses:food\"", "fondo account add"],
    );
    fund.fails_unchanged(
        &post_args(&["Assets:Bank=1.00", "equity:opening"]),
        &[
            "unknown account \"Assets:Bank\"",
            "did you mean \"assets:bank\"?",
        ],
    );
}

#[test]
fn closed_account() {
    let fund = fund();
    fund.ok(&["account", "close", "assets:petty", "--date", "2026-02-28"]);
    fund.fails_unchanged(
        &post_args(&["assets:petty=1.00", "assets:bank"]),
        &[
            "account \"assets:petty\" was closed on 2026-02-28",
            "2026-03-01",
        ],
    );
    let text = format!(
        "{HEADER}\n1,2026-03-01,Late,assets:petty,1.00,USD\n1,2026-03-01,Late,assets:bank,-1.00,USD\n"
    );
    let stderr = import_refused(&fund, "closed.csv", &text, &[]);
    assert_problem(
        &stderr,
        "I205",
        2,
        Some("account"),
        "was closed on 2026-02-28",
    );
}

#[test]
fn account_names_with_empty_segments_or_a_leading_colon() {
    let fund = fund();
    for name in [
        "assets::bank",
        ":assets:bank",
        "assets:bank:",
        "assets: bank",
    ] {
        fund.fails_unchanged(
            &["account", "add", name],
            &[format!("invalid account name {name:?}").as_str()],
        );
        let posting = format!("{name}=1.00");
        fund.fails_unchanged(
            &post_args(&[&posting, "equity:opening"]),
            &[format!("invalid account name {name:?}").as_str()],
        );
    }
    fund.fails_unchanged(&["account", "add", "assets::bank"], &["empty segment"]);
    fund.fails_unchanged(
        &["account", "add", ":assets"],
        &["may not start or end with ':'"],
    );
    fund.fails_unchanged(&["account", "add", ""], &["the name is empty"]);
    let text = format!(
        "{HEADER}\n1,2026-03-01,Test,assets::cash,1.00,USD\n1,2026-03-01,Test,:equity,-1.00,USD\n"
    );
    let stderr = import_refused(&fund, "names.csv", &text, &[]);
    assert_problem(&stderr, "I205", 2, Some("account"), "empty segment");
    assert_problem(
        &stderr,
        "I205",
        3,
        Some("account"),
        "may not start or end with ':'",
    );
}

// -------------------------------------------------------------- CSV files

#[test]
fn csv_with_missing_columns() {
    let fund = fund();
    let text = "txn,date,description,account,amount\n1,2026-03-01,Test,assets:bank,1.00\n";
    let stderr = import_refused(&fund, "cols.csv", text, &[]);
    assert_problem(
        &stderr,
        "I202",
        1,
        None,
        "the header must start with txn,date,description,account,amount,commodity",
    );
}

#[test]
fn csv_with_a_wrong_header() {
    let fund = fund();
    for header in [
        "id,date,description,account,amount,commodity",
        "date,txn,description,account,amount,commodity",
        "TXN,DATE,DESCRIPTION,ACCOUNT,AMOUNT,COMMODITY",
    ] {
        let text = format!("{header}\n1,2026-03-01,Test,assets:bank,1.00,USD\n");
        let stderr = import_refused(&fund, "header.csv", &text, &[]);
        assert_problem(&stderr, "I202", 1, None, "the header must start with");
    }
    let text = format!("{HEADER},notes\n1,2026-03-01,Test,assets:bank,1.00,USD,x\n");
    let stderr = import_refused(&fund, "extra.csv", &text, &[]);
    assert_problem(&stderr, "I202", 1, None, "unknown column \"notes\"");
    let stderr = import_refused(&fund, "blank.csv", "", &[]);
    assert_problem(&stderr, "I201", 1, None, "the file is empty");
}

#[test]
fn csv_with_unequal_field_counts() {
    let fund = fund();
    let text = format!(
        "{HEADER}
1,2026-03-01,Test,expenses:grants,1.00,USD,extra
1,2026-03-01,Test,assets:bank,-1.00
"
    );
    let stderr = import_refused(&fund, "fields.csv", &text, &[]);
    assert_problem(
        &stderr,
        "I201",
        2,
        None,
        "expected 6 fields like the header, found 7",
    );
    assert_problem(
        &stderr,
        "I201",
        3,
        None,
        "expected 6 fields like the header, found 5",
    );
}

#[test]
fn csv_that_is_not_utf8() {
    let fund = fund();
    let mut bytes = format!("{HEADER}\n1,2026-03-01,").into_bytes();
    bytes.extend_from_slice(b"Donaci\xf3n,expenses:grants,1.00,USD\n");
    bytes.extend_from_slice(b"1,2026-03-01,Donaci\xf3n,assets:bank,-1.00,USD\n");
    let path = fund.write("latin1.csv", bytes);
    let stderr = fund.fails_unchanged(&["journal", "import", path.to_str().unwrap()], &[]);
    assert_problem(&stderr, "I201", 2, None, "not valid UTF-8");
}

#[test]
fn a_bad_row_in_the_middle_imports_nothing_and_every_problem_is_listed() {
    let fund = fund();
    let mut text = format!("{HEADER}\n");
    for i in 1..=20 {
        text.push_str(&format!(
            "{i},2026-03-{i:02},Dues {i},assets:bank,10.00,USD\n{i},2026-03-{i:02},Dues {i},equity:opening,-10.00,USD\n"
        ));
    }
    // Line 2 + 2 * 9 = 20 is the first row of transaction 10.
    let bad = text
        .replace(
            "10,2026-03-10,Dues 10,assets:bank,10.00,",
            "10,2026-03-10,Dues 10,assets:bank,10.0O,",
        )
        .replace(
            "12,2026-03-12,Dues 12,equity:opening,",
            "12,2026-03-12,Dues 12,equity::opening,",
        )
        .replace(
            "15,2026-03-15,Dues 15,assets:bank,10.00,USD",
            "15,2026-03-15,Dues 15,assets:bank,10.00,usd",
        );
    assert_ne!(bad, text);
    let stderr = import_refused(&fund, "middle.csv", &bad, &[]);
    assert!(
        stderr.contains("3 problems, nothing was written"),
        "{stderr}"
    );
    assert_problem(
        &stderr,
        "I204",
        20,
        Some("amount"),
        "invalid amount \"10.0O\"",
    );
    assert_problem(&stderr, "I205", 25, Some("account"), "empty segment");
    assert_problem(&stderr, "I206", 30, Some("commodity"), "did you mean USD?");
    // The good file imports.
    let path = fund.write("good.csv", &text);
    fund.ok(&["journal", "import", path.to_str().unwrap()]);
}

#[test]
fn many_problems_are_capped_and_counted() {
    let fund = fund();
    let mut text = format!("{HEADER}\n");
    for i in 1..=120 {
        text.push_str(&format!(
            "{i},2026-02-30,Bad {i},assets:bank,1.00,USD\n{i},2026-02-30,Bad {i},equity:opening,-1.00,USD\n"
        ));
    }
    let stderr = import_refused(&fund, "many.csv", &text, &[]);
    assert!(
        stderr.contains("120 problems, nothing was written"),
        "{stderr}"
    );
    assert!(stderr.contains("… and 20 more"), "{stderr}");
    assert_problem(&stderr, "I203", 2, Some("date"), "no such day");
    assert_problem(&stderr, "I203", 200, Some("date"), "no such day");
    assert!(
        !stderr.contains("line 202,"),
        "only the first 100 are listed"
    );
}

#[test]
fn csv_with_extra_quotes() {
    let fund = fund();
    let text = format!(
        "{HEADER}
1,2026-03-01,Fine,expenses:grants,5.00,USD
1,2026-03-01,Fine,assets:bank,-5.00,USD
2,2026-03-02,\"Rent \"relief\"\",expenses:grants,250.00,USD
2,2026-03-02,Rent relief,assets:bank,-250.00,USD
"
    );
    let stderr = import_refused(&fund, "quotes.csv", &text, &[]);
    assert_problem(&stderr, "I201", 4, Some("description"), "quote");
    let unquoted = text.replace("\"Rent \"relief\"\"", "Rent \"relief\"");
    let stderr = import_refused(&fund, "quotes2.csv", &unquoted, &[]);
    assert_problem(&stderr, "I201", 4, Some("description"), "quote");
}

#[test]
fn csv_with_extra_quotes_and_crlf_line_endings() {
    let fund = fund();
    let text = format!(
        "{HEADER}
1,2026-03-01,Fine,expenses:grants,5.00,USD
1,2026-03-01,Fine,assets:bank,-5.00,USD
2,2026-03-02,\"Rent \"relief\"\",expenses:grants,250.00,USD
2,2026-03-02,\"Rent \"relief\"\",assets:bank,-250.00,USD
"
    )
    .replace('\n', "\r\n");
    let stderr = import_refused(&fund, "quotes-crlf.csv", &text, &[]);
    assert_problem(&stderr, "I201", 4, Some("description"), "quote");
}

#[test]
fn csv_with_extra_quotes_after_a_blank_line() {
    let fund = fund();
    let text = format!(
        "{HEADER}
1,2026-03-01,Fine,expenses:grants,5.00,USD
1,2026-03-01,Fine,assets:bank,-5.00,USD

2,2026-03-02,\"Rent \"relief\"\",expenses:grants,250.00,USD
2,2026-03-02,\"Rent \"relief\"\",assets:bank,-250.00,USD
"
    );
    let stderr = import_refused(&fund, "quotes-blank.csv", &text, &[]);
    assert_problem(&stderr, "I201", 5, Some("description"), "quote");
}

#[test]
fn a_missing_journal_file() {
    let fund = fund();
    let path = fund.path("nowhere.csv");
    fund.fails_unchanged(
        &["journal", "import", path.to_str().unwrap()],
        &["nowhere.csv", "No such file"],
    );
}

// -------------------------------------------------------------- databases

#[test]
fn a_missing_database_suggests_init() {
    let fund = Fund::empty();
    let journal = fund.write("j.csv", one_txn("25.00", "USD"));
    let journal = journal.to_str().unwrap();
    let commands: [&[&str]; 12] = [
        &["account", "list"],
        &["account", "add", "assets:bank"],
        &["account", "close", "assets:bank"],
        &["commodity", "list"],
        &["commodity", "add", "HOURS", "--decimals", "1"],
        &[
            "post",
            "x",
            "--date",
            "2026-03-01",
            "-p",
            "assets:a=1",
            "-p",
            "equity:b",
        ],
        &["void", "1", "--reason", "x"],
        &["balance"],
        &["register"],
        &["journal", "export"],
        &["journal", "import", journal],
        &["verify"],
    ];
    let db = fund.db.display().to_string();
    for args in commands {
        fund.fail(args, &[&format!("no fondo database at {db}"), "fondo init"]);
        assert!(!fund.db.exists(), "{args:?} created the database");
    }
}

#[test]
fn init_refuses_an_existing_file() {
    let fund = fund();
    let before = fund.snapshot();
    for args in [
        &["init"][..],
        &["init", "--currency", "EUR", "--name", "Other"],
    ] {
        fund.fail(args, &["already exists", "never overwrites"]);
    }
    assert_eq!(fund.snapshot(), before);
    let text = fund.write("notes.txt", "treasurer's notes\n");
    run_on(&text, &["init"]).error(&["already exists"]);
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "treasurer's notes\n"
    );
}

#[test]
fn init_refuses_unknown_currencies_and_leaves_no_file() {
    let fund = Fund::empty();
    fund.fail(
        &["init", "--currency", "XYZ"],
        &["\"XYZ\"", "not a well-known currency"],
    );
    assert!(!fund.db.exists());
    fund.fail(&["init", "--currency", "usd"], &["did you mean USD?"]);
    assert!(!fund.db.exists());
    fund.fail(&["init", "--name", "  "], &["needs a name"]);
    assert!(!fund.db.exists());
}

/// Runs a read and a write command on a file that is not a fondo database
/// and checks both are refused and the file is untouched.
/// The message must name the file and contain one of `any_of`.
fn refused_as_not_fondo(fund: &Fund, path: &std::path::Path, any_of: &[&str]) {
    let bytes = std::fs::read(path).unwrap();
    for args in [
        &["balance"][..],
        &["verify"],
        &["account", "add", "assets:x"],
    ] {
        let stderr = run_on(path, args).error(&[path.to_str().unwrap()]);
        assert!(
            any_of.iter().any(|n| stderr.contains(n)),
            "{args:?}: stderr should mention one of {any_of:?}:\n{stderr}"
        );
    }
    assert_eq!(std::fs::read(path).unwrap(), bytes, "the file was changed");
    let names: Vec<String> = std::fs::read_dir(fund.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with("-wal") || n.ends_with("-journal")),
        "{names:?}"
    );
}

#[test]
fn a_text_file_as_database() {
    let fund = Fund::empty();
    let path = fund.write("notes.db", "these are not the books you are looking for\n");
    refused_as_not_fondo(&fund, &path, &["not a fondo database"]);
}

#[test]
fn an_sqlite_file_of_another_program_as_database() {
    let fund = Fund::empty();
    let path = fund.path("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE fund (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO fund VALUES (1, 'x');",
    )
    .unwrap();
    drop(conn);
    refused_as_not_fondo(
        &fund,
        &path,
        &["not a fondo database (an SQLite file made by another program)"],
    );
    let empty = fund.write("empty.db", "");
    refused_as_not_fondo(&fund, &empty, &["not a fondo database"]);
    run_on(fund.dir.path(), &["balance"]).error(&["not a regular file"]);
}

#[test]
fn a_corrupt_database() {
    let fund = fund();
    let bytes = std::fs::read(&fund.db).unwrap();
    // The first page (the header) is intact, the rest is gone.
    let truncated = fund.write("truncated.db", &bytes[..4096]);
    refused_as_not_fondo(&fund, &truncated, &["damaged", "malformed", "corrupt"]);
    // Garbage where the header should be: it cannot be told from encrypted
    // books (whose first bytes look random too), so the message says both.
    let mut scrambled = bytes.clone();
    scrambled[..100].fill(0xa5);
    let scrambled = fund.write("scrambled.db", scrambled);
    refused_as_not_fondo(
        &fund,
        &scrambled,
        &["not a plain SQLite file: if it holds encrypted books"],
    );
}

#[test]
fn a_read_only_database_refuses_writes() {
    let fund = fund();
    let before = fund.snapshot();
    let journal = fund.write("j.csv", one_txn("25.00", "USD"));
    let journal = journal.to_str().unwrap();
    std::fs::set_permissions(&fund.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let db = fund.db.display().to_string();
    let writes: [&[&str]; 6] = [
        &["account", "add", "assets:new"],
        &["account", "close", "assets:petty", "--date", "2026-03-01"],
        &["commodity", "add", "TENTS", "--decimals", "0"],
        &[
            "post",
            "x",
            "--date",
            "2026-03-01",
            "-p",
            "assets:petty=1.00",
            "-p",
            "assets:bank",
        ],
        &["void", "1", "--reason", "x", "--date", "2026-03-01"],
        &["journal", "import", journal],
    ];
    for args in writes {
        fund.fail(args, &[format!("{db} is read-only").as_str()]);
    }
    // A dry run writes nothing: refusing it or running it are both fine.
    let dry = fund.run(&["journal", "import", journal, "--dry-run"]);
    if dry.code == 0 {
        assert!(
            dry.stdout.ends_with("dry run: nothing was written\n"),
            "{dry:?}"
        );
    } else {
        dry.error(&[format!("{db} is read-only").as_str()]);
    }
    // Reading still works, and nothing changed.
    assert_eq!(fund.snapshot(), before);
    fund.ok(&["register", "--format", "json"]);
    let mode = std::fs::metadata(&fund.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn a_database_from_a_newer_fondo_is_refused() {
    let fund = fund();
    let before = fund.snapshot();
    let set_version = |version: i64| {
        let conn = rusqlite::Connection::open(&fund.db).unwrap();
        let old: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        old
    };
    let current = set_version(999);
    for args in [
        &["balance"][..],
        &["verify"],
        &["account", "add", "assets:x"],
        &["journal", "export"],
    ] {
        fund.fail(
            args,
            &["newer fondo", "schema version 999", "upgrade fondo"],
        );
    }
    set_version(current);
    assert_eq!(snapshot(&fund.db), before);
}

/// Every `--out FILE` refuses an existing file, naming it, unless `--force`;
/// the file and the books stay as they were.
#[test]
fn out_files_are_never_replaced_without_force() {
    let fund = fund();
    let file = fund.write("existing.txt", "keep me");
    let path = file.to_str().unwrap();
    let cases: [&[&str]; 4] = [
        &["report", "forum", "--period", "2026-Q1", "--out", path],
        &[
            "report", "forum", "--period", "2026-Q1", "--format", "md", "--out", path,
        ],
        &["journal", "export", "--out", path],
        &[
            "member",
            "statement",
            "Ana",
            "--period",
            "2026-Q1",
            "--out",
            path,
        ],
    ];
    fund.ok(&["member", "add", "Ana"]);
    for args in cases {
        let stderr = fund.fails_unchanged(args, &[path, "exists", "--force"]);
        assert!(stderr.contains("choose another file"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "keep me",
            "{args:?}"
        );
    }
    for args in cases {
        let mut forced = args.to_vec();
        forced.push("--force");
        fund.ok(&forced);
        assert_ne!(
            std::fs::read_to_string(&file).unwrap(),
            "keep me",
            "{args:?}"
        );
        std::fs::write(&file, "keep me").unwrap();
    }
    // A new file is written without --force.
    let new = fund.path("new.csv");
    fund.ok(&["journal", "export", "--out", new.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&new).unwrap().starts_with("txn,"));
}
