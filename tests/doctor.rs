//! `fondo doctor`: plain-words advice for a new treasurer. A clean fund says
//! what was checked and the fingerprint to publish; waiting work is named
//! with the command that does it; a tampered file is a problem (exit 1)
//! with what to do; doctor never writes.

mod common;

use common::{Fund, FundBuilder, csv_rows, tamper};

/// The day every test judges waiting work by (`doctor --on`), so that no
/// advice depends on the day the tests run.
const ON: &str = "2026-03-01";

/// Rows of `doctor --on ON --format csv` as (severity, topic, finding,
/// what_to_do).
fn advice(fund: &Fund) -> (i32, Vec<Vec<String>>) {
    advice_on(fund, ON)
}

/// Rows of `doctor --on DAY --format csv`.
fn advice_on(fund: &Fund, day: &str) -> (i32, Vec<Vec<String>>) {
    let run = fund.run(&["doctor", "--on", day, "--format", "csv"]);
    let code = run.code;
    assert!(
        run.stdout
            .starts_with("severity,topic,finding,what_to_do\n"),
        "{}",
        run.stdout
    );
    (code, csv_rows(&run.stdout))
}

#[test]
fn a_new_fund_is_told_what_to_set_up() {
    let fund = Fund::init(None);
    let (code, rows) = advice(&fund);
    assert_eq!(code, 0);
    let findings: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        findings,
        [
            "the fund has no default currency: every amount must name its commodity",
            "no default account for contributions of money",
            "the journal is empty",
        ]
    );
    assert!(rows.iter().all(|r| r[0] == "attention"));
    assert!(rows[1][3].contains("fondo setting set contribution-account"));
}

#[test]
fn waiting_work_is_named_with_the_command_that_does_it() {
    let fund = FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .setting("max-term-months.steward", "6")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana"], "2025-01-01")
        .pool("housing", "rent")
        .contribution("Bruno", "100 USD", Some("housing"), "2026-01-01")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-01T10:00",
        )
        .application("Bruno", "housing", "40 USD", "rent", "2026-01-02T10:00")
        .application("Bruno", "housing", "30 USD", "deposit", "2026-01-02T11:00")
        .vote("G-0002", "consent", "Ana", "2026-01-02T12:00")
        .decision("G-0002", "2026-01-02T13:00")
        .with(&["--expires", "2026-02-01"])
        .build();
    let before = fund.snapshot();
    let (code, rows) = advice(&fund);
    assert_eq!(code, 0, "{rows:?}");
    let find = |needle: &str| {
        rows.iter()
            .find(|r| r[2].contains(needle))
            .unwrap_or_else(|| panic!("no advice about {needle:?} in {rows:?}"))
    };
    let open = find("G-0001: its voting window closed at 2026-01-03 10:00");
    assert_eq!(
        (open[0].as_str(), open[1].as_str()),
        ("attention", "grants")
    );
    assert!(open[3].contains("fondo grant decide G-0001"));
    let expired = find("G-0002: its commitment expired after 2026-02-01");
    assert!(expired[3].contains("fondo grant sweep"));
    let term = find("Ana has been steward since 2025-01-01: past the 6-month limit");
    assert!(term[3].contains("fondo role end \"Ana\" steward"));
    let ok = rows.last().unwrap();
    assert_eq!((ok[0].as_str(), ok[1].as_str()), ("ok", "integrity"));
    assert!(ok[3].contains(&fund.fingerprint()), "{ok:?}");
    assert_eq!(fund.snapshot(), before, "doctor must not write");
    // Judged on another day, the same books wait for other work: a window
    // that closes during the day counts as closed at its end, a commitment
    // expires the day after its last.
    let findings = |day: &str| -> Vec<String> {
        let (code, rows) = advice_on(&fund, day);
        assert_eq!(code, 0, "{rows:?}");
        rows.into_iter().map(|r| r[2].clone()).collect()
    };
    let has = |day: &str, needle: &str| findings(day).iter().any(|f| f.contains(needle));
    assert!(!has("2026-01-02", "G-0001: its voting window closed"));
    assert!(has("2026-01-03", "G-0001: its voting window closed"));
    assert!(!has("2026-02-01", "G-0002: its commitment expired"));
    assert!(has("2026-02-02", "G-0002: its commitment expired"));
    assert!(!has("2025-06-01", "Ana has been steward"));
    fund.fail(
        &["doctor", "--on", "01/03/2026"],
        &["dates are written YYYY-MM-DD; did you mean 2026-03-01?"],
    );
}

#[test]
fn tampering_is_a_problem_with_what_to_do() {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank", "income:dues"]);
    fund.post(
        "Dues",
        "2026-01-12",
        &["assets:bank=620.00 USD", "income:dues"],
    );
    tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount + 1 WHERE txn_id = 1 AND amount > 0",
    );
    let (code, rows) = advice(&fund);
    assert_eq!(code, 1, "a problem exits 1: {rows:?}");
    let problems: Vec<&str> = rows
        .iter()
        .filter(|r| r[0] == "problem")
        .map(|r| &r[2][..4])
        .collect();
    assert_eq!(problems, ["V102", "V103", "V106", "V108"], "{rows:?}");
    assert_eq!(rows[0][0], "problem", "problems come first");
    let unbalanced = rows
        .iter()
        .find(|r| r[2].starts_with("V102 txn 1"))
        .unwrap();
    assert!(
        unbalanced[3].contains("restore the latest backup"),
        "{unbalanced:?}"
    );
    let table = fund.run(&["doctor", "--on", ON]);
    assert_eq!(table.code, 1);
    assert!(table.stdout.contains("problem"));
}

#[test]
fn doctor_without_a_database_is_an_error() {
    let fund = Fund::empty();
    fund.fail(&["doctor"], &["fondo init"]);
}
