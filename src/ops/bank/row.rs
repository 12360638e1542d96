//! Reading one statement row through the map: its date, its amount (signed,
//! from one column, a direction column or two columns), its fees, the rule
//! that matches it, its currency and the statement's balance, each turned
//! into minor units of its commodity.
//!
//! Rule: a row is read whole before anything is judged, so every problem
//! of a row is reported at once, by line and column; a row with a problem,
//! one a rule skips, one that moves nothing, an outgoing row of
//! `import contributions` and a row imported before are counted and never
//! posted. Reading writes nothing but a commodity the map's currency names
//! (declared on the way when fondo knows it).

use chrono::NaiveDate;
use csv::StringRecord;
use rust_decimal::Decimal;

use super::columns::row_key;
use super::{Import, Mode, RowOutcome};
use crate::domain::bankmap::{Action, AmountKind};
use crate::domain::ids::CommodityId;
use crate::domain::money::{Commodity, format_minor, to_minor};
use crate::error::{ProblemCode, Result};
use crate::ops::NewCommodity;
use crate::store::imports;

/// A row read and checked, ready to post.
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) date: NaiveDate,
    /// What was paid, fees included, in minor units (above zero: money in).
    pub(super) gross: i64,
    /// The fees, in minor units, never below zero.
    pub(super) fee: i64,
    pub(super) commodity: Commodity,
    /// The rule that matched, by its place in the map.
    pub(super) rule: Option<usize>,
    /// What the rule says to do (`None`: no rule matched a statement row).
    pub(super) action: Option<Action>,
    /// The amount's column, as problems name it.
    pub(super) amount_name: String,
    /// The row's identity for idempotence ([`row_key`]).
    pub(super) key: String,
}

impl Row {
    /// The row's outcome for `--show`.
    pub(super) fn shown(&self, outcome: &str, detail: String, pool: Option<String>) -> RowOutcome {
        RowOutcome {
            line: self.line,
            date: self.date.to_string(),
            amount: format_minor(self.gross.into(), self.commodity.decimals()),
            commodity: self.commodity.code().to_owned(),
            rule: self.rule.map(|i| i + 1),
            outcome: outcome.to_owned(),
            detail,
            pool,
        }
    }
}

/// The trimmed cell at column `i` of `record` (empty when there is none).
pub(super) fn cell(record: &StringRecord, i: Option<usize>) -> &str {
    i.and_then(|i| record.get(i)).unwrap_or("").trim()
}

/// A column's name as the map gives it (empty when it gives none).
fn field(name: &Option<String>) -> String {
    name.clone().unwrap_or_default()
}

impl Import<'_, '_> {
    /// The number in column `i` of `record`, or `None` with its problem
    /// kept.
    pub(super) fn number(
        &mut self,
        record: &StringRecord,
        line: u64,
        i: usize,
        name: &str,
    ) -> Option<Decimal> {
        self.map
            .number(cell(record, Some(i)))
            .map_err(|e| self.problems.push(ProblemCode::I204, line, Some(name), e))
            .ok()
    }

