//! What the audience may see: free text in a row passes through
//! [`Privacy::redact`], and every cell written is scanned for a name the
//! audience may not see that could not be changed (an account name, or
//! text in the hash-chained journal), which becomes a warning for the
//! treasurer.
//!
//! Rule: the one place the writer applies the redaction rules of
//! [`HiddenNames`]; it changes no amounts.

use crate::domain::member::HiddenNames;

/// Names hidden from the audience, and what was found where.
pub(super) struct Privacy {
    pub(super) hidden: HiddenNames,
    pub(super) audience: &'static str,
    pub(super) warnings: Vec<String>,
}

impl Privacy {
    pub(super) fn redact(&self, text: &str) -> String {
        self.hidden.redact(text)
    }

    /// Redacts optional text; an absent one is an empty cell.
    pub(super) fn redact_opt(&self, text: Option<&str>) -> String {
        text.map(|t| self.redact(t)).unwrap_or_default()
    }

    /// Notes a cell that still names a hidden member.
    pub(super) fn scan(&mut self, place: impl FnOnce() -> String, text: &str) {
        if let Some(name) = self.hidden.find(text) {
            self.warnings.push(format!(
                "{} names {name:?}, whom the {} audience may not see; it cannot be changed in the bundle, so check before publishing",
                place(),
                self.audience
            ));
        }
    }
}
