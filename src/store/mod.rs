//! The store layer: every line of SQL in fondo lives below this module.
//!
//! [`Db`] opens a fund's SQLite file with the settings fondo relies on (WAL,
//! `foreign_keys`, a busy timeout so two treasurers wait for each other rather
//! than fail), checks that the file really is a fondo database of a schema
//! version this binary understands, and applies pending migrations (the list
//! in `migrations`) in one exclusive transaction. Store functions take a
//! `&Connection` (a `rusqlite::Transaction` and a [`WriteTx`] deref to one)
//! and never begin or commit: the use cases in `ops` begin once and commit
//! once.
//!
//! A `Db` holds the `Clock` the binary gave it and asks it for the time
//! once per write, when the write lock is held ([`WriteTx::now`]): the store
//! never reads the system clock itself.
//!
//! Encrypted books ([`cipher`]) are told apart by their header before SQLite
//! reads them; their passphrase is asked of the [`cipher::Unlock`] the
//! binary gave, applied before any other statement, and kept for the copies
//! a backup makes (which stay encrypted with it).

pub mod accounts;
pub mod backup;
pub mod balances;
pub mod beside;
pub mod cipher;
pub mod commodities;
pub mod flows;
pub mod fund;
pub mod grant_state;
pub mod hub;
mod ids;
pub mod imports;
pub mod members;
mod migrations;
pub mod pools;
pub mod purchases;
pub mod rates;
pub mod records;
pub mod settings;
pub mod txns;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::date::{Now, SharedClock};
use crate::error::{Error, Result, SqlContext};
use cipher::{Passphrase, Sealing, Unlock};

/// `PRAGMA application_id` of fondo databases ("fond").
const APPLICATION_ID: i64 = 0x666f_6e64;
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Whether a command only reads the database or also writes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// An open fund database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    warnings: Vec<String>,
    clock: SharedClock,
    /// The passphrase of encrypted books; `None` for plain ones.
    key: Option<Passphrase>,
    privacy: Privacy,
}

/// How writes treat free text that names a member hidden from the public:
/// refused when `strict`, otherwise noted in `notes` when the write commits
/// (the command layer, which shares `notes`, prints them).
#[derive(Debug, Clone, Default)]
pub struct Privacy {
    pub strict: bool,
    pub notes: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

/// The one write transaction of a command, with the moment it began (read
/// from the database's clock once the write lock was held, so a command that
/// waited for another treasurer's is never dated before it). Derefs to the
/// [`Transaction`], so store functions take `&tx` as a `&Connection`.
pub struct WriteTx<'a> {
    tx: Transaction<'a>,
    now: Now,
    privacy: Privacy,
    /// Warnings about the text written, kept when the write commits.
    notes: std::cell::RefCell<Vec<String>>,
}

impl<'a> WriteTx<'a> {
    /// The moment the write began.
    pub fn now(&self) -> Now {
        self.now
    }

    /// The `recorded_at` stamp of the rows this write adds.
    pub fn recorded_at(&self) -> String {
        self.now.recorded_at()
    }

    /// Commits the write.
    pub fn commit(self) -> rusqlite::Result<()> {
        self.tx.commit()?;
        self.privacy.notes.borrow_mut().extend(self.notes.take());
        Ok(())
    }

    /// Whether the command refuses free text naming a hidden member.
    pub fn strict_privacy(&self) -> bool {
        self.privacy.strict
    }

    /// Notes a warning about the text written, reported if the write commits.
    pub fn warn(&self, warning: String) {
        self.notes.borrow_mut().push(warning);
    }
}

impl<'a> std::ops::Deref for WriteTx<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Transaction<'a> {
        &self.tx
    }
}

/// The schema version this binary writes.
pub fn schema_version() -> i64 {
    migrations::latest()
}

/// Creates the empty file of a new database (a fund's books or a hub),
/// readable by its owner only; refuses a path that exists
/// ([`Error::AlreadyExists`]), so nothing is ever written over.
pub(crate) fn create_new_file(path: &Path) -> Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::AlreadyExists {
            path: path.to_owned(),
        }),
        Err(source) => Err(Error::Io {
            context: format!("creating {}", path.display()),
            source,
        }),
    }
}

