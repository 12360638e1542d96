//! `fondo hub export --parquet DIR` (issue 15, network scale): the hub's
//! dataset as hive-partitioned Parquet files with exact decimal amounts,
//! read back by DuckDB to the same totals as the funds' own books; and
//! every bad request refused with the hub file unchanged and nothing left
//! behind.
//!
//! DuckDB is the Python package `duckdb` (`python3 -m pip install
//! duckdb`): without it the DuckDB checks say `skipped: …` and pass, unless
//! `FONDO_REQUIRE_ORACLES=1` (CI, whose `.ci/run` installs it).

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use common::oracle::{REQUIRE, oracle};
use common::{Fund, FundBuilder, Run, command, run_command};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

const PASSPHRASE: &str = "network passphrase";
const NOW: &str = "2026-04-02T12:00";

/// A hub of two member funds that each added one signed bundle.
struct Network {
    dir: TempDir,
    hub: PathBuf,
    /// Each fund with its id.
    funds: Vec<(String, Fund)>,
}

impl Network {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `fondo hub --hub HUB ARGS…` at [`NOW`].
    fn hub(&self, args: &[&str]) -> Run {
        let mut cmd = command();
        cmd.env("FONDO_NOW", NOW)
            .arg("hub")
            .arg("--hub")
            .arg(&self.hub)
            .args(args);
        run_command(&mut cmd)
    }

    /// `hub export --parquet DIR` into the new directory `name`.
    fn export(&self, name: &str) -> (PathBuf, String) {
        let out = self.path(name);
        let printed = self
            .hub(&["export", "--parquet", &out.display().to_string()])
            .ok();
        (out, printed)
    }
}

fn passphrase_file(dir: &Path) -> PathBuf {
    let file = dir.join("passphrase");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    file
}

/// The fund's key (`key gen`), registered with the fund (`fund key add`),
/// and its signed public bundle of 2025-11-01..2026-03-31 (`export audit
/// --sign-with`); returns (bundle, public key).
fn signed_bundle(fund: &Fund) -> (PathBuf, PathBuf) {
    let pass = passphrase_file(fund.dir.path());
    let key = fund.path("fund-key");
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", &pass)
        .args(["key", "gen", "--out"])
        .arg(&key);
    run_command(&mut cmd).ok();
    let public = fund.path("fund-key.pub");
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &public.display().to_string(),
        "--at",
        "2026-04-01T10:00",
    ]);
    let bundle = fund.path("bundle");
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", &pass)
        .env("FONDO_NOW", NOW)
        .arg("--db")
        .arg(&fund.db)
        .args([
            "export",
            "audit",
            "--from",
            "2025-11-01",
            "--to",
            "2026-03-31",
        ])
        .args(["--audience", "public", "--out"])
        .arg(&bundle)
        .arg("--sign-with")
        .arg(&key);
    run_command(&mut cmd).ok();
    (bundle, public)
}

/// Fund A keeps USD; fund B keeps MXN and rice in kg (3 decimals, so the
/// dataset's amounts are DECIMAL(18, 3)). Both have books in 2025 and 2026.
fn funds() -> Vec<Fund> {
    let a = FundBuilder::new()
        .name("Barrio Fund")
        .currency("USD")
        .accounts(&["assets:bank:usd", "income:gifts", "expenses:rent"])
        .setting("contribution-account", "assets:bank:usd")
        .members(&["Ana", "Bruno"])
        .contribution("Ana", "120.50 USD", None, "2025-12-10")
        .contribution("Bruno", "80.25 USD", None, "2026-01-15")
        .post(
            "Gift",
            "2026-02-01",
            &["assets:bank:usd=1000.01 USD", "income:gifts"],
        )
        .post(
            "Rent",
            "2026-03-01",
            &["expenses:rent=450.00 USD", "assets:bank:usd"],
        )
        .build();
    let b = FundBuilder::new()
        .name("Fondo Olla")
        .currency("MXN")
        .commodity("KG-RICE", 3)
        .accounts(&[
            "assets:bank:mxn",
            "assets:pantry",
            "income:gifts",
            "income:in-kind",
            "expenses:food",
        ])
        .post(
            "Gift",
            "2025-11-20",
            &["assets:bank:mxn=5000.00 MXN", "income:gifts"],
        )
        .post(
            "Rice donated",
            "2026-01-10",
            &["assets:pantry=12.345 KG-RICE", "income:in-kind"],
        )
        .post(
            "Rice cooked",
            "2026-02-10",
            &["expenses:food=2.5 KG-RICE", "assets:pantry"],
        )
        .post(
            "Market",
            "2026-03-05",
            &["expenses:food=1234.56 MXN", "assets:bank:mxn"],
        )
        .build();
    vec![a, b]
}

