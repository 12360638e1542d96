//! End-to-end tests of corrections kept as history: `member edit` (and
//! `member show --history`), `pool edit`, `account note`, `pledge end` and
//! `pledge change`, and a vote withdrawn with `grant vote … withdraw`.
//!
//! Every correction is a new governance record: the books verify cleanly
//! after each, the earlier versions stay, and a refusal (exit 2) leaves
//! every table exactly as it was.

mod common;

use common::{Fund, FundBuilder, clean, csv_rows, refused, tamper};

/// A fund with USD, a bank account for contributions, a housing pool and
/// three members, one of each visibility.
fn fund() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .pool("housing", "Rent relief")
        .member("Ana")
        .command(&["member", "add", "Bruno", "--contact", "bruno@example.org"])
        .command(&["member", "add", "Cleo", "--visibility", "pseudonymous"])
        .build()
}

#[test]
fn a_member_edit_is_a_new_version_and_history_keeps_every_one() {
    let fund = fund();
    fund.ok(&[
        "member",
        "edit",
        "bruno",
        "--contact",
        "bruno@riseup.net",
        "--note",
        "prefers Signal",
        "--at",
        "2026-02-01T10:00",
    ]);
    clean(&fund);
    fund.ok(&[
        "member",
        "edit",
        "Bruno",
        "--rename",
        "Bruna",
        "--contact",
        "",
        "--at",
        "2026-03-01T10:00",
    ]);
    clean(&fund);
    let history = fund.ok(&["member", "show", "Bruna", "--history", "--format", "csv"]);
    assert!(history.starts_with("version,at,member,visibility,contact,note\n"));
    let rows = csv_rows(&history);
    let versions: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            [0, 2, 3, 4, 5]
                .iter()
                .map(|i| r[*i].as_str())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        versions,
        [
            vec!["1", "Bruno", "public", "bruno@example.org", ""],
            vec!["2", "Bruno", "public", "bruno@riseup.net", "prefers Signal"],
            vec!["3", "Bruna", "public", "", "prefers Signal"],
        ]
    );
    assert_eq!(rows[1][1], "2026-02-01T10:00:00");
    // The current state is the latest version, everywhere.
    let list = fund.ok(&["member", "list", "--format", "csv", "--on", "2026-03-02"]);
    assert!(
        list.contains("Bruna,public,active,,,prefers Signal"),
        "{list}"
    );
    assert!(!list.contains("Bruno"), "{list}");
    let json = fund.ok(&["member", "show", "Bruna", "--history", "--format", "json"]);
    assert!(
        json.contains("\"version\": 3") || json.contains("\"version\":3"),
        "{json}"
    );
    // The old name belongs to Bruna's history: nobody else takes it, and it
    // no longer finds her.
    refused(
        &fund,
        &["member", "add", "bruno"],
        &["\"bruno\" is, or was, the name of another member"],
    );
    refused(&fund, &["member", "show", "Bruno"], &["Bruno"]);
    // She may take it back.
    fund.ok(&["member", "edit", "Bruna", "--rename", "Bruno"]);
    clean(&fund);
}

#[test]
fn a_new_visibility_applies_to_outputs_written_afterwards() {
    let fund = fund();
    let before = fund.ok(&["member", "list", "--audience", "public", "--format", "csv"]);
    assert!(before.contains("Ana,"), "{before}");
    fund.ok(&[
        "member",
        "edit",
        "Ana",
        "--visibility",
        "anonymous",
        "--at",
        "2026-04-02T09:00",
    ]);
    let after = fund.ok(&["member", "list", "--audience", "public", "--format", "csv"]);
    assert!(!after.contains("Ana"), "{after}");
    // History does not give the old name away to the public either.
    let history = fund.ok(&[
        "member",
        "show",
        "Ana",
        "--history",
        "--audience",
        "public",
        "--format",
        "csv",
    ]);
    assert!(!history.contains("Ana"), "{history}");
    assert!(history.contains(",public,") && history.contains(",anonymous,"));
    clean(&fund);
    // The next bundle's README says so, without naming her.
    let dir = fund.path("bundle");
    let args = [
        "export",
        "audit",
        "--period",
        "2026",
        "--audience",
        "public",
        "--out",
    ];
    let mut args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    args.push(dir.as_os_str());
    fund.ok(&args);
    let readme = std::fs::read_to_string(dir.join("README.txt")).unwrap();
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Members changed how they are named (one change: on 2 April 2026 from public to anonymous). A change applies to every output written after it, this bundle included"),
        "{readme}"
    );
    assert!(!readme.contains("Ana"));
}

