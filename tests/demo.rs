//! `fondo demo` end to end: the example fund is built through the real
//! commands from the embedded files, from any directory; its books verify
//! cleanly; its balances, pools and grants are the figures the story in
//! `examples/demo/story.sh` adds up to (worked out by hand below); it writes
//! the forum report of its last quarter; two runs give the same ledger; and
//! an existing database file or a folder in use is refused with nothing
//! written.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, command, csv_rows, fingerprint, run_command, run_on};
use tempfile::TempDir;

/// Runs `fondo demo` in `dir` with the given (possibly relative) paths.
fn demo_in(dir: &Path, db: &str, out: &str) -> Run {
    let mut cmd = command();
    cmd.current_dir(dir)
        .args(["--db", db, "demo", "--out", out]);
    run_command(&mut cmd)
}

/// What the story adds up to, account by account (`balance --format csv`).
///
/// - assets:bank:usd: 3200.00 opening, less January's costs from the old
///   spreadsheet (120.00, 38.00, 4.50); plus contributions paid in directly
///   (85, 60, 25, 200, 100, 25, 25 in the first quarter; 25, 112, 100, 25, 50
///   in the second); less tranches (180, 300, 300; 450, 450, 120, 450, 140,
///   300); plus G-0002's 40.00 back; less storage and printing (240 and
///   12, the March flyers entered when Q1 was reopened; 360, 45); plus the
///   Open Collective payout (240) and the two exchanges (1072, 1085); less
///   the pooled purchase's supplier invoice net of the groups' payments
///   (124.27, see docs/purchasing.md): 2835.23.
/// - assets:bank:eur: 800 opening; imported 600, 40, 25.50 and 500, 40,
///   1200; less bank fees of 17.70 twice and two exchanges of 1000 with a
///   4.00 fee each: 1162.10.
/// - assets:cash:mxn: 4500 opening, 1500 and 2000 given, 2500 paid to
///   G-0003: 5500.00.
/// - assets:opencollective:usd: the net of eight rows (6 × 45.75, 110.22,
///   73.38: 458.10) less the 240.00 payout: 218.10; their fees (6 × 4.25,
///   9.78, 6.62) are expenses:fees:payments, 41.90.
/// - income:contributions USD: the direct ones (520 and 312) and the gross
///   Open Collective rows (270 and 230): 1332.00; EUR: the six bank credits,
///   2405.50; MXN: 1500 and 2000.
/// - expenses:grants by category, from tranches: groceries 450, 120 and 300;
///   rent 600 and 900, less 40 returned; medicine 140; utilities 180; shelter
///   2500 MXN.
/// - goods: 40.0 kg of rice at the opening, 165.0 received, 165.0 given; 24
///   blankets received, 22 given. Hours: legal 12 and 9.5, food bank 16 and
///   20, translation 6.5, childcare 4.
const BALANCES: &str = "\
account,commodity,balance
assets:bank:eur,EUR,1162.10
assets:bank:usd,USD,2835.23
assets:cash:mxn,MXN,5500.00
assets:in-kind:blankets,BLANKETS,2
assets:in-kind:kg-rice,KG-RICE,40.0
assets:opencollective:usd,USD,218.10
assets:purchases:receivable,USD,84.38
equity:conversions:EUR,EUR,2000.00
equity:conversions:USD,USD,-2157.00
equity:opening,EUR,-800.00
equity:opening,KG-RICE,-40.0
equity:opening,MXN,-4500.00
equity:opening,USD,-3200.00
expenses:fees:exchange,EUR,8.00
expenses:fees:payments,USD,41.90
expenses:grants:groceries,USD,870.00
expenses:grants:medicine,USD,140.00
expenses:grants:rent,USD,1460.00
expenses:grants:shelter,MXN,2500.00
expenses:grants:utilities,USD,180.00
expenses:in-kind:childcare,HOURS,4.0
expenses:in-kind:distributed,BLANKETS,22
expenses:in-kind:distributed,KG-RICE,165.0
expenses:in-kind:food-bank,HOURS,36.0
expenses:in-kind:legal-assistance,HOURS,21.5
expenses:in-kind:translation,HOURS,6.5
expenses:operations:fees,EUR,35.40
expenses:operations:fees,USD,4.50
expenses:operations:printing,USD,95.00
expenses:operations:storage,USD,720.00
expenses:purchases:rounding,USD,0.01
expenses:purchases:subsidy,USD,39.88
income:contributions,EUR,-2405.50
income:contributions,MXN,-3500.00
income:contributions,USD,-1332.00
income:in-kind:childcare,HOURS,-4.0
income:in-kind:food-bank,HOURS,-36.0
income:in-kind:goods,BLANKETS,-24
income:in-kind:goods,KG-RICE,-165.0
income:in-kind:legal-assistance,HOURS,-21.5
income:in-kind:translation,HOURS,-6.5
";

