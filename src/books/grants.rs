//! Grants as the records make them: policy versions, grants replayed with
//! [`domain::grant::replay`](crate::domain::grant::replay), relations
//! between members, who may vote on a grant and how its votes stand.
//!
//! Rule: who could vote when is read from the governance records alone
//! ([`Governance`]: role terms and their ends, relations, member keys, each
//! with its place in the chain), never from the tables they are audit
//! records of, so `grant vote`, `grant show`, `grant decide` and `verify`
//! judge every vote by the same records and the same rule
//! ([`grant::judge_vote`]).

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;

use crate::domain::date::{parse_date, parse_datetime};
use crate::domain::grant::{self, Electorate, Grant, Refusal, Step};
use crate::domain::ids::{GrantId, MemberId, PoolId, RecordId, TermId};
use crate::domain::keys::{KeyBook, KeyStep};
use crate::domain::member::Role;
use crate::domain::policy::Tally;
use crate::domain::records::{
    GrantStep, PolicyRecord, RecordKind, RelationRecord, RoleEndRecord, RoleTermRecord, payload,
};
use crate::error::{GrantRefusal, Result};
use crate::store::records::{self, StoredRecord};

/// A steward term as its records make it: the record that opened it, its
/// member, first day and last day (if its record gave one).
#[derive(Debug, Clone)]
struct StewardTerm {
    record: RecordId,
    term: TermId,
    member: MemberId,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
}

/// The kinds of record [`Governance`] is read from.
const GOVERNANCE_KINDS: [RecordKind; 5] = [
    RecordKind::RoleTerm,
    RecordKind::RoleEnd,
    RecordKind::Relation,
    RecordKind::MemberKey,
    RecordKind::MemberKeyRevoke,
];

/// The grants whose replay can have changed when records of these (grant
/// id, kind) were added: those the records name, or None for every grant
/// when a record of a kind every replay reads ([`Governance`]'s kinds and
/// policies) or of an unknown kind was added.
pub fn replays_changed(
    added: &[(Option<GrantId>, String)],
) -> Option<std::collections::BTreeSet<GrantId>> {
    let mut grants = std::collections::BTreeSet::new();
    for (grant, kind) in added {
        match (grant, RecordKind::parse(kind)) {
            (Some(id), _) => {
                grants.insert(*id);
            }
            (None, None) => return None,
            (None, Some(kind))
                if kind == RecordKind::Policy || GOVERNANCE_KINDS.contains(&kind) =>
            {
                return None;
            }
            (None, Some(_)) => {}
        }
    }
    Some(grants)
}

/// Who could vote when, from the governance records, each with the id of
/// its record: what [`grant::judge_vote`] asks as of a place in the chain.
/// A record whose payload does not read is left out here (`verify` reports
/// it on its own).
#[derive(Debug, Clone, Default)]
pub struct Governance {
    terms: Vec<StewardTerm>,
    /// (record, term, last day).
    ends: Vec<(RecordId, TermId, NaiveDate)>,
    /// (record, when, a, b).
    relations: Vec<(RecordId, NaiveDateTime, MemberId, MemberId)>,
    keys: Vec<(RecordId, NaiveDateTime, KeyStep)>,
    fund_id: String,
}

impl Governance {
    /// Reads the role, relation and key records and the fund's id.
    ///
    /// # Errors
    /// When the records cannot be read.
    pub fn load(conn: &Connection) -> Result<Governance> {
        let kinds = GOVERNANCE_KINDS.map(RecordKind::as_str);
        let records = records::all_of_kinds(conn, &kinds)?;
        Ok(Governance::from_records(
            crate::store::fund::fund_id(conn)?,
            records
                .iter()
                .map(|r| (r.id, r.kind.as_str(), r.at.as_str(), &r.payload)),
        ))
    }

