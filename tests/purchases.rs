//! Pooled purchasing, end to end through the real binary: the realistic
//! purchase of docs/purchasing.md (three items, five groups, a short
//! delivery, transport split by value, packing by units, a 20 % subsidy
//! from a pool) with its exact figures, and every bad input of issue 16
//! refused with exit code 2 and nothing written.

mod common;

use common::{Fund, clean, csv_rows, refused, state};

const P: &str = "rice-april";

/// A fund with a bank account, two in-kind commodities, a food pool with
/// money in it and five member groups.
fn fund() -> Fund {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank:usd"]);
    fund.ok(&["commodity", "add", "KG-RICE", "--decimals", "1"]);
    fund.ok(&["commodity", "add", "KG-BEANS", "--decimals", "0"]);
    fund.ok(&["pool", "add", "food", "--purpose", "Groceries"]);
    for m in [
        "Cocina Común",
        "Familia Ortega",
        "Huerta Norte",
        "Ana",
        "Bruno",
    ] {
        fund.ok(&["member", "add", m]);
    }
    fund.ok(&[
        "contribute",
        "500.00",
        "USD",
        "--from",
        "Ana",
        "--pool",
        "food",
        "--into",
        "assets:bank:usd",
        "--date",
        "2026-04-01",
    ]);
    fund.ok(&[
        "contribute",
        "300.00",
        "USD",
        "--anonymous",
        "--into",
        "assets:bank:usd",
        "--date",
        "2026-04-01",
    ]);
    fund
}

/// The purchase opened, with its three items and every group's orders.
fn ordered() -> Fund {
    let fund = fund();
    fund.ok(&[
        "purchase",
        "open",
        P,
        "--supplier",
        "Cooperativa El Arrozal",
        "--closes",
        "2026-04-10T18:00",
        "--pool",
        "food",
        "--at",
        "2026-04-01T09:00",
    ]);
    for (item, price, case, unit, reference) in [
        ("rice", "1.10", "25", Some("KG-RICE"), "1.45"),
        ("beans", "1.80", "10", Some("KG-BEANS"), "2.40"),
        ("cooking oil", "3.20", "12", None, "4.00"),
    ] {
        let mut args = vec![
            "purchase",
            "item",
            "add",
            P,
            item,
            "--unit-price",
            price,
            "USD",
            "--case",
            case,
            "--reference-price",
            reference,
            "USD",
            "--at",
            "2026-04-01T09:05",
        ];
        if let Some(unit) = unit {
            args.extend(["--unit", unit]);
        }
        fund.ok(&args);
    }
    for (item, quantity, group, tolerance, at) in [
        ("rice", "30", "Cocina Común", "10", "2026-04-02T10:00"),
        ("rice", "12", "Familia Ortega", "5", "2026-04-02T11:00"),
        ("rice", "20", "Huerta Norte", "0", "2026-04-03T09:00"),
        ("rice", "8", "Ana", "4", "2026-04-03T12:00"),
        ("rice", "7", "Bruno", "0", "2026-04-04T08:00"),
        ("beans", "15", "Cocina Común", "5", "2026-04-04T09:00"),
        ("beans", "6", "Familia Ortega", "2", "2026-04-05T09:00"),
        ("beans", "4", "Ana", "0", "2026-04-05T10:00"),
        ("cooking oil", "6", "Huerta Norte", "3", "2026-04-06T10:00"),
        ("cooking oil", "4", "Bruno", "2", "2026-04-06T11:00"),
        (
            "cooking oil",
            "2",
            "Familia Ortega",
            "0",
            "2026-04-07T11:00",
        ),
        // A change: Ortega raises its oil to 3 (and goes to the back).
        (
            "cooking oil",
            "3",
            "Familia Ortega",
            "0",
            "2026-04-08T11:00",
        ),
    ] {
        fund.ok(&[
            "purchase",
            "order",
            P,
            item,
            quantity,
            "--group",
            group,
            "--tolerance",
            tolerance,
            "--at",
            at,
        ]);
    }
    fund
}

const ALLOCATION: &str = "\
Purchase rice-april from Cooperativa El Arrozal (closed), in USD, subsidised from pool food; orders close 2026-04-10T18:00:00
  rice: cases of 25 KG-RICE, 1.10 USD per unit; 3 case(s) ordered
  beans: cases of 10 KG-BEANS, 1.80 USD per unit; 3 case(s) ordered
  cooking oil: cases of 12, 3.20 USD per unit; 1 case(s) ordered
item         group           ordered  tolerance  allocated  received  value  saved  charged  paid  owed  given_out
-----------  --------------  -------  ---------  ---------  --------  -----  -----  -------  ----  ----  ---------
rice         Cocina Común         30         10         30            33.00  10.50
rice         Familia Ortega       12          5         12            13.20   4.20
rice         Huerta Norte         20          0         20            22.00   7.00
rice         Ana                   8          4          8             8.80   2.80
rice         Bruno                 7          0          5             5.50   1.75
beans        Cocina Común         15          5         20            36.00  12.00
beans        Familia Ortega        6          2          6            10.80   3.60
beans        Ana                   4          0          4             7.20   2.40
cooking oil  Familia Ortega        3          0          2             6.40   1.60
cooking oil  Huerta Norte          6          3          6            19.20   4.80
cooking oil  Bruno                 4          2          4            12.80   3.20
all items    Cocina Común                                             69.00  22.50
all items    Familia Ortega                                           30.40   9.40
all items    Huerta Norte                                             41.20  11.80
all items    Ana                                                      16.00   5.20
all items    Bruno                                                    18.30   4.95
";

