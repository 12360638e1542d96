//! A signed bundle's signature: `MANIFEST.csv.sig` checked as an SSHSIG
//! of MANIFEST.csv's exact bytes in namespace `fondo-bundle`, by a key that
//! `fund_signers` states, and, when the auditor gives the fund's key (got
//! from the fund itself), by exactly that key.
//!
//! Rule: without the auditor's key, a good signature only shows that the
//! bundle agrees with itself (whoever rewrote it could sign it again and
//! state their own key); only the given key ties the bundle to the fund.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{Checker, codes};
use crate::domain::bundle::{FUND_SIGNERS, MANIFEST, SIGNATURE, SIGNER};
use crate::domain::keys::{BUNDLE_NAMESPACE, MemberKey, Signature, parse_signer_line};
use crate::error::Error;

/// The keys `fund_signers` states, each with its line; bad lines are
/// findings.
fn stated_keys(text: &str, checker: &mut Checker) -> Vec<(u64, MemberKey)> {
    let mut keys = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u64 + 1;
        match parse_signer_line(SIGNER, BUNDLE_NAMESPACE, line) {
            Ok(key) => keys.push((line_no, key)),
            Err(reason) => checker.find(codes::SIGNATURE, FUND_SIGNERS, line_no, reason),
        }
    }
    if keys.is_empty() && text.lines().next().is_none() {
        checker.find(codes::SIGNATURE, FUND_SIGNERS, 0, "states no key");
    }
    keys
}

/// Checks the signature of the bundle in `dir` (whose entries are
/// `present`, by name, true for a regular file); `signers` is the text of
/// fund_signers when it could be read, `required` the key the auditor gave.
/// Returns the fingerprint of the key of a good signature.
pub(super) fn check_signature(
    dir: &Path,
    present: &BTreeMap<String, bool>,
    signers: Option<&str>,
    required: Option<&MemberKey>,
    checker: &mut Checker,
) -> Option<String> {
    match present.get(SIGNATURE) {
        None => {
            if let Some(key) = required {
                checker.find(
                    codes::SIGNER,
                    SIGNATURE,
                    0,
                    format!(
                        "is missing: the bundle is not signed, and the fund's key {} was required",
                        key.fingerprint
                    ),
                );
            } else if present.contains_key(FUND_SIGNERS) {
                checker.find(
                    codes::UNSIGNED,
                    SIGNATURE,
                    0,
                    format!(
                        "is missing, though {FUND_SIGNERS} states the fund's keys: the signature was removed"
                    ),
                );
            }
            return None;
        }
        Some(false) => {
            checker.find(
                codes::UNREADABLE,
                SIGNATURE,
                0,
                "is not a regular file, so it was not read; a bundle holds plain files",
            );
            return None;
        }
        Some(true) => {}
    }
    let text = match fs::read_to_string(dir.join(SIGNATURE)) {
        Ok(text) => text,
        Err(e) => {
            checker.find(
                codes::SIGNATURE,
                SIGNATURE,
                0,
                format!("cannot be read: {e}"),
            );
            return None;
        }
    };
    let signature = match Signature::parse(SIGNATURE, &text) {
        Ok(signature) => signature,
        Err(e) => {
            checker.find(codes::SIGNATURE, SIGNATURE, 0, reason(e));
            return None;
        }
    };
    // A missing or unreadable manifest is a finding of its own already.
    let manifest = fs::read(dir.join(MANIFEST)).ok()?;
    let Some(signers) = signers else {
        checker.find(
            codes::SIGNATURE,
            SIGNATURE,
            0,
            format!("cannot be checked: {FUND_SIGNERS}, the fund's keys it is checked against, is missing or unreadable"),
        );
        return None;
    };
    let stated = stated_keys(signers, checker);
    let Some((_, key)) = stated
        .iter()
        .find(|(_, k)| k.fingerprint == signature.fingerprint)
    else {
        checker.find(
            codes::SIGNATURE,
            SIGNATURE,
            0,
            format!(
                "was made by key {}, which {FUND_SIGNERS} does not state as the fund's",
                signature.fingerprint
            ),
        );
        return None;
    };
    if let Err(e) = signature.check(SIGNATURE, BUNDLE_NAMESPACE, &key.key, &manifest) {
        checker.find(codes::SIGNATURE, SIGNATURE, 0, reason(e));
        return None;
    }
    if let Some(required) = required
        && required.fingerprint != signature.fingerprint
    {
        checker.find(
            codes::SIGNER,
            SIGNATURE,
            0,
            format!(
                "was made by key {}, not by the fund's key {} that was required",
                signature.fingerprint, required.fingerprint
            ),
        );
        return None;
    }
    Some(signature.fingerprint)
}

/// A signature error's reason, without the file it names (the finding
/// names it).
fn reason(error: Error) -> String {
    match error {
        Error::Signature { reason, .. } => reason,
        other => other.to_string(),
    }
}