/// The fund's id, as `fund show` prints it.
fn fund_id(fund: &Fund) -> String {
    fund.ok(&["fund", "show", "--format", "csv"])
        .lines()
        .find_map(|l| l.strip_prefix("id,"))
        .expect("fund show lists the id")
        .to_owned()
}

/// A hub (`hub init`) with `funds` registered (`hub fund add`) and their
/// signed bundles added (`hub add`).
fn network_of(funds: Vec<Fund>) -> Network {
    let dir = TempDir::new().unwrap();
    let hub = dir.path().join("hub.db");
    let funds = funds.into_iter().map(|f| (fund_id(&f), f)).collect();
    let network = Network { dir, hub, funds };
    let mut cmd = command();
    cmd.env("FONDO_NOW", NOW)
        .args(["hub", "init"])
        .arg(&network.hub)
        .args(["--name", "North"]);
    run_command(&mut cmd).ok();
    for (id, fund) in &network.funds {
        let (bundle, public) = signed_bundle(fund);
        network.hub(&[
            "fund",
            "add",
            id,
            "--name",
            id,
            "--key-file",
            &public.display().to_string(),
        ]);
        network.hub(&["add", &bundle.display().to_string()]).ok();
    }
    network
}

/// The two funds of [`funds`], fund A having sent fund B 100.00 USD on
/// 2026-03-10, which B received as 1700.00 MXN on 2026-03-12.
fn network() -> Network {
    let funds = funds();
    let (a, b) = (fund_id(&funds[0]), fund_id(&funds[1]));
    let sent = funds[0].ok(&[
        "transfer",
        "send",
        "--to-fund",
        &b,
        "--amount",
        "100.00",
        "USD",
        "--from-account",
        "assets:bank:usd",
        "--date",
        "2026-03-10",
    ]);
    assert_eq!(sent.trim_end(), format!("{a}-1"));
    funds[1].ok(&[
        "transfer",
        "receive",
        "--from-fund",
        &a,
        "--transfer-id",
        &format!("{a}-1"),
        "--amount",
        "1700.00",
        "MXN",
        "--sent",
        "100.00",
        "USD",
        "--into",
        "assets:bank:mxn",
        "--date",
        "2026-03-12",
    ]);
    network_of(funds)
}

/// python3 with the `duckdb` module, or `None` after the skip line (a
/// failure with `FONDO_REQUIRE_ORACLES=1`).
fn duckdb() -> Option<PathBuf> {
    let install = "python3 -m pip install duckdb";
    let python = oracle("python3", "`apt-get install python3`")?;
    let found = Command::new(&python)
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some(python);
    }
    if std::env::var_os(REQUIRE).is_some_and(|v| v == "1") {
        panic!("duckdb is not installed, and {REQUIRE}=1 requires it; install it with {install}");
    }
    // Straight to standard error, as the oracle's own line: libtest would
    // capture `eprintln!`.
    let line = format!("skipped: duckdb ({install}) not installed\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    None
}

