//! Schema upgrades: books written by fondo of every earlier schema version
//! (the fixtures in tests/fixtures/, made by `make-fixtures.sh`, which says
//! how) open with today's fondo, which upgrades them: `verify` is clean, the
//! fingerprint and the balances are what the fondo of their time printed,
//! and the upgraded books take new writes. The fixtures themselves are never
//! opened, only copies.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fund, clean, run_on};

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-v{version}.db"))
}

/// What the fondo of the fixture's time printed: its fingerprint line, and
/// its `balance --format csv`.
fn expected(version: u32) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema-v{version}.expected"));
    let text = std::fs::read_to_string(path).expect("reading the expectations");
    let (first, rest) = text.split_once('\n').expect("a fingerprint line, then CSV");
    (first.to_owned(), rest.to_owned())
}

fn user_version(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .expect("reading user_version")
}

/// A copy of fixture `version` as a fund, checked to be of that version.
fn copy_of(version: u32) -> Fund {
    let fund = Fund::empty();
    std::fs::copy(fixture(version), &fund.db).expect("copying the fixture");
    assert_eq!(user_version(&fund.db), i64::from(version));
    fund
}

#[test]
fn every_earlier_schema_version_upgrades_with_the_same_fingerprint_and_balances() {
    for version in 1..=4 {
        let before = std::fs::read(fixture(version)).expect("reading the fixture");
        let fund = copy_of(version);
        let (print, balances) = expected(version);
        let out = fund.ok(&["verify"]);
        assert!(
            out.lines()
                .next()
                .is_some_and(|l| l.ends_with("no findings")),
            "schema version {version}:\n{out}"
        );
        assert_eq!(
            out.lines().last(),
            Some(print.as_str()),
            "version {version}"
        );
        assert_eq!(fund.balance_csv(&[]), balances, "version {version}");
        assert_eq!(user_version(&fund.db), fondo::store::schema_version());
        // Opening again changes nothing more.
        assert_eq!(fund.ok(&["verify"]), out);
        assert_eq!(
            std::fs::read(fixture(version)).expect("reading the fixture"),
            before,
            "the fixture itself is never changed"
        );
    }
}

#[test]
fn upgraded_books_take_new_writes_and_still_verify() {
    for version in 1..=4 {
        let fund = copy_of(version);
        let (print, _) = expected(version);
        fund.ok(&["account", "add", "expenses:after-upgrade"]);
        let id = fund.post(
            "After the upgrade",
            "2026-07-01",
            &["expenses:after-upgrade=10.00 USD", "assets:bank:usd"],
        );
        assert!(id > 1);
        fund.ok(&["member", "add", "Nuevo miembro"]);
        fund.ok(&["pool", "add", "legal", "--purpose", "Legal defence"]);
        clean(&fund);
        let out = fund.ok(&["verify"]);
        assert_ne!(out.lines().last(), Some(print.as_str()), "the chain grew");
    }
}

#[test]
fn community_rows_from_before_the_governance_records_are_recorded_in_them() {
    // Version 2 and 3 books have members, terms, pools, settings and more,
    // but no governance records: the upgrade records each row once (12 and
    // 22 of them), and then (the upgrade to version 9) the fund's settings,
    // every account (14 and 19) and every import source's keys (1 and 2).
    for (version, rows) in [(2, 12 + 1 + 14 + 1), (3, 22 + 1 + 19 + 2)] {
        let fund = copy_of(version);
        let out = fund.ok(&["verify"]);
        assert!(
            out.contains(&format!("{rows} governance records: no findings")),
            "version {version}:\n{out}"
        );
        // Changing a recorded row behind fondo's back is still found.
        common::tamper::sql(
            &fund.db,
            "UPDATE members SET visibility = 'public' WHERE visibility <> 'public'",
        );
        let tampered = fund.run(&["verify"]);
        assert_eq!(tampered.code, 1, "{}", tampered.stdout);
        assert!(tampered.stdout.contains("V118"), "{}", tampered.stdout);
    }
}

#[test]
fn an_export_of_upgraded_pre_pool_books_recomputes_with_the_script() {
    let fund = copy_of(1);
    let (print, _) = expected(1);
    let export = fund.path("journal.csv");
    fund.ok(&["journal", "export", "--out", &export.display().to_string()]);
    if let Some(python) = common::oracle("python3", "apt-get install python3") {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_chain.py");
        let out = Command::new(python)
            .arg(script)
            .arg(&export)
            .output()
            .expect("running python3");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{stdout}");
        assert_eq!(stdout.lines().last(), Some(print.as_str()));
    }
    // Imported into new books, the export's pre-pool hashes are accepted.
    let fresh = Fund::init(Some("USD"));
    fresh.ok(&["journal", "import", &export.display().to_string()]);
    clean(&fresh);
}

