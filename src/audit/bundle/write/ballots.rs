//! The signed votes as stock OpenSSH checks them: `allowed_signers`, every
//! member key the records register (the member's number as principal,
//! valid from registration to revocation), and for each signed vote whose
//! ballot records.csv shows, its ballot and signature as two files
//! (`ballot-17.txt`, `ballot-17.txt.sig`), so that
//! `ssh-keygen -Y verify -f allowed_signers -I VOTER -n fondo-ballot
//! -Overify-time=TIME -s ballot-17.txt.sig < ballot-17.txt` checks it.
//!
//! Rule: copies of what records.csv holds, byte for byte, and nothing
//! else; a ballot the audience may not see (records.csv shows only its
//! commitment, or withholds its record) has no files.

use std::io::Write;

use super::out::Out;
use super::{Bundle, ManifestEntry};
use crate::books::keys::key_book;
use crate::domain::bundle::{ALLOWED_SIGNERS, ballot_file, ballot_signature_file};
use crate::domain::ids::RecordId;
use crate::domain::keys::allowed_signers;
use crate::error::Result;

/// A signed vote whose ballot records.csv shows.
pub(super) struct ShownBallot {
    /// Its record's number in records.csv.
    pub(super) record: RecordId,
    pub(super) ballot: String,
    pub(super) signature: String,
}

impl Bundle<'_> {
    /// Writes `allowed_signers` (when any member key is registered) and the
    /// files of `ballots`; true when it wrote any.
    pub(super) fn ballots(&mut self, ballots: &[ShownBallot]) -> Result<bool> {
        let signers = allowed_signers(&key_book(self.conn)?);
        if !signers.is_empty() {
            self.plain_file(ALLOWED_SIGNERS, &signers)?;
        }
        for b in ballots {
            self.plain_file(&ballot_file(b.record), &b.ballot)?;
            self.plain_file(&ballot_signature_file(b.record), &b.signature)?;
        }
        Ok(!signers.is_empty() || !ballots.is_empty())
    }

    /// Writes a text file listed in the manifest with its number of lines
    /// (fund_signers too).
    pub(super) fn plain_file(&mut self, name: &str, text: &str) -> Result<()> {
        let mut out = Out::create(&self.dir.join(name))?;
        out.write_all(text.as_bytes())?;
        self.manifest.push(ManifestEntry {
            file: name.to_owned(),
            rows: text.lines().count() as u64,
            sha256: out.finish()?,
        });
        Ok(())
    }
}
