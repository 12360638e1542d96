//! The README.txt of a bundle: what it is, its fingerprint, how to verify it
//! and every file and column in plain words, in the language asked for
//! (`--lang`, else the fund's `language` setting, else English). The prose
//! is the Fluent messages of the area `bundle` ([`BundleKey`]); the
//! descriptions of files and columns come from [`crate::domain::bundle::FILES`], the same
//! list the writer and the checker use, in English, and from the messages
//! `bundle-file-FILE` and `bundle-col-FILE-COLUMN` in other languages (ids
//! derived from the names, [`file_id`] and [`column_id`]). There is no
//! export time in it: the same books give the same text.
//!
//! The lines the checkers read back start with a marker that is the same in
//! every language: the BUNDLE.csv key in brackets ([`marker`]), such as
//! `[fingerprint]` before the line with the ledger's fingerprint and
//! `[audience] public:` at the start of the audience's paragraph.
//!
//! Rule: the README is generated, never hand-written: from the spec, the
//! messages and the bundle's facts only. Days, moments and the period are
//! written for reading as on the other translated pages
//! (`report::language`: ISO in English), counts with the language's
//! punctuation; hashes, names of files, columns, keys and commands stay as
//! they are.

use chrono::NaiveDateTime;

use crate::domain::bundle::{
    ALLOWED_SIGNERS, BundleAudience, Column, FILES, FUND_SIGNERS, MANIFEST, SIGNATURE, SIGNER,
};
use crate::domain::date::parse_date;
use crate::domain::hash::GENESIS;
use crate::domain::keys::{BALLOT_NAMESPACE, BUNDLE_NAMESPACE};
use crate::domain::period::PeriodState;
use crate::render::i18n::keys::registry;
use crate::render::i18n::{Arg, Lang, Messages};
use crate::report::language::{page_day, page_moment, page_period};

registry! {
    area "bundle", enum BundleKey, derived crate::audit::bundle::readme::is_derived;
    /// The title.
    Title = "bundle-title" (fund);
    /// What the directory is.
    Intro = "bundle-intro" (fund, generator);
    HeadingCovers = "bundle-heading-covers" ();
    /// The period and its days, for reading.
    Period = "bundle-period" (period, from, to);
    /// A period never closed.
    StandingOpen = "bundle-standing-open" (period);
    /// A period's last close.
    StandingClosed = "bundle-standing-closed" (period, at, record, reason);
    /// The first of earlier reopenings.
    Reopening = "bundle-standing-reopening" (at, record, reason);
    /// The earlier reopenings so far and one more.
    ReopeningMore = "bundle-standing-reopening-more" (earlier, at, record, reason);
    /// A closed period that was reopened before its last close.
    ReopenedBefore = "bundle-standing-reopened-before" (closed, earlier);
    /// A period reopened after its last close.
    Reopened = "bundle-standing-reopened" (closed, at, record, reason, period);
    /// Each audience's paragraph, after its marker and name.
    AudiencePublic = "bundle-audience-public" ();
    AudienceMembers = "bundle-audience-members" ();
    AudienceAuditor = "bundle-audience-auditor" ();
    /// A member's visibility (public, pseudonymous, anonymous) in words.
    Visibility = "bundle-visibility" (visibility);
    /// One change of visibility.
    VisibilityChange = "bundle-visibility-change" (day, from, to);
    /// The changes of visibility since the period's first day.
    VisibilityChanges = "bundle-visibility-changes" (n, changes);
    Amounts = "bundle-amounts" ();
    /// What the public and members bundles redact.
    RedactedHidden = "bundle-redacted-hidden" ();
    /// What the auditor's bundle redacts.
    RedactedAuditor = "bundle-redacted-auditor" ();
    Format = "bundle-format" (format);
    HeadingFingerprint = "bundle-heading-fingerprint" ();
    /// What the two hash chains are.
    Chain = "bundle-chain" ();
    /// The lines before the hashes the checkers read, after their markers.
    StatedFingerprint = "bundle-stated-fingerprint" (transactions);
    StatedRecordsHead = "bundle-stated-records-head" (records);
    StatedPrevStart = "bundle-stated-prev-start" ();
    StatedPrev = "bundle-stated-prev" ();
    StatedLast = "bundle-stated-last" ();
    JournalHolds = "bundle-journal-holds" (transactions, period_transactions);
    JournalReachesHead = "bundle-journal-reaches-head" ();
    JournalGoesOn = "bundle-journal-goes-on" ();
    HeadingChecked = "bundle-heading-checked" ();
    /// What the checkers re-derive.
    Checked = "bundle-checked" ();
    /// The rows a checker cannot re-derive, with why.
    StatedRows = "bundle-stated-rows" ();
    HeadingVerify = "bundle-heading-verify" ();
    VerifyFondo = "bundle-verify-fondo" ();
    VerifyScript = "bundle-verify-script" ();
    VerifyHand = "bundle-verify-hand" ();
    StepDigests = "bundle-step-digests" ();
    StepChain = "bundle-step-chain" ();
    StepZero = "bundle-step-zero" ();
    StepBalances = "bundle-step-balances" ();
    StepPools = "bundle-step-pools" ();
    StepGrants = "bundle-step-grants" ();
    StepPurchases = "bundle-step-purchases" ();
    HeadingBallots = "bundle-heading-ballots" ();
    /// What the ballot files and allowed_signers are, and how to check one.
    Ballots = "bundle-ballots" (ballot, signature, signers);
    /// What ssh-keygen's answer shows.
    BallotsGood = "bundle-ballots-good" (namespace);
    HeadingSignature = "bundle-heading-signature" ();
    /// What the signature covers.
    Signature = "bundle-signature" (key, signature, namespace, signers);
    /// Why the fund's key must come from the fund.
    SignatureTrust = "bundle-signature-trust" (namespace, signer, key, signers);
    HeadingFiles = "bundle-heading-files" ();
}

