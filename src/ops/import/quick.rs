//! The journal import's quick check: the common transaction checked in the
//! reading thread, against a copy of the books, so that the importer's own
//! thread (which alone uses the connection) only writes it.
//!
//! The rule: [`Quick::check`] takes a transaction only when the full check
//! (`Importer::transaction`) would take it as it is, with nothing to report
//! and nothing to create or look up in the database: every field sound, its
//! accounts, commodities and pools already in the books under exactly those
//! names, no void, on a source never imported from before, and not the
//! first transaction of a file with its own hash chain (the full check
//! looks that one up, to refuse an export of these same books; the file's
//! hashes of the rest are read here and checked by the chain). Anything
//! else (`None`) goes to the full check, which finds and reports its
//! problems. The copy of the books only ever lacks what the importer
//! created since it was made ([`Learnt`]), so a stale copy sends more to
//! the full check, never less.

use chrono::NaiveDate;

use crate::domain::date::parse_date;
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::txn::{Posting, Transaction};
use crate::ops::Book;
use crate::ops::import::link::FileHash;
use crate::ops::import::{Col, Columns, Group, SHARED_COLUMNS, file_hash_of};
use crate::ops::ledger::check_open;
use crate::store::accounts::StoredAccount;
use crate::store::commodities::StoredCommodity;
use crate::store::txns::PostingIds;

/// What the importer added to the books, for the copy to learn.
pub(super) enum Learnt {
    Account(StoredAccount),
    Commodity(StoredCommodity),
}

/// A transaction the quick check took.
pub(super) struct Checked {
    pub line: u64,
    pub key: String,
    pub txn: Transaction,
    pub ids: Vec<PostingIds>,
    /// What the file says of its hash, when it has its own chain.
    pub file: Option<Box<FileHash>>,
}

/// The quick check, with its copy of the books.
pub(super) struct Quick {
    pub book: Book,
    pub columns: Columns,
    /// Whether the file's first transaction is still to be left to the
    /// full check (a file with its own chain).
    pub first_left: bool,
}

impl Quick {
    pub fn learn(&mut self, learnt: Learnt) {
        match learnt {
            Learnt::Account(account) => self.book.learn_account(account),
            Learnt::Commodity(commodity) => self.book.learn_commodity(commodity),
        }
    }

    /// The transaction of `group`, when the full check would take it as it
    /// is; `None` leaves it to the full check.
    pub fn check(&mut self, group: &Group) -> Option<Checked> {
        if std::mem::take(&mut self.first_left) {
            return None;
        }
        let get = |record, column: Col| self.columns.get(record, column);
        let (line, first) = &group[0];
        let key = get(first, col!("txn"));
        if key.trim().is_empty() || !get(first, col!("reverses")).is_empty() {
            return None;
        }
        let agree = group[1..]
            .iter()
            .all(|(_, r)| SHARED_COLUMNS.iter().all(|&c| get(r, c) == get(first, c)));
        if !agree {
            return None;
        }
        let date = parse_date(get(first, col!("date"))).ok()?;
        let mut postings = Vec::with_capacity(group.len());
        let mut ids = Vec::with_capacity(group.len());
        for (_, record) in group {
            let (posting, to) = self.posting(record, date)?;
            postings.push(posting);
            ids.push(to);
        }
        let text = |column| get(first, column).to_owned();
        let txn = Transaction::new(
            date,
            text(col!("description")),
            Some(text(col!("payee"))),
            Some(text(col!("reference"))),
            postings,
        )
        .ok()?;
        Some(Checked {
            line: *line,
            key: key.to_owned(),
            txn,
            ids,
            file: file_hash_of(&self.columns, group),
        })
    }

    fn posting(
        &self,
        record: &csv::StringRecord,
        date: NaiveDate,
    ) -> Option<(Posting, PostingIds)> {
        let get = |column| self.columns.get(record, column);
        let name = get(col!("account"));
        if crate::domain::transfer::is_reserved(name) {
            return None;
        }
        let (account, commodity) = self.book.stored(name, get(col!("commodity")))?;
        check_open(account, date).ok()?;
        let number = get(col!("amount"));
        let amount = to_minor(parse_decimal(number).ok()?, &commodity.commodity, number).ok()?;
        let (pool, pool_id) = match get(col!("pool")) {
            "" => (None, None),
            name => {
                let (stored, id) = self.book.pool(name).ok()?;
                (id.map(|_| stored), id)
            }
        };
        let memo = Some(get(col!("memo")).to_owned()).filter(|m| !m.is_empty());
        Some((
            Posting::stored(
                account.name.clone(),
                commodity.commodity.clone(),
                amount,
                memo,
                pool,
            ),
            PostingIds {
                account: account.id,
                commodity: commodity.id,
                pool: pool_id,
            },
        ))
    }
}
