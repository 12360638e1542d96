//! Outside tools ("oracles") that some tests need: hledger, chromium,
//! python3, bash, `script`…
//!
//! `cargo test` must pass on a machine with only the Rust toolchain, so a
//! test asks for its tool with [`oracle`] and returns early when it gets
//! `None`; the skip is said on standard error, not silently. CI sets
//! `FONDO_REQUIRE_ORACLES=1` (see `.ci/run`, which installs the tools), and
//! then a missing tool fails the test instead: there a skip would hide
//! that the check never ran.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// The environment variable that turns a missing tool into a failure.
pub const REQUIRE: &str = "FONDO_REQUIRE_ORACLES";

/// The path of `program` when it is installed: the first file of that name
/// on `PATH` for which `program --version` succeeds (a broken shim or
/// install is no tool). When it is not, prints `skipped: PROGRAM is not installed;
/// install it with INSTALL` and returns `None`, so that the test can return
/// early (once per test, however often it asks); with
/// `FONDO_REQUIRE_ORACLES=1`, panics with the same hint instead.
///
/// The line is written to the process's standard error directly, not with
/// `eprintln!`, which libtest captures: it shows in a plain `cargo test` as
/// well as with `--nocapture`.
pub fn oracle(program: &str, install: &str) -> Option<PathBuf> {
    if let Some(path) = find(program) {
        return Some(path);
    }
    if std::env::var_os(REQUIRE).is_some_and(|v| v == "1") {
        panic!(
            "{program} is not installed, and {REQUIRE}=1 requires it; install it with {install}"
        );
    }
    // Once per test (libtest runs each on a thread named after it), however
    // often it asks: a property test asks in every case.
    static SAID: Mutex<BTreeSet<(String, Option<String>)>> = Mutex::new(BTreeSet::new());
    let test = std::thread::current().name().map(str::to_owned);
    let first = SAID
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert((program.to_owned(), test));
    if first {
        let line = format!("skipped: {program} is not installed; install it with {install}\n");
        // Nothing to do if standard error is gone: the test still returns.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    None
}

/// The first `program` on `PATH` that runs; looked up once per test binary.
fn find(program: &str) -> Option<PathBuf> {
    static FOUND: Mutex<BTreeMap<String, Option<PathBuf>>> = Mutex::new(BTreeMap::new());
    let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
    found
        .entry(program.to_owned())
        .or_insert_with(|| on_path(program).into_iter().find(|p| runs(p)))
        .clone()
}

/// Every executable file called `program` in a directory of `PATH`.
fn on_path(program: &str) -> Vec<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let Some(path) = std::env::var_os("PATH") else {
        return Vec::new();
    };
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .filter(|p| {
            p.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
        .collect()
}

/// True when `program --version` succeeds. `ssh-keygen` has no version
/// option: it runs when asked for usage (`-?`, which exits 1 after printing
/// it) with an exit code of its own, not a shell's "cannot run" (126, 127).
fn runs(program: &Path) -> bool {
    let no_version = program.file_name().is_some_and(|n| n == "ssh-keygen");
    Command::new(program)
        .arg(if no_version { "-?" } else { "--version" })
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| {
            if no_version {
                s.code().is_some_and(|c| c != 126 && c != 127)
            } else {
                s.success()
            }
        })
}
