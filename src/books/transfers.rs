//! Transfers between funds as the journal records them: one per transfer
//! transaction, read by `domain::transfer::read`, with the void that
//! reverses it.
//!
//! Rule: what a transfer is comes from its transaction alone, so this
//! list, `verify` and the bundle's transfers.csv cannot disagree.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::ids::TxnId;
use crate::domain::transfer::{self, Facts};
use crate::domain::txn::Posting;
use crate::error::Result;
use crate::store::txns::Selection;
use crate::store::{accounts, commodities, pools, txns};

/// A transfer transaction.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub txn: TxnId,
    pub date: String,
    pub facts: Facts,
    /// The void that reverses it, if any.
    pub voided_by: Option<TxnId>,
}

/// The transfers of the journal and the transactions on the reserved
/// accounts that are not of a transfer's shape (txn, why).
#[derive(Debug, Clone, Default)]
pub struct Transfers {
    pub transfers: Vec<Transfer>,
    pub misshapen: Vec<(TxnId, String)>,
}

impl Transfers {
    /// How many sends the journal holds (voided ones too: an id is never
    /// given twice).
    pub fn sends(&self) -> usize {
        self.transfers
            .iter()
            .filter(|t| t.facts.direction == transfer::Direction::Sent)
            .count()
    }

    /// The receipt of transfer `id` that was not voided, if any.
    pub fn received(&self, id: &str) -> Option<&Transfer> {
        self.transfers.iter().find(|t| {
            t.facts.direction == transfer::Direction::Received
                && t.facts.transfer_id == id
                && t.voided_by.is_none()
        })
    }
}

/// The transfers dated within `from..=to` (all when None), in chain order.
///
/// Only the transactions that post to a reserved account can be transfers
/// (`domain::transfer::read`), so only those are read, found by the
/// accounts' index: a fund's history costs nothing here.
pub fn transfers(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Transfers> {
    let account_names = accounts::names_by_id(conn)?;
    let mut ids = BTreeSet::new();
    for (account, name) in &account_names {
        if transfer::is_reserved(name) {
            ids.extend(txns::ids_posting_to(conn, *account, from, to)?);
        }
    }
    let mut found = Transfers::default();
    if ids.is_empty() {
        return Ok(found);
    }
    let commodity_of = commodities::by_id(conn)?;
    let pool_names = pools::names_by_id(conn)?;
    let voids = txns::voids(conn, from, to)?;
    for id in ids {
        txns::for_each_selected(conn, Selection::Ids(id, id), |txn, lines| {
            let postings: Vec<Posting> = lines
                .iter()
                .map(|p| {
                    Posting::stored(
                        account_names
                            .get(&p.account_id)
                            .cloned()
                            .unwrap_or_default(),
                        commodity_of
                            .get(&p.commodity_id)
                            .cloned()
                            .unwrap_or(crate::domain::money::Commodity::stored(String::new(), 0)),
                        p.amount,
                        p.memo.clone(),
                        p.pool_id.and_then(|id| pool_names.get(&id).cloned()),
                    )
                })
                .collect();
            match transfer::read(
                &txn.description,
                txn.payee.as_deref(),
                txn.reference.as_deref(),
                txn.reverses.is_some(),
                &postings,
            ) {
                None => {}
                Some(Ok(facts)) => found.transfers.push(Transfer {
                    txn: txn.id,
                    date: txn.date.clone(),
                    facts,
                    voided_by: voids.get(&txn.id).copied(),
                }),
                Some(Err(why)) => found.misshapen.push((txn.id, why)),
            }
            Ok(())
        })?;
    }
    Ok(found)
}
