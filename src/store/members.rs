//! Members, their role terms, who contributions came from, and pledges.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::member::{Role, Visibility};
use crate::domain::records::RecordKind;
use crate::error::{Result, SqlContext};
use crate::store::records;

// The audit payloads of these tables: written with each row into the
// governance chain, and rebuilt from the table by `verify` to compare (V118).

/// A member's audit payload (inactivity is its own record).
pub fn member_payload(id: i64, name: &str, visibility: Visibility) -> serde_json::Value {
    serde_json::json!({"id": id, "name": name, "visibility": visibility.as_str()})
}

/// A role term's audit payload.
pub fn term_payload(t: &Term) -> serde_json::Value {
    serde_json::json!({
        "id": t.id,
        "member": t.member_id,
        "role": t.role.as_str(),
        "starts_on": t.starts_on.to_string(),
        "ends_on": t.ends_on.map(|d| d.to_string()),
    })
}

/// A contribution record's audit payload.
pub fn contribution_payload(
    txn: i64,
    member: Option<i64>,
    kind: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({"txn": txn, "member": member, "kind": kind})
}

/// A pledge's audit payload.
pub fn pledge_payload(p: &StoredPledge) -> serde_json::Value {
    serde_json::json!({
        "id": p.id,
        "member": p.member_id,
        "commodity": p.commodity_id,
        "amount": p.amount,
        "every": p.every,
        "starts_on": p.starts_on.to_string(),
        "ends_on": p.ends_on.map(|d| d.to_string()),
        "pool": p.pool_id,
    })
}

/// A stored member.
#[derive(Debug, Clone)]
pub struct StoredMember {
    pub id: i64,
    pub name: String,
    pub visibility: Visibility,
    pub contact: Option<String>,
    pub note: Option<String>,
    pub inactive_since: Option<NaiveDate>,
}

fn member_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredMember> {
    let visibility: String = r.get(2)?;
    Ok(StoredMember {
        id: r.get(0)?,
        name: r.get(1)?,
        visibility: visibility.parse().map_err(|e: crate::error::Error| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
        })?,
        contact: r.get(3)?,
        note: r.get(4)?,
        inactive_since: r.get(5)?,
    })
}

/// What a new member record holds.
pub struct NewMember<'a> {
    pub name: &'a str,
    pub key: &'a str,
    pub visibility: Visibility,
    pub contact: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub fn insert(conn: &Connection, member: &NewMember<'_>, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO members (name, name_key, visibility, contact, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            member.name,
            member.key,
            member.visibility.as_str(),
            member.contact,
            member.note,
            now
        ],
    )
    .ctx("adding a member")?;
    let id = conn.last_insert_rowid();
    records::audit(
        conn,
        RecordKind::Member.as_str(),
        member_payload(id, member.name, member.visibility),
        now,
    )?;
    Ok(id)
}

/// A member by the case-insensitive key of their name.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredMember>> {
    conn.prepare_cached(
        "SELECT id, name, visibility, contact, note, inactive_since FROM members WHERE name_key = ?1",
    )
        .and_then(|mut s| s.query_row([key], member_from_row).optional())
        .ctx("looking up a member")
}

/// Every member, in the order they were added.
pub fn all(conn: &Connection) -> Result<Vec<StoredMember>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, visibility, contact, note, inactive_since FROM members ORDER BY id",
        )
        .ctx("listing members")?;
    stmt.query_map([], member_from_row)
        .and_then(Iterator::collect)
        .ctx("listing members")
}

pub fn deactivate(conn: &Connection, id: i64, on: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE members SET inactive_since = ?2 WHERE id = ?1",
        params![id, on],
    )
    .ctx("marking a member inactive")?;
    let payload = serde_json::json!({"id": id, "inactive_since": on.to_string()});
    records::audit(conn, RecordKind::MemberInactive.as_str(), payload, now)
}

/// A term during which a member holds a role; `ends_on` is inclusive.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: i64,
    pub member_id: i64,
    pub role: Role,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

fn term_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Term> {
    let role: String = r.get(2)?;
    Ok(Term {
        id: r.get(0)?,
        member_id: r.get(1)?,
        role: role.parse().map_err(|e: crate::error::Error| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
        })?,
        starts_on: r.get(3)?,
        ends_on: r.get(4)?,
    })
}

pub fn insert_term(
    conn: &Connection,
    member_id: i64,
    role: Role,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO role_terms (member_id, role, starts_on, ends_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, role.as_str(), starts_on, ends_on, now],
    )
    .ctx("recording a role term")?;
    let id = conn.last_insert_rowid();
    let term = Term {
        id,
        member_id,
        role,
        starts_on,
        ends_on,
    };
    records::audit(
        conn,
        RecordKind::RoleTerm.as_str(),
        term_payload(&term),
        now,
    )?;
    Ok(id)
}

/// Every role term, ordered by start, then member, then role.
pub fn terms(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, member_id, role, starts_on, ends_on FROM role_terms
             ORDER BY starts_on, member_id, role, id",
        )
        .ctx("listing role terms")?;
    stmt.query_map([], term_from_row)
        .and_then(Iterator::collect)
        .ctx("listing role terms")
}

pub fn end_term(conn: &Connection, id: i64, on: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE role_terms SET ends_on = ?2 WHERE id = ?1",
        params![id, on],
    )
    .ctx("ending a role term")?;
    let payload = serde_json::json!({"id": id, "ends_on": on.to_string()});
    records::audit(conn, RecordKind::RoleEnd.as_str(), payload, now)
}