impl Db {
    /// Creates a new fund database at `path`, with file mode 0600. Refuses to
    /// touch an existing file. On failure the half-made file is removed.
    /// `clock` tells the time of every write (see [`WriteTx::now`]).
    pub fn create(path: &Path, clock: SharedClock) -> Result<Db> {
        Db::make(path, clock, None)
    }

    /// Creates a new fund database at `path` like [`Db::create`], encrypted
    /// with `key`. Fails in a build without encryption. The file keeps
    /// SQLCipher's default settings (4 KiB pages), so SQLCipher's own shell
    /// opens it with the passphrase alone.
    pub fn create_encrypted(path: &Path, clock: SharedClock, key: &Passphrase) -> Result<Db> {
        cipher::can_encrypt(path)?;
        Db::make(path, clock, Some(key.clone()))
    }

    fn make(path: &Path, clock: SharedClock, key: Option<Passphrase>) -> Result<Db> {
        create_new_file(path)?;
        let made = (|| -> Result<Db> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .ctx("opening the new database")?;
            match &key {
                Some(key) => cipher::apply_key(&conn, key)?,
                // Larger pages mean shallower trees and fewer page splits
                // for a journal of millions of postings. Only possible
                // before anything is written to the file.
                None => conn
                    .pragma_update(None, "page_size", 16384)
                    .ctx("setting the page size")?,
            }
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .ctx("marking the database as fondo's")?;
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .ctx("switching to WAL")?;
            stable_plans(&conn)?;
            let db = Db {
                conn,
                path: path.to_owned(),
                warnings: Vec::new(),
                clock,
                key,
                privacy: Privacy::default(),
            };
            db.configure()?;
            Ok(db)
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(path);
        }
        let mut db = made?;
        db.migrate()?;
        Ok(db)
    }

    /// Opens an existing plain fund database, migrating an older schema.
    /// `clock` tells the time of every write (see [`WriteTx::now`]).
    /// Encrypted books are refused ([`Error::NoPassphrase`]).
    pub fn open(path: &Path, access: Access, clock: SharedClock) -> Result<Db> {
        Db::open_unlocking(path, access, clock, &cipher::NoPassphrase)
    }

