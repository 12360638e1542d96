//! `fondo journal export`: the journal CSV, streamed in chain order.
//!
//! One row per posting with its transaction's fields repeated, columns
//! [`REQUIRED_COLUMNS`] then [`OPTIONAL_COLUMNS`]. The `txn` column is the
//! transaction id in this database; `reverses` names the `txn` a void
//! reverses; `prev_hash` and `hash` let anyone recompute the chain
//! (docs/hash-chain.md). Whatever fondo accepted re-imports unchanged.

use std::io::Write;

use chrono::NaiveDate;

use crate::domain::money::format_minor;
use crate::error::{Error, Result, SqlContext};
use crate::ops::Progress;
use crate::ops::import::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS};
use crate::store::{Db, fund, txns};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportSummary {
    pub transactions: u64,
    pub postings: u64,
}

fn damaged(id: i64, what: &str) -> Error {
    Error::InvalidTransaction(format!(
        "the database is damaged: transaction {id} {what}; run `fondo verify`"
    ))
}

/// Writes the journal (transactions dated within `from..=to`) to `out`.
pub fn export_journal(
    db: &mut Db,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    out: impl Write,
    progress: &dyn Progress,
) -> Result<ExportSummary> {
    let tx = db.read()?;
    let total = fund::get(&tx)?.map_or(0, |f| f.txn_count);
    progress.start(u64::try_from(total).unwrap_or(0));
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(REQUIRED_COLUMNS.iter().chain(OPTIONAL_COLUMNS.iter()))
        .map_err(std::io::Error::from)?;
    let mut summary = ExportSummary::default();
    let mut last = None;
    txns::for_each_row(&tx, from, to, |row| {
        let p = row
            .posting
            .ok_or_else(|| damaged(row.txn_id, "has no postings"))?;
        let account = p
            .account
            .ok_or_else(|| damaged(row.txn_id, "names a missing account"))?;
        let commodity = p
            .commodity
            .ok_or_else(|| damaged(row.txn_id, "names a missing commodity"))?;
        if last != Some(row.txn_id) {
            last = Some(row.txn_id);
            summary.transactions += 1;
            progress.set(summary.transactions);
        }
        summary.postings += 1;
        let txn = row.txn_id.to_string();
        let amount = format_minor(p.amount.into(), commodity.decimals);
        let reverses = row.reverses.map(|r| r.to_string()).unwrap_or_default();
        writer
            .write_record([
                txn.as_str(),
                &row.date,
                &row.description,
                &account,
                &amount,
                &commodity.code,
                row.payee.as_deref().unwrap_or(""),
                row.reference.as_deref().unwrap_or(""),
                p.memo.as_deref().unwrap_or(""),
                &reverses,
                &row.prev_hash,
                &row.hash,
            ])
            .map_err(std::io::Error::from)?;
        Ok(())
    })?;
    writer.flush()?;
    progress.finish();
    tx.finish().ctx("ending the read")?;
    Ok(summary)
}
