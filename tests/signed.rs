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
        &[
            "key --key: a ecdsa-sha2-nistp256 key; fondo accepts only ssh-ed25519 keys (make one with `fondo key gen` or `ssh-keygen -t ed25519`)",
        ],
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
        &[
            "Bruno holds no key",
            "in force at",
            "; see their keys with `member key list`",
        ],
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

const BANK: &str = "assets:bank:usd";

/// Ana and Bruno steward the housing pool, whose policy takes signed votes
/// only; Carmen applied for G-0001 (window 72h from 2025-02-01T10:00).
fn signed_pool(required: bool) -> Fund {
    let mut rule = "consent --min-consents 2 --window 72h".to_owned();
    if required {
        rule.push_str(" --signed-votes required");
    }
    FundBuilder::new()
        .currency("USD")
        .account(BANK)
        .pool("housing", "Rent and utilities")
        .members(&["Ana", "Bruno", "Carmen", "Dario"])
        .stewards(&["Ana", "Bruno", "Dario"], "2025-01-01")
        .anonymous_contribution("2000 USD", Some("housing"), "2025-01-10")
        .with(&["--into", BANK])
        .policy("housing", &rule, "2025-01-15")
        .application(
            "Carmen",
            "housing",
            "600.00 USD",
            "rent",
            "2025-02-01T10:00",
        )
        .build()
}

/// Registers a key pair for `member`: made by ssh-keygen when `stock` and it
/// is installed, else by `fondo key gen`.
fn register(fund: &Fund, member: &str, stock: bool, at: &str) -> PathBuf {
    let name = member.to_lowercase();
    let key = match stock.then(|| ssh_key(fund, &name)).flatten() {
        Some(key) => key,
        None => fondo_key(fund, &name),
    };
    fund.ok(&[
        "member",
        "key",
        "add",
        member,
        "--key-file",
        &pub_of(&key),
        "--at",
        at,
    ]);
    key
}

/// `grant ballot` into a file; returns its path.
fn ballot(fund: &Fund, member: &str, choice: &str, at: &str, extra: &[&str]) -> PathBuf {
    let file = fund.path(&format!(
        "G-0001-{}-{}.txt",
        member.to_lowercase(),
        at.replace(':', "")
    ));
    let mut args = vec![
        "grant", "ballot", "G-0001", "--as", member, choice, "--at", at, "--out",
    ];
    let out = file.to_str().unwrap().to_owned();
    args.push(&out);
    args.extend_from_slice(extra);
    fund.ok(&args);
    file
}

/// Signs with fondo (the key's passphrase from the test's file).
fn fondo_sign(fund: &Fund, file: &Path, key: &Path) {
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(fund))
        .args(["ballot", "sign"])
        .arg(file)
        .arg("--key")
        .arg(key)
        .arg("--force");
    run_command(&mut cmd).ok();
}

/// Signs with ssh-keygen in `namespace`, when it is installed and the key
/// has no passphrase.
fn stock_sign(file: &Path, key: &Path, namespace: &str) -> bool {
    let Some(tool) = oracle("ssh-keygen", SSH_KEYGEN_INSTALL) else {
        return false;
    };
    let _ = std::fs::remove_file(format!("{}.sig", file.display()));
    let status = std::process::Command::new(tool)
        .args(["-q", "-Y", "sign", "-n", namespace, "-P", PASSPHRASE, "-f"])
        .arg(key)
        .arg(file)
        .status()
        .expect("running ssh-keygen");
    assert!(status.success());
    true
}

fn vote(fund: &Fund, file: &Path) -> String {
    fund.ok(&["grant", "vote", "--ballot", file.to_str().unwrap()])
}

