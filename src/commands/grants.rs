//! `fondo policy …`, `fondo grant …` and `fondo member relate`.

use std::path::Path;

use chrono::NaiveDateTime;

use crate::cli::{
    BallotChoiceArg, GrantCommand, PolicyCommand, RuleArg, SignedVotesArg, StatusArg, VoteArg,
};
use crate::commands::keys::{read_text, with_suffix, write_new};
use crate::commands::{CommandError, Result};
use crate::commands::{Outcome, date_arg, gate, open, pair, say, stdout};
use fondo::domain::date::parse_datetime;
use fondo::domain::grant::Status;
use fondo::domain::ids::GrantId;
use fondo::domain::policy::{Rule, Vote, parse_threshold, parse_window};
use fondo::domain::records::SignedVotes;
use fondo::ops::grants::{self, Decided};
use fondo::render::{Gate, write_rows};
use fondo::report;
use fondo::store::Access;

fn expired_line(id: GrantId, released: &str) -> String {
    format!("{id} closed: its commitment expired; {released} released to the pool")
}

/// `--at`, parsed; when it is left out the core takes the time once it
/// holds the write lock (see `ops::grants`).
pub(crate) fn at_arg(text: Option<&str>) -> fondo::error::Result<Option<NaiveDateTime>> {
    text.map(parse_datetime).transpose()
}

/// Now, as grant reports count votes and commitments.
fn now() -> NaiveDateTime {
    crate::commands::clock::now()
}

fn rule(
    rule: RuleArg,
    min_consents: Option<u32>,
    quorum: Option<u32>,
    threshold: Option<&str>,
) -> Result<Rule> {
    let missing = |what: &str| {
        CommandError::Refused(format!(
            "the {what} rule needs {what_flag}",
            what_flag = match what {
                "consent" => "--min-consents N (at least 1)",
                _ => "--quorum N (at least 1) and --threshold SHARE",
            }
        ))
    };
    match rule {
        RuleArg::Consent => match min_consents {
            Some(n) if n > 0 => Ok(Rule::Consent { min_consents: n }),
            _ => Err(missing("consent")),
        },
        RuleArg::Majority => match (quorum, threshold) {
            (Some(q), Some(t)) if q > 0 => Ok(Rule::Majority {
                quorum: q,
                threshold: parse_threshold(t)?.normalize().to_string(),
            }),
            _ => Err(missing("majority")),
        },
        RuleArg::Lazy => Ok(Rule::Lazy {
            min_consents: min_consents.unwrap_or(0),
        }),
    }
}