/// What each pool holds at the end of each quarter (`pool list --as-of`).
///
/// On 31 March:
/// - general: USD 1700 opening, less 162.50 of January's costs, with 85, 60
///   and 100 given, less 240 for storage and 12 for the March flyers
///   (entered in May, when Q1 was reopened for them): 1530.50; EUR 25.50 given, less
///   17.70 of fees: 7.80.
/// - housing: USD 1500 opening, 3 × 25 and 200 given, 180 and 600 paid, 40
///   back: 1035.00; EUR 40.
/// - food: EUR 800 opening and 600 given, less 1004 exchanged: 396; USD 1072
///   from the exchange and 3 × 45.75: 1209.25; rice 40, 60 and 25 in, 45 and
///   50 out: 30.0 kg.
/// - rapid response: MXN 4500 and 1500, less 2500: 3500; USD 110.22;
///   blankets 24 in, 18 out: 6.
///
/// On 30 June, from there:
/// - general: USD 112 and 100 given, 360 and 45 spent, 300 and 40 moved out,
///   0.01 of purchase rounding, 1085 from the exchange: 2082.49; EUR 1200
///   given, 17.70 and 1004 out: 186.10.
/// - housing: USD 2 × 25 given, 900 paid: 185.00; EUR 80.
/// - food: USD 450, 120 and 300 paid, 3 × 45.75 and 40 in, 39.88 of purchase
///   subsidy: 476.62; EUR 500 in: 896;
///   rice 80 in, 70 out: 40.0 kg.
/// - rapid response: MXN 2000 in: 5500; USD 300 moved in, 50 and 73.38
///   given, 140 paid: 393.60; blankets 4 out: 2.
const POOLS: [(&str, [&str; 4]); 2] = [
    (
        "2026-03-31",
        [
            "7.80 EUR, 1530.50 USD",
            "40.00 EUR, 1035.00 USD",
            "396.00 EUR, 30.0 KG-RICE, 1209.25 USD",
            "6 BLANKETS, 3500.00 MXN, 110.22 USD",
        ],
    ),
    (
        "2026-06-30",
        [
            "186.10 EUR, 2082.49 USD",
            "80.00 EUR, 185.00 USD",
            "896.00 EUR, 40.0 KG-RICE, 476.62 USD",
            "2 BLANKETS, 5500.00 MXN, 393.60 USD",
        ],
    ),
];

