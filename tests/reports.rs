//! Period reports (issue 5) end to end: `report summary`, `report pools`,
//! `report grants`, `report budget` and `report metrics` with `--period`,
//! `--from/--to`, `--in CODE`, `--audience` and every `--format`, and
//! `budget set|list`, through the real binary.
//!
//! Three funds:
//! - [`barrio`], a realistic fund over the first two quarters of 2026
//!   (members of every visibility, stewards, two pools, money, services and
//!   goods in kind, anonymous gifts, a pool move, an exchange with a fee,
//!   rates, a grant round with a recusal and an objection, tranches in both
//!   quarters, spending, a closure with a return, operating costs, goods
//!   given out, a pledge, a term past the limit, a loan, an opening balance,
//!   a voided contribution and budgets). The reconciliation tests add its
//!   reports up against each other and against `balance`, `pool show` and
//!   `pool list`, so that a report that drops, doubles or misfiles a flow
//!   cannot pass.
//! - [`small`], one month small enough to check every figure of every
//!   report by hand, in CSV, JSON and as a table.
//! - [`metrics_fund`], built for the metrics: hand-computed donor
//!   concentration (with a Herfindahl index that rounds half to even),
//!   turnaround medians and percentiles, participation, pledge fulfilment
//!   and role rotation, against the previous quarter.
//!
//! Every fund is checked with `verify` once built; every refusal follows the
//! error contract (exit 2, one `fondo: ` message, nothing on stdout) and
//! `budget set` refusals leave every table as it was.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use common::{Fund, clean, expect, refused};
use rust_decimal::{Decimal, RoundingStrategy};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// One CSV row, by column name.
type Row = BTreeMap<String, String>;

/// Splits a command line on spaces; double quotes keep spaces in one argument.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            _ => {
                word.push(ch);
                started = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quotes in {line:?}");
    if started {
        out.push(word);
    }
    out
}

/// Runs every line (see [`words`]), each of which must succeed.
fn run_all(fund: &Fund, lines: &[&str]) {
    for line in lines {
        fund.ok(&words(line));
    }
}

/// Runs a command line with `--format csv` and parses its rows by header.
fn csv_of(fund: &Fund, line: &str) -> Vec<Row> {
    let mut args = words(line);
    args.extend(["--format".to_owned(), "csv".to_owned()]);
    let out = fund.ok(&args);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().expect("a CSV header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("valid CSV");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// A decimal as reports print it.
fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{text:?} is not a decimal: {e}"))
}

/// A field of a row, which must be there.
fn field<'r>(row: &'r Row, column: &str) -> &'r str {
    row.get(column)
        .unwrap_or_else(|| panic!("no column {column:?} in {row:?}"))
}

/// A field as a decimal.
fn num(row: &Row, column: &str) -> Decimal {
    dec(field(row, column))
}

/// (pool, commodity) of a row.
fn key(row: &Row) -> (String, String) {
    (
        field(row, "pool").to_owned(),
        field(row, "commodity").to_owned(),
    )
}

/// Adds `amount` under `k`.
fn add<K: Ord>(map: &mut BTreeMap<K, Decimal>, k: K, amount: Decimal) {
    *map.entry(k).or_default() += amount;
}

/// Drops zero entries, so maps built differently compare on what matters.
fn nonzero<K: Ord>(map: BTreeMap<K, Decimal>) -> BTreeMap<K, Decimal> {
    map.into_iter().filter(|(_, v)| !v.is_zero()).collect()
}

/// What a summary says about each pool and commodity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Movement {
    opening: Decimal,
    inflows: Decimal,
    outflows: Decimal,
    /// Moved in − moved out + conversions + other equity.
    within: Decimal,
    closing: Decimal,
}

/// The summary's rows per (pool, commodity), for the money sections.
fn movements(rows: &[Row]) -> BTreeMap<(String, String), Movement> {
    let mut out: BTreeMap<(String, String), Movement> = BTreeMap::new();
    for r in rows {
        let section = field(r, "section");
        if field(r, "item") == "total"
            || !["opening", "inflow", "outflow", "within", "closing"].contains(&section)
        {
            continue;
        }
        let amount = num(r, "amount");
        let m = out.entry(key(r)).or_default();
        match section {
            "opening" => m.opening += amount,
            "inflow" => m.inflows += amount,
            "outflow" => m.outflows += amount,
            "within" if field(r, "item") == "moved out to other pools" => m.within -= amount,
            "within" => m.within += amount,
            _ => m.closing += amount,
        }
    }
    out
}

/// Flows of a summary (inflow, outflow and within rows) keyed by section,
/// item, detail, pool and commodity.
fn summary_flows(rows: &[Row]) -> BTreeMap<[String; 5], Decimal> {
    let mut out = BTreeMap::new();
    for r in rows {
        let section = field(r, "section");
        if ["inflow", "outflow", "within"].contains(&section) && field(r, "item") != "total" {
            let k =
                ["section", "item", "detail", "pool", "commodity"].map(|c| field(r, c).to_owned());
            add(&mut out, k, num(r, "amount"));
        }
    }
    out
}

/// Rows of one section of a summary, as (pool, commodity) → amount.
fn section(rows: &[Row], name: &str) -> BTreeMap<(String, String), Decimal> {
    let mut out = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| field(r, "section") == name && field(r, "item") != "total")
    {
        add(&mut out, key(r), num(r, "amount"));
    }
    out
}

/// A count row of a summary.
fn count(rows: &[Row], item: &str) -> u64 {
    let r = rows
        .iter()
        .find(|r| field(r, "section") == "count" && field(r, "item") == item)
        .unwrap_or_else(|| panic!("no count {item:?}"));
    field(r, "count").parse().expect("a count")
}

/// Balances per (account, commodity) as of a day.
fn balances(fund: &Fund, as_of: &str) -> BTreeMap<(String, String), Decimal> {
    csv_of(fund, &format!("balance --as-of {as_of}"))
        .iter()
        .map(|r| {
            (
                (
                    field(r, "account").to_owned(),
                    field(r, "commodity").to_owned(),
                ),
                num(r, "balance"),
            )
        })
        .collect()
}

/// The fund's net assets per commodity on a day: assets plus liabilities.
fn net_assets(fund: &Fund, as_of: &str) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    for ((account, commodity), amount) in balances(fund, as_of) {
        let kind = account.split(':').next().unwrap_or_default().to_lowercase();
        if kind == "assets" || kind == "liabilities" {
            add(&mut out, commodity, amount);
        }
    }
    nonzero(out)
}

/// Rounds to `places`, half to even, as conversions do.
fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
}

// ---------------------------------------------------------------------------
// The funds
// ---------------------------------------------------------------------------

