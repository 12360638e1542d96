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
use crate::error::{Error, LedgerRefusal, Result};

/// One leg of a transaction. `amount` is in minor units of `commodity`,
/// positive for a debit. `pool` names the restricted pool an income, expense
/// or equity posting belongs to (`None`: the general pool).
///
/// Built by [`Posting::new`] (which checks the account name's form and a
/// non-zero amount) and [`Posting::with_pool`] (which checks that the account
/// can carry a pool); the crate's own readers of stored postings use
/// `Posting::stored`, their values having passed these checks when written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    account: String,
    commodity: Commodity,
    amount: i64,
    memo: Option<String>,
    pool: Option<String>,
}

impl Posting {
    /// A posting of `amount` minor units of `commodity` to `account`, with no
    /// memo and in the general pool. Refuses a malformed account name and a
    /// zero amount.
    pub fn new(account: impl Into<String>, commodity: Commodity, amount: i64) -> Result<Posting> {
        let account = account.into();
        validate_account_name(&account)?;
        let posting = Posting::stored(account, commodity, amount, None, None);
        posting.check_amount()?;
        Ok(posting)
    }

    /// A posting rebuilt from values the crate wrote after checking them (a
    /// stored row, an account found in the fund's books). Never for input
    /// from outside: [`Transaction::new`] still checks the amount and the
    /// pool, but not the account name's form.
    pub(crate) fn stored(
        account: String,
        commodity: Commodity,
        amount: i64,
        memo: Option<String>,
        pool: Option<String>,
    ) -> Posting {
        Posting {
            account,
            commodity,
            amount,
            memo,
            pool,
        }
    }

    /// [`Posting::stored`] without a memo, from borrowed parts: one leg of
    /// a transaction the crate composes from checked values.
    pub(crate) fn leg(
        account: &str,
        commodity: &Commodity,
        amount: i64,
        pool: &Option<String>,
    ) -> Posting {
        Posting::stored(
            account.to_owned(),
            commodity.clone(),
            amount,
            None,
            pool.clone(),
        )
    }

    /// The same posting with `memo`.
    pub fn with_memo(self, memo: Option<String>) -> Posting {
        Posting { memo, ..self }
    }

    /// The same posting in restricted pool `pool` (`None`: the general
    /// pool). Refuses a pool on an account that is not income, expenses or
    /// equity.
    pub fn with_pool(self, pool: Option<String>) -> Result<Posting> {
        let posting = Posting { pool, ..self };
        posting.check_pool()?;
        Ok(posting)
    }

    /// The same posting with the sign of its amount flipped.
    pub fn negated(&self) -> Result<Posting> {
        Ok(Posting {
            amount: self.amount.checked_neg().ok_or_else(|| Error::Overflow {
                context: format!("reversing {}", self.account),
            })?,
            ..self.clone()
        })
    }

    pub fn account(&self) -> &str {
        &self.account
    }
    pub fn commodity(&self) -> &Commodity {
        &self.commodity
    }
    /// The amount in minor units of [`Posting::commodity`], positive for a
    /// debit.
    pub fn amount(&self) -> i64 {
        self.amount
    }
    pub fn memo(&self) -> Option<&str> {
        self.memo.as_deref()
    }
    pub fn pool(&self) -> Option<&str> {
        self.pool.as_deref()
    }

    fn check_amount(&self) -> Result<()> {
        if self.amount == 0 {
            return Err(LedgerRefusal::ZeroAmount {
                account: self.account.clone(),
            }
            .into());
        }
        Ok(())
    }