/// The grant register: grant, requested, paid, spent, status, and the
/// consents, objections and abstentions counted.
const GRANTS: &[[&str; 8]] = &[
    [
        "G-0001", "180.00", "180.00", "180.00", "closed", "0", "0", "0",
    ],
    [
        "G-0002", "600.00", "600.00", "560.00", "closed", "2", "1", "0",
    ],
    [
        "G-0003", "2500.00", "2500.00", "2500.00", "closed", "1", "0", "0",
    ],
    [
        "G-0004", "150.00", "0.00", "0.00", "rejected", "0", "1", "0",
    ],
    [
        "G-0005", "450.00", "450.00", "430.00", "approved", "4", "0", "1",
    ],
    [
        "G-0006", "900.00", "900.00", "900.00", "closed", "3", "0", "1",
    ],
    [
        "G-0007", "120.00", "120.00", "120.00", "closed", "0", "0", "0",
    ],
    [
        "G-0008", "140.00", "140.00", "95.00", "approved", "1", "0", "0",
    ],
    [
        "G-0009", "600.00", "300.00", "280.00", "approved", "4", "1", "0",
    ],
    [
        "G-0010",
        "90.00",
        "0.00",
        "0.00",
        "withdrawn",
        "0",
        "0",
        "0",
    ],
    ["G-0011", "400.00", "0.00", "0.00", "open", "2", "0", "0"],
    // Approved in July by two signed votes, not paid yet.
    [
        "G-0012", "120.00", "0.00", "0.00", "approved", "2", "0", "0",
    ],
];

/// The example files as they are in the repository.
fn repo_example(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(path);
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()))
}

/// The parts, between lines "…", of the `text` block under README.md's
/// "### The open-forum report" heading.
fn readme_forum_excerpt() -> Vec<String> {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("reading README.md");
    let block = readme
        .split("### The open-forum report")
        .nth(1)
        .and_then(|s| s.split("```text\n").nth(1))
        .and_then(|s| s.split("\n```").next())
        .expect("README.md shows the demo's forum page in a text block");
    let parts: Vec<String> = block.split("\n…\n").map(str::to_owned).collect();
    assert!(parts.len() >= 2, "{block}");
    parts
}

