//! End-to-end tests of the journal CSV: import summaries, the round trip into
//! a fresh database (same balances, same hashes, same fingerprint),
//! idempotent re-import, `--dry-run`, `--strict`, BOM and CRLF files, voids
//! and tampered exports.

mod common;

use common::{Fund, HEADER, assert_problem, csv_rows, tamper};

/// A journal with every optional column, quotes, commas, a multi-line memo,
/// Unicode, an in-kind unit with three decimal places and a void.
const JOURNAL: &str = "\
txn,date,description,account,amount,commodity,payee,reference,memo,reverses
a1,2026-01-05,Opening balance,assets:bank:usd,1840.00,USD,,sheet-2025,,
a1,2026-01-05,Opening balance,equity:opening,-1840.00,USD,,sheet-2025,,
a2,2026-01-20,\"Donation, \"\"Solidarität\"\" Berlin\",assets:bank:eur,300.00,EUR,Solidarität Berlin,SEPA-88121,\"línea 1
línea 2\",
a2,2026-01-20,\"Donation, \"\"Solidarität\"\" Berlin\",income:donations,-300.00,EUR,Solidarität Berlin,SEPA-88121,,
a3,2026-02-03,Rice from the market,assets:pantry,12.125,KG-RICE,,,,
a3,2026-02-03,Rice from the market,income:in-kind,-12,KG-RICE,,,,
a3,2026-02-03,Rice from the market,income:in-kind,-0.125,KG-RICE,,,,
a4,2026-02-15,Bank fee,expenses:fees,3.50,USD,,,,
a4,2026-02-15,Bank fee,assets:bank:usd,-3.50,USD,,,,
a5,2026-02-16,Fee refunded,expenses:fees,-3.50,USD,,,,a4
a5,2026-02-16,Fee refunded,assets:bank:usd,3.50,USD,,,,a4
";

const JOURNAL_BALANCE: &str = "\
account,commodity,balance
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1840.00
assets:pantry,KG-RICE,12.125
equity:opening,USD,-1840.00
income:donations,EUR,-300.00
income:in-kind,KG-RICE,-12.125
";

fn summary(fund: &Fund, name: &str, verb: &str, counts: &str) -> String {
    format!(
        "{verb} {counts} from {} under source \"{name}\"\n",
        fund.path(name).display()
    )
}

#[test]
fn import_creates_what_is_missing_and_says_so() {
    let fund = Fund::init(Some("USD"));
    let out = fund.import_text("j.csv", JOURNAL, &[]).ok();
    assert_eq!(
        out,
        summary(&fund, "j.csv", "imported", "5 transactions (11 postings)")
            + "created account assets:bank:usd
created account equity:opening
created account assets:bank:eur
created account income:donations
created account assets:pantry
created account income:in-kind
created account expenses:fees
created commodity EUR with 2 decimal places
created commodity KG-RICE with 3 decimal places
"
    );
    assert_eq!(fund.balance_csv(&[]), JOURNAL_BALANCE);
    assert_eq!(
        fund.ok(&["commodity", "list", "--format", "csv"]),
        "code,decimals,name\nEUR,2,Euro\nKG-RICE,3,\nUSD,2,US dollar\n"
    );
    let rows = csv_rows(&fund.export());
    let memo = &rows[2];
    assert_eq!(memo[2], "Donation, \"Solidarität\" Berlin");
    assert_eq!(memo[6], "Solidarität Berlin");
    assert_eq!(memo[7], "SEPA-88121");
    assert_eq!(memo[8], "línea 1\nlínea 2");
    assert_eq!(rows[9][10], "4", "the void points at the stored id of a4");
    fund.ok(&["verify"]);
}

