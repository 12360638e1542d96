//! `fondo member …`, `fondo role …`, `fondo pool …`, `fondo contribute`,
//! `fondo setting …`.

use std::path::Path;

use crate::cli::{
    AudienceArg, ContributeArgs, EveryArg, ExchangeArgs, MemberCommand, PledgeCommand, PoolCommand,
    RateCommand, RoleArg, RoleCommand, SettingCommand, VisibilityArg,
};
use crate::commands::Result;
use crate::commands::{Outcome, date_arg, date_or_today, gate, note, open, pair, say, stdout};
use fondo::domain::member::{Audience, Role, Visibility};
use fondo::domain::period::Every;
use fondo::ops::contribute::{ContributionRequest, Contributor, contribute as record};
use fondo::ops::contribute::{GiveRequest, give as give_out};
use fondo::ops::exchange::{ExchangeRequest, add_rate, exchange as convert};
use fondo::ops::pledges::{self, PledgeRequest};
use fondo::ops::{members, pools};
use fondo::render::{Gate, write_rows};
use fondo::report;
use fondo::store::Access;

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Audience {
        match a {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Members => Audience::Members,
            AudienceArg::Treasurer => Audience::Treasurer,
        }
    }
}

impl From<VisibilityArg> for Visibility {
    fn from(v: VisibilityArg) -> Visibility {
        match v {
            VisibilityArg::Public => Visibility::Public,
            VisibilityArg::Pseudonymous => Visibility::Pseudonymous,
            VisibilityArg::Anonymous => Visibility::Anonymous,
        }
    }
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Treasurer => Role::Treasurer,
            RoleArg::Steward => Role::Steward,
            RoleArg::Member => Role::Member,
        }
    }
}

