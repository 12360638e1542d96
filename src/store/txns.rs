//! Transactions and postings: the append-only journal and its hash chain.
//!
//! [`Writer`] is the only way rows get into `txns` and `postings`: it chains
//! each transaction's hash onto the previous one, keeps the `daily_totals`
//! and `account_totals` caches and the pools' `pool_daily_totals` and
//! `pool_totals` in step (summing in memory, bounded by accounts × days, and
//! writing once in [`Writer::finish`]) and records the new head hash in the
//! fund row.
//! It refuses a transaction dated inside a closed period
//! ([`crate::domain::period::Closed`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use crate::domain::FastMap;
use crate::domain::date::iso;
use crate::domain::hash::{Form, SaltKey, Sealer, txn_hash_in};
use crate::domain::ids::{AccountId, CommodityId, PoolId, TxnId};
use crate::domain::money::Commodity;
use crate::domain::period::Closed;
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Result, SqlContext};
use crate::store::{fund, id_array};

/// Appends transactions to the chain within the caller's SQLite transaction.
pub struct Writer<'c> {
    conn: &'c Connection,
    head: String,
    count: i64,
    totals: FastMap<((AccountId, CommodityId), NaiveDate), i64>,
    /// The pool-tagged postings' share of `totals`, per pool.
    pool_totals: FastMap<((PoolId, AccountId, CommodityId), NaiveDate), i64>,
    touched: Touched,
    closed: Closed,
    sealer: Sealer,
    /// Whether the next transaction may still be in the v1 form: only while
    /// everything before it is (an import of an old export into new books).
    v1_allowed: bool,
    /// The inserts, held for the writer's life instead of looked up in
    /// the statement cache per row (an import makes millions).
    insert_txn: CachedStatement<'c>,
    insert_posting: CachedStatement<'c>,
}

/// What a writer posted to, for the checks that follow a write: the
/// restricted (pool, commodity) pairs, and per commodity the earliest day.
#[derive(Debug, Clone, Default)]
pub struct Touched {
    pub pools: BTreeSet<(PoolId, CommodityId)>,
    pub commodities: BTreeMap<CommodityId, NaiveDate>,
}

