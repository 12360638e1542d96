//! `fondo purchase …` and `fondo report purchases`. Moments and dates are
//! read before the books are opened; the clock is read here, once, for the
//! defaults ("now", "today").

use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::cli::{FormatArg, PurchaseCommand, PurchaseItemCommand, PurchaseStatusArg, SplitArg};
use crate::commands::Result;
use crate::commands::gate;
use crate::commands::{Outcome, date_or_today, open, pair, say, stdout};
use fondo::domain::date::parse_datetime;
use fondo::domain::member::Audience;
use fondo::domain::purchase::Status;
use fondo::domain::purchase::split::Split;
use fondo::ops::purchases as ops;
use fondo::render::{Format, Gate, write_rows};
use fondo::report::purchases as report;
use fondo::store::Access;

/// The day of a dated step (`--date`, default today) and the moment its
/// record carries: the start of that day when it is given, so a step dated
/// by hand records the same moment on every run, else now.
fn day_and_moment(text: Option<&str>) -> Result<(NaiveDate, NaiveDateTime)> {
    let date = date_or_today(text)?;
    let at = match text {
        Some(_) => date.and_time(NaiveTime::MIN),
        None => at_or_now(None)?,
    };
    Ok((date, at))
}

/// A moment argument, or now.
fn at_or_now(text: Option<&str>) -> fondo::error::Result<NaiveDateTime> {
    match text {
        Some(text) => parse_datetime(text),
        None => Ok(crate::commands::clock::now()),
    }
}

impl From<SplitArg> for Split {
    fn from(split: SplitArg) -> Split {
        match split {
            SplitArg::Equal => Split::Equal,
            SplitArg::Value => Split::Value,
            SplitArg::Units => Split::Units,
        }
    }
}

impl From<PurchaseStatusArg> for Status {
    fn from(status: PurchaseStatusArg) -> Status {
        match status {
            PurchaseStatusArg::Open => Status::Open,
            PurchaseStatusArg::Closed => Status::Closed,
            PurchaseStatusArg::Settled => Status::Settled,
            PurchaseStatusArg::Done => Status::Done,
        }
    }
}

/// Prints a purchase's facts and lines (the facts only above a table).
fn show(path: &Path, name: &str, audience: Audience, format: FormatArg) -> Result<()> {
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    let (facts, rows) = report::show(&tx, name, audience)?;
    let format: Format = format.into();
    let mut out = stdout();
    if format == Format::Table {
        writeln!(
            out,
            "Purchase {} from {} ({}), in {}{}; orders close {}",
            facts.name,
            facts.supplier,
            facts.status.as_str(),
            facts.currency,
            facts
                .pool
                .as_ref()
                .map(|p| format!(", subsidised from pool {p}"))
                .unwrap_or_default(),
            facts.closes
        )?;
        for line in facts.items.iter().chain(&facts.costs) {
            writeln!(out, "  {line}")?;
        }
        if let Some(line) = &facts.settlement {
            writeln!(out, "  {line}")?;
        }
    }
    write_rows(format, &mut out, &gate(&tx, audience)?, &rows)?;
    out.flush()?;
    Ok(())
}