#[test]
fn signed_ballots_from_fondo_and_ssh_keygen_decide_a_grant() {
    let fund = signed_pool(true);
    let ana = register(&fund, "Ana", false, "2025-01-20");
    let bruno = register(&fund, "Bruno", true, "2025-01-20");
    let text = fund.ok(&[
        "grant",
        "ballot",
        "G-0001",
        "--as",
        "Ana",
        "consent",
        "--at",
        "2025-02-01T12:00",
    ]);
    let id = common::csv_rows(&fund.ok(&["fund", "show", "--format", "csv"]))[0][1].clone();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "fondo-ballot-v1");
    assert_eq!(lines[1], format!("fund: {id}"));
    assert_eq!(lines[2], "grant: G-0001");
    assert!(lines[3].starts_with("application: ") && common::is_hash(&lines[3][13..]));
    assert_eq!(
        lines[4..],
        [
            "voter: 1",
            "choice: consent",
            "reason:",
            "time: 2025-02-01T12:00:00"
        ]
    );

    // An unsigned vote is refused under the policy.
    refused(
        &fund,
        &[
            "grant",
            "vote",
            "G-0001",
            "consent",
            "--as",
            "Ana",
            "--at",
            "2025-02-01T12:00",
        ],
        &[
            "takes only signed votes; Ana votes with a signed ballot (`grant ballot`, then `grant vote --ballot`)",
        ],
    );
    let a = ballot(&fund, "Ana", "consent", "2025-02-01T12:00", &[]);
    fondo_sign(&fund, &a, &ana);
    let out = vote(&fund, &a);
    assert!(
        out.starts_with("Ana votes consent on G-0001 (signed with SHA256:"),
        "{out}"
    );
    let b = ballot(&fund, "Bruno", "consent", "2025-02-02T09:00", &[]);
    if !stock_sign(&b, &bruno, "fondo-ballot") {
        fondo_sign(&fund, &b, &bruno);
    }
    vote(&fund, &b);
    let decided = fund.ok(&["grant", "decide", "G-0001", "--at", "2025-02-04T10:00"]);
    assert!(decided.starts_with("G-0001 approved"), "{decided}");
    fund.ok(&["verify"]);
}

