//! `fondo export audit`: writes an audit bundle from one read transaction.
//!
//! The caller holds the read transaction (so the period can be worked out
//! from the same snapshot) and passes its connection. Files are written into
//! a staging directory next to the target (`staging`) and renamed into
//! place only when all of them are complete, so a failure leaves nothing
//! behind; the target must not exist yet, or be an empty directory.
//!
//! Rule: one module per job. Here: the request, the outcome, the order the
//! files are written in and the `Bundle` every file writer shares (the
//! read transaction, the period, the names as the audience sees them, the
//! fund's small lists and the manifest so far). `out` hashes every byte
//! written and writes typed rows ([`crate::domain::bundle::rows`]);
//! `privacy` redacts free text and warns about hidden names that cannot
//! be changed; then one module per family of files: `journal`
//! (`journal.csv`, `reversed.csv`, and the one pass over the period's
//! postings that the other files need), `ledger` (accounts, commodities,
//! balances, pools), `governance` (grants, votes, policies, roles),
//! `contributions` (contributors), `transfers` (transfers.csv, derived
//! from the journal.csv written), `log` (records.csv), `purchases`, `facts`
//! (`BUNDLE.csv`, the README, the manifest) and `signing` (`fund_signers` and
//! `MANIFEST.csv.sig`).

mod ballots;
mod contributions;
mod facts;
mod governance;
mod journal;
mod ledger;
mod log;
mod out;
mod privacy;
mod purchases;
mod signing;
mod staging;
mod tee;
mod transfers;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::readme;

use crate::domain::bundle::{BundleAudience, FORMAT};
use crate::domain::date::iso;
use crate::domain::hash::{GENESIS, account_label, pool_label};
use crate::domain::ids::{AccountId, CommodityId, MemberId, PoolId, TxnId};
use crate::domain::lang::Lang;
use crate::domain::member::{HiddenNames, shown_name};
use crate::domain::period::Span;
use crate::error::{Error, Result};
use crate::render::i18n::Messages;
use crate::report::export::{v1_accounts, v1_pools};
use crate::store::commodities::StoredCommodity;
use crate::store::pools::StoredPool;
use crate::store::{accounts, commodities, fund, members, pools, records};
use out::CsvFile;
use privacy::Privacy;
use staging::{commit, stage};

/// What to write.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub out: PathBuf,
    pub span: Span,
    pub audience: BundleAudience,
    /// The language of README.txt; every other file is the same in every
    /// language.
    pub lang: Lang,
    /// The fund key to sign MANIFEST.csv with, if any.
    pub sign_with: Option<Signing>,
}

/// The fund key a bundle is signed with.
#[derive(Debug, Clone)]
pub struct Signing {
    /// Where the key came from (its file), for errors.
    pub source: String,
    /// The private key, already decrypted.
    pub key: ssh_key::PrivateKey,
    /// The moment of the export: the key must be a fund key registered by
    /// then.
    pub at: NaiveDateTime,
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
    /// The fingerprint of the fund key MANIFEST.csv.sig was made with.
    pub signed_by: Option<String>,
}

/// Writes the bundle for `request` from the snapshot `conn` is reading.
///
/// Fails (writing nothing) when the target is a file or a directory that is
/// not empty, when the signing key is not a fund key registered by its
/// moment, or on any I/O or database error; a failed write names the
/// bundle and the file.
pub fn export(conn: &Connection, request: &ExportRequest) -> Result<Written> {
    write(conn, request).map_err(|e| {
        e.or_writing(|source| Error::Io {
            context: format!(
                "writing the audit bundle {} (nothing of it was kept)",
                request.out.display()
            ),
            source,
        })
    })
}

