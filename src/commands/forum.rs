//! `fondo report forum`.

use std::path::Path;

use crate::cli::{PageFormatArg, PeriodArgs};
use crate::commands::Outcome;
use crate::domain::member::Audience;
use crate::error::{Error, Result};

pub fn forum(
    _db: &Path,
    _period: &PeriodArgs,
    _audience: Audience,
    _out: Option<&Path>,
    _format: PageFormatArg,
) -> Result<Outcome> {
    Err(Error::Refused("report forum: in progress".into()))
}
