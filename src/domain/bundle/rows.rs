//! The rows of the bundle's CSV files, one struct per file, shared by the
//! writer and the checker: the writer serializes them and the checker
//! deserializes them, so the two cannot disagree on a column.
//!
//! Rule: a field is a column, named and ordered exactly as in the file's
//! [`super::FileSpec`] (a unit test holds every struct to its spec), and
//! holds the cell as text, exactly as written. The writer formats each
//! value to its one canonical spelling (amounts with their commodity's
//! places, stamps, whole numbers); the checker parses and judges each cell
//! itself, so a malformed cell is a finding with its own code and message,
//! never a failure to read the row. An empty cell is an empty string.
//! `journal.csv` and `reversed.csv` are the journal export's format
//! ([`crate::domain::journal::COLUMNS`]), read here as [`JournalRow`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{
    ACCOUNTS, BALANCES, BUNDLE, COMMODITIES, CONTRIBUTORS, GRANTS, JOURNAL, MANIFEST, POLICIES,
    POOLS, PURCHASE_ITEMS, PURCHASES, RECORDS, ROLES, TRANSFERS, VOTES,
};

/// A row of one bundle CSV file.
pub trait BundleRow: Serialize + DeserializeOwned {
    /// The file whose rows these are.
    const FILE: &'static str;
}

