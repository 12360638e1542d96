//! A grant's money: tranches paid, spending reported, and closure with
//! money returned.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{append_record, expect_status, in_order, when};
use crate::books::grants::load;
use crate::domain::account::grant_account;
use crate::domain::grant::{Grant, Status};
use crate::domain::ids::{GrantId, TxnId};
use crate::domain::money::{format_minor, parse_decimal, to_minor};
use crate::domain::records::{ClosureRecord, PaymentRecord, RecordKind, SpendRecord};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, GrantRefusal, Needed, NextStep, Result, SqlContext};
use crate::ops::{Book, post_one, post_tranche};
use crate::store::Db;

fn pool_name(conn: &Connection, grant: &Grant) -> Result<Option<String>> {
    Ok((grant.pool != crate::store::pools::GENERAL)
        .then(|| crate::store::pools::names_by_id(conn).map(|mut n| n.remove(&grant.pool)))
        .transpose()?
        .flatten())
}

fn amount_for(grant: &Grant, amount: &str, code: &str) -> Result<i64> {
    if code != grant.commodity.code() {
        return Err(Error::Blocked {
            problem: format!("{} is in {}, not {code}", grant.id, grant.commodity.code()),
            next: NextStep::Exchange,
        });
    }
    let minor = to_minor(parse_decimal(amount)?, &grant.commodity, amount)?;
    if minor <= 0 {
        return Err(Error::Amount {
            input: amount.to_owned(),
            reason: "a positive amount".into(),
        });
    }
    Ok(minor)
}

