//! `fondo demo`.

use std::path::Path;

use crate::cli::DemoArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};

pub fn demo(_db: &Path, _args: &DemoArgs) -> Result<Outcome> {
    Err(Error::Refused("demo: in progress".into()))
}
