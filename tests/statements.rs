//! End-to-end tests of `import statement`: each shipped map imports its
//! sample statement (written by the team in the bank's or platform's real
//! layout) with exact totals, a second import adds nothing, and every bad
//! input of the issue is refused with its file, line and column, exit 2 and
//! the database unchanged.

mod common;

use std::path::{Path, PathBuf};

use common::{Fund, FundBuilder, assert_problem, clean, refused};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn args(file: &Path, map: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "import".to_owned(),
        "statement".to_owned(),
        file.display().to_string(),
        "--map".to_owned(),
        map.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

/// Imports a shipped sample with its shipped map, checks the balances
/// below `prefixes`, then that a second import adds nothing.
fn imports_exactly(fund: &Fund, sample: &str, map: &str, prefixes: &[&str], balances: &str) {
    let file = example(&format!("statements/{sample}"));
    let map = example(&format!("maps/{map}"));
    fund.ok(&args(&file, &map, &[]));
    clean(fund);
    assert_eq!(fund.balance_csv(prefixes), balances, "{sample}");
    let again = fund.ok(&args(&file, &map, &[]));
    assert!(again.starts_with("imported 0 transactions"), "{again}");
    assert!(
        again.contains("already imported from this source"),
        "{again}"
    );
    assert_eq!(fund.balance_csv(prefixes), balances, "{sample} again");
}

fn eur_fund() -> FundBuilder {
    FundBuilder::new()
        .currency("EUR")
        .accounts(&["assets:bank:eur", "assets:bank:savings", "equity:opening"])
        .pool("food", "Food bank")
        .member("Solidarität Berlin")
}

#[test]
fn a_german_bank_statement_in_latin_1_with_a_preamble_and_balances() {
    let fund = eur_fund()
        .post(
            "Opening balance",
            "2026-01-31",
            &["assets:bank:eur=1000.00 EUR", "equity:opening"],
        )
        .build();
    let file = example("statements/de-bank-2026-02.csv");
    let map = example("maps/de-bank.toml");
    let shown = fund.ok(&args(&file, &map, &["--dry-run", "--show"]));
    assert!(
        shown.starts_with(
            "line 5: 2026-02-02 1250.00 EUR rule 1: contribution assets:bank:eur, income:contributions (pool food)\n\
             line 6: 2026-02-05 -450.00 EUR rule 2: expense assets:bank:eur, expenses:rent\n\
             line 7: 2026-02-10 -300.00 EUR rule 3: transfer assets:bank:eur, assets:bank:savings\n\
             line 8: 2026-02-27 -4.90 EUR rule 4: fee assets:bank:eur, expenses:fees:payments\n\
             line 9: 2026-02-27 25.00 EUR no rule: suspense assets:bank:eur, equity:suspense\n"
        ),
        "{shown}"
    );
    assert!(shown.contains("to do: 1 rows matched no rule"), "{shown}");
    assert!(
        shown.contains("  line 9: 2026-02-27 25.00 EUR Jörg Weiß / Gutschrift / Danke\n"),
        "{shown}"
    );
    assert!(shown.ends_with("dry run: nothing was written\n"), "{shown}");
    imports_exactly(
        &fund,
        "de-bank-2026-02.csv",
        "de-bank.toml",
        &[],
        "account,commodity,balance\n\
         assets:bank:eur,EUR,1520.10\n\
         assets:bank:savings,EUR,300.00\n\
         equity:opening,EUR,-1000.00\n\
         equity:suspense,EUR,-25.00\n\
         expenses:fees:payments,EUR,4.90\n\
         expenses:rent,EUR,450.00\n\
         income:contributions,EUR,-1250.00\n",
    );
    // --strict refuses the unmatched row instead.
    let fresh = eur_fund()
        .post(
            "Opening balance",
            "2026-01-31",
            &["assets:bank:eur=1000.00 EUR", "equity:opening"],
        )
        .build();
    let stderr = refused(&fresh, &args(&file, &map, &["--strict"]), &["1 problem"]);
    assert_problem(&stderr, "I212", 9, None, "no rule matches this row");
}

#[test]
fn a_dutch_bank_with_af_bij_counts_bank_charges_as_fees() {
    let fund = eur_fund().build();
    imports_exactly(
        &fund,
        "nl-bank-2026-02.csv",
        "nl-bank.toml",
        &[],
        "account,commodity,balance\n\
         assets:bank:eur,EUR,19.38\n\
         expenses:fees:payments,EUR,1.87\n\
         income:contributions,EUR,-21.25\n",
    );
}

#[test]
fn a_uk_bank_with_money_in_and_money_out() {
    let fund = FundBuilder::new()
        .currency("GBP")
        .accounts(&["assets:bank:gbp", "equity:opening"])
        .post(
            "Opening balance",
            "2026-02-28",
            &["assets:bank:gbp=500.00 GBP", "equity:opening"],
        )
        .build();
    imports_exactly(
        &fund,
        "uk-bank-2026-03.csv",
        "uk-bank.toml",
        &[],
        "account,commodity,balance\n\
         assets:bank:gbp,GBP,1650.00\n\
         equity:opening,GBP,-500.00\n\
         expenses:fees:payments,GBP,5.00\n\
         expenses:venue,GBP,60.00\n\
         income:contributions,GBP,-1215.00\n",
    );
}

const PAYPAL: &str = "account,commodity,balance\n\
     assets:bank:eur,EUR,15.00\n\
     assets:paypal:eur,EUR,3.20\n\
     expenses:fees:payments,EUR,1.80\n\
     expenses:printing,EUR,30.00\n\
     income:contributions,EUR,-50.00\n";

#[test]
fn paypal_gross_fee_net_read_as_gross_or_as_net() {
    let fund = eur_fund().account("assets:paypal:eur").build();
    imports_exactly(&fund, "paypal-2026-03.csv", "paypal.toml", &[], PAYPAL);
    let shown = fund.ok(&args(
        &example("statements/paypal-2026-03.csv"),
        &example("maps/paypal.toml"),
        &["--dry-run", "--show"],
    ));
    assert!(
        shown.contains("line 4: 2026-03-04 20.00 EUR rule 1: skip not completed\n"),
        "{shown}"
    );
    // The same file read from its Net column gives the same books.
    let net = eur_fund().account("assets:paypal:eur").build();
    let map = std::fs::read_to_string(example("maps/paypal.toml"))
        .unwrap()
        .replace(
            "amount = \"Gross\"",
            "amount = \"Net\"\namount_is = \"net\"",
        );
    let map = net.write("paypal-net.toml", map);
    net.ok(&args(&example("statements/paypal-2026-03.csv"), &map, &[]));
    assert_eq!(net.balance_csv(&[]), PAYPAL);
}

#[test]
fn stripe_with_lower_case_currency_codes() {
    let fund = FundBuilder::new()
        .currency("USD")
        .account("assets:stripe:usd")
        .pool("rapid response", "Rapid response")
        .build();
    imports_exactly(
        &fund,
        "stripe-2026-03.csv",
        "stripe.toml",
        &[],
        "account,commodity,balance\n\
         assets:stripe:usd,USD,120.77\n\
         expenses:fees:payments,USD,4.23\n\
         income:contributions,USD,-125.00\n",
    );
}

#[test]
fn a_bank_export_without_a_header_row() {
    let fund = eur_fund().build();
    imports_exactly(
        &fund,
        "headerless-2026-03.csv",
        "headerless.toml",
        &[],
        "account,commodity,balance\n\
         assets:bank:eur,EUR,217.90\n\
         assets:bank:savings,EUR,-250.00\n\
         expenses:food,EUR,42.10\n\
         income:contributions,EUR,-10.00\n",
    );
}

fn oc_fund() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:opencollective:usd", "equity:opening"])
        .pool("food", "Food bank")
        .member("Cocina Común")
        .post(
            "Opening balance",
            "2023-10-31",
            &["assets:opencollective:usd=100.00 USD", "equity:opening"],
        )
        .build()
}

