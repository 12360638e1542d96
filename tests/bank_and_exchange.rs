//! End-to-end tests of how money and support come in and change form:
//! `import contributions` from bank and payment-platform CSV exports through
//! map files (the shipped examples and hand-written ones), `exchange` between
//! currencies inside a pool, reference `rate`s, `pledge`s and their status,
//! and goods in kind (`contribute … KG-RICE`, `give`, `inventory`).
//!
//! Every successful step is followed by a clean `verify`; every refusal is
//! checked for the error contract (exit 2, one `fondo: ` message naming the
//! problem) and for a database whose whole content (every table, including
//! import keys, rates and pledges) is exactly what it was before.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use common::{
    Fund, FundBuilder, GENESIS, assert_problem, clean, csv_rows, expect, refused, state, step,
};
use rusqlite::Connection;
use rust_decimal::Decimal;

/// The purpose the schema gives the general pool.
const GENERAL: &str = "Unrestricted money: everything not set aside in another pool";

/// The CSV header of `pool show`.
const HOLDINGS: &str = "pool,commodity,contributions,moved_in,moved_out,spent,converted,other,held,committed,available";

// ---------------------------------------------------------------- helpers

/// A file shipped in `examples/`.
fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Copies a shipped example into the fund's directory as `as_name`.
fn copy_example(fund: &Fund, name: &str, as_name: &str) -> PathBuf {
    let bytes = std::fs::read(example(name)).expect("reading a shipped example");
    fund.write(as_name, bytes)
}

