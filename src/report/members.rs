//! Members and role terms, as an audience may see them.
//!
//! Names pass through [`shown_name`]: who sees a real name and who a stable
//! pseudonym depends on the member's visibility and the audience (see
//! `domain::member`). Contact details and notes reach treasurers only.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::books::members::member;
use crate::domain::ids::MemberId;
use crate::domain::member::{Audience, Role, shown_name};
use crate::domain::money::Money;
use crate::error::Result;
use crate::render::Row;
use crate::store::members::{self, StoredMember, Term};
use crate::store::{fund, settings};

#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    pub member: String,
    pub visibility: &'static str,
    pub status: String,
    /// Roles held on the day the list is for.
    pub roles: String,
    pub contact: Option<String>,
    pub note: Option<String>,
}

impl Row for MemberRow {
    const COLUMNS: &'static [&'static str] =
        &["member", "visibility", "status", "roles", "contact", "note"];
}

fn status(member: &StoredMember, on: NaiveDate) -> String {
    match member.inactive_since {
        Some(since) if since <= on => format!("inactive since {since}"),
        _ => "active".to_owned(),
    }
}

fn holds(term: &Term, on: NaiveDate) -> bool {
    term.starts_on <= on && term.ends_on.is_none_or(|end| on <= end)
}

/// Names as shown to an audience, by member id.
struct Shown {
    audience: Audience,
    secret: String,
    members: HashMap<MemberId, StoredMember>,
}

impl Shown {
    fn load(conn: &Connection, audience: Audience) -> Result<Shown> {
        Ok(Shown {
            audience,
            secret: fund::secret(conn)?,
            members: members::all(conn)?.into_iter().map(|m| (m.id, m)).collect(),
        })
    }

    fn name(&self, member: &StoredMember) -> String {
        shown_name(
            self.audience,
            member.visibility,
            &member.name,
            &self.secret,
            member.id,
        )
    }

    fn private(&self, text: &Option<String>) -> Option<String> {
        text.clone().filter(|_| self.audience.sees_private())
    }
}

/// Every member, with the roles they hold on `on`, sorted by the name shown.
pub fn list(conn: &Connection, audience: Audience, on: NaiveDate) -> Result<Vec<MemberRow>> {
    let shown = Shown::load(conn, audience)?;
    let terms = members::terms(conn)?;
    let mut rows: Vec<MemberRow> = members::all(conn)?
        .iter()
        .map(|m| {
            let mut roles: Vec<Role> = terms
                .iter()
                .filter(|t| t.member_id == m.id && holds(t, on))
                .map(|t| t.role)
                .collect();
            roles.sort();
            MemberRow {
                member: shown.name(m),
                visibility: m.visibility.as_str(),
                status: status(m, on),
                roles: roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                contact: shown.private(&m.contact),
                note: shown.private(&m.note),
            }
        })
        .collect();
    rows.sort_by_key(|row| row.member.to_lowercase());
    Ok(rows)
}

/// One fact about a member: `member show` is a list of these, so that it
/// renders as a table, CSV or JSON like every report.
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    pub section: &'static str,
    pub item: String,
    pub value: String,
}

impl Row for FactRow {
    const COLUMNS: &'static [&'static str] = &["section", "item", "value"];
}

/// Everything about one member an audience may see: details, every role
/// term, and contributions per commodity.
pub fn show(
    conn: &Connection,
    name: &str,
    audience: Audience,
    on: NaiveDate,
) -> Result<Vec<FactRow>> {
    let shown = Shown::load(conn, audience)?;
    let m = member(conn, name)?;
    let fact = |section, item: &str, value: String| FactRow {
        section,
        item: item.to_owned(),
        value,
    };
    let mut rows = vec![
        fact("member", "name", shown.name(&m)),
        fact("member", "visibility", m.visibility.to_string()),
        fact("member", "status", status(&m, on)),
    ];
    if let Some(contact) = shown.private(&m.contact) {
        rows.push(fact("member", "contact", contact));
    }
    if let Some(note) = shown.private(&m.note) {
        rows.push(fact("member", "note", note));
    }
    for t in members::terms(conn)?.iter().filter(|t| t.member_id == m.id) {
        let until = t
            .ends_on
            .map_or_else(|| "open".to_owned(), |d| d.to_string());
        rows.push(fact(
            "role",
            t.role.as_str(),
            format!("{} to {until}", t.starts_on),
        ));
    }
    for (code, decimals, total) in members::contributed(conn, m.id)? {
        let money = Money::stored(total, decimals);
        rows.push(fact("contributed", &code, money.to_string()));
    }
    Ok(rows)
}

