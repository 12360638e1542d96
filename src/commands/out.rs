//! Files written for people with `--out` (a forum page, a journal export, a
//! statement, a ballot, a key): never written over an existing file unless
//! `--force`; a write that fails part-way removes what it wrote.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::commands::{CommandError, Result};
use fondo::error::Error;

/// The error of a failed write to `file`.
pub(crate) fn writing(file: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |source| Error::Io {
        context: format!("writing {}", file.display()),
        source,
    }
}

/// Refuses an existing `file` unless `force`, naming it.
///
/// # Errors
/// [`CommandError::Refused`] when `file` exists and `force` is not given.
pub(crate) fn refuse_existing(file: &Path, force: bool) -> Result<()> {
    if !force && file.exists() {
        return Err(exists(file));
    }
    Ok(())
}

fn exists(file: &Path) -> CommandError {
    CommandError::Refused(format!(
        "{} exists; choose another file, or give --force to replace it",
        file.display()
    ))
}

/// Creates `file` (replacing one only with `force`; readable by its owner
/// only when `private`), hands it to `write` buffered, and flushes it; when
/// anything fails the file is removed.
///
/// # Errors
/// [`CommandError::Refused`] when `file` exists and `force` is not given; what
/// `write` returns; an I/O error naming the file.
pub(crate) fn write_file<T>(
    file: &Path,
    force: bool,
    private: bool,
    write: impl FnOnce(&mut BufWriter<File>) -> fondo::error::Result<T>,
) -> Result<T> {
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let created = match options.open(file) {
        Ok(created) => created,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(exists(file)),
        Err(e) => return Err(writing(file)(e).into()),
    };
    // 1 MiB at a time: with the default 8 KiB, a journal export of a
    // million transactions took 66,000 write calls, a third of its time.
    let mut out = BufWriter::with_capacity(1 << 20, created);
    let written = write(&mut out)
        .map_err(|e| e.or_writing(writing(file)))
        .and_then(|v| out.flush().map_err(writing(file)).map(|()| v));
    if written.is_err() {
        drop(out);
        let _ = fs::remove_file(file);
    }
    Ok(written?)
}
