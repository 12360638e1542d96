//! The files re-derived from `records.csv`: `roles.csv` (role-term and
//! role-end records), `policies.csv` (policy records), `grants.csv` and
//! `votes.csv` (each grant replayed from its records with
//! [`crate::domain::grant::replay`], its rows built by the writer's own
//! [`crate::audit::bundle::derive`]), and who `contributors.csv` names
//! (contribution records). Each stated row must be one the records give,
//! and each row the records give must be stated (B137); a vote cast by the
//! grant's applicant, or by a member who was no steward on its day, is
//! B138.
//!
//! Stated, not checkable, and named so in README.txt: recusal rows (the
//! relations are shown without their reason in public bundles, and
//! `grants.csv`'s `eligible` is checked against them by `grants`), the
//! tally of a grant still open (checked against votes.csv by `grants`), a
//! text the bundle shows only as a commitment, and which commodity code a
//! grant's commodity id is (commodities are not governance records: the
//! code is taken from the grant's row).
//!
//! Rule: nothing is compared unless every record read and recomputed (a
//! withheld or broken record is already a finding or stated in README).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::journal::Ledger;
use super::records::{Entry, Log};
use super::{Book, Checker, Facts, Tables, codes};
use crate::audit::bundle::derive::{Shown, Standing, UNKNOWN, grant_row, policy_rows, vote_rows};
use crate::books::grants::Governance;
use crate::domain::account::AccountType;
use crate::domain::bundle::rows::BundleRow;
use crate::domain::bundle::{CONTRIBUTORS, GRANTS, POLICIES, RECORDS, ROLES, VOTES};
use crate::domain::date::{parse_date, parse_datetime};
use crate::domain::grant::{Step, replay};
use crate::domain::ids::{CommodityId, GrantId, MemberId, PoolId, TermId};
use crate::domain::money::Commodity;
use crate::domain::period::Span;
use crate::domain::records::{GrantStep, PolicyRecord, payload};

/// A row as cells, for comparing.
type Cells = Vec<String>;

