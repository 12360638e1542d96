//! `fondo backup` and `fondo restore`: copies that verify with the same
//! fingerprint, made while other commands write; restores that check the
//! backup first, never change it, and replace existing books only with
//! `--force` after saving them.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{BIN, Fund, HEADER, fingerprint, run_on, snapshot};

/// A fund with a few transactions, a member and a contribution.
fn books() -> Fund {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank:usd", "income:dues", "expenses:grants"]);
    fund.post(
        "January dues",
        "2026-01-12",
        &["assets:bank:usd=620.00 USD", "income:dues"],
    );
    fund.post(
        "Rent relief",
        "2026-02-01",
        &["expenses:grants=250.00 USD", "assets:bank:usd"],
    );
    fund.ok(&["member", "add", "Ana"]);
    fund.ok(&[
        "contribute",
        "50.00",
        "USD",
        "--from",
        "Ana",
        "--into",
        "assets:bank:usd",
        "--date",
        "2026-02-03",
    ]);
    fund
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("reading a file")
}

#[test]
fn a_backup_verifies_with_the_same_fingerprint_and_holds_the_same_books() {
    let fund = books();
    let copy = fund.path("copy.db");
    let out = fund.ok(&["backup", &copy.display().to_string()]);
    let print = fund.fingerprint();
    assert!(out.contains("the copy verifies: no findings"), "{out}");
    assert!(out.ends_with(&format!("fingerprint: {print}\n")), "{out}");
    assert_eq!(fingerprint(&copy), print);
    assert_eq!(snapshot(&copy), fund.snapshot());
    assert_eq!(common::state_at(&copy), common::state(&fund));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "a backup is private like the books");
    assert!(
        !Path::new(&format!("{}-wal", copy.display())).exists(),
        "the copy is one closed file"
    );
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let fund = books();
    let taken = fund.write("taken.db", "precious");
    fund.fail(
        &["backup", &taken.display().to_string()],
        &["already exists", "never overwrites"],
    );
    assert_eq!(bytes(&taken), b"precious");
    let other = fund.write("other.db", "");
    fund.fail(
        &["backup", &other.display().to_string()],
        &["already exists"],
    );
    assert_eq!(bytes(&other), b"");
}

#[test]
fn a_backup_taken_while_an_import_runs_is_one_state_of_the_books() {
    let fund = books();
    let mut journal = format!("{HEADER}\n");
    for t in 1..=3000 {
        journal.push_str(&format!(
            "{t},2026-03-01,Gift {t},assets:bank:usd,1.00,USD\n{t},2026-03-01,Gift {t},income:gifts,-1.00,USD\n"
        ));
    }
    let file = fund.write("big.csv", journal);
    let before = fund.fingerprint();
    let mut import = Command::new(BIN)
        .env_remove("FONDO_DB")
        .arg("--db")
        .arg(&fund.db)
        .args(["journal", "import"])
        .arg(&file)
        .stdout(Stdio::null())
        .spawn()
        .expect("starting the import");
    let mut copies = Vec::new();
    let mut n = 0;
    let status = loop {
        let copy = fund.path(&format!("during-{n}.db"));
        n += 1;
        fund.ok(&["backup", &copy.display().to_string()]);
        copies.push(copy);
        if let Some(status) = import.try_wait().expect("waiting for the import") {
            break status;
        }
    };
    assert!(status.success());
    let after = fund.fingerprint();
    assert_ne!(before, after);
    let mut taken_before = 0;
    for copy in &copies {
        let print = fingerprint(copy);
        assert!(
            print == before || print == after,
            "{} is neither before nor after the import",
            copy.display()
        );
        taken_before += usize::from(print == before);
    }
    println!(
        "{} backups during the import, {taken_before} of them before its commit",
        copies.len()
    );
}

