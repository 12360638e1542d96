//! Pooled purchasing: the write commands of `fondo purchase …`, one SQLite
//! transaction each.
//!
//! A purchase is a row in `purchases` plus the `purchase-…` governance
//! records of everything that happened to it; its state is never stored but
//! replayed by the pure fold `Purchase::apply`, which also checks every new
//! event before it is recorded. Money and goods move only in ordinary
//! balanced transactions, through the same posting path as every command
//! (closed accounts, pools below zero and committed money are refused as
//! for any post):
//!
//! | step                 | debit                               | credit                              |
//! |----------------------|-------------------------------------|-------------------------------------|
//! | receive (stock item) | `assets:in-kind:CODE` (units)       | `liabilities:purchases:goods`       |
//! | settle               | `assets:purchases:receivable` per group, `expenses:purchases:subsidy` (the pool), the rounding account | `--from-account` (invoice, each cost) |
//! | pay                  | `--into`                            | `assets:purchases:receivable`       |
//! | distribute           | `liabilities:purchases:goods`       | `assets:in-kind:CODE` (units)       |
//!
//! Goods bought for groups are held for them, not owned by the fund: they
//! enter the stock against a liability and leave it against the same
//! liability, so the fund's net assets and its pools do not change. No
//! posting names a group (exports of the books carry no names); the
//! governance records say which posting is whose.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::books::members::member;
use crate::books::purchases::{Loaded, load};
use crate::domain::account::{AccountType, name_key, validate_account_name};
use crate::domain::currency;
use crate::domain::ids::{MemberId, TxnId};
use crate::domain::money::{Commodity, format_minor, parse_decimal, to_minor};
use crate::domain::purchase::split::{self, Split, Subsidy};
use crate::domain::purchase::{
    Charge, Event, GOODS_ACCOUNT, Item, RECEIVABLE_ACCOUNT, ROUNDING_ACCOUNT, SUBSIDY_ACCOUNT,
    Units, stock_account,
};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, NextStep, PurchaseRefusal, Result, SqlContext};
use crate::ops::{Book, NewCommodity, post_one};
use crate::store::WriteTx;
use crate::store::purchases::{self, NewPurchase};
use crate::store::{Db, balances, fund, members, rates};

impl Loaded {
    fn refuse(&self, reason: impl Into<String>) -> Error {
        Error::Purchase {
            purchase: self.stored.name.clone(),
            reason: reason.into(),
        }
    }

    /// A step this purchase is not ready for, and what would make it so.
    fn blocked(&self, problem: impl std::fmt::Display, next: NextStep) -> Error {
        Error::Blocked {
            problem: format!("purchase {:?}: {problem}", self.stored.name),
            next,
        }
    }

    /// Checks an event against the state without recording it (before
    /// posting its transaction, whose id it will carry).
    fn check(&self, at: NaiveDateTime, event: &Event) -> Result<()> {
        self.state
            .clone()
            .apply(at, event)
            .map_err(|reason| self.refuse(reason))
    }

    /// Checks an event against the state and records it.
    fn record(&mut self, tx: &WriteTx<'_>, at: NaiveDateTime, event: &Event) -> Result<()> {
        let name = self.stored.name.clone();
        self.state
            .apply(at, event)
            .map_err(|reason| Error::Purchase {
                purchase: name,
                reason,
            })?;
        purchases::append_event(tx, self.stored.id, at, event, &tx.recorded_at())?;
        Ok(())
    }

    fn item(&self, name: &str) -> Result<usize> {
        self.state.item(name).ok_or_else(|| {
            let known: Vec<&str> = self.state.items.iter().map(|i| i.name.as_str()).collect();
            self.refuse(format!(
                "it has no item {name:?} (its items: {})",
                if known.is_empty() {
                    "none yet".to_owned()
                } else {
                    known.join(", ")
                }
            ))
        })
    }

    /// Refuses an amount that is not in the purchase's currency.
    fn in_currency(&self, (commodity, minor): (Commodity, i64)) -> Result<i64> {
        let c = &self.stored.commodity;
        if commodity.code() != c.code() {
            return Err(self.refuse(format!(
                "its amounts are in {}, not {}",
                c.code(),
                commodity.code()
            )));
        }
        Ok(minor)
    }

    fn label(&self, minor: i64) -> String {
        format!(
            "{} {}",
            format_minor(minor.into(), self.stored.commodity.decimals()),
            self.stored.commodity.code()
        )
    }
}

