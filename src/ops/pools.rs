//! Pools: adding them, moving money between them, and the rule that a
//! restricted pool never goes below zero.
//!
//! A pool's holdings are carried by pool tags on income, expense and equity
//! postings (where money came from or went): a credit adds to the pool, a
//! debit takes from it. Untagged postings belong to the general pool, which
//! is therefore whatever is not set aside: the fund's net assets minus the
//! restricted pools. A move between pools is an ordinary balanced
//! transaction on the `equity:pools` account, debited in one pool and
//! credited in the other, so it sits in the hash chain like everything else.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::books::grants;
use crate::books::pools::{Sums, holdings_committing};
use crate::domain::account::{AccountType, REALLOCATION_ACCOUNT, name_key};
use crate::domain::date::iso;
use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::domain::money::{Commodity, format_minor, parse_decimal, to_minor};
use crate::domain::txn::{Posting, Transaction};
use crate::error::{Error, Needed, PoolRefusal, Result, SqlContext};
use crate::ops::ledger::Posted;
use crate::ops::{Book, NewCommodity};
use crate::store::txns::{Touched, Writer};
use crate::store::{Db, accounts, commodities, pools};

/// The checks that follow every write: no restricted pool below zero on any
/// day, and restricted money never spent on something else.
pub(crate) fn ensure_sound(conn: &Connection, touched: &Touched) -> Result<()> {
    ensure_holdings(conn, touched)?;
    ensure_uncommitted(conn, touched)
}

/// The checks of [`ensure_sound`] but the one on commitments: for a grant's
/// tranche, which is paid out of the commitment itself (its record, written
/// next, lowers the commitment as the tranche lowers the holdings).
pub(crate) fn ensure_holdings(conn: &Connection, touched: &Touched) -> Result<()> {
    ensure_not_negative(conn, touched)?;
    ensure_backed(conn, &touched.commodities)?;
    crate::ops::reconcile::ensure_unchanged(conn)
}

/// Refuses when a restricted pool that was written to would have less
/// available than nothing: money committed to approved grants cannot be
/// spent, moved or exchanged for anything else.
fn ensure_uncommitted(conn: &Connection, touched: &Touched) -> Result<()> {
    // A write that moved no money spends nothing committed (and leaves the
    // grant state as it was: a repeated import writes nothing).
    if touched.pools.is_empty() && touched.commodities.is_empty() {
        return Ok(());
    }
    crate::ops::grant_state::sync(conn)?;
    // Without money committed, no pool can fall below its commitments.
    let committed = grants::committed(conn, None)?;
    if committed.values().all(|minor| *minor == 0) {
        return Ok(());
    }
    let names = pools::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let holdings = holdings_committing(conn, None, committed, Sums::Caches)?;
    // Restricted pools written to, and the general pool in every commodity
    // written (any untagged spending is the general pool's).
    let general = touched
        .commodities
        .keys()
        .map(|commodity| (pools::GENERAL, *commodity));
    for (pool, commodity) in touched.pools.iter().copied().chain(general) {
        let (Some(name), Some(c)) = (names.get(&pool), commodities.get(&commodity)) else {
            continue;
        };
        // A general pool in deficit without commitments is a fund in debt,
        // not committed money spent.
        if let Some(h) = holdings.iter().find(|h| {
            h.pool == *name
                && h.commodity == c.code()
                && h.available.minor() < 0
                && h.committed.minor() > 0
        }) {
            return Err(PoolRefusal::CommittedSpent {
                pool: name.clone(),
                commodity: c.code().to_owned(),
                held: h.held.to_string(),
                committed: h.committed.to_string(),
                short: format_minor(-h.available.minor(), c.decimals()),
            }
            .into());
        }
    }
    Ok(())
}