#[test]
fn bad_member_edits_are_refused_and_change_nothing() {
    let fund = fund();
    refused(
        &fund,
        &["member", "edit", "Dario", "--note", "x"],
        &["Dario"],
    );
    refused(&fund, &["member", "edit", "Ana"], &["nothing to change"]);
    refused(
        &fund,
        &["member", "edit", "Ana", "--rename", "cleo"],
        &["Cleo"],
    );
    refused(
        &fund,
        &["member", "edit", "Ana", "--at", "yesterday", "--note", "x"],
        &["yesterday"],
    );
}

#[test]
fn pool_edits_and_account_notes_are_recorded_versions() {
    let fund = fund();
    fund.ok(&[
        "pool",
        "edit",
        "housing",
        "--guidelines",
        "Up to 2 months' rent",
    ]);
    fund.ok(&[
        "pool",
        "edit",
        "housing",
        "--purpose",
        "Rent relief and deposits",
    ]);
    let pools = fund.ok(&["pool", "list", "--format", "csv"]);
    assert!(
        pools.contains("housing,Rent relief and deposits,Up to 2 months' rent,"),
        "{pools}"
    );
    refused(
        &fund,
        &["pool", "edit", "food", "--purpose", "x"],
        &["food"],
    );
    refused(
        &fund,
        &["pool", "edit", "general", "--purpose", "x"],
        &["general pool"],
    );
    refused(
        &fund,
        &["pool", "edit", "housing", "--purpose", " "],
        &["purpose"],
    );
    fund.ok(&[
        "account",
        "note",
        "assets:bank",
        "Cooperative bank, account 0042",
    ]);
    let accounts = fund.ok(&["account", "list", "--format", "csv"]);
    assert!(
        accounts.contains("Cooperative bank, account 0042"),
        "{accounts}"
    );
    refused(
        &fund,
        &[
            "account",
            "note",
            "assets:bank",
            "Cooperative bank, account 0042",
        ],
        &["nothing to change"],
    );
    refused(
        &fund,
        &["account", "note", "assets:nowhere", "x"],
        &["assets:nowhere"],
    );
    clean(&fund);
}

/// `pledge status --as-of DAY --format csv` as (pledge, period, pledged,
/// received) rows.
fn status(fund: &Fund, as_of: &str) -> Vec<[String; 4]> {
    let out = fund.ok(&["pledge", "status", "--as-of", as_of, "--format", "csv"]);
    csv_rows(&out)
        .iter()
        .map(|r| [r[0].clone(), r[3].clone(), r[5].clone(), r[6].clone()])
        .collect()
}

