//! Every text of the handover page, in English, and nothing else; `page.rs`
//! chooses what to say and writes no word itself. The seam for translating
//! it, as `report::forum::messages` is for the forum page.

use chrono::NaiveDate;

use super::Waiting;

pub fn title(fund: &str, on: NaiveDate) -> String {
    format!("{fund}: treasurer's handover, {on}")
}

pub fn heading(fund: &str) -> String {
    format!("Handing over the books of {fund}")
}

pub fn subtitle(on: NaiveDate) -> String {
    format!("The books as they stand at the end of {on}, for the treasurer taking over")
}

pub fn footer() -> String {
    "Made by fondo from the fund's books (fondo handover). Every figure comes from the same books as fondo balance, pool list, grant list, pledge status and role list.".to_owned()
}

pub fn checklist_heading() -> String {
    "Your first week".to_owned()
}

/// The checklist, in order.
pub struct Checklist<'a> {
    pub fingerprint: &'a str,
    pub backup: &'a str,
    pub decisions: usize,
    pub payments: usize,
    pub reports: usize,
    pub pledges: usize,
    pub ending: usize,
}

pub fn checklist(c: &Checklist<'_>) -> Vec<String> {
    let mut items = vec![
        format!(
            "Run fondo verify on the books you were given: it must find nothing and end with the fingerprint {}.",
            c.fingerprint
        ),
        format!(
            "Keep the backup {} somewhere other than the computer the books are on; try restoring it once (fondo restore) to know how.",
            c.backup
        ),
        "Take over the treasurer role: the outgoing treasurer's term ends (fondo role end) and yours starts (fondo role assign).".to_owned(),
        "Reconcile every bank account with its statement: the balances below must match what the bank says.".to_owned(),
    ];
    if c.decisions > 0 {
        items.push(format!(
            "Decide the {} waiting for a decision with the stewards (fondo grant decide).",
            grants(c.decisions)
        ));
    }
    if c.payments > 0 {
        items.push(format!(
            "Pay, or agree when to pay, the {} approved and not fully paid (fondo grant pay).",
            grants(c.payments)
        ));
    }
    if c.reports > 0 {
        items.push(format!(
            "Ask for the spending reports of the {} paid and not fully reported (fondo grant spend).",
            grants(c.reports)
        ));
    }
    if c.pledges > 0 {
        items.push(format!(
            "Check in with the members of the {} behind; end those that are over (fondo pledge end).",
            if c.pledges == 1 {
                "pledge".to_owned()
            } else {
                format!("{} pledges", c.pledges)
            }
        ));
    }
    if c.ending > 0 {
        items.push(format!(
            "Find who takes over the {} ending soon, before it ends (fondo role assign).",
            if c.ending == 1 {
                "role term".to_owned()
            } else {
                format!("{} role terms", c.ending)
            }
        ));
    }
    items.push("Run fondo doctor: it lists what else is waiting.".to_owned());
    items
}

fn grants(n: usize) -> String {
    if n == 1 {
        "grant".to_owned()
    } else {
        format!("{n} grants")
    }
}

pub fn balances_heading() -> String {
    "Balances per account (assets and liabilities)".to_owned()
}

pub fn pools_heading() -> String {
    "Pools: held, committed, available".to_owned()
}

pub fn grants_heading() -> String {
    "Grants waiting".to_owned()
}

pub fn grants_none() -> String {
    "No grant is waiting for a vote, a decision, a payment or a spending report.".to_owned()
}

pub fn waiting(w: Waiting) -> String {
    match w {
        Waiting::Votes => "votes (window open)",
        Waiting::Decision => "a decision",
        Waiting::Payment => "a payment",
        Waiting::SpendingReport => "a spending report",
    }
    .to_owned()
}

pub fn pledges_heading() -> String {
    "Pledges behind".to_owned()
}

pub fn pledges_none() -> String {
    "Every pledge is kept for the periods that have ended.".to_owned()
}

pub fn milestones_heading() -> String {
    "Reconciliation and period close".to_owned()
}

pub fn milestone(kind: &str) -> String {
    match kind {
        "reconciliation" => "Last reconciliation",
        "period-close" => "Last period close",
        other => other,
    }
    .to_owned()
}

pub fn milestone_none(kind: &str) -> String {
    format!("{}: none recorded.", milestone(kind))
}

pub fn milestone_at(kind: &str, at: &str, detail: &str) -> String {
    if detail.is_empty() {
        format!("{}: {at}.", milestone(kind))
    } else {
        format!("{}: {at} ({detail}).", milestone(kind))
    }
}

pub fn roles_heading() -> String {
    "Roles ending soon".to_owned()
}

pub fn roles_none(days: u64) -> String {
    format!("No role term ends in the next {days} days.")
}

pub fn books_heading() -> String {
    "The books and their backup".to_owned()
}

pub fn books(transactions: i64, records: i64) -> String {
    format!(
        "The journal holds {transactions} transactions and the governance records {records} records. Their heads below are what fondo verify prints; write them down."
    )
}

pub fn fingerprint_label() -> String {
    "Ledger fingerprint".to_owned()
}

pub fn records_label() -> String {
    "Governance records head".to_owned()
}

pub fn backup(file: &str, findings: usize) -> String {
    match findings {
        0 => format!(
            "A backup of the books is in {file} next to this page; it was verified when it was made: no findings."
        ),
        n => format!(
            "A backup of the books is in {file} next to this page; verifying it found {n} problem(s): run fondo verify on it before relying on it."
        ),
    }
}

/// The title of a table's column.
///
/// # Panics
/// On a column the page does not have (a mistake in `page.rs`).
pub fn column_title(table: &str, field: &str) -> String {
    match (table, field) {
        (_, "account") => "Account",
        (_, "commodity") => "Commodity",
        (_, "balance") => "Balance",
        (_, "pool") => "Pool",
        (_, "held") => "Held",
        (_, "committed") => "Committed",
        (_, "available") => "Available",
        (_, "grant") => "Grant",
        (_, "applicant") => "Applicant",
        (_, "amount") => "Amount",
        (_, "waiting") => "Waiting for",
        (_, "left") => "Left",
        (_, "pledge") => "Pledge",
        (_, "member") => "Member",
        (_, "periods") => "Periods behind",
        (_, "short") => "Short",
        (_, "role") => "Role",
        (_, "ends") => "Last day",
        _ => panic!("the handover page has no column {field} in {table}"),
    }
    .to_owned()
}
