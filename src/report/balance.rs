//! `fondo balance`: balances per account and commodity.
//!
//! By default one row per account with a non-zero balance, per commodity, with
//! no roll-ups. `depth` folds deeper accounts into their first N segments;
//! `tree` adds every parent with the total of everything below it.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::account::{ancestors, cmp_names, name_key, truncate, under_prefix};
use crate::domain::money::Money;
use crate::error::{Error, Result};
use crate::render::Row;
use crate::store::{accounts, balances};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BalanceRow {
    pub account: String,
    pub commodity: String,
    pub balance: Money,
}

impl Row for BalanceRow {
    const COLUMNS: &'static [&'static str] = &["account", "commodity", "balance"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["balance"];
}

/// What to show.
#[derive(Debug, Clone, Default)]
pub struct BalanceQuery {
    /// Only accounts at or below one of these (all when empty).
    pub prefixes: Vec<String>,
    /// Only postings dated on or before this day.
    pub as_of: Option<NaiveDate>,
    pub tree: bool,
    pub depth: Option<usize>,
}

/// Refuses a prefix that matches no account at all (most likely a typo).
pub(crate) fn check_prefixes(
    conn: &Connection,
    prefixes: &[String],
) -> Result<Vec<accounts::StoredAccount>> {
    let all = accounts::all(conn)?;
    for prefix in prefixes {
        if !all.iter().any(|a| under_prefix(&a.name, prefix)) {
            return Err(Error::UnknownAccount {
                name: prefix.clone(),
                detail: " (no account has that name or lies below it)".into(),
            });
        }
    }
    Ok(all)
}

pub fn balance(conn: &Connection, query: &BalanceQuery) -> Result<Vec<BalanceRow>> {
    check_prefixes(conn, &query.prefixes)?;
    // Grouped by the case-insensitive key of the (folded) name, so parents
    // spelled `Expenses` and `expenses` roll up together; each group shows
    // the first spelling in byte order, so the output is deterministic.
    let mut sums: HashMap<(String, String), (String, Money)> = HashMap::new();
    for b in balances::by_account(conn, query.as_of)? {
        if !query.prefixes.is_empty() && !query.prefixes.iter().any(|p| under_prefix(&b.account, p))
        {
            continue;
        }
        let name = match query.depth {
            Some(depth) => truncate(&b.account, depth),
            None => &b.account,
        };
        let mut names = vec![name];
        if query.tree {
            names.extend(ancestors(name));
        }
        for name in names {
            let (spelling, money) = sums
                .entry((name_key(name), b.commodity.code().to_owned()))
                .or_insert_with(|| {
                    let zero = Money::stored(0, b.commodity.decimals());
                    (name.to_owned(), zero)
                });
            if name < spelling.as_str() {
                name.clone_into(spelling);
            }
            money.add(b.amount);
        }
    }
    let mut rows: Vec<BalanceRow> = sums
        .into_iter()
        .filter(|(_, (_, money))| money.minor() != 0)
        .map(|((_, commodity), (account, balance))| BalanceRow {
            account,
            commodity,
            balance,
        })
        .collect();
    rows.sort_by(|a, b| {
        cmp_names(&a.account, &b.account).then_with(|| a.commodity.cmp(&b.commodity))
    });
    Ok(rows)
}
