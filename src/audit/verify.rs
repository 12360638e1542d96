//! `fondo verify`: every invariant the ledger promises, checked from the data.
//!
//! One streaming pass over the journal recomputes every transaction's hash
//! and the chain, the balance of each transaction, postings to closed
//! accounts, the trial balance and the daily and account totals caches;
//! then the fund's recorded head, the voids, and SQLite's own
//! `integrity_check` (run beside the rest on a second connection,
//! [`Db::integrity_check_beside`]). Every finding is collected with a
//! stable code; none stops the check.
//!
//! Rule: verify reads one snapshot (the file's structure aside), re-derives everything from the records
//! and the journal, trusts nothing recorded, and reports [`Finding`]s with
//! stable V1xx codes.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

pub use crate::audit::finding::Finding;
use crate::audit::finding::{Code, Location};
use crate::books::grants;
use crate::books::pools::{PoolHolding, holdings_committing};
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::date::iso;
use crate::domain::grant::{Commitment, Fault, Status};
use crate::domain::hash::{
    Content, Form, GENESIS, Sealer, commit, hash_in_sealed, record_hash, record_hash_v2,
    record_salt, recorded_form_sealed,
};
use crate::domain::ids::{AccountId, CommodityId, GrantId, MemberId, PoolId, TxnId};
use crate::domain::money::{Commodity, format_minor};
use crate::domain::policy::{Outcome, Tally, evaluate};
use crate::domain::records::{RecordKind, check_payload, sealed_payload};
use crate::error::{Result, SqlContext};
use crate::store::accounts::StoredAccount;
use crate::store::txns::{JournalPosting, JournalTxn};
use crate::store::{Db, accounts, balances, commodities, fund, members, pools, records, txns};

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

/// Accounts and commodities by id.
struct Names {
    accounts: HashMap<AccountId, StoredAccount>,
    commodities: HashMap<CommodityId, Commodity>,
    pools: HashMap<PoolId, String>,
}

struct Checker {
    findings: Vec<Finding>,
    transactions: u64,
    postings: u64,
    /// Hash of the previous stored transaction (what its successor must cite).
    stored_prev: String,
    /// The chain recomputed from content alone.
    computed: String,
    trial: BTreeMap<String, (i128, u32)>,
    totals: HashMap<(AccountId, CommodityId, NaiveDate), i128>,
    /// Per restricted (pool, commodity): the change in holdings per day.
    pool_changes: HashMap<(PoolId, CommodityId), BTreeMap<NaiveDate, i128>>,
    /// Per commodity: the change in the assets accounts' balance per day.
    asset_changes: HashMap<CommodityId, BTreeMap<NaiveDate, i128>>,
    records: u64,
    records_head: String,
    /// The fund's salt key, with the seals of the names it met (None
    /// when the key is missing: a V141 finding).
    sealer: Option<Sealer>,
    /// Whether a transaction in the v2 form was seen.
    v2_seen: bool,
}

