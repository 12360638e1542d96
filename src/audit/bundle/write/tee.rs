//! A file's bytes read on another thread as they are written: [`pair`]
//! gives a [`Tee`], which an [`Out`](super::out::Out) hands a copy of
//! every byte it writes, and [`Chunks`], an `io::Read` of those bytes in
//! the same order. The bundle derives transfers.csv from journal.csv this
//! way, reading the very bytes of the file while they are written instead
//! of reading the file back afterwards.
//!
//! Rule: the reader sees exactly the bytes written, in order, and then the
//! end once the [`Tee`] is dropped; neither side can block the other for
//! ever (a reader that stops is no longer sent anything, and a dropped
//! writer is an end). At most [`IN_FLIGHT`] copies wait to be read; read
//! copies go back to be refilled.

use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

/// How many copies may wait for the reader.
pub const IN_FLIGHT: usize = 4;

/// The writing end: copies of the bytes to [`Chunks`].
pub(super) struct Tee {
    copies: SyncSender<Vec<u8>>,
    /// Read copies back from the reader, to refill.
    spare: Receiver<Vec<u8>>,
    /// Whether the reader stopped: nothing more is copied.
    stopped: bool,
}

/// The reading end: the bytes the [`Tee`] was given.
pub(super) struct Chunks {
    copies: Receiver<Vec<u8>>,
    spare: Sender<Vec<u8>>,
    /// The copy being read, from `at`.
    current: Vec<u8>,
    at: usize,
}

/// A connected [`Tee`] and [`Chunks`].
pub(super) fn pair() -> (Tee, Chunks) {
    let (copies_tx, copies_rx) = mpsc::sync_channel(IN_FLIGHT);
    let (spare_tx, spare_rx) = mpsc::channel();
    (
        Tee {
            copies: copies_tx,
            spare: spare_rx,
            stopped: false,
        },
        Chunks {
            copies: copies_rx,
            spare: spare_tx,
            current: Vec::new(),
            at: 0,
        },
    )
}

impl Tee {
    /// Hands the reader a copy of `bytes` (waiting while [`IN_FLIGHT`]
    /// copies are unread); nothing once the reader has stopped.
    pub(super) fn copy(&mut self, bytes: &[u8]) {
        if self.stopped || bytes.is_empty() {
            return;
        }
        let mut copy = self.spare.try_recv().unwrap_or_default();
        copy.clear();
        copy.extend_from_slice(bytes);
        self.stopped = self.copies.send(copy).is_err();
    }
}

impl Read for Chunks {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            match self.copies.recv() {
                Ok(next) => {
                    let read = std::mem::replace(&mut self.current, next);
                    self.at = 0;
                    // The writer may be done and gone: the copy is freed.
                    let _ = self.spare.send(read);
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.current.len() - self.at);
        out[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_reads_every_byte_in_order_then_the_end() {
        let (mut tee, mut chunks) = pair();
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let read = std::thread::spawn(move || {
            let mut all = Vec::new();
            chunks.read_to_end(&mut all).unwrap();
            all
        });
        // More copies than may wait, of uneven sizes, and an empty one.
        for piece in bytes.chunks(777).chain(std::iter::once(&[][..])) {
            tee.copy(piece);
        }
        drop(tee);
        assert_eq!(read.join().unwrap(), bytes);
    }

    #[test]
    fn a_reader_that_stops_does_not_stop_the_writer() {
        let (mut tee, chunks) = pair();
        drop(chunks);
        for _ in 0..3 * IN_FLIGHT {
            tee.copy(b"rows");
        }
        assert!(tee.stopped);
    }
}
