//! Pooled purchases, read-only: one purchase in detail (`purchase show`),
//! the list of purchases (`purchase list`), and the period report
//! (`report purchases`): per purchase and group what was ordered, allocated,
//! received, charged, paid and owed, the savings against reference prices,
//! and who owes whom. Every figure is replayed from the purchase's records
//! (see `domain::purchase`); nothing here writes.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::books::purchases::{self as books, Loaded};
use crate::domain::ids::MemberId;
use crate::domain::member::{Audience, shown_name};
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::domain::purchase::{Purchase, Status};
use crate::error::Result;
use crate::render::Row;
use crate::store::purchases::{self, StoredPurchase};
use crate::store::{fund, members};

/// Members as an audience may see them.
struct Names {
    audience: Audience,
    secret: String,
    members: HashMap<MemberId, members::StoredMember>,
}

impl Names {
    fn load(conn: &Connection, audience: Audience) -> Result<Names> {
        Ok(Names {
            audience,
            secret: fund::secret(conn)?,
            members: members::all(conn)?.into_iter().map(|m| (m.id, m)).collect(),
        })
    }

    fn of(&self, id: MemberId) -> String {
        self.members.get(&id).map_or_else(
            || format!("#{id}"),
            |m| shown_name(self.audience, m.visibility, &m.name, &self.secret, m.id),
        )
    }
}

fn money(p: &StoredPurchase, minor: i64) -> Money {
    Money::stored(minor.into(), p.commodity.decimals())
}

fn units_value(units: u64, price: i64) -> i64 {
    i64::try_from(units)
        .unwrap_or(i64::MAX)
        .saturating_mul(price)
}

/// What the fund owes the supplier, or expects to: the invoice once settled
/// (then paid), before that the value at unit prices of what was received,
/// or allocated while nothing was received.
fn supplier_due(state: &Purchase) -> i64 {
    match &state.settled {
        Some(s) => s.invoice,
        None => state.received_value(),
    }
}

/// One line of `purchase show`: an item for a group (its units and their
/// value), or a group's share over all items (`item` is `all items`).
#[derive(Debug, Clone, Serialize)]
pub struct ShowRow {
    pub item: String,
    pub group: String,
    pub ordered: Option<u64>,
    pub tolerance: Option<u64>,
    pub allocated: Option<u64>,
    pub received: Option<u64>,
    pub value: Money,
    pub saved: Option<Money>,
    pub charged: Option<Money>,
    pub paid: Option<Money>,
    pub owed: Option<Money>,
    pub given_out: Option<String>,
}

impl Row for ShowRow {
    const COLUMNS: &'static [&'static str] = &[
        "item",
        "group",
        "ordered",
        "tolerance",
        "allocated",
        "received",
        "value",
        "saved",
        "charged",
        "paid",
        "owed",
        "given_out",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "ordered",
        "tolerance",
        "allocated",
        "received",
        "value",
        "saved",
        "charged",
        "paid",
        "owed",
    ];
}

/// The facts of one purchase, for a heading.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub name: String,
    pub supplier: String,
    pub status: Status,
    pub currency: String,
    pub pool: Option<String>,
    pub closes: String,
    /// Per item: name, case, unit price, cases ordered and units received.
    pub items: Vec<String>,
    pub costs: Vec<String>,
    pub settlement: Option<String>,
}

