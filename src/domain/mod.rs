//! Domain types: money, dates, accounts, transactions and the hash chain.
//!
//! Constructors here refuse invalid states, so the rest of fondo cannot build
//! an unbalanced transaction or an amount with more places than its commodity.
//! Nothing in this module touches SQL or the terminal.

pub mod account;
pub mod bankmap;
pub mod currency;
pub mod date;
pub mod hash;
pub mod member;
pub mod money;
pub mod period;
pub mod policy;
pub mod pool;
pub mod purchase;
pub mod txn;
