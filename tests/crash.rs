//! Crash safety: long writes through the real binary, killed with SIGKILL
//! at random points, and writes that hit a full disk or a read-only file
//! system.
//!
//! After every kill the database must pass SQLite's `PRAGMA
//! integrity_check`, `fondo verify` must be clean (exit 0), and the write
//! must be entirely there or entirely absent: the books must be exactly
//! what they were before the command or exactly what an uninterrupted run
//! of it gives (compared through `verify`'s counts and fingerprint and the
//! account list). The writes are
//!
//! - a journal import of a generated journal (`examples/gen_journal.rs`),
//! - a bank import of a generated statement through `examples/maps/eu-bank.toml`,
//! - a grant round (members, roles, a policy, a contribution, an application,
//!   votes, a decision, tranches, spending, closure), each command killed
//!   until one run of it survives.
//!
//! Kill points are random over the time an uninterrupted run takes (a
//! little beyond it, so some kills land while the process closes the
//! database), half of them in its last part, where the write commits. The default size suits `cargo test` (a few seconds); for the
//! issue's large form run
//!
//! ```text
//! FONDO_CRASH_TXNS=100000 FONDO_CRASH_KILLS=40 cargo test --release --test crash -- --nocapture
//! ```
//!
//! `FONDO_CRASH_ROWS` sets the bank statement's rows, `FONDO_CRASH_SEED`
//! replays the kill points of an earlier run (each test prints its seed).
//!
//! The full-disk tests make writes fail in two ways: a file-size limit
//! (`ulimit -f`, which works everywhere and fails writes past the limit the
//! way a full disk does), and a real tiny tmpfs mounted in a private user and
//! mount namespace (`unshare`), which is skipped, saying so, where the
//! kernel or the container does not allow one. The read-only test remounts
//! that tmpfs read-only.

mod common;

#[allow(dead_code)] // Its `main` and usage text are for the example binary.
#[path = "../examples/gen_journal.rs"]
mod gen_journal;

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{BIN, Fund, run_on};
use gen_journal::SplitMix64;

/// A number from the environment, or `default`.
fn setting(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, got {text:?}")),
        Err(_) => default,
    }
}

/// The random source for kill points, and its seed (printed, for replay).
fn rng(test: &str) -> SplitMix64 {
    let seed = setting(
        "FONDO_CRASH_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    println!("{test}: FONDO_CRASH_SEED={seed}");
    SplitMix64::new(seed)
}

/// How a run that may be killed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// It finished on its own before the kill, with this exit code.
    Finished(i32),
    /// SIGKILL ended it.
    Killed,
}

/// Runs fondo on `db`, killing it with SIGKILL `after` its start unless it
/// has finished by then.
fn run_killed(db: &Path, args: &[&str], after: Duration) -> End {
    let mut child = Command::new(BIN)
        .env_remove("FONDO_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting fondo");
    std::thread::sleep(after);
    // `kill` sends SIGKILL; on a process that already exited it does nothing
    // that matters, and `wait` then reports the exit code.
    let _ = child.kill();
    let status = child.wait().expect("waiting for fondo");
    match (status.code(), status.signal()) {
        (Some(code), _) => End::Finished(code),
        (None, Some(9)) => End::Killed,
        other => panic!("fondo ended oddly: {other:?}"),
    }
}

/// Runs fondo to the end and returns how long it took; it must succeed.
fn timed(db: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let run = run_on(db, args);
    let took = start.elapsed();
    assert_eq!(run.code, 0, "{args:?} failed:\n{}", run.stderr);
    took
}

/// A kill point: uniform over 0..=1.2 × `span` half the time, and over its
/// last part (0.6..=1.2 × `span`, where a write commits and the database is
/// closed) the other half.
fn kill_point(rng: &mut SplitMix64, span: Duration) -> Duration {
    let micros = u64::try_from(span.as_micros()).unwrap_or(u64::MAX / 2);
    let end = micros + micros / 5;
    let start = if rng.chance(500) { micros * 3 / 5 } else { 0 };
    Duration::from_micros(start + rng.below(end - start + 1))
}

/// SQLite's own consistency check, run directly on the file.
fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("opening the database with rusqlite");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("running integrity_check")
}

/// What the books hold, as far as a write can change them: `verify`'s
/// counts and fingerprint, and the accounts. Asserts that the database
/// passes `integrity_check` and verifies cleanly.
fn state(db: &Path) -> String {
    assert_eq!(integrity(db), "ok", "integrity_check of {}", db.display());
    let verify = run_on(db, &["verify"]);
    assert_eq!(
        verify.code, 0,
        "verify is not clean:\n{}{}",
        verify.stdout, verify.stderr
    );
    assert!(
        verify.stdout.contains("no findings"),
        "verify is not clean:\n{}",
        verify.stdout
    );
    let accounts = run_on(db, &["account", "list", "--format", "csv"]).ok();
    format!("{}{accounts}", verify.stdout)
}

