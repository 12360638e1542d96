//! The grant register and the whole story of one grant, as an audience may
//! see them (applicants and voters are members, shown per audience).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::books::grants::{self, policies, tally};
use crate::books::members;
use crate::domain::grant::{Grant, Line, Status};
use crate::domain::ids::{GrantId, MemberId, PoolId};
use crate::domain::member::{Audience, shown_name};
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::domain::policy::Rule;
use crate::error::Result;
use crate::render::Row;
use crate::report::members::FactRow;
use crate::store::{fund, pools};

#[derive(Debug, Clone, Serialize)]
pub struct GrantRow {
    pub grant: String,
    pub applicant: String,
    pub pool: String,
    pub commodity: String,
    pub requested: Money,
    pub paid: Money,
    pub spent: Money,
    pub status: &'static str,
    pub rule: String,
    pub consents: u32,
    pub objections: u32,
    pub abstentions: u32,
}

impl Row for GrantRow {
    const COLUMNS: &'static [&'static str] = &[
        "grant",
        "applicant",
        "pool",
        "commodity",
        "requested",
        "paid",
        "spent",
        "status",
        "rule",
        "consents",
        "objections",
        "abstentions",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "requested",
        "paid",
        "spent",
        "consents",
        "objections",
        "abstentions",
    ];
}

struct Names {
    audience: Audience,
    secret: String,
    members: std::collections::HashMap<MemberId, crate::store::members::StoredMember>,
    pools: std::collections::HashMap<PoolId, String>,
}

impl Names {
    fn load(conn: &Connection, audience: Audience) -> Result<Names> {
        Ok(Names {
            audience,
            secret: fund::secret(conn)?,
            members: members::by_id(conn)?,
            pools: pools::names_by_id(conn)?,
        })
    }

    fn member(&self, id: MemberId) -> String {
        self.members.get(&id).map_or_else(
            || format!("#{id}"),
            |m| shown_name(self.audience, m.visibility, &m.name, &self.secret, m.id),
        )
    }
}

fn money(grant: &Grant, minor: i64) -> Money {
    Money::stored(minor.into(), grant.commodity.decimals())
}

/// When the votes are counted for a grant's row: at its decision, or now.
fn counted_at(grant: &Grant, now: NaiveDateTime) -> NaiveDateTime {
    grant.decided_at.unwrap_or(now)
}

/// Every grant, filtered by status and pool.
pub fn list(
    conn: &Connection,
    audience: Audience,
    status: Option<Status>,
    pool: Option<&str>,
    now: NaiveDateTime,
) -> Result<Vec<GrantRow>> {
    let names = Names::load(conn, audience)?;
    if let Some(name) = pool
        && pools::find_by_key(conn, &crate::domain::account::name_key(name))?.is_none()
    {
        return Err(crate::error::Error::UnknownPool {
            name: name.to_owned(),
        });
    }
    let pool_key = pool.map(crate::domain::account::name_key);
    let mut rows = Vec::new();
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let pool = names.pools.get(&g.pool).cloned().unwrap_or_default();
        if status.is_some_and(|s| s != g.status)
            || pool_key
                .as_ref()
                .is_some_and(|k| *k != crate::domain::account::name_key(&pool))
        {
            continue;
        }
        let t = tally(conn, &g, counted_at(&g, now))?;
        rows.push(GrantRow {
            grant: g.id.to_string(),
            applicant: names.member(g.applicant),
            pool,
            commodity: g.commodity.code().to_owned(),
            requested: money(&g, g.amount),
            paid: money(&g, g.paid()),
            spent: money(&g, g.spent()),
            status: g.status.as_str(),
            rule: g.tier.rule.to_string(),
            consents: t.consents,
            objections: t.objections,
            abstentions: t.abstentions,
        });
    }
    Ok(rows)
}

