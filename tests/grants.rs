//! Micro-grants (issue 4) end to end: policies, applications, votes with
//! recusal, decisions, commitments, tranches, spending reports, closure and
//! withdrawal, through the real binary; `verify` after every successful
//! step; every bad input refused with exit 2 and nothing written (the
//! ledger and the governance records); tampering with the records found by
//! `verify`; and a property test, through the library, that random rounds
//! never break the pool and grant invariants (4 and 5 of domain.md).
//!
//! Every command gets an explicit `--at`, so outputs are deterministic.
//! Dates are in 2025, before any clock running these tests: reports that
//! count the votes of an open grant "now" then see the final roster.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::{Fund, FundBuilder, GENESIS, csv_rows, tamper};
use fondo::audit::verify::verify;
use fondo::books;
use fondo::books::pools::holdings;
use fondo::domain::grant::{Grant, Status};
use fondo::domain::member::{Role, Visibility};
use fondo::domain::policy::{Rule, Vote};
use fondo::error::Error;
use fondo::ops::contribute::{ContributionRequest, Contributor, contribute};
use fondo::ops::grants::{
    self, ApplyRequest, CloseRequest, PayRequest, PolicyRequest, SpendRequest,
};
use fondo::ops::pools::{MoveRequest, move_money};
use fondo::ops::setup::{add_account, add_commodity, init};
use fondo::store::{Access, Db};
use proptest::prelude::*;
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

const BANK: &str = "assets:bank:usd";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Opens the database behind fondo's back.
fn open(db: &Path) -> Connection {
    Connection::open(db).expect("opening the database with rusqlite")
}

