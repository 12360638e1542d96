//! The hub file: a SQLite file of its own that consolidates what member
//! funds publish (docs/design/federation.md). All the hub's SQL is below
//! this module.
//!
//! Rule: the hub only appends. Every table refuses UPDATE and DELETE by
//! trigger; a fund leaving, a new key, a new head are new rows. A hub file
//! is told from a fund's books by `PRAGMA application_id` both ways: [`Hub`]
//! refuses a fund's file and [`Db`](super::Db) refuses a hub's. The hub has
//! its own migrations (`schema.sql` beside this file, keyed by
//! `user_version`). Functions take a `&Connection` and never begin or
//! commit: `ops::hub` begins once per command ([`Hub::write`]) and commits
//! once. Empty text is `''`, never NULL.

pub mod export;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Statement, TransactionBehavior, params};

pub mod reports;

use super::{Access, Privacy, WriteTx};
use crate::domain::date::SharedClock;
use crate::domain::transfer::{RECEIVED_ACCOUNT, SENT_ACCOUNT};
use crate::error::{Error, Result, SqlContext};

/// `PRAGMA application_id` of hub files ("FNHB").
pub const APPLICATION_ID: i64 = 0x464e_4842;
const SCHEMA: &str = include_str!("schema.sql");
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The hub schema version this binary writes.
pub fn schema_version() -> i64 {
    i64::try_from(super::migrations::blocks_of(SCHEMA).len()).expect("a handful of migrations")
}

/// An open hub file.
pub struct Hub {
    conn: Connection,
    path: PathBuf,
    clock: SharedClock,
}

impl Hub {
    /// Creates a new, empty hub file at `path` (mode 0600) with the current
    /// schema. Refuses an existing file; on failure the half-made file is
    /// removed. The `hub` row is written by the caller's first write.
    pub fn create(path: &Path, clock: SharedClock) -> Result<Hub> {
        crate::store::create_new_file(path)?;
        let made = (|| -> Result<Hub> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .ctx("opening the new hub file")?;
            conn.pragma_update(None, "page_size", 16384)
                .ctx("setting the page size")?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .ctx("marking the file as a fondo hub")?;
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .ctx("switching to WAL")?;
            let mut hub = Hub {
                conn,
                path: path.to_owned(),
                clock,
            };
            hub.configure()?;
            hub.migrate()?;
            Ok(hub)
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(path);
        }
        made
    }

    /// Opens an existing hub file, migrating an older schema. A missing
    /// file is [`Error::NoHub`]; a fund's books or any other file is
    /// [`Error::NotHub`].
    pub fn open(path: &Path, access: Access, clock: SharedClock) -> Result<Hub> {
        let not_hub = |reason: &str| Error::NotHub {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NoHub {
                path: path.to_owned(),
            },
            _ => Error::Io {
                context: format!("opening {}", path.display()),
                source: e,
            },
        })?;
        if !meta.is_file() {
            return Err(not_hub("not a regular file"));
        }
        if meta.len() == 0 {
            return Err(not_hub("an empty file"));
        }
        if super::cipher::sealing(path)? != super::cipher::Sealing::Plain {
            return Err(not_hub("not a plain SQLite file"));
        }
        let read_only = meta.permissions().readonly();
        if read_only && access == Access::Write {
            return Err(Error::ReadOnly {
                path: path.to_owned(),
            });
        }
        // A reading command opens a writable file read-write too, as a
        // fund's books are opened: so it can migrate an older hub, and the
        // last connection to close removes the WAL files.
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .ctx("opening the hub file")?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .ctx("setting the busy timeout")?;
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|_| not_hub("not an SQLite file"))?;
        match app_id {
            APPLICATION_ID => {}
            super::APPLICATION_ID => return Err(not_hub("a fund's books, not a hub")),
            _ => return Err(not_hub("an SQLite file made by another program")),
        }
        let mut hub = Hub {
            conn,
            path: path.to_owned(),
            clock,
        };
        hub.configure()?;
        let found = hub.user_version()?;
        if found > schema_version() {
            return Err(Error::TooNew {
                path: hub.path.clone(),
                found,
                known: schema_version(),
            });
        }
        if found < schema_version() {
            if read_only {
                return Err(Error::ReadOnly {
                    path: path.to_owned(),
                });
            }
            hub.migrate()?;
        }
        Ok(hub)
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .ctx("setting the busy timeout")?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .ctx("enabling foreign keys")?;
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .ctx("setting synchronous mode")?;
        crate::store::stable_plans(&self.conn)
    }

    fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .ctx("reading the hub schema version")
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)
            .ctx("starting the hub schema upgrade")?;
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .ctx("reading the hub schema version")?;
        let done = usize::try_from(found).unwrap_or(0);
        for (i, sql) in super::migrations::blocks_of(SCHEMA)
            .into_iter()
            .enumerate()
            .skip(done)
        {
            tx.execute_batch(sql)
                .ctx(&format!("applying hub schema migration {}", i + 1))?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .ctx("recording the hub schema version")?;
        }
        tx.commit().ctx("committing the hub schema upgrade")
    }

    /// Begins the one write transaction of a hub command (`IMMEDIATE`: the
    /// write lock is taken up front), stamped with the clock's moment.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| super::write_error(&self.path, e, "starting a write transaction"))?;
        Ok(WriteTx {
            tx,
            now: self.clock.now(),
            privacy: Privacy::default(),
            notes: std::cell::RefCell::default(),
        })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The hub file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Writes the hub's one `hub` row.
