//! What to type next: the command-line hint added to a library error.
//!
//! Rule: the library's messages state the problem and never name a flag or
//! a command; this module matches the error's variant and words, as
//! commands and flags, what would fix it. [`line`] is the error as `main`
//! prints it once: usually `<message>; <hint>`, and for a request that left
//! something out, the option that gives it named in place.

use fondo::domain::settings::CONTRIBUTION_ACCOUNT;
use fondo::error::{
    BundleRefusal, Cause, Error, GrantRefusal, HubRefusal, KeyRefusal, Needed, NextStep,
    format_problems,
};
use fondo::report::doctor::Remedy;

use crate::commands::CommandError;

/// An error as the command line words it.
pub fn line(error: &CommandError) -> String {
    let message = error.to_string();
    let CommandError::Core(error) = error else {
        return message;
    };
    if let Error::Missing {
        what,
        needs,
        of,
        so,
    } = error
    {
        return format!(
            "{what} needs {needs}{} ({}){}",
            of.map(|o| format!(" {o}")).unwrap_or_default(),
            option(*needs),
            so.map(|s| format!(", {s}")).unwrap_or_default()
        );
    }
    if let Error::Import {
        path,
        problems,
        more,
    } = error
    {
        let hinted = |problem: &fondo::error::Problem| problem.cause.as_ref().map(cause);
        return format!("{path}: {}", format_problems(problems, *more, hinted));
    }
    match hint(error) {
        Some((joint, hint)) => format!("{message}{joint}{hint}"),
        None => message,
    }
}

/// The hint for a problem in an imported file, by its cause.
fn cause(cause: &Cause) -> String {
    match cause {
        Cause::UnknownCommodity { code } => unknown_commodity(code),
        Cause::UnknownMember { .. } => UNKNOWN_MEMBER.into(),
        Cause::UnknownPool { .. } => UNKNOWN_POOL.into(),
        Cause::UnknownAccount { .. } => UNKNOWN_ACCOUNT.into(),
    }
}

const UNKNOWN_MEMBER: &str = "see `fondo member list`, or add them with `fondo member add`";
const UNKNOWN_POOL: &str = "see `fondo pool list`, or add it with `fondo pool add`";
const UNKNOWN_ACCOUNT: &str = "add it with `fondo account add`";
const BUILD_WITH_ENCRYPTION: &str = "build fondo with encryption: `cargo install --path . --features encryption` (see docs/encryption.md)";

fn unknown_commodity(code: &str) -> String {
    format!("declare it first with `fondo commodity add {code} --decimals N`")
}

/// The hint for a library error, if the command line has one, with what
/// joins it to the message.
fn hint(error: &Error) -> Option<(&'static str, String)> {
    if let Error::Blocked { next, .. } = error {
        return Some(next_step(next));
    }
    if let Error::PoolBelowZero { .. } = error {
        return Some((
            ", so ",
            "move money into it first with `fondo pool move`".into(),
        ));
    }
    if let Some(hint) = refusal(error) {
        return Some(hint);
    }
    let text = match error {
        Error::HiddenNameInText { .. } => {
            "write it without the name (public outputs show the member's pseudonym in its place), or write it anyway without --strict-privacy (and with `fondo setting set strict-privacy false`)".into()
        }
        Error::NoDatabase { .. } => {
            "create one with `fondo init` (or choose another with --db PATH or FONDO_DB)".into()
        }
        Error::NoHub { .. } => {
            "create one with `fondo hub init PATH --name NAME` (or choose another with --hub PATH or FONDO_HUB)".into()
        }
        Error::NotHub { .. } => {
            "give --hub the file `fondo hub init` made (a fund's books take --db)".into()
        }
        Error::HubFund { known: false, .. } => {
            "register it first with `fondo hub fund add FUND_ID --name NAME --key-file KEY.pub`; `fondo hub fund list` lists the members".into()
        }
        Error::HubChain(..) => {
            "the fund's books no longer extend what it published; `fondo verify --witness` with `fondo hub witness FUND_ID --format csv` shows it on the fund's side".into()
        }
        Error::AlreadyExists { .. } => {
            "`fondo init` never overwrites a file, choose another path with --db".into()
        }
        Error::EmptyFile { .. } => "remove it and run `fondo init` again".into(),
        Error::Encrypted { .. } | Error::CannotEncrypt { .. } => BUILD_WITH_ENCRYPTION.into(),
        Error::WrongPassphrase { .. } => {
            "check the passphrase (typed, or in the file FONDO_PASSPHRASE_FILE names); a backup made before `fondo rekey` needs the old one".into()
        }
        Error::NoPassphrase { .. } => {
            "type it on a terminal, or put it in a file only you can read and set FONDO_PASSPHRASE_FILE to that file's path".into()
        }
        Error::NotEncrypted { .. } => {
            "encryption is chosen when a fund is made (`fondo init --encrypt`); see docs/encryption.md".into()
        }
        Error::MixedEncryption { .. } => {
            "restore it into a new file with `fondo --db NEW.db restore BACKUP` instead".into()
        }
        Error::UnknownAccount { detail, .. } if detail.is_empty() => UNKNOWN_ACCOUNT.into(),
        Error::UnknownCommodity { code } => unknown_commodity(code),
        Error::UnknownMember { .. } => UNKNOWN_MEMBER.into(),
        Error::UnknownGrant { .. } => "see `fondo grant list`".into(),
        Error::UnknownPool { .. } => UNKNOWN_POOL.into(),
        Error::UnknownPurchase { .. } => {
            "see `fondo purchase list`, or open one with `fondo purchase open`".into()
        }
        Error::Unbacked { .. } => {
            "charge it to the pool it is for (--pool), or move money out of a pool first with `fondo pool move`".into()
        }
        Error::PeriodClosed { period, .. } => format!(
            "to change it, reopen it first: fondo period reopen {period} --reason TEXT"
        ),
        Error::WriteFailed { .. } => "fix the disk, then run `fondo verify`".into(),
        Error::DamagedTransaction { .. } => "run `fondo verify`".into(),
        Error::Damaged { .. } => "`fondo verify` lists what was changed".into(),
        Error::InKindAccount { .. } => "--into is for money only; leave it out".into(),
        Error::RestoreOver { .. } => {
            "restore replaces a fund's books only with --force (it saves them beside the file first)".into()
        }
        Error::BackupFindings { .. } => "`fondo verify` on a copy of it lists them".into(),
        Error::NotFundKey { .. } => {
            "register its public half as the fund's first with `fondo fund key add --key-file KEY.pub`; `fondo fund show` lists the fund's keys".into()
        }
        Error::RestoreOverBroken { .. } => {
            "to restore over it, move it aside first (with its -wal and -shm files), then run `fondo restore` again".into()
        }
        _ => return None,
    };
    Some(("; ", text))
}