/// A neighbourhood fund over the first half of 2026 (see the module docs).
/// Transactions are numbered in the comments; grants are G-0001 (Dario,
/// housing, rent, approved after an objection was withdrawn, Carmen recused
/// as his sister; paid in both quarters, 50 USD returned), G-0002 (Feli,
/// anonymous, food, lazy consensus, paid in Q2) and G-0003 (Elena,
/// pseudonymous, rejected on an objection in Q2).
fn barrio() -> Fund {
    let fund = Fund::init(Some("USD"));
    run_all(
        &fund,
        &[
            "account add assets:bank:usd",
            "account add assets:bank:eur",
            "account add assets:cash",
            "account add liabilities:loans",
            "account add equity:opening",
            "account add income:interest",
            "account add expenses:operations:printing",
            "setting set contribution-account assets:bank:usd",
            "setting set max-term-months.steward 6",
            "commodity add HOURS --decimals 1",
            "commodity add KG-RICE --decimals 0",
            "pool add housing --purpose \"Rent relief\"",
            "pool add food --purpose \"Groceries and the food bank\"",
            "member add Ana",
            "member add Bruno",
            "member add Carmen",
            "member add Dario",
            "member add Gus",
            "member add Elena --visibility pseudonymous",
            "member add Feli --visibility anonymous",
            "member add \"Cocina Común\" --visibility pseudonymous",
            // Ana's term runs 12 months against a 6-month limit.
            "role assign Ana steward --from 2026-01-01 --until 2026-12-31",
            "role assign Bruno steward --from 2026-01-01",
            "role assign Carmen steward --from 2026-01-01",
            "role assign Dario steward --from 2026-01-01",
            "pledge add Bruno 50 USD --every month --from 2026-01-01 --until 2026-06-30",
            // The first quarter.
            "post \"Opening cash\" --date 2026-01-02 -p \"assets:cash=50.00 USD\" -p equity:opening", // 1
            "contribute 1000.00 USD --from Gus --pool housing --date 2026-01-10", // 2
            "contribute 300.00 USD --from Elena --pool food --date 2026-01-12",   // 3
            "contribute 200.00 USD --anonymous --date 2026-01-15",                // 4
            "contribute 500.00 EUR --from Ana --pool housing --into assets:bank:eur --date 2026-01-20", // 5
            "contribute 50 USD --from Bruno --date 2026-01-25", // 6
            "contribute 50 USD --from Bruno --date 2026-02-25", // 7
            "contribute 20 USD --from Bruno --date 2026-03-25", // 8
            "contribute 12.0 HOURS --from Carmen --kind legal-assistance --date 2026-02-01", // 9
            "contribute 50 KG-RICE --from \"Cocina Común\" --pool food --date 2026-02-03", // 10
            "pool move 100 USD --from housing --to food --reason \"assembly of 2026-02-09\" --date 2026-02-10", // 11
            "exchange 400.00 EUR --to-amount 430.00 USD --from-account assets:bank:eur --to-account assets:bank:usd --pool housing --fee 2.00 EUR --date 2026-02-15", // 12
            "rate add 2026-03-01 EUR USD 1.08 --source ECB",
            "policy set housing --rule consent --min-consents 2 --window 72h --at 2026-03-01T09:00",
            "policy set food --rule lazy --window 24h --max-amount 200 USD --at 2026-03-01T09:00",
            "member relate Carmen Dario --reason siblings --at 2026-03-01T10:00",
            "grant apply --applicant Dario --pool housing --amount 600 USD --purpose \"Two months' rent\" --category rent --at 2026-03-02T10:00",
            "grant vote G-0001 consent --as Ana --at 2026-03-02T11:00",
            "grant vote G-0001 object --as Bruno --reason \"the landlord's letter is missing\" --at 2026-03-02T12:00",
            "grant vote G-0001 consent --as Bruno --reason \"letter seen\" --at 2026-03-03T09:00",
            "grant decide G-0001 --at 2026-03-03T10:00",
            "grant apply --applicant Feli --pool food --amount 150 USD --purpose Groceries --category food --at 2026-03-05T08:00",
            "grant decide G-0002 --at 2026-03-06T09:00",
            "grant pay G-0001 300 USD --from-account assets:bank:usd --at 2026-03-10T10:00", // 13
            "post \"Printing flyers\" --date 2026-03-20 -p \"expenses:operations:printing=25.00 USD\" -p assets:bank:usd", // 14
            "give 20 KG-RICE --pool food --date 2026-03-25 --memo \"weekly baskets\"", // 15
            // The second quarter.
            "grant pay G-0002 150 USD --from-account assets:bank:usd --at 2026-04-02T10:00", // 16
            "grant pay G-0001 300 USD --from-account assets:bank:usd --at 2026-04-05T10:00", // 17
            "grant spend G-0001 280 USD --category rent --receipt \"landlord 03/2026\" --at 2026-04-06T10:00",
            "grant spend G-0001 270 USD --category rent --receipt \"landlord 04/2026\" --at 2026-04-15T10:00",
            "grant close G-0001 --return 50 USD --to-account assets:bank:usd --reason \"rent was lower\" --at 2026-04-20T10:00", // 18
            "contribute 100.00 EUR --anonymous --into assets:bank:eur --date 2026-04-10", // 19
            "post \"Bridge loan\" --date 2026-04-15 -p \"assets:bank:usd=100.00 USD\" -p liabilities:loans", // 20
            "contribute 50 USD --from Bruno --date 2026-04-25", // 21
            "give 10 KG-RICE --pool food --date 2026-05-01",    // 22
            "post \"Printing posters\" --date 2026-05-05 -p \"expenses:operations:printing=40.00 USD\" -p assets:bank:usd", // 23
            "contribute 6.5 HOURS --from Dario --kind legal-assistance --date 2026-05-10", // 24
            "grant apply --applicant Elena --pool housing --amount 200 USD --purpose Deposit --category rent --at 2026-05-10T10:00",
            "grant vote G-0003 object --as Ana --reason \"outside the guidelines\" --at 2026-05-10T12:00",
            "grant decide G-0003 --at 2026-05-14T10:00",
            "contribute 30 USD --from Gus --pool housing --date 2026-05-20", // 25
            "void 25 --reason \"entered twice\" --date 2026-05-21",          // 26
            "contribute 80 USD --from Bruno --date 2026-06-25",              // 27
            "post \"Interest\" --date 2026-06-30 -p \"assets:bank:usd=1.20 USD\" -p income:interest", // 28
            "rate add 2026-06-30 EUR USD 1.10 --source ECB",
            "budget set housing rent 600 USD --period 2026-Q1",
            "budget set general operations 50.00 USD --period 2026-Q2",
            "budget set food food 200 USD --period 2026-Q2",
        ],
    );
    clean(&fund);
    fund
}

/// Spans the reconciliation tests look at: calendar and free ones, some
/// cutting through months.
const SPANS: &[&str] = &[
    "--period 2026-Q1",
    "--period 2026-Q2",
    "--period 2026",
    "--period 2026-02",
    "--period 2026-05",
    "--from 2026-01-01 --to 2026-06-30",
    "--from 2026-02-12 --to 2026-04-18",
    "--from 2026-03-10 --to 2026-03-10",
];

// ---------------------------------------------------------------------------
// Reconciliation: the reports add up
// ---------------------------------------------------------------------------

#[test]
fn every_pool_and_commodity_reconciles_within_the_summary() {
    let fund = barrio();
    for span in SPANS {
        let rows = csv_of(&fund, &format!("report summary {span}"));
        let moves = movements(&rows);
        assert!(!moves.is_empty(), "{span}: an empty summary");
        for ((pool, commodity), m) in &moves {
            assert_eq!(
                m.opening + m.inflows - m.outflows + m.within,
                m.closing,
                "{span}, {pool} {commodity}: opening + inflows − outflows + within ≠ closing: {m:?}"
            );
        }
        // The closing and committed rows are what `report pools` says.
        let pools = csv_of(&fund, &format!("report pools {span}"));
        let closing: BTreeMap<_, _> = pools.iter().map(|r| (key(r), num(r, "closing"))).collect();
        assert_eq!(
            section(&rows, "closing"),
            nonzero(closing),
            "{span}: closing"
        );
        let committed: BTreeMap<_, _> = pools
            .iter()
            .map(|r| (key(r), num(r, "committed")))
            .collect();
        assert_eq!(
            section(&rows, "committed"),
            nonzero(committed),
            "{span}: committed"
        );
        let opening: BTreeMap<_, _> = pools.iter().map(|r| (key(r), num(r, "opening"))).collect();
        assert_eq!(
            section(&rows, "opening"),
            nonzero(opening),
            "{span}: opening"
        );
        // Each of its columns is what the summary's flows say.
        let flows = summary_flows(&rows);
        for (column, wanted) in [
            ("contributions", &["inflow"][..]),
            ("spent", &["outflow"]),
            ("moved_in", &["moved in from other pools"]),
            ("moved_out", &["moved out to other pools"]),
            ("converted", &["currency conversions"]),
            ("other", &["other equity"]),
        ] {
            let mut from_summary = BTreeMap::new();
            for (k, amount) in &flows {
                if wanted.contains(&k[0].as_str()) || wanted.contains(&k[1].as_str()) {
                    add(&mut from_summary, (k[3].clone(), k[4].clone()), *amount);
                }
            }
            let mut from_pools = BTreeMap::new();
            for r in &pools {
                add(&mut from_pools, key(r), num(r, column));
            }
            assert_eq!(
                nonzero(from_pools),
                nonzero(from_summary),
                "{span}: report pools {column} against the summary"
            );
        }
        // `report pools` reconciles row by row too.
        for r in &pools {
            assert_eq!(
                num(r, "opening") + num(r, "contributions") + num(r, "moved_in")
                    - num(r, "moved_out")
                    - num(r, "spent")
                    + num(r, "converted")
                    + num(r, "other"),
                num(r, "closing"),
                "{span}: report pools row {r:?}"
            );
            assert_eq!(
                num(r, "closing") - num(r, "committed"),
                num(r, "available"),
                "{span}: {r:?}"
            );
        }
    }
}

