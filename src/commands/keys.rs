//! `fondo member key …`, `fondo fund …`, `fondo key gen` and `fondo ballot
//! sign`: key files and passphrases, the terminal side of signed votes.
//!
//! Rule: a passphrase is read without echo from the terminal, or from the
//! file `FONDO_PASSPHRASE_FILE` names (for scripts and tests); it is never
//! an argument. New key and signature files are never written over unless
//! `--force`; a private key file is readable by its owner only.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{BallotCommand, FundCommand, FundKeyCommand, KeyCommand, MemberKeyCommand};
use crate::commands::grants::at_arg;
use crate::commands::out::{refuse_existing, write_file, writing};
use crate::commands::{CommandError, Result};
use crate::commands::{Outcome, open, say, stdout};
use fondo::domain::keys::{self, BALLOT_NAMESPACE};
use fondo::error::Error;
use fondo::ops::keys as ops;
use fondo::render::{Gate, write_rows};
use fondo::report;
use fondo::store::Access;

/// Reads a file's text; errors name it.
pub(crate) fn read_text(path: &Path) -> fondo::error::Result<String> {
    fs::read_to_string(path).map_err(|source| Error::Io {
        context: format!("reading {}", path.display()),
        source,
    })
}

/// A passphrase: the first line of the file `FONDO_PASSPHRASE_FILE` names,
/// or typed at the terminal without echo (twice when `confirm`).
pub(crate) fn passphrase(prompt: &str, confirm: bool) -> Result<String> {
    if let Some(file) = std::env::var_os("FONDO_PASSPHRASE_FILE") {
        let text = read_text(Path::new(&file))?;
        return Ok(text.lines().next().unwrap_or_default().to_owned());
    }
    if !io::stdin().is_terminal() {
        return Err(CommandError::Refused(
            "a passphrase is needed and there is no terminal to ask for it; put it in a file and name it in FONDO_PASSPHRASE_FILE".into(),
        ));
    }
    let asking = |e| Error::Io {
        context: "reading the passphrase".into(),
        source: e,
    };
    let first = rpassword::prompt_password(prompt).map_err(asking)?;
    if confirm {
        let again = rpassword::prompt_password("Same passphrase again: ").map_err(asking)?;
        if again != first {
            return Err(CommandError::Refused(
                "the two passphrases differ; nothing was written".into(),
            ));
        }
    }
    Ok(first)
}

/// Writes `text` to a new file (replacing one only with `force`); `private`
/// files are readable by their owner only.
pub(crate) fn write_new(file: &Path, force: bool, private: bool, text: &str) -> Result<()> {
    write_file(file, force, private, |w| {
        w.write_all(text.as_bytes()).map_err(writing(file))
    })
}

/// `PATH` with `.suffix` added (`ballot.txt` → `ballot.txt.sig`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub fn member_key(path: &Path, command: MemberKeyCommand) -> Result<Outcome> {
    match command {
        MemberKeyCommand::Add {
            member,
            key_file,
            key,
            at,
        } => {
            // The moment first, then the books, then the key file: a
            // mistyped command is told so before anything is read.
            let at = at_arg(at.as_deref())?;
            let mut db = open(path, Access::Write)?;
            let (source, text) = match (key_file, key) {
                (Some(file), _) => (file.display().to_string(), read_text(&file)?),
                (None, Some(key)) => ("--key".to_owned(), key),
                (None, None) => unreachable!("clap requires --key-file or --key"),
            };
            let added = ops::add_member_key(&mut db, &member, &source, &text, at)?;
            say(&[format!("key {} is {member}'s", added.fingerprint)])?;
        }
        MemberKeyCommand::Revoke {
            member,
            fingerprint,
            reason,
            at,
        } => {
            let at = at_arg(at.as_deref())?;
            ops::revoke_member_key(
                &mut open(path, Access::Write)?,
                &member,
                &fingerprint,
                &reason,
                at,
            )?;
            say(&[format!("key {fingerprint} of {member} is revoked")])?;
        }
        MemberKeyCommand::List { member, format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::keys::list(&tx, member.as_deref())?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn fund(path: &Path, command: FundCommand) -> Result<Outcome> {
    match command {
        FundCommand::Show { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::keys::show(&tx)?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
        FundCommand::Key(FundKeyCommand::Add { key_file, at }) => {
            let at = at_arg(at.as_deref())?;
            let mut db = open(path, Access::Write)?;
            let text = read_text(&key_file)?;
            let added = ops::add_fund_key(&mut db, &key_file.display().to_string(), &text, at)?;
            say(&[format!("key {} is the fund's", added.fingerprint)])?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn key(command: KeyCommand) -> Result<Outcome> {
    let KeyCommand::Gen {
        out,
        comment,
        force,
    } = command;
    let public_file = with_suffix(&out, ".pub");
    for file in [&out, &public_file] {
        refuse_existing(file, force)?;
    }
    let comment = comment.unwrap_or_else(|| {
        out.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let secret = passphrase("Passphrase for the new key: ", true)?;
    let (private, public) = keys::generate(&mut ssh_key::rand_core::OsRng, &secret, &comment)?;
    write_new(&out, force, true, &private)?;
    write_new(&public_file, force, false, &public)?;
    let fingerprint = keys::parse_public_key(&public_file.display().to_string(), &public)?;
    say(&[
        format!(
            "wrote {} (private, keep it safe) and {}",
            out.display(),
            public_file.display()
        ),
        format!("fingerprint {}", fingerprint.fingerprint),
    ])?;
    Ok(Outcome::Ok)
}

/// Signs `file` with the private key `key` in `namespace`; returns the
/// signature text.
pub(crate) fn sign_file(file: &Path, key: &Path, namespace: &str) -> Result<String> {
    let message = fs::read(file).map_err(|source| Error::Io {
        context: format!("reading {}", file.display()),
        source,
    })?;
    let source = key.display().to_string();
    Ok(keys::sign(
        &source,
        &private_key(key)?,
        namespace,
        &message,
    )?)
}

/// Reads the private key file `key`, asking for its passphrase when it is
/// protected.
pub(crate) fn private_key(key: &Path) -> Result<ssh_key::PrivateKey> {
    let source = key.display().to_string();
    keys::read_private_key(&source, &read_text(key)?, || {
        passphrase(&format!("Passphrase for {source}: "), false)
    })
}

pub fn ballot(command: BallotCommand) -> Result<Outcome> {
    let BallotCommand::Sign { file, key, force } = command;
    let signature = sign_file(&file, &key, BALLOT_NAMESPACE)?;
    let sig_file = with_suffix(&file, ".sig");
    write_new(&sig_file, force, false, &signature)?;
    say(&[format!("wrote {}", sig_file.display())])?;
    Ok(Outcome::Ok)
}
