//! Periods closed after the forum: `period close`, `reopen` and `list`;
//! every write dated inside a closed period refused, naming the close and
//! how to reopen; the standing of a period in the summary, the forum page
//! and the bundle's README; `verify`'s V120 for entries slipped into a
//! closed period behind fondo's back; and a whole year, four quarters
//! closed, one reopened for a correction and closed again.

mod common;

use common::{Fund, FundBuilder, csv_rows, tamper};

const CLOSE_Q1: [&str; 7] = [
    "period",
    "close",
    "2026-Q1",
    "--reason",
    "approved at the forum of 2026-04-04",
    "--at",
    "2026-04-04T20:00",
];

/// A fund with money in Q1 and a grant pool, Q1 closed (record 5's place
/// depends on the builder; tests read it from `period list`).
fn fund() -> Fund {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&[
            "assets:bank",
            "assets:bank:eur",
            "expenses:rent",
            "income:other",
        ])
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana"], "2026-01-01")
        .pool("housing", "Rent relief")
        .pool("food", "Groceries")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-02",
        )
        .contribution("Bruno", "500 USD", Some("housing"), "2026-01-03")
        .post(
            "Rent",
            "2026-02-15",
            &["expenses:rent=100.00 USD", "assets:bank"],
        )
        .with(&["--pool", "housing"])
        .command(&[
            "contribute",
            "100",
            "EUR",
            "--from",
            "Bruno",
            "--into",
            "assets:bank:eur",
            "--date",
            "2026-02-01",
        ])
        .application("Bruno", "housing", "200 USD", "Rent", "2026-03-10T10:00")
        .build();
    fund.ok(&CLOSE_Q1);
    fund
}

/// The record of Q1's close, from `period list`.
fn close_record(fund: &Fund) -> String {
    let list = fund.ok(&["period", "list", "--format", "csv"]);
    csv_rows(&list)[0][5].clone()
}

/// Everything, governance records included.
fn state(fund: &Fund) -> String {
    let mut text = fund.snapshot();
    for args in [
        &["period", "list", "--format", "csv"][..],
        &["grant", "list", "--format", "csv"],
        &["budget", "list", "--format", "csv"],
        &["purchase", "list", "--format", "csv"],
    ] {
        text.push_str(&fund.ok(args));
    }
    text
}

#[test]
fn close_records_the_heads_and_lists_the_period() {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "income:x"])
        .post("Dues", "2026-02-15", &["assets:bank=10.00 USD", "income:x"])
        .build();
    let head = fund.fingerprint();
    // Before the close: the fund's settings record and the two accounts'.
    let verified: serde_json::Value =
        serde_json::from_str(&fund.ok(&["verify", "--format", "json"])).unwrap();
    let records_head = verified["records_head"].as_str().unwrap().to_owned();
    let out = fund.ok(&CLOSE_Q1);
    assert_eq!(
        out,
        format!(
            "closed 2026-Q1 (record 4) after 1 transaction(s)\n  ledger head:  {head}\n  records head: {records_head}\n"
        )
    );
    assert_eq!(
        csv_rows(&fund.ok(&["period", "list", "--format", "csv"])),
        [[
            "2026-Q1",
            "2026-01-01",
            "2026-03-31",
            "closed",
            "2026-04-04T20:00:00",
            "4",
            "approved at the forum of 2026-04-04",
            "",
            "",
            "1"
        ]
        .map(String::from)
        .to_vec()]
    );
    let json = fund.ok(&["period", "list", "--format", "json"]);
    assert!(json.contains("\"state\":\"closed\""), "{json}");
    // The books still verify; the close is in the governance chain.
    let verify = fund.ok(&["verify"]);
    assert!(verify.contains("4 governance records"), "{verify}");
}

