//! Pools: money set aside for a purpose. Pool 1 is the general pool.
//!
//! The table is append-only: a new purpose or guidelines is a `pool-edit`
//! record; [`all`] and [`find_by_key`] give the latest version, [`rows`] the
//! rows as first written (what `verify` compares with their audit records).

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::ids::{AccountId, CommodityId, PoolId};
use crate::domain::records::{self as kinds, PoolEditRecord, RecordKind};
use crate::error::{Result, SqlContext};

/// The id of the general pool (created by the schema, always there).
pub const GENERAL: PoolId = PoolId::new(1);

/// A pool's audit payload: written with the row into the governance chain,
/// and rebuilt from the table by `verify` (V118).
pub fn pool_payload(
    id: PoolId,
    name: &str,
    purpose: &str,
    guidelines: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({"id": id, "name": name, "purpose": purpose, "guidelines": guidelines})
}

/// A stored pool.
#[derive(Debug, Clone)]
pub struct StoredPool {
    pub id: PoolId,
    pub name: String,
    pub purpose: String,
    pub guidelines: Option<String>,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredPool> {
    Ok(StoredPool {
        id: r.get(0)?,
        name: r.get(1)?,
        purpose: r.get(2)?,
        guidelines: r.get(3)?,
    })
}

pub fn insert(
    conn: &Connection,
    name: &str,
    key: &str,
    purpose: &str,
    guidelines: Option<&str>,
    now: &str,
) -> Result<PoolId> {
    conn.execute(
        "INSERT INTO pools (name, name_key, purpose, guidelines, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, key, purpose, guidelines, now],
    )
    .ctx("adding a pool")?;
    let id = PoolId::new(conn.last_insert_rowid());
    let payload = pool_payload(id, name, purpose, guidelines);
    crate::store::records::audit(conn, RecordKind::Pool.as_str(), payload, now)?;
    Ok(id)
}

/// A pool by its case-insensitive key, as it stands now.
pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<StoredPool>> {
    let pool = conn
        .prepare_cached("SELECT id, name, purpose, guidelines FROM pools WHERE name_key = ?1")
        .and_then(|mut s| s.query_row([key], from_row).optional())
        .ctx("looking up a pool")?;
    match pool {
        Some(mut pool) => {
            let id = pool.id;
            for edit in edits(conn)?.iter().filter(|e| e.id == id) {
                apply(&mut pool, edit);
            }
            Ok(Some(pool))
        }
        None => Ok(None),
    }
}

/// Every `pool-edit` record, in chain order.
pub fn edits(conn: &Connection) -> Result<Vec<PoolEditRecord>> {
    crate::store::records::of_kind(conn, RecordKind::PoolEdit.as_str())?
        .into_iter()
        .map(|r| kinds::payload(r.id, &r.kind, &r.payload))
        .collect()
}

fn apply(pool: &mut StoredPool, edit: &PoolEditRecord) {
    pool.purpose.clone_from(&edit.purpose);
    pool.guidelines.clone_from(&edit.guidelines);
}

/// Appends a new version of a pool's purpose and guidelines at `at`.
pub fn append_edit(conn: &Connection, edit: &PoolEditRecord, at: &str, now: &str) -> Result<()> {
    let payload = kinds::to_json(edit);
    crate::store::records::append(conn, RecordKind::PoolEdit.as_str(), None, at, &payload, now)
        .map(|_| ())
}

/// All pools as they stand now, general first, then by id.
pub fn all(conn: &Connection) -> Result<Vec<StoredPool>> {
    let mut pools = rows(conn)?;
    for edit in edits(conn)? {
        if let Some(pool) = pools.iter_mut().find(|p| p.id == edit.id) {
            apply(pool, &edit);
        }
    }
    Ok(pools)
}

/// All pool rows as first written, general first, then by id.
pub fn rows(conn: &Connection) -> Result<Vec<StoredPool>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, purpose, guidelines FROM pools ORDER BY id")
        .ctx("listing pools")?;
    stmt.query_map([], from_row)
        .and_then(Iterator::collect)
        .ctx("listing pools")
}

