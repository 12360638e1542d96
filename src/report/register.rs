//! `fondo register`: postings in date order with a running balance per
//! commodity.
//!
//! With `--from`, the running balance starts from the balance of the matched
//! accounts just before that day, so each row's balance is the real balance
//! after that posting, as on a bank statement.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::account::under_prefix;
use crate::domain::ids::TxnId;
use crate::domain::money::Money;
use crate::error::Result;
use crate::render::Row;
use crate::report::balance::check_prefixes;
use crate::store::{balances, txns};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRow {
    pub txn: TxnId,
    pub date: String,
    pub description: String,
    pub account: String,
    pub commodity: String,
    pub amount: Money,
    pub balance: Money,
}

impl Row for RegisterRow {
    const COLUMNS: &'static [&'static str] = &[
        "txn",
        "date",
        "description",
        "account",
        "commodity",
        "amount",
        "balance",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["txn", "amount", "balance"];
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct RegisterQuery {
    pub prefix: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Streams register rows to `sink`, in date order.
pub fn register(
    conn: &Connection,
    query: &RegisterQuery,
    mut sink: impl FnMut(RegisterRow) -> Result<()>,
) -> Result<()> {
    let prefixes: Vec<String> = query.prefix.iter().cloned().collect();
    let all = check_prefixes(conn, &prefixes)?;
    let ids: Vec<crate::domain::ids::AccountId> = all
        .iter()
        .filter(|a| {
            query
                .prefix
                .as_deref()
                .is_none_or(|p| under_prefix(&a.name, p))
        })
        .map(|a| a.id)
        .collect();
    let mut running: HashMap<String, i128> = HashMap::new();
    if query.from.is_some() {
        for (commodity, amount) in balances::by_commodity(conn, &ids, query.from)? {
            running.insert(commodity.code().to_owned(), amount);
        }
    }
    let filter = query.prefix.is_some().then_some(ids.as_slice());
    txns::for_each_register_row(conn, filter, query.from, query.to, |row| {
        let total = running.entry(row.commodity.code().to_owned()).or_insert(0);
        *total += i128::from(row.amount);
        let decimals = row.commodity.decimals();
        sink(RegisterRow {
            txn: row.txn_id,
            date: row.date.to_string(),
            description: row.description,
            account: row.account,
            commodity: row.commodity.code().to_owned(),
            amount: Money::stored(row.amount.into(), decimals),
            balance: Money::stored(*total, decimals),
        })
    })
}
