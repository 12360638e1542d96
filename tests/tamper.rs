//! `fondo verify` against real tampering: the database is opened with
//! rusqlite behind fondo's back, the append-only triggers are dropped
//! (`common::tamper`), and rows are edited, deleted or reordered. Each time
//! `verify` must exit 1 and name the finding (stable code and location); a
//! clean database exits 0 and ends with `fingerprint: <64 hex>`. With the
//! triggers in place the same statements fail.

mod common;

use common::{Fund, HEADER, is_hash, tamper};

/// The finding codes of `src/audit/verify/mod.rs`.
const INTEGRITY: &str = "V101";
const UNBALANCED: &str = "V102";
const HASH_MISMATCH: &str = "V103";
const CHAIN_BREAK: &str = "V104";
const CLOSED_ACCOUNT: &str = "V105";
const TRIAL_BALANCE: &str = "V106";
const HEAD_MISMATCH: &str = "V107";
const TOTALS_MISMATCH: &str = "V108";
const MALFORMED: &str = "V109";
const BAD_VOID: &str = "V110";
const FUND_SETTINGS: &str = "V136";
const SECRET_MISSING: &str = "V137";
const SECRET_CHANGED: &str = "V138";
const FORM_BACK: &str = "V140";
const SALT_KEY: &str = "V141";

/// Six transactions; the last (6) voids the fifth.
fn books() -> Fund {
    let fund = Fund::init(Some("USD"));
    fund.ok(&["commodity", "add", "HOURS", "--decimals", "0"]);
    let journal = format!(
        "{HEADER}
1,2026-01-05,Opening balance,assets:bank,1000.00,USD
1,2026-01-05,Opening balance,equity:opening,-1000.00,USD
2,2026-01-12,Dues,assets:bank,620.00,USD
2,2026-01-12,Dues,income:dues,-620.00,USD
3,2026-02-01,Rent relief,expenses:grants,250.00,USD
3,2026-02-01,Rent relief,assets:bank,-250.00,USD
4,2026-02-03,Hours,expenses:in-kind,12,HOURS
4,2026-02-03,Hours,income:in-kind,-12,HOURS
5,2026-02-14,Groceries,expenses:food,80.25,USD
5,2026-02-14,Groceries,assets:bank,-80.25,USD
"
    );
    fund.import_text("books.csv", &journal, &[]).ok();
    assert_eq!(
        fund.ok(&["void", "5", "--reason", "duplicate", "--date", "2026-02-15"]),
        "6\n"
    );
    fund
}

/// What `verify` said: its findings as (code, location), and the fingerprint.
struct Verdict {
    findings: Vec<(String, String)>,
    fingerprint: String,
    stdout: String,
}

impl Verdict {
    fn has(&self, code: &str, location: &str) -> bool {
        self.findings
            .iter()
            .any(|(c, l)| c == code && l == location)
    }

    fn assert_has(&self, code: &str, location: &str) {
        assert!(
            self.has(code, location),
            "expected {code} at {location:?}:\n{}",
            self.stdout
        );
    }

    /// Asserts a finding with this code and location whose message holds
    /// `detail` (an amount, a day: what the code alone does not say).
    fn assert_says(&self, code: &str, location: &str, detail: &str) {
        let start = format!("{code} {location}: ");
        assert!(
            self.stdout
                .lines()
                .any(|l| l.strip_prefix(&start).is_some_and(|m| m.contains(detail))),
            "expected {code} at {location:?} saying {detail:?}:\n{}",
            self.stdout
        );
    }
}

