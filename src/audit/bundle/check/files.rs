//! Reading the bundle's files: each small CSV file parsed with the `csv`
//! crate into its typed rows when its header is the specified one
//! ([`Tables`]), the extra files (signers, ballots) read whole with their
//! digests, and the transactions the small files name, the only ones kept
//! from the journal.
//!
//! Rule: a file that cannot be read, or has the wrong header or a row of the
//! wrong width, is a finding, never an error; what could be read is kept.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::{Checker, codes, purchases};
use crate::domain::bundle::rows::{
    AccountRow, BalanceRow, BundleRow, CommodityRow, ContributorRow, FactRow, GrantRow,
    ManifestRow, PolicyRow, PoolRow, PurchaseItemRow, PurchaseRow, RecordRow, RoleRow, TransferRow,
    VoteRow,
};
use crate::domain::bundle::{
    ACCOUNTS, BALANCES, BUNDLE, COMMODITIES, CONTRIBUTORS, GRANTS, MANIFEST, POLICIES, POOLS,
    PURCHASE_ITEMS, PURCHASES, RECORDS, ROLES, TRANSFERS, VOTES, columns, is_extra_file,
};
use crate::domain::hash::hex;

/// A data row of a CSV file, with the line it starts on.
pub(super) struct Rec<R> {
    pub(super) line: u64,
    pub(super) row: R,
}

/// A parsed CSV file whose header is the specified one: its typed rows.
pub(super) struct Table<R> {
    pub(super) rows: Vec<Rec<R>>,
}

/// The small CSV files of the bundle that could be read, each with its
/// header as specified.
#[derive(Default)]
pub(super) struct Tables {
    pub(super) manifest: Option<Table<ManifestRow>>,
    pub(super) facts: Option<Table<FactRow>>,
    pub(super) accounts: Option<Table<AccountRow>>,
    pub(super) commodities: Option<Table<CommodityRow>>,
    pub(super) balances: Option<Table<BalanceRow>>,
    pub(super) pools: Option<Table<PoolRow>>,
    pub(super) grants: Option<Table<GrantRow>>,
    pub(super) votes: Option<Table<VoteRow>>,
    pub(super) policies: Option<Table<PolicyRow>>,
    pub(super) roles: Option<Table<RoleRow>>,
    pub(super) contributors: Option<Table<ContributorRow>>,
    pub(super) transfers: Option<Table<TransferRow>>,
    pub(super) purchases: Option<Table<PurchaseRow>>,
    pub(super) purchase_items: Option<Table<PurchaseItemRow>>,
    pub(super) records: Option<Table<RecordRow>>,
}

impl Tables {
    /// Parses the small CSV file `name` into its slot; its number of data
    /// rows, or None when it is not CSV.
    pub(super) fn read(
        &mut self,
        name: &'static str,
        text: &str,
        checker: &mut Checker,
    ) -> Option<u64> {
        fn into<R: BundleRow>(
            slot: &mut Option<Table<R>>,
            text: &str,
            checker: &mut Checker,
        ) -> Option<u64> {
            let (count, table) = parse_csv::<R>(text, checker)?;
            *slot = table;
            Some(count)
        }
        match name {
            MANIFEST => into(&mut self.manifest, text, checker),
            BUNDLE => into(&mut self.facts, text, checker),
            ACCOUNTS => into(&mut self.accounts, text, checker),
            COMMODITIES => into(&mut self.commodities, text, checker),
            BALANCES => into(&mut self.balances, text, checker),
            POOLS => into(&mut self.pools, text, checker),
            GRANTS => into(&mut self.grants, text, checker),
            VOTES => into(&mut self.votes, text, checker),
            POLICIES => into(&mut self.policies, text, checker),
            ROLES => into(&mut self.roles, text, checker),
            CONTRIBUTORS => into(&mut self.contributors, text, checker),
            TRANSFERS => into(&mut self.transfers, text, checker),
            PURCHASES => into(&mut self.purchases, text, checker),
            PURCHASE_ITEMS => into(&mut self.purchase_items, text, checker),
            RECORDS => into(&mut self.records, text, checker),
            other => {
                unreachable!("{other} is streamed or is text; every other file has a row struct")
            }
        }
    }
}

