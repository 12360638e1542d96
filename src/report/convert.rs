//! Totals in one currency (`--in USD`) from recorded reference rates.
//!
//! Every figure of a report is first exact and per commodity; a conversion
//! is an extra column beside it. A conversion uses the latest rate recorded
//! on or before the report's last day for the pair, in either direction (a
//! rate USD→MXN converts MXN to USD by dividing; when both directions were
//! recorded on that latest day, the direct one), and is rounded half to
//! even to the target currency's decimal places. Each converted figure names
//! the rate and its date, so a reader can redo it by hand; totals add the
//! rounded figures, so they can differ from a total converted at once by a
//! few minor units. Money with no recorded rate is an error (it would
//! silently drop out of a total), unless there is none of it (zero needs no
//! rate); goods and services in kind without a rate stay unconverted, and
//! the row says so.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::domain::currency;
use crate::domain::money::{Money, parse_decimal};
use crate::error::{Error, NextStep, Result};
use crate::store::{commodities, rates};

/// A converted figure: the amount in the target currency and how it was
/// converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub amount: Option<Money>,
    pub how: String,
}

/// A reference rate: 1 `from` = `rate` `to`, on `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRate {
    pub from: String,
    pub to: String,
    pub date: NaiveDate,
    pub rate: Decimal,
    pub source: Option<String>,
}

/// Converts amounts into one currency with the rates in force on a day.
pub struct Converter {
    target: String,
    decimals: u32,
    on: NaiveDate,
    /// (from, to) → (date, rate, source) of the latest rate on or before `on`.
    rates: HashMap<(String, String), (NaiveDate, Decimal, Option<String>)>,
}

impl Converter {
    /// A converter into `target` with the rates in force on `on`.
    pub fn new(conn: &rusqlite::Connection, target: &str, on: NaiveDate) -> Result<Converter> {
        let target = target.trim().to_uppercase();
        let declared = commodities::by_id(conn)?
            .into_values()
            .find(|c| c.code() == target)
            .map(|c| c.decimals());
        let decimals = declared
            .or_else(|| currency::known(&target).map(|(d, _)| d))
            .ok_or_else(|| Error::InvalidName {
                kind: "currency to convert to",
                name: target.clone(),
                reason: "neither a commodity of this fund nor a well-known currency".into(),
            })?;
        let mut recorded = Vec::new();
        for r in rates::all(conn)? {
            if r.date > on {
                continue;
            }
            recorded.push(RecordedRate {
                rate: parse_decimal(&r.rate)?,
                from: r.from,
                to: r.to,
                date: r.date,
                source: r.source,
            });
        }
        Ok(Converter::with_rates(&target, decimals, on, recorded))
    }

    /// A converter into `target` (with `decimals` places) from rates
    /// recorded elsewhere (a hub's), in the order they were recorded: the
    /// latest of a pair on or before `on` is the one in force.
    pub fn with_rates(
        target: &str,
        decimals: u32,
        on: NaiveDate,
        recorded: impl IntoIterator<Item = RecordedRate>,
    ) -> Converter {
        let mut latest: HashMap<(String, String), (NaiveDate, Decimal, Option<String>)> =
            HashMap::new();
        for r in recorded.into_iter().filter(|r| r.date <= on) {
            let newer = latest
                .get(&(r.from.clone(), r.to.clone()))
                .is_none_or(|(date, ..)| *date <= r.date);
            if newer {
                latest.insert((r.from, r.to), (r.date, r.rate, r.source));
            }
        }
        Converter {
            target: target.to_owned(),
            decimals,
            on,
            rates: latest,
        }
    }

    pub fn target(&self) -> &str {
        &self.target
    }

    /// `minor` units of `code` (with `decimals` places) in the target currency.
    pub fn convert(&self, code: &str, minor: i128, decimals: u32) -> Result<Converted> {
        let value =
            Decimal::try_from_i128_with_scale(minor, decimals).map_err(|_| self.too_large(code))?;
        if code == self.target {
            return Ok(Converted {
                amount: Some(self.money(value)?),
                how: String::new(),
            });
        }
        let pair = |from: &str, to: &str| self.rates.get(&(from.to_owned(), to.to_owned()));
        let described =
            |date: &NaiveDate, rate: &Decimal, source: &Option<String>, from: &str, to: &str| {
                let source = source
                    .as_ref()
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default();
                format!("1 {from} = {rate} {to} ({date}{source})")
            };
        // The newer of the two directions; on the same day, the direct one.
        let direct = pair(code, &self.target);
        let inverse = pair(&self.target, code)
            .filter(|(date, ..)| direct.is_none_or(|(direct_date, ..)| date > direct_date));
        let (converted, how) = if let Some((date, rate, source)) = inverse {
            let quotient = value
                .checked_div(*rate)
                .ok_or_else(|| self.too_large(code))?;
            (
                quotient,
                format!(
                    "{}, divided",
                    described(date, rate, source, &self.target, code)
                ),
            )
        } else if let Some((date, rate, source)) = direct {
            let product = value
                .checked_mul(*rate)
                .ok_or_else(|| self.too_large(code))?;
            (product, described(date, rate, source, code, &self.target))
        } else if currency::known(code).is_none() {
            return Ok(Converted {
                amount: None,
                how: format!("in kind, no rate to {}", self.target),
            });
        } else if minor == 0 {
            // Nothing to convert (a pool that once held this currency).
            return Ok(Converted {
                amount: Some(self.zero()),
                how: String::new(),
            });
        } else {
            return Err(Error::Blocked {
                problem: format!(
                    "no rate between {code} and {} recorded on or before {}",
                    self.target, self.on
                ),
                next: NextStep::RecordRate {
                    from: code.to_owned(),
                    to: self.target.clone(),
                },
            });
        };
        Ok(Converted {
            amount: Some(self.money(converted)?),
            how,
        })
    }

    /// Converts with `converter` when there is one: the converted amount
    /// and how (both empty without `--in`).
    pub fn maybe(
        converter: Option<&Converter>,
        code: &str,
        money: Money,
    ) -> Result<(Option<Money>, String)> {
        match converter {
            Some(c) => {
                let converted = c.convert(code, money.minor(), money.decimals())?;
                Ok((converted.amount, converted.how))
            }
            None => Ok((None, String::new())),
        }
    }

    /// A Money in the target currency.
    pub fn zero(&self) -> Money {
        Money::stored(0, self.decimals)
    }

    fn money(&self, value: Decimal) -> Result<Money> {
        let rounded =
            value.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointNearestEven);
        let scaled = rounded
            .checked_mul(Decimal::from(10i64.pow(self.decimals)))
            .ok_or_else(|| self.too_large(&self.target))?;
        Ok(Money::stored(
            rust_decimal::prelude::ToPrimitive::to_i128(&scaled)
                .ok_or_else(|| self.too_large(&self.target))?,
            self.decimals,
        ))
    }

    fn too_large(&self, code: &str) -> Error {
        Error::Overflow {
            context: format!("converting {code} to {}", self.target),
        }
    }
}
