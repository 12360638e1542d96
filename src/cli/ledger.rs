//! The ledger: accounts, commodities, posting, balances, the register, journal
//! import and export, bank statements, exchanges, rates and transfers between
//! funds (clap derive types only; the rules of the parent module hold).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::FormatArg;

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add an account, e.g. assets:bank:usd or expenses:grants:housing.
    #[command(after_help = "\
Examples:
  fondo account add assets:bank:usd --note \"Cooperative bank, account 0042\"
  fondo account add expenses:grants:housing")]
    Add {
        /// The account: segments joined by ':', the first one of assets,
        /// liabilities, equity, income or expenses.
        name: String,
        /// A note shown in `account list`, e.g. which bank account it is.
        #[arg(long)]
        note: Option<String>,
    },
    /// List accounts.
    #[command(after_help = "\
Examples:
  fondo account list
  fondo account list --format csv")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Set an account's note (the earlier notes stay in the governance
    /// records); an empty TEXT clears it.
    #[command(after_help = "\
Example:
  fondo account note assets:bank:usd \"Cooperative bank, new account 0077 from May\"")]
    Note {
        /// The account.
        name: String,
        /// The note, shown in `account list`.
        text: String,
    },
    /// Close an account: it takes no postings dated after the closing day.
    #[command(after_help = "\
Example:
  fondo account close assets:old-bank --date 2026-06-30

