//! The `grant_state` cache: each grant's [`Commitment`] as the replay of its
//! records gives it, and the record it is up to date through.
//!
//! Rule: derived state, never a record. Only `ops` writes it (bringing it up
//! to date before a write checks what a pool has committed); readers use it
//! only when no record added after the one it is up to date through changes
//! a grant's replay (`books::grants::state_usable`), and `verify`
//! compares it with a replay of every grant. It is not exported, hashed or
//! part of any fingerprint.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::date::{iso, parse_date};
use crate::domain::grant::Commitment;
use crate::error::{Result, SqlContext};

/// The id of the last governance record (0 when there is none).
pub fn last_record(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM records", [], |r| r.get(0))
        .ctx("reading the last record")
}

/// The record the cache is up to date through; None when it was never
/// filled (books made before it, until their first write).
pub fn through(conn: &Connection) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT record_id FROM grant_state_through WHERE id = 1",
        [],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading the grant state")
}

/// The grant id (if any) and kind of each record after record `id`, in
/// chain order.
pub fn records_after(conn: &Connection, id: i64) -> Result<Vec<(Option<i64>, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT grant_id, kind FROM records WHERE id > ?1 ORDER BY id")
        .ctx("reading the records to bring the grant state up to date")?;
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("reading the records to bring the grant state up to date")
}

/// Empties the cache (before it is filled again from every grant).
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM grant_state_paid; DELETE FROM grant_state;")
        .ctx("clearing the grant state")
}

/// Writes a grant's commitment over what the cache held for it.
pub fn put(conn: &Connection, c: &Commitment) -> Result<()> {
    conn.prepare_cached("DELETE FROM grant_state_paid WHERE grant_id = ?1")
        .and_then(|mut s| s.execute([c.grant]))
        .ctx("writing the grant state")?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO grant_state
         (grant_id, pool_id, commodity, amount, rejected, decided_on, closed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            c.grant,
            c.pool,
            c.commodity,
            c.amount,
            c.rejected,
            c.decided_on.map(iso),
            c.closed_on.map(iso)
        ])
    })
    .ctx("writing the grant state")?;
    let mut paid = conn
        .prepare_cached("INSERT INTO grant_state_paid (grant_id, date, amount) VALUES (?1, ?2, ?3)")
        .ctx("writing the grant state")?;
    for (day, amount) in &c.paid {
        paid.execute(params![c.grant, iso(*day), amount])
            .ctx("writing the grant state")?;
    }
    Ok(())
}

/// Records that the cache is up to date through record `id`.
pub fn set_through(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO grant_state_through (id, record_id) VALUES (1, ?1)",
        [id],
    )
    .ctx("writing the grant state")
    .map(|_| ())
}

/// What the cached grants commit at the end of `day` (now, when None), per
/// (pool id, commodity code): the rule of [`Commitment::outstanding_on`]
/// (what an approved grant, not closed by then, has not paid by then),
/// summed in SQL as the amounts approved less the tranches paid, so the
/// rows read are one per pool and commodity.
pub fn committed(
    conn: &Connection,
    day: Option<NaiveDate>,
) -> Result<HashMap<(i64, String), i128>> {
    let what = "summing what the grants commit";
    // The grants that commit money on the day; now, those of the index
    // `grant_state_standing` (its condition, word for word).
    let (standing, paid_by) = match day {
        None => (
            "g.rejected = 0 AND g.decided_on IS NOT NULL AND g.closed_on IS NULL",
            "1",
        ),
        Some(_) => (
            "g.rejected = 0 AND g.decided_on IS NOT NULL AND g.decided_on <= ?1
             AND NOT (g.closed_on IS NOT NULL AND g.closed_on <= ?1)",
            "p.date <= ?1",
        ),
    };
    let approved = format!(
        "SELECT g.pool_id, g.commodity, sum(g.amount) FROM grant_state g
         WHERE {standing} GROUP BY g.pool_id, g.commodity"
    );
    let paid = format!(
        "SELECT g.pool_id, g.commodity, -sum(p.amount)
         FROM grant_state g JOIN grant_state_paid p ON p.grant_id = g.grant_id
         WHERE {standing} AND {paid_by}
         GROUP BY g.pool_id, g.commodity"
    );
    let day = day.map(iso);
    let mut sums: HashMap<(i64, String), i128> = HashMap::new();
    for sql in [approved, paid] {
        let mut stmt = conn.prepare_cached(&sql).ctx(what)?;
        let mut rows = match &day {
            Some(day) => stmt.query([day]),
            None => stmt.query([]),
        }
        .ctx(what)?;
        while let Some(r) = rows.next().ctx(what)? {
            let key = (r.get(0).ctx(what)?, r.get(1).ctx(what)?);
            let amount: i64 = r.get(2).ctx(what)?;
            *sums.entry(key).or_insert(0) += i128::from(amount);
        }
    }
    Ok(sums)
}