/// The SHA-256 of `bytes`, in hex.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Text with every run of white space made one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_demo_builds_a_fund_that_verifies_and_adds_up() {
    // Run from a directory that has no examples/ in it, with relative paths.
    let dir = TempDir::new().unwrap();
    let out = demo_in(dir.path(), "barrio.db", "shown").ok();
    let db = dir.path().join("barrio.db");
    let shown = dir.path().join("shown");

    // Its account says what was built and where things went.
    for needle in [
        "built the demo fund \"Barrio Solidarity Fund\" in barrio.db",
        "13 members (8 public, 3 pseudonymous and 2 anonymous)",
        "pools: general, housing, food and rapid response",
        "commodities: BLANKETS, EUR, HOURS, KG-BEANS, KG-RICE, MXN and USD, with 6 recorded exchange rates",
        "12 grants (1 open, 4 approved, 1 rejected, 1 withdrawn and 5 closed)",
        "1 pooled purchase of member groups (1 settled)",
        "verify found no problems",
        "transcript.txt",
        "forum.html",
        "forum.md",
    ] {
        assert!(out.contains(needle), "{needle:?} missing from:\n{out}");
    }
    let fingerprint_line = format!("  fingerprint: {}", fingerprint(&db));
    assert!(out.lines().any(|l| l == fingerprint_line), "{out}");

    // The books verify cleanly through the command line too.
    let verify = run_on(&db, &["verify"]).ok();
    assert!(verify.starts_with("checked "), "{verify}");
    assert!(
        verify.lines().next().unwrap().ends_with("no findings"),
        "{verify}"
    );

    assert_eq!(run_on(&db, &["balance", "--format", "csv"]).ok(), BALANCES);

    // The public audit bundle of the quarter verifies offline, states the
    // books' fingerprint, and catches an edited cell.
    assert!(out.contains("audit-bundle/"), "{out}");
    let bundle = dir.path().join("shown").join("audit-bundle");
    let checked = run_command(command().args(["verify", "--bundle"]).arg(&bundle)).ok();
    assert!(
        checked.starts_with("checked ") && checked.contains("no findings"),
        "{checked}"
    );
    // The pooled purchase is in it, its groups named as contributors are:
    // the pseudonymous ones by pseudonym.
    let bought = fs::read_to_string(bundle.join("purchases.csv")).unwrap();
    assert_eq!(csv_rows(&bought).len(), 5, "{bought}");
    assert!(
        bought.contains(",Huerta Norte,USD,38.75,0.00,38.75,"),
        "{bought}"
    );
    // Its units per item, each in the item's own unit.
    let items = fs::read_to_string(bundle.join("purchase_items.csv")).unwrap();
    assert!(
        items.contains("rice-april,Huerta Norte,rice,KG-RICE,20,20,20\n")
            && items.contains("rice-april,Huerta Norte,cooking oil,,6,6,6\n"),
        "{items}"
    );
    for hidden in ["Familia Ortega", "Cocina Común"] {
        assert!(!bought.contains(hidden), "{hidden} named in {bought}");
        assert!(!items.contains(hidden), "{hidden} named in {items}");
    }
    let facts = fs::read_to_string(bundle.join("BUNDLE.csv")).unwrap();
    assert!(facts.contains("audience,public\n"), "{facts}");
    assert!(
        facts.contains(&format!("fingerprint,{}\n", fingerprint(&db))),
        "{facts}"
    );
    // The bundle and the reports of the same quarter say the same: every
    // pool's breakdown, and every grant's paid and spent amounts.
    let pools_report = csv_rows(
        &run_on(
            &db,
            &["report", "pools", "--period", "2026-Q2", "--format", "csv"],
        )
        .ok(),
    );
    let pools_bundle = csv_rows(&fs::read_to_string(bundle.join("pools.csv")).unwrap());
    let breakdown =
        |row: &[String]| -> Vec<String> { row.iter().skip(2).take(10).cloned().collect() };
    for row in &pools_report {
        let same = pools_bundle
            .iter()
            .find(|b| b[0] == row[0] && b[3] == row[1])
            .unwrap_or_else(|| panic!("pools.csv has no row for {row:?}"));
        // pool, purpose, guidelines, commodity, then the same ten figures.
        assert_eq!(breakdown(&same[2..]), breakdown(row), "{row:?}");
    }
    let register = csv_rows(
        &run_on(
            &db,
            &[
                "report",
                "grants",
                "--period",
                "2026-Q2",
                "--audience",
                "public",
                "--format",
                "csv",
            ],
        )
        .ok(),
    );
    let bundled = csv_rows(&fs::read_to_string(bundle.join("grants.csv")).unwrap());
    assert_eq!(register.len(), bundled.len());
    for (r, b) in register.iter().zip(&bundled) {
        // grant, applicant, pool, commodity; paid; spent.
        assert_eq!((&r[0], &r[1], &r[2], &r[4]), (&b[0], &b[1], &b[2], &b[3]));
        assert_eq!((&r[7], &r[8]), (&b[21], &b[24]), "{} paid and spent", r[0]);
    }
    let grants = bundle.join("grants.csv");
    let text = fs::read_to_string(&grants).unwrap();
    fs::write(&grants, text.replacen("USD", "EUR", 1)).unwrap();
    let tampered = run_command(command().args(["verify", "--bundle"]).arg(&bundle));
    assert_eq!(tampered.code, 1, "{}", tampered.stdout);
    fs::write(&grants, text).unwrap();

    for (day, held) in POOLS {
        let rows =
            csv_rows(&run_on(&db, &["pool", "list", "--as-of", day, "--format", "csv"]).ok());
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["general", "housing", "food", "rapid response"]);
        let got: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
        assert_eq!(got, held, "pools on {day}");
    }

    let rows = csv_rows(&run_on(&db, &["grant", "list", "--format", "csv"]).ok());
    let register: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            [0, 4, 5, 6, 7, 9, 10, 11]
                .iter()
                .map(|&i| r[i].as_str())
                .collect()
        })
        .collect();
    assert_eq!(register, GRANTS);

    // Every visibility, and the public sees pseudonyms.
    let public = run_on(&db, &["grant", "list", "--audience", "public"]).ok();
    assert!(!public.contains("Familia Ortega") && !public.contains("Luis"));
    assert!(public.contains("Carmen"), "{public}");

    // One term runs past the fund's six-month limit.
    let terms = run_on(&db, &["role", "list", "--format", "csv"]).ok();
    let flagged: Vec<&str> = terms
        .lines()
        .filter(|l| l.ends_with("past the 6-month limit"))
        .collect();
    assert_eq!(
        flagged,
        ["Bruno,steward,2025-07-01,2026-06-30,12,past the 6-month limit"]
    );

    // The example files are written out as they are in the repository, and
    // the transcript holds every command of the story with its output.
    for path in [
        "demo/story.sh",
        "demo/opening-2026.csv",
        "demo/bank-eur-2026-q1.csv",
        "maps/eu-bank.toml",
    ] {
        let written = fs::read_to_string(shown.join("examples").join(path)).unwrap();
        assert_eq!(written, repo_example(path), "{path}");
    }
    let transcript = fs::read_to_string(shown.join("transcript.txt")).unwrap();
    let commands = out
        .lines()
        .next()
        .and_then(|l| l.split(" with ").nth(1))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the account gives the number of commands");
    assert_eq!(
        transcript
            .lines()
            .filter(|l| l.starts_with("$ fondo "))
            .count(),
        commands
    );
    for needle in [
        "$ fondo journal import opening-2026.csv\nimported 4 transactions",
        "G-0002 approved: majority in favour, more than 0.5 (2 consent, 1 object, 0 abstain of 3 eligible)",
        "G-0004 rejected: an objection stands",
        "G-0006 still open: 4 of a quorum of 3 have voted",
        "imported 3 contributions from bank-eur-2026-q2.csv",
        "199.40 USD in all: shares 159.51 USD, subsidy 39.88 USD from pool food, rounding remainder 0.01 USD to expenses:purchases:rounding",
        "$ fondo report forum --period 2026-Q2 --audience public --format html --bundle ",
        "Felipe votes consent on G-0012 (signed with SHA256:5IPln+QX2lfV66cBbJge0RlZgxqMMhlP8MgCraisFe8)",
        "G-0012 approved: no objection (2 consent, 0 object, 0 abstain of 2 eligible)",
    ] {
        assert!(
            transcript.contains(needle),
            "{needle:?} missing from the transcript"
        );
    }

    // The forum report of the last quarter, in both formats, is the one
    // `report forum --bundle` gives, with the ledger's fingerprint and the
    // signed bundle's manifest digest.
    let bundle = shown.join("audit-bundle");
    let bundle_arg = bundle.to_str().unwrap();
    let html = fs::read_to_string(shown.join("forum.html")).unwrap();
    assert_eq!(
        html,
        run_on(
            &db,
            &[
                "report", "forum", "--period", "2026-Q2", "--bundle", bundle_arg
            ]
        )
        .ok()
    );
    assert!(html.contains(&fingerprint(&db)));
    let manifest = sha256(&fs::read(bundle.join("MANIFEST.csv")).unwrap());
    assert!(html.contains(&manifest));
    let md = fs::read_to_string(shown.join("forum.md")).unwrap();
    assert_eq!(
        md,
        run_on(
            &db,
            &[
                "report", "forum", "--period", "2026-Q2", "--format", "md", "--bundle", bundle_arg
            ]
        )
        .ok()
    );
    // The bundle is signed by the fund's key the story made, and checks
    // against it.
    let fund_pub = shown.join("examples/demo/keys/fund.pub");
    let verified = run_command(
        command()
            .args(["verify", "--bundle", bundle_arg, "--signer-key"])
            .arg(&fund_pub),
    )
    .ok();
    assert!(
        verified.contains("signed by the fund's key SHA256:"),
        "{verified}"
    );

    // The README shows the beginning of this page for the public: each part
    // of it between "…" lines is in the page as the demo writes it.
    let public = run_on(
        &db,
        &[
            "report",
            "forum",
            "--period",
            "2026-Q2",
            "--audience",
            "public",
            "--format",
            "md",
        ],
    )
    .ok();
    for part in readme_forum_excerpt() {
        assert!(
            words(&public).contains(&words(&part)),
            "README.md's forum excerpt is not what the demo writes:\n{part}\n---\n{public}"
        );
    }

    // A second run elsewhere, with absolute paths, gives the same ledger.
    let again = TempDir::new().unwrap();
    let db2 = again.path().join("f.db");
    let mut cmd = command();
    cmd.arg("--db")
        .arg(&db2)
        .arg("demo")
        .arg("--out")
        .arg(again.path().join("out"));
    run_command(&mut cmd).ok();
    assert_eq!(fingerprint(&db2), fingerprint(&db));
    assert_eq!(
        run_on(&db2, &["journal", "export"]).ok(),
        run_on(&db, &["journal", "export"]).ok()
    );
}