#[test]
fn the_figures_of_the_barrio_fund_are_the_ones_worked_out_by_hand() {
    let fund = barrio();
    let q2 = csv_of(&fund, "report summary --period 2026-Q2");
    let expected_closing: BTreeMap<(String, String), Decimal> = [
        // 50 opening cash + 200 anonymous + 120 from Bruno − 25 printing, then
        // + 130 from Bruno + 1.20 interest − 40 printing (the loan is no income).
        ("general", "EUR", "100.00"),
        ("general", "USD", "436.20"),
        // 500 − 400 exchanged − 2 fee.
        ("housing", "EUR", "98.00"),
        // 1000 + 430 − 100 moved − 600 paid + 50 returned (the voided 30 nets out).
        ("housing", "USD", "780.00"),
        ("food", "KG-RICE", "20"),
        // 300 + 100 moved − 150 paid.
        ("food", "USD", "250.00"),
    ]
    .into_iter()
    .map(|(p, c, a)| ((p.to_owned(), c.to_owned()), dec(a)))
    .collect();
    assert_eq!(section(&q2, "closing"), expected_closing);
    assert_eq!(
        section(&q2, "committed"),
        BTreeMap::new(),
        "G-0001 closed, G-0002 paid in full"
    );
    let q1 = csv_of(&fund, "report summary --period 2026-Q1");
    let committed: BTreeMap<_, _> = [("housing", "300.00"), ("food", "150.00")]
        .into_iter()
        .map(|(p, a)| ((p.to_owned(), "USD".to_owned()), dec(a)))
        .collect();
    assert_eq!(section(&q1, "committed"), committed);
    // Nine contributions in Q1 from six named contributors and one anonymous
    // gift; in Q2 the voided one counts nowhere.
    assert_eq!(
        [
            "contributions",
            "named contributors",
            "anonymous contributions"
        ]
        .map(|i| count(&q1, i)),
        [9, 6, 1]
    );
    assert_eq!(
        [
            "contributions",
            "named contributors",
            "anonymous contributions"
        ]
        .map(|i| count(&q2, i)),
        [4, 2, 1]
    );
    assert_eq!(
        [
            "grants applied for",
            "grants approved",
            "grants rejected",
            "grants withdrawn",
            "grants with a payment",
            "grants closed"
        ]
        .map(|i| (count(&q1, i), count(&q2, i))),
        [(2, 1), (2, 0), (0, 1), (0, 0), (1, 2), (0, 1)]
    );
    // The void nets to nothing within May, so no housing inflow shows.
    let may = summary_flows(&csv_of(&fund, "report summary --period 2026-05"));
    assert!(
        !may.keys().any(|k| k[0] == "inflow" && k[3] == "housing"),
        "{may:?}"
    );
    // The opening balance is other equity; interest is other income.
    let q1_flows = summary_flows(&q1);
    assert_eq!(
        q1_flows.get(&["within", "other equity", "", "general", "USD"].map(String::from)),
        Some(&dec("50.00"))
    );
    let q2_flows = summary_flows(&q2);
    assert_eq!(
        q2_flows.get(
            &[
                "inflow",
                "other income",
                "income:interest",
                "general",
                "USD"
            ]
            .map(String::from)
        ),
        Some(&dec("1.20"))
    );
}

#[test]
fn closings_agree_with_pool_show_pool_list_and_the_balance() {
    let fund = barrio();
    for day in [
        "2026-01-31",
        "2026-02-15",
        "2026-03-31",
        "2026-04-20",
        "2026-06-30",
    ] {
        let summary = csv_of(
            &fund,
            &format!("report summary --from 2026-01-01 --to {day}"),
        );
        let closing = section(&summary, "closing");
        // report pools --as-of DAY.
        let pools = csv_of(&fund, &format!("report pools --as-of {day}"));
        let from_pools: BTreeMap<_, _> =
            pools.iter().map(|r| (key(r), num(r, "closing"))).collect();
        assert_eq!(nonzero(from_pools), closing, "report pools --as-of {day}");
        // pool show POOL --as-of DAY, for every pool.
        let mut shown = BTreeMap::new();
        for pool in ["general", "housing", "food"] {
            for r in csv_of(&fund, &format!("pool show {pool} --as-of {day}")) {
                add(&mut shown, key(&r), num(&r, "held"));
                let committed = pools
                    .iter()
                    .find(|p| key(p) == key(&r))
                    .map_or(Decimal::ZERO, |p| num(p, "committed"));
                assert_eq!(
                    num(&r, "committed"),
                    committed,
                    "pool show {pool} --as-of {day}"
                );
            }
        }
        assert_eq!(nonzero(shown), closing, "pool show --as-of {day}");
        // pool list --as-of DAY: "98.00 EUR, 1030.00 USD".
        let mut listed = BTreeMap::new();
        for r in csv_of(&fund, &format!("pool list --as-of {day}")) {
            for holding in field(&r, "held").split(", ").filter(|h| !h.is_empty()) {
                let (amount, commodity) = holding.split_once(' ').expect("AMOUNT CODE");
                add(
                    &mut listed,
                    (field(&r, "pool").to_owned(), commodity.to_owned()),
                    dec(amount),
                );
            }
        }
        assert_eq!(listed, closing, "pool list --as-of {day}");
        // All pools together hold the fund's net assets.
        let mut per_commodity = BTreeMap::new();
        for ((_, commodity), amount) in &closing {
            add(&mut per_commodity, commodity.clone(), *amount);
        }
        assert_eq!(
            per_commodity,
            net_assets(&fund, day),
            "balance --as-of {day}"
        );
    }
}

#[test]
fn quarters_chain_and_add_up_to_the_half_year_and_the_year() {
    let fund = barrio();
    let q1 = csv_of(&fund, "report summary --period 2026-Q1");
    let q2 = csv_of(&fund, "report summary --period 2026-Q2");
    let half = csv_of(&fund, "report summary --from 2026-01-01 --to 2026-06-30");
    let year = csv_of(&fund, "report summary --period 2026");
    assert_eq!(
        section(&q1, "closing"),
        section(&q2, "opening"),
        "Q1 closing = Q2 opening"
    );
    assert_eq!(
        section(&q1, "opening"),
        BTreeMap::new(),
        "nothing before 2026"
    );
    let mut both = summary_flows(&q1);
    for (k, v) in summary_flows(&q2) {
        add(&mut both, k, v);
    }
    assert_eq!(
        summary_flows(&half),
        nonzero(both.clone()),
        "Q1 + Q2 flows = half year"
    );
    assert_eq!(
        summary_flows(&year),
        nonzero(both),
        "Q1 + Q2 flows = the year"
    );
    assert_eq!(section(&year, "closing"), section(&q2, "closing"));
    // Months add up to their quarter as well.
    let mut months = BTreeMap::new();
    for m in ["2026-04", "2026-05", "2026-06"] {
        for (k, v) in summary_flows(&csv_of(&fund, &format!("report summary --period {m}"))) {
            add(&mut months, k, v);
        }
    }
    assert_eq!(
        nonzero(months),
        summary_flows(&q2),
        "April + May + June = Q2"
    );
    // Every contribution and application falls in one quarter.
    for item in [
        "contributions",
        "anonymous contributions",
        "grants applied for",
        "grants closed",
    ] {
        assert_eq!(
            count(&q1, item) + count(&q2, item),
            count(&year, item),
            "{item}"
        );
    }
    // `report pools`: Q1 closing is Q2 opening, and the year's changes are
    // the sums of the quarters'.
    let p1 = csv_of(&fund, "report pools --period 2026-Q1");
    let p2 = csv_of(&fund, "report pools --period 2026-Q2");
    let py = csv_of(&fund, "report pools --period 2026");
    for r in &p2 {
        let before = p1.iter().find(|p| key(p) == key(r));
        assert_eq!(
            before.map_or(Decimal::ZERO, |p| num(p, "closing")),
            num(r, "opening"),
            "{r:?}"
        );
    }
    for column in [
        "contributions",
        "moved_in",
        "moved_out",
        "spent",
        "converted",
        "other",
    ] {
        let mut quarters = BTreeMap::new();
        for r in p1.iter().chain(&p2) {
            add(&mut quarters, key(r), num(r, column));
        }
        let mut whole = BTreeMap::new();
        for r in &py {
            add(&mut whole, key(r), num(r, column));
        }
        assert_eq!(nonzero(whole), nonzero(quarters), "report pools {column}");
    }
}