    /// Opens an existing fund database like [`Db::open`]; encrypted books
    /// with the passphrase `unlock` gives (asked only for them). Fails with
    /// [`Error::Encrypted`] in a build without encryption, and with
    /// [`Error::WrongPassphrase`] when the passphrase does not unlock them.
    pub fn open_unlocking(
        path: &Path,
        access: Access,
        clock: SharedClock,
        unlock: &dyn Unlock,
    ) -> Result<Db> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NoDatabase {
                path: path.to_owned(),
            },
            _ => Error::Io {
                context: format!("opening {}", path.display()),
                source: e,
            },
        })?;
        if !meta.is_file() {
            return Err(Error::NotFondo {
                path: path.to_owned(),
                reason: "not a regular file".into(),
            });
        }
        if meta.len() == 0 {
            return Err(Error::EmptyFile {
                path: path.to_owned(),
            });
        }
        let key = match cipher::sealing(path)? {
            Sealing::Plain => None,
            Sealing::Encrypted => Some(cipher::key_for(path, unlock)?),
            Sealing::NotSqlite => {
                return Err(Error::NotFondo {
                    path: path.to_owned(),
                    reason: "not an SQLite file".into(),
                });
            }
        };
        let read_only_fs = on_read_only_fs(path);
        let read_only = read_only_fs || meta.permissions().readonly();
        if read_only && access == Access::Write {
            return Err(Error::ReadOnly {
                path: path.to_owned(),
            });
        }
        let conn = connect(path, read_only_fs, read_only, key.as_ref())?;
        let mut db = Db {
            conn,
            path: path.to_owned(),
            warnings: file_warnings(path, &meta),
            clock,
            key,
            privacy: Privacy::default(),
        };
        db.check_identity()?;
        let ready = db.configure().and_then(|()| db.migrate());
        ready.map_err(|e| match e {
            Error::Damaged { detail, .. } => Error::Damaged {
                what: path.display().to_string(),
                detail,
            },
            e => e,
        })?;
        Ok(db)
    }

    fn configure(&self) -> Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(BUSY_TIMEOUT)
            .ctx("setting the busy timeout")?;
        rusqlite::vtab::array::load_module(conn).ctx("loading the rarray module")?;
        conn.pragma_update(None, "foreign_keys", true)
            .ctx("enabling foreign keys")?;
        conn.pragma_update(None, "synchronous", "FULL")
            .ctx("setting synchronous mode")
    }

    fn not_fondo(&self, reason: impl Into<String>) -> Error {
        Error::NotFondo {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    fn check_identity(&self) -> Result<()> {
        let app_id: i64 = match self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
        {
            Ok(id) => id,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                if self.key.is_some() {
                    return Err(Error::WrongPassphrase {
                        path: self.path.clone(),
                    });
                }
                return Err(self.not_fondo("not an SQLite file"));
            }
            Err(rusqlite::Error::SqliteFailure(e, detail))
                if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                return Err(Error::Damaged {
                    what: self.path.display().to_string(),
                    detail: detail.unwrap_or_else(|| "corrupt".into()),
                });
            }
            Err(e) => return Err(e).ctx("reading the database header"),
        };
        if app_id == hub::APPLICATION_ID {
            return Err(self.not_fondo("a fondo hub file, not a fund's books"));
        }
        if app_id != APPLICATION_ID {
            return Err(self.not_fondo("an SQLite file made by another program"));
        }
        Ok(())
    }

    fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .ctx("reading the schema version")
    }

    fn migrate(&mut self) -> Result<()> {
        let known = schema_version();
        let found = self.user_version()?;
        if found > known {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        if found == known {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)
            .map_err(|e| write_error(&path, e, "starting the schema upgrade"))?;
        // Re-read under the lock: another process may have migrated meanwhile.
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .ctx("reading the schema version")?;
        migrations::apply(&tx, found, self.clock.now())?;
        tx.commit().ctx("committing the schema upgrade")
    }

    /// Begins the one write transaction of a command. `IMMEDIATE` takes the
    /// write lock up front, so concurrent writers queue on the busy timeout.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        self.begin_write(true)
    }

    fn begin_write(&mut self, foreign_keys: bool) -> Result<WriteTx<'_>> {
        // 32 MiB of page cache (negative = KiB): large imports then rarely
        // spill pages to the WAL before they commit.
        self.conn
            .pragma_update(None, "cache_size", -32768)
            .ctx("setting the cache size")?;
        self.conn
            .pragma_update(None, "foreign_keys", foreign_keys)
            .ctx("setting foreign-key checks")?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| write_error(&path, e, "starting a write transaction"))?;
        Ok(WriteTx {
            tx,
            now: self.clock.now(),
            privacy: self.privacy.clone(),
            notes: std::cell::RefCell::default(),
        })
    }

    /// Begins the write transaction of a bulk import, with SQLite's
    /// foreign-key checks off: importers resolve every id they write within
    /// the same transaction (accounts, commodities, pools, the transactions
    /// they just appended), so the checks only cost time (about a tenth of a
    /// large import). `verify` still reports any posting whose account,
    /// commodity, pool or transaction is missing. [`Db::write`] turns the
    /// checks back on for whatever comes next on this connection.
    pub fn bulk_write(&mut self) -> Result<WriteTx<'_>> {
        self.begin_write(false)
    }

    /// Begins a read transaction: every query in it sees one snapshot.
    pub fn read(&mut self) -> Result<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .ctx("starting a read transaction")
    }

    /// Starts [`integrity_check`] of this file on a second, read-only
    /// connection in another thread, so that on a machine with two cores
    /// the caller's own reading need not wait for it: the check reads every
    /// page of every table and index, a quarter of `verify` on a large
    /// fund. It reads the books as last committed when it starts, which a
    /// write committed in between may make a later state than the caller's
    /// read; what it judges, the file's structure, any committed state has
    /// whole.
    pub fn integrity_check_beside(&self) -> Result<IntegrityCheck> {
        let conn = connect(
            &self.path,
            on_read_only_fs(&self.path),
            true,
            self.key.as_ref(),
        )?;
        Ok(IntegrityCheck(std::thread::spawn(move || {
            integrity_check(&conn)
        })))
    }

    /// The clock this database was opened with, for opening another file
    /// in the same command (a backup's copy).
    pub fn clock(&self) -> &SharedClock {
        &self.clock
    }

    /// The passphrase of encrypted books, for opening a copy of them;
    /// `None` when they are plain.
    pub fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Re-encrypts the books under `new` (SQLCipher rewrites every page in
    /// one transaction of its own, so an interrupted change leaves the old
    /// passphrase in force). Fails with [`Error::NotEncrypted`] on plain
    /// books.
    pub fn rekey(&mut self, new: &Passphrase) -> Result<()> {
        if self.key.is_none() {
            return Err(Error::NotEncrypted {
                path: self.path.clone(),
            });
        }
        cipher::rekey(&self.conn, new)?;
        self.key = Some(new.clone());
        Ok(())
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is risky about the file itself (see `file_warnings`), for the
    /// command layer to print.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Sets how writes treat free text naming a member hidden from the
    /// public ([`Privacy`]).
    pub fn set_privacy(&mut self, privacy: Privacy) {
        self.privacy = privacy;
    }
}

/// What is risky about a database file, as found when opening it: a
/// symbolic link (a backup or sync tool may copy the link rather than the
/// books, and two treasurers may open the books under two names), more than
/// one hard link (SQLite keeps the WAL beside the name it was given, so two
/// names can corrupt the books), and a file every user of the computer may
/// write to (anyone could rewrite the books and their hash chains).
/// `meta` is the file's metadata, links followed.
fn file_warnings(path: &Path, meta: &std::fs::Metadata) -> Vec<String> {
    use std::os::unix::fs::MetadataExt;
    let shown = path.display();
    let mut warnings = Vec::new();
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        warnings.push(format!(
            "{shown} is a symbolic link to {target}; make sure every treasurer and every backup uses the file itself"
        ));
    }
    if meta.nlink() > 1 {
        warnings.push(format!(
            "{shown} has {} hard links; opened under two names at once the books can be damaged, keep one name",
            meta.nlink()
        ));
    }
    if meta.mode() & 0o002 != 0 {
        warnings.push(format!(
            "{shown} can be written by every user of this computer (mode {:o}); anyone could rewrite the books: chmod 600 {shown}",
            meta.mode() & 0o777
        ));
    }
    warnings
}

