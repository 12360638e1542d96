//! Names of pools and members: short human labels, unique ignoring case and
//! look-alikes, stored in NFC (the rule of `domain::name`).

use crate::domain::name;
use crate::error::{Error, Result};

const MAX_LEN: usize = 80;

fn check(kind: &str, name: &str) -> std::result::Result<(), String> {
    if name.trim().is_empty() {
        return Err(format!("a {kind} needs a name"));
    }
    if name.trim() != name {
        return Err("names may not start or end with spaces".into());
    }
    if name.chars().count() > MAX_LEN {
        return Err(format!("names are at most {MAX_LEN} characters"));
    }
    name::check_chars(name)
}

/// Checks a pool name (`housing`, `rapid response`) and returns it as
/// stored (NFC).
pub fn validate_pool_name(name: &str) -> Result<String> {
    check("pool", name).map_err(|reason| Error::InvalidName {
        kind: "pool name",
        name: name.to_owned(),
        reason,
    })?;
    Ok(name::nfc(name))
}

/// Checks a member name (a person's or a group's), refusing the labels
/// outputs use, and returns it as stored (NFC).
pub fn validate_member_name(name: &str) -> Result<String> {
    check("member", name).map_err(|reason| Error::InvalidName {
        kind: "member name",
        name: name.to_owned(),
        reason,
    })?;
    name::refuse_reserved(name)?;
    Ok(name::nfc(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_names() {
        validate_pool_name("rapid response").unwrap();
        validate_member_name("Cocina Común").unwrap();
        for bad in ["", " ", " x", "x ", "a\nb", &"x".repeat(81)] {
            assert!(validate_pool_name(bad).is_err(), "{bad:?}");
        }
    }
}
