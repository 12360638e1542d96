//! The files of a bundle as they are written: [`Out`] hashes every byte on
//! its way to the disk, so a file's digest for the manifest costs no second
//! read; it syncs a big file to the disk as it goes, and can give a reader
//! a copy of its bytes ([`super::tee`]). [`CsvFile`] writes a file's header
//! and its typed rows ([`BundleRow`]), scanning every cell for names the
//! audience may not see and writing it formula-safe
//! ([`crate::domain::cell::guard`]).
//!
//! Rule: nothing here knows what a row means; the header is the file's
//! specified columns and each row is serialized in exactly that order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::ManifestEntry;
use super::privacy::Privacy;
use super::tee::Tee;
use crate::domain::bundle::columns;
use crate::domain::bundle::rows::BundleRow;
use crate::domain::hash::hex;
use crate::error::{Error, Result};

/// A file being written: its bytes are hashed on the way out, and copied
/// to a reader when it is [`teeing`](Out::teeing). Its I/O errors name it.
pub(super) struct Out {
    /// The file's name in the bundle (`journal.csv`).
    name: String,
    file: BufWriter<File>,
    digest: Sha256,
    tee: Option<Tee>,
    /// Bytes written since the file's data was last handed to be synced,
    /// and how many may be ([`SYNC_EVERY`]).
    unsynced: usize,
    sync_every: usize,
    /// The thread syncing a big file's data while it is written.
    syncer: Option<Syncer>,
}

/// How many bytes a file may be ahead of the disk before its data is
/// synced while it is written. The kernel writes a big file back only when
/// much of memory is dirty, so the sync that publishing a bundle needs
/// ([`Out::finish`]) would wait for all of journal.csv at the end (0.4 s
/// for a million transactions here). Synced as it goes, on a thread of its
/// own, the disk works while the rows are formatted and the end's sync
/// finds little left.
const SYNC_EVERY: usize = 64 << 20;

/// A thread that syncs a file's data each time it is asked to.
struct Syncer {
    ask: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Syncer {
    fn start(file: &File) -> std::io::Result<Syncer> {
        let file = file.try_clone()?;
        let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("bundle-sync".into())
            .spawn(move || {
                for () in asked {
                    file.sync_data()?;
                }
                Ok(())
            })?;
        Ok(Syncer { ask, thread })
    }

    /// Asks for a sync, unless one is already asked for and not begun.
    fn ask(&self) {
        let _ = self.ask.try_send(());
    }

    /// Waits for the syncs asked for; the first error one met.
    fn finish(self) -> std::io::Result<()> {
        drop(self.ask);
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

impl Out {
    pub(super) fn create(path: &Path) -> Result<Out> {
        let file = File::create(path).map_err(|source| Error::Io {
            context: format!("creating {}", path.display()),
            source,
        })?;
        Ok(Out {
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            // 256 KiB at a time: the default 8 KiB made the journal's file
            // of a million transactions tens of thousands of write calls.
            file: BufWriter::with_capacity(1 << 18, file),
            digest: Sha256::new(),
            tee: None,
            unsynced: 0,
            sync_every: SYNC_EVERY,
            syncer: None,
        })
    }

    /// This file, with a copy of every byte written to it given to `tee`
    /// (whose reader then reads the file as it is written).
    pub(super) fn teeing(mut self, tee: Tee) -> Out {
        self.tee = Some(tee);
        self
    }

    /// Writes the file out to the disk and gives its SHA-256. The reader
    /// of a [`teeing`](Out::teeing) file is told the end first.
    pub(super) fn finish(mut self) -> Result<String> {
        self.tee = None;
        let name = std::mem::take(&mut self.name);
        let named = |e| Error::Output(named(&name, e));
        if let Some(syncer) = self.syncer.take() {
            syncer.finish().map_err(named)?;
        }
        self.file.flush().map_err(named)?;
        self.file
            .into_inner()
            .map_err(|e| named(e.into_error()))?
            .sync_all()
            .map_err(named)?;
        Ok(hex(&self.digest.finalize()))
    }
}

/// `error`, met writing the file `name`, saying so; of the same kind (a
/// full disk stays one).
fn named(name: &str, error: std::io::Error) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{name}: {error}"))
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf).map_err(|e| named(&self.name, e))?;
        self.digest.update(&buf[..n]);
        if let Some(tee) = &mut self.tee {
            tee.copy(&buf[..n]);
        }
        self.unsynced += n;
        if self.unsynced >= self.sync_every {
            if self.syncer.is_none() {
                let syncer =
                    Syncer::start(self.file.get_ref()).map_err(|e| named(&self.name, e))?;
                self.syncer = Some(syncer);
            }
            if let Some(syncer) = &self.syncer {
                syncer.ask();
            }
            self.unsynced = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush().map_err(|e| named(&self.name, e))
    }
}

/// A CSV file of the bundle written from its row structs.
pub(super) struct CsvFile {
    name: &'static str,
    columns: Vec<&'static str>,
    writer: csv::Writer<Out>,
    rows: u64,
}

impl CsvFile {
    pub(super) fn create(dir: &Path, name: &'static str) -> Result<CsvFile> {
        let columns = columns(name);
        let mut writer = csv::Writer::from_writer(Out::create(&dir.join(name))?);
        writer
            .write_record(&columns)
            .map_err(std::io::Error::from)?;
        Ok(CsvFile {
            name,
            columns,
            writer,
            rows: 0,
        })
    }

