//! The rows of `grants.csv`, `votes.csv` and `policies.csv` derived from a
//! grant replayed from its records ([`crate::domain::grant::replay`]) and
//! from a policy record: the writer builds its rows with these functions
//! from the fund's records, and the checker builds them again from
//! `records.csv` and compares, so the two derive every cell the same way.
//!
//! What the checker cannot know (a text the bundle shows only as a
//! commitment, the tally of a grant still open) is [`UNKNOWN`] in its rows,
//! a cell that any stated cell matches.
//!
//! Rule: pure functions of the replayed grant, the period and how the
//! audience sees names and text; nothing after the period's last day
//! enters a row.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::bundle::rows::{GrantRow, PolicyRow, VoteRow};
use crate::domain::date::iso;
use crate::domain::grant::{Grant, Line, Status};
use crate::domain::ids::{MemberId, PoolId};
use crate::domain::money::format_minor;
use crate::domain::period::Span;
use crate::domain::policy::{Rule, Tally};
use crate::domain::records::PolicyRecord;

/// A cell the checker cannot re-derive: any stated cell matches it.
pub const UNKNOWN: &str = "\u{1}unknown";

/// How the rows name members and pools and show free text.
pub struct Shown<'a> {
    pub person: &'a dyn Fn(MemberId) -> String,
    pub pool: &'a dyn Fn(PoolId) -> String,
    /// A free text as the audience sees it.
    pub text: &'a dyn Fn(&str) -> String,
}

impl Shown<'_> {
    fn text_opt(&self, text: Option<&str>) -> String {
        text.map(|t| (self.text)(t)).unwrap_or_default()
    }
}

pub fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The last moment of a day.
pub fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"))
}