impl Checker {
    fn find(&mut self, code: Code, location: String, message: String) {
        self.findings.push(Finding {
            code,
            location: Location::At(location),
            message,
        });
    }

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
        let mut canonical = Vec::with_capacity(postings.len());
        for p in postings {
            let (Some(account), Some(commodity)) = (
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
            let trial = self.trial.entry(code.to_owned()).or_insert((0, decimals));
            trial.0 += i128::from(p.amount);
            if let Some(date) = date {
                *self
                    .totals
                    .entry((p.account_id, p.commodity_id, date))
                    .or_insert(0) += i128::from(p.amount);
            }
            if let (Some(date), Ok(AccountType::Assets)) = (date, validate_account_name(account)) {
                *self
                    .asset_changes
                    .entry(p.commodity_id)
                    .or_default()
                    .entry(date)
                    .or_insert(0) += i128::from(p.amount);
            }
            let pool = match p.pool_id {
                None => "",
                Some(pool_id) => {
                    let pooled = matches!(
                        validate_account_name(account),
                        Ok(AccountType::Income | AccountType::Expenses | AccountType::Equity)
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
                            .pool_changes
                            .entry((pool_id, p.commodity_id))
                            .or_default()
                            .entry(date)
                            .or_insert(0) -= i128::from(p.amount);
                    }
                    match names.pools.get(&pool_id) {
                        Some(name) => name.as_str(),
                        None => {
                            self.find(
                                codes::POOL_TAG,
                                format!("txn {id} line {}", p.line),
                                format!("refers to pool #{}, which does not exist", pool_id.get()),
                            );
                            ""
                        }
                    }
                }
            };
            canonical.push((
                account,
                code,
                format_minor(p.amount.into(), decimals),
                p.memo.as_deref().unwrap_or(""),
                pool,
            ));
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
        let content = Content {
            date: &head.date,
            description: &head.description,
            payee: head.payee.as_deref().unwrap_or(""),
            reference: head.reference.as_deref().unwrap_or(""),
            reverses: head.reverses_hash.as_deref().unwrap_or(""),
            postings: canonical,
        };
        if head.prev_hash != self.stored_prev {
            self.find(
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
                codes::FORM_BACK,
                at(),
                "is in the v1 form after a transaction in the v2 form; the chain switches once and never back, so it was written outside fondo".into(),
            );
        }
        let hash_after = |prev: &str| {
            hash_in_sealed(form, prev, &content, sealed.as_ref())
                .expect("a form is only found when it can express the transaction")
        };
        if recomputed != head.hash {
            self.find(
                codes::HASH_MISMATCH,
                at(),
                "its content does not match its stored hash; it was changed after it was posted"
                    .into(),
            );
        }
        self.computed = if self.computed == head.prev_hash {
            recomputed
        } else {
            hash_after(&self.computed)
        };
        self.stored_prev.clone_from(&head.hash);
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Checks the whole database.
pub fn verify(db: &mut Db) -> Result<Verification> {
    let integrity = db.integrity_check_beside()?;
    let tx = db.read()?;
    let mut checker = Checker {
        findings: Vec::new(),
        transactions: 0,
        postings: 0,
        stored_prev: GENESIS.to_owned(),
        computed: GENESIS.to_owned(),
        trial: BTreeMap::new(),
        totals: HashMap::new(),
        pool_changes: HashMap::new(),
        asset_changes: HashMap::new(),
        records: 0,
        records_head: GENESIS.to_owned(),
        sealer: None,
        v2_seen: false,
    };
    match fund::salt_key(&tx) {
        Ok(key) => checker.sealer = Some(Sealer::new(key)),
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
        accounts: accounts::all(&tx)?.into_iter().map(|a| (a.id, a)).collect(),
        commodities: commodities::by_id(&tx)?,
        pools: pools::names_by_id(&tx)?,
    };
    let orphans = txns::for_each_txn(&tx, None, None, |txn, postings| {
        checker.transaction(&names, txn, postings);
        Ok(())
    })?;
    if orphans > 0 {
        checker.find(
            codes::MALFORMED,
            "postings".into(),
            format!("{orphans} posting(s) belong to no transaction; transactions were deleted"),
        );
    }
    let mut restricted: HashMap<CommodityId, BTreeMap<NaiveDate, i128>> = HashMap::new();
    for ((_, commodity), days) in &checker.pool_changes {
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
    for ((pool, commodity), days) in std::mem::take(&mut checker.pool_changes) {
        let mut held = 0;
        let first_below = days.into_iter().find_map(|(day, change)| {
            held += change;
            (held < 0).then_some((held, day))
        });
        if let (Some((held, day)), Some(c)) = (first_below, names.commodities.get(&commodity)) {
            let pool = names
                .pools
                .get(&pool)
                .cloned()
                .unwrap_or_else(|| format!("#{}", pool.get()));
            below.push((pool, c.code().to_owned(), day, held, c.decimals()));
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
    let mut totals = std::mem::take(&mut checker.totals);
    let mut current: HashMap<(AccountId, CommodityId), i128> = HashMap::new();
    for (&(account, commodity, _), amount) in &totals {
        *current.entry((account, commodity)).or_insert(0) += amount;
    }
    let mut cached = Vec::new();
    balances::for_each_daily_total(&tx, |account, commodity, date, amount| {
        let expected = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .ok()
            .and_then(|day| totals.remove(&(account, commodity, day)));
        if expected != Some(i128::from(amount)) {
            cached.push((account, commodity, date));
        }
    })?;
    cached.extend(
        totals
            .into_iter()
            .filter(|(_, v)| *v != 0)
            .map(|((account, commodity, day), _)| (account, commodity, iso(day))),
    );
    // A current total is reported only where no day of the same account and
    // commodity is: a changed posting is then one finding, not two.
    let daily: HashSet<(AccountId, CommodityId)> = cached
        .iter()
        .map(|(account, commodity, _)| (*account, *commodity))
        .collect();
    let mut stale: Vec<(AccountId, CommodityId)> = balances::current(&tx)?
        .into_iter()
        .filter(|(key, amount)| current.remove(key).unwrap_or(0) != *amount)
        .map(|(key, _)| key)
        .collect();
    stale.extend(
        current
            .into_iter()
            .filter(|(_, amount)| *amount != 0)
            .map(|(key, _)| key),
    );
    stale.retain(|key| !daily.contains(key));
    let mut cached: Vec<(AccountId, CommodityId, Option<String>)> = cached
        .into_iter()
        .map(|(account, commodity, date)| (account, commodity, Some(date)))
        .chain(
            stale
                .into_iter()
                .map(|(account, commodity)| (account, commodity, None)),
        )
        .collect();
    cached.sort();
    for (account, commodity, date) in cached {
        let account = names
            .accounts
            .get(&account)
            .map_or_else(|| format!("#{}", account.get()), |a| a.name.clone());
        let commodity = names
            .commodities
            .get(&commodity)
            .map_or_else(|| format!("#{}", commodity.get()), |c| c.code().to_owned());
        let when = date.map_or_else(|| "(current total)".to_owned(), |date| format!("on {date}"));
        checker.find(
            codes::TOTALS_MISMATCH,
            format!("account {account} {commodity} {when}"),
            "the balance cache disagrees with the postings".into(),
        );
    }
    match fund::get(&tx)? {
        None => checker.find(
            codes::HEAD_MISMATCH,
            "fund".into(),
            "the fund record is missing".into(),
        ),
        Some(f) => {
            if f.head_hash != checker.stored_prev
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
                        short(&checker.stored_prev)
                    ),
                );
            }
        }
    }
    check_records(&tx, &mut checker)?;
    check_audit(&tx, &mut checker)?;
    check_fund_settings(&tx, &mut checker)?;
    check_import_keys(&tx, &mut checker)?;
    check_transfers(&tx, &mut checker)?;
    check_periods(&tx, &mut checker)?;
    check_corrections(&tx, &mut checker)?;
    for (location, message) in crate::audit::purchases::findings(&tx)? {
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
        fingerprint: checker.computed,
        records: checker.records,
        records_head: checker.records_head,
    })
}

/// The code of a vote the command line would have refused.
fn vote_code(fault: Fault) -> Code {
    match fault {
        Fault::Applicant => codes::VOTE_APPLICANT,
        Fault::NotSteward => codes::VOTE_NOT_STEWARD,
        Fault::Related => codes::VOTE_RELATED,
        Fault::NotOpen => codes::VOTE_NOT_OPEN,
        Fault::Window => codes::VOTE_WINDOW,
        Fault::Unsigned => codes::VOTE_UNSIGNED,
        Fault::Key => codes::VOTE_KEY,
        Fault::Signature => codes::VOTE_SIGNATURE,
        Fault::Ballot => codes::VOTE_BALLOT,
        Fault::Form => codes::VOTE_FORM,
    }
}

/// The governance records: their own hash chain and head (V114), each
/// record's kind (V134) and payload (V135), and every grant re-checked from
/// them: each vote judged as the command line would have (V124–V133), no
/// more paid than approved (V115), no approval beyond what the pool had
/// available then (V116), and every decision's tally (all four numbers)
/// and outcome what its policy gives for the votes accepted (V117).
fn check_records(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    let mut prev = GENESIS.to_owned();
    let mut count = 0;
    let mut computed = GENESIS.to_owned();
    let mut v2_seen = false;
    for r in records::all(conn)? {
        count += 1;
        let at = format!("record {}", r.id);
        // The v2 form seals text fields with salts from the place the
        // record was chained at (its stated previous hash).
        let sealed = checker.sealer.as_ref().map(Sealer::key).map(|key| {
            sealed_payload(&r.kind, &r.payload, |field, text| {
                commit(&record_salt(key, &r.prev_hash, field), text)
            })
        });
        let in_form = |v2: bool, prev: &str| match (&sealed, v2) {
            (Some(sealed), true) => record_hash_v2(prev, &r.kind, r.grant_id, &r.at, sealed),
            _ => record_hash(prev, &r.kind, r.grant_id, &r.at, &r.payload),
        };
        // The form its hash was made in; a changed record after the switch
        // is judged in the v2 form it must have.
        let v1_matches = in_form(false, &r.prev_hash) == r.hash;
        let v2 =
            sealed.is_some() && (in_form(true, &r.prev_hash) == r.hash || (v2_seen && !v1_matches));
        if v2_seen && !v2 {
            checker.find(
                codes::FORM_BACK,
                at.clone(),
                "is in the v1 form after a record in the v2 form; the chain switches once and never back, so it was written outside fondo".into(),
            );
        }
        v2_seen |= v2;
        computed = in_form(v2, &computed);
        if r.prev_hash != prev {
            checker.find(
                codes::RECORDS_CHAIN,
                at.clone(),
                "cites a previous hash that is not the record before it; records were removed or reordered".into(),
            );
        }
        if in_form(v2, &r.prev_hash) != r.hash {
            checker.find(
                codes::RECORDS_CHAIN,
                at.clone(),
                format!("its content ({}) does not match its stored hash; it was changed after it was recorded", r.kind),
            );
        }
        match RecordKind::parse(&r.kind) {
            None => checker.find(
                codes::UNKNOWN_KIND,
                at,
                format!(
                    "has a kind fondo does not know ({:?}); it was written outside fondo",
                    r.kind
                ),
            ),
            Some(kind) => {
                if let Err(why) = check_payload(kind, &r.payload) {
                    checker.find(
                        codes::PAYLOAD,
                        at,
                        format!("its payload does not read as a {kind} record ({why}); it was written outside fondo"),
                    );
                }
            }
        }
        prev = r.hash;
    }
    checker.records = u64::try_from(count).unwrap_or(0);
    checker.records_head.clone_from(&computed);
    if let Some((head, stored)) = records::head(conn)?
        && (head != prev || stored != count)
    {
        checker.find(
            codes::RECORDS_CHAIN,
            "fund".into(),
            format!(
                "the fund records {stored} governance record(s), the log has {count}; records were removed or added outside fondo"
            ),
        );
    }
    let governance = grants::Governance::load(conn)?;
    let replayed = grants::all_judged(conn, &governance)?;
    check_grant_state(conn, checker, &replayed)?;
    // Holdings at the end of each decision day, each computed once.
    let mut held_on: HashMap<NaiveDate, Vec<PoolHolding>> = HashMap::new();
    let pool_names = crate::store::pools::names_by_id(conn)?;
    // What the grants that replay commit at the end of a day; one that
    // cannot be replayed is reported below.
    let commitments: Vec<Commitment> = replayed
        .iter()
        .filter_map(|(_, g)| g.as_ref().ok().map(Commitment::of))
        .collect();
    let committed = |day: NaiveDate| {
        let mut sums: HashMap<(PoolId, String), i128> = HashMap::new();
        for c in &commitments {
            *sums.entry((c.pool, c.commodity.clone())).or_insert(0) +=
                i128::from(c.outstanding_on(Some(day)));
        }
        sums
    };
    for (id, grant) in replayed {
        let label = id.to_string();
        let grant = match grant {
            Ok(grant) => grant,
            Err(e) => {
                checker.find(codes::RECORDS_CHAIN, label, e.to_string());
                continue;
            }
        };
        for v in &grant.votes {
            if let Some(refusal) = &v.refused {
                let what = if v.vote.is_some() {
                    "vote"
                } else {
                    "withdrawn vote"
                };
                checker.find(
                    vote_code(refusal.fault),
                    format!("record {}", v.record),
                    format!(
                        "the {what} of member #{} on {label} {}; the command line would have refused it",
                        v.member, refusal.why
                    ),
                );
            }
        }
        if grant.paid() > grant.amount {
            checker.find(
                codes::OVERPAID,
                label.clone(),
                format!(
                    "was approved for {} {} but {} was paid",
                    format_minor(grant.amount.into(), grant.commodity.decimals()),
                    grant.commodity.code(),
                    format_minor(grant.paid().into(), grant.commodity.decimals())
                ),
            );
        }
        let (Some(decided), Some(record)) = (grant.decided_at, grant.decision_record) else {
            continue;
        };
        // Every number is recounted from the records as they stood at the
        // decision's place in the chain, counting only the votes accepted:
        // role history completed later does not change who could vote then.
        let tally = grants::tally_as_of(&governance, &grant, decided, record);
        if let Some(Tally {
            consents,
            objections,
            abstentions,
            eligible,
        }) = grant.decided_tally
        {
            if [consents, objections, abstentions]
                != [tally.consents, tally.objections, tally.abstentions]
            {
                checker.find(
                    codes::DECISION,
                    label.clone(),
                    format!(
                        "its decision counted {consents} consent, {objections} object, {abstentions} abstain, but the vote records give {} consent, {} object, {} abstain",
                        tally.consents, tally.objections, tally.abstentions
                    ),
                );
            }
            if eligible != tally.eligible {
                checker.find(
                    codes::DECISION,
                    label.clone(),
                    format!(
                        "its decision counted {eligible} eligible, but the role, relation and vote records give {} (stewards in term and not recused, and those whose vote stands)",
                        tally.eligible
                    ),
                );
            }
        }
        let outcome = evaluate(&grant.tier.rule, &tally, grant.window_closes(), decided);
        let approved = matches!(grant.status, Status::Approved | Status::Closed);
        let consistent = match outcome {
            Outcome::Approved(_) => approved,
            Outcome::Rejected(_) => !approved,
            Outcome::Open(_) => false,
        };
        if !consistent {
            checker.find(
                codes::DECISION,
                label.clone(),
                format!(
                    "was recorded as {} but its policy (version {}, {}) gives another outcome for the votes recorded",
                    if approved { "approved" } else { "rejected" },
                    grant.policy_version,
                    grant.tier.rule
                ),
            );
        }
        // Approved by the end of that day, the pool's commitments must still
        // fit in what it held (days are the ledger's unit of time).
        if approved {
            let day = decided.date();
            let held = match held_on.entry(day) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(holdings_committing(conn, Some(day), committed(day))?)
                }
            };
            let name = pool_names.get(&grant.pool).map_or("", String::as_str);
            let left = held
                .iter()
                .find(|h| h.pool == name && h.commodity == grant.commodity.code())
                .map_or(0, |h| h.available.minor());
            if left < 0 {
                checker.find(
                    codes::OVERCOMMITTED,
                    label,
                    format!(
                        "was approved on {} when its pool could not cover it: {} {} short at the end of that day",
                        decided.date(),
                        format_minor(-left, grant.commodity.decimals()),
                        grant.commodity.code()
                    ),
                );
            }
        }
    }
    Ok(())
}

