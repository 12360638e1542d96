//! Tampering with a fund's database behind fondo's back, as someone holding
//! the file could, for the tests of what `verify`, `doctor` and `restore`
//! find.
//!
//! The schema guards the books with append-only triggers (`BEFORE UPDATE`
//! and `BEFORE DELETE` on every table of records) and with foreign keys.
//! This module is the one place that knows how to get past them: a test
//! says what it changes, in SQL, and never names a trigger, so a new or
//! renamed trigger touches only this file.

use std::path::Path;

use rusqlite::Connection;

/// Opens the database with rusqlite, without foreign key checks (so that
/// rows can be deleted and moved freely) and with every trigger in place:
/// for the tests that the triggers refuse a change, and for reading what a
/// forger would read.
pub fn open(db: &Path) -> Connection {
    let conn = Connection::open(db).expect("opening the database with rusqlite");
    conn.pragma_update(None, "foreign_keys", false)
        .expect("turning foreign keys off");
    conn
}

/// Runs `change` on the database with every trigger dropped and foreign
/// key checks off, then creates the triggers again as they were: the file
/// then differs from honest books only in what `change` did. Returns what
/// `change` returned; panics, naming the step, when any step fails.
pub fn with_triggers_off<T>(
    db: &Path,
    change: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> T {
    let conn = open(db);
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("listing the triggers");
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))
            .unwrap_or_else(|e| panic!("dropping the trigger {name}: {e}"));
    }
    let out = change(&conn).unwrap_or_else(|e| panic!("tampering: {e}"));
    for (name, sql) in &triggers {
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("creating the trigger {name} again: {e}"));
    }
    out
}

/// [`with_triggers_off`] running `sql`, one or more statements.
pub fn sql(db: &Path, sql: &str) {
    with_triggers_off(db, |conn| conn.execute_batch(sql));
}
