//! Command-line definitions (clap derive types only).
//!
//! This file holds the top level (`Cli`, `Command`) and the argument types
//! several groups share; each group of subcommands has its file beside it
//! (`ledger`, `community`, `grants`, `purchases`, `keys`, `reports`, `hub`),
//! re-exported here so that commands name every type as `cli::…`.
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

mod community;
mod grants;
mod hub;
mod keys;
mod ledger;
mod purchases;
mod reports;

pub use community::*;
pub use grants::*;
pub use hub::*;
pub use keys::*;
pub use ledger::*;
pub use purchases::*;
pub use reports::*;

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
