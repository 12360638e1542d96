//! `purchases.csv` against itself and the journal (finding B120): per row,
//! owed = charged - paid; per purchase, one settlement
//! transaction whose debits to the groups' receivable are exactly the
//! charged shares (one posting per group charged); per group, its payment
//! transactions' credits to the receivable add up to what it paid, and no
//! payment is claimed twice. `purchase_items.csv` against purchases.csv:
//! whole units, one row per purchase, group and item, and every row's group
//! has its row in purchases.csv (B120). The status and the units are
//! stated, not checkable (the governance records are not in bundles yet).

use std::collections::{BTreeMap, HashSet};

use super::journal::Ledger;
use super::{Book, Checker, Rec, Table, codes, whole};
use crate::domain::bundle::rows::{PurchaseItemRow, PurchaseRow};
use crate::domain::bundle::{JOURNAL, PURCHASE_ITEMS, PURCHASES};
use crate::domain::purchase::RECEIVABLE_ACCOUNT;

/// The transactions purchases.csv names, for the journal pass to keep.
pub(super) fn named(table: &Table<PurchaseRow>) -> Vec<String> {
    let mut named = Vec::new();
    for Rec { row, .. } in &table.rows {
        named.push(row.settle_txn.clone());
        named.extend(row.pay_txns.split_whitespace().map(str::to_owned));
    }
    named
}

/// One purchase's rows as read: (line, charged) per group, and the
/// settlement transaction each row names.
#[derive(Default)]
struct Purchase<'t> {
    currency: &'t str,
    charged: Vec<(u64, i128)>,
    settle: Vec<(u64, &'t str)>,
}

pub(super) fn check_purchases(
    table: &Table<PurchaseRow>,
    book: &Book,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) {
    let mut found: Vec<(u64, String)> = Vec::new();
    let mut cells = Vec::new();
    let mut seen = HashSet::new();
    let mut claimed: HashSet<&str> = HashSet::new();
    let mut purchases: BTreeMap<&str, Purchase> = BTreeMap::new();
    for rec in &table.rows {
        let row = &rec.row;
        let (purchase, group, currency) = (
            row.purchase.as_str(),
            row.group.as_str(),
            row.currency.as_str(),
        );
        if purchase.is_empty() || group.is_empty() {
            cells.push((rec.line, "purchase and group are never empty".to_owned()));
        }
        if !seen.insert((purchase, group)) {
            cells.push((
                rec.line,
                format!("group {group} is listed twice for purchase {purchase}"),
            ));
        }
        let [charged, paid, owed] = [
            ("charged", &row.charged),
            ("paid", &row.paid),
            ("owed", &row.owed),
        ]
        .map(|(column, cell)| book.amount(checker, PURCHASES, rec.line, column, cell, currency));
        let entry = purchases.entry(purchase).or_default();
        entry.currency = currency;
        if let (Some(charged), Some(paid), Some(owed)) = (charged, paid, owed)
            && charged - paid != owed
        {
            found.push((
                rec.line,
                format!(
                    "owed {} is not charged {} - paid {}",
                    row.owed, row.charged, row.paid
                ),
            ));
        }
        let settle = row.settle_txn.as_str();
        entry.settle.push((rec.line, settle));
        if let Some(charged) = charged {
            entry.charged.push((rec.line, charged));
            if settle.is_empty() && charged != 0 {
                found.push((
                    rec.line,
                    format!(
                        "group {group} is charged {} without a settle_txn",
                        row.charged
                    ),
                ));
            }
        }
        let Some(ledger) = ledger else { continue };
        let mut credited: i128 = 0;
        for txn in row.pay_txns.split_whitespace() {
            if !claimed.insert(txn) {
                found.push((
                    rec.line,
                    format!("payment txn {txn} is claimed by more than one group"),
                ));
            }
            let Some(t) = ledger.named.get(txn) else {
                found.push((rec.line, format!("payment txn {txn} is not a transaction of {JOURNAL} dated within the period")));
                continue;
            };
            credited -= t
                .postings
                .iter()
                .filter(|p| p.account == RECEIVABLE_ACCOUNT && p.commodity == currency)
                .map(|p| p.amount)
                .sum::<i128>();
        }
        if paid.is_some_and(|paid| paid != credited) {
            found.push((rec.line, format!(
                "group {group} paid {} but its payment txns credit {RECEIVABLE_ACCOUNT} with {} minor units in {JOURNAL}",
                row.paid,
                credited
            )));
        }
    }
    for (line, message) in cells {
        checker.find(codes::CELL, PURCHASES, line, message);
    }
    for (line, message) in found {
        checker.find(codes::PURCHASES, PURCHASES, line, message);
    }
    let Some(ledger) = ledger else { return };
    for (purchase, p) in &purchases {
        let txns: HashSet<&str> = p.settle.iter().map(|(_, t)| *t).collect();
        let first = p.settle.first().map_or(0, |(line, _)| *line);
        if txns.len() > 1 {
            checker.find(
                codes::PURCHASES,
                PURCHASES,
                first,
                format!("the rows of purchase {purchase} name different settle_txns"),
            );
            continue;
        }
        let Some(txn) = txns.into_iter().next().filter(|t| !t.is_empty()) else {
            continue;
        };
        let Some(t) = ledger.named.get(txn) else {
            checker.find(
                codes::PURCHASES,
                PURCHASES,
                first,
                format!("settle_txn {txn} of purchase {purchase} is not a transaction of {JOURNAL} dated within the period"),
            );
            continue;
        };
        let mut posted: Vec<i128> = t
            .postings
            .iter()
            .filter(|l| l.account == RECEIVABLE_ACCOUNT && l.commodity == p.currency)
            .map(|l| l.amount)
            .collect();
        let mut charged: Vec<i128> = p
            .charged
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| *c != 0)
            .collect();
        posted.sort_unstable();
        charged.sort_unstable();
        if posted != charged {
            checker.find(
                codes::PURCHASES,
                PURCHASES,
                first,
                format!(
                    "the shares charged in purchase {purchase} are not the debits to {RECEIVABLE_ACCOUNT} of settle_txn {txn} in {JOURNAL} (one posting per group charged)"
                ),
            );
        }
    }
}

