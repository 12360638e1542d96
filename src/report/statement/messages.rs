//! Every text of the member statement's printable page, and nothing else:
//! the keys of the area `statement` (`locales/<lang>/statement.ftl`), and
//! one function per message, each returning the finished text in the
//! language of the [`Messages`] it is given; `page.rs` chooses what to say
//! and writes no word itself. Days and amounts are shown as
//! [`crate::report::language`] says a page for people shows them.

use crate::domain::period::Span;
use crate::render::i18n::keys::registry;
use crate::render::i18n::{Arg, Messages};
use crate::report::language::{page_amount, page_period, page_span};

use super::{Given, Total};

registry! {
    area "statement", enum StatementKey;
    /// What a browser shows as the page's title.
    Title = "statement-title" (fund, member, period);
    /// The main heading.
    Heading = "statement-heading" (member);
    /// The line under the heading.
    Subtitle = "statement-subtitle" (fund, span);
    /// A span of days: `2026-01-01 to 2026-03-31`.
    SpanDays = "statement-span-days" (from, to);
    /// A period with its days: `2026 (2026-01-01 to 2026-12-31)`.
    SpanPeriod = "statement-span-period" (period, days);
    GaveHeading = "statement-gave-heading" ();
    /// The sentence over the contributions, plural by their number.
    Gave = "statement-gave" (amounts, n);
    /// The same sentence when there is none.
    GaveNone = "statement-gave-none" ();
    GivenMoney = "statement-given-money" ();
    GivenServices = "statement-given-services" ();
    GivenGoods = "statement-given-goods" ();
    /// A service in kind with what it was: `services in kind (cooking)`.
    GivenKind = "statement-given-kind" (given, kind);
    TotalsHeading = "statement-totals-heading" ();
    PledgesHeading = "statement-pledges-heading" ();
    PledgeKept = "statement-pledge-kept" ();
    PledgeShort = "statement-pledge-short" ();
    PledgesNone = "statement-pledges-none" ();
    /// The pool of a pledge to any pool.
    AnyPool = "statement-any-pool" ();
    DidHeading = "statement-did-heading" ();
    /// The member gave to no pool.
    DidNone = "statement-did-none" ();
    /// The pools they gave to paid grants in the period.
    DidPaid = "statement-did-paid" (pools);
    /// The pools they gave to paid no grant yet.
    DidWaiting = "statement-did-waiting" (pools);
    ReceivedHeading = "statement-received-heading" ();
    ReceiptHeading = "statement-receipt-heading" ();
    Receipt = "statement-receipt" (fund, member, span);
    FingerprintLabel = "statement-fingerprint" ();
    RecordsLabel = "statement-records-head" ();
    Footer = "statement-footer" ();
    ColDate = "statement-col-date" ();
    ColWhat = "statement-col-what" ();
    ColPool = "statement-col-pool" ();
    ColCommodity = "statement-col-commodity" ();
    ColAmount = "statement-col-amount" ();
    ColPeriod = "statement-col-period" ();
    ColPledged = "statement-col-pledged" ();
    ColReceived = "statement-col-received" ();
    ColKept = "statement-col-kept" ();
    ColPurpose = "statement-col-purpose" ();
    ColGrants = "statement-col-grants" ();
    ColPaid = "statement-col-paid" ();
    ColGrant = "statement-col-grant" ();
    ColPaidToYou = "statement-col-paid-to-you" ();
}

use StatementKey as K;

fn amounts(words: &Messages, totals: &[Total]) -> String {
    words.list(
        &totals
            .iter()
            .map(|t| page_amount(words, t.amount, &t.commodity))
            .collect::<Vec<_>>(),
    )
}

/// The span in words: its days, after its label when it has one of its
/// own (`2026 (…)`; a span given by its days is labelled by them).
fn span_words(words: &Messages, span: &Span) -> String {
    page_span(words, span, K::SpanDays, K::SpanPeriod)
}

pub fn title(words: &Messages, fund: &str, member: &str, span: &Span) -> String {
    words.text(
        K::Title,
        &[
            ("fund", fund.into()),
            ("member", member.into()),
            ("period", page_period(words, &span.label).into()),
        ],
    )
}

pub fn heading(words: &Messages, member: &str) -> String {
    words.text(K::Heading, &[("member", member.into())])
}

pub fn subtitle(words: &Messages, fund: &str, span: &Span) -> String {
    words.text(
        K::Subtitle,
        &[
            ("fund", fund.into()),
            ("span", span_words(words, span).into()),
        ],
    )
}

pub fn gave_heading(words: &Messages) -> String {
    words.plain(K::GaveHeading)
}

/// The sentence over the list of contributions.
pub fn gave(words: &Messages, totals: &[Total], count: usize) -> String {
    if count == 0 {
        return words.plain(K::GaveNone);
    }
    words.text(
        K::Gave,
        &[
            ("amounts", amounts(words, totals).into()),
            ("n", Arg::Count(count as u64)),
        ],
    )
}

