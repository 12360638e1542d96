# fondo: the bundle messages (en). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs). The descriptions of files and columns are the
# English text of the bundle's spec (src/audit/bundle/mod.rs); other languages
# translate them as bundle-file-FILE and bundle-col-FILE-COLUMN below theirs.
# The lines that state hashes and the audience start with a marker in brackets
# added by the code ([fingerprint], [audience]…): the checkers read those.

bundle-title = Audit bundle of { $fund }
bundle-intro = This directory is an audit bundle of the books of { $fund }, written by { $generator }. Anyone can check it without the fund's database: every file but this one is plain CSV (UTF-8, comma-separated, quoted where needed, one header line), and MANIFEST.csv lists every file with its number of rows and its SHA-256 digest.

bundle-heading-covers = What it covers
bundle-period = Period: { $period }, from { $from } to { $to } (both days included).
bundle-standing-open = The books of { $period } are not closed: entries dated in it can still be added.
bundle-standing-closed = The books of { $period } were closed at { $at } (record { $record }): { $reason }.
bundle-standing-reopening = at { $at } (record { $record }): { $reason }
bundle-standing-reopening-more = { $earlier }; and at { $at } (record { $record }): { $reason }
bundle-standing-reopened-before = { $closed } Before that, they were reopened { $earlier }.
bundle-standing-reopened = { $closed } They were reopened at { $at } (record { $record }): { $reason }; entries dated in { $period } can be added until they are closed again.

bundle-audience-public = for anyone. Members who asked not to be named in public (pseudonymous and anonymous members) appear under a stable pseudonym such as member-1a2b3c4d, derived from a secret kept in the fund's file: the same person has the same pseudonym in every bundle, and nobody can confirm a guessed name by hashing it. Their names are replaced in free text too, also misspelt, in another case, without accents or by one part of the name (purposes, categories, reasons, kinds of support), and a steward's recusal shows no reason, so no family tie is told. Contact details, private notes and account notes are left out. Only text changes: every amount is as in the books, so balances, pools and grants reconcile with journal.csv exactly as in the auditor's bundle.
bundle-audience-members = for the fund's members. Anonymous members appear under a stable pseudonym such as member-1a2b3c4d (the same in every bundle), everyone else by name; their names are replaced in free text too (also misspelt, in another case, without accents or by one part of the name), and a steward's recusal shows no reason. Only text changes, never an amount, so every total reconciles with journal.csv. Contact details, private notes and account notes are left out.
bundle-audience-auditor = for an auditor. Every member appears by name, and accounts carry the treasurers' notes, to match them with bank statements and receipts. Members' contact details and private notes are left out.

bundle-visibility = { $visibility ->
    [public] public
    [pseudonymous] pseudonymous
   *[anonymous] anonymous
}
bundle-visibility-change = on { $day } from { $from } to { $to }
bundle-visibility-changes = Members changed how they are named ({ $n ->
    [one] one change
   *[other] changes
}: { $changes }). A change applies to every output written after it, this bundle included, so it may show a member differently from files published before; those stay as they were.

