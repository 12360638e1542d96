//! Closed periods: the close and reopening records read back as each
//! period's state, and the one check every write passes through. The
//! journal's [`Writer`](crate::store::txns::Writer) and the governance
//! records' [`append`](crate::store::records::append) both ask
//! [`Closed::check`] about the day of what they write, so no command can
//! add or change anything dated inside a closed period.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::period::{PeriodEvent, PeriodState, period_states};
use crate::domain::records::{PeriodCloseRecord, PeriodReopenRecord, RecordKind, payload};
use crate::error::{Error, Result};
use crate::store::records;

/// Every period closed at least once, as its last record left it, in the
/// order they were first closed.
pub fn states(conn: &Connection) -> Result<Vec<PeriodState>> {
    let mut events = Vec::new();
    let mut stored = records::of_kind(conn, RecordKind::PeriodClose.as_str())?;
    stored.extend(records::of_kind(conn, RecordKind::PeriodReopen.as_str())?);
    stored.sort_by_key(|r| r.id);
    for r in stored {
        if r.kind == RecordKind::PeriodClose.as_str() {
            let close: PeriodCloseRecord = payload(r.id, &r.kind, &r.payload)?;
            events.push(PeriodEvent::Close {
                id: r.id,
                at: r.at,
                period: close.period,
                reason: close.reason,
            });
        } else {
            let reopen: PeriodReopenRecord = payload(r.id, &r.kind, &r.payload)?;
            events.push(PeriodEvent::Reopen {
                id: r.id,
                at: r.at,
                period: reopen.period,
                reason: reopen.reason,
            });
        }
    }
    Ok(period_states(&events))
}

/// The periods closed now, for checking writes.
#[derive(Debug, Clone, Default)]
pub struct Closed(Vec<PeriodState>);

impl Closed {
    pub fn load(conn: &Connection) -> Result<Closed> {
        Ok(Closed(
            states(conn)?
                .into_iter()
                .filter(PeriodState::is_closed)
                .collect(),
        ))
    }

    /// Refuses `day` when a closed period holds it.
    ///
    /// # Errors
    /// [`Error::PeriodClosed`] naming the period and its close record.
    pub fn check(&self, day: NaiveDate) -> Result<()> {
        self.check_days(day, day)
    }

    /// Refuses the days `from..=to` when any of them is in a closed period.
    ///
    /// # Errors
    /// [`Error::PeriodClosed`] naming the first such period.
    pub fn check_days(&self, from: NaiveDate, to: NaiveDate) -> Result<()> {
        match self
            .0
            .iter()
            .find(|s| s.span.from <= to && from <= s.span.to)
        {
            Some(s) => Err(Error::PeriodClosed {
                day: from.max(s.span.from),
                period: s.span.label.clone(),
                record: s.close,
                at: s.closed_at.clone(),
                reason: s.close_reason.clone(),
            }),
            None => Ok(()),
        }
    }
}
