//! Audit bundles (issue 5) end to end: `fondo export audit` on a realistic
//! small fund (members of every visibility, two pools, contributions of
//! money, services and goods, one anonymous, two currencies and an exchange,
//! a pool move, a grant round with a recusal, an objection answered and one
//! that stands, tranches, a return, voids, and a late entry dated back into
//! the first quarter), for every audience and for the whole history, a
//! quarter with and without a late entry, and an empty month; then
//! `fondo verify --bundle` on each, offline. Tampering with any file is
//! found and named; the bundle is deterministic, hides what its audience may
//! not see, and its totals are the same in every audience and agree with
//! `fondo balance`. When python3 is installed, `scripts/verify_bundle.py`
//! checks the same bundles independently.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fund, FundBuilder, GENESIS, csv_rows, run_command};
use sha2::{Digest, Sha256};

/// The example fund, with the ids the tests refer to.
struct Barrio {
    fund: Fund,
    /// The in-kind contribution of hours (voided in the second quarter).
    hours: String,
    /// Its void.
    hours_void: String,
    /// The late entry: recorded last, dated in March.
    late: String,
}

/// The example fund, built through the binary (every id it prints is
/// checked on the way).
fn barrio() -> Barrio {
    const BANK: &str = "assets:bank:usd";
    let fund = FundBuilder::new()
        .name("Barrio fund")
        .currency("USD")
        .account(BANK)
        .with(&["--note", "Cooperative bank, account 0042"])
        .accounts(&[
            "assets:bank:eur",
            "income:contributions",
            "expenses:operations",
        ])
        .commodity("HOURS", 0)
        .commodity("KG-RICE", 1)
        .setting("contribution-account", BANK)
        .member("Ana")
        .with(&["--contact", "ana@example.org"])
        .members(&["Bruno", "Carmen", "Dario", "Elena"])
        .member("Familia Ortega")
        .with(&[
            "--visibility",
            "pseudonymous",
            "--contact",
            "ortega@example.org",
            "--note",
            "two children, rent arrears",
        ])
        .member("Cocina Común")
        .with(&["--visibility", "pseudonymous"])
        .member("Luis")
        .with(&[
            "--visibility",
            "anonymous",
            "--contact",
            "+52 555 0101",
            "--note",
            "prefers cash",
        ])
        .role("Ana", "steward", "2025-01-01", Some("2025-03-31"))
        .stewards(&["Bruno", "Carmen", "Dario", "Elena"], "2025-01-01")
        .role("Ana", "treasurer", "2025-01-01", None)
        .pool("housing", "Rent relief")
        .with(&["--guidelines", "Up to 2 months' rent per family"])
        .pool("food", "Groceries, and the kitchen of Cocina Común")
        .contribution("Luis", "1000.00 USD", Some("housing"), "2025-03-01")
        .anonymous_contribution("200.00 USD", None, "2025-03-01")
        .contribution("Ana", "150.00 USD", Some("food"), "2025-03-01")
        .contribution("Elena", "12 HOURS", None, "2025-03-02")
        .with(&["--kind", "legal-assistance"])
        .prints("4\n")
        .contribution("Cocina Común", "50 KG-RICE", Some("food"), "2025-03-02")
        .contribution("Bruno", "100.00 EUR", None, "2025-03-02")
        .with(&["--into", "assets:bank:eur"])
        .command(&[
            "give",
            "10",
            "KG-RICE",
            "--pool",
            "food",
            "--date",
            "2025-03-05",
            "--memo",
            "weekly baskets",
        ])
        .command(&[
            "exchange",
            "50.00",
            "EUR",
            "--to-amount",
            "54.00",
            "USD",
            "--from-account",
            "assets:bank:eur",
            "--to-account",
            BANK,
            "--date",
            "2025-03-08",
        ])
        .move_money(
            "50.00 USD",
            "food",
            "housing",
            "assembly of 2025-03-01",
            "2025-03-08",
        )
        .policy(
            "housing",
            "lazy --window 24h --max-amount 200 USD",
            "2025-03-01T19:00",
        )
        .with(&["--reason", "assembly of 2025-03-01"])
        .policy(
            "housing",
            "consent --min-consents 3 --window 72h",
            "2025-03-01T19:05",
        )
        .with(&["--reason", "assembly of 2025-03-01"])
        .relation("Carmen", "Dario", "siblings", "2025-03-01T19:10")
        // G-0001: lazy consensus, paid at once.
        .application(
            "Familia Ortega",
            "housing",
            "180 USD",
            "Electricity bill of Familia Ortega",
            "2025-03-02T09:00",
        )
        .with(&["--category", "utilities"])
        .decision("G-0001", "2025-03-03T09:00")
        .payment("G-0001", "180 USD", BANK, "2025-03-03T10:00")
        // G-0002: a steward's own request: she and her brother recuse; an
        // objection is answered.
        .application(
            "Carmen",
            "housing",
            "600 USD",
            "Two months' rent",
            "2025-03-04T10:00",
        )
        .with(&["--category", "rent"])
        .vote("G-0002", "consent", "Ana", "2025-03-04T12:00")
        .vote("G-0002", "object", "Bruno", "2025-03-05T10:00")
        .with(&["--reason", "the landlord's letter is missing"])
        .vote("G-0002", "consent", "Bruno", "2025-03-06T19:00")
        .with(&["--reason", "letter seen"])
        .vote("G-0002", "consent", "Elena", "2025-03-06T19:10")
        .decision("G-0002", "2025-03-06T19:15")
        .payment("G-0002", "300 USD", BANK, "2025-03-06T19:30")
        // G-0003: an objection that stands.
        .application("Luis", "housing", "300 USD", "Deposit", "2025-03-09T18:00")
        .with(&["--category", "deposit"])
        .vote("G-0003", "consent", "Ana", "2025-03-10T09:00")
        .vote("G-0003", "object", "Bruno", "2025-03-10T09:30")
        .with(&["--reason", "we need a second quote"])
        .decision("G-0003", "2025-03-12T18:00")
        .post(
            "Printing",
            "2025-03-10",
            &["expenses:operations=20.00 USD", BANK],
        )
        .prints("12\n")
        .void("12", "entered twice", "2025-03-11")
        // The second quarter.
        .payment("G-0002", "300 USD", BANK, "2025-04-02T10:00")
        .command(&[
            "grant",
            "spend",
            "G-0002",
            "275",
            "USD",
            "--category",
            "rent",
            "--receipt",
            "landlord receipt 04/2025",
            "--at",
            "2025-04-02T12:00",
        ])
        .command(&[
            "grant",
            "close",
            "G-0002",
            "--return",
            "50",
            "USD",
            "--to-account",
            BANK,
            "--reason",
            "rent was lower",
            "--at",
            "2025-04-03T10:00",
        ])
        .post(
            "Printing again",
            "2025-04-05",
            &["expenses:operations=15.00 USD", BANK],
        )
        .void("4", "the hours were not given", "2025-04-06")
        .prints("17\n")
        // Entered last, dated back into March.
        .post(
            "Late receipt: market stall",
            "2025-03-28",
            &["expenses:operations=5.00 USD", BANK],
        )
        .prints("18\n")
        .build();
    Barrio {
        fund,
        hours: "4".to_owned(),
        hours_void: "17".to_owned(),
        late: "18".to_owned(),
    }
}

