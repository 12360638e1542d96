//! Budgets: what a pool means to spend on a category in a calendar period.
//!
//! A budget is a governance record (kind `budget`) in the hash-chained
//! records log, like a policy: never updated; a later budget for the same
//! pool, category, commodity and period replaces the earlier one in reports,
//! and both stay on record. A category names what spending it covers: the
//! grant category (`rent` covers `expenses:grants:rent`) or an expense
//! account below `expenses:` (`operations` covers `expenses:operations:…`);
//! see [`crate::books::budgets::covers`].

use chrono::NaiveDateTime;

use crate::books::budgets;
use crate::domain::account::{name_key, validate_account_name};
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::period::Span;
use crate::domain::records::{BudgetRecord, RecordKind, to_json};
use crate::error::{Error, Result, SqlContext};
use crate::ops::{Book, NewCommodity};
use crate::store::pools::GENERAL;
use crate::store::{Db, records};

/// A budget to set.
#[derive(Debug, Clone)]
pub struct BudgetRequest {
    pub pool: String,
    pub category: String,
    pub amount: String,
    pub commodity: String,
    pub period: String,
    /// When it was set (now, taken once the write lock is held, when None).
    pub at: Option<NaiveDateTime>,
}

/// Records a budget; returns it with the pool's name and whether it
/// replaces an earlier one.
pub fn set(db: &mut Db, request: &BudgetRequest) -> Result<(BudgetRecord, String, bool)> {
    let tx = db.write()?;
    crate::ops::privacy::screen(&tx, &[("category", Some(&request.category))])?;
    let mut book = Book::load(&tx)?;
    let (pool_name, pool) = book.pool(&request.pool)?;
    let category = name_key(&crate::domain::name::stored(
        "budget category",
        request.category.trim(),
    )?);
    validate_account_name(&format!("expenses:{category}")).map_err(|_| Error::InvalidName {
        kind: "budget category",
        name: request.category.clone(),
        reason: "a grant category or an expense account path below expenses:, e.g. rent or operations:printing".into(),
    })?;
    let span = Span::parse(&request.period)?;
    let stored = book
        .commodity(&tx, &request.commodity, NewCommodity::Known)?
        .0
        .commodity
        .clone();
    let amount = to_minor(parse_decimal(&request.amount)?, &stored, &request.amount)?;
    if amount < 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "a budget is zero or more".into(),
        });
    }
    let record = BudgetRecord {
        pool: pool.unwrap_or(GENERAL),
        category,
        commodity: stored.code().to_owned(),
        amount,
        period: span.label,
    };
    let replaces = budgets::all(&tx)?.iter().any(|(_, b)| b.same_key(&record));
    records::append(
        &tx,
        RecordKind::Budget.as_str(),
        None,
        &request
            .at
            .unwrap_or_else(|| tx.now().local())
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        &to_json(&record),
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the budget")?;
    Ok((record, pool_name, replaces))
}
