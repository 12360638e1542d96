//! The hub: a network's consolidation of many funds (clap derive types only;
//! the rules of the parent module hold).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{AudienceArg, FormatArg, LangArg, PageFormatArg};

/// `fondo hub …`: the hub file and what it does.
#[derive(Debug, Args)]
pub struct HubArgs {
    /// The hub file.
    #[arg(
        long,
        global = true,
        env = "FONDO_HUB",
        hide_env_values = true,
        default_value = "hub.db",
        value_name = "PATH"
    )]
    pub hub: PathBuf,

    #[command(subcommand)]
    pub command: HubCommand,
}

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Create a new hub file (never overwrites an existing file).
    #[command(after_help = "\
Example:
  fondo hub init north.db --name \"North Region Hub\"")]
    Init {
        /// The hub file to create.
        path: PathBuf,
        /// The hub's name, as its reports show it.
        #[arg(long)]
        name: String,
    },
    /// The member funds: register one and its signing keys, list them, or
    /// record that one left.
    #[command(subcommand)]
    Fund(HubFundCommand),
    /// Add a member fund's signed audit bundle: checked as `fondo verify
    /// --bundle` does, signed by a key the hub holds for the fund, and
    /// extending the chains the hub witnessed before. Refused, the hub file
    /// unchanged, otherwise.
    #[command(after_help = "\
Example:
  fondo --quiet hub --hub north.db add bundle-2026-Q1")]
    Add {
        /// The bundle directory (as `fondo export audit --sign-with` wrote it).
        dir: PathBuf,
    },
    /// Every head of a fund's journal and governance records the hub
    /// witnessed, with when and from which bundle; the CSV is what `fondo
    /// verify --witness` reads.
    #[command(after_help = "\