/// Every governance record (all columns) and the fund's record of their
/// chain's head, as text: equal texts mean the records did not change.
fn records_state(db: &Path) -> String {
    let conn = open(db);
    let mut stmt = conn
        .prepare(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash, recorded_at
             FROM records ORDER BY id",
        )
        .unwrap();
    let mut text: String = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{:?}|{}|{}|{}|{}|{}\n",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap()
        .concat();
    let (head, count): (String, i64) = conn
        .query_row(
            "SELECT records_head, records_count FROM fund WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    text.push_str(&format!("head {head} count {count}\n"));
    text
}

/// Asserts `verify` exits 0 with no findings.
fn assert_clean(fund: &Fund) {
    let run = fund.run(&["verify"]);
    assert_eq!(
        run.code, 0,
        "verify found problems:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.contains(": no findings\n"), "{}", run.stdout);
}

/// Runs a command that must succeed, then `verify` (which must be clean).
fn step(fund: &Fund, args: &[&str]) -> String {
    let out = fund.ok(args);
    assert_clean(fund);
    out
}

/// Runs a command that must fail with exit 2, a `fondo: ` message holding
/// every needle, and change nothing: not the ledger (the harness snapshot)
/// and not the governance records.
fn refuse(fund: &Fund, args: &[&str], needles: &[&str]) -> String {
    let before = records_state(&fund.db);
    let stderr = fund.fails_unchanged(args, needles);
    assert_eq!(
        records_state(&fund.db),
        before,
        "the governance records changed although {args:?} failed:\n{stderr}"
    );
    stderr
}

/// `verify --format csv`: its findings as (code, location, message); exit
/// 0 exactly when there are none, 1 otherwise.
fn findings(fund: &Fund) -> Vec<(String, String, String)> {
    let run = fund.run(&["verify", "--format", "csv"]);
    let rows = csv_rows(&run.stdout);
    let expected = if rows.is_empty() { 0 } else { 1 };
    assert_eq!(run.code, expected, "{}{}", run.stdout, run.stderr);
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

/// The codes of `verify`'s findings, sorted and without repeats.
fn codes(fund: &Fund) -> Vec<String> {
    let mut codes: Vec<String> = findings(fund).into_iter().map(|f| f.0).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// `grant show … --format csv` as (section, item, value) rows.
fn show_rows(fund: &Fund, grant: &str, audience: &str) -> Vec<(String, String, String)> {
    let out = fund.ok(&[
        "grant",
        "show",
        grant,
        "--audience",
        audience,
        "--format",
        "csv",
    ]);
    csv_rows(&out)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

/// Asserts that `expected` rows appear in `rows`, in this order (other rows
/// may come between them).
fn assert_rows_in_order(rows: &[(String, String, String)], expected: &[(&str, &str, &str)]) {
    let mut rest = rows.iter();
    for (section, item, value) in expected {
        assert!(
            rest.any(|r| r.0 == *section && r.1 == *item && r.2 == *value),
            "expected the row {section:?} {item:?} {value:?} (in this order) in:\n{rows:#?}"
        );
    }
}

/// One pool's (held, committed, available) in USD from `pool show`.
fn pool_usd(fund: &Fund, pool: &str) -> (String, String, String) {
    let out = fund.ok(&["pool", "show", pool, "--format", "csv"]);
    let rows = csv_rows(&out);
    let row = rows
        .iter()
        .find(|r| r[1] == "USD")
        .unwrap_or_else(|| panic!("pool {pool} has no USD row:\n{out}"));
    (row[8].clone(), row[9].clone(), row[10].clone())
}

/// SHA-256 of the documented canonical form of a governance record.
fn record_hash(
    prev: &str,
    kind: &str,
    grant: Option<i64>,
    at: &str,
    payload: &serde_json::Value,
) -> String {
    let text = serde_json::to_string(&("fondo-record-v1", prev, kind, grant, at, payload)).unwrap();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Recomputes the whole records chain from the stored content, as a forger
/// covering their tracks would, and stores the new head in the fund row
/// (on a connection of [`tamper::with_triggers_off`]).
fn rehash_records(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, Option<i64>, String, String)> = conn
        .prepare("SELECT id, kind, grant_id, at, payload FROM records ORDER BY id")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut prev = GENESIS.to_owned();
    for (id, kind, grant, at, payload) in &rows {
        let value: serde_json::Value = serde_json::from_str(payload).unwrap();
        let hash = record_hash(&prev, kind, *grant, at, &value);
        conn.execute(
            "UPDATE records SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            params![prev, hash, id],
        )?;
        prev = hash;
    }
    conn.execute(
        "UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1",
        params![prev, rows.len() as i64],
    )?;
    Ok(())
}

/// A fund with the pool `aid` holding 1000.00 USD (contributed 2025-01-10),
/// the stewards Ana, Beto, Carla and Dario (open-ended terms from
/// 2025-01-01), the applicant Fede and Gina, a member who is no steward;
/// then `policy set aid --rule RULE… --at 2025-01-15`.
fn aid_fund(rule: &str) -> Fund {
    aid_builder(rule).build()
}

/// The steps of [`aid_fund`], for more.
fn aid_builder(rule: &str) -> FundBuilder {
    FundBuilder::new()
        .currency("USD")
        .account(BANK)
        .pool("aid", "Mutual aid")
        .members(&["Ana", "Beto", "Carla", "Dario", "Fede", "Gina"])
        .stewards(&["Ana", "Beto", "Carla", "Dario"], "2025-01-01")
        .anonymous_contribution("1000 USD", Some("aid"), "2025-01-10")
        .with(&["--into", BANK])
        .policy("aid", rule, "2025-01-15")
}

/// Fede applies to `aid`; returns the grant's id.
fn apply(fund: &Fund, amount: &str, at: &str) -> String {
    let out = step(
        fund,
        &[
            "grant",
            "apply",
            "--applicant",
            "Fede",
            "--pool",
            "aid",
            "--amount",
            amount,
            "USD",
            "--purpose",
            "Rent",
            "--at",
            at,
        ],
    );
    out.trim_end().to_owned()
}

/// A vote that must be taken; objections get a reason.
fn vote(fund: &Fund, grant: &str, how: &str, who: &str, at: &str) {
    let mut args = vec!["grant", "vote", grant, how, "--as", who, "--at", at];
    if how == "object" {
        args.extend_from_slice(&["--reason", "not now"]);
    }
    let out = step(fund, &args);
    assert_eq!(out, format!("{who} votes {how} on {grant}\n"));
}

/// `grant decide` (which must succeed), its one line without the newline.
fn decide(fund: &Fund, grant: &str, at: &str) -> String {
    let out = step(fund, &["grant", "decide", grant, "--at", at]);
    assert!(out.ends_with('\n') && out.lines().count() == 1, "{out:?}");
    out.trim_end().to_owned()
}

// ---------------------------------------------------------------------------
// A full round
// ---------------------------------------------------------------------------

#[test]
fn a_full_round_from_policy_to_closure() {
    let fund = FundBuilder::new()
        .currency("USD")
        .verify_each_step()
        .account(BANK)
        .pool("housing", "Rent and utilities")
        .pool("legal", "Legal defence")
        .members(&["Ana", "Beto", "Carla", "Dario", "Eva", "Fede"])
        .member("Colectivo Sur")
        .with(&["--visibility", "pseudonymous"])
        // Rotating terms: Ana serves until March, Dario takes over in April.
        .role("Ana", "steward", "2025-01-01", Some("2025-03-31"))
        .stewards(&["Beto", "Carla", "Eva"], "2025-01-01")
        .role("Dario", "steward", "2025-04-01", None)
        .anonymous_contribution("1000 USD", Some("housing"), "2025-01-10")
        .with(&["--into", BANK])
        .anonymous_contribution("300 USD", Some("legal"), "2025-01-10")
        .with(&["--into", BANK])
        .build();
    assert_eq!(
        fund.ok(&["pool", "show", "housing"]),
        "\
pool     commodity  contributions  moved_in  moved_out  spent  converted  other     held  committed  available
-------  ---------  -------------  --------  ---------  -----  ---------  -----  -------  ---------  ---------
housing  USD              1000.00      0.00       0.00   0.00       0.00   0.00  1000.00       0.00    1000.00
"
    );

    // A tiered policy: up to 200 USD lazy consensus in 24h, above that
    // three consents in 72h.
    assert_eq!(
        step(
            &fund,
            &[
                "policy",
                "set",
                "housing",
                "--rule",
                "lazy",
                "--window",
                "24h",
                "--max-amount",
                "200",
                "USD",
                "--reason",
                "small and urgent",
                "--at",
                "2025-01-15T10:00",
            ],
        ),
        "policy of pool housing is now version 1\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "policy",
                "set",
                "housing",
                "--rule",
                "consent",
                "--min-consents",
                "3",
                "--window",
                "72h",
                "--reason",
                "larger grants need three stewards",
                "--at",
                "2025-01-15T10:05",
            ],
        ),
        "policy of pool housing is now version 2\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "policy",
                "set",
                "legal",
                "--rule",
                "majority",
                "--quorum",
                "2",
                "--threshold",
                "0.5",
                "--window",
                "4w",
                "--at",
                "2025-01-15T11:00",
            ],
        ),
        "policy of pool legal is now version 1\n"
    );
    assert_eq!(
        fund.ok(&["policy", "show", "housing"]),
        "\
version  set_at            up_to       rule                                window  reason
-------  ----------------  ----------  ----------------------------------  ------  ---------------------------------
      2  2025-01-15 10:05  200.00 USD  lazy consensus (no objection)       1d      larger grants need three stewards
      2  2025-01-15 10:05  any amount  consent (3 consents, no objection)  3d      larger grants need three stewards
"
    );
    assert_eq!(
        fund.ok(&["policy", "show", "housing", "--history"]),
        "\
version  set_at            up_to       rule                                window  reason
-------  ----------------  ----------  ----------------------------------  ------  ---------------------------------
      1  2025-01-15 10:00  200.00 USD  lazy consensus (no objection)       1d      small and urgent
      2  2025-01-15 10:05  200.00 USD  lazy consensus (no objection)       1d      larger grants need three stewards
      2  2025-01-15 10:05  any amount  consent (3 consents, no objection)  3d      larger grants need three stewards
"
    );
    assert_eq!(
        fund.ok(&["policy", "show", "legal", "--format", "csv"]),
        "version,set_at,up_to,rule,window,reason\n\
         1,2025-01-15 11:00,any amount,\"majority (quorum 2, more than 0.5 in favour)\",4w,\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "member",
                "relate",
                "Fede",
                "Eva",
                "--reason",
                "siblings",
                "--at",
                "2025-01-20",
            ],
        ),
        "Fede and Eva are related: each recuses from the other's grants\n"
    );

    // Three applications: a small one (lazy tier), two larger (consent).
    let apply_args = |applicant: &'static str,
                      amount: &'static str,
                      purpose: &'static str,
                      extra: &[&'static str],
                      at: &'static str| {
        let mut args = vec![
            "grant",
            "apply",
            "--applicant",
            applicant,
            "--pool",
            "housing",
            "--amount",
            amount,
            "USD",
            "--purpose",
            purpose,
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--at", at]);
        args
    };
    let g1 = apply_args(
        "Fede",
        "150",
        "Gas bill",
        &["--category", "utilities"],
        "2025-02-03T09:00",
    );
    assert_eq!(step(&fund, &g1), "G-0001\n");
    let g2 = apply_args(
        "Fede",
        "600",
        "March rent",
        &["--category", "rent", "--needed-by", "2025-03-01"],
        "2025-02-03T10:00",
    );
    assert_eq!(step(&fund, &g2), "G-0002\n");
    let g3 = apply_args("Carla", "400", "Lawyer retainer", &[], "2025-02-03T11:00");
    assert_eq!(step(&fund, &g3), "G-0003\n");

    // Votes on G-0002, with recusals and an objection.
    vote(&fund, "G-0002", "consent", "Beto", "2025-02-03T12:00");
    refuse(
        &fund,
        &[
            "grant",
            "vote",
            "G-0002",
            "consent",
            "--as",
            "Eva",
            "--at",
            "2025-02-03T12:05",
        ],
        &["Eva is related to the applicant and must recuse; the vote is refused"],
    );
    refuse(
        &fund,
        &[
            "grant",
            "vote",
            "G-0002",
            "consent",
            "--as",
            "Fede",
            "--at",
            "2025-02-03T12:05",
        ],
        &["Fede is the applicant and must recuse; the vote is refused"],
    );
    refuse(
        &fund,
        &[
            "grant",
            "vote",
            "G-0002",
            "consent",
            "--as",
            "Dario",
            "--at",
            "2025-02-03T12:05",
        ],
        &["Dario is not a steward in term on that day; the vote is refused"],
    );
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "vote",
                "G-0002",
                "object",
                "--as",
                "Carla",
                "--reason",
                "Rent should be negotiated first",
                "--at",
                "2025-02-03T13:00",
            ],
        ),
        "Carla votes object on G-0002\n"
    );
    assert_eq!(
        decide(&fund, "G-0002", "2025-02-03T13:30"),
        "G-0002 still open: an objection stands and will reject it unless withdrawn \
         (1 consent, 1 object, 0 abstain of 3 eligible); window closes 2025-02-06 10:00"
    );

    // The small grant: lazy consensus, approved when its window closes.
    assert_eq!(
        decide(&fund, "G-0001", "2025-02-03T20:00"),
        "G-0001 still open: no objection so far (0 consent, 0 object, 0 abstain of 3 eligible); \
         window closes 2025-02-04 09:00"
    );
    assert_eq!(
        pool_usd(&fund, "housing"),
        ("1000.00".into(), "0.00".into(), "1000.00".into())
    );
    assert_eq!(
        decide(&fund, "G-0001", "2025-02-04T09:00"),
        "G-0001 approved: no objection (0 consent, 0 object, 0 abstain of 3 eligible); \
         the window closed 2025-02-04 09:00"
    );
    assert_eq!(
        fund.ok(&["pool", "show", "housing"]),
        "\
pool     commodity  contributions  moved_in  moved_out  spent  converted  other     held  committed  available
-------  ---------  -------------  --------  ---------  -----  ---------  -----  -------  ---------  ---------
housing  USD              1000.00      0.00       0.00   0.00       0.00   0.00  1000.00     150.00     850.00
"
    );

    // Carla changes her vote; Ana objects to G-0003, whose applicant recuses.
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "vote",
                "G-0002",
                "consent",
                "--as",
                "Carla",
                "--reason",
                "the landlord agreed to wait",
                "--at",
                "2025-02-04T09:30",
            ],
        ),
        "Carla votes consent on G-0002\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "vote",
                "G-0003",
                "object",
                "--as",
                "Ana",
                "--reason",
                "the legal pool should pay for this",
                "--at",
                "2025-02-04T10:00",
            ],
        ),
        "Ana votes object on G-0003\n"
    );
    refuse(
        &fund,
        &[
            "grant",
            "vote",
            "G-0003",
            "consent",
            "--as",
            "Carla",
            "--at",
            "2025-02-04T10:10",
        ],
        &["Carla is the applicant and must recuse; the vote is refused"],
    );
    vote(&fund, "G-0003", "consent", "Beto", "2025-02-04T10:30");
    assert_eq!(
        decide(&fund, "G-0002", "2025-02-04T11:00"),
        "G-0002 still open: 2 of 3 consents (2 consent, 0 object, 0 abstain of 3 eligible); \
         window closes 2025-02-06 10:00"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "pay",
                "G-0001",
                "150",
                "USD",
                "--from-account",
                BANK,
                "--at",
                "2025-02-04T12:00",
            ],
        ),
        "3\n"
    );
    vote(&fund, "G-0002", "consent", "Ana", "2025-02-05T18:00");
    assert_eq!(
        decide(&fund, "G-0002", "2025-02-05T18:30"),
        "G-0002 approved: enough consents and no objection \
         (3 consent, 0 object, 0 abstain of 3 eligible); every eligible steward has voted; \
         window closes 2025-02-06 10:00"
    );
    assert_eq!(
        fund.ok(&["pool", "show", "housing"]),
        "\
pool     commodity  contributions  moved_in  moved_out   spent  converted  other    held  committed  available
-------  ---------  -------------  --------  ---------  ------  ---------  -----  ------  ---------  ---------
housing  USD              1000.00      0.00       0.00  150.00       0.00   0.00  850.00     600.00     250.00
"
    );
    assert_eq!(
        decide(&fund, "G-0003", "2025-02-06T11:00"),
        "G-0003 rejected: an objection stands (1 consent, 1 object, 0 abstain of 3 eligible); \
         the window closed 2025-02-06 11:00"
    );

    // Tranches and the grantee's spending report.
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "pay",
                "G-0002",
                "300",
                "USD",
                "--from-account",
                BANK,
                "--reference",
                "TR-1",
                "--at",
                "2025-02-07T09:00",
            ],
        ),
        "4\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "spend",
                "G-0002",
                "280",
                "USD",
                "--category",
                "rent",
                "--receipt",
                "R-17",
                "--note",
                "first half of March",
                "--at",
                "2025-02-10T10:00",
            ],
        ),
        "recorded spending on G-0002\n"
    );
    // An outside group applies, then withdraws.
    let g4 = [
        "grant",
        "apply",
        "--applicant",
        "Colectivo Sur",
        "--pool",
        "housing",
        "--amount",
        "120",
        "USD",
        "--purpose",
        "Groceries",
        "--at",
        "2025-02-10T08:00",
    ];
    assert_eq!(step(&fund, &g4), "G-0004\n");
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "withdraw",
                "G-0004",
                "--reason",
                "covered by the food bank",
                "--at",
                "2025-02-10T12:00",
            ],
        ),
        "withdrew G-0004\n"
    );
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "pay",
                "G-0002",
                "200",
                "USD",
                "--from-account",
                BANK,
                "--date",
                "2025-03-01",
                "--at",
                "2025-03-01T09:00",
            ],
        ),
        "5\n"
    );
    assert_eq!(
        fund.ok(&["pool", "show", "housing"]),
        "\
pool     commodity  contributions  moved_in  moved_out   spent  converted  other    held  committed  available
-------  ---------  -------------  --------  ---------  ------  ---------  -----  ------  ---------  ---------
housing  USD              1000.00      0.00       0.00  650.00       0.00   0.00  350.00     100.00     250.00
"
    );
    step(
        &fund,
        &[
            "grant",
            "spend",
            "G-0002",
            "150",
            "USD",
            "--category",
            "rent",
            "--receipt",
            "R-18",
            "--date",
            "2025-03-02",
            "--at",
            "2025-03-02T10:00",
        ],
    );
    step(
        &fund,
        &[
            "grant",
            "spend",
            "G-0002",
            "20",
            "USD",
            "--category",
            "moving",
            "--at",
            "2025-03-02T11:00",
        ],
    );
    // Closure: 50 USD comes back, the 100 USD never paid is released.
    assert_eq!(
        step(
            &fund,
            &[
                "grant",
                "close",
                "G-0002",
                "--return",
                "50",
                "USD",
                "--to-account",
                BANK,
                "--reason",
                "March rent was lower",
                "--at",
                "2025-03-15T10:00",
            ],
        ),
        "closed G-0002 (returned money: transaction 6)\n"
    );
    // A grant's tranche and its returned money are not voided behind the
    // grant's records: they would still count the money paid or returned.
    fund.fails_unchanged(
        &[
            "void",
            "5",
            "--reason",
            "paid twice",
            "--date",
            "2025-03-16",
        ],
        &[
            "transaction 5 is a tranche of G-0002",
            "fondo grant close G-0002 --return",
        ],
    );
    fund.fails_unchanged(
        &["void", "6", "--reason", "typo", "--date", "2025-03-16"],
        &["transaction 6 is the money returned when G-0002 was closed"],
    );
    assert_eq!(
        fund.ok(&["pool", "show", "housing"]),
        "\
pool     commodity  contributions  moved_in  moved_out   spent  converted  other    held  committed  available
-------  ---------  -------------  --------  ---------  ------  ---------  -----  ------  ---------  ---------
housing  USD              1000.00      0.00       0.00  600.00       0.00   0.00  400.00       0.00     400.00
"
    );

    // A majority grant in the legal pool, across the change of terms.
    let g5 = [
        "grant",
        "apply",
        "--applicant",
        "Fede",
        "--pool",
        "legal",
        "--amount",
        "250",
        "USD",
        "--purpose",
        "Court fees",
        "--category",
        "legal",
        "--at",
        "2025-03-20T10:00",
    ];
    assert_eq!(step(&fund, &g5), "G-0005\n");
    vote(&fund, "G-0005", "consent", "Beto", "2025-03-20T11:00");
    assert_eq!(
        decide(&fund, "G-0005", "2025-03-21T10:00"),
        "G-0005 still open: 1 of a quorum of 2 have voted (1 consent, 0 object, 0 abstain of 3 eligible); \
         window closes 2025-04-17 10:00"
    );
    refuse(
        &fund,
        &[
            "grant",
            "vote",
            "G-0005",
            "consent",
            "--as",
            "Ana",
            "--at",
            "2025-04-02T09:00",
        ],
        &["Ana is not a steward in term on that day; the vote is refused"],
    );
    vote(&fund, "G-0005", "consent", "Dario", "2025-04-02T09:00");
    assert_eq!(
        decide(&fund, "G-0005", "2025-04-02T10:00"),
        "G-0005 still open: 2 of a quorum of 2 have voted (2 consent, 0 object, 0 abstain of 3 eligible); \
         window closes 2025-04-17 10:00"
    );

    // `grant show` tells the whole story.
    let rows = show_rows(&fund, "G-0002", "treasurer");
    assert_rows_in_order(
        &rows,
        &[
            ("grant", "id", "G-0002"),
            ("grant", "status", "closed"),
            ("grant", "applicant", "Fede"),
            ("grant", "pool", "housing"),
            ("grant", "requested", "600.00 USD"),
            ("grant", "purpose", "March rent"),
            ("grant", "category", "rent"),
            ("grant", "needed by", "2025-03-01"),
            ("grant", "applied", "2025-02-03 10:00"),
            (
                "policy",
                "version 2",
                "consent (3 consents, no objection) — larger grants need three stewards",
            ),
            ("policy", "window closes", "2025-02-06 10:00"),
            ("vote", "Beto", "consent at 2025-02-03 12:00"),
            (
                "vote",
                "Carla",
                "object at 2025-02-03 13:00 — Rent should be negotiated first",
            ),
            (
                "vote",
                "Carla",
                "consent at 2025-02-04 09:30 — the landlord agreed to wait",
            ),
            ("vote", "Ana", "consent at 2025-02-05 18:00"),
            (
                "votes",
                "count",
                "3 consent, 0 object, 0 abstain of 3 eligible",
            ),
            (
                "decision",
                "approved",
                "2025-02-05 18:30 — enough consents and no objection \
                 (3 consent, 0 object, 0 abstain of 3 eligible); every eligible steward has voted; \
                 window closes 2025-02-06 10:00",
            ),
            ("tranche", "1", "300.00 USD on 2025-02-07, transaction 4"),
            ("tranche", "2", "200.00 USD on 2025-03-01, transaction 5"),
            (
                "spent",
                "rent",
                "280.00 USD on 2025-02-10 (receipt R-17, first half of March)",
            ),
            ("spent", "rent", "150.00 USD on 2025-03-02 (receipt R-18)"),
            ("spent", "moving", "20.00 USD on 2025-03-02"),
            ("totals", "paid", "500.00 USD"),
            ("totals", "reported spent", "450.00 USD"),
            ("closed", "at", "2025-03-15 10:00"),
            ("closed", "returned", "50.00 USD"),
        ],
    );
    let rows = show_rows(&fund, "G-0003", "treasurer");
    assert_rows_in_order(
        &rows,
        &[
            ("grant", "status", "rejected"),
            ("grant", "applicant", "Carla"),
            (
                "vote",
                "Ana",
                "object at 2025-02-04 10:00 — the legal pool should pay for this",
            ),
            ("vote", "Beto", "consent at 2025-02-04 10:30"),
            (
                "decision",
                "rejected",
                "2025-02-06 11:00 — an objection stands (1 consent, 1 object, 0 abstain of 3 eligible); \
                 the window closed 2025-02-06 11:00",
            ),
            ("totals", "paid", "0.00 USD"),
        ],
    );
    assert!(
        !rows.iter().any(|r| r.0 == "vote" && r.1 == "Carla"),
        "the applicant's refused vote is not on the record: {rows:#?}"
    );
    assert_eq!(
        fund.ok(&["grant", "show", "G-0001"]),
        "\
section   item                     value
--------  -----------------------  ------------------------------------------------------------------------------------------------------------------
grant     id                       G-0001
grant     status                   approved
grant     applicant                Fede
grant     pool                     housing
grant     requested                150.00 USD
grant     purpose                  Gas bill
grant     category                 utilities
grant     applied                  2025-02-03 09:00
policy    version 2                lazy consensus (no objection) — larger grants need three stewards
policy    window closes            2025-02-04 09:00
votes     count                    0 consent, 0 object, 0 abstain of 3 eligible
decision  approved                 2025-02-04 09:00 — no objection (0 consent, 0 object, 0 abstain of 3 eligible); the window closed 2025-02-04 09:00
tranche   1                        150.00 USD on 2025-02-04, transaction 3
totals    paid                     150.00 USD
totals    reported spent           0.00 USD
totals    committed, not yet paid  0.00 USD
"
    );
    // A pseudonymous applicant is not named to the public.
    let public = show_rows(&fund, "G-0004", "public");
    assert_rows_in_order(&public, &[("grant", "status", "withdrawn")]);
    let shown = &public.iter().find(|r| r.1 == "applicant").unwrap().2;
    assert_ne!(shown, "Colectivo Sur");
    assert!(
        !fund
            .ok(&["grant", "list", "--audience", "public"])
            .contains("Colectivo Sur")
    );

    // The register, filtered, in all three formats.
    assert_eq!(
        fund.ok(&["grant", "list"]),
        "\
grant   applicant      pool     commodity  requested    paid   spent  status     rule                                          consents  objections  abstentions
------  -------------  -------  ---------  ---------  ------  ------  ---------  --------------------------------------------  --------  ----------  -----------
G-0001  Fede           housing  USD           150.00  150.00    0.00  approved   lazy consensus (no objection)                        0           0            0
G-0002  Fede           housing  USD           600.00  500.00  450.00  closed     consent (3 consents, no objection)                   3           0            0
G-0003  Carla          housing  USD           400.00    0.00    0.00  rejected   consent (3 consents, no objection)                   1           1            0
G-0004  Colectivo Sur  housing  USD           120.00    0.00    0.00  withdrawn  lazy consensus (no objection)                        0           0            0
G-0005  Fede           legal    USD           250.00    0.00    0.00  open       majority (quorum 2, more than 0.5 in favour)         2           0            0
"
    );
    assert_eq!(
        fund.ok(&["grant", "list", "--status", "approved"]),
        "\
grant   applicant  pool     commodity  requested    paid  spent  status    rule                           consents  objections  abstentions
------  ---------  -------  ---------  ---------  ------  -----  --------  -----------------------------  --------  ----------  -----------
G-0001  Fede       housing  USD           150.00  150.00   0.00  approved  lazy consensus (no objection)         0           0            0
"
    );
    assert_eq!(
        fund.ok(&["grant", "list", "--status", "rejected", "--format", "csv"]),
        "grant,applicant,pool,commodity,requested,paid,spent,status,rule,consents,objections,abstentions\n\
         G-0003,Carla,housing,USD,400.00,0.00,0.00,rejected,\"consent (3 consents, no objection)\",1,1,0\n"
    );
    assert_eq!(
        fund.ok(&[
            "grant", "list", "--pool", "Housing", "--status", "closed", "--format", "csv"
        ]),
        "grant,applicant,pool,commodity,requested,paid,spent,status,rule,consents,objections,abstentions\n\
         G-0002,Fede,housing,USD,600.00,500.00,450.00,closed,\"consent (3 consents, no objection)\",3,0,0\n"
    );
    assert_eq!(
        fund.ok(&["grant", "list", "--pool", "legal", "--format", "json"]),
        "[\n  {\"grant\":\"G-0005\",\"applicant\":\"Fede\",\"pool\":\"legal\",\"commodity\":\"USD\",\
         \"requested\":\"250.00\",\"paid\":\"0.00\",\"spent\":\"0.00\",\"status\":\"open\",\
         \"rule\":\"majority (quorum 2, more than 0.5 in favour)\",\"consents\":2,\"objections\":0,\
         \"abstentions\":0}\n]\n"
    );
    let withdrawn = fund.ok(&[
        "grant",
        "list",
        "--status",
        "withdrawn",
        "--pool",
        "housing",
        "--format",
        "csv",
    ]);
    assert_eq!(csv_rows(&withdrawn).len(), 1);
    assert!(withdrawn.contains("\nG-0004,Colectivo Sur,housing,USD,120.00,0.00,0.00,withdrawn,"));
    let open_legal = fund.ok(&["grant", "list", "--status", "open", "--pool", "housing"]);
    assert_eq!(
        open_legal.lines().count(),
        2,
        "only the header:\n{open_legal}"
    );
    assert_eq!(
        pool_usd(&fund, "legal"),
        ("300.00".into(), "0.00".into(), "300.00".into())
    );

    // The ledger holds exactly the tranches and the return.
    let export = fund.export();
    for line in [
        "3,2025-02-04,Grant G-0001: tranche 1,expenses:grants:utilities,150.00,USD,,,,housing,",
        "4,2025-02-07,Grant G-0002: tranche 1,expenses:grants:rent,300.00,USD,,TR-1,,housing,",
        "5,2025-03-01,Grant G-0002: tranche 2,expenses:grants:rent,200.00,USD,,,,housing,",
        "6,2025-03-15,Grant G-0002: money returned,assets:bank:usd,50.00,USD,,,,,",
        "6,2025-03-15,Grant G-0002: money returned,expenses:grants:rent,-50.00,USD,,,,housing,",
    ] {
        assert!(export.contains(line), "{line} in:\n{export}");
    }
    assert_eq!(csv_rows(&export).len(), 12);
    // 44 records of the round, the fund's settings and the 4 accounts'.
    assert_eq!(
        fund.ok(&["verify"]),
        "checked 6 transactions, 12 postings, 49 governance records: no findings\n\
         fingerprint: a07ea4b3b2e9097d2d295805cdf39e155dfdb32f375d0f1f5aa2a5f32dee9e8f\n"
    );
}

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

