//! The statement's columns: where each column the map names is in the
//! file's header, looked up once, and a row's identity for idempotence.
//!
//! Rule: a column the map names that the file lacks, or has twice, is an
//! error about the header before any row is read.

use std::collections::HashMap;

use csv::StringRecord;
use sha2::{Digest, Sha256};

use crate::domain::bankmap::{BankMap, CompiledRules};
use crate::domain::hash::hex;
use crate::error::Result;
use crate::ops::csvin::CsvFile;

/// Column positions, looked up once from the header.
pub(super) struct Positions {
    pub(super) date: usize,
    pub(super) amount: Option<usize>,
    pub(super) amount_in: Option<usize>,
    pub(super) amount_out: Option<usize>,
    pub(super) direction: Option<usize>,
    pub(super) currency: Option<usize>,
    pub(super) reference: Option<usize>,
    pub(super) description: Option<usize>,
    pub(super) payer: Option<usize>,
    pub(super) balance: Option<usize>,
    pub(super) fees: Vec<(usize, String)>,
    /// The columns the rules look at, in [`CompiledRules::columns`] order.
    pub(super) rules: Vec<usize>,
    /// Each rule's grant column.
    pub(super) grant_columns: Vec<Option<usize>>,
    /// Each rule's own amount column.
    pub(super) rule_amounts: Vec<Option<usize>>,
    /// Each exchange rule's other-amount column.
    pub(super) other_amounts: Vec<Option<usize>>,
    /// Each exchange rule's other-currency column.
    pub(super) other_currencies: Vec<Option<usize>>,
}

/// The column name rules use for the whole row.
const WHOLE_ROW: &str = "*";

pub(super) fn positions(
    map: &BankMap,
    rules: &CompiledRules,
    csv: &CsvFile,
    label: &str,
) -> Result<Positions> {
    let header = &csv.header;
    let find = |name: &str| -> Result<usize> {
        let mut at = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim() == name.trim());
        let Some((first, _)) = at.next() else {
            let hint = if map.file.header {
                format!("its columns: {}", header.join(", "))
            } else {
                format!(
                    "the file has no header; its columns are 1 to {}",
                    header.len()
                )
            };
            return Err(csv.header_problem(
                label,
                format!("the map names column {name:?}, which the file does not have ({hint})"),
            ));
        };
        if let Some((second, _)) = at.next() {
            return Err(csv.header_problem(
                label,
                format!(
                    "column {name:?} appears more than once in the header (columns {} and {}); rename one in the file or name the columns by position with header = false",
                    first + 1,
                    second + 1
                ),
            ));
        }
        Ok(first)
    };
    let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
    let c = &map.columns;
    Ok(Positions {
        date: find(&c.date)?,
        amount: optional(&c.amount)?,
        amount_in: optional(&c.amount_in)?,
        amount_out: optional(&c.amount_out)?,
        direction: map
            .direction
            .as_ref()
            .map(|d| find(&d.column))
            .transpose()?,
        currency: optional(&c.currency)?,
        payer: optional(&c.payer)?,
        reference: optional(&c.reference)?,
        description: optional(&c.description)?,
        balance: optional(&c.balance)?,
        fees: c
            .fees
            .iter()
            .map(|name| Ok((find(name)?, name.clone())))
            .collect::<Result<_>>()?,
        rules: rules
            .columns()
            .map(|c| {
                if c == WHOLE_ROW {
                    Ok(usize::MAX)
                } else {
                    find(c)
                }
            })
            .collect::<Result<_>>()?,
        rule_amounts: map
            .rules
            .iter()
            .map(|r| r.amount.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        other_amounts: map
            .rules
            .iter()
            .map(|r| r.other_amount.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        other_currencies: map
            .rules
            .iter()
            .map(|r| r.other_currency_column.as_deref().map(find).transpose())
            .collect::<Result<_>>()?,
        grant_columns: map
            .rules
            .iter()
            .map(|r| match (&r.grant, &r.grant_column) {
                (None, _) => Ok(None),
                (Some(_), Some(column)) => find(column).map(Some),
                (Some(_), None) => match &c.reference {
                    Some(column) => find(column).map(Some),
                    None => Ok(None),
                },
            })
            .collect::<Result<_>>()?,
    })
}

/// The identity of a row for idempotence: its content, and how many
/// identical rows came before it in the file.
pub(super) fn row_key(record: &StringRecord, seen: &mut HashMap<[u8; 32], u32>) -> String {
    let mut hasher = Sha256::new();
    for field in record {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    let digest: [u8; 32] = hasher.finalize().into();
    let occurrence = seen.entry(digest).or_insert(0);
    *occurrence += 1;
    format!("row:{}#{occurrence}", hex(&digest))
}
