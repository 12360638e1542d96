//! End-to-end tests of the community commands: members (visibility,
//! audiences, pseudonyms), rotating roles and the term-limit setting, pools
//! and moves between them, contributions of money and in kind, spending from
//! a pool with `post --pool`, the journal round trip with pools, the pool
//! reconciliation, and `verify` against tampered pool tags.
//!
//! Every happy-path step is followed by a clean `verify`; every refusal is
//! checked for the error contract (exit 2, one `fondo: ` message) and for a
//! database whose content, including members, roles, pools and settings, is
//! exactly what it was before.

mod common;

use std::collections::BTreeMap;
use std::str::FromStr;

use common::{
    EXPORT_HEADER, Fund, FundBuilder, assert_problem, clean, csv_rows, expect, refused, step,
    tamper,
};
use rust_decimal::Decimal;

/// The CSV header of `pool show`.
const HOLDINGS: &str = "pool,commodity,contributions,moved_in,moved_out,spent,converted,other,held,committed,available";

/// The CSV header of `member list`.
const MEMBERS: &str = "member,visibility,status,roles,contact,note";

/// The CSV header of `role list`.
const TERMS: &str = "member,role,from,until,months,flag";

/// The purpose the schema gives the general pool.
const GENERAL_PURPOSE: &str = "Unrestricted money: everything not set aside in another pool";

