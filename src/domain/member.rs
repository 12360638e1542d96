//! Members, their visibility, roles, and who may see their names.
//!
//! A member is a person or a group. How much of them output may show depends
//! on the member's visibility and on the audience of the output:
//!
//! | visibility   | treasurer | members   | public    |
//! |--------------|-----------|-----------|-----------|
//! | public       | name      | name      | name      |
//! | pseudonymous | name      | name      | pseudonym |
//! | anonymous    | name      | pseudonym | pseudonym |
//!
//! A pseudonym is derived from a secret only the fund's file holds and the
//! member's id, so it is stable across exports but nobody can confirm a
//! guessed name by hashing it. Contact details and notes are for treasurers
//! only.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// How visible a member wants to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Pseudonymous,
    Anonymous,
}

/// Who an output is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Members,
    Treasurer,
}

/// The roles a member can hold for a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Treasurer,
    Steward,
    Member,
}

macro_rules! text_enum {
    ($type:ident, $what:literal, $($variant:ident => $text:literal),+) => {
        impl $type {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $type {
            type Err = Error;

            fn from_str(text: &str) -> Result<Self, Error> {
                match text {
                    $($text => Ok($type::$variant),)+
                    other => Err(Error::InvalidName {
                        kind: $what,
                        name: other.to_owned(),
                        reason: concat!("expected one of: ", $($text, " "),+).trim_end().to_owned(),
                    }),
                }
            }
        }
    };
}

text_enum!(Visibility, "visibility", Public => "public", Pseudonymous => "pseudonymous", Anonymous => "anonymous");
text_enum!(Audience, "audience", Public => "public", Members => "members", Treasurer => "treasurer");
text_enum!(Role, "role", Treasurer => "treasurer", Steward => "steward", Member => "member");

impl Audience {
    /// Whether this audience may see the name of a member with `visibility`.
    pub fn sees_name(self, visibility: Visibility) -> bool {
        match self {
            Audience::Treasurer => true,
            Audience::Members => visibility != Visibility::Anonymous,
            Audience::Public => visibility == Visibility::Public,
        }
    }

    /// Whether this audience may see contact details and private notes.
    pub fn sees_private(self) -> bool {
        self == Audience::Treasurer
    }
}

/// The stable pseudonym of member `id` in the fund with `secret`.
pub fn pseudonym(secret: &str, id: i64) -> String {
    let digest = Sha256::digest(format!("fondo-member:{secret}:{id}").as_bytes());
    let tag: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("member-{tag}")
}

/// How a member is shown to an audience.
pub fn shown_name(
    audience: Audience,
    visibility: Visibility,
    name: &str,
    secret: &str,
    id: i64,
) -> String {
    if audience.sees_name(visibility) {
        name.to_owned()
    } else {
        pseudonym(secret, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_see_what_visibility_allows() {
        use Visibility::*;
        assert!(Audience::Treasurer.sees_name(Anonymous));
        assert!(Audience::Members.sees_name(Pseudonymous));
        assert!(!Audience::Members.sees_name(Anonymous));
        assert!(Audience::Public.sees_name(Public));
        assert!(!Audience::Public.sees_name(Pseudonymous));
        assert!(!Audience::Members.sees_private());
    }

    #[test]
    fn pseudonyms_are_stable_and_secret_dependent() {
        let a = pseudonym("s1", 7);
        assert_eq!(a, pseudonym("s1", 7));
        assert_ne!(a, pseudonym("s2", 7));
        assert_ne!(a, pseudonym("s1", 8));
        assert!(a.starts_with("member-") && a.len() == 15, "{a}");
    }

    #[test]
    fn parses_words() {
        assert_eq!("steward".parse::<Role>().unwrap(), Role::Steward);
        assert_eq!(
            "anonymous".parse::<Visibility>().unwrap(),
            Visibility::Anonymous
        );
        let err = "boss".parse::<Role>().unwrap_err().to_string();
        assert!(err.contains("treasurer steward member"), "{err}");
    }
}
