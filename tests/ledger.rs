//! End-to-end tests of the ledger commands: init, account, commodity, post,
//! void, balance (flat, `--tree`, `--depth`, `--as-of`, prefixes, the three
//! formats), register and a clean `verify`.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{EXPORT_HEADER, Fund, GENESIS, command, csv_rows, is_hash, run_command};

/// A small fund: two currencies, an in-kind unit with one decimal place,
/// six transactions (one with an elided amount, one in the default
/// currency, one with payee and reference).
fn sample() -> Fund {
    let fund = Fund::empty();
    assert_eq!(
        fund.ok(&["init", "--name", "Barrio fund", "--currency", "USD"]),
        format!(
            "created {} for fund \"Barrio fund\", default currency USD\n",
            fund.db.display()
        )
    );
    fund.accounts(&[
        "assets:bank:usd",
        "assets:bank:eur",
        "assets:cash",
        "equity:opening",
        "income:contributions",
        "expenses:grants:housing",
        "expenses:grants:food",
        "expenses:in-kind",
        "income:in-kind",
    ]);
    assert_eq!(
        fund.ok(&[
            "commodity",
            "add",
            "HOURS",
            "--decimals",
            "1",
            "--name",
            "volunteer hours"
        ]),
        "added commodity HOURS with 1 decimal place\n"
    );
    let opening = [
        "assets:bank:usd=1000.00 USD",
        "assets:cash=50.00",
        "equity:opening",
    ];
    assert_eq!(fund.post("Opening balance", "2026-01-05", &opening), 1);
    let out = fund.ok(&[
        "post",
        "Dues",
        "--date",
        "2026-01-12",
        "-p",
        "assets:bank:usd=620.00 USD",
        "-p",
        "income:contributions",
        "--payee",
        "12 members",
        "--reference",
        "jan-dues",
    ]);
    assert_eq!(out, "2\n");
    let donation = fund.run(&[
        "post",
        "Donation",
        "--date",
        "2026-01-20",
        "-p",
        "assets:bank:eur=300.00 EUR",
        "-p",
        "income:contributions=-300.00 EUR",
    ]);
    assert_eq!(
        donation.stderr,
        "fondo: note: declared well-known currency EUR\n"
    );
    assert_eq!(donation.ok(), "3\n");
    let rent = ["expenses:grants:housing=250.00 USD", "assets:bank:usd"];
    assert_eq!(fund.post("Rent relief", "2026-02-01", &rent), 4);
    let hours = ["expenses:in-kind=12.5 HOURS", "income:in-kind=-12.5 HOURS"];
    assert_eq!(fund.post("Hours", "2026-02-03", &hours), 5);
    let groceries = [
        "expenses:grants:food=80.25",
        "assets:cash=-30.25",
        "assets:bank:usd=-50.00",
    ];
    assert_eq!(fund.post("Groceries", "2026-02-14", &groceries), 6);
    fund
}

const BALANCE: &str = "\
account,commodity,balance
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1320.00
assets:cash,USD,19.75
equity:opening,USD,-1050.00
expenses:grants:food,USD,80.25
expenses:grants:housing,USD,250.00
expenses:in-kind,HOURS,12.5
income:contributions,EUR,-300.00
income:contributions,USD,-620.00
income:in-kind,HOURS,-12.5
";

