//! A deterministic synthetic bank statement and map for the import
//! benchmark (`scripts/bench-statement.sh`).
//!
//! ```text
//! cargo run --release --example gen_statement -- --rows 100000 --rules 500 --out DIR
//! ```
//!
//! Writes `DIR/statement.csv` (a header and `--rows` rows: date, payee,
//! description, reference, amount, currency) and `DIR/map.toml`, a map with
//! `--rules` rules, each a regular expression on the payee and one on the
//! description, half contributions and half expenses over 20 accounts. One
//! payee in six matches no rule, so those rows go to the suspense account.
//! The same arguments always give the same bytes (a splitmix64 generator).

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let rows: u64 = arg(&args, "--rows")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rules: u64 = arg(&args, "--rules")
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let Some(out) = arg(&args, "--out").map(PathBuf::from) else {
        eprintln!("gen_statement: --out DIR is required");
        return ExitCode::from(2);
    };
    match write(rows, rules, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_statement: {e}");
            ExitCode::from(2)
        }
    }
}

fn write(rows: u64, rules: u64, out: &std::path::Path) -> io::Result<()> {
    std::fs::create_dir_all(out)?;
    let payees = rules + rules / 5;
    let mut map = String::from(
        "[file]\ndate_format = \"%Y-%m-%d\"\n\n[columns]\ndate = \"Date\"\namount = \"Amount\"\n\
         currency = \"Currency\"\npayer = \"Payee\"\ndescription = \"Description\"\n\
         reference = \"Reference\"\n\n[defaults]\naccount = \"assets:bank:eur\"\nsource = \"bench\"\n",
    );
    for i in 0..rules {
        let kind = if i.is_multiple_of(2) {
            "action = \"contribution\"\n".to_owned()
        } else {
            format!(
                "action = \"expense\"\naccount = \"expenses:cat{}\"\n",
                i % 20
            )
        };
        let _ = write!(
            map,
            "\n[[rules]]\nwhen = {{ Payee = \"^payee {i:05}( |$)\", Description = \"(transfer|payment|order) {}\" }}\n{kind}",
            i % 7
        );
    }
    std::fs::write(out.join("map.toml"), map)?;
    let mut csv = BufWriter::new(std::fs::File::create(out.join("statement.csv"))?);
    writeln!(csv, "Date,Payee,Description,Reference,Amount,Currency")?;
    let mut rng = Rng(42);
    for n in 0..rows {
        let p = rng.next() % payees;
        let word = ["transfer", "payment", "order"][(rng.next() % 3) as usize];
        let cents = 100 + rng.next() % 50_000;
        // A payee's rule is a contribution when even: money in.
        let sign = if p.is_multiple_of(2) { "" } else { "-" };
        let day = 1 + (n * 365 / rows.max(1));
        let date = chrono_free_date(day);
        writeln!(
            csv,
            "{date},payee {p:05},{word} {},REF{n:07},{sign}{}.{:02},EUR",
            p % 7,
            cents / 100,
            cents % 100
        )?;
    }
    csv.flush()
}

/// Day `n` (1-based) of 2026 as YYYY-MM-DD.
fn chrono_free_date(n: u64) -> String {
    let months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = n.clamp(1, 365);
    for (m, len) in months.iter().enumerate() {
        if left <= *len {
            return format!("2026-{:02}-{left:02}", m + 1);
        }
        left -= len;
    }
    "2026-12-31".to_owned()
}