#[test]
fn a_pledge_ends_and_changes_and_nothing_is_expected_after_its_end() {
    let fund = fund();
    fund.ok(&[
        "pledge",
        "add",
        "Ana",
        "50.00",
        "USD",
        "--every",
        "month",
        "--from",
        "2026-01-01",
    ]);
    fund.ok(&[
        "contribute",
        "50.00",
        "USD",
        "--from",
        "Ana",
        "--date",
        "2026-01-10",
    ]);
    // Doctor lists every missed month, not only the last three.
    let doctor = fund.run(&["doctor", "--on", "2026-07-15"]);
    assert!(
        doctor
            .stdout
            .contains("pledge 1 of Ana: 250.00 USD short over 5 periods (2026-02, 2026-03, 2026-04, 2026-05, 2026-06)"),
        "{}",
        doctor.stdout
    );
    let changed = fund.ok(&[
        "pledge",
        "change",
        "Ana",
        "--amount",
        "30.00",
        "--from",
        "2026-03-01",
    ]);
    assert_eq!(
        changed,
        "pledge 2 of Ana runs from 2026-03-01 on the new terms\n"
    );
    clean(&fund);
    let ended = fund.ok(&[
        "pledge",
        "end",
        "Ana",
        "--on",
        "2026-04-30",
        "--reason",
        "moved away",
    ]);
    assert_eq!(ended, "pledge 2 of Ana ends on 2026-04-30\n");
    clean(&fund);
    let rows = status(&fund, "2026-07-15");
    let expect = |p: &str, period: &str, pledged: &str, received: &str| {
        [p, period, pledged, received].map(str::to_owned)
    };
    assert_eq!(
        rows,
        [
            expect("1", "2026-01", "50.00", "50.00"),
            expect("1", "2026-02", "50.00", "0.00"),
            expect("2", "2026-03", "30.00", "0.00"),
            expect("2", "2026-04", "30.00", "0.00"),
        ]
    );
    let doctor = fund.run(&["doctor", "--on", "2026-07-15"]);
    assert!(
        doctor
            .stdout
            .contains("pledge 1 of Ana: 50.00 USD short over 1 period (2026-02)")
    );
    assert!(
        doctor
            .stdout
            .contains("pledge 2 of Ana: 60.00 USD short over 2 periods (2026-03, 2026-04)"),
        "{}",
        doctor.stdout
    );
}

#[test]
fn bad_pledge_ends_are_refused_and_change_nothing() {
    let fund = fund();
    refused(
        &fund,
        &["pledge", "end", "Ana", "--on", "2026-04-30"],
        &["Ana has no pledge running on 2026-04-30"],
    );
    fund.ok(&[
        "pledge",
        "add",
        "Ana",
        "50.00",
        "USD",
        "--every",
        "month",
        "--from",
        "2026-03-01",
        "--pool",
        "housing",
    ]);
    refused(
        &fund,
        &["pledge", "end", "Ana", "--on", "2026-02-28"],
        &["starts on 2026-03-01; it cannot end before that (2026-02-28)"],
    );
    refused(
        &fund,
        &[
            "pledge",
            "end",
            "Ana",
            "--pool",
            "general",
            "--on",
            "2026-04-30",
        ],
        &["no pledge to pool general"],
    );
    refused(
        &fund,
        &["pledge", "end", "Dario", "--on", "2026-04-30"],
        &["Dario"],
    );
    refused(
        &fund,
        &["pledge", "change", "Ana", "--from", "2026-04-01"],
        &["nothing to change"],
    );
    refused(
        &fund,
        &[
            "pledge",
            "change",
            "Ana",
            "--amount",
            "20.00",
            "--from",
            "2026-03-01",
        ],
        &["a change takes effect after that"],
    );
    fund.ok(&["pledge", "end", "Ana", "--on", "2026-04-30"]);
    refused(
        &fund,
        &["pledge", "end", "Ana", "--on", "2026-05-31"],
        &["no pledge running on 2026-05-31"],
    );
    clean(&fund);
}

