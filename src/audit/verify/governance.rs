//! `verify` on the governance records: their chain, head, kinds and
//! payloads, and every grant replayed from them (votes, payments,
//! approvals against what the pool had, tallies and outcomes), with the
//! `grant_state` cache and the committed money compared with the replays.
//!
//! Rule: part of `verify`: reads one snapshot, trusts nothing recorded,
//! reports findings through the parent's [`Checker`].

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{Checker, codes};
use crate::audit::finding::Code;
use crate::books::grants;
use crate::books::pools::{GivenSums, PoolHolding, Sums, holdings_committing};
use crate::domain::grant::{Commitment, Fault, Status};
use crate::domain::hash::{GENESIS, Sealer, commit, record_hash, record_hash_v2, record_salt};
use crate::domain::ids::{GrantId, PoolId};
use crate::domain::money::format_minor;
use crate::domain::policy::{Outcome, Tally, evaluate};
use crate::domain::records::{RecordKind, check_payload, sealed_payload};
use crate::error::Result;
use crate::store::records;

/// The code of a vote the command line would have refused.
fn vote_code(fault: Fault) -> Code {
    match fault {
        Fault::Applicant => codes::VOTE_APPLICANT,
        Fault::NotSteward => codes::VOTE_NOT_STEWARD,
        Fault::Related => codes::VOTE_RELATED,
        Fault::NotOpen => codes::VOTE_NOT_OPEN,
        Fault::Window => codes::VOTE_WINDOW,
        Fault::Unsigned => codes::VOTE_UNSIGNED,
        Fault::Key => codes::VOTE_KEY,
        Fault::Signature => codes::VOTE_SIGNATURE,
        Fault::Ballot => codes::VOTE_BALLOT,
        Fault::Form => codes::VOTE_FORM,
    }
}

