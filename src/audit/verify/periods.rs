//! `verify` on closed periods (V120): each close's heads are the chains'
//! at that point, and nothing dated inside a closed period was recorded
//! until it was reopened.
//!
//! Rule: part of `verify`: places come from the records and the journal,
//! never from the wall-clock times stored beside them.

use chrono::NaiveDate;

use super::{Checker, codes};
use crate::domain::hash::GENESIS;
use crate::domain::ids::RecordId;
use crate::domain::records::RecordKind;
use crate::error::Result;
use crate::store::{records, txns};

/// A stretch in which a period was closed: its span, the close record, the
/// journal's length at the close, and the journal's length and the record
/// id at the reopening (if any).
type ClosedWindow = (
    crate::domain::period::Span,
    RecordId,
    i64,
    Option<(i64, RecordId)>,
);

/// Closed periods (V120): each close record's ledger and records heads are
/// the chains' at that point, and nothing dated inside a period was
/// recorded while it was closed — a transaction after the close's place in
/// the journal, a record after the close record — until it was reopened.
/// The places come from the records and the journal, never from the
/// wall-clock times stored beside them.
pub(super) fn check_periods(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::domain::period::Span;
    use crate::domain::records::{PeriodCloseRecord, PeriodReopenRecord, payload};
    use crate::store::records::record_day;
    let closes = records::all_of_kinds(
        conn,
        &[RecordKind::PeriodClose, RecordKind::PeriodReopen].map(RecordKind::as_str),
    )?;
    // Every transaction's date and hash, read only when a period was ever
    // closed (at a million transactions they take over 100 MB).
    let closed = closes
        .iter()
        .any(|r| RecordKind::parse(&r.kind) == Some(RecordKind::PeriodClose));
    let journal = if closed {
        txns::dates_and_hashes(conn)?
    } else {
        Vec::new()
    };
    // Per period: (its span, the close record, the journal length then).
    let mut open_closes: Vec<(Span, RecordId, i64)> = Vec::new();
    let mut windows: Vec<ClosedWindow> = Vec::new();
    for r in &closes {
        match RecordKind::parse(&r.kind) {
            Some(RecordKind::PeriodClose) => {
                let Ok(close) = payload::<PeriodCloseRecord>(r.id, &r.kind, &r.payload) else {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        "its period close cannot be read".into(),
                    );
                    continue;
                };
                let Ok(span) = Span::parse(&close.period) else {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        format!("closes {:?}, which is no period", close.period),
                    );
                    continue;
                };
                let head = usize::try_from(close.ledger_count)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .map_or(Some(GENESIS), |i| journal.get(i).map(|t| t.2.as_str()));
                if head != Some(close.ledger_head.as_str()) || close.records_head != r.prev_hash {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        format!(
                            "the close of {} states heads the journal and the records do not have at that point",
                            close.period
                        ),
                    );
                }
                open_closes.retain(|(s, _, _)| *s != span);
                open_closes.push((span, r.id, close.ledger_count));
            }
            Some(RecordKind::PeriodReopen) => {
                let Ok(reopen) = payload::<PeriodReopenRecord>(r.id, &r.kind, &r.payload) else {
                    continue;
                };
                let Ok(span) = Span::parse(&reopen.period) else {
                    continue;
                };
                if let Some(i) = open_closes.iter().position(|(s, _, _)| *s == span) {
                    let (span, close, count) = open_closes.remove(i);
                    windows.push((span, close, count, Some((reopen.ledger_count, r.id))));
                }
            }
            _ => {}
        }
    }
    windows.extend(
        open_closes
            .into_iter()
            .map(|(span, close, count)| (span, close, count, None)),
    );
    for (span, close, count, reopened) in &windows {
        let (until_txn, until_record) = reopened.unwrap_or((i64::MAX, RecordId::END));
        // A transaction's place in the journal (1 = the first), which the
        // close and reopen records' lengths count, whatever its id.
        for (place, (id, date, _)) in (1..).zip(&journal) {
            let Ok(day) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
                continue;
            };
            if place > *count && place <= until_txn && span.contains(day) {
                checker.find(
                    codes::CLOSED_PERIOD,
                    format!("txn {id}"),
                    format!(
                        "is dated {day}, inside {}, but was recorded after record {close} closed it",
                        span.label
                    ),
                );
            }
        }
        records::for_each_between(conn, *close, until_record, |r| {
            let audit = RecordKind::parse(&r.kind).is_none_or(|k| {
                matches!(
                    k,
                    RecordKind::Member
                        | RecordKind::MemberInactive
                        | RecordKind::RoleTerm
                        | RecordKind::RoleEnd
                        | RecordKind::Pool
                        | RecordKind::Contribution
                        | RecordKind::Rate
                        | RecordKind::Pledge
                        | RecordKind::Setting
                        | RecordKind::FundSettings
                        | RecordKind::Account
                        | RecordKind::Import
                        | RecordKind::PeriodClose
                        | RecordKind::PeriodReopen
                )
            });
            if !audit && record_day(&r.at).is_some_and(|d| span.contains(d)) {
                checker.find(
                    codes::CLOSED_PERIOD,
                    format!("record {}", r.id),
                    format!(
                        "({}) is dated {}, inside {}, but was recorded after record {close} closed it",
                        r.kind, r.at, span.label
                    ),
                );
            }
            Ok(())
        })?;
    }
    Ok(())
}
