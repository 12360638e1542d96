//! `BUNDLE.csv` (the bundle's facts, as key and value), `README.txt`
//! (generated from the same spec and facts) and last `MANIFEST.csv`, the
//! digest and rows of every other file.
//!
//! Rule: the manifest is written last, from what the other writers
//! recorded as they finished, sorted by file name.

use std::io::Write;

use super::out::Out;
use super::{Bundle, ManifestEntry};
use crate::domain::bundle::rows::{FactRow, ManifestRow};
use crate::domain::bundle::{BUNDLE, MANIFEST, README};
use crate::error::Result;

impl Bundle<'_> {
    pub(super) fn facts(&mut self, facts: &[(&str, String)]) -> Result<()> {
        let mut file = self.csv(BUNDLE)?;
        for (key, value) in facts {
            let row = FactRow {
                key: (*key).to_owned(),
                value: value.clone(),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }

    pub(super) fn readme(&mut self, text: &str) -> Result<()> {
        let mut out = Out::create(&self.dir.join(README))?;
        out.write_all(text.as_bytes())?;
        self.manifest.push(ManifestEntry {
            file: README.to_owned(),
            rows: text.lines().count() as u64,
            sha256: out.finish()?,
        });
        Ok(())
    }

    /// Writes MANIFEST.csv; returns the manifest, its digest and the
    /// warnings gathered.
    pub(super) fn finish(mut self) -> Result<(Vec<ManifestEntry>, String, Vec<String>)> {
        self.manifest.sort_by(|a, b| a.file.cmp(&b.file));
        let mut file = self.csv(MANIFEST)?;
        for entry in &self.manifest {
            let row = ManifestRow {
                file: entry.file.clone(),
                rows: entry.rows.to_string(),
                sha256: entry.sha256.clone(),
            };
            file.row(&row, &mut self.privacy)?;
        }
        let digest = file.finish()?.sha256;
        Ok((self.manifest, digest, self.privacy.warnings))
    }
}
