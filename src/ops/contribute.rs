//! Contributions: money and in-kind support coming into the fund.
//!
//! Every contribution is an ordinary balanced transaction, credited to income
//! in the chosen pool, plus a record of who it came from kept apart from the
//! journal (so exports of the books never carry contributors' names):
//!
//! - money (a well-known currency): debit the account it went into (`--into`,
//!   else the `contribution-account` setting), credit `income:contributions`;
//! - services in kind (`--kind legal-assistance`, in units such as `HOURS`):
//!   debit `expenses:in-kind:KIND`, credit `income:in-kind:KIND` — given and
//!   used at once, so the pool's holdings do not change but the support shows;
//! - goods in kind (`KG-RICE`, `TENTS`, no `--kind`): debit the stock account
//!   `assets:in-kind:CODE`, credit `income:in-kind:goods`.
//!
//! The income, expense and stock accounts are created on first use.

use chrono::NaiveDate;

use crate::books::members::member;
use crate::domain::account::{
    AccountType, CONTRIBUTIONS_INCOME, DISTRIBUTED_ACCOUNT, validate_account_name,
};
use crate::domain::currency;
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::settings::CONTRIBUTION_ACCOUNT;
use crate::domain::txn::{Posting, Transaction};
use crate::error::{ContributionRefusal, Error, NextStep, Result, SqlContext};
use crate::ops::ledger::Posted;
use crate::ops::{Book, NewCommodity, pools, post_one};
use crate::store::txns::Writer;
use crate::store::{Db, members, settings};

/// Who a contribution came from.
#[derive(Debug, Clone)]
pub enum Contributor {
    Member(String),
    Anonymous,
}

/// A contribution to record.
#[derive(Debug, Clone)]
pub struct ContributionRequest {
    pub amount: String,
    pub commodity: String,
    pub from: Contributor,
    /// The pool it goes to (the general pool when None).
    pub pool: Option<String>,
    /// Where money went (an assets account).
    pub into: Option<String>,
    /// For services in kind: what kind of support.
    pub kind: Option<String>,
    pub date: NaiveDate,
    pub memo: Option<String>,
    pub reference: Option<String>,
}

/// Records a contribution; returns the transaction posted.
pub fn contribute(db: &mut Db, request: &ContributionRequest) -> Result<Posted> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let member_id = match &request.from {
        Contributor::Member(name) => Some(member(&tx, name)?.id),
        Contributor::Anonymous => None,
    };
    let (stored, declared) = book.commodity(&tx, &request.commodity, NewCommodity::Known)?;
    let commodity = stored.commodity.clone();
    let amount = to_minor(parse_decimal(&request.amount)?, &commodity, &request.amount)?;
    if amount <= 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "a contribution is a positive amount; to undo one, void its transaction".into(),
        });
    }
    let pool = match &request.pool {
        Some(name) => {
            let (stored, id) = book.pool(name)?;
            id.map(|_| stored)
        }
        None => None,
    };
    let money = currency::known(commodity.code()).is_some();
    let kind = request
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty());
    if !money && request.into.is_some() {
        return Err(Error::InKindAccount {
            stock: format!("assets:in-kind:{}", commodity.code().to_lowercase()),
        });
    }
    let (debit, credit, description) = match (money, kind) {
        (true, Some(_)) => {
            return Err(ContributionRefusal::KindOfMoney.into());
        }
        (true, None) => {
            let into = match &request.into {
                Some(into) => into.clone(),
                None => settings::get(&tx, CONTRIBUTION_ACCOUNT)?.ok_or_else(|| {
                    Error::Blocked {
                        problem: "no account is given for the money, and no default contribution account is set".into(),
                        next: NextStep::ContributionAccount,
                    }
                })?,
            };
            (
                into,
                CONTRIBUTIONS_INCOME.to_owned(),
                "Contribution".to_owned(),
            )
        }
        (false, Some(kind)) => (
            format!("expenses:in-kind:{kind}"),
            format!("income:in-kind:{kind}"),
            format!("In-kind contribution: {kind}"),
        ),
        (false, None) => (
            format!("assets:in-kind:{}", commodity.code().to_lowercase()),
            "income:in-kind:goods".to_owned(),
            format!("In-kind contribution: {}", commodity.code()),
        ),
    };
    if money {
        let into = book.account(&debit)?;
        if !matches!(validate_account_name(&into.name), Ok(AccountType::Assets)) {
            return Err(ContributionRefusal::NotAssets {
                account: into.name.clone(),
            }
            .into());
        }
    } else {
        book.account_or_create(&tx, &debit, &tx.recorded_at())?;
    }
    book.account_or_create(&tx, &credit, &tx.recorded_at())?;
    let leg = |account: &str, amount: i64, memo: Option<String>, pooled: bool| {
        Posting::new(account, commodity.clone(), amount)?
            .with_memo(memo)
            .with_pool(pool.clone().filter(|_| pooled))
    };
    let txn = Transaction::new(
        request.date,
        description,
        None,
        request.reference.clone(),
        vec![
            leg(&debit, amount, None, kind.is_some())?,
            leg(&credit, -amount, request.memo.clone(), true)?,
        ],
    )?;
    let (id, hash) = post_one(&tx, &book, &txn, None)?;
    members::insert_contribution(&tx, id, member_id, kind, &tx.recorded_at())?;
    tx.commit().ctx("committing the contribution")?;
    Ok(Posted {
        id,
        hash,
        declared: if declared {
            vec![commodity.code().to_owned()]
        } else {
            Vec::new()
        },
    })
}

