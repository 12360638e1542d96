//! `fondo demo`: builds a realistic example fund through the real commands.
//!
//! The fund's story is a script of ordinary `fondo` command lines,
//! `examples/demo/story.sh`, next to the files it imports (an opening
//! journal, bank and payment-platform statements, with the map files of
//! `examples/maps/`). All of them are compiled into the binary, so the demo
//! runs from any directory; it writes them out under `OUT/examples/`, keeping
//! their layout, so that a user can read (and re-run by hand) exactly what was
//! imported.
//!
//! Each line of the script runs as its own `fondo` process, the binary that
//! is running now, with `--db` set to the new fund and the script's folder as
//! its working directory. So the demo takes precisely the path a treasurer's
//! commands take: argument parsing, one SQLite transaction per command, the
//! same checks and refusals. What each command printed goes to
//! `OUT/transcript.txt`; the terminal gets a short account at the end.
//!
//! The whole script is parsed, and every line checked against the command
//! line's grammar, before anything is written. The demo refuses an existing
//! database file and a folder that is not empty, and it stops at the first
//! command that fails, naming the script line; the fund built so far is left
//! where it is, for inspection.
//!
//! The story's signed votes need keys and their passphrase: Felipe's key,
//! made with `ssh-keygen` and committed (`examples/demo/keys/`, a demo key
//! that protects nothing), is written out with the other files, and every
//! command runs with `FONDO_PASSPHRASE_FILE` naming the demo's passphrase
//! file, which also protects the keys `fondo key gen` makes in the story
//! (Ana's and the fund's). Those are new on every run, and so are the
//! records that hold them or their signatures: the governance records'
//! head and the bundle's manifest digest differ from run to run, while the
//! ledger, and so the fingerprint, stays the same (no key or signature
//! enters a transaction).
//!
//! After the story come the demo's own steps, one function each, run in
//! order by [`demo`]: check the books ([`verify_books`], as `fondo verify`
//! does), write the last quarter's public audit bundle, signed with the
//! fund's key, and verify it offline with that key ([`write_bundle`],
//! through `fondo export audit --sign-with` and `fondo verify --bundle
//! --signer-key`, like the story's commands), and write the open-forum
//! report of that quarter with the bundle's manifest digest
//! ([`write_forum`], through `fondo report forum --bundle`).

mod network;

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use crate::cli::{Command, DemoArgs};
use crate::commands::CommandError;
use crate::commands::{Bar, Outcome, open, parse_args, say, usage_message};
use fondo::audit::verify::{Verification, verify};
use fondo::domain::grant::Status;
use fondo::domain::lang::Lang;
use fondo::domain::member::Audience;
use fondo::domain::purchase::Status as PurchaseStatus;
use fondo::error::Error;
use fondo::progress::Progress;
use fondo::report;
use fondo::store::{Access, fund};

/// The demo fund's salt key, fixed (`FONDO_SALT_KEY`) so that its
/// fingerprint is the same on every run. A real fund's key is random.
const DEMO_SALT_KEY: &str = "f0bd0de3f0bd0de3f0bd0de3f0bd0de3f0bd0de3f0bd0de3f0bd0de3f0bd0de3";

/// The demo fund's id, fixed (`FONDO_FUND_ID`) so that its transfer ids
/// are the same on every run. A real fund's id is random.
const DEMO_FUND_ID: &str = "de30f0bd0de30f0bd0de30f0bd0de30f";

/// What only the demo can fail at.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The database file or the output folder is already there.
    #[error("{path} {reason}")]
    Target { path: PathBuf, reason: String },

    /// A line of the story script is wrong, or its command failed.
    #[error("demo script {script}, line {line}: {reason}")]
    Script {
        script: String,
        line: usize,
        reason: String,
    },

    /// A command the demo adds after the story failed.
    #[error("the demo stopped: {reason}")]
    Stopped { reason: String },

    /// The fund the demo built has findings.
    #[error(
        "the demo fund does not verify ({count} findings, the first: {code} at {location}: {message}); see `fondo --db {db} verify`"
    )]
    Unverified {
        count: usize,
        code: String,
        location: String,
        message: String,
        db: String,
    },
}

type Result<T, E = CommandError> = std::result::Result<T, E>;

