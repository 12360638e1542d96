//! `verify` on transfers between funds (V142): their shape, the sender's
//! fund, and no transfer received twice.
//!
//! Rule: part of `verify`: re-derived from the journal's reserved
//! accounts, read through `books::transfers`.

use std::collections::HashMap;

use super::{Checker, codes};
use crate::domain::ids::TxnId;
use crate::error::Result;
use crate::store::fund;

/// Transfers between funds (V142): a transaction on `expenses:transfers`
/// or `income:transfers` must be of the shape `fondo transfer` writes (one
/// posted to them by hand, or by an older version, is not), a send's id must
/// be of this fund, and no transfer may be received twice (but after a void).
pub(super) fn check_transfers(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::books::transfers::transfers;
    use crate::domain::transfer::{Direction, parse_transfer_id};
    let found = transfers(conn, None, None)?;
    for (txn, why) in &found.misshapen {
        checker.find(
            codes::TRANSFER,
            format!("txn {txn}"),
            format!("it posts to an account reserved for transfers between funds, but {why}"),
        );
    }
    let own = fund::fund_id(conn)?;
    let mut received: HashMap<&str, TxnId> = HashMap::new();
    for t in &found.transfers {
        let id = t.facts.transfer_id.as_str();
        match t.facts.direction {
            Direction::Sent => {
                if parse_transfer_id(id).is_ok_and(|(fund, _)| fund != own) {
                    checker.find(
                        codes::TRANSFER,
                        format!("txn {}", t.txn),
                        format!("it sends transfer {id}, which is not of this fund ({own})"),
                    );
                }
            }
            Direction::Received if t.voided_by.is_none() => {
                if let Some(first) = received.insert(id, t.txn) {
                    checker.find(
                        codes::TRANSFER,
                        format!("txn {}", t.txn),
                        format!(
                            "it receives transfer {id}, which transaction {first} received before"
                        ),
                    );
                }
            }
            Direction::Received => {}
        }
    }
    Ok(())
}