/// Where a posting goes, by row id (`pool: None` is the general pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostingIds {
    pub account: AccountId,
    pub commodity: CommodityId,
    pub pool: Option<PoolId>,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let fund = fund::get(conn)?.ok_or_else(|| Error::NotFondo {
            path: "the database".into(),
            reason: "its fund record is missing".into(),
        })?;
        Ok(Writer {
            conn,
            head: fund.head_hash,
            count: fund.txn_count,
            totals: FastMap::default(),
            pool_totals: FastMap::default(),
            touched: Touched::default(),
            closed: crate::store::records::closed(conn)?,
            sealer: Sealer::new(fund::salt_key(conn)?),
            v1_allowed: fund.txn_count == 0,
            // An id of NULL is the next one (`INTEGER PRIMARY KEY`).
            insert_txn: conn
                .prepare_cached(
                    "INSERT INTO txns (id, date, description, payee, reference, reverses, prev_hash, hash, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .ctx("recording a transaction")?,
            insert_posting: conn
                .prepare_cached(
                    "INSERT INTO postings (txn_id, line, account_id, commodity_id, amount, memo, pool_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .ctx("recording postings")?,
        })
    }

    /// The hash the next transaction will be chained onto.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The fund's salt key.
    pub fn key(&self) -> &SaltKey {
        self.sealer.key()
    }

    /// Whether [`append_v1`](Self::append_v1) would keep the v1 form: the
    /// books have no transaction in the v2 form yet.
    pub fn v1_allowed(&self) -> bool {
        self.v1_allowed
    }

    /// Appends one transaction in the v2 form; `reverses` is the id and
    /// hash of the transaction it reverses. Returns the new id and hash.
    pub fn append(
        &mut self,
        txn: &Transaction,
        ids: &[PostingIds],
        reverses: Option<(TxnId, &str)>,
        recorded_at: &str,
    ) -> Result<(TxnId, String)> {
        let hash = self.sealer.txn_hash(&self.head, txn, reverses.map(|r| r.1));
        self.v1_allowed = false;
        let id = self.insert(None, txn, ids, reverses.map(|r| r.0), recorded_at, &hash)?;
        Ok((id, hash))
    }

    /// Appends one transaction in the v1 form while
    /// [`v1_allowed`](Self::v1_allowed) (an import of an export made
    /// before v2 into new books keeps its fingerprint), else in the v2 form.
    pub fn append_v1(
        &mut self,
        txn: &Transaction,
        ids: &[PostingIds],
        reverses: Option<(TxnId, &str)>,
        recorded_at: &str,
    ) -> Result<(TxnId, String)> {
        if !self.v1_allowed {
            return self.append(txn, ids, reverses, recorded_at);
        }
        let hash = txn_hash_in(Form::Current, &self.head, txn, reverses.map(|r| r.1))
            .expect("the v1 form has every field");
        let id = self.insert(None, txn, ids, reverses.map(|r| r.0), recorded_at, &hash)?;
        Ok((id, hash))
    }

    /// Appends one transaction hashed elsewhere (an import hashes in a
    /// thread of its own), under the id `id`: `hash` is the transaction's
    /// hash in `form` chained onto this writer's [`head`](Self::head) (the
    /// v1 form only while [`v1_allowed`](Self::v1_allowed)).
    #[allow(clippy::too_many_arguments)]
    pub fn insert_linked(
        &mut self,
        id: TxnId,
        txn: &Transaction,
        ids: &[PostingIds],
        reverses: Option<TxnId>,
        recorded_at: &str,
        hash: &str,
        form: Form,
    ) -> Result<()> {
        // Broken only by a bug in the caller's ordering: nothing written
        // would then be committed.
        assert!(
            form == Form::V2 || self.v1_allowed,
            "transaction {id} is in the v1 form only while the books are"
        );
        self.v1_allowed &= form != Form::V2;
        self.insert(Some(id), txn, ids, reverses, recorded_at, hash)?;
        Ok(())
    }

    fn insert(
        &mut self,
        id: Option<TxnId>,
        txn: &Transaction,
        ids: &[PostingIds],
        reverses: Option<TxnId>,
        recorded_at: &str,
        hash: &str,
    ) -> Result<TxnId> {
        self.closed.check(txn.date())?;
        let date = iso(txn.date());
        self.insert_txn
            .execute(params![
                id,
                date,
                txn.description(),
                txn.payee(),
                txn.reference(),
                reverses,
                self.head,
                hash,
                recorded_at
            ])
            .ctx("recording a transaction")?;
        let id = TxnId::new(self.conn.last_insert_rowid());
        for (line, (posting, to)) in txn.postings().iter().zip(ids).enumerate() {
            self.insert_posting
                .execute(params![
                    id,
                    line as i64 + 1,
                    to.account,
                    to.commodity,
                    posting.amount(),
                    posting.memo(),
                    to.pool
                ])
                .ctx("recording postings")?;
            self.touched
                .pools
                .extend(to.pool.map(|pool| (pool, to.commodity)));
            let earliest = self
                .touched
                .commodities
                .entry(to.commodity)
                .or_insert(txn.date());
            *earliest = (*earliest).min(txn.date());
            let total = self
                .totals
                .entry(((to.account, to.commodity), txn.date()))
                .or_insert(0);
            let overflow = || Error::Overflow {
                context: format!("of {} on {}", posting.account(), txn.date()),
            };
            *total = total.checked_add(posting.amount()).ok_or_else(overflow)?;
            if let Some(pool) = to.pool {
                let total = self
                    .pool_totals
                    .entry(((pool, to.account, to.commodity), txn.date()))
                    .or_insert(0);
                *total = total.checked_add(posting.amount()).ok_or_else(overflow)?;
            }
        }
        self.head.clear();
        self.head.push_str(hash);
        self.count += 1;
        Ok(id)
    }

    /// Writes the daily and account totals and the new head hash. Must be called before
    /// the caller commits. Returns what was posted to, for the caller's
    /// checks on pools.
    pub fn finish(self) -> Result<Touched> {
        let mut add = self
            .conn
            .prepare_cached(
                "INSERT INTO daily_totals (account_id, commodity_id, date, amount) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account_id, commodity_id, date) DO UPDATE SET amount = amount + excluded.amount",
            )
            .ctx("writing daily totals")?;
        let by_account = by_key(
            self.totals,
            "of one account",
            |(account, commodity), date, delta| {
                add.execute(params![account, commodity, iso(date), delta])
                    .map_err(|e| {
                        total_error(
                            e,
                            format!("of one account on {date}"),
                            "writing daily totals",
                        )
                    })
                    .map(|_| ())
            },
        )?;
        let mut current = self
            .conn
            .prepare_cached(
                "INSERT INTO account_totals (account_id, commodity_id, amount) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account_id, commodity_id) DO UPDATE SET amount = amount + excluded.amount",
            )
            .ctx("writing account totals")?;
        for ((account, commodity), (delta, _)) in by_account {
            current
                .execute(params![account, commodity, delta])
                .map_err(|e| total_error(e, "of one account".into(), "writing account totals"))?;
        }
        write_pool_totals(self.conn, self.pool_totals)?;
        fund::set_head(self.conn, &self.head, self.count)?;
        Ok(self.touched)
    }
}

