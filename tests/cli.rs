//! What users of command-line tools expect: shell completions and manual
//! pages generated from the real flags, a closed pipe that ends quietly,
//! `--quiet`, colour only on a terminal and never with NO_COLOR, CSV
//! reports that a spreadsheet cannot run as formulas, and tables that show
//! text-reordering marks instead of obeying them.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{BIN, Fund, HEADER, command, csv_rows, run_command};

#[test]
fn completions_for_each_shell_know_every_command() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef fondo"),
        ("fish", "complete -c fondo"),
    ] {
        let out = run_command(command().args(["completions", shell])).ok();
        assert!(out.contains(marker), "{shell}:\n{out}");
        for sub in ["backup", "restore", "journal", "grant", "verify"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    // The bash script is valid bash.
    let script = run_command(command().args(["completions", "bash"])).ok();
    let fund = Fund::empty();
    let path = fund.write("fondo.bash", script);
    let status = Command::new("bash").arg("-n").arg(&path).status();
    if let Ok(status) = status {
        assert!(status.success(), "bash -n rejects the completion script");
    } else {
        println!("skipped the bash syntax check: bash is not installed");
    }
    let unknown = run_command(command().args(["completions", "tcsh"]));
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("tcsh"), "{}", unknown.stderr);
}

#[test]
fn the_manual_page_is_generated_from_the_flags() {
    let page = run_command(command().arg("man")).ok();
    assert!(
        page.starts_with(".ie") || page.contains(".TH fondo 1"),
        "{page}"
    );
    assert!(
        page.contains("backup") && page.contains("\\-\\-quiet"),
        "{page}"
    );
    let fund = Fund::empty();
    let dir = fund.path("man1");
    std::fs::create_dir(&dir).unwrap();
    run_command(command().args(["man", "--out-dir"]).arg(&dir)).ok();
    for name in [
        "fondo.1",
        "fondo-post.1",
        "fondo-grant-vote.1",
        "fondo-backup.1",
    ] {
        let text = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|_| panic!("{name} was not written"));
        assert!(text.contains(".TH"), "{name}");
    }
}