/// The `grant_state` cache (V144): when it is usable (no record after the
/// one it is up to date through changes a replay), each grant's row is what
/// its replay gives, and it has no row for a grant that does not exist. A
/// cache that is behind is not read by anything until a write brings it up
/// to date, so it is not compared.
fn check_grant_state(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
    replayed: &[(GrantId, Result<crate::domain::grant::Grant>)],
) -> Result<()> {
    use crate::store::grant_state;
    if !grants::state_usable(conn)? {
        return Ok(());
    }
    let cached = match grant_state::all(conn) {
        Ok(rows) => rows,
        Err(e) => {
            checker.find(codes::GRANT_STATE, "grant state".into(), e.to_string());
            return Ok(());
        }
    };
    let mut cached: BTreeMap<GrantId, Commitment> =
        cached.into_iter().map(|c| (c.grant, c)).collect();
    for (id, grant) in replayed {
        let Ok(grant) = grant else { continue };
        let label = id.to_string();
        match cached.remove(id) {
            None => checker.find(
                codes::GRANT_STATE,
                label,
                "the grant state cache has no row for it".into(),
            ),
            Some(row) if row != Commitment::of(grant) => checker.find(
                codes::GRANT_STATE,
                label,
                "the grant state cache disagrees with its records (what it commits, and when)"
                    .into(),
            ),
            Some(_) => {}
        }
    }
    for id in cached.keys() {
        checker.find(
            codes::GRANT_STATE,
            id.to_string(),
            "the grant state cache has a row for a grant the records do not have".into(),
        );
    }
    check_grant_committed(conn, checker, replayed)
}

