//! `fondo doctor`'s look at the books: the things that quietly block a
//! fund's work, in plain words, with what to do about each. No default
//! currency or contribution account, pools whose policy no steward in term
//! can pass, open grants whose voting window has closed, approved
//! commitments past their expiry, role terms past the fund's limit, and
//! every finished period of a pledge in which less was received than
//! pledged (nothing after a pledge's end).
//!
//! Each item is an [`Advice`]: `problem` means the books are not
//! trustworthy as they are (exit 1), `attention` means work is waiting, `ok`
//! says what was checked and found fine. `audit::doctor` puts `verify`'s
//! findings, explained, before these. What to do about an item is a typed
//! [`Remedy`]: the binary words it as the commands that do it (the library
//! names no command).

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::grants;
use crate::domain::grant::Status;
use crate::domain::ids::PledgeId;
use crate::domain::member::Audience;
use crate::domain::settings::CONTRIBUTION_ACCOUNT;
use crate::error::Result;
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub severity: Severity,
    pub topic: &'static str,
    pub finding: String,
    pub remedy: Remedy,
}

impl Advice {
    pub fn new(severity: Severity, topic: &'static str, finding: String, remedy: Remedy) -> Advice {
        Advice {
            severity,
            topic,
            finding,
            remedy,
        }
    }
}

/// What to do about an item the doctor found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// Nothing now; a new fund can be given a default currency.
    CurrencyNextTime,
    /// Set the default account for contributions of money.
    ContributionAccount,
    /// Record opening balances or import old books.
    OpeningBalances,
    /// Assign stewards for a term.
    AssignStewards,
    /// Decide the grant whose window closed.
    DecideGrant { grant: String },
    /// Release expired commitments.
    Sweep,
    /// End a long role term and assign someone else.
    RotateRole { member: String, role: String },
    /// Check in with the member about the pledge.
    FollowPledge { member: String },
    /// Publish the fingerprint at the next forum.
    PublishFingerprint { fingerprint: String },
    /// The file is damaged: restore the latest backup over it.
    RestoreDamagedFile,
    /// The journal was changed outside fondo.
    JournalChanged,
    /// Something changed outside fondo (`what` says what disagrees):
    /// restore the latest good backup.
    RestoreGoodBackup { what: &'static str },
    /// Restricted money is missing or mislabelled.
    CheckPool,
    /// Review a grant paid or committed beyond what was approved.
    ReviewGrant,
    /// Review a decision that does not follow from its votes.
    ReviewDecision,
    /// Read about the finding's code.
    SeeDocs,
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
            Remedy::CurrencyNextTime,
        ));
    }
    if settings::get(conn, CONTRIBUTION_ACCOUNT)?.is_none() {
        out.push(Advice::new(
            Severity::Attention,
            "set-up",
            "no default account for contributions of money".into(),
            Remedy::ContributionAccount,
        ));
    }
    if fund.as_ref().is_some_and(|f| f.txn_count == 0) {
        out.push(Advice::new(
            Severity::Attention,
            "set-up",
            "the journal is empty".into(),
            Remedy::OpeningBalances,
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
                Remedy::AssignStewards,
            ));
            break;
        }
    }
    for id in grants::ids(conn)? {
        let g = grants::load(conn, id)?;
        let label = g.id.to_string();
        if g.status == Status::Open && g.window_closes() <= now {
            out.push(Advice::new(
                Severity::Attention,
                "grants",
                format!(
                    "{label}: its voting window closed at {} and it is still open",
                    g.window_closes().format("%Y-%m-%d %H:%M")
                ),
                Remedy::DecideGrant {
                    grant: label.clone(),
                },
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
                Remedy::Sweep,
            ));
        }
    }
    for t in crate::report::members::terms(conn, Audience::Treasurer, Some(today), today)? {
        if let Some(flag) = t.flag {
            out.push(Advice::new(
                Severity::Attention,
                "roles",
                format!("{} has been {} since {}: {flag}", t.member, t.role, t.from),
                Remedy::RotateRole {
                    member: t.member.clone(),
                    role: t.role.to_string(),
                },
            ));
        }
    }
    // Every finished period that fell short, grouped by pledge.
    let mut behind: Vec<(PledgeId, String, String, Vec<String>, i128, u32)> = Vec::new();
    for p in crate::report::support::pledge_status(conn, Audience::Treasurer, today)? {
        let finished = crate::domain::period::Span::parse(&p.period).is_ok_and(|s| s.to < today);
        if !finished || p.difference.minor() >= 0 {
            continue;
        }
        match behind.last_mut() {
            Some(last) if last.0 == p.pledge => {
                last.3.push(p.period.clone());
                last.4 -= p.difference.minor();
            }
            _ => behind.push((
                p.pledge,
                p.member.clone(),
                p.commodity.clone(),
                vec![p.period.clone()],
                -p.difference.minor(),
                p.difference.decimals(),
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
            Remedy::FollowPledge { member },
        ));
    }
    Ok(out)
}