/// A fund with two stewards and an application for 40 USD from housing
/// (consent, two consents needed, a 48-hour window).
fn voting() -> Fund {
    FundBuilder::new()
        .currency("USD")
        .account("assets:bank")
        .setting("contribution-account", "assets:bank")
        .members(&["Ana", "Bruno", "Carmen"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .pool("housing", "Rent relief")
        .policy(
            "housing",
            "consent --min-consents 2 --window 48h",
            "2026-01-15",
        )
        .contribution("Carmen", "100.00 USD", Some("housing"), "2026-01-10")
        .application("Carmen", "housing", "40.00 USD", "Rent", "2026-02-01T10:00")
        .vote("G-0001", "consent", "Ana", "2026-02-01T11:00")
        .vote("G-0001", "object", "Bruno", "2026-02-01T12:00")
        .with(&["--reason", "the landlord's letter is missing"])
        .build()
}

#[test]
fn a_withdrawn_vote_counts_as_not_having_voted() {
    let fund = voting();
    let vote = |args: &[&str]| {
        let mut all = vec!["grant", "vote", "G-0001"];
        all.extend_from_slice(args);
        fund.ok(&all)
    };
    let out = vote(&["withdraw", "--as", "Bruno", "--at", "2026-02-01T13:00"]);
    assert_eq!(
        out,
        "Bruno withdrew their vote on G-0001; it counts as not voted\n"
    );
    clean(&fund);
    let show = fund.ok(&["grant", "show", "G-0001", "--format", "csv"]);
    assert!(show.contains("object at 2026-02-01"), "{show}");
    assert!(
        show.contains("withdrew the vote at 2026-02-01 13:00"),
        "{show}"
    );
    assert!(
        show.contains("1 consent, 0 object, 0 abstain of 2 eligible"),
        "{show}"
    );
    vote(&["consent", "--as", "Bruno", "--at", "2026-02-01T15:00"]);
    fund.ok(&["grant", "decide", "G-0001", "--at", "2026-02-01T16:00"]);
    clean(&fund);
    // The bundle carries the withdrawal and its checker recounts it.
    let dir = fund.path("bundle");
    fund.ok(&[
        "export".as_ref(),
        "audit".as_ref(),
        "--period".as_ref(),
        "2026-02".as_ref(),
        "--audience".as_ref(),
        "auditor".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    let votes = std::fs::read_to_string(dir.join("votes.csv")).unwrap();
    assert!(votes.contains(",withdrawn,"), "{votes}");
    let checked = common::run_command(common::command().args(["verify", "--bundle"]).arg(&dir));
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
}

#[test]
fn bad_vote_withdrawals_are_refused_and_change_nothing() {
    let fund = voting();
    refused(
        &fund,
        &[
            "grant",
            "vote",
            "G-0001",
            "withdraw",
            "--as",
            "Carmen",
            "--at",
            "2026-02-01T13:00",
        ],
        &["Carmen has no vote standing on G-0001"],
    );
    fund.ok(&[
        "grant",
        "vote",
        "G-0001",
        "withdraw",
        "--as",
        "Bruno",
        "--at",
        "2026-02-01T13:00",
    ]);
    refused(
        &fund,
        &[
            "grant",
            "vote",
            "G-0001",
            "withdraw",
            "--as",
            "Bruno",
            "--at",
            "2026-02-01T13:30",
        ],
        &["Bruno has no vote standing"],
    );
    fund.ok(&[
        "grant",
        "vote",
        "G-0001",
        "consent",
        "--as",
        "Bruno",
        "--at",
        "2026-02-01T14:00",
    ]);
    fund.ok(&["grant", "decide", "G-0001", "--at", "2026-02-01T16:00"]);
    refused(
        &fund,
        &[
            "grant",
            "vote",
            "G-0001",
            "withdraw",
            "--as",
            "Ana",
            "--at",
            "2026-02-01T17:00",
        ],
        &["only before the decision"],
    );
}

#[test]
fn verify_reports_a_correction_that_does_not_fit() {
    let fund = fund();
    fund.ok(&["member", "edit", "Ana", "--note", "x"]);
    clean(&fund);
    tamper::sql(
        &fund.db,
        "UPDATE records SET payload = replace(payload, '\"id\":1,', '\"id\":99,') WHERE kind = 'member-edit'",
    );
    let out = fund.run(&["verify"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("V123"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("corrects member #99, who does not exist"),
        "{}",
        out.stdout
    );
}
