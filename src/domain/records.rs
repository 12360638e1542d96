//! Governance records: the kinds of record in the hash-chained log, and the
//! payloads fondo reads back (policies, relations, the steps of a grant,
//! budgets).
//!
//! A payload is stored, and hashed, as the JSON its struct serializes to
//! (docs/hash-chain.md lists them key by key): the fields, their order and
//! which optional ones are left out are part of every record's hash, so they
//! never change. Dates inside payloads stay `YYYY-MM-DD` text here, as
//! stored; [`crate::domain::grant`] reads them as dates.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{
    AccountId, CommodityId, MemberId, PledgeId, PoolId, RecordId, TermId, TxnId,
};
use crate::domain::policy::{Tally, Tier, Vote};
use crate::error::{Error, Result};

/// What a governance record records, as its `kind` column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A version of a pool's decision policy.
    Policy,
    /// Two members declared related (each recuses from the other's grants).
    Relation,
    Application,
    Vote,
    Decision,
    /// A tranche paid.
    Payment,
    /// A line of the grantee's spending report.
    Spend,
    /// A grant closed, or its commitment expired.
    Closure,
    Withdrawal,
    Budget,
    // The audit records of the community tables.
    Member,
    MemberInactive,
    RoleTerm,
    RoleEnd,
    Pool,
    Contribution,
    Rate,
    Pledge,
    Setting,
    /// The audit record of a pooled purchase opened.
    Purchase,
    /// An item offered in a purchase.
    PurchaseItem,
    /// A group's order (or its change).
    PurchaseOrder,
    /// A purchase closed, with its allocation.
    PurchaseClose,
    /// Goods of a purchase received.
    PurchaseReceive,
    /// A transport or packing cost of a purchase.
    PurchaseCost,
    /// A purchase settled with its supplier.
    PurchaseSettle,
    /// A group's payment of its share.
    PurchasePay,
    /// Goods given out to a group.
    PurchaseDistribute,
    /// A period closed after the forum: nothing dated inside it may change.
    PeriodClose,
    /// A closed period opened again, until it is closed again.
    PeriodReopen,
    /// A new version of a member's details (a correction or a change).
    MemberEdit,
    /// A new version of a pool's purpose and guidelines.
    PoolEdit,
    /// A new note on an account.
    AccountNote,
    /// A pledge ended (its last day).
    PledgeEnd,
    /// A steward's vote withdrawn before the decision.
    VoteWithdrawal,
    /// An account's books agreed with its statement at a date.
    Reconciliation,
    /// Reconciliations of an account reopened, with a reason.
    ReconciliationReopen,
    /// An OpenSSH public key registered to a member
    /// ([`crate::domain::keys::MemberKeyRecord`]).
    MemberKey,
    /// A member's key revoked.
    MemberKeyRevoke,
    /// The fund's own key, that signs its bundles.
    FundKey,
    /// The fund's name, currency, id and commitments to its pseudonym
    /// secret and salt key ([`FundSettingsRecord`]): written at `init` and
    /// whenever one of them changes.
    FundSettings,
    /// The audit record of an account added: its id, name and first note.
    Account,
    /// An import's record of its source's keys: the label, how many keys
    /// it has and their digest.
    Import,
}

