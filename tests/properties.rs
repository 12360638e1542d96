//! Property tests of the ledger's invariants, through the library (the same
//! code the binary runs, without a process per call):
//!
//! - random balanced transactions, posted in any date order: the balances
//!   equal a simple model, sum to zero per commodity (the trial balance), at
//!   any `as_of` date; `verify` finds nothing and its fingerprint is the
//!   last transaction's hash;
//! - export, then import into a fresh database: the same export byte for
//!   byte (same ids, hashes and fingerprint) and the same balances;
//! - a random journal with one corrupted row imports nothing, reports the
//!   problem within that transaction's lines, and leaves the database as it
//!   was.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use fondo::audit::verify::verify;
use fondo::domain::ids::TxnId;
use fondo::domain::money::format_minor;
use fondo::error::Error;
use fondo::ops::import::{ImportOptions, import_journal};
use fondo::ops::ledger::{AmountInput, PostRequest, PostingInput, post, void};
use fondo::ops::setup::{add_account, add_commodity, init};
use fondo::progress::NoProgress;
use fondo::report::balance::{BalanceQuery, balance};
use fondo::report::export::export_journal;
use fondo::report::lists;
use fondo::store::{Access, Db};
use proptest::prelude::*;
use tempfile::TempDir;

/// (code, decimal places).
const COMMODITIES: [(&str, u32); 4] = [("USD", 2), ("EUR", 2), ("HOURS", 0), ("KG-RICE", 3)];

const ACCOUNTS: [&str; 10] = [
    "assets:bank:usd",
    "assets:bank:eur",
    "assets:cash",
    "assets:pantry",
    "equity:opening",
    "income:dues",
    "income:in-kind",
    "expenses:grants:housing",
    "expenses:grants:food",
    "liabilities:préstamos:Ñandú",
];

#[derive(Debug, Clone)]
struct Leg {
    account: usize,
    commodity: usize,
    minor: i64,
    memo: Option<String>,
}

#[derive(Debug, Clone)]
struct Txn {
    day: u32,
    description: String,
    payee: Option<String>,
    reference: Option<String>,
    legs: Vec<Leg>,
    /// Post the last leg without an amount (only with one commodity).
    elide_last: bool,
}

impl Txn {
    fn date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(self.day))
    }
}

fn amount(commodity: usize, minor: i64) -> String {
    format_minor(i128::from(minor), COMMODITIES[commodity].1)
}

/// Text with the characters CSV and JSON make hard: quotes, commas, line
/// breaks, Unicode; never blank.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:\"'\n\r\tñé€ü-]{1,16}".prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Plain text for journals whose line numbers are checked.
fn plain_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ]{1,12}".prop_filter("not blank", |s| !s.trim().is_empty())
}

/// The legs of one commodity: 1–3 random amounts and, unless they already
/// cancel out, one more that balances them.
fn legs_of(
    commodity: usize,
    memo: BoxedStrategy<Option<String>>,
) -> impl Strategy<Value = Vec<Leg>> {
    let amount = prop_oneof![-1_000_000_000i64..-1, 1i64..1_000_000_000];
    prop::collection::vec((0..ACCOUNTS.len(), amount, memo.clone()), 1..=3).prop_flat_map(
        move |legs| {
            let sum: i64 = legs.iter().map(|l| l.1).sum();
            let legs: Vec<Leg> = legs
                .into_iter()
                .map(|(account, minor, memo)| Leg {
                    account,
                    commodity,
                    minor,
                    memo,
                })
                .collect();
            (0..ACCOUNTS.len(), memo.clone()).prop_map(move |(account, memo)| {
                let mut legs = legs.clone();
                if sum != 0 || legs.len() < 2 {
                    legs.push(Leg {
                        account,
                        commodity,
                        minor: -sum,
                        memo,
                    });
                }
                legs
            })
        },
    )
}

