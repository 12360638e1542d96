//! The SQL of the hub's reports (`hub reconcile`, `hub report summary`,
//! `hub report forum`) and of its reference rates (`hub rate add`).
//!
//! Rule: reads only, but for [`insert_rate`]; amounts leave in minor units
//! with the decimals the hub holds for the fund's commodity. A row is
//! voided when the fund's journal, as the hub holds it, has a transaction
//! reversing it dated on or before the report's last day (`voided_by` of a
//! bundle names only voids within it, so it is not used).

use rusqlite::{Connection, Transaction, params};

use crate::error::{Error, Result, SqlContext};

/// A read transaction on the hub file: every row of one report comes from
/// the same snapshot (it is never committed, only read).
pub fn read(conn: &Connection) -> Result<Transaction<'_>> {
    conn.unchecked_transaction()
        .ctx("starting a read transaction on the hub file")
}

/// The decimals of `commodity` for `fund`: the fund's own, else the most any
/// member fund gives it (a receiver's record of what was sent, in a
/// commodity it never held itself).
const DECIMALS: &str = "COALESCE(
        (SELECT d.decimals FROM hub_commodities d WHERE d.fund_id = {fund} AND d.commodity = {code}),
        (SELECT max(d.decimals) FROM hub_commodities d WHERE d.commodity = {code}))";

fn decimals_of(fund: &str, code: &str) -> String {
    DECIMALS.replace("{fund}", fund).replace("{code}", code)
}

fn decimals(fund: &str, code: &str, value: Option<u32>) -> Result<u32> {
    value.ok_or_else(|| Error::Damaged {
        what: "the hub file".into(),
        detail: format!("no decimals recorded for commodity {code} of fund {fund}"),
    })
}

/// A row of `hub_transfers`, with decimals and whether it is voided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldTransfer {
    pub fund_id: String,
    pub txn: i64,
    pub date: String,
    /// `sent` or `received`.
    pub direction: String,
    pub transfer_id: String,
    pub counterpart_fund: String,
    pub amount: i64,
    pub commodity: String,
    pub decimals: u32,
    /// Received only: the amount sent as recorded, its commodity and decimals.
    pub sent: Option<(i64, String, u32)>,
    pub voided: bool,
}

