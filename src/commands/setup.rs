//! `fondo init`, `fondo rekey`, `fondo account …`, `fondo commodity …`.

use std::path::Path;

use crate::cli::{AccountCommand, CommodityCommand};
use crate::commands::Result;
use crate::commands::passphrase;
use crate::commands::{Outcome, date_or_today, open, say, stdout};
use fondo::error::Error;
use fondo::ops::setup;
use fondo::render::{Gate, write_rows};
use fondo::report::lists;
use fondo::store::Access;
use fondo::store::cipher;
use fondo::store::fund::Fixed;

/// The environment variable that fixes a new fund's salt key (64 hex
/// digits), so that tests and the demo get the same fingerprints on every
/// run. Real funds leave it unset: their key is random.
pub const FONDO_SALT_KEY: &str = "FONDO_SALT_KEY";

/// The environment variable that fixes a new fund's id (32 lower-case hex
/// digits), so that tests and the demo get the same transfer ids on every
/// run. Real funds leave it unset: their id is random.
pub const FONDO_FUND_ID: &str = "FONDO_FUND_ID";

pub fn init(db: &Path, name: &str, currency: Option<&str>, encrypt: bool) -> Result<Outcome> {
    let clock = crate::commands::clock::clock();
    let salt_key = std::env::var(FONDO_SALT_KEY).ok();
    let fund_id = std::env::var(FONDO_FUND_ID).ok();
    let fixed = Fixed {
        salt_key: salt_key.as_deref(),
        fund_id: fund_id.as_deref(),
    };
    let created = if encrypt {
        cipher::can_encrypt(db)?;
        // Before asking for a passphrase for nothing.
        if std::fs::symlink_metadata(db).is_ok() {
            return Err(Error::AlreadyExists {
                path: db.to_owned(),
            }
            .into());
        }
        let key = passphrase::for_new_books(db)?;
        setup::init_encrypted(db, name, currency, clock, fixed, &key)?
    } else {
        setup::init(db, name, currency, clock, fixed)?
    };
    let currency = created
        .currency
        .map(|c| format!(", default currency {c}"))
        .unwrap_or_default();
    let encrypted = if encrypt { ", encrypted" } else { "" };
    say(&[format!(
        "created {} for fund {:?}{currency}{encrypted}",
        db.display(),
        created.name
    )])?;
    Ok(Outcome::Ok)
}

pub fn rekey(path: &Path) -> Result<Outcome> {
    let mut db = open(path, Access::Write)?;
    if db.key().is_none() {
        return Err(Error::NotEncrypted {
            path: path.to_owned(),
        }
        .into());
    }
    let new = passphrase::new_for(path)?;
    setup::rekey(&mut db, &new)?;
    say(&[format!(
        "changed the passphrase of {}; backups made before keep the old one",
        path.display()
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
                fondo::error::places(decimals)
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
