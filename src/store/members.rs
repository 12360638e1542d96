//! Members, their role terms, who contributions came from, and pledges.
//!
//! The tables are append-only: a correction of a member's details is a
//! `member-edit` record and the end of a pledge a `pledge-end` record in the
//! governance chain. Readers get the current state, the latest version
//! ([`all`], [`pledges`]); `verify` compares the rows as first written
//! ([`rows`], [`pledge_rows`]) with their audit records.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::account::name_key;
use crate::domain::ids::{CommodityId, MemberId, PledgeId, PoolId, TermId, TxnId};
use crate::domain::member::{Role, Visibility};
use crate::domain::records::{self as kinds, MemberEditRecord, PledgeEndRecord, RecordKind};
use crate::error::{Result, SqlContext};
use crate::store::records;

// The audit payloads of these tables: written with each row into the
// governance chain, and rebuilt from the table by `verify` to compare (V118).

/// A member's audit payload (inactivity is its own record).
pub fn member_payload(id: MemberId, name: &str, visibility: Visibility) -> serde_json::Value {
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
    txn: TxnId,
    member: Option<MemberId>,
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
    pub id: MemberId,
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

pub fn insert(conn: &Connection, member: &NewMember<'_>, now: &str) -> Result<MemberId> {
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
    let id = MemberId::new(conn.last_insert_rowid());
    records::audit(
        conn,
        RecordKind::Member.as_str(),
        member_payload(id, member.name, member.visibility),
        now,
    )?;
    Ok(id)
}

/// A member by the case-insensitive key of their current name.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredMember>> {
    Ok(all(conn)?.into_iter().find(|m| name_key(&m.name) == key))
}

/// A version of a member's details, from `at` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberVersion {
    /// When it took effect: the row's time for the first version.
    pub at: String,
    pub name: String,
    pub visibility: Visibility,
    pub contact: Option<String>,
    pub note: Option<String>,
}

/// Every `member-edit` record: (time, version), in chain order.
fn edits(conn: &Connection) -> Result<Vec<(String, MemberEditRecord)>> {
    records::of_kind(conn, RecordKind::MemberEdit.as_str())?
        .into_iter()
        .map(|r| Ok((r.at, kinds::payload(r.id, &r.kind, &r.payload)?)))
        .collect()
}

fn apply(member: &mut StoredMember, edit: &MemberEditRecord) -> Result<()> {
    member.name.clone_from(&edit.name);
    member.visibility = edit.visibility.parse()?;
    member.contact.clone_from(&edit.contact);
    member.note.clone_from(&edit.note);
    Ok(())
}

/// Every member as they stand now (their latest version), in the order
/// they were added.
pub fn all(conn: &Connection) -> Result<Vec<StoredMember>> {
    let mut members = rows(conn)?;
    for (_, edit) in edits(conn)? {
        if let Some(m) = members.iter_mut().find(|m| m.id == edit.id) {
            apply(m, &edit)?;
        }
    }
    Ok(members)
}

/// Every version of member `id`'s details, oldest first.
pub fn versions(conn: &Connection, id: MemberId) -> Result<Vec<MemberVersion>> {
    let first: Option<(StoredMember, String)> = conn
        .query_row(
            "SELECT id, name, visibility, contact, note, inactive_since, recorded_at
             FROM members WHERE id = ?1",
            [id],
            |r| Ok((member_from_row(r)?, r.get(6)?)),
        )
        .optional()
        .ctx("reading a member's versions")?;
    let Some((mut member, recorded_at)) = first else {
        return Ok(Vec::new());
    };
    let version = |m: &StoredMember, at: String| MemberVersion {
        at,
        name: m.name.clone(),
        visibility: m.visibility,
        contact: m.contact.clone(),
        note: m.note.clone(),
    };
    let mut out = vec![version(&member, recorded_at)];
    for (at, edit) in edits(conn)?.into_iter().filter(|(_, e)| e.id == id) {
        apply(&mut member, &edit)?;
        out.push(version(&member, at));
    }
    Ok(out)
}

/// Every name any member has had, with the member who had it.
pub fn names_ever(conn: &Connection) -> Result<Vec<(String, MemberId)>> {
    let mut names: Vec<(String, MemberId)> =
        rows(conn)?.into_iter().map(|m| (m.name, m.id)).collect();
    names.extend(edits(conn)?.into_iter().map(|(_, e)| (e.name, e.id)));
    Ok(names)
}

/// Appends a new version of a member's details at `at`.
pub fn append_edit(conn: &Connection, edit: &MemberEditRecord, at: &str, now: &str) -> Result<()> {
    let payload = kinds::to_json(edit);
    records::append(
        conn,
        RecordKind::MemberEdit.as_str(),
        None,
        at,
        &payload,
        now,
    )
    .map(|_| ())
}

/// Every member row as first written (no edits applied), in the order they
/// were added.
pub fn rows(conn: &Connection) -> Result<Vec<StoredMember>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, visibility, contact, note, inactive_since FROM members ORDER BY id",
        )
        .ctx("listing members")?;
    stmt.query_map([], member_from_row)
        .and_then(Iterator::collect)
        .ctx("listing members")
}

