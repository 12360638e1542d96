//! Pooled purchases in `verify` (finding V119): every purchase must replay
//! from its records through the same fold that checked each event before it
//! was written (so every allocation and every share is re-derived from the
//! orders, deliveries, costs and invoice), and every transaction its records
//! cite must exist and move exactly what the records say.
//!
//! Rule: part of `verify`: it reads, never writes, and reports V119 findings
//! only.

use rusqlite::Connection;

use crate::books::purchases::replay;
use crate::domain::ids::TxnId;
use crate::domain::purchase::{
    Event, GOODS_ACCOUNT, RECEIVABLE_ACCOUNT, SUBSIDY_ACCOUNT, stock_account,
};
use crate::error::Result;
use crate::store::{purchases, txns};

/// The sum posted to `account` (in `code` only, if given) by transaction
/// `id`, with the commodity's decimals; None when the transaction does not
/// exist.
fn posted(
    conn: &Connection,
    id: TxnId,
    account: &str,
    code: Option<&str>,
) -> Result<Option<(i128, u32)>> {
    Ok(txns::get(conn, id)?.map(|t| {
        let mut decimals = 0;
        let sum = t
            .txn
            .postings()
            .iter()
            .filter(|p| p.account() == account && code.is_none_or(|c| p.commodity().code() == c))
            .map(|p| {
                decimals = p.commodity().decimals();
                i128::from(p.amount())
            })
            .sum();
        (sum, decimals)
    }))
}

/// One finding per purchase that does not replay or whose transactions do
/// not match its records: (location, message).
pub fn findings(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for stored in purchases::all(conn)? {
        let at = format!("purchase {}", stored.name);
        let events = match purchases::events(conn, stored.id) {
            Ok(events) => events,
            Err(e) => {
                found.push((at, e.to_string()));
                continue;
            }
        };
        if let Err(e) = replay(conn, stored.clone()) {
            found.push((at, e.to_string()));
            continue;
        }
        let mut items = Vec::new();
        for (_, event) in &events {
            // (transaction, account, commodity when in units of goods, what
            // the records say it moves)
            let mut expect: Vec<(TxnId, String, Option<String>, i128)> = Vec::new();
            match event {
                Event::Item(item) => items.push(item.clone()),
                Event::Receive {
                    item,
                    quantity,
                    txn: Some(txn),
                    ..
                } => {
                    if let Some(unit) = items.get(*item).and_then(|i| i.unit.clone()) {
                        let account = stock_account(&unit);
                        expect.push((*txn, account, Some(unit), i128::from(*quantity)));
                    }
                }
                Event::Settle {
                    txn,
                    shares,
                    subsidy_amount,
                    remainder,
                    rounding_account,
                    ..
                } => {
                    let charged: i64 = shares.iter().map(|c| c.charge).sum();
                    expect.push((*txn, RECEIVABLE_ACCOUNT.into(), None, charged.into()));
                    expect.push((*txn, SUBSIDY_ACCOUNT.into(), None, (*subsidy_amount).into()));
                    expect.push((*txn, rounding_account.clone(), None, (*remainder).into()));
                }
                Event::Pay { amount, txn, .. } => {
                    expect.push((*txn, RECEIVABLE_ACCOUNT.into(), None, -i128::from(*amount)));
                }
                Event::Distribute { txn, lines, .. } => {
                    for line in lines {
                        let unit = items.get(line.item).and_then(|i| i.unit.clone());
                        expect.push((*txn, GOODS_ACCOUNT.into(), unit, i128::from(line.units)));
                    }
                }
                _ => {}
            }
            for (txn, account, unit, amount) in expect {
                let Some((sum, decimals)) = posted(conn, txn, &account, unit.as_deref())? else {
                    found.push((
                        at.clone(),
                        format!(
                            "its {} record cites transaction {txn}, which does not exist",
                            event.kind()
                        ),
                    ));
                    continue;
                };
                let amount = if unit.is_some() {
                    amount * 10i128.pow(decimals)
                } else {
                    amount
                };
                if sum != amount {
                    found.push((
                        at.clone(),
                        format!(
                            "transaction {txn} posts {sum} (minor units) to {account}, but its {} record says {amount}",
                            event.kind()
                        ),
                    ));
                }
            }
        }
    }
    Ok(found)
}