#[test]
fn init_creates_a_private_empty_fund() {
    let fund = Fund::init(Some("MXN"));
    let mode = std::fs::metadata(&fund.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the database is private to its owner");
    assert_eq!(
        fund.ok(&["verify"]),
        format!(
            "checked 0 transactions, 0 postings, 1 governance record: no findings\nfingerprint: {GENESIS}\n"
        )
    );
    assert_eq!(fund.export(), format!("{EXPORT_HEADER}\n"));
    assert_eq!(fund.balance_csv(&[]), "account,commodity,balance\n");
    assert_eq!(
        fund.ok(&["commodity", "list", "--format", "csv"]),
        "code,decimals,name\nMXN,2,Mexican peso\n"
    );
    assert_eq!(fund.ok(&["account", "list", "--format", "json"]), "[]\n");
}

#[test]
fn init_without_currency_then_amounts_need_one() {
    let fund = Fund::init(None);
    assert_eq!(
        fund.ok(&["commodity", "list", "--format", "csv"]),
        "code,decimals,name\n"
    );
    fund.accounts(&["assets:a", "equity:b"]);
    fund.fails_unchanged(
        &[
            "post",
            "x",
            "--date",
            "2026-01-01",
            "-p",
            "assets:a=5",
            "-p",
            "equity:b",
        ],
        &["no commodity given", "default currency"],
    );
}

#[test]
fn accounts_are_added_listed_and_closed() {
    let fund = Fund::init(Some("USD"));
    assert_eq!(
        fund.ok(&[
            "account",
            "add",
            "assets:bank:usd",
            "--note",
            "Banco Popular, cuenta 1"
        ]),
        "added account assets:bank:usd\n"
    );
    fund.accounts(&[
        "income:donaciones:niños",
        "Expenses:Grants:Housing",
        "assets:bank",
    ]);
    assert_eq!(
        fund.ok(&["account", "close", "assets:bank", "--date", "2026-01-31"]),
        "closed account assets:bank on 2026-01-31\n"
    );
    assert_eq!(
        fund.ok(&["account", "list", "--format", "csv"]),
        "account,type,status,closed_on,note\n\
         assets:bank,assets,closed,2026-01-31,\n\
         assets:bank:usd,assets,open,,\"Banco Popular, cuenta 1\"\n\
         Expenses:Grants:Housing,expenses,open,,\n\
         income:donaciones:niños,income,open,,\n"
    );
    assert_eq!(
        fund.ok(&["account", "list", "--format", "json"]),
        "[\n  \
         {\"account\":\"assets:bank\",\"type\":\"assets\",\"status\":\"closed\",\"closed_on\":\"2026-01-31\",\"note\":null},\n  \
         {\"account\":\"assets:bank:usd\",\"type\":\"assets\",\"status\":\"open\",\"closed_on\":null,\"note\":\"Banco Popular, cuenta 1\"},\n  \
         {\"account\":\"Expenses:Grants:Housing\",\"type\":\"expenses\",\"status\":\"open\",\"closed_on\":null,\"note\":null},\n  \
         {\"account\":\"income:donaciones:niños\",\"type\":\"income\",\"status\":\"open\",\"closed_on\":null,\"note\":null}\n]\n"
    );
    let table = fund.ok(&["account", "list"]);
    assert!(table.contains("income:donaciones:niños"), "{table}");
    assert!(table.contains("closed"), "{table}");
    fund.fails_unchanged(&["account", "add", "assets:bank:usd"], &["already exists"]);
    fund.fails_unchanged(
        &["account", "add", "ASSETS:BANK:USD"],
        &["differs only by case", "assets:bank:usd"],
    );
    fund.fails_unchanged(
        &["account", "add", "stuff:x"],
        &["assets, liabilities, equity, income or expenses"],
    );
    fund.fails_unchanged(
        &["account", "close", "assets:bank", "--date", "2026-02-01"],
        &["already closed on 2026-01-31"],
    );
    fund.fails_unchanged(&["account", "close", "assets:nope"], &["unknown account"]);
}

#[test]
fn an_account_with_money_or_later_postings_cannot_close() {
    let fund = sample();
    fund.fails_unchanged(
        &["account", "close", "assets:cash", "--date", "2026-03-01"],
        &["cannot close account \"assets:cash\"", "19.75 USD"],
    );
    fund.fails_unchanged(
        &["account", "close", "assets:cash", "--date", "2026-01-31"],
        &["postings dated 2026-02-14"],
    );
    fund.post(
        "Cash to bank",
        "2026-02-20",
        &["assets:bank:usd=19.75", "assets:cash"],
    );
    fund.ok(&["account", "close", "assets:cash", "--date", "2026-02-20"]);
    // The closing day itself still takes postings; the day after does not.
    fund.post(
        "Late",
        "2026-02-20",
        &["assets:cash=1.00", "assets:bank:usd"],
    );
    fund.fails_unchanged(
        &[
            "post",
            "Later",
            "--date",
            "2026-02-21",
            "-p",
            "assets:cash=1.00",
            "-p",
            "assets:bank:usd",
        ],
        &["\"assets:cash\" was closed on 2026-02-20", "2026-02-21"],
    );
}

#[test]
fn commodities_are_declared_and_listed() {
    let fund = Fund::init(Some("USD"));
    assert_eq!(
        fund.ok(&["commodity", "add", "KG-RICE", "--decimals", "3"]),
        "added commodity KG-RICE with 3 decimal places\n"
    );
    fund.ok(&[
        "commodity",
        "add",
        "TENTS",
        "--decimals",
        "0",
        "--name",
        "tents",
    ]);
    assert_eq!(
        fund.ok(&["commodity", "list", "--format", "csv"]),
        "code,decimals,name\nKG-RICE,3,\nTENTS,0,tents\nUSD,2,US dollar\n"
    );
    assert_eq!(
        fund.ok(&["commodity", "list", "--format", "json"]),
        "[\n  {\"code\":\"KG-RICE\",\"decimals\":3,\"name\":null},\n  \
         {\"code\":\"TENTS\",\"decimals\":0,\"name\":\"tents\"},\n  \
         {\"code\":\"USD\",\"decimals\":2,\"name\":\"US dollar\"}\n]\n"
    );
    fund.fails_unchanged(
        &["commodity", "add", "USD", "--decimals", "2"],
        &["already exists", "2 decimal places"],
    );
    // Well-known currencies keep their standard places.
    fund.fails_unchanged(
        &["commodity", "add", "JPY", "--decimals", "2"],
        &[
            "commodity JPY cannot have 2 decimal places",
            "has 0 decimal places",
        ],
    );
    fund.fails_unchanged(
        &["commodity", "add", "hours", "--decimals", "1"],
        &["did you mean HOURS"],
    );
    fund.fails_unchanged(
        &["commodity", "add", "HOURS", "--decimals", "10"],
        &["commodity HOURS cannot have 10 decimal places: at most 9 are supported"],
    );
    // An in-kind unit must be declared before use.
    fund.accounts(&["assets:store", "income:in-kind"]);
    fund.fails_unchanged(
        &[
            "post",
            "x",
            "--date",
            "2026-01-01",
            "-p",
            "assets:store=2 BLANKETS",
            "-p",
            "income:in-kind",
        ],
        &[
            "unknown commodity \"BLANKETS\"",
            "fondo commodity add BLANKETS",
        ],
    );
    fund.post(
        "Rice",
        "2026-01-01",
        &["assets:store=12.125 KG-RICE", "income:in-kind"],
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\nassets:store,KG-RICE,12.125\nincome:in-kind,KG-RICE,-12.125\n"
    );
}

#[test]
fn post_prints_ids_and_records_every_field() {
    let fund = sample();
    let rows = csv_rows(&fund.export());
    let fields = |row: &Vec<String>| row[..11].join("|");
    let got: Vec<String> = rows.iter().map(fields).collect();
    assert_eq!(
        got,
        [
            "1|2026-01-05|Opening balance|assets:bank:usd|1000.00|USD|||||",
            "1|2026-01-05|Opening balance|assets:cash|50.00|USD|||||",
            "1|2026-01-05|Opening balance|equity:opening|-1050.00|USD|||||",
            "2|2026-01-12|Dues|assets:bank:usd|620.00|USD|12 members|jan-dues|||",
            "2|2026-01-12|Dues|income:contributions|-620.00|USD|12 members|jan-dues|||",
            "3|2026-01-20|Donation|assets:bank:eur|300.00|EUR|||||",
            "3|2026-01-20|Donation|income:contributions|-300.00|EUR|||||",
            "4|2026-02-01|Rent relief|expenses:grants:housing|250.00|USD|||||",
            "4|2026-02-01|Rent relief|assets:bank:usd|-250.00|USD|||||",
            "5|2026-02-03|Hours|expenses:in-kind|12.5|HOURS|||||",
            "5|2026-02-03|Hours|income:in-kind|-12.5|HOURS|||||",
            "6|2026-02-14|Groceries|expenses:grants:food|80.25|USD|||||",
            "6|2026-02-14|Groceries|assets:cash|-30.25|USD|||||",
            "6|2026-02-14|Groceries|assets:bank:usd|-50.00|USD|||||",
        ]
    );
    // The hash chain: each transaction cites the hash of the one before it.
    let mut prev = GENESIS.to_owned();
    let mut last_txn = String::new();
    for row in &rows {
        assert!(is_hash(&row[12]), "{row:?}");
        if row[0] != last_txn {
            assert_eq!(row[11], prev, "{row:?}");
            prev.clone_from(&row[12]);
            last_txn.clone_from(&row[0]);
        }
    }
    assert_eq!(fund.fingerprint(), prev, "the fingerprint is the head hash");
}

#[test]
fn verify_on_a_clean_fund_exits_zero_with_the_fingerprint_last() {
    let fund = sample();
    let out = fund.ok(&["verify"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0], "checked 6 transactions, 14 postings, 10 governance records: no findings",
        "the fund's settings and its 9 accounts"
    );
    let hash = lines[1].strip_prefix("fingerprint: ").unwrap();
    assert!(is_hash(hash), "{out}");
    let json = fund.ok(&["verify", "--format", "json"]);
    // The records are the fund's settings and the accounts' audit records.
    let last: String = common::tamper::open(&fund.db)
        .query_row(
            "SELECT hash FROM records ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        json,
        format!(
            "{{\n  \"findings\": [],\n  \"transactions\": 6,\n  \"postings\": 14,\n  \"records\": 10,\n  \"records_head\": \"{last}\",\n  \"fingerprint\": \"{hash}\"\n}}\n"
        )
    );
    assert_eq!(
        fund.ok(&["verify", "--format", "csv"]),
        "code,location,message\n"
    );
}

#[test]
fn balance_is_one_row_per_account_and_commodity() {
    let fund = sample();
    assert_eq!(fund.balance_csv(&[]), BALANCE);
    let table = fund.ok(&["balance"]);
    for line in BALANCE.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert!(
            table.lines().any(|l| cells.iter().all(|c| l.contains(c))),
            "{line} missing from\n{table}"
        );
    }
    assert_eq!(
        fund.ok(&["balance", "--format", "json", "assets:bank"]),
        "[\n  {\"account\":\"assets:bank:eur\",\"commodity\":\"EUR\",\"balance\":\"300.00\"},\n  \
         {\"account\":\"assets:bank:usd\",\"commodity\":\"USD\",\"balance\":\"1320.00\"}\n]\n"
    );
}

