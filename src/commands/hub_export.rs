//! `fondo hub export --parquet DIR`: the hub's consolidated dataset as
//! Parquet files, partitioned hive-style for DuckDB, Spark, Trino or
//! DataFusion (docs/federation.md, "Network scale: Parquet").
//!
//! `postings/`, `transactions/` and `transfers/` are partitioned by fund
//! and year (`TABLE/fund_id=F/year=Y/part-0.parquet`); `grants/`,
//! `contributions/` and `fund_heads/` by fund (`TABLE/fund_id=F/
//! part-0.parquet`). The partition values are in the paths only, as hive
//! readers expect. Every amount is a DECIMAL(18, S) beside its commodity,
//! S being the most decimals of any commodity in the hub; days are DATEs;
//! nothing is a float.
//!
//! Rule: the whole dataset comes from one read transaction of the hub and
//! is written all or nothing: into a hidden directory beside DIR, renamed
//! to DIR only when every file is complete, removed on any failure. DIR
//! must not exist or be an empty directory.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::commands::{CommandError, Result};
use crate::commands::{Outcome, plural, say};
use fondo::error::Error;
use fondo::render::parquet::{Cell, Column, TableWriter};
use fondo::store::Access;
use fondo::store::hub::Hub;
use fondo::store::hub::export::{self, Minor};

const POSTINGS: &[Column] = &[
    Column::integer("txn"),
    Column::integer("seq"),
    Column::date("date"),
    Column::text("account"),
    Column::amount("amount"),
    Column::text("commodity"),
    Column::text("pool"),
    Column::text("memo"),
];

const TRANSACTIONS: &[Column] = &[
    Column::integer("txn"),
    Column::date("date"),
    Column::text("description"),
    Column::text("payee"),
    Column::text("reference"),
    Column::integer("reverses").optional(),
    Column::text("hash"),
    Column::text("bundle"),
];

const TRANSFERS: &[Column] = &[
    Column::integer("txn"),
    Column::date("date"),
    Column::text("direction"),
    Column::text("transfer_id"),
    Column::text("counterpart_fund"),
    Column::amount("amount"),
    Column::text("commodity"),
    Column::amount("sent_amount").optional(),
    Column::text("sent_commodity").optional(),
    Column::text("rate").optional(),
    Column::text("pool"),
    Column::text("grant_id"),
    Column::integer("voided_by").optional(),
];

const GRANTS: &[Column] = &[
    Column::text("bundle"),
    Column::date("as_of"),
    Column::text("grant_id"),
    Column::text("pool"),
    Column::amount("amount"),
    Column::text("commodity"),
    Column::text("status"),
    Column::text("decision"),
    Column::text("applied_at"),
    Column::text("decided_at"),
    Column::amount("paid"),
    Column::amount("returned"),
];

const CONTRIBUTIONS: &[Column] = &[
    Column::integer("txn"),
    Column::integer("seq"),
    Column::date("date"),
    Column::text("contributor"),
    Column::text("kind"),
    Column::text("pool"),
    Column::amount("amount"),
    Column::text("commodity"),
    Column::integer("voided_by").optional(),
    Column::text("bundle"),
];

const FUND_HEADS: &[Column] = &[
    Column::text("chain"),
    Column::text("hash"),
    Column::integer("position"),
    Column::text("seen_at"),
    Column::text("bundle"),
];

/// The one file name of every partition.
const PART: &str = "part-0.parquet";

