//! Every text of the forum page, and nothing else: its title, headings and
//! sentences, its column titles, the words in its cells and charts. Each is
//! a message of `locales/<lang>/forum.ftl`, asked for by a `ForumKey`
//! (declared below, ids prefixed `forum-`) through [`Words`], which holds
//! the page's [`Messages`]: one method per message, its arguments named (a
//! struct where there are many), each returning the finished text. The page
//! (`page.rs`) chooses what to say and calls these, and writes no word
//! itself.
//!
//! Figures reach the messages already written for reading in the page's
//! language ([`Lang::page_money`], [`page_day`], [`page_period`] and the
//! like), or as Fluent numbers where a message selects a plural on them
//! ([`Arg::Count`], [`Arg::Number`]); lists are [`Messages::list`].
//!
//! The page also shows words it does not own: what the period reports put
//! in their rows (summary items such as "grants paid", metric names, grant
//! and purchase statuses, what a metric is drawn from, a grant's rule).
//! Those the page knows are said in its language ([`Words::report_word`],
//! [`Words::metric_basis`], [`Words::rule`]); any other (a name, an
//! account, a category, a reason) is shown as the report gives it. The
//! data stay as they are: only the words shown change.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::ids::RecordId;
use crate::domain::lang::Lang;
use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::{PeriodState, Span};
use crate::domain::policy::Rule;
use crate::render::i18n::keys::registry;
use crate::render::i18n::{Arg, Key, Messages};
use crate::report::grants::RegisterRow;
use crate::report::language::{page_day, page_moment, page_period};
use crate::report::metrics::Basis;