/// A grant in the register of a period, as it stood at the period's end.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    pub grant: String,
    pub applicant: String,
    pub pool: String,
    pub category: String,
    pub commodity: String,
    pub requested: Money,
    /// What the decision committed (the request, when approved by then).
    pub approved: Money,
    pub paid: Money,
    pub spent: Money,
    pub returned: Money,
    pub status: &'static str,
    pub rule: String,
    /// The same rule, for a page to say in its language.
    #[serde(skip)]
    pub decided_by: Rule,
    pub consents: u32,
    pub objections: u32,
    pub abstentions: u32,
    /// Stewards in term who had to recuse (the applicant, relatives).
    pub recused: u32,
    pub applied: String,
    pub decided: Option<String>,
    /// From application to decision, in days (to one decimal place).
    pub days_to_decision: Option<Decimal>,
    /// From the decision's day to the first tranche's day.
    pub days_to_first_payment: Option<i64>,
}

impl Row for RegisterRow {
    const COLUMNS: &'static [&'static str] = &[
        "grant",
        "applicant",
        "pool",
        "category",
        "commodity",
        "requested",
        "approved",
        "paid",
        "spent",
        "returned",
        "status",
        "rule",
        "consents",
        "objections",
        "abstentions",
        "recused",
        "applied",
        "decided",
        "days_to_decision",
        "days_to_first_payment",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "requested",
        "approved",
        "paid",
        "spent",
        "returned",
        "consents",
        "objections",
        "abstentions",
        "recused",
        "days_to_decision",
        "days_to_first_payment",
    ];
}

/// Days between two moments, to one decimal place (half to even).
pub fn days_between(from: NaiveDateTime, to: NaiveDateTime) -> Decimal {
    let mut days = Decimal::from((to - from).num_minutes())
        .checked_div(Decimal::from(24 * 60))
        .unwrap_or_default()
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointNearestEven);
    days.rescale(1);
    days
}

/// A grant as it stood at the end of `day`.
pub struct GrantAt<'g> {
    pub grant: &'g Grant,
    pub status: Status,
    pub decided: Option<NaiveDateTime>,
    pub paid: i64,
    pub spent: i64,
    pub first_payment: Option<NaiveDate>,
}

/// Replays what a grant had become by the end of `day`.
pub fn grant_at(grant: &Grant, day: NaiveDate) -> GrantAt<'_> {
    let by = |at: NaiveDateTime| at.date() <= day;
    let dated = |lines: &[Line]| -> Vec<(NaiveDate, i64)> {
        lines
            .iter()
            .map(|l| (l.date, l.amount))
            .filter(|(d, _)| *d <= day)
            .collect()
    };
    let payments = dated(&grant.payments);
    let decided = grant.decided_at.filter(|at| by(*at));
    let status = if grant.closed_at.is_some_and(by) {
        Status::Closed
    } else if grant.status == Status::Withdrawn && grant.ended.as_ref().is_some_and(|e| by(e.0)) {
        Status::Withdrawn
    } else if decided.is_some() {
        if grant.status == Status::Rejected {
            Status::Rejected
        } else {
            Status::Approved
        }
    } else {
        Status::Open
    };
    GrantAt {
        grant,
        status,
        decided,
        paid: payments.iter().map(|p| p.1).sum(),
        spent: dated(&grant.spending).iter().map(|p| p.1).sum(),
        first_payment: payments.iter().map(|p| p.0).min(),
    }
}