/// Refuses when, on any day from the earliest one written, the fund's assets
/// of a commodity would be less than what its restricted pools hold of it:
/// that would mean money set aside in a pool was spent (or exchanged, or
/// given out) for something else, without a recorded move. Days when the
/// pools hold nothing are not checked, so a fund without pools, or one in
/// debt, can record what really happened.
fn ensure_backed(conn: &Connection, touched: &BTreeMap<CommodityId, NaiveDate>) -> Result<()> {
    if touched.is_empty() {
        return Ok(());
    }
    let assets: Vec<AccountId> = accounts::ids_of_type(conn, |kind| kind == AccountType::Assets)?
        .into_iter()
        .collect();
    let commodities = commodities::by_id(conn)?;
    for (&commodity, &from) in touched {
        let from = iso(from);
        // The days before `from` were checked when they were written: start
        // from their balances and walk the days written to.
        let Some((mut r, restricted)) = pools::changes_from(conn, None, commodity, &from)? else {
            continue;
        };
        let (mut a, held) = pools::accounts_changes_from(conn, commodity, &assets, &from)?;
        let mut restricted = restricted.into_iter().peekable();
        let mut held = held.into_iter().peekable();
        loop {
            let day = match (held.peek(), restricted.peek()) {
                (None, None) => break,
                (Some((d, _)), None) | (None, Some((d, _))) => d.clone(),
                (Some((x, _)), Some((y, _))) => x.min(y).clone(),
            };
            while let Some((_, change)) = held.next_if(|(d, _)| *d == day) {
                a += change;
            }
            while let Some((_, change)) = restricted.next_if(|(d, _)| *d == day) {
                r += change;
            }
            if r > 0 && a < r {
                let c = &commodities[&commodity];
                return Err(Error::Unbacked {
                    commodity: c.code().to_owned(),
                    date: day,
                    assets: format_minor(a, c.decimals()),
                    restricted: format_minor(r, c.decimals()),
                });
            }
        }
    }
    Ok(())
}

/// Refuses when any restricted (pool, commodity) pair written to is below
/// zero on any day, naming the first such day. The days before the earliest
/// one written in that commodity were checked when they were written: the
/// walk starts from what the pool held then.
fn ensure_not_negative(conn: &Connection, touched: &Touched) -> Result<()> {
    if touched.pools.is_empty() {
        return Ok(());
    }
    let names = pools::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    for &(pool, commodity) in &touched.pools {
        let Some(&from) = touched.commodities.get(&commodity) else {
            continue;
        };
        // The writer has just written the pool's rows: None cannot be.
        let Some((mut held, days)) = pools::changes_from(conn, Some(pool), commodity, &iso(from))?
        else {
            continue;
        };
        for (date, change) in days {
            let before = held;
            held += change;
            if held < 0 {
                let c = &commodities[&commodity];
                return Err(Error::PoolBelowZero {
                    pool: names.get(&pool).cloned().unwrap_or_default(),
                    commodity: c.code().to_owned(),
                    date,
                    held: format_minor(held, c.decimals()),
                    available: format_minor(before, c.decimals()),
                });
            }
        }
    }
    Ok(())
}

/// Refuses a move out of the general pool that leaves it below zero on the
/// move's day or any later day. (The general pool is the unrestricted rest of
/// the fund: spending may take it below zero, but money it does not have
/// cannot be set aside.)
fn general_not_short(
    conn: &Connection,
    general: &str,
    commodity_id: CommodityId,
    commodity: &Commodity,
    from: NaiveDate,
) -> Result<()> {
    let pooled = accounts::ids_of_type(conn, |kind| {
        matches!(
            kind,
            AccountType::Income | AccountType::Expenses | AccountType::Equity
        )
    })?;
    let from = iso(from);
    let mut held: i128 = 0;
    for (date, change) in
        pools::general_daily_changes(conn, commodity_id, |id| pooled.contains(&id))?
    {
        let before = held;
        held += change;
        if date >= from && held < 0 {
            return Err(Error::PoolBelowZero {
                pool: general.to_owned(),
                commodity: commodity.code().to_owned(),
                date,
                held: format_minor(held, commodity.decimals()),
                available: format_minor(before.max(0), commodity.decimals()),
            });
        }
    }
    Ok(())
}

