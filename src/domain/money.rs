//! Exact money: parsing decimals, commodities and minor units.
//!
//! Amounts enter fondo as text, are parsed strictly with `rust_decimal`
//! (`Decimal::from_str_exact`, no exponents, no thousands separators), and are
//! stored as signed integers in the commodity's minor units (cents for a
//! 2-decimal currency). An amount with more decimal places than its commodity
//! allows is an error, never rounded. Sums are taken in `i128`, and amounts
//! leave the program as decimal strings through [`Money`].

use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};

use crate::error::{Error, ExchangeRefusal, Result, places};

/// The most decimal places a commodity may have.
pub const MAX_DECIMALS: u32 = 9;

/// A commodity as the ledger knows it: its code and number of decimal places.
/// Its fields are private: [`Commodity::new`] is the only way to build one,
/// so every commodity in the program has a valid code and at most
/// [`MAX_DECIMALS`] places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commodity {
    code: String,
    decimals: u32,
}

impl Commodity {
    /// A commodity with a valid code ([`validate_code`]) and at most
    /// [`MAX_DECIMALS`] decimal places.
    pub fn new(code: impl Into<String>, decimals: u32) -> Result<Commodity> {
        let code = code.into();
        validate_code(&code)?;
        if decimals > MAX_DECIMALS {
            return Err(Error::CommodityDecimals {
                code,
                places: places(decimals),
                reason: format!("at most {MAX_DECIMALS} are supported"),
            });
        }
        Ok(Commodity { code, decimals })
    }

