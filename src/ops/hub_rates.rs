//! `fondo hub rate add`: the reference rates a hub's reports convert with
//! (`hub report summary --in CODE`).
//!
//! Rule: one rate, one row, one transaction on the hub file; a rate is
//! never changed, a later one for the same day and pair replaces it in the
//! reports.

use chrono::NaiveDate;

use crate::domain::date::iso;
use crate::domain::money::parse_rate;
use crate::error::{Result, SqlContext};
use crate::store::hub::Hub;
use crate::store::hub::reports::{HubRate, insert_rate};

/// Records that one `from` is worth `rate` `to` on `day`; returns the rate
/// as stored (its exact decimal, without trailing zeros).
///
/// Fails on a code that is not one, the same code twice, or a rate that is
/// not a positive plain decimal.
pub fn add_rate(hub: &mut Hub, day: NaiveDate, from: &str, to: &str, rate: &str) -> Result<String> {
    let stored = parse_rate(from, to, rate)?;
    let tx = hub.write()?;
    insert_rate(
        &tx,
        &HubRate {
            day: iso(day),
            from: from.to_owned(),
            to: to.to_owned(),
            rate: stored.clone(),
        },
        &tx.recorded_at(),
    )?;
    tx.commit().ctx("committing the rate")?;
    Ok(stored)
}