impl RecordKind {
    /// Every kind, in the order docs/hash-chain.md lists them.
    pub const ALL: [RecordKind; 43] = [
        RecordKind::Policy,
        RecordKind::Relation,
        RecordKind::Application,
        RecordKind::Vote,
        RecordKind::Decision,
        RecordKind::Payment,
        RecordKind::Spend,
        RecordKind::Closure,
        RecordKind::Withdrawal,
        RecordKind::Budget,
        RecordKind::Member,
        RecordKind::MemberInactive,
        RecordKind::RoleTerm,
        RecordKind::RoleEnd,
        RecordKind::Pool,
        RecordKind::Contribution,
        RecordKind::Rate,
        RecordKind::Pledge,
        RecordKind::Setting,
        RecordKind::Purchase,
        RecordKind::PurchaseItem,
        RecordKind::PurchaseOrder,
        RecordKind::PurchaseClose,
        RecordKind::PurchaseReceive,
        RecordKind::PurchaseCost,
        RecordKind::PurchaseSettle,
        RecordKind::PurchasePay,
        RecordKind::PurchaseDistribute,
        RecordKind::PeriodClose,
        RecordKind::PeriodReopen,
        RecordKind::MemberEdit,
        RecordKind::PoolEdit,
        RecordKind::AccountNote,
        RecordKind::PledgeEnd,
        RecordKind::VoteWithdrawal,
        RecordKind::Reconciliation,
        RecordKind::ReconciliationReopen,
        RecordKind::MemberKey,
        RecordKind::MemberKeyRevoke,
        RecordKind::FundKey,
        RecordKind::FundSettings,
        RecordKind::Account,
        RecordKind::Import,
    ];

    /// The kind as stored (and hashed).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Policy => "policy",
            RecordKind::Relation => "relation",
            RecordKind::Application => "application",
            RecordKind::Vote => "vote",
            RecordKind::Decision => "decision",
            RecordKind::Payment => "payment",
            RecordKind::Spend => "spend",
            RecordKind::Closure => "closure",
            RecordKind::Withdrawal => "withdrawal",
            RecordKind::Budget => "budget",
            RecordKind::Member => "member",
            RecordKind::MemberInactive => "member-inactive",
            RecordKind::RoleTerm => "role-term",
            RecordKind::RoleEnd => "role-end",
            RecordKind::Pool => "pool",
            RecordKind::Contribution => "contribution",
            RecordKind::Rate => "rate",
            RecordKind::Pledge => "pledge",
            RecordKind::Setting => "setting",
            RecordKind::Purchase => "purchase",
            RecordKind::PurchaseItem => "purchase-item",
            RecordKind::PurchaseOrder => "purchase-order",
            RecordKind::PurchaseClose => "purchase-close",
            RecordKind::PurchaseReceive => "purchase-receive",
            RecordKind::PurchaseCost => "purchase-cost",
            RecordKind::PurchaseSettle => "purchase-settle",
            RecordKind::PurchasePay => "purchase-pay",
            RecordKind::PurchaseDistribute => "purchase-distribute",
            RecordKind::PeriodClose => "period-close",
            RecordKind::PeriodReopen => "period-reopen",
            RecordKind::MemberEdit => "member-edit",
            RecordKind::PoolEdit => "pool-edit",
            RecordKind::AccountNote => "account-note",
            RecordKind::PledgeEnd => "pledge-end",
            RecordKind::VoteWithdrawal => "vote-withdrawal",
            RecordKind::Reconciliation => "reconciliation",
            RecordKind::ReconciliationReopen => "reconciliation-reopen",
            RecordKind::MemberKey => "member-key",
            RecordKind::MemberKeyRevoke => "member-key-revoke",
            RecordKind::FundKey => "fund-key",
            RecordKind::FundSettings => "fund-settings",
            RecordKind::Account => "account",
            RecordKind::Import => "import",
        }
    }

    /// The kind a stored `kind` names; None for a kind fondo never writes.
    pub fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// [`parse`](Self::parse), for a record read from the log: an unknown
    /// kind means the log was written by something other than fondo.
    ///
    /// # Errors
    /// [`Error::Damaged`] naming the record when the kind is unknown.
    pub fn of_record(id: RecordId, text: &str) -> Result<RecordKind> {
        RecordKind::parse(text).ok_or_else(|| Error::Damaged {
            what: "the governance log".into(),
            detail: format!("record {id} has a kind fondo does not know ({text:?})"),
        })
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The free-text fields of each kind's payload: the values the v2 form
/// hashes as salted commitments (and an audience output may redact). One
/// line per kind; a kind not listed has no free text.
pub const TEXT_FIELDS: &[(RecordKind, &[&str])] = &[
    (RecordKind::Policy, &["reason"]),
    (RecordKind::Relation, &["reason"]),
    (RecordKind::Application, &["purpose", "category"]),
    (RecordKind::Vote, &["reason", "ballot"]),
    (RecordKind::Decision, &["explanation"]),
    (RecordKind::Spend, &["category", "receipt", "note"]),
    (RecordKind::Closure, &["reason"]),
    (RecordKind::Withdrawal, &["reason"]),
    (RecordKind::Budget, &["category"]),
    (RecordKind::Member, &["name"]),
    (RecordKind::Pool, &["name", "purpose", "guidelines"]),
    (RecordKind::Rate, &["source"]),
    (RecordKind::Setting, &["value"]),
    (RecordKind::Purchase, &["name", "supplier"]),
    (RecordKind::PurchaseItem, &["name", "unit"]),
    (RecordKind::PurchaseCost, &["reason"]),
    (RecordKind::PurchaseSettle, &["rounding_account"]),
    (RecordKind::PeriodClose, &["reason"]),
    (RecordKind::PeriodReopen, &["reason"]),
    (RecordKind::MemberEdit, &["name", "contact", "note"]),
    (RecordKind::PoolEdit, &["purpose", "guidelines"]),
    (RecordKind::AccountNote, &["account", "note"]),
    (RecordKind::PledgeEnd, &["reason"]),
    (RecordKind::VoteWithdrawal, &["reason"]),
    (RecordKind::Reconciliation, &["account", "statement"]),
    (RecordKind::ReconciliationReopen, &["account", "reason"]),
    (RecordKind::MemberKeyRevoke, &["reason"]),
    (RecordKind::FundSettings, &["name"]),
    (RecordKind::Account, &["name", "note"]),
    (RecordKind::Import, &["source"]),
];

/// The free-text fields of a stored `kind` (none for an unknown kind).
pub fn text_fields(kind: &str) -> &'static [&'static str] {
    TEXT_FIELDS
        .iter()
        .find(|(k, _)| k.as_str() == kind)
        .map_or(&[], |(_, fields)| fields)
}