/// Adds a writer's sums of pool-tagged postings to `pool_daily_totals` and
/// `pool_totals` (moving a key's first day earlier when it is), in key
/// order.
fn write_pool_totals(
    conn: &Connection,
    totals: FastMap<((PoolId, AccountId, CommodityId), NaiveDate), i64>,
) -> Result<()> {
    if totals.is_empty() {
        return Ok(());
    }
    let mut daily = conn
        .prepare_cached(
            "INSERT INTO pool_daily_totals (pool_id, account_id, commodity_id, date, amount)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pool_id, commodity_id, date, account_id)
             DO UPDATE SET amount = amount + excluded.amount",
        )
        .ctx("writing pool totals")?;
    let current = by_key(
        totals,
        "of one pool's account",
        |(pool, account, commodity), date, delta| {
            daily
                .execute(params![pool, account, commodity, iso(date), delta])
                .map_err(|e| {
                    total_error(
                        e,
                        format!("of one pool's account on {date}"),
                        "writing pool totals",
                    )
                })
                .map(|_| ())
        },
    )?;
    let mut now = conn
        .prepare_cached(
            "INSERT INTO pool_totals (pool_id, account_id, commodity_id, amount, since)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pool_id, account_id, commodity_id)
             DO UPDATE SET amount = amount + excluded.amount, since = min(since, excluded.since)",
        )
        .ctx("writing pool totals")?;
    for ((pool, account, commodity), (delta, since)) in current {
        now.execute(params![pool, account, commodity, delta, iso(since)])
            .map_err(|e| total_error(e, "of one pool's account".into(), "writing pool totals"))?;
    }
    Ok(())
}

/// Hands each (key, day) sum of a writer's to `day`, in key order (so the
/// inserts walk the table instead of jumping about), and gives per key the
/// sum over its days and the first day.
///
/// # Errors
/// [`Error::Overflow`] `of` what is summed when a key's sum does not fit;
/// `day`'s errors.
fn by_key<K: Copy + Ord>(
    totals: FastMap<(K, NaiveDate), i64>,
    of: &str,
    mut day: impl FnMut(K, NaiveDate, i64) -> Result<()>,
) -> Result<BTreeMap<K, (i64, NaiveDate)>> {
    let mut totals: Vec<_> = totals.into_iter().collect();
    totals.sort_unstable();
    let mut sums: BTreeMap<K, (i64, NaiveDate)> = BTreeMap::new();
    for ((key, date), delta) in totals {
        let (sum, _) = sums.entry(key).or_insert((0, date));
        *sum = sum.checked_add(delta).ok_or_else(|| Error::Overflow {
            context: of.to_owned(),
        })?;
        day(key, date, delta)?;
    }
    Ok(sums)
}

/// A failed write of a total: its CHECK (an integer, which SQLite's switch to
/// floating point on overflow breaks) is an overflow `of` what it totals.
fn total_error(e: rusqlite::Error, of: String, context: &str) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::Overflow { context: of }
        }
        e => Error::Sqlite {
            context: context.into(),
            source: e,
        },
    }
}

