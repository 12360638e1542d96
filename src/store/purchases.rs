//! Pooled purchases: the `purchases` table (one append-only row each, with
//! its `purchase` audit record) and the `purchase-…` governance records that
//! hold everything that happens to a purchase, read back as typed
//! [`Event`]s in chain order.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use crate::domain::date::parse_datetime;
use crate::domain::ids::{CommodityId, PoolId, PurchaseId, RecordId};
use crate::domain::money::Commodity;
use crate::domain::purchase::Event;
use crate::error::{Error, Result, SqlContext};
use crate::store::records;

/// How moments are stored and hashed: `YYYY-MM-DDTHH:MM:SS`.
pub fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A stored purchase.
#[derive(Debug, Clone)]
pub struct StoredPurchase {
    pub id: PurchaseId,
    pub name: String,
    pub supplier: String,
    pub commodity_id: CommodityId,
    pub commodity: Commodity,
    /// The restricted pool a subsidy comes from (None: the general pool).
    pub pool_id: Option<PoolId>,
    pub pool: Option<String>,
    pub opened_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
}

/// A new purchase.
#[derive(Debug, Clone)]
pub struct NewPurchase<'a> {
    pub name: &'a str,
    pub key: &'a str,
    pub supplier: &'a str,
    pub commodity_id: CommodityId,
    pub pool_id: Option<PoolId>,
    pub opened_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
}

/// A purchase's audit payload: written with the row into the governance
/// chain, and rebuilt from the table by `verify`.
pub fn purchase_payload(
    id: PurchaseId,
    name: &str,
    supplier: &str,
    commodity_id: CommodityId,
    pool_id: Option<PoolId>,
    opened_at: &str,
    closes_at: &str,
) -> Value {
    serde_json::json!({
        "id": id,
        "name": name,
        "supplier": supplier,
        "commodity": commodity_id,
        "pool": pool_id,
        "opened_at": opened_at,
        "closes_at": closes_at,
    })
}

/// Adds a purchase and its audit record; returns its id.
pub fn insert(conn: &Connection, p: &NewPurchase<'_>, now: &str) -> Result<PurchaseId> {
    let (opened, closes) = (stamp(p.opened_at), stamp(p.closes_at));
    conn.execute(
        "INSERT INTO purchases (name, name_key, supplier, commodity_id, pool_id, opened_at, closes_at, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![p.name, p.key, p.supplier, p.commodity_id, p.pool_id, opened, closes, now],
    )
    .ctx("adding a purchase")?;
    let id = PurchaseId::new(conn.last_insert_rowid());
    let payload = purchase_payload(
        id,
        p.name,
        p.supplier,
        p.commodity_id,
        p.pool_id,
        &opened,
        &closes,
    );
    records::append(conn, "purchase", None, &opened, &payload, now)?;
    Ok(id)
}

const SELECT: &str = "SELECT p.id, p.name, p.supplier, p.commodity_id, c.code, c.decimals,
        p.pool_id, o.name, p.opened_at, p.closes_at
     FROM purchases p JOIN commodities c ON c.id = p.commodity_id
     LEFT JOIN pools o ON o.id = p.pool_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(StoredPurchase, String, String)> {
    Ok((
        StoredPurchase {
            id: r.get(0)?,
            name: r.get(1)?,
            supplier: r.get(2)?,
            commodity_id: r.get(3)?,
            commodity: Commodity::stored(r.get(4)?, r.get(5)?),
            pool_id: r.get(6)?,
            pool: r.get(7)?,
            opened_at: NaiveDateTime::MIN,
            closes_at: NaiveDateTime::MIN,
        },
        r.get(8)?,
        r.get(9)?,
    ))
}

fn moments(row: (StoredPurchase, String, String)) -> Result<StoredPurchase> {
    let (mut p, opened, closes) = row;
    let damaged = |_| Error::Damaged {
        what: "the purchases table".into(),
        detail: format!("purchase {} has a moment that cannot be read", p.id.get()),
    };
    p.opened_at = parse_datetime(&opened).map_err(damaged)?;
    p.closes_at = parse_datetime(&closes).map_err(damaged)?;
    Ok(p)
}

/// A purchase by its case-insensitive key.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredPurchase>> {
    conn.prepare_cached(&format!("{SELECT} WHERE p.name_key = ?1"))
        .and_then(|mut s| s.query_row([key], from_row).optional())
        .ctx("looking up a purchase")?
        .map(moments)
        .transpose()
}

/// Every purchase, in the order they were opened.
pub fn all(conn: &Connection) -> Result<Vec<StoredPurchase>> {
    let mut stmt = conn
        .prepare_cached(&format!("{SELECT} ORDER BY p.id"))
        .ctx("listing purchases")?;
    let rows: Vec<_> = stmt
        .query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing purchases")?;
    rows.into_iter().map(moments).collect()
}

/// Every purchase's audit payload, rebuilt from the table, by id.
pub fn audit_rows(conn: &Connection) -> Result<Vec<(PurchaseId, Value)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, supplier, commodity_id, pool_id, opened_at, closes_at
             FROM purchases ORDER BY id",
        )
        .ctx("listing purchases")?;
    stmt.query_map([], |r| {
        let id: PurchaseId = r.get(0)?;
        Ok((
            id,
            purchase_payload(
                id,
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                &r.get::<_, String>(5)?,
                &r.get::<_, String>(6)?,
            ),
        ))
    })
    .and_then(Iterator::collect)
    .ctx("listing purchases")
}

/// Records one event of a purchase in the governance chain, at `at`.
pub fn append_event(
    conn: &Connection,
    purchase: PurchaseId,
    at: NaiveDateTime,
    event: &Event,
    now: &str,
) -> Result<RecordId> {
    let Value::Object(fields) =
        serde_json::to_value(event).expect("purchase events are plain data")
    else {
        unreachable!("an event serializes as an object")
    };
    let mut payload = Map::new();
    payload.insert("purchase".into(), purchase.get().into());
    payload.extend(fields.into_iter().filter(|(k, _)| k != "event"));
    records::append(
        conn,
        event.kind(),
        None,
        &stamp(at),
        &Value::Object(payload),
        now,
    )
}

/// The events of one purchase, in chain order, with their moments.
pub fn events(conn: &Connection, purchase: PurchaseId) -> Result<Vec<(NaiveDateTime, Event)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, kind, at, payload FROM records
             WHERE kind >= 'purchase-' AND kind < 'purchase.'
               AND json_extract(payload, '$.purchase') = ?1
             ORDER BY id",
        )
        .ctx("reading a purchase's records")?;
    let rows: Vec<(RecordId, String, String, String)> = stmt
        .query_map([purchase], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .and_then(Iterator::collect)
        .ctx("reading a purchase's records")?;
    rows.into_iter()
        .map(|(id, kind, at, payload)| {
            let damaged = |detail: String| Error::Damaged {
                what: "the governance log".into(),
                detail: format!("record {id} ({kind}) cannot be read: {detail}"),
            };
            let at = parse_datetime(&at).map_err(|e| damaged(e.to_string()))?;
            let mut value: Value =
                serde_json::from_str(&payload).map_err(|e| damaged(e.to_string()))?;
            let name = kind.strip_prefix("purchase-").unwrap_or(&kind);
            if let Value::Object(fields) = &mut value {
                fields.remove("purchase");
                fields.insert("event".into(), name.into());
            }
            let event: Event = serde_json::from_value(value).map_err(|e| damaged(e.to_string()))?;
            Ok((at, event))
        })
        .collect()
}