/// The arguments of `import contributions FILE --map MAP EXTRA…`.
fn import_args(file: &Path, map: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "import".to_owned(),
        "contributions".to_owned(),
        file.display().to_string(),
        "--map".to_owned(),
        map.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

/// The journal export without the hash columns, one `|`-joined line per
/// posting: txn|date|description|account|amount|commodity|payee|reference|
/// memo|pool|reverses.
fn journal(fund: &Fund) -> String {
    csv_rows(&fund.export())
        .iter()
        .map(|r| format!("{}\n", r[..11].join("|")))
        .collect()
}

/// The postings of one transaction, as [`journal`] lines.
fn journal_of(fund: &Fund, txn: i64) -> String {
    let prefix = format!("{txn}|");
    journal(fund)
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Sums amounts per commodity, keeping only those that are not zero.
fn nonzero_sums<'a>(rows: impl Iterator<Item = (&'a str, &'a str)>) -> BTreeMap<String, Decimal> {
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for (commodity, amount) in rows {
        *sums.entry(commodity.to_owned()).or_default() +=
            Decimal::from_str(amount).expect("a decimal amount");
    }
    sums.retain(|_, v| !v.is_zero());
    sums
}

/// Asserts every commodity sums to zero over the whole `balance`, and over
/// the postings of transaction `txn`.
fn sums_to_zero(fund: &Fund, txn: i64) {
    let balance = csv_rows(&fund.balance_csv(&[]));
    let totals = nonzero_sums(balance.iter().map(|r| (r[1].as_str(), r[2].as_str())));
    assert!(totals.is_empty(), "balance totals are not zero: {totals:?}");
    let export = csv_rows(&fund.export());
    let id = txn.to_string();
    let postings: Vec<_> = export.iter().filter(|r| r[0] == id).collect();
    assert!(!postings.is_empty(), "transaction {txn} exists");
    let totals = nonzero_sums(postings.iter().map(|r| (r[5].as_str(), r[4].as_str())));
    assert!(
        totals.is_empty(),
        "transaction {txn} does not sum to zero: {totals:?}"
    );
}

/// Who each contribution came from: (transaction, member name or None).
fn contributors(fund: &Fund) -> Vec<(i64, Option<String>)> {
    let conn = Connection::open(&fund.db).expect("opening the database with rusqlite");
    let mut stmt = conn
        .prepare(
            "SELECT k.txn_id, m.name FROM contributions k
             LEFT JOIN members m ON m.id = k.member_id ORDER BY k.txn_id",
        )
        .expect("preparing");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .expect("reading contributions")
}

fn pool_list(fund: &Fund) -> String {
    fund.ok(&["pool", "list", "--format", "csv"])
}

fn pool_show(fund: &Fund, name: &str) -> String {
    fund.ok(&["pool", "show", name, "--format", "csv"])
}

/// True for a pseudonym as fondo prints it: `member-` and 8 hex digits.
fn is_pseudonym(text: &str) -> bool {
    text.strip_prefix("member-").is_some_and(|tag| {
        tag.len() == 8
            && tag
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

// ------------------------------------------------------------ bank import

/// A EUR fund with the bank account of the eu-bank map, pools food and
/// housing, and the member the map's first rule names.
fn eu_fund() -> Fund {
    FundBuilder::new()
        .currency("EUR")
        .account("assets:bank:eur")
        .pool("food", "Food bank")
        .pool("housing", "Rent relief")
        .member("Solidarität Berlin")
        .build()
}

#[test]
fn a_bank_statement_is_imported_once_and_overlaps_add_only_new_rows() {
    let fund = eu_fund();
    let map = copy_example(&fund, "maps/eu-bank.toml", "eu-bank.toml");
    let feb = copy_example(&fund, "bank-statement-2026-02.csv", "feb.csv");
    let feb_label = feb.display();

    // A dry run says what would happen and writes nothing.
    let before = state(&fund);
    step(
        &fund,
        &import_args(&feb, &map, &["--dry-run"]),
        &format!(
            "would import 3 contributions from {feb_label} under source \"bank:eur\"\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n\
             1 rows ignored by the map's rules\n\
             2 contributions matched no rule and have no contributor\n\
             would create account income:contributions\n\
             dry run: nothing was written\n"
        ),
    );
    assert_eq!(state(&fund), before, "a dry run writes nothing");

    // The import: nothing on stderr (no progress bar when not on a terminal).
    let run = fund.run(&import_args(&feb, &map, &[]));
    assert_eq!(run.stderr, "", "a successful import is quiet on stderr");
    assert_eq!(
        run.ok(),
        format!(
            "imported 3 contributions from {feb_label} under source \"bank:eur\"\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n\
             1 rows ignored by the map's rules\n\
             2 contributions matched no rule and have no contributor\n\
             created account income:contributions\n"
        )
    );
    clean(&fund);
    // Rules: Solidarität Berlin → member and food; "miete" in the reference
    // → housing without a member; A. Nowak matches nothing → general. The
    // outgoing Stadtwerke row and the ignored Umbuchung are not there.
    assert_eq!(
        journal(&fund),
        "1|2026-02-03|Contribution|assets:bank:eur|1250.00|EUR||Spende Februar|||\n\
         1|2026-02-03|Contribution|income:contributions|-1250.00|EUR||Spende Februar||food|\n\
         2|2026-02-05|Contribution|assets:bank:eur|40.00|EUR||Beitrag Miete Notfonds|||\n\
         2|2026-02-05|Contribution|income:contributions|-40.00|EUR||Beitrag Miete Notfonds||housing|\n\
         3|2026-02-12|Contribution|assets:bank:eur|25.50|EUR||Beitrag|||\n\
         3|2026-02-12|Contribution|income:contributions|-25.50|EUR||Beitrag|||\n"
    );
    let export = fund.export();
    for payer in ["Solidarität", "Okafor", "Nowak", "Stadtwerke", "Eigenes"] {
        assert!(!export.contains(payer), "{payer} in the journal:\n{export}");
    }
    assert_eq!(
        contributors(&fund),
        vec![
            (1, Some("Solidarität Berlin".to_owned())),
            (2, None),
            (3, None)
        ]
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,25.50 EUR\n\
             food,Food bank,,1250.00 EUR\n\
             housing,Rent relief,,40.00 EUR\n"
        )
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:bank:eur,EUR,1315.50\n\
         income:contributions,EUR,-1315.50\n"
    );
    assert!(
        fund.ok(&["member", "show", "Solidarität Berlin", "--format", "csv"])
            .contains("\ncontributed,EUR,1250.00\n")
    );

    // The same statement again adds nothing and says so.
    let before = state(&fund);
    step(
        &fund,
        &import_args(&feb, &map, &[]),
        &format!(
            "imported 0 contributions from {feb_label} under source \"bank:eur\"\n\
             3 already imported from this source\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n\
             1 rows ignored by the map's rules\n"
        ),
    );
    assert_eq!(state(&fund), before, "a repeated import writes nothing");

    // Under another source label the rows are new (dry run only).
    step(
        &fund,
        &import_args(&feb, &map, &["--source", "other", "--dry-run"]),
        &format!(
            "would import 3 contributions from {feb_label} under source \"other\"\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n\
             1 rows ignored by the map's rules\n\
             2 contributions matched no rule and have no contributor\n\
             dry run: nothing was written\n"
        ),
    );
    assert_eq!(state(&fund), before, "a dry run writes nothing");

    // A later statement repeating two rows (with another preamble) adds only
    // the new one.
    let mar = fund.write(
        "mar.csv",
        "Konto;DE00 1234 5678 9012 3456 78\n\
         Zeitraum;05.02.2026 - 06.03.2026\n\
         Buchungstag;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n\
         05.02.2026;05.02.2026;M. Okafor;Gutschrift;Beitrag Miete Notfonds;40,00;EUR\n\
         12.02.2026;12.02.2026;A. Nowak;Gutschrift;Beitrag;25,50;EUR\n\
         02.03.2026;02.03.2026;Solidarität Berlin e.V.;Gutschrift;Spende März;2.000,00;EUR\n",
    );
    step(
        &fund,
        &import_args(&mar, &map, &[]),
        &format!(
            "imported 1 contributions from {} under source \"bank:eur\"\n\
             2 already imported from this source\n",
            mar.display()
        ),
    );
    assert_eq!(
        journal_of(&fund, 4),
        "4|2026-03-02|Contribution|assets:bank:eur|2000.00|EUR||Spende März|||\n\
         4|2026-03-02|Contribution|income:contributions|-2000.00|EUR||Spende März||food|\n"
    );
    assert_eq!(journal_of(&fund, 5), "", "only one transaction was added");
    assert_eq!(
        contributors(&fund)[3],
        (4, Some("Solidarität Berlin".to_owned()))
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,25.50 EUR\n\
             food,Food bank,,3250.00 EUR\n\
             housing,Rent relief,,40.00 EUR\n"
        )
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:bank:eur,EUR,3315.50\n\
         income:contributions,EUR,-3315.50\n"
    );
}

/// A USD fund with the Open Collective account, pools food and rapid
/// response, and the member the opencollective map's first rule names.
fn oc_fund() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .account("assets:opencollective:usd")
        .pool("food", "Food bank")
        .pool("rapid response", "Emergencies")
        .member("Cocina Común")
        .build()
}

#[test]
fn platform_fees_go_to_the_fee_account_and_pools_hold_the_net() {
    let fund = oc_fund();
    let map = copy_example(&fund, "maps/opencollective.toml", "opencollective.toml");
    let oc = copy_example(&fund, "opencollective-2026-03.csv", "oc.csv");
    let label = oc.display();
    step(
        &fund,
        &import_args(&oc, &map, &[]),
        &format!(
            "imported 2 contributions from {label} under source \"opencollective\"\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n\
             1 contributions matched no rule and have no contributor\n\
             created account income:contributions\n\
             created account expenses:fees:payments\n"
        ),
    );
    // Gross to income in the pool, fees (both columns, sign ignored) to the
    // fee account in the same pool, the net into the account.
    assert_eq!(
        journal(&fund),
        "1|2026-03-01|Contribution|assets:opencollective:usd|45.75|USD||a1b2c3d4|||\n\
         1|2026-03-01|Contribution|expenses:fees:payments|4.25|USD||a1b2c3d4||food|\n\
         1|2026-03-01|Contribution|income:contributions|-50.00|USD||a1b2c3d4||food|\n\
         2|2026-03-03|Contribution|assets:opencollective:usd|110.22|USD||e5f6a7b8|||\n\
         2|2026-03-03|Contribution|expenses:fees:payments|9.78|USD||e5f6a7b8||rapid response|\n\
         2|2026-03-03|Contribution|income:contributions|-120.00|USD||e5f6a7b8||rapid response|\n"
    );
    assert_eq!(
        contributors(&fund),
        vec![(1, Some("Cocina Común".to_owned())), (2, None)]
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:opencollective:usd,USD,155.97\n\
         expenses:fees:payments,USD,14.03\n\
         income:contributions,USD,-170.00\n"
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,\n\
             food,Food bank,,45.75 USD\n\
             rapid response,Emergencies,,110.22 USD\n"
        )
    );
    assert_eq!(
        pool_show(&fund, "food"),
        format!("{HOLDINGS}\nfood,USD,50.00,0.00,0.00,4.25,0.00,0.00,45.75,0.00,45.75\n")
    );
    assert_eq!(
        pool_show(&fund, "rapid response"),
        format!(
            "{HOLDINGS}\nrapid response,USD,120.00,0.00,0.00,9.78,0.00,0.00,110.22,0.00,110.22\n"
        )
    );
    assert!(
        fund.ok(&["member", "show", "Cocina Común", "--format", "csv"])
            .contains("\ncontributed,USD,50.00\n")
    );

    let before = state(&fund);
    step(
        &fund,
        &import_args(&oc, &map, &[]),
        &format!(
            "imported 0 contributions from {label} under source \"opencollective\"\n\
             2 already imported from this source\n\
             1 outgoing payments skipped (import the whole statement with `fondo import statement`)\n"
        ),
    );
    assert_eq!(state(&fund), before, "a repeated import writes nothing");
}

#[test]
fn bad_fees_are_reported_by_line_and_column() {
    let fund = oc_fund();
    let map = copy_example(&fund, "maps/opencollective.toml", "opencollective.toml");
    let bad = fund.write(
        "bad-fees.csv",
        "datetime,shortId,description,type,kind,amount,paymentProcessorFee,platformFee,netAmount,currency,oppositeAccountName\n\
         2026-03-05T10:00:00.000Z,x1,Tiny,CREDIT,CONTRIBUTION,1.00,-0.50,-0.50,0.00,USD,Guest\n\
         2026-03-06T10:00:00.000Z,x2,Donation,CREDIT,CONTRIBUTION,10.00,\"-1,75\",0.00,8.25,USD,Guest\n\
         2026-03-07T10:00:00.000Z,x3,Donation,CREDIT,CONTRIBUTION,10.00,-0.30,-0.50,9.20,USD,Guest\n",
    );
    let stderr = refused(&fund, &import_args(&bad, &map, &[]), &[]);
    assert_eq!(
        stderr,
        format!(
            "fondo: {}: 2 problems, nothing was written\n  \
             I204 line 2, column amount: the fees take the whole amount; nothing was received\n  \
             I204 line 3, column paymentProcessorFee: \"-1,75\" does not follow the map's number style (decimal '.', no thousands separator)\n",
            bad.display()
        )
    );
}