/// The governance records: their own hash chain and head (V114), each
/// record's kind (V134) and payload (V135), and every grant re-checked from
/// them: each vote judged as the command line would have (V124–V133), no
/// more paid than approved (V115), no approval beyond what the pool had
/// available then (V116, from `sums`, the journal pass's own sums of the
/// postings, not the caches), and every decision's tally (all four
/// numbers) and outcome what its policy gives for the votes accepted
/// (V117).
pub(super) fn check_records(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
    sums: &GivenSums,
) -> Result<()> {
    let mut prev = GENESIS.to_owned();
    let mut count = 0;
    let mut computed = GENESIS.to_owned();
    let mut v2_seen = false;
    records::for_each(conn, |r| {
        count += 1;
        let at = format!("record {}", r.id);
        // The v2 form seals text fields with salts from the place the
        // record was chained at (its stated previous hash).
        let sealed = checker.chain.sealer.as_ref().map(Sealer::key).map(|key| {
            sealed_payload(&r.kind, &r.payload, |field, text| {
                commit(&record_salt(key, &r.prev_hash, field), text)
            })
        });
        let in_form = |v2: bool, prev: &str| match (&sealed, v2) {
            (Some(sealed), true) => record_hash_v2(prev, &r.kind, r.grant_id, &r.at, sealed),
            _ => record_hash(prev, &r.kind, r.grant_id, &r.at, &r.payload),
        };
        // The form its hash was made in; a changed record after the switch
        // is judged in the v2 form it must have.
        let v1_matches = in_form(false, &r.prev_hash) == r.hash;
        let v2 =
            sealed.is_some() && (in_form(true, &r.prev_hash) == r.hash || (v2_seen && !v1_matches));
        if v2_seen && !v2 {
            checker.find(
                codes::FORM_BACK,
                at.clone(),
                "is in the v1 form after a record in the v2 form; the chain switches once and never back, so it was written outside fondo".into(),
            );
        }
        v2_seen |= v2;
        computed = in_form(v2, &computed);
        if r.prev_hash != prev {
            checker.find(
                codes::RECORDS_CHAIN,
                at.clone(),
                "cites a previous hash that is not the record before it; records were removed or reordered".into(),
            );
        }
        if in_form(v2, &r.prev_hash) != r.hash {
            checker.find(
                codes::RECORDS_CHAIN,
                at.clone(),
                format!("its content ({}) does not match its stored hash; it was changed after it was recorded", r.kind),
            );
        }
        match RecordKind::parse(&r.kind) {
            None => checker.find(
                codes::UNKNOWN_KIND,
                at,
                format!(
                    "has a kind fondo does not know ({:?}); it was written outside fondo",
                    r.kind
                ),
            ),
            Some(kind) => {
                if let Err(why) = check_payload(kind, &r.payload) {
                    checker.find(
                        codes::PAYLOAD,
                        at,
                        format!("its payload does not read as a {kind} record ({why}); it was written outside fondo"),
                    );
                }
            }
        }
        prev = r.hash;
        Ok(())
    })?;
    checker.records = u64::try_from(count).unwrap_or(0);
    checker.records_head.clone_from(&computed);
    if let Some((head, stored)) = records::head(conn)?
        && (head != prev || stored != count)
    {
        checker.find(
            codes::RECORDS_CHAIN,
            "fund".into(),
            format!(
                "the fund records {stored} governance record(s), the log has {count}; records were removed or added outside fondo"
            ),
        );
    }
    let governance = grants::Governance::load(conn)?;
    let replayed = grants::all_judged(conn, &governance)?;
    check_grant_state(conn, checker, &replayed)?;
    // Holdings at the end of each decision day, each computed once.
    let mut held_on: HashMap<NaiveDate, Vec<PoolHolding>> = HashMap::new();
    let pool_names = crate::store::pools::names_by_id(conn)?;
    // What the grants that replay commit at the end of a day; one that
    // cannot be replayed is reported below.
    let commitments: Vec<Commitment> = replayed
        .iter()
        .filter_map(|(_, g)| g.as_ref().ok().map(Commitment::of))
        .collect();
    let committed = |day: NaiveDate| {
        let mut sums: HashMap<(PoolId, String), i128> = HashMap::new();
        for c in &commitments {
            *sums.entry((c.pool, c.commodity.clone())).or_insert(0) +=
                i128::from(c.outstanding_on(Some(day)));
        }
        sums
    };
    for (id, grant) in replayed {
        let label = id.to_string();
        let grant = match grant {
            Ok(grant) => grant,
            Err(e) => {
                checker.find(codes::RECORDS_CHAIN, label, e.to_string());
                continue;
            }
        };
        for v in &grant.votes {
            if let Some(refusal) = &v.refused {
                let what = if v.vote.is_some() {
                    "vote"
                } else {
                    "withdrawn vote"
                };
                checker.find(
                    vote_code(refusal.fault),
                    format!("record {}", v.record),
                    format!(
                        "the {what} of member #{} on {label} {}; the command line would have refused it",
                        v.member, refusal.why
                    ),
                );
            }
        }
        if grant.paid() > grant.amount {
            checker.find(
                codes::OVERPAID,
                label.clone(),
                format!(
                    "was approved for {} {} but {} was paid",
                    format_minor(grant.amount.into(), grant.commodity.decimals()),
                    grant.commodity.code(),
                    format_minor(grant.paid().into(), grant.commodity.decimals())
                ),
            );
        }
        let (Some(decided), Some(record)) = (grant.decided_at, grant.decision_record) else {
            continue;
        };
        // Every number is recounted from the records as they stood at the
        // decision's place in the chain, counting only the votes accepted:
        // role history completed later does not change who could vote then.
        let tally = grants::tally_as_of(&governance, &grant, decided, record);
        if let Some(Tally {
            consents,
            objections,
            abstentions,
            eligible,
        }) = grant.decided_tally
        {
            if [consents, objections, abstentions]
                != [tally.consents, tally.objections, tally.abstentions]
            {
                checker.find(
                    codes::DECISION,
                    label.clone(),
                    format!(
                        "its decision counted {consents} consent, {objections} object, {abstentions} abstain, but the vote records give {} consent, {} object, {} abstain",
                        tally.consents, tally.objections, tally.abstentions
                    ),
                );
            }
            if eligible != tally.eligible {
                checker.find(
                    codes::DECISION,
                    label.clone(),
                    format!(
                        "its decision counted {eligible} eligible, but the role, relation and vote records give {} (stewards in term and not recused, and those whose vote stands)",
                        tally.eligible
                    ),
                );
            }
        }
        let outcome = evaluate(&grant.tier.rule, &tally, grant.window_closes(), decided);
        let approved = matches!(grant.status, Status::Approved | Status::Closed);
        let consistent = match outcome {
            Outcome::Approved(_) => approved,
            Outcome::Rejected(_) => !approved,
            Outcome::Open(_) => false,
        };
        if !consistent {
            checker.find(
                codes::DECISION,
                label.clone(),
                format!(
                    "was recorded as {} but its policy (version {}, {}) gives another outcome for the votes recorded",
                    if approved { "approved" } else { "rejected" },
                    grant.policy_version,
                    grant.tier.rule
                ),
            );
        }
        // Approved by the end of that day, the pool's commitments must still
        // fit in what it held (days are the ledger's unit of time).
        if approved {
            let day = decided.date();
            let held = match held_on.entry(day) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(holdings_committing(
                    conn,
                    Some(day),
                    committed(day),
                    Sums::Given(sums),
                )?),
            };
            let name = pool_names.get(&grant.pool).map_or("", String::as_str);
            let left = held
                .iter()
                .find(|h| h.pool == name && h.commodity == grant.commodity.code())
                .map_or(0, |h| h.available.minor());
            if left < 0 {
                checker.find(
                    codes::OVERCOMMITTED,
                    label,
                    format!(
                        "was approved on {} when its pool could not cover it: {} {} short at the end of that day",
                        decided.date(),
                        format_minor(-left, grant.commodity.decimals()),
                        grant.commodity.code()
                    ),
                );
            }
        }
    }
    Ok(())
}

