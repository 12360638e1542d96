//! A grant's state, replayed from its records: a pure fold, no SQL.
//!
//! A grant's state is never stored. [`replay`] rebuilds it from the steps
//! recorded for it (application, votes, decision, payments, spending lines,
//! closure or withdrawal), given the pool policies and commodities they name;
//! `books::grants::load` reads those from the store. Counting the votes that
//! stand at a moment ([`count`]) and who must recuse ([`recused`]) are pure
//! too, given the stewards in term and the applicant's relations then.
//!
//! Rule: whether a vote stands is decided here once, by [`judge_vote`] and
//! [`judge_withdrawal`] during the replay, from the records alone as they
//! stood at the vote's place in the chain (an [`Electorate`] answers who was
//! a steward, who was related and which keys were in force then). `grant
//! vote` refuses what they refuse, `grant show` and `grant decide` count
//! only what they accept, and `verify` reports each refusal with its code.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::ballot::Ballot;
use crate::domain::date::parse_date;
use crate::domain::ids::{CommodityId, GrantId, MemberId, PoolId, RecordId, TxnId};
use crate::domain::keys::{BALLOT_NAMESPACE, Signature};
use crate::domain::money::Commodity;
use crate::domain::policy::{Tally, Tier, Vote};
use crate::domain::records::{GrantStep, PolicyRecord, SignedVotes, VoteRecord};
use crate::error::{Error, Result};

/// Where a grant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Approved,
    Rejected,
    Withdrawn,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Closed => "closed",
        }
    }
}

/// One vote as cast (every change is kept); `vote` is `None` for a vote
/// withdrawn: from then on the steward counts as not having voted.
#[derive(Debug, Clone)]
pub struct CastVote {
    pub member: MemberId,
    pub vote: Option<Vote>,
    pub reason: Option<String>,
    pub at: NaiveDateTime,
    /// Cast from a signed ballot.
    pub signed: bool,
    /// The id of its record: its place in the chain.
    pub record: RecordId,
    /// Why the command line would have refused it, if it would have: a
    /// refused vote (or withdrawal) is kept in the history but never counts.
    pub refused: Option<Refusal>,
}

/// What is wrong with a vote record the command line would have refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Cast by the applicant.
    Applicant,
    /// Cast by a member who was not a steward in term on the vote's day.
    NotSteward,
    /// Cast by a member related to the applicant.
    Related,
    /// Cast while the grant was not open: decided, withdrawn or closed.
    NotOpen,
    /// Cast before the application or after the window closed.
    Window,
    /// Unsigned, under a policy that takes only signed votes.
    Unsigned,
    /// Signed by a key that was not the voter's in force at the ballot's
    /// time: unknown, another member's, not yet registered or revoked.
    Key,
    /// A signature that is not one, is in another namespace, or does not
    /// match its ballot.
    Signature,
    /// A ballot that is not in the ballot form or does not state exactly
    /// what the record says (fund, grant, application, voter, choice,
    /// reason, time).
    Ballot,
    /// Out of time order, the same vote again, an objection without a
    /// reason, or a withdrawal of a vote that does not stand.
    Form,
}

/// A vote (or withdrawal) refused: the fault and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub fault: Fault,
    pub why: String,
}

impl Refusal {
    fn new(fault: Fault, why: impl Into<String>) -> Option<Refusal> {
        Some(Refusal {
            fault,
            why: why.into(),
        })
    }
}

/// Who could vote, as the records stood just before record `before` (the
/// records with a smaller id): a role or relation recorded later never
/// changes who could vote then. `books::grants` reads it from the records.
pub trait Electorate {
    /// The members holding a steward term on `day`.
    fn stewards(&self, day: NaiveDate, before: RecordId) -> HashSet<MemberId>;
    /// The members declared related to `member` by `by`.
    fn related(&self, member: MemberId, by: NaiveDateTime, before: RecordId) -> HashSet<MemberId>;
    /// The key with `fingerprint` if it was `member`'s, in force at `at`
    /// (its `ssh-ed25519 AAAA…` text), or why not.
    ///
    /// # Errors
    /// The reason, as [`crate::domain::keys::KeyBook::check`] words it.
    fn key(
        &self,
        member: MemberId,
        fingerprint: &str,
        at: NaiveDateTime,
        before: RecordId,
    ) -> std::result::Result<String, String>;
    /// The fund's id, as ballots name it.
    fn fund_id(&self) -> &str;
}

/// One recorded step of a grant: its record's id and hash, the time it
/// happened, and what it says.
#[derive(Debug, Clone)]
pub struct Step {
    pub record: RecordId,
    pub hash: String,
    pub at: NaiveDateTime,
    pub step: GrantStep,
}

