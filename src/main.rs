//! The `fondo` binary: parse arguments, run the command, map the outcome to
//! an exit code (0 ok, 1 findings, 2 error). Errors, usage errors included,
//! are printed once, here, as `fondo: …`, worded by `commands::hints` (the
//! library's message and what to type next).
#![forbid(unsafe_code)]

use std::process::ExitCode;

mod cli;
mod commands;

use commands::{Outcome, parse_args, usage_message};

fn main() -> ExitCode {
    let cli = match parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        // `--help` and `--version`: clap prints them on standard output (in
        // colour only on a terminal without NO_COLOR); a closed pipe is fine.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            print_error(&usage_message(&e));
            return ExitCode::from(2);
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&commands::hints::line(&e));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Prints an error once on standard error, as `fondo: …`.
fn print_error(message: &str) {
    let lines: Vec<String> = message.lines().map(shorten).collect();
    eprintln!("fondo: {}", lines.join("\n"));
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
