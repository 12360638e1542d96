//! `fondo demo --network`: three autonomous funds and a hub, built through
//! the real commands.
//!
//! The story is `examples/network/network.sh`, a script of ordinary `fondo`
//! lines compiled into the binary like the fund demo's: three funds in three
//! currencies (each its own file, its own key) send each other transfers,
//! publish their signed public bundles of the second quarter, and a hub
//! registers them, adds the bundles, reconciles the transfers (one is still
//! in transit at the quarter's end) and sums up the network. Every line
//! names its own `--db` (or is a `fondo hub` command, run with `FONDO_HUB`
//! naming the story's hub file); the only other words a line may start with
//! are `FONDO_FUND_ID=…`, which fixes a fund's id at `init` so that the
//! transfer ids the story names are the same on every run.
//!
//! After the story come the demo's own steps: each fund proves with
//! `fondo verify --witness` that its books (which went on into July) extend
//! every head the hub witnessed; the hub writes the network's forum page and
//! its Parquet dataset.

use std::fs;
use std::path::Path;

use super::{
    Fondo, Result, Script, TRANSCRIPT, absolute, check_out, check_step, parse_script, plain_list,
    quoted, run_story,
};
use crate::cli::DemoArgs;
use crate::commands::{Outcome, say};
use fondo::error::Error;

/// The story, by its path under the output folder.
const STORY: &str = "network/network.sh";

/// The passphrase of the keys `fondo key gen` makes in the story (a demo
/// passphrase, which protects nothing).
pub(super) const PASSPHRASE_FILE: &str = "network/keys/demo-passphrase.txt";

/// The files written out before the story runs.
const FILES: &[(&str, &str)] = &[
    (STORY, include_str!("../../../examples/network/network.sh")),
    (
        PASSPHRASE_FILE,
        include_str!("../../../examples/demo/keys/demo-passphrase.txt"),
    ),
];

/// The variable that fixes a new fund's id at `init`: the only one a line
/// may set.
pub(super) const FUND_ID: &str = crate::commands::setup::FONDO_FUND_ID;

/// The hub file every `fondo hub` line works on, in the story's folder.
const HUB: &str = "hub.db";

/// The funds of the story: database file, fund id, name.
const FUNDS: &[(&str, &str, &str)] = &[
    (
        "barrio.db",
        "ba000000000000000000000000000001",
        "Barrio Solidarity Fund",
    ),
    (
        "berlin.db",
        "be000000000000000000000000000002",
        "Solidarität Berlin",
    ),
    (
        "olla.db",
        "0a000000000000000000000000000003",
        "Cooperativa La Olla",
    ),
];

/// The quarter the bundles, the reconciliation and the forum page cover.
const PERIOD: &str = "2026-Q2";

/// The network's forum page and Parquet dataset, in the story's folder.
const FORUM: &str = "network.html";
const PARQUET: &str = "parquet";

/// Where each fund's copy of what the hub witnessed goes.
const WITNESS: &str = "witness";

pub(super) fn demo(args: &DemoArgs) -> Result<Outcome> {
    check_out(&args.out)?;
    let story = parse_script(FILES[0].1, STORY, &[FUND_ID], check_line)?;
    let script = Script {
        story: STORY,
        files: FILES,
        root: "",
        db: None,
        passphrase: PASSPHRASE_FILE,
        env: &[("FONDO_HUB", HUB)],
    };
    let mut fondo = Fondo::start(script, &args.out)?;
    run_story(&mut fondo, &story)?;
    let dir = absolute(&args.out)?.join("network");
    prove_witnessed(&mut fondo, &dir)?;
    let mut forum = vec![
        "hub",
        "report",
        "forum",
        "--period",
        PERIOD,
        "--audience",
        "public",
        "--out",
        FORUM,
    ];
    if let Some(lang) = args.lang.asked() {
        forum.extend(["--lang", lang.tag()]);
    }
    fondo.run_args(&forum)?;
    fondo.run_args(&["hub", "export", "--parquet", PARQUET])?;
    let commands = fondo.finish()?;
    say(&account(&args.out, &dir, commands))?;
    Ok(Outcome::Ok)
}

