//! `fondo report forum` end to end, in a real browser: the demo fund's page
//! for 2026-Q2 is rendered by Debian's headless chromium to a PNG that must
//! not be blank and must show the chart's two colours; chromium's DOM of
//! the page must hold every figure of `fondo report summary` for the same
//! period in its place (and the pools of `report pools`, the months adding
//! up to the summary's inflows and outflows, the ledger's fingerprint); the
//! Markdown page says the same; names that look like markup stay text; and
//! the page is the same on every run.
//!
//! The checks in the browser need chromium (`apt-get install chromium`;
//! `.ci/run` installs it): without it they are skipped with a `skipped: …`
//! line (see `tests/common/oracle.rs`), the checks of the page's text still
//! run, and with `FONDO_REQUIRE_ORACLES=1`, as on CI, the tests fail instead.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::browser::{browser, cell, chromium, pixels};
use common::{Fund, FundBuilder, demo_fund, fingerprint, run_on};
use fondo::render::i18n::Lang;
use rust_decimal::Decimal;
use serde_json::Value;

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// A figure as the English page writes it (`1,200.00`), read back.
fn decimal(text: &str) -> Decimal {
    text.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} is a decimal"))
}

fn json(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_on(db, &all).ok()).expect("reports print JSON arrays")
}

#[test]
fn the_forum_page_renders_in_a_browser_with_the_figures_of_the_reports() {
    let (dir, db) = demo_fund();
    let page = dir.path().join("forum.html");
    let said = run_on(
        &db,
        &[
            "report",
            "forum",
            "--period",
            "2026-Q2",
            "--audience",
            "public",
            "--out",
            page.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(said.starts_with("wrote the forum report to "), "{said}");
    let source = std::fs::read_to_string(&page).unwrap();

    // Self-contained: nothing to fetch.
    for needle in ["src=", "href=", "@import", "url("] {
        assert!(!source.contains(needle), "the page refers to {needle}");
    }

    // Rendered, not blank, with the chart's bars.
    let Some(browser) = browser() else { return };
    let png = dir.path().join("forum.png");
    chromium(
        &browser,
        &page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,3000".into(),
        ],
    );
    let (all, ink, inflow, outflow) = pixels(&png);
    assert_eq!(all, 1200 * 3000);
    assert!(ink * 33 > all, "only {ink} of {all} pixels are not white");
    assert!(inflow > 2000, "{inflow} pixels of the chart's `in` colour");
    assert!(
        outflow > 2000,
        "{outflow} pixels of the chart's `out` colour"
    );

    // Every figure of `report summary` is in the page the browser built.
    let dom = chromium(&browser, &page, &["--dump-dom".into()]);
    let summary = json(&db, &["report", "summary", "--period", "2026-Q2"]);
    assert!(summary.len() > 40, "a realistic summary");
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
            "period" => {
                // The period's standing is a sentence of the page's plain
                // words, not a table cell.
                let sentence = text(&row["detail"]);
                assert!(
                    item == "closed" && dom.contains(sentence),
                    "the page states the period's standing {sentence:?}"
                );
                checked += 1;
                continue;
            }
            other => panic!("unexpected summary section {other}"),
        };
        // The page writes figures for reading: 1,530.50 for 1530.50.
        let want = Lang::En.number_text(&want);
        assert_eq!(
            cell(&dom, table, &key, field).as_deref(),
            Some(want.as_str()),
            "summary row {row} in table {table}, row {key}, column {field}"
        );
        checked += 1;
    }
    assert_eq!(checked, summary.len());

    // The pools table is `report pools`, column by column.
    for row in json(&db, &["report", "pools", "--period", "2026-Q2"]) {
        let key = format!("{}|{}", text(&row["pool"]), text(&row["commodity"]));
        for field in [
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
        ] {
            assert_eq!(
                cell(&dom, "pools", &key, field),
                Some(Lang::En.number_text(text(&row[field]))),
                "pools {key} {field}"
            );
        }
    }

    // The months of each currency add up to its money in and out.
    let mut flows: BTreeMap<(&str, &str), Decimal> = BTreeMap::new();
    for row in &summary {
        let section = text(&row["section"]);
        let commodity = text(&row["commodity"]);
        if matches!(section, "inflow" | "outflow") && ["USD", "EUR", "MXN"].contains(&commodity) {
            *flows.entry((section, commodity)).or_default() += decimal(text(&row["amount"]));
        }
    }
    for ((section, commodity), total) in flows {
        let field = if section == "inflow" {
            "inflow"
        } else {
            "outflow"
        };
        let months: Decimal = ["2026-04", "2026-05", "2026-06"]
            .iter()
            .map(|m| {
                decimal(
                    &cell(&dom, "months", &format!("{m}|{commodity}"), field)
                        .unwrap_or_else(|| panic!("month {m} of {commodity}")),
                )
            })
            .sum();
        assert_eq!(months, total, "{section} of {commodity} by month");
    }

    // Every grant of the register, and the fingerprint `verify` prints.
    for row in json(
        &db,
        &[
            "report",
            "grants",
            "--period",
            "2026-Q2",
            "--audience",
            "public",
        ],
    ) {
        let key = text(&row["grant"]);
        for field in ["applicant", "requested", "paid", "spent", "status"] {
            assert_eq!(
                cell(&dom, "grants", key, field).as_deref(),
                Some(text(&row[field])),
                "grant {key} {field}"
            );
        }
    }
    assert!(
        dom.contains(&format!(">{}</code>", fingerprint(&db))),
        "the page shows the ledger's fingerprint"
    );
}

