//! The fund record: name, default currency, and the end of the hash chain.
//!
//! What the row says that changes what outputs mean (name, currency, id,
//! pseudonym secret, salt key) is stated by a `fund-settings` record in the
//! governance chain, written with the row; the secret and the salt key only
//! as commitments, so they never leave the database.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::hash::{GENESIS, SALT_KEY_TAG, SECRET_TAG, SaltKey, setting_commitment};
use crate::domain::records::FundSettingsRecord;
use crate::error::{Result, SqlContext};

/// The single row of the `fund` table.
#[derive(Debug, Clone)]
pub struct Fund {
    pub name: String,
    pub currency: Option<String>,
    pub head_hash: String,
    pub txn_count: i64,
}

/// What tests and the demo fix in a new fund so that their outputs are the
/// same on every run; real funds leave both random.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed<'a> {
    /// The key the v2 salts are derived from: 64 hex digits.
    pub salt_key: Option<&'a str>,
    /// The fund's id: 32 lower-case hex digits.
    pub fund_id: Option<&'a str>,
}

/// Records the fund. Its salt key and id are the `fixed` ones when given
/// (tests and the demo fix them, through the binary, so their fingerprints
/// and transfer ids are stable), else 32 and 16 random bytes.
pub fn insert(
    conn: &Connection,
    name: &str,
    currency: Option<&str>,
    now: &str,
    fixed: Fixed<'_>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO fund (id, name, currency, created_at, head_hash, txn_count, secret, salt_key, fund_id)
         VALUES (1, ?1, ?2, ?3, ?4, 0, lower(hex(randomblob(32))),
                 coalesce(?5, lower(hex(randomblob(32)))), coalesce(?6, lower(hex(randomblob(16)))))",
        params![name, currency, now, GENESIS, fixed.salt_key, fixed.fund_id],
    )
    .ctx("recording the fund")?;
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Option<Fund>> {
    conn.query_row(
        "SELECT name, currency, head_hash, txn_count FROM fund WHERE id = 1",
        [],
        |r| {
            Ok(Fund {
                name: r.get(0)?,
                currency: r.get(1)?,
                head_hash: r.get(2)?,
                txn_count: r.get(3)?,
            })
        },
    )
    .optional()
    .ctx("reading the fund record")
}

/// Records the new end of the hash chain.
pub fn set_head(conn: &Connection, head_hash: &str, txn_count: i64) -> Result<()> {
    conn.execute(
        "UPDATE fund SET head_hash = ?1, txn_count = ?2 WHERE id = 1",
        params![head_hash, txn_count],
    )
    .ctx("recording the head hash")?;
    Ok(())
}

/// The fund's salt key, from which every v2 salt is derived.
///
/// # Errors
/// [`crate::error::Error::Damaged`] when it is missing or not 64 hex digits.
pub fn salt_key(conn: &Connection) -> Result<SaltKey> {
    let text: Option<String> = conn
        .query_row("SELECT salt_key FROM fund WHERE id = 1", [], |r| r.get(0))
        .optional()
        .ctx("reading the fund's salt key")?
        .flatten();
    text.as_deref()
        .and_then(SaltKey::from_hex)
        .ok_or_else(|| crate::error::Error::Damaged {
            what: "the fund record".into(),
            detail: "its salt key is missing or is not 64 hex digits".into(),
        })
}

/// The fund's stable id (32 hexadecimal digits), as ballots name it.
pub fn fund_id(conn: &Connection) -> Result<String> {
    conn.query_row(
        "SELECT coalesce(fund_id, '') FROM fund WHERE id = 1",
        [],
        |r| r.get(0),
    )
    .ctx("reading the fund's id")
}

/// The fund's secret, from which public pseudonyms are derived.
pub fn secret(conn: &Connection) -> Result<String> {
    conn.query_row(
        "SELECT coalesce(secret, '') FROM fund WHERE id = 1",
        [],
        |r| r.get(0),
    )
    .ctx("reading the fund's secret")
}

/// The fund row's settings, as a `fund-settings` record states them: the
/// secret and the salt key as their commitments (`None` when missing).
/// `None` when there is no fund row.
pub fn settings(conn: &Connection) -> Result<Option<FundSettingsRecord>> {
    conn.query_row(
        "SELECT name, currency, fund_id, secret, salt_key FROM fund WHERE id = 1",
        [],
        |r| {
            let commit =
                |tag: &str, value: Option<String>| value.map(|v| setting_commitment(tag, &v));
            Ok(FundSettingsRecord {
                name: r.get(0)?,
                currency: r.get(1)?,
                fund_id: r.get(2)?,
                secret: commit(SECRET_TAG, r.get(3)?),
                salt_key: commit(SALT_KEY_TAG, r.get(4)?),
            })
        },
    )
    .optional()
    .ctx("reading the fund's settings")
}

/// Whether the fund row's secret is missing or empty (pseudonyms would then
/// be plain hashes of member ids).
pub fn secret_missing(conn: &Connection) -> Result<bool> {
    conn.query_row(
        "SELECT coalesce(secret, '') = '' FROM fund WHERE id = 1",
        [],
        |r| r.get(0),
    )
    .optional()
    .map(|missing| missing.unwrap_or(true))
    .ctx("reading the fund's secret")
}