/// Records who a contribution came from (`None`: anonymous).
pub fn insert_contribution(
    conn: &Connection,
    txn_id: i64,
    member_id: Option<i64>,
    kind: Option<&str>,
    now: &str,
) -> Result<()> {
    conn.prepare_cached("INSERT INTO contributions (txn_id, member_id, kind) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![txn_id, member_id, kind]))
        .ctx("recording a contribution")?;
    let payload = contribution_payload(txn_id, member_id, kind);
    records::audit(conn, RecordKind::Contribution.as_str(), payload, now)
}

/// Records contributions without a kind (an import's), each with its audit
/// record, as [`insert_contribution`] does one by one.
pub fn insert_contributions(
    conn: &Connection,
    contributions: &[(i64, Option<i64>)],
    now: &str,
) -> Result<()> {
    let mut insert = conn
        .prepare_cached("INSERT INTO contributions (txn_id, member_id, kind) VALUES (?1, ?2, ?3)")
        .ctx("recording a contribution")?;
    for &(txn_id, member_id) in contributions {
        insert
            .execute(params![txn_id, member_id, None::<&str>])
            .ctx("recording a contribution")?;
    }
    let payloads = contributions
        .iter()
        .map(|&(txn_id, member_id)| contribution_payload(txn_id, member_id, None));
    records::append_many(
        conn,
        RecordKind::Contribution.as_str(),
        None,
        now,
        payloads,
        now,
    )
}

/// A contribution record: (transaction, member, kind).
pub type ContributionRow = (i64, Option<i64>, Option<String>);

/// Every contribution record.
pub fn contributions(conn: &Connection) -> Result<Vec<ContributionRow>> {
    let mut stmt = conn
        .prepare_cached("SELECT txn_id, member_id, kind FROM contributions ORDER BY txn_id")
        .ctx("listing contributions")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(Iterator::collect)
        .ctx("listing contributions")
}

/// A member's contributions: (commodity code, decimals, total) per
/// commodity, counting what the contributions credited to income; voided
/// contributions do not count.
pub fn contributed(conn: &Connection, member_id: i64) -> Result<Vec<(String, u32, i128)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.code, c.decimals, p.amount FROM contributions k
             JOIN postings p ON p.txn_id = k.txn_id
             JOIN accounts a ON a.id = p.account_id
             JOIN commodities c ON c.id = p.commodity_id
             WHERE k.member_id = ?1 AND p.amount < 0 AND lower(a.name) LIKE 'income:%'
               AND NOT EXISTS (SELECT 1 FROM txns v WHERE v.reverses = k.txn_id)
             ORDER BY c.code",
        )
        .ctx("summing contributions")?;
    let mut rows = stmt.query([member_id]).ctx("summing contributions")?;
    let mut totals: Vec<(String, u32, i128)> = Vec::new();
    while let Some(r) = rows.next().ctx("summing contributions")? {
        let code: String = r.get(0).ctx("summing contributions")?;
        let decimals: u32 = r.get(1).ctx("summing contributions")?;
        let amount: i64 = r.get(2).ctx("summing contributions")?;
        match totals.last_mut() {
            Some((last, _, total)) if *last == code => *total -= i128::from(amount),
            _ => totals.push((code, decimals, -i128::from(amount))),
        }
    }
    Ok(totals)
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
    let id = conn.last_insert_rowid();
    let stored = StoredPledge { id, ..p.clone() };
    records::audit(
        conn,
        RecordKind::Pledge.as_str(),
        pledge_payload(&stored),
        now,
    )?;
    Ok(id)
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

/// A contribution with what it credited to income, per commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionAmount {
    pub txn_id: i64,
    pub date: NaiveDate,
    /// `None`: anonymous.
    pub member_id: Option<i64>,
    /// The kind of service for support in kind.
    pub kind: Option<String>,
    pub commodity_id: i64,
    pub amount: i128,
}

/// Contributions dated `from..=to` that were not voided, with the amount
/// each credited to income per commodity, in transaction order.
pub fn contributions_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ContributionAmount>> {
    const WHAT: &str = "listing contributions for the period";
    let mut stmt = conn
        .prepare_cached(
            "SELECT k.txn_id, t.date, k.member_id, k.kind, p.commodity_id, -sum(p.amount)
             FROM contributions k
             JOIN txns t ON t.id = k.txn_id
             JOIN postings p ON p.txn_id = k.txn_id
             JOIN accounts a ON a.id = p.account_id
             WHERE t.date >= ?1 AND t.date <= ?2 AND lower(a.name) LIKE 'income:%'
               AND NOT EXISTS (SELECT 1 FROM txns v WHERE v.reverses = k.txn_id)
             GROUP BY k.txn_id, p.commodity_id
             ORDER BY k.txn_id, p.commodity_id",
        )
        .ctx(WHAT)?;
    stmt.query_map(params![from, to], |r| {
        Ok(ContributionAmount {
            txn_id: r.get(0)?,
            date: r.get(1)?,
            member_id: r.get(2)?,
            kind: r.get(3)?,
            commodity_id: r.get(4)?,
            amount: i128::from(r.get::<_, i64>(5)?),
        })
    })
    .and_then(Iterator::collect)
    .ctx(WHAT)
}
