//! What the rules of the fund refuse, one enum per area, each variant one
//! rule with the context its message needs.
//!
//! Rule: a variant is a rule, not a sentence: callers (and the binary's
//! hints) match on it, never on its text. Fields carry what the message
//! names — labels (`G-0001`), member names, days and times, and amounts
//! already written in their commodity's places (this module sits below
//! `domain`, whose types it cannot hold, except the ids of its leaf `ids`). Messages follow the crate's: lower
//! case, no trailing period, no flag or command named: the binary's hints
//! (`src/commands/hints.rs`) add those by variant.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::ids::{PledgeId, TxnId};

/// A time as the governance records write it.
fn stamp(at: &NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// What the grant rules refuse: votes, decisions, tranches, spending,
/// closures, policies and relations out of turn or beyond what was agreed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrantRefusal {
    #[error("a ballot's reason is one line, without control characters")]
    BallotReason,

    #[error("the policy of {grant} takes only signed votes; {voter} votes with a signed ballot")]
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

/// What the rules on members, their roles and the fund's settings refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberRefusal {
    #[error("{name:?} is, or was, the name of another member; names stay with who had them")]
    FormerName { name: String },

    #[error("nothing to change: {member}'s details are already as given")]
    NothingToChange { member: String },

    #[error("a term cannot end ({until}) before it starts ({from})")]
    TermBackwards { from: NaiveDate, until: NaiveDate },

    /// `clash` describes the term it overlaps (`from 2025-01-01, open`).
    #[error("{member} already holds the {role} role {clash}; terms of one role may not overlap")]
    TermsOverlap {
        member: String,
        role: String,
        clash: String,
    },

    #[error("{member} holds no open {role} term")]
    NoOpenTerm { member: String, role: String },

    #[error("the {role} term of {member} starts on {starts}; it cannot end before that ({on})")]
    TermEndsBeforeStart {
        member: String,
        role: String,
        starts: NaiveDate,
        on: NaiveDate,
    },

    #[error("{key} must be an assets account, not {account}")]
    NotAssets { key: &'static str, account: String },

    #[error("{key} is true or false (got {value:?})")]
    NotTrueOrFalse { key: String, value: String },

    #[error("{key} is a number of months, at least 1 (got {value:?})")]
    NotMonths { key: String, value: String },
}

/// What the rules on pools refuse: committed money spent or moved, and
/// edits that change nothing or what cannot change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolRefusal {
    #[error("a move's source and destination are the same pool ({pool})")]
    MoveSamePool { pool: String },

    #[error(
        "after this, pool {pool} would hold {held} {commodity} while {committed} {commodity} of it is committed to approved grants ({short} {commodity} short); committed money cannot be spent, moved or exchanged for anything else"
    )]
    CommittedSpent {
        pool: String,
        commodity: String,
        held: String,
        committed: String,
        short: String,
    },

    #[error(
        "pool {pool} would have {available} {commodity} available on {on}: the rest is committed to approved grants and cannot be moved"
    )]
    CommittedMoved {
        pool: String,
        commodity: String,
        available: String,
        on: NaiveDate,
    },

    #[error("the general pool is the unrestricted rest; its purpose cannot change")]
    GeneralFixed,

    #[error("a pool needs a purpose the community agreed on")]
    NoPurpose,

    #[error("nothing to change: pool {pool}'s purpose and guidelines are already as given")]
    NothingToChange { pool: String },
}

/// What the rules on transfers between funds refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferRefusal {
    /// `what` says which side needs it (`a transfer's sending account is`).
    #[error("{what} an assets account; {account} is not one")]
    NotAssets { what: String, account: String },

    #[error("{fund} is this fund's own id; a transfer is between two funds")]
    OwnFund { fund: String },

    #[error("{grant} is {status}; a transfer funds an open or approved grant")]
    GrantNotOpen { grant: String, status: &'static str },

    #[error(
        "{grant} is a grant of pool {grant_pool}, not of the pool the transfer goes to ({pool})"
    )]
    OtherPool {
        grant: String,
        grant_pool: String,
        pool: String,
    },

    #[error(
        "transfer {transfer} is not of fund {fund}: a transfer id starts with its sender's fund id"
    )]
    NotOfSender { transfer: String, fund: String },

    #[error("transfer {transfer} was received before, in transaction {txn} of {date}")]
    AlreadyReceived {
        transfer: String,
        txn: TxnId,
        date: String,
    },

    #[error(
        "the amount sent ({sent} {commodity}) and the amount received ({received} {commodity}) differ in one currency; record what arrived, or the other currency it was sent in"
    )]
    AmountsDiffer {
        sent: String,
        received: String,
        commodity: String,
    },

    #[error(
        "{id:?} is not a transfer id: a transfer id is the sender's fund id, a dash and a number, e.g. 3f0c…9a-1"
    )]
    NotTransferId { id: String },
}

