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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::FastMap;
use crate::domain::cell;
use crate::domain::hash::{Content, Form, Sealer, TxnSalts, commit, hash_v2};
use crate::domain::member::HiddenNames;

/// What a redacted text cell says (its salt column holds its commitment).
pub const REDACTED: &str = "redacted";
use crate::domain::ids::{AccountId, CommodityId, PoolId, TxnId};
use crate::domain::journal::COLUMNS;
use crate::domain::money::{Commodity, format_minor};
use crate::error::{Error, Result, SqlContext};
use crate::progress::Progress;
use crate::render::csv_line::Line;
use crate::store::txns::{JournalPosting, JournalTxn, Selection};
use crate::store::{self, Db, beside, fund, txns};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportSummary {
    pub transactions: u64,
    pub postings: u64,
}

fn damaged(id: TxnId, what: &str) -> Error {
    Error::DamagedTransaction {
        id,
        what: what.to_owned(),
    }
}

/// Which text of a journal row an audience bundle may redact.
#[derive(Clone, Copy)]
enum Redact {
    /// Account and pool names not given a label: never (they are scanned
    /// and warned about).
    Never,
    /// Text naming someone hidden.
    Names,
    /// Text naming someone hidden, and all of it in a withheld transaction.
    Payer,
}

/// Writes journal CSV rows: the header once, then the transactions of any
/// number of selections. Account, commodity and pool names come from small
/// in-memory lists read once. The journal is read on the calling thread,
/// which also tells each transaction's form; its rows are formatted on a
/// second ([`crate::store::beside`]).
pub struct JournalWriter<W: Write> {
    names: Names,
    forms: Forms,
    rows: Rows<W>,
}

/// The formatting half of a [`JournalWriter`]: everything the rows are
/// made of besides the journal's own.
struct Rows<W: Write> {
    out: W,
    /// A transaction's rows, written to `out` at once.
    line: Line,
    /// The cells of a transaction that each of its rows repeats.
    runs: [Line; 3],
    names: Names,
    /// The salt key, with the seals of the names it met.
    sealer: Sealer,
    /// The salts of the transaction being written, in strings kept from
    /// one transaction to the next.
    salts: TxnSalts,
    /// For an audience bundle: the names its text may not show.
    hidden: Option<HiddenNames>,
    /// For an audience bundle: transactions whose payee and reference
    /// identify someone the audience may not see, whatever they say.
    withheld: HashSet<TxnId>,
    /// For an audience bundle: accounts shown by a label, by id.
    labels: FastMap<AccountId, String>,
    /// For an audience bundle: pools shown by a label, by id.
    pool_labels: FastMap<PoolId, String>,
    pub summary: ExportSummary,
}

/// What a transaction's rows and hash are built from besides its own
/// rows: the names of accounts, commodities and pools.
#[derive(Clone)]
struct Names {
    accounts: FastMap<AccountId, String>,
    commodities: FastMap<CommodityId, Commodity>,
    pools: FastMap<PoolId, String>,
}

/// What tells a transaction's form: the salt key (with the seals of the
/// names it met) and whether the v2 form was met.
struct Forms {
    sealer: Sealer,
    /// Whether a transaction in the v2 form was met: every later one is in
    /// that form too ([`Forms::form`]).
    v2_seen: bool,
}

impl Names {
    fn load(conn: &Connection) -> Result<Names> {
        Ok(Names {
            accounts: store::accounts::names_by_id(conn)?.into_iter().collect(),
            commodities: store::commodities::by_id(conn)?.into_iter().collect(),
            pools: store::pools::names_by_id(conn)?.into_iter().collect(),
        })
    }

    /// The content a transaction's hash covers.
    fn content<'a>(
        &'a self,
        txn: &'a JournalTxn,
        postings: &'a [JournalPosting],
    ) -> Result<Content<'a>> {
        if postings.is_empty() {
            return Err(damaged(txn.id, "has no postings"));
        }
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
            let amount = format_minor(p.amount.into(), commodity.decimals());
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
                commodity.code(),
                amount,
                p.memo.as_deref().unwrap_or(""),
                pool,
            ));
        }
        Ok(Content {
            date: &txn.date,
            description: &txn.description,
            payee: txn.payee.as_deref().unwrap_or(""),
            reference: txn.reference.as_deref().unwrap_or(""),
            reverses: txn.reverses_hash.as_deref().unwrap_or(""),
            postings: lines,
        })
    }
}