    /// The same from records given as (id, kind, at, payload), in chain
    /// order, of any kinds (the others are passed over): an audit bundle's
    /// records.csv is read through this too.
    pub fn from_records<'a>(
        fund_id: String,
        records: impl IntoIterator<Item = (RecordId, &'a str, &'a str, &'a serde_json::Value)>,
    ) -> Governance {
        let mut gov = Governance {
            fund_id,
            ..Governance::default()
        };
        for (id, kind, at, payload) in records {
            // Role records are audit records, stamped when written; the
            // others happened at their `at`.
            let Some(kind) = RecordKind::parse(kind) else {
                continue;
            };
            let at = parse_datetime(at).ok();
            match kind {
                RecordKind::RoleTerm => {
                    if let Ok(t) = serde_json::from_value::<RoleTermRecord>(payload.clone())
                        && t.role == Role::Steward.as_str()
                        && let Ok(starts_on) = parse_date(&t.starts_on)
                    {
                        gov.terms.push(StewardTerm {
                            record: id,
                            term: t.id,
                            member: t.member,
                            starts_on,
                            ends_on: t.ends_on.as_deref().and_then(|d| parse_date(d).ok()),
                        });
                    }
                }
                RecordKind::RoleEnd => {
                    if let Ok(e) = serde_json::from_value::<RoleEndRecord>(payload.clone())
                        && let Ok(day) = parse_date(&e.ends_on)
                    {
                        gov.ends.push((id, e.id, day));
                    }
                }
                RecordKind::Relation => {
                    if let (Ok(rel), Some(at)) = (
                        serde_json::from_value::<RelationRecord>(payload.clone()),
                        at,
                    ) {
                        gov.relations.push((id, at, rel.a, rel.b));
                    }
                }
                RecordKind::MemberKey => {
                    if let (Ok(k), Some(at)) = (serde_json::from_value(payload.clone()), at) {
                        gov.keys.push((id, at, KeyStep::Add(k)));
                    }
                }
                RecordKind::MemberKeyRevoke => {
                    if let (Ok(k), Some(at)) = (serde_json::from_value(payload.clone()), at) {
                        gov.keys.push((id, at, KeyStep::Revoke(k)));
                    }
                }
                _ => {}
            }
        }
        gov
    }
}

impl Governance {
    /// The members' keys its records register and revoke (a step that does
    /// not fit, such as a key registered twice, is passed over: `verify`
    /// reports it).
    pub fn key_book(&self) -> KeyBook {
        let mut book = KeyBook::default();
        for (_, at, step) in &self.keys {
            let _ = book.apply(*at, step);
        }
        book
    }
}

impl Electorate for Governance {
    fn stewards(&self, day: NaiveDate, before: RecordId) -> HashSet<MemberId> {
        self.terms
            .iter()
            .filter(|t| t.record < before && t.starts_on <= day)
            .filter(|t| {
                let ends = self
                    .ends
                    .iter()
                    .filter(|(record, term, _)| *record < before && *term == t.term)
                    .map(|(_, _, day)| *day)
                    .next_back()
                    .or(t.ends_on);
                ends.is_none_or(|e| day <= e)
            })
            .map(|t| t.member)
            .collect()
    }

    fn related(&self, member: MemberId, by: NaiveDateTime, before: RecordId) -> HashSet<MemberId> {
        self.relations
            .iter()
            .filter(|(record, at, a, b)| {
                *record < before && *at <= by && (*a == member || *b == member)
            })
            .map(|(_, _, a, b)| if *a == member { *b } else { *a })
            .collect()
    }

    fn key(
        &self,
        member: MemberId,
        fingerprint: &str,
        at: NaiveDateTime,
        before: RecordId,
    ) -> std::result::Result<String, String> {
        let mut book = KeyBook::default();
        for (_, when, step) in self.keys.iter().filter(|(record, _, _)| *record < before) {
            book.apply(*when, step)?;
        }
        book.check(member, fingerprint, at).map(|k| k.key.clone())
    }

