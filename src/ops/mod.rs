//! Use cases. Each public function here is one command's work: it opens one
//! SQLite transaction on the [`Db`](crate::store::Db), commits it once at the
//! end (an early `?` rolls everything back), and returns typed results. Nothing
//! here prints, exits or reads the clock: the time of a write is the one its
//! transaction began at ([`WriteTx::now`]), and messages name no flag or
//! command (the binary adds those hints).
//!
//! Rule: ops write. They read what they check through `books` (grant state,
//! pool holdings and commitments, budgets, members) and write through
//! `store`; they never import `report`, nor `audit` (`backup` makes and
//! puts copies in place; the command layer verifies them between its
//! steps).

pub mod backup;
pub mod bank;
pub mod budget;
pub mod contribute;
pub mod csvin;
pub mod exchange;
pub mod grant_state;
pub mod grants;
pub mod hub;
pub mod hub_rates;
pub mod import;
pub mod keys;
pub mod ledger;
pub mod members;
pub mod periods;
pub mod pledges;
pub mod pools;
pub mod privacy;
pub mod purchases;
pub mod reconcile;
pub mod setup;
pub mod transfers;

use std::collections::HashMap;

use rusqlite::Connection;

use crate::domain::account::{name_key, validate_account_name};
use crate::domain::currency;
use crate::domain::ids::{PoolId, TxnId};
use crate::domain::money::{Commodity, validate_code};
use crate::error::{Error, Result};
use crate::store;
use crate::store::WriteTx;
use crate::store::accounts::{self, StoredAccount};
use crate::store::commodities::{self, StoredCommodity};
use crate::store::pools::{GENERAL, StoredPool};
use crate::store::txns::PostingIds;

/// Posts one transaction inside the caller's SQLite transaction: resolves
/// its ids (refusing closed accounts and unknown pools), chains it, updates
/// the balance cache and runs the pool checks of every write. `reverses` is
/// the id and hash of the transaction a void reverses.
pub(crate) fn post_one(
    tx: &WriteTx<'_>,
    book: &Book,
    txn: &crate::domain::txn::Transaction,
    reverses: Option<(TxnId, &str)>,
) -> Result<(TxnId, String)> {
    let (posted, touched) = append_one(tx, book, txn, reverses)?;
    pools::ensure_sound(tx, &touched)?;
    Ok(posted)
}

/// [`post_one`] for a grant's tranche: its commitment is lowered by the
/// payment record the caller writes next, so commitments are not checked.
pub(crate) fn post_tranche(
    tx: &WriteTx<'_>,
    book: &Book,
    txn: &crate::domain::txn::Transaction,
) -> Result<(TxnId, String)> {
    let (posted, touched) = append_one(tx, book, txn, None)?;
    pools::ensure_holdings(tx, &touched)?;
    Ok(posted)
}

fn append_one(
    tx: &WriteTx<'_>,
    book: &Book,
    txn: &crate::domain::txn::Transaction,
    reverses: Option<(TxnId, &str)>,
) -> Result<((TxnId, String), crate::store::txns::Touched)> {
    privacy::screen_txn(tx, txn)?;
    let ids = book.posting_ids(txn)?;
    let mut writer = crate::store::txns::Writer::new(tx)?;
    let posted = writer.append(txn, &ids, reverses, &tx.recorded_at())?;
    Ok((posted, writer.finish()?))
}

/// What a use case may do with a commodity it has not seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NewCommodity {
    /// Refuse it.
    Refuse,
    /// Declare it if it is a well-known currency.
    Known,
}

/// The fund's accounts and commodities in memory, for resolving names to ids
/// without a query per posting. Bounded by the number of accounts.
#[derive(Clone)]
pub(crate) struct Book {
    accounts: HashMap<String, StoredAccount>,
    keys: HashMap<String, String>,
    commodities: HashMap<String, StoredCommodity>,
    /// Pools by case-insensitive name.
    pools: HashMap<String, StoredPool>,
}

impl Book {
    pub fn load(conn: &Connection) -> Result<Book> {
        let mut book = Book {
            accounts: HashMap::new(),
            keys: HashMap::new(),
            commodities: HashMap::new(),
            pools: HashMap::new(),
        };
        for pool in store::pools::all(conn)? {
            book.pools.insert(name_key(&pool.name), pool);
        }
        for account in accounts::all(conn)? {
            book.keys
                .insert(name_key(&account.name), account.name.clone());
            book.accounts.insert(account.name.clone(), account);
        }
        for c in commodities::all(conn)? {
            book.commodities.insert(c.commodity.code().to_owned(), c);
        }
        Ok(book)
    }

    /// An existing account, by exact name (in NFC); the error suggests the
    /// name that differs only by case or reads alike, if there is one.
    pub fn account(&self, name: &str) -> Result<&StoredAccount> {
        if let Some(account) = self
            .accounts
            .get(name)
            .or_else(|| self.accounts.get(&crate::domain::name::nfc(name)))
        {
            return Ok(account);
        }
        validate_account_name(name)?;
        let wanted = crate::domain::name::key(name);
        let alike = self.keys.get(&name_key(name)).or_else(|| {
            self.keys
                .values()
                .find(|existing| crate::domain::name::key(existing) == wanted)
        });
        let detail = match alike {
            Some(existing) => format!("; did you mean {existing:?}?"),
            None => String::new(),
        };
        Err(Error::UnknownAccount {
            name: name.to_owned(),
            detail,
        })
    }