impl Forms {
    fn load(conn: &Connection) -> Result<Forms> {
        Ok(Forms {
            sealer: Sealer::new(fund::salt_key(conn)?),
            v2_seen: false,
        })
    }

    /// Whether the transaction is in the v2 form (its stored hash is the
    /// v2 hash of its content, `content` reads it).
    ///
    /// A chain switches to the v2 form once and never back (`verify` says
    /// so of a chain that does, V140), so from the first transaction whose
    /// stored hash is its v2 hash on, every one is taken to be in that form
    /// without hashing it again. An export is not a check: a row changed
    /// after the switch is written in the form it must have, and the
    /// checker's recomputed hash tells that it was changed.
    fn is_v2<'a>(
        &mut self,
        txn: &JournalTxn,
        content: impl FnOnce() -> Result<Content<'a>>,
    ) -> Result<bool> {
        if !self.v2_seen {
            let content = content()?;
            let sealed = self.sealer.sealed(&txn.prev_hash, &content);
            self.v2_seen = hash_v2(&txn.prev_hash, &content, &sealed) == txn.hash;
        }
        Ok(self.v2_seen)
    }
}

/// The accounts of `candidates` that a transaction in the v1 form posts
/// to. The v1 hash covers the account's name itself, so no bundle can show
/// such an account by a label and still verify.
///
/// # Errors
/// When the journal cannot be read or is damaged.
pub fn v1_accounts(
    conn: &Connection,
    candidates: &HashSet<AccountId>,
) -> Result<HashSet<AccountId>> {
    v1_named(conn, candidates, |p| Some(p.account_id))
}

/// The pools of `candidates` that a posting of a transaction in the v1
/// form names, for the same reason as [`v1_accounts`].
///
/// # Errors
/// When the journal cannot be read or is damaged.
pub fn v1_pools(conn: &Connection, candidates: &HashSet<PoolId>) -> Result<HashSet<PoolId>> {
    v1_named(conn, candidates, |p| p.pool_id)
}

/// The things of `candidates` (an account or a pool of a posting, as
/// `thing` reads it) that a transaction in the v1 form names.
fn v1_named<T: Copy + Eq + std::hash::Hash>(
    conn: &Connection,
    candidates: &HashSet<T>,
    thing: impl Fn(&JournalPosting) -> Option<T>,
) -> Result<HashSet<T>> {
    let mut found = HashSet::new();
    if candidates.is_empty() {
        return Ok(found);
    }
    let names = Names::load(conn)?;
    let mut forms = Forms::load(conn)?;
    txns::for_each_selected(conn, Selection::Dates(None, None), |txn, postings| {
        let names_one = |p: &JournalPosting| {
            thing(p).is_some_and(|id| candidates.contains(&id) && !found.contains(&id))
        };
        if postings.iter().any(names_one) && !forms.is_v2(txn, || names.content(txn, postings))? {
            found.extend(postings.iter().filter_map(&thing));
        }
        Ok(())
    })?;
    found.retain(|id| candidates.contains(id));
    Ok(found)
}

impl<W: Write> JournalWriter<W> {
    /// Reads the names and writes the header.
    pub fn new(conn: &Connection, mut out: W) -> Result<Self> {
        let mut header = Line::new();
        header.record(&COLUMNS);
        out.write_all(header.as_bytes())?;
        let (names, forms) = (Names::load(conn)?, Forms::load(conn)?);
        Ok(JournalWriter {
            rows: Rows {
                out,
                line: Line::new(),
                runs: Default::default(),
                names: names.clone(),
                sealer: forms.sealer.clone(),
                salts: TxnSalts::default(),
                hidden: None,
                withheld: HashSet::new(),
                labels: FastMap::default(),
                pool_labels: FastMap::default(),
                summary: ExportSummary::default(),
            },
            names,
            forms,
        })
    }

