//! `fondo verify`: every invariant the ledger promises, checked from the data.
//!
//! One streaming pass over the journal recomputes every transaction's hash
//! and the chain, the balance of each transaction, postings to closed
//! accounts, the trial balance and the journal's caches (`caches`);
//! then the fund's recorded head, the voids, and SQLite's own
//! `integrity_check` (run beside the rest on a second connection,
//! [`Db::integrity_check_beside`]). The hashes and the chain are
//! recomputed on a thread of their own while the rows are read (`chain`),
//! in the same order of findings. Every finding is collected with a
//! stable code; none stops the check. This module holds that pass and the
//! driver; the checks on the governance records and grants (`governance`),
//! the community tables (`tables`), closed periods (`periods`), transfers
//! (`transfers`) and pooled purchases (`purchases`) each have their own file
//! and report through the same `Checker`.
//!
//! Rule: verify reads one snapshot (the file's structure aside),
//! re-derives everything from the records and the journal, trusts nothing
//! recorded, and reports [`Finding`]s with stable V1xx codes.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

pub use crate::audit::finding::Finding;
use crate::audit::finding::{Code, Location};
use crate::books::pools::GivenSums;
use crate::domain::FastMap;
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::hash::{GENESIS, Sealer};
use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::domain::money::{Commodity, format_minor};
use crate::error::{Result, SqlContext};
use crate::store::accounts::StoredAccount;
use crate::store::txns::{JournalPosting, JournalTxn, Selection};
use crate::store::{Db, accounts, beside, commodities, fund, pools, txns};

mod caches;
mod chain;
use chain::Chain;
mod governance;
mod periods;
mod purchases;
mod tables;
mod transfers;

/// The outcome of a verification.
#[derive(Debug, Clone)]
pub struct Verification {
    pub findings: Vec<Finding>,
    pub transactions: u64,
    pub postings: u64,
    /// The head of the chain recomputed from the data.
    pub fingerprint: String,
    /// Governance records checked, and the head of their chain recomputed.
    pub records: u64,
    pub records_head: String,
}

/// The finding codes.
pub mod codes {
    use crate::audit::finding::Code;

    pub const INTEGRITY: Code = Code::V101;
    pub const UNBALANCED: Code = Code::V102;
    pub const HASH_MISMATCH: Code = Code::V103;
    pub const CHAIN_BREAK: Code = Code::V104;
    pub const CLOSED_ACCOUNT: Code = Code::V105;
    pub const TRIAL_BALANCE: Code = Code::V106;
    pub const HEAD_MISMATCH: Code = Code::V107;
    pub const TOTALS_MISMATCH: Code = Code::V108;
    pub const MALFORMED: Code = Code::V109;
    pub const BAD_VOID: Code = Code::V110;
    pub const POOL_BELOW_ZERO: Code = Code::V111;
    pub const POOL_TAG: Code = Code::V112;
    pub const UNBACKED: Code = Code::V113;
    pub const RECORDS_CHAIN: Code = Code::V114;
    pub const OVERPAID: Code = Code::V115;
    pub const OVERCOMMITTED: Code = Code::V116;
    pub const DECISION: Code = Code::V117;
    pub const AUDIT: Code = Code::V118;
    pub const PURCHASE: Code = Code::V119;
    pub const CLOSED_PERIOD: Code = Code::V120;
    pub const CORRECTION: Code = Code::V123;
    pub const VOTE_APPLICANT: Code = Code::V124;
    pub const VOTE_NOT_STEWARD: Code = Code::V125;
    pub const VOTE_RELATED: Code = Code::V126;
    pub const VOTE_NOT_OPEN: Code = Code::V127;
    pub const VOTE_WINDOW: Code = Code::V128;
    pub const VOTE_UNSIGNED: Code = Code::V129;
    pub const VOTE_KEY: Code = Code::V130;
    pub const VOTE_SIGNATURE: Code = Code::V131;
    pub const VOTE_BALLOT: Code = Code::V132;
    pub const VOTE_FORM: Code = Code::V133;
    pub const UNKNOWN_KIND: Code = Code::V134;
    pub const PAYLOAD: Code = Code::V135;
    pub const FUND_SETTINGS: Code = Code::V136;
    pub const SECRET_MISSING: Code = Code::V137;
    pub const SECRET_CHANGED: Code = Code::V138;
    pub const IMPORT_KEYS: Code = Code::V139;
    pub const FORM_BACK: Code = Code::V140;
    pub const SALT_KEY: Code = Code::V141;
    pub const WITNESSED: Code = Code::V143;
    pub const GRANT_STATE: Code = Code::V144;
    pub const GRANT_COMMITTED: Code = Code::V145;
    pub const TRANSFER: Code = Code::V142;
    /// A reconciled balance the journal no longer gives: an entry forced in
    /// before the reconciliation's date without reopening it.
    pub const RECONCILED_CHANGED: Code = Code::V121;
}