Only an account whose balance is zero can be closed.")]
    Close {
        /// The account to close.
        name: String,
        /// The closing day: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CommodityCommand {
    /// Declare a commodity, e.g. `HOURS --decimals 1` or `KG-RICE --decimals 3`.
    #[command(after_help = "\
Examples:
  fondo commodity add HOURS --decimals 1 --name \"volunteer hours\"
  fondo commodity add BLANKETS --decimals 0 --name \"winter blankets\"

Well-known currencies (USD, EUR, MXN, …) need no declaration.")]
    Add {
        /// The code: upper-case letters, digits, '-' or '_', starting with a
        /// letter (e.g. HOURS, KG-RICE), at most 24 characters.
        code: String,
        /// Decimal places amounts may have: 0 to 9 (an amount with more is
        /// refused, never rounded).
        #[arg(long, value_name = "N")]
        decimals: u32,
        /// A readable name, e.g. "volunteer hours".
        #[arg(long)]
        name: Option<String>,
    },
    /// List commodities.
    #[command(after_help = "\
Examples:
  fondo commodity list
  fondo commodity list --format json")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct PostArgs {
    /// What the transaction is, e.g. "January dues".
    pub description: String,
    /// The transaction's date: YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// A posting: "ACCOUNT=AMOUNT COMMODITY", "ACCOUNT=AMOUNT" (fund currency)
    /// or just "ACCOUNT" (takes the balancing amount). At least two.
    #[arg(short = 'p', long = "posting", value_name = "POSTING", required = true)]
    pub postings: Vec<String>,
    /// Who was paid, or who paid.
    #[arg(long)]
    pub payee: Option<String>,
    /// An outside reference: an invoice, a transfer number, a grant id.
    #[arg(long)]
    pub reference: Option<String>,
    /// The pool the income, expense and equity postings belong to (default:
    /// the general pool).
    #[arg(long)]
    pub pool: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The assets account the statement is of.
    pub account: String,
    /// The statement's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// The statement's closing balance, e.g. 1520.10 EUR (negative when
    /// overdrawn).
    #[arg(long, num_args = 2, value_names = ["BALANCE", "COMMODITY"], allow_hyphen_values = true)]
    pub statement_balance: Option<Vec<String>>,
    /// Record the reconciliation (the books must equal --statement-balance
    /// when given); later back-dated entries that change it are refused.
    #[arg(long, conflicts_with = "reopen")]
    pub record: bool,
    /// Reopen the account's reconciliations dated on or after --on.
    #[arg(long, requires = "reason")]
    pub reopen: bool,
    /// Why the reconciliation is reopened.
    #[arg(long, requires = "reopen")]
    pub reason: Option<String>,
    /// When it is recorded (default: now).
    #[arg(long, value_name = "MOMENT")]
    pub at: Option<String>,
    /// Where unmatched statement rows wait.
    #[arg(long, default_value = "equity:suspense")]
    pub suspense: String,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Only accounts at or below these (e.g. assets expenses:grants;
    /// default: every account).
    pub prefixes: Vec<String>,
    /// Only postings dated on or before this day: YYYY-MM-DD (default:
    /// every posting).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Add parent accounts with the totals of everything below them.
    #[arg(long)]
    pub tree: bool,
    /// Fold accounts to their first N segments (N is 1 or more).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Only postings to this account or those below it (default: every
    /// account).
    pub prefix: Option<String>,
    /// First day, inclusive: YYYY-MM-DD (default: the first posting); the
    /// running balance starts from the balance before it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day, inclusive: YYYY-MM-DD (default: the last posting).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Write the journal CSV (one row per posting, with hashes).
    #[command(after_help = "\
Examples:
  fondo journal export --out journal.csv
  fondo journal export --from 2026-01-01 --to 2026-03-31 --out journal-2026-Q1.csv

The format is specified in docs/journal-csv.md.")]
    Export {
        /// Only transactions dated on or after this day: YYYY-MM-DD
        /// (default: the first).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Only transactions dated on or before this day: YYYY-MM-DD
        /// (default: the last).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Write to this file instead of standard output (refused if it
        /// exists, unless --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Import a journal CSV, all or nothing.
    #[command(after_help = "\
Examples:
  fondo journal import old-books.csv --dry-run
  fondo journal import old-books.csv --source \"spreadsheet 2025\" --strict

The format is specified in docs/journal-csv.md; every problem is reported with
its line and column, and nothing is written unless the whole file is right.")]
    Import {
        /// The journal CSV to import.
        file: PathBuf,
        /// Label the import is remembered under (default: the file's name);
        /// importing again under the same source adds nothing.
        #[arg(long)]
        source: Option<String>,
        /// Check everything and say what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Refuse accounts and commodities that do not exist yet (default:
        /// declare them).
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Debug, Args)]
pub struct ExchangeArgs {
    /// How much left: a plain decimal, e.g. 500.00.
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    /// The commodity that left, e.g. EUR.
    pub from_commodity: String,
    /// What was received: AMOUNT COMMODITY, e.g. 531.00 USD.
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
    pub to_amount: Vec<String>,
    /// The assets account the money left.
    #[arg(long, value_name = "ACCOUNT")]
    pub from_account: String,
    /// The assets account the money arrived in.
    #[arg(long, value_name = "ACCOUNT")]
    pub to_account: String,
    /// The pool whose money is converted (default: the general pool).
    #[arg(long)]
    pub pool: Option<String>,
    /// A fee: AMOUNT COMMODITY (in either of the two commodities), e.g.
    /// 2.50 EUR (default: none).
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
    pub fee: Option<Vec<String>>,
    /// The exchange's date: YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RateCommand {
    /// Record that one FROM is worth RATE TO on DATE.
    #[command(after_help = "\
Examples:
  fondo rate add 2026-03-01 EUR USD 1.062 --source ECB
  fondo rate add 2026-01-01 MXN USD 0.0560 --source Banxico

Reports converting --in a currency use the latest rate on or before their last day.")]
    Add {
        /// The rate's day: YYYY-MM-DD.
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
        /// The commodity converted from, e.g. EUR.
        from: String,
        /// The commodity converted to, e.g. USD.
        to: String,
        /// How many TO one FROM is worth: a positive plain decimal, e.g. 1.062.
        #[arg(allow_negative_numbers = true)]
        rate: String,
        /// Where the rate comes from (a central bank, the exchange office).
        #[arg(long)]
        source: Option<String>,
    },
    /// The rates recorded (the latest per pair and day).
    #[command(after_help = "\
Examples:
  fondo rate list
  fondo rate list --format csv")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// Send money to another fund: charged to expenses:transfers in the
    /// pool; prints the transfer id, which the other fund records on
    /// receipt.
    #[command(after_help = "\
Example:
  fondo transfer send --to-fund 9b1de2f0a4c6e8b0d2f4a6c8e0b2d4f6 --amount 400.00 USD \\
      --from-account assets:bank --pool housing --date 2026-03-02 --memo \"Flood relief\"

A send may not spend what the pool has committed to approved grants.")]
    Send(TransferSendArgs),
    /// Record money received from another fund, under the transfer id the
    /// sender gave (credited to income:transfers in the pool).
    #[command(after_help = "\
Examples:
  fondo transfer receive --from-fund 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a \\
      --transfer-id 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a-1 --amount 400.00 USD --into assets:bank
  fondo transfer receive --from-fund 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a \\
      --transfer-id 3f0c5e7a9b1d2f4a6c8e0b2d4f6a8c9a-2 --amount 6800.00 MXN --sent 400.00 USD \\
      --into assets:bank:mxn --pool housing --grant G-0003

With --sent in another currency it is recorded as an exchange is, and the rate is in the description.")]
    Receive(TransferReceiveArgs),
    /// The transfers of the books: one row per transfer transaction, the
    /// columns of an audit bundle's transfers.csv.
    #[command(after_help = "\
Examples:
  fondo transfer list
  fondo transfer list --format csv")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct TransferSendArgs {
    /// The fund the money goes to: its id (32 hex digits; `fondo fund
    /// show` prints it).
    #[arg(long, value_name = "FUND_ID")]
    pub to_fund: String,
    /// How much: AMOUNT COMMODITY, e.g. 400.00 USD.
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
    pub amount: Vec<String>,
    /// The assets account the money leaves.
    #[arg(long, value_name = "ACCOUNT")]
    pub from_account: String,
    /// The pool whose money is sent (default: the general pool).
    #[arg(long)]
    pub pool: Option<String>,
    /// The transfer's date: YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// What it is for.
    #[arg(long)]
    pub memo: Option<String>,
}

#[derive(Debug, Args)]
pub struct TransferReceiveArgs {
    /// The fund that sent it: its id (32 hex digits).
    #[arg(long, value_name = "FUND_ID")]
    pub from_fund: String,
    /// The transfer id the sender gave: its fund id, a dash and a number.
    #[arg(long, value_name = "ID")]
    pub transfer_id: String,
    /// What arrived: AMOUNT COMMODITY, e.g. 400.00 USD.
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
    pub amount: Vec<String>,
    /// The assets account it arrived in.
    #[arg(long, value_name = "ACCOUNT")]
    pub into: String,
    /// The pool it goes to (default: the general pool).
    #[arg(long)]
    pub pool: Option<String>,
    /// The transfer's date: YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// What the sender sent, when known: AMOUNT COMMODITY (in another
    /// currency: recorded as an exchange, with its rate).
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
    pub sent: Option<Vec<String>>,
    /// The solidarity grant of this fund it funds (open or approved, in
    /// the pool), e.g. G-0003.
    #[arg(long, value_name = "GRANT")]
    pub grant: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a whole bank or platform statement, money in and out, all or
    /// nothing, through a map file (or an hledger CSV rules file): every row becomes
    /// one transaction or is skipped by a rule that says why; rows no rule
    /// matches wait in the suspense account. Importing the same statement
    /// again adds nothing.
    #[command(after_help = "\
Examples:
  fondo import statement bank-2026-02.csv --map examples/maps/de-bank.toml --dry-run --show
  fondo import statement paypal.csv --map examples/maps/paypal.toml --strict
  fondo import statement bank.csv --hledger-rules bank.csv.rules --account assets:bank:eur

Map files are described in docs/bank-import.md; check the result with `fondo reconcile`.")]
    Statement {
        /// The bank or platform's CSV export.
        file: PathBuf,
        /// The map file: encoding, columns, amount shape, account, rules.
        #[arg(
            long,
            value_name = "MAPFILE",
            required_unless_present = "hledger_rules",
            conflicts_with = "hledger_rules"
        )]
        map: Option<PathBuf>,
        /// An hledger CSV rules file instead of a map (its common subset;
        /// anything else is refused, naming the directive).
        #[arg(long, value_name = "RULES")]
        hledger_rules: Option<PathBuf>,
        /// With --hledger-rules: the fund's account the statement is of
        /// (default: the rules' account1).
        #[arg(long, value_name = "ACCOUNT", requires = "hledger_rules")]
        account: Option<String>,
        /// Label the rows are remembered under (default: the map's
        /// defaults.source, else the map file's name).
        #[arg(long)]
        source: Option<String>,
        /// Check everything and say what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print each row's outcome: the rule, the accounts and pool, or why
        /// it is skipped.
        #[arg(long)]
        show: bool,
        /// Refuse rows that no rule matches instead of posting them to the
        /// suspense account.
        #[arg(long)]
        strict: bool,
    },
    /// Turn a bank or payment-platform CSV into contributions, all or
    /// nothing, through a map file (see examples/maps/). Importing the same
    /// statement again adds nothing.
    #[command(after_help = "\
Examples:
  fondo import contributions statement.csv --map examples/maps/eu-bank.toml --dry-run
  fondo import contributions opencollective-2026-03.csv --map examples/maps/opencollective.toml

Map files are described in docs/bank-import.md.")]
    Contributions {
        /// The bank or platform's CSV export.
        file: PathBuf,
        /// The map file: columns, date and number style, account, rules.
        #[arg(long, value_name = "MAPFILE")]
        map: PathBuf,
        /// Label the rows are remembered under (default: the map's
        /// defaults.source, else the map file's name).
        #[arg(long)]
        source: Option<String>,
        /// Check everything and say what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}
