//! The ledger's files: `accounts.csv`, `commodities.csv`, `balances.csv`
//! (from the balance cache at both ends of the period and the period's
//! postings as the journal pass summed them) and `pools.csv` (each pool's
//! holdings at both ends of the period, as [`crate::books::pools`] works
//! them out).
//!
//! Rule: every amount is written with exactly its commodity's places, and
//! every row order is defined (accounts by name, then commodity).

use std::collections::HashMap;

use super::{Bundle, cell};
use crate::books::pools::{PoolHolding, holdings};
use crate::domain::account::{cmp_names, validate_account_name};
use crate::domain::bundle::rows::{AccountRow, BalanceRow, CommodityRow, PoolRow};
use crate::domain::bundle::{ACCOUNTS, BALANCES, BundleAudience, COMMODITIES, POOLS};
use crate::domain::date::iso;
use crate::domain::ids::{AccountId, CommodityId};
use crate::domain::money::format_minor;
use crate::error::Result;
use crate::store::{accounts, balances};

impl Bundle<'_> {
    pub(super) fn accounts(&mut self) -> Result<()> {
        let mut file = self.csv(ACCOUNTS)?;
        let mut list = accounts::all(self.conn)?;
        for a in &mut list {
            if let Some(label) = self.account_labels.get(&a.id) {
                a.name.clone_from(label);
            }
        }
        list.sort_by(|a, b| cmp_names(&a.name, &b.name));
        for a in list {
            let closed = a.closed_on.filter(|d| *d <= self.span.to);
            let row = AccountRow {
                kind: validate_account_name(&a.name)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                status: if closed.is_some() { "closed" } else { "open" }.to_owned(),
                closed_on: cell(closed.map(iso)),
                note: cell(a.note.filter(|_| self.audience == BundleAudience::Auditor)),
                account: a.name,
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    pub(super) fn commodities(&mut self) -> Result<()> {
        let mut file = self.csv(COMMODITIES)?;
        let mut list = self.commodities.clone();
        list.sort_by(|a, b| a.commodity.code().cmp(b.commodity.code()));
        for c in list {
            let row = CommodityRow {
                commodity: c.commodity.code().to_owned(),
                decimals: c.commodity.decimals().to_string(),
                name: cell(c.name),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// balances.csv, from the balance cache at both ends of the period and
    /// the period's postings as the journal pass summed them.
    pub(super) fn balances(
        &mut self,
        moves: &HashMap<(AccountId, CommodityId), (i128, i128)>,
    ) -> Result<()> {
        // The balance cache names accounts; the bundle shows some by label.
        let names = accounts::names_by_id(self.conn)?;
        let labels: HashMap<&str, &str> = self
            .account_labels
            .iter()
            .filter_map(|(id, label)| Some((names.get(id)?.as_str(), label.as_str())))
            .collect();
        let key = |b: &balances::AccountBalance| {
            let shown = labels.get(b.account.as_str()).copied();
            (
                shown.unwrap_or(&b.account).to_owned(),
                b.commodity.code().to_owned(),
            )
        };
        let opening: HashMap<(String, String), i128> = match self.span.from.pred_opt() {
            Some(day) => balances::by_account(self.conn, Some(day))?
                .iter()
                .map(|b| (key(b), b.amount))
                .collect(),
            None => HashMap::new(),
        };
        let moves: HashMap<(String, String), (i128, i128)> = moves
            .iter()
            .filter_map(|((account, commodity), m)| {
                let account = self.account_names.get(account)?.clone();
                Some(((account, self.decimals.get(commodity)?.0.clone()), *m))
            })
            .collect();
        let mut closing: Vec<_> = balances::by_account(self.conn, Some(self.span.to))?
            .into_iter()
            .map(|b| (key(&b), b))
            .collect();
        closing.sort_by(|(a, _), (b, _)| cmp_names(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
        let mut file = self.csv(BALANCES)?;
        for (k, b) in closing {
            let places = b.commodity.decimals();
            let (debits, credits) = moves.get(&k).copied().unwrap_or((0, 0));
            let row = BalanceRow {
                opening: format_minor(opening.get(&k).copied().unwrap_or(0), places),
                debits: format_minor(debits, places),
                credits: format_minor(credits, places),
                closing: format_minor(b.amount, places),
                account: k.0,
                commodity: k.1,
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// pools.csv: each pool's holdings at both ends of the period; the
    /// changes are the differences of the cumulative flows.
    pub(super) fn pools(&mut self) -> Result<()> {
        let opening: Vec<PoolHolding> = match self.span.from.pred_opt() {
            Some(day) => holdings(self.conn, Some(day))?,
            None => Vec::new(),
        };
        let closing = holdings(self.conn, Some(self.span.to))?;
        let mut file = self.csv(POOLS)?;
        for pool in &self.pools {
            let purpose = self.privacy.redact(&pool.purpose);
            let guidelines = self.privacy.redact_opt(pool.guidelines.as_deref());
            let held: Vec<&PoolHolding> = closing.iter().filter(|h| h.pool == pool.name).collect();
            let shown = self.pool_name(pool);
            if held.is_empty() {
                let row = PoolRow {
                    pool: shown,
                    purpose,
                    guidelines,
                    ..PoolRow::default()
                };
                file.row(&row, &mut self.privacy)?;
                continue;
            }
            for end in held {
                let start = opening
                    .iter()
                    .find(|h| h.pool == pool.name && h.commodity == end.commodity);
                let places = end.held.decimals();
                let before = |f: fn(&PoolHolding) -> i128| start.map_or(0, f);
                let flow = |f: fn(&PoolHolding) -> i128| format_minor(f(end) - before(f), places);
                let row = PoolRow {
                    pool: shown.clone(),
                    purpose: purpose.clone(),
                    guidelines: guidelines.clone(),
                    commodity: end.commodity.clone(),
                    opening: format_minor(before(|h| h.held.minor()), places),
                    contributions: flow(|h| h.contributions.minor()),
                    moved_in: flow(|h| h.moved_in.minor()),
                    moved_out: flow(|h| h.moved_out.minor()),
                    spent: flow(|h| h.spent.minor()),
                    converted: flow(|h| h.converted.minor()),
                    other: flow(|h| h.other.minor()),
                    closing: end.held.to_string(),
                    committed: end.committed.to_string(),
                    available: end.available.to_string(),
                };
                file.row(&row, &mut self.privacy)?;
            }
        }
        self.done(file)
    }
}