/// Accounts (each with the type its name gives, read once rather than per
/// posting; `None` for a name that is not valid), commodities and pools by
/// id.
struct Names {
    accounts: FastMap<AccountId, (StoredAccount, Option<AccountType>)>,
    commodities: FastMap<CommodityId, Commodity>,
    pools: FastMap<PoolId, String>,
}

impl Names {
    /// An account's name, or `#id` for an id no account has.
    fn account(&self, id: AccountId) -> String {
        self.accounts
            .get(&id)
            .map_or_else(|| format!("#{}", id.get()), |(a, _)| a.name.clone())
    }

    /// A commodity's code, or `#id`.
    fn commodity(&self, id: CommodityId) -> String {
        self.commodities
            .get(&id)
            .map_or_else(|| format!("#{}", id.get()), |c| c.code().to_owned())
    }

    /// A pool's name, or `#id`.
    fn pool(&self, id: PoolId) -> String {
        self.pools
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{}", id.get()))
    }
}

struct Checker {
    findings: Vec<Finding>,
    transactions: u64,
    postings: u64,
    /// The hash chain followed (on its own thread during the journal pass:
    /// [`chain`]).
    chain: Chain,
    trial: BTreeMap<String, (i128, u32)>,
    totals: caches::Days<(AccountId, CommodityId)>,
    /// The pool-tagged postings' sums per (pool, account, commodity, day):
    /// the pools' caches to compare, and each pool's change per day.
    pool_totals: caches::Days<(PoolId, AccountId, CommodityId)>,
    /// Per commodity: the change in the assets accounts' balance per day.
    asset_changes: FastMap<CommodityId, BTreeMap<NaiveDate, i128>>,
    records: u64,
    records_head: String,
}

impl Checker {
    fn find(&mut self, code: Code, location: String, message: String) {
        self.findings.push(Finding {
            code,
            location: Location::At(location),
            message,
        });
    }

