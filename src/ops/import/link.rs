//! The journal import's hashing stage: each checked transaction chained onto
//! the one before, in a thread of its own.
//!
//! [`Chain`] is pure: it holds the head of the books' chain, the salt key's
//! [`Sealer`] and what it has learnt of the file's own chain, and turns each
//! [`Linking`] (a transaction the importer checked, in file order) into a
//! [`Linked`] one: its hash here, the hash it is chained onto, and whether
//! the file's recorded hash (when the file has one) matches. The importer
//! writes the linked transactions in the same order, so the chain here and
//! the writer's chain agree; the writer refuses a transaction whose previous
//! hash is not its head.

use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::hash::{Form, Sealer, TxnSalts, txn_hash_in, txn_hash_stated};
use crate::domain::ids::TxnId;
use crate::domain::txn::Transaction;
use crate::store::txns::PostingIds;

/// What the file says of a transaction's hash (a file with a `hash` column).
pub(super) struct FileHash {
    pub prev: String,
    pub hash: String,
    /// The `form` column says `v2`.
    pub v2: bool,
    /// The `…_salt` columns, for a v2 row.
    pub salts: TxnSalts,
}

/// The transaction a void reverses.
pub(super) struct Original {
    pub id: TxnId,
    /// Its hash here; `None` when it is earlier in the same file and not yet
    /// written, so the chain knows its hash from having linked it.
    pub hash: Option<String>,
}

/// A checked transaction on its way to the chain.
pub(super) struct Linking {
    pub line: u64,
    pub key: String,
    /// The id it will be written under.
    pub id: TxnId,
    pub txn: Arc<Transaction>,
    pub ids: Vec<PostingIds>,
    pub reverses: Option<Original>,
    /// Boxed: most files have none, and a batch carries many of these.
    pub file: Option<Box<FileHash>>,
}

/// A transaction chained, ready to be written (onto the writer's head,
/// which the chain's previous transaction became). The checked transaction
/// comes back whole, to be freed in the thread that made it.
pub(super) struct Linked {
    pub item: Linking,
    pub hash: Hash,
    pub form: Form,
    /// The file's recorded hash (if any) is this transaction's, in some form.
    pub matches: bool,
}

/// A SHA-256 hash in hex, held inline: the importer frees what it gets from
/// the chain's thread, and memory freed in another thread than the one that
/// took it costs the allocator's locks.
pub(super) struct Hash([u8; 64]);

