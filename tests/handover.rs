//! `fondo handover` end to end: the pack holds an HTML page, the same in
//! Markdown and a backup that verifies with the books' fingerprint; the
//! page shows the balances of `fondo balance`, the pools of `pool list`,
//! every grant waiting and why, the pledges behind, the roles ending soon,
//! both heads and a checklist; in headless chromium (when installed; see
//! `tests/common/oracle.rs`) the page the browser builds holds the same
//! figures. A directory that is not empty is refused and left alone.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Fund, FundBuilder, refused, run_on};
use serde_json::Value;
use tempfile::TempDir;

/// Two pools, four grants (one waiting for votes, one for a decision, one
/// for a payment, one for a spending report), a pledge behind, and a
/// treasurer whose term ends soon.
fn fund() -> Fund {
    FundBuilder::new()
        .name("Caja Solidaria")
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .pool("housing", "Rent relief")
        .members(&["Ana", "Bruno", "Cleo", "Dario"])
        .role("Ana", "treasurer", "2026-01-01", Some("2026-07-15"))
        .stewards(&["Cleo", "Dario"], "2026-01-01")
        .policy(
            "housing",
            "consent --min-consents 2 --window 48h",
            "2026-01-02",
        )
        .contribution("Bruno", "500.00 USD", Some("housing"), "2026-01-10")
        .command(&[
            "pledge",
            "add",
            "Bruno",
            "50.00",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-01-01",
        ])
        .application(
            "Bruno",
            "housing",
            "100.00 USD",
            "Rent for May",
            "2026-05-02T10:00",
        )
        .vote("G-0001", "consent", "Cleo", "2026-05-02T11:00")
        .vote("G-0001", "consent", "Dario", "2026-05-02T12:00")
        .decision("G-0001", "2026-05-02T13:00")
        .payment("G-0001", "100.00 USD", "assets:bank", "2026-05-03")
        .application(
            "Cleo",
            "housing",
            "80.00 USD",
            "Deposit",
            "2026-05-10T10:00",
        )
        .vote("G-0002", "consent", "Dario", "2026-05-10T11:00")
        .application(
            "Bruno",
            "housing",
            "60.00 USD",
            "Boiler",
            "2026-06-01T10:00",
        )
        .vote("G-0003", "consent", "Cleo", "2026-06-01T11:00")
        .vote("G-0003", "consent", "Dario", "2026-06-01T12:00")
        .decision("G-0003", "2026-06-01T13:00")
        .application(
            "Ana",
            "housing",
            "40.00 USD",
            "Bus fares",
            "2026-06-29T10:00",
        )
        .build()
}

/// `fondo handover --out DIR --on 2026-06-30`; returns the directory.
fn pack(fund: &Fund) -> PathBuf {
    let dir = fund.path("handover");
    let out = fund.ok(&[
        "handover",
        "--out",
        dir.to_str().unwrap(),
        "--on",
        "2026-06-30",
    ]);
    let fingerprint = fund.fingerprint();
    assert_eq!(
        out,
        format!(
            "wrote the handover for 2026-06-30 to {}\nthe backup verifies: no findings\nfingerprint: {fingerprint}\n",
            dir.display()
        )
    );
    dir
}

fn json(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_on(db, &all).ok()).expect("a JSON array")
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The text of the cell `field` of the row `key` in the table `table`.
fn cell(page: &str, table: &str, key: &str, field: &str) -> Option<String> {
    let marker = format!("data-table=\"{table}\"");
    page.match_indices(&marker).find_map(|(start, _)| {
        let table_html = &page[start..start + page[start..].find("</table>")?];
        let row_at = table_html.find(&format!("<tr data-key=\"{key}\">"))?;
        let row = &table_html[row_at..row_at + table_html[row_at..].find("</tr>")?];
        let field = format!("data-field=\"{field}\">");
        let at = row.find(&field)? + field.len();
        Some(row[at..at + row[at..].find("</td>")?].to_owned())
    })
}