/// True for a pseudonym as fondo prints it: `member-` and 8 hex digits.
fn is_pseudonym(text: &str) -> bool {
    text.strip_prefix("member-").is_some_and(|tag| {
        tag.len() == 8
            && tag
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// `pool show NAME --format csv`.
fn pool_show(fund: &Fund, name: &str) -> String {
    fund.ok(&["pool", "show", name, "--format", "csv"])
}

/// `pool list --format csv`.
fn pool_list(fund: &Fund) -> String {
    fund.ok(&["pool", "list", "--format", "csv"])
}

/// A fund with USD as its currency, a bank account that is the default
/// contribution account, an expense account, two restricted pools and three
/// members, one of each visibility.
fn community() -> Fund {
    community_builder().build()
}

/// The steps of [`community`], for more.
fn community_builder() -> FundBuilder {
    FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "expenses:grants"])
        .setting("contribution-account", "assets:bank")
        .pool("housing", "Rent relief")
        .pool("legal", "Legal defence")
        .with(&["--guidelines", "court fees only"])
        .member("Ana")
        .with(&["--contact", "ana@example.org"])
        .member("Bea")
        .with(&["--visibility", "pseudonymous"])
        .member("Cy")
        .with(&["--visibility", "anonymous"])
}

/// [`community`] with money in it: 500.00 USD from Ana to housing, 200.00
/// USD anonymously to the general pool, 100.00 USD from Bea to legal
/// (transactions 1 to 3).
fn funded() -> Fund {
    funded_builder().build()
}

/// The steps of [`funded`], for more.
fn funded_builder() -> FundBuilder {
    community_builder()
        .contribution("Ana", "500.00 USD", Some("housing"), "2026-01-10")
        .prints("1\n")
        .anonymous_contribution("200.00 USD", None, "2026-01-11")
        .prints("2\n")
        .contribution("bea", "100.00 USD", Some("Legal"), "2026-01-12")
        .with(&["--memo", "for the hearing", "--reference", "R-7"])
        .prints("3\n")
}

// ---------------------------------------------------------------- members

#[test]
fn members_are_shown_to_each_audience_as_their_visibility_allows() {
    let fund = Fund::init(Some("USD"));
    step(
        &fund,
        &[
            "member",
            "add",
            "Ana",
            "--visibility",
            "public",
            "--contact",
            "ana@example.org",
            "--note",
            "founder",
        ],
        "added member Ana\n",
    );
    step(
        &fund,
        &[
            "member",
            "add",
            "Bea",
            "--visibility",
            "pseudonymous",
            "--contact",
            "+52 55 0000",
        ],
        "added member Bea\n",
    );
    step(
        &fund,
        &[
            "member",
            "add",
            "Cy",
            "--visibility",
            "anonymous",
            "--note",
            "prefers cash",
        ],
        "added member Cy\n",
    );
    step(&fund, &["member", "add", "Dee"], "added member Dee\n");
    let list = |audience: &str| {
        fund.ok(&[
            "member",
            "list",
            "--audience",
            audience,
            "--on",
            "2026-06-01",
            "--format",
            "csv",
        ])
    };

    // Treasurers (the default audience) see every name, contact and note
    // (a phone number starting with + is kept from running as a formula).
    let treasurer = format!(
        "{MEMBERS}
Ana,public,active,,ana@example.org,founder
Bea,pseudonymous,active,,'+52 55 0000,
Cy,anonymous,active,,,prefers cash
Dee,public,active,,,
"
    );
    assert_eq!(list("treasurer"), treasurer);
    assert_eq!(
        fund.ok(&["member", "list", "--on", "2026-06-01", "--format", "csv"]),
        treasurer
    );

    // Members see pseudonymous names but not anonymous ones; no contacts.
    let members = list("members");
    let rows = csv_rows(&members);
    let cy = rows[3][0].clone();
    assert!(is_pseudonym(&cy), "{members}");
    assert_eq!(
        members,
        format!(
            "{MEMBERS}
Ana,public,active,,,
Bea,pseudonymous,active,,,
Dee,public,active,,,
{cy},anonymous,active,,,
"
        )
    );

    // The public sees names of public members only.
    let public = list("public");
    let rows = csv_rows(&public);
    let shown: BTreeMap<String, String> = rows
        .iter()
        .map(|r| (r[1].clone(), r[0].clone()))
        .filter(|(visibility, _)| visibility != "public")
        .collect();
    let bea = shown["pseudonymous"].clone();
    assert!(is_pseudonym(&bea), "{public}");
    assert_eq!(shown["anonymous"], cy, "one pseudonym for every audience");
    assert_ne!(bea, cy);
    let mut hidden = [
        format!("{bea},pseudonymous,active,,,"),
        format!("{cy},anonymous,active,,,"),
    ];
    hidden.sort();
    assert_eq!(
        public,
        format!(
            "{MEMBERS}
Ana,public,active,,,
Dee,public,active,,,
{}
{}
",
            hidden[0], hidden[1]
        )
    );
    for name in ["Bea", "Cy", "+52", "prefers", "founder", "example.org"] {
        assert!(
            !public.contains(name),
            "{name} leaked to the public:\n{public}"
        );
    }

    // JSON says null where the audience may not look.
    let json: serde_json::Value = serde_json::from_str(&fund.ok(&[
        "member",
        "list",
        "--audience",
        "public",
        "--on",
        "2026-06-01",
        "--format",
        "json",
    ]))
    .expect("member list --format json is JSON");
    let first = &json.as_array().expect("an array")[0];
    assert_eq!(
        first,
        &serde_json::json!({"member": "Ana", "visibility": "public", "status": "active",
            "roles": "", "contact": null, "note": null})
    );

    // Pseudonyms are stable across runs and across commands.
    assert_eq!(list("public"), public);
    assert_eq!(list("members"), members);
    step(
        &fund,
        &[
            "role",
            "assign",
            "Bea",
            "steward",
            "--from",
            "2026-01-01",
            "--until",
            "2026-03-15",
        ],
        "Bea is steward from 2026-01-01, until 2026-03-15\n",
    );
    assert_eq!(
        fund.ok(&["role", "list", "--audience", "public", "--format", "csv"]),
        format!("{TERMS}\n{bea},steward,2026-01-01,2026-03-15,2,\n")
    );
    assert_eq!(
        fund.ok(&["role", "list", "--audience", "members", "--format", "csv"]),
        format!("{TERMS}\nBea,steward,2026-01-01,2026-03-15,2,\n")
    );
    assert_eq!(
        fund.ok(&[
            "member",
            "show",
            "Cy",
            "--audience",
            "members",
            "--format",
            "csv"
        ]),
        format!(
            "section,item,value\nmember,name,{cy}\nmember,visibility,anonymous\nmember,status,active\n"
        )
    );
    assert_eq!(
        fund.ok(&["member", "show", "cy", "--format", "csv"]),
        "section,item,value\nmember,name,Cy\nmember,visibility,anonymous\nmember,status,active\nmember,note,prefers cash\n"
    );

    // Another fund with the same members gives them other pseudonyms.
    let other = Fund::init(None);
    other.ok(&["member", "add", "Ana"]);
    other.ok(&["member", "add", "Bea", "--visibility", "pseudonymous"]);
    other.ok(&["member", "add", "Cy", "--visibility", "anonymous"]);
    let elsewhere = other.ok(&["member", "list", "--audience", "public", "--format", "csv"]);
    let elsewhere: Vec<String> = csv_rows(&elsewhere)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(elsewhere.len(), 3);
    assert!(elsewhere.iter().skip(1).all(|p| is_pseudonym(p)));
    assert!(!elsewhere.contains(&bea) && !elsewhere.contains(&cy));
}

#[test]
fn member_names_are_unique_ignoring_case() {
    let fund = community();
    refused(
        &fund,
        &["member", "add", "ana"],
        &["a member named \"Ana\" already exists (names are unique, ignoring case)"],
    );
    refused(
        &fund,
        &["member", "add", "BEA", "--visibility", "anonymous"],
        &["a member named \"Bea\" already exists"],
    );
    step(&fund, &["member", "add", "Ñandú"], "added member Ñandú\n");
    refused(
        &fund,
        &["member", "add", "ñANDÚ"],
        &["a member named \"Ñandú\" already exists"],
    );
    refused(
        &fund,
        &["member", "add", ""],
        &["invalid member name \"\": a member needs a name"],
    );
    refused(
        &fund,
        &["member", "add", " Eve"],
        &["invalid member name \" Eve\"", "spaces"],
    );
    // A pool and a member may share a name: they are different things.
    step(
        &fund,
        &["member", "add", "housing"],
        "added member housing\n",
    );
}

#[test]
fn unknown_members_are_refused_everywhere() {
    let fund = funded();
    let unknown =
        "unknown member \"Zoe\"; see `fondo member list`, or add them with `fondo member add`";
    for args in [
        &["member", "show", "Zoe"][..],
        &["member", "deactivate", "Zoe", "--on", "2026-02-01"],
        &["role", "assign", "Zoe", "steward", "--from", "2026-02-01"],
        &["role", "end", "Zoe", "steward", "--on", "2026-02-01"],
        &[
            "contribute",
            "5.00",
            "USD",
            "--from",
            "Zoe",
            "--date",
            "2026-02-01",
        ],
    ] {
        refused(&fund, args, &[unknown]);
    }
}

#[test]
fn deactivated_members_stay_with_their_history() {
    let fund = funded();
    step(
        &fund,
        &[
            "role",
            "assign",
            "Cy",
            "member",
            "--from",
            "2025-01-01",
            "--until",
            "2025-03-20",
        ],
        "Cy is member from 2025-01-01, until 2025-03-20\n",
    );
    step(
        &fund,
        &["member", "deactivate", "cy", "--on", "2025-04-01"],
        "cy is inactive from 2025-04-01\n",
    );
    let on = |day: &str| fund.ok(&["member", "list", "--on", day, "--format", "csv"]);
    assert_eq!(
        on("2025-03-31"),
        format!(
            "{MEMBERS}
Ana,public,active,,ana@example.org,
Bea,pseudonymous,active,,,
Cy,anonymous,active,,,
"
        )
    );
    assert_eq!(
        on("2025-02-01"),
        format!(
            "{MEMBERS}
Ana,public,active,,ana@example.org,
Bea,pseudonymous,active,,,
Cy,anonymous,active,member,,
"
        )
    );
    assert_eq!(
        on("2025-04-01"),
        format!(
            "{MEMBERS}
Ana,public,active,,ana@example.org,
Bea,pseudonymous,active,,,
Cy,anonymous,inactive since 2025-04-01,,,
"
        )
    );
    refused(
        &fund,
        &["member", "deactivate", "Cy", "--on", "2025-05-01"],
        &["Cy has been inactive since 2025-04-01"],
    );
    refused(
        &fund,
        &["role", "assign", "Cy", "steward", "--from", "2025-04-01"],
        &["Cy has been inactive since 2025-04-01"],
    );
    assert_eq!(
        fund.ok(&["member", "show", "Cy", "--format", "csv"]),
        "section,item,value
member,name,Cy
member,visibility,anonymous
member,status,inactive since 2025-04-01
role,member,2025-01-01 to 2025-03-20
"
    );
    assert_eq!(
        fund.ok(&["member", "list", "--format", "json", "--on", "2025-04-02"]),
        "[
  {\"member\":\"Ana\",\"visibility\":\"public\",\"status\":\"active\",\"roles\":\"\",\"contact\":\"ana@example.org\",\"note\":null},
  {\"member\":\"Bea\",\"visibility\":\"pseudonymous\",\"status\":\"active\",\"roles\":\"\",\"contact\":null,\"note\":null},
  {\"member\":\"Cy\",\"visibility\":\"anonymous\",\"status\":\"inactive since 2025-04-01\",\"roles\":\"\",\"contact\":null,\"note\":null}
]
"
    );
}

#[test]
fn member_show_lists_role_history_and_contributed_totals() {
    let fund = funded();
    fund.ok(&["commodity", "add", "HOURS", "--decimals", "1"]);
    step(
        &fund,
        &[
            "role",
            "assign",
            "Ana",
            "treasurer",
            "--from",
            "2026-01-01",
            "--until",
            "2026-06-30",
        ],
        "Ana is treasurer from 2026-01-01, until 2026-06-30\n",
    );
    step(
        &fund,
        &["role", "assign", "Ana", "steward", "--from", "2026-01-01"],
        "Ana is steward from 2026-01-01, open-ended\n",
    );
    step(
        &fund,
        &[
            "role",
            "assign",
            "Ana",
            "treasurer",
            "--from",
            "2025-01-01",
            "--until",
            "2025-12-31",
        ],
        "Ana is treasurer from 2025-01-01, until 2025-12-31\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "25.50",
            "USD",
            "--from",
            "ANA",
            "--date",
            "2026-02-01",
        ],
        "4\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "3.5",
            "HOURS",
            "--from",
            "Ana",
            "--kind",
            "accounting",
            "--date",
            "2026-02-02",
        ],
        "5\n",
    );
    assert_eq!(
        fund.ok(&["member", "show", "ana", "--format", "csv"]),
        "section,item,value
member,name,Ana
member,visibility,public
member,status,active
member,contact,ana@example.org
role,treasurer,2025-01-01 to 2025-12-31
role,steward,2026-01-01 to open
role,treasurer,2026-01-01 to 2026-06-30
contributed,HOURS,3.5
contributed,USD,525.50
"
    );
    // The public sees Ana (a public member) but not how to reach her.
    assert_eq!(
        fund.ok(&[
            "member",
            "show",
            "Ana",
            "--audience",
            "public",
            "--format",
            "json"
        ]),
        r#"[
  {"section":"member","item":"name","value":"Ana"},
  {"section":"member","item":"visibility","value":"public"},
  {"section":"member","item":"status","value":"active"},
  {"section":"role","item":"treasurer","value":"2025-01-01 to 2025-12-31"},
  {"section":"role","item":"steward","value":"2026-01-01 to open"},
  {"section":"role","item":"treasurer","value":"2026-01-01 to 2026-06-30"},
  {"section":"contributed","item":"HOURS","value":"3.5"},
  {"section":"contributed","item":"USD","value":"525.50"}
]
"#
    );
    // Bea is pseudonymous: the public sees her totals under a pseudonym.
    let public = fund.ok(&[
        "member",
        "show",
        "Bea",
        "--audience",
        "public",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&public);
    assert!(is_pseudonym(&rows[0][2]), "{public}");
    assert_eq!(rows[3], ["contributed", "USD", "100.00"]);
    assert!(!public.contains("Bea"), "{public}");
}

/// A voided contribution was not received: it no longer counts in the
/// contributor's totals.
#[test]
fn member_show_does_not_count_a_voided_contribution() {
    let fund = funded();
    step(
        &fund,
        &[
            "contribute",
            "30.00",
            "USD",
            "--from",
            "Ana",
            "--date",
            "2026-02-01",
        ],
        "4\n",
    );
    step(
        &fund,
        &["void", "4", "--reason", "bounced", "--date", "2026-02-02"],
        "5\n",
    );
    let shown = fund.ok(&["member", "show", "Ana", "--format", "csv"]);
    assert!(
        shown.ends_with("contributed,USD,500.00\n"),
        "the voided 30.00 USD still counts:\n{shown}"
    );
}

// ------------------------------------------------------------------ roles

#[test]
fn role_terms_never_overlap_and_never_end_before_they_start() {
    let fund = community();
    step(
        &fund,
        &[
            "role",
            "assign",
            "Ana",
            "treasurer",
            "--from",
            "2026-01-01",
            "--until",
            "2026-06-20",
        ],
        "Ana is treasurer from 2026-01-01, until 2026-06-20\n",
    );
    step(
        &fund,
        &["role", "assign", "Bea", "treasurer", "--from", "2026-07-01"],
        "Bea is treasurer from 2026-07-01, open-ended\n",
    );
    step(
        &fund,
        &["role", "assign", "Ana", "steward", "--from", "2026-01-01"],
        "Ana is steward from 2026-01-01, open-ended\n",
    );
    let clash = "Ana already holds the treasurer role 2026-01-01 to 2026-06-20; terms of one role may not overlap";
    for (from, until) in [
        ("2026-06-20", None),
        ("2026-03-01", Some("2026-03-31")),
        ("2025-01-01", Some("2026-01-01")),
        ("2025-12-01", None),
        ("2025-12-01", Some("2026-12-31")),
    ] {
        let mut args = vec!["role", "assign", "ana", "treasurer", "--from", from];
        if let Some(until) = until {
            args.extend(["--until", until]);
        }
        refused(&fund, &args, &[clash]);
    }
    refused(
        &fund,
        &["role", "assign", "Bea", "treasurer", "--from", "2027-01-01"],
        &["Bea already holds the treasurer role from 2026-07-01, still open"],
    );
    refused(
        &fund,
        &[
            "role",
            "assign",
            "Ana",
            "steward",
            "--from",
            "2025-06-01",
            "--until",
            "2026-01-01",
        ],
        &["Ana already holds the steward role from 2026-01-01, still open"],
    );
    // Terms that touch without overlapping, and one-day terms, are fine.
    step(
        &fund,
        &[
            "role",
            "assign",
            "Ana",
            "treasurer",
            "--from",
            "2025-06-10",
            "--until",
            "2025-12-31",
        ],
        "Ana is treasurer from 2025-06-10, until 2025-12-31\n",
    );
    step(
        &fund,
        &[
            "role",
            "assign",
            "Cy",
            "member",
            "--from",
            "2026-02-14",
            "--until",
            "2026-02-14",
        ],
        "Cy is member from 2026-02-14, until 2026-02-14\n",
    );
    // A term that ends before it starts.
    refused(
        &fund,
        &[
            "role",
            "assign",
            "Cy",
            "steward",
            "--from",
            "2026-03-01",
            "--until",
            "2026-02-28",
        ],
        &["a term cannot end (2026-02-28) before it starts (2026-03-01)"],
    );
    refused(
        &fund,
        &["role", "end", "Ana", "steward", "--on", "2025-12-31"],
        &["the steward term of Ana starts on 2026-01-01; it cannot end before that (2025-12-31)"],
    );
    // No open term to end.
    refused(
        &fund,
        &["role", "end", "Cy", "steward", "--on", "2026-05-01"],
        &["Cy holds no open steward term"],
    );
    refused(
        &fund,
        &["role", "end", "Ana", "treasurer", "--on", "2026-05-01"],
        &["Ana holds no open treasurer term"],
    );
    refused(
        &fund,
        &["role", "assign", "Cy", "steward", "--from", "2026-02-30"],
        &["invalid date \"2026-02-30\""],
    );
    step(
        &fund,
        &["role", "end", "ana", "steward", "--on", "2026-03-15"],
        "ana's steward term ends on 2026-03-15\n",
    );
    refused(
        &fund,
        &["role", "end", "Ana", "steward", "--on", "2026-04-15"],
        &["Ana holds no open steward term"],
    );
    step(
        &fund,
        &["role", "end", "Bea", "treasurer", "--on", "2026-12-20"],
        "Bea's treasurer term ends on 2026-12-20\n",
    );

    // History, ordered by start, then member, then role.
    assert_eq!(
        fund.ok(&["role", "list", "--format", "csv"]),
        format!(
            "{TERMS}
Ana,treasurer,2025-06-10,2025-12-31,6,
Ana,steward,2026-01-01,2026-03-15,2,
Ana,treasurer,2026-01-01,2026-06-20,5,
Cy,member,2026-02-14,2026-02-14,0,
Bea,treasurer,2026-07-01,2026-12-20,5,
"
        )
    );
    // Terms held on a day.
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2026-02-14", "--format", "csv"]),
        format!(
            "{TERMS}
Ana,steward,2026-01-01,2026-03-15,2,
Ana,treasurer,2026-01-01,2026-06-20,5,
Cy,member,2026-02-14,2026-02-14,0,
"
        )
    );
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2024-12-31", "--format", "csv"]),
        format!("{TERMS}\n")
    );
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2026-07-01", "--format", "json"]),
        "[\n  {\"member\":\"Bea\",\"role\":\"treasurer\",\"from\":\"2026-07-01\",\"until\":\"2026-12-20\",\"months\":5,\"flag\":null}\n]\n"
    );
    assert_eq!(
        fund.ok(&["member", "list", "--on", "2026-02-14", "--format", "csv"]),
        format!(
            "{MEMBERS}
Ana,public,active,treasurer steward,ana@example.org,
Bea,pseudonymous,active,,,
Cy,anonymous,active,member,,
"
        )
    );
}