/// A map for a cash box export: commas, ISO dates, one currency for the
/// whole file (no currency column), no payer column.
const CASHBOX_MAP: &str = "\
[file]
date_format = \"%Y-%m-%d\"

[columns]
date = \"date\"
amount = \"amount\"
description = \"description\"

[defaults]
account = \"assets:cash\"
currency = \"USD\"
";

#[test]
fn identical_rows_are_told_apart_by_their_occurrence() {
    let fund = Fund::init(Some("USD"));
    fund.ok(&["account", "add", "assets:cash"]);
    // The source label defaults to the map file's name.
    let map = fund.write("cashbox.toml", CASHBOX_MAP);
    let week1 = fund.write(
        "week1.csv",
        "date,amount,description\n\
         2026-04-01,10.00,cash box\n\
         2026-04-01,10.00,cash box\n",
    );
    step(
        &fund,
        &import_args(&week1, &map, &[]),
        &format!(
            "imported 2 contributions from {} under source \"cashbox\"\n\
             2 contributions matched no rule and have no contributor\n\
             created account income:contributions\n",
            week1.display()
        ),
    );
    step(
        &fund,
        &import_args(&week1, &map, &[]),
        &format!(
            "imported 0 contributions from {} under source \"cashbox\"\n\
             2 already imported from this source\n",
            week1.display()
        ),
    );
    // A later export with the same row three times: the third is new.
    let week2 = fund.write(
        "week2.csv",
        "date,amount,description\n\
         2026-04-01,10.00,cash box\n\
         2026-04-01,10.00,cash box\n\
         2026-04-01,10.00,cash box\n",
    );
    step(
        &fund,
        &import_args(&week2, &map, &[]),
        &format!(
            "imported 1 contributions from {} under source \"cashbox\"\n\
             2 already imported from this source\n\
             1 contributions matched no rule and have no contributor\n",
            week2.display()
        ),
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:cash,USD,30.00\n\
         income:contributions,USD,-30.00\n"
    );
    assert_eq!(contributors(&fund), vec![(1, None), (2, None), (3, None)]);
}

/// A map for a small German bank export without a preamble.
const DE_MAP: &str = "\
[file]
delimiter = \";\"
date_format = \"%d.%m.%Y\"
decimal = \",\"
thousands = \".\"

[columns]
date = \"Datum\"
amount = \"Betrag\"
currency = \"Währung\"
payer = \"Name\"

[defaults]
account = \"assets:bank:eur\"
";

#[test]
fn a_map_naming_a_missing_column_is_refused() {
    let fund = eu_fund();
    let map = fund.write("de.toml", DE_MAP);
    let file = fund.write(
        "s.csv",
        "Datum;Name;Betrag;Waehrung\n01.02.2026;A;1,00;EUR\n",
    );
    let stderr = refused(
        &fund,
        &import_args(&file, &map, &[]),
        &[&file.display().to_string(), "nothing was written"],
    );
    assert_problem(
        &stderr,
        "I202",
        1,
        None,
        "the map names column \"Währung\", which the file does not have (its columns: Datum, Name, Betrag, Waehrung)",
    );
    // Also on a dry run.
    refused(
        &fund,
        &import_args(&file, &map, &["--dry-run"]),
        &["the map names column \"Währung\""],
    );
}

/// With `skip_lines = 2` the header is the file's third line; a missing
/// column should be reported there, not on the bank's preamble line 1.
#[test]
fn a_missing_column_is_reported_on_the_header_line() {
    let fund = eu_fund();
    let map = copy_example(&fund, "maps/eu-bank.toml", "eu-bank.toml");
    let file = fund.write(
        "no-currency.csv",
        "Konto;DE00 1234 5678 9012 3456 78\n\
         Zeitraum;01.02.2026 - 28.02.2026\n\
         Buchungstag;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag\n\
         03.02.2026;03.02.2026;X;Gutschrift;Spende;1.250,00\n",
    );
    let stderr = refused(
        &fund,
        &import_args(&file, &map, &[]),
        &["the map names column \"Währung\""],
    );
    assert_problem(&stderr, "I202", 3, None, "the map names column \"Währung\"");
}

#[test]
fn every_problem_of_a_statement_is_reported_at_once() {
    let fund = eu_fund();
    let map = fund.write("de.toml", DE_MAP);
    let file = fund.write(
        "bad.csv",
        "Datum;Name;Betrag;Währung\n\
         01.02.2026;A;1,234.56;EUR\n\
         2026-02-03;B;5,00;EUR\n\
         04.02.2026;C;5,00;XYZ\n\
         05.02.2026;D;5,00\n\
         06.02.2026;E;5,00;€\n\
         07.02.2026;F;5,001;EUR\n\
         31.02.2026;G;5,00;EUR\n\
         08.02.2026;H;25.50;EUR\n\
         09.02.2026;I;12,00;EUR\n",
    );
    for extra in [&[][..], &["--dry-run"]] {
        let stderr = refused(&fund, &import_args(&file, &map, extra), &[]);
        assert_eq!(
            stderr,
            format!(
                "fondo: {}: 8 problems, nothing was written\n  \
                 I204 line 2, column Betrag: \"1,234.56\" does not follow the map's number style (decimal ',', thousands '.')\n  \
                 I203 line 3, column Datum: \"2026-02-03\" is not a date in the map's format %d.%m.%Y\n  \
                 I206 line 4, column Währung: unknown commodity \"XYZ\"; declare it first with `fondo commodity add XYZ --decimals N`\n  \
                 I201 line 5: expected 4 fields like the header, found 3\n  \
                 I206 line 6, column Währung: currency symbol \"€\" has no mapping: add it to the map's [currency_symbols], e.g. \"€\" = \"EUR\"\n  \
                 I204 line 7, column Betrag: amount 5,001 has more decimal places than EUR allows (2); fondo never rounds, correct the amount\n  \
                 I203 line 8, column Datum: \"31.02.2026\" is not a date in the map's format %d.%m.%Y\n  \
                 I204 line 9, column Betrag: \"25.50\" does not follow the map's number style (decimal ',', thousands '.')\n",
                file.display()
            )
        );
    }
    // One problem alone, each kind the issue names, is reported the same way.
    for (name, row, line_needle) in [
        (
            "style.csv",
            "01.02.2026;A;1,234.56;EUR",
            ("I204", "Betrag", "does not follow the map's number style"),
        ),
        (
            "date.csv",
            "02/01/2026;A;5,00;EUR",
            (
                "I203",
                "Datum",
                "is not a date in the map's format %d.%m.%Y",
            ),
        ),
        (
            "currency.csv",
            "01.02.2026;A;5,00;ABC",
            ("I206", "Währung", "unknown commodity \"ABC\""),
        ),
    ] {
        let file = fund.write(
            name,
            format!("Datum;Name;Betrag;Währung\n01.02.2026;Z;3,00;EUR\n{row}\n"),
        );
        let stderr = refused(
            &fund,
            &import_args(&file, &map, &[]),
            &[
                &format!("fondo: {}: 1 problem, nothing was written", file.display()),
                line_needle.2,
            ],
        );
        assert_problem(
            &stderr,
            line_needle.0,
            3,
            Some(line_needle.1),
            line_needle.2,
        );
    }
    let file = fund.write(
        "fields.csv",
        "Datum;Name;Betrag;Währung\n01.02.2026;Z;3,00;EUR\n01.02.2026;A;5,00;EUR;extra\n",
    );
    let stderr = refused(&fund, &import_args(&file, &map, &[]), &["1 problem"]);
    assert_problem(
        &stderr,
        "I201",
        3,
        None,
        "expected 4 fields like the header, found 5",
    );
    // The sound rows were imported by nobody: the fund is still empty.
    assert_eq!(fund.fingerprint(), GENESIS);
}

