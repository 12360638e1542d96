//! The community: members, roles, pools, contributions, settings and pledges
//! (clap derive types only; the rules of the parent module hold).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{
    AudienceArg, FormatArg, LangArgs, MemberKeyCommand, PeriodArgs, RoleArg, StatementFormatArg,
    VisibilityArg,
};

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
