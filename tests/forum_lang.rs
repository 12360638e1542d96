//! `fondo report forum --lang es|fr|pt`: the demo fund's page in each
//! language renders in headless chromium, not blank, with its `lang`
//! attribute, its own words, and every figure of `fondo report summary`
//! for the period in its place once the language's number format is read
//! back (as exact decimals, with the same decimals); the Markdown page too.
//! The fund's `language` setting gives the default, `--lang` overrides it,
//! and an unknown language is refused. A page laid out right to left (as a
//! right-to-left language will be) mirrors: its first column at the right,
//! figures against the left edge of their cells.
//!
//! The checks in the browser need chromium; without it they are skipped
//! (see `tests/common/oracle.rs`) and the checks of the page's text still run.

mod common;

use std::path::Path;

use common::browser::{browser, cell, chromium, pixels};
use common::{Fund, demo_fund, run_on};
use fondo::domain::lang::Lang;
use fondo::domain::money::Money;
use fondo::render::Gate;
use fondo::render::document::{
    Block, Cell, Column, ColumnKind, Document, Section, Table, TableRow,
};
use fondo::render::html;
use rust_decimal::Decimal;
use serde_json::Value;

/// The decimal and group separators a reader of `lang` expects.
fn separators(lang: &str) -> (char, char) {
    match lang {
        "es" | "pt" => (',', '.'),
        "fr" => (',', '\u{202f}'),
        _ => ('.', ','),
    }
}

/// Reads back a figure written for reading in `lang` (`-1.234,56` in
/// Spanish): it must be grouped by threes with the language's separator
/// and use its decimal mark; returns the exact decimal.
fn read_back(lang: &str, text: &str) -> Decimal {
    let (decimal, group) = separators(lang);
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let groups: Vec<&str> = whole.split(group).collect();
    let well_grouped = groups.iter().enumerate().all(|(i, g)| {
        let len_ok = if i == 0 {
            (1..=3).contains(&g.len())
        } else {
            g.len() == 3
        };
        len_ok && g.bytes().all(|b| b.is_ascii_digit())
    });
    assert!(
        well_grouped && fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit())),
        "{text:?} is not a figure written for {lang}"
    );
    let plain = format!(
        "{}{}{}",
        if text.starts_with('-') { "-" } else { "" },
        groups.concat(),
        fraction.map(|f| format!(".{f}")).unwrap_or_default()
    );
    plain.parse().unwrap()
}

/// A figure of a report's JSON (`"1234.50"`, or a count) and the page's
/// text of it are the same number with the same decimals.
fn same_figure(lang: &str, report: &str, page: &str, what: &str) {
    let want: Decimal = report
        .parse()
        .unwrap_or_else(|_| panic!("{what}: {report:?}"));
    let got = read_back(lang, page);
    assert_eq!(got, want, "{lang}: {what}: the page says {page:?}");
    assert_eq!(got.scale(), want.scale(), "{lang}: {what}: {page:?}");
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

fn json(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_on(db, &all).ok()).expect("reports print JSON arrays")
}

/// Words each language's page must show, and the English they replace.
fn own_words(lang: &str) -> [&'static str; 4] {
    match lang {
        "es" => [
            "El periodo en pocas palabras",
            "Lo que tiene cada bolsa",
            "del 1 de abril de 2026 al 30 de junio de 2026",
            "Los libros del periodo 2.º trimestre de 2026 se cerraron el 4 de julio de 2026, 20:00 (registro ",
        ],
        "fr" => [
            "La période en quelques mots",
            "Ce que contient chaque caisse",
            "du 1er avril 2026 au 30 juin 2026",
            "Les comptes de la période 2e trimestre 2026 ont été clos le 4 juillet 2026, 20:00 (enregistrement ",
        ],
        _ => [
            "O período em poucas palavras",
            "O que cada bolsa tem",
            "de 1 de abril de 2026 a 30 de junho de 2026",
            "Os livros do período 2.º trimestre de 2026 foram fechados em 4 de julho de 2026, 20:00 (registro ",
        ],
    }
}

const ENGLISH: [&str; 5] = [
    "The books of",
    "The period in plain words",
    "What each pool holds",
    "Money in and out",
    "2026-04-01 to 2026-06-30",
];