#[test]
fn every_write_dated_in_a_closed_period_is_refused_naming_the_close() {
    let fund = fund();
    let record = close_record(&fund);
    let named = format!(
        "is in 2026-Q1, which was closed by record {record} at 2026-04-04T20:00:00 (approved at the forum of 2026-04-04); to change it, reopen it first: fondo period reopen 2026-Q1 --reason TEXT"
    );
    let journal = fund.write(
        "old.csv",
        format!(
            "{}\n1,2026-03-01,Old,assets:bank,5.00,USD\n1,2026-03-01,Old,income:other,-5.00,USD\n",
            common::HEADER
        ),
    );
    let statement = fund.write(
        "bank.csv",
        "date,amount,currency,payer\n2026-03-05,20.00,USD,Bruno\n",
    );
    let map = fund.write(
        "map.toml",
        "[file]\ndelimiter = \",\"\ndate_format = \"%Y-%m-%d\"\ndecimal = \".\"\n\n[columns]\ndate = \"date\"\namount = \"amount\"\ncurrency = \"currency\"\npayer = \"payer\"\n\n[defaults]\naccount = \"assets:bank\"\nsource = \"bank\"\n",
    );
    let attempts: Vec<Vec<String>> = [
        vec![
            "post",
            "Late",
            "--date",
            "2026-02-16",
            "-p",
            "expenses:rent=1.00 USD",
            "-p",
            "assets:bank",
        ],
        vec!["void", "2", "--reason", "wrong", "--date", "2026-03-31"],
        vec!["journal", "import", &journal.display().to_string()],
        vec![
            "contribute",
            "10",
            "USD",
            "--from",
            "Ana",
            "--date",
            "2026-03-30",
        ],
        vec![
            "exchange",
            "50",
            "EUR",
            "--to-amount",
            "54",
            "USD",
            "--from-account",
            "assets:bank:eur",
            "--to-account",
            "assets:bank",
            "--date",
            "2026-03-20",
        ],
        vec![
            "pool",
            "move",
            "10",
            "USD",
            "--from",
            "housing",
            "--to",
            "food",
            "--reason",
            "x",
            "--date",
            "2026-03-02",
        ],
        vec![
            "grant",
            "vote",
            "G-0001",
            "consent",
            "--as",
            "Ana",
            "--at",
            "2026-03-10T11:00",
        ],
        vec!["grant", "decide", "G-0001", "--at", "2026-03-11T10:00"],
        vec![
            "grant",
            "apply",
            "--applicant",
            "Ana",
            "--pool",
            "housing",
            "--amount",
            "10",
            "USD",
            "--purpose",
            "x",
            "--at",
            "2026-03-30T10:00",
        ],
        vec![
            "policy",
            "set",
            "food",
            "--rule",
            "consent",
            "--min-consents",
            "1",
            "--window",
            "24h",
            "--at",
            "2026-02-01",
        ],
        vec![
            "budget",
            "set",
            "housing",
            "rent",
            "300",
            "USD",
            "--period",
            "2026-Q1",
            "--at",
            "2026-04-10",
        ],
        vec![
            "budget",
            "set",
            "housing",
            "rent",
            "300",
            "USD",
            "--period",
            "2026",
            "--at",
            "2026-04-10",
        ],
        vec![
            "purchase",
            "open",
            "rice",
            "--supplier",
            "Coop",
            "--closes",
            "2026-04-10T18:00",
            "--at",
            "2026-03-20T09:00",
        ],
        vec!["rate", "add", "2026-03-31", "EUR", "USD", "1.08"],
        vec![
            "import",
            "contributions",
            &statement.display().to_string(),
            "--map",
            &map.display().to_string(),
        ],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(str::to_owned).collect())
    .collect();
    for args in attempts {
        let before = state(&fund);
        let err = fund.fail(&args, &[&named]);
        assert_eq!(state(&fund), before, "{args:?} changed the books: {err}");
    }
    // After the period, writes go on as before.
    fund.ok(&[
        "post",
        "April rent",
        "--date",
        "2026-04-01",
        "-p",
        "expenses:rent=1.00 USD",
        "-p",
        "assets:bank",
        "--pool",
        "housing",
    ]);
    fund.ok(&[
        "budget",
        "set",
        "housing",
        "rent",
        "300",
        "USD",
        "--period",
        "2026-Q2",
        "--at",
        "2026-04-10",
    ]);
}

