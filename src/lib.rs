//! fondo: the books of a mutual-aid fund.
//!
//! Layers, from the outside in: `cli` (clap types) and `commands` (turn
//! arguments into requests, call the core, render) belong to the binary's
//! side; `ops` (use cases, one SQLite transaction each) and `report` (typed
//! rows) are the core; `domain` holds the types that refuse invalid states;
//! `store` holds every line of SQL; `render` writes rows as table, CSV or JSON.
//! The core never prints and never exits: it returns [`error::Result`].
#![forbid(unsafe_code)]

pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod ops;
pub mod render;
pub mod report;
pub mod store;
