//! The README.txt of a bundle: what it is, its fingerprint, how to verify it
//! and every file and column in plain words. The descriptions come from
//! [`super::FILES`], the same list the writer and the checker use. There is
//! no export time in it: the same books give the same text.
//!
//! Rule: the README is generated, never hand-written: from the spec and the
//! bundle's facts only.

use super::{BundleAudience, FILES, FUND_SIGNERS, MANIFEST, SIGNATURE, SIGNER};
use crate::domain::hash::GENESIS;
use crate::domain::keys::BUNDLE_NAMESPACE;

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
    /// Whether the period is closed, or was reopened and why, in words.
    pub standing: &'a str,
    /// The fingerprint of the fund key MANIFEST.csv is signed with, when
    /// it is signed.
    pub signed_by: Option<&'a str>,
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

/// The lines that introduce the hashes the README states, each followed by
/// a line with the hash (indented), and the key of BUNDLE.csv it repeats.
/// The checker reads them back.
pub const STATED: &[(&str, &str)] = &[
    ("Ledger fingerprint", "fingerprint"),
    ("Governance records head", "records_head"),
    ("journal.csv continues the chain from", "journal_prev_hash"),
    ("and ends with", "journal_last_hash"),
];

/// Wraps `text` at word boundaries: the first line starts with `first`,
/// the others with `rest`.
fn hang(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut indent = first;
    let mut line = String::from(first);
    for word in text.split_whitespace() {
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

fn audience_text(audience: BundleAudience) -> &'static str {
    match audience {
        BundleAudience::Public => {
            "public: for anyone. Members who asked not to be named in public (pseudonymous and anonymous members) appear under a stable pseudonym such as member-1a2b3c4d, derived from a secret kept in the fund's file: the same person has the same pseudonym in every bundle, and nobody can confirm a guessed name by hashing it. Their names are replaced in free text too, also misspelt, in another case, without accents or by one part of the name (purposes, categories, reasons, kinds of support), and a steward's recusal shows no reason, so no family tie is told. Contact details, private notes and account notes are left out. Only text changes: every amount is as in the books, so balances, pools and grants reconcile with journal.csv exactly as in the auditor's bundle."
        }
        BundleAudience::Members => {
            "members: for the fund's members. Anonymous members appear under a stable pseudonym such as member-1a2b3c4d (the same in every bundle), everyone else by name; their names are replaced in free text too (also misspelt, in another case, without accents or by one part of the name), and a steward's recusal shows no reason. Only text changes, never an amount, so every total reconciles with journal.csv. Contact details, private notes and account notes are left out."
        }
        BundleAudience::Auditor => {
            "auditor: for an auditor. Every member appears by name, and accounts carry the treasurers' notes, to match them with bank statements and receipts. Members' contact details and private notes are left out."
        }
    }
}

/// What the bundle redacts in the hash-chained files, and why it still
/// verifies.
fn redaction_text(audience: BundleAudience) -> &'static str {
    match audience {
        BundleAudience::Public | BundleAudience::Members => {
            "What was redacted: in journal.csv, reversed.csv and records.csv, which are hash-chained, a free text (a description, payee, reference, memo, purpose, reason, a hidden member's own name, a contact or a private note) that this audience may not see is not shown. journal.csv shows it as the word redacted with, in its salt column, the text's commitment (64 hex digits) instead of the salt (32); records.csv shows {\"redacted\": commitment}. Rows in the v2 form hash each text only through its commitment, so every hash still recomputes offline and the chain still reaches the fingerprint and the records head. Amounts, dates, accounts and pools are never redacted, so every total still reconciles. Rows recorded before the fund switched to the v2 form hash their text itself: in journal.csv they are shown as recorded (the export warned the treasurer of any hidden name in them), and in records.csv such a record's payload is withheld (its hash is stated). Account and pool names are shown as recorded."
        }
        BundleAudience::Auditor => {
            "What was redacted: nothing but members' contact details and private notes, which records.csv shows only as their commitment ({\"redacted\": commitment}); every hash still recomputes from the files."
        }
    }
}

/// What the checkers re-derive, and what the bundle states without proof.
const CHECKED: &str = "What is checked: every hash of journal.csv, reversed.csv and records.csv is recomputed and each chain linked to the hashes above. balances.csv and pools.csv are recomputed from journal.csv. From records.csv (each grant replayed from its records exactly as fondo does, by the same code that wrote the files): roles.csv (role-term and role-end records), policies.csv (policy records), every row of grants.csv (applicant, pool, amount, purpose, rule, window, status, decision, decided tallies, paid, spent, returned, end), every vote of votes.csv (who, how, when, why, counted), and who each row of contributors.csv names (contribution records); no vote may come from the grant's applicant or from a member who was no steward that day. The tranches, returns and contributions are also matched with journal.csv.";

