//! The hub's reports (issue 15): `fondo hub reconcile`, `hub report
//! summary` (with `--in CODE` and `hub rate add`) and `hub report forum`,
//! end to end over three funds in three currencies that send each other
//! transfers — one matched, one in transit, one one-sided, one conflicting,
//! one received twice across funds — and publish signed Q2 bundles the hub
//! adds. Bad input gets a clear error and leaves the hub file unchanged.

mod common;

use std::path::{Path, PathBuf};

use common::browser::{browser, cell, chromium, pixels};
use common::{Fund, FundBuilder, Run, command, run_command};
use tempfile::TempDir;

const PASSPHRASE: &str = "correct horse battery staple";
const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C: &str = "cccccccccccccccccccccccccccccccc";
const BANK: &str = "assets:bank";

fn passphrase_file(dir: &Path) -> PathBuf {
    let file = dir.join("pass");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    file
}

/// A fund with its id, currency, a bank account, a member and a signing
/// key registered as the fund's.
fn fund(id: &str, name: &str, code: &str, member: &str, gift: &str) -> (Fund, PathBuf) {
    let fund = FundBuilder::new()
        .fund_id(id)
        .name(name)
        .currency(code)
        .accounts(&[BANK, "expenses:bank-fees"])
        .setting("contribution-account", BANK)
        .members(&[member])
        .contribution(member, gift, None, "2026-04-02")
        .build();
    let key = signing_key(&fund);
    (fund, key)
}

/// A signing key made and registered as the fund's.
fn signing_key(fund: &Fund) -> PathBuf {
    let key = fund.path("fund-key");
    let mut keygen = command();
    keygen
        .env("FONDO_PASSPHRASE_FILE", passphrase_file(fund.dir.path()))
        .args(["key", "gen", "--out"])
        .arg(&key);
    run_command(&mut keygen).ok();
    fund.ok(&[
        "fund",
        "key",
        "add",
        "--key-file",
        &format!("{}.pub", key.display()),
        "--at",
        "2026-01-02T10:00",
    ]);
    key
}

fn send(fund: &Fund, to: &str, money: &str, date: &str) -> String {
    let (amount, code) = money.split_once(' ').unwrap();
    fund.ok(&[
        "transfer",
        "send",
        "--to-fund",
        to,
        "--amount",
        amount,
        code,
        "--from-account",
        BANK,
        "--date",
        date,
    ])
}

fn receive(fund: &Fund, from: &str, id: &str, money: &str, sent: Option<&str>, date: &str) {
    let (amount, code) = money.split_once(' ').unwrap();
    let mut args = vec![
        "transfer",
        "receive",
        "--from-fund",
        from,
        "--transfer-id",
        id,
        "--amount",
        amount,
        code,
        "--into",
        BANK,
        "--date",
        date,
    ];
    if let Some(sent) = sent {
        let (amount, code) = sent.split_once(' ').unwrap();
        args.extend(["--sent", amount, code]);
    }
    fund.ok(&args);
}

/// The signed public Q2 bundle of a fund.
fn export(fund: &Fund, key: &Path, name: &str) -> PathBuf {
    export_for(fund, key, name, "public")
}

/// The signed Q2 bundle of a fund for `audience`.
fn export_for(fund: &Fund, key: &Path, name: &str, audience: &str) -> PathBuf {
    let out = fund.path(name);
    let mut cmd = command();
    cmd.env("FONDO_PASSPHRASE_FILE", fund.path("pass"))
        .env("FONDO_NOW", "2026-07-01T12:00")
        .arg("--db")
        .arg(&fund.db)
        .args([
            "export",
            "audit",
            "--period",
            "2026-Q2",
            "--audience",
            audience,
        ])
        .arg("--out")
        .arg(&out)
        .arg("--sign-with")
        .arg(key);
    run_command(&mut cmd).ok();
    out
}

/// The hub with the three funds' Q2 bundles, in its own directory.
struct Net {
    dir: TempDir,
    hub: PathBuf,
    /// The funds' books and bundles (kept: their directories go with them).
    funds: Vec<(Fund, PathBuf)>,
}

impl Net {
    fn at(&self, now: &str, args: &[&str]) -> Run {
        let mut cmd = command();
        cmd.current_dir(self.dir.path())
            .env("FONDO_NOW", now)
            .arg("hub")
            .arg("--hub")
            .arg(&self.hub)
            .args(args);
        run_command(&mut cmd)
    }

