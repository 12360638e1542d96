//! `journal.csv` and `reversed.csv`, streamed by the journal export's own
//! writer, and the one pass over the stretch's transactions that collects
//! what the other files need from the period's postings: debits and
//! credits per account, contributions and their voids, and the
//! transactions before the stretch that its voids reverse.
//!
//! Rule: the journal's content is copied, never changed (it is
//! hash-chained); in rows of the v2 form a text naming someone the audience
//! may not see is written as `redacted` with its commitment (the hash still
//! recomputes), other text is only scanned for such names.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::out::Out;
use super::privacy::Privacy;
use super::tee;
use super::{Bundle, ManifestEntry};
use crate::audit::bundle::transfers::derive;
use crate::domain::bundle::rows::TransferRow;
use crate::domain::bundle::{JOURNAL, REVERSED};
use crate::domain::date::iso;
use crate::domain::ids::{AccountId, CommodityId, MemberId, PoolId, TxnId};
use crate::domain::period::Span;
use crate::error::Result;
use crate::progress::NoProgress;
use crate::render::handoff::handed_off;
use crate::report::export::JournalWriter;
use crate::store::txns::{self, JournalPosting, JournalTxn, Selection};

/// A contribution dated within the period: its income per (commodity id,
/// pool id), and whether any of it was income in kind.
pub(super) struct Received {
    pub(super) date: String,
    pub(super) income: BTreeMap<(CommodityId, Option<PoolId>), i128>,
    pub(super) in_kind: bool,
}

#[derive(Default)]
pub(super) struct Pass {
    pub(super) first_prev: Option<String>,
    pub(super) last_hash: Option<String>,
    pub(super) transactions: u64,
    pub(super) period_transactions: u64,
    /// (account id, commodity id) → (debits, credits) within the period.
    pub(super) moves: HashMap<(AccountId, CommodityId), (i128, i128)>,
    /// Transactions before the stretch that voids in it reverse.
    pub(super) reversed: BTreeSet<TxnId>,
    /// Contribution txn → what it brought.
    pub(super) received: BTreeMap<TxnId, Received>,
    /// Original txn → the void dated within the period.
    pub(super) voided_by: HashMap<TxnId, TxnId>,
    /// The rows of transfers.csv, derived from journal.csv's bytes as they
    /// were written (`transfers::derive`); None when they do not read back
    /// as CSV in the journal's columns.
    pub(super) transfers: Option<Vec<TransferRow>>,
}

impl Bundle<'_> {
    /// The contributions whose payer the audience may not see (a hidden
    /// member, or an anonymous gift): their payee and reference are
    /// redacted in the journal whatever they say.
    fn withheld_payers(&self) -> HashSet<TxnId> {
        if self.audience == super::BundleAudience::Auditor {
            return HashSet::new();
        }
        self.contributions
            .iter()
            .filter(|(_, (member, _))| member.is_none_or(|m| self.hidden_members.contains(&m)))
            .map(|(txn, _)| *txn)
            .collect()
    }

    /// journal.csv: the stretch of the chain holding the period, noting on
    /// the way what the other files need from it.
    pub(super) fn journal(&mut self) -> Result<Pass> {
        let conn = self.conn;
        let withheld = self.withheld_payers();
        let stretch = txns::stretch(conn, self.span.from, self.span.to)?;
        // The journal is read here, its rows formatted on a second thread
        // (`JournalWriter`) and their bytes hashed and written on a third,
        // which hands a copy to a fourth: transfers.csv's rows are derived
        // from the file's bytes as they are written.
        let (tee, chunks) = tee::pair();
        let out = Out::create(&self.dir.join(JOURNAL))?.teeing(tee);
        let (from, to) = (iso(self.span.from), iso(self.span.to));
        std::thread::scope(|scope| {
            let deriving = std::thread::Builder::new()
                .name("bundle-transfers".into())
                .spawn_scoped(scope, move || derive(chunks, &from, &to))?;
            // Whatever happens next drops `out`, and with it the copies'
            // end: the deriving thread ends.
            let ((mut pass, summary), out) = handed_off(out, |out| {
                let mut journal = JournalWriter::new(conn, out)?.redacting(
                    self.privacy.hidden.clone(),
                    withheld.clone(),
                    self.account_labels.clone(),
                    self.pool_labels.clone(),
                );
                let mut pass = Pass::default();
                if let Some((first, last)) = stretch {
                    let context = Context {
                        known: Known {
                            account_names: &self.account_names,
                            pool_names: &self.pool_names,
                            withheld: &withheld,
                        },
                        contributions: &self.contributions,
                        span: self.span,
                        first,
                    };
                    let privacy = &mut self.privacy;
                    journal.write(
                        conn,
                        Selection::Ids(first, last),
                        &NoProgress,
                        |txn, postings, v2| {
                            observe(&mut pass, privacy, &context, txn, postings, v2);
                            Ok(())
                        },
                    )?;
                }
                let (_, summary) = journal.finish()?;
                Ok((pass, summary))
            })?;
            self.manifest.push(ManifestEntry {
                file: JOURNAL.to_owned(),
                rows: summary.postings,
                sha256: out.finish()?,
            });
            pass.transfers = deriving
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(pass)
        })
    }

    /// reversed.csv: the transactions before the stretch that its voids
    /// reverse.
    pub(super) fn reversed(&mut self, ids: &BTreeSet<TxnId>) -> Result<()> {
        let conn = self.conn;
        let withheld = self.withheld_payers();
        let mut reversed = JournalWriter::new(conn, Out::create(&self.dir.join(REVERSED))?)?
            .redacting(
                self.privacy.hidden.clone(),
                withheld.clone(),
                self.account_labels.clone(),
                self.pool_labels.clone(),
            );
        for id in ids {
            let known = Known {
                account_names: &self.account_names,
                pool_names: &self.pool_names,
                withheld: &withheld,
            };
            let privacy = &mut self.privacy;
            reversed.write(
                conn,
                Selection::Ids(*id, *id),
                &NoProgress,
                |txn, postings, v2| {
                    scan_txn(privacy, REVERSED, &known, txn, postings, v2);
                    Ok(())
                },
            )?;
        }
        let (out, summary) = reversed.finish()?;
        self.manifest.push(ManifestEntry {
            file: REVERSED.to_owned(),
            rows: summary.postings,
            sha256: out.finish()?,
        });
        Ok(())
    }
}