registry! {
    area "forum", enum ForumKey;
    /// The page's title: the fund's name and the subtitle.
    Title = "forum-title" (fund, subtitle);
    Subtitle = "forum-subtitle" (span, audience);
    /// A period with a name: `2026-Q2, 2026-04-01 to 2026-06-30`.
    SpanNamed = "forum-span-named" (label, from, to);
    /// A period given by its days.
    SpanDays = "forum-span-days" (from, to);
    AudiencePublic = "forum-audience-public" ();
    AudienceMembers = "forum-audience-members" ();
    AudienceTreasurer = "forum-audience-treasurer" ();
    AudienceAuditor = "forum-audience-auditor" ();
    Footer = "forum-footer" (period);
    Missing = "forum-missing" ();
    ColWhat = "forum-col-what" ();
    ColHowMany = "forum-col-how-many" ();
    ColDetail = "forum-col-detail" ();
    ColAmount = "forum-col-amount" ();
    ColPool = "forum-col-pool" ();
    ColCommodity = "forum-col-commodity" ();
    ColCategory = "forum-col-category" ();
    ColOpening = "forum-col-opening" ();
    ColContributions = "forum-col-contributions" ();
    ColMovedIn = "forum-col-moved-in" ();
    ColMovedOut = "forum-col-moved-out" ();
    ColSpent = "forum-col-spent" ();
    ColExchanged = "forum-col-exchanged" ();
    ColOther = "forum-col-other" ();
    ColClosing = "forum-col-closing" ();
    ColCommitted = "forum-col-committed" ();
    ColAvailable = "forum-col-available" ();
    ColMonth = "forum-col-month" ();
    ColIn = "forum-col-in" ();
    ColOut = "forum-col-out" ();
    ColGrant = "forum-col-grant" ();
    ColApplicant = "forum-col-applicant" ();
    ColRequested = "forum-col-requested" ();
    ColPaid = "forum-col-paid" ();
    ColReportedSpent = "forum-col-reported-spent" ();
    ColStatus = "forum-col-status" ();
    ColDecision = "forum-col-decision" ();
    ColPurchase = "forum-col-purchase" ();
    ColWho = "forum-col-who" ();
    ColWhom = "forum-col-whom" ();
    ColCharged = "forum-col-charged" ();
    ColOwed = "forum-col-owed" ();
    ColSaved = "forum-col-saved" ();
    ColPeriod = "forum-col-period" ();
    ColBudget = "forum-col-budget" ();
    ColLeft = "forum-col-left" ();
    ColUsed = "forum-col-used" ();
    ColMetric = "forum-col-metric" ();
    ColThisPeriod = "forum-col-this-period" ();
    ColPrevious = "forum-col-previous" ();
    ColChange = "forum-col-change" ();
    ColBasis = "forum-col-basis" ();
    SummaryHeading = "forum-summary-heading" ();
    /// Whether the period's books are closed.
    StandingOpen = "forum-standing-open" (period);
    StandingClosed = "forum-standing-closed" (period, at, record, reason);
    /// One earlier reopening, and two or more joined.
    StandingReopening = "forum-standing-reopening" (at, record, reason);
    StandingAnd = "forum-standing-and" (before, next);
    StandingReopenedBefore = "forum-standing-reopened-before" (reopenings);
    StandingReopenedNow = "forum-standing-reopened-now" (at, record, reason, period);
    /// The first sentence of the summary, without gifts counted.
    Received = "forum-received" (from, to, fund, received);
    /// The same, with the gifts counted.
    ReceivedGifts = "forum-received-gifts" (from, to, fund, received, gifts, named, anonymous);
    ReceivedNone = "forum-received-none" ();
    ReceivedMoney = "forum-received-money" (amounts);
    Contributions = "forum-contributions" (n);
    NamedContributors = "forum-named-contributors" (n);
    AnonymousGifts = "forum-anonymous-gifts" (n);
    InKind = "forum-in-kind" (list);
    OfServices = "forum-of-services" (amounts);
    OfGoods = "forum-of-goods" (amounts);
    PaidNothing = "forum-paid-nothing" ();
    PaidGrants = "forum-paid-grants" (grants);
    PaidCosts = "forum-paid-costs" (costs);
    PaidBoth = "forum-paid-both" (grants, costs);
    /// Appended to the sentence of what was paid.
    GaveOut = "forum-gave-out" (amounts);
    CameBack = "forum-came-back" (amounts);
    GrantsOverPeriod = "forum-grants-over-period" (applied, approved, rejected, withdrawn, paid, closed);
    MovedBetweenPools = "forum-moved-between-pools" (amounts);
    Exchanged = "forum-exchanged" (from, into);
    Within = "forum-within" (list);
    NoMoney = "forum-no-money" ();
    Held = "forum-held" (money);
    HeldStock = "forum-held-stock" (money, stock);
    /// Appended to the sentence of what was held.
    NoneCommitted = "forum-none-committed" ();
    Committed = "forum-committed" (amounts);
    PoolsHeading = "forum-pools-heading" ();
    PoolsIntro = "forum-pools-intro" (from, to);
    FlowsHeading = "forum-flows-heading" ();
    FlowsIntro = "forum-flows-intro" ();
    ChartIn = "forum-chart-in" ();
    ChartOut = "forum-chart-out" ();
    ChartBarIn = "forum-chart-bar-in" (month, amount);
    ChartBarOut = "forum-chart-bar-out" (month, amount);
    ChartMonth = "forum-chart-month" (month, inflow, outflow);
    ChartDescription = "forum-chart-description" (commodity, months);
    FlowsSubheading = "forum-flows-subheading" ();
    CameIn = "forum-came-in" ();
    WentOut = "forum-went-out" ();
    MovedWithin = "forum-moved-within" ();
    GrantsHeading = "forum-grants-heading" ();
    GrantsIntro = "forum-grants-intro" (from, to);
    /// A policy's rule.
    RuleConsent = "forum-rule-consent" (n);
    RuleMajority = "forum-rule-majority" (quorum, threshold);
    RuleLazy = "forum-rule-lazy" (n);
    Votes = "forum-votes" (consent, object, abstain, recused);
    DecidedWithdrawn = "forum-decided-withdrawn" (rule);
    DecidedOpen = "forum-decided-open" (rule, votes);
    DecidedRejected = "forum-decided-rejected" (on, rule, votes);
    DecidedApproved = "forum-decided-approved" (on, rule, votes);
    DecidedAfter = "forum-decided-after" (days);
    DecidedPaidSameDay = "forum-decided-paid-same-day" (days);
    DecidedPaidLater = "forum-decided-paid-later" (days, later);
    Returned = "forum-returned" (amount);
    PurchasesHeading = "forum-purchases-heading" ();
    PurchasesIntro = "forum-purchases-intro" (from, to);
    NoPurchases = "forum-no-purchases" ();
    Purchases = "forum-purchases" (purchases, orders);
    /// Appended to the count of purchases.
    PurchasesSaved = "forum-purchases-saved" (amounts);
    PurchasesOwed = "forum-purchases-owed" (groups, fund);
    Nothing = "forum-nothing" ();
    TheFund = "forum-the-fund" ();
    SpendingHeading = "forum-spending-heading" ();
    SpendingIntro = "forum-spending-intro" ();
    NoBudget = "forum-no-budget" ();
    Percent = "forum-percent" (value);
    Points = "forum-points" (change);
    MetricsHeading = "forum-metrics-heading" ();
    MetricsIntro = "forum-metrics-intro" (previous);
    /// What a metric is drawn from (the report's `basis`).
    BasisContributors = "forum-basis-contributors" (n);
    BasisMoneyOut = "forum-basis-money-out" (out);
    BasisMoneyOutBack = "forum-basis-money-out-back" (out, back);
    BasisDecisions = "forum-basis-decisions" (n);
    BasisFirstPayments = "forum-basis-first-payments" (n);
    BasisVotes = "forum-basis-votes" (votes, eligible, decisions);
    BasisPledgePeriods = "forum-basis-pledge-periods" (n);
    BasisTermsHeld = "forum-basis-terms-held" (n);
    FingerprintHeading = "forum-fingerprint-heading" ();
    FingerprintIntro = "forum-fingerprint-intro" ();
    LedgerHash = "forum-ledger-hash" (n);
    ManifestHash = "forum-manifest-hash" ();
    RecordsHash = "forum-records-hash" (n);
    ItemContributions = "forum-item-contributions" ();
    ItemAnonymousContributions = "forum-item-anonymous-contributions" ();
    ItemNamedContributors = "forum-item-named-contributors" ();
    ItemGrantsAppliedFor = "forum-item-grants-applied-for" ();
    ItemGrantsApproved = "forum-item-grants-approved" ();
    ItemGrantsRejected = "forum-item-grants-rejected" ();
    ItemGrantsWithdrawn = "forum-item-grants-withdrawn" ();
    ItemGrantsWithAPayment = "forum-item-grants-with-a-payment" ();
    ItemGrantsClosed = "forum-item-grants-closed" ();
    ItemGoodsInKind = "forum-item-goods-in-kind" ();
    ItemServicesInKind = "forum-item-services-in-kind" ();
    ItemGoodsGivenOut = "forum-item-goods-given-out" ();
    ItemGrantsPaid = "forum-item-grants-paid" ();
    ItemOperatingCosts = "forum-item-operating-costs" ();
    ItemServicesInKindUsed = "forum-item-services-in-kind-used" ();
    ItemCurrencyConversions = "forum-item-currency-conversions" ();
    ItemMovedInFromOtherPools = "forum-item-moved-in-from-other-pools" ();
    ItemMovedOutToOtherPools = "forum-item-moved-out-to-other-pools" ();
    MetricTopContributorShare = "forum-metric-top-contributor-share" ();
    MetricTop5ContributorsShare = "forum-metric-top-5-contributors-share" ();
    MetricHerfindahlIndex = "forum-metric-herfindahl-index" ();
    MetricGrantsShare = "forum-metric-grants-share" ();
    MetricOperatingCostsShare = "forum-metric-operating-costs-share" ();
    MetricMedianDaysToDecision = "forum-metric-median-days-to-decision" ();
    MetricP90DaysToDecision = "forum-metric-p90-days-to-decision" ();
    MetricMedianDaysToPayment = "forum-metric-median-days-to-payment" ();
    MetricP90DaysToPayment = "forum-metric-p90-days-to-payment" ();
    MetricParticipation = "forum-metric-participation" ();
    MetricGoodsReceived = "forum-metric-goods-received" ();
    MetricServicesReceived = "forum-metric-services-received" ();
    MetricPledgeFulfilment = "forum-metric-pledge-fulfilment" ();
    MetricRoleTermsPastLimit = "forum-metric-role-terms-past-limit" ();
    StatusOpen = "forum-status-open" ();
    StatusApproved = "forum-status-approved" ();
    StatusRejected = "forum-status-rejected" ();
    StatusWithdrawn = "forum-status-withdrawn" ();
    StatusClosed = "forum-status-closed" ();
    PurchaseOpen = "forum-purchase-open" ();
    PurchaseClosed = "forum-purchase-closed" ();
    PurchaseSettled = "forum-purchase-settled" ();
    PurchaseDone = "forum-purchase-done" ();
}

