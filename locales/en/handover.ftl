# fondo: the handover messages (en). Keys: the registry in the code that uses them.
# A checklist and the state of the books, for the treasurer taking over.

handover-title = { $fund }: treasurer's handover, { $day }
handover-heading = Handing over the books of { $fund }
handover-subtitle = The books as they stand at the end of { $day }, for the treasurer taking over
handover-footer = Made by fondo from the fund's books (fondo handover). Every figure comes from the same books as fondo balance, pool list, grant list, pledge status and role list.
handover-checklist-heading = Your first week
handover-checklist-item = { $n }. { $item }
handover-check-verify = Run fondo verify on the books you were given: it must find nothing and end with the fingerprint { $fingerprint }.
handover-check-backup = Keep the backup { $backup } somewhere other than the computer the books are on; try restoring it once (fondo restore) to know how.
handover-check-role = Take over the treasurer role: the outgoing treasurer's term ends (fondo role end) and yours starts (fondo role assign).
handover-check-reconcile = Reconcile every bank account with its statement: the balances below must match what the bank says.
handover-check-decide = { $n ->
    [one] Decide the grant waiting for a decision with the stewards (fondo grant decide).
   *[other] Decide the { $n } grants waiting for a decision with the stewards (fondo grant decide).
}
handover-check-pay = { $n ->
    [one] Pay, or agree when to pay, the grant approved and not fully paid (fondo grant pay).
   *[other] Pay, or agree when to pay, the { $n } grants approved and not fully paid (fondo grant pay).
}
handover-check-reports = { $n ->
    [one] Ask for the spending reports of the grant paid and not fully reported (fondo grant spend).
   *[other] Ask for the spending reports of the { $n } grants paid and not fully reported (fondo grant spend).
}
handover-check-pledges = { $n ->
    [one] Check in with the members of the pledge behind; end those that are over (fondo pledge end).
   *[other] Check in with the members of the { $n } pledges behind; end those that are over (fondo pledge end).
}
handover-check-roles = { $n ->
    [one] Find who takes over the role term ending soon, before it ends (fondo role assign).
   *[other] Find who takes over the { $n } role terms ending soon, before it ends (fondo role assign).
}
handover-check-doctor = Run fondo doctor: it lists what else is waiting.
handover-balances-heading = Balances per account (assets and liabilities)
handover-pools-heading = Pools: held, committed, available
handover-grants-heading = Grants waiting
handover-grants-none = No grant is waiting for a vote, a decision, a payment or a spending report.
handover-waiting-votes = votes (window open)
handover-waiting-decision = a decision
handover-waiting-payment = a payment
handover-waiting-report = a spending report
handover-pledges-heading = Pledges behind
handover-pledges-none = Every pledge is kept for the periods that have ended.
handover-milestones-heading = Reconciliation and period close
handover-milestone = { $kind ->
    [reconciliation] Last reconciliation
    [period-close] Last period close
   *[other] { $kind }
}
handover-milestone-none = { $milestone }: none recorded.
handover-milestone-at = { $milestone }: { $at }.
handover-milestone-at-detail = { $milestone }: { $at } ({ $detail }).
handover-roles-heading = Roles ending soon
handover-roles-none = { $days ->
    [one] No role term ends in the next day.
   *[other] No role term ends in the next { $days } days.
}
handover-role = { $role ->
    [treasurer] treasurer
    [steward] steward
    [member] member
   *[other] { $role }
}
handover-books-heading = The books and their backup
handover-books = The journal holds { $transactions ->
    [one] { $transactions } transaction
   *[other] { $transactions } transactions
} and the governance records { $records ->
    [one] { $records } record
   *[other] { $records } records
}. Their heads below are what fondo verify prints; write them down.
handover-fingerprint = Ledger fingerprint
handover-records-head = Governance records head
handover-backup-verified = A backup of the books is in { $file } next to this page; it was verified when it was made: no findings.
handover-backup-findings = A backup of the books is in { $file } next to this page; verifying it found { $n ->
    [one] { $n } problem
   *[other] { $n } problems
}: run fondo verify on it before relying on it.
handover-col-account = Account
handover-col-commodity = Commodity
handover-col-balance = Balance
handover-col-pool = Pool
handover-col-held = Held
handover-col-committed = Committed
handover-col-available = Available
handover-col-grant = Grant
handover-col-applicant = Applicant
handover-col-amount = Amount
handover-col-waiting = Waiting for
handover-col-left = Left
handover-col-pledge = Pledge
handover-col-member = Member
handover-col-periods = Periods behind
handover-col-short = Short
handover-col-role = Role
handover-col-ends = Last day