const SETTLED: &str = "\
199.40 USD in all: shares 159.51 USD, subsidy 39.88 USD from pool food, rounding remainder 0.01 USD to expenses:purchases:rounding
";

#[test]
fn a_realistic_purchase_runs_with_exact_figures() {
    let fund = ordered();
    // Rice: 77 ordered in cases of 25, tolerances 19: 3 cases (the two left
    // over cannot fill a fourth), so Bruno, last in the queue, gets 5 of 7.
    // Beans: 25 ordered, 5 left over + 7 tolerance fill a third case, the
    // first group's tolerance tops it up. Oil: 13 ordered, 1 left over +
    // 5 tolerance cannot fill a second case of 12; Ortega, who raised its
    // order last, is served last.
    assert_eq!(
        fund.ok(&["purchase", "close", P, "--at", "2026-04-10T18:00"]),
        ALLOCATION
    );
    clean(&fund);
    // A short delivery: 70 of 75 kg of rice. Bruno, served last, loses his 5.
    assert_eq!(
        fund.ok(&[
            "purchase",
            "receive",
            P,
            "rice",
            "70",
            "--date",
            "2026-04-15"
        ]),
        "70 of 75 rice received in purchase rice-april (short: re-allocated, the last served first); into stock by transaction 3\n"
    );
    fund.ok(&[
        "purchase",
        "receive",
        P,
        "beans",
        "30",
        "--date",
        "2026-04-15",
    ]);
    assert_eq!(
        fund.ok(&[
            "purchase",
            "receive",
            P,
            "cooking oil",
            "12",
            "--date",
            "2026-04-15"
        ]),
        "12 of 12 cooking oil received in purchase rice-april\n"
    );
    fund.ok(&[
        "purchase", "cost", P, "25.00", "USD", "--split", "value", "--reason", "truck",
    ]);
    fund.ok(&[
        "purchase", "cost", P, "5.00", "USD", "--split", "units", "--reason", "sacks",
    ]);
    let out = fund.ok(&[
        "purchase",
        "settle",
        P,
        "--invoice",
        "169.40",
        "USD",
        "--from-account",
        "assets:bank:usd",
        "--subsidy",
        "20%",
        "--date",
        "2026-04-16",
    ]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("5"), "the transaction id first:\n{out}");
    assert_eq!(lines.next(), SETTLED.lines().next(), "{out}");
    clean(&fund);
    // Goods: value at unit prices, then the invoice plus 30.00 of costs
    // shared, 20 % off from the food pool, each share rounded once.
    let shown = fund.ok(&["purchase", "show", P, "--format", "csv"]);
    let shares: Vec<(String, String, String)> = csv_rows(&shown)
        .into_iter()
        .filter(|r| r[0] == "all items")
        .map(|r| (r[1].clone(), r[6].clone(), r[8].clone()))
        .collect();
    let expect = |g: &str, v: &str, c: &str| (g.to_owned(), v.to_owned(), c.to_owned());
    assert_eq!(
        shares,
        vec![
            expect("Cocina Común", "69.00", "65.13"),
            expect("Familia Ortega", "30.40", "28.62"),
            expect("Huerta Norte", "41.20", "38.75"),
            expect("Ana", "16.00", "15.12"),
            expect("Bruno", "12.80", "11.89"),
        ]
    );
    // The ledger: the bank paid 199.40; receivables 159.51; the pool paid
    // 39.88; the rounding account took the cent.
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance\n\
         assets:bank:usd,USD,600.60\n\
         assets:in-kind:kg-beans,KG-BEANS,30\n\
         assets:in-kind:kg-rice,KG-RICE,70.0\n\
         assets:purchases:receivable,USD,159.51\n\
         expenses:purchases:rounding,USD,0.01\n\
         expenses:purchases:subsidy,USD,39.88\n\
         income:contributions,USD,-800.00\n\
         liabilities:purchases:goods,KG-BEANS,-30\n\
         liabilities:purchases:goods,KG-RICE,-70.0\n"
    );
    let pool = fund.ok(&["pool", "show", "food", "--format", "csv"]);
    assert!(
        pool.contains("460.12"),
        "500.00 - 39.88 left in the pool:\n{pool}"
    );
    // Payments: in full and in part; never more than owed.
    assert_eq!(
        fund.ok(&[
            "purchase",
            "pay",
            P,
            "--group",
            "Cocina Común",
            "65.13",
            "USD",
            "--into",
            "assets:bank:usd",
            "--date",
            "2026-04-20",
        ]),
        "6\nCocina Común still owes 0.00 USD\n"
    );
    assert_eq!(
        fund.ok(&[
            "purchase",
            "pay",
            P,
            "--group",
            "Ana",
            "10.00",
            "USD",
            "--into",
            "assets:bank:usd",
            "--date",
            "2026-04-20",
        ]),
        "7\nAna still owes 5.12 USD\n"
    );
    refused(
        &fund,
        &[
            "purchase",
            "pay",
            P,
            "--group",
            "Ana",
            "5.13",
            "USD",
            "--into",
            "assets:bank:usd",
            "--date",
            "2026-04-21",
        ],
        &["Ana owes 5.12 USD", "at most what is owed"],
    );
    // Distributing more than is in stock: 10 kg of the rice given away
    // first leave 60 for 70 allocated.
    fund.ok(&["give", "10.0", "KG-RICE", "--date", "2026-04-17"]);
    refused(
        &fund,
        &["purchase", "distribute", P, "--date", "2026-04-18"],
        &[
            "stock of KG-RICE would be -10.0",
            "nothing can be given that is not there",
        ],
    );
    fund.ok(&[
        "contribute",
        "10.0",
        "KG-RICE",
        "--anonymous",
        "--date",
        "2026-04-17",
    ]);
    assert_eq!(
        fund.ok(&[
            "purchase",
            "distribute",
            P,
            "--group",
            "Ana",
            "--date",
            "2026-04-18"
        ]),
        "10 Ana\n"
    );
    assert_eq!(
        fund.ok(&["purchase", "distribute", P, "--date", "2026-04-18"]),
        "11 Cocina Común\n12 Familia Ortega\n13 Huerta Norte\n"
    );
    refused(
        &fund,
        &[
            "purchase",
            "distribute",
            P,
            "--group",
            "Ana",
            "--date",
            "2026-04-18",
        ],
        &["already given out"],
    );
    let inventory = fund.ok(&["inventory", "--format", "csv"]);
    assert_eq!(
        inventory, "item,received,given,on_hand\nKG-BEANS,30,30,0\nKG-RICE,80.0,80.0,0.0\n",
        "in equals received (and the gift back), out equals distributed (and the gift)"
    );
    // Who owes whom.
    assert_eq!(
        fund.ok(&[
            "report",
            "purchases",
            "--period",
            "2026-Q2",
            "--format",
            "csv"
        ]),
        "purchase,status,who,owes,currency,item,unit,ordered,allocated,received,charged,paid,owed,saved\n\
         rice-april,settled,Cocina Común,fund,USD,rice,KG-RICE,30,30,30,,,,10.50\n\
         rice-april,settled,Cocina Común,fund,USD,beans,KG-BEANS,15,20,20,,,,12.00\n\
         rice-april,settled,Cocina Común,fund,USD,all items,,,,,65.13,65.13,0.00,22.50\n\
         rice-april,settled,Familia Ortega,fund,USD,rice,KG-RICE,12,12,12,,,,4.20\n\
         rice-april,settled,Familia Ortega,fund,USD,beans,KG-BEANS,6,6,6,,,,3.60\n\
         rice-april,settled,Familia Ortega,fund,USD,cooking oil,,3,2,2,,,,1.60\n\
         rice-april,settled,Familia Ortega,fund,USD,all items,,,,,28.62,0.00,28.62,9.40\n\
         rice-april,settled,Huerta Norte,fund,USD,rice,KG-RICE,20,20,20,,,,7.00\n\
         rice-april,settled,Huerta Norte,fund,USD,cooking oil,,6,6,6,,,,4.80\n\
         rice-april,settled,Huerta Norte,fund,USD,all items,,,,,38.75,0.00,38.75,11.80\n\
         rice-april,settled,Ana,fund,USD,rice,KG-RICE,8,8,8,,,,2.80\n\
         rice-april,settled,Ana,fund,USD,beans,KG-BEANS,4,4,4,,,,2.40\n\
         rice-april,settled,Ana,fund,USD,all items,,,,,15.12,10.00,5.12,5.20\n\
         rice-april,settled,Bruno,fund,USD,rice,KG-RICE,7,5,0,,,,0.00\n\
         rice-april,settled,Bruno,fund,USD,cooking oil,,4,4,4,,,,3.20\n\
         rice-april,settled,Bruno,fund,USD,all items,,,,,11.89,0.00,11.89,3.20\n\
         rice-april,settled,fund,Cooperativa El Arrozal,USD,all items,,,,,169.40,169.40,0.00,\n",
        "per item, units in the item's own unit (never added across items); \
         money once per group, on its all-items line"
    );
    assert_eq!(
        fund.ok(&["purchase", "list", "--status", "settled", "--format", "csv"]),
        "purchase,supplier,status,closes,currency,items,groups,value,invoice,costs,subsidy,remainder,owed\n\
         rice-april,Cooperativa El Arrozal,settled,2026-04-10T18:00:00,USD,3,5,169.40,169.40,30.00,39.88,0.01,84.38\n"
    );
    assert_eq!(
        fund.ok(&["purchase", "list", "--status", "open", "--format", "csv"]),
        "purchase,supplier,status,closes,currency,items,groups,value,invoice,costs,subsidy,remainder,owed\n"
    );
    clean(&fund);
    // The books stay exact: every transaction balances, and the audit
    // bundle of the period checks.
    let out = fund.path("bundle");
    fund.ok(&[
        "export",
        "audit",
        "--out",
        out.to_str().unwrap(),
        "--period",
        "2026-Q2",
        "--audience",
        "auditor",
    ]);
    fund.ok(&["verify", "--bundle", out.to_str().unwrap()]);
}