#[test]
fn every_bad_ballot_or_signature_is_refused_and_nothing_is_written() {
    let fund = signed_pool(true);
    let ana = register(&fund, "Ana", false, "2025-01-20");
    let bruno = register(&fund, "Bruno", true, "2025-01-20");
    let good = ballot(&fund, "Ana", "consent", "2025-02-01T12:00", &[]);
    // The ballot file is never written over without --force.
    let written = std::fs::read_to_string(&good).unwrap();
    let good_arg = good.to_str().unwrap();
    let again = [
        "grant",
        "ballot",
        "G-0001",
        "--as",
        "Ana",
        "object",
        "--reason",
        "no",
        "--at",
        "2025-02-01T12:00",
        "--out",
        good_arg,
    ];
    refused(&fund, &again, &[good_arg, "exists", "--force"]);
    assert_eq!(std::fs::read_to_string(&good).unwrap(), written);
    fondo_sign(&fund, &good, &ana);
    let text = std::fs::read_to_string(&good).unwrap();
    let sig = std::fs::read_to_string(format!("{}.sig", good.display())).unwrap();
    let try_ballot = |name: &str, ballot: &str, signature: &str, needles: &[&str]| {
        let file = fund.write(name, ballot);
        fund.write(&format!("{name}.sig"), signature);
        refused(
            &fund,
            &["grant", "vote", "--ballot", file.to_str().unwrap()],
            needles,
        )
    };
    // Malformed: a line changed, spaces, line endings.
    try_ballot(
        "m1.txt",
        &text.replace("choice: consent", "choice: yes"),
        &sig,
        &["m1.txt, line 6", "no choice"],
    );
    try_ballot(
        "m2.txt",
        &text.replace('\n', "\r\n"),
        &sig,
        &["m2.txt, line 1"],
    );
    try_ballot(
        "m3.txt",
        &format!("{text}\n"),
        &sig,
        &["m3.txt, line 9", "canonical form"],
    );
    // Changed after signing: the signature no longer matches.
    let abstain = text.replace("choice: consent", "choice: abstain");
    try_ballot(
        "changed.txt",
        &abstain,
        &sig,
        &["changed.txt.sig", "does not match"],
    );
    // Not a signature at all.
    try_ballot(
        "nosig.txt",
        &text,
        "hello\n",
        &["nosig.txt.sig", "not an SSH signature"],
    );
    // Another grant, another fund.
    let other_grant = text.replace("grant: G-0001", "grant: G-0002");
    try_ballot(
        "g2.txt",
        &other_grant,
        &sig,
        &["g2.txt, line 3", "G-0002 is no grant"],
    );
    let other = signed_pool(true);
    let stranger = other.ok(&[
        "grant",
        "ballot",
        "G-0001",
        "--as",
        "Ana",
        "consent",
        "--at",
        "2025-02-01T12:00",
    ]);
    try_ballot(
        "fund2.txt",
        &stranger,
        &sig,
        &["fund2.txt, line 2", "another fund"],
    );
    let replayed = text.replacen(
        &text.lines().nth(1).unwrap().to_owned(),
        stranger.lines().nth(1).unwrap(),
        1,
    );
    let replayed = replayed.replacen(
        text.lines().nth(1).unwrap(),
        stranger.lines().nth(1).unwrap(),
        1,
    );
    try_ballot("fund3.txt", &replayed, &sig, &["line 2", "another fund"]);
    let hash_swapped = text.replace(
        text.lines().nth(3).unwrap(),
        stranger.lines().nth(3).unwrap(),
    );
    try_ballot(
        "app.txt",
        &hash_swapped,
        &sig,
        &["app.txt, line 4", "another grant or another fund"],
    );
    // Another member's key: Ana's signature on Bruno's ballot.
    let for_bruno = ballot(&fund, "Bruno", "consent", "2025-02-01T12:30", &[]);
    fondo_sign(&fund, &for_bruno, &ana);
    refused(
        &fund,
        &["grant", "vote", "--ballot", for_bruno.to_str().unwrap()],
        &["registered to another member", "the voter is Bruno"],
    );
    // A key nobody registered.
    let loose = fondo_key(&fund, "loose");
    fondo_sign(&fund, &good, &loose);
    refused(
        &fund,
        &["grant", "vote", "--ballot", good.to_str().unwrap()],
        &["not registered to any member"],
    );
    // Another namespace (stock OpenSSH signs in any).
    if stock_sign(&for_bruno, &bruno, "file") {
        refused(
            &fund,
            &["grant", "vote", "--ballot", for_bruno.to_str().unwrap()],
            &["namespace \"file\"", "-n fondo-ballot"],
        );
    }
    // A revoked key: revoked before the ballot's time.
    let fp = common::csv_rows(&fund.ok(&["member", "key", "list", "Ana", "--format", "csv"]))[0][1]
        .clone();
    fund.ok(&[
        "member",
        "key",
        "revoke",
        "Ana",
        &fp,
        "--reason",
        "lost",
        "--at",
        "2025-02-01T11:00",
    ]);
    fondo_sign(&fund, &good, &ana);
    refused(
        &fund,
        &["grant", "vote", "--ballot", good.to_str().unwrap()],
        &["was revoked at 2025-02-01T11:00:00 (lost)"],
    );
    // A reason that cannot stand on the ballot's one reason line.
    let two_lines = fund.path("two-lines.txt");
    refused(
        &fund,
        &[
            "grant",
            "ballot",
            "G-0001",
            "--as",
            "Bruno",
            "object",
            "--reason",
            "too\nsoon",
            "--at",
            "2025-02-03T10:00",
            "--out",
            two_lines.to_str().unwrap(),
        ],
        &["a ballot's reason is one line, without control characters"],
    );
    assert!(!two_lines.exists(), "no ballot is written");
    // Outside the window: a ballot is not even written, and a hand-made
    // one is refused.
    fund.fail(
        &[
            "grant",
            "ballot",
            "G-0001",
            "--as",
            "Bruno",
            "consent",
            "--at",
            "2025-02-05T10:00",
        ],
        &["takes votes from 2025-02-01T10:00:00 until 2025-02-04T10:00:00"],
    );
    let late = ballot(&fund, "Bruno", "consent", "2025-02-03T10:00", &[]);
    let late_text = std::fs::read_to_string(&late)
        .unwrap()
        .replace("2025-02-03T10:00:00", "2025-02-04T10:00:00");
    std::fs::write(&late, &late_text).unwrap();
    if !stock_sign(&late, &bruno, "fondo-ballot") {
        fondo_sign(&fund, &late, &bruno);
    }
    refused(
        &fund,
        &["grant", "vote", "--ballot", late.to_str().unwrap()],
        &["window of G-0001 closed"],
    );
    // The applicant may not vote, signed or not.
    let carmen = register(&fund, "Carmen", false, "2025-01-20");
    fund.fail(
        &[
            "grant",
            "ballot",
            "G-0001",
            "--as",
            "Carmen",
            "consent",
            "--at",
            "2025-02-01T12:00",
        ],
        &["is the applicant"],
    );
    let own = text.replace("voter: 1", "voter: 3");
    let own_file = fund.write("own.txt", &own);
    fondo_sign(&fund, &own_file, &carmen);
    refused(
        &fund,
        &["grant", "vote", "--ballot", own_file.to_str().unwrap()],
        &["is the applicant and must recuse"],
    );
    // A named grant must be the ballot's.
    let dario_key = register(&fund, "Dario", false, "2025-01-20");
    let dario = ballot(&fund, "Dario", "consent", "2025-02-01T13:00", &[]);
    fondo_sign(&fund, &dario, &dario_key);
    refused(
        &fund,
        &[
            "grant",
            "vote",
            "G-0002",
            "--ballot",
            dario.to_str().unwrap(),
        ],
        &["line 3", "not on G-0002"],
    );
    let out = vote(&fund, &dario);
    assert!(out.starts_with("Dario votes consent on G-0001"), "{out}");
    fund.ok(&["verify"]);
}

