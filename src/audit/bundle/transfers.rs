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

use csv::StringRecord;
use rust_decimal::Decimal;

use crate::domain::bundle::rows::{JournalRow, TransferRow};
use crate::domain::journal::COLUMNS;
use crate::domain::money::{Commodity, format_minor};
use crate::domain::transfer::{is_reserved, read};
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
///
/// A journal.csv holds every posting of the period, and few are transfers:
/// rows are read into reused records, and only a transaction with a row
/// on a reserved account (the only kind `read` can take for a transfer)
/// is read into [`JournalRow`]s.
pub fn derive(journal: impl Read, from: &str, to: &str) -> Option<Vec<TransferRow>> {
    let mut reader = csv::Reader::from_reader(journal);
    let headers = reader.headers().ok()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    // Rows of a journal.csv without its columns cannot be read.
    let columns = COLUMNS.iter().all(|name| column(name).is_some()).then(|| {
        ["txn", "date", "account", "reverses"].map(|name| column(name).unwrap_or_default())
    });
    let mut rows = Vec::new();
    let mut voids: HashMap<String, String> = HashMap::new();
    let [txn_at, date_at, account_at, reverses_at] = columns.unwrap_or_default();
    let mut take = |txn: &[StringRecord], rows: &mut Vec<TransferRow>| -> Option<()> {
        let Some(head) = txn.first() else {
            return Some(());
        };
        let date = &head[date_at];
        let in_period = from <= date && date <= to;
        if !in_period {
            return Some(());
        }
        if !head[reverses_at].is_empty() {
            voids.insert(head[reverses_at].to_owned(), head[txn_at].to_owned());
            return Some(());
        }
        if !txn.iter().any(|r| is_reserved(&r[account_at])) {
            return Some(());
        }
        let txn: Vec<JournalRow> = txn
            .iter()
            .map(|r| r.deserialize(Some(&headers)))
            .collect::<Result<_, _>>()
            .ok()?;
        let head = &txn[0];
        if let Some(Some(Ok(f))) = postings(&txn).map(|postings| {
            read(
                &head.description,
                text(&head.payee),
                text(&head.reference),
                false,
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
        Some(())
    };
    // The rows of the transaction being read are `group[..len]`, the
    // records kept for the next ones.
    let mut group: Vec<StringRecord> = Vec::new();
    let mut len = 0;
    loop {
        if len == group.len() {
            group.push(StringRecord::new());
        }
        if !reader.read_record(&mut group[len]).ok()? {
            break;
        }
        columns?;
        if len > 0 && group[0][txn_at] != group[len][txn_at] {
            take(&group[..len], &mut rows)?;
            group.swap(0, len);
            len = 0;
        }
        len += 1;
    }
    take(&group[..len], &mut rows)?;
    for row in &mut rows {
        if let Some(void) = voids.get(&row.txn) {
            row.voided_by.clone_from(void);
        }
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        COLUMNS.join(",")
    }

    #[test]
    fn a_journal_without_transfers_or_rows_gives_none_and_one_without_its_columns_is_unread() {
        let empty = format!("{}\n", header());
        assert_eq!(
            derive(empty.as_bytes(), "2026-01-01", "2026-12-31"),
            Some(vec![])
        );
        let commas = ",".repeat(COLUMNS.len() - 6);
        let plain = format!(
            "{}\n1,2026-03-01,Dues,assets:bank,25.00,USD{commas}\n1,2026-03-01,Dues,income:dues,-25.00,USD{commas}\n",
            header()
        );
        assert_eq!(
            derive(plain.as_bytes(), "2026-01-01", "2026-12-31"),
            Some(vec![])
        );
        let without_memo = "txn,date,description,account,amount,commodity,reverses\n\
                            1,2026-03-01,Dues,assets:bank,25.00,USD,\n";
        assert_eq!(
            derive(without_memo.as_bytes(), "2026-01-01", "2026-12-31"),
            None
        );
        let uneven = format!("{}\n1,2026-03-01\n", header());
        assert_eq!(derive(uneven.as_bytes(), "2026-01-01", "2026-12-31"), None);
    }
}
