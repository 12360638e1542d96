//! The redaction gate as a property (issue 12): random small funds whose
//! free text (descriptions, payees, references, memos, pool purposes, grant
//! purposes, categories, vote and move reasons, relation reasons) names
//! their pseudonymous and anonymous members in every normalised variant —
//! case, accents stripped, hyphens, underscores or double spaces between the
//! parts, a single part of three or more letters — and no public output
//! (report and list rows in table, CSV and JSON, the forum page in HTML and
//! Markdown, the public audit bundle) contains any of them; the public
//! bundle still verifies offline.

mod common;

use common::{Fund, FundBuilder};
use fondo::domain::ids::MemberId;
use fondo::domain::member::{Audience, HiddenNames, Visibility};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Names of members who may be hidden: accents, several parts, each part of
/// three or more letters, none shared with the public members Ana and Bruno.
const NAMES: &[&str] = &[
    "Luis Fernández",
    "Familia Ortega",
    "Cocina Común",
    "Iñaki Zubiría",
    "Chidi Okafor",
    "Zoë Lemaître",
];

/// How a name is planted in free text.
#[derive(Debug, Clone)]
struct Variant {
    /// 0: as registered, 1: upper case, 2: lower case.
    case: u8,
    strip_accents: bool,
    /// What joins the parts: a space, two spaces, `-` or `_`.
    separator: &'static str,
    /// `Some(i)`: only part `i` (modulo the number of parts), on its own.
    part: Option<usize>,
}

fn variant() -> impl Strategy<Value = Variant> {
    (
        0u8..3,
        any::<bool>(),
        prop::sample::select(vec![" ", "  ", "-", "_"]),
        prop::option::weighted(0.3, 0usize..3),
    )
        .prop_map(|(case, strip_accents, separator, part)| Variant {
            case,
            strip_accents,
            separator,
            part,
        })
}

impl Variant {
    /// `name` written this way.
    fn write(&self, name: &str) -> String {
        let parts: Vec<&str> = name.split(' ').collect();
        let text = match self.part {
            Some(i) => parts[i % parts.len()].to_owned(),
            None => parts.join(self.separator),
        };
        let text = if self.strip_accents {
            text.nfkd().filter(|c| !is_combining_mark(*c)).collect()
        } else {
            text
        };
        match self.case {
            1 => text.to_uppercase(),
            2 => text.to_lowercase(),
            _ => text,
        }
    }
}

/// One planting: which hidden member (0 or 1) and how.
type Plant = (usize, Variant);

/// The free-text fields planted, in the order of [`fund`]'s use.
const FIELDS: usize = 14;

#[derive(Debug, Clone)]
struct Case {
    /// Indices into [`NAMES`]: the pseudonymous member, then the anonymous one.
    hidden: [usize; 2],
    plants: Vec<Plant>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (0..NAMES.len(), 1..NAMES.len()),
        prop::collection::vec((0usize..2, variant()), FIELDS),
    )
        .prop_map(|((a, offset), plants)| Case {
            hidden: [a, (a + offset) % NAMES.len()],
            plants,
        })
}

impl Case {
    fn name(&self, who: usize) -> &'static str {
        NAMES[self.hidden[who]]
    }

    /// The text of field `i`: the planted name between ordinary words.
    fn text(&self, i: usize) -> String {
        let (who, variant) = &self.plants[i];
        format!("for {} this week", variant.write(self.name(*who)))
    }

    /// A category (an account segment) naming the planted name.
    fn category(&self, i: usize) -> String {
        let (who, variant) = &self.plants[i];
        format!("stove-for-{}", variant.write(self.name(*who)))
    }

    /// Every whole-name variant planted, for a literal search.
    fn whole_names(&self) -> Vec<String> {
        self.plants
            .iter()
            .filter(|(_, v)| v.part.is_none())
            .map(|(who, v)| v.write(self.name(*who)))
            .collect()
    }
}