#[test]
fn consent_approves_rejects_on_objection_and_for_too_few_consents() {
    let fund = aid_fund("consent --min-consents 2 --window 48h");
    // Enough consents: approved when the window closes.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T12:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-03T09:59"),
        "G-0001 still open: 2 of 2 consents (2 consent, 0 object, 0 abstain of 4 eligible); \
         window closes 2025-02-03 10:00"
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-03T10:00"),
        "G-0001 approved: enough consents and no objection (2 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-03 10:00"
    );
    // An objection rejects, however many consent.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Carla", "2025-02-01T11:00");
    vote(&fund, &g, "object", "Dario", "2025-02-01T12:00");
    // Everyone has voted, but votes may change until the window closes.
    assert_eq!(
        decide(&fund, &g, "2025-02-01T12:30"),
        "G-0002 still open: an objection stands and will reject it unless withdrawn \
         (3 consent, 1 object, 0 abstain of 4 eligible); every eligible steward has voted; \
         window closes 2025-02-03 10:00"
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-03T10:00"),
        "G-0002 rejected: an objection stands (3 consent, 1 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-03 10:00"
    );
    // Too few consents when the window closes.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "abstain", "Beto", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-02T10:00"),
        "G-0003 still open: 1 of 2 consents (1 consent, 0 object, 1 abstain of 4 eligible); \
         window closes 2025-02-03 10:00"
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-04T08:00"),
        "G-0003 rejected: 1 consent of 2 needed (1 consent, 0 object, 1 abstain of 4 eligible); \
         the window closed 2025-02-03 10:00"
    );
    // An objection withdrawn (the vote changed) no longer stands; once
    // every eligible steward has voted the decision need not wait.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "object", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T12:00");
    vote(&fund, &g, "abstain", "Carla", "2025-02-01T12:00");
    vote(&fund, &g, "abstain", "Dario", "2025-02-01T12:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-01T13:00"),
        "G-0004 approved: enough consents and no objection (2 consent, 0 object, 2 abstain of 4 eligible); \
         every eligible steward has voted; window closes 2025-02-03 10:00"
    );
    assert_eq!(
        fund.ok(&["grant", "list", "--format", "csv"]),
        "grant,applicant,pool,commodity,requested,paid,spent,status,rule,consents,objections,abstentions\n\
         G-0001,Fede,aid,USD,100.00,0.00,0.00,approved,\"consent (2 consents, no objection)\",2,0,0\n\
         G-0002,Fede,aid,USD,100.00,0.00,0.00,rejected,\"consent (2 consents, no objection)\",3,1,0\n\
         G-0003,Fede,aid,USD,100.00,0.00,0.00,rejected,\"consent (2 consents, no objection)\",1,0,1\n\
         G-0004,Fede,aid,USD,100.00,0.00,0.00,approved,\"consent (2 consents, no objection)\",2,0,2\n"
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("1000.00".into(), "200.00".into(), "800.00".into())
    );
}

#[test]
fn majority_needs_a_quorum_and_more_than_the_threshold() {
    let fund = aid_fund("majority --quorum 3 --threshold 0.5 --window 7d");
    let closed = "2025-02-08T10:00";
    // 2 for, 1 against: more than half.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "object", "Carla", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-02T10:00"),
        "G-0001 still open: 3 of a quorum of 3 have voted (2 consent, 1 object, 0 abstain of 4 eligible); \
         window closes 2025-02-08 10:00"
    );
    assert_eq!(
        decide(&fund, &g, closed),
        "G-0001 approved: majority in favour, more than 0.5 (2 consent, 1 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    // 1 for, 1 against, 1 abstains: quorum, but not more than half.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "object", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "abstain", "Carla", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, closed),
        "G-0002 rejected: not more than 0.5 in favour (1 consent, 1 object, 1 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    // Two votes, both for: no quorum.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-09T00:00"),
        "G-0003 rejected: no quorum: 2 of 3 voted (2 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    // Abstentions count for the quorum, not for the share.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "abstain", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "abstain", "Carla", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, closed),
        "G-0004 approved: majority in favour, more than 0.5 (1 consent, 0 object, 2 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    // Everyone voted, half for: exactly the threshold is not more than it.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    vote(&fund, &g, "object", "Carla", "2025-02-01T11:00");
    vote(&fund, &g, "object", "Dario", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-01T12:00"),
        "G-0005 still open: 4 of a quorum of 3 have voted (2 consent, 2 object, 0 abstain of 4 eligible); \
         every eligible steward has voted; window closes 2025-02-08 10:00"
    );
    assert_eq!(
        decide(&fund, &g, closed),
        "G-0005 rejected: not more than 0.5 in favour (2 consent, 2 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    // Only abstentions: a quorum, but nobody in favour.
    let g = apply(&fund, "100", "2025-02-01T10:00");
    for who in ["Ana", "Beto", "Carla"] {
        vote(&fund, &g, "abstain", who, "2025-02-01T11:00");
    }
    assert_eq!(
        decide(&fund, &g, closed),
        "G-0006 rejected: not more than 0.5 in favour (0 consent, 0 object, 3 abstain of 4 eligible); \
         the window closed 2025-02-08 10:00"
    );
    let statuses: Vec<String> = csv_rows(&fund.ok(&["grant", "list", "--format", "csv"]))
        .into_iter()
        .map(|r| r[7].clone())
        .collect();
    assert_eq!(
        statuses,
        [
            "approved", "rejected", "rejected", "approved", "rejected", "rejected"
        ]
    );
    // A stricter threshold: two thirds is not more than 0.7.
    step(
        &fund,
        &[
            "policy",
            "set",
            "aid",
            "--rule",
            "majority",
            "--quorum",
            "3",
            "--threshold",
            "0.70",
            "--window",
            "7d",
            "--at",
            "2025-03-01",
        ],
    );
    let g = apply(&fund, "100", "2025-03-02T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-03-02T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-03-02T11:00");
    vote(&fund, &g, "object", "Carla", "2025-03-02T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-03-09T10:00"),
        "G-0007 rejected: not more than 0.7 in favour (2 consent, 1 object, 0 abstain of 4 eligible); \
         the window closed 2025-03-09 10:00"
    );
}