#[test]
fn rows_for_a_closed_account_are_reported_by_line() {
    let fund = eu_fund();
    step(
        &fund,
        &[
            "account",
            "close",
            "assets:bank:eur",
            "--date",
            "2026-02-04",
        ],
        "closed account assets:bank:eur on 2026-02-04\n",
    );
    let map = copy_example(&fund, "maps/eu-bank.toml", "eu-bank.toml");
    let feb = copy_example(&fund, "bank-statement-2026-02.csv", "feb.csv");
    let stderr = refused(&fund, &import_args(&feb, &map, &[]), &["2 problems"]);
    assert_problem(
        &stderr,
        "I208",
        5,
        None,
        "account \"assets:bank:eur\" was closed on 2026-02-04; it takes no postings dated 2026-02-05",
    );
    assert_problem(
        &stderr,
        "I208",
        8,
        None,
        "account \"assets:bank:eur\" was closed on 2026-02-04; it takes no postings dated 2026-02-12",
    );
}

#[test]
fn bad_map_files_are_refused() {
    let fund = eu_fund();
    fund.ok(&["account", "add", "income:donations"]);
    let file = fund.write(
        "ok.csv",
        "Datum;Name;Betrag;Währung\n01.02.2026;A;1,00;EUR\n",
    );
    let with_rule = |rule: &str| format!("{DE_MAP}\n[[rules]]\n{rule}\n");
    let file_section = |lines: &str| {
        format!(
            "[file]\n{lines}\n[columns]\ndate = \"Datum\"\namount = \"Betrag\"\n\
             currency = \"Währung\"\n[defaults]\naccount = \"assets:bank:eur\"\n"
        )
    };
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "syntax",
            "[file\ndate_format = \"%d.%m.%Y\"\n".to_owned(),
            vec![
                "TOML parse error at line 1, column 6",
                "unclosed table, expected `]`",
            ],
        ),
        (
            "unknown-key",
            DE_MAP.replace("payer = \"Name\"", "payee = \"Name\""),
            vec![
                "TOML parse error at line 11, column 1",
                "unknown field `payee`",
            ],
        ),
        (
            "missing-section",
            "[file]\ndate_format = \"%d.%m.%Y\"\n[columns]\ndate = \"Datum\"\namount = \"Betrag\"\n"
                .to_owned(),
            vec!["missing field `defaults`"],
        ),
        (
            "date-format",
            file_section("date_format = \"%d.%Q.%Y\""),
            vec!["date_format \"%d.%Q.%Y\" is not a valid date format"],
        ),
        (
            "separators",
            file_section("date_format = \"%d.%m.%Y\"\ndecimal = \",\"\nthousands = \",\""),
            vec!["decimal and thousands separators must differ"],
        ),
        (
            "default-separators",
            file_section("date_format = \"%d.%m.%Y\"\nthousands = \".\""),
            vec!["decimal and thousands separators must differ"],
        ),
        (
            "digit-separator",
            file_section("date_format = \"%d.%m.%Y\"\nthousands = \"0\""),
            vec!["separators cannot be digits"],
        ),
        (
            "delimiter",
            file_section("date_format = \"%d.%m.%Y\"\ndelimiter = \"x\""),
            vec!["delimiter 'x' must be one ASCII punctuation character"],
        ),
        (
            "no-currency",
            DE_MAP.replace("currency = \"Währung\"\n", ""),
            vec!["say where the currency is: columns.currency or defaults.currency"],
        ),
        (
            "rule-member",
            with_rule("payer = \"A\"\nmember = \"Nobody\""),
            vec!["rule 1: unknown member \"Nobody\""],
        ),
        (
            "rule-pool",
            with_rule("payer = \"A\"\npool = \"nowhere\""),
            vec!["rule 1: unknown pool \"nowhere\""],
        ),
        (
            "rule-condition",
            with_rule("member = \"Solidarität Berlin\""),
            vec!["rule 1 has no condition (payer, description, reference or when)"],
        ),
        (
            "rule-key",
            with_rule("payer = \"A\"\nmembre = \"Solidarität Berlin\""),
            vec!["unknown field `membre`"],
        ),
        (
            "income-account",
            DE_MAP.replace("assets:bank:eur", "income:donations"),
            vec!["defaults.account income:donations is not an assets account"],
        ),
    ];
    for (name, text, needles) in cases {
        let map = fund.write(&format!("{name}.toml"), text);
        let prefix = format!("fondo: map file {}: ", map.display());
        let mut all = vec![prefix.as_str()];
        all.extend(needles);
        refused(&fund, &import_args(&file, &map, &[]), &all);
    }
    assert_eq!(fund.fingerprint(), GENESIS);
}

/// An unknown account or pool in the map's `[defaults]` is a mistake in the
/// map file, so the message should say so, as it does for the rules.
#[test]
fn unknown_defaults_name_the_map_file() {
    let fund = eu_fund();
    let file = fund.write(
        "ok.csv",
        "Datum;Name;Betrag;Währung\n01.02.2026;A;1,00;EUR\n",
    );
    let account = fund.write(
        "account.toml",
        DE_MAP.replace("assets:bank:eur", "assets:bank:chf"),
    );
    refused(
        &fund,
        &import_args(&file, &account, &[]),
        &[
            &format!("map file {}", account.display()),
            "\"assets:bank:chf\"",
        ],
    );
    let pool = fund.write("pool.toml", format!("{DE_MAP}pool = \"nowhere\"\n"));
    refused(
        &fund,
        &import_args(&file, &pool, &[]),
        &[&format!("map file {}", pool.display()), "\"nowhere\""],
    );
}

// --------------------------------------------------------------- exchange

/// A EUR fund with a EUR and a USD bank account, a food pool holding
/// 1000.00 EUR (transaction 1) and 100.00 EUR in the general pool
/// (transaction 2).
fn exchange_fund() -> Fund {
    FundBuilder::new()
        .currency("EUR")
        .verify_each_step()
        .accounts(&["assets:bank:eur", "assets:bank:usd", "expenses:grants"])
        .setting("contribution-account", "assets:bank:eur")
        .pool("food", "Food bank")
        .anonymous_contribution("1000.00 EUR", Some("food"), "2026-03-01")
        .prints("1\n")
        .anonymous_contribution("100.00 EUR", None, "2026-03-01")
        .prints("2\n")
        .build()
}