/// The cache's running sum of what each pool's grants commit now (V145) is
/// the sum of what the replay of every grant commits.
fn check_grant_committed(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
    replayed: &[(GrantId, Result<crate::domain::grant::Grant>)],
) -> Result<()> {
    let mut expected: BTreeMap<(PoolId, String), i128> = BTreeMap::new();
    for (_, grant) in replayed {
        let Ok(grant) = grant else { continue };
        *expected
            .entry((grant.pool, grant.commodity.code().to_owned()))
            .or_insert(0) += i128::from(grant.outstanding_on(None));
    }
    let cached = crate::store::grant_state::committed(conn, None)?;
    let mut keys: Vec<&(PoolId, String)> = expected.keys().chain(cached.keys()).collect();
    keys.sort();
    keys.dedup();
    let pools = crate::store::pools::names_by_id(conn)?;
    for key in keys {
        let (want, got) = (
            expected.get(key).copied().unwrap_or(0),
            cached.get(key).copied().unwrap_or(0),
        );
        if want != got {
            let pool = pools
                .get(&key.0)
                .cloned()
                .unwrap_or_else(|| format!("#{}", key.0.get()));
            checker.find(
                codes::GRANT_COMMITTED,
                format!("pool {pool}"),
                format!(
                    "the grant state cache's sum of what the pool's grants commit in {} \
                     disagrees with its records",
                    key.1
                ),
            );
        }
    }
    Ok(())
}

