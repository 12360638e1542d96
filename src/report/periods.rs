//! `fondo period list`: every period closed at least once, as its last
//! record left it: closed, or reopened and why.

use rusqlite::Connection;
use serde::Serialize;

use crate::domain::date::iso;
use crate::domain::ids::RecordId;
use crate::domain::period::PeriodState;
use crate::error::Result;
use crate::render::Row;
use crate::store::records;

/// One period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRow {
    pub period: String,
    pub from: String,
    pub to: String,
    /// closed or reopened.
    pub state: &'static str,
    pub closed_at: String,
    pub close_record: RecordId,
    pub close_reason: String,
    /// The last reopening, if there was one (the period may be closed again).
    pub reopened_at: String,
    pub reopen_reason: String,
    /// How many times it was closed.
    pub closes: u32,
}

impl Row for PeriodRow {
    const COLUMNS: &'static [&'static str] = &[
        "period",
        "from",
        "to",
        "state",
        "closed_at",
        "close_record",
        "close_reason",
        "reopened_at",
        "reopen_reason",
        "closes",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["close_record", "closes"];
}

fn row(s: PeriodState) -> PeriodRow {
    let (reopened_at, reopen_reason) = s
        .reopenings
        .last()
        .map(|r| (r.at.clone(), r.reason.clone()))
        .unwrap_or_default();
    PeriodRow {
        state: if s.is_closed() { "closed" } else { "reopened" },
        period: s.span.label,
        from: iso(s.span.from),
        to: iso(s.span.to),
        closed_at: s.closed_at,
        close_record: s.close,
        close_reason: s.close_reason,
        reopened_at,
        reopen_reason,
        closes: s.closes,
    }
}

/// Every period closed at least once, by first day.
pub fn list(conn: &Connection) -> Result<Vec<PeriodRow>> {
    let mut states = records::period_states(conn)?;
    states.sort_by_key(|s| (s.span.from, s.span.to));
    Ok(states.into_iter().map(row).collect())
}