#[test]
fn the_demo_never_touches_an_existing_database() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("books.db"), "the real fund").unwrap();
    let err = demo_in(dir.path(), "books.db", "out").error(&["books.db already exists", "--db"]);
    assert!(err.contains("never touches an existing file"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("books.db")).unwrap(),
        "the real fund"
    );
    assert!(!dir.path().join("out").exists(), "nothing was written");
}

#[test]
fn the_demo_writes_only_into_a_new_or_empty_folder() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("busy")).unwrap();
    fs::write(dir.path().join("busy/notes.txt"), "mine").unwrap();
    demo_in(dir.path(), "a.db", "busy").error(&["busy already exists", "--out"]);
    fs::write(dir.path().join("file"), "mine").unwrap();
    demo_in(dir.path(), "a.db", "file").error(&["file already exists"]);
    assert!(!dir.path().join("a.db").exists(), "no database was created");
    assert_eq!(
        fs::read_to_string(dir.path().join("busy/notes.txt")).unwrap(),
        "mine"
    );

    // A command of the story that fails stops the demo and is named.
    let err = demo_in(dir.path(), "no/such/dir/a.db", "stopped").error(&[
        "demo script examples/demo/story.sh, line",
        "`fondo init --name \"Barrio Solidarity Fund\" --currency USD` failed",
        "transcript.txt",
    ]);
    assert!(err.contains("no/such/dir/a.db"), "{err}");

    // An empty folder is fine.
    fs::create_dir(dir.path().join("empty")).unwrap();
    demo_in(dir.path(), "a.db", "empty").ok();
    assert!(dir.path().join("empty/transcript.txt").exists());
}

