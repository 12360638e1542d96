//! What an auditor can check without trusting fondo's code: the hash chain
//! recomputed from `fondo journal export` output by an independent
//! implementation of the canonical form in docs/hash-chain.md (sha2,
//! serde_json and csv only; nothing from fondo's library), and the same check
//! done by `scripts/verify_chain.py`. Both must reach exactly the fingerprint
//! `fondo verify` prints. The script's tests need python3: without it they
//! are skipped, saying so (see `tests/common/oracle.rs`).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::json;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const EXPORT_HEADER: [&str; 20] = [
    "txn",
    "date",
    "description",
    "account",
    "amount",
    "commodity",
    "payee",
    "reference",
    "memo",
    "pool",
    "reverses",
    "prev_hash",
    "hash",
    "form",
    "description_salt",
    "payee_salt",
    "reference_salt",
    "memo_salt",
    "account_salt",
    "pool_salt",
];

/// A fund database in a temporary directory.
struct Fund {
    dir: TempDir,
    db: PathBuf,
}

impl Fund {
    fn new() -> Fund {
        let dir = TempDir::new().expect("a temporary directory");
        let db = dir.path().join("fund.db");
        Fund { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs fondo on this fund and returns its output, whatever the exit code.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_fondo"))
            .env_remove("FONDO_DB")
            .env("FONDO_SALT_KEY", common::SALT_KEY)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("running fondo")
    }

    /// Runs fondo, expects success, returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "fondo {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("fondo writes UTF-8")
    }

    /// The fingerprint `fondo verify` prints (and that it finds nothing).
    fn fingerprint(&self) -> String {
        let out = self.ok(&["verify"]);
        assert!(out.contains(": no findings\n"), "{out}");
        fingerprint_line(&out).unwrap_or_else(|| panic!("no fingerprint line in {out}"))
    }

    fn export(&self, args: &[&str]) -> String {
        let mut all = vec!["journal", "export"];
        all.extend_from_slice(args);
        self.ok(&all)
    }
}

/// The 64 hex digits after `fingerprint: ` on the last such line.
fn fingerprint_line(text: &str) -> Option<String> {
    let hex = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("fingerprint: "))?;
    assert!(
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "fingerprint is not 64 lower-case hex digits: {hex:?}"
    );
    Some(hex.to_owned())
}

/// Imported with memos and pools (named in another case than they were
/// added with), then extended with `fondo post` and `fondo void`.
const TRICKY_CSV: &str = "\
txn,date,description,account,amount,commodity,payee,reference,memo,reverses,pool
k1,2026-01-05,\"Aporte de \"\"Doña\"\" Ana, cuota\",assets:caja:kwd,12.5,KWD,\"Ana \"\"la\"\" Pérez\",\"REF,1\",línea “uno”,,
k1,2026-01-05,\"Aporte de \"\"Doña\"\" Ana, cuota\",income:aportes:niños,-12.500,KWD,\"Ana \"\"la\"\" Pérez\",\"REF,1\",\"memo, con coma
y salto\",,\"niñez \"\"sol\"\", NORTE\"
k2,2026-01-06,Horas de voluntariado 🌱,expenses:in-kind:tiempo,7,HOURS,,,\"tab\there, back\\slash\",,\"Niñez \"\"Sol\"\", norte\"
k2,2026-01-06,Horas de voluntariado 🌱,income:in-kind:tiempo,-7,HOURS,,,,,\"Niñez \"\"Sol\"\", norte\"
k3,2026-01-10,Cambio KWD → USD,assets:bank:usd,32.50,USD,Casa de cambio «Sol»,FX-1,,,
k3,2026-01-10,Cambio KWD → USD,equity:conversions:USD,-32.50,USD,Casa de cambio «Sol»,FX-1,,,general
k3,2026-01-10,Cambio KWD → USD,equity:conversions:KWD,10,KWD,Casa de cambio «Sol»,FX-1,tasa 3.25,,\"Niñez \"\"Sol\"\", norte\"
k3,2026-01-10,Cambio KWD → USD,assets:caja:kwd,-10.000,KWD,Casa de cambio «Sol»,FX-1,,,
k4,2026-01-20,\"void of k2: counted twice, \"\"oops\"\"\",expenses:in-kind:tiempo,-7,HOURS,,,,k2,\"Niñez \"\"Sol\"\", norte\"
k4,2026-01-20,\"void of k2: counted twice, \"\"oops\"\"\",income:in-kind:tiempo,7,HOURS,,,,k2,\"Niñez \"\"Sol\"\", norte\"
";