    fn run(&self, args: &[&str]) -> Run {
        self.at("2026-07-02T09:00", args)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.run(args).ok()
    }

    /// The hub file's bytes, to show a refused command changed nothing.
    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.hub).unwrap()
    }

    /// A refused command: exit 2, the needles in its error, the hub file
    /// unchanged.
    fn refused(&self, args: &[&str], needles: &[&str]) -> String {
        let before = self.bytes();
        let stderr = self.run(args).error(needles);
        assert_eq!(self.bytes(), before, "hub {args:?} changed the hub file");
        stderr
    }
}

/// Barrio (USD), Vecinos (EUR) and Colonia (MXN):
/// - Barrio sends Vecinos 200.00 USD, received as 180.00 EUR (matched);
/// - Barrio sends Vecinos 50.00 USD, received by Vecinos and by Colonia
///   (received twice, across funds);
/// - Vecinos receives 10.00 EUR from Colonia, which never sent it
///   (one-sided);
/// - Vecinos sends Barrio 30.00 EUR, which Barrio records as 25.00 EUR
///   sent (conflicting);
/// - Barrio sends Colonia 100.00 USD on June 29 (in transit).
fn network() -> Net {
    let (barrio, barrio_key) = fund(A, "Barrio", "USD", "Ana", "1000.00 USD");
    let (vecinos, vecinos_key) = fund(B, "Vecinos", "EUR", "Bea", "500.00 EUR");
    let (colonia, colonia_key) = fund(C, "Colonia", "MXN", "Caro", "5000.00 MXN");
    barrio.ok(&[
        "post",
        "Bank fees",
        "--date",
        "2026-04-20",
        "-p",
        "expenses:bank-fees=5.00 USD",
        "-p",
        BANK,
    ]);
    assert_eq!(
        send(&barrio, B, "200.00 USD", "2026-04-10"),
        format!("{A}-1\n")
    );
    receive(
        &vecinos,
        A,
        &format!("{A}-1"),
        "180.00 EUR",
        Some("200.00 USD"),
        "2026-04-12",
    );
    assert_eq!(
        send(&barrio, B, "50.00 USD", "2026-05-01"),
        format!("{A}-2\n")
    );
    receive(
        &vecinos,
        A,
        &format!("{A}-2"),
        "45.00 EUR",
        Some("50.00 USD"),
        "2026-05-03",
    );
    receive(
        &colonia,
        A,
        &format!("{A}-2"),
        "850.00 MXN",
        Some("50.00 USD"),
        "2026-05-04",
    );
    receive(
        &vecinos,
        C,
        &format!("{C}-9"),
        "10.00 EUR",
        None,
        "2026-05-10",
    );
    assert_eq!(
        send(&vecinos, A, "30.00 EUR", "2026-05-20"),
        format!("{B}-1\n")
    );
    receive(
        &barrio,
        B,
        &format!("{B}-1"),
        "32.00 USD",
        Some("25.00 EUR"),
        "2026-05-22",
    );
    assert_eq!(
        send(&barrio, C, "100.00 USD", "2026-06-29"),
        format!("{A}-3\n")
    );

    let dir = TempDir::new().unwrap();
    let hub = dir.path().join("north.db");
    let mut net = Net {
        dir,
        hub,
        funds: Vec::new(),
    };
    let hub_path = net.hub.display().to_string();
    net.at("2026-04-01T09:00", &["init", &hub_path, "--name", "North"])
        .ok();
    for (fund, key, id, name) in [
        (barrio, barrio_key, A, "Barrio"),
        (vecinos, vecinos_key, B, "Vecinos"),
        (colonia, colonia_key, C, "Colonia"),
    ] {
        net.ok(&[
            "fund",
            "add",
            id,
            "--name",
            name,
            "--key-file",
            &format!("{}.pub", key.display()),
        ]);
        let bundle = export(&fund, &key, "bundle-2026-Q2");
        net.ok(&["add", &bundle.display().to_string()]);
        net.funds.push((fund, bundle));
    }
    net
}

