//! The hub's consolidated dataset read out for `hub export --parquet`: one
//! streaming query per table, in the order of its partitions (by fund, then
//! by transaction), each amount with the decimals of its commodity.
//!
//! Rule: rows are handed to the caller one at a time, borrowed from the
//! statement, so an export of any size holds one row of each table at a
//! time; every query of one export runs in the one read transaction of
//! [`snapshot`]. A commodity the hub holds no decimals for is a damaged
//! hub file, never a guess.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, Type};
use rusqlite::{Connection, Row, Transaction};

use crate::error::{Error, Result, SqlContext};

/// The context of a failed read of a row.
const READING: &str = "reading a row of the hub's dataset";

/// The void of each voided transaction, from the journal rows of every
/// bundle: a contribution's or transfer's `voided_by` as a bundle wrote it
/// names only a void in that same bundle.
macro_rules! with_voids {
    ($select:literal) => {
        concat!(
            "WITH voids AS (SELECT fund_id, reverses AS txn, MIN(txn) AS void FROM hub_txns
                            WHERE reverses IS NOT NULL GROUP BY fund_id, reverses) ",
            $select
        )
    };
}

/// Begins the one read transaction an export reads everything in, so the
/// dataset is one state of the hub even while a `hub add` commits.
pub fn snapshot(conn: &Connection) -> Result<Transaction<'_>> {
    conn.unchecked_transaction()
        .ctx("starting the export's read transaction")
}

/// The most decimals of any commodity in the hub: the scale S of the
/// dataset's DECIMAL(18, S) columns (0 when the hub holds none).
pub fn largest_decimals(conn: &Connection) -> Result<u32> {
    conn.query_row(
        "SELECT COALESCE(MAX(decimals), 0) FROM hub_commodities",
        [],
        |r| r.get(0),
    )
    .ctx("reading the largest commodity decimals")
}

/// An amount in minor units of its commodity's decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minor {
    pub minor: i64,
    pub decimals: u32,
}

/// A posting of `hub_postings`, with its transaction's date.
#[derive(Debug)]
pub struct Posting<'r> {
    pub fund_id: &'r str,
    pub txn: i64,
    pub seq: i64,
    pub date: NaiveDate,
    pub account: &'r str,
    pub commodity: &'r str,
    pub amount: Minor,
    pub pool: &'r str,
    pub memo: &'r str,
}

/// Every posting, by fund, transaction and sequence.
pub fn postings(conn: &Connection, mut each: impl FnMut(&Posting<'_>) -> Result<()>) -> Result<()> {
    stream(
        conn,
        "SELECT p.fund_id, p.txn, p.seq, t.date, p.account, p.commodity, p.amount, c.decimals,
                p.pool, p.memo
         FROM hub_postings p
         JOIN hub_txns t ON t.fund_id = p.fund_id AND t.txn = p.txn
         LEFT JOIN hub_commodities c ON c.fund_id = p.fund_id AND c.commodity = p.commodity
         ORDER BY p.fund_id, p.txn, p.seq",
        "postings",
        |r| {
            let fund_id = text(r, 0)?;
            let commodity = text(r, 5)?;
            each(&Posting {
                fund_id,
                txn: get(r, 1)?,
                seq: get(r, 2)?,
                date: get(r, 3)?,
                account: text(r, 4)?,
                commodity,
                amount: minor(r, 6, 7, fund_id, commodity)?,
                pool: text(r, 8)?,
                memo: text(r, 9)?,
            })
        },
    )
}

/// A transaction of `hub_txns`, with the manifest digest of the bundle
/// the hub first took it from.
#[derive(Debug)]
pub struct Txn<'r> {
    pub fund_id: &'r str,
    pub txn: i64,
    pub date: NaiveDate,
    pub description: &'r str,
    pub payee: &'r str,
    pub reference: &'r str,
    pub reverses: Option<i64>,
    pub hash: &'r str,
    pub bundle: &'r str,
}

