//! `transfers.csv`: in a v3 bundle it must be there and be, row by row, what
//! `journal.csv` states ([`crate::audit::bundle::transfers::derive`]); a v2
//! bundle has none.
//!
//! Rule: the file is judged against the journal, never the other way round.

use std::fs;
use std::path::Path;

use super::{Checker, Facts, Table, codes};
use crate::domain::bundle::rows::TransferRow;
use crate::domain::bundle::{FORMAT_V2, JOURNAL, TRANSFERS, columns};

/// transfers.csv: in a v3 bundle it must be there and be what journal.csv
/// states, row by row ([`crate::audit::bundle::transfers::derive`]); a v2 bundle has none.
pub(super) fn check_transfers(
    dir: &Path,
    facts: &Facts,
    present: bool,
    table: Option<&Table<TransferRow>>,
    journal_ok: bool,
    checker: &mut Checker,
) {
    if facts.raw["format"] == FORMAT_V2 {
        if present {
            checker.find(
                codes::MANIFEST,
                TRANSFERS,
                0,
                format!("is not part of a {FORMAT_V2} bundle"),
            );
        }
        return;
    }
    if !present {
        checker.find(
            codes::UNREADABLE,
            TRANSFERS,
            0,
            "is missing from the bundle",
        );
        return;
    }
    let (Some(table), true) = (table, journal_ok) else {
        return;
    };
    let Some(derived) = fs::File::open(dir.join(JOURNAL)).ok().and_then(|f| {
        crate::audit::bundle::transfers::derive(
            std::io::BufReader::new(f),
            &crate::domain::date::iso(facts.from),
            &crate::domain::date::iso(facts.to),
        )
    }) else {
        return;
    };
    for (i, rec) in table.rows.iter().enumerate() {
        match derived.get(i) {
            Some(row) if *row == rec.row => {}
            Some(row) => checker.find(
                codes::TRANSFERS,
                TRANSFERS,
                rec.line,
                format!(
                    "states transfer {} of txn {}, but {JOURNAL} gives txn {} as: {}",
                    rec.row.transfer_id,
                    rec.row.txn,
                    row.txn,
                    derived_cells(row)
                ),
            ),
            None => checker.find(
                codes::TRANSFERS,
                TRANSFERS,
                rec.line,
                format!(
                    "states transfer {} of txn {}, which {JOURNAL} does not hold as a transfer of the period",
                    rec.row.transfer_id, rec.row.txn
                ),
            ),
        }
    }
    for row in derived.iter().skip(table.rows.len()) {
        checker.find(
            codes::TRANSFERS,
            TRANSFERS,
            0,
            format!(
                "has no row for txn {} of {JOURNAL}, a transfer of the period: {}",
                row.txn,
                derived_cells(row)
            ),
        );
    }
}

/// A transfers.csv row as the finding quotes it: `column=value` pairs.
pub(super) fn derived_cells(row: &TransferRow) -> String {
    let cells = serde_json::to_value(row).unwrap_or_default();
    columns(TRANSFERS)
        .iter()
        .map(|c| format!("{c}={}", cells[*c].as_str().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(", ")
}
