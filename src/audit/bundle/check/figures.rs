//! The figures of a bundle against themselves and against the journal:
//! `balances.csv`, `pools.csv` (also against the net assets of the balances
//! and the commitments of the grants), `contributors.csv`, and the shape of
//! `roles.csv`.
//!
//! Rule: every figure is re-derived from the journal or the other files and
//! compared; nothing stated is taken as given.

use std::collections::{BTreeMap, BTreeSet};

use super::journal::{Flows, Ledger};
use super::{Book, Checker, Table, codes, minor};
use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::bundle::rows::{BalanceRow, ContributorRow, PoolRow, RoleRow};
use crate::domain::bundle::{ACCOUNTS, BALANCES, CONTRIBUTORS, GRANTS, JOURNAL, POOLS, ROLES};
use crate::domain::date::parse_date;

pub(super) fn check_balances(
    table: &Table<BalanceRow>,
    book: &Book,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) {
    let mut seen: BTreeMap<(String, String), (i128, i128)> = BTreeMap::new();
    let mut totals: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    // The first line of each account and commodity, for the findings
    // against the journal (looked up, not searched: a file may have
    // hundreds of thousands of rows).
    let mut lines: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for rec in &table.rows {
        let account = rec.row.account.as_str();
        let commodity = rec.row.commodity.as_str();
        lines.entry((account, commodity)).or_insert(rec.line);
        if !book.accounts.contains_key(account) {
            checker.find(
                codes::CELL,
                BALANCES,
                rec.line,
                format!("account {account:?} is not in {ACCOUNTS}"),
            );
        }
        let mut amounts = [0i128; 4];
        let mut ok = true;
        for (i, (column, cell)) in rec.row.amounts().into_iter().enumerate() {
            match book.amount(checker, BALANCES, rec.line, column, cell, commodity) {
                Some(v) => amounts[i] = v,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let [opening, debits, credits, closing] = amounts;
        if debits < 0 || credits < 0 {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                "debits and credits are written as positive numbers",
            );
        }
        if opening + debits - credits != closing {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                format!("{account} {commodity}: opening + debits - credits is not closing"),
            );
        }
        let total = totals.entry(commodity.to_owned()).or_insert((0, 0));
        total.0 += opening;
        total.1 += closing;
        if seen
            .insert(
                (account.to_owned(), commodity.to_owned()),
                (debits, credits),
            )
            .is_some()
        {
            checker.find(
                codes::BALANCES,
                BALANCES,
                rec.line,
                format!("{account} {commodity} is listed twice"),
            );
        }
    }
    for (commodity, (opening, closing)) in totals {
        if opening != 0 || closing != 0 {
            checker.find(
                codes::BALANCES,
                BALANCES,
                0,
                format!("all accounts together do not add up to zero in {commodity} (openings {opening}, closings {closing}, in minor units)"),
            );
        }
    }
    let Some(ledger) = ledger else { return };
    let keys: BTreeSet<&(String, String)> = seen.keys().chain(ledger.moves.keys()).collect();
    for key in keys {
        let stated = seen.get(key);
        let actual = ledger.moves.get(key).copied().unwrap_or((0, 0));
        if stated.copied().unwrap_or((0, 0)) != actual || (stated.is_none() && actual != (0, 0)) {
            let line = lines
                .get(&(key.0.as_str(), key.1.as_str()))
                .copied()
                .unwrap_or(0);
            checker.find(
                codes::BALANCES_JOURNAL,
                BALANCES,
                line,
                match stated {
                    Some(_) => format!(
                        "{} {}: its debits and credits are not the sums of the postings of {JOURNAL} dated within the period",
                        key.0, key.1
                    ),
                    None => format!(
                        "has no row for {} {}, which {JOURNAL} posts to within the period",
                        key.0, key.1
                    ),
                },
            );
        }
    }
}