/// An amount of one commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub commodity: String,
    pub amount: Money,
}

/// The words of the forum page in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    messages: &'a Messages,
}

/// What came in, for the summary's first paragraph.
pub struct Received<'a> {
    pub fund: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Money contributed, per currency.
    pub contributions: &'a [Total],
    /// How many contributions there were, from how many named
    /// contributors, and how many were anonymous.
    pub gifts: u64,
    pub named: u64,
    pub anonymous: u64,
    pub services: &'a [Total],
    pub goods: &'a [Total],
}

/// What went out and what happened to grants, for the summary's second
/// paragraph.
pub struct PaidOut<'a> {
    pub grants_paid: &'a [Total],
    pub running_costs: &'a [Total],
    pub given_out: &'a [Total],
    /// Grants applied for, approved, rejected, withdrawn, with a payment,
    /// and closed, over the period.
    pub applied: u64,
    pub approved: u64,
    pub rejected: u64,
    pub withdrawn: u64,
    pub with_payment: u64,
    pub closed: u64,
}

/// What moved within the fund and what it held at the close, for the
/// summary's third paragraph.
pub struct Held<'a> {
    /// Moved between pools.
    pub moved: &'a [Total],
    /// Currency exchanges: what was given up, what was got.
    pub exchanged_from: &'a [Total],
    pub exchanged_into: &'a [Total],
    /// The pools' closing holdings: money and goods in stock.
    pub money: &'a [Total],
    pub stock: &'a [Total],
    /// Committed to approved grants, not yet paid.
    pub committed: &'a [Total],
}

/// One month of a chart's description (see [`Words::chart_description`]).
pub struct ChartMonth<'a> {
    pub month: &'a str,
    pub inflow: Money,
    pub outflow: Money,
}

/// The pooled purchases in figures, for [`Words::purchases_said`].
pub struct Bought<'a> {
    pub purchases: u64,
    /// One per group and purchase.
    pub group_lines: u64,
    pub saved: &'a [Total],
    pub groups_owe: &'a [Total],
    pub fund_owes: &'a [Total],
}

/// The same amounts, as positive figures (money that came back, currency
/// given up).
pub fn negated(totals: Vec<Total>) -> Vec<Total> {
    totals
        .into_iter()
        .map(|t| Total {
            amount: t.amount.negated(),
            ..t
        })
        .collect()
}