macro_rules! rows {
    ($($(#[$meta:meta])* $name:ident in $file:ident { $($(#[$fmeta:meta])* $field:ident),* $(,)? })*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
            pub struct $name {
                $($(#[$fmeta])* pub $field: String,)*
            }

            impl BundleRow for $name {
                const FILE: &'static str = $file;
            }
        )*
    };
}

rows! {
    /// A row of `BUNDLE.csv`: one fact.
    FactRow in BUNDLE { key, value }

    /// A row of `accounts.csv`.
    AccountRow in ACCOUNTS {
        account,
        #[serde(rename = "type")]
        kind,
        status,
        closed_on,
        note,
    }

    /// A row of `commodities.csv`.
    CommodityRow in COMMODITIES { commodity, decimals, name }

    /// A row of `balances.csv`.
    BalanceRow in BALANCES { account, commodity, opening, debits, credits, closing }

    /// A row of `pools.csv`: amounts empty for a pool that never held anything.
    PoolRow in POOLS {
        pool,
        purpose,
        guidelines,
        commodity,
        opening,
        contributions,
        moved_in,
        moved_out,
        spent,
        converted,
        other,
        closing,
        committed,
        available,
    }

    /// A row of `grants.csv`.
    GrantRow in GRANTS {
        grant,
        applicant,
        pool,
        commodity,
        amount,
        purpose,
        category,
        needed_by,
        applied_at,
        policy_version,
        rule,
        window_closes,
        status,
        decision,
        decided_at,
        expires,
        consents,
        objections,
        abstentions,
        eligible,
        explanation,
        paid,
        paid_in_period,
        payment_txns,
        spent,
        returned,
        return_txn,
        committed,
        ended_at,
        end_reason,
    }

    /// A row of `votes.csv`: a vote, or a steward who had to recuse.
    VoteRow in VOTES { grant, member, vote, at, reason, counted }

    /// A row of `policies.csv`: one tier of one version.
    PolicyRow in POLICIES {
        pool,
        version,
        set_at,
        up_to,
        commodity,
        rule,
        min_consents,
        quorum,
        threshold,
        window_minutes,
        reason,
    }

    /// A row of `roles.csv`: one term.
    RoleRow in ROLES {
        member,
        role,
        from,
        until,
    }

    /// A row of `contributors.csv`: a contribution's income in one pool and
    /// commodity.
    ContributorRow in CONTRIBUTORS { txn, date, contributor, kind, pool, commodity, amount, voided_by }

    /// A row of `transfers.csv`: one transfer between funds.
    TransferRow in TRANSFERS {
        txn,
        date,
        direction,
        transfer_id,
        counterpart_fund,
        amount,
        commodity,
        sent_amount,
        sent_commodity,
        rate,
        pool,
        grant,
        voided_by,
    }

    /// A row of `purchases.csv`: one member group's money in one purchase.
    PurchaseRow in PURCHASES {
        purchase, status, group, currency, charged, paid, owed, settle_txn, pay_txns,
    }

    /// A row of `purchase_items.csv`: one member group's units of one item
    /// of one purchase.
    PurchaseItemRow in PURCHASE_ITEMS { purchase, group, item, unit, ordered, allocated, received }

    /// A row of `records.csv`: one governance record.
    RecordRow in RECORDS { id, at, kind, grant, form, prev_hash, hash, payload }

    /// A row of `MANIFEST.csv`.
    ManifestRow in MANIFEST { file, rows, sha256 }

    /// A row of `journal.csv` (and, in the same columns, `reversed.csv`):
    /// one posting.
    JournalRow in JOURNAL {
        txn,
        date,
        description,
        account,
        amount,
        commodity,
        payee,
        reference,
        memo,
        pool,
        reverses,
        prev_hash,
        hash,
        form,
        description_salt,
        payee_salt,
        reference_salt,
        memo_salt,
        account_salt,
        pool_salt,
    }
}

impl BalanceRow {
    /// The amount cells, with their column names, in order.
    pub fn amounts(&self) -> [(&'static str, &str); 4] {
        [
            ("opening", &self.opening),
            ("debits", &self.debits),
            ("credits", &self.credits),
            ("closing", &self.closing),
        ]
    }
}

impl PoolRow {
    /// The amount cells, with their column names, in order.
    pub fn amounts(&self) -> [(&'static str, &str); 10] {
        [
            ("opening", &self.opening),
            ("contributions", &self.contributions),
            ("moved_in", &self.moved_in),
            ("moved_out", &self.moved_out),
            ("spent", &self.spent),
            ("converted", &self.converted),
            ("other", &self.other),
            ("closing", &self.closing),
            ("committed", &self.committed),
            ("available", &self.available),
        ]
    }
}

impl GrantRow {
    /// The counts of the votes, with their column names, in order.
    pub fn counts(&self) -> [(&'static str, &str); 4] {
        [
            ("consents", &self.consents),
            ("objections", &self.objections),
            ("abstentions", &self.abstentions),
            ("eligible", &self.eligible),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bundle::{FILES, columns};

    /// The field names serde derives for a struct, in order: the header
    /// the csv crate writes for it.
    fn fields<R: BundleRow + Default>() -> Vec<String> {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.serialize(R::default()).unwrap();
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        let header = text.lines().next().unwrap_or_default();
        header.split(',').map(str::to_owned).collect()
    }

    fn assert_row<R: BundleRow + Default>() {
        assert_eq!(
            fields::<R>(),
            columns(R::FILE),
            "the row struct of {}",
            R::FILE
        );
    }

    #[test]
    fn row_structs_are_their_files_columns_in_order() {
        assert_row::<FactRow>();
        assert_row::<AccountRow>();
        assert_row::<CommodityRow>();
        assert_row::<BalanceRow>();
        assert_row::<PoolRow>();
        assert_row::<GrantRow>();
        assert_row::<VoteRow>();
        assert_row::<PolicyRow>();
        assert_row::<RoleRow>();
        assert_row::<ContributorRow>();
        assert_row::<TransferRow>();
        assert_row::<PurchaseRow>();
        assert_row::<PurchaseItemRow>();
        assert_row::<RecordRow>();
        assert_row::<ManifestRow>();
        assert_row::<JournalRow>();
        assert_eq!(
            fields::<JournalRow>(),
            columns(crate::domain::bundle::REVERSED)
        );
        // Every CSV file has its row struct above; README.txt is text.
        assert_eq!(FILES.iter().filter(|f| !f.columns.is_empty()).count(), 17);
    }

    /// A row whose every cell holds its own column's name.
    fn named<R: BundleRow>() -> R {
        csv::StringRecord::from(columns(R::FILE))
            .deserialize(None)
            .unwrap()
    }

    #[test]
    fn named_cells_are_their_columns() {
        let (balance, pool, grant) = (
            named::<BalanceRow>(),
            named::<PoolRow>(),
            named::<GrantRow>(),
        );
        let cells = balance
            .amounts()
            .into_iter()
            .chain(pool.amounts())
            .chain(grant.counts());
        for (column, cell) in cells {
            assert_eq!(column, cell);
        }
    }

    #[test]
    fn rows_read_back_as_written() {
        let row = GrantRow {
            grant: "G-0001".into(),
            amount: "900.00".into(),
            ..GrantRow::default()
        };
        let mut out = csv::Writer::from_writer(Vec::new());
        out.serialize(&row).unwrap();
        let bytes = out.into_inner().unwrap();
        let mut back = csv::Reader::from_reader(bytes.as_slice());
        let read: Vec<GrantRow> = back.deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(read, vec![row]);
    }
}