/// Exports a bundle into `name` inside the fund's directory; returns its
/// path and the command's standard output.
fn export(fund: &Fund, name: &str, audience: &str, period: &[&str]) -> (PathBuf, String) {
    let dir = fund.path(name);
    let mut args = vec![
        "export".to_owned(),
        "audit".to_owned(),
        "--out".to_owned(),
        dir.display().to_string(),
        "--audience".to_owned(),
        audience.to_owned(),
    ];
    args.extend(period.iter().map(|s| (*s).to_owned()));
    let out = fund.ok(&args);
    (dir, out)
}

/// Runs `fondo verify --bundle` (no database anywhere near).
fn verify(dir: &Path, format: &str) -> common::Run {
    let mut cmd = common::command();
    cmd.args(["verify", "--bundle"])
        .arg(dir)
        .args(["--format", format]);
    run_command(&mut cmd)
}

/// Asserts a bundle verifies with no findings; returns the table output.
fn assert_verifies(dir: &Path) -> String {
    let run = verify(dir, "table");
    assert_eq!(
        run.code,
        0,
        "the bundle {} should verify:\n{}{}",
        dir.display(),
        run.stdout,
        run.stderr
    );
    assert!(run.stdout.contains(": no findings\n"), "{}", run.stdout);
    run.stdout
}

/// The findings of `verify --bundle --format csv` as (code, file, line,
/// message); asserts exit 1 (there must be some) and the CSV header.
fn findings(dir: &Path) -> Vec<(String, String, String, String)> {
    let run = verify(dir, "csv");
    assert_eq!(
        run.code, 1,
        "expected findings (exit 1):\n{}{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.starts_with("code,file,line,message\n"));
    let rows: Vec<_> = csv_rows(&run.stdout)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
        .collect();
    assert!(!rows.is_empty());
    rows
}

/// Asserts that some finding has this code and file (and a message with
/// `needle`).
fn assert_finding(
    found: &[(String, String, String, String)],
    code: &str,
    file: &str,
    needle: &str,
) {
    assert!(
        found
            .iter()
            .any(|f| f.0 == code && f.1 == file && f.3.contains(needle)),
        "expected a finding {code} in {file} mentioning {needle:?}, got:\n{found:#?}"
    );
}

/// Every file of a bundle, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn text(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A copy of a bundle to tamper with.
fn copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.with_file_name(name);
    std::fs::create_dir(&to).unwrap();
    for (file, bytes) in files(dir) {
        std::fs::write(to.join(file), bytes).unwrap();
    }
    to
}

/// Rewrites MANIFEST.csv to match the files, as someone covering their
/// tracks would.
fn reseal(dir: &Path) {
    let mut manifest = String::from("file,rows,sha256\n");
    for (file, bytes) in files(dir) {
        if file == "MANIFEST.csv" {
            continue;
        }
        let rows = if file.ends_with(".csv") {
            csv_rows(std::str::from_utf8(&bytes).unwrap()).len()
        } else {
            std::str::from_utf8(&bytes).unwrap().lines().count()
        };
        manifest.push_str(&format!("{file},{rows},{}\n", sha256(&bytes)));
    }
    std::fs::write(dir.join("MANIFEST.csv"), manifest).unwrap();
}

