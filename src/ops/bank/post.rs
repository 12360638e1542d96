//! Posting a row that was read: the other side of the statement's account
//! as the row's action says (suspense, a contribution, an expense, a post to
//! a named account, a transfer, a fee, an exchange through conversion legs,
//! a grant's tranche), then the one balanced transaction, appended to the
//! journal.
//!
//! Rule: a row becomes exactly one transaction, or none: a tranche already
//! recorded with `grant pay` is linked to the row instead, and a row its
//! action refuses (money the wrong way, a grant that cannot be paid, an
//! exchange in one currency) is a problem of its line, never a partial post.

use std::collections::HashSet;

use csv::StringRecord;
use rust_decimal::Decimal;

use super::Import;
use super::row::{Row, cell};
use super::targets::Target;
use crate::books::grants::load as load_grant;
use crate::domain::account::{CONTRIBUTIONS_INCOME, conversion_account, grant_account};
use crate::domain::bankmap::Action;
use crate::domain::grant::{Grant, Status};
use crate::domain::ids::{GrantId, TxnId};
use crate::domain::money::{format_minor, to_minor};
use crate::domain::records::PaymentRecord;
use crate::domain::txn::{Posting, Transaction};
use crate::error::{ProblemCode, Result};
use crate::ops::NewCommodity;
use crate::ops::exchange::describe;
use crate::store::imports;

/// A grant as this import leaves it.
pub(super) struct GrantState {
    grant: Grant,
    /// Paid by this import so far.
    paid_now: i64,
    /// Tranches (txn ids) already linked to a row.
    linked: HashSet<TxnId>,
}

/// The other side of a row: what its action posts against the statement's
/// account.
struct Counter {
    description: String,
    legs: Vec<Posting>,
    /// The pool the row's fee is charged to.
    fee_pool: Option<String>,
    /// The action, as the summary counts it.
    outcome: &'static str,
    /// The grant and amount of a tranche.
    payment: Option<(GrantId, i64)>,
}

impl Counter {
    fn new(
        description: &str,
        leg: Posting,
        fee_pool: Option<String>,
        outcome: &'static str,
    ) -> Counter {
        Counter {
            description: description.to_owned(),
            legs: vec![leg],
            fee_pool,
            outcome,
            payment: None,
        }
    }
}

/// Adds `account` to the accounts created, once.
fn created(list: &mut Vec<String>, account: String) {
    if !list.contains(&account) {
        list.push(account);
    }
}

impl Import<'_, '_> {
    /// Posts `row` as its action says; a problem is kept instead.
    ///
    /// # Errors
    /// Only the store's: a row's own problems are kept, not returned.
    pub(super) fn post(&mut self, row: Row, record: &StringRecord) -> Result<()> {
        let map = self.map;
        let target = row
            .rule
            .map(|i| self.targets.rules[i].clone())
            .unwrap_or_default();
        let leg = |account: &str, amount: i64, pool: &Option<String>| {
            Posting::leg(account, &row.commodity, amount, pool)
        };
        let gross = row.gross;
        let counter = match row.action {
            None => self.suspense(&row, record)?,
            Some(Action::Contribution) => {
                if gross < 0 {
                    self.problems.push(
                        ProblemCode::I212,
                        row.line,
                        Some(&row.amount_name),
                        "a contribution rule matched money going out",
                    );
                    return Ok(());
                }
                let pool = target.pool.clone().or(self.targets.default_pool.clone());
                let leg = leg(CONTRIBUTIONS_INCOME, -gross, &pool);
                Some(Counter::new("Contribution", leg, pool, "contribution"))
            }
            Some(Action::Expense) => {
                let pool = target.pool.clone();
                let account = target.account.as_deref().expect("checked with the map");
                let leg = leg(account, -gross, &pool);
                Some(Counter::new("Expense", leg, pool, "expense"))
            }
            Some(Action::Post) => {
                let pool = target.pool.clone();
                let account = target.account.as_deref().expect("checked with the map");
                let leg = leg(account, -gross, &pool);
                Some(Counter::new("Statement row", leg, pool, "post"))
            }
            Some(Action::Transfer) => {
                let account = target.account.as_deref().expect("checked with the map");
                let leg = leg(account, -gross, &None);
                Some(Counter::new(
                    "Transfer between own accounts",
                    leg,
                    None,
                    "transfer",
                ))
            }
            Some(Action::Fee) => {
                let pool = target.pool.clone();
                let account = target
                    .account
                    .clone()
                    .unwrap_or_else(|| map.defaults.fee_account.clone());
                let leg = leg(&account, -gross, &pool);
                Some(Counter::new("Bank or platform fee", leg, pool, "fee"))
            }
            Some(Action::Exchange) => self.exchange(&row, record, &target)?,
            Some(Action::Grant) => self.grant(&row, record)?,
            Some(Action::Skip) => unreachable!("skipped rows were counted when read"),
        };
        let Some(counter) = counter else {
            return Ok(());
        };
        self.append(row, record, &target, counter)
    }