#[test]
fn every_bad_input_is_refused_and_writes_nothing() {
    let fund = ordered();
    // Closing a purchase that has no items.
    fund.ok(&[
        "purchase",
        "open",
        "empty",
        "--supplier",
        "Nobody",
        "--closes",
        "2026-04-10T18:00",
        "--at",
        "2026-04-01T09:00",
    ]);
    refused(
        &fund,
        &["purchase", "close", "empty", "--at", "2026-04-10T18:00"],
        &[
            "purchase \"empty\": it has no items, so there is nothing to allocate; add them with `fondo purchase item add empty ITEM …`",
        ],
    );
    // An item not in the purchase; a group that is not a member.
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "lentils",
            "5",
            "--group",
            "Ana",
            "--at",
            "2026-04-09",
        ],
        &[
            "purchase \"rice-april\"",
            "no item \"lentils\"",
            "rice, beans, cooking oil",
        ],
    );
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "5",
            "--group",
            "Nadie",
            "--at",
            "2026-04-09",
        ],
        &["unknown member \"Nadie\""],
    );
    // A negative or zero quantity; a tolerance larger than the case.
    for bad in ["0", "-3"] {
        refused(
            &fund,
            &[
                "purchase",
                "order",
                P,
                "rice",
                bad,
                "--group",
                "Ana",
                "--at",
                "2026-04-09",
            ],
            &["a quantity is at least 1"],
        );
    }
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "2.5",
            "--group",
            "Ana",
            "--at",
            "2026-04-09",
        ],
        &["a whole number of units"],
    );
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "5",
            "--group",
            "Ana",
            "--tolerance",
            "26",
            "--at",
            "2026-04-09",
        ],
        &["tolerance of 26 is larger than the case (25 units of rice)"],
    );
    // Orders after --closes, and out of time order.
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "5",
            "--group",
            "Ana",
            "--at",
            "2026-04-11",
        ],
        &["orders closed at 2026-04-10T18:00"],
    );
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "5",
            "--group",
            "Ana",
            "--at",
            "2026-04-02",
        ],
        &["before the purchase's last recorded event"],
    );
    // Prices in another currency than the purchase's.
    refused(
        &fund,
        &[
            "purchase",
            "item",
            "add",
            P,
            "salt",
            "--unit-price",
            "1.00",
            "EUR",
            "--case",
            "10",
        ],
        &["its amounts are in USD, not EUR"],
    );
    // Settling, receiving and paying before closing.
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
        ],
        &[
            "it is still taking orders; it is settled after closing",
            "close it with `fondo purchase close",
        ],
    );
    refused(
        &fund,
        &[
            "purchase",
            "receive",
            P,
            "rice",
            "70",
            "--date",
            "2026-04-15",
        ],
        &["close the purchase before recording deliveries"],
    );
    refused(
        &fund,
        &[
            "purchase",
            "pay",
            P,
            "--group",
            "Ana",
            "1.00",
            "USD",
            "--into",
            "assets:bank:usd",
        ],
        &["nothing is charged before it is settled"],
    );
    fund.ok(&["purchase", "close", P, "--at", "2026-04-10T18:00"]);
    // Ordering after closing.
    refused(
        &fund,
        &[
            "purchase",
            "order",
            P,
            "rice",
            "5",
            "--group",
            "Ana",
            "--at",
            "2026-04-10T18:00",
        ],
        &["the purchase is closed; orders can no longer change"],
    );
    // Receiving more than was ordered in cases.
    refused(
        &fund,
        &[
            "purchase",
            "receive",
            P,
            "rice",
            "76",
            "--date",
            "2026-04-15",
        ],
        &["76 of rice would have arrived, but 75 were ordered (3 case(s) of 25)"],
    );
    // Settling before every delivery is recorded.
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--date",
            "2026-04-16",
        ],
        &[
            "nothing is recorded as arrived of rice yet (0 counts, if nothing did)",
            "record it with `fondo purchase receive rice-april rice QUANTITY`",
        ],
    );
    fund.ok(&[
        "purchase",
        "receive",
        P,
        "rice",
        "70",
        "--date",
        "2026-04-15",
    ]);
    fund.ok(&[
        "purchase",
        "receive",
        P,
        "beans",
        "30",
        "--date",
        "2026-04-15",
    ]);
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--date",
            "2026-04-16",
        ],
        &["record it with `fondo purchase receive rice-april 'cooking oil' QUANTITY`"],
    );
    fund.ok(&[
        "purchase",
        "receive",
        P,
        "cooking oil",
        "12",
        "--date",
        "2026-04-15",
    ]);
    // An invoice in another currency without a recorded rate.
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "150.00",
            "EUR",
            "--from-account",
            "assets:bank:usd",
            "--date",
            "2026-04-16",
        ],
        &[
            "the invoice is in EUR and the purchase in USD",
            "no EUR→USD rate is recorded on or before 2026-04-16; record one with `fondo rate add DATE EUR USD RATE`",
        ],
    );
    // A subsidy over 100 %, or bigger than the pool holds.
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--subsidy",
            "120%",
            "--date",
            "2026-04-16",
        ],
        &["at most 100 %"],
    );
    // An amount over the invoice plus costs, named in the currency.
    let said = refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--subsidy",
            "500.00",
            "--date",
            "2026-04-16",
        ],
        &["a subsidy is at most the invoice plus costs (169.40 USD)"],
    );
    assert!(!said.contains("minor units"), "{said}");
    fund.ok(&[
        "purchase",
        "settle",
        P,
        "--invoice",
        "169.40",
        "USD",
        "--from-account",
        "assets:bank:usd",
        "--date",
        "2026-04-16",
    ]);
    // Settling twice; costs after settling.
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--date",
            "2026-04-16",
        ],
        &["already settled"],
    );
    refused(
        &fund,
        &[
            "purchase", "cost", P, "5.00", "USD", "--split", "equal", "--reason", "late",
        ],
        &["costs are recorded before"],
    );
    refused(
        &fund,
        &["purchase", "show", "nothing"],
        &["unknown purchase \"nothing\"; see `fondo purchase list`"],
    );
    clean(&fund);
}