/// The rows a checker cannot re-derive, with why.
const STATED_ROWS: &str = "Stated, not checkable: the recusal rows of votes.csv (why a steward recused is a relation that public bundles do not tell; the eligible count of grants.csv is checked against them); the tally of a grant still open at the period's end (checked against votes.csv); which commodity code a grant's commodity is, the names and decimal places of commodities.csv and the status and closing days of accounts.csv (commodities and accounts are not governance records); pools.csv's purpose and guidelines (pool records hold them, the checkers do not compare them yet); the status of purchases.csv and the units of purchase_items.csv (in records.csv, not replayed yet); and any text shown only as its commitment.";

/// The README's text.
pub fn text(facts: &Facts<'_>) -> String {
    let fund = facts.get("fund");
    let mut out = String::new();
    let title = format!("Audit bundle of {fund}");
    out.push_str(&title);
    out.push('\n');
    out.push_str(&"=".repeat(title.chars().count()));
    out.push('\n');
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "This directory is an audit bundle of the books of {fund}, written by {}. Anyone can check it without the fund's database: every file but this one is plain CSV (UTF-8, comma-separated, quoted where needed, one header line), and MANIFEST.csv lists every file with its number of rows and its SHA-256 digest.",
            facts.get("generator")
        ),
        "",
    ));

    heading(&mut out, "What it covers");
    out.push_str(&wrap(
        &format!(
            "Period: {}, from {} to {} (both days included).",
            facts.get("period"),
            facts.get("from"),
            facts.get("to")
        ),
        "",
    ));
    out.push('\n');
    out.push_str(&wrap(facts.standing, ""));
    out.push('\n');
    out.push_str(&wrap(
        &format!("Audience: {}", audience_text(facts.audience)),
        "",
    ));
    if !facts.visibility_changes.is_empty() {
        out.push('\n');
        let changes: Vec<String> = facts
            .visibility_changes
            .iter()
            .map(|(day, from, to)| format!("on {day} from {from} to {to}"))
            .collect();
        out.push_str(&wrap(
            &format!(
                "Members changed how they are named ({}: {}). A change applies to every output written after it, this bundle included, so it may show a member differently from files published before; those stay as they were.",
                if changes.len() == 1 { "one change" } else { "changes" },
                changes.join("; ")
            ),
            "",
        ));
    }
    out.push('\n');
    out.push_str(&wrap(
        "Contributions given anonymously say anonymous in every audience. Amounts are never changed: every amount and every total is the same in the bundles of every audience, so they all reconcile with each other and with the books.",
        "",
    ));
    out.push('\n');
    out.push_str(&wrap(redaction_text(facts.audience), ""));
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "Format: {}, described completely in docs/audit-format.md in fondo's sources.",
            facts.get("format")
        ),
        "",
    ));

    heading(&mut out, "Fingerprint");
    out.push_str(&wrap(
        "The books of a fondo fund are a hash chain: each transaction's hash covers its content and the hash of the transaction recorded before it, so changing, removing or reordering anything changes every later hash. The last one, the head, is the fund's fingerprint, which treasurers read out at forums. Grants, votes, policies, members and roles are kept in a second chain of the same kind, the governance records.",
        "",
    ));
    out.push('\n');
    let prev = facts.get("journal_prev_hash");
    let intro = [
        format!(
            "{} (the journal's head hash) after {} transactions:",
            STATED[0].0,
            facts.get("ledger_transactions")
        ),
        format!(
            "{} after {} records:",
            STATED[1].0,
            facts.get("records_count")
        ),
        format!(
            "{}{}:",
            STATED[2].0,
            if prev == GENESIS {
                " the start (64 zeros)"
            } else {
                ""
            }
        ),
        format!("{}:", STATED[3].0),
    ];
    for (line, (_, key)) in intro.iter().zip(STATED) {
        out.push_str(line);
        out.push_str("\n  ");
        out.push_str(facts.get(key));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "journal.csv holds {} transactions, {} of them dated within the period. {}",
            facts.transactions,
            facts.period_transactions,
            if facts.reaches_head {
                "It ends at the head of the chain, so the fingerprint above can be recomputed from it."
            } else {
                "The books went on after its last transaction, so the fingerprint above is as stated; its last hash can be found in the hash column of a later bundle or of a full `fondo journal export`."
            }
        ),
        "",
    ));

    heading(&mut out, "What is checked, and what is stated");
    out.push_str(&wrap(CHECKED, ""));
    out.push('\n');
    out.push_str(&wrap(STATED_ROWS, ""));

    heading(&mut out, "How to verify");
    out.push_str(&hang(
        "1. With fondo, offline (no database needed): run `fondo verify --bundle` followed by the path of this directory. It checks everything below, prints every finding with its file and line, and exits with 0 when there is none, 1 when there are findings.",
        "",
        "   ",
    ));
    out.push('\n');
    out.push_str(&hang(
        "2. With a script: `python3 scripts/verify_bundle.py` followed by the path of this directory, from fondo's sources, checks the digests, both hash chains, the balances and the rows re-derived from records.csv with nothing but Python's standard library.",
        "",
        "   ",
    ));
    out.push('\n');
    out.push_str(&wrap("3. By hand or with a spreadsheet:", ""));
    for step in [
        "a. Digests: `sha256sum *` (on Windows: `certutil -hashfile FILE SHA256`) must print, for every file, the sha256 that MANIFEST.csv lists, and each CSV file must have as many rows after its header as MANIFEST.csv says.",
        "b. The hash chain: for each transaction of journal.csv (its consecutive rows with the same txn), write the JSON array [\"fondo-txn-v1\", prev_hash, date, description, payee, reference, REVERSES, [[account, commodity, amount, memo, pool], ... one per row]] with every element a string, compact (no spaces between elements), non-ASCII characters as they are; REVERSES is empty, or for a void the hash of the transaction its reverses column names (earlier in journal.csv or in reversed.csv). Its SHA-256 must be the hash column. A row whose form column is fondo-txn-v2 is hashed in the v2 form instead: the first element is \"fondo-txn-v2\" and each text (description, payee, reference, account, memo, pool) is replaced by its commitment, SHA-256 of \"fondo-text-v2\", a 0 byte, the salt of its salt column, a 0 byte and the text (a salt column of 64 hex digits is the commitment itself; an empty text stays empty). The first prev_hash must be journal_prev_hash of BUNDLE.csv, each later prev_hash the hash before it, and the last hash journal_last_hash. docs/hash-chain.md in fondo's sources has worked examples.",
        "c. Each transaction's amounts add up to zero per commodity.",
        "d. Balances: sum the amounts of journal.csv dated within the period per account and commodity, positive and negative apart; they are the debits and (as positive numbers) the credits of balances.csv, and opening + debits - credits = closing on every row. All openings add up to zero per commodity, and so do all closings.",
        "e. Pools: the sums of all pools' opening and closing equal the sums of the opening and closing balances of the assets and liabilities accounts, per commodity.",
        "f. Grants: the counted votes of votes.csv give the consents, objections and abstentions of grants.csv, and its rule (from policies.csv) gives its decision; the tranches listed in payment_txns are the grant's expense postings in journal.csv.",
        "g. Purchases: per purchase, the charged column of purchases.csv holds exactly the debits to assets:purchases:receivable of its settle_txn in journal.csv (one per group charged); each group's paid is the sum of the credits to that account in its pay_txns, and owed = charged - paid. The units are per item in purchase_items.csv, each in its item's own unit; every row's purchase and group has its row in purchases.csv.",
    ] {
        out.push_str(&hang(step, "   ", "      "));
    }

    if let Some(key) = facts.signed_by {
        signature(&mut out, key);
    }

    heading(&mut out, "The files");
    for file in FILES {
        out.push('\n');
        out.push_str(file.name);
        out.push('\n');
        out.push_str(&wrap(file.about, "  "));
        for column in file.columns {
            out.push_str(&hang(
                &format!("{}: {}", column.name, column.about),
                "    ",
                "        ",
            ));
        }
    }
    out
}

