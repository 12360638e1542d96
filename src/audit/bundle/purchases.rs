//! `purchases.csv`: the pooled purchases opened within a bundle's period,
//! one row per purchase and member group, as they stood at the end of the
//! period's last day (replayed by [`crate::books::purchases`]).
//!
//! The columns are specified here and listed in [`super::FILES`]; the
//! writer (`write/purchases.rs`) serializes [`PurchaseRow`]s and the checker
//! (`check/purchases.rs`) re-derives what the journal in the bundle can
//! confirm: each group's share from the settlement transaction's postings on
//! the groups' receivable, and what each group paid from its payment
//! transactions. The units ordered, allocated and received, and the status,
//! come from the governance records, which bundles do not hold yet: they are
//! stated, not checkable.

use std::collections::HashMap;

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::Connection;

use super::rows::PurchaseRow;
use super::{Column, c};
use crate::books::purchases::replay_until;
use crate::domain::money::format_minor;
use crate::domain::period::Span;
use crate::error::Result;
use crate::store::purchases;

/// The file's name.
pub const PURCHASES: &str = "purchases.csv";

pub(super) const COLUMNS: &[Column] = &[
    c("purchase", "the purchase's name"),
    c(
        "status",
        "open, closed, settled or done, at the end of the period (stated, not checkable)",
    ),
    c(
        "group",
        "the member group (a household, a collective) as this audience may see them",
    ),
    c("currency", "the purchase's currency"),
    c(
        "ordered",
        "the units the group ordered, all items together (stated, not checkable)",
    ),
    c(
        "allocated",
        "the units allocated to it in whole cases at closing, all items together; 0 before closing (stated, not checkable)",
    ),
    c(
        "received",
        "the units it was given of what arrived, all items together, after a short delivery was re-allocated (stated, not checkable)",
    ),
    c(
        "charged",
        "its share of the invoice and the costs, after the fund's subsidy; 0 before settling. The settlement transaction debits assets:purchases:receivable with exactly one posting per group charged",
    ),
    c(
        "paid",
        "what it has paid of its share: the credits to assets:purchases:receivable of the transactions in pay_txns",
    ),
    c("owed", "charged - paid: what it still owes the fund"),
    c(
        "settle_txn",
        "the txn of journal.csv that paid the supplier and charged the shares; empty before settling",
    ),
    c(
        "pay_txns",
        "the txns of journal.csv in which the group paid, separated by spaces",
    ),
];

/// The rows of the purchases opened within `span`, as they stood at its
/// end, with groups named by `person` and free text passed through
/// `redact`.
pub(super) fn rows(
    conn: &Connection,
    span: &Span,
    person: impl Fn(i64) -> String,
    redact: impl Fn(&str) -> String,
) -> Result<Vec<PurchaseRow>> {
    let end: NaiveDateTime = span
        .to
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    let mut rows = Vec::new();
    for stored in purchases::all(conn)? {
        if !span.contains(stored.opened_at.date()) {
            continue;
        }
        let loaded = replay_until(conn, stored, end)?;
        let (stored, state) = (&loaded.stored, &loaded.state);
        let places = stored.commodity.decimals;
        let money = |minor: i64| format_minor(minor.into(), places);
        let mut pays: HashMap<i64, Vec<String>> = HashMap::new();
        for p in &state.payments {
            pays.entry(p.group).or_default().push(p.txn.to_string());
        }
        for group in state.groups() {
            let (ordered, allocated, received) = state.units_of_group(group);
            let (charged, paid) = (state.charged(group), state.paid(group));
            rows.push(PurchaseRow {
                purchase: redact(&stored.name),
                status: state.status().as_str().to_owned(),
                group: person(group),
                currency: stored.commodity.code.clone(),
                ordered: ordered.to_string(),
                allocated: allocated.to_string(),
                received: received.to_string(),
                charged: money(charged),
                paid: money(paid),
                owed: money(charged - paid),
                settle_txn: state
                    .settled
                    .as_ref()
                    .map_or_else(String::new, |s| s.txn.to_string()),
                pay_txns: pays.remove(&group).unwrap_or_default().join(" "),
            });
        }
    }
    Ok(rows)
}
