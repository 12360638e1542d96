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
//!
//! Rows written by this version are in the **v2** forms, `fondo-txn-v2` and
//! `fondo-record-v2`: every free-text field is hashed as a salted
//! commitment ([`commit`]) instead of the text, so an output may replace a
//! hidden name by its commitment and the hash still recomputes. Salts come
//! from the fund's [`SaltKey`] by HMAC-SHA-256 over the field's place
//! ([`salt`]); accounts and pools get one salt per name, so a redacted
//! account shows one commitment on every row. A chain switches to v2 once;
//! [`recorded_form`] tells which form each stored hash was made in.

use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::FastMap;
use crate::domain::date::iso;
use crate::domain::ids::{GrantId, TxnId};
use crate::domain::money::format_minor;
use crate::domain::txn::Transaction;

/// The previous hash of the first transaction, and the fingerprint of an
/// empty ledger.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const VERSION: &str = "fondo-txn-v1";
const VERSION_2: &str = "fondo-txn-v2";
const RECORD_V1: &str = "fondo-record-v1";
const RECORD_V2: &str = "fondo-record-v2";

/// The fund's salt key: 32 random bytes made when the fund (or its upgrade
/// to v2) was created, kept in the fund row and never exported. Every salt
/// of a v2 commitment is derived from it.
///
/// It holds the HMAC already keyed with those bytes: every salt starts from
/// a copy of it instead of keying a new one (two SHA-256 blocks saved of
/// the four a short salt costs; an import or export derives millions).
#[derive(Clone)]
pub struct SaltKey {
    keyed: Hmac<Sha256>,
}

impl SaltKey {
    /// The key from its 64 hex digits; None for anything else.
    pub fn from_hex(text: &str) -> Option<SaltKey> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(SaltKey {
            keyed: Hmac::<Sha256>::new_from_slice(&bytes).expect("HMAC takes keys of any length"),
        })
    }
}

impl SaltKey {
    /// This key with `parts` already fed in, each followed by a 0 byte:
    /// `salt(&key.fed(a), b)` is `salt(&key, a ++ b)`. A transaction's
    /// salts all start with its place (`txn`, the hash before it), which
    /// fills a SHA-256 block: fed once, it is not hashed again for each.
    fn fed(&self, parts: &[&str]) -> SaltKey {
        let mut keyed = self.keyed.clone();
        for part in parts {
            keyed.update(part.as_bytes());
            keyed.update(&[0]);
        }
        SaltKey { keyed }
    }
}

impl std::fmt::Debug for SaltKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaltKey(..)")
    }
}

/// The salt of one field: the first 16 bytes of HMAC-SHA-256 keyed with the
/// fund's salt key over the field's place (`parts` joined by a 0 byte), as
/// 32 lower-case hex digits.
pub fn salt(key: &SaltKey, parts: &[&str]) -> String {
    let mut into = String::new();
    salt_into(key, parts, &mut into);
    into
}

/// [`salt`] written into `into` (replacing what it held, reusing its
/// memory): the loops over every transaction make no string per salt.
fn salt_into(key: &SaltKey, parts: &[&str], into: &mut String) {
    let mut mac = key.keyed.clone();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            mac.update(&[0]);
        }
        mac.update(part.as_bytes());
    }
    hex_into(&mac.finalize().into_bytes()[..16], into);
}

/// The commitment to `text` under `salt`:
/// `hex(SHA-256("fondo-text-v2" 0x00 salt 0x00 text))`; an empty text stays
/// empty (an empty field is visibly empty, nothing is hidden in it).
pub fn commit(salt: &str, text: &str) -> String {
    let mut into = String::new();
    commit_into(salt, text, &mut into);
    into
}

/// [`commit`] written into `into` (replacing what it held, reusing its
/// memory).
fn commit_into(salt: &str, text: &str, into: &mut String) {
    into.clear();
    if text.is_empty() {
        return;
    }
    let mut digest = Sha256::new();
    digest.update(b"fondo-text-v2\0");
    digest.update(salt.as_bytes());
    digest.update([0]);
    digest.update(text.as_bytes());
    hex_into(&digest.finalize(), into);
}

