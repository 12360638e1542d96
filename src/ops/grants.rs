//! Community-controlled micro-grants: policies, applications, votes,
//! decisions, tranches, spending reports and closure.
//!
//! Every step is a governance record (see `store::records`): an append-only,
//! hash-chained JSON payload with the time it happened (`--at`). A grant's
//! state is never stored; it is replayed from its records by [`load`], so the
//! records are the single source of truth and `verify` can re-check every
//! decision. Money moves only in the ledger: an approval commits money in the
//! pool (its available amount drops, its holdings do not), a tranche is an
//! ordinary transaction charged to the pool, and a return puts money back.
//!
//! Rules kept here:
//! - events on one grant are in time order;
//! - only stewards in term on the vote's day vote, and never the applicant or
//!   members related to the applicant (recusal);
//! - a decision cites the policy version in force when the grant was applied
//!   for, and the tier its amount falls in;
//! - an approval never commits more than the pool has available then;
//! - tranches never add up to more than was approved; spending reported
//!   never exceeds what was paid.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::domain::account::name_key;
use crate::domain::date::{parse_date, parse_datetime};
use crate::domain::member::Role;
use crate::domain::money::{Commodity, format_minor, parse_decimal, to_minor};
use crate::domain::policy::{Outcome, Rule, Tally, Tier, Vote, evaluate};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Result, SqlContext};
use crate::ops::members::member;
use crate::ops::{Book, NewCommodity, now, post_one, post_tranche};
use crate::report::pools::holdings;
use crate::store::records::{self, StoredRecord};
use crate::store::{Db, members};

fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// How a grant id is shown: `G-0007`.
pub fn grant_label(id: i64) -> String {
    format!("G-{id:04}")
}

/// Parses `G-0007`, `g-7` or `7`.
pub fn parse_grant_id(text: &str) -> Result<i64> {
    let digits = text
        .trim()
        .strip_prefix(['G', 'g'])
        .map_or(text.trim(), |rest| rest.trim_start_matches('-'));
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Error::UnknownGrant {
            id: text.to_owned(),
        })
}

