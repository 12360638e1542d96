//! The fund settings fondo knows, by key.

use crate::domain::member::Role;

/// The setting naming the account contributions of money go into.
pub const CONTRIBUTION_ACCOUNT: &str = "contribution-account";

/// The setting naming the language pages for people are written in when a
/// command is not given `--lang` (`en`, `es`, `fr` or `pt`).
pub const LANGUAGE: &str = "language";

/// The setting that makes every write refuse free text naming a member
/// hidden from the public (`true` or `false`).
pub const STRICT_PRIVACY: &str = "strict-privacy";

/// The start of the settings holding the longest term, in months, for a
/// role (`max-term-months.steward`).
pub const TERM_LIMIT_PREFIX: &str = "max-term-months.";

/// The setting holding the longest term, in months, for a role.
pub fn term_limit_key(role: Role) -> String {
    format!("{TERM_LIMIT_PREFIX}{role}")
}