/// A stated seal of one text field, as journal and bundle files give it:
/// 32 hex digits are the salt (the text is shown), 64 hex digits the
/// commitment itself (the text is redacted). The field's commitment.
pub fn unseal(text: &str, seal: &str) -> String {
    if seal.len() == 64 {
        seal.to_owned()
    } else {
        commit(seal, text)
    }
}

/// The salts of a transaction's text fields, derived from the fund's key
/// and the transaction's place in the chain (the hash before it). An empty
/// field has none (`""`): its commitment is empty whatever the salt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnSalts {
    pub description: String,
    pub payee: String,
    pub reference: String,
    /// Per posting, in order: memo, account, pool (`""` for the general pool).
    pub postings: Vec<[String; 3]>,
}

impl TxnSalts {
    /// The commitments these salts give `content` (a stated commitment,
    /// 64 hex digits, in place of a salt is taken as given: [`unseal`]).
    pub fn seal(&self, content: &Content<'_>) -> Sealed {
        self.seal_with(content, |_, name, stated| unseal(name, stated))
    }

    /// As [`seal`](Self::seal), with `thing(kind, name, stated)` giving
    /// the commitment of an account's or a pool's name.
    fn seal_with(
        &self,
        content: &Content<'_>,
        mut thing: impl FnMut(Thing, &str, &str) -> String,
    ) -> Sealed {
        Sealed {
            description: unseal(content.description, &self.description),
            payee: unseal(content.payee, &self.payee),
            reference: unseal(content.reference, &self.reference),
            postings: content
                .postings
                .iter()
                .zip(&self.postings)
                .map(|(p, s)| {
                    [
                        unseal(p.3, &s[0]),
                        thing(Thing::Account, p.0, &s[1]),
                        thing(Thing::Pool, p.4, &s[2]),
                    ]
                })
                .collect(),
        }
    }
}

/// What [`thing_salt`] salts: an account's or a pool's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thing {
    Account,
    Pool,
}

impl Thing {
    fn kind(self) -> &'static str {
        match self {
            Thing::Account => "account",
            Thing::Pool => "pool",
        }
    }
}

/// What [`Sealer`]'s walk over a transaction's text fields gives of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Give {
    Salts,
    Commitments,
}

/// The fund's salt key with the salt and commitment of every account and
/// pool name met so far. A name has one salt, the same on every row, so
/// they are derived once per name instead of once per posting (a journal
/// of a million transactions names a few dozen accounts).
#[derive(Debug, Clone)]
pub struct Sealer {
    key: SaltKey,
    accounts: FastMap<String, [String; 2]>,
    pools: FastMap<String, [String; 2]>,
}

impl Sealer {
    pub fn new(key: SaltKey) -> Sealer {
        Sealer {
            key,
            accounts: FastMap::default(),
            pools: FastMap::default(),
        }
    }

    /// The fund's salt key.
    pub fn key(&self) -> &SaltKey {
        &self.key
    }

    /// The salt and commitment of `name` (`""`, the general pool, has
    /// neither).
    fn thing(&mut self, thing: Thing, name: &str) -> &[String; 2] {
        const NONE: &[String; 2] = &[String::new(), String::new()];
        if name.is_empty() {
            return NONE;
        }
        let names = match thing {
            Thing::Account => &mut self.accounts,
            Thing::Pool => &mut self.pools,
        };
        if !names.contains_key(name) {
            let salt = thing_salt(&self.key, thing.kind(), name);
            let commitment = commit(&salt, name);
            names.insert(name.to_owned(), [salt, commitment]);
        }
        &names[name]
    }

    /// The salts of `content` chained after `prev`.
    pub fn salts(&mut self, prev: &str, content: &Content<'_>) -> TxnSalts {
        let mut salts = TxnSalts::default();
        self.salts_into(prev, content, &mut salts);
        salts
    }

    /// [`salts`](Self::salts) written into `into`, reusing its strings (a
    /// stream over every transaction keeps one).
    pub fn salts_into(&mut self, prev: &str, content: &Content<'_>, into: &mut TxnSalts) {
        let head = [&mut into.description, &mut into.payee, &mut into.reference];
        self.fields(prev, content, Give::Salts, head, &mut into.postings);
    }