#[test]
fn balance_tree_rolls_up_parents() {
    let fund = sample();
    assert_eq!(
        fund.balance_csv(&["--tree"]),
        "account,commodity,balance
assets,EUR,300.00
assets,USD,1339.75
assets:bank,EUR,300.00
assets:bank,USD,1320.00
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1320.00
assets:cash,USD,19.75
equity,USD,-1050.00
equity:opening,USD,-1050.00
expenses,HOURS,12.5
expenses,USD,330.25
expenses:grants,USD,330.25
expenses:grants:food,USD,80.25
expenses:grants:housing,USD,250.00
expenses:in-kind,HOURS,12.5
income,EUR,-300.00
income,HOURS,-12.5
income,USD,-620.00
income:contributions,EUR,-300.00
income:contributions,USD,-620.00
income:in-kind,HOURS,-12.5
"
    );
    assert_eq!(
        fund.balance_csv(&["--tree", "--depth", "1"]),
        "account,commodity,balance
assets,EUR,300.00
assets,USD,1339.75
equity,USD,-1050.00
expenses,HOURS,12.5
expenses,USD,330.25
income,EUR,-300.00
income,HOURS,-12.5
income,USD,-620.00
"
    );
}

#[test]
fn balance_depth_folds_deeper_accounts() {
    let fund = sample();
    assert_eq!(
        fund.balance_csv(&["--depth", "2"]),
        "account,commodity,balance
assets:bank,EUR,300.00
assets:bank,USD,1320.00
assets:cash,USD,19.75
equity:opening,USD,-1050.00
expenses:grants,USD,330.25
expenses:in-kind,HOURS,12.5
income:contributions,EUR,-300.00
income:contributions,USD,-620.00
income:in-kind,HOURS,-12.5
"
    );
    // Depth 1 sums to zero per commodity: the trial balance.
    assert_eq!(
        fund.balance_csv(&["--depth", "1", "expenses", "income"]),
        "account,commodity,balance
expenses,HOURS,12.5
expenses,USD,330.25
income,EUR,-300.00
income,HOURS,-12.5
income,USD,-620.00
"
    );
    assert_eq!(
        fund.run(&["balance", "--depth", "0"]).code,
        2,
        "a usage error"
    );
}

