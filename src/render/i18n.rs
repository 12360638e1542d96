//! The languages of pages meant for people (the forum page, the audit
//! bundle's README, member statements and the handover): the messages of a
//! [`Lang`], and the ways it writes numbers, amounts and dates for reading.
//!
//! Messages are Project Fluent files, one per language and area, in
//! `locales/<lang>/<area>.ftl` at the top of the tree (areas: [`AREAS`]),
//! built into the binary (`include_str!`) and read with `fluent-bundle`.
//! Code asks for a message by a key of a registry made with
//! `keys::registry!` beside the code that uses
//! it (one enum per area), never by a string. Each registry's test checks
//! that every language's file of its area has every key, with the same
//! arguments and the same word variants as English, and no other key; a
//! key no code asks for is a variant never built, which the compiler
//! refuses. Plurals are Fluent's selectors over a number
//! (`{ $n -> [one] … *[other] … }`), chosen by the CLDR plural rules of the
//! bundle's language.
//!
//! Reading formats (the rule: for reading only; CSV, JSON, hashes and every
//! value a check reads stay locale-free and never pass through here):
//!
//! | lang | number      | date             | month        |
//! |------|-------------|------------------|--------------|
//! | en   | `-1,234.56` | `1 April 2026`   | `April 2026` |
//! | es   | `-1.234,56` | `1 de abril de 2026` | `abril de 2026` |
//! | fr   | `-1 234,56` | `1er avril 2026` | `avril 2026` |
//! | pt   | `-1.234,56` | `1 de abril de 2026` | `abril de 2026` |
//!
//! French groups digits with U+202F NARROW NO-BREAK SPACE (CLDR's French
//! group separator; it never breaks a number across lines). Every language
//! groups from four digits on (`1.234`), Spanish too (CLDR would wait for
//! five), so that the figures of one column line up. The minus is ASCII
//! `-`. Numbers are formatted from their exact decimal text (a
//! [`Money`]'s minor units, a [`Decimal`]), never through floating point;
//! counts Fluent shows (`{ $n }`) go through the same punctuation. Month
//! names are the small table [`month_name`]: no well-kept crate gives them
//! without taking in a whole locale database.
//!
//! Fluent's Unicode isolation marks around arguments are off: the four
//! languages are all left to right. A right-to-left language added later
//! sets [`Lang::dir`] to `rtl` (the page's `dir` attribute and its logical
//! CSS follow) and should turn them on.

pub mod keys;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use rust_decimal::Decimal;

pub use crate::domain::lang::Lang;
use crate::domain::money::Money;

pub(crate) use keys::Key;
pub use keys::Message;

/// The areas of messages, one file each per language.
pub const AREAS: [&str; 6] = [
    "common",
    "forum",
    "statement",
    "handover",
    "bundle",
    "network",
];

/// The files of one language's messages, by area (in the order of
/// [`AREAS`]).
macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/forum.ftl")),
            include_str!(concat!("../../locales/", $lang, "/statement.ftl")),
            include_str!(concat!("../../locales/", $lang, "/handover.ftl")),
            include_str!(concat!("../../locales/", $lang, "/bundle.ftl")),
            include_str!(concat!("../../locales/", $lang, "/network.ftl")),
        ]
    };
}

/// The text of `lang`'s file for `area`.
///
/// # Panics
/// On an area not in [`AREAS`].
pub fn source(lang: Lang, area: &str) -> &'static str {
    let files: [&'static str; 6] = match lang {
        Lang::En => sources!("en"),
        Lang::Es => sources!("es"),
        Lang::Fr => sources!("fr"),
        Lang::Pt => sources!("pt"),
    };
    let i = AREAS
        .iter()
        .position(|a| *a == area)
        .unwrap_or_else(|| panic!("no message area {area}"));
    files[i]
}

impl Lang {
    /// The decimal and the group separators.
    fn separators(self) -> (char, char) {
        match self {
            Lang::En => ('.', ','),
            Lang::Es | Lang::Pt => (',', '.'),
            Lang::Fr => (',', '\u{202f}'),
        }
    }

