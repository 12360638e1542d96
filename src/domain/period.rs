//! Calendar periods: months, quarters and years, for pledges and reports.
//!
//! [`Span`] is what a report covers: a year (`2026`), a quarter
//! (`2026-Q3`), a month (`2026-07`) or any `--from/--to` days, inclusive.
//! [`Span::previous`] is the span of the same length just before it (the
//! previous calendar year, quarter or month for calendar spans), which the
//! metrics compare against.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::date::{FIRST_YEAR, LAST_YEAR, out_of_range};
use crate::domain::ids::RecordId;
use crate::error::Error;

/// How often something recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Month,
    Quarter,
    Year,
}

impl Every {
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Year => "year",
        }
    }

    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::Year => 12,
        }
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Every {
    type Err = Error;

    fn from_str(text: &str) -> Result<Every, Error> {
        match text {
            "month" => Ok(Every::Month),
            "quarter" => Ok(Every::Quarter),
            "year" => Ok(Every::Year),
            other => Err(Error::InvalidName {
                kind: "period",
                name: other.to_owned(),
                reason: "expected month, quarter or year".into(),
            }),
        }
    }
}

/// One calendar period: its first and last day and its label
/// (`2026-03`, `2026-Q1`, `2026`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub label: String,
}

/// The period of kind `every` that contains `day`.
pub fn period_of(every: Every, day: NaiveDate) -> Period {
    let month0 = (day.month0() / every.months()) * every.months();
    let first =
        NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1).expect("the first of a month exists");
    let last = first
        .checked_add_months(Months::new(every.months()))
        .and_then(|next| next.pred_opt())
        .expect("dates in range");
    let label = match every {
        Every::Month => format!("{}-{:02}", day.year(), month0 + 1),
        Every::Quarter => format!("{}-Q{}", day.year(), month0 / 3 + 1),
        Every::Year => day.year().to_string(),
    };
    Period { first, last, label }
}

/// Every period of kind `every` from the one containing `from` to the one
/// containing `to`, in order.
pub fn periods(every: Every, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let mut periods = Vec::new();
    let mut day = from;
    while day <= to {
        let period = period_of(every, day);
        let Some(next) = period.last.succ_opt() else {
            periods.push(period);
            break;
        };
        periods.push(period);
        day = next;
    }
    periods
}

/// The days a report covers, both inclusive, with a label for headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: String,
    /// The calendar period it is, when it is one.
    every: Option<Every>,
}

fn bad_period(text: &str, reason: &str) -> Error {
    Error::InvalidName {
        kind: "period",
        name: text.to_owned(),
        reason: reason.to_owned(),
    }
}

impl Span {
    /// `2026`, `2026-Q3` or `2026-07`.
    pub fn parse(text: &str) -> Result<Span, Error> {
        const EXPECTED: &str = "expected a year (2026), a quarter (2026-Q3) or a month (2026-07)";
        let text = text.trim();
        let year = |y: &str| -> Result<i32, Error> {
            if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad_period(text, EXPECTED));
            }
            let year: i32 = y.parse().map_err(|_| bad_period(text, EXPECTED))?;
            if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
                return Err(bad_period(text, &out_of_range()));
            }
            Ok(year)
        };
        let (every, first) = match text.split_once('-') {
            None => (Every::Year, NaiveDate::from_ymd_opt(year(text)?, 1, 1)),
            Some((y, q)) if q.starts_with(['Q', 'q']) => {
                let n: u32 = match &q[1..] {
                    "1" => 1,
                    "2" => 2,
                    "3" => 3,
                    "4" => 4,
                    _ => return Err(bad_period(text, "a quarter is Q1, Q2, Q3 or Q4")),
                };
                (
                    Every::Quarter,
                    NaiveDate::from_ymd_opt(year(y)?, n * 3 - 2, 1),
                )
            }
            Some((y, m)) => {
                let month: u32 = match m.parse() {
                    Ok(n @ 1..=12) if m.len() == 2 => n,
                    _ => return Err(bad_period(text, "a month is 01 to 12, as in 2026-07")),
                };
                (Every::Month, NaiveDate::from_ymd_opt(year(y)?, month, 1))
            }
        };
        let first = first.ok_or_else(|| bad_period(text, EXPECTED))?;
        Ok(Span::of(every, first))
    }

    /// The calendar period of kind `every` containing `day`.
    pub fn of(every: Every, day: NaiveDate) -> Span {
        let p = period_of(every, day);
        Span {
            from: p.first,
            to: p.last,
            label: p.label,
            every: Some(every),
        }
    }

    /// Any days from `from` to `to`, inclusive.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Result<Span, Error> {
        if to < from {
            return Err(bad_period(
                &format!("{from} to {to}"),
                "the last day is before the first",
            ));
        }
        Ok(Span {
            from,
            to,
            label: format!("{from} to {to}"),
            every: None,
        })
    }

    /// How many days the span covers.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The span of the same length just before this one: the previous
    /// year, quarter or month for calendar spans, else as many days.
    pub fn previous(&self) -> Span {
        match self.every {
            Some(every) => {
                let before = self.from.pred_opt().unwrap_or(self.from);
                Span::of(every, before)
            }
            None => {
                let to = self.from.pred_opt().unwrap_or(self.from);
                let from = to - chrono::Duration::days(self.days() - 1);
                Span {
                    label: format!("{from} to {to}"),
                    from,
                    to,
                    every: None,
                }
            }
        }
    }

    /// Whether `day` falls in the span.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// What a period close or reopening record says, in chain order, for
