//! Members by name, and the stewards in term on a day.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::account::name_key;
use crate::domain::member::Role;
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
pub fn by_id(conn: &Connection) -> Result<HashMap<i64, StoredMember>> {
    Ok(members::all(conn)?.into_iter().map(|m| (m.id, m)).collect())
}

/// The members holding a steward term on `day`.
pub fn stewards(conn: &Connection, day: NaiveDate) -> Result<HashSet<i64>> {
    Ok(members::terms(conn)?
        .into_iter()
        .filter(|t| {
            t.role == Role::Steward && t.starts_on <= day && t.ends_on.is_none_or(|e| day <= e)
        })
        .map(|t| t.member_id)
        .collect())
}