/// Writes the dataset of the hub file at `hub` into `out` and prints each
/// table's rows and files.
///
/// # Errors
/// A missing or foreign hub file; `out` holding something, being a file or
/// having no parent directory; an amount beyond DECIMAL(18, S); a damaged
/// hub; a failed write. Nothing is left in or beside `out` then.
pub fn export_parquet(hub: &Path, out: &Path) -> Result<Outcome> {
    let hub = Hub::open(hub, Access::Read, super::clock::clock())?;
    let staging = Staging::beside(out)?;
    let tx = export::snapshot(hub.conn())?;
    let scale = export::largest_decimals(&tx)?;
    let root = staging.path.as_path();
    let amount = |m: Minor| Cell::Amount {
        minor: m.minor,
        decimals: m.decimals,
    };
    let mut written = Vec::new();

    let mut table = Partitioned::new(root, "postings", POSTINGS, scale);
    export::postings(&tx, |p| {
        table.push(
            p.fund_id,
            Some(p.date.year()),
            &[
                Cell::Integer(p.txn),
                Cell::Integer(p.seq),
                Cell::Date(p.date),
                Cell::Text(p.account),
                amount(p.amount),
                Cell::Text(p.commodity),
                Cell::Text(p.pool),
                Cell::Text(p.memo),
            ],
        )
    })?;
    written.push(table.finish()?);

    let mut table = Partitioned::new(root, "transactions", TRANSACTIONS, scale);
    export::txns(&tx, |t| {
        table.push(
            t.fund_id,
            Some(t.date.year()),
            &[
                Cell::Integer(t.txn),
                Cell::Date(t.date),
                Cell::Text(t.description),
                Cell::Text(t.payee),
                Cell::Text(t.reference),
                t.reverses.map_or(Cell::Null, Cell::Integer),
                Cell::Text(t.hash),
                Cell::Text(t.bundle),
            ],
        )
    })?;
    written.push(table.finish()?);

    let mut table = Partitioned::new(root, "transfers", TRANSFERS, scale);
    export::transfers(&tx, |t| {
        table.push(
            t.fund_id,
            Some(t.date.year()),
            &[
                Cell::Integer(t.txn),
                Cell::Date(t.date),
                Cell::Text(t.direction),
                Cell::Text(t.transfer_id),
                Cell::Text(t.counterpart_fund),
                amount(t.amount),
                Cell::Text(t.commodity),
                t.sent_amount.map_or(Cell::Null, amount),
                t.sent_commodity.map_or(Cell::Null, Cell::Text),
                t.rate.map_or(Cell::Null, Cell::Text),
                Cell::Text(t.pool),
                Cell::Text(t.grant_id),
                t.voided_by.map_or(Cell::Null, Cell::Integer),
            ],
        )
    })?;
    written.push(table.finish()?);

    let mut table = Partitioned::new(root, "grants", GRANTS, scale);
    export::grants(&tx, |g| {
        table.push(
            g.fund_id,
            None,
            &[
                Cell::Text(g.bundle),
                Cell::Date(g.as_of),
                Cell::Text(g.grant_id),
                Cell::Text(g.pool),
                amount(g.amount),
                Cell::Text(g.commodity),
                Cell::Text(g.status),
                Cell::Text(g.decision),
                Cell::Text(g.applied_at),
                Cell::Text(g.decided_at),
                amount(g.paid),
                amount(g.returned),
            ],
        )
    })?;
    written.push(table.finish()?);

    let mut table = Partitioned::new(root, "contributions", CONTRIBUTIONS, scale);
    export::contributions(&tx, |c| {
        table.push(
            c.fund_id,
            None,
            &[
                Cell::Integer(c.txn),
                Cell::Integer(c.seq),
                Cell::Date(c.date),
                Cell::Text(c.contributor),
                Cell::Text(c.kind),
                Cell::Text(c.pool),
                amount(c.amount),
                Cell::Text(c.commodity),
                c.voided_by.map_or(Cell::Null, Cell::Integer),
                Cell::Text(c.bundle),
            ],
        )
    })?;
    written.push(table.finish()?);

    let mut table = Partitioned::new(root, "fund_heads", FUND_HEADS, scale);
    export::fund_heads(&tx, |h| {
        table.push(
            h.fund_id,
            None,
            &[
                Cell::Text(h.chain),
                Cell::Text(h.hash),
                Cell::Integer(h.position),
                Cell::Text(h.seen_at),
                Cell::Text(h.bundle),
            ],
        )
    })?;
    written.push(table.finish()?);
    drop(tx);

    staging.commit(out)?;
    let mut lines = vec![format!(
        "wrote the hub's dataset to {} (amounts as DECIMAL(18, {scale}))",
        out.display()
    )];
    lines.extend(written.iter().map(|w| {
        format!(
            "{}: {} in {}",
            w.table,
            plural(w.rows, "row"),
            plural(w.files, "file")
        )
    }));
    say(&lines)?;
    Ok(Outcome::Ok)
}

/// What was written of one table.
struct Written {
    table: &'static str,
    files: u64,
    rows: u64,
}