/// A stretch in which a period was closed: its span, the close record, the
/// journal's length at the close, and the journal's length and the record
/// id at the reopening (if any).
type ClosedWindow = (crate::domain::period::Span, i64, i64, Option<(i64, i64)>);

/// Closed periods (V120): each close record's ledger and records heads are
/// the chains' at that point, and nothing dated inside a period was
/// recorded while it was closed — a transaction after the close's place in
/// the journal, a record after the close record — until it was reopened.
/// The places come from the records and the journal, never from the
/// wall-clock times stored beside them.
fn check_periods(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::domain::period::Span;
    use crate::domain::records::{PeriodCloseRecord, PeriodReopenRecord, payload};
    use crate::store::records::record_day;
    let all = records::all(conn)?;
    // Every transaction's date and hash, read only when a period was ever
    // closed (at a million transactions they take over 100 MB).
    let closed = all
        .iter()
        .any(|r| RecordKind::parse(&r.kind) == Some(RecordKind::PeriodClose));
    let journal = if closed {
        txns::dates_and_hashes(conn)?
    } else {
        Vec::new()
    };
    // Per period: (its span, the close record, the journal length then).
    let mut open_closes: Vec<(Span, i64, i64)> = Vec::new();
    let mut windows: Vec<ClosedWindow> = Vec::new();
    for r in &all {
        match RecordKind::parse(&r.kind) {
            Some(RecordKind::PeriodClose) => {
                let Ok(close) = payload::<PeriodCloseRecord>(r.id, &r.kind, &r.payload) else {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        "its period close cannot be read".into(),
                    );
                    continue;
                };
                let Ok(span) = Span::parse(&close.period) else {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        format!("closes {:?}, which is no period", close.period),
                    );
                    continue;
                };
                let head = usize::try_from(close.ledger_count)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .map_or(Some(GENESIS), |i| journal.get(i).map(|t| t.2.as_str()));
                if head != Some(close.ledger_head.as_str()) || close.records_head != r.prev_hash {
                    checker.find(
                        codes::CLOSED_PERIOD,
                        format!("record {}", r.id),
                        format!(
                            "the close of {} states heads the journal and the records do not have at that point",
                            close.period
                        ),
                    );
                }
                open_closes.retain(|(s, _, _)| *s != span);
                open_closes.push((span, r.id, close.ledger_count));
            }
            Some(RecordKind::PeriodReopen) => {
                let Ok(reopen) = payload::<PeriodReopenRecord>(r.id, &r.kind, &r.payload) else {
                    continue;
                };
                let Ok(span) = Span::parse(&reopen.period) else {
                    continue;
                };
                if let Some(i) = open_closes.iter().position(|(s, _, _)| *s == span) {
                    let (span, close, count) = open_closes.remove(i);
                    windows.push((span, close, count, Some((reopen.ledger_count, r.id))));
                }
            }
            _ => {}
        }
    }
    windows.extend(
        open_closes
            .into_iter()
            .map(|(span, close, count)| (span, close, count, None)),
    );
    for (span, close, count, reopened) in &windows {
        let (until_txn, until_record) = reopened.unwrap_or((i64::MAX, i64::MAX));
        for (id, date, _) in &journal {
            let Ok(day) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
                continue;
            };
            if id.get() > *count && id.get() <= until_txn && span.contains(day) {
                checker.find(
                    codes::CLOSED_PERIOD,
                    format!("txn {id}"),
                    format!(
                        "is dated {day}, inside {}, but was recorded after record {close} closed it",
                        span.label
                    ),
                );
            }
        }
        for r in all.iter().filter(|r| r.id > *close && r.id < until_record) {
            let audit = RecordKind::parse(&r.kind).is_none_or(|k| {
                matches!(
                    k,
                    RecordKind::Member
                        | RecordKind::MemberInactive
                        | RecordKind::RoleTerm
                        | RecordKind::RoleEnd
                        | RecordKind::Pool
                        | RecordKind::Contribution
                        | RecordKind::Rate
                        | RecordKind::Pledge
                        | RecordKind::Setting
                        | RecordKind::FundSettings
                        | RecordKind::Account
                        | RecordKind::Import
                        | RecordKind::PeriodClose
                        | RecordKind::PeriodReopen
                )
            });
            if !audit && record_day(&r.at).is_some_and(|d| span.contains(d)) {
                checker.find(
                    codes::CLOSED_PERIOD,
                    format!("record {}", r.id),
                    format!(
                        "({}) is dated {}, inside {}, but was recorded after record {close} closed it",
                        r.kind, r.at, span.label
                    ),
                );
            }
        }
    }
    Ok(())
}

