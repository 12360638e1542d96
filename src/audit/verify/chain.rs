//! The hash chain's half of verify's journal pass, on a thread of its own.
//!
//! The main thread reads the journal and checks each transaction's rows
//! (balance, dates, closed accounts, pools, totals); the rows then go to a
//! second thread ([`crate::store::beside`]), where each transaction's
//! commitments and hash are recomputed and the chain followed ([`Chain`]).
//! Hashing is a third of the pass's work, so on two cores it overlaps the
//! reading instead of following it.
//!
//! The rule: the findings are the ones a single pass gives, in its order.
//! Each is tagged with the transaction's place in the stream, and
//! [`merge`] puts a transaction's chain findings after its row findings.

use std::iter::Peekable;

use crate::audit::finding::{Code, Finding, Location};
use crate::domain::hash::{CanonicalPosting, Content, Form, Sealed, Sealer, hash_in_sealed};
use crate::domain::hash::{GENESIS, recorded_form_sealed};
use crate::domain::money::format_minor;
use crate::store::txns::{JournalPosting, JournalTxn};

use super::{Names, codes, short};

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
    /// The commitments of the transaction being checked, in strings kept
    /// from one transaction to the next.
    sealed: Sealed,
    findings: Vec<(u64, Finding)>,
}

impl Default for Chain {
    fn default() -> Chain {
        Chain {
            sealer: None,
            stored_prev: GENESIS.to_owned(),
            computed: GENESIS.to_owned(),
            v2_seen: false,
            sealed: Sealed::default(),
            findings: Vec::new(),
        }
    }
}

impl Chain {
    /// The findings, each with its transaction's place in the stream.
    pub(super) fn take_findings(&mut self) -> Vec<(u64, Finding)> {
        std::mem::take(&mut self.findings)
    }

    fn find(&mut self, seq: u64, code: Code, at: String, message: String) {
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
    pub(super) fn transaction(
        &mut self,
        names: &Names,
        seq: u64,
        head: &JournalTxn,
        postings: &[JournalPosting],
    ) {
        let id = head.id;
        let at = || format!("txn {id}");
        let content = Content {
            date: &head.date,
            description: &head.description,
            payee: head.payee.as_deref().unwrap_or(""),
            reference: head.reference.as_deref().unwrap_or(""),
            reverses: head.reverses_hash.as_deref().unwrap_or(""),
            postings: postings
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
        let mut kept = std::mem::take(&mut self.sealed);
        let sealed = self.sealer.as_mut().map(|s| {
            s.sealed_into(&head.prev_hash, &content, &mut kept);
            &kept
        });
        let (form, recomputed) =
            recorded_form_sealed(&head.prev_hash, &content, sealed, &head.hash, self.v2_seen);
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
            hash_in_sealed(form, &self.computed, &content, sealed)
                .expect("a form is only found when it can express the transaction")
        };
        self.stored_prev.clone_from(&head.hash);
        self.sealed = kept;
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
}