/// `payload` as the v2 form hashes it: each free-text field of `kind` that
/// holds a text replaced by `seal(field, text)` (its commitment), keys in
/// stored order; absent, null and non-text values stay as they are.
pub fn sealed_payload(
    kind: &str,
    payload: &serde_json::Value,
    mut seal: impl FnMut(&str, &str) -> String,
) -> serde_json::Value {
    let mut sealed = payload.clone();
    if let serde_json::Value::Object(map) = &mut sealed {
        for field in text_fields(kind) {
            if let Some(serde_json::Value::String(text)) = map.get_mut(*field) {
                *text = seal(field, text);
            }
        }
    }
    sealed
}

/// Reads the payload of record `id` of `kind`.
///
/// # Errors
/// [`Error::Damaged`] when the payload does not have the shape of its kind.
pub fn payload<T: for<'de> Deserialize<'de>>(
    id: RecordId,
    kind: &str,
    payload: &serde_json::Value,
) -> Result<T> {
    serde_json::from_value(payload.clone()).map_err(|e| Error::Damaged {
        what: "the governance log".into(),
        detail: format!("record {id} ({kind}) cannot be read: {e}"),
    })
}

/// A payload as stored: plain data, so serializing it cannot fail.
pub fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("record payloads are plain data")
}

/// A version of a pool's policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyRecord {
    pub pool: PoolId,
    pub version: u32,
    pub tiers: Vec<Tier>,
    pub reason: Option<String>,
    /// `"required"`: only votes from signed ballots are taken and counted.
    /// Left out when optional (so older policies keep their hashes).
    #[serde(default, skip_serializing_if = "SignedVotes::is_optional")]
    pub signed_votes: SignedVotes,
}

/// Whether a pool's votes must come from signed ballots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignedVotes {
    #[default]
    Optional,
    Required,
}