/// [`period_states`].
#[derive(Debug, Clone)]
pub enum PeriodEvent {
    Close {
        id: RecordId,
        at: String,
        period: String,
        reason: String,
    },
    Reopen {
        id: RecordId,
        at: String,
        period: String,
        reason: String,
    },
}

/// A period that was closed at least once, as its last record left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodState {
    pub span: Span,
    /// The last close: its record id, time and reason.
    pub close: RecordId,
    pub closed_at: String,
    pub close_reason: String,
    /// The reopening after that close, if the period is open again.
    pub reopened: Option<Reopened>,
    /// Every reopening, in order (the last may be `reopened`).
    pub reopenings: Vec<Reopened>,
    /// How many times it was closed.
    pub closes: u32,
}

/// A reopening: its record id, time and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    pub record: RecordId,
    pub at: String,
    pub reason: String,
}

impl PeriodState {
    /// Closed now (not reopened since its last close).
    pub fn is_closed(&self) -> bool {
        self.reopened.is_none()
    }
}

/// The periods closed now: the one check every write passes through. The
/// journal's writer, the governance records' append and the rates ask
/// [`Closed::check`] about the day of what they write
/// (`store::records::closed` reads it), so no command can add or change
/// anything dated inside a closed period.
#[derive(Debug, Clone, Default)]
pub struct Closed(Vec<PeriodState>);

impl Closed {
    /// The periods of `states` that are closed now.
    pub fn of(states: Vec<PeriodState>) -> Closed {
        Closed(states.into_iter().filter(PeriodState::is_closed).collect())
    }

    /// Refuses `day` when a closed period holds it.
    ///
    /// # Errors
    /// [`Error::PeriodClosed`] naming the period and its close record.
    pub fn check(&self, day: NaiveDate) -> Result<(), Error> {
        self.check_days(day, day)
    }

    /// Refuses the days `from..=to` when any of them is in a closed period.
    ///
    /// # Errors
    /// [`Error::PeriodClosed`] naming the first such period.
    pub fn check_days(&self, from: NaiveDate, to: NaiveDate) -> Result<(), Error> {
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

/// The state of the period `span` in plain words, from the state of the
/// closed period that is it or holds it (`None`: never closed).
pub fn standing_sentence(label: &str, state: Option<&PeriodState>) -> String {
    match state {
        None => {
            format!("The books of {label} are not closed: entries dated in it can still be added.")
        }
        Some(s) => {
            let closed = format!(
                "The books of {} were closed at {} (record {}): {}.",
                s.span.label, s.closed_at, s.close, s.close_reason
            );
            match &s.reopened {
                None if s.reopenings.is_empty() => closed,
                None => {
                    let earlier: Vec<String> = s
                        .reopenings
                        .iter()
                        .map(|r| format!("at {} (record {}): {}", r.at, r.record, r.reason))
                        .collect();
                    format!(
                        "{closed} Before that, they were reopened {}.",
                        earlier.join("; and ")
                    )
                }
                Some(r) => format!(
                    "{closed} They were reopened at {} (record {}): {}; entries dated in {} can be added until they are closed again.",
                    r.at, r.record, r.reason, s.span.label
                ),
            }
        }
    }
}

/// The state that speaks for `span`: the one of that very period, else of
/// the closed period that holds it.
pub fn standing_of<'a>(states: &'a [PeriodState], span: &Span) -> Option<&'a PeriodState> {
    states.iter().find(|s| s.span == *span).or_else(|| {
        states
            .iter()
            .find(|s| s.is_closed() && s.span.from <= span.from && span.to <= s.span.to)
    })
}