/// Checks the figures of a page (as written, or as chromium built it).
fn check_figures(fund: &Fund, page: &str) {
    let mut balances = 0;
    for row in json(&fund.db, &["balance", "--as-of", "2026-06-30"]) {
        let account = text(&row["account"]);
        if !(account.starts_with("assets") || account.starts_with("liabilities")) {
            continue;
        }
        let key = format!("{account}|{}", text(&row["commodity"]));
        assert_eq!(
            cell(page, "balances", &key, "balance").as_deref(),
            Some(text(&row["balance"])),
            "balance of {key}"
        );
        balances += 1;
    }
    assert!(balances > 0);
    for row in json(&fund.db, &["pool", "list", "--as-of", "2026-06-30"]) {
        if text(&row["commodity"]).is_empty() {
            continue;
        }
        let key = format!("{}|{}", text(&row["pool"]), text(&row["commodity"]));
        for field in ["held", "committed", "available"] {
            if let Some(want) = row[field].as_str() {
                assert_eq!(
                    cell(page, "pools", &key, field).as_deref(),
                    Some(want),
                    "{field} of {key}"
                );
            }
        }
    }
    for (grant, waiting, left) in [
        ("G-0001", "a spending report", "100.00"),
        ("G-0002", "a decision", "80.00"),
        ("G-0003", "a payment", "60.00"),
        ("G-0004", "votes (window open)", "40.00"),
    ] {
        assert_eq!(
            cell(page, "grants", grant, "waiting").as_deref(),
            Some(waiting)
        );
        assert_eq!(cell(page, "grants", grant, "left").as_deref(), Some(left));
    }
    assert_eq!(
        cell(page, "pledges", "1", "periods").as_deref(),
        Some("February 2026, March 2026, April 2026, May 2026")
    );
    assert_eq!(
        cell(page, "pledges", "1", "short").as_deref(),
        Some("200.00")
    );
    assert_eq!(
        cell(page, "roles", "Ana|treasurer", "ends").as_deref(),
        Some("15 July 2026")
    );
    assert!(page.contains(&fund.fingerprint()));
}

#[test]
fn the_handover_pack_has_the_page_the_markdown_and_a_verified_backup() {
    let fund = fund();
    let dir = pack(&fund);
    let html = std::fs::read_to_string(dir.join("handover.html")).unwrap();
    check_figures(&fund, &html);
    for needle in [
        "Handing over the books of Caja Solidaria",
        "Your first week",
        "Decide the grant waiting for a decision with the stewards",
        "Last reconciliation: none recorded.",
        "Last period close: none recorded.",
        "books-2026-06-30.db",
    ] {
        assert!(html.contains(needle), "the page should say {needle:?}");
    }
    for needle in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
    let md = std::fs::read_to_string(dir.join("handover.md")).unwrap();
    assert!(
        md.starts_with("# Handing over the books of Caja Solidaria\n"),
        "{md}"
    );
    assert!(
        md.contains("| G-0002 | housing | Cleo | USD | 80.00 | a decision | 80.00 |"),
        "{md}"
    );
    // The backup is the books: it verifies with the same fingerprint.
    let backup = dir.join("books-2026-06-30.db");
    assert_eq!(common::fingerprint(&backup), fund.fingerprint());
    // The same books give the same pages.
    let again = fund.path("again");
    fund.ok(&[
        "handover",
        "--out",
        again.to_str().unwrap(),
        "--on",
        "2026-06-30",
    ]);
    assert_eq!(
        std::fs::read_to_string(again.join("handover.html")).unwrap(),
        html
    );
}

#[test]
fn the_handover_page_renders_in_a_browser_with_its_figures() {
    let fund = fund();
    let dir = pack(&fund);
    let Some(browser) = common::oracle("chromium", "apt-get install chromium") else {
        return;
    };
    let profile = TempDir::new().unwrap();
    let mut cmd = assert_cmd::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--dump-dom",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .arg(format!("file://{}", dir.join("handover.html").display()))
    .timeout(Duration::from_secs(120));
    let out = cmd.output().expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    check_figures(&fund, &dom);
}

#[test]
fn a_directory_that_is_not_empty_is_refused_and_left_alone() {
    let fund = fund();
    let dir = fund.path("full");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine\n").unwrap();
    refused(
        &fund,
        &[
            "handover",
            "--out",
            dir.to_str().unwrap(),
            "--on",
            "2026-06-30",
        ],
        &["is not empty; a handover is written into a new or empty directory"],
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let file = fund.write("a-file", "x");
    refused(
        &fund,
        &["handover", "--out", file.to_str().unwrap()],
        &["exists and is not a directory"],
    );
    let new = fund.path("new");
    refused(
        &fund,
        &[
            "handover",
            "--out",
            new.to_str().unwrap(),
            "--on",
            "30/06/2026",
        ],
        &["30/06/2026"],
    );
    assert!(!new.exists());
}
