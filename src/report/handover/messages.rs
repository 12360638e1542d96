//! Every text of the handover page, and nothing else: the keys of the area
//! `handover` (`locales/<lang>/handover.ftl`), and one function per
//! message, each returning the finished text in the language of the
//! [`Messages`] it is given; `page.rs` chooses what to say and writes no
//! word itself. Days and moments are shown as [`crate::report::language`]
//! says a page for people shows them.

use chrono::NaiveDate;

use crate::render::i18n::keys::registry;
use crate::render::i18n::{Arg, Messages};
use crate::report::language::{page_day, page_moment};

use super::Waiting;

registry! {
    area "handover", enum HandoverKey;
    /// What a browser shows as the page's title.
    Title = "handover-title" (fund, day);
    Heading = "handover-heading" (fund);
    Subtitle = "handover-subtitle" (day);
    Footer = "handover-footer" ();
    ChecklistHeading = "handover-checklist-heading" ();
    /// An item of the checklist with its number: `1. Run fondo verify…`.
    ChecklistItem = "handover-checklist-item" (n, item);
    CheckVerify = "handover-check-verify" (fingerprint);
    CheckBackup = "handover-check-backup" (backup);
    CheckRole = "handover-check-role" ();
    CheckReconcile = "handover-check-reconcile" ();
    /// Grants waiting for a decision, plural by their number.
    CheckDecide = "handover-check-decide" (n);
    CheckPay = "handover-check-pay" (n);
    CheckReports = "handover-check-reports" (n);
    CheckPledges = "handover-check-pledges" (n);
    CheckRoles = "handover-check-roles" (n);
    CheckDoctor = "handover-check-doctor" ();
    BalancesHeading = "handover-balances-heading" ();
    PoolsHeading = "handover-pools-heading" ();
    GrantsHeading = "handover-grants-heading" ();
    GrantsNone = "handover-grants-none" ();
    WaitingVotes = "handover-waiting-votes" ();
    WaitingDecision = "handover-waiting-decision" ();
    WaitingPayment = "handover-waiting-payment" ();
    WaitingReport = "handover-waiting-report" ();
    PledgesHeading = "handover-pledges-heading" ();
    PledgesNone = "handover-pledges-none" ();
    MilestonesHeading = "handover-milestones-heading" ();
    /// A milestone by the record kind it is stored as.
    Milestone = "handover-milestone" (kind);
    MilestoneNone = "handover-milestone-none" (milestone);
    MilestoneAt = "handover-milestone-at" (milestone, at);
    MilestoneAtDetail = "handover-milestone-at-detail" (milestone, at, detail);
    RolesHeading = "handover-roles-heading" ();
    RolesNone = "handover-roles-none" (days);
    /// A role by its name in fondo's commands (`treasurer`).
    Role = "handover-role" (role);
    BooksHeading = "handover-books-heading" ();
    Books = "handover-books" (transactions, records);
    FingerprintLabel = "handover-fingerprint" ();
    RecordsLabel = "handover-records-head" ();
    BackupVerified = "handover-backup-verified" (file);
    BackupFindings = "handover-backup-findings" (file, n);
    ColAccount = "handover-col-account" ();
    ColCommodity = "handover-col-commodity" ();
    ColBalance = "handover-col-balance" ();
    ColPool = "handover-col-pool" ();
    ColHeld = "handover-col-held" ();
    ColCommitted = "handover-col-committed" ();
    ColAvailable = "handover-col-available" ();
    ColGrant = "handover-col-grant" ();
    ColApplicant = "handover-col-applicant" ();
    ColAmount = "handover-col-amount" ();
    ColWaiting = "handover-col-waiting" ();
    ColLeft = "handover-col-left" ();
    ColPledge = "handover-col-pledge" ();
    ColMember = "handover-col-member" ();
    ColPeriods = "handover-col-periods" ();
    ColShort = "handover-col-short" ();
    ColRole = "handover-col-role" ();
    ColEnds = "handover-col-ends" ();
}

use HandoverKey as K;

fn count(n: usize) -> Arg {
    Arg::Count(n as u64)
}

pub fn title(words: &Messages, fund: &str, on: NaiveDate) -> String {
    words.text(
        K::Title,
        &[
            ("fund", fund.into()),
            ("day", page_day(words.lang(), on).into()),
        ],
    )
}

