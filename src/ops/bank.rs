//! `fondo import statement` and `fondo import contributions`: a bank or
//! payment-platform CSV export, read through a map file, becomes the books'
//! copy of the statement.
//!
//! Every row becomes one balanced transaction or is skipped by a rule that
//! says why; nothing is dropped silently. The statement's account takes the
//! row's movement (the gross amount less its fees); the other side is what
//! the first matching rule says: `income:contributions` in a pool (and a
//! contribution record naming the member, if any), a tranche of a grant
//! named in the row, an expenses account in a pool, another of the fund's
//! own accounts, the fee account, another of the fund's assets accounts in
//! another currency through conversion legs (an exchange, recorded with its
//! rate as `fondo exchange` records it), or, when no rule matched, the suspense
//! account, listed as to-do (refused instead when strict). A row that is a
//! tranche already recorded with `grant pay` (same grant and amount, a date
//! within the map's window) is linked to it instead of posting it twice.
//! `import contributions` is the same engine restricted to incoming rows:
//! outgoing rows are counted and left out, and rows no rule matched are
//! contributions without a contributor. Payer names never enter the journal.
//!
//! The same guarantees as the journal import: one SQLite transaction, every
//! problem reported with its line and column, dry runs, and idempotence per
//! source: each row is remembered by a hash of its content (and its
//! occurrence among identical rows), so re-importing a statement adds
//! nothing and an overlapping later statement adds only the new rows. When
//! the map names a balance column, the books' balance of the account must
//! equal the bank's at the end of every date it gives, or nothing is written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use csv::StringRecord;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::books::grants::load as load_grant;
use crate::books::members::member;
use crate::domain::account::{
    AccountType, CONTRIBUTIONS_INCOME, conversion_account, grant_account, validate_account_name,
};
use crate::domain::bankmap::{Action, AmountKind, BankMap, CompiledRules, Matching};
use crate::domain::grant::{Grant, Status};
use crate::domain::hash::hex;
use crate::domain::ids::{AccountId, CommodityId, GrantId, MemberId, TxnId};
use crate::domain::money::{Commodity, format_minor, to_minor};
use crate::domain::records::{PaymentRecord, RecordKind};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, ProblemCode, Result, SqlContext};
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::exchange::describe;
use crate::ops::{Book, NewCommodity, pools};
use crate::progress::Progress;
use crate::store::txns::Writer;
use crate::store::{Db, balances, imports, members, records};

/// Which rows an import takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every row, in and out (`import statement`).
    Statement,
    /// Incoming rows only, unmatched ones as anonymous contributions
    /// (`import contributions`).
    Contributions,
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct StatementRequest<'a> {
    pub path: &'a Path,
    /// How the file is named in messages.
    pub label: &'a str,
    pub map_path: &'a Path,
    pub source: Option<&'a str>,
    pub mode: Mode,
    pub dry_run: bool,
    /// Refuse rows that no rule matches instead of posting them to suspense.
    pub strict: bool,
    /// Keep every row's outcome in [`BankSummary::rows`].
    pub show: bool,
}

/// One row's outcome, for `--show`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RowOutcome {
    pub line: u64,
    pub date: String,
    pub amount: String,
    pub commodity: String,
    /// The rule that matched (1-based), if any.
    pub rule: Option<usize>,
    /// contribution, grant, expense, transfer, fee, suspense, skip, linked,
    /// already imported.
    pub outcome: String,
    /// The accounts the transaction posts to, or why the row was skipped.
    pub detail: String,
    pub pool: Option<String>,
}

/// What a bank import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct BankSummary {
    pub source: String,
    pub dry_run: bool,
    /// Transactions posted.
    pub imported: u64,
    /// Posted transactions per action (contribution, expense, …).
    pub by_action: BTreeMap<String, u64>,
    /// Rows imported from this source before.
    pub already: u64,
    /// Outgoing rows left out by `import contributions`.
    pub outgoing: u64,
    /// Rows skipped by a rule, per reason.
    pub skipped: BTreeMap<String, u64>,
    /// Rows a rule said to skip.
    pub ignored: u64,
    /// Contributions no rule matched to a member.
    pub unmatched: u64,
    /// Rows posted to suspense: (line, date, amount, commodity, text).
    pub suspense: Vec<(u64, String, String, String, String)>,
    /// Rows linked to tranches already recorded with `grant pay`.
    pub linked: u64,
    /// Dates whose statement balance the books were checked against.
    pub balances_checked: u64,
    pub accounts_created: Vec<String>,
    pub rows: Vec<RowOutcome>,
}

/// Column positions, looked up once from the header.
struct Positions {
    date: usize,
    amount: Option<usize>,
    amount_in: Option<usize>,
    amount_out: Option<usize>,
    direction: Option<usize>,
    currency: Option<usize>,
    reference: Option<usize>,
    description: Option<usize>,
    payer: Option<usize>,
    balance: Option<usize>,
    fees: Vec<(usize, String)>,
    /// The columns the rules look at, in [`CompiledRules::columns`] order.
    rules: Vec<usize>,
    /// Each rule's grant column.
    grant_columns: Vec<Option<usize>>,
    /// Each rule's own amount column.
    rule_amounts: Vec<Option<usize>>,
    /// Each exchange rule's other-amount column.
    other_amounts: Vec<Option<usize>>,
    /// Each exchange rule's other-currency column.
    other_currencies: Vec<Option<usize>>,
}