#[test]
fn round_trip_into_a_fresh_database_is_identical() {
    let first = Fund::init(Some("USD"));
    first.import_text("j.csv", JOURNAL, &[]).ok();
    first.accounts(&["assets:cash", "income:dues"]);
    first.post(
        "Dues, \"March\"",
        "2026-03-01",
        &["assets:cash=40.00", "income:dues"],
    );
    first.ok(&[
        "void",
        "6",
        "--reason",
        "counted twice",
        "--date",
        "2026-03-02",
    ]);
    let export = first.export();

    let second = Fund::init(None);
    let file = second.write("export.csv", &export);
    second.ok(&["journal", "import", file.to_str().unwrap()]);
    assert_eq!(second.balance_csv(&[]), first.balance_csv(&[]));
    assert_eq!(
        second.balance_csv(&["--tree", "--as-of", "2026-02-28"]),
        first.balance_csv(&["--tree", "--as-of", "2026-02-28"])
    );
    assert_eq!(second.fingerprint(), first.fingerprint());
    assert_eq!(second.export(), export, "same rows, ids and hashes");
    assert_eq!(
        second.ok(&["register", "--format", "csv"]),
        first.ok(&["register", "--format", "csv"])
    );

    // The same export again under the same source adds nothing.
    let before = second.snapshot();
    let again = second.ok(&["journal", "import", file.to_str().unwrap()]);
    assert_eq!(
        again,
        summary(
            &second,
            "export.csv",
            "imported",
            "0 transactions (0 postings)"
        ) + "skipped 7 transactions already imported from this source\n"
    );
    assert_eq!(second.snapshot(), before);
}

#[test]
fn an_export_split_by_date_re_imports_under_one_source() {
    let first = Fund::init(Some("USD"));
    first.import_text("j.csv", JOURNAL, &[]).ok();
    let early = first.ok(&["journal", "export", "--to", "2026-02-03"]);
    let late = first.ok(&["journal", "export", "--from", "2026-02-04"]);
    let second = Fund::init(None);
    second
        .import_text("early.csv", &early, &["--source", "fund-a"])
        .ok();
    second
        .import_text("late.csv", &late, &["--source", "fund-a"])
        .ok();
    assert_eq!(second.fingerprint(), first.fingerprint());
    assert_eq!(second.export(), first.export());
}

#[test]
fn re_import_skips_and_says_so() {
    let fund = Fund::init(Some("USD"));
    fund.import_text("j.csv", JOURNAL, &[]).ok();
    let before = fund.snapshot();
    let out = fund.import_text("j.csv", JOURNAL, &[]).ok();
    assert_eq!(
        out,
        summary(&fund, "j.csv", "imported", "0 transactions (0 postings)")
            + "skipped 5 transactions already imported from this source\n"
    );
    assert_eq!(fund.snapshot(), before);
    // A file that adds one transaction to an imported one adds just that.
    let more = format!(
        "{JOURNAL}a6,2026-02-20,Dues,assets:bank:usd,10.00,USD,,,,\na6,2026-02-20,Dues,income:dues,-10.00,USD,,,,\n"
    );
    let out = fund.import_text("j.csv", &more, &[]).ok();
    assert_eq!(
        out,
        summary(&fund, "j.csv", "imported", "1 transactions (2 postings)")
            + "skipped 5 transactions already imported from this source\ncreated account income:dues\n"
    );
    // The same key with other content is refused.
    let changed = JOURNAL.replace("Bank fee", "Bank fees");
    let stderr = fund
        .import_text("j.csv", &changed, &[])
        .error(&["nothing was written"]);
    assert_problem(
        &stderr,
        "I208",
        10,
        Some("txn"),
        "imported from source \"j.csv\" before with different content",
    );
    // Another source is another file: everything is imported again.
    let out = fund
        .import_text("j.csv", JOURNAL, &["--source", "bank-2026"])
        .ok();
    assert!(out.starts_with(&format!(
        "imported 5 transactions (11 postings) from {} under source \"bank-2026\"\n",
        fund.path("j.csv").display()
    )));
    fund.ok(&["verify"]);
}