bundle-amounts = Contributions given anonymously say anonymous in every audience. Amounts are never changed: every amount and every total is the same in the bundles of every audience, so they all reconcile with each other and with the books.
bundle-redacted-hidden = What was redacted: in journal.csv, reversed.csv and records.csv, which are hash-chained, a free text (a description, payee, reference, memo, purpose, reason, a hidden member's own name, a contact or a private note) that this audience may not see is not shown. journal.csv shows it as the word redacted with, in its salt column, the text's commitment (64 hex digits) instead of the salt (32); records.csv shows {"{"}"redacted": commitment{"}"}. Rows in the v2 form hash each text only through its commitment, so every hash still recomputes offline and the chain still reaches the fingerprint and the records head. Amounts and dates are never redacted, so every total still reconciles. Rows recorded before the fund switched to the v2 form hash their text itself: in journal.csv they are shown as recorded (the export warned the treasurer of any hidden name in them), and in records.csv such a record's payload is withheld (its hash is stated). An account named after someone this audience may not see is shown by a label, its root and redacted- with the first 8 hex digits of its name's commitment (expenses:redacted-4d90c2f8), the same in every file, so balances still add up by account; its rows' account_salt holds the whole commitment. A pool named after someone this audience may not see is shown the same way, redacted- with the first 8 hex digits of its name's commitment (redacted-2c09804a), in every file that names it; its rows' pool_salt holds the whole commitment, and its pool record in records.csv shows {"{"}"redacted": commitment, "shown": label{"}"}. An account or a pool that rows of the v1 form name is shown as recorded.
bundle-redacted-auditor = What was redacted: nothing but members' contact details and private notes, which records.csv shows only as their commitment ({"{"}"redacted": commitment{"}"}); every hash still recomputes from the files.
bundle-format = Format: { $format }, described completely in docs/audit-format.md in fondo's sources.

bundle-heading-fingerprint = Fingerprint
bundle-chain = The books of a fondo fund are a hash chain: each transaction's hash covers its content and the hash of the transaction recorded before it, so changing, removing or reordering anything changes every later hash. The last one, the head, is the fund's fingerprint, which treasurers read out at forums. Grants, votes, policies, members and roles are kept in a second chain of the same kind, the governance records.
bundle-stated-fingerprint = Ledger fingerprint (the journal's head hash) after { $transactions } { $transactions ->
    [one] transaction
   *[other] transactions
}:
bundle-stated-records-head = Governance records head after { $records } { $records ->
    [one] record
   *[other] records
}:
bundle-stated-prev-start = journal.csv continues the chain from the start (64 zeros):
bundle-stated-prev = journal.csv continues the chain from:
bundle-stated-last = and ends with:
bundle-journal-holds = journal.csv holds { $transactions } { $transactions ->
    [one] transaction
   *[other] transactions
}, { $period_transactions } of them dated within the period.
bundle-journal-reaches-head = It ends at the head of the chain, so the fingerprint above can be recomputed from it.
bundle-journal-goes-on = The books went on after its last transaction, so the fingerprint above is as stated; its last hash can be found in the hash column of a later bundle or of a full `fondo journal export`.

bundle-heading-checked = What is checked, and what is stated
bundle-checked = What is checked: every hash of journal.csv, reversed.csv and records.csv is recomputed and each chain linked to the hashes above. balances.csv and pools.csv are recomputed from journal.csv. From records.csv (each grant replayed from its records exactly as fondo does, by the same code that wrote the files): roles.csv (role-term and role-end records), policies.csv (policy records), every row of grants.csv (applicant, pool, amount, purpose, rule, window, status, decision, decided tallies, paid, spent, returned, end), every vote of votes.csv (who, how, when, why, counted), and who each row of contributors.csv names (contribution records); no vote may come from the grant's applicant or from a member who was no steward that day. The tranches, returns and contributions are also matched with journal.csv.
bundle-stated-rows = Stated, not checkable: the recusal rows of votes.csv (why a steward recused is a relation that public bundles do not tell; the eligible count of grants.csv is checked against them); the tally of a grant still open at the period's end (checked against votes.csv); which commodity code a grant's commodity is, the names and decimal places of commodities.csv and the status and closing days of accounts.csv (commodities and accounts are not governance records); pools.csv's purpose and guidelines (pool records hold them, the checkers do not compare them yet); the status of purchases.csv and the units of purchase_items.csv (in records.csv, not replayed yet); and any text shown only as its commitment.

bundle-heading-verify = How to verify
bundle-verify-fondo = 1. With fondo, offline (no database needed): run `fondo verify --bundle` followed by the path of this directory. It checks everything below, prints every finding with its file and line, and exits with 0 when there is none, 1 when there are findings.
bundle-verify-script = 2. With a script: `python3 scripts/verify_bundle.py` followed by the path of this directory, from fondo's sources, checks the digests, both hash chains, the balances and the rows re-derived from records.csv with nothing but Python's standard library.
bundle-verify-hand = 3. By hand or with a spreadsheet:
bundle-step-digests = a. Digests: `sha256sum *` (on Windows: `certutil -hashfile FILE SHA256`) must print, for every file, the sha256 that MANIFEST.csv lists, and each CSV file must have as many rows after its header as MANIFEST.csv says.
bundle-step-chain = b. The hash chain: for each transaction of journal.csv (its consecutive rows with the same txn), write the JSON array ["fondo-txn-v1", prev_hash, date, description, payee, reference, REVERSES, [[account, commodity, amount, memo, pool], ... one per row]] with every element a string, compact (no spaces between elements), non-ASCII characters as they are; REVERSES is empty, or for a void the hash of the transaction its reverses column names (earlier in journal.csv or in reversed.csv). Its SHA-256 must be the hash column. A row whose form column is fondo-txn-v2 is hashed in the v2 form instead: the first element is "fondo-txn-v2" and each text (description, payee, reference, account, memo, pool) is replaced by its commitment, SHA-256 of "fondo-text-v2", a 0 byte, the salt of its salt column, a 0 byte and the text (a salt column of 64 hex digits is the commitment itself; an empty text stays empty). The first prev_hash must be journal_prev_hash of BUNDLE.csv, each later prev_hash the hash before it, and the last hash journal_last_hash. docs/hash-chain.md in fondo's sources has worked examples.
bundle-step-zero = c. Each transaction's amounts add up to zero per commodity.
bundle-step-balances = d. Balances: sum the amounts of journal.csv dated within the period per account and commodity, positive and negative apart; they are the debits and (as positive numbers) the credits of balances.csv, and opening + debits - credits = closing on every row. All openings add up to zero per commodity, and so do all closings.
bundle-step-pools = e. Pools: the sums of all pools' opening and closing equal the sums of the opening and closing balances of the assets and liabilities accounts, per commodity.
bundle-step-grants = f. Grants: the counted votes of votes.csv give the consents, objections and abstentions of grants.csv, and its rule (from policies.csv) gives its decision; the tranches listed in payment_txns are the grant's expense postings in journal.csv.
bundle-step-purchases = g. Purchases: per purchase, the charged column of purchases.csv holds exactly the debits to assets:purchases:receivable of its settle_txn in journal.csv (one per group charged); each group's paid is the sum of the credits to that account in its pay_txns, and owed = charged - paid. The units are per item in purchase_items.csv, each in its item's own unit; every row's purchase and group has its row in purchases.csv.

bundle-heading-ballots = The stewards' signed votes
bundle-ballots = Each signed vote whose ballot this bundle shows is here as two files, its ballot and the steward's SSH signature of it ({ $ballot } and { $signature }, N the vote's number in records.csv), and { $signers } holds every key the members registered, the member's number as its name, valid from its registration until its revocation. Both are exact copies of what records.csv holds, and the checkers compare them. To check a vote with OpenSSH alone, in this directory, with VOTER the number on the ballot's voter line and TIME the digits of its time line (2026-07-02T18:00:00 is 20260702180000):
bundle-ballots-good = It prints Good "{ $namespace }" signature for VOTER: that member's key, in force at the ballot's time, signed exactly that ballot. votes.csv names the member as this audience may see them.
bundle-heading-signature = The fund's signature
bundle-signature = The fund signed MANIFEST.csv with its key { $key }: { $signature } is an SSH signature (SSHSIG, namespace { $namespace }) of its exact bytes, and { $signers } states the fund's public keys. Since MANIFEST.csv holds the digest of every other file, the signature covers the whole bundle. To check it with OpenSSH alone, in this directory:
bundle-signature-trust = It prints Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. That shows only that the bundle agrees with itself: whoever changed it could have signed it again with a key of their own and put that key in { $signers }. So get the fund's key from the fund itself (its fingerprint is read out at the forum, and `fondo fund show` prints it), put it in a file, e.g. fund.pub, and check with it: `fondo verify --bundle DIR --signer-key fund.pub`, or with ssh-keygen as above after writing the line `{ $signer } namespaces="{ $namespace }"` followed by the key of fund.pub into a file of your own and giving that file to -f.

bundle-heading-files = The files
