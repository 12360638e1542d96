//! Pledges: promises of regular support, so a fund sees whether long-term
//! support is holding up (`fondo pledge status`).
//!
//! Pledges are never changed in place: ending one appends a `pledge-end`
//! record, and a new amount or frequency from a day on ends the pledge the
//! day before and records a new one from that day, so both stay in history.

use chrono::NaiveDate;

use crate::books::members::member;
use crate::domain::ids::PledgeId;
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::period::Every;
use crate::domain::records::PledgeEndRecord;
use crate::error::{Error, PledgeRefusal, Result, SqlContext};
use crate::ops::{Book, NewCommodity};
use crate::store::Db;
use crate::store::members::{self, StoredPledge};

/// A pledge to record.
#[derive(Debug, Clone)]
pub struct PledgeRequest {
    pub member: String,
    pub amount: String,
    pub commodity: String,
    pub every: Every,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub pool: Option<String>,
}

/// Records a pledge; returns its id.
pub fn add(db: &mut Db, request: &PledgeRequest) -> Result<PledgeId> {
    if let Some(until) = request.until
        && until < request.from
    {
        return Err(PledgeRefusal::Backwards {
            from: request.from,
            until,
        }
        .into());
    }
    let tx = db.write()?;
    let member = member(&tx, &request.member)?;
    let mut book = Book::load(&tx)?;
    let (stored, _) = book.commodity(&tx, &request.commodity, NewCommodity::Known)?;
    let commodity_id = stored.id;
    let amount = to_minor(
        parse_decimal(&request.amount)?,
        &stored.commodity,
        &request.amount,
    )?;
    if amount <= 0 {
        return Err(Error::Amount {
            input: request.amount.clone(),
            reason: "a pledge is a positive amount".into(),
        });
    }
    let pool_id = match &request.pool {
        Some(name) => book.pool(name)?.1,
        None => None,
    };
    let pledge = StoredPledge {
        id: PledgeId::UNSAVED,
        member_id: member.id,
        commodity_id,
        amount,
        every: request.every.as_str().to_owned(),
        starts_on: request.from,
        ends_on: request.until,
        pool_id,
    };
    let id = members::insert_pledge(&tx, &pledge, &tx.recorded_at())?;
    tx.commit().ctx("committing the pledge")?;
    Ok(id)
}

/// The one pledge of `member` still running on `on` (to `pool` when given).
///
/// # Errors
/// [`Error::PledgeRefused`] when there is none, or several and no pool tells them
/// apart.
fn running(
    conn: &rusqlite::Connection,
    member: &str,
    pool: Option<&str>,
    on: NaiveDate,
) -> Result<(String, StoredPledge)> {
    let who = crate::books::members::member(conn, member)?;
    let pool_id = match pool {
        Some(name) => Some(Book::load(conn)?.pool(name)?.1),
        None => None,
    };
    let candidates: Vec<StoredPledge> = members::pledges(conn)?
        .into_iter()
        .filter(|p| p.member_id == who.id)
        .filter(|p| pool_id.is_none_or(|id| p.pool_id == id))
        .filter(|p| p.ends_on.is_none_or(|end| end >= on))
        .collect();
    let to_pool = pool.map(|p| format!(" to pool {p}")).unwrap_or_default();
    match candidates.as_slice() {
        [] => Err(PledgeRefusal::NoneRunning {
            member: who.name,
            to_pool,
            on,
        }
        .into()),
        [one] => Ok((who.name, one.clone())),
        several => Err(PledgeRefusal::Several {
            member: who.name,
            count: several.len(),
            on,
            ids: several
                .iter()
                .map(|p| format!("#{}", p.id))
                .collect::<Vec<_>>()
                .join(", "),
        }
        .into()),
    }
}

fn refuse_before_start(name: &str, pledge: &StoredPledge, on: NaiveDate) -> Result<()> {
    if on < pledge.starts_on {
        return Err(PledgeRefusal::EndsBeforeStart {
            pledge: pledge.id,
            member: name.to_owned(),
            starts: pledge.starts_on,
            on,
        }
        .into());
    }
    Ok(())
}

/// Ends a member's running pledge: `on` is its last day. Returns the
/// pledge's id.
///
/// # Errors
/// [`Error::PledgeRefused`] when the member has no such pledge running on `on`, or
/// it starts after `on`.
pub fn end(
    db: &mut Db,
    member: &str,
    pool: Option<&str>,
    on: NaiveDate,
    reason: Option<&str>,
) -> Result<PledgeId> {
    let tx = db.write()?;
    let (name, pledge) = running(&tx, member, pool, on)?;
    refuse_before_start(&name, &pledge, on)?;
    let record = PledgeEndRecord {
        id: pledge.id,
        ends_on: on.to_string(),
        reason: reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
    };
    let now = tx.recorded_at();
    members::end_pledge(&tx, &record, &now, &now)?;
    tx.commit().ctx("committing the pledge's end")?;
    Ok(pledge.id)
}

/// A new amount or frequency for a running pledge, from a day on.
#[derive(Debug, Clone)]
pub struct PledgeChange {
    pub member: String,
    pub pool: Option<String>,
    pub amount: Option<String>,
    pub every: Option<Every>,
    pub from: NaiveDate,
    pub reason: Option<String>,
}

/// Changes a running pledge from `from` on: it ends the day before and a
/// new pledge (same member, commodity, pool and end) starts on `from`.
/// Returns the new pledge's id.
///
/// # Errors
/// [`Error::PledgeRefused`] when nothing changes, the member has no such pledge
/// running on `from`, or it starts on `from` or later (end it and add a new
/// one instead).
pub fn change(db: &mut Db, change: &PledgeChange) -> Result<PledgeId> {
    if change.amount.is_none() && change.every.is_none() {
        return Err(PledgeRefusal::NoChangeGiven.into());
    }
    let tx = db.write()?;
    let (name, old) = running(&tx, &change.member, change.pool.as_deref(), change.from)?;
    let Some(last) = change.from.pred_opt().filter(|day| *day >= old.starts_on) else {
        return Err(PledgeRefusal::ChangeOnStart {
            pledge: old.id,
            member: name,
            starts: old.starts_on,
        }
        .into());
    };
    let stored = crate::store::commodities::all(&tx)?
        .into_iter()
        .find(|c| c.id == old.commodity_id)
        .ok_or_else(|| Error::Damaged {
            what: "the pledges".into(),
            detail: format!("pledge #{} names a commodity that does not exist", old.id),
        })?;
    let amount = match &change.amount {
        Some(text) => {
            let amount = to_minor(parse_decimal(text)?, &stored.commodity, text)?;
            if amount <= 0 {
                return Err(Error::Amount {
                    input: text.clone(),
                    reason: "a pledge is a positive amount".into(),
                });
            }
            amount
        }
        None => old.amount,
    };
    let every = change
        .every
        .map_or(old.every.clone(), |e| e.as_str().to_owned());
    if amount == old.amount && every == old.every {
        return Err(PledgeRefusal::AlreadyThat { pledge: old.id }.into());
    }
    let now = tx.recorded_at();
    let end = PledgeEndRecord {
        id: old.id,
        ends_on: last.to_string(),
        reason: change
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
    };
    members::end_pledge(&tx, &end, &now, &now)?;
    let new = StoredPledge {
        id: PledgeId::UNSAVED,
        amount,
        every,
        starts_on: change.from,
        ..old
    };
    let id = members::insert_pledge(&tx, &new, &now)?;
    tx.commit().ctx("committing the changed pledge")?;
    Ok(id)
}
