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
use crate::store::{self, Db, fund, txns};

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
    let accounts = store::accounts::names_by_id(&tx)?;
    let commodities = store::commodities::by_id(&tx)?;
    let pools = store::pools::names_by_id(&tx)?;
    let mut summary = ExportSummary::default();
    txns::for_each_txn(&tx, from, to, |txn, postings| {
        if postings.is_empty() {
            return Err(damaged(txn.id, "has no postings"));
        }
        summary.transactions += 1;
        progress.set(summary.transactions);
        let id = txn.id.to_string();
        let reverses = txn.reverses.map(|r| r.to_string()).unwrap_or_default();
        for p in postings {
            let account = accounts
                .get(&p.account_id)
                .ok_or_else(|| damaged(txn.id, "names a missing account"))?;
            let commodity = commodities
                .get(&p.commodity_id)
                .ok_or_else(|| damaged(txn.id, "names a missing commodity"))?;
            let amount = format_minor(p.amount.into(), commodity.decimals);
            let pool = match p.pool_id {
                Some(id) => pools
                    .get(&id)
                    .ok_or_else(|| damaged(txn.id, "names a missing pool"))?
                    .as_str(),
                None => "",
            };
            writer
                .write_record([
                    id.as_str(),
                    &txn.date,
                    &txn.description,
                    account,
                    &amount,
                    &commodity.code,
                    txn.payee.as_deref().unwrap_or(""),
                    txn.reference.as_deref().unwrap_or(""),
                    p.memo.as_deref().unwrap_or(""),
                    pool,
                    &reverses,
                    &txn.prev_hash,
                    &txn.hash,
                ])
                .map_err(std::io::Error::from)?;
        }
        summary.postings += postings.len() as u64;
        Ok(())
    })?;
    writer.flush()?;
    progress.finish();
    tx.finish().ctx("ending the read")?;
    Ok(summary)
}
