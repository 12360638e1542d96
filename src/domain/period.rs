//! Calendar periods: months, quarters and years, for pledges and reports.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};

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

#[cfg(test)]
mod tests {
    use super::*;

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
