//! Audit: everything that checks the books or lets others check them.
//!
//! `verify` re-derives the chains, balances, pools and decisions of one
//! database; `doctor` explains its findings with the waiting work that
//! `report::doctor` finds; `bundle` holds the audit bundle's format, its writer and the
//! offline checker that needs no database; `finding` is the one finding
//! type both checks report, with its stable codes. Audit reads through `books`,
//! `report` and `store`; it never writes the books and nothing below it
//! imports it.
//!
//! Rule: audit checks and publishes; it never writes the books, and no
//! layer below it (ops, report, books, store, domain) imports it.

pub mod bundle;
pub mod doctor;
pub mod finding;
pub mod verify;
pub mod witness;