#[test]
fn grants_paid_agree_with_the_register_and_the_expense_accounts() {
    let fund = barrio();
    // (span, the eve of its first day, its last day)
    for (span, eve, last) in [
        ("--period 2026-Q1", None, "2026-03-31"),
        ("--period 2026-Q2", Some("2026-03-31"), "2026-06-30"),
        ("--period 2026-04", Some("2026-03-31"), "2026-04-30"),
        (
            "--from 2026-03-15 --to 2026-04-10",
            Some("2026-03-14"),
            "2026-04-10",
        ),
        ("--period 2026", None, "2026-12-31"),
    ] {
        let summary = csv_of(&fund, &format!("report summary {span}"));
        let mut paid = BTreeMap::new();
        for r in summary.iter().filter(|r| field(r, "item") == "grants paid") {
            add(&mut paid, field(r, "detail").to_owned(), num(r, "amount"));
        }
        // The register at the end less the register at the eve: tranches
        // paid less money returned, per category.
        let register = |to: &str| -> BTreeMap<String, Row> {
            csv_of(&fund, &format!("report grants --from 2026-01-01 --to {to}"))
                .into_iter()
                .map(|r| (field(&r, "grant").to_owned(), r))
                .collect()
        };
        let after = register(last);
        let before = eve.map(register).unwrap_or_default();
        let mut from_register = BTreeMap::new();
        for (grant, r) in &after {
            let was = |column| before.get(grant).map_or(Decimal::ZERO, |b| num(b, column));
            let net = num(r, "paid") - was("paid") - (num(r, "returned") - was("returned"));
            add(&mut from_register, field(r, "category").to_owned(), net);
        }
        assert_eq!(nonzero(from_register), paid, "{span}: register");
        // The expense accounts moved by as much.
        let mut moved = BTreeMap::new();
        let start = eve.map(|e| balances(&fund, e)).unwrap_or_default();
        for ((account, _), amount) in balances(&fund, last) {
            if let Some(category) = account.strip_prefix("expenses:grants:") {
                let was = start
                    .get(&(account.clone(), "USD".to_owned()))
                    .copied()
                    .unwrap_or_default();
                add(&mut moved, category.to_owned(), amount - was);
            }
        }
        assert_eq!(nonzero(moved), paid, "{span}: expenses:grants balances");
    }
    let q2 = csv_of(&fund, "report summary --period 2026-Q2");
    let paid: Vec<(String, String, Decimal)> = q2
        .iter()
        .filter(|r| field(r, "item") == "grants paid")
        .map(|r| {
            (
                field(r, "detail").to_owned(),
                field(r, "pool").to_owned(),
                num(r, "amount"),
            )
        })
        .collect();
    assert_eq!(
        paid,
        [
            ("food".to_owned(), "food".to_owned(), dec("150.00")),
            ("rent".to_owned(), "housing".to_owned(), dec("250.00")),
        ],
        "300 paid less 50 returned for rent"
    );
}

#[test]
fn budget_actuals_are_the_outflows_of_their_categories() {
    let fund = barrio();
    for span in [
        "--period 2026-Q1",
        "--period 2026-Q2",
        "--period 2026",
        "--period 2026-05",
    ] {
        let budget = csv_of(&fund, &format!("report budget {span}"));
        let summary = csv_of(&fund, &format!("report summary {span}"));
        // Every outflow is in exactly one budget row.
        let mut spent = BTreeMap::new();
        for r in summary.iter().filter(|r| field(r, "section") == "outflow") {
            add(&mut spent, key(r), num(r, "amount"));
        }
        let mut actual = BTreeMap::new();
        for r in &budget {
            add(&mut actual, key(r), num(r, "actual"));
            if !field(r, "budget").is_empty() {
                assert_eq!(
                    num(r, "budget") - num(r, "actual"),
                    num(r, "difference"),
                    "{r:?}"
                );
            }
        }
        assert_eq!(nonzero(actual), spent, "{span}: budget actuals = outflows");
    }
    let year: Vec<Vec<String>> = csv_of(&fund, "report budget --period 2026")
        .iter()
        .map(|r| {
            [
                "period",
                "pool",
                "category",
                "commodity",
                "budget",
                "actual",
                "difference",
                "used_percent",
            ]
            .map(|c| field(r, c).to_owned())
            .to_vec()
        })
        .collect();
    let expected: Vec<Vec<String>> = [
        // Q1 rent: the first tranche of G-0001 (its second is in Q2).
        [
            "2026-Q1", "housing", "rent", "USD", "600.00", "300.00", "300.00", "50.0",
        ],
        // operations covers expenses:operations:printing (40 in May).
        [
            "2026-Q2",
            "general",
            "operations",
            "USD",
            "50.00",
            "40.00",
            "10.00",
            "80.0",
        ],
        [
            "2026-Q2", "food", "food", "USD", "200.00", "150.00", "50.00", "75.0",
        ],
        // What no budget covers, for the whole year.
        [
            "2026",
            "food",
            "in-kind:distributed",
            "KG-RICE",
            "",
            "30",
            "",
            "",
        ],
        [
            "2026",
            "general",
            "in-kind:legal-assistance",
            "HOURS",
            "",
            "18.5",
            "",
            "",
        ],
        [
            "2026",
            "general",
            "operations:printing",
            "USD",
            "",
            "25.00",
            "",
            "",
        ],
        [
            "2026",
            "housing",
            "fees:exchange",
            "EUR",
            "",
            "2.00",
            "",
            "",
        ],
        ["2026", "housing", "rent", "USD", "", "250.00", "", ""],
    ]
    .iter()
    .map(|r| r.map(str::to_owned).to_vec())
    .collect();
    assert_eq!(year, expected);
    // A budget's period must lie within the report's span.
    let march = csv_of(&fund, "report budget --period 2026-03");
    assert!(
        march.iter().all(|r| field(r, "budget").is_empty()),
        "{march:?}"
    );
}

#[test]
fn conversions_name_their_rate_and_totals_add_up() {
    let fund = barrio();
    // (span, the EUR rate in force on its last day, how it is described)
    for (span, rate, how) in [
        (
            "--period 2026-Q1",
            "1.08",
            "1 EUR = 1.08 USD (2026-03-01, ECB)",
        ),
        (
            "--period 2026-Q2",
            "1.10",
            "1 EUR = 1.1 USD (2026-06-30, ECB)",
        ),
        ("--period 2026", "1.10", "1 EUR = 1.1 USD (2026-06-30, ECB)"),
    ] {
        let rows = csv_of(&fund, &format!("report summary {span} --in USD"));
        let plain = csv_of(&fund, &format!("report summary {span}"));
        let without_totals: Vec<&Row> = rows
            .iter()
            .filter(|r| field(r, "item") != "total")
            .collect();
        assert_eq!(
            without_totals.len(),
            plain.len(),
            "{span}: --in only adds totals"
        );
        let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
        for r in &rows {
            let s = field(r, "section").to_owned();
            if field(r, "item") == "total" {
                assert_eq!(
                    (
                        field(r, "pool"),
                        field(r, "commodity"),
                        field(r, "conversion")
                    ),
                    ("all", "USD", "sum of the converted amounts above, in USD"),
                    "{span}"
                );
                assert!(
                    totals.insert(s, num(r, "converted")).is_none(),
                    "one total per section"
                );
                continue;
            }
            if ["count", "period"].contains(&field(r, "section")) {
                assert_eq!(field(r, "converted"), "", "{r:?}");
                continue;
            }
            let amount = num(r, "amount");
            match field(r, "commodity") {
                "USD" => {
                    assert_eq!(num(r, "converted"), amount, "{r:?}");
                    assert_eq!(field(r, "conversion"), "", "{r:?}");
                }
                "EUR" => {
                    assert_eq!(num(r, "converted"), round(amount * dec(rate), 2), "{r:?}");
                    assert_eq!(field(r, "conversion"), how, "{r:?}");
                }
                _ => {
                    assert_eq!(field(r, "converted"), "", "{r:?}");
                    assert_eq!(field(r, "conversion"), "in kind, no rate to USD", "{r:?}");
                }
            }
            if !field(r, "converted").is_empty() {
                add(&mut sums, s, num(r, "converted"));
            }
        }
        sums.remove("within");
        assert_eq!(totals, sums, "{span}: each total is the sum of its section");
        assert!(
            !totals.contains_key("within") && totals.contains_key("closing"),
            "{totals:?}"
        );
    }
    // The other way round: dollars divided by the EUR→USD rate.
    let q2 = csv_of(&fund, "report summary --period 2026-Q2 --in EUR");
    let usd_closing = q2
        .iter()
        .find(|r| {
            field(r, "section") == "closing" && key(r) == ("housing".to_owned(), "USD".to_owned())
        })
        .expect("housing holds dollars");
    assert_eq!(
        (
            field(usd_closing, "converted"),
            field(usd_closing, "conversion")
        ),
        ("709.09", "1 EUR = 1.1 USD (2026-06-30, ECB), divided"),
        "780.00 / 1.1 = 709.0909…"
    );
    // report pools converts each closing with the same rate.
    for r in csv_of(&fund, "report pools --period 2026-Q2 --in USD") {
        match field(&r, "commodity") {
            "USD" => assert_eq!(num(&r, "closing_in"), num(&r, "closing")),
            "EUR" => {
                assert_eq!(
                    num(&r, "closing_in"),
                    round(num(&r, "closing") * dec("1.10"), 2)
                );
                assert_eq!(field(&r, "conversion"), "1 EUR = 1.1 USD (2026-06-30, ECB)");
            }
            _ => assert_eq!(
                (field(&r, "closing_in"), field(&r, "conversion")),
                ("", "in kind, no rate to USD")
            ),
        }
    }
    // report budget converts budget and actual.
    for r in csv_of(&fund, "report budget --period 2026 --in USD") {
        if field(&r, "commodity") == "EUR" {
            assert_eq!(
                num(&r, "actual_in"),
                round(num(&r, "actual") * dec("1.10"), 2)
            );
            assert_eq!(field(&r, "conversion"), "1 EUR = 1.1 USD (2026-06-30, ECB)");
        } else if field(&r, "commodity") == "USD" {
            assert_eq!(num(&r, "actual_in"), num(&r, "actual"));
            if !field(&r, "budget").is_empty() {
                assert_eq!(num(&r, "budget_in"), num(&r, "budget"));
            }
        }
    }
    // Lower-case codes are fine.
    assert_eq!(
        fund.ok(&["report", "summary", "--period", "2026-Q2", "--in", "usd"]),
        fund.ok(&["report", "summary", "--period", "2026-Q2", "--in", "USD"])
    );
}