/// Runs `verify` and expects exit code `code`.
fn verify(fund: &Fund, code: i32) -> Verdict {
    let run = fund.run(&["verify"]);
    assert_eq!(
        run.code, code,
        "verify exit code\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (last, rest) = lines.split_last().expect("verify prints lines");
    let fingerprint = last
        .strip_prefix("fingerprint: ")
        .unwrap_or_else(|| panic!("the last line is the fingerprint:\n{}", run.stdout));
    assert!(is_hash(fingerprint), "{}", run.stdout);
    let (summary, findings) = rest.split_last().expect("a summary line");
    assert!(summary.starts_with("checked "), "{}", run.stdout);
    let count = match findings.len() {
        0 => "no findings".to_owned(),
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    assert!(summary.ends_with(&count), "{}", run.stdout);
    let findings = findings
        .iter()
        .map(|line| {
            let (code, rest) = line.split_once(' ').expect("CODE location: message");
            let (location, _) = rest.split_once(": ").expect("CODE location: message");
            assert!(code.len() == 4 && code.starts_with('V'), "{line}");
            (code.to_owned(), location.to_owned())
        })
        .collect();
    Verdict {
        findings,
        fingerprint: fingerprint.to_owned(),
        stdout: run.stdout,
    }
}

/// Clean books have 9 governance records: the fund's settings (at init),
/// the 7 accounts the import declared and the import's record of its keys.
#[test]
fn clean_books_verify_with_exit_zero_and_a_fingerprint() {
    let fund = books();
    let verdict = verify(&fund, 0);
    assert!(verdict.findings.is_empty());
    assert!(
        verdict.stdout.starts_with(
            "checked 6 transactions, 12 postings, 9 governance records: no findings\n"
        ),
        "{}",
        verdict.stdout
    );
    let json = fund.ok(&["verify", "--format", "json"]);
    assert!(json.contains(&format!("\"fingerprint\": \"{}\"", verdict.fingerprint)));
}

#[test]
fn triggers_refuse_updates_and_deletes() {
    let fund = books();
    let before = fund.snapshot();
    let conn = tamper::open(&fund.db);
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for expected in [
        "txns_no_update",
        "txns_no_delete",
        "postings_no_update",
        "postings_no_delete",
    ] {
        assert!(
            triggers.iter().any(|t| t == expected),
            "{expected} in {triggers:?}"
        );
    }
    for (sql, message) in [
        (
            "UPDATE postings SET amount = amount + 1 WHERE txn_id = 2",
            "append-only",
        ),
        ("DELETE FROM postings WHERE txn_id = 6", "append-only"),
        (
            "UPDATE txns SET description = 'Hacked' WHERE id = 3",
            "append-only",
        ),
        ("DELETE FROM txns WHERE id = 6", "append-only"),
        ("UPDATE txns SET id = 100 WHERE id = 2", "append-only"),
        ("DELETE FROM import_keys", "append-only"),
        (
            "UPDATE commodities SET decimals = 3 WHERE code = 'USD'",
            "cannot be changed",
        ),
        (
            "DELETE FROM accounts WHERE name = 'expenses:food'",
            "never deleted",
        ),
        (
            "UPDATE accounts SET name = 'assets:stolen' WHERE name = 'assets:bank'",
            "closed",
        ),
        ("DELETE FROM fund", "cannot be deleted"),
    ] {
        let err = conn
            .execute_batch(sql)
            .expect_err(&format!("{sql} should be refused"));
        assert!(err.to_string().contains(message), "{sql}: {err}");
    }
    drop(conn);
    assert_eq!(fund.snapshot(), before);
    verify(&fund, 0);
}

#[test]
fn an_edited_amount_is_found() {
    let fund = books();
    let clean = verify(&fund, 0).fingerprint;
    tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount + 1 WHERE txn_id = 2 AND line = 1",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_says(UNBALANCED, "txn 2", "off by 0.01 USD");
    verdict.assert_has(HASH_MISMATCH, "txn 2");
    verdict.assert_has(TRIAL_BALANCE, "commodity USD");
    assert!(
        verdict.findings.iter().any(|(c, _)| c == TOTALS_MISMATCH),
        "the balance cache no longer matches:\n{}",
        verdict.stdout
    );
    assert_ne!(verdict.fingerprint, clean);
}

#[test]
fn a_balanced_edit_is_still_found_by_its_hash() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount * 2 WHERE txn_id = 3",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(HASH_MISMATCH, "txn 3");
    assert!(!verdict.has(UNBALANCED, "txn 3"), "{}", verdict.stdout);
    assert!(
        verdict
            .findings
            .iter()
            .all(|(c, _)| c == HASH_MISMATCH || c == TOTALS_MISMATCH),
        "{}",
        verdict.stdout
    );
}

#[test]
fn a_deleted_posting_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "DELETE FROM postings WHERE txn_id = 4 AND line = 2",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(MALFORMED, "txn 4");
    verdict.assert_says(UNBALANCED, "txn 4", "off by 12 HOURS");
    verdict.assert_has(HASH_MISMATCH, "txn 4");
    verdict.assert_has(TRIAL_BALANCE, "commodity HOURS");
}

#[test]
fn a_deleted_last_transaction_is_found() {
    let fund = books();
    let clean = verify(&fund, 0).fingerprint;
    tamper::sql(
        &fund.db,
        "DELETE FROM postings WHERE txn_id = 6; DELETE FROM txns WHERE id = 6;",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(HEAD_MISMATCH, "fund");
    assert!(
        verdict
            .stdout
            .contains("checked 5 transactions, 10 postings"),
        "{}",
        verdict.stdout
    );
    assert_ne!(verdict.fingerprint, clean);
}

#[test]
fn a_deleted_transaction_in_the_middle_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "DELETE FROM postings WHERE txn_id = 3; DELETE FROM txns WHERE id = 3;",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(CHAIN_BREAK, "txn 4");
    verdict.assert_has(HEAD_MISMATCH, "fund");
}

