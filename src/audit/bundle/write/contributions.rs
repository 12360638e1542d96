//! `contributors.csv`: the contributions the journal pass found in the
//! period, one row per pool and commodity of their income, with who gave
//! them as the audience may see them.
//!
//! Rule: the amounts are the income postings of the contribution's own
//! transaction, so every row can be matched against `journal.csv`.

use super::journal::Pass;
use super::{Bundle, cell};
use crate::domain::bundle::CONTRIBUTORS;
use crate::domain::bundle::rows::ContributorRow;
use crate::domain::money::format_minor;
use crate::error::Result;

impl Bundle<'_> {
    /// contributors.csv: the contributions the journal pass found in the
    /// period, with who gave them.
    pub(super) fn contributors(&mut self, pass: &Pass) -> Result<()> {
        let mut file = self.csv(CONTRIBUTORS)?;
        for (txn, received) in &pass.received {
            let Some((member, kind)) = self.contributions.get(txn) else {
                continue;
            };
            let contributor = member.map_or_else(|| "anonymous".to_owned(), |m| self.person(m));
            let kind = match kind {
                Some(kind) => self.privacy.redact(kind),
                None if received.in_kind => "goods".to_owned(),
                None => "money".to_owned(),
            };
            for ((commodity, pool), amount) in &received.income {
                let Some((code, places)) = self.decimals.get(commodity) else {
                    continue;
                };
                let row = ContributorRow {
                    txn: txn.to_string(),
                    date: received.date.clone(),
                    contributor: contributor.clone(),
                    kind: kind.clone(),
                    pool: pool
                        .and_then(|p| self.pool_names.get(&p).cloned())
                        .unwrap_or_else(|| "general".to_owned()),
                    commodity: code.clone(),
                    amount: format_minor(*amount, *places),
                    voided_by: cell(pass.voided_by.get(txn)),
                };
                file.row(&row, &mut self.privacy)?;
            }
        }
        self.done(file)
    }
}
