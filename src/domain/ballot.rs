//! The ballot: the short canonical text of one steward's vote, which the
//! steward signs (SSHSIG, namespace `fondo-ballot`) with stock OpenSSH or
//! `fondo ballot sign`.
//!
//! Rule: one text per vote, rebuilt by hand from docs/governance.md: eight
//! lines, each ended by a line feed, in this order and nothing else:
//!
//! ```text
//! fondo-ballot-v1
//! fund: 3f1c0a9e5b7d4e21a0c8f6b2d4e1a7c9
//! grant: G-0001
//! application: 5c1e…(the 64 hex digits of the application record's hash)
//! voter: 2
//! choice: consent
//! reason: the landlord's letter is attached
//! time: 2026-03-04T12:00:00
//! ```
//!
//! `reason:` stands alone when there is none. A text that is not exactly
//! what [`Ballot::text`] writes for what it states is refused, so one vote
//! has one ballot text and one signature checks it.

use chrono::NaiveDateTime;

use crate::domain::ids::{GrantId, MemberId};
use crate::domain::policy::Vote;
use crate::error::{Error, Result};

/// The first line of every ballot of this form.
pub const BALLOT_HEADER: &str = "fondo-ballot-v1";

/// What one ballot states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// The fund's id (`fondo fund show`).
    pub fund: String,
    pub grant: GrantId,
    /// The hash of the grant's application record.
    pub application: String,
    /// The voter's member id.
    pub voter: MemberId,
    pub choice: Vote,
    pub reason: Option<String>,
    pub time: NaiveDateTime,
}

const TIME: &str = "%Y-%m-%dT%H:%M:%S";

impl Ballot {
    /// The ballot's canonical text.
    pub fn text(&self) -> String {
        let reason = self
            .reason
            .as_deref()
            .map_or_else(|| "reason:".to_owned(), |r| format!("reason: {r}"));
        format!(
            "{BALLOT_HEADER}\nfund: {}\ngrant: {}\napplication: {}\nvoter: {}\nchoice: {}\n{reason}\ntime: {}\n",
            self.fund,
            self.grant,
            self.application,
            self.voter,
            self.choice,
            self.time.format(TIME)
        )
    }

    /// Whether a vote's reason can stand as a ballot's reason line: one
    /// line, no control characters, no spaces at its ends.
    pub fn reason_fits(reason: &str) -> bool {
        !reason.chars().any(char::is_control) && reason.trim() == reason
    }

