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
    pub file: Option<FileHash>,
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
    /// The file's hash of each checked transaction that got another hash
    /// here (v2 rows re-hashed with this fund's salt key), by its hash here:
    /// a later void in the file names its original by the file's hash.
    file_hashes: HashMap<String, String>,
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
            file_hashes: HashMap::new(),
            unwritten: HashMap::new(),
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
        let original = here.map(|h| self.file_hashes.get(h).map_or(h, String::as_str));
        let in_form = |file: &FileHash, form| {
            txn_hash_in(form, &file.prev, txn, original).is_some_and(|old| old == file.hash)
        };
        // An export made before v2 carries v1 hashes: new books keep that
        // form (and so the fingerprint) until their first v2 row.
        let v1 = file.is_some_and(|f| in_form(f, Form::Current));
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
            Some(f) => {
                f.hash == hash
                    || in_form(f, Form::PrePool)
                    || v1
                    || (f.v2 && txn_hash_stated(&f.prev, txn, original, &f.salts) == f.hash)
            }
        };
        self.file_head = file.map(|f| f.hash.clone());
        if let Some(f) = file
            && f.hash != hash
        {
            self.file_hashes.insert(hash.clone(), f.hash.clone());
        }
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