/// Folds close and reopen records (in chain order) into each period's
/// state, in the order the periods were first closed. A record for a
/// period that does not parse is skipped: `verify` reads records on its own.
pub fn period_states(events: &[PeriodEvent]) -> Vec<PeriodState> {
    let mut states: Vec<PeriodState> = Vec::new();
    for event in events {
        match event {
            PeriodEvent::Close {
                id,
                at,
                period,
                reason,
            } => {
                let Ok(span) = Span::parse(period) else {
                    continue;
                };
                match states.iter_mut().find(|s| s.span == span) {
                    Some(state) => {
                        state.close = *id;
                        state.closed_at.clone_from(at);
                        state.close_reason.clone_from(reason);
                        state.reopened = None;
                        state.closes += 1;
                    }
                    None => states.push(PeriodState {
                        span,
                        close: *id,
                        closed_at: at.clone(),
                        close_reason: reason.clone(),
                        reopened: None,
                        reopenings: Vec::new(),
                        closes: 1,
                    }),
                }
            }
            PeriodEvent::Reopen {
                id,
                at,
                period,
                reason,
            } => {
                let Ok(span) = Span::parse(period) else {
                    continue;
                };
                if let Some(state) = states.iter_mut().find(|s| s.span == span) {
                    let reopened = Reopened {
                        record: *id,
                        at: at.clone(),
                        reason: reason.clone(),
                    };
                    state.reopenings.push(reopened.clone());
                    state.reopened = Some(reopened);
                }
            }
        }
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_closed_reopened_and_closed_again() {
        let close = |id, period: &str| PeriodEvent::Close {
            id,
            at: format!("2026-07-0{id}T19:00:00"),
            period: period.into(),
            reason: "forum".into(),
        };
        let reopen = PeriodEvent::Reopen {
            id: RecordId::new(3),
            at: "2026-07-10T10:00:00".into(),
            period: "2026-Q2".into(),
            reason: "a receipt was missing".into(),
        };
        let states = period_states(&[
            close(RecordId::new(1), "2026-Q1"),
            close(RecordId::new(2), "2026-Q2"),
            reopen.clone(),
        ]);
        assert!(states[0].is_closed());
        assert!(!states[1].is_closed());
        assert_eq!(
            states[1].reopened.as_ref().unwrap().reason,
            "a receipt was missing"
        );
        let states = period_states(&[
            close(RecordId::new(2), "2026-Q2"),
            reopen,
            close(RecordId::new(4), "2026-Q2"),
        ]);
        assert_eq!(states.len(), 1);
        assert!(states[0].is_closed());
        assert_eq!((states[0].close, states[0].closes), (RecordId::new(4), 2));
    }

    #[test]
    fn parses_report_periods() {
        let y = Span::parse("2026").unwrap();
        assert_eq!(
            (y.from, y.to, y.label.as_str()),
            (d("2026-01-01"), d("2026-12-31"), "2026")
        );
        assert_eq!(y.previous().label, "2025");
        let q = Span::parse("2026-Q3").unwrap();
        assert_eq!((q.from, q.to), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!(q.previous().label, "2026-Q2");
        let m = Span::parse("2026-03").unwrap();
        assert_eq!(
            (m.from, m.to, m.days()),
            (d("2026-03-01"), d("2026-03-31"), 31)
        );
        assert_eq!(m.previous().label, "2026-02");
        assert_eq!(Span::parse("2026-01").unwrap().previous().label, "2025-12");
        let free = Span::between(d("2026-03-10"), d("2026-03-19")).unwrap();
        let before = free.previous();
        assert_eq!((before.from, before.to), (d("2026-02-28"), d("2026-03-09")));
        assert!(free.contains(d("2026-03-19")) && !free.contains(d("2026-03-20")));
        for bad in ["26", "2026-13", "2026-Q5", "2026-7", "x", "2026-Q", "20267"] {
            assert!(Span::parse(bad).is_err(), "{bad}");
        }
        assert!(Span::between(d("2026-03-10"), d("2026-03-09")).is_err());
    }

    fn d(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    #[test]
    fn finds_periods() {
        let q = period_of(Every::Quarter, d("2026-05-17"));
        assert_eq!(
            (q.first, q.last, q.label.as_str()),
            (d("2026-04-01"), d("2026-06-30"), "2026-Q2")
        );
        let m = period_of(Every::Month, d("2024-02-10"));
        assert_eq!((m.last, m.label.as_str()), (d("2024-02-29"), "2024-02"));
        let labels: Vec<String> = periods(Every::Month, d("2026-11-15"), d("2027-01-02"))
            .into_iter()
            .map(|p| p.label)
            .collect();
        assert_eq!(labels, ["2026-11", "2026-12", "2027-01"]);
        assert_eq!(
            periods(Every::Year, d("2026-01-01"), d("2026-12-31")).len(),
            1
        );
    }
}