/// A ledger with unicode text, quotes, commas, newlines and tabs in every
/// text field, commodities with 0, 2 and 3 decimal places, postings in a
/// restricted pool and in the general pool, and two voids (one imported, one
/// made with `fondo void`).
fn tricky_fund() -> Fund {
    let fund = Fund::new();
    fund.ok(&[
        "init",
        "--name",
        "Fondo \"Barrio\", Norte",
        "--currency",
        "USD",
    ]);
    fund.ok(&["commodity", "add", "HOURS", "--decimals", "0"]);
    fund.ok(&[
        "pool",
        "add",
        "Niñez \"Sol\", norte",
        "--purpose",
        "Útiles escolares",
    ]);
    let csv = fund.path("tricky.csv");
    std::fs::write(&csv, TRICKY_CSV).unwrap();
    fund.ok(&["journal", "import", csv.to_str().unwrap()]);
    fund.ok(&["account", "add", "expenses:grants:housing"]);
    let id = fund.ok(&[
        "post",
        "Alquiler, \"marzo\"\nsegunda línea",
        "--date",
        "2026-03-01",
        "-p",
        "expenses:grants:housing=250 USD",
        "-p",
        "assets:bank:usd",
        "--payee",
        "José \"Pepe\" 🏠",
        "--reference",
        "R-1,2",
    ]);
    fund.ok(&[
        "void",
        id.trim(),
        "--reason",
        "duplicado, \"error\"",
        "--date",
        "2026-03-02",
    ]);
    fund
}

/// Decimal places per commodity, from `fondo commodity list --format csv`.
fn decimals(fund: &Fund) -> HashMap<String, usize> {
    let text = fund.ok(&["commodity", "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].parse().unwrap())
        })
        .collect()
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One transaction of an export: its rows, in order.
type Rows = Vec<csv::StringRecord>;

/// Consecutive rows with the same `txn` value, in file order.
fn transactions(export: &str) -> Vec<Rows> {
    let mut reader = csv::Reader::from_reader(export.as_bytes());
    assert_eq!(reader.headers().unwrap(), &EXPORT_HEADER[..]);
    let mut groups: Vec<Rows> = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        match groups.last_mut() {
            Some(group) if group[0][0] == record[0] => group.push(record),
            _ => groups.push(vec![record]),
        }
    }
    groups
}