fn write(conn: &Connection, request: &ExportRequest) -> Result<Written> {
    let signer = match &request.sign_with {
        Some(signing) => Some(signing::signer(conn, signing)?),
        None => None,
    };
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
    bundle.transfers(&pass)?;
    let ballots = bundle.records()?;
    let has_ballots = bundle.ballots(&ballots)?;
    bundle.purchases()?;
    let span = &request.span;
    let facts: Vec<(&str, String)> = vec![
        ("format", FORMAT.to_owned()),
        ("fund", fund.name.clone()),
        ("fund_id", fund::fund_id(conn)?),
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
        crate::domain::bundle::KEYS,
        "BUNDLE.csv keys"
    );
    bundle.facts(&facts)?;
    let states = crate::store::records::period_states(conn)?;
    let standing = crate::domain::period::standing_of(&states, span).map(|s| {
        let hidden = &bundle.privacy.hidden;
        let mut s = s.clone();
        s.close_reason = hidden.redact(&s.close_reason);
        for r in s.reopenings.iter_mut().chain(s.reopened.as_mut()) {
            r.reason = hidden.redact(&r.reason);
        }
        s
    });
    let visibility_changes = visibility_changes(conn, span.from)?;
    let words = Messages::new(request.lang);
    bundle.readme(&readme::text(
        &readme::Facts {
            standing: standing.as_ref(),
            facts: &facts,
            visibility_changes: &visibility_changes,
            audience: request.audience,
            transactions: pass.transactions,
            period_transactions: pass.period_transactions,
            reaches_head: journal_last_hash == fund.head_hash,
            signed_by: signer.as_ref().map(|s| s.fingerprint.as_str()),
            ballots: has_ballots,
        },
        &words,
    ))?;
    if let Some(signer) = &signer {
        bundle.fund_signers(&signer.keys)?;
    }
    let dir = bundle.dir.clone();
    let (manifest, manifest_sha256, warnings) = bundle.finish()?;
    if let Some(signing) = &request.sign_with {
        signing::sign_manifest(&dir, signing)?;
    }
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
        signed_by: signer.map(|s| s.fingerprint),
    })
}

/// The members' visibility changes that took effect on or after `from`
/// (the first day of the period), as (day, from, to), by day: a bundle
/// written afterwards shows those members as they now asked, so it may name
/// fewer people (or more) than outputs published before.
fn visibility_changes(
    conn: &Connection,
    from: NaiveDate,
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
    people: HashMap<MemberId, String>,
    /// The members whose name the audience may not see.
    hidden_members: HashSet<MemberId>,
    /// Accounts as the bundle names them, by id: a label for those whose
    /// name the audience may not see ([`Bundle::account_labels`]).
    account_names: HashMap<AccountId, String>,
    /// The accounts shown by a label, by id.
    account_labels: HashMap<AccountId, String>,
    commodities: Vec<StoredCommodity>,
    /// Commodity id → code and decimal places.
    decimals: HashMap<CommodityId, (String, u32)>,
    pools: Vec<StoredPool>,
    /// Pools as the bundle names them, by id: a label for those whose name
    /// the audience may not see ([`Bundle::pool_labels`]).
    pool_names: HashMap<PoolId, String>,
    /// The pools shown by a label, by id.
    pool_labels: HashMap<PoolId, String>,
    /// Contribution txn → member (None: anonymous) and kind of service.
    contributions: HashMap<TxnId, (Option<MemberId>, Option<String>)>,
    manifest: Vec<ManifestEntry>,
}