#[test]
fn bad_closes_and_reopenings_are_refused_with_nothing_written() {
    let fund = fund();
    let before = state(&fund);
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "period",
                "close",
                "2026-Q1",
                "--reason",
                "again",
                "--at",
                "2026-04-05",
            ],
            "cannot close 2026-Q1: it is already closed (record",
        ),
        (
            &[
                "period",
                "close",
                "2026-Q2",
                "--reason",
                "early",
                "--at",
                "2026-06-30T21:00",
            ],
            "cannot close 2026-Q2: it ends on 2026-06-30, and a period is closed only after its last day",
        ),
        (
            &[
                "period",
                "close",
                "2026",
                "--reason",
                "early",
                "--at",
                "2026-07-01",
            ],
            "cannot close 2026: it ends on 2026-12-31",
        ),
        (
            &[
                "period",
                "reopen",
                "2026-Q2",
                "--reason",
                "x",
                "--at",
                "2026-07-01",
            ],
            "cannot reopen 2026-Q2: it is not closed",
        ),
        (
            &[
                "period",
                "close",
                "2026-Q5",
                "--reason",
                "x",
                "--at",
                "2027-01-01",
            ],
            "2026-Q5",
        ),
        (
            &[
                "period",
                "reopen",
                "2026-Q1",
                "--reason",
                "  ",
                "--at",
                "2026-04-05",
            ],
            "a reason is required",
        ),
    ];
    for (args, needle) in cases {
        fund.fail(args, &[needle]);
        assert_eq!(state(&fund), before, "{args:?}");
    }
    fund.fails_unchanged(
        &[
            "post",
            "Late",
            "--date",
            "2026-03-31",
            "-p",
            "expenses:rent=1.00 USD",
            "-p",
            "assets:bank",
        ],
        &["2026-03-31 is in 2026-Q1", "fondo period reopen 2026-Q1"],
    );
}

#[test]
fn reports_the_forum_and_bundles_say_whether_the_period_is_closed() {
    let fund = fund();
    let record = close_record(&fund);
    let summary = fund.ok(&[
        "report", "summary", "--period", "2026-Q1", "--format", "csv",
    ]);
    let last = csv_rows(&summary).pop().unwrap();
    assert_eq!(last[..2], ["period", "closed"]);
    let closed = format!(
        "The books of 2026-Q1 were closed at 2026-04-04T20:00:00 (record {record}): approved at the forum of 2026-04-04."
    );
    assert_eq!(last[2], closed);
    // A month inside a closed quarter is closed with it; Q2 is open.
    let march = fund.ok(&[
        "report", "summary", "--period", "2026-03", "--format", "csv",
    ]);
    assert_eq!(
        csv_rows(&march).pop().unwrap()[..3],
        ["period", "closed", closed.as_str()]
    );
    let q2 = fund.ok(&[
        "report", "summary", "--period", "2026-Q2", "--format", "csv",
    ]);
    assert_eq!(
        csv_rows(&q2).pop().unwrap()[..3],
        [
            "period",
            "open",
            "The books of 2026-Q2 are not closed: entries dated in it can still be added."
        ]
    );

    fund.ok(&[
        "period",
        "reopen",
        "2026-Q1",
        "--reason",
        "Bruno's receipt of March was left out",
        "--at",
        "2026-04-10T18:00",
    ]);
    let reopened = format!(
        "{closed} They were reopened at 2026-04-10T18:00:00 (record {}): Bruno's receipt of March was left out; entries dated in 2026-Q1 can be added until they are closed again.",
        record.parse::<i64>().unwrap() + 1
    );
    let summary = fund.ok(&[
        "report", "summary", "--period", "2026-Q1", "--format", "csv",
    ]);
    assert_eq!(
        csv_rows(&summary).pop().unwrap()[..3],
        ["period", "reopened", reopened.as_str()]
    );
    let md = fund.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q1",
        "--format",
        "md",
        "--audience",
        "treasurer",
    ]);
    assert!(md.contains(&reopened), "{md}");
    let html = fund.ok(&["report", "forum", "--period", "2026-Q1"]);
    assert!(
        html.contains("They were reopened at 2026-04-10T18:00:00"),
        "{html}"
    );

    let out = fund.path("bundle");
    fund.ok(&[
        "export",
        "audit",
        "--out",
        &out.display().to_string(),
        "--period",
        "2026-Q1",
        "--audience",
        "treasurer",
    ]);
    let readme = std::fs::read_to_string(out.join("README.txt")).unwrap();
    let words = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&reopened), "{readme}");
    fund.ok(&["verify", "--bundle", &out.display().to_string()]);
}