pub fn insert_hub(conn: &Connection, name: &str, created_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO hub (id, name, created_at) VALUES (1, ?1, ?2)",
        params![name, created_at],
    )
    .ctx("recording the hub")?;
    Ok(())
}

/// The hub's name, if its row is written.
pub fn name(conn: &Connection) -> Result<Option<String>> {
    conn.query_row("SELECT name FROM hub WHERE id = 1", [], |r| r.get(0))
        .optional()
        .ctx("reading the hub")
}

/// A member fund as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub fund_id: String,
    pub name: String,
    pub added_at: String,
    /// When it left the hub, if it did.
    pub left_at: Option<String>,
}

/// Registers a member fund.
pub fn insert_fund(conn: &Connection, fund_id: &str, name: &str, added_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_funds (fund_id, name, added_at) VALUES (?1, ?2, ?3)",
        params![fund_id, name, added_at],
    )
    .ctx("registering the fund")?;
    Ok(())
}

/// The member fund `fund_id`, if registered.
pub fn fund(conn: &Connection, fund_id: &str) -> Result<Option<Fund>> {
    conn.query_row(
        "SELECT f.fund_id, f.name, f.added_at, l.left_at
         FROM hub_funds f LEFT JOIN hub_fund_leaves l USING (fund_id)
         WHERE f.fund_id = ?1",
        [fund_id],
        fund_row,
    )
    .optional()
    .ctx("reading a member fund")
}

/// Every member fund, by id.
pub fn funds(conn: &Connection) -> Result<Vec<Fund>> {
    let mut stmt = conn
        .prepare(
            "SELECT f.fund_id, f.name, f.added_at, l.left_at
             FROM hub_funds f LEFT JOIN hub_fund_leaves l USING (fund_id)
             ORDER BY f.fund_id",
        )
        .ctx("reading the member funds")?;
    stmt.query_map([], fund_row)
        .and_then(|rows| rows.collect())
        .ctx("reading the member funds")
}

fn fund_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Fund> {
    Ok(Fund {
        fund_id: r.get(0)?,
        name: r.get(1)?,
        added_at: r.get(2)?,
        left_at: r.get(3)?,
    })
}

/// Records that a member fund left the hub (what it published stays).
pub fn insert_leave(conn: &Connection, fund_id: &str, left_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_fund_leaves (fund_id, left_at) VALUES (?1, ?2)",
        params![fund_id, left_at],
    )
    .ctx("recording that the fund left")?;
    Ok(())
}

/// Adds a signing key (an OpenSSH public key line) of a member fund.
pub fn insert_fund_key(conn: &Connection, fund_id: &str, key: &str, added_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_fund_keys (fund_id, key, added_at) VALUES (?1, ?2, ?3)",
        params![fund_id, key, added_at],
    )
    .ctx("recording the fund's key")?;
    Ok(())
}

