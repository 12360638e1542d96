//! Members, their visibility, roles, and who may see their names.
//!
//! A member is a person or a group. How much of them output may show depends
//! on the member's visibility and on the audience of the output:
//!
//! | visibility   | treasurer, auditor | members   | public    |
//! |--------------|--------------------|-----------|-----------|
//! | public       | name               | name      | name      |
//! | pseudonymous | name               | name      | pseudonym |
//! | anonymous    | name               | pseudonym | pseudonym |
//!
//! A pseudonym is derived from a secret only the fund's file holds and the
//! member's id, so it is stable across exports but nobody can confirm a
//! guessed name by hashing it. Contact details and notes are for treasurers
//! only: the auditor audience (of audit bundles) sees every name, to match
//! the books against bank statements and receipts, but not how to reach
//! people. [`redact`] carries the same rule into free text (a grant's
//! purpose, a vote's reason) written for an audience.

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
    /// Whoever audits the books: every name, no contact details or notes.
    Auditor,
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
text_enum!(Audience, "audience", Public => "public", Members => "members", Treasurer => "treasurer", Auditor => "auditor");
text_enum!(Role, "role", Treasurer => "treasurer", Steward => "steward", Member => "member");

impl Audience {
    /// Whether this audience may see the name of a member with `visibility`.
    pub fn sees_name(self, visibility: Visibility) -> bool {
        match self {
            Audience::Treasurer | Audience::Auditor => true,
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

/// The names an audience may not see, each with the pseudonym shown
/// instead, for finding them in free text.
#[derive(Debug, Clone, Default)]
pub struct HiddenNames {
    /// (name as characters, name, pseudonym), longest names first so that
    /// "Ana María" is matched before "Ana".
    names: Vec<(Vec<char>, String, String)>,
}

impl HiddenNames {
    /// The names of `members` (id, name, visibility) that `audience` may not
    /// see, with their pseudonyms under `secret`.
    pub fn new<'a>(
        audience: Audience,
        secret: &str,
        members: impl IntoIterator<Item = (i64, &'a str, Visibility)>,
    ) -> HiddenNames {
        let mut names: Vec<(Vec<char>, String, String)> = members
            .into_iter()
            .filter(|(_, name, visibility)| !audience.sees_name(*visibility) && !name.is_empty())
            .map(|(id, name, _)| {
                (
                    name.chars().collect(),
                    name.to_owned(),
                    pseudonym(secret, id),
                )
            })
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.1.cmp(&b.1)));
        HiddenNames { names }
    }

    /// The name (of the hidden ones) that occurs at `chars[at..]` as a whole
    /// word, ignoring case: its index.
    fn at(&self, chars: &[char], at: usize) -> Option<usize> {
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        if at > 0 && word(chars.get(at - 1)) {
            return None;
        }
        self.names.iter().position(|(name, _, _)| {
            chars.len() >= at + name.len()
                && chars[at..at + name.len()]
                    .iter()
                    .zip(name)
                    .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                && !word(chars.get(at + name.len()))
        })
    }

    /// `text` with every whole-word occurrence of a hidden name, in any
    /// case, replaced by that member's pseudonym.
    pub fn redact(&self, text: &str) -> String {
        if self.names.is_empty() {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            match self.at(&chars, i) {
                Some(n) => {
                    out.push_str(&self.names[n].2);
                    i += self.names[n].0.len();
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// The first hidden name that occurs in `text` as a whole word, if any.
    pub fn find(&self, text: &str) -> Option<&str> {
        if self.names.is_empty() {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len()).find_map(|i| self.at(&chars, i).map(|n| self.names[n].1.as_str()))
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
    fn hidden_names_are_found_and_replaced_as_whole_words() {
        use Visibility::*;
        let members = [
            (1, "Ana", Public),
            (2, "Carmen", Pseudonymous),
            (3, "Ana María", Anonymous),
            (4, "Cocina Común", Pseudonymous),
        ];
        let public = HiddenNames::new(Audience::Public, "s", members);
        let text = "Rent for CARMEN, with ana maría and Cocina Común; Carmencita and Ana stay";
        let redacted = public.redact(text);
        let (p2, p3, p4) = (pseudonym("s", 2), pseudonym("s", 3), pseudonym("s", 4));
        assert_eq!(
            redacted,
            format!("Rent for {p2}, with {p3} and {p4}; Carmencita and Ana stay")
        );
        assert_eq!(public.find(text), Some("Carmen"));
        assert_eq!(public.find("Carmencita and Ana"), None);
        let members_only = HiddenNames::new(Audience::Members, "s", members);
        assert_eq!(members_only.find(text), Some("Ana María"));
        let auditor = HiddenNames::new(Audience::Auditor, "s", members);
        assert_eq!(auditor.redact(text), text);
        assert!(Audience::Auditor.sees_name(Anonymous) && !Audience::Auditor.sees_private());
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
