//! `fondo import contributions`: a bank or payment-platform CSV export, read
//! through a map file, becomes contributions.
//!
//! Each incoming row (amount above zero) becomes one contribution
//! transaction: the net amount into the map's account, any fees to the fee
//! account, the gross amount credited to `income:contributions` in the pool
//! a rule (or the map's default) names, and a contribution record naming the
//! member a rule matched (none when no rule did). Outgoing rows are skipped
//! and counted: pay-outs are recorded with `fondo post`. Payer names never
//! enter the journal.
//!
//! The same guarantees as the journal import: one SQLite transaction, every
//! problem reported with its line and column, `--dry-run`, and idempotence per
//! source: each row is remembered by a hash of its content (and its
//! occurrence among identical rows), so re-importing a statement adds
//! nothing and an overlapping later statement adds only the new rows.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;
use sha2::{Digest, Sha256};

use crate::books::members::member;
use crate::domain::account::{AccountType, CONTRIBUTIONS_INCOME, validate_account_name};
use crate::domain::bankmap::{BankMap, RowText};
use crate::domain::money::{Commodity, to_minor};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, ProblemCode, Result, SqlContext};
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::{Book, NewCommodity, pools};
use crate::progress::Progress;
use crate::store::txns::Writer;
use crate::store::{Db, imports, members};

/// What a bank import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct BankSummary {
    pub source: String,
    pub dry_run: bool,
    pub imported: u64,
    /// Rows imported from this source before.
    pub already: u64,
    /// Outgoing rows (amount below zero), left for `fondo post`.
    pub outgoing: u64,
    /// Rows a rule said to ignore.
    pub ignored: u64,
    /// Imported rows no rule matched to a member.
    pub unmatched: u64,
    pub accounts_created: Vec<String>,
}

/// Column positions, looked up once from the header.
struct Positions {
    date: usize,
    amount: usize,
    currency: Option<usize>,
    payer: Option<usize>,
    reference: Option<usize>,
    description: Option<usize>,
    fees: Vec<(usize, String)>,
}

fn positions(map: &BankMap, csv: &CsvFile, label: &str) -> Result<Positions> {
    let header = &csv.header;
    let find = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            csv.header_problem(
                label,
                format!(
                    "the map names column {name:?}, which the file does not have (its columns: {})",
                    header.join(", ")
                ),
            )
        })
    };
    let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
    Ok(Positions {
        date: find(&map.columns.date)?,
        amount: find(&map.columns.amount)?,
        currency: optional(&map.columns.currency)?,
        payer: optional(&map.columns.payer)?,
        reference: optional(&map.columns.reference)?,
        description: optional(&map.columns.description)?,
        fees: map
            .columns
            .fees
            .iter()
            .map(|name| Ok((find(name)?, name.clone())))
            .collect::<Result<_>>()?,
    })
}

