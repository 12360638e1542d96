//! `fondo hub report forum`: the network's open-forum page — the network's
//! summary and metrics, then each member fund's figures with the fingerprint of its
//! books and its bundle's manifest, then the transfers between funds —
//! composed into a [`Document`] that [`crate::render`] lays out as the fund
//! page is (same HTML style, same writers).
//!
//! Rule: every figure is a row of [`super::summary`] or
//! [`super::reconcile`] as it is; every word is a message of the area
//! `network` (`locales/<lang>/network.ftl`). A page for an audience needs
//! every fund's bundle to be for that audience or a more public one: the
//! hub only holds what the bundles show, so it cannot hide more.

use rusqlite::Connection;

use crate::domain::member::Audience;
use crate::domain::money::Money;
use crate::domain::period::Span;
use crate::error::{HubRefusal, Result};
use crate::render::document::{
    Block, Cell, Column, ColumnKind, Document, Section, Table, TableRow,
};
use crate::render::i18n::keys::registry;
use crate::render::i18n::{Arg, Messages};
use crate::report::language::{page_amount, page_period, page_span};
use crate::store::hub::{self as store, reports};

use super::reconcile::{ReconcileRow, Status};
use super::summary::{HubSummaryRow, NETWORK};

registry! {
    area "network", enum NetworkKey;
    /// What a browser shows as the page's title.
    Title = "network-title" (hub, period);
    /// The line under the hub's name.
    Subtitle = "network-subtitle" (n, span);
    /// A span of days.
    SpanDays = "network-span-days" (from, to);
    /// A period with its days.
    SpanPeriod = "network-span-period" (period, days);
    SummaryHeading = "network-summary-heading" ();
    /// Why the network's figures are not the sum of the funds'.
    SummaryIntro = "network-summary-intro" ();
    FundsHeading = "network-funds-heading" ();
    /// Where a fund's figures come from.
    FundBundle = "network-fund-bundle" (period);
    /// A fund with no bundle for the period.
    FundNone = "network-fund-none" ();
    Fingerprint = "network-fingerprint" ();
    Manifest = "network-manifest" ();
    TransfersHeading = "network-transfers-heading" ();
    /// How many transfers, and how many need a look.
    TransfersIntro = "network-transfers-intro" (n, open);
    TransfersNone = "network-transfers-none" ();
    Footer = "network-footer" ();
    ColSection = "network-col-section" ();
    ColItem = "network-col-item" ();
    ColPool = "network-col-pool" ();
    ColCommodity = "network-col-commodity" ();
    ColAmount = "network-col-amount" ();
    ColTransfer = "network-col-transfer" ();
    ColStatus = "network-col-status" ();
    ColSender = "network-col-sender" ();
    ColReceiver = "network-col-receiver" ();
    ColSent = "network-col-sent" ();
    ColReceived = "network-col-received" ();
    SectionInflow = "network-section-inflow" ();
    SectionOutflow = "network-section-outflow" ();
    SectionEliminated = "network-section-eliminated" ();
    SectionClosing = "network-section-closing" ();
    ItemContributions = "network-item-contributions" ();
    ItemGoodsInKind = "network-item-goods-in-kind" ();
    ItemServicesInKind = "network-item-services-in-kind" ();
    ItemOtherIncome = "network-item-other-income" ();
    ItemFromMembers = "network-item-from-members" ();
    ItemFromOthers = "network-item-from-others" ();
    ItemGrants = "network-item-grants" ();
    ItemGoodsGivenOut = "network-item-goods-given-out" ();
    ItemServicesUsed = "network-item-services-used" ();
    ItemOperatingCosts = "network-item-operating-costs" ();
    ItemToMembers = "network-item-to-members" ();
    ItemToOthers = "network-item-to-others" ();
    ItemHeld = "network-item-held" ();
    /// The general pool.
    General = "network-general" ();
    StatusMatched = "network-status-matched" ();
    StatusWithinTolerance = "network-status-within-tolerance" ();
    StatusInTransit = "network-status-in-transit" ();
    StatusOutside = "network-status-outside" ();
    StatusOneSided = "network-status-one-sided" ();
    StatusConflicting = "network-status-conflicting" ();
    StatusReceivedTwice = "network-status-received-twice" ();
    MetricsHeading = "network-metrics-heading" ();
    /// How the metrics are counted across funds.
    MetricsIntro = "network-metrics-intro" ();
    ColMetric = "network-col-metric" ();
    ColValue = "network-col-value" ();
    UnitPercent = "network-unit-percent" ();
    UnitDays = "network-unit-days" ();
    MetricTopShare = "network-metric-top-share" ();
    MetricTopFiveShare = "network-metric-top-five-share" ();
    MetricHerfindahl = "network-metric-herfindahl" ();
    MetricGrantsShare = "network-metric-grants-share" ();
    MetricDecisionMedian = "network-metric-decision-median" ();
    MetricDecisionP90 = "network-metric-decision-p90" ();
    MetricPaymentMedian = "network-metric-payment-median" ();
    MetricPaymentP90 = "network-metric-payment-p90" ();
}

