//! Members' OpenSSH keys and SSHSIG signatures: parsing public keys,
//! fingerprints, the history of who held which key when (a pure fold over
//! the key records), and signing and checking signatures.
//!
//! Rule: every byte of cryptography is RustCrypto's `ssh-key` crate; this
//! module only chooses what is accepted (ssh-ed25519 keys, SSHSIG with
//! SHA-512 as `ssh-keygen -Y sign` writes it) and words the refusals. A key
//! is stored without its comment (comments often carry a name or an e-mail
//! address), as `ssh-ed25519 AAAA…`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ssh_key::rand_core::CryptoRngCore;
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::domain::ids::MemberId;
use crate::error::{Error, Result};

/// The SSHSIG namespace of a ballot.
pub const BALLOT_NAMESPACE: &str = "fondo-ballot";
/// The SSHSIG namespace of a signed audit bundle's manifest.
pub const BUNDLE_NAMESPACE: &str = "fondo-bundle";

/// A member's public key, as registered: `ssh-ed25519 AAAA…` and its
/// SHA-256 fingerprint (`SHA256:…`, as `ssh-keygen -l` prints it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberKey {
    pub key: String,
    pub fingerprint: String,
}

fn key_error(source: &str, reason: impl Into<String>) -> Error {
    Error::Key {
        from: source.to_owned(),
        reason: reason.into(),
    }
}

/// Reads an OpenSSH public key line (`ssh-ed25519 AAAA… comment`); `source`
/// names where it came from in errors (a file, or `--key`).
///
/// # Errors
/// [`Error::Key`] when the text is not an OpenSSH public key;
/// [`Error::KeyAlgorithm`] for one of another type than ssh-ed25519.
pub fn parse_public_key(source: &str, text: &str) -> Result<MemberKey> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or_else(|| key_error(source, "no public key in it"))?;
    let kind = line.split_whitespace().next().unwrap_or_default();
    if kind != "ssh-ed25519"
        && ["ssh-", "ecdsa-", "sk-"]
            .iter()
            .any(|p| kind.starts_with(p))
    {
        return Err(Error::KeyAlgorithm {
            from: source.to_owned(),
            kind: kind.to_owned(),
        });
    }
    let key = PublicKey::from_openssh(line).map_err(|e| {
        key_error(
            source,
            format!("not an OpenSSH public key ({e}); give the .pub file, e.g. \"ssh-ed25519 AAAA… name\""),
        )
    })?;
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(Error::KeyAlgorithm {
            from: source.to_owned(),
            kind: key.algorithm().to_string(),
        });
    }
    member_key(&key)
}

fn member_key(key: &PublicKey) -> Result<MemberKey> {
    let bare = PublicKey::new(key.key_data().clone(), "");
    let text = bare
        .to_openssh()
        .map_err(|e| key_error("a public key", e.to_string()))?;
    Ok(MemberKey {
        key: text.trim().to_owned(),
        fingerprint: bare.fingerprint(HashAlg::Sha256).to_string(),
    })
}

/// The public half of a private key, as stored.
///
/// # Errors
/// [`Error::Key`] when it cannot be written as an OpenSSH public key.
pub fn public_of(key: &PrivateKey) -> Result<MemberKey> {
    member_key(key.public_key())
}

/// A signature as read from a `.sig` file, with the key it names.
#[derive(Debug, Clone)]
pub struct Signature {
    sig: SshSig,
    /// The fingerprint of the key that made it.
    pub fingerprint: String,
}

impl Signature {
    /// Reads an SSHSIG signature (`-----BEGIN SSH SIGNATURE-----`).
    ///
    /// # Errors
    /// [`Error::Signature`] naming `file` when it is not one.
    pub fn parse(file: &str, text: &str) -> Result<Signature> {
        let sig = SshSig::from_pem(text.trim().as_bytes()).map_err(|e| Error::Signature {
            file: file.to_owned(),
            reason: format!("not an SSH signature ({e})"),
        })?;
        let fingerprint = sig.public_key().fingerprint(HashAlg::Sha256).to_string();
        Ok(Signature { sig, fingerprint })
    }

    /// The namespace it was made in.
    pub fn namespace(&self) -> &str {
        self.sig.namespace()
    }

