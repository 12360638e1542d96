//! `fondo journal export`: the journal CSV, streamed in chain order.
//!
//! One row per posting with its transaction's fields repeated, in the
//! columns of [`COLUMNS`]. The `txn` column is the transaction id in this
//! database; `reverses` names the `txn` a void reverses; `prev_hash` and
//! `hash` let anyone recompute the chain (docs/hash-chain.md), with `form`
//! and, for rows in the v2 form, the salts of their text fields. Every cell is
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
use crate::domain::hash::{Content, Form, SaltKey, TxnSalts, commit, hash_v2};
use crate::domain::member::HiddenNames;

/// What a redacted text cell says (its salt column holds its commitment).
pub const REDACTED: &str = "redacted";
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

/// Which text of a journal row an audience bundle may redact.
#[derive(Clone, Copy)]
enum Redact {
    /// Account and pool names: never (they are scanned and warned about).
    Never,
    /// Text naming someone hidden.
    Names,
    /// Text naming someone hidden, and all of it in a withheld transaction.
    Payer,
}

/// Writes journal CSV rows: the header once, then the transactions of any
/// number of selections. Account, commodity and pool names come from small
/// in-memory lists read once.
pub struct JournalWriter<W: Write> {
    writer: csv::Writer<W>,
    accounts: std::collections::HashMap<i64, String>,
    commodities: std::collections::HashMap<i64, Commodity>,
    pools: std::collections::HashMap<i64, String>,
    key: SaltKey,
    /// For an audience bundle: the names its text may not show.
    hidden: Option<HiddenNames>,
    /// For an audience bundle: transactions whose payee and reference
    /// identify someone the audience may not see, whatever they say.
    withheld: std::collections::HashSet<i64>,
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
            key: fund::salt_key(conn)?,
            hidden: None,
            withheld: std::collections::HashSet::new(),
            summary: ExportSummary::default(),
        })
    }

    /// Redacts, in rows of the v2 form, every description, payee,
    /// reference and memo in which [`HiddenNames::find`] finds a name of
    /// `hidden`: the cell says [`REDACTED`] and its salt column holds the
    /// text's commitment, so the hash still recomputes. Account and pool
    /// names, and rows in the v1 form (which hash the text itself), are
    /// written as they are.
    ///
    /// In the transactions of `withheld` (a contribution by someone the
    /// audience may not see), the payee and the reference are redacted
    /// whatever they say: an outside reference such as a payment handle
    /// identifies its payer without naming them.
    pub fn redacting(
        mut self,
        hidden: HiddenNames,
        withheld: std::collections::HashSet<i64>,
    ) -> Self {
        self.hidden = Some(hidden);
        self.withheld = withheld;
        self
    }

    /// Writes the selected transactions in chain order; `observe` sees each
    /// one (with its postings) after its rows are written.
    /// `observe` also learns whether the transaction's text could be
    /// redacted (it is in the v2 form).
    pub fn write(
        &mut self,
        conn: &Connection,
        selection: Selection,
        progress: &dyn Progress,
        mut observe: impl FnMut(&JournalTxn, &[JournalPosting], bool) -> Result<()>,
    ) -> Result<()> {
        txns::for_each_selected(conn, selection, |txn, postings| {
            let v2 = self.txn(txn, postings)?;
            progress.set(self.summary.transactions);
            observe(txn, postings, v2)
        })?;
        Ok(())
    }

    /// Writes one transaction's rows; true when it is in the v2 form.
    fn txn(&mut self, txn: &JournalTxn, postings: &[JournalPosting]) -> Result<bool> {
        if postings.is_empty() {
            return Err(damaged(txn.id, "has no postings"));
        }
        self.summary.transactions += 1;
        let id = txn.id.to_string();
        let reverses = txn.reverses.map(|r| r.to_string()).unwrap_or_default();
        let mut lines = Vec::with_capacity(postings.len());
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
            lines.push((
                account.as_str(),
                commodity.code.as_str(),
                amount,
                p.memo.as_deref().unwrap_or(""),
                pool,
            ));
        }
        let content = Content {
            date: &txn.date,
            description: &txn.description,
            payee: txn.payee.as_deref().unwrap_or(""),
            reference: txn.reference.as_deref().unwrap_or(""),
            reverses: txn.reverses_hash.as_deref().unwrap_or(""),
            postings: lines,
        };
        // The salts are stated for rows in the v2 form only (a v1 row
        // hashes its text as it is).
        let salts = TxnSalts::derive(&self.key, &txn.prev_hash, &content);
        let v2 = hash_v2(&txn.prev_hash, &content, &salts.seal(&content)) == txn.hash;
        let form = if v2 { Form::V2 } else { Form::Current };
        let hidden = self.hidden.as_ref();
        let withheld = self.withheld.contains(&txn.id);
        // (cell, salt column) of a text field: the text and its salt, or,
        // when it is withheld or a hidden name is in it, `redacted` and
        // its commitment.
        let seal = |salt: &str, text: &'_ str, redact: Redact| -> (String, String) {
            if !v2 || text.is_empty() {
                return (text.to_owned(), String::new());
            }
            let hide = match redact {
                Redact::Never => false,
                Redact::Names => hidden.is_some_and(|h| h.find(text).is_some()),
                Redact::Payer => withheld || hidden.is_some_and(|h| h.find(text).is_some()),
            };
            if hide {
                return (REDACTED.to_owned(), commit(salt, text));
            }
            (text.to_owned(), salt.to_owned())
        };
        let head = [
            seal(&salts.description, content.description, Redact::Names),
            seal(&salts.payee, content.payee, Redact::Payer),
            seal(&salts.reference, content.reference, Redact::Payer),
        ];
        for (p, s) in content.postings.iter().zip(&salts.postings) {
            let posting = [
                seal(&s[0], p.3, Redact::Names),
                seal(&s[1], p.0, Redact::Never),
                seal(&s[2], p.4, Redact::Never),
            ];
            self.writer
                .write_record(
                    [
                        id.as_str(),
                        content.date,
                        &head[0].0,
                        p.0,
                        &p.2,
                        p.1,
                        &head[1].0,
                        &head[2].0,
                        &posting[0].0,
                        p.4,
                        &reverses,
                        &txn.prev_hash,
                        &txn.hash,
                        form.as_str(),
                        &head[0].1,
                        &head[1].1,
                        &head[2].1,
                        &posting[0].1,
                        &posting[1].1,
                        &posting[2].1,
                    ]
                    .map(cell::guard)
                    .iter()
                    .map(|c| c.as_bytes()),
                )
                .map_err(std::io::Error::from)?;
        }
        self.summary.postings += postings.len() as u64;
        Ok(v2)
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
    writer.write(&tx, Selection::Dates(from, to), progress, |_, _, _| Ok(()))?;
    let (mut out, summary) = writer.finish()?;
    out.flush()?;
    progress.finish();
    tx.finish().ctx("ending the read")?;
    Ok(summary)
}