/// Replaces the database at `db` with a copy of `base` (which has no WAL).
fn reset(base: &Path, db: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(with_suffix(db, suffix));
    }
    fs::copy(base, db).expect("copying the base database");
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut text = path.as_os_str().to_owned();
    text.push(suffix);
    PathBuf::from(text)
}

/// A closed database: no `-wal` file beside it, so copying the one file
/// copies the books.
fn assert_closed(db: &Path) {
    assert!(
        !with_suffix(db, "-wal").exists(),
        "{} still has a WAL file",
        db.display()
    );
}

/// What the kills of one test did.
#[derive(Default, Debug)]
struct Tally {
    /// Killed, the write absent.
    absent: u32,
    /// Killed, the write complete (killed after its commit).
    complete: u32,
    /// Finished before the kill came.
    finished: u32,
}

/// Kills `args` (a single long write) at random points, `kills` times;
/// after each kill checks the books are either `before` or `after`. The
/// database is put back to `base` whenever the write got through.
fn kill_repeatedly(test: &str, base: &Path, args: &[&str], kills: u64) -> Tally {
    let dir = base.parent().expect("the base has a directory");
    let before = state(base);
    assert_closed(base);
    let reference = dir.join("reference.db");
    reset(base, &reference);
    let span = timed(&reference, args);
    let after = state(&reference);
    assert_ne!(before, after, "the write changes the books");

    let mut rng = rng(test);
    let db = dir.join("crash.db");
    reset(base, &db);
    let mut tally = Tally::default();
    for _ in 0..kills {
        let at = kill_point(&mut rng, span);
        let end = run_killed(&db, args, at);
        let now = state(&db);
        let complete = if now == before {
            false
        } else if now == after {
            true
        } else {
            panic!(
                "after a kill at {at:?} ({end:?}) the books are neither before nor after the write:\n{now}\nbefore:\n{before}\nafter:\n{after}"
            );
        };
        match end {
            End::Finished(code) => {
                assert_eq!(code, 0, "an uninterrupted run failed");
                assert!(complete, "a finished run left nothing");
                tally.finished += 1;
            }
            End::Killed if complete => tally.complete += 1,
            End::Killed => tally.absent += 1,
        }
        if complete {
            reset(base, &db);
        }
    }
    // The books a killed run left behind still take the write whole.
    run_on(&db, args).ok();
    assert_eq!(state(&db), after);
    println!(
        "{test}: {kills} kills over {span:?}: {} left the write absent, {} after its commit, {} came after the end",
        tally.absent, tally.complete, tally.finished
    );
    assert!(
        tally.absent + tally.complete > 0,
        "no kill landed while the command ran"
    );
    tally
}

/// A fund's directory with a journal of `txns` generated transactions.
fn journal_fund(txns: u64) -> (Fund, PathBuf) {
    let fund = Fund::init(Some("USD"));
    let journal = fund.path("journal.csv");
    let file = fs::File::create(&journal).expect("creating the journal");
    gen_journal::write_journal(std::io::BufWriter::new(file), txns, 7).expect("writing it");
    (fund, journal)
}

#[test]
fn a_killed_journal_import_is_all_or_nothing() {
    let txns = setting("FONDO_CRASH_TXNS", 2_000);
    let kills = setting("FONDO_CRASH_KILLS", 12);
    let (fund, journal) = journal_fund(txns);
    // Something in the books already, so "absent" is not "empty".
    fund.accounts(&["assets:bank:usd", "income:gifts"]);
    fund.post(
        "Opening gift",
        "2020-12-31",
        &["assets:bank:usd=10.00 USD", "income:gifts"],
    );
    let journal = journal.display().to_string();
    kill_repeatedly(
        "journal import",
        &fund.db,
        &["journal", "import", &journal],
        kills,
    );
}

