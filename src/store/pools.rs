//! Pools: money set aside for a purpose. Pool 1 is the general pool.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Result, SqlContext};

/// The id of the general pool (created by the schema, always there).
pub const GENERAL: i64 = 1;

/// A stored pool.
#[derive(Debug, Clone)]
pub struct StoredPool {
    pub id: i64,
    pub name: String,
    pub purpose: String,
    pub guidelines: Option<String>,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredPool> {
    Ok(StoredPool {
        id: r.get(0)?,
        name: r.get(1)?,
        purpose: r.get(2)?,
        guidelines: r.get(3)?,
    })
}

pub fn insert(
    conn: &Connection,
    name: &str,
    key: &str,
    purpose: &str,
    guidelines: Option<&str>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO pools (name, name_key, purpose, guidelines, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, key, purpose, guidelines, now],
    )
    .ctx("adding a pool")?;
    Ok(conn.last_insert_rowid())
}

/// A pool by its case-insensitive key.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredPool>> {
    conn.prepare_cached("SELECT id, name, purpose, guidelines FROM pools WHERE name_key = ?1")
        .and_then(|mut s| s.query_row([key], from_row).optional())
        .ctx("looking up a pool")
}

/// All pools, general first, then by id.
pub fn all(conn: &Connection) -> Result<Vec<StoredPool>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, purpose, guidelines FROM pools ORDER BY id")
        .ctx("listing pools")?;
    stmt.query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing pools")
}

/// Per (commodity id, date): the change in a restricted pool's holdings that
/// day (credits add, debits take away), in date order.
pub fn daily_changes(conn: &Connection, pool: i64, commodity: i64) -> Result<Vec<(String, i128)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.date, p.amount FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.pool_id = ?1 AND p.commodity_id = ?2 ORDER BY t.date",
        )
        .ctx("reading a pool's postings")?;
    let mut rows = stmt
        .query(params![pool, commodity])
        .ctx("reading a pool's postings")?;
    let mut days: Vec<(String, i128)> = Vec::new();
    while let Some(r) = rows.next().ctx("reading a pool's postings")? {
        let date: String = r.get(0).ctx("reading a pool's postings")?;
        let amount: i64 = r.get(1).ctx("reading a pool's postings")?;
        match days.last_mut() {
            Some((day, total)) if *day == date => *total -= i128::from(amount),
            _ => days.push((date, -i128::from(amount))),
        }
    }
    Ok(days)
}

/// (pool id, account id, commodity id).
pub type TaggedKey = (i64, i64, i64);

/// Sums of pool-tagged postings up to `as_of` (all dates when None), per
/// (pool id, account id, commodity id).
pub fn tagged_sums(conn: &Connection, as_of: Option<&str>) -> Result<Vec<(TaggedKey, i128)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.pool_id, p.account_id, p.commodity_id, p.amount
             FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.pool_id IS NOT NULL AND (?1 IS NULL OR t.date <= ?1)",
        )
        .ctx("summing pools")?;
    let mut rows = stmt.query([as_of]).ctx("summing pools")?;
    let mut sums: std::collections::HashMap<TaggedKey, i128> = Default::default();
    while let Some(r) = rows.next().ctx("summing pools")? {
        let key = (
            r.get(0).ctx("summing pools")?,
            r.get(1).ctx("summing pools")?,
            r.get(2).ctx("summing pools")?,
        );
        let amount: i64 = r.get(3).ctx("summing pools")?;
        *sums.entry(key).or_insert(0) += i128::from(amount);
    }
    let mut sums: Vec<_> = sums.into_iter().collect();
    sums.sort_unstable();
    Ok(sums)
}
