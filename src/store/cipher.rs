//! Encrypted books: telling an encrypted file from a plain one, and keying
//! a connection with its passphrase.
//!
//! A plain SQLite file begins with the 16 bytes `SQLite format 3\0`; a
//! file encrypted by SQLCipher begins with 16 random bytes (its salt), so
//! the header tells the two apart before SQLite reads anything
//! ([`sealing`]). Encryption needs fondo built with the `encryption`
//! feature (SQLCipher in place of SQLite); a build without it recognises an
//! encrypted file and refuses it with [`Error::Encrypted`] instead of
//! SQLite's "file is not a database".
//!
//! Rule: the key is the first statement on a connection to an encrypted
//! file (`apply_key`), before any pragma or query; a passphrase that does
//! not unlock the file is [`Error::WrongPassphrase`]. A [`Passphrase`] never
//! shows itself: its `Debug` is a placeholder, it has no `Display`, and no
//! error carries it. Where it comes from (a file, the terminal) is the
//! binary's business, behind [`Unlock`]; the library never reads the
//! environment or the terminal.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result, SqlContext};

/// Whether this build can open and write encrypted books.
pub const AVAILABLE: bool = cfg!(feature = "encryption");

/// The first 16 bytes of every plain SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The secret that unlocks encrypted books.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Passphrase {
    /// A passphrase as typed or read from a file (one line end at its end
    /// is not part of it). Fails when it is empty or has the form of a raw
    /// SQLCipher key (`x'…'`), which SQLCipher would take as key bytes
    /// rather than a passphrase.
    pub fn new(text: &str) -> Result<Passphrase> {
        let text = text
            .strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t))
            .unwrap_or(text);
        if text.is_empty() {
            return Err(Error::BadPassphrase {
                reason: "it is empty".into(),
            });
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("x'") && lower.ends_with('\'') {
            return Err(Error::BadPassphrase {
                reason: "it has the form x'…' of a raw key; choose words instead".into(),
            });
        }
        Ok(Passphrase(text.to_owned()))
    }
}

/// Where the passphrase of an encrypted file comes from.
pub trait Unlock {
    /// The passphrase for the encrypted file at `path`.
    fn passphrase(&self, path: &Path) -> Result<Passphrase>;
}

impl Unlock for Passphrase {
    fn passphrase(&self, _: &Path) -> Result<Passphrase> {
        Ok(self.clone())
    }
}

/// No passphrase at hand: an encrypted file is refused.
pub struct NoPassphrase;

impl Unlock for NoPassphrase {
    fn passphrase(&self, path: &Path) -> Result<Passphrase> {
        Err(Error::NoPassphrase {
            path: path.to_owned(),
        })
    }
}

/// What a database file's header says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    /// A plain SQLite file.
    Plain,
    /// Encrypted (or random bytes, which only the passphrase can tell
    /// apart).
    Encrypted,
    /// Neither: too short for an SQLite file, or text.
    NotSqlite,
}

/// Reads the first bytes of the file at `path` to tell whether it is plain
/// SQLite, encrypted, or no SQLite file at all. A file whose first 16
/// bytes are all printable text is taken for text: a salt of 16 random
/// bytes is that only about once in ten million files. Fails when the file
/// cannot be read.
pub fn sealing(path: &Path) -> Result<Sealing> {
    let mut head = Vec::with_capacity(PLAIN_HEADER.len());
    std::fs::File::open(path)
        .and_then(|f| f.take(PLAIN_HEADER.len() as u64).read_to_end(&mut head))
        .map_err(|source| Error::Io {
            context: format!("reading {}", path.display()),
            source,
        })?;
    Ok(if head.as_slice() == PLAIN_HEADER {
        Sealing::Plain
    } else if head.len() < PLAIN_HEADER.len()
        || head
            .iter()
            .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        Sealing::NotSqlite
    } else {
        Sealing::Encrypted
    })
}

/// The passphrase for the file at `path`, found encrypted: refused in a
/// build without encryption, else asked of `unlock`.
pub(crate) fn key_for(path: &Path, unlock: &dyn Unlock) -> Result<Passphrase> {
    if !AVAILABLE {
        return Err(Error::Encrypted {
            path: path.to_owned(),
        });
    }
    unlock.passphrase(path)
}

/// Keys a freshly opened connection: the first statement it runs. Then
/// turns SQLCipher's own log off: it would write to standard error, before
/// fondo's one message, when a passphrase does not unlock the file.
pub(crate) fn apply_key(conn: &Connection, key: &Passphrase) -> Result<()> {
    conn.pragma_update(None, "key", key.0.as_str())
        .ctx("applying the passphrase")?;
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
        .ctx("turning SQLCipher's log off")
}

/// Re-encrypts the whole database of `conn` (keyed with its current
/// passphrase) under `new`, in one step of SQLCipher's.
pub(crate) fn rekey(conn: &Connection, new: &Passphrase) -> Result<()> {
    conn.pragma_update(None, "rekey", new.0.as_str())
        .ctx("changing the passphrase")
}

/// Refuses to create an encrypted file in a build without encryption.
pub fn can_encrypt(path: &Path) -> Result<()> {
    if AVAILABLE {
        Ok(())
    } else {
        Err(Error::CannotEncrypt {
            path: path.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn the_header_tells_plain_from_encrypted_from_text() {
        let mut plain = PLAIN_HEADER.to_vec();
        plain.extend([0u8; 100]);
        let salt: Vec<u8> = (0u8..=255).rev().cycle().take(4096).collect();
        for (bytes, expected) in [
            (plain.as_slice(), Sealing::Plain),
            (salt.as_slice(), Sealing::Encrypted),
            (
                b"date,amount,memo\n2026-01-01,3,x\n".as_slice(),
                Sealing::NotSqlite,
            ),
            (b"\x01\x02".as_slice(), Sealing::NotSqlite),
        ] {
            let (_dir, path) = file_with(bytes);
            assert_eq!(sealing(&path).unwrap(), expected);
        }
    }

    #[test]
    fn a_passphrase_loses_its_line_end_and_never_shows() {
        let p = Passphrase::new("correct horse\n").unwrap();
        assert_eq!(p, Passphrase::new("correct horse").unwrap());
        assert_eq!(p, Passphrase::new("correct horse\r\n").unwrap());
        assert_eq!(format!("{p:?}"), "Passphrase(hidden)");
        for bad in [
            "",
            "\n",
            "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'",
        ] {
            assert!(matches!(
                Passphrase::new(bad),
                Err(Error::BadPassphrase { .. })
            ));
        }
    }

    #[test]
    fn without_the_feature_an_encrypted_file_is_refused_before_any_passphrase() {
        let found = key_for(Path::new("f.db"), &NoPassphrase);
        if AVAILABLE {
            assert!(matches!(found, Err(Error::NoPassphrase { .. })));
        } else {
            assert!(matches!(found, Err(Error::Encrypted { .. })));
        }
    }
}
