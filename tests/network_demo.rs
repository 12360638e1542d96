//! `fondo demo --network` end to end: three autonomous funds and a hub built
//! through the real commands from `examples/network/network.sh`; every fund's
//! books verify, the hub holds their three signed bundles, the transfers are
//! matched on both sides with Berlin's June transfer in transit, and the
//! network's summary is what the story adds up to (worked out by hand below);
//! the forum page, the Parquet dataset and the witness files are written.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, command, csv_named_rows, run_command};
use tempfile::TempDir;

const BARRIO: &str = "ba000000000000000000000000000001";
const BERLIN: &str = "be000000000000000000000000000002";
const OLLA: &str = "0a000000000000000000000000000003";

/// Runs fondo in `dir` with `args`.
fn fondo_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = command();
    cmd.current_dir(dir).args(args);
    run_command(&mut cmd)
}

#[test]
fn the_network_demo_builds_three_funds_and_a_hub_that_add_up() {
    let tmp = TempDir::new().unwrap();
    let run = fondo_in(tmp.path(), &["demo", "--network", "--out", "net"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .starts_with("built a network of three funds and a hub in "),
        "{}",
        run.stdout
    );
    let net = tmp.path().join("net/network");
    for file in [
        "network.html",
        "network.sh",
        "hub.db",
        "barrio-2026-Q2/MANIFEST.csv.sig",
        "berlin-2026-Q2/transfers.csv",
        "olla-2026-Q2/fund_signers",
        "witness/barrio.csv",
        "witness/olla.csv",
    ] {
        assert!(net.join(file).is_file(), "{file} is missing");
    }
    assert!(net.join("parquet/postings").is_dir());

    // Each fund's books verify on their own, and extend what the hub saw.
    for (db, witness) in [
        ("barrio.db", "witness/barrio.csv"),
        ("berlin.db", "witness/berlin.csv"),
        ("olla.db", "witness/olla.csv"),
    ] {
        let verified = fondo_in(&net, &["--db", db, "verify", "--witness", witness]);
        assert_eq!(verified.code, 0, "{db}: {}", verified.stdout);
    }

    // The hub: three funds, each with its Q2 bundle, no finding.
    let hub = ["hub", "--hub", "hub.db"];
    let status = fondo_in(&net, &[&hub[..], &["status", "--format", "csv"]].concat());
    assert_eq!(status.code, 0, "{}{}", status.stdout, status.stderr);
    let funds = csv_named_rows(&status.stdout);
    assert_eq!(funds.len(), 3, "{}", status.stdout);
    let mut ids: Vec<&str> = funds.iter().map(|f| f["fund_id"].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, [OLLA, BARRIO, BERLIN]);
    assert!(
        funds
            .iter()
            .all(|f| f["last_period"] == "2026-Q2" && f["findings"].is_empty())
    );

    // Berlin's two sends: one received by the barrio in dollars, the other
    // still in transit at the quarter's end (La Olla receives it in July);
    // the barrio's send to La Olla received in pesos.
    let reconcile = fondo_in(
        &net,
        &[
            &hub[..],
            &["reconcile", "--period", "2026-Q2", "--format", "csv"],
        ]
        .concat(),
    );
    assert_eq!(
        reconcile.code, 0,
        "{}{}",
        reconcile.stdout, reconcile.stderr
    );
    let status_of: Vec<(String, String)> = csv_named_rows(&reconcile.stdout)
        .iter()
        .map(|r| (r["transfer_id"].clone(), r["status"].clone()))
        .collect();
    assert_eq!(
        status_of,
        vec![
            (format!("{BERLIN}-1"), "matched".to_owned()),
            (format!("{BARRIO}-1"), "matched".to_owned()),
            (format!("{BERLIN}-2"), "in-transit".to_owned()),
        ]
    );

    // The network's figures, by hand from the story:
    // - contributions: the barrio's 400.00 + 150.00 USD, Berlin's 900.00 +
    //   600.00 EUR, La Olla's 4000.00 MXN (and 50.0 KG-MAIZ in kind);
    // - grants paid: the barrio's 600.00 USD, La Olla's 2500.00 MXN;
    // - transfers between the funds eliminated: Berlin's 500.00 and 300.00
    //   EUR and the barrio's 100.00 USD sent; 500.00 EUR and 100.00 USD
    //   received (as the receivers recorded what was sent);
    // - held at the end: the barrio's housing pool 150.00 + 540.00 - 600.00
    //   = 90.00 USD and its general pool 400.00 - 100.00 = 300.00 USD;
    //   Berlin 1500.00 - 800.00 = 700.00 EUR; La Olla's kitchen 4000.00 +
    //   1712.00 - 2500.00 = 3212.00 MXN and 50.0 KG-MAIZ; and Berlin's
    //   300.00 EUR of 29 June, in transit between them.
    let summary = fondo_in(
        &net,
        &[
            &hub[..],
            &[
                "report", "summary", "--period", "2026-Q2", "--format", "csv",
            ],
        ]
        .concat(),
    );
    assert_eq!(summary.code, 0, "{}{}", summary.stdout, summary.stderr);
    let network: Vec<String> = csv_named_rows(&summary.stdout)
        .iter()
        .filter(|r| r["fund"] == "network" && r["section"] != "metric")
        .map(|r| {
            format!(
                "{} {} {} {} {}",
                r["section"], r["item"], r["pool"], r["amount"], r["commodity"]
            )
        })
        .collect();
    for line in [
        "inflow contributions  1500.00 EUR",
        "inflow contributions  4000.00 MXN",
        "inflow contributions  550.00 USD",
        "inflow goods in kind  50.0 KG-MAIZ",
        "outflow grants paid  2500.00 MXN",
        "outflow grants paid  600.00 USD",
        "eliminated transfers from member funds  500.00 EUR",
        "eliminated transfers from member funds  100.00 USD",
        "eliminated transfers to member funds  800.00 EUR",
        "eliminated transfers to member funds  100.00 USD",
        "closing held cocina 50.0 KG-MAIZ",
        "closing held cocina 3212.00 MXN",
        "closing held general 700.00 EUR",
        "closing held general 300.00 USD",
        "closing held housing 90.00 USD",
        "closing in transit between member funds  300.00 EUR",
    ] {
        assert!(
            network.contains(&line.to_owned()),
            "no network row {line:?} in {network:#?}"
        );
    }

    // The forum page names every fund; each fund's own transfer list has
    // its side of the story.
    let page = fs::read_to_string(net.join("network.html")).unwrap();
    for name in [
        "Barrio Solidarity Fund",
        "Solidarität Berlin",
        "Cooperativa La Olla",
    ] {
        assert!(page.contains(name), "the page does not name {name}");
    }
    let list = fondo_in(
        &net,
        &["--db", "olla.db", "transfer", "list", "--format", "csv"],
    );
    let received: Vec<String> = csv_named_rows(&list.stdout)
        .iter()
        .map(|r| format!("{} {} {}", r["transfer_id"], r["amount"], r["rate"]))
        .collect();
    assert_eq!(
        received,
        vec![
            format!("{BARRIO}-1 1712.00 17.12"),
            format!("{BERLIN}-2 5985.00 19.95"),
        ]
    );
}

#[test]
fn the_network_demo_writes_only_into_a_new_or_empty_folder() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("net");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let run = fondo_in(tmp.path(), &["demo", "--network", "--out", "net"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("is not an empty folder"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}
