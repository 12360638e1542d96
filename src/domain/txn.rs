//! Balanced transactions.
//!
//! A [`Transaction`] can only be built through [`Transaction::new`], which
//! refuses fewer than two postings, zero amounts, empty descriptions and any
//! imbalance (reporting the off-by amount per commodity). Everything that
//! writes to the ledger goes through this type, so an unbalanced transaction
//! never reaches SQL.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::money::{Commodity, format_minor};
use crate::error::{Error, Result};

/// One leg of a transaction. `amount` is in minor units of `commodity`,
/// positive for a debit. `pool` names the restricted pool an income, expense
/// or equity posting belongs to (`None`: the general pool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub account: String,
    pub commodity: Commodity,
    pub amount: i64,
    pub memo: Option<String>,
    pub pool: Option<String>,
}

/// A posting whose amount may be left out, to be filled in by
/// [`fill_elided`].
#[derive(Debug, Clone)]
pub struct DraftPosting {
    pub account: String,
    pub amount: Option<(Commodity, i64)>,
    pub memo: Option<String>,
    pub pool: Option<String>,
}

/// A balanced transaction, ready to be posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    date: NaiveDate,
    description: String,
    payee: Option<String>,
    reference: Option<String>,
    postings: Vec<Posting>,
}

/// Empty optional text is the same as none (CSV cannot tell them apart).
fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

impl Transaction {
    /// Builds a transaction, checking that it has a description, at least two
    /// postings, no zero amounts, and sums to zero for every commodity.
    pub fn new(
        date: NaiveDate,
        description: String,
        payee: Option<String>,
        reference: Option<String>,
        postings: Vec<Posting>,
    ) -> Result<Self> {
        if description.trim().is_empty() {
            return Err(Error::InvalidTransaction(
                "a transaction needs a description".into(),
            ));
        }
        if postings.len() < 2 {
            return Err(Error::InvalidTransaction(format!(
                "a transaction needs at least two postings, got {}",
                postings.len()
            )));
        }
        if let Some(p) = postings.iter().find(|p| {
            p.pool.is_some()
                && !matches!(
                    validate_account_name(&p.account),
                    Ok(AccountType::Income | AccountType::Expenses | AccountType::Equity)
                )
        }) {
            return Err(Error::InvalidTransaction(format!(
                "posting to {} names a pool, but pools apply only to income, expenses and equity accounts (where the money came from or went), not to where it is kept",
                p.account
            )));
        }
        if let Some(p) = postings.iter().find(|p| p.amount == 0) {
            return Err(Error::InvalidTransaction(format!(
                "posting to {} has a zero amount",
                p.account
            )));
        }
        let off: Vec<String> = sums(&postings)
            .into_iter()
            .filter(|(_, (sum, _))| *sum != 0)
            .map(|(code, (sum, decimals))| format!("{} {code}", format_minor(sum, decimals)))
            .collect();
        if !off.is_empty() {
            return Err(Error::Unbalanced {
                off_by: off.join(", "),
            });
        }
        Ok(Transaction {
            date,
            description,
            payee: non_empty(payee),
            reference: non_empty(reference),
            postings,
        })
    }

    /// The transaction that undoes this one: same postings with the signs
    /// flipped, dated `date`, described by `description`.
    pub fn reversal(&self, date: NaiveDate, description: String) -> Result<Self> {
        let postings = self
            .postings
            .iter()
            .map(|p| {
                Ok(Posting {
                    amount: p.amount.checked_neg().ok_or_else(|| Error::Overflow {
                        context: format!("reversing {}", p.account),
                    })?,
                    ..p.clone()
                })
            })
            .collect::<Result<_>>()?;
        Transaction::new(
            date,
            description,
            self.payee.clone(),
            self.reference.clone(),
            postings,
        )
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn payee(&self) -> Option<&str> {
        self.payee.as_deref()
    }
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }
}

/// Sum per commodity code, with the commodity's decimals.
fn sums(postings: &[Posting]) -> BTreeMap<&str, (i128, u32)> {
    let mut sums: BTreeMap<&str, (i128, u32)> = BTreeMap::new();
    for p in postings {
        let entry = sums
            .entry(p.commodity.code())
            .or_insert((0, p.commodity.decimals()));
        entry.0 += i128::from(p.amount);
    }
    sums
}