pub(super) fn check_pools(
    table: &Table<PoolRow>,
    book: &Book,
    ledger: Option<&Ledger>,
    balances: Option<&Table<BalanceRow>>,
    committed: Option<&BTreeMap<(String, String), i128>>,
    checker: &mut Checker,
) {
    let mut rows: BTreeMap<(String, String), (u64, [i128; 10])> = BTreeMap::new();
    let mut net: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    for rec in &table.rows {
        let pool = rec.row.pool.as_str();
        let commodity = rec.row.commodity.as_str();
        if commodity.is_empty() {
            if rec.row.amounts().iter().any(|(_, cell)| !cell.is_empty()) {
                checker.find(
                    codes::CELL,
                    POOLS,
                    rec.line,
                    "a row without a commodity has no amounts",
                );
            }
            continue;
        }
        let mut v = [0i128; 10];
        let mut ok = true;
        for (i, (column, cell)) in rec.row.amounts().into_iter().enumerate() {
            match book.amount(checker, POOLS, rec.line, column, cell, commodity) {
                Some(a) => v[i] = a,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let [
            opening,
            contributions,
            moved_in,
            moved_out,
            spent,
            converted,
            other,
            closing,
            held_committed,
            available,
        ] = v;
        if opening + contributions + moved_in - moved_out - spent + converted + other != closing {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity}: opening + contributions + moved_in - moved_out - spent + converted + other is not closing"),
            );
        }
        if closing - held_committed != available {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity}: closing - committed is not available"),
            );
        }
        let n = net.entry(commodity.to_owned()).or_insert((0, 0));
        n.0 += opening;
        n.1 += closing;
        if rows
            .insert((pool.to_owned(), commodity.to_owned()), (rec.line, v))
            .is_some()
        {
            checker.find(
                codes::POOLS,
                POOLS,
                rec.line,
                format!("{pool} {commodity} is listed twice"),
            );
        }
    }
    if let Some(ledger) = ledger {
        let keys: BTreeSet<&(String, String)> = rows.keys().chain(ledger.flows.keys()).collect();
        for key in keys {
            let actual = ledger.flows.get(key).copied().unwrap_or_default();
            let (line, stated) = match rows.get(key) {
                Some((line, v)) => (
                    *line,
                    Flows {
                        contributions: v[1],
                        moved_in: v[2],
                        moved_out: v[3],
                        spent: v[4],
                        converted: v[5],
                        other: v[6],
                    },
                ),
                None => (0, Flows::default()),
            };
            if stated != actual {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    line,
                    format!(
                        "{} {}: the changes within the period are not what the postings of {JOURNAL} dated within it give",
                        key.0, key.1
                    ),
                );
            }
        }
    }
    if let Some(balances) = balances {
        let mut assets: BTreeMap<String, (i128, i128)> = BTreeMap::new();
        for rec in &balances.rows {
            let account = rec.row.account.as_str();
            if !matches!(
                validate_account_name(account),
                Ok(AccountType::Assets | AccountType::Liabilities)
            ) {
                continue;
            }
            let commodity = rec.row.commodity.as_str();
            let Some(&decimals) = book.decimals.get(commodity) else {
                continue;
            };
            let (Some(opening), Some(closing)) = (
                minor(&rec.row.opening, decimals),
                minor(&rec.row.closing, decimals),
            ) else {
                continue;
            };
            let a = assets.entry(commodity.to_owned()).or_insert((0, 0));
            a.0 += opening;
            a.1 += closing;
        }
        let commodities: BTreeSet<&String> = assets.keys().chain(net.keys()).collect();
        for commodity in commodities {
            let pools = net.get(commodity).copied().unwrap_or((0, 0));
            let held = assets.get(commodity).copied().unwrap_or((0, 0));
            if pools != held {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    0,
                    format!("in {commodity}, all pools together do not hold the fund's net assets (the assets and liabilities of {BALANCES}) at the start or the end of the period"),
                );
            }
        }
    }
    if let Some(committed) = committed {
        let keys: BTreeSet<&(String, String)> = rows
            .iter()
            .filter(|(_, (_, v))| v[8] != 0)
            .map(|(k, _)| k)
            .chain(committed.keys())
            .collect();
        for key in keys {
            let stated = rows.get(key).map_or(0, |(_, v)| v[8]);
            if stated != committed.get(key).copied().unwrap_or(0) {
                checker.find(
                    codes::POOLS,
                    POOLS,
                    rows.get(key).map_or(0, |(line, _)| *line),
                    format!("{} {}: committed is not the sum of what the grants of {GRANTS} have committed", key.0, key.1),
                );
            }
        }
    }
}