/// Reads the files a bundle holds besides [`FILES`](crate::domain::bundle::FILES) (fund_signers,
/// allowed_signers and the ballots, [`is_extra_file`]): each one's text by
/// name, with its digest and lines recorded for the manifest's check.
pub(super) fn read_extras<'n>(
    dir: &Path,
    present: &'n BTreeMap<String, bool>,
    digests: &mut HashMap<&'n str, String>,
    counts: &mut HashMap<&'n str, u64>,
    checker: &mut Checker,
) -> BTreeMap<&'n str, String> {
    let mut texts = BTreeMap::new();
    for (name, regular) in present {
        let name = name.as_str();
        if !is_extra_file(name) {
            continue;
        }
        if !regular {
            checker.find(
                codes::UNREADABLE,
                name,
                0,
                "is not a regular file, so it was not read; a bundle holds plain files",
            );
            continue;
        }
        let bytes = match fs::read(dir.join(name)) {
            Ok(bytes) => bytes,
            Err(e) => {
                checker.find(codes::UNREADABLE, name, 0, format!("cannot be read: {e}"));
                continue;
            }
        };
        digests.insert(name, hex(&Sha256::digest(&bytes)));
        let Ok(text) = String::from_utf8(bytes) else {
            checker.find(codes::UNREADABLE, name, 0, "is not UTF-8 text");
            continue;
        };
        counts.insert(name, text.lines().count() as u64);
        texts.insert(name, text);
    }
    texts
}

/// The transactions that grants.csv and contributors.csv name: tranches,
/// returns, contributions and their voids. Only these are kept from the
/// journal.
pub(super) fn named_txns(tables: &Tables) -> HashSet<String> {
    let mut named = HashSet::new();
    if let Some(t) = &tables.grants {
        for Rec { row, .. } in &t.rows {
            named.extend(row.payment_txns.split_whitespace().map(str::to_owned));
            named.insert(row.return_txn.clone());
        }
    }
    if let Some(t) = &tables.contributors {
        for Rec { row, .. } in &t.rows {
            named.insert(row.txn.clone());
            named.insert(row.voided_by.clone());
        }
    }
    if let Some(t) = &tables.purchases {
        named.extend(purchases::named(t));
    }
    named.remove("");
    named
}

/// Parses a CSV file: its number of data rows, and the table when its
/// header is the specified one (rows with the wrong number of cells are
/// reported and left out).
pub(super) fn parse_csv<R: BundleRow>(
    text: &str,
    checker: &mut Checker,
) -> Option<(u64, Option<Table<R>>)> {
    let name = R::FILE;
    let expected = columns(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Compared in place: a header of millions of cells is not copied cell
    // by cell.
    let header = match reader.headers() {
        Ok(h) => (!h.iter().eq(expected.iter().copied())).then(|| joined(h)),
        Err(e) => {
            checker.find(codes::UNREADABLE, name, 0, format!("is not valid CSV: {e}"));
            return None;
        }
    };
    let mut rows = Vec::new();
    let mut count = 0;
    for record in reader.records() {
        match record {
            Ok(mut record) => {
                crate::domain::cell::unguard_record(&mut record);
                count += 1;
                let line = record.position().map_or(0, csv::Position::line);
                if record.len() != expected.len() {
                    checker.find(
                        codes::COLUMNS,
                        name,
                        line,
                        format!(
                            "has {} cells; every row of {name} has {}",
                            record.len(),
                            expected.len()
                        ),
                    );
                    continue;
                }
                // Every field is text and the number of cells is right, so
                // any row deserializes; its cells are judged later.
                match record.deserialize::<R>(None) {
                    Ok(row) => rows.push(Rec { line, row }),
                    Err(e) => checker.find(
                        codes::UNREADABLE,
                        name,
                        line,
                        format!("is not valid CSV: {e}"),
                    ),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                checker.find(
                    codes::UNREADABLE,
                    name,
                    line,
                    format!("is not valid CSV: {e}"),
                );
                return None;
            }
        }
    }
    if let Some(header) = header {
        checker.find(
            codes::COLUMNS,
            name,
            1,
            format!(
                "has the columns {header}; the specified columns are {}, so its content was not checked",
                expected.join(",")
            ),
        );
        return Some((count, None));
    }
    Some((count, Some(Table { rows })))
}

/// The cells of a header, joined by commas (for a message).
pub(super) fn joined(header: &csv::StringRecord) -> String {
    let mut text = String::with_capacity(header.as_slice().len() + header.len());
    for (i, cell) in header.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(cell);
    }
    text
}
