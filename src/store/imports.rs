//! Import keys: which transaction each (source, txn value) became.
//!
//! The keys are what refuses a row imported twice, so they are covered by
//! the governance chain: every import that adds keys ends with an `import`
//! record of its source (its label, how many keys it has and their
//! [`KeysDigest`]), which `verify` recomputes from the table (V139). One
//! record per import, not per row.

use rusqlite::types::Value;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use crate::domain::hash::KeysDigest;
use crate::domain::ids::{RecordId, SourceId, TxnId};
use crate::domain::records::{ImportRecord, RecordKind};
use crate::error::{Error, Result, SqlContext};

/// The id of an import source, created on first use.
pub fn source_id(conn: &Connection, label: &str) -> Result<SourceId> {
    conn.execute(
        "INSERT INTO import_sources (label) VALUES (?1) ON CONFLICT (label) DO NOTHING",
        [label],
    )
    .ctx("recording the import source")?;
    conn.query_row(
        "SELECT id FROM import_sources WHERE label = ?1",
        [label],
        |r| r.get(0),
    )
    .ctx("reading the import source")
}

/// How a `txn` value is stored: canonical integers (`42`, not `042`) as
/// integers, so that numbered journals append to the key index instead of
/// scattering through it; everything else as text. One spelling, one value.
fn key_value(key: &str) -> Value {
    let digits = key.strip_prefix('-').unwrap_or(key);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && key != "-0";
    match key.parse::<i64>() {
        Ok(n) if canonical => Value::Integer(n),
        _ => Value::Text(key.to_owned()),
    }
}

/// The transaction an earlier import recorded under `key`.
pub fn find(conn: &Connection, source_id: SourceId, key: &str) -> Result<Option<TxnId>> {
    conn.prepare_cached("SELECT txn_id FROM import_keys WHERE source_id = ?1 AND key = ?2")
        .and_then(|mut s| {
            s.query_row(params![source_id, key_value(key)], |r| r.get(0))
                .optional()
        })
        .ctx("looking up an import key")
}

/// Whether anything was ever imported under this source.
pub fn source_used(conn: &Connection, source_id: SourceId) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM import_keys WHERE source_id = ?1)",
        [source_id],
        |r| r.get(0),
    )
    .ctx("reading import keys")
}

/// The insert of import keys, held for a bulk import's life instead of
/// looked up in the statement cache per transaction.
pub struct KeyWriter<'c>(CachedStatement<'c>);

const INSERT_KEY: &str = "INSERT INTO import_keys (source_id, key, txn_id) VALUES (?1, ?2, ?3)
     ON CONFLICT (source_id, key) DO NOTHING";

impl<'c> KeyWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<KeyWriter<'c>> {
        conn.prepare_cached(INSERT_KEY)
            .map(KeyWriter)
            .ctx("recording an import key")
    }

    /// Records `key` → `txn_id`; false (and nothing written) when the key
    /// is already taken.
    pub fn insert(&mut self, source_id: SourceId, key: &str, txn_id: TxnId) -> Result<bool> {
        self.0
            .execute(params![source_id, key_value(key), txn_id])
            .map(|changed| changed == 1)
            .ctx("recording an import key")
    }
}

/// Records `key` → `txn_id`; false (and nothing written) when the key is
/// already taken.
pub fn insert(conn: &Connection, source_id: SourceId, key: &str, txn_id: TxnId) -> Result<bool> {
    KeyWriter::new(conn)?.insert(source_id, key, txn_id)
}

/// Whether any import key (of any source) already points at `txn_id`.
pub fn links_txn(conn: &Connection, txn_id: TxnId) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM import_keys WHERE txn_id = ?1)")
        .and_then(|mut s| s.query_row([txn_id], |r| r.get(0)))
        .ctx("reading import keys")
}

/// Every transaction an import (of any source) recorded or linked.
pub fn imported_txns(conn: &Connection) -> Result<std::collections::HashSet<TxnId>> {
    let mut stmt = conn
        .prepare_cached("SELECT DISTINCT txn_id FROM import_keys")
        .ctx("reading import keys")?;
    let ids = stmt
        .query_map([], |r| r.get(0))
        .ctx("reading import keys")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading import keys")?;
    Ok(ids)
}