/// `exchange AMOUNT FROM --to-amount TO_AMOUNT TO` between the two bank
/// accounts, with extra arguments.
fn exchange_args<'a>(
    amount: &'a str,
    from: &'a str,
    to_amount: &'a str,
    to: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let (from_account, to_account) = if from == "USD" {
        ("assets:bank:usd", "assets:bank:eur")
    } else {
        ("assets:bank:eur", "assets:bank:usd")
    };
    let mut args = vec![
        "exchange",
        amount,
        from,
        "--to-amount",
        to_amount,
        to,
        "--from-account",
        from_account,
        "--to-account",
        to_account,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn an_exchange_moves_a_pools_holdings_into_another_currency() {
    let fund = exchange_fund();
    // A fee in the from-commodity, paid from the from-account.
    step(
        &fund,
        &exchange_args(
            "500.00",
            "EUR",
            "531.00",
            "USD",
            &[
                "--pool",
                "food",
                "--fee",
                "2.50",
                "EUR",
                "--date",
                "2026-03-10",
            ],
        ),
        "3 (rate 1.062 USD per EUR)\n",
    );
    let description = "Exchange 500.00 EUR for 531.00 USD at 1.062 USD per EUR, fee 2.50 EUR";
    assert_eq!(
        journal_of(&fund, 3),
        format!(
            "3|2026-03-10|{description}|assets:bank:eur|-500.00|EUR|||||\n\
             3|2026-03-10|{description}|equity:conversions:EUR|500.00|EUR||||food|\n\
             3|2026-03-10|{description}|equity:conversions:USD|-531.00|USD||||food|\n\
             3|2026-03-10|{description}|assets:bank:usd|531.00|USD|||||\n\
             3|2026-03-10|{description}|expenses:fees:exchange|2.50|EUR||||food|\n\
             3|2026-03-10|{description}|assets:bank:eur|-2.50|EUR|||||\n"
        )
    );
    sums_to_zero(&fund, 3);
    assert_eq!(
        pool_show(&fund, "food"),
        format!(
            "{HOLDINGS}\n\
             food,EUR,1000.00,0.00,0.00,2.50,-500.00,0.00,497.50,0.00,497.50\n\
             food,USD,0.00,0.00,0.00,0.00,531.00,0.00,531.00,0.00,531.00\n"
        )
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,100.00 EUR\n\
             food,Food bank,,\"497.50 EUR, 531.00 USD\"\n"
        )
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:bank:eur,EUR,597.50\n\
         assets:bank:usd,USD,531.00\n\
         equity:conversions:EUR,EUR,500.00\n\
         equity:conversions:USD,USD,-531.00\n\
         expenses:fees:exchange,EUR,2.50\n\
         income:contributions,EUR,-1100.00\n"
    );

    // Back again, with the fee in the to-commodity, paid from the to-account.
    step(
        &fund,
        &exchange_args(
            "200.00",
            "USD",
            "180.00",
            "EUR",
            &[
                "--pool",
                "food",
                "--fee",
                "1.50",
                "EUR",
                "--date",
                "2026-03-11",
            ],
        ),
        "4 (rate 0.9 EUR per USD)\n",
    );
    let description = "Exchange 200.00 USD for 180.00 EUR at 0.9 EUR per USD, fee 1.50 EUR";
    assert_eq!(
        journal_of(&fund, 4),
        format!(
            "4|2026-03-11|{description}|assets:bank:usd|-200.00|USD|||||\n\
             4|2026-03-11|{description}|equity:conversions:USD|200.00|USD||||food|\n\
             4|2026-03-11|{description}|equity:conversions:EUR|-180.00|EUR||||food|\n\
             4|2026-03-11|{description}|assets:bank:eur|180.00|EUR|||||\n\
             4|2026-03-11|{description}|expenses:fees:exchange|1.50|EUR||||food|\n\
             4|2026-03-11|{description}|assets:bank:eur|-1.50|EUR|||||\n"
        )
    );
    sums_to_zero(&fund, 4);
    assert_eq!(
        pool_show(&fund, "food"),
        format!(
            "{HOLDINGS}\n\
             food,EUR,1000.00,0.00,0.00,4.00,-320.00,0.00,676.00,0.00,676.00\n\
             food,USD,0.00,0.00,0.00,0.00,331.00,0.00,331.00,0.00,331.00\n"
        )
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:bank:eur,EUR,776.00\n\
         assets:bank:usd,USD,331.00\n\
         equity:conversions:EUR,EUR,320.00\n\
         equity:conversions:USD,USD,-331.00\n\
         expenses:fees:exchange,EUR,4.00\n\
         income:contributions,EUR,-1100.00\n"
    );

    // From the general pool (no --pool), with a rate that is not exact.
    step(
        &fund,
        &exchange_args("3.00", "EUR", "1.00", "USD", &["--date", "2026-03-12"]),
        "5 (rate ≈0.333333 USD per EUR)\n",
    );
    assert_eq!(
        journal_of(&fund, 5),
        "5|2026-03-12|Exchange 3.00 EUR for 1.00 USD at ≈0.333333 USD per EUR|assets:bank:eur|-3.00|EUR|||||\n\
         5|2026-03-12|Exchange 3.00 EUR for 1.00 USD at ≈0.333333 USD per EUR|equity:conversions:EUR|3.00|EUR|||||\n\
         5|2026-03-12|Exchange 3.00 EUR for 1.00 USD at ≈0.333333 USD per EUR|equity:conversions:USD|-1.00|USD|||||\n\
         5|2026-03-12|Exchange 3.00 EUR for 1.00 USD at ≈0.333333 USD per EUR|assets:bank:usd|1.00|USD|||||\n"
    );
    sums_to_zero(&fund, 5);
    assert_eq!(
        pool_show(&fund, "general"),
        format!(
            "{HOLDINGS}\n\
             general,EUR,100.00,0.00,0.00,0.00,-3.00,0.00,97.00,0.00,97.00\n\
             general,USD,0.00,0.00,0.00,0.00,1.00,0.00,1.00,0.00,1.00\n"
        )
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,\"97.00 EUR, 1.00 USD\"\n\
             food,Food bank,,\"676.00 EUR, 331.00 USD\"\n"
        )
    );
}

#[test]
fn bad_exchanges_are_refused() {
    let fund = exchange_fund();
    let on = ["--date", "2026-03-12"];
    let with = |extra: &[&'static str]| {
        let mut all = on.to_vec();
        all.extend_from_slice(extra);
        all
    };
    // More than the restricted pool holds (the bank holds enough), also when
    // only the fee tips it over.
    refused(
        &fund,
        &exchange_args(
            "1000.01",
            "EUR",
            "1000.00",
            "USD",
            &with(&["--pool", "food"]),
        ),
        &[
            "pool \"food\" would hold -0.01 EUR on 2026-03-12 (only 1000.00 EUR was available)",
            "fondo pool move",
        ],
    );
    refused(
        &fund,
        &exchange_args(
            "1000.00",
            "EUR",
            "1000.00",
            "USD",
            &with(&["--pool", "food", "--fee", "0.01", "EUR"]),
        ),
        &["pool \"food\" would hold -0.01 EUR on 2026-03-12"],
    );
    // Before the pool had the money.
    refused(
        &fund,
        &exchange_args(
            "500.00",
            "EUR",
            "531.00",
            "USD",
            &["--pool", "food", "--date", "2026-02-28"],
        ),
        &["pool \"food\" would hold -500.00 EUR on 2026-02-28 (only 0.00 EUR was available)"],
    );
    // Zero and negative amounts.
    for amount in ["0", "0.00"] {
        refused(
            &fund,
            &exchange_args(amount, "EUR", "1.00", "USD", &on),
            &[&format!(
                "invalid amount \"{amount}\": an exchange needs positive amounts"
            )],
        );
        refused(
            &fund,
            &exchange_args("1.00", "EUR", amount, "USD", &on),
            &[&format!(
                "invalid amount \"{amount}\": an exchange needs positive amounts"
            )],
        );
        refused(
            &fund,
            &exchange_args(
                "1.00",
                "EUR",
                "1.00",
                "USD",
                &with(&["--fee", amount, "EUR"]),
            ),
            &[&format!(
                "invalid amount \"{amount}\": an exchange needs positive amounts"
            )],
        );
    }
    refused(
        &fund,
        &[
            "exchange",
            "--to-amount",
            "1.00",
            "USD",
            "--from-account",
            "assets:bank:eur",
            "--to-account",
            "assets:bank:usd",
            "--date",
            "2026-03-12",
            "--",
            "-5.00",
            "EUR",
        ],
        &["invalid amount \"-5.00\": an exchange needs positive amounts"],
    );
    // The same commodity on both sides.
    refused(
        &fund,
        &exchange_args("5.00", "EUR", "5.00", "EUR", &on),
        &["an exchange needs two different commodities (both are EUR)"],
    );
    // Accounts that are not assets.
    let accounts = |from: &'static str, to: &'static str| {
        vec![
            "exchange",
            "5.00",
            "EUR",
            "--to-amount",
            "5.00",
            "USD",
            "--from-account",
            from,
            "--to-account",
            to,
            "--date",
            "2026-03-12",
        ]
    };
    refused(
        &fund,
        &accounts("income:contributions", "assets:bank:usd"),
        &["exchanges move money between assets accounts; income:contributions is not one"],
    );
    refused(
        &fund,
        &accounts("assets:bank:eur", "expenses:grants"),
        &["exchanges move money between assets accounts; expenses:grants is not one"],
    );
    refused(
        &fund,
        &accounts("assets:bank:eur", "assets:bank:chf"),
        &["unknown account \"assets:bank:chf\""],
    );
    // A fee in a third commodity (well-known, so nothing may declare it).
    refused(
        &fund,
        &exchange_args(
            "5.00",
            "EUR",
            "5.00",
            "USD",
            &with(&["--fee", "1.00", "GBP"]),
        ),
        &["the fee is paid in EUR or USD, not GBP"],
    );
    // Other mistakes.
    refused(
        &fund,
        &exchange_args("5.00", "EUR", "5.001", "USD", &on),
        &["amount 5.001 has more decimal places than USD allows (2)"],
    );
    refused(
        &fund,
        &exchange_args("5.00", "EUR", "5.00", "XYZ", &on),
        &["unknown commodity \"XYZ\""],
    );
    refused(
        &fund,
        &exchange_args("5.00", "EUR", "5.00", "USD", &with(&["--pool", "nowhere"])),
        &["unknown pool \"nowhere\""],
    );
    assert_eq!(
        fund.ok(&["account", "list", "--format", "csv"])
            .matches("equity:conversions")
            .count(),
        0,
        "refused exchanges create no conversion accounts"
    );
}