    /// The salts (`give`) or the commitments of `content`'s text fields
    /// chained after `prev`, written into the strings of a [`TxnSalts`] or
    /// a [`Sealed`]: `head`, its description, payee and reference, and
    /// `postings`, per posting memo, account and pool. The one walk
    /// [`salts_into`](Self::salts_into) and
    /// [`sealed_into`](Self::sealed_into) share.
    fn fields(
        &mut self,
        prev: &str,
        content: &Content<'_>,
        give: Give,
        head: [&mut String; 3],
        postings: &mut Vec<[String; 3]>,
    ) {
        let key = &self.key.fed(&["txn", prev]);
        // A field's salt, in `salt`, then what `give` asks for of it in
        // `into`.
        let mut salt = String::new();
        let of = |salt: &mut String, text: &str, into: &mut String| match give {
            Give::Salts => std::mem::swap(salt, into),
            Give::Commitments => commit_into(salt, text, into),
        };
        let texts = [
            ("description", content.description),
            ("payee", content.payee),
            ("reference", content.reference),
        ];
        for ((name, text), into) in texts.into_iter().zip(head) {
            field_salt(key, name, text, &mut salt);
            of(&mut salt, text, into);
        }
        // A name's salt and commitment are made once ([`Sealer::thing`]).
        let at = match give {
            Give::Salts => 0,
            Give::Commitments => 1,
        };
        postings.resize_with(content.postings.len(), Default::default);
        let mut number = String::new();
        for (i, (p, to)) in content.postings.iter().zip(postings.iter_mut()).enumerate() {
            memo_salt(key, i, p.3, &mut number, &mut salt);
            of(&mut salt, p.3, &mut to[0]);
            to[1].clone_from(&self.thing(Thing::Account, p.0)[at]);
            to[2].clone_from(&self.thing(Thing::Pool, p.4)[at]);
        }
    }

    /// The commitments `salts` give `content`, as [`TxnSalts::seal`]; an
    /// account's or a pool's name under its own salt takes the commitment
    /// already made.
    pub fn seal(&mut self, salts: &TxnSalts, content: &Content<'_>) -> Sealed {
        salts.seal_with(content, |thing, name, stated| {
            let known = self.thing(thing, name);
            if stated == known[0] {
                known[1].clone()
            } else {
                unseal(name, stated)
            }
        })
    }

    /// The commitments of `content` chained after `prev` under this key:
    /// [`seal`](Self::seal) of [`salts`](Self::salts), without the salts
    /// of account and pool names copied out only to be looked up again.
    pub fn sealed(&mut self, prev: &str, content: &Content<'_>) -> Sealed {
        let mut sealed = Sealed::default();
        self.sealed_into(prev, content, &mut sealed);
        sealed
    }

    /// [`sealed`](Self::sealed) written into `into`, reusing its strings.
    pub fn sealed_into(&mut self, prev: &str, content: &Content<'_>, into: &mut Sealed) {
        let head = [&mut into.description, &mut into.payee, &mut into.reference];
        self.fields(prev, content, Give::Commitments, head, &mut into.postings);
    }

    /// The v2 hash of a transaction chained after `prev`; `reverses` is
    /// the hash of the transaction it voids.
    pub fn txn_hash(&mut self, prev: &str, txn: &Transaction, reverses: Option<&str>) -> String {
        with_content(txn, reverses, |content| {
            let sealed = self.sealed(prev, content);
            hash_v2(prev, content, &sealed)
        })
    }
}

/// The salt of a transaction's text field `name` (`description`, `payee`,
/// `reference`): `salt(key, ["txn", prev, name])` for the transaction
/// chained after `prev`, under `txn`, the fund's key
/// [`fed`](SaltKey::fed) `["txn", prev]`. An empty text has none.
fn field_salt(txn: &SaltKey, name: &str, text: &str, into: &mut String) {
    if text.is_empty() {
        into.clear();
    } else {
        salt_into(txn, &[name], into);
    }
}

/// The salt of the memo of posting `index` (from 0) of a transaction:
/// `salt(key, ["txn", prev, "memo", index + 1])`, under `txn` as for
/// [`field_salt`], into `into` (`number` is room for the number's digits).
/// An empty memo has none.
fn memo_salt(txn: &SaltKey, index: usize, memo: &str, number: &mut String, into: &mut String) {
    use std::fmt::Write as _;
    if memo.is_empty() {
        into.clear();
    } else {
        number.clear();
        write!(number, "{}", index + 1).expect("a String takes any text");
        salt_into(txn, &["memo", number], into);
    }
}