#[test]
fn reconcile_matches_both_sides_and_exits_1_on_a_finding() {
    let net = network();
    let run = net.run(&["reconcile", "--period", "2026-Q2", "--format", "csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "transfer_id,status,sender,sent_txn,sent_on,sent,sent_commodity,receiver,received_txn,received_on,received,received_commodity,recorded_sent,recorded_sent_commodity,note\n\
             {A}-1,matched,Barrio,3,2026-04-10,200.00,USD,Vecinos,2,2026-04-12,180.00,EUR,200.00,USD,\n\
             {A}-2,received-twice,Barrio,4,2026-05-01,50.00,USD,Vecinos,3,2026-05-03,45.00,EUR,50.00,USD,\"received 2 times, by Colonia and Vecinos\"\n\
             {A}-2,received-twice,Barrio,4,2026-05-01,50.00,USD,Colonia,2,2026-05-04,850.00,MXN,50.00,USD,\"received 2 times, by Colonia and Vecinos\"\n\
             {C}-9,one-sided,Colonia,,,,,Vecinos,4,2026-05-10,10.00,EUR,10.00,EUR,\"received, but no bundle of the sender shows it sent\"\n\
             {B}-1,conflicting,Vecinos,5,2026-05-20,30.00,EUR,Barrio,5,2026-05-22,32.00,USD,25.00,EUR,\"sent 30.00 EUR, recorded as sent 25.00 EUR\"\n\
             {A}-3,in-transit,Barrio,6,2026-06-29,100.00,USD,Colonia,,,,,,,no receipt by the period's end\n"
        )
    );
    // 5.00 EUR off 30.00 is 16.7%: matched within a 20% tolerance.
    let tolerant = net.run(&[
        "reconcile",
        "--period",
        "2026-Q2",
        "--tolerance",
        "20",
        "--format",
        "json",
    ]);
    assert_eq!(tolerant.code, 1);
    assert!(
        tolerant.stdout.contains(&format!(
            "\"transfer_id\":\"{B}-1\",\"status\":\"matched-within-tolerance\""
        )),
        "{}",
        tolerant.stdout
    );
    let table = net.ok(&["reconcile", "--period", "2026-04"]);
    assert!(
        table.starts_with(
            "Transfers between funds in 2026-04 (2026-04-01 to 2026-04-30)\ntransfer_id"
        ),
        "{table}"
    );
    // Only A-1 was seen in April: nothing to look at, exit 0.
    assert_eq!(table.lines().count(), 4, "{table}");
}

#[test]
fn summary_eliminates_transfers_between_member_funds() {
    let net = network();
    let csv = net.ok(&[
        "report", "summary", "--period", "2026-Q2", "--format", "csv",
    ]);
    let flows: Vec<&str> = csv.lines().filter(|l| !l.contains(",metric,")).collect();
    assert_eq!(
        flows.join("\n"),
        "fund,section,item,pool,commodity,amount,value,unit,converted,conversion\n\
         Barrio,inflow,contributions,,USD,1000.00,,,,\n\
         Barrio,inflow,transfers from member funds,,EUR,25.00,,,,\n\
         Barrio,outflow,operating costs,,USD,5.00,,,,\n\
         Barrio,outflow,transfers to member funds,,USD,350.00,,,,\n\
         Barrio,closing,held,general,USD,677.00,,,,\n\
         Vecinos,inflow,contributions,,EUR,500.00,,,,\n\
         Vecinos,inflow,transfers from member funds,,EUR,10.00,,,,\n\
         Vecinos,inflow,transfers from member funds,,USD,250.00,,,,\n\
         Vecinos,outflow,transfers to member funds,,EUR,30.00,,,,\n\
         Vecinos,closing,held,general,EUR,705.00,,,,\n\
         Colonia,inflow,contributions,,MXN,5000.00,,,,\n\
         Colonia,inflow,transfers from member funds,,USD,50.00,,,,\n\
         Colonia,closing,held,general,MXN,5850.00,,,,\n\
         network,inflow,contributions,,EUR,500.00,,,,\n\
         network,inflow,contributions,,MXN,5000.00,,,,\n\
         network,inflow,contributions,,USD,1000.00,,,,\n\
         network,outflow,operating costs,,USD,5.00,,,,\n\
         network,eliminated,transfers from member funds,,EUR,35.00,,,,\n\
         network,eliminated,transfers from member funds,,USD,300.00,,,,\n\
         network,eliminated,transfers to member funds,,EUR,30.00,,,,\n\
         network,eliminated,transfers to member funds,,USD,350.00,,,,\n\
         network,closing,held,general,EUR,705.00,,,,\n\
         network,closing,held,general,MXN,5850.00,,,,\n\
         network,closing,held,general,USD,677.00,,,,\n\
         network,closing,in transit between member funds,,USD,100.00,,,,"
    );
    // Barrio's 100.00 USD of 29 June left its pools and is in no other
    // fund's yet: the network's closing shows it on its way.
    // The network's flows are the funds' less what was eliminated, per
    // section and commodity.
    let sums = |fund: &dyn Fn(&str) -> bool, section: &str| {
        let mut by_code = std::collections::BTreeMap::<String, i64>::new();
        for l in csv.lines().skip(1) {
            let cells: Vec<&str> = l.split(',').collect();
            if fund(cells[0]) && cells[1] == section {
                let cents: i64 = cells[5].replace('.', "").parse().unwrap();
                *by_code.entry(cells[4].to_owned()).or_default() += cents;
            }
        }
        by_code
    };
    let funds = |f: &str| f != "network";
    let network = |f: &str| f == "network";
    for (section, item) in [("inflow", "from"), ("outflow", "to")] {
        let mut expected = sums(&funds, section);
        for l in csv
            .lines()
            .filter(|l| l.starts_with(&format!("network,eliminated,transfers {item} member funds")))
        {
            let cells: Vec<&str> = l.split(',').collect();
            let cents: i64 = cells[5].replace('.', "").parse().unwrap();
            *expected.get_mut(cells[4]).unwrap() -= cents;
        }
        expected.retain(|_, v| *v != 0);
        assert_eq!(sums(&network, section), expected, "{section}");
    }
    assert!(
        csv.contains("network,metric,top contributor share,,EUR,,100.0,percent,,\n"),
        "{csv}"
    );
    let table = net.ok(&["report", "summary", "--period", "2026-Q2"]);
    assert!(
        table.starts_with("Network summary for 2026-Q2 (2026-04-01 to 2026-06-30)\nfund "),
        "{table}"
    );
}

