//! `grants.csv` against `votes.csv`, `policies.csv` and the journal: each
//! grant's tier found again with [`crate::domain::policy::tier_for`], its
//! counted votes recounted, its decision re-evaluated with
//! [`crate::domain::policy::evaluate`], its money added up and its tranches
//! and return found in the journal.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::journal::{Ledger, Leg};
use super::{Book, Checker, Facts, STAMP, Table, codes, parse_stamp, whole};
use crate::audit::bundle::{GRANTS, JOURNAL, POLICIES, POOLS, VOTES};
use crate::domain::account::AccountType;
use crate::domain::money::format_minor;
use crate::domain::policy::{Outcome, Rule, Tally, Tier, evaluate, parse_threshold, tier_for};

/// Parses policies.csv into the tiers of each (pool, version).
fn policies(
    table: &Table,
    book: &Book,
    checker: &mut Checker,
) -> HashMap<(String, u32), Vec<Tier>> {
    let mut out: HashMap<(String, u32), Vec<Tier>> = HashMap::new();
    for rec in &table.rows {
        let cell = |c: &str| table.get(rec, c);
        let number = |c: &str, checker: &mut Checker| -> Option<u32> {
            let v = whole::<u32>(cell(c));
            if v.is_none() {
                checker.find(
                    codes::CELL,
                    POLICIES,
                    rec.line,
                    format!("{c} {:?} is not a whole number", cell(c)),
                );
            }
            v
        };
        let Some(version) = number("version", checker) else {
            continue;
        };
        if parse_stamp(cell("set_at")).is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                format!("set_at {:?} is not YYYY-MM-DDTHH:MM:SS", cell("set_at")),
            );
        }
        let rule = match cell("rule") {
            "consent" => {
                number("min_consents", checker).map(|min_consents| Rule::Consent { min_consents })
            }
            "lazy" => {
                number("min_consents", checker).map(|min_consents| Rule::Lazy { min_consents })
            }
            "majority" => {
                let quorum = number("quorum", checker);
                let threshold = cell("threshold");
                if parse_threshold(threshold).is_err() {
                    checker.find(
                        codes::CELL,
                        POLICIES,
                        rec.line,
                        format!("threshold {threshold:?} is not a share from 0 up to 1"),
                    );
                }
                quorum.map(|quorum| Rule::Majority {
                    quorum,
                    threshold: threshold.to_owned(),
                })
            }
            other => {
                checker.find(
                    codes::CELL,
                    POLICIES,
                    rec.line,
                    format!("rule {other:?} is none of consent, majority, lazy"),
                );
                None
            }
        };
        let window = whole::<i64>(cell("window_minutes")).filter(|w| *w > 0);
        if window.is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                "window_minutes is not a positive whole number",
            );
        }
        let (up_to, commodity) = match (cell("up_to"), cell("commodity")) {
            ("", "") => (None, None),
            (amount, code) => (
                book.amount(checker, POLICIES, rec.line, "up_to", amount, code)
                    .and_then(|m| i64::try_from(m).ok()),
                Some(code.to_owned()),
            ),
        };
        if commodity.is_some() && up_to.is_none() {
            continue;
        }
        let (Some(rule), Some(window_minutes)) = (rule, window) else {
            continue;
        };
        out.entry((cell("pool").to_owned(), version))
            .or_default()
            .push(Tier {
                up_to,
                commodity,
                rule,
                window_minutes,
            });
    }
    out
}

/// A vote row of votes.csv.
struct Cast {
    pub(super) line: u64,
    pub(super) member: String,
    pub(super) vote: String,
    pub(super) at: Option<NaiveDateTime>,
    pub(super) counted: bool,
}