/// (member, from, flag) of each row of `role list --format csv`.
fn flags(csv: &str) -> Vec<(String, String, String)> {
    csv_rows(csv)
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone(), r[5].clone()))
        .collect()
}

fn owned((a, b, c): (&str, &str, &str)) -> (String, String, String) {
    (a.to_owned(), b.to_owned(), c.to_owned())
}

#[test]
fn term_limits_flag_long_terms_without_blocking_them() {
    let fund = community();
    step(
        &fund,
        &["setting", "set", "max-term-months.steward", "6"],
        "max-term-months.steward = 6\n",
    );
    for (member, from, until, out) in [
        (
            "Ana",
            "2025-01-10",
            Some("2025-09-20"),
            "Ana is steward from 2025-01-10, until 2025-09-20\n",
        ),
        (
            "Ana",
            "2025-10-01",
            Some("2026-02-15"),
            "Ana is steward from 2025-10-01, until 2026-02-15\n",
        ),
        (
            "Bea",
            "2026-01-01",
            Some("2026-06-30"),
            "Bea is steward from 2026-01-01, until 2026-06-30\n",
        ),
        (
            "Bea",
            "2026-07-01",
            Some("2027-01-01"),
            "Bea is steward from 2026-07-01, until 2027-01-01\n",
        ),
        (
            "Cy",
            "2026-01-10",
            None,
            "Cy is steward from 2026-01-10, open-ended\n",
        ),
        (
            "Cy",
            "2024-01-01",
            Some("2025-12-20"),
            "Cy is treasurer from 2024-01-01, until 2025-12-20\n",
        ),
    ] {
        let role = if out.contains("treasurer") {
            "treasurer"
        } else {
            "steward"
        };
        let mut args = vec!["role", "assign", member, role, "--from", from];
        if let Some(until) = until {
            args.extend(["--until", until]);
        }
        step(&fund, &args, out);
    }
    // Terms past six months are flagged; the treasurer has no limit.
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2026-08-20", "--format", "csv"]),
        format!(
            "{TERMS}
Cy,steward,2026-01-10,,7,past the 6-month limit
Bea,steward,2026-07-01,2027-01-01,6,past the 6-month limit
"
        )
    );
    // (Who holds a term on a day, and its flag; the length of Bea's term
    // is checked by `term_length_counts_its_last_day`.)
    assert_eq!(
        flags(&fund.ok(&["role", "list", "--on", "2026-03-20", "--format", "csv"])),
        [("Bea", "2026-01-01", ""), ("Cy", "2026-01-10", "")].map(owned)
    );
    // Open terms are measured to today (the clock pinned at 2026-12-03).
    let flag = "past the 6-month limit";
    assert_eq!(
        flags(&fund.ok_at("2026-12-03T12:00:00", &["role", "list", "--format", "csv"])),
        [
            ("Cy", "2024-01-01", ""),
            ("Ana", "2025-01-10", flag),
            ("Ana", "2025-10-01", ""),
            ("Bea", "2026-01-01", ""),
            ("Cy", "2026-01-10", flag),
            ("Bea", "2026-07-01", flag),
        ]
        .map(owned)
    );
    // A limit on the treasurer role flags the long treasurer term too.
    step(
        &fund,
        &["setting", "set", "max-term-months.treasurer", "12"],
        "max-term-months.treasurer = 12\n",
    );
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2025-06-01", "--format", "csv"]),
        format!(
            "{TERMS}
Cy,treasurer,2024-01-01,2025-12-20,23,past the 12-month limit
Ana,steward,2025-01-10,2025-09-20,8,past the 6-month limit
"
        )
    );
    // Changing the limit changes the flags.
    step(
        &fund,
        &["setting", "set", "max-term-months.steward", "9"],
        "max-term-months.steward = 9\n",
    );
    assert_eq!(
        fund.ok(&["role", "list", "--on", "2026-08-20", "--format", "csv"]),
        format!(
            "{TERMS}
Cy,steward,2026-01-10,,7,
Bea,steward,2026-07-01,2027-01-01,6,
"
        )
    );
    assert_eq!(
        fund.ok(&["setting", "list", "--format", "csv"]),
        "setting,value
contribution-account,assets:bank
max-term-months.steward,9
max-term-months.treasurer,12
"
    );
}

/// A term from January 1 to June 30 (both inclusive) is held for six whole
/// months.
#[test]
fn term_length_counts_its_last_day() {
    let fund = community();
    step(
        &fund,
        &[
            "role",
            "assign",
            "Bea",
            "steward",
            "--from",
            "2026-01-01",
            "--until",
            "2026-06-30",
        ],
        "Bea is steward from 2026-01-01, until 2026-06-30\n",
    );
    assert_eq!(
        fund.ok(&["role", "list", "--format", "csv"]),
        format!("{TERMS}\nBea,steward,2026-01-01,2026-06-30,6,\n")
    );
}