use NetworkKey as K;

/// What the page is made of, gathered from the hub file.
#[derive(Debug, Clone)]
pub struct NetworkPage {
    pub hub: String,
    pub span: Span,
    /// Per member fund, in the summary's order: its name and the bundle
    /// its figures come from (none when no bundle covers the period).
    pub funds: Vec<(String, Option<reports::BundleSeen>)>,
    pub summary: Vec<HubSummaryRow>,
    pub transfers: Vec<ReconcileRow>,
}

fn rank(audience: Audience) -> u8 {
    match audience {
        Audience::Public => 0,
        Audience::Members => 1,
        Audience::Treasurer | Audience::Auditor => 2,
    }
}

fn audience_of(text: &str) -> Audience {
    match text {
        "public" => Audience::Public,
        "members" => Audience::Members,
        _ => Audience::Treasurer,
    }
}

/// The funds and their bundles for `span`, refusing a page for `audience`
/// when a fund's bundle is for a less public one.
///
/// Fails when the hub has no name yet, or on such a bundle.
pub fn gather(
    conn: &Connection,
    span: &Span,
    audience: Audience,
    summary: Vec<HubSummaryRow>,
    transfers: Vec<ReconcileRow>,
) -> Result<NetworkPage> {
    let hub = store::name(conn)?.unwrap_or_default();
    let mut bundles = reports::bundles_as_of(conn, &crate::domain::date::iso(span.to))?;
    let mut funds = Vec::new();
    for f in store::funds(conn)? {
        let bundle = bundles
            .iter()
            .position(|b| b.fund_id == f.fund_id)
            .map(|i| bundles.swap_remove(i));
        if let Some(b) = &bundle
            && rank(audience_of(&b.audience)) > rank(audience)
        {
            return Err(HubRefusal::AudienceTooWide {
                fund: f.name,
                period: b.period.clone(),
                published: b.audience.clone(),
                asked: match audience {
                    Audience::Public => "public",
                    Audience::Members => "members",
                    _ => "treasurer",
                },
            }
            .into());
        }
        funds.push((f.name, bundle));
    }
    Ok(NetworkPage {
        hub,
        span: span.clone(),
        funds,
        summary,
        transfers,
    })
}

fn span_words(words: &Messages, span: &Span) -> String {
    page_span(words, span, K::SpanDays, K::SpanPeriod)
}

fn section_word(words: &Messages, section: &str) -> String {
    words.plain(match section {
        "inflow" => K::SectionInflow,
        "outflow" => K::SectionOutflow,
        "eliminated" => K::SectionEliminated,
        _ => K::SectionClosing,
    })
}

fn item_word(words: &Messages, item: &str) -> String {
    let key = match item {
        "contributions" => K::ItemContributions,
        "goods in kind" => K::ItemGoodsInKind,
        "services in kind" => K::ItemServicesInKind,
        "transfers from member funds" => K::ItemFromMembers,
        "transfers from other funds" => K::ItemFromOthers,
        "grants paid" => K::ItemGrants,
        "goods given out" => K::ItemGoodsGivenOut,
        "services in kind used" => K::ItemServicesUsed,
        "operating costs" => K::ItemOperatingCosts,
        "transfers to member funds" => K::ItemToMembers,
        "transfers to other funds" => K::ItemToOthers,
        "held" => K::ItemHeld,
        _ => K::ItemOtherIncome,
    };
    words.plain(key)
}