/// What the README states besides the file descriptions.
pub struct Facts<'a> {
    /// The rows of BUNDLE.csv.
    pub facts: &'a [(&'a str, String)],
    /// Members' visibility changes from the period's first day on: (day,
    /// from, to), never naming the member.
    pub visibility_changes: &'a [(String, &'a str, &'a str)],
    pub audience: BundleAudience,
    pub transactions: u64,
    pub period_transactions: u64,
    /// Whether journal.csv ends at the ledger's head.
    pub reaches_head: bool,
    /// The state of the period's books (closed, reopened), if it was ever
    /// closed, with its reasons already redacted for the audience.
    pub standing: Option<&'a PeriodState>,
    /// The fingerprint of the fund key MANIFEST.csv is signed with, when
    /// it is signed.
    pub signed_by: Option<&'a str>,
    /// Whether the bundle holds allowed_signers and ballot files.
    pub ballots: bool,
}

impl Facts<'_> {
    fn get(&self, key: &str) -> &str {
        self.facts
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

const WIDTH: usize = 78;

/// The keys of BUNDLE.csv whose hashes the README states again, each on the
/// line after the line that starts with its [`marker`], in this order, with
/// the English start of that line in READMEs written before the markers
/// (which the checkers still read). The checker reads them back.
pub const STATED: [(&str, &str); 4] = [
    ("fingerprint", "Ledger fingerprint"),
    ("records_head", "Governance records head"),
    ("journal_prev_hash", "journal.csv continues the chain from"),
    ("journal_last_hash", "and ends with"),
];

/// The start of the audience's line in READMEs written before the markers:
/// `Audience: public:`.
pub const AUDIENCE_BEFORE_MARKERS: &str = "Audience: ";

/// The language-free start of a line the checkers read: `[fingerprint]`.
/// The audience's paragraph starts with `[audience] public:` (its name as
/// in BUNDLE.csv).
pub fn marker(key: &str) -> String {
    format!("[{key}]")
}

/// The id of the message describing `file` in languages other than English
/// (`journal.csv` → `bundle-file-journal`).
pub fn file_id(file: &str) -> String {
    format!("bundle-file-{}", stem(file))
}

/// The id of the message describing `column` of `file`
/// (`bundle-col-journal-txn`). A column described exactly as in a file
/// before (reversed.csv's are journal.csv's; `commodity: the commodity`)
/// shares that file's message.
pub fn column_id(file: &str, column: &Column) -> String {
    let first = FILES
        .iter()
        .find(|f| {
            f.columns
                .iter()
                .any(|c| c.name == column.name && c.about == column.about)
        })
        .map_or(file, |f| f.name);
    format!("bundle-col-{}-{}", stem(first), column.name)
}

/// A file's name without its extension, lower case: a Fluent id's part.
fn stem(file: &str) -> String {
    file.split('.').next().unwrap_or(file).to_lowercase()
}

/// Whether `id` is a description's message ([`file_id`], [`column_id`]):
/// those are checked against [`FILES`] by this module's test, not by the
/// registry's.
#[cfg(test)]
pub(crate) fn is_derived(id: &str) -> bool {
    id.starts_with("bundle-file-") || id.starts_with("bundle-col-")
}

/// The description of a file or column: FILES' English text, or the
/// language's message `id`.
fn about(words: &Messages, id: &str, english: &str) -> String {
    if words.lang() == Lang::En {
        return english.to_owned();
    }
    words.derived(id).unwrap_or_else(|| {
        panic!(
            "locales/{}/bundle.ftl has no {id} (unit-tested)",
            words.lang()
        )
    })
}

/// Wraps `text` at word boundaries: the first line starts with `first`,
/// the others with `rest`.
fn hang(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut indent = first;
    let mut line = String::from(first);
    for word in text.split_ascii_whitespace() {
        if line.len() > indent.len() && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            indent = rest;
            line = String::from(rest);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Wraps `text`, every line starting with `indent`.
fn wrap(text: &str, indent: &str) -> String {
    hang(text, indent, indent)
}

fn heading(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
    out.push_str(&"-".repeat(title.chars().count()));
    out.push('\n');
}

/// A `YYYY-MM-DD` day or a recorded moment (`2026-07-04T20:00:00`) as
/// pages for people show it: for reading (`4 de julio de 2026, 20:00`),
/// except in English, which keeps the ISO forms its README always showed
/// ([`page_day`], [`page_moment`]); other text as it is.
fn day(lang: Lang, text: &str) -> String {
    if let Ok(d) = parse_date(text) {
        return page_day(lang, d);
    }
    match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        Ok(t) if lang != Lang::En => page_moment(lang, &t.format("%Y-%m-%d %H:%M").to_string()),
        _ => text.to_owned(),
    }
}

/// Whether the period's books are closed, or were reopened and why.
fn standing(words: &Messages, period: &str, state: Option<&PeriodState>) -> String {
    let lang = words.lang();
    let Some(s) = state else {
        return words.text(BundleKey::StandingOpen, &[("period", period.into())]);
    };
    let closed = words.text(
        BundleKey::StandingClosed,
        &[
            ("period", s.span.label.as_str().into()),
            ("at", day(lang, &s.closed_at).into()),
            ("record", s.close.to_string().into()),
            ("reason", s.close_reason.as_str().into()),
        ],
    );
    match &s.reopened {
        None if s.reopenings.is_empty() => closed,
        None => {
            let mut earlier: Option<String> = None;
            for r in &s.reopenings {
                let mut args: Vec<(&'static str, Arg)> = vec![
                    ("at", day(lang, &r.at).into()),
                    ("record", r.record.to_string().into()),
                    ("reason", r.reason.as_str().into()),
                ];
                let key = match earlier.take() {
                    None => BundleKey::Reopening,
                    Some(so_far) => {
                        args.insert(0, ("earlier", so_far.into()));
                        BundleKey::ReopeningMore
                    }
                };
                earlier = Some(words.text(key, &args));
            }
            words.text(
                BundleKey::ReopenedBefore,
                &[
                    ("closed", closed.into()),
                    ("earlier", earlier.unwrap_or_default().into()),
                ],
            )
        }
        Some(r) => words.text(
            BundleKey::Reopened,
            &[
                ("closed", closed.into()),
                ("at", day(lang, &r.at).into()),
                ("record", r.record.to_string().into()),
                ("reason", r.reason.as_str().into()),
                ("period", s.span.label.as_str().into()),
            ],
        ),
    }
}

/// The audience's paragraph, after its marker and name.
fn audience_text(words: &Messages, audience: BundleAudience) -> String {
    words.plain(match audience {
        BundleAudience::Public => BundleKey::AudiencePublic,
        BundleAudience::Members => BundleKey::AudienceMembers,
        BundleAudience::Auditor => BundleKey::AudienceAuditor,
    })
}

/// What the bundle redacts in the hash-chained files, and why it still
/// verifies.
fn redaction_text(words: &Messages, audience: BundleAudience) -> String {
    words.plain(match audience {
        BundleAudience::Public | BundleAudience::Members => BundleKey::RedactedHidden,
        BundleAudience::Auditor => BundleKey::RedactedAuditor,
    })
}

/// The changes of members' visibility since the period's first day.
fn visibility_text(words: &Messages, changes: &[(String, &str, &str)]) -> String {
    let lang = words.lang();
    let visibility = |v: &str| words.text(BundleKey::Visibility, &[("visibility", v.into())]);
    let changes: Vec<String> = changes
        .iter()
        .map(|(on, from, to)| {
            words.text(
                BundleKey::VisibilityChange,
                &[
                    ("day", day(lang, on).into()),
                    ("from", visibility(from).into()),
                    ("to", visibility(to).into()),
                ],
            )
        })
        .collect();
    words.text(
        BundleKey::VisibilityChanges,
        &[
            ("n", (changes.len() as u64).into()),
            ("changes", changes.join("; ").into()),
        ],
    )
}

/// The README's text, in the language of `words`.
pub fn text(facts: &Facts<'_>, words: &Messages) -> String {
    let lang = words.lang();
    let count = |key: &str| Arg::Count(facts.get(key).parse().unwrap_or_default());
    let fund = facts.get("fund");
    let mut out = String::new();
    let title = words.text(BundleKey::Title, &[("fund", fund.into())]);
    out.push_str(&title);
    out.push('\n');
    out.push_str(&"=".repeat(title.chars().count()));
    out.push('\n');
    out.push('\n');
    out.push_str(&wrap(
        &words.text(
            BundleKey::Intro,
            &[
                ("fund", fund.into()),
                ("generator", facts.get("generator").into()),
            ],
        ),
        "",
    ));

    heading(&mut out, &words.plain(BundleKey::HeadingCovers));
    out.push_str(&wrap(
        &words.text(
            BundleKey::Period,
            &[
                ("period", page_period(words, facts.get("period")).into()),
                ("from", day(lang, facts.get("from")).into()),
                ("to", day(lang, facts.get("to")).into()),
            ],
        ),
        "",
    ));
    out.push('\n');
    out.push_str(&wrap(
        &standing(words, facts.get("period"), facts.standing),
        "",
    ));
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "{} {}: {}",
            marker("audience"),
            facts.audience.as_str(),
            audience_text(words, facts.audience)
        ),
        "",
    ));
    if !facts.visibility_changes.is_empty() {
        out.push('\n');
        out.push_str(&wrap(&visibility_text(words, facts.visibility_changes), ""));
    }
    out.push('\n');
    out.push_str(&wrap(&words.plain(BundleKey::Amounts), ""));
    out.push('\n');
    out.push_str(&wrap(&redaction_text(words, facts.audience), ""));
    out.push('\n');
    out.push_str(&wrap(
        &words.text(BundleKey::Format, &[("format", facts.get("format").into())]),
        "",
    ));

    heading(&mut out, &words.plain(BundleKey::HeadingFingerprint));
    out.push_str(&wrap(&words.plain(BundleKey::Chain), ""));
    out.push('\n');
    let prev = if facts.get("journal_prev_hash") == GENESIS {
        BundleKey::StatedPrevStart
    } else {
        BundleKey::StatedPrev
    };
    let intro = [
        words.text(
            BundleKey::StatedFingerprint,
            &[("transactions", count("ledger_transactions"))],
        ),
        words.text(
            BundleKey::StatedRecordsHead,
            &[("records", count("records_count"))],
        ),
        words.plain(prev),
        words.plain(BundleKey::StatedLast),
    ];
    for (line, (key, _)) in intro.iter().zip(STATED) {
        out.push_str(&marker(key));
        out.push(' ');
        out.push_str(line);
        out.push_str("\n  ");
        out.push_str(facts.get(key));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "{} {}",
            words.text(
                BundleKey::JournalHolds,
                &[
                    ("transactions", facts.transactions.into()),
                    ("period_transactions", facts.period_transactions.into()),
                ],
            ),
            words.plain(if facts.reaches_head {
                BundleKey::JournalReachesHead
            } else {
                BundleKey::JournalGoesOn
            })
        ),
        "",
    ));

    heading(&mut out, &words.plain(BundleKey::HeadingChecked));
    out.push_str(&wrap(&words.plain(BundleKey::Checked), ""));
    out.push('\n');
    out.push_str(&wrap(&words.plain(BundleKey::StatedRows), ""));

    heading(&mut out, &words.plain(BundleKey::HeadingVerify));
    out.push_str(&hang(&words.plain(BundleKey::VerifyFondo), "", "   "));
    out.push('\n');
    out.push_str(&hang(&words.plain(BundleKey::VerifyScript), "", "   "));
    out.push('\n');
    out.push_str(&wrap(&words.plain(BundleKey::VerifyHand), ""));
    for step in [
        BundleKey::StepDigests,
        BundleKey::StepChain,
        BundleKey::StepZero,
        BundleKey::StepBalances,
        BundleKey::StepPools,
        BundleKey::StepGrants,
        BundleKey::StepPurchases,
    ] {
        out.push_str(&hang(&words.plain(step), "   ", "      "));
    }

    if facts.ballots {
        ballots(&mut out, words);
    }
    if let Some(key) = facts.signed_by {
        signature(&mut out, key, words);
    }

    heading(&mut out, &words.plain(BundleKey::HeadingFiles));
    for file in FILES {
        out.push('\n');
        out.push_str(file.name);
        out.push('\n');
        out.push_str(&wrap(&about(words, &file_id(file.name), file.about), "  "));
        for column in file.columns {
            out.push_str(&hang(
                &format!(
                    "{}: {}",
                    column.name,
                    about(words, &column_id(file.name, column), column.about)
                ),
                "    ",
                "        ",
            ));
        }
    }
    out
}