/// The hint for a refusal by the rules, if it has one, with what joins it
/// to the message.
fn refusal(error: &Error) -> Option<(&'static str, String)> {
    let (joint, text) = match error {
        Error::GrantRefused(refusal) => match **refusal {
            GrantRefusal::SignedVotesOnly { .. } => {
                (" (", "`grant ballot`, then `grant vote --ballot`)")
            }
            _ => return None,
        },
        Error::KeyAlgorithm { .. } => (
            " (",
            "make one with `fondo key gen` or `ssh-keygen -t ed25519`)",
        ),
        Error::KeyRefused(refusal) => match **refusal {
            KeyRefusal::NotInForce { .. } => ("; ", "see their keys with `member key list`"),
            _ => return None,
        },
        Error::HubRefused(refusal) => match **refusal {
            HubRefusal::NotFundId { .. } => ("; ", "the fund's own `fondo fund show` prints it"),
            _ => return None,
        },
        Error::BundleRefused(refusal) => match **refusal {
            BundleRefusal::TargetNotEmpty { .. } => (", ", "so choose another --out"),
            BundleRefusal::TargetUnnamed { .. } => ("; ", "give --out a directory name"),
            BundleRefusal::NoParent { .. } => ("; ", "create it first, or choose another --out"),
            BundleRefusal::NotDirectory { .. } => (
                "; ",
                "give --bundle the directory `fondo export audit` wrote",
            ),
            _ => return None,
        },
        _ => return None,
    };
    Some((joint, text.to_owned()))
}

/// The option that gives what a request left out.
fn option(needed: Needed) -> &'static str {
    match needed {
        Needed::Purpose => "--purpose",
        Needed::Reason => "--reason",
        Needed::Category => "--category",
    }
}

/// A name as it is typed in a shell (`'cooking oil'`).
fn quoted(name: &str) -> String {
    shlex::try_quote(name).map_or_else(|_| name.to_owned(), |q| q.into_owned())
}

