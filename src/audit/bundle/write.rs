//! `fondo export audit`: writes an audit bundle from one read transaction.
//!
//! The caller holds the read transaction (so the period can be worked out
//! from the same snapshot) and passes its connection. Files are written into
//! a temporary directory next to the target and renamed into place only
//! when all of them are complete, so a failure leaves nothing behind; the
//! target must not exist yet, or be an empty directory.
//!
//! `journal.csv` is streamed by the journal export's own writer. While it
//! streams, one pass collects what the other files need from the period's
//! postings (debits and credits per account, contributions and their voids,
//! voids of transactions before the stretch); everything else is read from
//! the store and the replayed grants. Every other file is written from row
//! structs whose fields are exactly the columns of [`super::FILES`]; free
//! text in them passes through [`HiddenNames::redact`], and any cell that
//! still names a member hidden from the audience (an account name, or text
//! in the hash-chained journal, which cannot be changed) is reported as a
//! warning.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    ACCOUNTS, BALANCES, BUNDLE, BundleAudience, COMMODITIES, CONTRIBUTORS, FORMAT, GRANTS, JOURNAL,
    MANIFEST, POLICIES, POOLS, README, REVERSED, ROLES, VOTES, columns, readme,
};
use crate::books::grants;
use crate::books::pools::{PoolHolding, holdings};
use crate::domain::account::{cmp_names, validate_account_name};
use crate::domain::date::iso;
use crate::domain::grant::{Grant, Line, Status, grant_label};
use crate::domain::hash::{GENESIS, hex};
use crate::domain::member::{HiddenNames, shown_name};
use crate::domain::money::format_minor;
use crate::domain::period::Span;
use crate::domain::policy::Rule;
use crate::error::{Error, Result};
use crate::progress::NoProgress;
use crate::report::export::JournalWriter;
use crate::store::commodities::StoredCommodity;
use crate::store::pools::StoredPool;
use crate::store::txns::{JournalPosting, JournalTxn, Selection};
use crate::store::{accounts, balances, commodities, fund, members, pools, records, txns};

/// What to write.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub out: PathBuf,
    pub span: Span,
    pub audience: BundleAudience,
}

/// One line of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestEntry {
    pub file: String,
    pub rows: u64,
    pub sha256: String,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub manifest: Vec<ManifestEntry>,
    /// The SHA-256 of MANIFEST.csv: the bundle's own identifier.
    pub manifest_sha256: String,
    pub fingerprint: String,
    pub records_head: String,
    pub journal_prev_hash: String,
    pub journal_last_hash: String,
    /// Transactions in journal.csv, and those of them dated in the period.
    pub transactions: u64,
    pub period_transactions: u64,
    /// Cells that name a member hidden from the audience and could not be
    /// changed, described for the treasurer.
    pub warnings: Vec<String>,
}

/// A file being written: its bytes are hashed on the way out.
struct Out {
    file: BufWriter<File>,
    digest: Sha256,
}

impl Out {
    fn create(path: &Path) -> Result<Out> {
        let file = File::create(path).map_err(|source| Error::Io {
            context: format!("creating {}", path.display()),
            source,
        })?;
        Ok(Out {
            file: BufWriter::new(file),
            digest: Sha256::new(),
        })
    }