fn cell(value: Option<impl std::fmt::Display>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A grant as it stood at the end of a period.
pub struct Standing<'g> {
    pub status: Status,
    pub decided: bool,
    pub approved: bool,
    /// When its votes are counted: the decision, the withdrawal, or the end
    /// of the period.
    pub counted_at: NaiveDateTime,
    pub ended: Option<(NaiveDateTime, Option<&'g str>)>,
}

impl<'g> Standing<'g> {
    /// Its state at the end of `span`, or None when it is not in the bundle
    /// (applied after the period, or finished before it began).
    pub fn of(g: &'g Grant, span: &Span) -> Option<Standing<'g>> {
        if g.applied_at.date() > span.to {
            return None;
        }
        let approved = matches!(g.status, Status::Approved | Status::Closed);
        let decided = g.decided_at.filter(|at| at.date() <= span.to);
        let ended = g
            .ended
            .as_ref()
            .filter(|(at, _)| at.date() <= span.to)
            .map(|(at, why)| (*at, why.as_deref()));
        let finished_before = |at: NaiveDateTime| at.date() < span.from;
        if ended.is_some_and(|(at, _)| finished_before(at))
            || (!approved && decided.is_some_and(finished_before))
        {
            return None;
        }
        let status = match (ended, decided) {
            (Some(_), _) => g.status,
            (None, Some(_)) if approved => Status::Approved,
            (None, Some(_)) => Status::Rejected,
            (None, None) => Status::Open,
        };
        let counted_at = match (decided, ended) {
            (Some(at), _) => at,
            (None, Some((at, _))) => at,
            (None, None) => end_of(span.to),
        };
        Some(Standing {
            status,
            decided: decided.is_some(),
            approved,
            counted_at,
            ended,
        })
    }

    /// When the votes stop counting: the count, or the window's close.
    pub fn until(&self, g: &Grant) -> NaiveDateTime {
        self.counted_at.min(g.window_closes())
    }
}

/// The rows of votes.csv for the votes cast on `g` by the period's end
/// (recusals aside).
pub fn vote_rows(g: &Grant, st: &Standing<'_>, span: &Span, shown: &Shown<'_>) -> Vec<VoteRow> {
    let label = g.id.to_string();
    let until = st.until(g);
    let mut latest: BTreeMap<MemberId, usize> = BTreeMap::new();
    for (i, v) in g.votes.iter().enumerate() {
        if v.at <= until {
            latest.insert(v.member, i);
        }
    }
    // A withdrawn vote, when it is the latest, leaves nothing counted.
    let counted: BTreeSet<usize> = latest
        .values()
        .copied()
        .filter(|i| g.votes[*i].vote.is_some())
        .collect();
    g.votes
        .iter()
        .enumerate()
        .filter(|(_, v)| v.at.date() <= span.to)
        .map(|(i, v)| VoteRow {
            grant: label.clone(),
            member: (shown.person)(v.member),
            vote: v.vote.map_or("withdrawn".to_owned(), |v| v.to_string()),
            at: stamp(v.at),
            reason: shown.text_opt(v.reason.as_deref()),
            counted: if counted.contains(&i) { "yes" } else { "no" }.to_owned(),
        })
        .collect()
}

/// The row of grants.csv for `g`; `tally` is the one counted at the end of
/// the period for a grant not decided by then (None: unknown).
pub fn grant_row(
    g: &Grant,
    st: &Standing<'_>,
    span: &Span,
    shown: &Shown<'_>,
    tally: Option<Tally>,
) -> GrantRow {
    let money = |minor: i64| format_minor(minor.into(), g.commodity.decimals());
    let tally = match (st.decided, g.decided_tally) {
        (true, Some(t)) => Some(t),
        _ => tally,
    };
    let count = |f: fn(&Tally) -> u32| {
        tally
            .as_ref()
            .map_or(UNKNOWN.to_owned(), |t| f(t).to_string())
    };
    let payments: Vec<&Line> = g.payments.iter().filter(|p| p.date <= span.to).collect();
    let paid: i64 = payments.iter().map(|p| p.amount).sum();
    let paid_in_period: i64 = payments
        .iter()
        .filter(|p| p.date >= span.from)
        .map(|p| p.amount)
        .sum();
    let spent: i64 = g
        .spending
        .iter()
        .filter(|s| s.date <= span.to)
        .map(|s| s.amount)
        .sum();
    let closed = st.status == Status::Closed;
    let committed = if st.status == Status::Approved {
        g.amount - paid
    } else {
        0
    };
    GrantRow {
        grant: g.id.to_string(),
        applicant: (shown.person)(g.applicant),
        pool: (shown.pool)(g.pool),
        commodity: g.commodity.code().to_owned(),
        amount: money(g.amount),
        purpose: (shown.text)(&g.purpose),
        category: shown.text_opt(g.category.as_deref()),
        needed_by: cell(g.needed_by.map(iso)),
        applied_at: stamp(g.applied_at),
        policy_version: g.policy_version.to_string(),
        rule: g.tier.rule.to_string(),
        window_closes: stamp(g.window_closes()),
        status: st.status.as_str().to_owned(),
        decision: cell(
            st.decided
                .then_some(if st.approved { "approved" } else { "rejected" }),
        ),
        decided_at: cell(g.decided_at.filter(|_| st.decided).map(stamp)),
        expires: cell(g.expires.filter(|_| st.decided && st.approved).map(iso)),
        consents: count(|t| t.consents),
        objections: count(|t| t.objections),
        abstentions: count(|t| t.abstentions),
        eligible: count(|t| t.eligible),
        explanation: shown.text_opt(g.explanation.as_deref().filter(|_| st.decided)),
        paid: money(paid),
        paid_in_period: money(paid_in_period),
        payment_txns: payments
            .iter()
            .filter_map(|p| p.txn.map(|t| t.to_string()))
            .collect::<Vec<_>>()
            .join(" "),
        spent: money(spent),
        returned: money(if closed { g.returned } else { 0 }),
        return_txn: cell(g.return_txn.filter(|_| closed)),
        committed: money(committed),
        ended_at: cell(st.ended.map(|(at, _)| stamp(at))),
        end_reason: shown.text_opt(st.ended.and_then(|(_, why)| why)),
    }
}

/// The rows of policies.csv for one version of a pool's policy, set at
/// `at`; `places` gives a commodity's decimal places.
pub fn policy_rows(
    pool: &str,
    at: NaiveDateTime,
    policy: &PolicyRecord,
    places: &dyn Fn(&str) -> Option<u32>,
    shown: &Shown<'_>,
) -> Vec<PolicyRow> {
    let reason = shown.text_opt(policy.reason.as_deref());
    policy
        .tiers
        .iter()
        .map(|tier| {
            let (rule, min_consents, quorum, threshold) = match &tier.rule {
                Rule::Consent { min_consents } => ("consent", Some(*min_consents), None, None),
                Rule::Lazy { min_consents } => ("lazy", Some(*min_consents), None, None),
                Rule::Majority { quorum, threshold } => {
                    ("majority", None, Some(*quorum), Some(threshold.clone()))
                }
            };
            let up_to = tier.up_to.map(|minor| {
                let decimals = tier.commodity.as_deref().and_then(places).unwrap_or(0);
                format_minor(minor.into(), decimals)
            });
            PolicyRow {
                pool: pool.to_owned(),
                version: policy.version.to_string(),
                set_at: stamp(at),
                up_to: cell(up_to),
                commodity: cell(tier.commodity.as_deref()),
                rule: rule.to_owned(),
                min_consents: cell(min_consents),
                quorum: cell(quorum),
                threshold: cell(threshold.as_deref()),
                window_minutes: tier.window_minutes.to_string(),
                reason: reason.clone(),
            }
        })
        .collect()
}
