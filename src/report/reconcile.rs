//! `fondo reconcile ACCOUNT`: the books' balance of an account against its
//! statement's, the rows waiting in the suspense account, and the entries
//! no imported statement has confirmed (paid in cash? typed twice?).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::ids::TxnId;
use crate::domain::money::{format_minor, parse_decimal, to_minor};
use crate::error::{Error, Result};
use crate::render::Row;
use crate::store::{accounts, balances, commodities, txns};

/// One line of a reconciliation: `kind` is `books`, `statement`,
/// `difference`, `suspense` (a row waiting for a rule) or `unconfirmed`
/// (an entry no statement import recorded).
#[derive(Debug, Clone, Serialize)]
pub struct ReconcileRow {
    pub kind: &'static str,
    pub date: String,
    pub txn: Option<TxnId>,
    pub description: String,
    pub amount: String,
    pub commodity: String,
}

impl Row for ReconcileRow {
    const COLUMNS: &'static [&'static str] =
        &["kind", "date", "txn", "description", "amount", "commodity"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["txn", "amount"];
}

/// A reconciliation: its rows, and whether the books differ from the
/// statement.
#[derive(Debug, Clone)]
pub struct Reconciliation {
    pub rows: Vec<ReconcileRow>,
    pub differs: bool,
}

/// Reconciles `account` at the end of `on` against an optional statement
/// balance (amount, commodity); `suspense` is the account unmatched rows
/// wait in.
pub fn reconcile(
    conn: &Connection,
    account: &str,
    on: NaiveDate,
    statement: Option<(&str, &str)>,
    suspense: &str,
) -> Result<Reconciliation> {
    let all = accounts::all(conn)?;
    let Some(found) = all.iter().find(|a| a.name == account) else {
        return Err(Error::UnknownAccount {
            name: account.to_owned(),
            detail: String::new(),
        });
    };
    let suspense_id = all.iter().find(|a| a.name == suspense).map(|a| a.id);
    let codes = commodities::all(conn)?;
    let mut rows = Vec::new();
    let day = on.to_string();
    let books = balances::of_account_all(conn, found.id, on, balances::Source::Cache)?;
    for c in &codes {
        if let Some(amount) = books.get(&c.id) {
            rows.push(ReconcileRow {
                kind: "books",
                date: day.clone(),
                txn: None,
                description: format!("balance of {account}"),
                amount: format_minor(*amount, c.commodity.decimals()),
                commodity: c.commodity.code().to_owned(),
            });
        }
    }
    let mut differs = false;
    if let Some((amount, code)) = statement {
        let c = codes
            .iter()
            .find(|c| c.commodity.code() == code)
            .ok_or_else(|| Error::UnknownCommodity {
                code: code.to_owned(),
            })?;
        let stated = i128::from(to_minor(parse_decimal(amount)?, &c.commodity, amount)?);
        let held = books.get(&c.id).copied().unwrap_or(0);
        rows.push(ReconcileRow {
            kind: "statement",
            date: day.clone(),
            txn: None,
            description: "the statement's balance".into(),
            amount: format_minor(stated, c.commodity.decimals()),
            commodity: code.to_owned(),
        });
        differs = stated != held;
        rows.push(ReconcileRow {
            kind: "difference",
            date: day.clone(),
            txn: None,
            description: if differs {
                "books minus statement".into()
            } else {
                "the books agree with the statement".into()
            },
            amount: format_minor(held - stated, c.commodity.decimals()),
            commodity: code.to_owned(),
        });
    }
    for e in txns::account_entries(conn, found.id, suspense_id, on)? {
        let kind = if e.suspense {
            "suspense"
        } else if !e.imported {
            "unconfirmed"
        } else {
            continue;
        };
        rows.push(ReconcileRow {
            kind,
            date: e.date.to_string(),
            txn: Some(e.txn_id),
            description: e.description,
            amount: format_minor(e.amount.into(), e.commodity.decimals()),
            commodity: e.commodity.code().to_owned(),
        });
    }
    Ok(Reconciliation { rows, differs })
}
