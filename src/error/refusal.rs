//! What the rules of the fund refuse, one enum per area, each variant one
//! rule with the context its message needs.
//!
//! Rule: a variant is a rule, not a sentence: callers (and the binary's
//! hints) match on it, never on its text. Fields carry what the message
//! names — labels (`G-0001`), member names, days and times, and amounts
//! already written in their commodity's places (this module sits below
//! `domain` and cannot hold its types). Messages follow the crate's: lower
//! case, no trailing period, no flag or command named but where the text
//! predates this rule (kept word for word: tests pin them).

use chrono::{NaiveDate, NaiveDateTime};

/// A time as the governance records write it.
fn stamp(at: &NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// What the grant rules refuse: votes, decisions, tranches, spending,
/// closures, policies and relations out of turn or beyond what was agreed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrantRefusal {
    #[error(
        "the policy of {grant} takes only signed votes; {voter} votes with a signed ballot (`grant ballot`, then `grant vote --ballot`)"
    )]
    SignedVotesOnly { grant: String, voter: String },

    #[error(
        "{grant} was applied for at {}; a vote cannot come before it (this one is at {})",
        stamp(.applied),
        stamp(.at)
    )]
    VoteBeforeApplication {
        grant: String,
        applied: NaiveDateTime,
        at: NaiveDateTime,
    },

    /// `why` says why the member may not vote (not a steward then, the
    /// applicant, related to the applicant).
    #[error("{voter} {why}; the vote is refused")]
    MayNotVote { voter: String, why: String },

    #[error("{voter} already voted {vote} on {grant}; nothing changes")]
    AlreadyVoted {
        voter: String,
        vote: String,
        grant: String,
    },

    /// A vote the grant's rules refuse as it stands (`why`: the rule).
    #[error("the vote of {voter} {why}; it is refused")]
    VoteRefused { voter: String, why: String },

    #[error("{voter} has no vote standing on {grant}; there is nothing to withdraw")]
    NothingToWithdraw { voter: String, grant: String },

    #[error("{grant} is already {status}")]
    AlreadyDecided { grant: String, status: &'static str },

    #[error("a commitment cannot expire ({expires}) before it is decided ({decided})")]
    ExpiresBeforeDecision {
        expires: NaiveDate,
        decided: NaiveDate,
    },

    #[error(
        "{grant} has the votes, but its pool has only {available} {commodity} available on {on} ({short} short); it stays open: move money into the pool, then decide again"
    )]
    PoolShort {
        grant: String,
        available: String,
        commodity: String,
        on: NaiveDate,
        short: String,
    },

    #[error(
        "{grant} was approved for {approved} {commodity} and {paid} is paid; {more} more would exceed it"
    )]
    Overpaid {
        grant: String,
        approved: String,
        commodity: String,
        paid: String,
        more: String,
    },

    #[error("a tranche cannot be dated {date}, before the approval ({approved})")]
    TrancheBeforeApproval {
        date: NaiveDate,
        approved: NaiveDate,
    },

    #[error("a tranche is paid out of an assets account, not {account}")]
    TrancheNotFromAssets { account: String },

    #[error("spending cannot be dated {date}, before the application ({applied})")]
    SpendingBeforeApplication { date: NaiveDate, applied: NaiveDate },

    #[error("nothing has been paid on {grant} yet; spending is reported against tranches paid")]
    NothingPaid { grant: String },

    #[error(
        "{grant} was paid {paid} {commodity} and {spent} is already reported; {more} more would exceed what was paid"
    )]
    Overspent {
        grant: String,
        paid: String,
        commodity: String,
        spent: String,
        more: String,
    },

    #[error("a closure cannot be dated {date}, before the approval ({approved})")]
    ClosureBeforeApproval {
        date: NaiveDate,
        approved: NaiveDate,
    },

    #[error(
        "{grant} was paid {paid} {commodity} and {spent} was reported spent; at most the difference can come back"
    )]
    ReturnExceedsUnspent {
        grant: String,
        paid: String,
        commodity: String,
        spent: String,
    },

    #[error(
        "the pool's policy last changed at {}; a new version cannot be dated before it",
        stamp(.last)
    )]
    PolicyBeforeLast { last: NaiveDateTime },

    #[error(
        "the pool has an application at {}; a new policy version cannot be dated before it",
        stamp(.applied)
    )]
    PolicyBeforeApplication { applied: NaiveDateTime },

    #[error("a member cannot be related to themselves")]
    RelatedToSelf,

    #[error("{a} and {b} are already related")]
    AlreadyRelated { a: String, b: String },

    #[error(
        "{grant} has a record at {}; events on one grant must be in time order (this one is at {})",
        stamp(.last),
        stamp(.at)
    )]
    OutOfOrder {
        grant: String,
        last: NaiveDateTime,
        at: NaiveDateTime,
    },

    #[error("{grant} is {status}; votes are taken only while it is open")]
    BallotNotOpen { grant: String, status: &'static str },

    #[error(
        "{grant} takes votes from {} until {}; a ballot at {} could not be recorded",
        stamp(.from),
        stamp(.until),
        stamp(.at)
    )]
    BallotOutsideWindow {
        grant: String,
        from: NaiveDateTime,
        until: NaiveDateTime,
        at: NaiveDateTime,
    },

    /// `why` says why the member may not vote then.
    #[error("{voter} {why}; no ballot is written")]
    BallotMayNotVote { voter: String, why: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn messages_name_the_grant_and_the_times_as_the_records_write_them() {
        assert_eq!(
            GrantRefusal::OutOfOrder {
                grant: "G-0001".into(),
                last: at("2025-02-03T10:00"),
                at: at("2025-02-01T09:30"),
            }
            .to_string(),
            "G-0001 has a record at 2025-02-03T10:00:00; events on one grant must be in time order (this one is at 2025-02-01T09:30:00)"
        );
        assert_eq!(
            GrantRefusal::PoolShort {
                grant: "G-0002".into(),
                available: "100.00".into(),
                commodity: "USD".into(),
                on: NaiveDate::from_ymd_opt(2025, 2, 3).unwrap(),
                short: "200.00".into(),
            }
            .to_string(),
            "G-0002 has the votes, but its pool has only 100.00 USD available on 2025-02-03 (200.00 short); it stays open: move money into the pool, then decide again"
        );
        assert_eq!(
            GrantRefusal::RelatedToSelf.to_string(),
            "a member cannot be related to themselves"
        );
    }
}
