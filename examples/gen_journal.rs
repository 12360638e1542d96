//! A deterministic synthetic journal CSV for benchmarks and cross-checks.
//!
//! ```text
//! cargo run --release --example gen_journal -- --transactions 100000 [--seed 42] > journal.csv
//! ```
//!
//! The journal looks like a mutual-aid fund's five years of books: about 50
//! accounts across assets, liabilities, equity, income and expenses; three
//! currencies (USD, EUR, MXN, two decimal places each); contributions,
//! donations, grants, bills, loans, events, transfers, currency exchanges and
//! the occasional void. Every transaction has 2 to 4 postings and balances
//! per commodity; dates run from 2021-01-01 to 2025-12-31 in ascending order.
//! The same arguments always give the same bytes: randomness comes from a
//! hand-written splitmix64 generator seeded by `--seed`.
//!
//! `tests/crosscheck.rs` includes this file as a module and calls
//! [`write_journal`] directly.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::{Datelike, Days, NaiveDate};

/// The journal's columns, as `fondo journal import` reads them.
pub const HEADER: [&str; 10] = [
    "txn",
    "date",
    "description",
    "account",
    "amount",
    "commodity",
    "payee",
    "reference",
    "memo",
    "reverses",
];

/// First and last day of the generated journal.
const FIRST_DAY: (i32, u32, u32) = (2021, 1, 1);
const DAYS: u64 = 1826;

/// splitmix64: tiny, fast, and good enough for synthetic data.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Currency {
    Usd,
    Eur,
    Mxn,
}

impl Currency {
    const ALL: [Currency; 3] = [Currency::Usd, Currency::Eur, Currency::Mxn];

    fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Mxn => "MXN",
        }
    }

    fn lower(self) -> &'static str {
        match self {
            Currency::Usd => "usd",
            Currency::Eur => "eur",
            Currency::Mxn => "mxn",
        }
    }

    /// Minor units of this currency worth about `usd_cents` US cents.
    fn scale(self, usd_cents: i64) -> i64 {
        match self {
            Currency::Usd => usd_cents,
            Currency::Eur => usd_cents * 9 / 10,
            Currency::Mxn => usd_cents * 17,
        }
    }

    /// The currency of a transaction: USD half the time, MXN 30 %, EUR 20 %.
    fn random(rng: &mut SplitMix64) -> Currency {
        match rng.below(10) {
            0..=4 => Currency::Usd,
            5..=7 => Currency::Mxn,
            _ => Currency::Eur,
        }
    }
}

/// Where money of a currency is kept: 9 accounts.
fn asset(kind: &str, currency: Currency) -> String {
    format!("assets:{kind}:{}", currency.lower())
}

const ASSET_KINDS: [&str; 3] = ["bank", "cash", "savings"];
const RECEIVABLE: &str = "assets:receivable:pledges";
const LIABILITIES: [&str; 5] = [
    "liabilities:loans:members",
    "liabilities:payable:suppliers",
    "liabilities:payable:reimbursements",
    "liabilities:deposits:held",
    "liabilities:credit-card",
];
const OPENING: &str = "equity:opening";
const RESERVES: &str = "equity:reserves";
const CONTRIBUTIONS: [&str; 2] = [
    "income:contributions:monthly",
    "income:contributions:annual",
];
const DONATIONS: [&str; 4] = [
    "income:donations:individual",
    "income:donations:groups",
    "income:donations:churches",
    "income:grants:foundations",
];
const EVENT_INCOME: [&str; 3] = [
    "income:events:raffle",
    "income:events:dinners",
    "income:events:concerts",
];
const OTHER_INCOME: [&str; 3] = ["income:interest", "income:sales:crafts", "income:refunds"];
const GRANTS: [(&str, &str); 9] = [
    ("expenses:grants:housing", "Rent relief"),
    ("expenses:grants:food", "Groceries"),
    ("expenses:grants:medical", "Medical co-pay"),
    ("expenses:grants:legal", "Legal fees"),
    ("expenses:grants:education", "School supplies"),
    ("expenses:grants:utilities", "Electricity bill"),
    ("expenses:grants:transport", "Bus passes"),
    ("expenses:grants:funeral", "Funeral costs"),
    ("expenses:grants:childcare", "Childcare"),
];
const FEES: &str = "expenses:operations:fees";
const OPERATIONS: [(&str, &str); 5] = [
    ("expenses:operations:rent", "Office rent"),
    ("expenses:operations:printing", "Flyers and printing"),
    ("expenses:operations:phone", "Hotline phone plan"),
    ("expenses:operations:software", "Software subscription"),
    ("expenses:operations:accounting", "Bookkeeping help"),
];
const EVENT_COSTS: [&str; 3] = [
    "expenses:events:venue",
    "expenses:events:food",
    "expenses:events:supplies",
];