    /// A row no rule matched: to suspense, listed as to do (refused when
    /// strict).
    fn suspense(&mut self, row: &Row, record: &StringRecord) -> Result<Option<Counter>> {
        let map = self.map;
        if self.request.strict {
            self.problems.push(
                ProblemCode::I212,
                row.line,
                None,
                "no rule matches this row (strict: every row must match a rule)",
            );
            return Ok(None);
        }
        if self
            .book
            .account_or_create(self.tx, &map.defaults.suspense, &self.tx.recorded_at())?
            .1
        {
            self.summary
                .accounts_created
                .push(map.defaults.suspense.clone());
        }
        let text = [self.at.payer, self.at.description, self.at.reference]
            .iter()
            .map(|&i| cell(record, i))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        self.summary.suspense.push((
            row.line,
            row.date.to_string(),
            format_minor(row.gross.into(), row.commodity.decimals()),
            row.commodity.code().to_owned(),
            text,
        ));
        let leg = Posting::leg(&map.defaults.suspense, &row.commodity, -row.gross, &None);
        Ok(Some(Counter::new(
            "Unmatched statement row (to do)",
            leg,
            None,
            "suspense",
        )))
    }

    /// An exchange: the row's money against the other currency, through
    /// the two conversion accounts, with the rate it implies.
    fn exchange(
        &mut self,
        row: &Row,
        record: &StringRecord,
        target: &Target,
    ) -> Result<Option<Counter>> {
        let (map, at) = (self.map, self.at);
        let (line, gross, commodity) = (row.line, row.gross, &row.commodity);
        let i = row.rule.expect("only a rule exchanges");
        let r = &map.rules[i];
        let currency_name = r
            .other_currency_column
            .clone()
            .unwrap_or_else(|| "other_currency".to_owned());
        let other_code = match (at.other_currencies[i], &r.other_currency) {
            (Some(column), _) => map.currency(cell(record, Some(column))),
            (None, Some(fixed)) => map.currency(fixed),
            (None, None) => unreachable!("the map checked the exchange's currency"),
        };
        let other = match other_code.and_then(|code| {
            self.book
                .commodity(self.tx, &code, NewCommodity::Known)
                .map(|(c, _)| c.commodity.clone())
                .map_err(|e| e.to_string())
        }) {
            Ok(other) if other.code() == commodity.code() => {
                self.problems.push(
                    ProblemCode::I206,
                    line,
                    Some(&currency_name),
                    format!(
                        "an exchange needs two different currencies (both are {})",
                        other.code()
                    ),
                );
                return Ok(None);
            }
            Ok(other) => other,
            Err(e) => {
                self.problems
                    .push(ProblemCode::I206, line, Some(&currency_name), e);
                return Ok(None);
            }
        };
        let this_value = Decimal::new(gross.abs(), commodity.decimals());
        let (amount_name, other_value) = match (at.other_amounts[i], &r.rate) {
            (Some(column), _) => {
                let name = r.other_amount.clone().unwrap_or_default();
                let Some(value) = self.number(record, line, column, &name) else {
                    return Ok(None);
                };
                (name, value.abs())
            }
            (None, Some(rate)) => {
                let rate =
                    crate::domain::money::parse_decimal(rate).expect("the map checked the rate");
                ("rate".to_owned(), this_value * rate)
            }
            (None, None) => unreachable!("the map checked the exchange's amount"),
        };
        let other_minor = match to_minor(other_value, &other, &other_value.to_string()) {
            Ok(0) => {
                self.problems.push(
                    ProblemCode::I204,
                    line,
                    Some(&amount_name),
                    format!("the exchange's other amount is zero {}", other.code()),
                );
                return Ok(None);
            }
            Ok(minor) => minor,
            Err(e) => {
                self.problems
                    .push(ProblemCode::I204, line, Some(&amount_name), e.to_string());
                return Ok(None);
            }
        };
        let other_account = target.account.as_deref().expect("checked with the map");
        for account in [
            conversion_account(commodity.code()),
            conversion_account(other.code()),
        ] {
            if self
                .book
                .account_or_create(self.tx, &account, &self.tx.recorded_at())?
                .1
            {
                created(&mut self.summary.accounts_created, account);
            }
        }
        let fee_pool = target.pool.clone();
        // Money out buys the other currency; money in sold it.
        let (_, description) = if gross < 0 {
            describe(
                this_value,
                -gross,
                commodity,
                other_value,
                other_minor,
                &other,
            )
        } else {
            describe(
                other_value,
                other_minor,
                &other,
                this_value,
                gross,
                commodity,
            )
        };
        let sign = gross.signum();
        let other_leg = |account: &str, amount: i64, pool: &Option<String>| {
            Posting::stored(
                account.to_owned(),
                other.clone(),
                amount,
                None,
                pool.clone(),
            )
        };
        let legs = vec![
            Posting::leg(
                &conversion_account(commodity.code()),
                commodity,
                -gross,
                &fee_pool,
            ),
            other_leg(
                &conversion_account(other.code()),
                sign * other_minor,
                &fee_pool,
            ),
            other_leg(other_account, -sign * other_minor, &None),
        ];
        Ok(Some(Counter {
            description,
            legs,
            fee_pool,
            outcome: "exchange",
            payment: None,
        }))
    }