#[test]
fn lazy_consensus_approves_at_the_window_end_without_objection() {
    let fund = aid_fund("lazy --window 24h --max-amount 200 USD");
    // Nobody votes: approved when the window closes, not before.
    let g = apply(&fund, "200", "2025-02-01T10:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-02T09:59"),
        "G-0001 still open: no objection so far (0 consent, 0 object, 0 abstain of 4 eligible); \
         window closes 2025-02-02 10:00"
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-02T10:00"),
        "G-0001 approved: no objection (0 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-02 10:00"
    );
    // An objection rejects at the window's end.
    let g = apply(&fund, "50", "2025-02-01T10:00");
    vote(&fund, &g, "object", "Ana", "2025-02-01T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-02-01T12:00"),
        "G-0002 still open: an objection stands and will reject it unless withdrawn \
         (0 consent, 1 object, 0 abstain of 4 eligible); window closes 2025-02-02 10:00"
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-02T10:00"),
        "G-0002 rejected: an objection stands (0 consent, 1 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-02 10:00"
    );
    // Above the ceiling the lazy tier does not apply, and there is no other.
    refuse(
        &fund,
        &[
            "grant",
            "apply",
            "--applicant",
            "Fede",
            "--pool",
            "aid",
            "--amount",
            "200.01",
            "USD",
            "--purpose",
            "Rent",
            "--at",
            "2025-02-01T10:00",
        ],
        &["the pool's policy has no rule for 200.01 USD: add a tier without --max-amount"],
    );

    // Version 2: lazy needing one consent, and consent above 200 USD.
    step(
        &fund,
        &[
            "policy",
            "set",
            "aid",
            "--rule",
            "lazy",
            "--min-consents",
            "1",
            "--window",
            "24h",
            "--max-amount",
            "200",
            "USD",
            "--reason",
            "one steward must look",
            "--at",
            "2025-03-01",
        ],
    );
    step(
        &fund,
        &[
            "policy",
            "set",
            "aid",
            "--rule",
            "consent",
            "--min-consents",
            "2",
            "--window",
            "3d",
            "--at",
            "2025-03-01T00:05",
        ],
    );
    assert_eq!(
        fund.ok(&["policy", "show", "aid", "--history", "--format", "csv"]),
        "version,set_at,up_to,rule,window,reason\n\
         1,2025-01-15 00:00,200.00 USD,lazy consensus (no objection),1d,\n\
         2,2025-03-01 00:00,200.00 USD,\"lazy consensus (no objection, 1 consent)\",1d,one steward must look\n\
         3,2025-03-01 00:05,200.00 USD,\"lazy consensus (no objection, 1 consent)\",1d,\n\
         3,2025-03-01 00:05,any amount,\"consent (2 consents, no objection)\",3d,\n"
    );
    // No consent: rejected when the window closes.
    let g = apply(&fund, "80", "2025-03-02T10:00");
    assert_eq!(
        decide(&fund, &g, "2025-03-03T10:00"),
        "G-0003 rejected: 0 consents of 1 needed (0 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-03-03 10:00"
    );
    // One consent: approved.
    let g = apply(&fund, "80", "2025-03-02T10:00");
    vote(&fund, &g, "consent", "Carla", "2025-03-02T11:00");
    assert_eq!(
        decide(&fund, &g, "2025-03-03T10:00"),
        "G-0004 approved: no objection (1 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-03-03 10:00"
    );
    // The tier is chosen by the amount: 200.00 is lazy, 200.01 is consent.
    let lazy = apply(&fund, "200", "2025-03-04T10:00");
    let consent = apply(&fund, "200.01", "2025-03-04T10:00");
    let list = csv_rows(&fund.ok(&["grant", "list", "--status", "open", "--format", "csv"]));
    let rule = |id: &str| list.iter().find(|r| r[0] == id).unwrap()[8].clone();
    assert_eq!(rule(&lazy), "lazy consensus (no objection, 1 consent)");
    assert_eq!(rule(&consent), "consent (2 consents, no objection)");
    // Earlier grants keep citing the version they were applied under.
    assert_rows_in_order(
        &show_rows(&fund, "G-0001", "treasurer"),
        &[("policy", "version 1", "lazy consensus (no objection)")],
    );
    assert_rows_in_order(
        &show_rows(&fund, &consent, "treasurer"),
        &[("policy", "version 3", "consent (2 consents, no objection)")],
    );
}

#[test]
fn commitments_expire_and_are_released() {
    let fund = aid_fund("consent --min-consents 1 --window 24h");
    let long = apply(&fund, "600", "2025-02-01T10:00");
    let short = apply(&fund, "300", "2025-02-01T10:00");
    for g in [&long, &short] {
        vote(&fund, g, "consent", "Ana", "2025-02-01T11:00");
    }
    refuse(
        &fund,
        &[
            "grant",
            "decide",
            &long,
            "--expires",
            "2025-02-01",
            "--at",
            "2025-02-02T10:00",
        ],
        &["a commitment cannot expire (2025-02-01) before it is decided (2025-02-02)"],
    );
    step(
        &fund,
        &[
            "grant",
            "decide",
            &long,
            "--expires",
            "2025-02-20",
            "--at",
            "2025-02-02T10:00",
        ],
    );
    step(
        &fund,
        &[
            "grant",
            "decide",
            &short,
            "--expires",
            "2025-02-10",
            "--at",
            "2025-02-02T10:00",
        ],
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("1000.00".into(), "900.00".into(), "100.00".into())
    );
    step(
        &fund,
        &[
            "grant",
            "pay",
            &long,
            "100",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-10",
        ],
    );
    assert_eq!(
        step(&fund, &["grant", "sweep", "--at", "2025-02-10T23:59"]),
        "no commitment has expired\n"
    );
    assert_eq!(
        step(&fund, &["grant", "sweep", "--at", "2025-02-20T23:00"]),
        "G-0002 closed: its commitment expired; 300.00 USD released to the pool\n"
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("900.00".into(), "500.00".into(), "400.00".into())
    );
    // Past its last day a commitment pays nothing more.
    refuse(
        &fund,
        &[
            "grant",
            "pay",
            &long,
            "100",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-21",
        ],
        &["G-0001 expired after 2025-02-20"],
    );
    assert_eq!(
        decide(&fund, &long, "2025-02-21T09:00"),
        "G-0001 closed: its commitment expired; 500.00 USD released to the pool"
    );
    assert_eq!(
        step(&fund, &["grant", "sweep", "--at", "2025-02-22"]),
        "no commitment has expired\n"
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("900.00".into(), "0.00".into(), "900.00".into())
    );
    let closed = csv_rows(&fund.ok(&["grant", "list", "--status", "closed", "--format", "csv"]));
    assert_eq!(closed.len(), 2);
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

/// `aid_fund` with consent (2 in 48h), Ana's term ending in March, Eva a
/// steward related to Fede, Hugo a steward from April, and G-0001: Fede
/// asks for 600 USD on 2025-02-01 at 10:00.
fn bad_input_fund() -> Fund {
    let fund = aid_builder("consent --min-consents 2 --window 48h")
        .verify_each_step()
        .members(&["Eva", "Hugo"])
        .stewards(&["Eva"], "2025-01-01")
        // Rotate: Ana until the end of March, Hugo from April.
        .command(&["role", "end", "Ana", "steward", "--on", "2025-03-31"])
        .role("Hugo", "steward", "2025-04-01", None)
        .relation("Eva", "Fede", "partners", "2025-01-20")
        .build();
    assert_eq!(apply(&fund, "600", "2025-02-01T10:00"), "G-0001");
    fund
}

fn vote_args<'a>(grant: &'a str, how: &'a str, who: &'a str, at: &'a str) -> Vec<&'a str> {
    vec!["grant", "vote", grant, how, "--as", who, "--at", at]
}

#[test]
fn votes_are_refused_from_those_who_may_not_vote() {
    let fund = bad_input_fund();
    let g = "G-0001";
    let at = "2025-02-01T11:00";
    refuse(
        &fund,
        &vote_args(g, "consent", "Gina", at),
        &["Gina is not a steward in term on that day; the vote is refused"],
    );
    refuse(
        &fund,
        &vote_args(g, "consent", "Hugo", at),
        &["Hugo is not a steward in term on that day"],
    );
    refuse(
        &fund,
        &vote_args(g, "consent", "Fede", at),
        &["Fede is the applicant and must recuse; the vote is refused"],
    );
    refuse(
        &fund,
        &vote_args(g, "consent", "Eva", at),
        &["Eva is related to the applicant and must recuse; the vote is refused"],
    );
    refuse(&fund, &vote_args(g, "consent", "Nadie", at), &["Nadie"]);
    // An objection needs a reason; a blank one is none.
    refuse(
        &fund,
        &vote_args(g, "object", "Ana", at),
        &["an objection needs a reason (--reason), so the community can answer it"],
    );
    let mut blank = vote_args(g, "object", "Ana", at);
    blank.extend_from_slice(&["--reason", "  "]);
    refuse(&fund, &blank, &["an objection needs a reason"]);
    // Before the application: out of time order.
    refuse(
        &fund,
        &vote_args(g, "consent", "Ana", "2025-02-01T09:59"),
        &[
            "G-0001 has a record at 2025-02-01T10:00:00; events on one grant must be in time order \
             (this one is at 2025-02-01T09:59:00)",
        ],
    );
    vote(&fund, g, "consent", "Ana", at);
    // The same vote twice changes nothing and is refused.
    refuse(
        &fund,
        &vote_args(g, "consent", "Ana", "2025-02-01T11:30"),
        &["Ana already voted consent on G-0001; nothing changes"],
    );
    // Dated before the grant's last event.
    refuse(
        &fund,
        &vote_args(g, "consent", "Beto", "2025-02-01T10:30"),
        &["events on one grant must be in time order"],
    );
    vote(&fund, g, "consent", "Beto", "2025-02-01T12:00");
    // Deciding early with enough consents is "still open": exit 0, nothing written.
    let before = (fund.snapshot(), records_state(&fund.db));
    assert_eq!(
        fund.ok(&["grant", "decide", g, "--at", "2025-02-02T10:00"]),
        "G-0001 still open: 2 of 2 consents (2 consent, 0 object, 0 abstain of 4 eligible); \
         window closes 2025-02-03 10:00\n"
    );
    assert_eq!((fund.snapshot(), records_state(&fund.db)), before);
    refuse(
        &fund,
        &["grant", "decide", g, "--at", "2025-02-01T11:59"],
        &["events on one grant must be in time order"],
    );
    assert_eq!(
        decide(&fund, g, "2025-02-03T10:00"),
        "G-0001 approved: enough consents and no objection (2 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-03 10:00"
    );
    // On a decided grant: no more votes, no second decision, no withdrawal.
    refuse(
        &fund,
        &vote_args(g, "object", "Carla", "2025-02-03T11:00"),
        &["G-0001 is approved; votes are taken only while it is open"],
    );
    refuse(
        &fund,
        &vote_args(g, "consent", "Carla", "2025-02-03T11:00"),
        &["G-0001 is approved; votes are taken only while it is open"],
    );
    refuse(
        &fund,
        &["grant", "decide", g, "--at", "2025-02-04"],
        &["G-0001 is already approved"],
    );
    refuse(
        &fund,
        &["grant", "withdraw", g, "--at", "2025-02-04"],
        &["G-0001 is approved; only open applications can be withdrawn"],
    );
    // A steward out of term: Ana after March, Hugo before April.
    let g2 = apply(&fund, "100", "2025-04-02T10:00");
    refuse(
        &fund,
        &vote_args(&g2, "consent", "Ana", "2025-04-02T11:00"),
        &["Ana is not a steward in term on that day; the vote is refused"],
    );
    vote(&fund, &g2, "consent", "Hugo", "2025-04-02T11:00");
    let g3 = apply(&fund, "100", "2025-03-31T10:00");
    refuse(
        &fund,
        &vote_args(&g3, "consent", "Hugo", "2025-03-31T23:59"),
        &["Hugo is not a steward in term on that day"],
    );
    vote(&fund, &g3, "consent", "Ana", "2025-03-31T23:59");
    // Withdrawn: no votes.
    step(
        &fund,
        &["grant", "withdraw", &g3, "--at", "2025-04-01T08:00"],
    );
    refuse(
        &fund,
        &vote_args(&g3, "consent", "Beto", "2025-04-01T09:00"),
        &["G-0003 is withdrawn; votes are taken only while it is open"],
    );
    refuse(
        &fund,
        &["grant", "withdraw", &g3, "--at", "2025-04-01T09:00"],
        &["G-0003 is withdrawn; only open applications can be withdrawn"],
    );
}

#[test]
fn payments_and_spending_are_refused_beyond_what_the_rules_allow() {
    let fund = bad_input_fund();
    let g = "G-0001";
    let pay = |amount: &'static str, code: &'static str, at: &'static str| {
        vec![
            "grant",
            "pay",
            g,
            amount,
            code,
            "--from-account",
            BANK,
            "--at",
            at,
        ]
    };
    let spend =
        |grant: &'static str, amount: &'static str, code: &'static str, at: &'static str| {
            vec![
                "grant",
                "spend",
                grant,
                amount,
                code,
                "--category",
                "rent",
                "--at",
                at,
            ]
        };
    // Open: not paid, nothing to spend.
    refuse(
        &fund,
        &pay("100", "USD", "2025-02-01T11:00"),
        &["G-0001 is open; only approved grants are paid"],
    );
    refuse(
        &fund,
        &spend(g, "10", "USD", "2025-02-01T11:00"),
        &["G-0001 is open"],
    );
    refuse(
        &fund,
        &["grant", "close", g, "--at", "2025-02-01T11:00"],
        &["G-0001 is open; only approved grants are closed"],
    );
    vote(&fund, g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, g, "consent", "Beto", "2025-02-01T11:00");
    decide(&fund, g, "2025-02-03T10:00");
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("1000.00".into(), "600.00".into(), "400.00".into())
    );
    // More than committed, another commodity, nothing, before the approval.
    refuse(
        &fund,
        &pay("600.01", "USD", "2025-02-04"),
        &["G-0001 was approved for 600.00 USD and 0.00 is paid; 600.01 more would exceed it"],
    );
    refuse(
        &fund,
        &pay("100", "EUR", "2025-02-04"),
        &["G-0001 is in USD, not EUR; convert with `fondo exchange` first"],
    );
    refuse(
        &fund,
        &pay("0", "USD", "2025-02-04"),
        &["a positive amount"],
    );
    refuse(
        &fund,
        &pay("-5", "USD", "2025-02-04"),
        &["a positive amount"],
    );
    refuse(
        &fund,
        &pay("1.001", "USD", "2025-02-04"),
        &["more decimal places than USD allows"],
    );
    refuse(
        &fund,
        &pay("100", "USD", "2025-02-03T09:00"),
        &["G-0001 has a record at 2025-02-03T10:00:00; events on one grant must be in time order"],
    );
    let mut early = pay("100", "USD", "2025-02-04");
    early.extend_from_slice(&["--date", "2025-02-02"]);
    refuse(&fund, &early, &["before the approval (2025-02-03)"]);
    refuse(
        &fund,
        &spend(g, "10", "USD", "2025-02-04"),
        &["nothing has been paid on G-0001 yet; spending is reported against tranches paid"],
    );
    // A first tranche, then a second that would go beyond the approval.
    assert_eq!(step(&fund, &pay("400", "USD", "2025-02-04")), "2\n");
    refuse(
        &fund,
        &pay("200.01", "USD", "2025-02-05"),
        &["G-0001 was approved for 600.00 USD and 400.00 is paid; 200.01 more would exceed it"],
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("600.00".into(), "200.00".into(), "400.00".into())
    );
    // Spending beyond what was paid, or in another commodity.
    refuse(
        &fund,
        &spend(g, "400.01", "USD", "2025-02-05"),
        &[
            "G-0001 was paid 400.00 USD and 0.00 is already reported; 400.01 more would exceed what was paid",
        ],
    );
    refuse(
        &fund,
        &spend(g, "10", "EUR", "2025-02-05"),
        &["G-0001 is in USD, not EUR"],
    );
    step(&fund, &spend(g, "300", "USD", "2025-02-05"));
    refuse(
        &fund,
        &spend(g, "100.01", "USD", "2025-02-06"),
        &[
            "G-0001 was paid 400.00 USD and 300.00 is already reported; 100.01 more would exceed what was paid",
        ],
    );
    refuse(
        &fund,
        &spend(g, "10", "USD", "2025-02-04T23:59"),
        &["events on one grant must be in time order"],
    );
    let mut blank = spend(g, "10", "USD", "2025-02-06");
    blank[6] = " ";
    refuse(
        &fund,
        &blank,
        &["a spending line needs a category (--category)"],
    );
    // Returning more than was paid and not reported spent.
    refuse(
        &fund,
        &[
            "grant",
            "close",
            g,
            "--return",
            "100.01",
            "USD",
            "--to-account",
            BANK,
            "--at",
            "2025-02-06",
        ],
        &[
            "G-0001 was paid 400.00 USD and 300.00 was reported spent; at most the difference can come back",
        ],
    );
    let before = (fund.snapshot(), records_state(&fund.db));
    let run = fund.run(&[
        "grant",
        "close",
        g,
        "--return",
        "10",
        "USD",
        "--at",
        "2025-02-06",
    ]);
    assert_eq!(
        run.code, 2,
        "money returned needs --to-account:\n{}",
        run.stderr
    );
    assert_eq!((fund.snapshot(), records_state(&fund.db)), before);
    step(
        &fund,
        &[
            "grant",
            "close",
            g,
            "--return",
            "100",
            "USD",
            "--to-account",
            BANK,
            "--at",
            "2025-02-06",
        ],
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("700.00".into(), "0.00".into(), "700.00".into())
    );
    refuse(
        &fund,
        &pay("10", "USD", "2025-02-07"),
        &["G-0001 is closed; only approved grants are paid"],
    );
    refuse(
        &fund,
        &["grant", "close", g, "--at", "2025-02-07"],
        &["G-0001 is closed; only approved grants are closed"],
    );

    // A rejected grant is never paid.
    let r = apply(&fund, "100", "2025-02-10T10:00");
    vote(&fund, &r, "object", "Carla", "2025-02-10T11:00");
    decide(&fund, &r, "2025-02-12T10:00");
    refuse(
        &fund,
        &[
            "grant",
            "pay",
            &r,
            "100",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-13",
        ],
        &["G-0002 is rejected; only approved grants are paid"],
    );
    refuse(
        &fund,
        &spend("G-0002", "1", "USD", "2025-02-13"),
        &["G-0002 is rejected"],
    );
    refuse(
        &fund,
        &["grant", "close", &r, "--at", "2025-02-13"],
        &["G-0002 is rejected; only approved grants are closed"],
    );
}