#[test]
fn open_collective_legacy_preset_with_fees_as_columns() {
    let fund = oc_fund();
    imports_exactly(
        &fund,
        "opencollective-legacy-2023-11.csv",
        "opencollective-legacy.toml",
        &[],
        "account,commodity,balance\n\
         assets:opencollective:usd,USD,161.63\n\
         equity:opening,USD,-100.00\n\
         expenses:fees:payments,USD,4.37\n\
         expenses:operations,USD,64.00\n\
         income:contributions,USD,-130.00\n",
    );
}

#[test]
fn open_collective_default_preset_with_fees_as_rows() {
    let fund = oc_fund();
    imports_exactly(
        &fund,
        "opencollective-2026-03.csv",
        "opencollective-default.toml",
        &[],
        "account,commodity,balance\n\
         assets:opencollective:usd,USD,81.75\n\
         equity:opening,USD,-100.00\n\
         expenses:fees:payments,USD,4.25\n\
         expenses:operations,USD,64.00\n\
         income:contributions,USD,-50.00\n",
    );
}

#[test]
fn an_overlapping_later_statement_adds_only_new_rows() {
    let fund = eur_fund().build();
    let map = example("maps/headerless.toml");
    let first = fund.write(
        "a.csv",
        "2026-03-01,Membership fee A. Diaz,10.00,EUR\n2026-03-02,Membership fee B. Ruiz,12.00,EUR\n",
    );
    let second = fund.write(
        "b.csv",
        "2026-03-02,Membership fee B. Ruiz,12.00,EUR\n2026-03-03,Membership fee C. Paz,8.00,EUR\n",
    );
    fund.ok(&args(&first, &map, &[]));
    let out = fund.ok(&args(&second, &map, &[]));
    assert!(out.starts_with("imported 1 transactions"), "{out}");
    assert!(out.contains("1 already imported from this source"), "{out}");
    assert_eq!(
        fund.balance_csv(&["assets"]),
        "account,commodity,balance\nassets:bank:eur,EUR,30.00\n"
    );
}

