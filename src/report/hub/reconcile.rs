//! `fondo hub reconcile`: every transfer between funds, as both sides
//! published it, matched by transfer id.
//!
//! Rule: a transfer is judged from the rows of `transfers.csv` the hub holds
//! (voided ones count as not made), as at the period's end: a receipt dated
//! after it does not yet exist for that period. Amounts are compared
//! exactly, as decimals; the tolerance is a percentage of the amount the
//! sender sent.
//!
//! | status | when |
//! |---|---|
//! | `matched` | one send, one receipt by the fund it was sent to, from the fund that sent it, of the amount sent |
//! | `matched-within-tolerance` | as matched, but the amount the receiver says was sent differs by no more than the tolerance |
//! | `in-transit` | sent on or before the period's end, no receipt yet |
//! | `outside-network` | sent to, or received from, a fund that is not a member of the hub (nothing to match it with) |
//! | `one-sided` | received, no send seen from a member fund |
//! | `conflicting` | the amount differs beyond the tolerance, the commodity differs, or the funds differ |
//! | `received-twice` | two receipts or more of one transfer id, in one fund or two (one row per receipt) |

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::date::{iso, parse_date};
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::Result;
use crate::render::Row;
use crate::store::hub::{self as store, reports};

/// Which way a transfer row goes for the fund that published it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Sent,
    Received,
}

/// One row of a fund's `transfers.csv`, as the hub holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The fund that published the row.
    pub fund: String,
    pub txn: i64,
    pub date: NaiveDate,
    pub way: Way,
    pub transfer_id: String,
    pub counterpart: String,
    /// Sent: the amount sent; received: the amount that arrived.
    pub amount: Money,
    pub commodity: String,
    /// Received only: the amount the sender sent, as the receiver recorded it.
    pub sent: Option<(Money, String)>,
    /// A void reverses it: the transfer counts as not made.
    pub voided: bool,
}

impl Side {
    /// What the row says was sent: the amount and commodity.
    fn sent_as_recorded(&self) -> (Money, &str) {
        match &self.sent {
            Some((money, code)) => (*money, code),
            None => (self.amount, &self.commodity),
        }
    }
}

/// How a transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Matched,
    MatchedWithinTolerance,
    InTransit,
    OutsideNetwork,
    OneSided,
    Conflicting,
    ReceivedTwice,
}

impl Status {
    /// Whether the hub reports it as a finding (exit 1): not when matched
    /// (within the tolerance asked for), in transit, or with an outside fund.
    pub fn is_finding(self) -> bool {
        !matches!(
            self,
            Status::Matched
                | Status::MatchedWithinTolerance
                | Status::InTransit
                | Status::OutsideNetwork
        )
    }
}

/// One line of the reconciliation: a transfer, with the sender's row and
/// a receiver's row (empty when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconcileRow {
    pub transfer_id: String,
    pub status: Status,
    /// The sending fund: its name when it is a member, else its id.
    pub sender: String,
    pub sent_txn: Option<i64>,
    pub sent_on: String,
    pub sent: Option<Money>,
    pub sent_commodity: String,
    /// The receiving fund: its name when it is a member, else its id.
    pub receiver: String,
    pub received_txn: Option<i64>,
    pub received_on: String,
    pub received: Option<Money>,
    pub received_commodity: String,
    /// What the receiver recorded as sent, when it differs from what
    /// arrived (another currency) or from what the sender sent.
    pub recorded_sent: Option<Money>,
    pub recorded_sent_commodity: String,
    /// Why the status is what it is, in words.
    pub note: String,
}

impl Row for ReconcileRow {
    const COLUMNS: &'static [&'static str] = &[
        "transfer_id",
        "status",
        "sender",
        "sent_txn",
        "sent_on",
        "sent",
        "sent_commodity",
        "receiver",
        "received_txn",
        "received_on",
        "received",
        "received_commodity",
        "recorded_sent",
        "recorded_sent_commodity",
        "note",
    ];
    const RIGHT_ALIGNED: &'static [&'static str] = &[
        "sent_txn",
        "sent",
        "received_txn",
        "received",
        "recorded_sent",
    ];
}

fn decimal(money: Money) -> Decimal {
    Decimal::try_from_i128_with_scale(money.minor(), money.decimals()).unwrap_or(Decimal::MAX)
}

