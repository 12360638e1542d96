//! The hash chain over transactions.
//!
//! Each transaction's hash is the SHA-256 (lower-case hex) of a canonical
//! form of its content together with the previous transaction's hash, so that
//! changing, removing or reordering any transaction changes every later hash
//! and the head hash (the fund's fingerprint). The canonical form is the
//! compact JSON array (as written by `serde_json`, and by Python's
//! `json.dumps(v, ensure_ascii=False, separators=(",", ":"))`):
//!
//! ```text
//! ["fondo-txn-v1", PREV_HASH, DATE, DESCRIPTION, PAYEE, REFERENCE, REVERSES_HASH,
//!  [[ACCOUNT, COMMODITY, AMOUNT, MEMO, POOL], ...]]
//! ```
//!
//! Missing text is `""` (also the POOL of postings in the general pool); `REVERSES_HASH` is the hash of the transaction a void
//! reverses, or `""`; amounts have exactly the commodity's decimal places
//! (`-1234.50`); postings are in their recorded order. The first
//! transaction's previous hash is [`GENESIS`]. `docs/hash-chain.md` is the
//! auditor-facing description of the same thing.
//!
//! Books written before pools existed (schema version 1) hashed postings
//! without the POOL element (`[ACCOUNT, COMMODITY, AMOUNT, MEMO]`, same
//! version tag), and their stored hashes were kept through the upgrade. So a
//! transaction none of whose postings has a pool is also valid in that
//! [`Form::PrePool`]: [`recorded_form`] tells which form a stored hash was
//! made in. Both forms commit to the same fields (an absent pool and the
//! general pool's `""` say the same), so accepting either weakens nothing.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::date::iso;
use crate::domain::money::format_minor;
use crate::domain::txn::Transaction;

/// The previous hash of the first transaction, and the fingerprint of an
/// empty ledger.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const VERSION: &str = "fondo-txn-v1";

#[derive(Serialize)]
struct Canonical<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [CanonicalPosting<'a>],
);

/// One posting in canonical form: account, commodity code, amount written
/// with exactly the commodity's places, memo, pool (`""` for the general
/// pool).
pub type CanonicalPosting<'a> = (&'a str, &'a str, String, &'a str, &'a str);

/// The canonical form a transaction was hashed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Postings as `[ACCOUNT, COMMODITY, AMOUNT, MEMO, POOL]`.
    Current,
    /// Postings as `[ACCOUNT, COMMODITY, AMOUNT, MEMO]`: books written
    /// before pools existed; only for transactions without pools.
    PrePool,
}

/// The fields a transaction's hash covers, as stored text. `verify` builds
/// this from raw rows (which may be tampered and unbalanced); posting code
/// builds it from a [`Transaction`] through [`txn_hash`].
#[derive(Debug, Clone)]
pub struct Content<'a> {
    pub date: &'a str,
    pub description: &'a str,
    pub payee: &'a str,
    pub reference: &'a str,
    pub reverses: &'a str,
    pub postings: Vec<CanonicalPosting<'a>>,
}

/// The canonical text that is hashed.
pub fn canonical(prev: &str, content: Content<'_>) -> String {
    current_text(prev, &content)
}

fn current_text(prev: &str, content: &Content<'_>) -> String {
    let value = Canonical(
        VERSION,
        prev,
        content.date,
        content.description,
        content.payee,
        content.reference,
        content.reverses,
        &content.postings,
    );
    serde_json::to_string(&value).expect("serializing strings and tuples cannot fail")
}

/// SHA-256 of the canonical text, lower-case hex.
pub fn content_hash(prev: &str, content: Content<'_>) -> String {
    hex(&Sha256::digest(canonical(prev, content).as_bytes()))
}

/// The hash of `content` in `form`; `None` for [`Form::PrePool`] when a
/// posting has a pool (that form cannot express it).
pub fn hash_in(form: Form, prev: &str, content: &Content<'_>) -> Option<String> {
    match form {
        Form::Current => Some(hex(&Sha256::digest(current_text(prev, content).as_bytes()))),
        Form::PrePool => {
            if content.postings.iter().any(|p| !p.4.is_empty()) {
                return None;
            }
            let postings: Vec<(&str, &str, &str, &str)> = content
                .postings
                .iter()
                .map(|p| (p.0, p.1, p.2.as_str(), p.3))
                .collect();
            let value = (
                VERSION,
                prev,
                content.date,
                content.description,
                content.payee,
                content.reference,
                content.reverses,
                postings,
            );
            let text =
                serde_json::to_string(&value).expect("serializing strings and tuples cannot fail");
            Some(hex(&Sha256::digest(text.as_bytes())))
        }
    }
}

/// The form `stored` was made in from `content` after `prev`, and the hash
/// in that form: [`Form::PrePool`] when only that form gives `stored`, else
/// [`Form::Current`] (also when neither does: the content was changed).
pub fn recorded_form(prev: &str, content: &Content<'_>, stored: &str) -> (Form, String) {
    let current = hash_in(Form::Current, prev, content).expect("the current form has every field");
    if current != stored
        && let Some(old) = hash_in(Form::PrePool, prev, content).filter(|old| old == stored)
    {
        return (Form::PrePool, old);
    }
    (Form::Current, current)
}

/// The hash of a transaction chained after `prev`; `reverses` is the hash of
/// the transaction it voids.
pub fn txn_hash(prev: &str, txn: &Transaction, reverses: Option<&str>) -> String {
    txn_hash_in(Form::Current, prev, txn, reverses).expect("the current form has every field")
}

