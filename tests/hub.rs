//! The hub (issue 15): `fondo hub init`, `hub fund add|list|leave`, `hub
//! add BUNDLE_DIR`, `hub witness`, `hub status` and `fondo verify
//! --witness`, end to end with two funds' signed Q1 and Q2 bundles; every
//! bad input refused with a clear error and every hub table unchanged.

mod common;

use std::path::{Path, PathBuf};

use common::{Fund, FundBuilder, Run, command, run_command, run_on};
use rusqlite::Connection;
use tempfile::TempDir;

const PASSPHRASE: &str = "correct horse battery staple";

fn passphrase_file(fund: &Fund) -> PathBuf {
    let file = fund.write("pass", format!("{PASSPHRASE}\n"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    file
}

/// `fondo key gen --out NAME`.
fn key_gen(fund: &Fund, name: &str) -> PathBuf {
    let out = fund.path(name);
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", passphrase_file(fund))
        .args(["key", "gen", "--out"])
        .arg(&out);
    run_command(&mut cmd).ok();
    out
}

fn public(key: &Path) -> String {
    format!("{}.pub", key.display())
}

/// A fund with a registered signing key and a Q1 contribution.
fn fund(name: &str, currency: &str) -> (Fund, PathBuf) {
    let account = format!("assets:bank:{}", currency.to_lowercase());
    let fund = FundBuilder::new()
        .name(name)
        .currency(currency)
        .account(&account)
        .account("expenses:rent")
        .setting("contribution-account", &account)
        .members(&["Ana", "Bruno"])
        .contribution("Ana", &format!("50.00 {currency}"), None, "2026-02-01")
        .contribution("Bruno", &format!("7.25 {currency}"), None, "2026-03-02")
        .build();
    let key = key_gen(&fund, "fund-key");
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(&key),
        "--at",
        "2026-01-02T10:00",
    ]);
    (fund, key)
}

fn fund_id(db: &Path) -> String {
    let out = run_on(db, &["fund", "show", "--format", "csv"]).ok();
    out.lines()
        .find_map(|l| l.strip_prefix("id,"))
        .expect("fund show lists the id")
        .to_owned()
}

/// `export audit --period PERIOD --sign-with KEY` of the books at `db`
/// into `dir/NAME`.
fn export(db: &Path, dir: &Path, name: &str, period: &str, key: Option<&Path>) -> PathBuf {
    let out = dir.join(name);
    let pass = dir.join("pass");
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", &pass)
        .env("FONDO_NOW", "2026-07-01T12:00")
        .arg("--db")
        .arg(db)
        .args([
            "export",
            "audit",
            "--period",
            period,
            "--audience",
            "public",
        ])
        .arg("--out")
        .arg(&out);
    if let Some(key) = key {
        cmd.arg("--sign-with").arg(key);
    }
    run_command(&mut cmd).ok();
    out
}

/// `post` of rent paid from the bank (a transaction without a governance
/// record).
fn rent(db: &Path, money: &str, date: &str) {
    let bank = format!(
        "assets:bank:{}",
        money.split(' ').nth(1).unwrap().to_lowercase()
    );
    run_on(
        db,
        &[
            "post",
            "Rent",
            "--date",
            date,
            "-p",
            &format!("expenses:rent={money}"),
            "-p",
            &bank,
        ],
    )
    .ok();
}

fn contribute(db: &Path, who: &str, money: &str, date: &str) {
    let (amount, code) = money.split_once(' ').unwrap();
    run_on(
        db,
        &["contribute", amount, code, "--from", who, "--date", date],
    )
    .ok();
}

/// A hub file in its own directory.
struct Net {
    dir: TempDir,
    hub: PathBuf,
}

