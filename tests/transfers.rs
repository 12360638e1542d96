//! Transfers between funds (`fondo transfer send`, `receive`, `list`):
//! each fund records its side, named by the transfer id the sender gives;
//! pools and committed money apply; every bad input is refused with exit 2
//! and the books unchanged.

mod common;

use common::{Fund, FundBuilder, refused, step};

/// The sender's fund id (`FONDO_FUND_ID`).
const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/// The receiver's fund id.
const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
/// A third fund's id.
const C: &str = "cccccccccccccccccccccccccccccccc";
const BANK: &str = "assets:bank";
const LIST_HEADER: &str = "txn,date,direction,transfer_id,counterpart_fund,amount,commodity,sent_amount,sent_commodity,rate,pool,grant,voided_by\n";

/// Fund A: 1000 USD given to its housing pool and 200 USD to the general
/// pool; Ana is a steward.
fn sender() -> FundBuilder {
    FundBuilder::new()
        .fund_id(A)
        .currency("USD")
        .account(BANK)
        .pool("housing", "Rent relief")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana"], "2026-01-01")
        .anonymous_contribution("1000 USD", Some("housing"), "2026-01-10")
        .with(&["--into", BANK])
        .anonymous_contribution("200 USD", None, "2026-01-10")
        .with(&["--into", BANK])
}

/// A receiving fund with the id `id` and the default currency `code`.
fn receiver(id: &str, code: &str) -> FundBuilder {
    FundBuilder::new()
        .fund_id(id)
        .currency(code)
        .account(BANK)
        .pool("housing", "Rent relief")
}

fn send_args<'a>(to: &'a str, amount: &'a str, pool: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec![
        "transfer",
        "send",
        "--to-fund",
        to,
        "--amount",
        amount,
        "USD",
        "--from-account",
        BANK,
        "--date",
        "2026-02-01",
    ];
    if let Some(pool) = pool {
        args.extend(["--pool", pool]);
    }
    args
}

fn receive_args<'a>(from: &'a str, id: &'a str, amount: &'a str, code: &'a str) -> Vec<&'a str> {
    vec![
        "transfer",
        "receive",
        "--from-fund",
        from,
        "--transfer-id",
        id,
        "--amount",
        amount,
        code,
        "--into",
        BANK,
        "--date",
        "2026-02-03",
    ]
}

/// A's first and second transfer ids.
const ID1: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1";
const ID2: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-2";

#[test]
fn a_transfer_is_sent_received_and_listed_by_both_funds() {
    let a = sender().build();
    let mut send = send_args(B, "400.00", Some("housing"));
    send.extend(["--memo", "Flood relief"]);
    step(&a, &send, &format!("{ID1}\n"));
    step(&a, &send_args(C, "50", None), &format!("{ID2}\n"));
    assert_eq!(
        a.ok(&["transfer", "list", "--format", "csv"]),
        format!(
            "{LIST_HEADER}\
             3,2026-02-01,sent,{A}-1,{B},400.00,USD,,,,housing,,\n\
             4,2026-02-01,sent,{A}-2,{C},50.00,USD,,,,,,\n"
        )
    );
    let journal = a.ok(&["journal", "export"]);
    assert!(journal.contains(&format!(
        "3,2026-02-01,transfer {A}-1 to fund {B},expenses:transfers,400.00,USD,{B},{A}-1,Flood relief,housing,"
    )), "{journal}");
    assert!(a.balance_csv(&[]).contains("expenses:transfers,USD,450.00"));

    let b = receiver(B, "USD").build();
    let mut receive = receive_args(A, ID1, "400.00", "USD");
    receive.extend(["--pool", "housing", "--sent", "400.00", "USD"]);
    step(&b, &receive, "1\n");
    assert_eq!(
        b.ok(&["transfer", "list", "--format", "csv"]),
        format!("{LIST_HEADER}1,2026-02-03,received,{A}-1,{A},400.00,USD,400.00,USD,,housing,,\n")
    );
    assert_eq!(
        b.ok(&["transfer", "list"]),
        format!(
            "txn  date        direction  transfer_id                         counterpart_fund                  amount  commodity  sent_amount  sent_commodity  rate  pool     grant  voided_by\n\
             ---  ----------  ---------  ----------------------------------  --------------------------------  ------  ---------  -----------  --------------  ----  -------  -----  ---------\n  \
             1  2026-02-03  received   {A}-1  {A}  400.00  USD             400.00  USD                   housing\n"
        )
    );
    let json = b.ok(&["transfer", "list", "--format", "json"]);
    assert!(
        json.contains(&format!("\"transfer_id\":\"{A}-1\"")),
        "{json}"
    );
}