pub fn policy(path: &Path, command: PolicyCommand) -> Result<Outcome> {
    match command {
        PolicyCommand::Set {
            pool,
            rule: kind,
            min_consents,
            quorum,
            threshold,
            window,
            max_amount,
            reason,
            signed_votes,
            at,
        } => {
            let request = grants::PolicyRequest {
                signed_votes: signed_votes.map(|s| match s {
                    SignedVotesArg::Optional => SignedVotes::Optional,
                    SignedVotesArg::Required => SignedVotes::Required,
                }),
                rule: rule(kind, min_consents, quorum, threshold.as_deref())?,
                window_minutes: parse_window(&window)?,
                max_amount: max_amount.map(pair),
                reason,
                at: at_arg(at.as_deref())?,
                pool,
            };
            let (version, warnings) =
                grants::set_policy(&mut open(path, Access::Write)?, &request)?;
            say(&[format!(
                "policy of pool {} is now version {version}",
                request.pool
            )])?;
            for warning in warnings {
                eprintln!("fondo: warning: {warning}");
            }
        }
        PolicyCommand::Show {
            pool,
            history,
            format,
        } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &report::grants::policy(&tx, &pool, history)?,
            )?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn relate(path: &Path, a: &str, b: &str, reason: &str, at: Option<&str>) -> Result<Outcome> {
    grants::relate(&mut open(path, Access::Write)?, a, b, reason, at_arg(at)?)?;
    say(&[format!(
        "{a} and {b} are related: each recuses from the other's grants"
    )])?;
    Ok(Outcome::Ok)
}

pub fn grant(path: &Path, command: GrantCommand) -> Result<Outcome> {
    match command {
        GrantCommand::Apply {
            applicant,
            pool,
            amount,
            purpose,
            category,
            needed_by,
            at,
        } => {
            let (amount, commodity) = pair(amount);
            let request = grants::ApplyRequest {
                applicant,
                pool,
                amount,
                commodity,
                purpose,
                category,
                needed_by: date_arg(needed_by.as_deref())?,
                at: at_arg(at.as_deref())?,
            };
            let id = grants::apply(&mut open(path, Access::Write)?, &request)?;
            say(&[id.to_string()])?;
        }
        GrantCommand::Vote {
            grant,
            ballot: Some(ballot),
            signature,
            ..
        } => {
            let signature = signature.unwrap_or_else(|| with_suffix(&ballot, ".sig"));
            // The books first, then the files (as every command does).
            let mut db = open(path, Access::Write)?;
            let (file, text) = (ballot.display().to_string(), read_text(&ballot)?);
            if let Some(named) = grant {
                let named = GrantId::parse(&named)?;
                let stated = fondo::domain::ballot::Ballot::parse(&file, &text)?.grant;
                if named != stated {
                    return Err(fondo::error::Error::Ballot {
                        file,
                        line: Some(3),
                        reason: format!("it is a vote on {stated}, not on {named}"),
                    }
                    .into());
                }
            }
            let cast = grants::vote_signed(
                &mut db,
                &file,
                &text,
                &signature.display().to_string(),
                &read_text(&signature)?,
            )?;
            say(&[format!(
                "{} votes {} on {} (signed with {})",
                cast.voter, cast.vote, cast.grant, cast.key
            )])?;
        }
        GrantCommand::Ballot {
            grant,
            choice,
            member,
            reason,
            at,
            out,
            force,
        } => {
            let id = GrantId::parse(&grant)?;
            let at = at_arg(at.as_deref())?.unwrap_or_else(now);
            let choice = match choice {
                BallotChoiceArg::Consent => Vote::Consent,
                BallotChoiceArg::Object => Vote::Object,
                BallotChoiceArg::Abstain => Vote::Abstain,
            };
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let ballot =
                fondo::books::grants::ballot(&tx, id, &member, choice, reason.as_deref(), at)?;
            match out {
                Some(file) => {
                    write_new(&file, force, false, &ballot.text())?;
                    say(&[format!(
                        "wrote {}; sign it with `fondo ballot sign {} --key KEY` or `ssh-keygen -Y sign -n fondo-ballot -f KEY {}`",
                        file.display(),
                        file.display(),
                        file.display()
                    )])?;
                }
                None => {
                    let mut stdout = stdout();
                    std::io::Write::write_all(&mut stdout, ballot.text().as_bytes())?;
                    std::io::Write::flush(&mut stdout)?;
                }
            }
        }
        GrantCommand::Vote {
            grant,
            vote,
            member,
            reason,
            at,
            ..
        } => {
            let (Some(grant), Some(vote), Some(member)) = (grant, vote, member) else {
                unreachable!("clap requires the grant, the vote and --as without --ballot");
            };
            let id = GrantId::parse(&grant)?;
            let at = at_arg(at.as_deref())?;
            let vote = match vote {
                VoteArg::Consent => Vote::Consent,
                VoteArg::Object => Vote::Object,
                VoteArg::Abstain => Vote::Abstain,
                VoteArg::Withdraw => {
                    grants::withdraw_vote(
                        &mut open(path, Access::Write)?,
                        id,
                        &member,
                        reason.as_deref(),
                        at,
                    )?;
                    say(&[format!(
                        "{member} withdrew their vote on {id}; it counts as not voted"
                    )])?;
                    return Ok(Outcome::Ok);
                }
            };
            grants::vote(
                &mut open(path, Access::Write)?,
                id,
                &member,
                vote,
                reason.as_deref(),
                at,
            )?;
            say(&[format!("{member} votes {vote} on {id}")])?;
        }
        GrantCommand::Decide { grant, expires, at } => {
            let id = GrantId::parse(&grant)?;
            let at = at_arg(at.as_deref())?;
            let expires = date_arg(expires.as_deref())?;
            let line = match grants::decide(&mut open(path, Access::Write)?, id, at, expires)? {
                Decided::Approved(why) => format!("{id} approved: {why}"),
                Decided::Rejected(why) => format!("{id} rejected: {why}"),
                Decided::StillOpen(missing) => format!("{id} still open: {missing}"),
                Decided::Expired(released) => expired_line(id, &released),
            };
            say(&[line])?;
        }
        GrantCommand::Sweep { at } => {
            let at = at_arg(at.as_deref())?;
            let swept = grants::sweep(&mut open(path, Access::Write)?, at)?;
            let mut lines: Vec<String> = swept
                .iter()
                .map(|(id, released)| expired_line(*id, released))
                .collect();
            if lines.is_empty() {
                lines.push("no commitment has expired".to_owned());
            }
            say(&lines)?;
        }
        GrantCommand::Pay {
            grant,
            amount,
            commodity,
            from_account,
            date,
            reference,
            at,
        } => {
            let at = at_arg(at.as_deref())?;
            let request = grants::PayRequest {
                id: GrantId::parse(&grant)?,
                amount,
                commodity,
                from_account,
                date: date_arg(date.as_deref())?,
                reference,
                at,
            };
            let txn = grants::pay(&mut open(path, Access::Write)?, &request)?;
            say(&[txn.to_string()])?;
        }
        GrantCommand::Spend {
            grant,
            amount,
            commodity,
            category,
            receipt,
            date,
            note,
            at,
        } => {
            let at = at_arg(at.as_deref())?;
            let request = grants::SpendRequest {
                id: GrantId::parse(&grant)?,
                amount,
                commodity,
                category,
                receipt,
                date: date_arg(date.as_deref())?,
                note,
                at,
            };
            grants::spend(&mut open(path, Access::Write)?, &request)?;
            say(&[format!("recorded spending on {}", request.id)])?;
        }
        GrantCommand::Close {
            grant,
            returned,
            to_account,
            reason,
            date,
            at,
        } => {
            let at = at_arg(at.as_deref())?;
            let returned = match (returned.map(pair), to_account) {
                (Some((amount, code)), Some(account)) => Some((amount, code, account)),
                (None, None) => None,
                _ => {
                    return Err(CommandError::Refused(
                        "money returned needs both --return AMOUNT COMMODITY and --to-account ACCOUNT".into(),
                    ));
                }
            };
            let request = grants::CloseRequest {
                id: GrantId::parse(&grant)?,
                returned,
                reason,
                date: date_arg(date.as_deref())?,
                at,
            };
            let txn = grants::close(&mut open(path, Access::Write)?, &request)?;
            let note = txn
                .map(|t| format!(" (returned money: transaction {t})"))
                .unwrap_or_default();
            say(&[format!("closed {}{note}", request.id)])?;
        }
        GrantCommand::Withdraw { grant, reason, at } => {
            let id = GrantId::parse(&grant)?;
            let at = at_arg(at.as_deref())?;
            grants::withdraw(&mut open(path, Access::Write)?, id, reason.as_deref(), at)?;
            say(&[format!("withdrew {id}")])?;
        }
        GrantCommand::Show {
            grant,
            audience,
            format,
        } => {
            let id = GrantId::parse(&grant)?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::grants::show(&tx, id, audience.into(), now())?;
            write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
        }
        GrantCommand::List {
            status,
            pool,
            audience,
            format,
        } => {
            let status = status.map(|s| match s {
                StatusArg::Open => Status::Open,
                StatusArg::Approved => Status::Approved,
                StatusArg::Rejected => Status::Rejected,
                StatusArg::Withdrawn => Status::Withdrawn,
                StatusArg::Closed => Status::Closed,
            });
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::grants::list(&tx, audience.into(), status, pool.as_deref(), now())?;
            write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
        }
    }
    Ok(Outcome::Ok)
}
