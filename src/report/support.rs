//! Long-term and in-kind support: pledge fulfilment per period, the stock of
//! goods received and given out, and recorded exchange rates.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::ids::{AccountId, MemberId, PledgeId};
use crate::domain::member::{Audience, shown_name};
use crate::domain::money::Money;
use crate::domain::period::{Every, periods};
use crate::error::Result;
use crate::render::Row;
use crate::store::{accounts, balances, commodities, fund, members, pools, rates};

#[derive(Debug, Clone, Serialize)]
pub struct PledgeRow {
    pub pledge: PledgeId,
    pub member: String,
    pub pool: String,
    pub period: String,
    pub commodity: String,
    pub pledged: Money,
    pub received: Money,
    /// Received minus pledged: negative when support fell short.
    pub difference: Money,
}

impl Row for PledgeRow {
    const COLUMNS: &'static [&'static str] = &[
        "pledge",
        "member",
        "pool",
        "period",
        "commodity",
        "pledged",
        "received",
        "difference",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &["pledge", "pledged", "received", "difference"];
}

/// Pledged against received, for every period of every pledge up to `as_of`
/// (periods that have begun by then; the last may still be running, and only
/// what was received by `as_of` counts). A period is pledged in full even
/// when the pledge covers only part of it.
pub fn pledge_status(
    conn: &Connection,
    audience: Audience,
    as_of: NaiveDate,
) -> Result<Vec<PledgeRow>> {
    let secret = fund::secret(conn)?;
    let members: HashMap<MemberId, _> =
        members::all(conn)?.into_iter().map(|m| (m.id, m)).collect();
    let pools = pools::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let mut rows = Vec::new();
    for pledge in members::pledges(conn)? {
        let (Some(member), Some(commodity)) = (
            members.get(&pledge.member_id),
            commodities.get(&pledge.commodity_id),
        ) else {
            continue;
        };
        let every: Every = pledge.every.parse()?;
        let last = pledge.ends_on.map_or(as_of, |end| end.min(as_of));
        let money = |minor| Money::stored(minor, commodity.decimals());
        for period in periods(every, pledge.starts_on, last) {
            let from = period.first.max(pledge.starts_on);
            let to = period
                .last
                .min(pledge.ends_on.unwrap_or(period.last))
                .min(as_of);
            let pool_filter = pledge.pool_id.map(Some);
            let received =
                members::received(conn, member.id, pledge.commodity_id, pool_filter, from, to)?;
            let pledged = i128::from(pledge.amount);
            rows.push(PledgeRow {
                pledge: pledge.id,
                member: shown_name(
                    audience,
                    member.visibility,
                    &member.name,
                    &secret,
                    member.id,
                ),
                pool: pledge
                    .pool_id
                    .and_then(|id| pools.get(&id).cloned())
                    .unwrap_or_else(|| "any".to_owned()),
                period: period.label,
                commodity: commodity.code().to_owned(),
                pledged: money(pledged),
                received: money(received),
                difference: money(received - pledged),
            });
        }
    }
    Ok(rows)
}

#[derive(Debug, Clone, Serialize)]
pub struct StockRow {
    pub item: String,
    pub received: Money,
    pub given: Money,
    pub on_hand: Money,
}

impl Row for StockRow {
    const COLUMNS: &'static [&'static str] = &["item", "received", "given", "on_hand"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["received", "given", "on_hand"];
}

/// Goods in stock (the `assets:in-kind:…` accounts): received, given out and
/// on hand per item, as of a day.
pub fn inventory(conn: &Connection, as_of: Option<NaiveDate>) -> Result<Vec<StockRow>> {
    let stock: Vec<AccountId> = accounts::all(conn)?
        .into_iter()
        .filter(|a| a.name.to_lowercase().starts_with("assets:in-kind:"))
        .map(|a| a.id)
        .collect();
    let commodities = commodities::by_id(conn)?;
    let mut rows: Vec<StockRow> = balances::flows(conn, &stock, as_of)?
        .into_iter()
        .filter_map(|(_, commodity, received, given)| {
            let c = commodities.get(&commodity)?;
            let money = |minor| Money::stored(minor, c.decimals());
            Some(StockRow {
                item: c.code().to_owned(),
                received: money(received),
                given: money(given),
                on_hand: money(received - given),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.item.cmp(&b.item));
    Ok(rows)
}

#[derive(Debug, Clone, Serialize)]
pub struct RateRow {
    pub date: String,
    pub from: String,
    pub to: String,
    pub rate: String,
    pub source: Option<String>,
}

impl Row for RateRow {
    const COLUMNS: &'static [&'static str] = &["date", "from", "to", "rate", "source"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["rate"];
}

/// The rates in force, by pair and day.
pub fn rates(conn: &Connection) -> Result<Vec<RateRow>> {
    Ok(rates::all(conn)?
        .into_iter()
        .map(|r| RateRow {
            date: r.date.to_string(),
            from: r.from,
            to: r.to,
            rate: r.rate,
            source: r.source,
        })
        .collect())
}
