# fondo: the network page's messages (en). Keys: the registry in the code that uses them.
# A hub's open-forum page: the network's figures, each member fund's, and the transfers between them.

network-title = { $hub }: network forum, { $period }
network-subtitle = { $n ->
    [one] One member fund, { $span }
   *[other] { $n } member funds, { $span }
}
network-span-days = { $from } to { $to }
network-span-period = { $period } ({ $days })
network-summary-heading = The network
network-summary-intro = Money one member fund sent another is left out of the network's figures (each fund's section shows it), so nothing is counted twice; money to or from funds outside the network stays in.
network-funds-heading = The member funds
network-fund-bundle = From the fund's signed audit bundle for { $period }, as the hub checked it.
network-fund-none = No bundle of this fund covers the period.
network-fingerprint = Fingerprint of the fund's books
network-manifest = The bundle's manifest (SHA-256)
network-transfers-heading = Transfers between funds
network-transfers-intro = { $n ->
    [one] One transfer, each side as its fund published it
   *[other] { $n } transfers, each side as its fund published it
}; { $open ->
    [0] none needs a look.
    [one] one needs a look.
   *[other] { $open } need a look.
}
network-transfers-none = No transfer between funds in this period.
network-footer = Every figure here is from a member fund's signed audit bundle; anyone can check a bundle with fondo verify --bundle.
network-col-section = Section
network-col-item = What
network-col-pool = Pool
network-col-commodity = Commodity
network-col-amount = Amount
network-col-transfer = Transfer
network-col-status = Status
network-col-sender = From
network-col-receiver = To
network-col-sent = Sent
network-col-received = Received
network-section-inflow = came in
network-section-outflow = went out
network-section-eliminated = between member funds
network-section-closing = held at the end
network-item-contributions = contributions
network-item-goods-in-kind = goods in kind
network-item-services-in-kind = services in kind
network-item-other-income = other income
network-item-from-members = transfers from member funds
network-item-from-others = transfers from other funds
network-item-grants = grants paid
network-item-goods-given-out = goods given out
network-item-services-used = services in kind used
network-item-operating-costs = running costs
network-item-to-members = transfers to member funds
network-item-to-others = transfers to other funds
network-item-held = held
network-general = general
network-status-matched = matched
network-status-within-tolerance = matched within the tolerance
network-status-in-transit = in transit
network-status-outside = with a fund outside the network
network-status-one-sided = one side only
network-status-conflicting = the two sides differ
network-status-received-twice = received twice
network-metrics-heading = How the network works
network-metrics-intro = Across every member fund: how much of the money given came from the largest givers (each fund's contributors counted apart, each anonymous gift as its own giver), how much of the money out went to grants, and how long decisions and first payments took.
network-col-metric = Measure
network-col-value = Value
network-unit-percent = %
network-unit-days = days
network-metric-top-share = share of the largest contributor
network-metric-top-five-share = share of the five largest contributors
network-metric-herfindahl = concentration of giving (Herfindahl index, 0 to 1)
network-metric-grants-share = grants' share of money out
network-metric-decision-median = days from application to decision, median
network-metric-decision-p90 = days from application to decision, 90th percentile
network-metric-payment-median = days from decision to first payment, median
network-metric-payment-p90 = days from decision to first payment, 90th percentile
