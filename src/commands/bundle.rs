//! `fondo export audit` and `fondo verify --bundle`.

use std::path::Path;

use crate::cli::{BundleAudienceArg, PeriodArgs};
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::render::Format;

pub fn export_audit(
    _db: &Path,
    _out: &Path,
    _period: &PeriodArgs,
    _audience: BundleAudienceArg,
) -> Result<Outcome> {
    Err(Error::Refused("export audit: in progress".into()))
}

pub fn verify_bundle(_dir: &Path, _format: Format) -> Result<Outcome> {
    Err(Error::Refused("verify --bundle: in progress".into()))
}