// ---------------------------------------------------------------- bad input

const MAP: &str = "[file]\ndate_format = \"%Y-%m-%d\"\n\
    [columns]\ndate = \"Date\"\namount = \"Amount\"\ndescription = \"Text\"\n\
    [defaults]\naccount = \"assets:bank:eur\"\ncurrency = \"EUR\"\n";

fn bad(fund: &Fund, map: &str, csv: &[u8], needles: &[&str]) -> String {
    let map = fund.write("bad.toml", map);
    let file = fund.write("bad.csv", csv);
    refused(fund, &args(&file, &map, &[]), needles)
}

#[test]
fn text_that_does_not_decode_says_which_encoding_to_try() {
    let fund = eur_fund().build();
    let stderr = bad(
        &fund,
        MAP,
        b"Date,Amount,Text\n2026-03-01,5.00,ok\n2026-03-02,5.00,M\xfcller\n",
        &["bad.csv"],
    );
    assert_problem(&stderr, "I201", 3, None, "the text is not valid UTF-8");
    assert!(stderr.contains("encoding = \"windows-1252\""), "{stderr}");
    let utf16 = bad(
        &fund,
        MAP,
        b"\xff\xfeD\x00a\x00",
        &["encoding = \"utf-16\""],
    );
    assert_problem(&utf16, "I201", 1, None, "not valid UTF-8");
    // The same text in UTF-16 with its byte-order mark imports with the
    // encoding named.
    let text = "Date,Amount,Text\n2026-03-01,5.00,Müller\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = fund.write("utf16.csv", bytes);
    let map = fund.write(
        "utf16.toml",
        MAP.replace("[columns]", "encoding = \"utf-16\"\n[columns]"),
    );
    let out = fund.ok(&args(&file, &map, &[]));
    assert!(out.starts_with("imported 1 transactions"), "{out}");
}

