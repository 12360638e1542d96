//! The command line, parsed, with clap's usage errors in fondo's voice.
//!
//! clap finds the mistakes (an unknown flag, a missing argument, `--period`
//! with `--from`) and renders them with their usage line and hint; fondo
//! prints them like every other error: once, as `fondo: …`, on standard
//! error, as plain text (clap's own rendering starts with a fixed `error: `
//! that this module replaces). `--help` and `--version` are not errors: clap
//! prints them on standard output. A command group given without its
//! subcommand (`fondo grant`) is a usage error too, naming the subcommands,
//! rather than a help page on standard error.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// Parses a command line (`args` starts with the program's name).
///
/// # Errors
/// clap's error, for a usage error and also for `--help` and `--version`
/// (see [`clap::Error::use_stderr`]); [`usage_message`] words a usage error.
pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut command = missing_subcommand_is_an_error(Cli::command());
    let mut matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
}

/// clap shows a group's help when its subcommand is left out; fondo reports
/// a usage error naming the subcommands instead, at every level.
fn missing_subcommand_is_an_error(command: clap::Command) -> clap::Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    names
        .into_iter()
        .fold(command.arg_required_else_help(false), |command, name| {
            command.mut_subcommand(name, missing_subcommand_is_an_error)
        })
}

/// A usage error as fondo prints it after `fondo: `: clap's message with its
/// usage line and hint, as plain text, without clap's `error: ` prefix.
pub fn usage_message(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    rendered
        .strip_prefix("error: ")
        .unwrap_or(&rendered)
        .trim_end()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;

    use super::*;

    fn usage(args: &[&str]) -> (ErrorKind, String) {
        let error = parse_args(std::iter::once("fondo").chain(args.iter().copied()))
            .expect_err("a usage error");
        (error.kind(), usage_message(&error))
    }

    #[test]
    fn usage_errors_read_as_plain_messages_with_their_hint() {
        // clap gives a usage line with every error but a bad value.
        for (args, kind, first) in [
            (
                &[
                    "report",
                    "summary",
                    "--period",
                    "2026",
                    "--from",
                    "2026-01-01",
                ][..],
                ErrorKind::ArgumentConflict,
                "the argument '--period <PERIOD>' cannot be used with '--from <YYYY-MM-DD>'",
            ),
            (
                &["balance", "--bogus"],
                ErrorKind::UnknownArgument,
                "unexpected argument '--bogus' found",
            ),
            (
                &["void", "3"],
                ErrorKind::MissingRequiredArgument,
                "the following required arguments were not provided:",
            ),
            (
                &["grant"],
                ErrorKind::MissingSubcommand,
                "'fondo grant' requires a subcommand but one was not provided",
            ),
            (
                &[],
                ErrorKind::MissingSubcommand,
                "'fondo' requires a subcommand but one was not provided",
            ),
            (
                &["balance", "--format", "xml"],
                ErrorKind::InvalidValue,
                "invalid value 'xml' for '--format <FORMAT>'",
            ),
        ] {
            let (found, message) = usage(args);
            assert_eq!(found, kind, "{args:?}: {message}");
            assert_eq!(message.lines().next(), Some(first), "{args:?}:\n{message}");
            assert_eq!(
                message.contains("\nUsage: fondo"),
                kind != ErrorKind::InvalidValue,
                "{args:?}:\n{message}"
            );
            assert!(
                message.ends_with("For more information, try '--help'."),
                "{args:?}:\n{message}"
            );
            assert!(!message.contains('\u{1b}') && !message.contains("error:"));
        }
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for args in [&["--help"][..], &["grant", "pay", "--help"], &["--version"]] {
            let error = parse_args(std::iter::once("fondo").chain(args.iter().copied()))
                .expect_err("clap reports help as an error value");
            assert!(!error.use_stderr(), "{args:?}");
        }
    }
}
