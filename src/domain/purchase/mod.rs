//! Pooled purchasing: one order from one supplier for several member groups.
//!
//! Pure code only. [`allocate`](mod@allocate) hands whole cases out to the groups'
//! orders, [`split`] shares the invoice and costs out exactly, and
//! [`Purchase`] is a purchase replayed from its events (the governance
//! records it left), as a fold that refuses every event that does not fit
//! the state before it. The same fold checks a new event before it is
//! recorded and replays the recorded ones, so what `fondo purchase` refuses
//! and what `verify` re-derives cannot disagree. The rules are written for a
//! community meeting in docs/purchasing.md.

pub mod allocate;
pub mod split;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::ids::{MemberId, TxnId};

use allocate::{OrderChange, allocate, reallocate};
use split::{Cost, Split, Subsidy, Take};

/// Where groups' shares are owed until they pay.
pub const RECEIVABLE_ACCOUNT: &str = "assets:purchases:receivable";
/// What the fund pays of the shares, charged to the purchase's pool.
pub const SUBSIDY_ACCOUNT: &str = "expenses:purchases:subsidy";
/// Where a rounding remainder goes unless `--rounding-account` says.
pub const ROUNDING_ACCOUNT: &str = "expenses:purchases:rounding";
/// What the fund holds for the groups, in units of the goods.
pub const GOODS_ACCOUNT: &str = "liabilities:purchases:goods";

/// The stock account of an in-kind commodity (as `give` uses it).
pub fn stock_account(code: &str) -> String {
    format!("assets:in-kind:{}", code.to_lowercase())
}

/// One item of a purchase: sold in cases of `case` units at `unit_price`
/// (minor units of the purchase's currency) per unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub name: String,
    pub unit_price: i64,
    pub case: u64,
    /// The in-kind commodity the units are counted in (`KG-RICE`), when
    /// received goods enter the fund's stock.
    pub unit: Option<String>,
    /// What a group would pay per unit buying alone.
    pub reference_price: Option<i64>,
}

/// Units of one item for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Units {
    pub item: usize,
    pub group: MemberId,
    pub units: u64,
}

/// A group's share as charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub group: MemberId,
    pub charge: i64,
}

/// What happened to a purchase, as recorded (record kind `purchase-EVENT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    Item(Item),
    Order {
        item: usize,
        group: MemberId,
        quantity: u64,
        tolerance: u64,
    },
    /// Closing: each group's units per item (every standing order listed).
    Close {
        allocation: Vec<Units>,
    },
    /// A delivery of one item, its stock transaction (for items with a
    /// unit), and each group's units after it.
    Receive {
        item: usize,
        quantity: u64,
        #[serde(with = "day")]
        date: NaiveDate,
        txn: Option<TxnId>,
        allocation: Vec<Units>,
    },
    Cost {
        amount: i64,
        split: Split,
        reason: String,
    },
    Settle {
        invoice: i64,
        #[serde(with = "day")]
        date: NaiveDate,
        txn: TxnId,
        subsidy: Option<Subsidy>,
        shares: Vec<Charge>,
        subsidy_amount: i64,
        remainder: i64,
        rounding_account: String,
    },
    Pay {
        group: MemberId,
        amount: i64,
        #[serde(with = "day")]
        date: NaiveDate,
        txn: TxnId,
    },
    Distribute {
        group: MemberId,
        #[serde(with = "day")]
        date: NaiveDate,
        txn: TxnId,
        lines: Vec<Units>,
    },
}

/// Days in records as `YYYY-MM-DD`.
mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::domain::date::iso(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        crate::domain::date::parse_date(&text).map_err(serde::de::Error::custom)
    }
}

impl Event {
    /// The record kind it is stored under.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Item(_) => "purchase-item",
            Event::Order { .. } => "purchase-order",
            Event::Close { .. } => "purchase-close",
            Event::Receive { .. } => "purchase-receive",
            Event::Cost { .. } => "purchase-cost",
            Event::Settle { .. } => "purchase-settle",
            Event::Pay { .. } => "purchase-pay",
            Event::Distribute { .. } => "purchase-distribute",
        }
    }
}

