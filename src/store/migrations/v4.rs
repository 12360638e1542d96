//! The data step of schema version 4, frozen as it was written: the upgrade
//! that added the governance records also records in the chain every
//! community row written before the chain existed (members, role terms,
//! pools, contributions, pledges, settings, rates). Each row gets the audit
//! record fondo wrote for it at version 4 (an inactive member also its
//! `member-inactive` record), dated at the time of the upgrade: the chain
//! vouches for those rows from then on, not before.
//!
//! Rule: this module reads the tables as they were at version 4, with its
//! own SQL, and writes the payloads of version 4; it never calls today's
//! table readers or payload builders, so later changes to them cannot change
//! what an old fund's upgrade writes.

use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::domain::date::Now;
use crate::domain::hash::record_hash;
use crate::error::{Result, SqlContext};

/// Records every pre-chain community row; returns how many records were
/// added.
pub(super) fn backfill_audit(conn: &Connection, now: Now) -> Result<u64> {
    let rows = community_rows(conn)?;
    if rows.is_empty() {
        // A new fund: no fund row yet, nothing to record.
        return Ok(0);
    }
    let stamp = now.recorded_at();
    let mut chain = Chain::read(conn)?;
    for (kind, payload) in rows {
        chain.append(conn, kind, &payload, &stamp)?;
    }
    conn.execute(
        "UPDATE fund SET records_head = ?1, records_count = ?2 WHERE id = 1",
        params![chain.head, chain.count],
    )
    .ctx("recording the records head")?;
    Ok(chain.added)
}

/// The head of the records chain while the backfill appends to it.
struct Chain {
    head: String,
    count: i64,
    added: u64,
}

impl Chain {
    fn read(conn: &Connection) -> Result<Chain> {
        let (head, count) = conn
            .query_row(
                "SELECT records_head, records_count FROM fund WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ctx("reading the records head")?;
        Ok(Chain {
            head,
            count,
            added: 0,
        })
    }

    /// Appends an audit record (no grant, dated `stamp`).
    fn append(
        &mut self,
        conn: &Connection,
        kind: &str,
        payload: &Value,
        stamp: &str,
    ) -> Result<()> {
        let hash = record_hash(&self.head, kind, None, stamp, payload);
        conn.execute(
            "INSERT INTO records (kind, grant_id, at, payload, prev_hash, hash, recorded_at)
             VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?2)",
            params![kind, stamp, payload.to_string(), self.head, hash],
        )
        .ctx("recording a governance record")?;
        self.head = hash;
        self.count += 1;
        self.added += 1;
        Ok(())
    }
}

/// Every community row's audit record, in the order of version 4: members
/// (with their inactivity), role terms, pools but the general one,
/// contributions, pledges, settings, rates.
fn community_rows(conn: &Connection) -> Result<Vec<(&'static str, Value)>> {
    let mut rows = Vec::new();
    let read = |sql: &str, row: &mut dyn FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>| {
        each(conn, sql, row)
    };
    read(
        "SELECT id, name, visibility, inactive_since FROM members ORDER BY id",
        &mut |r| {
            let id: i64 = r.get(0)?;
            let (name, visibility): (String, String) = (r.get(1)?, r.get(2)?);
            rows.push((
                "member",
                json!({"id": id, "name": name, "visibility": visibility}),
            ));
            if let Some(on) = r.get::<_, Option<String>>(3)? {
                rows.push(("member-inactive", json!({"id": id, "inactive_since": on})));
            }
            Ok(())
        },
    )?;
    read(
        "SELECT id, member_id, role, starts_on, ends_on FROM role_terms
         ORDER BY starts_on, member_id, role, id",
        &mut |r| {
            rows.push((
                "role-term",
                json!({
                    "id": r.get::<_, i64>(0)?,
                    "member": r.get::<_, i64>(1)?,
                    "role": r.get::<_, String>(2)?,
                    "starts_on": r.get::<_, String>(3)?,
                    "ends_on": r.get::<_, Option<String>>(4)?,
                }),
            ));
            Ok(())
        },
    )?;
    read(
        "SELECT id, name, purpose, guidelines FROM pools WHERE id <> 1 ORDER BY id",
        &mut |r| {
            rows.push((
                "pool",
                json!({
                    "id": r.get::<_, i64>(0)?,
                    "name": r.get::<_, String>(1)?,
                    "purpose": r.get::<_, String>(2)?,
                    "guidelines": r.get::<_, Option<String>>(3)?,
                }),
            ));
            Ok(())
        },
    )?;
    read(
        "SELECT txn_id, member_id, kind FROM contributions ORDER BY txn_id",
        &mut |r| {
            rows.push((
                "contribution",
                json!({
                    "txn": r.get::<_, i64>(0)?,
                    "member": r.get::<_, Option<i64>>(1)?,
                    "kind": r.get::<_, Option<String>>(2)?,
                }),
            ));
            Ok(())
        },
    )?;
    read(
        "SELECT id, member_id, commodity_id, amount, every, starts_on, ends_on, pool_id
         FROM pledges ORDER BY id",
        &mut |r| {
            rows.push((
                "pledge",
                json!({
                    "id": r.get::<_, i64>(0)?,
                    "member": r.get::<_, i64>(1)?,
                    "commodity": r.get::<_, i64>(2)?,
                    "amount": r.get::<_, i64>(3)?,
                    "every": r.get::<_, String>(4)?,
                    "starts_on": r.get::<_, String>(5)?,
                    "ends_on": r.get::<_, Option<String>>(6)?,
                    "pool": r.get::<_, Option<i64>>(7)?,
                }),
            ));
            Ok(())
        },
    )?;
    read("SELECT key, value FROM settings ORDER BY key", &mut |r| {
        rows.push((
            "setting",
            json!({"key": r.get::<_, String>(0)?, "value": r.get::<_, String>(1)?}),
        ));
        Ok(())
    })?;
    read(
        "SELECT id, date, from_code, to_code, rate, source FROM rates ORDER BY id",
        &mut |r| {
            rows.push((
                "rate",
                json!({
                    "id": r.get::<_, i64>(0)?,
                    "date": r.get::<_, String>(1)?,
                    "from": r.get::<_, String>(2)?,
                    "to": r.get::<_, String>(3)?,
                    "rate": r.get::<_, String>(4)?,
                    "source": r.get::<_, Option<String>>(5)?,
                }),
            ));
            Ok(())
        },
    )?;
    Ok(rows)
}

/// Calls `row` for every row `sql` returns.
fn each(
    conn: &Connection,
    sql: &str,
    row: &mut dyn FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    const WHAT: &str = "recording the community rows in the governance chain";
    let mut stmt = conn.prepare(sql).ctx(WHAT)?;
    let mut found = stmt.query([]).ctx(WHAT)?;
    while let Some(r) = found.next().ctx(WHAT)? {
        row(r).ctx(WHAT)?;
    }
    Ok(())
}
