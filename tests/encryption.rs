//! Encrypted books, end to end (a build with `--features encryption`):
//! made with `init --encrypt` and a passphrase file, used by every command,
//! refused with a clear error under a wrong or missing passphrase, rekeyed,
//! backed up into encrypted copies and restored; the file itself shows
//! neither SQLite's header nor any name in it.
#![cfg(feature = "encryption")]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Fund, FundBuilder, PASSPHRASE, Run, command, run_command};

const SECRET: &str = "a horse, a battery and a staple";

/// Encrypted books with a member, two pools' worth of postings and a
/// contribution.
fn books() -> Fund {
    FundBuilder::new()
        .encrypted(SECRET)
        .currency("USD")
        .accounts(&["assets:bank:usd", "income:dues", "expenses:grants"])
        .setting("contribution-account", "assets:bank:usd")
        .member("Zacarías Quispe")
        .post(
            "January dues",
            "2026-01-12",
            &["assets:bank:usd=620.00 USD", "income:dues"],
        )
        .contribution("Zacarías Quispe", "50.00 USD", None, "2026-02-03")
        .build()
}

/// A file holding `text`, readable only by its owner.
fn secret_file(fund: &Fund, name: &str, text: &str) -> PathBuf {
    let path = fund.write(name, text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// Runs fondo on `db` with `FONDO_PASSPHRASE_FILE` (and, when given,
/// `FONDO_NEW_PASSPHRASE_FILE`) set as given, or left out with `None`.
fn run_with(db: &Path, key: Option<&Path>, new: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = command();
    if let Some(key) = key {
        cmd.env("FONDO_PASSPHRASE_FILE", key);
    }
    if let Some(new) = new {
        cmd.env("FONDO_NEW_PASSPHRASE_FILE", new);
    }
    cmd.arg("--db").arg(db).args(args);
    run_command(&mut cmd)
}

#[test]
fn encrypted_books_post_report_and_verify_with_the_passphrase_file() {
    let fund = books();
    fund.ok(&[
        "post",
        "Rent relief",
        "--date",
        "2026-02-10",
        "-p",
        "expenses:grants=250.00 USD",
        "-p",
        "assets:bank:usd",
    ]);
    let balance = fund.balance_csv(&[]);
    assert!(balance.contains("assets:bank:usd,USD,420.00"), "{balance}");
    let verified = fund.ok(&["verify"]);
    assert!(verified.contains("no findings"), "{verified}");
    let members = fund.ok(&["member", "list", "--format", "csv"]);
    assert!(members.contains("Zacarías Quispe"), "{members}");
}

#[test]
fn the_file_shows_no_sqlite_header_and_no_name() {
    let fund = books();
    fund.ok(&["verify"]);
    let mut raw = std::fs::read(&fund.db).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3\0"));
    let mut wal = fund.db.clone().into_os_string();
    wal.push("-wal");
    raw.extend(std::fs::read(wal).unwrap_or_default());
    for needle in ["Zacarías", "Quispe", "assets:bank", "January dues"] {
        let bytes = needle.as_bytes();
        assert!(
            !raw.windows(bytes.len()).any(|w| w == bytes),
            "{needle:?} appears in the raw file"
        );
    }
    let mode = std::fs::metadata(&fund.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_wrong_or_missing_passphrase_is_a_clear_error_and_changes_nothing() {
    let fund = books();
    let before = fund.snapshot();
    let wrong = secret_file(&fund, "wrong.txt", "not the passphrase\n");
    for args in [&["balance"][..], &["member", "add", "Ana"], &["verify"]] {
        let err = run_with(&fund.db, Some(&wrong), None, args).error(&[
            "the passphrase does not unlock",
            "f.db",
            "FONDO_PASSPHRASE_FILE",
        ]);
        assert!(!err.contains("not a database"), "{err}");
        assert!(
            !err.contains(SECRET) && !err.contains("not the passphrase"),
            "{err}"
        );
        run_with(&fund.db, None, None, args).error(&[
            "is encrypted and no passphrase was given",
            "FONDO_PASSPHRASE_FILE",
        ]);
    }
    let empty = secret_file(&fund, "empty.txt", "\n");
    run_with(&fund.db, Some(&empty), None, &["balance"])
        .error(&["passphrase cannot be used: it is empty"]);
    let missing = fund.path("nowhere.txt");
    run_with(&fund.db, Some(&missing), None, &["balance"])
        .error(&["reading the passphrase file", "nowhere.txt"]);
    assert_eq!(fund.snapshot(), before);
}

#[test]
fn a_passphrase_file_others_can_read_is_warned_about() {
    let fund = books();
    let key = fund.path(PASSPHRASE);
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = run_with(&fund.db, Some(&key), None, &["balance"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("can be read by others (mode 644)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(SECRET));
}

#[test]
fn rekey_changes_the_passphrase_old_fails_and_new_works() {
    let fund = books();
    let print = fund.fingerprint();
    let old = fund.path(PASSPHRASE);
    let new = secret_file(&fund, "new.txt", "another passphrase entirely\n");
    let out = run_with(&fund.db, Some(&old), Some(&new), &["rekey"]).ok();
    assert!(out.starts_with("changed the passphrase of "), "{out}");
    run_with(&fund.db, Some(&old), None, &["balance"]).error(&["the passphrase does not unlock"]);
    let verified = run_with(&fund.db, Some(&new), None, &["verify"]).ok();
    assert!(
        verified.ends_with(&format!("fingerprint: {print}\n")),
        "{verified}"
    );
    // A wrong current passphrase changes nothing.
    let out = run_with(&fund.db, Some(&old), Some(&old), &["rekey"]);
    out.error(&["the passphrase does not unlock"]);
    run_with(&fund.db, Some(&new), None, &["balance"]).ok();
}

#[test]
fn rekey_of_plain_books_is_refused() {
    let fund = Fund::init(Some("USD"));
    let new = secret_file(&fund, "new.txt", "words\n");
    run_with(&fund.db, None, Some(&new), &["rekey"]).error(&[
        "is not encrypted, so it has no passphrase to change",
        "fondo init --encrypt",
    ]);
}

#[test]
fn plain_books_still_open_without_a_passphrase() {
    let fund = Fund::init(Some("USD"));
    fund.ok(&["account", "add", "assets:bank"]);
    assert!(
        std::fs::read(&fund.db)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    fund.ok(&["verify"]);
}

#[test]
fn backup_of_encrypted_books_stays_encrypted_and_verifies() {
    let fund = books();
    let print = fund.fingerprint();
    let copy = fund.path("copy.db");
    let out = fund.ok(&["backup", &copy.display().to_string()]);
    assert!(out.contains("the copy verifies: no findings"), "{out}");
    assert!(out.ends_with(&format!("fingerprint: {print}\n")), "{out}");
    let raw = std::fs::read(&copy).unwrap();
    assert!(!raw.starts_with(b"SQLite format 3\0"));
    assert!(!raw.windows(7).any(|w| w == b"Quispe"));
    let key = fund.path(PASSPHRASE);
    let verified = run_with(&copy, Some(&key), None, &["verify"]).ok();
    assert!(
        verified.ends_with(&format!("fingerprint: {print}\n")),
        "{verified}"
    );
    run_with(&copy, None, None, &["verify"]).error(&["is encrypted"]);
}

#[test]
fn restore_of_an_encrypted_backup_into_a_new_path_and_over_the_books() {
    let fund = books();
    let print = fund.fingerprint();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let key = fund.path(PASSPHRASE);
    // Into a path with no books.
    let fresh = fund.path("fresh.db");
    let out = run_with(
        &fresh,
        Some(&key),
        None,
        &["restore", &copy.display().to_string()],
    )
    .ok();
    assert!(out.ends_with(&format!("fingerprint: {print}\n")), "{out}");
    assert!(
        !std::fs::read(&fresh)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    // Over the books, after they changed.
    fund.ok(&["member", "add", "Ana"]);
    let out = fund.ok(&["restore", &copy.display().to_string(), "--force"]);
    assert!(out.contains("the books it replaced are saved in"), "{out}");
    assert!(out.ends_with(&format!("fingerprint: {print}\n")), "{out}");
    let members = fund.ok(&["member", "list", "--format", "csv"]);
    assert!(!members.contains("Ana"), "{members}");
    assert!(
        !std::fs::read(&fund.db)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    // The books kept their passphrase: the wrong one still fails.
    let wrong = secret_file(&fund, "wrong.txt", "nope\n");
    run_with(&fund.db, Some(&wrong), None, &["balance"]).error(&["the passphrase does not unlock"]);
}

#[test]
fn a_restore_between_encrypted_and_plain_books_is_refused_unchanged() {
    let fund = books();
    let copy = fund.path("copy.db");
    fund.ok(&["backup", &copy.display().to_string()]);
    let plain = Fund::init(Some("USD"));
    plain.ok(&["account", "add", "assets:bank"]);
    let before = plain.snapshot();
    let key = fund.path(PASSPHRASE);
    run_with(
        &plain.db,
        Some(&key),
        None,
        &["restore", &copy.display().to_string(), "--force"],
    )
    .error(&[
        "copy.db is encrypted and",
        "f.db is not;",
        "--db NEW.db restore",
    ]);
    assert_eq!(plain.snapshot(), before);
}

#[test]
fn init_encrypt_without_a_terminal_or_file_is_refused_and_leaves_no_file() {
    let fund = Fund::empty();
    run_with(&fund.db, None, None, &["init", "--encrypt"])
        .error(&["no passphrase was given", "FONDO_PASSPHRASE_FILE"]);
    assert!(!fund.db.exists());
    let key = secret_file(&fund, "k.txt", "words\n");
    fund.ok(&["init"]);
    run_with(&fund.db, Some(&key), None, &["init", "--encrypt"]).error(&["already exists"]);
}

#[test]
fn the_fixture_made_by_sqlcipher_opens_with_its_passphrase() {
    let fund = Fund::empty();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encrypted.db"),
        &fund.db,
    )
    .unwrap();
    let key = secret_file(&fund, "k.txt", "fixture passphrase\n");
    let members = run_with(
        &fund.db,
        Some(&key),
        None,
        &["member", "list", "--format", "csv"],
    )
    .ok();
    assert!(members.contains("Zacarías Quispe"), "{members}");
    run_with(&fund.db, Some(&key), None, &["verify"]).ok();
}
