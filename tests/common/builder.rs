//! [`FundBuilder`]: a fund with accounts, members, stewards, pools,
//! policies and money in a few lines, built by the real binary.
//!
//! ```ignore
//! let fund = FundBuilder::new()
//!     .currency("USD")
//!     .account("assets:bank")
//!     .setting("contribution-account", "assets:bank")
//!     .members(&["Ana", "Bruno"])
//!     .stewards(&["Ana"], "2025-01-01")
//!     .pool("housing", "Rent relief")
//!     .policy("housing", "consent --min-consents 1 --window 24h", "2025-01-15")
//!     .contribution("Bruno", "100 USD", Some("housing"), "2025-01-10")
//!     .application("Bruno", "housing", "40 USD", "Rent", "2025-01-16T10:00")
//!     .vote("G-0001", "consent", "Ana", "2025-01-16T11:00")
//!     .build();
//! ```
//!
//! Each method adds one step or more, and [`FundBuilder::build`] runs them
//! in the order they were added (ids, hashes and fingerprints depend on
//! it), each one a command of the binary that must succeed. A step of a
//! known kind must also print its usual confirmation exactly (`added pool
//! housing`, a new transaction's id…); [`FundBuilder::prints`] asks for
//! other output, [`FundBuilder::with`] adds options to the step before, and
//! [`FundBuilder::command`] runs any other command. The built fund
//! verifies cleanly (after every step with
//! [`FundBuilder::verify_each_step`]).

use super::{Fund, clean};

/// What a step must print.
#[derive(Debug)]
enum Output {
    /// Exactly this.
    Exactly(String),
    /// A line that starts with this.
    StartsWith(String),
    /// The id of a new transaction.
    Id,
    /// Anything (the step must succeed).
    Any,
}

/// One command of the binary, without `--db`.
#[derive(Debug)]
struct Step {
    args: Vec<String>,
    output: Output,
}

/// A fund to build; see the module's documentation.
#[derive(Debug, Default)]
pub struct FundBuilder {
    name: Option<String>,
    currency: Option<String>,
    steps: Vec<Step>,
    verify_each_step: bool,
    /// How many `grant apply` steps there are (for the next grant's id).
    applications: u32,
    /// The passphrase of encrypted books.
    passphrase: Option<String>,
    /// The fund's id (`FONDO_FUND_ID` at `init`).
    fund_id: Option<String>,
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

/// `AMOUNT COMMODITY` as two arguments (`"500.00 USD"`).
fn amount(text: &str) -> [&str; 2] {
    match text.split_whitespace().collect::<Vec<_>>()[..] {
        [amount, commodity] => [amount, commodity],
        _ => panic!("an amount is written `AMOUNT COMMODITY`, got {text:?}"),
    }
}

impl FundBuilder {
    /// A fund with fondo's default name and no default currency.
    pub fn new() -> FundBuilder {
        FundBuilder::default()
    }

    /// `init --name NAME`.
    pub fn name(mut self, name: &str) -> FundBuilder {
        self.name = Some(name.to_owned());
        self
    }

    /// `init --currency CODE`.
    pub fn currency(mut self, code: &str) -> FundBuilder {
        self.currency = Some(code.to_owned());
        self
    }

    /// Encrypted books (`init --encrypt`), with `passphrase` in the file
    /// [`super::PASSPHRASE`] beside them, which every later command of the
    /// harness reads.
    pub fn encrypted(mut self, passphrase: &str) -> FundBuilder {
        self.passphrase = Some(passphrase.to_owned());
        self
    }

    /// The fund's id, fixed at `init` (`FONDO_FUND_ID`): 32 hex digits.
    pub fn fund_id(mut self, id: &str) -> FundBuilder {
        self.fund_id = Some(id.to_owned());
        self
    }

    fn push(mut self, args: &[&str], output: Output) -> FundBuilder {
        self.steps.push(Step {
            args: owned(args),
            output,
        });
        self
    }

    /// Any command that must succeed, printing anything.
    pub fn command(self, args: &[&str]) -> FundBuilder {
        self.push(args, Output::Any)
    }

    /// More arguments for the step before (`--note`, `--visibility`,
    /// `--guidelines`, `--reason`, `--into`…).
    pub fn with(mut self, extra: &[&str]) -> FundBuilder {
        let step = self.steps.last_mut().expect("`with` follows a step");
        step.args.extend(owned(extra));
        self
    }

    /// The step before must print exactly `expected`.
    pub fn prints(mut self, expected: &str) -> FundBuilder {
        let step = self.steps.last_mut().expect("`prints` follows a step");
        step.output = Output::Exactly(expected.to_owned());
        self
    }

    /// Checks after every step, not only at the end, that the books verify
    /// cleanly.
    pub fn verify_each_step(mut self) -> FundBuilder {
        self.verify_each_step = true;
        self
    }

