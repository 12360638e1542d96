//! The fund settings fondo knows, by key.
//!
//! Rule: this module is a leaf: it imports nothing of the crate, so the
//! error type can name the keys in its messages.

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