/// Every grant that was alive during the span (applied by its end, not
/// ended before its start), as it stood at the span's end.
pub fn register(conn: &Connection, audience: Audience, span: &Span) -> Result<Vec<RegisterRow>> {
    let names = Names::load(conn, audience)?;
    let mut rows = Vec::new();
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let ended_before = [g.closed_at, g.ended.as_ref().map(|e| e.0)]
            .into_iter()
            .flatten()
            .any(|at| at.date() < span.from)
            || (g.status == Status::Rejected
                && g.decided_at.is_some_and(|at| at.date() < span.from));
        if g.applied_at.date() > span.to || ended_before {
            continue;
        }
        let at = grant_at(&g, span.to);
        let counted = at.decided.unwrap_or_else(|| {
            span.to
                .and_hms_opt(23, 59, 59)
                .unwrap_or(g.applied_at)
                .max(g.applied_at)
        });
        let t = tally(conn, &g, counted)?;
        let approved = match at.status {
            Status::Approved | Status::Closed if at.decided.is_some() => g.amount,
            _ => 0,
        };
        let returned = if at.status == Status::Closed {
            g.returned
        } else {
            0
        };
        rows.push(RegisterRow {
            grant: g.id.to_string(),
            applicant: names.member(g.applicant),
            pool: names.pools.get(&g.pool).cloned().unwrap_or_default(),
            category: g.category.clone().unwrap_or_default(),
            commodity: g.commodity.code().to_owned(),
            requested: money(&g, g.amount),
            approved: money(&g, approved),
            paid: money(&g, at.paid),
            spent: money(&g, at.spent),
            returned: money(&g, returned),
            status: at.status.as_str(),
            rule: g.tier.rule.to_string(),
            decided_by: g.tier.rule.clone(),
            consents: t.consents,
            objections: t.objections,
            abstentions: t.abstentions,
            recused: u32::try_from(
                grants::recused(conn, &g, counted.min(g.window_closes()))?.len(),
            )
            .unwrap_or(u32::MAX),
            applied: g.applied_at.format("%Y-%m-%d %H:%M").to_string(),
            decided: at.decided.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
            days_to_decision: at.decided.map(|d| days_between(g.applied_at, d)),
            days_to_first_payment: match (at.decided, at.first_payment) {
                (Some(d), Some(p)) => Some((p - d.date()).num_days()),
                _ => None,
            },
        });
    }
    Ok(rows)
}

/// Everything about one grant: application, policy and tier, every vote
/// (with changes), the decision, tranches, spending lines and closure.
pub fn show(
    conn: &Connection,
    id: GrantId,
    audience: Audience,
    now: NaiveDateTime,
) -> Result<Vec<FactRow>> {
    let names = Names::load(conn, audience)?;
    let g = grants::load(conn, id)?;
    let at = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    let fact = |section, item: &str, value: String| FactRow {
        section,
        item: item.to_owned(),
        value,
    };
    let amount = |minor: i64| format!("{} {}", money(&g, minor), g.commodity.code());
    let mut rows = vec![
        fact("grant", "id", g.id.to_string()),
        fact("grant", "status", g.status.as_str().to_owned()),
        fact("grant", "applicant", names.member(g.applicant)),
        fact(
            "grant",
            "pool",
            names.pools.get(&g.pool).cloned().unwrap_or_default(),
        ),
        fact("grant", "requested", amount(g.amount)),
        fact("grant", "purpose", g.purpose.clone()),
    ];
    if let Some(category) = &g.category {
        rows.push(fact("grant", "category", category.clone()));
    }
    if let Some(needed) = g.needed_by {
        rows.push(fact("grant", "needed by", needed.to_string()));
    }
    rows.push(fact("grant", "applied", at(g.applied_at)));
    let reason = policies(conn, g.pool)?
        .into_iter()
        .find(|(_, p)| p.version == g.policy_version)
        .and_then(|(_, p)| p.reason);
    rows.push(fact(
        "policy",
        &format!("version {}", g.policy_version),
        format!(
            "{}{}",
            g.tier.rule,
            reason.map(|r| format!(" — {r}")).unwrap_or_default()
        ),
    ));
    rows.push(fact("policy", "window closes", at(g.window_closes())));
    for v in &g.votes {
        let why = v
            .reason
            .as_ref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        rows.push(fact(
            "vote",
            &names.member(v.member),
            format!(
                "{} at {}{why}",
                v.vote
                    .map_or("withdrew the vote".to_owned(), |v| v.to_string()),
                at(v.at)
            ),
        ));
    }
    let t = tally(conn, &g, counted_at(&g, now))?;
    rows.push(fact(
        "votes",
        "count",
        format!(
            "{} consent, {} object, {} abstain of {} eligible",
            t.consents, t.objections, t.abstentions, t.eligible
        ),
    ));
    if let (Some(decided), Some(why)) = (g.decided_at, &g.explanation) {
        rows.push(fact(
            "decision",
            status_word(&g),
            format!("{} — {why}", at(decided)),
        ));
    }
    for (n, p) in g.payments.iter().enumerate() {
        let txn = p
            .txn
            .map(|t| format!(", transaction {t}"))
            .unwrap_or_default();
        rows.push(fact(
            "tranche",
            &(n + 1).to_string(),
            format!("{} on {}{txn}", amount(p.amount), p.date),
        ));
    }
    for s in &g.spending {
        let extra = [
            s.receipt.as_ref().map(|r| format!("receipt {r}")),
            s.note.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" ({extra})")
        };
        rows.push(fact(
            "spent",
            s.category.as_deref().unwrap_or(""),
            format!("{} on {}{extra}", amount(s.amount), s.date),
        ));
    }
    rows.push(fact("totals", "paid", amount(g.paid())));
    rows.push(fact("totals", "reported spent", amount(g.spent())));
    if g.status == Status::Approved {
        rows.push(fact(
            "totals",
            "committed, not yet paid",
            amount(g.outstanding()),
        ));
    }
    if let Some(expires) = g.expires {
        rows.push(fact(
            "decision",
            "commitment expires after",
            expires.to_string(),
        ));
    }
    if let Some(closed) = g.closed_at {
        rows.push(fact("closed", "at", at(closed)));
        rows.push(fact("closed", "returned", amount(g.returned)));
    }
    if let Some((when, reason)) = &g.ended {
        if g.status == Status::Withdrawn {
            rows.push(fact("withdrawn", "at", at(*when)));
        }
        if let Some(reason) = reason {
            let section = if g.status == Status::Withdrawn {
                "withdrawn"
            } else {
                "closed"
            };
            rows.push(fact(section, "reason", reason.clone()));
        }
    }
    Ok(rows)
}

