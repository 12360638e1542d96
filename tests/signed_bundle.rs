//! Signed audit bundles (issue 11): `fondo export audit --sign-with KEY`
//! writes `fund_signers` and `MANIFEST.csv.sig`; `fondo verify --bundle`
//! (with or without `--signer-key`) and `scripts/verify_bundle.py` check
//! the signature, each against stock `ssh-keygen -Y verify` and `-Y sign`;
//! every bad key is refused with exit 2 and nothing written.
//!
//! `ssh-keygen` and `python3` come through `common::oracle` (skipped when
//! they are not installed, required in CI).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::oracle::oracle;
use common::{Fund, FundBuilder, Run, command, run_command};
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = "correct horse battery staple";
const SSH_KEYGEN_INSTALL: &str = "`apt-get install openssh-client`";

fn fund() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .account("assets:bank:usd")
        .setting("contribution-account", "assets:bank:usd")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .contribution("Ana", "50.00 USD", None, "2026-02-01")
        .build()
}

fn passphrase_file(fund: &Fund, text: &str) -> PathBuf {
    let file = fund.write(&format!("pass-{}", text.len()), format!("{text}\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    file
}

/// `fondo key gen --out NAME` (passphrase [`PASSPHRASE`]).
fn fondo_key(fund: &Fund, name: &str) -> PathBuf {
    let out = fund.path(name);
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(fund, PASSPHRASE))
        .args(["key", "gen", "--out"])
        .arg(&out);
    run_command(&mut cmd).ok();
    out
}

/// `ssh-keygen -t TYPE` without a passphrase, if ssh-keygen is there.
fn ssh_key(fund: &Fund, name: &str, kind: &str) -> Option<PathBuf> {
    let tool = oracle("ssh-keygen", SSH_KEYGEN_INSTALL)?;
    let out = fund.path(name);
    let status = Command::new(&tool)
        .args(["-q", "-t", kind, "-N", "", "-C", name, "-f"])
        .arg(&out)
        .status()
        .expect("running ssh-keygen");
    assert!(status.success());
    Some(out)
}

fn public(key: &Path) -> String {
    format!("{}.pub", key.display())
}

fn register(fund: &Fund, key: &Path) {
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(key),
        "--at",
        "2026-01-02T10:00",
    ]);
}

/// The public bundle of 2026-Q1, as every test here writes it.
const EXPORT_Q1: [&str; 6] = [
    "export",
    "audit",
    "--period",
    "2026-Q1",
    "--audience",
    "public",
];

/// `fondo export audit --out NAME --sign-with KEY`, the passphrase read
/// from a file holding `passphrase`.
fn export(fund: &Fund, name: &str, key: &Path, passphrase: &str) -> Run {
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(fund, passphrase))
        .env("FONDO_NOW", "2026-03-01T12:00")
        .arg("--db")
        .arg(&fund.db)
        .args(EXPORT_Q1)
        .arg("--out")
        .arg(fund.path(name))
        .arg("--sign-with")
        .arg(key);
    run_command(&mut cmd)
}

fn verify(dir: &Path, signer: Option<&str>) -> Run {
    let mut cmd = command();
    cmd.arg("verify").arg("--bundle").arg(dir);
    if let Some(key) = signer {
        cmd.args(["--signer-key", key]);
    }
    run_command(&mut cmd)
}

/// `verify --bundle` finds exactly `code` (and exits 1), or nothing.
fn finds(dir: &Path, signer: Option<&str>, code: Option<&str>) {
    let run = verify(dir, signer);
    match code {
        None => assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr),
        Some(code) => {
            assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
            assert!(
                run.stdout.starts_with(&format!("{code} ")),
                "{}",
                run.stdout
            );
            assert!(run.stdout.contains("1 finding"), "{}", run.stdout);
        }
    }
}

/// `scripts/verify_bundle.py` exits `code` (when python3 is there).
fn script(dir: &Path, signer: Option<&str>, code: i32, needle: &str) {
    let Some(python) = oracle("python3", "apt-get install python3") else {
        return;
    };
    let mut cmd = Command::new(python);
    cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py"));
    if let Some(key) = signer {
        cmd.args(["--signer-key", key]);
    }
    let out = cmd.arg(dir).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(code), "{stdout}");
    assert!(stdout.contains(needle), "{stdout}");
}

fn copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.with_file_name(name);
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Changes `file` of the bundle and rewrites its line of MANIFEST.csv to
/// match, as someone covering their tracks would.
fn tamper(dir: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = dir.join(file);
    let before = std::fs::read(&path).unwrap();
    let after = change(String::from_utf8(before.clone()).unwrap());
    assert_ne!(after.as_bytes(), &before[..]);
    std::fs::write(&path, &after).unwrap();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.csv")).unwrap();
    let resealed = manifest.replace(&sha256(&before), &sha256(after.as_bytes()));
    std::fs::write(dir.join("MANIFEST.csv"), resealed).unwrap();
}