/// A fund with a long journal, so that listings are much longer than a pipe
/// holds.
fn long_books() -> Fund {
    let fund = Fund::init(Some("USD"));
    let mut journal = format!("{HEADER}\n");
    for t in 1..=2000 {
        journal.push_str(&format!(
            "{t},2026-03-01,Gift {t},assets:bank:usd,1.00,USD\n{t},2026-03-01,Gift {t},income:gifts,-1.00,USD\n"
        ));
    }
    fund.import_text("long.csv", &journal, &[]).ok();
    fund
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let fund = long_books();
    let commands: &[&[&str]] = &[
        &["register"],
        &["register", "--format", "csv"],
        &["register", "--format", "json"],
        &["journal", "export"],
        &["balance"],
        &["verify"],
        &["man"],
        &["completions", "bash"],
        &["--help"],
    ];
    for args in commands {
        for read_first in [true, false] {
            let mut child = command()
                .arg("--db")
                .arg(&fund.db)
                .args(*args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("starting fondo");
            let stdout = child.stdout.take().expect("a pipe");
            if read_first {
                // Like `| head -1`: one line, then the reader is gone.
                let mut line = String::new();
                BufReader::new(stdout).read_line(&mut line).unwrap();
            } else {
                drop(stdout);
            }
            let out = child.wait_with_output().expect("waiting for fondo");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.stderr.is_empty(),
                "{args:?} said: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn quiet_keeps_notes_off_standard_error() {
    // Posting in a currency nobody declared yet declares it, with a note.
    let post = |quiet: bool| {
        let fund = Fund::init(None);
        fund.accounts(&["assets:bank", "income:dues"]);
        let mut args = vec![
            "post",
            "Dues",
            "--date",
            "2026-01-12",
            "-p",
            "assets:bank=10.00 USD",
            "-p",
            "income:dues",
        ];
        if quiet {
            args.insert(0, "--quiet");
        }
        let run = fund.run(&args);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, "1\n"),
            "{}",
            run.stderr
        );
        (fund, run.stderr)
    };
    assert_eq!(
        post(false).1,
        "fondo: note: declared well-known currency USD\n"
    );
    let (fund, stderr) = post(true);
    assert_eq!(stderr, "");
    // Errors still print.
    fund.fail(&["-q", "void", "99", "--reason", "x"], &["no transaction"]);
}

/// Runs `fondo --help` on a pseudo-terminal with `script`, with extra
/// environment; `None` when `script` is not installed.
fn on_terminal(env: &[(&str, &str)]) -> Option<String> {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &format!("{BIN} --help"), "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .stdin(Stdio::null());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let piped = run_command(command().arg("--help").env_remove("CLICOLOR_FORCE")).ok();
    assert!(!piped.contains('\u{1b}'), "colour in a pipe:\n{piped}");
    let failed = run_command(command().arg("bogus").env_remove("CLICOLOR_FORCE"));
    assert!(!failed.stderr.contains('\u{1b}'), "{}", failed.stderr);
    match on_terminal(&[]) {
        None => println!("skipped the terminal half: `script` (util-linux) is not installed"),
        Some(text) => {
            assert!(text.contains('\u{1b}'), "a terminal gets colour:\n{text}");
            let plain = on_terminal(&[("NO_COLOR", "1")]).expect("script ran before");
            assert!(!plain.contains('\u{1b}'), "NO_COLOR is obeyed:\n{plain}");
        }
    }
    let forced = run_command(
        command()
            .arg("--help")
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1"),
    )
    .ok();
    assert!(
        !forced.contains('\u{1b}'),
        "NO_COLOR wins over CLICOLOR_FORCE"
    );
}

#[test]
fn report_csvs_cannot_run_as_formulas_but_the_journal_stays_exact() {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank:usd", "income:dues"]);
    fund.ok(&[
        "member",
        "add",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
    ]);
    fund.ok(&["member", "add", "@Ana", "--contact", "+52 55 0000 0000"]);
    fund.post(
        "=2+5",
        "2026-01-12",
        &["assets:bank:usd=-620.00 USD", "income:dues"],
    );
    let members = csv_rows(&fund.ok(&["member", "list", "--format", "csv"]));
    assert_eq!(
        members[0][0],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(members[1][0], "'@Ana");
    assert_eq!(members[1][4], "'+52 55 0000 0000");
    let balance = csv_rows(&fund.balance_csv(&[]));
    assert_eq!(balance[0], ["assets:bank:usd", "USD", "-620.00"]);
    let register = csv_rows(&fund.ok(&["register", "--format", "csv"]));
    assert!(
        register
            .iter()
            .all(|r| r.iter().all(|c| !c.starts_with('=')))
    );
    // The journal export is data whose text the hashes cover: exact, and it
    // imports into new books with the same fingerprint.
    let export = fund.export();
    assert!(export.contains(",=2+5,"), "{export}");
    let other = Fund::init(Some("USD"));
    other.import_text("journal.csv", &export, &[]).ok();
    assert_eq!(other.fingerprint(), fund.fingerprint());
}

#[test]
fn tables_show_text_reordering_marks_instead_of_obeying_them() {
    let fund = Fund::init(None);
    fund.ok(&["member", "add", "Ana\u{202E}00.0001 ,olleH"]);
    fund.ok(&["member", "add", "Bea\u{2067}x\u{2069}"]);
    let table = fund.ok(&["member", "list"]);
    assert!(table.contains("Ana<U+202E>00.0001 ,olleH"), "{table}");
    assert!(table.contains("Bea<U+2067>x<U+2069>"), "{table}");
    assert!(!table.contains('\u{202E}') && !table.contains('\u{2067}'));
    // The names themselves are kept exactly.
    let json = fund.ok(&["member", "list", "--format", "json"]);
    assert!(json.contains("Ana\u{202E}00.0001 ,olleH"), "{json}");
}
