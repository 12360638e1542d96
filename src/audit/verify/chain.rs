//! The hash chain's half of verify's journal pass, on a thread of its own.
//!
//! The main thread reads the journal and checks each transaction's rows
//! (balance, dates, closed accounts, pools, totals); it copies the rows
//! into reused [`Batch`]es and hands them here, where each transaction's
//! commitments and hash are recomputed and the chain followed ([`Chain`]).
//! Hashing is a third of the pass's work, so on two cores it overlaps the
//! reading instead of following it.
//!
//! The rule: the findings are the ones a single pass gives, in its order.
//! Each is tagged with the transaction's place in the stream, and
//! [`merge`] puts a transaction's chain findings after its row findings.
//! Batches go back to the main thread to be refilled, so every row is
//! freed by the thread that allocated it.

use std::iter::Peekable;
use std::sync::mpsc::{Receiver, SyncSender};

use crate::audit::finding::{Finding, Location};
use crate::domain::hash::{CanonicalPosting, Content, Form, Sealer, hash_in_sealed};
use crate::domain::hash::{GENESIS, recorded_form_sealed};
use crate::domain::money::format_minor;
use crate::store::txns::{JournalPosting, JournalTxn};

use super::{Names, codes, short};

/// How many transactions a batch carries.
pub(super) const BATCH: usize = 512;

/// How many batches exist at once (being filled, waiting, being hashed).
pub(super) const BATCHES: usize = 4;

/// One transaction's rows as stored, with its place in the stream.
pub(super) struct Rows {
    seq: u64,
    head: JournalTxn,
    postings: Vec<JournalPosting>,
}

/// Transactions' rows on their way to the chain's thread and back.
#[derive(Default)]
pub(super) struct Batch {
    rows: Vec<Rows>,
    used: usize,
}

impl Batch {
    /// Whether the batch holds [`BATCH`] transactions.
    pub(super) fn is_full(&self) -> bool {
        self.used == BATCH
    }

    /// Copies one transaction's rows in, reusing the strings of the rows a
    /// previous use of the batch held.
    pub(super) fn push(&mut self, seq: u64, head: &JournalTxn, postings: &[JournalPosting]) {
        match self.rows.get_mut(self.used) {
            Some(rows) => {
                rows.seq = seq;
                copy_txn(&mut rows.head, head);
                rows.postings.truncate(postings.len());
                let kept = rows.postings.len();
                for (to, from) in rows.postings.iter_mut().zip(postings) {
                    copy_posting(to, from);
                }
                rows.postings.extend_from_slice(&postings[kept..]);
            }
            None => self.rows.push(Rows {
                seq,
                head: head.clone(),
                postings: postings.to_vec(),
            }),
        }
        self.used += 1;
    }

    /// The transactions it holds, after [`clear`](Self::clear) none.
    fn held(&self) -> &[Rows] {
        &self.rows[..self.used]
    }

    /// Empties the batch for its next use (the rows' memory is kept).
    pub(super) fn clear(&mut self) {
        self.used = 0;
    }
}

/// `from` into `to`, each string reusing `to`'s memory.
fn copy_txn(to: &mut JournalTxn, from: &JournalTxn) {
    let JournalTxn {
        id,
        date,
        description,
        payee,
        reference,
        reverses,
        reverses_hash,
        prev_hash,
        hash,
    } = from;
    to.id = *id;
    to.date.clone_from(date);
    to.description.clone_from(description);
    to.payee.clone_from(payee);
    to.reference.clone_from(reference);
    to.reverses = *reverses;
    to.reverses_hash.clone_from(reverses_hash);
    to.prev_hash.clone_from(prev_hash);
    to.hash.clone_from(hash);
}

/// `from` into `to`, the memo reusing `to`'s memory.
fn copy_posting(to: &mut JournalPosting, from: &JournalPosting) {
    let JournalPosting {
        line,
        account_id,
        commodity_id,
        amount,
        memo,
        pool_id,
    } = from;
    to.line = *line;
    to.account_id = *account_id;
    to.commodity_id = *commodity_id;
    to.amount = *amount;
    to.memo.clone_from(memo);
    to.pool_id = *pool_id;
}