/// Every transaction, by fund and number.
pub fn txns(conn: &Connection, mut each: impl FnMut(&Txn<'_>) -> Result<()>) -> Result<()> {
    stream(
        conn,
        "SELECT t.fund_id, t.txn, t.date, t.description, t.payee, t.reference, t.reverses,
                t.hash, b.manifest
         FROM hub_txns t JOIN hub_bundles b ON b.id = t.bundle_id
         ORDER BY t.fund_id, t.txn",
        "transactions",
        |r| {
            each(&Txn {
                fund_id: text(r, 0)?,
                txn: get(r, 1)?,
                date: get(r, 2)?,
                description: text(r, 3)?,
                payee: text(r, 4)?,
                reference: text(r, 5)?,
                reverses: get(r, 6)?,
                hash: text(r, 7)?,
                bundle: text(r, 8)?,
            })
        },
    )
}

/// A row of `hub_transfers`.
#[derive(Debug)]
pub struct Transfer<'r> {
    pub fund_id: &'r str,
    pub txn: i64,
    pub date: NaiveDate,
    pub direction: &'r str,
    pub transfer_id: &'r str,
    pub counterpart_fund: &'r str,
    pub amount: Minor,
    pub commodity: &'r str,
    pub sent_amount: Option<Minor>,
    pub sent_commodity: Option<&'r str>,
    pub rate: Option<&'r str>,
    pub pool: &'r str,
    pub grant_id: &'r str,
    pub voided_by: Option<i64>,
}

/// Every transfer transaction, by fund and transaction; `voided_by` is the
/// void in any bundle the hub holds.
pub fn transfers(
    conn: &Connection,
    mut each: impl FnMut(&Transfer<'_>) -> Result<()>,
) -> Result<()> {
    stream(
        conn,
        with_voids!(
            "SELECT x.fund_id, x.txn, x.date, x.direction, x.transfer_id, x.counterpart_fund,
                x.amount, c.decimals, x.commodity, x.sent_amount, s.decimals, x.sent_commodity,
                x.rate, x.pool, x.grant_id, COALESCE(v.void, x.voided_by)
         FROM hub_transfers x
         LEFT JOIN voids v ON v.fund_id = x.fund_id AND v.txn = x.txn
         LEFT JOIN hub_commodities c ON c.fund_id = x.fund_id AND c.commodity = x.commodity
         LEFT JOIN hub_commodities s ON s.fund_id = x.fund_id AND s.commodity = x.sent_commodity
         ORDER BY x.fund_id, x.txn"
        ),
        "transfers",
        |r| {
            let fund_id = text(r, 0)?;
            let commodity = text(r, 8)?;
            let sent_commodity = optional_text(r, 11)?;
            let sent_amount = match (get::<Option<i64>>(r, 9)?, sent_commodity) {
                (Some(_), Some(code)) => Some(minor(r, 9, 10, fund_id, code)?),
                (None, _) => None,
                (Some(_), None) => {
                    return Err(damaged(format!(
                        "transfer transaction {} of fund {fund_id} has a sent amount without its commodity",
                        get::<i64>(r, 1)?
                    )));
                }
            };
            each(&Transfer {
                fund_id,
                txn: get(r, 1)?,
                date: get(r, 2)?,
                direction: text(r, 3)?,
                transfer_id: text(r, 4)?,
                counterpart_fund: text(r, 5)?,
                amount: minor(r, 6, 7, fund_id, commodity)?,
                commodity,
                sent_amount,
                sent_commodity,
                rate: optional_text(r, 12)?,
                pool: text(r, 13)?,
                grant_id: text(r, 14)?,
                voided_by: get(r, 15)?,
            })
        },
    )
}

/// A row of `hub_grants`: a grant as of its bundle's last day (`as_of`).
#[derive(Debug)]
pub struct Grant<'r> {
    pub fund_id: &'r str,
    pub bundle: &'r str,
    pub as_of: NaiveDate,
    pub grant_id: &'r str,
    pub pool: &'r str,
    pub commodity: &'r str,
    pub amount: Minor,
    pub status: &'r str,
    pub decision: &'r str,
    pub applied_at: &'r str,
    pub decided_at: &'r str,
    pub paid: Minor,
    pub returned: Minor,
}

/// Every grant row of every bundle, by fund, bundle (in the order added)
/// and grant.
pub fn grants(conn: &Connection, mut each: impl FnMut(&Grant<'_>) -> Result<()>) -> Result<()> {
    stream(
        conn,
        "SELECT g.fund_id, b.manifest, b.to_day, g.grant_id, g.pool, g.commodity, g.amount,
                c.decimals, g.status, g.decision, g.applied_at, g.decided_at, g.paid, g.returned
         FROM hub_grants g
         JOIN hub_bundles b ON b.id = g.bundle_id
         LEFT JOIN hub_commodities c ON c.fund_id = g.fund_id AND c.commodity = g.commodity
         ORDER BY g.fund_id, g.bundle_id, g.grant_id",
        "grants",
        |r| {
            let fund_id = text(r, 0)?;
            let commodity = text(r, 5)?;
            each(&Grant {
                fund_id,
                bundle: text(r, 1)?,
                as_of: get(r, 2)?,
                grant_id: text(r, 3)?,
                pool: text(r, 4)?,
                commodity,
                amount: minor(r, 6, 7, fund_id, commodity)?,
                status: text(r, 8)?,
                decision: text(r, 9)?,
                applied_at: text(r, 10)?,
                decided_at: text(r, 11)?,
                paid: minor(r, 12, 7, fund_id, commodity)?,
                returned: minor(r, 13, 7, fund_id, commodity)?,
            })
        },
    )
}

/// A row of `hub_contributions`.
#[derive(Debug)]
pub struct Contribution<'r> {
    pub fund_id: &'r str,
    pub txn: i64,
    pub seq: i64,
    pub date: NaiveDate,
    pub contributor: &'r str,
    pub kind: &'r str,
    pub pool: &'r str,
    pub commodity: &'r str,
    pub amount: Minor,
    pub voided_by: Option<i64>,
    pub bundle: &'r str,
}