/// A positive amount in a named commodity, read before anything else (so a
/// mistyped amount gets the one message every command gives it).
fn positive(
    conn: &Connection,
    book: &mut Book,
    (amount, code): &AmountArg,
    what: &str,
) -> Result<(Commodity, i64)> {
    let (stored, _) = book.commodity(conn, code, NewCommodity::Known)?;
    let commodity = stored.commodity.clone();
    let minor = to_minor(parse_decimal(amount)?, &commodity, amount)?;
    if minor <= 0 {
        return Err(Error::Amount {
            input: amount.clone(),
            reason: format!("{what} is a positive amount"),
        });
    }
    Ok((commodity, minor))
}

/// A whole number of units, at least `min`.
fn whole(text: &str, what: &str, min: u64) -> Result<u64> {
    let refused = |reason: String| Error::Amount {
        input: text.to_owned(),
        reason,
    };
    let value: i128 = text
        .trim()
        .parse()
        .map_err(|_| refused(format!("{what} is a whole number of units, e.g. 12")))?;
    if value < i128::from(min) {
        return Err(refused(if min == 0 {
            format!("{what} cannot be negative")
        } else {
            format!("{what} is at least {min}; a negative or zero {what} is not an order")
        }));
    }
    u64::try_from(value).map_err(|_| refused(format!("{what} is too large")))
}

/// A positive amount with its commodity, e.g. `("3.20", "EUR")`.
pub type AmountArg = (String, String);

/// A purchase to open.
#[derive(Debug, Clone)]
pub struct OpenRequest {
    pub name: String,
    pub supplier: String,
    pub closes: NaiveDateTime,
    pub pool: Option<String>,
    /// The purchase's currency (default: the fund's).
    pub currency: Option<String>,
    pub at: NaiveDateTime,
}