/// What was held at the end of the day before a day `from`, and per day
/// from `from` on, the change, in date order.
pub type ChangesFrom = (i128, Vec<(String, i128)>);

/// The queries of [`changes_from`] (what is held now, the days from
/// `from`): constant texts, one pair for a pool and one for every pool, so
/// each searches its own index; `?1 IS NULL` only takes the pool that the
/// other pair filters on.
fn changes_sql(pool: Option<PoolId>) -> (&'static str, &'static str) {
    match pool {
        Some(_) => (
            "SELECT amount FROM pool_totals WHERE pool_id = ?1 AND commodity_id = ?2",
            "SELECT date, amount FROM pool_daily_totals
             WHERE pool_id = ?1 AND commodity_id = ?2 AND date >= ?3 ORDER BY date",
        ),
        None => (
            "SELECT amount FROM pool_totals WHERE ?1 IS NULL AND commodity_id = ?2",
            "SELECT date, amount FROM pool_daily_totals
             WHERE ?1 IS NULL AND commodity_id = ?2 AND date >= ?3 ORDER BY date",
        ),
    }
}

/// What a restricted pool (every restricted pool together, when `pool` is
/// None) held of one commodity at the end of the day before `from`, and per
/// day from `from` on, the change in its holdings (credits add, debits take
/// away), in date order; None when it never held any of it. From
/// `pool_totals` and `pool_daily_totals`: what it holds now less what
/// changed since, so the cost follows the days written to, not the pool's
/// history.
pub fn changes_from(
    conn: &Connection,
    pool: Option<PoolId>,
    commodity: CommodityId,
    from: &str,
) -> Result<Option<ChangesFrom>> {
    let what = "reading the pools' totals";
    let (now_sql, days_sql) = changes_sql(pool);
    let now: Option<i128> = conn
        .prepare_cached(now_sql)
        .and_then(|mut s| {
            s.query_map(params![pool, commodity], |r| r.get::<_, i64>(0))?
                .try_fold(None, |sum: Option<i128>, amount| {
                    Ok(Some(sum.unwrap_or(0) + i128::from(amount?)))
                })
        })
        .ctx(what)?;
    let Some(now) = now else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(days_sql).ctx(what)?;
    let mut rows = stmt.query(params![pool, commodity, from]).ctx(what)?;
    // Walking back from what is held now, each day's change.
    let mut held = -now;
    let mut days: Vec<(String, i128)> = Vec::new();
    while let Some(r) = rows.next().ctx(what)? {
        let date: String = r.get(0).ctx(what)?;
        let change = -i128::from(r.get::<_, i64>(1).ctx(what)?);
        held -= change;
        match days.last_mut() {
            Some((day, total)) if *day == date => *total += change,
            _ => days.push((date, change)),
        }
    }
    Ok(Some((held, days)))
}

/// (pool id, account id, commodity id).
pub type TaggedKey = (PoolId, AccountId, CommodityId);

/// Sums of pool-tagged postings up to `as_of` (all dates when None), per
/// (pool id, account id, commodity id) posted to by then, in key order:
/// from `pool_totals`, less the days after `as_of` in `pool_daily_totals`.
pub fn tagged_sums(conn: &Connection, as_of: Option<&str>) -> Result<Vec<(TaggedKey, i128)>> {
    let what = "summing pools";
    let mut sums: std::collections::BTreeMap<TaggedKey, i128> = conn
        .prepare_cached(
            "SELECT pool_id, account_id, commodity_id, amount FROM pool_totals
             WHERE ?1 IS NULL OR since <= ?1",
        )
        .and_then(|mut s| {
            s.query_map([as_of], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?),
                    i128::from(r.get::<_, i64>(3)?),
                ))
            })?
            .collect()
        })
        .ctx(what)?;
    if let Some(as_of) = as_of {
        let mut stmt = conn
            .prepare_cached(
                "SELECT pool_id, account_id, commodity_id, amount FROM pool_daily_totals
                 WHERE date > ?1",
            )
            .ctx(what)?;
        let mut rows = stmt.query([as_of]).ctx(what)?;
        while let Some(r) = rows.next().ctx(what)? {
            let key = (
                r.get(0).ctx(what)?,
                r.get(1).ctx(what)?,
                r.get(2).ctx(what)?,
            );
            // Keys first posted to after `as_of` were not read.
            if let Some(sum) = sums.get_mut(&key) {
                *sum -= i128::from(r.get::<_, i64>(3).ctx(what)?);
            }
        }
    }
    Ok(sums.into_iter().collect())
}

