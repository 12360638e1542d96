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
            let message = e.to_string();
            let lines: Vec<String> = message.lines().map(shorten).collect();
            eprintln!("fondo: {}", lines.join("\n"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// A line of an error message, shortened when hostile or broken input made
/// it huge (an error quoting a 10 MB field prints its start and end).
fn shorten(line: &str) -> String {
    const HEAD: usize = 400;
    const TAIL: usize = 100;
    let count = line.chars().count();
    if count <= HEAD + TAIL + 100 {
        return line.to_owned();
    }
    let head: String = line.chars().take(HEAD).collect();
    let tail: String = line.chars().skip(count - TAIL).collect();
    format!(
        "{head}… ({} characters left out) …{tail}",
        count - HEAD - TAIL
    )
}