#[test]
fn the_markdown_page_says_the_same_and_pages_are_deterministic() {
    let (_dir, db) = demo_fund();
    let args = ["report", "forum", "--period", "2026-Q2", "--format", "md"];
    let md = run_on(&db, &args).ok();
    assert_eq!(run_on(&db, &args).ok(), md, "the same page every time");
    assert!(md.starts_with("# Barrio Solidarity Fund\n"), "{md}");
    for row in json(&db, &["report", "pools", "--period", "2026-Q2"]) {
        let line = [
            "pool",
            "commodity",
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
        ]
        .iter()
        .map(|f| Lang::En.number_text(text(&row[*f])))
        .collect::<Vec<_>>()
        .join(" | ");
        assert!(
            md.lines().any(|l| l == format!("| {line} |")),
            "pools row | {line} | missing from:\n{md}"
        );
    }
    assert!(md.contains(&format!("    {}\n", fingerprint(&db))));
    // The pooled purchase: every row of `report purchases` for the same
    // audience, groups under their pseudonyms; the sentence adds them up.
    let bought = json(
        &db,
        &[
            "report",
            "purchases",
            "--period",
            "2026-Q2",
            "--audience",
            "public",
        ],
    );
    // Its lines of money: the per-item units are not on the page.
    let bought: Vec<_> = bought
        .iter()
        .filter(|r| text(&r["item"]) == "all items")
        .collect();
    assert_eq!(bought.len(), 6, "five groups and the supplier");
    for row in bought {
        let party = |f: &str| match text(&row[f]) {
            "fund" => "the fund".to_owned(),
            name => name.to_owned(),
        };
        let line = format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            text(&row["purchase"]),
            text(&row["status"]),
            party("who"),
            party("owes"),
            text(&row["currency"]),
            text(&row["charged"]),
            text(&row["paid"]),
            text(&row["owed"]),
            row["saved"].as_str().unwrap_or_default(),
        );
        assert!(
            md.lines().any(|l| l == line),
            "purchases row {line} missing from:\n{md}"
        );
    }
    assert!(md.contains(
        "1 pooled purchase, with 5 group orders: the groups saved 52.10 USD against buying alone; they still owe the fund 84.38 USD, and the fund owes its suppliers nothing."
    ));
    for hidden in ["Familia Ortega", "Cocina Común"] {
        assert!(!md.contains(hidden), "{hidden} named in the public page");
    }
    let treasurer = run_on(&db, &[&args[..], &["--audience", "treasurer"]].concat()).ok();
    assert!(treasurer.contains(
        "| rice-april | settled | Familia Ortega | the fund | USD | 28.62 | 0.00 | 28.62 | 9.40 |"
    ));
    let html = ["report", "forum", "--period", "2026-Q2"];
    assert_eq!(run_on(&db, &html).ok(), run_on(&db, &html).ok());
}

#[test]
fn names_that_look_like_markup_stay_text() {
    let evil = "<script>alert(\"x\")</script> & Co";
    let pool = "a|b <i>\"q\"";
    let fund = FundBuilder::new()
        .currency("USD")
        .account("assets:bank:usd")
        .setting("contribution-account", "assets:bank:usd")
        .member(evil)
        .stewards(&[evil], "2025-01-01")
        .member("Ana")
        .stewards(&["Ana"], "2025-01-01")
        .pool(pool, "test")
        .policy(
            pool,
            "consent --min-consents 1 --window 24h",
            "2025-01-01T00:00",
        )
        .contribution(evil, "50.00 USD", Some(pool), "2025-01-02")
        .application(evil, pool, "40 USD", "test", "2025-01-03T10:00")
        .vote("G-0001", "consent", "Ana", "2025-01-03T11:00")
        .decision("G-0001", "2025-01-03T12:00")
        .build();
    let page = fund.path("forum.html");
    fund.ok(&[
        "report",
        "forum",
        "--period",
        "2025",
        "--audience",
        "treasurer",
        "--out",
        page.to_str().unwrap(),
    ]);
    let source = std::fs::read_to_string(&page).unwrap();
    assert!(!source.contains("<script"), "markup from a name");
    assert!(!source.contains("<i>"), "markup from a pool's name");
    assert!(source.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
    if let Some(browser) = browser() {
        let dom = chromium(&browser, &page, &["--dump-dom".into()]);
        assert!(
            !dom.contains("<script"),
            "the browser built no script element"
        );
        assert_eq!(
            cell(&dom, "grants", "G-0001", "applicant").as_deref(),
            Some("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; Co")
        );
    }
    let md = fund.ok(&[
        "report",
        "forum",
        "--period",
        "2025",
        "--audience",
        "treasurer",
        "--format",
        "md",
    ]);
    assert!(
        md.contains(r#"\<script\>alert("x")\</script\> \& Co"#),
        "{md}"
    );
    assert!(md.contains(r#"a\|b \<i\>"q""#), "{md}");
    // In the public page the steward-applicant keeps a public name; the
    // figures do not depend on the audience.
    let public = fund.ok(&["report", "forum", "--period", "2025"]);
    assert!(public.contains("&lt;script&gt;"));
}

#[test]
fn bad_periods_and_missing_funds_are_refused() {
    let fund = Fund::init(Some("USD"));
    fund.fail(
        &["report", "forum", "--period", "2026-Q5"],
        &["a quarter is Q1, Q2, Q3 or Q4"],
    );
    let missing = fund.path("none.db");
    run_on(&missing, &["report", "forum", "--period", "2026"]).error(&["no fondo database"]);
    assert!(!missing.exists());
    fund.fail(
        &[
            "report",
            "forum",
            "--period",
            "2026",
            "--out",
            fund.path("no/such/dir/page.html").to_str().unwrap(),
        ],
        &["writing", "page.html"],
    );
}
