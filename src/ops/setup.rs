//! Setting a fund up: creating the database, accounts and commodities.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::currency;
use crate::domain::date::SharedClock;
use crate::domain::money::{Commodity, validate_code};
use crate::domain::records::{RecordKind, to_json};
use crate::error::{Error, Result, SetupRefusal, SqlContext, places};
use crate::ops::Book;
use crate::store::cipher::Passphrase;
use crate::store::fund::Fixed;
use crate::store::{Access, Db, balances, fund, records};

/// What `fondo init` created.
#[derive(Debug, Clone)]
pub struct Created {
    pub name: String,
    pub currency: Option<String>,
}

/// Creates a fund database at `path`. The fund's default currency, if given,
/// must be a well-known currency code; it is declared right away. On any
/// failure no file is left behind. `clock` dates the fund and every later
/// write of this `Db`. `fixed` fixes the salt key and the fund id, for
/// reproducible fingerprints and transfer ids; by default they are random.
pub fn init(
    path: &Path,
    name: &str,
    currency: Option<&str>,
    clock: SharedClock,
    fixed: Fixed<'_>,
) -> Result<Created> {
    make(path, name, currency, clock, fixed, None)
}

/// Creates an encrypted fund database at `path`, like [`init`], with the
/// passphrase `key`. Fails in a build without encryption.
pub fn init_encrypted(
    path: &Path,
    name: &str,
    currency: Option<&str>,
    clock: SharedClock,
    fixed: Fixed<'_>,
    key: &Passphrase,
) -> Result<Created> {
    make(path, name, currency, clock, fixed, Some(key))
}

fn make(
    path: &Path,
    name: &str,
    currency: Option<&str>,
    clock: SharedClock,
    fixed: Fixed<'_>,
    key: Option<&Passphrase>,
) -> Result<Created> {
    if let Some(key) = fixed.salt_key
        && crate::domain::hash::SaltKey::from_hex(key).is_none()
    {
        return Err(SetupRefusal::SaltKey.into());
    }
    if let Some(id) = fixed.fund_id
        && !crate::domain::transfer::is_fund_id(id)
    {
        return Err(SetupRefusal::FundId.into());
    }
    if let Some(code) = currency {
        validate_code(code)?;
        if currency::known(code).is_none() {
            return Err(Error::CommodityCode {
                code: code.to_owned(),
                reason: "not a well-known currency code; pick one such as USD, EUR or MXN".into(),
            });
        }
    }
    if name.trim().is_empty() {
        return Err(SetupRefusal::NoName.into());
    }
    let mut db = match key {
        Some(key) => Db::create_encrypted(path, clock, key)?,
        None => Db::create(path, clock)?,
    };
    let filled = (|| {
        let tx = db.write()?;
        fund::insert(&tx, name, currency, &tx.recorded_at(), fixed)?;
        // The fund-settings record of the fund row as it now stands.
        if let Some(settings) = fund::settings(&tx)? {
            records::audit(
                &tx,
                RecordKind::FundSettings.as_str(),
                to_json(&settings),
                &tx.recorded_at(),
            )?;
        }
        if let Some(code) = currency {
            let (decimals, full_name) = currency::known(code).expect("checked above");
            let commodity = Commodity::new(code, decimals)?;
            Book::load(&tx)?.add_commodity(&tx, commodity, Some(full_name))?;
        }
        tx.commit().ctx("committing the new fund")
    })();
    if let Err(e) = filled {
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
        return Err(e);
    }
    Ok(Created {
        name: name.to_owned(),
        currency: currency.map(str::to_owned),
    })
}

/// Changes the passphrase of encrypted books to `new`, then opens them
/// afresh with it to make sure it unlocks them. Fails with
/// [`Error::NotEncrypted`] on plain books.
pub fn rekey(db: &mut Db, new: &Passphrase) -> Result<()> {
    db.rekey(new)?;
    Db::open_unlocking(db.path(), Access::Read, db.clock().clone(), new).map(drop)
}

/// Adds an account.
pub fn add_account(db: &mut Db, name: &str, note: Option<&str>) -> Result<()> {
    let tx = db.write()?;
    crate::ops::privacy::screen(&tx, &[("account", Some(name))])?;
    Book::load(&tx)?.add_account(&tx, name, note, &tx.recorded_at())?;
    tx.commit().ctx("committing the new account")
}

/// Sets an account's note (an empty text clears it); the earlier notes stay
/// in the governance chain.
///
/// # Errors
/// [`Error::UnknownAccount`]; [`Error::SetupRefused`]
/// when the note is already that.
pub fn note_account(db: &mut Db, name: &str, note: &str) -> Result<()> {
    let tx = db.write()?;
    let account = Book::load(&tx)?.account(name)?.clone();
    let note = Some(note.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    if note == account.note {
        return Err(SetupRefusal::SameNote {
            account: account.name,
        }
        .into());
    }
    let record = crate::domain::records::AccountNoteRecord {
        account: account.id,
        note,
    };
    crate::store::accounts::append_note(&tx, &record, &tx.recorded_at())?;
    tx.commit().ctx("committing the account's note")
}

/// Closes an account as of `on`: it takes no postings dated after that day.
/// Refused when it has postings after `on` or a non-zero balance (move the
/// money out first, so nothing is stranded in a closed account).
pub fn close_account(db: &mut Db, name: &str, on: NaiveDate) -> Result<()> {
    let tx = db.write()?;
    let account = Book::load(&tx)?.account(name)?.clone();
    let refuse = |reason: String| Error::CannotClose {
        name: account.name.clone(),
        reason,
    };
    if let Some(closed) = account.closed_on {
        return Err(refuse(format!("it was already closed on {closed}")));
    }
    if let Some(last) = crate::store::accounts::last_posting_date(&tx, account.id)?
        && last > on
    {
        return Err(refuse(format!("it has postings dated {last}, after {on}")));
    }
    let open: Vec<String> = balances::by_commodity(&tx, &[account.id], None)?
        .into_iter()
        .filter(|(_, amount)| *amount != 0)
        .map(|(c, amount)| {
            format!(
                "{} {}",
                crate::domain::money::format_minor(amount, c.decimals()),
                c.code()
            )
        })
        .collect();
    if !open.is_empty() {
        return Err(refuse(format!(
            "its balance is {}; move it to another account first",
            open.join(", ")
        )));
    }
    crate::store::accounts::close(&tx, account.id, on)?;
    tx.commit().ctx("committing the closure")
}

/// Declares a commodity with its number of decimal places.
pub fn add_commodity(db: &mut Db, code: &str, decimals: u32, name: Option<&str>) -> Result<()> {
    let commodity = Commodity::new(code, decimals)?;
    if let Some((standard, full_name)) = currency::known(code)
        && standard != decimals
    {
        return Err(Error::CommodityDecimals {
            code: code.to_owned(),
            places: places(decimals),
            reason: format!(
                "{code} ({full_name}) has {}; fondo uses the standard places for well-known currencies so that exports read the same everywhere",
                places(standard)
            ),
        });
    }
    let tx = db.write()?;
    Book::load(&tx)?.add_commodity(&tx, commodity, name.or(currency::known(code).map(|k| k.1)))?;
    tx.commit().ctx("committing the new commodity")
}
