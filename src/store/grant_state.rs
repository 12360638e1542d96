//! The `grant_state` cache: each grant's [`Commitment`] as the replay of its
//! records gives it, the running sum per pool and commodity of what they
//! commit now, and the record it is up to date through.
//!
//! Rule: derived state, never a record. Only `ops` writes it (bringing it up
//! to date before a write checks what a pool has committed); readers use it
//! only when no record added after the one it is up to date through changes
//! a grant's replay (`books::grants::state_usable`), and `verify`
//! compares it with a replay of every grant. It is not exported, hashed or
//! part of any fingerprint.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::domain::date::{iso, parse_date};
use crate::domain::grant::Commitment;
use crate::domain::ids::{GrantId, PoolId, RecordId};
use crate::error::{Error, Result, SqlContext};

/// The id of the last governance record ([`RecordId::START`] when there is
/// none).
pub fn last_record(conn: &Connection) -> Result<RecordId> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM records", [], |r| r.get(0))
        .ctx("reading the last record")
}

/// The record the cache is up to date through; None when it was never
/// filled (books made before it, until their first write).
pub fn through(conn: &Connection) -> Result<Option<RecordId>> {
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
pub fn records_after(conn: &Connection, id: RecordId) -> Result<Vec<(Option<GrantId>, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT grant_id, kind FROM records WHERE id > ?1 ORDER BY id")
        .ctx("reading the records to bring the grant state up to date")?;
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("reading the records to bring the grant state up to date")
}

/// Empties the cache (before it is filled again from every grant).
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM grant_state_paid; DELETE FROM grant_state;
         DELETE FROM grant_state_committed;",
    )
    .ctx("clearing the grant state")
}

/// Writes a grant's commitment over what the cache held for it, and moves
/// the pool's running sum of what its grants commit now by the difference.
///
/// # Errors
/// [`Error::Overflow`] when that sum no longer fits the storage range.
pub fn put(conn: &Connection, c: &Commitment) -> Result<()> {
    if let Some(old) = read(conn, Which::Grant(c.grant))?.pop() {
        add_committed(
            conn,
            old.pool,
            &old.commodity,
            -i128::from(old.outstanding_on(None)),
        )?;
    }
    add_committed(
        conn,
        c.pool,
        &c.commodity,
        i128::from(c.outstanding_on(None)),
    )?;
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

/// Adds `delta` to what the grants of `pool` commit now in `commodity`.
fn add_committed(conn: &Connection, pool: PoolId, commodity: &str, delta: i128) -> Result<()> {
    if delta == 0 {
        return Ok(());
    }
    let overflow = || Error::Overflow {
        context: "of what one pool's grants commit".into(),
    };
    let delta = i64::try_from(delta).map_err(|_| overflow())?;
    conn.prepare_cached(
        "INSERT INTO grant_state_committed (pool_id, commodity, amount) VALUES (?1, ?2, ?3)
         ON CONFLICT (pool_id, commodity) DO UPDATE SET amount = amount + excluded.amount",
    )
    .and_then(|mut s| s.execute(params![pool, commodity, delta]))
    .map_err(|e| match e {
        // The CHECK: SQLite's switch to floating point on overflow.
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            overflow()
        }
        e => Error::Sqlite {
            context: "writing the grant state".into(),
            source: e,
        },
    })
    .map(|_| ())
}

/// Records that the cache is up to date through record `id`.
pub fn set_through(conn: &Connection, id: RecordId) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO grant_state_through (id, record_id) VALUES (1, ?1)",
        [id],
    )
    .ctx("writing the grant state")
    .map(|_| ())
}

/// What the cached grants commit at the end of `day` (now, when None), per
/// (pool id, commodity code), by the rule of [`Commitment::outstanding_on`]:
/// the running sum of what they commit now, and, for an earlier day, what
/// each grant decided, closed or paid after that day committed then instead
/// of now. So the rows read are one per pool and commodity and one per grant
/// that moved after the day, however many grants the fund has.
pub fn committed(
    conn: &Connection,
    day: Option<NaiveDate>,
) -> Result<HashMap<(PoolId, String), i128>> {
    let what = "summing what the grants commit";
    let mut stmt = conn
        .prepare_cached("SELECT pool_id, commodity, amount FROM grant_state_committed")
        .ctx(what)?;
    let mut sums: HashMap<(PoolId, String), i128> = stmt
        .query_map([], |r| {
            Ok(((r.get(0)?, r.get(1)?), i128::from(r.get::<_, i64>(2)?)))
        })
        .and_then(Iterator::collect)
        .ctx(what)?;
    if let Some(day) = day {
        for c in read(conn, Which::MovedAfter(day))? {
            *sums.entry((c.pool, c.commodity.clone())).or_insert(0) +=
                i128::from(c.outstanding_on(Some(day))) - i128::from(c.outstanding_on(None));
        }
    }
    Ok(sums)
}

/// Which cached grants [`read`] reads.
#[derive(Clone, Copy)]
enum Which {
    All,
    Grant(GrantId),
    /// The grants decided, closed or paid after the day: the only ones whose
    /// commitment on the day differs from what they commit now.
    MovedAfter(NaiveDate),
}

