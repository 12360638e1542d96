//! A README that cannot drift: every `sh` block under README.md's
//! "A quick tour" heading (up to the next `## ` heading) runs, in order, as
//! one `sh -e` script with the real binary on `PATH`, in a fresh temporary
//! directory that is also `$HOME`, with the repository's `examples/` and
//! `scripts/` beside it. Any failing command fails the test, naming it.
//!
//! A line that runs `python3` is left out (with a "skipped: …" line) when
//! python3 is missing, as [`common::oracle`] does for every outside tool.

mod common;

use std::path::Path;
use std::process::Command;

use common::{BIN, oracle};

const README: &str = include_str!("../README.md");

/// The `sh` blocks of the quick tour, in order: from the `## A quick tour`
/// heading to the next `## ` heading outside a code block.
fn tour_blocks() -> Vec<String> {
    let mut blocks = Vec::new();
    let (mut in_tour, mut fence, mut block): (bool, Option<&str>, Option<String>) =
        (false, None, None);
    for line in README.lines() {
        if let Some(open) = fence {
            if line.starts_with("```") {
                blocks.extend(block.take().filter(|_| in_tour && open == "sh"));
                fence = None;
            } else if let Some(b) = block.as_mut() {
                b.push_str(line);
                b.push('\n');
            }
        } else if let Some(info) = line.strip_prefix("```") {
            fence = Some(info.trim());
            block = Some(String::new());
        } else if line.starts_with("## ") {
            if in_tour {
                break;
            }
            in_tour = line == "## A quick tour";
        }
    }
    assert!(fence.is_none(), "README.md has an unclosed code block");
    blocks
}

/// Runs `script` under `sh -e -x` in `home`, with fondo on the `PATH`.
fn run_script(home: &Path, script: &str) -> std::process::Output {
    let bin = home.join(".bin");
    std::fs::create_dir_all(&bin).unwrap();
    let link = bin.join("fondo");
    if !link.exists() {
        std::os::unix::fs::symlink(BIN, &link).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .args(["-e", "-x", "-c", script])
        .env("PATH", path)
        .env("HOME", home)
        .env_remove("FONDO_DB")
        .current_dir(home)
        .output()
        .expect("running sh")
}

#[test]
fn the_quick_tour_runs_as_written_on_a_fresh_database() {
    let blocks = tour_blocks();
    assert!(
        blocks.len() >= 6,
        "the tour has its blocks: {}",
        blocks.len()
    );
    let home = tempfile::TempDir::new().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["examples", "scripts"] {
        std::os::unix::fs::symlink(repo.join(dir), home.path().join(dir)).unwrap();
    }
    let python = oracle("python3", "apt-get install python3");
    let mut script = String::new();
    for block in &blocks {
        for line in block.lines() {
            if line.trim_start().starts_with("python3 ") && python.is_none() {
                continue;
            }
            script.push_str(line);
            script.push('\n');
        }
    }
    let out = run_script(home.path(), &script);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the quick tour failed; the last command shown is the one that failed\n{}",
        stderr
            .lines()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The books the tour leaves behind verify.
    let verify = Command::new(BIN)
        .args([
            "--db",
            &home.path().join("books/barrio.db").display().to_string(),
        ])
        .arg("verify")
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

/// The test sees what a reader sees: a failing command in the tour fails it.
#[test]
fn a_failing_command_fails_the_script() {
    let home = tempfile::TempDir::new().unwrap();
    let out = run_script(
        home.path(),
        "fondo --db t.db init --currency USD\nfondo --db t.db void 2 --reason x\nfondo --db t.db verify\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("void 2"));
}