/// The demo's files, by their path under `examples/`.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "demo/story.sh",
        include_str!("../../examples/demo/story.sh"),
    ),
    (
        "demo/opening-2026.csv",
        include_str!("../../examples/demo/opening-2026.csv"),
    ),
    (
        "demo/bank-eur-2026-q1.csv",
        include_str!("../../examples/demo/bank-eur-2026-q1.csv"),
    ),
    (
        "demo/bank-eur-2026-q2.csv",
        include_str!("../../examples/demo/bank-eur-2026-q2.csv"),
    ),
    (
        "demo/opencollective-2026-q1.csv",
        include_str!("../../examples/demo/opencollective-2026-q1.csv"),
    ),
    (
        "demo/opencollective-2026-q2.csv",
        include_str!("../../examples/demo/opencollective-2026-q2.csv"),
    ),
    (
        "demo/keys/felipe",
        include_str!("../../examples/demo/keys/felipe"),
    ),
    (
        "demo/keys/felipe.pub",
        include_str!("../../examples/demo/keys/felipe.pub"),
    ),
    (
        PASSPHRASE_FILE,
        include_str!("../../examples/demo/keys/demo-passphrase.txt"),
    ),
    (
        "maps/eu-bank.toml",
        include_str!("../../examples/maps/eu-bank.toml"),
    ),
    (
        "maps/opencollective.toml",
        include_str!("../../examples/maps/opencollective.toml"),
    ),
];

/// The script of the story, one of [`EXAMPLES`]; its commands run in its
/// folder.
const STORY: &str = "demo/story.sh";

/// The passphrase of the demo's keys (Felipe's, made with ssh-keygen and
/// committed, and those `fondo key gen` makes during the story), one of
/// [`EXAMPLES`]: every command runs with `FONDO_PASSPHRASE_FILE` naming it.
/// A demo key protects nothing; a real one's passphrase is never written
/// down beside it.
const PASSPHRASE_FILE: &str = "demo/keys/demo-passphrase.txt";

/// The files of [`EXAMPLES`] only their owner may read: the private key and
/// the passphrase (fondo warns about a passphrase file others can read).
const PRIVATE: &[&str] = &[
    "demo/keys/felipe",
    PASSPHRASE_FILE,
    network::PASSPHRASE_FILE,
];

/// The fund's key, made by `fondo key gen` in the story: the demo signs its
/// audit bundle with it.
const FUND_KEY: &str = "keys/fund";

/// The transcript of every command run, in the output folder.
const TRANSCRIPT: &str = "transcript.txt";

/// The period the demo's forum report covers: the story's last quarter,
/// compared with the one before.
const FORUM_PERIOD: &str = "2026-Q2";

/// The forum report's files in the output folder.
const FORUM_HTML: &str = "forum.html";
const FORUM_MD: &str = "forum.md";

/// The audit bundle's folder inside the demo's output folder.
const BUNDLE: &str = "audit-bundle";

/// One command the demo runs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// The script line it starts on (1-based); none for the commands the
    /// demo adds after the story.
    line: Option<usize>,
    /// The command as written, continuation lines joined.
    text: String,
    /// Its arguments, after `fondo`.
    args: Vec<String>,
    /// The environment it runs with besides the demo's own: the
    /// `NAME=value` words before `fondo` (only in the network's story, and
    /// only [`network::FUND_ID`]).
    env: Vec<(String, String)>,
}

pub fn demo(db: &Path, args: &DemoArgs) -> Result<Outcome> {
    if args.network {
        return network::demo(args);
    }
    check_targets(db, &args.out)?;
    let story = parse_story(example(STORY), db)?;
    let script = Script {
        story: STORY,
        files: EXAMPLES,
        root: "examples",
        db: Some(db.to_owned()),
        passphrase: PASSPHRASE_FILE,
        env: &[],
    };
    let mut fondo = Fondo::start(script, &args.out)?;
    run_story(&mut fondo, &story)?;
    let verification = verify_books(db)?;
    let lang = args.lang.asked();
    write_bundle(&mut fondo, &args.out, lang)?;
    write_forum(&mut fondo, &args.out, lang)?;
    let commands = fondo.finish()?;
    let built = describe(db, commands, &verification)?;
    say(&account(db, &args.out, &built))?;
    Ok(Outcome::Ok)
}

/// The text of an embedded example file.
fn example(path: &str) -> &'static str {
    EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .unwrap_or_default()
}