/// ((pool id, commodity id), (debits, credits)).
pub type PoolMoves = ((Option<PoolId>, CommodityId), (i128, i128));

/// Debits and credits (as positive sums) on one account up to `as_of`, per
/// (pool id, commodity id); `None` is the general pool. Used for the
/// reallocation account, whose moves in and out must not cancel out.
pub fn account_moves(
    conn: &Connection,
    account: AccountId,
    as_of: Option<&str>,
) -> Result<Vec<PoolMoves>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.pool_id, p.commodity_id, p.amount
             FROM postings p JOIN txns t ON t.id = p.txn_id
             WHERE p.account_id = ?1 AND (?2 IS NULL OR t.date <= ?2)",
        )
        .ctx("summing pool moves")?;
    let mut rows = stmt
        .query(params![account, as_of])
        .ctx("summing pool moves")?;
    let mut sums: std::collections::BTreeMap<(Option<PoolId>, CommodityId), (i128, i128)> =
        Default::default();
    while let Some(r) = rows.next().ctx("summing pool moves")? {
        let key = (
            r.get(0).ctx("summing pool moves")?,
            r.get(1).ctx("summing pool moves")?,
        );
        let amount: i64 = r.get(2).ctx("summing pool moves")?;
        let entry = sums.entry(key).or_insert((0, 0));
        if amount > 0 {
            entry.0 += i128::from(amount);
        } else {
            entry.1 -= i128::from(amount);
        }
    }
    Ok(sums.into_iter().collect())
}

/// Per day, the change in the general pool's holdings of one commodity: the
/// untagged income, expense and equity postings (credits add), computed as
/// the day's totals on those accounts minus the restricted pools' postings.
/// `is_pooled` says which account ids are income, expense or equity.
pub fn general_daily_changes(
    conn: &Connection,
    commodity: CommodityId,
    is_pooled: impl Fn(AccountId) -> bool,
) -> Result<Vec<(String, i128)>> {
    let mut days: std::collections::BTreeMap<String, i128> = Default::default();
    let mut totals = conn
        .prepare_cached("SELECT account_id, date, amount FROM daily_totals WHERE commodity_id = ?1")
        .ctx("reading daily totals")?;
    let mut rows = totals.query([commodity]).ctx("reading daily totals")?;
    while let Some(r) = rows.next().ctx("reading daily totals")? {
        let account: AccountId = r.get(0).ctx("reading daily totals")?;
        if is_pooled(account) {
            let amount: i64 = r.get(2).ctx("reading daily totals")?;
            *days
                .entry(r.get(1).ctx("reading daily totals")?)
                .or_insert(0) -= i128::from(amount);
        }
    }
    let mut tagged = conn
        .prepare_cached("SELECT date, amount FROM pool_daily_totals WHERE commodity_id = ?1")
        .ctx("reading pool totals")?;
    let mut rows = tagged.query([commodity]).ctx("reading pool totals")?;
    while let Some(r) = rows.next().ctx("reading pool totals")? {
        let amount: i64 = r.get(1).ctx("reading pool totals")?;
        *days
            .entry(r.get(0).ctx("reading pool totals")?)
            .or_insert(0) += i128::from(amount);
    }
    Ok(days.into_iter().collect())
}