    /// A grant's tranche: linked to one already recorded with `grant pay`,
    /// or paid, when the grant can be paid that much on the row's day.
    fn grant(&mut self, row: &Row, record: &StringRecord) -> Result<Option<Counter>> {
        let (map, at) = (self.map, self.at);
        let (line, gross, date, commodity) = (row.line, row.gross, row.date, &row.commodity);
        let i = row.rule.expect("only a rule pays a grant");
        let column = map.rules[i]
            .grant_column
            .clone()
            .or_else(|| map.columns.reference.clone())
            .unwrap_or_default();
        let text = cell(record, at.grant_columns[i]);
        let id = match self.compiled.grant(i, text) {
            Some(Ok(id)) => id,
            Some(Err(e)) => {
                self.problems
                    .push(ProblemCode::I212, line, Some(&column), e);
                return Ok(None);
            }
            None => {
                self.problems.push(
                    ProblemCode::I212,
                    line,
                    Some(&column),
                    "the rule's grant pattern has no column to read",
                );
                return Ok(None);
            }
        };
        if gross >= 0 {
            self.problems.push(
                ProblemCode::I212,
                line,
                Some(&row.amount_name),
                format!("a grant payment to {id} must be money going out"),
            );
            return Ok(None);
        }
        if let std::collections::hash_map::Entry::Vacant(e) = self.grants.entry(id) {
            match load_grant(self.tx, id) {
                Ok(grant) => {
                    e.insert(GrantState {
                        grant,
                        paid_now: 0,
                        linked: HashSet::new(),
                    });
                }
                Err(err) => {
                    self.problems
                        .push(ProblemCode::I212, line, Some(&column), err.to_string());
                    return Ok(None);
                }
            }
        }
        let state = self.grants.get_mut(&id).expect("loaded above");
        let grant = &state.grant;
        let label = id.to_string();
        if grant.commodity.code() != commodity.code() {
            let currency_field = map.columns.currency.as_deref().unwrap_or("currency");
            self.problems.push(
                ProblemCode::I206,
                line,
                Some(currency_field),
                format!(
                    "{label} is in {}, not {}",
                    grant.commodity.code(),
                    commodity.code()
                ),
            );
            return Ok(None);
        }
        let paid = -gross;
        let window = i64::from(map.defaults.grant_window_days);
        // A tranche already recorded with `grant pay` is this row.
        let mut link = None;
        for p in &grant.payments {
            let Some(txn) = p.txn else { continue };
            if p.amount == paid
                && (p.date - date).num_days().abs() <= window
                && !state.linked.contains(&txn)
                && !imports::links_txn(self.tx, txn)?
            {
                link = Some(txn);
                break;
            }
        }
        if let Some(txn) = link {
            state.linked.insert(txn);
            self.summary.linked += 1;
            if self.request.show {
                self.summary.rows.push(row.shown(
                    "linked",
                    format!("{label}: the tranche recorded as transaction {txn}"),
                    None,
                ));
            }
            self.keys.push((row.key.clone(), txn));
            return Ok(None);
        }
        let refusal = if grant.status != Status::Approved {
            Some((
                &column,
                format!(
                    "{label} is {}; only approved grants are paid",
                    grant.status.as_str()
                ),
            ))
        } else if let Some(expired) = grant.expires.filter(|e| date > *e) {
            Some((
                &column,
                format!("the commitment of {label} expired after {expired}"),
            ))
        } else if grant.decided_at.is_some_and(|d| date < d.date()) {
            Some((
                &column,
                format!("{label} was approved after {date}, the row's date"),
            ))
        } else {
            let already = grant.paid() + state.paid_now;
            (already + paid > grant.amount).then(|| {
                (
                    &row.amount_name,
                    format!(
                        "{label} was approved for {} {} and {} is paid; {} more would exceed it",
                        format_minor(grant.amount.into(), commodity.decimals()),
                        commodity.code(),
                        format_minor(already.into(), commodity.decimals()),
                        format_minor(paid.into(), commodity.decimals())
                    ),
                )
            })
        };
        if let Some((field, message)) = refusal {
            self.problems
                .push(ProblemCode::I212, line, Some(field), message);
            return Ok(None);
        }
        let pool = (grant.pool != crate::store::pools::GENERAL)
            .then(|| crate::store::pools::names_by_id(self.tx).map(|mut n| n.remove(&grant.pool)))
            .transpose()?
            .flatten();
        let account = grant_account(grant.category.as_deref());
        let description = format!(
            "Grant {label}: tranche {}",
            grant.payments.len() + 1 + usize::from(state.paid_now > 0)
        );
        state.paid_now += paid;
        if self
            .book
            .account_or_create(self.tx, &account, &self.tx.recorded_at())?
            .1
        {
            created(&mut self.summary.accounts_created, account.clone());
        }
        Ok(Some(Counter {
            description,
            legs: vec![Posting::leg(&account, commodity, paid, &pool)],
            fee_pool: pool,
            outcome: "grant",
            payment: Some((id, paid)),
        }))
    }

