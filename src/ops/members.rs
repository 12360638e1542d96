//! Members, rotating roles and fund settings.
//!
//! Members are never deleted (they can be marked inactive); role terms are
//! kept forever and may only be ended, once. Terms of one member in one role
//! never overlap. A maximum term length per role is a reminder the community
//! chose: `role list` flags terms past it, nothing blocks them.
//!
//! A member's details are corrected by appending a new version
//! ([`edit`]); every version stays in the governance chain, and names any
//! member ever had stay theirs (nobody else may take them).

use chrono::{NaiveDate, NaiveDateTime};

use crate::books::members::member;
use crate::domain::account::{AccountType, name_key, validate_account_name};
use crate::domain::ids::MemberId;
use crate::domain::member::{Role, Visibility};
use crate::domain::pool::validate_member_name;
use crate::domain::records::MemberEditRecord;
use crate::domain::settings::{CONTRIBUTION_ACCOUNT, TERM_LIMIT_PREFIX};
use crate::error::{Error, MemberRefusal, NextStep, Result, SqlContext};
use crate::ops::Book;
use crate::store::members::{self, NewMember, Term};
use crate::store::{Db, settings};

/// Adds a member. Names are unique ignoring case.
pub fn add(
    db: &mut Db,
    name: &str,
    visibility: Visibility,
    contact: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    let name = &validate_member_name(name)?;
    let tx = db.write()?;
    let key = name_key(name);
    if let Some(existing) = members::find_by_key(&tx, &key)? {
        return Err(Error::MemberExists {
            name: existing.name,
        });
    }
    refuse_former_name(&tx, &key, None, name)?;
    let new = NewMember {
        name,
        key: &key,
        visibility,
        contact,
        note,
    };
    members::insert(&tx, &new, &tx.recorded_at())?;
    tx.commit().ctx("committing the new member")
}

/// Refuses `name` (key `key`) when a member other than `except` ever had
/// it, or a name that reads like it.
fn refuse_former_name(
    conn: &rusqlite::Connection,
    key: &str,
    except: Option<MemberId>,
    name: &str,
) -> Result<()> {
    let others: Vec<(String, MemberId)> = members::names_ever(conn)?
        .into_iter()
        .filter(|(_, id)| Some(*id) != except)
        .collect();
    if others.iter().any(|(other, _)| name_key(other) == key) {
        return Err(MemberRefusal::FormerName {
            name: name.to_owned(),
        }
        .into());
    }
    crate::domain::name::refuse_lookalike(
        "member name",
        name,
        others.iter().map(|(existing, _)| existing.as_str()),
    )
}

/// A correction of a member's details: each field `None` stays as it is;
/// `Some(None)` clears a contact or note.
#[derive(Debug, Clone, Default)]
pub struct MemberEdit {
    pub contact: Option<Option<String>>,
    pub note: Option<Option<String>>,
    pub visibility: Option<Visibility>,
    pub rename: Option<String>,
    /// When the change takes effect; `None`: now.
    pub at: Option<NaiveDateTime>,
}

/// Appends a new version of a member's details. A new visibility applies to
/// every output written from then on; outputs already written stay as they
/// were.
///
/// # Errors
/// [`Error::UnknownMember`] for a name no member has now;
/// [`Error::MemberRefused`] when nothing would change, or the new name is (or
/// was) another member's.
pub fn edit(db: &mut Db, name: &str, change: &MemberEdit) -> Result<()> {
    let rename = change
        .rename
        .as_deref()
        .map(validate_member_name)
        .transpose()?;
    let tx = db.write()?;
    let current = member(&tx, name)?;
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let version = MemberEditRecord {
        id: current.id,
        name: rename.unwrap_or_else(|| current.name.clone()),
        visibility: change
            .visibility
            .unwrap_or(current.visibility)
            .as_str()
            .to_owned(),
        contact: change
            .contact
            .as_ref()
            .map_or(current.contact.clone(), clean),
        note: change.note.as_ref().map_or(current.note.clone(), clean),
    };
    let unchanged = version.name == current.name
        && version.visibility == current.visibility.as_str()
        && version.contact == current.contact
        && version.note == current.note;
    if unchanged {
        return Err(MemberRefusal::NothingToChange {
            member: current.name,
        }
        .into());
    }
    if version.name != current.name {
        let key = name_key(&version.name);
        if let Some(other) = members::find_by_key(&tx, &key)?
            && other.id != current.id
        {
            return Err(Error::MemberExists { name: other.name });
        }
        refuse_former_name(&tx, &key, Some(current.id), &version.name)?;
    }
    let at = crate::ops::grants::stamp(crate::ops::grants::when(&tx, change.at));
    members::append_edit(&tx, &version, &at, &tx.recorded_at())?;
    tx.commit().ctx("committing the member's new details")
}