/// BUNDLE.csv as a map.
fn facts(dir: &Path) -> BTreeMap<String, String> {
    csv_rows(&text(dir, "BUNDLE.csv"))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// The value of `key: value` in a command's output.
fn line_value(out: &str, key: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no {key}: line in:\n{out}"))
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

const AUDIENCES: [&str; 3] = ["public", "members", "auditor"];

#[test]
fn every_audience_and_period_exports_a_bundle_that_verifies() {
    let b = barrio();
    let fingerprint = b.fund.fingerprint();
    for audience in AUDIENCES {
        for (label, period) in [
            ("all", &[][..]),
            ("q1", &["--period", "2025-Q1"][..]),
            ("q2", &["--period", "2025-Q2"][..]),
            ("july", &["--period", "2025-07"][..]),
            ("days", &["--from", "2025-03-05", "--to", "2025-04-02"][..]),
        ] {
            let (dir, out) = export(&b.fund, &format!("{audience}-{label}"), audience, period);
            assert_eq!(line_value(&out, "fingerprint"), fingerprint, "{out}");
            let manifest = sha256(&std::fs::read(dir.join("MANIFEST.csv")).unwrap());
            assert_eq!(line_value(&out, "manifest"), manifest, "{out}");
            let verified = assert_verifies(&dir);
            assert_eq!(line_value(&verified, "manifest"), manifest);
            assert!(
                verified.contains(&format!("audience: {audience}; ")),
                "{verified}"
            );
            let facts = facts(&dir);
            assert_eq!(facts["format"], "fondo-audit-v3");
            assert_eq!(facts["audience"], audience);
            assert_eq!(facts["fingerprint"], fingerprint);
            let mut names: Vec<String> = files(&dir).into_keys().collect();
            names.sort();
            assert_eq!(
                names,
                [
                    "BUNDLE.csv",
                    "MANIFEST.csv",
                    "README.txt",
                    "accounts.csv",
                    "balances.csv",
                    "commodities.csv",
                    "contributors.csv",
                    "grants.csv",
                    "journal.csv",
                    "policies.csv",
                    "pools.csv",
                    "purchase_items.csv",
                    "purchases.csv",
                    "records.csv",
                    "reversed.csv",
                    "roles.csv",
                    "transfers.csv",
                    "votes.csv"
                ]
            );
        }
    }
    // The whole history reaches the head: the fingerprint is recomputed.
    let dir = b.fund.path("public-all");
    let all = facts(&dir);
    assert_eq!(all["journal_prev_hash"], GENESIS);
    assert_eq!(all["journal_last_hash"], fingerprint);
    assert_eq!(text(&dir, "journal.csv"), b.fund.export());
    let run = verify(&dir, "json");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["fingerprint"], fingerprint.as_str());
    assert_eq!(json["journal_last_hash"], fingerprint.as_str());
    assert_eq!(json["transactions"], 18);
    assert_eq!(json["grants"], 3);
    assert_eq!(json["audience"], "public");
    // An empty month: no transaction, the stretch is empty and stated so.
    let july = facts(&b.fund.path("public-july"));
    assert_eq!(july["journal_prev_hash"], fingerprint);
    assert_eq!(july["journal_last_hash"], fingerprint);
    assert_eq!(
        text(&b.fund.path("public-july"), "journal.csv"),
        common::EXPORT_HEADER.to_owned() + "\n"
    );
}

#[test]
fn the_same_books_give_byte_identical_bundles() {
    let b = barrio();
    for audience in AUDIENCES {
        let (one, _) = export(
            &b.fund,
            &format!("{audience}-1"),
            audience,
            &["--period", "2025-Q1"],
        );
        let (two, _) = export(
            &b.fund,
            &format!("{audience}-2"),
            audience,
            &["--period", "2025-Q1"],
        );
        assert_eq!(files(&one), files(&two), "{audience}");
        let (all1, _) = export(&b.fund, &format!("{audience}-all1"), audience, &[]);
        let (all2, _) = export(&b.fund, &format!("{audience}-all2"), audience, &[]);
        assert_eq!(files(&all1), files(&all2), "{audience}");
    }
}

#[test]
fn each_audience_sees_only_what_it_may() {
    let b = barrio();
    let (public, _) = export(&b.fund, "public", "public", &[]);
    let (members, _) = export(&b.fund, "members", "members", &[]);
    let (auditor, _) = export(&b.fund, "auditor", "auditor", &[]);
    let everything = |dir: &Path| -> String {
        files(dir)
            .into_values()
            .map(|bytes| String::from_utf8(bytes).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let private = [
        "ana@example.org",
        "ortega@example.org",
        "+52 555 0101",
        "two children",
        "prefers cash",
    ];
    let (p, m, a) = (
        everything(&public),
        everything(&members),
        everything(&auditor),
    );
    // Hashes (the records chain carries wall-clock times) may hold any
    // digits, so the account note is looked for as text, not as "0042".
    for hidden in ["Ortega", "Luis", "Cocina", "Común", "account 0042"] {
        assert!(!p.contains(hidden), "the public bundle shows {hidden:?}");
    }
    for secret in private {
        for (name, all) in [("public", &p), ("members", &m), ("auditor", &a)] {
            assert!(!all.contains(secret), "the {name} bundle shows {secret:?}");
        }
    }
    assert!(m.contains("Familia Ortega") && m.contains("Cocina Común"));
    assert!(!m.contains("Luis") && !m.contains("account 0042"));
    for name in [
        "Familia Ortega",
        "Cocina Común",
        "Luis",
        "Cooperative bank, account 0042",
    ] {
        assert!(a.contains(name), "the auditor bundle lacks {name:?}");
    }
    // Pseudonyms are stable: the same in every file and in `member list`.
    let listed = b
        .fund
        .ok(&["member", "list", "--audience", "public", "--format", "csv"]);
    let pseudonyms: Vec<String> = csv_rows(&listed)
        .into_iter()
        .map(|r| r[0].clone())
        .filter(|n| n.starts_with("member-"))
        .collect();
    assert_eq!(pseudonyms.len(), 3, "{listed}");
    for pseudonym in &pseudonyms {
        assert!(
            p.contains(pseudonym.as_str()),
            "{pseudonym} is not in the public bundle"
        );
    }
    // Free text is redacted too.
    let grants = csv_rows(&text(&public, "grants.csv"));
    let ortega = &grants[0];
    assert!(ortega[1].starts_with("member-"), "{ortega:?}");
    assert_eq!(ortega[5], format!("Electricity bill of {}", ortega[1]));
    // Anonymous stays anonymous everywhere; the anonymous member's own
    // contribution is under a pseudonym for members, by name for auditors.
    for (dir, luis) in [(&public, None), (&members, None), (&auditor, Some("Luis"))] {
        let rows = csv_rows(&text(dir, "contributors.csv"));
        assert_eq!(rows[1][2], "anonymous");
        match luis {
            Some(name) => assert_eq!(rows[0][2], name),
            None => assert!(rows[0][2].starts_with("member-"), "{:?}", rows[0]),
        }
    }
    // Account notes reach auditors only.
    let note = |dir: &Path| {
        csv_rows(&text(dir, "accounts.csv"))
            .into_iter()
            .find(|r| r[0] == "assets:bank:usd")
            .unwrap()[4]
            .clone()
    };
    assert_eq!(note(&auditor), "Cooperative bank, account 0042");
    assert_eq!(note(&public), "");
    assert_eq!(note(&members), "");
    for dir in [&public, &members, &auditor] {
        assert_verifies(dir);
    }
}

#[test]
fn totals_are_the_same_in_every_audience_and_agree_with_balance() {
    let b = barrio();
    let bundles: Vec<PathBuf> = AUDIENCES
        .iter()
        .map(|a| export(&b.fund, a, a, &["--period", "2025-Q1"]).0)
        .collect();
    for file in [
        "journal.csv",
        "reversed.csv",
        "balances.csv",
        "commodities.csv",
        "policies.csv",
    ] {
        assert_eq!(text(&bundles[0], file), text(&bundles[1], file), "{file}");
        assert_eq!(text(&bundles[0], file), text(&bundles[2], file), "{file}");
    }
    // Files with names: the same amounts in every column but the names.
    let amounts = |dir: &Path, file: &str, columns: &[usize]| -> Vec<Vec<String>> {
        csv_rows(&text(dir, file))
            .into_iter()
            .map(|r| columns.iter().map(|i| r[*i].clone()).collect())
            .collect()
    };
    for (file, columns) in [
        ("contributors.csv", &[0usize, 1, 3, 4, 5, 6, 7][..]),
        (
            "grants.csv",
            &[0, 2, 3, 4, 12, 16, 17, 18, 19, 21, 22, 24, 25, 27][..],
        ),
        ("pools.csv", &[0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13][..]),
        ("votes.csv", &[0, 2, 3, 5][..]),
    ] {
        let public = amounts(&bundles[0], file, columns);
        assert!(!public.is_empty(), "{file}");
        assert_eq!(public, amounts(&bundles[1], file, columns), "{file}");
        assert_eq!(public, amounts(&bundles[2], file, columns), "{file}");
    }
    // Closing balances are `fondo balance` at the period's end; openings
    // at the day before.
    let balance = |as_of: &str| -> BTreeMap<(String, String), String> {
        csv_rows(&b.fund.balance_csv(&["--as-of", as_of]))
            .into_iter()
            .map(|r| ((r[0].clone(), r[1].clone()), r[2].clone()))
            .collect()
    };
    let closing = balance("2025-03-31");
    let rows = csv_rows(&text(&bundles[0], "balances.csv"));
    let nonzero: BTreeMap<(String, String), String> = rows
        .iter()
        .filter(|r| !r[5].trim_start_matches(['-', '0', '.']).is_empty())
        .map(|r| ((r[0].clone(), r[1].clone()), r[5].clone()))
        .collect();
    assert_eq!(nonzero, closing);
    let (q2, _) = export(&b.fund, "q2", "public", &["--period", "2025-Q2"]);
    for r in csv_rows(&text(&q2, "balances.csv")) {
        let at_end_of_q1 = rows.iter().find(|q1| q1[0] == r[0] && q1[1] == r[1]);
        assert_eq!(at_end_of_q1.map(|q1| &q1[5]), Some(&r[2]), "{r:?}");
    }
    // Pools add up to the fund's net assets and agree with `pool list`.
    let pools = csv_rows(&text(&bundles[0], "pools.csv"));
    let housing = pools
        .iter()
        .find(|r| r[0] == "housing" && r[3] == "USD")
        .unwrap();
    let shown = csv_rows(&b.fund.ok(&[
        "pool",
        "show",
        "housing",
        "--as-of",
        "2025-03-31",
        "--format",
        "csv",
    ]));
    let usd = shown.iter().find(|r| r[1] == "USD").unwrap();
    assert_eq!(
        (&housing[11], &housing[12], &housing[13]),
        (&usd[8], &usd[9], &usd[10])
    );
}

#[test]
fn a_partial_period_starts_from_the_stated_previous_hash() {
    let b = barrio();
    let export_rows = csv_rows(&b.fund.export());
    let hash_of = |txn: &str| {
        export_rows
            .iter()
            .find(|r| r[0] == txn)
            .map(|r| r[12].clone())
            .unwrap()
    };
    // The first quarter: its late entry, recorded last, pulls the second
    // quarter's transactions into the stretch; they do not count.
    let (q1, out) = export(&b.fund, "q1", "auditor", &["--period", "2025-Q1"]);
    assert!(
        out.contains("journal: 18 transactions (14 dated within the period)"),
        "{out}"
    );
    let f = facts(&q1);
    assert_eq!(f["journal_prev_hash"], GENESIS);
    assert_eq!(f["journal_last_hash"], hash_of(&b.late));
    // Its stretch ends with the late entry, the head of the books.
    let verified = assert_verifies(&q1);
    assert!(!verified.contains("as stated"), "{verified}");
    // The second quarter: starts after the first transactions, and its void
    // of a March contribution finds that contribution in reversed.csv.
    let (q2, _) = export(&b.fund, "q2", "auditor", &["--period", "2025-Q2"]);
    let f = facts(&q2);
    assert_ne!(f["journal_prev_hash"], GENESIS);
    let journal = csv_rows(&text(&q2, "journal.csv"));
    assert_eq!(journal[0][11], f["journal_prev_hash"]);
    assert!(export_rows.iter().any(|r| r[12] == f["journal_prev_hash"]));
    let reversed = csv_rows(&text(&q2, "reversed.csv"));
    assert_eq!(reversed.len(), 2);
    assert!(reversed.iter().all(|r| r[0] == b.hours));
    assert!(
        journal
            .iter()
            .any(|r| r[0] == b.hours_void && r[10] == b.hours)
    );
    let verified = assert_verifies(&q2);
    assert!(
        verified.contains("(as stated: the books went on"),
        "{verified}"
    );
    // Without reversed.csv's rows, the void's hash cannot be checked.
    let broken = copy(&q2, "q2-no-reversed");
    std::fs::write(
        broken.join("reversed.csv"),
        common::EXPORT_HEADER.to_owned() + "\n",
    )
    .unwrap();
    reseal(&broken);
    let found = findings(&broken);
    assert_finding(
        &found,
        "B110",
        "journal.csv",
        "neither earlier in journal.csv nor in reversed.csv",
    );
    // Grants as they stood at the end of each quarter.
    let row = |dir: &Path, grant: &str| {
        csv_rows(&text(dir, "grants.csv"))
            .into_iter()
            .find(|r| r[0] == grant)
    };
    let g2 = row(&q1, "G-0002").unwrap();
    assert_eq!(
        (g2[12].as_str(), g2[21].as_str(), g2[27].as_str()),
        ("approved", "300.00", "300.00")
    );
    let g2 = row(&q2, "G-0002").unwrap();
    assert_eq!(
        (
            g2[12].as_str(),
            g2[21].as_str(),
            g2[22].as_str(),
            g2[25].as_str(),
            g2[27].as_str()
        ),
        ("closed", "600.00", "300.00", "50.00", "0.00")
    );
    assert!(
        row(&q2, "G-0003").is_none(),
        "rejected in March, not in the second quarter"
    );
}

#[test]
fn votes_show_recusals_objections_and_what_was_counted() {
    let b = barrio();
    let (dir, _) = export(&b.fund, "members", "members", &["--period", "2025-Q1"]);
    let votes = csv_rows(&text(&dir, "votes.csv"));
    let g2: Vec<(&str, &str, &str, &str)> = votes
        .iter()
        .filter(|r| r[0] == "G-0002")
        .map(|r| (r[1].as_str(), r[2].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        g2,
        [
            ("Ana", "consent", "", "yes"),
            ("Bruno", "object", "the landlord's letter is missing", "no"),
            ("Bruno", "consent", "letter seen", "yes"),
            ("Elena", "consent", "", "yes"),
            ("Carmen", "recused", "", "no"),
            ("Dario", "recused", "", "no"),
        ]
    );
    // Why a steward recused (a family tie) is for the auditor only.
    let (audit, _) = export(&b.fund, "auditor", "treasurer", &["--period", "2025-Q1"]);
    let reasons: Vec<String> = csv_rows(&text(&audit, "votes.csv"))
        .into_iter()
        .filter(|r| r[0] == "G-0002" && r[2] == "recused")
        .map(|r| r[4].clone())
        .collect();
    assert_eq!(reasons, ["the applicant", "related to the applicant"]);
    let grants = csv_rows(&text(&dir, "grants.csv"));
    let g3 = grants.iter().find(|r| r[0] == "G-0003").unwrap();
    assert_eq!(
        (
            g3[12].as_str(),
            g3[13].as_str(),
            g3[16].as_str(),
            g3[17].as_str()
        ),
        ("rejected", "rejected", "1", "1")
    );
    // Forging the counted votes of a decided grant is found, even with the
    // manifest rewritten to match.
    let forged = copy(&dir, "forged-votes");
    let changed = text(&dir, "votes.csv").replace(
        "G-0003,Bruno,object,2025-03-10T09:30:00,we need a second quote,yes",
        "G-0003,Bruno,consent,2025-03-10T09:30:00,we need a second quote,yes",
    );
    std::fs::write(forged.join("votes.csv"), changed).unwrap();
    reseal(&forged);
    let found = findings(&forged);
    assert_finding(
        &found,
        "B114",
        "grants.csv",
        "G-0003 counts 1 consent, 1 object",
    );
    assert!(found.iter().all(|f| f.0 != "B102"), "{found:#?}");
    // So is a decision its votes do not give.
    let forged = copy(&dir, "forged-decision");
    let grants_text = text(&dir, "grants.csv");
    let g1 = grants_text.lines().nth(1).unwrap();
    let changed = grants_text.replace(g1, &g1.replace(",0,0,0,5,", ",0,1,0,5,"));
    std::fs::write(forged.join("grants.csv"), &changed).unwrap();
    let votes_text =
        text(&dir, "votes.csv") + "G-0001,Bruno,object,2025-03-02T10:00:00,too much,yes\n";
    std::fs::write(forged.join("votes.csv"), votes_text).unwrap();
    reseal(&forged);
    let found = findings(&forged);
    assert_finding(
        &found,
        "B115",
        "grants.csv",
        "G-0001 was approved, but its rule",
    );
}

#[test]
fn tampering_with_any_file_is_found_and_named() {
    let b = barrio();
    let (clean, _) = export(&b.fund, "clean", "public", &["--period", "2025-Q1"]);
    assert_verifies(&clean);
    let journal = text(&clean, "journal.csv");
    let lines: Vec<&str> = journal.lines().collect();

    // Edit one cell: an amount in the journal.
    let dir = copy(&clean, "edited-cell");
    let edited = journal.replacen(",1000.00,USD,", ",1001.00,USD,", 1);
    assert_ne!(edited, journal);
    std::fs::write(dir.join("journal.csv"), edited).unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B102", "journal.csv", "SHA-256");
    assert_finding(
        &found,
        "B107",
        "journal.csv",
        "txn 1: its content does not match its hash",
    );
    assert_finding(
        &found,
        "B109",
        "journal.csv",
        "txn 1 does not add up to zero in USD",
    );
    assert_finding(&found, "B112", "balances.csv", "assets:bank:usd USD");

    // Delete a row.
    let dir = copy(&clean, "deleted-row");
    let mut kept = lines.clone();
    kept.remove(3);
    std::fs::write(dir.join("journal.csv"), kept.join("\n") + "\n").unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B103", "journal.csv", "rows were added or removed");
    assert_finding(&found, "B107", "journal.csv", "txn 2");

    // Swap two rows: two transactions change places.
    let dir = copy(&clean, "swapped-rows");
    let mut swapped = lines.clone();
    swapped.swap(1, 3);
    swapped.swap(2, 4);
    std::fs::write(dir.join("journal.csv"), swapped.join("\n") + "\n").unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B102", "journal.csv", "");
    assert_finding(&found, "B108", "journal.csv", "txn 2 was chained onto");
    // Two postings of one transaction change places.
    let dir = copy(&clean, "swapped-postings");
    let mut swapped = lines.clone();
    swapped.swap(1, 2);
    std::fs::write(dir.join("journal.csv"), swapped.join("\n") + "\n").unwrap();
    let found = findings(&dir);
    assert_finding(
        &found,
        "B107",
        "journal.csv",
        "txn 1: its content does not match",
    );

    // Change the manifest.
    let dir = copy(&clean, "changed-manifest");
    let manifest = text(&clean, "MANIFEST.csv");
    let grants_line = manifest
        .lines()
        .find(|l| l.starts_with("grants.csv,"))
        .unwrap();
    let digest = grants_line.rsplit(',').next().unwrap();
    let other = sha256(b"something else");
    std::fs::write(dir.join("MANIFEST.csv"), manifest.replace(digest, &other)).unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B102", "grants.csv", &other);
    assert_eq!(found.len(), 1, "{found:#?}");
    let dir = copy(&clean, "manifest-rows");
    let rows_changed = manifest.replace(
        grants_line,
        &grants_line.replacen("grants.csv,3,", "grants.csv,2,", 1),
    );
    assert_ne!(rows_changed, manifest);
    std::fs::write(dir.join("MANIFEST.csv"), rows_changed).unwrap();
    assert_finding(&findings(&dir), "B103", "grants.csv", "says 2");
    let dir = copy(&clean, "manifest-missing-line");
    std::fs::write(
        dir.join("MANIFEST.csv"),
        manifest.replace(&format!("{grants_line}\n"), ""),
    )
    .unwrap();
    assert_finding(
        &findings(&dir),
        "B104",
        "MANIFEST.csv",
        "does not list grants.csv",
    );

    // Edit balances: with the manifest left alone, and resealed.
    let balances = text(&clean, "balances.csv");
    let bank = balances
        .lines()
        .find(|l| l.starts_with("assets:bank:usd,"))
        .unwrap();
    let closing = bank.rsplit(',').next().unwrap();
    let edited = balances.replace(bank, &bank.replace(&format!(",{closing}"), ",9999.00"));
    let dir = copy(&clean, "edited-balances");
    std::fs::write(dir.join("balances.csv"), &edited).unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B102", "balances.csv", "");
    assert_finding(
        &found,
        "B111",
        "balances.csv",
        "assets:bank:usd USD: opening + debits - credits is not closing",
    );
    reseal(&dir);
    let found = findings(&dir);
    assert_finding(&found, "B111", "balances.csv", "assets:bank:usd USD");
    assert_finding(&found, "B113", "pools.csv", "net assets");
    assert!(found.iter().all(|f| f.0 != "B102"), "{found:#?}");
    // Debits and credits moved together still disagree with the journal.
    let dir = copy(&clean, "shifted-balances");
    let fields: Vec<&str> = bank.split(',').collect();
    let cents = |text: &str| text.replace('.', "").parse::<i64>().unwrap();
    let amount = |cents: i64| fondo::domain::money::format_minor(cents.into(), 2);
    let shifted = format!(
        "{},{},{},{},{},{}",
        fields[0],
        fields[1],
        fields[2],
        amount(cents(fields[3]) + 100),
        amount(cents(fields[4]) + 100),
        fields[5]
    );
    std::fs::write(dir.join("balances.csv"), balances.replace(bank, &shifted)).unwrap();
    reseal(&dir);
    assert_finding(
        &findings(&dir),
        "B112",
        "balances.csv",
        "assets:bank:usd USD",
    );

    // Pools, contributions, the README and BUNDLE.csv, resealed each time.
    let forge = |name: &str, file: &str, from: &str, to: &str| {
        let dir = copy(&clean, name);
        let original = text(&clean, file);
        assert!(original.contains(from), "{file} lacks {from:?}");
        std::fs::write(dir.join(file), original.replacen(from, to, 1)).unwrap();
        reseal(&dir);
        findings(&dir)
    };
    let found = forge("pools", "pools.csv", ",1000.00,50.00,", ",1010.00,40.00,");
    assert_finding(
        &found,
        "B113",
        "pools.csv",
        "housing USD: the changes within the period",
    );
    let found = forge(
        "contributors",
        "contributors.csv",
        "anonymous,money,general,USD,200.00",
        "anonymous,money,general,USD,250.00",
    );
    assert_finding(&found, "B117", "contributors.csv", "txn 2 credits income");
    let fingerprint = facts(&clean)["fingerprint"].clone();
    let found = forge(
        "readme",
        "README.txt",
        &format!("transactions:\n  {fingerprint}"),
        &format!("transactions:\n  {}", sha256(b"another")),
    );
    assert_finding(&found, "B118", "README.txt", "fingerprint");
    let found = forge(
        "readme-audience",
        "README.txt",
        "[audience] public:",
        "[audience] auditor:",
    );
    assert_finding(&found, "B118", "README.txt", "public audience");
    let found = forge(
        "bundle-period",
        "BUNDLE.csv",
        "to,2025-03-31",
        "to,2025-03-20",
    );
    assert_finding(&found, "B108", "journal.csv", "outside the period");
    assert_finding(&found, "B112", "balances.csv", "");
    let found = forge("format", "BUNDLE.csv", "fondo-audit-v3", "fondo-audit-v9");
    assert_finding(
        &found,
        "B118",
        "BUNDLE.csv",
        "this fondo reads fondo-audit-v3 and fondo-audit-v2",
    );
    let found = forge(
        "columns",
        "roles.csv",
        "member,role,from,until",
        "member,role,until,from",
    );
    assert_finding(
        &found,
        "B105",
        "roles.csv",
        "the specified columns are member,role,from,until",
    );
    let found = forge("places", "balances.csv", ",0.00,", ",0,");
    assert_finding(
        &found,
        "B106",
        "balances.csv",
        "exactly the 2 decimal places of",
    );

    // A file removed, a file added.
    let dir = copy(&clean, "missing-file");
    std::fs::remove_file(dir.join("votes.csv")).unwrap();
    let found = findings(&dir);
    assert_finding(&found, "B101", "votes.csv", "is missing");
    let dir = copy(&clean, "extra-file");
    std::fs::write(dir.join("notes.txt"), "hello").unwrap();
    assert_finding(
        &findings(&dir),
        "B104",
        "notes.txt",
        "not part of an audit bundle",
    );

    // The table names the file and line.
    let dir = copy(&clean, "table");
    std::fs::write(
        dir.join("journal.csv"),
        journal.replacen(",1000.00,USD,", ",1001.00,USD,", 1),
    )
    .unwrap();
    let run = verify(&dir, "table");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("B107 journal.csv line 2: txn 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" findings\n"), "{}", run.stdout);
}

#[test]
fn an_unreadable_bundle_is_an_error() {
    let fund = Fund::empty();
    let missing = fund.path("nowhere");
    let run = verify(&missing, "table");
    run.error(&["nowhere"]);
    std::fs::create_dir(fund.path("empty")).unwrap();
    verify(&fund.path("empty"), "table").error(&["is not a fondo audit bundle"]);
    let file = fund.write("file.csv", "x");
    verify(&file, "table")
        .error(&["is not a directory; give --bundle the directory `fondo export audit` wrote"]);
}

#[test]
fn a_bundle_is_written_only_into_a_new_or_empty_directory() {
    let b = barrio();
    let f = &b.fund;
    let taken = f.path("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), "mine").unwrap();
    let out = |dir: &Path| -> Vec<String> {
        vec![
            "export".into(),
            "audit".into(),
            "--out".into(),
            dir.display().to_string(),
            "--audience".into(),
            "public".into(),
        ]
    };
    // The library states the problem; the command line adds the flag.
    f.fail(
        &out(&taken),
        &["is not empty; an audit bundle is written into a new or empty directory, so choose another --out"],
    );
    assert_eq!(files(&taken).len(), 1);
    assert_eq!(text(&taken, "keep.txt"), "mine");
    let file = f.write("a-file", "x");
    f.fail(&out(&file), &["is not a directory"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    f.fail(
        &out(&f.path("no/such/dir")),
        &["does not exist; create it first, or choose another --out"],
    );
    assert!(!f.path("no").exists());
    let mut bad_period = out(&f.path("x"));
    bad_period.extend(["--period".into(), "2025-Q5".into()]);
    f.fail(&bad_period, &["quarter"]);
    assert!(!f.path("x").exists());
    let left: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // An empty directory is fine.
    let empty = f.path("empty");
    std::fs::create_dir(&empty).unwrap();
    export(f, "empty", "public", &["--period", "2025-Q1"]);
    assert_verifies(&empty);
}

#[test]
fn hidden_names_in_journal_text_are_redacted_and_the_rest_is_warned_about() {
    let fund = Fund::init(Some("USD"));
    fund.accounts(&["assets:bank:usd", "income:donations"]);
    fund.ok(&["member", "add", "Rosa Ruiz", "--visibility", "pseudonymous"]);
    fund.ok(&["pool", "add", "Rosa Ruiz fund", "--purpose", "Her stall"]);
    fund.ok(&[
        "post",
        "Gift",
        "--date",
        "2025-02-01",
        "--payee",
        "rosa ruiz",
        "-p",
        "assets:bank:usd=10.00 USD",
        "-p",
        "income:donations",
        "--pool",
        "Rosa Ruiz fund",
    ]);
    let dir = fund.path("b");
    let run = fund.run(&[
        "export",
        "audit",
        "--out",
        dir.to_str().unwrap(),
        "--audience",
        "public",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The payee (a v2 text field) is redacted: `redacted`, and its
    // commitment in payee_salt, so the hash still recomputes.
    let journal = text(&dir, "journal.csv");
    assert!(!journal.to_lowercase().contains("rosa ruiz,"), "{journal}");
    let rows = csv_rows(&journal);
    assert!(
        rows.iter()
            .all(|r| r[6] == "redacted" && r[15].len() == 64 && r[13] == "fondo-txn-v2"),
        "{journal}"
    );
    assert!(!run.stderr.contains("column payee"), "{}", run.stderr);
    // The pool's name is shown by its label (its commitment in pool_salt),
    // so there is nothing left to warn about.
    let pooled = &rows[1];
    assert!(
        pooled[9].starts_with("redacted-")
            && pooled[19].len() == 64
            && pooled[19].starts_with(&pooled[9]["redacted-".len()..]),
        "{journal}"
    );
    assert_eq!(run.stderr, "", "{}", run.stderr);
    assert_verifies(&dir);
    if let Some(python) = common::oracle("python3", "apt-get install python3") {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py");
        let out = Command::new(python).arg(script).arg(&dir).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let members = fund.path("m");
    let run = fund.run(&[
        "export",
        "audit",
        "--out",
        members.to_str().unwrap(),
        "--audience",
        "members",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(text(&members, "journal.csv").contains(",rosa ruiz,"));
}

#[test]
fn the_python_checker_agrees() {
    let Some(python) = common::oracle("python3", "apt-get install python3") else {
        return;
    };
    let b = barrio();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_bundle.py");
    let run_script = |dir: &Path| {
        let out = Command::new(&python)
            .arg(&script)
            .arg(dir)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    for (name, period) in [
        ("all", &[][..]),
        ("q1", &["--period", "2025-Q1"][..]),
        ("q2", &["--period", "2025-Q2"][..]),
    ] {
        let (dir, out) = export(&b.fund, name, "public", period);
        let (code, stdout) = run_script(&dir);
        assert_eq!(code, 0, "{stdout}");
        assert_eq!(
            line_value(&stdout, "journal ends with"),
            facts(&dir)["journal_last_hash"]
        );
        assert_eq!(
            line_value(&stdout, "fingerprint"),
            line_value(&out, "fingerprint")
        );
    }
    let clean = b.fund.path("q1");
    let dir = copy(&clean, "tampered");
    let journal = text(&clean, "journal.csv");
    std::fs::write(
        dir.join("journal.csv"),
        journal.replacen(",1000.00,USD,", ",1001.00,USD,", 1),
    )
    .unwrap();
    let (code, stdout) = run_script(&dir);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("journal.csv"), "{stdout}");
    reseal(&dir);
    let (code, stdout) = run_script(&dir);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("txn 1"), "{stdout}");
    let (code, _) = run_script(&b.fund.path("nowhere"));
    assert_eq!(code, 2);
}

/// Asserts both checkers report `code` in `file` (fondo with `needle` in
/// its message).
fn assert_both(dir: &Path, code: &str, file: &str, needle: &str) {
    assert_finding(&findings(dir), code, file, needle);
    if let Some((status, out)) = common::verify_bundle_script(dir) {
        assert_eq!(status, 1, "{out}");
        assert!(
            out.lines()
                .any(|l| l.starts_with(file) && l.contains(&format!(": {code} "))),
            "verify_bundle.py should report {code} in {file}:\n{out}"
        );
    }
}

/// Appends a correctly chained v2 record to records.csv and states the new
/// head in BUNDLE.csv and README.txt, as someone who knows the format would.
fn append_record(dir: &Path, kind: &str, grant: i64, at: &str, payload: serde_json::Value) {
    let records = text(dir, "records.csv");
    let rows = csv_rows(&records);
    let last = rows.last().unwrap();
    let (id, prev) = (last[0].parse::<i64>().unwrap() + 1, last[6].clone());
    let canonical = serde_json::to_string(&serde_json::json!([
        "fondo-record-v2",
        prev,
        kind,
        grant,
        at,
        payload
    ]))
    .unwrap();
    let hash = sha256(canonical.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        id.to_string().as_str(),
        at,
        kind,
        &grant.to_string(),
        "fondo-record-v2",
        &prev,
        &hash,
        &payload.to_string(),
    ])
    .unwrap();
    let line = String::from_utf8(out.into_inner().unwrap()).unwrap();
    std::fs::write(dir.join("records.csv"), records + &line).unwrap();
    let facts = facts(dir);
    for file in ["BUNDLE.csv", "README.txt"] {
        let changed = text(dir, file)
            .replace(&facts["records_head"], &hash)
            .replace(
                &format!("records_count,{}", facts["records_count"]),
                &format!("records_count,{}", rows.len() + 1),
            );
        std::fs::write(dir.join(file), changed).unwrap();
    }
    reseal(dir);
}

#[test]
fn rows_are_rederived_from_the_records_and_resealed_edits_are_found() {
    let b = barrio();
    let (clean, _) = export(&b.fund, "q1", "public", &["--period", "2025-Q1"]);
    assert_verifies(&clean);
    if let Some((status, out)) = common::verify_bundle_script(&clean) {
        assert_eq!(status, 0, "{out}");
    }
    // The records are every record from genesis to the stated head, and
    // hide in the public bundle what the public may not see.
    let records = text(&clean, "records.csv");
    let rows = csv_rows(&records);
    assert_eq!(rows[0][5], GENESIS);
    assert_eq!(rows.last().unwrap()[6], facts(&clean)["records_head"]);
    assert_eq!(rows.len().to_string(), facts(&clean)["records_count"]);
    for hidden in [
        "Familia Ortega",
        "Cocina Común",
        "Luis",
        "ortega@example.org",
        "siblings",
    ] {
        assert!(!records.contains(hidden), "records.csv shows {hidden:?}");
    }
    assert!(records.contains(r#"""redacted"""#), "{records}");

    let forge = |name: &str, file: &str, edit: &dyn Fn(&str) -> String| {
        let dir = copy(&clean, name);
        let original = text(&clean, file);
        let changed = edit(&original);
        assert_ne!(changed, original, "{name}: the edit changed nothing");
        std::fs::write(dir.join(file), changed).unwrap();
        reseal(&dir);
        dir
    };
    let swap = |from: &'static str, to: &'static str| {
        move |t: &str| {
            assert!(t.contains(from), "lacks {from:?}:\n{t}");
            t.replacen(from, to, 1)
        }
    };
    let drop_line = |needle: &'static str| {
        move |t: &str| {
            let mut lines: Vec<&str> = t.lines().collect();
            let i = lines.iter().position(|l| l.contains(needle)).unwrap();
            lines.remove(i);
            lines.join("\n") + "\n"
        }
    };
    // Two stewards' votes swapped.
    let dir = forge("swapped", "votes.csv", &|t: &str| {
        swap("G-0002,Ana,consent", "G-0002,Bruno,consent")(&swap(
            "G-0002,Bruno,object",
            "G-0002,Ana,object",
        )(t))
    });
    assert_both(&dir, "B137", "votes.csv", "G-0002,Bruno,consent");
    // The applicant's own vote, counted.
    let dir = forge("own-vote", "votes.csv", &|t: &str| {
        t.to_owned() + "G-0002,Carmen,consent,2025-03-05T09:00:00,,yes\n"
    });
    assert_both(&dir, "B137", "votes.csv", "Carmen");
    // The applicant's own vote, as a correctly chained record.
    let dir = copy(&clean, "own-record");
    let carmen = csv_rows(&records)
        .iter()
        .find(|r| r[2] == "member" && r[7].contains(r#""Carmen""#))
        .map(|r| serde_json::from_str::<serde_json::Value>(&r[7]).unwrap()["id"].clone())
        .unwrap();
    append_record(
        &dir,
        "vote",
        2,
        "2025-03-05T09:00:00",
        serde_json::json!({"member": carmen, "vote": "consent", "reason": null}),
    );
    assert_both(&dir, "B138", "records.csv", "their own application");
    // A contributor changed, and an anonymous one named.
    let dir = forge("contributor", "contributors.csv", &|t: &str| {
        let line = t.lines().find(|l| l.contains(",Bruno,")).unwrap();
        t.replacen(line, &line.replacen(",Bruno,", ",Elena,", 1), 1)
    });
    assert_both(&dir, "B137", "contributors.csv", "not Elena");
    let dir = forge(
        "anonymous",
        "contributors.csv",
        &swap(
            ",anonymous,money,general,USD,200.00",
            ",Ana,money,general,USD,200.00",
        ),
    );
    assert_both(&dir, "B137", "contributors.csv", "not Ana");
    // A row deleted from contributors.csv, grants.csv or policies.csv.
    let dir = forge("no-contributor", "contributors.csv", &drop_line(",Bruno,"));
    assert_both(&dir, "B137", "contributors.csv", "lacks txn");
    let dir = forge("no-grant", "grants.csv", &drop_line("G-0003,"));
    assert_both(&dir, "B137", "grants.csv", "lacks a row");
    let dir = forge("no-policy", "policies.csv", &drop_line("lazy"));
    assert_both(&dir, "B137", "policies.csv", "lacks a row");
    // A grant's amount.
    let dir = forge("amount", "grants.csv", &swap(",600.00,", ",6000.00,"));
    assert_both(&dir, "B137", "grants.csv", "6000.00");
    // Any change to roles.csv.
    let dir = forge("roles", "roles.csv", &swap("2025-03-31", "2025-06-30"));
    assert_both(&dir, "B137", "roles.csv", "2025-06-30");
    let dir = forge("no-role", "roles.csv", &drop_line("Bruno"));
    assert_both(&dir, "B137", "roles.csv", "lacks a row");
    // A record's content changed.
    let dir = forge(
        "record",
        "records.csv",
        &swap(r#"""vote"":""object"""#, r#"""vote"":""consent"""#),
    );
    assert_both(&dir, "B134", "records.csv", "does not match its hash");
}