/// A transaction read back from the journal.
#[derive(Debug, Clone)]
pub struct StoredTxn {
    pub id: TxnId,
    pub txn: Transaction,
    pub hash: String,
    pub reverses: Option<TxnId>,
    pub reversed_by: Option<TxnId>,
    pub ids: Vec<PostingIds>,
}

/// Reads one transaction with its postings.
pub fn get(conn: &Connection, id: TxnId) -> Result<Option<StoredTxn>> {
    // Cached: a re-import asks this of every transaction it skips.
    let head = conn
        .prepare_cached(
            "SELECT t.date, t.description, t.payee, t.reference, t.hash, t.reverses,
                    (SELECT r.id FROM txns r WHERE r.reverses = t.id)
             FROM txns t WHERE t.id = ?1",
        )
        .and_then(|mut stmt| {
            stmt.query_row([id], |r| {
                Ok((
                    r.get::<_, NaiveDate>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<TxnId>>(5)?,
                    r.get::<_, Option<TxnId>>(6)?,
                ))
            })
            .optional()
        })
        .ctx("reading a transaction")?;
    let Some((date, description, payee, reference, hash, reverses, reversed_by)) = head else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.name, c.code, c.decimals, p.amount, p.memo, a.id, c.id, o.name, p.pool_id
             FROM postings p JOIN accounts a ON a.id = p.account_id
             JOIN commodities c ON c.id = p.commodity_id
             LEFT JOIN pools o ON o.id = p.pool_id
             WHERE p.txn_id = ?1 ORDER BY p.line",
        )
        .ctx("reading postings")?;
    let rows: Vec<(Posting, PostingIds)> = stmt
        .query_map([id], |r| {
            Ok((
                Posting::stored(
                    r.get(0)?,
                    Commodity::stored(r.get(1)?, r.get(2)?),
                    r.get(3)?,
                    r.get(4)?,
                    r.get(7)?,
                ),
                PostingIds {
                    account: r.get(5)?,
                    commodity: r.get(6)?,
                    pool: r.get(8)?,
                },
            ))
        })
        .and_then(Iterator::collect)
        .ctx("reading postings")?;
    let (postings, ids): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let txn = Transaction::new(date, description, payee, reference, postings)?;
    Ok(Some(StoredTxn {
        id,
        txn,
        hash,
        reverses,
        reversed_by,
        ids,
    }))
}