    /// A commodity read back from the books or from a row derived from
    /// them, whose code and places were checked by [`Commodity::new`] when
    /// it was declared: the trusted path of the crate's own readers, never
    /// of input from outside.
    pub(crate) fn stored(code: String, decimals: u32) -> Commodity {
        Commodity { code, decimals }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// An amount of this commodity, in its minor units.
    pub fn money(&self, minor: i128) -> Money {
        Money {
            minor,
            decimals: self.decimals,
        }
    }
}

/// Checks a commodity code: upper-case letters first, then letters, digits,
/// `-` or `_` (`USD`, `KG-RICE`, `HOURS`), at most 24 characters.
pub fn validate_code(code: &str) -> Result<()> {
    let err = |reason: String| Error::CommodityCode {
        code: code.to_owned(),
        reason,
    };
    let valid_char = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if code.is_empty() {
        return Err(err("the code is empty".into()));
    }
    if code.len() > 24 {
        return Err(err("codes are at most 24 characters".into()));
    }
    if !code.starts_with(|c: char| c.is_ascii_uppercase()) || !code.chars().all(valid_char) {
        let upper = code.to_ascii_uppercase();
        if upper != code
            && upper.starts_with(|c: char| c.is_ascii_uppercase())
            && upper.chars().all(valid_char)
        {
            return Err(err(format!("codes are upper-case; did you mean {upper}?")));
        }
        return Err(err(
            "use upper-case letters, digits, '-' or '_', starting with a letter (e.g. USD, KG-RICE)".into(),
        ));
    }
    Ok(())
}

/// A rate between two commodities, as `rate add` and `hub rate add` take
/// it: two valid, different codes and a positive plain decimal; returns the
/// rate as stored, its exact decimal without trailing zeros.
///
/// # Errors
/// A code that is not one, the same code twice, or a rate that is not a
/// positive plain decimal.
pub fn parse_rate(from: &str, to: &str, rate: &str) -> Result<String> {
    validate_code(from)?;
    validate_code(to)?;
    if from == to {
        return Err(ExchangeRefusal::RateSameCommodity {
            code: from.to_owned(),
        }
        .into());
    }
    let value = parse_decimal(rate)?;
    if value <= Decimal::ZERO {
        return Err(Error::Amount {
            input: rate.to_owned(),
            reason: "a rate is a positive number".into(),
        });
    }
    Ok(value.normalize().to_string())
}

/// Parses a plain decimal (`-1234.50`, `12`, `+3.5`), refusing everything
/// else with a reason that says how to write it.
///
/// ```
/// use fondo::domain::money::parse_decimal;
///
/// assert_eq!(parse_decimal("-1234.50").unwrap().to_string(), "-1234.50");
/// assert!(parse_decimal("1,000.00").is_err());
/// assert!(parse_decimal("1e5").is_err());
/// ```
pub fn parse_decimal(input: &str) -> Result<Decimal> {
    let err = |reason: &str| Error::Amount {
        input: input.to_owned(),
        reason: reason.to_owned(),
    };
    let text = input.trim();
    if text.is_empty() {
        return Err(err("the amount is empty"));
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        let reason = if unsigned.contains(',') {
            "write a plain decimal with '.' and no thousands separators, e.g. 1000.00"
        } else if unsigned.contains(['e', 'E']) && unsigned.bytes().any(|b| b.is_ascii_digit()) {
            "exponent notation is not accepted; write the number out, e.g. 100000"
        } else {
            "expected a plain decimal such as 1234.50"
        };
        return Err(err(reason));
    }
    let exact = match text.strip_prefix('+') {
        Some(rest) => rest,
        None => text,
    };
    Decimal::from_str_exact(exact).map_err(|_| err("too many digits to store exactly"))
}

/// Converts a decimal to minor units of a commodity with `decimals` places.
/// Fails when the value has more (non-zero) places than that, or when it does
/// not fit the storage range (a signed 64-bit count of minor units).
pub fn to_minor(value: Decimal, commodity: &Commodity, input: &str) -> Result<i64> {
    let range = || Error::Amount {
        input: input.to_owned(),
        reason: format!("beyond the storage range for {}", commodity.code),
    };
    let factor = Decimal::from(10i64.pow(commodity.decimals));
    let scaled = value.checked_mul(factor).ok_or_else(range)?;
    if !scaled.fract().is_zero() {
        return Err(Error::Precision {
            input: input.trim().to_owned(),
            commodity: commodity.code.clone(),
            decimals: commodity.decimals,
        });
    }
    scaled.to_i64().ok_or_else(range)
}

/// The number of decimal places an amount was written with (`12.50` → 2).
pub fn written_places(value: Decimal) -> u32 {
    value.scale()
}

/// Formats minor units as a plain decimal with exactly `decimals` places.
/// This is the canonical form used in exports and in the hash chain.
///
/// ```
/// use fondo::domain::money::format_minor;
///
/// assert_eq!(format_minor(-123450, 2), "-1234.50");
/// assert_eq!(format_minor(5, 3), "0.005");
/// assert_eq!(format_minor(12, 0), "12");
/// ```
pub fn format_minor(minor: i128, decimals: u32) -> String {
    // The digits of |minor|, least significant last; 39 digits hold any u128.
    let mut buf = [0u8; 39];
    let mut start = buf.len();
    let mut rest = minor.unsigned_abs();
    loop {
        start -= 1;
        buf[start] = b'0' + u8::try_from(rest % 10).expect("a digit");
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = &buf[start..];
    let places = decimals as usize;
    let int_len = digits.len().saturating_sub(places);
    let mut out = String::with_capacity(digits.len().max(places + 1) + 2);
    if minor < 0 {
        out.push('-');
    }
    if int_len == 0 {
        out.push('0');
    } else {
        out.extend(digits[..int_len].iter().map(|&d| char::from(d)));
    }
    if places > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', places - (digits.len() - int_len)));
        out.extend(digits[int_len..].iter().map(|&d| char::from(d)));
    }
    out
}

/// An exact amount on its way out of the program (a balance, a posting).
/// It displays and serializes as a plain decimal string. Its fields are
/// private: it is built from a [`Commodity`] ([`Commodity::money`]) or with
/// [`Money::new`], which refuse more than [`MAX_DECIMALS`] places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    minor: i128,
    decimals: u32,
}

impl Money {
    /// `minor` units of a commodity with `decimals` places; refuses more
    /// than [`MAX_DECIMALS`] places, which no commodity has.
    pub fn new(minor: i128, decimals: u32) -> Result<Money> {
        if decimals > MAX_DECIMALS {
            return Err(Error::Places {
                decimals,
                max: MAX_DECIMALS,
            });
        }
        Ok(Money { minor, decimals })
    }

    /// An amount whose places come from a [`Commodity`] or from the books
    /// (checked when the commodity was declared): the trusted path of the
    /// crate's own readers, never of input from outside.
    pub(crate) fn stored(minor: i128, decimals: u32) -> Money {
        Money { minor, decimals }
    }

