//! The schema's history, as an ordered list of migrations keyed by
//! `PRAGMA user_version` (in the style of cargo's `util/sqlite.rs`).
//!
//! Rule: one entry per schema version, never edited or reordered once
//! released: migration N is the `-- migration N` block of `schema.sql`,
//! followed by its data step if it has one. A data step lives in its own
//! module named after its version (`v4`), frozen with its own SQL, so that
//! it does what it did when it was written whatever today's tables and
//! readers look like (`v4`: the community rows; `v9`: the fund's settings and
//! the accounts).
//! [`apply`] runs every pending migration in the caller's
//! one exclusive transaction.

mod v4;
mod v9;

use rusqlite::Connection;

use crate::domain::date::Now;
use crate::error::{Result, SqlContext};

const SCHEMA: &str = include_str!("../../../schema.sql");

/// A data step run right after its version's SQL, in the same transaction.
type DataStep = fn(&Connection, Now) -> Result<()>;

/// The data steps, by the version they belong to.
const DATA_STEPS: &[(usize, DataStep)] = &[
    (4, |conn, now| v4::backfill_audit(conn, now).map(|_| ())),
    (9, |conn, now| v9::backfill(conn, now).map(|_| ())),
];

/// One schema version: its SQL and its data step, if any.
pub(crate) struct Migration {
    pub version: usize,
    pub sql: &'static str,
    data: Option<DataStep>,
}

/// The migrations, in order: the blocks of `schema.sql` with their data
/// steps.
pub(crate) fn all() -> Vec<Migration> {
    blocks()
        .into_iter()
        .enumerate()
        .map(|(i, sql)| Migration {
            version: i + 1,
            sql,
            data: DATA_STEPS
                .iter()
                .find(|(version, _)| *version == i + 1)
                .map(|(_, step)| *step),
        })
        .collect()
}

/// The schema version this binary writes.
pub(crate) fn latest() -> i64 {
    i64::try_from(blocks().len()).expect("a handful of migrations")
}

/// Applies the migrations after version `found`, each followed by its data
/// step and its new `user_version`. The caller holds the exclusive
/// transaction `conn` and commits it.
pub(crate) fn apply(conn: &Connection, found: i64, now: Now) -> Result<()> {
    for migration in all().into_iter().skip(usize::try_from(found).unwrap_or(0)) {
        conn.execute_batch(migration.sql)
            .ctx(&format!("applying schema migration {}", migration.version))?;
        if let Some(step) = migration.data {
            step(conn, now)?;
        }
        conn.pragma_update(None, "user_version", migration.version as i64)
            .ctx("recording the schema version")?;
    }
    Ok(())
}

/// The `-- migration N` blocks of `schema.sql`, in order.
fn blocks() -> Vec<&'static str> {
    blocks_of(SCHEMA)
}

