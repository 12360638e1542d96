//! Currency exchange and reference rates.
//!
//! An exchange is one balanced transaction with a conversion leg per
//! commodity, so it still sums to zero in each:
//!
//! ```text
//! from-account             -500.00 EUR
//! equity:conversions:EUR    500.00 EUR   (pool)
//! equity:conversions:USD   -531.00 USD   (pool)
//! to-account                531.00 USD
//! ```
//!
//! The conversion legs carry the pool, so the pool gives up the euros and
//! holds the dollars. A fee is paid from the from-account (in the from
//! commodity) or the to-account (in the to commodity) and charged to the
//! pool. The effective rate is written into the description, which is part
//! of the hash chain.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::account::{
    AccountType, EXCHANGE_FEE_ACCOUNT, conversion_account, validate_account_name,
};
use crate::domain::ids::TxnId;
use crate::domain::money::{
    Commodity, format_minor, parse_decimal, parse_rate, to_minor, validate_code,
};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, ExchangeRefusal, Result, SqlContext};
use crate::ops::{Book, NewCommodity, post_one};
use crate::store::Db;
use crate::store::rates::{self, StoredRate};

/// An exchange to record.
#[derive(Debug, Clone)]
pub struct ExchangeRequest {
    pub amount: String,
    pub from: String,
    pub to_amount: String,
    pub to: String,
    pub from_account: String,
    pub to_account: String,
    pub pool: Option<String>,
    /// Fee amount and commodity.
    pub fee: Option<(String, String)>,
    pub date: NaiveDate,
}

/// What an exchange recorded.
#[derive(Debug, Clone)]
pub struct Exchanged {
    pub id: TxnId,
    /// Units of the to-commodity per unit of the from-commodity.
    pub rate: String,
}

/// `to / from`, shown with up to 6 decimal places (marked `≈` when the exact
/// quotient has more); a transfer received in another currency is described
/// with it too.
pub(crate) fn effective_rate(from: Decimal, to: Decimal) -> String {
    match to.checked_div(from) {
        Some(exact) => {
            let shown = exact.round_dp(6).normalize();
            if shown == exact.normalize() {
                shown.to_string()
            } else {
                format!("≈{shown}")
            }
        }
        None => "?".to_owned(),
    }
}

/// The effective rate and the description an exchange is recorded with
/// (the rate is part of the hash chain through it); the statement import's
/// exchange rows use it too.
pub(crate) fn describe(
    from_value: Decimal,
    from_minor: i64,
    from: &Commodity,
    to_value: Decimal,
    to_minor: i64,
    to: &Commodity,
) -> (String, String) {
    let rate = effective_rate(from_value, to_value);
    let description = format!(
        "Exchange {} {} for {} {} at {rate} {} per {}",
        format_minor(from_minor.into(), from.decimals()),
        from.code(),
        format_minor(to_minor.into(), to.decimals()),
        to.code(),
        to.code(),
        from.code()
    );
    (rate, description)
}

fn positive(input: &str, commodity: &Commodity) -> Result<(Decimal, i64)> {
    let value = parse_decimal(input)?;
    let minor = to_minor(value, commodity, input)?;
    if minor <= 0 {
        return Err(Error::Amount {
            input: input.to_owned(),
            reason: "an exchange needs positive amounts".into(),
        });
    }
    Ok((value, minor))
}

/// Records an exchange; returns its id and effective rate.
pub fn exchange(db: &mut Db, request: &ExchangeRequest) -> Result<Exchanged> {
    if request.from == request.to {
        return Err(ExchangeRefusal::SameCommodity {
            code: request.from.clone(),
        }
        .into());
    }
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let from = book
        .commodity(&tx, &request.from, NewCommodity::Known)?
        .0
        .commodity
        .clone();
    let to = book
        .commodity(&tx, &request.to, NewCommodity::Known)?
        .0
        .commodity
        .clone();
    let (from_value, from_minor) = positive(&request.amount, &from)?;
    let (to_value, to_minor_units) = positive(&request.to_amount, &to)?;
    for account in [&request.from_account, &request.to_account] {
        let stored = book.account(account)?;
        if validate_account_name(&stored.name)? != AccountType::Assets {
            return Err(ExchangeRefusal::NotAssets {
                account: stored.name.clone(),
            }
            .into());
        }
    }
    let pool = match &request.pool {
        Some(name) => {
            let (stored, id) = book.pool(name)?;
            id.map(|_| stored)
        }
        None => None,
    };
    let from_conversion = conversion_account(from.code());
    let to_conversion = conversion_account(to.code());
    for account in [&from_conversion, &to_conversion] {
        book.account_or_create(&tx, account, &tx.recorded_at())?;
    }
    let leg = |account: &str, commodity: &Commodity, amount: i64, pooled: bool| {
        Posting::new(account, commodity.clone(), amount)?.with_pool(pool.clone().filter(|_| pooled))
    };
    let mut postings = vec![
        leg(&request.from_account, &from, -from_minor, false)?,
        leg(&from_conversion, &from, from_minor, true)?,
        leg(&to_conversion, &to, -to_minor_units, true)?,
        leg(&request.to_account, &to, to_minor_units, false)?,
    ];
    let (rate, mut description) =
        describe(from_value, from_minor, &from, to_value, to_minor_units, &to);
    if let Some((amount, code)) = &request.fee {
        validate_code(code)?;
        let (paid_from, commodity) = if *code == from.code() {
            (&request.from_account, &from)
        } else if *code == to.code() {
            (&request.to_account, &to)
        } else {
            return Err(ExchangeRefusal::FeeCommodity {
                from: from.code().to_owned(),
                to: to.code().to_owned(),
                code: code.clone(),
            }
            .into());
        };
        let (_, fee) = positive(amount, commodity)?;
        book.account_or_create(&tx, EXCHANGE_FEE_ACCOUNT, &tx.recorded_at())?;
        postings.push(leg(EXCHANGE_FEE_ACCOUNT, commodity, fee, true)?);
        postings.push(leg(paid_from, commodity, -fee, false)?);
        description.push_str(&format!(
            ", fee {} {}",
            format_minor(fee.into(), commodity.decimals()),
            commodity.code()
        ));
    }
    let txn = Transaction::new(request.date, description, None, None, postings)?;
    let (id, _) = post_one(&tx, &book, &txn, None)?;
    tx.commit().ctx("committing the exchange")?;
    Ok(Exchanged { id, rate })
}

/// Records a reference rate: one `from` is worth `rate` `to` on `date`.
pub fn add_rate(
    db: &mut Db,
    date: NaiveDate,
    from: &str,
    to: &str,
    rate: &str,
    source: Option<&str>,
) -> Result<()> {
    let rate = parse_rate(from, to, rate)?;
    let tx = db.write()?;
    let book = Book::load(&tx)?;
    for code in [from, to] {
        if !book.knows_commodity(code) {
            return Err(Error::UnknownCommodity {
                code: code.to_owned(),
            });
        }
    }
    let record = StoredRate {
        date,
        from: from.to_owned(),
        to: to.to_owned(),
        rate,
        source: source.map(str::to_owned),
    };
    rates::insert(&tx, &record, &tx.recorded_at())?;
    tx.commit().ctx("committing the rate")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_shown_exactly_or_marked() {
        let d = |s: &str| parse_decimal(s).unwrap();
        assert_eq!(effective_rate(d("500.00"), d("531.00")), "1.062");
        assert_eq!(effective_rate(d("3"), d("1")), "≈0.333333");
        assert_eq!(effective_rate(d("100"), d("1712.50")), "17.125");
    }
}