#[test]
fn rewriting_the_head_too_changes_the_fingerprint() {
    // Someone who deletes the last transaction and also rewrites the fund's
    // head and the balance caches leaves a self-consistent database; what
    // gives them away is the fingerprint the treasurers read out before.
    let fund = books();
    let clean = verify(&fund, 0).fingerprint;
    let conn = tamper::open(&fund.db);
    let prev: String = conn
        .query_row("SELECT prev_hash FROM txns WHERE id = 6", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    tamper::sql(
        &fund.db,
        &format!(
            "DELETE FROM postings WHERE txn_id = 6; DELETE FROM txns WHERE id = 6;
             DELETE FROM daily_totals WHERE date = '2026-02-15';
             DELETE FROM account_totals;
             INSERT INTO account_totals
                 SELECT account_id, commodity_id, sum(amount) FROM daily_totals GROUP BY 1, 2;
             UPDATE fund SET head_hash = '{prev}', txn_count = 5;"
        ),
    );
    let verdict = verify(&fund, 0);
    assert_eq!(verdict.fingerprint, prev);
    assert_ne!(verdict.fingerprint, clean);
}

#[test]
fn reordered_transactions_are_found() {
    let fund = books();
    // Swap the ids of transactions 2 and 3 (their postings move with them).
    tamper::sql(
        &fund.db,
        "UPDATE txns SET id = 100 WHERE id = 2;
         UPDATE postings SET txn_id = 100 WHERE txn_id = 2;
         UPDATE txns SET id = 2 WHERE id = 3;
         UPDATE postings SET txn_id = 2 WHERE txn_id = 3;
         UPDATE txns SET id = 3 WHERE id = 100;
         UPDATE postings SET txn_id = 3 WHERE txn_id = 100;",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(CHAIN_BREAK, "txn 2");
    verdict.assert_has(CHAIN_BREAK, "txn 3");
    verdict.assert_has(CHAIN_BREAK, "txn 4");
}

#[test]
fn swapped_content_is_found() {
    let fund = books();
    // Swap the postings of transactions 2 and 3, keeping their ids.
    tamper::sql(
        &fund.db,
        "UPDATE postings SET txn_id = 100 WHERE txn_id = 2;
         UPDATE postings SET txn_id = 2 WHERE txn_id = 3;
         UPDATE postings SET txn_id = 3 WHERE txn_id = 100;",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(HASH_MISMATCH, "txn 2");
    verdict.assert_has(HASH_MISMATCH, "txn 3");
    assert!(!verdict.has(HASH_MISMATCH, "txn 1"), "{}", verdict.stdout);
    assert!(!verdict.has(HASH_MISMATCH, "txn 4"), "{}", verdict.stdout);
}

#[test]
fn a_changed_description_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE txns SET description = 'Rent relief (approved)' WHERE id = 3",
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(HASH_MISMATCH.to_owned(), "txn 3".to_owned())],
        "{}",
        verdict.stdout
    );
    // Also a changed date, payee and account name.
    tamper::sql(
        &fund.db,
        "UPDATE txns SET date = '2026-01-13', payee = 'x' WHERE id = 2",
    );
    verify(&fund, 1).assert_has(HASH_MISMATCH, "txn 2");
}

#[test]
fn a_renamed_account_is_found_in_every_transaction_that_uses_it() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE accounts SET name = 'expenses:gifts', name_key = 'expenses:gifts' WHERE name = 'expenses:grants'",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(HASH_MISMATCH, "txn 3");
    // The account's own audit record names it too.
    verdict.assert_has(AUDIT, "account 4");
    assert_eq!(verdict.findings.len(), 2, "{}", verdict.stdout);
}

#[test]
fn a_void_that_no_longer_mirrors_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount * 2 WHERE txn_id = 6",
    );
    let verdict = verify(&fund, 1);
    verdict.assert_has(BAD_VOID, "txn 6");
    verdict.assert_has(HASH_MISMATCH, "txn 6");
}

#[test]
fn an_account_closed_before_its_postings_is_found() {
    // The close-only trigger allows closing an account, even backdated; a
    // posting after the closing day is then a finding.
    let fund = books();
    let conn = tamper::open(&fund.db);
    conn.execute(
        "UPDATE accounts SET closed_on = '2026-01-31' WHERE name = 'expenses:grants'",
        [],
    )
    .unwrap();
    drop(conn);
    let verdict = verify(&fund, 1);
    verdict.assert_says(CLOSED_ACCOUNT, "txn 3 line 1", "closed on 2026-01-31");
}

#[test]
fn an_edited_balance_cache_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE daily_totals SET amount = amount + 100000 WHERE date = '2026-01-12' AND amount > 0",
    );
    let verdict = verify(&fund, 1);
    assert!(!verdict.findings.is_empty());
    assert!(
        verdict.findings.iter().all(|(c, _)| c == TOTALS_MISMATCH),
        "{}",
        verdict.stdout
    );
    assert!(
        verdict.findings[0].1.ends_with("on 2026-01-12"),
        "{}",
        verdict.stdout
    );
}

#[test]
fn an_edited_account_total_is_found() {
    // The current totals are a cache of their own (what pool holdings and
    // `balance` without --as-of read): verify sums the postings and compares.
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE account_totals SET amount = amount + 1
         WHERE account_id = (SELECT id FROM accounts WHERE name = 'assets:bank')",
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(
            TOTALS_MISMATCH.to_owned(),
            "account assets:bank USD (current total)".to_owned()
        )],
        "{}",
        verdict.stdout
    );
}

/// Money given to the pool `aid` on two days, and moved out on a third.
fn pooled() -> Fund {
    common::FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .pool("aid", "Mutual aid")
        .anonymous_contribution("300 USD", Some("aid"), "2026-01-10")
        .with(&["--into", "assets:bank"])
        .anonymous_contribution("200 USD", Some("aid"), "2026-01-20")
        .with(&["--into", "assets:bank"])
        .move_money("50 USD", "aid", "general", "rent", "2026-02-01")
        .build()
}