#[test]
fn balance_as_of_a_date_and_by_prefix() {
    let fund = sample();
    assert_eq!(
        fund.balance_csv(&["--as-of", "2026-01-20"]),
        "account,commodity,balance
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1620.00
assets:cash,USD,50.00
equity:opening,USD,-1050.00
income:contributions,EUR,-300.00
income:contributions,USD,-620.00
"
    );
    assert_eq!(
        fund.balance_csv(&["--as-of", "2026-01-04"]),
        "account,commodity,balance\n"
    );
    assert_eq!(
        fund.ok(&["balance", "--as-of", "2026-01-04", "--format", "json"]),
        "[]\n"
    );
    assert_eq!(
        fund.balance_csv(&["--as-of", "2099-12-31"]),
        BALANCE,
        "a date after everything is the full balance"
    );
    // Prefixes match whole segments, ignoring case.
    assert_eq!(
        fund.balance_csv(&["Assets", "INCOME:in-kind"]),
        "account,commodity,balance
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1320.00
assets:cash,USD,19.75
income:in-kind,HOURS,-12.5
"
    );
    fund.fail(
        &["balance", "assets:ban"],
        &["unknown account \"assets:ban\""],
    );
    fund.fail(&["balance", "--as-of", "2026-02-30"], &["no such day"]);
}