/// The rows DuckDB returns for `sql` (`DATASET` stands for the dataset's
/// directory), as CSV lines without a header.
fn duck(python: &Path, dataset: &Path, sql: &str) -> Vec<String> {
    let script = "import csv, sys, duckdb\n\
                  rows = duckdb.sql(sys.argv[2].replace('DATASET', sys.argv[1])).fetchall()\n\
                  csv.writer(sys.stdout, lineterminator='\\n').writerows(rows)\n";
    let out = Command::new(python)
        .args(["-c", script])
        .arg(dataset)
        .arg(sql)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "duckdb failed on {sql}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A fund's balances from its own books (`balance --format csv`), keyed by
/// (account, commodity).
fn balances(fund: &Fund) -> BTreeMap<(String, String), Decimal> {
    common::csv_rows(&fund.balance_csv(&[]))
        .into_iter()
        .map(|row| {
            (
                (row[0].clone(), row[1].clone()),
                Decimal::from_str(&row[2]).unwrap(),
            )
        })
        .collect()
}

fn digest(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// The entries of `dir`, sorted, relative to it, every level down.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(root).unwrap().display().to_string());
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn parquet_export_writes_hive_partitions_by_fund_and_year() {
    let network = network();
    let hub_before = digest(&network.hub);
    let (out, printed) = network.export("dataset");
    assert_eq!(
        printed,
        format!(
            "wrote the hub's dataset to {} (amounts as DECIMAL(18, 3))\n\
             postings: 22 rows in 4 files\n\
             transactions: 10 rows in 4 files\n\
             transfers: 2 rows in 2 files\n\
             grants: 0 rows in 0 files\n\
             contributions: 2 rows in 1 file\n\
             fund_heads: 4 rows in 2 files\n",
            out.display()
        )
    );
    let files: Vec<String> = tree(&out)
        .into_iter()
        .filter(|p| p.ends_with(".parquet"))
        .collect();
    let [a, b] = [&network.funds[0].0, &network.funds[1].0];
    let mut expected = Vec::new();
    for table in ["postings", "transactions"] {
        for fund in [a, b] {
            for year in [2025, 2026] {
                expected.push(format!("{table}/fund_id={fund}/year={year}/part-0.parquet"));
            }
        }
    }
    for fund in [a, b] {
        expected.push(format!("transfers/fund_id={fund}/year=2026/part-0.parquet"));
    }
    expected.push(format!("contributions/fund_id={a}/part-0.parquet"));
    for fund in [a, b] {
        expected.push(format!("fund_heads/fund_id={fund}/part-0.parquet"));
    }
    expected.sort();
    assert_eq!(files, expected);
    // Read-only: the hub file is as it was, and nothing is left beside DIR.
    assert_eq!(digest(&network.hub), hub_before);
    let beside: Vec<String> = tree(network.dir.path())
        .into_iter()
        .filter(|p| p.starts_with('.'))
        .collect();
    assert_eq!(beside, Vec::<String>::new());
}

#[test]
fn parquet_totals_in_duckdb_equal_each_fund_s_books() {
    let network = network();
    let (out, _) = network.export("dataset");
    let Some(python) = duckdb() else { return };
    let rows = duck(
        &python,
        &out,
        "SELECT fund_id, account, commodity, sum(amount)
         FROM read_parquet('DATASET/postings/*/*/*.parquet', hive_partitioning = true,
                           hive_types = {'fund_id': VARCHAR, 'year': INTEGER})
         GROUP BY ALL HAVING sum(amount) <> 0 ORDER BY ALL",
    );
    let mut from_duckdb: BTreeMap<String, BTreeMap<(String, String), Decimal>> = BTreeMap::new();
    for line in &rows {
        let cells: Vec<&str> = line.split(',').collect();
        let [fund, account, commodity, total] = cells[..] else {
            panic!("four cells: {line}")
        };
        // Exact decimals at the dataset's scale: 3 places, whatever the
        // commodity's own.
        assert_eq!(total.split('.').nth(1).map(str::len), Some(3), "{line}");
        from_duckdb.entry(fund.to_owned()).or_default().insert(
            (account.to_owned(), commodity.to_owned()),
            Decimal::from_str(total).unwrap(),
        );
    }
    for (id, fund) in &network.funds {
        assert_eq!(from_duckdb[id], balances(fund), "fund {id}");
    }
    // The network's totals by commodity and top-level account, as
    // docs/federation.md shows them.
    assert_eq!(
        duck(
            &python,
            &out,
            "SELECT commodity, split_part(account, ':', 1) AS kind, sum(amount)
             FROM read_parquet('DATASET/postings/*/*/*.parquet', hive_partitioning = true)
             WHERE year = 2026 GROUP BY ALL ORDER BY ALL",
        ),
        [
            "KG-RICE,assets,9.845",
            "KG-RICE,expenses,2.500",
            "KG-RICE,income,-12.345",
            "MXN,assets,465.440",
            "MXN,equity,-1700.000",
            "MXN,expenses,1234.560",
            "USD,assets,530.260",
            "USD,equity,100.000",
            "USD,expenses,550.000",
            "USD,income,-1180.260",
        ]
    );
    let [a, b] = [&network.funds[0].0, &network.funds[1].0];
    let mut expected = [
        format!("{a},2025,1"),
        format!("{a},2026,4"),
        format!("{b},2025,1"),
        format!("{b},2026,4"),
    ];
    expected.sort();
    assert_eq!(
        duck(
            &python,
            &out,
            "SELECT fund_id, year, count(*) FROM read_parquet(
                 'DATASET/transactions/*/*/*.parquet', hive_partitioning = true,
                 hive_types = {'fund_id': VARCHAR, 'year': INTEGER})
             GROUP BY ALL ORDER BY ALL",
        ),
        expected
    );
    // The last journal head of each fund is the one `hub status` shows.
    let status: BTreeMap<String, String> =
        common::csv_rows(&network.hub(&["status", "--format", "csv"]).ok())
            .into_iter()
            .map(|row| (row[0].clone(), row[4].clone()))
            .collect();
    let heads: BTreeMap<String, String> = duck(
        &python,
        &out,
        "SELECT fund_id, last(hash ORDER BY position) FROM read_parquet(
             'DATASET/fund_heads/*/*.parquet', hive_partitioning = true,
             hive_types = {'fund_id': VARCHAR})
         WHERE chain = 'journal' GROUP BY ALL ORDER BY ALL",
    )
    .iter()
    .map(|line| {
        let (fund, hash) = line.split_once(',').unwrap();
        (fund.to_owned(), hash.to_owned())
    })
    .collect();
    assert_eq!(heads, status);
    assert_eq!(
        duck(
            &python,
            &out,
            "SELECT contributor, date, amount, commodity FROM read_parquet(
                 'DATASET/contributions/*/*.parquet', hive_partitioning = true)
             ORDER BY date",
        )
        .len(),
        2
    );
}