impl Net {
    fn new() -> Net {
        let dir = TempDir::new().unwrap();
        let hub = dir.path().join("north.db");
        let net = Net { dir, hub };
        let out = net.at(
            "2026-04-01T09:00",
            &["init", &net.hub.display().to_string(), "--name", "North"],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        net
    }

    /// `fondo hub --hub HUB ARGS…` with the clock at `now`.
    fn at(&self, now: &str, args: &[&str]) -> Run {
        let mut cmd = command();
        cmd.env("FONDO_NOW", now)
            .arg("hub")
            .arg("--hub")
            .arg(&self.hub)
            .args(args);
        run_command(&mut cmd)
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        self.at(now, args).ok()
    }

    fn register(&self, db: &Path, name: &str, key: &Path) -> String {
        let id = fund_id(db);
        self.ok(
            "2026-04-01T10:00",
            &[
                "fund",
                "add",
                &id,
                "--name",
                name,
                "--key-file",
                &public(key),
            ],
        );
        id
    }

    fn add(&self, now: &str, bundle: &Path) -> Run {
        self.at(now, &["add", &bundle.display().to_string()])
    }

    /// Every row of every table of the hub file, as text.
    fn dump(&self) -> String {
        let conn = Connection::open(&self.hub).unwrap();
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.sort();
        let mut text = String::new();
        for table in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let mut row = Vec::new();
                    for i in 0..columns {
                        row.push(format!("{:?}", r.get_ref(i)?));
                    }
                    Ok(row.join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            text.push_str(&format!("{table}\n{}\n", rows.join("\n")));
        }
        text
    }

    /// Runs `args`, asserts the error contract with `needles`, and that the
    /// hub file's tables are unchanged.
    fn refused(&self, args: &[&str], needles: &[&str]) -> String {
        let before = self.dump();
        let stderr = self.at("2026-07-02T09:00", args).error(needles);
        assert_eq!(self.dump(), before, "the hub changed: {stderr}");
        stderr
    }
}

/// Two funds, Barrio (A, USD) and Colonia (B, MXN), whose signed Q1 and Q2
/// bundles are added to one hub; A's books are backed up at the end of Q1.
struct World {
    net: Net,
    a: Fund,
    a_key: PathBuf,
    a_id: String,
    a_q1_backup: PathBuf,
    b: Fund,
    b_id: String,
}

fn world() -> World {
    let net = Net::new();
    let (a, a_key) = fund("Barrio", "USD");
    let (b, b_key) = fund("Colonia", "MXN");
    let a_id = net.register(&a.db, "Barrio", &a_key);
    let b_id = net.register(&b.db, "Colonia", &b_key);
    assert_ne!(a_id, b_id);
    // A backup after the first Q1 contribution only would need building
    // the books in two steps; the books after Q1 serve for the rewrite.
    let a_q1_backup = a.path("after-q1.db");
    a.ok(&["backup", &a_q1_backup.display().to_string()]);
    for (f, key) in [(&a, &a_key), (&b, &b_key)] {
        let q1 = export(&f.db, f.dir.path(), "q1", "2026-Q1", Some(key));
        let out = net.add("2026-04-02T09:00", &q1).ok();
        assert!(out.contains("added the 2026-Q1 bundle"), "{out}");
        assert!(out.contains("2 new transactions, 0 held before"), "{out}");
    }
    rent(&a.db, "20.00 USD", "2026-04-05");
    contribute(&b.db, "Bruno", "300.50 MXN", "2026-05-05");
    for (f, key) in [(&a, &a_key), (&b, &b_key)] {
        let q2 = export(&f.db, f.dir.path(), "q2", "2026-Q2", Some(key));
        let out = net.add("2026-07-01T09:00", &q2).ok();
        assert!(out.contains("added the 2026-Q2 bundle"), "{out}");
    }
    World {
        net,
        a,
        a_key,
        a_id,
        a_q1_backup,
        b,
        b_id,
    }
}

#[test]
fn two_funds_publish_q1_and_q2_and_the_hub_witnesses_both_chains() {
    let w = world();
    let list = w
        .net
        .ok("2026-07-01T10:00", &["fund", "list", "--format", "csv"]);
    assert!(
        list.starts_with("fund_id,name,fingerprint,key_added_at,left_at\n"),
        "{list}"
    );
    assert!(
        list.contains(&format!("{},Barrio,SHA256:", w.a_id)),
        "{list}"
    );
    assert!(
        list.contains(&format!("{},Colonia,SHA256:", w.b_id)),
        "{list}"
    );

    let witness = w
        .net
        .ok("2026-07-01T10:00", &["witness", &w.a_id, "--format", "csv"]);
    let rows: Vec<&str> = witness.lines().collect();
    assert_eq!(rows[0], "fund_id,chain,hash,position,seen_at,bundle");
    assert_eq!(rows.len(), 5, "two heads per bundle: {witness}");
    assert!(
        rows[1].starts_with(&format!("{},journal,", w.a_id)),
        "{witness}"
    );
    assert!(rows[1].contains(",2,2026-04-02T09:00:00Z,"), "{witness}");
    assert!(rows[3].contains(",3,2026-07-01T09:00:00Z,"), "{witness}");
    assert!(
        rows[2].starts_with(&format!("{},records,", w.a_id)),
        "{witness}"
    );
    let json = w.net.ok(
        "2026-07-01T10:00",
        &["witness", &w.b_id, "--format", "json"],
    );
    assert!(json.contains("\"chain\":\"records\""), "{json}");

    let status = w.net.ok("2026-07-01T10:00", &["status", "--format", "csv"]);
    assert!(
        status.starts_with("fund_id,name,bundles,last_period,journal_head,witnessed_at,findings\n"),
        "{status}"
    );
    assert!(status.contains(",Barrio,2,2026-Q2,"), "{status}");
    assert!(
        status.contains(",2026-07-01T09:00:00Z,\n"),
        "no findings: {status}"
    );

    // The fund proves its books extend every head the hub witnessed.
    let file = w.a.write("witness.csv", &witness);
    let both = format!(
        "{witness}{}",
        w.net
            .ok("2026-07-01T10:00", &["witness", &w.b_id, "--format", "csv"])
            .lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let file_both = w.a.write("witness-both.csv", &both);
    let out = run_on(
        &w.a.db,
        &["verify", "--witness", &file.display().to_string()],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("checked 4 heads of this fund"),
        "{}",
        out.stderr
    );
    let out = run_on(
        &w.a.db,
        &["verify", "--witness", &file_both.display().to_string()],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("4 rows of"),
        "other funds' rows noted: {}",
        out.stderr
    );

    // A fund leaves; what it published stays witnessed.
    let out = w.net.ok("2026-07-03T10:00", &["fund", "leave", &w.b_id]);
    assert!(
        out.contains("left the hub at 2026-07-03T10:00:00Z"),
        "{out}"
    );
    let status = w.net.at("2026-07-03T10:00", &["status"]);
    assert_eq!(status.code, 1, "{}", status.stdout);
    assert!(
        status
            .stdout
            .contains("left the hub at 2026-07-03T10:00:00Z"),
        "{}",
        status.stdout
    );
    assert_eq!(
        w.net
            .ok("2026-07-03T10:00", &["witness", &w.b_id, "--format", "csv"])
            .lines()
            .count(),
        5
    );
    contribute(&w.b.db, "Ana", "1.00 MXN", "2026-07-05");
    let q3 = export(
        &w.b.db,
        w.b.dir.path(),
        "q3",
        "2026-Q3",
        Some(&w.b.path("fund-key")),
    );
    w.net.refused(
        &["add", &q3.display().to_string()],
        &[&w.b_id, "left this hub at 2026-07-03T10:00:00Z"],
    );
    w.net
        .refused(&["fund", "leave", &w.b_id], &["left this hub"]);
}

#[test]
fn a_second_key_is_a_new_row_and_signs_later_bundles() {
    let w = world();
    let key2 = key_gen(&w.a, "second-key");
    w.a.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(&key2),
        "--at",
        "2026-07-01T10:00",
    ]);
    let out = w.net.ok(
        "2026-07-02T10:00",
        &[
            "fund",
            "add",
            &w.a_id,
            "--name",
            "Barrio",
            "--key-file",
            &public(&key2),
        ],
    );
    assert!(out.contains("added the key SHA256:"), "{out}");
    let list = w
        .net
        .ok("2026-07-02T10:00", &["fund", "list", "--format", "csv"]);
    assert_eq!(
        list.matches(&format!("{},Barrio,", w.a_id)).count(),
        2,
        "{list}"
    );
    w.net.refused(
        &[
            "fund",
            "add",
            &w.a_id,
            "--name",
            "Barrio",
            "--key-file",
            &public(&key2),
        ],
        &["has the key SHA256:", "already"],
    );
    w.net.refused(
        &[
            "fund",
            "add",
            &w.a_id,
            "--name",
            "Other",
            "--key-file",
            &public(&key2),
        ],
        &["registered as \"Barrio\""],
    );
    contribute(&w.a.db, "Ana", "3.00 USD", "2026-07-05");
    let q3 = export(&w.a.db, w.a.dir.path(), "q3", "2026-Q3", Some(&key2));
    w.net.add("2026-10-01T09:00", &q3).ok();
}