/// The community tables against their audit records in the governance chain
/// (V118): every member, role term, account, pool, contribution, rate,
/// pledge and setting must be exactly what its records say, and nothing
/// more.
fn check_audit(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use serde_json::{Value, json};
    let mut expected: BTreeMap<String, Value> = BTreeMap::new();
    let key = |table: &str, id: &Value| format!("{table} {}", id.to_string().trim_matches('"'));
    for r in records::all(conn)? {
        let p = &r.payload;
        // An unknown kind was reported on its own (V134).
        let Some(kind) = RecordKind::parse(&r.kind) else {
            continue;
        };
        match kind {
            RecordKind::Member => {
                let mut row = p.clone();
                row["inactive_since"] = Value::Null;
                expected.insert(key("member", &p["id"]), row);
            }
            RecordKind::MemberInactive => {
                if let Some(row) = expected.get_mut(&key("member", &p["id"])) {
                    row["inactive_since"] = p["inactive_since"].clone();
                }
            }
            RecordKind::RoleTerm => {
                expected.insert(key("role term", &p["id"]), p.clone());
            }
            RecordKind::RoleEnd => {
                if let Some(row) = expected.get_mut(&key("role term", &p["id"])) {
                    row["ends_on"] = p["ends_on"].clone();
                }
            }
            RecordKind::Pool => {
                expected.insert(key("pool", &p["id"]), p.clone());
            }
            RecordKind::Contribution => {
                expected.insert(key("contribution of transaction", &p["txn"]), p.clone());
            }
            RecordKind::Pledge => {
                expected.insert(key("pledge", &p["id"]), p.clone());
            }
            RecordKind::Setting => {
                expected.insert(key("setting", &p["key"]), p.clone());
            }
            RecordKind::Rate => {
                expected.insert(key("rate", &p["id"]), p.clone());
            }
            RecordKind::Purchase => {
                expected.insert(key("purchase", &p["id"]), p.clone());
            }
            RecordKind::Account => {
                expected.insert(key("account", &p["id"]), p.clone());
            }
            // Corrections leave the rows as first written; `check_corrections`
            // checks each against what it corrects.
            RecordKind::MemberEdit
            | RecordKind::PoolEdit
            | RecordKind::AccountNote
            | RecordKind::PledgeEnd
            | RecordKind::VoteWithdrawal => {}
            // Governance records, checked by `check_records` (purchases by
            // `purchases::check`).
            RecordKind::Policy
            | RecordKind::Relation
            | RecordKind::Application
            | RecordKind::Vote
            | RecordKind::Decision
            | RecordKind::Payment
            | RecordKind::Spend
            | RecordKind::Closure
            | RecordKind::Withdrawal
            | RecordKind::Budget
            | RecordKind::PurchaseItem
            | RecordKind::PurchaseOrder
            | RecordKind::PurchaseClose
            | RecordKind::PurchaseReceive
            | RecordKind::PurchaseCost
            | RecordKind::PurchaseSettle
            | RecordKind::PurchasePay
            | RecordKind::PurchaseDistribute
            | RecordKind::PeriodClose
            | RecordKind::PeriodReopen
            | RecordKind::Reconciliation
            | RecordKind::ReconciliationReopen
            | RecordKind::MemberKey
            | RecordKind::MemberKeyRevoke
            | RecordKind::FundKey
            | RecordKind::FundSettings
            | RecordKind::Import => {}
        }
    }
    let mut actual: BTreeMap<String, Value> = BTreeMap::new();
    for m in members::rows(conn)? {
        let mut row = members::member_payload(m.id, &m.name, m.visibility);
        row["inactive_since"] = json!(m.inactive_since.map(|d| d.to_string()));
        actual.insert(key("member", &json!(m.id)), row);
    }
    for t in members::terms(conn)? {
        actual.insert(key("role term", &json!(t.id)), members::term_payload(&t));
    }
    for p in pools::rows(conn)?
        .into_iter()
        .filter(|p| p.id != pools::GENERAL)
    {
        let row = pools::pool_payload(p.id, &p.name, &p.purpose, p.guidelines.as_deref());
        actual.insert(key("pool", &json!(p.id)), row);
    }
    for (txn, member, kind) in members::contributions(conn)? {
        let row = members::contribution_payload(txn, member, kind.as_deref());
        actual.insert(key("contribution of transaction", &json!(txn)), row);
    }
    for p in members::pledge_rows(conn)? {
        actual.insert(key("pledge", &json!(p.id)), members::pledge_payload(&p));
    }
    for (k, v) in crate::store::settings::all(conn)? {
        actual.insert(
            key("setting", &json!(k)),
            crate::store::settings::payload(&k, &v),
        );
    }
    for (id, r) in crate::store::rates::raw(conn)? {
        actual.insert(
            key("rate", &json!(id)),
            crate::store::rates::rate_payload(id, &r),
        );
    }
    for a in accounts::rows(conn)? {
        let row = accounts::account_payload(a.id, &a.name, a.note.as_deref());
        actual.insert(key("account", &json!(a.id)), row);
    }
    for (id, row) in crate::store::purchases::audit_rows(conn)? {
        actual.insert(key("purchase", &json!(id)), row);
    }
    let keys: std::collections::BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for k in keys {
        let message = match (expected.get(k), actual.get(k)) {
            (Some(e), Some(a)) if e == a => continue,
            (Some(_), Some(_)) => {
                "differs from what the governance records say; it was changed outside fondo"
            }
            (Some(_), None) => {
                "is in the governance records but missing from its table; it was deleted outside fondo"
            }
            (None, Some(_)) => "has no governance record; it was added outside fondo",
            (None, None) => continue,
        };
        checker.find(codes::AUDIT, k.clone(), message.into());
    }
    Ok(())
}