fn cells<R: BundleRow>(row: &R) -> Cells {
    let value = serde_json::to_value(row).expect("bundle rows are plain text");
    crate::domain::bundle::columns(R::FILE)
        .iter()
        .map(|c| value[*c].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Whether a stated row is the derived one (an [`UNKNOWN`] cell matches
/// anything).
fn same(stated: &[String], derived: &[String]) -> bool {
    stated.len() == derived.len()
        && stated
            .iter()
            .zip(derived)
            .all(|(s, d)| d.contains(UNKNOWN) || s == d)
}

/// Compares the stated rows of `file` with the derived ones, as multisets.
fn compare(file: &str, stated: Vec<(u64, Cells)>, mut derived: Vec<Cells>, checker: &mut Checker) {
    for (line, row) in stated {
        match derived.iter().position(|d| same(&row, d)) {
            Some(i) => {
                derived.remove(i);
            }
            None => checker.find(
                codes::DERIVED,
                file,
                line,
                format!("is not a row that {RECORDS} gives: {}", row.join(",")),
            ),
        }
    }
    for row in derived {
        let shown: Vec<&str> = row
            .iter()
            .map(|c| if c.contains(UNKNOWN) { "?" } else { c.as_str() })
            .collect();
        checker.find(
            codes::DERIVED,
            file,
            0,
            format!("lacks a row that {RECORDS} gives: {}", shown.join(",")),
        );
    }
}

/// A role term as the records give it.
struct Term {
    member: MemberId,
    role: String,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

/// The role terms the records give, in chain order: as they stood after
/// each record (`each`) and at the end.
fn terms(log: &Log, mut each: impl FnMut(&Entry, &BTreeMap<TermId, Term>)) -> Vec<Term> {
    let mut terms: BTreeMap<TermId, Term> = BTreeMap::new();
    for e in &log.entries {
        each(e, &terms);
        let p = &e.payload;
        let day = |key: &str| p[key].as_str().and_then(|d| parse_date(d).ok());
        match e.kind.as_str() {
            "role-term" => {
                if let (Some(id), Some(member), Some(role), Some(from)) = (
                    p["id"].as_i64().map(TermId::new),
                    p["member"].as_i64().map(MemberId::new),
                    p["role"].as_str(),
                    day("starts_on"),
                ) {
                    terms.insert(
                        id,
                        Term {
                            member,
                            role: role.to_owned(),
                            from,
                            until: day("ends_on"),
                        },
                    );
                }
            }
            "role-end" => {
                if let Some(term) = p["id"]
                    .as_i64()
                    .and_then(|id| terms.get_mut(&TermId::new(id)))
                {
                    term.until = day("ends_on");
                }
            }
            _ => {}
        }
    }
    terms.into_values().collect()
}

/// Every check of this module; `ledger` when journal.csv could be read.
pub(super) fn check_derived(
    log: &Log,
    tables: &Tables,
    book: &Book,
    facts: &Facts,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) {
    if log.gaps > 0 {
        return;
    }
    let Ok(span) = Span::between(facts.from, facts.to) else {
        return;
    };
    let person = |id: MemberId| log.label(id);
    let mut pool_names: HashMap<PoolId, String> =
        HashMap::from([(PoolId::new(1), "general".to_owned())]);
    for e in log.entries.iter().filter(|e| e.kind == "pool") {
        if let (Some(id), Some(name)) = (
            e.payload["id"].as_i64().map(PoolId::new),
            e.payload["name"].as_str(),
        ) {
            let shown = log.pool_labels.get(&id).map_or(name, String::as_str);
            pool_names.insert(id, shown.to_owned());
        }
    }
    let pool = |id: PoolId| {
        pool_names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| UNKNOWN.to_owned())
    };
    let text = |t: &str| t.to_owned();
    let shown = Shown {
        person: &person,
        pool: &pool,
        text: &text,
    };
    // Votes count as cast: a voter is judged by the role terms recorded
    // before their vote, not by a term ended later.
    let mut applicants: HashMap<GrantId, MemberId> = HashMap::new();
    let terms = terms(log, |e, terms| {
        if e.kind == "application"
            && let (Some(g), Some(a)) = (e.grant, e.payload["applicant"].as_i64())
        {
            applicants.insert(g, MemberId::new(a));
        }
        if e.kind == "vote" {
            check_voter(
                e,
                e.grant.and_then(|g| applicants.get(&g).copied()),
                terms,
                &person,
                checker,
            );
        }
    });

    if let Some(roles) = &tables.roles {
        let derived = terms
            .iter()
            .filter(|t| t.from <= span.to)
            .map(|t| {
                vec![
                    person(t.member),
                    t.role.clone(),
                    t.from.to_string(),
                    t.until.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        let stated = roles.rows.iter().map(|r| (r.line, cells(&r.row))).collect();
        compare(ROLES, stated, derived, checker);
    }

    let mut policies: Vec<PolicyRecord> = Vec::new();
    let mut policy_cells = Vec::new();
    let places = |code: &str| book.decimals.get(code).copied();
    for e in log.entries.iter().filter(|e| e.kind == "policy") {
        let (Ok(policy), Ok(at)) = (
            payload::<PolicyRecord>(e.id, &e.kind, &e.payload),
            parse_datetime(&e.at),
        ) else {
            checker.find(
                codes::DERIVED,
                RECORDS,
                e.line,
                "a policy record that cannot be read as one",
            );
            continue;
        };
        if at.date() <= span.to {
            for row in policy_rows(&pool(policy.pool), at, &policy, &places, &shown) {
                policy_cells.push(cells(&row));
            }
        }
        policies.push(policy);
    }
    if let Some(table) = &tables.policies {
        let stated = table.rows.iter().map(|r| (r.line, cells(&r.row))).collect();
        compare(POLICIES, stated, policy_cells, checker);
    }

    // The grants, replayed. A commodity id is named by the code of a
    // grant's row that asked for it.
    let mut steps: BTreeMap<GrantId, Vec<&Entry>> = BTreeMap::new();
    for e in &log.entries {
        if let Some(g) = e.grant {
            steps.entry(g).or_default().push(e);
        }
    }
    let stated_commodity: HashMap<String, String> =
        tables.grants.as_ref().map_or_else(HashMap::new, |t| {
            t.rows
                .iter()
                .map(|r| (r.row.grant.clone(), r.row.commodity.clone()))
                .collect()
        });
    let mut codes_by_id: HashMap<CommodityId, String> = HashMap::new();
    for (id, entries) in &steps {
        if let Some(app) = entries.iter().find(|e| e.kind == "application")
            && let (Some(c), Some(code)) = (
                app.payload["commodity"].as_i64().map(CommodityId::new),
                stated_commodity.get(&id.to_string()),
            )
        {
            codes_by_id.entry(c).or_insert_with(|| code.clone());
        }
    }
    let commodities: HashMap<CommodityId, Commodity> = codes_by_id
        .iter()
        .filter_map(|(id, code)| {
            let decimals = *book.decimals.get(code)?;
            Some((*id, Commodity::stored(code.clone(), decimals)))
        })
        .collect();
    // Who could vote, and with which keys, as records.csv says; the fund's
    // id as BUNDLE.csv states it (ballots name it).
    let electorate = Governance::from_records(
        facts.raw["fund_id"].clone(),
        log.entries
            .iter()
            .map(|e| (e.id, e.kind.as_str(), e.at.as_str(), &e.payload)),
    );
    let mut grant_cells = Vec::new();
    let mut vote_cells = Vec::new();
    for (id, entries) in &steps {
        let read: Result<Vec<Step>, String> = entries
            .iter()
            .map(|e| {
                let at = parse_datetime(&e.at).map_err(|e| e.to_string())?;
                let step = GrantStep::read(e.id, &e.kind, &e.payload).map_err(|e| e.to_string())?;
                Ok(Step {
                    record: e.id,
                    hash: e.hash.clone(),
                    at,
                    step,
                })
            })
            .collect();
        // A grant not in grants.csv (finished before the period, or its row
        // deleted) may ask for a commodity no row names: the first code of
        // commodities.csv that replays it stands in (a row it gives is then
        // missing from grants.csv either way).
        let g = read.and_then(|steps| {
            let first = replay(*id, &steps, &policies, &commodities, &electorate)
                .map_err(|e| e.to_string());
            let asked = entries
                .iter()
                .find(|e| e.kind == "application")
                .and_then(|e| e.payload["commodity"].as_i64())
                .map(CommodityId::new);
            match asked {
                Some(c) if first.is_err() && !commodities.contains_key(&c) => {
                    let mut guesses = commodities.clone();
                    let mut codes: Vec<_> = book.decimals.iter().collect();
                    codes.sort();
                    codes
                        .into_iter()
                        .find_map(|(code, decimals)| {
                            guesses.insert(c, Commodity::stored(code.clone(), *decimals));
                            replay(*id, &steps, &policies, &guesses, &electorate).ok()
                        })
                        .ok_or_else(|| first.err().unwrap_or_default())
                }
                _ => first,
            }
        });
        let g = match g {
            Ok(g) => g,
            Err(why) => {
                checker.find(
                    codes::DERIVED,
                    RECORDS,
                    entries[0].line,
                    format!("{id} cannot be replayed from its records: {why}"),
                );
                continue;
            }
        };
        let Some(st) = Standing::of(&g, &span) else {
            continue;
        };
        grant_cells.push(cells(&grant_row(&g, &st, &span, &shown, None)));
        vote_cells.extend(vote_rows(&g, &st, &span, &shown).iter().map(cells));
    }
    if let Some(table) = &tables.grants {
        let stated = table.rows.iter().map(|r| (r.line, cells(&r.row))).collect();
        compare(GRANTS, stated, grant_cells, checker);
    }
    if let Some(table) = &tables.votes {
        let stated = table
            .rows
            .iter()
            .filter(|r| r.row.vote != "recused")
            .map(|r| (r.line, cells(&r.row)))
            .collect();
        compare(VOTES, stated, vote_cells, checker);
    }

    if let Some(table) = &tables.contributors {
        let givers: HashMap<String, String> = log
            .entries
            .iter()
            .filter(|e| e.kind == "contribution")
            .filter_map(|e| {
                let txn = e.payload["txn"].as_i64()?.to_string();
                let giver = e.payload["member"]
                    .as_i64()
                    .map(MemberId::new)
                    .map_or_else(|| "anonymous".to_owned(), person);
                Some((txn, giver))
            })
            .collect();
        for r in &table.rows {
            match givers.get(&r.row.txn) {
                Some(giver) if *giver == r.row.contributor => {}
                Some(giver) => checker.find(
                    codes::DERIVED,
                    CONTRIBUTORS,
                    r.line,
                    format!(
                        "txn {} came from {giver} by its contribution record, not {}",
                        r.row.txn, r.row.contributor
                    ),
                ),
                None => checker.find(
                    codes::DERIVED,
                    CONTRIBUTORS,
                    r.line,
                    format!("txn {} has no contribution record in {RECORDS}", r.row.txn),
                ),
            }
        }
        if let Some(ledger) = ledger {
            for (txn, giver) in &givers {
                let income = ledger.named.get(txn).is_some_and(|t| {
                    t.postings
                        .iter()
                        .any(|l| l.kind == Some(AccountType::Income))
                });
                if income && !table.rows.iter().any(|r| &r.row.txn == txn) {
                    checker.find(
                        codes::DERIVED,
                        CONTRIBUTORS,
                        0,
                        format!("lacks txn {txn}, a contribution from {giver} dated in the period"),
                    );
                }
            }
        }
    }
}

/// A vote must come from a steward in term on its day (by the terms
/// recorded before it) who is not the grant's applicant.
fn check_voter(
    e: &Entry,
    applicant: Option<MemberId>,
    terms: &BTreeMap<TermId, Term>,
    person: &dyn Fn(MemberId) -> String,
    checker: &mut Checker,
) {
    let (Some(member), Ok(at)) = (
        e.payload["member"].as_i64().map(MemberId::new),
        parse_datetime(&e.at),
    ) else {
        return;
    };
    let day = at.date();
    let label = e
        .grant
        .map_or_else(|| "a vote with no grant".to_owned(), |g| g.to_string());
    if applicant == Some(member) {
        checker.find(
            codes::VOTER,
            RECORDS,
            e.line,
            format!("{} voted on {label}, their own application", person(member)),
        );
    }
    let steward = terms.values().any(|t| {
        t.member == member
            && t.role == "steward"
            && t.from <= day
            && t.until.is_none_or(|u| day <= u)
    });
    if !steward {
        checker.find(
            codes::VOTER,
            RECORDS,
            e.line,
            format!(
                "{} voted on {label} on {day} without being a steward in term that day",
                person(member)
            ),
        );
    }
}
