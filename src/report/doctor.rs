//! `fondo doctor`'s look at the books: the things that quietly block a
//! fund's work, in plain words, with what to do about each. No default
//! currency or contribution account, pools whose policy no steward in term
//! can pass, open grants whose voting window has closed, approved
//! commitments past their expiry, role terms past the fund's limit, and
//! every finished period of a pledge in which less was received than
//! pledged (nothing after a pledge's end).
//!
//! Each item is an [`Advice`] row: `problem` means the books are not
//! trustworthy as they are (exit 1), `attention` means work is waiting, `ok`
//! says what was checked and found fine. `audit::doctor` puts `verify`'s
//! findings, explained, before these.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::domain::grant::{Status, grant_label};
use crate::domain::member::Audience;
use crate::domain::settings::CONTRIBUTION_ACCOUNT;
use crate::error::Result;
use crate::render::Row;
use crate::store::{fund, members, pools, settings};

/// How serious an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Problem,
    Attention,
    Ok,
}

/// One thing the doctor found, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub severity: Severity,
    pub topic: &'static str,
    pub finding: String,
    pub what_to_do: String,
}

impl Row for Advice {
    const COLUMNS: &'static [&'static str] = &["severity", "topic", "finding", "what_to_do"];
}

impl Advice {
    pub fn new(severity: Severity, topic: &'static str, finding: String, what: String) -> Advice {
        Advice {
            severity,
            topic,
            finding,
            what_to_do: what,
        }
    }
}

/// The set-up missing and the work waiting at `now`, in the order checked.
pub fn waiting(conn: &Connection, now: NaiveDateTime) -> Result<Vec<Advice>> {
    let mut out = Vec::new();
    let today = now.date();
    let fund = fund::get(conn)?;
    if fund.as_ref().is_some_and(|f| f.currency.is_none()) {
        out.push(Advice::new(
            Severity::Attention,
            "set-up",
            "the fund has no default currency: every amount must name its commodity".into(),
            "that is fine; or create the fund with `fondo init --currency CODE` next time".into(),
        ));
    }
    if settings::get(conn, CONTRIBUTION_ACCOUNT)?.is_none() {
        out.push(Advice::new(
            Severity::Attention,
            "set-up",
            "no default account for contributions of money".into(),
            format!(
                "`fondo setting set {CONTRIBUTION_ACCOUNT} assets:bank` (or pass --into to every `fondo contribute`)"
            ),
        ));
    }
    if fund.as_ref().is_some_and(|f| f.txn_count == 0) {
        out.push(Advice::new(
            Severity::Attention,
            "set-up",
            "the journal is empty".into(),
            "record opening balances with `fondo post` or bring old books in with `fondo journal import`".into(),
        ));
    }
    let stewards_today = members::terms(conn)?
        .into_iter()
        .filter(|t| {
            t.role == crate::domain::member::Role::Steward
                && t.starts_on <= today
                && t.ends_on.is_none_or(|e| today <= e)
        })
        .count();
    let names = pools::names_by_id(conn)?;
    for (id, name) in &names {
        if grants::policies(conn, *id)?.is_empty() {
            continue;
        }
        if stewards_today == 0 {
            out.push(Advice::new(
                Severity::Attention,
                "governance",
                format!("pool {name} has a grant policy but no steward is in term today"),
                "assign stewards for a term: `fondo role assign MEMBER steward --from DAY`".into(),
            ));
            break;
        }
    }
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let label = grant_label(g.id);
        if g.status == Status::Open && g.window_closes() <= now {
            out.push(Advice::new(
                Severity::Attention,
                "grants",
                format!(
                    "{label}: its voting window closed at {} and it is still open",
                    g.window_closes().format("%Y-%m-%d %H:%M")
                ),
                format!("`fondo grant decide {label}` records the outcome the policy gives"),
            ));
        }
        if g.status == Status::Approved && g.expires.is_some_and(|e| today > e) {
            out.push(Advice::new(
                Severity::Attention,
                "grants",
                format!(
                    "{label}: its commitment expired after {} with money unpaid",
                    g.expires.map(|e| e.to_string()).unwrap_or_default()
                ),
                "`fondo grant sweep` releases expired commitments back to their pools".into(),
            ));
        }
    }
    for t in crate::report::members::terms(conn, Audience::Treasurer, Some(today), today)? {
        if let Some(flag) = t.flag {
            out.push(Advice::new(
                Severity::Attention,
                "roles",
                format!("{} has been {} since {}: {flag}", t.member, t.role, t.from),
                format!(
                    "rotate the role: `fondo role end \"{}\" {} --on DAY` and assign someone else",
                    t.member, t.role
                ),
            ));
        }
    }
    // Every finished period that fell short, grouped by pledge.
    let mut behind: Vec<(i64, String, String, Vec<String>, i128, u32)> = Vec::new();
    for p in crate::report::support::pledge_status(conn, Audience::Treasurer, today)? {
        let finished = crate::domain::period::Span::parse(&p.period).is_ok_and(|s| s.to < today);
        if !finished || p.difference.minor >= 0 {
            continue;
        }
        match behind.last_mut() {
            Some(last) if last.0 == p.pledge => {
                last.3.push(p.period.clone());
                last.4 -= p.difference.minor;
            }
            _ => behind.push((
                p.pledge,
                p.member.clone(),
                p.commodity.clone(),
                vec![p.period.clone()],
                -p.difference.minor,
                p.difference.decimals,
            )),
        }
    }
    for (pledge, member, commodity, periods, short, decimals) in behind {
        out.push(Advice::new(
            Severity::Attention,
            "pledges",
            format!(
                "pledge {pledge} of {member}: {} {commodity} short over {} ({})",
                crate::domain::money::format_minor(short, decimals),
                if periods.len() == 1 {
                    "1 period".to_owned()
                } else {
                    format!("{} periods", periods.len())
                },
                periods.join(", ")
            ),
            format!(
                "check in with the member; if the pledge is over, `fondo pledge end \"{member}\" --on DAY`"
            ),
        ));
    }
    Ok(out)
}