/// The `-- migration N` blocks of a schema file, in order (also the hub's,
/// `store::hub`).
pub(crate) fn blocks_of(schema: &'static str) -> Vec<&'static str> {
    let mut blocks = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in schema.split_inclusive('\n') {
        if let Some(number) = line.trim().strip_prefix("-- migration ") {
            let number: usize = number
                .parse()
                .expect("schema.sql: migration numbers are integers");
            if let Some(s) = start {
                blocks.push(&schema[s..offset]);
            }
            assert_eq!(
                number,
                blocks.len() + 1,
                "schema.sql: migrations must be numbered 1, 2, …"
            );
            start = Some(offset);
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(&schema[s..]);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moment the data steps record.
    fn fixed_now() -> Now {
        Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
                .unwrap()
                .and_hms_opt(3, 4, 5)
                .unwrap(),
        )
    }

    /// A database in memory with the first `version` migrations' SQL (and no
    /// data step).
    fn at_version(version: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for m in all().iter().take(version) {
            conn.execute_batch(m.sql).unwrap();
        }
        conn
    }

    #[test]
    fn schema_has_numbered_migrations() {
        let migrations = all();
        assert!(!migrations.is_empty());
        assert!(migrations[0].sql.trim_start().starts_with("-- migration 1"));
        assert!(
            migrations
                .iter()
                .enumerate()
                .all(|(i, m)| m.version == i + 1)
        );
    }

    #[test]
    fn the_version_4_step_records_rows_written_before_the_chain() {
        let conn = Connection::open_in_memory().unwrap();
        let now = fixed_now();
        apply(&conn, 0, now).unwrap();
        let before: i64 = conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, 0, "an empty fund has nothing to record");
        let conn = at_version(3);
        conn.execute_batch(
            "INSERT INTO fund (id, name, created_at, head_hash, txn_count)
             VALUES (1, 'f', '', '0', 0);
             INSERT INTO members (name, name_key, visibility, recorded_at, inactive_since)
             VALUES ('Ana', 'ana', 'public', '', '2025-05-01');
             INSERT INTO settings (key, value) VALUES ('k', 'v');",
        )
        .unwrap();
        apply(&conn, 3, now).unwrap();
        let (kinds, at, head): (String, String, String) = conn
            .query_row(
                "SELECT group_concat(kind, ' '), max(at), (SELECT records_head FROM fund)
                 FROM (SELECT kind, at FROM records ORDER BY id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        // The version 9 step then records the fund's settings.
        assert_eq!(kinds, "member member-inactive setting fund-settings");
        assert_eq!(at, "2026-01-02T03:04:05Z");
        let last: String = conn
            .query_row(
                "SELECT hash FROM records ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(head, last);
    }

    #[test]
    fn the_version_9_step_records_the_funds_settings_and_accounts_once() {
        let now = fixed_now();
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, 0, now).unwrap();
        let none: i64 = conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(none, 0, "a new fund's init records its settings");
        let conn = at_version(8);
        conn.execute_batch(
            "INSERT INTO fund (id, name, currency, created_at, head_hash, txn_count, secret,
                               salt_key, fund_id)
             VALUES (1, 'f', 'USD', '', '0', 0, 'ab', lower(hex(randomblob(32))), 'cd');
             INSERT INTO accounts (name, name_key, note) VALUES ('assets:Bank', 'assets:bank', 'main');
             INSERT INTO accounts (name, name_key) VALUES ('income:x', 'income:x');",
        )
        .unwrap();
        apply(&conn, 8, now).unwrap();
        let records = crate::store::records::of_kind(&conn, "fund-settings").unwrap();
        assert_eq!(records.len(), 1);
        let stated =
            crate::domain::records::to_json(&crate::store::fund::settings(&conn).unwrap().unwrap());
        assert_eq!(records[0].payload, stated);
        assert_eq!(records[0].at, "2026-01-02T03:04:05Z");
        assert!(!records[0].payload.to_string().contains("\"ab\""));
        let accounts: Vec<String> = crate::store::records::of_kind(&conn, "account")
            .unwrap()
            .iter()
            .map(|r| r.payload.to_string())
            .collect();
        assert_eq!(
            accounts,
            [
                r#"{"id":1,"name":"assets:Bank","note":"main"}"#,
                r#"{"id":2,"name":"income:x","note":null}"#
            ]
        );
    }

    /// Migration 13 fills the running sum of what grants commit from the
    /// cache as it stood: approved and not closed, less what each paid.
    #[test]
    fn the_version_13_sum_is_what_the_cached_grants_commit() {
        let conn = at_version(12);
        conn.execute_batch(
            "INSERT INTO grant_state VALUES (1, 1, 'USD', 600, 0, '2025-02-01', NULL);
             INSERT INTO grant_state VALUES (2, 1, 'USD', 300, 0, '2025-02-01', NULL);
             INSERT INTO grant_state VALUES (3, 1, 'USD', 900, 1, '2025-02-01', NULL);
             INSERT INTO grant_state VALUES (4, 1, 'USD', 800, 0, '2025-02-01', '2025-02-03');
             INSERT INTO grant_state VALUES (5, 1, 'USD', 700, 0, NULL, NULL);
             INSERT INTO grant_state VALUES (6, 2, 'EUR', 50, 0, '2025-02-02', NULL);
             INSERT INTO grant_state_paid VALUES (1, '2025-02-02', 200);
             INSERT INTO grant_state_paid VALUES (1, '2025-02-04', 100);
             INSERT INTO grant_state_paid VALUES (4, '2025-02-02', 100);",
        )
        .unwrap();
        let now = fixed_now();
        apply(&conn, 12, now).unwrap();
        let mut sums: Vec<(i64, String, i128)> = crate::store::grant_state::committed(&conn, None)
            .unwrap()
            .into_iter()
            .map(|((pool, code), amount)| (pool.get(), code, amount))
            .collect();
        sums.sort();
        assert_eq!(sums, [(1, "USD".into(), 600), (2, "EUR".into(), 50)]);
    }

    #[test]
    fn migration_14_sums_the_pools_tagged_postings_per_day_and_now() {
        let conn = at_version(13);
        // Pool 2 given 100 and 50 on one day (account 1), then spent 30 on
        // another (account 3); pool 3 given 7 in commodity 2. Untagged
        // postings are the general pool's and not cached.
        conn.execute_batch(
            "INSERT INTO commodities (id, code, decimals) VALUES (1, 'USD', 2), (2, 'EUR', 2);
             INSERT INTO accounts (id, name, name_key) VALUES
                 (1, 'income:dues', 'income:dues'), (2, 'assets:bank', 'assets:bank'),
                 (3, 'expenses:rent', 'expenses:rent');
             INSERT INTO pools (id, name, name_key, purpose, recorded_at) VALUES
                 (2, 'food', 'food', 'Food', ''), (3, 'rent', 'rent', 'Rent', '');
             INSERT INTO txns (id, date, description, prev_hash, hash, recorded_at) VALUES
                 (1, '2025-01-02', 'a', '0', 'h1', ''), (2, '2025-01-02', 'b', 'h1', 'h2', ''),
                 (3, '2025-01-05', 'c', 'h2', 'h3', ''), (4, '2025-01-01', 'd', 'h3', 'h4', '');
             INSERT INTO postings (txn_id, line, account_id, commodity_id, amount, pool_id) VALUES
                 (1, 1, 1, 1, -100, 2), (1, 2, 2, 1, 100, NULL),
                 (2, 1, 1, 1, -50, 2), (2, 2, 2, 1, 50, NULL),
                 (3, 1, 3, 1, 30, 2), (3, 2, 2, 1, -30, NULL),
                 (4, 1, 1, 2, -7, 3), (4, 2, 2, 2, 7, NULL);",
        )
        .unwrap();
        let now = fixed_now();
        apply(&conn, 13, now).unwrap();
        let rows = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(
            rows(
                "SELECT concat_ws(' ', pool_id, account_id, commodity_id, date, amount)
                 FROM pool_daily_totals ORDER BY 1"
            ),
            [
                "2 1 1 2025-01-02 -150",
                "2 3 1 2025-01-05 30",
                "3 1 2 2025-01-01 -7"
            ]
        );
        assert_eq!(
            rows(
                "SELECT concat_ws(' ', pool_id, account_id, commodity_id, amount, since)
                 FROM pool_totals ORDER BY 1"
            ),
            [
                "2 1 1 -150 2025-01-02",
                "2 3 1 30 2025-01-05",
                "3 1 2 -7 2025-01-01"
            ]
        );
    }
}