    /// Redacts, in rows of the v2 form, every description, payee,
    /// reference and memo in which [`HiddenNames::find`] finds a name of
    /// `hidden`: the cell says [`REDACTED`] and its salt column holds the
    /// text's commitment, so the hash still recomputes. Rows in the v1
    /// form (which hash the text itself) are written as they are.
    ///
    /// In the transactions of `withheld` (a contribution by someone the
    /// audience may not see), the payee and the reference are redacted
    /// whatever they say: an outside reference such as a payment handle
    /// identifies its payer without naming them.
    ///
    /// The accounts of `labels` are shown by their label
    /// ([`crate::domain::hash::account_label`]) with the name's commitment
    /// in the account's salt column, the same on every row, so balances by
    /// account still re-derive. Only accounts no v1 row posts to may be
    /// given ([`v1_accounts`]). The pools of `pool_labels` likewise, by
    /// their label ([`crate::domain::hash::pool_label`]) with the name's
    /// commitment in the pool's salt column ([`v1_pools`]).
    pub fn redacting(
        mut self,
        hidden: HiddenNames,
        withheld: HashSet<TxnId>,
        labels: HashMap<AccountId, String>,
        pool_labels: HashMap<PoolId, String>,
    ) -> Self {
        self.rows.hidden = Some(hidden);
        self.rows.withheld = withheld;
        self.rows.labels = labels.into_iter().collect();
        self.rows.pool_labels = pool_labels.into_iter().collect();
        self
    }

    /// Writes the selected transactions in chain order; `observe` sees each
    /// one (with its postings) as it is read, on the calling thread, while
    /// the rows are written on another. `observe` also learns whether the
    /// transaction's text could be redacted (it is in the v2 form).
    pub fn write(
        &mut self,
        conn: &Connection,
        selection: Selection,
        progress: &dyn Progress,
        mut observe: impl FnMut(&JournalTxn, &[JournalPosting], bool) -> Result<()>,
    ) -> Result<()>
    where
        W: Send,
    {
        let mut read = self.rows.summary.transactions;
        let (names, forms, rows) = (&self.names, &mut self.forms, &mut self.rows);
        beside::for_each_beside(
            conn,
            selection,
            "export-rows",
            |txn, postings| {
                let v2 = forms.is_v2(txn, || names.content(txn, postings))?;
                read += 1;
                progress.set(read);
                observe(txn, postings, v2)?;
                Ok(v2)
            },
            |&v2, txn, postings| rows.txn(txn, postings, v2),
        )?;
        Ok(())
    }

    /// Hands back the output, which has every row (each transaction's
    /// rows are written to it whole).
    pub fn finish(self) -> Result<(W, ExportSummary)> {
        Ok((self.rows.out, self.rows.summary))
    }
}

