//! Names people cannot confuse: the one rule for every name a person picks
//! and others read (members, accounts, pools, commodities, categories,
//! purchases and their items).
//!
//! Rule: a name is stored in Unicode NFC ([`stored`]), so `José` typed with
//! a combining accent is the same name as `José` typed precomposed. Control,
//! format (zero-width spaces and joiners, text-direction overrides and
//! isolates), private-use and unassigned characters are refused
//! ([`check_chars`]): they are invisible, or look different on every
//! machine. Two names of one kind may not read alike ([`refuse_lookalike`]):
//! they are compared ignoring case, on the confusables skeleton of Unicode
//! Technical Standard #39 ([`key`]), so Cyrillic `uѕd` next to `usd`, or
//! `Ana` next to `ANA`, is refused with the existing name quoted. Member
//! names may not be the labels outputs show in their place
//! ([`refuse_reserved`]): `anonymous` and a pseudonym (`member-` and eight
//! hex digits).

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

use crate::domain::member::{ANONYMOUS, PSEUDONYM_PREFIX, PSEUDONYM_TAG_LEN};
use crate::error::{Error, Result};

/// `name` in Unicode NFC.
pub fn nfc(name: &str) -> String {
    name.nfc().collect()
}

/// Why `name` may not be used as a name because of one of its characters.
///
/// # Errors
/// The first refused character: a control, format, line or paragraph
/// separator, private-use or unassigned character.
pub fn check_chars(name: &str) -> std::result::Result<(), String> {
    for c in name.chars() {
        let what = match get_general_category(c) {
            GeneralCategory::Control => "a control character: control characters are not allowed",
            GeneralCategory::Format => {
                "an invisible formatting character (zero-width, joiner or text-direction mark): names may hold only visible characters"
            }
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
                "a line break: names are one line"
            }
            GeneralCategory::PrivateUse => {
                "a private-use character, which looks different on every machine: names may hold only standard characters"
            }
            GeneralCategory::Unassigned | GeneralCategory::Surrogate => {
                "not an assigned Unicode character: names may hold only standard characters"
            }
            _ => continue,
        };
        return Err(format!("U+{:04X} is {what}", u32::from(c)));
    }
    Ok(())
}

/// `name` as it is stored: in NFC, checked by [`check_chars`].
///
/// # Errors
/// [`Error::InvalidName`] of `kind` when a character is refused.
pub fn stored(kind: &'static str, name: &str) -> Result<String> {
    check_chars(name).map_err(|reason| Error::InvalidName {
        kind,
        name: name.to_owned(),
        reason,
    })?;
    Ok(nfc(name))
}

/// The key under which two names read alike: lower case, then the UTS #39
/// confusables skeleton (which also drops default-ignorable characters),
/// lower-cased again.
pub fn key(name: &str) -> String {
    let lower = nfc(name).to_lowercase();
    unicode_security::skeleton(&lower)
        .collect::<String>()
        .to_lowercase()
}

/// Refuses `name` when it reads like ([`key`]) one of `existing` (names of
/// the same kind already in the books), quoting the first such name.
///
/// # Errors
/// [`Error::LookAlike`] naming `kind`, `name` and the existing name.
pub fn refuse_lookalike<'a>(
    kind: &'static str,
    name: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    let wanted = key(name);
    match existing.into_iter().find(|e| key(e) == wanted) {
        Some(existing) => Err(Error::LookAlike {
            kind,
            name: name.to_owned(),
            existing: existing.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Refuses a member name that reads like a label outputs show instead of a
/// name: `anonymous`, or a pseudonym.
///
/// # Errors
/// [`Error::InvalidName`] saying which label it would be read as.
pub fn refuse_reserved(name: &str) -> Result<()> {
    let wanted = key(name);
    let reason = if wanted == key(ANONYMOUS) {
        format!(
            "{ANONYMOUS:?} is how outputs show who gave anonymously; a member named so would read as one"
        )
    } else if reads_as_pseudonym(&wanted) {
        format!(
            "{PSEUDONYM_PREFIX}… and {PSEUDONYM_TAG_LEN} hex digits is how outputs show a hidden member; a member named so would read as someone's pseudonym"
        )
    } else {
        return Ok(());
    };
    Err(Error::InvalidName {
        kind: "member name",
        name: name.to_owned(),
        reason,
    })
}

/// Whether a [`key`] reads as a pseudonym's key.
fn reads_as_pseudonym(wanted: &str) -> bool {
    let hex: Vec<String> = "0123456789abcdef"
        .chars()
        .map(|c| key(c.encode_utf8(&mut [0; 4])))
        .collect();
    wanted
        .strip_prefix(&key(PSEUDONYM_PREFIX))
        .is_some_and(|tag| {
            tag.chars().count() == PSEUDONYM_TAG_LEN
                && tag
                    .chars()
                    .all(|c| hex.iter().any(|h| h.chars().eq(std::iter::once(c))))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::MemberId;
    use crate::domain::member::pseudonym;

    #[test]
    fn names_are_stored_in_nfc() {
        assert_eq!(stored("member name", "Jose\u{301}").unwrap(), "Jos\u{e9}");
        assert_eq!(
            stored("member name", "Cocina Común").unwrap(),
            "Cocina Común"
        );
    }

    #[test]
    fn invisible_and_unassigned_characters_are_refused() {
        for (bad, code) in [
            ("Ana\u{200B}", "U+200B"),
            ("Ana\u{202E}gnp.exe", "U+202E"),
            ("x\u{2067}y\u{2069}", "U+2067"),
            ("a\u{FEFF}", "U+FEFF"),
            ("a\nb", "U+000A"),
            ("a\u{2028}b", "U+2028"),
            ("a\u{E000}", "U+E000"),
            ("a\u{0378}", "U+0378"),
        ] {
            let err = stored("pool name", bad).unwrap_err().to_string();
            assert!(err.contains(code) && err.contains("pool name"), "{err}");
        }
    }

    #[test]
    fn look_alikes_are_refused_quoting_the_existing_name() {
        for (existing, new) in [
            ("usd", "u\u{0455}d"),
            ("assets:bank:usd", "assets:bank:u\u{0455}d"),
            ("Ana", "ANA"),
            ("Jos\u{e9}", "Jose\u{301}"),
            ("HOURS", "H0URS"),
            ("paypal", "\u{0440}aypal"),
        ] {
            let err = refuse_lookalike("account", new, [existing]).unwrap_err();
            assert!(err.to_string().contains(&format!("{existing:?}")), "{err}");
        }
        refuse_lookalike("account", "usd", ["eur", "usdc"]).unwrap();
    }

    #[test]
    fn labels_of_outputs_are_reserved() {
        for bad in [
            "anonymous",
            "Anonymous",
            "\u{0430}nonymous",
            "member-1a2b3c4d",
            "MEMBER-1A2B3C4D",
            &pseudonym("s", MemberId::new(7)),
        ] {
            let err = refuse_reserved(bad).unwrap_err().to_string();
            assert!(err.contains("member name"), "{err}");
        }
        for fine in [
            "Anonymous Collective",
            "member-1a2b",
            "member-notahexx",
            "Ana",
        ] {
            refuse_reserved(fine).unwrap();
        }
    }
}
