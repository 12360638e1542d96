//! A pool's decision policy, and relations between members.

use chrono::NaiveDateTime;

use super::{append_record, when};
use crate::books::grants::{ids, load, policies, related};
use crate::books::members::{member, stewards};
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::policy::{Rule, Tier};
use crate::domain::records::{PolicyRecord, RecordKind, RelationRecord, SignedVotes};
use crate::error::{Error, GrantRefusal, Needed, NextStep, Result, SqlContext};
use crate::ops::{Book, NewCommodity};
use crate::store::Db;

/// A tier to add to (or replace in) a pool's policy.
#[derive(Debug, Clone)]
pub struct PolicyRequest {
    pub pool: String,
    pub rule: Rule,
    pub window_minutes: i64,
    /// The tier's ceiling: amount and commodity.
    pub max_amount: Option<(String, String)>,
    pub reason: Option<String>,
    /// Whether votes must be signed from this version on; `None`: as in
    /// the version before (optional for a pool's first).
    pub signed_votes: Option<SignedVotes>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Sets a tier of a pool's policy, making a new version. Returns the version
/// and warnings (a quorum or consent count larger than the stewards in term).
pub fn set_policy(db: &mut Db, request: &PolicyRequest) -> Result<(u32, Vec<String>)> {
    let tx = db.write()?;
    let at = when(&tx, request.at);
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
            (Some(minor), Some(stored.code().to_owned()))
        }
        None => (None, None),
    };
    if matches!(request.rule, Rule::Lazy { .. }) && up_to.is_none() {
        return Err(Error::Blocked {
            problem: "lazy consensus is for small amounts".into(),
            next: NextStep::LazyCeiling,
        });
    }
    let history = policies(&tx, pool_id)?;
    if let Some((last, _)) = history.last()
        && at < *last
    {
        return Err(GrantRefusal::PolicyBeforeLast { last: *last }.into());
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
        return Err(GrantRefusal::PolicyBeforeApplication { applied }.into());
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
        signed_votes: request.signed_votes.unwrap_or_else(|| {
            history
                .last()
                .map_or(SignedVotes::Optional, |(_, p)| p.signed_votes)
        }),
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
    append_record(&tx, RecordKind::Policy, None, at, &record)?;
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
        return Err(Error::Missing {
            what: "a relation",
            needs: Needed::Reason,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    let at = when(&tx, at);
    let (a, b) = (member(&tx, a)?, member(&tx, b)?);
    if a.id == b.id {
        return Err(GrantRefusal::RelatedToSelf.into());
    }
    if related(&tx, a.id, at)?.contains(&b.id) {
        return Err(GrantRefusal::AlreadyRelated {
            a: a.name,
            b: b.name,
        }
        .into());
    }
    let record = RelationRecord {
        a: a.id,
        b: b.id,
        reason: reason.trim().to_owned(),
    };
    append_record(&tx, RecordKind::Relation, None, at, &record)?;
    tx.commit().ctx("committing the relation")
}