#[test]
fn an_indicator_value_not_in_the_map_names_the_row() {
    let fund = eur_fund().build();
    let map = MAP.replace(
        "[defaults]",
        "[direction]\ncolumn = \"Dir\"\nincoming = [\"Bij\"]\noutgoing = [\"Af\"]\n[defaults]",
    );
    let stderr = bad(
        &fund,
        &map,
        b"Date,Amount,Text,Dir\n2026-03-01,5.00,a,Bij\n2026-03-02,1.00,b,Debit\n",
        &["1 problem"],
    );
    assert_problem(
        &stderr,
        "I211",
        3,
        Some("Dir"),
        "\"Debit\" is not a direction the map knows",
    );
}

#[test]
fn a_duplicated_column_name_is_refused() {
    let fund = eur_fund().build();
    let stderr = bad(
        &fund,
        MAP,
        b"Date,Amount,Text,Amount\n2026-03-01,5.00,a,6.00\n",
        &["column \"Amount\" appears more than once in the header (columns 2 and 4)"],
    );
    assert_problem(&stderr, "I202", 1, None, "appears more than once");
}

#[test]
fn a_rule_without_a_condition_is_refused() {
    let fund = eur_fund().build();
    for rule in [
        "[[rules]]\naction = \"skip\"\n",
        "[[rules]]\nwhen = { Text = \"\" }\naction = \"skip\"\n",
    ] {
        bad(
            &fund,
            &format!("{MAP}{rule}"),
            b"Date,Amount,Text\n2026-03-01,5.00,a\n",
            &["bad.toml", "rule 1"],
        );
    }
}

#[test]
fn a_balance_column_that_disagrees_with_the_books_is_refused() {
    let fund = eur_fund().build();
    let map = MAP.replace(
        "description = \"Text\"",
        "description = \"Text\"\nbalance = \"Saldo\"",
    );
    let stderr = bad(
        &fund,
        &map,
        b"Date,Amount,Text,Saldo\n2026-03-01,5.00,a,105.00\n2026-03-02,5.00,b,110.00\n",
        &["1 problem"],
    );
    assert_problem(
        &stderr,
        "I213",
        2,
        Some("Saldo"),
        "the statement's balance at the end of 2026-03-01 is 105.00 EUR but the books' balance of assets:bank:eur is 5.00 EUR",
    );
}

#[test]
fn a_currency_symbol_without_a_mapping_is_refused() {
    let fund = eur_fund().build();
    let map = MAP.replace("currency = \"EUR\"\n", "").replace(
        "description = \"Text\"",
        "description = \"Text\"\ncurrency = \"Cur\"",
    );
    let map = format!("{map}[currency_symbols]\n\"€\" = \"EUR\"\n");
    let stderr = bad(
        &fund,
        &map,
        "Date,Amount,Text,Cur\n2026-03-01,5.00,a,€\n2026-03-02,5.00,b,£\n".as_bytes(),
        &["1 problem"],
    );
    assert_problem(
        &stderr,
        "I206",
        3,
        Some("Cur"),
        "currency symbol \"£\" has no mapping",
    );
}

#[test]
fn money_in_and_out_both_filled_is_refused() {
    let fund = eur_fund().build();
    let map = MAP.replace(
        "amount = \"Amount\"",
        "amount_in = \"In\"\namount_out = \"Out\"",
    );
    let stderr = bad(
        &fund,
        &map,
        b"Date,In,Out,Text\n2026-03-01,5.00,,a\n2026-03-02,5.00,2.00,b\n",
        &["1 problem"],
    );
    assert_problem(
        &stderr,
        "I211",
        3,
        Some("In"),
        "both In (5.00) and Out (2.00) are filled",
    );
}

#[test]
fn a_fee_larger_than_the_gross_is_refused() {
    let fund = eur_fund().build();
    let map = MAP.replace(
        "description = \"Text\"",
        "description = \"Text\"\nfees = [\"Fee\"]",
    );
    let stderr = bad(
        &fund,
        &map,
        b"Date,Amount,Text,Fee\n2026-03-01,5.00,a,-6.00\n",
        &["1 problem"],
    );
    assert_problem(
        &stderr,
        "I204",
        2,
        Some("Fee"),
        "the fee (6.00) is larger than the gross amount (5.00)",
    );
}