/// True when `path` is on a file system mounted read-only (a write-protected
/// card, a read-only mount of a backup). Opening the file for writing
/// changes nothing in it.
fn on_read_only_fs(path: &Path) -> bool {
    matches!(
        OpenOptions::new().write(true).open(path),
        Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Opens a database on a read-only file system. SQLite cannot create the
/// WAL's `-shm` file there, so the file is opened `immutable` (nothing can
/// change it while it is read), which is only right when no write-ahead log
/// beside it holds changes that are not yet in the file.
/// A connection to the fund file at `path`: immutable on a read-only
/// filesystem, else read-only or read-write as `read_only` says; keyed with
/// `key` for encrypted books, and waiting out other processes' locks.
fn connect(
    path: &Path,
    read_only_fs: bool,
    read_only: bool,
    key: Option<&Passphrase>,
) -> Result<Connection> {
    // NO_MUTEX: a Connection is never shared between threads, so SQLite's
    // per-call locking is pure overhead.
    let conn = if read_only_fs {
        open_immutable(path)?
    } else {
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .ctx("opening the database")?
    };
    if let Some(key) = key {
        cipher::apply_key(&conn, key)?;
    }
    // Before anything reads the file: a reader that arrives while
    // another process recovers or checkpoints the WAL waits too.
    conn.busy_timeout(BUSY_TIMEOUT)
        .ctx("setting the busy timeout")?;
    stable_plans(&conn)?;
    Ok(conn)
}

/// Plans statements once, whatever is later bound to them
/// (`SQLITE_DBCONFIG_ENABLE_QPSG`). Without it SQLite 3.54's planner peeks
/// at the value bound to `column = ?` (is it 0 or 1?) and marks the
/// statement to be planned again when that changes; rusqlite clears the
/// bindings of every statement handed back to its cache, so each use of a
/// cached lookup was parsed and planned anew: a re-import of a million
/// transactions, every one skipped, took 37 s instead of 7 s. fondo's
/// queries take no plan from a bound value (no `LIKE ?`, no statistics
/// tables), so nothing is lost.
pub(crate) fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map(|_| ())
    .ctx("fixing query plans")
}

fn open_immutable(path: &Path) -> Result<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(Error::PendingWal {
            path: path.to_owned(),
        });
    }
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ctx("opening the database")
}

