//! What the map names, resolved and checked before any row is read: the
//! statement's account, each rule's pool, member and account, the default
//! pool, and the accounts the rows will post to (created when missing).
//!
//! Rule: a map that names something that cannot be (an unknown pool or
//! member, an account of the wrong type, a reserved account) is refused
//! here, as a map error, before the first row; nothing a row says is read.

use std::path::Path;

use crate::books::members::member;
use crate::domain::account::{AccountType, CONTRIBUTIONS_INCOME, validate_account_name};
use crate::domain::bankmap::{Action, BankMap};
use crate::domain::ids::MemberId;
use crate::error::{Error, Result};
use crate::ops::Book;
use crate::store::WriteTx;
use crate::store::accounts::StoredAccount;

/// A rule's targets, resolved before any row is read.
#[derive(Default, Clone)]
pub(super) struct Target {
    pub(super) pool: Option<String>,
    pub(super) member: Option<MemberId>,
    pub(super) account: Option<String>,
}

/// Everything the map names, resolved.
pub(super) struct Targets {
    /// The statement's own account (`defaults.account`), an assets account.
    pub(super) into: StoredAccount,
    /// Each rule's targets, in the map's order.
    pub(super) rules: Vec<Target>,
    /// The pool of contributions whose rule names none (`defaults.pool`).
    pub(super) default_pool: Option<String>,
}

/// The map's error about `map_path`.
pub(super) fn map_error(map_path: &Path, reason: String) -> Error {
    Error::Map {
        path: map_path.display().to_string(),
        reason,
    }
}

impl Targets {
    /// Resolves what `map` names, creating the accounts the rows will post
    /// to that are missing (each one created is added to `created`); `fees`
    /// says whether the file has fee columns.
    pub(super) fn resolve(
        tx: &WriteTx<'_>,
        book: &mut Book,
        map: &BankMap,
        map_path: &Path,
        fees: bool,
        created: &mut Vec<String>,
    ) -> Result<Targets> {
        let map_error = |reason: String| map_error(map_path, reason);
        let into = book
            .account(&map.defaults.account)
            .map_err(|e| map_error(format!("defaults.account: {e}")))?
            .clone();
        if validate_account_name(&into.name)? != AccountType::Assets {
            return Err(map_error(format!(
                "defaults.account {} is not an assets account",
                into.name
            )));
        }
        let mut needed: Vec<String> = vec![CONTRIBUTIONS_INCOME.to_owned()];
        if fees || map.rules.iter().any(|r| r.action() == Action::Fee) {
            needed.push(map.defaults.fee_account.clone());
        }
        for name in [&map.defaults.fee_account, &map.defaults.suspense] {
            crate::domain::transfer::refuse_reserved(name).map_err(|e| map_error(e.to_string()))?;
        }
        let mut rules = Vec::new();
        for (i, rule) in map.rules.iter().enumerate() {
            let fail = |e: Error| map_error(format!("rule {}: {e}", i + 1));
            let pool = rule
                .pool
                .as_deref()
                .map(|p| book.pool(p))
                .transpose()
                .map_err(fail)?
                .and_then(|(name, id)| id.map(|_| name));
            let member = rule
                .member
                .as_deref()
                .map(|m| member(tx, m).map(|m| m.id))
                .transpose()
                .map_err(fail)?;
            let account = match (rule.action(), &rule.account) {
                (Action::Expense, Some(name)) => {
                    if validate_account_name(name).map_err(fail)? != AccountType::Expenses {
                        return Err(map_error(format!(
                            "rule {}: {name} is not an expenses account",
                            i + 1
                        )));
                    }
                    needed.push(name.clone());
                    Some(name.clone())
                }
                (Action::Exchange, Some(name)) => {
                    let own = book.account(name).map_err(fail)?;
                    if validate_account_name(&own.name).map_err(fail)? != AccountType::Assets
                        || own.name == into.name
                    {
                        return Err(map_error(format!(
                            "rule {}: an exchange goes to another of the fund's assets accounts, not {name}",
                            i + 1
                        )));
                    }
                    Some(own.name.clone())
                }
                (Action::Transfer, Some(name)) => {
                    let own = book.account(name).map_err(fail)?;
                    if !matches!(
                        validate_account_name(&own.name),
                        Ok(AccountType::Assets | AccountType::Liabilities)
                    ) || own.name == into.name
                    {
                        return Err(map_error(format!(
                            "rule {}: a transfer goes to another of the fund's assets or liabilities accounts, not {name}",
                            i + 1
                        )));
                    }
                    Some(own.name.clone())
                }
                (Action::Post, Some(name)) => {
                    validate_account_name(name).map_err(fail)?;
                    needed.push(name.clone());
                    Some(name.clone())
                }
                (Action::Fee, Some(name)) => {
                    needed.push(name.clone());
                    Some(name.clone())
                }
                _ => None,
            };
            if let Some(name) = &account {
                crate::domain::transfer::refuse_reserved(name).map_err(fail)?;
            }
            rules.push(Target {
                pool,
                member,
                account,
            });
        }
        for account in needed {
            if book.account_or_create(tx, &account, &tx.recorded_at())?.1
                && !created.contains(&account)
            {
                created.push(account);
            }
        }
        let default_pool = map
            .defaults
            .pool
            .as_deref()
            .map(|p| book.pool(p))
            .transpose()
            .map_err(|e| map_error(format!("defaults.pool: {e}")))?
            .and_then(|(name, id)| id.map(|_| name));
        Ok(Targets {
            into,
            rules,
            default_pool,
        })
    }
}