/// Every contribution, by fund, transaction and sequence; `voided_by` is
/// the void in any bundle the hub holds.
pub fn contributions(
    conn: &Connection,
    mut each: impl FnMut(&Contribution<'_>) -> Result<()>,
) -> Result<()> {
    stream(
        conn,
        with_voids!(
            "SELECT k.fund_id, k.txn, k.seq, k.date, k.contributor, k.kind, k.pool, k.commodity,
                k.amount, c.decimals, COALESCE(v.void, k.voided_by), b.manifest
         FROM hub_contributions k
         LEFT JOIN voids v ON v.fund_id = k.fund_id AND v.txn = k.txn
         JOIN hub_bundles b ON b.id = k.bundle_id
         LEFT JOIN hub_commodities c ON c.fund_id = k.fund_id AND c.commodity = k.commodity
         ORDER BY k.fund_id, k.txn, k.seq"
        ),
        "contributions",
        |r| {
            let fund_id = text(r, 0)?;
            let commodity = text(r, 7)?;
            each(&Contribution {
                fund_id,
                txn: get(r, 1)?,
                seq: get(r, 2)?,
                date: get(r, 3)?,
                contributor: text(r, 4)?,
                kind: text(r, 5)?,
                pool: text(r, 6)?,
                commodity,
                amount: minor(r, 8, 9, fund_id, commodity)?,
                voided_by: get(r, 10)?,
                bundle: text(r, 11)?,
            })
        },
    )
}

/// A head the hub witnessed (`hub_heads`), with the bundle's manifest
/// digest.
#[derive(Debug)]
pub struct FundHead<'r> {
    pub fund_id: &'r str,
    pub chain: &'r str,
    pub hash: &'r str,
    pub position: i64,
    pub seen_at: &'r str,
    pub bundle: &'r str,
}

