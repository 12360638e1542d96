//! Signed votes (issue 11): members' OpenSSH keys as governance records,
//! `fondo key gen`, ballots signed with fondo or stock `ssh-keygen` (each
//! checked by the other), votes recorded from signed ballots, the
//! `--signed-votes required` policy, and every bad input refused with exit
//! 2 and nothing written.
//!
//! Every command gets an explicit `--at`; `ssh-keygen` comes through
//! `common::oracle` (skipped when it is not installed, required in CI).

mod common;

use std::path::{Path, PathBuf};

use common::oracle::oracle;
use common::{Fund, FundBuilder, command, run_command};

const PASSPHRASE: &str = "correct horse battery staple";
const SSH_KEYGEN_INSTALL: &str = "`apt-get install openssh-client`";

/// The books, the records' head and the keys: equal before and after a
/// refused command.
fn state(fund: &Fund) -> String {
    let mut text = fund.snapshot();
    text.push_str(&fund.ok(&["fund", "show", "--format", "csv"]));
    text.push_str(&fund.ok(&["member", "key", "list", "--format", "csv"]));
    text
}

fn refused(fund: &Fund, args: &[&str], needles: &[&str]) -> String {
    let before = state(fund);
    let stderr = fund.fail(args, needles);
    assert_eq!(state(fund), before, "a refused command changed the books");
    stderr
}

/// Writes the test passphrase to a file and returns its path.
fn passphrase_file(fund: &Fund) -> PathBuf {
    fund.write("passphrase", format!("{PASSPHRASE}\n"))
}

/// `fondo key gen --out NAME` in the fund's directory.
fn fondo_key(fund: &Fund, name: &str) -> PathBuf {
    let out = fund.path(name);
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(fund))
        .args(["key", "gen", "--out"])
        .arg(&out);
    let printed = run_command(&mut cmd).ok();
    assert!(printed.contains("fingerprint SHA256:"), "{printed}");
    out
}

/// `ssh-keygen -t ed25519` without a passphrase, if ssh-keygen is there.
fn ssh_key(fund: &Fund, name: &str) -> Option<PathBuf> {
    let tool = oracle("ssh-keygen", SSH_KEYGEN_INSTALL)?;
    let out = fund.path(name);
    let status = std::process::Command::new(tool)
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&out)
        .status()
        .expect("running ssh-keygen");
    assert!(status.success());
    Some(out)
}

fn pub_of(key: &Path) -> String {
    format!("{}.pub", key.display())
}

fn stewards() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .members(&["Ana", "Bruno", "Carmen"])
        .stewards(&["Ana", "Bruno"], "2025-01-01")
        .build()
}