/// The network's flows of 2026-Q1 in money, computed by DuckDB over the
/// dataset with the summary's rules for these accounts (contributions on
/// `income:contributions…`, other income, grants paid on
/// `expenses:grants…`, operating costs; transfers between member funds
/// eliminated), equal `hub report summary`'s network rows.
#[test]
fn parquet_network_flows_in_duckdb_equal_hub_report_summary() {
    let network = network();
    let (out, _) = network.export("dataset");
    let Some(python) = duckdb() else { return };
    let summary = network
        .hub(&[
            "report", "summary", "--period", "2026-Q1", "--format", "csv",
        ])
        .ok();
    let from_summary: Vec<(String, String, String, Decimal)> = common::csv_rows(&summary)
        .into_iter()
        .filter(|r| {
            r[0] == "network"
                && ["inflow", "outflow", "eliminated"].contains(&r[1].as_str())
                && r[4] != "KG-RICE"
        })
        .map(|r| {
            (
                r[1].clone(),
                r[2].clone(),
                r[4].clone(),
                Decimal::from_str(&r[5]).unwrap(),
            )
        })
        .collect();
    let members = network
        .funds
        .iter()
        .map(|(id, _)| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "WITH p AS (
             SELECT * FROM read_parquet('DATASET/postings/*/*/*.parquet', hive_partitioning = true,
                                        hive_types = {{'fund_id': VARCHAR, 'year': INTEGER}})
             WHERE date BETWEEN DATE '2026-01-01' AND DATE '2026-03-31'
               AND commodity IN ('USD', 'MXN')),
         t AS (
             SELECT * FROM read_parquet('DATASET/transfers/*/*/*.parquet', hive_partitioning = true,
                                        hive_types = {{'fund_id': VARCHAR, 'year': INTEGER}})
             WHERE date BETWEEN DATE '2026-01-01' AND DATE '2026-03-31'
               AND voided_by IS NULL AND counterpart_fund IN ({members})),
         flows AS (
             SELECT 'inflow' AS section,
                    CASE WHEN account LIKE 'income:contributions%' THEN 'contributions'
                         ELSE 'other income' END AS item,
                    commodity, -sum(amount) AS amount
             FROM p WHERE account LIKE 'income:%' AND account <> 'income:transfers'
             GROUP BY ALL
             UNION ALL
             SELECT 'outflow',
                    CASE WHEN account LIKE 'expenses:grants%' THEN 'grants paid'
                         ELSE 'operating costs' END,
                    commodity, sum(amount)
             FROM p WHERE account LIKE 'expenses:%' AND account <> 'expenses:transfers'
             GROUP BY ALL
             UNION ALL
             SELECT 'eliminated', 'transfers to member funds', commodity, sum(amount)
             FROM t WHERE direction = 'sent' GROUP BY ALL
             UNION ALL
             SELECT 'eliminated', 'transfers from member funds',
                    coalesce(sent_commodity, commodity), sum(coalesce(sent_amount, amount))
             FROM t WHERE direction = 'received' GROUP BY ALL)
         SELECT section, item, commodity, amount FROM flows WHERE amount <> 0"
    );
    let mut from_duckdb: Vec<(String, String, String, Decimal)> = duck(&python, &out, &sql)
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
                Decimal::from_str(cells[3]).unwrap(),
            )
        })
        .collect();
    let mut from_summary = from_summary;
    from_summary.sort();
    from_duckdb.sort();
    assert_eq!(from_duckdb, from_summary, "{summary}");
    assert!(
        from_summary
            .iter()
            .any(|r| r.1 == "transfers to member funds"),
        "{summary}"
    );
}

