//! A grant's state, replayed from its records: a pure fold, no SQL.
//!
//! A grant's state is never stored. [`replay`] rebuilds it from the steps
//! recorded for it (application, votes, decision, payments, spending lines,
//! closure or withdrawal), given the pool policies and commodities they name;
//! `books::grants::load` reads those from the store. Counting the votes that
//! stand at a moment ([`count`]) and who must recuse ([`recused`]) are pure
//! too, given the stewards in term and the applicant's relations then.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::date::parse_date;
use crate::domain::money::Commodity;
use crate::domain::policy::{Tally, Tier, Vote};
use crate::domain::records::{GrantStep, PolicyRecord, SignedVotes};
use crate::error::{Error, Result};

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
    pub member: i64,
    pub vote: Option<Vote>,
    pub reason: Option<String>,
    pub at: NaiveDateTime,
    /// Cast from a signed ballot.
    pub signed: bool,
}

/// A tranche paid or a spending line reported.
#[derive(Debug, Clone)]
pub struct Line {
    pub amount: i64,
    pub date: NaiveDate,
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
    pub needed_by: Option<NaiveDate>,
    pub applied_at: NaiveDateTime,
    pub policy_version: u32,
    pub tier: Tier,
    /// Whether its policy version takes only signed votes.
    pub signed_votes: SignedVotes,
    pub votes: Vec<CastVote>,
    pub status: Status,
    pub decided_at: Option<NaiveDateTime>,
    pub explanation: Option<String>,
    /// The tally the decision recorded.
    pub decided_tally: Option<Tally>,
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
            .filter(|p| day.is_none_or(|d| p.date <= d))
            .map(|p| p.amount)
            .sum();
        self.amount - paid
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

/// Replays grant `id` from its steps (in chain order, each with the time it
/// happened), given every policy version of the fund and its commodities
/// by id.
///
/// # Errors
/// [`Error::UnknownGrant`] when no step is an application;
/// [`Error::Damaged`] when it cites a policy version, commodity or tier that
/// does not exist, or has a second application; [`Error::Date`] for a date
/// in a payload that is not one.
pub fn replay(
    id: i64,
    steps: &[(NaiveDateTime, GrantStep)],
    policies: &[PolicyRecord],
    commodities: &HashMap<i64, Commodity>,
) -> Result<Grant> {
    let (applied_at, app) = steps
        .iter()
        .find_map(|(at, step)| match step {
            GrantStep::Application(app) => Some((*at, app)),
            _ => None,
        })
        .ok_or_else(|| Error::UnknownGrant {
            id: grant_label(id),
        })?;
    let policy = policies
        .iter()
        .find(|p| p.pool == app.pool && p.version == app.policy_version)
        .ok_or_else(|| {
            damaged(format!(
                "{} cites a policy version that does not exist",
                grant_label(id)
            ))
        })?;
    let commodity = commodities.get(&app.commodity).cloned().ok_or_else(|| {
        damaged(format!(
            "a grant names commodity #{}, which does not exist",
            app.commodity
        ))
    })?;
    let tier = policy
        .tier_for(&commodity.code, app.amount)
        .cloned()
        .ok_or_else(|| {
            damaged(format!(
                "{} falls in no tier of its policy",
                grant_label(id)
            ))
        })?;
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
        policy_version: app.policy_version,
        tier,
        signed_votes: policy.signed_votes,
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
    let mut applications = 0;
    for (at, step) in steps {
        let at = *at;
        grant.last_at = grant.last_at.max(at);
        match step {
            GrantStep::Application(_) => {
                applications += 1;
                if applications > 1 {
                    return Err(damaged(format!(
                        "{} has more than one application",
                        grant_label(id)
                    )));
                }
            }
            GrantStep::Vote(v) => grant.votes.push(CastVote {
                member: v.member,
                vote: Some(v.vote),
                reason: v.reason.clone(),
                at,
                signed: v.signed(),
            }),
            GrantStep::VoteWithdrawal(w) => {
                let standing = grant
                    .votes
                    .iter()
                    .rev()
                    .find(|v| v.member == w.member)
                    .is_some_and(|v| v.vote.is_some());
                if !standing || grant.decided_at.is_some() {
                    return Err(damaged(format!(
                        "{} withdraws a vote of member #{} that does not stand",
                        grant_label(id),
                        w.member
                    )));
                }
                grant.votes.push(CastVote {
                    member: w.member,
                    vote: None,
                    reason: w.reason.clone(),
                    at,
                    signed: false,
                });
            }
            GrantStep::Decision(d) => {
                grant.status = if d.approved {
                    Status::Approved
                } else {
                    Status::Rejected
                };
                grant.decided_at = Some(at);
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
    }
    Ok(grant)
}

/// The votes that count for a grant at `at`, given the stewards in term and
/// the members related to the applicant when they are counted: the earlier
/// of `at` and the window's close (`books::grants::tally` reads both).
///
/// Votes count as cast: each was accepted only from a steward in term and
/// not recused on its day, so later changes to role history do not undo it.
/// Only votes up to the moment counted (`at`, or the window's close if that
/// came first) are taken, the latest of each steward. The eligible count is
/// the stewards in term then, not recused, together with those who voted; a
/// steward whose latest step is a withdrawn vote counts as not having voted.
/// Under a policy that requires signed votes, an unsigned vote counts as not
/// cast.
pub fn count(
    grant: &Grant,
    at: NaiveDateTime,
    stewards: &HashSet<i64>,
    related: &HashSet<i64>,
) -> Tally {
    let until = at.min(grant.window_closes());
    let mut standing: BTreeMap<i64, Option<Vote>> = BTreeMap::new();
    let required = grant.signed_votes == SignedVotes::Required;
    for v in grant
        .votes
        .iter()
        .filter(|v| v.at <= until)
        .filter(|v| !required || v.signed || v.vote.is_none())
    {
        standing.insert(v.member, v.vote);
    }
    let latest: BTreeMap<i64, Vote> = standing
        .into_iter()
        .filter_map(|(member, vote)| Some((member, vote?)))
        .collect();
    let eligible: HashSet<i64> = stewards
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
    stewards: &HashSet<i64>,
    related: &HashSet<i64>,
) -> Vec<(i64, &'static str)> {
    let mut out: Vec<(i64, &'static str)> = stewards
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

    fn fixture() -> (Vec<PolicyRecord>, HashMap<i64, Commodity>) {
        let policy = PolicyRecord {
            pool: 2,
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
        let usd = Commodity {
            code: "USD".into(),
            decimals: 2,
        };
        (vec![policy], HashMap::from([(5, usd)]))
    }

    fn application() -> GrantStep {
        GrantStep::Application(Application {
            applicant: 9,
            pool: 2,
            commodity: 5,
            amount: 50_000,
            purpose: "rent".into(),
            category: None,
            needed_by: Some("2025-03-01".into()),
            policy_version: 1,
        })
    }

    fn vote(member: i64, vote: Vote) -> GrantStep {
        GrantStep::Vote(VoteRecord {
            member,
            vote,
            reason: None,
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
                    txn: 12,
                    amount: 20_000,
                    date: "2025-02-03".into(),
                }),
            ),
        ];
        let g = replay(4, &steps, &policies, &commodities).unwrap();
        assert_eq!(g.status, Status::Approved);
        assert_eq!(g.needed_by, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(g.last_at, at("2025-02-03T09:00"));
        assert_eq!(g.paid(), 20_000);
        assert_eq!(g.outstanding(), 30_000);
        let eve = NaiveDate::from_ymd_opt(2025, 2, 2);
        assert_eq!(g.outstanding_on(eve), 50_000);
        assert_eq!(g.outstanding_on(NaiveDate::from_ymd_opt(2025, 2, 1)), 0);
        let stewards = HashSet::from([1, 2, 3, 9]);
        let tally = count(&g, at("2025-02-02T10:00"), &stewards, &HashSet::from([3]));
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
            recused(&g, &stewards, &HashSet::from([3])),
            [(3, "related to the applicant"), (9, "the applicant")]
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
        let g = replay(4, &closed, &policies, &commodities).unwrap();
        assert_eq!((g.status, g.outstanding()), (Status::Closed, 0));
    }

    fn withdraw(member: i64) -> GrantStep {
        GrantStep::VoteWithdrawal(VoteWithdrawalRecord {
            member,
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
        let g = replay(4, &steps, &policies, &commodities).unwrap();
        assert_eq!(g.votes.len(), 3, "the history keeps both");
        assert_eq!(g.votes[2].vote, None);
        let stewards = HashSet::from([1, 2]);
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
        assert!(matches!(
            replay(4, &twice, &policies, &commodities),
            Err(Error::Damaged { .. })
        ));
        let never = [steps[0].clone(), (at("2025-02-01T12:00"), withdraw(2))];
        assert!(matches!(
            replay(4, &never, &policies, &commodities),
            Err(Error::Damaged { .. })
        ));
    }

    #[test]
    fn under_required_signatures_an_unsigned_vote_does_not_count() {
        let (mut policies, commodities) = fixture();
        policies[0].signed_votes = SignedVotes::Required;
        let signed = GrantStep::Vote(VoteRecord {
            member: 2,
            vote: Vote::Consent,
            reason: None,
            ballot: Some("fondo-ballot-v1\n".into()),
            signature: Some("sig".into()),
        });
        let steps = vec![
            (at("2025-02-01T10:00"), application()),
            (at("2025-02-01T11:00"), vote(1, Vote::Consent)),
            (at("2025-02-01T11:30"), signed),
        ];
        let g = replay(4, &steps, &policies, &commodities).unwrap();
        assert_eq!(g.signed_votes, SignedVotes::Required);
        let tally = count(
            &g,
            at("2025-02-01T12:00"),
            &HashSet::from([1, 2]),
            &HashSet::new(),
        );
        assert_eq!((tally.consents, tally.eligible), (1, 2));
        policies[0].signed_votes = SignedVotes::Optional;
        let g = replay(4, &steps, &policies, &commodities).unwrap();
        let tally = count(
            &g,
            at("2025-02-01T12:00"),
            &HashSet::from([1, 2]),
            &HashSet::new(),
        );
        assert_eq!(tally.consents, 2);
    }

    #[test]
    fn a_replay_refuses_what_does_not_fit() {
        let (policies, commodities) = fixture();
        assert!(matches!(
            replay(4, &[(at("2025-02-01"), vote(1, Vote::Consent))], &policies, &commodities),
            Err(Error::UnknownGrant { id }) if id == "G-0004"
        ));
        let twice = [
            (at("2025-02-01"), application()),
            (at("2025-02-02"), application()),
        ];
        assert!(matches!(
            replay(4, &twice, &policies, &commodities),
            Err(Error::Damaged { .. })
        ));
        assert!(matches!(
            replay(4, &twice[..1], &[], &commodities),
            Err(Error::Damaged { .. })
        ));
        assert!(matches!(
            replay(4, &twice[..1], &policies, &HashMap::new()),
            Err(Error::Damaged { .. })
        ));
    }
}
