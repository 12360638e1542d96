//! Books: read-only views over a connection that both the write commands
//! (`ops`) and the reports (`report`, `audit`) need, so that neither has to
//! call the other: a grant's state replayed from its records, who may vote
//! and how the votes stand ([`grants`]), what each pool holds, has committed
//! and has available ([`pools`]), the budgets in force ([`budgets`]),
//! members by name ([`members`]), members' keys ([`keys`]), and pooled purchases replayed from their
//! records ([`purchases`]).
//!
//! Rule: books reads, never writes, and imports only `store`, `domain` and
//! `error`. The pure rules (the grant fold, counting votes) live in
//! `domain`; books gathers their inputs from the store. Every function takes
//! the caller's `&Connection`, so a writer sees its own uncommitted rows and a
//! report one snapshot.

pub mod budgets;
pub mod grants;
pub mod keys;
pub mod members;
pub mod pools;
pub mod purchases;
pub mod reconcile;
pub mod transfers;