/// Opens a purchase. Fails on a name in use (ignoring case), an unknown
/// pool, a currency that is not one, or a closing moment before the
/// opening.
pub fn open(db: &mut Db, request: &OpenRequest) -> Result<()> {
    let name = crate::domain::pool::validate_pool_name(&request.name).map_err(|e| match e {
        Error::InvalidName { name, reason, .. } => Error::InvalidName {
            kind: "purchase name",
            name,
            reason,
        },
        e => e,
    })?;
    if request.supplier.trim().is_empty() {
        return Err(PurchaseRefusal::NoSupplier.into());
    }
    if request.closes < request.at {
        return Err(PurchaseRefusal::ClosesBeforeOpening {
            opens: purchases::stamp(request.at),
            closes: purchases::stamp(request.closes),
        }
        .into());
    }
    let tx = db.write()?;
    let key = name_key(&name);
    if let Some(existing) = purchases::find_by_key(&tx, &key)? {
        return Err(PurchaseRefusal::Exists {
            name: existing.name,
        }
        .into());
    }
    crate::domain::name::refuse_lookalike(
        "purchase name",
        &name,
        purchases::all(&tx)?.iter().map(|p| p.name.as_str()),
    )?;
    let code = match &request.currency {
        Some(code) => code.clone(),
        None => fund::get(&tx)?
            .and_then(|f| f.currency)
            .ok_or_else(|| Error::from(PurchaseRefusal::NoCurrency))?,
    };
    let mut book = Book::load(&tx)?;
    let (stored, _) = book.commodity(&tx, &code, NewCommodity::Known)?;
    if currency::known(stored.commodity.code()).is_none() {
        return Err(PurchaseRefusal::NotMoney {
            code: stored.commodity.code().to_owned(),
        }
        .into());
    }
    let commodity_id = stored.id;
    let pool_id = match &request.pool {
        Some(name) => book.pool(name)?.1,
        None => None,
    };
    purchases::insert(
        &tx,
        &NewPurchase {
            name: &name,
            key: &key,
            supplier: request.supplier.trim(),
            commodity_id,
            pool_id,
            opened_at: request.at,
            closes_at: request.closes,
        },
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the purchase")
}

/// An item to add to a purchase.
#[derive(Debug, Clone)]
pub struct ItemRequest {
    pub purchase: String,
    pub item: String,
    pub unit_price: AmountArg,
    pub case: String,
    pub unit: Option<String>,
    pub reference_price: Option<AmountArg>,
    pub at: NaiveDateTime,
}

/// Adds an item while the purchase is open.
pub fn add_item(db: &mut Db, request: &ItemRequest) -> Result<()> {
    let case = whole(&request.case, "a case", 1)?;
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let unit_price = positive(&tx, &mut book, &request.unit_price, "a price")?;
    let reference_price = request
        .reference_price
        .as_ref()
        .map(|r| positive(&tx, &mut book, r, "a price"))
        .transpose()?;
    let mut p = load(&tx, &request.purchase)?;
    let unit_price = p.in_currency(unit_price)?;
    let reference_price = reference_price.map(|r| p.in_currency(r)).transpose()?;
    let unit = match &request.unit {
        Some(code) => {
            let (stored, _) = book.commodity(&tx, code, NewCommodity::Refuse)?;
            if currency::known(stored.commodity.code()).is_some() {
                return Err(p.refuse(format!(
                    "an item's unit is an in-kind commodity (such as KG-RICE), not a currency like {}",
                    stored.commodity.code()
                )));
            }
            Some(stored.commodity.code().to_owned())
        }
        None => None,
    };
    let name = crate::domain::name::stored("item name", request.item.trim())?;
    if name.is_empty() {
        return Err(p.refuse("an item needs a name"));
    }
    let event = Event::Item(Item {
        name,
        unit_price,
        case,
        unit,
        reference_price,
    });
    p.record(&tx, request.at, &event)?;
    tx.commit().ctx("committing the item")
}

/// A group's order (or a change to it).
#[derive(Debug, Clone)]
pub struct OrderRequest {
    pub purchase: String,
    pub item: String,
    pub quantity: String,
    pub group: String,
    pub tolerance: Option<String>,
    pub at: NaiveDateTime,
}

/// Records a group's order for an item; a later order replaces it (both
/// are kept).
pub fn order(db: &mut Db, request: &OrderRequest) -> Result<()> {
    let quantity = whole(&request.quantity, "a quantity", 1)?;
    let tolerance = request
        .tolerance
        .as_deref()
        .map(|t| whole(t, "a tolerance", 0))
        .transpose()?
        .unwrap_or(0);
    let tx = db.write()?;
    let mut p = load(&tx, &request.purchase)?;
    let item = p.item(&request.item)?;
    let group = member(&tx, &request.group)?.id;
    let event = Event::Order {
        item,
        group,
        quantity,
        tolerance,
    };
    p.record(&tx, request.at, &event)?;
    tx.commit().ctx("committing the order")
}

/// Closes a purchase: allocates whole cases and records each group's result.
pub fn close(db: &mut Db, purchase: &str, at: NaiveDateTime) -> Result<()> {
    let tx = db.write()?;
    let mut p = load(&tx, purchase)?;
    if p.state.items.is_empty() {
        return Err(p.blocked(
            "it has no items, so there is nothing to allocate",
            NextStep::AddItems {
                purchase: p.stored.name.clone(),
            },
        ));
    }
    let allocation = p.state.allocation();
    p.record(&tx, at, &Event::Close { allocation })?;
    tx.commit().ctx("committing the allocation")
}

/// A delivery.
#[derive(Debug, Clone)]
pub struct ReceiveRequest {
    pub purchase: String,
    pub item: String,
    pub quantity: String,
    pub date: NaiveDate,
    pub at: NaiveDateTime,
}

/// What a delivery did.
#[derive(Debug, Clone)]
pub struct Received {
    /// The stock transaction (for items with a unit).
    pub txn: Option<TxnId>,
    /// Units ordered (whole cases) and received so far.
    pub ordered: u64,
    pub received: u64,
}

/// Records what arrived of an item; a short delivery re-allocates the item
/// (tolerances first, the last served first) and so re-prices the shares.
/// Goods of an item with a unit enter the stock.
pub fn receive(db: &mut Db, request: &ReceiveRequest) -> Result<Received> {
    let quantity = whole(&request.quantity, "a delivered quantity", 0)?;
    let tx = db.write()?;
    let mut p = load(&tx, &request.purchase)?;
    let item = p.item(&request.item)?;
    if p.state.closed.is_none() {
        return Err(p.refuse("close the purchase before recording deliveries"));
    }
    let allocation = p.state.after_delivery(item, quantity);
    p.check(
        request.at,
        &Event::Receive {
            item,
            quantity,
            date: request.date,
            txn: None,
            allocation: allocation.clone(),
        },
    )?;
    let unit = p.state.items[item].unit.clone();
    let txn = match unit {
        Some(code) if quantity > 0 => {
            let mut book = Book::load(&tx)?;
            let (stored, _) = book.commodity(&tx, &code, NewCommodity::Refuse)?;
            let commodity = stored.commodity.clone();
            let amount = units_amount(quantity, &commodity)?;
            let stock = stock_account(&code);
            book.account_or_create(&tx, &stock, &tx.recorded_at())?;
            book.account_or_create(&tx, GOODS_ACCOUNT, &tx.recorded_at())?;
            let txn = Transaction::new(
                request.date,
                format!(
                    "Purchase {}: {} received",
                    p.stored.name, p.state.items[item].name
                ),
                Some(p.stored.supplier.clone()),
                None,
                vec![
                    leg(&stock, &commodity, amount, None)?,
                    leg(GOODS_ACCOUNT, &commodity, -amount, None)?,
                ],
            )?;
            Some(post_one(&tx, &book, &txn, None)?.0)
        }
        _ => None,
    };
    let event = Event::Receive {
        item,
        quantity,
        date: request.date,
        txn,
        allocation,
    };
    p.record(&tx, request.at, &event)?;
    let ordered = p.state.cases[item] * p.state.items[item].case;
    let received = p.state.received[item].unwrap_or(0);
    tx.commit().ctx("committing the delivery")?;
    Ok(Received {
        txn,
        ordered,
        received,
    })
}

fn units_amount(units: u64, commodity: &Commodity) -> Result<i64> {
    i64::try_from(units)
        .ok()
        .and_then(|u| u.checked_mul(10i64.pow(commodity.decimals())))
        .ok_or_else(|| Error::Overflow {
            context: format!("of {units} {}", commodity.code()),
        })
}

fn leg(account: &str, commodity: &Commodity, amount: i64, pool: Option<String>) -> Result<Posting> {
    Posting::new(account, commodity.clone(), amount)?.with_pool(pool)
}

/// A cost (transport, packing) to split between the groups.
#[derive(Debug, Clone)]
pub struct CostRequest {
    pub purchase: String,
    pub amount: AmountArg,
    pub split: Split,
    pub reason: String,
    pub at: NaiveDateTime,
}

/// Records a cost, paid with the invoice at settling.
pub fn cost(db: &mut Db, request: &CostRequest) -> Result<()> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let amount = positive(&tx, &mut book, &request.amount, "a cost")?;
    let mut p = load(&tx, &request.purchase)?;
    let amount = p.in_currency(amount)?;
    let event = Event::Cost {
        amount,
        split: request.split,
        reason: request.reason.trim().to_owned(),
    };
    p.record(&tx, request.at, &event)?;
    tx.commit().ctx("committing the cost")
}