    /// Reads a ballot's text (from `file`, named in errors).
    ///
    /// # Errors
    /// [`Error::Ballot`] naming the line: a line missing, out of order or
    /// extra, a value that does not read, or a text that differs from the
    /// canonical text of what it states (spaces, line endings).
    pub fn parse(file: &str, text: &str) -> Result<Ballot> {
        let bad = |line: usize, reason: String| Error::Ballot {
            file: file.to_owned(),
            line: Some(line),
            reason,
        };
        let lines: Vec<&str> = text.split('\n').collect();
        if lines.first() != Some(&BALLOT_HEADER) {
            return Err(bad(
                1,
                format!("a ballot starts with the line {BALLOT_HEADER:?}"),
            ));
        }
        let field = |n: usize, name: &str| -> Result<&str> {
            let line = lines
                .get(n - 1)
                .copied()
                .ok_or_else(|| bad(n, format!("the line {name:?} is missing")))?;
            let rest = line
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .ok_or_else(|| bad(n, format!("line {n} must be {name:?}, found {line:?}")))?;
            if rest.is_empty() {
                return Ok("");
            }
            rest.strip_prefix(' ')
                .filter(|v| !v.is_empty())
                .ok_or_else(|| bad(n, format!("{name}: is followed by one space and its value")))
        };
        let fund = field(2, "fund")?.to_owned();
        if fund.len() != 32 || !fund.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(2, "the fund's id is 32 hexadecimal digits".into()));
        }
        let grant_text = field(3, "grant")?;
        let grant = GrantId::parse(grant_text)
            .map_err(|_| bad(3, format!("{grant_text:?} is not a grant (G-0001)")))?;
        let application = field(4, "application")?.to_owned();
        if application.len() != 64 || !application.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(
                4,
                "the application's hash is 64 hexadecimal digits".into(),
            ));
        }
        let voter_text = field(5, "voter")?;
        let voter = voter_text
            .parse::<i64>()
            .ok()
            .filter(|v| *v > 0)
            .map(MemberId::new)
            .ok_or_else(|| bad(5, format!("{voter_text:?} is not a member id")))?;
        let choice = match field(6, "choice")? {
            "consent" => Vote::Consent,
            "object" => Vote::Object,
            "abstain" => Vote::Abstain,
            other => {
                return Err(bad(
                    6,
                    format!("{other:?} is no choice: consent, object or abstain"),
                ));
            }
        };
        let reason = Some(field(7, "reason")?)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        let time_text = field(8, "time")?;
        let time = NaiveDateTime::parse_from_str(time_text, TIME).map_err(|_| {
            bad(
                8,
                format!("{time_text:?} is not a time (YYYY-MM-DDTHH:MM:SS)"),
            )
        })?;
        crate::domain::date::plausible(time.date())
            .map_err(|reason| bad(8, format!("{time_text:?}: {reason}")))?;
        let ballot = Ballot {
            fund,
            grant,
            application,
            voter,
            choice,
            reason,
            time,
        };
        if ballot.text() != text {
            let line = text
                .split('\n')
                .zip(ballot.text().split('\n'))
                .position(|(a, b)| a != b)
                .map_or(lines.len().min(9), |i| i + 1);
            return Err(bad(
                line,
                "it is not in the ballot's canonical form (each line as fondo writes a ballot, ended by one line feed, nothing after the time line)".into(),
            ));
        }
        Ok(ballot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot() -> Ballot {
        Ballot {
            fund: "3f1c0a9e5b7d4e21a0c8f6b2d4e1a7c9".into(),
            grant: GrantId::new(1),
            application: "ab".repeat(32),
            voter: MemberId::new(2),
            choice: Vote::Object,
            reason: Some("the letter is missing".into()),
            time: crate::domain::date::parse_datetime("2026-03-04T12:00").unwrap(),
        }
    }

    #[test]
    fn a_ballot_reads_back_as_written() {
        let b = ballot();
        let text = b.text();
        assert_eq!(
            text,
            format!(
                "fondo-ballot-v1\nfund: 3f1c0a9e5b7d4e21a0c8f6b2d4e1a7c9\ngrant: G-0001\napplication: {}\nvoter: 2\nchoice: object\nreason: the letter is missing\ntime: 2026-03-04T12:00:00\n",
                "ab".repeat(32)
            )
        );
        assert_eq!(Ballot::parse("b", &text).unwrap(), b);
        let none = Ballot {
            reason: None,
            choice: Vote::Consent,
            ..b
        };
        assert!(none.text().contains("\nreason:\ntime:"));
        assert_eq!(Ballot::parse("b", &none.text()).unwrap(), none);
    }

    #[test]
    fn anything_but_the_canonical_text_is_refused() {
        let text = ballot().text();
        let line_of = |t: &str| match Ballot::parse("b.txt", t) {
            Err(Error::Ballot { line, .. }) => line,
            other => panic!("{other:?}"),
        };
        assert_eq!(line_of(""), Some(1));
        assert_eq!(
            line_of(&text.replace("grant: G-0001", "grant: G-1")),
            Some(3)
        );
        assert_eq!(
            line_of(&text.replace("choice: object", "choice: yes")),
            Some(6)
        );
        assert_eq!(line_of(&text.replace("voter: 2", "voter:2")), Some(5));
        assert_eq!(line_of(&text.replace('\n', "\r\n")), Some(1));
        assert_eq!(line_of(&format!("{text}extra\n")), Some(9));
        assert_eq!(line_of(text.trim_end()), Some(8));
        assert_eq!(
            line_of(&text.replace("time: 2026-03-04T12:00:00", "time: 4 March")),
            Some(8)
        );
        assert_eq!(line_of(&text.replace("fund: 3f", "fund: zz")), Some(2));
        let swapped = text.replace("voter: 2\nchoice: object", "choice: object\nvoter: 2");
        assert_eq!(line_of(&swapped), Some(5));
        assert!(!Ballot::reason_fits("two\nlines"));
        assert!(!Ballot::reason_fits(" padded"));
        assert!(Ballot::reason_fits("fine"));
    }
}