/// Adds a restricted pool.
pub fn add(db: &mut Db, name: &str, purpose: &str, guidelines: Option<&str>) -> Result<()> {
    let name = &crate::domain::pool::validate_pool_name(name)?;
    if purpose.trim().is_empty() {
        return Err(Error::Missing {
            what: "a pool",
            needs: Needed::Purpose,
            of: Some("the community agreed on"),
            so: None,
        });
    }
    let tx = db.write()?;
    crate::ops::privacy::screen(
        &tx,
        &[
            ("pool", Some(name)),
            ("purpose", Some(purpose)),
            ("guidelines", guidelines),
        ],
    )?;
    if let Some(existing) = pools::find_by_key(&tx, &name_key(name))? {
        return Err(Error::PoolExists {
            name: existing.name,
        });
    }
    crate::domain::name::refuse_lookalike(
        "pool name",
        name,
        pools::all(&tx)?.iter().map(|p| p.name.as_str()),
    )?;
    pools::insert(
        &tx,
        name,
        &name_key(name),
        purpose,
        guidelines,
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the new pool")
}

/// Appends a new version of a pool's purpose and guidelines (`None`: as it
/// is; `Some(None)` clears the guidelines). The general pool's purpose is
/// fixed.
///
/// # Errors
/// [`Error::UnknownPool`]; [`Error::PoolRefused`] for the general pool, an empty
/// purpose, or when nothing would change.
pub fn edit(
    db: &mut Db,
    name: &str,
    purpose: Option<&str>,
    guidelines: Option<Option<&str>>,
) -> Result<()> {
    let tx = db.write()?;
    let pool = pools::find_by_key(&tx, &name_key(name))?.ok_or_else(|| Error::UnknownPool {
        name: name.to_owned(),
    })?;
    if pool.id == pools::GENERAL {
        return Err(PoolRefusal::GeneralFixed.into());
    }
    if purpose.is_some_and(|p| p.trim().is_empty()) {
        return Err(PoolRefusal::NoPurpose.into());
    }
    let version = crate::domain::records::PoolEditRecord {
        id: pool.id,
        purpose: purpose.map_or(pool.purpose.clone(), |p| p.trim().to_owned()),
        guidelines: guidelines.map_or(pool.guidelines.clone(), |g| {
            g.map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_owned)
        }),
    };
    if version.purpose == pool.purpose && version.guidelines == pool.guidelines {
        return Err(PoolRefusal::NothingToChange { pool: pool.name }.into());
    }
    let now = tx.recorded_at();
    pools::append_edit(&tx, &version, &now, &now)?;
    tx.commit().ctx("committing the pool's new purpose")
}

/// A move of money from one pool to another.
#[derive(Debug, Clone)]
pub struct MoveRequest {
    pub amount: String,
    pub commodity: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    pub date: NaiveDate,
}

/// Moves money between pools: the only way money changes purpose. Refused
/// when the source pool would be left below zero on that day or later.
pub fn move_money(db: &mut Db, request: &MoveRequest) -> Result<Posted> {
    if request.reason.trim().is_empty() {
        return Err(Error::Missing {
            what: "a move",
            needs: Needed::Reason,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let (from, from_id) = book.pool(&request.from)?;
    let (to, to_id) = book.pool(&request.to)?;
    if from_id == to_id {
        return Err(PoolRefusal::MoveSamePool {
            pool: from.to_string(),
        }
        .into());
    }
    let (stored, _) = book.commodity(&tx, &request.commodity, NewCommodity::Known)?;
    let (commodity, stored_id) = (stored.commodity.clone(), stored.id);
    let amount = to_minor(parse_decimal(&request.amount)?, &commodity, &request.amount)?;
    if amount <= 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "a move needs a positive amount".into(),
        });
    }
    book.account_or_create(&tx, REALLOCATION_ACCOUNT, &tx.recorded_at())?;
    let leg = |amount: i64, pool: &str, id: Option<PoolId>| {
        Posting::new(REALLOCATION_ACCOUNT, commodity.clone(), amount)?
            .with_pool(id.map(|_| pool.to_owned()))
    };
    let txn = Transaction::new(
        request.date,
        format!(
            "Move from pool {from} to pool {to}: {}",
            request.reason.trim()
        ),
        None,
        None,
        vec![leg(amount, &from, from_id)?, leg(-amount, &to, to_id)?],
    )?;
    let ids = book.posting_ids(&txn)?;
    let mut writer = Writer::new(&tx)?;
    let (id, hash) = writer.append(&txn, &ids, None, &tx.recorded_at())?;
    let touched = writer.finish()?;
    if from_id.is_none() {
        general_not_short(&tx, &from, stored_id, &commodity, request.date)?;
    }
    ensure_sound(&tx, &touched)?;
    if let Some(pool) = from_id {
        let left = crate::books::pools::available(&tx, pool, &commodity, Some(request.date))?;
        if left < 0 {
            return Err(PoolRefusal::CommittedMoved {
                pool: from,
                commodity: commodity.code().to_owned(),
                available: format_minor(left, commodity.decimals()),
                on: request.date,
            }
            .into());
        }
    }
    tx.commit().ctx("committing the move")?;
    Ok(Posted {
        id,
        hash,
        declared: Vec::new(),
    })
}