#[test]
fn unknown_settings_and_bad_values_are_refused() {
    let fund = community();
    fund.ok(&["account", "add", "income:dues"]);
    fund.ok(&["setting", "set", "max-term-months.steward", "6"]);
    for (key, value, needle) in [
        (
            "max-term-months.boss",
            "6",
            "invalid role \"boss\": expected one of: treasurer steward member",
        ),
        (
            "max-term-months.steward",
            "0",
            "max-term-months.steward is a number of months, at least 1 (got \"0\")",
        ),
        (
            "max-term-months.steward",
            "-3",
            "max-term-months.steward is a number of months, at least 1 (got \"-3\")",
        ),
        ("max-term-months.steward", "six", "(got \"six\")"),
        ("max-term-months.steward", "1.5", "(got \"1.5\")"),
        ("max-term-months.steward", "", "(got \"\")"),
        (
            "max-term-months",
            "6",
            "unknown setting \"max-term-months\"",
        ),
        (
            "currency",
            "EUR",
            "unknown setting \"currency\"; settings are contribution-account, language, strict-privacy and max-term-months.ROLE",
        ),
        (
            "contribution-account",
            "income:dues",
            "contribution-account must be an assets account, not income:dues",
        ),
        (
            "contribution-account",
            "assets:cash",
            "unknown account \"assets:cash\"",
        ),
    ] {
        refused(&fund, &["setting", "set", "--", key, value], &[needle]);
    }
    assert_eq!(
        fund.ok(&["setting", "list", "--format", "csv"]),
        "setting,value\ncontribution-account,assets:bank\nmax-term-months.steward,6\n"
    );
}

// ------------------------------------------------------------------ pools

#[test]
fn pools_are_added_once_with_a_purpose_and_listed() {
    let fund = Fund::init(Some("USD"));
    assert_eq!(
        fund.ok(&["pool", "list", "--format", "csv"]),
        format!("pool,purpose,guidelines,held\ngeneral,{GENERAL_PURPOSE},,\n")
    );
    step(
        &fund,
        &["pool", "add", "housing", "--purpose", "Rent relief"],
        "added pool housing\n",
    );
    step(
        &fund,
        &[
            "pool",
            "add",
            "rapid response",
            "--purpose",
            "Emergencies, decided within a day",
            "--guidelines",
            "up to 200.00 USD per household",
        ],
        "added pool rapid response\n",
    );
    refused(
        &fund,
        &["pool", "add", "Housing", "--purpose", "again"],
        &["pool \"housing\" already exists"],
    );
    refused(
        &fund,
        &["pool", "add", "GENERAL", "--purpose", "mine"],
        &["pool \"general\" already exists"],
    );
    for purpose in ["", "   "] {
        refused(
            &fund,
            &["pool", "add", "food", "--purpose", purpose],
            &["a pool needs a purpose the community agreed on (--purpose)"],
        );
    }
    refused(
        &fund,
        &["pool", "add", " food", "--purpose", "Food"],
        &["invalid pool name \" food\""],
    );
    refused(
        &fund,
        &["pool", "add", "", "--purpose", "Food"],
        &["invalid pool name \"\": a pool needs a name"],
    );
    assert_eq!(
        fund.ok(&["pool", "list", "--format", "csv"]),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,
housing,Rent relief,,
rapid response,\"Emergencies, decided within a day\",up to 200.00 USD per household,
"
        )
    );
    assert_eq!(
        fund.ok(&["pool", "list", "--format", "json"]),
        format!(
            r#"[
  {{"pool":"general","purpose":"{GENERAL_PURPOSE}","guidelines":null,"held":""}},
  {{"pool":"housing","purpose":"Rent relief","guidelines":null,"held":""}},
  {{"pool":"rapid response","purpose":"Emergencies, decided within a day","guidelines":"up to 200.00 USD per household","held":""}}
]
"#
        )
    );
    assert_eq!(pool_show(&fund, "Rapid Response"), format!("{HOLDINGS}\n"));
    assert_eq!(
        fund.ok(&["pool", "show", "housing", "--format", "json"]),
        "[]\n"
    );
    refused(
        &fund,
        &["pool", "show", "food"],
        &["unknown pool \"food\"; see `fondo pool list`, or add it with `fondo pool add`"],
    );
}

#[test]
fn money_moves_between_pools_only_when_it_is_there() {
    let fund = funded();
    step(
        &fund,
        &[
            "pool",
            "move",
            "150.00",
            "USD",
            "--from",
            "housing",
            "--to",
            "legal",
            "--reason",
            "court date",
            "--date",
            "2026-02-01",
        ],
        "4\n",
    );
    step(
        &fund,
        &[
            "pool",
            "move",
            "50.00",
            "USD",
            "--from",
            "general",
            "--to",
            "Housing",
            "--reason",
            "top up",
            "--date",
            "2026-02-02",
        ],
        "5\n",
    );
    step(
        &fund,
        &[
            "pool",
            "move",
            "10.00",
            "USD",
            "--from",
            "legal",
            "--to",
            "general",
            "--reason",
            "leftover",
            "--date",
            "2026-02-03",
        ],
        "6\n",
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,160.00 USD
housing,Rent relief,,400.00 USD
legal,Legal defence,court fees only,240.00 USD
"
        )
    );
    assert_eq!(
        fund.ok(&[
            "pool",
            "show",
            "housing",
            "--as-of",
            "2026-02-01",
            "--format",
            "csv"
        ]),
        format!("{HOLDINGS}\nhousing,USD,500.00,0.00,150.00,0.00,0.00,0.00,350.00,0.00,350.00\n")
    );
    assert_eq!(
        fund.ok(&[
            "pool",
            "show",
            "LEGAL",
            "--as-of",
            "2026-02-01",
            "--format",
            "json"
        ]),
        r#"[
  {"pool":"legal","commodity":"USD","contributions":"100.00","moved_in":"150.00","moved_out":"0.00","spent":"0.00","converted":"0.00","other":"0.00","held":"250.00","committed":"0.00","available":"250.00"}
]
"#
    );
    // Before the moves.
    assert_eq!(
        fund.ok(&["pool", "list", "--as-of", "2026-01-31", "--format", "csv"]),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,200.00 USD
housing,Rent relief,,500.00 USD
legal,Legal defence,court fees only,100.00 USD
"
        )
    );
    // The moves are ordinary transactions on equity:pools, one leg per pool.
    let export = fund.export();
    let moves: Vec<Vec<String>> = csv_rows(&export)
        .into_iter()
        .filter(|r| r[0] == "4" || r[0] == "5")
        .map(|r| r[..10].to_vec())
        .collect();
    let row = |fields: &[&str]| fields.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        moves,
        [
            row(&[
                "4",
                "2026-02-01",
                "Move from pool housing to pool legal: court date",
                "equity:pools",
                "150.00",
                "USD",
                "",
                "",
                "",
                "housing"
            ]),
            row(&[
                "4",
                "2026-02-01",
                "Move from pool housing to pool legal: court date",
                "equity:pools",
                "-150.00",
                "USD",
                "",
                "",
                "",
                "legal"
            ]),
            row(&[
                "5",
                "2026-02-02",
                "Move from pool general to pool housing: top up",
                "equity:pools",
                "50.00",
                "USD",
                "",
                "",
                "",
                ""
            ]),
            row(&[
                "5",
                "2026-02-02",
                "Move from pool general to pool housing: top up",
                "equity:pools",
                "-50.00",
                "USD",
                "",
                "",
                "",
                "housing"
            ]),
        ]
    );

    // Beyond what is available: refused, saying what is available.
    let move_args = |amount: &'static str, from: &'static str, to: &'static str| {
        vec![
            "pool",
            "move",
            amount,
            "USD",
            "--from",
            from,
            "--to",
            to,
            "--reason",
            "test",
            "--date",
            "2026-02-10",
        ]
    };
    refused(
        &fund,
        &move_args("400.01", "housing", "legal"),
        &[
            "pool \"housing\" would hold -0.01 USD on 2026-02-10 (only 400.00 USD was available)",
            "fondo pool move",
        ],
    );
    refused(
        &fund,
        &move_args("160.01", "general", "legal"),
        &["pool \"general\" would hold -0.01 USD on 2026-02-10 (only 160.00 USD was available)"],
    );
    // A backdated move that would leave the pool short later is refused too.
    refused(
        &fund,
        &[
            "pool",
            "move",
            "400.00",
            "USD",
            "--from",
            "housing",
            "--to",
            "legal",
            "--reason",
            "early",
            "--date",
            "2026-01-20",
        ],
        &["pool \"housing\" would hold -50.00 USD on 2026-02-01"],
    );
    // A commodity the pool never held (a well-known currency not yet declared).
    refused(
        &fund,
        &move_args("1.00", "housing", "legal")
            .into_iter()
            .map(|a| if a == "USD" { "EUR" } else { a })
            .collect::<Vec<_>>(),
        &[
            "pool \"housing\" would hold -1.00 EUR",
            "only 0.00 EUR was available",
        ],
    );
    // The same pool, however it is spelled.
    refused(
        &fund,
        &move_args("1.00", "housing", "HOUSING"),
        &["a move's source and destination are the same pool (housing)"],
    );
    refused(
        &fund,
        &move_args("1.00", "general", "General"),
        &["a move's source and destination are the same pool (general)"],
    );
    // Amounts that are not positive, or not amounts at all.
    for amount in ["0", "0.00", "-5.00"] {
        refused(
            &fund,
            &[
                "pool",
                "move",
                "--from",
                "housing",
                "--to",
                "legal",
                "--reason",
                "x",
                "--date",
                "2026-02-10",
                "--",
                amount,
                "USD",
            ],
            &[&format!(
                "invalid amount \"{amount}\": a move needs a positive amount"
            )],
        );
    }
    refused(
        &fund,
        &move_args("1.001", "housing", "legal"),
        &["amount 1.001 has more decimal places than USD allows (2)"],
    );
    refused(
        &fund,
        &move_args("ten", "housing", "legal"),
        &["invalid amount \"ten\""],
    );
    refused(
        &fund,
        &move_args("1.00", "housing", "food"),
        &["unknown pool \"food\""],
    );
    refused(
        &fund,
        &move_args("1.00", "food", "legal"),
        &["unknown pool \"food\""],
    );
    refused(
        &fund,
        &[
            "pool",
            "move",
            "1.00",
            "USD",
            "--from",
            "housing",
            "--to",
            "legal",
            "--reason",
            " ",
            "--date",
            "2026-02-10",
        ],
        &["a move needs a reason (--reason)"],
    );
    refused(
        &fund,
        &[
            "pool",
            "move",
            "1",
            "TENTS",
            "--from",
            "housing",
            "--to",
            "legal",
            "--reason",
            "x",
            "--date",
            "2026-02-10",
        ],
        &["unknown commodity \"TENTS\""],
    );
}

