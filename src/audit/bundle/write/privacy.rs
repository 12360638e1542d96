//! What the audience may see: free text in a row passes through
//! [`Privacy::redact`], and every cell written is scanned for a name the
//! audience may not see that could not be changed (an account name, or
//! text in the hash-chained journal), which becomes a warning for the
//! treasurer.
//!
//! Outside the auditor's bundle, a recusal shows as `recused` without its
//! reason ([`Privacy::recusal`]): "related to the applicant" would tell
//! the public of a family tie between a steward and a pseudonymous
//! applicant.
//!
//! Rule: the one place the writer applies the redaction rules of
//! [`HiddenNames`] (the same ones as every audience output, see
//! [`crate::domain::gate`]); it changes no amounts.

use crate::domain::member::HiddenNames;

/// Names hidden from the audience, and what was found where.
pub(super) struct Privacy {
    pub(super) hidden: HiddenNames,
    pub(super) audience: &'static str,
    /// Whether the audience may see why a steward recused (the auditor).
    pub(super) sees_relations: bool,
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

    /// The reason shown for a recusal: none, unless the audience may see
    /// relations.
    pub(super) fn recusal(&self, why: &str) -> String {
        if self.sees_relations {
            why.to_owned()
        } else {
            String::new()
        }
    }

    /// Notes the payee or reference of a contribution whose giver the
    /// audience may not see, in a row of the v1 form: its hash covers the
    /// text, so it is shown as recorded.
    pub(super) fn withheld_v1(&mut self, place: &str) {
        self.warnings.push(format!(
            "{place} comes from a contribution whose giver the {} audience may not see; it was recorded before the v2 form, so it cannot be redacted in the bundle and may identify the giver: check before publishing",
            self.audience
        ));
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