/// Where a purchase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Taking orders.
    Open,
    /// Allocated to whole cases; deliveries and costs being recorded.
    Closed,
    /// The supplier paid and every group charged its share.
    Settled,
    /// Settled, every share paid and every group's goods given out.
    Done,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::Settled => "settled",
            Status::Done => "done",
        }
    }
}

/// Why an event does not fit a purchase: a sentence for the treasurer.
pub type Refusal = String;

/// The settlement as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub invoice: i64,
    pub date: NaiveDate,
    pub txn: TxnId,
    pub subsidy: Option<Subsidy>,
    pub shares: Vec<Charge>,
    pub subsidy_amount: i64,
    pub remainder: i64,
    pub rounding_account: String,
}

/// A payment by a group, or a hand-out of goods to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub group: MemberId,
    pub date: NaiveDate,
    pub txn: TxnId,
    pub what: T,
}

/// A purchase replayed from its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchase {
    pub opened: NaiveDateTime,
    pub closes: NaiveDateTime,
    pub items: Vec<Item>,
    /// Per item: every order change, with its moment, in recorded order.
    pub orders: Vec<Vec<(NaiveDateTime, OrderChange)>>,
    pub closed: Option<NaiveDateTime>,
    /// Per item: the cases ordered at closing.
    pub cases: Vec<u64>,
    /// Per item: each group's units at closing, in queue order.
    pub allocated: Vec<Vec<(MemberId, u64)>>,
    /// Per item: the units received so far (None: no delivery recorded).
    pub received: Vec<Option<u64>>,
    /// Per item: each group's units after the deliveries so far.
    pub delivered: Vec<Vec<(MemberId, u64)>>,
    pub costs: Vec<(Cost, String)>,
    pub settled: Option<Settled>,
    pub payments: Vec<Dated<i64>>,
    pub distributions: Vec<Dated<Vec<Units>>>,
    /// The moment of the latest timed event (orders and closing).
    last: NaiveDateTime,
}

impl Purchase {
    /// A purchase opened at `opened`, taking orders until `closes`.
    pub fn new(opened: NaiveDateTime, closes: NaiveDateTime) -> Purchase {
        Purchase {
            opened,
            closes,
            items: Vec::new(),
            orders: Vec::new(),
            closed: None,
            cases: Vec::new(),
            allocated: Vec::new(),
            received: Vec::new(),
            delivered: Vec::new(),
            costs: Vec::new(),
            settled: None,
            payments: Vec::new(),
            distributions: Vec::new(),
            last: opened,
        }
    }

    pub fn status(&self) -> Status {
        match (&self.closed, &self.settled) {
            (None, _) => Status::Open,
            (Some(_), None) => Status::Closed,
            (Some(_), Some(s)) => {
                let paid = s.shares.iter().all(|c| self.paid(c.group) >= c.charge);
                let given = self.groups().iter().all(|g| {
                    self.to_distribute(*g).is_empty() || self.distributed_to(*g).is_some()
                });
                if paid && given {
                    Status::Done
                } else {
                    Status::Settled
                }
            }
        }
    }

    /// The item with this name (ignoring case).
    pub fn item(&self, name: &str) -> Option<usize> {
        let key = name.to_lowercase();
        self.items.iter().position(|i| i.name.to_lowercase() == key)
    }

    /// Every group that ordered, in the order they first did.
    pub fn groups(&self) -> Vec<MemberId> {
        let mut seen: Vec<(NaiveDateTime, usize, MemberId)> = Vec::new();
        for (n, (at, o)) in self.orders.iter().flatten().enumerate() {
            if !seen.iter().any(|(_, _, g)| *g == o.group) {
                seen.push((*at, n, o.group));
            }
        }
        seen.sort();
        seen.into_iter().map(|(_, _, g)| g).collect()
    }

    /// A group's standing order for an item: (quantity, tolerance).
    pub fn ordered(&self, item: usize, group: MemberId) -> Option<(u64, u64)> {
        self.orders[item]
            .iter()
            .rev()
            .find(|(_, o)| o.group == group)
            .map(|(_, o)| (o.quantity, o.tolerance))
    }

