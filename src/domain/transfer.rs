//! Transfers between funds: the transfer id, the reserved accounts and the
//! shape of a transfer's transaction (docs/design/federation.md).
//!
//! Rule: a transfer is only ever written in the designed shape, and read
//! back from it alone: [`read`] tells a transfer's facts from its
//! transaction, or why the transaction is not of that shape, so the list,
//! `verify` and the bundle all say the same.

use rust_decimal::Decimal;

use crate::domain::account::conversion_account;
use crate::domain::money::Commodity;
use crate::domain::txn::Posting;
use crate::error::{Error, NextStep, Result, TransferRefusal};

/// Where money sent to another fund is charged (reserved).
pub const SENT_ACCOUNT: &str = "expenses:transfers";
/// Where money received from another fund is credited (reserved).
pub const RECEIVED_ACCOUNT: &str = "income:transfers";

/// The memo of a receipt's `income:transfers` posting that funds a grant.
const GRANT_MEMO: &str = "grant ";

/// True for the accounts only `fondo transfer` may post to: the reserved
/// names under Unicode lower-casing. An ASCII name is compared in place (a
/// bundle's derive asks this of every posting of the period); only another
/// name is lower-cased into a new string.
pub fn is_reserved(account: &str) -> bool {
    if account.is_ascii() {
        return account.eq_ignore_ascii_case(SENT_ACCOUNT)
            || account.eq_ignore_ascii_case(RECEIVED_ACCOUNT);
    }
    let lower = account.to_lowercase();
    lower == SENT_ACCOUNT || lower == RECEIVED_ACCOUNT
}

/// Refuses a posting to a reserved transfer account.
pub fn refuse_reserved(account: &str) -> Result<()> {
    if is_reserved(account) {
        return Err(Error::Blocked {
            problem: format!("{account} is reserved for transfers between funds"),
            next: NextStep::Transfer,
        });
    }
    Ok(())
}

/// True for a fund id: 32 lower-case hexadecimal digits.
pub fn is_fund_id(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Refuses text that is not a fund id.
pub fn check_fund_id(text: &str) -> Result<()> {
    if is_fund_id(text) {
        Ok(())
    } else {
        Err(Error::Blocked {
            problem: format!(
                "{text:?} is not a fund id: a fund id is 32 lower-case hexadecimal digits"
            ),
            next: NextStep::FundId,
        })
    }
}

/// The id of the `n`-th transfer a fund sends: `<fund id>-<n>`.
pub fn transfer_id(fund: &str, n: u64) -> String {
    format!("{fund}-{n}")
}

/// Splits a transfer id into the sender's fund id and the number `n ≥ 1`.
pub fn parse_transfer_id(id: &str) -> Result<(&str, u64)> {
    let refuse = || Error::from(TransferRefusal::NotTransferId { id: id.to_owned() });
    let (fund, n) = id.split_once('-').ok_or_else(refuse)?;
    if !is_fund_id(fund)
        || n.is_empty()
        || n.starts_with('0')
        || !n.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(refuse());
    }
    let n = n.parse().map_err(|_| refuse())?;
    Ok((fund, n))
}

/// The description of a send.
pub fn sent_description(id: &str, to_fund: &str) -> String {
    format!("transfer {id} to fund {to_fund}")
}

/// The description of a receipt (an exchange's rate is added after it).
pub fn received_description(id: &str, from_fund: &str) -> String {
    format!("transfer {id} from fund {from_fund}")
}

/// A send's postings: `expenses:transfers +amount (pool, memo)`, `from
/// -amount`.
pub fn send_postings(
    from: &str,
    commodity: &Commodity,
    amount: i64,
    pool: Option<String>,
    memo: Option<String>,
) -> Vec<Posting> {
    let charged = Posting::leg(SENT_ACCOUNT, commodity, amount, &pool).with_memo(memo);
    vec![charged, Posting::leg(from, commodity, -amount, &None)]
}

/// What arrived and, when in another currency, what the sender sent.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub into: String,
    pub amount: i64,
    pub commodity: Commodity,
    /// What the sender sent, in another commodity than `commodity`.
    pub sent: Option<(i64, Commodity)>,
    pub pool: Option<String>,
    /// The label of the grant it funds (`G-0001`).
    pub grant: Option<String>,
}

/// A receipt's postings. In one currency: `into +amount`,
/// `income:transfers -amount (pool)`; in another, as an exchange is
/// recorded: `income:transfers -sent`, `equity:conversions:SENT +sent`,
/// `equity:conversions:CODE -amount` (all of the pool), `into +amount`.
pub fn receive_postings(receipt: &Receipt) -> Vec<Posting> {
    let income = |commodity: &Commodity, amount: i64| {
        Posting::leg(RECEIVED_ACCOUNT, commodity, -amount, &receipt.pool)
            .with_memo(receipt.grant.as_ref().map(|g| format!("{GRANT_MEMO}{g}")))
    };
    let arrived = Posting::leg(&receipt.into, &receipt.commodity, receipt.amount, &None);
    match &receipt.sent {
        None => vec![arrived, income(&receipt.commodity, receipt.amount)],
        Some((sent, code)) => vec![
            income(code, *sent),
            Posting::leg(&conversion_account(code.code()), code, *sent, &receipt.pool),
            Posting::leg(
                &conversion_account(receipt.commodity.code()),
                &receipt.commodity,
                -receipt.amount,
                &receipt.pool,
            ),
            arrived,
        ],
    }
}