/// What a decision made of a grant.
fn status_word(grant: &Grant) -> &'static str {
    match grant.status {
        Status::Rejected => "rejected",
        _ => "approved",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TierRow {
    pub version: u32,
    pub set_at: String,
    pub up_to: String,
    pub rule: String,
    pub window: String,
    pub reason: Option<String>,
}

impl Row for TierRow {
    const COLUMNS: &'static [&'static str] =
        &["version", "set_at", "up_to", "rule", "window", "reason"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["version"];
}

fn window_text(minutes: i64) -> String {
    match minutes {
        m if m % (60 * 24 * 7) == 0 => format!("{}w", m / (60 * 24 * 7)),
        m if m % (60 * 24) == 0 => format!("{}d", m / (60 * 24)),
        m if m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{m}m"),
    }
}

/// A pool's policy (the current version, or every version).
pub fn policy(conn: &Connection, pool: &str, history: bool) -> Result<Vec<TierRow>> {
    let stored =
        pools::find_by_key(conn, &crate::domain::account::name_key(pool))?.ok_or_else(|| {
            crate::error::Error::UnknownPool {
                name: pool.to_owned(),
            }
        })?;
    let commodities = crate::store::commodities::all(conn)?;
    let decimals = |code: &str| {
        commodities
            .iter()
            .find(|c| c.commodity.code() == code)
            .map_or(0, |c| c.commodity.decimals())
    };
    let all = policies(conn, stored.id)?;
    let shown: Vec<_> = if history {
        all
    } else {
        all.into_iter().last().into_iter().collect()
    };
    let mut rows = Vec::new();
    for (at, p) in shown {
        for t in &p.tiers {
            let up_to = match (t.up_to, &t.commodity) {
                (Some(max), Some(code)) => {
                    format!("{} {code}", Money::stored(max.into(), decimals(code)))
                }
                _ => "any amount".to_owned(),
            };
            rows.push(TierRow {
                version: p.version,
                set_at: at.format("%Y-%m-%d %H:%M").to_string(),
                up_to,
                rule: if p.signed_votes == crate::domain::records::SignedVotes::Required {
                    format!("{}, signed votes only", t.rule)
                } else {
                    t.rule.to_string()
                },
                window: window_text(t.window_minutes),
                reason: p.reason.clone(),
            });
        }
    }
    Ok(rows)
}