/// Exchanging more than the general pool holds would convert money set
/// aside in restricted pools (as `post` would spend it): the general pool
/// holds 100.00 EUR, the bank 1100.00 EUR, the restricted pools 1000.00 EUR.
#[test]
fn an_exchange_cannot_take_more_than_the_general_pool_holds() {
    let fund = exchange_fund();
    refused(
        &fund,
        &exchange_args("100.01", "EUR", "100.00", "USD", &["--date", "2026-03-12"]),
        &[
            "on 2026-03-12 the fund would have 999.99 EUR while its restricted pools hold 1000.00 EUR",
        ],
    );
}

// ------------------------------------------------------------------ rates

#[test]
fn rates_are_recorded_and_the_latest_per_pair_and_day_is_listed() {
    let fund = Fund::init(Some("EUR"));
    for (args, out) in [
        (
            &["2026-03-01", "EUR", "USD", "1.08", "--source", "ECB"][..],
            "1 EUR = 1.08 USD on 2026-03-01\n",
        ),
        (
            &[
                "2026-03-01",
                "EUR",
                "USD",
                "1.0850",
                "--source",
                "exchange office",
            ],
            "1 EUR = 1.0850 USD on 2026-03-01\n",
        ),
        (
            &["2026-03-02", "EUR", "USD", "1.07"],
            "1 EUR = 1.07 USD on 2026-03-02\n",
        ),
        (
            &["2026-03-01", "USD", "EUR", "0.92"],
            "1 USD = 0.92 EUR on 2026-03-01\n",
        ),
        (
            &["2026-02-27", "GBP", "EUR", "1.17", "--source", "ECB"],
            "1 GBP = 1.17 EUR on 2026-02-27\n",
        ),
    ] {
        let mut all = vec!["rate", "add"];
        all.extend_from_slice(args);
        step(&fund, &all, out);
    }
    expect(
        &fund,
        &["rate", "list", "--format", "csv"],
        "date,from,to,rate,source\n\
         2026-03-01,EUR,USD,1.085,exchange office\n\
         2026-03-02,EUR,USD,1.07,\n\
         2026-02-27,GBP,EUR,1.17,ECB\n\
         2026-03-01,USD,EUR,0.92,\n",
    );
    expect(
        &fund,
        &["rate", "list", "--format", "json"],
        "[\n  \
         {\"date\":\"2026-03-01\",\"from\":\"EUR\",\"to\":\"USD\",\"rate\":\"1.085\",\"source\":\"exchange office\"},\n  \
         {\"date\":\"2026-03-02\",\"from\":\"EUR\",\"to\":\"USD\",\"rate\":\"1.07\",\"source\":null},\n  \
         {\"date\":\"2026-02-27\",\"from\":\"GBP\",\"to\":\"EUR\",\"rate\":\"1.17\",\"source\":\"ECB\"},\n  \
         {\"date\":\"2026-03-01\",\"from\":\"USD\",\"to\":\"EUR\",\"rate\":\"0.92\",\"source\":null}\n\
         ]\n",
    );
    // Rates are not transactions.
    assert_eq!(fund.fingerprint(), GENESIS);

    let rate = |args: &[&'static str]| {
        let mut all = vec!["rate", "add"];
        all.extend_from_slice(args);
        all
    };
    for value in ["0", "0.000"] {
        refused(
            &fund,
            &rate(&["2026-03-03", "EUR", "USD", value]),
            &[&format!(
                "invalid amount \"{value}\": a rate is a positive number"
            )],
        );
    }
    refused(
        &fund,
        &rate(&["--", "2026-03-03", "EUR", "USD", "-1.08"]),
        &["invalid amount \"-1.08\": a rate is a positive number"],
    );
    refused(
        &fund,
        &rate(&["2026-03-03", "EUR", "EUR", "1"]),
        &["a rate relates two different commodities (both are EUR)"],
    );
    refused(
        &fund,
        &rate(&["2026-03-03", "EUR", "USD", "abc"]),
        &["invalid amount \"abc\""],
    );
    refused(
        &fund,
        &rate(&["2026-02-30", "EUR", "USD", "1.08"]),
        &["invalid date \"2026-02-30\""],
    );
    refused(
        &fund,
        &rate(&["2026-03-03", "EUR", "usd", "1.08"]),
        &["invalid commodity code \"usd\""],
    );
}

// ---------------------------------------------------------------- pledges

/// A USD fund with three members, one of each visibility, a housing pool,
/// three pledges and the contributions that (partly) keep them.
fn pledged() -> Fund {
    let mut builder = FundBuilder::new()
        .currency("USD")
        .verify_each_step()
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .pool("housing", "Rent relief")
        .member("Ana")
        .member("Bea")
        .with(&["--visibility", "pseudonymous"])
        .member("Cy")
        .with(&["--visibility", "anonymous"])
        .command(&[
            "pledge",
            "add",
            "Ana",
            "50.00",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-01-15",
            "--until",
            "2026-03-31",
        ])
        .prints("recorded pledge 1\n")
        .command(&[
            "pledge",
            "add",
            "bea",
            "100",
            "USD",
            "--every",
            "quarter",
            "--from",
            "2026-01-01",
            "--pool",
            "housing",
        ])
        .prints("recorded pledge 2\n")
        .command(&[
            "pledge",
            "add",
            "Cy",
            "10",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-02-01",
        ])
        .prints("recorded pledge 3\n");
    for (id, (amount, member, date, pool)) in [
        // Before Ana's pledge starts: not counted.
        ("5.00", "Ana", "2026-01-10", None),
        ("50.00", "Ana", "2026-01-20", None),
        ("30.00", "Ana", "2026-02-10", None),
        ("25.00", "Ana", "2026-02-25", None),
        // Bea pledged to housing: the general-pool ones do not count.
        ("60.00", "Bea", "2026-02-01", None),
        ("70.00", "Bea", "2026-03-15", Some("housing")),
        ("40.00", "Bea", "2026-04-01", None),
        ("10.00", "Cy", "2026-03-01", None),
    ]
    .into_iter()
    .enumerate()
    {
        builder = builder
            .contribution(member, &format!("{amount} USD"), pool, date)
            .prints(&format!("{}\n", id + 1));
    }
    builder.build()
}

