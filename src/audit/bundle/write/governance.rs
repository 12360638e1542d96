//! The governance files: `grants.csv` and `votes.csv` (every grant of the
//! period as it stood at the period's end, replayed by
//! [`crate::books::grants`], with every vote cast by then and who had to
//! recuse), `policies.csv` (every version set by the end of the period, a
//! row per tier) and `roles.csv`. The rows are built by
//! [`crate::audit::bundle::derive`], which the checker uses again on
//! `records.csv`.
//!
//! Rule: nothing after the period's last day is shown: no later vote,
//! tranche, decision or closure.

use std::collections::HashMap;

use super::{Bundle, cell};
use crate::audit::bundle::derive::{Shown, Standing, grant_row, policy_rows, stamp, vote_rows};
use crate::books::grants;
use crate::domain::bundle::rows::{RoleRow, VoteRow};
use crate::domain::bundle::{GRANTS, POLICIES, ROLES, VOTES};
use crate::domain::date::iso;
use crate::domain::ids::{MemberId, PoolId};
use crate::error::Result;
use crate::store::members;

impl Bundle<'_> {
    /// grants.csv and votes.csv: the grants of the period as they stood at
    /// its end, with every vote cast by then and who recused.
    pub(super) fn grants(&mut self) -> Result<()> {
        let (conn, span) = (self.conn, self.span);
        let mut grant_file = self.csv(GRANTS)?;
        let mut vote_rows_all: Vec<VoteRow> = Vec::new();
        for id in grants::ids(conn)? {
            let g = grants::load(conn, id)?;
            let Some(state) = Standing::of(&g, span) else {
                continue;
            };
            let until = state.until(&g);
            let person = |m: MemberId| self.person(m);
            let pool = |p: PoolId| self.pool_names.get(&p).cloned().unwrap_or_default();
            let text = |t: &str| self.privacy.redact(t);
            let shown = Shown {
                person: &person,
                pool: &pool,
                text: &text,
            };
            vote_rows_all.extend(vote_rows(&g, &state, span, &shown));
            let mut recused: Vec<(String, &str)> = grants::recused(conn, &g, until)?
                .into_iter()
                .map(|(member, why)| (self.person(member), why))
                .collect();
            recused.sort();
            for (member, why) in recused {
                vote_rows_all.push(VoteRow {
                    grant: g.id.to_string(),
                    member,
                    vote: "recused".into(),
                    at: stamp(until),
                    reason: self.privacy.recusal(why),
                    counted: "no".to_owned(),
                });
            }
            let tally = match (state.decided, g.decided_tally) {
                (true, Some(_)) => None,
                _ => Some(grants::tally(conn, &g, state.counted_at)?),
            };
            let row = grant_row(&g, &state, span, &shown, tally);
            grant_file.row(&row, &mut self.privacy)?;
        }
        self.done(grant_file)?;
        let mut vote_file = self.csv(VOTES)?;
        for row in &vote_rows_all {
            vote_file.row(row, &mut self.privacy)?;
        }
        self.done(vote_file)
    }

    /// policies.csv: every version set by the end of the period, a row per
    /// tier.
    pub(super) fn policies(&mut self) -> Result<()> {
        let places: HashMap<&str, u32> = self
            .commodities
            .iter()
            .map(|c| (c.commodity.code(), c.commodity.decimals()))
            .collect();
        let places = |code: &str| places.get(code).copied();
        let mut rows = Vec::new();
        for pool in &self.pools {
            for (at, policy) in grants::policies(self.conn, pool.id)? {
                if at.date() > self.span.to {
                    continue;
                }
                let person = |m: MemberId| self.person(m);
                let shown_pool = self.pool_name(pool);
                let pool_name = |_: PoolId| shown_pool.clone();
                let text = |t: &str| self.privacy.redact(t);
                let shown = Shown {
                    person: &person,
                    pool: &pool_name,
                    text: &text,
                };
                rows.extend(policy_rows(&shown_pool, at, &policy, &places, &shown));
            }
        }
        let mut file = self.csv(POLICIES)?;
        for row in &rows {
            file.row(row, &mut self.privacy)?;
        }
        self.done(file)
    }

    /// roles.csv: every term that started by the end of the period.
    pub(super) fn roles(&mut self) -> Result<()> {
        let mut file = self.csv(ROLES)?;
        for t in members::terms(self.conn)? {
            if t.starts_on > self.span.to {
                continue;
            }
            let row = RoleRow {
                member: self.person(t.member_id),
                role: t.role.as_str().to_owned(),
                from: iso(t.starts_on),
                until: cell(t.ends_on.map(iso)),
            };
            file.row(&row, &mut self.privacy)?;
        }
        self.done(file)
    }
}