    /// An account and a commodity the books hold under exactly these names,
    /// without creating, normalising or suggesting anything.
    pub fn stored(&self, account: &str, code: &str) -> Option<(&StoredAccount, &StoredCommodity)> {
        Some((self.accounts.get(account)?, self.commodities.get(code)?))
    }

    /// Learns an account another copy of the books added.
    pub fn learn_account(&mut self, account: StoredAccount) {
        self.keys
            .insert(name_key(&account.name), account.name.clone());
        self.accounts.insert(account.name.clone(), account);
    }

    /// Learns a commodity another copy of the books added.
    pub fn learn_commodity(&mut self, commodity: StoredCommodity) {
        self.commodities
            .insert(commodity.commodity.code().to_owned(), commodity);
    }

    /// An account by name, created when missing (and the name is valid and
    /// does not clash by case with an existing one). The flag says whether
    /// it was created.
    pub fn account_or_create(
        &mut self,
        conn: &Connection,
        name: &str,
        now: &str,
    ) -> Result<(&StoredAccount, bool)> {
        // A name found as it is is in NFC already (every stored name is).
        if self.accounts.contains_key(name) {
            return Ok((&self.accounts[name], false));
        }
        let name = crate::domain::name::nfc(name);
        let created = if self.accounts.contains_key(&name) {
            false
        } else {
            self.add_account(conn, &name, None, now)?;
            true
        };
        Ok((&self.accounts[&name], created))
    }

    /// Adds a new account (its name in NFC), refusing invalid names, case
    /// clashes and look-alikes; its audit record is dated `now`.
    pub fn add_account(
        &mut self,
        conn: &Connection,
        name: &str,
        note: Option<&str>,
        now: &str,
    ) -> Result<&StoredAccount> {
        validate_account_name(name)?;
        let name = &crate::domain::name::nfc(name);
        let key = name_key(name);
        if let Some(existing) = self.keys.get(&key) {
            if existing == name {
                return Err(Error::AccountExists {
                    name: existing.clone(),
                });
            }
            return Err(Error::AccountName {
                name: name.to_owned(),
                reason: format!("it differs only by case from the existing account {existing:?}"),
            });
        }
        crate::domain::name::refuse_lookalike(
            "account",
            name,
            self.keys.values().map(String::as_str),
        )?;
        let id = accounts::insert(conn, name, &key, note, now)?;
        self.keys.insert(key, name.to_owned());
        let account = StoredAccount {
            id,
            name: name.to_owned(),
            note: note.map(str::to_owned),
            closed_on: None,
        };
        Ok(self.accounts.entry(name.to_owned()).or_insert(account))
    }

    /// A commodity by code, declared on the way if allowed; the flag says
    /// whether it was declared now.
    pub fn commodity(
        &mut self,
        conn: &Connection,
        code: &str,
        new: NewCommodity,
    ) -> Result<(&StoredCommodity, bool)> {
        if self.commodities.contains_key(code) {
            return Ok((&self.commodities[code], false));
        }
        validate_code(code)?;
        match (new, currency::known(code)) {
            (NewCommodity::Known, Some((decimals, name))) => {
                let commodity = Commodity::new(code, decimals)?;
                Ok((self.add_commodity(conn, commodity, Some(name))?, true))
            }
            _ => Err(Error::UnknownCommodity {
                code: code.to_owned(),
            }),
        }
    }

    /// A pool by name (any case): its stored name, and its id as stored on
    /// postings (`None` for the general pool).
    pub fn pool(&self, name: &str) -> Result<(String, Option<PoolId>)> {
        let pool = self
            .pools
            .get(&name_key(name))
            .ok_or_else(|| Error::UnknownPool {
                name: name.to_owned(),
            })?;
        Ok((pool.name.clone(), (pool.id != GENERAL).then_some(pool.id)))
    }

    /// Ids for each posting of a transaction, refusing closed accounts and
    /// unknown commodities or pools.
    pub fn posting_ids(&self, txn: &crate::domain::txn::Transaction) -> Result<Vec<PostingIds>> {
        txn.postings()
            .iter()
            .map(|p| {
                let account = self.account(p.account())?;
                crate::ops::ledger::check_open(account, txn.date())?;
                let commodity = self.commodities.get(p.commodity().code()).ok_or_else(|| {
                    Error::UnknownCommodity {
                        code: p.commodity().code().to_owned(),
                    }
                })?;
                let pool = match &p.pool() {
                    Some(name) => self.pool(name)?.1,
                    None => None,
                };
                Ok(PostingIds {
                    account: account.id,
                    commodity: commodity.id,
                    pool,
                })
            })
            .collect()
    }

    /// Whether a commodity is declared, or a well-known currency that would
    /// be declared on first use.
    pub fn knows_commodity(&self, code: &str) -> bool {
        self.commodities.contains_key(code) || currency::known(code).is_some()
    }

    /// Declares a commodity.
    pub fn add_commodity(
        &mut self,
        conn: &Connection,
        commodity: Commodity,
        name: Option<&str>,
    ) -> Result<&StoredCommodity> {
        validate_code(commodity.code())?;
        if let Some(existing) = self.commodities.get(commodity.code()) {
            return Err(Error::CommodityExists {
                code: commodity.code().to_owned(),
                decimals: existing.commodity.decimals(),
            });
        }
        crate::domain::name::refuse_lookalike(
            "commodity",
            commodity.code(),
            self.commodities.keys().map(String::as_str),
        )?;
        let id = commodities::insert(conn, &commodity, name)?;
        let code = commodity.code().to_owned();
        let stored = StoredCommodity {
            id,
            commodity,
            name: name.map(str::to_owned),
        };
        Ok(self.commodities.entry(code).or_insert(stored))
    }
}
