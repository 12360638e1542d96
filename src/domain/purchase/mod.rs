//! Pooled purchasing: one order from one supplier for several member groups.
//!
//! Pure functions only: [`allocate`] hands whole cases out to the groups'
//! orders, [`split`] shares the invoice and costs out exactly. The rules
//! are written for a community meeting in docs/purchasing.md.

pub mod allocate;
pub mod split;