    /// `account add NAME`.
    pub fn account(self, name: &str) -> FundBuilder {
        let added = format!("added account {name}\n");
        self.push(&["account", "add", name], Output::Exactly(added))
    }

    /// `account add` for each name.
    pub fn accounts(self, names: &[&str]) -> FundBuilder {
        names.iter().fold(self, |b, name| b.account(name))
    }

    /// `commodity add CODE --decimals N`.
    pub fn commodity(self, code: &str, decimals: u32) -> FundBuilder {
        let places = if decimals == 1 { "place" } else { "places" };
        let added = format!("added commodity {code} with {decimals} decimal {places}\n");
        let decimals = decimals.to_string();
        let args = ["commodity", "add", code, "--decimals", &decimals];
        self.push(&args, Output::Exactly(added))
    }

    /// `setting set KEY VALUE`.
    pub fn setting(self, key: &str, value: &str) -> FundBuilder {
        let set = format!("{key} = {value}\n");
        self.push(&["setting", "set", key, value], Output::Exactly(set))
    }

    /// `member add NAME`.
    pub fn member(self, name: &str) -> FundBuilder {
        let added = format!("added member {name}\n");
        self.push(&["member", "add", name], Output::Exactly(added))
    }

    /// `member add` for each name.
    pub fn members(self, names: &[&str]) -> FundBuilder {
        names.iter().fold(self, |b, name| b.member(name))
    }

    /// `role assign MEMBER ROLE --from FROM [--until UNTIL]`.
    pub fn role(self, member: &str, role: &str, from: &str, until: Option<&str>) -> FundBuilder {
        let mut args = vec!["role", "assign", member, role, "--from", from];
        let term = match until {
            Some(until) => {
                args.extend(["--until", until]);
                format!("until {until}")
            }
            None => "open-ended".to_owned(),
        };
        let assigned = format!("{member} is {role} from {from}, {term}\n");
        self.push(&args, Output::Exactly(assigned))
    }

    /// An open-ended steward term from `from` for each member.
    pub fn stewards(self, members: &[&str], from: &str) -> FundBuilder {
        members
            .iter()
            .fold(self, |b, member| b.role(member, "steward", from, None))
    }

    /// `pool add NAME --purpose PURPOSE`.
    pub fn pool(self, name: &str, purpose: &str) -> FundBuilder {
        let added = format!("added pool {name}\n");
        self.push(
            &["pool", "add", name, "--purpose", purpose],
            Output::Exactly(added),
        )
    }

    /// `policy set POOL --rule RULE… --at AT`, the rule and its options
    /// written as one text split at spaces (`"consent --min-consents 2
    /// --window 48h"`; a `--reason` goes in [`FundBuilder::with`]).
    pub fn policy(self, pool: &str, rule: &str, at: &str) -> FundBuilder {
        let mut args = vec!["policy", "set", pool, "--rule"];
        args.extend(rule.split_whitespace());
        args.extend(["--at", at]);
        let set = format!("policy of pool {pool} is now version ");
        self.push(&args, Output::StartsWith(set))
    }

    /// `contribute AMOUNT COMMODITY --from MEMBER [--pool POOL] --date DATE`.
    pub fn contribution(
        self,
        from: &str,
        money: &str,
        pool: Option<&str>,
        date: &str,
    ) -> FundBuilder {
        self.contribute(&["--from", from], money, pool, date)
    }

    /// `contribute AMOUNT COMMODITY --anonymous [--pool POOL] --date DATE`.
    pub fn anonymous_contribution(
        self,
        money: &str,
        pool: Option<&str>,
        date: &str,
    ) -> FundBuilder {
        self.contribute(&["--anonymous"], money, pool, date)
    }

    fn contribute(
        self,
        giver: &[&str],
        money: &str,
        pool: Option<&str>,
        date: &str,
    ) -> FundBuilder {
        let mut args = vec!["contribute"];
        args.extend(amount(money));
        args.extend_from_slice(giver);
        if let Some(pool) = pool {
            args.extend(["--pool", pool]);
        }
        args.extend(["--date", date]);
        self.push(&args, Output::Id)
    }

    /// `post DESCRIPTION --date DATE -p POSTING…`.
    pub fn post(self, description: &str, date: &str, postings: &[&str]) -> FundBuilder {
        let mut args = vec!["post", description, "--date", date];
        for posting in postings {
            args.extend(["-p", posting]);
        }
        self.push(&args, Output::Id)
    }

    /// `member relate A B --reason REASON --at AT`.
    pub fn relation(self, a: &str, b: &str, reason: &str, at: &str) -> FundBuilder {
        let related = format!("{a} and {b} are related: each recuses from the other's grants\n");
        self.push(
            &["member", "relate", a, b, "--reason", reason, "--at", at],
            Output::Exactly(related),
        )
    }

