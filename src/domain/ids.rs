//! Typed ids: a grant's number is a [`GrantId`], a pool's a [`PoolId`], a
//! member's a [`MemberId`], a commodity's a [`CommodityId`], an account's
//! an [`AccountId`], a transaction's a [`TxnId`], a governance record's a
//! [`RecordId`], a pledge's a [`PledgeId`], a role term's a [`TermId`], a
//! pooled purchase's a [`PurchaseId`], a reference rate's a [`RateId`] and
//! an import source's a [`SourceId`], not bare `i64`s, so one cannot be passed where another is
//! wanted.
//!
//! Rule: an id is made from a number only where the number is read back
//! (a store row, a parsed label, a record payload) or numbered afresh by the
//! store; everywhere else it travels as its type. Serialized, an id is the
//! bare number it wraps, so record payloads, their hashes and every JSON
//! output are byte for byte what they were with `i64`.
//!
//! This module is a leaf: it imports nothing of the crate, so the error
//! type can carry these ids. A label that is not a grant's is a
//! [`NotAGrant`], which the error type turns into its `UnknownGrant`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An id type: a copyable wrapper of the store's number, serialized as
/// that number, made with `new` and read with `get`.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id numbered `n`, as the store numbers them (from 1).
            pub const fn new(n: i64) -> $name {
                $name(n)
            }

            /// The number, for the store and for hashing.
            pub const fn get(self) -> i64 {
                self.0
            }
        }
    };
}

id_type!(
    /// A grant's number, shown as `G-0007`.
    GrantId
);

id_type!(
    /// A pool's number. It is not shown: a pool is shown by its name.
    PoolId
);

id_type!(
    /// A commodity's number. It is not shown: a commodity is shown by its
    /// code.
    CommodityId
);

id_type!(
    /// An account's number. It is not shown: an account is shown by its
    /// name.
    AccountId
);

id_type!(
    /// A transaction's number in the journal, shown bare (`transaction 12`,
    /// the `txn` column of a report or bundle file).
    TxnId
);

impl TxnId {
    /// Stands for the transaction of an event checked before it is posted
    /// (the store numbers from 1); replaced by the posted id before the
    /// event is recorded.
    pub const UNPOSTED: TxnId = TxnId(0);
}

impl fmt::Display for TxnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

id_type!(
    /// A governance record's number in the records chain, shown bare
    /// (`record 12`, the `id` column of records.csv).
    RecordId
);

impl RecordId {
    /// Before the first record (the store numbers from 1): where a chain
    /// with no records is, and what a cache of it is up to date through.
    pub const START: RecordId = RecordId(0);

    /// Past the last record: the records before it are all of them, as
    /// they stand now.
    pub const END: RecordId = RecordId(i64::MAX);
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

id_type!(
    /// A pledge's number, shown bare (`pledge 3`).
    PledgeId
);

impl PledgeId {
    /// Stands for a pledge not stored yet (the store numbers from 1): the
    /// store numbers it when it is inserted.
    pub const UNSAVED: PledgeId = PledgeId(0);
}

impl fmt::Display for PledgeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

id_type!(
    /// A role term's number, shown bare (`term 4`, as `member end-role`
    /// names it).
    TermId
);

impl fmt::Display for TermId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

id_type!(
    /// A pooled purchase's number. It is not shown: a purchase is shown by
    /// its name.
    PurchaseId
);

id_type!(
    /// A reference rate's number. It is not shown: a rate is shown by its
    /// day and currencies.
    RateId
);

id_type!(
    /// An import source's number (the source a journal or statement import
    /// is remembered under). It is not shown: a source is shown by its
    /// label.
    SourceId
);

id_type!(
    /// A member's number, shown bare (`#3` in a message, a ballot's
    /// `voter:` line, an allowed-signers entry); to an audience a member is
    /// shown by the name or label it may see, never by this.
    MemberId
);

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Text that is not a grant's label, as it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAGrant {
    pub text: String,
}

impl GrantId {
    /// Parses `G-0007`, `g-7` or `7`, as [`FromStr`] does.
    ///
    /// # Errors
    /// [`NotAGrant`] holding the text as given.
    pub fn parse(text: &str) -> Result<GrantId, NotAGrant> {
        text.parse()
    }
}

impl fmt::Display for GrantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "G-{:04}", self.0)
    }
}

