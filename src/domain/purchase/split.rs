//! Shares of a purchase: the invoice and the costs split between the groups
//! that received goods, a subsidy taken off, each share rounded once, and
//! the rounding remainder named (pure, exact integer arithmetic).
//!
//! The rules (docs/purchasing.md tells them to a community meeting):
//!
//! 1. **Goods** are charged at what arrived: a group's value is the sum over
//!    items of the units it was given after delivery times the unit price.
//!    The invoice is split in proportion to those values (when the invoice
//!    equals the total value, each group is charged exactly its value).
//! 2. **Costs** (transport, packing) are split between the groups that
//!    received something: `equal` (the same for each), `value` (in
//!    proportion to the value of goods received) or `units` (in proportion
//!    to the number of units received).
//! 3. **A subsidy** is the part the fund pays from a pool: a percentage of
//!    every share, or an amount split in proportion to the shares.
//! 4. **Rounding**: every group's share is worked out exactly, as a
//!    fraction, and rounded once to the currency's smallest unit (halves
//!    up). The subsidy is rounded the same way. What is left between the
//!    invoice plus costs and the rounded shares plus the subsidy is the
//!    *rounding remainder*, posted to its own account: never lost, never
//!    invented, at most half a cent per group (and half a cent for the
//!    subsidy) either way.
//!
//! So, always: `shares + subsidy + remainder = invoice + costs`, exactly.

use serde::{Deserialize, Serialize};

use crate::domain::ids::MemberId;
use crate::error::{Error, PurchaseRefusal, Result};

/// How a cost is split between the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Equal,
    Value,
    Units,
}

impl Split {
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Equal => "equal",
            Split::Value => "value",
            Split::Units => "units",
        }
    }
}

/// A cost of a purchase, in minor units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub amount: i64,
    pub split: Split,
}

/// The part of the shares the fund pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subsidy {
    /// Hundredths of a percent of every share: 2000 is 20 %.
    Percent(u32),
    /// An amount in minor units, split in proportion to the shares.
    Amount(i64),
}

/// What one group received: the value of its goods at the unit prices, in
/// minor units, and how many units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Take {
    pub group: MemberId,
    pub value: i64,
    pub units: u64,
}

/// One group's share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub group: MemberId,
    /// What the group is charged, rounded (minor units).
    pub charge: i64,
}

/// The split of a purchase's invoice and costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// Invoice plus costs.
    pub total: i64,
    /// Per group that received something, in the order given.
    pub shares: Vec<Share>,
    /// What the fund pays from the pool, rounded.
    pub subsidy: i64,
    /// `total - shares - subsidy`: positive when the fund pays it,
    /// negative when the groups' rounded shares paid it.
    pub remainder: i64,
}

/// A non-negative fraction of minor units, kept reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

fn overflow() -> Error {
    Error::Overflow {
        context: "of a purchase's shares".into(),
    }
}

impl Ratio {
    fn new(num: i128, den: i128) -> Ratio {
        let g = gcd(num, den);
        Ratio {
            num: num / g,
            den: den / g,
        }
    }

    fn whole(n: i64) -> Ratio {
        Ratio::new(i128::from(n), 1)
    }

    /// `n * part / whole`, exactly.
    fn of(n: i64, part: i128, whole: i128) -> Result<Ratio> {
        let num = i128::from(n).checked_mul(part).ok_or_else(overflow)?;
        Ok(Ratio::new(num, whole))
    }

    fn add(self, other: Ratio) -> Result<Ratio> {
        let g = gcd(self.den, other.den);
        let den = (self.den / g).checked_mul(other.den).ok_or_else(overflow)?;
        let a = self.num.checked_mul(other.den / g).ok_or_else(overflow)?;
        let b = other.num.checked_mul(self.den / g).ok_or_else(overflow)?;
        Ok(Ratio::new(a.checked_add(b).ok_or_else(overflow)?, den))
    }

    fn sub(self, other: Ratio) -> Result<Ratio> {
        self.add(Ratio {
            num: -other.num,
            den: other.den,
        })
    }

    fn scale(self, num: i128, den: i128) -> Result<Ratio> {
        let a = Ratio::new(self.num, den);
        let b = Ratio::new(num, self.den);
        let num = a.num.checked_mul(b.num).ok_or_else(overflow)?;
        let den = a.den.checked_mul(b.den).ok_or_else(overflow)?;
        Ok(Ratio::new(num, den))
    }

