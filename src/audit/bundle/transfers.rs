//! transfers.csv re-derived from journal.csv: the writer derives its rows
//! from the journal.csv it has just written, and the checker derives them
//! again from the bundle's and compares, so both read every transfer the
//! same way (`domain::transfer::read`).
//!
//! Rule: a pure function of journal.csv's cells and the period; nothing
//! the file does not state enters a row.

use std::collections::HashMap;
use std::io::Read;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::rows::{JournalRow, TransferRow};
use crate::domain::money::{Commodity, format_minor};
use crate::domain::transfer::read;
use crate::domain::txn::Posting;

/// A cell, None when empty.
fn text(cell: &str) -> Option<&str> {
    (!cell.is_empty()).then_some(cell)
}

/// One transaction's rows of journal.csv as postings (None when an amount
/// is not a plain decimal: the checker reports that cell itself).
fn postings(rows: &[JournalRow]) -> Option<Vec<Posting>> {
    rows.iter()
        .map(|r| {
            let value = Decimal::from_str(&r.amount).ok()?;
            let commodity = Commodity::new(r.commodity.clone(), value.scale()).ok()?;
            let amount = i64::try_from(value.mantissa()).ok()?;
            Posting::new(r.account.clone(), commodity, amount)
                .ok()?
                .with_memo(text(&r.memo).map(str::to_owned))
                .with_pool(text(&r.pool).map(str::to_owned))
                .ok()
        })
        .collect()
}

/// The rows of transfers.csv for the journal.csv in `journal`: one per
/// transfer transaction dated within `from..=to` (YYYY-MM-DD), in chain
/// order, each naming the void of the period that reverses it. None when
/// journal.csv cannot be read as CSV in its columns.
pub fn derive(journal: impl Read, from: &str, to: &str) -> Option<Vec<TransferRow>> {
    let mut reader = csv::Reader::from_reader(journal);
    let mut rows = Vec::new();
    let mut voids: HashMap<String, String> = HashMap::new();
    let mut txn: Vec<JournalRow> = Vec::new();
    let mut take = |txn: &mut Vec<JournalRow>, rows: &mut Vec<TransferRow>| {
        let Some(head) = txn.first() else { return };
        let in_period = from <= head.date.as_str() && head.date.as_str() <= to;
        if in_period && !head.reverses.is_empty() {
            voids.insert(head.reverses.clone(), head.txn.clone());
        }
        if let Some(Some(Ok(f))) = postings(txn).filter(|_| in_period).map(|postings| {
            read(
                &head.description,
                text(&head.payee),
                text(&head.reference),
                !head.reverses.is_empty(),
                &postings,
            )
        }) {
            let money =
                |(amount, c): &(i64, Commodity)| format_minor((*amount).into(), c.decimals());
            rows.push(TransferRow {
                txn: head.txn.clone(),
                date: head.date.clone(),
                direction: f.direction.as_str().to_owned(),
                transfer_id: f.transfer_id,
                counterpart_fund: f.counterpart_fund,
                amount: money(&(f.amount, f.commodity.clone())),
                commodity: f.commodity.code().to_owned(),
                sent_amount: f.sent.as_ref().map(money).unwrap_or_default(),
                sent_commodity: f.sent.map(|(_, c)| c.code().to_owned()).unwrap_or_default(),
                rate: f.rate.unwrap_or_default(),
                pool: f.pool.unwrap_or_default(),
                grant: f.grant.unwrap_or_default(),
                voided_by: String::new(),
            });
        }
        txn.clear();
    };
    for row in reader.deserialize::<JournalRow>() {
        let row = row.ok()?;
        if txn.first().is_some_and(|t| t.txn != row.txn) {
            take(&mut txn, &mut rows);
        }
        txn.push(row);
    }
    take(&mut txn, &mut rows);
    for row in &mut rows {
        if let Some(void) = voids.get(&row.txn) {
            row.voided_by.clone_from(void);
        }
    }
    Some(rows)
}
