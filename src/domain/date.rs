//! Ledger dates: ISO `YYYY-MM-DD`, strictly.
//!
//! Day-first dates (`30/01/2026`) are common in the networks fondo serves, so
//! the error for them says exactly what to write instead; bank imports with
//! other date formats declare them in their map files.

use chrono::{Datelike, NaiveDate};

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
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| err("there is no such day in the calendar".to_owned()))
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
    fn writes_iso_dates() {
        for text in ["2026-03-01", "1999-12-31", "0001-01-01", "9999-12-31"] {
            assert_eq!(iso(parse_date(text).unwrap()), text);
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