/// How to check a signed bundle's signature with plain OpenSSH.
fn signature(out: &mut String, key: &str) {
    heading(out, "The fund's signature");
    out.push_str(&wrap(
        &format!(
            "The fund signed MANIFEST.csv with its key {key}: {SIGNATURE} is an SSH signature (SSHSIG, namespace {BUNDLE_NAMESPACE}) of its exact bytes, and {FUND_SIGNERS} states the fund's public keys. Since MANIFEST.csv holds the digest of every other file, the signature covers the whole bundle. To check it with OpenSSH alone, in this directory:"
        ),
        "",
    ));
    out.push_str(&format!(
        "\n  ssh-keygen -Y verify -f {FUND_SIGNERS} -I {SIGNER} -n {BUNDLE_NAMESPACE} -s {SIGNATURE} < {MANIFEST}\n\n"
    ));
    out.push_str(&wrap(
        &format!(
            "It prints Good \"{BUNDLE_NAMESPACE}\" signature for {SIGNER} with ED25519 key {key}. That shows only that the bundle agrees with itself: whoever changed it could have signed it again with a key of their own and put that key in {FUND_SIGNERS}. So get the fund's key from the fund itself (its fingerprint is read out at the forum, and `fondo fund show` prints it), put it in a file, e.g. fund.pub, and check with it: `fondo verify --bundle DIR --signer-key fund.pub`, or with ssh-keygen as above after writing the line `{SIGNER} namespaces=\"{BUNDLE_NAMESPACE}\"` followed by the key of fund.pub into a file of your own and giving that file to -f."
        ),
        "",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

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