/// Every witnessed head, by fund, in the order the hub saw them.
pub fn fund_heads(
    conn: &Connection,
    mut each: impl FnMut(&FundHead<'_>) -> Result<()>,
) -> Result<()> {
    stream(
        conn,
        "SELECT h.fund_id, h.chain, h.hash, h.position, h.seen_at, b.manifest
         FROM hub_heads h JOIN hub_bundles b ON b.id = h.bundle_id
         ORDER BY h.fund_id, h.id",
        "witnessed heads",
        |r| {
            each(&FundHead {
                fund_id: text(r, 0)?,
                chain: text(r, 1)?,
                hash: text(r, 2)?,
                position: get(r, 3)?,
                seen_at: text(r, 4)?,
                bundle: text(r, 5)?,
            })
        },
    )
}

/// Runs `sql` and hands each row to `each`; stops at the first error.
fn stream(
    conn: &Connection,
    sql: &str,
    what: &str,
    mut each: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    let context = format!("reading the hub's {what}");
    let mut statement = conn.prepare(sql).ctx(&context)?;
    let mut rows = statement.query([]).ctx(&context)?;
    while let Some(row) = rows.next().ctx(&context)? {
        each(row)?;
    }
    Ok(())
}

/// The value in `column`.
fn get<T: FromSql>(row: &Row<'_>, column: usize) -> Result<T> {
    row.get(column).ctx(READING)
}

/// A text column, borrowed from the row.
fn text<'r>(row: &'r Row<'_>, column: usize) -> Result<&'r str> {
    optional_text(row, column)?.ok_or_else(|| {
        Error::from_sqlite(
            rusqlite::Error::InvalidColumnType(column, "NULL".to_owned(), Type::Null),
            READING,
        )
    })
}

/// A text column that may be NULL, borrowed from the row.
fn optional_text<'r>(row: &'r Row<'_>, column: usize) -> Result<Option<&'r str>> {
    let value = row.get_ref(column).ctx(READING)?;
    value
        .as_str_or_null()
        .map_err(|e| Error::from_sqlite(e.into(), READING))
}

/// The amount in `column` with the decimals in `decimals` (of `commodity`
/// in `fund_id`, which must be known).
fn minor(
    row: &Row<'_>,
    column: usize,
    decimals: usize,
    fund_id: &str,
    commodity: &str,
) -> Result<Minor> {
    let places: Option<u32> = get(row, decimals)?;
    let decimals = places.ok_or_else(|| {
        damaged(format!(
            "it holds amounts of {commodity} for fund {fund_id} but not how many decimals {commodity} has"
        ))
    })?;
    Ok(Minor {
        minor: get(row, column)?,
        decimals,
    })
}

fn damaged(detail: String) -> Error {
    Error::HubDamaged { detail }
}

#[cfg(test)]
mod tests {
    use super::super::{
        ContributionRow, GrantRow, Hub, NewBundle, PostingRow, Rows, TransferRow, TxnRow,
        insert_bundle, insert_commodity, insert_fund, insert_hub,
    };
    use super::*;

    fn txn(fund: &str, n: i64, date: &str, reverses: Option<i64>, bundle: i64) -> TxnRow {
        TxnRow {
            fund_id: fund.to_owned(),
            txn: n,
            date: date.to_owned(),
            description: format!("t{n}"),
            payee: String::new(),
            reference: String::new(),
            reverses,
            hash: format!("h{n}"),
            bundle_id: bundle,
        }
    }

    fn posting(fund: &str, n: i64, seq: i64, commodity: &str, amount: i64) -> PostingRow {
        PostingRow {
            fund_id: fund.to_owned(),
            txn: n,
            seq,
            account: "assets:bank".to_owned(),
            commodity: commodity.to_owned(),
            amount,
            pool: String::new(),
            memo: String::new(),
        }
    }

    /// Fund `b` (in the hub before `a`'s rows) has JPY and a contribution
    /// voided in a later bundle than its own.
    #[test]
    fn parquet_export_streams_by_fund_with_each_commodity_s_decimals() {
        let dir = tempfile::tempdir().unwrap();
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        let mut hub = Hub::create(&dir.path().join("hub.db"), clock).unwrap();
        let tx = hub.write().unwrap();
        insert_hub(&tx, "North", "2026-01-01T00:00:00Z").unwrap();
        let mut bundles = Vec::new();
        for (fund, manifest) in [("b", "m1"), ("a", "m2"), ("b", "m3")] {
            if manifest != "m3" {
                insert_fund(&tx, fund, fund, "2026-01-01T00:00:00Z").unwrap();
            }
            bundles.push(
                insert_bundle(
                    &tx,
                    &NewBundle {
                        fund_id: fund.to_owned(),
                        manifest: manifest.to_owned(),
                        format: "fondo-audit-v3".to_owned(),
                        audience: "public".to_owned(),
                        period: "2026".to_owned(),
                        from_day: "2026-01-01".to_owned(),
                        to_day: "2026-12-31".to_owned(),
                        journal_prev_hash: String::new(),
                        journal_last_hash: String::new(),
                        ledger_transactions: 0,
                        records_head: String::new(),
                        records_count: 0,
                        fingerprint: String::new(),
                        source: String::new(),
                        added_at: "2026-01-01T00:00:00Z".to_owned(),
                    },
                )
                .unwrap(),
            );
        }
        insert_commodity(&tx, "a", "USD", 2).unwrap();
        insert_commodity(&tx, "b", "JPY", 0).unwrap();
        insert_commodity(&tx, "b", "XBT", 8).unwrap();
        {
            let mut rows = Rows::prepare(&tx).unwrap();
            rows.txn(&txn("b", 1, "2025-12-31", None, bundles[0]))
                .unwrap();
            rows.posting(&posting("b", 1, 2, "JPY", -500)).unwrap();
            rows.posting(&posting("b", 1, 1, "JPY", 500)).unwrap();
            rows.txn(&txn("a", 1, "2026-01-02", None, bundles[1]))
                .unwrap();
            rows.posting(&posting("a", 1, 1, "USD", 1234)).unwrap();
            rows.posting(&posting("a", 1, 2, "USD", -1234)).unwrap();
            rows.txn(&txn("b", 2, "2026-02-01", Some(1), bundles[2]))
                .unwrap();
            rows.contribution(&ContributionRow {
                fund_id: "b".to_owned(),
                txn: 1,
                seq: 1,
                date: "2025-12-31".to_owned(),
                contributor: "Ana".to_owned(),
                kind: "money".to_owned(),
                pool: String::new(),
                commodity: "JPY".to_owned(),
                amount: 500,
                voided_by: None,
                bundle_id: bundles[0],
            })
            .unwrap();
            rows.transfer(&TransferRow {
                fund_id: "a".to_owned(),
                txn: 1,
                date: "2026-01-02".to_owned(),
                direction: "received".to_owned(),
                transfer_id: "b-1".to_owned(),
                counterpart_fund: "b".to_owned(),
                amount: 1234,
                commodity: "USD".to_owned(),
                sent_amount: Some(1800),
                sent_commodity: Some("JPY".to_owned()),
                rate: Some("0.0685".to_owned()),
                pool: String::new(),
                grant_id: String::new(),
                voided_by: None,
            })
            .unwrap();
            rows.grant(&GrantRow {
                bundle_id: bundles[1],
                fund_id: "a".to_owned(),
                grant_id: "G-0001".to_owned(),
                pool: "housing".to_owned(),
                commodity: "USD".to_owned(),
                amount: 5000,
                status: "paid".to_owned(),
                decision: "approved".to_owned(),
                applied_at: "2026-01-01T10:00".to_owned(),
                decided_at: "2026-01-02T10:00".to_owned(),
                paid: 5000,
                returned: 0,
            })
            .unwrap();
        }
        // The sender's commodity, as the receiver recorded it.
        insert_commodity(&tx, "a", "JPY", 0).unwrap();
        tx.commit().unwrap();

        let tx = snapshot(hub.conn()).unwrap();
        assert_eq!(largest_decimals(&tx).unwrap(), 8);
        let mut seen = Vec::new();
        postings(&tx, |p| {
            seen.push(format!(
                "{} {} {} {} {} {}@{}",
                p.fund_id, p.txn, p.seq, p.date, p.commodity, p.amount.minor, p.amount.decimals
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                "a 1 1 2026-01-02 USD 1234@2",
                "a 1 2 2026-01-02 USD -1234@2",
                "b 1 1 2025-12-31 JPY 500@0",
                "b 1 2 2025-12-31 JPY -500@0",
            ]
        );
        let mut seen = Vec::new();
        txns(&tx, |t| {
            seen.push(format!(
                "{} {} {:?} {}",
                t.fund_id, t.txn, t.reverses, t.bundle
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["a 1 None m2", "b 1 None m1", "b 2 Some(1) m3"]);
        let mut seen = Vec::new();
        contributions(&tx, |c| {
            seen.push(format!(
                "{} {} {:?} {}",
                c.fund_id, c.txn, c.voided_by, c.bundle
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["b 1 Some(2) m1"]);
        // The sent amount has the decimals of the sent commodity.
        let mut seen = Vec::new();
        transfers(&tx, |t| {
            seen.push(format!(
                "{} {} {:?} {:?} {:?}",
                t.fund_id, t.amount.decimals, t.sent_amount, t.sent_commodity, t.rate
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [r#"a 2 Some(Minor { minor: 1800, decimals: 0 }) Some("JPY") Some("0.0685")"#]
        );
        let mut seen = Vec::new();
        grants(&tx, |g| {
            seen.push(format!(
                "{} {} {} {} {}",
                g.fund_id, g.bundle, g.as_of, g.paid.minor, g.paid.decimals
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["a m2 2026-12-31 5000 2"]);
    }

    #[test]
    fn parquet_export_refuses_an_amount_of_a_commodity_without_decimals() {
        let dir = tempfile::tempdir().unwrap();
        let clock = crate::domain::date::fixed_clock(chrono::NaiveDateTime::default());
        let mut hub = Hub::create(&dir.path().join("hub.db"), clock).unwrap();
        let tx = hub.write().unwrap();
        insert_fund(&tx, "a", "a", "2026-01-01T00:00:00Z").unwrap();
        tx.execute_batch(
            "INSERT INTO hub_contributions VALUES
                 ('a', 1, 1, '2026-01-01', 'Ana', 'money', '', 'USD', 100, NULL, 1);
             INSERT INTO hub_bundles (id, fund_id, manifest, format, audience, period,
                 from_day, to_day, journal_prev_hash, journal_last_hash, ledger_transactions,
                 records_head, records_count, fingerprint, source, added_at)
             VALUES (1, 'a', 'm', '', '', '', '2026-01-01', '2026-01-31', '', '', 0, '', 0,
                 '', '', '')",
        )
        .unwrap();
        let err = contributions(&tx, |_| Ok(())).unwrap_err();
        assert!(
            err.to_string()
                .contains("amounts of USD for fund a but not how many decimals USD has"),
            "{err}"
        );
    }
}
