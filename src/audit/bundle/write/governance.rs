//! The governance files: `grants.csv` and `votes.csv` (every grant of the
//! period as it stood at the period's end, replayed by
//! [`crate::books::grants`], with every vote cast by then and who had to
//! recuse), `policies.csv` (every version set by the end of the period, a
//! row per tier) and `roles.csv`.
//!
//! Rule: nothing after the period's last day is shown: no later vote,
//! tranche, decision or closure.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDateTime;

use super::{Bundle, cell, end_of, stamp};
use crate::audit::bundle::rows::{GrantRow, PolicyRow, RoleRow, VoteRow};
use crate::audit::bundle::{GRANTS, POLICIES, ROLES, VOTES};
use crate::books::grants;
use crate::domain::date::iso;
use crate::domain::grant::{Grant, Line, Status, grant_label};
use crate::domain::money::format_minor;
use crate::domain::period::Span;
use crate::domain::policy::Rule;
use crate::error::Result;
use crate::store::members;

impl Bundle<'_> {
    /// grants.csv and votes.csv: the grants of the period as they stood at
    /// its end, with every vote cast by then and who recused.
    pub(super) fn grants(&mut self) -> Result<()> {
        let (conn, span) = (self.conn, self.span);
        let mut grant_file = self.csv(GRANTS)?;
        let mut vote_rows: Vec<VoteRow> = Vec::new();
        for id in grants::ids(conn)? {
            let g = grants::load(conn, id)?;
            let Some(state) = State::of(&g, span) else {
                continue;
            };
            let label = grant_label(g.id);
            let money = |minor: i64| format_minor(minor.into(), g.commodity.decimals);
            let until = state.counted_at.min(g.window_closes());
            let mut latest: BTreeMap<i64, usize> = BTreeMap::new();
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
            for (i, v) in g.votes.iter().enumerate() {
                if v.at.date() > span.to {
                    continue;
                }
                vote_rows.push(VoteRow {
                    grant: label.clone(),
                    member: self.person(v.member),
                    vote: v.vote.map_or("withdrawn".to_owned(), |v| v.to_string()),
                    at: stamp(v.at),
                    reason: self.privacy.redact_opt(v.reason.as_deref()),
                    counted: if counted.contains(&i) { "yes" } else { "no" }.to_owned(),
                });
            }
            let mut recused: Vec<(String, &str)> = grants::recused(conn, &g, until)?
                .into_iter()
                .map(|(member, why)| (self.person(member), why))
                .collect();
            recused.sort();
            for (member, why) in recused {
                vote_rows.push(VoteRow {
                    grant: label.clone(),
                    member,
                    vote: "recused".into(),
                    at: stamp(until),
                    reason: self.privacy.recusal(why),
                    counted: "no".to_owned(),
                });
            }
            let tally = match (state.decided, g.decided_tally) {
                (true, Some(t)) => t,
                _ => grants::tally(conn, &g, state.counted_at)?,
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
            let closed = state.status == Status::Closed;
            let committed = if state.status == Status::Approved {
                g.amount - paid
            } else {
                0
            };
            let row = GrantRow {
                grant: label,
                applicant: self.person(g.applicant),
                pool: self.pool_names.get(&g.pool).cloned().unwrap_or_default(),
                commodity: g.commodity.code.clone(),
                amount: money(g.amount),
                purpose: self.privacy.redact(&g.purpose),
                category: self.privacy.redact_opt(g.category.as_deref()),
                needed_by: cell(g.needed_by.map(iso)),
                applied_at: stamp(g.applied_at),
                policy_version: g.policy_version.to_string(),
                rule: g.tier.rule.to_string(),
                window_closes: stamp(g.window_closes()),
                status: state.status.as_str().to_owned(),
                decision: cell(state.decided.then_some(if state.approved {
                    "approved"
                } else {
                    "rejected"
                })),
                decided_at: cell(g.decided_at.filter(|_| state.decided).map(stamp)),
                expires: cell(
                    g.expires
                        .filter(|_| state.decided && state.approved)
                        .map(iso),
                ),
                consents: tally.consents.to_string(),
                objections: tally.objections.to_string(),
                abstentions: tally.abstentions.to_string(),
                eligible: tally.eligible.to_string(),
                explanation: self
                    .privacy
                    .redact_opt(g.explanation.as_deref().filter(|_| state.decided)),
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
                ended_at: cell(state.ended.map(|(at, _)| stamp(at))),
                end_reason: self
                    .privacy
                    .redact_opt(state.ended.and_then(|(_, why)| why)),
            };
            grant_file.row(&row, &mut self.privacy)?;
        }
        self.done(grant_file)?;
        let mut vote_file = self.csv(VOTES)?;
        for row in &vote_rows {
            vote_file.row(row, &mut self.privacy)?;
        }
        self.done(vote_file)
    }

    /// policies.csv: every version set by the end of the period, a row per
    /// tier.
    pub(super) fn policies(&mut self) -> Result<()> {
        let places: HashMap<&str, u32> = self
            .commodities
            .iter()
            .map(|c| (c.commodity.code.as_str(), c.commodity.decimals))
            .collect();
        let mut rows = Vec::new();
        for pool in &self.pools {
            for (at, policy) in grants::policies(self.conn, pool.id)? {
                if at.date() > self.span.to {
                    continue;
                }
                let reason = self.privacy.redact_opt(policy.reason.as_deref());
                for tier in &policy.tiers {
                    let (rule, min_consents, quorum, threshold) = match &tier.rule {
                        Rule::Consent { min_consents } => {
                            ("consent", Some(*min_consents), None, None)
                        }
                        Rule::Lazy { min_consents } => ("lazy", Some(*min_consents), None, None),
                        Rule::Majority { quorum, threshold } => {
                            ("majority", None, Some(*quorum), Some(threshold.clone()))
                        }
                    };
                    let up_to = tier.up_to.map(|minor| {
                        let decimals = tier
                            .commodity
                            .as_deref()
                            .and_then(|code| places.get(code))
                            .copied()
                            .unwrap_or(0);
                        format_minor(minor.into(), decimals)
                    });
                    rows.push(PolicyRow {
                        pool: pool.name.clone(),
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
                    });
                }
            }
        }
        let mut file = self.csv(POLICIES)?;
        for row in &rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }

    pub(super) fn roles(&mut self) -> Result<()> {
        let mut file = self.csv(ROLES)?;
        for t in members::terms(self.conn)? {
            if t.starts_on > self.span.to {
                continue;
            }
            let row = RoleRow {
                member: self.person(t.member_id),
                role: t.role.as_str().to_owned(),
                from: iso(t.starts_on),
                until: cell(t.ends_on.map(iso)),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }
}

/// A grant as it stood at the end of a period.
struct State<'g> {
    status: Status,
    decided: bool,
    approved: bool,
    /// When its votes are counted: the decision, the withdrawal, or the end
    /// of the period.
    counted_at: NaiveDateTime,
    ended: Option<(NaiveDateTime, Option<&'g str>)>,
}

impl<'g> State<'g> {
    /// Its state at the end of `span`, or None when it is not in the bundle
    /// (applied after the period, or finished before it began).
    fn of(g: &'g Grant, span: &Span) -> Option<State<'g>> {
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
        Some(State {
            status,
            decided: decided.is_some(),
            approved,
            counted_at,
            ended,
        })
    }
}