/// The one salt of an account's or a pool's name (`kind` is `account` or
/// `pool`), the same on every row that names it.
pub fn thing_salt(key: &SaltKey, kind: &str, name: &str) -> String {
    salt(key, &[kind, name])
}

/// How an audience bundle shows an account whose name it may not show:
/// its root (`expenses`), then `redacted-` and the first 8 hex digits of
/// the name's commitment (`expenses:redacted-1a2b3c4d`). The same account
/// always gets the same label, so rows and balances still group by it; the
/// rows' account salt column holds the whole commitment, so every v2 hash
/// still recomputes.
pub fn account_label(key: &SaltKey, name: &str) -> String {
    let root = name.split(':').next().unwrap_or(name);
    let commitment = commit(&thing_salt(key, "account", name), name);
    format!("{root}:redacted-{}", &commitment[..8])
}

/// How an audience bundle shows a pool whose name it may not show:
/// `redacted-` and the first 8 hex digits of the name's commitment
/// (`redacted-1a2b3c4d`), the same in every file that names the pool; the
/// journal's pool salt column holds the whole commitment, so every v2 hash
/// still recomputes. The general pool (`""`) is never labelled.
pub fn pool_label(key: &SaltKey, name: &str) -> String {
    let commitment = commit(&thing_salt(key, "pool", name), name);
    format!("redacted-{}", &commitment[..8])
}

/// The commitments of a transaction's text fields, which the v2 form hashes
/// in place of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sealed {
    pub description: String,
    pub payee: String,
    pub reference: String,
    /// Per posting, in order: memo, account, pool.
    pub postings: Vec<[String; 3]>,
}

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
    /// `fondo-txn-v2`: salted commitments in place of text; every row
    /// written by this version.
    V2,
    /// `fondo-txn-v1`, postings as `[ACCOUNT, COMMODITY, AMOUNT, MEMO, POOL]`.
    Current,
    /// Postings as `[ACCOUNT, COMMODITY, AMOUNT, MEMO]`: books written
    /// before pools existed; only for transactions without pools.
    PrePool,
}

/// The fields a transaction's hash covers, as stored text. `verify` builds
/// this from raw rows (which may be tampered and unbalanced); posting code
/// builds it from a [`Transaction`] through [`Sealer::txn_hash`] (v2) or [`txn_hash_in`] (v1).
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

impl Form {
    /// The form as the `form` column of journal files names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::V2 => VERSION_2,
            Form::Current | Form::PrePool => VERSION,
        }
    }
}

/// The canonical v2 text of `content` whose text fields have the
/// commitments `sealed`.
pub fn canonical_v2(prev: &str, content: &Content<'_>, sealed: &Sealed) -> String {
    String::from_utf8(canonical_v2_bytes(prev, content, sealed)).expect("JSON is UTF-8")
}

/// [`canonical_v2`] as bytes, written into one buffer made big enough at
/// once (growing a `String` field by field showed in `verify`'s profile).
fn canonical_v2_bytes(prev: &str, content: &Content<'_>, sealed: &Sealed) -> Vec<u8> {
    let postings: Vec<(&str, &str, &str, &str, &str)> = content
        .postings
        .iter()
        .zip(&sealed.postings)
        .map(|(p, c)| {
            (
                c[1].as_str(),
                p.1,
                p.2.as_str(),
                c[0].as_str(),
                c[2].as_str(),
            )
        })
        .collect();
    let value = (
        VERSION_2,
        prev,
        content.date,
        &sealed.description,
        &sealed.payee,
        &sealed.reference,
        content.reverses,
        postings,
    );
    // The fixed part, and per posting three commitments and its amount.
    let mut text = Vec::with_capacity(512 + 256 * content.postings.len());
    serde_json::to_writer(&mut text, &value).expect("serializing strings and tuples cannot fail");
    text
}

/// The v2 hash of `content` with the commitments `sealed`.
pub fn hash_v2(prev: &str, content: &Content<'_>, sealed: &Sealed) -> String {
    hex(&Sha256::digest(canonical_v2_bytes(prev, content, sealed)))
}