/// The signing keys of a member fund, oldest first.
pub fn fund_keys(conn: &Connection, fund_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT key FROM hub_fund_keys WHERE fund_id = ?1 ORDER BY id")
        .ctx("reading the fund's keys")?;
    stmt.query_map([fund_id], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .ctx("reading the fund's keys")
}

/// Every member fund's keys: fund id, key and when it was added, by fund
/// and then in the order added.
pub fn all_fund_keys(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn
        .prepare("SELECT fund_id, key, added_at FROM hub_fund_keys ORDER BY fund_id, id")
        .ctx("reading the funds' keys")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect())
        .ctx("reading the funds' keys")
}

/// A bundle as the hub records it (`hub_bundles`, without its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBundle {
    pub fund_id: String,
    /// SHA-256 of MANIFEST.csv, hex: the bundle's identity.
    pub manifest: String,
    pub format: String,
    pub audience: String,
    pub period: String,
    pub from_day: String,
    pub to_day: String,
    pub journal_prev_hash: String,
    pub journal_last_hash: String,
    pub ledger_transactions: i64,
    pub records_head: String,
    pub records_count: i64,
    pub fingerprint: String,
    /// The directory it was added from, as given.
    pub source: String,
    pub added_at: String,
}

/// Records a bundle; returns its id.
pub fn insert_bundle(conn: &Connection, b: &NewBundle) -> Result<i64> {
    conn.execute(
        "INSERT INTO hub_bundles (fund_id, manifest, format, audience, period, from_day, to_day,
             journal_prev_hash, journal_last_hash, ledger_transactions, records_head,
             records_count, fingerprint, source, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            b.fund_id,
            b.manifest,
            b.format,
            b.audience,
            b.period,
            b.from_day,
            b.to_day,
            b.journal_prev_hash,
            b.journal_last_hash,
            b.ledger_transactions,
            b.records_head,
            b.records_count,
            b.fingerprint,
            b.source,
            b.added_at
        ],
    )
    .ctx("recording the bundle")?;
    Ok(conn.last_insert_rowid())
}

/// A bundle already added with manifest digest `manifest`: its fund and
/// when it was added.
pub fn bundle_by_manifest(conn: &Connection, manifest: &str) -> Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT fund_id, added_at FROM hub_bundles WHERE manifest = ?1",
        [manifest],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .ctx("reading the hub's bundles")
}

/// Which of a fund's hash chains a head belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    Journal,
    Records,
}

impl Chain {
    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Journal => "journal",
            Chain::Records => "records",
        }
    }
}

/// A head the hub witnessed (`hub_heads`, with its bundle's manifest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub fund_id: String,
    pub chain: Chain,
    pub hash: String,
    /// The transaction number (journal) or record count (records) at it.
    pub position: i64,
    pub seen_at: String,
    pub bundle_id: i64,
    /// The manifest digest of the bundle it came from.
    pub bundle: String,
}

/// Records a witnessed head (`h.bundle` is not stored: `bundle_id` is).
pub fn insert_head(conn: &Connection, h: &Head) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_heads (fund_id, bundle_id, chain, hash, position, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            h.fund_id,
            h.bundle_id,
            h.chain.as_str(),
            h.hash,
            h.position,
            h.seen_at
        ],
    )
    .ctx("recording the witnessed head")?;
    Ok(())
}

/// Every head witnessed for `fund_id`, in the order seen.
pub fn heads(conn: &Connection, fund_id: &str) -> Result<Vec<Head>> {
    let mut stmt = conn
        .prepare(
            "SELECT h.fund_id, h.chain, h.hash, h.position, h.seen_at, h.bundle_id, b.manifest
             FROM hub_heads h JOIN hub_bundles b ON b.id = h.bundle_id
             WHERE h.fund_id = ?1 ORDER BY h.id",
        )
        .ctx("reading the witnessed heads")?;
    stmt.query_map([fund_id], |r| {
        let chain: String = r.get(1)?;
        Ok(Head {
            fund_id: r.get(0)?,
            chain: if chain == "journal" {
                Chain::Journal
            } else {
                Chain::Records
            },
            hash: r.get(2)?,
            position: r.get(3)?,
            seen_at: r.get(4)?,
            bundle_id: r.get(5)?,
            bundle: r.get(6)?,
        })
    })
    .and_then(|rows| rows.collect())
    .ctx("reading the witnessed heads")
}

/// The number of the transaction of `fund_id` with hash `hash`, if the hub
/// holds it.
pub fn txn_by_hash(conn: &Connection, fund_id: &str, hash: &str) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT txn FROM hub_txns WHERE fund_id = ?1 AND hash = ?2",
        [fund_id, hash],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading the hub's transactions")
}