/// A small fund with every free-text field planted.
fn fund(case: &Case) -> Fund {
    let (pseudonymous, anonymous) = (case.name(0), case.name(1));
    let pool = case.category(13);
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "expenses:supplies"])
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno"])
        .member(pseudonymous)
        .with(&["--visibility", "pseudonymous"])
        .member(anonymous)
        .with(&["--visibility", "anonymous"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .pool("kitchen", &case.text(0))
        .policy(
            "kitchen",
            "consent --min-consents 1 --window 24h",
            "2026-01-02T10:00",
        )
        .relation("Bruno", pseudonymous, &case.text(1), "2026-01-02T11:00")
        .contribution("Ana", "500.00 USD", Some("kitchen"), "2026-01-05")
        .with(&["--memo", &case.text(2), "--reference", "pp_4711"])
        .contribution(pseudonymous, "50.00 USD", None, "2026-01-06")
        .with(&["--memo", &case.text(3), "--reference", "pp_4712"])
        .post(
            &case.text(4),
            "2026-02-10",
            &["expenses:supplies=20.00 USD", "assets:bank"],
        )
        .with(&["--payee", &case.text(5), "--reference", &case.text(6)])
        .application(
            pseudonymous,
            "kitchen",
            "100.00 USD",
            &case.text(7),
            "2026-02-01T10:00",
        )
        .with(&["--category", &case.category(8)])
        .vote("G-0001", "consent", "Ana", "2026-02-01T11:00")
        .application(
            anonymous,
            "kitchen",
            "40.00 USD",
            "pots",
            "2026-02-02T10:00",
        )
        .vote("G-0002", "object", "Ana", "2026-02-02T11:00")
        .with(&["--reason", &case.text(9)])
        .budget(
            "general",
            &case.category(10),
            "50.00 USD",
            "2026-Q1",
            "2026-01-03T10:00",
        )
        .move_money(
            "10.00 USD",
            "kitchen",
            "general",
            &case.text(11),
            "2026-02-15",
        )
        .accounts(&[&format!("expenses:{}", case.category(12))])
        .post(
            "supplies",
            "2026-02-20",
            &[
                &format!("expenses:{}=5.00 USD", case.category(12)),
                "assets:bank",
            ],
        )
        .pool(&pool, "Stoves")
        .contribution("Ana", "30.00 USD", Some(&pool), "2026-02-21")
        .build()
}

/// Every output for the public: (what, text).
fn public_outputs(fund: &Fund) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    let q1 = ["--period", "2026-Q1", "--audience", "public"];
    for format in ["table", "csv", "json"] {
        let runs: [Vec<&str>; 5] = [
            [&["report", "grants"][..], &q1[..]].concat(),
            vec!["grant", "list", "--audience", "public"],
            vec!["grant", "show", "G-0001", "--audience", "public"],
            vec!["member", "list", "--audience", "public"],
            vec![
                "pledge",
                "status",
                "--as-of",
                "2026-03-31",
                "--audience",
                "public",
            ],
        ];
        for mut args in runs {
            args.extend(["--format", format]);
            outputs.push((args.join(" "), fund.ok(&args)));
        }
    }
    for format in ["html", "md"] {
        let args = [&["report", "forum"][..], &q1[..], &["--format", format]].concat();
        outputs.push((args.join(" "), fund.ok(&args)));
    }
    outputs
}

/// The public bundle's files: (file name, text).
fn public_bundle(fund: &Fund) -> (std::path::PathBuf, Vec<(String, String)>) {
    let dir = fund.audit_bundle("bundle", "2026-Q1", "public");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    (dir, files)
}

/// Panics when `text` names a hidden member of `case`, as the library's
/// matcher finds names, or holds a planted whole-name variant literally.
fn names_nobody(case: &Case, what: &str, text: &str) {
    let hidden = HiddenNames::new(
        Audience::Public,
        "any",
        [
            (MemberId::new(1), "Ana", Visibility::Public),
            (MemberId::new(2), "Bruno", Visibility::Public),
            (MemberId::new(3), case.name(0), Visibility::Pseudonymous),
            (MemberId::new(4), case.name(1), Visibility::Anonymous),
        ],
    );
    for line in text.lines() {
        assert_eq!(
            hidden.find(line),
            None,
            "{what} names a hidden member: {line}"
        );
    }
    let lower = text.to_lowercase();
    for name in case.whole_names() {
        assert!(
            !lower.contains(&name.to_lowercase()),
            "{what} holds {name:?}:\n{text}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn no_public_output_names_a_hidden_member(case in case()) {
        let fund = fund(&case);
        // The treasurer sees what was typed: the planting took.
        let books = fund.ok(&["register", "--format", "json"]);
        prop_assert!(books.contains(&case.text(4)), "{books}");
        for (what, text) in public_outputs(&fund) {
            names_nobody(&case, &what, &text);
        }
        let (dir, files) = public_bundle(&fund);
        for (file, text) in &files {
            names_nobody(&case, &format!("bundle {file}"), text);
        }
        fund.ok(&["verify", "--bundle", dir.to_str().unwrap()]);
    }
}
