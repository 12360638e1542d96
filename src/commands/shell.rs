//! `fondo completions SHELL` and `fondo man`: generated from the clap
//! definitions in `cli`, so they cannot drift from the real flags.
//!
//! Both are rendered into memory first and then written like any other
//! output, so `fondo man | head` ends quietly (the generators themselves
//! panic on a failed write).

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, ShellArg};
use crate::commands::Result;
use crate::commands::{Outcome, stdout};
use fondo::error::Error;

pub fn completions(shell: ShellArg) -> Result<Outcome> {
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "fondo", &mut script);
    let mut out = stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Ok)
}

pub fn man(out_dir: Option<&Path>) -> Result<Outcome> {
    match out_dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            let mut out = stdout();
            out.write_all(&page)?;
            out.flush()?;
        }
        Some(dir) => {
            clap_mangen::generate_to(Cli::command(), dir).map_err(|source| Error::Io {
                context: format!("writing manual pages into {}", dir.display()),
                source,
            })?;
        }
    }
    Ok(Outcome::Ok)
}
