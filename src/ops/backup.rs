//! `fondo backup` and `fondo restore`: whole-database copies that are
//! checked before anyone relies on them.
//!
//! A backup is made with SQLite's online backup API (see `store::backup`)
//! while other commands may keep writing, into a new file only; the copy it
//! returns is then verified by the caller, like `fondo verify` does: its
//! fingerprint is the source's at the moment of the copy.
//!
//! A restore never trusts the backup file and never changes it: the backup
//! is first copied beside the target (read-only, not migrated) and the copy
//! is opened ([`Restoring::begin`], which upgrades an older schema in the
//! copy only); the caller verifies [`Restoring::copy`], and only a copy
//! without findings goes on ([`Restoring::finish`]). Into a path with no
//! database the checked copy is linked into place (never over a file that
//! appeared meanwhile; moved, where the file system has no hard links).
//! Over existing books only with `force`: the current books are first saved
//! beside them (`<db>.replaced-<time>`), then replaced in one SQLite
//! transaction through the backup API, which is safe while other
//! processes have the database open. A restore dropped before it finished
//! removes the copy and changes nothing.
//!
//! Encrypted books are backed up into encrypted copies with the same
//! passphrase; a restore replaces encrypted books only with an encrypted
//! backup and plain books only with a plain one (SQLCipher copies only
//! between two of a kind), and the books keep their passphrase.
//!
//! Rule: ops write and never check; the checking is `audit::verify`, above
//! this layer, so the command layer runs it between the steps here.

use std::path::{Path, PathBuf};

use crate::domain::date::SharedClock;
use crate::error::{Error, Result};
use crate::store::cipher::Unlock;
use crate::store::{Access, Db, backup};

/// Copies the books into a new file at `dest`; the copy, opened for
/// reading, to be verified. Fails when `dest` exists.
pub fn backup(db: &Db, dest: &Path) -> Result<Db> {
    db.backup_to(dest)?;
    match db.key() {
        Some(key) => Db::open_unlocking(dest, Access::Read, db.clock().clone(), key),
        None => Db::open(dest, Access::Read, db.clock().clone()),
    }
}

/// A path beside `target`, named after it.
fn beside(target: &Path, suffix: &str) -> PathBuf {
    let mut name = target
        .file_name()
        .map(std::ffi::OsStr::to_owned)
        .unwrap_or_else(|| "fondo.db".into());
    name.push(suffix);
    target.with_file_name(name)
}

/// Removes a database file and its WAL companions, if they exist.
fn remove_db(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// A restore under way: the backup copied beside the target and opened,
/// waiting to be checked. Dropping it removes the copy.
pub struct Restoring {
    target: PathBuf,
    exists: bool,
    checking: PathBuf,
    copy: Option<Db>,
    clock: SharedClock,
    source: PathBuf,
}

impl Drop for Restoring {
    fn drop(&mut self) {
        self.copy = None;
        remove_db(&self.checking);
    }
}

impl Restoring {
    /// Copies the backup at `source` beside `target` and opens the copy
    /// (an encrypted backup with the passphrase `unlock` gives; the copy
    /// stays encrypted with it). Fails, changing nothing, when the backup
    /// is not a fondo database, or when `target` exists and `force` is not
    /// given.
    pub fn begin(
        target: &Path,
        source: &Path,
        force: bool,
        clock: SharedClock,
        unlock: &dyn Unlock,
    ) -> Result<Restoring> {
        let exists = std::fs::symlink_metadata(target).is_ok();
        if exists && !force {
            return Err(Error::RestoreOver {
                path: target.to_owned(),
            });
        }
        let checking = beside(target, &format!(".restoring-{}", std::process::id()));
        let mut restoring = Restoring {
            target: target.to_owned(),
            exists,
            checking,
            copy: None,
            clock,
            source: source.to_owned(),
        };
        let key = backup::copy_file(source, &restoring.checking, unlock)?;
        let clock = restoring.clock.clone();
        restoring.copy = Some(match &key {
            Some(key) => Db::open_unlocking(&restoring.checking, Access::Write, clock, key)?,
            None => Db::open(&restoring.checking, Access::Write, clock)?,
        });
        Ok(restoring)
    }

    /// The copy of the backup, to be checked before [`Restoring::finish`].
    pub fn copy(&mut self) -> &mut Db {
        self.copy
            .as_mut()
            .expect("a restore holds its opened copy until it finishes")
    }

    /// Puts the checked copy in place of the target (see the module
    /// documentation); where the books it replaced were saved, if there
    /// were any. Existing encrypted books are opened with the passphrase
    /// `unlock` gives and keep it. Fails, changing nothing, when a file
    /// appeared at an empty target meanwhile, the existing books cannot be
    /// opened, or one of the two is encrypted and the other is not.
    pub fn finish(mut self, unlock: &dyn Unlock) -> Result<Option<PathBuf>> {
        let copy = self
            .copy
            .take()
            .expect("a restore holds its opened copy until it finishes");
        let target = self.target.clone();
        if !self.exists {
            drop(copy);
            let appeared = || Error::Exists {
                path: target.clone(),
                reason: "it appeared while the backup was checked; nothing was restored".into(),
            };
            match std::fs::hard_link(&self.checking, &target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(appeared()),
                // A file system without hard links (a FAT memory stick):
                // rename instead, after one more look.
                Err(_) if std::fs::symlink_metadata(&target).is_ok() => return Err(appeared()),
                Err(_) => std::fs::rename(&self.checking, &target).map_err(|source| Error::Io {
                    context: format!("restoring into {}", target.display()),
                    source,
                })?,
            }
            return Ok(None);
        }
        let mut copy = copy;
        let mut live = Db::open_unlocking(&target, Access::Write, self.clock.clone(), unlock)
            .map_err(|e| match e {
                Error::Damaged { .. }
                | Error::NotFondo { .. }
                | Error::EmptyFile { .. }
                | Error::TooNew { .. } => Error::RestoreOverBroken {
                    source: Box::new(e),
                },
                e => e,
            })?;
        if live.key().is_some() != copy.key().is_some() {
            return Err(Error::MixedEncryption {
                backup: self.source.clone(),
                books: target,
                backup_encrypted: copy.key().is_some(),
            });
        }
        let stamp = self.clock.now().local().format("%Y%m%dT%H%M%S");
        let aside = beside(&target, &format!(".replaced-{stamp}"));
        // A backup from before fondo's 16 KiB pages: SQLite copies into a
        // WAL database only between files of one page size. (Encrypted
        // books all have SQLCipher's.)
        if live.key().is_none() {
            let pages = live.page_size()?;
            if copy.page_size()? != pages {
                copy.repage(pages)?;
            }
        }
        live.backup_to(&aside)?;
        if let Err(e) = live.restore_from(&copy) {
            drop(live);
            remove_db(&aside);
            return Err(e);
        }
        drop(live);
        Ok(Some(aside))
    }
}