const FAMILIES: [&str; 24] = [
    "Ortega", "Nguyen", "Okafor", "García", "Haddad", "Kowalski", "Mendoza", "Abebe", "Rahman",
    "Silva", "Yilmaz", "Morales", "Chen", "Dubois", "Petrenko", "Osei", "Ramírez", "Begum",
    "Torres", "Novak", "Mwangi", "López", "Khan", "O'Brien",
];
const GROUPS: [&str; 10] = [
    "Solidarität Berlin",
    "Iglesia San Marcos",
    "Tenants' Union Local 4",
    "Hospital workers' caucus",
    "Colectivo La Milpa",
    "St. Brigid's parish",
    "Food Not Bombs",
    "Teachers for Justice",
    "Comité Vecinal Norte",
    "Harbour Dockers \"Red\" Club",
];
const SHOPS: [&str; 8] = [
    "Mercado Popular",
    "Farmacia del Pueblo",
    "City Transit",
    "Green Grocer Co-op",
    "Print Shop 24",
    "Luz y Fuerza",
    "Papelería Central",
    "Northside Hardware",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One posting: account, amount in minor units, memo.
struct Posting {
    account: String,
    amount: i64,
    currency: Currency,
    memo: &'static str,
}

/// One transaction before it is written.
struct Txn {
    description: String,
    payee: String,
    reference: String,
    postings: Vec<Posting>,
    /// The `txn` value of the transaction this one voids.
    reverses: Option<u64>,
}

fn posting(account: impl Into<String>, amount: i64, currency: Currency) -> Posting {
    Posting {
        account: account.into(),
        amount,
        currency,
        memo: "",
    }
}

/// An amount of about `low..=high` US dollars, in minor units of `currency`.
fn amount(rng: &mut SplitMix64, currency: Currency, low: i64, high: i64) -> i64 {
    let cents = rng.between(low * 100, high * 100);
    // Round some amounts to whole units, as people do.
    let cents = if rng.chance(400) {
        cents / 100 * 100
    } else {
        cents
    };
    currency.scale(cents).max(1)
}

fn family(rng: &mut SplitMix64) -> String {
    format!("the {} family", rng.pick(&FAMILIES))
}

/// Writes the `amount` column: a plain decimal with exactly two places.
fn format_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Builds transaction number `n` (1-based) of the journal.
fn make_txn(rng: &mut SplitMix64, n: u64, date: NaiveDate) -> Txn {
    let currency = Currency::random(rng);
    let bank = asset("bank", currency);
    let mut txn = Txn {
        description: String::new(),
        payee: String::new(),
        reference: String::new(),
        postings: Vec::with_capacity(4),
        reverses: None,
    };
    match rng.below(100) {
        // Members' contributions, sometimes split monthly/annual.
        0..=17 => {
            let a = amount(rng, currency, 20, 900);
            txn.description = format!(
                "Contributions ({} {})",
                MONTHS[date.month0() as usize],
                date.year()
            );
            txn.reference = format!("DUES-{n:07}");
            if rng.chance(250) {
                let part = a / 3 + 1;
                txn.postings.push(posting(&bank, a + part, currency));
                txn.postings.push(posting(CONTRIBUTIONS[0], -a, currency));
                txn.postings
                    .push(posting(CONTRIBUTIONS[1], -part, currency));
            } else {
                txn.postings.push(posting(&bank, a, currency));
                txn.postings
                    .push(posting(*rng.pick(&CONTRIBUTIONS), -a, currency));
            }
        }
        // Donations from groups and people, some pledged first.
        18..=31 => {
            let a = amount(rng, currency, 10, 2500);
            let group = *rng.pick(&GROUPS);
            txn.description = format!("Donation, {group}");
            txn.payee = group.to_owned();
            txn.reference = format!("DON-{n:07}");
            let to = if rng.chance(150) {
                RECEIVABLE.to_owned()
            } else {
                bank.clone()
            };
            txn.postings.push(posting(to, a, currency));
            txn.postings
                .push(posting(*rng.pick(&DONATIONS), -a, currency));
        }
        // Grants to families, sometimes with a bank fee.
        32..=61 => {
            let (account, what) = *rng.pick(&GRANTS);
            let a = amount(rng, currency, 15, 1200);
            txn.description = format!("{what} for {}", family(rng));
            txn.reference = format!("G-{n:07}");
            if rng.chance(300) {
                txn.payee = (*rng.pick(&SHOPS)).to_owned();
            }
            let from = asset(if rng.chance(200) { "cash" } else { "bank" }, currency);
            if rng.chance(250) {
                let fee = currency.scale(rng.between(50, 900));
                txn.postings.push(posting(account, a, currency));
                txn.postings.push(Posting {
                    memo: "transfer fee",
                    ..posting(FEES, fee, currency)
                });
                txn.postings.push(posting(from, -(a + fee), currency));
            } else {
                txn.postings.push(posting(account, a, currency));
                txn.postings.push(posting(from, -a, currency));
            }
        }
        // Running costs: bills come in, bills are paid.
        62..=71 => {
            let (account, what) = *rng.pick(&OPERATIONS);
            let a = amount(rng, currency, 5, 600);
            let shop = *rng.pick(&SHOPS);
            txn.payee = shop.to_owned();
            txn.reference = format!("INV-{n:07}");
            match rng.below(3) {
                0 => {
                    txn.description = format!("{what}, invoice from {shop}");
                    txn.postings.push(posting(account, a, currency));
                    txn.postings.push(posting(LIABILITIES[1], -a, currency));
                }
                1 => {
                    txn.description = format!("Pay {shop}");
                    txn.postings.push(posting(LIABILITIES[1], a, currency));
                    txn.postings.push(posting(&bank, -a, currency));
                }
                _ => {
                    txn.description = what.to_owned();
                    txn.postings.push(posting(account, a, currency));
                    txn.postings.push(posting(&bank, -a, currency));
                }
            }
        }
        // A card statement: three costs, one card.
        72..=76 => {
            let mut total = 0;
            txn.description = "Credit card statement".to_owned();
            txn.reference = format!("CC-{n:07}");
            for (account, _) in [
                *rng.pick(&OPERATIONS),
                *rng.pick(&OPERATIONS),
                *rng.pick(&GRANTS),
            ] {
                let a = amount(rng, currency, 5, 300);
                total += a;
                txn.postings.push(posting(account, a, currency));
            }
            txn.postings.push(posting(LIABILITIES[4], -total, currency));
        }
        // Loans from members, deposits held, reimbursements.
        77..=83 => {
            let a = amount(rng, currency, 50, 3000);
            let name = *rng.pick(&FAMILIES);
            let liability = *rng.pick(&[LIABILITIES[0], LIABILITIES[2], LIABILITIES[3]]);
            txn.payee = name.to_owned();
            if rng.chance(500) {
                txn.description = format!("Received from {name} ({liability})");
                txn.postings.push(posting(&bank, a, currency));
                txn.postings.push(posting(liability, -a, currency));
            } else {
                txn.description = format!("Repaid to {name}");
                txn.postings.push(posting(liability, a, currency));
                txn.postings.push(posting(&bank, -a, currency));
            }
        }
        // Fundraising events: takings in cash, costs paid from them.
        84..=89 => {
            let gross = amount(rng, currency, 100, 4000);
            let cost = gross / rng.between(3, 9);
            let event = *rng.pick(&EVENT_INCOME);
            txn.description = format!(
                "{} night, {}",
                event.rsplit(':').next().unwrap_or("event"),
                rng.pick(&GROUPS)
            );
            txn.reference = format!("EV-{n:07}");
            txn.postings
                .push(posting(asset("cash", currency), gross - cost, currency));
            txn.postings.push(Posting {
                memo: "paid from the takings",
                ..posting(*rng.pick(&EVENT_COSTS), cost, currency)
            });
            txn.postings.push(posting(event, -gross, currency));
        }
        // Moving money between bank, cash and savings.
        90..=93 => {
            let a = amount(rng, currency, 50, 5000);
            let from = *rng.pick(&ASSET_KINDS);
            let to = *rng.pick(&ASSET_KINDS);
            let to = if to == from { "savings" } else { to };
            let from = if to == from { "bank" } else { from };
            txn.description = format!("Transfer {from} to {to}");
            txn.postings.push(posting(asset(to, currency), a, currency));
            txn.postings
                .push(posting(asset(from, currency), -a, currency));
        }
        // Currency exchange through the conversion accounts.
        94..=96 => {
            let other = loop {
                let c = *rng.pick(&Currency::ALL);
                if c != currency {
                    break c;
                }
            };
            let usd_cents = rng.between(10_000, 500_000);
            let sold = currency.scale(usd_cents);
            let bought = other.scale(usd_cents) * rng.between(97, 103) / 100;
            txn.description = format!("Exchange {} to {}", currency.code(), other.code());
            txn.reference = format!("FX-{n:07}");
            txn.postings
                .push(posting(asset("bank", other), bought, other));
            txn.postings.push(posting(
                format!("equity:conversions:{}", other.code()),
                -bought,
                other,
            ));
            txn.postings.push(posting(
                format!("equity:conversions:{}", currency.code()),
                sold,
                currency,
            ));
            txn.postings.push(posting(&bank, -sold, currency));
        }
        // Interest, craft sales, refunds; reserves set aside.
        _ => {
            let a = amount(rng, currency, 1, 400);
            if rng.chance(200) {
                txn.description = "Set aside for the reserve".to_owned();
                txn.postings.push(posting(RESERVES, a, currency));
                txn.postings.push(posting(&bank, -a, currency));
            } else {
                let income = *rng.pick(&OTHER_INCOME);
                txn.description = format!("{} ({})", income, MONTHS[date.month0() as usize]);
                txn.postings.push(posting(&bank, a, currency));
                txn.postings.push(posting(income, -a, currency));
            }
        }
    }
    txn
}

fn write_txn(out: &mut csv::Writer<impl Write>, key: u64, date: &str, txn: &Txn) -> io::Result<()> {
    let key = key.to_string();
    let reverses = txn.reverses.map(|r| r.to_string()).unwrap_or_default();
    for p in &txn.postings {
        out.write_record([
            key.as_str(),
            date,
            &txn.description,
            &p.account,
            &format_amount(p.amount),
            p.currency.code(),
            &txn.payee,
            &txn.reference,
            p.memo,
            &reverses,
        ])?;
    }
    Ok(())
}

/// Writes a journal of `transactions` transactions to `out`.
///
/// The first three open the bank accounts against `equity:opening`; about one
/// in 500 later ones voids a recent transaction (mirrored postings, the
/// `reverses` column naming it). Fails only when `out` does.
pub fn write_journal(out: impl Write, transactions: u64, seed: u64) -> io::Result<()> {
    let mut rng = SplitMix64::new(seed);
    let mut out = csv::Writer::from_writer(out);
    out.write_record(HEADER)?;
    let (y, m, d) = FIRST_DAY;
    let first = NaiveDate::from_ymd_opt(y, m, d).expect("a valid first day");
    // Recent transactions that may still be voided: (key, transaction).
    let mut recent: Vec<(u64, Txn)> = Vec::new();
    for i in 0..transactions {
        let key = i + 1;
        let day = i * DAYS / transactions.max(1);
        let date = first + Days::new(day);
        let date_text = date.format("%Y-%m-%d").to_string();
        let txn = if i < 3 {
            let currency = Currency::ALL[i as usize];
            let a = currency.scale(2_500_000);
            Txn {
                description: format!("Opening balance, {} account", currency.code()),
                payee: String::new(),
                reference: "sheet-2020".to_owned(),
                postings: vec![
                    posting(asset("bank", currency), a, currency),
                    posting(OPENING, -a, currency),
                ],
                reverses: None,
            }
        } else if recent.len() >= 8 && rng.chance(2) {
            let (original, voided) = recent.swap_remove(rng.below(recent.len() as u64) as usize);
            Txn {
                description: format!(
                    "void of transaction {original}: {}",
                    rng.pick(&["entered twice", "wrong amount", "bank reversed it"])
                ),
                payee: voided.payee,
                reference: voided.reference,
                postings: voided
                    .postings
                    .into_iter()
                    .map(|p| Posting {
                        amount: -p.amount,
                        memo: "",
                        ..p
                    })
                    .collect(),
                reverses: Some(original),
            }
        } else {
            make_txn(&mut rng, key, date)
        };
        write_txn(&mut out, key, &date_text, &txn)?;
        if txn.reverses.is_none() && i >= 3 {
            if recent.len() == 32 {
                recent.swap_remove(rng.below(32) as usize);
            }
            recent.push((key, txn));
        }
    }
    out.flush()
}

fn usage() -> ExitCode {
    eprintln!("usage: gen_journal --transactions N [--seed S] > journal.csv");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut transactions = None;
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value) {
            ("--transactions", Some(n)) => transactions = Some(n),
            ("--seed", Some(s)) => seed = s,
            _ => return usage(),
        }
    }
    let Some(transactions) = transactions else {
        return usage();
    };
    let stdout = io::stdout().lock();
    match write_journal(
        BufWriter::with_capacity(1 << 16, stdout),
        transactions,
        seed,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_journal: {e}");
            ExitCode::FAILURE
        }
    }
}