/// The hash of `content` in `form`; `None` for [`Form::PrePool`] when a
/// posting has a pool (that form cannot express it), and for [`Form::V2`]
/// without commitments.
pub fn hash_in_sealed(
    form: Form,
    prev: &str,
    content: &Content<'_>,
    sealed: Option<&Sealed>,
) -> Option<String> {
    match form {
        Form::V2 => sealed.map(|s| hash_v2(prev, content, s)),
        _ => hash_in(form, prev, content),
    }
}

/// The hash of `content` in one of the v1 forms; `None` for
/// [`Form::PrePool`] when a posting has a pool, and for [`Form::V2`] (see
/// [`hash_in_sealed`]).
pub fn hash_in(form: Form, prev: &str, content: &Content<'_>) -> Option<String> {
    match form {
        Form::V2 => None,
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

/// The form `stored` was made in from `content` after `prev` (whose text
/// fields have the commitments `sealed`, when known), and the hash in that
/// form: [`Form::V2`] when it gives `stored`, else as [`recorded_form`]
/// (and [`Form::V2`] when no form does but `v2_expected`: the chain has
/// switched, so a changed row is judged in the form it must have).
pub fn recorded_form_sealed(
    prev: &str,
    content: &Content<'_>,
    sealed: Option<&Sealed>,
    stored: &str,
    v2_expected: bool,
) -> (Form, String) {
    if let Some(sealed) = sealed {
        let v2 = hash_v2(prev, content, sealed);
        if v2 == stored {
            return (Form::V2, v2);
        }
        let (form, v1) = recorded_form(prev, content, stored);
        if v1 == stored || !v2_expected {
            return (form, v1);
        }
        return (Form::V2, v2);
    }
    recorded_form(prev, content, stored)
}

/// The form `stored` was made in from `content` after `prev`, and the hash
/// in that form, among the v1 forms: [`Form::PrePool`] when only that form gives `stored`, else
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

/// The v2 hash of a transaction chained after `prev` with stated salts
/// (a journal file's `…_salt` columns), as the file that states them was
/// hashed.
pub fn txn_hash_stated(
    prev: &str,
    txn: &Transaction,
    reverses: Option<&str>,
    salts: &TxnSalts,
) -> String {
    with_content(txn, reverses, |content| {
        hash_v2(prev, content, &salts.seal(content))
    })
}

/// The hash of a transaction chained after `prev` in one of the v1 forms
/// (see [`hash_in`]); `reverses` is the hash of the transaction it voids.
pub fn txn_hash_in(
    form: Form,
    prev: &str,
    txn: &Transaction,
    reverses: Option<&str>,
) -> Option<String> {
    with_content(txn, reverses, |content| hash_in(form, prev, content))
}

/// Calls `f` with the content a transaction's hash covers.
fn with_content<T>(
    txn: &Transaction,
    reverses: Option<&str>,
    f: impl FnOnce(&Content<'_>) -> T,
) -> T {
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
                    p.account(),
                    p.commodity().code(),
                    format_minor(i128::from(p.amount()), p.commodity().decimals()),
                    p.memo().unwrap_or(""),
                    p.pool().unwrap_or(""),
                )
            })
            .collect(),
    };
    f(&content)
}

/// The hash of a governance record chained after `prev` in the v1 form:
/// SHA-256 of the compact JSON array
/// `["fondo-record-v1", PREV, KIND, GRANT, AT, PAYLOAD]`, GRANT a number or
/// null, PAYLOAD the record's JSON object.
pub fn record_hash(
    prev: &str,
    kind: &str,
    grant: Option<GrantId>,
    at: &str,
    payload: &serde_json::Value,
) -> String {
    record_hash_tagged(RECORD_V1, prev, kind, grant, at, payload)
}

/// The hash of a governance record in the v2 form: as
/// [`record_hash`] under the tag `fondo-record-v2`, PAYLOAD with each text
/// field replaced by its commitment ([`record_salt`],
/// [`crate::domain::records::sealed_payload`]).
pub fn record_hash_v2(
    prev: &str,
    kind: &str,
    grant: Option<GrantId>,
    at: &str,
    sealed_payload: &serde_json::Value,
) -> String {
    record_hash_tagged(RECORD_V2, prev, kind, grant, at, sealed_payload)
}

