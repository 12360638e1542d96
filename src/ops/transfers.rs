//! Transfers between funds: sending money to another fund and recording
//! money received from one (docs/design/federation.md).
//!
//! Rule: each is one transaction of the shape `domain::transfer` builds,
//! posted through `post_one`, so the pool checks of every write apply: a
//! send may not spend what the pool has committed to approved grants.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::books::grants;
use crate::books::transfers::transfers;
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::grant::Status;
use crate::domain::ids::{GrantId, TxnId};
use crate::domain::money::{Commodity, parse_decimal, to_minor};
use crate::domain::transfer::{
    self, RECEIVED_ACCOUNT, Receipt, SENT_ACCOUNT, check_fund_id, parse_transfer_id,
};
use crate::domain::txn::Transaction;
use crate::error::{Error, Result, SqlContext, TransferRefusal};
use crate::ops::exchange::effective_rate;
use crate::ops::{Book, NewCommodity, post_one};
use crate::store::{Db, WriteTx, fund};

/// A send to record.
#[derive(Debug, Clone)]
pub struct SendRequest {
    pub to_fund: String,
    pub amount: String,
    pub commodity: String,
    pub from_account: String,
    pub pool: Option<String>,
    pub date: NaiveDate,
    pub memo: Option<String>,
}

/// What a send recorded.
#[derive(Debug, Clone)]
pub struct Sent {
    pub txn: TxnId,
    pub transfer_id: String,
}

/// A receipt to record.
#[derive(Debug, Clone)]
pub struct ReceiveRequest {
    pub from_fund: String,
    pub transfer_id: String,
    pub amount: String,
    pub commodity: String,
    pub into: String,
    pub pool: Option<String>,
    pub date: NaiveDate,
    /// What the sender sent, as the receiver knows it: amount, commodity.
    pub sent: Option<(String, String)>,
    /// The grant it funds (`G-0001`).
    pub grant: Option<String>,
}

/// What a receipt recorded.
#[derive(Debug, Clone)]
pub struct Received {
    pub txn: TxnId,
    /// The effective rate, for a receipt in another currency.
    pub rate: Option<String>,
}

fn positive(input: &str, commodity: &Commodity) -> Result<i64> {
    let minor = to_minor(parse_decimal(input)?, commodity, input)?;
    if minor <= 0 {
        return Err(Error::Amount {
            input: input.to_owned(),
            reason: "a transfer needs a positive amount".into(),
        });
    }
    Ok(minor)
}

fn assets(book: &Book, name: &str, what: &str) -> Result<String> {
    let stored = book.account(name)?;
    if validate_account_name(&stored.name)? != AccountType::Assets {
        return Err(TransferRefusal::NotAssets {
            what: what.to_owned(),
            account: stored.name.clone(),
        }
        .into());
    }
    Ok(stored.name.clone())
}

fn pool_of(book: &Book, pool: Option<&str>) -> Result<Option<String>> {
    Ok(match pool {
        Some(name) => {
            let (stored, id) = book.pool(name)?;
            id.map(|_| stored)
        }
        None => None,
    })
}

/// This fund's id, refusing `other` when it is the same.
fn other_fund(tx: &WriteTx<'_>, other: &str) -> Result<()> {
    check_fund_id(other)?;
    if fund::fund_id(tx)? == other {
        return Err(TransferRefusal::OwnFund {
            fund: other.to_owned(),
        }
        .into());
    }
    Ok(())
}

/// The fund's side of a transfer: the commodity (known to the fund), the
/// positive amount in it, the assets account the money leaves or enters
/// (`what` says which, for the error) and the pool.
fn leg(
    tx: &WriteTx<'_>,
    book: &mut Book,
    (amount, code): (&str, &str),
    (account, what): (&str, &str),
    pool: Option<&str>,
) -> Result<(Commodity, i64, String, Option<String>)> {
    let commodity = book
        .commodity(tx, code, NewCommodity::Known)?
        .0
        .commodity
        .clone();
    let minor = positive(amount, &commodity)?;
    Ok((
        commodity,
        minor,
        assets(book, account, what)?,
        pool_of(book, pool)?,
    ))
}

