//! `fondo member statement`: what one member gave in a period, and what it
//! did. Every contribution in money and in kind (voided ones do not count),
//! the totals per commodity, each pledge period and how it was kept, the
//! grants the member received, and, for each pool they gave to, the grants
//! paid from it in the period. It names the fund and its fingerprint, so a
//! statement can be matched with the books it came from.
//!
//! A statement is for the member it is about (and the treasurer writing it):
//! it shows their own name. It names nobody else: the grants a pool paid
//! are counted and summed, never listed by applicant. The rows
//! ([`StatementRow`]) feed the table, CSV and JSON writers; [`document`]
//! composes the printable HTML receipt from the same [`Statement`].

pub mod messages;
mod page;

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::books::members::member;
use crate::domain::currency;
use crate::domain::hash::GENESIS;
use crate::domain::ids::{PledgeId, PoolId, TxnId};
use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::Result;
use crate::render::Row;
use crate::store::{commodities, fund, members, pools, records};

pub use page::document;

/// How a contribution was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Given {
    Money,
    ServicesInKind,
    GoodsInKind,
}

impl Given {
    pub fn as_str(self) -> &'static str {
        match self {
            Given::Money => "money",
            Given::ServicesInKind => "services in kind",
            Given::GoodsInKind => "goods in kind",
        }
    }
}

/// One contribution (one commodity and pool of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub txn: TxnId,
    pub date: chrono::NaiveDate,
    pub given: Given,
    /// The kind of service, for services in kind.
    pub kind: Option<String>,
    pub pool: String,
    pub commodity: String,
    pub amount: Money,
}

/// A total per commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub commodity: String,
    pub amount: Money,
}

/// What the rows say for the pool of a pledge to any pool.
const ANY_POOL: &str = "any";

/// One period of one of the member's pledges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgePeriod {
    pub pledge: PledgeId,
    pub period: String,
    /// The pool it is for; `None` for a pledge to any pool.
    pub pool: Option<String>,
    pub commodity: String,
    pub pledged: Money,
    pub received: Money,
}

impl PledgePeriod {
    pub fn kept(&self) -> bool {
        self.received.minor() >= self.pledged.minor()
    }
}

/// A grant the member received: what was paid to them in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub grant: String,
    pub pool: String,
    pub purpose: String,
    pub status: &'static str,
    pub commodity: String,
    pub paid: Money,
}

/// What a pool the member gave to did in the period: the grants paid from
/// it (counted and summed, nobody named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolWork {
    pub pool: String,
    pub purpose: String,
    pub commodity: String,
    pub grants: u64,
    pub paid: Money,
}

/// Everything a member statement says.
#[derive(Debug, Clone)]
pub struct Statement {
    pub fund: String,
    pub fingerprint: String,
    pub records_head: String,
    pub member: String,
    pub span: Span,
    pub contributions: Vec<Contribution>,
    pub totals: Vec<Total>,
    pub pledges: Vec<PledgePeriod>,
    pub received: Vec<Received>,
    pub pools: Vec<PoolWork>,
}