pub fn heading(words: &Messages, fund: &str) -> String {
    words.text(K::Heading, &[("fund", fund.into())])
}

pub fn subtitle(words: &Messages, on: NaiveDate) -> String {
    words.text(K::Subtitle, &[("day", page_day(words.lang(), on).into())])
}

pub fn footer(words: &Messages) -> String {
    words.plain(K::Footer)
}

pub fn checklist_heading(words: &Messages) -> String {
    words.plain(K::ChecklistHeading)
}

/// The checklist, in order.
pub struct Checklist<'a> {
    pub fingerprint: &'a str,
    pub backup: &'a str,
    pub decisions: usize,
    pub payments: usize,
    pub reports: usize,
    pub pledges: usize,
    pub ending: usize,
}

/// The items of the checklist, numbered.
pub fn checklist(words: &Messages, c: &Checklist<'_>) -> Vec<String> {
    let mut items = vec![
        words.text(K::CheckVerify, &[("fingerprint", c.fingerprint.into())]),
        words.text(K::CheckBackup, &[("backup", c.backup.into())]),
        words.plain(K::CheckRole),
        words.plain(K::CheckReconcile),
    ];
    for (n, key) in [
        (c.decisions, K::CheckDecide),
        (c.payments, K::CheckPay),
        (c.reports, K::CheckReports),
        (c.pledges, K::CheckPledges),
        (c.ending, K::CheckRoles),
    ] {
        if n > 0 {
            items.push(words.text(key, &[("n", count(n))]));
        }
    }
    items.push(words.plain(K::CheckDoctor));
    items
        .into_iter()
        .zip(1..)
        .map(|(item, n)| {
            words.text(
                K::ChecklistItem,
                &[("n", Arg::Count(n)), ("item", item.into())],
            )
        })
        .collect()
}

pub fn balances_heading(words: &Messages) -> String {
    words.plain(K::BalancesHeading)
}

pub fn pools_heading(words: &Messages) -> String {
    words.plain(K::PoolsHeading)
}

pub fn grants_heading(words: &Messages) -> String {
    words.plain(K::GrantsHeading)
}

pub fn grants_none(words: &Messages) -> String {
    words.plain(K::GrantsNone)
}

pub fn waiting(words: &Messages, w: Waiting) -> String {
    words.plain(match w {
        Waiting::Votes => K::WaitingVotes,
        Waiting::Decision => K::WaitingDecision,
        Waiting::Payment => K::WaitingPayment,
        Waiting::SpendingReport => K::WaitingReport,
    })
}

pub fn pledges_heading(words: &Messages) -> String {
    words.plain(K::PledgesHeading)
}

pub fn pledges_none(words: &Messages) -> String {
    words.plain(K::PledgesNone)
}

pub fn milestones_heading(words: &Messages) -> String {
    words.plain(K::MilestonesHeading)
}

/// A milestone's name, by the record kind it is stored as (a kind the
/// files do not name is shown as it is).
fn milestone(words: &Messages, kind: &str) -> Arg {
    words.text(K::Milestone, &[("kind", kind.into())]).into()
}

pub fn milestone_none(words: &Messages, kind: &str) -> String {
    words.text(K::MilestoneNone, &[("milestone", milestone(words, kind))])
}

pub fn milestone_at(words: &Messages, kind: &str, at: &str, detail: &str) -> String {
    let at = page_moment(words.lang(), at);
    if detail.is_empty() {
        words.text(
            K::MilestoneAt,
            &[("milestone", milestone(words, kind)), ("at", at.into())],
        )
    } else {
        words.text(
            K::MilestoneAtDetail,
            &[
                ("milestone", milestone(words, kind)),
                ("at", at.into()),
                ("detail", detail.into()),
            ],
        )
    }
}

pub fn roles_heading(words: &Messages) -> String {
    words.plain(K::RolesHeading)
}

pub fn roles_none(words: &Messages, days: u64) -> String {
    words.text(K::RolesNone, &[("days", Arg::Count(days))])
}

/// A role, by its name in fondo's commands (a name the files do not
/// have is shown as it is).
pub fn role(words: &Messages, role: &str) -> String {
    words.text(K::Role, &[("role", role.into())])
}

