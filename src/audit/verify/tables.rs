//! `verify` on the community tables against the governance chain: the
//! audit records (V118), the fund's settings (V136–V138), the import keys
//! (V139) and the corrections (V123).
//!
//! Rule: part of `verify`: every table row must be what its records say,
//! and nothing more; nothing in a table is taken on trust.

use std::collections::BTreeMap;

use super::{Checker, codes};
use crate::domain::ids::{AccountId, MemberId, PoolId};
use crate::domain::records::RecordKind;
use crate::error::Result;
use crate::store::{accounts, fund, members, pools, records};

/// The community tables against their audit records in the governance chain
/// (V118): every member, role term, account, pool, contribution, rate,
/// pledge and setting must be exactly what its records say, and nothing
/// more.
pub(super) fn check_audit(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use serde_json::{Value, json};
    let mut expected: BTreeMap<String, Value> = BTreeMap::new();
    let key = |table: &str, id: &Value| format!("{table} {}", id.to_string().trim_matches('"'));
    records::for_each(conn, |r| {
        let p = &r.payload;
        // An unknown kind was reported on its own (V134).
        let Some(kind) = RecordKind::parse(&r.kind) else {
            return Ok(());
        };
        match kind {
            RecordKind::Member => {
                let mut row = p.clone();
                row["inactive_since"] = Value::Null;
                expected.insert(key("member", &p["id"]), row);
            }
            RecordKind::MemberInactive => {
                if let Some(row) = expected.get_mut(&key("member", &p["id"])) {
                    row["inactive_since"] = p["inactive_since"].clone();
                }
            }
            RecordKind::RoleTerm => {
                expected.insert(key("role term", &p["id"]), p.clone());
            }
            RecordKind::RoleEnd => {
                if let Some(row) = expected.get_mut(&key("role term", &p["id"])) {
                    row["ends_on"] = p["ends_on"].clone();
                }
            }
            RecordKind::Pool => {
                expected.insert(key("pool", &p["id"]), p.clone());
            }
            RecordKind::Contribution => {
                expected.insert(key("contribution of transaction", &p["txn"]), p.clone());
            }
            RecordKind::Pledge => {
                expected.insert(key("pledge", &p["id"]), p.clone());
            }
            RecordKind::Setting => {
                expected.insert(key("setting", &p["key"]), p.clone());
            }
            RecordKind::Rate => {
                expected.insert(key("rate", &p["id"]), p.clone());
            }
            RecordKind::Purchase => {
                expected.insert(key("purchase", &p["id"]), p.clone());
            }
            RecordKind::Account => {
                expected.insert(key("account", &p["id"]), p.clone());
            }
            // Corrections leave the rows as first written; `check_corrections`
            // checks each against what it corrects.
            RecordKind::MemberEdit
            | RecordKind::PoolEdit
            | RecordKind::AccountNote
            | RecordKind::PledgeEnd
            | RecordKind::VoteWithdrawal => {}
            // Governance records, checked by `check_records` (purchases by
            // `purchases::check`).
            RecordKind::Policy
            | RecordKind::Relation
            | RecordKind::Application
            | RecordKind::Vote
            | RecordKind::Decision
            | RecordKind::Payment
            | RecordKind::Spend
            | RecordKind::Closure
            | RecordKind::Withdrawal
            | RecordKind::Budget
            | RecordKind::PurchaseItem
            | RecordKind::PurchaseOrder
            | RecordKind::PurchaseClose
            | RecordKind::PurchaseReceive
            | RecordKind::PurchaseCost
            | RecordKind::PurchaseSettle
            | RecordKind::PurchasePay
            | RecordKind::PurchaseDistribute
            | RecordKind::PeriodClose
            | RecordKind::PeriodReopen
            | RecordKind::Reconciliation
            | RecordKind::ReconciliationReopen
            | RecordKind::MemberKey
            | RecordKind::MemberKeyRevoke
            | RecordKind::FundKey
            | RecordKind::FundSettings
            | RecordKind::Import => {}
        }
        Ok(())
    })?;
    let mut actual: BTreeMap<String, Value> = BTreeMap::new();
    for m in members::rows(conn)? {
        let mut row = members::member_payload(m.id, &m.name, m.visibility);
        row["inactive_since"] = json!(m.inactive_since.map(|d| d.to_string()));
        actual.insert(key("member", &json!(m.id)), row);
    }
    for t in members::terms(conn)? {
        actual.insert(key("role term", &json!(t.id)), members::term_payload(&t));
    }
    for p in pools::rows(conn)?
        .into_iter()
        .filter(|p| p.id != pools::GENERAL)
    {
        let row = pools::pool_payload(p.id, &p.name, &p.purpose, p.guidelines.as_deref());
        actual.insert(key("pool", &json!(p.id)), row);
    }
    for (txn, member, kind) in members::contributions(conn)? {
        let row = members::contribution_payload(txn, member, kind.as_deref());
        actual.insert(key("contribution of transaction", &json!(txn)), row);
    }
    for p in members::pledge_rows(conn)? {
        actual.insert(key("pledge", &json!(p.id)), members::pledge_payload(&p));
    }
    for (k, v) in crate::store::settings::all(conn)? {
        actual.insert(
            key("setting", &json!(k)),
            crate::store::settings::payload(&k, &v),
        );
    }
    for (id, r) in crate::store::rates::raw(conn)? {
        actual.insert(
            key("rate", &json!(id)),
            crate::store::rates::rate_payload(id, &r),
        );
    }
    for a in accounts::rows(conn)? {
        let row = accounts::account_payload(a.id, &a.name, a.note.as_deref());
        actual.insert(key("account", &json!(a.id)), row);
    }
    for (id, row) in crate::store::purchases::audit_rows(conn)? {
        actual.insert(key("purchase", &json!(id)), row);
    }
    let keys: std::collections::BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for k in keys {
        let message = match (expected.get(k), actual.get(k)) {
            (Some(e), Some(a)) if e == a => continue,
            (Some(_), Some(_)) => {
                "differs from what the governance records say; it was changed outside fondo"
            }
            (Some(_), None) => {
                "is in the governance records but missing from its table; it was deleted outside fondo"
            }
            (None, Some(_)) => "has no governance record; it was added outside fondo",
            (None, None) => continue,
        };
        checker.find(codes::AUDIT, k.clone(), message.into());
    }
    Ok(())
}