#[test]
fn void_posts_a_linked_reversal_once() {
    let fund = sample();
    assert_eq!(
        fund.ok(&[
            "void",
            "6",
            "--reason",
            "wrong receipt",
            "--date",
            "2026-02-15"
        ]),
        "7\n"
    );
    let export = fund.export();
    let voids: Vec<String> = csv_rows(&export)
        .into_iter()
        .filter(|r| r[0] == "7")
        .map(|r| r[..11].join("|"))
        .collect();
    assert_eq!(
        voids,
        [
            "7|2026-02-15|void of transaction 6: wrong receipt|expenses:grants:food|-80.25|USD|||||6",
            "7|2026-02-15|void of transaction 6: wrong receipt|assets:cash|30.25|USD|||||6",
            "7|2026-02-15|void of transaction 6: wrong receipt|assets:bank:usd|50.00|USD|||||6",
        ]
    );
    // Zero balances are left out: expenses:grants:food is gone.
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance
assets:bank:eur,EUR,300.00
assets:bank:usd,USD,1370.00
assets:cash,USD,50.00
equity:opening,USD,-1050.00
expenses:grants:housing,USD,250.00
expenses:in-kind,HOURS,12.5
income:contributions,EUR,-300.00
income:contributions,USD,-620.00
income:in-kind,HOURS,-12.5
"
    );
    assert_eq!(
        fund.balance_csv(&["--as-of", "2026-02-14", "expenses:grants:food"]),
        "account,commodity,balance\nexpenses:grants:food,USD,80.25\n"
    );
    fund.fails_unchanged(
        &["void", "6", "--reason", "again", "--date", "2026-02-16"],
        &["transaction 6 was already voided by transaction 7"],
    );
    fund.fails_unchanged(
        &["void", "7", "--reason", "undo", "--date", "2026-02-16"],
        &["transaction 7 is itself a void"],
    );
    fund.fails_unchanged(
        &["void", "4", "--reason", "early", "--date", "2026-01-31"],
        &["before the transaction it voids"],
    );
    fund.fails_unchanged(
        &["void", "99", "--reason", "x", "--date", "2026-03-01"],
        &["no transaction with id 99"],
    );
    fund.fails_unchanged(
        &["void", "4", "--reason", " ", "--date", "2026-03-01"],
        &["needs a reason"],
    );
    fund.ok(&["verify"]);
}