/// A statement in the format of `examples/maps/eu-bank.toml`: two lines
/// before the header, semicolons, day-first dates, decimal commas.
fn bank_statement(rows: u64) -> String {
    let mut text = String::from(
        "Konto;DE00 1234 5678 9012 3456 78\nZeitraum;01.01.2026 - 31.12.2026\n\
         Buchungstag;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n",
    );
    let payers = [
        "Solidarität Berlin e.V.",
        "M. Okafor",
        "J. Nguyen",
        "Anonym",
    ];
    let mut rng = SplitMix64::new(rows);
    for i in 0..rows {
        let day = 1 + i * 364 / rows.max(1);
        let date = chrono::NaiveDate::from_yo_opt(2026, u32::try_from(day).unwrap_or(1))
            .expect("a day of 2026")
            .format("%d.%m.%Y");
        let payer = payers[usize::try_from(rng.below(4)).unwrap_or(0)];
        let purpose = if rng.chance(300) {
            "Beitrag Miete Notfonds"
        } else {
            "Spende"
        };
        let cents = rng.between(500, 250_000);
        let (kind, amount) = if rng.chance(100) {
            (
                "Lastschrift",
                format!("-{},{:02}", cents / 100, cents % 100),
            )
        } else {
            ("Gutschrift", format!("{},{:02}", cents / 100, cents % 100))
        };
        text.push_str(&format!(
            "{date};{date};{payer};{kind};{purpose} {i};{amount};EUR\n"
        ));
    }
    text
}

#[test]
fn a_killed_bank_import_is_all_or_nothing() {
    let rows = setting("FONDO_CRASH_ROWS", 400);
    let kills = setting("FONDO_CRASH_KILLS", 12);
    let fund = Fund::init(Some("EUR"));
    fund.ok(&["pool", "add", "housing", "--purpose", "Rent relief"]);
    fund.ok(&["pool", "add", "food", "--purpose", "Groceries"]);
    fund.ok(&["member", "add", "Solidarität Berlin"]);
    fund.accounts(&["assets:bank:eur"]);
    let statement = fund.write("statement.csv", bank_statement(rows));
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/maps/eu-bank.toml");
    let (statement, map) = (statement.display().to_string(), map.display().to_string());
    kill_repeatedly(
        "bank import",
        &fund.db,
        &["import", "contributions", &statement, "--map", &map],
        kills,
    );
}

/// The commands of a grant round, from an empty fund to a closed grant.
fn grant_round() -> Vec<Vec<&'static str>> {
    let mut round: Vec<Vec<&str>> = Vec::new();
    for m in ["Ana", "Bruno", "Carmen", "Dario", "Elena"] {
        round.push(vec!["member", "add", m]);
        round.push(vec!["role", "assign", m, "steward", "--from", "2026-01-01"]);
    }
    let at = |s| vec!["--at", s];
    let rest: Vec<Vec<&str>> = vec![
        vec!["account", "add", "assets:bank:usd"],
        vec!["setting", "set", "contribution-account", "assets:bank:usd"],
        vec!["pool", "add", "housing", "--purpose", "Rent relief"],
        [
            &["policy", "set", "housing", "--rule", "consent"][..],
            &["--min-consents", "3", "--window", "72h"],
            &at("2026-03-01T19:05"),
        ]
        .concat(),
        [
            &[
                "member", "relate", "Carmen", "Dario", "--reason", "siblings",
            ][..],
            &at("2026-03-01T19:10"),
        ]
        .concat(),
        vec![
            "contribute",
            "1000.00",
            "USD",
            "--from",
            "Elena",
            "--pool",
            "housing",
            "--date",
            "2026-03-01",
        ],
        [
            &[
                "grant",
                "apply",
                "--applicant",
                "Carmen",
                "--pool",
                "housing",
            ][..],
            &["--amount", "600", "USD", "--purpose", "Two months' rent"],
            &at("2026-03-04T10:00"),
        ]
        .concat(),
        [
            &["grant", "vote", "G-0001", "consent", "--as", "Ana"][..],
            &at("2026-03-04T12:00"),
        ]
        .concat(),
        [
            &["grant", "vote", "G-0001", "consent", "--as", "Bruno"][..],
            &at("2026-03-05T10:00"),
        ]
        .concat(),
        [
            &["grant", "vote", "G-0001", "consent", "--as", "Elena"][..],
            &at("2026-03-06T19:10"),
        ]
        .concat(),
        [&["grant", "decide", "G-0001"][..], &at("2026-03-06T19:15")].concat(),
        [
            &["grant", "pay", "G-0001", "300", "USD"][..],
            &["--from-account", "assets:bank:usd"],
            &at("2026-03-06T19:30"),
        ]
        .concat(),
        [
            &["grant", "pay", "G-0001", "300", "USD"][..],
            &["--from-account", "assets:bank:usd"],
            &at("2026-03-20T10:00"),
        ]
        .concat(),
        [
            &[
                "grant",
                "spend",
                "G-0001",
                "550",
                "USD",
                "--category",
                "rent",
            ][..],
            &at("2026-03-25T09:00"),
        ]
        .concat(),
        [
            &["grant", "close", "G-0001", "--return", "50", "USD"][..],
            &["--to-account", "assets:bank:usd", "--reason", "lower rent"],
            &at("2026-04-03T10:00"),
        ]
        .concat(),
    ];
    round.extend(rest);
    round
}