#[test]
fn restore_into_a_new_path_checks_the_backup_and_leaves_it_unchanged() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let original = bytes(&copy);
    let target = fund.path("restored.db");
    let out = run_on(&target, &["restore", &copy.display().to_string()]).ok();
    assert!(out.starts_with("restored "), "{out}");
    assert!(out.contains("the fund verifies: no findings"), "{out}");
    assert_eq!(fingerprint(&target), fund.fingerprint());
    assert_eq!(snapshot(&target), fund.snapshot());
    assert_eq!(bytes(&copy), original, "restore never changes the backup");
    let leftovers: Vec<_> = std::fs::read_dir(fund.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The restored books take new writes.
    run_on(&target, &["account", "add", "assets:cash"]).ok();
}

#[test]
fn restore_over_existing_books_needs_force_and_saves_them_first() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let at_backup = fund.snapshot();
    // Books move on after the backup.
    fund.post(
        "Later",
        "2026-03-01",
        &["expenses:grants=10.00 USD", "assets:bank:usd"],
    );
    let later = fund.snapshot();
    let later_print = fund.fingerprint();
    let copy_arg = copy.display().to_string();
    fund.fail(&["restore", &copy_arg], &["already exists", "--force"]);
    assert_eq!(fund.snapshot(), later);

    let out = fund.ok(&["restore", &copy_arg, "--force"]);
    assert_eq!(fund.snapshot(), at_backup);
    let aside = out
        .lines()
        .find_map(|l| l.strip_prefix("the books it replaced are saved in "))
        .unwrap_or_else(|| panic!("restore names where the old books went:\n{out}"));
    assert_eq!(fingerprint(Path::new(aside)), later_print);
    assert_eq!(snapshot(Path::new(aside)), later);
}

#[test]
fn restore_refuses_a_backup_that_does_not_verify_and_changes_nothing() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    common::tamper::sql(&copy, "UPDATE txns SET description = 'Rent' WHERE id = 2");
    let tampered = bytes(&copy);
    let before = fund.snapshot();
    let copy_arg = copy.display().to_string();
    fund.fail(
        &["restore", &copy_arg, "--force"],
        &["does not verify", "V103", "nothing was restored"],
    );
    assert_eq!(fund.snapshot(), before);
    assert_eq!(bytes(&copy), tampered);
    let target = fund.path("new.db");
    run_on(&target, &["restore", &copy_arg]).error(&["does not verify"]);
    assert!(!target.exists());
    let names: Vec<_> = std::fs::read_dir(fund.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("replaced") || n.contains("restoring"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn restore_refuses_files_that_are_not_fondo_books() {
    let fund = books();
    let text = fund.write(
        "notes.txt",
        "not a database at all, but long enough to look like one perhaps",
    );
    let other = fund.path("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = fund.snapshot();
    for file in [&text, &other] {
        fund.fail(
            &["restore", &file.display().to_string(), "--force"],
            &["is not a fondo database"],
        );
    }
    fund.fail(
        &[
            "restore",
            &fund.path("missing.db").display().to_string(),
            "--force",
        ],
        &["missing.db"],
    );
    assert_eq!(fund.snapshot(), before);
}

#[test]
fn restore_with_force_refuses_damaged_books_and_says_what_to_do() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let damaged = fund.write("damaged.db", vec![0x55u8; 64 * 1024]);
    run_on(
        &damaged,
        &["restore", &copy.display().to_string(), "--force"],
    )
    .error(&["move it aside"]);
    assert_eq!(bytes(&damaged), vec![0x55u8; 64 * 1024]);
}

#[test]
fn readers_see_the_old_or_the_restored_books_during_a_forced_restore() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let old = fund.fingerprint();
    fund.post(
        "Later",
        "2026-03-01",
        &["expenses:grants=10.00 USD", "assets:bank:usd"],
    );
    let new = fund.fingerprint();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (db, stop) = (fund.db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut seen = 0;
            while !stop.load(Ordering::Relaxed) || seen == 0 {
                let print = fingerprint(&db);
                assert!(print == old || print == new, "a reader saw {print}");
                seen += 1;
            }
            seen
        })
    };
    fund.ok(&["restore", &copy.display().to_string(), "--force"]);
    stop.store(true, Ordering::Relaxed);
    assert!(reader.join().expect("the reader saw only whole books") > 0);
}