/// purchase_items.csv: whole units, each purchase, group and item once, and
/// (when purchases.csv was read) every group with its row there.
pub(super) fn check_items(
    table: &Table<PurchaseItemRow>,
    purchases: Option<&Table<PurchaseRow>>,
    checker: &mut Checker,
) {
    let groups: Option<HashSet<(&str, &str)>> = purchases.map(|t| {
        t.rows
            .iter()
            .map(|Rec { row, .. }| (row.purchase.as_str(), row.group.as_str()))
            .collect()
    });
    let mut seen = HashSet::new();
    for Rec { row, line } in &table.rows {
        let (purchase, group, item) =
            (row.purchase.as_str(), row.group.as_str(), row.item.as_str());
        if purchase.is_empty() || group.is_empty() || item.is_empty() {
            checker.find(
                codes::CELL,
                PURCHASE_ITEMS,
                *line,
                "purchase, group and item are never empty",
            );
        }
        let units = [
            ("ordered", &row.ordered),
            ("allocated", &row.allocated),
            ("received", &row.received),
        ];
        for (column, cell) in units {
            if whole::<u64>(cell).is_none() {
                checker.find(
                    codes::CELL,
                    PURCHASE_ITEMS,
                    *line,
                    format!("{column} {cell:?} is not a whole number"),
                );
            }
        }
        if !seen.insert((purchase, group, item)) {
            checker.find(
                codes::PURCHASES,
                PURCHASE_ITEMS,
                *line,
                format!("item {item} is listed twice for group {group} of purchase {purchase}"),
            );
        }
        if groups
            .as_ref()
            .is_some_and(|g| !g.contains(&(purchase, group)))
        {
            checker.find(
                codes::PURCHASES,
                PURCHASE_ITEMS,
                *line,
                format!("group {group} of purchase {purchase} has no row in {PURCHASES}"),
            );
        }
    }
}
