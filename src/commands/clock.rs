//! The clock of one run of the binary: the system clock, or the moment
//! `FONDO_NOW` pins (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, taken as both
//! the local time and UTC), so tests and demonstrations do not depend on
//! the day they run. The library never reads the clock; the command layer
//! passes this one to the store (which asks it once per write, holding the
//! write lock) and asks it itself for the defaults of report options.

use std::sync::{Arc, OnceLock};

use chrono::{NaiveDate, NaiveDateTime};
use fondo::domain::date::{Clock, FixedClock, Now, SharedClock, parse_datetime};

use crate::commands::CommandError;

/// The environment variable that pins the clock.
pub const FONDO_NOW: &str = "FONDO_NOW";

/// The operating system's clock.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Now {
        Now::new(
            chrono::Local::now().naive_local(),
            chrono::Utc::now().naive_utc(),
        )
    }
}

static CLOCK: OnceLock<SharedClock> = OnceLock::new();

/// Reads `FONDO_NOW` once, at the start of a run; a value that is not a
/// moment is an error.
pub fn init() -> Result<(), CommandError> {
    let clock: SharedClock = match std::env::var(FONDO_NOW) {
        Ok(value) => {
            let at = parse_datetime(&value).map_err(|e| CommandError::Clock {
                value: value.clone(),
                reason: e.to_string(),
            })?;
            Arc::new(FixedClock(Now::fixed(at)))
        }
        Err(_) => Arc::new(SystemClock),
    };
    let _ = CLOCK.set(clock);
    Ok(())
}

/// The clock of this run.
pub fn clock() -> SharedClock {
    CLOCK.get_or_init(|| Arc::new(SystemClock)).clone()
}

/// The local time now.
pub fn now() -> NaiveDateTime {
    clock().now().local()
}

/// The local day today.
pub fn today() -> NaiveDate {
    clock().now().today()
}
