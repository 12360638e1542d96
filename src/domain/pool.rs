//! Names of pools and members: short human labels, unique ignoring case.

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
    if name.chars().any(char::is_control) {
        return Err("control characters are not allowed".into());
    }
    Ok(())
}

/// Checks a pool name (`housing`, `rapid response`).
pub fn validate_pool_name(name: &str) -> Result<()> {
    check("pool", name).map_err(|reason| Error::InvalidName {
        kind: "pool name",
        name: name.to_owned(),
        reason,
    })
}

/// Checks a member name (a person's or a group's).
pub fn validate_member_name(name: &str) -> Result<()> {
    check("member", name).map_err(|reason| Error::InvalidName {
        kind: "member name",
        name: name.to_owned(),
        reason,
    })
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