    /// Rounded to a whole number of minor units, halves away from zero.
    fn round(self) -> Result<i64> {
        let twice = self.num.checked_mul(2).ok_or_else(overflow)?;
        let rounded = (twice + self.den * twice.signum()) / (2 * self.den);
        i64::try_from(rounded).map_err(|_| overflow())
    }
}

/// Splits `invoice` and `costs` between the groups in `takes` that
/// received anything (value or units), takes `subsidy` off, and rounds.
///
/// Fails when nothing was received, when a subsidy is more than the whole
/// (over 100 %, or more than invoice plus costs), and on amounts too large
/// for exact arithmetic.
pub fn settle(
    takes: &[Take],
    invoice: i64,
    costs: &[Cost],
    subsidy: Option<Subsidy>,
) -> Result<Settlement> {
    let takes: Vec<Take> = takes
        .iter()
        .copied()
        .filter(|t| t.value > 0 || t.units > 0)
        .collect();
    let value: i128 = takes.iter().map(|t| i128::from(t.value)).sum();
    let units: i128 = takes.iter().map(|t| i128::from(t.units)).sum();
    if takes.is_empty() || value == 0 {
        return Err(PurchaseRefusal::NothingReceived.into());
    }
    let cost_total = costs
        .iter()
        .try_fold(0i64, |sum, c| sum.checked_add(c.amount))
        .ok_or_else(overflow)?;
    let total = invoice.checked_add(cost_total).ok_or_else(overflow)?;
    let groups = i128::try_from(takes.len()).map_err(|_| overflow())?;
    let mut gross = Vec::with_capacity(takes.len());
    for t in &takes {
        let mut share = Ratio::of(invoice, t.value.into(), value)?;
        for c in costs {
            let part = match c.split {
                Split::Equal => Ratio::new(c.amount.into(), groups),
                Split::Value => Ratio::of(c.amount, t.value.into(), value)?,
                Split::Units if units > 0 => Ratio::of(c.amount, t.units.into(), units)?,
                Split::Units => Ratio::new(c.amount.into(), groups),
            };
            share = share.add(part)?;
        }
        gross.push(share);
    }
    let (subsidy_total, off): (i64, Vec<Ratio>) = match subsidy {
        None => (0, vec![Ratio::whole(0); gross.len()]),
        Some(Subsidy::Percent(hundredths)) => {
            if hundredths > 10_000 {
                return Err(PurchaseRefusal::SubsidyOverWhole.into());
            }
            let h = i128::from(hundredths);
            let off = gross
                .iter()
                .map(|g| g.scale(h, 10_000))
                .collect::<Result<_>>()?;
            (Ratio::whole(total).scale(h, 10_000)?.round()?, off)
        }
        Some(Subsidy::Amount(amount)) => {
            if amount > total || amount < 0 {
                return Err(PurchaseRefusal::SubsidyOverTotal { total }.into());
            }
            let off = if total == 0 {
                vec![Ratio::whole(0); gross.len()]
            } else {
                gross
                    .iter()
                    .map(|g| g.scale(amount.into(), total.into()))
                    .collect::<Result<_>>()?
            };
            (amount, off)
        }
    };
    let mut shares = Vec::with_capacity(takes.len());
    let mut charged: i64 = 0;
    for ((t, g), off) in takes.iter().zip(gross).zip(off) {
        let charge = g.sub(off)?.round()?;
        charged = charged.checked_add(charge).ok_or_else(overflow)?;
        shares.push(Share {
            group: t.group,
            charge,
        });
    }
    let remainder = total
        .checked_sub(charged)
        .and_then(|r| r.checked_sub(subsidy_total))
        .ok_or_else(overflow)?;
    Ok(Settlement {
        total,
        shares,
        subsidy: subsidy_total,
        remainder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(group: i64, value: i64, units: u64) -> Take {
        Take {
            group: MemberId::new(group),
            value,
            units,
        }
    }

    #[test]
    fn three_equal_shares_of_fifty_leave_a_cent_named() {
        // Foodsoft's 16.67 × 3 = 50.01: the cent is the remainder's.
        let takes = [t(1, 1000, 1), t(2, 1000, 1), t(3, 1000, 1)];
        let costs = [Cost {
            amount: 5000,
            split: Split::Equal,
        }];
        let s = settle(&takes, 3000, &costs, None).unwrap();
        assert_eq!(s.total, 8000);
        let charges: Vec<i64> = s.shares.iter().map(|s| s.charge).collect();
        assert_eq!(charges, vec![2667, 2667, 2667]);
        assert_eq!(s.remainder, -1, "the groups' rounding paid one cent");
        assert_eq!(s.subsidy, 0);
    }

    #[test]
    fn costs_split_by_value_and_units() {
        let takes = [t(1, 3000, 1), t(2, 1000, 3)];
        let value = settle(
            &takes,
            4000,
            &[Cost {
                amount: 1000,
                split: Split::Value,
            }],
            None,
        )
        .unwrap();
        assert_eq!(value.shares[0].charge, 3750);
        assert_eq!(value.shares[1].charge, 1250);
        let units = settle(
            &takes,
            4000,
            &[Cost {
                amount: 1000,
                split: Split::Units,
            }],
            None,
        )
        .unwrap();
        assert_eq!(units.shares[0].charge, 3250);
        assert_eq!(units.shares[1].charge, 1750);
        assert_eq!(units.remainder, 0);
    }

    #[test]
    fn a_subsidy_comes_off_every_share() {
        let takes = [t(1, 1000, 1), t(2, 2000, 1)];
        let s = settle(&takes, 3000, &[], Some(Subsidy::Percent(2000))).unwrap();
        assert_eq!(s.subsidy, 600);
        assert_eq!(
            s.shares.iter().map(|s| s.charge).collect::<Vec<_>>(),
            vec![800, 1600]
        );
        let s = settle(&takes, 3000, &[], Some(Subsidy::Amount(100))).unwrap();
        assert_eq!(
            s.shares.iter().map(|s| s.charge).collect::<Vec<_>>(),
            vec![967, 1933]
        );
        assert_eq!(s.remainder, 0);
        assert!(settle(&takes, 3000, &[], Some(Subsidy::Percent(10_001))).is_err());
        assert!(settle(&takes, 3000, &[], Some(Subsidy::Amount(3001))).is_err());
    }

    #[test]
    fn groups_that_received_nothing_pay_nothing() {
        let takes = [t(1, 0, 0), t(2, 500, 5)];
        let s = settle(
            &takes,
            500,
            &[Cost {
                amount: 100,
                split: Split::Equal,
            }],
            None,
        )
        .unwrap();
        assert_eq!(
            s.shares,
            vec![Share {
                group: MemberId::new(2),
                charge: 600
            }]
        );
        assert!(settle(&[t(1, 0, 0)], 500, &[], None).is_err());
    }

    fn split() -> impl Strategy<Value = Split> {
        prop_oneof![Just(Split::Equal), Just(Split::Value), Just(Split::Units)]
    }

    proptest! {
        #[test]
        fn shares_subsidy_and_remainder_make_the_whole_exactly(
            takes in prop::collection::vec((0i64..1_000_000, 0u64..500), 1..12),
            invoice in 0i64..10_000_000,
            costs in prop::collection::vec((0i64..100_000, split()), 0..4),
            subsidy in prop_oneof![
                Just(None),
                (0u32..=10_000).prop_map(|h| Some(Subsidy::Percent(h))),
                (0i64..1000).prop_map(|a| Some(Subsidy::Amount(a))),
            ],
        ) {
            let takes: Vec<Take> = takes
                .into_iter()
                .enumerate()
                .map(|(i, (value, units))| t(i as i64, value, units))
                .collect();
            let costs: Vec<Cost> = costs
                .into_iter()
                .map(|(amount, split)| Cost { amount, split })
                .collect();
            let cost_total: i64 = costs.iter().map(|c| c.amount).sum();
            let Ok(s) = settle(&takes, invoice, &costs, subsidy) else {
                // Only refused when nothing of value arrived or the subsidy
                // is more than the whole.
                let value: i64 = takes.iter().map(|t| t.value).sum();
                let too_much = matches!(subsidy, Some(Subsidy::Amount(a)) if a > invoice + cost_total);
                prop_assert!(value == 0 || too_much);
                return Ok(());
            };
            prop_assert_eq!(s.total, invoice + cost_total);
            let charged: i64 = s.shares.iter().map(|s| s.charge).sum();
            prop_assert_eq!(charged + s.subsidy + s.remainder, invoice + cost_total);
            // At most half a minor unit per rounded figure, either way.
            let rounded = i64::try_from(s.shares.len()).unwrap() + 1;
            prop_assert!(2 * s.remainder.abs() <= rounded, "{s:?}");
            prop_assert!(s.shares.iter().all(|s| s.charge >= 0));
        }
    }
}