    /// As [`Import::number`], with an empty cell read as zero.
    fn optional_number(
        &mut self,
        record: &StringRecord,
        line: u64,
        i: usize,
        name: &str,
    ) -> Option<Decimal> {
        if cell(record, Some(i)).is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.number(record, line, i, name)
        }
    }

    /// The row's amount, signed (above zero: money in), read from its
    /// column (and the direction column, if the map names one) or from the
    /// columns of money in and money out.
    fn amount(&mut self, record: &StringRecord, line: u64) -> Option<Decimal> {
        let (map, at) = (self.map, self.at);
        match (at.amount, at.amount_in, at.amount_out) {
            (Some(i), _, _) => {
                let name = field(&map.columns.amount);
                let value = self.number(record, line, i, &name);
                match (&map.direction, at.direction, value) {
                    (Some(d), Some(di), Some(value)) => {
                        let said = cell(record, Some(di));
                        let is = |values: &[String]| {
                            values.iter().any(|v| v.trim().eq_ignore_ascii_case(said))
                        };
                        if value < Decimal::ZERO {
                            self.problems.push(ProblemCode::I211, line, Some(&name), format!("{value} is negative, but the map reads the direction from column {:?}", d.column));
                            None
                        } else if is(&d.incoming) {
                            Some(value)
                        } else if is(&d.outgoing) {
                            Some(-value)
                        } else {
                            self.problems.push(
                                ProblemCode::I211,
                                line,
                                Some(&d.column),
                                format!(
                                    "{said:?} is not a direction the map knows (incoming: {}; outgoing: {})",
                                    d.incoming.join(", "),
                                    d.outgoing.join(", ")
                                ),
                            );
                            None
                        }
                    }
                    (_, _, value) => value,
                }
            }
            (None, Some(i), Some(o)) => {
                let (in_name, out_name) = (
                    field(&map.columns.amount_in),
                    field(&map.columns.amount_out),
                );
                let incoming = self.optional_number(record, line, i, &in_name);
                let outgoing = self.optional_number(record, line, o, &out_name);
                match (incoming, outgoing) {
                    (Some(a), Some(b)) if !a.is_zero() && !b.is_zero() => {
                        self.problems.push(ProblemCode::I211, line, Some(&in_name), format!("both {in_name} ({}) and {out_name} ({}) are filled; a row moves money one way", cell(record, Some(i)), cell(record, Some(o))));
                        None
                    }
                    (Some(a), Some(b)) => Some(a.abs() - b.abs()),
                    _ => None,
                }
            }
            _ => unreachable!("the map checked it names the amount"),
        }
    }

    /// Reads row `line`: the row to post, or `None` when it is counted
    /// without being posted (left out, skipped, moving nothing, imported
    /// before) or has problems, which are kept.
    ///
    /// # Errors
    /// Only the store's: a row's own problems are kept, not returned.
    pub(super) fn read(&mut self, line: u64, record: &StringRecord) -> Result<Option<Row>> {
        let (map, at) = (self.map, self.at);
        let before = self.problems.count();
        let date = map
            .date(cell(record, Some(at.date)))
            .map_err(|e| {
                self.problems
                    .push(ProblemCode::I203, line, Some(&map.columns.date), e)
            })
            .ok();
        let amount = self.amount(record, line);
        let mut fee = Decimal::ZERO;
        for (i, name) in &at.fees {
            if let Some(value) = self.optional_number(record, line, *i, name) {
                fee += value.abs();
            }
        }
        // Gross: what was paid, fees included; the account moves by gross less fees.
        let gross = amount.map(|a| match map.columns.amount_is {
            AmountKind::Gross => a,
            AmountKind::Net if a < Decimal::ZERO => a + fee,
            AmountKind::Net => a + fee,
        });
        if self.request.mode == Mode::Contributions && gross.is_some_and(|g| g <= Decimal::ZERO) {
            self.summary.outgoing += 1;
            return Ok(None);
        }
        let whole: String = if at.rules.contains(&usize::MAX) {
            record
                .iter()
                .collect::<Vec<_>>()
                .join(&map.file.delimiter.to_string())
        } else {
            String::new()
        };
        let rule_text: Vec<&str> = at
            .rules
            .iter()
            .map(|&i| match i {
                usize::MAX => whole.as_str(),
                i => record.get(i).unwrap_or("").trim(),
            })
            .collect();
        let rule = self.compiled.first(&rule_text, &mut self.scratch);
        let action = match rule {
            Some(i) => Some(map.rules[i].action()),
            None if self.request.mode == Mode::Statement => None,
            None => Some(Action::Contribution),
        };
        let gross = match rule.and_then(|i| at.rule_amounts[i].map(|c| (i, c))) {
            None => gross,
            Some((i, column)) => {
                let name = map.rules[i].amount.clone().unwrap_or_default();
                self.number(record, line, column, &name)
                    .map(|a| if map.rules[i].negate { -a } else { a })
            }
        };
        let code = match at.currency {
            Some(i) => map
                .currency(cell(record, Some(i)))
                .map_err(|e| {
                    self.problems
                        .push(ProblemCode::I206, line, map.columns.currency.as_deref(), e)
                })
                .ok(),
            None => map.defaults.currency.clone(),
        };
        if action == Some(Action::Skip) {
            if self.problems.count() > before {
                return Ok(None);
            }
            let i = rule.expect("only a rule skips");
            let reason = map.rules[i]
                .reason
                .clone()
                .unwrap_or_else(|| format!("rule {}", i + 1));
            *self.summary.skipped.entry(reason.clone()).or_insert(0) += 1;
            self.summary.ignored += 1;
            if self.request.show {
                self.summary.rows.push(RowOutcome {
                    line,
                    date: date.map(|d| d.to_string()).unwrap_or_default(),
                    amount: gross.map(|g| g.to_string()).unwrap_or_default(),
                    commodity: code.clone().unwrap_or_default(),
                    rule: Some(i + 1),
                    outcome: "skip".into(),
                    detail: reason,
                    pool: None,
                });
            }
            return Ok(None);
        }
        let currency_field = map.columns.currency.as_deref().unwrap_or("currency");
        let commodity: Option<(Commodity, CommodityId)> = code.and_then(|code| {
            self.book
                .commodity(self.tx, &code, NewCommodity::Known)
                .map(|(c, _)| (c.commodity.clone(), c.id))
                .map_err(|e| {
                    self.problems
                        .push_error(ProblemCode::I206, line, Some(currency_field), &e)
                })
                .ok()
        });
        let balance = match at.balance {
            Some(i) if !cell(record, Some(i)).is_empty() => {
                self.number(record, line, i, &field(&map.columns.balance))
            }
            _ => None,
        };
        if self.problems.count() > before {
            return Ok(None);
        }
        let (Some(date), Some(gross), Some((commodity, commodity_id))) = (date, gross, commodity)
        else {
            return Ok(None);
        };
        let amount_name = field(&map.columns.amount).max(field(&map.columns.amount_in));
        let amount_text = match (at.amount, at.amount_in, at.amount_out) {
            (Some(i), _, _) => cell(record, Some(i)).to_owned(),
            (None, i, _) if !cell(record, i).is_empty() => cell(record, i).to_owned(),
            (None, _, o) => cell(record, o).to_owned(),
        };
        let minor = |value: Decimal, name: &str, text: &str| {
            to_minor(value, &commodity, text).map_err(|e| (name.to_owned(), e.to_string()))
        };
        let fee_text = fee.to_string();
        let (gross, fee) = match (
            minor(gross, &amount_name, &amount_text),
            minor(fee, "fees", &fee_text),
        ) {
            (Ok(g), Ok(f)) => (g, f),
            (Err((name, e)), _) | (_, Err((name, e))) => {
                self.problems.push(ProblemCode::I204, line, Some(&name), e);
                return Ok(None);
            }
        };
        if let Some(b) = balance {
            match minor(b, &field(&map.columns.balance), &b.to_string()) {
                Ok(b) => {
                    self.stated
                        .push((line, date, i128::from(b), commodity.clone(), commodity_id));
                }
                Err((name, e)) => {
                    self.problems.push(ProblemCode::I204, line, Some(&name), e);
                    return Ok(None);
                }
            }
        }
        let fee_column = at.fees.first().map_or("fees", |(_, n)| n.as_str());
        if gross > 0 && fee > gross {
            self.problems.push(
                ProblemCode::I204,
                line,
                Some(fee_column),
                format!(
                    "the fee ({}) is larger than the gross amount ({})",
                    format_minor(fee.into(), commodity.decimals()),
                    format_minor(gross.into(), commodity.decimals())
                ),
            );
            return Ok(None);
        }
        if gross > 0 && fee == gross {
            self.problems.push(
                ProblemCode::I204,
                line,
                Some(&amount_name),
                "the fees take the whole amount; nothing was received",
            );
            return Ok(None);
        }
        if gross == 0 && fee == 0 {
            *self
                .summary
                .skipped
                .entry("zero amount".into())
                .or_insert(0) += 1;
            self.summary.ignored += 1;
            return Ok(None);
        }
        let row = Row {
            line,
            date,
            gross,
            fee,
            commodity,
            rule,
            action,
            amount_name,
            key: row_key(record, &mut self.seen),
        };
        if self.source_used && imports::find(self.tx, self.source_id, &row.key)?.is_some() {
            self.summary.already += 1;
            if self.request.show {
                let shown = row.shown("already imported", String::new(), None);
                self.summary.rows.push(shown);
            }
            return Ok(None);
        }
        Ok(Some(row))
    }
}