/// The balance of the given accounts in one commodity at the end of the day
/// before `from`, and per day from `from` on, its change, in date order.
/// From the account and daily totals: what an account holds now less what
/// changed since, so the cost follows the days written to, not the history.
pub fn accounts_changes_from(
    conn: &Connection,
    commodity: CommodityId,
    accounts: &[AccountId],
    from: &str,
) -> Result<ChangesFrom> {
    let ids = crate::store::id_array(accounts);
    let mut now = conn
        .prepare_cached(
            "SELECT amount FROM account_totals WHERE account_id IN rarray(?1) AND commodity_id = ?2",
        )
        .ctx("reading account totals")?;
    let mut rows = now
        .query(params![ids, commodity])
        .ctx("reading account totals")?;
    let mut before: i128 = 0;
    while let Some(r) = rows.next().ctx("reading account totals")? {
        let amount: i64 = r.get(0).ctx("reading account totals")?;
        before += i128::from(amount);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT date, amount FROM daily_totals
             WHERE account_id IN rarray(?1) AND commodity_id = ?2 AND date >= ?3 ORDER BY date",
        )
        .ctx("reading daily totals")?;
    let mut rows = stmt
        .query(params![ids, commodity, from])
        .ctx("reading daily totals")?;
    let mut days: Vec<(String, i128)> = Vec::new();
    while let Some(r) = rows.next().ctx("reading daily totals")? {
        let date: String = r.get(0).ctx("reading daily totals")?;
        let amount = i128::from(r.get::<_, i64>(1).ctx("reading daily totals")?);
        before -= amount;
        match days.last_mut() {
            Some((day, total)) if *day == date => *total += amount,
            _ => days.push((date, amount)),
        }
    }
    Ok((before, days))
}

/// Every pool's name by row id.
pub fn names_by_id(conn: &Connection) -> Result<std::collections::HashMap<PoolId, String>> {
    Ok(all(conn)?.into_iter().map(|p| (p.id, p.name)).collect())
}

/// Streams the raw `pool_daily_totals` cache, for `verify` to compare:
/// ((pool id, account id, commodity id), date, amount).
pub fn for_each_daily_total(
    conn: &Connection,
    mut f: impl FnMut(TaggedKey, String, i64),
) -> Result<()> {
    let what = "reading pool totals";
    let mut stmt = conn
        .prepare("SELECT pool_id, account_id, commodity_id, date, amount FROM pool_daily_totals")
        .ctx(what)?;
    let mut rows = stmt.query([]).ctx(what)?;
    while let Some(r) = rows.next().ctx(what)? {
        f(
            (
                r.get(0).ctx(what)?,
                r.get(1).ctx(what)?,
                r.get(2).ctx(what)?,
            ),
            r.get(3).ctx(what)?,
            r.get(4).ctx(what)?,
        );
    }
    Ok(())
}

/// The raw `pool_totals` cache, for `verify` to compare: per (pool id,
/// account id, commodity id), the sum and the first day posted to.
pub fn current_totals(conn: &Connection) -> Result<Vec<(TaggedKey, (i128, String))>> {
    conn.prepare("SELECT pool_id, account_id, commodity_id, amount, since FROM pool_totals")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?),
                    (i128::from(r.get::<_, i64>(3)?), r.get(4)?),
                ))
            })?
            .collect()
        })
        .ctx("reading pool totals")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The days from `from` are searched by index, for one pool and for
    /// every pool, never read whole: the cost follows the days written to.
    #[test]
    fn the_days_from_a_day_are_searched_not_scanned() {
        let conn = crate::store::memory();
        for (pool, index) in [
            (
                Some(PoolId::new(2)),
                "USING PRIMARY KEY (pool_id=? AND commodity_id=? AND date>?)",
            ),
            (
                None,
                "USING INDEX pool_daily_totals_by_commodity (commodity_id=? AND date>?)",
            ),
        ] {
            let (_, days) = changes_sql(pool);
            let plan = crate::store::query_plan(&conn, days, params![pool, 1, "2026-01-01"]);
            assert!(plan.contains(index), "{days}\n{plan}");
            assert!(!plan.contains("SCAN"), "{days}\n{plan}");
        }
    }
}