/// A tranche paid or a spending line reported.
#[derive(Debug, Clone)]
pub struct Line {
    pub amount: i64,
    pub date: NaiveDate,
    pub txn: Option<TxnId>,
    pub category: Option<String>,
    pub receipt: Option<String>,
    pub note: Option<String>,
}

/// What a grant commits of its pool's money, and when: the facts of its
/// replay that [`Commitment::outstanding_on`] needs, which the books keep
/// for every grant as derived state (`grant_state`, compared by `verify`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub grant: GrantId,
    pub pool: PoolId,
    /// The grant's commodity code.
    pub commodity: String,
    pub amount: i64,
    pub rejected: bool,
    /// The day it was decided (approved or rejected), if it was.
    pub decided_on: Option<NaiveDate>,
    /// The day it was closed (or its commitment expired), if it was.
    pub closed_on: Option<NaiveDate>,
    /// Its tranches: (day paid, amount), in record order.
    pub paid: Vec<(NaiveDate, i64)>,
}

impl Commitment {
    pub fn of(grant: &Grant) -> Commitment {
        Commitment {
            grant: grant.id,
            pool: grant.pool,
            commodity: grant.commodity.code().to_owned(),
            amount: grant.amount,
            rejected: grant.status == Status::Rejected,
            decided_on: grant.decided_at.map(|at| at.date()),
            closed_on: grant.closed_at.map(|at| at.date()),
            paid: grant.payments.iter().map(|p| (p.date, p.amount)).collect(),
        }
    }

    /// What the pool had committed to the grant at the end of `day` (now,
    /// when None): approved by then, not closed by then, less the tranches
    /// paid by then.
    pub fn outstanding_on(&self, day: Option<NaiveDate>) -> i64 {
        let by = |on: NaiveDate| day.is_none_or(|d| on <= d);
        let approved = !self.rejected && self.decided_on.is_some_and(by);
        if !approved || self.closed_on.is_some_and(by) {
            return 0;
        }
        let paid: i64 = self
            .paid
            .iter()
            .filter(|(on, _)| by(*on))
            .map(|(_, amount)| amount)
            .sum();
        self.amount - paid
    }
}

/// A grant, replayed from its records.
#[derive(Debug, Clone)]
pub struct Grant {
    pub id: GrantId,
    pub applicant: MemberId,
    pub pool: PoolId,
    pub commodity: Commodity,
    pub commodity_id: CommodityId,
    pub amount: i64,
    pub purpose: String,
    pub category: Option<String>,
    pub needed_by: Option<NaiveDate>,
    pub applied_at: NaiveDateTime,
    /// The hash of its application record, which its ballots name.
    pub application: String,
    pub policy_version: u32,
    pub tier: Tier,
    /// Whether its policy version takes only signed votes.
    pub signed_votes: SignedVotes,
    pub votes: Vec<CastVote>,
    pub status: Status,
    pub decided_at: Option<NaiveDateTime>,
    /// The id of its decision record: the place in the chain as of which
    /// its tally is recounted.
    pub decision_record: Option<RecordId>,
    pub explanation: Option<String>,
    /// The tally the decision recorded.
    pub decided_tally: Option<Tally>,
    pub payments: Vec<Line>,
    pub spending: Vec<Line>,
    pub returned: i64,
    /// The ledger transaction of the money returned at closure, if any.
    pub return_txn: Option<TxnId>,
    pub closed_at: Option<NaiveDateTime>,
    /// When and why it was closed or withdrawn.
    pub ended: Option<(NaiveDateTime, Option<String>)>,
    /// The last day an approval's unpaid commitment holds.
    pub expires: Option<NaiveDate>,
    /// The time of the grant's latest record.
    pub last_at: NaiveDateTime,
}

impl Grant {
    pub fn paid(&self) -> i64 {
        self.payments.iter().map(|p| p.amount).sum()
    }

    pub fn spent(&self) -> i64 {
        self.spending.iter().map(|p| p.amount).sum()
    }

    /// Money approved and not yet paid: what the pool has committed.
    pub fn outstanding(&self) -> i64 {
        self.outstanding_on(None)
    }

    /// What the pool had committed to this grant at the end of `day` (now,
    /// when None): approved by then, not closed by then, less the tranches
    /// paid by then.
    pub fn outstanding_on(&self, day: Option<NaiveDate>) -> i64 {
        Commitment::of(self).outstanding_on(day)
    }

    pub fn window_closes(&self) -> NaiveDateTime {
        self.applied_at + self.tier.window()
    }
}

fn damaged(detail: String) -> Error {
    Error::Damaged {
        what: "the governance log".into(),
        detail,
    }
}