#[test]
fn unknown_grants_are_refused_by_every_command() {
    let fund = bad_input_fund();
    for id in ["G-0099", "99", "g-99"] {
        for args in [
            vote_args(id, "consent", "Ana", "2025-02-02"),
            vec!["grant", "decide", id, "--at", "2025-02-02"],
            vec![
                "grant",
                "pay",
                id,
                "1",
                "USD",
                "--from-account",
                BANK,
                "--at",
                "2025-02-02",
            ],
            vec![
                "grant",
                "spend",
                id,
                "1",
                "USD",
                "--category",
                "x",
                "--at",
                "2025-02-02",
            ],
            vec!["grant", "close", id, "--at", "2025-02-02"],
            vec!["grant", "withdraw", id, "--at", "2025-02-02"],
            vec!["grant", "show", id],
        ] {
            refuse(&fund, &args, &["unknown grant \"G-0099\""]);
        }
    }
    for id in ["G-00x1", "0", "G-", ""] {
        refuse(
            &fund,
            &["grant", "show", id],
            &[&format!("unknown grant {id:?}")],
        );
    }
    refuse(
        &fund,
        &["grant", "decide", "banana", "--at", "2025-02-02"],
        &["unknown grant \"banana\""],
    );
}

#[test]
fn applications_are_refused_without_a_pool_a_policy_or_a_positive_amount() {
    let fund = bad_input_fund();
    step(&fund, &["pool", "add", "food", "--purpose", "Food"]);
    let apply = |pool: &'static str, amount: &'static str, purpose: &'static str| {
        vec![
            "grant",
            "apply",
            "--applicant",
            "Fede",
            "--pool",
            pool,
            "--amount",
            amount,
            "USD",
            "--purpose",
            purpose,
            "--at",
            "2025-02-02",
        ]
    };
    refuse(
        &fund,
        &apply("food", "10", "Rice"),
        &["pool \"food\" has no decision policy yet; set one with `fondo policy set`"],
    );
    refuse(
        &fund,
        &apply("nowhere", "10", "Rice"),
        &["unknown pool \"nowhere\""],
    );
    refuse(
        &fund,
        &apply("aid", "0", "Rice"),
        &["a grant is for a positive amount"],
    );
    refuse(
        &fund,
        &apply("aid", "-10", "Rice"),
        &["a grant is for a positive amount"],
    );
    refuse(
        &fund,
        &apply("aid", "10", " "),
        &["an application needs a purpose (--purpose)"],
    );
    let mut nobody = apply("aid", "10", "Rice");
    nobody[3] = "Nadie";
    refuse(&fund, &nobody, &["Nadie"]);
    // A policy applies from its --at on: an application before it has none.
    let mut early = apply("aid", "10", "Rice");
    early[12] = "2025-01-14";
    refuse(&fund, &early, &["has no decision policy yet"]);
}

#[test]
fn approval_waits_for_available_money_and_committed_money_stays_put() {
    let fund = aid_builder("consent --min-consents 1 --window 1h")
        .anonymous_contribution("500 USD", None, "2025-01-10")
        .with(&["--into", BANK])
        .build();
    let big = apply(&fund, "800", "2025-02-05T10:00");
    vote(&fund, &big, "consent", "Ana", "2025-02-05T10:10");
    decide(&fund, &big, "2025-02-05T11:00");
    let g = apply(&fund, "300", "2025-02-05T12:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-05T12:10");
    refuse(
        &fund,
        &["grant", "decide", &g, "--at", "2025-02-05T13:00"],
        &[
            "G-0002 has the votes, but its pool has only 200.00 USD available on 2025-02-05 (100.00 short); \
             it stays open: move money into the pool, then decide again",
        ],
    );
    let open = csv_rows(&fund.ok(&["grant", "list", "--status", "open", "--format", "csv"]));
    assert_eq!(open.len(), 1);
    assert_eq!(open[0][0], "G-0002");
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("1000.00".into(), "800.00".into(), "200.00".into())
    );
    // Committed money cannot be moved out; the uncommitted rest can.
    refuse(
        &fund,
        &[
            "pool",
            "move",
            "200.01",
            "USD",
            "--from",
            "aid",
            "--to",
            "general",
            "--reason",
            "rent is paid",
            "--date",
            "2025-02-05",
        ],
        &["pool aid", "committed to approved grants"],
    );
    // Nor spent on anything else, charged to the pool.
    step(&fund, &["account", "add", "expenses:food"]);
    refuse(
        &fund,
        &[
            "post",
            "Groceries",
            "--date",
            "2025-02-05",
            "--pool",
            "aid",
            "-p",
            "expenses:food=200.01 USD",
            "-p",
            BANK,
        ],
        &["pool aid", "committed to approved grants"],
    );
    // Money moved in, the same decision passes.
    step(
        &fund,
        &[
            "pool",
            "move",
            "100",
            "USD",
            "--from",
            "general",
            "--to",
            "aid",
            "--reason",
            "top up",
            "--date",
            "2025-02-05",
        ],
    );
    assert_eq!(
        decide(&fund, &g, "2025-02-05T14:00"),
        "G-0002 approved: enough consents and no objection (1 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-05 13:00"
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("1100.00".into(), "1100.00".into(), "0.00".into())
    );
    refuse(
        &fund,
        &[
            "pool",
            "move",
            "0.01",
            "USD",
            "--from",
            "aid",
            "--to",
            "general",
            "--reason",
            "oops",
            "--date",
            "2025-02-06",
        ],
        &["pool aid", "committed to approved grants"],
    );
    // Paying releases nothing (held and committed drop together); closing
    // releases what was not paid.
    step(
        &fund,
        &[
            "grant",
            "pay",
            &big,
            "500",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-06",
        ],
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("600.00".into(), "600.00".into(), "0.00".into())
    );
    step(&fund, &["grant", "close", &big, "--at", "2025-02-07"]);
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("600.00".into(), "300.00".into(), "300.00".into())
    );
    step(
        &fund,
        &[
            "pool",
            "move",
            "300",
            "USD",
            "--from",
            "aid",
            "--to",
            "general",
            "--reason",
            "released",
            "--date",
            "2025-02-07",
        ],
    );
    assert_eq!(
        pool_usd(&fund, "aid"),
        ("300.00".into(), "300.00".into(), "0.00".into())
    );
}

