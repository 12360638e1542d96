//! Plain lists: accounts and commodities.

use rusqlite::Connection;
use serde::Serialize;

use crate::domain::account::{AccountType, cmp_names, validate_account_name};
use crate::error::Result;
use crate::render::Row;
use crate::store::{accounts, commodities};

#[derive(Debug, Clone, Serialize)]
pub struct AccountRow {
    pub account: String,
    #[serde(rename = "type")]
    pub kind: Option<AccountType>,
    pub status: &'static str,
    pub closed_on: Option<String>,
    pub note: Option<String>,
}

impl Row for AccountRow {
    const COLUMNS: &'static [&'static str] = &["account", "type", "status", "closed_on", "note"];
}

/// Every account, ordered by name (parents before children).
pub fn accounts(conn: &Connection) -> Result<Vec<AccountRow>> {
    let mut rows: Vec<AccountRow> = accounts::all(conn)?
        .into_iter()
        .map(|a| AccountRow {
            kind: validate_account_name(&a.name).ok(),
            status: if a.closed_on.is_some() {
                "closed"
            } else {
                "open"
            },
            closed_on: a.closed_on.map(|d| d.to_string()),
            note: a.note,
            account: a.name,
        })
        .collect();
    rows.sort_by(|a, b| cmp_names(&a.account, &b.account));
    Ok(rows)
}

#[derive(Debug, Clone, Serialize)]
pub struct CommodityRow {
    pub code: String,
    pub decimals: u32,
    pub name: Option<String>,
}

impl Row for CommodityRow {
    const COLUMNS: &'static [&'static str] = &["code", "decimals", "name"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["decimals"];
}

/// Every declared commodity, ordered by code.
pub fn commodities(conn: &Connection) -> Result<Vec<CommodityRow>> {
    Ok(commodities::all(conn)?
        .into_iter()
        .map(|c| CommodityRow {
            code: c.commodity.code().to_owned(),
            decimals: c.commodity.decimals(),
            name: c.name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::assert_columns;

    #[test]
    fn rows_match_their_columns() {
        let conn = crate::store::memory();
        accounts::insert(&conn, "assets:bank", "assets:bank", Some("main"), "").unwrap();
        commodities::insert(
            &conn,
            &crate::domain::money::Commodity::stored("USD".into(), 2),
            None,
        )
        .unwrap();
        assert_columns(&accounts(&conn).unwrap()[0]);
        assert_columns(&commodities(&conn).unwrap()[0]);
    }
}
