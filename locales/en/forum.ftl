# fondo: the forum messages (en). Keys: the registry in the code that uses
# them (src/report/forum/messages.rs). Figures arrive written for reading;
# a message that starts with a comma, colon or semicolon is appended to the
# one before it.

forum-title = { $fund }: { $subtitle }
forum-subtitle = Open forum report, { $span }, { $audience }
forum-span-named = { $label }, { $from } to { $to }
forum-span-days = { $from } to { $to }
forum-audience-public = for the public: members who asked not to be named appear under pseudonyms
forum-audience-members = for members: members who give anonymously appear under pseudonyms
forum-audience-treasurer = for the treasurers: every name is shown
forum-audience-auditor = for auditors: every name is shown, contact details are not
forum-footer = Made by fondo from the fund's books. Every figure comes from the period reports: fondo report summary, pools, grants, purchases, budget and metrics for { $period }.
forum-missing = –

## Column titles

forum-col-what = What
forum-col-how-many = How many
forum-col-detail = Detail
forum-col-amount = Amount
forum-col-pool = Pool
forum-col-commodity = Commodity
forum-col-category = Category
forum-col-opening = Opening
forum-col-contributions = Contributions
forum-col-moved-in = Moved in
forum-col-moved-out = Moved out
forum-col-spent = Spent
forum-col-exchanged = Exchanged
forum-col-other = Other
forum-col-closing = Closing
forum-col-committed = Committed
forum-col-available = Available
forum-col-month = Month
forum-col-in = In
forum-col-out = Out
forum-col-grant = Grant
forum-col-applicant = Applicant
forum-col-requested = Requested
forum-col-paid = Paid
forum-col-reported-spent = Reported spent
forum-col-status = Status
forum-col-decision = How it was decided
forum-col-purchase = Purchase
forum-col-who = Who owes
forum-col-whom = Whom
forum-col-charged = Charged
forum-col-owed = Still owed
forum-col-saved = Saved against buying alone
forum-col-period = Period
forum-col-budget = Budget
forum-col-left = Left
forum-col-used = Used
forum-col-metric = Metric
forum-col-this-period = This period
forum-col-previous = Previous
forum-col-change = Change
forum-col-basis = Based on

## The summary

forum-summary-heading = The period in plain words
forum-received = From { $from } to { $to }, { $fund } received { $received }.
forum-received-gifts = From { $from } to { $to }, { $fund } received { $received }: { $gifts } in all, from { $named } and { $anonymous }.
forum-received-none = no contributions of money
forum-received-money = { $amounts } in contributions
forum-standing-open = The books of { $period } are not closed: entries dated in it can still be added.
forum-standing-closed = The books of { $period } were closed at { $at } (record { $record }): { $reason }.
forum-standing-reopening = at { $at } (record { $record }): { $reason }
forum-standing-and = { $before }; and { $next }
forum-standing-reopened-before = Before that, they were reopened { $reopenings }.
forum-standing-reopened-now = They were reopened at { $at } (record { $record }): { $reason }; entries dated in { $period } can be added until they are closed again.
forum-contributions = { $n ->
    [one] { $n } contribution
   *[other] { $n } contributions
}
forum-named-contributors = { $n ->
    [one] { $n } named contributor
   *[other] { $n } named contributors
}
forum-anonymous-gifts = { $n ->
    [one] { $n } anonymous gift
   *[other] { $n } anonymous gifts
}
forum-in-kind = Support in kind came too: { $list }.
forum-of-services = { $amounts } of services
forum-of-goods = { $amounts } of goods
forum-paid-nothing = No grants were paid and there were no running costs
forum-paid-grants = It paid { $grants } in grants
forum-paid-costs = It paid no grants and { $costs } in running costs
forum-paid-both = It paid { $grants } in grants and { $costs } in running costs
forum-gave-out = , and gave out { $amounts } from its stock
forum-came-back = { $amounts } of grant money came back, unspent.
forum-grants-over-period = { $applied ->
    [one] { $applied } grant was
   *[other] { $applied } grants were
} applied for. Over the period, { $approved } were approved, { $rejected } rejected and { $withdrawn } withdrawn; { $paid ->
    [one] { $paid } grant received
   *[other] { $paid } grants received
} a payment and { $closed ->
    [one] { $closed } was
   *[other] { $closed } were
} closed.
forum-moved-between-pools = { $amounts } moved from one pool to another
forum-exchanged = currency exchanges turned { $from } into { $into }
forum-within = Within the fund, { $list }.
forum-no-money = no money
forum-held = At the close its pools held { $money }
forum-held-stock = At the close its pools held { $money }, with { $stock } in stock
forum-none-committed = ; none of it was committed to grants not yet paid.
forum-committed = ; of that, { $amounts } was committed to approved grants and not yet paid.