impl SignedVotes {
    pub fn is_optional(&self) -> bool {
        *self == SignedVotes::Optional
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SignedVotes::Optional => "optional",
            SignedVotes::Required => "required",
        }
    }
}

impl PolicyRecord {
    /// The tier a request of `amount` (minor units of `code`) falls in.
    pub fn tier_for(&self, code: &str, amount: i64) -> Option<&Tier> {
        crate::domain::policy::tier_for(&self.tiers, code, amount)
    }
}

/// Two members declared related.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelationRecord {
    pub a: MemberId,
    pub b: MemberId,
    pub reason: String,
}

/// A grant application: the first record of a grant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Application {
    pub applicant: MemberId,
    pub pool: PoolId,
    pub commodity: CommodityId,
    pub amount: i64,
    pub purpose: String,
    pub category: Option<String>,
    pub needed_by: Option<String>,
    pub policy_version: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoteRecord {
    pub member: MemberId,
    pub vote: Vote,
    pub reason: Option<String>,
    /// The signed ballot's text (docs/governance.md), for a signed vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot: Option<String>,
    /// Its SSHSIG signature (namespace `fondo-ballot`), armoured text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl VoteRecord {
    /// Whether it came from a signed ballot.
    pub fn signed(&self) -> bool {
        self.ballot.is_some() && self.signature.is_some()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub approved: bool,
    pub explanation: String,
    pub policy_version: u32,
    /// The day after which an approval's unpaid commitment lapses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// The votes counted and the stewards eligible when it was decided, so
    /// that later changes to role history cannot change what was counted.
    /// Stored as `[consents, objections, abstentions, eligible]`.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "tally_array")]
    pub tally: Option<Tally>,
}

/// A [`Tally`] as a decision stores it: an array of four counts.
mod tally_array {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::policy::Tally;

    pub fn serialize<S: Serializer>(tally: &Option<Tally>, s: S) -> Result<S::Ok, S::Error> {
        tally
            .map(|t| [t.consents, t.objections, t.abstentions, t.eligible])
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tally>, D::Error> {
        Ok(Option::<[u32; 4]>::deserialize(d)?.map(
            |[consents, objections, abstentions, eligible]| Tally {
                consents,
                objections,
                abstentions,
                eligible,
            },
        ))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconciliationRecord {
    pub account: String,
    /// The day at whose end the balances hold.
    pub date: String,
    /// The books' balance per commodity, in minor units.
    pub balances: Vec<ReconciledBalance>,
    /// The statement's balance the books were compared with, if given
    /// (`"1520.10 EUR"`).
    pub statement: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciledBalance {
    pub commodity: String,
    pub amount: i64,
}

/// Lifts the reconciliations of `account` dated on or after `from`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconciliationReopenRecord {
    pub account: String,
    pub from: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub txn: TxnId,
    pub amount: i64,
    pub date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpendRecord {
    pub amount: i64,
    pub category: String,
    pub receipt: Option<String>,
    pub date: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClosureRecord {
    pub returned: i64,
    pub txn: Option<TxnId>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WithdrawalRecord {
    pub reason: Option<String>,
}

/// A steward's vote withdrawn: from then on they count as not having voted
/// (the vote itself stays in the history).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoteWithdrawalRecord {
    pub member: MemberId,
    pub reason: Option<String>,
}

/// A version of a member's details: every field as it stands from the
/// record's time on (the first version is the member's row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEditRecord {
    pub id: MemberId,
    pub name: String,
    pub visibility: String,
    pub contact: Option<String>,
    pub note: Option<String>,
}

/// A version of a pool's purpose and guidelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolEditRecord {
    pub id: PoolId,
    pub purpose: String,
    pub guidelines: Option<String>,
}

/// An account's note from the record's time on (`None`: no note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountNoteRecord {
    pub account: AccountId,
    pub note: Option<String>,
}

/// A pledge ended: `ends_on` is its new last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeEndRecord {
    pub id: PledgeId,
    pub ends_on: String,
    pub reason: Option<String>,
}

/// A budget: what a pool means to spend on a category in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRecord {
    pub pool: PoolId,
    pub category: String,
    pub commodity: String,
    /// Minor units of the commodity.
    pub amount: i64,
    /// `2026`, `2026-Q1` or `2026-03`.
    pub period: String,
}

impl BudgetRecord {
    /// Whether `other` is for the same pool, category, commodity and period
    /// (and so replaces this one, or is replaced by it).
    pub fn same_key(&self, other: &BudgetRecord) -> bool {
        self.pool == other.pool
            && self.category == other.category
            && self.commodity == other.commodity
            && self.period == other.period
    }
}

/// A period closed: what the books were when the forum approved them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCloseRecord {
    /// `2026`, `2026-Q2` or `2026-05`.
    pub period: String,
    pub reason: String,
    /// The journal's head hash and length when it was closed.
    pub ledger_head: String,
    pub ledger_count: i64,
    /// The governance records' head hash and length before this record.
    pub records_head: String,
    pub records_count: i64,
    /// Every pool's holdings at the period's last day.
    pub holdings: Vec<ClosingHolding>,
}