/// Marks a member inactive from a day on. Their history stays.
pub fn deactivate(db: &mut Db, name: &str, on: NaiveDate) -> Result<()> {
    let tx = db.write()?;
    let member = member(&tx, name)?;
    if let Some(since) = member.inactive_since {
        return Err(Error::Inactive {
            name: member.name,
            since,
        });
    }
    if let Some(open) = members::terms(&tx)?
        .iter()
        .find(|t| t.member_id == member.id && t.ends_on.is_none_or(|end| end >= on))
    {
        return Err(Error::Blocked {
            problem: format!(
                "{} holds the {} role {}",
                member.name,
                open.role,
                describe(open)
            ),
            next: NextStep::EndRole,
        });
    }
    members::deactivate(&tx, member.id, on, &tx.recorded_at())?;
    tx.commit().ctx("committing")
}

fn overlaps(term: &Term, from: NaiveDate, until: Option<NaiveDate>) -> bool {
    let ends_before = |end: Option<NaiveDate>, start: NaiveDate| end.is_some_and(|e| e < start);
    !ends_before(term.ends_on, from) && !ends_before(until, term.starts_on)
}

fn describe(term: &Term) -> String {
    match term.ends_on {
        Some(end) => format!("{} to {end}", term.starts_on),
        None => format!("from {}, still open", term.starts_on),
    }
}

/// Gives a member a role for a term (`until` inclusive; open-ended when
/// None). Refused when it overlaps another term of the same role, or ends
/// before it starts.
pub fn assign(
    db: &mut Db,
    name: &str,
    role: Role,
    from: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<()> {
    if let Some(until) = until
        && until < from
    {
        return Err(MemberRefusal::TermBackwards { from, until }.into());
    }
    let tx = db.write()?;
    let member = member(&tx, name)?;
    if let Some(since) = member.inactive_since
        && since <= from
    {
        return Err(Error::Inactive {
            name: member.name,
            since,
        });
    }
    if let Some(clash) = members::terms(&tx)?
        .iter()
        .find(|t| t.member_id == member.id && t.role == role && overlaps(t, from, until))
    {
        return Err(MemberRefusal::TermsOverlap {
            member: member.name,
            role: role.to_string(),
            clash: describe(clash),
        }
        .into());
    }
    members::insert_term(&tx, member.id, role, from, until, &tx.recorded_at())?;
    tx.commit().ctx("committing the role term")
}

/// Ends a member's open term in a role; `on` is its last day.
pub fn end(db: &mut Db, name: &str, role: Role, on: NaiveDate) -> Result<()> {
    let tx = db.write()?;
    let member = member(&tx, name)?;
    let term = members::terms(&tx)?
        .into_iter()
        .find(|t| t.member_id == member.id && t.role == role && t.ends_on.is_none())
        .ok_or_else(|| MemberRefusal::NoOpenTerm {
            member: member.name.clone(),
            role: role.to_string(),
        })?;
    if on < term.starts_on {
        return Err(MemberRefusal::TermEndsBeforeStart {
            member: member.name,
            role: role.to_string(),
            starts: term.starts_on,
            on,
        }
        .into());
    }
    members::end_term(&tx, term.id, on, &tx.recorded_at())?;
    tx.commit().ctx("committing")
}

/// Changes a fund setting, checking its value.
pub fn set_setting(db: &mut Db, key: &str, value: &str) -> Result<()> {
    let tx = db.write()?;
    let value = value.trim();
    if key == CONTRIBUTION_ACCOUNT {
        let account = Book::load(&tx)?.account(value)?.clone();
        if validate_account_name(&account.name)? != AccountType::Assets {
            return Err(MemberRefusal::NotAssets {
                key: CONTRIBUTION_ACCOUNT,
                account: account.name,
            }
            .into());
        }
    } else if key == crate::domain::settings::LANGUAGE {
        value.parse::<crate::domain::lang::Lang>()?;
    } else if key == crate::domain::settings::STRICT_PRIVACY {
        if !matches!(value, "true" | "false") {
            return Err(MemberRefusal::NotTrueOrFalse {
                key: key.to_owned(),
                value: value.to_owned(),
            }
            .into());
        }
    } else if let Some(role) = key.strip_prefix(TERM_LIMIT_PREFIX) {
        role.parse::<Role>()?;
        if !value.parse::<u32>().is_ok_and(|months| months > 0) {
            return Err(MemberRefusal::NotMonths {
                key: key.to_owned(),
                value: value.to_owned(),
            }
            .into());
        }
    } else {
        return Err(Error::UnknownSetting {
            key: key.to_owned(),
        });
    }
    settings::set(&tx, key, value, &tx.recorded_at())?;
    tx.commit().ctx("committing the setting")
}
