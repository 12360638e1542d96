//! `fondo handover`: what a treasurer hands over to the next, on one day.
//! Balances per assets and liabilities account, what each pool holds and has committed, the
//! grants waiting for a vote, a decision, a payment or a spending report,
//! the pledges behind, the latest milestone records (reconciliation, period
//! close) if the books have any, the role terms ending soon, and the two
//! fingerprints; [`document`] composes the page (HTML and Markdown) with a
//! checklist for the first week. It is for treasurers: names are shown.
//!
//! Everything comes from the same reports and books views as `fondo
//! balance`, `pool list`, `grant list`, `pledge status` and `role list`.

pub mod messages;
mod page;

use chrono::{Days, NaiveDate, NaiveTime};
use rusqlite::Connection;

use crate::books::grants;
use crate::books::pools::holdings;
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::grant::Status;
use crate::domain::hash::GENESIS;
use crate::domain::ids::PledgeId;
use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::Result;
use crate::report::balance::{BalanceQuery, BalanceRow, balance};
use crate::store::{fund, members, pools, records};

pub use page::{BackupNote, document};

/// How far ahead a role term's end counts as soon.
pub const SOON_DAYS: u64 = 60;

/// Milestones fondo shows the latest of, when the books have any: the
/// record kind as stored and what it is. A new kind of milestone is one
/// more line here (and its words in `messages`).
pub const MILESTONES: &[&str] = &["reconciliation", "period-close"];

/// What a pool holds in one commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub pool: String,
    pub commodity: String,
    pub held: Money,
    pub committed: Money,
    pub available: Money,
}

/// What a grant is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Open, its window still open.
    Votes,
    /// Open, its window closed.
    Decision,
    /// Approved, not fully paid.
    Payment,
    /// Paid, less reported spent than paid.
    SpendingReport,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingGrant {
    pub grant: String,
    pub pool: String,
    pub applicant: String,
    pub commodity: String,
    pub amount: Money,
    pub waiting: Waiting,
    /// What is left: unpaid, or paid and not reported.
    pub left: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeBehind {
    pub pledge: PledgeId,
    pub member: String,
    pub commodity: String,
    pub periods: Vec<String>,
    pub short: Money,
}

/// The latest record of a milestone kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub kind: &'static str,
    pub at: String,
    /// The payload's `period`, `account` and `reason`, where it has them.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingTerm {
    pub member: String,
    pub role: &'static str,
    pub ends_on: NaiveDate,
}

/// Everything the handover page shows.
#[derive(Debug, Clone)]
pub struct Handover {
    pub fund: String,
    pub on: NaiveDate,
    pub balances: Vec<BalanceRow>,
    pub holdings: Vec<Holding>,
    pub grants: Vec<WaitingGrant>,
    pub pledges: Vec<PledgeBehind>,
    /// One per kind of [`MILESTONES`], `None` when the books have none.
    pub milestones: Vec<(&'static str, Option<Milestone>)>,
    pub ending: Vec<EndingTerm>,
    pub fingerprint: String,
    pub transactions: i64,
    pub records_head: String,
    pub records: i64,
}

fn money(minor: i64, decimals: u32) -> Money {
    Money::stored(i128::from(minor), decimals)
}

/// Gathers the handover of the books as they stand at the end of `on`.
pub fn handover(conn: &Connection, on: NaiveDate) -> Result<Handover> {
    let stored = fund::get(conn)?;
    let (records_head, records) = records::head(conn)?.unwrap_or_else(|| (GENESIS.to_owned(), 0));
    let balances = balance(
        conn,
        &BalanceQuery {
            prefixes: Vec::new(),
            as_of: Some(on),
            tree: false,
            depth: None,
        },
    )?
    .into_iter()
    .filter(|b| {
        validate_account_name(&b.account)
            .is_ok_and(|t| matches!(t, AccountType::Assets | AccountType::Liabilities))
    })
    .collect();
    let holdings = holdings(conn, Some(on))?
        .into_iter()
        .filter(|h| h.held.minor() != 0 || h.committed.minor() != 0)
        .map(|h| Holding {
            pool: h.pool,
            commodity: h.commodity,
            held: h.held,
            committed: h.committed,
            available: h.available,
        })
        .collect();
    let members = crate::books::members::by_id(conn)?;
    let pool_names = pools::names_by_id(conn)?;
    let end_of_day = on.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    let mut waiting = Vec::new();
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let d = g.commodity.decimals();
        let state = match g.status {
            Status::Open if g.window_closes() > end_of_day => Some((Waiting::Votes, g.amount)),
            Status::Open => Some((Waiting::Decision, g.amount)),
            Status::Approved if g.paid() < g.amount => {
                Some((Waiting::Payment, g.amount - g.paid()))
            }
            Status::Approved if g.spent() < g.paid() => {
                Some((Waiting::SpendingReport, g.paid() - g.spent()))
            }
            _ => None,
        };
        let Some((state, left)) = state else { continue };
        waiting.push(WaitingGrant {
            grant: g.id.to_string(),
            pool: pool_names.get(&g.pool).cloned().unwrap_or_default(),
            applicant: members
                .get(&g.applicant)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            commodity: g.commodity.code().to_owned(),
            amount: money(g.amount, d),
            waiting: state,
            left: money(left, d),
        });
    }
    let mut behind: Vec<PledgeBehind> = Vec::new();
    for p in crate::report::support::pledge_status(conn, Audience::Treasurer, on)? {
        let finished = Span::parse(&p.period).is_ok_and(|s| s.to < on);
        if !finished || p.difference.minor() >= 0 {
            continue;
        }
        match behind.last_mut() {
            Some(last) if last.pledge == p.pledge => {
                last.periods.push(p.period);
                last.short.add(-p.difference.minor());
            }
            _ => behind.push(PledgeBehind {
                pledge: p.pledge,
                member: p.member,
                commodity: p.commodity,
                periods: vec![p.period],
                short: Money::stored(-p.difference.minor(), p.difference.decimals()),
            }),
        }
    }
    let mut milestones = Vec::new();
    for kind in MILESTONES {
        let latest = records::of_kind(conn, kind)?.pop().map(|r| {
            let detail = ["period", "account", "reason"]
                .iter()
                .filter_map(|key| r.payload.get(*key).and_then(|v| v.as_str()))
                .collect::<Vec<_>>()
                .join("; ");
            Milestone {
                kind,
                at: r.at,
                detail,
            }
        });
        milestones.push((*kind, latest));
    }
    let horizon = on.checked_add_days(Days::new(SOON_DAYS)).unwrap_or(on);
    let ending = members::terms(conn)?
        .into_iter()
        .filter_map(|t| {
            let end = t.ends_on?;
            (t.starts_on <= on && on <= end && end <= horizon).then(|| EndingTerm {
                member: members
                    .get(&t.member_id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                role: t.role.as_str(),
                ends_on: end,
            })
        })
        .collect();
    Ok(Handover {
        fund: stored.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
        on,
        balances,
        holdings,
        grants: waiting,
        pledges: behind,
        milestones,
        ending,
        fingerprint: stored
            .as_ref()
            .map_or_else(|| GENESIS.to_owned(), |f| f.head_hash.clone()),
        transactions: stored.map_or(0, |f| f.txn_count),
        records_head,
        records,
    })
}
