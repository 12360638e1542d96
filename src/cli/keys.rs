//! Signing keys: members', the fund's, and ballots (clap derive types only; the
//! rules of the parent module hold).

use std::path::PathBuf;

use clap::Subcommand;

use super::FormatArg;

#[derive(Debug, Subcommand)]
pub enum MemberKeyCommand {
    /// Register a member's OpenSSH public key (ssh-ed25519): ballots they
    /// sign with it count as theirs. A key belongs to one member.
    #[command(after_help = "\
Examples:
  fondo member key add Ana --key-file ana.pub --at 2026-01-05T10:00
  fondo member key add Bruno --key \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOf5B9Yq6rWVQ9Z2l3aKk9vY4Vq6aXJhQkFjWmH0bXh1 bruno\"")]
    Add {
        /// The member (any case).
        member: String,
        /// The public key file (e.g. id_ed25519.pub).
        #[arg(
            long,
            value_name = "PATH.pub",
            conflicts_with = "key",
            required_unless_present = "key"
        )]
        key_file: Option<PathBuf>,
        /// The public key itself: "ssh-ed25519 AAAA… comment".
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// From when it counts: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Revoke a member's key: ballots signed with it and dated from then on
    /// are refused (earlier ones stay valid).
    #[command(after_help = "\
Example:
  fondo member key revoke Ana SHA256:2Jxk0bCqQ1Hn1dQkGx6Fv9y1cXW6D2gV3mHq5p8rT0E --reason \"laptop stolen\"")]
    Revoke {
        /// The member (any case).
        member: String,
        /// The key's fingerprint, as `member key list` shows it (SHA256:…).
        fingerprint: String,
        /// Why (recorded).
        #[arg(long)]
        reason: String,
        /// From when: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Every key registered, with when it was added and revoked.
    #[command(after_help = "\
Examples:
  fondo member key list
  fondo member key list Ana --format json")]
    List {
        /// Only this member's keys.
        member: Option<String>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum FundCommand {
    /// The fund's id (what ballots name), name, currency and keys.
    #[command(after_help = "\
Examples:
  fondo fund show
  fondo fund show --format json")]
    Show {
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// The fund's own signing key (for signed audit bundles).
    #[command(subcommand)]
    Key(FundKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum FundKeyCommand {
    /// Register the fund's public key (ssh-ed25519): what `export audit
    /// --sign-with` signs bundles with.
    #[command(after_help = "\
Example:
  fondo fund key add --key-file fund.pub")]
    Add {
        /// The public key file.
        #[arg(long, value_name = "PATH.pub")]
        key_file: PathBuf,
        /// From when it counts: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Write a new passphrase-protected OpenSSH ed25519 key pair: PATH (the
    /// private key) and PATH.pub. The passphrase is asked for without
    /// echo, or read from the file FONDO_PASSPHRASE_FILE names.
    #[command(after_help = "\
Examples:
  fondo key gen --out ana-fondo
  fondo key gen --out ana-fondo --comment \"Ana, steward\" --force")]
    Gen {
        /// The private key file to write (PATH.pub gets the public key).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// The comment at the end of the public key (default: the file name).
        #[arg(long)]
        comment: Option<String>,
        /// Replace PATH and PATH.pub if they exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BallotCommand {
    /// Sign a ballot file: writes FILE.sig, the same SSHSIG signature as
    /// `ssh-keygen -Y sign -n fondo-ballot -f KEY FILE`. A protected key's
    /// passphrase is asked for without echo, or read from the file
    /// FONDO_PASSPHRASE_FILE names.
    #[command(after_help = "\
Example:
  fondo ballot sign G-0001-ana.txt --key ana-fondo")]
    Sign {
        /// The ballot (as `fondo grant ballot` wrote it).
        file: PathBuf,
        /// The private key file (OpenSSH, ed25519).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// Replace FILE.sig if it exists.
        #[arg(long)]
        force: bool,
    },
}
