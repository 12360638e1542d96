//! Decision policies for grants, and how a decision is reached under them.
//!
//! A pool's policy is a list of tiers, each a rule for requests up to an
//! amount (the last tier has no ceiling). The rules:
//!
//! - `consent`: approved when at least N eligible stewards consent and none
//!   objects by the end of the window;
//! - `majority`: approved when, by the end of the window, at least a quorum of
//!   eligible stewards voted and more than the threshold share of those who
//!   took a side (consent or object; abstentions count for the quorum only)
//!   consented;
//! - `lazy`: approved when the window closes with no objection (and, if
//!   asked, at least N consents).
//!
//! Before the window closes, a grant can only be approved, and only once every
//! eligible steward has voted for it to pass; a rejection always waits for the
//! window to close, since votes may change until then. Evaluation is a pure
//! function of the votes and the time, so `verify` can re-evaluate every
//! recorded decision.

use std::fmt;

use chrono::{Duration, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A decision rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "lowercase")]
pub enum Rule {
    Consent { min_consents: u32 },
    Majority { quorum: u32, threshold: String },
    Lazy { min_consents: u32 },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Consent { min_consents: 1 } => write!(f, "consent (1 consent, no objection)"),
            Rule::Consent { min_consents } => {
                write!(f, "consent ({min_consents} consents, no objection)")
            }
            Rule::Majority { quorum, threshold } => {
                write!(
                    f,
                    "majority (quorum {quorum}, more than {threshold} in favour)"
                )
            }
            Rule::Lazy { min_consents: 0 } => write!(f, "lazy consensus (no objection)"),
            Rule::Lazy { min_consents: 1 } => write!(f, "lazy consensus (no objection, 1 consent)"),
            Rule::Lazy { min_consents } => {
                write!(f, "lazy consensus (no objection, {min_consents} consents)")
            }
        }
    }
}

/// One tier of a policy: the rule for requests up to `up_to` (minor units of
/// `commodity`; no ceiling when None), with its voting window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub up_to: Option<i64>,
    pub commodity: Option<String>,
    #[serde(flatten)]
    pub rule: Rule,
    pub window_minutes: i64,
}

impl Tier {
    pub fn window(&self) -> Duration {
        Duration::minutes(self.window_minutes)
    }
}

/// The tier of a policy that a request of `amount` (minor units of the
/// commodity `code`) falls in: the lowest ceiling in that commodity that
/// covers it, else the tier without a ceiling.
pub fn tier_for<'a>(tiers: &'a [Tier], code: &str, amount: i64) -> Option<&'a Tier> {
    tiers
        .iter()
        .filter(|t| t.commodity.as_deref() == Some(code))
        .filter(|t| t.up_to.is_some_and(|max| amount <= max))
        .min_by_key(|t| t.up_to)
        .or_else(|| tiers.iter().find(|t| t.up_to.is_none()))
}

/// A vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vote {
    Consent,
    Object,
    Abstain,
}

impl fmt::Display for Vote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vote::Consent => "consent",
            Vote::Object => "object",
            Vote::Abstain => "abstain",
        })
    }
}

/// Parses a window: a whole number and a unit, `m`, `h`, `d` or `w`
/// (`72h`, `7d`). Zero and negative windows are refused.
pub fn parse_window(text: &str) -> Result<i64> {
    let err = |reason: &str| Error::InvalidName {
        kind: "window",
        name: text.to_owned(),
        reason: reason.to_owned(),
    };
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number
        .parse()
        .map_err(|_| err("write a whole number and a unit: 30m, 24h, 7d, 2w"))?;
    let minutes = match unit {
        "m" => 1,
        "h" => 60,
        "d" => 60 * 24,
        "w" => 60 * 24 * 7,
        _ => {
            return Err(err(
                "the unit is m, h, d or w (minutes, hours, days, weeks)",
            ));
        }
    };
    if number <= 0 {
        return Err(err("a window must be longer than zero"));
    }
    number
        .checked_mul(minutes)
        .filter(|m| *m <= 60 * 24 * 366)
        .ok_or_else(|| err("a window is at most a year"))
}

