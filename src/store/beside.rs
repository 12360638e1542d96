//! A journal stream split over two threads: [`for_each_beside`].
//!
//! The calling thread reads the journal (a SQLite connection stays on the
//! thread that uses it) and does the part of the work that must see each
//! transaction as it is read; the rest, which needs only the rows, runs on
//! a second thread, in the same order. The rows cross in batches of
//! [`BATCH`] transactions, in memory that is kept: at most
//! [`BATCHES`] batches exist, each goes back to be refilled: a row read goes
//! into a batch by a swap with the row that batch held before, whose memory
//! the reader reads the next transaction into, so every row is allocated
//! and freed by the reading thread (glibc's allocator takes a lock to free
//! what another thread allocated) and none is copied.
//!
//! The rule: the second thread sees every transaction the first did, in
//! order, until either fails; the first failure in the journal's order is
//! the one returned.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::txns::{self, JournalPosting, JournalTxn, ReadTxn, Selection};

/// How many transactions a batch carries.
pub const BATCH: usize = 512;

/// How many batches exist at once (being filled, waiting, being worked on).
pub const BATCHES: usize = 4;

/// Transactions' rows, each with what the reading thread added to it,
/// kept for refilling.
struct Batch<T> {
    rows: Vec<(T, ReadTxn)>,
    used: usize,
}

impl<T> Batch<T> {
    fn new() -> Batch<T> {
        Batch {
            rows: Vec::with_capacity(BATCH),
            used: 0,
        }
    }

    fn is_full(&self) -> bool {
        self.used == BATCH
    }

    /// Takes one transaction's rows by swapping them with those a previous
    /// use of the batch held, which the reader then reads the next
    /// transaction into (no row is copied, no memory is freed).
    fn push(&mut self, extra: T, read: &mut ReadTxn) {
        match self.rows.get_mut(self.used) {
            Some((to_extra, to_read)) => {
                *to_extra = extra;
                std::mem::swap(to_read, read);
            }
            None => self.rows.push((extra, std::mem::take(read))),
        }
        self.used += 1;
    }

    /// The transactions it holds.
    fn held(&self) -> &[(T, ReadTxn)] {
        &self.rows[..self.used]
    }
}

/// [`txns::for_each_selected`] with the work split over two threads:
/// `here` sees each transaction on the calling thread as it is read, and
/// `there` sees it afterwards on a thread of its own (named `name`), with
/// what `here` returned for it, in the same order. Returns the number of
/// postings that belong to no transaction, as
/// [`txns::for_each_selected`] does.
///
/// # Errors
/// The first error in the journal's order: `there`'s (it can only have
/// failed on a transaction `here` had already seen), else the reading's or
/// `here`'s, else the thread's failure to start.
pub fn for_each_beside<T: Send>(
    conn: &Connection,
    selection: Selection,
    name: &str,
    mut here: impl FnMut(&JournalTxn, &[JournalPosting]) -> Result<T>,
    mut there: impl FnMut(&T, &JournalTxn, &[JournalPosting]) -> Result<()> + Send,
) -> Result<u64> {
    let (full, to_there) = mpsc::sync_channel::<Batch<T>>(BATCHES);
    let (back, empty) = mpsc::sync_channel::<Batch<T>>(BATCHES);
    thread::scope(|scope| {
        let worker = thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, move || work(to_there, back, &mut there))
            .map_err(|source| Error::Io {
                context: format!("starting the thread {name}"),
                source,
            })?;
        let read = feed(conn, selection, &mut here, full, &empty);
        let worked = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        worked?;
        match read {
            Ok(Some(orphans)) => Ok(orphans),
            Ok(None) => unreachable!("the feed stops only when the worker failed"),
            Err(e) => Err(e),
        }
    })
}

/// The reading thread's half: reads, runs `here`, and sends full batches
/// (then the last one) to the worker. `Ok(None)` when the worker stopped
/// taking batches (it failed, and says why when joined).
fn feed<T>(
    conn: &Connection,
    selection: Selection,
    here: &mut impl FnMut(&JournalTxn, &[JournalPosting]) -> Result<T>,
    full: SyncSender<Batch<T>>,
    empty: &Receiver<Batch<T>>,
) -> Result<Option<u64>> {
    let mut made = 1;
    let mut batch = Batch::new();
    let mut stopped = false;
    let orphans = txns::for_each_read(conn, selection, |read| {
        let extra = here(&read.head, read.postings())?;
        batch.push(extra, read);
        if batch.is_full() {
            let next = match empty.try_recv() {
                Ok(mut done) => {
                    done.used = 0;
                    done
                }
                Err(_) if made < BATCHES => {
                    made += 1;
                    Batch::new()
                }
                Err(_) => match empty.recv() {
                    Ok(mut done) => {
                        done.used = 0;
                        done
                    }
                    Err(_) => {
                        stopped = true;
                        return Err(stopped_worker());
                    }
                },
            };
            if full.send(std::mem::replace(&mut batch, next)).is_err() {
                stopped = true;
                return Err(stopped_worker());
            }
        }
        Ok(())
    });
    if stopped {
        return Ok(None);
    }
    // What was read before the end (or before the reading failed) is
    // worked on too; a worker that fails on it says so when joined.
    full.send(batch).ok();
    orphans.map(Some)
}

/// What the reading stops with when the worker stopped taking batches;
/// never shown, the worker's own error is.
fn stopped_worker() -> Error {
    Error::Output(std::io::Error::other("the worker thread stopped"))
}