#[test]
fn register_shows_a_running_balance_per_commodity() {
    let fund = sample();
    assert_eq!(
        fund.ok(&["register", "assets:bank:usd", "--format", "csv"]),
        "txn,date,description,account,commodity,amount,balance
1,2026-01-05,Opening balance,assets:bank:usd,USD,1000.00,1000.00
2,2026-01-12,Dues,assets:bank:usd,USD,620.00,1620.00
4,2026-02-01,Rent relief,assets:bank:usd,USD,-250.00,1370.00
6,2026-02-14,Groceries,assets:bank:usd,USD,-50.00,1320.00
"
    );
    // --from starts from the balance just before that day.
    assert_eq!(
        fund.ok(&[
            "register",
            "assets",
            "--from",
            "2026-01-20",
            "--format",
            "csv"
        ]),
        "txn,date,description,account,commodity,amount,balance
3,2026-01-20,Donation,assets:bank:eur,EUR,300.00,300.00
4,2026-02-01,Rent relief,assets:bank:usd,USD,-250.00,1420.00
6,2026-02-14,Groceries,assets:cash,USD,-30.25,1389.75
6,2026-02-14,Groceries,assets:bank:usd,USD,-50.00,1339.75
"
    );
    assert_eq!(
        fund.ok(&[
            "register",
            "assets",
            "--to",
            "2026-01-12",
            "--format",
            "json"
        ]),
        "[\n  \
         {\"txn\":1,\"date\":\"2026-01-05\",\"description\":\"Opening balance\",\"account\":\"assets:bank:usd\",\"commodity\":\"USD\",\"amount\":\"1000.00\",\"balance\":\"1000.00\"},\n  \
         {\"txn\":1,\"date\":\"2026-01-05\",\"description\":\"Opening balance\",\"account\":\"assets:cash\",\"commodity\":\"USD\",\"amount\":\"50.00\",\"balance\":\"1050.00\"},\n  \
         {\"txn\":2,\"date\":\"2026-01-12\",\"description\":\"Dues\",\"account\":\"assets:bank:usd\",\"commodity\":\"USD\",\"amount\":\"620.00\",\"balance\":\"1670.00\"}\n]\n"
    );
    assert_eq!(
        fund.ok(&[
            "register",
            "expenses:in-kind",
            "--from",
            "2026-03-01",
            "--format",
            "json"
        ]),
        "[]\n"
    );
    let table = fund.ok(&["register", "assets:cash"]);
    assert!(
        table.contains("Groceries") && table.contains("19.75"),
        "{table}"
    );
    // Without a prefix every posting is listed; per commodity the running
    // balance returns to zero after each transaction.
    let all = fund.ok(&["register", "--format", "csv"]);
    let rows = csv_rows(&all);
    assert_eq!(rows.len(), 14);
    for (i, row) in rows.iter().enumerate() {
        let last_of_txn = rows.get(i + 1).is_none_or(|next| next[0] != row[0]);
        if last_of_txn {
            assert!(
                row[6]
                    .trim_start_matches('-')
                    .trim_matches(['0', '.'])
                    .is_empty(),
                "{row:?}"
            );
        }
    }
    fund.fail(&["register", "nothing"], &["unknown account"]);
}

#[test]
fn export_to_a_file_and_by_date_range() {
    let fund = sample();
    let out = fund.path("journal.csv");
    assert_eq!(
        fund.ok(&["journal", "export", "--out", out.to_str().unwrap()]),
        format!(
            "exported 6 transactions (14 postings) to {}\n",
            out.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), fund.export());
    let part = fund.ok(&[
        "journal",
        "export",
        "--from",
        "2026-01-12",
        "--to",
        "2026-02-01",
    ]);
    let ids: Vec<String> = csv_rows(&part).into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(ids, ["2", "2", "3", "3", "4", "4"]);
    fund.fail(
        &["journal", "export", "--from", "01/12/2026"],
        &["YYYY-MM-DD"],
    );
}