#[test]
fn a_reason_naming_a_hidden_member_is_redacted_for_the_public() {
    let fund = fund();
    fund.ok(&["member", "add", "Carmen Ruiz", "--visibility", "anonymous"]);
    fund.ok(&[
        "period",
        "reopen",
        "2026-Q1",
        "--reason",
        "Carmen Ruiz asked for a correction",
        "--at",
        "2026-04-10",
    ]);
    let md = fund.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q1",
        "--format",
        "md",
        "--audience",
        "public",
    ]);
    assert!(md.contains("They were reopened"), "{md}");
    assert!(!md.contains("Carmen"), "{md}");
}

#[test]
fn verify_finds_an_entry_slipped_into_a_closed_period() {
    let fund = fund();
    fund.ok(&[
        "post",
        "April rent",
        "--date",
        "2026-04-10",
        "-p",
        "expenses:rent=1.00 USD",
        "-p",
        "assets:bank",
        "--pool",
        "housing",
    ]);
    let id: i64 = fund
        .ok(&["journal", "export"])
        .lines()
        .last()
        .and_then(|l| l.split(',').next())
        .unwrap()
        .parse()
        .unwrap();
    tamper::sql(
        &fund.db,
        &format!("UPDATE txns SET date = '2026-03-10' WHERE id = {id}"),
    );
    let out = fund.run(&["verify"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!(
            "V120 txn {id}: is dated 2026-03-10, inside 2026-Q1, but was recorded after record {} closed it",
            close_record(&fund)
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn verify_finds_a_record_slipped_into_a_closed_period() {
    let fund = fund();
    fund.ok(&[
        "grant",
        "apply",
        "--applicant",
        "Ana",
        "--pool",
        "housing",
        "--amount",
        "10",
        "USD",
        "--purpose",
        "x",
        "--at",
        "2026-04-05T10:00",
    ]);
    tamper::sql(
        &fund.db,
        "UPDATE records SET at = '2026-03-31T10:00:00' WHERE id = (SELECT max(id) FROM records WHERE kind = 'application')",
    );
    let out = fund.run(&["verify"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("V120 record"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("(application) is dated 2026-03-31T10:00:00, inside 2026-Q1"),
        "{}",
        out.stdout
    );
}

#[test]
fn verify_finds_a_close_whose_heads_were_edited() {
    let fund = fund();
    tamper::sql(
        &fund.db,
        "UPDATE records SET payload = json_set(payload, '$.ledger_count', 0) WHERE kind = 'period-close'",
    );
    let out = fund.run(&["verify"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("states heads the journal and the records do not have"),
        "{}",
        out.stdout
    );
}

/// A whole year: four quarters closed after their forums; Q2 reopened for a
/// correction (a void and the right entry), closed again; the books verify.
#[test]
fn a_whole_year_closed_quarter_by_quarter() {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "expenses:rent", "expenses:food"])
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno"])
        .pool("housing", "Rent relief")
        .build();
    let quarters = [
        ("2026-Q1", "02-15", "2026-04-04T20:00"),
        ("2026-Q2", "05-15", "2026-07-04T20:00"),
        ("2026-Q3", "08-15", "2026-10-03T20:00"),
        ("2026-Q4", "11-15", "2027-01-09T20:00"),
    ];
    let mut rent = Vec::new();
    for (q, day, forum) in quarters {
        fund.ok(&[
            "contribute",
            "300",
            "USD",
            "--from",
            "Ana",
            "--pool",
            "housing",
            "--date",
            &format!("2026-{day}"),
        ]);
        rent.push(
            fund.ok(&[
                "post",
                "Rent",
                "--date",
                &format!("2026-{day}"),
                "-p",
                "expenses:rent=200.00 USD",
                "-p",
                "assets:bank",
                "--pool",
                "housing",
            ])
            .trim()
            .to_owned(),
        );
        if q == "2026-Q3" {
            // Q2's forum found an entry on the wrong account, after Q2 closed.
            fund.fails_unchanged(
                &[
                    "void",
                    &rent[1],
                    "--reason",
                    "food, not rent",
                    "--date",
                    "2026-06-30",
                ],
                &["is in 2026-Q2", "fondo period reopen 2026-Q2"],
            );
            fund.ok(&[
                "period",
                "reopen",
                "2026-Q2",
                "--reason",
                "the May entry was food, not rent",
                "--at",
                "2026-08-20T18:00",
            ]);
            fund.ok(&[
                "void",
                &rent[1],
                "--reason",
                "food, not rent",
                "--date",
                "2026-06-30",
            ]);
            fund.ok(&[
                "post",
                "Food",
                "--date",
                "2026-06-30",
                "-p",
                "expenses:food=200.00 USD",
                "-p",
                "assets:bank",
                "--pool",
                "housing",
            ]);
            fund.ok(&[
                "period",
                "close",
                "2026-Q2",
                "--reason",
                "corrected, approved at the forum of 2026-08-22",
                "--at",
                "2026-08-22T20:00",
            ]);
        }
        fund.ok(&[
            "period",
            "close",
            q,
            "--reason",
            &format!("approved at the forum of {}", &forum[..10]),
            "--at",
            forum,
        ]);
    }
    let list = csv_rows(&fund.ok(&["period", "list", "--format", "csv"]));
    let got: Vec<_> = list
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[8].as_str(), r[9].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-Q1", "closed", "", "1"),
            ("2026-Q2", "closed", "the May entry was food, not rent", "2"),
            ("2026-Q3", "closed", "", "1"),
            ("2026-Q4", "closed", "", "1"),
        ]
    );
    // Q2's summary: the correction is in it, and it is closed again.
    let q2 = csv_rows(&fund.ok(&[
        "report", "summary", "--period", "2026-Q2", "--format", "csv",
    ]));
    let last = q2.last().unwrap();
    assert_eq!(last[..2], ["period", "closed"]);
    assert!(
        last[2].contains("corrected, approved at the forum of 2026-08-22. Before that, they were reopened at 2026-08-20T18:00:00 (record "),
        "{last:?}"
    );
    assert!(
        last[2].ends_with("): the May entry was food, not rent."),
        "{last:?}"
    );
    let balance = fund.balance_csv(&["--as-of", "2026-12-31"]);
    assert!(balance.contains("expenses:food,USD,200.00"), "{balance}");
    assert!(balance.contains("expenses:rent,USD,600.00"), "{balance}");
    // The whole year is closed by its quarters: nothing can be added in it.
    fund.fails_unchanged(
        &[
            "post",
            "Late",
            "--date",
            "2026-12-31",
            "-p",
            "expenses:rent=1.00 USD",
            "-p",
            "assets:bank",
        ],
        &["is in 2026-Q4"],
    );
    let verify = fund.ok(&["verify"]);
    assert!(verify.contains("no findings"), "{verify}");
}