pub fn member(path: &Path, command: MemberCommand) -> Result<Outcome> {
    match command {
        MemberCommand::Add {
            name,
            visibility,
            contact,
            note,
        } => {
            let mut db = open(path, Access::Write)?;
            members::add(
                &mut db,
                &name,
                visibility.into(),
                contact.as_deref(),
                note.as_deref(),
            )?;
            say(&[format!("added member {name}")])?;
        }
        MemberCommand::List {
            audience,
            on,
            format,
        } => {
            let on = date_or_today(on.as_deref())?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::members::list(&tx, audience.into(), on)?;
            write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
        }
        MemberCommand::Show {
            name,
            history,
            audience,
            format,
        } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            if history {
                let rows = report::members::history(&tx, &name, audience.into())?;
                write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
            } else {
                let today = date_or_today(None)?;
                let rows = report::members::show(&tx, &name, audience.into(), today)?;
                write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
            }
        }
        MemberCommand::Edit {
            name,
            contact,
            note,
            visibility,
            rename,
            at,
        } => {
            let change = members::MemberEdit {
                contact: contact.map(Some),
                note: note.map(Some),
                visibility: visibility.map(Into::into),
                rename,
                at: crate::commands::grants::at_arg(at.as_deref())?,
            };
            members::edit(&mut open(path, Access::Write)?, &name, &change)?;
            say(&[format!(
                "recorded new details for {name} (`fondo member show \"{name}\" --history` lists every version)"
            )])?;
        }
        MemberCommand::Statement {
            name,
            period,
            format,
            out,
            force,
            lang,
        } => {
            return crate::commands::member_statement::statement(
                path,
                &name,
                &period,
                format,
                out.as_deref(),
                force,
                lang.asked(),
            );
        }
        MemberCommand::Key(cmd) => return crate::commands::keys::member_key(path, cmd),
        MemberCommand::Relate { a, b, reason, at } => {
            return crate::commands::grants::relate(path, &a, &b, &reason, at.as_deref());
        }
        MemberCommand::Deactivate { name, on } => {
            let on = date_or_today(on.as_deref())?;
            members::deactivate(&mut open(path, Access::Write)?, &name, on)?;
            say(&[format!("{name} is inactive from {on}")])?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn role(path: &Path, command: RoleCommand) -> Result<Outcome> {
    match command {
        RoleCommand::Assign {
            member,
            role,
            from,
            until,
        } => {
            let from = date_or_today(Some(&from))?;
            let until = date_arg(until.as_deref())?;
            let role: Role = role.into();
            members::assign(&mut open(path, Access::Write)?, &member, role, from, until)?;
            let until = until.map_or_else(|| "open-ended".to_owned(), |d| format!("until {d}"));
            say(&[format!("{member} is {role} from {from}, {until}")])?;
        }
        RoleCommand::End { member, role, on } => {
            let on = date_or_today(Some(&on))?;
            let role: Role = role.into();
            members::end(&mut open(path, Access::Write)?, &member, role, on)?;
            say(&[format!("{member}'s {role} term ends on {on}")])?;
        }
        RoleCommand::List {
            on,
            audience,
            format,
        } => {
            let on = date_arg(on.as_deref())?;
            let today = date_or_today(None)?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::members::terms(&tx, audience.into(), on, today)?;
            write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn pool(path: &Path, command: PoolCommand) -> Result<Outcome> {
    match command {
        PoolCommand::Add {
            name,
            purpose,
            guidelines,
        } => {
            pools::add(
                &mut open(path, Access::Write)?,
                &name,
                &purpose,
                guidelines.as_deref(),
            )?;
            say(&[format!("added pool {name}")])?;
        }
        PoolCommand::Edit {
            name,
            purpose,
            guidelines,
        } => {
            pools::edit(
                &mut open(path, Access::Write)?,
                &name,
                purpose.as_deref(),
                guidelines.as_deref().map(Some),
            )?;
            say(&[format!(
                "recorded the new purpose and guidelines of pool {name}"
            )])?;
        }
        PoolCommand::List { as_of, format } => {
            let as_of = date_arg(as_of.as_deref())?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &report::pools::list(&tx, as_of)?,
            )?;
        }
        PoolCommand::Show {
            name,
            as_of,
            format,
        } => {
            let as_of = date_arg(as_of.as_deref())?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &report::pools::show(&tx, &name, as_of)?,
            )?;
        }
        PoolCommand::Move {
            amount,
            commodity,
            from,
            to,
            reason,
            date,
        } => {
            let request = pools::MoveRequest {
                amount,
                commodity,
                from,
                to,
                reason,
                date: date_or_today(date.as_deref())?,
            };
            let posted = pools::move_money(&mut open(path, Access::Write)?, &request)?;
            say(&[posted.id.to_string()])?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn contribute(path: &Path, args: ContributeArgs) -> Result<Outcome> {
    let request = ContributionRequest {
        amount: args.amount,
        commodity: args.commodity,
        from: match args.from {
            Some(name) => Contributor::Member(name),
            None => Contributor::Anonymous,
        },
        pool: args.pool,
        into: args.into,
        kind: args.kind,
        date: date_or_today(args.date.as_deref())?,
        memo: args.memo,
        reference: args.reference,
    };
    let posted = record(&mut open(path, Access::Write)?, &request)?;
    say(&[posted.id.to_string()])?;
    for code in posted.declared {
        note(&format!("declared well-known currency {code}"));
    }
    Ok(Outcome::Ok)
}

pub fn setting(path: &Path, command: SettingCommand) -> Result<Outcome> {
    match command {
        SettingCommand::Set { key, value } => {
            members::set_setting(&mut open(path, Access::Write)?, &key, &value)?;
            say(&[format!("{key} = {}", value.trim())])?;
        }
        SettingCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &report::members::settings(&tx)?,
            )?;
        }
    }
    Ok(Outcome::Ok)
}

impl From<EveryArg> for Every {
    fn from(e: EveryArg) -> Every {
        match e {
            EveryArg::Month => Every::Month,
            EveryArg::Quarter => Every::Quarter,
            EveryArg::Year => Every::Year,
        }
    }
}

pub fn give(
    path: &Path,
    amount: String,
    commodity: String,
    pool: Option<String>,
    date: Option<&str>,
    memo: Option<String>,
) -> Result<Outcome> {
    let request = GiveRequest {
        amount,
        commodity,
        pool,
        date: date_or_today(date)?,
        memo,
    };
    let posted = give_out(&mut open(path, Access::Write)?, &request)?;
    say(&[posted.id.to_string()])?;
    Ok(Outcome::Ok)
}

pub fn inventory(
    path: &Path,
    as_of: Option<&str>,
    format: crate::cli::FormatArg,
) -> Result<Outcome> {
    let as_of = date_arg(as_of)?;
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    write_rows(
        format.into(),
        stdout(),
        &Gate::books(),
        &report::support::inventory(&tx, as_of)?,
    )?;
    Ok(Outcome::Ok)
}

pub fn pledge(path: &Path, command: PledgeCommand) -> Result<Outcome> {
    match command {
        PledgeCommand::Add {
            member,
            amount,
            commodity,
            every,
            from,
            until,
            pool,
        } => {
            let request = PledgeRequest {
                member,
                amount,
                commodity,
                every: every.into(),
                from: date_or_today(Some(&from))?,
                until: date_arg(until.as_deref())?,
                pool,
            };
            let id = pledges::add(&mut open(path, Access::Write)?, &request)?;
            say(&[format!("recorded pledge {id}")])?;
        }
        PledgeCommand::End {
            member,
            pool,
            on,
            reason,
        } => {
            let on = date_or_today(Some(&on))?;
            let id = pledges::end(
                &mut open(path, Access::Write)?,
                &member,
                pool.as_deref(),
                on,
                reason.as_deref(),
            )?;
            say(&[format!("pledge {id} of {member} ends on {on}")])?;
        }
        PledgeCommand::Change {
            member,
            pool,
            amount,
            every,
            from,
            reason,
        } => {
            let from = date_or_today(Some(&from))?;
            let change = pledges::PledgeChange {
                member: member.clone(),
                pool,
                amount,
                every: every.map(Into::into),
                from,
                reason,
            };
            let id = pledges::change(&mut open(path, Access::Write)?, &change)?;
            say(&[format!(
                "pledge {id} of {member} runs from {from} on the new terms"
            )])?;
        }
        PledgeCommand::Status {
            as_of,
            audience,
            format,
        } => {
            let as_of = date_or_today(as_of.as_deref())?;
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            let rows = report::support::pledge_status(&tx, audience.into(), as_of)?;
            write_rows(format.into(), stdout(), &gate(&tx, audience.into())?, &rows)?;
        }
    }
    Ok(Outcome::Ok)
}

pub fn exchange(path: &Path, args: ExchangeArgs) -> Result<Outcome> {
    let (to_amount, to) = pair(args.to_amount);
    let request = ExchangeRequest {
        amount: args.amount,
        from: args.from_commodity,
        to_amount,
        to,
        from_account: args.from_account,
        to_account: args.to_account,
        pool: args.pool,
        fee: args.fee.map(pair),
        date: date_or_today(args.date.as_deref())?,
    };
    let done = convert(&mut open(path, Access::Write)?, &request)?;
    say(&[format!(
        "{} (rate {} {} per {})",
        done.id, done.rate, request.to, request.from
    )])?;
    Ok(Outcome::Ok)
}

pub fn rate(path: &Path, command: RateCommand) -> Result<Outcome> {
    match command {
        RateCommand::Add {
            date,
            from,
            to,
            rate,
            source,
        } => {
            let date = date_or_today(Some(&date))?;
            add_rate(
                &mut open(path, Access::Write)?,
                date,
                &from,
                &to,
                &rate,
                source.as_deref(),
            )?;
            say(&[format!("1 {from} = {rate} {to} on {date}")])?;
        }
        RateCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &report::support::rates(&tx)?,
            )?;
        }
    }
    Ok(Outcome::Ok)
}