/// Which way a transfer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Sent => "sent",
            Direction::Received => "received",
        }
    }
}

/// A transfer as its transaction states it (the columns of transfers.csv
/// but the transaction's own: txn, date, voided_by).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub direction: Direction,
    pub transfer_id: String,
    pub counterpart_fund: String,
    pub amount: i64,
    pub commodity: Commodity,
    /// Received only: what the sender sent (= the amount in one currency).
    pub sent: Option<(i64, Commodity)>,
    /// Received in another currency only: amount / sent amount, exact.
    pub rate: Option<String>,
    pub pool: Option<String>,
    pub grant: Option<String>,
}

/// The exact quotient `to / from` of two amounts, normalized.
pub fn exact_rate(
    from: i64,
    from_commodity: &Commodity,
    to: i64,
    to_commodity: &Commodity,
) -> String {
    let from = Decimal::new(from, from_commodity.decimals());
    let to = Decimal::new(to, to_commodity.decimals());
    to.checked_div(from)
        .map_or_else(|| "?".to_owned(), |q| q.normalize().to_string())
}

fn same_posting(a: &Posting, b: &Posting) -> bool {
    a.account() == b.account()
        && a.commodity() == b.commodity()
        && a.amount() == b.amount()
        && a.memo() == b.memo()
        && a.pool() == b.pool()
}

/// The transfer a transaction records: `None` when none of its postings is
/// on a reserved account (or it is a void, `reverses`), else its facts, or
/// why it is not of the designed shape.
pub fn read(
    description: &str,
    payee: Option<&str>,
    reference: Option<&str>,
    reverses: bool,
    postings: &[Posting],
) -> Option<std::result::Result<Facts, String>> {
    if reverses || !postings.iter().any(|p| is_reserved(p.account())) {
        return None;
    }
    Some(shape(description, payee, reference, postings))
}

fn shape(
    description: &str,
    payee: Option<&str>,
    reference: Option<&str>,
    postings: &[Posting],
) -> std::result::Result<Facts, String> {
    let id = reference.ok_or("it has no transfer id as its reference")?;
    let (sender, _) =
        parse_transfer_id(id).map_err(|_| format!("its reference {id:?} is not a transfer id"))?;
    let counterpart = payee.ok_or("it names no other fund as its payee")?;
    if !is_fund_id(counterpart) {
        return Err(format!("its payee {counterpart:?} is not a fund id"));
    }
    let sent = postings.first().filter(|p| p.account() == SENT_ACCOUNT);
    let facts = if let Some(charged) = sent {
        let [_, from] = postings else {
            return Err("a send has two postings".into());
        };
        let expected = send_postings(
            from.account(),
            charged.commodity(),
            charged.amount(),
            charged.pool().map(str::to_owned),
            charged.memo().map(str::to_owned),
        );
        if charged.amount() <= 0 || !same_posting(&expected[1], from) {
            return Err("its postings are not those of a send".into());
        }
        if description != sent_description(id, counterpart) {
            return Err(format!(
                "its description is not {:?}",
                sent_description(id, counterpart)
            ));
        }
        Facts {
            direction: Direction::Sent,
            transfer_id: id.to_owned(),
            counterpart_fund: counterpart.to_owned(),
            amount: charged.amount(),
            commodity: charged.commodity().clone(),
            sent: None,
            rate: None,
            pool: charged.pool().map(str::to_owned),
            grant: None,
        }
    } else {
        if sender != counterpart {
            return Err(format!(
                "its transfer id {id} is not of its payee's fund {counterpart}"
            ));
        }
        let receipt = receipt_of(postings).ok_or("its postings are not those of a receipt")?;
        if receive_postings(&receipt)
            .iter()
            .zip(postings)
            .any(|(a, b)| !same_posting(a, b))
            || receive_postings(&receipt).len() != postings.len()
        {
            return Err("its postings are not those of a receipt".into());
        }
        let base = received_description(id, counterpart);
        let rate = receipt
            .sent
            .as_ref()
            .map(|(sent, code)| exact_rate(*sent, code, receipt.amount, &receipt.commodity));
        let described = match &receipt.sent {
            None => description == base,
            Some(_) => description
                .strip_prefix(&base)
                .is_some_and(|rest| rest.starts_with(" at ")),
        };
        if !described {
            return Err(format!("its description does not start {base:?}"));
        }
        Facts {
            direction: Direction::Received,
            transfer_id: id.to_owned(),
            counterpart_fund: counterpart.to_owned(),
            amount: receipt.amount,
            commodity: receipt.commodity.clone(),
            sent: Some(
                receipt
                    .sent
                    .clone()
                    .unwrap_or((receipt.amount, receipt.commodity.clone())),
            ),
            rate,
            pool: receipt.pool,
            grant: receipt.grant,
        }
    };
    Ok(facts)
}

