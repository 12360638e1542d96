//! `fondo backup` and `fondo restore`: whole-database copies that are
//! checked before anyone relies on them.
//!
//! A backup is made with SQLite's online backup API (see `store::backup`)
//! while other commands may keep writing, into a new file only, and the copy
//! is then verified like `fondo verify` does: its fingerprint is the
//! source's at the moment of the copy.
//!
//! A restore never trusts the backup file and never changes it: the backup
//! is first copied beside the target (read-only, not migrated), the copy is
//! opened (which upgrades an older schema in the copy only) and verified,
//! and only a copy without findings goes on. Into a path with no database
//! the checked copy is linked into place (never over a file that appeared
//! meanwhile; moved, where the file system has no hard links). Over
//! existing books only with `force`: the current books are first saved
//! beside them (`<db>.replaced-<time>`), then replaced in one SQLite
//! transaction through the backup API, which is safe while other
//! processes have the database open.

use std::path::{Path, PathBuf};

use crate::audit::verify::{Verification, verify};
use crate::domain::date::SharedClock;
use crate::error::{Error, Result};
use crate::store::{Access, Db, backup};

/// Copies the books into a new file at `dest` and verifies the copy.
/// Fails when `dest` exists; the returned verification may hold findings
/// (then the source has them too).
pub fn backup(db: &Db, dest: &Path) -> Result<Verification> {
    db.backup_to(dest)?;
    let mut copy = Db::open(dest, Access::Read, db.clock().clone())?;
    verify(&mut copy)
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The restored books, verified in place.
    pub verification: Verification,
    /// Where the books it replaced were saved, if there were any.
    pub replaced: Option<PathBuf>,
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

/// Restores the backup at `source` into `target` (see the module
/// documentation). Fails, changing nothing, when the backup is not a fondo
/// database or has findings, or when `target` exists and `force` is not
/// given. `clock` names the file the replaced books are saved to, and
/// dates what the restore writes.
pub fn restore(target: &Path, source: &Path, force: bool, clock: SharedClock) -> Result<Restored> {
    let exists = std::fs::symlink_metadata(target).is_ok();
    if exists && !force {
        return Err(Error::RestoreOver {
            path: target.to_owned(),
        });
    }
    let checking = beside(target, &format!(".restoring-{}", std::process::id()));
    backup::copy_file(source, &checking)?;
    let restored = (|| {
        let mut copy = Db::open(&checking, Access::Write, clock.clone())?;
        let checked = verify(&mut copy)?;
        if !checked.findings.is_empty() {
            return Err(Error::BackupFindings {
                path: source.to_owned(),
                codes: checked.findings.iter().map(|f| f.code.to_owned()).collect(),
            });
        }
        if !exists {
            drop(copy);
            let appeared = || Error::Exists {
                path: target.to_owned(),
                reason: "it appeared while the backup was checked; nothing was restored".into(),
            };
            match std::fs::hard_link(&checking, target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(appeared()),
                // A file system without hard links (a FAT memory stick):
                // rename instead, after one more look.
                Err(_) if std::fs::symlink_metadata(target).is_ok() => return Err(appeared()),
                Err(_) => std::fs::rename(&checking, target).map_err(|source| Error::Io {
                    context: format!("restoring into {}", target.display()),
                    source,
                })?,
            }
            return Ok(Restored {
                verification: checked,
                replaced: None,
            });
        }
        let mut live = Db::open(target, Access::Write, clock.clone()).map_err(|e| match e {
            Error::Damaged { .. }
            | Error::NotFondo { .. }
            | Error::EmptyFile { .. }
            | Error::TooNew { .. } => Error::RestoreOverBroken {
                source: Box::new(e),
            },
            e => e,
        })?;
        let stamp = clock.now().local().format("%Y%m%dT%H%M%S");
        let aside = beside(target, &format!(".replaced-{stamp}"));
        // A backup from before fondo's 16 KiB pages: SQLite copies into a
        // WAL database only between files of one page size.
        let pages = live.page_size()?;
        if copy.page_size()? != pages {
            copy.repage(pages)?;
        }
        live.backup_to(&aside)?;
        if let Err(e) = live.restore_from(&copy) {
            drop(live);
            remove_db(&aside);
            return Err(e);
        }
        drop(live);
        let verification = verify(&mut Db::open(target, Access::Read, clock.clone())?)?;
        Ok(Restored {
            verification,
            replaced: Some(aside),
        })
    })();
    remove_db(&checking);
    restored
}