/// One purchase in detail: its facts, and its lines per item and group then
/// per group.
pub fn show(conn: &Connection, name: &str, audience: Audience) -> Result<(Facts, Vec<ShowRow>)> {
    let Loaded { stored, state } = books::load(conn, name)?;
    let names = Names::load(conn, audience)?;
    let label = |minor: i64| format!("{} {}", money(&stored, minor), stored.commodity.code());
    let closed = state.closed.is_some();
    let mut rows = Vec::new();
    for (i, item) in state.items.iter().enumerate() {
        for group in state.groups() {
            let Some((quantity, tolerance)) = state.ordered(i, group) else {
                continue;
            };
            let received = state.delivered_to(i, group);
            rows.push(ShowRow {
                item: item.name.clone(),
                group: names.of(group),
                ordered: Some(quantity),
                tolerance: Some(tolerance),
                allocated: closed.then(|| state.allocated_to(i, group)),
                received: state.received.get(i).copied().flatten().map(|_| received),
                value: money(&stored, units_value(received, item.unit_price)),
                saved: item
                    .reference_price
                    .map(|r| money(&stored, units_value(received, r - item.unit_price))),
                charged: None,
                paid: None,
                owed: None,
                given_out: None,
            });
        }
    }
    let takes = state.takes();
    for take in &takes {
        let group = take.group;
        let saved: i64 = state
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                it.reference_price
                    .map(|r| units_value(state.delivered_to(i, group), r - it.unit_price))
            })
            .sum();
        let settled = state.settled.is_some();
        rows.push(ShowRow {
            item: "all items".into(),
            group: names.of(group),
            ordered: None,
            tolerance: None,
            allocated: None,
            received: None,
            value: money(&stored, take.value),
            saved: Some(money(&stored, saved)),
            charged: settled.then(|| money(&stored, state.charged(group))),
            paid: settled.then(|| money(&stored, state.paid(group))),
            owed: settled.then(|| money(&stored, state.charged(group) - state.paid(group))),
            given_out: state.distributed_to(group).map(|d| d.date.to_string()),
        });
    }
    let facts = Facts {
        name: stored.name.clone(),
        supplier: stored.supplier.clone(),
        status: state.status(),
        currency: stored.commodity.code().to_owned(),
        pool: stored.pool.clone(),
        closes: purchases::stamp(stored.closes_at),
        items: state
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let mut text = format!(
                    "{}: cases of {}{}, {} per unit",
                    it.name,
                    it.case,
                    it.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default(),
                    label(it.unit_price)
                );
                if closed {
                    text.push_str(&format!("; {} case(s) ordered", state.cases[i]));
                }
                if let Some(received) = state.received.get(i).copied().flatten() {
                    text.push_str(&format!(", {received} received"));
                }
                text
            })
            .collect(),
        costs: state
            .costs
            .iter()
            .map(|(c, reason)| format!("{} split by {}: {reason}", label(c.amount), c.split.as_str()))
            .collect(),
        settlement: state.settled.as_ref().map(|s| {
            let charged: i64 = s.shares.iter().map(|c| c.charge).sum();
            format!(
                "settled on {} (transaction {}): invoice {}, costs {}, shares {}, subsidy {}, rounding remainder {} to {}",
                s.date,
                s.txn,
                label(s.invoice),
                label(state.costs.iter().map(|(c, _)| c.amount).sum()),
                label(charged),
                label(s.subsidy_amount),
                label(s.remainder),
                s.rounding_account
            )
        }),
    };
    Ok((facts, rows))
}

/// One purchase in `purchase list`.
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    pub purchase: String,
    pub supplier: String,
    pub status: Status,
    pub closes: String,
    pub currency: String,
    pub items: usize,
    pub groups: usize,
    pub value: Money,
    pub invoice: Option<Money>,
    pub costs: Money,
    pub subsidy: Option<Money>,
    pub remainder: Option<Money>,
    pub owed: Money,
}

impl Row for ListRow {
    const COLUMNS: &'static [&'static str] = &[
        "purchase",
        "supplier",
        "status",
        "closes",
        "currency",
        "items",
        "groups",
        "value",
        "invoice",
        "costs",
        "subsidy",
        "remainder",
        "owed",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "items",
        "groups",
        "value",
        "invoice",
        "costs",
        "subsidy",
        "remainder",
        "owed",
    ];
}

/// Every purchase (in a status, if given), in the order they were opened.
pub fn list(conn: &Connection, status: Option<Status>) -> Result<Vec<ListRow>> {
    let mut rows = Vec::new();
    for Loaded { stored, state } in books::all(conn)? {
        if status.is_some_and(|s| s != state.status()) {
            continue;
        }
        let owed: i64 = state
            .groups()
            .iter()
            .map(|g| state.charged(*g) - state.paid(*g))
            .sum();
        let settled = state.settled.as_ref();
        rows.push(ListRow {
            purchase: stored.name.clone(),
            supplier: stored.supplier.clone(),
            status: state.status(),
            closes: purchases::stamp(stored.closes_at),
            currency: stored.commodity.code().to_owned(),
            items: state.items.len(),
            groups: state.groups().len(),
            value: money(&stored, state.received_value()),
            invoice: settled.map(|s| money(&stored, s.invoice)),
            costs: money(&stored, state.costs.iter().map(|(c, _)| c.amount).sum()),
            subsidy: settled.map(|s| money(&stored, s.subsidy_amount)),
            remainder: settled.map(|s| money(&stored, s.remainder)),
            owed: money(&stored, owed),
        });
    }
    Ok(rows)
}

/// The `item` of the `report purchases` rows that carry a party's money:
/// a group's share over all its items, or the fund's with the supplier.
pub const ALL_ITEMS: &str = "all items";