    /// Checks that it is a valid signature of `message` in `namespace` by
    /// `key` (an `ssh-ed25519 AAAA…` line).
    ///
    /// # Errors
    /// [`Error::Signature`] naming `file`: another namespace, another key,
    /// or a signature that does not match the message.
    pub fn check(&self, file: &str, namespace: &str, key: &str, message: &[u8]) -> Result<()> {
        let refuse = |reason: String| Error::Signature {
            file: file.to_owned(),
            reason,
        };
        if self.sig.namespace() != namespace {
            return Err(refuse(format!(
                "it was made for namespace {:?}, not {namespace:?} (sign with -n {namespace})",
                self.sig.namespace()
            )));
        }
        let key = PublicKey::from_openssh(key)
            .map_err(|e| refuse(format!("the key to check it with cannot be read ({e})")))?;
        if key.key_data() != self.sig.public_key() {
            return Err(refuse(format!(
                "it was made by key {}, not {}",
                self.fingerprint,
                key.fingerprint(HashAlg::Sha256)
            )));
        }
        key.verify(namespace, message, &self.sig).map_err(|_| {
            refuse("it does not match the file it is for: the file was changed after it was signed, or the signature is of another file".into())
        })
    }
}

/// Signs `message` in `namespace` with `key`, as `ssh-keygen -Y sign -n
/// NAMESPACE` does (SHA-512); returns the armoured signature text.
///
/// # Errors
/// [`Error::Key`] naming `source` when the key is still encrypted or cannot
/// sign.
pub fn sign(source: &str, key: &PrivateKey, namespace: &str, message: &[u8]) -> Result<String> {
    if key.is_encrypted() {
        return Err(key_error(source, "the key is still encrypted"));
    }
    let sig = key
        .sign(namespace, HashAlg::Sha512, message)
        .map_err(|e| key_error(source, format!("cannot sign with it ({e})")))?;
    let mut text = sig
        .to_pem(LineEnding::LF)
        .map_err(|e| key_error(source, e.to_string()))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Reads an OpenSSH private key, decrypting it with `passphrase` when it is
/// protected (`passphrase` is asked for only then).
///
/// # Errors
/// [`Error::Key`] naming `source`: not an OpenSSH private key, not ed25519,
/// or a wrong passphrase.
pub fn read_private_key<E: From<Error>>(
    source: &str,
    text: &str,
    passphrase: impl FnOnce() -> std::result::Result<String, E>,
) -> std::result::Result<PrivateKey, E> {
    let key = PrivateKey::from_openssh(text.trim().as_bytes()).map_err(|e| {
        key_error(
            source,
            format!("not an OpenSSH private key ({e}); give the key file itself, not its .pub"),
        )
    })?;
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(key_error(
            source,
            format!(
                "a {} key; fondo signs only with ssh-ed25519 keys",
                key.algorithm()
            ),
        )
        .into());
    }
    if !key.is_encrypted() {
        return Ok(key);
    }
    key.decrypt(passphrase()?.as_bytes())
        .map_err(|_| key_error(source, "the passphrase does not open it").into())
}

/// A new ed25519 key pair, the private half protected by `passphrase`:
/// (private key file text, public key line with `comment`).
///
/// # Errors
/// [`Error::Key`] when the passphrase is empty, or the key cannot be made.
pub fn generate(
    rng: &mut impl CryptoRngCore,
    passphrase: &str,
    comment: &str,
) -> Result<(String, String)> {
    let source = "a new key";
    if passphrase.is_empty() {
        return Err(key_error(
            source,
            "an empty passphrase would leave the key unprotected",
        ));
    }
    let mut key = PrivateKey::random(rng, Algorithm::Ed25519)
        .map_err(|e| key_error(source, e.to_string()))?;
    key.set_comment(comment);
    let public = key
        .public_key()
        .to_openssh()
        .map_err(|e| key_error(source, e.to_string()))?;
    let key = key
        .encrypt(rng, passphrase)
        .map_err(|e| key_error(source, e.to_string()))?;
    let private = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| key_error(source, e.to_string()))?;
    Ok((private.to_string(), format!("{public}\n")))
}