## The pools

forum-pools-heading = What each pool holds
forum-pools-intro = Per pool and commodity, from { $from } to { $to }: opening, plus contributions and money moved in, less money moved out and spent, plus exchanges and other entries, gives the closing holdings. Committed money is promised to approved grants and not yet paid; the rest is available.

## Money in and out

forum-flows-heading = Money in and out
forum-flows-intro = Money that came in (contributions) and went out (grants paid and running costs), month by month and per currency; moves between pools and currency exchanges are neither.
forum-chart-in = in
forum-chart-out = out
forum-chart-bar-in = { $month } in: { $amount }
forum-chart-bar-out = { $month } out: { $amount }
forum-chart-month = { $month } in { $inflow }, out { $outflow }
forum-chart-description = Money in and out per month, { $commodity }: { $months }
forum-flows-subheading = Everything that came in, went out or moved
forum-came-in = came in
forum-went-out = went out
forum-moved-within = moved within

## The grants

forum-grants-heading = Grants
forum-grants-intro = Every grant applied for by { $to } that was not closed before { $from }, as it stood at the close, with the rule of the pool's policy it was decided under and the stewards' votes as counted at the decision.
forum-rule-consent = { $n ->
    [one] consent ({ $n } consent, no objection)
   *[other] consent ({ $n } consents, no objection)
}
forum-rule-majority = majority (quorum { $quorum }, more than { $threshold } in favour)
forum-rule-lazy = { $n ->
    [0] lazy consensus (no objection)
    [one] lazy consensus (no objection, { $n } consent)
   *[other] lazy consensus (no objection, { $n } consents)
}
forum-votes = { $consent } consent, { $object } object, { $abstain } abstain, { $recused } recused
forum-decided-withdrawn = Withdrawn before a decision; the rule was { $rule }.
forum-decided-open = Still open under { $rule }; so far { $votes }.
forum-decided-rejected = Rejected on { $on } by { $rule }: { $votes }.
forum-decided-approved = Approved on { $on } by { $rule }: { $votes }.
forum-decided-after = Decided { $days } after the application.
forum-decided-paid-same-day = Decided { $days } after the application, first paid the same day.
forum-decided-paid-later = Decided { $days } after the application, first paid { $later } later.
forum-returned = { $amount } came back.

## Pooled purchasing

forum-purchases-heading = Pooled purchasing
forum-purchases-intro = Purchases opened from { $from } to { $to } in which member groups bought together from one supplier, by the case. For each group: its share of the invoice and the costs, after the fund's subsidy, what it has paid and what it still owes the fund, and what it saved against the prices it would pay alone; then what the fund owes the supplier. Groups appear as members do elsewhere on this page.
forum-no-purchases = No pooled purchase was opened in the period.
forum-purchases = { $purchases ->
    [one] { $purchases } pooled purchase
   *[other] { $purchases } pooled purchases
}, with { $orders ->
    [one] { $orders } group order
   *[other] { $orders } group orders
}
forum-purchases-saved = : the groups saved { $amounts } against buying alone
forum-purchases-owed = ; they still owe the fund { $groups }, and the fund owes its suppliers { $fund }.
forum-nothing = nothing
forum-the-fund = the fund

## Spending by category