/// Records a send; returns its transaction and transfer id.
pub fn send(db: &mut Db, request: &SendRequest) -> Result<Sent> {
    let tx = db.write()?;
    other_fund(&tx, &request.to_fund)?;
    let mut book = Book::load(&tx)?;
    let (commodity, amount, from, pool) = leg(
        &tx,
        &mut book,
        (&request.amount, &request.commodity),
        (&request.from_account, "money is sent from"),
        request.pool.as_deref(),
    )?;
    let n = transfers(&tx, None, None)?.sends() as u64 + 1;
    let id = transfer::transfer_id(&fund::fund_id(&tx)?, n);
    book.account_or_create(&tx, SENT_ACCOUNT, &tx.recorded_at())?;
    let txn = Transaction::new(
        request.date,
        transfer::sent_description(&id, &request.to_fund),
        Some(request.to_fund.clone()),
        Some(id.clone()),
        transfer::send_postings(&from, &commodity, amount, pool, request.memo.clone()),
    )?;
    let (txn, _) = post_one(&tx, &book, &txn, None)?;
    tx.commit().ctx("committing the transfer")?;
    Ok(Sent {
        txn,
        transfer_id: id,
    })
}

/// The grant a receipt funds: it must exist, be open or approved, and be
/// of the receipt's pool.
fn funded_grant(tx: &WriteTx<'_>, label: &str, pool: Option<&str>) -> Result<String> {
    let grant = grants::load(tx, GrantId::parse(label)?)?;
    let label = grant.id.to_string();
    if !matches!(grant.status, Status::Open | Status::Approved) {
        return Err(TransferRefusal::GrantNotOpen {
            grant: label,
            status: grant.status.as_str(),
        }
        .into());
    }
    let names = crate::store::pools::names_by_id(tx)?;
    let grant_pool = names.get(&grant.pool).cloned().unwrap_or_default();
    let general = names
        .get(&crate::store::pools::GENERAL)
        .cloned()
        .unwrap_or_default();
    if grant_pool != pool.unwrap_or(&general) {
        return Err(TransferRefusal::OtherPool {
            grant: label,
            grant_pool,
            pool: pool.unwrap_or(&general).to_owned(),
        }
        .into());
    }
    Ok(label)
}

/// Records money received from another fund; returns its transaction and,
/// in another currency, the effective rate.
pub fn receive(db: &mut Db, request: &ReceiveRequest) -> Result<Received> {
    let tx = db.write()?;
    other_fund(&tx, &request.from_fund)?;
    let (sender, _) = parse_transfer_id(&request.transfer_id)?;
    if sender != request.from_fund {
        return Err(TransferRefusal::NotOfSender {
            transfer: request.transfer_id.clone(),
            fund: request.from_fund.clone(),
        }
        .into());
    }
    if let Some(before) = transfers(&tx, None, None)?.received(&request.transfer_id) {
        return Err(TransferRefusal::AlreadyReceived {
            transfer: request.transfer_id.clone(),
            txn: before.txn,
            date: before.date.clone(),
        }
        .into());
    }
    let mut book = Book::load(&tx)?;
    let (commodity, amount, into, pool) = leg(
        &tx,
        &mut book,
        (&request.amount, &request.commodity),
        (&request.into, "money is received into"),
        request.pool.as_deref(),
    )?;
    let sent = match &request.sent {
        None => None,
        Some((number, code)) if *code == commodity.code() => {
            if positive(number, &commodity)? != amount {
                return Err(TransferRefusal::AmountsDiffer {
                    sent: number.clone(),
                    received: request.amount.clone(),
                    commodity: code.clone(),
                }
                .into());
            }
            None
        }
        Some((number, code)) => {
            let sent_commodity = book
                .commodity(&tx, code, NewCommodity::Known)?
                .0
                .commodity
                .clone();
            Some((positive(number, &sent_commodity)?, sent_commodity))
        }
    };
    let grant = request
        .grant
        .as_deref()
        .map(|g| funded_grant(&tx, g, pool.as_deref()))
        .transpose()?;
    let mut description = transfer::received_description(&request.transfer_id, &request.from_fund);
    let mut rate = None;
    if let Some((sent_minor, sent_commodity)) = &sent {
        let effective = effective_rate(
            Decimal::new(*sent_minor, sent_commodity.decimals()),
            Decimal::new(amount, commodity.decimals()),
        );
        description.push_str(&format!(
            " at {effective} {} per {}",
            commodity.code(),
            sent_commodity.code()
        ));
        for code in [&commodity.code(), &sent_commodity.code()] {
            book.account_or_create(
                &tx,
                &crate::domain::account::conversion_account(code),
                &tx.recorded_at(),
            )?;
        }
        rate = Some(effective);
    }
    book.account_or_create(&tx, RECEIVED_ACCOUNT, &tx.recorded_at())?;
    let receipt = Receipt {
        into,
        amount,
        commodity,
        sent,
        pool,
        grant,
    };
    let txn = Transaction::new(
        request.date,
        description,
        Some(request.from_fund.clone()),
        Some(request.transfer_id.clone()),
        transfer::receive_postings(&receipt),
    )?;
    let (txn, _) = post_one(&tx, &book, &txn, None)?;
    tx.commit().ctx("committing the transfer")?;
    Ok(Received { txn, rate })
}
