//! Community-controlled micro-grants: policies, applications, votes,
//! decisions, tranches, spending reports and closure.
//!
//! Every step is a governance record (see `store::records`): an append-only,
//! hash-chained JSON payload (`domain::records`) with the time it happened
//! (`--at`). A grant's state is never stored; it is replayed from its
//! records by `books::grants::load`, so the records are the single source of
//! truth and `verify` can re-check every decision. Money moves only in the
//! ledger: an approval commits money in the pool (its available amount
//! drops, its holdings do not), a tranche is an ordinary transaction charged
//! to the pool, and a return puts money back.
//!
//! Rules kept here:
//! - events on one grant are in time order;
//! - only stewards in term on the vote's day vote, and never the applicant or
//!   members related to the applicant (recusal);
//! - a decision cites the policy version in force when the grant was applied
//!   for, and the tier its amount falls in;
//! - an approval never commits more than the pool has available then;
//! - tranches never add up to more than was approved; spending reported
//!   never exceeds what was paid.
//!
//! The commands are grouped by what they write: the pool's policy and the
//! relations between members ([`set_policy`], [`relate`]); the life of an
//! application ([`apply`], [`vote`], [`decide`], [`sweep`], [`withdraw`]);
//! and the grant's money ([`pay`], [`spend`], [`close`]).

mod decide;
mod money;
mod policy;

pub use decide::{
    ApplyRequest, Decided, SignedVote, apply, decide, sweep, vote, vote_signed, withdraw,
    withdraw_vote,
};
pub use money::{CloseRequest, PayRequest, SpendRequest, close, pay, spend};
pub use policy::{PolicyRequest, relate, set_policy};

use crate::store::WriteTx;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::domain::grant::{Grant, Status};
use crate::domain::ids::{GrantId, RecordId};
use crate::domain::records::{RecordKind, to_json};
use crate::error::{Error, GrantRefusal, Result};
use crate::store::records;

/// How the time of a step is recorded.
pub(crate) fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Appends a governance record of `kind` that happened at `at`.
pub(crate) fn append_record<T: Serialize>(
    tx: &WriteTx<'_>,
    kind: RecordKind,
    grant: Option<GrantId>,
    at: NaiveDateTime,
    payload: &T,
) -> Result<RecordId> {
    records::append(
        tx,
        kind.as_str(),
        grant,
        &stamp(at),
        &to_json(payload),
        &tx.recorded_at(),
    )
}

/// Refuses a step unless the grant is in `status`; `rule` says which steps
/// that status allows.
fn expect_status(grant: &Grant, status: Status, rule: &'static str) -> Result<()> {
    if grant.status == status {
        return Ok(());
    }
    Err(Error::GrantStatus {
        grant: grant.id.to_string(),
        status: grant.status.as_str(),
        rule,
    })
}

fn in_order(grant: &Grant, at: NaiveDateTime) -> Result<()> {
    if at < grant.last_at {
        return Err(GrantRefusal::OutOfOrder {
            grant: grant.id.to_string(),
            last: grant.last_at,
            at,
        }
        .into());
    }
    Ok(())
}

/// The time of a step: the one given, or the moment the write began, read
/// once the write lock is held: a step that waited for another treasurer's
/// command is then never dated before it (events on one grant must be in
/// time order).
pub(crate) fn when(tx: &WriteTx<'_>, at: Option<NaiveDateTime>) -> NaiveDateTime {
    at.unwrap_or_else(|| tx.now().local())
}