// The payloads of the records, as stored (and hashed) in canonical JSON.

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyRecord {
    pub pool: i64,
    pub version: u32,
    pub tiers: Vec<Tier>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RelationRecord {
    a: i64,
    b: i64,
    reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Application {
    applicant: i64,
    pool: i64,
    commodity: i64,
    amount: i64,
    purpose: String,
    category: Option<String>,
    needed_by: Option<String>,
    policy_version: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct VoteRecord {
    member: i64,
    vote: Vote,
    reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DecisionRecord {
    approved: bool,
    explanation: String,
    policy_version: u32,
    /// The day after which an approval's unpaid commitment lapses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    /// The votes counted and the stewards eligible when it was decided, so
    /// that later changes to role history cannot change what was counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tally: Option<[u32; 4]>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct PaymentRecord {
    txn: i64,
    amount: i64,
    date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SpendRecord {
    amount: i64,
    category: String,
    receipt: Option<String>,
    date: String,
    note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ClosureRecord {
    returned: i64,
    txn: Option<i64>,
    reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct WithdrawalRecord {
    reason: Option<String>,
}

fn payload<T: for<'de> Deserialize<'de>>(record: &StoredRecord) -> Result<T> {
    serde_json::from_value(record.payload.clone()).map_err(|e| Error::Damaged {
        what: "the governance log".into(),
        detail: format!("record {} ({}) cannot be read: {e}", record.id, record.kind),
    })
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("record payloads are plain data")
}

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

/// One vote as cast (every change is kept).
#[derive(Debug, Clone)]
pub struct CastVote {
    pub member: i64,
    pub vote: Vote,
    pub reason: Option<String>,
    pub at: NaiveDateTime,
}

/// A tranche paid or a spending line reported.
#[derive(Debug, Clone)]
pub struct Line {
    pub amount: i64,
    pub date: String,
    pub txn: Option<i64>,
    pub category: Option<String>,
    pub receipt: Option<String>,
    pub note: Option<String>,
}

/// A grant, replayed from its records.
#[derive(Debug, Clone)]
pub struct Grant {
    pub id: i64,
    pub applicant: i64,
    pub pool: i64,
    pub commodity: Commodity,
    pub commodity_id: i64,
    pub amount: i64,
    pub purpose: String,
    pub category: Option<String>,
    pub needed_by: Option<String>,
    pub applied_at: NaiveDateTime,
    pub policy_version: u32,
    pub tier: Tier,
    pub votes: Vec<CastVote>,
    pub status: Status,
    pub decided_at: Option<NaiveDateTime>,
    pub explanation: Option<String>,
    /// The tally the decision recorded (consents, objections, abstentions,
    /// eligible).
    pub decided_tally: Option<[u32; 4]>,
    pub payments: Vec<Line>,
    pub spending: Vec<Line>,
    pub returned: i64,
    /// The ledger transaction of the money returned at closure, if any.
    pub return_txn: Option<i64>,
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
        let by = |at: NaiveDateTime| day.is_none_or(|d| at.date() <= d);
        let approved = self.status != Status::Rejected && self.decided_at.is_some_and(by);
        if !approved || self.closed_at.is_some_and(by) {
            return 0;
        }
        let paid: i64 = self
            .payments
            .iter()
            .filter(|p| day.is_none_or(|d| p.date.as_str() <= d.to_string().as_str()))
            .map(|p| p.amount)
            .sum();
        self.amount - paid
    }

    pub fn window_closes(&self) -> NaiveDateTime {
        self.applied_at + self.tier.window()
    }
}

/// The policies of one pool, oldest first.
pub fn policies(conn: &Connection, pool: i64) -> Result<Vec<(NaiveDateTime, PolicyRecord)>> {
    records::of_kind(conn, "policy")?
        .iter()
        .map(|r| Ok((parse_datetime(&r.at)?, payload::<PolicyRecord>(r)?)))
        .filter(|p| p.as_ref().map_or(true, |(_, p)| p.pool == pool))
        .collect()
}

/// The tier of a policy that a request of `amount` falls in.
fn tier_for(policy: &PolicyRecord, code: &str, amount: i64) -> Option<Tier> {
    crate::domain::policy::tier_for(&policy.tiers, code, amount).cloned()
}

fn commodity_of(conn: &Connection, id: i64) -> Result<Commodity> {
    crate::store::commodities::by_id(conn)?
        .remove(&id)
        .ok_or_else(|| Error::Damaged {
            what: "the governance log".into(),
            detail: format!("a grant names commodity #{id}, which does not exist"),
        })
}

/// Replays one grant from its records.
pub fn load(conn: &Connection, id: i64) -> Result<Grant> {
    let records = records::of_grant(conn, id)?;
    let first = records
        .iter()
        .find(|r| r.kind == "application")
        .ok_or_else(|| Error::UnknownGrant {
            id: grant_label(id),
        })?;
    let app: Application = payload(first)?;
    let applied_at = parse_datetime(&first.at)?;
    let policy = policies(conn, app.pool)?
        .into_iter()
        .map(|(_, p)| p)
        .find(|p| p.version == app.policy_version)
        .ok_or_else(|| Error::Damaged {
            what: "the governance log".into(),
            detail: format!(
                "{} cites a policy version that does not exist",
                grant_label(id)
            ),
        })?;
    let commodity = commodity_of(conn, app.commodity)?;
    let tier = tier_for(&policy, &commodity.code, app.amount).ok_or_else(|| Error::Damaged {
        what: "the governance log".into(),
        detail: format!("{} falls in no tier of its policy", grant_label(id)),
    })?;
    let mut grant = Grant {
        id,
        applicant: app.applicant,
        pool: app.pool,
        commodity,
        commodity_id: app.commodity,
        amount: app.amount,
        purpose: app.purpose,
        category: app.category,
        needed_by: app.needed_by,
        applied_at,
        policy_version: app.policy_version,
        tier,
        votes: Vec::new(),
        status: Status::Open,
        decided_at: None,
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
    for record in &records {
        let at = parse_datetime(&record.at)?;
        grant.last_at = grant.last_at.max(at);
        match record.kind.as_str() {
            "vote" => {
                let v: VoteRecord = payload(record)?;
                grant.votes.push(CastVote {
                    member: v.member,
                    vote: v.vote,
                    reason: v.reason,
                    at,
                });
            }
            "decision" => {
                let d: DecisionRecord = payload(record)?;
                grant.status = if d.approved {
                    Status::Approved
                } else {
                    Status::Rejected
                };
                grant.decided_at = Some(at);
                grant.explanation = Some(d.explanation);
                grant.expires = d.expires.as_deref().map(parse_date).transpose()?;
                grant.decided_tally = d.tally;
            }
            "payment" => {
                let p: PaymentRecord = payload(record)?;
                grant.payments.push(Line {
                    amount: p.amount,
                    date: p.date,
                    txn: Some(p.txn),
                    category: None,
                    receipt: None,
                    note: None,
                });
            }
            "spend" => {
                let s: SpendRecord = payload(record)?;
                grant.spending.push(Line {
                    amount: s.amount,
                    date: s.date,
                    txn: None,
                    category: Some(s.category),
                    receipt: s.receipt,
                    note: s.note,
                });
            }
            "closure" => {
                let c: ClosureRecord = payload(record)?;
                grant.returned = c.returned;
                grant.return_txn = c.txn;
                grant.status = Status::Closed;
                grant.closed_at = Some(at);
                grant.ended = Some((at, c.reason));
            }
            "withdrawal" => {
                let w: WithdrawalRecord = payload(record)?;
                grant.status = Status::Withdrawn;
                grant.ended = Some((at, w.reason));
            }
            _ => {}
        }
    }
    Ok(grant)
}

/// The ids of every grant, in order.
pub fn ids(conn: &Connection) -> Result<Vec<i64>> {
    Ok(records::of_kind(conn, "application")?
        .into_iter()
        .filter_map(|r| r.grant_id)
        .collect())
}

/// Members declared related to `member` (either way round) by `by`.
fn related(conn: &Connection, member: i64, by: NaiveDateTime) -> Result<HashSet<i64>> {
    let mut set = HashSet::new();
    for r in records::of_kind(conn, "relation")? {
        if parse_datetime(&r.at)? > by {
            continue;
        }
        let rel: RelationRecord = payload(&r)?;
        if rel.a == member {
            set.insert(rel.b);
        }
        if rel.b == member {
            set.insert(rel.a);
        }
    }
    Ok(set)
}

/// Stewards in term on `day`.
fn stewards(conn: &Connection, day: NaiveDate) -> Result<HashSet<i64>> {
    Ok(members::terms(conn)?
        .into_iter()
        .filter(|t| {
            t.role == Role::Steward && t.starts_on <= day && t.ends_on.is_none_or(|e| day <= e)
        })
        .map(|t| t.member_id)
        .collect())
}

/// Why a member may not vote on a grant at a moment, if they may not.
fn ineligible(
    conn: &Connection,
    grant: &Grant,
    member: i64,
    at: NaiveDateTime,
) -> Result<Option<&'static str>> {
    let day = at.date();
    if member == grant.applicant {
        return Ok(Some("is the applicant and must recuse"));
    }
    if related(conn, grant.applicant, at)?.contains(&member) {
        return Ok(Some("is related to the applicant and must recuse"));
    }
    if !stewards(conn, day)?.contains(&member) {
        return Ok(Some("is not a steward in term on that day"));
    }
    Ok(None)
}

/// The votes that count for a grant at `at`.
///
/// Votes count as cast: each was accepted only from a steward in term and
/// not recused on its day, so later changes to role history do not undo it.
/// Only votes up to the moment counted (`at`, or the window's close if that
/// came first) are taken, the latest of each steward. The eligible count is
/// the stewards in term then, not recused, together with those who voted.
pub fn tally(conn: &Connection, grant: &Grant, at: NaiveDateTime) -> Result<Tally> {
    let until = at.min(grant.window_closes());
    let related = related(conn, grant.applicant, until)?;
    let mut latest: BTreeMap<i64, Vote> = BTreeMap::new();
    for v in grant.votes.iter().filter(|v| v.at <= until) {
        latest.insert(v.member, v.vote);
    }
    let eligible: HashSet<i64> = stewards(conn, until.date())?
        .into_iter()
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
    Ok(tally)
}

/// The stewards in term at `at` who may not vote on a grant, and why: the
/// applicant, and members declared related to the applicant by then.
pub fn recused(
    conn: &Connection,
    grant: &Grant,
    at: NaiveDateTime,
) -> Result<Vec<(i64, &'static str)>> {
    let related = related(conn, grant.applicant, at)?;
    let mut out: Vec<(i64, &'static str)> = stewards(conn, at.date())?
        .into_iter()
        .filter_map(|m| {
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
    Ok(out)
}

/// Refuses a step unless the grant is in `status`; `rule` says which steps
/// that status allows.
fn expect_status(grant: &Grant, status: Status, rule: &str) -> Result<()> {
    if grant.status == status {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} is {}; {rule}",
        grant_label(grant.id),
        grant.status.as_str()
    )))
}

fn in_order(grant: &Grant, at: NaiveDateTime) -> Result<()> {
    if at < grant.last_at {
        return Err(Error::Refused(format!(
            "{} has a record at {}; events on one grant must be in time order (this one is at {})",
            grant_label(grant.id),
            stamp(grant.last_at),
            stamp(at)
        )));
    }
    Ok(())
}

/// What a pool has available in a commodity at the end of `day` (with
/// everything recorded, when None): held, less what approved grants
/// committed and have not paid yet.
pub fn available(
    conn: &Connection,
    pool: i64,
    commodity: &Commodity,
    day: Option<NaiveDate>,
) -> Result<i128> {
    let name = crate::store::pools::names_by_id(conn)?
        .remove(&pool)
        .unwrap_or_default();
    Ok(holdings(conn, day)?
        .into_iter()
        .find(|h| h.pool == name && h.commodity == commodity.code)
        .map_or(0, |h| h.available.minor))
}

/// The time of a step: the one given (`--at`), or now, read once the write
/// lock is held: a step that waited for another treasurer's command is then
/// never dated before it (events on one grant must be in time order).
fn when(at: Option<NaiveDateTime>) -> NaiveDateTime {
    at.unwrap_or_else(|| chrono::Local::now().naive_local())
}

/// A tier to add to (or replace in) a pool's policy.
#[derive(Debug, Clone)]
pub struct PolicyRequest {
    pub pool: String,
    pub rule: Rule,
    pub window_minutes: i64,
    /// The tier's ceiling: amount and commodity.
    pub max_amount: Option<(String, String)>,
    pub reason: Option<String>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Sets a tier of a pool's policy, making a new version. Returns the version
/// and warnings (a quorum or consent count larger than the stewards in term).
pub fn set_policy(db: &mut Db, request: &PolicyRequest) -> Result<(u32, Vec<String>)> {
    let tx = db.write()?;
    let at = when(request.at);
    let mut book = Book::load(&tx)?;
    let (_, pool_id) = book.pool(&request.pool)?;
    let pool_id = pool_id.unwrap_or(crate::store::pools::GENERAL);
    let (up_to, commodity) = match &request.max_amount {
        Some((amount, code)) => {
            let stored = book
                .commodity(&tx, code, NewCommodity::Known)?
                .0
                .commodity
                .clone();
            let minor = to_minor(parse_decimal(amount)?, &stored, amount)?;
            if minor <= 0 {
                return Err(Error::Amount {
                    input: amount.clone(),
                    reason: "a ceiling is a positive amount".into(),
                });
            }
            (Some(minor), Some(stored.code))
        }
        None => (None, None),
    };
    if matches!(request.rule, Rule::Lazy { .. }) && up_to.is_none() {
        return Err(Error::Refused(
            "lazy consensus is for small amounts: give its ceiling with --max-amount AMOUNT COMMODITY".into(),
        ));
    }
    let history = policies(&tx, pool_id)?;
    if let Some((last, _)) = history.last()
        && at < *last
    {
        return Err(Error::Refused(format!(
            "the pool's policy last changed at {}; a new version cannot be dated before it",
            stamp(*last)
        )));
    }
    if let Some(applied) = ids(&tx)?
        .into_iter()
        .map(|id| load(&tx, id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|g| g.pool == pool_id)
        .map(|g| g.applied_at)
        .max()
        && at < applied
    {
        return Err(Error::Refused(format!(
            "the pool has an application at {}; a new policy version cannot be dated before it",
            stamp(applied)
        )));
    }
    let mut tiers: Vec<Tier> = history
        .last()
        .map(|(_, p)| p.tiers.clone())
        .unwrap_or_default();
    tiers.retain(|t| !(t.up_to == up_to && t.commodity == commodity));
    tiers.push(Tier {
        up_to,
        commodity,
        rule: request.rule.clone(),
        window_minutes: request.window_minutes,
    });
    tiers.sort_by_key(|t| (t.up_to.is_none(), t.commodity.clone(), t.up_to));
    let version = u32::try_from(history.len()).unwrap_or(u32::MAX) + 1;
    let record = PolicyRecord {
        pool: pool_id,
        version,
        tiers,
        reason: request.reason.clone(),
    };
    let in_term = stewards(&tx, at.date())?.len();
    let needed = match &request.rule {
        Rule::Consent { min_consents } | Rule::Lazy { min_consents } => *min_consents,
        Rule::Majority { quorum, .. } => *quorum,
    };
    let mut warnings = Vec::new();
    if needed as usize > in_term {
        warnings.push(format!(
            "this rule needs {needed} steward{} but only {in_term} {} in term on {}; no grant can pass it until more are",
            if needed == 1 { "" } else { "s" },
            if in_term == 1 { "is" } else { "are" },
            at.date()
        ));
    }
    records::append(&tx, "policy", None, &stamp(at), &to_json(&record), &now())?;
    tx.commit().ctx("committing the policy")?;
    Ok((version, warnings))
}

/// Declares two members related (so each recuses from the other's grants).
pub fn relate(
    db: &mut Db,
    a: &str,
    b: &str,
    reason: &str,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Refused(
            "a relation needs a reason (--reason)".into(),
        ));
    }
    let tx = db.write()?;
    let at = when(at);
    let (a, b) = (member(&tx, a)?, member(&tx, b)?);
    if a.id == b.id {
        return Err(Error::Refused(
            "a member cannot be related to themselves".into(),
        ));
    }
    if related(&tx, a.id, at)?.contains(&b.id) {
        return Err(Error::Refused(format!(
            "{} and {} are already related",
            a.name, b.name
        )));
    }
    let record = RelationRecord {
        a: a.id,
        b: b.id,
        reason: reason.trim().to_owned(),
    };
    records::append(&tx, "relation", None, &stamp(at), &to_json(&record), &now())?;
    tx.commit().ctx("committing the relation")
}

/// A grant application.
#[derive(Debug, Clone)]
pub struct ApplyRequest {
    pub applicant: String,
    pub pool: String,
    pub amount: String,
    pub commodity: String,
    pub purpose: String,
    pub category: Option<String>,
    pub needed_by: Option<NaiveDate>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Applies for a grant; returns its id.
pub fn apply(db: &mut Db, request: &ApplyRequest) -> Result<i64> {
    if request.purpose.trim().is_empty() {
        return Err(Error::Refused(
            "an application needs a purpose (--purpose)".into(),
        ));
    }
    let tx = db.write()?;
    let at = when(request.at);
    let mut book = Book::load(&tx)?;
    let applicant = member(&tx, &request.applicant)?;
    let (_, pool_id) = book.pool(&request.pool)?;
    let pool_id = pool_id.unwrap_or(crate::store::pools::GENERAL);
    let (stored, _) = book.commodity(&tx, &request.commodity, NewCommodity::Known)?;
    let (commodity, commodity_id) = (stored.commodity.clone(), stored.id);
    let amount = to_minor(parse_decimal(&request.amount)?, &commodity, &request.amount)?;
    if amount <= 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "a grant is for a positive amount".into(),
        });
    }
    let policy = policies(&tx, pool_id)?
        .into_iter()
        .rev()
        .find(|(since, _)| *since <= at)
        .map(|(_, p)| p)
        .ok_or_else(|| {
            Error::Refused(format!(
                "pool {:?} has no decision policy yet; set one with `fondo policy set`",
                request.pool
            ))
        })?;
    if tier_for(&policy, &commodity.code, amount).is_none() {
        return Err(Error::Refused(format!(
            "the pool's policy has no rule for {} {}: add a tier without --max-amount",
            format_minor(amount.into(), commodity.decimals),
            commodity.code
        )));
    }
    let id = records::next_grant_id(&tx)?;
    let record = Application {
        applicant: applicant.id,
        pool: pool_id,
        commodity: commodity_id,
        amount,
        purpose: request.purpose.trim().to_owned(),
        category: request.category.clone().filter(|c| !c.trim().is_empty()),
        needed_by: request.needed_by.map(|d| d.to_string()),
        policy_version: policy.version,
    };
    records::append(
        &tx,
        "application",
        Some(id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the application")?;
    Ok(id)
}

/// Records a steward's vote (a later vote replaces an earlier one; both are
/// kept).
pub fn vote(
    db: &mut Db,
    id: i64,
    as_member: &str,
    vote: Vote,
    reason: Option<&str>,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    let tx = db.write()?;
    let at = when(at);
    let grant = load(&tx, id)?;
    let voter = member(&tx, as_member)?;
    expect_status(
        &grant,
        Status::Open,
        "votes are taken only while it is open",
    )?;
    in_order(&grant, at)?;
    if at >= grant.window_closes() {
        return Err(Error::Refused(format!(
            "the window of {} closed at {}; votes are no longer taken (decide it with `fondo grant decide`)",
            grant_label(id),
            stamp(grant.window_closes())
        )));
    }
    if let Some(why) = ineligible(&tx, &grant, voter.id, at)? {
        return Err(Error::Refused(format!(
            "{} {why}; the vote is refused",
            voter.name
        )));
    }
    if grant
        .votes
        .iter()
        .rev()
        .find(|v| v.member == voter.id)
        .is_some_and(|v| v.vote == vote)
    {
        return Err(Error::Refused(format!(
            "{} already voted {vote} on {}; nothing changes",
            voter.name,
            grant_label(id)
        )));
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if vote == Vote::Object && reason.is_none() {
        return Err(Error::Refused(
            "an objection needs a reason (--reason), so the community can answer it".into(),
        ));
    }
    let record = VoteRecord {
        member: voter.id,
        vote,
        reason: reason.map(str::to_owned),
    };
    records::append(&tx, "vote", Some(id), &stamp(at), &to_json(&record), &now())?;
    tx.commit().ctx("committing the vote")
}

/// What `grant decide` concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decided {
    Approved(String),
    Rejected(String),
    StillOpen(String),
    /// An approval's commitment lapsed: what was released back to the pool.
    Expired(String),
}

/// Closes an approved grant whose commitment expired: the unpaid rest goes
/// back to the pool's available money. Returns the amount released.
fn expire(conn: &Connection, grant: &Grant, at: NaiveDateTime) -> Result<String> {
    let released = format!(
        "{} {}",
        format_minor(grant.outstanding().into(), grant.commodity.decimals),
        grant.commodity.code
    );
    let record = ClosureRecord {
        returned: 0,
        txn: None,
        reason: Some(format!(
            "the commitment expired after {}",
            grant.expires.map(|d| d.to_string()).unwrap_or_default()
        )),
    };
    records::append(
        conn,
        "closure",
        Some(grant.id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    Ok(released)
}

/// Releases every approved commitment that expired before `at`; returns
/// the grants closed, with what each released.
pub fn sweep(db: &mut Db, at: Option<NaiveDateTime>) -> Result<Vec<(i64, String)>> {
    let tx = db.write()?;
    let at = when(at);
    let mut swept = Vec::new();
    for id in ids(&tx)? {
        let grant = load(&tx, id)?;
        if grant.status == Status::Approved
            && grant.expires.is_some_and(|e| at.date() > e)
            && at >= grant.last_at
        {
            swept.push((id, expire(&tx, &grant, at)?));
        }
    }
    tx.commit().ctx("committing the sweep")?;
    Ok(swept)
}

/// Evaluates a grant's policy at `at`: records an approval or a rejection,
/// or reports what is still missing (nothing written).
pub fn decide(
    db: &mut Db,
    id: i64,
    at: Option<NaiveDateTime>,
    expires: Option<NaiveDate>,
) -> Result<Decided> {
    let tx = db.write()?;
    let at = when(at);
    let grant = load(&tx, id)?;
    if grant.status == Status::Approved && grant.expires.is_some_and(|e| at.date() > e) {
        in_order(&grant, at)?;
        let released = expire(&tx, &grant, at)?;
        tx.commit().ctx("committing the expiry")?;
        return Ok(Decided::Expired(released));
    }
    if grant.status != Status::Open {
        return Err(Error::Refused(format!(
            "{} is already {}",
            grant_label(id),
            grant.status.as_str()
        )));
    }
    if let Some(day) = expires
        && day < at.date()
    {
        return Err(Error::Refused(format!(
            "a commitment cannot expire ({day}) before it is decided ({})",
            at.date()
        )));
    }
    in_order(&grant, at)?;
    let tally = tally(&tx, &grant, at)?;
    let outcome = evaluate(&grant.tier.rule, &tally, grant.window_closes(), at);
    let (approved, explanation) = match outcome {
        Outcome::Open(missing) => return Ok(Decided::StillOpen(missing)),
        Outcome::Approved(why) => (true, why),
        Outcome::Rejected(why) => (false, why),
    };
    if approved {
        // On the decision's day, and as things stand after it (approvals
        // entered later may be dated earlier).
        let free = available(&tx, grant.pool, &grant.commodity, Some(at.date()))?.min(available(
            &tx,
            grant.pool,
            &grant.commodity,
            None,
        )?);
        if free < i128::from(grant.amount) {
            return Err(Error::Refused(format!(
                "{} has the votes, but its pool has only {} {} available on {} ({} short); it stays open: move money into the pool, then decide again",
                grant_label(id),
                format_minor(free, grant.commodity.decimals),
                grant.commodity.code,
                at.date(),
                format_minor(i128::from(grant.amount) - free, grant.commodity.decimals)
            )));
        }
    }
    let record = DecisionRecord {
        approved,
        explanation: explanation.clone(),
        policy_version: grant.policy_version,
        expires: expires.filter(|_| approved).map(|d| d.to_string()),
        tally: Some([
            tally.consents,
            tally.objections,
            tally.abstentions,
            tally.eligible,
        ]),
    };
    records::append(
        &tx,
        "decision",
        Some(id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the decision")?;
    Ok(if approved {
        Decided::Approved(explanation)
    } else {
        Decided::Rejected(explanation)
    })
}

fn grant_account(grant: &Grant) -> String {
    format!(
        "expenses:grants:{}",
        grant
            .category
            .as_deref()
            .map_or("general".to_owned(), name_key)
    )
}

fn pool_name(conn: &Connection, grant: &Grant) -> Result<Option<String>> {
    Ok((grant.pool != crate::store::pools::GENERAL)
        .then(|| crate::store::pools::names_by_id(conn).map(|mut n| n.remove(&grant.pool)))
        .transpose()?
        .flatten())
}

fn amount_for(grant: &Grant, amount: &str, code: &str) -> Result<i64> {
    if code != grant.commodity.code {
        return Err(Error::Refused(format!(
            "{} is in {}, not {code}; convert with `fondo exchange` first",
            grant_label(grant.id),
            grant.commodity.code
        )));
    }
    let minor = to_minor(parse_decimal(amount)?, &grant.commodity, amount)?;
    if minor <= 0 {
        return Err(Error::Amount {
            input: amount.to_owned(),
            reason: "a positive amount".into(),
        });
    }
    Ok(minor)
}

/// A tranche to pay.
#[derive(Debug, Clone)]
pub struct PayRequest {
    pub id: i64,
    pub amount: String,
    pub commodity: String,
    pub from_account: String,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Pays a tranche of an approved grant; returns the ledger transaction.
pub fn pay(db: &mut Db, request: &PayRequest) -> Result<i64> {
    let tx = db.write()?;
    let at = when(request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    expect_status(&grant, Status::Approved, "only approved grants are paid")?;
    in_order(&grant, at)?;
    if let Some(expired) = grant.expires.filter(|e| at.date() > *e) {
        return Err(Error::Refused(format!(
            "the commitment of {} expired after {expired}; what was not paid is released (`fondo grant sweep` records it)",
            grant_label(grant.id)
        )));
    }
    let amount = amount_for(&grant, &request.amount, &request.commodity)?;
    if grant.paid() + amount > grant.amount {
        return Err(Error::Refused(format!(
            "{} was approved for {} {} and {} is paid; {} more would exceed it",
            grant_label(grant.id),
            format_minor(grant.amount.into(), grant.commodity.decimals),
            grant.commodity.code,
            format_minor(grant.paid().into(), grant.commodity.decimals),
            format_minor(amount.into(), grant.commodity.decimals)
        )));
    }
    if let Some(decided) = grant.decided_at
        && date < decided.date()
    {
        return Err(Error::Refused(format!(
            "a tranche cannot be dated {}, before the approval ({})",
            date,
            decided.date()
        )));
    }
    let mut book = Book::load(&tx)?;
    let from = book.account(&request.from_account)?;
    if !matches!(
        crate::domain::account::validate_account_name(&from.name),
        Ok(crate::domain::account::AccountType::Assets)
    ) {
        return Err(Error::Refused(format!(
            "a tranche is paid out of an assets account, not {}",
            from.name
        )));
    }
    let account = grant_account(&grant);
    book.account_or_create(&tx, &account)?;
    let pool = pool_name(&tx, &grant)?;
    let txn = Transaction::new(
        date,
        format!(
            "Grant {}: tranche {}",
            grant_label(grant.id),
            grant.payments.len() + 1
        ),
        None,
        request.reference.clone(),
        vec![
            Posting {
                account,
                commodity: grant.commodity.clone(),
                amount,
                memo: None,
                pool,
            },
            Posting {
                account: request.from_account.clone(),
                commodity: grant.commodity.clone(),
                amount: -amount,
                memo: None,
                pool: None,
            },
        ],
    )?;
    let (txn_id, _) = post_tranche(&tx, &book, &txn)?;
    let record = PaymentRecord {
        txn: txn_id,
        amount,
        date: date.to_string(),
    };
    records::append(
        &tx,
        "payment",
        Some(grant.id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the payment")?;
    Ok(txn_id)
}

/// A line of the grantee's spending report.
#[derive(Debug, Clone)]
pub struct SpendRequest {
    pub id: i64,
    pub amount: String,
    pub commodity: String,
    pub category: String,
    pub receipt: Option<String>,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Records what part of the money paid was used for.
pub fn spend(db: &mut Db, request: &SpendRequest) -> Result<()> {
    if request.category.trim().is_empty() {
        return Err(Error::Refused(
            "a spending line needs a category (--category)".into(),
        ));
    }
    let tx = db.write()?;
    let at = when(request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    in_order(&grant, at)?;
    expect_status(
        &grant,
        Status::Approved,
        "spending is reported on approved grants until they are closed",
    )?;
    if date < grant.applied_at.date() {
        return Err(Error::Refused(format!(
            "spending cannot be dated {}, before the application ({})",
            date,
            grant.applied_at.date()
        )));
    }
    if grant.paid() == 0 {
        return Err(Error::Refused(format!(
            "nothing has been paid on {} yet; spending is reported against tranches paid",
            grant_label(grant.id)
        )));
    }
    let amount = amount_for(&grant, &request.amount, &request.commodity)?;
    if grant.spent() + amount > grant.paid() {
        return Err(Error::Refused(format!(
            "{} was paid {} {} and {} is already reported; {} more would exceed what was paid",
            grant_label(grant.id),
            format_minor(grant.paid().into(), grant.commodity.decimals),
            grant.commodity.code,
            format_minor(grant.spent().into(), grant.commodity.decimals),
            format_minor(amount.into(), grant.commodity.decimals)
        )));
    }
    let record = SpendRecord {
        amount,
        category: request.category.trim().to_owned(),
        receipt: request.receipt.clone(),
        date: date.to_string(),
        note: request.note.clone(),
    };
    records::append(
        &tx,
        "spend",
        Some(grant.id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the spending line")
}

/// Closing a grant, with money returned if any.
#[derive(Debug, Clone)]
pub struct CloseRequest {
    pub id: i64,
    /// Amount, commodity and the assets account it came back into.
    pub returned: Option<(String, String, String)>,
    pub reason: Option<String>,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Closes an approved grant: what was committed and not paid goes back to
/// the pool's available money; money returned is booked back into the pool.
pub fn close(db: &mut Db, request: &CloseRequest) -> Result<Option<i64>> {
    let tx = db.write()?;
    let at = when(request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    expect_status(&grant, Status::Approved, "only approved grants are closed")?;
    in_order(&grant, at)?;
    if let Some(decided) = grant.decided_at
        && date < decided.date()
    {
        return Err(Error::Refused(format!(
            "a closure cannot be dated {}, before the approval ({})",
            date,
            decided.date()
        )));
    }
    let mut returned = 0;
    let mut txn_id = None;
    if let Some((amount, code, account)) = &request.returned {
        returned = amount_for(&grant, amount, code)?;
        if i128::from(returned) > i128::from(grant.paid()) - i128::from(grant.spent()) {
            return Err(Error::Refused(format!(
                "{} was paid {} {} and {} was reported spent; at most the difference can come back",
                grant_label(grant.id),
                format_minor(grant.paid().into(), grant.commodity.decimals),
                grant.commodity.code,
                format_minor(grant.spent().into(), grant.commodity.decimals)
            )));
        }
        let book = Book::load(&tx)?;
        let pool = pool_name(&tx, &grant)?;
        let txn = Transaction::new(
            date,
            format!("Grant {}: money returned", grant_label(grant.id)),
            None,
            None,
            vec![
                Posting {
                    account: account.clone(),
                    commodity: grant.commodity.clone(),
                    amount: returned,
                    memo: None,
                    pool: None,
                },
                Posting {
                    account: grant_account(&grant),
                    commodity: grant.commodity.clone(),
                    amount: -returned,
                    memo: None,
                    pool,
                },
            ],
        )?;
        txn_id = Some(post_one(&tx, &book, &txn, None)?.0);
    }
    let record = ClosureRecord {
        returned,
        txn: txn_id,
        reason: request.reason.clone(),
    };
    records::append(
        &tx,
        "closure",
        Some(grant.id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the closure")?;
    Ok(txn_id)
}

/// Withdraws an application that is still open.
pub fn withdraw(
    db: &mut Db,
    id: i64,
    reason: Option<&str>,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    let tx = db.write()?;
    let at = when(at);
    let grant = load(&tx, id)?;
    expect_status(
        &grant,
        Status::Open,
        "only open applications can be withdrawn",
    )?;
    in_order(&grant, at)?;
    let record = WithdrawalRecord {
        reason: reason.map(str::to_owned),
    };
    records::append(
        &tx,
        "withdrawal",
        Some(id),
        &stamp(at),
        &to_json(&record),
        &now(),
    )?;
    tx.commit().ctx("committing the withdrawal")
}

/// Names of members by id, for reports.
pub fn member_names(conn: &Connection) -> Result<HashMap<i64, members::StoredMember>> {
    Ok(members::all(conn)?.into_iter().map(|m| (m.id, m)).collect())
}
