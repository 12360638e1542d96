//! Pledges: promises of regular support, so a fund sees whether long-term
//! support is holding up (`fondo pledge status`).

use chrono::NaiveDate;

use crate::books::members::member;
use crate::domain::money::{parse_decimal, to_minor};
use crate::domain::period::Every;
use crate::error::{Error, Result, SqlContext};
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
pub fn add(db: &mut Db, request: &PledgeRequest) -> Result<i64> {
    if let Some(until) = request.until
        && until < request.from
    {
        return Err(Error::Refused(format!(
            "a pledge cannot end ({until}) before it starts ({})",
            request.from
        )));
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
        id: 0,
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
