//! Governance records: an append-only, hash-chained log of JSON payloads
//! (policies, relations, grant applications, votes, decisions, payments,
//! spending reports, closures, withdrawals). The chain's head is kept in the
//! fund row, like the journal's.

use rusqlite::{Connection, OptionalExtension, params};

use chrono::NaiveDate;

use crate::domain::hash::{SaltKey, commit, record_hash_v2, record_salt};
use crate::domain::ids::{GrantId, RecordId};
use crate::domain::period::{self, Closed, PeriodEvent, PeriodState};
use crate::domain::records::{
    PeriodCloseRecord, PeriodReopenRecord, RecordKind, payload, sealed_payload,
};
use crate::error::{Result, SqlContext};

/// A stored record.
#[derive(Debug, Clone)]
pub struct StoredRecord {
    pub id: RecordId,
    pub kind: String,
    pub grant_id: Option<GrantId>,
    pub at: String,
    pub payload: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// Appends a record after the current head; returns its id. A record whose
/// `at` falls inside a closed period is refused (but for the records that
/// close and reopen periods, which come after them), and so is a budget for
/// a period that overlaps a closed one.
///
/// # Errors
/// [`crate::error::Error::PeriodClosed`] for a record dated in a closed period.
pub fn append(
    conn: &Connection,
    kind: &str,
    grant_id: Option<GrantId>,
    at: &str,
    payload: &serde_json::Value,
    now: &str,
) -> Result<RecordId> {
    let period_kind = [RecordKind::PeriodClose, RecordKind::PeriodReopen]
        .iter()
        .any(|k| k.as_str() == kind);
    if !period_kind && let Some(day) = record_day(at) {
        let closed = closed(conn)?;
        closed.check(day)?;
        // A budget is about its period, whenever it is set.
        if kind == RecordKind::Budget.as_str()
            && let Some(span) = payload["period"]
                .as_str()
                .and_then(|p| crate::domain::period::Span::parse(p).ok())
        {
            closed.check_days(span.from, span.to)?;
        }
    }
    append_unchecked(conn, kind, grant_id, at, payload, now)
}

/// Every period closed at least once, as its last record left it, in the
/// order they were first closed.
pub fn period_states(conn: &Connection) -> Result<Vec<PeriodState>> {
    let mut events = Vec::new();
    let mut stored = of_kind(conn, RecordKind::PeriodClose.as_str())?;
    stored.extend(of_kind(conn, RecordKind::PeriodReopen.as_str())?);
    stored.sort_by_key(|r| r.id);
    for r in stored {
        if r.kind == RecordKind::PeriodClose.as_str() {
            let close: PeriodCloseRecord = payload(r.id, &r.kind, &r.payload)?;
            events.push(PeriodEvent::Close {
                id: r.id,
                at: r.at,
                period: close.period,
                reason: close.reason,
            });
        } else {
            let reopen: PeriodReopenRecord = payload(r.id, &r.kind, &r.payload)?;
            events.push(PeriodEvent::Reopen {
                id: r.id,
                at: r.at,
                period: reopen.period,
                reason: reopen.reason,
            });
        }
    }
    Ok(period::period_states(&events))
}

/// The periods closed now, for checking a write ([`Closed::check`]).
pub fn closed(conn: &Connection) -> Result<Closed> {
    period_states(conn).map(Closed::of)
}

/// The v2 hash of a record chained after `head`, its text fields sealed
/// with salts from `key`.
pub fn v2_hash(
    key: &SaltKey,
    head: &str,
    kind: &str,
    grant_id: Option<GrantId>,
    at: &str,
    payload: &serde_json::Value,
) -> String {
    let sealed = sealed_payload(kind, payload, |field, text| {
        commit(&record_salt(key, head, field), text)
    });
    record_hash_v2(head, kind, grant_id, at, &sealed)
}

/// The day of a record's `at` (`YYYY-MM-DD…`).
pub fn record_day(at: &str) -> Option<NaiveDate> {
    at.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

fn append_unchecked(
    conn: &Connection,
    kind: &str,
    grant_id: Option<GrantId>,
    at: &str,
    payload: &serde_json::Value,
    now: &str,
) -> Result<RecordId> {
    let (head, count): (String, i64) = conn
        .prepare_cached("SELECT records_head, records_count FROM fund WHERE id = 1")
        .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))))
        .ctx("reading the records head")?;
    let key = crate::store::fund::salt_key(conn)?;
    let hash = v2_hash(&key, &head, kind, grant_id, at, payload);
    conn.prepare_cached(
        "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            kind,
            grant_id,
            at,
            payload.to_string(),
            head,
            hash,
            now
        ])
    })
    .ctx("recording a governance record")?;
    let id = RecordId::new(conn.last_insert_rowid());
    conn.prepare_cached("UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1")
        .and_then(|mut s| s.execute(params![hash, count + 1]))
        .ctx("recording the records head")?;
    Ok(id)
}