#[test]
fn bad_bundles_are_refused_and_the_hub_is_unchanged() {
    let w = world();
    let net = &w.net;
    let dir = w.a.dir.path();

    // Already added.
    let q2 = dir.join("q2");
    net.refused(
        &["add", &q2.display().to_string()],
        &["already added to this hub at 2026-07-01T09:00:00Z"],
    );

    // An unregistered fund.
    let (c, c_key) = fund("Pueblo", "EUR");
    let c_q1 = export(&c.db, c.dir.path(), "q1", "2026-Q1", Some(&c_key));
    let c_id = fund_id(&c.db);
    net.refused(
        &["add", &c_q1.display().to_string()],
        &[&c_id, "is not registered with this hub"],
    );

    // Unsigned.
    contribute(&w.a.db, "Ana", "1.00 USD", "2026-07-05");
    let unsigned = export(&w.a.db, dir, "q3-unsigned", "2026-Q3", None);
    net.refused(
        &["add", &unsigned.display().to_string()],
        &["it is not signed", &w.a_id],
    );

    // Signed by another key (C's key is no key of fund A): the bundle is
    // made by fund A's books with a key fund A registered, but the hub
    // does not hold it.
    let other = key_gen(&w.a, "other-key");
    w.a.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(&other),
        "--at",
        "2026-07-01T10:00",
    ]);
    let by_other = export(&w.a.db, dir, "q3-other", "2026-Q3", Some(&other));
    net.refused(
        &["add", &by_other.display().to_string()],
        &["it is signed by SHA256:", "which is not a key of fund"],
    );

    // Tampered: a plain edit, then resealed.
    let signed = export(&w.a.db, dir, "q3", "2026-Q3", Some(&w.a_key));
    let edited = dir.join("q3-edited");
    copy_dir(&signed, &edited);
    let journal = edited.join("journal.csv");
    let text = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(&journal, text.replace("1.00,USD", "9.00,USD")).unwrap();
    net.refused(
        &["add", &edited.display().to_string()],
        &[
            "its check has",
            "B102",
            "the hub takes only bundles without any",
        ],
    );
    common::tamper::reseal_bundle(&edited);
    net.refused(
        &["add", &edited.display().to_string()],
        &["its check has", "B1"],
    );

    // A fund file given as the hub, and a missing hub file.
    let mut cmd = command();
    cmd.args(["hub", "--hub"]).arg(&w.a.db).arg("status");
    run_command(&mut cmd).error(&["is not a fondo hub file (a fund's books, not a hub)"]);
    let mut cmd = command();
    cmd.args(["hub", "--hub"])
        .arg(net.dir.path().join("none.db"))
        .arg("status");
    run_command(&mut cmd).error(&["no hub file at", "none.db", "fondo hub init"]);
    // And the hub file given as a fund's books.
    run_on(&net.hub, &["verify"]).error(&["a fondo hub file, not a fund's books"]);
    // hub init never overwrites.
    let before = net.dump();
    net.at(
        "2026-07-02T09:00",
        &["init", &net.hub.display().to_string(), "--name", "X"],
    )
    .error(&["already exists"]);
    assert_eq!(net.dump(), before);

    // The good one still goes in after all that.
    net.add("2026-10-01T09:00", &signed).ok();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn rewritten_history_is_refused_and_verify_witness_finds_it() {
    let w = world();
    let witness = w
        .net
        .ok("2026-07-01T10:00", &["witness", &w.a_id, "--format", "csv"]);
    let witness_file = w.a.write("witness.csv", &witness);

    // Overlap: the books restored to their end of Q1, and another Q2
    // recorded: the bundle starts from the witnessed Q1 head, but its
    // transaction 3 is not the one the hub holds.
    let again = w.a.path("again.db");
    let mut cmd = command();
    cmd.arg("--db")
        .arg(&again)
        .arg("restore")
        .arg(&w.a_q1_backup);
    run_command(&mut cmd).ok();
    rent(&again, "19.00 USD", "2026-04-06");
    let other_q2 = export(
        &again,
        w.a.dir.path(),
        "q2-other",
        "2026-Q2",
        Some(&w.a_key),
    );
    w.net.refused(
        &["add", &other_q2.display().to_string()],
        &[
            "txn 3 disagrees with the hub's copy from bundle",
            "the hub holds hash",
        ],
    );
    let out = run_on(
        &again,
        &["verify", "--witness", &witness_file.display().to_string()],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("V143"), "{}", out.stdout);
    assert!(
        out.stdout.contains("witnessed at 2026-07-01T09:00:00Z"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("transaction 3 now has the hash"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_chain_that_does_not_extend_the_witnessed_head_is_refused_naming_both() {
    let net = Net::new();
    // One fund's books, backed up after its first contribution; the
    // original goes on to Q1's second contribution and publishes Q1 and Q2.
    let fund = FundBuilder::new()
        .name("Barrio")
        .currency("USD")
        .account("assets:bank:usd")
        .setting("contribution-account", "assets:bank:usd")
        .members(&["Ana", "Bruno"])
        .contribution("Ana", "50.00 USD", None, "2026-02-01")
        .build();
    let key = key_gen(&fund, "fund-key");
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public(&key),
        "--at",
        "2026-01-02T10:00",
    ]);
    let early = fund.path("early.db");
    fund.ok(&["backup", &early.display().to_string()]);
    let id = net.register(&fund.db, "Barrio", &key);
    contribute(&fund.db, "Bruno", "7.25 USD", "2026-03-02");
    let q1 = export(&fund.db, fund.dir.path(), "q1", "2026-Q1", Some(&key));
    net.add("2026-04-02T09:00", &q1).ok();
    let head = net.ok("2026-04-02T10:00", &["witness", &id, "--format", "csv"]);
    let journal_head = head
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .to_owned();

    // The early backup restored, Q1 recorded otherwise, then Q2.
    let rewritten = fund.path("rewritten.db");
    let mut cmd = command();
    cmd.arg("--db").arg(&rewritten).arg("restore").arg(&early);
    run_command(&mut cmd).ok();
    contribute(&rewritten, "Bruno", "70.25 USD", "2026-03-03");
    contribute(&rewritten, "Ana", "5.00 USD", "2026-04-05");
    let q2 = export(&rewritten, fund.dir.path(), "q2", "2026-Q2", Some(&key));
    let stderr = net.refused(
        &["add", &q2.display().to_string()],
        &[
            "its journal chain continues from",
            "which does not extend what this hub witnessed for fund",
            &format!("head {journal_head} (position 2), seen at 2026-04-02T09:00:00Z in bundle"),
        ],
    );
    let prev = std::fs::read_to_string(q2.join("BUNDLE.csv")).unwrap();
    let prev = prev
        .lines()
        .find_map(|l| l.strip_prefix("journal_prev_hash,"))
        .unwrap()
        .to_owned();
    assert!(
        stderr.contains(&prev),
        "names the bundle's previous hash: {stderr}"
    );

    let witness = fund.write("witness.csv", &head);
    let out = run_on(
        &rewritten,
        &["verify", "--witness", &witness.display().to_string()],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "V143 witness line 2: the journal head {journal_head} witnessed at 2026-04-02T09:00:00Z"
        )),
        "{}",
        out.stdout
    );
    let out = run_on(
        &fund.db,
        &["verify", "--witness", &witness.display().to_string()],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_malformed_witness_file_is_an_error_naming_line_and_column() {
    let fund = common::Fund::init(Some("USD"));
    let id = fund_id(&fund.db);
    let zeros = "0".repeat(64);
    for (text, needles) in [
        (
            "fund,chain\n".to_owned(),
            vec!["line 1, column fund_id", "the header must be"],
        ),
        (
            format!(
                "fund_id,chain,hash,position,seen_at,bundle\n{id},ledger,{zeros},0,x,{zeros}\n"
            ),
            vec!["line 2, column chain", "neither journal nor records"],
        ),
        (
            format!(
                "fund_id,chain,hash,position,seen_at,bundle\n{id},journal,{zeros},0,x,{zeros}\n{id},journal,abc,1,x,{zeros}\n"
            ),
            vec!["line 3, column hash", "not a hash"],
        ),
        (
            format!(
                "fund_id,chain,hash,position,seen_at,bundle\n{id},journal,{zeros},-1,x,{zeros}\n"
            ),
            vec!["line 2, column position", "not a whole number"],
        ),
        (
            format!("fund_id,chain,hash,position,seen_at,bundle\n{id},journal,{zeros}\n"),
            vec!["line 2, column row", "3 cells"],
        ),
    ] {
        let file = fund.write("witness.csv", &text);
        let mut needles = needles;
        needles.insert(0, "witness file");
        fund.fails_unchanged(
            &["verify", "--witness", &file.display().to_string()],
            &needles,
        );
    }
    let file = fund.write(
        "witness.csv",
        format!("fund_id,chain,hash,position,seen_at,bundle\n{id},journal,{zeros},0,x,{zeros}\n"),
    );
    fund.ok(&["verify", "--witness", &file.display().to_string()]);
}

#[test]
fn hub_fund_add_refuses_bad_input() {
    let net = Net::new();
    let fund = common::Fund::init(Some("USD"));
    let key = key_gen(&fund, "k");
    net.refused(
        &[
            "fund",
            "add",
            "xyz",
            "--name",
            "A",
            "--key-file",
            &public(&key),
        ],
        &["\"xyz\" is not a fund id: a fund id is 32 lower-case hexadecimal digits; the fund's own `fondo fund show` prints it"],
    );
    let bad = fund.write("bad.pub", "not a key\n");
    let id = fund_id(&fund.db);
    net.refused(
        &[
            "fund",
            "add",
            &id,
            "--name",
            "A",
            "--key-file",
            &bad.display().to_string(),
        ],
        &["not an OpenSSH public key"],
    );
    net.refused(&["witness", &id], &[&id, "is not registered with this hub"]);
    net.refused(
        &["fund", "leave", &id],
        &["is not registered with this hub"],
    );
    let out = net.at("2026-04-01T10:00", &["status"]);
    assert_eq!(out.code, 0, "an empty hub has no finding: {}", out.stderr);
    net.ok(
        "2026-04-01T10:00",
        &[
            "fund",
            "add",
            &id,
            "--name",
            "A",
            "--key-file",
            &public(&key),
        ],
    );
    let out = net.at("2026-04-01T10:00", &["status", "--format", "csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("{id},A,0,,,,no bundle yet\n")),
        "{}",
        out.stdout
    );
    // FONDO_HUB names the hub file.
    let mut cmd = command();
    cmd.env("FONDO_HUB", &net.hub).args(["hub", "fund", "list"]);
    assert!(run_command(&mut cmd).ok().contains(&id));
}
