//! Reports, budgets, periods, exports and the demo (clap derive types only; the
//! rules of the parent module hold).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{AudienceArg, BundleAudienceArg, FormatArg, LangArgs, PageFormatArg, PeriodArgs};

#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    /// Close a period: from then on nothing dated inside it can be added
    /// or changed (posts, voids, imports, contributions, exchanges, moves,
    /// grant steps, budgets, purchases) until it is reopened. Records the
    /// ledger's head, the records' head and every pool's holdings.
    #[command(after_help = "\
Examples:
  fondo period close 2026-Q2 --reason \"approved at the forum of 2026-07-04\" --at 2026-07-04T20:00
  fondo period close 2026 --reason \"annual assembly\"")]
    Close {
        /// The period: a year (2026), a quarter (2026-Q2) or a month
        /// (2026-05); it must end before the day of the close.
        period: String,
        /// Why, and who decided it (the forum or assembly).
        #[arg(long)]
        reason: String,
        /// When it was closed: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Reopen a closed period, for a correction: recorded with its reason;
    /// entries dated inside it can be added until it is closed again.
    #[command(after_help = "\
Examples:
  fondo period reopen 2026-Q1 --reason \"a receipt of March was left out\" --at 2026-07-10T18:00")]
    Reopen {
        /// The closed period: 2026, 2026-Q1 or 2026-03.
        period: String,
        /// Why it is reopened.
        #[arg(long)]
        reason: String,
        /// When: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Every period closed at least once: closed, or reopened and why.
    #[command(after_help = "\
Examples:
  fondo period list
  fondo period list --format csv")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set what a pool means to spend on a category in a period (a later
    /// setting for the same pool, category, commodity and period replaces
    /// it; both are kept).
    #[command(after_help = "\
Examples:
  fondo budget set housing rent 1200.00 USD --period 2026-Q1 --at 2026-01-08T19:00
  fondo budget set general operations:printing 80.00 USD --period 2026-03")]
    Set {
        /// The pool, by name (general for the general pool).
        pool: String,
        /// A grant category or an expense account path below expenses:,
        /// e.g. rent or operations:printing.
        category: String,
        /// How much: a plain decimal, zero or more, e.g. 1200.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The commodity, e.g. USD.
        commodity: String,
        /// The period it covers: a year (2026), a quarter (2026-Q1) or a
        /// month (2026-03).
        #[arg(long, value_name = "PERIOD")]
        period: String,
        /// When the community set it: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The budgets in force.
    #[command(after_help = "\
Examples:
  fondo budget list
  fondo budget list --format csv")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Opening and closing holdings, inflows by kind, outflows, commitments,
    /// contributors and grants for a period.
    #[command(after_help = "\
Examples:
  fondo report summary --period 2026-Q1
  fondo report summary --from 2026-01-01 --to 2026-02-15 --in USD --format json")]
    Summary(ReportArgs),
    /// Every pool's holdings on the last day of a period (or --as-of a day).
    #[command(after_help = "\
Examples:
  fondo report pools --period 2026-Q1 --in USD
  fondo report pools --as-of 2026-03-31 --format csv")]
    Pools {
        #[command(flatten)]
        period: PeriodArgs,
        /// Holdings on this day: YYYY-MM-DD (instead of a period's last
        /// day).
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["period", "from", "to"])]
        as_of: Option<String>,
        /// Also give each pool's closing holdings in one currency, e.g. USD,
        /// with the recorded rate used (default: per commodity only).
        #[arg(long = "in", value_name = "CODE")]
        in_currency: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The grant register: amounts, status, rule, votes and turnaround.
    #[command(after_help = "\
Examples:
  fondo report grants --period 2026 --audience public
  fondo report grants --period 2026-Q2 --format csv")]
    Grants {
        #[command(flatten)]
        period: PeriodArgs,
        /// Who the report is for: names of members who asked not to be named
        /// become pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Pooled purchases: per purchase, group and item the units ordered,
    /// allocated and received (in the item's unit); per group charged, paid
    /// and owed; savings against reference prices; and who owes whom.
    #[command(after_help = "\
Examples:
  fondo report purchases --period 2026-Q2
  fondo report purchases --period 2026 --format csv")]
    Purchases {
        #[command(flatten)]
        period: PeriodArgs,
        /// Who the report is for: names of members who asked not to be named
        /// become pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Budget against actual spending per pool and category.
    #[command(after_help = "\
Examples:
  fondo report budget --period 2026
  fondo report budget --period 2026-Q1 --in USD --format csv")]
    Budget(ReportArgs),
    /// Accountability numbers, compared with the previous period.
    #[command(after_help = "\
Examples:
  fondo report metrics --period 2026-Q2
  fondo report metrics --period 2026 --in USD --format json")]
    Metrics(ReportArgs),
    /// One self-contained page for a community meeting.
    #[command(after_help = "\
Examples:
  fondo report forum --period 2026-Q2 --audience public --out forum.html
  fondo report forum --period 2026-Q2 --format md --out forum.md
  fondo report forum --period 2026-Q2 --bundle bundle-2026-Q2 --out forum.html

With --bundle the page prints the bundle's manifest digest beside the
fingerprint; the bundle must be of the same period and of the books as they
are now (the same fingerprint and records head), and check without findings.")]
    Forum(ForumArgs),
}

/// What `report forum` takes.
#[derive(Debug, Clone, Args)]
pub struct ForumArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Who the page is for: names of members who asked not to be named
    /// become pseudonyms.
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
    /// The audit bundle written for the same period (`export audit`):
    /// print its manifest digest on the page.
    #[arg(long, value_name = "DIR")]
    pub bundle: Option<PathBuf>,
    #[command(flatten)]
    pub lang: LangArgs,
}

/// What most period reports take.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Also total in one currency, e.g. USD, with recorded rates (each
    /// conversion says which rate it used); without it every figure stays
    /// per commodity.
    #[arg(long = "in", value_name = "CODE")]
    pub in_currency: Option<String>,
    /// How to print the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the audit bundle for a period into a new directory.
    #[command(after_help = "\
Examples:
  fondo export audit --out bundle-2026-Q1 --period 2026-Q1 --audience public
  fondo export audit --out audit-2026 --from 2026-01-01 --to 2026-12-31 --audience treasurer
  fondo export audit --out bundle-2026-Q2 --period 2026-Q2 --audience public --sign-with fund-key
  fondo export audit --out paquete-2026-Q2 --period 2026-Q2 --audience public --lang es

Writes BUNDLE.csv, journal.csv, reversed.csv, accounts.csv, commodities.csv,
balances.csv, pools.csv, grants.csv, votes.csv, policies.csv, roles.csv,
contributors.csv, README.txt and MANIFEST.csv. Without --period or --to the
bundle ends on the last day anything was recorded, so the same books give the
same bundle. With --sign-with it also writes fund_signers (the fund's public
keys) and MANIFEST.csv.sig, the fund key's signature of MANIFEST.csv. --lang
(default: the fund's language setting, else en) is README.txt's language;
every other file is the same in every language, and the checkers read a
README in any of them. Check it offline with `fondo verify --bundle DIR`; the
format is specified in docs/audit-format.md.")]
    Audit {
        /// The directory to write (must not exist yet, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        period: PeriodArgs,
        /// Who the bundle is for, as for lists: public and members see
        /// pseudonyms where members asked for them; treasurer (or its older
        /// name auditor) sees names.
        #[arg(long, value_enum)]
        audience: BundleAudienceArg,
        #[command(flatten)]
        lang: LangArgs,
        /// Sign MANIFEST.csv with this private OpenSSH ed25519 key, one of
        /// the fund's keys (`fund key add`); its passphrase is asked for, or
        /// read from the file FONDO_PASSPHRASE_FILE names.
        #[arg(long, value_name = "KEY")]
        sign_with: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Where the transcript, the example files, the forum report and the
    /// audit bundle go (a new or empty directory).
    #[arg(long, value_name = "DIR", default_value = "fondo-demo")]
    pub out: PathBuf,
    /// Build a network instead: three funds in three currencies that send
    /// each other transfers, and a hub that consolidates their signed
    /// bundles (`OUT/network/`; --db is not used).
    #[arg(long)]
    pub network: bool,
    /// The language of the demo's forum page and of its bundle's
    /// README.txt (the story's commands and their output stay English).
    #[command(flatten)]
    pub lang: LangArgs,
}