#[test]
fn a_rate_converts_an_invoice_in_another_currency() {
    let fund = ordered();
    fund.ok(&["purchase", "close", P, "--at", "2026-04-10T18:00"]);
    for (item, n) in [("rice", "75"), ("beans", "30"), ("cooking oil", "12")] {
        fund.ok(&["purchase", "receive", P, item, n, "--date", "2026-04-15"]);
    }
    fund.ok(&["account", "add", "assets:bank:eur"]);
    fund.ok(&[
        "contribute",
        "200.00",
        "EUR",
        "--anonymous",
        "--into",
        "assets:bank:eur",
        "--date",
        "2026-04-01",
    ]);
    fund.ok(&["rate", "add", "2026-04-10", "EUR", "USD", "1.08"]);
    let before = state(&fund);
    let out = fund.ok(&[
        "purchase",
        "settle",
        P,
        "--invoice",
        "160.00",
        "EUR",
        "--from-account",
        "assets:bank:eur",
        "--date",
        "2026-04-16",
    ]);
    assert_ne!(state(&fund), before);
    assert!(
        out.contains("invoice converted to 172.80 USD at the recorded rate 1.08"),
        "{out}"
    );
    clean(&fund);
}

/// The purchase settled, with its three deliveries (70 kg of rice).
fn settled() -> Fund {
    let fund = ordered();
    fund.ok(&["purchase", "close", P, "--at", "2026-04-10T18:00"]);
    for (item, n) in [("rice", "70"), ("beans", "30"), ("cooking oil", "12")] {
        fund.ok(&["purchase", "receive", P, item, n, "--date", "2026-04-15"]);
    }
    fund.ok(&[
        "purchase",
        "settle",
        P,
        "--invoice",
        "169.40",
        "USD",
        "--from-account",
        "assets:bank:usd",
        "--subsidy",
        "20%",
        "--date",
        "2026-04-16",
    ]);
    fund
}

