//! Audit bundles: a directory of plain CSV files, a manifest of their
//! SHA-256 digests and a README, that anyone can check offline, with
//! `fondo verify --bundle`, a spreadsheet or their own script.
//!
//! The layout of a bundle (format [`FORMAT`](crate::domain::bundle::FORMAT))
//! is data in [`crate::domain::bundle`], in its `FILES`: every file with
//! every column and a plain-words description of each, and the typed rows
//! of each file. The writer ([`write`](mod@write)) serializes rows in exactly
//! those columns, the README
//! it writes is generated from the same descriptions (`readme`), and the
//! checker ([`check`]) refuses any other header, so the three cannot drift
//! apart; `docs/audit-format.md` is the human-facing specification, and a
//! test checks that it names every file and column listed here.
//!
//! The design in short (docs/audit-format.md has the whole of it):
//!
//! - `journal.csv` is a stretch of the hash chain: from the first
//!   transaction dated within the period (in chain order) to the last, with
//!   everything recorded in between, so that every hash in it can be
//!   recomputed from its content and the chain links up from the previous
//!   hash stated in `BUNDLE.csv`. A void reversing a transaction from before
//!   that stretch finds the reversed transaction's rows (and so its hash,
//!   which the void's hash covers) in `reversed.csv`.
//! - Everything else is as of the period's last day: balances, pools,
//!   grants (only records and tranches up to that day), votes, roles.
//! - Amounts are the same in every audience; only names (and free text that
//!   names hidden members) differ, so totals reconcile across audiences.
//! - The same database and the same arguments give byte-identical files:
//!   there is no export time anywhere, every file has a defined order.
//!
//! Rule: the bundle's layout is data in `domain::bundle`, and the writer,
//! the README, the checker (and the hub, which reads bundles in `ops::hub`)
//! all follow it; the rows of each CSV file are the typed structs of
//! [`crate::domain::bundle::rows`].

pub mod check;
pub mod derive;
mod purchases;
mod readme;
pub mod records;
pub mod transfers;
pub mod write;