/// Checks grants.csv with votes.csv, policies.csv and the journal; returns
/// what the grants have committed per (pool, commodity) and the number of
/// grants.
pub(super) fn check_grants(
    table: &Table,
    votes: Option<&Table>,
    policy_table: Option<&Table>,
    book: &Book,
    facts: &Facts,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) -> (BTreeMap<(String, String), i128>, u64) {
    let tiers = policy_table.map(|t| policies(t, book, checker));
    let mut casts: BTreeMap<String, Vec<Cast>> = BTreeMap::new();
    if let Some(v) = votes {
        for rec in &v.rows {
            let vote = v.get(rec, "vote");
            if !["consent", "object", "abstain", "withdrawn", "recused"].contains(&vote) {
                checker.find(
                    codes::CELL,
                    VOTES,
                    rec.line,
                    format!(
                        "vote {vote:?} is none of consent, object, abstain, withdrawn, recused"
                    ),
                );
            }
            let at = parse_stamp(v.get(rec, "at"));
            if at.is_none() {
                checker.find(
                    codes::CELL,
                    VOTES,
                    rec.line,
                    format!("at {:?} is not YYYY-MM-DDTHH:MM:SS", v.get(rec, "at")),
                );
            }
            let counted = match v.get(rec, "counted") {
                "yes" => true,
                "no" => false,
                other => {
                    checker.find(
                        codes::CELL,
                        VOTES,
                        rec.line,
                        format!("counted {other:?} is neither yes nor no"),
                    );
                    false
                }
            };
            if vote == "object" && v.get(rec, "reason").is_empty() {
                checker.find(
                    codes::VOTES,
                    VOTES,
                    rec.line,
                    "an objection without a reason",
                );
            }
            casts
                .entry(v.get(rec, "grant").to_owned())
                .or_default()
                .push(Cast {
                    line: rec.line,
                    member: v.get(rec, "member").to_owned(),
                    vote: vote.to_owned(),
                    at,
                    counted,
                });
        }
    }
    let mut committed: BTreeMap<(String, String), i128> = BTreeMap::new();
    let mut labels = BTreeSet::new();
    let end = facts
        .to
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    for rec in &table.rows {
        let cell = |c: &str| table.get(rec, c);
        let line = rec.line;
        let label = cell("grant").to_owned();
        if !labels.insert(label.clone()) {
            checker.find(
                codes::CELL,
                GRANTS,
                line,
                format!("{label} is listed twice"),
            );
            continue;
        }
        let pool = cell("pool");
        if !book.all_pools.contains(pool) {
            checker.find(
                codes::CELL,
                GRANTS,
                line,
                format!("pool {pool:?} is not in {POOLS}"),
            );
        }
        let commodity = cell("commodity");
        let money = |column: &str, checker: &mut Checker| {
            book.amount(checker, GRANTS, line, column, cell(column), commodity)
        };
        let amount = money("amount", checker);
        let paid = money("paid", checker);
        let paid_in_period = money("paid_in_period", checker);
        let spent = money("spent", checker);
        let returned = money("returned", checker);
        let held = money("committed", checker);
        let stamp = |column: &str, optional: bool, checker: &mut Checker| {
            let text = cell(column);
            if optional && text.is_empty() {
                return None;
            }
            let at = parse_stamp(text);
            if at.is_none() {
                checker.find(
                    codes::CELL,
                    GRANTS,
                    line,
                    format!("{column} {text:?} is not YYYY-MM-DDTHH:MM:SS"),
                );
            }
            at
        };
        let applied = stamp("applied_at", false, checker);
        let closes = stamp("window_closes", false, checker);
        let decided = stamp("decided_at", true, checker);
        let ended = stamp("ended_at", true, checker);
        let status = cell("status");
        let decision = cell("decision");
        let consistent = match decision {
            "" => ["open", "withdrawn"].contains(&status) && decided.is_none(),
            "approved" => ["approved", "closed"].contains(&status) && decided.is_some(),
            "rejected" => status == "rejected" && decided.is_some(),
            _ => false,
        };
        if !consistent {
            checker.find(
                codes::DECISION,
                GRANTS,
                line,
                format!("{label}: status {status:?}, decision {decision:?} and decided_at do not fit together"),
            );
        }
        if ["closed", "withdrawn"].contains(&status) != ended.is_some() {
            checker.find(
                codes::DECISION,
                GRANTS,
                line,
                format!("{label}: ended_at is set exactly when it is closed or withdrawn"),
            );
        }
        let counts: Vec<Option<u32>> = ["consents", "objections", "abstentions", "eligible"]
            .iter()
            .map(|c| {
                let v = whole::<u32>(cell(c));
                if v.is_none() {
                    checker.find(
                        codes::CELL,
                        GRANTS,
                        line,
                        format!("{c} {:?} is not a whole number", cell(c)),
                    );
                }
                v
            })
            .collect();
        // The policy: the tier its amount falls in, its rule and window.
        let version = whole::<u32>(cell("policy_version"));
        let tier = match (&tiers, version, amount) {
            (Some(tiers), Some(version), Some(amount)) => {
                match tiers.get(&(pool.to_owned(), version)) {
                    None => {
                        checker.find(
                            codes::DECISION,
                            GRANTS,
                            line,
                            format!("{label} cites version {version} of the policy of {pool}, which {POLICIES} does not have"),
                        );
                        None
                    }
                    Some(list) => {
                        let tier = i64::try_from(amount)
                            .ok()
                            .and_then(|a| tier_for(list, commodity, a));
                        if tier.is_none() {
                            checker.find(
                                codes::DECISION,
                                GRANTS,
                                line,
                                format!("{label} falls in no tier of version {version} of the policy of {pool} in {POLICIES}"),
                            );
                        }
                        tier
                    }
                }
            }
            (_, None, _) => {
                checker.find(
                    codes::CELL,
                    GRANTS,
                    line,
                    "policy_version is not a whole number",
                );
                None
            }
            _ => None,
        };
        if let Some(tier) = tier {
            if tier.rule.to_string() != cell("rule") {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!(
                        "{label}: its rule is {:?}, but its tier in {POLICIES} gives {:?}",
                        cell("rule"),
                        tier.rule.to_string()
                    ),
                );
            }
            // A window of a policy row is any positive number: beyond
            // chrono's range it gives no moment, never a panic.
            if let (Some(applied), Some(closes)) = (applied, closes)
                && Duration::try_minutes(tier.window_minutes)
                    .and_then(|window| applied.checked_add_signed(window))
                    != Some(closes)
            {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!("{label}: window_closes is not applied_at plus the {} minutes of the window of its tier in {POLICIES}", tier.window_minutes),
                );
            }
        }
        // The votes counted.
        let moment = match (decided, status, ended) {
            (Some(at), _, _) => Some(at),
            (None, "withdrawn", Some(at)) => Some(at),
            (None, _, _) => Some(end),
        };
        let until = match (moment, closes) {
            (Some(m), Some(c)) => Some(m.min(c)),
            _ => None,
        };
        let mine = casts.remove(&label).unwrap_or_default();
        let mut tally = Tally::default();
        if let Some(until) = until {
            // Each steward's latest vote by then (by time; in file order
            // among votes cast at the same second).
            let mut latest: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, c) in mine.iter().enumerate() {
                let Some(at) = c.at.filter(|at| *at <= until && c.vote != "recused") else {
                    continue;
                };
                let later = latest
                    .get(c.member.as_str())
                    .is_none_or(|j| mine[*j].at.is_some_and(|prev| prev <= at));
                if later {
                    latest.insert(&c.member, i);
                }
            }
            // A steward whose latest is a withdrawal has no vote counted.
            latest.retain(|_, i| mine[*i].vote != "withdrawn");
            for (i, c) in mine.iter().enumerate() {
                let expected = latest.get(c.member.as_str()) == Some(&i);
                if c.counted != expected {
                    checker.find(
                        codes::VOTES,
                        VOTES,
                        c.line,
                        format!(
                            "{label}: counted says {}, but this is {} the latest vote of {} cast by the time the votes were counted",
                            if c.counted { "yes" } else { "no" },
                            if expected { "" } else { "not" },
                            c.member
                        ),
                    );
                }
                if c.vote == "recused" && latest.contains_key(c.member.as_str()) {
                    checker.find(
                        codes::VOTES,
                        VOTES,
                        c.line,
                        format!("{label}: {} had to recuse but has a vote counted", c.member),
                    );
                }
            }
            for i in latest.values() {
                match mine[*i].vote.as_str() {
                    "consent" => tally.consents += 1,
                    "object" => tally.objections += 1,
                    _ => tally.abstentions += 1,
                }
            }
            if let [Some(c), Some(o), Some(a), Some(e)] = counts[..] {
                if [c, o, a] != [tally.consents, tally.objections, tally.abstentions] {
                    checker.find(
                        codes::VOTES,
                        GRANTS,
                        line,
                        format!(
                            "{label} counts {c} consent, {o} object, {a} abstain, but the counted votes of {VOTES} give {} consent, {} object, {} abstain",
                            tally.consents, tally.objections, tally.abstentions
                        ),
                    );
                }
                tally.eligible = e;
            }
        }
        if let (Some(tier), Some(decided), Some(closes), true) = (
            tier,
            decided,
            closes,
            ["approved", "rejected"].contains(&decision),
        ) {
            let outcome = evaluate(&tier.rule, &tally, closes, decided);
            let agrees = match outcome {
                Outcome::Approved(_) => decision == "approved",
                Outcome::Rejected(_) => decision == "rejected",
                Outcome::Open(_) => false,
            };
            if !agrees {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!(
                        "{label} was {decision}, but its rule ({}) gives another outcome for the votes counted in {VOTES} ({} consent, {} object, {} abstain of {} eligible) at {}",
                        tier.rule, tally.consents, tally.objections, tally.abstentions, tally.eligible, decided.format(STAMP)
                    ),
                );
            }
        }
        // Money.
        let (Some(amount), Some(paid), Some(paid_in_period), Some(held)) =
            (amount, paid, paid_in_period, held)
        else {
            continue;
        };
        if paid > amount {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label} was paid more than its amount"),
            );
        }
        if paid_in_period > paid || paid_in_period < 0 {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label}: paid_in_period is not part of paid"),
            );
        }
        let expected = if status == "approved" {
            amount - paid
        } else {
            0
        };
        if held != expected {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!(
                    "{label}: committed should be {} (amount - paid while approved, else 0)",
                    expected
                ),
            );
        }
        if spent.is_some_and(|s| s < 0) || returned.is_some_and(|r| r < 0) {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!("{label}: spent and returned are never negative"),
            );
        }
        if held != 0 {
            *committed
                .entry((pool.to_owned(), commodity.to_owned()))
                .or_insert(0) += held;
        }
        let Some(ledger) = ledger else { continue };
        let grant_pool = if pool == "general" { "" } else { pool };
        let expense = |p: &Leg| p.is(AccountType::Expenses, commodity, grant_pool);
        let mut paid_found = 0i128;
        for txn in cell("payment_txns").split_whitespace() {
            match (ledger.named.get(txn), ledger.dates.get(txn)) {
                (Some(t), _) => {
                    let tranche: i128 = t
                        .postings
                        .iter()
                        .filter(|p| expense(p) && p.amount > 0)
                        .map(|p| p.amount)
                        .sum();
                    if tranche == 0 {
                        checker.find(
                            codes::PAYMENTS,
                            GRANTS,
                            line,
                            format!("{label}: txn {txn} of payment_txns pays nothing to an expense account of pool {pool} in {commodity} in {JOURNAL}"),
                        );
                    }
                    paid_found += tranche;
                }
                (None, Some(Some(date))) if *date > facts.to => checker.find(
                    codes::PAYMENTS,
                    GRANTS,
                    line,
                    format!(
                        "{label}: txn {txn} of payment_txns is dated after the period in {JOURNAL}"
                    ),
                ),
                _ => {}
            }
        }
        if paid_found != paid_in_period {
            checker.find(
                codes::PAYMENTS,
                GRANTS,
                line,
                format!(
                    "{label}: paid_in_period is {}, but its tranches in {JOURNAL} dated within the period add up to {}",
                    cell("paid_in_period"),
                    format_minor(paid_found, book.decimals.get(commodity).copied().unwrap_or(0))
                ),
            );
        }
        if let (Some(t), Some(returned)) = (ledger.named.get(cell("return_txn")), returned) {
            let back: i128 = t
                .postings
                .iter()
                .filter(|p| expense(p) && p.amount < 0)
                .map(|p| -p.amount)
                .sum();
            if back != returned {
                checker.find(
                    codes::PAYMENTS,
                    GRANTS,
                    line,
                    format!(
                        "{label}: returned is {}, but its return_txn in {JOURNAL} gives back another amount",
                        cell("returned")
                    ),
                );
            }
        }
    }
    for (label, list) in casts {
        for c in list {
            checker.find(
                codes::VOTES,
                VOTES,
                c.line,
                format!("a vote on {label}, which is not in {GRANTS}"),
            );
        }
    }
    (committed, labels.len() as u64)
}