/// The worker's half: `there` over every transaction of every batch, each
/// batch handed back; stops at `there`'s first error.
fn work<T>(
    full: Receiver<Batch<T>>,
    back: SyncSender<Batch<T>>,
    there: &mut impl FnMut(&T, &JournalTxn, &[JournalPosting]) -> Result<()>,
) -> Result<()> {
    for batch in full {
        for (extra, read) in batch.held() {
            there(extra, &read.head, read.postings())?;
        }
        // The reader stops taking batches back only after its last one,
        // which is then freed here.
        back.send(batch).ok();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A journal of `n` transactions of two postings each, straight into
    /// the tables (the stream reads rows; it does not check hashes).
    fn journal(n: i64) -> Connection {
        let conn = crate::store::memory();
        conn.execute_batch(
            "INSERT INTO commodities (id, code, decimals) VALUES (1, 'USD', 2);
             INSERT INTO accounts (id, name, name_key)
                 VALUES (1, 'assets:bank', 'assets:bank'), (2, 'income:dues', 'income:dues');",
        )
        .unwrap();
        for id in 1..=n {
            conn.execute(
                "INSERT INTO txns (id, date, description, prev_hash, hash, recorded_at)
                 VALUES (?1, '2026-03-01', 'txn ' || ?1, '', '', '')",
                [id],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO postings (txn_id, line, account_id, commodity_id, amount, memo)
                 VALUES (?1, 1, 1, 1, ?1, NULL), (?1, 2, 2, 1, -?1, 'memo ' || ?1)",
                [id],
            )
            .unwrap();
        }
        conn
    }

    fn failure(at: i64) -> Error {
        Error::Damaged {
            what: format!("txn {at}"),
            detail: "a test".into(),
        }
    }

    const ALL: Selection = Selection::Dates(None, None);

    /// More transactions than the batches in existence hold, so every
    /// batch is refilled at least once.
    const MANY: i64 = (BATCH * BATCHES) as i64 + 700;

    #[test]
    fn the_worker_sees_every_transaction_in_order_with_what_the_reader_added() {
        let conn = journal(MANY);
        let mut seen = Vec::new();
        let orphans = for_each_beside(
            &conn,
            ALL,
            "test-worker",
            |txn, _| Ok(txn.id.get() * 10),
            |&extra, txn, postings| {
                let memo = postings[1].memo.clone().unwrap_or_default();
                seen.push((extra, txn.description.clone(), postings.len(), memo));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(orphans, 0);
        let expected: Vec<_> = (1..=MANY)
            .map(|id| (id * 10, format!("txn {id}"), 2, format!("memo {id}")))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn the_workers_failure_is_returned_and_stops_the_reading() {
        let conn = journal(MANY);
        let mut read = 0;
        let err = for_each_beside(
            &conn,
            ALL,
            "test-worker",
            |_, _| {
                read += 1;
                Ok(())
            },
            |_, txn, _| match txn.id.get() {
                1000 => Err(failure(1000)),
                _ => Ok(()),
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), failure(1000).to_string());
        assert!(read < MANY, "the reading stopped early ({read} read)");
    }

    #[test]
    fn the_readers_failure_is_returned_after_the_worker_saw_everything_before_it() {
        let conn = journal(MANY);
        let mut seen = Vec::new();
        let err = for_each_beside(
            &conn,
            ALL,
            "test-worker",
            |txn, _| match txn.id.get() {
                1500 => Err(failure(1500)),
                _ => Ok(()),
            },
            |_, txn, _| {
                seen.push(txn.id.get());
                Ok(())
            },
        )
        .unwrap_err();
        assert_eq!(err.to_string(), failure(1500).to_string());
        assert_eq!(seen, (1..1500).collect::<Vec<_>>());
    }

    /// Rows that differ from one transaction to the next in every way a
    /// reused row could show a stale part: the number of postings, a memo
    /// or a payee present or not, and their lengths.
    fn varied(n: i64) -> Connection {
        let conn = journal(0);
        for id in 1..=n {
            conn.execute(
                "INSERT INTO txns (id, date, description, payee, prev_hash, hash, recorded_at)
                 VALUES (?1, '2026-03-01', 'txn ' || ?1,
                         CASE WHEN ?1 % 4 = 0 THEN 'payee ' || ?1 END, '', '', '')",
                [id],
            )
            .unwrap();
            for line in 1..=1 + id % 3 {
                conn.execute(
                    "INSERT INTO postings (txn_id, line, account_id, commodity_id, amount, memo)
                     VALUES (?1, ?2, 1, 1, ?1 * ?2,
                             CASE WHEN (?1 + ?2) % 2 = 1 THEN substr('memo memo memo', ?1 % 9) END)",
                    [id, line],
                )
                .unwrap();
            }
        }
        conn
    }

    #[test]
    fn rows_handed_over_are_exactly_the_rows_read_however_their_memory_was_reused() {
        let conn = varied(MANY);
        let show = |txn: &JournalTxn, postings: &[JournalPosting]| format!("{txn:?} {postings:?}");
        let mut expected = Vec::new();
        txns::for_each_selected(&conn, ALL, |txn, postings| {
            expected.push(show(txn, postings));
            Ok(())
        })
        .unwrap();
        let mut seen = Vec::new();
        for_each_beside(
            &conn,
            ALL,
            "test-worker",
            |_, _| Ok(()),
            |_, txn, postings| {
                seen.push(show(txn, postings));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen.len(), MANY as usize);
        assert_eq!(seen, expected);
    }
}