/// Gathers the statement of member `name` for `span`.
///
/// # Errors
/// [`crate::error::Error::UnknownMember`] for a name no member has.
pub fn statement(conn: &Connection, name: &str, span: &Span) -> Result<Statement> {
    let who = member(conn, name)?;
    let stored = fund::get(conn)?;
    let (records_head, _) = records::head(conn)?.unwrap_or_else(|| (GENESIS.to_owned(), 0));
    let commodities = commodities::by_id(conn)?;
    let pools: BTreeMap<PoolId, pools::StoredPool> =
        pools::all(conn)?.into_iter().map(|p| (p.id, p)).collect();
    let pool_name = |id: Option<PoolId>| {
        pools
            .get(&id.unwrap_or(pools::GENERAL))
            .map_or_else(String::new, |p| p.name.clone())
    };
    let mut contributions = Vec::new();
    let mut totals: BTreeMap<String, Money> = BTreeMap::new();
    for c in members::member_contributions(conn, who.id, span.from, span.to)? {
        let Some(commodity) = commodities.get(&c.commodity_id) else {
            continue;
        };
        let given = match (&c.kind, currency::known(commodity.code())) {
            (Some(_), _) => Given::ServicesInKind,
            (None, Some(_)) => Given::Money,
            (None, None) => Given::GoodsInKind,
        };
        let amount = Money::stored(c.amount, commodity.decimals());
        totals
            .entry(commodity.code().to_owned())
            .or_insert(Money::stored(0, commodity.decimals()))
            .add(c.amount);
        contributions.push(Contribution {
            txn: c.txn_id,
            date: c.date,
            given,
            kind: c.kind,
            pool: pool_name(c.pool_id),
            commodity: commodity.code().to_owned(),
            amount,
        });
    }
    let pledges = crate::report::support::pledge_status(conn, Audience::Treasurer, span.to)?;
    // Each of the member's pledges, and whether it is to one pool.
    let mine: BTreeMap<PledgeId, bool> = members::pledges(conn)?
        .iter()
        .filter(|p| p.member_id == who.id)
        .map(|p| (p.id, p.pool_id.is_some()))
        .collect();
    let pledges = pledges
        .into_iter()
        .filter_map(|p| Some((mine.get(&p.pledge).copied()?, p)))
        .filter(|(_, p)| {
            Span::parse(&p.period).is_ok_and(|s| s.to >= span.from && s.from <= span.to)
        })
        .map(|(one_pool, p)| PledgePeriod {
            pledge: p.pledge,
            period: p.period,
            pool: one_pool.then_some(p.pool),
            commodity: p.commodity,
            pledged: p.pledged,
            received: p.received,
        })
        .collect();
    let given_to: Vec<String> = {
        let mut names: Vec<String> = contributions.iter().map(|c| c.pool.clone()).collect();
        names.sort();
        names.dedup();
        names
    };
    let mut received = Vec::new();
    let mut work: BTreeMap<(String, String), (String, u64, Money)> = BTreeMap::new();
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let paid: i128 = g
            .payments
            .iter()
            .filter(|p| span.contains(p.date))
            .map(|p| i128::from(p.amount))
            .sum();
        if paid == 0 {
            continue;
        }
        let pool = pool_name(Some(g.pool));
        let money = Money::stored(paid, g.commodity.decimals());
        if g.applicant == who.id {
            received.push(Received {
                grant: g.id.to_string(),
                pool: pool.clone(),
                purpose: g.purpose.clone(),
                status: g.status.as_str(),
                commodity: g.commodity.code().to_owned(),
                paid: money,
            });
        }
        if given_to.contains(&pool) {
            let purpose = pools
                .get(&g.pool)
                .map_or_else(String::new, |p| p.purpose.clone());
            let entry = work
                .entry((pool, g.commodity.code().to_owned()))
                .or_insert((purpose, 0, Money::stored(0, g.commodity.decimals())));
            entry.1 += 1;
            entry.2.add(paid);
        }
    }
    Ok(Statement {
        fund: stored.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
        fingerprint: stored.map_or_else(|| GENESIS.to_owned(), |f| f.head_hash),
        records_head,
        member: who.name,
        span: span.clone(),
        contributions,
        totals: totals
            .into_iter()
            .map(|(commodity, amount)| Total { commodity, amount })
            .collect(),
        pledges,
        received,
        pools: work
            .into_iter()
            .map(|((pool, commodity), (purpose, grants, paid))| PoolWork {
                pool,
                purpose,
                commodity,
                grants,
                paid,
            })
            .collect(),
    })
}

/// One line of a statement, for the table, CSV and JSON formats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementRow {
    /// fund, member, contribution, total, pledge, grant received or pool.
    pub section: &'static str,
    pub item: String,
    /// A day, or a pledge's period.
    pub date: String,
    pub pool: String,
    pub commodity: String,
    pub amount: Option<Money>,
    pub detail: String,
}

impl Row for StatementRow {
    const COLUMNS: &'static [&'static str] = &[
        "section",
        "item",
        "date",
        "pool",
        "commodity",
        "amount",
        "detail",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["amount"];
}

/// The statement as rows.
pub fn rows(s: &Statement) -> Vec<StatementRow> {
    let row = |section, item: &str, detail: String| StatementRow {
        section,
        item: item.to_owned(),
        date: String::new(),
        pool: String::new(),
        commodity: String::new(),
        amount: None,
        detail,
    };
    let mut out = vec![
        row("fund", "name", s.fund.clone()),
        row("fund", "fingerprint", s.fingerprint.clone()),
        row("fund", "records head", s.records_head.clone()),
        row("member", "name", s.member.clone()),
        row(
            "member",
            "period",
            format!("{} ({} to {})", s.span.label, s.span.from, s.span.to),
        ),
    ];
    for c in &s.contributions {
        out.push(StatementRow {
            date: c.date.to_string(),
            pool: c.pool.clone(),
            commodity: c.commodity.clone(),
            amount: Some(c.amount),
            detail: match &c.kind {
                Some(kind) => format!("{kind}; transaction {}", c.txn),
                None => format!("transaction {}", c.txn),
            },
            ..row("contribution", c.given.as_str(), String::new())
        });
    }
    for t in &s.totals {
        out.push(StatementRow {
            commodity: t.commodity.clone(),
            amount: Some(t.amount),
            ..row("total", "given", String::new())
        });
    }
    for p in &s.pledges {
        out.push(StatementRow {
            date: p.period.clone(),
            pool: p.pool.clone().unwrap_or_else(|| ANY_POOL.to_owned()),
            commodity: p.commodity.clone(),
            amount: Some(p.received),
            ..row(
                "pledge",
                &format!("pledge {}", p.pledge),
                format!(
                    "{} of {} pledged",
                    if p.kept() { "kept" } else { "short" },
                    p.pledged
                ),
            )
        });
    }
    for r in &s.received {
        out.push(StatementRow {
            pool: r.pool.clone(),
            commodity: r.commodity.clone(),
            amount: Some(r.paid),
            ..row(
                "grant received",
                &r.grant,
                format!("{} ({})", r.purpose, r.status),
            )
        });
    }
    for w in &s.pools {
        out.push(StatementRow {
            pool: w.pool.clone(),
            commodity: w.commodity.clone(),
            amount: Some(w.paid),
            ..row(
                "pool",
                "grants paid",
                format!(
                    "{} {}; {}",
                    w.grants,
                    if w.grants == 1 { "grant" } else { "grants" },
                    w.purpose
                ),
            )
        });
    }
    out
}