fn record_hash_tagged(
    tag: &str,
    prev: &str,
    kind: &str,
    grant: Option<GrantId>,
    at: &str,
    payload: &serde_json::Value,
) -> String {
    let canonical = serde_json::to_string(&(tag, prev, kind, grant, at, payload))
        .expect("serializing strings and JSON values cannot fail");
    hex(&Sha256::digest(canonical.as_bytes()))
}

/// The salt of text field `field` of the record chained after `prev`.
pub fn record_salt(key: &SaltKey, prev: &str, field: &str) -> String {
    salt(key, &["record", prev, field])
}

/// The tag of the commitment to the fund's pseudonym secret.
pub const SECRET_TAG: &str = "fondo-fund-secret-v1";

/// The tag of the commitment to the fund's salt key.
pub const SALT_KEY_TAG: &str = "fondo-salt-key-v1";

/// The commitment to a fund setting that never leaves the database (the
/// pseudonym secret, the salt key), as the `fund-settings` record holds it:
/// `hex(SHA-256(tag 0x00 value))`, `tag` naming the setting
/// (`fondo-fund-secret-v1`, `fondo-salt-key-v1`) so that one commitment is
/// never another's.
pub fn setting_commitment(tag: &str, value: &str) -> String {
    let mut digest = Sha256::new();
    digest.update(tag.as_bytes());
    digest.update([0]);
    digest.update(value.as_bytes());
    hex(&digest.finalize())
}

/// The digest of one import source's keys, as its `import` record states
/// it: SHA-256 over one line per key, in the order the keys are given (the
/// order SQLite keeps them in: integer keys by value, then text keys by
/// their bytes), each line the compact JSON array `[KEY,TXN]` (KEY a number
/// for a key stored as an integer, else a string; TXN the transaction's id)
/// and a newline.
#[derive(Debug, Clone, Default)]
pub struct KeysDigest {
    digest: Sha256,
    count: u64,
}

impl KeysDigest {
    /// Adds the next key, pointing at transaction `txn`.
    pub fn add(&mut self, key: &serde_json::Value, txn: TxnId) {
        let line = serde_json::to_string(&(key, txn))
            .expect("serializing a JSON value and a number cannot fail");
        self.digest.update(line.as_bytes());
        self.digest.update(b"\n");
        self.count += 1;
    }

    /// How many keys were added, and the digest as 64 hex digits.
    pub fn finish(self) -> (u64, String) {
        (self.count, hex(&self.digest.finalize()))
    }
}

/// Bytes (a digest) as lower-case hexadecimal digits. Through
/// `hex::encode_to_slice`, which writes the digits from a table in one loop
/// (`hex::encode` collects them a char at a time, and showed in the bundle
/// checker's profile: every hash and salt passes through here).
pub fn hex(bytes: &[u8]) -> String {
    let mut into = String::new();
    hex_into(bytes, &mut into);
    into
}

