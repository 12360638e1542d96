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
/// Optional columns, in the order `journal export` writes them. `form`
/// names the canonical form of the row's hash (`fondo-txn-v1` or
/// `fondo-txn-v2`); for a v2 row each `…_salt` column holds the salt of
/// its text field (32 hex digits) or, where an audience bundle redacted the
/// text, its commitment (64 hex digits); empty for v1 rows and empty texts.
pub const OPTIONAL_COLUMNS: [&str; 14] = [
    "payee",
    "reference",
    "memo",
    "pool",
    "reverses",
    "prev_hash",
    "hash",
    "form",
    "description_salt",
    "payee_salt",
    "reference_salt",
    "memo_salt",
    "account_salt",
    "pool_salt",
];

/// The columns of the journal CSV, in order.
pub const COLUMNS: [&str; 20] = [
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
    OPTIONAL_COLUMNS[7],
    OPTIONAL_COLUMNS[8],
    OPTIONAL_COLUMNS[9],
    OPTIONAL_COLUMNS[10],
    OPTIONAL_COLUMNS[11],
    OPTIONAL_COLUMNS[12],
    OPTIONAL_COLUMNS[13],
];
