//! `fondo import statement` and `fondo import contributions`: run the
//! statement engine and say what it did, row by row with `--show`.

use std::path::Path;

use crate::cli::ImportCommand;
use crate::commands::Result;
use crate::commands::{Bar, Outcome, open, say};
use fondo::domain::hledger::to_map;
use fondo::error::Error;
use fondo::ops::bank::{BankSummary, Mode, StatementRequest, import_statement, import_with_map};
use fondo::store::Access;

/// How many rows waiting in suspense an import lists.
const SUSPENSE_LISTED: usize = 50;

pub fn run(path: &Path, command: ImportCommand) -> Result<Outcome> {
    let (file, map, rules, source, dry_run, strict, show, mode) = match command {
        ImportCommand::Contributions {
            file,
            map,
            source,
            dry_run,
        } => (
            file,
            map,
            None,
            source,
            dry_run,
            false,
            false,
            Mode::Contributions,
        ),
        ImportCommand::Statement {
            file,
            map,
            hledger_rules,
            account,
            source,
            dry_run,
            show,
            strict,
        } => {
            let rules = hledger_rules.map(|r| (r, account));
            let map = map.or_else(|| rules.as_ref().map(|(r, _)| r.clone()));
            let map = map.expect("clap requires --map or --hledger-rules");
            (
                file,
                map,
                rules,
                source,
                dry_run,
                strict,
                show,
                Mode::Statement,
            )
        }
    };
    let label = file.display().to_string();
    let mut db = open(path, Access::Write)?;
    let bar = Bar::new("importing {bar:40} {bytes}/{total_bytes}");
    let request = StatementRequest {
        path: &file,
        label: &label,
        map_path: &map,
        source: source.as_deref(),
        mode,
        dry_run,
        strict,
        show,
    };
    let s = match rules {
        None => import_statement(&mut db, &request, &bar)?,
        Some((rules, account)) => {
            let text = std::fs::read_to_string(&rules).map_err(|source| Error::Io {
                context: format!("reading {}", rules.display()),
                source,
            })?;
            let map = to_map(&text, account.as_deref()).map_err(|reason| Error::Map {
                path: rules.display().to_string(),
                reason,
            })?;
            import_with_map(&mut db, &request, &map, &bar)?
        }
    };
    say(&match mode {
        Mode::Contributions => contributions_lines(&s, &label),
        Mode::Statement => statement_lines(&s, &label),
    })?;
    Ok(Outcome::Ok)
}

fn contributions_lines(s: &BankSummary, label: &str) -> Vec<String> {
    let verb = if s.dry_run {
        "would import"
    } else {
        "imported"
    };
    let mut lines = vec![format!(
        "{verb} {} contributions from {label} under source {:?}",
        s.imported, s.source
    )];
    let counts = [
        (s.already, "already imported from this source"),
        (
            s.outgoing,
            "outgoing payments skipped (import the whole statement with `fondo import statement`)",
        ),
        (s.ignored, "rows ignored by the map's rules"),
        (
            s.unmatched,
            "contributions matched no rule and have no contributor",
        ),
    ];
    lines.extend(
        counts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}")),
    );
    tail(s, &mut lines);
    lines
}