#[test]
fn every_command_of_a_killed_grant_round_is_all_or_nothing() {
    let tries = setting("FONDO_CRASH_KILLS", 12).div_ceil(4).max(2);
    let round = grant_round();
    // The reference: the round uninterrupted, the books after each command.
    let reference = Fund::init(Some("USD"));
    let mut states = vec![state(&reference.db)];
    let mut spans = Vec::new();
    for args in &round {
        spans.push(timed(&reference.db, args));
        states.push(state(&reference.db));
    }
    let mut rng = rng("grant round");
    let fund = Fund::init(Some("USD"));
    let mut tally = Tally::default();
    for (i, args) in round.iter().enumerate() {
        let mut done = false;
        for _ in 0..tries {
            let at = kill_point(&mut rng, spans[i]);
            let end = run_killed(&fund.db, args, at);
            let now = state(&fund.db);
            assert!(
                now == states[i] || now == states[i + 1],
                "after a kill of {args:?} at {at:?} ({end:?}) the books are neither before nor after it:\n{now}\nbefore:\n{}\nafter:\n{}",
                states[i],
                states[i + 1]
            );
            done = now == states[i + 1];
            match end {
                End::Finished(code) => {
                    assert_eq!(code, 0, "{args:?} failed");
                    tally.finished += 1;
                }
                End::Killed if done => tally.complete += 1,
                End::Killed => tally.absent += 1,
            }
            if done {
                break;
            }
        }
        if !done {
            fund.ok(args);
            assert_eq!(state(&fund.db), states[i + 1]);
        }
    }
    assert_eq!(
        fund.ok(&["grant", "show", "G-0001", "--format", "csv"]),
        reference.ok(&["grant", "show", "G-0001", "--format", "csv"])
    );
    println!(
        "grant round: {} commands; kills left {} absent, {} complete; {} runs came after the end",
        round.len(),
        tally.absent,
        tally.complete,
        tally.finished
    );
    assert!(
        tally.absent + tally.complete > 0,
        "no kill landed while a command ran"
    );
}