/// Signs the bundle's MANIFEST.csv again with stock `ssh-keygen -Y sign`,
/// replacing MANIFEST.csv.sig.
fn stock_sign(dir: &Path, key: &Path, namespace: &str) {
    let tool = oracle("ssh-keygen", SSH_KEYGEN_INSTALL).expect("checked by the caller");
    std::fs::remove_file(dir.join("MANIFEST.csv.sig")).unwrap();
    let signed = Command::new(tool)
        .args(["-Y", "sign", "-n", namespace, "-f"])
        .arg(key)
        .arg(dir.join("MANIFEST.csv"))
        .output()
        .unwrap();
    assert!(signed.status.success(), "{signed:?}");
}

fn ssh_keygen_verifies(dir: &Path, signers: &Path) -> bool {
    let tool = oracle("ssh-keygen", SSH_KEYGEN_INSTALL).expect("checked by the caller");
    let status = Command::new(&tool)
        .args(["-Y", "verify", "-f"])
        .arg(signers)
        .args(["-I", "fund", "-n", "fondo-bundle", "-s"])
        .arg(dir.join("MANIFEST.csv.sig"))
        .stdin(std::fs::File::open(dir.join("MANIFEST.csv")).unwrap())
        .output()
        .unwrap();
    status.status.success()
}

#[test]
fn a_bundle_signed_by_fondo_verifies_with_ssh_keygen_and_both_checkers() {
    let fund = fund();
    let key = fondo_key(&fund, "fund-key");
    register(&fund, &key);
    let out = export(&fund, "b", &key, PASSPHRASE).ok();
    let fingerprint = fund.ok(&["fund", "show", "--format", "csv"]);
    let signed = out
        .lines()
        .find_map(|l| l.strip_prefix("signed by the fund's key "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(fingerprint.contains(signed), "{fingerprint}");
    let dir = fund.path("b");
    let signers = std::fs::read_to_string(dir.join("fund_signers")).unwrap();
    let key_line = std::fs::read_to_string(public(&key)).unwrap();
    let bare: Vec<&str> = key_line.split_whitespace().take(2).collect();
    assert_eq!(
        signers,
        format!("fund namespaces=\"fondo-bundle\" {}\n", bare.join(" "))
    );
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.csv")).unwrap();
    assert!(manifest.contains("\nfund_signers,1,"), "{manifest}");
    assert!(!manifest.contains("MANIFEST.csv.sig"));
    // README.txt gives the exact command line.
    let readme = std::fs::read_to_string(dir.join("README.txt")).unwrap();
    assert!(readme.contains(
        "  ssh-keygen -Y verify -f fund_signers -I fund -n fondo-bundle -s MANIFEST.csv.sig < MANIFEST.csv\n"
    ));
    finds(&dir, None, None);
    let run = verify(&dir, Some(&public(&key)));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "signed by the fund's key {signed}, the one required"
        )),
        "{}",
        run.stdout
    );
    script(&dir, None, 0, "no problems");
    script(&dir, Some(&public(&key)), 0, "the one required");
    // The same bundle twice: byte for byte (ed25519 signatures are
    // deterministic).
    export(&fund, "again", &key, PASSPHRASE).ok();
    for file in ["MANIFEST.csv", "MANIFEST.csv.sig", "fund_signers"] {
        assert_eq!(
            std::fs::read(dir.join(file)).unwrap(),
            std::fs::read(fund.path("again").join(file)).unwrap(),
            "{file}"
        );
    }
    if oracle("ssh-keygen", SSH_KEYGEN_INSTALL).is_some() {
        assert!(ssh_keygen_verifies(&dir, &dir.join("fund_signers")));
    }
}