/// The fund row against its latest `fund-settings` record: the name,
/// currency, id and salt key it states (V136), the pseudonym secret present
/// (V137) and the one it commits to (V138).
pub(super) fn check_fund_settings(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
) -> Result<()> {
    use crate::domain::records::FundSettingsRecord;
    let Some(row) = fund::settings(conn)? else {
        // A missing fund row is reported with the journal's head (V107).
        return Ok(());
    };
    // The latest that reads (one that does not is V135).
    let latest = records::of_kind(conn, RecordKind::FundSettings.as_str())?
        .into_iter()
        .rev()
        .find_map(|r| {
            serde_json::from_value::<FundSettingsRecord>(r.payload)
                .ok()
                .map(|s| (r.id, s))
        });
    match &latest {
        None => checker.find(
            codes::FUND_SETTINGS,
            "fund".into(),
            "its name, currency and secret are in no fund-settings record; they were changed outside fondo".into(),
        ),
        Some((id, recorded)) => {
            let differ = settings_differ(&row, recorded);
            if !differ.is_empty() {
                checker.find(
                    codes::FUND_SETTINGS,
                    "fund".into(),
                    format!(
                        "differs from record {id} (fund-settings): {}; it was changed outside fondo",
                        differ.join(", ")
                    ),
                );
            }
        }
    }
    let secret_missing = fund::secret_missing(conn)?;
    if secret_missing {
        checker.find(
            codes::SECRET_MISSING,
            "fund".into(),
            "its pseudonym secret is missing or empty: public pseudonyms would be plain hashes of member ids, which anyone can recompute; it was changed outside fondo".into(),
        );
    }
    if let Some((id, recorded)) = &latest
        && !secret_missing
        && row.secret != recorded.secret
    {
        checker.find(
            codes::SECRET_CHANGED,
            "fund".into(),
            format!(
                "its pseudonym secret is not the one record {id} (fund-settings) commits to: every public pseudonym changed; it was changed outside fondo"
            ),
        );
    }
    Ok(())
}

/// The import keys against their sources' latest `import` records (V139):
/// each source's count of keys and their digest, recomputed from the table,
/// must be what the record states, so that a key deleted (which would let
/// a row be imported twice), changed or added outside fondo is found.
pub(super) fn check_import_keys(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::store::imports;
    let recorded = imports::latest_records(conn)?;
    let mut found: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for (id, label) in imports::sources(conn)? {
        let (keys, digest) = imports::digest(conn, id)?;
        if keys > 0 || recorded.contains_key(&label) {
            found.insert(label, (keys, digest));
        }
    }
    let labels: std::collections::BTreeSet<&String> = recorded.keys().chain(found.keys()).collect();
    for label in labels {
        let message = match (recorded.get(label), found.get(label)) {
            (Some((_, r)), Some((keys, digest))) if r.keys == *keys && r.digest == *digest => {
                continue;
            }
            (Some((id, r)), Some((keys, _))) if r.keys != *keys => format!(
                "has {keys} import key(s), but record {id} (import) states {}: keys were deleted or added outside fondo, and a row whose key is gone can be imported twice",
                r.keys
            ),
            (Some((id, _)), Some(_)) => format!(
                "its import keys are not the ones record {id} (import) states: a key or the transaction it points at was changed outside fondo"
            ),
            (Some((id, r)), None) => format!(
                "is gone, but record {id} (import) states {} key(s) for it: it was deleted outside fondo",
                r.keys
            ),
            (None, Some((keys, _))) => format!(
                "has {keys} import key(s) but no import record: they were added outside fondo"
            ),
            (None, None) => continue,
        };
        checker.find(
            codes::IMPORT_KEYS,
            format!("import source {label}"),
            message,
        );
    }
    Ok(())
}

