//! Map files: how to read a bank's or payment platform's CSV export.
//!
//! A map is a small TOML file (see `examples/maps/`) saying which columns
//! hold the date, amount, currency, payer, reference and description, how
//! dates and numbers are written (`%d.%m.%Y`, `1.234,56`), where the money
//! arrived and which pool it goes to by default, and rules that match payer,
//! description or reference text to a member and a pool. Numbers are read
//! strictly in the map's style: a file whose numbers do not follow it is an
//! error, never a guess.

use std::path::Path;

use chrono::format::{Item, StrftimeItems};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::domain::money::parse_decimal;
use crate::error::{Error, Result};

/// A whole map file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankMap {
    pub file: FileFormat,
    pub columns: Columns,
    pub defaults: Defaults,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// How the file is written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFormat {
    /// Field separator, one character (default `,`).
    #[serde(default = "comma")]
    pub delimiter: char,
    /// chrono format of the date column, e.g. `%d.%m.%Y`.
    pub date_format: String,
    /// Decimal separator (default `.`).
    #[serde(default = "dot")]
    pub decimal: char,
    /// Thousands separator, if the file groups digits.
    pub thousands: Option<char>,
    /// Lines before the header row (a bank's preamble).
    #[serde(default)]
    pub skip_lines: usize,
}

fn comma() -> char {
    ','
}

fn dot() -> char {
    '.'
}

/// Which CSV column holds what (header names, exactly as in the file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub date: String,
    /// The gross amount received (outgoing payments, below zero, are skipped).
    pub amount: String,
    pub currency: Option<String>,
    pub payer: Option<String>,
    pub reference: Option<String>,
    pub description: Option<String>,
    /// Columns holding fees taken from the amount (their sign is ignored).
    #[serde(default)]
    pub fees: Vec<String>,
}

/// Where things go unless a rule says otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The assets account the money arrived in.
    pub account: String,
    /// The currency when the file has no currency column.
    pub currency: Option<String>,
    /// The pool contributions go to (the general pool when left out).
    pub pool: Option<String>,
    /// Where fees are charged (default `expenses:fees:payments`).
    #[serde(default = "fee_account")]
    pub fee_account: String,
    /// The import source label (default: the map file's name).
    pub source: Option<String>,
}

fn fee_account() -> String {
    "expenses:fees:payments".to_owned()
}

/// A rule: when every condition given matches (case-insensitive "contains"),
/// the row is credited to `member` and `pool`, or skipped with `ignore`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub payer: Option<String>,
    pub description: Option<String>,
    pub reference: Option<String>,
    pub member: Option<String>,
    pub pool: Option<String>,
    #[serde(default)]
    pub ignore: bool,
}

/// The text of a row that rules look at.
#[derive(Debug, Clone, Default)]
pub struct RowText<'a> {
    pub payer: &'a str,
    pub description: &'a str,
    pub reference: &'a str,
}

impl Rule {
    fn matches(&self, row: &RowText<'_>) -> bool {
        let contains = |pattern: &Option<String>, text: &str| {
            pattern
                .as_ref()
                .is_none_or(|p| text.to_lowercase().contains(&p.to_lowercase()))
        };
        self.matches_anything()
            && contains(&self.payer, row.payer)
            && contains(&self.description, row.description)
            && contains(&self.reference, row.reference)
    }
}

impl BankMap {
    /// Reads and checks a map file.
    pub fn load(path: &Path) -> Result<BankMap> {
        let fail = |reason: String| Error::Map {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            context: format!("reading {}", path.display()),
            source,
        })?;
        let map: BankMap =
            toml::from_str(&text).map_err(|e| fail(e.to_string().trim_end().to_owned()))?;
        if !map.file.delimiter.is_ascii() || map.file.delimiter.is_alphanumeric() {
            return Err(fail(format!(
                "delimiter {:?} must be one ASCII punctuation character",
                map.file.delimiter
            )));
        }
        if map.file.thousands == Some(map.file.decimal) {
            return Err(fail("decimal and thousands separators must differ".into()));
        }
        if map.file.decimal.is_ascii_digit()
            || map.file.thousands.is_some_and(|t| t.is_ascii_digit())
        {
            return Err(fail("separators cannot be digits".into()));
        }
        if StrftimeItems::new(&map.file.date_format).any(|item| matches!(item, Item::Error)) {
            return Err(fail(format!(
                "date_format {:?} is not a valid date format",
                map.file.date_format
            )));
        }
        if map.columns.currency.is_none() && map.defaults.currency.is_none() {
            return Err(fail(
                "say where the currency is: columns.currency or defaults.currency".into(),
            ));
        }
        if let Some(i) = map.rules.iter().position(|r| !r.matches_anything()) {
            return Err(fail(format!(
                "rule {} has no condition (payer, description or reference)",
                i + 1
            )));
        }
        Ok(map)
    }

    /// The index of the first rule that matches a row.
    pub fn rule_for(&self, row: &RowText<'_>) -> Option<usize> {
        self.rules.iter().position(|r| r.matches(row))
    }

    /// Reads a date in the map's format (a time after it, as in
    /// `2026-01-15T10:22:05Z`, is allowed and ignored).
    pub fn date(&self, text: &str) -> std::result::Result<NaiveDate, String> {
        let text = text.trim();
        NaiveDate::parse_from_str(text, &self.file.date_format)
            .or_else(|_| {
                NaiveDateTime::parse_from_str(text, &self.file.date_format).map(|d| d.date())
            })
            .map_err(|_| {
                format!(
                    "{text:?} is not a date in the map's format {}",
                    self.file.date_format
                )
            })
    }

    /// Reads a number written in the map's style (`1.234,56` with decimal
    /// `,` and thousands `.`), strictly.
    pub fn number(&self, text: &str) -> std::result::Result<Decimal, String> {
        parse_localized(text, self.file.decimal, self.file.thousands)
    }
}

