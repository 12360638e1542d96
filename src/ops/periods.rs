//! Closing a period after the forum, and reopening it.
//!
//! A close is a governance record holding the journal's and the records'
//! heads and every pool's holdings at the period's last day; from then on
//! every write dated inside the period is refused where writes are made
//! (`domain::period::Closed`). A reopening is recorded too, with its reason, and
//! allows such writes until the period is closed again.

use chrono::NaiveDateTime;

use crate::books::pools::holdings;
use crate::domain::ids::RecordId;
use crate::domain::period::Span;
use crate::domain::records::{
    ClosingHolding, PeriodCloseRecord, PeriodReopenRecord, RecordKind, to_json,
};
use crate::error::{Error, Result, SqlContext};
use crate::store::{Db, fund, records};

/// What a close recorded.
#[derive(Debug, Clone)]
pub struct Closed {
    pub record: RecordId,
    pub period: String,
    pub ledger_head: String,
    pub ledger_count: i64,
    pub records_head: String,
}

fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn reason_of(action: &'static str, period: &str, reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Period {
            action,
            period: period.to_owned(),
            reason: "a reason is required (the forum or assembly that decided it)".into(),
        });
    }
    Ok(reason.to_owned())
}

/// Closes a calendar period (a year, quarter or month) at `at`.
///
/// # Errors
/// When the period does not parse, is already closed, or does not end
/// before the day of `at`; when the reason is empty.
pub fn close(db: &mut Db, period: &str, reason: &str, at: NaiveDateTime) -> Result<Closed> {
    let span = Span::parse(period)?;
    let reason = reason_of("close", &span.label, reason)?;
    let tx = db.write()?;
    let fail = |reason: String| Error::Period {
        action: "close",
        period: span.label.clone(),
        reason,
    };
    if let Some(state) = records::period_states(&tx)?
        .into_iter()
        .find(|s| s.span == span && s.is_closed())
    {
        return Err(fail(format!(
            "it is already closed (record {} at {})",
            state.close, state.closed_at
        )));
    }
    if span.to >= at.date() {
        return Err(fail(format!(
            "it ends on {}, and a period is closed only after its last day (the close is dated {})",
            span.to,
            at.date()
        )));
    }
    let fund = fund::get(&tx)?.ok_or_else(|| Error::NotFondo {
        path: "the database".into(),
        reason: "its fund record is missing".into(),
    })?;
    let (records_head, records_count) = records::head(&tx)?.unwrap_or_default();
    let held = holdings(&tx, Some(span.to))?
        .into_iter()
        .filter(|h| h.held.minor() != 0)
        .map(|h| ClosingHolding {
            pool: h.pool,
            commodity: h.commodity,
            held: h.held.to_string(),
        })
        .collect();
    let record = PeriodCloseRecord {
        period: span.label.clone(),
        reason,
        ledger_head: fund.head_hash.clone(),
        ledger_count: fund.txn_count,
        records_head: records_head.clone(),
        records_count,
        holdings: held,
    };
    let id = records::append(
        &tx,
        RecordKind::PeriodClose.as_str(),
        None,
        &stamp(at),
        &to_json(&record),
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the period close")?;
    Ok(Closed {
        record: id,
        period: span.label,
        ledger_head: fund.head_hash,
        ledger_count: fund.txn_count,
        records_head,
    })
}

/// Reopens a closed period at `at`; returns the record's id.
///
/// # Errors
/// When the period does not parse or is not closed, or the reason is empty.
pub fn reopen(db: &mut Db, period: &str, reason: &str, at: NaiveDateTime) -> Result<RecordId> {
    let span = Span::parse(period)?;
    let reason = reason_of("reopen", &span.label, reason)?;
    let tx = db.write()?;
    let state = records::period_states(&tx)?
        .into_iter()
        .find(|s| s.span == span && s.is_closed())
        .ok_or_else(|| Error::Period {
            action: "reopen",
            period: span.label.clone(),
            reason: "it is not closed".into(),
        })?;
    let count = fund::get(&tx)?.map_or(0, |f| f.txn_count);
    let record = PeriodReopenRecord {
        period: span.label,
        close: state.close,
        reason,
        ledger_count: count,
    };
    let id = records::append(
        &tx,
        RecordKind::PeriodReopen.as_str(),
        None,
        &stamp(at),
        &to_json(&record),
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the reopening")?;
    Ok(id)
}
