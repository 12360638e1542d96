//! How typed ids go in and out of SQLite: each is stored as the bare
//! integer it wraps, in the columns that held `i64` before (no schema
//! change). Rule: the only place a column's integer becomes an id type.

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlResult, ToSqlOutput, ValueRef};

use crate::domain::ids::{
    AccountId, CommodityId, GrantId, MemberId, PledgeId, PoolId, PurchaseId, RateId, RecordId,
    SourceId, TermId, TxnId,
};

/// Stores and reads an id type as its integer.
macro_rules! sql_id {
    ($name:ident) => {
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.get()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name::new)
            }
        }
    };
}

sql_id!(GrantId);
sql_id!(PoolId);
sql_id!(MemberId);
sql_id!(CommodityId);
sql_id!(AccountId);
sql_id!(TxnId);
sql_id!(RecordId);
sql_id!(PledgeId);
sql_id!(TermId);
sql_id!(PurchaseId);
sql_id!(SourceId);
sql_id!(RateId);

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// Writes three ids and reads them back with the type SQLite gave each.
    fn round_trip<A, B, C>(ids: (A, B, C)) -> rusqlite::Result<((A, B, C), String)>
    where
        A: ToSql + FromSql,
        B: ToSql + FromSql,
        C: ToSql + FromSql,
    {
        Connection::open_in_memory()?.query_row(
            "SELECT ?1, ?2, ?3, typeof(?1) || typeof(?2) || typeof(?3)",
            rusqlite::params![ids.0, ids.1, ids.2],
            |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)),
        )
    }

    #[test]
    fn each_id_is_stored_as_its_number() -> rusqlite::Result<()> {
        let people = (GrantId::new(9), PoolId::new(2), MemberId::new(4));
        let ledger = (CommodityId::new(3), AccountId::new(7), TxnId::new(11));
        let integers = "integerintegerinteger".to_owned();
        assert_eq!(round_trip(people)?, (people, integers.clone()));
        assert_eq!(round_trip(ledger)?, (ledger, integers.clone()));
        let records = (RecordId::new(5), RecordId::new(6), TxnId::new(8));
        assert_eq!(round_trip(records)?, (records, integers.clone()));
        let community = (PledgeId::new(2), TermId::new(3), PurchaseId::new(4));
        assert_eq!(round_trip(community)?, (community, integers.clone()));
        let sources = (SourceId::new(1), RateId::new(2), RecordId::new(3));
        assert_eq!(round_trip(sources)?, (sources, integers));
        Ok(())
    }
}
