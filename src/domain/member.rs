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
//! people. `redact` carries the same rule into free text (a grant's
//! purpose, a vote's reason) written for an audience.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::ids::MemberId;
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

impl Role {
    /// The setting holding the longest term, in months, for this role
    /// (`max-term-months.steward`).
    pub fn term_limit_key(self) -> String {
        format!("{}{self}", crate::domain::settings::TERM_LIMIT_PREFIX)
    }
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

/// How outputs show who gave anonymously (a reserved name).
pub const ANONYMOUS: &str = "anonymous";
/// What every pseudonym starts with; [`PSEUDONYM_TAG_LEN`] hex digits follow.
pub const PSEUDONYM_PREFIX: &str = "member-";
/// The number of hex digits after [`PSEUDONYM_PREFIX`].
pub const PSEUDONYM_TAG_LEN: usize = 8;

/// The stable pseudonym of member `id` in the fund with `secret`.
pub fn pseudonym(secret: &str, id: MemberId) -> String {
    let digest = Sha256::digest(format!("fondo-member:{secret}:{id}").as_bytes());
    let tag: String = digest
        .iter()
        .take(PSEUDONYM_TAG_LEN / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{PSEUDONYM_PREFIX}{tag}")
}

/// How a member is shown to an audience.
pub fn shown_name(
    audience: Audience,
    visibility: Visibility,
    name: &str,
    secret: &str,
    id: MemberId,
) -> String {
    if audience.sees_name(visibility) {
        name.to_owned()
    } else {
        pseudonym(secret, id)
    }
}

/// The names an audience may not see, each with the pseudonym shown
/// instead, for finding them in free text.
///
/// Text and names are compared folded ([`fold`]): lower case, Unicode
/// compatibility forms (NFKD) without their combining marks, so `José`,
/// `JOSE`, `jos\u{e9}` and `Jose\u{301}` read alike, and any run of spaces,
/// hyphens and underscores as one space, so `Familia  Ortega`,
/// `FAMILIA-ORTEGA` and `familia_ortega` do too. A match is a whole word:
/// the whole name, or any part of it of three or more letters on its own
/// (`luis` in `tutoring-by-luis`, `ortega` in `Ortega family`), unless that
/// part is also in the name of a member the audience may see (a shared
/// `Familia` names nobody).
#[derive(Debug, Clone, Default)]
pub struct HiddenNames {
    /// Folded patterns, longest first so that "ana maria" is matched before
    /// "ana": (folded characters, index into `members`).
    patterns: Vec<(Vec<char>, usize)>,
    /// (name, pseudonym) of each hidden member.
    members: Vec<(String, String)>,
}

/// Whether `c` separates the words of a name (runs of them read as one).
fn separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '_'
}

/// `text` folded for comparing names: each folded character with the index
/// (in characters) of the character of `text` it comes from. Lower case,
/// NFKD without combining marks, runs of separators as one space.
pub fn fold(text: &str) -> Vec<(char, usize)> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut folded: Vec<(char, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if separator(c) {
            if folded.last().is_none_or(|(last, _)| *last != ' ') {
                folded.push((' ', i));
            }
            continue;
        }
        for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                if separator(l) {
                    if folded.last().is_none_or(|(last, _)| *last != ' ') {
                        folded.push((' ', i));
                    }
                } else {
                    folded.push((l, i));
                }
            }
        }
    }
    folded
}

/// `text` folded ([`fold`]) as a string, without leading or trailing space.
pub fn folded(text: &str) -> String {
    let s: String = fold(text).into_iter().map(|(c, _)| c).collect();
    s.trim().to_owned()
}

/// The parts of a folded name of three or more letters.
fn parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

impl HiddenNames {
    /// The names of `members` (id, name, visibility) that `audience` may not
    /// see, with their pseudonyms under `secret`.
    pub fn new<'a>(
        audience: Audience,
        secret: &str,
        members: impl IntoIterator<Item = (MemberId, &'a str, Visibility)>,
    ) -> HiddenNames {
        let mut hidden = Vec::new();
        let mut seen_parts = std::collections::HashSet::new();
        for (id, name, visibility) in members {
            if audience.sees_name(visibility) {
                seen_parts.extend(parts(&folded(name)).map(str::to_owned));
            } else if !folded(name).is_empty() {
                hidden.push((name.to_owned(), pseudonym(secret, id)));
            }
        }
        hidden.sort();
        let mut patterns: Vec<(Vec<char>, usize)> = Vec::new();
        for (n, (name, _)) in hidden.iter().enumerate() {
            let whole = folded(name);
            let mut add = |pattern: &str| {
                let chars: Vec<char> = pattern.chars().collect();
                if !patterns.iter().any(|(p, _)| *p == chars) {
                    patterns.push((chars, n));
                }
            };
            add(&whole);
            for part in parts(&whole).filter(|p| !seen_parts.contains(*p)) {
                add(part);
            }
        }
        patterns.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        HiddenNames {
            patterns,
            members: hidden,
        }
    }

    /// Whether no name is hidden.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The pattern that occurs in `text[at..]` as a whole word: its length
    /// and the member's index.
    fn at(&self, text: &[(char, usize)], at: usize) -> Option<(usize, usize)> {
        let word = |c: Option<&(char, usize)>| c.is_some_and(|(c, _)| c.is_alphanumeric());
        if at > 0 && word(text.get(at - 1)) {
            return None;
        }
        self.patterns.iter().find_map(|(pattern, member)| {
            let end = at + pattern.len();
            (text.len() >= end
                && text[at..end].iter().map(|(c, _)| c).eq(pattern.iter())
                && !word(text.get(end)))
            .then_some((pattern.len(), *member))
        })
    }