#[test]
fn parquet_columns_are_decimal_and_date_never_float() {
    let network = network();
    let (out, _) = network.export("dataset");
    let Some(python) = duckdb() else { return };
    let types = |glob: &str| {
        duck(
            &python,
            &out,
            &format!(
                "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(
                     'DATASET/{glob}', hive_partitioning = true))"
            ),
        )
    };
    let postings = types("postings/*/*/*.parquet");
    for column in [
        "txn,BIGINT",
        "seq,BIGINT",
        "date,DATE",
        "account,VARCHAR",
        "amount,\"DECIMAL(18,3)\"",
        "commodity,VARCHAR",
        "pool,VARCHAR",
        "memo,VARCHAR",
        "fund_id,VARCHAR",
    ] {
        assert!(
            postings.iter().any(|c| c == column),
            "{column} in {postings:?}"
        );
    }
    let transfers = types("transfers/*/*/*.parquet");
    for column in [
        "amount,\"DECIMAL(18,3)\"",
        "sent_amount,\"DECIMAL(18,3)\"",
        "sent_commodity,VARCHAR",
        "rate,VARCHAR",
        "date,DATE",
    ] {
        assert!(
            transfers.iter().any(|c| c == column),
            "{column} in {transfers:?}"
        );
    }
    let contributions = types("contributions/*/*.parquet");
    assert!(
        contributions.contains(&"amount,\"DECIMAL(18,3)\"".to_owned()),
        "{contributions:?}"
    );
    for table in [
        &postings,
        &types("transactions/*/*/*.parquet"),
        &transfers,
        &contributions,
        &types("fund_heads/*/*.parquet"),
    ] {
        assert!(
            !table
                .iter()
                .any(|c| c.contains("FLOAT") || c.contains("DOUBLE")),
            "{table:?}"
        );
    }
}

