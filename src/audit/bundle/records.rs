//! The payload cell of `records.csv`: how a governance record's payload is
//! shown so that its hash recomputes offline whatever the audience may see.
//!
//! - A record in the v1 form (`fondo-record-v1`, written before the fund
//!   switched) hashes its text as it is: its payload is shown as stored,
//!   or, when the audience may not see one of its texts, as [`WITHHELD`]
//!   (its hash is then stated, not recomputed).
//! - A record in the v2 form shows each free-text field of its kind
//!   ([`crate::domain::records::TEXT_FIELDS`]) that holds a text as an
//!   object: `{"text": TEXT, "salt": SALT}` where the audience may see it,
//!   `{"redacted": COMMITMENT}` where it may not (a member's name adds
//!   `"shown"`, the pseudonym or label the bundle's other files show).
//!   Every other value is as stored, keys in stored order.
//!
//! Rule: the writer and the checker share these functions, so the layout
//! has one definition; a checker recovers the hashed payload from the cell
//! alone.

use serde_json::{Map, Value};

use super::derive::UNKNOWN;
use crate::domain::hash::commit;
use crate::domain::records::text_fields;

/// The payload cell of a v1 record whose text the audience may not see.
pub const WITHHELD: &str = "withheld";
/// The record forms, as the `form` column names them.
pub const V1: &str = "fondo-record-v1";
pub const V2: &str = "fondo-record-v2";

/// How one text field of a v2 record is shown.
pub enum Shown {
    /// The text and its salt: the checker recomputes the commitment.
    Text { salt: String },
    /// Only the commitment, and for a member's name the label shown for
    /// them elsewhere in the bundle.
    Redacted {
        commitment: String,
        label: Option<String>,
    },
}

/// The payload cell of a v2 record: every text field of `kind` that holds a
/// text replaced by what `show(field, text)` allows.
pub fn v2_cell(kind: &str, payload: &Value, mut show: impl FnMut(&str, &str) -> Shown) -> Value {
    let mut cell = payload.clone();
    if let Value::Object(map) = &mut cell {
        for field in text_fields(kind) {
            if let Some(value) = map.get_mut(*field)
                && let Value::String(text) = value
            {
                let mut shown = Map::new();
                match show(field, text) {
                    Shown::Text { salt } => {
                        shown.insert("text".into(), Value::String(text.clone()));
                        shown.insert("salt".into(), Value::String(salt));
                    }
                    Shown::Redacted { commitment, label } => {
                        shown.insert("redacted".into(), Value::String(commitment));
                        if let Some(label) = label {
                            shown.insert("shown".into(), Value::String(label));
                        }
                    }
                }
                *value = Value::Object(shown);
            }
        }
    }
    cell
}

/// A text field as a v2 cell shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Text(String),
    Redacted { label: Option<String> },
}

/// Reads one shown text field of a v2 cell: its commitment and what it
/// shows, or why it is not as specified.
fn read_field(field: &str, value: &Value) -> Result<(String, Field), String> {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let hex = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let keys = value.as_object().map_or(0, Map::len);
    match (text("text"), text("salt"), text("redacted"), text("shown")) {
        (Some(t), Some(salt), None, None) if keys == 2 && hex(salt, 32) => {
            Ok((commit(salt, t), Field::Text(t.to_owned())))
        }
        (None, None, Some(c), label) if keys == 1 + usize::from(label.is_some()) && hex(c, 64) => {
            Ok((
                c.to_owned(),
                Field::Redacted {
                    label: label.map(str::to_owned),
                },
            ))
        }
        _ => Err(format!(
            "its {field} is neither {{\"text\", \"salt\" (32 hex digits)}} nor {{\"redacted\" (64 hex digits)}}"
        )),
    }
}

/// A record's payload read back from its cell: the payload as its form
/// hashes it, and the payload with each text field as it is shown (the
/// text, or [`UNKNOWN`] when redacted) together with what the fields show.
#[derive(Debug, Clone)]
pub struct Read {
    pub hashed: Value,
    pub plain: Value,
    pub fields: Vec<(String, Field)>,
}

/// Reads the payload cell of a record of `kind` in the form `v2` (false:
/// v1). Fails when the cell is not a JSON object or a text field of a v2
/// cell is not shown as specified.
pub fn read(kind: &str, v2: bool, cell: &str) -> Result<Read, String> {
    let value: Value =
        serde_json::from_str(cell).map_err(|e| format!("its payload is not JSON: {e}"))?;
    if !value.is_object() {
        return Err("its payload is not a JSON object".into());
    }
    let compact = serde_json::to_string(&value).expect("a JSON value serializes");
    if compact != cell {
        return Err("its payload is not written as compact JSON, as fondo writes it".into());
    }
    if !v2 {
        let fields = text_fields(kind)
            .iter()
            .filter_map(|f| {
                value
                    .get(*f)
                    .and_then(Value::as_str)
                    .map(|t| ((*f).to_owned(), Field::Text(t.to_owned())))
            })
            .collect();
        return Ok(Read {
            hashed: value.clone(),
            plain: value,
            fields,
        });
    }
    let (mut hashed, mut plain, mut fields) = (value.clone(), value.clone(), Vec::new());
    for field in text_fields(kind) {
        match value.get(*field) {
            Some(Value::String(_)) => {
                return Err(format!(
                    "its {field} is a bare text; in the v2 form it is shown as {{\"text\", \"salt\"}} or {{\"redacted\"}}"
                ));
            }
            Some(shown @ Value::Object(_)) => {
                let (commitment, read) = read_field(field, shown)?;
                hashed[*field] = Value::String(commitment);
                plain[*field] = match &read {
                    Field::Text(t) => Value::String(t.clone()),
                    Field::Redacted { .. } => Value::String(UNKNOWN.to_owned()),
                };
                fields.push(((*field).to_owned(), read));
            }
            _ => {}
        }
    }
    Ok(Read {
        hashed,
        plain,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hash::{record_hash_v2, record_salt};
    use crate::domain::records::sealed_payload;

    #[test]
    fn a_cell_gives_back_the_sealed_payload_whatever_it_shows() {
        let key = crate::domain::hash::SaltKey::from_hex(&"5a".repeat(32)).unwrap();
        let prev = "ab".repeat(32);
        let payload = serde_json::json!({"member": 3, "vote": "object", "reason": "Ana's letter", "ballot": null});
        let salt = |f: &str| record_salt(&key, &prev, f);
        let sealed = sealed_payload("vote", &payload, |f, t| commit(&salt(f), t));
        let expected = record_hash_v2(
            &prev,
            "vote",
            Some(crate::domain::ids::GrantId::new(1)),
            "2026-03-01T09:00:00",
            &sealed,
        );
        for redact in [false, true] {
            let cell = v2_cell("vote", &payload, |f, t| {
                if redact {
                    Shown::Redacted {
                        commitment: commit(&salt(f), t),
                        label: None,
                    }
                } else {
                    Shown::Text { salt: salt(f) }
                }
            });
            let text = cell.to_string();
            assert_eq!(text.contains("Ana"), !redact);
            let back = read("vote", true, &text).unwrap();
            let hash = record_hash_v2(
                &prev,
                "vote",
                Some(crate::domain::ids::GrantId::new(1)),
                "2026-03-01T09:00:00",
                &back.hashed,
            );
            assert_eq!(hash, expected);
            assert_eq!(back.plain["member"], 3);
        }
        assert!(read("vote", true, r#"{"reason":"bare"}"#).is_err());
        assert!(read("vote", true, r#"{"reason":{"redacted":"00"}}"#).is_err());
    }
}
