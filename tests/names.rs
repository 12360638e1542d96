//! Names people cannot confuse (issue 12): names of members, accounts,
//! pools, commodities, categories and purchases are stored in NFC;
//! invisible characters are refused; a name that reads like an existing one
//! (ignoring case, or on the Unicode confusables skeleton) is refused with
//! the existing name quoted; member names may not be the labels outputs use.
//! Each refusal exits 2 and leaves the database unchanged.

mod common;

use common::{Fund, FundBuilder};

/// A fund with a member, an account, a pool, an in-kind commodity and a
/// budget, so that look-alikes have something to look like.
fn fund() -> Fund {
    let fund = FundBuilder::new()
        .currency("USD")
        .members(&["Ana", "Jos\u{e9}"])
        .accounts(&["assets:bank:usd", "expenses:rent"])
        .commodity("HOURS", 1)
        .pool("rapid", "rapid response")
        .build();
    fund.ok(&[
        "budget",
        "set",
        "general",
        "rent",
        "100.00",
        "USD",
        "--period",
        "2026-Q1",
        "--at",
        "2026-01-02T10:00",
    ]);
    fund
}

#[test]
fn invisible_characters_are_refused_naming_the_field() {
    let fund = fund();
    for (args, needles) in [
        (
            &["member", "add", "Ana\u{200B}"][..],
            &["member name", "U+200B", "formatting character"][..],
        ),
        (
            &["member", "add", "Bea\u{2067}x\u{2069}"],
            &["member name", "U+2067"],
        ),
        (
            &["account", "add", "assets:bank:usd\u{200B}"],
            &["account", "U+200B"],
        ),
        (
            &["pool", "add", "housing\u{FEFF}", "--purpose", "homes"],
            &["pool name", "U+FEFF"],
        ),
        (
            &["member", "add", "Private\u{E000}use"],
            &["member name", "U+E000", "private-use"],
        ),
        (
            &["member", "add", "Unassigned\u{0378}"],
            &["member name", "U+0378", "not an assigned"],
        ),
        (
            &[
                "budget",
                "set",
                "general",
                "food\u{200D}",
                "5.00",
                "USD",
                "--period",
                "2026-Q1",
            ],
            &["budget category", "U+200D"],
        ),
    ] {
        fund.fails_unchanged(args, needles);
    }
}

#[test]
fn look_alike_names_are_refused_quoting_the_existing_one() {
    let fund = fund();
    for (args, needles) in [
        // Cyrillic ѕ (U+0455) in place of s.
        (
            &["account", "add", "assets:bank:u\u{455}d"][..],
            &["\"assets:bank:usd\"", "reads like"][..],
        ),
        // The same name, in NFD: stored in NFC it is the existing member.
        (&["member", "add", "Jose\u{301}"], &["\"Jos\u{e9}\""]),
        (&["member", "add", "ANA"], &["\"Ana\""]),
        // Cyrillic а (U+0430).
        (&["member", "add", "\u{430}na"], &["\"Ana\"", "reads like"]),
        (
            &["pool", "add", "r\u{430}pid", "--purpose", "x"],
            &["pool name", "\"rapid\"", "reads like"],
        ),
        (
            &["commodity", "add", "H0URS", "--decimals", "1"],
            &["commodity", "\"HOURS\"", "reads like"],
        ),
        (
            &["member", "edit", "Ana", "--rename", "J\u{43e}s\u{e9}"],
            &["\"Jos\u{e9}\""],
        ),
        // Posting to a look-alike of an account suggests the real one.
        (
            &[
                "post",
                "rent",
                "--date",
                "2026-03-01",
                "-p",
                "expenses:r\u{435}nt=5.00 USD",
                "-p",
                "assets:bank:usd",
            ],
            &["unknown account", "did you mean \"expenses:rent\"?"],
        ),
    ] {
        fund.fails_unchanged(args, needles);
    }
}

#[test]
fn labels_outputs_use_are_reserved_member_names() {
    let fund = fund();
    for name in [
        "anonymous",
        "Anonymous",
        "member-1a2b3c4d",
        "MEMBER-00ff00ff",
    ] {
        fund.fails_unchanged(
            &["member", "add", name],
            &["member name", "how outputs show"],
        );
    }
    fund.fails_unchanged(
        &["member", "edit", "Ana", "--rename", "anonymous"],
        &["member name", "how outputs show"],
    );
    // Names that merely contain the words are fine.
    fund.ok(&["member", "add", "Anonymous Collective"]);
}

#[test]
fn names_are_stored_in_nfc_and_found_in_any_form() {
    let fund = fund();
    fund.ok(&["member", "add", "Rene\u{301}e"]);
    fund.ok(&["account", "add", "expenses:cafe\u{301}"]);
    let members = fund.ok(&["member", "list", "--format", "json"]);
    assert!(members.contains("Ren\u{e9}e"), "{members}");
    assert!(!members.contains("Rene\u{301}e"), "{members}");
    let accounts = fund.ok(&["account", "list", "--format", "json"]);
    assert!(accounts.contains("expenses:caf\u{e9}"), "{accounts}");
    // Either form finds the stored name.
    fund.ok(&[
        "post",
        "coffee",
        "--date",
        "2026-03-01",
        "-p",
        "expenses:cafe\u{301}=2.00 USD",
        "-p",
        "assets:bank:usd",
    ]);
    fund.ok(&["member", "edit", "Ren\u{e9}e", "--note", "found"]);
}

#[test]
fn imported_look_alikes_are_refused_with_file_line_and_field() {
    let fund = fund();
    for (file, account, needle) in [
        (
            "lookalike.csv",
            "assets:bank:u\u{455}d",
            "reads like the existing \"assets:bank:usd\"",
        ),
        ("zero-width.csv", "assets:bank:x\u{200B}", "U+200B"),
    ] {
        let text = format!(
            "{}\n1,2026-03-01,T,{account},1.00,USD\n1,2026-03-01,T,assets:bank:usd,-1.00,USD\n",
            common::HEADER
        );
        let path = fund.write(file, &text);
        let before = fund.snapshot();
        let stderr = fund.fail(
            &["journal", "import", path.to_str().unwrap()],
            &[file, "line 2, column account", needle],
        );
        assert_eq!(fund.snapshot(), before, "{stderr}");
    }
}