Examples:
  fondo hub witness 3f0c51e9a1b24c7d8e6f9a0b1c2d3e4f
  fondo hub witness 3f0c51e9a1b24c7d8e6f9a0b1c2d3e4f --format csv > witness.csv")]
    Witness {
        /// The fund's id (as `fondo fund show` prints it).
        fund_id: String,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Each member fund: its bundles, last period, last journal head and
    /// when it was witnessed, and any finding; exit 1 when a fund has one.
    #[command(after_help = "\
Example:
  fondo hub status --format csv")]
    Status {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Every transfer between funds seen in a period, matched by transfer
    /// id on both sides: matched, within the tolerance, in transit at the
    /// period's end, with a fund outside the network, one-sided,
    /// conflicting, or received twice; exit 1 unless each is matched, in
    /// transit or with an outside fund.
    #[command(after_help = "\
Examples:
  fondo hub reconcile --period 2026-Q2
  fondo hub reconcile --period 2026-Q2 --tolerance 0.5 --format csv")]
    Reconcile(HubReconcileArgs),
    /// The network's reports.
    #[command(subcommand)]
    Report(HubReportCommand),
    /// The reference rates the hub's reports convert with (`--in CODE`).
    #[command(subcommand)]
    Rate(HubRateCommand),
    /// Write the hub's consolidated dataset as Parquet files for DuckDB,
    /// Spark, Trino or DataFusion: postings, transactions and transfers
    /// partitioned by fund and year, grants, contributions and witnessed
    /// heads by fund; amounts as exact decimals beside their commodity.
    #[command(after_help = "\
Example:
  fondo hub export --parquet network-2026

The dataset is written into a hidden directory beside DIR and renamed into
place when complete: DIR must not exist yet, or be empty. docs/federation.md
describes the layout and columns.")]
    Export {
        /// The directory to write (new, or empty).
        #[arg(long, value_name = "DIR")]
        parquet: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum HubReportCommand {
    /// Per member fund and for the network: contributions in money and in
    /// kind, grants paid, running costs, transfers, and each pool's holdings
    /// at the period's end, with transfers between member funds eliminated
    /// from the network's figures; then the network's metrics.
    #[command(after_help = "\
Examples:
  fondo hub report summary --period 2026-Q2
  fondo hub report summary --period 2026-Q2 --in USD --format csv")]
    Summary(HubSummaryArgs),
    /// The network's open-forum page: its figures, each member fund's with
    /// the fingerprint of its books, and the transfers between funds.
    #[command(after_help = "\
Examples:
  fondo hub report forum --period 2026-Q2 --out network.html
  fondo hub report forum --period 2026-Q2 --lang es --format md")]
    Forum(HubForumArgs),
}

#[derive(Debug, Subcommand)]
pub enum HubRateCommand {
    /// Record that one FROM is worth RATE TO on DATE.
    #[command(after_help = "\
Example:
  fondo hub rate add 2026-06-30 EUR USD 1.08

Reports converting --in a currency use the latest rate on or before their last day.")]
    Add(HubRateArgs),
}

#[derive(Debug, Subcommand)]
pub enum HubFundCommand {
    /// Register a member fund with the public key it signs its bundles
    /// with; again with another key, add that key (the fund's name must
    /// then be the same).
    #[command(after_help = "\
Example:
  fondo hub fund add 3f0c51e9a1b24c7d8e6f9a0b1c2d3e4f --name \"Barrio Fund\" --key-file barrio.pub")]
    Add {
        /// The fund's id (as `fondo fund show` prints it).
        fund_id: String,
        /// The fund's name, as the hub's reports show it.
        #[arg(long)]
        name: String,
        /// The fund's public key file (ssh-ed25519).
        #[arg(long, value_name = "PATH.pub")]
        key_file: PathBuf,
    },
    /// The member funds, their keys and whether they left.
    #[command(after_help = "\
Example:
  fondo hub fund list --format json")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Record that a member fund left the hub: no bundle of it is added
    /// any more; what it published stays witnessed.
    #[command(after_help = "\
Example:
  fondo hub fund leave 3f0c51e9a1b24c7d8e6f9a0b1c2d3e4f")]
    Leave {
        /// The fund's id.
        fund_id: String,
    },
}

/// `fondo hub reconcile`.
#[derive(Debug, Clone, Args)]
pub struct HubReconcileArgs {
    /// The period: a year (2026), a quarter (2026-Q3) or a month (2026-07).
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// How far, in percent of the amount sent, what the receiver recorded
    /// as sent may differ and still match, e.g. 0.5.
    #[arg(
        long,
        value_name = "PCT",
        default_value = "0",
        allow_negative_numbers = true
    )]
    pub tolerance: String,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

/// `fondo hub report summary`.
#[derive(Debug, Clone, Args)]
pub struct HubSummaryArgs {
    /// The period: a year (2026), a quarter (2026-Q3) or a month (2026-07).
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// Also total in one currency, e.g. USD, with the hub's rates (`fondo
    /// hub rate add`); without it every figure stays per commodity.
    #[arg(long = "in", value_name = "CODE")]
    pub in_currency: Option<String>,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

/// `fondo hub rate add`.
#[derive(Debug, Clone, Args)]
pub struct HubRateArgs {
    /// The rate's day: YYYY-MM-DD.
    #[arg(value_name = "YYYY-MM-DD")]
    pub date: String,
    /// The commodity converted from, e.g. EUR.
    pub from: String,
    /// The commodity converted to, e.g. USD.
    pub to: String,
    /// How many TO one FROM is worth: a positive plain decimal, e.g. 1.062.
    #[arg(allow_negative_numbers = true)]
    pub rate: String,
}

/// `fondo hub report forum`.
#[derive(Debug, Clone, Args)]
pub struct HubForumArgs {
    /// The period: a year (2026), a quarter (2026-Q3) or a month (2026-07).
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// Who the page is for; every fund's bundle must be for this audience
    /// or a more public one.
    #[arg(long, value_enum, default_value = "public")]
    pub audience: AudienceArg,
    /// Write the page to this file (default: standard output; refused
    /// if it exists, unless --force).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// The page's format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: PageFormatArg,
    /// The page's language: its words, and numbers and dates written for
    /// reading (1.234,56 in es and pt). Default: en.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}
