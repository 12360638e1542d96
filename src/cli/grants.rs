//! Grants and the policies that decide them (clap derive types only; the rules
//! of the parent module hold).

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use super::{AudienceArg, FormatArg};

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