/// Every cached commitment, by grant id (for `verify` to compare).
pub fn all(conn: &Connection) -> Result<Vec<Commitment>> {
    let read = "reading the grant state";
    let mut paid: HashMap<i64, Vec<(NaiveDate, i64)>> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT grant_id, date, amount FROM grant_state_paid ORDER BY rowid")
        .ctx(read)?;
    let rows: Vec<(i64, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(Iterator::collect)
        .ctx(read)?;
    for (grant, day, amount) in rows {
        paid.entry(grant)
            .or_default()
            .push((parse_date(&day)?, amount));
    }
    let mut stmt = conn
        .prepare(
            "SELECT grant_id, pool_id, commodity, amount, rejected, decided_on, closed_on
             FROM grant_state ORDER BY grant_id",
        )
        .ctx(read)?;
    type Row = (i64, i64, String, i64, bool, Option<String>, Option<String>);
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .and_then(Iterator::collect)
        .ctx(read)?;
    let day = |text: Option<String>| text.as_deref().map(parse_date).transpose();
    rows.into_iter()
        .map(
            |(grant, pool, commodity, amount, rejected, decided, closed)| {
                Ok(Commitment {
                    grant,
                    pool,
                    commodity,
                    amount,
                    rejected,
                    decided_on: day(decided)?,
                    closed_on: day(closed)?,
                    paid: paid.remove(&grant).unwrap_or_default(),
                })
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    /// The SQL sum gives what [`Commitment::outstanding_on`] gives, summed
    /// per pool and commodity, on every day around the grants' dates; and
    /// the rows read back are the ones written.
    #[test]
    fn committed_in_sql_is_the_rule_of_outstanding_on() {
        let conn = crate::store::memory();
        let grant = |grant,
                     pool,
                     commodity: &str,
                     rejected,
                     decided: Option<&str>,
                     closed: Option<&str>,
                     paid: &[(&str, i64)]| {
            Commitment {
                grant,
                pool,
                commodity: commodity.into(),
                amount: 10_000,
                rejected,
                decided_on: decided.map(day),
                closed_on: closed.map(day),
                paid: paid.iter().map(|(d, a)| (day(d), *a)).collect(),
            }
        };
        let all = [
            grant(
                1,
                1,
                "USD",
                false,
                Some("2025-02-03"),
                None,
                &[("2025-02-05", 2_500)],
            ),
            grant(
                2,
                1,
                "USD",
                false,
                Some("2025-02-04"),
                Some("2025-02-08"),
                &[],
            ),
            grant(3, 1, "USD", true, Some("2025-02-04"), None, &[]),
            grant(4, 1, "USD", false, None, None, &[]),
            grant(
                5,
                2,
                "EUR",
                false,
                Some("2025-02-01"),
                None,
                &[("2025-02-02", 1), ("2025-02-09", 9)],
            ),
        ];
        for c in &all {
            put(&conn, c).unwrap();
        }
        // Writing a grant again replaces it, tranches included.
        put(&conn, &all[0]).unwrap();
        let days = (0..12).map(|d| Some(day("2025-01-31") + chrono::Days::new(d)));
        for on in days.chain([None]) {
            let mut expected: HashMap<(i64, String), i128> = HashMap::new();
            for c in &all {
                let outstanding = i128::from(c.outstanding_on(on));
                if outstanding != 0 {
                    *expected.entry((c.pool, c.commodity.clone())).or_insert(0) += outstanding;
                }
            }
            let mut got = committed(&conn, on).unwrap();
            got.retain(|_, v| *v != 0);
            assert_eq!(got, expected, "on {on:?}");
        }
        assert_eq!(all.to_vec(), super::all(&conn).unwrap());
        clear(&conn).unwrap();
        assert!(super::all(&conn).unwrap().is_empty());
        assert_eq!(through(&conn).unwrap(), None);
        set_through(&conn, 7).unwrap();
        set_through(&conn, 9).unwrap();
        assert_eq!(through(&conn).unwrap(), Some(9));
    }
}