#[test]
fn a_receipt_in_another_currency_records_the_rate() {
    let c = receiver(C, "MXN").build();
    let mut receive = receive_args(A, ID1, "6800.00", "MXN");
    receive.extend(["--sent", "400.00", "USD", "--pool", "housing"]);
    step(&c, &receive, "1 (rate 17 MXN per USD)\n");
    assert_eq!(
        c.ok(&["transfer", "list", "--format", "csv"]),
        format!(
            "{LIST_HEADER}1,2026-02-03,received,{A}-1,{A},6800.00,MXN,400.00,USD,17,housing,,\n"
        )
    );
    let journal = c.ok(&["journal", "export"]);
    let description = format!("transfer {A}-1 from fund {A} at 17 MXN per USD");
    for posting in [
        "income:transfers,-400.00,USD",
        "equity:conversions:USD,400.00,USD",
        "equity:conversions:MXN,-6800.00,MXN",
        "assets:bank,6800.00,MXN",
    ] {
        assert!(
            journal.contains(&format!("1,2026-02-03,{description},{posting},")),
            "{posting}: {journal}"
        );
    }
}

#[test]
fn a_receipt_funds_a_solidarity_grant() {
    let b = receiver(B, "USD")
        .members(&["Ana", "Bruno"])
        .stewards(&["Ana"], "2026-01-01")
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-15",
        )
        .application("Bruno", "housing", "300 USD", "Rent", "2026-01-16T10:00")
        .build();
    let mut receive = receive_args(A, ID1, "300.00", "USD");
    receive.extend(["--pool", "housing", "--grant", "G-0001"]);
    step(&b, &receive, "1\n");
    assert_eq!(
        b.ok(&["transfer", "list", "--format", "csv"]),
        format!(
            "{LIST_HEADER}1,2026-02-03,received,{A}-1,{A},300.00,USD,300.00,USD,,housing,G-0001,\n"
        )
    );
    assert!(
        b.ok(&["journal", "export"])
            .contains("income:transfers,-300.00,USD,")
    );
    assert!(
        b.ok(&["journal", "export"])
            .contains(",grant G-0001,housing,")
    );
    // Of another pool, or unknown: refused.
    let mut general = receive_args(A, ID2, "300.00", "USD");
    general.extend(["--grant", "G-0001"]);
    refused(&b, &general, &["G-0001 is a grant of pool housing"]);
    let mut unknown = receive_args(A, ID2, "300.00", "USD");
    unknown.extend(["--pool", "housing", "--grant", "G-0009"]);
    refused(&b, &unknown, &["G-0009"]);
}

#[test]
fn money_committed_to_grants_cannot_be_sent() {
    let a = sender()
        .policy(
            "housing",
            "consent --min-consents 1 --window 24h",
            "2026-01-15",
        )
        .application("Bruno", "housing", "700 USD", "Rent", "2026-01-16T10:00")
        .vote("G-0001", "consent", "Ana", "2026-01-16T11:00")
        .decision("G-0001", "2026-01-17T12:00")
        .build();
    refused(
        &a,
        &send_args(B, "400.00", Some("housing")),
        &["pool housing would hold 600.00 USD while 700.00 USD of it is committed"],
    );
    step(
        &a,
        &send_args(B, "300.00", Some("housing")),
        &format!("{ID1}\n"),
    );
}

#[test]
fn a_voided_transfer_names_its_void() {
    let a = sender().build();
    step(&a, &send_args(B, "10", None), &format!("{ID1}\n"));
    a.ok(&[
        "void",
        "3",
        "--reason",
        "wrong fund",
        "--date",
        "2026-02-02",
    ]);
    assert_eq!(
        a.ok(&["transfer", "list", "--format", "csv"]),
        format!("{LIST_HEADER}3,2026-02-01,sent,{A}-1,{B},10.00,USD,,,,,,4\n")
    );
    // The id is not given again.
    step(&a, &send_args(B, "10", None), &format!("{ID2}\n"));
}