    /// Writes one row of this file.
    pub(super) fn row<R: BundleRow>(&mut self, row: &R, privacy: &mut Privacy) -> Result<()> {
        debug_assert_eq!(R::FILE, self.name, "a row of another file");
        let value = serde_json::to_value(row).map_err(std::io::Error::from)?;
        self.rows += 1;
        let mut cells = Vec::with_capacity(self.columns.len());
        for column in &self.columns {
            let cell = match value
                .get(column)
                .expect("bundle row structs have exactly their file's columns (unit-tested)")
            {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let (name, rows) = (self.name, self.rows);
            privacy.scan(|| format!("{name} row {rows}, column {column},"), &cell);
            cells.push(crate::domain::cell::guard(&cell).into_owned());
        }
        self.writer
            .write_record(&cells)
            .map_err(std::io::Error::from)?;
        Ok(())
    }

    pub(super) fn finish(self) -> Result<ManifestEntry> {
        let out = self
            .writer
            .into_inner()
            .map_err(|e| Error::Output(e.into_error()))?;
        Ok(ManifestEntry {
            file: self.name.to_owned(),
            rows: self.rows,
            sha256: out.finish()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_file_synced_as_it_is_written_and_teed_holds_every_byte_and_its_digest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.csv");
        let (tee, mut chunks) = super::super::tee::pair();
        let mut out = Out::create(&path).unwrap().teeing(tee);
        // Synced every few bytes: many syncs asked for while writing.
        out.sync_every = 1000;
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
        let read = std::thread::spawn(move || {
            let mut all = Vec::new();
            chunks.read_to_end(&mut all).unwrap();
            all
        });
        for piece in bytes.chunks(4099) {
            out.write_all(piece).unwrap();
        }
        let digest = out.finish().unwrap();
        assert_eq!(read.join().unwrap(), bytes);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(digest, hex(&Sha256::digest(&bytes)));
    }

    #[test]
    fn a_sync_that_fails_on_the_sync_thread_is_the_error_finish_gives() {
        // A pipe cannot be synced (fdatasync says EINVAL): the thread's
        // first sync fails and ends it; later asks find no one and are
        // dropped, and finish gives that first error instead of losing it.
        let (_reader, writer) = std::io::pipe().unwrap();
        let file = File::from(std::os::fd::OwnedFd::from(writer));
        let syncer = Syncer::start(&file).unwrap();
        for _ in 0..3 {
            syncer.ask();
        }
        let error = syncer.finish().unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{error}");
        // Asked for nothing, it has nothing to report.
        Syncer::start(&file).unwrap().finish().unwrap();
    }
}