/// The reconciliation of `span` from the hub file.
///
/// Fails when the hub file cannot be read or holds a commodity without
/// its decimals.
pub fn load(conn: &Connection, span: &Span, tolerance: Decimal) -> Result<Vec<ReconcileRow>> {
    let members: BTreeMap<String, String> = store::funds(conn)?
        .into_iter()
        .map(|f| (f.fund_id, f.name))
        .collect();
    let to = iso(span.to);
    let mut sides = Vec::new();
    for t in reports::transfers_until(conn, &to)? {
        let date = parse_date(&t.date)?;
        let money = |minor: i64, decimals: u32| Money::stored(i128::from(minor), decimals);
        sides.push(Side {
            way: if t.direction == "sent" {
                Way::Sent
            } else {
                Way::Received
            },
            amount: money(t.amount, t.decimals),
            sent: t
                .sent
                .map(|(amount, code, decimals)| (money(amount, decimals), code)),
            fund: t.fund_id,
            txn: t.txn,
            date,
            transfer_id: t.transfer_id,
            counterpart: t.counterpart_fund,
            commodity: t.commodity,
            voided: t.voided,
        });
    }
    Ok(reconcile(&sides, &members, span, tolerance))
}

/// Matches the transfer rows of the hub's member funds (`members`: fund id
/// → name) for `span`, with a tolerance in percent of the amount sent.
/// `sides` may hold rows of any date; rows dated after the span are left
/// out. A transfer is in the report when a row of it is dated within the
/// span, or when it was sent before the span and is still in transit at
/// its end.
pub fn reconcile(
    sides: &[Side],
    members: &BTreeMap<String, String>,
    span: &Span,
    tolerance: Decimal,
) -> Vec<ReconcileRow> {
    let mut by_id: BTreeMap<&str, (Vec<&Side>, Vec<&Side>)> = BTreeMap::new();
    for side in sides.iter().filter(|s| !s.voided && s.date <= span.to) {
        let entry = by_id.entry(&side.transfer_id).or_default();
        match side.way {
            Way::Sent => entry.0.push(side),
            Way::Received => entry.1.push(side),
        }
    }
    let name = |fund: &str| {
        members
            .get(fund)
            .cloned()
            .unwrap_or_else(|| fund.to_owned())
    };
    let mut keyed: Vec<(NaiveDate, ReconcileRow)> = Vec::new();
    for (id, (sends, receipts)) in by_id {
        let all = sends.iter().chain(&receipts);
        let first = all
            .clone()
            .map(|s| s.date)
            .min()
            .expect("a group has a row");
        let seen_in_span = all.clone().any(|s| span.contains(s.date));
        let in_transit = receipts.is_empty() && !sends.is_empty();
        if !seen_in_span && !in_transit {
            continue;
        }
        for row in judge(id, &sends, &receipts, members, tolerance, &name) {
            keyed.push((first, row));
        }
    }
    keyed.sort_by(|a, b| (a.0, &a.1.transfer_id).cmp(&(b.0, &b.1.transfer_id)));
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// The rows of one transfer id.
fn judge(
    id: &str,
    sends: &[&Side],
    receipts: &[&Side],
    members: &BTreeMap<String, String>,
    tolerance: Decimal,
    name: &dyn Fn(&str) -> String,
) -> Vec<ReconcileRow> {
    let line = |status: Status, send: Option<&Side>, receipt: Option<&Side>, note: String| {
        let recorded = receipt.and_then(|r| r.sent.clone());
        ReconcileRow {
            transfer_id: id.to_owned(),
            status,
            sender: send
                .map(|s| name(&s.fund))
                .or_else(|| receipt.map(|r| name(&r.counterpart)))
                .unwrap_or_default(),
            sent_txn: send.map(|s| s.txn),
            sent_on: send.map(|s| s.date.to_string()).unwrap_or_default(),
            sent: send.map(|s| s.amount),
            sent_commodity: send.map(|s| s.commodity.clone()).unwrap_or_default(),
            receiver: receipt
                .map(|r| name(&r.fund))
                .or_else(|| send.map(|s| name(&s.counterpart)))
                .unwrap_or_default(),
            received_txn: receipt.map(|r| r.txn),
            received_on: receipt.map(|r| r.date.to_string()).unwrap_or_default(),
            received: receipt.map(|r| r.amount),
            received_commodity: receipt.map(|r| r.commodity.clone()).unwrap_or_default(),
            recorded_sent: recorded.as_ref().map(|(m, _)| *m),
            recorded_sent_commodity: recorded.map(|(_, c)| c).unwrap_or_default(),
            note,
        }
    };
    if sends.len() > 1 {
        let txns: Vec<String> = sends.iter().map(|s| s.txn.to_string()).collect();
        let note = format!(
            "sent {} times (transactions {})",
            sends.len(),
            txns.join(", ")
        );
        return sends
            .iter()
            .map(|s| {
                line(
                    Status::Conflicting,
                    Some(s),
                    receipts.first().copied(),
                    note.clone(),
                )
            })
            .collect();
    }
    let send = sends.first().copied();
    match (send, receipts) {
        (None, []) => Vec::new(),
        (Some(s), []) if !members.contains_key(&s.counterpart) => vec![line(
            Status::OutsideNetwork,
            Some(s),
            None,
            "sent to a fund that is not a member of this hub".to_owned(),
        )],
        (Some(s), []) => vec![line(
            Status::InTransit,
            Some(s),
            None,
            "no receipt by the period's end".to_owned(),
        )],
        (_, [_, _, ..]) => {
            let funds: BTreeSet<String> = receipts.iter().map(|r| name(&r.fund)).collect();
            let funds: Vec<String> = funds.into_iter().collect();
            let note = format!(
                "received {} times, by {}",
                receipts.len(),
                funds.join(" and ")
            );
            receipts
                .iter()
                .map(|r| line(Status::ReceivedTwice, send, Some(r), note.clone()))
                .collect()
        }
        (None, [r]) if !members.contains_key(&r.counterpart) => vec![line(
            Status::OutsideNetwork,
            None,
            Some(r),
            "received from a fund that is not a member of this hub".to_owned(),
        )],
        (None, [r]) => vec![line(
            Status::OneSided,
            None,
            Some(r),
            "received, but no bundle of the sender shows it sent".to_owned(),
        )],
        (Some(s), [r]) => {
            let (status, note) = compare(s, r, tolerance, name);
            vec![line(status, Some(s), Some(r), note)]
        }
    }
}

/// A send and its one receipt.
fn compare(
    send: &Side,
    receipt: &Side,
    tolerance: Decimal,
    name: &dyn Fn(&str) -> String,
) -> (Status, String) {
    if receipt.fund != send.counterpart {
        return (
            Status::Conflicting,
            format!(
                "sent to {} but received by {}",
                name(&send.counterpart),
                name(&receipt.fund)
            ),
        );
    }
    if receipt.counterpart != send.fund {
        return (
            Status::Conflicting,
            format!(
                "sent by {} but recorded as from {}",
                name(&send.fund),
                name(&receipt.counterpart)
            ),
        );
    }
    let (recorded, code) = receipt.sent_as_recorded();
    if code != send.commodity {
        return (
            Status::Conflicting,
            format!("sent in {} but recorded as sent in {code}", send.commodity),
        );
    }
    let sent = decimal(send.amount);
    let difference = (decimal(recorded) - sent).abs();
    if difference.is_zero() {
        return (Status::Matched, String::new());
    }
    let allowed = sent.abs() * tolerance / Decimal::ONE_HUNDRED;
    let said = format!(
        "sent {} {}, recorded as sent {} {code}",
        send.amount, send.commodity, recorded
    );
    if difference <= allowed {
        (
            Status::MatchedWithinTolerance,
            format!("{said}: within {tolerance}%"),
        )
    } else {
        (Status::Conflicting, said)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaa";
    const B: &str = "bbbb";
    const C: &str = "cccc";

    fn members() -> BTreeMap<String, String> {
        [(A, "Alpha"), (B, "Beta"), (C, "Gamma")]
            .into_iter()
            .map(|(id, name)| (id.to_owned(), name.to_owned()))
            .collect()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn usd(minor: i128) -> Money {
        Money::stored(minor, 2)
    }

    fn send(fund: &str, txn: i64, date: &str, id: &str, to: &str, minor: i128) -> Side {
        Side {
            fund: fund.into(),
            txn,
            date: day(date),
            way: Way::Sent,
            transfer_id: id.into(),
            counterpart: to.into(),
            amount: usd(minor),
            commodity: "USD".into(),
            sent: None,
            voided: false,
        }
    }

    fn receive(fund: &str, txn: i64, date: &str, id: &str, from: &str, minor: i128) -> Side {
        Side {
            way: Way::Received,
            ..send(fund, txn, date, id, from, minor)
        }
    }

    fn statuses(sides: &[Side], tolerance: &str) -> Vec<(String, Status)> {
        let span = Span::parse("2026-Q2").unwrap();
        reconcile(sides, &members(), &span, tolerance.parse().unwrap())
            .into_iter()
            .map(|r| (r.transfer_id, r.status))
            .collect()
    }

    #[test]
    fn matches_equal_amounts_and_shows_both_rows() {
        let sides = [
            send(A, 3, "2026-04-02", "aaaa-1", B, 10000),
            receive(B, 7, "2026-04-05", "aaaa-1", A, 10000),
        ];
        let span = Span::parse("2026-Q2").unwrap();
        let rows = reconcile(&sides, &members(), &span, Decimal::ZERO);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.status, Status::Matched);
        assert_eq!(
            (row.sender.as_str(), row.sent_txn, row.sent_on.as_str()),
            ("Alpha", Some(3), "2026-04-02")
        );
        assert_eq!(
            (
                row.receiver.as_str(),
                row.received_txn,
                row.received_on.as_str()
            ),
            ("Beta", Some(7), "2026-04-05")
        );
        assert_eq!(row.sent.unwrap().to_string(), "100.00");
        assert_eq!(row.received.unwrap().to_string(), "100.00");
        crate::render::assert_columns(row);
    }

    #[test]
    fn another_currency_matches_on_what_the_receiver_says_was_sent() {
        let mut receipt = receive(C, 2, "2026-05-01", "aaaa-1", A, 170_000);
        receipt.commodity = "MXN".into();
        receipt.sent = Some((usd(10000), "USD".into()));
        let sides = [
            send(A, 3, "2026-04-30", "aaaa-1", C, 10000),
            receipt.clone(),
        ];
        assert_eq!(statuses(&sides, "0"), [("aaaa-1".into(), Status::Matched)]);
        receipt.sent = Some((Money::stored(10000, 2), "EUR".into()));
        let sides = [send(A, 3, "2026-04-30", "aaaa-1", C, 10000), receipt];
        assert_eq!(
            statuses(&sides, "5"),
            [("aaaa-1".into(), Status::Conflicting)]
        );
    }

    #[test]
    fn tolerance_is_a_percentage_of_the_amount_sent_exactly() {
        let sides = |recorded: i128| {
            let mut receipt = receive(B, 7, "2026-04-05", "aaaa-1", A, 99_000);
            receipt.sent = Some((usd(recorded), "USD".into()));
            vec![send(A, 3, "2026-04-02", "aaaa-1", B, 100_000), receipt]
        };
        // 1000.00 sent; 1% is exactly 10.00.
        assert_eq!(
            statuses(&sides(99_000), "1"),
            [("aaaa-1".into(), Status::MatchedWithinTolerance)]
        );
        assert!(!Status::MatchedWithinTolerance.is_finding());
        assert_eq!(
            statuses(&sides(98_999), "1"),
            [("aaaa-1".into(), Status::Conflicting)]
        );
        assert_eq!(
            statuses(&sides(99_000), "0"),
            [("aaaa-1".into(), Status::Conflicting)]
        );
        assert_eq!(
            statuses(&sides(99_999), "0.001"),
            [("aaaa-1".into(), Status::MatchedWithinTolerance)]
        );
        // A different number of decimals is still the same amount.
        let mut receipt = receive(B, 7, "2026-04-05", "aaaa-1", A, 1000);
        receipt.sent = Some((Money::stored(1_000_000, 3), "USD".into()));
        let sides = [send(A, 3, "2026-04-02", "aaaa-1", B, 100_000), receipt];
        assert_eq!(statuses(&sides, "0"), [("aaaa-1".into(), Status::Matched)]);
    }

    #[test]
    fn in_transit_at_the_period_end_even_when_received_after_it() {
        let sides = [
            send(A, 3, "2026-06-30", "aaaa-1", B, 10000),
            receive(B, 9, "2026-07-01", "aaaa-1", A, 10000),
            // Sent in Q1, still not received: in transit, so in the Q2 report.
            send(A, 1, "2026-03-01", "aaaa-0", C, 500),
            // Sent and received in Q1: not in the Q2 report.
            send(C, 1, "2026-02-01", "cccc-1", A, 500),
            receive(A, 2, "2026-02-03", "cccc-1", C, 500),
        ];
        assert_eq!(
            statuses(&sides, "0"),
            [
                ("aaaa-0".into(), Status::InTransit),
                ("aaaa-1".into(), Status::InTransit)
            ]
        );
        assert!(!Status::InTransit.is_finding());
    }

    #[test]
    fn one_sided_conflicting_and_received_twice() {
        let sides = [
            receive(B, 4, "2026-04-10", "cccc-9", C, 100),
            // Sent to Beta, received by Gamma.
            send(A, 3, "2026-04-02", "aaaa-1", B, 10000),
            receive(C, 5, "2026-04-03", "aaaa-1", A, 10000),
            // Received by both Beta and Gamma.
            send(A, 4, "2026-05-02", "aaaa-2", B, 200),
            receive(B, 8, "2026-05-03", "aaaa-2", A, 200),
            receive(C, 9, "2026-05-04", "aaaa-2", A, 200),
            // Received twice with no send at all.
            receive(B, 10, "2026-06-01", "cccc-7", C, 100),
            receive(B, 11, "2026-06-02", "cccc-7", C, 100),
        ];
        let span = Span::parse("2026-Q2").unwrap();
        let rows = reconcile(&sides, &members(), &span, Decimal::ZERO);
        let got: Vec<(&str, Status, &str)> = rows
            .iter()
            .map(|r| (r.transfer_id.as_str(), r.status, r.note.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "aaaa-1",
                    Status::Conflicting,
                    "sent to Beta but received by Gamma"
                ),
                (
                    "cccc-9",
                    Status::OneSided,
                    "received, but no bundle of the sender shows it sent"
                ),
                (
                    "aaaa-2",
                    Status::ReceivedTwice,
                    "received 2 times, by Beta and Gamma"
                ),
                (
                    "aaaa-2",
                    Status::ReceivedTwice,
                    "received 2 times, by Beta and Gamma"
                ),
                ("cccc-7", Status::ReceivedTwice, "received 2 times, by Beta"),
                ("cccc-7", Status::ReceivedTwice, "received 2 times, by Beta"),
            ]
        );
        assert_eq!(rows[2].sent_txn, Some(4));
        assert_eq!(
            (rows[2].received_txn, rows[3].received_txn),
            (Some(8), Some(9))
        );
        assert_eq!(rows[4].sender, "Gamma");
        assert!(rows.iter().all(|r| r.status.is_finding()));
    }

    #[test]
    fn the_receiver_naming_another_sender_conflicts() {
        let sides = [
            send(A, 3, "2026-04-02", "aaaa-1", B, 10000),
            receive(B, 7, "2026-04-05", "aaaa-1", C, 10000),
        ];
        let span = Span::parse("2026-Q2").unwrap();
        let rows = reconcile(&sides, &members(), &span, Decimal::ZERO);
        assert_eq!(rows[0].status, Status::Conflicting);
        assert_eq!(rows[0].note, "sent by Alpha but recorded as from Gamma");
    }

    #[test]
    fn voided_rows_count_as_not_made_and_outsiders_are_not_findings() {
        let mut voided = send(A, 3, "2026-04-02", "aaaa-1", B, 10000);
        voided.voided = true;
        let sides = [
            voided,
            receive(B, 7, "2026-04-05", "aaaa-1", A, 10000),
            send(A, 5, "2026-04-06", "aaaa-2", "ffff", 300),
            receive(A, 6, "2026-04-07", "ffff-3", "ffff", 300),
        ];
        let span = Span::parse("2026-Q2").unwrap();
        let rows = reconcile(&sides, &members(), &span, Decimal::ZERO);
        let got: Vec<(&str, Status)> = rows
            .iter()
            .map(|r| (r.transfer_id.as_str(), r.status))
            .collect();
        assert_eq!(
            got,
            [
                ("aaaa-1", Status::OneSided),
                ("aaaa-2", Status::OutsideNetwork),
                ("ffff-3", Status::OutsideNetwork)
            ]
        );
        assert_eq!(
            (rows[1].receiver.as_str(), rows[2].sender.as_str()),
            ("ffff", "ffff")
        );
        assert!(!Status::OutsideNetwork.is_finding());
    }
}