/// A pool's report shows what was moved in and what was moved out, not
/// only the difference: money that came in from one pool and went on to
/// another is two reallocations.
#[test]
fn pool_show_reports_moves_in_and_out_separately() {
    let fund = funded();
    for (amount, from, to, date) in [
        ("150.00", "housing", "legal", "2026-02-01"),
        ("50.00", "general", "housing", "2026-02-02"),
        ("10.00", "legal", "general", "2026-02-03"),
    ] {
        fund.ok(&[
            "pool", "move", amount, "USD", "--from", from, "--to", to, "--reason", "r", "--date",
            date,
        ]);
    }
    clean(&fund);
    let shown = ["housing", "legal", "general"].map(|pool| pool_show(&fund, pool));
    assert_eq!(
        shown,
        [
            format!(
                "{HOLDINGS}\nhousing,USD,500.00,50.00,150.00,0.00,0.00,0.00,400.00,0.00,400.00\n"
            ),
            format!(
                "{HOLDINGS}\nlegal,USD,100.00,150.00,10.00,0.00,0.00,0.00,240.00,0.00,240.00\n"
            ),
            format!(
                "{HOLDINGS}\ngeneral,USD,200.00,10.00,50.00,0.00,0.00,0.00,160.00,0.00,160.00\n"
            ),
        ]
    );
}

// ---------------------------------------------------------- contributions

#[test]
fn contributions_of_money_go_into_an_assets_account() {
    let fund = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank", "assets:cash", "income:dues"])
        .pool("housing", "Rent relief")
        .member("Ana")
        .build();
    let give = |extra: &[&'static str]| {
        let mut args = vec![
            "contribute",
            "40.00",
            "USD",
            "--from",
            "Ana",
            "--date",
            "2026-02-01",
        ];
        args.extend_from_slice(extra);
        args
    };
    refused(
        &fund,
        &give(&[]),
        &[
            "say which account the money went into with --into ACCOUNT, or set a default with `fondo setting set contribution-account assets:bank`",
        ],
    );
    step(&fund, &give(&["--into", "assets:cash"]), "1\n");
    refused(
        &fund,
        &give(&["--into", "income:dues"]),
        &["money goes into an assets account, not income:dues"],
    );
    refused(
        &fund,
        &give(&["--into", "assets:safe"]),
        &["unknown account \"assets:safe\"; add it with `fondo account add`"],
    );
    step(
        &fund,
        &["setting", "set", "contribution-account", "assets:bank"],
        "contribution-account = assets:bank\n",
    );
    step(&fund, &give(&["--pool", "housing"]), "2\n");
    // --into wins over the setting.
    step(&fund, &give(&["--into", "assets:cash"]), "3\n");
    // A closed account takes no contributions, named or by default.
    step(
        &fund,
        &["account", "add", "assets:old-box"],
        "added account assets:old-box\n",
    );
    step(
        &fund,
        &["account", "close", "assets:old-box", "--date", "2026-02-28"],
        "closed account assets:old-box on 2026-02-28\n",
    );
    let closed = "account \"assets:old-box\" was closed on 2026-02-28; it takes no postings dated 2026-03-01";
    refused(
        &fund,
        &[
            "contribute",
            "5.00",
            "USD",
            "--anonymous",
            "--into",
            "assets:old-box",
            "--date",
            "2026-03-01",
        ],
        &[closed],
    );
    step(
        &fund,
        &["setting", "set", "contribution-account", "assets:old-box"],
        "contribution-account = assets:old-box\n",
    );
    refused(
        &fund,
        &[
            "contribute",
            "5.00",
            "USD",
            "--anonymous",
            "--date",
            "2026-03-01",
        ],
        &[closed],
    );
    // On its closing day it still takes them.
    step(
        &fund,
        &[
            "contribute",
            "5.00",
            "USD",
            "--anonymous",
            "--date",
            "2026-02-28",
        ],
        "4\n",
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance
assets:bank,USD,40.00
assets:cash,USD,80.00
assets:old-box,USD,5.00
income:contributions,USD,-125.00
"
    );
    assert_eq!(
        pool_show(&fund, "housing"),
        format!("{HOLDINGS}\nhousing,USD,40.00,0.00,0.00,0.00,0.00,0.00,40.00,0.00,40.00\n")
    );
}

#[test]
fn bad_contributions_are_refused() {
    let fund = funded();
    fund.ok(&["commodity", "add", "KG-RICE", "--decimals", "3"]);
    let c = |amount: &'static str, commodity: &'static str, extra: &[&'static str]| {
        let mut args = vec!["contribute", "--date", "2026-02-01"];
        args.extend_from_slice(extra);
        args.extend(["--", amount, commodity]);
        args
    };
    let positive = "a contribution is a positive amount; to undo one, void its transaction";
    for amount in ["0", "0.00", "-20.00"] {
        refused(
            &fund,
            &c(amount, "USD", &["--from", "Ana"]),
            &[
                &format!("invalid amount \"{amount}\": {positive}"),
                positive,
            ],
        );
    }
    refused(
        &fund,
        &c("-2", "KG-RICE", &["--anonymous"]),
        &["invalid amount \"-2\"", positive],
    );
    refused(
        &fund,
        &c("5.00", "USD", &["--from", "Ana", "--pool", "food"]),
        &["unknown pool \"food\""],
    );
    refused(
        &fund,
        &c("5.00", "USD", &["--anonymous", "--pool", "food"]),
        &["unknown pool \"food\""],
    );
    refused(
        &fund,
        &c("5.00", "USD", &["--from", "Zoe"]),
        &["unknown member \"Zoe\""],
    );
    refused(
        &fund,
        &c("5.001", "USD", &["--from", "Ana"]),
        &["amount 5.001 has more decimal places than USD allows (2)"],
    );
    refused(
        &fund,
        &c(
            "5.00",
            "USD",
            &["--from", "Ana", "--kind", "legal-assistance"],
        ),
        &["a kind describes support in kind; a contribution of money has none"],
    );
    refused(
        &fund,
        &c(
            "12",
            "HOURS",
            &["--from", "Ana", "--kind", "legal-assistance"],
        ),
        &[
            "unknown commodity \"HOURS\"; declare it first with `fondo commodity add HOURS --decimals N`",
        ],
    );
    refused(
        &fund,
        &c("1.0001", "KG-RICE", &["--from", "Ana"]),
        &["more decimal places than KG-RICE allows (3)"],
    );
}