/// What the fund row states otherwise than its record (the secret aside).
fn settings_differ(
    row: &crate::domain::records::FundSettingsRecord,
    recorded: &crate::domain::records::FundSettingsRecord,
) -> Vec<String> {
    let shown = |value: &Option<String>| {
        value
            .as_deref()
            .map_or("none".to_owned(), |v| format!("{v:?}"))
    };
    let mut differ = Vec::new();
    if row.name != recorded.name {
        differ.push(format!(
            "name {:?} (recorded {:?})",
            row.name, recorded.name
        ));
    }
    for (what, now, then) in [
        ("currency", &row.currency, &recorded.currency),
        ("id", &row.fund_id, &recorded.fund_id),
    ] {
        if now != then {
            differ.push(format!("{what} {} (recorded {})", shown(now), shown(then)));
        }
    }
    if row.salt_key != recorded.salt_key {
        differ.push("a salt key other than the one committed to".into());
    }
    differ
}

/// The corrections in the governance chain (V123): each `member-edit`,
/// `pool-edit`, `account-note` and `pledge-end` record must name a row that
/// exists and fit it: a member's new name taken by no other member, a
/// visibility fondo knows, a pledge ending on or after its first day. (A
/// withdrawn vote is checked with its grant's replay.)
pub(super) fn check_corrections(conn: &rusqlite::Connection, checker: &mut Checker) -> Result<()> {
    use crate::domain::account::name_key;
    use crate::domain::member::Visibility;
    use crate::domain::records::{
        AccountNoteRecord, MemberEditRecord, PledgeEndRecord, PoolEditRecord, payload,
    };
    let rows = members::rows(conn)?;
    let mut names: BTreeMap<MemberId, String> =
        rows.iter().map(|m| (m.id, name_key(&m.name))).collect();
    let pools: std::collections::BTreeSet<PoolId> =
        pools::rows(conn)?.iter().map(|p| p.id).collect();
    let accounts: std::collections::BTreeSet<AccountId> = crate::store::accounts::all(conn)?
        .iter()
        .map(|a| a.id)
        .collect();
    let pledges = members::pledge_rows(conn)?;
    let corrections = [
        RecordKind::MemberEdit,
        RecordKind::PoolEdit,
        RecordKind::AccountNote,
        RecordKind::PledgeEnd,
    ]
    .map(RecordKind::as_str);
    for r in records::all_of_kinds(conn, &corrections)? {
        let at = format!("record {}", r.id);
        let problem = match RecordKind::parse(&r.kind) {
            Some(RecordKind::MemberEdit) => {
                match payload::<MemberEditRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(e) if !names.contains_key(&e.id) => {
                        Some(format!("corrects member #{}, who does not exist", e.id))
                    }
                    Ok(e) if e.visibility.parse::<Visibility>().is_err() => Some(format!(
                        "gives member #{} an unknown visibility ({:?})",
                        e.id, e.visibility
                    )),
                    Ok(e) => {
                        let key = name_key(&e.name);
                        if names.iter().any(|(id, k)| *id != e.id && *k == key) {
                            Some(format!(
                                "renames member #{} to a name another member has",
                                e.id
                            ))
                        } else {
                            names.insert(e.id, key);
                            None
                        }
                    }
                }
            }
            Some(RecordKind::PoolEdit) => {
                match payload::<PoolEditRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(e) if e.id == pools::GENERAL || !pools.contains(&e.id) => Some(format!(
                        "changes pool #{}, which cannot be changed or does not exist",
                        e.id.get()
                    )),
                    Ok(_) => None,
                }
            }
            Some(RecordKind::AccountNote) => {
                match payload::<AccountNoteRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(n) if !accounts.contains(&n.account) => Some(format!(
                        "notes account #{}, which does not exist",
                        n.account.get()
                    )),
                    Ok(_) => None,
                }
            }
            Some(RecordKind::PledgeEnd) => {
                match payload::<PledgeEndRecord>(r.id, &r.kind, &r.payload) {
                    Err(e) => Some(e.to_string()),
                    Ok(end) if crate::domain::date::parse_date(&end.ends_on).is_err() => {
                        Some(format!(
                            "ends pledge #{} on {:?}, which is not a date",
                            end.id, end.ends_on
                        ))
                    }
                    Ok(end) => match pledges.iter().find(|p| p.id == end.id) {
                        None => Some(format!("ends pledge #{}, which does not exist", end.id)),
                        Some(p)
                            if crate::domain::date::parse_date(&end.ends_on)
                                .is_ok_and(|day| day < p.starts_on) =>
                        {
                            Some(format!(
                                "ends pledge #{} on {}, before it starts ({})",
                                end.id, end.ends_on, p.starts_on
                            ))
                        }
                        Some(_) => None,
                    },
                }
            }
            _ => None,
        };
        if let Some(message) = problem {
            checker.find(codes::CORRECTION, at, message);
        }
    }
    Ok(())
}