/// The column name rules use for the whole row.
const WHOLE_ROW: &str = "*";

fn positions(
    map: &BankMap,
    rules: &CompiledRules,
    csv: &CsvFile,
    label: &str,
) -> Result<Positions> {
    let header = &csv.header;
    let find = |name: &str| -> Result<usize> {
        let mut at = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim() == name.trim());
        let Some((first, _)) = at.next() else {
            let hint = if map.file.header {
                format!("its columns: {}", header.join(", "))
            } else {
                format!(
                    "the file has no header; its columns are 1 to {}",
                    header.len()
                )
            };
            return Err(csv.header_problem(
                label,
                format!("the map names column {name:?}, which the file does not have ({hint})"),
            ));
        };
        if let Some((second, _)) = at.next() {
            return Err(csv.header_problem(
                label,
                format!(
                    "column {name:?} appears more than once in the header (columns {} and {}); rename one in the file or name the columns by position with header = false",
                    first + 1,
                    second + 1
                ),
            ));
        }
        Ok(first)
    };
    let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
    let c = &map.columns;
    Ok(Positions {
        date: find(&c.date)?,
        amount: optional(&c.amount)?,
        amount_in: optional(&c.amount_in)?,
        amount_out: optional(&c.amount_out)?,
        direction: map
            .direction
            .as_ref()
            .map(|d| find(&d.column))
            .transpose()?,
        currency: optional(&c.currency)?,
        payer: optional(&c.payer)?,
        reference: optional(&c.reference)?,
        description: optional(&c.description)?,
        balance: optional(&c.balance)?,
        fees: c
            .fees
            .iter()
            .map(|name| Ok((find(name)?, name.clone())))
            .collect::<Result<_>>()?,
        rules: rules
            .columns()
            .map(|c| {
                if c == WHOLE_ROW {
                    Ok(usize::MAX)
                } else {
                    find(c)
                }
            })
            .collect::<Result<_>>()?,
        rule_amounts: map
            .rules
            .iter()
            .map(|r| r.amount.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        other_amounts: map
            .rules
            .iter()
            .map(|r| r.other_amount.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        other_currencies: map
            .rules
            .iter()
            .map(|r| r.other_currency_column.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        grant_columns: map
            .rules
            .iter()
            .map(|r| match (&r.grant, &r.grant_column) {
                (None, _) => Ok(None),
                (Some(_), Some(column)) => find(column).map(Some),
                (Some(_), None) => match &c.reference {
                    Some(column) => find(column).map(Some),
                    None => Ok(None),
                },
            })
            .collect::<Result<_>>()?,
    })
}

/// The identity of a row for idempotence: its content, and how many
/// identical rows came before it in the file.
fn row_key(record: &StringRecord, seen: &mut HashMap<[u8; 32], u32>) -> String {
    let mut hasher = Sha256::new();
    for field in record {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    let digest: [u8; 32] = hasher.finalize().into();
    let occurrence = seen.entry(digest).or_insert(0);
    *occurrence += 1;
    format!("row:{}#{occurrence}", hex(&digest))
}

/// A balance the statement gives: its line, date, amount in minor units,
/// commodity and the commodity's id.
type Stated = (u64, NaiveDate, i128, Commodity, CommodityId);

/// A rule's targets, resolved before any row is read.
#[derive(Default, Clone)]
struct Target {
    pool: Option<String>,
    member: Option<MemberId>,
    account: Option<String>,
}

/// A grant as this import leaves it.
struct GrantState {
    grant: Grant,
    /// Paid by this import so far.
    paid_now: i64,
    /// Tranches (txn ids) already linked to a row.
    linked: HashSet<TxnId>,
}

/// Imports contributions from a bank CSV through a map file: the
/// statement engine restricted to incoming rows.
pub fn import_contributions(
    db: &mut Db,
    path: &Path,
    label: &str,
    map_path: &Path,
    source: Option<&str>,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let request = StatementRequest {
        path,
        label,
        map_path,
        source,
        mode: Mode::Contributions,
        dry_run,
        strict: false,
        show: false,
    };
    import_statement(db, &request, progress)
}

/// Imports a whole statement through a map file.
pub fn import_statement(
    db: &mut Db,
    request: &StatementRequest<'_>,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let (map, compiled) = BankMap::load_compiled(request.map_path)?;
    import_compiled(db, request, &map, &compiled, progress)
}

/// [`import_statement`] with a map already read (from a map file or from
/// hledger rules).
pub fn import_with_map(
    db: &mut Db,
    request: &StatementRequest<'_>,
    map: &BankMap,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let map_path = request.map_path;
    let map_error = |reason: String| Error::Map {
        path: map_path.display().to_string(),
        reason,
    };
    let compiled = map.compile().map_err(map_error)?;
    import_compiled(db, request, map, &compiled, progress)
}

/// [`import_with_map`] with the map's rules already compiled.
fn import_compiled(
    db: &mut Db,
    request: &StatementRequest<'_>,
    map: &BankMap,
    compiled: &CompiledRules,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let map_path = request.map_path;
    let label = request.label;
    let map_error = |reason: String| Error::Map {
        path: map_path.display().to_string(),
        reason,
    };
    let source = request
        .source
        .map(str::to_owned)
        .or_else(|| map.defaults.source.clone())
        .unwrap_or_else(|| {
            map_path
                .file_stem()
                .map_or_else(|| "bank".to_owned(), |s| s.to_string_lossy().into_owned())
        });
    let delimiter =
        u8::try_from(map.file.delimiter).expect("the map checked the delimiter is ASCII");
    let mut csv = CsvFile::open_statement(
        request.path,
        label,
        delimiter,
        map.file.encoding,
        map.file.skip_lines,
        map.file.header,
    )?;
    let at = positions(map, compiled, &csv, label)?;
    let tx = db.bulk_write()?;
    let mut book = Book::load(&tx)?;
    // Everything the map names must exist before any row is read.
    let into = book
        .account(&map.defaults.account)
        .map_err(|e| map_error(format!("defaults.account: {e}")))?
        .clone();
    if validate_account_name(&into.name)? != AccountType::Assets {
        return Err(map_error(format!(
            "defaults.account {} is not an assets account",
            into.name
        )));
    }
    let mut summary = BankSummary {
        source: source.clone(),
        dry_run: request.dry_run,
        ..BankSummary::default()
    };
    let statement = request.mode == Mode::Statement;
    let mut needed: Vec<String> = vec![CONTRIBUTIONS_INCOME.to_owned()];
    if !at.fees.is_empty() || map.rules.iter().any(|r| r.action() == Action::Fee) {
        needed.push(map.defaults.fee_account.clone());
    }
    for name in [&map.defaults.fee_account, &map.defaults.suspense] {
        crate::domain::transfer::refuse_reserved(name).map_err(|e| map_error(e.to_string()))?;
    }
    let mut targets = Vec::new();
    for (i, rule) in map.rules.iter().enumerate() {
        let fail = |e: Error| map_error(format!("rule {}: {e}", i + 1));
        let pool = rule
            .pool
            .as_deref()
            .map(|p| book.pool(p))
            .transpose()
            .map_err(fail)?
            .and_then(|(name, id)| id.map(|_| name));
        let member = rule
            .member
            .as_deref()
            .map(|m| member(&tx, m).map(|m| m.id))
            .transpose()
            .map_err(fail)?;
        let account = match (rule.action(), &rule.account) {
            (Action::Expense, Some(name)) => {
                if validate_account_name(name).map_err(fail)? != AccountType::Expenses {
                    return Err(map_error(format!(
                        "rule {}: {name} is not an expenses account",
                        i + 1
                    )));
                }
                needed.push(name.clone());
                Some(name.clone())
            }
            (Action::Exchange, Some(name)) => {
                let own = book.account(name).map_err(fail)?;
                if validate_account_name(&own.name).map_err(fail)? != AccountType::Assets
                    || own.name == into.name
                {
                    return Err(map_error(format!(
                        "rule {}: an exchange goes to another of the fund's assets accounts, not {name}",
                        i + 1
                    )));
                }
                Some(own.name.clone())
            }
            (Action::Transfer, Some(name)) => {
                let own = book.account(name).map_err(fail)?;
                if !matches!(
                    validate_account_name(&own.name),
                    Ok(AccountType::Assets | AccountType::Liabilities)
                ) || own.name == into.name
                {
                    return Err(map_error(format!(
                        "rule {}: a transfer goes to another of the fund's assets or liabilities accounts, not {name}",
                        i + 1
                    )));
                }
                Some(own.name.clone())
            }
            (Action::Post, Some(name)) => {
                validate_account_name(name).map_err(fail)?;
                needed.push(name.clone());
                Some(name.clone())
            }
            (Action::Fee, Some(name)) => {
                needed.push(name.clone());
                Some(name.clone())
            }
            _ => None,
        };
        if let Some(name) = &account {
            crate::domain::transfer::refuse_reserved(name).map_err(fail)?;
        }
        targets.push(Target {
            pool,
            member,
            account,
        });
    }
    for account in needed {
        if book.account_or_create(&tx, &account, &tx.recorded_at())?.1
            && !summary.accounts_created.contains(&account)
        {
            summary.accounts_created.push(account);
        }
    }
    let default_pool = map
        .defaults
        .pool
        .as_deref()
        .map(|p| book.pool(p))
        .transpose()
        .map_err(|e| map_error(format!("defaults.pool: {e}")))?
        .and_then(|(name, id)| id.map(|_| name));
    let source_id = imports::source_id(&tx, &source)?;
    imports::check_recorded(&tx, source_id, &source)?;
    // A source never imported before has no rows to find again.
    let source_used = imports::source_used(&tx, source_id)?;
    let recorded_at = tx.recorded_at();
    let mut writer = Writer::new(&tx)?;
    let mut problems = Problems::default();
    let mut record = StringRecord::new();
    let mut seen = HashMap::new();
    // Import keys are written at the end, sorted: rows' hashes come in no
    // order, and a sorted run fills the key index page by page.
    let mut keys: Vec<(String, TxnId)> = Vec::new();
    let mut contributions: Vec<(TxnId, Option<MemberId>)> = Vec::new();
    let mut payments: Vec<(GrantId, NaiveDateTime, PaymentRecord)> = Vec::new();
    let mut grants: HashMap<GrantId, GrantState> = HashMap::new();
    let mut stated: Vec<Stated> = Vec::new();
    let mut scratch = Matching::default();
    let window = i64::from(map.defaults.grant_window_days);
    let field = |name: &Option<String>| name.clone().unwrap_or_default();
    progress.start(
        std::fs::metadata(request.path)
            .map(|m| m.len())
            .unwrap_or(0),
    );
    while let Some(line) = csv.next(&mut record, &mut problems)? {
        progress.set(csv.position());
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let before = problems.count();
        let date = map
            .date(cell(Some(at.date)))
            .map_err(|e| problems.push(ProblemCode::I203, line, Some(&map.columns.date), e))
            .ok();
        let number = |i: usize, name: &str, problems: &mut Problems| {
            map.number(cell(Some(i)))
                .map_err(|e| problems.push(ProblemCode::I204, line, Some(name), e))
                .ok()
        };
        let optional_number = |i: Option<usize>, name: &str, problems: &mut Problems| {
            let text = cell(i);
            if text.is_empty() {
                Some(Decimal::ZERO)
            } else {
                map.number(text)
                    .map_err(|e| problems.push(ProblemCode::I204, line, Some(name), e))
                    .ok()
            }
        };
        // The amount, signed: above zero is money in.
        let amount: Option<Decimal> = match (at.amount, at.amount_in, at.amount_out) {
            (Some(i), _, _) => {
                let name = field(&map.columns.amount);
                let value = number(i, &name, &mut problems);
                match (&map.direction, at.direction, value) {
                    (Some(d), Some(di), Some(value)) => {
                        let said = cell(Some(di));
                        let is = |values: &[String]| {
                            values.iter().any(|v| v.trim().eq_ignore_ascii_case(said))
                        };
                        if value < Decimal::ZERO {
                            problems.push(ProblemCode::I211, line, Some(&name), format!("{value} is negative, but the map reads the direction from column {:?}", d.column));
                            None
                        } else if is(&d.incoming) {
                            Some(value)
                        } else if is(&d.outgoing) {
                            Some(-value)
                        } else {
                            problems.push(
                                ProblemCode::I211,
                                line,
                                Some(&d.column),
                                format!(
                                    "{said:?} is not a direction the map knows (incoming: {}; outgoing: {})",
                                    d.incoming.join(", "),
                                    d.outgoing.join(", ")
                                ),
                            );
                            None
                        }
                    }
                    (_, _, value) => value,
                }
            }
            (None, Some(i), Some(o)) => {
                let (in_name, out_name) = (
                    field(&map.columns.amount_in),
                    field(&map.columns.amount_out),
                );
                let incoming = optional_number(Some(i), &in_name, &mut problems);
                let outgoing = optional_number(Some(o), &out_name, &mut problems);
                match (incoming, outgoing) {
                    (Some(a), Some(b)) if !a.is_zero() && !b.is_zero() => {
                        problems.push(ProblemCode::I211, line, Some(&in_name), format!("both {in_name} ({}) and {out_name} ({}) are filled; a row moves money one way", cell(Some(i)), cell(Some(o))));
                        None
                    }
                    (Some(a), Some(b)) => Some(a.abs() - b.abs()),
                    _ => None,
                }
            }
            _ => unreachable!("the map checked it names the amount"),
        };
        let mut fee = Decimal::ZERO;
        for (i, name) in &at.fees {
            if let Some(value) = optional_number(Some(*i), name, &mut problems) {
                fee += value.abs();
            }
        }
        // Gross: what was paid, fees included; the account moves by gross less fees.
        let gross = amount.map(|a| match map.columns.amount_is {
            AmountKind::Gross => a,
            AmountKind::Net if a < Decimal::ZERO => a + fee,
            AmountKind::Net => a + fee,
        });
        if request.mode == Mode::Contributions && gross.is_some_and(|g| g <= Decimal::ZERO) {
            summary.outgoing += 1;
            continue;
        }
        let whole: String = if at.rules.contains(&usize::MAX) {
            record
                .iter()
                .collect::<Vec<_>>()
                .join(&map.file.delimiter.to_string())
        } else {
            String::new()
        };
        let rule_text: Vec<&str> = at
            .rules
            .iter()
            .map(|&i| match i {
                usize::MAX => whole.as_str(),
                i => record.get(i).unwrap_or("").trim(),
            })
            .collect();
        let rule = compiled.first(&rule_text, &mut scratch);
        let action = match rule {
            Some(i) => Some(map.rules[i].action()),
            None if statement => None,
            None => Some(Action::Contribution),
        };
        let gross = match rule.and_then(|i| at.rule_amounts[i].map(|c| (i, c))) {
            None => gross,
            Some((i, column)) => {
                let name = map.rules[i].amount.clone().unwrap_or_default();
                number(column, &name, &mut problems)
                    .map(|a| if map.rules[i].negate { -a } else { a })
            }
        };
        let code = match at.currency {
            Some(i) => map
                .currency(cell(Some(i)))
                .map_err(|e| {
                    problems.push(ProblemCode::I206, line, map.columns.currency.as_deref(), e)
                })
                .ok(),
            None => map.defaults.currency.clone(),
        };
        if action == Some(Action::Skip) {
            if problems.count() > before {
                continue;
            }
            let i = rule.expect("only a rule skips");
            let reason = map.rules[i]
                .reason
                .clone()
                .unwrap_or_else(|| format!("rule {}", i + 1));
            *summary.skipped.entry(reason.clone()).or_insert(0) += 1;
            summary.ignored += 1;
            if request.show {
                summary.rows.push(RowOutcome {
                    line,
                    date: date.map(|d| d.to_string()).unwrap_or_default(),
                    amount: gross.map(|g| g.to_string()).unwrap_or_default(),
                    commodity: code.clone().unwrap_or_default(),
                    rule: Some(i + 1),
                    outcome: "skip".into(),
                    detail: reason,
                    pool: None,
                });
            }
            continue;
        }
        let currency_field = map.columns.currency.as_deref().unwrap_or("currency");
        let commodity: Option<(Commodity, CommodityId)> = code.and_then(|code| {
            book.commodity(&tx, &code, NewCommodity::Known)
                .map(|(c, _)| (c.commodity.clone(), c.id))
                .map_err(|e| problems.push_error(ProblemCode::I206, line, Some(currency_field), &e))
                .ok()
        });
        let balance = match at.balance {
            Some(i) if !cell(Some(i)).is_empty() => {
                number(i, &field(&map.columns.balance), &mut problems)
            }
            _ => None,
        };
        if problems.count() > before {
            continue;
        }
        let (Some(date), Some(gross), Some((commodity, commodity_id))) = (date, gross, commodity)
        else {
            continue;
        };
        let amount_name = field(&map.columns.amount).max(field(&map.columns.amount_in));
        let amount_text = match (at.amount, at.amount_in, at.amount_out) {
            (Some(i), _, _) => cell(Some(i)).to_owned(),
            (None, i, _) if !cell(i).is_empty() => cell(i).to_owned(),
            (None, _, o) => cell(o).to_owned(),
        };
        let minor = |value: Decimal, name: &str, text: &str| {
            to_minor(value, &commodity, text).map_err(|e| (name.to_owned(), e.to_string()))
        };
        let fee_text = fee.to_string();
        let (gross, fee) = match (
            minor(gross, &amount_name, &amount_text),
            minor(fee, "fees", &fee_text),
        ) {
            (Ok(g), Ok(f)) => (g, f),
            (Err((name, e)), _) | (_, Err((name, e))) => {
                problems.push(ProblemCode::I204, line, Some(&name), e);
                continue;
            }
        };
        if let Some(b) = balance {
            match minor(b, &field(&map.columns.balance), &b.to_string()) {
                Ok(b) => stated.push((line, date, i128::from(b), commodity.clone(), commodity_id)),
                Err((name, e)) => {
                    problems.push(ProblemCode::I204, line, Some(&name), e);
                    continue;
                }
            }
        }
        let fee_column = at.fees.first().map_or("fees", |(_, n)| n.as_str());
        if gross > 0 && fee > gross {
            problems.push(
                ProblemCode::I204,
                line,
                Some(fee_column),
                format!(
                    "the fee ({}) is larger than the gross amount ({})",
                    format_minor(fee.into(), commodity.decimals()),
                    format_minor(gross.into(), commodity.decimals())
                ),
            );
            continue;
        }
        if gross > 0 && fee == gross {
            problems.push(
                ProblemCode::I204,
                line,
                Some(&amount_name),
                "the fees take the whole amount; nothing was received",
            );
            continue;
        }
        if gross == 0 && fee == 0 {
            *summary.skipped.entry("zero amount".into()).or_insert(0) += 1;
            summary.ignored += 1;
            continue;
        }
        let key = row_key(&record, &mut seen);
        let show_row = |outcome: &str, detail: String, pool: Option<String>| RowOutcome {
            line,
            date: date.to_string(),
            amount: format_minor(gross.into(), commodity.decimals()),
            commodity: commodity.code().to_owned(),
            rule: rule.map(|i| i + 1),
            outcome: outcome.to_owned(),
            detail,
            pool,
        };
        if source_used && imports::find(&tx, source_id, &key)?.is_some() {
            summary.already += 1;
            if request.show {
                summary
                    .rows
                    .push(show_row("already imported", String::new(), None));
            }
            continue;
        }
        let target = rule.map(|i| targets[i].clone()).unwrap_or_default();
        let leg = |account: &str, amount: i64, pool: &Option<String>| {
            Posting::leg(account, &commodity, amount, pool)
        };
        let moved = gross - fee;
        let fee_pool;
        let description: String;
        let mut counter: Vec<Posting> = Vec::new();
        let mut payment: Option<(GrantId, i64)> = None;
        let outcome: &str;
        match action {
            None => {
                if request.strict {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        None,
                        "no rule matches this row (strict: every row must match a rule)",
                    );
                    continue;
                }
                if book
                    .account_or_create(&tx, &map.defaults.suspense, &tx.recorded_at())?
                    .1
                {
                    summary.accounts_created.push(map.defaults.suspense.clone());
                }
                fee_pool = None;
                description = "Unmatched statement row (to do)".into();
                counter.push(leg(&map.defaults.suspense, -gross, &None));
                outcome = "suspense";
                let text = [at.payer, at.description, at.reference]
                    .iter()
                    .map(|&i| cell(i))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ");
                summary.suspense.push((
                    line,
                    date.to_string(),
                    format_minor(gross.into(), commodity.decimals()),
                    commodity.code().to_owned(),
                    text,
                ));
            }
            Some(Action::Contribution) => {
                if gross < 0 {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&amount_name),
                        "a contribution rule matched money going out",
                    );
                    continue;
                }
                fee_pool = target.pool.clone().or(default_pool.clone());
                description = "Contribution".into();
                counter.push(leg(CONTRIBUTIONS_INCOME, -gross, &fee_pool));
                outcome = "contribution";
            }
            Some(Action::Expense) => {
                fee_pool = target.pool.clone();
                description = "Expense".into();
                counter.push(leg(
                    target.account.as_deref().expect("checked with the map"),
                    -gross,
                    &fee_pool,
                ));
                outcome = "expense";
            }
            Some(Action::Post) => {
                fee_pool = target.pool.clone();
                description = "Statement row".into();
                let account = target.account.as_deref().expect("checked with the map");
                counter.push(leg(account, -gross, &fee_pool));
                outcome = "post";
            }
            Some(Action::Transfer) => {
                fee_pool = None;
                description = "Transfer between own accounts".into();
                counter.push(leg(
                    target.account.as_deref().expect("checked with the map"),
                    -gross,
                    &None,
                ));
                outcome = "transfer";
            }
            Some(Action::Fee) => {
                fee_pool = target.pool.clone();
                description = "Bank or platform fee".into();
                let account = target
                    .account
                    .clone()
                    .unwrap_or_else(|| map.defaults.fee_account.clone());
                counter.push(leg(&account, -gross, &fee_pool));
                outcome = "fee";
            }
            Some(Action::Exchange) => {
                let i = rule.expect("only a rule exchanges");
                let r = &map.rules[i];
                let currency_name = r
                    .other_currency_column
                    .clone()
                    .unwrap_or_else(|| "other_currency".to_owned());
                let other_code = match (at.other_currencies[i], &r.other_currency) {
                    (Some(column), _) => map.currency(cell(Some(column))),
                    (None, Some(fixed)) => map.currency(fixed),
                    (None, None) => unreachable!("the map checked the exchange's currency"),
                };
                let other = match other_code.and_then(|code| {
                    book.commodity(&tx, &code, NewCommodity::Known)
                        .map(|(c, _)| c.commodity.clone())
                        .map_err(|e| e.to_string())
                }) {
                    Ok(other) if other.code() == commodity.code() => {
                        problems.push(
                            ProblemCode::I206,
                            line,
                            Some(&currency_name),
                            format!(
                                "an exchange needs two different currencies (both are {})",
                                other.code()
                            ),
                        );
                        continue;
                    }
                    Ok(other) => other,
                    Err(e) => {
                        problems.push(ProblemCode::I206, line, Some(&currency_name), e);
                        continue;
                    }
                };
                let this_value = Decimal::new(gross.abs(), commodity.decimals());
                let (amount_name, other_value) = match (at.other_amounts[i], &r.rate) {
                    (Some(column), _) => {
                        let name = r.other_amount.clone().unwrap_or_default();
                        let Some(value) = number(column, &name, &mut problems) else {
                            continue;
                        };
                        (name, value.abs())
                    }
                    (None, Some(rate)) => {
                        let rate = crate::domain::money::parse_decimal(rate)
                            .expect("the map checked the rate");
                        ("rate".to_owned(), this_value * rate)
                    }
                    (None, None) => unreachable!("the map checked the exchange's amount"),
                };
                let other_minor = match to_minor(other_value, &other, &other_value.to_string()) {
                    Ok(0) => {
                        problems.push(
                            ProblemCode::I204,
                            line,
                            Some(&amount_name),
                            format!("the exchange's other amount is zero {}", other.code()),
                        );
                        continue;
                    }
                    Ok(minor) => minor,
                    Err(e) => {
                        problems.push(ProblemCode::I204, line, Some(&amount_name), e.to_string());
                        continue;
                    }
                };
                let other_account = target.account.as_deref().expect("checked with the map");
                for account in [
                    conversion_account(commodity.code()),
                    conversion_account(other.code()),
                ] {
                    if book.account_or_create(&tx, &account, &tx.recorded_at())?.1
                        && !summary.accounts_created.contains(&account)
                    {
                        summary.accounts_created.push(account);
                    }
                }
                fee_pool = target.pool.clone();
                // Money out buys the other currency; money in sold it.
                let (_, text) = if gross < 0 {
                    describe(
                        this_value,
                        -gross,
                        &commodity,
                        other_value,
                        other_minor,
                        &other,
                    )
                } else {
                    describe(
                        other_value,
                        other_minor,
                        &other,
                        this_value,
                        gross,
                        &commodity,
                    )
                };
                description = text;
                let sign = gross.signum();
                counter.push(leg(
                    &conversion_account(commodity.code()),
                    -gross,
                    &fee_pool,
                ));
                let other_leg = |account: &str, amount: i64, pool: &Option<String>| {
                    Posting::stored(
                        account.to_owned(),
                        other.clone(),
                        amount,
                        None,
                        pool.clone(),
                    )
                };
                counter.push(other_leg(
                    &conversion_account(other.code()),
                    sign * other_minor,
                    &fee_pool,
                ));
                counter.push(other_leg(other_account, -sign * other_minor, &None));
                outcome = "exchange";
            }
            Some(Action::Grant) => {
                let i = rule.expect("only a rule pays a grant");
                let column = map.rules[i]
                    .grant_column
                    .clone()
                    .or_else(|| map.columns.reference.clone())
                    .unwrap_or_default();
                let text = cell(at.grant_columns[i]);
                let id = match compiled.grant(i, text) {
                    Some(Ok(id)) => id,
                    Some(Err(e)) => {
                        problems.push(ProblemCode::I212, line, Some(&column), e);
                        continue;
                    }
                    None => {
                        problems.push(
                            ProblemCode::I212,
                            line,
                            Some(&column),
                            "the rule's grant pattern has no column to read",
                        );
                        continue;
                    }
                };
                if gross >= 0 {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&amount_name),
                        format!("a grant payment to {id} must be money going out"),
                    );
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = grants.entry(id) {
                    match load_grant(&tx, id) {
                        Ok(grant) => {
                            e.insert(GrantState {
                                grant,
                                paid_now: 0,
                                linked: HashSet::new(),
                            });
                        }
                        Err(err) => {
                            problems.push(ProblemCode::I212, line, Some(&column), err.to_string());
                            continue;
                        }
                    }
                }
                let state = grants.get_mut(&id).expect("loaded above");
                let grant = &state.grant;
                let label = id.to_string();
                if grant.commodity.code() != commodity.code() {
                    problems.push(
                        ProblemCode::I206,
                        line,
                        Some(currency_field),
                        format!(
                            "{label} is in {}, not {}",
                            grant.commodity.code(),
                            commodity.code()
                        ),
                    );
                    continue;
                }
                let paid = -gross;
                // A tranche already recorded with `grant pay` is this row.
                let mut link = None;
                for p in &grant.payments {
                    let Some(txn) = p.txn else { continue };
                    if p.amount == paid
                        && (p.date - date).num_days().abs() <= window
                        && !state.linked.contains(&txn)
                        && !imports::links_txn(&tx, txn)?
                    {
                        link = Some(txn);
                        break;
                    }
                }
                if let Some(txn) = link {
                    state.linked.insert(txn);
                    keys.push((key, txn));
                    summary.linked += 1;
                    if request.show {
                        summary.rows.push(show_row(
                            "linked",
                            format!("{label}: the tranche recorded as transaction {txn}"),
                            None,
                        ));
                    }
                    continue;
                }
                if grant.status != Status::Approved {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&column),
                        format!(
                            "{label} is {}; only approved grants are paid",
                            grant.status.as_str()
                        ),
                    );
                    continue;
                }
                if let Some(expired) = grant.expires.filter(|e| date > *e) {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&column),
                        format!("the commitment of {label} expired after {expired}"),
                    );
                    continue;
                }
                if grant.decided_at.is_some_and(|d| date < d.date()) {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&column),
                        format!("{label} was approved after {date}, the row's date"),
                    );
                    continue;
                }
                let already = grant.paid() + state.paid_now;
                if already + paid > grant.amount {
                    problems.push(
                        ProblemCode::I212,
                        line,
                        Some(&amount_name),
                        format!(
                            "{label} was approved for {} {} and {} is paid; {} more would exceed it",
                            format_minor(grant.amount.into(), commodity.decimals()),
                            commodity.code(),
                            format_minor(already.into(), commodity.decimals()),
                            format_minor(paid.into(), commodity.decimals())
                        ),
                    );
                    continue;
                }
                let pool = (grant.pool != crate::store::pools::GENERAL)
                    .then(|| {
                        crate::store::pools::names_by_id(&tx).map(|mut n| n.remove(&grant.pool))
                    })
                    .transpose()?
                    .flatten();
                let account = grant_account(grant.category.as_deref());
                if book.account_or_create(&tx, &account, &tx.recorded_at())?.1
                    && !summary.accounts_created.contains(&account)
                {
                    summary.accounts_created.push(account.clone());
                }
                description = format!(
                    "Grant {label}: tranche {}",
                    grant.payments.len() + 1 + usize::from(state.paid_now > 0)
                );
                counter.push(leg(&account, paid, &pool));
                fee_pool = pool;
                state.paid_now += paid;
                payment = Some((id, paid));
                outcome = "grant";
            }
            Some(Action::Skip) => unreachable!("skipped rows were counted above"),
        }
        let description = rule
            .and_then(|i| map.rules[i].title.clone())
            .unwrap_or(description);
        if let (Some(memo), Some(last)) = (
            rule.and_then(|i| map.rules[i].memo.clone()),
            counter.last_mut(),
        ) {
            *last = last.clone().with_memo(Some(memo));
        }
        let mut postings = vec![leg(&into.name, moved, &None)];
        if fee > 0 {
            postings.push(leg(&map.defaults.fee_account, fee, &fee_pool));
        }
        postings.extend(counter);
        let reference = cell(at.reference);
        let reference = (!reference.is_empty()).then(|| reference.to_owned());
        let built = Transaction::new(date, description, None, reference, postings)
            .and_then(|txn| Ok((book.posting_ids(&txn)?, txn)));
        let (ids, txn) = match built {
            Ok(built) => built,
            Err(e) => {
                problems.push(ProblemCode::I208, line, None, e.to_string());
                continue;
            }
        };
        if request.show {
            let accounts = txn
                .postings()
                .iter()
                .map(|p| p.account())
                .collect::<Vec<_>>()
                .join(", ");
            summary
                .rows
                .push(show_row(outcome, accounts, fee_pool.clone()));
        }
        let (id, _) = writer.append(&txn, &ids, None, &recorded_at)?;
        keys.push((key, id));
        summary.imported += 1;
        *summary.by_action.entry(outcome.to_owned()).or_insert(0) += 1;
        if outcome == "contribution" {
            contributions.push((id, target.member));
            if target.member.is_none() {
                summary.unmatched += 1;
            }
        }
        if let Some((grant, amount)) = payment {
            let last = grants[&grant].grant.last_at;
            let at = date
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .max(last);
            payments.push((
                grant,
                at,
                PaymentRecord {
                    txn: id,
                    amount,
                    date: date.to_string(),
                },
            ));
        }
    }
    progress.finish();
    problems.check(label)?;
    let touched = writer.finish()?;
    keys.sort_unstable();
    for (key, id) in &keys {
        imports::insert(&tx, source_id, key, *id)?;
    }
    if !keys.is_empty() {
        imports::record(&tx, source_id, &recorded_at)?;
    }
    for (grant, at, payment) in &payments {
        records::append(
            &tx,
            RecordKind::Payment.as_str(),
            Some(*grant),
            &at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            &serde_json::to_value(payment).expect("a payment record serializes"),
            &recorded_at,
        )?;
    }
    pools::ensure_sound(&tx, &touched)?;
    members::insert_contributions(&tx, &contributions, &recorded_at)?;
    summary.balances_checked = check_balances(&tx, label, map, into.id, &stated)?;
    if !request.dry_run {
        tx.commit().ctx("committing the import")?;
    }
    Ok(summary)
}