/// Refuses an existing database file and an output folder that exists and is
/// not empty: the demo never changes what is already there.
fn check_targets(db: &Path, out: &Path) -> Result<()> {
    if fs::symlink_metadata(db).is_ok() {
        return Err(DemoError::Target {
            path: db.to_owned(),
            reason: "already exists; `fondo demo` builds a new fund and never touches an existing file: choose another path with --db".into(),
        }
        .into());
    }
    check_out(out)
}

/// Refuses an output folder that exists and is not empty.
fn check_out(out: &Path) -> Result<()> {
    let io = |source| Error::Io {
        context: format!("reading {}", out.display()),
        source,
    };
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(e).into()),
        Ok(meta) if meta.is_dir() && fs::read_dir(out).map_err(io)?.next().is_none() => Ok(()),
        Ok(_) => Err(DemoError::Target {
            path: out.to_owned(),
            reason: "already exists and is not an empty folder; `fondo demo` writes into a new one: choose another with --out".into(),
        }
        .into()),
    }
}

/// Parses the story script into commands, checking each against the
/// command line's grammar (as it will run, with `--db` set to `db`).
fn parse_story(script: &str, db: &Path) -> Result<Vec<Step>> {
    parse_script(script, STORY, &[], |args| check_step(args, Some(db)))
}

