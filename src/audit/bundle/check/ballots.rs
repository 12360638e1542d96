//! `allowed_signers` and the ballot files, checked as the copies of
//! records.csv they are: allowed_signers must be exactly the lines that the
//! member-key records give ([`allowed_signers`]), and each signed vote whose
//! ballot records.csv shows must have its ballot and signature files with
//! exactly the record's texts, and no other ballot file may be there. The
//! signatures themselves are judged with the votes (B138's replay, from
//! records.csv); these files are what lets stock `ssh-keygen` judge them too.
//!
//! Rule: nothing here is taken on trust; every byte is compared with what
//! the checked records give.

use std::collections::BTreeMap;

use super::records::Log;
use super::{Checker, Facts, codes};
use crate::audit::bundle::derive::UNKNOWN;
use crate::books::grants::Governance;
use crate::domain::bundle::{
    ALLOWED_SIGNERS, RECORDS, ballot_file, ballot_signature_file, parse_ballot_file,
};
use crate::domain::ids::RecordId;
use crate::domain::keys::allowed_signers;
use crate::domain::records::RecordKind;

pub(super) fn check_ballots(
    extras: &BTreeMap<&str, String>,
    log: &Log,
    facts: &Facts,
    checker: &mut Checker,
) {
    let governance = Governance::from_records(
        facts.raw["fund_id"].clone(),
        log.entries
            .iter()
            .map(|e| (e.id, e.kind.as_str(), e.at.as_str(), &e.payload)),
    );
    let expected = allowed_signers(&governance.key_book());
    match extras.get(ALLOWED_SIGNERS) {
        None if expected.is_empty() => {}
        None => checker.find(
            codes::BALLOTS,
            ALLOWED_SIGNERS,
            0,
            format!("is missing, though {RECORDS} registers members' keys"),
        ),
        Some(stated) => {
            if let Some((line, want)) = first_difference(stated, &expected) {
                checker.find(
                    codes::BALLOTS,
                    ALLOWED_SIGNERS,
                    line,
                    format!("is not the keys {RECORDS} registers: line {line} should be {want:?}"),
                );
            }
        }
    }
    let mut wanted: BTreeMap<String, (RecordId, &str)> = BTreeMap::new();
    for e in &log.entries {
        if e.kind != RecordKind::Vote.as_str() {
            continue;
        }
        let (Some(ballot), Some(signature)) = (
            e.payload["ballot"].as_str(),
            e.payload["signature"].as_str(),
        ) else {
            continue;
        };
        if ballot == UNKNOWN {
            continue;
        }
        wanted.insert(ballot_file(e.id), (e.id, ballot));
        wanted.insert(ballot_signature_file(e.id), (e.id, signature));
    }
    for (file, (record, text)) in &wanted {
        match extras.get(file.as_str()) {
            None => checker.find(
                codes::BALLOTS,
                file,
                0,
                format!(
                    "is missing: record {record} of {RECORDS} is a signed vote whose ballot the bundle shows"
                ),
            ),
            Some(stated) if stated != text => checker.find(
                codes::BALLOTS,
                file,
                0,
                format!(
                    "differs from the ballot of record {record} of {RECORDS}: it was changed"
                ),
            ),
            Some(_) => {}
        }
    }
    for file in extras.keys() {
        if parse_ballot_file(file).is_some() && !wanted.contains_key(*file) {
            checker.find(
                codes::BALLOTS,
                file,
                0,
                format!("is the ballot of no signed vote that {RECORDS} shows"),
            );
        }
    }
}

/// The first line (from 1) where `stated` differs from `expected`, with
/// the line expected there (empty past its end).
fn first_difference(stated: &str, expected: &str) -> Option<(u64, String)> {
    if stated == expected {
        return None;
    }
    let (mut s, mut e) = (stated.split_inclusive('\n'), expected.split_inclusive('\n'));
    for line in 1u64.. {
        match (s.next(), e.next()) {
            (Some(a), Some(b)) if a == b => {}
            (_, want) => return Some((line, want.unwrap_or("").trim_end().to_owned())),
        }
    }
    None
}