#[test]
fn a_subsidy_the_pool_cannot_cover_is_refused() {
    let fund = ordered();
    fund.ok(&["purchase", "close", P, "--at", "2026-04-10T18:00"]);
    for (item, n) in [("rice", "70"), ("beans", "30"), ("cooking oil", "12")] {
        fund.ok(&["purchase", "receive", P, item, n, "--date", "2026-04-15"]);
    }
    fund.ok(&[
        "pool",
        "move",
        "450.00",
        "USD",
        "--from",
        "food",
        "--to",
        "general",
        "--reason",
        "x",
        "--date",
        "2026-04-02",
    ]);
    refused(
        &fund,
        &[
            "purchase",
            "settle",
            P,
            "--invoice",
            "169.40",
            "USD",
            "--from-account",
            "assets:bank:usd",
            "--subsidy",
            "50%",
            "--date",
            "2026-04-16",
        ],
        &["pool \"food\" would hold -34.70 USD on 2026-04-16"],
    );
}

#[test]
fn verify_finds_purchase_records_and_transactions_that_disagree() {
    let fund = settled();
    clean(&fund);
    common::tamper::sql(
        &fund.db,
        "UPDATE postings SET amount = amount + 100
          WHERE txn_id = 5 AND line = 1;
         UPDATE postings SET amount = amount - 100
          WHERE txn_id = 5 AND line = 6;
         UPDATE purchases SET supplier = 'Someone else';",
    );
    let run = fund.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "V119 purchase rice-april: transaction 5 posts 13652 (minor units) to assets:purchases:receivable, but its purchase-settle record says 13552"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("V118 purchase 1: differs"),
        "{}",
        run.stdout
    );
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Minor units as a decimal with two places.
    fn usd(minor: i64) -> String {
        format!("{}.{:02}", minor / 100, minor % 100)
    }

    fn balance(fund: &Fund, account: &str) -> String {
        csv_rows(&fund.balance_csv(&[]))
            .into_iter()
            .find(|r| r[0] == account)
            .map_or_else(|| "0.00".to_owned(), |r| r[2].clone())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// Random purchases through the real binary: whatever the orders,
        /// deliveries, costs and subsidy, nobody is allocated more than its
        /// quantity plus its tolerance, allocations are whole cases, shares
        /// plus subsidy plus remainder are exactly invoice plus costs, the
        /// books verify (every transaction balances), inventory in equals
        /// what was received and out what was handed out, the bank paid
        /// invoice plus costs and got every share back, the receivable ends
        /// at zero, and the audit bundle checks.
        #[test]
        fn random_purchases_keep_the_books_exact(
            items in prop::collection::vec((1u64..12, 1i64..500), 1..4),
            orders in prop::collection::vec((0usize..3, 0usize..3, 1u64..20, 0u64..12), 1..10),
            short in prop::collection::vec(0u64..15, 3),
            cost in (1i64..3000, 0usize..3),
            percent in 0u32..60,
        ) {
            let fund = fund();
            fund.ok(&["purchase", "open", P, "--supplier", "S", "--closes", "2026-04-30", "--pool", "food", "--at", "2026-04-01"]);
            let units = [Some("KG-RICE"), Some("KG-BEANS"), None];
            for (n, (case, price)) in items.iter().enumerate() {
                let (name, case, price) = (format!("item{n}"), case.to_string(), usd(*price));
                let mut args = vec!["purchase", "item", "add", P, &name, "--unit-price", &price, "USD", "--case", &case, "--at", "2026-04-01"];
                if let Some(unit) = units[n] {
                    args.extend(["--unit", unit]);
                }
                fund.ok(&args);
            }
            let groups = ["Cocina Común", "Familia Ortega", "Ana"];
            for (n, (item, group, quantity, tolerance)) in orders.iter().enumerate() {
                let item = item % items.len();
                let tolerance = tolerance.min(&items[item].0).to_string();
                let at = format!("2026-04-02T10:{n:02}");
                fund.ok(&["purchase", "order", P, &format!("item{item}"), &quantity.to_string(), "--group", groups[*group], "--tolerance", &tolerance, "--at", &at]);
            }
            fund.ok(&["purchase", "close", P, "--at", "2026-04-30"]);
            // Nobody is allocated more than its quantity plus its tolerance.
            let shown = fund.ok(&["purchase", "show", P, "--format", "csv"]);
            for r in csv_rows(&shown).iter().filter(|r| r[0] != "all items") {
                let [ordered, tolerance, allocated] =
                    [2, 3, 4].map(|i| r[i].parse::<u64>().unwrap());
                prop_assert!(allocated <= ordered + tolerance, "{:?}", r);
            }
            let mut received = [0u64; 3];
            for (n, (case, _)) in items.iter().enumerate() {
                let shown = fund.ok(&["purchase", "show", P, "--format", "csv"]);
                let allocated: u64 = csv_rows(&shown)
                    .iter()
                    .filter(|r| r[0] == format!("item{n}"))
                    .map(|r| r[4].parse::<u64>().unwrap())
                    .sum();
                prop_assert_eq!(allocated % case, 0, "whole cases");
                received[n] = allocated.saturating_sub(short[n]);
                fund.ok(&["purchase", "receive", P, &format!("item{n}"), &received[n].to_string(), "--date", "2026-05-01"]);
            }
            let split = ["equal", "value", "units"][cost.1];
            fund.ok(&["purchase", "cost", P, &usd(cost.0), "USD", "--split", split, "--reason", "truck"]);
            let value: i64 = items.iter().zip(received).map(|((_, price), n)| price * n as i64).sum();
            let mut settle = vec!["purchase".to_owned(), "settle".into(), P.into(), "--invoice".into(), usd(value.max(1)), "USD".into(), "--from-account".into(), "assets:bank:usd".into(), "--date".into(), "2026-05-02".into()];
            if percent > 0 {
                settle.extend(["--subsidy".to_owned(), format!("{percent}%")]);
            }
            if value == 0 {
                fund.fail(&settle, &["nothing of value was received"]);
                clean(&fund);
                return Ok(());
            }
            fund.ok(&settle);
            // Shares, subsidy and remainder are exactly the invoice plus the
            // costs, and the subsidy and the remainder are on their accounts.
            let list = csv_rows(&fund.ok(&["purchase", "list", "--format", "csv"]));
            let cents = |t: &str| t.replace('.', "").parse::<i64>().unwrap();
            let [invoice, costs, subsidy, remainder, shares] =
                [8, 9, 10, 11, 12].map(|i| cents(&list[0][i]));
            prop_assert_eq!(invoice + costs, shares + subsidy + remainder);
            prop_assert_eq!(invoice + costs, value + cost.0);
            prop_assert_eq!(cents(&balance(&fund, "expenses:purchases:subsidy")), subsidy);
            prop_assert_eq!(cents(&balance(&fund, "expenses:purchases:rounding")), remainder);
            if received[..2.min(items.len())].iter().any(|n| *n > 0) {
                fund.ok(&["purchase", "distribute", P, "--date", "2026-05-03"]);
            }
            let shown = fund.ok(&["purchase", "show", P, "--format", "csv"]);
            let mut charged = 0i64;
            for row in csv_rows(&shown).into_iter().filter(|r| r[0] == "all items") {
                let owed = row[10].clone();
                charged += owed.replace('.', "").parse::<i64>().unwrap();
                if owed != "0.00" {
                    fund.ok(&["purchase", "pay", P, "--group", &row[1], &owed, "USD", "--into", "assets:bank:usd", "--date", "2026-05-04"]);
                }
            }
            clean(&fund);
            prop_assert_eq!(balance(&fund, "assets:purchases:receivable"), "0.00");
            let bank = 80_000 - (value + cost.0) + charged;
            prop_assert_eq!(balance(&fund, "assets:bank:usd"), usd(bank));
            let inventory = fund.ok(&["inventory", "--format", "csv"]);
            for (n, code) in ["KG-RICE", "KG-BEANS"].iter().enumerate().take(items.len()) {
                let row = csv_rows(&inventory).into_iter().find(|r| r[0] == *code);
                let got = row.map(|r| (r[1].clone(), r[2].clone(), r[3].clone()));
                let want = match (received[n], n) {
                    (0, _) => None,
                    (r, 0) => Some((format!("{r}.0"), format!("{r}.0"), "0.0".to_owned())),
                    (r, _) => Some((r.to_string(), r.to_string(), "0".to_owned())),
                };
                prop_assert_eq!(got, want, "inventory of {}", code);
            }
            let list = fund.ok(&["purchase", "list", "--format", "csv"]);
            prop_assert_eq!(&csv_rows(&list)[0][2], "done");
            // The audit bundle's purchases.csv checks against its journal.
            let dir = fund.path("bundle");
            fund.ok(&["export", "audit", "--out", dir.to_str().unwrap(), "--period", "2026-Q2", "--audience", "public"]);
            let checked = fund.ok(&["verify", "--bundle", dir.to_str().unwrap()]);
            prop_assert!(checked.contains("no findings"), "{}", checked);
        }
    }
}