#[test]
fn identical_transactions_with_different_txn_values_are_both_kept() {
    let fund = Fund::init(Some("USD"));
    let text = format!(
        "{HEADER}
1,2026-03-01,Monthly dues,assets:bank,25.00,USD
1,2026-03-01,Monthly dues,income:dues,-25.00,USD
2,2026-03-01,Monthly dues,assets:bank,25.00,USD
2,2026-03-01,Monthly dues,income:dues,-25.00,USD
"
    );
    let out = fund.import_text("dues.csv", &text, &[]).ok();
    assert!(out.starts_with(&summary(
        &fund,
        "dues.csv",
        "imported",
        "2 transactions (4 postings)"
    )));
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\nassets:bank,USD,50.00\nincome:dues,USD,-50.00\n"
    );
    let rows = csv_rows(&fund.export());
    assert_ne!(
        rows[0][12], rows[2][12],
        "the chain makes their hashes differ"
    );
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let fund = Fund::init(Some("USD"));
    post_setup(&fund);
    let before = fund.snapshot();
    let out = fund.import_text("j.csv", JOURNAL, &["--dry-run"]).ok();
    assert_eq!(
        out,
        summary(
            &fund,
            "j.csv",
            "would import",
            "5 transactions (11 postings)"
        ) + "would create account assets:bank:eur
would create account income:donations
would create account assets:pantry
would create account income:in-kind
would create account expenses:fees
would create commodity EUR with 2 decimal places
would create commodity KG-RICE with 3 decimal places
dry run: nothing was written
"
    );
    assert_eq!(fund.snapshot(), before);
    // A dry run finds the same problems as a real import.
    let bad = JOURNAL.replace("12.125,KG-RICE", "12.1x5,KG-RICE");
    let stderr = fund
        .import_text("bad.csv", &bad, &["--dry-run"])
        .error(&["nothing was written"]);
    assert_problem(
        &stderr,
        "I204",
        7,
        Some("amount"),
        "invalid amount \"12.1x5\"",
    );
    assert_eq!(fund.snapshot(), before);
    // And after it, the real import does what the dry run said.
    let out = fund.import_text("j.csv", JOURNAL, &[]).ok();
    assert!(out.starts_with(&summary(
        &fund,
        "j.csv",
        "imported",
        "5 transactions (11 postings)"
    )));
}

/// The accounts the journal's first transaction uses, and one posting.
fn post_setup(fund: &Fund) {
    fund.accounts(&["assets:bank:usd", "equity:opening"]);
    fund.post(
        "Earlier",
        "2026-01-01",
        &["assets:bank:usd=1.00", "equity:opening"],
    );
}

#[test]
fn strict_refuses_new_accounts_and_commodities() {
    let fund = Fund::init(Some("USD"));
    post_setup(&fund);
    let stderr = fund.fails_unchanged(
        &[
            "journal",
            "import",
            fund.write("j.csv", JOURNAL).to_str().unwrap(),
            "--strict",
        ],
        &["nothing was written"],
    );
    assert_problem(
        &stderr,
        "I205",
        4,
        Some("account"),
        "unknown account \"assets:bank:eur\" (a strict import refuses new accounts)",
    );
    assert_problem(
        &stderr,
        "I206",
        4,
        Some("commodity"),
        "unknown commodity \"EUR\" (a strict import refuses new commodities)",
    );
    assert_problem(
        &stderr,
        "I205",
        6,
        Some("account"),
        "unknown account \"income:donations\"",
    );
    assert_problem(
        &stderr,
        "I206",
        7,
        Some("commodity"),
        "unknown commodity \"KG-RICE\"",
    );
    assert_problem(
        &stderr,
        "I205",
        10,
        Some("account"),
        "unknown account \"expenses:fees\"",
    );
    assert!(
        !stderr.contains("\"assets:bank:usd\"") && !stderr.contains("\"USD\""),
        "existing accounts and commodities are fine:\n{stderr}"
    );
    // Once everything is declared, --strict imports.
    fund.accounts(&[
        "assets:bank:eur",
        "income:donations",
        "assets:pantry",
        "income:in-kind",
        "expenses:fees",
    ]);
    fund.ok(&["commodity", "add", "EUR", "--decimals", "2"]);
    fund.ok(&["commodity", "add", "KG-RICE", "--decimals", "3"]);
    let out = fund.import_text("j.csv", JOURNAL, &["--strict"]).ok();
    assert_eq!(
        out,
        summary(&fund, "j.csv", "imported", "5 transactions (11 postings)")
    );
    fund.ok(&["verify"]);
}

