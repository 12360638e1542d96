//! The audit bundle's layout, as data: every file with every column and a
//! plain-words description of each ([`FILES`]), the keys of `BUNDLE.csv`,
//! the names of the extra files (signers, ballots), the audiences, and the
//! typed rows of each CSV file ([`rows`]).
//!
//! Rule: pure data and serde types, no I/O: the bundle's writer, its README,
//! its checker (`audit::bundle`) and the hub's reader of bundles
//! (`ops::hub`) all follow this one layout, so none can disagree with
//! another on a file or a column. `docs/audit-format.md` is the human-facing
//! specification, and a test checks that it names every file and column.

use crate::domain::ids::RecordId;

pub mod rows;

/// The format version, written into `BUNDLE.csv`.
pub const FORMAT: &str = "fondo-audit-v3";

/// The format before transfers.csv; the checker still reads it (it is
/// [`FORMAT`] without [`TRANSFERS`]).
pub const FORMAT_V2: &str = "fondo-audit-v2";

/// One column of a bundle file.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub about: &'static str,
}

/// One file of a bundle.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    pub name: &'static str,
    pub about: &'static str,
    /// Its columns in order; empty for README.txt, which is text.
    pub columns: &'static [Column],
}

const fn c(name: &'static str, about: &'static str) -> Column {
    Column { name, about }
}

pub const JOURNAL: &str = "journal.csv";
pub const REVERSED: &str = "reversed.csv";
pub const ACCOUNTS: &str = "accounts.csv";
pub const COMMODITIES: &str = "commodities.csv";
pub const BALANCES: &str = "balances.csv";
pub const POOLS: &str = "pools.csv";
pub const GRANTS: &str = "grants.csv";
pub const VOTES: &str = "votes.csv";
pub const POLICIES: &str = "policies.csv";
pub const ROLES: &str = "roles.csv";
pub const CONTRIBUTORS: &str = "contributors.csv";
pub const TRANSFERS: &str = "transfers.csv";
pub const RECORDS: &str = "records.csv";
pub const BUNDLE: &str = "BUNDLE.csv";
pub const README: &str = "README.txt";
pub const MANIFEST: &str = "MANIFEST.csv";
/// The fund's signature of `MANIFEST.csv` (SSHSIG, namespace
/// [`crate::domain::keys::BUNDLE_NAMESPACE`]), in a signed bundle only. It
/// cannot be listed in the manifest it signs.
pub const SIGNATURE: &str = "MANIFEST.csv.sig";
/// The fund's public keys in OpenSSH's allowed_signers format, one line
/// each for [`SIGNER`], in a signed bundle only; listed in the manifest, so
/// the signature covers it.
pub const FUND_SIGNERS: &str = "fund_signers";
/// The principal of every line of [`FUND_SIGNERS`]: the `-I` of
/// `ssh-keygen -Y verify`.
pub const SIGNER: &str = "fund";
/// Every member key records.csv registers, in OpenSSH's allowed_signers
/// format ([`crate::domain::keys::ballot_signer_line`]), in a bundle whose
/// records register any; listed in the manifest.
pub const ALLOWED_SIGNERS: &str = "allowed_signers";

/// The file holding the ballot of the signed vote that is record `id` of
/// records.csv (`ballot-17.txt`); its signature is the same name with
/// `.sig` ([`ballot_signature_file`]), as `ssh-keygen -Y sign` names it.
pub fn ballot_file(id: RecordId) -> String {
    format!("ballot-{id}.txt")
}

/// The file holding the signature of [`ballot_file`]`(id)`.
pub fn ballot_signature_file(id: RecordId) -> String {
    format!("ballot-{id}.txt.sig")
}

/// The record a ballot file name is for, and whether it is the signature:
/// None for any other name.
pub fn parse_ballot_file(name: &str) -> Option<(RecordId, bool)> {
    let rest = name.strip_prefix("ballot-")?;
    let (number, sig) = match rest.strip_suffix(".txt.sig") {
        Some(n) => (n, true),
        None => (rest.strip_suffix(".txt")?, false),
    };
    let plain = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    let id = number
        .parse()
        .ok()
        .filter(|_| plain && !number.starts_with('0'))
        .map(RecordId::new)?;
    (ballot_file(id) == name || ballot_signature_file(id) == name).then_some((id, sig))
}

