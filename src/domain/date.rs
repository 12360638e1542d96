//! Ledger dates: ISO `YYYY-MM-DD`, strictly; and the moments governance
//! records happen at: `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM[:SS]`.
//!
//! Every date on the command line (`--date`, `--as-of`, `--from`, `--to`,
//! `--on`, `--until`, `--needed-by`, `--expires`, `rate add DATE`) goes
//! through [`parse_date`], and every moment (`--at`) through
//! [`parse_datetime`], whose day is read by [`parse_date`] too: one grammar,
//! one error message. Every date is between 1900-01-01 and 2199-12-31
//! ([`plausible`]; bank statements and ballots are held to it too). Day-first dates (`30/01/2026`) are common in the
//! networks fondo serves, so the error for them says exactly what to write
//! instead; bank imports with other date formats declare them in their map
//! files.
//!
//! The core never reads the clock: "now" comes in as a [`Clock`] that the
//! binary supplies (the system clock, or a fixed moment) and that the store
//! asks once per write, when the write lock is held (see
//! [`crate::store::WriteTx::now`]).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, Result};

/// Parses `YYYY-MM-DD` (exactly that shape; `2026-3-1` is refused).
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let err = |reason: String| Error::Date {
        input: input.to_owned(),
        reason,
    };
    let text = input.trim();
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
        let reason = match parts.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                format!("dates are written YYYY-MM-DD; did you mean {y}-{m:0>2}-{d:0>2}?")
            }
            _ => "dates are written YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
        };
        return Err(err(reason));
    }
    // The shape is ten ASCII characters, digits but for the dashes.
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(&b[..4])).expect("four digits fit in an i32");
    let date = NaiveDate::from_ymd_opt(year, number(&b[5..7]), number(&b[8..]))
        .ok_or_else(|| err("there is no such day in the calendar".to_owned()))?;
    plausible(date).map_err(err)
}

/// The first year fondo accepts in a date.
pub const FIRST_YEAR: i32 = 1900;
/// The last year fondo accepts in a date.
pub const LAST_YEAR: i32 = 2199;

/// `date`, when its year is between [`FIRST_YEAR`] and [`LAST_YEAR`]: a
/// mutual-aid fund keeps books of real days, and `0000-01-01` or
/// `9999-12-31` is a typo that would make every report span millennia.
///
/// # Errors
/// A reason naming the range.
pub fn plausible(date: NaiveDate) -> std::result::Result<NaiveDate, String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(out_of_range())
    }
}

/// Why a year outside [`FIRST_YEAR`]..=[`LAST_YEAR`] is refused.
pub fn out_of_range() -> String {
    format!("dates are between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31")
}

/// How a moment is written, for error messages.
const DATETIME: &str = "write YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], e.g. 2026-03-04T18:00";

/// Parses a moment: `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM[:SS]`
/// (24-hour clock, two digits each). A day alone is read by [`parse_date`],
/// so it fails with exactly the message of every other date option; the day
/// of a day-and-time is read by it too.
pub fn parse_datetime(input: &str) -> Result<NaiveDateTime> {
    let text = input.trim();
    let Some((day, time)) = text.split_once('T') else {
        if text.contains([' ', ':']) {
            let reason = match text.split_once(' ') {
                Some((day, time)) if parse_date(day).is_ok() && parse_time(time).is_some() => {
                    format!(
                        "write a T between the day and the time: {day}T{}",
                        time.trim()
                    )
                }
                _ => DATETIME.to_owned(),
            };
            return Err(Error::Date {
                input: input.to_owned(),
                reason,
            });
        }
        return Ok(parse_date(input)?.and_time(NaiveTime::MIN));
    };
    let day = parse_date(day).map_err(|e| match e {
        Error::Date { reason, .. } if day.len() == 10 => Error::Date {
            input: input.to_owned(),
            reason,
        },
        _ => Error::Date {
            input: input.to_owned(),
            reason: DATETIME.to_owned(),
        },
    })?;
    let time = parse_time(time).ok_or_else(|| Error::Date {
        input: input.to_owned(),
        reason: DATETIME.to_owned(),
    })?;
    Ok(day.and_time(time))
}