#[test]
fn byte_order_mark_and_crlf_simply_work() {
    let plain = Fund::init(Some("USD"));
    plain.import_text("j.csv", JOURNAL, &[]).ok();
    for (name, text) in [
        ("bom.csv", format!("\u{feff}{JOURNAL}")),
        ("crlf.csv", JOURNAL.replace('\n', "\r\n")),
        (
            "both.csv",
            format!("\u{feff}{}", JOURNAL.replace('\n', "\r\n")),
        ),
    ] {
        let fund = Fund::init(Some("USD"));
        let out = fund.import_text(name, &text, &[]).ok();
        assert!(
            out.starts_with(&summary(
                &fund,
                name,
                "imported",
                "5 transactions (11 postings)"
            )),
            "{out}"
        );
        assert_eq!(fund.balance_csv(&[]), JOURNAL_BALANCE, "{name}");
        if name == "bom.csv" {
            // Only the line ending inside the quoted memo differs with CRLF.
            assert_eq!(fund.fingerprint(), plain.fingerprint(), "{name}");
            assert_eq!(fund.export(), plain.export(), "{name}");
        }
        fund.ok(&["verify"]);
    }
}

#[test]
fn crlf_file_problems_have_the_right_lines() {
    let fund = Fund::init(Some("USD"));
    let bad = JOURNAL
        .replace(
            "2026-02-15,Bank fee,expenses",
            "2026-02-30,Bank fee,expenses",
        )
        .replace('\n', "\r\n");
    let stderr = fund
        .import_text("crlf.csv", &bad, &[])
        .error(&["nothing was written"]);
    assert_problem(&stderr, "I203", 10, Some("date"), "no such day");
}

#[test]
fn imported_voids_are_linked_and_checked() {
    let fund = Fund::init(Some("USD"));
    fund.import_text("j.csv", JOURNAL, &[]).ok();
    // fondo refuses to void a4 again: the import recorded the link.
    fund.fails_unchanged(
        &["void", "4", "--reason", "twice", "--date", "2026-03-01"],
        &["already voided by transaction 5"],
    );
    let twice = format!(
        "{}a6,2026-02-17,Refund again,expenses:fees,-3.50,USD,,,,a4\na6,2026-02-17,Refund again,assets:bank:usd,3.50,USD,,,,a4\n",
        JOURNAL
    );
    let stderr = fund.import_text("j.csv", &twice, &[]).error(&[]);
    assert_problem(&stderr, "I209", 14, Some("reverses"), "already voided");
    let dangling = format!(
        "{HEADER},reverses\nb1,2026-03-01,Undo,assets:x,1.00,USD,zz\nb1,2026-03-01,Undo,equity:y,-1.00,USD,zz\n"
    );
    let stderr = fund.import_text("d.csv", &dangling, &[]).error(&[]);
    assert_problem(
        &stderr,
        "I209",
        2,
        Some("reverses"),
        "reverses transaction \"zz\"",
    );
}

