//! Copies of a whole fund database through SQLite's online backup API.
//!
//! A backup reads the source in one step, inside one read transaction: the
//! copy is one consistent state of the books, and in WAL mode writers are not
//! held up meanwhile (they append to the WAL; the copy does not see them).
//! The destination is written in one transaction of its own, so a copy
//! interrupted half-way is rolled back by the next opener rather than left
//! half-written. Copies are made in files fondo creates itself (mode 0600,
//! never over an existing file), then switched to WAL like every fund
//! database, flushed to disk with `synchronous = FULL`, and the directory
//! entry is synced too.
//!
//! [`Db::restore_from`] runs the same API the other way, into a live
//! database: SQLite takes the destination's write lock, so other fondo
//! processes wait on their busy timeout and then see the restored books.
//!
//! Encrypted books are copied the same way: SQLCipher's backup API copies
//! between two encrypted files (never between an encrypted and a plain
//! one), so a copy of encrypted books is keyed with their passphrase before
//! anything is written to it and stays encrypted with it.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::cipher::{self, Passphrase, Sealing, Unlock};
use super::{APPLICATION_ID, BUSY_TIMEOUT, Db};
use crate::error::{Error, Result, SqlContext};

/// Copies everything from `from` into `to`, in one step.
fn copy(from: &Connection, to: &mut Connection, context: &str) -> Result<()> {
    let backup = Backup::new(from, to).ctx(context)?;
    // With -1 every page is copied in one step; Busy or Locked come back
    // only once the busy timeout of the connection concerned has run out.
    match backup.step(-1).ctx(context)? {
        StepResult::Done => Ok(()),
        StepResult::More | StepResult::Busy | StepResult::Locked => Err(Error::Busy {
            seconds: BUSY_TIMEOUT.as_secs(),
            context: context.to_owned(),
        }),
        _ => Err(Error::BackupStopped {
            context: context.to_owned(),
        }),
    }
}

/// Creates `dest` (mode 0600; refusing an existing file) and copies the
/// database `from` into it, encrypted with `key` when `from` is. On
/// failure the new file is removed.
fn copy_into_new(from: &Connection, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dest)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Exists {
                path: dest.to_owned(),
                reason: "fondo never overwrites a file with a copy; choose a new name".into(),
            });
        }
        Err(e) => {
            return Err(Error::Io {
                context: format!("creating {}", dest.display()),
                source: e,
            });
        }
    }
    let made = (|| -> Result<()> {
        let context = format!("copying the books to {}", dest.display());
        let mut to = Connection::open_with_flags(
            dest,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ctx(&context)?;
        if let Some(key) = key {
            cipher::apply_key(&to, key)?;
        }
        to.pragma_update(None, "synchronous", "FULL")
            .ctx(&context)?;
        copy(from, &mut to, &context)?;
        to.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .ctx(&context)?;
        to.close().map_err(|(_, e)| e).ctx(&context)?;
        sync_dir(dest)
    })();
    if made.is_err() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut file = dest.as_os_str().to_owned();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
    made
}

/// Makes a new directory entry durable.
fn sync_dir(file: &Path) -> Result<()> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| Error::Io {
            context: format!("syncing the directory {}", dir.display()),
            source,
        })
}

impl Db {
    /// Copies the whole database into a new file at `dest` (see the module
    /// documentation). Fails when `dest` exists.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_into_new(&self.conn, dest, self.key.as_ref())
    }

    /// The file's page size in bytes.
    pub fn page_size(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .ctx("reading the page size")
    }

    /// Rewrites the whole file with pages of `size` bytes (leaving WAL for
    /// the rewrite, which SQLite requires). Only for a file no other process
    /// has open: the copy of a backup being restored, whose pages must match
    /// the books it replaces.
    pub fn repage(&mut self, size: i64) -> Result<()> {
        let context = format!("rewriting {} with {size}-byte pages", self.path.display());
        let conn = &self.conn;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .ctx(&context)?;
        conn.pragma_update(None, "page_size", size).ctx(&context)?;
        conn.execute_batch("VACUUM").ctx(&context)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .ctx(&context)
    }

    /// Replaces this database's whole content with `source`'s, in one
    /// transaction: other processes see either the old books or the new.
    /// Fails (changing nothing) when the two files' page sizes differ.
    pub fn restore_from(&mut self, source: &Db) -> Result<()> {
        let context = format!("restoring into {}", self.path.display());
        copy(&source.conn, &mut self.conn, &context)
    }
}

/// Copies the fondo database at `source` into a new file at `dest` without
/// changing `source` in any way: it is opened read-only, never migrated.
/// An encrypted `source` is opened with the passphrase `unlock` gives, and
/// the copy is encrypted with it too; returns that passphrase (`None` for
/// plain books). Fails when `source` is not a fondo database, the
/// passphrase does not unlock it, or `dest` exists.
pub fn copy_file(source: &Path, dest: &Path, unlock: &dyn Unlock) -> Result<Option<Passphrase>> {
    let meta = std::fs::metadata(source).map_err(|e| Error::Io {
        context: format!("opening {}", source.display()),
        source: e,
    })?;
    let not_fondo = |reason: &str| Error::NotFondo {
        path: source.to_owned(),
        reason: reason.into(),
    };
    if !meta.is_file() {
        return Err(not_fondo("not a regular file"));
    }
    let key = match cipher::sealing(source)? {
        Sealing::Plain => None,
        Sealing::Encrypted => Some(cipher::key_for(source, unlock)?),
        Sealing::NotSqlite => return Err(not_fondo("not an SQLite file")),
    };
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ctx("opening the backup")?;
    if let Some(key) = &key {
        cipher::apply_key(&from, key)?;
    }
    from.busy_timeout(BUSY_TIMEOUT)
        .ctx("setting the busy timeout")?;
    let app_id: i64 = match from.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(match key {
                Some(_) => Error::WrongPassphrase {
                    path: source.to_owned(),
                },
                None => not_fondo("not an SQLite file"),
            });
        }
        Err(e) => return Err(e).ctx("reading the backup's header"),
    };
    if app_id != APPLICATION_ID {
        return Err(not_fondo("an SQLite file made by another program"));
    }
    copy_into_new(&from, dest, key.as_ref())?;
    Ok(key)
}
