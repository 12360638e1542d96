//! The redaction gate end to end (issue 12's leaks): every output for the
//! public audience — report rows in every format, the forum page in HTML and
//! Markdown, member lists — names no pseudonymous or anonymous member under
//! any normalisation of the name (checked with the library's own
//! [`HiddenNames`], so `Luis Fernandez`, `luis-fernández` and `tutoring-by-luis`
//! all count), recusals show no relation, and the treasurer still sees
//! every name.

mod common;

use common::{Fund, FundBuilder};
use fondo::domain::ids::MemberId;
use fondo::domain::member::{Audience, HiddenNames, Visibility};

/// A fund whose free text names its hidden members in issue 12's ways.
fn leaky_fund() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "expenses:Luis Fernández"])
        .commodity("HOURS", 0)
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno"])
        .member("Cocina Común")
        .with(&["--visibility", "pseudonymous"])
        .member("Luis Fernández")
        .with(&["--visibility", "anonymous"])
        .member("Familia Ortega")
        .with(&["--visibility", "pseudonymous"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .pool("kitchen", "Stoves and pots")
        .policy(
            "kitchen",
            "consent --min-consents 1 --window 24h",
            "2026-01-02T10:00",
        )
        .relation("Bruno", "Familia Ortega", "family tie", "2026-01-02T11:00")
        .contribution("Ana", "500.00 USD", Some("kitchen"), "2026-01-05")
        .contribution("Bruno", "100.00 USD", None, "2026-01-05")
        .contribution("Familia Ortega", "3 HOURS", None, "2026-01-06")
        .with(&["--kind", "tutoring-by-luis"])
        .prints("3\n")
        .application(
            "Cocina Común",
            "kitchen",
            "100.00 USD",
            "stove-for-Cocina Común",
            "2026-02-01T10:00",
        )
        .with(&["--category", "stove-for-Cocina Común"])
        .vote("G-0001", "consent", "Ana", "2026-02-01T11:00")
        .application(
            "Familia Ortega",
            "kitchen",
            "50.00 USD",
            "pots for the Ortega family",
            "2026-02-02T10:00",
        )
        .vote("G-0002", "consent", "Ana", "2026-02-02T11:00")
        .post(
            "Tutoring by Luis Fernandez",
            "2026-02-10",
            &[
                "expenses:Luis Fernández=20.00 USD",
                "assets:bank=-20.00 USD",
            ],
        )
        .budget(
            "general",
            "luis-fernández",
            "50.00 USD",
            "2026-Q1",
            "2026-01-03T10:00",
        )
        .build()
}

/// The names the public may not see, as the library finds them.
fn hidden() -> HiddenNames {
    HiddenNames::new(
        Audience::Public,
        "any",
        [
            (MemberId::new(1), "Ana", Visibility::Public),
            (MemberId::new(2), "Bruno", Visibility::Public),
            (MemberId::new(3), "Cocina Común", Visibility::Pseudonymous),
            (MemberId::new(4), "Luis Fernández", Visibility::Anonymous),
            (MemberId::new(5), "Familia Ortega", Visibility::Pseudonymous),
        ],
    )
}

/// Panics when `text` names a hidden member.
fn names_nobody(what: &str, text: &str) {
    let hidden = hidden();
    for line in text.lines() {
        assert_eq!(
            hidden.find(line),
            None,
            "{what} names a hidden member: {line}"
        );
    }
}

#[test]
fn public_grant_register_shows_pseudonyms_in_every_format() {
    let fund = leaky_fund();
    for format in ["table", "csv", "json"] {
        let out = fund.ok(&[
            "report",
            "grants",
            "--period",
            "2026-Q1",
            "--audience",
            "public",
            "--format",
            format,
        ]);
        assert!(out.contains("stove-for-member-"), "{out}");
        names_nobody(&format!("report grants --format {format}"), &out);
    }
    let treasurer = fund.ok(&[
        "report",
        "grants",
        "--period",
        "2026-Q1",
        "--audience",
        "treasurer",
        "--format",
        "csv",
    ]);
    assert!(treasurer.contains("stove-for-Cocina Común"), "{treasurer}");
}

#[test]
fn public_forum_page_names_no_hidden_account_or_category() {
    let fund = leaky_fund();
    for format in ["html", "md"] {
        let out = fund.ok(&[
            "report",
            "forum",
            "--period",
            "2026-Q1",
            "--audience",
            "public",
            "--format",
            format,
        ]);
        assert!(out.contains("expenses:member-"), "{out}");
        names_nobody(&format!("report forum --format {format}"), &out);
    }
    let members = fund.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q1",
        "--audience",
        "members",
        "--format",
        "md",
    ]);
    assert!(!members.contains("Luis Fern"), "{members}");
    assert!(members.contains("Cocina Común"), "{members}");
}

