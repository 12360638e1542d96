//! Writing a bundle all or nothing: the files go into a staging directory
//! beside the target, which is renamed into place only once every file is
//! complete and removed if anything fails.
//!
//! Rule: the target must not exist yet, or be an empty directory; nothing
//! is ever written into a directory that holds something.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{BundleRefusal, Error, Result};

/// The temporary directory the bundle is written into; removed unless it
/// was moved into place.
pub(super) struct Staging {
    pub(super) path: PathBuf,
    done: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn io_error(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// Checks the target and makes the staging directory beside it.
pub(super) fn stage(out: &Path) -> Result<Staging> {
    match fs::symlink_metadata(out) {
        Ok(meta) if !meta.is_dir() => {
            return Err(BundleRefusal::TargetNotDirectory {
                path: out.display().to_string(),
            }
            .into());
        }
        Ok(_) => {
            let mut entries =
                fs::read_dir(out).map_err(io_error(format!("reading {}", out.display())))?;
            if entries.next().is_some() {
                return Err(BundleRefusal::TargetNotEmpty {
                    path: out.display().to_string(),
                }
                .into());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(format!("looking at {}", out.display()))(e)),
    }
    let name = out.file_name().ok_or_else(|| {
        Error::from(BundleRefusal::TargetUnnamed {
            path: out.display().to_string(),
        })
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(BundleRefusal::NoParent {
            dir: parent.display().to_string(),
        }
        .into());
    }
    let path = parent.join(format!(
        ".{}.fondo-partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    fs::create_dir(&path).map_err(io_error(format!("creating {}", path.display())))?;
    Ok(Staging { path, done: false })
}

/// Moves the finished bundle into place.
pub(super) fn commit(mut staging: Staging, out: &Path) -> Result<()> {
    if out.exists() {
        // Empty, as checked at the start; remove_dir refuses if that changed.
        fs::remove_dir(out).map_err(io_error(format!(
            "replacing the empty directory {}",
            out.display()
        )))?;
    }
    fs::rename(&staging.path, out).map_err(io_error(format!(
        "moving the bundle into {}",
        out.display()
    )))?;
    staging.done = true;
    Ok(())
}
