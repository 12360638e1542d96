//! `fondo member statement` end to end: each member's statement lists what
//! they gave (money, services and goods in kind; voided gifts and other
//! periods left out), and all the members' statements add up to the
//! contributions of `report summary`; the printable page thanks the member,
//! names the fund and its fingerprint and nobody else; `--out` never
//! overwrites a file without `--force`; bad input writes nothing.

mod common;

use std::collections::BTreeMap;

use common::{Fund, FundBuilder, refused};
use rust_decimal::Decimal;
use serde_json::Value;

/// Three members giving money and support in kind to two pools in 2025 and
/// 2026, a gift voided, a pledge, and a grant to Bruno paid from housing.
fn fund() -> Fund {
    FundBuilder::new()
        .name("Caja Solidaria")
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .commodity("HOURS", 1)
        .commodity("KG-RICE", 3)
        .pool("housing", "Rent relief")
        .pool("food", "Community kitchen")
        .members(&["Ana", "Bruno", "Cleo"])
        .stewards(&["Cleo"], "2026-01-01")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-02",
        )
        .contribution("Ana", "100.00 USD", Some("housing"), "2025-12-20")
        .contribution("Ana", "120.00 USD", Some("housing"), "2026-01-15")
        .contribution("Ana", "30.00 USD", Some("food"), "2026-02-15")
        .command(&[
            "contribute",
            "6",
            "HOURS",
            "--from",
            "Ana",
            "--kind",
            "legal-assistance",
            "--date",
            "2026-03-01",
        ])
        .contribution("Bruno", "45.50 USD", None, "2026-03-10")
        .contribution("Cleo", "12.5 KG-RICE", Some("food"), "2026-04-01")
        .contribution("Cleo", "99.00 USD", None, "2026-04-02")
        .void("7", "entered twice", "2026-04-03")
        .command(&[
            "pledge",
            "add",
            "Ana",
            "40.00",
            "USD",
            "--every",
            "quarter",
            "--from",
            "2026-01-01",
            "--pool",
            "housing",
        ])
        .application(
            "Bruno",
            "housing",
            "80.00 USD",
            "Rent for March",
            "2026-03-02T10:00",
        )
        .vote("G-0001", "consent", "Cleo", "2026-03-02T11:00")
        .decision("G-0001", "2026-03-03T10:00")
        .payment("G-0001", "80.00 USD", "assets:bank", "2026-03-04")
        .build()
}

fn json(fund: &Fund, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&fund.ok(&all)).expect("a JSON array")
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn amount(v: &Value) -> Decimal {
    text(&v["amount"]).parse().expect("a decimal amount")
}

#[test]
fn member_statements_add_up_to_the_contributions_of_the_summary() {
    let fund = fund();
    let mut from_statements: BTreeMap<String, Decimal> = BTreeMap::new();
    for name in ["Ana", "Bruno", "Cleo"] {
        let rows = json(&fund, &["member", "statement", name, "--period", "2026"]);
        for r in rows.iter().filter(|r| r["section"] == "total") {
            *from_statements
                .entry(text(&r["commodity"]).to_owned())
                .or_default() += amount(r);
        }
    }
    let mut from_summary: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in json(&fund, &["report", "summary", "--period", "2026"]) {
        let gift =
            ["contributions", "services in kind", "goods in kind"].contains(&text(&r["item"]));
        if r["section"] == "inflow" && gift {
            *from_summary
                .entry(text(&r["commodity"]).to_owned())
                .or_default() += amount(&r);
        }
    }
    assert_eq!(from_statements, from_summary);
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(
        from_summary,
        BTreeMap::from([
            ("HOURS".to_owned(), d("6.0")),
            ("KG-RICE".to_owned(), d("12.500")),
            ("USD".to_owned(), d("195.50")),
        ])
    );
}