/// One line of an OpenSSH allowed_signers file (`ssh-keygen -Y verify -f`):
/// `PRINCIPAL namespaces="NAMESPACE" ssh-ed25519 AAAA…`, ended by a line
/// feed; `key` is a key as stored (without a comment).
pub fn signer_line(principal: &str, namespace: &str, key: &str) -> String {
    format!("{principal} namespaces=\"{namespace}\" {key}\n")
}

/// Reads one line written by [`signer_line`] for `principal` and
/// `namespace`: the key it states, as stored.
///
/// # Errors
/// The reason in words, for a line of another shape, principal or
/// namespace, or whose key is not an ssh-ed25519 public key.
pub fn parse_signer_line(
    principal: &str,
    namespace: &str,
    line: &str,
) -> std::result::Result<MemberKey, String> {
    let options = format!("namespaces=\"{namespace}\"");
    match line.split(' ').collect::<Vec<_>>().as_slice() {
        [who, opts, kind, data] if *who == principal && *opts == options => {
            parse_public_key("the line", &format!("{kind} {data}")).map_err(|e| e.to_string())
        }
        _ => Err(format!("is not `{principal} {options} ssh-ed25519 AAAA…`")),
    }
}

/// A key registered to a member (the `member-key` record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberKeyRecord {
    pub member: MemberId,
    /// `ssh-ed25519 AAAA…`, without a comment.
    pub key: String,
    pub fingerprint: String,
}

/// A member's key revoked (the `member-key-revoke` record): signatures by it
/// dated from then on are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberKeyRevokeRecord {
    pub member: MemberId,
    pub fingerprint: String,
    pub reason: String,
}

/// The fund's own key (the `fund-key` record): what its signed bundles are
/// signed with from then on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundKeyRecord {
    pub key: String,
    pub fingerprint: String,
}

/// One key's history: who holds it, since when, and whether and why it was
/// revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub member: MemberId,
    pub key: String,
    pub fingerprint: String,
    pub added: NaiveDateTime,
    pub revoked: Option<(NaiveDateTime, String)>,
}

impl KeyEntry {
    /// Whether the key was its member's at `at`.
    pub fn in_force(&self, at: NaiveDateTime) -> bool {
        self.added <= at && self.revoked.as_ref().is_none_or(|(r, _)| at < *r)
    }
}

/// The `allowed_signers` line of a member's key for ballots (OpenSSH's
/// format): the principal is the member's number, as a ballot's `voter:`
/// line states it; the key is valid from its registration to the second
/// before its revocation, so `ssh-keygen -Y verify … -Overify-time=TIME`
/// with a ballot's time accepts exactly the signatures fondo accepts (ballot
/// times are whole seconds).
pub fn ballot_signer_line(entry: &KeyEntry) -> String {
    let stamp = |t: NaiveDateTime| t.format("%Y%m%d%H%M%S").to_string();
    let mut options = format!(
        "namespaces=\"{BALLOT_NAMESPACE}\",valid-after=\"{}\"",
        stamp(entry.added)
    );
    if let Some((revoked, _)) = &entry.revoked {
        let last = *revoked - chrono::TimeDelta::seconds(1);
        options.push_str(&format!(",valid-before=\"{}\"", stamp(last)));
    }
    format!("{} {options} {}\n", entry.member, entry.key)
}

/// The `allowed_signers` file of every member key in `book`, in the order
/// they were registered.
pub fn allowed_signers(book: &KeyBook) -> String {
    book.entries.iter().map(ballot_signer_line).collect()
}

/// A key step, read from a record.
#[derive(Debug, Clone)]
pub enum KeyStep {
    Add(MemberKeyRecord),
    Revoke(MemberKeyRevokeRecord),
}

/// Every key ever registered, in the order they were: the fold of the key
/// records.
#[derive(Debug, Clone, Default)]
pub struct KeyBook {
    pub entries: Vec<KeyEntry>,
}

impl KeyBook {
    /// Folds the key records (in chain order, each with its time).
    ///
    /// # Errors
    /// [`Error::Damaged`] for a key registered twice, or a revocation of a
    /// key its member does not hold.
    pub fn replay(steps: &[(NaiveDateTime, KeyStep)]) -> Result<KeyBook> {
        let mut book = KeyBook::default();
        for (at, step) in steps {
            book.apply(*at, step).map_err(|detail| Error::Damaged {
                what: "the governance log".into(),
                detail,
            })?;
        }
        Ok(book)
    }