/// The decimals the hub holds for a fund's commodity, if any.
pub fn commodity_decimals(conn: &Connection, fund_id: &str, code: &str) -> Result<Option<u32>> {
    conn.query_row(
        "SELECT decimals FROM hub_commodities WHERE fund_id = ?1 AND commodity = ?2",
        [fund_id, code],
        |r| r.get(0),
    )
    .optional()
    .ctx("reading the hub's commodities")
}

/// Records a fund's commodity and its decimals.
pub fn insert_commodity(conn: &Connection, fund_id: &str, code: &str, decimals: u32) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_commodities (fund_id, commodity, decimals) VALUES (?1, ?2, ?3)",
        params![fund_id, code, decimals],
    )
    .ctx("recording the fund's commodity")?;
    Ok(())
}

/// A journal transaction of a bundle (`hub_txns`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnRow {
    pub fund_id: String,
    pub txn: i64,
    pub date: String,
    pub description: String,
    pub payee: String,
    pub reference: String,
    pub reverses: Option<i64>,
    pub hash: String,
    pub bundle_id: i64,
}

/// A posting of a journal transaction (`hub_postings`); `amount` in minor
/// units of `commodity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingRow {
    pub fund_id: String,
    pub txn: i64,
    pub seq: i64,
    pub account: String,
    pub commodity: String,
    pub amount: i64,
    pub pool: String,
    pub memo: String,
}

/// A row of contributors.csv (`hub_contributions`); `amount` in minor
/// units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionRow {
    pub fund_id: String,
    pub txn: i64,
    pub seq: i64,
    pub date: String,
    pub contributor: String,
    pub kind: String,
    pub pool: String,
    pub commodity: String,
    pub amount: i64,
    pub voided_by: Option<i64>,
    pub bundle_id: i64,
}

/// A row of grants.csv as of its bundle's last day (`hub_grants`); amounts
/// in minor units of `commodity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    pub bundle_id: i64,
    pub fund_id: String,
    pub grant_id: String,
    pub pool: String,
    pub commodity: String,
    pub amount: i64,
    pub status: String,
    pub decision: String,
    pub applied_at: String,
    pub decided_at: String,
    pub paid: i64,
    pub returned: i64,
}

/// A row of transfers.csv (`hub_transfers`); amounts in minor units of
/// their commodities, `rate` the exact decimal text of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRow {
    pub fund_id: String,
    pub txn: i64,
    pub date: String,
    pub direction: String,
    pub transfer_id: String,
    pub counterpart_fund: String,
    pub amount: i64,
    pub commodity: String,
    pub sent_amount: Option<i64>,
    pub sent_commodity: Option<String>,
    pub rate: Option<String>,
    pub pool: String,
    pub grant_id: String,
    pub voided_by: Option<i64>,
}

/// What adding a row keyed by transaction found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new row, written.
    New,
    /// The same row was already held: nothing written.
    Held,
    /// A different row is held under the same key: the hub's version of
    /// what differs (the hash for a transaction, the row's text for the
    /// others) and the manifest digest of the bundle it came from, when
    /// known.
    Differs {
        held: String,
        bundle: Option<String>,
    },
}

/// A contribution row in words, for a refusal naming two versions of it.
pub fn contribution_text(
    date: &str,
    contributor: &str,
    kind: &str,
    pool: &str,
    amount: i64,
    commodity: &str,
) -> String {
    format!(
        "{kind} on {date} by {contributor:?} of {amount} minor units of {commodity} (pool {pool:?})"
    )
}

/// A transfer row in words, for a refusal naming two versions of it.
pub fn transfer_text(
    direction: &str,
    transfer_id: &str,
    amount: i64,
    commodity: &str,
    counterpart: &str,
    date: &str,
) -> String {
    format!(
        "{transfer_id} {direction} on {date}, {amount} minor units of {commodity}, counterpart fund {counterpart}"
    )
}

/// The prepared statements that stream a bundle's rows into the hub,
/// held for the whole of one `hub add` (one per table, prepared once).
pub struct Rows<'c> {
    txn_hash: Statement<'c>,
    txn: Statement<'c>,
    posting: Statement<'c>,
    contribution_held: Statement<'c>,
    contribution: Statement<'c>,
    transfer_held: Statement<'c>,
    transfer: Statement<'c>,
    grant: Statement<'c>,
}