#[test]
fn summary_in_one_currency_needs_the_hubs_rates() {
    let net = network();
    let stderr = net.refused(
        &["report", "summary", "--period", "2026-Q2", "--in", "USD"],
        &["no rate between", "fondo hub rate add DATE"],
    );
    assert!(stderr.starts_with("fondo: "), "{stderr}");
    assert_eq!(
        net.ok(&["rate", "add", "2026-06-30", "EUR", "USD", "1.10"]),
        "recorded 1 EUR = 1.1 USD on 2026-06-30\n"
    );
    net.ok(&["rate", "add", "2026-06-01", "USD", "MXN", "17.000"]);
    let csv = net.ok(&[
        "report", "summary", "--period", "2026-Q2", "--in", "USD", "--format", "csv",
    ]);
    for line in [
        "Vecinos,inflow,contributions,,EUR,500.00,,,550.00,1 EUR = 1.1 USD (2026-06-30)\n",
        "Colonia,inflow,contributions,,MXN,5000.00,,,294.12,\"1 USD = 17 MXN (2026-06-01), divided\"\n",
        "network,inflow,total,all,USD,,,,1844.12,\"sum of the converted amounts above, in USD\"\n",
    ] {
        assert!(csv.contains(line), "{line}\n{csv}");
    }
    // Bad rates and codes are refused, the hub unchanged.
    net.refused(
        &["rate", "add", "2026-06-30", "EUR", "EUR", "1"],
        &["two different commodities"],
    );
    net.refused(
        &["rate", "add", "2026-06-30", "EUR", "USD", "-1"],
        &["a rate is a positive number"],
    );
    net.refused(
        &["rate", "add", "2026-06-30", "eur", "USD", "1.1"],
        &["did you mean EUR?"],
    );
    net.refused(
        &["rate", "add", "2026-13-01", "EUR", "USD", "1.1"],
        &["2026-13-01"],
    );
    net.refused(
        &["rate", "add", "2026-06-30", "EUR", "USD", "1,1"],
        &["no thousands separators"],
    );
}