/// Reads `--subsidy`: `20%` (of every share) or an amount (`150.00`) in
/// the purchase's currency.
pub fn parse_subsidy(text: &str, commodity: &Commodity) -> Result<Subsidy> {
    let bad = |reason: &str| Error::Amount {
        input: text.to_owned(),
        reason: reason.to_owned(),
    };
    match text.trim().strip_suffix('%') {
        Some(percent) => {
            let value = parse_decimal(percent.trim())?;
            let hundredths = value * Decimal::from(100);
            if !hundredths.fract().is_zero() {
                return Err(bad(
                    "a percentage has at most two decimal places, e.g. 12.5%",
                ));
            }
            let hundredths: i64 = hundredths.try_into().map_err(|_| bad("out of range"))?;
            if !(1..=10_000).contains(&hundredths) {
                return Err(bad("a subsidy is more than 0 % and at most 100 %"));
            }
            Ok(Subsidy::Percent(
                u32::try_from(hundredths).expect("checked to be at most 10000"),
            ))
        }
        None => {
            let amount = to_minor(parse_decimal(text)?, commodity, text)?;
            if amount <= 0 {
                return Err(bad(
                    "a subsidy is a positive amount or a percentage such as 20%",
                ));
            }
            Ok(Subsidy::Amount(amount))
        }
    }
}

/// Settling: the invoice paid, shares charged.
#[derive(Debug, Clone)]
pub struct SettleRequest {
    pub purchase: String,
    pub invoice: AmountArg,
    pub from_account: String,
    pub subsidy: Option<String>,
    pub rounding_account: Option<String>,
    pub date: NaiveDate,
    pub at: NaiveDateTime,
}