#[test]
fn a_conversion_uses_the_latest_rate_in_either_direction() {
    let fund = Fund::init(Some("USD"));
    run_all(
        &fund,
        &[
            "account add assets:bank:eur",
            "contribute 100.00 EUR --anonymous --into assets:bank:eur --date 2026-01-10",
            "rate add 2026-01-01 EUR USD 1.08 --source ECB",
            "rate add 2026-05-01 USD EUR 0.80 --source bank",
        ],
    );
    let converted = |span: &str| -> (String, String) {
        let rows = csv_of(&fund, &format!("report pools {span} --in USD"));
        assert_eq!(rows.len(), 1, "{rows:?}");
        (
            field(&rows[0], "closing_in").to_owned(),
            field(&rows[0], "conversion").to_owned(),
        )
    };
    // Before May only the EUR→USD rate exists.
    assert_eq!(
        converted("--period 2026-04"),
        (
            "108.00".to_owned(),
            "1 EUR = 1.08 USD (2026-01-01, ECB)".to_owned()
        )
    );
    // From May the USD→EUR rate is the newer one: 100 / 0.80.
    assert_eq!(
        converted("--period 2026-05"),
        (
            "125.00".to_owned(),
            "1 USD = 0.8 EUR (2026-05-01, bank), divided".to_owned()
        )
    );
    // A newer rate in the direct direction takes over again.
    fund.ok(&words("rate add 2026-06-01 EUR USD 1.20 --source ECB"));
    assert_eq!(
        converted("--period 2026-06"),
        (
            "120.00".to_owned(),
            "1 EUR = 1.2 USD (2026-06-01, ECB)".to_owned()
        )
    );
    // Both directions on the same day: the direct one; no source, none named.
    run_all(
        &fund,
        &[
            "rate add 2026-07-01 USD EUR 0.50",
            "rate add 2026-07-01 EUR USD 1.25",
        ],
    );
    assert_eq!(
        converted("--period 2026-07"),
        (
            "125.00".to_owned(),
            "1 EUR = 1.25 USD (2026-07-01)".to_owned()
        )
    );
}

#[test]
fn money_no_longer_held_needs_no_rate() {
    let fund = Fund::init(Some("USD"));
    run_all(
        &fund,
        &[
            "account add assets:eur",
            "account add assets:usd",
            "contribute 100 EUR --anonymous --into assets:eur --date 2026-01-05",
            "exchange 100 EUR --to-amount 108 USD --from-account assets:eur --to-account assets:usd --date 2026-01-06",
        ],
    );
    // In February the general pool holds no euros: its EUR row converts to
    // nothing without a rate.
    expect(
        &fund,
        &["report", "pools", "--period", "2026-02", "--in", "USD", "--format", "csv"],
        "\
pool,commodity,opening,contributions,moved_in,moved_out,spent,converted,other,closing,committed,available,closing_in,conversion
general,EUR,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,
general,USD,108.00,0.00,0.00,0.00,0.00,0.00,0.00,108.00,0.00,108.00,108.00,
",
    );
    // January's summary converts euros that moved: that needs a rate.
    fund.fail(
        &["report", "summary", "--period", "2026-01", "--in", "USD"],
        &["no rate between EUR and USD recorded on or before 2026-01-31"],
    );
}

// ---------------------------------------------------------------------------
// A small case, every figure by hand
// ---------------------------------------------------------------------------

/// February 2026 in a small fund: Ana gave 400.00 USD to `rent` and an
/// anonymous gift of 100.00 USD went to the general pool in January; in
/// February Cy (pseudonymous) applied for 300.00 USD of rent, Ana and Beto
/// consented, it was paid 200.00 and 180.00 was reported spent; Dee
/// (anonymous) gave 50.00 USD to `rent`; bank fees of 5.00 USD came out of
/// the general pool; budgets of 300.00 for rent and 4.00 for operations.
fn small() -> Fund {
    let fund = Fund::init(Some("USD"));
    run_all(
        &fund,
        &[
            "account add assets:bank",
            "account add expenses:operations:bank",
            "setting set contribution-account assets:bank",
            "pool add rent --purpose \"Rent relief\"",
            "member add Ana",
            "member add Beto",
            "member add Cy --visibility pseudonymous",
            "member add Dee --visibility anonymous",
            "role assign Ana steward --from 2026-01-01",
            "role assign Beto steward --from 2026-01-01",
            "policy set rent --rule consent --min-consents 2 --window 72h --at 2026-01-02",
            "contribute 400.00 USD --from Ana --pool rent --date 2026-01-05",
            "contribute 100.00 USD --anonymous --date 2026-01-06",
            "grant apply --applicant Cy --pool rent --amount 300 USD --purpose \"February rent\" --category rent --at 2026-02-01T10:00",
            "grant vote G-0001 consent --as Ana --at 2026-02-01T12:00",
            "grant vote G-0001 consent --as Beto --at 2026-02-02T10:00",
            "grant decide G-0001 --at 2026-02-02T10:00",
            "grant pay G-0001 200 USD --from-account assets:bank --at 2026-02-05T09:00",
            "post \"Bank fees\" --date 2026-02-10 -p \"expenses:operations:bank=5.00 USD\" -p assets:bank",
            "contribute 50.00 USD --from Dee --pool rent --date 2026-02-15",
            "grant spend G-0001 180 USD --category rent --receipt R-1 --at 2026-02-20T09:00",
            "budget set rent rent 300 USD --period 2026-02",
            "budget set general operations 4 USD --period 2026-02",
        ],
    );
    clean(&fund);
    fund
}