/// One line of `report purchases`: a group's units of one item (ordered,
/// allocated, received, in that item's unit, and what it saved on them), or
/// a party's account for the whole purchase (`item` is [`ALL_ITEMS`]): a
/// group's with the fund, or the fund's with the supplier. Units are never
/// added across items and money is never repeated on item lines, so every
/// column sums to something meaningful.
#[derive(Debug, Clone, Serialize)]
pub struct PurchaseRow {
    pub purchase: String,
    pub status: Status,
    /// Who owes: a group, or `fund`.
    pub who: String,
    /// Whom: `fund`, or the supplier.
    pub owes: String,
    pub currency: String,
    /// The item, or [`ALL_ITEMS`] on a line of money.
    pub item: String,
    /// The in-kind commodity the item's units are counted in, if it has one.
    pub unit: Option<String>,
    pub ordered: Option<u64>,
    pub allocated: Option<u64>,
    pub received: Option<u64>,
    pub charged: Option<Money>,
    pub paid: Option<Money>,
    pub owed: Option<Money>,
    pub saved: Option<Money>,
}

impl PurchaseRow {
    /// Whether this line carries a party's money (not one item's units).
    pub fn is_money(&self) -> bool {
        self.item == ALL_ITEMS
    }
}

impl Row for PurchaseRow {
    const COLUMNS: &'static [&'static str] = &[
        "purchase",
        "status",
        "who",
        "owes",
        "currency",
        "item",
        "unit",
        "ordered",
        "allocated",
        "received",
        "charged",
        "paid",
        "owed",
        "saved",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "ordered",
        "allocated",
        "received",
        "charged",
        "paid",
        "owed",
        "saved",
    ];
}

/// Every purchase opened within the span: per group, one line per item it
/// ordered (the units ordered, allocated, received, and what it saved on
/// them against the reference price), then its line of money over all items
/// (charged, paid, owed, and saved in total); then the fund's line with the
/// supplier (the invoice once settled, and paid with it; before that, the
/// value at unit prices of what was allocated or received).
pub fn purchases(conn: &Connection, span: &Span, audience: Audience) -> Result<Vec<PurchaseRow>> {
    let names = Names::load(conn, audience)?;
    let mut rows = Vec::new();
    for stored in purchases::all(conn)? {
        if !span.contains(stored.opened_at.date()) {
            continue;
        }
        let Loaded { stored, state } = books::replay(conn, stored)?;
        let closed = state.closed.is_some();
        let line = |who: String, owes: String, item: String, unit: Option<String>| PurchaseRow {
            purchase: stored.name.clone(),
            status: state.status(),
            who,
            owes,
            currency: stored.commodity.code().to_owned(),
            item,
            unit,
            ordered: None,
            allocated: None,
            received: None,
            charged: None,
            paid: None,
            owed: None,
            saved: None,
        };
        for group in state.groups() {
            let mut saved_total = 0i64;
            for (i, it) in state.items.iter().enumerate() {
                let Some((quantity, _)) = state.ordered(i, group) else {
                    continue;
                };
                let received = state.delivered_to(i, group);
                let saved = it
                    .reference_price
                    .map(|r| units_value(received, r - it.unit_price));
                saved_total += saved.unwrap_or(0);
                rows.push(PurchaseRow {
                    ordered: Some(quantity),
                    allocated: closed.then(|| state.allocated_to(i, group)),
                    received: state.received[i].map(|_| received),
                    saved: saved.filter(|_| closed).map(|s| money(&stored, s)),
                    ..line(
                        names.of(group),
                        "fund".into(),
                        it.name.clone(),
                        it.unit.clone(),
                    )
                });
            }
            let (charged, paid) = (state.charged(group), state.paid(group));
            rows.push(PurchaseRow {
                charged: Some(money(&stored, charged)),
                paid: Some(money(&stored, paid)),
                owed: Some(money(&stored, charged - paid)),
                saved: closed.then(|| money(&stored, saved_total)),
                ..line(names.of(group), "fund".into(), ALL_ITEMS.into(), None)
            });
        }
        if closed {
            let due = supplier_due(&state);
            let paid = state.settled.as_ref().map_or(0, |s| s.invoice);
            rows.push(PurchaseRow {
                charged: Some(money(&stored, due)),
                paid: Some(money(&stored, paid)),
                owed: Some(money(&stored, due - paid)),
                ..line(
                    "fund".into(),
                    stored.supplier.clone(),
                    ALL_ITEMS.into(),
                    None,
                )
            });
        }
    }
    Ok(rows)
}