#[test]
fn an_edited_pool_day_is_found() {
    // What a pool holds on a day is summed from a cache of its own (the
    // pools' tagged postings per day): verify sums the postings and
    // compares, and names the day, not also the current total.
    let fund = pooled();
    verify(&fund, 0);
    tamper::sql(
        &fund.db,
        "UPDATE pool_daily_totals SET amount = amount - 100 WHERE date = '2026-01-20'",
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(
            TOTALS_MISMATCH.to_owned(),
            "pool aid account income:contributions USD on 2026-01-20".to_owned()
        )],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(
        TOTALS_MISMATCH,
        "pool aid account income:contributions USD on 2026-01-20",
        "the pool cache disagrees with the postings",
    );
}

#[test]
fn an_edited_or_missing_pool_total_is_found() {
    let moved = "pool aid account equity:pools USD (current total)";
    for damage in [
        "UPDATE pool_totals SET amount = amount + 1 WHERE account_id = (SELECT id FROM accounts WHERE name = 'equity:pools')",
        // The first day posted to says what the pool had seen by a day.
        "UPDATE pool_totals SET since = '2026-02-02' WHERE account_id = (SELECT id FROM accounts WHERE name = 'equity:pools')",
        "DELETE FROM pool_totals WHERE account_id = (SELECT id FROM accounts WHERE name = 'equity:pools')",
    ] {
        let fund = pooled();
        tamper::sql(&fund.db, damage);
        let verdict = verify(&fund, 1);
        assert_eq!(
            verdict.findings,
            [(TOTALS_MISMATCH.to_owned(), moved.to_owned())],
            "{damage}\n{}",
            verdict.stdout
        );
    }
}

#[test]
fn a_pool_cache_row_without_postings_is_found() {
    let fund = pooled();
    tamper::sql(
        &fund.db,
        "INSERT INTO pool_daily_totals SELECT pool_id, account_id, commodity_id, '2026-03-01', 5
             FROM pool_totals LIMIT 1;
         INSERT INTO pool_totals VALUES (1, 1, 1, 0, '2026-03-01');",
    );
    let verdict = verify(&fund, 1);
    let codes: Vec<&str> = verdict.findings.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [TOTALS_MISMATCH, TOTALS_MISMATCH],
        "{}",
        verdict.stdout
    );
    // Sorted by pool: the general pool's row that no posting made, then
    // the day no posting of `aid` was on.
    assert!(
        verdict.findings[0].1.starts_with("pool general account ")
            && verdict.findings[0].1.ends_with(" (current total)")
            && verdict.findings[1].1.starts_with("pool aid account ")
            && verdict.findings[1].1.ends_with(" on 2026-03-01"),
        "{}",
        verdict.stdout
    );
}

#[test]
fn a_broken_index_is_found_by_integrity_check() {
    let fund = books();
    let conn = tamper::open(&fund.db);
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'postings' AND sql IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("postings has an index");
    // Point the index's definition at another column: its stored entries no
    // longer match the table.
    let changed = sql.replace("account_id", "commodity_id");
    assert_ne!(changed, sql);
    conn.pragma_update(None, "writable_schema", true).unwrap();
    conn.execute(
        "UPDATE sqlite_master SET sql = ?1 WHERE sql = ?2",
        [&changed, &sql],
    )
    .unwrap();
    drop(conn);
    let verdict = verify(&fund, 1);
    verdict.assert_has(INTEGRITY, "database");
}

#[test]
fn a_damaged_page_never_verifies() {
    let fund = books();
    let conn = tamper::open(&fund.db);
    let (page, size): (i64, i64) = conn
        .query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'postings'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&fund.db).unwrap();
    let start = usize::try_from((page - 1) * size).unwrap();
    bytes[start..start + 64].fill(0xde);
    std::fs::write(&fund.db, bytes).unwrap();
    let run = fund.run(&["verify"]);
    match run.code {
        1 => assert!(run.stdout.contains(INTEGRITY), "{}", run.stdout),
        2 => {
            let stderr = run.error(&[]);
            assert!(
                ["malformed", "damaged", "corrupt"]
                    .iter()
                    .any(|w| stderr.contains(w)),
                "{stderr}"
            );
        }
        code => panic!("verify of a damaged file exited {code}:\n{}", run.stdout),
    }
}

#[test]
fn a_v1_row_after_the_switch_to_v2_is_found() {
    // Every row of these books is in the v2 form. Re-hash the last one in
    // the v1 form, as a script that knows only v1 would, and move the head
    // along: the hash is right for v1, but the chain never switches back.
    let fund = books();
    let export = fund.export();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(export.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert!(rows.iter().all(|r| &r[13] == "fondo-txn-v2"), "{export}");
    let voided = rows.iter().find(|r| &r[0] == "5").unwrap()[12].to_owned();
    let last: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "6").collect();
    let content = fondo::domain::hash::Content {
        date: &last[0][1],
        description: &last[0][2],
        payee: &last[0][6],
        reference: &last[0][7],
        reverses: &voided,
        postings: last
            .iter()
            .map(|r| (&r[3], &r[5], r[4].to_owned(), &r[8], &r[9]))
            .collect(),
    };
    let v1 = fondo::domain::hash::content_hash(&last[0][11], content);
    tamper::sql(
        &fund.db,
        &format!("UPDATE txns SET hash = '{v1}' WHERE id = 6; UPDATE fund SET head_hash = '{v1}';"),
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(FORM_BACK.to_owned(), "txn 6".to_owned())],
        "{}",
        verdict.stdout
    );
    assert_eq!(verdict.fingerprint, v1);
}