/// A v2 commitment, written from the document: the stated commitment
/// (64 hex digits) or SHA-256 of "fondo-text-v2" 0 SALT 0 TEXT; "" for "".
fn commit(text: &str, seal: &str) -> String {
    if seal.len() == 64 {
        return seal.to_owned();
    }
    if text.is_empty() {
        return String::new();
    }
    let mut digest = Sha256::new();
    digest.update(b"fondo-text-v2\0");
    digest.update(seal.as_bytes());
    digest.update([0u8]);
    digest.update(text.as_bytes());
    digest
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The canonical form of docs/hash-chain.md, written from the document: v1,
/// or v2 (commitments in place of text) when the `form` column says so.
fn canonical(prev: &str, rows: &Rows, reverses_hash: &str) -> String {
    let first = &rows[0];
    if &first[13] == "fondo-txn-v2" {
        let postings: Vec<_> = rows
            .iter()
            .map(|r| {
                json!([
                    commit(&r[3], &r[18]),
                    &r[5],
                    &r[4],
                    commit(&r[8], &r[17]),
                    commit(&r[9], &r[19])
                ])
            })
            .collect();
        return json!([
            "fondo-txn-v2",
            prev,
            &first[1],
            commit(&first[2], &first[14]),
            commit(&first[6], &first[15]),
            commit(&first[7], &first[16]),
            reverses_hash,
            postings
        ])
        .to_string();
    }
    assert_eq!(&first[13], "fondo-txn-v1");
    let postings: Vec<_> = rows
        .iter()
        .map(|r| json!([&r[3], &r[5], &r[4], &r[8], &r[9]]))
        .collect();
    json!([
        "fondo-txn-v1",
        prev,
        &first[1],
        &first[2],
        &first[6],
        &first[7],
        reverses_hash,
        postings
    ])
    .to_string()
}

/// Recomputes the chain of a whole export, checking every row against the
/// document's rules, and returns the head hash.
fn recompute(export: &str, decimals: &HashMap<String, usize>) -> String {
    let mut prev = GENESIS.to_owned();
    let mut hashes: HashMap<String, String> = HashMap::new();
    for rows in transactions(export) {
        let first = &rows[0];
        let txn = &first[0];
        for row in &rows {
            for column in [1, 2, 6, 7, 10, 11, 12, 13, 14, 15, 16] {
                assert_eq!(row[column], first[column], "txn {txn}: column {column}");
            }
            let places = decimals[&row[5]];
            let written = row[4].split_once('.').map_or(0, |(_, f)| f.len());
            assert_eq!(
                written, places,
                "txn {txn}: amount {} of {}",
                &row[4], &row[5]
            );
        }
        assert_eq!(first[11], prev, "txn {txn}: prev_hash");
        let reverses_hash = match &first[10] {
            "" => String::new(),
            original => hashes[original].clone(),
        };
        let hash = sha256_hex(&canonical(&prev, &rows, &reverses_hash));
        assert_eq!(first[12], hash, "txn {txn}: hash");
        hashes.insert(txn.to_owned(), hash.clone());
        prev = hash;
    }
    prev
}

/// python3, when it is installed (see [`common::oracle`]).
fn python3() -> Option<PathBuf> {
    common::oracle("python3", "apt-get install python3")
}

/// Runs scripts/verify_chain.py with `python`.
fn python_script(python: &Path, args: &[&Path], stdin: Option<Vec<u8>>) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_chain.py");
    let mut command = Command::new(python);
    command.arg(script).args(args);
    let Some(input) = stdin else {
        return command.output().expect("running python3");
    };
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running python3");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn independent_recomputation_reaches_the_verify_fingerprint() {
    let fund = tricky_fund();
    let export = fund.export(&[]);
    // The ledger really has what this test is about.
    for needle in [
        ",12.500,KWD,",
        ",7,HOURS,",
        ",250.00,USD,",
        "\"memo, con coma\ny salto\"",
        "\"Alquiler, \"\"marzo\"\"\nsegunda línea\"",
        "José \"\"Pepe\"\" 🏠",
        "\"R-1,2\"",
        "tab\there, back\\slash",
        // The pool as it was added, on every posting that names it.
        ",-12.500,KWD,\"Ana \"\"la\"\" Pérez\",\"REF,1\",\"memo, con coma\ny salto\",\"Niñez \"\"Sol\"\", norte\",,",
        ",-7,HOURS,,,,\"Niñez \"\"Sol\"\", norte\",,",
    ] {
        assert!(export.contains(needle), "{needle:?} not in\n{export}");
    }
    let groups = transactions(&export);
    assert_eq!(groups.len(), 6);
    let pooled = groups.iter().flatten().filter(|r| !r[9].is_empty()).count();
    assert_eq!(
        pooled, 6,
        "k1's income, k3's KWD conversion, both postings of k2 and of its void"
    );
    assert_eq!(
        groups.iter().filter(|g| !g[0][10].is_empty()).count(),
        2,
        "two voids"
    );
    let head = recompute(&export, &decimals(&fund));
    assert_eq!(head, fund.fingerprint());
}

