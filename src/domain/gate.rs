//! The one redaction gate: everything written for an audience (report rows in
//! every format, the forum page, member-facing outputs, the free text of audit
//! bundles) passes through a [`Gate`], which replaces every name the audience
//! may not see ([`HiddenNames`], under normalisation) by that member's
//! pseudonym, in every text it carries.
//!
//! Rule: what the gate lets out is a [`Gated`] value, which only a gate can
//! make; the renderers write rows and documents only from one
//! (`render::Renderer` and the page writers take a gate or a `Gated`), so a
//! report added later cannot reach an audience without passing here. The
//! gate does not choose which text to scan: it walks every text of what it
//! is given ([`Text`]), so a new free-text column is covered without being
//! declared. Outputs for the treasurer pass too, through [`Gate::books`],
//! which hides nothing.

use serde::Serialize;
use serde_json::Value;

use crate::domain::ids::MemberId;
use crate::domain::member::{Audience, HiddenNames, Visibility};

/// Something whose texts the gate can walk and change in place.
pub trait Text {
    /// Calls `f` on every text in `self`.
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String));
}

impl Text for String {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        f(self);
    }
}

impl<T: Text> Text for Option<T> {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        if let Some(t) = self {
            t.each_text(f);
        }
    }
}

impl<T: Text> Text for Vec<T> {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        for t in self {
            t.each_text(f);
        }
    }
}

impl Text for Value {
    fn each_text(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            Value::String(s) => f(s),
            Value::Array(items) => items.iter_mut().for_each(|v| v.each_text(f)),
            Value::Object(map) => map.values_mut().for_each(|v| v.each_text(f)),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}

/// A value that has passed the gate of [`Gated::audience`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gated<T> {
    value: T,
    audience: Audience,
}

impl<T> Gated<T> {
    pub fn get(&self) -> &T {
        &self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }

    /// The audience it was gated for.
    pub fn audience(&self) -> Audience {
        self.audience
    }
}

/// The redaction gate of one audience.
#[derive(Debug, Clone)]
pub struct Gate {
    audience: Audience,
    hidden: HiddenNames,
}

impl Gate {
    /// The gate of `audience` for a fund with `secret` and `members` (id,
    /// name, visibility; every name a member has had, so an old name is
    /// caught too).
    pub fn new<'a>(
        audience: Audience,
        secret: &str,
        members: impl IntoIterator<Item = (MemberId, &'a str, Visibility)>,
    ) -> Gate {
        Gate {
            audience,
            hidden: HiddenNames::new(audience, secret, members),
        }
    }

    /// The treasurer's own view of the books: nothing is hidden.
    pub fn books() -> Gate {
        Gate {
            audience: Audience::Treasurer,
            hidden: HiddenNames::default(),
        }
    }

    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// The names this gate hides.
    pub fn hidden(&self) -> &HiddenNames {
        &self.hidden
    }

    /// Whether the gate lets everything through unchanged.
    pub fn is_open(&self) -> bool {
        self.hidden.is_empty()
    }

    /// One text as the audience may see it.
    pub fn text(&self, text: &str) -> String {
        self.hidden.redact(text)
    }

    /// The first hidden name in `text`, if any.
    pub fn find(&self, text: &str) -> Option<&str> {
        self.hidden.find(text)
    }

    /// `value` with every text in it as the audience may see it.
    pub fn pass<T: Text>(&self, mut value: T) -> Gated<T> {
        if !self.is_open() {
            value.each_text(&mut |text| {
                if self.hidden.find(text).is_some() {
                    *text = self.hidden.redact(text);
                }
            });
        }
        Gated {
            value,
            audience: self.audience,
        }
    }

    /// A row, serialized, with every text cell as the audience may see it.
    ///
    /// # Errors
    /// When the row cannot be serialized (a map with non-text keys).
    pub fn row<R: Serialize>(&self, row: &R) -> serde_json::Result<Gated<Value>> {
        Ok(self.pass(serde_json::to_value(row)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::pseudonym;

    #[derive(Serialize)]
    struct Row {
        purpose: String,
        account: Option<String>,
        amount: String,
    }

    #[test]
    fn every_text_of_a_row_passes_the_gate() {
        let gate = Gate::new(
            Audience::Public,
            "s",
            [(MemberId::new(3), "Cocina Común", Visibility::Pseudonymous)],
        );
        let row = Row {
            purpose: "stove-for-Cocina Común".into(),
            account: Some("expenses:cocina comun".into()),
            amount: "-12.50".into(),
        };
        let gated = gate.row(&row).unwrap();
        let p = pseudonym("s", MemberId::new(3));
        assert_eq!(gated.get()["purpose"], format!("stove-for-{p}"));
        assert_eq!(gated.get()["account"], format!("expenses:{p}"));
        assert_eq!(gated.get()["amount"], "-12.50");
        assert_eq!(gated.audience(), Audience::Public);
        let open = Gate::books().row(&row).unwrap();
        assert_eq!(open.get()["purpose"], "stove-for-Cocina Común");
    }
}