#[test]
fn bad_sends_are_refused_and_change_nothing() {
    let a = sender().build();
    let with = |change: &dyn Fn(&mut Vec<&str>)| {
        let mut args = send_args(B, "40", None);
        change(&mut args);
        args
    };
    refused(
        &a,
        &with(&|a| a[8] = "assets:nope"),
        &["unknown account", "assets:nope"],
    );
    refused(&a, &with(&|a| a[8] = "income:contributions"), &["not one"]);
    refused(&a, &with(&|a| a[5] = "4o"), &["4o"]);
    refused(&a, &with(&|a| a[5] = "-40"), &["positive"]);
    refused(&a, &with(&|a| a[5] = "40.001"), &["40.001"]);
    refused(&a, &with(&|a| a[3] = A), &["this fund's own id"]);
    refused(
        &a,
        &with(&|a| a[3] = "ABC"),
        &["not a fund id", "`fondo fund show`"],
    );
    refused(&a, &with(&|a| a.extend(["--pool", "legal"])), &["legal"]);
}

#[test]
fn bad_receipts_are_refused_and_change_nothing() {
    let b = receiver(B, "USD").build();
    step(&b, &receive_args(A, ID1, "400.00", "USD"), "1\n");
    refused(
        &b,
        &receive_args(A, ID1, "400.00", "USD"),
        &["was received before", "transaction 1"],
    );
    let of_c = format!("{C}-1");
    refused(&b, &receive_args(A, &of_c, "1", "USD"), &["is not of fund"]);
    for malformed in ["xyz", &format!("{A}-0"), &format!("{A}-"), A, "aaaa-1"] {
        refused(
            &b,
            &receive_args(A, malformed, "1", "USD"),
            &["is not a transfer id"],
        );
    }
    refused(
        &b,
        &receive_args(B, &format!("{B}-1"), "1", "USD"),
        &["this fund's own id"],
    );
    let mut mismatch = receive_args(A, ID2, "400.00", "USD");
    mismatch.extend(["--sent", "399.00", "USD"]);
    refused(&b, &mismatch, &["differ in one currency"]);
    let mut elsewhere = receive_args(A, ID2, "400.00", "USD");
    elsewhere[10] = "assets:nope";
    refused(&b, &elsewhere, &["unknown account"]);
    refused(&b, &receive_args(A, ID2, "0", "USD"), &["positive"]);
    refused(&b, &receive_args(A, ID2, "1", "XYZ"), &["XYZ"]);
}

#[test]
fn the_reserved_accounts_are_refused_in_post_and_imports() {
    let a = sender().build();
    for account in ["expenses:transfers", "Income:Transfers"] {
        let posting = format!("{account}=5 USD");
        refused(
            &a,
            &[
                "post",
                "By hand",
                "--date",
                "2026-02-01",
                "-p",
                &posting,
                "-p",
                BANK,
            ],
            &[
                "reserved for transfers between funds",
                "`fondo transfer send`",
            ],
        );
    }
    let csv = "txn,date,description,account,amount,commodity\n\
               1,2026-02-01,By hand,expenses:transfers,5.00,USD\n\
               1,2026-02-01,By hand,assets:bank,-5.00,USD\n";
    let before = a.snapshot();
    let run = a.import_text("by-hand.csv", csv, &[]);
    let stderr = run.error(&["reserved for transfers between funds"]);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert_eq!(a.snapshot(), before);
}

#[test]
fn a_fixed_fund_id_must_be_32_lower_case_hex_digits() {
    for bad in [
        "ABCDEFABCDEFABCDEFABCDEFABCDEFAB",
        "abc",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ] {
        let fund = Fund::empty();
        let mut cmd = common::command();
        cmd.env("FONDO_FUND_ID", bad)
            .arg("--db")
            .arg(&fund.db)
            .arg("init");
        common::run_command(&mut cmd).error(&["fund id must be 32 lower-case hexadecimal digits"]);
        assert!(!fund.db.exists());
    }
    let a = sender().build();
    assert!(a.ok(&["fund", "show", "--format", "csv"]).contains(A));
}

#[test]
fn verify_finds_transfers_not_of_their_shape() {
    let a = sender().build();
    step(&a, &send_args(B, "10", None), &format!("{ID1}\n"));
    // A transfer changed behind fondo's back (its hash no longer matches
    // either: V103).
    common::tamper::sql(&a.db, "UPDATE txns SET payee = 'someone' WHERE id = 3");
    let run = a.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("V142")
            && run.stdout.contains("txn 3")
            && run.stdout.contains("is not a fund id"),
        "{}",
        run.stdout
    );
}