    /// `pool move AMOUNT COMMODITY --from FROM --to TO --reason REASON
    /// --date DATE`.
    pub fn move_money(
        self,
        money: &str,
        from: &str,
        to: &str,
        reason: &str,
        date: &str,
    ) -> FundBuilder {
        let [amount, commodity] = amount(money);
        let args = [
            "pool", "move", amount, commodity, "--from", from, "--to", to, "--reason", reason,
            "--date", date,
        ];
        self.push(&args, Output::Id)
    }

    /// `budget set POOL CATEGORY AMOUNT COMMODITY --period PERIOD --at AT`.
    pub fn budget(
        self,
        pool: &str,
        category: &str,
        money: &str,
        period: &str,
        at: &str,
    ) -> FundBuilder {
        let [amount, commodity] = amount(money);
        let args = [
            "budget", "set", pool, category, amount, commodity, "--period", period, "--at", at,
        ];
        self.push(&args, Output::Any)
    }

    /// `void TXN --reason REASON --date DATE`.
    pub fn void(self, txn: &str, reason: &str, date: &str) -> FundBuilder {
        self.push(
            &["void", txn, "--reason", reason, "--date", date],
            Output::Id,
        )
    }

    /// `grant apply --applicant APPLICANT --pool POOL --amount AMOUNT
    /// COMMODITY --purpose PURPOSE --at AT`, which must print the next grant
    /// id (`G-0001` for the first application of the builder).
    pub fn application(
        mut self,
        applicant: &str,
        pool: &str,
        money: &str,
        purpose: &str,
        at: &str,
    ) -> FundBuilder {
        self.applications += 1;
        let id = format!("G-{:04}\n", self.applications);
        let [amount, commodity] = amount(money);
        let args = [
            "grant",
            "apply",
            "--applicant",
            applicant,
            "--pool",
            pool,
            "--amount",
            amount,
            commodity,
            "--purpose",
            purpose,
            "--at",
            at,
        ];
        self.push(&args, Output::Exactly(id))
    }

    /// `grant vote GRANT HOW --as WHO --at AT` (an objection's `--reason`
    /// goes in [`FundBuilder::with`]).
    pub fn vote(self, grant: &str, how: &str, who: &str, at: &str) -> FundBuilder {
        let cast = format!("{who} votes {how} on {grant}\n");
        let args = ["grant", "vote", grant, how, "--as", who, "--at", at];
        self.push(&args, Output::Exactly(cast))
    }

    /// `grant decide GRANT --at AT`.
    pub fn decision(self, grant: &str, at: &str) -> FundBuilder {
        let decided = format!("{grant} ");
        self.push(
            &["grant", "decide", grant, "--at", at],
            Output::StartsWith(decided),
        )
    }

    /// `grant pay GRANT AMOUNT COMMODITY --from-account ACCOUNT --at AT`.
    pub fn payment(self, grant: &str, money: &str, account: &str, at: &str) -> FundBuilder {
        let [amount, commodity] = amount(money);
        let args = [
            "grant",
            "pay",
            grant,
            amount,
            commodity,
            "--from-account",
            account,
            "--at",
            at,
        ];
        self.push(&args, Output::Id)
    }

    /// Creates the fund and runs every step, in order; panics at the first
    /// that fails or prints something else than it should, and when the
    /// books do not verify cleanly.
    pub fn build(self) -> Fund {
        let fund = Fund::empty();
        let mut init = vec!["init"];
        if let Some(passphrase) = &self.passphrase {
            let file = fund.write(super::PASSPHRASE, format!("{passphrase}\n"));
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).unwrap();
            init.push("--encrypt");
        }
        if let Some(name) = &self.name {
            init.extend(["--name", name]);
        }
        if let Some(code) = &self.currency {
            init.extend(["--currency", code]);
        }
        let mut cmd = super::command();
        if let Some(id) = &self.fund_id {
            cmd.env("FONDO_FUND_ID", id);
        }
        if fund.path(super::PASSPHRASE).is_file() {
            cmd.env("FONDO_PASSPHRASE_FILE", fund.path(super::PASSPHRASE));
        }
        cmd.arg("--db").arg(&fund.db).args(&init);
        super::run_command(&mut cmd).ok();
        for step in &self.steps {
            let out = fund.ok(&step.args);
            let printed = match &step.output {
                Output::Exactly(expected) => out == *expected,
                Output::StartsWith(start) => out.starts_with(start) && out.lines().count() == 1,
                Output::Id => out.trim_end().parse::<i64>().is_ok() && out.lines().count() == 1,
                Output::Any => true,
            };
            assert!(
                printed,
                "fondo {:?} should print {:?}, printed {out:?}",
                step.args, step.output
            );
            if self.verify_each_step {
                clean(&fund);
            }
        }
        clean(&fund);
        fund
    }
}