pub fn purchase(path: &Path, command: PurchaseCommand) -> Result<Outcome> {
    match command {
        PurchaseCommand::Open {
            name,
            supplier,
            closes,
            pool,
            currency,
            at,
        } => {
            let request = ops::OpenRequest {
                closes: parse_datetime(&closes)?,
                at: at_or_now(at.as_deref())?,
                name,
                supplier,
                pool,
                currency,
            };
            ops::open(&mut open(path, Access::Write)?, &request)?;
            say(&[format!(
                "purchase {} is open for orders until {}",
                request.name,
                fondo::store::purchases::stamp(request.closes)
            )])?;
        }
        PurchaseCommand::Item(PurchaseItemCommand::Add {
            purchase,
            item,
            unit_price,
            case_size,
            unit,
            reference_price,
            at,
        }) => {
            let request = ops::ItemRequest {
                at: at_or_now(at.as_deref())?,
                purchase,
                item,
                unit_price: pair(unit_price),
                case: case_size,
                unit,
                reference_price: reference_price.map(pair),
            };
            ops::add_item(&mut open(path, Access::Write)?, &request)?;
            say(&[format!(
                "{} added to purchase {}",
                request.item, request.purchase
            )])?;
        }
        PurchaseCommand::Order {
            purchase,
            item,
            quantity,
            group,
            tolerance,
            at,
        } => {
            let request = ops::OrderRequest {
                at: at_or_now(at.as_deref())?,
                purchase,
                item,
                quantity,
                group,
                tolerance,
            };
            ops::order(&mut open(path, Access::Write)?, &request)?;
            say(&[format!(
                "{} orders {} {}{} in purchase {}",
                request.group,
                request.quantity.trim(),
                request.item,
                request
                    .tolerance
                    .as_deref()
                    .map(|t| format!(" (tolerance {})", t.trim()))
                    .unwrap_or_default(),
                request.purchase
            )])?;
        }
        PurchaseCommand::Close { purchase, at } => {
            let at = at_or_now(at.as_deref())?;
            ops::close(&mut open(path, Access::Write)?, &purchase, at)?;
            show(path, &purchase, Audience::Treasurer, FormatArg::Table)?;
        }
        PurchaseCommand::Receive {
            purchase,
            item,
            quantity,
            date,
        } => {
            let (date, at) = day_and_moment(date.as_deref())?;
            let request = ops::ReceiveRequest {
                date,
                at,
                purchase,
                item,
                quantity,
            };
            let received = ops::receive(&mut open(path, Access::Write)?, &request)?;
            let mut line = format!(
                "{} of {} {} received in purchase {}",
                received.received, received.ordered, request.item, request.purchase
            );
            if received.received < received.ordered {
                line.push_str(" (short: re-allocated, the last served first)");
            }
            if let Some(txn) = received.txn {
                line.push_str(&format!("; into stock by transaction {txn}"));
            }
            say(&[line])?;
        }
        PurchaseCommand::Cost {
            purchase,
            amount,
            commodity,
            split,
            reason,
            at,
        } => {
            let request = ops::CostRequest {
                at: at_or_now(at.as_deref())?,
                purchase,
                amount: (amount, commodity),
                split: split.into(),
                reason,
            };
            ops::cost(&mut open(path, Access::Write)?, &request)?;
            say(&[format!(
                "cost of {} {} recorded in purchase {}, split by {}",
                request.amount.0,
                request.amount.1,
                request.purchase,
                request.split.as_str()
            )])?;
        }
        PurchaseCommand::Settle {
            purchase,
            invoice,
            from_account,
            subsidy,
            rounding_account,
            date,
        } => {
            let (date, at) = day_and_moment(date.as_deref())?;
            let request = ops::SettleRequest {
                date,
                at,
                purchase,
                invoice: pair(invoice),
                from_account,
                subsidy,
                rounding_account,
            };
            let settled = ops::settle(&mut open(path, Access::Write)?, &request)?;
            let mut lines = vec![settled.txn.to_string()];
            if let Some((amount, rate)) = &settled.converted {
                lines.push(format!(
                    "invoice converted to {amount} at the recorded rate {rate}"
                ));
            }
            lines.push(format!(
                "{} in all: shares {}, subsidy {} from {}, rounding remainder {} to {}",
                settled.total,
                settled.shares,
                settled.subsidy,
                settled
                    .pool
                    .as_ref()
                    .map_or_else(|| "the general pool".to_owned(), |p| format!("pool {p}")),
                settled.remainder,
                settled.rounding_account
            ));
            say(&lines)?;
            show(
                path,
                &request.purchase,
                Audience::Treasurer,
                FormatArg::Table,
            )?;
        }
        PurchaseCommand::Distribute {
            purchase,
            group,
            date,
        } => {
            let (date, at) = day_and_moment(date.as_deref())?;
            let done = ops::distribute(
                &mut open(path, Access::Write)?,
                &purchase,
                group.as_deref(),
                date,
                at,
            )?;
            let lines: Vec<String> = done
                .into_iter()
                .map(|(group, txn)| format!("{txn} {group}"))
                .collect();
            say(&lines)?;
        }
        PurchaseCommand::Pay {
            purchase,
            group,
            amount,
            commodity,
            into,
            date,
        } => {
            let (date, at) = day_and_moment(date.as_deref())?;
            let request = ops::PayRequest {
                date,
                at,
                purchase,
                group,
                amount: (amount, commodity),
                into,
            };
            let (txn, left) = ops::pay(&mut open(path, Access::Write)?, &request)?;
            say(&[
                txn.to_string(),
                format!("{} still owes {left}", request.group),
            ])?;
        }
        PurchaseCommand::Show {
            purchase,
            audience,
            format,
        } => show(path, &purchase, audience.into(), format)?,
        PurchaseCommand::List { status, format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::list(&tx, status.map(Status::from))?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
    }
    Ok(Outcome::Ok)
}