/// Every transfer row dated on or before `to`, by fund and transaction.
pub fn transfers_until(conn: &Connection, to: &str) -> Result<Vec<HeldTransfer>> {
    let sql = format!(
        "SELECT t.fund_id, t.txn, t.date, t.direction, t.transfer_id, t.counterpart_fund,
                t.amount, t.commodity, {}, t.sent_amount, t.sent_commodity, {},
                EXISTS (SELECT 1 FROM hub_txns v INDEXED BY hub_txns_voids
                        WHERE v.fund_id = t.fund_id AND v.reverses = t.txn AND v.date <= ?1)
         FROM hub_transfers t WHERE t.date <= ?1 ORDER BY t.fund_id, t.txn",
        decimals_of("t.fund_id", "t.commodity"),
        decimals_of("t.fund_id", "t.sent_commodity"),
    );
    let mut stmt = conn.prepare(&sql).ctx("reading the transfers")?;
    type Raw = (
        HeldTransfer,
        Option<u32>,
        Option<i64>,
        Option<String>,
        Option<u32>,
    );
    let raw: Vec<Raw> = stmt
        .query_map([to], |r| {
            Ok((
                HeldTransfer {
                    fund_id: r.get(0)?,
                    txn: r.get(1)?,
                    date: r.get(2)?,
                    direction: r.get(3)?,
                    transfer_id: r.get(4)?,
                    counterpart_fund: r.get(5)?,
                    amount: r.get(6)?,
                    commodity: r.get(7)?,
                    decimals: 0,
                    sent: None,
                    voided: r.get(12)?,
                },
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .ctx("reading the transfers")?;
    raw.into_iter()
        .map(|(mut t, own, sent_amount, sent_code, sent_decimals)| {
            t.decimals = decimals(&t.fund_id, &t.commodity, own)?;
            if let (Some(amount), Some(code)) = (sent_amount, sent_code.filter(|c| !c.is_empty())) {
                let places = decimals(&t.fund_id, &code, sent_decimals)?;
                t.sent = Some((amount, code, places));
            }
            Ok(t)
        })
        .collect()
}

/// One fund's postings on an account in a commodity within the span,
/// summed; on the transfer accounts, per counterpart fund (the payee of the
/// transaction, or of the one a void reverses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingSum {
    pub fund_id: String,
    pub account: String,
    pub counterpart: String,
    pub commodity: String,
    pub decimals: u32,
    pub debits: i64,
    pub credits: i64,
}

/// The postings of transactions dated in the months `from` to `to`
/// (`YYYY-MM`, both inclusive), summed by fund, account, counterpart
/// (the two transfer accounts only) and commodity, from `hub_month_sums`.
pub fn posting_sums(conn: &Connection, from: &str, to: &str) -> Result<Vec<PostingSum>> {
    let sql = format!(
        "SELECT s.fund_id, s.account, s.counterpart, s.commodity, {},
                SUM(s.debits), SUM(s.credits)
         FROM hub_month_sums s
         WHERE s.month BETWEEN ?1 AND ?2
         GROUP BY s.fund_id, s.account, s.counterpart, s.commodity
         ORDER BY s.fund_id, s.account, s.counterpart, s.commodity",
        decimals_of("s.fund_id", "s.commodity"),
    );
    let mut stmt = conn.prepare(&sql).ctx("summing the postings")?;
    let raw: Vec<(PostingSum, Option<u32>)> = stmt
        .query_map([from, to], |r| {
            Ok((
                PostingSum {
                    fund_id: r.get(0)?,
                    account: r.get(1)?,
                    counterpart: r.get(2)?,
                    commodity: r.get(3)?,
                    decimals: 0,
                    debits: r.get(5)?,
                    credits: r.get(6)?,
                },
                r.get(4)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .ctx("summing the postings")?;
    raw.into_iter()
        .map(|(mut s, places)| {
            s.decimals = decimals(&s.fund_id, &s.commodity, places)?;
            Ok(s)
        })
        .collect()
}

/// What a pool of a fund held in a commodity at the end of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolHeld {
    pub fund_id: String,
    /// Empty for the general pool.
    pub pool: String,
    pub commodity: String,
    pub decimals: u32,
    pub held: i64,
}

/// Each pool's holdings at the end of the month `to` (`YYYY-MM`): what
/// its income, expense and equity postings added to it (as a fund's own
/// pool holdings are counted), leaving out zero holdings; from
/// `hub_month_pools`.
pub fn pool_holdings(conn: &Connection, to: &str) -> Result<Vec<PoolHeld>> {
    let sql = format!(
        "SELECT s.fund_id, s.pool, s.commodity, {}, -SUM(s.amount)
         FROM hub_month_pools s
         WHERE s.month <= ?1
         GROUP BY s.fund_id, s.pool, s.commodity
         HAVING SUM(s.amount) <> 0
         ORDER BY s.fund_id, s.pool, s.commodity",
        decimals_of("s.fund_id", "s.commodity"),
    );
    let mut stmt = conn.prepare(&sql).ctx("reading the pool holdings")?;
    let raw: Vec<(PoolHeld, Option<u32>)> = stmt
        .query_map([to], |r| {
            Ok((
                PoolHeld {
                    fund_id: r.get(0)?,
                    pool: r.get(1)?,
                    commodity: r.get(2)?,
                    decimals: 0,
                    held: r.get(4)?,
                },
                r.get(3)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .ctx("reading the pool holdings")?;
    raw.into_iter()
        .map(|(mut h, places)| {
            h.decimals = decimals(&h.fund_id, &h.commodity, places)?;
            Ok(h)
        })
        .collect()
}

/// A contribution within the span that no void dated in it reverses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldGift {
    pub fund_id: String,
    pub txn: i64,
    /// As the bundle shows them: `anonymous` when the giver stayed so.
    pub contributor: String,
    pub kind: String,
    pub commodity: String,
    pub decimals: u32,
    pub amount: i64,
}

/// The contributions dated `from` to `to`, by fund and transaction.
pub fn gifts(conn: &Connection, from: &str, to: &str) -> Result<Vec<HeldGift>> {
    let sql = format!(
        "SELECT c.fund_id, c.txn, c.contributor, c.kind, c.commodity, {}, c.amount
         FROM hub_contributions c
         WHERE c.date BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM hub_txns v INDEXED BY hub_txns_voids
                           WHERE v.fund_id = c.fund_id AND v.reverses = c.txn AND v.date <= ?2)
         ORDER BY c.fund_id, c.txn, c.seq",
        decimals_of("c.fund_id", "c.commodity"),
    );
    let mut stmt = conn.prepare(&sql).ctx("reading the contributions")?;
    let raw: Vec<(HeldGift, Option<u32>)> = stmt
        .query_map([from, to], |r| {
            Ok((
                HeldGift {
                    fund_id: r.get(0)?,
                    txn: r.get(1)?,
                    contributor: r.get(2)?,
                    kind: r.get(3)?,
                    commodity: r.get(4)?,
                    decimals: 0,
                    amount: r.get(6)?,
                },
                r.get(5)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .ctx("reading the contributions")?;
    raw.into_iter()
        .map(|(mut g, places)| {
            g.decimals = decimals(&g.fund_id, &g.commodity, places)?;
            Ok(g)
        })
        .collect()
}

/// A grant's application and decision moments (grants.csv text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldDecision {
    pub fund_id: String,
    pub grant_id: String,
    pub applied_at: String,
    /// Empty when not decided.
    pub decided_at: String,
    /// As grants.csv words it (`rejected`, `approved`, …).
    pub status: String,
}

/// The grants of each fund as its bundle for `to` has them: the bundle
/// covering `to` that was added last, else the one ending latest before it.
pub fn grants_as_of(conn: &Connection, to: &str) -> Result<Vec<HeldDecision>> {
    let mut stmt = conn
        .prepare(
            "SELECT g.fund_id, g.grant_id, g.applied_at, g.decided_at, g.status
             FROM hub_grants g
             WHERE g.bundle_id = (
                 SELECT b.id FROM hub_bundles b
                 WHERE b.fund_id = g.fund_id AND b.from_day <= ?1
                 ORDER BY b.to_day >= ?1 DESC, min(b.to_day, ?1) DESC, b.id DESC LIMIT 1)
             ORDER BY g.fund_id, g.grant_id",
        )
        .ctx("reading the grants")?;
    stmt.query_map([to], |r| {
        Ok(HeldDecision {
            fund_id: r.get(0)?,
            grant_id: r.get(1)?,
            applied_at: r.get(2)?,
            decided_at: r.get(3)?,
            status: r.get(4)?,
        })
    })
    .and_then(|rows| rows.collect())
    .ctx("reading the grants")
}

/// Per fund and grant, the day of its first tranche on or before `to`: the
/// earliest transaction the fund's journal describes as `Grant ID: tranche
/// N` (as `grant pay` writes it). Returns (fund id, description, day).
pub fn first_tranches(conn: &Connection, to: &str) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn
        .prepare(
            "SELECT fund_id, substr(description, 1, instr(description, ': tranche ') - 1), min(date)
             FROM hub_txns
             WHERE description LIKE 'Grant %: tranche %' AND date <= ?1
             GROUP BY fund_id, 2 ORDER BY fund_id, 2",
        )
        .ctx("reading the grant tranches")?;
    stmt.query_map([to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect())
        .ctx("reading the grant tranches")
}

/// A fund's latest bundle for a day, for a page: its audience, period and
/// fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSeen {
    pub fund_id: String,
    pub audience: String,
    pub period: String,
    pub from_day: String,
    pub to_day: String,
    pub fingerprint: String,
    pub manifest: String,
}

/// Per fund, the bundle a report for a span ending `to` draws on (as
/// [`grants_as_of`] picks it); funds with none are left out.
pub fn bundles_as_of(conn: &Connection, to: &str) -> Result<Vec<BundleSeen>> {
    let mut stmt = conn
        .prepare(
            "SELECT b.fund_id, b.audience, b.period, b.from_day, b.to_day, b.fingerprint, b.manifest
             FROM hub_bundles b
             WHERE b.id = (
                 SELECT c.id FROM hub_bundles c
                 WHERE c.fund_id = b.fund_id AND c.from_day <= ?1
                 ORDER BY c.to_day >= ?1 DESC, min(c.to_day, ?1) DESC, c.id DESC LIMIT 1)
             ORDER BY b.fund_id",
        )
        .ctx("reading the bundles")?;
    stmt.query_map([to], |r| {
        Ok(BundleSeen {
            fund_id: r.get(0)?,
            audience: r.get(1)?,
            period: r.get(2)?,
            from_day: r.get(3)?,
            to_day: r.get(4)?,
            fingerprint: r.get(5)?,
            manifest: r.get(6)?,
        })
    })
    .and_then(|rows| rows.collect())
    .ctx("reading the bundles")
}

/// A reference rate of the hub: 1 `from` = `rate` `to` on `day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRate {
    pub day: String,
    pub from: String,
    pub to: String,
    /// The exact decimal text.
    pub rate: String,
}

/// Records a reference rate.
pub fn insert_rate(conn: &Connection, rate: &HubRate, added_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO hub_rates (day, from_code, to_code, rate, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rate.day, rate.from, rate.to, rate.rate, added_at],
    )
    .ctx("recording the rate")?;
    Ok(())
}

/// Every rate, by day and in the order recorded (a later one of a day and
/// pair replaces an earlier one).
pub fn rates(conn: &Connection) -> Result<Vec<HubRate>> {
    let mut stmt = conn
        .prepare("SELECT day, from_code, to_code, rate FROM hub_rates ORDER BY day, id")
        .ctx("reading the hub's rates")?;
    stmt.query_map([], |r| {
        Ok(HubRate {
            day: r.get(0)?,
            from: r.get(1)?,
            to: r.get(2)?,
            rate: r.get(3)?,
        })
    })
    .and_then(|rows| rows.collect())
    .ctx("reading the hub's rates")
}

/// The most decimals any member fund gives `code`, if one holds it.
pub fn code_decimals(conn: &Connection, code: &str) -> Result<Option<u32>> {
    conn.query_row(
        "SELECT max(decimals) FROM hub_commodities WHERE commodity = ?1",
        [code],
        |r| r.get(0),
    )
    .ctx("reading the hub's commodities")
}