/// `policy set aid EXTRA… --at AT`.
fn policy_args<'a>(extra: &[&'a str], at: &'a str) -> Vec<&'a str> {
    let mut args = vec!["policy", "set", "aid"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--at", at]);
    args
}

#[test]
fn policies_are_refused_when_impossible_and_warned_when_too_demanding() {
    let fund = aid_fund("consent --min-consents 2 --window 48h");
    let bad = |extra: &[&str], needle: &str| {
        refuse(&fund, &policy_args(extra, "2025-02-01"), &[needle]);
    };
    bad(
        &["--rule", "consent", "--window", "72h"],
        "the consent rule needs --min-consents N (at least 1)",
    );
    bad(
        &[
            "--rule",
            "consent",
            "--min-consents",
            "0",
            "--window",
            "72h",
        ],
        "the consent rule needs --min-consents N (at least 1)",
    );
    bad(
        &["--rule", "majority", "--quorum", "3", "--window", "7d"],
        "the majority rule needs --quorum N (at least 1) and --threshold SHARE",
    );
    bad(
        &["--rule", "majority", "--threshold", "0.5", "--window", "7d"],
        "the majority rule needs --quorum N (at least 1) and --threshold SHARE",
    );
    let majority = |quorum: &'static str, threshold: &'static str| {
        [
            "--rule",
            "majority",
            "--quorum",
            quorum,
            "--threshold",
            threshold,
            "--window",
            "7d",
        ]
    };
    bad(
        &majority("0", "0.5"),
        "the majority rule needs --quorum N (at least 1)",
    );
    bad(
        &[
            "--rule",
            "majority",
            "--quorum",
            "2",
            "--threshold=-0.5",
            "--window",
            "7d",
        ],
        "\"-0.5\": a share from 0 up to (not including) 1, e.g. 0.5 for more than half",
    );
    bad(&majority("2", "abc"), "\"abc\"");
    bad(
        &majority("2", "1"),
        "\"1\": a share from 0 up to (not including) 1",
    );
    bad(
        &majority("2", "1.5"),
        "a share from 0 up to (not including) 1",
    );
    let consent = |window: &'static str| {
        [
            "--rule",
            "consent",
            "--min-consents",
            "2",
            "--window",
            window,
        ]
    };
    bad(&consent("0h"), "\"0h\": a window must be longer than zero");
    bad(&consent("0d"), "a window must be longer than zero");
    bad(
        &consent("3x"),
        "\"3x\": the unit is m, h, d or w (minutes, hours, days, weeks)",
    );
    bad(&consent("72"), "the unit is m, h, d or w");
    bad(
        &consent("h"),
        "write a whole number and a unit: 30m, 24h, 7d, 2w",
    );
    bad(&consent("400d"), "a window is at most a year");
    bad(
        &["--rule", "lazy", "--window", "24h"],
        "lazy consensus is for small amounts: give its ceiling with --max-amount AMOUNT COMMODITY",
    );
    bad(
        &[
            "--rule",
            "lazy",
            "--window",
            "24h",
            "--max-amount",
            "0",
            "USD",
        ],
        "a ceiling is a positive amount",
    );
    bad(
        &[
            "--rule",
            "lazy",
            "--window",
            "24h",
            "--max-amount",
            "1.001",
            "USD",
        ],
        "more decimal places than USD allows",
    );
    refuse(
        &fund,
        &[
            "policy",
            "set",
            "nowhere",
            "--rule",
            "consent",
            "--min-consents",
            "1",
            "--window",
            "1h",
            "--at",
            "2025-02-01",
        ],
        &["unknown pool \"nowhere\""],
    );
    refuse(
        &fund,
        &[
            "policy",
            "set",
            "aid",
            "--rule",
            "consent",
            "--min-consents",
            "1",
            "--window",
            "1h",
            "--at",
            "2025-01-14T23:59",
        ],
        &[
            "the pool's policy last changed at 2025-01-15T00:00:00; a new version cannot be dated before it",
        ],
    );
    // A negative threshold written the usual way gets the same message.
    bad(
        &majority("2", "-0.5"),
        "\"-0.5\": a share from 0 up to (not including) 1",
    );

    // More stewards than are in term: a warning, and the policy is set.
    let run = fund.run(&policy_args(
        &[
            "--rule",
            "majority",
            "--quorum",
            "5",
            "--threshold",
            "0.5",
            "--window",
            "7d",
        ],
        "2025-02-01",
    ));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "policy of pool aid is now version 2\n");
    assert_eq!(
        run.stderr,
        "fondo: warning: this rule needs 5 stewards but only 4 are in term on 2025-02-01; \
         no grant can pass it until more are\n"
    );
    assert_clean(&fund);
    let run = fund.run(&[
        "policy",
        "set",
        "aid",
        "--rule",
        "consent",
        "--min-consents",
        "6",
        "--window",
        "2w",
        "--at",
        "2025-02-02",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "fondo: warning: this rule needs 6 stewards but only 4 are in term on 2025-02-02"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        fund.ok(&["policy", "show", "aid", "--format", "json"]),
        "[\n  {\"version\":3,\"set_at\":\"2025-02-02 00:00\",\"up_to\":\"any amount\",\
         \"rule\":\"consent (6 consents, no objection)\",\"window\":\"2w\",\"reason\":null}\n]\n"
    );
    refuse(
        &fund,
        &["policy", "show", "nowhere"],
        &["unknown pool \"nowhere\""],
    );
}

#[test]
fn relations_are_refused_when_they_make_no_sense() {
    let fund = bad_input_fund();
    let relate = |a: &'static str, b: &'static str, reason: &'static str| {
        vec![
            "member",
            "relate",
            a,
            b,
            "--reason",
            reason,
            "--at",
            "2025-02-01",
        ]
    };
    refuse(
        &fund,
        &relate("Fede", "Eva", "again"),
        &["Fede and Eva are already related"],
    );
    refuse(
        &fund,
        &relate("Ana", "Ana", "self"),
        &["a member cannot be related to themselves"],
    );
    refuse(
        &fund,
        &relate("Ana", "Beto", " "),
        &["a relation needs a reason (--reason)"],
    );
    refuse(&fund, &relate("Ana", "Nadie", "x"), &["Nadie"]);
}

// ---------------------------------------------------------------------------
// Tampering
// ---------------------------------------------------------------------------

/// A fund with an approved grant (G-0001, 600 USD, paid 200) and a rejected
/// one (G-0002: an objection), verifying cleanly.
fn decided_fund() -> Fund {
    aid_builder("consent --min-consents 2 --window 48h")
        .verify_each_step()
        .application("Fede", "aid", "600 USD", "Rent", "2025-02-01T10:00")
        .vote("G-0001", "consent", "Ana", "2025-02-01T11:00")
        .vote("G-0001", "consent", "Beto", "2025-02-01T11:00")
        .decision("G-0001", "2025-02-03T10:00")
        .payment("G-0001", "200 USD", BANK, "2025-02-04")
        .application("Fede", "aid", "300 USD", "Rent", "2025-02-01T10:00")
        .vote("G-0002", "consent", "Ana", "2025-02-01T11:00")
        .vote("G-0002", "consent", "Beto", "2025-02-01T11:00")
        .vote("G-0002", "object", "Carla", "2025-02-01T12:00")
        .with(&["--reason", "not now"])
        .decision("G-0002", "2025-02-03T10:00")
        .build()
}

/// The id of a grant's record of a kind (the first one).
fn record_id(fund: &Fund, grant: i64, kind: &str) -> i64 {
    open(&fund.db)
        .query_row(
            "SELECT min(id) FROM records WHERE grant_id = ?1 AND kind = ?2",
            params![grant, kind],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_records_are_append_only() {
    let fund = decided_fund();
    let conn = open(&fund.db);
    let update = conn.execute("UPDATE records SET payload = '{}' WHERE id = 1", []);
    assert!(
        update
            .unwrap_err()
            .to_string()
            .contains("governance records are append-only")
    );
    let delete = conn.execute("DELETE FROM records WHERE id = 1", []);
    assert!(
        delete
            .unwrap_err()
            .to_string()
            .contains("governance records are append-only")
    );
    drop(conn);
    assert_clean(&fund);
}

#[test]
fn an_edited_record_breaks_the_chain() {
    let fund = decided_fund();
    let vote = record_id(&fund, 2, "vote");
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute(
            "UPDATE records SET payload = replace(payload, '\"consent\"', '\"abstain\"') WHERE id = ?1",
            [vote],
        )
    });
    let found = findings(&fund);
    // The edited vote no longer matches its hash, nor the count its decision
    // recorded.
    assert_eq!(
        found,
        [
            (
                "V114".to_owned(),
                format!("record {vote}"),
                "its content (vote) does not match its stored hash; it was changed after it was recorded"
                    .to_owned()
            ),
            (
                "V117".to_owned(),
                "G-0002".to_owned(),
                "its decision counted 2 consent, 1 object, 0 abstain, but the vote records give 1 consent, 1 object, 1 abstain"
                    .to_owned()
            )
        ],
        "{found:#?}"
    );
}

#[test]
fn a_deleted_record_breaks_the_chain() {
    let fund = decided_fund();
    let vote = record_id(&fund, 2, "vote");
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute("DELETE FROM records WHERE id = ?1", [vote])
    });
    let found = findings(&fund);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "V114" && f.1 == format!("record {}", vote + 1)),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.0 == "V114" && f.1 == "fund"),
        "{found:#?}"
    );
    // Deleting the last record: only the fund's count and head tell.
    let fund = decided_fund();
    tamper::sql(
        &fund.db,
        "DELETE FROM records WHERE id = (SELECT max(id) FROM records)",
    );
    let found = findings(&fund);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("V114", "fund"));
}

#[test]
fn a_forged_approval_is_found_even_with_a_consistent_chain() {
    let fund = decided_fund();
    assert_eq!(
        csv_rows(&fund.ok(&["grant", "list", "--status", "rejected", "--format", "csv"]))[0][0],
        "G-0002"
    );
    let decision = record_id(&fund, 2, "decision");
    let changed = tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute(
            "UPDATE records SET payload = replace(payload, '\"approved\":false', '\"approved\":true')
             WHERE id = ?1",
            [decision],
        )
    });
    assert_eq!(changed, 1);
    let found = findings(&fund);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "V114" && f.1 == format!("record {decision}")),
        "{found:#?}"
    );
    // The forger re-hashes the chain and the fund's head: the chain holds,
    // but the votes recorded do not give an approval.
    tamper::with_triggers_off(&fund.db, rehash_records);
    let found = findings(&fund);
    assert_eq!(
        found,
        [(
            "V117".to_owned(),
            "G-0002".to_owned(),
            "was recorded as approved but its policy (version 1, consent (2 consents, no objection)) \
             gives another outcome for the votes recorded"
                .to_owned()
        )],
        "{found:#?}"
    );
    assert_eq!(
        csv_rows(&fund.ok(&["grant", "list", "--status", "approved", "--format", "csv"])).len(),
        2
    );
}

#[test]
fn records_of_an_unknown_kind_are_found() {
    let fund = decided_fund();
    let forged = tamper::with_triggers_off(&fund.db, |conn| {
        let mut forged = Vec::new();
        for grant in [None, Some(2)] {
            conn.execute(
                "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
                 VALUES ('ballot', ?1, '2025-02-05T10:00:00', '{}', '', '', '2025-02-05T10:00:00Z')",
                [grant],
            )?;
            forged.push(conn.last_insert_rowid());
        }
        rehash_records(conn)?;
        Ok(forged)
    });
    let unknown = "has a kind fondo does not know (\"ballot\"); it was written outside fondo";
    assert_eq!(
        findings(&fund),
        [
            (
                "V134".to_owned(),
                format!("record {}", forged[0]),
                unknown.to_owned()
            ),
            (
                "V134".to_owned(),
                format!("record {}", forged[1]),
                unknown.to_owned()
            ),
            (
                "V114".to_owned(),
                "G-0002".to_owned(),
                format!(
                    "the governance log is damaged (record {} has a kind fondo does not know (\"ballot\")); \
                     restore the fund's file from a backup, or ask for help before changing it",
                    forged[1]
                )
            ),
        ]
    );
}

#[test]
fn forged_payments_and_amounts_are_found() {
    // A payment record claiming more than was approved: V115.
    let fund = decided_fund();
    let payment = record_id(&fund, 1, "payment");
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute(
            "UPDATE records SET payload = replace(payload, '\"amount\":20000', '\"amount\":70000')
             WHERE id = ?1",
            [payment],
        )?;
        rehash_records(conn)
    });
    assert_eq!(codes(&fund), ["V115"]);
    assert!(
        findings(&fund)
            .iter()
            .any(|f| f.1 == "G-0001" && f.2 == "was approved for 600.00 USD but 700.00 was paid"),
        "{:#?}",
        findings(&fund)
    );
    // An application inflated beyond what the pool had: V116.
    let fund = decided_fund();
    tamper::with_triggers_off(&fund.db, |conn| inflate_first_application(&fund, conn));
    assert_eq!(codes(&fund), ["V116"]);
}

/// G-0001's application of `decided_fund` says 1,200.00 USD instead of
/// 600.00, in records rehashed as fondo would have written them: 200.00
/// more than the pool held when it was approved.
fn inflate_first_application(fund: &Fund, conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE records SET payload = replace(payload, '\"amount\":60000', '\"amount\":120000')
         WHERE id = ?1",
        [record_id(fund, 1, "application")],
    )?;
    rehash_records(conn)
}

/// V116 is judged from the postings, not from the pool caches: a cache
/// edited to show the pool richer than its postings (V108) does not hide an
/// approval beyond what the postings held.
#[test]
fn an_overcommitment_is_found_from_the_postings_whatever_the_pool_cache_says() {
    let fund = decided_fund();
    tamper::with_triggers_off(&fund.db, |conn| {
        inflate_first_application(&fund, conn)?;
        // 500.00 USD more contributed to aid than the postings say, on the
        // day of the contribution and in the current total alike.
        for table in ["pool_daily_totals", "pool_totals"] {
            let changed = conn.execute(
                &format!(
                    "UPDATE {table} SET amount = amount - 50000
                     WHERE pool_id = (SELECT id FROM pools WHERE name = 'aid')
                       AND account_id IN (SELECT id FROM accounts WHERE name LIKE 'income:%')"
                ),
                [],
            )?;
            assert_eq!(changed, 1, "{table}");
        }
        Ok(())
    });
    let found = findings(&fund);
    assert_eq!(codes(&fund), ["V108", "V116"], "{found:#?}");
    assert!(
        found.iter().any(|f| f.0 == "V116"
            && f.1 == "G-0001"
            && f.2
                == "was approved on 2025-02-03 when its pool could not cover it: 200.00 USD short at the end of that day"),
        "{found:#?}"
    );
}

