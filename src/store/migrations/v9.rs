//! The data step of schema version 9, frozen as it was written: the upgrade
//! that made the governance chain cover the fund row and the accounts
//! records the fund's settings as they stand, in one `fund-settings` record,
//! then every account as its row stands (id, name, the note it was added
//! with), in an `account` record each, then the import keys of every source
//! that has some, in an `import` record each, all dated at the upgrade (the chain
//! vouches for them from then on, not before).
//!
//! Rule: this module reads the tables as they were at version 9, with its
//! own SQL, and writes the payload of version 9; it never calls today's
//! readers or payload builders, so later changes to them cannot change what
//! an old fund's upgrade writes.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::domain::date::Now;
use crate::domain::hash::{KeysDigest, SaltKey, setting_commitment};
use crate::error::{Error, Result, SqlContext};

const WHAT: &str = "recording the fund's settings in the governance chain";

/// The fund row as version 9 reads it.
struct Row {
    name: String,
    currency: Option<String>,
    fund_id: Option<String>,
    secret: Option<String>,
    salt_key: Option<String>,
}

/// Records the fund row's settings, the accounts and the import sources'
/// keys; false when there is no
/// fund row yet (a new fund, whose `init` records them).
pub(super) fn backfill(conn: &Connection, now: Now) -> Result<bool> {
    let row = conn
        .query_row(
            "SELECT name, currency, fund_id, secret, salt_key FROM fund WHERE id = 1",
            [],
            |r| {
                Ok(Row {
                    name: r.get(0)?,
                    currency: r.get(1)?,
                    fund_id: r.get(2)?,
                    secret: r.get(3)?,
                    salt_key: r.get(4)?,
                })
            },
        )
        .optional()
        .ctx(WHAT)?;
    let Some(Row {
        name,
        currency,
        fund_id,
        secret,
        salt_key,
    }) = row
    else {
        return Ok(false);
    };
    let payload = json!({
        "name": name,
        "currency": currency,
        "fund_id": fund_id,
        "secret": secret.map(|s| setting_commitment("fondo-fund-secret-v1", &s)),
        "salt_key": salt_key.as_deref().map(|k| setting_commitment("fondo-salt-key-v1", k)),
    });
    let key = salt_key
        .as_deref()
        .and_then(SaltKey::from_hex)
        .ok_or_else(|| Error::Damaged {
            what: "the fund record".into(),
            detail: "its salt key is missing or is not 64 hex digits".into(),
        })?;
    let stamp = now.recorded_at();
    append(conn, &key, "fund-settings", &payload, &stamp)?;
    let mut stmt = conn
        .prepare("SELECT id, name, note FROM accounts ORDER BY id")
        .ctx(WHAT)?;
    let accounts: Vec<Value> = stmt
        .query_map([], |r| {
            Ok(json!({
                "id": r.get::<_, i64>(0)?,
                "name": r.get::<_, String>(1)?,
                "note": r.get::<_, Option<String>>(2)?,
            }))
        })
        .and_then(Iterator::collect)
        .ctx(WHAT)?;
    for account in accounts {
        append(conn, &key, "account", &account, &stamp)?;
    }
    let mut stmt = conn
        .prepare(
            "SELECT label, id FROM import_sources
             WHERE EXISTS (SELECT 1 FROM import_keys WHERE source_id = import_sources.id)
             ORDER BY id",
        )
        .ctx(WHAT)?;
    let sources: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx(WHAT)?;
    for (label, id) in sources {
        let (keys, digest) = keys_digest(conn, id)?;
        let payload = json!({"source": label, "keys": keys, "digest": digest});
        append(conn, &key, "import", &payload, &stamp)?;
    }
    Ok(true)
}

/// The count and digest of one source's import keys, in the key index's
/// order.
fn keys_digest(conn: &Connection, source_id: i64) -> Result<(u64, String)> {
    let mut digest = KeysDigest::default();
    let mut stmt = conn
        .prepare(
            "SELECT typeof(key) = 'integer', CAST(key AS TEXT), txn_id FROM import_keys
             WHERE source_id = ?1 ORDER BY key",
        )
        .ctx(WHAT)?;
    let mut rows = stmt.query([source_id]).ctx(WHAT)?;
    while let Some(r) = rows.next().ctx(WHAT)? {
        let (integer, text, txn): (bool, String, i64) = (
            r.get(0).ctx(WHAT)?,
            r.get(1).ctx(WHAT)?,
            r.get(2).ctx(WHAT)?,
        );
        let key = match text.parse::<i64>() {
            Ok(n) if integer => Value::from(n),
            _ => Value::String(text),
        };
        digest.add(&key, crate::domain::ids::TxnId::new(txn));
    }
    Ok(digest.finish())
}

/// Appends an audit record (no grant, dated `stamp`) in the v2 form and
/// moves the fund's records head.
fn append(
    conn: &Connection,
    key: &SaltKey,
    kind: &str,
    payload: &Value,
    stamp: &str,
) -> Result<()> {
    let (head, count): (String, i64) = conn
        .query_row(
            "SELECT records_head, records_count FROM fund WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ctx(WHAT)?;
    let hash = crate::store::records::v2_hash(key, &head, kind, None, stamp, payload);
    conn.execute(
        "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
         VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?2)",
        params![kind, stamp, payload.to_string(), head, hash],
    )
    .ctx(WHAT)?;
    conn.execute(
        "UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1",
        params![hash, count + 1],
    )
    .ctx(WHAT)?;
    Ok(())
}