/// The chain followed through the journal: the fund's salt key, the hash
/// each transaction must cite, the chain recomputed from content alone,
/// and the findings on the way, each tagged with its transaction's place.
#[derive(Debug)]
pub(super) struct Chain {
    /// The fund's salt key, with the seals of the names it met (None
    /// when the key is missing: a V141 finding).
    pub(super) sealer: Option<Sealer>,
    /// Hash of the previous stored transaction (what its successor must cite).
    pub(super) stored_prev: String,
    /// The chain recomputed from content alone.
    pub(super) computed: String,
    /// Whether a transaction in the v2 form was seen.
    v2_seen: bool,
    findings: Vec<(u64, Finding)>,
}

impl Default for Chain {
    fn default() -> Chain {
        Chain {
            sealer: None,
            stored_prev: GENESIS.to_owned(),
            computed: GENESIS.to_owned(),
            v2_seen: false,
            findings: Vec::new(),
        }
    }
}

impl Chain {
    /// Follows the chain through every batch `full` brings, handing each
    /// back on `empty`; returns when the main thread stops sending.
    pub(super) fn follow(
        mut self,
        names: &Names,
        full: Receiver<Batch>,
        empty: SyncSender<Batch>,
    ) -> Chain {
        for mut batch in full {
            for rows in batch.held() {
                self.transaction(names, rows);
            }
            batch.clear();
            // The main thread stops taking batches back only once it has
            // sent its last: this one is then freed here, which is fine.
            empty.send(batch).ok();
        }
        self
    }

    /// The findings, each with its transaction's place in the stream.
    pub(super) fn take_findings(&mut self) -> Vec<(u64, Finding)> {
        std::mem::take(&mut self.findings)
    }

    fn find(&mut self, seq: u64, code: crate::audit::finding::Code, at: String, message: String) {
        self.findings.push((
            seq,
            Finding {
                code,
                location: Location::At(at),
                message,
            },
        ));
    }

    /// One transaction: the hash it cites, its hash recomputed in the form
    /// it was made in, and the chain from content alone.
    fn transaction(&mut self, names: &Names, rows: &Rows) {
        let (seq, head) = (rows.seq, &rows.head);
        let id = head.id;
        let at = || format!("txn {id}");
        let content = Content {
            date: &head.date,
            description: &head.description,
            payee: head.payee.as_deref().unwrap_or(""),
            reference: head.reference.as_deref().unwrap_or(""),
            reverses: head.reverses_hash.as_deref().unwrap_or(""),
            postings: rows
                .postings
                .iter()
                .filter_map(|p| canonical(names, p))
                .collect(),
        };
        if head.prev_hash != self.stored_prev {
            self.find(
                seq,
                codes::CHAIN_BREAK,
                at(),
                format!(
                    "cites previous hash {} but the transaction before it has {}; transactions were removed or reordered",
                    short(&head.prev_hash),
                    short(&self.stored_prev)
                ),
            );
        }
        // Rows before the switch to v2 keep their v1 hashes (books from
        // before pools, the pre-pool form); v2 salts come from the place
        // the row was chained at.
        let sealed = self
            .sealer
            .as_mut()
            .map(|s| s.sealed(&head.prev_hash, &content));
        let (form, recomputed) = recorded_form_sealed(
            &head.prev_hash,
            &content,
            sealed.as_ref(),
            &head.hash,
            self.v2_seen,
        );
        if form == Form::V2 {
            self.v2_seen = true;
        } else if self.v2_seen && recomputed == head.hash {
            self.find(
                seq,
                codes::FORM_BACK,
                at(),
                "is in the v1 form after a transaction in the v2 form; the chain switches once and never back, so it was written outside fondo".into(),
            );
        }
        if recomputed != head.hash {
            self.find(
                seq,
                codes::HASH_MISMATCH,
                at(),
                "its content does not match its stored hash; it was changed after it was posted"
                    .into(),
            );
        }
        self.computed = if self.computed == head.prev_hash {
            recomputed
        } else {
            hash_in_sealed(form, &self.computed, &content, sealed.as_ref())
                .expect("a form is only found when it can express the transaction")
        };
        self.stored_prev.clone_from(&head.hash);
    }
}

/// A posting as the hash covers it: its account's name, its commodity's
/// code, its amount with the commodity's places, its memo and its pool's
/// name (`""` for the general pool or a pool that does not exist). None
/// for a posting whose account or commodity does not exist (the rows'
/// check reports it).
fn canonical<'a>(names: &'a Names, p: &'a JournalPosting) -> Option<CanonicalPosting<'a>> {
    let (account, _) = names.accounts.get(&p.account_id)?;
    let commodity = names.commodities.get(&p.commodity_id)?;
    let pool = p
        .pool_id
        .and_then(|pool| names.pools.get(&pool))
        .map_or("", String::as_str);
    Some((
        account.name.as_str(),
        commodity.code(),
        format_minor(p.amount.into(), commodity.decimals()),
        p.memo.as_deref().unwrap_or(""),
        pool,
    ))
}

