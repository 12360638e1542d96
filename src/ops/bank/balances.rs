//! The statement's balances against the books: where the map names a
//! balance column, the books' balance of the statement's account must be
//! the bank's at the end of every day the statement gives one.
//!
//! Rule: a day whose balances differ refuses the whole import (the
//! transaction is never committed), naming the line and both balances.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::bankmap::BankMap;
use crate::domain::ids::{AccountId, CommodityId};
use crate::domain::money::{Commodity, format_minor};
use crate::error::{Error, ProblemCode, Result};
use crate::store::balances;

/// A balance the statement gives: its line, date, amount in minor units,
/// commodity and the commodity's id.
pub(super) type Stated = (u64, NaiveDate, i128, Commodity, CommodityId);

/// Compares the books' balance of the statement's account with the bank's
/// at the end of every date the statement gives one; returns how many dates
/// were checked.
pub(super) fn check_balances(
    conn: &rusqlite::Connection,
    label: &str,
    map: &BankMap,
    account: AccountId,
    stated: &[Stated],
) -> Result<u64> {
    let (Some(first), Some(last)) = (stated.first(), stated.last()) else {
        return Ok(0);
    };
    // Statements list rows oldest or newest first: the day's closing
    // balance is on its last row in time, whichever end that is.
    let newest_first = first.1 > last.1;
    let mut closing: BTreeMap<(NaiveDate, String), &Stated> = BTreeMap::new();
    for row in stated {
        let key = (row.1, row.3.code().to_owned());
        if newest_first {
            closing.entry(key).or_insert(row);
        } else {
            closing.insert(key, row);
        }
    }
    let column = map.columns.balance.clone().unwrap_or_default();
    for row in closing.values() {
        let (line, date, bank, commodity, commodity_id) = row;
        let books = balances::of_account(conn, account, *commodity_id, *date)?;
        if books != *bank {
            return Err(Error::Import {
                path: label.to_owned(),
                problems: vec![crate::error::Problem {
                    code: ProblemCode::I213,
                    cause: None,
                    line: *line,
                    field: Some(column),
                    message: format!(
                        "the statement's balance at the end of {date} is {} {code} but the books' balance of {} is {} {code}; is an earlier statement or the opening balance missing?",
                        format_minor(*bank, commodity.decimals()),
                        map.defaults.account,
                        format_minor(books, commodity.decimals()),
                        code = commodity.code()
                    ),
                }],
                more: 0,
            });
        }
    }
    Ok(closing.len() as u64)
}