    pub fn minor(&self) -> i128 {
        self.minor
    }

    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// Adds an amount in the same minor units.
    pub fn add(&mut self, minor: impl Into<i128>) {
        self.minor += minor.into();
    }

    /// The same number of places, the amount negated.
    pub fn negated(self) -> Money {
        Money {
            minor: -self.minor,
            decimals: self.decimals,
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_minor(self.minor, self.decimals))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Commodity {
        Commodity::stored("USD".into(), 2)
    }

    fn minor(text: &str) -> Result<i64> {
        to_minor(parse_decimal(text)?, &usd(), text)
    }

    #[test]
    fn parses_plain_decimals() {
        assert_eq!(minor("250.00").unwrap(), 25000);
        assert_eq!(minor("-1234.5").unwrap(), -123450);
        assert_eq!(minor("+3").unwrap(), 300);
        assert_eq!(minor(" 7.10 ").unwrap(), 710);
        assert_eq!(
            minor("12.340").unwrap(),
            1234,
            "trailing zeros lose nothing"
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "1,000.00", "abc", "", "1e5", "1E5", ".5", "5.", "--1", "1.2.3", "0x10", "١٢",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be refused");
        }
        let err = parse_decimal("1,000.00").unwrap_err().to_string();
        assert!(err.contains("thousands separators"), "{err}");
        let err = parse_decimal("1e5").unwrap_err().to_string();
        assert!(err.contains("exponent"), "{err}");
    }

    #[test]
    fn refuses_extra_precision_and_range() {
        let err = minor("12.345").unwrap_err().to_string();
        assert!(
            err.contains("more decimal places than USD allows (2)"),
            "{err}"
        );
        assert!(minor("92233720368547758.08").is_err());
        assert!(minor("99999999999999999999999999999").is_err());
        assert_eq!(minor("92233720368547758.07").unwrap(), i64::MAX);
    }

    #[test]
    fn commodities_and_money_are_built_only_valid() {
        let rice = Commodity::new("KG-RICE", 3).unwrap();
        assert_eq!((rice.code(), rice.decimals()), ("KG-RICE", 3));
        assert_eq!(rice.money(-1500).to_string(), "-1.500");
        let err = Commodity::new("usd", 2).unwrap_err().to_string();
        assert!(err.contains("did you mean USD"), "{err}");
        let err = Commodity::new("USD", MAX_DECIMALS + 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at most 9 are supported"), "{err}");
        assert_eq!(Money::new(250, 2).unwrap().to_string(), "2.50");
        let err = Money::new(1, MAX_DECIMALS + 1).unwrap_err().to_string();
        assert_eq!(
            err,
            "an amount with 10 decimal places; at most 9 are supported"
        );
        let mut total = Money::new(100, 2).unwrap();
        total.add(-250i64);
        assert_eq!(
            (total.minor(), total.negated().to_string()),
            (-150, "1.50".to_owned())
        );
    }

    #[test]
    fn validates_codes() {
        for good in ["USD", "KG-RICE", "HOURS", "X_1"] {
            validate_code(good).unwrap();
        }
        let err = validate_code("usd").unwrap_err().to_string();
        assert!(err.contains("did you mean USD"), "{err}");
        for bad in ["", "1USD", "US D", "€", &"A".repeat(25)] {
            assert!(validate_code(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_minor(-123450, 2), "-1234.50");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(-5, 3), "-0.005");
        assert_eq!(format_minor(0, 2), "0.00");
        assert_eq!(format_minor(42, 0), "42");
        assert_eq!(
            format_minor(i128::from(i64::MIN), 2),
            "-92233720368547758.08"
        );
        assert_eq!(format_minor(i128::MIN, 0), i128::MIN.to_string());
        assert_eq!(format_minor(7, 28), format!("0.{}7", "0".repeat(27)));
    }

    proptest::proptest! {
        #[test]
        fn minor_units_format_as_rust_decimal_does(minor in -(1i128 << 95)..(1i128 << 95), decimals in 0u32..=28) {
            let expected = Decimal::from_i128_with_scale(minor, decimals).to_string();
            proptest::prop_assert_eq!(format_minor(minor, decimals), expected);
        }
    }
}
