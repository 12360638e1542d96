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

-- migration 2
-- Members, rotating roles, pools (restricted money) and contributions.

-- A secret only this fund knows, from which stable pseudonyms are derived for
-- public output (nobody can confirm a guessed name by hashing it).
ALTER TABLE fund ADD COLUMN secret TEXT;
UPDATE fund SET secret = lower(hex(randomblob(32))) WHERE secret IS NULL;

-- Fund settings (contribution account, maximum role terms). Settings are
-- preferences, not records: they may change.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- People and groups in the fund. Never deleted; `inactive_since` is set once.
CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    name_key        TEXT NOT NULL UNIQUE,
    visibility      TEXT NOT NULL CHECK (visibility IN ('public', 'pseudonymous', 'anonymous')),
    contact         TEXT,
    note            TEXT,
    recorded_at     TEXT NOT NULL,
    inactive_since  TEXT
);
CREATE TRIGGER members_no_delete BEFORE DELETE ON members
BEGIN SELECT RAISE(ABORT, 'members are never deleted; mark them inactive'); END;
CREATE TRIGGER members_inactive_only BEFORE UPDATE ON members
WHEN OLD.inactive_since IS NOT NULL
  OR NEW.inactive_since IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.name IS NOT OLD.name
  OR NEW.name_key IS NOT OLD.name_key
  OR NEW.visibility IS NOT OLD.visibility
  OR NEW.contact IS NOT OLD.contact
  OR NEW.note IS NOT OLD.note
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'a member can only be marked inactive, once'); END;

-- Terms during which a member holds a role; `ends_on` is the last day
-- (inclusive), NULL while the term is open. History is kept forever.
CREATE TABLE role_terms (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members (id),
    role         TEXT NOT NULL CHECK (role IN ('treasurer', 'steward', 'member')),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX role_terms_by_member ON role_terms (member_id, role);
CREATE TRIGGER role_terms_no_delete BEFORE DELETE ON role_terms
BEGIN SELECT RAISE(ABORT, 'role history is never deleted'); END;
CREATE TRIGGER role_terms_end_only BEFORE UPDATE ON role_terms
WHEN OLD.ends_on IS NOT NULL
  OR NEW.ends_on IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.member_id IS NOT OLD.member_id
  OR NEW.role IS NOT OLD.role
  OR NEW.starts_on IS NOT OLD.starts_on
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'a role term can only be ended, once'); END;

-- Pools: money the community set aside for a purpose. Pool 1, `general`, is
-- the unrestricted rest and always exists.
CREATE TABLE pools (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    name_key     TEXT NOT NULL UNIQUE,
    purpose      TEXT NOT NULL,
    guidelines   TEXT,
    recorded_at  TEXT NOT NULL
);
INSERT INTO pools (id, name, name_key, purpose, recorded_at)
VALUES (1, 'general', 'general', 'Unrestricted money: everything not set aside in another pool', '');
CREATE TRIGGER pools_no_update BEFORE UPDATE ON pools
BEGIN SELECT RAISE(ABORT, 'pools cannot be changed'); END;
CREATE TRIGGER pools_no_delete BEFORE DELETE ON pools
BEGIN SELECT RAISE(ABORT, 'pools are never deleted'); END;

-- The pool an income, expense or equity posting belongs to; NULL is the
-- general pool. Asset and liability postings carry no pool.
ALTER TABLE postings ADD COLUMN pool_id INTEGER REFERENCES pools (id);
CREATE INDEX postings_by_pool ON postings (pool_id) WHERE pool_id IS NOT NULL;

-- Who a contribution came from (NULL: anonymous), kept apart from the
-- journal so that names never travel with an export of the books.
CREATE TABLE contributions (
    txn_id     INTEGER PRIMARY KEY REFERENCES txns (id),
    member_id  INTEGER REFERENCES members (id),
    kind       TEXT
);
CREATE TRIGGER contributions_no_update BEFORE UPDATE ON contributions
BEGIN SELECT RAISE(ABORT, 'contribution records are append-only'); END;
CREATE TRIGGER contributions_no_delete BEFORE DELETE ON contributions
BEGIN SELECT RAISE(ABORT, 'contribution records are append-only'); END;

