//! The journal CSV format (docs/journal-csv.md): its columns, shared by
//! `journal import`, `journal export` and the audit bundle's `journal.csv`.

/// The columns every journal CSV starts with, in this order.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "txn",
    "date",
    "description",
    "account",
    "amount",
    "commodity",
];
/// Optional columns, in the order `journal export` writes them.
pub const OPTIONAL_COLUMNS: [&str; 7] = [
    "payee",
    "reference",
    "memo",
    "pool",
    "reverses",
    "prev_hash",
    "hash",
];

/// The columns of the journal CSV, in order.
pub const COLUMNS: [&str; 13] = [
    REQUIRED_COLUMNS[0],
    REQUIRED_COLUMNS[1],
    REQUIRED_COLUMNS[2],
    REQUIRED_COLUMNS[3],
    REQUIRED_COLUMNS[4],
    REQUIRED_COLUMNS[5],
    OPTIONAL_COLUMNS[0],
    OPTIONAL_COLUMNS[1],
    OPTIONAL_COLUMNS[2],
    OPTIONAL_COLUMNS[3],
    OPTIONAL_COLUMNS[4],
    OPTIONAL_COLUMNS[5],
    OPTIONAL_COLUMNS[6],
];
