//! Command-line definitions (clap derive types only).
//!
//! These types stay in the command layer: the library's core never sees them.
//! Dates and amounts are taken as text here and parsed by the domain types
//! (`domain::date`, `domain::money`, `domain::period`), so every option reads
//! them with one grammar and fails with one message, from the command line
//! and from files alike. Options taking an amount allow a leading `-`, so a
//! negative amount is refused by fondo with its reason, not by the parser as
//! an unknown flag.
//!
//! Every argument's help says what it takes (its format and default), and
//! every command's help ends with a realistic `Example:` block; a test runs
//! every example line of every command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fondo::domain::lang::Lang;

const AFTER_HELP: &str = "\
Dates are YYYY-MM-DD; moments (--at) are YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS].
Amounts are plain decimals with '.' (1234.50), without thousands separators or
exponents, and never with more decimal places than their commodity has.
Every command's --help describes its arguments and ends with an example.

Exit codes: 0 ok, 1 findings (verify found a problem), 2 error (bad input, usage, I/O).
Database: --db PATH, else $FONDO_DB, else ./fondo.db.
Hub file (fondo hub …): --hub PATH, else $FONDO_HUB, else ./hub.db.
Clock: $FONDO_NOW (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]) pins the clock (the default of
every moment and day left out) for scripted runs and tests; unset, the system clock.

Example:
  fondo --db barrio.db balance --tree";

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
        hide_env_values = true,
        default_value = "fondo.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,

    /// No notes or progress bars on standard error (errors and warnings
    /// still print).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Refuse a write whose free text (a description, memo, purpose,
    /// category, account or pool name, reason, reference) names a member
    /// hidden from the public, instead of warning (also the fund setting
    /// strict-privacy true).
    #[arg(long, global = true)]
    pub strict_privacy: bool,

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
    /// Aligned columns, for reading.
    Table,
    /// One row per line with a header (amounts as plain decimals).
    Csv,
    /// An array of objects (amounts as decimal strings).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    /// Anyone: pseudonyms for pseudonymous and anonymous members.
    Public,
    /// The fund's members: pseudonyms for anonymous members.
    Members,
    /// Treasurers: every name, with contact details and notes.
    Treasurer,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VisibilityArg {
    /// Named to every audience.
    Public,
    /// A pseudonym in public reports, named to members and treasurers.
    Pseudonymous,
    /// A pseudonym to everyone but treasurers.
    Anonymous,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Keeps the books.
    Treasurer,
    /// Votes on grants.
    Steward,
    /// A member of the fund.
    Member,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new fund database (never overwrites an existing file).
    #[command(after_help = "\
Examples:
  fondo --db barrio.db init --name \"Barrio Solidarity Fund\" --currency USD
  fondo --db cooperative.db init --name \"Cooperativa La Olla\" --currency MXN
  fondo --db private.db init --name \"Barrio Solidarity Fund\" --currency USD --encrypt

With --encrypt the passphrase is asked twice on the terminal (never echoed), or
read from the file named by FONDO_PASSPHRASE_FILE; every later command asks for
it the same way. Needs fondo built with `--features encryption`
(docs/encryption.md).")]
    Init {
        /// The fund's name, as reports and the forum page show it.
        #[arg(long, default_value = "fondo fund")]
        name: String,
        /// The fund's currency, for amounts written without one: a code such
        /// as USD, EUR or MXN (default: none, every amount names its
        /// commodity).
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
        /// Encrypt the books with a passphrase (SQLCipher).
        #[arg(long)]
        encrypt: bool,
    },
    /// Change the passphrase of encrypted books.
    #[command(after_help = "\
Example:
  fondo rekey

The current passphrase is asked (or read from FONDO_PASSPHRASE_FILE), then the
new one twice (or read from FONDO_NEW_PASSPHRASE_FILE). Backups made before keep
the old passphrase.")]
    Rekey,
    /// Add, list and close accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Declare and list commodities (currencies and in-kind units).
    #[command(subcommand)]
    Commodity(CommodityCommand),
    /// Post a balanced transaction; prints its id.
    #[command(after_help = "\
Examples:
  fondo post \"January dues\" --date 2026-01-12 -p \"assets:bank:usd=620.00 USD\" -p income:contributions
  fondo post \"Rent relief\" --date 2026-03-01 -p \"expenses:grants:housing=250.00 USD\" -p assets:bank:usd \\
      --payee \"Ortega family\" --reference G-0001 --pool housing

One posting may leave its amount out; it takes the amount that balances the others.")]
    Post(PostArgs),
    /// Reverse a transaction with a new, linked transaction.
    #[command(after_help = "\
Examples:
  fondo void 2 --reason \"entered twice\"
  fondo void 14 --reason \"wrong account, posted again as 15\" --date 2026-03-31

A transaction is voided at most once; the original stays in the journal.")]
    Void {
        /// The id of the transaction to void (as `post` printed it).
        txn: i64,
        /// Why it is voided (recorded in the reversal's description).
        #[arg(long)]
        reason: String,
        /// The reversal's date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Books against the bank: an account's balance against its statement's,
    /// rows waiting in suspense, and entries no imported statement confirmed.
    #[command(after_help = "\
Examples:
  fondo reconcile assets:bank:eur --on 2026-02-28
  fondo reconcile assets:bank:eur --on 2026-02-28 --statement-balance 1520.10 EUR --record
  fondo reconcile assets:bank:eur --on 2026-02-28 --reopen --reason \"bank fee booked late\"

Exit code 1 when the books differ from --statement-balance. A recorded
reconciliation holds: an entry dated on or before it that changes the balance
is refused until it is reopened.")]
    Reconcile(ReconcileArgs),
    /// Balances per account and commodity.
    #[command(after_help = "\
Examples:
  fondo balance assets expenses:grants --tree
  fondo balance --depth 2 --as-of 2026-02-28 --format csv")]
    Balance(BalanceArgs),
    /// Postings with a running balance per commodity.
    #[command(after_help = "\
Examples:
  fondo register assets:bank:usd --from 2026-03-01
  fondo register expenses --from 2026-01-01 --to 2026-03-31 --format csv")]
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
  fondo contribute 500.00 USD --from Ana --pool housing --into assets:bank:usd --date 2026-03-01
  fondo contribute 20 EUR --anonymous --into assets:bank:eur --memo \"collection at the assembly\"
  fondo contribute 12.0 HOURS --from Luis --kind legal-assistance
  fondo contribute 50 KG-RICE --from \"Cocina Común\" --pool food")]
    Contribute(ContributeArgs),
    /// Give goods out of stock (e.g. 10 KG-RICE), charged to a pool; prints
    /// the transaction id.
    #[command(after_help = "\
