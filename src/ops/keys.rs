//! Members' keys and the fund's key, as governance records: registering a
//! member's OpenSSH key (`member-key`), revoking it (`member-key-revoke`),
//! and registering the fund's own key (`fund-key`).
//!
//! Rules kept here: only ssh-ed25519 keys; a key belongs to one member, ever
//! (a key once registered, even revoked, is never registered again); a key
//! is revoked by its member's record only, never removed, so the history of
//! who could sign when stays in the chain.

use chrono::NaiveDateTime;

use crate::books::keys::{fund_keys, key_book};
use crate::books::members::{by_id, member};
use crate::domain::keys::{
    FundKeyRecord, KeyStep, MemberKey, MemberKeyRecord, MemberKeyRevokeRecord, parse_public_key,
};
use crate::domain::records::RecordKind;
use crate::error::{Error, KeyRefusal, Needed, Result, SqlContext};
use crate::ops::grants::{append_record, when};
use crate::store::Db;

/// Registers `text` (an OpenSSH public key line read from `source`) as a key
/// of `member` from `at` on. Returns the key as stored.
///
/// # Errors
/// [`Error::Key`] for a key that is not ssh-ed25519 or cannot be read;
/// [`Error::KeyRefused`] for a key registered before (to anyone).
pub fn add_member_key(
    db: &mut Db,
    member_name: &str,
    source: &str,
    text: &str,
    at: Option<NaiveDateTime>,
) -> Result<MemberKey> {
    let key = parse_public_key(source, text)?;
    let tx = db.write()?;
    let at = when(&tx, at);
    let holder = member(&tx, member_name)?;
    let book = key_book(&tx)?;
    if let Some(entry) = book.get(&key.fingerprint) {
        let owner = by_id(&tx)?
            .get(&entry.member)
            .map_or_else(|| format!("#{}", entry.member), |m| m.name.clone());
        return Err(if entry.member == holder.id {
            KeyRefusal::AlreadyRegistered {
                fingerprint: key.fingerprint.clone(),
                member: owner,
                revoked: entry.revoked.is_some(),
            }
            .into()
        } else {
            KeyRefusal::OtherMembers {
                fingerprint: key.fingerprint.clone(),
                member: owner,
            }
            .into()
        });
    }
    if fund_keys(&tx)?
        .iter()
        .any(|(_, k)| k.fingerprint == key.fingerprint)
    {
        return Err(KeyRefusal::FundsKey {
            fingerprint: key.fingerprint,
        }
        .into());
    }
    let record = MemberKeyRecord {
        member: holder.id,
        key: key.key.clone(),
        fingerprint: key.fingerprint.clone(),
    };
    append_record(&tx, RecordKind::MemberKey, None, at, &record)?;
    tx.commit().ctx("committing the key")?;
    Ok(key)
}

/// Revokes `member`'s key `fingerprint` from `at` on: signatures by it dated
/// from then on are refused (those dated before stay valid).
///
/// # Errors
/// [`Error::Missing`] without a reason; [`Error::KeyRefused`] when the member
/// holds no such key in force at `at`.
pub fn revoke_member_key(
    db: &mut Db,
    member_name: &str,
    fingerprint: &str,
    reason: &str,
    at: Option<NaiveDateTime>,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Missing {
            what: "a revocation",
            needs: Needed::Reason,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    let at = when(&tx, at);
    let holder = member(&tx, member_name)?;
    let mut book = key_book(&tx)?;
    let record = MemberKeyRevokeRecord {
        member: holder.id,
        fingerprint: fingerprint.trim().to_owned(),
        reason: reason.trim().to_owned(),
    };
    book.apply(at, &KeyStep::Revoke(record.clone()))
        .map_err(|_| {
            Error::from(KeyRefusal::NotInForce {
                member: holder.name.clone(),
                fingerprint: record.fingerprint.clone(),
                at,
            })
        })?;
    append_record(&tx, RecordKind::MemberKeyRevoke, None, at, &record)?;
    tx.commit().ctx("committing the revocation")
}

/// Registers the fund's own key (what it signs its bundles with) from `at`
/// on. Returns the key as stored.
///
/// # Errors
/// [`Error::Key`] for a key that is not ssh-ed25519; [`Error::KeyRefused`] for
/// a key already registered (as the fund's or a member's).
pub fn add_fund_key(
    db: &mut Db,
    source: &str,
    text: &str,
    at: Option<NaiveDateTime>,
) -> Result<MemberKey> {
    let key = parse_public_key(source, text)?;
    let tx = db.write()?;
    let at = when(&tx, at);
    if fund_keys(&tx)?
        .iter()
        .any(|(_, k)| k.fingerprint == key.fingerprint)
    {
        return Err(KeyRefusal::AlreadyFunds {
            fingerprint: key.fingerprint,
        }
        .into());
    }
    if key_book(&tx)?.get(&key.fingerprint).is_some() {
        return Err(KeyRefusal::MembersKey {
            fingerprint: key.fingerprint,
        }
        .into());
    }
    let record = FundKeyRecord {
        key: key.key.clone(),
        fingerprint: key.fingerprint.clone(),
    };
    append_record(&tx, RecordKind::FundKey, None, at, &record)?;
    tx.commit().ctx("committing the fund's key")?;
    Ok(key)
}
