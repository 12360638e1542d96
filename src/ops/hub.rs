//! The hub's writes: `hub init`, `hub fund add`, `hub fund leave` and
//! `hub add` (docs/design/federation.md).
//!
//! Rule: each is one transaction on the hub file, and a refusal leaves the
//! file as it was. The hub only reads what funds publish: `hub add` takes
//! the bundle's check as the command layer made it ([`Checked`], from
//! `audit::bundle::check`, which `ops` does not import), refuses it
//! unless it is clean and signed by a key the hub holds for the fund, and
//! then streams the bundle's files once more inside the transaction, each
//! through SHA-256 compared with the digest the check vouched for, so what
//! is ingested is what was checked. The files are read into the bundle's
//! own typed rows (`domain::bundle::rows`, which the writer and the checker
//! use too), so the hub cannot read a column the writer does not write.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use rusqlite::Connection;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::domain::bundle::rows as bundle;
use crate::domain::bundle::{
    COMMODITIES, CONTRIBUTORS, GRANTS, JOURNAL, MANIFEST, RECORDS, TRANSFERS,
};
use crate::domain::hash::{GENESIS, hex};
use crate::domain::keys::{MemberKey, parse_public_key};
use crate::domain::money::{Commodity, parse_decimal, to_minor};
use crate::error::{ChainBreak, Error, HubRefusal, Result};
use crate::store::hub::{
    self, Added, Chain, ContributionRow, GrantRow as HubGrant, Head, Hub, NewBundle, PostingRow,
    Rows, TransferRow, TxnRow,
};

/// What the check of a bundle found (`audit::bundle::check`, run by the
/// command layer: `ops` does not import `audit`).
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The rows of BUNDLE.csv, by key.
    pub facts: BTreeMap<String, String>,
    /// The codes of the findings, if any.
    pub findings: Vec<String>,
    /// The SHA-256 of MANIFEST.csv.
    pub manifest_sha256: String,
    /// The fingerprint of the key of a good MANIFEST.csv.sig.
    pub signed_by: Option<String>,
}

/// Writes the hub's `hub` row in a hub file just made.
pub fn init(hub: &mut Hub, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(HubRefusal::NoName.into());
    }
    let tx = hub.write()?;
    hub::insert_hub(&tx, name, &tx.recorded_at())?;
    tx.commit().map_err(|e| Error::from_sqlite(e, "committing"))
}

/// A fund id as `fondo fund show` prints it: 32 lower-case hex digits.
fn check_fund_id(fund_id: &str) -> Result<()> {
    let ok = fund_id.len() == 32
        && fund_id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(())
    } else {
        Err(HubRefusal::NotFundId {
            id: fund_id.to_owned(),
        }
        .into())
    }
}

/// Registers a member fund with a signing key, or adds a key to a fund
/// registered before (`name` must then be its name). Returns the key and
/// whether the fund is new.
///
/// # Errors
/// [`Error::Key`] for a key that is not ssh-ed25519; [`Error::HubRefused`] for
/// a malformed fund id, a name that is not the registered one or a key the
/// fund has already; [`Error::HubFundLeft`] for a fund that left.
pub fn add_fund(
    hub: &mut Hub,
    fund_id: &str,
    name: &str,
    source: &str,
    key_text: &str,
) -> Result<(MemberKey, bool)> {
    check_fund_id(fund_id)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(HubRefusal::NoFundName.into());
    }
    let key = parse_public_key(source, key_text)?;
    let tx = hub.write()?;
    let now = tx.recorded_at();
    let new = match hub::fund(&tx, fund_id)? {
        None => {
            hub::insert_fund(&tx, fund_id, name, &now)?;
            true
        }
        Some(fund) => {
            if let Some(left_at) = fund.left_at {
                return Err(Error::HubFundLeft {
                    fund_id: fund_id.to_owned(),
                    left_at,
                });
            }
            if fund.name != name {
                return Err(HubRefusal::OtherName {
                    fund: fund_id.to_owned(),
                    registered: fund.name,
                    name: name.to_owned(),
                }
                .into());
            }
            if hub::fund_keys(&tx, fund_id)?.contains(&key.key) {
                return Err(HubRefusal::KeyKnown {
                    fund: fund_id.to_owned(),
                    fingerprint: key.fingerprint,
                }
                .into());
            }
            false
        }
    };
    hub::insert_fund_key(&tx, fund_id, &key.key, &now)?;
    tx.commit()
        .map_err(|e| Error::from_sqlite(e, "committing"))?;
    Ok((key, new))
}