#[test]
fn independent_recomputation_of_the_example_journal() {
    let fund = Fund::new();
    fund.ok(&["init", "--currency", "USD"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/barrio-journal.csv");
    fund.ok(&["journal", "import", example.to_str().unwrap()]);
    let head = recompute(&fund.export(&[]), &decimals(&fund));
    assert_eq!(head, fund.fingerprint());
}

#[test]
fn python_script_agrees_with_verify_and_catches_an_edited_description() {
    let Some(python) = python3() else { return };
    let fund = tricky_fund();
    let fingerprint = fund.fingerprint();
    let export = fund.path("export.csv");
    fund.ok(&["journal", "export", "--out", export.to_str().unwrap()]);

    let out = python_script(&python, &[&export], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        fingerprint_line(&text(&out)).as_deref(),
        Some(fingerprint.as_str()),
        "{}",
        text(&out)
    );

    // Change the description of transaction 3 (on all its rows, as a careful
    // forger would), keeping its hash columns.
    let mut reader = csv::Reader::from_path(&export).unwrap();
    let mut writer = csv::Writer::from_path(fund.path("edited.csv")).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    let mut edited = 0;
    for record in reader.records() {
        let mut fields: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if fields[0] == "3" {
            fields[2] = "Cambio KWD a USD".to_owned();
            edited += 1;
        }
        writer.write_record(&fields).unwrap();
    }
    writer.flush().unwrap();
    assert_eq!(edited, 4);
    let out = python_script(&python, &[&fund.path("edited.csv")], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report = text(&out);
    assert!(
        report.contains("txn 3: its content does not match its hash column"),
        "{report}"
    );
    assert!(
        !report.contains("txn 2:") && !report.contains("txn 4:"),
        "{report}"
    );
    assert_ne!(fingerprint_line(&report), Some(fingerprint));
}

#[test]
fn python_script_reads_stdin_with_bom_and_crlf() {
    let Some(python) = python3() else { return };
    let fund = tricky_fund();
    let export = fund.export(&[]);
    // CRLF line endings, but the newlines inside quoted fields are content.
    let mut crlf = Vec::from("\u{feff}".as_bytes());
    let mut records = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(export.as_bytes());
    for record in reader.records() {
        records.write_record(&record.unwrap()).unwrap();
    }
    crlf.extend(records.into_inner().unwrap());
    assert!(crlf.windows(2).any(|w| w == b"\r\n"));

    let out = python_script(&python, &[Path::new("-")], Some(crlf));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(fingerprint_line(&text(&out)), Some(fund.fingerprint()));
}

#[test]
fn python_script_checks_a_filtered_export_from_its_first_prev_hash() {
    let Some(python) = python3() else { return };
    let fund = tricky_fund();
    let export = fund.export(&["--from", "2026-01-06", "--to", "2026-01-10"]);
    let groups = transactions(&export);
    let ids: Vec<&str> = groups.iter().map(|g| &g[0][0]).collect();
    assert_eq!(ids, ["2", "3"]);
    let file = fund.path("part.csv");
    std::fs::write(&file, &export).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let last_hash = groups.last().unwrap()[0][12].to_owned();
    assert_eq!(fingerprint_line(&text(&out)), Some(last_hash));
    assert!(
        text(&out).contains("not at the genesis hash"),
        "{}",
        text(&out)
    );

    // A void whose original lies before --from cannot be recomputed: the
    // export names the original by txn only, and its hash is not in the file.
    std::fs::write(&file, fund.export(&["--from", "2026-01-20"])).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("txn 4: cannot be checked: it voids txn 2"),
        "{}",
        text(&out)
    );
}

#[test]
fn python_script_catches_a_removed_transaction_and_a_changed_amount() {
    let Some(python) = python3() else { return };
    let fund = tricky_fund();
    let export = fund.export(&[]);

    let removed: String = export
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("2,"))
        .collect();
    let file = fund.path("removed.csv");
    std::fs::write(&file, removed).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("txn 3: prev_hash") && text(&out).contains("removed or reordered"),
        "{}",
        text(&out)
    );

    let changed = export.replacen(",12.500,KWD,", ",12.000,KWD,", 1);
    assert_ne!(changed, export);
    std::fs::write(&file, changed).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("txn 1: "), "{}", text(&out));
}