    /// A plain decimal (`-1234.5`, `12`), punctuated for reading
    /// (`-1,234.5` in English). Text that is not a plain decimal is
    /// returned as it is.
    pub fn number_text(self, plain: &str) -> String {
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let plain_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !plain_digits(whole) || fraction.is_some_and(|f| !plain_digits(f)) {
            return plain.to_owned();
        }
        let (decimal, group) = self.separators();
        let mut text = String::from(sign);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                text.push(group);
            }
            text.push(digit);
        }
        if let Some(fraction) = fraction {
            text.push(decimal);
            text.push_str(fraction);
        }
        text
    }

    /// An amount with all its commodity's decimals (`1,234.50`, `-3`).
    pub fn money(self, money: Money) -> String {
        self.number_text(&money.to_string())
    }

    /// A decimal figure as it is (`97.5` → `97,5` in French).
    pub fn decimal(self, value: Decimal) -> String {
        self.number_text(&value.to_string())
    }

    /// A count (`12,000`).
    pub fn count(self, n: u64) -> String {
        self.number_text(&n.to_string())
    }

    /// A day with its month's name: `1 April 2026`, `1 de abril de 2026`,
    /// `1er avril 2026`.
    pub fn date(self, date: NaiveDate) -> String {
        let (day, month, year) = (date.day(), month_name(self, date.month()), date.year());
        match self {
            Lang::En => format!("{day} {month} {year}"),
            Lang::Es | Lang::Pt => format!("{day} de {month} de {year}"),
            Lang::Fr if day == 1 => format!("1er {month} {year}"),
            Lang::Fr => format!("{day} {month} {year}"),
        }
    }

    /// A month of a year: `April 2026`, `abril de 2026`.
    pub fn month(self, year: i32, month: u32) -> String {
        let name = month_name(self, month);
        match self {
            Lang::En | Lang::Fr => format!("{name} {year}"),
            Lang::Es | Lang::Pt => format!("{name} de {year}"),
        }
    }

    /// A `YYYY-MM` month for reading; other text as it is.
    pub fn month_label(self, label: &str) -> String {
        label
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)))
            .filter(|&(_, m): &(i32, u32)| (1..=12).contains(&m) && label.len() == 7)
            .map_or_else(|| label.to_owned(), |(y, m)| self.month(y, m))
    }

    /// A recorded moment `YYYY-MM-DD HH:MM` for reading
    /// (`14 April 2026, 20:00`); other text as it is.
    pub fn moment(self, text: &str) -> String {
        let Some((day, time)) = text.split_once(' ') else {
            return NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_or_else(|_| text.to_owned(), |d| self.date(d));
        };
        match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(d) => format!("{}, {time}", self.date(d)),
            Err(_) => text.to_owned(),
        }
    }
}

/// The figures of pages for people ([`Cell::Money`] and
/// [`Cell::Count`], and the decimals of sentences), in the language's
/// reading formats: `1,200.00` in English, `1.200,00` in Spanish. Reports'
/// tables, CSV and JSON never pass through here.
///
/// [`Cell::Money`]: crate::render::document::Cell::Money
/// [`Cell::Count`]: crate::render::document::Cell::Count
impl Lang {
    /// An amount on a page: `1,200.00`, `1.200,00`.
    pub fn page_money(self, money: Money) -> String {
        self.money(money)
    }

    /// A decimal figure on a page: `97.5`, `97,5`.
    pub fn page_decimal(self, value: Decimal) -> String {
        self.decimal(value)
    }

    /// A count on a page: `12,000`, `12.000`.
    pub fn page_count(self, n: u64) -> String {
        self.count(n)
    }
}

/// The name of a month (1 to 12) in a language, lower case but in English.
///
/// # Panics
/// On a month outside 1 to 12 (chrono never gives one).
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const PT: [&str; 12] = [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ];
    let names = match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
        Lang::Fr => &FR,
        Lang::Pt => &PT,
    };
    names[month as usize - 1]
}

/// An argument of a message: text as it is, or a number Fluent may select
/// a plural by (shown punctuated for the language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Count(u64),
    /// A decimal figure, such as days to one decimal place.
    Number(Decimal),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(n)
    }
}

impl From<Decimal> for Arg {
    fn from(n: Decimal) -> Arg {
        Arg::Number(n)
    }
}

/// A count or a decimal as a Fluent argument, from its exact decimal text.
/// Fluent holds numbers as `f64`, only to choose a plural form; it is given
/// one only when that `f64` writes back exactly the same text (every count
/// below 2^53, every figure of a few significant digits). Any other number
/// is given as its text, already punctuated for `lang`: shown exactly, with
/// the message's default plural form. No figure is ever shown from a float.
fn fluent_number(lang: Lang, text: &str) -> FluentValue<'static> {
    match text.parse::<FluentNumber>() {
        Ok(n) if n.as_string() == text => FluentValue::from(n),
        _ => FluentValue::from(lang.number_text(text)),
    }
}