fn txn(rich: bool) -> impl Strategy<Value = Txn> {
    let (words, memo): (BoxedStrategy<String>, BoxedStrategy<Option<String>>) = if rich {
        (text().boxed(), prop::option::of(text()).boxed())
    } else {
        (plain_text().boxed(), Just(None).boxed())
    };
    let optional = if rich {
        prop::option::of(text()).boxed()
    } else {
        Just(None).boxed()
    };
    (
        0u32..365,
        words,
        optional.clone(),
        optional,
        prop::sample::subsequence(vec![0usize, 1, 2, 3], 1..=2),
        any::<bool>(),
    )
        .prop_flat_map(
            move |(day, description, payee, reference, commodities, elide)| {
                let legs: Vec<_> = commodities
                    .iter()
                    .map(|&c| legs_of(c, memo.clone()))
                    .collect();
                let single = commodities.len() == 1;
                legs.prop_map(move |groups| Txn {
                    day,
                    description: description.clone(),
                    payee: payee.clone(),
                    reference: reference.clone(),
                    legs: groups.into_iter().flatten().collect(),
                    elide_last: elide && single,
                })
            },
        )
        .prop_filter("at least two postings", |t| t.legs.len() >= 2)
}

/// A fresh fund with every account and the in-kind units declared (EUR is
/// a well-known currency and gets declared on first use).
/// Every property fund has the same salt key, so that an export imported
/// into another fund gives the same hashes.
const SALT_KEY: &str = "5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17";

fn fresh(dir: &TempDir, name: &str, currency: Option<&str>) -> Db {
    let path = dir.path().join(name);
    init(
        &path,
        "property fund",
        currency,
        clock(),
        fondo::store::fund::Fixed {
            salt_key: Some(SALT_KEY),
            fund_id: None,
        },
    )
    .unwrap();
    Db::open(&path, Access::Write, clock()).unwrap()
}

fn declare_all(db: &mut Db) {
    for account in ACCOUNTS {
        add_account(db, account, None).unwrap();
    }
    add_commodity(db, "HOURS", 0, None).unwrap();
    add_commodity(db, "KG-RICE", 3, Some("rice")).unwrap();
}

fn post_txn(db: &mut Db, t: &Txn) -> fondo::ops::ledger::Posted {
    let last = t.legs.len() - 1;
    let postings = t
        .legs
        .iter()
        .enumerate()
        .map(|(i, leg)| PostingInput {
            account: ACCOUNTS[leg.account].to_owned(),
            amount: (!(t.elide_last && i == last)).then(|| AmountInput {
                number: amount(leg.commodity, leg.minor),
                commodity: Some(COMMODITIES[leg.commodity].0.to_owned()),
            }),
            memo: leg.memo.clone(),
        })
        .collect();
    post(
        db,
        PostRequest {
            date: t.date(),
            description: t.description.clone(),
            payee: t.payee.clone(),
            reference: t.reference.clone(),
            postings,
            pool: None,
        },
    )
    .unwrap_or_else(|e| panic!("posting {t:?}: {e}"))
}

type Balances = BTreeMap<(String, String), i128>;

/// Balances as the report gives them, in minor units.
fn report(db: &mut Db, as_of: Option<NaiveDate>) -> Balances {
    let tx = db.read().unwrap();
    let rows = balance(
        &tx,
        &BalanceQuery {
            as_of,
            ..BalanceQuery::default()
        },
    )
    .unwrap();
    rows.into_iter()
        .map(|r| ((r.account, r.commodity), r.balance.minor()))
        .collect()
}

/// The balances the transactions should give.
fn model(txns: &[Txn], as_of: Option<NaiveDate>) -> Balances {
    let mut sums = Balances::new();
    for t in txns.iter().filter(|t| as_of.is_none_or(|d| t.date() <= d)) {
        for leg in &t.legs {
            let key = (
                ACCOUNTS[leg.account].to_owned(),
                COMMODITIES[leg.commodity].0.to_owned(),
            );
            *sums.entry(key).or_insert(0) += i128::from(leg.minor);
        }
    }
    sums.retain(|_, v| *v != 0);
    sums
}

fn export(db: &mut Db) -> String {
    let mut out = Vec::new();
    export_journal(db, None, None, &mut out, &NoProgress).unwrap();
    String::from_utf8(out).unwrap()
}

