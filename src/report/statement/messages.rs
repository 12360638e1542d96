//! Every text of the member statement's printable page, in English, and
//! nothing else: one function per message, each returning the finished
//! text; `page.rs` chooses what to say and writes no word itself. This is
//! the seam for translating the receipt, as `report::forum::messages` is
//! for the forum page.

use crate::domain::period::Span;

use super::{Given, Total};

/// `a, b and c`.
fn plain_list(items: &[String]) -> String {
    crate::report::forum::messages::plain_list(items)
}

fn amounts(totals: &[Total]) -> String {
    plain_list(
        &totals
            .iter()
            .map(|t| format!("{} {}", t.amount, t.commodity))
            .collect::<Vec<_>>(),
    )
}

fn span_words(span: &Span) -> String {
    let days = format!("{} to {}", span.from, span.to);
    if span.label == days {
        days
    } else {
        format!("{} ({days})", span.label)
    }
}

pub fn title(fund: &str, member: &str, span: &Span) -> String {
    format!("{fund}: statement for {member}, {}", span.label)
}

pub fn heading(member: &str) -> String {
    format!("Thank you, {member}")
}

pub fn subtitle(fund: &str, span: &Span) -> String {
    format!(
        "What you gave to {fund} in {}, and what it did",
        span_words(span)
    )
}

pub fn gave_heading() -> String {
    "What you gave".to_owned()
}

/// The sentence over the list of contributions.
pub fn gave(totals: &[Total], count: usize) -> String {
    match count {
        0 => "No contribution from you is recorded in this period.".to_owned(),
        1 => format!("You gave {} in one contribution.", amounts(totals)),
        n => format!("You gave {} in {n} contributions.", amounts(totals)),
    }
}

pub fn given(given: Given) -> String {
    match given {
        Given::Money => "money",
        Given::ServicesInKind => "services in kind",
        Given::GoodsInKind => "goods in kind",
    }
    .to_owned()
}

pub fn totals_heading() -> String {
    "Totals".to_owned()
}

pub fn pledges_heading() -> String {
    "Your pledges".to_owned()
}

pub fn pledge_kept(kept: bool) -> String {
    if kept { "kept" } else { "short" }.to_owned()
}

pub fn pledges_none() -> String {
    "No pledge of yours runs in this period.".to_owned()
}

pub fn did_heading() -> String {
    "What it did".to_owned()
}

/// The sentence over the pools' grants.
pub fn did(pools: &[String], any: bool) -> String {
    if pools.is_empty() {
        return "Your support went into no pool in this period.".to_owned();
    }
    if any {
        format!(
            "Your support went to {}. In this period these grants were paid from them (nobody is named here):",
            plain_list(pools)
        )
    } else {
        format!(
            "Your support went to {}. No grant was paid from them in this period yet; the money stays set aside for its purpose.",
            plain_list(pools)
        )
    }
}

pub fn received_heading() -> String {
    "Grants you received".to_owned()
}

pub fn receipt_heading() -> String {
    "Receipt".to_owned()
}

pub fn receipt(fund: &str, member: &str, span: &Span) -> String {
    format!(
        "This statement is a receipt of what {fund} recorded as given by {member} in {}. It was made from the fund's books, whose fingerprints are below; anyone holding an audit bundle of the fund can match them.",
        span_words(span)
    )
}

pub fn fingerprint_label() -> String {
    "Ledger fingerprint".to_owned()
}

pub fn records_label() -> String {
    "Governance records head".to_owned()
}

pub fn footer() -> String {
    "Made by fondo from the fund's books (fondo member statement).".to_owned()
}

/// The title of a table's column, by the table's and the column's names.
///
/// # Panics
/// On a column the page does not have (a mistake in `page.rs`).
pub fn column_title(table: &str, field: &str) -> String {
    match (table, field) {
        (_, "date") => "Date",
        (_, "what") => "What",
        (_, "pool") => "Pool",
        (_, "commodity") => "Commodity",
        (_, "amount") => "Amount",
        ("pledges", "period") => "Period",
        ("pledges", "pledged") => "Pledged",
        ("pledges", "received") => "Received",
        ("pledges", "kept") => "Kept",
        ("pools", "purpose") => "Purpose",
        ("pools", "grants") => "Grants paid",
        ("pools", "paid") => "Paid",
        ("received", "grant") => "Grant",
        ("received", "purpose") => "Purpose",
        ("received", "paid") => "Paid to you",
        _ => panic!("the statement has no column {field} in {table}"),
    }
    .to_owned()
}