/// Replays grant `id` from its steps (in chain order), given every policy
/// version of the fund, its commodities by id, and who could vote when
/// (`electorate`): each vote and withdrawal is judged as it comes
/// ([`judge_vote`], [`judge_withdrawal`]) against the grant as it stood
/// before it, and a refused one is kept with its [`Refusal`].
///
/// # Errors
/// [`Error::UnknownGrant`] when no step is an application;
/// [`Error::Damaged`] when it cites a policy version, commodity or tier that
/// does not exist, or has a second application; [`Error::Date`] for a date
/// in a payload that is not one.
pub fn replay(
    id: GrantId,
    steps: &[Step],
    policies: &[PolicyRecord],
    commodities: &HashMap<CommodityId, Commodity>,
    electorate: &dyn Electorate,
) -> Result<Grant> {
    let (applied_at, application, app) = steps
        .iter()
        .find_map(|s| match &s.step {
            GrantStep::Application(app) => Some((s.at, s.hash.clone(), app)),
            _ => None,
        })
        .ok_or_else(|| Error::UnknownGrant { id: id.to_string() })?;
    let policy = policies
        .iter()
        .find(|p| p.pool == app.pool && p.version == app.policy_version)
        .ok_or_else(|| damaged(format!("{id} cites a policy version that does not exist")))?;
    let commodity = commodities.get(&app.commodity).cloned().ok_or_else(|| {
        damaged(format!(
            "a grant names commodity #{}, which does not exist",
            app.commodity.get()
        ))
    })?;
    let tier = policy
        .tier_for(commodity.code(), app.amount)
        .cloned()
        .ok_or_else(|| damaged(format!("{id} falls in no tier of its policy")))?;
    let mut grant = Grant {
        id,
        applicant: app.applicant,
        pool: app.pool,
        commodity,
        commodity_id: app.commodity,
        amount: app.amount,
        purpose: app.purpose.clone(),
        category: app.category.clone(),
        needed_by: app.needed_by.as_deref().map(parse_date).transpose()?,
        applied_at,
        application,
        policy_version: app.policy_version,
        tier,
        signed_votes: policy.signed_votes,
        votes: Vec::new(),
        status: Status::Open,
        decided_at: None,
        decision_record: None,
        explanation: None,
        decided_tally: None,
        payments: Vec::new(),
        spending: Vec::new(),
        returned: 0,
        return_txn: None,
        closed_at: None,
        ended: None,
        expires: None,
        last_at: applied_at,
    };
    let mut applications = 0;
    for s in steps {
        let at = s.at;
        // A refused vote is as if never cast: it does not move the time
        // later steps must follow.
        let mut counted = true;
        match &s.step {
            GrantStep::Application(_) => {
                applications += 1;
                if applications > 1 {
                    return Err(damaged(format!("{id} has more than one application")));
                }
            }
            GrantStep::Vote(v) => {
                let refused = judge_vote(&grant, s.record, at, v, electorate);
                counted = refused.is_none();
                grant.votes.push(CastVote {
                    member: v.member,
                    vote: Some(v.vote),
                    reason: v.reason.clone(),
                    at,
                    signed: v.signed(),
                    record: s.record,
                    refused,
                });
            }
            GrantStep::VoteWithdrawal(w) => {
                let refused = judge_withdrawal(&grant, w.member, at);
                counted = refused.is_none();
                grant.votes.push(CastVote {
                    member: w.member,
                    vote: None,
                    reason: w.reason.clone(),
                    at,
                    signed: false,
                    record: s.record,
                    refused,
                });
            }
            GrantStep::Decision(d) => {
                grant.status = if d.approved {
                    Status::Approved
                } else {
                    Status::Rejected
                };
                grant.decided_at = Some(at);
                grant.decision_record = Some(s.record);
                grant.explanation = Some(d.explanation.clone());
                grant.expires = d.expires.as_deref().map(parse_date).transpose()?;
                grant.decided_tally = d.tally;
            }
            GrantStep::Payment(p) => grant.payments.push(Line {
                amount: p.amount,
                date: parse_date(&p.date)?,
                txn: Some(p.txn),
                category: None,
                receipt: None,
                note: None,
            }),
            GrantStep::Spend(s) => grant.spending.push(Line {
                amount: s.amount,
                date: parse_date(&s.date)?,
                txn: None,
                category: Some(s.category.clone()),
                receipt: s.receipt.clone(),
                note: s.note.clone(),
            }),
            GrantStep::Closure(c) => {
                grant.returned = c.returned;
                grant.return_txn = c.txn;
                grant.status = Status::Closed;
                grant.closed_at = Some(at);
                grant.ended = Some((at, c.reason.clone()));
            }
            GrantStep::Withdrawal(w) => {
                grant.status = Status::Withdrawn;
                grant.ended = Some((at, w.reason.clone()));
            }
        }
        if counted {
            grant.last_at = grant.last_at.max(at);
        }
    }
    Ok(grant)
}

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The latest vote of `member` that stands on `grant` (withdrawn: None).
pub fn standing(grant: &Grant, member: MemberId) -> Option<Vote> {
    grant
        .votes
        .iter()
        .rev()
        .filter(|v| v.refused.is_none())
        .find(|v| v.member == member)
        .and_then(|v| v.vote)
}