Example:
  fondo give 10 KG-RICE --pool food --date 2026-02-21 --memo \"weekly baskets\"")]
    Give {
        /// How much: a plain decimal, e.g. 10 (at most the commodity's
        /// decimal places).
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The goods' commodity, e.g. KG-RICE or BLANKETS.
        commodity: String,
        /// The pool the goods are charged to (default: the general pool).
        #[arg(long)]
        pool: Option<String>,
        /// The day they were given out: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// What it was for (no names needed).
        #[arg(long)]
        memo: Option<String>,
    },
    /// Goods received in kind, given out and on hand, per item.
    #[command(after_help = "\
Examples:
  fondo inventory
  fondo inventory --as-of 2026-03-31 --format csv")]
    Inventory {
        /// Count up to this day: YYYY-MM-DD (default: everything recorded).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// How to print the rows.
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
    /// Transfers between funds: money sent to another fund or received
    /// from one, each named by a transfer id both funds record.
    #[command(subcommand)]
    Transfer(TransferCommand),
    /// How each pool decides grants: rules by amount, versioned.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Micro-grants: apply, vote, decide, pay, report spending, close.
    #[command(subcommand)]
    Grant(GrantCommand),
    /// Import a whole bank or payment-platform statement (money in and out), or only its contributions.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Fund settings: contribution-account, language, strict-privacy, max-term-months.ROLE.
    #[command(subcommand)]
    Setting(SettingCommand),
    /// The fund itself: its id, name and currency, and its signing key.
    #[command(subcommand)]
    Fund(FundCommand),
    /// A regional hub: its own file that consolidates member funds' signed
    /// audit bundles and witnesses their chains (docs/federation.md).
    Hub(HubArgs),
    /// Make an OpenSSH ed25519 key pair for signing ballots.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Sign a ballot written by `fondo grant ballot`.
    #[command(subcommand)]
    Ballot(BallotCommand),
    /// Budgets per pool and category for a period.
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Close a period after the forum approved its books, reopen it for a
    /// correction, list closed periods.
    #[command(subcommand)]
    Period(PeriodCommand),
    /// Reports for the community and auditors, for a period.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Write an audit bundle: CSV files, a manifest of digests and a README.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Build a realistic example fund through the real commands, then write
    /// its forum report and audit bundle and verify the bundle.
    #[command(after_help = "\
Example:
  fondo --db demo.db demo --out demo

The demo never touches an existing database or a folder that is not empty.")]
    Demo(DemoArgs),
    /// Pooled purchasing: a group order from one supplier for several
    /// member groups, allocated to whole cases, costs split exactly, goods
    /// handed out from stock.
    #[command(subcommand)]
    Purchase(PurchaseCommand),
    /// What a new treasurer should know: verify's findings explained, and
    /// work waiting (grants to decide, expired commitments, roles to rotate,
    /// missing settings), each with what to do. Exit 1 on a problem.
    #[command(after_help = "\
Examples:
  fondo doctor
  fondo doctor --format json
  fondo doctor --on 2026-03-31

With --on, waiting work is judged as it stands at the end of that day: a
voting window that closes during the day counts as closed.")]
    Doctor {
        /// The day to judge waiting work by: YYYY-MM-DD (default: now).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Check every invariant of the books (or of an audit bundle, offline);
    /// exit 1 on any finding.
    #[command(after_help = "\
Examples:
  fondo verify
  fondo verify --bundle bundle-2026-Q1 --format json
  fondo verify --bundle bundle-2026-Q2 --signer-key fund.pub
  fondo verify --witness witness.csv

The last line is the ledger's fingerprint, to compare with the one read out at
the forum. A bundle's MANIFEST.csv.sig is checked when it is there; without
--signer-key that only shows the bundle agrees with itself, so get the fund's
public key from the fund and give it to --signer-key.")]
    Verify {
        /// Check an audit bundle directory instead of the database.
        #[arg(long, value_name = "DIR")]
        bundle: Option<PathBuf>,
        /// Also check that the books extend every head of this fund a hub
        /// witnessed: the file `fondo hub witness FUND_ID --format csv`
        /// wrote.
        #[arg(long, value_name = "FILE", conflicts_with = "bundle")]
        witness: Option<PathBuf>,
        /// With --bundle: require MANIFEST.csv.sig, made by this public key
        /// (the fund's, as the fund gave it to you).
        #[arg(long, value_name = "FILE.pub", requires = "bundle")]
        signer_key: Option<PathBuf>,
        /// How to print the findings.
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
        /// The new file to write (must not exist).
        path: PathBuf,
    },
    /// Write a handover pack for the next treasurer into a new or empty
    /// directory: one HTML page and the same in Markdown (balances, pools,
    /// grants and pledges waiting, milestones, roles ending soon, the
    /// fingerprints and a checklist for the first week), and a verified
    /// backup of the books.
    #[command(after_help = "\
Examples:
  fondo handover --out handover-2026-06 --on 2026-06-30

Exit code 1 when the backup (and so the books) has findings.")]
    Handover {
        /// The directory to write (must not exist yet, or be empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The day the books are handed over: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[command(flatten)]
        lang: LangArgs,
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
Examples (install per user):
  fondo completions bash > ~/.local/share/bash-completion/completions/fondo
  fondo completions zsh > ~/.zfunc/_fondo    # and in ~/.zshrc, before compinit: fpath+=~/.zfunc
  fondo completions fish > ~/.config/fish/completions/fondo.fish")]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page (roff) to standard output, or write one page
    /// per command into a directory.
    #[command(after_help = "\
Examples (install per user):
  fondo man --out-dir ~/.local/share/man/man1     # fondo.1, fondo-post.1, …; then: man fondo
  fondo man > fondo.1")]
    Man {
        /// Write fondo.1 and a page for every command into this directory
        /// (default: print fondo.1 to standard output).
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// The days a report covers: `--period 2026`, `2026-Q3`, `2026-07`, or
/// `--from/--to` (either may be left out: from the first day of the books,
/// up to today).
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// The period: a year (2026), a quarter (2026-Q3) or a month (2026-07).
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// First day, inclusive: YYYY-MM-DD (default: the first day of the
    /// books).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day, inclusive: YYYY-MM-DD (default: today; for `export audit`,
    /// the last day anything was recorded).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BundleAudienceArg {
    /// Anyone: pseudonyms where members asked for them.
    Public,
    /// The fund's members: pseudonyms for anonymous members.
    Members,
    /// Treasurers and auditors: every name and the accounts' notes, never
    /// contact details (`auditor`, its older name, is still accepted).
    #[value(alias = "auditor")]
    Treasurer,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatementFormatArg {
    /// Aligned columns.
    Table,
    /// CSV with a header line.
    Csv,
    /// A JSON array of rows.
    Json,
    /// A printable page: a thank-you and receipt.
    Html,
}

/// A language pages for people are written in.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Spanish (español).
    Es,
    /// French (français).
    Fr,
    /// Portuguese (português).
    Pt,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::En => Lang::En,
            LangArg::Es => Lang::Es,
            LangArg::Fr => Lang::Fr,
            LangArg::Pt => Lang::Pt,
        }
    }
}

/// The language of a page for people.
#[derive(Debug, Clone, Copy, Args)]
pub struct LangArgs {
    /// The page's language: its words, and numbers and dates written for
    /// reading (1.234,56 in es and pt). Default: the fund's `language`
    /// setting, else en. Only pages (HTML, Markdown) change with it:
    /// tables, CSV and JSON never do.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

impl LangArgs {
    pub fn asked(self) -> Option<Lang> {
        self.lang.map(Lang::from)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PageFormatArg {
    /// One self-contained HTML page (inline CSS and SVG, prints on A4).
    Html,
    /// Markdown.
    Md,
}

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

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a member (a person or a group); names are unique, ignoring case.
    #[command(after_help = "\
Examples:
  fondo member add Ana --contact ana@example.org
  fondo member add \"Cocina Común\" --visibility pseudonymous --note \"runs the community kitchen\"")]
    Add {
        /// The member's name: a person or a group.
        name: String,
        /// How their name appears to each audience of lists and reports.
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
    #[command(after_help = "\
Examples:
  fondo member list --audience public
  fondo member list --on 2026-03-01 --format csv")]
    List {
        /// Who the list is for: names of members who asked not to be named
        /// become pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// The day whose roles are shown: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Everything about one member: details, role history, contributions.
    #[command(after_help = "\
Examples:
  fondo member show Ana
  fondo member show Ana --history
  fondo member show \"Cocina Común\" --audience members --format json")]
    Show {
        /// The member's name (any case).
        name: String,
        /// Every version of their details instead, oldest first: each
        /// correction made with `fondo member edit`.
        #[arg(long)]
        history: bool,
        /// Who it is for: names of members who asked not to be named become
        /// pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// What one member gave in a period, and what it did: every contribution
    /// in money and in kind, totals per commodity, pledges and how they were
    /// kept, grants received, and the grants paid from the pools they gave
    /// to; with the fund's name and fingerprint. --format html is a
    /// printable thank-you and receipt.
    #[command(after_help = "\
Examples:
  fondo member statement Ana --period 2026
  fondo member statement Ana --period 2026 --format html --out ana-2026.html
  fondo member statement \"Cocina Común\" --from 2026-01-01 --to 2026-06-30 --format csv")]
    Statement {
        /// The member's name (any case).
        name: String,
        #[command(flatten)]
        period: PeriodArgs,
        /// How to write it: table, csv, json, or html (a printable page).
        #[arg(long, value_enum, default_value = "table")]
        format: StatementFormatArg,
        /// Write to this file instead of standard output (refused if it
        /// exists, unless --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        #[command(flatten)]
        lang: LangArgs,
    },
    /// Register, revoke and list members' OpenSSH keys (for signed votes).
    #[command(subcommand)]
    Key(MemberKeyCommand),
    /// Declare two members related: each recuses from the other's grants.
    #[command(after_help = "\
Example:
  fondo member relate Carmen Dario --reason \"siblings\" --at 2026-01-10T18:40")]
    Relate {
        /// One member.
        a: String,
        /// The other member.
        b: String,
        /// Why they are related (recorded), e.g. "siblings".
        #[arg(long)]
        reason: String,
        /// When it was declared: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Correct or change a member's details: a new version is recorded, the
    /// earlier ones stay (`member show NAME --history`).
    #[command(after_help = "\
Examples:
  fondo member edit Ana --contact ana@riseup.net
  fondo member edit \"Cocina Común\" --visibility anonymous --at 2026-05-02T10:00
  fondo member edit Luiz --rename Luis --note \"name was misspelt\"

An empty --contact \"\" or --note \"\" clears it. A new visibility applies to
every output written from then on; files already published stay as they were.")]
    Edit {
        /// The member's name now (any case).
        name: String,
        /// How to reach them (shown to treasurers only).
        #[arg(long)]
        contact: Option<String>,
        /// A private note (shown to treasurers only).
        #[arg(long)]
        note: Option<String>,
        /// How their name appears to each audience from now on.
        #[arg(long, value_enum)]
        visibility: Option<VisibilityArg>,
        /// A new name (no other member may have, or have had, it).
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        /// When the change takes effect: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Mark a member inactive from a day on (members are never deleted).
    #[command(after_help = "\
Example:
  fondo member deactivate Marta --on 2026-07-01

Refused while they hold a role past that day: end it first with `fondo role end`.")]
    Deactivate {
        /// The member's name.
        name: String,
        /// The first day they are inactive: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Give a member a role for a term.
    #[command(after_help = "\
Examples:
  fondo role assign Ana steward --from 2026-01-01 --until 2026-06-30
  fondo role assign Luis member --from 2026-01-01")]
    Assign {
        /// The member's name.
        member: String,
        /// The role.
        #[arg(value_enum)]
        role: RoleArg,
        /// First day of the term: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Last day of the term: YYYY-MM-DD (default: open-ended).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
    },
    /// End a member's open term in a role.
    #[command(after_help = "\
Example:
  fondo role end Gabriela steward --on 2026-03-31")]
    End {
        /// The member's name.
        member: String,
        /// The role whose open term ends.
        #[arg(value_enum)]
        role: RoleArg,
        /// The term's last day: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
    },
    /// List role terms: all of history, or those held --on a day. Terms past
    /// the fund's max-term-months setting for their role are flagged.
    #[command(after_help = "\
Examples:
  fondo role list
  fondo role list --on 2026-03-01 --audience public")]
    List {
        /// Only terms held on this day: YYYY-MM-DD (default: every term).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// Who the list is for: names of members who asked not to be named
        /// become pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// Add a pool (the general pool always exists).
    #[command(after_help = "\
Examples:
  fondo pool add housing --purpose \"Rent relief\" --guidelines \"Up to 2 months' rent per family\"
  fondo pool add \"rapid response\" --purpose \"Emergencies: a night's shelter, medicine, a bus fare\"")]
    Add {
        /// The pool's name, e.g. housing or "rapid response".
        name: String,
        /// What the community set this money aside for.
        #[arg(long)]
        purpose: String,
        /// How grants from it are meant to be used.
        #[arg(long)]
        guidelines: Option<String>,
    },
    /// List pools with what each holds.
    #[command(after_help = "\
Examples:
  fondo pool list
  fondo pool list --as-of 2026-03-31 --format csv")]
    List {
        /// Holdings on this day: YYYY-MM-DD (default: everything recorded).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// One pool's holdings per commodity: contributions, moves, spending.
    #[command(after_help = "\
Examples:
  fondo pool show housing
  fondo pool show \"rapid response\" --as-of 2026-03-31")]
    Show {
        /// The pool's name (general for the general pool).
        name: String,
        /// Holdings on this day: YYYY-MM-DD (default: everything recorded).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Record a new purpose or guidelines for a pool (the earlier ones stay
    /// in the governance records).
    #[command(after_help = "\
Examples:
  fondo pool edit housing --purpose \"Rent relief and deposits\"
  fondo pool edit housing --guidelines \"Up to 3 months' rent per family\"

An empty --guidelines \"\" clears them.")]
    Edit {
        /// The pool's name.
        name: String,
        /// What the community set this money aside for.
        #[arg(long)]
        purpose: Option<String>,
        /// How grants from it are meant to be used.
        #[arg(long)]
        guidelines: Option<String>,
    },
    /// Move money from one pool to another (the only way money changes
    /// purpose); prints the transaction id.
    #[command(after_help = "\