const PLEDGES: &str = "pledge,member,pool,period,commodity,pledged,received,difference\n\
1,Ana,any,2026-01,USD,50.00,50.00,0.00\n\
1,Ana,any,2026-02,USD,50.00,55.00,5.00\n\
1,Ana,any,2026-03,USD,50.00,0.00,-50.00\n\
2,Bea,housing,2026-Q1,USD,100.00,70.00,-30.00\n\
2,Bea,housing,2026-Q2,USD,100.00,0.00,-100.00\n\
3,Cy,any,2026-02,USD,10.00,0.00,-10.00\n\
3,Cy,any,2026-03,USD,10.00,10.00,0.00\n\
3,Cy,any,2026-04,USD,10.00,0.00,-10.00\n";

/// How `member list --audience AUDIENCE` shows Bea and Cy.
fn shown(fund: &Fund, audience: &str) -> (String, String) {
    let rows = csv_rows(&fund.ok(&["member", "list", "--audience", audience, "--format", "csv"]));
    let by = |visibility: &str| {
        rows.iter()
            .find(|r| r[1] == visibility)
            .map(|r| r[0].clone())
            .unwrap_or_else(|| panic!("a {visibility} member in {rows:?}"))
    };
    (by("pseudonymous"), by("anonymous"))
}

#[test]
fn pledge_status_compares_pledged_and_received_per_period() {
    let fund = pledged();
    let status = |audience: &str, format: &str| {
        fund.ok(&[
            "pledge",
            "status",
            "--as-of",
            "2026-04-15",
            "--audience",
            audience,
            "--format",
            format,
        ])
    };
    assert_eq!(status("treasurer", "csv"), PLEDGES);
    assert_eq!(
        fund.ok(&[
            "pledge",
            "status",
            "--as-of",
            "2026-04-15",
            "--format",
            "csv"
        ]),
        PLEDGES,
        "treasurer is the default audience"
    );
    assert_eq!(
        status("treasurer", "table"),
        "pledge  member  pool     period   commodity  pledged  received  difference\n\
         ------  ------  -------  -------  ---------  -------  --------  ----------\n     \
         1  Ana     any      2026-01  USD          50.00     50.00        0.00\n     \
         1  Ana     any      2026-02  USD          50.00     55.00        5.00\n     \
         1  Ana     any      2026-03  USD          50.00      0.00      -50.00\n     \
         2  Bea     housing  2026-Q1  USD         100.00     70.00      -30.00\n     \
         2  Bea     housing  2026-Q2  USD         100.00      0.00     -100.00\n     \
         3  Cy      any      2026-02  USD          10.00      0.00      -10.00\n     \
         3  Cy      any      2026-03  USD          10.00     10.00        0.00\n     \
         3  Cy      any      2026-04  USD          10.00      0.00      -10.00\n"
    );
    let json = status("treasurer", "json");
    assert!(
        json.starts_with(
            "[\n  {\"pledge\":1,\"member\":\"Ana\",\"pool\":\"any\",\"period\":\"2026-01\",\
             \"commodity\":\"USD\",\"pledged\":\"50.00\",\"received\":\"50.00\",\"difference\":\"0.00\"},\n"
        ),
        "{json}"
    );
    // The public sees pseudonyms for everyone who is not public, the same
    // ones `member list` shows it; members see pseudonymous members' names.
    for audience in ["public", "members"] {
        let (bea, cy) = shown(&fund, audience);
        assert!(is_pseudonym(&cy), "{cy}");
        if audience == "public" {
            assert!(is_pseudonym(&bea), "{bea}");
        }
        let out = status(audience, "csv");
        assert_eq!(
            out,
            PLEDGES
                .replace(",Bea,", &format!(",{bea},"))
                .replace(",Cy,", &format!(",{cy},")),
            "audience {audience}"
        );
    }
    assert!(!status("public", "json").contains("Bea"));
    assert!(!status("public", "table").contains("Cy "));
}

/// `--as-of` is a report date: periods that have not begun by then are left
/// out, and, like `balance --as-of` and `inventory --as-of`, nothing dated
/// after it is counted as received.
#[test]
fn pledge_status_as_of_counts_only_what_was_received_by_then() {
    let fund = pledged();
    assert_eq!(
        fund.ok(&[
            "pledge",
            "status",
            "--as-of",
            "2026-02-01",
            "--format",
            "csv"
        ]),
        "pledge,member,pool,period,commodity,pledged,received,difference\n\
         1,Ana,any,2026-01,USD,50.00,50.00,0.00\n\
         1,Ana,any,2026-02,USD,50.00,0.00,-50.00\n\
         2,Bea,housing,2026-Q1,USD,100.00,0.00,-100.00\n\
         3,Cy,any,2026-02,USD,10.00,0.00,-10.00\n"
    );
}

#[test]
fn bad_pledges_are_refused() {
    let fund = pledged();
    let pledge = |args: &[&'static str]| {
        let mut all = vec!["pledge", "add"];
        all.extend_from_slice(args);
        all
    };
    refused(
        &fund,
        &pledge(&[
            "Ana",
            "50.00",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-03-01",
            "--until",
            "2026-02-28",
        ]),
        &["a pledge cannot end (2026-02-28) before it starts (2026-03-01)"],
    );
    refused(
        &fund,
        &pledge(&[
            "Nobody",
            "50.00",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-03-01",
        ]),
        &["unknown member \"Nobody\"", "fondo member add"],
    );
    refused(
        &fund,
        &pledge(&[
            "Ana",
            "0",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-03-01",
        ]),
        &["invalid amount \"0\": a pledge is a positive amount"],
    );
    refused(
        &fund,
        &pledge(&[
            "--every",
            "month",
            "--from",
            "2026-03-01",
            "--",
            "Ana",
            "-5.00",
            "USD",
        ]),
        &["invalid amount \"-5.00\": a pledge is a positive amount"],
    );
    refused(
        &fund,
        &pledge(&[
            "Ana",
            "5.00",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-03-01",
            "--pool",
            "nowhere",
        ]),
        &["unknown pool \"nowhere\""],
    );
    refused(
        &fund,
        &pledge(&[
            "Ana",
            "5",
            "XYZ",
            "--every",
            "month",
            "--from",
            "2026-03-01",
        ]),
        &["unknown commodity \"XYZ\""],
    );
    refused(
        &fund,
        &pledge(&[
            "Ana",
            "5",
            "USD",
            "--every",
            "month",
            "--from",
            "2026-02-30",
        ]),
        &["invalid date \"2026-02-30\""],
    );
    // A one-day pledge is fine.
    step(
        &fund,
        &pledge(&[
            "Ana",
            "5",
            "USD",
            "--every",
            "year",
            "--from",
            "2026-03-01",
            "--until",
            "2026-03-01",
        ]),
        "recorded pledge 4\n",
    );
}

// ---------------------------------------------------- goods and inventory