    /// Adds one step; the reason it cannot be, if it cannot.
    pub fn apply(&mut self, at: NaiveDateTime, step: &KeyStep) -> std::result::Result<(), String> {
        match step {
            KeyStep::Add(k) => {
                if self.get(&k.fingerprint).is_some() {
                    return Err(format!("key {} is registered twice", k.fingerprint));
                }
                self.entries.push(KeyEntry {
                    member: k.member,
                    key: k.key.clone(),
                    fingerprint: k.fingerprint.clone(),
                    added: at,
                    revoked: None,
                });
            }
            KeyStep::Revoke(r) => {
                let entry = self
                    .entries
                    .iter_mut()
                    .find(|e| e.fingerprint == r.fingerprint && e.member == r.member)
                    .filter(|e| e.revoked.is_none() && e.added <= at)
                    .ok_or_else(|| {
                        format!(
                            "revokes key {} of member #{}, which they do not hold",
                            r.fingerprint, r.member
                        )
                    })?;
                entry.revoked = Some((at, r.reason.clone()));
            }
        }
        Ok(())
    }

    /// The key with `fingerprint`, whoever holds it.
    pub fn get(&self, fingerprint: &str) -> Option<&KeyEntry> {
        self.entries.iter().find(|e| e.fingerprint == fingerprint)
    }

    /// Whether `fingerprint` is a key of `member` in force at `at`: Ok, or
    /// why not, in words.
    ///
    /// # Errors
    /// The reason, for a key that is unknown, another member's, not yet
    /// registered or revoked at `at`.
    pub fn check(
        &self,
        member: MemberId,
        fingerprint: &str,
        at: NaiveDateTime,
    ) -> std::result::Result<&KeyEntry, String> {
        let entry = self
            .get(fingerprint)
            .ok_or_else(|| format!("key {fingerprint} is not registered to any member"))?;
        if entry.member != member {
            return Err(format!(
                "key {fingerprint} is registered to another member (#{}), not to the voter",
                entry.member
            ));
        }
        if at < entry.added {
            return Err(format!(
                "key {fingerprint} was registered only at {}, after the ballot's time",
                entry.added.format("%Y-%m-%dT%H:%M:%S")
            ));
        }
        if let Some((revoked, reason)) = &entry.revoked
            && *revoked <= at
        {
            return Err(format!(
                "key {fingerprint} was revoked at {} ({reason})",
                revoked.format("%Y-%m-%dT%H:%M:%S")
            ));
        }
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        crate::domain::date::parse_datetime(text).unwrap()
    }