#[test]
fn a_statement_lists_every_gift_pledge_and_grant_of_the_period() {
    let fund = fund();
    let csv = fund.ok(&[
        "member",
        "statement",
        "ana",
        "--period",
        "2026",
        "--format",
        "csv",
    ]);
    let fingerprint = fund.fingerprint();
    let expected = format!(
        "section,item,date,pool,commodity,amount,detail
fund,name,,,,,Caja Solidaria
fund,fingerprint,,,,,{fingerprint}
"
    );
    assert!(csv.starts_with(&expected), "{csv}");
    let body: Vec<&str> = csv.lines().skip(4).collect();
    assert_eq!(
        body,
        [
            "member,name,,,,,Ana",
            "member,period,,,,,2026 (2026-01-01 to 2026-12-31)",
            "contribution,money,2026-01-15,housing,USD,120.00,transaction 2",
            "contribution,money,2026-02-15,food,USD,30.00,transaction 3",
            "contribution,services in kind,2026-03-01,general,HOURS,6.0,legal-assistance; transaction 4",
            "total,given,,,HOURS,6.0,",
            "total,given,,,USD,150.00,",
            "pledge,pledge 1,2026-Q1,housing,USD,120.00,kept of 40.00 pledged",
            "pledge,pledge 1,2026-Q2,housing,USD,0.00,short of 40.00 pledged",
            "pledge,pledge 1,2026-Q3,housing,USD,0.00,short of 40.00 pledged",
            "pledge,pledge 1,2026-Q4,housing,USD,0.00,short of 40.00 pledged",
            "pool,grants paid,,housing,USD,80.00,1 grant; Rent relief",
        ]
    );
    let bruno = fund.ok(&[
        "member",
        "statement",
        "Bruno",
        "--period",
        "2026-Q1",
        "--format",
        "csv",
    ]);
    assert!(
        bruno.contains("grant received,G-0001,,housing,USD,80.00,Rent for March (approved)"),
        "{bruno}"
    );
    // Cleo's voided gift does not count.
    let cleo = fund.ok(&[
        "member",
        "statement",
        "Cleo",
        "--period",
        "2026",
        "--format",
        "csv",
    ]);
    assert!(!cleo.contains("99.00"), "{cleo}");
}

#[test]
fn the_printable_statement_thanks_the_member_and_names_nobody_else() {
    let fund = fund();
    let page = fund.path("ana.html");
    let out = fund.ok(&[
        "member",
        "statement",
        "Ana",
        "--period",
        "2026",
        "--format",
        "html",
        "--out",
        page.to_str().unwrap(),
    ]);
    assert_eq!(
        out,
        format!("wrote the statement of Ana to {}\n", page.display())
    );
    let html = std::fs::read_to_string(&page).unwrap();
    for needle in [
        "<html lang=\"en\"",
        "Thank you, Ana",
        "What you gave to Caja Solidaria in 2026 (1 January 2026 to 31 December 2026), and what it did",
        "You gave 6.0 HOURS and 150.00 USD in 3 contributions.",
        "Your support went to food, general and housing.",
        "data-table=\"pools\"",
        "Receipt",
    ] {
        assert!(
            html.contains(needle),
            "the page should say {needle:?}:\n{html}"
        );
    }
    assert!(html.contains(&fund.fingerprint()));
    assert!(!html.contains("Bruno") && !html.contains("Cleo"), "{html}");
    for needle in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
    // The same books give the same page.
    let again = fund.ok(&[
        "member",
        "statement",
        "Ana",
        "--period",
        "2026",
        "--format",
        "html",
    ]);
    assert_eq!(again, html);
}

#[test]
fn out_never_overwrites_a_file_without_force() {
    let fund = fund();
    let file = fund.write("ana.csv", "keep me\n");
    let path = file.to_str().unwrap();
    refused(
        &fund,
        &[
            "member",
            "statement",
            "Ana",
            "--period",
            "2026",
            "--format",
            "csv",
            "--out",
            path,
        ],
        &["ana.csv exists; choose another file, or give --force to replace it"],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me\n");
    fund.ok(&[
        "member",
        "statement",
        "Ana",
        "--period",
        "2026",
        "--format",
        "csv",
        "--out",
        path,
        "--force",
    ]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("section,item,")
    );
}

#[test]
fn a_statement_of_a_member_who_does_not_exist_writes_nothing() {
    let fund = fund();
    let file = fund.path("dario.html");
    refused(
        &fund,
        &[
            "member",
            "statement",
            "Dario",
            "--period",
            "2026",
            "--format",
            "html",
            "--out",
            file.to_str().unwrap(),
        ],
        &["Dario"],
    );
    assert!(!file.exists());
    refused(
        &fund,
        &["member", "statement", "Ana", "--period", "2026-13"],
        &["2026-13"],
    );
}
