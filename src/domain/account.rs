//! Account names and types.
//!
//! An account name is a path of segments joined by `:` (`assets:bank:eur`).
//! Case is preserved, but two accounts may not differ only by case; the first
//! segment fixes the type and is matched case-insensitively. Unicode is
//! welcome (stored in NFC; invisible characters and look-alikes are refused
//! by the rule of `domain::name`); empty segments, surrounding spaces and `=`
//! (which separates account from amount on the command line) are not.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::error::{Error, Result};

const MAX_SEGMENTS: usize = 16;
const MAX_LEN: usize = 256;

/// The five account types of double-entry bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountType {
    Assets,
    Liabilities,
    Equity,
    Income,
    Expenses,
}

impl fmt::Display for AccountType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AccountType::Assets => "assets",
            AccountType::Liabilities => "liabilities",
            AccountType::Equity => "equity",
            AccountType::Income => "income",
            AccountType::Expenses => "expenses",
        })
    }
}

// Accounts fondo writes to itself, and the prefixes reports read them by.

/// The account reallocations between pools are posted to.
pub const REALLOCATION_ACCOUNT: &str = "equity:pools";
/// Where statement rows no rule matched wait (a map may name another).
pub const SUSPENSE: &str = "equity:suspense";

/// The income account contributions of money are credited to.
pub const CONTRIBUTIONS_INCOME: &str = "income:contributions";
/// Where goods given out of in-kind stock are charged.
pub const DISTRIBUTED_ACCOUNT: &str = "expenses:in-kind:distributed";
/// Where the fees of a currency exchange are charged.
pub const EXCHANGE_FEE_ACCOUNT: &str = "expenses:fees:exchange";
/// The prefix of the conversion accounts, one per commodity.
pub const CONVERSIONS_PREFIX: &str = "equity:conversions:";
/// The prefix of the accounts grants are paid from, one per category.
pub const GRANTS_PREFIX: &str = "expenses:grants:";

/// The conversion account of a commodity: `equity:conversions:EUR`.
pub fn conversion_account(code: &str) -> String {
    format!("{CONVERSIONS_PREFIX}{code}")
}

/// The account a grant of a category is paid from (`expenses:grants:rent`;
/// `expenses:grants:general` without a category).
pub fn grant_account(category: Option<&str>) -> String {
    format!(
        "{GRANTS_PREFIX}{}",
        category.map_or("general".to_owned(), name_key)
    )
}

/// Checks an account name and returns its type.
pub fn validate_account_name(name: &str) -> Result<AccountType> {
    let err = |reason: &str| Error::AccountName {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    if name.is_empty() {
        return Err(err("the name is empty"));
    }
    if name.chars().count() > MAX_LEN {
        return Err(err("names are at most 256 characters"));
    }
    if name.starts_with(':') || name.ends_with(':') {
        return Err(err("a name may not start or end with ':'"));
    }
    crate::domain::name::check_chars(name).map_err(|reason| err(&reason))?;
    if name.contains('=') {
        return Err(err("'=' is not allowed (it separates account and amount)"));
    }
    let segments: Vec<&str> = name.split(':').collect();
    if segments.len() > MAX_SEGMENTS {
        return Err(err("names have at most 16 segments"));
    }
    for segment in &segments {
        if segment.is_empty() {
            return Err(err("empty segment (two ':' in a row)"));
        }
        if segment.trim() != *segment {
            return Err(err("segments may not start or end with spaces"));
        }
    }
    match segments[0].to_lowercase().as_str() {
        "assets" => Ok(AccountType::Assets),
        "liabilities" => Ok(AccountType::Liabilities),
        "equity" => Ok(AccountType::Equity),
        "income" => Ok(AccountType::Income),
        "expenses" => Ok(AccountType::Expenses),
        _ => Err(err(
            "the first segment must be assets, liabilities, equity, income or expenses",
        )),
    }
}

/// The key under which names are compared for uniqueness and looked up
/// (case-insensitive, in NFC). Look-alikes are refused on top of it by
/// `domain::name::refuse_lookalike`.
pub fn name_key(name: &str) -> String {
    crate::domain::name::nfc(name).to_lowercase()
}

/// True when `name` is `prefix` or lies below it (segment-wise, ignoring case):
/// `assets:bank` matches `assets:bank:eur` but not `assets:banking`.
pub fn under_prefix(name: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches(':');
    let mut names = name.split(':');
    prefix.split(':').all(|p| {
        names
            .next()
            .is_some_and(|n| n.to_lowercase() == p.to_lowercase())
    })
}

/// The first `depth` segments of a name.
pub fn truncate(name: &str, depth: usize) -> &str {
    match name.match_indices(':').nth(depth.saturating_sub(1)) {
        Some((i, _)) if depth > 0 => &name[..i],
        _ => name,
    }
}

/// Orders names segment by segment, ignoring case first (so `Expenses`
/// sorts among the `e`s and parents come right before their children), then
/// by exact spelling.
pub fn cmp_names(a: &str, b: &str) -> Ordering {
    let folded = |name: &str| name.split(':').map(str::to_lowercase).collect::<Vec<_>>();
    folded(a)
        .cmp(&folded(b))
        .then_with(|| a.split(':').cmp(b.split(':')))
}

/// Every ancestor of a name, shortest first, excluding the name itself.
pub fn ancestors(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices(':').map(move |(i, _)| &name[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_names_and_finds_types() {
        assert_eq!(
            validate_account_name("assets:bank:eur").unwrap(),
            AccountType::Assets
        );
        assert_eq!(
            validate_account_name("Expenses:Grants:Housing").unwrap(),
            AccountType::Expenses
        );
        assert_eq!(
            validate_account_name("income:donaciones:niños").unwrap(),
            AccountType::Income
        );
    }

    #[test]
    fn refuses_bad_names() {
        for bad in [
            "",
            ":assets",
            "assets:",
            "assets::bank",
            "stuff:x",
            "assets: bank",
            "assets:a=b",
            "assets:\u{7}",
        ] {
            assert!(validate_account_name(bad).is_err(), "{bad:?}");
        }
        let deep = vec!["assets"; 17].join(":");
        assert!(validate_account_name(&deep).is_err());
    }

    #[test]
    fn prefixes_match_whole_segments() {
        assert!(under_prefix("assets:bank:eur", "assets:bank"));
        assert!(under_prefix("assets:bank:eur", "Assets:Bank:"));
        assert!(under_prefix("assets:bank", "assets:bank"));
        assert!(!under_prefix("assets:banking", "assets:bank"));
        assert!(!under_prefix("assets", "assets:bank"));
    }

    #[test]
    fn truncates_and_orders() {
        assert_eq!(truncate("a:b:c", 1), "a");
        assert_eq!(truncate("a:b:c", 2), "a:b");
        assert_eq!(truncate("a:b:c", 5), "a:b:c");
        assert_eq!(cmp_names("assets:bank", "assets-x"), Ordering::Less);
        assert_eq!(cmp_names("assets:x", "Expenses:a"), Ordering::Less);
        assert_eq!(cmp_names("Expenses:b", "expenses:c"), Ordering::Less);
        assert_eq!(ancestors("a:b:c").collect::<Vec<_>>(), ["a", "a:b"]);
    }
}
