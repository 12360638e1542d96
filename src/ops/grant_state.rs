//! Brings the `grant_state` cache up to date inside a write, before the
//! write checks what a pool has committed.
//!
//! Rule: the cache is brought up to date lazily, in the transaction of the
//! command that needs it, from the records added since the record it is up
//! to date through: only the grants those records name are replayed again,
//! unless one of them is read by every replay (a policy, a role or relation
//! or key record, or a kind this binary does not know), when every grant
//! is. So a write's cost does not grow with the number of grants, and a
//! command that fails rolls the cache back with everything else.

use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::books::grants::{self, Governance};
use crate::domain::grant::Commitment;
use crate::domain::ids::GrantId;
use crate::error::Result;
use crate::store::grant_state;

/// Brings the cache up to date through the last record.
pub(crate) fn sync(conn: &Connection) -> Result<()> {
    let last = grant_state::last_record(conn)?;
    let through = grant_state::through(conn)?;
    if through == Some(last) {
        return Ok(());
    }
    let changed: Option<BTreeSet<GrantId>> = match through {
        None => None,
        Some(id) => grants::replays_changed(&grant_state::records_after(conn, id)?),
    };
    let governance = Governance::load(conn)?;
    match changed {
        None => {
            grant_state::clear(conn)?;
            for (_, grant) in grants::all_judged(conn, &governance)? {
                grant_state::put(conn, &Commitment::of(&grant?))?;
            }
        }
        Some(ids) => {
            for id in ids {
                let grant = grants::load_judged(conn, id, &governance)?;
                grant_state::put(conn, &Commitment::of(&grant))?;
            }
        }
    }
    grant_state::set_through(conn, last)
}