/// Appends records of one kind after the current head, in order, reading
/// and moving the head once (as many [`append`] calls would leave it).
pub fn append_many(
    conn: &Connection,
    kind: &str,
    grant_id: Option<GrantId>,
    at: &str,
    payloads: impl IntoIterator<Item = serde_json::Value>,
    now: &str,
) -> Result<()> {
    let (mut head, mut count): (String, i64) = conn
        .prepare_cached("SELECT records_head, records_count FROM fund WHERE id = 1")
        .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))))
        .ctx("reading the records head")?;
    let key = crate::store::fund::salt_key(conn)?;
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .ctx("recording a governance record")?;
    for payload in payloads {
        let hash = v2_hash(&key, &head, kind, grant_id, at, &payload);
        insert
            .execute(params![
                kind,
                grant_id,
                at,
                payload.to_string(),
                head,
                hash,
                now
            ])
            .ctx("recording a governance record")?;
        head = hash;
        count += 1;
    }
    conn.prepare_cached("UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1")
        .and_then(|mut s| s.execute(params![head, count]))
        .ctx("recording the records head")?;
    Ok(())
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRecord> {
    let payload: String = r.get(4)?;
    Ok(StoredRecord {
        id: r.get(0)?,
        kind: r.get(1)?,
        grant_id: r.get(2)?,
        at: r.get(3)?,
        payload: serde_json::from_str(&payload).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
        })?,
        prev_hash: r.get(5)?,
        hash: r.get(6)?,
    })
}

/// Hands every record after `after` and before `before` to `each`, in
/// chain order, one at a time: a check of the whole chain holds one record,
/// not all of them (a fund of 20,000 grants has over 100,000).
///
/// # Errors
/// When a record cannot be read, or the first error `each` returns.
pub fn for_each_between(
    conn: &Connection,
    after: RecordId,
    before: RecordId,
    mut each: impl FnMut(StoredRecord) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash FROM records
             WHERE id > ?1 AND id < ?2 ORDER BY id",
        )
        .ctx("reading governance records")?;
    let mut rows = stmt
        .query(params![after, before])
        .ctx("reading governance records")?;
    while let Some(row) = rows.next().ctx("reading governance records")? {
        each(from_row(row).ctx("reading governance records")?)?;
    }
    Ok(())
}

/// [`for_each_between`] over the whole chain.
///
/// # Errors
/// As [`for_each_between`].
pub fn for_each(conn: &Connection, each: impl FnMut(StoredRecord) -> Result<()>) -> Result<()> {
    for_each_between(conn, RecordId::START, RecordId::END, each)
}

/// Hands every grant's records to `each` as one run, grant by grant in the
/// order of their numbers, each run in chain order: a replay of every grant
/// holds one grant's records at a time.
///
/// # Errors
/// When a record cannot be read, or the first error `each` returns.
pub fn for_each_grant(
    conn: &Connection,
    mut each: impl FnMut(GrantId, Vec<StoredRecord>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash FROM records
             WHERE grant_id IS NOT NULL ORDER BY grant_id, id",
        )
        .ctx("reading governance records")?;
    let mut rows = stmt.query([]).ctx("reading governance records")?;
    let mut run: Option<(GrantId, Vec<StoredRecord>)> = None;
    while let Some(row) = rows.next().ctx("reading governance records")? {
        let r = from_row(row).ctx("reading governance records")?;
        let Some(id) = r.grant_id else { continue };
        match &mut run {
            Some((current, records)) if *current == id => records.push(r),
            _ => {
                if let Some((done, records)) = run.replace((id, vec![r])) {
                    each(done, records)?;
                }
            }
        }
    }
    match run {
        Some((id, records)) => each(id, records),
        None => Ok(()),
    }
}

/// The records of one kind, in chain order.
pub fn of_kind(conn: &Connection, kind: &str) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash FROM records
             WHERE kind = ?1 ORDER BY id",
        )
        .ctx("reading governance records")?;
    stmt.query_map([kind], from_row)
        .and_then(Iterator::collect)
        .ctx("reading governance records")
}

/// The grants of the records of one kind, in chain order, without their
/// payloads (a record of no grant is passed over).
pub fn grants_of_kind(conn: &Connection, kind: &str) -> Result<Vec<GrantId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT grant_id FROM records WHERE kind = ?1 AND grant_id IS NOT NULL ORDER BY id",
        )
        .ctx("reading governance records")?;
    stmt.query_map([kind], |r| r.get(0))
        .and_then(Iterator::collect)
        .ctx("reading governance records")
}

/// The records of any of `kinds`, in chain order.
pub fn all_of_kinds(conn: &Connection, kinds: &[&str]) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash FROM records
             WHERE kind IN (SELECT value FROM json_each(?1)) ORDER BY id",
        )
        .ctx("reading governance records")?;
    let kinds = serde_json::to_string(kinds).expect("a list of strings serializes");
    stmt.query_map([kinds], from_row)
        .and_then(Iterator::collect)
        .ctx("reading governance records")
}