    fn changes(&self, item: usize) -> Vec<OrderChange> {
        self.orders[item].iter().map(|(_, o)| *o).collect()
    }

    fn units_of(list: &[(MemberId, u64)], group: MemberId) -> u64 {
        list.iter()
            .find(|(g, _)| *g == group)
            .map_or(0, |(_, u)| *u)
    }

    /// A group's units of an item at closing.
    pub fn allocated_to(&self, item: usize, group: MemberId) -> u64 {
        self.allocated
            .get(item)
            .map_or(0, |list| Self::units_of(list, group))
    }

    /// A group's units of an item after the deliveries (what closing gave
    /// it while nothing was received).
    pub fn delivered_to(&self, item: usize, group: MemberId) -> u64 {
        self.delivered
            .get(item)
            .map_or(0, |list| Self::units_of(list, group))
    }

    /// What closing would allocate now, per item.
    pub fn allocation(&self) -> Vec<Units> {
        (0..self.items.len())
            .flat_map(|item| {
                allocate(&self.changes(item), self.items[item].case)
                    .units
                    .into_iter()
                    .map(move |(group, units)| Units { item, group, units })
            })
            .collect()
    }

    /// Each group's units of `item` if `quantity` more arrive.
    pub fn after_delivery(&self, item: usize, quantity: u64) -> Vec<Units> {
        let total = self.received[item].unwrap_or(0) + quantity;
        reallocate(&self.changes(item), total)
            .into_iter()
            .map(|(group, units)| Units { item, group, units })
            .collect()
    }

    /// What each group received, valued at the unit prices.
    pub fn takes(&self) -> Vec<Take> {
        self.groups()
            .into_iter()
            .map(|group| {
                let (mut value, mut units) = (0i64, 0u64);
                for (item, it) in self.items.iter().enumerate() {
                    let u = self.delivered_to(item, group);
                    units += u;
                    value += it
                        .unit_price
                        .saturating_mul(i64::try_from(u).unwrap_or(i64::MAX));
                }
                Take {
                    group,
                    value,
                    units,
                }
            })
            .collect()
    }

    /// The value at unit prices of everything received.
    pub fn received_value(&self) -> i64 {
        self.takes().iter().map(|t| t.value).sum()
    }

    /// The costs recorded, for [`split::settle`].
    pub fn cost_list(&self) -> Vec<Cost> {
        self.costs.iter().map(|(c, _)| *c).collect()
    }

    /// A group's charged share (0 before settling or without one).
    pub fn charged(&self, group: MemberId) -> i64 {
        self.settled.as_ref().map_or(0, |s| {
            s.shares
                .iter()
                .find(|c| c.group == group)
                .map_or(0, |c| c.charge)
        })
    }

    /// What a group has paid.
    pub fn paid(&self, group: MemberId) -> i64 {
        self.payments
            .iter()
            .filter(|p| p.group == group)
            .map(|p| p.what)
            .sum()
    }

