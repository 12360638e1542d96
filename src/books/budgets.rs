//! Budgets as recorded: every budget record, the ones in force, and which
//! spending a budget's category covers.
//!
//! A later budget for the same pool, category, commodity and period
//! replaces the earlier one; both stay on record.

use rusqlite::Connection;

use crate::domain::account::name_key;
use crate::domain::records::{BudgetRecord, RecordKind};
use crate::error::{Error, Result};
use crate::store::records;

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

/// Every budget record with when it was set, oldest first.
///
/// # Errors
/// [`Error::Damaged`] when a budget record cannot be read.
pub fn all(conn: &Connection) -> Result<Vec<(String, BudgetRecord)>> {
    records::of_kind(conn, RecordKind::Budget.as_str())?
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
        match latest.iter_mut().find(|(_, b)| b.same_key(&budget)) {
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
