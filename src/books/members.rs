//! Members by name, and the stewards in term on a day.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::account::name_key;
use crate::domain::gate::Gate;
use crate::domain::ids::MemberId;
use crate::domain::member::{Audience, Role, Visibility};
use crate::error::{Error, Result};
use crate::store::members::{self, StoredMember};

/// A member by name (any case).
///
/// # Errors
/// [`Error::UnknownMember`] when no member has that name.
pub fn member(conn: &Connection, name: &str) -> Result<StoredMember> {
    members::find_by_key(conn, &name_key(name))?.ok_or_else(|| Error::UnknownMember {
        name: name.to_owned(),
    })
}

/// Every member by id.
pub fn by_id(conn: &Connection) -> Result<HashMap<MemberId, StoredMember>> {
    Ok(members::all(conn)?.into_iter().map(|m| (m.id, m)).collect())
}

/// The members holding a steward term on `day`.
pub fn stewards(conn: &Connection, day: NaiveDate) -> Result<HashSet<MemberId>> {
    Ok(members::terms(conn)?
        .into_iter()
        .filter(|t| {
            t.role == Role::Steward && t.starts_on <= day && t.ends_on.is_none_or(|e| day <= e)
        })
        .map(|t| t.member_id)
        .collect())
}

/// The redaction gate of `audience` for this fund: every name each member
/// has had (an old name is caught too), hidden as the member's visibility
/// now says.
pub fn gate(conn: &Connection, audience: Audience) -> Result<Gate> {
    gate_but(conn, audience, None)
}

/// The gate of `audience` that lets member `shown`'s own name through (a
/// member's statement is for that member).
pub fn gate_but(conn: &Connection, audience: Audience, shown: Option<MemberId>) -> Result<Gate> {
    let secret = crate::store::fund::secret(conn)?;
    let mut names: Vec<(MemberId, String, Visibility)> = Vec::new();
    for m in members::all(conn)?
        .into_iter()
        .filter(|m| Some(m.id) != shown)
    {
        for v in members::versions(conn, m.id)? {
            if v.name != m.name && !names.iter().any(|(id, n, _)| *id == m.id && *n == v.name) {
                names.push((m.id, v.name, m.visibility));
            }
        }
        names.push((m.id, m.name, m.visibility));
    }
    Ok(Gate::new(
        audience,
        &secret,
        names.iter().map(|(id, name, v)| (*id, name.as_str(), *v)),
    ))
}