#[test]
fn voids_of_transactions_earlier_in_the_same_file_are_checked_too() {
    // The importer writes a transaction only after it is hashed in another
    // thread: a void naming an original still on its way must be refused
    // for the same reasons as one naming a written original.
    let fund = Fund::init(Some("USD"));
    let original = |key: &str| {
        format!(
            "{key},2026-02-15,Bank fee,expenses:fees,3.50,USD,\n{key},2026-02-15,Bank fee,assets:bank,-3.50,USD,\n"
        )
    };
    let void = |key: &str, of: &str| {
        format!(
            "{key},2026-02-16,Refund,expenses:fees,-3.50,USD,{of}\n{key},2026-02-16,Refund,assets:bank,3.50,USD,{of}\n"
        )
    };
    let head = format!("{HEADER},reverses\n");
    let before = fund.snapshot();
    let twice = format!(
        "{head}{}{}{}",
        original("c1"),
        void("c2", "c1"),
        void("c3", "c1")
    );
    let stderr = fund
        .import_text("t.csv", &twice, &[])
        .error(&["nothing was written"]);
    assert_problem(&stderr, "I209", 6, Some("reverses"), "already voided");
    let of_a_void = format!(
        "{head}{}{}{}",
        original("c1"),
        void("c2", "c1"),
        void("c3", "c2")
    );
    let stderr = fund
        .import_text("v.csv", &of_a_void, &[])
        .error(&["nothing was written"]);
    assert_problem(&stderr, "I209", 6, Some("reverses"), "itself a void");
    assert_eq!(fund.snapshot(), before);
    // And the same voids, once alone, are linked as voids of their originals.
    let once = format!("{head}{}{}", original("c1"), void("c2", "c1"));
    fund.import_text("o.csv", &once, &[]).ok();
    fund.fails_unchanged(
        &["void", "1", "--reason", "twice", "--date", "2026-03-01"],
        &["already voided by transaction 2"],
    );
}

#[test]
fn an_imported_void_must_mirror_what_it_voids() {
    // fondo's own `void` posts the exact mirror, on or after the original's
    // date; `verify` flags anything else (V110). An import must not record
    // such a void in the first place.
    let fund = Fund::init(Some("USD"));
    let original = format!(
        "{HEADER},reverses
f1,2026-02-15,Bank fee,expenses:fees,3.50,USD,
f1,2026-02-15,Bank fee,assets:bank,-3.50,USD,
"
    );
    for (what, void) in [
        (
            "other amounts",
            "f2,2026-02-16,Fee refunded,expenses:fees,-2.00,USD,f1\n\
             f2,2026-02-16,Fee refunded,assets:bank,2.00,USD,f1\n",
        ),
        (
            "dated before the original",
            "f2,2026-02-10,Fee refunded,expenses:fees,-3.50,USD,f1\n\
             f2,2026-02-10,Fee refunded,assets:bank,3.50,USD,f1\n",
        ),
        (
            "other accounts",
            "f2,2026-02-16,Fee refunded,expenses:other,-3.50,USD,f1\n\
             f2,2026-02-16,Fee refunded,assets:bank,3.50,USD,f1\n",
        ),
    ] {
        let before = fund.snapshot();
        let run = fund.import_text("v.csv", &format!("{original}{void}"), &[]);
        if run.code == 0 {
            let verify = fund.run(&["verify"]);
            panic!(
                "import accepted a void with {what}; verify then says:\n{}",
                verify.stdout
            );
        }
        let stderr = run.error(&["nothing was written"]);
        assert_problem(&stderr, "I209", 4, Some("reverses"), "void");
        assert_eq!(fund.snapshot(), before, "{what}");
    }
}

#[test]
fn an_edited_export_is_caught_by_its_hashes() {
    let first = Fund::init(Some("USD"));
    first.import_text("j.csv", JOURNAL, &[]).ok();
    let export = first.export();
    for (what, edited) in [
        (
            "description",
            export.replace("Rice from the market", "Rice from the mall"),
        ),
        ("amount", export.replace("3.50,USD", "4.50,USD")),
        (
            "payee",
            export.replace("Solidarität Berlin,SEPA", "Solidaritat Berlin,SEPA"),
        ),
    ] {
        assert_ne!(edited, export, "{what}");
        refused_for_its_hashes(&edited, what);
    }
}

/// Imports `export` into new books: refused, since a row does not match its
/// recorded hash, and nothing is written.
fn refused_for_its_hashes(export: &str, what: &str) {
    let second = Fund::init(None);
    let stderr = second
        .import_text("edited.csv", export, &[])
        .error(&["nothing was written"]);
    assert!(
        stderr.contains("does not match its recorded hash"),
        "{what}: {stderr}"
    );
    assert_eq!(second.export(), format!("{}\n", common::EXPORT_HEADER));
}

