//! `fondo transfer list`: one row per transfer transaction, the columns of
//! an audit bundle's transfers.csv (docs/design/federation.md).
//!
//! Rule: the rows come from `books::transfers`, which reads each transfer
//! from its transaction alone.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::books::transfers::transfers;
use crate::domain::ids::TxnId;
use crate::domain::money::Money;
use crate::error::Result;
use crate::render::Row;

/// A transfer, as transfers.csv shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TransferRow {
    pub txn: TxnId,
    pub date: String,
    pub direction: &'static str,
    pub transfer_id: String,
    pub counterpart_fund: String,
    pub amount: Money,
    pub commodity: String,
    pub sent_amount: Option<Money>,
    pub sent_commodity: Option<String>,
    pub rate: Option<String>,
    pub pool: Option<String>,
    pub grant: Option<String>,
    pub voided_by: Option<TxnId>,
}

impl Row for TransferRow {
    const COLUMNS: &'static [&'static str] = &[
        "txn",
        "date",
        "direction",
        "transfer_id",
        "counterpart_fund",
        "amount",
        "commodity",
        "sent_amount",
        "sent_commodity",
        "rate",
        "pool",
        "grant",
        "voided_by",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] =
        &["txn", "amount", "sent_amount", "rate", "voided_by"];
}

/// The transfers dated within `from..=to` (all when None), in chain order.
pub fn rows(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<TransferRow>> {
    let money = |minor: i64, decimals: u32| Money::stored(minor.into(), decimals);
    Ok(transfers(conn, from, to)?
        .transfers
        .into_iter()
        .map(|t| {
            let f = t.facts;
            TransferRow {
                txn: t.txn,
                date: t.date,
                direction: f.direction.as_str(),
                transfer_id: f.transfer_id,
                counterpart_fund: f.counterpart_fund,
                amount: money(f.amount, f.commodity.decimals()),
                commodity: f.commodity.code().to_owned(),
                sent_amount: f.sent.as_ref().map(|(a, c)| money(*a, c.decimals())),
                sent_commodity: f.sent.map(|(_, c)| c.code().to_owned()),
                rate: f.rate,
                pool: f.pool,
                grant: f.grant,
                voided_by: t.voided_by,
            }
        })
        .collect())
}