#[test]
fn every_public_listing_names_nobody_hidden() {
    let fund = leaky_fund();
    for args in [
        &[
            "member",
            "list",
            "--audience",
            "public",
            "--on",
            "2026-03-01",
        ][..],
        &["role", "list", "--on", "2026-03-01", "--audience", "public"],
        &["grant", "list", "--audience", "public", "--format", "json"],
        &["grant", "show", "G-0001", "--audience", "public"],
        &[
            "grant",
            "show",
            "G-0002",
            "--audience",
            "public",
            "--format",
            "csv",
        ],
        &[
            "pledge",
            "status",
            "--as-of",
            "2026-03-31",
            "--audience",
            "public",
        ],
        &[
            "report",
            "purchases",
            "--period",
            "2026-Q1",
            "--audience",
            "public",
        ],
    ] {
        let out = fund.ok_at("2026-03-31", args);
        names_nobody(&args.join(" "), &out);
    }
}

#[test]
fn writing_a_hidden_name_warns_and_strict_privacy_refuses_it() {
    let fund = leaky_fund();
    let post = [
        "post",
        "Rent for Luis  Fernandez",
        "--date",
        "2026-03-01",
        "-p",
        "expenses:Luis Fernández=5.00 USD",
        "-p",
        "assets:bank=-5.00 USD",
    ];
    let run = fund.run(&post);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the description \"Rent for Luis  Fernandez\" names \"Luis Fernández\""
        ),
        "{}",
        run.stderr
    );
    let mut strict = post.to_vec();
    strict.push("--strict-privacy");
    fund.fails_unchanged(
        &strict,
        &["strict privacy refuses it", "write it without the name"],
    );
    for args in [
        &[
            "grant",
            "apply",
            "--applicant",
            "Ana",
            "--pool",
            "kitchen",
            "--amount",
            "5",
            "USD",
            "--purpose",
            "pots for the ortega family",
            "--at",
            "2026-03-02T10:00",
            "--strict-privacy",
        ][..],
        &[
            "budget",
            "set",
            "general",
            "tutoring-by-luis",
            "5.00",
            "USD",
            "--period",
            "2026-Q2",
            "--strict-privacy",
        ],
        &[
            "account",
            "add",
            "expenses:cocina-comun",
            "--strict-privacy",
        ],
        &[
            "pool",
            "add",
            "ortega",
            "--purpose",
            "rent",
            "--strict-privacy",
        ],
    ] {
        fund.fails_unchanged(args, &["whom the public may not see"]);
    }
    // The fund's setting makes every write strict.
    fund.ok(&["setting", "set", "strict-privacy", "true"]);
    fund.fails_unchanged(&post, &["strict privacy refuses it"]);
    fund.fail(
        &["setting", "set", "strict-privacy", "maybe"],
        &["true or false"],
    );
    // Text that names nobody hidden is written as before.
    let run = fund.run(&["account", "add", "expenses:stoves"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

/// Outside the treasurer's bundle a recusal shows as `recused`, without the
/// reason or relation ("related to the applicant" would tell of a family
/// tie between a steward and a pseudonymous applicant): in the public
/// bundle's votes.csv, the grant register in every format, the grant's own
/// page and the forum page.
#[test]
fn public_outputs_show_recusals_without_their_reason() {
    let fund = leaky_fund();
    let export = |audience: &str| {
        let dir = fund.audit_bundle(&format!("bundle-{audience}"), "2026-Q1", audience);
        std::fs::read_to_string(dir.join("votes.csv")).unwrap()
    };
    // G-0002 is Familia Ortega's: Bruno, related, recuses.
    let recusal = |votes: &str| -> String {
        let line = votes
            .lines()
            .find(|l| l.starts_with("G-0002,Bruno,recused,"))
            .unwrap_or_else(|| panic!("no recusal in:\n{votes}"))
            .to_owned();
        line.split(',').nth(4).unwrap().to_owned()
    };
    assert_eq!(recusal(&export("public")), "");
    assert_eq!(recusal(&export("members")), "");
    assert_eq!(recusal(&export("treasurer")), "related to the applicant");
    let public = ["--audience", "public"];
    let mut outputs = Vec::new();
    for format in ["table", "csv", "json"] {
        let args = [
            &[
                "report", "grants", "--period", "2026-Q1", "--format", format,
            ][..],
            &public[..],
        ]
        .concat();
        outputs.push(fund.ok(&args));
    }
    outputs.push(
        fund.ok(&[
            &["grant", "show", "G-0002", "--format", "json"][..],
            &public[..],
        ]
        .concat()),
    );
    outputs.push(fund.ok(&[&["report", "forum", "--period", "2026-Q1"][..], &public[..]].concat()));
    for out in outputs {
        let lower = out.to_lowercase();
        assert!(
            !lower.contains("related") && !lower.contains("family tie"),
            "{out}"
        );
    }
}

/// The fund's 2026-Q1 bundle for `audience`, checked, and its journal.
fn bundle_journal(fund: &Fund, audience: &str) -> String {
    let dir = fund.path(&format!("bundle-{audience}"));
    let mut args: Vec<std::ffi::OsString> = [
        "export",
        "audit",
        "--period",
        "2026-Q1",
        "--audience",
        audience,
        "--out",
    ]
    .iter()
    .map(Into::into)
    .collect();
    args.push(dir.clone().into());
    fund.ok(&args);
    let mut verify: Vec<std::ffi::OsString> = vec!["verify".into(), "--bundle".into()];
    verify.push(dir.clone().into());
    fund.ok(&verify);
    std::fs::read_to_string(dir.join("journal.csv")).unwrap()
}

/// Issue 12: an outside reference (a payment handle, a transfer number)
/// identifies its payer without naming them, so the public and members'
/// bundles redact the payee and reference of every contribution whose
/// giver their audience may not see — as a commitment, so the bundle still
/// verifies — and keep the others; the auditor sees them all.
#[test]
fn a_hidden_contributors_outside_reference_stays_out_of_public_bundles() {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank"])
        .setting("contribution-account", "assets:bank")
        .members(&["Ana"])
        .member("Familia Ortega")
        .with(&["--visibility", "pseudonymous"])
        .contribution("Ana", "50.00 USD", None, "2026-01-05")
        .with(&["--reference", "ana-transfer-77"])
        .contribution("Familia Ortega", "20.00 USD", None, "2026-01-06")
        .with(&["--reference", "pp_ch_3Jx9"])
        .anonymous_contribution("5.00 USD", None, "2026-01-07")
        .with(&["--reference", "cash-box-note-41"])
        .build();
    // (audience, the references it may see, those it may not).
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "public",
            &["ana-transfer-77"],
            &["pp_ch_3Jx9", "cash-box-note-41"],
        ),
        // Members know a pseudonymous member's name, never an anonymous giver's.
        (
            "members",
            &["ana-transfer-77", "pp_ch_3Jx9"],
            &["cash-box-note-41"],
        ),
        (
            "auditor",
            &["ana-transfer-77", "pp_ch_3Jx9", "cash-box-note-41"],
            &[],
        ),
    ];
    for (audience, shown, withheld) in cases {
        let journal = bundle_journal(&fund, audience);
        for reference in shown {
            assert!(journal.contains(reference), "{audience}:\n{journal}");
        }
        for reference in withheld {
            assert!(!journal.contains(reference), "{audience}:\n{journal}");
        }
    }
}

