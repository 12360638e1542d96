//! `transfers.csv`: the transfers between funds of the period, derived from
//! the journal.csv just written ([`crate::audit::bundle::transfers`]).
//!
//! Rule: the rows are what journal.csv states, derived as the checker
//! derives them again.

use super::Bundle;
use crate::audit::bundle::transfers::derive;
use crate::domain::bundle::{JOURNAL, TRANSFERS};
use crate::domain::date::iso;
use crate::error::{Error, Result};

impl Bundle<'_> {
    /// transfers.csv, from the bundle's journal.csv.
    pub(super) fn transfers(&mut self) -> Result<()> {
        let path = self.dir.join(JOURNAL);
        let journal = std::fs::File::open(&path).map_err(|source| Error::Io {
            context: format!("reading back {}", path.display()),
            source,
        })?;
        let rows = derive(
            std::io::BufReader::new(journal),
            &iso(self.span.from),
            &iso(self.span.to),
        )
        .ok_or_else(|| Error::Damaged {
            what: JOURNAL.into(),
            detail: "the journal.csv just written does not read back".into(),
        })?;
        let mut file = self.csv(TRANSFERS)?;
        for row in &rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }
}