/// What the rules on pledges refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PledgeRefusal {
    #[error("a pledge cannot end ({until}) before it starts ({from})")]
    Backwards { from: NaiveDate, until: NaiveDate },

    /// `to_pool` is empty or ` to pool NAME`.
    #[error("{member} has no pledge{to_pool} running on {on}")]
    NoneRunning {
        member: String,
        to_pool: String,
        on: NaiveDate,
    },

    /// `ids` are the running pledges' numbers, `#1, #2`.
    #[error("{member} has {count} pledges running on {on} ({ids}); say which with its pool")]
    Several {
        member: String,
        count: usize,
        on: NaiveDate,
        ids: String,
    },

    #[error("pledge #{pledge} of {member} starts on {starts}; it cannot end before that ({on})")]
    EndsBeforeStart {
        pledge: PledgeId,
        member: String,
        starts: NaiveDate,
        on: NaiveDate,
    },

    #[error("nothing to change: give a new amount or frequency")]
    NoChangeGiven,

    #[error(
        "pledge #{pledge} of {member} starts on {starts}; a change takes effect after that (or end it and add a new pledge)"
    )]
    ChangeOnStart {
        pledge: PledgeId,
        member: String,
        starts: NaiveDate,
    },

    #[error("nothing to change: pledge #{pledge} is already that")]
    AlreadyThat { pledge: PledgeId },
}

/// What the rules on members' and the fund's signing keys refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyRefusal {
    #[error("key {fingerprint} is already registered to {member}{}", if *.revoked {
        " and was revoked; a revoked key is never registered again: make a new one"
    } else {
        ""
    })]
    AlreadyRegistered {
        fingerprint: String,
        member: String,
        revoked: bool,
    },

    #[error(
        "key {fingerprint} is registered to another member ({member}); a key belongs to one member"
    )]
    OtherMembers { fingerprint: String, member: String },

    #[error("key {fingerprint} is the fund's own key; a member signs with a key of their own")]
    FundsKey { fingerprint: String },

    #[error("{member} holds no key {fingerprint} in force at {}", stamp(.at))]
    NotInForce {
        member: String,
        fingerprint: String,
        at: NaiveDateTime,
    },

    #[error("key {fingerprint} is already the fund's key")]
    AlreadyFunds { fingerprint: String },

    #[error("key {fingerprint} is a member's key; the fund signs with a key of its own")]
    MembersKey { fingerprint: String },
}

/// What the rules on contributions and gifts from stock refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContributionRefusal {
    #[error("a kind describes support in kind; a contribution of money has none")]
    KindOfMoney,

    #[error("money goes into an assets account, not {account}")]
    NotAssets { account: String },

    #[error("there is no stock of {commodity} ({account} does not exist)")]
    NoStock { commodity: String, account: String },

    #[error(
        "the stock of {commodity} would be {low} on {day}; nothing can be given that is not there"
    )]
    StockShort {
        commodity: String,
        low: String,
        day: String,
    },
}

/// What the rules on reconciliations with bank statements refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReconcileRefusal {
    #[error(
        "{account} was reconciled with its statement at the end of {date} with {reconciled} {commodity}; this entry would make it {now} {commodity}. Reopen that reconciliation first, with a reason"
    )]
    Reconciled {
        account: String,
        date: String,
        reconciled: String,
        now: String,
        commodity: String,
    },

    #[error("the balance of {account} is too large to record")]
    TooLarge { account: String },

    #[error(
        "the books' balance of {account} at the end of {on} is {books} {commodity}, not the statement's {stated} {commodity}; nothing was recorded"
    )]
    Differs {
        account: String,
        on: NaiveDate,
        books: String,
        stated: String,
        commodity: String,
    },

    #[error("reopening a reconciliation needs a reason")]
    NoReason,
}

/// What the rules on pooled purchases refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PurchaseRefusal {
    #[error("a purchase needs a supplier")]
    NoSupplier,

    /// Times as the purchase records write them.
    #[error("a purchase cannot close ({closes}) before it opens ({opens})")]
    ClosesBeforeOpening { opens: String, closes: String },

    #[error("a purchase named {name:?} already exists")]
    Exists { name: String },

    #[error("the fund has no default currency, so say which currency the purchase is in")]
    NoCurrency,

    #[error("{code} is not a currency; a purchase is paid in money")]
    NotMoney { code: String },

    #[error("nothing of value was received, so there is nothing to share")]
    NothingReceived,

    #[error("a subsidy is at most 100 % of the shares")]
    SubsidyOverWhole,

    /// `total` in the purchase currency's minor units: the command that
    /// knows the currency shows it with the message.
    #[error("a subsidy is at most the invoice plus costs")]
    SubsidyOverTotal { total: i64 },
}

