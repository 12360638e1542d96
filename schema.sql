-- fondo schema.
--
-- This file is the whole schema, as an ordered list of migrations. Each block
-- starts with a line `-- migration N` and is applied once, in order, inside one
-- exclusive transaction; afterwards `PRAGMA user_version` is N. Blocks are
-- append-only: never edit or reorder a released block, add a new one instead.

-- migration 1
-- The fund itself: one row. head_hash/txn_count record the end of the hash
-- chain so that `verify` notices a deleted last transaction.
CREATE TABLE fund (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    currency    TEXT,
    created_at  TEXT NOT NULL,
    head_hash   TEXT NOT NULL,
    txn_count   INTEGER NOT NULL
);

CREATE TABLE commodities (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    decimals  INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 9),
    name      TEXT
);

-- name_key is the lower-cased name: two accounts may not differ only by case.
CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    name_key   TEXT NOT NULL UNIQUE,
    note       TEXT,
    closed_on  TEXT
);

-- Posted transactions, in chain order (id). `reverses` links a void to the
-- transaction it reverses; a unique index makes a second void impossible.
CREATE TABLE txns (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    description  TEXT NOT NULL,
    payee        TEXT,
    reference    TEXT,
    reverses     INTEGER REFERENCES txns (id),
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX txns_reverses ON txns (reverses) WHERE reverses IS NOT NULL;

-- Amounts are signed integers in the commodity's minor units (positive = debit).
CREATE TABLE postings (
    txn_id        INTEGER NOT NULL REFERENCES txns (id),
    line          INTEGER NOT NULL,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    commodity_id  INTEGER NOT NULL REFERENCES commodities (id),
    amount        INTEGER NOT NULL,
    memo          TEXT,
    PRIMARY KEY (txn_id, line)
) WITHOUT ROWID;
CREATE INDEX postings_by_account ON postings (account_id);

-- Derived cache: the sum of postings per account, commodity and day. It makes
-- `balance` (with or without --as-of) independent of the journal's length;
-- `verify` recomputes it from the postings. The CHECK turns SQLite's silent
-- switch to floating point on integer overflow into an error.
CREATE TABLE daily_totals (
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    commodity_id  INTEGER NOT NULL REFERENCES commodities (id),
    date          TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    PRIMARY KEY (account_id, commodity_id, date)
) WITHOUT ROWID;

-- Which transaction each imported `txn` value became, per import source, so
-- that importing a file twice adds nothing. `key` has no declared type on
-- purpose: integer-looking values are stored as integers (see
-- store/imports.rs), so numbered journals insert in order.
CREATE TABLE import_sources (
    id     INTEGER PRIMARY KEY,
    label  TEXT NOT NULL UNIQUE
);
CREATE TABLE import_keys (
    source_id  INTEGER NOT NULL REFERENCES import_sources (id),
    key        NOT NULL,
    txn_id     INTEGER NOT NULL REFERENCES txns (id),
    PRIMARY KEY (source_id, key)
) WITHOUT ROWID;

-- Append-only, enforced by the database as well as by the code.
CREATE TRIGGER txns_no_update BEFORE UPDATE ON txns
BEGIN SELECT RAISE(ABORT, 'posted transactions are append-only'); END;
CREATE TRIGGER txns_no_delete BEFORE DELETE ON txns
BEGIN SELECT RAISE(ABORT, 'posted transactions are append-only'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER import_sources_no_update BEFORE UPDATE ON import_sources
BEGIN SELECT RAISE(ABORT, 'import records are append-only'); END;
CREATE TRIGGER import_sources_no_delete BEFORE DELETE ON import_sources
BEGIN SELECT RAISE(ABORT, 'import records are append-only'); END;
CREATE TRIGGER import_keys_no_update BEFORE UPDATE ON import_keys
BEGIN SELECT RAISE(ABORT, 'import records are append-only'); END;
CREATE TRIGGER import_keys_no_delete BEFORE DELETE ON import_keys
BEGIN SELECT RAISE(ABORT, 'import records are append-only'); END;
CREATE TRIGGER commodities_no_update BEFORE UPDATE ON commodities
BEGIN SELECT RAISE(ABORT, 'commodities cannot be changed'); END;
CREATE TRIGGER commodities_no_delete BEFORE DELETE ON commodities
BEGIN SELECT RAISE(ABORT, 'commodities cannot be deleted'); END;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are never deleted; close them instead'); END;
-- The only change an account ever sees is being closed, once.
CREATE TRIGGER accounts_close_only BEFORE UPDATE ON accounts
WHEN OLD.closed_on IS NOT NULL
  OR NEW.closed_on IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.name IS NOT OLD.name
  OR NEW.name_key IS NOT OLD.name_key
  OR NEW.note IS NOT OLD.note
BEGIN SELECT RAISE(ABORT, 'accounts can only be closed, once'); END;
CREATE TRIGGER fund_no_delete BEFORE DELETE ON fund
BEGIN SELECT RAISE(ABORT, 'the fund record cannot be deleted'); END;