    /// The hidden names in `text`: (from, to) in characters of `text` and
    /// the member's index, in order.
    fn hits(&self, text: &str) -> Vec<(usize, usize, usize)> {
        if self.members.is_empty() {
            return Vec::new();
        }
        let folded = fold(text);
        let total = text.chars().count();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            match self.at(&folded, i) {
                Some((len, member)) => {
                    let from = folded[i].1;
                    let to = folded.get(i + len).map_or(total, |(_, o)| *o).max(from + 1);
                    hits.push((from, to, member));
                    i += len;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// `text` with every whole-word occurrence of a hidden name (under
    /// [`fold`], whole or a part of it) replaced by that member's pseudonym;
    /// parts of one name next to each other become one pseudonym.
    pub fn redact(&self, text: &str) -> String {
        let hits = self.hits(text);
        if hits.is_empty() {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut last: Option<usize> = None;
        for (from, to, member) in hits {
            let between: String = chars[at..from].iter().collect();
            let joined =
                last == Some(member) && !between.is_empty() && between.chars().all(separator);
            if !joined {
                out.push_str(&between);
                out.push_str(&self.members[member].1);
            }
            last = Some(member);
            at = to;
        }
        out.extend(&chars[at..]);
        out
    }

    /// The first hidden name that occurs in `text` (as [`HiddenNames::redact`]
    /// finds them), if any.
    pub fn find(&self, text: &str) -> Option<&str> {
        self.hits(text)
            .first()
            .map(|(_, _, member)| self.members[*member].0.as_str())
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
            (MemberId::new(1), "Ana", Public),
            (MemberId::new(2), "Carmen", Pseudonymous),
            (MemberId::new(3), "Ana María", Anonymous),
            (MemberId::new(4), "Cocina Común", Pseudonymous),
        ];
        let public = HiddenNames::new(Audience::Public, "s", members);
        let text = "Rent for CARMEN, with ana maría and Cocina Común; Carmencita and Ana stay";
        let redacted = public.redact(text);
        let (p2, p3, p4) = (
            pseudonym("s", MemberId::new(2)),
            pseudonym("s", MemberId::new(3)),
            pseudonym("s", MemberId::new(4)),
        );
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

    /// The names of issue 12's fund: two hidden, one public.
    fn issue_names() -> HiddenNames {
        use Visibility::*;
        HiddenNames::new(
            Audience::Public,
            "s",
            [
                (MemberId::new(1), "Familia Ortega", Pseudonymous),
                (MemberId::new(2), "Luis Fernández", Anonymous),
                (MemberId::new(3), "Cocina Común", Pseudonymous),
                (MemberId::new(4), "Familia Ruiz", Public),
            ],
        )
    }

    #[test]
    fn hidden_names_are_found_under_every_normalisation() {
        let hidden = issue_names();
        for (text, name) in [
            ("rent for FAMILIA-ORTEGA", "Familia Ortega"),
            ("rent for familia_ortega", "Familia Ortega"),
            ("rent for Familia   Ortega", "Familia Ortega"),
            ("the Ortega family", "Familia Ortega"),
            ("paid to Luis Fernandez", "Luis Fernández"),
            ("paid to LUIS FERNÁNDEZ", "Luis Fernández"),
            ("paid to Luis Ferna\u{301}ndez", "Luis Fernández"),
            ("Fernández, Luis", "Luis Fernández"),
            ("tutoring-by-luis", "Luis Fernández"),
            ("expenses:Luis Fernández", "Luis Fernández"),
            ("luis-fernández", "Luis Fernández"),
            ("stove-for-Cocina Común", "Cocina Común"),
            ("stove for ｃｏｃｉｎａ", "Cocina Común"),
        ] {
            assert_eq!(hidden.find(text), Some(name), "{text}");
            let redacted = hidden.redact(text);
            assert_eq!(hidden.find(&redacted), None, "{text} → {redacted}");
        }
    }

    #[test]
    fn shared_and_short_words_name_nobody() {
        let hidden = issue_names();
        for text in [
            "Familia Ruiz pays rent",
            "Luisa and Ortegas",
            "the communal kitchen",
            "deluis",
        ] {
            assert_eq!(hidden.find(text), None, "{text}");
            assert_eq!(hidden.redact(text), text);
        }
        let short = HiddenNames::new(
            Audience::Public,
            "s",
            [(MemberId::new(9), "Jo Li", Visibility::Anonymous)],
        );
        assert_eq!(short.find("Jo went"), None);
        assert_eq!(short.find("for jo-li"), Some("Jo Li"));
    }

    #[test]
    fn parts_of_one_name_become_one_pseudonym() {
        let hidden = issue_names();
        let p2 = pseudonym("s", MemberId::new(2));
        assert_eq!(
            hidden.redact("expenses:Luis Fernández"),
            format!("expenses:{p2}")
        );
        assert_eq!(hidden.redact("luis-fernández"), p2);
        assert_eq!(hidden.redact("Fernandez  Luis paid"), format!("{p2} paid"));
        assert_eq!(
            hidden.redact("tutoring-by-luis"),
            format!("tutoring-by-{p2}")
        );
        assert_eq!(
            hidden.redact("the Ortega family"),
            format!("the {} family", pseudonym("s", MemberId::new(1)))
        );
    }

    #[test]
    fn pseudonyms_are_stable_and_secret_dependent() {
        let a = pseudonym("s1", MemberId::new(7));
        assert_eq!(a, pseudonym("s1", MemberId::new(7)));
        assert_ne!(a, pseudonym("s2", MemberId::new(7)));
        assert_ne!(a, pseudonym("s1", MemberId::new(8)));
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