/// Issue 12: an account named after a member the audience may not see
/// (`expenses:Luis Fernández`) is shown in public and members' bundles by
/// a label, `expenses:redacted-` and 8 hex digits of its commitment, the
/// same in every file, so the bundle names no one and still verifies (with
/// fondo and with verify_bundle.py); the auditor's bundle shows the name.
#[test]
fn an_account_named_after_a_hidden_member_is_a_label_in_public_bundles() {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "income:donations", "expenses:Luis Fernández"])
        .member("Luis Fernández")
        .with(&["--visibility", "anonymous"])
        .post(
            "start",
            "2026-01-02",
            &["assets:bank=500.00 USD", "income:donations"],
        )
        .post(
            "tutoring",
            "2026-01-20",
            &["expenses:Luis Fernández=120.00 USD", "assets:bank"],
        )
        .post(
            "more tutoring",
            "2026-02-20",
            &["expenses:Luis Fernández=80.00 USD", "assets:bank"],
        )
        .build();
    let mut labels = Vec::new();
    for audience in ["public", "members"] {
        let dir = fund.audit_bundle(&format!("bundle-{audience}"), "2026-Q1", audience);
        fund.ok(&["verify", "--bundle", &dir.display().to_string()]);
        if let Some((code, said)) = common::verify_bundle_script(&dir) {
            assert_eq!(code, 0, "{said}");
        }
        let all = common::bundle_text(&dir).to_lowercase();
        for needle in ["luis", "fernández", "fernandez"] {
            assert!(!all.contains(needle), "{audience} bundle names {needle}");
        }
        let accounts = std::fs::read_to_string(dir.join("accounts.csv")).unwrap();
        let label = accounts
            .lines()
            .find_map(|l| l.split(',').find(|c| c.starts_with("expenses:redacted-")))
            .unwrap_or_else(|| panic!("{audience} accounts.csv:\n{accounts}"))
            .to_owned();
        assert_eq!(label.len(), "expenses:redacted-".len() + 8, "{label}");
        // Its balance re-derives under the label: 200.00 spent in the quarter.
        let balances = std::fs::read_to_string(dir.join("balances.csv")).unwrap();
        let row = balances
            .lines()
            .find(|l| l.starts_with(&label))
            .unwrap_or_else(|| panic!("{balances}"));
        assert!(row.contains("200.00"), "{row}");
        let journal = std::fs::read_to_string(dir.join("journal.csv")).unwrap();
        assert_eq!(journal.matches(&label).count(), 2, "{journal}");
        labels.push(label);
    }
    // One account, one label, whoever the bundle is for.
    assert_eq!(labels[0], labels[1]);
    let dir = fund.audit_bundle("bundle-auditor", "2026-Q1", "auditor");
    assert!(common::bundle_text(&dir).contains("expenses:Luis Fernández"));
}