/// What [`observe`] needs to know about the fund.
struct Context<'a> {
    known: Known<'a>,
    contributions: &'a HashMap<TxnId, (Option<MemberId>, Option<String>)>,
    span: &'a Span,
    /// The first transaction of the stretch.
    first: TxnId,
}

/// Notes what one transaction of the stretch brings to the other files.
fn observe(
    pass: &mut Pass,
    privacy: &mut Privacy,
    context: &Context<'_>,
    txn: &JournalTxn,
    postings: &[JournalPosting],
    v2: bool,
) {
    let Context {
        ref known,
        contributions,
        span,
        first,
    } = *context;
    let account_names = known.account_names;
    pass.transactions += 1;
    if pass.first_prev.is_none() {
        pass.first_prev = Some(txn.prev_hash.clone());
    }
    pass.last_hash = Some(txn.hash.clone());
    scan_txn(privacy, JOURNAL, known, txn, postings, v2);
    if let Some(original) = txn.reverses
        && original < first
    {
        pass.reversed.insert(original);
    }
    let in_period = crate::domain::date::parse_date(&txn.date)
        .ok()
        .is_some_and(|d| span.contains(d));
    if !in_period {
        return;
    }
    pass.period_transactions += 1;
    if let Some(original) = txn.reverses {
        pass.voided_by.insert(original, txn.id);
    }
    for p in postings {
        let m = pass
            .moves
            .entry((p.account_id, p.commodity_id))
            .or_insert((0, 0));
        if p.amount > 0 {
            m.0 += i128::from(p.amount);
        } else {
            m.1 -= i128::from(p.amount);
        }
    }
    if contributions.contains_key(&txn.id) {
        let mut received = Received {
            date: txn.date.clone(),
            income: BTreeMap::new(),
            in_kind: false,
        };
        for p in postings {
            let Some(account) = account_names.get(&p.account_id) else {
                continue;
            };
            let lower = account.to_lowercase();
            if lower.starts_with("income:") {
                *received
                    .income
                    .entry((p.commodity_id, p.pool_id))
                    .or_insert(0) -= i128::from(p.amount);
                received.in_kind |= lower.starts_with("income:in-kind:");
            }
        }
        pass.received.insert(txn.id, received);
    }
}

/// What the scan of a transaction's text needs besides the transaction:
/// the names the bundle shows, and the contributions whose payer the
/// audience may not see.
struct Known<'a> {
    account_names: &'a HashMap<AccountId, String>,
    pool_names: &'a HashMap<PoolId, String>,
    withheld: &'a HashSet<TxnId>,
}

/// Warns about hidden names in a journal transaction's text, and about the
/// payee and reference of a withheld contribution in the v1 form (which
/// cannot be redacted).
fn scan_txn(
    privacy: &mut Privacy,
    file: &str,
    known: &Known<'_>,
    txn: &JournalTxn,
    postings: &[JournalPosting],
    v2: bool,
) {
    let Known {
        account_names,
        pool_names,
        withheld,
    } = known;
    // In a v2 row the writer redacted these already.
    let place = |column: &str| format!("{file} txn {}, column {column},", txn.id);
    if !v2 && withheld.contains(&txn.id) {
        for (column, text) in [("payee", &txn.payee), ("reference", &txn.reference)] {
            if text.as_deref().is_some_and(|t| !t.is_empty()) {
                privacy.withheld_v1(&place(column));
            }
        }
    }
    if !v2 {
        privacy.scan(|| place("description"), &txn.description);
        privacy.scan(|| place("payee"), txn.payee.as_deref().unwrap_or(""));
        privacy.scan(
            || place("reference"),
            txn.reference.as_deref().unwrap_or(""),
        );
    }
    for p in postings {
        if !v2 {
            privacy.scan(|| place("memo"), p.memo.as_deref().unwrap_or(""));
        }
        if let Some(account) = account_names.get(&p.account_id) {
            privacy.scan(|| place("account"), account);
        }
        if let Some(pool) = p.pool_id.and_then(|id| pool_names.get(&id)) {
            privacy.scan(|| place("pool"), pool);
        }
    }
}
