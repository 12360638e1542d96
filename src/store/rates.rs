//! Reference exchange rates and pledges: append-only records beside the
//! journal.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::error::{Result, SqlContext};

/// A recorded rate: one `from` is worth `rate` `to` on `date`.
#[derive(Debug, Clone)]
pub struct StoredRate {
    pub date: NaiveDate,
    pub from: String,
    pub to: String,
    pub rate: String,
    pub source: Option<String>,
}

pub fn insert(conn: &Connection, rate: &StoredRate, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO rates (date, from_code, to_code, rate, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![rate.date, rate.from, rate.to, rate.rate, rate.source, now],
    )
    .ctx("recording a rate")?;
    Ok(())
}

/// Every rate in force: for each pair and day, the latest record; ordered by
/// pair, then day.
pub fn all(conn: &Connection) -> Result<Vec<StoredRate>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT date, from_code, to_code, rate, source FROM rates r
             WHERE id = (SELECT max(id) FROM rates s
                         WHERE s.date = r.date AND s.from_code = r.from_code AND s.to_code = r.to_code)
             ORDER BY from_code, to_code, date",
        )
        .ctx("listing rates")?;
    stmt.query_map([], |r| {
        Ok(StoredRate {
            date: r.get(0)?,
            from: r.get(1)?,
            to: r.get(2)?,
            rate: r.get(3)?,
            source: r.get(4)?,
        })
    })
    .and_then(Iterator::collect)
    .ctx("listing rates")
}

/// A stored pledge.
#[derive(Debug, Clone)]
pub struct StoredPledge {
    pub id: i64,
    pub member_id: i64,
    pub commodity_id: i64,
    pub amount: i64,
    pub every: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub pool_id: Option<i64>,
}

pub fn insert_pledge(conn: &Connection, p: &StoredPledge, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO pledges (member_id, commodity_id, amount, every, starts_on, ends_on, pool_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            p.member_id,
            p.commodity_id,
            p.amount,
            p.every,
            p.starts_on,
            p.ends_on,
            p.pool_id,
            now
        ],
    )
    .ctx("recording a pledge")?;
    Ok(conn.last_insert_rowid())
}

pub fn pledges(conn: &Connection) -> Result<Vec<StoredPledge>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, member_id, commodity_id, amount, every, starts_on, ends_on, pool_id
             FROM pledges ORDER BY id",
        )
        .ctx("listing pledges")?;
    stmt.query_map([], |r| {
        Ok(StoredPledge {
            id: r.get(0)?,
            member_id: r.get(1)?,
            commodity_id: r.get(2)?,
            amount: r.get(3)?,
            every: r.get(4)?,
            starts_on: r.get(5)?,
            ends_on: r.get(6)?,
            pool_id: r.get(7)?,
        })
    })
    .and_then(Iterator::collect)
    .ctx("listing pledges")
}

/// Money a member contributed in a commodity between two days (inclusive),
/// optionally only to one pool (`Some(None)`: the general pool); voided
/// contributions do not count.
pub fn received(
    conn: &Connection,
    member_id: i64,
    commodity_id: i64,
    pool: Option<Option<i64>>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i128> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.amount, p.pool_id FROM contributions k
             JOIN txns t ON t.id = k.txn_id
             JOIN postings p ON p.txn_id = k.txn_id
             JOIN accounts a ON a.id = p.account_id
             WHERE k.member_id = ?1 AND p.commodity_id = ?2 AND t.date >= ?3 AND t.date <= ?4
               AND NOT EXISTS (SELECT 1 FROM txns v WHERE v.reverses = k.txn_id)
               AND lower(a.name) LIKE 'income:%'",
        )
        .ctx("summing contributions")?;
    let mut rows = stmt
        .query(params![member_id, commodity_id, from, to])
        .ctx("summing contributions")?;
    let mut total = 0;
    while let Some(r) = rows.next().ctx("summing contributions")? {
        let amount: i64 = r.get(0).ctx("summing contributions")?;
        let posting_pool: Option<i64> = r.get(1).ctx("summing contributions")?;
        if pool.is_none_or(|wanted| wanted == posting_pool) {
            total -= i128::from(amount);
        }
    }
    Ok(total)
}
