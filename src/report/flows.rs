//! What came in, went out and moved within the fund over a period, per pool
//! and commodity, classified by account (the one place that decides which
//! account means what, for the summary, budget, metrics and forum reports).
//!
//! | account                         | flow                               |
//! |---------------------------------|------------------------------------|
//! | `income:contributions…`         | in: contributions (money)          |
//! | `income:in-kind:goods`          | in: goods in kind                  |
//! | `income:in-kind:KIND`           | in: services in kind (KIND)        |
//! | other `income:…`                | in: other income (account)         |
//! | `expenses:grants:CATEGORY…`     | out: grants (CATEGORY)             |
//! | `expenses:in-kind:distributed`  | out: goods given out               |
//! | `expenses:in-kind:KIND`         | out: services in kind used (KIND)  |
//! | other `expenses:…`              | out: operating costs (account)     |
//! | `equity:pools`                  | within: moved in / moved out       |
//! | `equity:conversions:…`          | within: currency conversions       |
//! | other `equity:…`                | within: other equity               |
//!
//! Assets and liabilities are where money sits, not flows of a pool. For
//! every pool and commodity, the holdings at the end of a period are the
//! holdings before it plus inflows, less outflows, plus what moved within
//! ([`Flow::effect`]); tests hold the reports to that.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::account::{
    AccountType, CONTRIBUTIONS_INCOME, CONVERSIONS_PREFIX, DISTRIBUTED_ACCOUNT, GRANTS_PREFIX,
    REALLOCATION_ACCOUNT, under_prefix, validate_account_name,
};
use crate::domain::ids::PoolId;
use crate::domain::period::Span;
use crate::error::Result;
use crate::store::{accounts, commodities, flows, pools};

/// Which way a flow goes for its pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
    Within,
}

/// What a flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Contributions,
    GoodsInKind,
    ServicesInKind,
    OtherIncome,
    Grants,
    GoodsGivenOut,
    ServicesUsed,
    OperatingCosts,
    MovedIn,
    MovedOut,
    Conversions,
    OtherEquity,
}

impl Kind {
    pub fn direction(self) -> Direction {
        match self {
            Kind::Contributions | Kind::GoodsInKind | Kind::ServicesInKind | Kind::OtherIncome => {
                Direction::In
            }
            Kind::Grants | Kind::GoodsGivenOut | Kind::ServicesUsed | Kind::OperatingCosts => {
                Direction::Out
            }
            Kind::MovedIn | Kind::MovedOut | Kind::Conversions | Kind::OtherEquity => {
                Direction::Within
            }
        }
    }

    /// Words for a report line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contributions => "contributions",
            Kind::GoodsInKind => "goods in kind",
            Kind::ServicesInKind => "services in kind",
            Kind::OtherIncome => "other income",
            Kind::Grants => "grants paid",
            Kind::GoodsGivenOut => "goods given out",
            Kind::ServicesUsed => "services in kind used",
            Kind::OperatingCosts => "operating costs",
            Kind::MovedIn => "moved in from other pools",
            Kind::MovedOut => "moved out to other pools",
            Kind::Conversions => "currency conversions",
            Kind::OtherEquity => "other equity",
        }
    }
}

/// One month's flow of one kind for a pool and commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// `YYYY-MM`.
    pub month: String,
    pub pool: String,
    pub commodity: String,
    pub decimals: u32,
    pub kind: Kind,
    /// The grant category, the kind of service, or the account for
    /// operating costs and other income; empty otherwise.
    pub detail: String,
    /// Positive in the flow's direction (a refund makes an inflow negative;
    /// conversions and other equity are signed: positive adds to the pool).
    pub amount: i128,
}