/// Checks a majority threshold: a decimal share from 0 (inclusive) to 1
/// (exclusive), e.g. `0.5` (more than half) or `0.66`.
pub fn parse_threshold(text: &str) -> Result<Decimal> {
    let refuse = || Error::InvalidName {
        kind: "threshold",
        name: text.to_owned(),
        reason: "a share from 0 up to (not including) 1, e.g. 0.5 for more than half".into(),
    };
    let value = crate::domain::money::parse_decimal(text).map_err(|_| refuse())?;
    if value < Decimal::ZERO || value >= Decimal::ONE {
        return Err(refuse());
    }
    Ok(value)
}

/// The current votes of the eligible stewards on one grant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub consents: u32,
    pub objections: u32,
    pub abstentions: u32,
    /// Stewards who may vote (in term, not recused).
    pub eligible: u32,
}

impl Tally {
    fn voted(&self) -> u32 {
        self.consents + self.objections + self.abstentions
    }
}

/// Where a grant stands under its rule at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Approved(String),
    Rejected(String),
    Open(String),
}

/// Evaluates a rule at `at` for a window ending at `closes`.
pub fn evaluate(rule: &Rule, tally: &Tally, closes: NaiveDateTime, at: NaiveDateTime) -> Outcome {
    let closed = at >= closes;
    let everyone = tally.eligible > 0 && tally.voted() >= tally.eligible;
    // Early (everyone voted, window open) only an approval is final.
    let early = !closed && everyone;
    let when = if closed {
        format!("the window closed {}", closes.format("%Y-%m-%d %H:%M"))
    } else if everyone {
        format!(
            "every eligible steward has voted; window closes {}",
            closes.format("%Y-%m-%d %H:%M")
        )
    } else {
        format!("window closes {}", closes.format("%Y-%m-%d %H:%M"))
    };
    let counts = format!(
        "{} consent, {} object, {} abstain of {} eligible",
        tally.consents, tally.objections, tally.abstentions, tally.eligible
    );
    let consents = |n: u32| {
        if n == 1 {
            "1 consent".to_owned()
        } else {
            format!("{n} consents")
        }
    };
    match rule {
        Rule::Consent { min_consents } | Rule::Lazy { min_consents } => {
            let lazy = matches!(rule, Rule::Lazy { .. });
            let need = *min_consents;
            if tally.objections > 0 {
                return if closed {
                    Outcome::Rejected(format!("an objection stands ({counts}); {when}"))
                } else {
                    Outcome::Open(format!(
                        "an objection stands and will reject it unless withdrawn ({counts}); {when}"
                    ))
                };
            }
            if tally.consents >= need && (closed || early) {
                let how = if lazy {
                    "no objection"
                } else {
                    "enough consents and no objection"
                };
                return Outcome::Approved(format!("{how} ({counts}); {when}"));
            }
            if closed {
                return Outcome::Rejected(format!(
                    "{} of {need} needed ({counts}); {when}",
                    consents(tally.consents)
                ));
            }
            match (lazy, need) {
                (true, 0) => Outcome::Open(format!("no objection so far ({counts}); {when}")),
                (true, _) => Outcome::Open(format!(
                    "no objection so far, {} of {need} needed ({counts}); {when}",
                    consents(tally.consents)
                )),
                (false, _) => Outcome::Open(format!(
                    "{} of {need} consents ({counts}); {when}",
                    tally.consents
                )),
            }
        }
        Rule::Majority { quorum, threshold } => {
            let threshold: Decimal = threshold.parse().unwrap_or(Decimal::ONE);
            let sides = tally.consents + tally.objections;
            let share = if sides == 0 {
                Decimal::ZERO
            } else {
                Decimal::from(tally.consents) / Decimal::from(sides)
            };
            let passes = tally.voted() >= *quorum && share > threshold;
            if passes && (closed || early) {
                return Outcome::Approved(format!(
                    "majority in favour, more than {threshold} ({counts}); {when}"
                ));
            }
            if !closed {
                return Outcome::Open(format!(
                    "{} of a quorum of {quorum} have voted ({counts}); {when}",
                    tally.voted()
                ));
            }
            if tally.voted() < *quorum {
                Outcome::Rejected(format!(
                    "no quorum: {} of {quorum} voted ({counts}); {when}",
                    tally.voted()
                ))
            } else {
                Outcome::Rejected(format!(
                    "not more than {threshold} in favour ({counts}); {when}"
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn tally(consents: u32, objections: u32, abstentions: u32, eligible: u32) -> Tally {
        Tally {
            consents,
            objections,
            abstentions,
            eligible,
        }
    }

    #[test]
    fn parses_windows_and_thresholds() {
        assert_eq!(parse_window("72h").unwrap(), 72 * 60);
        assert_eq!(parse_window("7d").unwrap(), 7 * 24 * 60);
        for bad in ["0h", "h", "3x", "-1d", "2 h", "400d"] {
            assert!(parse_window(bad).is_err(), "{bad}");
        }
        assert!(parse_threshold("0.5").is_ok());
        assert!(parse_threshold("1").is_err());
        assert!(parse_threshold("-0.1").is_err());
    }

    #[test]
    fn consent_waits_for_the_window_unless_everyone_voted() {
        let rule = Rule::Consent { min_consents: 2 };
        let closes = t("2026-03-04 18:00");
        let open = evaluate(&rule, &tally(2, 0, 0, 3), closes, t("2026-03-02 10:00"));
        assert!(matches!(open, Outcome::Open(_)), "{open:?}");
        let done = evaluate(&rule, &tally(2, 0, 0, 3), closes, t("2026-03-04 18:00"));
        assert!(matches!(done, Outcome::Approved(_)), "{done:?}");
        let early = evaluate(&rule, &tally(2, 0, 1, 3), closes, t("2026-03-02 10:00"));
        assert!(matches!(early, Outcome::Approved(_)), "{early:?}");
        let objected = evaluate(&rule, &tally(2, 1, 0, 3), closes, t("2026-03-05 10:00"));
        assert!(matches!(objected, Outcome::Rejected(_)), "{objected:?}");
        // Everyone voted, one objects: it waits for the window, votes may change.
        let waiting = evaluate(&rule, &tally(2, 1, 0, 3), closes, t("2026-03-02 10:00"));
        assert!(matches!(waiting, Outcome::Open(_)), "{waiting:?}");
        let short = evaluate(&rule, &tally(1, 0, 0, 3), closes, t("2026-03-05 10:00"));
        assert!(matches!(short, Outcome::Rejected(_)), "{short:?}");
        let Outcome::Open(missing) =
            evaluate(&rule, &tally(1, 0, 0, 3), closes, t("2026-03-02 10:00"))
        else {
            panic!()
        };
        assert!(missing.starts_with("1 of 2 consents"), "{missing}");
        assert!(
            missing.contains("window closes 2026-03-04 18:00"),
            "{missing}"
        );
    }

    #[test]
    fn majority_needs_quorum_and_more_than_the_threshold() {
        let rule = Rule::Majority {
            quorum: 3,
            threshold: "0.5".into(),
        };
        let closes = t("2026-03-04 18:00");
        let after = t("2026-03-05 00:00");
        assert!(matches!(
            evaluate(&rule, &tally(2, 1, 0, 5), closes, after),
            Outcome::Approved(_)
        ));
        assert!(matches!(
            evaluate(&rule, &tally(1, 1, 1, 5), closes, after),
            Outcome::Rejected(_)
        ));
        assert!(matches!(
            evaluate(&rule, &tally(2, 0, 0, 5), closes, after),
            Outcome::Rejected(_)
        ));
        assert!(matches!(
            evaluate(&rule, &tally(2, 1, 0, 5), closes, t("2026-03-01 00:00")),
            Outcome::Open(_)
        ));
    }

    #[test]
    fn lazy_approves_when_the_window_closes_without_objection() {
        let rule = Rule::Lazy { min_consents: 0 };
        let closes = t("2026-03-04 18:00");
        assert!(matches!(
            evaluate(&rule, &tally(0, 0, 0, 4), closes, t("2026-03-04 17:59")),
            Outcome::Open(_)
        ));
        assert!(matches!(
            evaluate(&rule, &tally(0, 0, 0, 4), closes, closes),
            Outcome::Approved(_)
        ));
        assert!(matches!(
            evaluate(&rule, &tally(0, 1, 0, 4), closes, closes),
            Outcome::Rejected(_)
        ));
        let one = Rule::Lazy { min_consents: 1 };
        assert!(matches!(
            evaluate(&one, &tally(0, 0, 0, 4), closes, closes),
            Outcome::Rejected(_)
        ));
    }
}