/// Whether `name` is a file a bundle may hold besides [`FILES`]: the
/// signature's and the ballots' files.
pub fn is_extra_file(name: &str) -> bool {
    [FUND_SIGNERS, ALLOWED_SIGNERS].contains(&name) || parse_ballot_file(name).is_some()
}

const JOURNAL_COLUMNS: &[Column] = &[
    c(
        "txn",
        "the transaction's number in the fund's books; the rows of one transaction are next to each other",
    ),
    c("date", "the transaction's date, YYYY-MM-DD"),
    c("description", "what the transaction is"),
    c(
        "account",
        "the account of this posting, e.g. assets:bank:usd",
    ),
    c(
        "amount",
        "the posting's amount, with exactly the commodity's decimal places; positive is a debit, negative a credit; each transaction adds up to zero per commodity",
    ),
    c(
        "commodity",
        "what the amount counts: a currency (USD) or an in-kind unit (HOURS)",
    ),
    c("payee", "who paid or was paid, when recorded (often empty)"),
    c(
        "reference",
        "a bank reference, receipt or cheque number (often empty)",
    ),
    c("memo", "a note on this posting (often empty)"),
    c(
        "pool",
        "the restricted pool an income, expense or equity posting belongs to; empty for the general pool and for every asset or liability posting",
    ),
    c(
        "reverses",
        "for a void: the txn it reverses (in this file or in reversed.csv); empty otherwise",
    ),
    c(
        "prev_hash",
        "the hash of the transaction recorded just before this one",
    ),
    c(
        "hash",
        "this transaction's SHA-256 hash over its content and prev_hash (docs/hash-chain.md)",
    ),
    c(
        "form",
        "the canonical form of the hash: fondo-txn-v1 (recorded before the fund switched) or fondo-txn-v2 (text fields hashed as salted commitments)",
    ),
    c(
        "description_salt",
        "v2 only: the salt of the description's commitment (32 hex digits); empty for an empty text",
    ),
    c("payee_salt", "v2 only: the salt of the payee's commitment"),
    c(
        "reference_salt",
        "v2 only: the salt of the reference's commitment",
    ),
    c(
        "memo_salt",
        "v2 only: the salt of this posting's memo's commitment",
    ),
    c(
        "account_salt",
        "v2 only: the salt of the account name's commitment, the same on every row of the account",
    ),
    c(
        "pool_salt",
        "v2 only: the salt of the pool name's commitment; empty for the general pool",
    ),
];