impl Flow {
    /// The spending category of an outflow: the grant category, or the
    /// expense account's path below `expenses:` (budgets are set against it).
    pub fn category(&self) -> Option<String> {
        match self.kind {
            Kind::Grants => Some(self.detail.clone()),
            Kind::GoodsGivenOut => Some(
                DISTRIBUTED_ACCOUNT
                    .trim_start_matches("expenses:")
                    .to_owned(),
            ),
            Kind::ServicesUsed => Some(format!("in-kind:{}", self.detail)),
            Kind::OperatingCosts => Some(
                self.detail
                    .to_lowercase()
                    .trim_start_matches("expenses:")
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// What the flow does to the pool's holdings.
    pub fn effect(&self) -> i128 {
        match self.kind {
            Kind::MovedOut => -self.amount,
            k if k.direction() == Direction::Out => -self.amount,
            _ => self.amount,
        }
    }
}

/// Classifies a month's sum on one account (see the module table); a sum
/// on the reallocation account gives a move in and a move out.
pub(crate) fn classify(account: &str, debits: i128, credits: i128) -> Vec<(Kind, String, i128)> {
    let lower = account.to_lowercase();
    let rest = |prefix: &str| lower.strip_prefix(prefix).map(str::to_owned);
    let Ok(kind) = validate_account_name(account) else {
        return Vec::new();
    };
    let net_in = credits - debits;
    let net_out = debits - credits;
    match kind {
        AccountType::Assets | AccountType::Liabilities => Vec::new(),
        AccountType::Income => vec![if under_prefix(&lower, CONTRIBUTIONS_INCOME) {
            (Kind::Contributions, String::new(), net_in)
        } else if lower == "income:in-kind:goods" {
            (Kind::GoodsInKind, String::new(), net_in)
        } else if let Some(service) = rest("income:in-kind:") {
            (Kind::ServicesInKind, service, net_in)
        } else {
            (Kind::OtherIncome, account.to_owned(), net_in)
        }],
        AccountType::Expenses => vec![if let Some(category) = rest(GRANTS_PREFIX) {
            let category = category.split(':').next().unwrap_or("").to_owned();
            (Kind::Grants, category, net_out)
        } else if lower == DISTRIBUTED_ACCOUNT {
            (Kind::GoodsGivenOut, String::new(), net_out)
        } else if let Some(service) = rest("expenses:in-kind:") {
            (Kind::ServicesUsed, service, net_out)
        } else {
            (Kind::OperatingCosts, account.to_owned(), net_out)
        }],
        AccountType::Equity if lower == REALLOCATION_ACCOUNT => vec![
            (Kind::MovedIn, String::new(), credits),
            (Kind::MovedOut, String::new(), debits),
        ],
        AccountType::Equity if lower.starts_with(CONVERSIONS_PREFIX) => {
            vec![(Kind::Conversions, String::new(), net_in)]
        }
        AccountType::Equity => vec![(Kind::OtherEquity, String::new(), net_in)],
    }
}

/// Every flow in the span, by month, pool (general first, then in the order
/// pools were added), commodity and kind; zero flows are left out.
pub fn flows(conn: &Connection, span: &Span) -> Result<Vec<Flow>> {
    let accounts = accounts::names_by_id(conn)?;
    let commodities = commodities::by_id(conn)?;
    let pool_order: HashMap<PoolId, (usize, String)> = pools::all(conn)?
        .into_iter()
        .enumerate()
        .map(|(n, p)| (p.id, (n, p.name)))
        .collect();
    // (month, pool order, commodity, kind, detail) → (pool, decimals, amount)
    type Key = (String, usize, String, Kind, String);
    let mut merged: HashMap<Key, (String, u32, i128)> = HashMap::new();
    for sum in flows::monthly(conn, span.from, span.to)? {
        let (Some(account), Some(commodity), Some((order, pool))) = (
            accounts.get(&sum.account_id),
            commodities.get(&sum.commodity_id),
            pool_order.get(&sum.pool_id),
        ) else {
            continue;
        };
        for (kind, detail, amount) in classify(account, sum.debits, sum.credits) {
            let key = (
                sum.month.clone(),
                *order,
                commodity.code().to_owned(),
                kind,
                detail,
            );
            merged
                .entry(key)
                .or_insert_with(|| (pool.clone(), commodity.decimals(), 0))
                .2 += amount;
        }
    }
    let mut keyed: Vec<_> = merged.into_iter().filter(|(_, v)| v.2 != 0).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed
        .into_iter()
        .map(
            |((month, _, commodity, kind, detail), (pool, decimals, amount))| Flow {
                month,
                pool,
                commodity,
                decimals,
                kind,
                detail,
                amount,
            },
        )
        .collect())
}

/// The day before `day` (the opening of a span is the close of that day).
pub fn eve(day: NaiveDate) -> NaiveDate {
    day.pred_opt().unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_accounts() {
        let k = |account: &str, d: i128, c: i128| classify(account, d, c);
        assert_eq!(
            k("income:contributions", 0, 500),
            [(Kind::Contributions, String::new(), 500)]
        );
        assert_eq!(
            k("income:in-kind:legal-assistance", 0, 12),
            [(Kind::ServicesInKind, "legal-assistance".to_owned(), 12)]
        );
        assert_eq!(
            k("expenses:grants:housing", 300, 0),
            [(Kind::Grants, "housing".to_owned(), 300)]
        );
        assert_eq!(
            k("expenses:fees:exchange", 3, 0),
            [(Kind::OperatingCosts, "expenses:fees:exchange".to_owned(), 3)]
        );
        assert_eq!(
            k("equity:pools", 40, 100),
            [
                (Kind::MovedIn, String::new(), 100),
                (Kind::MovedOut, String::new(), 40)
            ]
        );
        assert!(k("assets:bank", 10, 0).is_empty());
        let moved_out = Flow {
            month: "2026-01".into(),
            pool: "general".into(),
            commodity: "USD".into(),
            decimals: 2,
            kind: Kind::MovedOut,
            detail: String::new(),
            amount: 40,
        };
        assert_eq!(moved_out.effect(), -40);
    }
}