/// How to check a steward's signed vote with plain OpenSSH.
fn ballots(out: &mut String, words: &Messages) {
    heading(out, &words.plain(BundleKey::HeadingBallots));
    out.push_str(&wrap(
        &words.text(
            BundleKey::Ballots,
            &[
                ("ballot", "ballot-N.txt".into()),
                ("signature", "ballot-N.txt.sig".into()),
                ("signers", ALLOWED_SIGNERS.into()),
            ],
        ),
        "",
    ));
    out.push_str(&format!(
        "\n  ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I VOTER -n {BALLOT_NAMESPACE} -Overify-time=TIME -s ballot-N.txt.sig < ballot-N.txt\n\n"
    ));
    out.push_str(&wrap(
        &words.text(
            BundleKey::BallotsGood,
            &[("namespace", BALLOT_NAMESPACE.into())],
        ),
        "",
    ));
}

/// How to check a signed bundle's signature with plain OpenSSH.
fn signature(out: &mut String, key: &str, words: &Messages) {
    heading(out, &words.plain(BundleKey::HeadingSignature));
    out.push_str(&wrap(
        &words.text(
            BundleKey::Signature,
            &[
                ("key", key.into()),
                ("signature", SIGNATURE.into()),
                ("namespace", BUNDLE_NAMESPACE.into()),
                ("signers", FUND_SIGNERS.into()),
            ],
        ),
        "",
    ));
    out.push_str(&format!(
        "\n  ssh-keygen -Y verify -f {FUND_SIGNERS} -I {SIGNER} -n {BUNDLE_NAMESPACE} -s {SIGNATURE} < {MANIFEST}\n\n"
    ));
    out.push_str(&wrap(
        &words.text(
            BundleKey::SignatureTrust,
            &[
                ("namespace", BUNDLE_NAMESPACE.into()),
                ("signer", SIGNER.into()),
                ("key", key.into()),
                ("signers", FUND_SIGNERS.into()),
            ],
        ),
        "",
    ));
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::ids::RecordId;

    /// The ids of the derived messages of `lang`'s bundle.ftl.
    fn derived_ids(lang: Lang) -> BTreeSet<String> {
        let source = crate::render::i18n::source(lang, "bundle");
        let resource = fluent_syntax::parser::parse(source).expect("the registry's test parses it");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .filter(|id| is_derived(id))
            .collect()
    }

    #[test]
    fn every_file_and_column_is_described_in_every_language_and_nothing_else() {
        let mut spec = BTreeSet::new();
        for file in FILES {
            spec.insert(file_id(file.name));
            for column in file.columns {
                spec.insert(column_id(file.name, column));
            }
        }
        // Columns described alike share a message; different ones never do.
        let mut described = std::collections::BTreeMap::new();
        for file in FILES {
            for column in file.columns {
                let id = column_id(file.name, column);
                let about = described.entry(id.clone()).or_insert(column.about);
                assert_eq!(*about, column.about, "{id} describes two columns");
            }
        }
        // English is FILES' own text.
        assert_eq!(derived_ids(Lang::En), BTreeSet::new());
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            assert_eq!(derived_ids(lang), spec, "locales/{lang}/bundle.ftl");
            let words = Messages::new(lang);
            for id in &spec {
                let text = words.derived(id).unwrap();
                assert!(!text.trim().is_empty(), "{lang} {id}");
            }
        }
    }

    /// English says a period's standing exactly as `fondo report summary`
    /// does; other languages write its moments for reading.
    #[test]
    fn the_standing_in_english_is_the_summary_s_sentence() {
        use crate::domain::period::{Reopened, Span, standing_sentence};
        let reopening = |record, at: &str, reason: &str| Reopened {
            record,
            at: at.to_owned(),
            reason: reason.to_owned(),
        };
        let closed = PeriodState {
            span: Span::parse("2026-Q1").unwrap(),
            close: RecordId::new(9),
            closed_at: "2026-04-20T19:00:00".to_owned(),
            close_reason: "approved".to_owned(),
            reopened: None,
            reopenings: vec![
                reopening(RecordId::new(5), "2026-04-10T18:00:00", "a receipt"),
                reopening(RecordId::new(7), "2026-04-12T18:30:00", "a typo"),
            ],
            closes: 3,
        };
        let mut reopened = closed.clone();
        reopened.reopened = Some(reopening(RecordId::new(11), "2026-04-21T08:00:00", "late"));
        let mut once = closed.clone();
        once.reopenings.clear();
        let words = Messages::new(Lang::En);
        for state in [None, Some(&closed), Some(&reopened), Some(&once)] {
            let summary = standing_sentence("2026-Q1", state);
            assert_eq!(standing(&words, "2026-Q1", state), summary);
        }
        let es = standing(&Messages::new(Lang::Es), "2026-Q1", Some(&closed));
        assert_eq!(
            es,
            "Las cuentas del período 2026-Q1 se cerraron el 20 de abril de 2026, 19:00 (registro 9): approved. Antes de eso, se reabrieron el 10 de abril de 2026, 18:00 (registro 5): a receipt; y el 12 de abril de 2026, 18:30 (registro 7): a typo."
        );
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = wrap(&"word ".repeat(40), "  ");
        assert!(
            text.lines()
                .all(|l| l.len() <= WIDTH && l.starts_with("  word"))
        );
        assert_eq!(text.split_whitespace().count(), 40);
    }
}