pub fn books_heading(words: &Messages) -> String {
    words.plain(K::BooksHeading)
}

pub fn books(words: &Messages, transactions: i64, records: i64) -> String {
    let n = |v: i64| Arg::Count(u64::try_from(v).unwrap_or_default());
    words.text(
        K::Books,
        &[("transactions", n(transactions)), ("records", n(records))],
    )
}

pub fn fingerprint_label(words: &Messages) -> String {
    words.plain(K::FingerprintLabel)
}

pub fn records_label(words: &Messages) -> String {
    words.plain(K::RecordsLabel)
}

pub fn backup(words: &Messages, file: &str, findings: usize) -> String {
    match findings {
        0 => words.text(K::BackupVerified, &[("file", file.into())]),
        n => words.text(K::BackupFindings, &[("file", file.into()), ("n", count(n))]),
    }
}

/// The title of a table's column.
///
/// # Panics
/// On a column the page does not have (a mistake in `page.rs`).
pub fn column_title(words: &Messages, table: &str, field: &str) -> String {
    words.plain(match field {
        "account" => K::ColAccount,
        "commodity" => K::ColCommodity,
        "balance" => K::ColBalance,
        "pool" => K::ColPool,
        "held" => K::ColHeld,
        "committed" => K::ColCommitted,
        "available" => K::ColAvailable,
        "grant" => K::ColGrant,
        "applicant" => K::ColApplicant,
        "amount" => K::ColAmount,
        "waiting" => K::ColWaiting,
        "left" => K::ColLeft,
        "pledge" => K::ColPledge,
        "member" => K::ColMember,
        "periods" => K::ColPeriods,
        "short" => K::ColShort,
        "role" => K::ColRole,
        "ends" => K::ColEnds,
        _ => panic!("the handover page has no column {field} in {table}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::i18n::Lang;

    fn checklist_of(lang: Lang, n: usize) -> Vec<String> {
        checklist(
            &Messages::new(lang),
            &Checklist {
                fingerprint: "f",
                backup: "b.db",
                decisions: n,
                payments: 0,
                reports: 0,
                pledges: n,
                ending: 0,
            },
        )
    }

    #[test]
    fn counts_choose_their_words_by_each_language_and_items_are_numbered() {
        let one = checklist_of(Lang::En, 1);
        assert_eq!(one.len(), 7);
        assert_eq!(
            one[4],
            "5. Decide the grant waiting for a decision with the stewards (fondo grant decide)."
        );
        assert_eq!(
            one[5],
            "6. Check in with the members of the pledge behind; end those that are over (fondo pledge end)."
        );
        assert_eq!(
            one[6],
            "7. Run fondo doctor: it lists what else is waiting."
        );
        let many = checklist_of(Lang::Es, 1234);
        assert_eq!(
            many[4],
            "5. Decide con las personas administradoras las 1.234 ayudas que esperan una decisión (fondo grant decide)."
        );
        assert_eq!(checklist_of(Lang::Fr, 0).len(), 5);
        let en = Messages::new(Lang::En);
        assert_eq!(
            backup(&en, "b.db", 1),
            "A backup of the books is in b.db next to this page; verifying it found 1 problem: run fondo verify on it before relying on it."
        );
        assert_eq!(
            books(&en, 1, 12),
            "The journal holds 1 transaction and the governance records 12 records. Their heads below are what fondo verify prints; write them down."
        );
        let pt = Messages::new(Lang::Pt);
        assert_eq!(
            backup(&pt, "b.db", 2),
            "Há uma cópia dos livros em b.db, ao lado desta página; ao verificá-la encontraram-se 2 problemas: corra fondo verify sobre ela antes de confiar nela."
        );
        assert_eq!(
            milestone_none(&Messages::new(Lang::Fr), "period-close"),
            "Dernière clôture de période : rien n'est noté."
        );
        assert_eq!(milestone_none(&en, "audit"), "audit: none recorded.");
        assert_eq!(
            milestone_at(
                &Messages::new(Lang::Es),
                "reconciliation",
                "2026-04-14 20:00",
                "assets:bank"
            ),
            "Último cuadre con el banco: 14 de abril de 2026, 20:00 (assets:bank)."
        );
        assert_eq!(
            roles_none(&en, 60),
            "No role term ends in the next 60 days."
        );
    }
}