/// A transaction as stored, with the hash of the transaction it reverses.
/// Text is kept as stored (a tampered date stays visible to `verify`).
#[derive(Debug, Clone)]
pub struct JournalTxn {
    pub id: TxnId,
    pub date: String,
    pub description: String,
    pub payee: Option<String>,
    pub reference: Option<String>,
    pub reverses: Option<TxnId>,
    pub reverses_hash: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// A posting as stored; account and commodity by id (callers resolve them
/// from the small in-memory lists, which keeps the stream lean).
#[derive(Debug, Clone)]
pub struct JournalPosting {
    pub line: i64,
    pub account_id: AccountId,
    pub commodity_id: CommodityId,
    pub amount: i64,
    pub memo: Option<String>,
    pub pool_id: Option<PoolId>,
}

/// A blank row for a stream to read into (ids 0, which no row has).
impl Default for JournalTxn {
    fn default() -> JournalTxn {
        JournalTxn {
            id: TxnId::new(0),
            date: String::new(),
            description: String::new(),
            payee: None,
            reference: None,
            reverses: None,
            reverses_hash: None,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }
}

/// A blank row for a stream to read into (ids 0, which no row has).
impl Default for JournalPosting {
    fn default() -> JournalPosting {
        JournalPosting {
            line: 0,
            account_id: AccountId::new(0),
            commodity_id: CommodityId::new(0),
            amount: 0,
            memo: None,
            pool_id: None,
        }
    }
}

/// Which transactions a journal stream reads, always in chain order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Those dated within `from..=to` (inclusive; all when None).
    Dates(Option<NaiveDate>, Option<NaiveDate>),
    /// Those with ids `first..=last`: a stretch of the chain.
    Ids(TxnId, TxnId),
}

/// Streams the journal in chain order: each transaction dated within
/// `from..=to` (inclusive; all when None) with its postings in line order.
/// Transactions and postings are read by two cursors merged on the id, so
/// no row is fetched twice. Returns the number of postings whose transaction
/// does not exist (only possible in a tampered database; counted only when
/// the whole journal is read).
pub fn for_each_txn(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    f: impl FnMut(&JournalTxn, &[JournalPosting]) -> Result<()>,
) -> Result<u64> {
    for_each_selected(conn, Selection::Dates(from, to), f)
}

/// [`for_each_txn`] for any [`Selection`].
pub fn for_each_selected(
    conn: &Connection,
    selection: Selection,
    mut f: impl FnMut(&JournalTxn, &[JournalPosting]) -> Result<()>,
) -> Result<u64> {
    for_each_read(conn, selection, |read| f(&read.head, read.postings()))
}

/// One transaction as [`for_each_read`] read it: the head, and its
/// postings in the first `used` of `lines` (the rest are spare rows whose
/// memory the next transaction's reading fills).
#[derive(Debug, Clone, Default)]
pub struct ReadTxn {
    pub head: JournalTxn,
    lines: Vec<JournalPosting>,
    used: usize,
}

impl ReadTxn {
    /// The transaction's postings, in line order.
    pub fn postings(&self) -> &[JournalPosting] {
        &self.lines[..self.used]
    }
}

/// [`for_each_selected`], each transaction read into a [`ReadTxn`] that
/// `f` may keep by swapping another in its place: the next transaction is
/// read into whatever `f` left there, reusing its memory. So a stream
/// handed to another thread moves rows instead of copying them.
pub fn for_each_read(
    conn: &Connection,
    selection: Selection,
    mut f: impl FnMut(&mut ReadTxn) -> Result<()>,
) -> Result<u64> {
    const CONTEXT: &str = "reading the journal";
    const TXNS_BY_DATE: &str =
        "SELECT t.id, t.date, t.description, t.payee, t.reference, t.reverses, r.hash,
                t.prev_hash, t.hash
         FROM txns t LEFT JOIN txns r ON r.id = t.reverses
         WHERE (?1 IS NULL OR t.date >= ?1) AND (?2 IS NULL OR t.date <= ?2)
         ORDER BY t.id";
    const TXNS_BY_ID: &str =
        "SELECT t.id, t.date, t.description, t.payee, t.reference, t.reverses, r.hash,
                t.prev_hash, t.hash
         FROM txns t LEFT JOIN txns r ON r.id = t.reverses
         WHERE t.id BETWEEN ?1 AND ?2
         ORDER BY t.id";
    const POSTINGS: &str = "SELECT txn_id, line, account_id, commodity_id, amount, memo, pool_id
         FROM postings ORDER BY txn_id, line";
    const POSTINGS_BY_ID: &str =
        "SELECT txn_id, line, account_id, commodity_id, amount, memo, pool_id
         FROM postings WHERE txn_id BETWEEN ?1 AND ?2 ORDER BY txn_id, line";
    let whole = selection == Selection::Dates(None, None);
    let (txn_sql, posting_sql) = match selection {
        Selection::Dates(..) => (TXNS_BY_DATE, POSTINGS),
        Selection::Ids(..) => (TXNS_BY_ID, POSTINGS_BY_ID),
    };
    let mut txn_stmt = conn.prepare_cached(txn_sql).ctx(CONTEXT)?;
    let mut posting_stmt = conn.prepare_cached(posting_sql).ctx(CONTEXT)?;
    let (mut txns, mut postings) = match selection {
        Selection::Dates(from, to) => (
            txn_stmt.query(params![from, to]).ctx(CONTEXT)?,
            posting_stmt.query([]).ctx(CONTEXT)?,
        ),
        Selection::Ids(first, last) => (
            txn_stmt.query(params![first, last]).ctx(CONTEXT)?,
            posting_stmt.query(params![first, last]).ctx(CONTEXT)?,
        ),
    };
    // The postings cursor runs one row ahead: `next` holds its row, of
    // the transaction `pending`, until that transaction comes.
    let advance =
        |postings: &mut rusqlite::Rows<'_>, next: &mut JournalPosting| -> Result<Option<TxnId>> {
            let Some(r) = postings.next().ctx(CONTEXT)? else {
                return Ok(None);
            };
            posting_into(r, next).ctx(CONTEXT)?;
            Ok(Some(r.get(0).ctx(CONTEXT)?))
        };
    let mut next = JournalPosting::default();
    let mut pending = advance(&mut postings, &mut next)?;
    let mut orphans = 0;
    // One transaction's rows, read into the strings of the one before
    // (or of whatever `f` swapped in).
    let mut read = ReadTxn::default();
    while let Some(r) = txns.next().ctx(CONTEXT)? {
        let txn = &mut read.head;
        (|| {
            txn.id = r.get(0)?;
            text_into(r, 1, &mut txn.date)?;
            text_into(r, 2, &mut txn.description)?;
            optional_into(r, 3, &mut txn.payee)?;
            optional_into(r, 4, &mut txn.reference)?;
            txn.reverses = r.get(5)?;
            optional_into(r, 6, &mut txn.reverses_hash)?;
            text_into(r, 7, &mut txn.prev_hash)?;
            text_into(r, 8, &mut txn.hash)
        })()
        .ctx(CONTEXT)?;
        let mut used = 0;
        while let Some(txn_id) = pending {
            if txn_id > read.head.id {
                break;
            }
            if txn_id == read.head.id {
                if used == read.lines.len() {
                    read.lines.push(JournalPosting::default());
                }
                // The row's memory goes round: the line's old memo is the
                // next row's to fill.
                std::mem::swap(&mut read.lines[used], &mut next);
                used += 1;
            } else if whole {
                orphans += 1;
            }
            pending = advance(&mut postings, &mut next)?;
        }
        read.used = used;
        f(&mut read)?;
    }
    if whole {
        while pending.is_some() {
            orphans += 1;
            pending = advance(&mut postings, &mut next)?;
        }
    }
    Ok(orphans)
}