#[test]
fn the_forum_page_reads_in_spanish_french_and_portuguese_with_the_figures_of_the_reports() {
    let (dir, db) = demo_fund();
    let summary = json(&db, &["report", "summary", "--period", "2026-Q2"]);
    assert!(summary.len() > 40, "a realistic summary");
    let browser = browser();
    for lang in ["es", "fr", "pt"] {
        let page = dir.path().join(format!("forum-{lang}.html"));
        let said = run_on(
            &db,
            &[
                "report",
                "forum",
                "--period",
                "2026-Q2",
                "--lang",
                lang,
                "--out",
                page.to_str().unwrap(),
            ],
        )
        .ok();
        assert!(said.starts_with("wrote the forum report to "), "{said}");
        let source = std::fs::read_to_string(&page).unwrap();
        assert!(
            source.contains(&format!("<html lang=\"{lang}\" dir=\"ltr\">")),
            "{lang}"
        );
        for words in own_words(lang) {
            assert!(source.contains(words), "{lang} page lacks {words:?}");
        }
        for english in ENGLISH {
            assert!(!source.contains(english), "{lang} page says {english:?}");
        }

        let Some(browser) = &browser else { continue };
        let png = dir.path().join(format!("forum-{lang}.png"));
        chromium(
            browser,
            &page,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1200,3000".into(),
            ],
        );
        let (all, ink, inflow, outflow) = pixels(&png);
        assert!(
            ink * 33 > all,
            "{lang}: only {ink} of {all} pixels are not white"
        );
        assert!(inflow > 2000 && outflow > 2000, "{lang}: the chart's bars");
        let dom = chromium(browser, &page, &["--dump-dom".into()]);
        assert!(
            dom.contains(&format!("<html lang=\"{lang}\" dir=\"ltr\">")),
            "{lang}: the browser's page has its lang"
        );
        let mut checked = 0;
        for row in &summary {
            let (section, item) = (text(&row["section"]), text(&row["item"]));
            let (pool, commodity) = (text(&row["pool"]), text(&row["commodity"]));
            let (table, key, field, want) = match section {
                "opening" | "closing" | "committed" => (
                    "pools",
                    format!("{pool}|{commodity}"),
                    section,
                    text(&row["amount"]).to_owned(),
                ),
                "inflow" | "outflow" | "within" => (
                    "flows",
                    [section, item, text(&row["detail"]), pool, commodity].join("|"),
                    "amount",
                    text(&row["amount"]).to_owned(),
                ),
                "count" => ("counts", item.to_owned(), "count", row["count"].to_string()),
                // The period's standing is a sentence, not a figure.
                _ => continue,
            };
            let shown = cell(&dom, table, &key, field)
                .unwrap_or_else(|| panic!("{lang}: no cell {table} {key} {field}"));
            same_figure(lang, &want, &shown, &format!("summary row {row}"));
            checked += 1;
        }
        assert!(checked + 1 >= summary.len(), "{lang}: {checked} figures");
    }
}

#[test]
fn the_markdown_page_writes_the_pools_in_each_language() {
    let (_dir, db) = demo_fund();
    let pools = json(&db, &["report", "pools", "--period", "2026-Q2"]);
    let fields = [
        "opening",
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
        "closing",
        "committed",
        "available",
    ];
    for lang in ["es", "fr", "pt"] {
        let md = run_on(
            &db,
            &[
                "report", "forum", "--period", "2026-Q2", "--format", "md", "--lang", lang,
            ],
        )
        .ok();
        assert!(md.contains(own_words(lang)[0]), "{lang}:\n{md}");
        for english in ENGLISH {
            assert!(!md.contains(english), "{lang} page says {english:?}");
        }
        for row in &pools {
            let start = format!("| {} | {} | ", text(&row["pool"]), text(&row["commodity"]));
            let line = md
                .lines()
                .find(|l| l.starts_with(&start))
                .unwrap_or_else(|| panic!("{lang}: no pools line {start}"));
            let cells: Vec<&str> = line[start.len()..line.len() - 2].split(" | ").collect();
            assert_eq!(cells.len(), fields.len(), "{line}");
            for (field, shown) in fields.iter().zip(cells) {
                same_figure(
                    lang,
                    text(&row[*field]),
                    shown,
                    &format!("pools {start}{field}"),
                );
            }
        }
    }
}