impl Rule {
    fn matches_anything(&self) -> bool {
        self.payer.is_some() || self.description.is_some() || self.reference.is_some()
    }
}

/// Parses a number with the given decimal and (optional) thousands
/// separators. Digit groups must be exactly three digits; a separator the
/// style does not use is an error, so `1,234.56` read as decimal-comma is
/// refused rather than misread.
pub fn parse_localized(
    text: &str,
    decimal: char,
    thousands: Option<char>,
) -> std::result::Result<Decimal, String> {
    let style = || match thousands {
        Some(t) => format!("decimal {decimal:?}, thousands {t:?}"),
        None => format!("decimal {decimal:?}, no thousands separator"),
    };
    let mismatch = || {
        format!(
            "{text:?} does not follow the map's number style ({})",
            style()
        )
    };
    let trimmed = text.trim();
    let (sign, body) = match trimmed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let (int, frac) = match body.split_once(decimal) {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let int = match thousands {
        Some(t) if int.contains(t) => {
            let groups: Vec<&str> = int.split(t).collect();
            let ok = (1..=3).contains(&groups[0].len())
                && groups[1..].iter().all(|g| g.len() == 3)
                && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                return Err(mismatch());
            }
            groups.concat()
        }
        _ => int.to_owned(),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || frac.is_some_and(|f| !digits(f)) {
        return Err(mismatch());
    }
    let plain = match frac {
        Some(frac) => format!("{sign}{int}.{frac}"),
        None => format!("{sign}{int}"),
    };
    parse_decimal(&plain).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(
        text: &str,
        decimal: char,
        thousands: Option<char>,
    ) -> std::result::Result<String, String> {
        parse_localized(text, decimal, thousands).map(|d| d.to_string())
    }

    #[test]
    fn reads_numbers_in_the_map_style() {
        assert_eq!(n("1.234,56", ',', Some('.')).unwrap(), "1234.56");
        assert_eq!(n("-12,50", ',', Some('.')).unwrap(), "-12.50");
        assert_eq!(n("1 234 567,8", ',', Some(' ')).unwrap(), "1234567.8");
        assert_eq!(n("1,234.56", '.', Some(',')).unwrap(), "1234.56");
        assert_eq!(n("25", ',', None).unwrap(), "25");
    }

    #[test]
    fn refuses_numbers_in_another_style() {
        for (text, decimal, thousands) in [
            ("1,234.56", ',', Some('.')),
            ("1.23", ',', Some('.')),
            ("12.34,5", ',', Some('.')),
            ("1.2345,00", ',', Some('.')),
            ("1,234.56", '.', None),
            ("", '.', None),
            ("abc", '.', None),
        ] {
            assert!(n(text, decimal, thousands).is_err(), "{text:?}");
        }
        let err = n("1,234.56", ',', Some('.')).unwrap_err();
        assert!(err.contains("number style"), "{err}");
    }

    #[test]
    fn rules_match_all_their_conditions() {
        let rule = Rule {
            payer: Some("solidarität".into()),
            description: Some("spende".into()),
            ..Rule::default()
        };
        let row = |payer, description| RowText {
            payer,
            description,
            reference: "",
        };
        assert!(rule.matches(&row("Solidarität Berlin e.V.", "SEPA Spende")));
        assert!(!rule.matches(&row("Solidarität Berlin e.V.", "Miete")));
    }

    #[test]
    fn dates_may_carry_a_time() {
        let map: BankMap = toml::from_str(
            "[file]\ndate_format = \"%Y-%m-%dT%H:%M:%S%.fZ\"\n[columns]\ndate = \"d\"\namount = \"a\"\n\
             [defaults]\naccount = \"assets:bank\"\ncurrency = \"USD\"\n",
        )
        .unwrap();
        assert_eq!(
            map.date("2026-01-15T10:22:05.000Z").unwrap().to_string(),
            "2026-01-15"
        );
        assert!(map.date("15/01/2026").is_err());
    }
}