    fn check_pool(&self) -> Result<()> {
        if self.pool.is_some()
            && !matches!(
                validate_account_name(&self.account),
                Ok(AccountType::Income | AccountType::Expenses | AccountType::Equity)
            )
        {
            return Err(LedgerRefusal::PoolOnHolding {
                account: self.account.clone(),
            }
            .into());
        }
        Ok(())
    }
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
            return Err(LedgerRefusal::NoDescription.into());
        }
        if postings.len() < 2 {
            return Err(LedgerRefusal::TooFewPostings {
                count: postings.len(),
            }
            .into());
        }
        for p in &postings {
            p.check_pool()?;
        }
        for p in &postings {
            p.check_amount()?;
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
            .map(Posting::negated)
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
        return Err(LedgerRefusal::ManyElided.into());
    }
    let mut total: i128 = 0;
    let mut commodity: Option<&Commodity> = None;
    for (c, amount) in drafts.iter().filter_map(|d| d.amount.as_ref()) {
        match commodity {
            Some(seen) if seen.code() != c.code() && elided == 1 => {
                return Err(LedgerRefusal::ElidedMixed {
                    first: seen.code().to_owned(),
                    second: c.code().to_owned(),
                }
                .into());
            }
            _ => commodity = Some(c),
        }
        total += i128::from(*amount);
    }
    let filler = match (elided, commodity) {
        (0, _) => None,
        (_, None) => {
            return Err(LedgerRefusal::NoAmount.into());
        }
        (_, Some(c)) => {
            let amount = i64::try_from(-total).map_err(|_| Error::Overflow {
                context: "of the other postings".into(),
            })?;
            Some((c.clone(), amount))
        }
    };
    drafts
        .into_iter()
        .map(|d| {
            let (commodity, amount) = d
                .amount
                .or_else(|| filler.clone())
                .expect("a missing amount exists only when filler is set");
            Posting::new(d.account, commodity, amount)?
                .with_memo(d.memo)
                .with_pool(d.pool)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn c(code: &str, decimals: u32) -> Commodity {
        Commodity::stored(code.into(), decimals)
    }

    fn p(account: &str, code: &str, amount: i64) -> Posting {
        Posting::stored(account.into(), c(code, 2), amount, None, None)
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

    /// The ledger rule an error is, for tests that a refusal is the rule
    /// meant (not just any error).
    fn rule(result: Result<impl std::fmt::Debug>) -> LedgerRefusal {
        match result {
            Err(Error::LedgerRefused(refusal)) => *refusal,
            other => panic!("expected a ledger refusal, got {other:?}"),
        }
    }

    /// The rule a transaction of `description` and `postings` is refused by.
    fn refused(description: &str, postings: Vec<Posting>) -> LedgerRefusal {
        rule(Transaction::new(
            day(),
            description.into(),
            None,
            None,
            postings,
        ))
    }

    #[test]
    fn refuses_single_posting_zero_and_empty_description() {
        assert_eq!(
            refused("x", vec![p("assets:a", "USD", 0)]),
            LedgerRefusal::TooFewPostings { count: 1 }
        );
        assert_eq!(
            refused("x", vec![p("assets:a", "USD", 0), p("assets:b", "USD", 0)]),
            LedgerRefusal::ZeroAmount {
                account: "assets:a".into()
            }
        );
        assert_eq!(
            refused(" ", vec![p("assets:a", "USD", 1), p("assets:b", "USD", -1)]),
            LedgerRefusal::NoDescription
        );
    }

    #[test]
    fn postings_refuse_bad_names_zero_amounts_and_pools_where_money_is_kept() {
        let usd = c("USD", 2);
        let p = Posting::new("expenses:rent", usd.clone(), 500).unwrap();
        assert_eq!(
            (p.account(), p.amount(), p.pool()),
            ("expenses:rent", 500, None)
        );
        assert_eq!(p.negated().unwrap().amount(), -500);
        let bad_name = Posting::new("rent", usd.clone(), 500).unwrap_err();
        assert!(matches!(bad_name, Error::AccountName { .. }), "{bad_name}");
        assert_eq!(
            Posting::new("expenses:rent", usd.clone(), 0)
                .unwrap_err()
                .to_string(),
            "posting to expenses:rent has a zero amount"
        );
        let kept = Posting::new("assets:bank", usd.clone(), 500)
            .unwrap()
            .with_pool(Some("housing".into()))
            .unwrap_err();
        assert_eq!(
            rule(Err::<(), _>(kept)),
            LedgerRefusal::PoolOnHolding {
                account: "assets:bank".into()
            }
        );
        let pooled = Posting::new("expenses:rent", usd, 500)
            .unwrap()
            .with_pool(Some("housing".into()))
            .unwrap();
        assert_eq!(pooled.pool(), Some("housing"));
        let overflow = Posting::new("expenses:rent", c("USD", 2), i64::MIN).unwrap();
        assert!(matches!(overflow.negated(), Err(Error::Overflow { .. })));
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
        assert_eq!(rule(fill_elided(two)), LedgerRefusal::ManyElided);
        let mut mixed = drafts;
        mixed.push(DraftPosting {
            account: "assets:c".into(),
            amount: Some((c("EUR", 2), 1)),
            memo: None,
            pool: None,
        });
        assert_eq!(
            rule(fill_elided(mixed.clone())),
            LedgerRefusal::ElidedMixed {
                first: "USD".into(),
                second: "EUR".into()
            }
        );
        for d in &mut mixed {
            d.amount = None;
        }
        mixed.truncate(1);
        assert_eq!(rule(fill_elided(mixed)), LedgerRefusal::NoAmount);
    }
}
