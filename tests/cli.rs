//! What users of command-line tools expect: shell completions and manual
//! pages generated from the real flags, a closed pipe that ends quietly,
//! `--quiet`, colour only on a terminal and never with NO_COLOR, CSV
//! reports that a spreadsheet cannot run as formulas, and tables that show
//! text-reordering marks instead of obeying them. And help that helps:
//! every argument says what it takes, every command shows examples that run
//! (walking clap's command tree, so a new command is checked too); usage
//! errors in fondo's voice; and one grammar, with one message, for every
//! date, moment, period and amount of every command (tables of bad inputs,
//! checked to cover every such argument the tree has).

mod common;

/// The binary's clap types, read from its source (the library has no command line).
#[path = "../src/cli/mod.rs"]
#[allow(dead_code)]
mod cli;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
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
    if let Some(bash) = common::oracle("bash", "apt-get install bash") {
        let status = Command::new(bash).arg("-n").arg(&path).status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "bash -n rejects the completion script"
        );
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
/// environment.
fn on_terminal(script: &Path, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(script);
    cmd.args(["-qec", &format!("{BIN} --help"), "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .stdin(Stdio::null());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().expect("running script");
    assert!(
        out.status.success(),
        "script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let piped = run_command(command().arg("--help").env_remove("CLICOLOR_FORCE")).ok();
    assert!(!piped.contains('\u{1b}'), "colour in a pipe:\n{piped}");
    let failed = run_command(command().arg("bogus").env_remove("CLICOLOR_FORCE"));
    assert!(!failed.stderr.contains('\u{1b}'), "{}", failed.stderr);
    // The terminal half needs `script`, from util-linux.
    if let Some(script) = common::oracle("script", "apt-get install bsdutils") {
        let text = on_terminal(&script, &[]);
        assert!(text.contains('\u{1b}'), "a terminal gets colour:\n{text}");
        let plain = on_terminal(&script, &[("NO_COLOR", "1")]);
        assert!(!plain.contains('\u{1b}'), "NO_COLOR is obeyed:\n{plain}");
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
fn report_csvs_and_the_journal_export_cannot_run_as_formulas() {
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
    // The journal export is guarded by the same rule, which import undoes:
    // new books get the same text, so the same fingerprint.
    let export = fund.export();
    assert!(export.contains(",'=2+5,"), "{export}");
    let other = Fund::init(Some("USD"));
    other.import_text("journal.csv", &export, &[]).ok();
    assert_eq!(other.fingerprint(), fund.fingerprint());
}

#[test]
fn text_reordering_marks_are_refused_in_names_and_shown_in_tables() {
    let fund = Fund::init(Some("USD"));
    // A name with a right-to-left override would read backwards: refused.
    let stderr = fund.fails_unchanged(
        &["member", "add", "Ana\u{202E}00.0001 ,olleH"],
        &["member name", "U+202E", "formatting character"],
    );
    assert!(!stderr.contains('\u{202E}'), "{stderr}");
    fund.fails_unchanged(&["member", "add", "Bea\u{2067}x\u{2069}"], &["U+2067"]);
    // Free text keeps them, and tables show them instead of obeying them.
    fund.accounts(&["expenses:x", "assets:bank:usd"]);
    fund.ok(&[
        "post",
        "Ana\u{202E}00.0001 ,olleH",
        "--date",
        "2026-03-03",
        "-p",
        "expenses:x=1.00 USD",
        "-p",
        "assets:bank:usd",
    ]);
    let table = fund.ok(&["register"]);
    assert!(table.contains("Ana<U+202E>00.0001 ,olleH"), "{table}");
    assert!(!table.contains('\u{202E}'));
    let json = fund.ok(&["register", "--format", "json"]);
    assert!(json.contains("Ana\u{202E}00.0001 ,olleH"), "{json}");
}

/// Every command of the tree with its path (`["grant", "pay"]`), the root
/// first, as declared (before clap adds its own `help` subcommands).
fn commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(
        path: Vec<String>,
        command: clap::Command,
        out: &mut Vec<(Vec<String>, clap::Command)>,
    ) {
        for sub in command.get_subcommands() {
            let mut path = path.clone();
            path.push(sub.get_name().to_owned());
            walk(path, sub.clone(), out);
        }
        out.push((path, command));
    }
    let mut out = Vec::new();
    walk(
        Vec::new(),
        <cli::Cli as clap::CommandFactory>::command(),
        &mut out,
    );
    out.reverse();
    out
}

/// The command lines of the `Example:`/`Examples…:` blocks of a help text,
/// split into words as a shell would (comments dropped, continued lines
/// joined); an output redirection (`> FILE`) is dropped too.
fn examples(help: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut lines = help.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.starts_with("Example") && trimmed.ends_with(':') {
            in_block = true;
            continue;
        }
        if trimmed.is_empty() {
            in_block = false;
        }
        if !in_block || !trimmed.starts_with("fondo ") {
            continue;
        }
        let mut text = trimmed.to_owned();
        while let Some(head) = text.strip_suffix('\\') {
            let next = lines.next().expect("a continued example line goes on");
            text = format!("{} {}", head.trim_end(), next.trim());
        }
        let mut words = shlex::split(&text).unwrap_or_else(|| panic!("not shell words: {text}"));
        if let Some(at) = words.iter().position(|w| w == ">") {
            assert_eq!(words.len(), at + 2, "one file after `>`: {text}");
            words.truncate(at);
        }
        found.push(words);
    }
    found
}

/// The subcommand path a command line selects.
fn path_of(words: &[String]) -> Vec<String> {
    let matches = <cli::Cli as clap::CommandFactory>::command()
        .try_get_matches_from(words)
        .unwrap_or_else(|e| panic!("{words:?} does not parse:\n{e}"));
    let mut path = Vec::new();
    let mut current = &matches;
    while let Some((name, sub)) = current.subcommand() {
        path.push(name.to_owned());
        current = sub;
    }
    path
}

#[test]
fn every_command_documents_its_arguments_and_shows_an_example() {
    let mut missing = Vec::new();
    for (path, declared) in commands() {
        let name = format!("fondo {}", path.join(" "));
        if declared.get_about().is_none() && !path.is_empty() {
            missing.push(format!("{name}: no description"));
        }
        for arg in declared.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.get_help().is_none() && id != "help" && id != "version" {
                missing.push(format!("{name}: argument {id} has no help"));
            }
        }
        let leaf = declared.get_subcommands().next().is_none();
        let after = declared
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let lines = examples(&after);
        if leaf && lines.is_empty() {
            missing.push(format!("{name}: no example in its --help"));
        }
        for words in &lines {
            assert!(
                path_of(words).starts_with(&path),
                "the example {words:?} in `{name} --help` runs another command"
            );
        }
        // What users see: the help the binary prints ends with the examples.
        let shown = run_command(command().args(&path).arg("--help")).ok();
        assert!(
            shown.ends_with(&format!("{}\n", after.trim_end())),
            "{name} --help:\n{shown}"
        );
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every example line of every `--help`, once each.
fn all_examples() -> Vec<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut all = Vec::new();
    for (_, command) in commands() {
        let after = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        for words in examples(&after) {
            if seen.insert(words.clone()) {
                all.push(words);
            }
        }
    }
    all
}

/// Runs one example, as written, in `dir` with `FONDO_DB` set to `db`.
fn run_example(words: &[String], dir: &Path, db: &Path) -> common::Run {
    run_command(
        command()
            .current_dir(dir)
            .env("FONDO_DB", db)
            .args(&words[1..]),
    )
}

/// Runs every example of every `--help`, as written. First in an empty
/// directory with a database that does not exist: each one that needs the
/// books stops at them, with no complaint about its arguments first (dates,
/// moments and periods are read before the books are opened), and the
/// others run through or fail on their files. Then each on a copy of the
/// demo fund: every one runs, or is refused for what the books hold (a grant
/// already closed, a member who exists), never for how it is written.
#[test]
fn every_example_in_the_help_runs() {
    let all = all_examples();
    assert!(all.len() > 100, "only {} examples", all.len());
    let grammar = [
        "Usage:",
        "invalid date",
        "invalid amount",
        "invalid period",
        "more decimal places",
    ];
    for words in &all {
        let dir = tempfile::tempdir().unwrap();
        let run = run_example(words, dir.path(), &dir.path().join("missing.db"));
        let line = words.join(" ");
        let needs_no_books = matches!(
            path_of(words).first().map(String::as_str),
            Some("init" | "demo" | "completions" | "man" | "restore" | "key" | "ballot" | "hub")
        ) || words.iter().any(|w| w == "--bundle");
        if needs_no_books {
            if run.code != 0 {
                let stderr = run.error(&[]);
                assert!(
                    !grammar.iter().any(|g| stderr.contains(g)),
                    "{line}:\n{stderr}"
                );
            }
        } else {
            let stderr = run.error(&[]);
            assert!(
                stderr.starts_with("fondo: no fondo database at "),
                "{line}:\n{stderr}"
            );
        }
    }
    let demo = tempfile::tempdir().unwrap();
    run_command(
        command()
            .current_dir(demo.path())
            .args(["--db", "demo.db", "demo", "--out", "out"]),
    )
    .ok();
    let mut ran = 0;
    // (Those naming their own --db ran above.)
    let on_books: Vec<&Vec<String>> = all
        .iter()
        .filter(|w| !w.contains(&"--db".to_owned()))
        .collect();
    for words in &on_books {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("f.db");
        std::fs::copy(demo.path().join("demo.db"), &db).unwrap();
        let run = run_example(words, dir.path(), &db);
        if run.code == 0 {
            ran += 1;
        } else {
            let stderr = run.error(&[]);
            assert!(
                !grammar.iter().any(|g| stderr.contains(g)),
                "{}:\n{stderr}",
                words.join(" ")
            );
        }
    }
    println!("{ran} of {} examples ran on the demo fund", on_books.len());
    assert!(
        ran * 2 > on_books.len(),
        "only {ran} of {} examples ran",
        on_books.len()
    );
}

#[test]
fn usage_errors_print_once_in_the_fondo_voice() {
    for (args, first) in [
        (
            &[
                "report",
                "summary",
                "--period",
                "2026",
                "--from",
                "2026-01-01",
            ][..],
            "fondo: the argument '--period <PERIOD>' cannot be used with '--from <YYYY-MM-DD>'",
        ),
        (
            &["balance", "--bogus"],
            "fondo: unexpected argument '--bogus' found",
        ),
        (
            &["void", "3"],
            "fondo: the following required arguments were not provided:",
        ),
        (
            &["grant"],
            "fondo: 'fondo grant' requires a subcommand but one was not provided",
        ),
        (&["bogus"], "fondo: unrecognized subcommand 'bogus'"),
    ] {
        // Even when colour is forced: errors are plain text, like every
        // other fondo error.
        let run = run_command(command().args(args).env("CLICOLOR_FORCE", "1"));
        let stderr = run.error(&[]);
        assert_eq!(stderr.lines().next(), Some(first), "{args:?}:\n{stderr}");
        assert_eq!(stderr.matches("fondo: ").count(), 1, "{args:?}:\n{stderr}");
        assert!(
            stderr.contains("\nUsage: fondo ")
                && stderr.ends_with("\n\nFor more information, try '--help'.\n"),
            "{args:?}:\n{stderr}"
        );
        assert!(
            !stderr.contains("error:") && !stderr.contains('\u{1b}'),
            "{args:?}:\n{stderr}"
        );
    }
    // A bad value names the values there are.
    let run = run_command(command().args(["balance", "--format", "xml"]));
    assert_eq!(
        run.error(&[]),
        "fondo: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: table, csv, json]\n\nFor more information, try '--help'.\n"
    );
    // Help and version are answers, not errors: standard output, exit 0.
    for args in [
        &["--help"][..],
        &["grant", "pay", "--help"],
        &["help", "grant"],
        &["--version"],
    ] {
        let run = run_command(command().args(args));
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
}

/// The demo fund, built once for a table of bad inputs (which change
/// nothing: each table ends by checking the fingerprint).
fn demo_fund() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    run_command(
        command()
            .current_dir(dir.path())
            .args(["--db", "demo.db", "demo", "--out", "out"]),
    )
    .ok();
    let db = dir.path().join("demo.db");
    (dir, db)
}

/// Runs each template (a command line without `fondo`, as a shell reads
/// it, run in the database's directory) with `slot` replaced by each bad
/// input, and checks that every command fails with exactly the message
/// `expected` gives for that input, and changes nothing.
fn same_message_everywhere(
    db: &Path,
    templates: &[&str],
    slot: &str,
    bad: &[&str],
    expected: impl Fn(&str) -> String,
) {
    let before = common::fingerprint(db);
    for template in templates {
        let words = shlex::split(template).expect("shell words");
        assert!(
            words.iter().any(|w| w.contains(slot)),
            "{template} has no {slot}"
        );
        for input in bad {
            let args: Vec<String> = words.iter().map(|w| w.replace(slot, input)).collect();
            let dir = db.parent().expect("the database is in a directory");
            let run = run_command(command().current_dir(dir).arg("--db").arg(db).args(&args));
            assert_eq!(run.error(&[]), expected(input), "fondo {}", args.join(" "));
        }
    }
    assert_eq!(common::fingerprint(db), before);
}

/// Checks that `templates` cover every argument of every command whose
/// value names include one of `names`: a template for that command with the
/// slot as the option's value (or anywhere, for a positional argument).
fn covers_every_argument_named(templates: &[&str], slot: &str, names: &[&str]) {
    let mut missing = Vec::new();
    for (path, command) in commands() {
        for arg in command.get_arguments() {
            let value_names: Vec<String> = arg
                .get_value_names()
                .map(|v| v.iter().map(ToString::to_string).collect())
                .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
            if !value_names.iter().any(|v| names.contains(&v.as_str())) {
                continue;
            }
            let flag = arg.get_long().map(|long| format!("--{long}"));
            let covered = templates.iter().any(|template| {
                let words = shlex::split(template).expect("shell words");
                if !words.starts_with(&path) {
                    return false;
                }
                match &flag {
                    Some(flag) => words
                        .windows(2)
                        .any(|w| &w[0] == flag && w[1].contains(slot)),
                    None => words.iter().any(|w| w.contains(slot)),
                }
            });
            if !covered {
                missing.push(format!(
                    "fondo {} {}",
                    path.join(" "),
                    flag.unwrap_or_else(|| arg.get_id().to_string())
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the table:\n{}",
        missing.join("\n")
    );
}

/// Every option that takes a day, in every command (`--at` takes a day
/// too).
const DATE_OPTIONS: &[&str] = &[
    "post Fees --date <date> -p 'expenses:operations:fees=1.00 USD' -p assets:bank:usd",
    "void 1 --reason x --date <date>",
    "account close assets:opencollective:usd --date <date>",
    "balance --as-of <date>",
    "reconcile assets:bank:usd --on <date>",
    "register --from <date>",
    "register assets --to <date>",
    "journal export --from <date>",
    "journal export --to <date>",
    "member list --on <date>",
    "member deactivate Marta --on <date>",
    "member relate Ana Bruno --reason x --at <date>",
    "role assign Luis steward --from <date>",
    "role assign Luis steward --from 2026-07-01 --until <date>",
    "role end Ana steward --on <date>",
    "role list --on <date>",
    "pool list --as-of <date>",
    "pool show housing --as-of <date>",
    "pool move 1.00 USD --from general --to food --reason x --date <date>",
    "contribute 1.00 USD --from Ana --date <date>",
    "give 1 KG-RICE --pool food --date <date>",
    "inventory --as-of <date>",
    "pledge add Ana 5.00 USD --every month --from <date>",
    "pledge add Ana 5.00 USD --every month --from 2026-07-01 --until <date>",
    "pledge status --as-of <date>",
    "pledge end Bruno --on <date>",
    "pledge change Bruno --amount 30.00 --from <date>",
    "member edit Ana --note x --at <date>",
    "member statement Ana --from <date>",
    "member statement Ana --to <date>",
    "handover --out never-written --on <date>",
    "exchange 10.00 EUR --to-amount 10.80 USD --from-account assets:bank:eur \
        --to-account assets:bank:usd --date <date>",
    "rate add <date> EUR USD 1.08",
    "transfer send --to-fund 9b1de2f0a4c6e8b0d2f4a6c8e0b2d4f6 --amount 1.00 USD --from-account assets:bank:usd --date <date>",
    "transfer receive --from-fund 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a --transfer-id 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a-1 --amount 1.00 USD --into assets:bank:usd --date <date>",
    "policy set housing --rule consent --min-consents 2 --window 72h --at <date>",
    "grant apply --applicant Ana --pool housing --amount 10.00 USD --purpose x --needed-by <date>",
    "grant apply --applicant Ana --pool housing --amount 10.00 USD --purpose x --at <date>",
    "grant vote G-0011 consent --as Bruno --at <date>",
    "grant decide G-0011 --expires <date> --at 2026-07-01T10:00",
    "grant decide G-0011 --at <date>",
    "grant sweep --at <date>",
    "grant pay G-0009 10.00 USD --from-account assets:bank:usd --date <date> --at 2026-07-01T10:00",
    "grant pay G-0009 10.00 USD --from-account assets:bank:usd --at <date>",
    "grant spend G-0009 10.00 USD --category groceries --date <date> --at 2026-07-01T10:00",
    "grant spend G-0009 10.00 USD --category groceries --at <date>",
    "grant close G-0009 --date <date> --at 2026-07-01T10:00",
    "grant close G-0009 --at <date>",
    "grant withdraw G-0011 --at <date>",
    "budget set housing rent 100.00 USD --period 2026-Q3 --at <date>",
    "period close 2025 --reason \"annual assembly\" --at <date>",
    "period reopen 2026-Q1 --reason \"a late bill\" --at <date>",
    "doctor --on <date>",
    "report summary --from <date>",
    "report summary --to <date>",
    "report pools --from <date>",
    "report pools --to <date>",
    "report pools --as-of <date>",
    "report grants --from <date>",
    "report grants --to <date>",
    "report budget --from <date>",
    "report budget --to <date>",
    "report metrics --from <date>",
    "report metrics --to <date>",
    "report forum --from <date>",
    "report forum --to <date>",
    "export audit --out never-written --from <date> --audience public",
    "export audit --out never-written --to <date> --audience public",
    "purchase open oats --supplier x --closes <date>",
    "purchase open oats --supplier x --closes 2026-07-10 --at <date>",
    "purchase item add rice-april rice --unit-price 1.00 USD --case 10 --at <date>",
    "purchase order rice-april rice 5 --group Ana --at <date>",
    "purchase close rice-april --at <date>",
    "purchase cost rice-april 1.00 USD --split equal --reason x --at <date>",
    "purchase receive rice-april rice 5 --date <date>",
    "purchase settle rice-april --invoice 10.00 USD --from-account assets:bank:usd --date <date>",
    "purchase distribute rice-april --date <date>",
    "purchase pay rice-april --group Ana 1.00 USD --into assets:bank:usd --date <date>",
    "report purchases --from <date>",
    "report purchases --to <date>",
    "member key add Ana --key-file ana.pub --at <date>",
    "member key revoke Ana SHA256:x --reason x --at <date>",
    "fund key add --key-file fund.pub --at <date>",
    "grant ballot G-0011 --as Bruno consent --at <date>",
];

#[test]
fn every_date_option_reads_dates_alike() {
    covers_every_argument_named(DATE_OPTIONS, "<date>", &["YYYY-MM-DD", "DATETIME"]);
    let (dir, db) = demo_fund();
    same_message_everywhere(
        &db,
        DATE_OPTIONS,
        "<date>",
        &[
            "2026-02-30",
            "26-01-01",
            "2026/01/01",
            "30/01/2026",
            "2026-1-5",
        ],
        |bad| {
            let reason = match bad {
                "2026-02-30" => "there is no such day in the calendar",
                "30/01/2026" => "dates are written YYYY-MM-DD; did you mean 2026-01-30?",
                _ => "dates are written YYYY-MM-DD, e.g. 2026-03-01",
            };
            format!("fondo: invalid date \"{bad}\": {reason}\n")
        },
    );
    // Every --at also takes a day and a time, and refuses a time that is
    // not written HH:MM[:SS] with one message.
    let moments: Vec<&str> = DATE_OPTIONS
        .iter()
        .copied()
        .filter(|t| t.contains("--at <date>"))
        .collect();
    assert!(moments.len() >= 10);
    same_message_everywhere(
        &db,
        &moments,
        "<date>",
        &[
            "2026-07-01T25:00",
            "2026-07-01T9:00",
            "2026-7-1T09:00",
            "2026-07-01T",
        ],
        |bad| {
            format!(
                "fondo: invalid date \"{bad}\": write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], e.g. 2026-03-04T18:00\n"
            )
        },
    );
    assert!(!dir.path().join("never-written").exists());
}

#[test]
fn every_period_option_reads_periods_alike() {
    let templates = &[
        "report summary --period <period>",
        "report pools --period <period>",
        "report grants --period <period>",
        "report budget --period <period>",
        "report metrics --period <period>",
        "report forum --period <period>",
        "report purchases --period <period>",
        "export audit --out never-written --period <period> --audience public",
        "budget set housing rent 100.00 USD --period <period>",
        "period close <period> --reason x --at 2027-01-09",
        "period reopen <period> --reason x --at 2027-01-09",
        "member statement Ana --period <period>",
    ];
    covers_every_argument_named(templates, "<period>", &["PERIOD"]);
    let (dir, db) = demo_fund();
    same_message_everywhere(
        &db,
        templates,
        "<period>",
        &["2026-13", "26", "2026-Q5", "2026/07"],
        |bad| {
            let reason = match bad {
                "2026-13" => "a month is 01 to 12, as in 2026-07",
                "2026-Q5" => "a quarter is Q1, Q2, Q3 or Q4",
                _ => "expected a year (2026), a quarter (2026-Q3) or a month (2026-07)",
            };
            format!("fondo: invalid period \"{bad}\": {reason}\n")
        },
    );
    assert!(!dir.path().join("never-written").exists());
}

#[test]
fn every_amount_reads_amounts_alike() {
    let (_dir, db) = demo_fund();
    let usd: &[&str] = &[
        "post Fees --date 2026-06-30 -p 'expenses:operations:fees=<amount> USD' -p assets:bank:usd",
        "contribute <amount> USD --from Ana --date 2026-06-30",
        "pool move <amount> USD --from general --to food --reason x --date 2026-06-30",
        "exchange 10.00 EUR --to-amount <amount> USD --from-account assets:bank:eur \
            --to-account assets:bank:usd --date 2026-06-30",
        "exchange 10.00 EUR --to-amount 10.80 USD --from-account assets:bank:eur \
            --to-account assets:bank:usd --fee <amount> USD --date 2026-06-30",
        "pledge add Ana <amount> USD --every month --from 2026-07-01",
        "transfer send --to-fund 9b1de2f0a4c6e8b0d2f4a6c8e0b2d4f6 --amount <amount> USD --from-account assets:bank:usd --date 2026-06-30",
        "transfer receive --from-fund 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a --transfer-id 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a-1 --amount <amount> USD --into assets:bank:usd --date 2026-06-30",
        "pledge change Bruno --amount <amount> --from 2026-07-01",
        "policy set housing --rule lazy --window 24h --max-amount <amount> USD --at 2026-07-01T10:00",
        "grant apply --applicant Ana --pool housing --amount <amount> USD --purpose x --at 2026-07-01T10:00",
        "grant pay G-0009 <amount> USD --from-account assets:bank:usd --at 2026-07-01T10:00",
        "grant spend G-0009 <amount> USD --category groceries --at 2026-07-01T10:00",
        "grant close G-0009 --return <amount> USD --to-account assets:bank:usd --at 2026-07-01T10:00",
        "budget set housing rent <amount> USD --period 2026-Q3 --at 2026-07-01T10:00",
        "purchase item add rice-april rice --unit-price <amount> USD --case 10",
        "purchase item add rice-april rice --unit-price 1.00 USD --case 10 --reference-price <amount> USD",
        "purchase cost rice-april <amount> USD --split equal --reason x",
        "purchase settle rice-april --invoice <amount> USD --from-account assets:bank:usd",
        "purchase pay rice-april --group Ana <amount> USD --into assets:bank:usd",
    ];
    let eur: &[&str] = &[
        "exchange <amount> EUR --to-amount 10.80 USD --from-account assets:bank:eur \
        --to-account assets:bank:usd --date 2026-06-30",
        "transfer receive --from-fund 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a --transfer-id 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a-1 --amount 10.80 USD --sent <amount> EUR --into assets:bank:usd --date 2026-06-30",
    ];
    let rice: &[&str] = &["give <amount> KG-RICE --pool food --date 2026-06-30"];
    let all: Vec<&str> = usd.iter().chain(eur).chain(rice).copied().collect();
    covers_every_argument_named(&all, "<amount>", &["AMOUNT"]);
    for (templates, commodity, decimals) in [(usd, "USD", 2), (eur, "EUR", 2), (rice, "KG-RICE", 1)]
    {
        same_message_everywhere(
            &db,
            templates,
            "<amount>",
            &["1,000.00", "1e3", "12.345", "12.5.0", "+-3"],
            |bad| match bad {
                "1,000.00" => "fondo: invalid amount \"1,000.00\": write a plain decimal with '.' \
                    and no thousands separators, e.g. 1000.00\n"
                    .to_owned(),
                "1e3" => "fondo: invalid amount \"1e3\": exponent notation is not accepted; \
                    write the number out, e.g. 100000\n"
                    .to_owned(),
                "12.345" => format!(
                    "fondo: amount 12.345 has more decimal places than {commodity} allows \
                    ({decimals}); fondo never rounds, correct the amount\n"
                ),
                _ => format!(
                    "fondo: invalid amount \"{bad}\": expected a plain decimal such as 1234.50\n"
                ),
            },
        );
    }
    // A negative amount is fondo's to refuse, with its reason, never read
    // as an unknown flag (a negative posting is an ordinary one).
    for template in usd.iter().chain(eur).chain(rice).skip(1) {
        let args: Vec<String> = shlex::split(template)
            .expect("shell words")
            .iter()
            .map(|w| w.replace("<amount>", "-5.00"))
            .collect();
        let stderr = common::run_on(&db, &args).error(&[]);
        assert!(
            stderr.starts_with("fondo: invalid amount \"-5.00\": "),
            "fondo {}:\n{stderr}",
            args.join(" ")
        );
    }
}

/// `FONDO_NOW` pins the clock the command line reads: a report measuring to
/// today measures to that day, and a value that is not a moment is an error
/// (exit 2) that changes nothing.
#[test]
fn a_pinned_clock_is_today_and_a_bad_one_is_refused() {
    let fund = Fund::init(Some("USD"));
    for args in [
        &["member", "add", "Ana", "--visibility", "public"][..],
        &["role", "assign", "Ana", "steward", "--from", "2026-01-10"],
    ] {
        fund.ok(args);
    }
    let months = |now: &str| {
        let listed = fund.ok_at(now, &["role", "list", "--format", "csv"]);
        csv_rows(&listed)[0][4].clone()
    };
    assert_eq!(months("2026-03-10"), "2");
    assert_eq!(months("2027-01-10T08:00"), "12");
    let before = fund.snapshot();
    for bad in ["yesterday", "2026-13-01", "2026-03-10 08:00"] {
        let run = run_command(
            command()
                .env("FONDO_NOW", bad)
                .arg("--db")
                .arg(&fund.db)
                .args(["member", "add", "Bea"]),
        );
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "fondo: FONDO_NOW={bad:?} is not a moment: invalid date"
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(fund.snapshot(), before);
}
