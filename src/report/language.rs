//! Which language a page for people is written in: the one asked for, else
//! the fund's `language` setting, else English; and how such a page shows
//! days, periods and amounts (for reading only: CSV, JSON and hashes never
//! pass through here).

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::domain::settings::LANGUAGE;
use crate::error::Result;
use crate::render::i18n::{Arg, Key, Message, Messages};
use crate::store::settings;

/// The language of a page: `asked` when given, else the fund's setting,
/// else English.
///
/// # Errors
/// [`crate::error::Error::UnknownLanguage`] when the setting holds no
/// language fondo writes (only a changed database can hold one).
pub fn page_language(conn: &Connection, asked: Option<Lang>) -> Result<Lang> {
    if let Some(lang) = asked {
        return Ok(lang);
    }
    settings::get(conn, LANGUAGE)?.map_or(Ok(Lang::En), |tag| tag.parse())
}

/// A day as a page for people shows it: with its month's name
/// (`1 April 2026`, `1 de abril de 2026`).
pub fn page_day(lang: Lang, day: NaiveDate) -> String {
    lang.date(day)
}

/// A period's label (`2026-04`, `2026-Q2`, `2026`) as a page for people
/// shows it: a month by its name (`abril de 2026`), a quarter in words
/// (`2.º trimestre de 2026`; English keeps `2026-Q2`, as treasurers say
/// it); a year as it is.
pub fn page_period(words: &Messages, label: &str) -> String {
    let lang = words.lang();
    match label.split_once("-Q") {
        Some((year, n @ ("1" | "2" | "3" | "4")))
            if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) =>
        {
            words.text(
                Key::Quarter,
                &[
                    ("n", Arg::Count(u64::from(n.as_bytes()[0] - b'0'))),
                    ("year", year.into()),
                ],
            )
        }
        _ => lang.month_label(label),
    }
}

/// A span in words: its days (message `days`, arguments `from` and `to`),
/// after its label when it has one of its own (message `period`, arguments
/// `period` and `days`: `2026 (…)`); a span given by its days is labelled
/// by them.
pub fn page_span<K: Message>(words: &Messages, span: &Span, days: K, period: K) -> String {
    let lang = words.lang();
    let days = words.text(
        days,
        &[
            ("from", page_day(lang, span.from).into()),
            ("to", page_day(lang, span.to).into()),
        ],
    );
    if span.label == format!("{} to {}", span.from, span.to) {
        days
    } else {
        words.text(
            period,
            &[
                ("period", page_period(words, &span.label).into()),
                ("days", days.into()),
            ],
        )
    }
}

/// A recorded moment (`2026-04-14 20:00`) as a page for people shows it
/// (`14 April 2026, 20:00`, `14 de abril de 2026, 20:00`).
pub fn page_moment(lang: Lang, text: &str) -> String {
    lang.moment(text)
}

/// An amount and its commodity in a sentence of a page for people
/// (`1,234.50 USD`, `1.234,50 USD`).
pub fn page_amount(words: &Messages, money: Money, commodity: &str) -> String {
    words.amount(money, commodity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_show_days_periods_and_amounts_as_their_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(page_day(Lang::En, day), "1 June 2026");
        assert_eq!(page_day(Lang::Es, day), "1 de junio de 2026");
        assert_eq!(page_day(Lang::Fr, day), "1er juin 2026");
        assert_eq!(
            page_moment(Lang::Pt, "2026-06-01 20:00"),
            "1 de junho de 2026, 20:00"
        );
        assert_eq!(
            page_moment(Lang::En, "2026-06-01 20:00"),
            "1 June 2026, 20:00"
        );
        let words = |lang| Messages::new(lang);
        for (lang, month, quarter, later) in [
            (Lang::En, "June 2026", "2026-Q1", "2026-Q3"),
            (
                Lang::Es,
                "junio de 2026",
                "1.º trimestre de 2026",
                "3.º trimestre de 2026",
            ),
            (
                Lang::Fr,
                "juin 2026",
                "1er trimestre 2026",
                "3e trimestre 2026",
            ),
            (
                Lang::Pt,
                "junho de 2026",
                "1.º trimestre de 2026",
                "3.º trimestre de 2026",
            ),
        ] {
            let w = words(lang);
            assert_eq!(page_period(&w, "2026-06"), month, "{lang}");
            assert_eq!(page_period(&w, "2026-Q1"), quarter, "{lang}");
            assert_eq!(page_period(&w, "2026-Q3"), later, "{lang}");
            assert_eq!(page_period(&w, "2026"), "2026", "{lang}");
            assert_eq!(page_period(&w, "2026-Q5"), "2026-Q5", "{lang}");
        }
        let money = Money::stored(123_450, 2);
        assert_eq!(page_amount(&words(Lang::En), money, "USD"), "1,234.50 USD");
        assert_eq!(
            page_amount(&words(Lang::Fr), money, "USD"),
            "1\u{202f}234,50 USD"
        );
    }
}