/// Issue 12: a pool named after a member the audience may not see
/// (`Fondo Luis Fernández`) is shown in public and members' bundles by a
/// label, `redacted-` and 8 hex digits of its commitment, the same in every
/// file that names it (journal, pools, contributors, grants, policies and
/// the pool's own record), so the bundle names no one and still verifies
/// (with fondo and with verify_bundle.py); the auditor's bundle shows the
/// name.
#[test]
fn a_pool_named_after_a_hidden_member_is_a_label_in_public_bundles() {
    let pool = "Fondo Luis Fernández";
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank"])
        .setting("contribution-account", "assets:bank")
        .pool(pool, "School books")
        .members(&["Ana", "Bruno", "Carla"])
        .member("Luis Fernández")
        .with(&["--visibility", "anonymous"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .policy(
            pool,
            "consent --min-consents 1 --window 24h",
            "2026-01-02T10:00",
        )
        .contribution("Ana", "300.00 USD", Some(pool), "2026-01-05")
        .application(
            "Carla",
            pool,
            "120.00 USD",
            "books for the term",
            "2026-02-01T10:00",
        )
        .vote("G-0001", "consent", "Ana", "2026-02-01T11:00")
        .decision("G-0001", "2026-02-02T12:00")
        .payment("G-0001", "120.00 USD", "assets:bank", "2026-02-03T10:00")
        .build();
    let mut labels = Vec::new();
    for audience in ["public", "members"] {
        let dir = fund.audit_bundle(&format!("bundle-{audience}"), "2026-Q1", audience);
        fund.ok(&["verify", "--bundle", &dir.display().to_string()]);
        if let Some((code, said)) = common::verify_bundle_script(&dir) {
            assert_eq!(code, 0, "{said}");
        }
        let all = common::bundle_text(&dir).to_lowercase();
        for needle in ["luis", "fernández", "fernandez"] {
            assert!(!all.contains(needle), "{audience} bundle names {needle}");
        }
        let pools = std::fs::read_to_string(dir.join("pools.csv")).unwrap();
        let label = pools
            .lines()
            .find_map(|l| l.split(',').find(|c| c.starts_with("redacted-")))
            .unwrap_or_else(|| panic!("{audience} pools.csv:\n{pools}"))
            .to_owned();
        assert_eq!(label.len(), "redacted-".len() + 8, "{label}");
        for file in [
            "journal.csv",
            "contributors.csv",
            "grants.csv",
            "policies.csv",
        ] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            assert!(text.contains(&label), "{audience} {file}:\n{text}");
        }
        let records = std::fs::read_to_string(dir.join("records.csv")).unwrap();
        assert!(
            records.contains(&format!(r#""shown"":""{label}"""#)),
            "{records}"
        );
        // The checkers re-derive policies.csv naming the pool by the label
        // its record shows: another label there is a finding.
        let policies = dir.join("policies.csv");
        let text = std::fs::read_to_string(&policies).unwrap();
        std::fs::write(&policies, text.replace(&label, "redacted-00000000")).unwrap();
        common::tamper::reseal_bundle(&dir);
        let run = fund.run(&["verify", "--bundle", &dir.display().to_string()]);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(run.stdout.contains("B137"), "{}", run.stdout);
        if let Some((code, said)) = common::verify_bundle_script(&dir) {
            assert_eq!(code, 1, "{said}");
            assert!(said.contains("B137"), "{said}");
        }
        labels.push(label);
    }
    // One pool, one label, whoever the bundle is for.
    assert_eq!(labels[0], labels[1]);
    let dir = fund.audit_bundle("bundle-auditor", "2026-Q1", "auditor");
    let all = common::bundle_text(&dir);
    assert!(all.contains(pool));
    assert!(!all.contains(&labels[0]));
}