    /// The row's transaction: the statement's account moved by the gross
    /// less fees, the fee, and the counter legs; appended to the journal
    /// and remembered by the row's key.
    fn append(
        &mut self,
        row: Row,
        record: &StringRecord,
        target: &Target,
        counter: Counter,
    ) -> Result<()> {
        let map = self.map;
        let rule = row.rule.map(|i| &map.rules[i]);
        let description = rule
            .and_then(|r| r.title.clone())
            .unwrap_or(counter.description);
        let mut legs = counter.legs;
        if let (Some(memo), Some(last)) = (rule.and_then(|r| r.memo.clone()), legs.last_mut()) {
            *last = last.clone().with_memo(Some(memo));
        }
        let leg = |account: &str, amount: i64, pool: &Option<String>| {
            Posting::leg(account, &row.commodity, amount, pool)
        };
        let mut postings = vec![leg(&self.targets.into.name, row.gross - row.fee, &None)];
        if row.fee > 0 {
            postings.push(leg(&map.defaults.fee_account, row.fee, &counter.fee_pool));
        }
        postings.extend(legs);
        let reference = cell(record, self.at.reference);
        let reference = (!reference.is_empty()).then(|| reference.to_owned());
        let built = Transaction::new(row.date, description, None, reference, postings)
            .and_then(|txn| Ok((self.book.posting_ids(&txn)?, txn)));
        let (ids, txn) = match built {
            Ok(built) => built,
            Err(e) => {
                self.problems
                    .push(ProblemCode::I208, row.line, None, e.to_string());
                return Ok(());
            }
        };
        if self.request.show {
            let accounts = txn
                .postings()
                .iter()
                .map(|p| p.account())
                .collect::<Vec<_>>()
                .join(", ");
            let shown = row.shown(counter.outcome, accounts, counter.fee_pool.clone());
            self.summary.rows.push(shown);
        }
        let (id, _) = self.writer.append(&txn, &ids, None, &self.recorded_at)?;
        self.summary.imported += 1;
        *self
            .summary
            .by_action
            .entry(counter.outcome.to_owned())
            .or_insert(0) += 1;
        if counter.outcome == "contribution" {
            self.contributions.push((id, target.member));
            if target.member.is_none() {
                self.summary.unmatched += 1;
            }
        }
        if let Some((grant, amount)) = counter.payment {
            let last = self.grants[&grant].grant.last_at;
            let at = row
                .date
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .max(last);
            self.payments.push((
                grant,
                at,
                PaymentRecord {
                    txn: id,
                    amount,
                    date: row.date.to_string(),
                },
            ));
        }
        self.keys.push((row.key, id));
        Ok(())
    }
}