/// The findings of the rows' checks (`rows`, in stream order) and of the
/// chain (`chain`, likewise) as one pass gives them: by transaction, the
/// rows' findings first.
pub(super) fn merge(
    rows: impl IntoIterator<Item = (u64, Finding)>,
    chain: impl IntoIterator<Item = (u64, Finding)>,
) -> Vec<Finding> {
    let (mut rows, mut chain) = (rows.into_iter().peekable(), chain.into_iter().peekable());
    let mut merged = Vec::new();
    fn next(
        rows: &mut Peekable<impl Iterator<Item = (u64, Finding)>>,
        chain: &mut Peekable<impl Iterator<Item = (u64, Finding)>>,
    ) -> Option<Finding> {
        let take_rows = match (rows.peek(), chain.peek()) {
            (Some((r, _)), Some((c, _))) => r <= c,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_rows { rows.next() } else { chain.next() }.map(|(_, f)| f)
    }
    while let Some(f) = next(&mut rows, &mut chain) {
        merged.push(f);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::finding::Code;

    fn finding(code: Code, at: &str) -> Finding {
        Finding {
            code,
            location: Location::At(at.into()),
            message: String::new(),
        }
    }

    #[test]
    fn a_transactions_row_findings_come_before_its_chain_findings() {
        let rows = vec![
            (1, finding(codes::MALFORMED, "txn 1")),
            (3, finding(codes::UNBALANCED, "txn 3")),
            (3, finding(codes::CLOSED_ACCOUNT, "txn 3 line 1")),
        ];
        let chain = vec![
            (0, finding(codes::HASH_MISMATCH, "txn 0")),
            (3, finding(codes::CHAIN_BREAK, "txn 3")),
            (3, finding(codes::HASH_MISMATCH, "txn 3")),
            (4, finding(codes::HASH_MISMATCH, "txn 4")),
        ];
        let order: Vec<(Code, String)> = merge(rows, chain)
            .into_iter()
            .map(|f| (f.code, f.location.to_string()))
            .collect();
        let expected = [
            (codes::HASH_MISMATCH, "txn 0"),
            (codes::MALFORMED, "txn 1"),
            (codes::UNBALANCED, "txn 3"),
            (codes::CLOSED_ACCOUNT, "txn 3 line 1"),
            (codes::CHAIN_BREAK, "txn 3"),
            (codes::HASH_MISMATCH, "txn 3"),
            (codes::HASH_MISMATCH, "txn 4"),
        ];
        assert_eq!(order, expected.map(|(c, at)| (c, at.to_owned())).to_vec());
    }

    #[test]
    fn a_refilled_batch_holds_exactly_the_new_rows() {
        let head = |id: i64, memo: &str| {
            let txn = JournalTxn {
                id: crate::domain::ids::TxnId::new(id),
                date: "2026-03-01".into(),
                description: format!("txn {id}"),
                payee: (id % 2 == 0).then(|| "Ana".to_owned()),
                reference: None,
                reverses: None,
                reverses_hash: None,
                prev_hash: GENESIS.into(),
                hash: "ab".repeat(32),
            };
            let posting = |line| JournalPosting {
                line,
                account_id: crate::domain::ids::AccountId::new(line),
                commodity_id: crate::domain::ids::CommodityId::new(1),
                amount: line * 100,
                memo: (!memo.is_empty()).then(|| memo.to_owned()),
                pool_id: None,
            };
            (txn, (1..=id).map(posting).collect::<Vec<_>>())
        };
        let mut batch = Batch::default();
        for id in 1..=3 {
            let (txn, postings) = head(id, "first");
            batch.push(id as u64, &txn, &postings);
        }
        batch.clear();
        for id in [2, 1] {
            let (txn, postings) = head(id, "");
            batch.push(10 + id as u64, &txn, &postings);
        }
        let held: Vec<String> = batch
            .held()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {:?} {} {:?}",
                    r.seq,
                    r.head.description,
                    r.head.payee,
                    r.postings.len(),
                    r.postings[0].memo
                )
            })
            .collect();
        assert_eq!(
            held,
            ["12 txn 2 Some(\"Ana\") 2 None", "11 txn 1 None 1 None"]
        );
    }
}