#[test]
fn a_policy_requiring_signed_votes_binds_later_applications_and_carries_over() {
    // Optional first: Ana votes unsigned; then the pool requires signatures
    // for later applications only (a grant keeps its policy version).
    let fund = signed_pool(false);
    fund.ok(&[
        "grant",
        "vote",
        "G-0001",
        "consent",
        "--as",
        "Ana",
        "--at",
        "2025-02-01T11:00",
    ]);
    fund.ok(&[
        "grant",
        "vote",
        "G-0001",
        "consent",
        "--as",
        "Bruno",
        "--at",
        "2025-02-01T11:30",
    ]);
    fund.ok(&[
        "grant",
        "vote",
        "G-0001",
        "abstain",
        "--as",
        "Dario",
        "--at",
        "2025-02-01T11:40",
    ]);
    let decided = fund.ok(&["grant", "decide", "G-0001", "--at", "2025-02-01T12:00"]);
    assert!(decided.starts_with("G-0001 approved"), "{decided}");
    fund.ok(&[
        "policy",
        "set",
        "housing",
        "--rule",
        "consent",
        "--min-consents",
        "2",
        "--window",
        "72h",
        "--signed-votes",
        "required",
        "--at",
        "2025-02-02T00:00",
    ]);
    fund.ok(&[
        "grant",
        "apply",
        "--applicant",
        "Carmen",
        "--pool",
        "housing",
        "--amount",
        "100",
        "USD",
        "--purpose",
        "gas",
        "--at",
        "2025-02-03T10:00",
    ]);
    fund.fail(
        &[
            "grant",
            "vote",
            "G-0002",
            "consent",
            "--as",
            "Ana",
            "--at",
            "2025-02-03T11:00",
        ],
        &["takes only signed votes"],
    );
    // The next version keeps the requirement unless it says otherwise.
    fund.ok(&[
        "policy",
        "set",
        "housing",
        "--rule",
        "lazy",
        "--window",
        "24h",
        "--max-amount",
        "50",
        "USD",
        "--at",
        "2025-02-04T00:00",
    ]);
    let show = fund.ok(&["policy", "show", "housing", "--format", "json"]);
    assert_eq!(show.matches("signed votes only").count(), 2, "{show}");
}

/// A change made to a copy of a bundle (its directory, a ballot's file name).
type Change = fn(&Path, &str);

