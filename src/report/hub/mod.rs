//! The hub's reports: read-only views over what member funds published,
//! as the hub file holds it (`store::hub`).
//!
//! Rule: like every report, these read and never write; their logic works
//! on plain rows the store hands them, so it is tested over hand-built rows.

pub mod forum;
pub mod reconcile;
pub mod summary;
