//! Commodities: currencies and in-kind units with their decimal places.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::ids::CommodityId;
use crate::domain::money::Commodity;
use crate::error::{Result, SqlContext};

/// A stored commodity with its row id.
#[derive(Debug, Clone)]
pub struct StoredCommodity {
    pub id: CommodityId,
    pub commodity: Commodity,
    pub name: Option<String>,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredCommodity> {
    Ok(StoredCommodity {
        id: r.get(0)?,
        commodity: Commodity::stored(r.get(1)?, r.get(2)?),
        name: r.get(3)?,
    })
}

pub fn insert(conn: &Connection, commodity: &Commodity, name: Option<&str>) -> Result<CommodityId> {
    conn.prepare_cached("INSERT INTO commodities (code, decimals, name) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![commodity.code(), commodity.decimals(), name]))
        .ctx("adding a commodity")?;
    Ok(CommodityId::new(conn.last_insert_rowid()))
}

pub fn find(conn: &Connection, code: &str) -> Result<Option<StoredCommodity>> {
    conn.prepare_cached("SELECT id, code, decimals, name FROM commodities WHERE code = ?1")
        .and_then(|mut s| s.query_row([code], from_row).optional())
        .ctx("looking up a commodity")
}

/// All commodities, ordered by code.
pub fn all(conn: &Connection) -> Result<Vec<StoredCommodity>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, code, decimals, name FROM commodities ORDER BY code")
        .ctx("listing commodities")?;
    stmt.query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing commodities")
}

/// Every commodity by row id.
pub fn by_id(conn: &Connection) -> Result<std::collections::HashMap<CommodityId, Commodity>> {
    Ok(all(conn)?
        .into_iter()
        .map(|c| (c.id, c.commodity))
        .collect())
}