#[test]
fn a_signature_made_by_ssh_keygen_is_accepted() {
    let fund = fund();
    let Some(key) = ssh_key(&fund, "fund-key", "ed25519") else {
        return;
    };
    register(&fund, &key);
    // An unprotected key needs no passphrase.
    export(&fund, "b", &key, "unused").ok();
    let dir = fund.path("b");
    stock_sign(&dir, &key, "fondo-bundle");
    finds(&dir, Some(&public(&key)), None);
    script(&dir, Some(&public(&key)), 0, "the one required");
    // A forger rewrites the bundle, states a key of their own and signs
    // again: the bundle agrees with itself, and only the fund's own key
    // (--signer-key) tells it is not the fund's.
    let forged = copy(&dir, "forged");
    let forger = ssh_key(&fund, "forger", "ed25519").unwrap();
    let forger_line = std::fs::read_to_string(public(&forger)).unwrap();
    let bare: Vec<&str> = forger_line.split_whitespace().take(2).collect();
    tamper(&forged, "fund_signers", |_| {
        format!("fund namespaces=\"fondo-bundle\" {}\n", bare.join(" "))
    });
    stock_sign(&forged, &forger, "fondo-bundle");
    finds(&forged, None, None);
    finds(&forged, Some(&public(&key)), Some("B132"));
    script(
        &forged,
        None,
        0,
        "give the fund's own key with --signer-key",
    );
    script(
        &forged,
        Some(&public(&key)),
        1,
        "was not made by the key of",
    );
    // Signed in another namespace: refused.
    stock_sign(&dir, &key, "fondo-ballot");
    finds(&dir, None, Some("B131"));
    script(&dir, None, 1, "MANIFEST.csv.sig: is not a good signature");
}

#[test]
fn a_changed_resealed_or_unsigned_bundle_is_found() {
    let fund = fund();
    let key = fondo_key(&fund, "fund-key");
    register(&fund, &key);
    let other = fondo_key(&fund, "other-key");
    export(&fund, "b", &key, PASSPHRASE).ok();
    let clean = fund.path("b");
    let (fund_pub, other_pub) = (public(&key), public(&other));

    // A file changed after signing, the manifest resealed.
    let dir = copy(&clean, "changed");
    tamper(&dir, "README.txt", |t| {
        t.replacen("Audit bundle", "Audit  bundle", 1)
    });
    finds(&dir, None, Some("B131"));
    finds(&dir, Some(&fund_pub), Some("B131"));
    script(&dir, None, 1, "is not a good signature");

    // Signed by another key, that key stated in fund_signers too.
    let dir = copy(&clean, "resigned");
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(&fund, PASSPHRASE))
        .args(["ballot", "sign", "--force", "--key"])
        .arg(&other)
        .arg(dir.join("MANIFEST.csv"));
    // `ballot sign` signs in the ballot namespace: the forger uses ssh-keygen
    // or this library; here the namespace already fails it.
    run_command(&mut cmd).ok();
    finds(&dir, None, Some("B131"));
    // --signer-key with another key than the one that signed.
    finds(&clean, Some(&other_pub), Some("B132"));
    script(&clean, Some(&other_pub), 1, "was not made by the key of");

    // The signature removed: fund_signers gives it away, and --signer-key
    // requires it.
    let dir = copy(&clean, "unsigned");
    std::fs::remove_file(dir.join("MANIFEST.csv.sig")).unwrap();
    finds(&dir, None, Some("B133"));
    finds(&dir, Some(&fund_pub), Some("B132"));
    script(&dir, None, 1, "the signature was removed");
    script(&dir, Some(&fund_pub), 1, "--signer-key requires it");

    // An unsigned bundle: fine alone, a finding when a signature is
    // required.
    let plain_out = fund.path("plain");
    fund.ok(&[&EXPORT_Q1[..], &["--out", plain_out.to_str().unwrap()]].concat());
    let plain = fund.path("plain");
    assert!(!plain.join("fund_signers").exists());
    finds(&plain, None, None);
    finds(&plain, Some(&fund_pub), Some("B132"));
    script(&plain, None, 0, "no problems");
    script(&plain, Some(&fund_pub), 1, "MANIFEST.csv.sig: is missing");

    // A changed fingerprint in README.txt, resealed and signed again: both
    // checkers compare it with BUNDLE.csv.
    let dir = copy(&clean, "readme");
    let head = fund.fingerprint();
    tamper(&dir, "README.txt", |t| {
        t.replacen(
            &format!("  {head}\n"),
            &format!("  {}\n", "1".repeat(64)),
            1,
        )
    });
    let run = verify(&dir, None);
    assert!(
        run.stdout
            .contains("B118 README.txt: does not state the fingerprint"),
        "{}",
        run.stdout
    );
    script(
        &dir,
        None,
        1,
        "README.txt: does not state the fingerprint of BUNDLE.csv",
    );
}