    fn finish(mut self) -> Result<String> {
        self.file.flush()?;
        self.file
            .into_inner()
            .map_err(|e| Error::Output(e.into_error()))?
            .sync_all()?;
        Ok(hex(&self.digest.finalize()))
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Names hidden from the audience, and what was found where.
struct Privacy {
    hidden: HiddenNames,
    audience: &'static str,
    warnings: Vec<String>,
}

impl Privacy {
    fn redact(&self, text: &str) -> String {
        self.hidden.redact(text)
    }

    fn redact_opt(&self, text: Option<&str>) -> Option<String> {
        text.map(|t| self.redact(t))
    }

    /// Notes a cell that still names a hidden member.
    fn scan(&mut self, place: impl FnOnce() -> String, text: &str) {
        if let Some(name) = self.hidden.find(text) {
            self.warnings.push(format!(
                "{} names {name:?}, whom the {} audience may not see; it cannot be changed in the bundle, so check before publishing",
                place(),
                self.audience
            ));
        }
    }
}

/// A CSV file of the bundle written from row structs in its spec's columns.
struct CsvFile {
    name: &'static str,
    columns: Vec<&'static str>,
    writer: csv::Writer<Out>,
    rows: u64,
}

impl CsvFile {
    fn create(dir: &Path, name: &'static str) -> Result<CsvFile> {
        let columns = columns(name);
        let mut writer = csv::Writer::from_writer(Out::create(&dir.join(name))?);
        writer
            .write_record(&columns)
            .map_err(std::io::Error::from)?;
        Ok(CsvFile {
            name,
            columns,
            writer,
            rows: 0,
        })
    }

    /// Writes one row (its fields are the file's columns, in any order).
    fn row<R: Serialize>(&mut self, row: &R, privacy: &mut Privacy) -> Result<()> {
        let value = serde_json::to_value(row).map_err(std::io::Error::from)?;
        self.rows += 1;
        let mut cells = Vec::with_capacity(self.columns.len());
        for column in &self.columns {
            let cell = match value
                .get(column)
                .expect("bundle row structs have exactly their file's columns (unit-tested)")
            {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let (name, rows) = (self.name, self.rows);
            privacy.scan(|| format!("{name} row {rows}, column {column},"), &cell);
            cells.push(cell);
        }
        self.writer
            .write_record(&cells)
            .map_err(std::io::Error::from)?;
        Ok(())
    }

    fn finish(self) -> Result<ManifestEntry> {
        let out = self
            .writer
            .into_inner()
            .map_err(|e| Error::Output(e.into_error()))?;
        Ok(ManifestEntry {
            file: self.name.to_owned(),
            rows: self.rows,
            sha256: out.finish()?,
        })
    }
}

/// The temporary directory the bundle is written into; removed unless it
/// was moved into place.
struct Staging {
    path: PathBuf,
    done: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn io_error(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// Checks the target and makes the staging directory beside it.
fn stage(out: &Path) -> Result<Staging> {
    match fs::symlink_metadata(out) {
        Ok(meta) if !meta.is_dir() => {
            return Err(Error::Refused(format!(
                "{} exists and is not a directory; an audit bundle is written into a new or empty directory",
                out.display()
            )));
        }
        Ok(_) => {
            let mut entries =
                fs::read_dir(out).map_err(io_error(format!("reading {}", out.display())))?;
            if entries.next().is_some() {
                return Err(Error::Refused(format!(
                    "{} is not empty; an audit bundle is written into a new or empty directory, so choose another --out",
                    out.display()
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(format!("looking at {}", out.display()))(e)),
    }
    let name = out.file_name().ok_or_else(|| {
        Error::Refused(format!(
            "{} names no directory; give --out a directory name",
            out.display()
        ))
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::Refused(format!(
            "the directory {} does not exist; create it first, or choose another --out",
            parent.display()
        )));
    }
    let path = parent.join(format!(
        ".{}.fondo-partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    fs::create_dir(&path).map_err(io_error(format!("creating {}", path.display())))?;
    Ok(Staging { path, done: false })
}

/// Moves the finished bundle into place.
fn commit(mut staging: Staging, out: &Path) -> Result<()> {
    if out.exists() {
        // Empty, as checked at the start; remove_dir refuses if that changed.
        fs::remove_dir(out).map_err(io_error(format!(
            "replacing the empty directory {}",
            out.display()
        )))?;
    }
    fs::rename(&staging.path, out).map_err(io_error(format!(
        "moving the bundle into {}",
        out.display()
    )))?;
    staging.done = true;
    Ok(())
}

fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The last moment of a day.
fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"))
}

// ---------------------------------------------------------------------------
// Rows, one struct per file (fields = columns)
// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct FactRow<'a> {
    key: &'a str,
    value: String,
}

#[derive(Serialize)]
struct AccountRow {
    account: String,
    #[serde(rename = "type")]
    kind: String,
    status: &'static str,
    closed_on: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct CommodityRow {
    commodity: String,
    decimals: u32,
    name: Option<String>,
}

#[derive(Serialize)]
struct BalanceRow {
    account: String,
    commodity: String,
    opening: String,
    debits: String,
    credits: String,
    closing: String,
}

#[derive(Serialize)]
struct PoolRow {
    pool: String,
    purpose: String,
    guidelines: Option<String>,
    commodity: Option<String>,
    opening: Option<String>,
    contributions: Option<String>,
    moved_in: Option<String>,
    moved_out: Option<String>,
    spent: Option<String>,
    converted: Option<String>,
    other: Option<String>,
    closing: Option<String>,
    committed: Option<String>,
    available: Option<String>,
}

#[derive(Serialize)]
struct GrantRow {
    grant: String,
    applicant: String,
    pool: String,
    commodity: String,
    amount: String,
    purpose: String,
    category: Option<String>,
    needed_by: Option<String>,
    applied_at: String,
    policy_version: u32,
    rule: String,
    window_closes: String,
    status: &'static str,
    decision: Option<&'static str>,
    decided_at: Option<String>,
    expires: Option<String>,
    consents: u32,
    objections: u32,
    abstentions: u32,
    eligible: u32,
    explanation: Option<String>,
    paid: String,
    paid_in_period: String,
    payment_txns: String,
    spent: String,
    returned: String,
    return_txn: Option<i64>,
    committed: String,
    ended_at: Option<String>,
    end_reason: Option<String>,
}

#[derive(Serialize)]
struct VoteRow {
    grant: String,
    member: String,
    vote: String,
    at: String,
    reason: Option<String>,
    counted: &'static str,
}

#[derive(Serialize)]
struct PolicyRow {
    pool: String,
    version: u32,
    set_at: String,
    up_to: Option<String>,
    commodity: Option<String>,
    rule: &'static str,
    min_consents: Option<u32>,
    quorum: Option<u32>,
    threshold: Option<String>,
    window_minutes: i64,
    reason: Option<String>,
}

#[derive(Serialize)]
struct RoleRow {
    member: String,
    role: &'static str,
    from: String,
    until: Option<String>,
}

#[derive(Serialize)]
struct ContributorRow {
    txn: i64,
    date: String,
    contributor: String,
    kind: String,
    pool: String,
    commodity: String,
    amount: String,
    voided_by: Option<i64>,
}

// ---------------------------------------------------------------------------
// What the journal pass collects
// ---------------------------------------------------------------------------

/// A contribution dated within the period: its income per (commodity id,
/// pool id), and whether any of it was income in kind.
struct Received {
    date: String,
    income: BTreeMap<(i64, Option<i64>), i128>,
    in_kind: bool,
}

#[derive(Default)]
struct Pass {
    first_prev: Option<String>,
    last_hash: Option<String>,
    transactions: u64,
    period_transactions: u64,
    /// (account id, commodity id) → (debits, credits) within the period.
    moves: HashMap<(i64, i64), (i128, i128)>,
    /// Transactions before the stretch that voids in it reverse.
    reversed: BTreeSet<i64>,
    /// Contribution txn → what it brought.
    received: BTreeMap<i64, Received>,
    /// Original txn → the void dated within the period.
    voided_by: HashMap<i64, i64>,
}

/// Writes the bundle for `request` from the snapshot `conn` is reading.
///
/// Fails (writing nothing) when the target is a file or a directory that is
/// not empty, or on any I/O or database error.
pub fn export(conn: &Connection, request: &ExportRequest) -> Result<Written> {
    let staging = stage(&request.out)?;
    let fund = fund::get(conn)?.ok_or_else(|| Error::NotFondo {
        path: "the database".into(),
        reason: "its fund record is missing".into(),
    })?;
    let (records_head, records_count) = records::head(conn)?.unwrap_or((GENESIS.to_owned(), 0));
    let mut bundle = Bundle::new(conn, staging.path.clone(), request)?;
    let pass = bundle.journal()?;
    let journal_prev_hash = pass
        .first_prev
        .clone()
        .unwrap_or_else(|| fund.head_hash.clone());
    let journal_last_hash = pass
        .last_hash
        .clone()
        .unwrap_or_else(|| journal_prev_hash.clone());
    bundle.reversed(&pass.reversed)?;
    bundle.accounts()?;
    bundle.commodities()?;
    bundle.balances(&pass.moves)?;
    bundle.pools()?;
    bundle.grants()?;
    bundle.policies()?;
    bundle.roles()?;
    bundle.contributors(&pass)?;
    let span = &request.span;
    let facts: Vec<(&str, String)> = vec![
        ("format", FORMAT.to_owned()),
        ("fund", fund.name.clone()),
        ("audience", request.audience.as_str().to_owned()),
        ("period", span.label.clone()),
        ("from", iso(span.from)),
        ("to", iso(span.to)),
        ("journal_prev_hash", journal_prev_hash.clone()),
        ("journal_last_hash", journal_last_hash.clone()),
        ("fingerprint", fund.head_hash.clone()),
        ("ledger_transactions", fund.txn_count.to_string()),
        ("records_head", records_head.clone()),
        ("records_count", records_count.to_string()),
        ("generator", format!("fondo {}", env!("CARGO_PKG_VERSION"))),
    ];
    debug_assert_eq!(
        facts.iter().map(|f| f.0).collect::<Vec<_>>(),
        super::KEYS,
        "BUNDLE.csv keys"
    );
    bundle.facts(&facts)?;
    let visibility_changes = visibility_changes(conn, span.from)?;
    bundle.readme(&readme::text(&readme::Facts {
        facts: &facts,
        visibility_changes: &visibility_changes,
        audience: request.audience,
        transactions: pass.transactions,
        period_transactions: pass.period_transactions,
        reaches_head: journal_last_hash == fund.head_hash,
    }))?;
    let (manifest, manifest_sha256, warnings) = bundle.finish()?;
    commit(staging, &request.out)?;
    Ok(Written {
        manifest,
        manifest_sha256,
        fingerprint: fund.head_hash,
        records_head,
        journal_prev_hash,
        journal_last_hash,
        transactions: pass.transactions,
        period_transactions: pass.period_transactions,
        warnings,
    })
}

/// The members' visibility changes that took effect on or after `from`
/// (the first day of the period), as (day, from, to), by day: a bundle
/// written afterwards shows those members as they now asked, so it may name
/// fewer people (or more) than outputs published before.
fn visibility_changes(
    conn: &Connection,
    from: chrono::NaiveDate,
) -> Result<Vec<(String, &'static str, &'static str)>> {
    let mut changes = Vec::new();
    for m in members::all(conn)? {
        let versions = members::versions(conn, m.id)?;
        for pair in versions.windows(2) {
            let day = pair[1].at.get(..10).unwrap_or_default().to_owned();
            if pair[0].visibility != pair[1].visibility && day.as_str() >= iso(from).as_str() {
                changes.push((
                    day,
                    pair[0].visibility.as_str(),
                    pair[1].visibility.as_str(),
                ));
            }
        }
    }
    changes.sort_unstable();
    Ok(changes)
}

/// A bundle being written: the read transaction, the period, the names as
/// the audience sees them, the fund's small lists, and the manifest so far.
struct Bundle<'c> {
    conn: &'c Connection,
    dir: PathBuf,
    span: &'c Span,
    audience: BundleAudience,
    privacy: Privacy,
    /// Members' names as the audience sees them, by id.
    people: HashMap<i64, String>,
    account_names: HashMap<i64, String>,
    commodities: Vec<StoredCommodity>,
    /// Commodity id → code and decimal places.
    decimals: HashMap<i64, (String, u32)>,
    pools: Vec<StoredPool>,
    pool_names: HashMap<i64, String>,
    /// Contribution txn → member (None: anonymous) and kind of service.
    contributions: HashMap<i64, (Option<i64>, Option<String>)>,
    manifest: Vec<ManifestEntry>,
}

impl<'c> Bundle<'c> {
    fn new(conn: &'c Connection, dir: PathBuf, request: &'c ExportRequest) -> Result<Bundle<'c>> {
        let audience = request.audience.audience();
        let secret = fund::secret(conn)?;
        let members = members::all(conn)?;
        let commodities = commodities::all(conn)?;
        let pools = pools::all(conn)?;
        Ok(Bundle {
            conn,
            dir,
            span: &request.span,
            audience: request.audience,
            privacy: Privacy {
                hidden: HiddenNames::new(
                    audience,
                    &secret,
                    members
                        .iter()
                        .map(|m| (m.id, m.name.as_str(), m.visibility)),
                ),
                audience: audience.as_str(),
                warnings: Vec::new(),
            },
            people: members
                .iter()
                .map(|m| {
                    let shown = shown_name(audience, m.visibility, &m.name, &secret, m.id);
                    (m.id, shown)
                })
                .collect(),
            account_names: accounts::names_by_id(conn)?,
            decimals: commodities
                .iter()
                .map(|c| (c.id, (c.commodity.code.clone(), c.commodity.decimals)))
                .collect(),
            commodities,
            pool_names: pools.iter().map(|p| (p.id, p.name.clone())).collect(),
            pools,
            contributions: members::contributions(conn)?
                .into_iter()
                .map(|(txn, member, kind)| (txn, (member, kind)))
                .collect(),
            manifest: Vec::new(),
        })
    }

    fn person(&self, id: i64) -> String {
        self.people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn csv(&self, name: &'static str) -> Result<CsvFile> {
        CsvFile::create(&self.dir, name)
    }

    fn done(&mut self, file: CsvFile) -> Result<()> {
        self.manifest.push(file.finish()?);
        Ok(())
    }

    /// journal.csv: the stretch of the chain holding the period, noting on
    /// the way what the other files need from it.
    fn journal(&mut self) -> Result<Pass> {
        let conn = self.conn;
        let mut journal = JournalWriter::new(conn, Out::create(&self.dir.join(JOURNAL))?)?;
        let mut pass = Pass::default();
        if let Some((first, last)) = txns::stretch(conn, self.span.from, self.span.to)? {
            let context = Context {
                account_names: &self.account_names,
                pool_names: &self.pool_names,
                contributions: &self.contributions,
                span: self.span,
                first,
            };
            let privacy = &mut self.privacy;
            journal.write(
                conn,
                Selection::Ids(first, last),
                &NoProgress,
                |txn, postings| {
                    observe(&mut pass, privacy, &context, txn, postings);
                    Ok(())
                },
            )?;
        }
        let (out, summary) = journal.finish()?;
        self.manifest.push(ManifestEntry {
            file: JOURNAL.to_owned(),
            rows: summary.postings,
            sha256: out.finish()?,
        });
        Ok(pass)
    }

    /// reversed.csv: the transactions before the stretch that its voids
    /// reverse.
    fn reversed(&mut self, ids: &BTreeSet<i64>) -> Result<()> {
        let conn = self.conn;
        let mut reversed = JournalWriter::new(conn, Out::create(&self.dir.join(REVERSED))?)?;
        for id in ids {
            let (accounts, pools, privacy) =
                (&self.account_names, &self.pool_names, &mut self.privacy);
            reversed.write(
                conn,
                Selection::Ids(*id, *id),
                &NoProgress,
                |txn, postings| {
                    scan_txn(privacy, REVERSED, accounts, pools, txn, postings);
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

    fn accounts(&mut self) -> Result<()> {
        let mut file = self.csv(ACCOUNTS)?;
        let mut list = accounts::all(self.conn)?;
        list.sort_by(|a, b| cmp_names(&a.name, &b.name));
        for a in list {
            let closed = a.closed_on.filter(|d| *d <= self.span.to);
            let row = AccountRow {
                kind: validate_account_name(&a.name)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                status: if closed.is_some() { "closed" } else { "open" },
                closed_on: closed.map(iso),
                note: a.note.filter(|_| self.audience == BundleAudience::Auditor),
                account: a.name,
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    fn commodities(&mut self) -> Result<()> {
        let mut file = self.csv(COMMODITIES)?;
        let mut list = self.commodities.clone();
        list.sort_by(|a, b| a.commodity.code.cmp(&b.commodity.code));
        for c in list {
            let row = CommodityRow {
                commodity: c.commodity.code,
                decimals: c.commodity.decimals,
                name: c.name,
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// balances.csv, from the balance cache at both ends of the period and
    /// the period's postings as the journal pass summed them.
    fn balances(&mut self, moves: &HashMap<(i64, i64), (i128, i128)>) -> Result<()> {
        let key = |b: &balances::AccountBalance| (b.account.clone(), b.commodity.code.clone());
        let opening: HashMap<(String, String), i128> = match self.span.from.pred_opt() {
            Some(day) => balances::by_account(self.conn, Some(day))?
                .iter()
                .map(|b| (key(b), b.amount))
                .collect(),
            None => HashMap::new(),
        };
        let moves: HashMap<(String, String), (i128, i128)> = moves
            .iter()
            .filter_map(|((account, commodity), m)| {
                let account = self.account_names.get(account)?.clone();
                Some(((account, self.decimals.get(commodity)?.0.clone()), *m))
            })
            .collect();
        let mut closing = balances::by_account(self.conn, Some(self.span.to))?;
        closing.sort_by(|a, b| {
            cmp_names(&a.account, &b.account).then_with(|| a.commodity.code.cmp(&b.commodity.code))
        });
        let mut file = self.csv(BALANCES)?;
        for b in closing {
            let places = b.commodity.decimals;
            let k = key(&b);
            let (debits, credits) = moves.get(&k).copied().unwrap_or((0, 0));
            let row = BalanceRow {
                opening: format_minor(opening.get(&k).copied().unwrap_or(0), places),
                debits: format_minor(debits, places),
                credits: format_minor(credits, places),
                closing: format_minor(b.amount, places),
                account: k.0,
                commodity: k.1,
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// pools.csv: each pool's holdings at both ends of the period; the
    /// changes are the differences of the cumulative flows.
    fn pools(&mut self) -> Result<()> {
        let opening: Vec<PoolHolding> = match self.span.from.pred_opt() {
            Some(day) => holdings(self.conn, Some(day))?,
            None => Vec::new(),
        };
        let closing = holdings(self.conn, Some(self.span.to))?;
        let mut file = self.csv(POOLS)?;
        for pool in &self.pools {
            let purpose = self.privacy.redact(&pool.purpose);
            let guidelines = self.privacy.redact_opt(pool.guidelines.as_deref());
            let held: Vec<&PoolHolding> = closing.iter().filter(|h| h.pool == pool.name).collect();
            if held.is_empty() {
                let row = PoolRow {
                    pool: pool.name.clone(),
                    purpose,
                    guidelines,
                    commodity: None,
                    opening: None,
                    contributions: None,
                    moved_in: None,
                    moved_out: None,
                    spent: None,
                    converted: None,
                    other: None,
                    closing: None,
                    committed: None,
                    available: None,
                };
                file.row(&row, &mut self.privacy)?;
                continue;
            }
            for end in held {
                let start = opening
                    .iter()
                    .find(|h| h.pool == pool.name && h.commodity == end.commodity);
                let places = end.held.decimals;
                let before = |f: fn(&PoolHolding) -> i128| start.map_or(0, f);
                let flow =
                    |f: fn(&PoolHolding) -> i128| Some(format_minor(f(end) - before(f), places));
                let row = PoolRow {
                    pool: pool.name.clone(),
                    purpose: purpose.clone(),
                    guidelines: guidelines.clone(),
                    commodity: Some(end.commodity.clone()),
                    opening: Some(format_minor(before(|h| h.held.minor), places)),
                    contributions: flow(|h| h.contributions.minor),
                    moved_in: flow(|h| h.moved_in.minor),
                    moved_out: flow(|h| h.moved_out.minor),
                    spent: flow(|h| h.spent.minor),
                    converted: flow(|h| h.converted.minor),
                    other: flow(|h| h.other.minor),
                    closing: Some(end.held.to_string()),
                    committed: Some(end.committed.to_string()),
                    available: Some(end.available.to_string()),
                };
                file.row(&row, &mut self.privacy)?;
            }
        }
        self.done(file)
    }

    /// grants.csv and votes.csv: the grants of the period as they stood at
    /// its end, with every vote cast by then and who recused.
    fn grants(&mut self) -> Result<()> {
        let (conn, span) = (self.conn, self.span);
        let mut grant_file = self.csv(GRANTS)?;
        let mut vote_rows: Vec<VoteRow> = Vec::new();
        for id in grants::ids(conn)? {
            let g = grants::load(conn, id)?;
            let Some(state) = State::of(&g, span) else {
                continue;
            };
            let label = grant_label(g.id);
            let money = |minor: i64| format_minor(minor.into(), g.commodity.decimals);
            let until = state.counted_at.min(g.window_closes());
            let mut latest: BTreeMap<i64, usize> = BTreeMap::new();
            for (i, v) in g.votes.iter().enumerate() {
                if v.at <= until {
                    latest.insert(v.member, i);
                }
            }
            // A withdrawn vote, when it is the latest, leaves nothing counted.
            let counted: BTreeSet<usize> = latest
                .values()
                .copied()
                .filter(|i| g.votes[*i].vote.is_some())
                .collect();
            for (i, v) in g.votes.iter().enumerate() {
                if v.at.date() > span.to {
                    continue;
                }
                vote_rows.push(VoteRow {
                    grant: label.clone(),
                    member: self.person(v.member),
                    vote: v.vote.map_or("withdrawn".to_owned(), |v| v.to_string()),
                    at: stamp(v.at),
                    reason: self.privacy.redact_opt(v.reason.as_deref()),
                    counted: if counted.contains(&i) { "yes" } else { "no" },
                });
            }
            let mut recused: Vec<(String, &str)> = grants::recused(conn, &g, until)?
                .into_iter()
                .map(|(member, why)| (self.person(member), why))
                .collect();
            recused.sort();
            for (member, why) in recused {
                vote_rows.push(VoteRow {
                    grant: label.clone(),
                    member,
                    vote: "recused".into(),
                    at: stamp(until),
                    reason: Some(why.to_owned()),
                    counted: "no",
                });
            }
            let tally = match (state.decided, g.decided_tally) {
                (true, Some(t)) => t,
                _ => grants::tally(conn, &g, state.counted_at)?,
            };
            let payments: Vec<&Line> = g.payments.iter().filter(|p| p.date <= span.to).collect();
            let paid: i64 = payments.iter().map(|p| p.amount).sum();
            let paid_in_period: i64 = payments
                .iter()
                .filter(|p| p.date >= span.from)
                .map(|p| p.amount)
                .sum();
            let spent: i64 = g
                .spending
                .iter()
                .filter(|s| s.date <= span.to)
                .map(|s| s.amount)
                .sum();
            let closed = state.status == Status::Closed;
            let committed = if state.status == Status::Approved {
                g.amount - paid
            } else {
                0
            };
            let row = GrantRow {
                grant: label,
                applicant: self.person(g.applicant),
                pool: self.pool_names.get(&g.pool).cloned().unwrap_or_default(),
                commodity: g.commodity.code.clone(),
                amount: money(g.amount),
                purpose: self.privacy.redact(&g.purpose),
                category: g.category.clone(),
                needed_by: g.needed_by.map(iso),
                applied_at: stamp(g.applied_at),
                policy_version: g.policy_version,
                rule: g.tier.rule.to_string(),
                window_closes: stamp(g.window_closes()),
                status: state.status.as_str(),
                decision: state.decided.then_some(if state.approved {
                    "approved"
                } else {
                    "rejected"
                }),
                decided_at: g.decided_at.filter(|_| state.decided).map(stamp),
                expires: g
                    .expires
                    .filter(|_| state.decided && state.approved)
                    .map(iso),
                consents: tally.consents,
                objections: tally.objections,
                abstentions: tally.abstentions,
                eligible: tally.eligible,
                explanation: g
                    .explanation
                    .as_deref()
                    .filter(|_| state.decided)
                    .map(|e| self.privacy.redact(e)),
                paid: money(paid),
                paid_in_period: money(paid_in_period),
                payment_txns: payments
                    .iter()
                    .filter_map(|p| p.txn.map(|t| t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" "),
                spent: money(spent),
                returned: money(if closed { g.returned } else { 0 }),
                return_txn: g.return_txn.filter(|_| closed),
                committed: money(committed),
                ended_at: state.ended.map(|(at, _)| stamp(at)),
                end_reason: state
                    .ended
                    .and_then(|(_, why)| why)
                    .map(|why| self.privacy.redact(why)),
            };
            grant_file.row(&row, &mut self.privacy)?;
        }
        self.done(grant_file)?;
        let mut vote_file = self.csv(VOTES)?;
        for row in &vote_rows {
            vote_file.row(row, &mut self.privacy)?;
        }
        self.done(vote_file)
    }

    /// policies.csv: every version set by the end of the period, a row per
    /// tier.
    fn policies(&mut self) -> Result<()> {
        let places: HashMap<&str, u32> = self
            .commodities
            .iter()
            .map(|c| (c.commodity.code.as_str(), c.commodity.decimals))
            .collect();
        let mut rows = Vec::new();
        for pool in &self.pools {
            for (at, policy) in grants::policies(self.conn, pool.id)? {
                if at.date() > self.span.to {
                    continue;
                }
                let reason = self.privacy.redact_opt(policy.reason.as_deref());
                for tier in &policy.tiers {
                    let (rule, min_consents, quorum, threshold) = match &tier.rule {
                        Rule::Consent { min_consents } => {
                            ("consent", Some(*min_consents), None, None)
                        }
                        Rule::Lazy { min_consents } => ("lazy", Some(*min_consents), None, None),
                        Rule::Majority { quorum, threshold } => {
                            ("majority", None, Some(*quorum), Some(threshold.clone()))
                        }
                    };
                    let up_to = tier.up_to.map(|minor| {
                        let decimals = tier
                            .commodity
                            .as_deref()
                            .and_then(|code| places.get(code))
                            .copied()
                            .unwrap_or(0);
                        format_minor(minor.into(), decimals)
                    });
                    rows.push(PolicyRow {
                        pool: pool.name.clone(),
                        version: policy.version,
                        set_at: stamp(at),
                        up_to,
                        commodity: tier.commodity.clone(),
                        rule,
                        min_consents,
                        quorum,
                        threshold,
                        window_minutes: tier.window_minutes,
                        reason: reason.clone(),
                    });
                }
            }
        }
        let mut file = self.csv(POLICIES)?;
        for row in &rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }

    fn roles(&mut self) -> Result<()> {
        let mut file = self.csv(ROLES)?;
        for t in members::terms(self.conn)? {
            if t.starts_on > self.span.to {
                continue;
            }
            let row = RoleRow {
                member: self.person(t.member_id),
                role: t.role.as_str(),
                from: iso(t.starts_on),
                until: t.ends_on.map(iso),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// contributors.csv: the contributions the journal pass found in the
    /// period, with who gave them.
    fn contributors(&mut self, pass: &Pass) -> Result<()> {
        let mut file = self.csv(CONTRIBUTORS)?;
        for (txn, received) in &pass.received {
            let Some((member, kind)) = self.contributions.get(txn) else {
                continue;
            };
            let contributor = member.map_or_else(|| "anonymous".to_owned(), |m| self.person(m));
            let kind = match kind {
                Some(kind) => kind.clone(),
                None if received.in_kind => "goods".to_owned(),
                None => "money".to_owned(),
            };
            for ((commodity, pool), amount) in &received.income {
                let Some((code, places)) = self.decimals.get(commodity) else {
                    continue;
                };
                let row = ContributorRow {
                    txn: *txn,
                    date: received.date.clone(),
                    contributor: contributor.clone(),
                    kind: kind.clone(),
                    pool: pool
                        .and_then(|p| self.pool_names.get(&p).cloned())
                        .unwrap_or_else(|| "general".to_owned()),
                    commodity: code.clone(),
                    amount: format_minor(*amount, *places),
                    voided_by: pass.voided_by.get(txn).copied(),
                };
                file.row(&row, &mut self.privacy)?;
            }
        }
        self.done(file)
    }

    fn facts(&mut self, facts: &[(&str, String)]) -> Result<()> {
        let mut file = self.csv(BUNDLE)?;
        for (key, value) in facts {
            let row = FactRow {
                key,
                value: value.clone(),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    fn readme(&mut self, text: &str) -> Result<()> {
        let mut out = Out::create(&self.dir.join(README))?;
        out.write_all(text.as_bytes())?;
        self.manifest.push(ManifestEntry {
            file: README.to_owned(),
            rows: text.lines().count() as u64,
            sha256: out.finish()?,
        });
        Ok(())
    }

    /// Writes MANIFEST.csv; returns the manifest, its digest and the
    /// warnings gathered.
    fn finish(mut self) -> Result<(Vec<ManifestEntry>, String, Vec<String>)> {
        self.manifest.sort_by(|a, b| a.file.cmp(&b.file));
        let mut file = self.csv(MANIFEST)?;
        for entry in &self.manifest {
            file.row(entry, &mut self.privacy)?;
        }
        let digest = file.finish()?.sha256;
        Ok((self.manifest, digest, self.privacy.warnings))
    }
}

/// What [`observe`] needs to know about the fund.
struct Context<'a> {
    account_names: &'a HashMap<i64, String>,
    pool_names: &'a HashMap<i64, String>,
    contributions: &'a HashMap<i64, (Option<i64>, Option<String>)>,
    span: &'a Span,
    /// The first transaction of the stretch.
    first: i64,
}

/// Notes what one transaction of the stretch brings to the other files.
fn observe(
    pass: &mut Pass,
    privacy: &mut Privacy,
    context: &Context<'_>,
    txn: &JournalTxn,
    postings: &[JournalPosting],
) {
    let Context {
        account_names,
        pool_names,
        contributions,
        span,
        first,
    } = *context;
    pass.transactions += 1;
    if pass.first_prev.is_none() {
        pass.first_prev = Some(txn.prev_hash.clone());
    }
    pass.last_hash = Some(txn.hash.clone());
    scan_txn(privacy, JOURNAL, account_names, pool_names, txn, postings);
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

/// Warns about hidden names in a journal transaction's text.
fn scan_txn(
    privacy: &mut Privacy,
    file: &str,
    account_names: &HashMap<i64, String>,
    pool_names: &HashMap<i64, String>,
    txn: &JournalTxn,
    postings: &[JournalPosting],
) {
    let place = |column: &str| format!("{file} txn {}, column {column},", txn.id);
    privacy.scan(|| place("description"), &txn.description);
    privacy.scan(|| place("payee"), txn.payee.as_deref().unwrap_or(""));
    privacy.scan(
        || place("reference"),
        txn.reference.as_deref().unwrap_or(""),
    );
    for p in postings {
        privacy.scan(|| place("memo"), p.memo.as_deref().unwrap_or(""));
        if let Some(account) = account_names.get(&p.account_id) {
            privacy.scan(|| place("account"), account);
        }
        if let Some(pool) = p.pool_id.and_then(|id| pool_names.get(&id)) {
            privacy.scan(|| place("pool"), pool);
        }
    }
}

/// A grant as it stood at the end of a period.
struct State<'g> {
    status: Status,
    decided: bool,
    approved: bool,
    /// When its votes are counted: the decision, the withdrawal, or the end
    /// of the period.
    counted_at: NaiveDateTime,
    ended: Option<(NaiveDateTime, Option<&'g str>)>,
}

impl<'g> State<'g> {
    /// Its state at the end of `span`, or None when it is not in the bundle
    /// (applied after the period, or finished before it began).
    fn of(g: &'g Grant, span: &Span) -> Option<State<'g>> {
        if g.applied_at.date() > span.to {
            return None;
        }
        let approved = matches!(g.status, Status::Approved | Status::Closed);
        let decided = g.decided_at.filter(|at| at.date() <= span.to);
        let ended = g
            .ended
            .as_ref()
            .filter(|(at, _)| at.date() <= span.to)
            .map(|(at, why)| (*at, why.as_deref()));
        let finished_before = |at: NaiveDateTime| at.date() < span.from;
        if ended.is_some_and(|(at, _)| finished_before(at))
            || (!approved && decided.is_some_and(finished_before))
        {
            return None;
        }
        let status = match (ended, decided) {
            (Some(_), _) => g.status,
            (None, Some(_)) if approved => Status::Approved,
            (None, Some(_)) => Status::Rejected,
            (None, None) => Status::Open,
        };
        let counted_at = match (decided, ended) {
            (Some(at), _) => at,
            (None, Some((at, _))) => at,
            (None, None) => end_of(span.to),
        };
        Some(State {
            status,
            decided: decided.is_some(),
            approved,
            counted_at,
            ended,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::bundle::{FILES, spec};

    fn keys<R: Serialize>(row: &R) -> Vec<String> {
        serde_json::to_value(row)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    fn assert_row<R: Serialize>(file: &str, row: &R) {
        let mut expected: Vec<String> = columns(file).iter().map(|c| (*c).to_owned()).collect();
        let mut actual = keys(row);
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected, "the row struct of {file}");
    }

    #[test]
    fn row_structs_have_exactly_their_files_columns() {
        let s = String::new;
        assert_row(
            BUNDLE,
            &FactRow {
                key: "",
                value: s(),
            },
        );
        assert_row(
            ACCOUNTS,
            &AccountRow {
                account: s(),
                kind: s(),
                status: "",
                closed_on: None,
                note: None,
            },
        );
        assert_row(
            COMMODITIES,
            &CommodityRow {
                commodity: s(),
                decimals: 0,
                name: None,
            },
        );
        assert_row(
            BALANCES,
            &BalanceRow {
                account: s(),
                commodity: s(),
                opening: s(),
                debits: s(),
                credits: s(),
                closing: s(),
            },
        );
        assert_row(
            POOLS,
            &PoolRow {
                pool: s(),
                purpose: s(),
                guidelines: None,
                commodity: None,
                opening: None,
                contributions: None,
                moved_in: None,
                moved_out: None,
                spent: None,
                converted: None,
                other: None,
                closing: None,
                committed: None,
                available: None,
            },
        );
        assert_row(
            GRANTS,
            &GrantRow {
                grant: s(),
                applicant: s(),
                pool: s(),
                commodity: s(),
                amount: s(),
                purpose: s(),
                category: None,
                needed_by: None,
                applied_at: s(),
                policy_version: 1,
                rule: s(),
                window_closes: s(),
                status: "",
                decision: None,
                decided_at: None,
                expires: None,
                consents: 0,
                objections: 0,
                abstentions: 0,
                eligible: 0,
                explanation: None,
                paid: s(),
                paid_in_period: s(),
                payment_txns: s(),
                spent: s(),
                returned: s(),
                return_txn: None,
                committed: s(),
                ended_at: None,
                end_reason: None,
            },
        );
        assert_row(
            VOTES,
            &VoteRow {
                grant: s(),
                member: s(),
                vote: s(),
                at: s(),
                reason: None,
                counted: "",
            },
        );
        assert_row(
            POLICIES,
            &PolicyRow {
                pool: s(),
                version: 1,
                set_at: s(),
                up_to: None,
                commodity: None,
                rule: "",
                min_consents: None,
                quorum: None,
                threshold: None,
                window_minutes: 0,
                reason: None,
            },
        );
        assert_row(
            ROLES,
            &RoleRow {
                member: s(),
                role: "",
                from: s(),
                until: None,
            },
        );
        assert_row(
            CONTRIBUTORS,
            &ContributorRow {
                txn: 0,
                date: s(),
                contributor: s(),
                kind: s(),
                pool: s(),
                commodity: s(),
                amount: s(),
                voided_by: None,
            },
        );
        assert_row(
            MANIFEST,
            &ManifestEntry {
                file: s(),
                rows: 0,
                sha256: s(),
            },
        );
        assert_eq!(FILES.len(), 14);
        assert!(spec(README).columns.is_empty());
    }
}