fn statement_lines(s: &BankSummary, label: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for row in &s.rows {
        let rule = row
            .rule
            .map_or_else(|| "no rule".to_owned(), |r| format!("rule {r}"));
        let pool = row
            .pool
            .as_deref()
            .map(|p| format!(" (pool {p})"))
            .unwrap_or_default();
        lines.push(format!(
            "line {}: {} {} {} {rule}: {}{}{pool}",
            row.line,
            row.date,
            row.amount,
            row.commodity,
            row.outcome,
            if row.detail.is_empty() {
                String::new()
            } else {
                format!(" {}", row.detail)
            },
        ));
    }
    let verb = if s.dry_run {
        "would import"
    } else {
        "imported"
    };
    lines.push(format!(
        "{verb} {} transactions from {label} under source {:?}",
        s.imported, s.source
    ));
    for (action, n) in &s.by_action {
        lines.push(format!("  {n} {action}"));
    }
    if s.linked > 0 {
        lines.push(format!(
            "{} rows linked to tranches already recorded with `fondo grant pay`",
            s.linked
        ));
    }
    if s.already > 0 {
        lines.push(format!("{} already imported from this source", s.already));
    }
    for (reason, n) in &s.skipped {
        lines.push(format!("{n} rows skipped: {reason}"));
    }
    if s.balances_checked > 0 {
        lines.push(format!(
            "the books agree with the statement's balance on {} dates",
            s.balances_checked
        ));
    }
    if !s.suspense.is_empty() {
        lines.push(format!(
            "to do: {} rows matched no rule and wait in the suspense account (add rules, or `fondo reconcile` to review):",
            s.suspense.len()
        ));
        for (line, date, amount, code, text) in s.suspense.iter().take(SUSPENSE_LISTED) {
            lines.push(format!("  line {line}: {date} {amount} {code} {text}"));
        }
        if s.suspense.len() > SUSPENSE_LISTED {
            lines.push(format!(
                "  … and {} more (`fondo reconcile` lists them all)",
                s.suspense.len() - SUSPENSE_LISTED
            ));
        }
    }
    tail(s, &mut lines);
    lines
}

fn tail(s: &BankSummary, lines: &mut Vec<String>) {
    let created = if s.dry_run { "would create" } else { "created" };
    lines.extend(
        s.accounts_created
            .iter()
            .map(|a| format!("{created} account {a}")),
    );
    if s.dry_run {
        lines.push("dry run: nothing was written".to_owned());
    }
}

/// `fondo reconcile`: record or reopen when asked, then show the account's
/// reconciliation; findings (exit 1) when the books differ from the
/// statement's balance.
pub fn reconcile(path: &Path, args: crate::cli::ReconcileArgs) -> Result<Outcome> {
    use fondo::domain::date::{parse_date, parse_datetime};
    use fondo::ops::reconcile::{RecordRequest, record, reopen};
    use fondo::render::write_rows;
    use fondo::report::reconcile::reconcile;

    let on = match args.on.as_deref() {
        Some(text) => parse_date(text)?,
        None => chrono::Local::now().date_naive(),
    };
    let at = match args.at.as_deref() {
        Some(text) => parse_datetime(text)?,
        None => chrono::Local::now().naive_local(),
    };
    let statement = args
        .statement_balance
        .as_ref()
        .map(|v| (v[0].clone(), v[1].clone()));
    let mut notes = Vec::new();
    if args.record {
        let mut db = open(path, Access::Write)?;
        let id = record(
            &mut db,
            &RecordRequest {
                account: args.account.clone(),
                on,
                statement: statement.clone(),
                at,
            },
        )?;
        notes.push(format!(
            "recorded the reconciliation of {} at the end of {on} (record {id})",
            args.account
        ));
    }
    if args.reopen {
        let reason = args.reason.as_deref().unwrap_or_default();
        let mut db = open(path, Access::Write)?;
        let id = reopen(&mut db, &args.account, on, reason, at)?;
        notes.push(format!(
            "reopened the reconciliations of {} from {on} (record {id})",
            args.account
        ));
    }
    let mut db = open(path, Access::Read)?;
    let tx = db.read()?;
    let result = reconcile(
        &tx,
        &args.account,
        on,
        statement.as_ref().map(|(a, c)| (a.as_str(), c.as_str())),
        &args.suspense,
    )?;
    write_rows(
        args.format.into(),
        crate::commands::stdout(),
        &fondo::render::Gate::books(),
        &result.rows,
    )?;
    for note in notes {
        crate::commands::note(&note);
    }
    Ok(if result.differs {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