#[test]
fn scattered_rows_of_one_transaction_are_refused() {
    let fund = Fund::init(Some("USD"));
    let text = format!(
        "{HEADER}
1,2026-03-01,Dues,assets:bank,25.00,USD
1,2026-03-01,Dues,income:dues,-25.00,USD
2,2026-03-02,Fee,expenses:fees,1.00,USD
2,2026-03-02,Fee,assets:bank,-1.00,USD
1,2026-03-01,Dues,assets:bank,25.00,USD
1,2026-03-01,Dues,income:dues,-25.00,USD
"
    );
    let stderr = fund.fails_unchanged(
        &[
            "journal",
            "import",
            fund.write("s.csv", text).to_str().unwrap(),
        ],
        &[],
    );
    assert_problem(&stderr, "I208", 6, Some("txn"), "must be consecutive");
}

#[test]
fn rows_of_one_transaction_must_agree() {
    let fund = Fund::init(Some("USD"));
    let text = format!(
        "{HEADER}
1,2026-03-01,Dues,assets:bank,25.00,USD
1,2026-03-02,Dues,income:dues,-25.00,USD
"
    );
    let stderr = fund.import_text("s.csv", &text, &[]).error(&[]);
    assert_problem(&stderr, "I208", 3, Some("date"), "differs from line 2");
}

#[test]
fn an_import_chains_onto_existing_transactions() {
    let fund = Fund::init(Some("USD"));
    post_setup(&fund);
    fund.import_text("j.csv", JOURNAL, &[]).ok();
    let rows = csv_rows(&fund.export());
    assert_eq!(rows[0][0], "1");
    assert_eq!(rows[2][0], "2");
    assert_eq!(
        rows[2][11], rows[0][12],
        "the import's first transaction cites the last posted one"
    );
    assert!(
        fund.ok(&["verify"])
            .contains("checked 6 transactions, 13 postings, 9 governance records: no findings"),
        "the fund's settings, its 7 accounts and the import's record of its keys"
    );
}

#[test]
fn an_export_of_the_same_books_is_refused_under_any_source() {
    let fund = Fund::init(Some("USD"));
    fund.import_text("j.csv", JOURNAL, &[]).ok();
    let export = fund.export();
    let path = fund.write("mine.csv", &export);
    let path = path.to_str().unwrap();
    let stderr = fund.fails_unchanged(
        &["journal", "import", path, "--source", "another"],
        &[
            "already in this ledger as transaction 1",
            "count everything twice",
        ],
    );
    assert_problem(
        &stderr,
        "I210",
        2,
        Some("hash"),
        "export of these same books",
    );
}

/// Makes `fund` books of their own, with a salt key no other test fund has.
fn init_with_another_key(fund: &Fund) {
    let mut cmd = common::command();
    cmd.env("FONDO_SALT_KEY", "ab".repeat(32))
        .arg("--db")
        .arg(&fund.db)
        .arg("init");
    common::run_command(&mut cmd).ok();
}

/// Asserts that `export`, edited, is refused (I210) by books with another
/// salt key, which check its rows by the salts they state.
fn refused_in_other_books(export: &str) {
    let fund = Fund::empty();
    init_with_another_key(&fund);
    let stderr = fund
        .import_text("edited.csv", export, &[])
        .error(&["nothing was written"]);
    assert!(stderr.contains("I210"), "{stderr}");
}

#[test]
fn an_export_imports_into_books_with_another_salt_key_checked_by_its_stated_salts() {
    let first = Fund::init(Some("USD"));
    first.import_text("j.csv", JOURNAL, &[]).ok();
    let export = first.export();
    // Another fund, another key: every v2 row is checked with the salts
    // its row states, then hashed with the new fund's own salts.
    let second = Fund::empty();
    init_with_another_key(&second);
    second.import_text("export.csv", &export, &[]).ok();
    let verified = second.ok(&["verify"]);
    assert!(verified.contains(": no findings\n"), "{verified}");
    assert_ne!(
        common::fingerprint(&second.db),
        common::fingerprint(&first.db)
    );
    // An edited row no longer matches its stated salts and hash.
    refused_in_other_books(&export.replace("Rice from the market", "Rice from the mall"));
}

