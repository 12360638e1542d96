//! What the bundle says of itself: `MANIFEST.csv` against the files (digests,
//! row counts, none missing or extra), `BUNDLE.csv`'s facts (every key once,
//! a known format, hashes, counts, the audience and the period) and the
//! README's statement of the same facts.
//!
//! Rule: nothing past these can be checked without a readable `BUNDLE.csv`
//! of a known format ([`check_facts`] gives no [`Facts`] then); every other
//! problem is a finding and the check goes on.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Checker, Rec, Table, codes, is_hash, whole};
use crate::domain::bundle::rows::{FactRow, ManifestRow};
use crate::domain::bundle::{
    BUNDLE, BundleAudience, FILES, FORMAT, FORMAT_V2, KEYS, MANIFEST, README, TRANSFERS,
    is_extra_file,
};
use crate::domain::date::parse_date;

/// README.txt states the bundle's facts as BUNDLE.csv does, in any
/// language: each hash on the line after the first line that starts with
/// its marker (`[fingerprint]`), and the audience on a line starting
/// `[audience] public:`. A README written before the markers has none; its
/// English lines (`Ledger fingerprint`, `Audience: public:`) are read
/// instead.
pub(super) fn check_readme(text: &str, facts: &Facts, checker: &mut Checker) {
    use crate::audit::bundle::readme::{AUDIENCE_BEFORE_MARKERS, STATED, marker};
    let lines: Vec<&str> = text.lines().collect();
    let after = |start: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start))
            .map(|i| lines.get(i + 1).map(|l| l.trim()))
    };
    for (key, before_markers) in STATED {
        let start = marker(key);
        let stated = after(&start).or_else(|| after(before_markers)).flatten();
        if stated != Some(facts.raw[key].as_str()) {
            checker.find(
                codes::METADATA,
                README,
                0,
                format!("does not state the {key} of {BUNDLE} on the line after {start:?}"),
            );
        }
    }
    let audience = facts.audience.as_str();
    let starts = [
        format!("{} {audience}:", marker("audience")),
        format!("{AUDIENCE_BEFORE_MARKERS}{audience}:"),
    ];
    if !lines
        .iter()
        .any(|l| starts.iter().any(|s| l.starts_with(s.as_str())))
    {
        checker.find(
            codes::METADATA,
            README,
            0,
            format!("does not say the bundle is for the {audience} audience, as {BUNDLE} does"),
        );
    }
}

pub(super) fn check_manifest(
    manifest: &Table<ManifestRow>,
    digests: &HashMap<&str, String>,
    counts: &HashMap<&str, u64>,
    checker: &mut Checker,
) {
    let mut listed = BTreeSet::new();
    for Rec { line, row } in &manifest.rows {
        let (file, line) = (row.file.as_str(), *line);
        if file == MANIFEST || !(FILES.iter().any(|f| f.name == file) || is_extra_file(file)) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                line,
                format!("lists {file:?}, which is not a file of the bundle it describes"),
            );
            continue;
        }
        if !listed.insert(file.to_owned()) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                line,
                format!("lists {file} twice"),
            );
            continue;
        }
        if is_extra_file(file) && !digests.contains_key(file) {
            checker.find(
                codes::UNREADABLE,
                file,
                0,
                format!("is listed in {MANIFEST} (line {line}) but is missing from the bundle"),
            );
            continue;
        }
        let sha = row.sha256.as_str();
        if !is_hash(sha) {
            checker.find(
                codes::CELL,
                MANIFEST,
                line,
                format!("the sha256 of {file} is not 64 lower-case hex digits"),
            );
        } else if let Some(actual) = digests.get(file)
            && actual != sha
        {
            checker.find(
                codes::DIGEST,
                file,
                0,
                format!("its SHA-256 is {actual}, but {MANIFEST} (line {line}) says {sha}: the file was changed"),
            );
        }
        match (whole::<u64>(&row.rows), counts.get(file)) {
            (None, _) => checker.find(
                codes::CELL,
                MANIFEST,
                line,
                format!("the rows of {file} are not a whole number"),
            ),
            (Some(stated), Some(actual)) if stated != *actual => checker.find(
                codes::ROWS,
                file,
                0,
                format!("has {actual} rows, but {MANIFEST} (line {line}) says {stated}: rows were added or removed"),
            ),
            _ => {}
        }
    }
    let mut unlisted: Vec<&str> = digests
        .keys()
        .copied()
        .filter(|name| is_extra_file(name) && !listed.contains(*name))
        .collect();
    unlisted.sort_unstable();
    for name in unlisted {
        checker.find(
            codes::MANIFEST,
            MANIFEST,
            0,
            format!("does not list {name}, which the bundle holds"),
        );
    }
    for spec in FILES {
        // A v2 bundle has no transfers.csv (check_transfers judges that).
        let optional = spec.name == TRANSFERS && !digests.contains_key(TRANSFERS);
        if spec.name != MANIFEST && !optional && !listed.contains(spec.name) {
            checker.find(
                codes::MANIFEST,
                MANIFEST,
                0,
                format!("does not list {}", spec.name),
            );
        }
    }
}