/// The fund row against its latest `fund-settings` record: the name,
/// currency, id and salt key it states (V136), the pseudonym secret present
/// (V137) and the one it commits to (V138).
fn check_fund_settings(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::domain::records::FundSettingsRecord;
    let Some(row) = fund::settings(conn)? else {
        // A missing fund row is reported with the journal's head (V107).
        return Ok(());
    };
    // The latest that reads (one that does not is V135).
    let latest = records::of_kind(conn, RecordKind::FundSettings.as_str())?
        .into_iter()
        .rev()
        .find_map(|r| {
            serde_json::from_value::<FundSettingsRecord>(r.payload)
                .ok()
                .map(|s| (r.id, s))
        });
    match &latest {
        None => checker.find(
            codes::FUND_SETTINGS,
            "fund".into(),
            "its name, currency and secret are in no fund-settings record; they were changed outside fondo".into(),
        ),
        Some((id, recorded)) => {
            let differ = settings_differ(&row, recorded);
            if !differ.is_empty() {
                checker.find(
                    codes::FUND_SETTINGS,
                    "fund".into(),
                    format!(
                        "differs from record {id} (fund-settings): {}; it was changed outside fondo",
                        differ.join(", ")
                    ),
                );
            }
        }
    }
    let secret_missing = fund::secret_missing(conn)?;
    if secret_missing {
        checker.find(
            codes::SECRET_MISSING,
            "fund".into(),
            "its pseudonym secret is missing or empty: public pseudonyms would be plain hashes of member ids, which anyone can recompute; it was changed outside fondo".into(),
        );
    }
    if let Some((id, recorded)) = &latest
        && !secret_missing
        && row.secret != recorded.secret
    {
        checker.find(
            codes::SECRET_CHANGED,
            "fund".into(),
            format!(
                "its pseudonym secret is not the one record {id} (fund-settings) commits to: every public pseudonym changed; it was changed outside fondo"
            ),
        );
    }
    Ok(())
}

/// The import keys against their sources' latest `import` records (V139):
/// each source's count of keys and their digest, recomputed from the table,
/// must be what the record states, so that a key deleted (which would let
/// a row be imported twice), changed or added outside fondo is found.
fn check_import_keys(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::store::imports;
    let recorded = imports::latest_records(conn)?;
    let mut found: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for (id, label) in imports::sources(conn)? {
        let (keys, digest) = imports::digest(conn, id)?;
        if keys > 0 || recorded.contains_key(&label) {
            found.insert(label, (keys, digest));
        }
    }
    let labels: std::collections::BTreeSet<&String> = recorded.keys().chain(found.keys()).collect();
    for label in labels {
        let message = match (recorded.get(label), found.get(label)) {
            (Some((_, r)), Some((keys, digest))) if r.keys == *keys && r.digest == *digest => {
                continue;
            }
            (Some((id, r)), Some((keys, _))) if r.keys != *keys => format!(
                "has {keys} import key(s), but record {id} (import) states {}: keys were deleted or added outside fondo, and a row whose key is gone can be imported twice",
                r.keys
            ),
            (Some((id, _)), Some(_)) => format!(
                "its import keys are not the ones record {id} (import) states: a key or the transaction it points at was changed outside fondo"
            ),
            (Some((id, r)), None) => format!(
                "is gone, but record {id} (import) states {} key(s) for it: it was deleted outside fondo",
                r.keys
            ),
            (None, Some((keys, _))) => format!(
                "has {keys} import key(s) but no import record: they were added outside fondo"
            ),
            (None, None) => continue,
        };
        checker.find(
            codes::IMPORT_KEYS,
            format!("import source {label}"),
            message,
        );
    }
    Ok(())
}