/// [`hex`] written into `into` (replacing what it held, reusing its
/// memory); a digest's digits go through a buffer on the stack.
fn hex_into(bytes: &[u8], into: &mut String) {
    into.clear();
    let mut digits = [0; 64];
    for chunk in bytes.chunks(digits.len() / 2) {
        let digits = &mut digits[..chunk.len() * 2];
        hex::encode_to_slice(chunk, digits).expect("the buffer holds two digits per byte");
        into.push_str(std::str::from_utf8(digits).expect("hexadecimal digits are ASCII"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Commodity;
    use crate::domain::txn::Posting;
    use chrono::NaiveDate;

    fn txn(description: &str) -> Transaction {
        let usd = Commodity::stored("USD".into(), 2);
        Transaction::new(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            description.into(),
            Some("Ana \"A\"".into()),
            None,
            vec![
                Posting::new("expenses:grants:housing", usd.clone(), 25000)
                    .unwrap()
                    .with_memo(Some("línea 1".into())),
                Posting::new("assets:bank:usd", usd, -25000).unwrap(),
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

    fn txn_hash(key: &SaltKey, prev: &str, txn: &Transaction, reverses: Option<&str>) -> String {
        Sealer::new(key.clone()).txn_hash(prev, txn, reverses)
    }

    fn key() -> SaltKey {
        SaltKey::from_hex(&"ab".repeat(32)).unwrap()
    }

    #[test]
    fn transaction_hash_is_the_hash_of_its_content() {
        assert_eq!(
            txn_hash_in(Form::Current, GENESIS, &txn("Rent relief"), None).unwrap(),
            content_hash(GENESIS, rent_content())
        );
        let content = rent_content();
        let sealed = Sealer::new(key()).sealed(GENESIS, &content);
        assert_eq!(
            txn_hash(&key(), GENESIS, &txn("Rent relief"), None),
            hash_v2(GENESIS, &content, &sealed)
        );
    }

    #[test]
    fn sealed_is_the_seal_of_the_salts() {
        let mut content = rent_content();
        content.postings.push((
            "income:donations",
            "USD",
            "0.00".into(),
            "memo 3",
            "housing",
        ));
        content
            .postings
            .push(("income:donations", "USD", "0.00".into(), "", "housing"));
        let mut sealer = Sealer::new(key());
        for prev in [GENESIS, &"12".repeat(32)] {
            let salts = sealer.salts(prev, &content);
            let by_salts = sealer.clone().seal(&salts, &content);
            assert_eq!(sealer.sealed(prev, &content), by_salts);
            assert_eq!(by_salts, salts.seal(&content));
            assert_eq!(by_salts.reference, "");
            assert_eq!(by_salts.postings[1][0], "");
            assert_eq!(by_salts.postings[0][2], "");
            assert_eq!(by_salts.postings[2][2].len(), 64);
        }
    }

    #[test]
    fn salts_and_seals_written_over_another_transactions_are_those_made_afresh() {
        let mut long = rent_content();
        long.description = "A much longer description than the rent's";
        long.reference = "ref-77";
        long.postings.push((
            "income:donations",
            "USD",
            "0.00".into(),
            "memo 3",
            "housing",
        ));
        let mut short = rent_content();
        short.postings.truncate(1);
        short.payee = "";
        let mut sealer = Sealer::new(key());
        let (mut salts, mut sealed) = (TxnSalts::default(), Sealed::default());
        for (prev, content) in [
            (GENESIS, &long),
            (GENESIS, &short),
            (&*"12".repeat(32), &long),
        ] {
            sealer.salts_into(prev, content, &mut salts);
            sealer.sealed_into(prev, content, &mut sealed);
            let fresh = Sealer::new(key());
            assert_eq!(salts, fresh.clone().salts(prev, content));
            assert_eq!(sealed, fresh.clone().sealed(prev, content));
            assert_eq!(salts.postings.len(), content.postings.len());
        }
        assert_eq!(hex(&[0xab; 40]), "ab".repeat(40));
    }

    #[test]
    fn hash_depends_on_content_and_previous() {
        let k = key();
        let a = txn_hash(&k, GENESIS, &txn("Rent relief"), None);
        assert_eq!(a.len(), 64);
        assert_ne!(a, txn_hash(&k, GENESIS, &txn("Rent relief!"), None));
        assert_ne!(a, txn_hash(&k, &a, &txn("Rent relief"), None));
        assert_ne!(a, txn_hash(&k, GENESIS, &txn("Rent relief"), Some(&a)));
        assert_eq!(a, txn_hash(&k, GENESIS, &txn("Rent relief"), None));
        let other = SaltKey::from_hex(&"cd".repeat(32)).unwrap();
        assert_ne!(a, txn_hash(&other, GENESIS, &txn("Rent relief"), None));
    }

    #[test]
    fn v2_form_hashes_commitments_not_text() {
        let content = rent_content();
        let salts = Sealer::new(key()).salts(GENESIS, &content);
        let sealed = salts.seal(&content);
        let text = canonical_v2(GENESIS, &content, &sealed);
        assert!(text.starts_with("[\"fondo-txn-v2\""));
        assert!(
            !text.contains("Rent relief") && !text.contains("línea") && !text.contains("assets")
        );
        assert_eq!(
            sealed.description,
            commit(&salts.description, "Rent relief")
        );
        // An empty field stays visibly empty; the general pool is "".
        assert_eq!(sealed.reference, "");
        assert_eq!(sealed.postings[1][2], "");
        // A redacted field stated by its commitment gives the same hash.
        assert_eq!(unseal("redacted", &sealed.description), sealed.description);
        assert_eq!(
            unseal("Rent relief", &salts.description),
            sealed.description
        );
        // One salt per account, wherever it is named; a text field's salt
        // comes from its place; an empty field has none.
        assert_eq!(
            salts.postings[1][1],
            thing_salt(&key(), "account", "assets:bank:usd")
        );
        assert_eq!(
            salts.description,
            salt(&key(), &["txn", GENESIS, "description"])
        );
        assert_eq!(
            salts.postings[0][0],
            salt(&key(), &["txn", GENESIS, "memo", "1"])
        );
        assert_eq!(
            (salts.reference.as_str(), salts.postings[1][0].as_str()),
            ("", "")
        );
        let stored = hash_v2(GENESIS, &content, &sealed);
        // The sealer's remembered commitments of names are the ones their
        // salts give, row after row, and a stated commitment still wins.
        let mut sealer = Sealer::new(key());
        for prev in [GENESIS, stored.as_str(), GENESIS] {
            let mut salts = sealer.salts(prev, &content);
            assert_eq!(sealer.seal(&salts, &content), salts.seal(&content));
            salts.postings[1][1] = "ab".repeat(32);
            assert_eq!(
                sealer.seal(&salts, &content).postings[1][1],
                "ab".repeat(32)
            );
            salts.postings[1][1] = "cd".repeat(16);
            assert_eq!(
                sealer.seal(&salts, &content).postings[1][1],
                commit(&"cd".repeat(16), "assets:bank:usd")
            );
        }
        assert_eq!(
            recorded_form_sealed(GENESIS, &content, Some(&sealed), &stored, true),
            (Form::V2, stored.clone())
        );
        let v1 = content_hash(GENESIS, content.clone());
        assert_eq!(
            recorded_form_sealed(GENESIS, &content, Some(&sealed), &v1, true),
            (Form::Current, v1)
        );
        assert_eq!(
            recorded_form_sealed(GENESIS, &content, Some(&sealed), GENESIS, true),
            (Form::V2, stored)
        );
    }

    #[test]
    fn commitments_are_the_documented_digest() {
        let salt = "00112233445566778899aabbccddeeff";
        let mut bytes = b"fondo-text-v2\0".to_vec();
        bytes.extend_from_slice(salt.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice("Luis".as_bytes());
        assert_eq!(commit(salt, "Luis"), hex(&Sha256::digest(&bytes)));
        assert_eq!(commit(salt, ""), "");
        assert_eq!(salt_len(&key()), 32);
    }

    #[test]
    fn a_fed_key_salts_as_the_key_over_all_the_parts() {
        let fed = key().fed(&["txn", GENESIS]);
        assert_eq!(
            salt(&fed, &["memo", "2"]),
            salt(&key(), &["txn", GENESIS, "memo", "2"])
        );
        assert_ne!(
            salt(&fed, &["memo", "2"]),
            salt(&key(), &["txn", GENESIS, "memo2"])
        );
    }

    fn salt_len(k: &SaltKey) -> usize {
        salt(k, &["txn", GENESIS, "description"]).len()
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

    #[test]
    fn keys_digest_is_the_documented_digest() {
        let mut digest = KeysDigest::default();
        digest.add(&serde_json::json!(42), TxnId::new(1));
        digest.add(&serde_json::json!("042 \"x\""), TxnId::new(2));
        let expected = hex(&Sha256::digest(b"[42,1]\n[\"042 \\\"x\\\"\",2]\n"));
        assert_eq!(digest.finish(), (2, expected));
        assert_eq!(
            KeysDigest::default().finish().1,
            hex(&Sha256::digest(b"")),
            "no keys: the digest of nothing"
        );
    }

    #[test]
    fn setting_commitments_are_tagged() {
        let mut bytes = b"fondo-fund-secret-v1".to_vec();
        bytes.push(0);
        bytes.extend_from_slice(b"ab");
        assert_eq!(
            setting_commitment(SECRET_TAG, "ab"),
            hex(&Sha256::digest(&bytes))
        );
        assert_ne!(
            setting_commitment(SECRET_TAG, "ab"),
            setting_commitment(SALT_KEY_TAG, "ab")
        );
    }
}
