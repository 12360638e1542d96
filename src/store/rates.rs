//! Reference exchange rates: append-only records beside the journal.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::ids::RateId;
use crate::domain::records::RecordKind;
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

/// Records a rate, refused on a day inside a closed period: a rate changes
/// what that period's reports total in one currency.
pub fn insert(conn: &Connection, rate: &StoredRate, now: &str) -> Result<()> {
    crate::store::records::closed(conn)?.check(rate.date)?;
    conn.execute(
        "INSERT INTO rates (date, from_code, to_code, rate, source, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![rate.date, rate.from, rate.to, rate.rate, rate.source, now],
    )
    .ctx("recording a rate")?;
    let payload = rate_payload(RateId::new(conn.last_insert_rowid()), rate);
    crate::store::records::audit(conn, RecordKind::Rate.as_str(), payload, now)
}

/// A rate's audit payload: written with the row into the governance chain,
/// and rebuilt from the table by `verify` (V118).
pub fn rate_payload(id: RateId, rate: &StoredRate) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "date": rate.date.to_string(),
        "from": rate.from,
        "to": rate.to,
        "rate": rate.rate,
        "source": rate.source,
    })
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

/// Every rate record as stored, with its id, in the order recorded.
pub fn raw(conn: &Connection) -> Result<Vec<(RateId, StoredRate)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, date, from_code, to_code, rate, source FROM rates ORDER BY id")
        .ctx("listing rates")?;
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            StoredRate {
                date: r.get(1)?,
                from: r.get(2)?,
                to: r.get(3)?,
                rate: r.get(4)?,
                source: r.get(5)?,
            },
        ))
    })
    .and_then(Iterator::collect)
    .ctx("listing rates")
}