/// One version of a member's details.
#[derive(Debug, Clone, Serialize)]
pub struct VersionRow {
    pub version: usize,
    /// When it took effect.
    pub at: String,
    pub member: String,
    pub visibility: &'static str,
    pub contact: Option<String>,
    pub note: Option<String>,
}

impl Row for VersionRow {
    const COLUMNS: &'static [&'static str] =
        &["version", "at", "member", "visibility", "contact", "note"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["version"];
}

/// Every version of a member's details, oldest first. Every version's name
/// is shown under the member's visibility now, so that a member who asked
/// not to be named is not named by their history either.
pub fn history(conn: &Connection, name: &str, audience: Audience) -> Result<Vec<VersionRow>> {
    let shown = Shown::load(conn, audience)?;
    let m = member(conn, name)?;
    Ok(members::versions(conn, m.id)?
        .into_iter()
        .enumerate()
        .map(|(i, v)| VersionRow {
            version: i + 1,
            at: v.at,
            member: shown_name(audience, m.visibility, &v.name, &shown.secret, m.id),
            visibility: v.visibility.as_str(),
            contact: shown.private(&v.contact),
            note: shown.private(&v.note),
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct TermRow {
    pub member: String,
    pub role: &'static str,
    pub from: String,
    pub until: Option<String>,
    /// Whole months held so far, counting the last day (to `until`, or to
    /// the day of the list).
    pub months: u32,
    /// Set when the term runs past the fund's limit for the role.
    pub flag: Option<String>,
}

impl Row for TermRow {
    const COLUMNS: &'static [&'static str] = &["member", "role", "from", "until", "months", "flag"];
    const RIGHT_ALIGNED: &'static [&'static str] = &["months"];
}

fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= to)
    {
        months += 1;
    }
    months
}

/// Role terms: all of history, or only those held on `only_on`. Lengths are
/// measured up to `today` for open terms.
pub fn terms(
    conn: &Connection,
    audience: Audience,
    only_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Vec<TermRow>> {
    let shown = Shown::load(conn, audience)?;
    let mut limits = HashMap::new();
    for role in [Role::Treasurer, Role::Steward, Role::Member] {
        if let Some(months) =
            settings::get(conn, &role.term_limit_key())?.and_then(|v| v.parse::<u32>().ok())
        {
            limits.insert(role, months);
        }
    }
    Ok(members::terms(conn)?
        .iter()
        .filter(|t| only_on.is_none_or(|on| holds(t, on)))
        .filter_map(|t| {
            let m = shown.members.get(&t.member_id)?;
            let end = t.ends_on.unwrap_or(only_on.unwrap_or(today));
            let flag = limits.get(&t.role).and_then(|&limit| {
                let last_allowed = t.starts_on.checked_add_months(Months::new(limit))?;
                (end >= last_allowed).then(|| format!("past the {limit}-month limit"))
            });
            Some(TermRow {
                member: shown.name(m),
                role: t.role.as_str(),
                from: t.starts_on.to_string(),
                until: t.ends_on.map(|d| d.to_string()),
                // `end` is the term's last day, so count up to the day after.
                months: whole_months(t.starts_on, end.max(t.starts_on).succ_opt().unwrap_or(end)),
                flag,
            })
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct SettingRow {
    pub setting: String,
    pub value: String,
}

impl Row for SettingRow {
    const COLUMNS: &'static [&'static str] = &["setting", "value"];
}

pub fn settings(conn: &Connection) -> Result<Vec<SettingRow>> {
    Ok(settings::all(conn)?
        .into_iter()
        .map(|(setting, value)| SettingRow { setting, value })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    #[test]
    fn counts_whole_months() {
        assert_eq!(whole_months(day("2026-01-15"), day("2026-02-14")), 0);
        assert_eq!(whole_months(day("2026-01-15"), day("2026-02-15")), 1);
        assert_eq!(whole_months(day("2026-01-31"), day("2026-07-30")), 5);
        assert_eq!(whole_months(day("2026-01-01"), day("2027-01-01")), 12);
    }
}