/// Whether a step at `at` may be taken on `grant` as it stands: it is open
/// and the step is not dated before the grant's latest record.
fn open_and_in_order(grant: &Grant, at: NaiveDateTime) -> Option<Refusal> {
    if grant.status != Status::Open {
        return Refusal::new(
            Fault::NotOpen,
            format!(
                "{} was {} by then; votes are taken only while it is open",
                grant.id,
                grant.status.as_str()
            ),
        );
    }
    if at < grant.last_at {
        return Refusal::new(
            Fault::Form,
            format!(
                "is dated {}, before the grant's record at {}; events on one grant are in time order",
                at.format(STAMP),
                grant.last_at.format(STAMP)
            ),
        );
    }
    None
}

/// Why `member` may not vote on `grant` at `at`, given the stewards in term
/// that day and the members related to the applicant then: the applicant,
/// a related member, or no steward.
pub fn ineligible(
    grant: &Grant,
    member: MemberId,
    stewards: &HashSet<MemberId>,
    related: &HashSet<MemberId>,
) -> Option<Refusal> {
    if member == grant.applicant {
        return Refusal::new(Fault::Applicant, "is the applicant and must recuse");
    }
    if related.contains(&member) {
        return Refusal::new(
            Fault::Related,
            "is related to the applicant and must recuse",
        );
    }
    if !stewards.contains(&member) {
        return Refusal::new(Fault::NotSteward, "is not a steward in term on that day");
    }
    None
}

/// Whether the command line would have accepted vote record `record` (at
/// `at`, stating `v`) on `grant` as it stood before it, with the records as
/// they stood then (`electorate`): the grant open and the vote in time
/// order, inside the window, by a steward in term not recused, signed when
/// the policy requires it, a signature valid for a key of the voter in
/// force then over a ballot that states exactly this vote, a change from
/// the voter's standing vote, an objection with a reason. None: accepted.
pub fn judge_vote(
    grant: &Grant,
    record: RecordId,
    at: NaiveDateTime,
    v: &VoteRecord,
    electorate: &dyn Electorate,
) -> Option<Refusal> {
    if let Some(refusal) = open_and_in_order(grant, at) {
        return Some(refusal);
    }
    if at < grant.applied_at || at >= grant.window_closes() {
        return Refusal::new(
            Fault::Window,
            format!(
                "is dated {}, outside the window from {} until {}",
                at.format(STAMP),
                grant.applied_at.format(STAMP),
                grant.window_closes().format(STAMP)
            ),
        );
    }
    let stewards = electorate.stewards(at.date(), record);
    let related = electorate.related(grant.applicant, at, record);
    if let Some(refusal) = ineligible(grant, v.member, &stewards, &related) {
        return Some(refusal);
    }
    match (&v.ballot, &v.signature) {
        (None, None) if grant.signed_votes == SignedVotes::Required => {
            return Refusal::new(
                Fault::Unsigned,
                "is unsigned, but its policy takes only signed votes",
            );
        }
        (None, None) => {}
        (Some(ballot), Some(signature)) => {
            if let Some(refusal) = judge_ballot(grant, record, at, v, ballot, signature, electorate)
            {
                return Some(refusal);
            }
        }
        _ => {
            return Refusal::new(
                Fault::Ballot,
                "has a ballot without a signature or a signature without a ballot",
            );
        }
    }
    if standing(grant, v.member) == Some(v.vote) {
        return Refusal::new(
            Fault::Form,
            format!("repeats the standing vote ({})", v.vote),
        );
    }
    if v.vote == Vote::Object && v.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Refusal::new(Fault::Form, "is an objection without a reason");
    }
    None
}

/// A signed vote's ballot and signature: the ballot states exactly this
/// vote of this grant of this fund, and the signature is a valid SSHSIG in
/// namespace `fondo-ballot`, by a key of the voter in force at its time.
fn judge_ballot(
    grant: &Grant,
    record: RecordId,
    at: NaiveDateTime,
    v: &VoteRecord,
    text: &str,
    signature: &str,
    electorate: &dyn Electorate,
) -> Option<Refusal> {
    let place = format!("record {record}");
    let ballot = match Ballot::parse(&place, text) {
        Ok(ballot) => ballot,
        Err(e) => {
            return Refusal::new(
                Fault::Ballot,
                format!("has a ballot that does not read: {e}"),
            );
        }
    };
    let expected = Ballot {
        fund: electorate.fund_id().to_owned(),
        grant: grant.id,
        application: grant.application.clone(),
        voter: v.member,
        choice: v.vote,
        reason: v.reason.clone(),
        time: at,
    };
    if ballot != expected {
        return Refusal::new(
            Fault::Ballot,
            "has a ballot that does not state this vote (fund, grant, application, voter, choice, reason and time must all be the record's)",
        );
    }
    let signature = match Signature::parse(&place, signature) {
        Ok(signature) => signature,
        Err(e) => return Refusal::new(Fault::Signature, e.to_string()),
    };
    let key = match electorate.key(v.member, &signature.fingerprint, ballot.time, record) {
        Ok(key) => key,
        Err(why) => {
            return Refusal::new(
                Fault::Key,
                format!("is signed by a key it may not be: {why}"),
            );
        }
    };
    match signature.check(&place, BALLOT_NAMESPACE, &key, text.as_bytes()) {
        Ok(()) => None,
        Err(e) => Refusal::new(Fault::Signature, e.to_string()),
    }
}