/// Parses `G-0007`, `g-7` or `7`; anything else (or a number below 1) is
/// [`NotAGrant`] holding the text as given.
impl FromStr for GrantId {
    type Err = NotAGrant;

    fn from_str(text: &str) -> Result<GrantId, NotAGrant> {
        let digits = text
            .trim()
            .strip_prefix(['G', 'g'])
            .map_or(text.trim(), |rest| rest.trim_start_matches('-'));
        digits
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(GrantId)
            .ok_or_else(|| NotAGrant {
                text: text.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_id_shows_and_parses_as_its_label() {
        let id = GrantId::new(7);
        assert_eq!(id.to_string(), "G-0007");
        assert_eq!(GrantId::new(12345).to_string(), "G-12345");
        for text in ["G-0007", "g-7", "7", " G7 "] {
            assert_eq!(text.parse::<GrantId>().ok(), Some(id), "{text}");
        }
        for text in ["", "G-", "G-0", "-3", "G-x", "H-7", "7.0"] {
            assert!(
                matches!(text.parse::<GrantId>(), Err(NotAGrant { text: given }) if given == text),
                "{text}"
            );
        }
    }

    #[test]
    fn a_grant_id_serializes_as_its_bare_number() {
        let id = GrantId::new(42);
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("42"));
        assert_eq!(serde_json::from_str::<GrantId>("42").ok(), Some(id));
        assert_eq!(id.get(), 42);
    }

    /// A member's number shows as the bare number the `i64` showed: the
    /// pseudonyms are hashed from that text, so a change here would rename
    /// every hidden member.
    #[test]
    fn a_member_id_shows_bare_and_each_id_serializes_as_its_number() {
        assert_eq!(MemberId::new(3).to_string(), "3");
        let json = serde_json::to_string(&(GrantId::new(1), PoolId::new(2), MemberId::new(3)));
        assert_eq!(json.ok().as_deref(), Some("[1,2,3]"));
        let back: Option<(PoolId, MemberId)> = serde_json::from_str("[2,3]").ok();
        assert_eq!(back, Some((PoolId::new(2), MemberId::new(3))));
    }

    /// A transaction shows as the bare number (`transaction 12`), and the
    /// commodity, account and transaction ids serialize as their numbers:
    /// record payloads hold them, so a change would change their hashes.
    #[test]
    fn a_transaction_id_shows_bare_and_the_ledger_ids_serialize_as_numbers() {
        assert_eq!(TxnId::new(12).to_string(), "12");
        assert_eq!(TxnId::UNPOSTED.get(), 0);
        let ids = (CommodityId::new(4), AccountId::new(5), TxnId::new(6));
        let json = serde_json::to_string(&ids);
        assert_eq!(json.ok().as_deref(), Some("[4,5,6]"));
        let back: Option<(CommodityId, AccountId, TxnId)> = serde_json::from_str("[4,5,6]").ok();
        assert_eq!(back, Some(ids));
    }

    /// A governance record shows as the bare number (`record 12`) and
    /// serializes as it: a reopening's payload names the close it lifts.
    #[test]
    fn a_record_id_shows_bare_and_serializes_as_its_number() {
        assert_eq!(RecordId::new(12).to_string(), "12");
        assert_eq!(
            serde_json::to_string(&RecordId::new(7)).ok().as_deref(),
            Some("7")
        );
        assert_eq!(
            serde_json::from_str::<RecordId>("7").ok(),
            Some(RecordId::new(7))
        );
    }

    /// A pledge and a role term show as their bare numbers (`pledge 3`,
    /// `term 4`); every id of the community's tables serializes as its
    /// number, as the audit payloads that hold them were hashed.
    #[test]
    fn the_community_ids_show_bare_and_serialize_as_numbers() {
        assert_eq!(PledgeId::new(3).to_string(), "3");
        assert_eq!(TermId::new(4).to_string(), "4");
        assert_eq!(PledgeId::UNSAVED.get(), 0);
        let ids = (
            PledgeId::new(1),
            TermId::new(2),
            PurchaseId::new(3),
            RateId::new(4),
            SourceId::new(5),
        );
        let json = serde_json::to_string(&ids);
        assert_eq!(json.ok().as_deref(), Some("[1,2,3,4,5]"));
        let back: Option<(PledgeId, TermId, PurchaseId, RateId, SourceId)> =
            serde_json::from_str("[1,2,3,4,5]").ok();
        assert_eq!(back, Some(ids));
    }
}