/// One table's partitions: the files of the fund being read, one per year
/// (or one for the fund), open at once; closed when the next fund begins.
/// Rows come by fund, so each partition is written once, in one go.
struct Partitioned<'a> {
    root: &'a Path,
    table: &'static str,
    columns: &'static [Column],
    scale: u32,
    fund: String,
    open: BTreeMap<Option<i32>, TableWriter<File>>,
    files: u64,
    rows: u64,
}

impl<'a> Partitioned<'a> {
    fn new(
        root: &'a Path,
        table: &'static str,
        columns: &'static [Column],
        scale: u32,
    ) -> Partitioned<'a> {
        Partitioned {
            root,
            table,
            columns,
            scale,
            fund: String::new(),
            open: BTreeMap::new(),
            files: 0,
            rows: 0,
        }
    }

    fn push(
        &mut self,
        fund: &str,
        year: Option<i32>,
        cells: &[Cell<'_>],
    ) -> fondo::error::Result<()> {
        if fund != self.fund {
            self.close()?;
            self.fund = plain_component(fund)?.to_owned();
        }
        let writer = match self.open.entry(year) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(entry) => {
                let mut name = format!("{}/fund_id={}", self.table, self.fund);
                if let Some(year) = year {
                    name.push_str(&format!("/year={year}"));
                }
                let dir = self.root.join(&name);
                fs::create_dir_all(&dir).map_err(io(format!("creating {}", dir.display())))?;
                let path = dir.join(PART);
                let file =
                    File::create_new(&path).map_err(io(format!("creating {}", path.display())))?;
                self.files += 1;
                entry.insert(TableWriter::new(file, name, self.columns, self.scale)?)
            }
        };
        writer.push(cells)
    }

    fn close(&mut self) -> fondo::error::Result<()> {
        for (_, writer) in std::mem::take(&mut self.open) {
            self.rows += writer.finish()?;
        }
        Ok(())
    }

    fn finish(mut self) -> fondo::error::Result<Written> {
        self.close()?;
        Ok(Written {
            table: self.table,
            files: self.files,
            rows: self.rows,
        })
    }
}

/// A fund id as a partition's value: letters, digits, `-` and `_` only
/// (fund ids are 32 hex digits), so a path never leaves its table.
fn plain_component(fund: &str) -> fondo::error::Result<&str> {
    let plain = !fund.is_empty()
        && fund
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if plain {
        Ok(fund)
    } else {
        Err(Error::HubDamaged {
            detail: format!("it holds rows of a fund id that is not a plain name: {fund:?}"),
        })
    }
}

fn io(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// The hidden directory the dataset is written into, beside DIR; removed
/// unless it was renamed into place.
struct Staging {
    path: PathBuf,
    done: bool,
}

impl Staging {
    /// Checks that `out` is new or an empty directory, and makes the
    /// staging directory beside it.
    fn beside(out: &Path) -> Result<Staging> {
        let refused = |why: &str| {
            CommandError::Refused(format!(
                "{} {why}; a Parquet dataset is written into a new or empty directory, so choose another --parquet",
                out.display()
            ))
        };
        match fs::symlink_metadata(out) {
            Ok(meta) if !meta.is_dir() => return Err(refused("exists and is not a directory")),
            Ok(_) => {
                let mut entries =
                    fs::read_dir(out).map_err(io(format!("reading {}", out.display())))?;
                if entries.next().is_some() {
                    return Err(refused("is not empty"));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(format!("looking at {}", out.display()))(e).into()),
        }
        let name = out
            .file_name()
            .ok_or_else(|| refused("names no directory"))?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            return Err(CommandError::Refused(format!(
                "the directory {} does not exist; create it first, or choose another --parquet",
                parent.display()
            )));
        }
        let path = parent.join(format!(
            ".{}.fondo-partial-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        fs::create_dir(&path).map_err(io(format!("creating {}", path.display())))?;
        Ok(Staging { path, done: false })
    }

    /// Moves the finished dataset into place.
    fn commit(mut self, out: &Path) -> Result<()> {
        if out.exists() {
            // Empty, as checked at the start; remove_dir refuses if that changed.
            fs::remove_dir(out).map_err(io(format!(
                "replacing the empty directory {}",
                out.display()
            )))?;
        }
        fs::rename(&self.path, out)
            .map_err(io(format!("moving the dataset into {}", out.display())))?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}
