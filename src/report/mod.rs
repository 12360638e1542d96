//! Reports: read-only use cases that return typed rows (see
//! [`crate::render::Row`]). They run inside one read transaction, so every
//! row of a report comes from the same snapshot of the ledger.
//!
//! Rule: reports read, never write. They build on `books` (grants, pool
//! holdings, budgets, members), `store` and `domain`, and hand their rows to
//! `render`; they never import `ops` or `audit`.

pub mod balance;
pub mod budget;
pub mod convert;
pub mod doctor;
pub mod export;
pub mod flows;
pub mod forum;
pub mod grants;
pub mod handover;
pub mod hub;
pub mod keys;
pub mod language;
pub mod lists;
pub mod members;
pub mod metrics;
pub mod periods;
pub mod pools;
pub mod purchases;
pub mod reconcile;
pub mod register;
pub mod statement;
pub mod summary;
pub mod support;
pub mod transfers;
