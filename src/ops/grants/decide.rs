//! The life of an application: applying, voting, deciding, the expiry of
//! commitments, and withdrawing.

use crate::store::WriteTx;
use chrono::{NaiveDate, NaiveDateTime};

use super::{append_record, expect_status, in_order, stamp, when};
use crate::books::grants::{Governance, application_hash, ids, ineligible, load, policies, tally};
use crate::books::keys::key_book;
use crate::books::members::{by_id, member};
use crate::books::pools::available;
use crate::domain::ballot::Ballot;
use crate::domain::grant::{self, Grant, Status};
use crate::domain::ids::{GrantId, RecordId};
use crate::domain::keys::{BALLOT_NAMESPACE, Signature};
use crate::domain::money::{format_minor, parse_decimal, to_minor};
use crate::domain::policy::{Outcome, Vote, evaluate};
use crate::domain::records::{
    Application, ClosureRecord, DecisionRecord, RecordKind, SignedVotes, VoteRecord,
    VoteWithdrawalRecord, WithdrawalRecord,
};
use crate::error::{Error, GrantRefusal, Needed, NextStep, Result, SqlContext};
use crate::ops::{Book, NewCommodity};
use crate::store::{Db, records};

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
pub fn apply(db: &mut Db, request: &ApplyRequest) -> Result<GrantId> {
    if request.purpose.trim().is_empty() {
        return Err(Error::Missing {
            what: "an application",
            needs: Needed::Purpose,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    crate::ops::privacy::screen(
        &tx,
        &[
            ("purpose", Some(&request.purpose)),
            ("category", request.category.as_deref()),
        ],
    )?;
    let at = when(&tx, request.at);
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
        .ok_or_else(|| Error::Blocked {
            problem: format!("pool {:?} has no decision policy yet", request.pool),
            next: NextStep::SetPolicy,
        })?;
    if policy.tier_for(commodity.code(), amount).is_none() {
        return Err(Error::Blocked {
            problem: format!(
                "the pool's policy has no rule for {} {}",
                format_minor(amount.into(), commodity.decimals()),
                commodity.code()
            ),
            next: NextStep::OpenTier,
        });
    }
    let id = records::next_grant_id(&tx)?;
    let record = Application {
        applicant: applicant.id,
        pool: pool_id,
        commodity: commodity_id,
        amount,
        purpose: request.purpose.trim().to_owned(),
        category: category(request.category.as_deref())?,
        needed_by: request.needed_by.map(|d| d.to_string()),
        policy_version: policy.version,
    };
    append_record(&tx, RecordKind::Application, Some(id), at, &record)?;
    tx.commit().ctx("committing the application")?;
    Ok(id)
}

/// A grant's category as recorded: none when blank, else in NFC with
/// invisible characters refused (`domain::name`).
fn category(given: Option<&str>) -> Result<Option<String>> {
    given
        .filter(|c| !c.trim().is_empty())
        .map(|c| crate::domain::name::stored("category", c))
        .transpose()
}

/// Records a steward's vote (a later vote replaces an earlier one; both are
/// kept).
///
/// # Errors
/// As `cast`; and [`Error::GrantRefused`] when the grant's policy takes only
/// signed votes.
pub fn vote(
    db: &mut Db,
    id: GrantId,
    as_member: &str,
    vote: Vote,
    reason: Option<&str>,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    let tx = db.write()?;
    crate::ops::privacy::screen(&tx, &[("reason", reason)])?;
    let at = when(&tx, at);
    let grant = load(&tx, id)?;
    let voter = member(&tx, as_member)?;
    if grant.signed_votes == SignedVotes::Required {
        return Err(GrantRefusal::SignedVotesOnly {
            grant: id.to_string(),
            voter: voter.name,
        }
        .into());
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let record = VoteRecord {
        member: voter.id,
        vote,
        reason: reason.map(str::to_owned),
        ballot: None,
        signature: None,
    };
    cast(&tx, &grant, &voter.name, at, &record)?;
    tx.commit().ctx("committing the vote")
}

/// A vote recorded from a signed ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedVote {
    pub grant: GrantId,
    pub voter: String,
    pub vote: Vote,
    /// The fingerprint of the key that signed it.
    pub key: String,
}

/// Records the vote a signed ballot states, at the ballot's time, with the
/// ballot and its signature inside the record (and so inside its hash).
/// `ballot_file` and `signature_file` name the files in errors.
///
/// # Errors
/// [`Error::Ballot`] for a ballot not in the ballot form, or for another
/// fund or grant; [`Error::Signature`] for a signature that is not one, in
/// another namespace, by a key that is not the voter's in force at the
/// ballot's time (unknown, another member's, revoked), or that does not
/// match the ballot; and every refusal of `cast`.
pub fn vote_signed(
    db: &mut Db,
    ballot_file: &str,
    ballot_text: &str,
    signature_file: &str,
    signature_text: &str,
) -> Result<SignedVote> {
    let ballot = Ballot::parse(ballot_file, ballot_text)?;
    let signature = Signature::parse(signature_file, signature_text)?;
    let tx = db.write()?;
    let fund_id = crate::store::fund::fund_id(&tx)?;
    let wrong = |line, reason| Error::Ballot {
        file: ballot_file.to_owned(),
        line: Some(line),
        reason,
    };
    if ballot.fund != fund_id {
        return Err(wrong(
            2,
            format!(
                "it is for another fund ({}); this fund's id is {fund_id}",
                ballot.fund
            ),
        ));
    }
    let grant = load(&tx, ballot.grant).map_err(|e| match e {
        Error::UnknownGrant { id } => wrong(3, format!("{id} is no grant of this fund")),
        other => other,
    })?;
    let application = application_hash(&tx, ballot.grant)?;
    if ballot.application != application {
        return Err(wrong(
            4,
            format!(
                "it names application {}, but {}'s application record has hash {application}: the ballot is for another grant or another fund",
                ballot.application, ballot.grant
            ),
        ));
    }
    let voter = by_id(&tx)?
        .remove(&ballot.voter)
        .ok_or_else(|| wrong(5, format!("member #{} does not exist", ballot.voter)))?;
    let refuse = |reason: String| Error::Signature {
        file: signature_file.to_owned(),
        reason,
    };
    if signature.namespace() != BALLOT_NAMESPACE {
        return Err(refuse(format!(
            "it was made for namespace {:?}, not {BALLOT_NAMESPACE:?} (sign with -n {BALLOT_NAMESPACE})",
            signature.namespace()
        )));
    }
    let book = key_book(&tx)?;
    let key = book
        .check(voter.id, &signature.fingerprint, ballot.time)
        .map_err(|why| refuse(format!("{why}; the voter is {}", voter.name)))?;
    signature.check(
        signature_file,
        BALLOT_NAMESPACE,
        &key.key,
        ballot_text.as_bytes(),
    )?;
    let record = VoteRecord {
        member: voter.id,
        vote: ballot.choice,
        reason: ballot.reason.clone(),
        ballot: Some(ballot_text.to_owned()),
        signature: Some(signature_text.to_owned()),
    };
    cast(&tx, &grant, &voter.name, ballot.time, &record)?;
    tx.commit().ctx("committing the vote")?;
    Ok(SignedVote {
        grant: ballot.grant,
        voter: voter.name,
        vote: ballot.choice,
        key: signature.fingerprint,
    })
}

/// Checks a vote as every vote is checked, then records it: the grant is
/// open, the vote in time order and inside the window, the voter a steward
/// in term then and not recused, the vote a change, an objection with a
/// reason.
///
/// # Errors
/// [`Error::GrantStatus`], [`Error::Blocked`] (the window closed),
/// [`Error::GrantRefused`] or [`Error::Missing`] for a vote the rules refuse.
fn cast(
    tx: &WriteTx<'_>,
    grant: &Grant,
    voter_name: &str,
    at: NaiveDateTime,
    record: &VoteRecord,
) -> Result<()> {
    let id = grant.id;
    expect_status(grant, Status::Open, "votes are taken only while it is open")?;
    in_order(grant, at)?;
    if at < grant.applied_at {
        return Err(GrantRefusal::VoteBeforeApplication {
            grant: id.to_string(),
            applied: grant.applied_at,
            at,
        }
        .into());
    }
    if at >= grant.window_closes() {
        return Err(Error::Blocked {
            problem: format!(
                "the window of {} closed at {}; votes are no longer taken",
                id,
                stamp(grant.window_closes())
            ),
            next: NextStep::DecideGrant,
        });
    }
    if let Some(why) = ineligible(tx, grant, record.member, at)? {
        return Err(GrantRefusal::MayNotVote {
            voter: voter_name.to_owned(),
            why,
        }
        .into());
    }
    if grant::standing(grant, record.member) == Some(record.vote) {
        return Err(GrantRefusal::AlreadyVoted {
            voter: voter_name.to_owned(),
            vote: record.vote.to_string(),
            grant: id.to_string(),
        }
        .into());
    }
    if record.vote == Vote::Object && record.reason.is_none() {
        return Err(Error::Missing {
            what: "an objection",
            needs: Needed::Reason,
            of: None,
            so: Some("so the community can answer it"),
        });
    }
    // The one rule `verify`, `grant show` and `grant decide` judge the
    // record by: what it refuses is never written.
    if let Some(refusal) =
        grant::judge_vote(grant, RecordId::END, at, record, &Governance::load(tx)?)
    {
        return Err(GrantRefusal::VoteRefused {
            voter: voter_name.to_owned(),
            why: refusal.why,
        }
        .into());
    }
    append_record(tx, RecordKind::Vote, Some(id), at, record)?;
    Ok(())
}

/// Withdraws a steward's vote before the decision: from then on they count
/// as not having voted (the vote and its withdrawal are both kept).
///
/// # Errors
/// [`Error::GrantRefused`] when the grant is no longer open, or the member has no
/// vote standing on it.
pub fn withdraw_vote(
    db: &mut Db,
    id: GrantId,
    as_member: &str,
    reason: Option<&str>,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    let tx = db.write()?;
    let at = when(&tx, at);
    let grant = load(&tx, id)?;
    let voter = member(&tx, as_member)?;
    expect_status(
        &grant,
        Status::Open,
        "a vote can be withdrawn only before the decision",
    )?;
    in_order(&grant, at)?;
    if grant::standing(&grant, voter.id).is_none() {
        return Err(GrantRefusal::NothingToWithdraw {
            voter: voter.name,
            grant: id.to_string(),
        }
        .into());
    }
    let record = VoteWithdrawalRecord {
        member: voter.id,
        reason: reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
    };
    append_record(&tx, RecordKind::VoteWithdrawal, Some(id), at, &record)?;
    tx.commit().ctx("committing the withdrawn vote")
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
fn expire(tx: &WriteTx<'_>, grant: &Grant, at: NaiveDateTime) -> Result<String> {
    let released = format!(
        "{} {}",
        format_minor(grant.outstanding().into(), grant.commodity.decimals()),
        grant.commodity.code()
    );
    let record = ClosureRecord {
        returned: 0,
        txn: None,
        reason: Some(format!(
            "the commitment expired after {}",
            grant.expires.map(|d| d.to_string()).unwrap_or_default()
        )),
    };
    append_record(tx, RecordKind::Closure, Some(grant.id), at, &record)?;
    Ok(released)
}

/// Releases every approved commitment that expired before `at`; returns
/// the grants closed, with what each released.
pub fn sweep(db: &mut Db, at: Option<NaiveDateTime>) -> Result<Vec<(GrantId, String)>> {
    let tx = db.write()?;
    let at = when(&tx, at);
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
    id: GrantId,
    at: Option<NaiveDateTime>,
    expires: Option<NaiveDate>,
) -> Result<Decided> {
    let tx = db.write()?;
    let at = when(&tx, at);
    let grant = load(&tx, id)?;
    if grant.status == Status::Approved && grant.expires.is_some_and(|e| at.date() > e) {
        in_order(&grant, at)?;
        let released = expire(&tx, &grant, at)?;
        tx.commit().ctx("committing the expiry")?;
        return Ok(Decided::Expired(released));
    }
    if grant.status != Status::Open {
        return Err(GrantRefusal::AlreadyDecided {
            grant: id.to_string(),
            status: grant.status.as_str(),
        }
        .into());
    }
    if let Some(day) = expires
        && day < at.date()
    {
        return Err(GrantRefusal::ExpiresBeforeDecision {
            expires: day,
            decided: at.date(),
        }
        .into());
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
        crate::ops::grant_state::sync(&tx)?;
        let free = available(&tx, grant.pool, &grant.commodity, Some(at.date()))?.min(available(
            &tx,
            grant.pool,
            &grant.commodity,
            None,
        )?);
        if free < i128::from(grant.amount) {
            return Err(GrantRefusal::PoolShort {
                grant: id.to_string(),
                available: format_minor(free, grant.commodity.decimals()),
                commodity: grant.commodity.code().to_owned(),
                on: at.date(),
                short: format_minor(i128::from(grant.amount) - free, grant.commodity.decimals()),
            }
            .into());
        }
    }
    let record = DecisionRecord {
        approved,
        explanation: explanation.clone(),
        policy_version: grant.policy_version,
        expires: expires.filter(|_| approved).map(|d| d.to_string()),
        tally: Some(tally),
    };
    append_record(&tx, RecordKind::Decision, Some(id), at, &record)?;
    tx.commit().ctx("committing the decision")?;
    Ok(if approved {
        Decided::Approved(explanation)
    } else {
        Decided::Rejected(explanation)
    })
}

/// Withdraws an application that is still open.
pub fn withdraw(
    db: &mut Db,
    id: GrantId,
    reason: Option<&str>,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    let tx = db.write()?;
    let at = when(&tx, at);
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
    append_record(&tx, RecordKind::Withdrawal, Some(id), at, &record)?;
    tx.commit().ctx("committing the withdrawal")
}
