//! A small harness for end-to-end tests of the `fondo` binary.
//!
//! Every test gets its own temporary directory holding `f.db`; the real
//! binary (`CARGO_BIN_EXE_fondo`) runs with `--db <tmp>/f.db` and without
//! `FONDO_DB` in its environment. Failing commands are checked for the
//! contract of every error: exit code 2, nothing on stdout, one message on
//! stderr starting with `fondo: `, and (with [`Fund::fails_unchanged`]) a
//! database whose content is exactly what it was before.
//!
//! Submodules: [`browser`] renders pages in headless chromium and reads
//! their figures back; [`builder`] builds a fund with members, stewards, pools and
//! policies in a few lines; [`oracle`] finds the outside tools some tests
//! need (and says when a test is skipped without one); [`tamper`] changes a
//! database behind fondo's back, past its append-only triggers.
#![allow(dead_code)]

pub mod browser;
pub mod builder;
pub mod oracle;
pub mod tamper;

// Not every test binary that includes this harness needs these.
#[allow(unused_imports)]
pub use builder::FundBuilder;
#[allow(unused_imports)]
pub use oracle::oracle;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_fondo");

/// The fingerprint of an empty ledger.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The header `journal export` writes.
pub const EXPORT_HEADER: &str = "txn,date,description,account,amount,commodity,payee,reference,memo,pool,reverses,prev_hash,hash,form,description_salt,payee_salt,reference_salt,memo_salt,account_salt,pool_salt";

/// The required journal columns, for hand-written files.
pub const HEADER: &str = "txn,date,description,account,amount,commodity";

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self.stdout
    }

    /// Asserts the error contract (exit 2, `fondo: ` on stderr, nothing on
    /// stdout, every needle in the message) and returns stderr.
    pub fn error(self, needles: &[&str]) -> String {
        assert_eq!(
            self.code, 2,
            "expected exit code 2\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.starts_with("fondo: "),
            "stderr should start with `fondo: `:\n{}",
            self.stderr
        );
        assert_eq!(self.stdout, "", "an error prints nothing on stdout");
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr should mention {needle:?}:\n{}",
                self.stderr
            );
        }
        self.stderr
    }
}

/// The salt key every test fund is made with (`FONDO_SALT_KEY`), so that
/// fingerprints are the same on every run.
pub const SALT_KEY: &str = "5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17";

/// A command for the binary with a clean environment (no `FONDO_DB`, no
/// pinned clock) and the tests' fixed salt key.
pub fn command() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("FONDO_DB")
        .env_remove("FONDO_NOW")
        .env("FONDO_SALT_KEY", SALT_KEY)
        .env_remove("FONDO_PASSPHRASE_FILE")
        .env_remove("FONDO_NEW_PASSPHRASE_FILE")
        .stdin(Stdio::null());
    cmd
}

/// The demo fund (`fondo demo`) in a temporary directory: (directory,
/// database).
pub fn demo_fund() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let mut cmd = command();
    cmd.arg("--db")
        .arg(&db)
        .arg("demo")
        .arg("--out")
        .arg(dir.path().join("demo"));
    run_command(&mut cmd).ok();
    (dir, db)
}

