//! A signed bundle: `fund_signers`, the fund's public keys in OpenSSH's
//! allowed_signers format (listed in the manifest like every other file),
//! and `MANIFEST.csv.sig`, the fund key's SSHSIG of MANIFEST.csv's exact
//! bytes in namespace `fondo-bundle`, written last, beside the manifest.
//!
//! Rule: a bundle is signed only with a fund key registered (a `fund-key`
//! record) by the moment of the export; that is checked before anything is
//! written.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;

use super::out::Out;
use super::{Bundle, Signing};
use crate::books::keys::fund_keys;
use crate::domain::bundle::{FUND_SIGNERS, MANIFEST, SIGNATURE, SIGNER};
use crate::domain::date::parse_datetime;
use crate::domain::keys::{BUNDLE_NAMESPACE, public_of, sign, signer_line};
use crate::error::{Error, Result};

/// The signing key, checked against the fund's keys.
pub(super) struct Signer {
    /// The fingerprint of the signing key.
    pub(super) fingerprint: String,
    /// Every fund key registered by the export's moment, oldest first, as
    /// stored: what `fund_signers` states.
    pub(super) keys: Vec<String>,
}

/// Checks that `signing` holds a fund key in force at its moment.
///
/// # Errors
/// [`Error::NotFundKey`] naming the key file when it is no fund key
/// registered by then.
pub(super) fn signer(conn: &Connection, signing: &Signing) -> Result<Signer> {
    let own = public_of(&signing.key)?;
    let mut keys = Vec::new();
    for (at, key) in fund_keys(conn)? {
        if parse_datetime(&at)? <= signing.at {
            keys.push(key);
        }
    }
    if !keys.iter().any(|k| k.fingerprint == own.fingerprint) {
        let known: Vec<&str> = keys.iter().map(|k| k.fingerprint.as_str()).collect();
        return Err(Error::NotFundKey {
            from: signing.source.clone(),
            fingerprint: own.fingerprint,
            known: if known.is_empty() {
                "the fund has no key yet".to_owned()
            } else {
                format!("the fund's keys: {}", known.join(", "))
            },
        });
    }
    Ok(Signer {
        fingerprint: own.fingerprint,
        keys: keys.into_iter().map(|k| k.key).collect(),
    })
}

impl Bundle<'_> {
    /// Writes `fund_signers`: one allowed_signers line per fund key.
    pub(super) fn fund_signers(&mut self, keys: &[String]) -> Result<()> {
        let lines: String = keys
            .iter()
            .map(|key| signer_line(SIGNER, BUNDLE_NAMESPACE, key))
            .collect();
        self.plain_file(FUND_SIGNERS, &lines)
    }
}

/// Signs the finished MANIFEST.csv in `dir`, writing `MANIFEST.csv.sig`.
pub(super) fn sign_manifest(dir: &Path, signing: &Signing) -> Result<()> {
    let path = dir.join(MANIFEST);
    let manifest = std::fs::read(&path).map_err(|source| Error::Io {
        context: format!("reading {}", path.display()),
        source,
    })?;
    let signature = sign(&signing.source, &signing.key, BUNDLE_NAMESPACE, &manifest)?;
    let mut out = Out::create(&dir.join(SIGNATURE))?;
    out.write_all(signature.as_bytes())?;
    out.finish()?;
    Ok(())
}