/// The number of keys of source `source_id` and their digest, streamed in
/// the key index's order.
pub fn digest(conn: &Connection, source_id: SourceId) -> Result<(u64, String)> {
    let mut digest = KeysDigest::default();
    let mut stmt = conn
        .prepare_cached(
            "SELECT typeof(key) = 'integer', CAST(key AS TEXT), txn_id FROM import_keys
             WHERE source_id = ?1 ORDER BY key",
        )
        .ctx("reading import keys")?;
    let mut rows = stmt.query([source_id]).ctx("reading import keys")?;
    while let Some(r) = rows.next().ctx("reading import keys")? {
        let (integer, text, txn): (bool, String, TxnId) = (
            r.get(0).ctx("reading import keys")?,
            r.get(1).ctx("reading import keys")?,
            r.get(2).ctx("reading import keys")?,
        );
        let key = match text.parse::<i64>() {
            Ok(n) if integer => serde_json::Value::from(n),
            _ => serde_json::Value::String(text),
        };
        digest.add(&key, txn);
    }
    Ok(digest.finish())
}

/// An import record's payload: the source's label, how many keys it has
/// and their digest.
pub fn import_payload(label: &str, keys: u64, digest: &str) -> serde_json::Value {
    serde_json::json!({"source": label, "keys": keys, "digest": digest})
}

/// Appends the `import` record of source `source_id` as its keys stand,
/// at the end of an import that added keys to it.
pub fn record(conn: &Connection, source_id: SourceId, now: &str) -> Result<()> {
    let label: String = conn
        .query_row(
            "SELECT label FROM import_sources WHERE id = ?1",
            [source_id],
            |r| r.get(0),
        )
        .ctx("reading the import source")?;
    let (keys, digest) = digest(conn, source_id)?;
    crate::store::records::audit(
        conn,
        RecordKind::Import.as_str(),
        import_payload(&label, keys, &digest),
        now,
    )
}

/// The latest `import` record of each source, by label, with its id (one
/// whose payload does not read is left out: `verify` reports it, V135).
pub fn latest_records(
    conn: &Connection,
) -> Result<std::collections::BTreeMap<String, (RecordId, ImportRecord)>> {
    let mut latest = std::collections::BTreeMap::new();
    for r in crate::store::records::of_kind(conn, RecordKind::Import.as_str())? {
        if let Ok(import) = serde_json::from_value::<ImportRecord>(r.payload) {
            latest.insert(import.source.clone(), (r.id, import));
        }
    }
    Ok(latest)
}

/// Refuses to import under source `source_id` (labelled `label`) when its
/// keys are not what its latest `import` record states: a key deleted
/// outside fondo would let its row in again, and this import's record
/// would then state the keys as they stand, hiding the deletion.
///
/// # Errors
/// [`Error::Damaged`] naming the source, the counts and `fondo verify`.
pub fn check_recorded(conn: &Connection, source_id: SourceId, label: &str) -> Result<()> {
    let (keys, digest) = digest(conn, source_id)?;
    let latest = latest_records(conn)?.remove(label);
    let problem = match latest {
        None if keys == 0 => return Ok(()),
        None => format!("source {label:?} has {keys} key(s) but no import record"),
        Some((_, r)) if r.keys == keys && r.digest == digest => return Ok(()),
        Some((id, r)) => format!(
            "source {label:?} has {keys} key(s), but its import record {id} states {}{}",
            r.keys,
            if r.keys == keys { " other ones" } else { "" }
        ),
    };
    Err(Error::Damaged {
        what: "the import keys".into(),
        detail: format!(
            "{problem}: they were changed outside fondo, and a row whose key is gone would be imported twice (finding V139)"
        ),
    })
}

/// Every source with its label, by id.
pub fn sources(conn: &Connection) -> Result<Vec<(SourceId, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, label FROM import_sources ORDER BY id")
        .ctx("reading import sources")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("reading import sources")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_one_stored_form() {
        assert_eq!(key_value("42"), Value::Integer(42));
        assert_eq!(key_value("-7"), Value::Integer(-7));
        assert_eq!(key_value("0"), Value::Integer(0));
        for text in ["042", "-0", "4 2", "G-0001", "", "99999999999999999999"] {
            assert_eq!(key_value(text), Value::Text(text.to_owned()), "{text:?}");
        }
    }

    #[test]
    fn integer_and_text_keys_do_not_collide() {
        let conn = crate::store::memory();
        let source = source_id(&conn, "s").unwrap();
        assert_eq!(source_id(&conn, "s").unwrap(), source);
        assert!(!source_used(&conn, source).unwrap());
        conn.execute_batch(
            "INSERT INTO txns (date, description, prev_hash, hash, recorded_at)
             VALUES ('2026-01-01', 'x', '', '', '')",
        )
        .unwrap();
        assert!(insert(&conn, source, "42", TxnId::new(1)).unwrap());
        assert!(!insert(&conn, source, "42", TxnId::new(1)).unwrap());
        assert!(insert(&conn, source, "042", TxnId::new(1)).unwrap());
        assert_eq!(find(&conn, source, "42").unwrap(), Some(TxnId::new(1)));
        assert_eq!(find(&conn, source, "43").unwrap(), None);
        assert!(source_used(&conn, source).unwrap());
    }
}