/// Transfers between funds (V142): a transaction on `expenses:transfers`
/// or `income:transfers` must be of the shape `fondo transfer` writes (one
/// posted to them by hand, or by an older version, is not), a send's id must
/// be of this fund, and no transfer may be received twice (but after a void).
fn check_transfers(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::books::transfers::transfers;
    use crate::domain::transfer::{Direction, parse_transfer_id};
    let found = transfers(conn, None, None)?;
    for (txn, why) in &found.misshapen {
        checker.find(
            codes::TRANSFER,
            format!("txn {txn}"),
            format!("it posts to an account reserved for transfers between funds, but {why}"),
        );
    }
    let own = fund::fund_id(conn)?;
    let mut received: HashMap<&str, TxnId> = HashMap::new();
    for t in &found.transfers {
        let id = t.facts.transfer_id.as_str();
        match t.facts.direction {
            Direction::Sent => {
                if parse_transfer_id(id).is_ok_and(|(fund, _)| fund != own) {
                    checker.find(
                        codes::TRANSFER,
                        format!("txn {}", t.txn),
                        format!("it sends transfer {id}, which is not of this fund ({own})"),
                    );
                }
            }
            Direction::Received if t.voided_by.is_none() => {
                if let Some(first) = received.insert(id, t.txn) {
                    checker.find(
                        codes::TRANSFER,
                        format!("txn {}", t.txn),
                        format!(
                            "it receives transfer {id}, which transaction {first} received before"
                        ),
                    );
                }
            }
            Direction::Received => {}
        }
    }
    Ok(())
}

/// What the fund row states otherwise than its record (the secret aside).
fn settings_differ(
    row: &crate::domain::records::FundSettingsRecord,
    recorded: &crate::domain::records::FundSettingsRecord,
) -> Vec<String> {
    let shown = |value: &Option<String>| {
        value
            .as_deref()
            .map_or("none".to_owned(), |v| format!("{v:?}"))
    };
    let mut differ = Vec::new();
    if row.name != recorded.name {
        differ.push(format!(
            "name {:?} (recorded {:?})",
            row.name, recorded.name
        ));
    }
    for (what, now, then) in [
        ("currency", &row.currency, &recorded.currency),
        ("id", &row.fund_id, &recorded.fund_id),
    ] {
        if now != then {
            differ.push(format!("{what} {} (recorded {})", shown(now), shown(then)));
        }
    }
    if row.salt_key != recorded.salt_key {
        differ.push("a salt key other than the one committed to".into());
    }
    differ
}

/// The corrections in the governance chain (V123): each `member-edit`,
/// `pool-edit`, `account-note` and `pledge-end` record must name a row that
/// exists and fit it: a member's new name taken by no other member, a
/// visibility fondo knows, a pledge ending on or after its first day. (A
/// withdrawn vote is checked with its grant's replay.)
fn check_corrections(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::domain::account::name_key;
    use crate::domain::member::Visibility;
    use crate::domain::records::{
        AccountNoteRecord, MemberEditRecord, PledgeEndRecord, PoolEditRecord, payload,
    };
    let rows = members::rows(conn)?;
    let mut names: BTreeMap<MemberId, String> =
        rows.iter().map(|m| (m.id, name_key(&m.name))).collect();
    let pools: std::collections::BTreeSet<PoolId> =
        pools::rows(conn)?.iter().map(|p| p.id).collect();
    let accounts: std::collections::BTreeSet<AccountId> = crate::store::accounts::all(conn)?
        .iter()
        .map(|a| a.id)
        .collect();
    let pledges = members::pledge_rows(conn)?;
    for r in records::all(conn)? {
        let at = format!("record {}", r.id);
        let problem = match RecordKind::parse(&r.kind) {
            Some(RecordKind::MemberEdit) => {
                match payload::<MemberEditRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(e) if !names.contains_key(&e.id) => {
                        Some(format!("corrects member #{}, who does not exist", e.id))
                    }
                    Ok(e) if e.visibility.parse::<Visibility>().is_err() => Some(format!(
                        "gives member #{} an unknown visibility ({:?})",
                        e.id, e.visibility
                    )),
                    Ok(e) => {
                        let key = name_key(&e.name);
                        if names.iter().any(|(id, k)| *id != e.id && *k == key) {
                            Some(format!(
                                "renames member #{} to a name another member has",
                                e.id
                            ))
                        } else {
                            names.insert(e.id, key);
                            None
                        }
                    }
                }
            }
            Some(RecordKind::PoolEdit) => {
                match payload::<PoolEditRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(e) if e.id == pools::GENERAL || !pools.contains(&e.id) => Some(format!(
                        "changes pool #{}, which cannot be changed or does not exist",
                        e.id.get()
                    )),
                    Ok(_) => None,
                }
            }
            Some(RecordKind::AccountNote) => {
                match payload::<AccountNoteRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(n) if !accounts.contains(&n.account) => Some(format!(
                        "notes account #{}, which does not exist",
                        n.account.get()
                    )),
                    Ok(_) => None,
                }
            }
            Some(RecordKind::PledgeEnd) => {
                match payload::<PledgeEndRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(end) if crate::domain::date::parse_date(&end.ends_on).is_err() => {
                        Some(format!(
                            "ends pledge #{} on {:?}, which is not a date",
                            end.id, end.ends_on
                        ))
                    }
                    Ok(end) => match pledges.iter().find(|p| p.id == end.id) {
                        None => Some(format!("ends pledge #{}, which does not exist", end.id)),
                        Some(p)
                            if crate::domain::date::parse_date(&end.ends_on)
                                .is_ok_and(|day| day < p.starts_on) =>
                        {
                            Some(format!(
                                "ends pledge #{} on {}, before it starts ({})",
                                end.id, end.ends_on, p.starts_on
                            ))
                        }
                        Some(_) => None,
                    },
                }
            }
            _ => None,
        };
        if let Some(message) = problem {
            checker.find(codes::CORRECTION, at, message);
        }
    }
    Ok(())
}