/// Runs a prepared command.
pub fn run_command(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("running fondo");
    Run {
        code: out.status.code().expect("fondo was not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The file beside a test fund's database that holds the passphrase of
/// encrypted books (see [`run_on`]).
pub const PASSPHRASE: &str = "passphrase.txt";

/// Runs fondo on the database at `db`; when the file [`PASSPHRASE`] is
/// beside it, with `FONDO_PASSPHRASE_FILE` naming that file, so encrypted
/// test funds open like plain ones.
pub fn run_on<S: AsRef<OsStr>>(db: &Path, args: &[S]) -> Run {
    let mut cmd = command();
    let key = db.with_file_name(PASSPHRASE);
    if key.is_file() {
        cmd.env("FONDO_PASSPHRASE_FILE", key);
    }
    cmd.arg("--db").arg(db).args(args);
    run_command(&mut cmd)
}

/// Everything a command could change, as text: the journal export, the
/// account and commodity lists, the balances and `verify`'s fingerprint line.
/// Two equal snapshots mean the database's content is the same.
pub fn snapshot(db: &Path) -> String {
    let mut text = String::new();
    for args in [
        &["journal", "export"][..],
        &["account", "list", "--format", "csv"],
        &["commodity", "list", "--format", "csv"],
        &["balance", "--format", "csv"],
    ] {
        text.push_str(&run_on(db, args).ok());
    }
    let verify = run_on(db, &["verify"]);
    assert!(
        verify.code == 0 || verify.code == 1,
        "verify failed: {}",
        verify.stderr
    );
    let last = verify.stdout.lines().last().unwrap_or_default().to_owned();
    assert!(last.starts_with("fingerprint: "), "{}", verify.stdout);
    text.push_str(&last);
    text
}

/// The `fingerprint: …` value of a database that verifies cleanly.
pub fn fingerprint(db: &Path) -> String {
    let out = run_on(db, &["verify"]).ok();
    let last = out.lines().last().expect("verify prints lines");
    let hash = last
        .strip_prefix("fingerprint: ")
        .unwrap_or_else(|| panic!("last line is the fingerprint: {out}"));
    assert!(is_hash(hash), "{hash:?} is 64 hex digits");
    hash.to_owned()
}

/// True for 64 lower-case hex digits.
pub fn is_hash(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One fund in its own temporary directory.
pub struct Fund {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Fund {
    /// A temporary directory without a database yet.
    pub fn empty() -> Fund {
        let dir = TempDir::new().expect("creating a temporary directory");
        let db = dir.path().join("f.db");
        Fund { dir, db }
    }

    /// A new fund with the given default currency.
    pub fn init(currency: Option<&str>) -> Fund {
        let fund = Fund::empty();
        match currency {
            Some(code) => fund.ok(&["init", "--currency", code]),
            None => fund.ok(&["init"]),
        };
        fund
    }

    /// A path inside the fund's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the fund's directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// Runs fondo on this fund.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        run_on(&self.db, args)
    }

    /// Runs fondo, asserts success and returns stdout.
    pub fn ok<S: AsRef<OsStr>>(&self, args: &[S]) -> String {
        self.run(args).ok()
    }

    /// Runs fondo with its clock pinned at `now` (`FONDO_NOW`), asserts
    /// success and returns stdout.
    pub fn ok_at<S: AsRef<OsStr>>(&self, now: &str, args: &[S]) -> String {
        let mut cmd = command();
        cmd.env("FONDO_NOW", now)
            .arg("--db")
            .arg(&self.db)
            .args(args);
        run_command(&mut cmd).ok()
    }

    /// Runs fondo and asserts the error contract; returns stderr.
    pub fn fail<S: AsRef<OsStr>>(&self, args: &[S], needles: &[&str]) -> String {
        self.run(args).error(needles)
    }

    /// Like [`Fund::fail`], and asserts the database did not change.
    pub fn fails_unchanged<S: AsRef<OsStr>>(&self, args: &[S], needles: &[&str]) -> String {
        let before = self.snapshot();
        let stderr = self.fail(args, needles);
        assert_eq!(
            self.snapshot(),
            before,
            "the database changed although the command failed:\n{stderr}"
        );
        stderr
    }

    /// See [`snapshot`].
    pub fn snapshot(&self) -> String {
        snapshot(&self.db)
    }

    /// See [`fingerprint`].
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.db)
    }

    /// `journal export` to stdout.
    pub fn export(&self) -> String {
        self.ok(&["journal", "export"])
    }

    /// `export audit` of `period` for `audience` into the new directory
    /// `name` of the fund's directory; returns its path.
    pub fn audit_bundle(&self, name: &str, period: &str, audience: &str) -> PathBuf {
        let dir = self.path(name);
        let dir_arg = dir.display().to_string();
        self.ok(&[
            "export",
            "audit",
            "--out",
            &dir_arg,
            "--period",
            period,
            "--audience",
            audience,
        ]);
        dir
    }

    /// `balance --format csv` with extra arguments.
    pub fn balance_csv(&self, extra: &[&str]) -> String {
        let mut args = vec!["balance", "--format", "csv"];
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    /// Imports a journal file written into the fund's directory under `name`.
    pub fn import_text(&self, name: &str, csv: &str, extra: &[&str]) -> Run {
        let path = self.write(name, csv);
        let mut args = vec![
            "journal".to_owned(),
            "import".to_owned(),
            path.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        self.run(&args)
    }

    /// Imports `n` transactions of dues through February 2026: transaction
    /// `k` brings `k`.00 USD from income:dues into assets:bank, on day
    /// `1 + k % 28`. For the tests that need more transactions than a
    /// journal stream's batches hold (`store::beside`).
    pub fn dues(&self, n: u32) {
        let mut journal = format!("{HEADER}\n");
        for k in 1..=n {
            let day = 1 + k % 28;
            journal.push_str(&format!(
                "{k},2026-02-{day:02},Dues {k},assets:bank,{k}.00,USD\n\
                 {k},2026-02-{day:02},Dues {k},income:dues,-{k}.00,USD\n"
            ));
        }
        self.import_text("dues.csv", &journal, &[]).ok();
    }

    /// Adds accounts.
    pub fn accounts(&self, names: &[&str]) {
        for name in names {
            self.ok(&["account", "add", name]);
        }
    }

    /// Posts a transaction (`-p` before each posting) and returns its id.
    pub fn post(&self, description: &str, date: &str, postings: &[&str]) -> i64 {
        let mut args = vec!["post", description, "--date", date];
        for p in postings {
            args.push("-p");
            args.push(p);
        }
        let out = self.ok(&args);
        out.trim_end()
            .parse()
            .unwrap_or_else(|_| panic!("post prints the new id, got {out:?}"))
    }
}

/// Asserts that a `journal import` error lists a problem at `line` (and in
/// `column`, when given) whose text contains `needle`.
pub fn assert_problem(stderr: &str, code: &str, line: u64, column: Option<&str>, needle: &str) {
    let place = match column {
        Some(column) => format!("{code} line {line}, column {column}: "),
        None => format!("{code} line {line}: "),
    };
    assert!(
        stderr
            .lines()
            .any(|l| l.trim_start().starts_with(&place) && l.contains(needle)),
        "expected a problem `{place}…{needle}…` in:\n{stderr}"
    );
}

/// Parses CSV text (with a header) into rows of fields.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

/// Parses CSV text (with a header) into rows keyed by column name.
pub fn csv_named_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.expect("valid CSV").iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Asserts `fondo verify` exits 0 with no findings.
pub fn clean(fund: &Fund) {
    let out = fund.ok(&["verify"]);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.ends_with("no findings")),
        "verify should find nothing:\n{out}"
    );
}

/// Runs a command that must succeed and print exactly `expected`.
pub fn expect<S: AsRef<OsStr> + std::fmt::Debug>(fund: &Fund, args: &[S], expected: &str) {
    assert_eq!(fund.ok(args), expected, "output of {args:?}");
}

/// Like [`expect`], then checks that the books still verify cleanly.
pub fn step<S: AsRef<OsStr> + std::fmt::Debug>(fund: &Fund, args: &[S], expected: &str) {
    expect(fund, args, expected);
    clean(fund);
}

/// The fund's whole content as text: every row of every table (members,
/// role terms, pools, settings and governance records included), read
/// directly with rusqlite, plus the schema version. Two equal states mean
/// nothing was written.
pub fn state(fund: &Fund) -> String {
    state_at(&fund.db)
}

/// [`state`] of the database at `db`.
pub fn state_at(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("opening the database with rusqlite");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("reading user_version");
    let mut text = format!("user_version {version}\n");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("listing tables");
    for table in tables {
        text.push_str(&format!("table {table}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("reading a table");
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("reading a table");
        while let Some(row) = rows.next().expect("reading a row") {
            for i in 0..columns {
                let value = row.get_ref(i).expect("reading a value");
                text.push_str(&format!("{value:?}|"));
            }
            text.push('\n');
        }
    }
    text
}

/// Asserts the error contract for `args` (exit 2, `fondo: `, every needle),
/// that the journal snapshot is unchanged, and that no table changed.
pub fn refused<S: AsRef<OsStr> + std::fmt::Debug>(
    fund: &Fund,
    args: &[S],
    needles: &[&str],
) -> String {
    let before = state(fund);
    let stderr = fund.fails_unchanged(args, needles);
    assert_eq!(
        state(fund),
        before,
        "the fund changed although {args:?} failed:\n{stderr}"
    );
    stderr
}

/// Runs `scripts/verify_bundle.py` on the bundle in `dir` when python3 is
/// installed (skipped with the oracle's line otherwise): its exit code and
/// what it printed.
pub fn verify_bundle_script(dir: &Path) -> Option<(i32, String)> {
    let python = oracle::oracle("python3", "`apt-get install python3`")?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py");
    let out = Command::new(python).arg(script).arg(dir).output().unwrap();
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

/// The text of every file of the bundle in `dir`, one after the other.
pub fn bundle_text(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