#[test]
fn parquet_export_refuses_a_directory_that_holds_something() {
    let network = network();
    let out = network.path("full");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    let hub_before = digest(&network.hub);
    let arg = out.display().to_string();
    network.hub(&["export", "--parquet", &arg]).error(&[
        "is not empty",
        "new or empty directory",
        "--parquet",
    ]);
    assert_eq!(tree(&out), ["notes.txt"]);
    assert_eq!(digest(&network.hub), hub_before);

    let file = network.path("a-file");
    std::fs::write(&file, "x").unwrap();
    network
        .hub(&["export", "--parquet", &file.display().to_string()])
        .error(&["exists and is not a directory"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");

    let orphan = network.path("missing/dataset");
    network
        .hub(&["export", "--parquet", &orphan.display().to_string()])
        .error(&["does not exist"]);
    assert!(!network.path("missing").exists());

    // An empty directory is taken, and filled.
    let empty = network.path("empty");
    std::fs::create_dir(&empty).unwrap();
    network
        .hub(&["export", "--parquet", &empty.display().to_string()])
        .ok();
    assert!(empty.join("postings").is_dir());
    let beside: Vec<String> = tree(network.dir.path())
        .into_iter()
        .filter(|p| p.starts_with('.'))
        .collect();
    assert_eq!(beside, Vec::<String>::new());
}

#[test]
fn parquet_export_needs_a_hub_file() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("dataset");
    let mut cmd = command();
    cmd.args(["hub", "--hub"])
        .arg(dir.path().join("none.db"))
        .args(["export", "--parquet"])
        .arg(&out);
    run_command(&mut cmd).error(&["no hub file at"]);
    assert!(!out.exists());
    assert_eq!(tree(dir.path()), Vec::<String>::new());
}

/// A fund with a commodity of 9 decimals makes the scale 9, which leaves
/// 9 digits before the point: another fund's 2,000,000,000.00 USD no
/// longer fits, and the export says so instead of rounding.
#[test]
fn parquet_export_refuses_an_amount_that_does_not_fit_18_digits() {
    let wide = FundBuilder::new()
        .currency("USD")
        .accounts(&["assets:bank:usd", "income:gifts"])
        .post(
            "Bequest",
            "2026-01-05",
            &["assets:bank:usd=2000000000.00 USD", "income:gifts"],
        )
        .build();
    let fine = FundBuilder::new()
        .currency("USD")
        .commodity("NANO", 9)
        .accounts(&["assets:wallet", "income:gifts"])
        .post(
            "Tip",
            "2026-01-06",
            &["assets:wallet=0.000000001 NANO", "income:gifts"],
        )
        .build();
    let network = network_of(vec![wide, fine]);
    let wide_id = &network.funds[0].0;
    let hub_before = digest(&network.hub);
    let out = network.path("dataset");
    network
        .hub(&["export", "--parquet", &out.display().to_string()])
        .error(&[
            &format!("postings/fund_id={wide_id}/year=2026"),
            "2000000000.00 in column amount does not fit DECIMAL(18, 9)",
            "nothing was written",
        ]);
    assert!(!out.exists());
    assert_eq!(digest(&network.hub), hub_before);
    let left: Vec<String> = tree(network.dir.path())
        .into_iter()
        .filter(|p| p.starts_with('.'))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

/// A hub file whose rows name a fund id that is no plain name (written
/// behind fondo's back) is refused as damaged: no path outside the
/// dataset is ever made from it.
#[test]
fn parquet_export_refuses_a_fund_id_that_would_leave_its_directory() {
    let network = network();
    {
        let conn = rusqlite::Connection::open(&network.hub).unwrap();
        conn.execute_batch(
            "INSERT INTO hub_commodities VALUES ('../../escape', 'USD', 2);
             INSERT INTO hub_txns VALUES ('../../escape', 1, '2026-01-01', 'x', '', '', NULL,
                                          'h', 1);
             INSERT INTO hub_postings VALUES ('../../escape', 1, 1, 'assets:bank', 'USD', 1,
                                              '', '');",
        )
        .unwrap();
    }
    let hub_before = digest(&network.hub);
    let out = network.path("dataset");
    network
        .hub(&["export", "--parquet", &out.display().to_string()])
        .error(&[
            "the hub file is damaged",
            "not a plain name: \"../../escape\"",
        ]);
    assert!(!out.exists());
    assert_eq!(digest(&network.hub), hub_before);
    let left: Vec<String> = tree(network.dir.path())
        .into_iter()
        .filter(|p| p.starts_with('.') || p.contains("escape"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}