    /// One transaction's rows: everything but its hash and the chain,
    /// which [`Chain`] checks.
    fn transaction(&mut self, names: &Names, head: &JournalTxn, postings: &[JournalPosting]) {
        let id = head.id;
        let at = || format!("txn {id}");
        self.transactions += 1;
        self.postings += postings.len() as u64;
        if postings.len() < 2 {
            self.find(
                codes::MALFORMED,
                at(),
                format!(
                    "has {} posting(s); every transaction needs at least two",
                    postings.len()
                ),
            );
        }
        let date = crate::domain::date::parse_date(&head.date).ok();
        if date.is_none() {
            self.find(
                codes::MALFORMED,
                at(),
                format!("has an invalid date {:?}", head.date),
            );
        }
        if head.reverses.is_some() && head.reverses_hash.is_none() {
            self.find(
                codes::BAD_VOID,
                at(),
                "reverses a transaction that does not exist".into(),
            );
        }
        let mut sums: BTreeMap<&str, (i128, u32)> = BTreeMap::new();
        for p in postings {
            let (Some((account, kind)), Some(commodity)) = (
                names.accounts.get(&p.account_id),
                names.commodities.get(&p.commodity_id),
            ) else {
                self.find(
                    codes::MALFORMED,
                    format!("txn {id} line {}", p.line),
                    "refers to a missing account or commodity".into(),
                );
                continue;
            };
            let (code, decimals) = (commodity.code(), commodity.decimals());
            let (closed_on, account) = (account.closed_on, account.name.as_str());
            if let (Some(closed), Some(date)) = (closed_on, date)
                && closed < date
            {
                self.find(
                    codes::CLOSED_ACCOUNT,
                    format!("txn {id} line {}", p.line),
                    format!("posts to {account}, closed on {closed}, on {date}"),
                );
            }
            let sum = sums.entry(code).or_insert((0, decimals));
            sum.0 += i128::from(p.amount);
            // Looked up before inserting: a key is made once per commodity,
            // not once per posting.
            match self.trial.get_mut(code) {
                Some(trial) => trial.0 += i128::from(p.amount),
                None => {
                    self.trial
                        .insert(code.to_owned(), (i128::from(p.amount), decimals));
                }
            }
            if let Some(date) = date {
                *self
                    .totals
                    .entry(((p.account_id, p.commodity_id), date))
                    .or_insert(0) += i128::from(p.amount);
            }
            if let (Some(date), Some(AccountType::Assets)) = (date, kind) {
                *self
                    .asset_changes
                    .entry(p.commodity_id)
                    .or_default()
                    .entry(date)
                    .or_insert(0) += i128::from(p.amount);
            }
            if let Some(pool_id) = p.pool_id {
                let pooled = matches!(
                    kind,
                    Some(AccountType::Income | AccountType::Expenses | AccountType::Equity)
                );
                if !pooled {
                    self.find(
                        codes::POOL_TAG,
                        format!("txn {id} line {}", p.line),
                        format!("{account} carries a pool, but only income, expense and equity postings may"),
                    );
                }
                if let Some(date) = date {
                    *self
                        .pool_totals
                        .entry(((pool_id, p.account_id, p.commodity_id), date))
                        .or_insert(0) += i128::from(p.amount);
                }
                if !names.pools.contains_key(&pool_id) {
                    self.find(
                        codes::POOL_TAG,
                        format!("txn {id} line {}", p.line),
                        format!("refers to pool #{}, which does not exist", pool_id.get()),
                    );
                }
            }
        }
        let off: Vec<String> = sums
            .iter()
            .filter(|(_, (sum, _))| *sum != 0)
            .map(|(code, (sum, decimals))| format!("{} {code}", format_minor(*sum, *decimals)))
            .collect();
        if !off.is_empty() {
            self.find(
                codes::UNBALANCED,
                at(),
                format!("does not balance: off by {}", off.join(", ")),
            );
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// The journal in one ordered scan: each transaction's rows checked here,
/// its hash and the chain on a second thread ([`chain`]), the findings
/// merged into the order one thread would give. The number of postings
/// that belong to no transaction.
fn journal_pass(
    tx: &rusqlite::Transaction<'_>,
    names: &Names,
    checker: &mut Checker,
) -> Result<u64> {
    let first = checker.findings.len();
    let mut chain = std::mem::take(&mut checker.chain);
    // The place in the stream of each finding the rows' checks make.
    let mut row_seqs = Vec::new();
    let mut seq = 0u64;
    let orphans = beside::for_each_beside(
        tx,
        Selection::Dates(None, None),
        "verify-chain",
        |txn, postings| {
            let before = checker.findings.len();
            checker.transaction(names, txn, postings);
            row_seqs.extend(std::iter::repeat_n(seq, checker.findings.len() - before));
            seq += 1;
            Ok(seq - 1)
        },
        |&seq, txn, postings| {
            chain.transaction(names, seq, txn, postings);
            Ok(())
        },
    )?;
    let rows = checker.findings.split_off(first);
    let merged = chain::merge(row_seqs.into_iter().zip(rows), chain.take_findings());
    checker.findings.extend(merged);
    checker.chain = chain;
    Ok(orphans)
}

/// Checks the whole database.
pub fn verify(db: &mut Db) -> Result<Verification> {
    let integrity = db.integrity_check_beside()?;
    let tx = db.read()?;
    let mut checker = Checker {
        findings: Vec::new(),
        transactions: 0,
        postings: 0,
        chain: Chain::default(),
        trial: BTreeMap::new(),
        totals: FastMap::default(),
        pool_totals: FastMap::default(),
        asset_changes: FastMap::default(),
        records: 0,
        records_head: GENESIS.to_owned(),
    };
    match fund::salt_key(&tx) {
        Ok(key) => checker.chain.sealer = Some(Sealer::new(key)),
        Err(_) => checker.find(
            codes::SALT_KEY,
            "fund".into(),
            "its salt key is missing or is not 64 hex digits: no transaction or record in the v2 form can be checked".into(),
        ),
    }
    // The integrity check's findings come first after the salt key's,
    // whenever it ends.
    let integrity_at = checker.findings.len();
    let names = Names {
        accounts: accounts::all(&tx)?
            .into_iter()
            .map(|a| {
                let kind = validate_account_name(&a.name).ok();
                (a.id, (a, kind))
            })
            .collect(),
        commodities: commodities::by_id(&tx)?.into_iter().collect(),
        pools: pools::names_by_id(&tx)?.into_iter().collect(),
    };
    let orphans = journal_pass(&tx, &names, &mut checker)?;
    if orphans > 0 {
        checker.find(
            codes::MALFORMED,
            "postings".into(),
            format!("{orphans} posting(s) belong to no transaction; transactions were deleted"),
        );
    }
    // Per restricted (pool, commodity): the change in holdings per day
    // (credits add).
    let mut pool_changes: HashMap<(PoolId, CommodityId), BTreeMap<NaiveDate, i128>> =
        HashMap::new();
    for (&((pool, _, commodity), day), amount) in &checker.pool_totals {
        *pool_changes
            .entry((pool, commodity))
            .or_default()
            .entry(day)
            .or_insert(0) -= amount;
    }
    let mut restricted: HashMap<CommodityId, BTreeMap<NaiveDate, i128>> = HashMap::new();
    for ((_, commodity), days) in &pool_changes {
        for (day, change) in days {
            *restricted
                .entry(*commodity)
                .or_default()
                .entry(*day)
                .or_insert(0) += change;
        }
    }
    let mut unbacked = Vec::new();
    for (commodity, days) in restricted {
        let assets = checker.asset_changes.remove(&commodity).unwrap_or_default();
        let mut all_days: Vec<NaiveDate> = days.keys().chain(assets.keys()).copied().collect();
        all_days.sort_unstable();
        all_days.dedup();
        let (mut a, mut r) = (0i128, 0i128);
        for day in all_days {
            a += assets.get(&day).copied().unwrap_or(0);
            r += days.get(&day).copied().unwrap_or(0);
            if r > 0 && a < r {
                if let Some(c) = names.commodities.get(&commodity) {
                    unbacked.push((c.code().to_owned(), day, a, r, c.decimals()));
                }
                break;
            }
        }
    }
    unbacked.sort();
    for (code, day, a, r, decimals) in unbacked {
        checker.find(
            codes::UNBACKED,
            format!("commodity {code}"),
            format!(
                "on {day} the fund had {} {code} while its restricted pools held {} {code}: money set aside in pools was spent on something else",
                format_minor(a, decimals),
                format_minor(r, decimals)
            ),
        );
    }
    let mut below: Vec<(String, String, NaiveDate, i128, u32)> = Vec::new();
    for ((pool, commodity), days) in pool_changes {
        let mut held = 0;
        let first_below = days.into_iter().find_map(|(day, change)| {
            held += change;
            (held < 0).then_some((held, day))
        });
        if let (Some((held, day)), Some(c)) = (first_below, names.commodities.get(&commodity)) {
            below.push((
                names.pool(pool),
                c.code().to_owned(),
                day,
                held,
                c.decimals(),
            ));
        }
    }
    below.sort();
    for (pool, code, day, held, decimals) in below {
        checker.find(
            codes::POOL_BELOW_ZERO,
            format!("pool {pool}"),
            format!(
                "holds {} {code} on {day}; pools never go below zero",
                format_minor(held, decimals)
            ),
        );
    }
    for (code, (sum, decimals)) in std::mem::take(&mut checker.trial) {
        if sum != 0 {
            checker.find(
                codes::TRIAL_BALANCE,
                format!("commodity {code}"),
                format!(
                    "all accounts together sum to {} {code}, not zero",
                    format_minor(sum, decimals)
                ),
            );
        }
    }
    let accounts = std::mem::take(&mut checker.totals);
    let pools = std::mem::take(&mut checker.pool_totals);
    // What the pools held on each day, for the grants' checks, from these
    // sums: the caches are only compared with them.
    let sums = GivenSums::new(&accounts, &pools);
    caches::check(&tx, &names, &mut checker, accounts, pools)?;
    match fund::get(&tx)? {
        None => checker.find(
            codes::HEAD_MISMATCH,
            "fund".into(),
            "the fund record is missing".into(),
        ),
        Some(f) => {
            if f.head_hash != checker.chain.stored_prev
                || u64::try_from(f.txn_count).ok() != Some(checker.transactions)
            {
                checker.find(
                    codes::HEAD_MISMATCH,
                    "fund".into(),
                    format!(
                        "the fund records {} transaction(s) ending in {}, the journal has {} ending in {}; transactions were removed or added outside fondo",
                        f.txn_count,
                        short(&f.head_hash),
                        checker.transactions,
                        short(&checker.chain.stored_prev)
                    ),
                );
            }
        }
    }
    governance::check_records(&tx, &mut checker, &sums)?;
    tables::check_audit(&tx, &mut checker)?;
    tables::check_fund_settings(&tx, &mut checker)?;
    tables::check_import_keys(&tx, &mut checker)?;
    transfers::check_transfers(&tx, &mut checker)?;
    periods::check_periods(&tx, &mut checker)?;
    tables::check_corrections(&tx, &mut checker)?;
    for (location, message) in purchases::findings(&tx)? {
        checker.find(codes::PURCHASE, location, message);
    }
    for c in crate::books::reconcile::changed(&tx, crate::store::balances::Source::Postings)? {
        checker.find(
            codes::RECONCILED_CHANGED,
            format!("record {}", c.record),
            format!(
                "{} was reconciled at the end of {} with {} {code}, but the journal now gives {} {code}: an entry was forced in without reopening the reconciliation",
                c.account, c.date, c.reconciled, c.now, code = c.commodity
            ),
        );
    }
    for (void, original) in txns::bad_reversals(&tx)? {
        checker.find(
            codes::BAD_VOID,
            format!("txn {void}"),
            format!("is recorded as the void of transaction {original} but does not mirror it"),
        );
    }
    tx.finish().ctx("ending the read")?;
    let complaints = integrity.finish()?.into_iter().map(|complaint| Finding {
        code: codes::INTEGRITY,
        location: Location::At("database".into()),
        message: format!("sqlite integrity_check: {complaint}"),
    });
    checker
        .findings
        .splice(integrity_at..integrity_at, complaints);
    Ok(Verification {
        findings: checker.findings,
        transactions: checker.transactions,
        postings: checker.postings,
        fingerprint: checker.chain.computed,
        records: checker.records,
        records_head: checker.records_head,
    })
}