/// Column `i` of `r`, a text, into `into`, reusing its memory (anything
/// else fails as `Row::get` fails on it).
fn text_into(r: &rusqlite::Row<'_>, i: usize, into: &mut String) -> rusqlite::Result<()> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(bytes) if let Ok(text) = std::str::from_utf8(bytes) => {
            into.clear();
            into.push_str(text);
        }
        _ => *into = r.get(i)?,
    }
    Ok(())
}

/// Column `i` of `r`, a text or NULL, into `into`, reusing its memory
/// (anything else fails as `Row::get` fails on it).
fn optional_into(
    r: &rusqlite::Row<'_>,
    i: usize,
    into: &mut Option<String>,
) -> rusqlite::Result<()> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(_) => text_into(r, i, into.get_or_insert_default()),
        _ => {
            *into = r.get(i)?;
            Ok(())
        }
    }
}

/// A row of the postings cursor into `into`, reusing the memo's memory.
fn posting_into(r: &rusqlite::Row<'_>, into: &mut JournalPosting) -> rusqlite::Result<()> {
    into.line = r.get(1)?;
    into.account_id = r.get(2)?;
    into.commodity_id = r.get(3)?;
    into.amount = r.get(4)?;
    optional_into(r, 5, &mut into.memo)?;
    into.pool_id = r.get(6)?;
    Ok(())
}