/// Fills in the one posting whose amount was left out with the amount that
/// balances the others. Only possible when a single commodity is involved.
pub fn fill_elided(drafts: Vec<DraftPosting>) -> Result<Vec<Posting>> {
    let elided = drafts.iter().filter(|d| d.amount.is_none()).count();
    if elided > 1 {
        return Err(Error::InvalidTransaction(
            "only one posting may leave its amount out".into(),
        ));
    }
    let mut total: i128 = 0;
    let mut commodity: Option<&Commodity> = None;
    for (c, amount) in drafts.iter().filter_map(|d| d.amount.as_ref()) {
        match commodity {
            Some(seen) if seen.code() != c.code() && elided == 1 => {
                return Err(Error::InvalidTransaction(format!(
                    "an amount can be left out only when one commodity is involved (found {} and {})",
                    seen.code(),
                    c.code()
                )));
            }
            _ => commodity = Some(c),
        }
        total += i128::from(*amount);
    }
    let filler = match (elided, commodity) {
        (0, _) => None,
        (_, None) => {
            return Err(Error::InvalidTransaction(
                "at least one posting needs an amount".into(),
            ));
        }
        (_, Some(c)) => {
            let amount = i64::try_from(-total).map_err(|_| Error::Overflow {
                context: "of the other postings".into(),
            })?;
            Some((c.clone(), amount))
        }
    };
    Ok(drafts
        .into_iter()
        .map(|d| {
            let (commodity, amount) = d
                .amount
                .or_else(|| filler.clone())
                .expect("a missing amount exists only when filler is set");
            Posting {
                account: d.account,
                commodity,
                amount,
                memo: d.memo,
                pool: d.pool,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn c(code: &str, decimals: u32) -> Commodity {
        Commodity::stored(code.into(), decimals)
    }

    fn p(account: &str, code: &str, amount: i64) -> Posting {
        Posting {
            account: account.into(),
            commodity: c(code, 2),
            amount,
            memo: None,
            pool: None,
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn balanced_transactions_build() {
        let t = Transaction::new(
            day(),
            "Rent".into(),
            Some(String::new()),
            None,
            vec![
                p("expenses:rent", "USD", 25000),
                p("assets:bank", "USD", -25000),
            ],
        )
        .unwrap();
        assert_eq!(t.payee(), None, "empty payee is no payee");
        let r = t.reversal(day(), "void".into()).unwrap();
        assert_eq!(r.postings()[0].amount, -25000);
    }

    #[test]
    fn unbalanced_reports_off_by_per_commodity() {
        let err = Transaction::new(
            day(),
            "x".into(),
            None,
            None,
            vec![
                p("expenses:a", "USD", 500),
                p("assets:b", "EUR", -100),
                p("assets:c", "USD", -400),
            ],
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "transaction does not balance: off by -1.00 EUR, 1.00 USD"
        );
    }

    #[test]
    fn refuses_single_posting_zero_and_empty_description() {
        assert!(
            Transaction::new(day(), "x".into(), None, None, vec![p("assets:a", "USD", 0)]).is_err()
        );
        assert!(
            Transaction::new(
                day(),
                "x".into(),
                None,
                None,
                vec![p("assets:a", "USD", 0), p("assets:b", "USD", 0)]
            )
            .is_err()
        );
        assert!(
            Transaction::new(
                day(),
                " ".into(),
                None,
                None,
                vec![p("assets:a", "USD", 1), p("assets:b", "USD", -1)]
            )
            .is_err()
        );
    }

    #[test]
    fn fills_one_elided_amount() {
        let drafts = vec![
            DraftPosting {
                account: "expenses:a".into(),
                amount: Some((c("USD", 2), 25000)),
                memo: None,
                pool: None,
            },
            DraftPosting {
                account: "assets:b".into(),
                amount: None,
                memo: None,
                pool: None,
            },
        ];
        let postings = fill_elided(drafts.clone()).unwrap();
        assert_eq!(postings[1].amount, -25000);
        let mut two = drafts.clone();
        two[0].amount = None;
        assert!(fill_elided(two).is_err());
        let mut mixed = drafts;
        mixed.push(DraftPosting {
            account: "assets:c".into(),
            amount: Some((c("EUR", 2), 1)),
            memo: None,
            pool: None,
        });
        assert!(fill_elided(mixed).is_err());
    }
}