#[test]
fn bad_periods_tolerances_and_hub_files_are_clear_errors() {
    let net = network();
    net.refused(&["reconcile", "--period", "2026-Q5"], &["2026-Q5"]);
    net.refused(
        &["reconcile", "--period", "2026-Q2", "--tolerance", "-1"],
        &["a tolerance is a percentage of zero or more"],
    );
    net.refused(
        &["reconcile", "--period", "2026-Q2", "--tolerance", "1e2"],
        &["exponent notation"],
    );
    net.refused(
        &["report", "summary", "--period", "2026-Q2", "--in", "XYZ1"],
        &["XYZ1"],
    );
    let mut cmd = command();
    cmd.args([
        "hub",
        "--hub",
        "/nonexistent/hub.db",
        "reconcile",
        "--period",
        "2026-Q2",
    ]);
    run_command(&mut cmd).error(&["no hub file at /nonexistent/hub.db"]);
}

#[test]
fn forum_page_has_every_fund_with_its_fingerprint() {
    let net = network();
    let out = net.dir.path().join("network.html");
    let said = net.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q2",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(
        said,
        format!("wrote the network forum page to {}\n", out.display())
    );
    let page = std::fs::read_to_string(&out).unwrap();
    for needle in [
        "<title>North: network forum, 2026-Q2</title>",
        "Barrio",
        "Vecinos",
        "Colonia",
        "Fingerprint of the fund&#39;s books",
        "received twice",
        "in transit",
    ] {
        assert!(
            page.contains(needle),
            "{needle} not in the page:\n{}",
            &page[..page.len().min(3000)]
        );
    }
    // Every fund's fingerprint, as its bundle states it.
    for (_, bundle) in &net.funds {
        let facts = std::fs::read_to_string(bundle.join("BUNDLE.csv")).unwrap();
        let fingerprint = facts
            .lines()
            .find_map(|l| l.strip_prefix("fingerprint,"))
            .unwrap();
        assert!(page.contains(fingerprint), "{fingerprint} not in the page");
    }
    // Self-contained: nothing to fetch.
    for needle in ["src=", "href=", "@import", "url("] {
        assert!(!page.contains(needle), "the page refers to {needle}");
    }
    // In the page the browser built, every network figure of the summary.
    if let Some(browser) = browser() {
        // Rendered, not blank.
        let png = net.dir.path().join("network.png");
        chromium(
            &browser,
            &out,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1200,3000".into(),
            ],
        );
        let (all, ink, _, _) = pixels(&png);
        assert_eq!(all, 1200 * 3000);
        assert!(ink * 50 > all, "only {ink} of {all} pixels are not white");
        let dom = chromium(&browser, &out, &["--dump-dom".into()]);
        let json = net.ok(&[
            "report", "summary", "--period", "2026-Q2", "--format", "json",
        ]);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        let mut checked = 0;
        for row in rows
            .iter()
            .filter(|r| r["fund"] == "network" && r["section"] != "metric")
        {
            let text = |field: &str| row[field].as_str().unwrap_or("").to_owned();
            let key = [
                text("section"),
                text("item"),
                text("pool"),
                text("commodity"),
            ]
            .join("|");
            let shown = cell(&dom, "network", &key, "amount");
            // Shown for reading (5,000.00): the same digits.
            let digits = shown.map(|s| s.replace(',', ""));
            assert_eq!(digits, Some(text("amount")), "{key}");
            checked += 1;
        }
        assert_eq!(checked, 12);
        assert_eq!(
            cell(&dom, "metrics", "top contributor share|USD", "value").as_deref(),
            Some("100.0 %")
        );
    }
    // Not over an existing file without --force; with it, yes.
    net.refused(
        &[
            "report",
            "forum",
            "--period",
            "2026-Q2",
            "--out",
            &out.display().to_string(),
        ],
        &["exists"],
    );
    net.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q2",
        "--out",
        &out.display().to_string(),
        "--force",
        "--lang",
        "es",
    ]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("Transferencias entre fondos"), "{page}");
    // The bundles are public: a page for members is allowed, and markdown
    // goes to standard output.
    let md = net.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q2",
        "--audience",
        "members",
        "--format",
        "md",
    ]);
    assert!(md.contains("## The member funds"), "{md}");
}

