//! `fondo post` and `fondo void`.

use std::path::Path;

use crate::cli::PostArgs;
use crate::commands::Result;
use crate::commands::{Outcome, date_or_today, note, open, say};
use fondo::error::Error;
use fondo::ops::ledger::{self, AmountInput, PostRequest, PostingInput};
use fondo::store::Access;

/// Parses `ACCOUNT=AMOUNT COMMODITY`, `ACCOUNT=AMOUNT` or `ACCOUNT`.
fn posting(text: &str) -> Result<PostingInput> {
    let Some((account, amount)) = text.split_once('=') else {
        return Ok(PostingInput {
            account: text.trim().to_owned(),
            amount: None,
            memo: None,
        });
    };
    let words: Vec<&str> = amount.split_whitespace().collect();
    let amount = match words.as_slice() {
        [number] => AmountInput {
            number: (*number).to_owned(),
            commodity: None,
        },
        [number, commodity] => AmountInput {
            number: (*number).to_owned(),
            commodity: Some((*commodity).to_owned()),
        },
        _ => {
            return Err(Error::Amount {
                input: amount.to_owned(),
                reason: format!(
                    "in posting {text:?}: write the amount as number then commodity, e.g. \"{}=250.00 USD\"",
                    account.trim()
                ),
            }.into());
        }
    };
    Ok(PostingInput {
        account: account.trim().to_owned(),
        amount: Some(amount),
        memo: None,
    })
}

pub fn post(path: &Path, args: PostArgs) -> Result<Outcome> {
    let request = PostRequest {
        date: date_or_today(args.date.as_deref())?,
        description: args.description,
        payee: args.payee,
        reference: args.reference,
        pool: args.pool,
        postings: args
            .postings
            .iter()
            .map(|p| posting(p))
            .collect::<Result<_>>()?,
    };
    let posted = ledger::post(&mut open(path, Access::Write)?, request)?;
    say(&[posted.id.to_string()])?;
    for code in posted.declared {
        note(&format!("declared well-known currency {code}"));
    }
    Ok(Outcome::Ok)
}

pub fn void(path: &Path, txn: i64, reason: &str, date: Option<&str>) -> Result<Outcome> {
    let date = date_or_today(date)?;
    let txn = fondo::domain::ids::TxnId::new(txn);
    let posted = ledger::void(&mut open(path, Access::Write)?, txn, reason, date)?;
    say(&[posted.id.to_string()])?;
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_posting_arguments() {
        let p = posting("expenses:grants:housing=250.00 USD").unwrap();
        assert_eq!(p.account, "expenses:grants:housing");
        let amount = p.amount.unwrap();
        assert_eq!(
            (amount.number.as_str(), amount.commodity.as_deref()),
            ("250.00", Some("USD"))
        );
        let p = posting("assets:bank=12").unwrap();
        assert_eq!(p.amount.unwrap().commodity, None);
        assert!(posting("assets:bank").unwrap().amount.is_none());
        assert!(posting("assets:bank=1 USD extra").is_err());
        assert!(posting("assets:bank=").is_err());
    }
}
