-- The hub file's schema (docs/design/federation.md). One `-- migration N`
-- block per `PRAGMA user_version`; a released block is never edited, later
-- changes are new blocks. Every table is append-only.

-- migration 1
CREATE TABLE hub (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE hub_funds (
    fund_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE hub_fund_keys (
    id INTEGER PRIMARY KEY,
    fund_id TEXT NOT NULL REFERENCES hub_funds,
    key TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (fund_id, key)
);
CREATE TABLE hub_fund_leaves (
    id INTEGER PRIMARY KEY,
    fund_id TEXT NOT NULL UNIQUE REFERENCES hub_funds,
    left_at TEXT NOT NULL
);
CREATE TABLE hub_bundles (
    id INTEGER PRIMARY KEY,
    fund_id TEXT NOT NULL REFERENCES hub_funds,
    manifest TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    audience TEXT NOT NULL,
    period TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    journal_prev_hash TEXT NOT NULL,
    journal_last_hash TEXT NOT NULL,
    ledger_transactions INTEGER NOT NULL,
    records_head TEXT NOT NULL,
    records_count INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE hub_heads (
    id INTEGER PRIMARY KEY,
    fund_id TEXT NOT NULL,
    bundle_id INTEGER NOT NULL REFERENCES hub_bundles,
    chain TEXT NOT NULL CHECK (chain IN ('journal', 'records')),
    hash TEXT NOT NULL,
    position INTEGER NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE INDEX hub_heads_by_fund ON hub_heads (fund_id, chain, hash);
CREATE TABLE hub_commodities (
    fund_id TEXT NOT NULL,
    commodity TEXT NOT NULL,
    decimals INTEGER NOT NULL,
    PRIMARY KEY (fund_id, commodity)
);
CREATE TABLE hub_txns (
    fund_id TEXT NOT NULL,
    txn INTEGER NOT NULL,
    date TEXT NOT NULL,
    description TEXT NOT NULL,
    payee TEXT NOT NULL,
    reference TEXT NOT NULL,
    reverses INTEGER,
    hash TEXT NOT NULL,
    bundle_id INTEGER NOT NULL,
    PRIMARY KEY (fund_id, txn)
) WITHOUT ROWID;
CREATE TABLE hub_postings (
    fund_id TEXT NOT NULL,
    txn INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    account TEXT NOT NULL,
    commodity TEXT NOT NULL,
    amount INTEGER NOT NULL,
    pool TEXT NOT NULL,
    memo TEXT NOT NULL,
    PRIMARY KEY (fund_id, txn, seq)
) WITHOUT ROWID;
CREATE TABLE hub_transfers (
    fund_id TEXT NOT NULL,
    txn INTEGER NOT NULL,
    date TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    transfer_id TEXT NOT NULL,
    counterpart_fund TEXT NOT NULL,
    amount INTEGER NOT NULL,
    commodity TEXT NOT NULL,
    sent_amount INTEGER,
    sent_commodity TEXT,
    rate TEXT,
    pool TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    voided_by INTEGER,
    PRIMARY KEY (fund_id, txn)
) WITHOUT ROWID;
CREATE INDEX hub_transfers_by_id ON hub_transfers (transfer_id);
CREATE TABLE hub_grants (
    bundle_id INTEGER NOT NULL,
    fund_id TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    pool TEXT NOT NULL,
    commodity TEXT NOT NULL,
    amount INTEGER NOT NULL,
    status TEXT NOT NULL,
    decision TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    paid INTEGER NOT NULL,
    returned INTEGER NOT NULL,
    PRIMARY KEY (bundle_id, grant_id)
);
CREATE TABLE hub_contributions (
    fund_id TEXT NOT NULL,
    txn INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT NOT NULL,
    contributor TEXT NOT NULL,
    kind TEXT NOT NULL,
    pool TEXT NOT NULL,
    commodity TEXT NOT NULL,
    amount INTEGER NOT NULL,
    voided_by INTEGER,
    bundle_id INTEGER NOT NULL,
    PRIMARY KEY (fund_id, txn, seq)
) WITHOUT ROWID;
CREATE TABLE hub_rates (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    from_code TEXT NOT NULL,
    to_code TEXT NOT NULL,
    rate TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TRIGGER hub_no_update BEFORE UPDATE ON hub
BEGIN SELECT RAISE(ABORT, 'the hub record is append-only'); END;
CREATE TRIGGER hub_no_delete BEFORE DELETE ON hub
BEGIN SELECT RAISE(ABORT, 'the hub record is append-only'); END;
CREATE TRIGGER hub_funds_no_update BEFORE UPDATE ON hub_funds
BEGIN SELECT RAISE(ABORT, 'hub funds are append-only'); END;
CREATE TRIGGER hub_funds_no_delete BEFORE DELETE ON hub_funds
BEGIN SELECT RAISE(ABORT, 'hub funds are append-only'); END;
CREATE TRIGGER hub_fund_keys_no_update BEFORE UPDATE ON hub_fund_keys
BEGIN SELECT RAISE(ABORT, 'hub fund keys are append-only'); END;
CREATE TRIGGER hub_fund_keys_no_delete BEFORE DELETE ON hub_fund_keys
BEGIN SELECT RAISE(ABORT, 'hub fund keys are append-only'); END;
CREATE TRIGGER hub_fund_leaves_no_update BEFORE UPDATE ON hub_fund_leaves
BEGIN SELECT RAISE(ABORT, 'hub fund leaves are append-only'); END;
CREATE TRIGGER hub_fund_leaves_no_delete BEFORE DELETE ON hub_fund_leaves
BEGIN SELECT RAISE(ABORT, 'hub fund leaves are append-only'); END;
CREATE TRIGGER hub_bundles_no_update BEFORE UPDATE ON hub_bundles
BEGIN SELECT RAISE(ABORT, 'hub bundles are append-only'); END;
CREATE TRIGGER hub_bundles_no_delete BEFORE DELETE ON hub_bundles
BEGIN SELECT RAISE(ABORT, 'hub bundles are append-only'); END;
CREATE TRIGGER hub_heads_no_update BEFORE UPDATE ON hub_heads
BEGIN SELECT RAISE(ABORT, 'witnessed heads are append-only'); END;
CREATE TRIGGER hub_heads_no_delete BEFORE DELETE ON hub_heads
BEGIN SELECT RAISE(ABORT, 'witnessed heads are append-only'); END;
CREATE TRIGGER hub_commodities_no_update BEFORE UPDATE ON hub_commodities
BEGIN SELECT RAISE(ABORT, 'hub commodities are append-only'); END;
CREATE TRIGGER hub_commodities_no_delete BEFORE DELETE ON hub_commodities
BEGIN SELECT RAISE(ABORT, 'hub commodities are append-only'); END;
CREATE TRIGGER hub_txns_no_update BEFORE UPDATE ON hub_txns
BEGIN SELECT RAISE(ABORT, 'hub transactions are append-only'); END;
CREATE TRIGGER hub_txns_no_delete BEFORE DELETE ON hub_txns
BEGIN SELECT RAISE(ABORT, 'hub transactions are append-only'); END;
CREATE TRIGGER hub_postings_no_update BEFORE UPDATE ON hub_postings
BEGIN SELECT RAISE(ABORT, 'hub postings are append-only'); END;
CREATE TRIGGER hub_postings_no_delete BEFORE DELETE ON hub_postings
BEGIN SELECT RAISE(ABORT, 'hub postings are append-only'); END;
CREATE TRIGGER hub_transfers_no_update BEFORE UPDATE ON hub_transfers
BEGIN SELECT RAISE(ABORT, 'hub transfers are append-only'); END;
CREATE TRIGGER hub_transfers_no_delete BEFORE DELETE ON hub_transfers
BEGIN SELECT RAISE(ABORT, 'hub transfers are append-only'); END;
CREATE TRIGGER hub_grants_no_update BEFORE UPDATE ON hub_grants
BEGIN SELECT RAISE(ABORT, 'hub grants are append-only'); END;
CREATE TRIGGER hub_grants_no_delete BEFORE DELETE ON hub_grants
BEGIN SELECT RAISE(ABORT, 'hub grants are append-only'); END;
CREATE TRIGGER hub_contributions_no_update BEFORE UPDATE ON hub_contributions
BEGIN SELECT RAISE(ABORT, 'hub contributions are append-only'); END;
CREATE TRIGGER hub_contributions_no_delete BEFORE DELETE ON hub_contributions
BEGIN SELECT RAISE(ABORT, 'hub contributions are append-only'); END;
CREATE TRIGGER hub_rates_no_update BEFORE UPDATE ON hub_rates
BEGIN SELECT RAISE(ABORT, 'hub rates are append-only'); END;
CREATE TRIGGER hub_rates_no_delete BEFORE DELETE ON hub_rates
BEGIN SELECT RAISE(ABORT, 'hub rates are append-only'); END;

-- migration 2
-- The postings of each bundle's new transactions summed by month (of the
-- transaction's date), account, counterpart, pool and commodity, for `hub
-- report summary`: written by `hub add` beside the postings, and here from
-- the postings a hub file already holds. The counterpart is the payee of
-- the transaction, or of the one a void reverses, on the two transfer
-- accounts (`expenses:transfers`, `income:transfers`, any case), else ''.
-- Rows of one month from several bundles are summed by their readers.
CREATE TABLE hub_month_sums (
    bundle_id INTEGER NOT NULL REFERENCES hub_bundles,
    fund_id TEXT NOT NULL,
    month TEXT NOT NULL,
    account TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    pool TEXT NOT NULL,
    commodity TEXT NOT NULL,
    debits INTEGER NOT NULL,
    credits INTEGER NOT NULL,
    PRIMARY KEY (month, fund_id, account, counterpart, pool, commodity, bundle_id)
) WITHOUT ROWID;
INSERT INTO hub_month_sums (bundle_id, fund_id, month, account, counterpart, pool, commodity,
                            debits, credits)
SELECT t.bundle_id, p.fund_id, substr(t.date, 1, 7), p.account,
       CASE WHEN lower(p.account) IN ('expenses:transfers', 'income:transfers')
            THEN COALESCE(o.payee, t.payee) ELSE '' END,
       p.pool, p.commodity,
       SUM(CASE WHEN p.amount > 0 THEN p.amount ELSE 0 END),
       SUM(CASE WHEN p.amount < 0 THEN -p.amount ELSE 0 END)
FROM hub_postings p
JOIN hub_txns t ON t.fund_id = p.fund_id AND t.txn = p.txn
LEFT JOIN hub_txns o ON o.fund_id = t.fund_id AND o.txn = t.reverses
GROUP BY t.bundle_id, p.fund_id, 3, p.account, 5, p.pool, p.commodity;
-- What the income, expense and equity postings of the same transactions
-- added to each pool by month (the sum of their amounts: a pool holds its
-- negation), for the pool holdings at a month's end.
CREATE TABLE hub_month_pools (
    bundle_id INTEGER NOT NULL REFERENCES hub_bundles,
    fund_id TEXT NOT NULL,
    month TEXT NOT NULL,
    pool TEXT NOT NULL,
    commodity TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (month, fund_id, pool, commodity, bundle_id)
) WITHOUT ROWID;
INSERT INTO hub_month_pools (bundle_id, fund_id, month, pool, commodity, amount)
SELECT t.bundle_id, p.fund_id, substr(t.date, 1, 7), p.pool, p.commodity, SUM(p.amount)
FROM hub_postings p
JOIN hub_txns t ON t.fund_id = p.fund_id AND t.txn = p.txn
WHERE lower(substr(p.account, 1, instr(p.account || ':', ':') - 1))
      IN ('income', 'expenses', 'equity')
GROUP BY t.bundle_id, p.fund_id, 3, p.pool, p.commodity;
CREATE TRIGGER hub_month_pools_no_update BEFORE UPDATE ON hub_month_pools
BEGIN SELECT RAISE(ABORT, 'hub month pools are append-only'); END;
CREATE TRIGGER hub_month_pools_no_delete BEFORE DELETE ON hub_month_pools
BEGIN SELECT RAISE(ABORT, 'hub month pools are append-only'); END;
CREATE TRIGGER hub_month_sums_no_update BEFORE UPDATE ON hub_month_sums
BEGIN SELECT RAISE(ABORT, 'hub month sums are append-only'); END;
CREATE TRIGGER hub_month_sums_no_delete BEFORE DELETE ON hub_month_sums
BEGIN SELECT RAISE(ABORT, 'hub month sums are append-only'); END;
-- The void look-up of a transaction (`reverses`; named by the queries:
-- without statistics SQLite would rather scan the fund's transactions),
-- the grant tranches (as `grant pay` describes them), the contributions of
-- a period and a fund's bundles, for `hub report summary`.
CREATE INDEX hub_txns_voids ON hub_txns (fund_id, reverses) WHERE reverses IS NOT NULL;
CREATE INDEX hub_txns_tranches ON hub_txns (fund_id, description, date)
    WHERE description LIKE 'Grant %: tranche %';
CREATE INDEX hub_contributions_by_date ON hub_contributions (date);
CREATE INDEX hub_bundles_by_fund ON hub_bundles (fund_id);
