//! `fondo init`, `fondo account …`, `fondo commodity …`.

use std::path::Path;

use crate::cli::{AccountCommand, CommodityCommand};
use crate::commands::{Outcome, date_or_today, open, say, stdout};
use fondo::error::Result;
use fondo::ops::setup;
use fondo::render::{Gate, write_rows};
use fondo::report::lists;
use fondo::store::Access;

pub fn init(db: &Path, name: &str, currency: Option<&str>) -> Result<Outcome> {
    let created = setup::init(db, name, currency, crate::commands::clock::clock())?;
    let currency = created
        .currency
        .map(|c| format!(", default currency {c}"))
        .unwrap_or_default();
    say(&[format!(
        "created {} for fund {:?}{currency}",
        db.display(),
        created.name
    )])?;
    Ok(Outcome::Ok)
}

pub fn account(path: &Path, command: AccountCommand) -> Result<Outcome> {
    match command {
        AccountCommand::Add { name, note } => {
            setup::add_account(&mut open(path, Access::Write)?, &name, note.as_deref())?;
            say(&[format!("added account {name}")])?;
        }
        AccountCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = lists::accounts(&tx)?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
        AccountCommand::Note { name, text } => {
            setup::note_account(&mut open(path, Access::Write)?, &name, &text)?;
            say(&[format!("noted account {name}")])?;
        }
        AccountCommand::Close { name, date } => {
            let on = date_or_today(date.as_deref())?;
            setup::close_account(&mut open(path, Access::Write)?, &name, on)?;
            say(&[format!("closed account {name} on {on}")])?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn commodity(path: &Path, command: CommodityCommand) -> Result<Outcome> {
    match command {
        CommodityCommand::Add {
            code,
            decimals,
            name,
        } => {
            let mut db = open(path, Access::Write)?;
            setup::add_commodity(&mut db, &code, decimals, name.as_deref())?;
            say(&[format!(
                "added commodity {code} with {}",
                fondo::domain::money::places(decimals)
            )])?;
        }
        CommodityCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = lists::commodities(&tx)?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
    }
    Ok(Outcome::Ok)
}