#[test]
fn a_row_of_old_books_relabelled_as_v2_is_judged_in_the_v2_form_only() {
    let fund = copy_of(1);
    let export = fund.path("journal.csv");
    fund.ok(&["journal", "export", "--out", &export.display().to_string()]);
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(
        text.contains(",fondo-txn-v1,"),
        "old books export the v1 label"
    );
    // Its hashes are in an older form, which a row saying v2 never has:
    // fondo writes that label beside v2 hashes alone.
    let relabelled = text.replace(",fondo-txn-v1,", ",fondo-txn-v2,");
    let fresh = Fund::init(Some("USD"));
    let stderr = fresh
        .import_text("relabelled.csv", &relabelled, &[])
        .error(&["nothing was written"]);
    assert!(stderr.contains("I210 line 2, column hash"), "{stderr}");
}

#[test]
fn an_audit_bundle_of_upgraded_pre_pool_books_verifies_offline() {
    let fund = copy_of(1);
    let (print, _) = expected(1);
    let dir = fund.path("bundle").display().to_string();
    fund.ok(&["export", "audit", "--out", &dir, "--audience", "auditor"]);
    let out = fund.ok(&["verify", "--bundle", &dir]);
    assert!(out.contains("no findings"), "{out}");
    assert!(out.ends_with(&format!("{print}\n")), "{print}\n{out}");
    let Some(python) = common::oracle("python3", "apt-get install python3") else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py");
    let checked = Command::new(python)
        .arg(script)
        .arg(&dir)
        .output()
        .expect("running python3");
    let stdout = String::from_utf8(checked.stdout).unwrap();
    assert!(checked.status.success(), "{stdout}");
}

#[test]
fn restoring_an_old_backup_upgrades_the_restored_copy_only() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("old.db");
    std::fs::copy(fixture(3), &backup).unwrap();
    let target = dir.path().join("restored.db");
    let out = run_on(&target, &["restore", &backup.display().to_string()]).ok();
    assert!(out.contains("no findings"), "{out}");
    assert_eq!(user_version(&backup), 3, "the backup is not upgraded");
    assert_eq!(user_version(&target), fondo::store::schema_version());
    let (print, _) = expected(3);
    assert_eq!(out.lines().last(), Some(print.as_str()));
}

#[test]
fn an_old_backup_with_smaller_pages_restores_over_new_books() {
    // Schema-1 books have 4 KiB pages; books made today have 16 KiB ones.
    let fund = Fund::init(Some("USD"));
    let backup = fund.path("old.db");
    std::fs::copy(fixture(1), &backup).unwrap();
    let out = fund.ok(&["restore", &backup.display().to_string(), "--force"]);
    let (print, balances) = expected(1);
    assert_eq!(out.lines().last(), Some(print.as_str()), "{out}");
    assert_eq!(fund.balance_csv(&[]), balances);
    assert_eq!(user_version(&backup), 1);
}

#[test]
fn the_upgrade_to_version_9_puts_the_fund_accounts_and_import_keys_in_the_chain() {
    for version in 1..=4 {
        let fund = copy_of(version);
        clean(&fund);
        let conn = common::tamper::open(&fund.db);
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM records WHERE kind = 'fund-settings'"),
            1,
            "version {version}"
        );
        assert_eq!(
            count("SELECT count(*) FROM records WHERE kind = 'account'"),
            count("SELECT count(*) FROM accounts"),
            "version {version}"
        );
        assert_eq!(
            count("SELECT count(*) FROM records WHERE kind = 'import'"),
            count("SELECT count(DISTINCT source_id) FROM import_keys"),
            "version {version}"
        );
        drop(conn);
        // From then on a tampered fund row, account or import key is found.
        common::tamper::sql(
            &fund.db,
            "UPDATE fund SET secret = NULL;
             UPDATE accounts SET note = 'x' WHERE id = 1;
             DELETE FROM import_keys
             WHERE (source_id, key) = (SELECT source_id, key FROM import_keys LIMIT 1);",
        );
        let run = fund.run(&["verify"]);
        assert_eq!(run.code, 1, "version {version}:\n{}", run.stdout);
        for code in ["V137 fund", "V118 account 1", "V139 import source"] {
            assert!(
                run.stdout.contains(code),
                "version {version}: {code}\n{}",
                run.stdout
            );
        }
    }
}

/// Issue 12: books older than the v2 form hash a contribution's payee and
/// reference as they are, so a public bundle cannot redact the outside
/// reference of a contribution whose giver it may not show: the export
/// warns the treasurer for each, naming the transaction, and the bundle
/// still verifies.
#[test]
fn a_withheld_reference_in_old_rows_is_a_warning_at_export() {
    let fund = copy_of(4);
    let dir = fund.path("public");
    let out = fund.run(&[
        "export",
        "audit",
        "--audience",
        "public",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warned: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| {
            l.contains("comes from a contribution whose giver the public audience may not see")
        })
        .collect();
    assert!(!warned.is_empty(), "{}", out.stderr);
    assert!(
        warned
            .iter()
            .all(|l| l.starts_with("fondo: warning: journal.csv txn ")),
        "{warned:?}"
    );
    fund.ok(&["verify", "--bundle", dir.to_str().unwrap()]);
}