impl<'c> Rows<'c> {
    pub fn prepare(conn: &'c Connection) -> Result<Rows<'c>> {
        let p = |sql: &str| conn.prepare(sql).ctx("preparing the hub's row writes");
        Ok(Rows {
            txn_hash: p("SELECT t.hash, b.manifest FROM hub_txns t
                         LEFT JOIN hub_bundles b ON b.id = t.bundle_id
                         WHERE t.fund_id = ?1 AND t.txn = ?2")?,
            txn: p(
                "INSERT INTO hub_txns (fund_id, txn, date, description, payee, reference,
                        reverses, hash, bundle_id)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            posting: p(
                "INSERT INTO hub_postings (fund_id, txn, seq, account, commodity, amount,
                            pool, memo)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            contribution_held: p("SELECT c.date, c.contributor, c.kind, c.pool, c.commodity,
                                      c.amount, b.manifest
                                  FROM hub_contributions c
                                  LEFT JOIN hub_bundles b ON b.id = c.bundle_id
                                  WHERE c.fund_id = ?1 AND c.txn = ?2 AND c.seq = ?3")?,
            contribution: p(
                "INSERT INTO hub_contributions (fund_id, txn, seq, date, contributor,
                                 kind, pool, commodity, amount, voided_by, bundle_id)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            transfer_held: p(
                "SELECT date, direction, transfer_id, counterpart_fund, amount,
                                  commodity, sent_amount, sent_commodity, rate, pool, grant_id
                              FROM hub_transfers WHERE fund_id = ?1 AND txn = ?2",
            )?,
            transfer: p(
                "INSERT INTO hub_transfers (fund_id, txn, date, direction, transfer_id,
                             counterpart_fund, amount, commodity, sent_amount, sent_commodity,
                             rate, pool, grant_id, voided_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?,
            grant: p(
                "INSERT INTO hub_grants (bundle_id, fund_id, grant_id, pool, commodity,
                          amount, status, decision, applied_at, decided_at, paid, returned)
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
        })
    }

    /// Adds a transaction unless the hub holds it; a held one with another
    /// hash is [`Added::Differs`] (its postings are then not to be added).
    pub fn txn(&mut self, t: &TxnRow) -> Result<Added> {
        let held: Option<(String, Option<String>)> = self
            .txn_hash
            .query_row(params![t.fund_id, t.txn], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .ctx("reading the hub's transactions")?;
        match held {
            Some((hash, _)) if hash == t.hash => Ok(Added::Held),
            Some((held, bundle)) => Ok(Added::Differs { held, bundle }),
            None => {
                self.txn
                    .execute(params![
                        t.fund_id,
                        t.txn,
                        t.date,
                        t.description,
                        t.payee,
                        t.reference,
                        t.reverses,
                        t.hash,
                        t.bundle_id
                    ])
                    .ctx("recording a transaction")?;
                Ok(Added::New)
            }
        }
    }

    /// Adds a posting of a transaction [`Rows::txn`] just added as new.
    pub fn posting(&mut self, p: &PostingRow) -> Result<()> {
        self.posting
            .execute(params![
                p.fund_id,
                p.txn,
                p.seq,
                p.account,
                p.commodity,
                p.amount,
                p.pool,
                p.memo
            ])
            .ctx("recording a posting")?;
        Ok(())
    }

    /// Adds a contribution row unless held; a held one must agree in all but
    /// `voided_by` (which names a void only when the void is in the same
    /// bundle, so a later bundle may know of it when an earlier did not:
    /// voids are read from `hub_txns.reverses`).
    pub fn contribution(&mut self, c: &ContributionRow) -> Result<Added> {
        let held = self
            .contribution_held
            .query_row(params![c.fund_id, c.txn, c.seq], |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                    ),
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .optional()
            .ctx("reading the hub's contributions")?;
        let ours = (
            c.date.clone(),
            c.contributor.clone(),
            c.kind.clone(),
            c.pool.clone(),
            c.commodity.clone(),
            c.amount,
        );
        match held {
            Some((row, _)) if row == ours => Ok(Added::Held),
            Some((row, bundle)) => Ok(Added::Differs {
                held: contribution_text(&row.0, &row.1, &row.2, &row.3, row.5, &row.4),
                bundle,
            }),
            None => {
                self.contribution
                    .execute(params![
                        c.fund_id,
                        c.txn,
                        c.seq,
                        c.date,
                        c.contributor,
                        c.kind,
                        c.pool,
                        c.commodity,
                        c.amount,
                        c.voided_by,
                        c.bundle_id
                    ])
                    .ctx("recording a contribution")?;
                Ok(Added::New)
            }
        }
    }

    /// Adds a transfer row unless held; a held one must agree in all but
    /// `voided_by` (as for [`Rows::contribution`]).
    pub fn transfer(&mut self, t: &TransferRow) -> Result<Added> {
        type Held = (
            String,
            String,
            String,
            String,
            i64,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            String,
        );
        let held: Option<Held> = self
            .transfer_held
            .query_row(params![t.fund_id, t.txn], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .optional()
            .ctx("reading the hub's transfers")?;
        let ours: Held = (
            t.date.clone(),
            t.direction.clone(),
            t.transfer_id.clone(),
            t.counterpart_fund.clone(),
            t.amount,
            t.commodity.clone(),
            t.sent_amount,
            t.sent_commodity.clone(),
            t.rate.clone(),
            t.pool.clone(),
            t.grant_id.clone(),
        );
        match held {
            Some(row) if row == ours => Ok(Added::Held),
            Some(row) => Ok(Added::Differs {
                held: transfer_text(&row.1, &row.2, row.4, &row.5, &row.3, &row.0),
                bundle: None,
            }),
            None => {
                self.transfer
                    .execute(params![
                        t.fund_id,
                        t.txn,
                        t.date,
                        t.direction,
                        t.transfer_id,
                        t.counterpart_fund,
                        t.amount,
                        t.commodity,
                        t.sent_amount,
                        t.sent_commodity,
                        t.rate,
                        t.pool,
                        t.grant_id,
                        t.voided_by
                    ])
                    .ctx("recording a transfer")?;
                Ok(Added::New)
            }
        }
    }

    /// Adds a grant row of the bundle being added.
    pub fn grant(&mut self, g: &GrantRow) -> Result<()> {
        self.grant
            .execute(params![
                g.bundle_id,
                g.fund_id,
                g.grant_id,
                g.pool,
                g.commodity,
                g.amount,
                g.status,
                g.decision,
                g.applied_at,
                g.decided_at,
                g.paid,
                g.returned
            ])
            .ctx("recording a grant")?;
        Ok(())
    }
}

/// Sums the postings of the transactions bundle `bundle_id` newly added
/// for `fund_id` into `hub_month_sums` (by month, account, counterpart,
/// pool and commodity) and `hub_month_pools` (schema.sql, migration 2).
/// Held transactions are left out: the bundle that added them summed them.
pub fn insert_month_sums(conn: &Connection, fund_id: &str, bundle_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_month_sums (bundle_id, fund_id, month, account, counterpart, pool,
                                     commodity, debits, credits)
         SELECT t.bundle_id, p.fund_id, substr(t.date, 1, 7), p.account,
                CASE WHEN lower(p.account) IN (?3, ?4)
                     THEN COALESCE(o.payee, t.payee) ELSE '' END,
                p.pool, p.commodity,
                SUM(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END),
                SUM(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END)
         FROM hub_txns t
         JOIN hub_postings p ON p.fund_id = t.fund_id AND p.txn = t.txn
         LEFT JOIN hub_txns o ON o.fund_id = t.fund_id AND o.txn = t.reverses
         WHERE t.fund_id = ?1 AND t.bundle_id = ?2
         GROUP BY 1, 2, 3, 4, 5, 6, 7",
        params![fund_id, bundle_id, SENT_ACCOUNT, RECEIVED_ACCOUNT],
    )
    .ctx("summing the bundle's postings by month")?;
    conn.execute(
        "INSERT INTO hub_month_pools (bundle_id, fund_id, month, pool, commodity, amount)
         SELECT t.bundle_id, p.fund_id, substr(t.date, 1, 7), p.pool, p.commodity,
                SUM(p.amount)
         FROM hub_txns t
         JOIN hub_postings p ON p.fund_id = t.fund_id AND p.txn = t.txn
         WHERE t.fund_id = ?1 AND t.bundle_id = ?2
           AND lower(substr(p.account, 1, instr(p.account || ':', ':') - 1))
               IN ('income', 'expenses', 'equity')
         GROUP BY 1, 2, 3, 4, 5",
        params![fund_id, bundle_id],
    )
    .ctx("summing the bundle's pool postings by month")?;
    Ok(())
}

/// What `hub status` shows of one member fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundStatus {
    pub fund: Fund,
    pub bundles: i64,
    /// The period of the latest-added bundle.
    pub last_period: Option<String>,
    /// The latest journal head witnessed, and when.
    pub journal_head: Option<(String, String)>,
    /// Transfers it received whose send no bundle of any fund shows.
    pub one_sided: i64,
}

/// Every member fund's status, by fund id.
pub fn statuses(conn: &Connection) -> Result<Vec<FundStatus>> {
    let mut stmt = conn
        .prepare(
            "SELECT f.fund_id,
                (SELECT count(*) FROM hub_bundles b WHERE b.fund_id = f.fund_id),
                (SELECT b.period FROM hub_bundles b WHERE b.fund_id = f.fund_id
                 ORDER BY b.id DESC LIMIT 1),
                (SELECT h.hash FROM hub_heads h WHERE h.fund_id = f.fund_id
                     AND h.chain = 'journal' ORDER BY h.id DESC LIMIT 1),
                (SELECT h.seen_at FROM hub_heads h WHERE h.fund_id = f.fund_id
                     AND h.chain = 'journal' ORDER BY h.id DESC LIMIT 1),
                (SELECT count(*) FROM hub_transfers r WHERE r.fund_id = f.fund_id
                     AND r.direction = 'received'
                     AND NOT EXISTS (SELECT 1 FROM hub_transfers s
                         WHERE s.direction = 'sent' AND s.transfer_id = r.transfer_id)),
                f.name, f.added_at, l.left_at
             FROM hub_funds f LEFT JOIN hub_fund_leaves l USING (fund_id)
             ORDER BY f.fund_id",
        )
        .ctx("reading the hub's status")?;
    stmt.query_map([], |r| {
        Ok(FundStatus {
            fund: Fund {
                fund_id: r.get(0)?,
                name: r.get(6)?,
                added_at: r.get(7)?,
                left_at: r.get(8)?,
            },
            bundles: r.get(1)?,
            last_period: r.get(2)?,
            journal_head: r.get::<_, Option<String>>(3)?.zip(r.get(4)?),
            one_sided: r.get(5)?,
        })
    })
    .and_then(|rows| rows.collect())
    .ctx("reading the hub's status")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> SharedClock {
        crate::domain::date::fixed_clock(chrono::NaiveDateTime::default())
    }

    #[test]
    fn hub_tables_are_append_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut hub = Hub::create(&dir.path().join("hub.db"), clock()).unwrap();
        let tx = hub.write().unwrap();
        insert_hub(&tx, "North", "2026-01-01T00:00:00Z").unwrap();
        insert_fund(&tx, "ab", "A", "2026-01-01T00:00:00Z").unwrap();
        let err = tx
            .execute("UPDATE hub_funds SET name = 'B'", [])
            .unwrap_err()
            .to_string();
        assert!(err.contains("append-only"), "{err}");
        let err = tx.execute("DELETE FROM hub", []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
    }

    #[test]
    fn a_hub_is_not_a_fund_and_a_fund_is_not_a_hub() {
        let dir = tempfile::tempdir().unwrap();
        let hub_path = dir.path().join("hub.db");
        drop(Hub::create(&hub_path, clock()).unwrap());
        let fund_path = dir.path().join("fund.db");
        drop(super::super::Db::create(&fund_path, clock()).unwrap());
        let err = Hub::open(&fund_path, Access::Read, clock()).err().unwrap();
        assert!(matches!(err, Error::NotHub { .. }), "{err}");
        let err = super::super::Db::open(&hub_path, Access::Read, clock())
            .err()
            .unwrap();
        assert!(err.to_string().contains("a fondo hub file"), "{err}");
        let err = Hub::open(&dir.path().join("none.db"), Access::Read, clock())
            .err()
            .unwrap();
        assert!(matches!(err, Error::NoHub { .. }), "{err}");
        assert_eq!(
            Hub::open(&hub_path, Access::Write, clock())
                .unwrap()
                .user_version()
                .unwrap(),
            schema_version()
        );
    }
}