-- migration 3
-- Reference exchange rates for reports that total in one currency: one unit
-- of `from_code` is worth `rate` units of `to_code` on `date`. Append-only; a
-- later record for the same day and pair supersedes an earlier one.
CREATE TABLE rates (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    from_code    TEXT NOT NULL,
    to_code      TEXT NOT NULL,
    rate         TEXT NOT NULL,
    source       TEXT,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX rates_by_pair ON rates (from_code, to_code, date);
CREATE TRIGGER rates_no_update BEFORE UPDATE ON rates
BEGIN SELECT RAISE(ABORT, 'rates are append-only; record a newer one'); END;
CREATE TRIGGER rates_no_delete BEFORE DELETE ON rates
BEGIN SELECT RAISE(ABORT, 'rates are append-only; record a newer one'); END;

-- Promises of regular support: `amount` (minor units of the commodity) every
-- month, quarter or year from `starts_on`, until `ends_on` (inclusive) if set.
CREATE TABLE pledges (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    commodity_id  INTEGER NOT NULL REFERENCES commodities (id),
    amount        INTEGER NOT NULL CHECK (amount > 0),
    every         TEXT NOT NULL CHECK (every IN ('month', 'quarter', 'year')),
    starts_on     TEXT NOT NULL,
    ends_on       TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
    pool_id       INTEGER REFERENCES pools (id),
    recorded_at   TEXT NOT NULL
);
CREATE TRIGGER pledges_no_update BEFORE UPDATE ON pledges
BEGIN SELECT RAISE(ABORT, 'pledges are append-only'); END;
CREATE TRIGGER pledges_no_delete BEFORE DELETE ON pledges
BEGIN SELECT RAISE(ABORT, 'pledges are append-only'); END;

-- migration 4
-- Governance records: policies, relations between members, grant
-- applications, votes, decisions, payments, spending reports, closures and
-- withdrawals. Each is a canonical JSON payload in one append-only table,
-- chained by SHA-256 like the journal (a second chain, checked by `verify`),
-- so an auditor can prove who decided what, when, under which rule.
CREATE TABLE records (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    grant_id     INTEGER,
    at           TEXT NOT NULL,
    payload      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX records_by_grant ON records (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX records_by_kind ON records (kind);
CREATE TRIGGER records_no_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'governance records are append-only'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'governance records are append-only'); END;
ALTER TABLE fund ADD COLUMN records_head TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
ALTER TABLE fund ADD COLUMN records_count INTEGER NOT NULL DEFAULT 0;

-- migration 5
-- Period reports (summary, budget, metrics, forum) and `register --from/--to`
-- read the postings of a range of days: an index on the transaction date lets
-- them read only those days instead of the whole journal.
CREATE INDEX txns_by_date ON txns (date);

-- migration 6
-- Pooled purchases (docs/purchasing.md): one order from one supplier for
-- several member groups, in the fund's currency `commodity_id`, subsidised
-- from `pool_id` if any, taking orders until `closes_at`. Each row has its
-- `purchase` audit record in the governance chain; everything that happens
-- to a purchase afterwards (items, orders, closing, deliveries, costs,
-- settlement, payments, hand-outs) is a `purchase-…` governance record citing
-- the purchase's id, and its money and goods move in ordinary transactions.
CREATE TABLE purchases (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    supplier      TEXT NOT NULL,
    commodity_id  INTEGER NOT NULL REFERENCES commodities (id),
    pool_id       INTEGER REFERENCES pools (id),
    opened_at     TEXT NOT NULL,
    closes_at     TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE TRIGGER purchases_no_update BEFORE UPDATE ON purchases
BEGIN SELECT RAISE(ABORT, 'purchases are append-only; what happens to one is recorded'); END;
CREATE TRIGGER purchases_no_delete BEFORE DELETE ON purchases
BEGIN SELECT RAISE(ABORT, 'purchases are append-only; what happens to one is recorded'); END;

-- migration 7
-- The canonical forms v2 (docs/hash-chain.md): every row written from now
-- on hashes salted commitments of its text fields. `salt_key` (32 random
-- bytes as hex, never exported) is what every salt is derived from. Rows
-- written before keep their v1 hashes.
ALTER TABLE fund ADD COLUMN salt_key TEXT;
UPDATE fund SET salt_key = lower(hex(randomblob(32))) WHERE salt_key IS NULL;

-- migration 8
-- The fund's stable id (docs/governance.md): every ballot names it, so a
-- steward's signed vote cannot be replayed onto another fund's books. Made
-- at init; books made before it get one here.
ALTER TABLE fund ADD COLUMN fund_id TEXT;
UPDATE fund SET fund_id = lower(hex(randomblob(16))) WHERE fund_id IS NULL;

-- migration 9
-- The governance chain covers what the fund row says that changes what
-- outputs mean (docs/hash-chain.md): `init` writes a `fund-settings` record
-- (name, currency, id, and commitments to the pseudonym secret and the salt
-- key), every account added gets an `account` audit record (id, name,
-- the note it was added with), and every import that adds keys an `import`
-- record of its source's keys (count and digest). Books made before get
-- theirs here, dated at the upgrade. No table changes.

-- migration 10
-- Derived state that writes keep up to date instead of replaying every
-- grant (docs/verify.md, "Derived state"): what each grant commits, as the
-- replay of its records gives it (pool, commodity code, amount, whether it
-- was rejected, the days it was decided and closed) and its tranches (day,
-- amount), brought up to date through record `grant_state_through.record_id`
-- before a write checks what a pool has committed. A cache, not a record:
-- replaced when the records move on, never exported or hashed; `verify`
-- replays every grant and compares (V144). Books made before fill it on
-- their first write.
CREATE TABLE grant_state (
    grant_id      INTEGER PRIMARY KEY,
    pool_id       INTEGER NOT NULL,
    commodity     TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    rejected      INTEGER NOT NULL,
    decided_on    TEXT,
    closed_on     TEXT
);
CREATE TABLE grant_state_paid (
    grant_id      INTEGER NOT NULL,
    date          TEXT NOT NULL,
    amount        INTEGER NOT NULL
);
CREATE INDEX grant_state_paid_by_grant ON grant_state_paid (grant_id);
CREATE TABLE grant_state_through (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    record_id     INTEGER NOT NULL
);

-- migration 11
-- Derived cache: the sum of postings per account and commodity over all
-- dates, so what accounts hold now (pool holdings, `balance` without
-- --as-of) costs one row per account and commodity, not a row per day of
-- history. Kept in step with `daily_totals` by the journal's writer;
-- `verify` recomputes it from the postings (V108). The CHECK turns SQLite's
-- silent switch to floating point on integer overflow into an error.
CREATE TABLE account_totals (
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    commodity_id  INTEGER NOT NULL REFERENCES commodities (id),
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    PRIMARY KEY (account_id, commodity_id)
) WITHOUT ROWID;
INSERT INTO account_totals (account_id, commodity_id, amount)
    SELECT account_id, commodity_id, sum(amount) FROM daily_totals
    GROUP BY account_id, commodity_id;

-- migration 12
-- What the grants standing now commit is summed over this index alone
-- (approved, not closed: the grants that still commit money), without
-- sorting the whole cache: the check after each write that money committed
-- to grants is not spent reads it.
CREATE INDEX grant_state_standing ON grant_state (pool_id, commodity, amount)
    WHERE rejected = 0 AND decided_on IS NOT NULL AND closed_on IS NULL;

-- migration 13
-- Derived cache: what the grants commit now, per pool and commodity (the sum
-- of each cached grant's commitment: approved, not closed, less what it
-- paid), kept in step by every write of `grant_state`, so the check after a
-- write reads one row per pool instead of every standing grant. What they
-- committed on an earlier day is this sum adjusted by the few grants decided,
-- closed or paid after that day, found by the three indexes below. `verify`
-- recomputes it from its replay of every grant (V145).
CREATE TABLE grant_state_committed (
    pool_id       INTEGER NOT NULL,
    commodity     TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    PRIMARY KEY (pool_id, commodity)
) WITHOUT ROWID;
INSERT INTO grant_state_committed (pool_id, commodity, amount)
    SELECT g.pool_id, g.commodity,
           sum(g.amount - coalesce((SELECT sum(p.amount) FROM grant_state_paid p
                                    WHERE p.grant_id = g.grant_id), 0))
    FROM grant_state g
    WHERE g.rejected = 0 AND g.decided_on IS NOT NULL AND g.closed_on IS NULL
    GROUP BY g.pool_id, g.commodity;
DROP INDEX grant_state_standing;
CREATE INDEX grant_state_by_decided ON grant_state (decided_on)
    WHERE decided_on IS NOT NULL;
CREATE INDEX grant_state_by_closed ON grant_state (closed_on)
    WHERE closed_on IS NOT NULL;
CREATE INDEX grant_state_paid_by_date ON grant_state_paid (date);

-- migration 14
-- Derived cache: the sum of pool-tagged postings per pool, account,
-- commodity and day, and per pool, account and commodity over all dates
-- (with the first day it was posted to, `since`: what a pool had seen by a
-- day), so
-- what a pool holds (now, or at the end of a day: now less the days after)
-- and its days below zero cost a row per pool, account and day written to,
-- not a row per posting of its history. Kept in step by the journal's
-- writer, like `daily_totals` and `account_totals`; `verify` recomputes both
-- from the postings (V108). No foreign keys: a cache mirrors the postings,
-- damaged ones included, for verify to compare. The CHECKs turn SQLite's
-- silent switch to floating point on integer overflow into an error.
CREATE TABLE pool_daily_totals (
    pool_id       INTEGER NOT NULL,
    account_id    INTEGER NOT NULL,
    commodity_id  INTEGER NOT NULL,
    date          TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    PRIMARY KEY (pool_id, commodity_id, date, account_id)
) WITHOUT ROWID;
CREATE INDEX pool_daily_totals_by_commodity ON pool_daily_totals (commodity_id, date);
CREATE INDEX pool_daily_totals_by_date ON pool_daily_totals (date);
CREATE TABLE pool_totals (
    pool_id       INTEGER NOT NULL,
    account_id    INTEGER NOT NULL,
    commodity_id  INTEGER NOT NULL,
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),
    since         TEXT NOT NULL,
    PRIMARY KEY (pool_id, account_id, commodity_id)
) WITHOUT ROWID;
INSERT INTO pool_daily_totals (pool_id, account_id, commodity_id, date, amount)
    SELECT p.pool_id, p.account_id, p.commodity_id, t.date, sum(p.amount)
    FROM postings p JOIN txns t ON t.id = p.txn_id
    WHERE p.pool_id IS NOT NULL
    GROUP BY p.pool_id, p.account_id, p.commodity_id, t.date;
INSERT INTO pool_totals (pool_id, account_id, commodity_id, amount, since)
    SELECT pool_id, account_id, commodity_id, sum(amount), min(date) FROM pool_daily_totals
    GROUP BY pool_id, account_id, commodity_id;
