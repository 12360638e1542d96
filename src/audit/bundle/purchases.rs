//! `purchases.csv` and `purchase_items.csv`: the pooled purchases opened
//! within a bundle's period as they stood at the end of the period's last
//! day (replayed by [`crate::books::purchases`]): the money, one row per
//! purchase and member group, and the units, one row per purchase, group and
//! item the group ordered, in that item's unit (units of different items
//! are never added together).
//!
//! The columns are specified in [`crate::domain::bundle`]; the
//! writer (`write/purchases.rs`) serializes [`PurchaseRow`]s and
//! [`PurchaseItemRow`]s and the checker
//! (`check/purchases.rs`) re-derives what the journal in the bundle can
//! confirm: each group's share from the settlement transaction's postings on
//! the groups' receivable, and what each group paid from its payment
//! transactions; every item row's group has its row in purchases.csv. The
//! units ordered, allocated and received, and the status, come from the
//! governance records, which records.csv holds but no checker replays yet:
//! they are stated, not checkable.

use std::collections::HashMap;

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::Connection;

use crate::books::purchases::replay_until;
use crate::domain::bundle::rows::{PurchaseItemRow, PurchaseRow};
use crate::domain::ids::MemberId;
use crate::domain::money::format_minor;
use crate::domain::period::Span;
use crate::error::Result;
use crate::store::purchases;

/// The rows of the purchases opened within `span`, as they stood at its
/// end, with groups named by `person` and free text passed through
/// `redact`: the rows of purchases.csv and of purchase_items.csv.
pub(super) fn rows(
    conn: &Connection,
    span: &Span,
    person: impl Fn(MemberId) -> String,
    redact: impl Fn(&str) -> String,
) -> Result<(Vec<PurchaseRow>, Vec<PurchaseItemRow>)> {
    let end: NaiveDateTime = span
        .to
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    let (mut rows, mut items) = (Vec::new(), Vec::new());
    for stored in purchases::all(conn)? {
        if !span.contains(stored.opened_at.date()) {
            continue;
        }
        let loaded = replay_until(conn, stored, end)?;
        let (stored, state) = (&loaded.stored, &loaded.state);
        let places = stored.commodity.decimals();
        let money = |minor: i64| format_minor(minor.into(), places);
        let mut pays: HashMap<MemberId, Vec<String>> = HashMap::new();
        for p in &state.payments {
            pays.entry(p.group).or_default().push(p.txn.to_string());
        }
        for group in state.groups() {
            for (i, it) in state.items.iter().enumerate() {
                let Some((ordered, _)) = state.ordered(i, group) else {
                    continue;
                };
                items.push(PurchaseItemRow {
                    purchase: redact(&stored.name),
                    group: person(group),
                    item: redact(&it.name),
                    unit: it.unit.clone().unwrap_or_default(),
                    ordered: ordered.to_string(),
                    allocated: state.allocated_to(i, group).to_string(),
                    received: state.delivered_to(i, group).to_string(),
                });
            }
            let (charged, paid) = (state.charged(group), state.paid(group));
            rows.push(PurchaseRow {
                purchase: redact(&stored.name),
                status: state.status().as_str().to_owned(),
                group: person(group),
                currency: stored.commodity.code().to_owned(),
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
    Ok((rows, items))
}
