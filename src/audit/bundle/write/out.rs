//! The files of a bundle as they are written: [`Out`] hashes every byte on
//! its way to the disk, so a file's digest for the manifest costs no second
//! read, and [`CsvFile`] writes a file's header and its typed rows
//! ([`BundleRow`]), scanning every cell for names the audience may not see
//! and writing it formula-safe ([`crate::domain::cell::guard`]).
//!
//! Rule: nothing here knows what a row means; the header is the file's
//! specified columns and each row is serialized in exactly that order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::ManifestEntry;
use super::privacy::Privacy;
use crate::domain::bundle::columns;
use crate::domain::bundle::rows::BundleRow;
use crate::domain::hash::hex;
use crate::error::{Error, Result};

/// A file being written: its bytes are hashed on the way out.
pub(super) struct Out {
    file: BufWriter<File>,
    digest: Sha256,
}

impl Out {
    pub(super) fn create(path: &Path) -> Result<Out> {
        let file = File::create(path).map_err(|source| Error::Io {
            context: format!("creating {}", path.display()),
            source,
        })?;
        Ok(Out {
            // 256 KiB at a time: the default 8 KiB made the journal's file
            // of a million transactions tens of thousands of write calls.
            file: BufWriter::with_capacity(1 << 18, file),
            digest: Sha256::new(),
        })
    }

    pub(super) fn finish(mut self) -> Result<String> {
        self.file.flush()?;
        self.file
            .into_inner()
            .map_err(|e| Error::Output(e.into_error()))?
            .sync_all()?;
        Ok(hex(&self.digest.finalize()))
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
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