/// A tranche to pay.
#[derive(Debug, Clone)]
pub struct PayRequest {
    pub id: GrantId,
    pub amount: String,
    pub commodity: String,
    pub from_account: String,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Pays a tranche of an approved grant; returns the ledger transaction.
pub fn pay(db: &mut Db, request: &PayRequest) -> Result<TxnId> {
    let tx = db.write()?;
    let at = when(&tx, request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    expect_status(&grant, Status::Approved, "only approved grants are paid")?;
    in_order(&grant, at)?;
    if let Some(expired) = grant.expires.filter(|e| at.date() > *e) {
        return Err(Error::Blocked {
            problem: format!(
                "the commitment of {} expired after {expired}; what was not paid is released",
                grant.id
            ),
            next: NextStep::Sweep,
        });
    }
    let amount = amount_for(&grant, &request.amount, &request.commodity)?;
    if grant.paid() + amount > grant.amount {
        return Err(GrantRefusal::Overpaid {
            grant: grant.id.to_string(),
            approved: format_minor(grant.amount.into(), grant.commodity.decimals()),
            commodity: grant.commodity.code().to_owned(),
            paid: format_minor(grant.paid().into(), grant.commodity.decimals()),
            more: format_minor(amount.into(), grant.commodity.decimals()),
        }
        .into());
    }
    if let Some(decided) = grant.decided_at
        && date < decided.date()
    {
        return Err(GrantRefusal::TrancheBeforeApproval {
            date,
            approved: decided.date(),
        }
        .into());
    }
    let mut book = Book::load(&tx)?;
    let from = book.account(&request.from_account)?;
    if !matches!(
        crate::domain::account::validate_account_name(&from.name),
        Ok(crate::domain::account::AccountType::Assets)
    ) {
        return Err(GrantRefusal::TrancheNotFromAssets {
            account: from.name.clone(),
        }
        .into());
    }
    let account = grant_account(grant.category.as_deref());
    book.account_or_create(&tx, &account, &tx.recorded_at())?;
    let pool = pool_name(&tx, &grant)?;
    let txn = Transaction::new(
        date,
        format!("Grant {}: tranche {}", grant.id, grant.payments.len() + 1),
        None,
        request.reference.clone(),
        vec![
            Posting::new(account, grant.commodity.clone(), amount)?.with_pool(pool)?,
            Posting::new(
                request.from_account.clone(),
                grant.commodity.clone(),
                -amount,
            )?,
        ],
    )?;
    let (txn_id, _) = post_tranche(&tx, &book, &txn)?;
    let record = PaymentRecord {
        txn: txn_id,
        amount,
        date: date.to_string(),
    };
    append_record(&tx, RecordKind::Payment, Some(grant.id), at, &record)?;
    tx.commit().ctx("committing the payment")?;
    Ok(txn_id)
}

/// A line of the grantee's spending report.
#[derive(Debug, Clone)]
pub struct SpendRequest {
    pub id: GrantId,
    pub amount: String,
    pub commodity: String,
    pub category: String,
    pub receipt: Option<String>,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Records what part of the money paid was used for.
pub fn spend(db: &mut Db, request: &SpendRequest) -> Result<()> {
    if request.category.trim().is_empty() {
        return Err(Error::Missing {
            what: "a spending line",
            needs: Needed::Category,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    let at = when(&tx, request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    in_order(&grant, at)?;
    expect_status(
        &grant,
        Status::Approved,
        "spending is reported on approved grants until they are closed",
    )?;
    if date < grant.applied_at.date() {
        return Err(GrantRefusal::SpendingBeforeApplication {
            date,
            applied: grant.applied_at.date(),
        }
        .into());
    }
    if grant.paid() == 0 {
        return Err(GrantRefusal::NothingPaid {
            grant: grant.id.to_string(),
        }
        .into());
    }
    let amount = amount_for(&grant, &request.amount, &request.commodity)?;
    if grant.spent() + amount > grant.paid() {
        return Err(GrantRefusal::Overspent {
            grant: grant.id.to_string(),
            paid: format_minor(grant.paid().into(), grant.commodity.decimals()),
            commodity: grant.commodity.code().to_owned(),
            spent: format_minor(grant.spent().into(), grant.commodity.decimals()),
            more: format_minor(amount.into(), grant.commodity.decimals()),
        }
        .into());
    }
    let record = SpendRecord {
        amount,
        category: crate::domain::name::stored("category", request.category.trim())?,
        receipt: request.receipt.clone(),
        date: date.to_string(),
        note: request.note.clone(),
    };
    append_record(&tx, RecordKind::Spend, Some(grant.id), at, &record)?;
    tx.commit().ctx("committing the spending line")
}

/// Closing a grant, with money returned if any.
#[derive(Debug, Clone)]
pub struct CloseRequest {
    pub id: GrantId,
    /// Amount, commodity and the assets account it came back into.
    pub returned: Option<(String, String, String)>,
    pub reason: Option<String>,
    /// The ledger date; `None`: the day of `at`.
    pub date: Option<NaiveDate>,
    /// When it happened; `None`: now, read once the write lock is held.
    pub at: Option<NaiveDateTime>,
}

/// Closes an approved grant: what was committed and not paid goes back to
/// the pool's available money; money returned is booked back into the pool.
pub fn close(db: &mut Db, request: &CloseRequest) -> Result<Option<TxnId>> {
    let tx = db.write()?;
    let at = when(&tx, request.at);
    let date = request.date.unwrap_or(at.date());
    let grant = load(&tx, request.id)?;
    expect_status(&grant, Status::Approved, "only approved grants are closed")?;
    in_order(&grant, at)?;
    if let Some(decided) = grant.decided_at
        && date < decided.date()
    {
        return Err(GrantRefusal::ClosureBeforeApproval {
            date,
            approved: decided.date(),
        }
        .into());
    }
    let mut returned = 0;
    let mut txn_id = None;
    if let Some((amount, code, account)) = &request.returned {
        returned = amount_for(&grant, amount, code)?;
        if i128::from(returned) > i128::from(grant.paid()) - i128::from(grant.spent()) {
            return Err(GrantRefusal::ReturnExceedsUnspent {
                grant: grant.id.to_string(),
                paid: format_minor(grant.paid().into(), grant.commodity.decimals()),
                commodity: grant.commodity.code().to_owned(),
                spent: format_minor(grant.spent().into(), grant.commodity.decimals()),
            }
            .into());
        }
        let book = Book::load(&tx)?;
        let pool = pool_name(&tx, &grant)?;
        let txn = Transaction::new(
            date,
            format!("Grant {}: money returned", grant.id),
            None,
            None,
            vec![
                Posting::new(account.clone(), grant.commodity.clone(), returned)?,
                Posting::new(
                    grant_account(grant.category.as_deref()),
                    grant.commodity.clone(),
                    -returned,
                )?
                .with_pool(pool)?,
            ],
        )?;
        txn_id = Some(post_one(&tx, &book, &txn, None)?.0);
    }
    let record = ClosureRecord {
        returned,
        txn: txn_id,
        reason: request.reason.clone(),
    };
    append_record(&tx, RecordKind::Closure, Some(grant.id), at, &record)?;
    tx.commit().ctx("committing the closure")?;
    Ok(txn_id)
}