/// [`txn_hash`] in another form (see [`hash_in`]).
pub fn txn_hash_in(
    form: Form,
    prev: &str,
    txn: &Transaction,
    reverses: Option<&str>,
) -> Option<String> {
    let date = iso(txn.date());
    let content = Content {
        date: &date,
        description: txn.description(),
        payee: txn.payee().unwrap_or(""),
        reference: txn.reference().unwrap_or(""),
        reverses: reverses.unwrap_or(""),
        postings: txn
            .postings()
            .iter()
            .map(|p| {
                (
                    p.account.as_str(),
                    p.commodity.code.as_str(),
                    format_minor(i128::from(p.amount), p.commodity.decimals),
                    p.memo.as_deref().unwrap_or(""),
                    p.pool.as_deref().unwrap_or(""),
                )
            })
            .collect(),
    };
    hash_in(form, prev, &content)
}

/// The hash of a governance record chained after `prev`: SHA-256 of the
/// compact JSON array `["fondo-record-v1", PREV, KIND, GRANT, AT, PAYLOAD]`,
/// GRANT a number or null, PAYLOAD the record's JSON object.
pub fn record_hash(
    prev: &str,
    kind: &str,
    grant: Option<i64>,
    at: &str,
    payload: &serde_json::Value,
) -> String {
    let canonical = serde_json::to_string(&("fondo-record-v1", prev, kind, grant, at, payload))
        .expect("serializing strings and JSON values cannot fail");
    hex(&Sha256::digest(canonical.as_bytes()))
}

/// Bytes (a digest) as lower-case hexadecimal digits.
pub fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Commodity;
    use crate::domain::txn::Posting;
    use chrono::NaiveDate;

    fn txn(description: &str) -> Transaction {
        let usd = Commodity {
            code: "USD".into(),
            decimals: 2,
        };
        Transaction::new(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            description.into(),
            Some("Ana \"A\"".into()),
            None,
            vec![
                Posting {
                    account: "expenses:grants:housing".into(),
                    commodity: usd.clone(),
                    amount: 25000,
                    memo: Some("línea 1".into()),
                    pool: None,
                },
                Posting {
                    account: "assets:bank:usd".into(),
                    commodity: usd,
                    amount: -25000,
                    memo: None,
                    pool: None,
                },
            ],
        )
        .unwrap()
    }

    fn rent_content() -> Content<'static> {
        Content {
            date: "2026-03-01",
            description: "Rent relief",
            payee: "Ana \"A\"",
            reference: "",
            reverses: "",
            postings: vec![
                (
                    "expenses:grants:housing",
                    "USD",
                    "250.00".into(),
                    "línea 1",
                    "",
                ),
                ("assets:bank:usd", "USD", "-250.00".into(), "", ""),
            ],
        }
    }

    #[test]
    fn canonical_form_is_documented_json() {
        assert_eq!(
            canonical(GENESIS, rent_content()),
            format!(
                "[\"fondo-txn-v1\",\"{GENESIS}\",\"2026-03-01\",\"Rent relief\",\"Ana \\\"A\\\"\",\"\",\"\",\
                 [[\"expenses:grants:housing\",\"USD\",\"250.00\",\"línea 1\",\"\"],[\"assets:bank:usd\",\"USD\",\"-250.00\",\"\",\"\"]]]"
            )
        );
    }

    #[test]
    fn transaction_hash_is_the_hash_of_its_content() {
        assert_eq!(
            txn_hash(GENESIS, &txn("Rent relief"), None),
            content_hash(GENESIS, rent_content())
        );
    }

    #[test]
    fn hash_depends_on_content_and_previous() {
        let a = txn_hash(GENESIS, &txn("Rent relief"), None);
        assert_eq!(a.len(), 64);
        assert_ne!(a, txn_hash(GENESIS, &txn("Rent relief!"), None));
        assert_ne!(a, txn_hash(&a, &txn("Rent relief"), None));
        assert_ne!(a, txn_hash(GENESIS, &txn("Rent relief"), Some(&a)));
        assert_eq!(a, txn_hash(GENESIS, &txn("Rent relief"), None));
    }

    #[test]
    fn pre_pool_form_leaves_the_pool_out_and_is_recognised() {
        let content = rent_content();
        let text = format!(
            "[\"fondo-txn-v1\",\"{GENESIS}\",\"2026-03-01\",\"Rent relief\",\"Ana \\\"A\\\"\",\"\",\"\",\
             [[\"expenses:grants:housing\",\"USD\",\"250.00\",\"línea 1\"],[\"assets:bank:usd\",\"USD\",\"-250.00\",\"\"]]]"
        );
        let old = hex(&Sha256::digest(text.as_bytes()));
        assert_eq!(
            hash_in(Form::PrePool, GENESIS, &content).as_deref(),
            Some(old.as_str())
        );
        let current = content_hash(GENESIS, content.clone());
        assert_eq!(
            recorded_form(GENESIS, &content, &old),
            (Form::PrePool, old.clone())
        );
        assert_eq!(
            recorded_form(GENESIS, &content, &current),
            (Form::Current, current.clone())
        );
        assert_eq!(
            recorded_form(GENESIS, &content, GENESIS),
            (Form::Current, current)
        );
        let mut pooled = content;
        pooled.postings[0].4 = "housing";
        assert_eq!(hash_in(Form::PrePool, GENESIS, &pooled), None);
        assert_eq!(recorded_form(GENESIS, &pooled, &old).0, Form::Current);
    }
}
