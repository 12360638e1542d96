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

use fondo::domain::ids::GrantId;

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

/// The fund's salt key, as the v2 form of a record needs it.
fn salt_key(conn: &Connection) -> fondo::domain::hash::SaltKey {
    let hex: String = conn
        .query_row("SELECT salt_key FROM fund WHERE id = 1", [], |r| r.get(0))
        .expect("reading the salt key");
    fondo::domain::hash::SaltKey::from_hex(&hex).expect("a salt key of 64 hex digits")
}

/// Appends a governance record after the current head, chained and hashed
/// in the v2 form exactly as fondo chains one, and moves the fund's head and
/// count along: what a script that knows the documented form writes. No
/// trigger refuses an insert, so none is dropped. Returns the record's id.
pub fn append_record(
    db: &Path,
    kind: &str,
    grant: Option<i64>,
    at: &str,
    payload: &serde_json::Value,
) -> i64 {
    let conn = open(db);
    let (head, count): (String, i64) = conn
        .query_row(
            "SELECT records_head, records_count FROM fund WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("reading the records head");
    let hash = fondo::store::records::v2_hash(
        &salt_key(&conn),
        &head,
        kind,
        grant.map(GrantId::new),
        at,
        payload,
    );
    conn.execute(
        "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![kind, grant, at, payload.to_string(), head, hash, at],
    )
    .expect("appending a record");
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1",
        rusqlite::params![hash, count + 1],
    )
    .expect("moving the records head");
    id
}

/// Recomputes the whole records chain in the v2 form from the stored
/// content, as a forger covering their tracks would, and stores the new head
/// and count in the fund row (on a connection of [`with_triggers_off`]).
pub fn rehash_records(conn: &Connection) -> rusqlite::Result<()> {
    let key = salt_key(conn);
    let rows: Vec<(i64, String, Option<i64>, String, String)> = conn
        .prepare("SELECT id, kind, grant_id, at, payload FROM records ORDER BY id")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut prev = fondo::domain::hash::GENESIS.to_owned();
    for (id, kind, grant, at, payload) in &rows {
        let value: serde_json::Value = serde_json::from_str(payload).expect("a JSON payload");
        let hash =
            fondo::store::records::v2_hash(&key, &prev, kind, grant.map(GrantId::new), at, &value);
        conn.execute(
            "UPDATE records SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )?;
        prev = hash;
    }
    conn.execute(
        "UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1",
        rusqlite::params![prev, rows.len() as i64],
    )?;
    Ok(())
}

/// Rewrites an audit bundle's MANIFEST.csv to match its files as they are
/// now (rows: CSV records after the header, or lines of a plain file), as
/// someone covering their tracks after changing a file would.
pub fn reseal_bundle(dir: &Path) {
    use sha2::{Digest, Sha256};
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.csv" && n != "MANIFEST.csv.sig")
        .collect();
    names.sort();
    let mut manifest = String::from("file,rows,sha256\n");
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let rows = if name.ends_with(".csv") {
            super::csv_rows(&text).len()
        } else {
            text.lines().count()
        };
        let digest = hex::encode(Sha256::digest(&bytes));
        manifest.push_str(&format!("{name},{rows},{digest}\n"));
    }
    std::fs::write(dir.join("MANIFEST.csv"), manifest).unwrap();
}