/// Everything observable about a database, for "unchanged" checks.
fn state(db: &mut Db) -> String {
    let mut text = export(db);
    let verification = verify(db).unwrap();
    text.push_str(&format!(
        "{:?}\n{}\n{:?}\n",
        verification.findings,
        verification.fingerprint,
        report(db, None)
    ));
    let tx = db.read().unwrap();
    for a in lists::accounts(&tx).unwrap() {
        text.push_str(&format!("{} {} {:?}\n", a.account, a.status, a.closed_on));
    }
    for c in lists::commodities(&tx).unwrap() {
        text.push_str(&format!("{} {}\n", c.code, c.decimals));
    }
    text
}

fn import_file(db: &mut Db, path: &Path, source: &str) -> fondo::error::Result<u64> {
    let options = ImportOptions {
        source: source.to_owned(),
        dry_run: false,
        strict: false,
    };
    import_journal(db, path, "journal.csv", &options, &NoProgress).map(|s| s.transactions)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 24,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn balances_match_the_postings_and_sum_to_zero(
        txns in prop::collection::vec(txn(true), 1..8),
        as_of_day in 0u32..365,
    ) {
        let dir = TempDir::new().unwrap();
        let mut db = fresh(&dir, "f.db", Some("USD"));
        declare_all(&mut db);
        let mut last = None;
        for t in &txns {
            last = Some(post_txn(&mut db, t).hash);
        }

        let all = report(&mut db, None);
        prop_assert_eq!(&all, &model(&txns, None));
        let mut trial: BTreeMap<String, i128> = BTreeMap::new();
        for ((_, commodity), minor) in &all {
            *trial.entry(commodity.clone()).or_insert(0) += minor;
        }
        prop_assert!(trial.values().all(|v| *v == 0), "trial balance {:?}", trial);

        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(as_of_day));
        prop_assert_eq!(report(&mut db, Some(as_of)), model(&txns, Some(as_of)));

        let verification = verify(&mut db).unwrap();
        prop_assert!(verification.findings.is_empty(), "{:?}", verification.findings);
        prop_assert_eq!(verification.transactions, txns.len() as u64);
        prop_assert_eq!(Some(verification.fingerprint), last);
    }

    #[test]
    fn export_then_import_replays_the_same_hashes(
        txns in prop::collection::vec(txn(true), 1..8),
        voids in prop::collection::vec((0usize..8, 0u32..30), 0..3),
    ) {
        let dir = TempDir::new().unwrap();
        let mut db = fresh(&dir, "a.db", Some("USD"));
        declare_all(&mut db);
        for t in &txns {
            post_txn(&mut db, t);
        }
        let mut voided = Vec::new();
        for (index, later) in voids {
            let Some(t) = txns.get(index) else { continue };
            if voided.contains(&index) {
                continue;
            }
            voided.push(index);
            let date = t.date() + chrono::Days::new(u64::from(later));
            void(&mut db, TxnId::new(index as i64 + 1), "a \"mistake\", again", date).unwrap();
        }
        let original = export(&mut db);
        let fingerprint = verify(&mut db).unwrap().fingerprint;

        let file = dir.path().join("journal.csv");
        std::fs::write(&file, &original).unwrap();
        let mut copy = fresh(&dir, "b.db", None);
        let imported = import_file(&mut copy, &file, "a").unwrap();
        prop_assert_eq!(imported, (txns.len() + voided.len()) as u64);
        prop_assert_eq!(&export(&mut copy), &original);
        let verification = verify(&mut copy).unwrap();
        prop_assert!(verification.findings.is_empty(), "{:?}", verification.findings);
        prop_assert_eq!(verification.fingerprint, fingerprint);
        prop_assert_eq!(report(&mut copy, None), report(&mut db, None));

        // Importing the same file again adds nothing.
        let before = state(&mut copy);
        prop_assert_eq!(import_file(&mut copy, &file, "a").unwrap(), 0);
        prop_assert_eq!(state(&mut copy), before);
    }

    #[test]
    fn one_corrupted_row_imports_nothing(
        txns in prop::collection::vec(txn(false), 1..8),
        pick in any::<prop::sample::Index>(),
        kind in 0usize..14,
    ) {
        let dir = TempDir::new().unwrap();
        let mut db = fresh(&dir, "f.db", Some("USD"));
        declare_all(&mut db);
        add_commodity(&mut db, "EUR", 2, None).unwrap();
        // Something already in the books, so that "unchanged" means something.
        post_txn(&mut db, &Txn {
            day: 0,
            description: "Opening".into(),
            payee: None,
            reference: None,
            legs: vec![
                Leg { account: 0, commodity: 0, minor: 100_000, memo: None },
                Leg { account: 4, commodity: 0, minor: -100_000, memo: None },
            ],
            elide_last: false,
        });

        // One row per leg: (first line of its transaction, last line, fields).
        let mut rows: Vec<(u64, u64, Vec<String>)> = Vec::new();
        let mut legs: Vec<&Leg> = Vec::new();
        let mut line = 2;
        for (i, t) in txns.iter().enumerate() {
            let first = line;
            let last = line + t.legs.len() as u64 - 1;
            for leg in &t.legs {
                rows.push((first, last, vec![
                    format!("t{i}"),
                    t.date().to_string(),
                    t.description.clone(),
                    ACCOUNTS[leg.account].to_owned(),
                    amount(leg.commodity, leg.minor),
                    COMMODITIES[leg.commodity].0.to_owned(),
                ]));
                legs.push(leg);
                line += 1;
            }
        }
        let render = |rows: &[(u64, u64, Vec<String>)]| {
            let mut text = String::from("txn,date,description,account,amount,commodity\n");
            for (_, _, fields) in rows {
                text.push_str(&fields.join(","));
                text.push('\n');
            }
            text
        };
        let good = render(&rows);

        let index = pick.index(rows.len());
        let (first, last, fields) = &mut rows[index];
        let (first, last) = (*first, *last);
        let leg = legs[index];
        match kind {
            0 => fields[4] = "1,000.00".into(),
            1 => fields[4] = "abc".into(),
            2 => fields[4] = String::new(),
            3 => fields[4] = "1e5".into(),
            4 => fields[4] = "99999999999999999999".into(),
            // One more decimal place than the commodity has.
            5 => fields[4] = format!("{}{}1", fields[4], if COMMODITIES[leg.commodity].1 == 0 { "." } else { "" }),
            6 => fields[1] = "2026-02-30".into(),
            7 => fields[1] = "30/01/2026".into(),
            8 => fields[3] = "assets::x".into(),
            9 => fields[3] = ":assets".into(),
            10 => fields[5] = fields[5].to_lowercase(),
            11 => { fields.pop(); }
            // Off by one minor unit.
            12 => fields[4] = amount(leg.commodity, leg.minor + 1),
            _ => fields[2] = format!("\"{} \"quoted\"\"", fields[2]),
        }
        let bad = render(&rows);
        prop_assert_ne!(&bad, &good);

        let before = state(&mut db);
        let file = dir.path().join("journal.csv");
        std::fs::write(&file, &bad).unwrap();
        match import_file(&mut db, &file, "j") {
            Err(Error::Import { problems, .. }) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(
                        (first..=last).contains(&p.line),
                        "problem {} outside lines {}..={} of the corrupted transaction\n{}",
                        p, first, last, bad
                    );
                }
            }
            Err(e) => prop_assert!(false, "unexpected error {}", e),
            Ok(n) => prop_assert!(false, "imported {} transactions from\n{}", n, bad),
        }
        prop_assert_eq!(state(&mut db), before);

        // The file without the corruption imports whole.
        std::fs::write(&file, &good).unwrap();
        prop_assert_eq!(import_file(&mut db, &file, "j").unwrap(), txns.len() as u64);
        prop_assert!(verify(&mut db).unwrap().findings.is_empty());
    }
}

/// The clock of these funds: a fixed moment, so no row depends on today.
fn clock() -> fondo::domain::date::SharedClock {
    fondo::domain::date::fixed_clock(
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a moment"),
    )
}