/// How it was given, with the kind of service when there is one.
pub fn given(words: &Messages, given: Given, kind: Option<&str>) -> String {
    let given = words.plain(match given {
        Given::Money => K::GivenMoney,
        Given::ServicesInKind => K::GivenServices,
        Given::GoodsInKind => K::GivenGoods,
    });
    match kind {
        Some(kind) => words.text(
            K::GivenKind,
            &[("given", given.into()), ("kind", kind.into())],
        ),
        None => given,
    }
}

pub fn totals_heading(words: &Messages) -> String {
    words.plain(K::TotalsHeading)
}

pub fn pledges_heading(words: &Messages) -> String {
    words.plain(K::PledgesHeading)
}

pub fn pledge_kept(words: &Messages, kept: bool) -> String {
    words.plain(if kept { K::PledgeKept } else { K::PledgeShort })
}

pub fn any_pool(words: &Messages) -> String {
    words.plain(K::AnyPool)
}

pub fn pledges_none(words: &Messages) -> String {
    words.plain(K::PledgesNone)
}

pub fn did_heading(words: &Messages) -> String {
    words.plain(K::DidHeading)
}

/// The sentence over the pools' grants.
pub fn did(words: &Messages, pools: &[String], any: bool) -> String {
    if pools.is_empty() {
        return words.plain(K::DidNone);
    }
    let key = if any { K::DidPaid } else { K::DidWaiting };
    words.text(key, &[("pools", words.list(pools).into())])
}

pub fn received_heading(words: &Messages) -> String {
    words.plain(K::ReceivedHeading)
}

pub fn receipt_heading(words: &Messages) -> String {
    words.plain(K::ReceiptHeading)
}

pub fn receipt(words: &Messages, fund: &str, member: &str, span: &Span) -> String {
    words.text(
        K::Receipt,
        &[
            ("fund", fund.into()),
            ("member", member.into()),
            ("span", span_words(words, span).into()),
        ],
    )
}

pub fn fingerprint_label(words: &Messages) -> String {
    words.plain(K::FingerprintLabel)
}

pub fn records_label(words: &Messages) -> String {
    words.plain(K::RecordsLabel)
}

pub fn footer(words: &Messages) -> String {
    words.plain(K::Footer)
}

/// The title of a table's column, by the table's and the column's names.
///
/// # Panics
/// On a column the page does not have (a mistake in `page.rs`).
pub fn column_title(words: &Messages, table: &str, field: &str) -> String {
    words.plain(match (table, field) {
        (_, "date") => K::ColDate,
        (_, "what") => K::ColWhat,
        (_, "pool") => K::ColPool,
        (_, "commodity") => K::ColCommodity,
        (_, "amount") => K::ColAmount,
        ("pledges", "period") => K::ColPeriod,
        ("pledges", "pledged") => K::ColPledged,
        ("pledges", "received") => K::ColReceived,
        ("pledges", "kept") => K::ColKept,
        ("pools" | "received", "purpose") => K::ColPurpose,
        ("pools", "grants") => K::ColGrants,
        ("pools", "paid") => K::ColPaid,
        ("received", "grant") => K::ColGrant,
        ("received", "paid") => K::ColPaidToYou,
        _ => panic!("the statement has no column {field} in {table}"),
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::money::Money;
    use crate::render::i18n::Lang;

    fn usd(minor: i128) -> Total {
        Total {
            commodity: "USD".into(),
            amount: Money::stored(minor, 2),
        }
    }

    #[test]
    fn counts_and_spans_in_each_language() {
        let en = Messages::new(Lang::En);
        let fr = Messages::new(Lang::Fr);
        assert_eq!(
            gave(&en, &[usd(123_450)], 1),
            "You gave 1,234.50 USD in one contribution."
        );
        assert_eq!(
            gave(&fr, &[usd(123_450)], 1),
            "Vous avez donné 1\u{202f}234,50 USD en une contribution."
        );
        assert_eq!(
            gave(&Messages::new(Lang::Pt), &[usd(500)], 3),
            "Você deu 5,00 USD em 3 contribuições."
        );
        assert_eq!(
            gave(&en, &[], 0),
            "No contribution from you is recorded in this period."
        );
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let days = Span::between(day(4, 1), day(5, 15)).unwrap();
        assert_eq!(
            subtitle(&en, "Caja", &days),
            "What you gave to Caja in 1 April 2026 to 15 May 2026, and what it did"
        );
        assert_eq!(
            subtitle(&Messages::new(Lang::Es), "Caja", &days),
            "Lo que aportaste a Caja del 1 de abril de 2026 al 15 de mayo de 2026, y para qué sirvió"
        );
        let quarter = Span::parse("2026-Q2").unwrap();
        assert_eq!(
            title(&fr, "Caja", "Ana", &quarter),
            "Caja : relevé pour Ana, 2e trimestre 2026"
        );
        assert_eq!(
            given(&en, Given::ServicesInKind, Some("cooking")),
            "services in kind (cooking)"
        );
    }
}