/// The receipt a receipt's postings would be made from (checked by
/// rebuilding them).
fn receipt_of(postings: &[Posting]) -> Option<Receipt> {
    let grant = |income: &Posting| match &income.memo() {
        None => Some(None),
        Some(memo) => memo.strip_prefix(GRANT_MEMO).map(|g| Some(g.to_owned())),
    };
    match postings {
        [arrived, income] if income.account() == RECEIVED_ACCOUNT => Some(Receipt {
            into: arrived.account().to_owned(),
            amount: arrived.amount(),
            commodity: arrived.commodity().clone(),
            sent: None,
            pool: income.pool().map(str::to_owned),
            grant: grant(income)?,
        }),
        [income, _, _, arrived] if income.account() == RECEIVED_ACCOUNT => Some(Receipt {
            into: arrived.account().to_owned(),
            amount: arrived.amount(),
            commodity: arrived.commodity().clone(),
            sent: Some((-income.amount(), income.commodity().clone())),
            pool: income.pool().map(str::to_owned),
            grant: grant(income)?,
        }),
        _ => None,
    }
    .filter(|r| {
        r.amount > 0
            && r.sent
                .as_ref()
                .is_none_or(|(a, c)| *a > 0 && *c != r.commodity)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &str = "0123456789abcdef0123456789abcdef";
    const G: &str = "fedcba9876543210fedcba9876543210";

    fn usd() -> Commodity {
        Commodity::stored("USD".into(), 2)
    }

    fn mxn() -> Commodity {
        Commodity::stored("MXN".into(), 2)
    }

    #[test]
    fn transfer_ids_parse_back() {
        let id = transfer_id(F, 12);
        assert_eq!(parse_transfer_id(&id).unwrap(), (F, 12));
        for bad in [
            "",
            F,
            "0123-1",
            &format!("{F}-"),
            &format!("{F}-0"),
            &format!("{F}-01"),
            &format!("{F}-1a"),
            &format!("{}-1", F.to_uppercase()),
        ] {
            assert!(parse_transfer_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reserved_accounts_are_matched_without_case() {
        assert!(is_reserved("Income:Transfers"));
        assert!(is_reserved("expenses:transfers"));
        assert!(!is_reserved("expenses:transfers:bank"));
        assert!(refuse_reserved("income:contributions").is_ok());
        // Lower-casing that leaves ASCII: the dotted İ becomes i and a
        // combining dot, so it is no reserved name.
        assert!(!is_reserved("İncome:transfers"));
    }

    proptest::proptest! {
        /// The ASCII shortcut says what Unicode lower-casing says, for
        /// names near the reserved ones in any case, with letters whose
        /// lower case is ASCII (the Kelvin sign) or longer (İ) mixed in.
        #[test]
        fn reserved_is_the_unicode_lower_case_comparison(
            name in "(expenses|income|EXPENSES|Income|İncome|eXpenses)(:|;)(transfers|TRANSFERS|Transfers|tranſfers|\u{212A}|[a-zA-Z\u{130}\u{212A}]{0,3})",
        ) {
            let lower = name.to_lowercase();
            proptest::prop_assert_eq!(
                is_reserved(&name),
                lower == SENT_ACCOUNT || lower == RECEIVED_ACCOUNT
            );
        }
    }

    #[test]
    fn sends_and_receipts_read_back() {
        let id = transfer_id(F, 1);
        let send = send_postings("assets:bank", &usd(), 4000, Some("housing".into()), None);
        let facts = read(&sent_description(&id, G), Some(G), Some(&id), false, &send)
            .unwrap()
            .unwrap();
        assert_eq!((facts.direction, facts.amount), (Direction::Sent, 4000));
        let receipt = Receipt {
            into: "assets:bank".into(),
            amount: 68000,
            commodity: mxn(),
            sent: Some((4000, usd())),
            pool: None,
            grant: Some("G-0001".into()),
        };
        let postings = receive_postings(&receipt);
        let description = format!("{} at 17 MXN per USD", received_description(&id, F));
        let facts = read(&description, Some(F), Some(&id), false, &postings)
            .unwrap()
            .unwrap();
        assert_eq!(facts.rate.as_deref(), Some("17"));
        assert_eq!(facts.grant.as_deref(), Some("G-0001"));
        assert!(read(&description, Some(F), Some(&id), true, &postings).is_none());
        assert!(
            read(&description, Some(G), Some(&id), false, &postings)
                .unwrap()
                .is_err()
        );
        let mut hand = postings.clone();
        let p = &hand[2];
        hand[2] = Posting::new(p.account(), p.commodity().clone(), p.amount() - 1)
            .unwrap()
            .with_memo(p.memo().map(str::to_owned));
        assert!(
            read(&description, Some(F), Some(&id), false, &hand)
                .unwrap()
                .is_err()
        );
    }
}
