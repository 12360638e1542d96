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

    /// No notes or progress bars on standard error (errors and warnings
    /// still print).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Public,
    Members,
    Treasurer,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VisibilityArg {
    Public,
    Pseudonymous,
    Anonymous,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Treasurer,
    Steward,
    Member,
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
    /// Register members, declare relations, mark them inactive; list and show them.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Roles held for a term: treasurer, steward (may vote on grants), member.
    #[command(subcommand)]
    Role(RoleCommand),
    /// Pools: money the community set aside for a purpose.
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Record a contribution of money or in-kind support; prints its transaction id.
    #[command(after_help = "\
Examples:
  fondo contribute 500.00 USD --from Ana --pool housing --into assets:bank:usd
  fondo contribute 20 EUR --anonymous
  fondo contribute 12 HOURS --from Luis --kind legal-assistance
  fondo contribute 50 KG-RICE --from \"Cocina Común\" --pool food")]
    Contribute(ContributeArgs),
    /// Give goods out of stock (e.g. 10 KG-RICE), charged to a pool; prints
    /// the transaction id.
    Give {
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        #[arg(long)]
        pool: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// What it was for (no names needed).
        #[arg(long)]
        memo: Option<String>,
    },
    /// Goods received in kind, given out and on hand, per item.
    Inventory {
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Promises of regular support, and whether they are kept.
    #[command(subcommand)]
    Pledge(PledgeCommand),
    /// Convert money from one currency to another, with conversion legs so
    /// each commodity still balances; prints the id and the effective rate.
    #[command(after_help = "\
Example:
  fondo exchange 500.00 EUR --to-amount 531.00 USD --from-account assets:bank:eur \\
      --to-account assets:bank:usd --pool housing --fee 2.50 EUR --date 2026-02-10")]
    Exchange(ExchangeArgs),
    /// Reference exchange rates for reports that total in one currency.
    #[command(subcommand)]
    Rate(RateCommand),
    /// How each pool decides grants: rules by amount, versioned.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Micro-grants: apply, vote, decide, pay, report spending, close.
    #[command(subcommand)]
    Grant(GrantCommand),
    /// Import contributions from a bank or payment-platform CSV export.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Fund settings: contribution-account, max-term-months.ROLE.
    #[command(subcommand)]
    Setting(SettingCommand),
    /// Budgets per pool and category for a period.
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Reports for the community and auditors, for a period.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Write an audit bundle: CSV files, a manifest of digests and a README.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Build a realistic example fund through the real commands, then write
    /// its forum report and audit bundle and verify the bundle.
    Demo(DemoArgs),
    /// What a new treasurer should know: verify's findings explained, and
    /// work waiting (grants to decide, expired commitments, roles to rotate,
    /// missing settings), each with what to do. Exit 1 on a problem.
    #[command(after_help = "\
Example:
  fondo doctor
  fondo doctor --format json")]
    Doctor {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Check every invariant of the books (or of an audit bundle, offline);
    /// exit 1 on any finding.
    Verify {
        /// Check an audit bundle directory instead of the database.
        #[arg(long, value_name = "DIR")]
        bundle: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Copy the fund's database to a new file while other commands may keep
    /// working (SQLite's online backup); the copy is verified and its
    /// fingerprint printed. Never overwrites a file.
    #[command(after_help = "\
Example:
  fondo backup /media/usb/barrio-2026-03-31.db

The copy is one consistent state of the books, whatever other commands write
meanwhile. Exit code 1 when the copy (and so the books) has findings.")]
    Backup {
        /// The new file to write.
        path: PathBuf,
    },
    /// Restore a backup into the fund's database (--db). The backup is copied
    /// and verified first, and is never changed; existing books are replaced
    /// only with --force, after being saved beside the file.
    #[command(after_help = "\
Examples:
  fondo --db barrio.db restore /media/usb/barrio-2026-03-31.db
  fondo --db barrio.db restore /media/usb/barrio-2026-03-31.db --force

With --force the current books are saved as barrio.db.replaced-<time>, then
replaced in one transaction (safe while other fondo commands run). A backup
from an older fondo is upgraded in the restored copy only.")]
    Restore {
        /// The backup file to restore.
        backup: PathBuf,
        /// Replace existing books (they are saved beside the file first).
        #[arg(long)]
        force: bool,
    },
    /// Print a completion script for a shell to standard output.
    #[command(after_help = "\
Install (per user):
  bash:  fondo completions bash > ~/.local/share/bash-completion/completions/fondo
  zsh:   fondo completions zsh > ~/.zfunc/_fondo
         (and in ~/.zshrc, before compinit: fpath+=~/.zfunc)
  fish:  fondo completions fish > ~/.config/fish/completions/fondo.fish")]
    Completions {
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page (roff) to standard output, or write one page
    /// per command into a directory.
    #[command(after_help = "\
Install (per user):
  mkdir -p ~/.local/share/man/man1
  fondo man --out-dir ~/.local/share/man/man1     # fondo.1, fondo-post.1, …
  man fondo")]
    Man {
        /// Write fondo.1 and a page for every command into this directory.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// The days a report covers: `--period 2026`, `2026-Q3`, `2026-07`, or
/// `--from/--to` (either may be left out: from the first day of the books,
/// up to today).
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// A year (2026), quarter (2026-Q3) or month (2026-07).
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// First day (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BundleAudienceArg {
    Public,
    Members,
    Auditor,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PageFormatArg {
    Html,
    Md,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set what a pool means to spend on a category in a period (a later
    /// setting for the same pool, category, commodity and period replaces
    /// it; both are kept).
    #[command(after_help = "\
Example:
  fondo budget set housing rent 1200.00 USD --period 2026-Q1 --at 2026-01-08T19:00")]
    Set {
        pool: String,
        category: String,
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        #[arg(long, value_name = "PERIOD")]
        period: String,
        /// When the community set it: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The budgets in force.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Opening and closing holdings, inflows by kind, outflows, commitments,
    /// contributors and grants for a period.
    Summary(ReportArgs),
    /// Every pool's holdings on the last day of a period (or --as-of a day).
    Pools {
        #[command(flatten)]
        period: PeriodArgs,
        /// Holdings on this day (instead of a period's last day).
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["period", "from", "to"])]
        as_of: Option<String>,
        /// Also give each pool's closing holdings in one currency, with the
        /// recorded rate used.
        #[arg(long = "in", value_name = "CODE")]
        in_currency: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The grant register: amounts, status, rule, votes and turnaround.
    Grants {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Budget against actual spending per pool and category.
    Budget(ReportArgs),
    /// Accountability numbers, compared with the previous period.
    Metrics(ReportArgs),
    /// One self-contained page for a community meeting.
    Forum {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(long, value_enum, default_value = "public")]
        audience: AudienceArg,
        /// Write the page to this file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "html")]
        format: PageFormatArg,
    },
}

/// What most period reports take.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Total in one currency with recorded rates (each conversion says which
    /// rate it used); without it every figure stays per commodity.
    #[arg(long = "in", value_name = "CODE")]
    pub in_currency: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the audit bundle for a period into a new directory.
    #[command(after_help = "\
Example:
  fondo export audit --out bundle-2026-Q1 --period 2026-Q1 --audience public

Writes BUNDLE.csv, journal.csv, reversed.csv, accounts.csv, commodities.csv,
balances.csv, pools.csv, grants.csv, votes.csv, policies.csv, roles.csv,
contributors.csv, README.txt and MANIFEST.csv. Without --period or --to the
bundle ends on the last day anything was recorded, so the same books give the
same bundle. Check it offline with `fondo verify --bundle DIR`; the format is
specified in docs/audit-format.md.")]
    Audit {
        /// The directory to write (must not exist yet, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        period: PeriodArgs,
        /// Who the bundle is for: public and members see pseudonyms where
        /// members asked for them; auditor sees names.
        #[arg(long, value_enum)]
        audience: BundleAudienceArg,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Where the forum report and the audit bundle go.
    #[arg(long, value_name = "DIR", default_value = "fondo-demo")]
    pub out: PathBuf,
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
    /// The pool the income, expense and equity postings belong to (default:
    /// the general pool).
    #[arg(long)]
    pub pool: Option<String>,
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

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a member (a person or a group); names are unique, ignoring case.
    Add {
        name: String,
        #[arg(long, value_enum, default_value = "public")]
        visibility: VisibilityArg,
        /// How to reach them (shown to treasurers only).
        #[arg(long)]
        contact: Option<String>,
        /// A private note (shown to treasurers only).
        #[arg(long)]
        note: Option<String>,
    },
    /// List members with the roles they hold today (or --on a day).
    List {
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Everything about one member: details, role history, contributions.
    Show {
        name: String,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Declare two members related: each recuses from the other's grants.
    Relate {
        a: String,
        b: String,
        #[arg(long)]
        reason: String,
        /// When it was declared (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Mark a member inactive from a day on (members are never deleted).
    Deactivate {
        name: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Give a member a role for a term.
    Assign {
        member: String,
        #[arg(value_enum)]
        role: RoleArg,
        /// First day of the term.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Last day of the term (open-ended when left out).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
    },
    /// End a member's open term in a role.
    End {
        member: String,
        #[arg(value_enum)]
        role: RoleArg,
        /// The term's last day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
    },
    /// List role terms: all of history, or those held --on a day. Terms past
    /// the fund's max-term-months setting for their role are flagged.
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// Add a pool (the general pool always exists).
    Add {
        name: String,
        /// What the community set this money aside for.
        #[arg(long)]
        purpose: String,
        /// How grants from it are meant to be used.
        #[arg(long)]
        guidelines: Option<String>,
    },
    /// List pools with what each holds.
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// One pool's holdings per commodity: contributions, moves, spending.
    Show {
        name: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Move money from one pool to another (the only way money changes
    /// purpose); prints the transaction id.
    Move {
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("contributor").required(true).args(["from", "anonymous"]))]
pub struct ContributeArgs {
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    pub commodity: String,
    /// The member it came from.
    #[arg(long)]
    pub from: Option<String>,
    /// It came from someone who stays anonymous.
    #[arg(long)]
    pub anonymous: bool,
    /// The pool it goes to (default: the general pool).
    #[arg(long)]
    pub pool: Option<String>,
    /// The assets account money went into (default: the contribution-account setting).
    #[arg(long, value_name = "ACCOUNT")]
    pub into: Option<String>,
    /// For services in kind, what kind of support (e.g. legal-assistance).
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long)]
    pub memo: Option<String>,
    #[arg(long)]
    pub reference: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// Change a setting: contribution-account ACCOUNT, or
    /// max-term-months.ROLE MONTHS (e.g. max-term-months.steward 6).
    Set { key: String, value: String },
    /// List settings.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EveryArg {
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Subcommand)]
pub enum PledgeCommand {
    /// Record a pledge: AMOUNT COMMODITY every month, quarter or year.
    Add {
        member: String,
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        #[arg(long, value_enum)]
        every: EveryArg,
        /// The first day the pledge covers.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The last day it covers (open-ended when left out).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// Count only contributions to this pool (any pool when left out).
        #[arg(long)]
        pool: Option<String>,
    },
    /// Pledged against received, per pledge and period.
    Status {
        /// Periods up to this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct ExchangeArgs {
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    pub from_commodity: String,
    /// What was received: AMOUNT COMMODITY.
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
    /// A fee: AMOUNT COMMODITY (in either of the two commodities).
    #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
    pub fee: Option<Vec<String>>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RateCommand {
    /// Record that one FROM is worth RATE TO on DATE.
    Add {
        date: String,
        from: String,
        to: String,
        #[arg(allow_negative_numbers = true)]
        rate: String,
        /// Where the rate comes from (a central bank, the exchange office).
        #[arg(long)]
        source: Option<String>,
    },
    /// The rates recorded (the latest per pair and day).
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Turn a bank or payment-platform CSV into contributions, all or
    /// nothing, through a map file (see examples/maps/). Importing the same
    /// statement again adds nothing.
    Contributions {
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RuleArg {
    Consent,
    Majority,
    Lazy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VoteArg {
    Consent,
    Object,
    Abstain,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Open,
    Approved,
    Rejected,
    Withdrawn,
    Closed,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Set the rule for requests up to --max-amount (or, without it, for any
    /// larger amount); makes a new version of the pool's policy.
    #[command(after_help = "\
Examples:
  fondo policy set housing --rule lazy --window 24h --max-amount 200 USD
  fondo policy set housing --rule consent --min-consents 3 --window 72h
  fondo policy set legal --rule majority --quorum 3 --threshold 0.5 --window 7d")]
    Set {
        pool: String,
        #[arg(long, value_enum)]
        rule: RuleArg,
        /// consent: consents needed; lazy: consents needed besides no objection (default 0).
        #[arg(long)]
        min_consents: Option<u32>,
        /// majority: how many eligible stewards must vote.
        #[arg(long)]
        quorum: Option<u32>,
        /// majority: the share of consents among consents and objections that
        /// must be exceeded (0.5: more than half).
        #[arg(long, allow_negative_numbers = true)]
        threshold: Option<String>,
        /// How long the vote stays open from the application: 30m, 24h, 7d, 2w.
        #[arg(long)]
        window: String,
        /// The largest request this rule decides: AMOUNT COMMODITY.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"])]
        max_amount: Option<Vec<String>>,
        /// Why the community changed it.
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The pool's policy: its tiers, now or in every version.
    Show {
        pool: String,
        #[arg(long)]
        history: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum GrantCommand {
    /// Apply for a grant from a pool; prints its id, like G-0007.
    Apply {
        #[arg(long)]
        applicant: String,
        #[arg(long)]
        pool: String,
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        amount: Vec<String>,
        #[arg(long)]
        purpose: String,
        #[arg(long)]
        category: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        needed_by: Option<String>,
        /// When it happened: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// A steward's vote; a later vote replaces an earlier one (both are kept).
    Vote {
        grant: String,
        #[arg(value_enum)]
        vote: VoteArg,
        /// The steward voting.
        #[arg(long = "as", value_name = "MEMBER")]
        member: String,
        /// Why (required for an objection).
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Evaluate the policy: approve, reject, or say what is still missing
    /// (an approved grant past its --expires day is closed, releasing what
    /// was not paid).
    Decide {
        grant: String,
        /// On approval: the last day the commitment holds.
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close every approved grant whose commitment expired, releasing what
    /// was not paid back to its pool.
    Sweep {
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Pay a tranche of an approved grant; prints the ledger transaction id.
    Pay {
        grant: String,
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        /// The assets account the money leaves.
        #[arg(long, value_name = "ACCOUNT")]
        from_account: String,
        /// The ledger date (default: the day of --at).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// A line of the grantee's spending report.
    Spend {
        grant: String,
        #[arg(allow_negative_numbers = true)]
        amount: String,
        commodity: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        receipt: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close an approved grant; unpaid money goes back to the pool.
    Close {
        grant: String,
        /// Money the grantee returned: AMOUNT COMMODITY (with --to-account).
        #[arg(long = "return", num_args = 2, value_names = ["AMOUNT", "COMMODITY"], requires = "to_account")]
        returned: Option<Vec<String>>,
        /// The assets account returned money arrived in.
        #[arg(long, value_name = "ACCOUNT")]
        to_account: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Withdraw an open application.
    Withdraw {
        grant: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Everything about a grant: votes, decision, tranches, spending.
    Show {
        grant: String,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The grant register.
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long)]
        pool: Option<String>,
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}