const GRANT_MAP: &str = "[[rules]]\nwhen = { Text = \"G-\\\\d+\" }\naction = \"grant\"\n\
    grant = \"G-(\\\\d+)\"\ngrant_column = \"Text\"\n";

fn grant_fund() -> Fund {
    eur_fund()
        .members(&["Ana", "Bo", "Cy"])
        .stewards(&["Ana", "Bo"], "2026-01-01")
        .policy(
            "food",
            "consent --min-consents 1 --window 2h",
            "2026-01-02T00:00",
        )
        .setting("contribution-account", "assets:bank:eur")
        .contribution("Ana", "1000.00 EUR", Some("food"), "2026-01-31")
        .application("Cy", "food", "300.00 EUR", "Stove", "2026-02-01T10:00")
        .vote("G-0001", "consent", "Ana", "2026-02-01T10:30")
        .decision("G-0001", "2026-02-01T12:00")
        .application("Cy", "food", "50.00 EUR", "Pots", "2026-02-02T10:00")
        .build()
}

#[test]
fn grant_payments_link_to_recorded_tranches_and_refuse_unknown_or_unapproved_grants() {
    let fund = grant_fund();
    let map = fund.write("grant.toml", format!("{MAP}{GRANT_MAP}"));
    for (csv, line_text) in [
        (
            "2026-02-10,-50.00,Pots G-0002\n",
            "G-0002 is open; only approved grants are paid",
        ),
        ("2026-02-10,-50.00,Pots G-0009\n", "unknown grant"),
        (
            "2026-02-10,-350.00,Stove G-0001\n",
            "G-0001 was approved for 300.00 EUR and 0.00 is paid",
        ),
        (
            "2026-01-31,-50.00,Stove G-0001\n",
            "G-0001 was approved after 2026-01-31, the row's date",
        ),
        (
            "2026-02-10,50.00,Stove G-0001\n",
            "a grant payment to G-0001 must be money going out",
        ),
    ] {
        let file = fund.write("g.csv", format!("Date,Amount,Text\n{csv}"));
        let stderr = refused(&fund, &args(&file, &map, &[]), &["1 problem"]);
        assert_problem(
            &stderr,
            "I212",
            2,
            Some("Text")
                .filter(|_| !line_text.contains("approved for") && !line_text.contains("going out"))
                .or(Some("Amount")),
            line_text,
        );
    }
    // A tranche recorded with `grant pay` is linked, not posted again; the
    // second row is a new tranche.
    fund.ok(&[
        "grant",
        "pay",
        "G-0001",
        "100.00",
        "EUR",
        "--from-account",
        "assets:bank:eur",
        "--date",
        "2026-02-09",
        "--at",
        "2026-02-09T09:00",
    ]);
    let file = fund.write(
        "g.csv",
        "Date,Amount,Text\n2026-02-12,-100.00,Stove G-0001\n2026-02-20,-120.00,Stove G-0001 second\n\
         2026-02-21,0.00,nothing moved\n",
    );
    let out = fund.ok(&args(&file, &map, &["--show"]));
    assert!(out.contains("1 rows skipped: zero amount"), "{out}");
    assert!(
        out.contains("line 2: 2026-02-12 -100.00 EUR rule 1: linked G-0001"),
        "{out}"
    );
    assert!(
        out.contains("line 3: 2026-02-20 -120.00 EUR rule 1: grant"),
        "{out}"
    );
    assert!(
        out.contains("1 rows linked to tranches already recorded"),
        "{out}"
    );
    clean(&fund);
    let shown = fund.ok(&["grant", "show", "G-0001", "--format", "json"]);
    assert!(shown.contains("220.00"), "{shown}");
    assert_eq!(
        fund.balance_csv(&["assets"]),
        "account,commodity,balance\nassets:bank:eur,EUR,780.00\n"
    );
}

// ---------------------------------------------------------------- reconcile