#[test]
fn a_changed_or_missing_salt_key_is_found() {
    let fund = books();
    tamper::sql(
        &fund.db,
        &format!("UPDATE fund SET salt_key = '{}'", "0".repeat(64)),
    );
    let verdict = verify(&fund, 1);
    for id in 1..=6 {
        verdict.assert_has(HASH_MISMATCH, &format!("txn {id}"));
    }
    tamper::sql(&fund.db, "UPDATE fund SET salt_key = NULL");
    let verdict = verify(&fund, 1);
    verdict.assert_has(SALT_KEY, "fund");
    verdict.assert_has(HASH_MISMATCH, "txn 1");
}

// ---------------------------------------------------------------------------
// Governance records re-derived (issue 11): votes a script appended, correctly
// chained, or moved with the whole chain recomputed; unknown kinds.
// ---------------------------------------------------------------------------

const VOTE_APPLICANT: &str = "V124";
const VOTE_NOT_STEWARD: &str = "V125";
const VOTE_UNSIGNED: &str = "V129";
const VOTE_KEY: &str = "V130";
const VOTE_BALLOT: &str = "V132";
const DECISION: &str = "V117";
const UNKNOWN_KIND: &str = "V134";
const PAYLOAD: &str = "V135";

/// Members by id: Ana 1, Beto 2, Carla 3 (stewards from 2025-01-01), Fede
/// 4 (the applicant), Gina 5 (no steward); Carla is related to Fede. The
/// pool `aid` holds 1000 USD under "consent, 2 consents, window 72h"; Fede
/// applied for 100 USD at 2025-02-01T10:00 (G-0001) and Ana consented.
fn governed() -> common::FundBuilder {
    common::FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .pool("aid", "Mutual aid")
        .members(&["Ana", "Beto", "Carla", "Fede", "Gina"])
        .stewards(&["Ana", "Beto", "Carla"], "2025-01-01")
        .relation("Carla", "Fede", "siblings", "2025-01-02T10:00")
        .anonymous_contribution("1000 USD", Some("aid"), "2025-01-10")
        .with(&["--into", "assets:bank"])
        .policy("aid", "consent --min-consents 2 --window 72h", "2025-01-15")
        .application("Fede", "aid", "100 USD", "Rent", "2025-02-01T10:00")
        .vote("G-0001", "consent", "Ana", "2025-02-01T11:00")
}

/// A vote record as fondo writes one, unsigned.
fn vote_payload(member: i64, vote: &str) -> serde_json::Value {
    serde_json::json!({"member": member, "vote": vote, "reason": null})
}