/// The stretch of the chain that holds every transaction dated within
/// `from..=to`: the ids of the first and the last of them in chain order
/// (None when there is none). Transactions recorded in between but dated
/// outside the days are part of the stretch.
pub fn stretch(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<(TxnId, TxnId)>> {
    conn.query_row(
        "SELECT min(id), max(id) FROM txns WHERE date >= ?1 AND date <= ?2",
        params![from, to],
        |r| Ok((r.get::<_, Option<TxnId>>(0)?, r.get::<_, Option<TxnId>>(1)?)),
    )
    .map(|ids| ids.0.zip(ids.1))
    .ctx("reading the journal")
}

/// One posting in a register, in date order.
#[derive(Debug, Clone)]
pub struct RegisterRow {
    pub txn_id: TxnId,
    pub date: NaiveDate,
    pub description: String,
    pub account: String,
    pub commodity: Commodity,
    pub amount: i64,
}

/// Streams postings to the given accounts (all when `accounts` is None),
/// dated within `from..=to`, ordered by date, transaction and line. The
/// date bounds are written so that the `txns_by_date` index serves them and
/// gives the order (a missing bound is one outside every date).
pub fn for_each_register_row(
    conn: &Connection,
    accounts: Option<&[AccountId]>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    mut f: impl FnMut(RegisterRow) -> Result<()>,
) -> Result<()> {
    const SOME: &str = "SELECT t.id, t.date, t.description, a.name, c.code, c.decimals, p.amount
        FROM postings p JOIN txns t ON t.id = p.txn_id
        JOIN accounts a ON a.id = p.account_id JOIN commodities c ON c.id = p.commodity_id
        WHERE t.date >= coalesce(?1, '') AND t.date <= coalesce(?2, '9999-12-31')
          AND p.account_id IN rarray(?3)
        ORDER BY t.date, t.id, p.line";
    const ALL: &str = "SELECT t.id, t.date, t.description, a.name, c.code, c.decimals, p.amount
        FROM postings p JOIN txns t ON t.id = p.txn_id
        JOIN accounts a ON a.id = p.account_id JOIN commodities c ON c.id = p.commodity_id
        WHERE t.date >= coalesce(?1, '') AND t.date <= coalesce(?2, '9999-12-31')
        ORDER BY t.date, t.id, p.line";
    let (sql, ids) = match accounts {
        Some(ids) => (SOME, Some(id_array(ids))),
        None => (ALL, None),
    };
    let mut stmt = conn.prepare_cached(sql).ctx("reading the register")?;
    let mut rows = match ids {
        Some(ids) => stmt.query(params![from, to, ids]),
        None => stmt.query(params![from, to]),
    }
    .ctx("reading the register")?;
    while let Some(r) = rows.next().ctx("reading the register")? {
        let row = (|| {
            Ok(RegisterRow {
                txn_id: r.get(0)?,
                date: r.get(1)?,
                description: r.get(2)?,
                account: r.get(3)?,
                commodity: Commodity::stored(r.get(4)?, r.get(5)?),
                amount: r.get(6)?,
            })
        })()
        .ctx("reading the register")?;
        f(row)?;
    }
    Ok(())
}

/// One transaction's postings to an account, for reconciling it.
#[derive(Debug, Clone)]
pub struct AccountEntry {
    pub txn_id: TxnId,
    pub date: NaiveDate,
    pub description: String,
    pub commodity: Commodity,
    pub amount: i64,
    /// Whether an import (of any source) recorded or linked it.
    pub imported: bool,
    /// Whether it also posts to the `suspense` account.
    pub suspense: bool,
}

/// The transactions posting to `account` dated on or before `to`, one entry
/// per commodity, ordered by date and id.
pub fn account_entries(
    conn: &Connection,
    account: AccountId,
    suspense: Option<AccountId>,
    to: NaiveDate,
) -> Result<Vec<AccountEntry>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.id, t.date, t.description, c.code, c.decimals, sum(p.amount),
                    EXISTS (SELECT 1 FROM import_keys k WHERE k.txn_id = t.id),
                    EXISTS (SELECT 1 FROM postings s WHERE s.txn_id = t.id AND s.account_id = ?2)
             FROM postings p JOIN txns t ON t.id = p.txn_id
             JOIN commodities c ON c.id = p.commodity_id
             WHERE p.account_id = ?1 AND t.date <= ?3
             GROUP BY t.id, c.id
             ORDER BY t.date, t.id, c.code",
        )
        .ctx("reading an account's entries")?;
    let rows = stmt
        .query_map(params![account, suspense, to], |r| {
            Ok(AccountEntry {
                txn_id: r.get(0)?,
                date: r.get(1)?,
                description: r.get(2)?,
                commodity: Commodity::stored(r.get(3)?, r.get(4)?),
                amount: r.get(5)?,
                imported: r.get(6)?,
                suspense: r.get(7)?,
            })
        })
        .ctx("reading an account's entries")?;
    rows.collect::<rusqlite::Result<_>>()
        .ctx("reading an account's entries")
}