#[test]
fn a_small_summary_by_hand() {
    let fund = small();
    expect(
        &fund,
        &[
            "report", "summary", "--period", "2026-02", "--format", "csv",
        ],
        "\
section,item,detail,pool,commodity,amount,count,converted,conversion
opening,opening,,general,USD,100.00,,,
opening,opening,,rent,USD,400.00,,,
inflow,contributions,,rent,USD,50.00,,,
outflow,grants paid,rent,rent,USD,200.00,,,
outflow,operating costs,expenses:operations:bank,general,USD,5.00,,,
closing,closing,,general,USD,95.00,,,
closing,closing,,rent,USD,250.00,,,
committed,committed,,rent,USD,100.00,,,
count,contributions,,,,,1,,
count,named contributors,,,,,1,,
count,anonymous contributions,,,,,0,,
count,grants applied for,,,,,1,,
count,grants approved,,,,,1,,
count,grants rejected,,,,,0,,
count,grants withdrawn,,,,,0,,
count,grants with a payment,,,,,1,,
count,grants closed,,,,,0,,
period,open,The books of 2026-02 are not closed: entries dated in it can still be added.,,,,,,
",
    );
    let json = fund.ok(&[
        "report", "summary", "--period", "2026-02", "--format", "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(18));
    assert_eq!(
        rows[3],
        serde_json::json!({
            "section": "outflow", "item": "grants paid", "detail": "rent", "pool": "rent",
            "commodity": "USD", "amount": "200.00", "count": null, "converted": null,
            "conversion": ""
        })
    );
    assert_eq!(
        rows[8],
        serde_json::json!({
            "section": "count", "item": "contributions", "detail": "", "pool": "",
            "commodity": "", "amount": null, "count": 1, "converted": null, "conversion": ""
        })
    );
    let table = fund.ok(&["report", "summary", "--period", "2026-02"]);
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("Summary for 2026-02 (2026-02-01 to 2026-02-28)")
    );
    assert!(
        lines.next().is_some_and(|l| l.starts_with("section ")),
        "{table}"
    );
    assert!(table.contains("expenses:operations:bank"), "{table}");
    // A free span is named by its days; January holds only the gifts.
    expect(
        &fund,
        &[
            "report",
            "summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--format",
            "csv",
        ],
        "\
section,item,detail,pool,commodity,amount,count,converted,conversion
inflow,contributions,,general,USD,100.00,,,
inflow,contributions,,rent,USD,400.00,,,
closing,closing,,general,USD,100.00,,,
closing,closing,,rent,USD,400.00,,,
count,contributions,,,,,2,,
count,named contributors,,,,,1,,
count,anonymous contributions,,,,,1,,
count,grants applied for,,,,,0,,
count,grants approved,,,,,0,,
count,grants rejected,,,,,0,,
count,grants withdrawn,,,,,0,,
count,grants with a payment,,,,,0,,
count,grants closed,,,,,0,,
period,open,The books of 2026-01-01 to 2026-01-31 are not closed: entries dated in it can still be added.,,,,,,
",
    );
    let free = fund.ok(&[
        "report",
        "summary",
        "--from",
        "2026-02-03",
        "--to",
        "2026-02-17",
    ]);
    assert_eq!(
        free.lines().next(),
        Some("Summary for 2026-02-03 to 2026-02-17")
    );
}

#[test]
fn small_pools_grants_and_budget_by_hand() {
    let fund = small();
    expect(
        &fund,
        &["report", "pools", "--period", "2026-02", "--format", "csv"],
        "\
pool,commodity,opening,contributions,moved_in,moved_out,spent,converted,other,closing,committed,available,closing_in,conversion
general,USD,100.00,0.00,0.00,0.00,5.00,0.00,0.00,95.00,0.00,95.00,,
rent,USD,400.00,50.00,0.00,0.00,200.00,0.00,0.00,250.00,100.00,150.00,,
",
    );
    let pools = fund.ok(&["report", "pools", "--period", "2026-02"]);
    assert_eq!(
        pools.lines().next(),
        Some("Pools for 2026-02 (2026-02-01 to 2026-02-28)")
    );
    // --as-of: from the first day of the books to that day.
    let as_of = fund.ok(&["report", "pools", "--as-of", "2026-02-04"]);
    assert_eq!(
        as_of.lines().next(),
        Some("Pools for 2026-01-05 to 2026-02-04")
    );
    expect(
        &fund,
        &["report", "pools", "--as-of", "2026-02-04", "--format", "csv"],
        "\
pool,commodity,opening,contributions,moved_in,moved_out,spent,converted,other,closing,committed,available,closing_in,conversion
general,USD,0.00,100.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,100.00,,
rent,USD,0.00,400.00,0.00,0.00,0.00,0.00,0.00,400.00,300.00,100.00,,
",
    );

    // The register: Cy applied 2026-02-01 10:00, decided a day later,
    // first paid three days after the decision; no one had to recuse.
    expect(
        &fund,
        &["report", "grants", "--period", "2026-02", "--format", "csv"],
        "\
grant,applicant,pool,category,commodity,requested,approved,paid,spent,returned,status,rule,consents,objections,abstentions,recused,applied,decided,days_to_decision,days_to_first_payment
G-0001,Cy,rent,rent,USD,300.00,300.00,200.00,180.00,0.00,approved,\"consent (2 consents, no objection)\",2,0,0,0,2026-02-01 10:00,2026-02-02 10:00,1.0,3
",
    );
    let json = fund.ok(&[
        "report", "grants", "--period", "2026-02", "--format", "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        rows,
        serde_json::json!([{
            "grant": "G-0001", "applicant": "Cy", "pool": "rent", "category": "rent",
            "commodity": "USD", "requested": "300.00", "approved": "300.00", "paid": "200.00",
            "spent": "180.00", "returned": "0.00", "status": "approved",
            "rule": "consent (2 consents, no objection)", "consents": 2, "objections": 0,
            "abstentions": 0, "recused": 0, "applied": "2026-02-01 10:00",
            "decided": "2026-02-02 10:00", "days_to_decision": "1.0", "days_to_first_payment": 3
        }])
    );
    // As it stood at the end of its first day: open, votes so far.
    expect(
        &fund,
        &["report", "grants", "--from", "2026-02-01", "--to", "2026-02-01", "--format", "csv"],
        "\
grant,applicant,pool,category,commodity,requested,approved,paid,spent,returned,status,rule,consents,objections,abstentions,recused,applied,decided,days_to_decision,days_to_first_payment
G-0001,Cy,rent,rent,USD,300.00,0.00,0.00,0.00,0.00,open,\"consent (2 consents, no objection)\",1,0,0,0,2026-02-01 10:00,,,
",
    );
    // Before it was applied for, the register is empty.
    assert_eq!(
        csv_of(&fund, "report grants --period 2026-01"),
        Vec::<Row>::new()
    );
    let grants = fund.ok(&["report", "grants", "--period", "2026-02"]);
    assert_eq!(
        grants.lines().next(),
        Some("Grants for 2026-02 (2026-02-01 to 2026-02-28)")
    );

    // Budget: 200 of 300 for rent; 5.00 of 4.00 for operations, overspent.
    expect(
        &fund,
        &["report", "budget", "--period", "2026-02", "--format", "csv"],
        "\
period,pool,category,commodity,budget,actual,difference,used_percent,budget_in,actual_in,conversion
2026-02,rent,rent,USD,300.00,200.00,100.00,66.7,,,
2026-02,general,operations,USD,4.00,5.00,-1.00,125.0,,,
",
    );
    expect(
        &fund,
        &["report", "budget", "--period", "2026-02"],
        "\
Budget for 2026-02 (2026-02-01 to 2026-02-28)
period   pool     category    commodity  budget  actual  difference  used_percent  budget_in  actual_in  conversion
-------  -------  ----------  ---------  ------  ------  ----------  ------------  ---------  ---------  ----------
2026-02  rent     rent        USD        300.00  200.00      100.00          66.7
2026-02  general  operations  USD          4.00    5.00       -1.00         125.0
",
    );
    let json = fund.ok(&[
        "report", "budget", "--period", "2026-Q1", "--format", "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(rows[1]["difference"], "-1.00");
    assert_eq!(rows[1]["used_percent"], "125.0");
    assert_eq!(rows[1]["budget_in"], serde_json::Value::Null);
    // In March nothing was spent and no budget applies.
    assert_eq!(
        csv_of(&fund, "report budget --period 2026-03"),
        Vec::<Row>::new()
    );
}

#[test]
fn budgets_are_set_replaced_and_listed() {
    let fund = small();
    let list = |fund: &Fund| -> Vec<[String; 5]> {
        csv_of(fund, "budget list")
            .iter()
            .map(|r| {
                ["period", "pool", "category", "commodity", "amount"]
                    .map(|c| field(r, c).to_owned())
            })
            .collect()
    };
    let as_rows = |rows: &[[&str; 5]]| -> Vec<[String; 5]> {
        rows.iter().map(|r| r.map(str::to_owned)).collect()
    };
    assert_eq!(
        list(&fund),
        as_rows(&[
            ["2026-02", "general", "operations", "USD", "4.00"],
            ["2026-02", "rent", "rent", "USD", "300.00"],
        ])
    );
    expect(
        &fund,
        &[
            "budget",
            "set",
            "general",
            "Operations",
            "6.50",
            "USD",
            "--period",
            "2026-02",
        ],
        "budget replaced for general, operations in 2026-02: 6.50 USD\n",
    );
    expect(
        &fund,
        &[
            "budget", "set", "rent", "rent", "900", "USD", "--period", "2026-q1",
        ],
        "budget set for rent, rent in 2026-Q1: 900 USD\n",
    );
    clean(&fund);
    assert_eq!(
        list(&fund),
        as_rows(&[
            ["2026-02", "general", "operations", "USD", "6.50"],
            ["2026-02", "rent", "rent", "USD", "300.00"],
            ["2026-Q1", "rent", "rent", "USD", "900.00"],
        ])
    );
    // The report uses the budget in force; the quarter's budget covers the
    // February spending too.
    expect(
        &fund,
        &["report", "budget", "--period", "2026-Q1", "--format", "csv"],
        "\
period,pool,category,commodity,budget,actual,difference,used_percent,budget_in,actual_in,conversion
2026-02,rent,rent,USD,300.00,200.00,100.00,66.7,,,
2026-02,general,operations,USD,6.50,5.00,1.50,76.9,,,
2026-Q1,rent,rent,USD,900.00,200.00,700.00,22.2,,,
",
    );
    let set_at = csv_of(&fund, "budget list");
    assert!(
        set_at
            .iter()
            .all(|r| field(r, "set_at").len() == "2026-01-01 00:00:00".len()),
        "{set_at:?}"
    );
}

// ---------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------

/// A fund built for the metrics, over Q1 and Q2 of 2026 (the steward limit
/// is 6 months):
/// - Q1: Gus 300 and Hana 100 USD; 4.0 HOURS from Juan.
/// - Q2: Gus 200 + 200, Hana 200 + 50, Ivo 150, Juan 50, two anonymous
///   gifts of 75 (1000.00 USD in all); Ivo 25 EUR and 175 EUR from
///   someone anonymous; 12.5 HOURS and 30 KG-RICE from Juan.
/// - Hana pledged 100 USD a month from January to June.
/// - Stewards: Ana from 2025-10-01 (open-ended), Beto for Q1 only, Carla
///   from April.
/// - Five grants to Gina (lazy consensus), decided 1.0, 2.0, 3.5, 4.0 and
///   10.0 days after application; Ana consented to the first. The first two
///   are paid 3 and 8 days after their decisions; 25.00 USD of bank fees.
fn metrics_fund() -> Fund {
    let fund = Fund::init(Some("USD"));
    run_all(
        &fund,
        &[
            "account add assets:bank",
            "account add assets:bank:eur",
            "account add expenses:operations:bank",
            "setting set contribution-account assets:bank",
            "setting set max-term-months.steward 6",
            "commodity add HOURS --decimals 1",
            "commodity add KG-RICE --decimals 0",
            "pool add aid --purpose \"Mutual aid\"",
            "member add Ana",
            "member add Beto",
            "member add Carla",
            "member add Gina",
            "member add Gus",
            "member add Hana",
            "member add Ivo",
            "member add Juan",
            "role assign Ana steward --from 2025-10-01",
            "role assign Beto steward --from 2026-01-01 --until 2026-03-31",
            "role assign Carla steward --from 2026-04-01",
            "pledge add Hana 100 USD --every month --from 2026-01-01 --until 2026-06-30",
            "contribute 300 USD --from Gus --pool aid --date 2026-01-10",
            "contribute 100 USD --from Hana --pool aid --date 2026-01-20",
            "contribute 4.0 HOURS --from Juan --kind legal-assistance --date 2026-02-01",
            "policy set aid --rule lazy --window 24h --max-amount 1000 USD --at 2026-03-01",
            "contribute 200 USD --from Gus --pool aid --date 2026-04-02",
            "contribute 200 USD --from Hana --pool aid --date 2026-04-03",
            "contribute 75 USD --anonymous --pool aid --date 2026-04-04",
            "contribute 75 USD --anonymous --pool aid --date 2026-04-05",
            "contribute 150 USD --from Ivo --date 2026-04-06",
            "contribute 50 USD --from Juan --date 2026-04-07",
            "contribute 25 EUR --from Ivo --into assets:bank:eur --date 2026-04-08",
            "contribute 175 EUR --anonymous --into assets:bank:eur --date 2026-04-09",
            "contribute 200 USD --from Gus --date 2026-05-02",
            "contribute 12.5 HOURS --from Juan --kind legal-assistance --date 2026-05-05",
            "contribute 30 KG-RICE --from Juan --date 2026-05-06",
            "contribute 50 USD --from Hana --pool aid --date 2026-06-03",
            "rate add 2026-03-01 EUR USD 1.10",
            "grant apply --applicant Gina --pool aid --amount 50 USD --purpose one --category rent --at 2026-04-01T09:00",
            "grant vote G-0001 consent --as Ana --at 2026-04-01T10:00",
            "grant decide G-0001 --at 2026-04-02T09:00",
            "grant apply --applicant Gina --pool aid --amount 50 USD --purpose two --category rent --at 2026-04-01T09:00",
            "grant decide G-0002 --at 2026-04-03T09:00",
            "grant apply --applicant Gina --pool aid --amount 50 USD --purpose three --category rent --at 2026-04-10T00:00",
            "grant decide G-0003 --at 2026-04-13T12:00",
            "grant apply --applicant Gina --pool aid --amount 50 USD --purpose four --category rent --at 2026-04-10T00:00",
            "grant decide G-0004 --at 2026-04-14T00:00",
            "grant apply --applicant Gina --pool aid --amount 50 USD --purpose five --category rent --at 2026-04-20T00:00",
            "grant decide G-0005 --at 2026-04-30T00:00",
            "grant pay G-0001 50 USD --from-account assets:bank --at 2026-04-05T10:00",
            "grant pay G-0002 50 USD --from-account assets:bank --at 2026-04-11T10:00",
            "post \"Bank fees\" --date 2026-05-31 -p \"expenses:operations:bank=25.00 USD\" -p assets:bank",
        ],
    );
    clean(&fund);
    fund
}

#[test]
fn metrics_by_hand_against_the_previous_quarter() {
    let fund = metrics_fund();
    // Q2 dollars: Gus 400, Hana 250, Ivo 150, two anonymous 75, Juan 50 of
    // 1000: the top one 40 %, the top five 950 of 1000, and the index
    // 0.16 + 0.0625 + 0.0225 + 2 × 0.005625 + 0.0025 = 0.25875 (0.2588).
    // Q1: 300 and 100 of 400: 75 %, 0.5625 + 0.0625 = 0.6250. Euros: 175
    // and 25 of 200: 87.5 %, 0.765625 + 0.015625 = 0.78125, which rounds
    // half to even to 0.7812 (half up would give 0.7813). Money out in Q2:
    // 100.00 of grants, 25.00 of fees.
    // Decisions 1.0, 2.0, 3.5, 4.0, 10.0 days: median 3.5, 90th percentile
    // (nearest rank 5 of 5) 10.0; first payments 3 and 8 days: median 5.5,
    // 90th percentile (rank 2 of 2) 8.0. One vote (Ana's) of two eligible
    // stewards (Ana and Carla) at each of five decisions. Hana's pledge: Q1
    // 100 of 300 (33.3 %); Q2 April 200 counts as 100, May 0, June 50: 150
    // of 300. Ana's open-ended term from 2025-10-01 passes six months on
    // 2026-04-01: past the limit at the end of Q2 but not of Q1.
    expect(
        &fund,
        &["report", "metrics", "--period", "2026-Q2", "--format", "csv"],
        "\
metric,commodity,unit,value,previous,change,basis
top contributor share,EUR,percent,87.5,,,2 contributors
top 5 contributors share,EUR,percent,100.0,,,2 contributors
herfindahl index,EUR,index,0.7812,,,2 contributors
top contributor share,USD,percent,40.0,75.0,-35.0,6 contributors
top 5 contributors share,USD,percent,95.0,100.0,-5.0,6 contributors
herfindahl index,USD,index,0.2588,0.6250,-0.3662,6 contributors
grants share of money out,USD,percent,80.0,,,125.00 of money out
operating costs share of money out,USD,percent,20.0,,,125.00 of money out
median days to decision,,days,3.5,,,5 decisions
90th percentile days to decision,,days,10.0,,,5 decisions
median days to first payment,,days,5.5,,,2 first payments
90th percentile days to first payment,,days,8.0,,,2 first payments
participation,,percent,10.0,,,1 vote of 10 eligible at 5 decisions
goods in kind received,KG-RICE,amount,30,,,
services in kind received,HOURS,amount,12.5,4.0,8.5,
pledge fulfilment,USD,percent,50.0,33.3,16.7,3 pledge periods (a period counts up to what was pledged)
role terms past the limit,,count,1,0,1,2 terms held
",
    );
    let table = fund.ok(&["report", "metrics", "--period", "2026-Q2"]);
    assert_eq!(
        table.lines().next(),
        Some(
            "Metrics for 2026-Q2 (2026-04-01 to 2026-06-30), against 2026-Q1 (2026-01-01 to 2026-03-31)"
        )
    );
    // Change is always value − previous, where both exist.
    for r in csv_of(&fund, "report metrics --period 2026-Q2") {
        match (field(&r, "value"), field(&r, "previous")) {
            ("", _) | (_, "") => assert_eq!(field(&r, "change"), "", "{r:?}"),
            (v, p) => assert_eq!(num(&r, "change"), dec(v) - dec(p), "{r:?}"),
        }
    }
    // In one currency, Ivo's 25 EUR (27.50 USD at 1.10) joins his dollars
    // and the anonymous 175 EUR (192.50 USD) is a seventh contributor: 400
    // of 1220 for the top contributor.
    let converted = csv_of(&fund, "report metrics --period 2026-Q2 --in USD");
    let top = converted
        .iter()
        .find(|r| field(r, "metric") == "top contributor share")
        .expect("a concentration row");
    assert_eq!(
        [
            field(top, "commodity"),
            field(top, "value"),
            field(top, "basis")
        ],
        ["USD", "32.8", "7 contributors"]
    );
    assert_eq!(
        converted
            .iter()
            .filter(|r| field(r, "metric") == "top contributor share")
            .count(),
        1,
        "one currency, one row"
    );
}

#[test]
fn metrics_of_a_free_span_compare_with_as_many_days_before() {
    let fund = metrics_fund();
    // 2026-04-02 to 2026-04-11 (10 days) against 2026-03-23 to 2026-04-01.
    let table = fund.ok(&[
        "report",
        "metrics",
        "--from",
        "2026-04-02",
        "--to",
        "2026-04-11",
    ]);
    assert_eq!(
        table.lines().next(),
        Some("Metrics for 2026-04-02 to 2026-04-11, against 2026-03-23 to 2026-04-01")
    );
    let rows = csv_of(&fund, "report metrics --from 2026-04-02 --to 2026-04-11");
    let get = |metric: &str| -> [String; 3] {
        let r = rows
            .iter()
            .find(|r| field(r, "metric") == metric)
            .unwrap_or_else(|| panic!("no {metric}"));
        ["value", "previous", "basis"].map(|c| field(r, c).to_owned())
    };
    // G-0001 (1.0) and G-0002 (2.0) were decided in the span; G-0001's
    // first tranche (3 days) and G-0002's (8 days) fall in it.
    assert_eq!(
        get("median days to decision"),
        ["1.5", "", "2 decisions"].map(String::from)
    );
    assert_eq!(
        get("median days to first payment"),
        ["5.5", "", "2 first payments"].map(String::from)
    );
    assert_eq!(
        get("participation"),
        ["25.0", "", "1 vote of 4 eligible at 2 decisions"].map(String::from)
    );
}

// ---------------------------------------------------------------------------
// Audiences
// ---------------------------------------------------------------------------

#[test]
fn the_public_register_never_names_pseudonymous_or_anonymous_applicants() {
    let fund = barrio();
    let applicants = |audience: &str| -> Vec<String> {
        csv_of(
            &fund,
            &format!("report grants --period 2026 --audience {audience}"),
        )
        .iter()
        .map(|r| field(r, "applicant").to_owned())
        .collect()
    };
    let treasurer = applicants("treasurer");
    assert_eq!(treasurer, ["Dario", "Feli", "Elena"]);
    assert_eq!(
        fund.ok(&["report", "grants", "--period", "2026", "--format", "csv"]),
        fund.ok(&[
            "report",
            "grants",
            "--period",
            "2026",
            "--audience",
            "treasurer",
            "--format",
            "csv"
        ]),
        "treasurer is the default"
    );
    // The pseudonyms are the ones `member list` shows the same audience.
    let public_members: Vec<String> = csv_of(&fund, "member list --audience public")
        .iter()
        .map(|r| field(r, "member").to_owned())
        .collect();
    let public = applicants("public");
    assert_eq!(public[0], "Dario");
    for pseudonym in &public[1..] {
        assert!(pseudonym.starts_with("member-"), "{public:?}");
        assert!(
            public_members.contains(pseudonym),
            "{pseudonym} not in {public_members:?}"
        );
    }
    assert_ne!(public[1], public[2]);
    let members = applicants("members");
    assert_eq!(
        (members[0].as_str(), members[2].as_str()),
        ("Dario", "Elena")
    );
    assert_eq!(members[1], public[1], "Feli is anonymous to members too");
    // No format of the public register carries their names, in any period.
    for span in ["--period 2026-Q1", "--period 2026-Q2", "--period 2026"] {
        for format in ["table", "csv", "json"] {
            let args = words(&format!(
                "report grants {span} --audience public --format {format}"
            ));
            let out = fund.ok(&args);
            for name in ["Elena", "Feli"] {
                assert!(!out.contains(name), "{name} in {args:?}:\n{out}");
            }
        }
    }
    // Reports without an audience name nobody at all.
    for report in ["summary", "pools", "budget", "metrics"] {
        for format in ["table", "csv", "json"] {
            let out = fund.ok(&["report", report, "--period", "2026", "--format", format]);
            for name in [
                "Ana", "Bruno", "Carmen", "Dario", "Gus", "Elena", "Feli", "Cocina",
            ] {
                assert!(
                    !out.contains(name),
                    "{name} in report {report} --format {format}:\n{out}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

#[test]
fn bad_periods_and_currencies_are_refused() {
    let fund = barrio();
    for report in ["summary", "pools", "grants", "budget", "metrics"] {
        for (period, reason) in [
            ("2026-13", "a month is 01 to 12, as in 2026-07"),
            ("2026-Q5", "a quarter is Q1, Q2, Q3 or Q4"),
            (
                "26",
                "expected a year (2026), a quarter (2026-Q3) or a month (2026-07)",
            ),
            ("2026-7", "a month is 01 to 12"),
        ] {
            fund.fail(
                &["report", report, "--period", period],
                &[&format!("invalid period \"{period}\": {reason}")],
            );
        }
        fund.fail(
            &[
                "report",
                report,
                "--from",
                "2026-05-01",
                "--to",
                "2026-04-01",
            ],
            &["invalid period \"2026-05-01 to 2026-04-01\": the last day is before the first"],
        );
        fund.fail(
            &["report", report, "--from", "2026-02-30"],
            &["invalid date \"2026-02-30\""],
        );
        // --period with --from or --to is a usage error.
        for other in ["--from", "--to"] {
            let run = fund.run(&["report", report, "--period", "2026", other, "2026-01-01"]);
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert_eq!(run.stdout, "");
            assert!(
                run.stderr
                    .contains("'--period <PERIOD>' cannot be used with"),
                "{}",
                run.stderr
            );
        }
    }
    // No EUR→USD rate on or before the end of February.
    for report in ["summary", "pools", "budget", "metrics"] {
        fund.fail(
            &["report", report, "--period", "2026-02", "--in", "USD"],
            &[
                "no rate between EUR and USD recorded on or before 2026-02-28",
                "record one with `fondo rate add DATE EUR USD RATE`",
            ],
        );
        fund.fail(
            &["report", report, "--period", "2026", "--in", "XYZ"],
            &["invalid currency to convert to \"XYZ\": neither a commodity of this fund nor a well-known currency"],
        );
    }
    // A well-known currency with no rate at all names the pair.
    fund.fail(
        &["report", "summary", "--period", "2026-Q2", "--in", "MXN"],
        &[
            "no rate between",
            "and MXN recorded on or before 2026-06-30",
            "fondo rate add DATE",
        ],
    );
    // grants takes no --in.
    let run = fund.run(&["report", "grants", "--period", "2026", "--in", "USD"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn bad_budgets_are_refused_and_change_nothing() {
    let fund = small();
    for (args, needles) in [
        (
            "budget set nowhere rent 10 USD --period 2026",
            &["unknown pool \"nowhere\""][..],
        ),
        (
            "budget set rent rent -10 USD --period 2026",
            &["invalid amount \"-10\": a budget is zero or more"],
        ),
        (
            "budget set rent rent 10.001 USD --period 2026",
            &["10.001 has more decimal places than USD allows (2)"],
        ),
        (
            "budget set rent rent 10 USD --period 2026-Q5",
            &["invalid period \"2026-Q5\": a quarter is Q1, Q2, Q3 or Q4"],
        ),
        (
            "budget set rent rent 10 USD --period 2026-13",
            &["invalid period \"2026-13\""],
        ),
        (
            "budget set rent rent 10 USD --period 26",
            &["invalid period \"26\""],
        ),
        (
            "budget set rent rent 10 XYZ --period 2026",
            &["unknown commodity \"XYZ\"", "fondo commodity add XYZ"],
        ),
        ("budget set rent rent ten USD --period 2026", &["\"ten\""]),
        (
            "budget set rent expenses: 10 USD --period 2026",
            &["invalid budget category \"expenses:\""],
        ),
    ] {
        refused(&fund, &words(args), needles);
    }
    // Without --period it is a usage error, and nothing is written either.
    let before = common::state(&fund);
    let run = fund.run(&words("budget set rent rent 10 USD"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(common::state(&fund), before);
    clean(&fund);
}

// ---------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------

#[test]
fn the_same_report_twice_is_byte_identical() {
    let fund = barrio();
    let reports = [
        "report summary --period 2026-Q2 --in USD",
        "report summary --from 2026-02-12 --to 2026-04-18",
        "report pools --period 2026 --in EUR",
        "report pools --as-of 2026-03-31",
        "report grants --period 2026 --audience public",
        "report budget --period 2026 --in USD",
        "report metrics --period 2026-Q2 --in USD",
        "report metrics --period 2026",
        "budget list",
    ];
    for line in reports {
        for format in ["table", "csv", "json"] {
            let mut args = words(line);
            args.extend(["--format".to_owned(), format.to_owned()]);
            let first = fund.ok(&args);
            for _ in 0..2 {
                assert_eq!(fund.ok(&args), first, "{args:?}");
            }
        }
    }
}