/// What the rules of a hub's register of member funds refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HubRefusal {
    #[error("a hub needs a name")]
    NoName,

    #[error("{id:?} is not a fund id: a fund id is 32 lower-case hexadecimal digits")]
    NotFundId { id: String },

    #[error("a member fund needs a name")]
    NoFundName,

    #[error("fund {fund} is registered as {registered:?}, not {name:?}")]
    OtherName {
        fund: String,
        registered: String,
        name: String,
    },

    #[error("fund {fund} has the key {fingerprint} already")]
    KeyKnown { fund: String, fingerprint: String },

    /// `published` is the bundle's audience, `asked` the page's (`public`,
    /// `members`, `treasurer`).
    #[error(
        "fund {fund} published its bundle for {period} for the {published} audience, so the hub cannot show it on a page for a wider one; ask for that audience or one less public, or have the fund publish a {asked} bundle"
    )]
    AudienceTooWide {
        fund: String,
        period: String,
        published: String,
        asked: &'static str,
    },
}

/// What the rules on posting and voiding transactions refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerRefusal {
    #[error("a pool applies to income, expense and equity postings, and this transaction has none")]
    PoolWithoutPooled,

    #[error(
        "transaction {txn} is the money returned when {grant} was closed, and the grant's records count it as returned; it cannot be voided"
    )]
    VoidsReturn { txn: TxnId, grant: String },

    #[error("posting to {account} has a zero amount")]
    ZeroAmount { account: String },

    #[error(
        "posting to {account} names a pool, but pools apply only to income, expenses and equity accounts (where the money came from or went), not to where it is kept"
    )]
    PoolOnHolding { account: String },

    #[error("a transaction needs a description")]
    NoDescription,

    #[error("a transaction needs at least two postings, got {count}")]
    TooFewPostings { count: usize },

    #[error("only one posting may leave its amount out")]
    ManyElided,

    #[error(
        "an amount can be left out only when one commodity is involved (found {first} and {second})"
    )]
    ElidedMixed { first: String, second: String },

    #[error("at least one posting needs an amount")]
    NoAmount,

    #[error("a void cannot be dated {date}, before the transaction it voids ({original})")]
    VoidBeforeOriginal {
        date: NaiveDate,
        original: NaiveDate,
    },
}

/// What the rules on currency exchanges refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeRefusal {
    #[error("an exchange needs two different commodities (both are {code})")]
    SameCommodity { code: String },

    #[error("exchanges move money between assets accounts; {account} is not one")]
    NotAssets { account: String },

    #[error("the fee is paid in {from} or {to}, not {code}")]
    FeeCommodity {
        from: String,
        to: String,
        code: String,
    },

    #[error("a rate relates two different commodities (both are {code})")]
    RateSameCommodity { code: String },
}

/// What setting up a fund and its accounts refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupRefusal {
    #[error("a fixed salt key must be 64 hexadecimal digits")]
    SaltKey,

    #[error("a fixed fund id must be 32 lower-case hexadecimal digits")]
    FundId,

    #[error("nothing to change: {account} already has that note")]
    SameNote { account: String },

    #[error("the fund needs a name")]
    NoName,
}

/// What writing and reading audit bundles refuses: where a bundle goes,
/// and what is not one. Paths are as given, displayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleRefusal {
    #[error(
        "{path} exists and is not a directory; an audit bundle is written into a new or empty directory"
    )]
    TargetNotDirectory { path: String },

    #[error("{path} is not empty; an audit bundle is written into a new or empty directory")]
    TargetNotEmpty { path: String },

    #[error("{path} names no directory")]
    TargetUnnamed { path: String },

    #[error("the directory {dir} does not exist")]
    NoParent { dir: String },

    #[error("{path} is not a directory")]
    NotDirectory { path: String },

    #[error("{path} is not a fondo audit bundle: it has neither {bundle} nor {manifest}")]
    NotBundle {
        path: String,
        bundle: &'static str,
        manifest: &'static str,
    },
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

    #[test]
    fn each_area_words_its_rules_with_their_context() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
        assert_eq!(
            KeyRefusal::AlreadyRegistered {
                fingerprint: "SHA256:abc".into(),
                member: "Ana".into(),
                revoked: true,
            }
            .to_string(),
            "key SHA256:abc is already registered to Ana and was revoked; a revoked key is never registered again: make a new one"
        );
        assert_eq!(
            KeyRefusal::AlreadyRegistered {
                fingerprint: "SHA256:abc".into(),
                member: "Ana".into(),
                revoked: false,
            }
            .to_string(),
            "key SHA256:abc is already registered to Ana"
        );
        assert_eq!(
            PledgeRefusal::Several {
                member: "Beto".into(),
                count: 2,
                on: day(1),
                ids: "#3, #5".into(),
            }
            .to_string(),
            "Beto has 2 pledges running on 2025-03-01 (#3, #5); say which with its pool"
        );
        assert_eq!(
            MemberRefusal::TermBackwards {
                from: day(2),
                until: day(1),
            }
            .to_string(),
            "a term cannot end (2025-03-01) before it starts (2025-03-02)"
        );
        // No message of the library names a flag: the binary adds them.
        assert_eq!(
            BundleRefusal::TargetNotEmpty { path: "out".into() }.to_string(),
            "out is not empty; an audit bundle is written into a new or empty directory"
        );
    }
}
