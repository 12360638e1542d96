//! `records.csv`: every governance record from the genesis hash to the
//! records head, each payload shown as [`crate::audit::bundle::records`]
//! lays it out.
//!
//! Rule: a text the audience may not see is never written: in a v2 record
//! it is its commitment, in a v1 record (which hashes the text itself) the
//! whole payload is withheld. Hidden are: a text naming a member the
//! audience may not see (the gate's [`crate::domain::member::HiddenNames`]),
//! the name in such a member's own records, the name of a pool the bundle
//! shows by a label (its record shows that label, as a member's shows their
//! pseudonym), contact details and private notes (in every bundle: no
//! bundle file shows them), and outside the auditor's bundle the reason of
//! a relation and an account's note.

use super::Bundle;
use super::ballots::ShownBallot;
use crate::audit::bundle::records::{Shown, V1, V2, WITHHELD, v2_cell};
use crate::domain::bundle::RECORDS;
use crate::domain::bundle::rows::RecordRow;
use crate::domain::hash::{commit, record_hash, record_salt};
use crate::domain::ids::{MemberId, PoolId};
use crate::domain::records::{RecordKind, text_fields};
use crate::error::Result;
use crate::store::records::{StoredRecord, v2_hash};
use crate::store::{fund, records};

impl Bundle<'_> {
    /// records.csv: the whole records chain. Returns the signed votes
    /// whose ballot it shows.
    pub(super) fn records(&mut self) -> Result<Vec<ShownBallot>> {
        let key = fund::salt_key(self.conn)?;
        let mut file = self.csv(RECORDS)?;
        let mut v2_seen = false;
        let mut ballots = Vec::new();
        let conn = self.conn;
        records::for_each(conn, |r| {
            let v1_matches =
                record_hash(&r.prev_hash, &r.kind, r.grant_id, &r.at, &r.payload) == r.hash;
            // As `verify` judges it: the form its hash was made in, and
            // after the switch a changed record is shown in the v2 form.
            let v2 = v2_hash(&key, &r.prev_hash, &r.kind, r.grant_id, &r.at, &r.payload) == r.hash
                || (v2_seen && !v1_matches);
            v2_seen |= v2;
            let shown_ballot = |hidden: bool| -> Option<ShownBallot> {
                let ballot = r.payload["ballot"].as_str()?;
                let signature = r.payload["signature"].as_str()?;
                (r.kind == RecordKind::Vote.as_str() && !hidden).then(|| ShownBallot {
                    record: r.id,
                    ballot: ballot.to_owned(),
                    signature: signature.to_owned(),
                })
            };
            let payload = if v2 {
                let hidden = r.payload["ballot"]
                    .as_str()
                    .is_some_and(|text| self.hides(&r, "ballot", text).is_some());
                ballots.extend(shown_ballot(hidden));
                v2_cell(&r.kind, &r.payload, |field, text| {
                    let salt = record_salt(&key, &r.prev_hash, field);
                    match self.hides(&r, field, text) {
                        None => Shown::Text { salt },
                        Some(label) => Shown::Redacted {
                            commitment: commit(&salt, text),
                            label,
                        },
                    }
                })
                .to_string()
            } else if text_fields(&r.kind).iter().any(|field| {
                r.payload[*field]
                    .as_str()
                    .is_some_and(|text| self.hides(&r, field, text).is_some())
            }) {
                WITHHELD.to_owned()
            } else {
                ballots.extend(shown_ballot(false));
                r.payload.to_string()
            };
            let row = RecordRow {
                id: r.id.to_string(),
                at: r.at.clone(),
                kind: r.kind.clone(),
                grant: r.grant_id.map(|g| g.get().to_string()).unwrap_or_default(),
                form: if v2 { V2 } else { V1 }.to_owned(),
                prev_hash: r.prev_hash.clone(),
                hash: r.hash.clone(),
                payload,
            };
            file.row(&row, &mut self.privacy)
        })?;
        self.done(file)?;
        Ok(ballots)
    }

    /// Whether the audience may not see `text`, field `field` of `r`:
    /// None when it may, else the label to show with a member's or a
    /// pool's name.
    fn hides(&self, r: &StoredRecord, field: &str, text: &str) -> Option<Option<String>> {
        let kind = r.kind.as_str();
        let member = r.payload["id"].as_i64().map(MemberId::new);
        if kind == "pool"
            && field == "name"
            && let Some(label) = r.payload["id"]
                .as_i64()
                .and_then(|id| self.pool_labels.get(&PoolId::new(id)))
        {
            return Some(Some(label.clone()));
        }
        let own_name = field == "name" && matches!(kind, "member" | "member-edit");
        if own_name && let Some(id) = member {
            let label = Some(self.person(id));
            if self.hidden_members.contains(&id) {
                return Some(label);
            }
            return self.privacy.hidden.find(text).map(|_| label);
        }
        let private = (kind == "member-edit" && matches!(field, "contact" | "note"))
            || (!self.privacy.sees_relations
                && ((kind == "relation" && field == "reason")
                    || (matches!(kind, "account-note" | "account") && field == "note")));
        (private || self.privacy.hidden.find(text).is_some()).then_some(None)
    }
}