fn status_word(words: &Messages, status: Status) -> String {
    words.plain(match status {
        Status::Matched => K::StatusMatched,
        Status::MatchedWithinTolerance => K::StatusWithinTolerance,
        Status::InTransit => K::StatusInTransit,
        Status::OutsideNetwork => K::StatusOutside,
        Status::OneSided => K::StatusOneSided,
        Status::Conflicting => K::StatusConflicting,
        Status::ReceivedTwice => K::StatusReceivedTwice,
    })
}

fn metric_word(words: &Messages, metric: &str) -> String {
    words.plain(match metric {
        "top contributor share" => K::MetricTopShare,
        "top 5 contributors share" => K::MetricTopFiveShare,
        "herfindahl index" => K::MetricHerfindahl,
        "grants share of money out" => K::MetricGrantsShare,
        "median days to decision" => K::MetricDecisionMedian,
        "90th percentile days to decision" => K::MetricDecisionP90,
        "median days to first payment" => K::MetricPaymentMedian,
        _ => K::MetricPaymentP90,
    })
}

/// The network's metrics; a metric with no figure (nothing to draw it
/// from) is left out.
fn metrics(words: &Messages, rows: &[HubSummaryRow]) -> Table {
    use ColumnKind::{Figure, Name, Text};
    let title = |field: &'static str| {
        words.plain(match field {
            "metric" => K::ColMetric,
            "commodity" => K::ColCommodity,
            _ => K::ColValue,
        })
    };
    let lang = words.lang();
    Table {
        name: "metrics",
        narrow: true,
        columns: Column::titled(
            &[("metric", Text), ("commodity", Name), ("value", Figure)],
            title,
        ),
        rows: rows
            .iter()
            .filter(|r| r.fund == NETWORK && r.section == "metric")
            .filter_map(|r| {
                let value = r.value?;
                let unit = match r.unit {
                    "percent" => words.plain(K::UnitPercent),
                    "days" => words.plain(K::UnitDays),
                    _ => String::new(),
                };
                Some(TableRow {
                    key: format!("{}|{}", r.item, r.commodity),
                    cells: vec![
                        Cell::Text(metric_word(words, &r.item)),
                        Cell::Text(r.commodity.clone()),
                        Cell::Text(
                            format!("{} {unit}", lang.page_decimal(value))
                                .trim_end()
                                .to_owned(),
                        ),
                    ],
                })
            })
            .collect(),
    }
}

/// The table of one fund's (or the network's) summary rows.
fn figures(words: &Messages, name: &'static str, rows: &[&HubSummaryRow]) -> Table {
    use ColumnKind::{Figure, Name, Text};
    let title = |field: &'static str| {
        words.plain(match field {
            "section" => K::ColSection,
            "item" => K::ColItem,
            "pool" => K::ColPool,
            "commodity" => K::ColCommodity,
            _ => K::ColAmount,
        })
    };
    Table {
        name,
        narrow: false,
        columns: Column::titled(
            &[
                ("section", Text),
                ("item", Text),
                ("pool", Name),
                ("commodity", Name),
                ("amount", Figure),
            ],
            title,
        ),
        rows: rows
            .iter()
            .filter_map(|r| {
                let amount = r.amount?;
                let pool = match r.pool.as_str() {
                    "" => String::new(),
                    "general" => words.plain(K::General),
                    pool => pool.to_owned(),
                };
                Some(TableRow {
                    key: format!("{}|{}|{}|{}", r.section, r.item, r.pool, r.commodity),
                    cells: vec![
                        Cell::Text(section_word(words, r.section)),
                        Cell::Text(item_word(words, &r.item)),
                        Cell::Text(pool),
                        Cell::Text(r.commodity.clone()),
                        Cell::Money(amount),
                    ],
                })
            })
            .collect(),
    }
}

fn amount_text(words: &Messages, money: Option<Money>, commodity: &str) -> String {
    money
        .map(|m| page_amount(words, m, commodity))
        .unwrap_or_default()
}