/// The identity of a row for idempotence: its content, and how many
/// identical rows came before it in the file.
fn row_key(record: &StringRecord, seen: &mut HashMap<String, u32>) -> String {
    let mut hasher = Sha256::new();
    for field in record {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    let digest: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let occurrence = seen.entry(digest.clone()).or_insert(0);
    *occurrence += 1;
    format!("row:{digest}#{occurrence}")
}

/// Imports contributions from a bank CSV through a map file.
pub fn import_contributions(
    db: &mut Db,
    path: &Path,
    label: &str,
    map_path: &Path,
    source: Option<&str>,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<BankSummary> {
    let map = BankMap::load(map_path)?;
    let source = source
        .map(str::to_owned)
        .or_else(|| map.defaults.source.clone())
        .unwrap_or_else(|| {
            map_path
                .file_stem()
                .map_or_else(|| "bank".to_owned(), |s| s.to_string_lossy().into_owned())
        });
    let delimiter =
        u8::try_from(map.file.delimiter).expect("the map checked the delimiter is ASCII");
    let mut csv = CsvFile::open(path, label, delimiter, map.file.skip_lines)?;
    let at = positions(&map, &csv, label)?;
    let tx = db.bulk_write()?;
    let mut book = Book::load(&tx)?;
    let map_error = |reason: String| Error::Map {
        path: map_path.display().to_string(),
        reason,
    };
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
        dry_run,
        ..BankSummary::default()
    };
    let fee_account = (!at.fees.is_empty()).then_some(map.defaults.fee_account.as_str());
    for account in std::iter::once(CONTRIBUTIONS_INCOME).chain(fee_account) {
        if book.account_or_create(&tx, account)?.1 {
            summary.accounts_created.push(account.to_owned());
        }
    }
    let mut pools_by_rule = Vec::new();
    let mut members_by_rule = Vec::new();
    for (i, rule) in map.rules.iter().enumerate() {
        pools_by_rule.push(
            rule.pool
                .as_deref()
                .map(|p| book.pool(p))
                .transpose()
                .map_err(|e| map_error(format!("rule {}: {e}", i + 1)))?,
        );
        members_by_rule.push(
            rule.member
                .as_deref()
                .map(|m| member(&tx, m).map(|m| m.id))
                .transpose()
                .map_err(|e| map_error(format!("rule {}: {e}", i + 1)))?,
        );
    }
    let default_pool = map
        .defaults
        .pool
        .as_deref()
        .map(|p| book.pool(p))
        .transpose()
        .map_err(|e| map_error(format!("defaults.pool: {e}")))?;
    let source_id = imports::source_id(&tx, &source)?;
    let recorded_at = tx.recorded_at();
    let mut writer = Writer::new(&tx)?;
    let mut problems = Problems::default();
    let mut record = StringRecord::new();
    let mut seen = HashMap::new();
    let mut new_txns: Vec<(i64, Option<i64>)> = Vec::new();
    progress.start(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));
    while let Some(line) = csv.next(&mut record, &mut problems)? {
        progress.set(csv.position());
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let text = RowText {
            payer: cell(at.payer),
            description: cell(at.description),
            reference: cell(at.reference),
        };
        let before = problems.count();
        let date = map
            .date(cell(Some(at.date)))
            .map_err(|e| problems.push(ProblemCode::I203, line, Some(&map.columns.date), e))
            .ok();
        let gross = map
            .number(cell(Some(at.amount)))
            .map_err(|e| problems.push(ProblemCode::I204, line, Some(&map.columns.amount), e))
            .ok();
        if gross.is_some_and(|g| g <= rust_decimal::Decimal::ZERO) {
            summary.outgoing += 1;
            continue;
        }
        let rule = map.rule_for(&text);
        if rule.is_some_and(|i| map.rules[i].ignore) {
            summary.ignored += 1;
            continue;
        }
        let code = match at.currency {
            Some(i) => record.get(i).unwrap_or("").trim().to_owned(),
            None => map.defaults.currency.clone().unwrap_or_default(),
        };
        let currency_field = map.columns.currency.as_deref().unwrap_or("currency");
        let commodity: Option<Commodity> = book
            .commodity(&tx, &code, NewCommodity::Known)
            .map(|(c, _)| c.commodity.clone())
            .map_err(|e| problems.push_error(ProblemCode::I206, line, Some(currency_field), &e))
            .ok();
        let mut fees = rust_decimal::Decimal::ZERO;
        for (i, name) in &at.fees {
            match record.get(*i).map(str::trim).filter(|t| !t.is_empty()) {
                None => {}
                Some(text) => match map.number(text) {
                    Ok(fee) => fees += fee.abs(),
                    Err(e) => problems.push(ProblemCode::I204, line, Some(name), e),
                },
            }
        }
        if problems.count() > before {
            continue;
        }
        let (Some(date), Some(gross), Some(commodity)) = (date, gross, commodity) else {
            continue;
        };
        let amount_text = cell(Some(at.amount));
        let minor = |value, field: &str| {
            to_minor(value, &commodity, amount_text).map_err(|e| (field.to_owned(), e.to_string()))
        };
        let (gross, fees) = match (minor(gross, &map.columns.amount), minor(fees, "fees")) {
            (Ok(g), Ok(f)) => (g, f),
            (Err((field, e)), _) | (_, Err((field, e))) => {
                problems.push(ProblemCode::I204, line, Some(&field), e);
                continue;
            }
        };
        if fees >= gross {
            problems.push(
                ProblemCode::I204,
                line,
                Some(&map.columns.amount),
                "the fees take the whole amount; nothing was received",
            );
            continue;
        }
        let key = row_key(&record, &mut seen);
        if imports::find(&tx, source_id, &key)?.is_some() {
            summary.already += 1;
            continue;
        }
        let (pool, member_id) = match rule {
            Some(i) => (
                pools_by_rule[i].clone().or(default_pool.clone()),
                members_by_rule[i],
            ),
            None => (default_pool.clone(), None),
        };
        let pool = pool.and_then(|(name, id)| id.map(|_| name));
        let leg = |account: &str, amount: i64, pooled: bool| Posting {
            account: account.to_owned(),
            commodity: commodity.clone(),
            amount,
            memo: None,
            pool: pool.clone().filter(|_| pooled),
        };
        let mut postings = vec![leg(&into.name, gross - fees, false)];
        if fees > 0 {
            postings.push(leg(&map.defaults.fee_account, fees, true));
        }
        postings.push(leg(CONTRIBUTIONS_INCOME, -gross, true));
        let reference = Some(text.reference.to_owned());
        let txn = match Transaction::new(date, "Contribution".into(), None, reference, postings)
            .and_then(|txn| Ok((book.posting_ids(&txn)?, txn)))
        {
            Ok(built) => built,
            Err(e) => {
                problems.push_error(ProblemCode::I208, line, None, &e);
                continue;
            }
        };
        let (ids, txn) = txn;
        let (id, _) = writer.append(&txn, &ids, None, &recorded_at)?;
        imports::insert(&tx, source_id, &key, id)?;
        new_txns.push((id, member_id));
        summary.imported += 1;
        if member_id.is_none() {
            summary.unmatched += 1;
        }
    }
    progress.finish();
    problems.check(label)?;
    pools::ensure_sound(&tx, &writer.finish()?)?;
    for (id, member_id) in new_txns {
        members::insert_contribution(&tx, id, member_id, None, &recorded_at)?;
    }
    if !dry_run {
        tx.commit().ctx("committing the import")?;
    }
    Ok(summary)
}
