//! `fondo hub …`: the hub file's commands.
//!
//! The bundle's check (`audit::bundle::check`) is run here, before the hub's
//! one write transaction, and handed to `ops::hub::add`, which re-reads the
//! files it ingests against the digests the check vouched for.

use std::path::Path;

use crate::cli::{HubCommand, HubFundCommand, HubRateCommand, HubReportCommand};
use crate::commands::Result;
use crate::commands::hub_reports;
use crate::commands::{Outcome, clock, keys::read_text, plural, say, stdout};
use fondo::audit::bundle::check;
use fondo::ops::hub::{self as ops, Checked};
use fondo::render::{Format, Gate, write_rows};
use fondo::report::hub as report;
use fondo::store::Access;
use fondo::store::hub::Hub;

fn open(path: &Path, access: Access) -> fondo::error::Result<Hub> {
    Hub::open(path, access, clock::clock())
}

pub fn run(path: &Path, command: HubCommand) -> Result<Outcome> {
    match command {
        HubCommand::Init { path, name } => {
            let mut hub = Hub::create(&path, clock::clock())?;
            if let Err(e) = ops::init(&mut hub, &name) {
                drop(hub);
                let _ = std::fs::remove_file(&path);
                return Err(e.into());
            }
            say(&[format!("created the hub {name:?} in {}", path.display())])?;
        }
        HubCommand::Fund(HubFundCommand::Add {
            fund_id,
            name,
            key_file,
        }) => {
            let mut hub = open(path, Access::Write)?;
            let text = read_text(&key_file)?;
            let (key, new) = ops::add_fund(
                &mut hub,
                &fund_id,
                &name,
                &key_file.display().to_string(),
                &text,
            )?;
            say(&[if new {
                format!(
                    "registered fund {fund_id} ({name}) with the key {}",
                    key.fingerprint
                )
            } else {
                format!("added the key {} to fund {fund_id}", key.fingerprint)
            }])?;
        }
        HubCommand::Fund(HubFundCommand::List { format }) => {
            let hub = open(path, Access::Read)?;
            let rows = report::funds(hub.conn())?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
        HubCommand::Fund(HubFundCommand::Leave { fund_id }) => {
            let mut hub = open(path, Access::Write)?;
            let at = ops::leave(&mut hub, &fund_id)?;
            say(&[format!(
                "fund {fund_id} left the hub at {at}; what it published stays witnessed"
            )])?;
        }
        HubCommand::Add { dir } => {
            let mut hub = open(path, Access::Write)?;
            let result = check::check(&dir)?;
            let checked = Checked {
                facts: result.facts.clone(),
                findings: result
                    .findings
                    .iter()
                    .map(|f| f.code.as_str().to_owned())
                    .collect(),
                manifest_sha256: result.manifest_sha256.clone(),
                signed_by: result.signed_by.clone(),
            };
            let added = ops::add(&mut hub, &dir, &checked)?;
            let [journal, records] = &added.heads;
            say(&[
                format!(
                    "added the {} bundle of fund {} ({}): {}, {} held before, {}",
                    added.period,
                    added.fund_id,
                    added.fund,
                    plural(added.new_txns, "new transaction"),
                    added.held_txns,
                    plural(added.transfers, "transfer")
                ),
                format!(
                    "witnessed journal head {} (transaction {}) and records head {} (record {}) at {}",
                    journal.hash, journal.position, records.hash, records.position, journal.seen_at
                ),
                format!("manifest: {}", added.manifest),
            ])?;
        }
        HubCommand::Witness { fund_id, format } => {
            let hub = open(path, Access::Read)?;
            let rows = report::witness(hub.conn(), &fund_id)?;
            write_rows(format.into(), stdout(), &Gate::books(), &rows)?;
        }
        HubCommand::Status { format } => {
            let hub = open(path, Access::Read)?;
            let (rows, findings) = report::status(hub.conn())?;
            write_rows(Format::from(format), stdout(), &Gate::books(), &rows)?;
            return Ok(Outcome::found(findings));
        }
        HubCommand::Reconcile(args) => return hub_reports::reconcile(path, &args),
        HubCommand::Report(HubReportCommand::Summary(args)) => {
            return hub_reports::summary(path, &args);
        }
        HubCommand::Report(HubReportCommand::Forum(args)) => {
            return hub_reports::forum(path, &args);
        }
        HubCommand::Rate(HubRateCommand::Add(args)) => return hub_reports::rate_add(path, &args),
        HubCommand::Export { parquet } => return super::hub_export::export_parquet(path, &parquet),
    }
    Ok(Outcome::Ok)
}