/// Issue 11: a bundle carries `allowed_signers` and each signed vote's
/// ballot and signature, so that anyone checks a steward's vote with stock
/// `ssh-keygen -Y verify`; both checkers compare the files with
/// records.csv, so a changed ballot, a missing one or a changed key is
/// found even after the manifest is resealed.
#[test]
fn a_bundle_lets_stock_ssh_keygen_check_every_signed_vote() {
    let fund = signed_pool(true);
    let ana = register(&fund, "Ana", false, "2025-01-20");
    let bruno = register(&fund, "Bruno", true, "2025-01-20");
    let a = ballot(&fund, "Ana", "consent", "2025-02-01T12:00", &[]);
    fondo_sign(&fund, &a, &ana);
    vote(&fund, &a);
    let b = ballot(&fund, "Bruno", "consent", "2025-02-02T09:00", &[]);
    if !stock_sign(&b, &bruno, "fondo-ballot") {
        fondo_sign(&fund, &b, &bruno);
    }
    vote(&fund, &b);
    fund.ok(&["grant", "decide", "G-0001", "--at", "2025-02-04T10:00"]);
    // Bruno's key is revoked later: his ballot still checks at its time.
    let fingerprint =
        common::csv_rows(&fund.ok(&["member", "key", "list", "Bruno", "--format", "csv"]))[0]
            .iter()
            .find(|c| c.starts_with("SHA256:"))
            .unwrap()
            .clone();
    fund.ok(&[
        "member",
        "key",
        "revoke",
        "Bruno",
        &fingerprint,
        "--reason",
        "laptop lost",
        "--at",
        "2025-03-01T09:00",
    ]);

    let dir = fund.audit_bundle("bundle", "2025-Q1", "public");
    let bundle = dir.display().to_string();
    fund.ok(&["verify", "--bundle", &bundle]);
    let readme = std::fs::read_to_string(dir.join("README.txt")).unwrap();
    assert!(
        readme.contains("ssh-keygen -Y verify -f allowed_signers -I VOTER -n fondo-ballot"),
        "{readme}"
    );
    let signers = std::fs::read_to_string(dir.join("allowed_signers")).unwrap();
    assert_eq!(signers.lines().count(), 2, "{signers}");
    assert!(
        signers
            .lines()
            .all(|l| l.contains("namespaces=\"fondo-ballot\""))
    );
    assert!(
        signers.contains("valid-before=\"20250301085959\""),
        "{signers}"
    );
    let ballots: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ballot-") && n.ends_with(".txt"))
        .collect();
    assert_eq!(ballots.len(), 2, "{ballots:?}");
    for name in &ballots {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(
            text,
            std::fs::read_to_string(if text.contains("voter: 1") { &a } else { &b }).unwrap()
        );
        let Some(tool) = oracle("ssh-keygen", SSH_KEYGEN_INSTALL) else {
            continue;
        };
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap()
                .to_owned()
        };
        let time: String = field("time: ")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let out = std::process::Command::new(tool)
            .current_dir(&dir)
            .args(["-Y", "verify", "-f", "allowed_signers", "-I"])
            .arg(field("voter: "))
            .args(["-n", "fondo-ballot", "-s"])
            .arg(format!("{name}.sig"))
            .arg(format!("-Overify-time={time}"))
            .stdin(std::fs::File::open(dir.join(name)).unwrap())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Each change is found by both checkers after the manifest is resealed.
    if let Some((code, said)) = common::verify_bundle_script(&dir) {
        assert_eq!(code, 0, "{said}");
    }
    let changes: [(&str, Change); 3] = [
        ("a changed ballot", |dir, name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            std::fs::write(dir.join(name), text.replace("consent", "object")).unwrap();
        }),
        ("a removed ballot", |dir, name| {
            std::fs::remove_file(dir.join(name)).unwrap();
        }),
        ("a changed key line", |dir, _| {
            let text = std::fs::read_to_string(dir.join("allowed_signers")).unwrap();
            let swapped: Vec<&str> = text.lines().rev().collect();
            std::fs::write(dir.join("allowed_signers"), swapped.join("\n") + "\n").unwrap();
        }),
    ];
    for (what, change) in changes {
        let copy = fund.path(&format!("changed-{}", what.replace(' ', "-")));
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
        change(&copy, &ballots[0]);
        common::tamper::reseal_bundle(&copy);
        let out = fund.run(&["verify", "--bundle", copy.to_str().unwrap()]);
        assert_eq!(out.code, 1, "{what}: {}", out.stdout);
        assert!(out.stdout.contains("B139"), "{what}: {}", out.stdout);
        if let Some((code, said)) = common::verify_bundle_script(&copy) {
            assert_eq!(code, 1, "{what}: {said}");
            assert!(said.contains("B139"), "{what}: {said}");
        }
    }
}