/// Every file of a bundle, in the order the README describes them.
pub const FILES: &[FileSpec] = &[
    FileSpec {
        name: BUNDLE,
        about: "What this bundle is: one row per fact, as key and value. The keys are format, fund, fund_id (the id its ballots name), audience, period, from, to, journal_prev_hash, journal_last_hash, fingerprint, ledger_transactions, records_head, records_count (the records of records.csv end at this head and are this many) and generator (each is explained at the top of this README).",
        columns: &[c("key", "the name of the fact"), c("value", "its value")],
    },
    FileSpec {
        name: JOURNAL,
        about: "The journal: one row per posting, in the order the transactions were recorded (chain order), exactly as `fondo journal export` writes it. It holds every transaction dated within the period and, to keep the hash chain unbroken, the transactions recorded in between that are dated outside it (they do not count towards the period's figures).",
        columns: JOURNAL_COLUMNS,
    },
    FileSpec {
        name: REVERSED,
        about: "Transactions from before journal.csv that a void in journal.csv reverses, in the same columns. A void's hash covers the hash of the transaction it reverses; these rows let that hash be recomputed. Usually empty.",
        columns: JOURNAL_COLUMNS,
    },
    FileSpec {
        name: ACCOUNTS,
        about: "Every account of the fund, as on the period's last day.",
        columns: &[
            c("account", "the account's full name"),
            c(
                "type",
                "assets, liabilities, equity, income or expenses (the first part of the name)",
            ),
            c("status", "open or closed"),
            c("closed_on", "the day it was closed, if it was"),
            c(
                "note",
                "the treasurer's note on the account (e.g. which bank account it is); auditor bundles only, empty in the others",
            ),
        ],
    },
    FileSpec {
        name: COMMODITIES,
        about: "Every commodity: currencies and in-kind units, with the decimal places every amount in it is written with.",
        columns: &[
            c("commodity", "its code, e.g. USD or HOURS"),
            c("decimals", "how many decimal places its amounts have"),
            c("name", "its full name, if it has one"),
        ],
    },
    FileSpec {
        name: BALANCES,
        about: "Every account's balance per commodity at the start and at the end of the period: opening + debits - credits = closing, and debits and credits are the sums of the journal.csv postings dated within the period. All openings together add up to zero per commodity, and so do all closings.",
        columns: &[
            c("account", "the account"),
            c("commodity", "the commodity"),
            c(
                "opening",
                "the balance at the end of the day before the period starts (positive: debit)",
            ),
            c(
                "debits",
                "the sum of the positive postings dated within the period",
            ),
            c(
                "credits",
                "the sum of the negative postings dated within the period, written as a positive number",
            ),
            c("closing", "the balance at the end of the period's last day"),
        ],
    },
    FileSpec {
        name: POOLS,
        about: "What each pool held at the start and the end of the period, and how it changed, per commodity (one row with empty amounts for a pool that never held anything). A pool's holdings are made of the income, expense and equity postings that carry its name in the pool column of the journal (for the general pool: those with an empty pool column). For every row, opening + contributions + moved_in - moved_out - spent + converted + other = closing, and available = closing - committed. All pools' openings (and closings) together equal the fund's net assets: the balances of all asset and liability accounts.",
        columns: &[
            c(
                "pool",
                "the pool's name; general is everything not set aside in another pool",
            ),
            c("purpose", "what the community set it aside for"),
            c("guidelines", "how grants from it are meant to be used"),
            c("commodity", "the commodity"),
            c(
                "opening",
                "held at the end of the day before the period starts",
            ),
            c(
                "contributions",
                "income credited to the pool within the period (minus income debited)",
            ),
            c(
                "moved_in",
                "moved in from other pools within the period (credits to equity:pools)",
            ),
            c(
                "moved_out",
                "moved out to other pools within the period (debits to equity:pools)",
            ),
            c(
                "spent",
                "expenses charged to the pool within the period (grant tranches, goods given out, costs), less refunds",
            ),
            c(
                "converted",
                "currency exchanges within the period (equity:conversions:…): received in this commodity minus given up",
            ),
            c(
                "other",
                "other equity entries within the period (opening balances and the like)",
            ),
            c("closing", "held at the end of the period's last day"),
            c(
                "committed",
                "approved grants not yet paid at the end of the period: still held, but earmarked",
            ),
            c("available", "closing minus committed"),
        ],
    },
    FileSpec {
        name: GRANTS,
        about: "Every grant applied for by the end of the period that was still open or approved when it began (grants finished before the period are left out), as it stood at the end of the period.",
        columns: &[
            c("grant", "the grant's id, e.g. G-0001"),
            c("applicant", "who applied (as this audience may see them)"),
            c("pool", "the pool it is paid from"),
            c("commodity", "the commodity asked for"),
            c(
                "amount",
                "the amount asked for (an approval commits exactly this)",
            ),
            c("purpose", "what it is for"),
            c("category", "the spending category, if given"),
            c("needed_by", "the day it was needed by, if given"),
            c(
                "applied_at",
                "when the application was made, YYYY-MM-DDTHH:MM:SS",
            ),
            c(
                "policy_version",
                "the version of the pool's policy in force then (see policies.csv)",
            ),
            c(
                "rule",
                "the rule of the tier its amount falls in, in words, e.g. consent (3 consents, no objection)",
            ),
            c(
                "window_closes",
                "applied_at plus the tier's window: when voting ends",
            ),
            c(
                "status",
                "open, approved, rejected, withdrawn or closed at the end of the period",
            ),
            c(
                "decision",
                "approved or rejected, once decided; empty before",
            ),
            c("decided_at", "when it was decided"),
            c(
                "expires",
                "the last day an approval's unpaid money stays committed, if set",
            ),
            c(
                "consents",
                "the consents counted: at the decision, or at the end of the period if it is still open (each steward's latest vote, up to the window's close)",
            ),
            c("objections", "the objections counted, likewise"),
            c("abstentions", "the abstentions counted, likewise"),
            c(
                "eligible",
                "the stewards who could vote then (in term, not recused), as the decision recorded it",
            ),
            c(
                "explanation",
                "why it was decided so, as fondo wrote it at the decision",
            ),
            c("paid", "the tranches paid by the end of the period"),
            c(
                "paid_in_period",
                "the part of paid whose tranches are dated within the period",
            ),
            c(
                "payment_txns",
                "the txn of every tranche paid by the end of the period, separated by spaces",
            ),
            c(
                "spent",
                "the spending the grantee reported by the end of the period",
            ),
            c("returned", "money the grantee gave back at closure"),
            c("return_txn", "the txn of that return, if any"),
            c(
                "committed",
                "for an approved grant not closed: amount minus paid; otherwise 0",
            ),
            c(
                "ended_at",
                "when it was closed or withdrawn, if it was by the end of the period",
            ),
            c("end_reason", "why it was closed or withdrawn"),
        ],
    },
    FileSpec {
        name: VOTES,
        about: "Every vote cast on the grants of grants.csv up to the end of the period, changes included (a later vote by the same steward replaces the earlier one), then one row per steward who had to recuse.",
        columns: &[
            c("grant", "the grant"),
            c("member", "the steward (as this audience may see them)"),
            c(
                "vote",
                "consent, object or abstain; recused for a steward who could not vote",
            ),
            c(
                "at",
                "when the vote was cast; for a recusal, when the votes were counted",
            ),
            c(
                "reason",
                "the reason given (an objection always has one); for a recusal: the applicant, or related to the applicant",
            ),
            c(
                "counted",
                "yes for the latest vote of each steward cast by the time the votes were counted (the decision, or the end of the period, and never after the window closed); no otherwise",
            ),
        ],
    },
    FileSpec {
        name: POLICIES,
        about: "Every version of every pool's decision policy set by the end of the period, one row per tier. A request falls in the tier with the lowest ceiling (up_to) in its commodity that covers it, else in the tier without a ceiling.",
        columns: &[
            c("pool", "the pool"),
            c("version", "the version number (1, 2, …)"),
            c("set_at", "when this version was set"),
            c(
                "up_to",
                "the largest amount the tier decides; empty: no ceiling",
            ),
            c("commodity", "the commodity of up_to"),
            c("rule", "consent, majority or lazy"),
            c(
                "min_consents",
                "consent and lazy: the consents needed (with no objection)",
            ),
            c("quorum", "majority: how many eligible stewards must vote"),
            c(
                "threshold",
                "majority: the share of consents among consents and objections that must be exceeded, e.g. 0.5",
            ),
            c(
                "window_minutes",
                "how long voting stays open after the application",
            ),
            c("reason", "why the community set it"),
        ],
    },
    FileSpec {
        name: ROLES,
        about: "Every role term that started by the end of the period: treasurers, stewards (who vote on grants) and members.",
        columns: &[
            c("member", "who (as this audience may see them)"),
            c("role", "treasurer, steward or member"),
            c("from", "the term's first day"),
            c("until", "its last day; empty while it is open-ended"),
        ],
    },
    FileSpec {
        name: CONTRIBUTORS,
        about: "Every contribution dated within the period, money and in kind, with who it came from. Each row matches the income postings of its txn in journal.csv.",
        columns: &[
            c("txn", "the contribution's transaction in journal.csv"),
            c("date", "its date"),
            c(
                "contributor",
                "who gave it (as this audience may see them); anonymous when the giver stayed anonymous",
            ),
            c(
                "kind",
                "money, goods (in kind, kept in stock) or the kind of service given in kind (e.g. legal-assistance)",
            ),
            c("pool", "the pool it went to"),
            c("commodity", "the commodity"),
            c("amount", "the amount credited to income"),
            c(
                "voided_by",
                "the txn of the void that cancelled it within the period, if any",
            ),
        ],
    },
    FileSpec {
        name: TRANSFERS,
        about: "Every transfer between this fund and another dated within the period, money sent or received, in chain order. Each row is what its txn in journal.csv states (reference, payee and postings); a hub matches the two funds' rows by transfer_id.",
        columns: &[
            c("txn", "the transfer's transaction in journal.csv"),
            c("date", "its date"),
            c("direction", "sent or received"),
            c(
                "transfer_id",
                "the transfer id: the sender's fund id, a dash and the sender's count of transfers (the transaction's reference)",
            ),
            c(
                "counterpart_fund",
                "the other fund's id (the transaction's payee)",
            ),
            c(
                "amount",
                "sent: the amount sent; received: the amount that arrived",
            ),
            c("commodity", "the commodity"),
            c(
                "sent_amount",
                "received only: the amount the sender sent, as this fund recorded it (the amount itself in one currency)",
            ),
            c("sent_commodity", "received only: its commodity"),
            c(
                "rate",
                "received in another currency only: amount divided by sent_amount, exactly",
            ),
            c(
                "pool",
                "the pool the money left or went to; empty for the general pool",
            ),
            c(
                "grant",
                "received only: the grant of this fund it funds, if one was named",
            ),
            c(
                "voided_by",
                "the txn of the void that reversed it within the period, if any",
            ),
        ],
    },
    FileSpec {
        name: RECORDS,
        about: "Every governance record of the fund from the first to the records head stated in BUNDLE.csv, in chain order (records are written as things happen, so this includes records dated after the period; the other files count only those dated by its end). Each record's hash is recomputed from its content and the hash before it, from the genesis hash (64 zeros) to the records head. Each free-text field of a record in the v2 form is shown as {\"text\", \"salt\"} where this audience may see it, or as {\"redacted\": commitment} where it may not (a member's name adds \"shown\", the name or pseudonym the other files use); the hash recomputes either way (docs/audit-format.md).",
        columns: &[
            c("id", "the record's number, in chain order"),
            c(
                "at",
                "when it happened (YYYY-MM-DDTHH:MM:SS), or for an audit record when it was typed in (with a Z)",
            ),
            c(
                "kind",
                "what it records: policy, vote, decision, member, role-term, …",
            ),
            c("grant", "the grant's number (7 for G-0007), or empty"),
            c(
                "form",
                "the canonical form of its hash: fondo-record-v1 (text hashed as it is) or fondo-record-v2 (text fields hashed as salted commitments)",
            ),
            c("prev_hash", "the hash of the record before it"),
            c(
                "hash",
                "its SHA-256 hash over its content and prev_hash (docs/hash-chain.md)",
            ),
            c(
                "payload",
                "its content, a JSON object, keys in stored order; withheld for a v1 record whose text this audience may not see (its hash is then stated, not checkable)",
            ),
        ],
    },
    FileSpec {
        name: PURCHASES,
        about: "The pooled purchases opened within the period, in which member groups bought together from one supplier: one row per purchase and group with its money, as they stood at the end of the period's last day, in the order the purchases were opened and the groups first ordered (the units are in purchase_items.csv, per item). Per purchase, the charged column adds up to the settlement transaction's debits to assets:purchases:receivable, and each group's paid to the credits of its payment transactions. Stated, not checkable: the status comes from the purchase's governance records, which records.csv holds but the checkers do not replay yet, and no posting of the journal names a group.",
        columns: PURCHASE_COLUMNS,
    },
    FileSpec {
        name: PURCHASE_ITEMS,
        about: "The units of the pooled purchases in purchases.csv, per item: one row per purchase, group and item the group ordered, in the order of purchases.csv and then of the purchase's items, as they stood at the end of the period's last day. Each item counts in its own unit (kilograms of rice and bottles of oil are never added together). Every row's purchase and group has its row in purchases.csv. Stated, not checkable: ordered, allocated and received come from the purchase's governance records (its orders, closing and deliveries), which records.csv holds but the checkers do not replay yet.",
        columns: PURCHASE_ITEM_COLUMNS,
    },
    FileSpec {
        name: README,
        about: "This file.",
        columns: &[],
    },
    FileSpec {
        name: MANIFEST,
        about: "Every other file with its number of rows (data rows after the header for a CSV file; lines for README.txt) and its SHA-256 digest. The digest of MANIFEST.csv itself, printed by `fondo export audit` and by `fondo verify --bundle`, identifies the whole bundle.",
        columns: &[
            c("file", "the file's name"),
            c("rows", "its number of rows"),
            c(
                "sha256",
                "the SHA-256 of its bytes, 64 lower-case hex digits",
            ),
        ],
    },
];