/// The page in the language of `words`.
pub fn document(page: &NetworkPage, words: &Messages) -> Document {
    use ColumnKind::{Name, Text};
    let of = |fund: &str| -> Vec<&HubSummaryRow> {
        page.summary
            .iter()
            .filter(|r| r.fund == fund && r.section != "metric")
            .collect()
    };
    let mut sections = vec![Section {
        id: "network",
        heading: words.plain(K::SummaryHeading),
        blocks: vec![
            Block::Paragraph(words.plain(K::SummaryIntro)),
            Block::Table(figures(words, "network", &of(NETWORK))),
        ],
    }];
    sections.push(Section {
        id: "metrics",
        heading: words.plain(K::MetricsHeading),
        blocks: vec![
            Block::Paragraph(words.plain(K::MetricsIntro)),
            Block::Table(metrics(words, &page.summary)),
        ],
    });
    let mut blocks = Vec::new();
    for (name, bundle) in &page.funds {
        blocks.push(Block::Subheading(name.clone()));
        match bundle {
            Some(b) => {
                blocks.push(Block::Paragraph(words.text(
                    K::FundBundle,
                    &[("period", page_period(words, &b.period).into())],
                )));
                blocks.push(Block::Table(figures(words, "fund", &of(name))));
                blocks.push(Block::Hash {
                    label: words.plain(K::Fingerprint),
                    value: b.fingerprint.clone(),
                });
                blocks.push(Block::Hash {
                    label: words.plain(K::Manifest),
                    value: b.manifest.clone(),
                });
            }
            None => blocks.push(Block::Paragraph(words.plain(K::FundNone))),
        }
    }
    sections.push(Section {
        id: "funds",
        heading: words.plain(K::FundsHeading),
        blocks,
    });
    let open = page
        .transfers
        .iter()
        .filter(|t| t.status.is_finding())
        .count();
    let transfers = if page.transfers.is_empty() {
        vec![Block::Paragraph(words.plain(K::TransfersNone))]
    } else {
        let title = |field: &'static str| {
            words.plain(match field {
                "transfer" => K::ColTransfer,
                "status" => K::ColStatus,
                "sender" => K::ColSender,
                "receiver" => K::ColReceiver,
                "sent" => K::ColSent,
                _ => K::ColReceived,
            })
        };
        vec![
            Block::Paragraph(words.text(
                K::TransfersIntro,
                &[
                    ("n", Arg::Count(page.transfers.len() as u64)),
                    ("open", Arg::Count(open as u64)),
                ],
            )),
            Block::Table(Table {
                name: "transfers",
                narrow: false,
                columns: Column::titled(
                    &[
                        ("transfer", Name),
                        ("status", Text),
                        ("sender", Text),
                        ("receiver", Text),
                        ("sent", Text),
                        ("received", Text),
                    ],
                    title,
                ),
                rows: page
                    .transfers
                    .iter()
                    .map(|t| TableRow {
                        key: format!("{}|{}", t.transfer_id, t.received_txn.unwrap_or(0)),
                        cells: vec![
                            Cell::Text(t.transfer_id.clone()),
                            Cell::Text(status_word(words, t.status)),
                            Cell::Text(t.sender.clone()),
                            Cell::Text(t.receiver.clone()),
                            Cell::Text(amount_text(words, t.sent, &t.sent_commodity)),
                            Cell::Text(amount_text(words, t.received, &t.received_commodity)),
                        ],
                    })
                    .collect(),
            }),
        ]
    };
    sections.push(Section {
        id: "transfers",
        heading: words.plain(K::TransfersHeading),
        blocks: transfers,
    });
    let span = span_words(words, &page.span);
    Document {
        lang: words.lang(),
        title: words.text(
            K::Title,
            &[
                ("hub", page.hub.as_str().into()),
                ("period", page_period(words, &page.span.label).into()),
            ],
        ),
        heading: page.hub.clone(),
        subtitle: words.text(
            K::Subtitle,
            &[
                ("n", Arg::Count(page.funds.len() as u64)),
                ("span", span.into()),
            ],
        ),
        sections,
        footer: words.plain(K::Footer),
    }
}