/// Voids whose postings do not mirror the transaction they reverse, or that
/// are dated before it: (void id, original id).
pub fn bad_reversals(conn: &Connection) -> Result<Vec<(TxnId, TxnId)>> {
    let mut stmt = conn
        .prepare(
            "SELECT v.id, v.reverses FROM txns v JOIN txns o ON o.id = v.reverses
             WHERE v.date < o.date
                OR (SELECT count(*) FROM postings WHERE txn_id = v.id)
                   != (SELECT count(*) FROM postings WHERE txn_id = o.id)
                OR EXISTS (
                   SELECT 1 FROM postings pv LEFT JOIN postings po
                     ON po.txn_id = o.id AND po.line = pv.line
                   WHERE pv.txn_id = v.id
                     AND (po.line IS NULL OR po.account_id != pv.account_id
                          OR po.commodity_id != pv.commodity_id OR po.amount != -pv.amount
                          OR po.pool_id IS NOT pv.pool_id))
             ORDER BY v.id",
        )
        .ctx("checking voids")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("checking voids")
}

/// The ids of the transactions dated within `from..=to` (inclusive; all
/// when None) with a posting to account `account`, in chain order (by the
/// account's index, not a scan of the journal).
pub fn ids_posting_to(
    conn: &Connection,
    account: AccountId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<TxnId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT p.txn_id FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.account_id = ?1
               AND (?2 IS NULL OR t.date >= ?2) AND (?3 IS NULL OR t.date <= ?3)
             ORDER BY p.txn_id",
        )
        .ctx("reading an account's transactions")?;
    stmt.query_map(params![account, from, to], |r| r.get(0))
        .and_then(Iterator::collect)
        .ctx("reading an account's transactions")
}

/// The voids dated within `from..=to` (inclusive; all when None), by the
/// transaction each reverses: (reversed id, void id).
pub fn voids(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<HashMap<TxnId, TxnId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT reverses, id FROM txns
             WHERE reverses IS NOT NULL
               AND (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)",
        )
        .ctx("reading the voids")?;
    stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .ctx("reading the voids")
}

/// The highest transaction id (0 for an empty journal).
pub fn max_id(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM txns", [], |r| r.get(0))
        .ctx("reading the journal")
}

/// The transaction with this hash, if any (a scan: hashes are not indexed).
pub fn id_by_hash(conn: &Connection, hash: &str) -> Result<Option<TxnId>> {
    conn.query_row("SELECT id FROM txns WHERE hash = ?1", [hash], |r| r.get(0))
        .optional()
        .ctx("looking for a transaction by hash")
}

/// The date of the latest transaction, if there is one.
pub fn last_date(conn: &Connection) -> Result<Option<NaiveDate>> {
    conn.query_row("SELECT max(date) FROM txns", [], |r| {
        r.get::<_, Option<String>>(0)
    })
    .ctx("reading the journal")?
    .map(|text| crate::domain::date::parse_date(&text))
    .transpose()
}

/// The date of the earliest transaction, if there is one.
pub fn first_date(conn: &Connection) -> Result<Option<NaiveDate>> {
    conn.query_row("SELECT min(date) FROM txns", [], |r| {
        r.get::<_, Option<String>>(0)
    })
    .ctx("reading the journal")?
    .map(|text| crate::domain::date::parse_date(&text))
    .transpose()
}

/// Every transaction's id, date (as stored) and hash, in id order.
pub fn dates_and_hashes(conn: &Connection) -> Result<Vec<(TxnId, String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, date, hash FROM txns ORDER BY id")
        .ctx("reading transactions")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(Iterator::collect)
        .ctx("reading transactions")
}

/// The hash of transaction `id`, if there is one.
pub fn hash_of(conn: &Connection, id: TxnId) -> Result<Option<String>> {
    conn.query_row("SELECT hash FROM txns WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .ctx("reading a transaction's hash")
}