#[test]
fn contributions_in_kind_show_beside_money() {
    let fund = funded();
    step(
        &fund,
        &[
            "commodity",
            "add",
            "HOURS",
            "--decimals",
            "1",
            "--name",
            "volunteer hours",
        ],
        "added commodity HOURS with 1 decimal place\n",
    );
    step(
        &fund,
        &["commodity", "add", "KG-RICE", "--decimals", "3"],
        "added commodity KG-RICE with 3 decimal places\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "12",
            "HOURS",
            "--from",
            "Ana",
            "--kind",
            "legal-assistance",
            "--pool",
            "legal",
            "--date",
            "2026-02-01",
        ],
        "4\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "3.5",
            "HOURS",
            "--from",
            "Cy",
            "--kind",
            "childcare",
            "--date",
            "2026-02-02",
        ],
        "5\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "50",
            "KG-RICE",
            "--from",
            "Bea",
            "--pool",
            "housing",
            "--date",
            "2026-02-03",
        ],
        "6\n",
    );
    step(
        &fund,
        &[
            "contribute",
            "2.5",
            "KG-RICE",
            "--anonymous",
            "--date",
            "2026-02-04",
        ],
        "7\n",
    );
    assert_eq!(
        fund.balance_csv(&[]),
        "account,commodity,balance
assets:bank,USD,800.00
assets:in-kind:kg-rice,KG-RICE,52.500
expenses:in-kind:childcare,HOURS,3.5
expenses:in-kind:legal-assistance,HOURS,12.0
income:contributions,USD,-800.00
income:in-kind:childcare,HOURS,-3.5
income:in-kind:goods,KG-RICE,-52.500
income:in-kind:legal-assistance,HOURS,-12.0
"
    );
    // Services are given and used at once: they leave the pool's holdings
    // as they were but show as support. Goods are stock the pool holds.
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,\"2.500 KG-RICE, 200.00 USD\"
housing,Rent relief,,\"50.000 KG-RICE, 500.00 USD\"
legal,Legal defence,court fees only,100.00 USD
"
        )
    );
    assert_eq!(
        pool_show(&fund, "legal"),
        format!(
            "{HOLDINGS}
legal,HOURS,12.0,0.0,0.0,12.0,0.0,0.0,0.0,0.0,0.0
legal,USD,100.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,100.00
"
        )
    );
    assert_eq!(
        pool_show(&fund, "housing"),
        format!(
            "{HOLDINGS}
housing,KG-RICE,50.000,0.000,0.000,0.000,0.000,0.000,50.000,0.000,50.000
housing,USD,500.00,0.00,0.00,0.00,0.00,0.00,500.00,0.00,500.00
"
        )
    );
    assert_eq!(
        pool_show(&fund, "general"),
        format!(
            "{HOLDINGS}
general,HOURS,3.5,0.0,0.0,3.5,0.0,0.0,0.0,0.0,0.0
general,KG-RICE,2.500,0.000,0.000,0.000,0.000,0.000,2.500,0.000,2.500
general,USD,200.00,0.00,0.00,0.00,0.00,0.00,200.00,0.00,200.00
"
        )
    );
    // Goods move between pools like money.
    step(
        &fund,
        &[
            "pool",
            "move",
            "20",
            "KG-RICE",
            "--from",
            "housing",
            "--to",
            "general",
            "--reason",
            "community kitchen",
            "--date",
            "2026-02-05",
        ],
        "8\n",
    );
    refused(
        &fund,
        &[
            "pool",
            "move",
            "1",
            "HOURS",
            "--from",
            "legal",
            "--to",
            "general",
            "--reason",
            "x",
            "--date",
            "2026-02-05",
        ],
        &["pool \"legal\" would hold -1.0 HOURS on 2026-02-05 (only 0.0 HOURS was available)"],
    );
    assert_eq!(
        fund.ok(&["member", "show", "Cy", "--format", "csv"]),
        "section,item,value
member,name,Cy
member,visibility,anonymous
member,status,active
contributed,HOURS,3.5
"
    );
    assert_eq!(
        fund.ok(&["member", "show", "Bea", "--format", "csv"]),
        "section,item,value
member,name,Bea
member,visibility,pseudonymous
member,status,active
contributed,KG-RICE,50.000
contributed,USD,100.00
"
    );
}

#[test]
fn contributions_keep_names_out_of_the_journal() {
    let fund = funded();
    let export = fund.export();
    assert_eq!(
        export.lines().next(),
        Some(EXPORT_HEADER),
        "the export has a pool column"
    );
    let rows: Vec<Vec<String>> = csv_rows(&export)
        .into_iter()
        .map(|r| r[..10].to_vec())
        .collect();
    let row = |fields: &[&str]| fields.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        rows,
        [
            row(&[
                "1",
                "2026-01-10",
                "Contribution",
                "assets:bank",
                "500.00",
                "USD",
                "",
                "",
                "",
                ""
            ]),
            row(&[
                "1",
                "2026-01-10",
                "Contribution",
                "income:contributions",
                "-500.00",
                "USD",
                "",
                "",
                "",
                "housing"
            ]),
            row(&[
                "2",
                "2026-01-11",
                "Contribution",
                "assets:bank",
                "200.00",
                "USD",
                "",
                "",
                "",
                ""
            ]),
            row(&[
                "2",
                "2026-01-11",
                "Contribution",
                "income:contributions",
                "-200.00",
                "USD",
                "",
                "",
                "",
                ""
            ]),
            row(&[
                "3",
                "2026-01-12",
                "Contribution",
                "assets:bank",
                "100.00",
                "USD",
                "",
                "R-7",
                "",
                ""
            ]),
            row(&[
                "3",
                "2026-01-12",
                "Contribution",
                "income:contributions",
                "-100.00",
                "USD",
                "",
                "R-7",
                "for the hearing",
                "legal"
            ]),
        ]
    );
    for name in ["Ana", "Bea", "Cy"] {
        assert!(!export.contains(name), "{name} in the journal:\n{export}");
    }
    // A well-known currency is declared on first use, with a note.
    let run = fund.run(&[
        "contribute",
        "20.00",
        "EUR",
        "--anonymous",
        "--pool",
        "housing",
        "--date",
        "2026-01-13",
    ]);
    assert_eq!(run.ok(), "4\n");
    clean(&fund);
    assert_eq!(
        pool_show(&fund, "housing"),
        format!(
            "{HOLDINGS}
housing,EUR,20.00,0.00,0.00,0.00,0.00,0.00,20.00,0.00,20.00
housing,USD,500.00,0.00,0.00,0.00,0.00,0.00,500.00,0.00,500.00
"
        )
    );
}

#[test]
fn contribution_notes_a_newly_declared_currency_on_stderr() {
    let fund = funded();
    let run = fund.run(&[
        "contribute",
        "20.00",
        "EUR",
        "--anonymous",
        "--date",
        "2026-01-13",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "4\n");
    assert_eq!(
        run.stderr,
        "fondo: note: declared well-known currency EUR\n"
    );
}

/// Goods go into stock; an `--into` account the user names must not be
/// silently replaced by another one.
#[test]
fn contribution_of_goods_does_not_ignore_into() {
    let fund = community();
    fund.ok(&["commodity", "add", "KG-RICE", "--decimals", "3"]);
    fund.ok(&["account", "add", "assets:storage:rice"]);
    let run = fund.run(&[
        "contribute",
        "5",
        "KG-RICE",
        "--from",
        "Ana",
        "--into",
        "assets:storage:rice",
        "--date",
        "2026-02-01",
    ]);
    if run.code == 0 {
        let balance = fund.balance_csv(&["assets"]);
        assert!(
            balance.contains("assets:storage:rice,KG-RICE,5.000"),
            "--into assets:storage:rice was accepted but the rice went elsewhere:\n{balance}"
        );
    } else {
        run.error(&["--into"]);
    }
}

// ----------------------------------------------------------- post --pool

#[test]
fn spending_from_a_pool_is_limited_to_its_holdings() {
    let fund = funded();
    refused(
        &fund,
        &[
            "post",
            "Rent for a family",
            "--date",
            "2026-03-01",
            "--pool",
            "housing",
            "-p",
            "expenses:grants=500.01",
            "-p",
            "assets:bank",
        ],
        &["pool \"housing\" would hold -0.01 USD on 2026-03-01 (only 500.00 USD was available)"],
    );
    refused(
        &fund,
        &[
            "post",
            "Rent",
            "--date",
            "2026-03-01",
            "--pool",
            "shelter",
            "-p",
            "expenses:grants=5.00",
            "-p",
            "assets:bank",
        ],
        &["unknown pool \"shelter\""],
    );
    step(
        &fund,
        &[
            "post",
            "Rent for a family",
            "--date",
            "2026-03-01",
            "--pool",
            "Housing",
            "-p",
            "expenses:grants=450.00",
            "-p",
            "assets:bank",
        ],
        "4\n",
    );
    assert_eq!(
        pool_show(&fund, "housing"),
        format!("{HOLDINGS}\nhousing,USD,500.00,0.00,0.00,450.00,0.00,0.00,50.00,0.00,50.00\n")
    );
    // Only the expense carries the pool, not the bank account.
    let export = fund.export();
    let pools: Vec<(String, String)> = csv_rows(&export)
        .into_iter()
        .filter(|r| r[0] == "4")
        .map(|r| (r[3].clone(), r[9].clone()))
        .collect();
    assert_eq!(
        pools,
        [
            ("expenses:grants".to_owned(), "housing".to_owned()),
            ("assets:bank".to_owned(), String::new()),
        ]
    );
    // A backdated spending that leaves the pool short on its day.
    refused(
        &fund,
        &[
            "post",
            "Deposit",
            "--date",
            "2026-01-09",
            "--pool",
            "housing",
            "-p",
            "expenses:grants=1.00",
            "-p",
            "assets:bank",
        ],
        &["pool \"housing\" would hold -1.00 USD on 2026-01-09 (only 0.00 USD was available)"],
    );
    // The contribution was partly spent: voiding it would leave the pool
    // below zero.
    refused(
        &fund,
        &["void", "1", "--reason", "bounced", "--date", "2026-03-02"],
        &["pool \"housing\" would hold -450.00 USD on 2026-03-02 (only 50.00 USD was available)"],
    );
    // Legal's contribution is untouched: it can be voided.
    step(
        &fund,
        &["void", "3", "--reason", "bounced", "--date", "2026-03-02"],
        "5\n",
    );
    assert_eq!(
        pool_list(&fund),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,200.00 USD
housing,Rent relief,,50.00 USD
legal,Legal defence,court fees only,
"
        )
    );
    // Voiding the spending gives the money back to the pool; after that the
    // contribution can be voided as well.
    step(
        &fund,
        &[
            "void",
            "4",
            "--reason",
            "paid twice",
            "--date",
            "2026-03-03",
        ],
        "6\n",
    );
    step(
        &fund,
        &["void", "1", "--reason", "bounced", "--date", "2026-03-04"],
        "7\n",
    );
    assert_eq!(
        pool_show(&fund, "housing"),
        format!("{HOLDINGS}\nhousing,USD,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n")
    );
}