/// The `grant_state` cache (V144): when it is usable (no record after the
/// one it is up to date through changes a replay), each grant's row is what
/// its replay gives, and it has no row for a grant that does not exist. A
/// cache that is behind is not read by anything until a write brings it up
/// to date, so it is not compared.
pub(super) fn check_grant_state(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
    replayed: &[(GrantId, Result<crate::domain::grant::Grant>)],
) -> Result<()> {
    use crate::store::grant_state;
    if !grants::state_usable(conn)? {
        return Ok(());
    }
    let cached = match grant_state::all(conn) {
        Ok(rows) => rows,
        Err(e) => {
            checker.find(codes::GRANT_STATE, "grant state".into(), e.to_string());
            return Ok(());
        }
    };
    let mut cached: BTreeMap<GrantId, Commitment> =
        cached.into_iter().map(|c| (c.grant, c)).collect();
    for (id, grant) in replayed {
        let Ok(grant) = grant else { continue };
        let label = id.to_string();
        match cached.remove(id) {
            None => checker.find(
                codes::GRANT_STATE,
                label,
                "the grant state cache has no row for it".into(),
            ),
            Some(row) if row != Commitment::of(grant) => checker.find(
                codes::GRANT_STATE,
                label,
                "the grant state cache disagrees with its records (what it commits, and when)"
                    .into(),
            ),
            Some(_) => {}
        }
    }
    for id in cached.keys() {
        checker.find(
            codes::GRANT_STATE,
            id.to_string(),
            "the grant state cache has a row for a grant the records do not have".into(),
        );
    }
    check_grant_committed(conn, checker, replayed)
}

/// The cache's running sum of what each pool's grants commit now (V145) is
/// the sum of what the replay of every grant commits.
pub(super) fn check_grant_committed(
    conn: &rusqlite::Connection,
    checker: &mut Checker,
    replayed: &[(GrantId, Result<crate::domain::grant::Grant>)],
) -> Result<()> {
    let mut expected: BTreeMap<(PoolId, String), i128> = BTreeMap::new();
    for (_, grant) in replayed {
        let Ok(grant) = grant else { continue };
        *expected
            .entry((grant.pool, grant.commodity.code().to_owned()))
            .or_insert(0) += i128::from(grant.outstanding_on(None));
    }
    let cached = crate::store::grant_state::committed(conn, None)?;
    let mut keys: Vec<&(PoolId, String)> = expected.keys().chain(cached.keys()).collect();
    keys.sort();
    keys.dedup();
    let pools = crate::store::pools::names_by_id(conn)?;
    for key in keys {
        let (want, got) = (
            expected.get(key).copied().unwrap_or(0),
            cached.get(key).copied().unwrap_or(0),
        );
        if want != got {
            let pool = pools
                .get(&key.0)
                .cloned()
                .unwrap_or_else(|| format!("#{}", key.0.get()));
            checker.find(
                codes::GRANT_COMMITTED,
                format!("pool {pool}"),
                format!(
                    "the grant state cache's sum of what the pool's grants commit in {} \
                     disagrees with its records",
                    key.1
                ),
            );
        }
    }
    Ok(())
}