#[test]
fn only_a_registered_fund_key_signs_and_bad_keys_write_nothing() {
    let fund = fund();
    let key = fondo_key(&fund, "fund-key");
    let refuse = |name: &str, key: &Path, passphrase: &str, needles: &[&str]| {
        let before = fund.snapshot();
        export(&fund, name, key, passphrase).error(needles);
        assert!(!fund.path(name).exists(), "{name} was written");
        assert_eq!(fund.snapshot(), before);
    };
    // Not registered yet.
    refuse(
        "not-yet",
        &key,
        PASSPHRASE,
        &[
            "fund-key",
            "is not a key of the fund",
            "the fund has no key yet",
        ],
    );
    register(&fund, &key);
    // A member's key is no fund key.
    let ana = fondo_key(&fund, "ana-key");
    fund.ok(&["member", "key", "add", "Ana", "--key-file", &public(&ana)]);
    refuse(
        "member",
        &ana,
        PASSPHRASE,
        &[
            "ana-key",
            "is not a key of the fund",
            "the fund's keys: SHA256:",
        ],
    );
    // Unreadable, a wrong passphrase, a public key, not ed25519.
    refuse(
        "missing",
        &fund.path("no-such-key"),
        PASSPHRASE,
        &["no-such-key"],
    );
    refuse(
        "wrong",
        &key,
        "not the passphrase",
        &["fund-key", "the passphrase does not open it"],
    );
    refuse(
        "public",
        Path::new(&public(&key)),
        PASSPHRASE,
        &["not an OpenSSH private key"],
    );
    if let Some(ecdsa) = ssh_key(&fund, "ecdsa-key", "ecdsa") {
        refuse("ecdsa", &ecdsa, PASSPHRASE, &["ecdsa-key"]);
    }
    // A key registered after the moment of the export is not in force yet.
    let later = fondo_key(&fund, "later-key");
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(&later),
        "--at",
        "2026-06-01T10:00",
    ]);
    refuse(
        "later",
        &later,
        PASSPHRASE,
        &["later-key", "is not a key of the fund"],
    );
    // The registered one signs.
    export(&fund, "ok", &key, PASSPHRASE).ok();
    // A bad --signer-key file is an error, not a finding.
    let run = verify(
        &fund.path("ok"),
        Some(fund.path("no-such.pub").to_str().unwrap()),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such.pub"), "{}", run.stderr);
}

#[test]
fn the_forum_page_names_the_manifest_digest_of_a_bundle_of_the_same_books() {
    let fund = fund();
    let key = fondo_key(&fund, "fund-key");
    register(&fund, &key);
    export(&fund, "b", &key, PASSPHRASE).ok();
    let dir = fund.path("b");
    let manifest = sha256(&std::fs::read(dir.join("MANIFEST.csv")).unwrap());
    let page = |bundle: &Path, period: &str| {
        fund.run(&[
            "report",
            "forum",
            "--period",
            period,
            "--format",
            "md",
            "--bundle",
            bundle.to_str().unwrap(),
        ])
    };
    let md = page(&dir, "2026-Q1").ok();
    let shown = md
        .split("Audit bundle of the period: SHA-256 of its MANIFEST.csv:\n\n    ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(shown, manifest);
    assert!(md.contains(&fund.fingerprint()));
    // Without --bundle there is no digest to show.
    let plain = fund.ok(&["report", "forum", "--period", "2026-Q1", "--format", "md"]);
    assert!(!plain.contains("MANIFEST.csv:"), "{plain}");
    // Another period, books that went on, a bundle with findings: refused.
    page(&dir, "2026-Q2").error(&["states from 2026-01-01, but the page's is 2026-04-01"]);
    let changed = copy(&dir, "changed");
    tamper(&changed, "README.txt", |t| {
        t.replacen("Audit bundle", "Audit  bundle", 1)
    });
    page(&changed, "2026-Q1").error(&["has 1 finding (the first: B131"]);
    fund.ok(&[
        "contribute",
        "5.00",
        "USD",
        "--from",
        "Bruno",
        "--date",
        "2026-03-02",
    ]);
    let out = fund.path("forum.md");
    let run = fund.run(&[
        "report",
        "forum",
        "--period",
        "2026-Q1",
        "--bundle",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    run.error(&["states fingerprint", "from the books as they are now"]);
    assert!(!out.exists());
}

#[test]
fn the_script_says_when_ssh_keygen_is_missing() {
    let Some(shim) = oracle("python3", "apt-get install python3") else {
        return;
    };
    // The interpreter itself (a version manager's shim needs a shell on
    // the PATH).
    let real = Command::new(shim)
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .unwrap();
    let python = PathBuf::from(String::from_utf8(real.stdout).unwrap().trim());
    let fund = fund();
    let key = fondo_key(&fund, "fund-key");
    register(&fund, &key);
    export(&fund, "b", &key, PASSPHRASE).ok();
    // A PATH that has python3 and nothing else.
    let bin = fund.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(&python, bin.join("python3")).unwrap();
    let run = |signer: Option<&str>| {
        let mut cmd = Command::new(&python);
        cmd.env("PATH", &bin)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py"));
        if let Some(key) = signer {
            cmd.args(["--signer-key", key]);
        }
        cmd.arg(fund.path("b")).output().unwrap()
    };
    let out = run(None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ssh-keygen (OpenSSH) is not installed"));
    let out = run(Some(&public(&key)));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("apt install openssh-client"));
}