/// Whether the command line would have accepted withdrawing `member`'s vote
/// at `at` on `grant` as it stood: open, in time order, with a vote of
/// theirs standing.
pub fn judge_withdrawal(grant: &Grant, member: MemberId, at: NaiveDateTime) -> Option<Refusal> {
    if let Some(refusal) = open_and_in_order(grant, at) {
        return Some(refusal);
    }
    if standing(grant, member).is_none() {
        return Refusal::new(
            Fault::Form,
            format!("withdraws a vote of member #{member} that does not stand"),
        );
    }
    None
}

/// The votes that count for a grant at `at`, given the stewards in term and
/// the members related to the applicant when they are counted: the earlier
/// of `at` and the window's close (`books::grants::tally` reads both).
///
/// Only votes the replay accepted count ([`judge_vote`]: each judged with
/// the records as they stood at its place in the chain, so a role or
/// relation recorded later does not undo it); a refused vote or withdrawal
/// counts as never cast. Only votes up to the moment counted (`at`, or the
/// window's close if that came first) are taken, the latest of each
/// steward. The eligible count is the stewards in term then, not recused,
/// together with those whose vote stands; a steward whose latest step is a
/// withdrawn vote counts as not having voted.
pub fn count(
    grant: &Grant,
    at: NaiveDateTime,
    stewards: &HashSet<MemberId>,
    related: &HashSet<MemberId>,
) -> Tally {
    let until = at.min(grant.window_closes());
    let mut standing: BTreeMap<MemberId, Option<Vote>> = BTreeMap::new();
    for v in grant
        .votes
        .iter()
        .filter(|v| v.at <= until && v.refused.is_none())
    {
        standing.insert(v.member, v.vote);
    }
    let latest: BTreeMap<MemberId, Vote> = standing
        .into_iter()
        .filter_map(|(member, vote)| Some((member, vote?)))
        .collect();
    let eligible: HashSet<MemberId> = stewards
        .iter()
        .copied()
        .filter(|m| *m != grant.applicant && !related.contains(m))
        .chain(latest.keys().copied())
        .collect();
    let mut tally = Tally {
        eligible: u32::try_from(eligible.len()).unwrap_or(u32::MAX),
        ..Tally::default()
    };
    for vote in latest.values() {
        match vote {
            Vote::Consent => tally.consents += 1,
            Vote::Object => tally.objections += 1,
            Vote::Abstain => tally.abstentions += 1,
        }
    }
    tally
}