/// Issue 17: `fondo demo --lang es` writes the forum page and the audit
/// bundle's README.txt in Spanish; the books, and every other file of the
/// bundle, are those of the English demo, and the bundle still verifies.
#[test]
fn the_demo_speaks_the_language_it_is_given() {
    let dir = TempDir::new().unwrap();
    let mut cmd = command();
    cmd.current_dir(dir.path())
        .args(["--db", "f.db", "demo", "--out", "out", "--lang", "es"]);
    run_command(&mut cmd).ok();
    let out = dir.path().join("out");
    let page = fs::read_to_string(out.join("forum.html")).unwrap();
    assert!(page.contains("<html lang=\"es\""), "{page}");
    assert!(page.contains("El periodo en pocas palabras"), "{page}");
    let md = fs::read_to_string(out.join("forum.md")).unwrap();
    assert!(md.contains("1.740,00 EUR"), "{md}");
    let bundle = out.join("audit-bundle");
    let readme = fs::read_to_string(bundle.join("README.txt")).unwrap();
    assert!(readme.contains("Paquete de auditoría"), "{readme}");
    run_on(
        &dir.path().join("f.db"),
        &["verify", "--bundle", bundle.to_str().unwrap()],
    )
    .ok();
    let english = TempDir::new().unwrap();
    demo_in(english.path(), "f.db", "out").ok();
    assert_eq!(
        fingerprint(&dir.path().join("f.db")),
        fingerprint(&english.path().join("f.db"))
    );
    let journal = |d: &Path| fs::read(d.join("out/audit-bundle/journal.csv")).unwrap();
    assert_eq!(journal(dir.path()), journal(english.path()));
}