/// What settling did.
#[derive(Debug, Clone)]
pub struct Settled {
    pub txn: TxnId,
    pub total: String,
    pub shares: String,
    pub subsidy: String,
    /// The pool the subsidy came from (None: the general pool).
    pub pool: Option<String>,
    pub remainder: String,
    pub rounding_account: String,
    /// The invoice in the purchase's currency, and the rate used, when it
    /// was in another one.
    pub converted: Option<(String, String)>,
}

/// The recorded rate from `from` to `to` in force on `day`.
fn rate_on(conn: &Connection, from: &str, to: &str, day: NaiveDate) -> Result<Option<Decimal>> {
    let rate = rates::all(conn)?
        .into_iter()
        .filter(|r| r.from == from && r.to == to && r.date <= day)
        .max_by_key(|r| r.date);
    rate.map(|r| {
        Decimal::from_str_exact(&r.rate).map_err(|_| Error::Damaged {
            what: "the rates table".into(),
            detail: format!("the rate {from}→{to} of {} cannot be read", r.date),
        })
    })
    .transpose()
}

/// Pays the supplier's invoice and the recorded costs from
/// `--from-account`, and charges each group its share (to the receivable),
/// the subsidy to the purchase's pool and the rounding remainder to the
/// rounding account, in one balanced transaction.
///
/// Refused before closing, a second time, before every delivery is
/// recorded, for an invoice in another currency without a recorded rate,
/// and as any post is (a closed account, a pool below zero).
pub fn settle(db: &mut Db, request: &SettleRequest) -> Result<Settled> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let (other, paid) = positive(&tx, &mut book, &request.invoice, "an invoice")?;
    let mut p = load(&tx, &request.purchase)?;
    if p.state.closed.is_none() {
        return Err(p.blocked(
            "it is still taking orders; it is settled after closing",
            NextStep::ClosePurchase {
                purchase: p.stored.name.clone(),
            },
        ));
    }
    if p.state.settled.is_some() {
        return Err(p.refuse("it is already settled; an invoice is paid once"));
    }
    let currency = p.stored.commodity.clone();
    let mut converted = None;
    let mut conversion = Vec::new();
    let invoice = if other.code() == currency.code() {
        paid
    } else {
        let rate = rate_on(&tx, other.code(), currency.code(), request.date)?.ok_or_else(|| {
            p.blocked(
                format!(
                    "the invoice is in {} and the purchase in {}, and no {}→{} rate is recorded on or before {}",
                    other.code(), currency.code(), other.code(), currency.code(), request.date
                ),
                NextStep::RecordRate {
                    from: other.code().to_owned(),
                    to: currency.code().to_owned(),
                },
            )
        })?;
        let value = Decimal::from(paid) * rate / Decimal::from(10i64.pow(other.decimals()));
        let minor = (value * Decimal::from(10i64.pow(currency.decimals())))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let minor: i64 = minor.try_into().map_err(|_| Error::Overflow {
            context: "of the converted invoice".into(),
        })?;
        converted = Some((p.label(minor), rate.normalize().to_string()));
        let from_conv = format!("equity:conversions:{}", other.code());
        let to_conv = format!("equity:conversions:{}", currency.code());
        book.account_or_create(&tx, &from_conv, &tx.recorded_at())?;
        book.account_or_create(&tx, &to_conv, &tx.recorded_at())?;
        conversion.push(leg(&request.from_account, &other, -paid, None)?);
        conversion.push(leg(&from_conv, &other, paid, None)?);
        conversion.push(leg(&to_conv, &currency, -minor, None)?);
        minor
    };
    if invoice <= 0 {
        return Err(p.refuse("the invoice converts to nothing"));
    }
    let subsidy = request
        .subsidy
        .as_deref()
        .map(|s| parse_subsidy(s, &currency))
        .transpose()?;
    let from = book.account(&request.from_account)?;
    if !matches!(validate_account_name(&from.name), Ok(AccountType::Assets)) {
        return Err(p.refuse(format!(
            "the invoice is paid from an assets account, not {}",
            from.name
        )));
    }
    let rounding_account = match &request.rounding_account {
        Some(name) => {
            let account = book.account(name)?;
            if !matches!(
                validate_account_name(&account.name),
                Ok(AccountType::Expenses | AccountType::Income)
            ) {
                return Err(p.refuse(format!(
                    "a rounding remainder is a cost or a gain of the fund: name an expenses or income account, not {}",
                    account.name
                )));
            }
            account.name.clone()
        }
        None => book
            .account_or_create(&tx, ROUNDING_ACCOUNT, &tx.recorded_at())?
            .0
            .name
            .clone(),
    };
    if let Some(missing) =
        (0..p.state.items.len()).find(|i| p.state.cases[*i] > 0 && p.state.received[*i].is_none())
    {
        let item = p.state.items[missing].name.clone();
        return Err(p.blocked(
            format!("nothing is recorded as arrived of {item} yet (0 counts, if nothing did)"),
            NextStep::RecordDelivery {
                purchase: p.stored.name.clone(),
                item,
            },
        ));
    }
    let s =
        split::settle(&p.state.takes(), invoice, &p.state.cost_list(), subsidy).map_err(|e| {
            match &e {
                Error::PurchaseRefused(r)
                    if let PurchaseRefusal::SubsidyOverTotal { total } = **r =>
                {
                    p.refuse(format!(
                        "{e} ({} {})",
                        format_minor(total.into(), currency.decimals()),
                        currency.code()
                    ))
                }
                _ => p.refuse(e.to_string()),
            }
        })?;
    book.account_or_create(&tx, RECEIVABLE_ACCOUNT, &tx.recorded_at())?;
    let pool = p.stored.pool.clone();
    let mut postings: Vec<Posting> = s
        .shares
        .iter()
        .filter(|c| c.charge != 0)
        .map(|c| leg(RECEIVABLE_ACCOUNT, &currency, c.charge, None))
        .collect::<Result<_>>()?;
    if s.subsidy != 0 {
        book.account_or_create(&tx, SUBSIDY_ACCOUNT, &tx.recorded_at())?;
        postings.push(leg(SUBSIDY_ACCOUNT, &currency, s.subsidy, pool)?);
    }
    if s.remainder != 0 {
        postings.push(leg(&rounding_account, &currency, s.remainder, None)?);
    }
    if conversion.is_empty() {
        postings.push(
            leg(&request.from_account, &currency, -invoice, None)?
                .with_memo(Some("invoice".into())),
        );
    } else {
        postings.extend(conversion);
    }
    for (c, reason) in &p.state.costs {
        postings.push(
            leg(&request.from_account, &currency, -c.amount, None)?.with_memo(Some(reason.clone())),
        );
    }
    let txn = Transaction::new(
        request.date,
        format!("Purchase {}: invoice and shares", p.stored.name),
        Some(p.stored.supplier.clone()),
        None,
        postings,
    )?;
    let mut event = Event::Settle {
        invoice,
        date: request.date,
        txn: TxnId::UNPOSTED,
        subsidy,
        shares: s
            .shares
            .iter()
            .map(|c| Charge {
                group: c.group,
                charge: c.charge,
            })
            .collect(),
        subsidy_amount: s.subsidy,
        remainder: s.remainder,
        rounding_account: rounding_account.clone(),
    };
    p.check(request.at, &event)?;
    let (id, _) = post_one(&tx, &book, &txn, None)?;
    if let Event::Settle { txn, .. } = &mut event {
        *txn = id;
    }
    p.record(&tx, request.at, &event)?;
    tx.commit().ctx("committing the settlement")?;
    Ok(Settled {
        txn: id,
        total: p.label(s.total),
        shares: p.label(s.shares.iter().map(|c| c.charge).sum()),
        subsidy: p.label(s.subsidy),
        pool: p.stored.pool.clone(),
        remainder: p.label(s.remainder),
        rounding_account,
        converted,
    })
}