/// The README's pooled-purchasing commands run as written, and leave books
/// that verify.
#[test]
fn the_readme_section_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("reading README.md");
    let section = readme
        .split("### Pooled purchasing")
        .nth(1)
        .expect("README.md has a pooled purchasing section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has a sh block");
    let fund = Fund::empty();
    let bin = fund.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(common::BIN, bin.join("fondo")).unwrap();
    let script: String = block
        .lines()
        .filter(|l| !l.starts_with("export FONDO_DB="))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .args(["-e", "-c", &script])
        .env("PATH", path)
        .env("FONDO_DB", &fund.db)
        .current_dir(fund.dir.path())
        .output()
        .expect("running sh");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    clean(&fund);
    let report = fund.ok(&[
        "report",
        "purchases",
        "--period",
        "2026-Q2",
        "--format",
        "csv",
    ]);
    assert!(
        report.contains(
            "rice-april,settled,Cocina Común,fund,USD,beans,KG-BEANS,15,20,20,,,,12.00"
        ) && report
            .contains("rice-april,settled,Cocina Común,fund,USD,all items,,,,,65.13,65.13,0.00,22.50")
            && report.contains("rice-april,settled,Ana,fund,USD,all items,,,,,15.12,10.00,5.12,5.20")
            && report.contains(
                "rice-april,settled,fund,Cooperativa El Arrozal,USD,all items,,,,,169.40,169.40,0.00,"
            ),
        "{report}"
    );
}