    fn fund_id(&self) -> &str {
        &self.fund_id
    }
}

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
pub fn policies(conn: &Connection, pool: PoolId) -> Result<Vec<(NaiveDateTime, PolicyRecord)>> {
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
pub fn load(conn: &Connection, id: GrantId) -> Result<Grant> {
    load_judged(conn, id, &Governance::load(conn)?)
}

/// One of a grant's records as a step of its replay.
fn step(r: StoredRecord) -> Result<Step> {
    Ok(Step {
        at: parse_datetime(&r.at)?,
        step: GrantStep::read(r.id, &r.kind, &r.payload)?,
        record: r.id,
        hash: r.hash,
    })
}

/// [`load`], judging its votes by `governance` (read once for many grants).
///
/// # Errors
/// As [`load`].
pub fn load_judged(conn: &Connection, id: GrantId, governance: &Governance) -> Result<Grant> {
    let steps = records::of_grant(conn, id)?
        .into_iter()
        .map(step)
        .collect::<Result<Vec<_>>>()?;
    let policies: Vec<PolicyRecord> = all_policies(conn)?.into_iter().map(|(_, p)| p).collect();
    let commodities = crate::store::commodities::by_id(conn)?;
    grant::replay(id, &steps, &policies, &commodities, governance)
}

/// Every grant, replayed, in the order of their applications, each with the
/// error of its replay if it cannot be replayed (`verify` reports it): the
/// policies and commodities read once, and the grants' records in one query
/// that hands over one grant's at a time, each replayed before the next is
/// read (so only the replays are held, not every record's payload).
///
/// # Errors
/// When the records cannot be read.
pub fn all_judged(
    conn: &Connection,
    governance: &Governance,
) -> Result<Vec<(GrantId, Result<Grant>)>> {
    let policies: Vec<PolicyRecord> = all_policies(conn)?.into_iter().map(|(_, p)| p).collect();
    let commodities = crate::store::commodities::by_id(conn)?;
    let replay = |id: GrantId, records: Vec<StoredRecord>| {
        records
            .into_iter()
            .map(step)
            .collect::<Result<Vec<_>>>()
            .and_then(|steps| grant::replay(id, &steps, &policies, &commodities, governance))
    };
    let mut replayed: std::collections::HashMap<GrantId, Result<Grant>> = Default::default();
    records::for_each_grant(conn, |id, records| {
        replayed.insert(id, replay(id, records));
        Ok(())
    })?;
    Ok(ids(conn)?
        .into_iter()
        .map(|id| {
            let grant = replayed
                .remove(&id)
                .unwrap_or_else(|| replay(id, Vec::new()));
            (id, grant)
        })
        .collect())
}

/// Whether the `grant_state` cache gives every grant's commitment as its
/// replay would: it was filled, and no record added after the one it is up
/// to date through changes a replay ([`replays_changed`]).
///
/// # Errors
/// When the records cannot be read.
pub fn state_usable(conn: &Connection) -> Result<bool> {
    use crate::store::grant_state;
    let Some(through) = grant_state::through(conn)? else {
        return Ok(false);
    };
    Ok(replays_changed(&grant_state::records_after(conn, through)?)
        .is_some_and(|grants| grants.is_empty()))
}

/// What approved grants have committed at the end of `day` (now, when
/// None), per (pool id, commodity code): from the `grant_state` cache when
/// it is usable ([`state_usable`]), else from a replay of every grant.
///
/// # Errors
/// When the records cannot be read or a grant cannot be replayed.
pub fn committed(
    conn: &Connection,
    day: Option<NaiveDate>,
) -> Result<std::collections::HashMap<(PoolId, String), i128>> {
    if state_usable(conn)? {
        return crate::store::grant_state::committed(conn, day);
    }
    let mut sums = std::collections::HashMap::new();
    for (_, grant) in all_judged(conn, &Governance::load(conn)?)? {
        let grant = grant?;
        *sums
            .entry((grant.pool, grant.commodity.code().to_owned()))
            .or_insert(0) += i128::from(grant.outstanding_on(day));
    }
    Ok(sums)
}

/// The hash of grant `id`'s application record, which its ballots name.
///
/// # Errors
/// [`Error::UnknownGrant`](crate::error::Error::UnknownGrant) when it has
/// no application.
pub fn application_hash(conn: &Connection, id: GrantId) -> Result<String> {
    records::of_grant(conn, id)?
        .into_iter()
        .find(|r| r.kind == RecordKind::Application.as_str())
        .map(|r| r.hash)
        .ok_or_else(|| crate::error::Error::UnknownGrant { id: id.to_string() })
}

/// The ballot a steward would sign for a vote on grant `id` at `at`: the
/// vote is checked as `grant vote` would check it at that moment, so a
/// ballot that could not be recorded is not written.
///
/// # Errors
/// [`crate::error::Error::GrantRefused`] for a grant no longer open, a moment
/// outside its window, a voter who may not vote then, an objection without
/// a reason, or a reason that cannot stand on one line.
pub fn ballot(
    conn: &Connection,
    id: GrantId,
    voter: &str,
    choice: crate::domain::policy::Vote,
    reason: Option<&str>,
    at: NaiveDateTime,
) -> Result<crate::domain::ballot::Ballot> {
    use crate::domain::grant::Status;
    use crate::error::Error;
    let grant = load(conn, id)?;
    let member = crate::books::members::member(conn, voter)?;
    let label = id.to_string();
    if grant.status != Status::Open {
        return Err(GrantRefusal::BallotNotOpen {
            grant: label,
            status: grant.status.as_str(),
        }
        .into());
    }
    if at < grant.applied_at || at >= grant.window_closes() {
        return Err(GrantRefusal::BallotOutsideWindow {
            grant: label,
            from: grant.applied_at,
            until: grant.window_closes(),
            at,
        }
        .into());
    }
    if let Some(why) = ineligible(conn, &grant, member.id, at)? {
        return Err(GrantRefusal::BallotMayNotVote {
            voter: member.name,
            why,
        }
        .into());
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| !crate::domain::ballot::Ballot::reason_fits(r)) {
        return Err(GrantRefusal::BallotReason.into());
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
pub fn ids(conn: &Connection) -> Result<Vec<GrantId>> {
    records::grants_of_kind(conn, RecordKind::Application.as_str())
}

/// Members declared related to `member` (either way round) by `by`.
pub fn related(
    conn: &Connection,
    member: MemberId,
    by: NaiveDateTime,
) -> Result<HashSet<MemberId>> {
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

/// Why a member may not vote on a grant at a moment, if they may not (as
/// the records stand now): see [`grant::ineligible`].
pub fn ineligible(
    conn: &Connection,
    grant: &Grant,
    member: MemberId,
    at: NaiveDateTime,
) -> Result<Option<String>> {
    let gov = Governance::load(conn)?;
    Ok(grant::ineligible(
        grant,
        member,
        &gov.stewards(at.date(), RecordId::END),
        &gov.related(grant.applicant, at, RecordId::END),
    )
    .map(|r: Refusal| r.why))
}

/// The votes that count for a grant at `at` (the earlier of `at` and the
/// window's close), with the records as they stand now: see
/// [`grant::count`].
pub fn tally(conn: &Connection, grant: &Grant, at: NaiveDateTime) -> Result<Tally> {
    Ok(tally_as_of(
        &Governance::load(conn)?,
        grant,
        at,
        RecordId::END,
    ))
}

/// [`tally`] with the records as they stood before record `before`: how
/// `verify` recounts a decision as of its place in the chain.
pub fn tally_as_of(gov: &Governance, grant: &Grant, at: NaiveDateTime, before: RecordId) -> Tally {
    let until = at.min(grant.window_closes());
    grant::count(
        grant,
        at,
        &gov.stewards(until.date(), before),
        &gov.related(grant.applicant, until, before),
    )
}

/// The stewards in term at `at` who may not vote on a grant, and why: the
/// applicant, and members declared related to the applicant by then.
pub fn recused(
    conn: &Connection,
    grant: &Grant,
    at: NaiveDateTime,
) -> Result<Vec<(MemberId, &'static str)>> {
    let gov = Governance::load(conn)?;
    Ok(grant::recused(
        grant,
        &gov.stewards(at.date(), RecordId::END),
        &gov.related(grant.applicant, at, RecordId::END),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_one_grant_replay_that_grant_and_shared_inputs_every_grant() {
        let added = |rows: &[(Option<GrantId>, RecordKind)]| {
            rows.iter()
                .map(|(g, k)| (*g, k.as_str().to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(replays_changed(&[]), Some(Default::default()));
        assert_eq!(
            replays_changed(&added(&[
                (Some(GrantId::new(3)), RecordKind::Vote),
                (None, RecordKind::Contribution),
                (Some(GrantId::new(1)), RecordKind::Payment),
                (Some(GrantId::new(3)), RecordKind::Decision),
            ])),
            Some([GrantId::new(1), GrantId::new(3)].into())
        );
        for shared in [
            RecordKind::Policy,
            RecordKind::RoleTerm,
            RecordKind::Relation,
        ] {
            assert_eq!(
                replays_changed(&added(&[
                    (Some(GrantId::new(1)), RecordKind::Vote),
                    (None, shared)
                ])),
                None,
                "{shared:?}"
            );
        }
        assert_eq!(replays_changed(&[(None, "ballot-v9".into())]), None);
    }
}