/// Records that a member fund left the hub; what it published stays.
pub fn leave(hub: &mut Hub, fund_id: &str) -> Result<String> {
    let tx = hub.write()?;
    let Some(fund) = hub::fund(&tx, fund_id)? else {
        return Err(Error::HubFund {
            fund_id: fund_id.to_owned(),
            known: false,
        });
    };
    if let Some(left_at) = fund.left_at {
        return Err(Error::HubFundLeft {
            fund_id: fund_id.to_owned(),
            left_at,
        });
    }
    let now = tx.recorded_at();
    hub::insert_leave(&tx, fund_id, &now)?;
    tx.commit()
        .map_err(|e| Error::from_sqlite(e, "committing"))?;
    Ok(now)
}

/// What `hub add` recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedBundle {
    pub fund_id: String,
    pub fund: String,
    pub period: String,
    pub manifest: String,
    /// Transactions new to the hub, and those it held already.
    pub new_txns: u64,
    pub held_txns: u64,
    pub transfers: u64,
    /// The heads witnessed: journal, then records.
    pub heads: [Head; 2],
}

/// Adds the bundle in `dir`, whose check the caller made, as the design's
/// steps 1–6 say: registered fund, clean and signed by one of its keys, not
/// added before, extending the chains the hub witnessed, agreeing with the
/// rows it holds; then its rows and heads are recorded.
///
/// # Errors
/// [`Error::HubFund`], [`Error::HubFundLeft`], [`Error::HubBundle`],
/// [`Error::HubBundleAdded`], [`Error::HubChain`], [`Error::HubOverlap`];
/// I/O errors reading the bundle.
pub fn add(hub: &mut Hub, dir: &Path, check: &Checked) -> Result<AddedBundle> {
    let shown = dir.display().to_string();
    let refuse = |reason: String| Error::HubBundle {
        dir: shown.clone(),
        reason,
    };
    let fact = |key: &str| check.facts.get(key).cloned().unwrap_or_default();
    let fund_id = fact("fund_id");
    let tx = hub.write()?;
    let now = tx.recorded_at();
    // 1. A member fund.
    let Some(fund) = hub::fund(&tx, &fund_id)? else {
        return Err(Error::HubFund {
            fund_id,
            known: false,
        });
    };
    if let Some(left_at) = fund.left_at {
        return Err(Error::HubFundLeft { fund_id, left_at });
    }
    // 2. Clean, and signed by a key the hub holds for the fund.
    if !check.findings.is_empty() {
        let codes: BTreeSet<&str> = check.findings.iter().map(String::as_str).collect();
        return Err(refuse(format!(
            "its check has {} (codes {}); the hub takes only bundles without any",
            match check.findings.len() {
                1 => "1 finding".to_owned(),
                n => format!("{n} findings"),
            },
            codes.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let keys = hub::fund_keys(&tx, &fund_id)?;
    let fingerprints: Vec<String> = keys
        .iter()
        .map(|k| parse_public_key("the hub's key", k).map(|k| k.fingerprint))
        .collect::<Result<_>>()?;
    match &check.signed_by {
        None => {
            return Err(refuse(format!(
                "it is not signed; the hub takes only bundles signed by a key of fund {fund_id} ({})",
                fingerprints.join(", ")
            )));
        }
        Some(by) if !fingerprints.contains(by) => {
            return Err(refuse(format!(
                "it is signed by {by}, which is not a key of fund {fund_id} this hub holds ({})",
                fingerprints.join(", ")
            )));
        }
        Some(_) => {}
    }
    // 3. Not added before.
    if let Some((_, added_at)) = hub::bundle_by_manifest(&tx, &check.manifest_sha256)? {
        return Err(Error::HubBundleAdded {
            dir: shown,
            manifest: check.manifest_sha256.clone(),
            added_at,
        });
    }
    let digests = manifest_digests(dir, &check.manifest_sha256, &refuse)?;
    let bundle = NewBundle {
        fund_id: fund_id.clone(),
        manifest: check.manifest_sha256.clone(),
        format: fact("format"),
        audience: fact("audience"),
        period: fact("period"),
        from_day: fact("from"),
        to_day: fact("to"),
        journal_prev_hash: fact("journal_prev_hash"),
        journal_last_hash: fact("journal_last_hash"),
        ledger_transactions: number(&fact("ledger_transactions")),
        records_head: fact("records_head"),
        records_count: number(&fact("records_count")),
        fingerprint: fact("fingerprint"),
        source: shown.clone(),
        added_at: now.clone(),
    };
    // 4. The chains extend what was witnessed.
    let witnessed = hub::heads(&tx, &fund_id)?;
    let prev_position = journal_start(&tx, &shown, &bundle, &witnessed)?;
    check_records(dir, &digests, &shown, &bundle, &witnessed, &refuse)?;
    let bundle_id = hub::insert_bundle(&tx, &bundle)?;
    // 5. Rows: commodities, the journal, contributions, grants, transfers.
    let decimals = commodities(&tx, dir, &digests, &fund_id, &shown, &refuse)?;
    let mut rows = Rows::prepare(&tx)?;
    let ctx = Ingest {
        dir,
        shown: &shown,
        fund_id: &fund_id,
        bundle_id,
        decimals: &decimals,
        digests: &digests,
    };
    let (new_txns, held_txns, last_txn) = ctx.journal(&mut rows)?;
    hub::insert_month_sums(&tx, &fund_id, bundle_id)?;
    ctx.contributions(&mut rows)?;
    ctx.grants(&mut rows)?;
    let transfers = ctx.transfers(&mut rows)?;
    drop(rows);
    // 6. Witness both heads.
    let heads = [
        Head {
            fund_id: fund_id.clone(),
            chain: Chain::Journal,
            hash: bundle.journal_last_hash.clone(),
            position: last_txn.unwrap_or(prev_position),
            seen_at: now.clone(),
            bundle_id,
            bundle: bundle.manifest.clone(),
        },
        Head {
            fund_id: fund_id.clone(),
            chain: Chain::Records,
            hash: bundle.records_head.clone(),
            position: bundle.records_count,
            seen_at: now.clone(),
            bundle_id,
            bundle: bundle.manifest.clone(),
        },
    ];
    for head in &heads {
        hub::insert_head(&tx, head)?;
    }
    tx.commit()
        .map_err(|e| Error::from_sqlite(e, "committing"))?;
    Ok(AddedBundle {
        fund_id,
        fund: fund.name,
        period: bundle.period,
        manifest: bundle.manifest,
        new_txns,
        held_txns,
        transfers,
        heads,
    })
}

/// A whole number of BUNDLE.csv (the check vouched for its form).
fn number(text: &str) -> i64 {
    text.parse().unwrap_or(0)
}

/// The latest witnessed head of `chain`, if any.
fn latest(witnessed: &[Head], chain: Chain) -> Option<&Head> {
    witnessed.iter().rev().find(|h| h.chain == chain)
}

/// Step 4 for the journal: the bundle's previous hash is the genesis, a
/// witnessed journal head or a transaction the hub holds for the fund (an
/// overlapping bundle, whose rows step 5 compares). Returns the position
/// of that hash (the number of the transaction it ends).
fn journal_start(
    conn: &Connection,
    shown: &str,
    bundle: &NewBundle,
    witnessed: &[Head],
) -> Result<i64> {
    let prev = &bundle.journal_prev_hash;
    if prev == GENESIS {
        return Ok(0);
    }
    if let Some(head) = witnessed
        .iter()
        .find(|h| h.chain == Chain::Journal && &h.hash == prev)
    {
        return Ok(head.position);
    }
    if let Some(txn) = hub::txn_by_hash(conn, &bundle.fund_id, prev)? {
        return Ok(txn);
    }
    match latest(witnessed, Chain::Journal) {
        Some(head) => Err(Error::HubChain(Box::new(ChainBreak {
            dir: shown.to_owned(),
            fund_id: bundle.fund_id.clone(),
            chain: "journal",
            starts: "continues from",
            given: prev.clone(),
            held: head.hash.clone(),
            position: head.position,
            seen_at: head.seen_at.clone(),
            bundle: head.bundle.clone(),
        }))),
        None => Err(Error::HubBundle {
            dir: shown.to_owned(),
            reason: format!(
                "its journal continues from {prev}, and this hub has witnessed no head of fund {} yet: add the fund's earlier bundles first, from the one that starts at its first transaction",
                bundle.fund_id
            ),
        }),
    }
}

/// Step 4 for the records: the bundle's records chain is at least as long
/// as every witnessed records head, and has that head at its position.
fn check_records(
    dir: &Path,
    digests: &HashMap<String, String>,
    shown: &str,
    bundle: &NewBundle,
    witnessed: &[Head],
    refuse: &dyn Fn(String) -> Error,
) -> Result<()> {
    let wanted: BTreeMap<i64, &Head> = witnessed
        .iter()
        .filter(|h| h.chain == Chain::Records && h.position > 0)
        .map(|h| (h.position, h))
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let mut found: HashMap<i64, String> = HashMap::new();
    let mut position = 0i64;
    for_each_row::<bundle::RecordRow>(dir, RECORDS, digests, refuse, |row, _| {
        position += 1;
        if wanted.contains_key(&position) {
            found.insert(position, row.hash);
        }
        Ok(())
    })?;
    for (position, head) in wanted {
        let given = found.get(&position);
        if given != Some(&head.hash) {
            return Err(Error::HubChain(Box::new(ChainBreak {
                dir: shown.to_owned(),
                fund_id: bundle.fund_id.clone(),
                chain: "records",
                starts: if given.is_some() {
                    "has at that position"
                } else {
                    "ends at"
                },
                given: given.cloned().unwrap_or_else(|| {
                    format!(
                        "{} (position {})",
                        bundle.records_head, bundle.records_count
                    )
                }),
                held: head.hash.clone(),
                position,
                seen_at: head.seen_at.clone(),
                bundle: head.bundle.clone(),
            })));
        }
    }
    Ok(())
}

/// MANIFEST.csv, read again and compared with the digest the check
/// vouched for: each file's SHA-256, by name.
fn manifest_digests(
    dir: &Path,
    manifest_sha256: &str,
    refuse: &dyn Fn(String) -> Error,
) -> Result<HashMap<String, String>> {
    let bytes = std::fs::read(dir.join(MANIFEST)).map_err(|e| Error::Io {
        context: format!("reading {}", dir.join(MANIFEST).display()),
        source: e,
    })?;
    if hex(&Sha256::digest(&bytes)) != manifest_sha256 {
        return Err(refuse(format!(
            "{MANIFEST} changed while it was being added"
        )));
    }
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let mut digests = HashMap::new();
    for row in reader.deserialize::<bundle::ManifestRow>() {
        let row = row.map_err(|e| refuse(format!("{MANIFEST}: {e}")))?;
        digests.insert(row.file, row.sha256);
    }
    Ok(digests)
}

/// A reader that hashes what it reads.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Streams the rows of the bundle file `name` (every cell unguarded, as
/// the bundle's writer guarded it) to `each` with their line, then checks
/// that the bytes read are the ones MANIFEST.csv lists. A file the
/// manifest does not list (transfers.csv before v3) is skipped.
fn for_each_row<R: for<'de> Deserialize<'de>>(
    dir: &Path,
    name: &str,
    digests: &HashMap<String, String>,
    refuse: &dyn Fn(String) -> Error,
    mut each: impl FnMut(R, u64) -> Result<()>,
) -> Result<()> {
    let Some(digest) = digests.get(name) else {
        return Ok(());
    };
    let path = dir.join(name);
    let file = File::open(&path).map_err(|e| Error::Io {
        context: format!("reading {}", path.display()),
        source: e,
    })?;
    let mut source = Hashing {
        inner: BufReader::new(file),
        hasher: Sha256::new(),
    };
    {
        let mut reader = csv::Reader::from_reader(&mut source);
        let headers = reader
            .headers()
            .map_err(|e| refuse(format!("{name}: {e}")))?
            .clone();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(refuse(format!("{name}: {e}"))),
            }
            crate::domain::cell::unguard_record(&mut record);
            let line = record.position().map_or(0, csv::Position::line);
            let row: R = record
                .deserialize(Some(&headers))
                .map_err(|e| refuse(format!("{name} line {line}: {e}")))?;
            each(row, line)?;
        }
    }
    std::io::copy(&mut source, &mut std::io::sink()).map_err(|e| Error::Io {
        context: format!("reading {}", path.display()),
        source: e,
    })?;
    if &hex(&source.hasher.finalize()) != digest {
        return Err(refuse(format!("{name} changed while it was being added")));
    }
    Ok(())
}

/// commodities.csv: each commodity's decimals, recorded for the fund the
/// first time; a later bundle must agree.
fn commodities(
    conn: &Connection,
    dir: &Path,
    digests: &HashMap<String, String>,
    fund_id: &str,
    shown: &str,
    refuse: &dyn Fn(String) -> Error,
) -> Result<HashMap<String, u32>> {
    let mut decimals = HashMap::new();
    for_each_row::<bundle::CommodityRow>(dir, COMMODITIES, digests, refuse, |row, line| {
        let places: u32 = row.decimals.parse().map_err(|_| {
            refuse(format!(
                "{COMMODITIES} line {line}: decimals {:?}",
                row.decimals
            ))
        })?;
        match hub::commodity_decimals(conn, fund_id, &row.commodity)? {
            None => hub::insert_commodity(conn, fund_id, &row.commodity, places)?,
            Some(held) if held == places => {}
            Some(held) => {
                return Err(Error::HubOverlap {
                    dir: shown.to_owned(),
                    what: format!("commodity {}", row.commodity),
                    sides: Box::new([
                        format!("{held} decimals"),
                        format!("{places} decimals"),
                        "an earlier one".into(),
                    ]),
                });
            }
        }
        decimals.insert(row.commodity, places);
        Ok(())
    })?;
    Ok(decimals)
}

/// What streaming one bundle's rows needs.
struct Ingest<'a> {
    dir: &'a Path,
    shown: &'a str,
    fund_id: &'a str,
    bundle_id: i64,
    decimals: &'a HashMap<String, u32>,
    digests: &'a HashMap<String, String>,
}

impl Ingest<'_> {
    fn refuse(&self, reason: String) -> Error {
        Error::HubBundle {
            dir: self.shown.to_owned(),
            reason,
        }
    }

    /// An amount in minor units of its commodity, exactly.
    fn minor(&self, file: &str, line: u64, text: &str, commodity: &str) -> Result<i64> {
        let Some(&decimals) = self.decimals.get(commodity) else {
            return Err(self.refuse(format!(
                "{file} line {line}: commodity {commodity} is not in {COMMODITIES}"
            )));
        };
        let value = parse_decimal(text)?;
        to_minor(value, &Commodity::new(commodity, decimals)?, text)
    }

    fn txn_number(&self, file: &str, line: u64, text: &str) -> Result<i64> {
        text.parse()
            .map_err(|_| self.refuse(format!("{file} line {line}: txn {text:?}")))
    }

    fn optional_txn(&self, file: &str, line: u64, text: &str) -> Result<Option<i64>> {
        if text.is_empty() {
            Ok(None)
        } else {
            self.txn_number(file, line, text).map(Some)
        }
    }

    fn differs(&self, what: String, held: String, given: String, bundle: Option<String>) -> Error {
        Error::HubOverlap {
            dir: self.shown.to_owned(),
            what,
            sides: Box::new([
                held,
                given,
                bundle.unwrap_or_else(|| "an earlier one".into()),
            ]),
        }
    }

    /// journal.csv: new transactions with their postings; held ones must
    /// have the same hash. Returns the new and held counts and the last
    /// transaction's number.
    fn journal(&self, rows: &mut Rows<'_>) -> Result<(u64, u64, Option<i64>)> {
        let (mut new, mut held) = (0u64, 0u64);
        let mut current: Option<(i64, bool)> = None;
        let mut seq = 0i64;
        let refuse = |reason: String| self.refuse(reason);
        for_each_row::<bundle::JournalRow>(
            self.dir,
            JOURNAL,
            self.digests,
            &refuse,
            |row, line| {
                let txn = self.txn_number(JOURNAL, line, &row.txn)?;
                if current.map(|(t, _)| t) != Some(txn) {
                    let added = rows.txn(&TxnRow {
                        fund_id: self.fund_id.to_owned(),
                        txn,
                        date: row.date.clone(),
                        description: row.description.clone(),
                        payee: row.payee.clone(),
                        reference: row.reference.clone(),
                        reverses: self.optional_txn(JOURNAL, line, &row.reverses)?,
                        hash: row.hash.clone(),
                        bundle_id: self.bundle_id,
                    })?;
                    let is_new = match added {
                        Added::New => {
                            new += 1;
                            true
                        }
                        Added::Held => {
                            held += 1;
                            false
                        }
                        Added::Differs { held, bundle } => {
                            return Err(self.differs(
                                format!("txn {txn}"),
                                format!("hash {held}"),
                                format!("hash {}", row.hash),
                                bundle,
                            ));
                        }
                    };
                    current = Some((txn, is_new));
                    seq = 0;
                }
                seq += 1;
                if current.is_some_and(|(_, is_new)| is_new) {
                    rows.posting(&PostingRow {
                        fund_id: self.fund_id.to_owned(),
                        txn,
                        seq,
                        amount: self.minor(JOURNAL, line, &row.amount, &row.commodity)?,
                        account: row.account,
                        commodity: row.commodity,
                        pool: row.pool,
                        memo: row.memo,
                    })?;
                }
                Ok(())
            },
        )?;
        Ok((new, held, current.map(|(t, _)| t)))
    }

    /// contributors.csv, by transaction and row within it.
    fn contributions(&self, rows: &mut Rows<'_>) -> Result<()> {
        let mut last: Option<(i64, i64)> = None;
        let refuse = |reason: String| self.refuse(reason);
        for_each_row::<bundle::ContributorRow>(
            self.dir,
            CONTRIBUTORS,
            self.digests,
            &refuse,
            |row, line| {
                let txn = self.txn_number(CONTRIBUTORS, line, &row.txn)?;
                let seq = match last {
                    Some((t, s)) if t == txn => s + 1,
                    _ => 1,
                };
                last = Some((txn, seq));
                let given = ContributionRow {
                    fund_id: self.fund_id.to_owned(),
                    txn,
                    seq,
                    date: row.date,
                    contributor: row.contributor,
                    kind: row.kind,
                    pool: row.pool,
                    amount: self.minor(CONTRIBUTORS, line, &row.amount, &row.commodity)?,
                    commodity: row.commodity,
                    voided_by: self.optional_txn(CONTRIBUTORS, line, &row.voided_by)?,
                    bundle_id: self.bundle_id,
                };
                match rows.contribution(&given)? {
                    Added::New | Added::Held => Ok(()),
                    Added::Differs { held, bundle } => Err(self.differs(
                        format!("{CONTRIBUTORS} row {seq} of txn {txn}"),
                        held,
                        hub::contribution_text(
                            &given.date,
                            &given.contributor,
                            &given.kind,
                            &given.pool,
                            given.amount,
                            &given.commodity,
                        ),
                        bundle,
                    )),
                }
            },
        )
    }

    /// grants.csv, as of the bundle's last day.
    fn grants(&self, rows: &mut Rows<'_>) -> Result<()> {
        let refuse = |reason: String| self.refuse(reason);
        for_each_row::<bundle::GrantRow>(self.dir, GRANTS, self.digests, &refuse, |row, line| {
            let money = |text: &str| -> Result<i64> {
                if text.is_empty() {
                    Ok(0)
                } else {
                    self.minor(GRANTS, line, text, &row.commodity)
                }
            };
            rows.grant(&HubGrant {
                bundle_id: self.bundle_id,
                fund_id: self.fund_id.to_owned(),
                amount: money(&row.amount)?,
                paid: money(&row.paid)?,
                returned: money(&row.returned)?,
                grant_id: row.grant,
                pool: row.pool,
                commodity: row.commodity,
                status: row.status,
                decision: row.decision,
                applied_at: row.applied_at,
                decided_at: row.decided_at,
            })
        })
    }

    /// transfers.csv (bundle format v3); none in earlier bundles.
    fn transfers(&self, rows: &mut Rows<'_>) -> Result<u64> {
        let mut count = 0;
        let refuse = |reason: String| self.refuse(reason);
        for_each_row::<bundle::TransferRow>(
            self.dir,
            TRANSFERS,
            self.digests,
            &refuse,
            |row, line| {
                let txn = self.txn_number(TRANSFERS, line, &row.txn)?;
                let sent_amount = if row.sent_amount.is_empty() {
                    None
                } else {
                    Some(self.minor(TRANSFERS, line, &row.sent_amount, &row.sent_commodity)?)
                };
                let given = TransferRow {
                    fund_id: self.fund_id.to_owned(),
                    txn,
                    date: row.date,
                    direction: row.direction,
                    transfer_id: row.transfer_id,
                    counterpart_fund: row.counterpart_fund,
                    amount: self.minor(TRANSFERS, line, &row.amount, &row.commodity)?,
                    commodity: row.commodity,
                    sent_amount,
                    sent_commodity: (!row.sent_commodity.is_empty()).then_some(row.sent_commodity),
                    rate: (!row.rate.is_empty()).then_some(row.rate),
                    pool: row.pool,
                    grant_id: row.grant,
                    voided_by: self.optional_txn(TRANSFERS, line, &row.voided_by)?,
                };
                count += 1;
                match rows.transfer(&given)? {
                    Added::New | Added::Held => Ok(()),
                    Added::Differs { held, bundle } => Err(self.differs(
                        format!("{TRANSFERS} row of txn {txn}"),
                        held,
                        hub::transfer_text(
                            &given.direction,
                            &given.transfer_id,
                            given.amount,
                            &given.commodity,
                            &given.counterpart_fund,
                            &given.date,
                        ),
                        bundle,
                    )),
                }
            },
        )?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Access;

    const FUND: &str = "0123456789abcdef0123456789abcdef";
    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    fn write(dir: &Path, name: &str, text: &str, manifest: &mut String) {
        std::fs::write(dir.join(name), text).unwrap();
        let rows = text.lines().count() - 1;
        manifest.push_str(&format!(
            "{name},{rows},{}\n",
            hex(&Sha256::digest(text.as_bytes()))
        ));
    }

    /// A bundle of two transactions, one a transfer received in another
    /// currency (transfers.csv, format v3), with its check as clean and
    /// signed.
    fn bundle(dir: &Path) -> Checked {
        let h1 = "1".repeat(64);
        let h2 = "2".repeat(64);
        checked(
            dir,
            &format!(
                "1,2026-04-01,'=gift,assets:bank,10.05,MXN,,,,,,{GENESIS},{h1}\n\
                 1,2026-04-01,'=gift,income:gifts,-10.05,MXN,,,,,,{GENESIS},{h1}\n\
                 2,2026-04-02,transfer,assets:bank,170.00,MXN,{FUND},x-1,,,,{h1},{h2}\n\
                 2,2026-04-02,transfer,income:transfers,-10.00,USD,{FUND},x-1,,,,{h1},{h2}\n"
            ),
            "",
            (GENESIS, &h2),
        )
    }

    /// A bundle of `journal` rows (and `voided_by` of the transfer of
    /// txn 2) from one journal hash to another, checked clean and signed.
    fn checked(dir: &Path, journal: &str, voided_by: &str, (prev, last): (&str, &str)) -> Checked {
        let mut manifest = String::from("file,rows,sha256\n");
        write(
            dir,
            COMMODITIES,
            "commodity,decimals,name\nMXN,2,\nUSD,2,\n",
            &mut manifest,
        );
        // The journal's columns as the bundle's spec has them, the rows'
        // cells after `hash` (the form and the salts) left empty.
        let columns = crate::domain::bundle::columns(JOURNAL);
        let mut text = columns.join(",") + "\n";
        for line in journal.lines() {
            let cells = line.split(',').count();
            text.push_str(&format!("{line}{}\n", ",".repeat(columns.len() - cells)));
        }
        write(dir, JOURNAL, &text, &mut manifest);
        write(
            dir,
            TRANSFERS,
            &format!(
                "txn,date,direction,transfer_id,counterpart_fund,amount,commodity,sent_amount,sent_commodity,rate,pool,grant,voided_by\n\
                 2,2026-04-02,received,ffff-1,ffff,170.00,MXN,10.00,USD,17,,G-1,{voided_by}\n"
            ),
            &mut manifest,
        );
        std::fs::write(dir.join(MANIFEST), &manifest).unwrap();
        let facts = [
            ("fund_id", FUND),
            ("format", "fondo-audit-v3"),
            ("period", "2026-Q2"),
            ("journal_prev_hash", prev),
            ("journal_last_hash", last),
            ("records_head", GENESIS),
            ("records_count", "0"),
        ];
        Checked {
            facts: facts
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            findings: Vec::new(),
            manifest_sha256: hex(&Sha256::digest(manifest.as_bytes())),
            signed_by: Some(parse_public_key("k", KEY).unwrap().fingerprint),
        }
    }

    /// The rows of `sql`, each as text.
    fn rows(hub: &Hub, sql: &str) -> Vec<String> {
        let mut stmt = hub.conn().prepare(sql).unwrap();
        let columns = stmt.column_count();
        stmt.query_map([], |r| {
            (0..columns)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                        other => format!("{other:?}"),
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|row| row.join("|"))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Sums by fund, month, account, counterpart, pool and commodity, and
    /// by fund, month, pool and commodity of the pools' accounts: straight
    /// from the postings (as the summary read them before the month
    /// tables), and from the month tables over all their bundles.
    fn sums(hub: &Hub) -> [Vec<String>; 4] {
        [
            "SELECT p.fund_id, substr(t.date, 1, 7), p.account,
                    CASE WHEN lower(p.account) IN ('expenses:transfers', 'income:transfers')
                         THEN COALESCE(o.payee, t.payee) ELSE '' END,
                    p.pool, p.commodity,
                    SUM(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END),
                    SUM(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END)
             FROM hub_postings p
             JOIN hub_txns t ON t.fund_id = p.fund_id AND t.txn = p.txn
             LEFT JOIN hub_txns o ON o.fund_id = t.fund_id AND o.txn = t.reverses
             GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
            "SELECT fund_id, month, account, counterpart, pool, commodity, SUM(debits),
                    SUM(credits)
             FROM hub_month_sums GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
            "SELECT p.fund_id, substr(t.date, 1, 7), p.pool, p.commodity, SUM(p.amount)
             FROM hub_postings p
             JOIN hub_txns t ON t.fund_id = p.fund_id AND t.txn = p.txn
             WHERE lower(substr(p.account, 1, instr(p.account || ':', ':') - 1))
                   IN ('income', 'expenses', 'equity')
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            "SELECT fund_id, month, pool, commodity, SUM(amount)
             FROM hub_month_pools GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        ]
        .map(|sql| rows(hub, sql))
    }

    #[test]
    fn month_sums_equal_the_postings_sums_with_held_months_voids_and_an_older_hub() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hub.db");
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        let mut hub = Hub::create(&path, clock.clone()).unwrap();
        init(&mut hub, "North").unwrap();
        add_fund(&mut hub, FUND, "Barrio", "k", KEY).unwrap();
        let first = dir.path().join("first");
        std::fs::create_dir(&first).unwrap();
        add(&mut hub, &first, &bundle(&first)).unwrap();

        // The second bundle holds txn 2 again, adds txn 3 in April (a month
        // the hub holds) and a void of txn 2 in May, without its payee.
        let second = dir.path().join("second");
        std::fs::create_dir(&second).unwrap();
        let [h1, h2, h3, h4] = ["1", "2", "3", "4"].map(|c| c.repeat(64));
        let checked_second = checked(
            &second,
            &format!(
                "2,2026-04-02,transfer,assets:bank,170.00,MXN,{FUND},x-1,,,,{h1},{h2}\n\
                 2,2026-04-02,transfer,income:transfers,-10.00,USD,{FUND},x-1,,,,{h1},{h2}\n\
                 3,2026-04-20,rent,expenses:rent,5.00,MXN,Landlord,,,food,,{h2},{h3}\n\
                 3,2026-04-20,rent,assets:bank,-5.00,MXN,Landlord,,,,,{h2},{h3}\n\
                 4,2026-05-03,void,assets:bank,-170.00,MXN,,,,,2,{h3},{h4}\n\
                 4,2026-05-03,void,income:transfers,10.00,USD,,,,,2,{h3},{h4}\n"
            ),
            "4",
            (&h1, &h4),
        );
        let added = add(&mut hub, &second, &checked_second).unwrap();
        assert_eq!((added.new_txns, added.held_txns), (2, 1));
        let [by_postings, by_months, pools_by_postings, pools_by_months] = sums(&hub);
        assert_eq!(by_months, by_postings);
        assert_eq!(pools_by_months, pools_by_postings);
        let void = format!("{FUND}|2026-05|income:transfers|{FUND}||USD|Integer(1000)|Integer(0)");
        assert!(by_months.contains(&void), "{by_months:?}");
        assert!(
            pools_by_months.contains(&format!("{FUND}|2026-04|food|MXN|Integer(500)")),
            "{pools_by_months:?}"
        );
        let rows: i64 = hub
            .conn()
            .query_row(
                "SELECT count(*) FROM hub_month_sums WHERE month = '2026-04' AND account = 'assets:bank'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, 2, "April's bank postings, one row per bundle");

        // A hub file made before the table: migration 2 fills it from the
        // postings it holds.
        hub.conn()
            .execute_batch(
                "DROP TABLE hub_month_sums; DROP TABLE hub_month_pools;
                 DROP INDEX hub_txns_voids; DROP INDEX hub_txns_tranches;
                 DROP INDEX hub_contributions_by_date; DROP INDEX hub_bundles_by_fund;
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        drop(hub);
        let hub = Hub::open(&path, Access::Write, clock).unwrap();
        assert_eq!(
            sums(&hub),
            [
                by_postings.clone(),
                by_postings,
                pools_by_postings.clone(),
                pools_by_postings
            ]
        );
    }

    #[test]
    fn a_bundle_goes_in_exactly_with_its_transfers_and_a_change_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        let mut hub = Hub::create(&dir.path().join("hub.db"), clock).unwrap();
        init(&mut hub, "North").unwrap();
        add_fund(&mut hub, FUND, "Barrio", "k", KEY).unwrap();
        let b = dir.path().join("b");
        std::fs::create_dir(&b).unwrap();
        let checked = bundle(&b);

        // A file changed after the check is refused, and nothing written.
        let journal = std::fs::read_to_string(b.join(JOURNAL)).unwrap();
        std::fs::write(b.join(JOURNAL), journal.replace("10.05", "10.06")).unwrap();
        let err = add(&mut hub, &b, &checked).unwrap_err().to_string();
        assert!(err.contains("journal.csv changed"), "{err}");
        let count = |table: &str| -> i64 {
            hub.conn()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            count("hub_bundles") + count("hub_txns") + count("hub_heads"),
            0
        );
        std::fs::write(b.join(JOURNAL), journal).unwrap();

        let added = add(&mut hub, &b, &checked).unwrap();
        assert_eq!(
            (added.new_txns, added.held_txns, added.transfers),
            (2, 0, 1)
        );
        assert_eq!(added.heads[0].position, 2);
        let (description, amount): (String, i64) = hub
            .conn()
            .query_row(
                "SELECT t.description, p.amount FROM hub_txns t
                 JOIN hub_postings p USING (fund_id, txn) WHERE t.txn = 1 AND p.seq = 2",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((description.as_str(), amount), ("=gift", -1005));
        let transfer: (i64, Option<i64>, Option<String>, String, Option<String>) = hub
            .conn()
            .query_row(
                "SELECT amount, sent_amount, sent_commodity, grant_id, rate FROM hub_transfers",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(
            transfer,
            (
                17000,
                Some(1000),
                Some("USD".into()),
                "G-1".into(),
                Some("17".into())
            )
        );
    }
}
