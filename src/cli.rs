//! Command-line definitions (clap derive types only).
//!
//! These types stay in the command layer: the library's core never sees them.
//! Dates and amounts are taken as text here and parsed by the domain types, so
//! their errors read the same from the command line and from files.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes: 0 ok, 1 findings (verify found a problem), 2 error (bad input, usage, I/O).
Database: --db PATH, else $FONDO_DB, else ./fondo.db.";

/// Keeps the books of a mutual-aid fund: a double-entry ledger in one SQLite
/// file, append-only and hash-chained, with CSV exports anyone can check.
#[derive(Debug, Parser)]
#[command(name = "fondo", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The fund's database file.
    #[arg(
        long,
        global = true,
        env = "FONDO_DB",
        default_value = "fondo.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new fund database (never overwrites an existing file).
    Init {
        /// The fund's name.
        #[arg(long, default_value = "fondo fund")]
        name: String,
        /// Default currency for amounts written without one, e.g. USD.
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
    },
    /// Add, list and close accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Declare and list commodities (currencies and in-kind units).
    #[command(subcommand)]
    Commodity(CommodityCommand),
    /// Post a balanced transaction; prints its id.
    #[command(after_help = "\
Example:
  fondo post \"Rent relief\" --date 2026-03-01 -p \"expenses:grants:housing=250.00 USD\" -p assets:bank:usd

One posting may leave its amount out; it takes the amount that balances the others.")]
    Post(PostArgs),
    /// Reverse a transaction with a new, linked transaction.
    Void {
        /// The id of the transaction to void.
        txn: i64,
        /// Why it is voided (recorded in the reversal's description).
        #[arg(long)]
        reason: String,
        /// The reversal's date (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Balances per account and commodity.
    Balance(BalanceArgs),
    /// Postings with a running balance per commodity.
    Register(RegisterArgs),
    /// Export or import the journal CSV.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Check every invariant of the books; exit 1 on any finding.
    Verify {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add an account, e.g. assets:bank:usd or expenses:grants:housing.
    Add {
        name: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// List accounts.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Close an account: it takes no postings dated after the closing day.
    Close {
        name: String,
        /// The closing day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CommodityCommand {
    /// Declare a commodity, e.g. `HOURS --decimals 1` or `KG-RICE --decimals 3`.
    Add {
        code: String,
        /// Decimal places amounts may have (0 to 9).
        #[arg(long)]
        decimals: u32,
        #[arg(long)]
        name: Option<String>,
    },
    /// List commodities.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct PostArgs {
    /// What the transaction is.
    pub description: String,
    /// The transaction's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// A posting: "ACCOUNT=AMOUNT COMMODITY", "ACCOUNT=AMOUNT" (fund currency)
    /// or just "ACCOUNT" (takes the balancing amount). At least two.
    #[arg(short = 'p', long = "posting", value_name = "POSTING", required = true)]
    pub postings: Vec<String>,
    #[arg(long)]
    pub payee: Option<String>,
    #[arg(long)]
    pub reference: Option<String>,
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Only accounts at or below these (e.g. assets expenses:grants).
    pub prefixes: Vec<String>,
    /// Only postings dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Add parent accounts with the totals of everything below them.
    #[arg(long)]
    pub tree: bool,
    /// Fold accounts to their first N segments.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Only postings to this account or those below it.
    pub prefix: Option<String>,
    /// First day (inclusive); the running balance starts from the balance before it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Write the journal CSV (one row per posting, with hashes).
    Export {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a journal CSV, all or nothing.
    Import {
        file: PathBuf,
        /// Label the import is remembered under (default: the file's name);
        /// importing again under the same source adds nothing.
        #[arg(long)]
        source: Option<String>,
        /// Check everything and say what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Refuse accounts and commodities that do not exist yet.
        #[arg(long)]
        strict: bool,
    },
}