#[test]
fn a_page_is_no_more_public_than_every_funds_bundle() {
    let (fund, key) = fund(A, "Barrio", "USD", "Ana", "10.00 USD");
    let dir = TempDir::new().unwrap();
    let net = Net {
        hub: dir.path().join("north.db"),
        dir,
        funds: Vec::new(),
    };
    let hub_path = net.hub.display().to_string();
    net.ok(&["init", &hub_path, "--name", "North"]);
    net.ok(&[
        "fund",
        "add",
        A,
        "--name",
        "Barrio",
        "--key-file",
        &format!("{}.pub", key.display()),
    ]);
    let bundle = export_for(&fund, &key, "members-2026-Q2", "members");
    net.ok(&["add", &bundle.display().to_string()]);
    let out = net.dir.path().join("network.html");
    let out_text = out.display().to_string();
    net.refused(
        &["report", "forum", "--period", "2026-Q2", "--out", &out_text],
        &["fund Barrio published its bundle for 2026-Q2 for the members audience"],
    );
    assert!(!out.exists());
    net.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q2",
        "--audience",
        "members",
        "--out",
        &out_text,
    ]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Barrio"));
    // Before its first bundle, the fund is listed without figures.
    let md = net.ok(&[
        "report",
        "forum",
        "--period",
        "2026-Q1",
        "--audience",
        "members",
        "--format",
        "md",
    ]);
    assert!(
        md.contains("No bundle of this fund covers the period."),
        "{md}"
    );
    // A fund's books are not a hub file.
    let mut cmd = command();
    cmd.arg("hub")
        .arg("--hub")
        .arg(&fund.db)
        .args(["report", "summary", "--period", "2026-Q2"]);
    run_command(&mut cmd).error(&["is not a fondo hub file"]);
    // No transfer at all: nothing to reconcile, exit 0.
    assert_eq!(
        net.ok(&["reconcile", "--period", "2026-Q2", "--format", "csv"])
            .lines()
            .count(),
        1
    );
}

#[test]
fn summary_counts_grants_paid_and_the_turnaround() {
    let fund = FundBuilder::new()
        .fund_id(A)
        .name("Barrio")
        .currency("USD")
        .accounts(&[BANK])
        .setting("contribution-account", BANK)
        .members(&["Ana", "Bruno", "Familia Ortega"])
        .stewards(&["Ana", "Bruno"], "2026-01-01")
        .pool("housing", "Rent relief")
        .policy(
            "housing",
            "lazy --window 24h --max-amount 200 USD",
            "2026-03-01T19:00",
        )
        .with(&["--reason", "assembly of 2026-03-01"])
        .contribution("Ana", "500.00 USD", Some("housing"), "2026-04-01")
        .application(
            "Familia Ortega",
            "housing",
            "180 USD",
            "Electricity bill",
            "2026-04-02T09:00",
        )
        .with(&["--category", "utilities"])
        .decision("G-0001", "2026-04-03T21:00")
        .payment("G-0001", "180 USD", BANK, "2026-04-05T10:00")
        .build();
    let key = signing_key(&fund);
    let dir = TempDir::new().unwrap();
    let net = Net {
        hub: dir.path().join("north.db"),
        dir,
        funds: Vec::new(),
    };
    let hub_path = net.hub.display().to_string();
    net.ok(&["init", &hub_path, "--name", "North"]);
    net.ok(&[
        "fund",
        "add",
        A,
        "--name",
        "Barrio",
        "--key-file",
        &format!("{}.pub", key.display()),
    ]);
    let bundle = export(&fund, &key, "bundle-2026-Q2");
    net.ok(&["add", &bundle.display().to_string()]);
    let csv = net.ok(&[
        "report", "summary", "--period", "2026-Q2", "--format", "csv",
    ]);
    let network: Vec<&str> = csv.lines().filter(|l| l.starts_with("network,")).collect();
    assert_eq!(
        network.join("\n"),
        "network,inflow,contributions,,USD,500.00,,,,\n\
         network,outflow,grants paid,,USD,180.00,,,,\n\
         network,closing,held,housing,USD,320.00,,,,\n\
         network,metric,top contributor share,,USD,,100.0,percent,,\n\
         network,metric,top 5 contributors share,,USD,,100.0,percent,,\n\
         network,metric,herfindahl index,,USD,,1.0000,index,,\n\
         network,metric,grants share of money out,,USD,,100.0,percent,,\n\
         network,metric,median days to decision,,,,1.5,days,,\n\
         network,metric,90th percentile days to decision,,,,1.5,days,,\n\
         network,metric,median days to first payment,,,,2.0,days,,\n\
         network,metric,90th percentile days to first payment,,,,2.0,days,,"
    );
}
