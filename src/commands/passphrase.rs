//! The passphrase of encrypted books, for one run of the binary: read from
//! the file `FONDO_PASSPHRASE_FILE` names (for scripts), or asked on the
//! terminal without echo; asked at most once per run, and only when an
//! encrypted file is opened. A new passphrase (`fondo init --encrypt`,
//! `fondo rekey`) is typed twice, or read from a file too.
//!
//! Rule: a passphrase lives only in memory; the environment carries a
//! file's path, never the passphrase, and no message or error quotes it.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fondo::error::{Error, Result};
use fondo::store::cipher::{Passphrase, Unlock};

/// Names the file holding the passphrase of encrypted books.
pub const PASSPHRASE_FILE: &str = "FONDO_PASSPHRASE_FILE";
/// Names the file holding the new passphrase of `fondo rekey`.
pub const NEW_PASSPHRASE_FILE: &str = "FONDO_NEW_PASSPHRASE_FILE";

/// The passphrase this run was given, once it was asked for.
static GIVEN: OnceLock<Passphrase> = OnceLock::new();

/// The run's passphrase, asked for the first encrypted file opened and
/// kept for every other one (a backup's copy, the books a restore
/// replaces).
pub struct Given;

impl Unlock for Given {
    fn passphrase(&self, path: &Path) -> Result<Passphrase> {
        if let Some(given) = GIVEN.get() {
            return Ok(given.clone());
        }
        let passphrase = match std::env::var_os(PASSPHRASE_FILE) {
            Some(file) => from_file(file)?,
            None => prompt(path, &format!("passphrase for {}: ", path.display()))?,
        };
        Ok(GIVEN.get_or_init(|| passphrase).clone())
    }
}

/// The passphrase of new encrypted books at `path`: from
/// `FONDO_PASSPHRASE_FILE`, or typed twice.
pub fn for_new_books(path: &Path) -> Result<Passphrase> {
    chosen(path, PASSPHRASE_FILE, "passphrase")
}

/// The new passphrase of `fondo rekey`: from `FONDO_NEW_PASSPHRASE_FILE`,
/// or typed twice.
pub fn new_for(path: &Path) -> Result<Passphrase> {
    chosen(path, NEW_PASSPHRASE_FILE, "new passphrase")
}

fn chosen(path: &Path, variable: &str, what: &str) -> Result<Passphrase> {
    if let Some(file) = std::env::var_os(variable) {
        return from_file(file);
    }
    let first = prompt(path, &format!("{what} for {}: ", path.display()))?;
    let again = prompt(path, &format!("the {what} again: "))?;
    if first != again {
        return Err(Error::BadPassphrase {
            reason: "the two typed differ".into(),
        });
    }
    Ok(first)
}

/// Reads a passphrase from a file (its one line; a line end is dropped),
/// warning when other users of the computer may read the file.
fn from_file(file: OsString) -> Result<Passphrase> {
    let file = PathBuf::from(file);
    let io = |source| Error::Io {
        context: format!("reading the passphrase file {}", file.display()),
        source,
    };
    let meta = std::fs::metadata(&file).map_err(io)?;
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        eprintln!(
            "fondo: warning: the passphrase file {} can be read by others (mode {:o}); chmod 600 {}",
            file.display(),
            mode & 0o777,
            file.display()
        );
    }
    Passphrase::new(&std::fs::read_to_string(&file).map_err(io)?)
}

/// Asks on the terminal, without echo; refused when there is no terminal
/// (a script, a pipe), which would otherwise wait for nobody.
fn prompt(path: &Path, question: &str) -> Result<Passphrase> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::NoPassphrase {
            path: path.to_owned(),
        });
    }
    let typed = rpassword::prompt_password(question).map_err(|source| Error::Io {
        context: "reading the passphrase from the terminal".into(),
        source,
    })?;
    Passphrase::new(&typed)
}
