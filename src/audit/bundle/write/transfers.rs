//! `transfers.csv`: the transfers between funds of the period, derived from
//! the bytes of journal.csv as they were written
//! ([`crate::audit::bundle::transfers`], the pass of `journal`).
//!
//! Rule: the rows are what journal.csv states, derived as the checker
//! derives them again.

use super::Bundle;
use super::journal::Pass;
use crate::domain::bundle::{JOURNAL, TRANSFERS};
use crate::error::{Error, Result};

impl Bundle<'_> {
    /// transfers.csv, from the rows the journal's pass derived.
    pub(super) fn transfers(&mut self, pass: &Pass) -> Result<()> {
        let rows = pass.transfers.as_ref().ok_or_else(|| Error::Damaged {
            what: JOURNAL.into(),
            detail: "the journal.csv just written does not read back".into(),
        })?;
        let mut file = self.csv(TRANSFERS)?;
        for row in rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }
}