/// Parses a script of `fondo` lines (`story`: its path under `examples/`,
/// for errors) into commands, checking each with `check`. Words of the form
/// `NAME=value` before `fondo` set NAME for that command, for the names in
/// `env` only.
fn parse_script(
    script: &str,
    story: &'static str,
    env: &[&str],
    check: impl Fn(&[String]) -> std::result::Result<(), String>,
) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    let mut lines = script.lines().enumerate();
    while let Some((index, first)) = lines.next() {
        let line = index + 1;
        let error = |reason: &str| script_error(story, line, reason);
        let trimmed = first.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut text = trimmed.to_owned();
        while let Some(head) = text.strip_suffix('\\') {
            let Some((_, next)) = lines.next() else {
                return Err(error("the last line ends with a backslash"));
            };
            text = format!("{} {}", head.trim_end(), next.trim());
        }
        let words =
            shlex::split(&text).ok_or_else(|| error("unbalanced quotes or a stray backslash"))?;
        let start = words.iter().position(|w| w == "fondo");
        let (assignments, args) = match start {
            Some(at) => (&words[..at], &words[at + 1..]),
            None => (&words[..0], &words[..]),
        };
        let mut step_env = Vec::new();
        for word in assignments {
            match word.split_once('=') {
                Some((name, value)) if env.contains(&name) => {
                    step_env.push((name.to_owned(), value.to_owned()));
                }
                _ => {
                    return Err(error(&if env.is_empty() {
                        "every command starts with `fondo` (comments start with #)".to_owned()
                    } else {
                        format!(
                            "every command starts with `fondo`, after at most {} (comments start with #)",
                            env.iter()
                                .map(|n| format!("{n}=…"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }));
                }
            }
        }
        if start.is_none() {
            return Err(error(
                "every command starts with `fondo` (comments start with #)",
            ));
        }
        check(args).map_err(|reason| error(&reason))?;
        // The command as written, from its `fondo` on.
        let from = if step_env.is_empty() {
            0
        } else {
            text.find(" fondo ").map_or(0, |at| at + 1)
        };
        let text = text[from..]
            .strip_prefix("fondo")
            .unwrap_or(&text)
            .trim()
            .to_owned();
        steps.push(Step {
            line: Some(line),
            text,
            args: args.to_vec(),
            env: step_env,
        });
    }
    Ok(steps)
}

fn script_error(story: &str, line: usize, reason: &str) -> CommandError {
    DemoError::Script {
        script: format!("examples/{story}"),
        line,
        reason: reason.to_owned(),
    }
    .into()
}

/// Checks one command's arguments against the command line's grammar.
/// With `db`, the demo chooses the database and the command may not; without
/// it (the network's story), the command names its own.
fn check_step(args: &[String], db: Option<&Path>) -> std::result::Result<(), String> {
    let names_db = args.iter().any(|a| a == "--db" || a.starts_with("--db="));
    if names_db && db.is_some() {
        return Err("the story does not choose the database (--db): the demo does".into());
    }
    let chosen = db.map(|db| ["--db".as_ref(), db.as_os_str()]);
    let argv = std::iter::once("fondo".as_ref())
        .chain(chosen.into_iter().flatten())
        .chain(args.iter().map(|a| a.as_ref()));
    let cli = parse_args(argv).map_err(|e| {
        let text = usage_message(&e);
        text.lines().next().unwrap_or_default().to_owned()
    })?;
    if matches!(cli.command, Command::Demo(_)) {
        return Err("the story cannot run the demo itself".into());
    }
    Ok(())
}

/// Where a demo's script and its files are, and what its commands run on.
struct Script {
    /// The script's path among `files`.
    story: &'static str,
    /// The files written out before it runs, by path under `root`.
    files: &'static [(&'static str, &'static str)],
    /// The folder of the output folder they are written into (`examples`
    /// for the fund's demo, the output folder itself for the network's).
    root: &'static str,
    /// The database every command runs on; none when each names its own.
    db: Option<PathBuf>,
    /// The demo keys' passphrase file, among `files`.
    passphrase: &'static str,
    /// Variables every command runs with, as paths under the script's
    /// folder (made absolute).
    env: &'static [(&'static str, &'static str)],
}

/// Runs `fondo` commands, each as its own process in the script's folder,
/// and keeps their transcript.
struct Fondo {
    exe: PathBuf,
    db: Option<PathBuf>,
    /// The working directory: the story's folder.
    dir: PathBuf,
    story: &'static str,
    /// The demo keys' passphrase file.
    passphrase: PathBuf,
    env: Vec<(&'static str, PathBuf)>,
    transcript: BufWriter<File>,
    transcript_path: PathBuf,
    /// Commands run so far.
    ran: usize,
}

impl Fondo {
    /// Writes the script's files into the output folder and opens the
    /// transcript.
    fn start(script: Script, out: &Path) -> Result<Fondo> {
        let io = |context: String| move |source| Error::Io { context, source };
        let exe = std::env::current_exe().map_err(io("finding fondo's own program file".into()))?;
        let db = match script.db {
            Some(db) => {
                Some(std::path::absolute(&db).map_err(io(format!("resolving {}", db.display())))?)
            }
            None => None,
        };
        let root = out.join(script.root);
        for (path, text) in script.files {
            let file = root.join(path);
            if let Some(parent) = file.parent() {
                fs::create_dir_all(parent).map_err(io(format!("creating {}", parent.display())))?;
            }
            fs::write(&file, text).map_err(io(format!("writing {}", file.display())))?;
            if PRIVATE.contains(path) {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&file, fs::Permissions::from_mode(0o600))
                    .map_err(io(format!("protecting {}", file.display())))?;
            }
        }
        let absolute = |path: PathBuf| {
            std::path::absolute(&path).map_err(io(format!("resolving {}", path.display())))
        };
        let passphrase = absolute(root.join(script.passphrase))?;
        let story = absolute(root.join(script.story))?;
        let dir = story.parent().unwrap_or(&root).to_owned();
        let env = script
            .env
            .iter()
            .map(|(name, path)| (*name, dir.join(path)))
            .collect();
        let transcript_path = out.join(TRANSCRIPT);
        let file = File::create(&transcript_path)
            .map_err(io(format!("writing {}", transcript_path.display())))?;
        let mut fondo = Fondo {
            exe,
            db,
            dir,
            story: script.story,
            passphrase,
            env,
            transcript: BufWriter::new(file),
            transcript_path,
            ran: 0,
        };
        let ran_with = match &fondo.db {
            Some(db) => format!("with --db {} ", db.display()),
            None => String::new(),
        };
        fondo.log(&format!(
            "# Every command `fondo demo` ran, in order, with what it printed.\n\
             # Each ran {ran_with}in {}.\n",
            fondo.dir.display()
        ))?;
        Ok(fondo)
    }

    fn log(&mut self, text: &str) -> Result<()> {
        self.transcript
            .write_all(text.as_bytes())
            .map_err(|source| Error::Io {
                context: format!("writing {}", self.transcript_path.display()),
                source,
            })
            .map_err(CommandError::from)
    }

    /// Runs one command and returns what it printed; a failure names the
    /// script line.
    fn run_output(&mut self, step: &Step) -> Result<String> {
        let mut command = Process::new(&self.exe);
        if let Some(db) = &self.db {
            command.arg("--db").arg(db);
        }
        command
            .args(&step.args)
            .current_dir(&self.dir)
            .env_remove("FONDO_DB")
            .env(crate::commands::setup::FONDO_SALT_KEY, DEMO_SALT_KEY)
            .env(crate::commands::setup::FONDO_FUND_ID, DEMO_FUND_ID)
            .env(
                crate::commands::passphrase::PASSPHRASE_FILE,
                &self.passphrase,
            )
            .envs(self.env.iter().map(|(name, path)| (name, path)))
            .envs(step.env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null());
        let output = command.output().map_err(|source| Error::Io {
            context: format!("running {}", self.exe.display()),
            source,
        })?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        self.ran += 1;
        let assignments: String = step
            .env
            .iter()
            .map(|(name, value)| format!("{name}={value} "))
            .collect();
        self.log(&format!(
            "\n$ {assignments}fondo {}\n{stdout}{stderr}",
            step.text
        ))?;
        if output.status.success() {
            return Ok(stdout);
        }
        let message = stderr.trim();
        let left = match &self.db {
            Some(db) => format!("the fund built so far is left in {}", db.display()),
            None => format!("what was built so far is left in {}", self.dir.display()),
        };
        let reason = format!(
            "`fondo {}` failed: {}; {left} (see {})",
            step.text,
            message.strip_prefix("fondo: ").unwrap_or(message),
            self.transcript_path.display()
        );
        Err(match step.line {
            Some(line) => script_error(self.story, line, &reason),
            None => DemoError::Stopped { reason }.into(),
        })
    }

    /// Runs one command; a failure names the script line.
    fn run(&mut self, step: &Step) -> Result<()> {
        self.run_output(step).map(drop)
    }

    /// Runs a command the demo adds after the story.
    fn run_args(&mut self, args: &[&str]) -> Result<()> {
        self.output_of(args).map(drop)
    }

    /// Runs a command the demo adds after the story, and returns what it
    /// printed.
    fn output_of(&mut self, args: &[&str]) -> Result<String> {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let text =
            shlex::try_join(args.iter().map(String::as_str)).unwrap_or_else(|_| args.join(" "));
        self.run_output(&Step {
            line: None,
            text,
            args,
            env: Vec::new(),
        })
    }

    /// Closes the transcript; returns how many commands ran.
    fn finish(mut self) -> Result<usize> {
        self.transcript.flush().map_err(|source| Error::Io {
            context: format!("writing {}", self.transcript_path.display()),
            source,
        })?;
        Ok(self.ran)
    }
}

/// Runs every command of the story, in order.
fn run_story(fondo: &mut Fondo, story: &[Step]) -> Result<()> {
    let bar = Bar::new("building the demo fund {bar:40} {pos}/{len} commands");
    bar.start(story.len() as u64);
    for (done, step) in story.iter().enumerate() {
        fondo.run(step)?;
        bar.set(done as u64 + 1);
    }
    bar.finish();
    Ok(())
}

/// Checks every invariant of the books, as `fondo verify` does; the demo
/// fails if anything is found.
fn verify_books(db: &Path) -> Result<Verification> {
    let verification = verify(&mut open(db, Access::Read)?)?;
    if let Some(first) = verification.findings.first() {
        return Err(DemoError::Unverified {
            count: verification.findings.len(),
            code: first.code.to_string(),
            location: first.location.to_string(),
            message: first.message.to_string(),
            db: db.display().to_string(),
        }
        .into());
    }
    Ok(verification)
}

/// `out` as an absolute path (the demo's commands run in another folder).
fn absolute(out: &Path) -> Result<PathBuf> {
    std::path::absolute(out)
        .map_err(|source| Error::Io {
            context: format!("resolving {}", out.display()),
            source,
        })
        .map_err(CommandError::from)
}

/// Writes the forum report of the story's last quarter, as HTML and as
/// Markdown, for the public, with the manifest digest of the quarter's
/// bundle (written first, by [`write_bundle`]).
fn write_forum(fondo: &mut Fondo, out: &Path, lang: Option<Lang>) -> Result<()> {
    let out = absolute(out)?;
    let bundle = out.join(BUNDLE).display().to_string();
    for (file, format) in [(FORUM_HTML, "html"), (FORUM_MD, "md")] {
        let path = out.join(file).display().to_string();
        let mut args = vec![
            "report",
            "forum",
            "--period",
            FORUM_PERIOD,
            "--audience",
            "public",
            "--format",
            format,
            "--bundle",
            &bundle,
            "--out",
            &path,
        ];
        if let Some(lang) = lang {
            args.extend(["--lang", lang.tag()]);
        }
        fondo.run_args(&args)?;
    }
    Ok(())
}

/// Writes the public audit bundle of the same quarter, signed with the
/// fund's key, through `fondo export audit`, and checks it offline as an
/// auditor would, through `fondo verify --bundle` with the fund's public key
/// (which fails the demo on any finding).
fn write_bundle(fondo: &mut Fondo, out: &Path, lang: Option<Lang>) -> Result<()> {
    let dir = absolute(out)?.join(BUNDLE).display().to_string();
    let mut args = vec![
        "export",
        "audit",
        "--out",
        &dir,
        "--period",
        FORUM_PERIOD,
        "--audience",
        "public",
        "--sign-with",
        FUND_KEY,
    ];
    if let Some(lang) = lang {
        args.extend(["--lang", lang.tag()]);
    }
    fondo.run_args(&args)?;
    let public = format!("{FUND_KEY}.pub");
    fondo.run_args(&["verify", "--bundle", &dir, "--signer-key", &public])
}

/// What the demo built, for its closing account.
struct Built {
    fund: String,
    commands: usize,
    /// Members per visibility, in the order public, pseudonymous, anonymous.
    members: Vec<(&'static str, usize)>,
    pools: Vec<String>,
    commodities: Vec<String>,
    rates: usize,
    /// Grants per status.
    grants: Vec<(&'static str, usize)>,
    /// Pooled purchases per status.
    purchases: Vec<(&'static str, usize)>,
    verification: Verification,
}

/// Reads what the demo built back from the fund.
fn describe(db: &Path, commands: usize, verification: &Verification) -> Result<Built> {
    let mut db = open(db, Access::Read)?;
    let tx = db.read()?;
    let now = crate::commands::clock::now();
    let members = report::members::list(&tx, Audience::Treasurer, now.date())?;
    let grants = report::grants::list(&tx, Audience::Treasurer, None, None, now)?;
    Ok(Built {
        fund: fund::get(&tx)?.map(|f| f.name).unwrap_or_default(),
        commands,
        members: ["public", "pseudonymous", "anonymous"]
            .into_iter()
            .map(|v| (v, members.iter().filter(|m| m.visibility == v).count()))
            .collect(),
        pools: report::pools::list(&tx, None)?
            .into_iter()
            .map(|p| p.pool)
            .collect(),
        commodities: report::lists::commodities(&tx)?
            .into_iter()
            .map(|c| c.code)
            .collect(),
        rates: report::support::rates(&tx)?.len(),
        grants: [
            Status::Open,
            Status::Approved,
            Status::Rejected,
            Status::Withdrawn,
            Status::Closed,
        ]
        .into_iter()
        .map(|s| {
            (
                s.as_str(),
                grants.iter().filter(|g| g.status == s.as_str()).count(),
            )
        })
        .collect(),
        purchases: {
            let list = report::purchases::list(&tx, None)?;
            [
                PurchaseStatus::Open,
                PurchaseStatus::Closed,
                PurchaseStatus::Settled,
                PurchaseStatus::Done,
            ]
            .into_iter()
            .map(|s| (s.as_str(), list.iter().filter(|p| p.status == s).count()))
            .collect()
        },
        verification: verification.clone(),
    })
}

/// A path as it can be typed in a shell.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    shlex::try_quote(&text).map_or(text.clone(), |q| q.into_owned())
}

/// The closing account, in plain words.
fn account(db: &Path, out: &Path, built: &Built) -> Vec<String> {
    let v = &built.verification;
    let members: usize = built.members.iter().map(|(_, n)| n).sum();
    let grants: usize = built.grants.iter().map(|(_, n)| n).sum();
    let purchases: usize = built.purchases.iter().map(|(_, n)| n).sum();
    let counts = |counts: &[(&str, usize)]| {
        plain_list(
            &counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(what, n)| format!("{n} {what}"))
                .collect::<Vec<_>>(),
        )
    };
    let db_arg = quoted(db);
    vec![
        format!(
            "built the demo fund {:?} in {} with {} fondo commands:",
            built.fund,
            db.display(),
            built.commands
        ),
        format!(
            "  {members} members ({}), with treasurers and stewards in rotating terms",
            counts(&built.members)
        ),
        format!("  pools: {}", plain_list(&built.pools)),
        format!(
            "  commodities: {}, with {} recorded exchange rates",
            plain_list(&built.commodities),
            built.rates
        ),
        format!("  {grants} grants ({})", counts(&built.grants)),
        format!(
            "  {purchases} pooled {} of member groups ({})",
            if purchases == 1 {
                "purchase"
            } else {
                "purchases"
            },
            counts(&built.purchases)
        ),
        format!(
            "  {} transactions and {} governance records; verify found no problems",
            v.transactions, v.records
        ),
        format!("  fingerprint: {}", v.fingerprint),
        format!("written to {}:", out.display()),
        format!(
            "  {FORUM_HTML:<31} the open-forum report of {FORUM_PERIOD}, for the public (open it in a browser, or print it)"
        ),
        format!("  {FORUM_MD:<31} the same report in Markdown"),
        format!(
            "  {:<31} the public audit bundle of {FORUM_PERIOD}, signed with the fund's key; verify --bundle found no problems",
            format!("{BUNDLE}/")
        ),
        format!("  examples/{STORY:<22} the story: every command the demo ran"),
        format!(
            "  {:<31} the files it imported",
            "examples/demo/, examples/maps/"
        ),
        format!("  {TRANSCRIPT:<31} what each command printed"),
        "look around:".to_owned(),
        format!("  fondo --db {db_arg} report summary --period {FORUM_PERIOD}"),
        format!("  fondo --db {db_arg} report metrics --period {FORUM_PERIOD}"),
        format!("  fondo --db {db_arg} pool list"),
        format!("  fondo --db {db_arg} grant list --audience public"),
        format!("  fondo --db {db_arg} role list"),
        format!(
            "  fondo verify --bundle {} --signer-key {}",
            quoted(&out.join(BUNDLE)),
            quoted(&out.join("examples/demo").join(format!("{FUND_KEY}.pub")))
        ),
    ]
}

/// `a, b and c`: the demo's own report is in English.
fn plain_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB: &str = "/tmp/demo.db";

    fn parse(script: &str) -> Result<Vec<Step>> {
        parse_story(script, Path::new(DB))
    }

    fn reason(script: &str) -> (usize, String) {
        match parse(script) {
            Err(CommandError::Demo(DemoError::Script { line, reason, .. })) => (line, reason),
            other => panic!("expected a script error, got {other:?}"),
        }
    }

    #[test]
    fn the_embedded_story_parses_and_every_file_it_names_is_embedded() {
        let story = parse(example(STORY)).unwrap();
        assert!(story.len() > 100, "{} commands", story.len());
        assert_eq!(story[0].args[0], "init");
        for step in &story {
            for file in step
                .args
                .iter()
                .filter(|a| a.ends_with(".csv") || a.ends_with(".toml"))
            {
                let resolved = Path::new("demo").join(file);
                let normal = resolved.to_string_lossy().replace("demo/../", "");
                assert!(
                    EXAMPLES.iter().any(|(p, _)| *p == normal),
                    "line {:?} names {file}, which is not embedded",
                    step.line
                );
            }
        }
    }

    #[test]
    fn joins_continuation_lines_and_skips_comments() {
        let story = parse(
            "# a comment\n\nfondo pool add housing \\\n    --purpose \"Rent relief\"\n  # indented comment\nfondo pool list\n",
        )
        .unwrap();
        assert_eq!(
            story,
            vec![
                Step {
                    line: Some(3),
                    text: "pool add housing --purpose \"Rent relief\"".into(),
                    args: vec!["pool", "add", "housing", "--purpose", "Rent relief"]
                        .into_iter()
                        .map(String::from)
                        .collect(),
                    env: Vec::new(),
                },
                Step {
                    line: Some(6),
                    text: "pool list".into(),
                    args: vec!["pool".into(), "list".into()],
                    env: Vec::new(),
                },
            ]
        );
    }

    #[test]
    fn refuses_lines_that_are_not_fondo_commands_of_the_grammar() {
        assert_eq!(reason("ls -l\n").0, 1);
        assert!(reason("\nrm x.db\n").1.contains("starts with `fondo`"));
        let (line, why) = reason("fondo pool list\nfondo pool ad housing\n");
        assert_eq!(line, 2);
        assert!(why.contains("ad"), "{why}");
        assert!(reason("fondo demo\n").1.contains("demo itself"));
        assert!(
            reason("fondo --db other.db pool list\n")
                .1
                .contains("database")
        );
        assert!(reason("fondo member add \"Ana\n").1.contains("quotes"));
        assert!(reason("fondo pool list \\\n").1.contains("backslash"));
    }
}
