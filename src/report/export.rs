//! `fondo journal export`: the journal CSV, streamed in chain order.
//!
//! One row per posting with its transaction's fields repeated, in the
//! columns of [`COLUMNS`]. The `txn` column is the transaction id in this
//! database; `reverses` names the `txn` a void reverses; `prev_hash` and
//! `hash` let anyone recompute the chain (docs/hash-chain.md). Every cell is
//! formula-safe ([`cell::guard`]; import undoes it), so whatever fondo accepted
//! re-imports unchanged. The
//! audit bundle writes its `journal.csv` with the same [`JournalWriter`].
//!
//! A read-only report that streams: a journal has no bound, so rows go
//! straight to the writer instead of into a list.

use std::io::Write;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::cell;
use crate::domain::journal::COLUMNS;
use crate::domain::money::{Commodity, format_minor};
use crate::error::{Error, Result, SqlContext};
use crate::progress::Progress;
use crate::store::txns::{JournalPosting, JournalTxn, Selection};
use crate::store::{self, Db, fund, txns};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportSummary {
    pub transactions: u64,
    pub postings: u64,
}

fn damaged(id: i64, what: &str) -> Error {
    Error::DamagedTransaction {
        id,
        what: what.to_owned(),
    }
}

/// Writes journal CSV rows: the header once, then the transactions of any
/// number of selections. Account, commodity and pool names come from small
/// in-memory lists read once.
pub struct JournalWriter<W: Write> {
    writer: csv::Writer<W>,
    accounts: std::collections::HashMap<i64, String>,
    commodities: std::collections::HashMap<i64, Commodity>,
    pools: std::collections::HashMap<i64, String>,
    pub summary: ExportSummary,
}

impl<W: Write> JournalWriter<W> {
    /// Reads the names and writes the header.
    pub fn new(conn: &Connection, out: W) -> Result<Self> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(COLUMNS).map_err(std::io::Error::from)?;
        Ok(JournalWriter {
            writer,
            accounts: store::accounts::names_by_id(conn)?,
            commodities: store::commodities::by_id(conn)?,
            pools: store::pools::names_by_id(conn)?,
            summary: ExportSummary::default(),
        })
    }

    /// Writes the selected transactions in chain order; `observe` sees each
    /// one (with its postings) after its rows are written.
    pub fn write(
        &mut self,
        conn: &Connection,
        selection: Selection,
        progress: &dyn Progress,
        mut observe: impl FnMut(&JournalTxn, &[JournalPosting]) -> Result<()>,
    ) -> Result<()> {
        txns::for_each_selected(conn, selection, |txn, postings| {
            self.txn(txn, postings)?;
            progress.set(self.summary.transactions);
            observe(txn, postings)
        })?;
        Ok(())
    }

    fn txn(&mut self, txn: &JournalTxn, postings: &[JournalPosting]) -> Result<()> {
        if postings.is_empty() {
            return Err(damaged(txn.id, "has no postings"));
        }
        self.summary.transactions += 1;
        let id = txn.id.to_string();
        let reverses = txn.reverses.map(|r| r.to_string()).unwrap_or_default();
        for p in postings {
            let account = self
                .accounts
                .get(&p.account_id)
                .ok_or_else(|| damaged(txn.id, "names a missing account"))?;
            let commodity = self
                .commodities
                .get(&p.commodity_id)
                .ok_or_else(|| damaged(txn.id, "names a missing commodity"))?;
            let amount = format_minor(p.amount.into(), commodity.decimals);
            let pool = match p.pool_id {
                Some(id) => self
                    .pools
                    .get(&id)
                    .ok_or_else(|| damaged(txn.id, "names a missing pool"))?
                    .as_str(),
                None => "",
            };
            self.writer
                .write_record(
                    [
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
                    ]
                    .map(cell::guard)
                    .iter()
                    .map(|c| c.as_bytes()),
                )
                .map_err(std::io::Error::from)?;
        }
        self.summary.postings += postings.len() as u64;
        Ok(())
    }

    /// Flushes and hands back the output.
    pub fn finish(self) -> Result<(W, ExportSummary)> {
        let summary = self.summary;
        let out = self
            .writer
            .into_inner()
            .map_err(|e| Error::Output(e.into_error()))?;
        Ok((out, summary))
    }
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
    let mut writer = JournalWriter::new(&tx, out)?;
    writer.write(&tx, Selection::Dates(from, to), progress, |_, _| Ok(()))?;
    let (mut out, summary) = writer.finish()?;
    out.flush()?;
    progress.finish();
    tx.finish().ctx("ending the read")?;
    Ok(summary)
}