impl<'c> Bundle<'c> {
    fn new(conn: &'c Connection, dir: PathBuf, request: &'c ExportRequest) -> Result<Bundle<'c>> {
        let audience = request.audience.audience();
        let secret = fund::secret(conn)?;
        let members = members::all(conn)?;
        let commodities = commodities::all(conn)?;
        let pools = pools::all(conn)?;
        let hidden = crate::books::members::gate(conn, audience)?
            .hidden()
            .clone();
        let mut account_names = accounts::names_by_id(conn)?;
        let mut pool_names: HashMap<PoolId, String> =
            pools.iter().map(|p| (p.id, p.name.clone())).collect();
        let (account_labels, pool_labels) = if request.audience == BundleAudience::Auditor {
            (HashMap::new(), HashMap::new())
        } else {
            (
                Bundle::account_labels(conn, &hidden, &account_names)?,
                Bundle::pool_labels(conn, &hidden, &pool_names)?,
            )
        };
        for (id, label) in &account_labels {
            account_names.insert(*id, label.clone());
        }
        for (id, label) in &pool_labels {
            pool_names.insert(*id, label.clone());
        }
        Ok(Bundle {
            conn,
            dir,
            span: &request.span,
            audience: request.audience,
            privacy: Privacy {
                hidden,
                audience: audience.as_str(),
                sees_relations: request.audience == BundleAudience::Auditor,
                warnings: Vec::new(),
            },
            people: members
                .iter()
                .map(|m| {
                    let shown = shown_name(audience, m.visibility, &m.name, &secret, m.id);
                    (m.id, shown)
                })
                .collect(),
            hidden_members: members
                .iter()
                .filter(|m| !audience.sees_name(m.visibility))
                .map(|m| m.id)
                .collect(),
            account_names,
            account_labels,
            decimals: commodities
                .iter()
                .map(|c| {
                    (
                        c.id,
                        (c.commodity.code().to_owned(), c.commodity.decimals()),
                    )
                })
                .collect(),
            commodities,
            pool_names,
            pool_labels,
            pools,
            contributions: members::contributions(conn)?
                .into_iter()
                .map(|(txn, member, kind)| (txn, (member, kind)))
                .collect(),
            manifest: Vec::new(),
        })
    }

    /// The accounts whose name names someone the audience may not see,
    /// each with its label ([`account_label`]); an account a v1 row posts
    /// to keeps its name (its hash covers it), and the cell scan warns of it.
    fn account_labels(
        conn: &Connection,
        hidden: &HiddenNames,
        names: &HashMap<AccountId, String>,
    ) -> Result<HashMap<AccountId, String>> {
        let candidates: HashSet<AccountId> = names
            .iter()
            .filter(|(_, name)| hidden.find(name).is_some())
            .map(|(id, _)| *id)
            .collect();
        let v1 = v1_accounts(conn, &candidates)?;
        let key = fund::salt_key(conn)?;
        Ok(candidates
            .difference(&v1)
            .map(|id| (*id, account_label(&key, &names[id])))
            .collect())
    }

    /// The pools whose name names someone the audience may not see, each
    /// with its label ([`pool_label`]); a pool that a v1 journal row or its
    /// own v1 record names keeps its name (their hash covers it), and the
    /// cell scan warns of it.
    fn pool_labels(
        conn: &Connection,
        hidden: &HiddenNames,
        names: &HashMap<PoolId, String>,
    ) -> Result<HashMap<PoolId, String>> {
        let candidates: HashSet<PoolId> = names
            .iter()
            .filter(|(id, name)| **id != pools::GENERAL && hidden.find(name).is_some())
            .map(|(id, _)| *id)
            .collect();
        let mut kept = v1_pools(conn, &candidates)?;
        let key = fund::salt_key(conn)?;
        for r in records::all_of_kinds(conn, &["pool"])? {
            let v2 = records::v2_hash(&key, &r.prev_hash, &r.kind, r.grant_id, &r.at, &r.payload)
                == r.hash;
            kept.extend(r.payload["id"].as_i64().filter(|_| !v2).map(PoolId::new));
        }
        Ok(candidates
            .difference(&kept)
            .map(|id| (*id, pool_label(&key, &names[id])))
            .collect())
    }

    /// The name the bundle shows for `pool`: its label, or its name.
    fn pool_name(&self, pool: &StoredPool) -> String {
        self.pool_labels.get(&pool.id).unwrap_or(&pool.name).clone()
    }

    fn person(&self, id: MemberId) -> String {
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
}

/// The cell of an optional value: its text, or empty when it is absent.
fn cell(value: Option<impl std::fmt::Display>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