impl<W: Write> Rows<W> {
    /// Writes one transaction's rows, in the v2 form's columns when `v2`.
    fn txn(&mut self, txn: &JournalTxn, postings: &[JournalPosting], v2: bool) -> Result<()> {
        let content = self.names.content(txn, postings)?;
        self.summary.transactions += 1;
        let id = txn.id.to_string();
        let reverses = txn.reverses.map(|r| r.to_string()).unwrap_or_default();
        // The salts are stated for rows in the v2 form only (a v1 row
        // hashes its text as it is).
        self.sealer
            .salts_into(&txn.prev_hash, &content, &mut self.salts);
        let salts = &self.salts;
        let form = if v2 { Form::V2 } else { Form::Current };
        let hidden = self.hidden.as_ref();
        let withheld = self.withheld.contains(&txn.id);
        // A text field is hidden when it is withheld or a hidden name is
        // in it ([`sealed_cell`]).
        let seal = |salt, text, redact| {
            sealed_cell(v2, salt, text, |text| match redact {
                Redact::Never => false,
                Redact::Names => hidden.is_some_and(|h| h.find(text).is_some()),
                Redact::Payer => withheld || hidden.is_some_and(|h| h.find(text).is_some()),
            })
        };
        let head = [
            seal(&salts.description, content.description, Redact::Names),
            seal(&salts.payee, content.payee, Redact::Payer),
            seal(&salts.reference, content.reference, Redact::Payer),
        ];
        // The cells every row of the transaction repeats are written once,
        // in the three runs between the posting's own cells (in the order
        // of [`COLUMNS`]).
        let runs: [&[Cell]; 3] = [
            &[Made(&id), Text(content.date), Text(&head[0].0)],
            &[Text(&head[1].0), Text(&head[2].0)],
            &[
                Made(&reverses),
                Text(&txn.prev_hash),
                Text(&txn.hash),
                Made(form.as_str()),
                Made(&head[0].1),
                Made(&head[1].1),
                Made(&head[2].1),
            ],
        ];
        for (run, cells) in self.runs.iter_mut().zip(runs) {
            run.clear();
            fields(run, cells);
        }
        self.line.clear();
        for ((p, s), stored) in content.postings.iter().zip(&salts.postings).zip(postings) {
            let label = self.labels.get(&stored.account_id).filter(|_| v2);
            let pool_label = stored
                .pool_id
                .and_then(|id| self.pool_labels.get(&id))
                .filter(|_| v2);
            let posting = [
                seal(&s[0], p.3, Redact::Names),
                match label {
                    Some(label) => (
                        Cow::Borrowed(label.as_str()),
                        Cow::Owned(commit(&s[1], p.0)),
                    ),
                    None => seal(&s[1], p.0, Redact::Never),
                },
                match pool_label {
                    Some(label) => (
                        Cow::Borrowed(label.as_str()),
                        Cow::Owned(commit(&s[2], p.4)),
                    ),
                    None => seal(&s[2], p.4, Redact::Never),
                },
            ];
            let line = &mut self.line;
            line.push(&self.runs[0]);
            fields(line, &[Text(&posting[1].0), Made(&p.2), Text(p.1)]);
            line.push(&self.runs[1]);
            fields(line, &[Text(&posting[0].0), Text(&posting[2].0)]);
            line.push(&self.runs[2]);
            fields(line, &[Made(&posting[0].1), Made(&posting[1].1)]);
            line.end(made(&posting[2].1).as_bytes());
        }
        self.out.write_all(self.line.as_bytes())?;
        self.summary.postings += postings.len() as u64;
        Ok(())
    }
}

/// A cell of a journal row, by where its text comes from.
#[derive(Clone, Copy)]
enum Cell<'a> {
    /// Text read from the database (or a label or [`REDACTED`]):
    /// written formula-safe ([`cell::guard`]).
    Text(&'a str),
    /// Text this module made itself: a number (an id, an amount as
    /// [`format_minor`] writes it), hexadecimal digits (a salt, a
    /// commitment), a form's name, or nothing. [`cell::guard`] leaves every
    /// such text as it is, so it is not asked ([`made`]).
    Made(&'a str),
}

use Cell::{Made, Text};

/// Appends `cells` to `line` as fields, each formula-safe.
fn fields(line: &mut Line, cells: &[Cell<'_>]) {
    for cell in cells {
        match *cell {
            Text(text) => line.field(cell::guard(text).as_bytes()),
            Made(text) => line.field(made(text).as_bytes()),
        }
    }
}

/// A [`Cell::Made`] text, which the guard would leave as it is (tests
/// check that it does).
fn made(text: &str) -> &str {
    debug_assert!(
        matches!(cell::guard(text), Cow::Borrowed(_)),
        "{text:?} is not a text the guard leaves alone"
    );
    text
}

/// The (cell, salt column) of a text field: the text and its salt, or, when
/// `hide` says so of it, [`REDACTED`] and its commitment; a row not in the
/// v2 form, or an empty text, states no salt (and hides nothing).
fn sealed_cell<'s>(
    v2: bool,
    salt: &'s str,
    text: &'s str,
    hide: impl FnOnce(&str) -> bool,
) -> (Cow<'s, str>, Cow<'s, str>) {
    if !v2 || text.is_empty() {
        (Cow::Borrowed(text), Cow::Borrowed(""))
    } else if hide(text) {
        (Cow::Borrowed(REDACTED), Cow::Owned(commit(salt, text)))
    } else {
        (Cow::Borrowed(text), Cow::Borrowed(salt))
    }
}

/// Writes the journal (transactions dated within `from..=to`) to `out`.
pub fn export_journal(
    db: &mut Db,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    out: impl Write + Send,
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