pub(super) fn check_roles(table: &Table<RoleRow>, checker: &mut Checker) {
    for rec in &table.rows {
        let role = rec.row.role.as_str();
        if !["treasurer", "steward", "member"].contains(&role) {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                format!("role {role:?} is none of treasurer, steward, member"),
            );
        }
        let from = parse_date(&rec.row.from).ok();
        let until = rec.row.until.as_str();
        let until_day = if until.is_empty() {
            None
        } else {
            parse_date(until).ok()
        };
        if from.is_none() || (!until.is_empty() && until_day.is_none()) {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                "from and until are YYYY-MM-DD days (until may be empty)",
            );
        } else if let (Some(from), Some(until)) = (from, until_day)
            && until < from
        {
            checker.find(
                codes::CELL,
                ROLES,
                rec.line,
                "the term ends before it starts",
            );
        }
        if rec.row.member.is_empty() {
            checker.find(codes::CELL, ROLES, rec.line, "a term without a member");
        }
    }
}

pub(super) fn check_contributors(
    table: &Table<ContributorRow>,
    book: &Book,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) {
    let mut seen = BTreeSet::new();
    for rec in &table.rows {
        let row = &rec.row;
        let (txn, commodity, pool) = (row.txn.as_str(), row.commodity.as_str(), row.pool.as_str());
        // One row per contribution, pool and commodity: a second one would
        // count a gift twice while matching the journal on its own.
        if !seen.insert((txn, pool, commodity)) {
            checker.find(
                codes::CELL,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} is listed twice for pool {pool} in {commodity}"),
            );
        }
        if !book.all_pools.contains(pool) {
            checker.find(
                codes::CELL,
                CONTRIBUTORS,
                rec.line,
                format!("pool {pool:?} is not in {POOLS}"),
            );
        }
        let amount = book.amount(
            checker,
            CONTRIBUTORS,
            rec.line,
            "amount",
            &row.amount,
            commodity,
        );
        if row.contributor.is_empty() || row.kind.is_empty() {
            checker.find(
                codes::CELL,
                CONTRIBUTORS,
                rec.line,
                "contributor and kind are never empty",
            );
        }
        let voided_by = row.voided_by.as_str();
        let Some(ledger) = ledger else { continue };
        let Some(t) = ledger.named.get(txn) else {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} is not a transaction of {JOURNAL} dated within the period"),
            );
            continue;
        };
        if t.date != row.date {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} is dated {} in {JOURNAL}", t.date),
            );
        }
        let posting_pool = if pool == "general" { "" } else { pool };
        let income: i128 = t
            .postings
            .iter()
            .filter(|p| p.is(AccountType::Income, commodity, posting_pool))
            .map(|p| -p.amount)
            .sum();
        if amount.is_some_and(|a| a != income) {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("txn {txn} credits income of pool {pool} in {commodity} with another amount in {JOURNAL}"),
            );
        }
        if !voided_by.is_empty()
            && ledger
                .named
                .get(voided_by)
                .is_none_or(|v| v.reverses != txn)
        {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!("voided_by {voided_by} is not a void of txn {txn} in {JOURNAL} dated within the period"),
            );
        }
        if let Some(void) = ledger.voids.get(txn)
            && void != voided_by
        {
            checker.find(
                codes::CONTRIBUTIONS,
                CONTRIBUTORS,
                rec.line,
                format!(
                    "txn {void} of {JOURNAL} voids this contribution, but voided_by does not say so"
                ),
            );
        }
    }
}