#[test]
fn voiding_a_move_whose_money_was_spent_is_refused() {
    let fund = funded();
    fund.ok(&[
        "pool",
        "move",
        "300.00",
        "USD",
        "--from",
        "housing",
        "--to",
        "legal",
        "--reason",
        "trial",
        "--date",
        "2026-02-01",
    ]);
    fund.ok(&[
        "post",
        "Lawyer",
        "--date",
        "2026-02-10",
        "--pool",
        "legal",
        "-p",
        "expenses:grants=350.00",
        "-p",
        "assets:bank",
    ]);
    clean(&fund);
    refused(
        &fund,
        &[
            "void",
            "4",
            "--reason",
            "wrong pool",
            "--date",
            "2026-02-11",
        ],
        &["pool \"legal\" would hold -250.00 USD on 2026-02-11 (only 50.00 USD was available)"],
    );
}

/// Spending beyond what the general pool holds would spend money set aside
/// in restricted pools without a recorded move: refused, whatever the
/// command. A fund in debt may still record what happened: borrowed money
/// may be spent as long as the restricted money is still there, and the
/// general pool then shows the deficit.
#[test]
fn restricted_money_is_never_spent_on_something_else() {
    let fund = funded();
    // general holds 200.00 USD; housing 500.00 and legal 100.00; the bank 800.00.
    refused(
        &fund,
        &[
            "post",
            "Groceries",
            "--date",
            "2026-03-01",
            "-p",
            "expenses:grants=200.01",
            "-p",
            "assets:bank",
        ],
        &[
            "on 2026-03-01 the fund would have 599.99 USD while its restricted pools hold 600.00 USD",
        ],
    );
    step(
        &fund,
        &[
            "post",
            "Groceries",
            "--date",
            "2026-03-01",
            "-p",
            "expenses:grants=200.00",
            "-p",
            "assets:bank",
        ],
        "4\n",
    );
    expect(
        &fund,
        &["account", "add", "liabilities:loan"],
        "added account liabilities:loan\n",
    );
    step(
        &fund,
        &[
            "post",
            "Bridge loan",
            "--date",
            "2026-03-02",
            "-p",
            "assets:bank=100.00",
            "-p",
            "liabilities:loan",
        ],
        "5\n",
    );
    step(
        &fund,
        &[
            "post",
            "Rent deposit",
            "--date",
            "2026-03-03",
            "-p",
            "expenses:grants=100.00",
            "-p",
            "assets:bank",
        ],
        "6\n",
    );
    let pools = fund.ok(&["pool", "list", "--format", "csv"]);
    assert!(pools.contains(",-100.00 USD\n"), "{pools}");
    assert!(
        pools.contains(",500.00 USD\n") && pools.contains(",100.00 USD\n"),
        "{pools}"
    );
    // Nothing can be set aside from a general pool in deficit.
    refused(
        &fund,
        &[
            "pool",
            "move",
            "0.01",
            "USD",
            "--from",
            "general",
            "--to",
            "housing",
            "--reason",
            "x",
            "--date",
            "2026-03-04",
        ],
        &["pool \"general\" would hold -100.01 USD on 2026-03-04"],
    );
}

/// A move from the general pool dated before a spending must not leave the
/// general pool short on the later day (restricted pools are checked on
/// every day after a backdated move; see
/// `money_moves_between_pools_only_when_it_is_there`).
#[test]
fn a_backdated_move_from_the_general_pool_cannot_leave_it_short_later() {
    let fund = funded();
    // general: 200.00 USD on 2026-01-11, 50.00 USD from 2026-03-01.
    step(
        &fund,
        &[
            "post",
            "Groceries",
            "--date",
            "2026-03-01",
            "-p",
            "expenses:grants=150.00",
            "-p",
            "assets:bank",
        ],
        "4\n",
    );
    refused(
        &fund,
        &[
            "pool",
            "move",
            "100.00",
            "USD",
            "--from",
            "general",
            "--to",
            "housing",
            "--reason",
            "backdated",
            "--date",
            "2026-02-01",
        ],
        &["pool \"general\"", "2026-03-01"],
    );
}

// ------------------------------------------------------ journal round trip

/// A fund with pools, contributions of money and goods, moves, spending and
/// a void.
fn busy() -> Fund {
    funded_builder()
        .commodity("HOURS", 1)
        .commodity("KG-RICE", 3)
        .account("liabilities:loans")
        .verify_each_step()
        .move_money("150.00 USD", "housing", "legal", "court date", "2026-02-01")
        .contribution("Ana", "12 HOURS", Some("legal"), "2026-02-02")
        .with(&["--kind", "legal-assistance"])
        .contribution("Bea", "50 KG-RICE", Some("housing"), "2026-02-03")
        .post(
            "Court fees",
            "2026-02-04",
            &["expenses:grants=120.00", "assets:bank"],
        )
        .with(&["--pool", "legal"])
        .anonymous_contribution("40.00 USD", Some("legal"), "2026-02-05")
        .void("8", "returned", "2026-02-06")
        .post(
            "Loan from a neighbour fund",
            "2026-02-07",
            &["assets:bank=300.00", "liabilities:loans=-300.00"],
        )
        .build()
}

#[test]
fn journal_round_trip_keeps_pools() {
    let fund = busy();
    let export = fund.export();
    assert_eq!(export.lines().next(), Some(EXPORT_HEADER));
    let path = fund.write("books.csv", &export);
    let path = path.to_str().expect("a UTF-8 path");

    // A fund without the pools refuses the file, naming line and column.
    let bare = FundBuilder::new()
        .currency("USD")
        .commodity("HOURS", 1)
        .commodity("KG-RICE", 3)
        .pool("housing", "Rent relief")
        .build();
    let stderr = refused(
        &bare,
        &["journal", "import", path],
        &["nothing was written"],
    );
    // Row i of the file is on line i + 2 (after the header).
    let first_legal = csv_rows(&export)
        .iter()
        .position(|r| r[9] == "legal")
        .map(|i| i as u64 + 2)
        .expect("a posting in pool legal");
    assert_problem(
        &stderr,
        "I207",
        first_legal,
        Some("pool"),
        "unknown pool \"legal\"",
    );
    assert!(
        !stderr.contains("unknown pool \"housing\""),
        "housing exists:\n{stderr}"
    );

    // A fresh fund with the same pools takes it and ends with the same books.
    let twin = FundBuilder::new()
        .currency("USD")
        .commodity("HOURS", 1)
        .commodity("KG-RICE", 3)
        .pool("housing", "Rent relief")
        .pool("legal", "Legal defence")
        .with(&["--guidelines", "court fees only"])
        .build();
    twin.ok(&["journal", "import", path]);
    clean(&twin);
    assert_eq!(twin.fingerprint(), fund.fingerprint());
    assert_eq!(twin.export(), export);
    assert_eq!(pool_list(&twin), pool_list(&fund));
    for pool in ["general", "housing", "legal"] {
        assert_eq!(pool_show(&twin, pool), pool_show(&fund, pool));
    }
}

// ---------------------------------------------------- pool reconciliation

/// Amounts per commodity.
type Totals = BTreeMap<String, Decimal>;

fn add(totals: &mut Totals, commodity: &str, amount: &str) {
    let amount = Decimal::from_str(amount).unwrap_or_else(|e| panic!("{amount:?}: {e}"));
    *totals.entry(commodity.to_owned()).or_default() += amount;
}

/// The sum over pools of what `pool list --format json` says they hold.
fn pooled(fund: &Fund, as_of: Option<&str>) -> Totals {
    let mut args = vec!["pool", "list", "--format", "json"];
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    let json: serde_json::Value =
        serde_json::from_str(&fund.ok(&args)).expect("pool list --format json is JSON");
    let mut totals = Totals::new();
    for pool in json.as_array().expect("an array") {
        let held = pool["held"].as_str().expect("held is text");
        for part in held.split(", ").filter(|p| !p.is_empty()) {
            let (amount, commodity) = part.split_once(' ').expect("AMOUNT COMMODITY");
            add(&mut totals, commodity, amount);
        }
    }
    totals.retain(|_, v| !v.is_zero());
    totals
}

