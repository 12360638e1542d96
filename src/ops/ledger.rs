//! Posting balanced transactions and voiding them.

use chrono::NaiveDate;

use crate::domain::account::{AccountType, validate_account_name};
use crate::domain::ids::TxnId;
use crate::domain::money::{Commodity, parse_decimal, to_minor};
use crate::domain::txn::{DraftPosting, Transaction, fill_elided};
use crate::error::{Error, LedgerRefusal, Needed, NextStep, Result, SqlContext};
use crate::ops::{Book, NewCommodity, post_one};
use crate::store::accounts::StoredAccount;
use crate::store::txns;
use crate::store::{Db, fund};

/// An amount as the user wrote it: a number and, optionally, a commodity
/// (the fund's default currency when left out).
#[derive(Debug, Clone)]
pub struct AmountInput {
    pub number: String,
    pub commodity: Option<String>,
}

/// One posting of a request; `amount: None` asks fondo to fill in the
/// balancing amount.
#[derive(Debug, Clone)]
pub struct PostingInput {
    pub account: String,
    pub amount: Option<AmountInput>,
    pub memo: Option<String>,
}

/// A transaction to post.
#[derive(Debug, Clone)]
pub struct PostRequest {
    pub date: NaiveDate,
    pub description: String,
    pub payee: Option<String>,
    pub reference: Option<String>,
    pub postings: Vec<PostingInput>,
    /// The pool its income, expense and equity postings belong to (the
    /// general pool when None).
    pub pool: Option<String>,
}

/// The outcome of a post or void.
#[derive(Debug, Clone)]
pub struct Posted {
    pub id: TxnId,
    pub hash: String,
    /// Well-known currencies declared on the way.
    pub declared: Vec<String>,
}

/// Refuses a posting to an account closed before `date`.
pub(crate) fn check_open(account: &StoredAccount, date: NaiveDate) -> Result<()> {
    match account.closed_on {
        Some(closed_on) if closed_on < date => Err(Error::ClosedAccount {
            name: account.name.clone(),
            closed_on,
            date,
        }),
        _ => Ok(()),
    }
}

/// Posts a balanced transaction. Accounts must exist and be open on the date;
/// commodities must be declared or well-known currencies.
pub fn post(db: &mut Db, request: PostRequest) -> Result<Posted> {
    let tx = db.write()?;
    let mut book = Book::load(&tx)?;
    let default_currency = fund::get(&tx)?.and_then(|f| f.currency);
    let mut declared = Vec::new();
    // The pool's stored name; None for the general pool.
    let pool = match &request.pool {
        Some(name) => {
            let (stored, id) = book.pool(name)?;
            id.map(|_| stored)
        }
        None => None,
    };
    let mut drafts = Vec::with_capacity(request.postings.len());
    for input in request.postings {
        crate::domain::transfer::refuse_reserved(&input.account)?;
        let amount = match input.amount {
            None => None,
            Some(AmountInput { number, commodity }) => {
                let code = commodity.or_else(|| default_currency.clone()).ok_or_else(|| Error::Amount {
                    input: number.clone(),
                    reason: "no commodity given and the fund has no default currency; write e.g. \"250.00 USD\"".into(),
                })?;
                let (stored, new) = book.commodity(&tx, &code, NewCommodity::Known)?;
                if new {
                    declared.push(code);
                }
                let commodity: Commodity = stored.commodity.clone();
                let minor = to_minor(parse_decimal(&number)?, &commodity, &number)?;
                Some((commodity, minor))
            }
        };
        let pooled = matches!(
            validate_account_name(&input.account),
            Ok(AccountType::Income | AccountType::Expenses | AccountType::Equity)
        );
        drafts.push(DraftPosting {
            pool: pool.clone().filter(|_| pooled),
            account: input.account,
            amount,
            memo: input.memo,
        });
    }
    if pool.is_some() && drafts.iter().all(|d| d.pool.is_none()) {
        return Err(LedgerRefusal::PoolWithoutPooled.into());
    }
    let postings = fill_elided(drafts)?;
    let txn = Transaction::new(
        request.date,
        request.description,
        request.payee,
        request.reference,
        postings,
    )?;
    let (id, hash) = post_one(&tx, &book, &txn, None)?;
    tx.commit().ctx("committing the transaction")?;
    Ok(Posted { id, hash, declared })
}

/// Voids transaction `id` by posting its reversal, dated `date`, linked to
/// it. Refused for a transaction already voided, for a void itself, and for
/// a date before the original's.
/// Refuses to void a grant's tranche or the return recorded at its closure:
/// the grant's records would still count the money as paid or returned.
fn refuse_grant_money(conn: &rusqlite::Connection, id: TxnId) -> Result<()> {
    use crate::books::grants;
    for grant_id in grants::ids(conn)? {
        let g = grants::load(conn, grant_id)?;
        let label = g.id.to_string();
        if g.payments.iter().any(|p| p.txn == Some(id)) {
            return Err(Error::Blocked {
                problem: format!(
                    "transaction {id} is a tranche of {label}, and the grant's records count it as paid"
                ),
                next: NextStep::ReturnOnClose { grant: label },
            });
        }
        if g.return_txn == Some(id) {
            return Err(LedgerRefusal::VoidsReturn {
                txn: id,
                grant: label,
            }
            .into());
        }
    }
    Ok(())
}

pub fn void(db: &mut Db, id: TxnId, reason: &str, date: NaiveDate) -> Result<Posted> {
    if reason.trim().is_empty() {
        return Err(Error::Missing {
            what: "a void",
            needs: Needed::Reason,
            of: None,
            so: None,
        });
    }
    let tx = db.write()?;
    let original = txns::get(&tx, id)?.ok_or(Error::UnknownTransaction { id })?;
    if let Some(by) = original.reversed_by {
        return Err(Error::AlreadyVoided { id, by });
    }
    if let Some(of) = original.reverses {
        return Err(Error::VoidOfVoid { id, original: of });
    }
    refuse_grant_money(&tx, id)?;
    if date < original.txn.date() {
        return Err(LedgerRefusal::VoidBeforeOriginal {
            date,
            original: original.txn.date(),
        }
        .into());
    }
    let reversal = original
        .txn
        .reversal(date, format!("void of transaction {id}: {}", reason.trim()))?;
    let book = Book::load(&tx)?;
    let (new_id, hash) = post_one(&tx, &book, &reversal, Some((id, &original.hash)))?;
    tx.commit().ctx("committing the void")?;
    Ok(Posted {
        id: new_id,
        hash,
        declared: Vec::new(),
    })
}