/// One pool's holdings of one commodity when a period closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingHolding {
    pub pool: String,
    pub commodity: String,
    /// A plain decimal, as exports write amounts.
    pub held: String,
}

/// A closed period opened again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodReopenRecord {
    pub period: String,
    /// The close record it lifts.
    pub close: RecordId,
    pub reason: String,
    /// The journal's length when it was reopened.
    pub ledger_count: i64,
}

/// One step in a grant's life, read from a record that names the grant.
#[derive(Debug, Clone)]
pub enum GrantStep {
    Application(Application),
    Vote(VoteRecord),
    Decision(DecisionRecord),
    Payment(PaymentRecord),
    Spend(SpendRecord),
    Closure(ClosureRecord),
    Withdrawal(WithdrawalRecord),
    VoteWithdrawal(VoteWithdrawalRecord),
}

impl GrantStep {
    /// Reads record `id` of a grant: its kind (stored text) and payload.
    ///
    /// # Errors
    /// [`Error::Damaged`] when the kind is unknown, is not a step of a grant
    /// (a policy, say, or an audit record), or the payload cannot be read.
    pub fn read(id: RecordId, kind: &str, value: &serde_json::Value) -> Result<GrantStep> {
        let read = |k| RecordKind::of_record(id, k);
        Ok(match read(kind)? {
            RecordKind::Application => GrantStep::Application(payload(id, kind, value)?),
            RecordKind::Vote => GrantStep::Vote(payload(id, kind, value)?),
            RecordKind::Decision => GrantStep::Decision(payload(id, kind, value)?),
            RecordKind::Payment => GrantStep::Payment(payload(id, kind, value)?),
            RecordKind::Spend => GrantStep::Spend(payload(id, kind, value)?),
            RecordKind::Closure => GrantStep::Closure(payload(id, kind, value)?),
            RecordKind::Withdrawal => GrantStep::Withdrawal(payload(id, kind, value)?),
            RecordKind::VoteWithdrawal => GrantStep::VoteWithdrawal(payload(id, kind, value)?),
            RecordKind::Policy
            | RecordKind::Relation
            | RecordKind::Budget
            | RecordKind::Member
            | RecordKind::MemberInactive
            | RecordKind::RoleTerm
            | RecordKind::RoleEnd
            | RecordKind::Pool
            | RecordKind::Contribution
            | RecordKind::Rate
            | RecordKind::Pledge
            | RecordKind::Setting
            | RecordKind::Purchase
            | RecordKind::PurchaseItem
            | RecordKind::PurchaseOrder
            | RecordKind::PurchaseClose
            | RecordKind::PurchaseReceive
            | RecordKind::PurchaseCost
            | RecordKind::PurchaseSettle
            | RecordKind::PurchasePay
            | RecordKind::PurchaseDistribute
            | RecordKind::PeriodClose
            | RecordKind::PeriodReopen
            | RecordKind::MemberEdit
            | RecordKind::PoolEdit
            | RecordKind::AccountNote
            | RecordKind::PledgeEnd
            | RecordKind::Reconciliation
            | RecordKind::ReconciliationReopen
            | RecordKind::MemberKey
            | RecordKind::MemberKeyRevoke
            | RecordKind::FundKey
            | RecordKind::FundSettings
            | RecordKind::Account
            | RecordKind::Import => {
                return Err(Error::Damaged {
                    what: "the governance log".into(),
                    detail: format!("record {id} ({kind}) names a grant, but is not a step of one"),
                });
            }
        })
    }
}

