//! `grants.csv` against `votes.csv`, `policies.csv` and the journal: each
//! grant's tier found again with [`crate::domain::policy::tier_for`], its
//! counted votes recounted, its decision re-evaluated with
//! [`crate::domain::policy::evaluate`], its money added up and its tranches
//! and return found in the journal.
//!
//! Rule: each grant goes through named steps in a fixed order, so its
//! findings come in that order; the decision is re-evaluated with the same
//! policy code `fondo grant decide` uses.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::journal::{Ledger, Leg};
use super::{Book, Checker, Facts, Rec, STAMP, Table, codes, parse_stamp, whole};
use crate::domain::account::AccountType;
use crate::domain::bundle::rows::{GrantRow, PolicyRow, VoteRow};
use crate::domain::bundle::{GRANTS, JOURNAL, POLICIES, POOLS, VOTES};
use crate::domain::money::format_minor;
use crate::domain::policy::{Outcome, Rule, Tally, Tier, evaluate, parse_threshold, tier_for};

/// Parses policies.csv into the tiers of each (pool, version).
fn policies(
    table: &Table<PolicyRow>,
    book: &Book,
    checker: &mut Checker,
) -> HashMap<(String, u32), Vec<Tier>> {
    let mut out: HashMap<(String, u32), Vec<Tier>> = HashMap::new();
    for rec in &table.rows {
        let row = &rec.row;
        let number = |c: &str, text: &str, checker: &mut Checker| -> Option<u32> {
            let v = whole::<u32>(text);
            if v.is_none() {
                checker.find(
                    codes::CELL,
                    POLICIES,
                    rec.line,
                    format!("{c} {text:?} is not a whole number"),
                );
            }
            v
        };
        let Some(version) = number("version", &row.version, checker) else {
            continue;
        };
        if parse_stamp(&row.set_at).is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                format!("set_at {:?} is not YYYY-MM-DDTHH:MM:SS", row.set_at),
            );
        }
        let min_consents =
            |checker: &mut Checker| number("min_consents", &row.min_consents, checker);
        let rule = match row.rule.as_str() {
            "consent" => min_consents(checker).map(|min_consents| Rule::Consent { min_consents }),
            "lazy" => min_consents(checker).map(|min_consents| Rule::Lazy { min_consents }),
            "majority" => {
                let quorum = number("quorum", &row.quorum, checker);
                let threshold = row.threshold.as_str();
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
        let window = whole::<i64>(&row.window_minutes).filter(|w| *w > 0);
        if window.is_none() {
            checker.find(
                codes::CELL,
                POLICIES,
                rec.line,
                "window_minutes is not a positive whole number",
            );
        }
        let (up_to, commodity) = match (row.up_to.as_str(), row.commodity.as_str()) {
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
        out.entry((row.pool.clone(), version))
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
    line: u64,
    member: String,
    vote: String,
    at: Option<NaiveDateTime>,
    counted: bool,
}

/// The tiers of every (pool, version) of policies.csv.
type Tiers = HashMap<(String, u32), Vec<Tier>>;

/// Checks grants.csv with votes.csv, policies.csv and the journal; returns
/// what the grants have committed per (pool, commodity) and the number of
/// grants.
///
/// Each grant goes through the steps below in order (its cells, its tier,
/// its votes, its decision, its money, its tranches), so its findings come
/// in that order; then every vote on a grant that is not in grants.csv.
pub(super) fn check_grants(
    table: &Table<GrantRow>,
    votes: Option<&Table<VoteRow>>,
    policy_table: Option<&Table<PolicyRow>>,
    book: &Book,
    facts: &Facts,
    ledger: Option<&Ledger>,
    checker: &mut Checker,
) -> (BTreeMap<(String, String), i128>, u64) {
    let tiers = policy_table.map(|t| policies(t, book, checker));
    let mut casts = votes.map_or_else(BTreeMap::new, |v| read_votes(v, checker));
    let mut committed: BTreeMap<(String, String), i128> = BTreeMap::new();
    let mut labels = BTreeSet::new();
    let end = facts
        .to
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    for rec in &table.rows {
        let label = rec.row.grant.as_str();
        if !labels.insert(label) {
            checker.find(
                codes::CELL,
                GRANTS,
                rec.line,
                format!("{label} is listed twice"),
            );
            continue;
        }
        let g = read_grant(rec, book, checker);
        let tier = find_tier(&g, tiers.as_ref(), checker);
        if let Some(tier) = tier {
            check_tier(&g, tier, checker);
        }
        let mine = casts.remove(label).unwrap_or_default();
        let tally = recount(&g, &mine, end, checker);
        if let Some(tier) = tier {
            check_decision(&g, tier, &tally, checker);
        }
        let Some(money) = check_money(&g, checker) else {
            continue;
        };
        if money.held != 0 {
            *committed
                .entry((g.row.pool.clone(), g.row.commodity.clone()))
                .or_insert(0) += money.held;
        }
        if let Some(ledger) = ledger {
            check_tranches(&g, &money, ledger, book, facts, checker);
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

/// Reads votes.csv: each row's cells checked, the rows grouped by grant in
/// file order.
fn read_votes(table: &Table<VoteRow>, checker: &mut Checker) -> BTreeMap<String, Vec<Cast>> {
    let mut casts: BTreeMap<String, Vec<Cast>> = BTreeMap::new();
    for Rec { line, row } in &table.rows {
        let line = *line;
        let vote = row.vote.as_str();
        if !["consent", "object", "abstain", "withdrawn", "recused"].contains(&vote) {
            checker.find(
                codes::CELL,
                VOTES,
                line,
                format!("vote {vote:?} is none of consent, object, abstain, withdrawn, recused"),
            );
        }
        let at = parse_stamp(&row.at);
        if at.is_none() {
            checker.find(
                codes::CELL,
                VOTES,
                line,
                format!("at {:?} is not YYYY-MM-DDTHH:MM:SS", row.at),
            );
        }
        let counted = match row.counted.as_str() {
            "yes" => true,
            "no" => false,
            other => {
                checker.find(
                    codes::CELL,
                    VOTES,
                    line,
                    format!("counted {other:?} is neither yes nor no"),
                );
                false
            }
        };
        if vote == "object" && row.reason.is_empty() {
            checker.find(codes::VOTES, VOTES, line, "an objection without a reason");
        }
        casts.entry(row.grant.clone()).or_default().push(Cast {
            line,
            member: row.member.clone(),
            vote: vote.to_owned(),
            at,
            counted,
        });
    }
    casts
}

/// A row of grants.csv with its cells parsed (None: a malformed cell,
/// already reported).
struct Parsed<'r> {
    row: &'r GrantRow,
    line: u64,
    label: &'r str,
    amount: Option<i128>,
    paid: Option<i128>,
    paid_in_period: Option<i128>,
    spent: Option<i128>,
    returned: Option<i128>,
    held: Option<i128>,
    applied: Option<NaiveDateTime>,
    closes: Option<NaiveDateTime>,
    decided: Option<NaiveDateTime>,
    ended: Option<NaiveDateTime>,
    /// consents, objections, abstentions and eligible.
    counts: [Option<u32>; 4],
}

/// Step 1: the cells of a grant: its pool, its amounts, its moments, and a
/// status, decision and end that fit together.
fn read_grant<'r>(rec: &'r Rec<GrantRow>, book: &Book, checker: &mut Checker) -> Parsed<'r> {
    let (row, line) = (&rec.row, rec.line);
    let label = row.grant.as_str();
    let pool = row.pool.as_str();
    if !book.all_pools.contains(pool) {
        checker.find(
            codes::CELL,
            GRANTS,
            line,
            format!("pool {pool:?} is not in {POOLS}"),
        );
    }
    let mut money =
        |column: &str, text: &str| book.amount(checker, GRANTS, line, column, text, &row.commodity);
    let amount = money("amount", &row.amount);
    let paid = money("paid", &row.paid);
    let paid_in_period = money("paid_in_period", &row.paid_in_period);
    let spent = money("spent", &row.spent);
    let returned = money("returned", &row.returned);
    let held = money("committed", &row.committed);
    let mut stamp = |column: &str, text: &str, optional: bool| {
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
    let applied = stamp("applied_at", &row.applied_at, false);
    let closes = stamp("window_closes", &row.window_closes, false);
    let decided = stamp("decided_at", &row.decided_at, true);
    let ended = stamp("ended_at", &row.ended_at, true);
    let (status, decision) = (row.status.as_str(), row.decision.as_str());
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
    let counts = row.counts().map(|(column, text)| {
        let v = whole::<u32>(text);
        if v.is_none() {
            checker.find(
                codes::CELL,
                GRANTS,
                line,
                format!("{column} {text:?} is not a whole number"),
            );
        }
        v
    });
    Parsed {
        row,
        line,
        label,
        amount,
        paid,
        paid_in_period,
        spent,
        returned,
        held,
        applied,
        closes,
        decided,
        ended,
        counts,
    }
}

/// Step 2: the tier of the policy version it cites that its amount falls
/// in.
fn find_tier<'t>(
    g: &Parsed<'_>,
    tiers: Option<&'t Tiers>,
    checker: &mut Checker,
) -> Option<&'t Tier> {
    let (label, line, pool) = (g.label, g.line, g.row.pool.as_str());
    match (tiers, whole::<u32>(&g.row.policy_version), g.amount) {
        (Some(tiers), Some(version), Some(amount)) => {
            let Some(list) = tiers.get(&(pool.to_owned(), version)) else {
                checker.find(
                    codes::DECISION,
                    GRANTS,
                    line,
                    format!("{label} cites version {version} of the policy of {pool}, which {POLICIES} does not have"),
                );
                return None;
            };
            let tier = i64::try_from(amount)
                .ok()
                .and_then(|a| tier_for(list, &g.row.commodity, a));
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
    }
}

/// Step 3: its rule and window are its tier's.
fn check_tier(g: &Parsed<'_>, tier: &Tier, checker: &mut Checker) {
    let label = g.label;
    if tier.rule.to_string() != g.row.rule {
        checker.find(
            codes::DECISION,
            GRANTS,
            g.line,
            format!(
                "{label}: its rule is {:?}, but its tier in {POLICIES} gives {:?}",
                g.row.rule,
                tier.rule.to_string()
            ),
        );
    }
    // A window of a policy row is any positive number: beyond chrono's
    // range it gives no moment, never a panic.
    if let (Some(applied), Some(closes)) = (g.applied, g.closes)
        && Duration::try_minutes(tier.window_minutes)
            .and_then(|window| applied.checked_add_signed(window))
            != Some(closes)
    {
        checker.find(
            codes::DECISION,
            GRANTS,
            g.line,
            format!("{label}: window_closes is not applied_at plus the {} minutes of the window of its tier in {POLICIES}", tier.window_minutes),
        );
    }
}

/// Step 4: its votes recounted: each steward's latest vote by the time the
/// votes were counted (the decision, the withdrawal or the end of the
/// period, and never after the window closed), against the counted column
/// of votes.csv and the counts of grants.csv.
fn recount(g: &Parsed<'_>, mine: &[Cast], end: NaiveDateTime, checker: &mut Checker) -> Tally {
    let label = g.label;
    let mut tally = Tally::default();
    let moment = match (g.decided, g.row.status.as_str(), g.ended) {
        (Some(at), _, _) => at,
        (None, "withdrawn", Some(at)) => at,
        (None, _, _) => end,
    };
    let Some(until) = g.closes.map(|c| moment.min(c)) else {
        return tally;
    };
    // Each steward's latest vote by then (by time; in file order among
    // votes cast at the same second).
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
    if let [Some(c), Some(o), Some(a), Some(e)] = g.counts {
        if [c, o, a] != [tally.consents, tally.objections, tally.abstentions] {
            checker.find(
                codes::VOTES,
                GRANTS,
                g.line,
                format!(
                    "{label} counts {c} consent, {o} object, {a} abstain, but the counted votes of {VOTES} give {} consent, {} object, {} abstain",
                    tally.consents, tally.objections, tally.abstentions
                ),
            );
        }
        tally.eligible = e;
    }
    tally
}

/// Step 5: a decision is the one its tier's rule gives for the votes
/// counted.
fn check_decision(g: &Parsed<'_>, tier: &Tier, tally: &Tally, checker: &mut Checker) {
    let decision = g.row.decision.as_str();
    let (Some(decided), Some(closes), true) = (
        g.decided,
        g.closes,
        ["approved", "rejected"].contains(&decision),
    ) else {
        return;
    };
    let agrees = match evaluate(&tier.rule, tally, closes, decided) {
        Outcome::Approved(_) => decision == "approved",
        Outcome::Rejected(_) => decision == "rejected",
        Outcome::Open(_) => false,
    };
    if !agrees {
        checker.find(
            codes::DECISION,
            GRANTS,
            g.line,
            format!(
                "{} was {decision}, but its rule ({}) gives another outcome for the votes counted in {VOTES} ({} consent, {} object, {} abstain of {} eligible) at {}",
                g.label, tier.rule, tally.consents, tally.objections, tally.abstentions, tally.eligible, decided.format(STAMP)
            ),
        );
    }
}

/// A grant's money, once every amount of it could be read.
struct Money {
    paid_in_period: i128,
    held: i128,
}

/// Step 6: its money adds up by itself: never paid more than its amount,
/// paid_in_period part of paid, committed what is left to pay while
/// approved, nothing negative.
fn check_money(g: &Parsed<'_>, checker: &mut Checker) -> Option<Money> {
    let (Some(amount), Some(paid), Some(paid_in_period), Some(held)) =
        (g.amount, g.paid, g.paid_in_period, g.held)
    else {
        return None;
    };
    let (label, line) = (g.label, g.line);
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
    let expected = if g.row.status == "approved" {
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
    if g.spent.is_some_and(|s| s < 0) || g.returned.is_some_and(|r| r < 0) {
        checker.find(
            codes::PAYMENTS,
            GRANTS,
            line,
            format!("{label}: spent and returned are never negative"),
        );
    }
    Some(Money {
        paid_in_period,
        held,
    })
}

/// Step 7: its tranches dated within the period and its return are in the
/// journal, paying from and back to an expense account of its pool.
fn check_tranches(
    g: &Parsed<'_>,
    money: &Money,
    ledger: &Ledger,
    book: &Book,
    facts: &Facts,
    checker: &mut Checker,
) {
    let (label, line, row) = (g.label, g.line, g.row);
    let (pool, commodity) = (row.pool.as_str(), row.commodity.as_str());
    let grant_pool = if pool == "general" { "" } else { pool };
    let expense = |p: &Leg| p.is(AccountType::Expenses, commodity, grant_pool);
    let mut paid_found = 0i128;
    for txn in row.payment_txns.split_whitespace() {
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
    if paid_found != money.paid_in_period {
        checker.find(
            codes::PAYMENTS,
            GRANTS,
            line,
            format!(
                "{label}: paid_in_period is {}, but its tranches in {JOURNAL} dated within the period add up to {}",
                row.paid_in_period,
                format_minor(paid_found, book.decimals.get(commodity).copied().unwrap_or(0))
            ),
        );
    }
    if let (Some(t), Some(returned)) = (ledger.named.get(row.return_txn.as_str()), g.returned) {
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
                    row.returned
                ),
            );
        }
    }
}