/// BUNDLE.csv, checked.
pub(super) struct Facts {
    pub(super) raw: BTreeMap<String, String>,
    pub(super) audience: BundleAudience,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
}

impl Facts {
    pub(super) fn in_period(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

pub(super) fn check_facts(table: &Table<FactRow>, checker: &mut Checker) -> Option<Facts> {
    let mut raw = BTreeMap::new();
    let mut lines = HashMap::new();
    for rec in &table.rows {
        let key = rec.row.key.as_str();
        if !KEYS.contains(&key) {
            checker.find(
                codes::METADATA,
                BUNDLE,
                rec.line,
                format!("has an unknown key {key:?}"),
            );
            continue;
        }
        if raw.insert(key.to_owned(), rec.row.value.clone()).is_some() {
            checker.find(
                codes::METADATA,
                BUNDLE,
                rec.line,
                format!("states {key} twice"),
            );
        }
        lines.insert(key, rec.line);
    }
    let mut complete = true;
    for key in KEYS {
        if !raw.contains_key(key) {
            checker.find(codes::METADATA, BUNDLE, 0, format!("does not state {key}"));
            complete = false;
        }
    }
    if !complete {
        checker.find(
            codes::METADATA,
            BUNDLE,
            0,
            "the rest of the bundle cannot be checked without it",
        );
        return None;
    }
    let line = |key: &str| lines.get(key).copied().unwrap_or(0);
    if raw["format"] != FORMAT && raw["format"] != FORMAT_V2 {
        checker.find(
            codes::METADATA,
            BUNDLE,
            line("format"),
            format!(
                "is in format {:?}; this fondo reads {FORMAT} and {FORMAT_V2}, so the rest was not checked",
                raw["format"]
            ),
        );
        return None;
    }
    for key in [
        "journal_prev_hash",
        "journal_last_hash",
        "fingerprint",
        "records_head",
    ] {
        if !is_hash(&raw[key]) {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line(key),
                format!("{key} is not 64 lower-case hex digits"),
            );
        }
    }
    for key in ["ledger_transactions", "records_count"] {
        if whole::<u64>(&raw[key]).is_none() {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line(key),
                format!("{key} is not a whole number"),
            );
        }
    }
    let audience = BundleAudience::parse(&raw["audience"]);
    if audience.is_none() {
        checker.find(
            codes::METADATA,
            BUNDLE,
            line("audience"),
            format!(
                "audience {:?} is none of public, members, auditor",
                raw["audience"]
            ),
        );
    }
    let day = |key: &str| {
        parse_date(&raw[key])
            .ok()
            .filter(|d| crate::domain::date::iso(*d) == raw[key])
    };
    match (day("from"), day("to")) {
        (Some(from), Some(to)) if from <= to => {
            check_period_label(&raw["period"], from, to, line("period"), checker);
            Some(Facts {
                raw,
                audience: audience?,
                from,
                to,
            })
        }
        _ => {
            checker.find(
                codes::METADATA,
                BUNDLE,
                line("from"),
                "from and to are not two YYYY-MM-DD days, the first not after the second; the rest was not checked",
            );
            None
        }
    }
}

/// The period's label names exactly its days: the year, quarter or month
/// they are (`2026`, `2026-Q1`, `2026-03`), or `FROM to TO`. It is what a
/// reader of the bundle sees first, so a label that disagrees with `from`
/// and `to` is a finding.
pub(super) fn check_period_label(
    label: &str,
    from: NaiveDate,
    to: NaiveDate,
    line: u64,
    checker: &mut Checker,
) {
    let days = format!("{from} to {to}");
    let calendar = crate::domain::period::Span::parse(label)
        .is_ok_and(|span| span.label == label && span.from == from && span.to == to);
    if label != days && !calendar {
        checker.find(
            codes::METADATA,
            BUNDLE,
            line,
            format!(
                "period {label:?} is not the days from {from} to {to}; it is the year, quarter or month of exactly those days, or {days:?}"
            ),
        );
    }
}
