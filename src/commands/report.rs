//! `fondo report …` and `fondo budget …`.

use std::path::Path;

use crate::cli::{BudgetCommand, ReportCommand};
use crate::commands::Outcome;
use crate::error::{Error, Result};

pub fn report(_db: &Path, _cmd: ReportCommand) -> Result<Outcome> {
    Err(Error::Refused("report: in progress".into()))
}

pub fn budget(_db: &Path, _cmd: BudgetCommand) -> Result<Outcome> {
    Err(Error::Refused("budget: in progress".into()))
}