/// The id of the first record of `kind` (of grant `grant`, if given).
fn record_of(fund: &Fund, kind: &str) -> i64 {
    tamper::open(&fund.db)
        .query_row("SELECT min(id) FROM records WHERE kind = ?1", [kind], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn a_scripted_vote_by_the_applicant_is_found_and_never_counted() {
    let fund = governed().build();
    let forged = tamper::append_record(
        &fund.db,
        "vote",
        Some(1),
        "2025-02-01T12:00:00",
        &vote_payload(4, "consent"),
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_APPLICANT.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(
        VOTE_APPLICANT,
        &format!("record {forged}"),
        "member #4 on G-0001",
    );
}

#[test]
fn a_scripted_vote_by_a_non_steward_is_found_and_neither_shown_nor_decided_with() {
    let fund = governed().build();
    let forged = tamper::append_record(
        &fund.db,
        "vote",
        Some(1),
        "2025-02-01T12:00:00",
        &vote_payload(5, "consent"),
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_NOT_STEWARD.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
    // `grant show` counts Ana's consent only, of Ana and Beto eligible.
    let show = fund.ok(&["grant", "show", "G-0001", "--format", "csv"]);
    assert!(
        show.contains("1 consent, 0 object, 0 abstain of 2 eligible"),
        "{show}"
    );
    // With Gina's vote counted the window's end would approve (2 consents,
    // no objection); without it the grant is rejected.
    let decided = fund.ok(&["grant", "decide", "G-0001", "--at", "2025-02-05T10:00"]);
    assert!(
        decided.starts_with("G-0001 rejected: 1 consent of 2 needed"),
        "{decided}"
    );
}

#[test]
fn a_record_of_an_unknown_kind_has_its_own_code() {
    let fund = governed().build();
    let forged = tamper::append_record(
        &fund.db,
        "bogus",
        None,
        "2025-02-01T12:00:00",
        &serde_json::json!({}),
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(UNKNOWN_KIND.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
}

#[test]
fn a_payload_that_does_not_read_as_its_kind_has_its_own_code() {
    let fund = governed().build();
    let forged = tamper::append_record(
        &fund.db,
        "relation",
        None,
        "2025-02-01T12:00:00",
        &serde_json::json!({"a": "Ana", "b": 2}),
    );
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(PAYLOAD.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
}

/// Ana and Beto consent; Carla is recused: every eligible steward has
/// voted, so the grant is approved early with 2 of 2 eligible.
fn decided() -> Fund {
    governed()
        .vote("G-0001", "consent", "Beto", "2025-02-01T12:00")
        .decision("G-0001", "2025-02-01T13:00")
        .build()
}

#[test]
fn a_deleted_relation_is_found_after_a_full_rehash() {
    let fund = decided();
    let relation = record_of(&fund, "relation");
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute("DELETE FROM records WHERE id = ?1", [relation])?;
        tamper::rehash_records(conn)
    });
    let verdict = verify(&fund, 1);
    verdict.assert_says(
        DECISION,
        "G-0001",
        "counted 2 eligible, but the role, relation and vote records give 3",
    );
    assert!(
        verdict.findings.iter().all(|(code, _)| code == DECISION),
        "the chain itself holds:\n{}",
        verdict.stdout
    );
}

#[test]
fn a_vote_moved_to_a_non_steward_is_found_after_a_full_rehash() {
    let fund = decided();
    let beto = tamper::open(&fund.db)
        .query_row(
            "SELECT id FROM records WHERE kind = 'vote' AND payload LIKE '%\"member\":2%'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute(
            "UPDATE records SET payload = replace(payload, '\"member\":2', '\"member\":5') WHERE id = ?1",
            [beto],
        )?;
        tamper::rehash_records(conn)
    });
    let verdict = verify(&fund, 1);
    verdict.assert_has(VOTE_NOT_STEWARD, &format!("record {beto}"));
    verdict.assert_has(DECISION, "G-0001");
}

// Signed votes: the pool `legal` takes only signed votes; Ana's key is
// registered, and Beto's; Fede applied to it at 2025-02-01T10:00 (G-0002).

/// A new ed25519 key pair, made in the test.
fn key_pair() -> (ssh_key::PrivateKey, String, String) {
    let private =
        ssh_key::PrivateKey::random(&mut ssh_key::rand_core::OsRng, ssh_key::Algorithm::Ed25519)
            .unwrap();
    let public = private.public_key().to_openssh().unwrap();
    let fingerprint = private
        .public_key()
        .fingerprint(ssh_key::HashAlg::Sha256)
        .to_string();
    (private, public, fingerprint)
}

struct Signed {
    fund: Fund,
    ana: ssh_key::PrivateKey,
    ana_fingerprint: String,
    beto: ssh_key::PrivateKey,
}

fn signed_pool(extra: &[&[&str]]) -> Signed {
    let (ana, ana_public, ana_fingerprint) = key_pair();
    let (beto, beto_public, _) = key_pair();
    let mut builder = governed()
        .pool("legal", "Legal defence")
        .anonymous_contribution("500 USD", Some("legal"), "2025-01-10")
        .with(&["--into", "assets:bank"])
        .policy(
            "legal",
            "consent --min-consents 1 --window 72h --signed-votes required",
            "2025-01-15",
        )
        .command(&[
            "member",
            "key",
            "add",
            "Ana",
            "--key",
            &ana_public,
            "--at",
            "2025-01-03T10:00",
        ])
        .command(&[
            "member",
            "key",
            "add",
            "Beto",
            "--key",
            &beto_public,
            "--at",
            "2025-01-03T10:00",
        ])
        .application("Fede", "legal", "50 USD", "Lawyer", "2025-02-01T10:00");
    for args in extra {
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "ANA" {
                    ana_fingerprint.as_str()
                } else {
                    a
                }
            })
            .collect();
        builder = builder.command(&args);
    }
    Signed {
        fund: builder.build(),
        ana,
        ana_fingerprint,
        beto,
    }
}

/// The ballot of `voter`'s `choice` on G-0002 at `time`, as `grant ballot`
/// writes it for this fund.
fn ballot(fund: &Fund, voter: i64, choice: &str, time: &str) -> String {
    let conn = tamper::open(&fund.db);
    let fund_id: String = conn
        .query_row("SELECT fund_id FROM fund", [], |r| r.get(0))
        .unwrap();
    let application: String = conn
        .query_row(
            "SELECT hash FROM records WHERE kind = 'application' AND grant_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    fondo::domain::ballot::Ballot {
        fund: fund_id,
        grant: fondo::domain::ids::GrantId::new(2),
        application,
        voter: fondo::domain::ids::MemberId::new(voter),
        choice: match choice {
            "consent" => fondo::domain::policy::Vote::Consent,
            "object" => fondo::domain::policy::Vote::Object,
            _ => fondo::domain::policy::Vote::Abstain,
        },
        reason: None,
        time: fondo::domain::date::parse_datetime(time).unwrap(),
    }
    .text()
}

/// Appends a signed vote record: `vote` stated by the record, `ballot`
/// signed with `key`.
fn signed_vote(
    fund: &Fund,
    member: i64,
    vote: &str,
    ballot: &str,
    key: &ssh_key::PrivateKey,
) -> i64 {
    let signature =
        fondo::domain::keys::sign("test key", key, "fondo-ballot", ballot.as_bytes()).unwrap();
    let payload = serde_json::json!({
        "member": member, "vote": vote, "reason": null, "ballot": ballot, "signature": signature
    });
    tamper::append_record(&fund.db, "vote", Some(2), "2025-02-01T11:00:00", &payload)
}

#[test]
fn a_correctly_signed_scripted_vote_passes() {
    let s = signed_pool(&[]);
    let text = ballot(&s.fund, 1, "consent", "2025-02-01T11:00:00");
    signed_vote(&s.fund, 1, "consent", &text, &s.ana);
    assert!(verify(&s.fund, 0).findings.is_empty());
}

#[test]
fn an_unsigned_vote_under_required_signatures_is_found() {
    let s = signed_pool(&[]);
    let forged = tamper::append_record(
        &s.fund.db,
        "vote",
        Some(2),
        "2025-02-01T11:00:00",
        &vote_payload(1, "consent"),
    );
    let verdict = verify(&s.fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_UNSIGNED.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
}

#[test]
fn a_vote_signed_with_a_revoked_key_is_found() {
    let s = signed_pool(&[&[
        "member",
        "key",
        "revoke",
        "Ana",
        "ANA",
        "--reason",
        "lost",
        "--at",
        "2025-02-01T10:30",
    ]]);
    let text = ballot(&s.fund, 1, "consent", "2025-02-01T11:00:00");
    let forged = signed_vote(&s.fund, 1, "consent", &text, &s.ana);
    let verdict = verify(&s.fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_KEY.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(VOTE_KEY, &format!("record {forged}"), &s.ana_fingerprint);
}

#[test]
fn a_vote_signed_with_another_members_key_is_found() {
    let s = signed_pool(&[]);
    let text = ballot(&s.fund, 1, "consent", "2025-02-01T11:00:00");
    let forged = signed_vote(&s.fund, 1, "consent", &text, &s.beto);
    let verdict = verify(&s.fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_KEY.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(VOTE_KEY, &format!("record {forged}"), "another member");
}

#[test]
fn a_ballot_that_does_not_match_its_record_is_found() {
    let s = signed_pool(&[]);
    // Ana signed a consent; the record says she abstained.
    let text = ballot(&s.fund, 1, "consent", "2025-02-01T11:00:00");
    let forged = signed_vote(&s.fund, 1, "abstain", &text, &s.ana);
    let verdict = verify(&s.fund, 1);
    assert_eq!(
        verdict.findings,
        [(VOTE_BALLOT.to_owned(), format!("record {forged}"))],
        "{}",
        verdict.stdout
    );
}

/// Verifies `fund` after `sql` and expects exactly `code` at `fund`, saying
/// `detail`.
fn fund_row_tampered(sql: &str, code: &str, detail: &str) {
    let fund = books();
    tamper::sql(&fund.db, sql);
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(code.to_owned(), "fund".to_owned())],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(code, "fund", detail);
}

#[test]
fn a_removed_or_emptied_secret_is_found() {
    for sql in [
        "UPDATE fund SET secret = NULL",
        "UPDATE fund SET secret = ''",
    ] {
        fund_row_tampered(sql, SECRET_MISSING, "plain hashes of member ids");
    }
}

#[test]
fn a_changed_secret_is_found_by_its_commitment() {
    fund_row_tampered(
        "UPDATE fund SET secret = lower(hex(randomblob(32)))",
        SECRET_CHANGED,
        "not the one record 1 (fund-settings) commits to",
    );
}

#[test]
fn a_changed_name_or_currency_is_found() {
    fund_row_tampered(
        "UPDATE fund SET name = 'Another fund'",
        FUND_SETTINGS,
        "name \"Another fund\" (recorded \"fondo fund\")",
    );
    fund_row_tampered(
        "UPDATE fund SET currency = 'EUR'",
        FUND_SETTINGS,
        "currency \"EUR\" (recorded \"USD\")",
    );
    fund_row_tampered(
        "UPDATE fund SET currency = NULL",
        FUND_SETTINGS,
        "currency none (recorded \"USD\")",
    );
    fund_row_tampered(
        "UPDATE fund SET fund_id = lower(hex(randomblob(16)))",
        FUND_SETTINGS,
        "id \"",
    );
}

#[test]
fn a_deleted_settings_record_is_found_even_after_a_full_rehash() {
    let fund = books();
    tamper::with_triggers_off(&fund.db, |conn| {
        conn.execute_batch("DELETE FROM records WHERE kind = 'fund-settings'")?;
        tamper::rehash_records(conn)
    });
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(FUND_SETTINGS.to_owned(), "fund".to_owned())],
        "{}",
        verdict.stdout
    );
    verdict.assert_says(FUND_SETTINGS, "fund", "in no fund-settings record");
}

#[test]
fn the_settings_record_holds_commitments_never_the_secrets() {
    let fund = books();
    let conn = tamper::open(&fund.db);
    let (secret, salt_key, payload): (String, String, String) = conn
        .query_row(
            "SELECT secret, salt_key, (SELECT payload FROM records WHERE kind = 'fund-settings')
             FROM fund",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(
        !payload.contains(&secret) && !payload.contains(&salt_key),
        "{payload}"
    );
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(
        payload["secret"],
        fondo::domain::hash::setting_commitment("fondo-fund-secret-v1", &secret)
    );
    assert_eq!(
        payload["salt_key"],
        fondo::domain::hash::setting_commitment("fondo-salt-key-v1", &salt_key)
    );
}

const AUDIT: &str = "V118";

/// The id of account `name`.
fn account_id(fund: &Fund, name: &str) -> i64 {
    tamper::open(&fund.db)
        .query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn an_account_note_changed_in_its_table_is_found() {
    let fund = books();
    fund.ok(&["account", "add", "assets:petty", "--note", "Cash box"]);
    let id = account_id(&fund, "assets:petty");
    verify(&fund, 0);
    for sql in [
        "UPDATE accounts SET note = 'Treasurer''s own box' WHERE name = 'assets:petty'",
        "UPDATE accounts SET note = NULL WHERE name = 'assets:petty'",
    ] {
        let fund = books();
        fund.ok(&["account", "add", "assets:petty", "--note", "Cash box"]);
        tamper::sql(&fund.db, sql);
        let verdict = verify(&fund, 1);
        assert_eq!(
            verdict.findings,
            [(AUDIT.to_owned(), format!("account {id}"))],
            "{sql}\n{}",
            verdict.stdout
        );
    }
    // A note given where none was, on an account that never had one.
    let fund = books();
    tamper::sql(
        &fund.db,
        "UPDATE accounts SET note = 'Pays the treasurer' WHERE name = 'expenses:food'",
    );
    let food = account_id(&fund, "expenses:food");
    let verdict = verify(&fund, 1);
    assert_eq!(
        verdict.findings,
        [(AUDIT.to_owned(), format!("account {food}"))],
        "{}",
        verdict.stdout
    );
}

#[test]
fn a_later_note_leaves_the_first_in_the_table_and_verifies() {
    let fund = books();
    fund.ok(&["account", "add", "assets:petty", "--note", "Cash box"]);
    fund.ok(&["account", "note", "assets:petty", "Cash box, in the office"]);
    verify(&fund, 0);
    let list = fund.ok(&["account", "list", "--format", "csv"]);
    assert!(list.contains("Cash box, in the office"), "{list}");
}

const IMPORT_KEYS: &str = "V139";

#[test]
fn a_deleted_or_changed_import_key_is_found() {
    for (sql, detail) in [
        (
            "DELETE FROM import_keys WHERE key = 3",
            "has 4 import key(s), but record",
        ),
        (
            "UPDATE import_keys SET txn_id = 1 WHERE key = 2",
            "are not the ones record",
        ),
        (
            "INSERT INTO import_keys (source_id, key, txn_id) VALUES (1, 'extra', 6)",
            "has 6 import key(s), but record",
        ),
    ] {
        let fund = books();
        tamper::sql(&fund.db, sql);
        let verdict = verify(&fund, 1);
        assert_eq!(
            verdict.findings,
            [(IMPORT_KEYS.to_owned(), "import source books.csv".to_owned())],
            "{sql}\n{}",
            verdict.stdout
        );
        verdict.assert_says(IMPORT_KEYS, "import source books.csv", detail);
    }
}

#[test]
fn an_import_refuses_a_source_whose_keys_were_deleted() {
    let fund = books();
    tamper::sql(&fund.db, "DELETE FROM import_keys WHERE key = 5");
    // Without its key the row would be taken again, and the new import
    // record would state the keys as they then stand: the import refuses.
    let again = format!(
        "{HEADER}
5,2026-02-14,Groceries,expenses:food,80.25,USD
5,2026-02-14,Groceries,assets:bank,-80.25,USD
"
    );
    let before = fund.snapshot();
    fund.import_text("books.csv", &again, &[]).error(&[
        "import keys",
        "books.csv",
        "has 4 key(s)",
        "states 5",
        "fondo verify",
    ]);
    assert_eq!(fund.snapshot(), before, "nothing was imported");
    verify(&fund, 1).assert_has(IMPORT_KEYS, "import source books.csv");
}

/// Verify hashes on a second thread, a batch of transactions at a time;
/// its findings still come in the order of the journal, each
/// transaction's row findings before its chain findings. 2,600
/// transactions span more batches than are ever in flight, so batches are
/// refilled, and the tampering lands in the first, a middle and the last.
#[test]
fn findings_keep_the_journals_order_across_many_transactions() {
    let fund = Fund::init(Some("USD"));
    fund.dues(2600);
    verify(&fund, 0);
    tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount + 1 WHERE txn_id = 3 AND line = 1;
         UPDATE txns SET description = 'Dues' WHERE id = 700;
         DELETE FROM postings WHERE txn_id = 1500; DELETE FROM txns WHERE id = 1500;
         UPDATE postings SET amount = amount + 1 WHERE txn_id = 2599 AND line = 2;
         UPDATE txns SET description = 'Dues' WHERE id = 2599;",
    );
    let verdict = verify(&fund, 1);
    let journal_findings: Vec<(&str, &str)> = verdict
        .findings
        .iter()
        .filter(|(_, at)| at.starts_with("txn "))
        .map(|(code, at)| (code.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        journal_findings,
        [
            (UNBALANCED, "txn 3"),
            (HASH_MISMATCH, "txn 3"),
            (HASH_MISMATCH, "txn 700"),
            (CHAIN_BREAK, "txn 1501"),
            (UNBALANCED, "txn 2599"),
            (HASH_MISMATCH, "txn 2599"),
        ],
        "{}",
        verdict.stdout
    );
    verdict.assert_has(HEAD_MISMATCH, "fund");
    verdict.assert_says(TRIAL_BALANCE, "commodity USD", "0.02 USD");
}
