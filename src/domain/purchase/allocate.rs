//! Allocation of a pooled order to whole cases (pure, no I/O).
//!
//! The rules, in the words docs/purchasing.md uses for a community meeting:
//!
//! 1. **Whole cases.** For each item, the supplier sells only whole cases of
//!    `case` units. The cases ordered are the cases the quantities fill
//!    completely, plus one more when the quantities left over and the
//!    tolerances together fill it: `cases = q / case`, plus one if
//!    `q % case > 0` and `q % case + t >= case` (`q`, `t`: the sums of the
//!    quantities and tolerances). A part-case that cannot be filled is not
//!    ordered.
//! 2. **Quantities first, then tolerances.** The units of those cases are
//!    handed out in queue order: first each group's quantity (as far as the
//!    units go), then, with what is left, each group's tolerance.
//! 3. **First come, first served.** A group's place in the queue for an
//!    item is the moment of its first order for it; a change that raises its
//!    quantity or its tolerance moves it to the back of the queue (the
//!    moment of that change), a change that lowers them keeps its place.
//! 4. **Short deliveries** are handed out by the same rule 2 over the units
//!    that did arrive, so the last served lose first: tolerances before
//!    quantities, later places before earlier ones.
//!
//! No group is ever given more than its quantity plus its tolerance, and
//! the units given out are exactly the units there are (whole cases at
//! closing; what arrived after a delivery).

use crate::domain::ids::MemberId;

/// One change to a group's order for one item, in the order recorded
/// (moments never go backwards within a purchase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderChange {
    pub group: MemberId,
    pub quantity: u64,
    pub tolerance: u64,
}

/// A group's standing order for one item, as the queue holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub group: MemberId,
    pub quantity: u64,
    pub tolerance: u64,
}

/// The standing orders of one item in queue order (rule 3), from every
/// change to them in the order they were recorded.
pub fn queue(changes: &[OrderChange]) -> Vec<Standing> {
    // (place, standing): the place is the index of the change that set it.
    let mut standing: Vec<(usize, Standing)> = Vec::new();
    for (seq, change) in changes.iter().enumerate() {
        let new = Standing {
            group: change.group,
            quantity: change.quantity,
            tolerance: change.tolerance,
        };
        match standing.iter_mut().find(|(_, s)| s.group == change.group) {
            Some((place, s)) => {
                if new.quantity > s.quantity || new.tolerance > s.tolerance {
                    *place = seq;
                }
                *s = new;
            }
            None => standing.push((seq, new)),
        }
    }
    standing.sort_by_key(|(place, _)| *place);
    standing.into_iter().map(|(_, s)| s).collect()
}

/// The whole cases ordered for an item (rule 1). `case` is at least 1.
pub fn cases(standing: &[Standing], case: u64) -> u64 {
    let case = case.max(1);
    let quantity: u64 = standing.iter().map(|s| s.quantity).sum();
    let tolerance: u64 = standing.iter().map(|s| s.tolerance).sum();
    let (full, rest) = (quantity / case, quantity % case);
    full + u64::from(rest > 0 && rest + tolerance >= case)
}

/// Hands out `units` in queue order (rule 2): quantities first, then
/// tolerances. Returns each group's units, in queue order. Units beyond
/// every quantity and tolerance are not handed out.
pub fn fill(standing: &[Standing], units: u64) -> Vec<u64> {
    let mut left = units;
    let mut given: Vec<u64> = standing
        .iter()
        .map(|s| {
            let take = s.quantity.min(left);
            left -= take;
            take
        })
        .collect();
    for (s, g) in standing.iter().zip(&mut given) {
        let take = s.tolerance.min(left);
        left -= take;
        *g += take;
    }
    given
}

/// What closing gives one item: the cases ordered and each group's units
/// (in queue order, groups given nothing included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemAllocation {
    pub cases: u64,
    pub units: Vec<(MemberId, u64)>,
}

/// Allocates one item at closing (rules 1–3).
pub fn allocate(changes: &[OrderChange], case: u64) -> ItemAllocation {
    let standing = queue(changes);
    let cases = cases(&standing, case);
    let given = fill(&standing, cases * case);
    ItemAllocation {
        cases,
        units: standing.iter().map(|s| s.group).zip(given).collect(),
    }
}