/// Compares the books' balance of the statement's account with the bank's
/// at the end of every date the statement gives one; returns how many dates
/// were checked.
fn check_balances(
    conn: &rusqlite::Connection,
    label: &str,
    map: &BankMap,
    account: AccountId,
    stated: &[Stated],
) -> Result<u64> {
    let (Some(first), Some(last)) = (stated.first(), stated.last()) else {
        return Ok(0);
    };
    // Statements list rows oldest or newest first: the day's closing
    // balance is on its last row in time, whichever end that is.
    let newest_first = first.1 > last.1;
    let mut closing: BTreeMap<(NaiveDate, String), &Stated> = BTreeMap::new();
    for row in stated {
        let key = (row.1, row.3.code().to_owned());
        if newest_first {
            closing.entry(key).or_insert(row);
        } else {
            closing.insert(key, row);
        }
    }
    let column = map.columns.balance.clone().unwrap_or_default();
    for row in closing.values() {
        let (line, date, bank, commodity, commodity_id) = row;
        let books = balances::of_account(conn, account, *commodity_id, *date)?;
        if books != *bank {
            return Err(Error::Import {
                path: label.to_owned(),
                problems: vec![crate::error::Problem {
                    code: ProblemCode::I213,
                    cause: None,
                    line: *line,
                    field: Some(column),
                    message: format!(
                        "the statement's balance at the end of {date} is {} {code} but the books' balance of {} is {} {code}; is an earlier statement or the opening balance missing?",
                        format_minor(*bank, commodity.decimals()),
                        map.defaults.account,
                        format_minor(books, commodity.decimals()),
                        code = commodity.code()
                    ),
                }],
                more: 0,
            });
        }
    }
    Ok(closing.len() as u64)
}