/// A `role-term` record: a role held by a member from a first day, to a
/// last day if one was given (`store::members::term_payload` writes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleTermRecord {
    pub id: TermId,
    pub member: MemberId,
    pub role: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

/// A `role-end` record: role term `id` ends on `ends_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleEndRecord {
    pub id: TermId,
    pub ends_on: String,
}

/// The `fund-settings` record: what the fund row says that changes what
/// every output means. The pseudonym secret and the salt key never leave
/// the database: the record holds only commitments to them
/// ([`crate::domain::hash::setting_commitment`]), `None` when the row has
/// none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundSettingsRecord {
    pub name: String,
    pub currency: Option<String>,
    pub fund_id: Option<String>,
    pub secret: Option<String>,
    pub salt_key: Option<String>,
}

/// The `import` record: the keys of one import source after an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub source: String,
    pub keys: u64,
    pub digest: String,
}

/// Whether a payload reads as its kind's type: Ok, or why not. The audit
/// records of the community tables (members, accounts, pools, contributions,
/// rates, pledges, settings, purchases and what happens to them) need only be a
/// JSON object here: `verify` compares them with their tables and replays
/// the purchases.
///
/// # Errors
/// The reason, as serde words it.
pub fn check_payload(
    kind: RecordKind,
    value: &serde_json::Value,
) -> std::result::Result<(), String> {
    fn read<T: for<'de> Deserialize<'de>>(
        value: &serde_json::Value,
    ) -> std::result::Result<(), String> {
        serde_json::from_value::<T>(value.clone())
            .map(drop)
            .map_err(|e| e.to_string())
    }
    use crate::domain::keys::{FundKeyRecord, MemberKeyRecord, MemberKeyRevokeRecord};
    match kind {
        RecordKind::Policy => read::<PolicyRecord>(value),
        RecordKind::Relation => read::<RelationRecord>(value),
        RecordKind::Application => read::<Application>(value),
        RecordKind::Vote => read::<VoteRecord>(value),
        RecordKind::Decision => read::<DecisionRecord>(value),
        RecordKind::Payment => read::<PaymentRecord>(value),
        RecordKind::Spend => read::<SpendRecord>(value),
        RecordKind::Closure => read::<ClosureRecord>(value),
        RecordKind::Withdrawal => read::<WithdrawalRecord>(value),
        RecordKind::VoteWithdrawal => read::<VoteWithdrawalRecord>(value),
        RecordKind::Budget => read::<BudgetRecord>(value),
        RecordKind::RoleTerm => read::<RoleTermRecord>(value),
        RecordKind::RoleEnd => read::<RoleEndRecord>(value),
        RecordKind::PeriodClose => read::<PeriodCloseRecord>(value),
        RecordKind::PeriodReopen => read::<PeriodReopenRecord>(value),
        RecordKind::MemberEdit => read::<MemberEditRecord>(value),
        RecordKind::PoolEdit => read::<PoolEditRecord>(value),
        RecordKind::AccountNote => read::<AccountNoteRecord>(value),
        RecordKind::PledgeEnd => read::<PledgeEndRecord>(value),
        RecordKind::Reconciliation => read::<ReconciliationRecord>(value),
        RecordKind::ReconciliationReopen => read::<ReconciliationReopenRecord>(value),
        RecordKind::MemberKey => read::<MemberKeyRecord>(value),
        RecordKind::MemberKeyRevoke => read::<MemberKeyRevokeRecord>(value),
        RecordKind::FundKey => read::<FundKeyRecord>(value),
        RecordKind::FundSettings => read::<FundSettingsRecord>(value),
        RecordKind::Import => read::<ImportRecord>(value),
        RecordKind::Member
        | RecordKind::MemberInactive
        | RecordKind::Account
        | RecordKind::Pool
        | RecordKind::Contribution
        | RecordKind::Rate
        | RecordKind::Pledge
        | RecordKind::Setting
        | RecordKind::Purchase
        | RecordKind::PurchaseItem
        | RecordKind::PurchaseOrder
        | RecordKind::PurchaseClose
        | RecordKind::PurchaseReceive
        | RecordKind::PurchaseCost
        | RecordKind::PurchaseSettle
        | RecordKind::PurchasePay
        | RecordKind::PurchaseDistribute => {
            if value.is_object() {
                Ok(())
            } else {
                Err(format!("a {kind} record holds a JSON object, not {value}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_name_each_kind_once_and_seal_only_text() {
        for (i, (kind, _)) in TEXT_FIELDS.iter().enumerate() {
            assert!(
                TEXT_FIELDS[i + 1..].iter().all(|(k, _)| k != kind),
                "{kind} is listed twice"
            );
        }
        assert_eq!(text_fields("application"), ["purpose", "category"]);
        assert!(text_fields("payment").is_empty());
        assert!(text_fields("bogus").is_empty());
        let payload = serde_json::json!({
            "applicant": 8, "pool": 2, "purpose": "Rent for Luis", "category": null,
            "policy_version": 1
        });
        let sealed = sealed_payload("application", &payload, |field, text| {
            format!("<{field}:{}>", text.len())
        });
        assert_eq!(
            sealed.to_string(),
            r#"{"applicant":8,"pool":2,"purpose":"<purpose:13>","category":null,"policy_version":1}"#
        );
        assert_eq!(
            sealed_payload("payment", &payload, |_, _| String::new()),
            payload
        );
    }

    #[test]
    fn kinds_read_back_as_written() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(RecordKind::parse("ballot"), None);
        assert!(matches!(
            RecordKind::of_record(RecordId::new(7), "Vote"),
            Err(Error::Damaged { .. })
        ));
    }

    #[test]
    fn a_decision_stores_its_tally_as_four_counts() {
        let decision = DecisionRecord {
            approved: true,
            explanation: "ok".into(),
            policy_version: 2,
            expires: None,
            tally: Some(Tally {
                consents: 3,
                objections: 0,
                abstentions: 1,
                eligible: 5,
            }),
        };
        let json = to_json(&decision).to_string();
        assert_eq!(
            json,
            r#"{"approved":true,"explanation":"ok","policy_version":2,"tally":[3,0,1,5]}"#
        );
        let back: DecisionRecord = payload(
            RecordId::new(1),
            "decision",
            &serde_json::from_str(&json).unwrap(),
        )
        .expect("a decision reads back");
        assert_eq!(back.tally, decision.tally);
        let untallied = r#"{"approved":false,"explanation":"no","policy_version":1}"#;
        let old: DecisionRecord = payload(
            RecordId::new(2),
            "decision",
            &serde_json::from_str(untallied).unwrap(),
        )
        .unwrap();
        assert_eq!(old.tally, None);
        assert_eq!(to_json(&old).to_string(), untallied);
    }

    #[test]
    fn a_grant_step_is_refused_for_other_kinds() {
        let empty = serde_json::json!({});
        assert!(matches!(
            GrantStep::read(
                RecordId::new(3),
                "withdrawal",
                &serde_json::json!({"reason": null})
            ),
            Ok(GrantStep::Withdrawal(_))
        ));
        for kind in ["policy", "member", "nonsense"] {
            assert!(
                matches!(
                    GrantStep::read(RecordId::new(3), kind, &empty),
                    Err(Error::Damaged { .. })
                ),
                "{kind}"
            );
        }
    }
}