/// Re-allocates one item after a delivery of `received` units (rule 4).
pub fn reallocate(changes: &[OrderChange], received: u64) -> Vec<(MemberId, u64)> {
    let standing = queue(changes);
    let given = fill(&standing, received);
    standing.iter().map(|s| s.group).zip(given).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn o(group: i64, quantity: u64, tolerance: u64) -> OrderChange {
        OrderChange {
            group: MemberId::new(group),
            quantity,
            tolerance,
        }
    }

    /// Units per group, the groups by number.
    fn units(list: &[(i64, u64)]) -> Vec<(MemberId, u64)> {
        list.iter().map(|&(g, u)| (MemberId::new(g), u)).collect()
    }

    #[test]
    fn quantities_fill_cases_and_tolerances_top_up_the_last() {
        // Cases of 10: quantities 4 + 3 + 2 = 9, tolerances 2 + 0 + 1.
        let a = allocate(&[o(1, 4, 2), o(2, 3, 0), o(3, 2, 1)], 10);
        assert_eq!(a.cases, 1);
        assert_eq!(a.units, units(&[(1, 5), (2, 3), (3, 2)]));
    }

    #[test]
    fn a_part_case_that_cannot_be_filled_is_dropped() {
        // 23 units ordered in cases of 10, tolerances 5: 2 cases.
        let a = allocate(&[o(1, 12, 3), o(2, 11, 2)], 10);
        assert_eq!(a.cases, 2);
        assert_eq!(
            a.units,
            units(&[(1, 12), (2, 8)]),
            "first come, first served"
        );
    }

    #[test]
    fn nothing_is_ordered_below_one_case() {
        let a = allocate(&[o(1, 3, 1), o(2, 2, 0)], 10);
        assert_eq!(a.cases, 0);
        assert_eq!(a.units, units(&[(1, 0), (2, 0)]));
    }

    #[test]
    fn raising_an_order_moves_it_to_the_back_lowering_keeps_its_place() {
        let changes = [o(1, 6, 0), o(2, 6, 0), o(1, 5, 0)];
        assert_eq!(
            queue(&changes)[0].group,
            MemberId::new(1),
            "lowered: keeps its place"
        );
        let changes = [o(1, 6, 0), o(2, 6, 0), o(1, 7, 0)];
        assert_eq!(
            queue(&changes)[0].group,
            MemberId::new(2),
            "raised: to the back"
        );
        let changes = [o(1, 6, 0), o(2, 6, 0), o(1, 6, 1)];
        assert_eq!(
            queue(&changes)[0].group,
            MemberId::new(2),
            "more tolerance: to the back"
        );
        assert_eq!(queue(&changes).len(), 2, "one standing order per group");
    }

    #[test]
    fn a_short_delivery_takes_from_the_last_served_first() {
        let changes = [o(1, 4, 2), o(2, 3, 0), o(3, 2, 1)];
        // 10 allocated, 7 arrived: tolerances go first, then the last place.
        assert_eq!(reallocate(&changes, 9), units(&[(1, 4), (2, 3), (3, 2)]));
        assert_eq!(reallocate(&changes, 7), units(&[(1, 4), (2, 3), (3, 0)]));
        assert_eq!(reallocate(&changes, 0), units(&[(1, 0), (2, 0), (3, 0)]));
    }

    fn orders() -> impl Strategy<Value = (u64, Vec<OrderChange>)> {
        (1u64..30).prop_flat_map(|case| {
            let change = (0i64..6, 1u64..80, 0..=case)
                .prop_map(|(group, quantity, tolerance)| o(group, quantity, tolerance));
            (Just(case), prop::collection::vec(change, 0..20))
        })
    }

    proptest! {
        #[test]
        fn allocations_are_whole_cases_within_each_order(
            (case, changes) in orders()
        ) {
            let standing = queue(&changes);
            let a = allocate(&changes, case);
            let total: u64 = a.units.iter().map(|(_, u)| u).sum();
            prop_assert_eq!(total, a.cases * case, "whole cases, all handed out");
            for ((group, units), s) in a.units.iter().zip(&standing) {
                prop_assert_eq!(*group, s.group);
                prop_assert!(*units <= s.quantity + s.tolerance);
            }
            // Quantities come first: no tolerance is used while a quantity
            // is unmet.
            let unmet = a.units.iter().zip(&standing).any(|((_, u), s)| *u < s.quantity);
            let topped = a.units.iter().zip(&standing).any(|((_, u), s)| *u > s.quantity);
            prop_assert!(!(unmet && topped));
            // Never more cases than quantities and tolerances can fill.
            let wanted: u64 = standing.iter().map(|s| s.quantity + s.tolerance).sum();
            prop_assert!(a.cases * case <= wanted);
        }

        #[test]
        fn a_delivery_is_handed_out_exactly_and_never_beyond_an_order(
            (case, changes) in orders(),
            short in 0u64..100,
        ) {
            let a = allocate(&changes, case);
            let ordered = a.cases * case;
            let received = ordered.saturating_sub(short);
            let after = reallocate(&changes, received);
            let total: u64 = after.iter().map(|(_, u)| u).sum();
            prop_assert_eq!(total, received);
            for ((g1, before), (g2, now)) in a.units.iter().zip(&after) {
                prop_assert_eq!(g1, g2);
                prop_assert!(now <= before, "a short delivery never gives anyone more");
            }
        }
    }
}