/// The grants each [`Which`] names, as the subquery of both queries in
/// [`read`]; constant text, so no query is built at run time.
macro_rules! grants_read {
    (All) => {
        "SELECT grant_id FROM grant_state"
    };
    (Grant) => {
        "SELECT ?1"
    };
    // UNION ALL, not UNION: `IN` ignores repeats, and SQLite 3.54 plans a
    // UNION as a merge of the three in grant order, scanning both tables
    // whole instead of searching the date indexes (62 million instructions
    // at 20,000 grants, most of a `grant decide`).
    (MovedAfter) => {
        "SELECT grant_id FROM grant_state WHERE decided_on > ?1
         UNION ALL SELECT grant_id FROM grant_state WHERE closed_on > ?1
         UNION ALL SELECT grant_id FROM grant_state_paid WHERE date > ?1"
    };
}

/// The tranches and the grant rows of the grants the subquery names.
macro_rules! read_queries {
    ($which:tt) => {
        (
            concat!(
                "SELECT grant_id, date, amount FROM grant_state_paid WHERE grant_id IN (",
                grants_read!($which),
                ") ORDER BY rowid"
            ),
            concat!(
                "SELECT grant_id, pool_id, commodity, amount, rejected, decided_on, closed_on
                 FROM grant_state WHERE grant_id IN (",
                grants_read!($which),
                ") ORDER BY grant_id"
            ),
        )
    };
}

/// The cached commitments `which` names, by grant id, each with its tranches
/// in record order.
fn read(conn: &Connection, which: Which) -> Result<Vec<Commitment>> {
    let what = "reading the grant state";
    let ((paid_sql, grants_sql), param) = match which {
        Which::All => (read_queries!(All), None),
        Which::Grant(id) => (read_queries!(Grant), Some(Value::Integer(id.get()))),
        Which::MovedAfter(day) => (read_queries!(MovedAfter), Some(Value::Text(iso(day)))),
    };
    let mut paid: HashMap<GrantId, Vec<(NaiveDate, i64)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(paid_sql).ctx(what)?;
    let rows: Vec<(GrantId, String, i64)> = stmt
        .query_map(params_from_iter(&param), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .and_then(Iterator::collect)
        .ctx(what)?;
    for (grant, day, amount) in rows {
        paid.entry(grant)
            .or_default()
            .push((parse_date(&day)?, amount));
    }
    let mut stmt = conn.prepare_cached(grants_sql).ctx(what)?;
    type Row = (
        GrantId,
        PoolId,
        String,
        i64,
        bool,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = stmt
        .query_map(params_from_iter(&param), |r| {
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
        .ctx(what)?;
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

/// Every cached commitment, by grant id (for `verify` to compare).
pub fn all(conn: &Connection) -> Result<Vec<Commitment>> {
    read(conn, Which::All)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grants moved after a day are found through the three date
    /// indexes: no query of [`committed`] on an earlier day reads a table
    /// whole, so its cost follows the grants that moved, not all of them.
    #[test]
    fn what_moved_after_a_day_is_searched_not_scanned() {
        let conn = crate::store::memory();
        let (paid, grants) = read_queries!(MovedAfter);
        for sql in [paid, grants] {
            let plan = crate::store::query_plan(&conn, sql, ["2025-12-03"]);
            for index in [
                "grant_state_by_decided",
                "grant_state_by_closed",
                "grant_state_paid_by_date",
            ] {
                assert!(plan.contains(index), "{sql}\n{plan}");
            }
            assert!(!plan.contains("SCAN"), "{sql}\n{plan}");
        }
    }

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    /// The running sum and its adjustment give what
    /// [`Commitment::outstanding_on`] gives, summed per pool and commodity,
    /// on every day around the grants' dates, after grants are written,
    /// written again with more tranches and closed; and the rows read back
    /// are the ones written.
    #[test]
    fn committed_is_the_rule_of_outstanding_on() {
        let conn = crate::store::memory();
        let grant = |grant: i64,
                     pool: i64,
                     commodity: &str,
                     rejected,
                     decided: Option<&str>,
                     closed: Option<&str>,
                     paid: &[(&str, i64)]| {
            Commitment {
                grant: GrantId::new(grant),
                pool: PoolId::new(pool),
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
        let check = |all: &[Commitment]| {
            let days = (0..12).map(|d| Some(day("2025-01-31") + chrono::Days::new(d)));
            for on in days.chain([None]) {
                let mut expected: HashMap<(PoolId, String), i128> = HashMap::new();
                for c in all {
                    let outstanding = i128::from(c.outstanding_on(on));
                    if outstanding != 0 {
                        *expected.entry((c.pool, c.commodity.clone())).or_insert(0) += outstanding;
                    }
                }
                let mut got = committed(&conn, on).unwrap();
                got.retain(|_, v| *v != 0);
                assert_eq!(got, expected, "on {on:?}");
            }
        };
        let mut all = all.to_vec();
        for c in &all {
            put(&conn, c).unwrap();
        }
        check(&all);
        // Writing a grant again replaces it, tranches included.
        put(&conn, &all[0]).unwrap();
        check(&all);
        all[0].paid.push((day("2025-02-07"), 500));
        all[4].closed_on = Some(day("2025-02-06"));
        put(&conn, &all[0]).unwrap();
        put(&conn, &all[4]).unwrap();
        check(&all);
        assert_eq!(all, super::all(&conn).unwrap());
        clear(&conn).unwrap();
        assert!(super::all(&conn).unwrap().is_empty());
        assert!(committed(&conn, None).unwrap().is_empty());
        assert_eq!(through(&conn).unwrap(), None);
        set_through(&conn, RecordId::new(7)).unwrap();
        set_through(&conn, RecordId::new(9)).unwrap();
        assert_eq!(through(&conn).unwrap(), Some(RecordId::new(9)));
    }
}