pub fn deactivate(conn: &Connection, id: MemberId, on: NaiveDate, now: &str) -> Result<()> {
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
    pub id: TermId,
    pub member_id: MemberId,
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
    member_id: MemberId,
    role: Role,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    now: &str,
) -> Result<TermId> {
    conn.execute(
        "INSERT INTO role_terms (member_id, role, starts_on, ends_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, role.as_str(), starts_on, ends_on, now],
    )
    .ctx("recording a role term")?;
    let id = TermId::new(conn.last_insert_rowid());
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

pub fn end_term(conn: &Connection, id: TermId, on: NaiveDate, now: &str) -> Result<()> {
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
    txn_id: TxnId,
    member_id: Option<MemberId>,
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
    contributions: &[(TxnId, Option<MemberId>)],
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
pub type ContributionRow = (TxnId, Option<MemberId>, Option<String>);

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
pub fn contributed(conn: &Connection, member_id: MemberId) -> Result<Vec<(String, u32, i128)>> {
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
    pub id: PledgeId,
    pub member_id: MemberId,
    pub commodity_id: CommodityId,
    pub amount: i64,
    pub every: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub pool_id: Option<PoolId>,
}

pub fn insert_pledge(conn: &Connection, p: &StoredPledge, now: &str) -> Result<PledgeId> {
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
    let id = PledgeId::new(conn.last_insert_rowid());
    let stored = StoredPledge { id, ..p.clone() };
    records::audit(
        conn,
        RecordKind::Pledge.as_str(),
        pledge_payload(&stored),
        now,
    )?;
    Ok(id)
}

/// Every `pledge-end` record, in chain order.
pub fn pledge_ends(conn: &Connection) -> Result<Vec<(String, PledgeEndRecord)>> {
    records::of_kind(conn, RecordKind::PledgeEnd.as_str())?
        .into_iter()
        .map(|r| Ok((r.at, kinds::payload(r.id, &r.kind, &r.payload)?)))
        .collect()
}

/// Records that a pledge ends on `ends_on` (its last day).
pub fn end_pledge(conn: &Connection, end: &PledgeEndRecord, at: &str, now: &str) -> Result<()> {
    let payload = kinds::to_json(end);
    records::append(
        conn,
        RecordKind::PledgeEnd.as_str(),
        None,
        at,
        &payload,
        now,
    )
    .map(|_| ())
}

/// Every pledge as it stands now: its last day the latest `pledge-end`
/// record's, if any.
///
/// # Errors
/// [`crate::error::Error::Damaged`] when an end record's day is not a date.
pub fn pledges(conn: &Connection) -> Result<Vec<StoredPledge>> {
    let mut pledges = pledge_rows(conn)?;
    for (_, end) in pledge_ends(conn)? {
        if let Some(p) = pledges.iter_mut().find(|p| p.id == end.id) {
            p.ends_on = Some(crate::domain::date::parse_date(&end.ends_on)?);
        }
    }
    Ok(pledges)
}

/// Every pledge row as first written.
pub fn pledge_rows(conn: &Connection) -> Result<Vec<StoredPledge>> {
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
    member_id: MemberId,
    commodity_id: CommodityId,
    pool: Option<Option<PoolId>>,
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
        let posting_pool: Option<PoolId> = r.get(1).ctx("summing contributions")?;
        if pool.is_none_or(|wanted| wanted == posting_pool) {
            total -= i128::from(amount);
        }
    }
    Ok(total)
}

/// A contribution with what it credited to income, per commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionAmount {
    pub txn_id: TxnId,
    pub date: NaiveDate,
    /// `None`: anonymous.
    pub member_id: Option<MemberId>,
    /// The kind of service for support in kind.
    pub kind: Option<String>,
    pub commodity_id: CommodityId,
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

/// What one contribution of a member credited to income, per commodity and
/// pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberContribution {
    pub txn_id: TxnId,
    pub date: NaiveDate,
    /// The kind of service for support in kind.
    pub kind: Option<String>,
    pub commodity_id: CommodityId,
    /// `None`: the general pool.
    pub pool_id: Option<PoolId>,
    pub amount: i128,
}

/// One member's contributions dated `from..=to` that were not voided, in
/// date and transaction order.
pub fn member_contributions(
    conn: &Connection,
    member_id: MemberId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MemberContribution>> {
    const WHAT: &str = "listing a member's contributions";
    let mut stmt = conn
        .prepare_cached(
            "SELECT k.txn_id, t.date, k.kind, p.commodity_id, p.pool_id, -sum(p.amount)
             FROM contributions k
             JOIN txns t ON t.id = k.txn_id
             JOIN postings p ON p.txn_id = k.txn_id
             JOIN accounts a ON a.id = p.account_id
             WHERE k.member_id = ?1 AND t.date >= ?2 AND t.date <= ?3
               AND lower(a.name) LIKE 'income:%'
               AND NOT EXISTS (SELECT 1 FROM txns v WHERE v.reverses = k.txn_id)
             GROUP BY k.txn_id, p.commodity_id, p.pool_id
             ORDER BY t.date, k.txn_id, p.commodity_id, p.pool_id",
        )
        .ctx(WHAT)?;
    stmt.query_map(params![member_id, from, to], |r| {
        Ok(MemberContribution {
            txn_id: r.get(0)?,
            date: r.get(1)?,
            kind: r.get(2)?,
            commodity_id: r.get(3)?,
            pool_id: r.get(4)?,
            amount: i128::from(r.get::<_, i64>(5)?),
        })
    })
    .and_then(Iterator::collect)
    .ctx(WHAT)
}