/// Ids as a parameter for `IN rarray(?)`.
pub(crate) fn id_array(
    ids: &[crate::domain::ids::AccountId],
) -> std::rc::Rc<Vec<rusqlite::types::Value>> {
    std::rc::Rc::new(
        ids.iter()
            .map(|id| rusqlite::types::Value::from(id.get()))
            .collect(),
    )
}

/// Maps SQLite's read-only errors to [`Error::ReadOnly`].
fn write_error(path: &Path, e: rusqlite::Error, context: &str) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
            Error::ReadOnly {
                path: path.to_owned(),
            }
        }
        _ => Error::from_sqlite(e, context),
    }
}

/// Runs SQLite's own consistency check; returns its complaints (empty = ok).
pub fn integrity_check(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .ctx("running integrity_check")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .ctx("running integrity_check")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("running integrity_check")?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// `PRAGMA integrity_check` running on a connection of its own in a thread
/// of its own ([`Db::integrity_check_beside`]).
pub struct IntegrityCheck(std::thread::JoinHandle<Result<Vec<String>>>);

impl IntegrityCheck {
    /// Waits for the check; its complaints (none for a sound file).
    pub fn finish(self) -> Result<Vec<String>> {
        self.0
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// SQLite's plan for `sql` with `params` bound, one step a line, for unit
/// tests that a query searches an index instead of scanning a table.
#[cfg(test)]
pub fn query_plan(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let plan: Vec<String> = stmt
        .query_map(params, |r| r.get(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    plan.join("\n")
}

/// An in-memory database with the full schema, for unit tests.
#[cfg(test)]
pub fn memory() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    rusqlite::vtab::array::load_module(&conn).unwrap();
    for migration in migrations::all() {
        conn.execute_batch(migration.sql).unwrap();
    }
    fund::insert(
        &conn,
        "Test fund",
        None,
        "2026-01-01T00:00:00Z",
        fund::Fixed::default(),
    )
    .unwrap();
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_writes_pause_foreign_keys_only_for_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        let mut db = Db::create(&dir.path().join("f.db"), clock).unwrap();
        let checks = |tx: &WriteTx<'_>| -> bool {
            tx.query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                .unwrap()
        };
        let tx = db.bulk_write().unwrap();
        assert!(!checks(&tx));
        drop(tx);
        let tx = db.write().unwrap();
        assert!(checks(&tx));
        let page_size: i64 = tx.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        assert_eq!(page_size, 16384);
    }

    #[test]
    fn a_cached_statement_is_not_prepared_again_for_each_new_binding() {
        // [`stable_plans`]: without it each use would be planned anew.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        drop(Db::create(&path, clock.clone()).unwrap());
        let sql = "SELECT a.name, p.amount FROM postings p JOIN accounts a ON a.id = p.account_id
                   WHERE p.txn_id = ?1 ORDER BY p.line";
        let uses = |conn: &Connection, made: &str| {
            for id in [1, 0, 2, 1, 3] {
                let mut stmt = conn.prepare_cached(sql).unwrap();
                let rows: Vec<(String, i64)> = stmt
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert!(rows.is_empty());
                assert_eq!(
                    stmt.get_status(rusqlite::StatementStatus::RePrepare),
                    0,
                    "{made}: prepared again for txn_id = {id}"
                );
            }
        };
        // Made new, opened again, and the second reading connection.
        let mut db = Db::create(&dir.path().join("g.db"), clock.clone()).unwrap();
        uses(&db.read().unwrap(), "a new file");
        let mut db = Db::open(&path, Access::Read, clock).unwrap();
        uses(&db.read().unwrap(), "an opened file");
        uses(
            &connect(&path, false, true, None).unwrap(),
            "a reader beside",
        );
    }

    #[test]
    fn triggers_refuse_updates_and_deletes() {
        let conn = memory();
        let err = conn
            .execute("DELETE FROM fund", [])
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot be deleted"), "{err}");
    }
}