    /// The units of stock items a group is to be given, per item.
    pub fn to_distribute(&self, group: MemberId) -> Vec<Units> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.unit.is_some())
            .map(|(item, _)| Units {
                item,
                group,
                units: self.delivered_to(item, group),
            })
            .filter(|u| u.units > 0)
            .collect()
    }

    /// The hand-out to a group, if there was one.
    pub fn distributed_to(&self, group: MemberId) -> Option<&Dated<Vec<Units>>> {
        self.distributions.iter().find(|d| d.group == group)
    }

    fn at_or_after_close(&self, date: NaiveDate) -> Result<(), Refusal> {
        match self.closed {
            Some(closed) if date < closed.date() => Err(format!(
                "{date} is before the purchase closed ({})",
                closed.date()
            )),
            _ => Ok(()),
        }
    }

    fn check_allocation(recorded: &[Units], computed: &[Units]) -> Result<(), Refusal> {
        if recorded == computed {
            Ok(())
        } else {
            Err("the allocation recorded is not what the orders give".into())
        }
    }

    /// Applies one event at moment `at` (for items, orders and closing:
    /// the moment it happened; for the rest the moment it was recorded),
    /// refusing what does not fit.
    pub fn apply(&mut self, at: NaiveDateTime, event: &Event) -> Result<(), Refusal> {
        let timed = matches!(
            event,
            Event::Item(_) | Event::Order { .. } | Event::Close { .. }
        );
        if timed && at < self.last {
            return Err(format!(
                "{} is before the purchase's last recorded event ({}); record events in the order they happened",
                at.format("%Y-%m-%dT%H:%M:%S"),
                self.last.format("%Y-%m-%dT%H:%M:%S")
            ));
        }
        let closed = self.closed.is_some();
        match event {
            Event::Item(item) => {
                if closed {
                    return Err("the purchase is closed; items are added while it is open".into());
                }
                if self.item(&item.name).is_some() {
                    return Err(format!("the purchase already has an item {:?}", item.name));
                }
                if item.name.trim().is_empty() {
                    return Err("an item needs a name".into());
                }
                if item.case == 0 {
                    return Err("a case holds at least one unit".into());
                }
                if item.unit_price <= 0 || item.reference_price.is_some_and(|p| p <= 0) {
                    return Err("prices are positive amounts".into());
                }
                self.items.push(item.clone());
                self.orders.push(Vec::new());
            }
            Event::Order {
                item,
                group,
                quantity,
                tolerance,
            } => {
                if closed {
                    return Err("the purchase is closed; orders can no longer change".into());
                }
                if at > self.closes {
                    return Err(format!(
                        "orders closed at {}",
                        self.closes.format("%Y-%m-%dT%H:%M")
                    ));
                }
                let Some(it) = self.items.get(*item) else {
                    return Err("no such item in the purchase".into());
                };
                if *quantity == 0 {
                    return Err("order a quantity of at least 1".into());
                }
                if *tolerance > it.case {
                    return Err(format!(
                        "a tolerance of {tolerance} is larger than the case ({} units of {}); a tolerance only tops up a case",
                        it.case, it.name
                    ));
                }
                self.orders[*item].push((
                    at,
                    OrderChange {
                        group: *group,
                        quantity: *quantity,
                        tolerance: *tolerance,
                    },
                ));
            }
            Event::Close { allocation } => {
                if closed {
                    return Err("the purchase is already closed".into());
                }
                Self::check_allocation(allocation, &self.allocation())?;
                self.closed = Some(at);
                self.cases = (0..self.items.len())
                    .map(|item| allocate(&self.changes(item), self.items[item].case).cases)
                    .collect();
                self.allocated = (0..self.items.len())
                    .map(|item| {
                        allocation
                            .iter()
                            .filter(|u| u.item == item)
                            .map(|u| (u.group, u.units))
                            .collect()
                    })
                    .collect();
                self.delivered = self.allocated.clone();
                self.received = vec![None; self.items.len()];
            }
            Event::Receive {
                item,
                quantity,
                date,
                allocation,
                ..
            } => {
                if !closed {
                    return Err("close the purchase before recording deliveries".into());
                }
                if self.settled.is_some() {
                    return Err("the purchase is settled; deliveries are recorded before".into());
                }
                self.at_or_after_close(*date)?;
                let Some(it) = self.items.get(*item) else {
                    return Err("no such item in the purchase".into());
                };
                let ordered = self.cases[*item] * it.case;
                let before = self.received[*item].unwrap_or(0);
                if before + quantity > ordered {
                    return Err(format!(
                        "{} of {} would have arrived, but {} were ordered ({} case(s) of {}); record only what was ordered and arrived",
                        before + quantity,
                        it.name,
                        ordered,
                        self.cases[*item],
                        it.case
                    ));
                }
                Self::check_allocation(allocation, &self.after_delivery(*item, *quantity))?;
                self.received[*item] = Some(before + quantity);
                self.delivered[*item] = allocation.iter().map(|u| (u.group, u.units)).collect();
            }
            Event::Cost { amount, reason, .. } => {
                if self.settled.is_some() {
                    return Err("the purchase is settled; costs are recorded before".into());
                }
                if *amount <= 0 {
                    return Err("a cost is a positive amount".into());
                }
                if reason.trim().is_empty() {
                    return Err("a cost needs a reason".into());
                }
                let Event::Cost {
                    amount,
                    split,
                    reason,
                } = event.clone()
                else {
                    unreachable!("matched above")
                };
                self.costs.push((Cost { amount, split }, reason));
            }
            Event::Settle {
                invoice,
                date,
                txn,
                subsidy,
                shares,
                subsidy_amount,
                remainder,
                rounding_account,
            } => {
                if !closed {
                    return Err("close the purchase before settling it".into());
                }
                if self.settled.is_some() {
                    return Err("the purchase is already settled".into());
                }
                self.at_or_after_close(*date)?;
                if let Some(missing) = (0..self.items.len())
                    .find(|i| self.cases[*i] > 0 && self.received[*i].is_none())
                {
                    return Err(format!(
                        "record what arrived of {} first (0 if nothing did)",
                        self.items[missing].name
                    ));
                }
                let computed = split::settle(&self.takes(), *invoice, &self.cost_list(), *subsidy)
                    .map_err(|e| e.to_string())?;
                let recorded: Vec<Charge> = computed
                    .shares
                    .iter()
                    .map(|s| Charge {
                        group: s.group,
                        charge: s.charge,
                    })
                    .collect();
                if &recorded != shares
                    || computed.subsidy != *subsidy_amount
                    || computed.remainder != *remainder
                {
                    return Err(
                        "the shares recorded are not what the invoice and costs give".into(),
                    );
                }
                self.settled = Some(Settled {
                    invoice: *invoice,
                    date: *date,
                    txn: *txn,
                    subsidy: *subsidy,
                    shares: shares.clone(),
                    subsidy_amount: *subsidy_amount,
                    remainder: *remainder,
                    rounding_account: rounding_account.clone(),
                });
            }
            Event::Pay {
                group,
                amount,
                date,
                txn,
            } => {
                let Some(settled) = &self.settled else {
                    return Err("nothing is charged before the purchase is settled".into());
                };
                if *date < settled.date {
                    return Err(format!(
                        "{date} is before the purchase was settled ({})",
                        settled.date
                    ));
                }
                if *amount <= 0 {
                    return Err("a payment is a positive amount".into());
                }
                let owed = self.charged(*group) - self.paid(*group);
                if *amount > owed {
                    return Err(format!(
                        "the group owes {owed} minor units of its share; a payment is at most what is owed"
                    ));
                }
                self.payments.push(Dated {
                    group: *group,
                    date: *date,
                    txn: *txn,
                    what: *amount,
                });
            }
            Event::Distribute {
                group,
                date,
                txn,
                lines,
            } => {
                if !closed {
                    return Err("close the purchase and record its deliveries first".into());
                }
                self.at_or_after_close(*date)?;
                if let Some(missing) = (0..self.items.len())
                    .find(|i| self.cases[*i] > 0 && self.received[*i].is_none())
                {
                    return Err(format!(
                        "record what arrived of {} first (0 if nothing did)",
                        self.items[missing].name
                    ));
                }
                if self.distributed_to(*group).is_some() {
                    return Err("the group's goods were already given out".into());
                }
                let due = self.to_distribute(*group);
                if due.is_empty() {
                    return Err("the group has no goods in stock to be given".into());
                }
                if lines != &due {
                    return Err("the goods recorded are not the group's allocation".into());
                }
                self.distributions.push(Dated {
                    group: *group,
                    date: *date,
                    txn: *txn,
                    what: lines.clone(),
                });
            }
        }
        if timed {
            self.last = at;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        crate::domain::date::parse_datetime(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    fn rice() -> Event {
        Event::Item(Item {
            name: "rice".into(),
            unit_price: 150,
            case: 10,
            unit: Some("KG-RICE".into()),
            reference_price: Some(200),
        })
    }

    fn order(group: i64, quantity: u64, tolerance: u64) -> Event {
        Event::Order {
            item: 0,
            group: MemberId::new(group),
            quantity,
            tolerance,
        }
    }

    #[test]
    fn a_purchase_runs_from_orders_to_done() {
        let mut p = Purchase::new(at("2026-03-01"), at("2026-03-08T18:00"));
        p.apply(at("2026-03-01"), &rice()).unwrap();
        p.apply(at("2026-03-02"), &order(1, 6, 2)).unwrap();
        p.apply(at("2026-03-03"), &order(2, 3, 0)).unwrap();
        p.apply(at("2026-03-04"), &order(2, 0, 0))
            .expect_err("zero quantity");
        p.apply(at("2026-03-04"), &order(2, 3, 11))
            .expect_err("tolerance above the case");
        p.apply(at("2026-03-09"), &order(2, 4, 0))
            .expect_err("after --closes");
        let allocation = p.allocation();
        assert_eq!(
            allocation,
            vec![
                Units {
                    item: 0,
                    group: MemberId::new(1),
                    units: 7
                },
                Units {
                    item: 0,
                    group: MemberId::new(2),
                    units: 3
                },
            ]
        );
        p.apply(at("2026-03-08"), &Event::Close { allocation })
            .unwrap();
        p.apply(at("2026-03-08"), &order(2, 4, 0))
            .expect_err("after closing");
        assert_eq!(p.status(), Status::Closed);
        let receive = |quantity, allocation| Event::Receive {
            item: 0,
            quantity,
            date: day("2026-03-10"),
            txn: Some(TxnId::new(1)),
            allocation,
        };
        p.apply(at("2026-03-10"), &receive(11, p.after_delivery(0, 11)))
            .expect_err("more than ordered");
        p.apply(at("2026-03-10"), &receive(8, p.after_delivery(0, 9)))
            .expect_err("a wrong allocation");
        p.apply(at("2026-03-10"), &receive(8, p.after_delivery(0, 8)))
            .unwrap();
        assert_eq!(
            (
                p.delivered_to(0, MemberId::new(1)),
                p.delivered_to(0, MemberId::new(2))
            ),
            (6, 2)
        );
        let s = split::settle(&p.takes(), 1200, &[], Some(Subsidy::Percent(2000))).unwrap();
        let settle = Event::Settle {
            invoice: 1200,
            date: day("2026-03-11"),
            txn: TxnId::new(2),
            subsidy: Some(Subsidy::Percent(2000)),
            shares: s
                .shares
                .iter()
                .map(|s| Charge {
                    group: s.group,
                    charge: s.charge,
                })
                .collect(),
            subsidy_amount: s.subsidy,
            remainder: s.remainder,
            rounding_account: "expenses:purchases:rounding".into(),
        };
        p.apply(at("2026-03-11"), &settle).unwrap();
        p.apply(at("2026-03-11"), &settle)
            .expect_err("settled twice");
        assert_eq!(
            (p.charged(MemberId::new(1)), p.charged(MemberId::new(2))),
            (720, 240)
        );
        let pay = |group, amount| Event::Pay {
            group,
            amount,
            date: day("2026-03-12"),
            txn: TxnId::new(3),
        };
        p.apply(at("2026-03-12"), &pay(MemberId::new(1), 721))
            .expect_err("overpaid");
        p.apply(at("2026-03-12"), &pay(MemberId::new(1), 720))
            .unwrap();
        p.apply(at("2026-03-12"), &pay(MemberId::new(2), 240))
            .unwrap();
        assert_eq!(p.status(), Status::Settled, "goods not given out yet");
        for group in [MemberId::new(1), MemberId::new(2)] {
            let lines = p.to_distribute(group);
            p.apply(
                at("2026-03-12"),
                &Event::Distribute {
                    group,
                    date: day("2026-03-12"),
                    txn: TxnId::new(4),
                    lines,
                },
            )
            .unwrap();
        }
        assert_eq!(p.status(), Status::Done);
    }

    use proptest::prelude::*;

    /// A random purchase: items (case, price), orders (item, group,
    /// quantity, tolerance), how short each delivery is, costs, a subsidy.
    type Random = (
        Vec<(u64, i64)>,
        Vec<(usize, i64, u64, u64)>,
        Vec<u64>,
        Vec<(i64, Split)>,
        Option<Subsidy>,
    );

    fn purchases() -> impl Strategy<Value = Random> {
        let split = prop_oneof![Just(Split::Equal), Just(Split::Value), Just(Split::Units)];
        (
            prop::collection::vec((1u64..30, 1i64..5000), 1..4),
            prop::collection::vec((0usize..4, 0i64..6, 1u64..60, 0u64..30), 0..25),
            prop::collection::vec(0u64..40, 4),
            prop::collection::vec((1i64..5000, split), 0..3),
            prop_oneof![
                Just(None),
                (1u32..=10_000).prop_map(|h| Some(Subsidy::Percent(h))),
                (1i64..500).prop_map(|a| Some(Subsidy::Amount(a))),
            ],
        )
    }

    proptest! {
        #[test]
        fn random_purchases_keep_every_invariant(
            (items, orders, short, costs, subsidy) in purchases()
        ) {
            let t0 = at("2026-03-01");
            let mut p = Purchase::new(t0, at("2026-03-31"));
            for (n, (case, price)) in items.iter().enumerate() {
                let item = Item {
                    name: format!("item {n}"),
                    unit_price: *price,
                    case: *case,
                    unit: None,
                    reference_price: None,
                };
                p.apply(t0, &Event::Item(item)).unwrap();
            }
            for (item, group, quantity, tolerance) in orders {
                let item = item % items.len();
                let event = Event::Order { item, group: MemberId::new(group), quantity, tolerance };
                // Only a tolerance larger than the case is refused.
                let applied = p.apply(t0, &event);
                prop_assert_eq!(applied.is_err(), tolerance > items[item].0);
            }
            let allocation = p.allocation();
            p.apply(t0, &Event::Close { allocation }).unwrap();
            for item in 0..items.len() {
                let ordered = p.cases[item] * items[item].0;
                let quantity = ordered.saturating_sub(short[item]);
                let allocation = p.after_delivery(item, quantity);
                let event = Event::Receive { item, quantity, date: day("2026-04-01"), txn: None, allocation };
                p.apply(t0, &event).unwrap();
                let too_many = Event::Receive {
                    item,
                    quantity: ordered - quantity + 1,
                    date: day("2026-04-01"),
                    txn: None,
                    allocation: p.after_delivery(item, ordered - quantity + 1),
                };
                prop_assert!(p.apply(t0, &too_many).is_err(), "never more than the cases ordered");
            }
            for (item, (case, _)) in items.iter().enumerate() {
                let case = *case;
                let given: u64 = p.allocated[item].iter().map(|(_, u)| u).sum();
                prop_assert_eq!(given, p.cases[item] * case, "whole cases");
                let received: u64 = p.delivered[item].iter().map(|(_, u)| u).sum();
                prop_assert_eq!(Some(received), p.received[item]);
                for (group, units) in &p.delivered[item] {
                    let (q, t) = p.ordered(item, *group).unwrap();
                    prop_assert!(*units <= p.allocated_to(item, *group));
                    prop_assert!(p.allocated_to(item, *group) <= q + t);
                }
            }
            for (amount, split) in &costs {
                let event = Event::Cost { amount: *amount, split: *split, reason: "x".into() };
                p.apply(t0, &event).unwrap();
            }
            let invoice = p.received_value();
            let Ok(s) = split::settle(&p.takes(), invoice, &p.cost_list(), subsidy) else {
                return Ok(());
            };
            let cost_total: i64 = costs.iter().map(|(a, _)| a).sum();
            let charged: i64 = s.shares.iter().map(|c| c.charge).sum();
            prop_assert_eq!(charged + s.subsidy + s.remainder, invoice + cost_total);
            let event = Event::Settle {
                invoice,
                date: day("2026-04-02"),
                txn: TxnId::new(1),
                subsidy,
                shares: s.shares.iter().map(|c| Charge { group: c.group, charge: c.charge }).collect(),
                subsidy_amount: s.subsidy,
                remainder: s.remainder,
                rounding_account: ROUNDING_ACCOUNT.into(),
            };
            p.apply(t0, &event).unwrap();
            prop_assert!(p.apply(t0, &event).is_err(), "settled once");
        }
    }
}
