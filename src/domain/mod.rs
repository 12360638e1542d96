//! Domain types: money, dates, accounts, transactions and the hash chain;
//! governance record kinds and payloads, and a grant replayed from them.
//!
//! Constructors here refuse invalid states, so the rest of fondo cannot build
//! an unbalanced transaction or an amount with more places than its commodity.
//! Nothing in this module touches SQL or the terminal, and it imports no
//! other part of fondo but `error`.

pub mod account;
pub mod ballot;
pub mod bankmap;
pub mod bundle;
pub mod cell;
pub mod currency;
pub mod date;
pub mod gate;
pub mod grant;
pub mod hash;
pub mod hledger;
pub mod ids;
pub mod journal;
pub mod keys;
pub mod lang;
pub mod member;
pub mod money;
pub mod name;
pub mod period;
pub mod policy;
pub mod pool;
pub mod purchase;
pub mod records;
pub mod settings;
pub mod transfer;
pub mod txn;

/// A hash map for the loops over every posting of a journal, keyed by the
/// store's own ids and names: foldhash's fast hasher (hashbrown's own
/// default), randomly seeded per map as std's is, in place of std's
/// SipHash, which showed in `verify`'s and the export's profiles.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
