//! `fondo doctor`: what a new treasurer should know about the books, in
//! plain words, with what to do about each thing.
//!
//! It runs `verify` and explains every finding by its code, then looks for
//! the things that quietly block a fund's work: no default currency or
//! contribution account, pools whose policy no steward in term can pass,
//! open grants whose voting window has closed, approved commitments past
//! their expiry, role terms past the fund's limit, and money pledged but
//! not received in the last three months. Each item is a [`Advice`] row; `problem` means the books
//! are not trustworthy as they are (exit 1), `attention` means work is
//! waiting, `ok` says what was checked and found fine.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::audit::verify::{self, codes};
use crate::domain::member::Audience;
use crate::error::{Result, SqlContext};
use crate::ops::grants::{self, Status, grant_label};
use crate::ops::members::CONTRIBUTION_ACCOUNT;
use crate::render::Row;
use crate::store::{Db, fund, members, pools, settings};

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

/// What to do about a `verify` finding, by its code.
fn remedy(code: &str) -> &'static str {
    match code {
        codes::INTEGRITY => {
            "the file itself is damaged: stop writing to it, copy it aside, and restore the latest backup (`fondo restore BACKUP --force`); then re-enter what came after it"
        }
        codes::UNBALANCED
        | codes::HASH_MISMATCH
        | codes::CHAIN_BREAK
        | codes::HEAD_MISMATCH
        | codes::MALFORMED => {
            "the journal was changed outside fondo: compare the fingerprint with the one last published at a forum, restore the latest backup that matches it (`fondo restore BACKUP --force`), and ask who had access to the file"
        }
        codes::TRIAL_BALANCE | codes::TOTALS_MISMATCH => {
            "totals disagree with the postings (changed outside fondo): restore the latest good backup"
        }
        codes::CLOSED_ACCOUNT => {
            "a posting is dated after its account was closed (changed outside fondo): restore the latest good backup"
        }
        codes::BAD_VOID => {
            "a void does not mirror what it reverses (changed outside fondo): restore the latest good backup"
        }
        codes::POOL_BELOW_ZERO | codes::POOL_TAG | codes::UNBACKED => {
            "restricted money is missing or mislabelled: check the pool's entries with `fondo pool show POOL`; if nothing was changed outside fondo, record a `fondo pool move` the community agrees to"
        }
        codes::RECORDS_CHAIN | codes::AUDIT => {
            "the governance records or a community table were changed outside fondo: restore the latest good backup"
        }
        codes::OVERPAID | codes::OVERCOMMITTED => {
            "a grant was paid or committed beyond what was approved or available: review it with `fondo grant show G-…` at the next meeting"
        }
        codes::DECISION => {
            "a recorded decision does not follow from its votes and policy: review it with `fondo grant show G-…`; see docs/verify.md for backdated entries"
        }
        _ => "see docs/verify.md for this code",
    }
}

fn advice(severity: Severity, topic: &'static str, finding: String, what: String) -> Advice {
    Advice {
        severity,
        topic,
        finding,
        what_to_do: what,
    }
}

/// Everything the doctor finds at `now`, problems first.
pub fn doctor(db: &mut Db, now: NaiveDateTime) -> Result<Vec<Advice>> {
    let checked = verify::verify(db)?;
    let mut out: Vec<Advice> = checked
        .findings
        .iter()
        .map(|f| {
            advice(
                Severity::Problem,
                "integrity",
                format!("{} {}: {}", f.code, f.location, f.message),
                remedy(f.code).to_owned(),
            )
        })
        .collect();
    if checked.findings.is_empty() && checked.transactions > 0 {
        out.push(advice(
            Severity::Ok,
            "integrity",
            format!(
                "verify found nothing wrong in {} transactions and {} governance records",
                checked.transactions, checked.records
            ),
            format!(
                "publish the fingerprint {} at the next forum so members can check later copies",
                checked.fingerprint
            ),
        ));
    }
    let tx = db.read()?;
    let today = now.date();
    let fund = fund::get(&tx)?;
    if fund.as_ref().is_some_and(|f| f.currency.is_none()) {
        out.push(advice(
            Severity::Attention,
            "set-up",
            "the fund has no default currency: every amount must name its commodity".into(),
            "that is fine; or create the fund with `fondo init --currency CODE` next time".into(),
        ));
    }
    if settings::get(&tx, CONTRIBUTION_ACCOUNT)?.is_none() {
        out.push(advice(
            Severity::Attention,
            "set-up",
            "no default account for contributions of money".into(),
            format!(
                "`fondo setting set {CONTRIBUTION_ACCOUNT} assets:bank` (or pass --into to every `fondo contribute`)"
            ),
        ));
    }
    if fund.as_ref().is_some_and(|f| f.txn_count == 0) {
        out.push(advice(
            Severity::Attention,
            "set-up",
            "the journal is empty".into(),
            "record opening balances with `fondo post` or bring old books in with `fondo journal import`".into(),
        ));
    }
    let stewards_today = members::terms(&tx)?
        .into_iter()
        .filter(|t| {
            t.role == crate::domain::member::Role::Steward
                && t.starts_on <= today
                && t.ends_on.is_none_or(|e| today <= e)
        })
        .count();
    let names = pools::names_by_id(&tx)?;
    for (id, name) in &names {
        if grants::policies(&tx, *id)?.is_empty() {
            continue;
        }
        if stewards_today == 0 {
            out.push(advice(
                Severity::Attention,
                "governance",
                format!("pool {name} has a grant policy but no steward is in term today"),
                "assign stewards for a term: `fondo role assign MEMBER steward --from DAY`".into(),
            ));
            break;
        }
    }
    for id in grants::ids(&tx)? {
        let g = grants::load(&tx, id)?;
        let label = grant_label(g.id);
        if g.status == Status::Open && g.window_closes() <= now {
            out.push(advice(
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
            out.push(advice(
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
    for t in crate::report::members::terms(&tx, Audience::Treasurer, Some(today), today)? {
        if let Some(flag) = t.flag {
            out.push(advice(
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
    for p in crate::report::support::pledge_status(&tx, Audience::Treasurer, today)? {
        let period = crate::domain::period::Span::parse(&p.period);
        // Only periods that ended in the last three months: older ones
        // were for earlier treasurers to follow up.
        let recent = period.is_ok_and(|s| s.to < today && (today - s.to).num_days() <= 92);
        if recent && p.difference.minor < 0 {
            out.push(advice(
                Severity::Attention,
                "pledges",
                format!(
                    "pledge {} of {} for {}: {} {} received of {} pledged",
                    p.pledge, p.member, p.period, p.received, p.commodity, p.pledged
                ),
                "check in with the member; `fondo pledge status` shows every period".into(),
            ));
        }
    }
    tx.finish().ctx("ending the read")?;
    out.sort_by_key(|a| a.severity);
    Ok(out)
}
