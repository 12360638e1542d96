//! The `fondo` binary: parse arguments, run the command, map the outcome to
//! an exit code (0 ok, 1 findings, 2 error). Errors are printed once, here.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use fondo::cli::Cli;
use fondo::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fondo: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