#[test]
fn key_gen_writes_a_protected_pair_and_never_overwrites() {
    let fund = Fund::empty();
    let key = fondo_key(&fund, "ana-fondo");
    let private = std::fs::read_to_string(&key).unwrap();
    assert!(private.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
    let public = std::fs::read_to_string(pub_of(&key)).unwrap();
    assert!(public.starts_with("ssh-ed25519 AAAA") && public.trim_end().ends_with(" ana-fondo"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner reads a private key");
    }
    let mut again = command();
    again
        .env("FONDO_PASSPHRASE_FILE", passphrase_file(&fund))
        .args(["key", "gen", "--out"])
        .arg(&key);
    run_command(&mut again).error(&["exists", "--force"]);
    assert_eq!(std::fs::read_to_string(&key).unwrap(), private);
    // Without a terminal or a passphrase file there is nobody to ask.
    let mut quiet = command();
    quiet.args(["key", "gen", "--out"]).arg(fund.path("other"));
    run_command(&mut quiet).error(&["FONDO_PASSPHRASE_FILE"]);
    assert!(!fund.path("other").exists());
    // Stock OpenSSH opens it with the passphrase, and finds the same key.
    let Some(tool) = oracle("ssh-keygen", SSH_KEYGEN_INSTALL) else {
        return;
    };
    let out = std::process::Command::new(tool)
        .args(["-y", "-P", PASSPHRASE, "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let derived = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        derived.split_whitespace().take(2).collect::<Vec<_>>(),
        public.split_whitespace().take(2).collect::<Vec<_>>()
    );
}

#[test]
fn keys_are_records_that_belong_to_one_member() {
    let fund = stewards();
    let ana = fondo_key(&fund, "ana");
    let out = fund.ok(&[
        "member",
        "key",
        "add",
        "Ana",
        "--key-file",
        &pub_of(&ana),
        "--at",
        "2025-01-02T10:00",
    ]);
    assert!(
        out.starts_with("key SHA256:") && out.trim_end().ends_with(" is Ana's"),
        "{out}"
    );
    let fingerprint = out.split_whitespace().nth(1).unwrap().to_owned();
    let bruno = fondo_key(&fund, "bruno");
    let line = std::fs::read_to_string(pub_of(&bruno)).unwrap();
    fund.ok(&[
        "member",
        "key",
        "add",
        "Bruno",
        "--key",
        line.trim(),
        "--at",
        "2025-01-02T11:00",
    ]);
    let list = fund.ok(&["member", "key", "list", "--format", "csv"]);
    let rows = common::csv_rows(&list);
    assert!(list.starts_with("member,fingerprint,key,added,revoked,reason\n"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "Ana");
    assert_eq!(rows[0][1], fingerprint);
    assert!(
        !rows[0][2].contains("ana"),
        "the key's comment is not stored"
    );
    assert_eq!(rows[0][3], "2025-01-02T10:00:00");
    let json = fund.ok(&["member", "key", "list", "Bruno", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 1);
    assert_eq!(value[0]["member"], "Bruno");

    // One key, one member; a key is registered once.
    refused(
        &fund,
        &[
            "member",
            "key",
            "add",
            "Carmen",
            "--key-file",
            &pub_of(&ana),
            "--at",
            "2025-01-03",
        ],
        &["registered to another member (Ana)"],
    );
    refused(
        &fund,
        &[
            "member",
            "key",
            "add",
            "Ana",
            "--key-file",
            &pub_of(&ana),
            "--at",
            "2025-01-03",
        ],
        &["already registered to Ana"],
    );
    // Other key types, and what is no key at all.
    let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEw8HIxdOQNRBvj1Bm0mYoVUw7cllPSznEaciqb+wMpYbTkKRZNpR6Z9SPMSiXp9G+5LDS9mkuX9/SfCHGIa4fc= x";
    refused(
        &fund,
        &["member", "key", "add", "Carmen", "--key", ecdsa],
        &["key --key", "ecdsa-sha2-nistp256", "only ssh-ed25519"],
    );
    let junk = fund.write("junk.pub", "ssh-ed25519 not-base64 x\n");
    refused(
        &fund,
        &[
            "member",
            "key",
            "add",
            "Carmen",
            "--key-file",
            junk.to_str().unwrap(),
        ],
        &["junk.pub", "not an OpenSSH public key"],
    );
    refused(
        &fund,
        &[
            "member",
            "key",
            "add",
            "Carmen",
            "--key-file",
            ana.to_str().unwrap(),
        ],
        &["not an OpenSSH public key"],
    );
    refused(
        &fund,
        &["member", "key", "add", "Nadie", "--key", line.trim()],
        &["unknown member"],
    );

    // Revoking keeps the history.
    refused(
        &fund,
        &[
            "member",
            "key",
            "revoke",
            "Bruno",
            &fingerprint,
            "--reason",
            "lost",
        ],
        &["Bruno holds no key"],
    );
    refused(
        &fund,
        &[
            "member",
            "key",
            "revoke",
            "Ana",
            &fingerprint,
            "--reason",
            " ",
        ],
        &["reason"],
    );
    refused(
        &fund,
        &[
            "member",
            "key",
            "revoke",
            "Ana",
            &fingerprint,
            "--reason",
            "lost",
            "--at",
            "2025-01-01",
        ],
        &["Ana holds no key"],
    );
    fund.ok(&[
        "member",
        "key",
        "revoke",
        "Ana",
        &fingerprint,
        "--reason",
        "laptop stolen",
        "--at",
        "2025-02-01T09:00",
    ]);
    let rows = common::csv_rows(&fund.ok(&["member", "key", "list", "Ana", "--format", "csv"]));
    assert_eq!(rows[0][4..], ["2025-02-01T09:00:00", "laptop stolen"]);
    refused(
        &fund,
        &[
            "member",
            "key",
            "revoke",
            "Ana",
            &fingerprint,
            "--reason",
            "again",
            "--at",
            "2025-03-01",
        ],
        &["Ana holds no key"],
    );
    refused(
        &fund,
        &["member", "key", "add", "Ana", "--key-file", &pub_of(&ana)],
        &["was revoked"],
    );
    fund.ok(&["verify"]);
}

#[test]
fn the_fund_has_a_stable_id_and_its_own_key() {
    let fund = stewards();
    let show = || common::csv_rows(&fund.ok(&["fund", "show", "--format", "csv"]));
    let rows = show();
    assert_eq!(rows[0][0], "id");
    let id = rows[0][1].clone();
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    let key = fondo_key(&fund, "fund-key");
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &pub_of(&key),
        "--at",
        "2025-01-02",
    ]);
    let rows = show();
    assert_eq!(rows[0][1], id, "the id does not change");
    assert!(
        rows.iter()
            .any(|r| r[0] == "key" && r[1].starts_with("SHA256:"))
    );
    refused(
        &fund,
        &["fund", "key", "add", "--key-file", &pub_of(&key)],
        &["already the fund's key"],
    );
    refused(
        &fund,
        &["member", "key", "add", "Ana", "--key-file", &pub_of(&key)],
        &["the fund's own key"],
    );
}

#[test]
fn fondo_and_ssh_keygen_make_the_same_signature() {
    let fund = Fund::empty();
    let Some(key) = ssh_key(&fund, "steward") else {
        return;
    };
    let tool = oracle("ssh-keygen", SSH_KEYGEN_INSTALL).unwrap();
    let ballot = fund.write("b.txt", "some text\n");
    let mine = fund.write("mine.txt", "some text\n");
    let mut sign = command();
    sign.args(["ballot", "sign"])
        .arg(&mine)
        .arg("--key")
        .arg(&key);
    run_command(&mut sign).ok();
    let status = std::process::Command::new(&tool)
        .args(["-q", "-Y", "sign", "-n", "fondo-ballot", "-f"])
        .arg(&key)
        .arg(&ballot)
        .status()
        .unwrap();
    assert!(status.success());
    // ed25519 signatures are deterministic: the same bytes, in the same form.
    let theirs = std::fs::read_to_string(fund.path("b.txt.sig")).unwrap();
    let ours = std::fs::read_to_string(fund.path("mine.txt.sig")).unwrap();
    assert_eq!(ours, theirs);
    // And stock OpenSSH checks fondo's.
    let signers = fund.write(
        "allowed_signers",
        format!("steward {}", std::fs::read_to_string(pub_of(&key)).unwrap()),
    );
    let out = std::process::Command::new(&tool)
        .args(["-Y", "verify", "-f"])
        .arg(&signers)
        .args(["-I", "steward", "-n", "fondo-ballot", "-s"])
        .arg(fund.path("mine.txt.sig"))
        .stdin(std::fs::File::open(&mine).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A second signature is never written over the first.
    let mut again = command();
    again
        .args(["ballot", "sign"])
        .arg(&mine)
        .arg("--key")
        .arg(&key);
    run_command(&mut again).error(&["mine.txt.sig exists"]);
    let mut public = command();
    public
        .args(["ballot", "sign"])
        .arg(&mine)
        .arg("--key")
        .arg(pub_of(&key))
        .arg("--force");
    run_command(&mut public).error(&["not an OpenSSH private key"]);
}