/// The file-size limit of `ulimit -f`, in KiB: writes past it fail (with
/// SIGXFSZ ignored) as they do on a full disk.
fn limited(db: &Path, limit_kib: u64, args: &[&str]) -> common::Run {
    let mut script = String::from("trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"");
    script.push('\n');
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg("sh")
        .arg(limit_kib.to_string())
        .arg(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FONDO_DB")
        .stdin(Stdio::null());
    common::run_command(&mut cmd)
}

#[test]
fn a_write_past_a_file_size_limit_fails_clearly_and_writes_nothing() {
    let (fund, journal) = journal_fund(3_000);
    let before = state(&fund.db);
    let size = fs::metadata(&fund.db).expect("the database").len();
    // Room for the database as it is, not for the journal's pages.
    let limit = size / 1024 + 64;
    let run = limited(
        &fund.db,
        limit,
        &["journal", "import", &journal.display().to_string()],
    );
    let stderr = run.error(&["refused a write", "rolled back"]);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(state(&fund.db), before);
    // With room again, the same import goes through.
    fund.ok(&["journal", "import", &journal.display().to_string()]);
    assert_ne!(state(&fund.db), before);
}

#[test]
fn an_export_past_a_file_size_limit_names_the_file_and_leaves_nothing() {
    let (fund, journal) = journal_fund(3_000);
    fund.ok(&["journal", "import", &journal.display().to_string()]);
    let before = state(&fund.db);
    let entries = || {
        let mut names: Vec<String> = fs::read_dir(fund.path("."))
            .expect("the fund's directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| !n.starts_with("fondo.db"))
            .collect();
        names.sort();
        names
    };
    let files = entries();
    // journal.csv of 3,000 transactions is over 2 MB; 512 KiB fit none of it.
    let refused = |args: &[&str]| limited(&fund.db, 512, args).error(&[]);
    let bundle = fund.path("bundle").display().to_string();
    assert_eq!(
        refused(&[
            "--quiet",
            "export",
            "audit",
            "--out",
            &bundle,
            "--audience",
            "treasurer"
        ]),
        format!(
            "fondo: writing the audit bundle {bundle} (nothing of it was kept): journal.csv: File too large (os error 27)\n"
        )
    );
    let export = fund.path("journal-out.csv").display().to_string();
    assert_eq!(
        refused(&["--quiet", "journal", "export", "--out", &export]),
        format!("fondo: writing {export}: File too large (os error 27)\n")
    );
    // No bundle, no staging directory, no partial export; the books as
    // they were.
    assert_eq!(entries(), files);
    assert_eq!(state(&fund.db), before);
}

/// Runs `script` with `sh` in a private user and mount namespace, where it
/// may mount a tmpfs; `None` when this system does not allow that.
fn in_namespace(script: &str, args: &[&Path]) -> Option<common::Run> {
    let unshare = common::oracle("unshare", "apt-get install util-linux")?;
    let probe = Command::new(&unshare)
        .args(["--user", "--map-root-user", "--mount", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        println!(
            "skipped: this system allows no private mount namespace (`unshare --user --map-root-user --mount` failed), so no tmpfs can be mounted without root"
        );
        return None;
    }
    let mut cmd = Command::new(unshare);
    cmd.args([
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-c",
        script,
        "sh",
    ])
    .args(args)
    .env_remove("FONDO_DB")
    .stdin(Stdio::null());
    Some(common::run_command(&mut cmd))
}

/// The common part of the tmpfs scripts: `$1` the binary, `$2` the base
/// database, `$3` the journal, `$4` the mount point, `$5` where the database
/// files are copied back to; `$6` the tmpfs size in KiB.
const MOUNT: &str = r#"set -e
fondo=$1 base=$2 journal=$3 mnt=$4 out=$5 size=$6
mount -t tmpfs -o "size=${size}k" fondo-test "$mnt"
cp "$base" "$mnt/f.db"
"#;

/// Copies the database files from the tmpfs back to `$out`.
const COPY_BACK: &str = r#"
for f in "$mnt"/f.db*; do cp "$f" "$out/"; done
"#;

fn tmpfs_run(fund: &Fund, journal: &Path, size_kib: u64, body: &str) -> Option<(String, PathBuf)> {
    let mnt = fund.path("mnt");
    let out = fund.path("out");
    fs::create_dir(&mnt).expect("a mount point");
    fs::create_dir(&out).expect("a directory for the copies");
    let script = format!("{MOUNT}{body}{COPY_BACK}");
    let size = PathBuf::from(size_kib.to_string());
    let run = in_namespace(
        &script,
        &[Path::new(BIN), &fund.db, journal, &mnt, &out, &size],
    )?;
    assert_eq!(
        run.code, 0,
        "the script failed:\n{}{}",
        run.stdout, run.stderr
    );
    Some((run.stdout, out.join("f.db")))
}

#[test]
fn a_write_to_a_full_tmpfs_fails_clearly_and_writes_nothing() {
    let (fund, journal) = journal_fund(3_000);
    let before = state(&fund.db);
    let size = fs::metadata(&fund.db).expect("the database").len();
    let body = r#"
set +e
"$fondo" --db "$mnt/f.db" journal import "$journal" 2>&1
echo "exit $?"
"$fondo" --db "$mnt/f.db" verify >/dev/null 2>&1
echo "verify exit $?"
set -e
"#;
    let Some((output, copy)) = tmpfs_run(&fund, &journal, size / 1024 + 96, body) else {
        return;
    };
    let mut lines = output.lines();
    let message = lines.next().unwrap_or_default();
    assert!(
        message.starts_with("fondo: ")
            && message.contains("disk is full")
            && message.contains("nothing was written"),
        "{output}"
    );
    assert_eq!(lines.next(), Some("exit 2"), "{output}");
    assert_eq!(
        lines.next(),
        Some("verify exit 0"),
        "reading works on a full disk: {output}"
    );
    assert_eq!(state(&copy), before);
}

#[test]
fn a_write_to_a_read_only_file_system_fails_clearly_and_reads_still_work() {
    let (fund, journal) = journal_fund(50);
    let before = state(&fund.db);
    let body = r#"
mount -o remount,ro "$mnt"
set +e
"$fondo" --db "$mnt/f.db" journal import "$journal" 2>&1
echo "exit $?"
"$fondo" --db "$mnt/f.db" balance --format csv >/dev/null 2>&1
echo "balance exit $?"
set -e
"#;
    let Some((output, copy)) = tmpfs_run(&fund, &journal, 4096, body) else {
        return;
    };
    let mut lines = output.lines();
    let message = lines.next().unwrap_or_default();
    assert!(
        message.starts_with("fondo: ") && message.contains("read-only"),
        "{output}"
    );
    assert_eq!(lines.next(), Some("exit 2"), "{output}");
    assert_eq!(lines.next(), Some("balance exit 0"), "{output}");
    assert_eq!(state(&copy), before);
}
