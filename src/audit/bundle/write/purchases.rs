//! `purchases.csv` (one row per purchase opened in the period and member
//! group) and `purchase_items.csv` (one per purchase, group and item), made
//! by [`crate::audit::bundle::purchases`].
//!
//! Rule: groups are named as the audience may see them (as in
//! contributors.csv), and the purchase's name passes the same redaction as
//! every other free text.

use super::Bundle;
use crate::audit::bundle::purchases::rows;
use crate::domain::bundle::{PURCHASE_ITEMS, PURCHASES};
use crate::error::Result;

impl Bundle<'_> {
    /// purchases.csv and purchase_items.csv, as the purchases stood at the
    /// end of the period.
    pub(super) fn purchases(&mut self) -> Result<()> {
        let (rows, items) = rows(
            self.conn,
            self.span,
            |id| self.person(id),
            |text| self.privacy.redact(text),
        )?;
        let mut file = self.csv(PURCHASES)?;
        for row in &rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)?;
        let mut file = self.csv(PURCHASE_ITEMS)?;
        for row in &items {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }
}