#[test]
fn a_void_far_after_its_original_imports_into_books_with_another_salt_key() {
    // Past the first batches the import's threads exchange, so the
    // original is written (and read back for the void) before its void is
    // linked: the void is still checked against the file's hash of it.
    let mut journal = String::from(
        "txn,date,description,account,amount,commodity,payee,reference,memo,reverses\n",
    );
    for n in 1..=3000 {
        journal.push_str(&format!(
            "t{n},2026-01-05,Gift {n},assets:bank:usd,1.00,USD,,,,\n\
             t{n},2026-01-05,Gift {n},income:donations,-1.00,USD,,,,\n"
        ));
    }
    journal.push_str(
        "v1,2026-02-01,Gift 1 returned,assets:bank:usd,-1.00,USD,,,,t1\n\
         v1,2026-02-01,Gift 1 returned,income:donations,1.00,USD,,,,t1\n",
    );
    let first = Fund::init(Some("USD"));
    first.import_text("j.csv", &journal, &[]).ok();
    let export = first.export();
    let second = Fund::empty();
    init_with_another_key(&second);
    second.import_text("export.csv", &export, &[]).ok();
    let verified = second.ok(&["verify"]);
    assert!(verified.contains("3001 transactions"), "{verified}");
    assert!(verified.contains(": no findings\n"), "{verified}");
    // The void's row, edited, no longer matches what it states.
    refused_in_other_books(&export.replace("Gift 1 returned", "Gift 1 given back"));
}

#[test]
fn a_row_changed_after_the_switch_to_v2_is_exported_in_the_v2_form_and_caught() {
    let fund = Fund::init(Some("USD"));
    fund.import_text("j.csv", JOURNAL, &[]).ok();
    common::tamper::sql(
        &fund.db,
        "UPDATE txns SET description = 'Rice from the mall' WHERE id = 3",
    );
    let verified = fund.run(&["verify", "--format", "csv"]);
    assert_eq!(verified.code, 1, "{}", verified.stderr);
    assert!(
        verified.stdout.contains("V103,txn 3,"),
        "{}",
        verified.stdout
    );
    // The chain is in the v2 form from its first row, so the changed row
    // is written in that form, with its salts, and the export's own hash
    // check (here an import's) catches it.
    let export = fund.export();
    let rows = csv_rows(&export);
    let changed: Vec<_> = rows.iter().filter(|r| r[0] == "3").collect();
    assert_eq!(changed.len(), 3);
    for row in changed {
        assert_eq!(
            (row[2].as_str(), row[13].as_str()),
            ("Rice from the mall", "fondo-txn-v2")
        );
        assert_eq!(row[14].len(), 32, "the description's salt: {row:?}");
    }
    refused_for_its_hashes(&export, "the changed row");
}

/// The export formats its rows on a second thread; a damaged transaction
/// far into the journal (past the first batches the threads exchange)
/// still stops it with the error naming that transaction, and `--out`
/// leaves no file behind.
#[test]
fn a_damaged_transaction_deep_in_the_journal_stops_the_export() {
    let fund = Fund::init(Some("USD"));
    fund.dues(2600);
    let clean = fund.export();
    assert_eq!(csv_rows(&clean).len(), 5200);
    tamper::sql(
        &fund.db,
        "UPDATE postings SET account_id = 9999 WHERE txn_id = 2400 AND line = 2",
    );
    let out = fund.path("journal.csv");
    // (The books cannot be snapshotted: the snapshot is an export.)
    fund.fail(
        &["journal", "export", "--out", out.to_str().unwrap()],
        &["transaction 2400 names a missing account", "fondo verify"],
    );
    assert!(!out.exists(), "no journal.csv is left behind");
    let run = fund.run(&["journal", "export"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("transaction 2400 names a missing account"),
        "{}",
        run.stderr
    );
}