/// A group paying its share.
#[derive(Debug, Clone)]
pub struct PayRequest {
    pub purchase: String,
    pub group: String,
    pub amount: AmountArg,
    pub into: String,
    pub date: NaiveDate,
    pub at: NaiveDateTime,
}

/// Records a group's payment of (part of) its share; returns the
/// transaction id and what the group still owes.
pub fn pay(db: &mut Db, request: &PayRequest) -> Result<(TxnId, String)> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let amount = positive(&tx, &mut book, &request.amount, "a payment")?;
    let mut p = load(&tx, &request.purchase)?;
    let group = member(&tx, &request.group)?.id;
    let amount = p.in_currency(amount)?;
    if p.state.settled.is_none() {
        return Err(p.refuse("nothing is charged before it is settled"));
    }
    let owed = p.state.charged(group) - p.state.paid(group);
    if amount > owed {
        return Err(p.refuse(format!(
            "{} owes {} of it; a payment is at most what is owed",
            request.group,
            p.label(owed)
        )));
    }
    let into = book.account(&request.into)?;
    if !matches!(validate_account_name(&into.name), Ok(AccountType::Assets)) {
        return Err(p.refuse(format!(
            "money goes into an assets account, not {}",
            into.name
        )));
    }
    let currency = p.stored.commodity.clone();
    let txn = Transaction::new(
        request.date,
        format!("Purchase {}: a group's share paid", p.stored.name),
        None,
        None,
        vec![
            leg(&request.into, &currency, amount, None)?,
            leg(RECEIVABLE_ACCOUNT, &currency, -amount, None)?,
        ],
    )?;
    let mut event = Event::Pay {
        group,
        amount,
        date: request.date,
        txn: TxnId::UNPOSTED,
    };
    p.check(request.at, &event)?;
    let (id, _) = post_one(&tx, &book, &txn, None)?;
    if let Event::Pay { txn, .. } = &mut event {
        *txn = id;
    }
    p.record(&tx, request.at, &event)?;
    let left = p.state.charged(group) - p.state.paid(group);
    tx.commit().ctx("committing the payment")?;
    Ok((id, p.label(left)))
}