    fn pair() -> PrivateKey {
        PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).unwrap()
    }

    #[test]
    fn a_public_key_is_stored_without_its_comment() {
        let key = pair();
        let line = format!(
            "{} ana@example.org\n",
            key.public_key().to_openssh().unwrap()
        );
        let parsed = parse_public_key("ana.pub", &line).unwrap();
        assert!(parsed.key.starts_with("ssh-ed25519 AAAA"));
        assert!(!parsed.key.contains("ana@"));
        assert!(parsed.fingerprint.starts_with("SHA256:"));
        for bad in ["", "ssh-ed25519 notbase64", "hello"] {
            assert!(matches!(
                parse_public_key("x.pub", bad),
                Err(Error::Key { .. })
            ));
        }
        let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEw8HIxdOQNRBvj1Bm0mYoVUw7cllPSznEaciqb+wMpYbTkKRZNpR6Z9SPMSiXp9G+5LDS9mkuX9/SfCHGIa4fc= x";
        assert!(matches!(
            parse_public_key("x.pub", ecdsa),
            Err(Error::KeyAlgorithm { kind, .. }) if kind == "ecdsa-sha2-nistp256"
        ));
    }

    #[test]
    fn a_signature_checks_only_for_its_key_namespace_and_message() {
        let key = pair();
        let public = parse_public_key("k", &key.public_key().to_openssh().unwrap()).unwrap();
        let text = sign("k", &key, BALLOT_NAMESPACE, b"ballot\n").unwrap();
        assert!(text.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        let sig = Signature::parse("b.sig", &text).unwrap();
        assert_eq!(sig.fingerprint, public.fingerprint);
        sig.check("b.sig", BALLOT_NAMESPACE, &public.key, b"ballot\n")
            .unwrap();
        let refused = |r: Result<()>| matches!(r, Err(Error::Signature { .. }));
        assert!(refused(sig.check(
            "b.sig",
            BALLOT_NAMESPACE,
            &public.key,
            b"ballot?\n"
        )));
        assert!(refused(sig.check(
            "b.sig",
            BUNDLE_NAMESPACE,
            &public.key,
            b"ballot\n"
        )));
        let other = parse_public_key("o", &pair().public_key().to_openssh().unwrap()).unwrap();
        assert!(refused(sig.check(
            "b.sig",
            BALLOT_NAMESPACE,
            &other.key,
            b"ballot\n"
        )));
        assert!(Signature::parse("b.sig", "not a signature").is_err());
    }

    #[test]
    fn a_signer_line_reads_back_as_its_key() {
        let key = parse_public_key("k", &pair().public_key().to_openssh().unwrap()).unwrap();
        let line = signer_line("fund", BUNDLE_NAMESPACE, &key.key);
        assert!(line.starts_with("fund namespaces=\"fondo-bundle\" ssh-ed25519 AAAA"));
        let back = parse_signer_line("fund", BUNDLE_NAMESPACE, line.trim_end()).unwrap();
        assert_eq!(back, key);
        assert!(parse_signer_line("ana", BUNDLE_NAMESPACE, line.trim_end()).is_err());
        assert!(parse_signer_line("fund", BALLOT_NAMESPACE, line.trim_end()).is_err());
        assert!(parse_signer_line("fund", BUNDLE_NAMESPACE, "fund ssh-ed25519 AAAA").is_err());
    }

    #[test]
    fn a_generated_key_needs_its_passphrase() {
        let (private, public) = generate(&mut ssh_key::rand_core::OsRng, "s3cret", "ana").unwrap();
        assert!(public.starts_with("ssh-ed25519 ") && public.ends_with(" ana\n"));
        let wrong = read_private_key::<Error>("k", &private, || Ok("nope".into()));
        assert!(matches!(wrong, Err(Error::Key { .. })));
        let key = read_private_key::<Error>("k", &private, || Ok("s3cret".into())).unwrap();
        assert_eq!(
            parse_public_key("k", &public).unwrap().fingerprint,
            key.fingerprint(HashAlg::Sha256).to_string()
        );
        assert!(generate(&mut ssh_key::rand_core::OsRng, "", "x").is_err());
    }

    #[test]
    fn a_key_is_in_force_from_its_registration_until_revoked() {
        let add = |member, fp: &str| {
            KeyStep::Add(MemberKeyRecord {
                member,
                key: format!("ssh-ed25519 {fp}"),
                fingerprint: fp.into(),
            })
        };
        let revoke = KeyStep::Revoke(MemberKeyRevokeRecord {
            member: MemberId::new(1),
            fingerprint: "A".into(),
            reason: "lost".into(),
        });
        let book = KeyBook::replay(&[
            (at("2026-01-01T10:00"), add(MemberId::new(1), "A")),
            (at("2026-01-02T10:00"), add(MemberId::new(2), "B")),
            (at("2026-02-01T10:00"), revoke.clone()),
        ])
        .unwrap();
        assert!(
            book.check(MemberId::new(1), "A", at("2026-01-15T00:00"))
                .is_ok()
        );
        assert!(
            book.check(MemberId::new(1), "A", at("2025-12-31T00:00"))
                .is_err()
        );
        assert!(
            book.check(MemberId::new(1), "A", at("2026-02-01T10:00"))
                .is_err()
        );
        assert!(
            book.check(MemberId::new(1), "B", at("2026-01-15T00:00"))
                .is_err()
        );
        assert!(
            book.check(MemberId::new(1), "C", at("2026-01-15T00:00"))
                .is_err()
        );
        let twice = KeyBook::replay(&[
            (at("2026-01-01T10:00"), add(MemberId::new(1), "A")),
            (at("2026-01-02T10:00"), add(MemberId::new(2), "A")),
        ]);
        assert!(matches!(twice, Err(Error::Damaged { .. })));
        let stray = KeyBook::replay(&[(at("2026-01-01T10:00"), revoke)]);
        assert!(matches!(stray, Err(Error::Damaged { .. })));
    }
}
