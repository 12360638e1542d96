//! Registries of messages: every message the code asks for, as a key of
//! an enum made by `registry!` beside the code that asks, with its Fluent
//! id and the names of its arguments, in one area (`locales/<lang>/<area>.ftl`).
//! Each registry's test (`check_area`) parses each language's file of its
//! area with `fluent-syntax` and checks it has exactly these messages, each
//! with these arguments and, where it selects on a word, the same variants
//! as English; and that every message formats in every language. The
//! enums are crate-private, so a key no code asks for is a variant never
//! built, which the compiler refuses.

/// A message of an area's files.
pub trait Message: Copy + std::fmt::Debug {
    /// The area whose files hold it (`forum` for `locales/<lang>/forum.ftl`).
    fn area(self) -> &'static str;
    /// The message's Fluent id.
    fn id(self) -> &'static str;
    /// The names of its arguments, in the order callers give them.
    fn args(self) -> &'static [&'static str];
}

/// Declares the messages of one area: an enum `$name` of keys, each with
/// its Fluent id and arguments, and a test that every language's file of
/// the area holds exactly them.
///
/// ```ignore
/// registry! {
///     area "forum", enum ForumKey;
///     /// The page's title.
///     Title = "forum-title" (fund, subtitle);
/// }
/// ```
///
/// An area may also hold messages whose ids the code derives from data
/// (the bundle's file descriptions): `derived PREDICATE` names a
/// `fn(&str) -> bool` telling those ids, which this test then leaves to the
/// area's own test.
///
/// ```ignore
/// registry! {
///     area "bundle", enum BundleKey, derived crate::audit::bundle::readme::is_derived;
///     Title = "bundle-title" (fund);
/// }
/// ```
macro_rules! registry {
    (area $area:literal, enum $name:ident;
     $($rest:tt)*) => {
        $crate::render::i18n::keys::registry! {
            area $area, enum $name, derived (|_: &str| false);
            $($rest)*
        }
    };
    (area $area:literal, enum $name:ident, derived $derived:expr;
     $($(#[$doc:meta])* $key:ident = $id:literal ($($arg:ident),*);)*) => {
        /// A message of the files `locales/<lang>/
        #[doc = $area]
        /// .ftl`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $crate::render::i18n::Message for $name {
            fn area(self) -> &'static str {
                $area
            }

            fn id(self) -> &'static str {
                match self {
                    $($name::$key => $id,)*
                }
            }

            fn args(self) -> &'static [&'static str] {
                match self {
                    $($name::$key => &[$(stringify!($arg)),*],)*
                }
            }
        }

        #[cfg(test)]
        mod registry_test {
            #[test]
            fn every_language_has_every_key_with_the_same_arguments_and_no_other() {
                $crate::render::i18n::keys::check_area(&[$(super::$name::$key),*], $derived);
            }
        }
    };
}

pub(crate) use registry;

registry! {
    area "common", enum Key;
    /// An amount with its commodity.
    Amount = "amount" (amount, commodity);
    /// The end of a list: `a, b and c`.
    ListLast = "list-last" (init, last);
    /// A quarter of a year, for reading (`2.º trimestre de 2026` for
    /// `2026-Q2`).
    Quarter = "quarter" (n, year);
    /// A number of days, plural by the language's rules.
    Days = "days" (n);
}

/// Checks the files of the area of `keys` against them (see the module's
/// comment).
///
/// # Panics
/// On the first file that differs, naming it and the message.
#[cfg(test)]
pub fn check_area<K: Message>(keys: &[K], derived: fn(&str) -> bool) {
    check::area(keys, derived);
}

#[cfg(test)]
mod check {
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

    fn shapes(lang: Lang, area: &str) -> BTreeMap<String, Shape> {
        let file = format!("locales/{lang}/{area}.ftl");
        let resource = fluent_syntax::parser::parse(super::super::source(lang, area))
            .unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
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
                        "{file}: {} twice",
                        m.id.name
                    );
                }
                Entry::Junk { content } => panic!("{file}: junk {content:?}"),
                _ => {}
            }
        }
        all
    }

    /// See [`super::check_area`].
    pub fn area<K: Message>(keys: &[K], derived: fn(&str) -> bool) {
        let Some(first) = keys.first() else {
            return;
        };
        let area = first.area();
        let registry: BTreeMap<&str, BTreeSet<String>> = keys
            .iter()
            .map(|k| (k.id(), k.args().iter().map(|a| (*a).to_owned()).collect()))
            .collect();
        assert_eq!(registry.len(), keys.len(), "two keys of {area} share an id");
        let english = shapes(Lang::En, area);
        for lang in Lang::ALL {
            let file = shapes(lang, area);
            for (id, args) in &registry {
                let shape = file
                    .get(*id)
                    .unwrap_or_else(|| panic!("locales/{lang}/{area}.ftl has no message {id}"));
                assert_eq!(
                    &shape.vars, args,
                    "locales/{lang}/{area}.ftl: the arguments of {id}"
                );
                assert_eq!(
                    shape.variants, english[*id].variants,
                    "locales/{lang}/{area}.ftl: the variants of {id} differ from English"
                );
            }
            for id in file.keys().filter(|id| !derived(id)) {
                assert!(
                    registry.contains_key(id.as_str()),
                    "locales/{lang}/{area}.ftl: {id} is used by no code (not in the registry)"
                );
            }
            let m = super::super::Messages::new(lang);
            for key in keys {
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