#[test]
fn the_fund_language_is_the_default_and_lang_overrides_it() {
    let fund = Fund::init(Some("USD"));
    let page = |extra: &[&str]| {
        let args = [&["report", "forum", "--period", "2026"][..], extra].concat();
        fund.ok(&args)
    };
    assert!(page(&[]).contains("<html lang=\"en\" dir=\"ltr\">"));
    fund.ok(&["setting", "set", "language", "fr"]);
    let french = page(&[]);
    assert!(
        french.contains("<html lang=\"fr\" dir=\"ltr\">"),
        "{french}"
    );
    assert!(french.contains("La période en quelques mots"));
    assert!(page(&["--format", "md"]).contains("## La période en quelques mots"));
    let english = page(&["--lang", "en"]);
    assert!(english.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(english.contains("The period in plain words"));
    // Reports for scripts stay locale-free.
    let csv = fund.ok(&["report", "summary", "--period", "2026", "--format", "csv"]);
    assert!(csv.starts_with("section,item,"), "{csv}");
}

#[test]
fn an_unknown_language_is_refused() {
    let fund = Fund::init(Some("USD"));
    let run = fund.run(&["report", "forum", "--period", "2026", "--lang", "xx"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("invalid value 'xx' for '--lang <LANG>'")
            && run.stderr.contains("[possible values: en, es, fr, pt]"),
        "{}",
        run.stderr
    );
    let settings = fund.ok(&["setting", "list"]);
    fund.fails_unchanged(
        &["setting", "set", "language", "xx"],
        &["unknown language \"xx\"; fondo writes en, es, fr or pt"],
    );
    assert_eq!(fund.ok(&["setting", "list"]), settings, "nothing written");
    assert!(
        fund.ok(&["report", "forum", "--period", "2026"])
            .contains("lang=\"en\"")
    );
}

/// A small page: a title, a paragraph and a table of a name and a figure.
fn small_page() -> Document {
    Document {
        lang: Lang::En,
        title: "Layout".into(),
        heading: "Layout".into(),
        subtitle: "a table".into(),
        sections: vec![Section {
            id: "one",
            heading: "One".into(),
            blocks: vec![
                Block::Paragraph("Text.".into()),
                Block::Table(Table {
                    name: "t",
                    narrow: false,
                    columns: vec![
                        Column {
                            title: "Name".into(),
                            field: "name",
                            kind: ColumnKind::Name,
                        },
                        Column {
                            title: "Amount".into(),
                            field: "amount",
                            kind: ColumnKind::Figure,
                        },
                    ],
                    rows: vec![TableRow {
                        key: "a".into(),
                        cells: vec![
                            Cell::Text("a".into()),
                            Cell::Money(Money::new(150, 2).unwrap()),
                        ],
                    }],
                }),
            ],
        }],
        footer: "Made by fondo.".into(),
    }
}

/// Measures, in the browser, where the table's first column and the
/// figure in its number cell sit: the page gets a script that writes the
/// answer into `<body data-layout>`.
const MEASURE: &str = r#"<script>
const table = document.querySelector("table").getBoundingClientRect();
const first = document.querySelector("th").getBoundingClientRect();
const td = document.querySelector("td.num");
const range = document.createRange();
range.selectNodeContents(td);
const figure = range.getBoundingClientRect();
const box = td.getBoundingClientRect();
const side = (a, b) => Math.abs(a - b) < 2;
document.body.dataset.layout = [
  side(first.right, table.right) ? "first-column-right" : side(first.left, table.left) ? "first-column-left" : "first-column-elsewhere",
  figure.left - box.left < box.right - figure.right ? "figure-left" : "figure-right",
].join(" ");
</script></body>"#;

fn layout(browser: &Path, dir: &Path, name: &str, html: Vec<u8>) -> String {
    let page = dir.join(name);
    let html = String::from_utf8(html).unwrap().replace("</body>", MEASURE);
    std::fs::write(&page, html).unwrap();
    let dom = chromium(browser, &page, &["--dump-dom".into()]);
    let at = dom.find("data-layout=\"").expect("the script ran") + "data-layout=\"".len();
    dom[at..at + dom[at..].find('"').unwrap()].to_owned()
}

#[test]
fn a_right_to_left_page_mirrors_its_layout() {
    let doc = Gate::books().pass(small_page());
    let mut rtl = Vec::new();
    html::write_right_to_left(&mut rtl, &doc).unwrap();
    let source = String::from_utf8(rtl.clone()).unwrap();
    assert!(
        source.contains("<html lang=\"en\" dir=\"rtl\">"),
        "{source}"
    );
    for physical in ["left", "right"] {
        assert!(
            !source.contains(&format!("text-align: {physical}"))
                && !source.contains(&format!("-{physical}"))
                && !source.contains(&format!("{physical}:")),
            "the stylesheet uses logical properties only, not {physical}"
        );
    }
    let Some(browser) = browser() else { return };
    let dir = tempfile::TempDir::new().unwrap();
    let mut ltr = Vec::new();
    html::write(&mut ltr, &doc).unwrap();
    assert_eq!(
        layout(&browser, dir.path(), "ltr.html", ltr),
        "first-column-left figure-right"
    );
    assert_eq!(
        layout(&browser, dir.path(), "rtl.html", rtl),
        "first-column-right figure-left"
    );
}