/// The spec of a file by name.
pub fn spec(name: &str) -> &'static FileSpec {
    FILES
        .iter()
        .find(|f| f.name == name)
        .expect("every bundle file has a spec")
}

/// The column names of a file.
pub fn columns(name: &str) -> Vec<&'static str> {
    spec(name).columns.iter().map(|c| c.name).collect()
}

/// The keys of `BUNDLE.csv`, in order.
pub const KEYS: [&str; 14] = [
    "format",
    "fund",
    "fund_id",
    "audience",
    "period",
    "from",
    "to",
    "journal_prev_hash",
    "journal_last_hash",
    "fingerprint",
    "ledger_transactions",
    "records_head",
    "records_count",
    "generator",
];

/// Who a bundle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleAudience {
    Public,
    Members,
    Auditor,
}

impl BundleAudience {
    pub fn as_str(self) -> &'static str {
        self.audience().as_str()
    }

    /// The member audience whose rules it follows.
    pub fn audience(self) -> crate::domain::member::Audience {
        use crate::domain::member::Audience;
        match self {
            BundleAudience::Public => Audience::Public,
            BundleAudience::Members => Audience::Members,
            BundleAudience::Auditor => Audience::Auditor,
        }
    }

    pub fn parse(text: &str) -> Option<BundleAudience> {
        [
            BundleAudience::Public,
            BundleAudience::Members,
            BundleAudience::Auditor,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}

/// The money file's name.
pub const PURCHASES: &str = "purchases.csv";

/// The units file's name.
pub const PURCHASE_ITEMS: &str = "purchase_items.csv";

const PURCHASE_COLUMNS: &[Column] = &[
    c("purchase", "the purchase's name"),
    c(
        "status",
        "open, closed, settled or done, at the end of the period (stated, not checkable)",
    ),
    c(
        "group",
        "the member group (a household, a collective) as this audience may see them",
    ),
    c("currency", "the purchase's currency"),
    c(
        "charged",
        "its share of the invoice and the costs, after the fund's subsidy; 0 before settling. The settlement transaction debits assets:purchases:receivable with exactly one posting per group charged",
    ),
    c(
        "paid",
        "what it has paid of its share: the credits to assets:purchases:receivable of the transactions in pay_txns",
    ),
    c("owed", "charged - paid: what it still owes the fund"),
    c(
        "settle_txn",
        "the txn of journal.csv that paid the supplier and charged the shares; empty before settling",
    ),
    c(
        "pay_txns",
        "the txns of journal.csv in which the group paid, separated by spaces",
    ),
];

const PURCHASE_ITEM_COLUMNS: &[Column] = &[
    c("purchase", "the purchase's name, as in purchases.csv"),
    c(
        "group",
        "the member group, named as in purchases.csv (which has its row)",
    ),
    c("item", "the item, as the purchase lists it"),
    c(
        "unit",
        "the in-kind commodity its units are counted in (e.g. KG-RICE); empty when the item is not kept in stock",
    ),
    c(
        "ordered",
        "the units of this item the group ordered (stated, not checkable)",
    ),
    c(
        "allocated",
        "the units of this item allocated to it in whole cases at closing; 0 before closing (stated, not checkable)",
    ),
    c(
        "received",
        "the units of this item it was given of what arrived, after a short delivery was re-allocated; 0 before delivery (stated, not checkable)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specification_names_every_file_and_column() {
        let doc = include_str!("../../../docs/audit-format.md");
        for file in FILES {
            assert!(
                doc.contains(&format!("`{}`", file.name)),
                "docs/audit-format.md does not describe {}",
                file.name
            );
            for column in file.columns {
                assert!(
                    doc.contains(&format!("| `{}` |", column.name)),
                    "docs/audit-format.md has no row for column {} of {}",
                    column.name,
                    file.name
                );
            }
        }
        for key in KEYS {
            assert!(doc.contains(&format!("| `{key}` |")), "key {key}");
        }
    }

    #[test]
    fn journal_columns_are_the_export_columns() {
        assert_eq!(columns(JOURNAL), crate::domain::journal::COLUMNS);
        assert_eq!(columns(REVERSED), crate::domain::journal::COLUMNS);
    }
}