/// Shows a number Fluent holds as its language writes it: the exact text
/// [`fluent_number`] checked it writes back, only re-punctuated.
fn shown(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(lang.number_text(&n.as_string())),
        _ => None,
    }
}

/// The messages of one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    /// The messages of `lang`, read from its built-in files.
    ///
    /// # Panics
    /// When a built-in message file does not parse, or two areas have the
    /// same message (the registries' tests rule both out).
    pub fn new(lang: Lang) -> Messages {
        let id = lang
            .tag()
            .parse()
            .expect("the language tags are valid BCP 47");
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::En => |v, _| shown(Lang::En, v),
            Lang::Es => |v, _| shown(Lang::Es, v),
            Lang::Fr => |v, _| shown(Lang::Fr, v),
            Lang::Pt => |v, _| shown(Lang::Pt, v),
        }));
        for area in AREAS {
            let resource = FluentResource::try_new(source(lang, area).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/{area}.ftl: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{lang}/{area}.ftl: {errors:?}"));
        }
        Messages { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `key` with its arguments, named as the registry names
    /// them.
    ///
    /// # Panics
    /// When the arguments are not the key's (a mistake in the caller), or
    /// the message is missing from the language's file (the registry's test
    /// rules it out).
    pub fn text<K: Message>(&self, key: K, args: &[(&'static str, Arg)]) -> String {
        let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            key.args(),
            "the arguments of the message {}",
            key.id()
        );
        let pattern = self
            .bundle
            .get_message(key.id())
            .and_then(|m| m.value())
            .unwrap_or_else(|| {
                panic!(
                    "locales/{}/{}.ftl has no {}",
                    self.lang,
                    key.area(),
                    key.id()
                )
            });
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Count(n) => fluent_number(self.lang, &n.to_string()),
                Arg::Number(n) => fluent_number(self.lang, &n.to_string()),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        assert!(
            errors.is_empty(),
            "locales/{}/{}.ftl, {}: {errors:?}",
            self.lang,
            key.area(),
            key.id()
        );
        text.into_owned()
    }

    /// The message `id` without arguments, when the language has it: for
    /// messages whose ids are derived from data (the bundle's file and
    /// column descriptions), which an area's own test checks.
    ///
    /// # Panics
    /// When the message does not format without arguments (the area's test
    /// rules it out).
    pub fn derived(&self, id: &str) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, None, &mut errors);
        assert!(errors.is_empty(), "locales/{}, {id}: {errors:?}", self.lang);
        Some(text.into_owned())
    }

    /// A message without arguments.
    pub fn plain<K: Message>(&self, key: K) -> String {
        self.text(key, &[])
    }

    /// An amount and its commodity: `1,234.50 USD`.
    pub fn amount(&self, money: Money, commodity: &str) -> String {
        self.text(
            Key::Amount,
            &[
                ("amount", self.lang.money(money).into()),
                ("commodity", commodity.into()),
            ],
        )
    }

    /// `a, b and c`, with the language's last joining word.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        match items {
            [] => String::new(),
            [one] => one.as_ref().to_owned(),
            [init @ .., last] => self.text(
                Key::ListLast,
                &[
                    (
                        "init",
                        init.iter()
                            .map(AsRef::as_ref)
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    ),
                    ("last", last.as_ref().into()),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i128, decimals: u32) -> Money {
        Money::stored(minor, decimals)
    }

    #[test]
    fn amounts_per_language() {
        let nnbsp = '\u{202f}';
        for (lang, big, negative) in [
            (Lang::En, "1,234,567.89", "-1,234.56"),
            (Lang::Es, "1.234.567,89", "-1.234,56"),
            (Lang::Fr, "1\u{202f}234\u{202f}567,89", "-1\u{202f}234,56"),
            (Lang::Pt, "1.234.567,89", "-1.234,56"),
        ] {
            assert_eq!(lang.money(money(123_456_789, 2)), big, "{lang}");
            assert_eq!(lang.money(money(-123_456, 2)), negative, "{lang}");
            let zero = if lang == Lang::En { "0.00" } else { "0,00" };
            assert_eq!(lang.money(money(0, 2)), zero, "{lang}");
            assert_eq!(lang.money(money(0, 0)), "0", "{lang}");
            assert_eq!(lang.money(money(-5, 2)), format!("-0{}05", &zero[1..2]));
        }
        // No decimals (MXN-like whole units, KG of rice), three (KWD, BHD).
        assert_eq!(Lang::En.money(money(1_000_000, 0)), "1,000,000");
        assert_eq!(
            Lang::Fr.money(money(1_000_000, 0)),
            format!("1{nnbsp}000{nnbsp}000")
        );
        assert_eq!(Lang::Es.money(money(999, 0)), "999");
        assert_eq!(Lang::En.money(money(1_234_567, 3)), "1,234.567");
        assert_eq!(Lang::Pt.money(money(-1_234_567, 3)), "-1.234,567");
        assert_eq!(Lang::Fr.money(money(1, 3)), "0,001");
        // The largest amounts the books hold still group exactly.
        assert_eq!(
            Lang::En.money(money(i128::from(i64::MAX), 2)),
            "92,233,720,368,547,758.07"
        );
        assert_eq!(Lang::Es.decimal(Decimal::new(975, 1)), "97,5");
        assert_eq!(Lang::En.count(12_000), "12,000");
        assert_eq!(Lang::En.number_text("n/a"), "n/a");
    }

    #[test]
    fn dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let late = NaiveDate::from_ymd_opt(2026, 8, 30).unwrap();
        assert_eq!(Lang::En.date(d), "1 April 2026");
        assert_eq!(Lang::Es.date(d), "1 de abril de 2026");
        assert_eq!(Lang::Fr.date(d), "1er avril 2026");
        assert_eq!(Lang::Fr.date(late), "30 août 2026");
        assert_eq!(Lang::Pt.date(late), "30 de agosto de 2026");
        assert_eq!(Lang::Es.month_label("2026-02"), "febrero de 2026");
        assert_eq!(Lang::Fr.month_label("2026-12"), "décembre 2026");
        assert_eq!(Lang::En.month_label("2026-13"), "2026-13");
        assert_eq!(
            Lang::Pt.moment("2026-04-14 20:00"),
            "14 de abril de 2026, 20:00"
        );
        assert_eq!(Lang::En.moment("2026-04-14"), "14 April 2026");
        assert_eq!(Lang::En.moment("soon"), "soon");
    }

    #[test]
    fn numbers_too_long_for_a_float_are_shown_exactly() {
        let m = Messages::new(Lang::En);
        let long: Decimal = "12345678901234567.89".parse().unwrap();
        assert_eq!(
            m.text(Key::Days, &[("n", long.into())]),
            "12,345,678,901,234,567.89 days"
        );
        assert_eq!(
            m.text(Key::Days, &[("n", u64::MAX.into())]),
            "18,446,744,073,709,551,615 days"
        );
        assert_eq!(m.text(Key::Days, &[("n", 1u64.into())]), "1 day");
    }

    #[test]
    fn plurals_follow_each_language() {
        // French counts 1.4 as one (CLDR: i = 0 or 1); English does not.
        let days = |lang, n: Decimal| Messages::new(lang).text(Key::Days, &[("n", n.into())]);
        assert_eq!(days(Lang::En, Decimal::new(14, 1)), "1.4 days");
        assert_eq!(days(Lang::Fr, Decimal::new(14, 1)), "1,4 jour");
        assert_eq!(days(Lang::Es, Decimal::ONE), "1 día");
        assert_eq!(days(Lang::En, Decimal::ONE), "1 day");
        assert_eq!(days(Lang::Pt, Decimal::new(1234, 0)), "1.234 dias");
        let count = |lang, n: u64| Messages::new(lang).text(Key::Days, &[("n", n.into())]);
        assert_eq!(count(Lang::Fr, 0), "0 jour");
        assert_eq!(count(Lang::En, 0), "0 days");
        assert_eq!(count(Lang::Fr, 1234), "1\u{202f}234 jours");
    }

    #[test]
    fn english_pages_keep_the_reports_figures() {
        assert_eq!(Lang::En.page_money(money(123_450, 2)), "1,234.50");
        assert_eq!(Lang::Es.page_money(money(123_450, 2)), "1.234,50");
        assert_eq!(Lang::En.page_count(12_000), "12,000");
        assert_eq!(Lang::Pt.page_count(12_000), "12.000");
        assert_eq!(Lang::En.page_decimal(Decimal::new(975, 1)), "97.5");
        assert_eq!(Lang::Fr.page_decimal(Decimal::new(975, 1)), "97,5");
    }

    #[test]
    fn lists_and_amounts_in_words() {
        let m = Messages::new(Lang::Es);
        assert_eq!(m.list(&["a", "b", "c"]), "a, b y c");
        assert_eq!(m.list(&["a"]), "a");
        assert_eq!(m.amount(money(123_450, 2), "USD"), "1.234,50 USD");
        assert_eq!(Messages::new(Lang::En).list(&["a", "b"]), "a and b");
    }
}