fn reconciled_fund() -> Fund {
    let fund = eur_fund()
        .post(
            "Opening balance",
            "2026-01-31",
            &["assets:bank:eur=1000.00 EUR", "equity:opening"],
        )
        .build();
    fund.ok(&args(
        &example("statements/de-bank-2026-02.csv"),
        &example("maps/de-bank.toml"),
        &[],
    ));
    fund
}

const RECONCILE: [&str; 5] = [
    "reconcile",
    "assets:bank:eur",
    "--on",
    "2026-02-28",
    "--statement-balance",
];

#[test]
fn reconcile_shows_the_books_against_the_statement_suspense_and_unconfirmed_entries() {
    let fund = reconciled_fund();
    let mut ok = RECONCILE.to_vec();
    ok.extend(["1520.10", "EUR", "--format", "csv"]);
    assert_eq!(
        fund.ok(&ok),
        "kind,date,txn,description,amount,commodity\n\
         books,2026-02-28,,balance of assets:bank:eur,1520.10,EUR\n\
         statement,2026-02-28,,the statement's balance,1520.10,EUR\n\
         difference,2026-02-28,,the books agree with the statement,0.00,EUR\n\
         unconfirmed,2026-01-31,1,Opening balance,1000.00,EUR\n\
         suspense,2026-02-27,6,Unmatched statement row (to do),25.00,EUR\n"
    );
    let mut off = RECONCILE.to_vec();
    off.extend(["1500.10", "EUR", "--format", "csv"]);
    let run = fund.run(&off);
    assert_eq!(run.code, 1, "a difference is a finding");
    assert!(
        run.stdout
            .contains("difference,2026-02-28,,books minus statement,20.00,EUR\n")
    );
    // Recording refuses a statement balance the books do not have.
    let mut record = off.clone();
    record.extend(["--record", "--at", "2026-03-01T10:00"]);
    fund.fails_unchanged(
        &record,
        &["not the statement's 1500.10 EUR; nothing was recorded"],
    );
}

#[test]
fn a_recorded_reconciliation_refuses_back_dated_entries_until_reopened() {
    let fund = reconciled_fund();
    let mut record = RECONCILE.to_vec();
    record.extend(["1520.10", "EUR", "--record", "--at", "2026-03-01T10:00"]);
    fund.ok(&record);
    clean(&fund);
    let late = [
        "post",
        "Late fee",
        "--date",
        "2026-02-20",
        "-p",
        "expenses:fees:payments=1.00 EUR",
        "-p",
        "assets:bank:eur",
    ];
    fund.fails_unchanged(
        &late,
        &["assets:bank:eur was reconciled with its statement at the end of 2026-02-28 with 1520.10 EUR; this entry would make it 1519.10 EUR"],
    );
    // After the reconciliation's date, entries go in as ever.
    let mut march = late;
    march[3] = "2026-03-02";
    fund.ok(&march);
    // Reopened with a reason (recorded), the late entry goes in.
    fund.ok(&[
        "reconcile",
        "assets:bank:eur",
        "--on",
        "2026-02-01",
        "--reopen",
        "--reason",
        "fee booked late",
        "--at",
        "2026-03-03T10:00",
    ]);
    fund.ok(&late);
    clean(&fund);
}