Example:
  fondo pool move 100.00 USD --from housing --to food --reason \"assembly of 2026-03-04\" --date 2026-03-04")]
    Move {
        /// How much: a plain decimal, e.g. 100.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The commodity, e.g. USD.
        commodity: String,
        /// The pool the money leaves.
        #[arg(long, value_name = "POOL")]
        from: String,
        /// The pool it goes to.
        #[arg(long, value_name = "POOL")]
        to: String,
        /// Why (e.g. the assembly that decided it).
        #[arg(long)]
        reason: String,
        /// The move's date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("contributor").required(true).args(["from", "anonymous"]))]
pub struct ContributeArgs {
    /// How much: a plain decimal, e.g. 500.00 (at most the commodity's
    /// decimal places).
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    /// The commodity: a currency (USD) or an in-kind unit (HOURS, KG-RICE).
    pub commodity: String,
    /// The member it came from.
    #[arg(long, value_name = "MEMBER")]
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
    /// The day it was received: YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// A note kept with the transaction.
    #[arg(long)]
    pub memo: Option<String>,
    /// An outside reference, e.g. a bank transfer number.
    #[arg(long)]
    pub reference: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// Change a setting: contribution-account ACCOUNT, language
    /// en|es|fr|pt (pages for people: forum, bundle README, statements,
    /// handover), strict-privacy true|false, or max-term-months.ROLE MONTHS
    /// (e.g. max-term-months.steward 6).
    #[command(after_help = "\
Examples:
  fondo setting set contribution-account assets:bank:usd
  fondo setting set language es
  fondo setting set max-term-months.steward 6")]
    Set {
        /// contribution-account, language, strict-privacy, or
        /// max-term-months.treasurer, max-term-months.steward or
        /// max-term-months.member.
        key: String,
        /// An assets account (contribution-account), a language (en, es,
        /// fr or pt), true or false (strict-privacy), or a number of months.
        value: String,
    },
    /// List settings.
    #[command(after_help = "\
Example:
  fondo setting list")]
    List {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EveryArg {
    /// Every calendar month.
    Month,
    /// Every calendar quarter.
    Quarter,
    /// Every calendar year.
    Year,
}

#[derive(Debug, Subcommand)]
pub enum PledgeCommand {
    /// Record a pledge: AMOUNT COMMODITY every month, quarter or year.
    #[command(after_help = "\
Examples:
  fondo pledge add Ana 50.00 USD --every month --from 2026-01-01 --pool housing
  fondo pledge add \"Solidarität Berlin\" 600.00 EUR --every quarter --from 2026-01-01 --until 2026-12-31")]
    Add {
        /// The member who pledged.
        member: String,
        /// How much each period: a plain decimal, e.g. 50.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The commodity, e.g. USD.
        commodity: String,
        /// How often.
        #[arg(long, value_enum)]
        every: EveryArg,
        /// The first day the pledge covers: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The last day it covers: YYYY-MM-DD (default: open-ended).
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// Count only contributions to this pool (default: any pool).
        #[arg(long)]
        pool: Option<String>,
    },
    /// End a member's running pledge: --on is its last day (the pledge stays
    /// in history; nothing is expected after it).
    #[command(after_help = "\
Examples:
  fondo pledge end Ana --on 2026-06-30 --reason \"moved away\"
  fondo pledge end Ana --pool housing --on 2026-06-30")]
    End {
        /// The member who pledged.
        member: String,
        /// The pledge's pool, when the member has several pledges running.
        #[arg(long)]
        pool: Option<String>,
        /// The pledge's last day: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: String,
        /// Why it ends (recorded).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Change a running pledge's amount or frequency from a day on: it ends
    /// the day before, and a new pledge starts (both stay in history).
    #[command(after_help = "\
Examples:
  fondo pledge change Ana --amount 30.00 --from 2026-07-01
  fondo pledge change Ana --pool housing --every quarter --amount 150.00 --from 2026-07-01")]
    Change {
        /// The member who pledged.
        member: String,
        /// The pledge's pool, when the member has several pledges running.
        #[arg(long)]
        pool: Option<String>,
        /// The new amount each period, in the pledge's commodity.
        #[arg(long, allow_negative_numbers = true)]
        amount: Option<String>,
        /// The new frequency.
        #[arg(long, value_enum)]
        every: Option<EveryArg>,
        /// The first day of the new terms: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Why it changes (recorded with the old pledge's end).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Pledged against received, per pledge and period.
    #[command(after_help = "\
Examples:
  fondo pledge status
  fondo pledge status --as-of 2026-06-30 --audience members --format csv")]
    Status {
        /// Periods up to this day: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Who it is for: names of members who asked not to be named become
        /// pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RuleArg {
    /// Approved with --min-consents consents and no objection.
    Consent,
    /// Approved when --quorum stewards voted and the consents' share is
    /// over --threshold.
    Majority,
    /// Approved when the window closes without objection (and with
    /// --min-consents consents, default 0); only with --max-amount.
    Lazy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SignedVotesArg {
    /// Votes may be signed or not.
    Optional,
    /// Only votes from signed ballots are taken and counted.
    Required,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BallotChoiceArg {
    /// For the grant.
    Consent,
    /// Against it (needs --reason).
    Object,
    /// A vote, but not a consent.
    Abstain,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VoteArg {
    /// For the grant.
    Consent,
    /// Against it (needs --reason).
    Object,
    /// A vote, but not a consent.
    Abstain,
    /// Take back one's vote before the decision: counts as not having voted.
    Withdraw,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    /// Applied for, not decided yet.
    Open,
    /// Approved: money committed, being paid.
    Approved,
    /// Decided against.
    Rejected,
    /// Withdrawn by the applicant.
    Withdrawn,
    /// Finished: unpaid money released to the pool.
    Closed,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Set the rule for requests up to --max-amount (or, without it, for any
    /// larger amount); makes a new version of the pool's policy.
    #[command(after_help = "\
Examples:
  fondo policy set housing --rule lazy --window 24h --max-amount 200 USD --at 2026-03-01T19:00
  fondo policy set housing --rule consent --min-consents 3 --window 72h --reason \"assembly of 2026-03-01\"
  fondo policy set legal --rule majority --quorum 3 --threshold 0.5 --window 7d
  fondo policy set housing --rule consent --min-consents 2 --window 72h --signed-votes required")]
    Set {
        /// The pool whose policy changes (general for the general pool).
        pool: String,
        /// How requests in this tier are decided.
        #[arg(long, value_enum)]
        rule: RuleArg,
        /// consent: consents needed (1 or more); lazy: consents needed
        /// besides no objection (default 0).
        #[arg(long, value_name = "N")]
        min_consents: Option<u32>,
        /// majority: how many eligible stewards must vote (1 or more).
        #[arg(long, value_name = "N")]
        quorum: Option<u32>,
        /// majority: the share of consents among consents and objections that
        /// must be exceeded: a decimal from 0 to 1 (0.5: more than half).
        #[arg(long, value_name = "SHARE", allow_negative_numbers = true)]
        threshold: Option<String>,
        /// How long the vote stays open from the application: a number and
        /// m, h, d or w, e.g. 30m, 24h, 7d, 2w.
        #[arg(long)]
        window: String,
        /// The largest request this rule decides: AMOUNT COMMODITY, e.g.
        /// 200 USD (default: any larger amount).
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
        max_amount: Option<Vec<String>>,
        /// Why the community changed it.
        #[arg(long)]
        reason: Option<String>,
        /// required: only votes from signed ballots are taken and counted
        /// (default: as in the pool's last version; optional at first).
        #[arg(long, value_enum)]
        signed_votes: Option<SignedVotesArg>,
        /// When the community changed it: YYYY-MM-DD or
        /// YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The pool's policy: its tiers, now or in every version.
    #[command(after_help = "\
Examples:
  fondo policy show housing
  fondo policy show \"rapid response\" --history --format csv")]
    Show {
        /// The pool's name (general for the general pool).
        pool: String,
        /// Show every version, not only the one in force.
        #[arg(long)]
        history: bool,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum GrantCommand {
    /// Apply for a grant from a pool; prints its id, like G-0007.
    #[command(after_help = "\
Examples:
  fondo grant apply --applicant Carmen --pool housing --amount 600.00 USD \\
      --purpose \"Two months' rent\" --category rent --at 2026-03-04T10:00
  fondo grant apply --applicant \"Familia Ortega\" --pool housing --amount 180.00 USD \\
      --purpose \"Electricity bill before the cut-off\" --needed-by 2026-01-22")]
    Apply {
        /// The member applying.
        #[arg(long, value_name = "MEMBER")]
        applicant: String,
        /// The pool asked.
        #[arg(long)]
        pool: String,
        /// How much: AMOUNT COMMODITY, e.g. 600.00 USD.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        amount: Vec<String>,
        /// What the money is for.
        #[arg(long)]
        purpose: String,
        /// A spending category, e.g. rent (budgets are compared by it).
        #[arg(long)]
        category: Option<String>,
        /// The day the money is needed by: YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        needed_by: Option<String>,
        /// When it happened: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// A steward's vote; a later vote replaces an earlier one (both are kept).
    #[command(after_help = "\
Examples:
  fondo grant vote G-0001 consent --as Ana --at 2026-03-04T12:00
  fondo grant vote G-0001 object --as Bruno --reason \"the landlord's letter is missing\"
  fondo grant vote G-0001 withdraw --as Bruno --at 2026-03-05T09:00
  fondo grant vote --ballot G-0001-ana.txt --signature G-0001-ana.txt.sig

With --ballot, the vote is the one the signed ballot states, at its time; the
signature (default: the ballot's file name with .sig added) must be by a key
of the voter in force then (`fondo member key add`).")]
    Vote {
        /// The grant: G-0007, or just 7 (with --ballot: the ballot's).
        #[arg(required_unless_present = "ballot")]
        grant: Option<String>,
        /// The vote.
        #[arg(value_enum, required_unless_present = "ballot")]
        vote: Option<VoteArg>,
        /// The steward voting.
        #[arg(long = "as", value_name = "MEMBER", required_unless_present = "ballot")]
        member: Option<String>,
        /// A signed ballot (`fondo grant ballot`): records the vote it states.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["vote", "member", "reason", "at"])]
        ballot: Option<PathBuf>,
        /// The ballot's SSHSIG signature (namespace fondo-ballot).
        #[arg(long, value_name = "FILE.sig", requires = "ballot")]
        signature: Option<PathBuf>,
        /// Why (required for an objection).
        #[arg(long)]
        reason: Option<String>,
        /// When the vote was cast: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Write the ballot a steward signs for a signed vote: the fund's id, the
    /// grant, its application record's hash, the voter, the choice, the
    /// reason and the time (docs/governance.md).
    #[command(after_help = "\
Examples:
  fondo grant ballot G-0001 --as Ana consent --at 2026-03-04T12:00 --out G-0001-ana.txt
  fondo grant ballot G-0001 --as Bruno object --reason \"the landlord's letter is missing\"

Then sign it (`fondo ballot sign FILE --key KEY`, or `ssh-keygen -Y sign -n
fondo-ballot -f KEY FILE`) and record it (`fondo grant vote --ballot FILE`).")]
    Ballot {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// The vote.
        #[arg(value_enum)]
        choice: BallotChoiceArg,
        /// The steward voting.
        #[arg(long = "as", value_name = "MEMBER")]
        member: String,
        /// Why (required for an objection); one line.
        #[arg(long)]
        reason: Option<String>,
        /// The vote's time: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
        /// Write it to this file instead of standard output (refused if it
        /// exists, unless --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Evaluate the policy: approve, reject, or say what is still missing
    /// (an approved grant past its --expires day is closed, releasing what
    /// was not paid).
    #[command(after_help = "\
Examples:
  fondo grant decide G-0001 --at 2026-03-06T19:15
  fondo grant decide G-0001 --expires 2026-06-30")]
    Decide {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// On approval: the last day the commitment holds, YYYY-MM-DD
        /// (default: until the grant is closed).
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: Option<String>,
        /// When it is decided: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close every approved grant whose commitment expired, releasing what
    /// was not paid back to its pool.
    #[command(after_help = "\
Examples:
  fondo grant sweep
  fondo grant sweep --at 2026-07-01T09:00")]
    Sweep {
        /// The moment expiry is judged at: YYYY-MM-DD or
        /// YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Pay a tranche of an approved grant; prints the ledger transaction id.
    #[command(after_help = "\
Examples:
  fondo grant pay G-0001 300.00 USD --from-account assets:bank:usd --at 2026-03-06T19:30
  fondo grant pay G-0001 300.00 USD --from-account assets:bank:usd --reference \"transfer 6041\" --date 2026-03-20")]
    Pay {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// How much: a plain decimal, e.g. 300.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The grant's commodity, e.g. USD.
        commodity: String,
        /// The assets account the money leaves.
        #[arg(long, value_name = "ACCOUNT")]
        from_account: String,
        /// The ledger date: YYYY-MM-DD (default: the day of --at).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// An outside reference, e.g. a transfer number.
        #[arg(long)]
        reference: Option<String>,
        /// When it was paid: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// A line of the grantee's spending report.
    #[command(after_help = "\
Examples:
  fondo grant spend G-0001 275.00 USD --category rent --receipt \"landlord receipt 03/2026\" --at 2026-03-25T09:00
  fondo grant spend G-0003 1100.00 MXN --category transport --receipt \"bus tickets\" --date 2026-03-10")]
    Spend {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// How much was spent: a plain decimal, e.g. 275.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The grant's commodity, e.g. USD.
        commodity: String,
        /// What it was spent on, e.g. rent.
        #[arg(long)]
        category: String,
        /// The receipt or invoice behind it.
        #[arg(long)]
        receipt: Option<String>,
        /// The day it was spent: YYYY-MM-DD (default: the day of --at).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
        /// When it was reported: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close an approved grant; unpaid money goes back to the pool.
    #[command(after_help = "\
Examples:
  fondo grant close G-0001 --reason \"paid and reported in full\" --at 2026-01-30T10:00
  fondo grant close G-0002 --return 40.00 USD --to-account assets:bank:usd \\
      --reason \"rent was lower than expected\" --at 2026-04-03T10:00")]
    Close {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// Money the grantee returned: AMOUNT COMMODITY, e.g. 40.00 USD
        /// (with --to-account).
        #[arg(long = "return", num_args = 2, value_names = ["AMOUNT", "COMMODITY"], requires = "to_account", allow_negative_numbers = true)]
        returned: Option<Vec<String>>,
        /// The assets account returned money arrived in.
        #[arg(long, value_name = "ACCOUNT")]
        to_account: Option<String>,
        /// Why it is closed.
        #[arg(long)]
        reason: Option<String>,
        /// The ledger date of returned money: YYYY-MM-DD (default: the day
        /// of --at).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// When it was closed: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Withdraw an open application.
    #[command(after_help = "\
Example:
  fondo grant withdraw G-0010 --reason \"the family found housing\" --at 2026-05-20T10:00")]
    Withdraw {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// Why it is withdrawn.
        #[arg(long)]
        reason: Option<String>,
        /// When it was withdrawn: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Everything about a grant: votes, decision, tranches, spending.
    #[command(after_help = "\
Examples:
  fondo grant show G-0001
  fondo grant show G-0001 --audience public --format json")]
    Show {
        /// The grant: G-0007, or just 7.
        grant: String,
        /// Who it is for: names of members who asked not to be named become
        /// pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The grant register.
    #[command(after_help = "\
Examples:
  fondo grant list --status open
  fondo grant list --pool housing --audience public --format csv")]
    List {
        /// Only grants with this status (default: every grant).
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only grants from this pool (default: every pool).
        #[arg(long)]
        pool: Option<String>,
        /// Who the list is for: names of members who asked not to be named
        /// become pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SplitArg {
    /// The same for every group that received something.
    Equal,
    /// In proportion to the value of the goods each group received.
    Value,
    /// In proportion to the number of units each group received.
    Units,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PurchaseStatusArg {
    /// Taking orders.
    Open,
    /// Allocated to whole cases; deliveries and costs being recorded.
    Closed,
    /// The supplier paid and every group charged its share.
    Settled,
    /// Settled, every share paid and every group's goods given out.
    Done,
}

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Open a pooled purchase from one supplier, taking orders until
    /// --closes.
    #[command(after_help = "\
Examples:
  fondo purchase open rice-april --supplier \"Cooperativa El Arrozal\" --closes 2026-04-10T18:00 \\
      --pool food --currency USD --at 2026-04-01T09:00")]
    Open {
        /// The purchase's name, e.g. rice-april (unique, ignoring case).
        name: String,
        /// Who sells the goods.
        #[arg(long)]
        supplier: String,
        /// When orders close: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS].
        #[arg(long, value_name = "DATETIME")]
        closes: String,
        /// The pool a subsidy comes from (default: the general pool).
        #[arg(long)]
        pool: Option<String>,
        /// The currency prices and shares are in, e.g. USD (default: the
        /// fund's currency).
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
        /// When it was opened: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The items of a purchase.
    #[command(subcommand)]
    Item(PurchaseItemCommand),
    /// A group's order for an item, or a change to it (every change is
    /// kept; raising it moves the group to the back of the queue).
    #[command(after_help = "\
Examples:
  fondo purchase order rice-april rice 30 --group \"Cocina Común\" --tolerance 10 --at 2026-04-02T10:00
  fondo purchase order rice-april rice 12 --group \"Familia Ortega\" --at 2026-04-03T19:15")]
    Order {
        /// The purchase's name.
        purchase: String,
        /// The item's name.
        item: String,
        /// How many units the group wants: a whole number, at least 1.
        #[arg(allow_negative_numbers = true)]
        quantity: String,
        /// The member (a household, a collective) ordering.
        #[arg(long, value_name = "MEMBER")]
        group: String,
        /// How many units more the group would also take to fill a case: a
        /// whole number, at most the case (default 0).
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        tolerance: Option<String>,
        /// When it was ordered: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close the orders: allocate whole cases per item (quantities first,
    /// then tolerances, first come first served) and print the allocation.
    #[command(after_help = "\
Example:
  fondo purchase close rice-april --at 2026-04-10T18:00")]
    Close {
        /// The purchase's name.
        purchase: String,
        /// When it closed: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// What arrived of an item; a short delivery is re-allocated (the last
    /// served lose first, tolerances before quantities) and re-priced.
    #[command(after_help = "\
Examples:
  fondo purchase receive rice-april rice 75 --date 2026-04-15
  fondo purchase receive rice-april lentils 0 --date 2026-04-15")]
    Receive {
        /// The purchase's name.
        purchase: String,
        /// The item's name.
        item: String,
        /// How many units arrived: a whole number (0 if none did).
        #[arg(allow_negative_numbers = true)]
        quantity: String,
        /// The day they arrived: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// A cost of the purchase (transport, packing), split between the
    /// groups and paid with the invoice.
    #[command(after_help = "\
Examples:
  fondo purchase cost rice-april 24.00 USD --split value --reason \"truck from the cooperative\"
  fondo purchase cost rice-april 6.00 USD --split equal --reason \"sacks and twine\"")]
    Cost {
        /// The purchase's name.
        purchase: String,
        /// How much: a plain decimal, e.g. 24.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The purchase's currency, e.g. USD.
        commodity: String,
        /// How it is split between the groups.
        #[arg(long, value_enum)]
        split: SplitArg,
        /// What it paid for.
        #[arg(long)]
        reason: String,
        /// When it was recorded: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Pay the supplier's invoice and the costs, and charge each group its
    /// share (exactly: any rounding remainder is posted to its own account).
    #[command(after_help = "\
Examples:
  fondo purchase settle rice-april --invoice 181.50 USD --from-account assets:bank:usd --subsidy 20% --date 2026-04-16
  fondo purchase settle rice-april --invoice 181.50 USD --from-account assets:bank:usd --rounding-account expenses:operations:fees")]
    Settle {
        /// The purchase's name.
        purchase: String,
        /// The supplier's invoice: AMOUNT COMMODITY, e.g. 181.50 USD (in
        /// another currency, converted at the rate recorded for the day).
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        invoice: Vec<String>,
        /// The assets account the invoice and the costs are paid from.
        #[arg(long, value_name = "ACCOUNT")]
        from_account: String,
        /// What the fund pays from the purchase's pool: a percentage of
        /// every share (20%) or an amount (50.00) split in proportion to the
        /// shares (default: nothing).
        #[arg(long, value_name = "PERCENT|AMOUNT", allow_negative_numbers = true)]
        subsidy: Option<String>,
        /// Where the rounding remainder goes (default:
        /// expenses:purchases:rounding).
        #[arg(long, value_name = "ACCOUNT")]
        rounding_account: Option<String>,
        /// The ledger date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Give each group (or one) its goods out of stock, as `give` does;
    /// prints one transaction per group.
    #[command(after_help = "\
Examples:
  fondo purchase distribute rice-april --date 2026-04-18
  fondo purchase distribute rice-april --group \"Cocina Común\" --date 2026-04-18")]
    Distribute {
        /// The purchase's name.
        purchase: String,
        /// Only this group (default: every group not served yet).
        #[arg(long, value_name = "MEMBER")]
        group: Option<String>,
        /// The day they were given out: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// A group pays (part of) its share; prints the transaction id and what
    /// it still owes.
    #[command(after_help = "\
Examples:
  fondo purchase pay rice-april --group \"Cocina Común\" 54.24 USD --into assets:bank:usd --date 2026-04-20")]
    Pay {
        /// The purchase's name.
        purchase: String,
        /// The member paying.
        #[arg(long, value_name = "MEMBER")]
        group: String,
        /// How much: a plain decimal, e.g. 54.24.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The purchase's currency, e.g. USD.
        commodity: String,
        /// The assets account the money went into.
        #[arg(long, value_name = "ACCOUNT")]
        into: String,
        /// The ledger date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// One purchase: its items, and per item and group what was ordered,
    /// allocated, received, charged, paid and owed.
    #[command(after_help = "\
Examples:
  fondo purchase show rice-april
  fondo purchase show rice-april --format csv")]
    Show {
        /// The purchase's name.
        purchase: String,
        /// Who it is for: names of members who asked not to be named become
        /// pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Every purchase, with its status and totals.
    #[command(after_help = "\
Examples:
  fondo purchase list
  fondo purchase list --status open --format json")]
    List {
        /// Only purchases in this state.
        #[arg(long, value_enum)]
        status: Option<PurchaseStatusArg>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PurchaseItemCommand {
    /// Add an item, sold in whole cases, while the purchase is open.
    #[command(after_help = "\
Examples:
  fondo purchase item add rice-april rice --unit-price 1.10 USD --case 25 --unit KG-RICE \\
      --reference-price 1.45 USD
  fondo purchase item add rice-april \"cooking oil\" --unit-price 3.20 USD --case 12")]
    Add {
        /// The purchase's name.
        purchase: String,
        /// The item's name, e.g. rice.
        item: String,
        /// The price of one unit: AMOUNT COMMODITY, e.g. 1.10 USD.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        unit_price: Vec<String>,
        /// How many units a case holds: a whole number, at least 1.
        #[arg(long = "case", value_name = "N", allow_negative_numbers = true)]
        case_size: String,
        /// The in-kind commodity a unit is counted in, e.g. KG-RICE (one unit
        /// is one KG-RICE): received goods then enter the stock (default:
        /// they do not).
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// What a group would pay per unit buying alone: AMOUNT COMMODITY, to
        /// show the savings.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
        reference_price: Option<Vec<String>>,
        /// When it was added: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberKeyCommand {
    /// Register a member's OpenSSH public key (ssh-ed25519): ballots they
    /// sign with it count as theirs. A key belongs to one member.
    #[command(after_help = "\
Examples:
  fondo member key add Ana --key-file ana.pub --at 2026-01-05T10:00
  fondo member key add Bruno --key \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOf5B9Yq6rWVQ9Z2l3aKk9vY4Vq6aXJhQkFjWmH0bXh1 bruno\"")]
    Add {
        /// The member (any case).
        member: String,
        /// The public key file (e.g. id_ed25519.pub).
        #[arg(
            long,
            value_name = "PATH.pub",
            conflicts_with = "key",
            required_unless_present = "key"
        )]
        key_file: Option<PathBuf>,
        /// The public key itself: "ssh-ed25519 AAAA… comment".
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// From when it counts: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Revoke a member's key: ballots signed with it and dated from then on
    /// are refused (earlier ones stay valid).
    #[command(after_help = "\
Example:
  fondo member key revoke Ana SHA256:2Jxk0bCqQ1Hn1dQkGx6Fv9y1cXW6D2gV3mHq5p8rT0E --reason \"laptop stolen\"")]
    Revoke {
        /// The member (any case).
        member: String,
        /// The key's fingerprint, as `member key list` shows it (SHA256:…).
        fingerprint: String,
        /// Why (recorded).
        #[arg(long)]
        reason: String,
        /// From when: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Every key registered, with when it was added and revoked.
    #[command(after_help = "\
Examples:
  fondo member key list
  fondo member key list Ana --format json")]
    List {
        /// Only this member's keys.
        member: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum FundCommand {
    /// The fund's id (what ballots name), name, currency and keys.
    #[command(after_help = "\
Examples:
  fondo fund show
  fondo fund show --format json")]
    Show {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The fund's own signing key (for signed audit bundles).
    #[command(subcommand)]
    Key(FundKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum FundKeyCommand {
    /// Register the fund's public key (ssh-ed25519): what `export audit
    /// --sign-with` signs bundles with.
    #[command(after_help = "\
Example:
  fondo fund key add --key-file fund.pub")]
    Add {
        /// The public key file.
        #[arg(long, value_name = "PATH.pub")]
        key_file: PathBuf,
        /// From when it counts: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Write a new passphrase-protected OpenSSH ed25519 key pair: PATH (the
    /// private key) and PATH.pub. The passphrase is asked for without
    /// echo, or read from the file FONDO_PASSPHRASE_FILE names.
    #[command(after_help = "\
Examples:
  fondo key gen --out ana-fondo
  fondo key gen --out ana-fondo --comment \"Ana, steward\" --force")]
    Gen {
        /// The private key file to write (PATH.pub gets the public key).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// The comment at the end of the public key (default: the file name).
        #[arg(long)]
        comment: Option<String>,
        /// Replace PATH and PATH.pub if they exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BallotCommand {
    /// Sign a ballot file: writes FILE.sig, the same SSHSIG signature as
    /// `ssh-keygen -Y sign -n fondo-ballot -f KEY FILE`. A protected key's
    /// passphrase is asked for without echo, or read from the file
    /// FONDO_PASSPHRASE_FILE names.
    #[command(after_help = "\
Example:
  fondo ballot sign G-0001-ana.txt --key ana-fondo")]
    Sign {
        /// The ballot (as `fondo grant ballot` wrote it).
        file: PathBuf,
        /// The private key file (OpenSSH, ed25519).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// Replace FILE.sig if it exists.
        #[arg(long)]
        force: bool,
    },
}

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
