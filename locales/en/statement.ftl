# fondo: the statement messages (en). Keys: the registry in the code that uses them.
# A member's thank-you and receipt: what they gave in a period, and what it did.

statement-title = { $fund }: statement for { $member }, { $period }
statement-heading = Thank you, { $member }
statement-subtitle = What you gave to { $fund } in { $span }, and what it did
statement-span-days = { $from } to { $to }
statement-span-period = { $period } ({ $days })
statement-gave-heading = What you gave
statement-gave = { $n ->
    [one] You gave { $amounts } in one contribution.
   *[other] You gave { $amounts } in { $n } contributions.
}
statement-gave-none = No contribution from you is recorded in this period.
statement-given-money = money
statement-given-services = services in kind
statement-given-goods = goods in kind
statement-given-kind = { $given } ({ $kind })
statement-totals-heading = Totals
statement-pledges-heading = Your pledges
statement-pledge-kept = kept
statement-pledge-short = short
statement-pledges-none = No pledge of yours runs in this period.
statement-any-pool = any
statement-did-heading = What it did
statement-did-none = Your support went into no pool in this period.
statement-did-paid = Your support went to { $pools }. In this period these grants were paid from them (nobody is named here):
statement-did-waiting = Your support went to { $pools }. No grant was paid from them in this period yet; the money stays set aside for its purpose.
statement-received-heading = Grants you received
statement-receipt-heading = Receipt
statement-receipt = This statement is a receipt of what { $fund } recorded as given by { $member } in { $span }. It was made from the fund's books, whose fingerprints are below; anyone holding an audit bundle of the fund can match them.
statement-fingerprint = Ledger fingerprint
statement-records-head = Governance records head
statement-footer = Made by fondo from the fund's books (fondo member statement).
statement-col-date = Date
statement-col-what = What
statement-col-pool = Pool
statement-col-commodity = Commodity
statement-col-amount = Amount
statement-col-period = Period
statement-col-pledged = Pledged
statement-col-received = Received
statement-col-kept = Kept
statement-col-purpose = Purpose
statement-col-grants = Grants paid
statement-col-paid = Paid
statement-col-grant = Grant
statement-col-paid-to-you = Paid to you
