//! fondo: the books of a mutual-aid fund, as a library with no command line.
//!
//! The command line (clap types, hints that name flags, the clock) belongs
//! to the binary (`src/main.rs` and its `cli` and `commands` modules). Here,
//! from the top down: `audit` (verify and audit bundles), `ops` (write
//! commands, one SQLite transaction each) and `report` (typed rows) are the
//! core's use cases; `books` holds the read-only views both writers and
//! reports need (grants replayed, pool holdings, budgets, members), so that
//! `ops` and `report` never import each other; `domain` holds the types
//! that refuse invalid states; `store` holds every line of SQL; `render`
//! writes rows as table, CSV or JSON. The core never prints and never exits:
//! it returns [`error::Result`].
#![forbid(unsafe_code)]

pub mod audit;
pub mod books;
pub mod domain;
pub mod error;
pub mod ops;
pub mod progress;
pub mod render;
pub mod report;
pub mod store;