/// The derived grant state a write checks commitments against is kept up to
/// date by the writes that need it, and `verify` compares it with a replay
/// of every grant (V144) and its running sums per pool (V145) once it
/// reflects every record.
#[test]
fn the_grant_state_cache_is_compared_with_the_records() {
    let fund = decided_fund();
    // A contribution checks what the pools have committed, so it brings the
    // cache up to date through the last record.
    let contribute = [
        "contribute",
        "5",
        "USD",
        "--anonymous",
        "--into",
        BANK,
        "--date",
        "2025-02-05",
    ];
    fund.ok(&contribute);
    assert_eq!(codes(&fund), Vec::<String>::new());
    let clean = fund.fingerprint();
    // G-0001 (600 approved, 200 paid) commits 400; a cache claiming less
    // would let committed money be spent.
    tamper::sql(
        &fund.db,
        "UPDATE grant_state SET amount = 20000 WHERE grant_id = 1",
    );
    assert_eq!(
        findings(&fund),
        [(
            "V144".to_owned(),
            "G-0001".to_owned(),
            "the grant state cache disagrees with its records (what it commits, and when)"
                .to_owned()
        )]
    );
    // A running sum that claims the pool commits less (V145).
    tamper::sql(
        &fund.db,
        "UPDATE grant_state_committed SET amount = amount - 100",
    );
    let found = findings(&fund);
    assert!(
        found.contains(&(
            "V145".to_owned(),
            "pool aid".to_owned(),
            "the grant state cache's sum of what the pool's grants commit in USD \
             disagrees with its records"
                .to_owned()
        )),
        "{found:#?}"
    );
    tamper::sql(&fund.db, "DELETE FROM grant_state WHERE grant_id = 2");
    tamper::sql(&fund.db, "DELETE FROM grant_state_paid WHERE grant_id = 1");
    let found = findings(&fund);
    assert!(
        found.contains(&(
            "V144".to_owned(),
            "G-0002".to_owned(),
            "the grant state cache has no row for it".to_owned()
        )),
        "{found:#?}"
    );
    assert_eq!(codes(&fund), ["V144", "V145"]);
    // The cache is not part of the books: the fingerprint is the same.
    let out = fund.run(&["verify"]);
    assert!(
        out.stdout.ends_with(&format!("fingerprint: {clean}\n")),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------
// Rules found missing while these tests were written. Those marked BUG still
// fail: they pass once src/ keeps the rule.
// ---------------------------------------------------------------------------

/// BUG: a steward's term entered afterwards but dated back (treasurers enter
/// last week's assembly) does not turn a recorded decision into a finding:
/// today an approval that came early, every eligible steward having voted,
/// is re-evaluated by `verify` with the new steward counted as eligible, and
/// reported as V117.
#[test]
fn a_backdated_term_leaves_an_early_approval_sound() {
    let fund = aid_builder("consent --min-consents 1 --window 24h")
        .member("Hugo")
        .build();
    let g = apply(&fund, "100", "2025-02-01T10:00");
    for who in ["Ana", "Beto", "Carla", "Dario"] {
        vote(&fund, &g, "consent", who, "2025-02-01T11:00");
    }
    assert!(
        decide(&fund, &g, "2025-02-01T12:00").contains("every eligible steward has voted"),
        "approved early"
    );
    fund.run(&["role", "assign", "Hugo", "steward", "--from", "2025-01-01"]);
    assert_eq!(codes(&fund), Vec::<String>::new());
}

/// Stewards vote in term on the vote's day; a term that ends before the
/// decision does not void the vote.
#[test]
fn a_vote_cast_in_term_counts_after_the_term_ends() {
    let fund = aid_builder("consent --min-consents 2 --window 72h")
        .verify_each_step()
        .member("Hugo")
        .command(&["role", "end", "Ana", "steward", "--on", "2025-03-31"])
        .role("Hugo", "steward", "2025-04-01", None)
        .build();
    let g = apply(&fund, "100", "2025-03-30T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-03-30T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-03-30T12:00");
    let out = fund.ok(&["grant", "decide", &g, "--at", "2025-04-02T10:00"]);
    assert!(
        out.starts_with("G-0001 approved: enough consents and no objection (2 consent"),
        "Ana consented while in term; her vote must count:\n{out}"
    );
}

/// "Approved when at least N consent and none objects by the end of the
/// window": votes dated after the window closed are refused.
#[test]
fn votes_after_the_window_closes_are_refused() {
    let fund = aid_fund("consent --min-consents 2 --window 72h");
    // One consent by the window's end; a second comes a day late.
    let short = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &short, "consent", "Ana", "2025-02-01T11:00");
    refuse(
        &fund,
        &vote_args(&short, "consent", "Beto", "2025-02-04T10:00"),
        &["the window of G-0001 closed at 2025-02-04T10:00:00; votes are no longer taken"],
    );
    assert_eq!(
        decide(&fund, &short, "2025-02-06T10:00"),
        "G-0001 rejected: 1 consent of 2 needed (1 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-04 10:00"
    );
    // Two consents and no objection by the window's end; an objection a
    // day late.
    let ok = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &ok, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &ok, "consent", "Beto", "2025-02-01T11:00");
    let mut late = vote_args(&ok, "object", "Carla", "2025-02-05T10:00");
    late.extend_from_slice(&["--reason", "too late"]);
    refuse(&fund, &late, &["votes are no longer taken"]);
    assert_eq!(
        decide(&fund, &ok, "2025-02-06T10:00"),
        "G-0002 approved: enough consents and no objection (2 consent, 0 object, 0 abstain of 4 eligible); \
         the window closed 2025-02-04 10:00"
    );
}

/// A relation declared after a decision does not turn a sound decision
/// into a finding.
#[test]
fn a_relation_declared_after_a_decision_leaves_it_sound() {
    let fund = aid_fund("consent --min-consents 2 --window 48h");
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T11:00");
    vote(&fund, &g, "consent", "Beto", "2025-02-01T11:00");
    decide(&fund, &g, "2025-02-03T10:00");
    fund.ok(&[
        "member",
        "relate",
        "Fede",
        "Beto",
        "--reason",
        "moved in together in March",
        "--at",
        "2025-03-01",
    ]);
    assert_eq!(codes(&fund), Vec::<String>::new());
}

/// BUG: an approval dated before another one cannot make the pool's
/// commitments exceed what it holds (today it is accepted, the pool shows a
/// negative available amount and `verify` reports V116 for the other grant).
#[test]
fn a_backdated_approval_cannot_overcommit_the_pool() {
    let fund = aid_fund("consent --min-consents 1 --window 24h");
    let later = apply(&fund, "800", "2025-02-09T10:00");
    vote(&fund, &later, "consent", "Ana", "2025-02-09T11:00");
    decide(&fund, &later, "2025-02-10T11:00");
    // Entered afterwards, but dated the week before.
    let earlier = apply(&fund, "500", "2025-02-02T10:00");
    vote(&fund, &earlier, "consent", "Ana", "2025-02-02T11:00");
    fund.run(&["grant", "decide", &earlier, "--at", "2025-02-03T11:00"]);
    let (held, committed, available) = pool_usd(&fund, "aid");
    assert!(
        !available.starts_with('-'),
        "held {held}, committed {committed}, available {available}"
    );
    assert_eq!(codes(&fund), Vec::<String>::new());
}

/// A move dated before an approval cannot take the money it committed.
#[test]
fn a_backdated_move_cannot_take_committed_money() {
    let fund = aid_fund("consent --min-consents 1 --window 24h");
    let g = apply(&fund, "600", "2025-02-09T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-09T11:00");
    decide(&fund, &g, "2025-02-10T11:00");
    fund.run(&[
        "pool",
        "move",
        "800",
        "USD",
        "--from",
        "aid",
        "--to",
        "general",
        "--reason",
        "entered late",
        "--date",
        "2025-02-05",
    ]);
    let (held, committed, available) = pool_usd(&fund, "aid");
    assert!(
        !available.starts_with('-'),
        "held {held}, committed {committed}, available {available}"
    );
    assert_eq!(codes(&fund), Vec::<String>::new());
    step(
        &fund,
        &[
            "grant",
            "pay",
            &g,
            "600",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-12",
        ],
    );
}

/// BUG: money the general pool committed to a grant cannot be moved away
/// either (today only restricted pools' commitments are protected).
#[test]
fn committed_money_in_the_general_pool_cannot_be_moved() {
    let fund = aid_builder("consent --min-consents 1 --window 1h")
        .verify_each_step()
        .anonymous_contribution("500 USD", None, "2025-01-10")
        .with(&["--into", BANK])
        .policy(
            "general",
            "consent --min-consents 1 --window 1h",
            "2025-01-15",
        )
        .build();
    let g = step(
        &fund,
        &[
            "grant",
            "apply",
            "--applicant",
            "Fede",
            "--pool",
            "general",
            "--amount",
            "400",
            "USD",
            "--purpose",
            "Rent",
            "--at",
            "2025-02-01T10:00",
        ],
    );
    let g = g.trim_end();
    vote(&fund, g, "consent", "Ana", "2025-02-01T10:10");
    decide(&fund, g, "2025-02-01T11:00");
    assert_eq!(
        pool_usd(&fund, "general"),
        ("500.00".into(), "400.00".into(), "100.00".into())
    );
    refuse(
        &fund,
        &[
            "pool",
            "move",
            "300",
            "USD",
            "--from",
            "general",
            "--to",
            "aid",
            "--reason",
            "top up",
            "--date",
            "2025-02-02",
        ],
        &["committed to approved grants"],
    );
}