forum-spending-heading = Spending by category
forum-spending-intro = What each pool spent per category (grant categories, running-cost accounts, goods given out and services used), against the budget where the community set one for the period.
forum-no-budget = no budget
forum-percent = { $value }%
forum-points = { $change } points

## Accountability

forum-metrics-heading = Accountability
forum-metrics-intro = The numbers a mutual-aid network asks of a fund, for this period and the one before ({ $previous }).
forum-basis-contributors = { $n ->
    [one] { $n } contributor
   *[other] { $n } contributors
}
forum-basis-money-out = { $out } of money out
forum-basis-money-out-back = { $out } of money out; { $back } of grant money came back
forum-basis-decisions = { $n ->
    [one] { $n } decision
   *[other] { $n } decisions
}
forum-basis-first-payments = { $n ->
    [one] { $n } first payment
   *[other] { $n } first payments
}
forum-basis-votes = { $votes ->
    [one] { $votes } vote
   *[other] { $votes } votes
} of { $eligible } eligible at { $decisions ->
    [one] { $decisions } decision
   *[other] { $decisions } decisions
}
forum-basis-pledge-periods = { $n ->
    [one] { $n } pledge period
   *[other] { $n } pledge periods
} (a period counts up to what was pledged)
forum-basis-terms-held = { $n ->
    [one] { $n } term held
   *[other] { $n } terms held
}

## The fingerprint

forum-fingerprint-heading = Fingerprint
forum-fingerprint-intro = The books are a hash chain: changing, removing or reordering anything in their history changes the fingerprint. The audit bundle handed out with this report states the same fingerprint in its README.txt; check that the two match, then check the bundle itself with the command fondo verify --bundle DIR, or by hand as its README.txt explains.
forum-ledger-hash = Ledger fingerprint (the journal's head hash), after { $n ->
    [one] { $n } transaction
   *[other] { $n } transactions
}
forum-manifest-hash = Audit bundle of the period: SHA-256 of its MANIFEST.csv
forum-records-hash = Governance records head, after { $n ->
    [one] { $n } record
   *[other] { $n } records
}

## Words of the period reports' rows: summary items, metrics, statuses

forum-item-contributions = contributions
forum-item-anonymous-contributions = anonymous contributions
forum-item-named-contributors = named contributors
forum-item-grants-applied-for = grants applied for
forum-item-grants-approved = grants approved
forum-item-grants-rejected = grants rejected
forum-item-grants-withdrawn = grants withdrawn
forum-item-grants-with-a-payment = grants with a payment
forum-item-grants-closed = grants closed
forum-item-goods-in-kind = goods in kind
forum-item-services-in-kind = services in kind
forum-item-goods-given-out = goods given out
forum-item-grants-paid = grants paid
forum-item-operating-costs = operating costs
forum-item-services-in-kind-used = services in kind used
forum-item-currency-conversions = currency conversions
forum-item-moved-in-from-other-pools = moved in from other pools
forum-item-moved-out-to-other-pools = moved out to other pools
forum-metric-top-contributor-share = top contributor share
forum-metric-top-5-contributors-share = top 5 contributors share
forum-metric-herfindahl-index = herfindahl index
forum-metric-grants-share = grants share of money out
forum-metric-operating-costs-share = operating costs share of money out
forum-metric-median-days-to-decision = median days to decision
forum-metric-p90-days-to-decision = 90th percentile days to decision
forum-metric-median-days-to-payment = median days to first payment
forum-metric-p90-days-to-payment = 90th percentile days to first payment
forum-metric-participation = participation
forum-metric-goods-received = goods in kind received
forum-metric-services-received = services in kind received
forum-metric-pledge-fulfilment = pledge fulfilment
forum-metric-role-terms-past-limit = role terms past the limit
forum-status-open = open
forum-status-approved = approved
forum-status-rejected = rejected
forum-status-withdrawn = withdrawn
forum-status-closed = closed
forum-purchase-open = open
forum-purchase-closed = closed
forum-purchase-settled = settled
forum-purchase-done = done