impl<'a> Words<'a> {
    pub fn new(messages: &'a Messages) -> Words<'a> {
        Words { messages }
    }

    pub fn lang(self) -> Lang {
        self.messages.lang()
    }

    fn say(self, key: ForumKey, args: &[(&'static str, Arg)]) -> String {
        self.messages.text(key, args)
    }

    fn plain(self, key: ForumKey) -> String {
        self.messages.plain(key)
    }

    fn date(self, date: NaiveDate) -> String {
        page_day(self.lang(), date)
    }

    fn money(self, money: Money) -> String {
        self.lang().page_money(money)
    }

    /// `1200.00 USD`.
    fn amount(self, money: Money, commodity: &str) -> String {
        self.messages.text(
            Key::Amount,
            &[
                ("amount", self.money(money).into()),
                ("commodity", commodity.into()),
            ],
        )
    }

    /// `1200.00 USD and 300.00 EUR`.
    fn amounts(self, totals: &[Total]) -> String {
        self.messages.list(
            &totals
                .iter()
                .map(|t| self.amount(t.amount, &t.commodity))
                .collect::<Vec<_>>(),
        )
    }

    /// `1 day`, `2.5 days`.
    fn days(self, n: Decimal) -> String {
        self.messages.text(Key::Days, &[("n", n.into())])
    }

    /// The span in words: `2026-Q2, 2026-04-01 to 2026-06-30`.
    fn span_words(self, span: &Span) -> String {
        let (from, to) = (self.date(span.from), self.date(span.to));
        if span.label == format!("{} to {}", span.from, span.to) {
            self.say(
                ForumKey::SpanDays,
                &[("from", from.into()), ("to", to.into())],
            )
        } else {
            self.say(
                ForumKey::SpanNamed,
                &[
                    ("label", page_period(self.messages, &span.label).into()),
                    ("from", from.into()),
                    ("to", to.into()),
                ],
            )
        }
    }

    /// `Open forum report, 2026-Q2, 2026-04-01 to 2026-06-30, for the
    /// public: …`.
    pub fn subtitle(self, span: &Span, audience: Audience) -> String {
        let audience = self.plain(match audience {
            Audience::Public => ForumKey::AudiencePublic,
            Audience::Members => ForumKey::AudienceMembers,
            Audience::Treasurer => ForumKey::AudienceTreasurer,
            Audience::Auditor => ForumKey::AudienceAuditor,
        });
        self.say(
            ForumKey::Subtitle,
            &[
                ("span", self.span_words(span).into()),
                ("audience", audience.into()),
            ],
        )
    }

    /// The page's title: the fund's name and the subtitle.
    pub fn title(self, fund: &str, subtitle: &str) -> String {
        self.say(
            ForumKey::Title,
            &[("fund", fund.into()), ("subtitle", subtitle.into())],
        )
    }

    pub fn footer(self, period: &str) -> String {
        self.say(ForumKey::Footer, &[("period", period.into())])
    }

    /// The title of a table's column, by the table's and the column's
    /// names; the flows table's first column has none.
    ///
    /// # Panics
    /// On a column the page does not have (a mistake in `page.rs`).
    pub fn column_title(self, table: &str, field: &str) -> String {
        use ForumKey as K;
        let key = match (table, field) {
            ("flows", "section") => return String::new(),
            ("counts", "item") | ("flows", "item") => K::ColWhat,
            ("counts", "count") => K::ColHowMany,
            ("flows", "detail") => K::ColDetail,
            ("flows", "amount") => K::ColAmount,
            (_, "pool") => K::ColPool,
            (_, "commodity") => K::ColCommodity,
            (_, "category") => K::ColCategory,
            ("pools", "opening") => K::ColOpening,
            ("pools", "contributions") => K::ColContributions,
            ("pools", "moved_in") => K::ColMovedIn,
            ("pools", "moved_out") => K::ColMovedOut,
            ("pools", "spent") | ("spending", "actual") => K::ColSpent,
            ("pools", "converted") => K::ColExchanged,
            ("pools", "other") => K::ColOther,
            ("pools", "closing") => K::ColClosing,
            ("pools", "committed") => K::ColCommitted,
            ("pools", "available") => K::ColAvailable,
            ("months", "month") => K::ColMonth,
            ("months", "inflow") => K::ColIn,
            ("months", "outflow") => K::ColOut,
            ("grants", "grant") => K::ColGrant,
            ("grants", "applicant") => K::ColApplicant,
            ("grants", "requested") => K::ColRequested,
            ("grants" | "purchases", "paid") => K::ColPaid,
            ("grants", "spent") => K::ColReportedSpent,
            ("grants" | "purchases", "status") => K::ColStatus,
            ("grants", "decision") => K::ColDecision,
            ("purchases", "purchase") => K::ColPurchase,
            ("purchases", "who") => K::ColWho,
            ("purchases", "owes") => K::ColWhom,
            ("purchases", "charged") => K::ColCharged,
            ("purchases", "owed") => K::ColOwed,
            ("purchases", "saved") => K::ColSaved,
            ("spending", "period") => K::ColPeriod,
            ("spending", "budget") => K::ColBudget,
            ("spending", "difference") => K::ColLeft,
            ("spending", "used_percent") => K::ColUsed,
            ("metrics", "metric") => K::ColMetric,
            ("metrics", "value") => K::ColThisPeriod,
            ("metrics", "previous") => K::ColPrevious,
            ("metrics", "change") => K::ColChange,
            ("metrics", "basis") => K::ColBasis,
            _ => unreachable!("the forum page has no column {field} in {table}"),
        };
        self.plain(key)
    }

    /// A word of the period reports' rows (a summary item, a metric's name,
    /// a grant's status) in the page's language; any other
    /// text as the report gives it.
    pub fn report_word(self, word: &str) -> String {
        use ForumKey as K;
        let key = match word {
            "contributions" => K::ItemContributions,
            "anonymous contributions" => K::ItemAnonymousContributions,
            "named contributors" => K::ItemNamedContributors,
            "grants applied for" => K::ItemGrantsAppliedFor,
            "grants approved" => K::ItemGrantsApproved,
            "grants rejected" => K::ItemGrantsRejected,
            "grants withdrawn" => K::ItemGrantsWithdrawn,
            "grants with a payment" => K::ItemGrantsWithAPayment,
            "grants closed" => K::ItemGrantsClosed,
            "goods in kind" => K::ItemGoodsInKind,
            "services in kind" => K::ItemServicesInKind,
            "goods given out" => K::ItemGoodsGivenOut,
            "grants paid" => K::ItemGrantsPaid,
            "operating costs" => K::ItemOperatingCosts,
            "services in kind used" => K::ItemServicesInKindUsed,
            "currency conversions" => K::ItemCurrencyConversions,
            "moved in from other pools" => K::ItemMovedInFromOtherPools,
            "moved out to other pools" => K::ItemMovedOutToOtherPools,
            "top contributor share" => K::MetricTopContributorShare,
            "top 5 contributors share" => K::MetricTop5ContributorsShare,
            "herfindahl index" => K::MetricHerfindahlIndex,
            "grants share of money out" => K::MetricGrantsShare,
            "operating costs share of money out" => K::MetricOperatingCostsShare,
            "median days to decision" => K::MetricMedianDaysToDecision,
            "90th percentile days to decision" => K::MetricP90DaysToDecision,
            "median days to first payment" => K::MetricMedianDaysToPayment,
            "90th percentile days to first payment" => K::MetricP90DaysToPayment,
            "participation" => K::MetricParticipation,
            "goods in kind received" => K::MetricGoodsReceived,
            "services in kind received" => K::MetricServicesReceived,
            "pledge fulfilment" => K::MetricPledgeFulfilment,
            "role terms past the limit" => K::MetricRoleTermsPastLimit,
            "open" => K::StatusOpen,
            "approved" => K::StatusApproved,
            "rejected" => K::StatusRejected,
            "withdrawn" => K::StatusWithdrawn,
            "closed" => K::StatusClosed,
            other => return other.to_owned(),
        };
        self.plain(key)
    }

    /// A pooled purchase's status (`open`, `closed`, `settled`, `done`);
    /// any other as the report gives it.
    pub fn purchase_status(self, status: &str) -> String {
        let key = match status {
            "open" => ForumKey::PurchaseOpen,
            "closed" => ForumKey::PurchaseClosed,
            "settled" => ForumKey::PurchaseSettled,
            "done" => ForumKey::PurchaseDone,
            other => return other.to_owned(),
        };
        self.plain(key)
    }

    /// A figure that is not there (no budget left to compare, no metric).
    pub fn missing(self) -> String {
        self.plain(ForumKey::Missing)
    }

    // The summary.

    pub fn summary_heading(self) -> String {
        self.plain(ForumKey::SummaryHeading)
    }

    /// A recorded instant `YYYY-MM-DDTHH:MM:SS` for reading (`4 de julio
    /// de 2026, 20:00`); as it is in English, and any other text.
    fn instant(self, at: &str) -> String {
        match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
            Ok(t) if self.lang() != Lang::En => {
                page_moment(self.lang(), &t.format("%Y-%m-%d %H:%M").to_string())
            }
            _ => at.to_owned(),
        }
    }

    /// Whether the books of `span` are closed, as the state of the closed
    /// period that is it or holds it says (`None`: never closed): `The
    /// books of 2026-Q2 were closed at 2026-07-04T20:00:00 (record 193):
    /// approved at the forum.`, with the reopenings after or before it.
    pub fn standing(self, span: &Span, state: Option<&PeriodState>) -> String {
        let Some(s) = state else {
            return self.say(
                ForumKey::StandingOpen,
                &[("period", page_period(self.messages, &span.label).into())],
            );
        };
        let event = |at: &str, record: RecordId, reason: &str| {
            [
                ("at", Arg::from(self.instant(at))),
                ("record", record.to_string().into()),
                ("reason", reason.into()),
            ]
        };
        let period = || {
            (
                "period",
                Arg::from(page_period(self.messages, &s.span.label)),
            )
        };
        let closed = event(&s.closed_at, s.close, &s.close_reason);
        let mut text = self.say(
            ForumKey::StandingClosed,
            &[&[period()][..], &closed].concat(),
        );
        let then = match &s.reopened {
            None if s.reopenings.is_empty() => return text,
            None => {
                let reopenings = s
                    .reopenings
                    .iter()
                    .map(|r| {
                        self.say(
                            ForumKey::StandingReopening,
                            &event(&r.at, r.record, &r.reason),
                        )
                    })
                    .reduce(|before, next| {
                        self.say(
                            ForumKey::StandingAnd,
                            &[("before", before.into()), ("next", next.into())],
                        )
                    })
                    .unwrap_or_default();
                self.say(
                    ForumKey::StandingReopenedBefore,
                    &[("reopenings", reopenings.into())],
                )
            }
            Some(r) => self.say(
                ForumKey::StandingReopenedNow,
                &[&event(&r.at, r.record, &r.reason)[..], &[period()]].concat(),
            ),
        };
        text.push(' ');
        text.push_str(&then);
        text
    }

    /// `From 2026-04-01 to 2026-06-30, Barrio received 1200.00 USD in
    /// contributions: 14 contributions in all, from 6 named contributors
    /// and 2 anonymous gifts. Support in kind came too: 12 HOURS of
    /// services.`
    pub fn summary_received(self, m: &Received) -> String {
        let received = if m.contributions.is_empty() {
            self.plain(ForumKey::ReceivedNone)
        } else {
            self.say(
                ForumKey::ReceivedMoney,
                &[("amounts", self.amounts(m.contributions).into())],
            )
        };
        let said = [
            ("from", self.date(m.from).into()),
            ("to", self.date(m.to).into()),
            ("fund", m.fund.into()),
            ("received", received.into()),
        ];
        let mut text = if m.gifts > 0 {
            let counted = |key, n| self.say(key, &[("n", Arg::Count(n))]);
            let gifts = [
                ("gifts", counted(ForumKey::Contributions, m.gifts).into()),
                (
                    "named",
                    counted(ForumKey::NamedContributors, m.named).into(),
                ),
                (
                    "anonymous",
                    counted(ForumKey::AnonymousGifts, m.anonymous).into(),
                ),
            ];
            self.say(ForumKey::ReceivedGifts, &[&said[..], &gifts[..]].concat())
        } else {
            self.say(ForumKey::Received, &said)
        };
        let in_kind: Vec<String> = [
            (m.services, ForumKey::OfServices),
            (m.goods, ForumKey::OfGoods),
        ]
        .into_iter()
        .filter(|(totals, _)| !totals.is_empty())
        .map(|(totals, key)| self.say(key, &[("amounts", self.amounts(totals).into())]))
        .collect();
        if !in_kind.is_empty() {
            text.push(' ');
            text.push_str(&self.say(
                ForumKey::InKind,
                &[("list", self.messages.list(&in_kind).into())],
            ));
        }
        text
    }

    /// `It paid 900.00 USD in grants and 40.00 USD in running costs. 3
    /// grants were applied for. Over the period, 2 were approved, 0
    /// rejected and 1 withdrawn; 2 grants received a payment and 1 was
    /// closed.` Grant totals below zero (more money came back from grants
    /// than was paid) are said as money that came back, never as a negative
    /// payment.
    pub fn summary_paid_out(self, m: &PaidOut) -> String {
        let (paid, back): (Vec<Total>, Vec<Total>) = m
            .grants_paid
            .iter()
            .cloned()
            .partition(|t| t.amount.minor() > 0);
        let back = negated(back);
        let grants = || ("grants", Arg::from(self.amounts(&paid)));
        let costs = || ("costs", Arg::from(self.amounts(m.running_costs)));
        let mut text = match (paid.is_empty(), m.running_costs.is_empty()) {
            (true, true) => self.plain(ForumKey::PaidNothing),
            (false, true) => self.say(ForumKey::PaidGrants, &[grants()]),
            (true, false) => self.say(ForumKey::PaidCosts, &[costs()]),
            (false, false) => self.say(ForumKey::PaidBoth, &[grants(), costs()]),
        };
        if !m.given_out.is_empty() {
            text.push_str(&self.say(
                ForumKey::GaveOut,
                &[("amounts", self.amounts(m.given_out).into())],
            ));
        }
        text.push('.');
        if !back.is_empty() {
            text.push(' ');
            text.push_str(&self.say(
                ForumKey::CameBack,
                &[("amounts", self.amounts(&back).into())],
            ));
        }
        text.push(' ');
        text.push_str(&self.say(
            ForumKey::GrantsOverPeriod,
            &[
                ("applied", m.applied.into()),
                ("approved", m.approved.into()),
                ("rejected", m.rejected.into()),
                ("withdrawn", m.withdrawn.into()),
                ("paid", m.with_payment.into()),
                ("closed", m.closed.into()),
            ],
        ));
        text
    }

    /// `Within the fund, 100.00 USD moved from one pool to another. At the
    /// close its pools held 2300.00 USD, with 40 KG-RICE in stock; of that,
    /// 300.00 USD was committed to approved grants and not yet paid.`
    pub fn summary_held(self, m: &Held) -> String {
        let mut within = Vec::new();
        if !m.moved.is_empty() {
            within.push(self.say(
                ForumKey::MovedBetweenPools,
                &[("amounts", self.amounts(m.moved).into())],
            ));
        }
        if !m.exchanged_from.is_empty() && !m.exchanged_into.is_empty() {
            within.push(self.say(
                ForumKey::Exchanged,
                &[
                    ("from", self.amounts(m.exchanged_from).into()),
                    ("into", self.amounts(m.exchanged_into).into()),
                ],
            ));
        }
        let mut text = String::new();
        if !within.is_empty() {
            text.push_str(&self.say(
                ForumKey::Within,
                &[("list", self.messages.list(&within).into())],
            ));
            text.push(' ');
        }
        let money = if m.money.is_empty() {
            self.plain(ForumKey::NoMoney)
        } else {
            self.amounts(m.money)
        };
        text.push_str(&if m.stock.is_empty() {
            self.say(ForumKey::Held, &[("money", money.into())])
        } else {
            self.say(
                ForumKey::HeldStock,
                &[
                    ("money", money.into()),
                    ("stock", self.amounts(m.stock).into()),
                ],
            )
        });
        text.push_str(&if m.committed.is_empty() {
            self.plain(ForumKey::NoneCommitted)
        } else {
            self.say(
                ForumKey::Committed,
                &[("amounts", self.amounts(m.committed).into())],
            )
        });
        text
    }

    // The pools.

    pub fn pools_heading(self) -> String {
        self.plain(ForumKey::PoolsHeading)
    }

    pub fn pools_intro(self, from: NaiveDate, to: NaiveDate) -> String {
        self.say(
            ForumKey::PoolsIntro,
            &[
                ("from", self.date(from).into()),
                ("to", self.date(to).into()),
            ],
        )
    }

    // Money in and out.

    pub fn flows_heading(self) -> String {
        self.plain(ForumKey::FlowsHeading)
    }

    pub fn flows_intro(self) -> String {
        self.plain(ForumKey::FlowsIntro)
    }

    /// The legend of the chart's two series.
    pub fn chart_in(self) -> String {
        self.plain(ForumKey::ChartIn)
    }

    pub fn chart_out(self) -> String {
        self.plain(ForumKey::ChartOut)
    }

    /// A `YYYY-MM` month, as a chart's group and a table's row show it.
    pub fn month(self, month: &str) -> String {
        page_period(self.messages, month)
    }

    /// One month's bars: `2026-04 in: 1200.00`, `2026-04 out: 350.00`.
    pub fn chart_bar_in(self, month: &str, amount: Money) -> String {
        self.say(
            ForumKey::ChartBarIn,
            &[
                ("month", self.month(month).into()),
                ("amount", self.money(amount).into()),
            ],
        )
    }

    pub fn chart_bar_out(self, month: &str, amount: Money) -> String {
        self.say(
            ForumKey::ChartBarOut,
            &[
                ("month", self.month(month).into()),
                ("amount", self.money(amount).into()),
            ],
        )
    }

    /// The whole chart in words: `Money in and out per month, USD: 2026-04
    /// in 1200.00, out 350.00; 2026-05 in …`.
    pub fn chart_description(self, commodity: &str, months: &[ChartMonth]) -> String {
        let months = months
            .iter()
            .map(|m| {
                self.say(
                    ForumKey::ChartMonth,
                    &[
                        ("month", self.month(m.month).into()),
                        ("inflow", self.money(m.inflow).into()),
                        ("outflow", self.money(m.outflow).into()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        self.say(
            ForumKey::ChartDescription,
            &[("commodity", commodity.into()), ("months", months.into())],
        )
    }

    pub fn flows_subheading(self) -> String {
        self.plain(ForumKey::FlowsSubheading)
    }

    /// A summary section in the flows table: `came in`, `went out`, `moved
    /// within`.
    pub fn flow_direction(self, section: &str) -> String {
        self.plain(match section {
            "inflow" => ForumKey::CameIn,
            "outflow" => ForumKey::WentOut,
            _ => ForumKey::MovedWithin,
        })
    }

    // The grants.

    pub fn grants_heading(self) -> String {
        self.plain(ForumKey::GrantsHeading)
    }

    pub fn grants_intro(self, from: NaiveDate, to: NaiveDate) -> String {
        self.say(
            ForumKey::GrantsIntro,
            &[
                ("from", self.date(from).into()),
                ("to", self.date(to).into()),
            ],
        )
    }

    /// A policy's rule: `majority (quorum 3, more than 0.5 in favour)`.
    pub fn rule(self, rule: &Rule) -> String {
        match rule {
            Rule::Consent { min_consents } => self.say(
                ForumKey::RuleConsent,
                &[("n", u64::from(*min_consents).into())],
            ),
            Rule::Majority { quorum, threshold } => self.say(
                ForumKey::RuleMajority,
                &[
                    ("quorum", u64::from(*quorum).into()),
                    ("threshold", self.lang().number_text(threshold).into()),
                ],
            ),
            Rule::Lazy { min_consents } => self.say(
                ForumKey::RuleLazy,
                &[("n", u64::from(*min_consents).into())],
            ),
        }
    }

    /// How a grant was decided: `Approved on 2026-04-14 20:00 by majority
    /// (…): 4 consent, 0 object, 1 abstain, 0 recused. Decided 1.4 days
    /// after the application, first paid 1 day later.`
    pub fn how_decided(self, g: &RegisterRow) -> String {
        let votes = || {
            let votes = self.say(
                ForumKey::Votes,
                &[
                    ("consent", u64::from(g.consents).into()),
                    ("object", u64::from(g.objections).into()),
                    ("abstain", u64::from(g.abstentions).into()),
                    ("recused", u64::from(g.recused).into()),
                ],
            );
            ("votes", Arg::from(votes))
        };
        let rule = || ("rule", Arg::from(self.rule(&g.decided_by)));
        let mut text = match (g.status, &g.decided) {
            ("withdrawn", _) => self.say(ForumKey::DecidedWithdrawn, &[rule()]),
            ("open", _) | (_, None) => self.say(ForumKey::DecidedOpen, &[rule(), votes()]),
            (status, Some(on)) => {
                let key = if status == "rejected" {
                    ForumKey::DecidedRejected
                } else {
                    ForumKey::DecidedApproved
                };
                let on = ("on", page_moment(self.lang(), on).into());
                self.say(key, &[on, rule(), votes()])
            }
        };
        if let Some(n) = g.days_to_decision {
            let days = ("days", Arg::from(self.days(n)));
            text.push(' ');
            text.push_str(&match g.days_to_first_payment {
                Some(0) => self.say(ForumKey::DecidedPaidSameDay, &[days]),
                Some(later) => self.say(
                    ForumKey::DecidedPaidLater,
                    &[days, ("later", self.days(Decimal::from(later)).into())],
                ),
                None => self.say(ForumKey::DecidedAfter, &[days]),
            });
        }
        if g.returned.minor() != 0 {
            text.push(' ');
            text.push_str(&self.say(
                ForumKey::Returned,
                &[("amount", self.amount(g.returned, &g.commodity).into())],
            ));
        }
        text
    }

    // Pooled purchasing.

    pub fn purchases_heading(self) -> String {
        self.plain(ForumKey::PurchasesHeading)
    }

    pub fn purchases_intro(self, from: NaiveDate, to: NaiveDate) -> String {
        self.say(
            ForumKey::PurchasesIntro,
            &[
                ("from", self.date(from).into()),
                ("to", self.date(to).into()),
            ],
        )
    }

    /// `1 pooled purchase, with 5 group orders: the groups saved 52.10 USD
    /// against buying alone; they still owe the fund 84.38 USD, and the
    /// fund owes its suppliers nothing.`
    pub fn purchases_said(self, m: &Bought) -> String {
        if m.purchases == 0 {
            return self.plain(ForumKey::NoPurchases);
        }
        let mut text = self.say(
            ForumKey::Purchases,
            &[
                ("purchases", m.purchases.into()),
                ("orders", m.group_lines.into()),
            ],
        );
        if !m.saved.is_empty() {
            text.push_str(&self.say(
                ForumKey::PurchasesSaved,
                &[("amounts", self.amounts(m.saved).into())],
            ));
        }
        let owed = |totals: &[Total]| {
            if totals.is_empty() {
                self.plain(ForumKey::Nothing)
            } else {
                self.amounts(totals)
            }
        };
        text.push_str(&self.say(
            ForumKey::PurchasesOwed,
            &[
                ("groups", owed(m.groups_owe).into()),
                ("fund", owed(m.fund_owes).into()),
            ],
        ));
        text
    }

    /// A party in the purchases table: `the fund`, or a group or supplier
    /// as the report names it.
    pub fn purchase_party(self, name: &str) -> String {
        if name == "fund" {
            self.plain(ForumKey::TheFund)
        } else {
            name.to_owned()
        }
    }

    // Spending by category.

    pub fn spending_heading(self) -> String {
        self.plain(ForumKey::SpendingHeading)
    }

    pub fn spending_intro(self) -> String {
        self.plain(ForumKey::SpendingIntro)
    }

    /// The budget cell of spending no budget covers.
    pub fn no_budget(self) -> String {
        self.plain(ForumKey::NoBudget)
    }

    /// `97.5%`.
    pub fn percent(self, value: Decimal) -> String {
        self.say(
            ForumKey::Percent,
            &[("value", self.lang().page_decimal(value).into())],
        )
    }

    // Accountability.

    pub fn metrics_heading(self) -> String {
        self.plain(ForumKey::MetricsHeading)
    }

    pub fn metrics_intro(self, previous: &Span) -> String {
        self.say(
            ForumKey::MetricsIntro,
            &[("previous", self.span_words(previous).into())],
        )
    }

    /// A metric's figure with its unit: `97.5%`, `2.4 days`, `3`.
    pub fn metric_value(self, unit: &str, value: Option<Decimal>) -> String {
        match value {
            None => self.missing(),
            Some(v) => match unit {
                "percent" => self.percent(v),
                "days" => self.days(v),
                _ => self.lang().page_decimal(v),
            },
        }
    }

    /// What a metric's figure is drawn from: `3 contributors`, `2374.26 of
    /// money out`.
    pub fn metric_basis(self, basis: &Basis) -> String {
        let count = |key, n: u64| self.say(key, &[("n", n.into())]);
        match basis {
            Basis::Nothing => String::new(),
            Basis::Contributors(n) => count(ForumKey::BasisContributors, *n),
            Basis::MoneyOut {
                out,
                came_back: None,
            } => self.say(ForumKey::BasisMoneyOut, &[("out", self.money(*out).into())]),
            Basis::MoneyOut {
                out,
                came_back: Some(back),
            } => self.say(
                ForumKey::BasisMoneyOutBack,
                &[
                    ("out", self.money(*out).into()),
                    ("back", self.money(*back).into()),
                ],
            ),
            Basis::Decisions(n) => count(ForumKey::BasisDecisions, *n),
            Basis::FirstPayments(n) => count(ForumKey::BasisFirstPayments, *n),
            Basis::Votes {
                votes,
                eligible,
                decisions,
            } => self.say(
                ForumKey::BasisVotes,
                &[
                    ("votes", (*votes).into()),
                    ("eligible", (*eligible).into()),
                    ("decisions", (*decisions).into()),
                ],
            ),
            Basis::PledgePeriods(n) => count(ForumKey::BasisPledgePeriods, *n),
            Basis::TermsHeld(n) => count(ForumKey::BasisTermsHeld, *n),
        }
    }

    /// A metric's change, signed; a change of a percentage is in points:
    /// `+2.5 points`, `-1.0 days`.
    pub fn metric_change(self, unit: &str, change: Option<Decimal>) -> String {
        let Some(change) = change else {
            return self.missing();
        };
        let sign = if change.is_sign_positive() && !change.is_zero() {
            "+"
        } else {
            ""
        };
        match unit {
            "percent" => self.say(
                ForumKey::Points,
                &[(
                    "change",
                    format!("{sign}{}", self.lang().page_decimal(change)).into(),
                )],
            ),
            unit => format!("{sign}{}", self.metric_value(unit, Some(change))),
        }
    }

    // The fingerprint.

    pub fn fingerprint_heading(self) -> String {
        self.plain(ForumKey::FingerprintHeading)
    }

    pub fn fingerprint_intro(self) -> String {
        self.plain(ForumKey::FingerprintIntro)
    }

    pub fn ledger_hash(self, transactions: u64) -> String {
        self.say(ForumKey::LedgerHash, &[("n", transactions.into())])
    }

    pub fn manifest_hash(self) -> String {
        self.plain(ForumKey::ManifestHash)
    }

    pub fn records_hash(self, records: u64) -> String {
        self.say(ForumKey::RecordsHash, &[("n", records.into())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(minor: i128) -> Total {
        Total {
            commodity: "USD".into(),
            amount: Money::stored(minor, 2),
        }
    }

    #[test]
    fn purchases_in_words() {
        let en = Messages::new(Lang::En);
        let w = Words::new(&en);
        let one = Bought {
            purchases: 1,
            group_lines: 5,
            saved: &[usd(5210)],
            groups_owe: &[usd(843_800)],
            fund_owes: &[],
        };
        assert_eq!(
            w.purchases_said(&one),
            "1 pooled purchase, with 5 group orders: the groups saved 52.10 USD against buying alone; they still owe the fund 8,438.00 USD, and the fund owes its suppliers nothing."
        );
        let none = Bought {
            purchases: 0,
            group_lines: 0,
            saved: &[],
            groups_owe: &[],
            fund_owes: &[],
        };
        assert_eq!(
            w.purchases_said(&none),
            "No pooled purchase was opened in the period."
        );
        let es = Messages::new(Lang::Es);
        assert_eq!(
            Words::new(&es).purchases_said(&one),
            "1 compra conjunta, con 5 pedidos de grupos: los grupos ahorraron 52,10 USD frente a comprar cada uno por su cuenta; lo que todavía deben al fondo: 8.438,00 USD; lo que el fondo debe a sus proveedores: nada."
        );
    }

    #[test]
    fn the_standing_in_english_is_the_summarys_and_reads_in_spanish() {
        use crate::domain::period::{Reopened, standing_sentence};
        let span = Span::parse("2026-Q2").unwrap();
        let reopening = |record, at: &str| Reopened {
            record,
            at: at.into(),
            reason: "a late receipt".into(),
        };
        let closed = PeriodState {
            span: span.clone(),
            close: RecordId::new(193),
            closed_at: "2026-07-04T20:00:00".into(),
            close_reason: "approved at the forum".into(),
            reopened: None,
            reopenings: vec![
                reopening(RecordId::new(150), "2026-07-01T10:00:00"),
                reopening(RecordId::new(170), "2026-07-02T10:00:00"),
            ],
            closes: 3,
        };
        let reopened = PeriodState {
            reopened: Some(reopening(RecordId::new(200), "2026-07-05T09:30:00")),
            ..closed.clone()
        };
        let once = PeriodState {
            reopenings: Vec::new(),
            ..closed.clone()
        };
        let en = Messages::new(Lang::En);
        for state in [None, Some(&closed), Some(&reopened), Some(&once)] {
            assert_eq!(
                Words::new(&en).standing(&span, state),
                standing_sentence(&span.label, state)
            );
        }
        let es = Messages::new(Lang::Es);
        assert_eq!(
            Words::new(&es).standing(&span, Some(&once)),
            "Los libros del periodo 2.º trimestre de 2026 se cerraron el 4 de julio de 2026, 20:00 (registro 193): approved at the forum."
        );
    }

    #[test]
    fn what_a_metric_is_drawn_from_in_english_is_the_reports_below_a_thousand() {
        let usd = |minor| Money::stored(minor, 2);
        let en = Messages::new(Lang::En);
        let w = Words::new(&en);
        for n in [0, 1, 2] {
            for basis in [
                Basis::Nothing,
                Basis::Contributors(n),
                Basis::Decisions(n),
                Basis::FirstPayments(n),
                Basis::PledgePeriods(n),
                Basis::TermsHeld(n),
                Basis::Votes {
                    votes: n,
                    eligible: 25,
                    decisions: n,
                },
                Basis::MoneyOut {
                    out: usd(37_426),
                    came_back: None,
                },
                Basis::MoneyOut {
                    out: usd(100),
                    came_back: Some(usd(5000)),
                },
            ] {
                assert_eq!(w.metric_basis(&basis), basis.words());
            }
        }
        let fr = Messages::new(Lang::Fr);
        assert_eq!(
            Words::new(&fr).metric_basis(&Basis::MoneyOut {
                out: usd(237_426),
                came_back: None
            }),
            "2\u{202f}374,26 d'argent sorti"
        );
    }

    #[test]
    fn rules_in_english_are_the_policys() {
        let en = Messages::new(Lang::En);
        let w = Words::new(&en);
        for n in [0, 1, 2, 3] {
            for rule in [
                Rule::Consent { min_consents: n },
                Rule::Lazy { min_consents: n },
                Rule::Majority {
                    quorum: n,
                    threshold: "0.5".into(),
                },
            ] {
                assert_eq!(w.rule(&rule), rule.to_string());
            }
        }
        let pt = Messages::new(Lang::Pt);
        assert_eq!(
            Words::new(&pt).rule(&Rule::Majority {
                quorum: 3,
                threshold: "0.5".into()
            }),
            "maioria (quórum de 3, mais de 0,5 a favor)"
        );
        let fr = Messages::new(Lang::Fr);
        assert_eq!(
            Words::new(&fr).rule(&Rule::Lazy { min_consents: 0 }),
            "consensus tacite (aucune objection)"
        );
    }

    #[test]
    fn plurals_are_the_languages() {
        for (lang, one, two) in [
            (Lang::En, "1 transaction", "2 transactions"),
            (Lang::Es, "1 transacción", "2 transacciones"),
            (Lang::Fr, "1 opération", "2 opérations"),
            (Lang::Pt, "1 transação", "2 transações"),
        ] {
            let m = Messages::new(lang);
            let w = Words::new(&m);
            assert!(w.ledger_hash(1).ends_with(one), "{lang}");
            assert!(w.ledger_hash(2).ends_with(two), "{lang}");
        }
        // French counts zero as one.
        let fr = Messages::new(Lang::Fr);
        assert!(
            Words::new(&fr)
                .records_hash(0)
                .ends_with("0 enregistrement")
        );
    }

    #[test]
    fn report_words_are_translated_and_others_kept() {
        let es = Messages::new(Lang::Es);
        let w = Words::new(&es);
        assert_eq!(w.report_word("grants paid"), "ayudas pagadas");
        assert_eq!(w.report_word("expenses:fees"), "expenses:fees");
        let en = Messages::new(Lang::En);
        let w = Words::new(&en);
        for word in ["grants paid", "herfindahl index", "approved", "open"] {
            assert_eq!(w.report_word(word), word);
        }
        assert_eq!(w.purchase_status("settled"), "settled");
        let fr = Messages::new(Lang::Fr);
        let w = Words::new(&fr);
        assert_eq!(w.report_word("open"), "ouverte");
        assert_eq!(w.purchase_status("open"), "ouvert");
    }
}