#[test]
fn database_comes_from_fondo_db_or_the_current_directory() {
    let fund = Fund::empty();
    let mut cmd = command();
    cmd.env("FONDO_DB", &fund.db)
        .args(["init", "--currency", "EUR"]);
    run_command(&mut cmd).ok();
    assert!(fund.db.exists());
    // --db wins over FONDO_DB.
    let other = fund.path("other.db");
    let mut cmd = command();
    cmd.env("FONDO_DB", &fund.db)
        .arg("--db")
        .arg(&other)
        .arg("init");
    run_command(&mut cmd).ok();
    assert!(other.exists());
    // Neither: ./fondo.db.
    let mut cmd = command();
    cmd.current_dir(fund.dir.path())
        .args(["account", "list", "--format", "csv"]);
    run_command(&mut cmd).error(&["no fondo database at fondo.db", "fondo init"]);
    let mut cmd = command();
    cmd.current_dir(fund.dir.path()).arg("init");
    run_command(&mut cmd).ok();
    assert!(fund.path("fondo.db").exists());
}

#[test]
fn concurrent_posts_wait_for_each_other() {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank", "income:dues"]);
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut cmd = command();
            cmd.arg("--db")
                .arg(&fund.db)
                .args(["post", &format!("Dues {i}"), "--date", "2026-01-01"])
                .args(["-p", "assets:bank=10.00", "-p", "income:dues"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let mut ids: Vec<i64> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    assert!(
        fund.ok(&["verify"])
            .contains("checked 6 transactions, 12 postings, 3 governance records: no findings"),
        "the fund's settings and its 2 accounts"
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\nassets:bank,USD,60.00\nincome:dues,USD,-60.00\n"
    );
}

#[test]
fn balances_beyond_64_bits_are_reported_or_refused() {
    // Each amount fits the storage range (i64 minor units), but two of them
    // in one account on different days sum beyond it. Either the second post
    // is refused (and nothing changes), or balance reports the exact sum.
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:a", "equity:c"]);
    let max = "assets:a=92233720368547758.07";
    fund.post("big", "2026-01-01", &[max, "equity:c"]);
    let second = fund.run(&[
        "post",
        "big",
        "--date",
        "2026-01-02",
        "-p",
        max,
        "-p",
        "equity:c",
    ]);
    if second.code == 0 {
        let balance = fund.run(&["balance", "--format", "csv"]);
        assert_eq!(
            balance.code, 0,
            "balance fails on data fondo accepted: {}",
            balance.stderr
        );
        assert_eq!(
            balance.stdout,
            "account,commodity,balance\nassets:a,USD,184467440737095516.14\nequity:c,USD,-184467440737095516.14\n"
        );
    } else {
        second.error(&["too large"]);
        assert_eq!(
            fund.balance_csv(&[]),
            "account,commodity,balance\nassets:a,USD,92233720368547758.07\nequity:c,USD,-92233720368547758.07\n"
        );
    }
}

#[test]
fn roll_ups_do_not_split_parents_that_differ_only_by_case() {
    // Two accounts may not differ only by case, and the first segment is
    // matched case-insensitively; so `--depth 1` and `--tree` must give one
    // `expenses` total, not one for `Expenses` and another for `expenses`.
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["Expenses:Grants:Housing", "expenses:food", "assets:bank"]);
    fund.post(
        "x",
        "2026-01-01",
        &[
            "Expenses:Grants:Housing=10.00",
            "expenses:food=5.00",
            "assets:bank",
        ],
    );
    for extra in [&["--depth", "1"][..], &["--tree"]] {
        let out = fund.balance_csv(extra);
        let expenses: Vec<&str> = out
            .lines()
            .filter(|l| {
                l.split(',')
                    .next()
                    .is_some_and(|a| a.eq_ignore_ascii_case("expenses"))
            })
            .collect();
        assert_eq!(
            expenses.len(),
            1,
            "one expenses total with {extra:?}:\n{out}"
        );
        assert!(expenses[0].ends_with(",USD,15.00"), "{out}");
    }
}
