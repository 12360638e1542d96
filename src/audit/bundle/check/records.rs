//! `records.csv`: every record's hash recomputed from its content (the v1
//! or the v2 form, [`crate::domain::hash`]), the chain linked from the
//! genesis hash to the records head and count that `BUNDLE.csv` states,
//! and the records read back for the files re-derived from them.
//!
//! Rule: nothing is taken from a record whose hash does not recompute but
//! its place in the chain; a withheld v1 payload is counted and linked,
//! never read.

use std::collections::HashMap;

use serde_json::Value;

use super::{Checker, Facts, Rec, Table, codes, is_hash, whole};
use crate::audit::bundle::records::{Field, V1, V2, WITHHELD, read};
use crate::domain::bundle::RECORDS;
use crate::domain::bundle::rows::RecordRow;
use crate::domain::hash::{GENESIS, record_hash, record_hash_v2};
use crate::domain::ids::{GrantId, MemberId, PoolId, RecordId};

/// One record of records.csv whose hash recomputes.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) line: u64,
    /// Its id (its place in the chain, from 1) and hash.
    pub(super) id: RecordId,
    pub(super) hash: String,
    pub(super) at: String,
    pub(super) kind: String,
    pub(super) grant: Option<GrantId>,
    /// The payload, each text field its text ([`crate::audit::bundle::derive::UNKNOWN`] when redacted).
    pub(super) payload: Value,
}

/// What records.csv holds, once checked.
#[derive(Debug, Default)]
pub(super) struct Log {
    pub(super) entries: Vec<Entry>,
    /// Member id → the name or label the bundle shows for them, from their
    /// latest `member` or `member-edit` record.
    pub(super) labels: HashMap<MemberId, String>,
    /// Pool id → the label the bundle shows for a pool whose name it
    /// redacts, from the pool's record.
    pub(super) pool_labels: HashMap<PoolId, String>,
    /// Records whose payload is withheld, or that failed to check: the
    /// files re-derived from records are then not compared.
    pub(super) gaps: u64,
}

impl Log {
    /// The name the bundle shows for member `id`.
    pub(super) fn label(&self, id: MemberId) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }
}

pub(super) fn check_records(table: &Table<RecordRow>, facts: &Facts, checker: &mut Checker) -> Log {
    let mut log = Log::default();
    let mut prev = GENESIS.to_owned();
    let mut v2_seen = false;
    for (number, Rec { line, row }) in (1i64..).zip(&table.rows) {
        let line = *line;
        // Records are numbered 1, 2, 3, … in chain order (never deleted).
        if whole::<i64>(&row.id) != Some(number) {
            checker.find(
                codes::CELL,
                RECORDS,
                line,
                format!(
                    "id {:?} is not {number}, the number after the record before it",
                    row.id
                ),
            );
        }
        let grant = if row.grant.is_empty() {
            Some(None)
        } else {
            whole::<i64>(&row.grant).map(|n| Some(GrantId::new(n)))
        };
        if grant.is_none() {
            checker.find(
                codes::CELL,
                RECORDS,
                line,
                format!("grant {:?} is not a whole number", row.grant),
            );
        }
        let v2 = match row.form.as_str() {
            V2 => true,
            V1 => false,
            other => {
                checker.find(
                    codes::CELL,
                    RECORDS,
                    line,
                    format!("form {other:?} is neither {V1} nor {V2}"),
                );
                v2_seen
            }
        };
        if v2_seen && !v2 {
            checker.find(
                codes::RECORD_FORM_BACK,
                RECORDS,
                line,
                format!(
                    "record {} is in the v1 form after a record in the v2 form; the chain switches once and never back",
                    row.id
                ),
            );
        }
        v2_seen |= v2;
        if row.prev_hash != prev {
            checker.find(
                codes::RECORDS_CHAIN,
                RECORDS,
                line,
                format!(
                    "record {} cites the previous hash {}, but the record before it has {prev}: records were removed, added or reordered",
                    row.id, row.prev_hash
                ),
            );
        }
        if !is_hash(&row.hash) || !is_hash(&row.prev_hash) {
            checker.find(
                codes::CELL,
                RECORDS,
                line,
                "hash and prev_hash are not 64 lower-case hex digits",
            );
        }
        prev = row.hash.clone();
        if row.payload == WITHHELD && !v2 {
            log.gaps += 1;
            continue;
        }
        let read = match read(&row.kind, v2, &row.payload) {
            Ok(read) => read,
            Err(why) => {
                checker.find(
                    codes::CELL,
                    RECORDS,
                    line,
                    format!("record {}: {why}", row.id),
                );
                log.gaps += 1;
                continue;
            }
        };
        let grant = grant.flatten();
        let hash = if v2 {
            record_hash_v2(&row.prev_hash, &row.kind, grant, &row.at, &read.hashed)
        } else {
            record_hash(&row.prev_hash, &row.kind, grant, &row.at, &read.hashed)
        };
        if hash != row.hash {
            checker.find(
                codes::RECORD_HASH,
                RECORDS,
                line,
                format!(
                    "record {}'s content does not match its hash: it hashes to {hash}",
                    row.id
                ),
            );
            log.gaps += 1;
            continue;
        }
        if matches!(row.kind.as_str(), "member" | "member-edit")
            && let Some(member) = read.plain["id"].as_i64().map(MemberId::new)
        {
            let shown = read.fields.iter().find(|(f, _)| f == "name");
            let label = match shown {
                Some((_, Field::Text(text))) => Some(text.clone()),
                Some((_, Field::Redacted { label })) => label.clone(),
                None => None,
            };
            if let Some(label) = label {
                log.labels.insert(member, label);
            }
        }
        if row.kind == "pool"
            && let Some(pool) = read.plain["id"].as_i64().map(PoolId::new)
            && let Some((_, Field::Redacted { label: Some(label) })) =
                read.fields.iter().find(|(f, _)| f == "name")
        {
            log.pool_labels.insert(pool, label.clone());
        }
        log.entries.push(Entry {
            line,
            id: RecordId::new(number),
            hash: row.hash.clone(),
            at: row.at.clone(),
            kind: row.kind.clone(),
            grant,
            payload: read.plain,
        });
    }
    let count = table.rows.len().to_string();
    if prev != facts.raw["records_head"] || count != facts.raw["records_count"] {
        checker.find(
            codes::RECORDS_CHAIN,
            RECORDS,
            0,
            format!(
                "ends with {prev} after {count} records, but BUNDLE.csv states the records head {} after {}",
                facts.raw["records_head"], facts.raw["records_count"]
            ),
        );
    }
    log
}
