//! The registry of messages: every message the code asks for, as a
//! [`Key`] with its Fluent id and the names of its arguments. The test
//! below parses each language's file with `fluent-syntax` and checks it has
//! exactly these messages, each with these arguments and, where it selects
//! on a word, the same variants as English. (Once every page asks through
//! it, `Key` becomes `pub(crate)`, so that a key no code uses is a variant
//! never built, which clippy refuses.)

macro_rules! registry {
    ($($(#[$doc:meta])* $key:ident = $id:literal ($($arg:ident),*);)*) => {
        /// A message of the files in `locales/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($(#[$doc])* $key,)*
        }

        impl Key {
            /// The message's Fluent id.
            pub fn id(self) -> &'static str {
                match self {
                    $(Key::$key => $id,)*
                }
            }

            /// The names of its arguments, in the order callers give them.
            pub fn args(self) -> &'static [&'static str] {
                match self {
                    $(Key::$key => &[$(stringify!($arg)),*],)*
                }
            }
        }

        /// Every key.
        #[cfg(test)]
        const ALL: &[Key] = &[$(Key::$key),*];
    };
}

registry! {
    /// An amount with its commodity.
    Amount = "amount" (amount, commodity);
    /// The end of a list: `a, b and c`.
    ListLast = "list-last" (init, last);
    /// A number of days, plural by the language's rules.
    Days = "days" (n);
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast::{
        Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
    };

    use super::super::Lang;
    use super::*;

    /// What a message says it takes: its variables, and for each
    /// selector's variable the keys of its variants.
    #[derive(Debug, Default, PartialEq, Eq)]
    struct Shape {
        vars: BTreeSet<String>,
        variants: BTreeMap<String, BTreeSet<String>>,
    }

    fn walk_inline(e: &InlineExpression<&str>, shape: &mut Shape) {
        match e {
            InlineExpression::VariableReference { id } => {
                shape.vars.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => walk_expression(expression, shape),
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    walk_inline(a, shape);
                }
            }
            _ => {}
        }
    }

    fn walk_expression(e: &Expression<&str>, shape: &mut Shape) {
        match e {
            Expression::Inline(inline) => walk_inline(inline, shape),
            Expression::Select { selector, variants } => {
                walk_inline(selector, shape);
                let keys = variants
                    .iter()
                    .map(|v| match &v.key {
                        VariantKey::Identifier { name } => (*name).to_owned(),
                        VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    })
                    .collect::<BTreeSet<_>>();
                if let InlineExpression::VariableReference { id } = selector {
                    // Plural categories differ between languages (French
                    // has `many`); only word selectors must match.
                    let plural = keys.iter().all(|k| {
                        ["zero", "one", "two", "few", "many", "other"].contains(&k.as_str())
                    });
                    if !plural {
                        shape.variants.insert(id.name.to_owned(), keys);
                    }
                }
                for v in variants {
                    walk_pattern(&v.value, shape);
                }
            }
        }
    }

    fn walk_pattern(p: &Pattern<&str>, shape: &mut Shape) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                walk_expression(expression, shape);
            }
        }
    }

    fn shapes(lang: Lang) -> BTreeMap<String, Shape> {
        let resource = fluent_syntax::parser::parse(lang.source())
            .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/fondo.ftl: {errors:?}"));
        let mut all = BTreeMap::new();
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let mut shape = Shape::default();
                    if let Some(value) = &m.value {
                        walk_pattern(value, &mut shape);
                    }
                    assert!(
                        all.insert(m.id.name.to_owned(), shape).is_none(),
                        "locales/{lang}/fondo.ftl: {} twice",
                        m.id.name
                    );
                }
                Entry::Junk { content } => panic!("locales/{lang}/fondo.ftl: junk {content:?}"),
                _ => {}
            }
        }
        all
    }

    #[test]
    fn every_language_has_every_key_with_the_same_arguments_and_no_other() {
        let registry: BTreeMap<&str, BTreeSet<String>> = ALL
            .iter()
            .map(|k| (k.id(), k.args().iter().map(|a| (*a).to_owned()).collect()))
            .collect();
        assert_eq!(registry.len(), ALL.len(), "two keys share an id");
        let english = shapes(Lang::En);
        for lang in Lang::ALL {
            let file = shapes(lang);
            for (id, args) in &registry {
                let shape = file
                    .get(*id)
                    .unwrap_or_else(|| panic!("locales/{lang}/fondo.ftl has no message {id}"));
                assert_eq!(
                    &shape.vars, args,
                    "locales/{lang}/fondo.ftl: the arguments of {id}"
                );
                assert_eq!(
                    shape.variants, english[*id].variants,
                    "locales/{lang}/fondo.ftl: the variants of {id} differ from English"
                );
            }
            for id in file.keys() {
                assert!(
                    registry.contains_key(id.as_str()),
                    "locales/{lang}/fondo.ftl: {id} is used by no code (not in the registry)"
                );
            }
        }
    }

    #[test]
    fn every_message_formats_in_every_language() {
        for lang in Lang::ALL {
            let m = super::super::Messages::new(lang);
            for key in ALL {
                let args: Vec<(&'static str, super::super::Arg)> = key
                    .args()
                    .iter()
                    .map(|a| (*a, super::super::Arg::Count(2)))
                    .collect();
                assert!(!m.text(*key, &args).is_empty(), "{lang} {key:?}");
            }
        }
    }
}
