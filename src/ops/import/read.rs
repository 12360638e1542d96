//! The journal import's reading stage: the CSV file read in a thread of its
//! own, its rows grouped into transactions (consecutive rows with the same
//! `txn` value), the common ones checked ([`Quick`]), handed on in batches.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender};

use csv::StringRecord;

use crate::domain::cell::unguard_record;
use crate::domain::txn::Transaction;
use crate::error::Result;
use crate::ops::csvin::{CsvFile, Problems};
use crate::ops::import::Group;
use crate::ops::import::link::FileHash;
use crate::ops::import::quick::{Checked, Learnt, Quick};
use crate::store::txns::PostingIds;

/// A transaction read: its rows for the full check, or already checked.
pub(super) enum Item {
    Rows(Group),
    Checked(Checked),
}

/// Transactions read, and how far into the file (for the progress bar).
pub(super) struct Batch {
    pub items: Vec<Item>,
    pub position: u64,
}

/// What the importer hands back to be reused or freed here, where it was
/// made: memory freed in another thread than the one that took it costs the
/// allocator's locks, more than the reading.
pub(super) enum Spent {
    Rows(Vec<Group>),
    Written(Vec<Written>),
}

/// A written transaction, its key, its ids and what the file said of its
/// hash, to be freed here, in the thread that made them (for the quick
/// check's; the full check's few come back too).
pub(super) type Written = (
    Arc<Transaction>,
    String,
    Vec<PostingIds>,
    Option<Box<FileHash>>,
);

/// How many transactions a batch carries: enough that handing one on costs
/// little per row, few enough that memory stays small.
const BATCHES_GROUPS: usize = 256;

/// Reads `csv` to its end and sends its transactions in batches, each
/// checked here when `quick` can (learning what the importer added on
/// `learnt`). Returns the problems of the rows it could not read; stops
/// early, with those it has, when the receiver has stopped listening.
pub(super) fn read(
    mut csv: CsvFile,
    mut quick: Option<Quick>,
    out: SyncSender<Batch>,
    spent: &Receiver<Spent>,
    learnt: &Receiver<Learnt>,
) -> Result<Problems> {
    let mut problems = Problems::default();
    let mut spare = Spare::default();
    let mut items = Vec::with_capacity(BATCHES_GROUPS);
    let mut group: Group = spare.group(spent);
    let mut record = spare.record(spent);
    let mut take = |group: Group, spare: &mut Spare| {
        let checked = quick.as_mut().and_then(|quick| {
            while let Ok(l) = learnt.try_recv() {
                quick.learn(l);
            }
            quick.check(&group)
        });
        match checked {
            Some(checked) => {
                spare.reuse(group);
                Item::Checked(checked)
            }
            None => Item::Rows(group),
        }
    };
    while let Some(line) = csv.next(&mut record, &mut problems)? {
        unguard_record(&mut record);
        let same = group
            .first()
            .is_some_and(|(_, first)| first.get(0) == record.get(0));
        if !same && !group.is_empty() {
            let full = std::mem::replace(&mut group, spare.group(spent));
            items.push(take(full, &mut spare));
            if items.len() == BATCHES_GROUPS {
                let items = std::mem::replace(&mut items, Vec::with_capacity(BATCHES_GROUPS));
                let position = csv.position();
                if out.send(Batch { items, position }).is_err() {
                    return Ok(problems);
                }
                // Written transactions are freed as they come back, so
                // memory stays bounded by the batches in flight.
                spare.collect(spent);
            }
        }
        group.push((line, std::mem::replace(&mut record, spare.record(spent))));
    }
    if !group.is_empty() {
        items.push(take(group, &mut spare));
    }
    if !items.is_empty() {
        // A receiver that stopped listening has its own reason to stop.
        let _ = out.send(Batch {
            items,
            position: csv.position(),
        });
    }
    // What is handed back after the last batch is freed here too, until
    // the importer, told by the end of the batches, stops handing back.
    drop(out);
    while let Ok(back) = spent.recv() {
        drop(back);
    }
    Ok(problems)
}

/// Groups and records handed back, to be read into again.
#[derive(Default)]
struct Spare {
    groups: Vec<Group>,
    records: Vec<StringRecord>,
}

impl Spare {
    fn reuse(&mut self, mut group: Group) {
        self.records
            .extend(group.drain(..).map(|(_, record)| record));
        self.groups.push(group);
    }

    /// Takes in what the receiver has handed back since the last call.
    fn collect(&mut self, spent: &Receiver<Spent>) {
        while let Ok(back) = spent.try_recv() {
            match back {
                Spent::Rows(groups) => groups.into_iter().for_each(|g| self.reuse(g)),
                Spent::Written(written) => drop(written),
            }
        }
    }

    fn group(&mut self, spent: &Receiver<Spent>) -> Group {
        if self.groups.is_empty() {
            self.collect(spent);
        }
        self.groups.pop().unwrap_or_default()
    }

    fn record(&mut self, spent: &Receiver<Spent>) -> StringRecord {
        if self.records.is_empty() {
            self.collect(spent);
        }
        self.records.pop().unwrap_or_default()
    }
}