/// A line of the network's story names its own database, or is a `fondo
/// hub` command; either way it must be a command of the grammar.
fn check_line(args: &[String]) -> std::result::Result<(), String> {
    let names_db = args.iter().any(|a| a == "--db" || a.starts_with("--db="));
    if !names_db && args.first().is_none_or(|a| a != "hub") {
        return Err(
            "each line names the fund's database with --db (or is a `fondo hub` command)".into(),
        );
    }
    check_step(args, None)
}

/// Each fund writes down what the hub witnessed of it and checks, with
/// `fondo verify --witness`, that its books extend every head.
fn prove_witnessed(fondo: &mut Fondo, dir: &Path) -> Result<()> {
    let folder = dir.join(WITNESS);
    fs::create_dir_all(&folder).map_err(|source| Error::Io {
        context: format!("creating {}", folder.display()),
        source,
    })?;
    for (db, id, _) in FUNDS {
        let heads = fondo.output_of(&["hub", "witness", id, "--format", "csv"])?;
        let name = db.trim_end_matches(".db");
        let file = folder.join(format!("{name}.csv"));
        fs::write(&file, heads).map_err(|source| Error::Io {
            context: format!("writing {}", file.display()),
            source,
        })?;
        let witness = format!("{WITNESS}/{name}.csv");
        fondo.run_args(&["--db", db, "verify", "--witness", &witness])?;
    }
    Ok(())
}

/// The closing account, in plain words.
fn account(out: &Path, dir: &Path, commands: usize) -> Vec<String> {
    let names: Vec<String> = FUNDS
        .iter()
        .map(|(db, _, name)| format!("{name} ({db})"))
        .collect();
    let hub = quoted(&dir.join(HUB));
    vec![
        format!(
            "built a network of three funds and a hub in {} with {commands} fondo commands:",
            dir.display()
        ),
        format!("  funds: {}", plain_list(&names)),
        format!(
            "  the hub ({HUB}) added their signed public bundles of {PERIOD} and witnessed their chains; each fund's books extend every witnessed head (verify --witness)"
        ),
        format!("written to {}:", dir.display()),
        format!("  {FORUM:<24} the network's open-forum page of {PERIOD}"),
        format!(
            "  {:<24} the consolidated dataset, for DuckDB, Spark or Trino",
            format!("{PARQUET}/")
        ),
        format!(
            "  {:<24} the three funds' signed bundles of {PERIOD}",
            "*-2026-Q2/"
        ),
        format!(
            "  {:<24} the story: every command the demo ran",
            "network.sh"
        ),
        format!(
            "  {:<24} what each command printed",
            out.join(TRANSCRIPT).display()
        ),
        "look around:".to_owned(),
        format!("  fondo hub --hub {hub} status"),
        format!("  fondo hub --hub {hub} reconcile --period {PERIOD}"),
        format!("  fondo hub --hub {hub} report summary --period {PERIOD} --in USD"),
        format!(
            "  fondo --db {} transfer list",
            quoted(&dir.join(FUNDS[0].0))
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::{DemoError, Step};
    use super::*;

    fn story() -> Vec<Step> {
        parse_script(FILES[0].1, STORY, &[FUND_ID], check_line).unwrap()
    }

    #[test]
    fn the_story_parses_and_inits_each_fund_with_its_fixed_id() {
        let story = story();
        for (db, id, name) in FUNDS {
            let init = story
                .iter()
                .find(|s| s.args.iter().any(|a| a == "init") && s.args.contains(&db.to_string()))
                .unwrap_or_else(|| panic!("{db} is never made"));
            assert_eq!(init.env, vec![(FUND_ID.to_owned(), (*id).to_owned())]);
            assert!(init.args.contains(&name.to_string()), "{:?}", init.args);
        }
        assert!(
            story
                .iter()
                .all(|s| s.env.is_empty() || s.args.contains(&"init".to_owned()))
        );
    }

    #[test]
    fn refuses_lines_without_a_database_and_other_variables() {
        let reason = |script: &str| match parse_script(script, STORY, &[FUND_ID], check_line) {
            Err(crate::commands::CommandError::Demo(DemoError::Script { reason, .. })) => reason,
            other => panic!("expected a script error, got {other:?}"),
        };
        assert!(reason("fondo pool list\n").contains("--db"));
        assert!(reason("FONDO_DB=x.db fondo pool list\n").contains("FONDO_FUND_ID=…"));
        assert!(reason("fondo --db a.db demo\n").contains("demo itself"));
    }
}
