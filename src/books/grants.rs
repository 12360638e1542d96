//! Grants as the records make them: policy versions, grants replayed with
//! [`domain::grant::replay`](crate::domain::grant::replay), relations
//! between members, who may vote on a grant and how its votes stand.

use std::collections::HashSet;

use chrono::{NaiveDateTime, Timelike};
use rusqlite::Connection;

use crate::books::members::stewards;
use crate::domain::date::parse_datetime;
use crate::domain::grant::{self, Grant};
use crate::domain::policy::Tally;
use crate::domain::records::{GrantStep, PolicyRecord, RecordKind, RelationRecord, payload};
use crate::error::Result;
use crate::store::records::{self, StoredRecord};

fn read<T: for<'de> serde::Deserialize<'de>>(record: &StoredRecord) -> Result<T> {
    payload(record.id, &record.kind, &record.payload)
}

/// Every policy version of the fund with when it was set, oldest first.
fn all_policies(conn: &Connection) -> Result<Vec<(NaiveDateTime, PolicyRecord)>> {
    records::of_kind(conn, RecordKind::Policy.as_str())?
        .iter()
        .map(|r| Ok((parse_datetime(&r.at)?, read::<PolicyRecord>(r)?)))
        .collect()
}

/// The policies of one pool, oldest first.
///
/// # Errors
/// When any policy record of the fund cannot be read.
pub fn policies(conn: &Connection, pool: i64) -> Result<Vec<(NaiveDateTime, PolicyRecord)>> {
    Ok(all_policies(conn)?
        .into_iter()
        .filter(|(_, p)| p.pool == pool)
        .collect())
}

/// Replays one grant from its records.
///
/// # Errors
/// [`Error::UnknownGrant`](crate::error::Error::UnknownGrant) when it has
/// no application; [`Error::Damaged`](crate::error::Error::Damaged) when a
/// record of it, or a policy, cannot be read or does not fit (see
/// [`grant::replay`]).
pub fn load(conn: &Connection, id: i64) -> Result<Grant> {
    let steps = records::of_grant(conn, id)?
        .iter()
        .map(|r| {
            Ok((
                parse_datetime(&r.at)?,
                GrantStep::read(r.id, &r.kind, &r.payload)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let policies: Vec<PolicyRecord> = all_policies(conn)?.into_iter().map(|(_, p)| p).collect();
    let commodities = crate::store::commodities::by_id(conn)?;
    grant::replay(id, &steps, &policies, &commodities)
}

/// The hash of grant `id`'s application record, which its ballots name.
///
/// # Errors
/// [`Error::UnknownGrant`](crate::error::Error::UnknownGrant) when it has
/// no application.
pub fn application_hash(conn: &Connection, id: i64) -> Result<String> {
    records::of_grant(conn, id)?
        .into_iter()
        .find(|r| r.kind == RecordKind::Application.as_str())
        .map(|r| r.hash)
        .ok_or_else(|| crate::error::Error::UnknownGrant {
            id: grant::grant_label(id),
        })
}

/// The ballot a steward would sign for a vote on grant `id` at `at`: the
/// vote is checked as `grant vote` would check it at that moment, so a
/// ballot that could not be recorded is not written.
///
/// # Errors
/// [`crate::error::Error::Refused`] for a grant no longer open, a moment
/// outside its window, a voter who may not vote then, an objection without
/// a reason; [`crate::error::Error::Ballot`] for a reason that cannot stand
/// on one line.
pub fn ballot(
    conn: &Connection,
    id: i64,
    voter: &str,
    choice: crate::domain::policy::Vote,
    reason: Option<&str>,
    at: NaiveDateTime,
) -> Result<crate::domain::ballot::Ballot> {
    use crate::domain::grant::Status;
    use crate::error::Error;
    let grant = load(conn, id)?;
    let member = crate::books::members::member(conn, voter)?;
    let label = grant::grant_label(id);
    if grant.status != Status::Open {
        return Err(Error::Refused(format!(
            "{label} is {}; votes are taken only while it is open",
            grant.status.as_str()
        )));
    }
    if at < grant.applied_at || at >= grant.window_closes() {
        return Err(Error::Refused(format!(
            "{label} takes votes from {} until {}; a ballot at {} could not be recorded",
            grant.applied_at.format("%Y-%m-%dT%H:%M:%S"),
            grant.window_closes().format("%Y-%m-%dT%H:%M:%S"),
            at.format("%Y-%m-%dT%H:%M:%S")
        )));
    }
    if let Some(why) = ineligible(conn, &grant, member.id, at)? {
        return Err(Error::Refused(format!(
            "{} {why}; no ballot is written",
            member.name
        )));
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = reason {
        crate::domain::ballot::Ballot::check_reason("--reason", r)?;
    }
    if choice == crate::domain::policy::Vote::Object && reason.is_none() {
        return Err(Error::Missing {
            what: "an objection",
            needs: crate::error::Needed::Reason,
            of: None,
            so: Some("so the community can answer it"),
        });
    }
    Ok(crate::domain::ballot::Ballot {
        fund: crate::store::fund::fund_id(conn)?,
        grant: id,
        application: application_hash(conn, id)?,
        voter: member.id,
        choice,
        reason: reason.map(str::to_owned),
        time: at.with_nanosecond(0).unwrap_or(at),
    })
}

/// The ids of every grant, in order.
pub fn ids(conn: &Connection) -> Result<Vec<i64>> {
    Ok(records::of_kind(conn, RecordKind::Application.as_str())?
        .into_iter()
        .filter_map(|r| r.grant_id)
        .collect())
}

/// Members declared related to `member` (either way round) by `by`.
pub fn related(conn: &Connection, member: i64, by: NaiveDateTime) -> Result<HashSet<i64>> {
    let mut set = HashSet::new();
    for r in records::of_kind(conn, RecordKind::Relation.as_str())? {
        if parse_datetime(&r.at)? > by {
            continue;
        }
        let rel: RelationRecord = read(&r)?;
        if rel.a == member {
            set.insert(rel.b);
        }
        if rel.b == member {
            set.insert(rel.a);
        }
    }
    Ok(set)
}

/// Why a member may not vote on a grant at a moment, if they may not.
pub fn ineligible(
    conn: &Connection,
    grant: &Grant,
    member: i64,
    at: NaiveDateTime,
) -> Result<Option<&'static str>> {
    if member == grant.applicant {
        return Ok(Some("is the applicant and must recuse"));
    }
    if related(conn, grant.applicant, at)?.contains(&member) {
        return Ok(Some("is related to the applicant and must recuse"));
    }
    if !stewards(conn, at.date())?.contains(&member) {
        return Ok(Some("is not a steward in term on that day"));
    }
    Ok(None)
}

/// The votes that count for a grant at `at` (the earlier of `at` and the
/// window's close): see [`grant::count`].
pub fn tally(conn: &Connection, grant: &Grant, at: NaiveDateTime) -> Result<Tally> {
    let until = at.min(grant.window_closes());
    let related = related(conn, grant.applicant, until)?;
    Ok(grant::count(
        grant,
        at,
        &stewards(conn, until.date())?,
        &related,
    ))
}

/// The stewards in term at `at` who may not vote on a grant, and why: the
/// applicant, and members declared related to the applicant by then.
pub fn recused(
    conn: &Connection,
    grant: &Grant,
    at: NaiveDateTime,
) -> Result<Vec<(i64, &'static str)>> {
    let related = related(conn, grant.applicant, at)?;
    Ok(grant::recused(grant, &stewards(conn, at.date())?, &related))
}