impl Hash {
    fn new(hex: &str) -> Hash {
        Hash(
            hex.as_bytes()
                .try_into()
                .expect("a SHA-256 hash is 64 hex digits"),
        )
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

/// A batch of checked transactions, with the last id already written: the
/// chain forgets the hashes of written transactions (they are read back
/// from the books when a later void names them).
pub(super) struct Batch {
    pub items: Vec<Linking>,
    pub written_through: TxnId,
}

/// The chain as the import extends it.
pub(super) struct Chain {
    sealer: Sealer,
    head: String,
    /// Whether the next transaction may still be in the v1 form.
    v1_allowed: bool,
    /// The file's hash of its previous transaction, when that was checked.
    file_head: Option<String>,
    /// The file's hash of each transaction linked in this import that got
    /// another hash here (v2 rows re-hashed with this fund's salt key), by
    /// its place among them (its id less the first one's; the importer
    /// numbers them in a row): a later void in the file names its original
    /// by the file's hash. 33 bytes a transaction, where a map of the hex
    /// texts took about 300 (an export of another fund's million
    /// transactions peaked at 365 MB).
    file_hashes: Vec<Option<[u8; 32]>>,
    /// The id of the first transaction linked.
    first: Option<TxnId>,
    /// The hashes of transactions linked but perhaps not written yet.
    unwritten: HashMap<TxnId, String>,
}

impl Chain {
    pub fn new(sealer: Sealer, head: String, v1_allowed: bool) -> Chain {
        Chain {
            sealer,
            head,
            v1_allowed,
            file_head: None,
            file_hashes: Vec::new(),
            first: None,
            unwritten: HashMap::new(),
        }
    }

    /// The file's hash of transaction `id`, when it was linked in this
    /// import and got another hash here.
    fn file_hash(&self, id: TxnId) -> Option<[u8; 32]> {
        let place = usize::try_from(id.get() - self.first?.get()).ok()?;
        self.file_hashes.get(place).copied().flatten()
    }

    /// Keeps the file's hash of transaction `id` (None: the same as here,
    /// or none), at its place after the first transaction linked; nothing
    /// is held until a file's hash differs.
    fn keep_file_hash(&mut self, id: TxnId, in_file: Option<[u8; 32]>) {
        let first = *self.first.get_or_insert(id);
        let Ok(place) = usize::try_from(id.get() - first.get()) else {
            return;
        };
        if in_file.is_some() && self.file_hashes.len() <= place {
            self.file_hashes.resize(place + 1, None);
        }
        if let Some(kept) = self.file_hashes.get_mut(place) {
            *kept = in_file;
        }
    }

    /// Links a batch, in order.
    pub fn link_batch(&mut self, batch: Batch) -> Vec<Linked> {
        self.unwritten.retain(|id, _| *id > batch.written_through);
        batch
            .items
            .into_iter()
            .map(|item| self.link(item))
            .collect()
    }

    fn link(&mut self, item: Linking) -> Linked {
        let txn = &*item.txn;
        let here = item.reverses.as_ref().map(|r| match &r.hash {
            Some(hash) => hash.clone(),
            None => self
                .unwritten
                .get(&r.id)
                .cloned()
                .expect("a void's unwritten original was linked before it"),
        });
        let here = here.as_deref();
        // The file's chain is followed as long as it links: onto these
        // books' head, or onto the file's previous (checked) transaction.
        let file = item
            .file
            .as_ref()
            .filter(|f| f.prev == self.head || self.file_head.as_deref() == Some(f.prev.as_str()));
        // A void's REVERSES_HASH in the file is the original's hash there.
        let in_file = item
            .reverses
            .as_ref()
            .and_then(|r| self.file_hash(r.id))
            .map(hex::encode);
        let original = in_file.as_deref().or(here);
        let in_form = |file: &FileHash, form| {
            txn_hash_in(form, &file.prev, txn, original).is_some_and(|old| old == file.hash)
        };
        // An export made before v2 carries v1 hashes: new books keep that
        // form (and so the fingerprint) until their first v2 row. A row
        // whose `form` says v2 is judged in that form only (fondo writes
        // it beside v2 hashes alone), so it is not hashed in the older
        // forms too.
        let v1 = file.is_some_and(|f| !f.v2 && in_form(f, Form::Current));
        let (form, hash) = if v1 && self.v1_allowed {
            let hash = txn_hash_in(Form::Current, &self.head, txn, here)
                .expect("the v1 form has every field");
            (Form::Current, hash)
        } else {
            self.v1_allowed = false;
            (Form::V2, self.sealer.txn_hash(&self.head, txn, here))
        };
        let matches = match file {
            None => true,
            // Books from before pools were hashed in the pre-pool form; their
            // exports carry those hashes (the transaction is chained here in
            // the current form, so the rest of the file is not compared). So
            // is a v1 row after the books' first v2 row. A v2 row is checked
            // against the salts the file states: the books that exported it
            // had their own salt key.
            Some(f) if f.v2 => {
                f.hash == hash || txn_hash_stated(&f.prev, txn, original, &f.salts) == f.hash
            }
            Some(f) => f.hash == hash || in_form(f, Form::PrePool) || v1,
        };
        self.file_head = file.map(|f| f.hash.clone());
        self.keep_file_hash(
            item.id,
            file.filter(|f| f.hash != hash).and_then(|f| {
                let mut bytes = [0; 32];
                hex::decode_to_slice(&f.hash, &mut bytes)
                    .ok()
                    .map(|()| bytes)
            }),
        );
        let linked = Hash::new(&hash);
        self.unwritten.insert(item.id, hash.clone());
        self.head = hash;
        Linked {
            item,
            hash: linked,
            form,
            matches,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hash::{GENESIS, SaltKey};

    fn chain() -> Chain {
        let key = SaltKey::from_hex(&"cd".repeat(32)).unwrap();
        Chain::new(Sealer::new(key), GENESIS.to_owned(), false)
    }

    #[test]
    fn a_files_hash_is_kept_by_place_and_only_once_one_differs() {
        let mut chain = chain();
        let id = TxnId::new;
        chain.keep_file_hash(id(41), None);
        chain.keep_file_hash(id(42), None);
        assert!(
            chain.file_hashes.is_empty(),
            "nothing held while none differs"
        );
        chain.keep_file_hash(id(43), Some([7; 32]));
        chain.keep_file_hash(id(44), None);
        chain.keep_file_hash(id(45), Some([9; 32]));
        assert_eq!(chain.file_hash(id(43)), Some([7; 32]));
        assert_eq!(chain.file_hash(id(45)), Some([9; 32]));
        for other in [40, 41, 42, 44, 46, 1000] {
            assert_eq!(chain.file_hash(id(other)), None, "{other}");
        }
        assert_eq!(chain.file_hashes.len(), 5);
    }
}
