//! `fondo reconcile --record` and `--reopen`: the governance records that
//! fix an account's balance at a date once the books agree with the bank's
//! statement, and lift that again with a reason.
//!
//! Rule: a reconciled balance holds. Every write runs
//! `ensure_unchanged` (through the pool checks that follow every write),
//! so a back-dated entry that would change a reconciled balance is refused
//! until the reconciliation is reopened; `verify` reports one that got in
//! anyway (V121).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::books::reconcile::changed;
use crate::domain::ids::RecordId;
use crate::domain::money::{format_minor, parse_decimal, to_minor};
use crate::domain::records::{
    ReconciledBalance, ReconciliationRecord, ReconciliationReopenRecord, RecordKind,
};
use crate::error::{Error, ReconcileRefusal, Result, SqlContext};
use crate::ops::Book;
use crate::store::{Db, balances, records};

/// Refuses when the journal no longer gives a reconciled balance in force.
pub(crate) fn ensure_unchanged(conn: &Connection) -> Result<()> {
    match changed(conn, balances::Source::Cache)?.into_iter().next() {
        None => Ok(()),
        Some(c) => Err(ReconcileRefusal::Reconciled {
            account: c.account,
            date: c.date.to_string(),
            reconciled: c.reconciled.to_string(),
            now: c.now.to_string(),
            commodity: c.commodity.to_string(),
        }
        .into()),
    }
}

/// A reconciliation to record.
#[derive(Debug, Clone)]
pub struct RecordRequest {
    pub account: String,
    pub on: NaiveDate,
    /// The statement's balance (amount, commodity), which must equal the
    /// books'.
    pub statement: Option<(String, String)>,
    pub at: NaiveDateTime,
}

/// Records that the books of an account agree with its statement at the
/// end of `on`; returns the record's id.
///
/// # Errors
/// Refused when the statement's balance differs from the books'.
pub fn record(db: &mut Db, request: &RecordRequest) -> Result<RecordId> {
    let tx = db.write()?;
    let book = Book::load(&tx)?;
    let account = book.account(&request.account)?.clone();
    let codes: std::collections::BTreeMap<
        crate::domain::ids::CommodityId,
        crate::domain::money::Commodity,
    > = crate::store::commodities::all(&tx)?
        .into_iter()
        .map(|c| (c.id, c.commodity))
        .collect();
    let mut list = Vec::new();
    for (id, amount) in
        balances::of_account_all(&tx, account.id, request.on, balances::Source::Cache)?
    {
        let Some(commodity) = codes.get(&id) else {
            continue;
        };
        let amount = i64::try_from(amount).map_err(|_| {
            Error::from(ReconcileRefusal::TooLarge {
                account: account.name.clone(),
            })
        })?;
        list.push(ReconciledBalance {
            commodity: commodity.code().to_owned(),
            amount,
        });
    }
    let statement = match &request.statement {
        None => None,
        Some((amount, code)) => {
            let commodity = codes
                .values()
                .find(|c| c.code() == *code)
                .ok_or_else(|| Error::UnknownCommodity { code: code.clone() })?;
            let stated = to_minor(parse_decimal(amount)?, commodity, amount)?;
            let books = list
                .iter()
                .find(|b| b.commodity == *code)
                .map_or(0, |b| b.amount);
            if stated != books {
                return Err(ReconcileRefusal::Differs {
                    account: account.name,
                    on: request.on,
                    books: format_minor(books.into(), commodity.decimals()),
                    stated: format_minor(stated.into(), commodity.decimals()),
                    commodity: code.clone(),
                }
                .into());
            }
            Some(format!(
                "{} {code}",
                format_minor(stated.into(), commodity.decimals())
            ))
        }
    };
    let payload = ReconciliationRecord {
        account: account.name.clone(),
        date: request.on.to_string(),
        balances: list,
        statement,
    };
    let id = records::append(
        &tx,
        RecordKind::Reconciliation.as_str(),
        None,
        &request.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        &serde_json::to_value(&payload).expect("a reconciliation serializes"),
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the reconciliation")?;
    Ok(id)
}

/// Reopens the reconciliations of `account` dated on or after `from`, with
/// a reason; returns the record's id.
pub fn reopen(
    db: &mut Db,
    account: &str,
    from: NaiveDate,
    reason: &str,
    at: NaiveDateTime,
) -> Result<RecordId> {
    if reason.trim().is_empty() {
        return Err(ReconcileRefusal::NoReason.into());
    }
    let tx = db.write()?;
    let book = Book::load(&tx)?;
    let account = book.account(account)?.name.clone();
    let payload = ReconciliationReopenRecord {
        account,
        from: from.to_string(),
        reason: reason.trim().to_owned(),
    };
    let id = records::append(
        &tx,
        RecordKind::ReconciliationReopen.as_str(),
        None,
        &at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        &serde_json::to_value(&payload).expect("a reopening serializes"),
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the reopening")?;
    Ok(id)
}