/// Spending reported after a closure that returned the unspent money would
/// count the same money twice.
#[test]
fn no_spending_is_reported_after_the_unspent_money_came_back() {
    let fund = aid_fund("consent --min-consents 1 --window 1h");
    let g = apply(&fund, "600", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T10:10");
    decide(&fund, &g, "2025-02-01T11:00");
    step(
        &fund,
        &[
            "grant",
            "pay",
            &g,
            "400",
            "USD",
            "--from-account",
            BANK,
            "--at",
            "2025-02-02",
        ],
    );
    step(
        &fund,
        &[
            "grant",
            "spend",
            &g,
            "300",
            "USD",
            "--category",
            "rent",
            "--at",
            "2025-02-03",
        ],
    );
    step(
        &fund,
        &[
            "grant",
            "close",
            &g,
            "--return",
            "100",
            "USD",
            "--to-account",
            BANK,
            "--at",
            "2025-02-04",
        ],
    );
    refuse(
        &fund,
        &[
            "grant",
            "spend",
            &g,
            "100",
            "USD",
            "--category",
            "food",
            "--at",
            "2025-02-05",
        ],
        &["G-0001"],
    );
}

/// `grant show` tells the whole story: how a grant ended, when and why.
#[test]
fn grant_show_tells_how_a_grant_ended() {
    let fund = aid_fund("consent --min-consents 1 --window 1h");
    let g = apply(&fund, "100", "2025-02-01T10:00");
    vote(&fund, &g, "consent", "Ana", "2025-02-01T10:10");
    decide(&fund, &g, "2025-02-01T11:00");
    step(
        &fund,
        &[
            "grant",
            "close",
            &g,
            "--reason",
            "the landlord waived the rent",
            "--at",
            "2025-02-02T09:00",
        ],
    );
    let w = apply(&fund, "50", "2025-02-01T10:00");
    step(
        &fund,
        &[
            "grant",
            "withdraw",
            &w,
            "--reason",
            "covered by the food bank",
            "--at",
            "2025-02-01T12:30",
        ],
    );
    let closed = fund.ok(&["grant", "show", &g]);
    assert!(
        closed.contains("the landlord waived the rent"),
        "the closure's reason:\n{closed}"
    );
    let withdrawn = fund.ok(&["grant", "show", &w]);
    assert!(
        withdrawn.contains("covered by the food bank") && withdrawn.contains("2025-02-01 12:30"),
        "the withdrawal, when and why:\n{withdrawn}"
    );
}

// ---------------------------------------------------------------------------
// Property: random rounds keep the pools and grants sound
// ---------------------------------------------------------------------------

const STEWARDS: [&str; 4] = ["S1", "S2", "S3", "S4"];
/// Applicants: two members (A1 is related to S4) and a steward.
const APPLICANTS: [&str; 3] = ["A1", "A2", "S1"];

/// Which grant an operation is for: mostly one in the state the operation
/// needs (an open one to vote on, an approved one to pay…), sometimes any.
#[derive(Debug, Clone, Copy)]
struct Target {
    n: usize,
    any: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Apply {
        applicant: usize,
        pool: usize,
        minor: i64,
        eur: bool,
    },
    Vote {
        grant: Target,
        steward: usize,
        vote: Vote,
    },
    /// With `wait`, once the grant's window has closed (time moves on).
    Decide {
        grant: Target,
        wait: bool,
    },
    /// A tranche of `percent` of the approved amount (may be too much).
    Pay {
        grant: Target,
        percent: i64,
    },
    /// A spending line of `percent` of what was paid (may be too much).
    Spend {
        grant: Target,
        percent: i64,
    },
    Close {
        grant: Target,
        give_back: bool,
    },
    Withdraw {
        grant: Target,
    },
    /// From pool `from` to pool `from + to` (never the same pool):
    /// `percent` of what it holds, or (`grab`, from a pool with committed
    /// money) what it has available plus `percent` of what it committed,
    /// trying to take committed money.
    Move {
        from: usize,
        to: usize,
        percent: i64,
        grab: bool,
        eur: bool,
    },
}

fn target() -> impl Strategy<Value = Target> {
    (0..3usize, prop::bool::weighted(0.15)).prop_map(|(n, any)| Target { n, any })
}

fn op(pools: usize) -> impl Strategy<Value = Op> {
    let vote = prop_oneof![
        6 => Just(Vote::Consent),
        2 => Just(Vote::Abstain),
        1 => Just(Vote::Object),
    ];
    prop_oneof![
        2 => (0..APPLICANTS.len(), 0..=pools, 1i64..=60_000, prop::bool::weighted(0.2))
            .prop_map(|(applicant, pool, minor, eur)| Op::Apply { applicant, pool, minor, eur }),
        8 => (target(), 0..STEWARDS.len(), vote)
            .prop_map(|(grant, steward, vote)| Op::Vote { grant, steward, vote }),
        4 => (target(), prop::bool::weighted(0.7)).prop_map(|(grant, wait)| Op::Decide { grant, wait }),
        3 => (target(), 10i64..=110).prop_map(|(grant, percent)| Op::Pay { grant, percent }),
        2 => (target(), 10i64..=110).prop_map(|(grant, percent)| Op::Spend { grant, percent }),
        1 => (target(), any::<bool>()).prop_map(|(grant, give_back)| Op::Close { grant, give_back }),
        1 => target().prop_map(|grant| Op::Withdraw { grant }),
        4 => (0..pools, 1..pools, 5i64..=105, prop::bool::weighted(0.6), prop::bool::weighted(0.2))
            .prop_map(|(from, to, percent, grab, eur)| Op::Move { from, to, percent, grab, eur }),
    ]
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn money(minor: i64) -> String {
    fondo::domain::money::format_minor(i128::from(minor), 2)
}

/// A fund with pools housing (1000 USD, 300 EUR; lazy up to 100 USD in 2h,
/// else 1 consent in 6h), legal (500 USD; majority, quorum 1, more than
/// half, 4h) and general (800 USD; 1 consent in 2h), stewards S1–S4, and
/// members A1 (related to S4) and A2.
fn property_fund(dir: &TempDir) -> Db {
    let path = dir.path().join("f.db");
    init(&path, "props", Some("USD"), clock(), Default::default()).unwrap();
    let mut db = Db::open(&path, Access::Write, clock()).unwrap();
    add_commodity(&mut db, "EUR", 2, None).unwrap();
    add_account(&mut db, "assets:bank:usd", None).unwrap();
    add_account(&mut db, "assets:bank:eur", None).unwrap();
    fondo::ops::pools::add(&mut db, "housing", "Rent", None).unwrap();
    fondo::ops::pools::add(&mut db, "legal", "Lawyers", None).unwrap();
    for name in STEWARDS.iter().chain(&["A1", "A2"]) {
        fondo::ops::members::add(&mut db, name, Visibility::Public, None, None).unwrap();
    }
    for name in STEWARDS {
        fondo::ops::members::assign(&mut db, name, Role::Steward, day(2025, 1, 1), None).unwrap();
    }
    for (amount, code, pool) in [
        ("1000", "USD", Some("housing")),
        ("300", "EUR", Some("housing")),
        ("500", "USD", Some("legal")),
        ("800", "USD", None),
    ] {
        let request = ContributionRequest {
            amount: amount.into(),
            commodity: code.into(),
            from: Contributor::Anonymous,
            pool: pool.map(str::to_owned),
            into: Some(format!("assets:bank:{}", code.to_lowercase())),
            kind: None,
            date: day(2025, 1, 10),
            memo: None,
            reference: None,
        };
        contribute(&mut db, &request).unwrap();
    }
    let at = day(2025, 1, 15).and_hms_opt(0, 0, 0).unwrap();
    for (pool, rule, minutes, max) in [
        (
            "housing",
            Rule::Lazy { min_consents: 0 },
            120,
            Some(("100", "USD")),
        ),
        ("housing", Rule::Consent { min_consents: 1 }, 360, None),
        (
            "legal",
            Rule::Majority {
                quorum: 1,
                threshold: "0.5".into(),
            },
            240,
            None,
        ),
        ("general", Rule::Consent { min_consents: 1 }, 120, None),
    ] {
        let request = PolicyRequest {
            pool: pool.into(),
            rule,
            window_minutes: minutes,
            max_amount: max.map(|(a, c)| (a.to_owned(), c.to_owned())),
            reason: None,
            signed_votes: None,
            at: Some(at),
        };
        grants::set_policy(&mut db, &request).unwrap();
    }
    grants::relate(&mut db, "A1", "S4", "siblings", Some(at)).unwrap();
    db
}

/// (governance records, transactions) as the fund row counts them.
fn counts(db: &mut Db) -> (i64, i64) {
    let tx = db.read().unwrap();
    tx.query_row(
        "SELECT records_count, txn_count FROM fund WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// The grant an operation is for, among those whose status passes `fits`
/// (or among all, for an untargeted one); None when there is none.
fn pick(db: &mut Db, target: Target, fits: impl Fn(&Grant) -> bool) -> Option<Grant> {
    let tx = db.read().unwrap();
    let all: Vec<Grant> = books::grants::ids(&tx)
        .unwrap()
        .into_iter()
        .map(|id| books::grants::load(&tx, id).unwrap())
        .filter(|g| target.any || fits(g))
        .collect();
    (!all.is_empty()).then(|| all[target.n % all.len()].clone())
}

fn bank(grant: &Grant) -> String {
    format!("assets:bank:{}", grant.commodity.code().to_lowercase())
}

/// Runs one operation at the `clock`'s time, which a decision may move on
/// to its grant's window close (None: there was no grant to run it on).
fn run_op(
    db: &mut Db,
    op: &Op,
    clock: &mut NaiveDateTime,
    pools: &[&str],
) -> Option<fondo::error::Result<()>> {
    let at = *clock;
    let code = |eur: bool| if eur { "EUR" } else { "USD" };
    let open = |g: &Grant| g.status == Status::Open;
    let approved = |g: &Grant| g.status == Status::Approved;
    Some(match op {
        Op::Apply {
            applicant,
            pool,
            minor,
            eur,
        } => {
            let request = ApplyRequest {
                applicant: APPLICANTS[*applicant].into(),
                // The first pool is asked twice as often as the others.
                pool: pools[*pool % pools.len()].into(),
                amount: money(*minor),
                commodity: code(*eur).into(),
                purpose: "help".into(),
                category: Some("rent".into()),
                needed_by: None,
                at: Some(at),
            };
            grants::apply(db, &request).map(|_| ())
        }
        Op::Vote {
            grant,
            steward,
            vote,
        } => {
            let g = pick(db, *grant, |g| open(g) && at < g.window_closes())?;
            let reason = (*vote == Vote::Object).then_some("not now");
            grants::vote(db, g.id, STEWARDS[*steward], *vote, reason, Some(at))
        }
        Op::Decide { grant, wait } => {
            let g = pick(db, *grant, |g| open(g) && !g.votes.is_empty())?;
            if *wait {
                *clock = at.max(g.window_closes());
            }
            grants::decide(db, g.id, Some(*clock), None).map(|_| ())
        }
        Op::Pay { grant, percent } => {
            let g = pick(db, *grant, approved)?;
            let request = PayRequest {
                id: g.id,
                amount: money((g.amount * percent / 100).max(1)),
                commodity: g.commodity.code().to_owned(),
                from_account: bank(&g),
                date: Some(at.date()),
                reference: None,
                at: Some(at),
            };
            grants::pay(db, &request).map(|_| ())
        }
        Op::Spend { grant, percent } => {
            let g = pick(db, *grant, |g| g.paid() > 0)?;
            let request = SpendRequest {
                id: g.id,
                amount: money((g.paid() * percent / 100).max(1)),
                commodity: g.commodity.code().to_owned(),
                category: "rent".into(),
                receipt: None,
                date: Some(at.date()),
                note: None,
                at: Some(at),
            };
            grants::spend(db, &request)
        }
        Op::Close { grant, give_back } => {
            let g = pick(db, *grant, approved)?;
            let left = g.paid() - g.spent();
            let returned = (*give_back && left > 0).then(|| {
                (
                    money((left + 1) / 2),
                    g.commodity.code().to_owned(),
                    bank(&g),
                )
            });
            let request = CloseRequest {
                id: g.id,
                returned,
                reason: None,
                date: Some(at.date()),
                at: Some(at),
            };
            grants::close(db, &request).map(|_| ())
        }
        Op::Withdraw { grant } => {
            let g = pick(db, *grant, open)?;
            grants::withdraw(db, g.id, None, Some(at))
        }
        Op::Move {
            from,
            to,
            percent,
            grab,
            eur,
        } => {
            // A grab takes from a pool with committed money, if there is one.
            let rows = {
                let tx = db.read().unwrap();
                holdings(&tx, None).unwrap()
            };
            let row = |pool: &str| {
                rows.iter()
                    .find(|h| h.pool == pool && h.commodity == code(*eur))
                    .map_or((0, 0), |h| (h.held.minor(), h.committed.minor()))
            };
            let committing: Vec<usize> =
                (0..pools.len()).filter(|i| row(pools[*i]).1 > 0).collect();
            let from = if *grab && !committing.is_empty() {
                committing[*from % committing.len()]
            } else {
                *from
            };
            let (held, committed) = row(pools[from]);
            let amount = if *grab {
                held - committed + (committed * i128::from(*percent) / 100).max(1)
            } else {
                held * i128::from(*percent) / 100
            };
            let request = MoveRequest {
                amount: money(i64::try_from(amount.max(1)).unwrap()),
                commodity: code(*eur).into(),
                from: pools[from].into(),
                to: pools[(from + to) % pools.len()].into(),
                reason: "rebalance".into(),
                date: at.date(),
            };
            move_money(db, &request).map(|_| ())
        }
    })
}

/// The invariants after every step.
fn check_invariants(db: &mut Db, after: &str) -> Result<(), TestCaseError> {
    {
        let tx = db.read().unwrap();
        let names = fondo::store::pools::names_by_id(&tx).unwrap();
        let mut outstanding: BTreeMap<(String, String), i128> = BTreeMap::new();
        for id in books::grants::ids(&tx).unwrap() {
            let g = books::grants::load(&tx, id).unwrap();
            prop_assert!(
                g.paid() <= g.amount,
                "{after}: G-{id} paid beyond its approval"
            );
            prop_assert!(
                g.spent() <= g.paid(),
                "{after}: G-{id} spent beyond what was paid"
            );
            if matches!(
                g.status,
                Status::Open | Status::Rejected | Status::Withdrawn
            ) {
                prop_assert_eq!(g.paid(), 0, "{}: G-{} paid but never approved", after, id);
            }
            prop_assert!(g.outstanding() >= 0);
            *outstanding
                .entry((names[&g.pool].clone(), g.commodity.code().to_owned()))
                .or_default() += i128::from(g.outstanding());
        }
        let rows = holdings(&tx, None).unwrap();
        for h in &rows {
            let key = (h.pool.clone(), h.commodity.clone());
            prop_assert!(h.held.minor() >= 0, "{after}: {key:?} holds {}", h.held);
            prop_assert_eq!(
                h.committed.minor(),
                outstanding.get(&key).copied().unwrap_or(0),
                "{}: {:?} committed",
                after,
                key
            );
            prop_assert_eq!(h.available.minor(), h.held.minor() - h.committed.minor());
            prop_assert!(
                h.available.minor() >= 0,
                "{after}: {key:?} held {}, committed {}, available {}",
                h.held,
                h.committed,
                h.available
            );
        }
        for (key, committed) in &outstanding {
            prop_assert!(
                *committed == 0
                    || rows
                        .iter()
                        .any(|h| (&h.pool, &h.commodity) == (&key.0, &key.1)),
                "{after}: {key:?} commits {committed} but has no holdings row"
            );
        }
    }
    let verification = verify(db).unwrap();
    prop_assert!(
        verification.findings.is_empty(),
        "{after}: verify found {:#?}",
        verification.findings
    );
    Ok(())
}

/// Runs a random round in time order (each step some minutes after the
/// last), checking that failures write nothing and that the invariants
/// hold after every step.
fn random_round(pools: &[&str], steps: &[(i64, Op)]) -> Result<(), TestCaseError> {
    let dir = TempDir::new().unwrap();
    let mut db = property_fund(&dir);
    let mut at = day(2025, 2, 1).and_hms_opt(8, 0, 0).unwrap();
    for (n, (minutes, op)) in steps.iter().enumerate() {
        at += Duration::minutes(*minutes);
        let before = counts(&mut db);
        let Some(result) = run_op(&mut db, op, &mut at, pools) else {
            continue;
        };
        let after = format!("step {n} ({op:?} at {at})");
        if let Err(e) = &result {
            prop_assert!(
                !matches!(
                    e,
                    Error::Damaged { .. } | Error::Sqlite { .. } | Error::Io { .. }
                ),
                "{after}: {e}"
            );
            prop_assert_eq!(
                counts(&mut db),
                before,
                "{}: failed but wrote: {}",
                after,
                e
            );
        }
        check_invariants(&mut db, &after)?;
    }
    Ok(())
}

fn property_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 24,
        max_shrink_time: 4000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(property_config(12))]

    /// Restricted pools only.
    #[test]
    fn random_rounds_keep_restricted_pools_and_grants_sound(
        steps in prop::collection::vec((0i64..=60, op(2)), 20..60)
    ) {
        random_round(&["housing", "legal"], &steps)?;
    }
}

proptest! {
    #![proptest_config(property_config(12))]

    /// With grants from (and moves out of) the general pool too. BUG: fails
    /// (in most runs) while the general pool's committed money can be moved.
    #[test]
    fn random_rounds_keep_every_pool_and_grant_sound(
        steps in prop::collection::vec((0i64..=60, op(2)), 20..60)
    ) {
        random_round(&["general", "housing"], &steps)?;
    }
}

/// The clock of these funds: a fixed moment, so no row depends on today.
fn clock() -> fondo::domain::date::SharedClock {
    fondo::domain::date::fixed_clock(
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a moment"),
    )
}