/// The records of one grant, in chain order.
pub fn of_grant(conn: &Connection, grant_id: GrantId) -> Result<Vec<StoredRecord>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, grant_id, at, payload, prev_hash, hash FROM records
             WHERE grant_id = ?1 ORDER BY id",
        )
        .ctx("reading governance records")?;
    stmt.query_map([grant_id], from_row)
        .and_then(Iterator::collect)
        .ctx("reading governance records")
}

/// The number the next grant gets.
pub fn next_grant_id(conn: &Connection) -> Result<GrantId> {
    conn.query_row(
        "SELECT coalesce(max(grant_id), 0) + 1 FROM records",
        [],
        |r| r.get(0),
    )
    .ctx("numbering a grant")
}

/// The days of the earliest and the latest record (the date part of their
/// times), if there are records.
pub fn first_and_last_day(conn: &Connection) -> Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT min(substr(at, 1, 10)), max(substr(at, 1, 10)) FROM records",
        [],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        },
    )
    .map(|days| days.0.zip(days.1))
    .ctx("reading governance records")
}

/// The head of the records chain and its length, as the fund row has them.
pub fn head(conn: &Connection) -> Result<Option<(String, i64)>> {
    conn.query_row(
        "SELECT records_head, records_count FROM fund WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .ctx("reading the records head")
}

/// Records an audit entry for a row written to one of the community tables
/// (members, role terms, pools, contributions, rates, pledges, settings), so
/// that those rows are in the governance chain too and `verify` can compare
/// each table with its records.
pub fn audit(conn: &Connection, kind: &str, payload: serde_json::Value, now: &str) -> Result<()> {
    // Written when the row is, at the wall-clock time: what it is about is
    // dated by its own transaction or record, checked where they are written.
    append_unchecked(conn, kind, None, now, &payload, now).map(|_| ())
}

/// The hash of the `position`-th governance record (1 = the first), if
/// there are that many.
pub fn hash_at(conn: &Connection, position: i64) -> Result<Option<String>> {
    conn.query_row(
        "SELECT hash FROM records ORDER BY id LIMIT 1 OFFSET ?1",
        [position - 1],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading a governance record's hash")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Records for grants 2, 1, none, 2, 1 (in that chain order); their ids.
    fn interleaved(conn: &Connection) -> Vec<RecordId> {
        let at = "2026-02-01T10:00:00";
        [Some(2), Some(1), None, Some(2), Some(1)]
            .into_iter()
            .enumerate()
            .map(|(n, grant)| {
                append_unchecked(
                    conn,
                    "note",
                    grant.map(GrantId::new),
                    at,
                    &json!({ "n": n }),
                    at,
                )
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn each_grants_records_come_as_one_run_in_chain_order_grant_by_grant() {
        let conn = crate::store::memory();
        let ids = interleaved(&conn);
        let mut runs = Vec::new();
        for_each_grant(&conn, |grant, records| {
            runs.push((grant, records.iter().map(|r| r.id).collect::<Vec<_>>()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            runs,
            [
                (GrantId::new(1), vec![ids[1], ids[4]]),
                (GrantId::new(2), vec![ids[0], ids[3]]),
            ]
        );
        let plan = crate::store::query_plan(
            &conn,
            "SELECT id FROM records WHERE grant_id IS NOT NULL ORDER BY grant_id, id",
            [],
        );
        assert!(plan.contains("records_by_grant"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn records_between_two_are_those_strictly_after_the_one_and_before_the_other() {
        let conn = crate::store::memory();
        let ids = interleaved(&conn);
        let between = |after, before| {
            let mut seen = Vec::new();
            for_each_between(&conn, after, before, |r| {
                seen.push((r.id, r.payload["n"].as_u64().unwrap()));
                Ok(())
            })
            .unwrap();
            seen
        };
        assert_eq!(
            between(ids[0], ids[4]),
            [(ids[1], 1), (ids[2], 2), (ids[3], 3)]
        );
        assert_eq!(between(ids[3], RecordId::END), [(ids[4], 4)]);
        assert_eq!(between(ids[2], ids[3]), []);
        let mut all = 0;
        for_each(&conn, |_| {
            all += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(all, 5);
    }

    #[test]
    fn the_first_error_of_what_is_handed_each_record_stops_the_reading() {
        let conn = crate::store::memory();
        interleaved(&conn);
        let mut seen = 0;
        let stopped = for_each(&conn, |r| {
            seen += 1;
            match r.payload["n"].as_u64() {
                Some(1) => Err(crate::error::Error::UnknownGrant { id: "#1".into() }),
                _ => Ok(()),
            }
        });
        assert!(
            matches!(stopped, Err(crate::error::Error::UnknownGrant { .. })),
            "{stopped:?}"
        );
        assert_eq!(seen, 2);
    }
}
