//! The languages fondo writes pages for people in: forum pages, bundle
//! READMEs, member statements and the handover. A language is a choice of
//! words and reading formats only; nothing a check reads depends on it.
//! Its messages and reading formats live in `render::i18n`.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A language fondo writes pages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Es,
    Fr,
    Pt,
}

impl Lang {
    /// Every language, in the order help texts list them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Es, Lang::Fr, Lang::Pt];

    /// The BCP 47 tag (`<html lang>`), also the `language` setting's value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
        }
    }

    /// The direction of its script: `ltr` or `rtl` (`<html dir>`). All
    /// four are written left to right; a right-to-left language added later
    /// answers `rtl` here, and pages follow (they use logical CSS only).
    pub fn dir(self) -> &'static str {
        "ltr"
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// # Errors
    /// [`Error::UnknownLanguage`] for anything but `en`, `es`, `fr`, `pt`.
    fn from_str(s: &str) -> Result<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag() == s.trim())
            .ok_or_else(|| Error::UnknownLanguage {
                given: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_by_tag() {
        for lang in Lang::ALL {
            assert_eq!(lang.tag().parse::<Lang>().unwrap(), lang);
            assert_eq!(lang.dir(), "ltr");
        }
        let err = "xx".parse::<Lang>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown language \"xx\"; fondo writes en, es, fr or pt"
        );
    }
}
