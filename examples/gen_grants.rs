//! Adds approved grants to an existing fund, for the grant-scaling benchmark
//! (`scripts/bench.sh`).
//!
//! ```text
//! cargo run --release --example gen_grants -- --db FILE --grants 2000 \
//!     [--pool aid] [--applicant Fede] [--stewards Ana,Beto] [--amount 1.00 USD] \
//!     [--from 2025-02-01] [--pay 0.50 [--pay-from assets:bank]]
//! ```
//!
//! Each grant goes through the library's own write commands, as `grant
//! apply`, two `grant vote … consent` and `grant decide` would (one SQLite
//! transaction each), in the process instead of one process per command:
//! the benchmark needs tens of thousands. The fund must already have the
//! pool, the applicant, the stewards, a policy taking two consents in a 48h
//! window, and money enough in the pool. Applications are spread over the
//! days from `--from`, one day for every 100 grants, so the decisions fall on
//! many days as in a real fund. With `--pay`, each grant is also paid one
//! tranche of that amount (in the grant's commodity) from `--pay-from` on
//! its decision day, as `grant pay` would, so the fund has as many tranches
//! paid as grants.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Days, NaiveDate, NaiveTime, TimeDelta};
use fondo::domain::date::fixed_clock;
use fondo::domain::policy::Vote;
use fondo::ops::grants::{ApplyRequest, Decided, PayRequest, apply, decide, pay, vote};
use fondo::store::{Access, Db};

struct Args {
    db: PathBuf,
    grants: u64,
    pool: String,
    applicant: String,
    stewards: Vec<String>,
    amount: (String, String),
    from: NaiveDate,
    pay: Option<String>,
    pay_from: String,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        db: PathBuf::new(),
        grants: 0,
        pool: "aid".into(),
        applicant: "Fede".into(),
        stewards: vec!["Ana".into(), "Beto".into()],
        amount: ("1.00".into(), "USD".into()),
        from: NaiveDate::from_ymd_opt(2025, 2, 1).expect("a valid day"),
        pay: None,
        pay_from: "assets:bank".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => args.db = value()?.into(),
            "--grants" => args.grants = value()?.parse().map_err(|e| format!("--grants: {e}"))?,
            "--pool" => args.pool = value()?,
            "--applicant" => args.applicant = value()?,
            "--stewards" => args.stewards = value()?.split(',').map(str::to_owned).collect(),
            "--amount" => {
                let number = value()?;
                args.amount = (number, value()?);
            }
            "--from" => {
                args.from = value()?
                    .parse()
                    .map_err(|e| format!("--from: {e} (write YYYY-MM-DD)"))?;
            }
            "--pay" => args.pay = Some(value()?),
            "--pay-from" => args.pay_from = value()?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.db.as_os_str().is_empty() {
        return Err("--db FILE is required".into());
    }
    Ok(args)
}

fn run(args: &Args) -> Result<(), String> {
    let start = args
        .from
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).expect("a valid time"));
    let mut db = Db::open(&args.db, Access::Write, fixed_clock(start))
        .map_err(|e| format!("{}: {e}", args.db.display()))?;
    for n in 0..args.grants {
        let at = start + Days::new(n / 100);
        let id = apply(
            &mut db,
            &ApplyRequest {
                applicant: args.applicant.clone(),
                pool: args.pool.clone(),
                amount: args.amount.0.clone(),
                commodity: args.amount.1.clone(),
                purpose: format!("Benchmark grant {n}"),
                category: None,
                needed_by: None,
                at: Some(at),
            },
        )
        .map_err(|e| format!("applying for grant {n}: {e}"))?;
        for steward in &args.stewards {
            vote(
                &mut db,
                id,
                steward,
                Vote::Consent,
                None,
                Some(at + TimeDelta::hours(1)),
            )
            .map_err(|e| format!("{steward}'s vote on grant {id}: {e}"))?;
        }
        let decided = at + TimeDelta::hours(49);
        match decide(&mut db, id, Some(decided), None) {
            Ok(Decided::Approved(_)) => {}
            Ok(other) => return Err(format!("grant {id} was not approved: {other:?}")),
            Err(e) => return Err(format!("deciding grant {id}: {e}")),
        }
        if let Some(amount) = &args.pay {
            pay(
                &mut db,
                &PayRequest {
                    id,
                    amount: amount.clone(),
                    commodity: args.amount.1.clone(),
                    from_account: args.pay_from.clone(),
                    date: None,
                    reference: None,
                    at: Some(decided + TimeDelta::hours(1)),
                },
            )
            .map_err(|e| format!("paying grant {id}: {e}"))?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_grants: {e}");
            ExitCode::from(2)
        }
    }
}
