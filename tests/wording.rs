//! What fondo says, in the cases a new treasurer found wrong: money back
//! from a grant is never "paid -50.00 USD", counts agree with their verbs,
//! "1 decimal place", the decimals are blamed for bad decimals, and the
//! audience of every list and bundle has one name.

mod common;

use common::{Fund, FundBuilder, csv_rows};

/// A grant paid 200 USD in 2026-Q1 and closed in 2026-Q2 with 50 USD back,
/// with no other grant money in Q2.
fn returned_in_q2() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "expenses:rent"])
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana"], "2026-01-01")
        .pool("housing", "Rent relief")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-02",
        )
        .contribution("Bruno", "500 USD", Some("housing"), "2026-01-03")
        .application("Bruno", "housing", "200 USD", "Rent", "2026-01-10T10:00")
        .vote("G-0001", "consent", "Ana", "2026-01-10T11:00")
        .decision("G-0001", "2026-01-10T12:00")
        .payment("G-0001", "200 USD", "assets:bank", "2026-01-11T09:00")
        .command(&[
            "grant",
            "close",
            "G-0001",
            "--return",
            "50",
            "USD",
            "--to-account",
            "assets:bank",
            "--reason",
            "rent was lower",
            "--at",
            "2026-04-03T10:00",
        ])
        .build()
}

#[test]
fn money_back_from_a_grant_is_not_a_negative_payment() {
    let fund = returned_in_q2();
    let md = fund.ok(&["report", "forum", "--period", "2026-Q2", "--format", "md"]);
    let words = md
        .split("## The period in plain words")
        .nth(1)
        .and_then(|s| s.split("\n| ").next())
        .expect("the page has its plain words");
    assert!(!words.contains("-50.00"), "{words}");
    assert!(
        md.contains(
            "No grants were paid and there were no running costs. 50.00 USD of grant money came back, unspent."
        ),
        "{md}"
    );
    assert!(
        md.contains("0 grants received a payment and 1 was closed."),
        "{md}"
    );

    let metrics = fund.ok(&[
        "report", "metrics", "--period", "2026-Q2", "--format", "csv",
    ]);
    let share: Vec<_> = csv_rows(&metrics)
        .into_iter()
        .filter(|r| r.iter().any(|c| c == "grants share of money out"))
        .collect();
    assert_eq!(share.len(), 1, "{metrics}");
    // metric,commodity,unit,value,previous,change,basis: no share of no
    // money out this quarter, all of it in the last.
    assert_eq!(
        share[0],
        [
            "grants share of money out",
            "USD",
            "percent",
            "",
            "100.0",
            "",
            "0.00 of money out; 50.00 of grant money came back"
        ]
    );
    // In Q1 the same grant was money out, all of it.
    let q1 = fund.ok(&[
        "report", "metrics", "--period", "2026-Q1", "--format", "csv",
    ]);
    assert!(q1.contains("200.00 of money out"), "{q1}");
}

#[test]
fn one_decimal_place_is_singular() {
    let fund = Fund::init(Some("USD"));
    assert_eq!(
        fund.ok(&["commodity", "add", "HOURS", "--decimals", "1"]),
        "added commodity HOURS with 1 decimal place\n"
    );
    assert_eq!(
        fund.ok(&["commodity", "add", "KG", "--decimals", "2"]),
        "added commodity KG with 2 decimal places\n"
    );
    fund.fails_unchanged(
        &["commodity", "add", "HOURS", "--decimals", "1"],
        &["commodity \"HOURS\" already exists (with 1 decimal place)"],
    );
}

#[test]
fn too_many_decimals_blame_the_decimals_not_the_code() {
    let fund = Fund::init(Some("USD"));
    let err = fund.fails_unchanged(
        &["commodity", "add", "RICE", "--decimals", "10"],
        &["commodity RICE cannot have 10 decimal places: at most"],
    );
    assert!(!err.contains("invalid commodity code"), "{err}");
    let err = fund.fails_unchanged(
        &["commodity", "add", "EUR", "--decimals", "3"],
        &[
            "commodity EUR cannot have 3 decimal places",
            "has 2 decimal places",
        ],
    );
    assert!(!err.contains("invalid commodity code"), "{err}");
    // A bad code is still the code's fault.
    fund.fails_unchanged(
        &["commodity", "add", "ri ce", "--decimals", "1"],
        &["invalid commodity code"],
    );
}

#[test]
fn treasurer_names_the_full_audience_of_lists_and_bundles() {
    let fund = Fund::init(Some("USD"));
    fund.ok(&["member", "add", "Ana", "--visibility", "anonymous"]);
    let list = fund.ok(&[
        "member",
        "list",
        "--audience",
        "treasurer",
        "--format",
        "csv",
    ]);
    assert!(list.contains("Ana"), "{list}");
    let new = fund.path("new");
    let old = fund.path("old");
    for (dir, name) in [(&new, "treasurer"), (&old, "auditor")] {
        fund.ok(&[
            "export",
            "audit",
            "--out",
            &dir.display().to_string(),
            "--period",
            "2026",
            "--audience",
            name,
        ]);
    }
    // The older name is an alias: the same bundle, byte for byte.
    for file in [
        "BUNDLE.csv",
        "README.txt",
        "contributors.csv",
        "MANIFEST.csv",
    ] {
        assert_eq!(
            std::fs::read(new.join(file)).unwrap(),
            std::fs::read(old.join(file)).unwrap(),
            "{file}"
        );
    }
    let help = fund.ok(&["export", "audit", "--help"]);
    assert!(help.contains("treasurer"), "{help}");
    assert!(help.contains("older name"), "{help}");
}