#[test]
fn verify_reports_an_entry_forced_in_under_a_reconciliation() {
    let fund = reconciled_fund();
    let mut record = RECONCILE.to_vec();
    record.extend(["1520.10", "EUR", "--record", "--at", "2026-03-01T10:00"]);
    fund.ok(&record);
    // Someone holding the file moves the rent row's money behind fondo's back.
    common::tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount - 100 WHERE txn_id = 3 AND amount = -45000;
         UPDATE postings SET amount = amount + 100 WHERE txn_id = 3 AND amount = 45000;",
    );
    let run = fund.run(&["verify"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "V121 record 13: assets:bank:eur was reconciled at the end of 2026-02-28 with 1520.10 EUR, but the journal now gives 1519.10 EUR"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_hledger_rules_directive_outside_the_subset_is_refused() {
    let fund = FundBuilder::new()
        .currency("GBP")
        .account("assets:bank:gbp")
        .build();
    let csv = example("statements/coop-bank-2026-03.csv");
    let rules = std::fs::read_to_string(example("statements/coop-bank-2026-03.csv.rules")).unwrap();
    for (extra, needle) in [
        (
            "newest-first\n",
            "the directive \"newest-first\" is not in the subset",
        ),
        (
            "if FEE\n  balance %4\n",
            "\"balance\" inside an if block is not in the subset",
        ),
    ] {
        let path = fund.write("bad.rules", format!("{rules}\n{extra}"));
        let args = vec![
            "import".to_owned(),
            "statement".to_owned(),
            csv.display().to_string(),
            "--hledger-rules".to_owned(),
            path.display().to_string(),
        ];
        refused(
            &fund,
            &args,
            &[&format!("map file {}", path.display()), needle],
        );
    }
    // The shipped rules import; again adds nothing.
    let args = [
        "import",
        "statement",
        &csv.display().to_string(),
        "--hledger-rules",
        &example("statements/coop-bank-2026-03.csv.rules")
            .display()
            .to_string(),
    ]
    .map(str::to_owned);
    let out = fund.ok(&args);
    assert!(out.starts_with("imported 6 transactions"), "{out}");
    clean(&fund);
    assert!(fund.ok(&args).starts_with("imported 0 transactions"));
}

fn wise_fund() -> Fund {
    eur_fund()
        .commodity("USD", 2)
        .accounts(&["assets:wise:eur", "assets:wise:usd"])
        .build()
}

#[test]
fn a_wise_conversion_is_an_exchange_with_its_rate_recorded() {
    let fund = wise_fund();
    let file = example("statements/wise-eur-2026-02.csv");
    let map = example("maps/wise-eur.toml");
    let shown = fund.ok(&args(&file, &map, &["--dry-run", "--show"]));
    assert!(
        shown.contains(
            "line 3: 2026-02-05 -500.00 EUR rule 2: exchange assets:wise:eur, expenses:fees:payments, equity:conversions:EUR, equity:conversions:USD, assets:wise:usd (pool food)\n"
        ),
        "{shown}"
    );
    imports_exactly(
        &fund,
        "wise-eur-2026-02.csv",
        "wise-eur.toml",
        &[],
        "account,commodity,balance\n\
         assets:wise:eur,EUR,452.63\n\
         assets:wise:usd,USD,540.50\n\
         equity:conversions:EUR,EUR,500.00\n\
         equity:conversions:USD,USD,-540.50\n\
         expenses:fees:payments,EUR,2.37\n\
         expenses:printing,EUR,45.00\n\
         income:contributions,EUR,-1000.00\n",
    );
    // The rate is in the description, as `fondo exchange` writes it.
    let register = fund.ok(&["register", "assets:wise:usd", "--format", "csv"]);
    assert!(
        register.contains("Exchange 500.00 EUR for 540.50 USD at 1.081 USD per EUR"),
        "{register}"
    );
}

const EXCHANGE_MAP: &str = "[file]\ndate_format = \"%Y-%m-%d\"\n\
    [columns]\ndate = \"Date\"\namount = \"Amount\"\ndescription = \"Text\"\n\
    [defaults]\naccount = \"assets:wise:eur\"\ncurrency = \"EUR\"\n\
    [[rules]]\ndescription = \"convert\"\naction = \"exchange\"\naccount = \"assets:wise:usd\"\n";

#[test]
fn an_exchange_at_a_fixed_rate_in_either_direction() {
    let fund = wise_fund();
    let map = fund.write(
        "rate.toml",
        format!("{EXCHANGE_MAP}other_currency = \"USD\"\nrate = \"1.08\"\n"),
    );
    let file = fund.write(
        "rate.csv",
        "Date,Amount,Text\n2026-03-01,250.00,convert from usd\n2026-03-02,-100.00,convert to usd\n",
    );
    let out = fund.ok(&args(&file, &map, &[]));
    assert!(out.starts_with("imported 2 transactions"), "{out}");
    clean(&fund);
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:wise:eur,EUR,150.00\n\
         assets:wise:usd,USD,-162.00\n\
         equity:conversions:EUR,EUR,-150.00\n\
         equity:conversions:USD,USD,162.00\n"
    );
    let register = fund.ok(&["register", "assets:wise:usd", "--format", "csv"]);
    assert!(
        register.contains("Exchange 270.00 USD for 250.00 EUR at ≈0.925926 EUR per USD"),
        "{register}"
    );
    assert!(
        register.contains("Exchange 100.00 EUR for 108.00 USD at 1.08 USD per EUR"),
        "{register}"
    );
}

#[test]
fn bad_exchange_rows_name_the_line_and_field() {
    let fund = wise_fund();
    let column_map =
        format!("{EXCHANGE_MAP}other_currency_column = \"Cur\"\nother_amount = \"Other\"\n");
    // The map names a column the file does not have.
    let stderr = bad(
        &fund,
        &column_map,
        b"Date,Amount,Text,Cur\n2026-03-01,-5.00,convert,USD\n",
        &["bad.csv", "\"Other\"", "which the file does not have"],
    );
    assert!(stderr.contains("Date, Amount, Text, Cur"), "{stderr}");
    // A zero other amount, an unknown currency, the same currency, and
    // more decimal places than the currency has.
    let stderr = bad(
        &fund,
        &column_map,
        b"Date,Amount,Text,Cur,Other\n\
          2026-03-01,-5.00,convert,USD,0.00\n\
          2026-03-02,-5.00,convert,XAU,5.40\n\
          2026-03-03,-5.00,convert,EUR,5.00\n\
          2026-03-04,-5.00,convert,USD,5.405\n\
          2026-03-05,-5.00,convert,USD,\n",
        &["5 problems"],
    );
    assert_problem(&stderr, "I204", 2, Some("Other"), "other amount is zero");
    assert_problem(&stderr, "I206", 3, Some("Cur"), "XAU");
    assert_problem(&stderr, "I206", 4, Some("Cur"), "two different currencies");
    assert_problem(&stderr, "I204", 5, Some("Other"), "");
    assert_problem(&stderr, "I204", 6, Some("Other"), "");
    // A fixed rate whose product has more places than USD is refused,
    // never rounded.
    let stderr = bad(
        &fund,
        &format!("{EXCHANGE_MAP}other_currency = \"USD\"\nrate = \"1.0805\"\n"),
        b"Date,Amount,Text\n2026-03-01,-5.01,convert\n",
        &["1 problem"],
    );
    assert_problem(&stderr, "I204", 2, Some("rate"), "");
    // Map mistakes are refused before any row is read.
    for (extra, needle) in [
        ("other_currency = \"USD\"\n", "needs either other_amount"),
        ("rate = \"1.1\"\n", "needs either other_currency"),
        (
            "other_currency = \"USD\"\nrate = \"0\"\n",
            "rate \"0\" is not a positive number",
        ),
    ] {
        bad(
            &fund,
            &format!("{EXCHANGE_MAP}{extra}"),
            b"Date,Amount,Text\n2026-03-01,-5.00,convert\n",
            &[needle],
        );
    }
    bad(
        &fund,
        &(MAP.replace("assets:bank:eur", "assets:wise:eur")
            + "[[rules]]\ndescription = \"x\"\naction = \"expense\"\naccount = \"expenses:x\"\nrate = \"2\"\n"),
        b"Date,Amount,Text\n2026-03-01,-5.00,x\n",
        &["belong to exchange rules, not expense rules"],
    );
    bad(
        &fund,
        &(EXCHANGE_MAP.replace("assets:wise:usd", "equity:opening")
            + "other_currency = \"USD\"\nrate = \"1.1\"\n"),
        b"Date,Amount,Text\n2026-03-01,-5.00,convert\n",
        &["an exchange goes to another of the fund's assets accounts"],
    );
}