/// Goods given out of the fund's stock.
#[derive(Debug, Clone)]
pub struct GiveRequest {
    pub amount: String,
    pub commodity: String,
    pub pool: Option<String>,
    pub date: NaiveDate,
    pub memo: Option<String>,
}

/// Gives goods out of stock (`assets:in-kind:CODE`), charged to a pool.
/// Refused when the stock would go below zero on any day.
pub fn give(db: &mut Db, request: &GiveRequest) -> Result<Posted> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let (stored, _) = book.commodity(&tx, &request.commodity, NewCommodity::Refuse)?;
    let commodity = stored.commodity.clone();
    let commodity_id = stored.id;
    if currency::known(commodity.code()).is_some() {
        return Err(Error::Blocked {
            problem: format!("{} is money", commodity.code()),
            next: NextStep::Post,
        });
    }
    let amount = to_minor(parse_decimal(&request.amount)?, &commodity, &request.amount)?;
    if amount <= 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "give a positive amount".into(),
        });
    }
    let stock = format!("assets:in-kind:{}", commodity.code().to_lowercase());
    let stock_id = book
        .account(&stock)
        .map_err(|_| {
            Error::from(ContributionRefusal::NoStock {
                commodity: commodity.code().to_owned(),
                account: stock.clone(),
            })
        })?
        .id;
    book.account_or_create(&tx, DISTRIBUTED_ACCOUNT, &tx.recorded_at())?;
    let pool = match &request.pool {
        Some(name) => {
            let (stored, id) = book.pool(name)?;
            id.map(|_| stored)
        }
        None => None,
    };
    let txn = Transaction::new(
        request.date,
        format!("Given out: {}", commodity.code()),
        None,
        None,
        vec![
            Posting::new(DISTRIBUTED_ACCOUNT, commodity.clone(), amount)?
                .with_memo(request.memo.clone())
                .with_pool(pool)?,
            Posting::new(stock.clone(), commodity.clone(), -amount)?,
        ],
    )?;
    let ids = book.posting_ids(&txn)?;
    let mut writer = Writer::new(&tx)?;
    let (id, hash) = writer.append(&txn, &ids, None, &tx.recorded_at())?;
    let touched = writer.finish()?;
    if let Some((day, low)) = crate::store::balances::lowest(&tx, stock_id, commodity_id)?
        && low < 0
    {
        return Err(ContributionRefusal::StockShort {
            commodity: commodity.code().to_owned(),
            low: crate::domain::money::format_minor(low, commodity.decimals()),
            day,
        }
        .into());
    }
    pools::ensure_sound(&tx, &touched)?;
    tx.commit().ctx("committing")?;
    Ok(Posted {
        id,
        hash,
        declared: Vec::new(),
    })
}