/// `HH:MM` or `HH:MM:SS`, exactly two digits each, a real time of day.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let b = text.as_bytes();
    let shape_ok = (b.len() == 5 || b.len() == 8)
        && b.iter().enumerate().all(|(i, c)| {
            if i % 3 == 2 {
                *c == b':'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let number = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let seconds = if b.len() == 8 { number(6) } else { 0 };
    NaiveTime::from_hms_opt(number(0), number(3), seconds)
}

/// The moment a command runs: the local wall-clock time (the default of
/// `at` moments and days) and the same moment in UTC (stamped on new rows as
/// `recorded_at`, never part of a hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    local: NaiveDateTime,
    utc: NaiveDateTime,
}

impl Now {
    /// A moment given by its local time and its UTC time.
    pub fn new(local: NaiveDateTime, utc: NaiveDateTime) -> Now {
        Now { local, utc }
    }

    /// A moment whose local time is its UTC time (a pinned clock).
    pub fn fixed(at: NaiveDateTime) -> Now {
        Now { local: at, utc: at }
    }

    /// The local wall-clock time.
    pub fn local(self) -> NaiveDateTime {
        self.local
    }

    /// The local day.
    pub fn today(self) -> NaiveDate {
        self.local.date()
    }

    /// The UTC time as stored in `recorded_at` columns: `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn recorded_at(self) -> String {
        self.utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Where "now" comes from. The library only asks; the binary implements the
/// system clock.
pub trait Clock: Send + Sync {
    /// The moment it is.
    fn now(&self) -> Now;
}

/// A clock that always says the same moment (unit tests, pinned runs).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Now);

impl Clock for FixedClock {
    fn now(&self) -> Now {
        self.0
    }
}

/// A shared clock, as a [`Db`](crate::store::Db) holds it.
pub type SharedClock = std::sync::Arc<dyn Clock>;

/// A shared clock fixed at `at` (local time = UTC).
pub fn fixed_clock(at: NaiveDateTime) -> SharedClock {
    std::sync::Arc::new(FixedClock(Now::fixed(at)))
}

/// Writes a date as `YYYY-MM-DD`: the form stored, exported and hashed.
/// (A hand-rolled equivalent of `format("%Y-%m-%d")`, which is far slower
/// and sits on the import's hot path.)
pub fn iso(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return date.format("%Y-%m-%d").to_string();
    }
    let digits = [
        y / 1000 % 10,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        -1,
        (m / 10) as i32,
        (m % 10) as i32,
        -1,
        (d / 10) as i32,
        (d % 10) as i32,
    ];
    digits
        .iter()
        .map(|&n| {
            if n < 0 {
                '-'
            } else {
                char::from(b'0' + n as u8)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        assert_eq!(
            parse_date("2026-03-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn every_day_of_the_accepted_years_reads_back_and_no_other() {
        let mut day = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap();
        while day.year() <= LAST_YEAR {
            assert_eq!(
                parse_date(&day.format("%Y-%m-%d").to_string()).unwrap(),
                day
            );
            day = day.succ_opt().unwrap();
        }
        for text in [
            "2026-00-10",
            "2026-13-01",
            "2026-01-00",
            "2026-01-32",
            "2026-04-31",
            "2025-02-29",
            "1899-12-31",
            "2200-01-01",
        ] {
            assert!(parse_date(text).is_err(), "{text}");
        }
    }

    #[test]
    fn writes_iso_dates() {
        for text in ["2026-03-01", "1999-12-31", "0001-01-01", "9999-12-31"] {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
            assert_eq!(iso(date), text);
        }
    }

    #[test]
    fn dates_are_plausible() {
        for text in ["1900-01-01", "2199-12-31"] {
            assert_eq!(iso(parse_date(text).unwrap()), text);
        }
        for text in [
            "0000-01-01",
            "0020-03-01",
            "1899-12-31",
            "2200-01-01",
            "9999-12-31",
        ] {
            let err = parse_date(text).unwrap_err().to_string();
            assert!(err.contains("between 1900-01-01 and 2199-12-31"), "{err}");
            assert!(parse_datetime(&format!("{text}T10:00")).is_err());
        }
    }

    #[test]
    fn parses_moments() {
        let at = |text: &str| parse_datetime(text).map(|t| t.to_string());
        assert_eq!(at("2026-03-04").unwrap(), "2026-03-04 00:00:00");
        assert_eq!(at("2026-03-04T18:05").unwrap(), "2026-03-04 18:05:00");
        assert_eq!(at(" 2026-03-04T18:05:09 ").unwrap(), "2026-03-04 18:05:09");
        assert_eq!(at("2024-02-29T23:59:59").unwrap(), "2024-02-29 23:59:59");
    }

    #[test]
    fn a_moment_fails_like_a_date() {
        let message = |text: &str| parse_datetime(text).unwrap_err().to_string();
        // A day alone: exactly the message of every date option.
        for day in ["2026-02-30", "26-01-01", "2026/01/01", "30/01/2026", ""] {
            assert_eq!(
                message(day),
                parse_date(day).unwrap_err().to_string(),
                "{day:?}"
            );
        }
        assert_eq!(
            message("2026-02-30T10:00"),
            "invalid date \"2026-02-30T10:00\": there is no such day in the calendar"
        );
        assert!(
            message("2026-03-04 18:00")
                .contains("write a T between the day and the time: 2026-03-04T18:00"),
            "{}",
            message("2026-03-04 18:00")
        );
        for bad in [
            "2026-3-4T18:00",
            "2026-03-04T18",
            "2026-03-04T8:00",
            "2026-03-04T24:00",
            "2026-03-04T18:60",
            "2026-03-04T18:00:61",
            "2026-03-04T18:00:00.5",
            "2026-03-04T18:00Z",
            "2026-03-04T",
            "18:00",
        ] {
            let text = message(bad);
            assert!(text.contains("YYYY-MM-DDTHH:MM[:SS]"), "{bad:?}: {text}");
        }
    }

    #[test]
    fn refuses_other_shapes_and_impossible_days() {
        let err = parse_date("30/01/2026").unwrap_err().to_string();
        assert!(err.contains("did you mean 2026-01-30"), "{err}");
        let err = parse_date("2026-02-30").unwrap_err().to_string();
        assert!(err.contains("no such day"), "{err}");
        for bad in [
            "",
            "2026-3-1",
            "2026/03/01",
            "20260301",
            "2026-03-01T00:00",
            "2025-02-29",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }
}