/// `verify --bundle DIR`: its exit code and stdout.
fn check_bundle(fund: &Fund, dir: &std::path::Path) -> (i32, String) {
    let run = fund.run(&["verify", "--bundle", &dir.display().to_string()]);
    (run.code, run.stdout)
}

#[test]
fn bundles_hold_transfers_csv_and_both_checkers_rederive_it() {
    let c = receiver(C, "MXN").build();
    let mut receive = receive_args(A, ID1, "6800.00", "MXN");
    receive.extend(["--sent", "400.00", "USD", "--pool", "housing"]);
    step(&c, &receive, "1 (rate 17 MXN per USD)\n");
    step(&c, &receive_args(A, ID2, "50.00", "MXN"), "2\n");
    c.ok(&["void", "2", "--reason", "sent back", "--date", "2026-02-04"]);
    let dir = c.audit_bundle("public", "2026", "public");
    assert_eq!(
        std::fs::read_to_string(dir.join("transfers.csv")).unwrap(),
        format!(
            "{LIST_HEADER}\
             1,2026-02-03,received,{A}-1,{A},6800.00,MXN,400.00,USD,17,housing,,\n\
             2,2026-02-03,received,{A}-2,{A},50.00,MXN,50.00,MXN,,,,3\n"
        )
    );
    assert!(
        std::fs::read_to_string(dir.join("BUNDLE.csv"))
            .unwrap()
            .contains("format,fondo-audit-v3\n")
    );
    assert_eq!(check_bundle(&c, &dir).0, 0);
    if let Some((code, out)) = common::verify_bundle_script(&dir) {
        assert_eq!(code, 0, "{out}");
    }

    // A row changed and the manifest resealed: both checkers find it.
    let forged = c.path("forged");
    std::fs::create_dir(&forged).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), forged.join(entry.file_name())).unwrap();
    }
    let text = std::fs::read_to_string(forged.join("transfers.csv")).unwrap();
    std::fs::write(
        forged.join("transfers.csv"),
        text.replacen("400.00,USD,17", "380.00,USD,17", 1),
    )
    .unwrap();
    common::tamper::reseal_bundle(&forged);
    let (code, out) = check_bundle(&c, &forged);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("B140") && out.contains("transfers.csv line 2"),
        "{out}"
    );
    if let Some((code, out)) = common::verify_bundle_script(&forged) {
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("transfers.csv line 2: B140"), "{out}");
    }

    // A v2 bundle (no transfers.csv) is still read.
    let v2 = c.path("v2");
    std::fs::create_dir(&v2).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "transfers.csv" {
            std::fs::copy(entry.path(), v2.join(entry.file_name())).unwrap();
        }
    }
    let facts = std::fs::read_to_string(v2.join("BUNDLE.csv")).unwrap();
    std::fs::write(
        v2.join("BUNDLE.csv"),
        facts.replace("fondo-audit-v3", "fondo-audit-v2"),
    )
    .unwrap();
    common::tamper::reseal_bundle(&v2);
    let (code, out) = check_bundle(&c, &v2);
    assert_eq!(code, 0, "{out}");
    if let Some((code, out)) = common::verify_bundle_script(&v2) {
        assert_eq!(code, 0, "{out}");
    }
}

#[test]
fn statement_maps_may_not_post_to_the_reserved_accounts() {
    let a = sender().build();
    let map = |rule: &str| {
        format!(
            "[file]\ndate_format = \"%Y-%m-%d\"\n\
             [columns]\ndate = \"Date\"\namount = \"Amount\"\ndescription = \"Text\"\n\
             [defaults]\naccount = \"{BANK}\"\ncurrency = \"USD\"\n{rule}"
        )
    };
    let statement = a.write(
        "statement.csv",
        "Date,Amount,Text\n2026-02-01,-5.00,To the other fund\n",
    );
    for (name, text) in [
        (
            "rule.toml",
            map(
                "\n[[rules]]\ndescription = \"other fund\"\naction = \"expense\"\naccount = \"expenses:transfers\"\n",
            ),
        ),
        ("fee.toml", map("fee_account = \"expenses:transfers\"\n")),
    ] {
        let file = a.write(name, text);
        refused(
            &a,
            &[
                "import",
                "statement",
                &statement.display().to_string(),
                "--map",
                &file.display().to_string(),
            ],
            &["expenses:transfers is reserved for transfers between funds"],
        );
    }
}