/// The command that takes the next step, with what joins it to the
/// problem.
fn next_step(next: &NextStep) -> (&'static str, String) {
    let text = match next {
        NextStep::AddItems { purchase } => format!(
            "add them with `fondo purchase item add {} ITEM …`",
            quoted(purchase)
        ),
        NextStep::ClosePurchase { purchase } => {
            format!("close it with `fondo purchase close {}`", quoted(purchase))
        }
        NextStep::RecordRate { from, to } => {
            format!("record one with `fondo rate add DATE {from} {to} RATE`")
        }
        NextStep::RecordHubRate { from, to } => {
            format!("record one with `fondo hub rate add DATE {from} {to} RATE`")
        }
        NextStep::RecordDelivery { purchase, item } => format!(
            "record it with `fondo purchase receive {} {} QUANTITY`",
            quoted(purchase),
            quoted(item)
        ),
        NextStep::SetPolicy => "set one with `fondo policy set`".into(),
        NextStep::OpenTier => return (": ", "add a tier without --max-amount".into()),
        NextStep::LazyCeiling => {
            return (
                ": ",
                "give its ceiling with --max-amount AMOUNT COMMODITY".into(),
            );
        }
        NextStep::DecideGrant => return (" (", "decide it with `fondo grant decide`)".into()),
        NextStep::Exchange => "convert with `fondo exchange` first".into(),
        NextStep::Sweep => return (" (", "`fondo grant sweep` records it)".into()),
        NextStep::EndRole => {
            "end it first (`fondo role end`) so that role history stays true".into()
        }
        NextStep::ReturnOnClose { grant } => format!(
            "money the grantee gives back is recorded with `fondo grant close {grant} --return AMOUNT COMMODITY --to-account ACCOUNT`"
        ),
        NextStep::Post => "pay it out with `fondo post` instead".into(),
        NextStep::Transfer => {
            "record a transfer with `fondo transfer send` or `fondo transfer receive`".into()
        }
        NextStep::FundId => "`fondo fund show` prints a fund's id".into(),
        NextStep::ContributionAccount => format!(
            "say which account the money went into with --into ACCOUNT, or set a default with `fondo setting set {CONTRIBUTION_ACCOUNT} assets:bank`"
        ),
    };
    ("; ", text)
}

/// What to do about something `fondo doctor` found, as commands.
pub fn remedy(remedy: &Remedy) -> String {
    const RESTORE: &str = "`fondo restore BACKUP --force`";
    match remedy {
        Remedy::CurrencyNextTime => {
            "that is fine; or create the fund with `fondo init --currency CODE` next time".into()
        }
        Remedy::ContributionAccount => format!(
            "`fondo setting set {CONTRIBUTION_ACCOUNT} assets:bank` (or pass --into to every `fondo contribute`)"
        ),
        Remedy::OpeningBalances => "record opening balances with `fondo post` or bring old books in with `fondo journal import`".into(),
        Remedy::AssignStewards => {
            "assign stewards for a term: `fondo role assign MEMBER steward --from DAY`".into()
        }
        Remedy::DecideGrant { grant } => {
            format!("`fondo grant decide {grant}` records the outcome the policy gives")
        }
        Remedy::Sweep => {
            "`fondo grant sweep` releases expired commitments back to their pools".into()
        }
        Remedy::RotateRole { member, role } => format!(
            "rotate the role: `fondo role end \"{member}\" {role} --on DAY` and assign someone else"
        ),
        Remedy::FollowPledge { member } => format!(
            "check in with the member; if the pledge is over, `fondo pledge end {} --on DAY`",
            quoted(member)
        ),
        Remedy::PublishFingerprint { fingerprint } => format!(
            "publish the fingerprint {fingerprint} at the next forum so members can check later copies"
        ),
        Remedy::RestoreDamagedFile => format!(
            "the file itself is damaged: stop writing to it, copy it aside, and restore the latest backup ({RESTORE}); then re-enter what came after it"
        ),
        Remedy::JournalChanged => format!(
            "the journal was changed outside fondo: compare the fingerprint with the one last published at a forum, restore the latest backup that matches it ({RESTORE}), and ask who had access to the file"
        ),
        Remedy::RestoreGoodBackup { what } => format!("{what}: restore the latest good backup"),
        Remedy::CheckPool => "restricted money is missing or mislabelled: check the pool's entries with `fondo pool show POOL`; if nothing was changed outside fondo, record a `fondo pool move` the community agrees to".into(),
        Remedy::ReviewGrant => "a grant was paid or committed beyond what was approved or available: review it with `fondo grant show G-…` at the next meeting".into(),
        Remedy::ReviewDecision => "a recorded decision does not follow from its votes and policy: review it with `fondo grant show G-…`; see docs/verify.md for backdated entries".into(),
        Remedy::SeeDocs => "see docs/verify.md for this code".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_next_step_and_needed_option_is_worded_as_a_command() {
        for next in [
            NextStep::AddItems {
                purchase: "rice".into(),
            },
            NextStep::ClosePurchase {
                purchase: "rice".into(),
            },
            NextStep::SetPolicy,
            NextStep::DecideGrant,
            NextStep::Exchange,
            NextStep::Sweep,
            NextStep::EndRole,
            NextStep::Post,
            NextStep::ContributionAccount,
            NextStep::Transfer,
            NextStep::FundId,
        ] {
            assert!(next_step(&next).1.contains("`fondo "), "{next:?}");
        }
        for needed in [Needed::Purpose, Needed::Reason, Needed::Category] {
            assert!(option(needed).starts_with("--"), "{needed:?}");
        }
    }
}
