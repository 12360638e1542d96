//! Budgets: what a pool means to spend on a category in a calendar period.
//!
//! A budget is a governance record (kind `budget`) in the hash-chained
//! records log, like a policy: never updated; a later budget for the same
//! pool, category, commodity and period replaces the earlier one in reports,
//! and both stay on record. A category names what spending it covers: the
//! grant category (`rent` covers `expenses:grants:rent`) or an expense
//! account below `expenses:` (`operations` covers `expenses:operations:…`);
//! see [`covers`].

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::domain::account::{name_key, validate_account_name};
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::period::Span;
use crate::error::{Error, Result, SqlContext};
use crate::ops::{Book, NewCommodity, now};
use crate::store::pools::GENERAL;
use crate::store::{Db, records};

/// A budget as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRecord {
    pub pool: i64,
    pub category: String,
    pub commodity: String,
    /// Minor units of the commodity.
    pub amount: i64,
    /// `2026`, `2026-Q1` or `2026-03`.
    pub period: String,
}

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

/// Whether spending in category `spent` (a grant category, or an expense
/// account's path below `expenses:`) counts against a budget for `budgeted`:
/// the same, or below it (`operations` covers `operations:printing`).
pub fn covers(budgeted: &str, spent: &str) -> bool {
    let (budgeted, spent) = (name_key(budgeted), name_key(spent));
    spent == budgeted
        || spent
            .strip_prefix(&budgeted)
            .is_some_and(|rest| rest.starts_with(':'))
}

/// Records a budget; returns it with the pool's name and whether it
/// replaces an earlier one.
pub fn set(db: &mut Db, request: &BudgetRequest) -> Result<(BudgetRecord, String, bool)> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let (pool_name, pool) = book.pool(&request.pool)?;
    let category = name_key(request.category.trim());
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
        commodity: stored.code,
        amount,
        period: span.label,
    };
    let replaces = all(&tx)?.iter().any(|(_, b)| same_key(b, &record));
    let payload = serde_json::to_value(&record).expect("budget payloads are plain data");
    records::append(
        &tx,
        "budget",
        None,
        &request
            .at
            .unwrap_or_else(|| chrono::Local::now().naive_local())
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        &payload,
        &now(),
    )?;
    tx.commit().ctx("committing the budget")?;
    Ok((record, pool_name, replaces))
}

fn same_key(a: &BudgetRecord, b: &BudgetRecord) -> bool {
    a.pool == b.pool
        && a.category == b.category
        && a.commodity == b.commodity
        && a.period == b.period
}

/// Every budget record with when it was set, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<(String, BudgetRecord)>> {
    records::of_kind(conn, "budget")?
        .into_iter()
        .map(|r| {
            let budget = serde_json::from_value(r.payload).map_err(|e| Error::Damaged {
                what: "the governance log".into(),
                detail: format!("budget record {} cannot be read: {e}", r.id),
            })?;
            Ok((r.at, budget))
        })
        .collect()
}

/// The budgets in force: the latest for each pool, category, commodity and
/// period, in the order they were first set.
pub fn in_force(conn: &Connection) -> Result<Vec<(String, BudgetRecord)>> {
    let mut latest: Vec<(String, BudgetRecord)> = Vec::new();
    for (at, budget) in all(conn)? {
        match latest.iter_mut().find(|(_, b)| same_key(b, &budget)) {
            Some(slot) => *slot = (at, budget),
            None => latest.push((at, budget)),
        }
    }
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn categories_cover_what_lies_below_them() {
        assert!(covers("rent", "rent"));
        assert!(covers("operations", "operations:printing"));
        assert!(covers("Operations", "operations:printing"));
        assert!(!covers("operations", "operationsx"));
        assert!(!covers("operations:printing", "operations"));
    }
}
