//! Free text written at the command's word: a text that names a member
//! hidden from the public (as the redaction gate finds them, under
//! normalisation: [`crate::domain::gate`]) is noted as a warning for the
//! treasurer, or, under strict privacy (the command's `strict` flag or the
//! fund's `strict-privacy` setting), refused before anything is written.
//! Journal text is hash-chained and cannot be redacted later; account
//! names end up in every report; so the time to catch a name is now.
//!
//! Rule: every op that writes free text screens it here, inside its write
//! transaction; the warnings are data ([`WriteTx::warn`]), printed by the
//! command layer once the write commits.

use crate::books::members::gate;
use crate::domain::member::Audience;
use crate::domain::settings::STRICT_PRIVACY;
use crate::domain::txn::Transaction;
use crate::error::{Error, Result};
use crate::store::{WriteTx, settings};

/// Screens `texts` (field, text): a warning, or with strict privacy
/// [`Error::HiddenNameInText`], for each that names a hidden member.
///
/// # Errors
/// [`Error::HiddenNameInText`] under strict privacy; a database error.
pub fn screen(tx: &WriteTx<'_>, texts: &[(&'static str, Option<&str>)]) -> Result<()> {
    let texts: Vec<(&'static str, &str)> = texts
        .iter()
        .filter_map(|(field, text)| text.filter(|t| !t.is_empty()).map(|t| (*field, t)))
        .collect();
    if texts.is_empty() {
        return Ok(());
    }
    let gate = gate(tx, Audience::Public)?;
    if gate.is_open() {
        return Ok(());
    }
    let strict = tx.strict_privacy()
        || settings::get(tx, STRICT_PRIVACY)?.is_some_and(|v| v.trim() == "true");
    for (field, text) in texts {
        if let Some(name) = gate.find(text) {
            if strict {
                return Err(Error::HiddenNameInText {
                    field,
                    text: text.to_owned(),
                    name: name.to_owned(),
                });
            }
            tx.warn(format!(
                "the {field} {text:?} names {name:?}, whom the public may not see; public outputs show a pseudonym there, but the books keep the text as written"
            ));
        }
    }
    Ok(())
}

/// Screens a transaction's description, payee, reference, accounts and memos.
///
/// # Errors
/// As [`screen`].
pub fn screen_txn(tx: &WriteTx<'_>, txn: &Transaction) -> Result<()> {
    let mut texts = vec![
        ("description", Some(txn.description())),
        ("payee", txn.payee()),
        ("reference", txn.reference()),
    ];
    for p in txn.postings() {
        texts.push(("account", Some(p.account())));
        texts.push(("memo", p.memo()));
    }
    screen(tx, &texts)
}