/// Gives each group (or one) its goods out of stock, one transaction per
/// group; returns (group name, transaction id) for each.
///
/// Refused before every delivery is recorded, for a group whose goods were
/// already given out or that has none, and when the stock would go below
/// zero on any day (as `give` refuses it).
pub fn distribute(
    db: &mut Db,
    purchase: &str,
    group: Option<&str>,
    date: NaiveDate,
    at: NaiveDateTime,
) -> Result<Vec<(String, TxnId)>> {
    let tx = db.write()?;
    let mut p = load(&tx, purchase)?;
    if !p.state.items.iter().any(|i| i.unit.is_some()) {
        return Err(p.refuse(
            "none of its items is counted in an in-kind unit, so nothing entered the stock to be given out",
        ));
    }
    let names: std::collections::HashMap<MemberId, String> = members::all(&tx)?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let groups: Vec<MemberId> = match group {
        Some(name) => vec![member(&tx, name)?.id],
        None => p
            .state
            .groups()
            .into_iter()
            .filter(|g| {
                p.state.distributed_to(*g).is_none() && !p.state.to_distribute(*g).is_empty()
            })
            .collect(),
    };
    if groups.is_empty() {
        return Err(p.refuse("every group's goods were already given out"));
    }
    let mut book = Book::load(&tx)?;
    let mut done = Vec::new();
    let mut stocks = Vec::new();
    for g in groups {
        let lines: Vec<Units> = p.state.to_distribute(g);
        p.check(
            at,
            &Event::Distribute {
                group: g,
                date,
                txn: TxnId::UNPOSTED,
                lines: lines.clone(),
            },
        )?;
        let mut postings = Vec::new();
        for line in &lines {
            let code = p.state.items[line.item]
                .unit
                .clone()
                .expect("only items with a unit are given out");
            let (stored, _) = book.commodity(&tx, &code, NewCommodity::Refuse)?;
            let (commodity, commodity_id) = (stored.commodity.clone(), stored.id);
            let amount = units_amount(line.units, &commodity)?;
            let stock = stock_account(&code);
            stocks.push((book.account(&stock)?.id, commodity_id, commodity.clone()));
            postings.push(leg(GOODS_ACCOUNT, &commodity, amount, None)?);
            postings.push(leg(&stock, &commodity, -amount, None)?);
        }
        let txn = Transaction::new(
            date,
            format!("Purchase {}: goods given to a group", p.stored.name),
            None,
            None,
            postings,
        )?;
        let (id, _) = post_one(&tx, &book, &txn, None)?;
        let event = Event::Distribute {
            group: g,
            date,
            txn: id,
            lines,
        };
        p.record(&tx, at, &event)?;
        done.push((names.get(&g).cloned().unwrap_or_default(), id));
    }
    for (account, commodity_id, commodity) in stocks {
        if let Some((day, low)) = balances::lowest(&tx, account, commodity_id)?
            && low < 0
        {
            return Err(p.refuse(format!(
                "the stock of {} would be {} on {day}; nothing can be given that is not there",
                commodity.code(),
                format_minor(low, commodity.decimals())
            )));
        }
    }
    tx.commit().ctx("committing the hand-out")?;
    Ok(done)
}