/// The stewards who may not vote on a grant, and why: the applicant, and
/// members related to the applicant; in member order.
pub fn recused(
    grant: &Grant,
    stewards: &HashSet<MemberId>,
    related: &HashSet<MemberId>,
) -> Vec<(MemberId, &'static str)> {
    let mut out: Vec<(MemberId, &'static str)> = stewards
        .iter()
        .filter_map(|&m| {
            if m == grant.applicant {
                Some((m, "the applicant"))
            } else if related.contains(&m) {
                Some((m, "related to the applicant"))
            } else {
                None
            }
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Rule;
    use crate::domain::records::{
        Application, ClosureRecord, DecisionRecord, PaymentRecord, VoteRecord, VoteWithdrawalRecord,
    };

    fn at(text: &str) -> NaiveDateTime {
        crate::domain::date::parse_datetime(text).unwrap()
    }

    /// Who could vote, for these tests: a fixed set of stewards from
    /// record `from` on, relations from the records given, no keys.
    struct Board {
        stewards: HashSet<MemberId>,
        from: RecordId,
        related: Vec<(RecordId, i64, i64)>,
    }

    fn board(stewards: &[i64]) -> Board {
        Board {
            stewards: stewards.iter().copied().map(MemberId::new).collect(),
            from: RecordId::new(0),
            related: Vec::new(),
        }
    }

    impl Electorate for Board {
        fn stewards(&self, _day: NaiveDate, before: RecordId) -> HashSet<MemberId> {
            if before > self.from {
                self.stewards.clone()
            } else {
                HashSet::new()
            }
        }
        fn related(
            &self,
            member: MemberId,
            _by: NaiveDateTime,
            before: RecordId,
        ) -> HashSet<MemberId> {
            let member = member.get();
            self.related
                .iter()
                .filter(|(record, a, b)| *record < before && (*a == member || *b == member))
                .map(|(_, a, b)| MemberId::new(if *a == member { *b } else { *a }))
                .collect()
        }
        fn key(
            &self,
            _member: MemberId,
            fingerprint: &str,
            _at: NaiveDateTime,
            _before: RecordId,
        ) -> std::result::Result<String, String> {
            Err(format!("key {fingerprint} is not registered to any member"))
        }
        fn fund_id(&self) -> &str {
            "3f1c0a9e5b7d4e21a0c8f6b2d4e1a7c9"
        }
    }

    /// Steps numbered as records 1, 2, … in the order given.
    fn numbered(steps: &[(NaiveDateTime, GrantStep)]) -> Vec<Step> {
        steps
            .iter()
            .zip(1..)
            .map(|((at, step), record)| Step {
                record: RecordId::new(record),
                hash: format!("{record:064x}"),
                at: *at,
                step: step.clone(),
            })
            .collect()
    }

    fn fixture() -> (Vec<PolicyRecord>, HashMap<CommodityId, Commodity>) {
        let policy = PolicyRecord {
            pool: PoolId::new(2),
            version: 1,
            tiers: vec![Tier {
                up_to: None,
                commodity: None,
                rule: Rule::Consent { min_consents: 2 },
                window_minutes: 60 * 24,
            }],
            reason: None,
            signed_votes: SignedVotes::Optional,
        };
        let usd = Commodity::stored("USD".into(), 2);
        (vec![policy], HashMap::from([(CommodityId::new(5), usd)]))
    }

    fn application() -> GrantStep {
        GrantStep::Application(Application {
            applicant: MemberId::new(9),
            pool: PoolId::new(2),
            commodity: CommodityId::new(5),
            amount: 50_000,
            purpose: "rent".into(),
            category: None,
            needed_by: Some("2025-03-01".into()),
            policy_version: 1,
        })
    }

    fn vote(member: i64, vote: Vote) -> GrantStep {
        GrantStep::Vote(VoteRecord {
            member: MemberId::new(member),
            vote,
            reason: (vote == Vote::Object).then(|| "not yet".to_owned()),
            ballot: None,
            signature: None,
        })
    }

    #[test]
    fn a_grant_is_the_fold_of_its_steps() {
        let (policies, commodities) = fixture();
        let steps = vec![
            (at("2025-02-01T10:00"), application()),
            (at("2025-02-01T11:00"), vote(1, Vote::Object)),
            (at("2025-02-01T12:00"), vote(1, Vote::Consent)),
            (at("2025-02-01T12:30"), vote(2, Vote::Consent)),
            (
                at("2025-02-02T10:00"),
                GrantStep::Decision(DecisionRecord {
                    approved: true,
                    explanation: "two consents".into(),
                    policy_version: 1,
                    expires: None,
                    tally: None,
                }),
            ),
            (
                at("2025-02-03T09:00"),
                GrantStep::Payment(PaymentRecord {
                    txn: TxnId::new(12),
                    amount: 20_000,
                    date: "2025-02-03".into(),
                }),
            ),
        ];
        let g = replay(
            GrantId::new(4),
            &numbered(&steps),
            &policies,
            &commodities,
            &board(&[1, 2, 3]),
        )
        .unwrap();
        assert_eq!(g.status, Status::Approved);
        assert!(g.votes.iter().all(|v| v.refused.is_none()));
        assert_eq!(g.needed_by, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(g.last_at, at("2025-02-03T09:00"));
        assert_eq!(g.paid(), 20_000);
        assert_eq!(g.outstanding(), 30_000);
        let eve = NaiveDate::from_ymd_opt(2025, 2, 2);
        assert_eq!(g.outstanding_on(eve), 50_000);
        assert_eq!(g.outstanding_on(NaiveDate::from_ymd_opt(2025, 2, 1)), 0);
        let stewards = HashSet::from([
            MemberId::new(1),
            MemberId::new(2),
            MemberId::new(3),
            MemberId::new(9),
        ]);
        let tally = count(
            &g,
            at("2025-02-02T10:00"),
            &stewards,
            &HashSet::from([MemberId::new(3)]),
        );
        assert_eq!(
            tally,
            Tally {
                consents: 2,
                objections: 0,
                abstentions: 0,
                eligible: 2
            }
        );
        assert_eq!(
            recused(&g, &stewards, &HashSet::from([MemberId::new(3)])),
            [
                (MemberId::new(3), "related to the applicant"),
                (MemberId::new(9), "the applicant")
            ]
        );
        let mut closed = steps;
        closed.push((
            at("2025-02-04T09:00"),
            GrantStep::Closure(ClosureRecord {
                returned: 0,
                txn: None,
                reason: None,
            }),
        ));
        let g = replay(
            GrantId::new(4),
            &numbered(&closed),
            &policies,
            &commodities,
            &board(&[1, 2]),
        )
        .unwrap();
        assert_eq!((g.status, g.outstanding()), (Status::Closed, 0));
    }

    fn withdraw(member: i64) -> GrantStep {
        GrantStep::VoteWithdrawal(VoteWithdrawalRecord {
            member: MemberId::new(member),
            reason: None,
        })
    }

    #[test]
    fn a_withdrawn_vote_counts_as_not_having_voted() {
        let (policies, commodities) = fixture();
        let steps = vec![
            (at("2025-02-01T10:00"), application()),
            (at("2025-02-01T11:00"), vote(1, Vote::Consent)),
            (at("2025-02-01T11:30"), vote(4, Vote::Object)),
            (at("2025-02-01T12:00"), withdraw(4)),
        ];
        let b = board(&[1, 2, 4]);
        let g = replay(
            GrantId::new(4),
            &numbered(&steps),
            &policies,
            &commodities,
            &b,
        )
        .unwrap();
        assert_eq!(g.votes.len(), 3, "the history keeps both");
        assert_eq!(g.votes[2].vote, None);
        let stewards = HashSet::from([MemberId::new(1), MemberId::new(2)]);
        let counted = |t| count(&g, at(t), &stewards, &HashSet::new());
        assert_eq!(
            counted("2025-02-01T13:00"),
            Tally {
                consents: 1,
                objections: 0,
                abstentions: 0,
                eligible: 2
            },
            "member 4, no longer a steward, is not eligible once withdrawn"
        );
        assert_eq!(counted("2025-02-01T11:45").objections, 1);
        let mut twice = steps.clone();
        twice.push((at("2025-02-01T12:10"), withdraw(4)));
        let g = replay(
            GrantId::new(4),
            &numbered(&twice),
            &policies,
            &commodities,
            &b,
        )
        .unwrap();
        assert_eq!(
            g.votes[3].refused.as_ref().map(|r| r.fault),
            Some(Fault::Form)
        );
        let never = [steps[0].clone(), (at("2025-02-01T12:00"), withdraw(2))];
        let g = replay(
            GrantId::new(4),
            &numbered(&never),
            &policies,
            &commodities,
            &b,
        )
        .unwrap();
        assert_eq!(
            g.votes[0].refused.as_ref().map(|r| r.fault),
            Some(Fault::Form)
        );
    }

    #[test]
    fn under_required_signatures_an_unsigned_vote_does_not_count() {
        let (mut policies, commodities) = fixture();
        policies[0].signed_votes = SignedVotes::Required;
        let steps = numbered(&[
            (at("2025-02-01T10:00"), application()),
            (at("2025-02-01T11:00"), vote(1, Vote::Consent)),
        ]);
        let b = board(&[1, 2]);
        let g = replay(GrantId::new(4), &steps, &policies, &commodities, &b).unwrap();
        assert_eq!(g.signed_votes, SignedVotes::Required);
        assert_eq!(
            g.votes[0].refused.as_ref().map(|r| r.fault),
            Some(Fault::Unsigned)
        );
        let tally = count(&g, at("2025-02-01T12:00"), &b.stewards, &HashSet::new());
        assert_eq!((tally.consents, tally.eligible), (0, 2));
        policies[0].signed_votes = SignedVotes::Optional;
        let g = replay(GrantId::new(4), &steps, &policies, &commodities, &b).unwrap();
        let tally = count(&g, at("2025-02-01T12:00"), &b.stewards, &HashSet::new());
        assert_eq!(tally.consents, 1);
    }

    fn fault_of(steps: &[(NaiveDateTime, GrantStep)], b: &Board) -> Vec<Option<Fault>> {
        let (policies, commodities) = fixture();
        let g = replay(
            GrantId::new(4),
            &numbered(steps),
            &policies,
            &commodities,
            b,
        )
        .unwrap();
        g.votes
            .iter()
            .map(|v| v.refused.as_ref().map(|r| r.fault))
            .collect()
    }

    #[test]
    fn each_vote_is_judged_as_the_command_line_would_have() {
        let app = (at("2025-02-01T10:00"), application());
        let b = board(&[1, 2, 3]);
        let one = |step| fault_of(&[app.clone(), step], &b)[0];
        assert_eq!(one((at("2025-02-01T11:00"), vote(1, Vote::Consent))), None);
        assert_eq!(
            one((at("2025-02-01T11:00"), vote(9, Vote::Consent))),
            Some(Fault::Applicant)
        );
        assert_eq!(
            one((at("2025-02-01T11:00"), vote(7, Vote::Consent))),
            Some(Fault::NotSteward)
        );
        assert_eq!(
            one((at("2025-02-02T10:00"), vote(1, Vote::Consent))),
            Some(Fault::Window),
            "the window of one day closed"
        );
        assert_eq!(
            one((at("2025-02-01T09:00"), vote(1, Vote::Consent))),
            Some(Fault::Form),
            "before the application: out of time order"
        );
        let bare = GrantStep::Vote(VoteRecord {
            member: MemberId::new(1),
            vote: Vote::Object,
            reason: None,
            ballot: None,
            signature: None,
        });
        assert_eq!(
            one((at("2025-02-01T11:00"), bare)),
            Some(Fault::Form),
            "an objection needs a reason"
        );
        let related = Board {
            related: vec![(RecordId::new(1), 2, 9)],
            ..board(&[1, 2, 3])
        };
        let v = (at("2025-02-01T11:00"), vote(2, Vote::Consent));
        assert_eq!(
            fault_of(&[app.clone(), v.clone()], &related),
            [Some(Fault::Related)]
        );
        let later = Board {
            related: vec![(RecordId::new(5), 2, 9)],
            ..board(&[1, 2, 3])
        };
        assert_eq!(
            fault_of(&[app.clone(), v.clone()], &later),
            [None],
            "a relation recorded after the vote does not undo it"
        );
        let new_steward = Board {
            from: RecordId::new(2),
            ..board(&[1, 2, 3])
        };
        assert_eq!(
            fault_of(&[app.clone(), v], &new_steward),
            [Some(Fault::NotSteward)],
            "a role recorded only after the vote does not make it valid"
        );
        let decision = GrantStep::Decision(DecisionRecord {
            approved: false,
            explanation: "no".into(),
            policy_version: 1,
            expires: None,
            tally: None,
        });
        let after = fault_of(
            &[
                app.clone(),
                (at("2025-02-01T10:30"), decision),
                (at("2025-02-01T11:00"), vote(1, Vote::Consent)),
            ],
            &b,
        );
        assert_eq!(after, [Some(Fault::NotOpen)]);
        let again = fault_of(
            &[
                app,
                (at("2025-02-01T11:00"), vote(1, Vote::Consent)),
                (at("2025-02-01T11:10"), vote(1, Vote::Consent)),
            ],
            &b,
        );
        assert_eq!(again, [None, Some(Fault::Form)]);
    }

    #[test]
    fn a_signed_vote_needs_a_ballot_stating_it_and_a_key_of_the_voter() {
        let app = (at("2025-02-01T10:00"), application());
        let b = board(&[1, 2]);
        let signed = |ballot: String| {
            GrantStep::Vote(VoteRecord {
                member: MemberId::new(1),
                vote: Vote::Consent,
                reason: None,
                ballot: Some(ballot),
                signature: Some("not a signature".into()),
            })
        };
        let right = Ballot {
            fund: b.fund_id().to_owned(),
            grant: GrantId::new(4),
            application: format!("{:064x}", 1),
            voter: MemberId::new(1),
            choice: Vote::Consent,
            reason: None,
            time: at("2025-02-01T11:00"),
        };
        let wrong_grant = Ballot {
            grant: GrantId::new(5),
            ..right.clone()
        };
        let when = at("2025-02-01T11:00");
        assert_eq!(
            fault_of(&[app.clone(), (when, signed(wrong_grant.text()))], &b),
            [Some(Fault::Ballot)]
        );
        assert_eq!(
            fault_of(
                &[app.clone(), (when, signed("fondo-ballot-v1\n".into()))],
                &b
            ),
            [Some(Fault::Ballot)]
        );
        assert_eq!(
            fault_of(&[app, (when, signed(right.text()))], &b),
            [Some(Fault::Signature)],
            "the ballot states the vote, but its signature is none"
        );
    }

    #[test]
    fn a_replay_refuses_what_does_not_fit() {
        let (policies, commodities) = fixture();
        let b = board(&[1]);
        let only_vote = numbered(&[(at("2025-02-01"), vote(1, Vote::Consent))]);
        assert!(matches!(
            replay(GrantId::new(4), &only_vote, &policies, &commodities, &b),
            Err(Error::UnknownGrant { id }) if id == "G-0004"
        ));
        let twice = numbered(&[
            (at("2025-02-01"), application()),
            (at("2025-02-02"), application()),
        ]);
        assert!(matches!(
            replay(GrantId::new(4), &twice, &policies, &commodities, &b),
            Err(Error::Damaged { .. })
        ));
        assert!(matches!(
            replay(GrantId::new(4), &twice[..1], &[], &commodities, &b),
            Err(Error::Damaged { .. })
        ));
        assert!(matches!(
            replay(GrantId::new(4), &twice[..1], &policies, &HashMap::new(), &b),
            Err(Error::Damaged { .. })
        ));
    }
}