/// Net assets (assets and liabilities, signed) per commodity.
fn net_assets(fund: &Fund, as_of: Option<&str>) -> Totals {
    let mut args = vec!["assets", "liabilities"];
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    let mut totals = Totals::new();
    for row in csv_rows(&fund.balance_csv(&args)) {
        add(&mut totals, &row[1], &row[2]);
    }
    totals.retain(|_, v| !v.is_zero());
    totals
}

#[test]
fn pools_reconcile_with_net_assets() {
    let fund = busy();
    let mut expected = Totals::new();
    // bank: 800 in, 120 out, 40 in, 40 back out, 300 loan (owed).
    add(&mut expected, "USD", "680.00");
    add(&mut expected, "KG-RICE", "50.000");
    assert_eq!(net_assets(&fund, None), expected);
    assert_eq!(pooled(&fund, None), expected);
    for day in [
        "2026-01-10",
        "2026-01-31",
        "2026-02-01",
        "2026-02-04",
        "2026-02-05",
    ] {
        assert_eq!(
            pooled(&fund, Some(day)),
            net_assets(&fund, Some(day)),
            "on {day}"
        );
    }
}

// -------------------------------------------------------------- tampering

/// `verify --format csv`, expected to exit 1: its findings as (code,
/// location, message).
fn findings(fund: &Fund) -> Vec<(String, String, String)> {
    let run = fund.run(&["verify", "--format", "csv"]);
    assert_eq!(
        run.code, 1,
        "verify should exit 1:\n{}{}",
        run.stdout, run.stderr
    );
    csv_rows(&run.stdout)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

/// Ana gives 100.00 USD to housing (1), Bea 50.00 USD to legal (2), and
/// 80.00 USD is spent from housing (3).
fn small() -> Fund {
    community_builder()
        .contribution("Ana", "100.00 USD", Some("housing"), "2026-01-10")
        .contribution("Bea", "50.00 USD", Some("legal"), "2026-01-11")
        .post(
            "Rent",
            "2026-01-12",
            &["expenses:grants=80.00", "assets:bank"],
        )
        .with(&["--pool", "housing"])
        .build()
}

const LEGAL: &str = "(SELECT id FROM pools WHERE name = 'legal')";
const HOUSING: &str = "(SELECT id FROM pools WHERE name = 'housing')";

#[test]
fn postings_cannot_be_edited_while_the_triggers_are_there() {
    let fund = small();
    let conn = tamper::open(&fund.db);
    let err = conn
        .execute(
            &format!(
                "UPDATE postings SET pool_id = {LEGAL} WHERE txn_id = 3 AND pool_id IS NOT NULL"
            ),
            [],
        )
        .expect_err("postings are append-only");
    assert!(
        err.to_string().contains("postings are append-only"),
        "{err}"
    );
    drop(conn);
    clean(&fund);
}

#[test]
fn a_pool_first_given_to_after_a_day_has_no_holdings_on_that_day() {
    // What a pool holds on a day is what it holds now less the days after;
    // a pool with nothing before the day has no row then, not a zero.
    let fund = common::FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .pool("aid", "Mutual aid")
        .pool("food", "Groceries")
        .anonymous_contribution("300 USD", Some("aid"), "2026-01-10")
        .with(&["--into", "assets:bank"])
        .anonymous_contribution("100 USD", Some("food"), "2026-02-10")
        .with(&["--into", "assets:bank"])
        .build();
    let show = |day: &str| fund.ok(&["pool", "show", "food", "--as-of", day, "--format", "csv"]);
    assert_eq!(show("2026-02-09"), format!("{HOLDINGS}\n"));
    assert_eq!(
        show("2026-02-10"),
        format!("{HOLDINGS}\nfood,USD,100.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,100.00\n")
    );
    assert_eq!(
        fund.ok(&["pool", "list", "--as-of", "2026-01-31", "--format", "csv"]),
        format!(
            "pool,purpose,guidelines,held
general,{GENERAL_PURPOSE},,
aid,Mutual aid,,300.00 USD
food,Groceries,,
"
        )
    );
    clean(&fund);
}

#[test]
fn moving_a_spending_to_another_pool_is_found() {
    let fund = small();
    tamper::sql(
        &fund.db,
        &format!("UPDATE postings SET pool_id = {LEGAL} WHERE txn_id = 3 AND pool_id = {HOUSING}"),
    );
    let found = findings(&fund);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, l, _)| (c.as_str(), l.as_str()))
        .collect();
    // The pools' cache still holds what fondo wrote: both pools' days
    // disagree with the postings.
    assert_eq!(
        codes,
        [
            ("V103", "txn 3"),
            ("V111", "pool legal"),
            (
                "V108",
                "pool housing account expenses:grants USD on 2026-01-12"
            ),
            (
                "V108",
                "pool legal account expenses:grants USD on 2026-01-12"
            )
        ],
        "{found:?}"
    );
    assert_eq!(
        found[1].2,
        "holds -30.00 USD on 2026-01-12; pools never go below zero"
    );
}

#[test]
fn moving_a_contribution_to_another_pool_is_found() {
    let fund = small();
    // Housing gains 50.00 USD, legal drops to zero: no pool goes negative,
    // but the hash no longer matches, nor does the pools' cache.
    tamper::sql(
        &fund.db,
        &format!("UPDATE postings SET pool_id = {HOUSING} WHERE txn_id = 2 AND pool_id = {LEGAL}"),
    );
    let found = findings(&fund);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, l, _)| (c.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("V103", "txn 2"),
            (
                "V108",
                "pool housing account income:contributions USD on 2026-01-11"
            ),
            (
                "V108",
                "pool legal account income:contributions USD on 2026-01-11"
            )
        ],
        "{found:?}"
    );
}

#[test]
fn a_pool_on_an_assets_posting_is_found() {
    let fund = small();
    tamper::sql(
        &fund.db,
        &format!("UPDATE postings SET pool_id = {LEGAL} WHERE txn_id = 2 AND pool_id IS NULL"),
    );
    let found = findings(&fund);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert!(codes.contains(&"V112"), "{found:?}");
    assert!(codes.contains(&"V103"), "{found:?}");
    let tag = found
        .iter()
        .find(|(c, _, _)| c == "V112")
        .expect("a V112 finding");
    assert!(tag.1.starts_with("txn 2 line "), "{tag:?}");
    assert_eq!(
        tag.2,
        "assets:bank carries a pool, but only income, expense and equity postings may"
    );
    // The pools' cache has no such posting.
    assert!(
        found.iter().any(|(c, l, _)| c == "V108"
            && l == "pool legal account assets:bank USD on 2026-01-11"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(c, _, _)| c == "V112" || c == "V103" || c == "V108"),
        "{found:?}"
    );
}

#[test]
fn a_pool_that_does_not_exist_is_found() {
    let fund = small();
    tamper::sql(
        &fund.db,
        "UPDATE postings SET pool_id = 99 WHERE txn_id = 1 AND pool_id IS NOT NULL",
    );
    let found = findings(&fund);
    assert!(
        found.iter().any(|(c, l, m)| c == "V112"
            && l.starts_with("txn 1 line ")
            && m == "refers to pool #99, which does not exist"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(c, l, _)| c == "V103" && l == "txn 1"),
        "{found:?}"
    );
}

#[test]
fn spending_restricted_money_as_general_is_found() {
    let fund = small();
    // The rent (txn 3) leaves housing and becomes general spending: housing
    // holds 100.00 and legal 50.00 again, but the bank has only 70.00.
    tamper::sql(
        &fund.db,
        &format!("UPDATE postings SET pool_id = NULL WHERE txn_id = 3 AND pool_id = {HOUSING}"),
    );
    let found = findings(&fund);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, l, _)| (c.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("V103", "txn 3"),
            ("V113", "commodity USD"),
            (
                "V108",
                "pool housing account expenses:grants USD on 2026-01-12"
            )
        ],
        "{found:?}"
    );
    assert_eq!(
        found[1].2,
        "on 2026-01-12 the fund had 70.00 USD while its restricted pools held 150.00 USD: \
         money set aside in pools was spent on something else"
    );
}

#[test]
fn community_tables_are_checked_against_their_records() {
    let fund = small();
    // A steward term slipped in, a member's visibility loosened and a
    // contribution re-attributed, all behind fondo's back.
    tamper::sql(
        &fund.db,
        "INSERT INTO role_terms (member_id, role, starts_on, recorded_at)
         VALUES (1, 'steward', '2020-01-01', '');
         UPDATE members SET visibility = 'public' WHERE visibility = 'anonymous';
         UPDATE contributions SET member_id = NULL WHERE txn_id = 1;",
    );
    let found = findings(&fund);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, l, _)| (c.as_str(), l.as_str()))
        .collect();
    assert!(
        found.iter().any(|(c, l, m)| c == "V118"
            && l.starts_with("role term ")
            && m.contains("added outside fondo")),
        "{found:?}"
    );
    assert!(
        codes.contains(&("V118", "contribution of transaction 1")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(c, l, m)| c == "V118"
            && l.starts_with("member ")
            && m.contains("changed outside fondo")),
        "{found:?}"
    );
}