/// A USD fund with a food pool, a member, 50 KG-RICE from Ana to food (1),
/// 12.5 anonymously to the general pool (2), 100.00 USD from Ana (3), and
/// 20 KG-RICE given from food (4) and 2.25 from the general pool (5).
fn stocked() -> Fund {
    let fund = Fund::init(Some("USD"));
    fund.ok(&["account", "add", "assets:bank"]);
    fund.ok(&["setting", "set", "contribution-account", "assets:bank"]);
    fund.ok(&["pool", "add", "food", "--purpose", "Food bank"]);
    fund.ok(&["member", "add", "Ana"]);
    let rice = [
        "contribute",
        "50",
        "KG-RICE",
        "--from",
        "Ana",
        "--pool",
        "food",
        "--date",
        "2026-03-01",
    ];
    refused(
        &fund,
        &rice,
        &[
            "unknown commodity \"KG-RICE\"; declare it first with `fondo commodity add KG-RICE --decimals N`",
        ],
    );
    step(
        &fund,
        &["commodity", "add", "KG-RICE", "--decimals", "3"],
        "added commodity KG-RICE with 3 decimal places\n",
    );
    step(&fund, &rice, "1\n");
    step(
        &fund,
        &[
            "contribute",
            "12.5",
            "KG-RICE",
            "--anonymous",
            "--date",
            "2026-03-02",
        ],
        "2\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "100.00",
            "USD",
            "--from",
            "Ana",
            "--date",
            "2026-03-02",
        ],
        "3\n",
    );
    step(
        &fund,
        &[
            "give",
            "20",
            "KG-RICE",
            "--pool",
            "food",
            "--date",
            "2026-03-05",
            "--memo",
            "family packs",
        ],
        "4\n",
    );
    step(
        &fund,
        &["give", "2.250", "KG-RICE", "--date", "2026-03-06"],
        "5\n",
    );
    fund
}

#[test]
fn inventory_shows_goods_received_given_and_on_hand() {
    let fund = stocked();
    assert_eq!(
        journal(&fund),
        "1|2026-03-01|In-kind contribution: KG-RICE|assets:in-kind:kg-rice|50.000|KG-RICE|||||\n\
         1|2026-03-01|In-kind contribution: KG-RICE|income:in-kind:goods|-50.000|KG-RICE||||food|\n\
         2|2026-03-02|In-kind contribution: KG-RICE|assets:in-kind:kg-rice|12.500|KG-RICE|||||\n\
         2|2026-03-02|In-kind contribution: KG-RICE|income:in-kind:goods|-12.500|KG-RICE|||||\n\
         3|2026-03-02|Contribution|assets:bank|100.00|USD|||||\n\
         3|2026-03-02|Contribution|income:contributions|-100.00|USD|||||\n\
         4|2026-03-05|Given out: KG-RICE|expenses:in-kind:distributed|20.000|KG-RICE|||family packs|food|\n\
         4|2026-03-05|Given out: KG-RICE|assets:in-kind:kg-rice|-20.000|KG-RICE|||||\n\
         5|2026-03-06|Given out: KG-RICE|expenses:in-kind:distributed|2.250|KG-RICE|||||\n\
         5|2026-03-06|Given out: KG-RICE|assets:in-kind:kg-rice|-2.250|KG-RICE|||||\n"
    );
    expect(
        &fund,
        &["inventory"],
        "item     received   given  on_hand\n\
         -------  --------  ------  -------\n\
         KG-RICE    62.500  22.250   40.250\n",
    );
    expect(
        &fund,
        &["inventory", "--format", "csv"],
        "item,received,given,on_hand\nKG-RICE,62.500,22.250,40.250\n",
    );
    expect(
        &fund,
        &["inventory", "--format", "json"],
        "[\n  {\"item\":\"KG-RICE\",\"received\":\"62.500\",\"given\":\"22.250\",\"on_hand\":\"40.250\"}\n]\n",
    );
    expect(
        &fund,
        &["inventory", "--as-of", "2026-03-04", "--format", "csv"],
        "item,received,given,on_hand\nKG-RICE,62.500,0.000,62.500\n",
    );
    expect(
        &fund,
        &["inventory", "--as-of", "2026-02-28", "--format", "csv"],
        "item,received,given,on_hand\n",
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held\n\
             general,{GENERAL},,\"10.250 KG-RICE, 100.00 USD\"\n\
             food,Food bank,,30.000 KG-RICE\n"
        )
    );
    assert_eq!(
        pool_show(&fund, "food"),
        format!(
            "{HOLDINGS}\nfood,KG-RICE,50.000,0.000,0.000,20.000,0.000,0.000,30.000,0.000,30.000\n"
        )
    );
}

#[test]
fn giving_what_is_not_there_or_money_is_refused() {
    let fund = stocked();
    // More than on hand (40.250): short in stock, and so in some pool too.
    for args in [
        &["give", "40.251", "KG-RICE", "--date", "2026-03-07"][..],
        &["give", "1", "KG-RICE", "--date", "2026-02-28"],
    ] {
        let stderr = refused(&fund, args, &["KG-RICE"]);
        assert!(
            stderr.contains("nothing can be given that is not there")
                || stderr.contains("pools never go below zero"),
            "{stderr}"
        );
    }
    refused(
        &fund,
        &[
            "give",
            "30.001",
            "KG-RICE",
            "--pool",
            "food",
            "--date",
            "2026-03-07",
        ],
        &[
            "pool \"food\" would hold -0.001 KG-RICE on 2026-03-07 (only 30.000 KG-RICE was available)",
        ],
    );
    refused(
        &fund,
        &["give", "5.00", "USD", "--date", "2026-03-07"],
        &["USD is money; pay it out with `fondo post` instead"],
    );
    refused(
        &fund,
        &["give", "0", "KG-RICE", "--date", "2026-03-07"],
        &["invalid amount \"0\": give a positive amount"],
    );
    refused(
        &fund,
        &["give", "--date", "2026-03-07", "--", "-1", "KG-RICE"],
        &["invalid amount \"-1\": give a positive amount"],
    );
    refused(
        &fund,
        &["give", "1.0001", "KG-RICE", "--date", "2026-03-07"],
        &["amount 1.0001 has more decimal places than KG-RICE allows (3)"],
    );
    refused(
        &fund,
        &["give", "1", "BEANS", "--date", "2026-03-07"],
        &["unknown commodity \"BEANS\""],
    );
    refused(
        &fund,
        &[
            "give",
            "1",
            "KG-RICE",
            "--pool",
            "nowhere",
            "--date",
            "2026-03-07",
        ],
        &["unknown pool \"nowhere\""],
    );
    step(
        &fund,
        &["commodity", "add", "TENTS", "--decimals", "0"],
        "added commodity TENTS with 0 decimal places\n",
    );
    refused(
        &fund,
        &["give", "1", "TENTS", "--date", "2026-03-07"],
        &["there is no stock of TENTS (assets:in-kind:tents does not exist)"],
    );
    expect(
        &fund,
        &["inventory", "--format", "csv"],
        "item,received,given,on_hand\nKG-RICE,62.500,22.250,40.250\n",
    );
}

/// The general pool holds 10.250 KG-RICE (the stock is 40.250, most of it
/// the food pool's): giving 10.251 without --pool would leave it below zero.
#[test]
fn giving_cannot_take_more_than_the_general_pool_holds() {
    let fund = stocked();
    refused(
        &fund,
        &["give", "10.251", "KG-RICE", "--date", "2026-03-07"],
        &[
            "on 2026-03-07 the fund would have 29.999 KG-RICE while its restricted pools hold 30.000 KG-RICE",
        ],
    );
}
