//! What `accounts.csv`, `commodities.csv` and `pools.csv` declare, which the
//! other files' cells are judged against: account names of their type, each
//! commodity's places, the pools.
//!
//! Rule: a declaration that is not well formed is a finding and is left out;
//! an amount elsewhere is read only in the places its commodity declares.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Checker, Tables, codes, minor, whole};
use crate::domain::account::validate_account_name;
use crate::domain::bundle::{ACCOUNTS, COMMODITIES};
use crate::domain::date::parse_date;

/// What accounts.csv, commodities.csv and pools.csv declare.
#[derive(Default)]
pub(super) struct Book {
    /// Account → the day it was closed, if it was.
    pub(super) accounts: HashMap<String, Option<NaiveDate>>,
    pub(super) decimals: HashMap<String, u32>,
    /// Restricted pools (general excluded).
    pub(super) pools: BTreeSet<String>,
    pub(super) all_pools: BTreeSet<String>,
}

impl Book {
    pub(super) fn load(tables: &Tables, checker: &mut Checker) -> Book {
        let mut book = Book::default();
        if let Some(t) = &tables.commodities {
            for rec in &t.rows {
                let code = rec.row.commodity.as_str();
                match whole::<u32>(&rec.row.decimals) {
                    Some(d) if d <= crate::domain::money::MAX_DECIMALS => {
                        if book.decimals.insert(code.to_owned(), d).is_some() {
                            checker.find(
                                codes::CELL,
                                COMMODITIES,
                                rec.line,
                                format!("{code} is listed twice"),
                            );
                        }
                    }
                    _ => checker.find(
                        codes::CELL,
                        COMMODITIES,
                        rec.line,
                        format!("the decimals of {code} are not a whole number from 0 to 9"),
                    ),
                }
            }
        }
        if let Some(t) = &tables.accounts {
            for rec in &t.rows {
                let name = rec.row.account.as_str();
                let kind = validate_account_name(name).map(|k| k.to_string());
                if kind.as_deref().ok() != Some(rec.row.kind.as_str()) {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!(
                            "{name:?} is not a valid account name of the type {:?}",
                            rec.row.kind
                        ),
                    );
                }
                let closed = rec.row.closed_on.as_str();
                let closed_on = if closed.is_empty() {
                    None
                } else {
                    let day = parse_date(closed).ok();
                    if day.is_none() {
                        checker.find(
                            codes::CELL,
                            ACCOUNTS,
                            rec.line,
                            format!("closed_on {closed:?} is not a date"),
                        );
                    }
                    day
                };
                let status = rec.row.status.as_str();
                let expected = if closed.is_empty() { "open" } else { "closed" };
                if status != expected {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!("status {status:?} does not fit closed_on {closed:?} (expected {expected})"),
                    );
                }
                if book.accounts.insert(name.to_owned(), closed_on).is_some() {
                    checker.find(
                        codes::CELL,
                        ACCOUNTS,
                        rec.line,
                        format!("{name} is listed twice"),
                    );
                }
            }
        }
        if let Some(t) = &tables.pools {
            for rec in &t.rows {
                let pool = rec.row.pool.as_str();
                book.all_pools.insert(pool.to_owned());
                if pool != "general" {
                    book.pools.insert(pool.to_owned());
                }
            }
        }
        book
    }

    /// Checks that a commodity is known and an amount is written in it;
    /// its minor units.
    pub(super) fn amount(
        &self,
        checker: &mut Checker,
        file: &str,
        line: u64,
        column: &str,
        text: &str,
        commodity: &str,
    ) -> Option<i128> {
        let Some(&decimals) = self.decimals.get(commodity) else {
            checker.find(
                codes::CELL,
                file,
                line,
                format!("commodity {commodity:?} is not in {COMMODITIES}"),
            );
            return None;
        };
        let value = minor(text, decimals);
        if value.is_none() {
            checker.find(
                codes::CELL,
                file,
                line,
                format!("{column} {text:?} is not an amount written with exactly the {decimals} decimal places of {commodity} in {COMMODITIES}"),
            );
        }
        value
    }
}