/// Rewrites MANIFEST.csv to match the files, as someone covering their
/// tracks would.
fn reseal(dir: &std::path::Path) {
    use sha2::{Digest, Sha256};
    let mut manifest = String::from("file,rows,sha256\n");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.csv")
        .collect();
    names.sort();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let rows = if name.ends_with(".csv") {
            csv_rows(&text).len()
        } else {
            text.lines().count()
        };
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        manifest.push_str(&format!("{name},{rows},{digest}\n"));
    }
    std::fs::write(dir.join("MANIFEST.csv"), manifest).unwrap();
}

/// The audit bundle's purchases.csv: per group what `report purchases`
/// says, with the settlement and payment transactions; the offline checker
/// confirms the shares and payments from the journal, and finds them
/// changed even with the manifest rewritten.
#[test]
fn the_audit_bundle_holds_the_purchase_and_its_checker_confirms_it() {
    let fund = settled();
    for (group, amount) in [("Cocina Común", "50.00"), ("Ana", "10.00")] {
        fund.ok(&[
            "purchase",
            "pay",
            P,
            "--group",
            group,
            amount,
            "USD",
            "--into",
            "assets:bank:usd",
            "--date",
            "2026-04-20",
        ]);
    }
    // A payment after the period is not in the bundle's figures.
    fund.ok(&[
        "purchase",
        "pay",
        P,
        "--group",
        "Bruno",
        "1.00",
        "USD",
        "--into",
        "assets:bank:usd",
        "--date",
        "2026-07-02",
    ]);
    let dir = fund.path("bundle");
    fund.ok(&[
        "export",
        "audit",
        "--out",
        dir.to_str().unwrap(),
        "--period",
        "2026-Q2",
        "--audience",
        "public",
    ]);
    let checked = fund.ok(&["verify", "--bundle", dir.to_str().unwrap()]);
    assert!(checked.contains("no findings"), "{checked}");
    let text = std::fs::read_to_string(dir.join("purchases.csv")).unwrap();
    let rows = csv_rows(&text);
    let report = csv_rows(&fund.ok(&[
        "report",
        "purchases",
        "--period",
        "2026-Q2",
        "--format",
        "csv",
    ]));
    // The settlement is transaction 5, the payments 6 and 7. The report's
    // money lines are the groups' rows of purchases.csv.
    let expect: Vec<Vec<String>> = report
        .iter()
        .filter(|r| r[3] == "fund" && r[5] == "all items")
        .map(|r| {
            let (paid, owed, pays) = match r[2].as_str() {
                "Cocina Común" => (r[11].clone(), r[12].clone(), "6"),
                "Ana" => (r[11].clone(), r[12].clone(), "7"),
                // Bruno's payment of July is after the period.
                "Bruno" => ("0.00".to_owned(), r[10].clone(), ""),
                _ => (r[11].clone(), r[12].clone(), ""),
            };
            vec![
                P.to_owned(),
                "settled".to_owned(),
                r[2].clone(),
                "USD".to_owned(),
                r[10].clone(),
                paid,
                owed,
                "5".to_owned(),
                pays.to_owned(),
            ]
        })
        .collect();
    assert_eq!(rows, expect, "{text}");
    assert_eq!(
        text.lines().next(),
        Some("purchase,status,group,currency,charged,paid,owed,settle_txn,pay_txns")
    );
    // Its item lines are purchase_items.csv: each item in its own unit.
    let items = std::fs::read_to_string(dir.join("purchase_items.csv")).unwrap();
    let expect: Vec<Vec<String>> = report
        .iter()
        .filter(|r| r[3] == "fund" && r[5] != "all items")
        .map(|r| {
            let mut row = vec![P.to_owned(), r[2].clone()];
            row.extend(r[5..10].iter().cloned());
            row
        })
        .collect();
    assert_eq!(csv_rows(&items), expect, "{items}");
    assert!(
        items.starts_with(
            "purchase,group,item,unit,ordered,allocated,received\n\
             rice-april,Cocina Común,rice,KG-RICE,30,30,30\n\
             rice-april,Cocina Común,beans,KG-BEANS,15,20,20\n"
        ) && items.contains("rice-april,Bruno,rice,KG-RICE,7,5,0\n")
            && items.contains("rice-april,Bruno,cooking oil,,4,4,4\n"),
        "{items}"
    );

    let forged = |name: &str, from: &str, to: &str| {
        let copy = fund.path(name);
        std::fs::create_dir(&copy).unwrap();
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
        assert!(text.contains(from), "{from:?} not in {text}");
        std::fs::write(copy.join("purchases.csv"), text.replacen(from, to, 1)).unwrap();
        reseal(&copy);
        let run = fund.run(&["verify", "--bundle", copy.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        run.stdout
    };
    // A share moved from one group to another, owed kept consistent.
    let cocina = &rows[0];
    let ortega = &rows[1];
    let moved = |row: &[String], by: i64| {
        let cents = |t: &str| -> i64 { t.replace('.', "").parse().unwrap() };
        let money = |c: i64| format!("{}.{:02}", c / 100, c % 100);
        let charged = cents(&row[4]) + by;
        let owed = charged - cents(&row[5]);
        (
            format!("{},{},{}", row[4], row[5], row[6]),
            format!("{},{},{}", money(charged), row[5], money(owed)),
        )
    };
    let (from, to) = moved(cocina, 100);
    let out = forged("more-charged", &from, &to);
    assert!(
        out.contains("B120")
            && out.contains("are not the debits to assets:purchases:receivable of settle_txn 5"),
        "{out}"
    );
    // A payment claimed that was not made.
    let out = forged(
        "paid",
        &format!("{},{},{},5,", ortega[4], ortega[5], ortega[6]),
        &format!("{},{},{},5,", ortega[4], ortega[4], "0.00"),
    );
    assert!(
        out.contains("B120")
            && out
                .contains("its payment txns credit assets:purchases:receivable with 0 minor units"),
        "{out}"
    );
    // owed that is not charged - paid.
    let out = forged(
        "owed",
        &format!("{},{},{},5,", ortega[4], ortega[5], ortega[6]),
        &format!("{},{},0.00,5,", ortega[4], ortega[5]),
    );
    assert!(
        out.contains("B120") && out.contains("is not charged"),
        "{out}"
    );
    // Two groups claiming one payment.
    let out = forged(
        "claimed",
        &format!("{},{},{},5,", ortega[4], ortega[5], ortega[6]),
        &format!("{},{},{},5,6", ortega[4], ortega[5], ortega[6]),
    );
    assert!(
        out.contains("payment txn 6 is claimed by more than one group"),
        "{out}"
    );
    // purchase_items.csv: a group that has no money row, an item listed
    // twice, and units that are not whole numbers.
    let forged_items = |name: &str, from: &str, to: &str| {
        let copy = fund.path(name);
        std::fs::create_dir(&copy).unwrap();
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
        assert!(items.contains(from), "{from:?} not in {items}");
        std::fs::write(copy.join("purchase_items.csv"), items.replacen(from, to, 1)).unwrap();
        reseal(&copy);
        let run = fund.run(&["verify", "--bundle", copy.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        run.stdout
    };
    let out = forged_items(
        "stranger",
        "rice-april,Bruno,rice,",
        "rice-april,Nobody,rice,",
    );
    assert!(
        out.contains("B120")
            && out.contains("group Nobody of purchase rice-april has no row in purchases.csv"),
        "{out}"
    );
    let out = forged_items(
        "twice",
        "rice-april,Cocina Común,beans,",
        "rice-april,Cocina Común,rice,",
    );
    assert!(
        out.contains("item rice is listed twice for group Cocina Común"),
        "{out}"
    );
    let out = forged_items(
        "fraction",
        "rice-april,Bruno,rice,KG-RICE,7,5,0",
        "rice-april,Bruno,rice,KG-RICE,7,5,0.5",
    );
    assert!(
        out.contains("B106") && out.contains("received \"0.5\" is not a whole number"),
        "{out}"
    );
}