/// The worked example in docs/hash-chain.md is what the binary does.
#[test]
fn hash_chain_document_worked_example_is_current() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/hash-chain.md"))
            .unwrap();
    let fund = Fund::new();
    for args in [
        &["init", "--name", "Fondo Barrio", "--currency", "USD"][..],
        &["commodity", "add", "HOURS", "--decimals", "0"],
        &[
            "pool",
            "add",
            "Vivienda",
            "--purpose",
            "Rent relief for members",
        ],
        &["account", "add", "assets:bank:usd"],
        &["account", "add", "income:donations"],
        &["account", "add", "expenses:in-kind:legal"],
        &["account", "add", "income:in-kind:legal"],
        &[
            "post",
            "Donación, \"Doña\" Ana",
            "--date",
            "2026-03-01",
            "-p",
            "assets:bank:usd=250 USD",
            "-p",
            "income:donations",
            "--payee",
            "Ana Pérez",
            "--reference",
            "R-7",
            "--pool",
            "vivienda",
        ],
        &[
            "post",
            "Legal clinic hours",
            "--date",
            "2026-03-02",
            "-p",
            "expenses:in-kind:legal=12 HOURS",
            "-p",
            "income:in-kind:legal",
        ],
        &[
            "void",
            "1",
            "--reason",
            "cheque bounced",
            "--date",
            "2026-03-05",
        ],
    ] {
        fund.ok(args);
    }
    let export = fund.export(&[]);
    assert!(
        doc.contains(&format!("```text\n{export}```")),
        "docs/hash-chain.md lacks the export:\n{export}"
    );
    let mut prev = GENESIS.to_owned();
    let mut hashes = HashMap::new();
    for rows in transactions(&export) {
        let reverses = match &rows[0][10] {
            "" => String::new(),
            original => hashes.get(original).cloned().unwrap(),
        };
        let text = canonical(&prev, &rows, &reverses);
        let hash = sha256_hex(&text);
        assert!(doc.contains(&text), "docs/hash-chain.md lacks {text}");
        assert!(doc.contains(&hash), "docs/hash-chain.md lacks {hash}");
        hashes.insert(rows[0][0].to_owned(), hash.clone());
        prev = hash;
    }
    assert_eq!(prev, fund.fingerprint());
    assert!(doc.contains(&format!("fingerprint: {prev}")));
}

/// Rewrites CSV text without the named column.
fn without_column(text: &str, column: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = reader.records().map(Result::unwrap);
    let header = rows.next().unwrap();
    let drop = header.iter().position(|c| c == column).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in std::iter::once(header).chain(rows) {
        let kept: Vec<&str> = row
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != drop)
            .map(|(_, f)| f)
            .collect();
        writer.write_record(kept).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn python_script_reads_a_file_without_a_pool_column_as_the_general_pool() {
    let Some(python) = python3() else { return };
    let fund = Fund::new();
    fund.ok(&["init", "--currency", "USD"]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/barrio-journal.csv");
    fund.ok(&["journal", "import", example.to_str().unwrap()]);
    let export = fund.export(&[]);
    assert!(
        transactions(&export)
            .iter()
            .flatten()
            .all(|r| r[9].is_empty()),
        "the example uses no pool"
    );
    let file = fund.path("no-pool.csv");
    std::fs::write(&file, without_column(&export, "pool")).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(fingerprint_line(&text(&out)), Some(fund.fingerprint()));
}

#[test]
fn python_script_catches_a_changed_or_dropped_pool() {
    let Some(python) = python3() else { return };
    let fund = tricky_fund();
    let export = fund.export(&[]);
    let file = fund.path("pool.csv");

    // Dropping the column puts every posting in the general pool: only the
    // transactions that had a restricted pool stop matching.
    std::fs::write(&file, without_column(&export, "pool")).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report = text(&out);
    for txn in ["1", "2", "3", "4"] {
        assert!(
            report.contains(&format!("txn {txn}: its content does not match")),
            "{report}"
        );
    }
    for txn in ["5", "6"] {
        assert!(!report.contains(&format!("txn {txn}: ")), "{report}");
    }

    // Moving a posting to another pool (here: the general one) is caught.
    let changed = export.replacen(
        ",-7,HOURS,,,,\"Niñez \"\"Sol\"\", norte\",,",
        ",-7,HOURS,,,,,,",
        1,
    );
    assert_ne!(changed, export);
    std::fs::write(&file, changed).unwrap();
    let out = python_script(&python, &[&file], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("txn 2: its content does not match"),
        "{}",
        text(&out)
    );
}
