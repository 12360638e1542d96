//! Writing on a thread of its own: [`handed_off`] gives its caller a
//! [`Handoff`], an `io::Write` that gathers bytes into buffers of
//! [`CHUNK`] bytes and hands each full one to a second thread, which writes
//! it to the real output. The caller goes on formatting the next rows while
//! the kernel copies the last ones into the file (on this project's 2-core
//! machines, a third of a million-transaction journal export's time).
//!
//! The rule: bytes reach the output in the order they were written, and
//! nothing is lost silently. A write error on the writing thread is the
//! error [`handed_off`] returns (the caller's next write fails and it
//! stops); otherwise the caller's own result is returned. Buffers go back
//! to the caller to be refilled, so at most [`IN_FLIGHT`] + 1 exist and
//! each is freed by the thread that made it.

use std::io::{self, Write};
use std::mem;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

use crate::error::Result;

/// The size of a buffer handed to the writing thread.
pub const CHUNK: usize = 1 << 20;

/// How many full buffers may wait for the writing thread.
pub const IN_FLIGHT: usize = 3;

/// The writing end the caller of [`handed_off`] writes to.
pub struct Handoff {
    buf: Vec<u8>,
    /// Full buffers to the writing thread; `None` once closed.
    full: Option<SyncSender<Vec<u8>>>,
    /// Written buffers back from the writing thread.
    empty: Receiver<Vec<u8>>,
    /// How many more buffers may be made before one must come back.
    spare: usize,
}

fn stopped() -> io::Error {
    io::Error::other("the writing thread stopped")
}

impl Handoff {
    /// Hands the current buffer on (if it holds anything) and takes an
    /// empty one: a written one back, a new one while fewer than
    /// [`IN_FLIGHT`] + 1 exist, or else the next to come back.
    fn hand_on(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let next = match self.empty.try_recv() {
            Ok(buf) => buf,
            Err(_) if self.spare > 0 => {
                self.spare -= 1;
                Vec::with_capacity(CHUNK)
            }
            Err(_) => self.empty.recv().map_err(|_| stopped())?,
        };
        let full = mem::replace(&mut self.buf, next);
        self.full
            .as_ref()
            .ok_or_else(stopped)?
            .send(full)
            .map_err(|_| stopped())
    }

    /// Hands on what is left and tells the writing thread there is no more.
    fn close(&mut self) -> io::Result<()> {
        self.hand_on()?;
        self.full = None;
        Ok(())
    }
}

impl Write for Handoff {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.hand_on()?;
        }
        Ok(bytes.len())
    }

    /// Hands on the partial buffer; the bytes reach `out` in order, and are
    /// all written when [`handed_off`] returns.
    fn flush(&mut self) -> io::Result<()> {
        self.hand_on()
    }
}

/// Runs `write` with a [`Handoff`] whose bytes a second thread writes to
/// `out`, in order; gives back `write`'s value and `out`, flushed, once
/// every byte is written.
///
/// # Errors
/// The writing thread's I/O error when it met one (whatever `write`
/// returned then); else `write`'s error.
pub fn handed_off<W, T>(out: W, write: impl FnOnce(&mut Handoff) -> Result<T>) -> Result<(T, W)>
where
    W: Write + Send,
{
    thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(IN_FLIGHT);
        let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
        let writer = thread::Builder::new()
            .name("handoff-write".into())
            .spawn_scoped(scope, move || -> io::Result<W> {
                let mut out = out;
                for mut buf in full_rx {
                    out.write_all(&buf)?;
                    buf.clear();
                    // The caller may have stopped taking buffers back.
                    let _ = empty_tx.send(buf);
                }
                out.flush()?;
                Ok(out)
            })?;
        let mut handoff = Handoff {
            buf: Vec::with_capacity(CHUNK),
            full: Some(full_tx),
            empty: empty_rx,
            spare: IN_FLIGHT,
        };
        let written = write(&mut handoff).and_then(|value| Ok(handoff.close().map(|()| value)?));
        // Closes the channel, so the writing thread ends, even after an error.
        drop(handoff);
        let out = match writer.join() {
            Ok(out) => out?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok((written?, out))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn every_byte_arrives_in_order_across_many_buffers() {
        let mut expected = Vec::new();
        let (count, out) = handed_off(Vec::new(), |h| {
            let mut n = 0u64;
            // Odd-sized pieces, so buffers fill mid-piece; many buffers, so
            // they come back and are refilled.
            while expected.len() < CHUNK * (IN_FLIGHT + 4) {
                let piece: Vec<u8> = (0..997u32).map(|i| (n as u32 + i) as u8).collect();
                h.write_all(&piece)?;
                expected.extend_from_slice(&piece);
                n += 1;
            }
            h.flush()?;
            h.write_all(b"tail")?;
            expected.extend_from_slice(b"tail");
            Ok(n)
        })
        .unwrap();
        assert!(count > 0);
        assert_eq!(out.len(), expected.len());
        assert!(out == expected);
    }

    #[test]
    fn nothing_written_gives_back_the_output_untouched() {
        let ((), out) = handed_off(Vec::new(), |_| Ok(())).unwrap();
        assert!(out.is_empty());
    }

    /// Takes `room` bytes, then refuses.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            let n = bytes.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_writing_threads_error_is_the_one_returned() {
        let result = handed_off(Full { room: CHUNK + 10 }, |h| {
            for _ in 0..CHUNK * 20 / 1000 {
                h.write_all(&[b'x'; 1000])?;
            }
            Ok(())
        });
        match result {
            Err(Error::Output(e)) => assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{e}"),
            other => panic!("expected the disk-full error, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn the_callers_error_is_returned_when_the_writing_went_well() {
        let result = handed_off(Vec::new(), |h| -> Result<()> {
            h.write_all(b"half a row")?;
            Err(Error::Output(io::Error::other("the caller's own")))
        });
        match result {
            Err(Error::Output(e)) => assert_eq!(e.to_string(), "the caller's own"),
            other => panic!("expected the caller's error, got {:?}", other.map(|_| ())),
        }
    }
}
