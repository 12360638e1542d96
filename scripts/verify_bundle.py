#!/usr/bin/env python3
"""Check a fondo audit bundle (format fondo-audit-v3 or -v2) without fondo.

Usage: python3 scripts/verify_bundle.py [--signer-key FILE.pub] DIR

DIR is a directory written by `fondo export audit`. This script is an
independent second opinion on `fondo verify --bundle`, written from
docs/audit-format.md with nothing but Python's standard library. It checks:

- MANIFEST.csv: every other file listed once, with its SHA-256 and its rows;
  no file missing, none extra;
- every CSV file's header;
- BUNDLE.csv: every key, and the format;
- the hash chain of journal.csv recomputed from content, from the stated
  journal_prev_hash to journal_last_hash, with reversed.csv for voids of
  earlier transactions (docs/hash-chain.md has the canonical form);
- each transaction adds up to zero per commodity;
- balances.csv: opening + debits - credits = closing, all accounts sum to
  zero, and debits and credits are the period's postings in journal.csv;
- pools.csv: all pools together hold the net assets (assets and liabilities
  of balances.csv), at the start and the end of the period;
- transfers.csv (v3): exactly the rows re-derived from journal.csv, one per
  transfer between funds dated in the period (B140);
- records.csv: every governance record's hash recomputed (fondo-record-v1
  or -v2, docs/hash-chain.md), the chain from the genesis hash to the
  records_head and records_count of BUNDLE.csv;
- README.txt, in any language, states the fingerprint, the records head and
  the journal's hashes that BUNDLE.csv states, each on the line after the
  line its marker starts ([fingerprint], [records_head]...), and the audience
  ("[audience] public:");
- a signed bundle's MANIFEST.csv.sig, with `ssh-keygen -Y verify` (OpenSSH,
  namespace fondo-bundle), against the keys fund_signers states, and with
  --signer-key FILE.pub (the fund's key, as you got it from the fund) against
  that key alone, which is then required. Without --signer-key a good
  signature only shows the bundle agrees with itself. When ssh-keygen is not
  installed the signature is not checked, which is a problem only with
  --signer-key;
- allowed_signers and the ballot files (ballot-N.txt, ballot-N.txt.sig):
  exactly the member keys and the signed ballots records.csv holds (B139),
  and, with ssh-keygen, each ballot's signature by its voter's key in force
  at the ballot's time (`ssh-keygen -Y verify -f allowed_signers -I VOTER
  -n fondo-ballot -Overify-time=TIME`).

Problems found in records.csv and in the files re-derived from it start with
their stable code, as `fondo verify --bundle` reports it (B134, ...).

It does not re-evaluate grant decisions (`fondo verify --bundle` does).
Each problem is printed as `FILE line N: message`, then a summary,
`journal ends with: <hash>` (the last hash of journal.csv, each checked
against its content) and `fingerprint: <hash>` (as BUNDLE.csv states it).
Exit codes: 0 no problem, 1 problems, 2 DIR is not a readable bundle. The
journal files are streamed: memory does not grow with the journal.
"""

import csv
import datetime
import decimal
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

FORMAT = "fondo-audit-v3"
FORMAT_V2 = "fondo-audit-v2"  # v3 without transfers.csv
TRANSFERS = "transfers.csv"
VERSION = "fondo-txn-v1"
VERSION_2 = "fondo-txn-v2"
JOURNAL = [
    "txn", "date", "description", "account", "amount", "commodity", "payee",
    "reference", "memo", "pool", "reverses", "prev_hash", "hash", "form",
    "description_salt", "payee_salt", "reference_salt", "memo_salt",
    "account_salt", "pool_salt",
]
COLUMNS = {
    "BUNDLE.csv": ["key", "value"],
    "journal.csv": JOURNAL,
    "reversed.csv": JOURNAL,
    "accounts.csv": ["account", "type", "status", "closed_on", "note"],
    "commodities.csv": ["commodity", "decimals", "name"],
    "balances.csv": ["account", "commodity", "opening", "debits", "credits", "closing"],
    "pools.csv": [
        "pool", "purpose", "guidelines", "commodity", "opening", "contributions",
        "moved_in", "moved_out", "spent", "converted", "other", "closing",
        "committed", "available",
    ],
    "grants.csv": [
        "grant", "applicant", "pool", "commodity", "amount", "purpose", "category",
        "needed_by", "applied_at", "policy_version", "rule", "window_closes", "status",
        "decision", "decided_at", "expires", "consents", "objections", "abstentions",
        "eligible", "explanation", "paid", "paid_in_period", "payment_txns", "spent",
        "returned", "return_txn", "committed", "ended_at", "end_reason",
    ],
    "votes.csv": ["grant", "member", "vote", "at", "reason", "counted"],
    "policies.csv": [
        "pool", "version", "set_at", "up_to", "commodity", "rule", "min_consents",
        "quorum", "threshold", "window_minutes", "reason",
    ],
    "roles.csv": ["member", "role", "from", "until"],
    "contributors.csv": [
        "txn", "date", "contributor", "kind", "pool", "commodity", "amount", "voided_by",
    ],
    "transfers.csv": [
        "txn", "date", "direction", "transfer_id", "counterpart_fund", "amount",
        "commodity", "sent_amount", "sent_commodity", "rate", "pool", "grant", "voided_by",
    ],
    "purchases.csv": [
        "purchase", "status", "group", "currency", "charged", "paid", "owed",
        "settle_txn", "pay_txns",
    ],
    "purchase_items.csv": [
        "purchase", "group", "item", "unit", "ordered", "allocated", "received",
    ],
    "records.csv": ["id", "at", "kind", "grant", "form", "prev_hash", "hash", "payload"],
    "MANIFEST.csv": ["file", "rows", "sha256"],
}
FILES = sorted(list(COLUMNS) + ["README.txt"])
# A signed bundle's files: the fund's keys (allowed_signers format, listed in
# the manifest) and the signature of MANIFEST.csv (not listed: it signs it).
FUND_SIGNERS = "fund_signers"
SIGNATURE = "MANIFEST.csv.sig"
SIGNER = "fund"
NAMESPACE = "fondo-bundle"
# The signed votes' files: every member key records.csv registers
# (allowed_signers format, the member's number as principal), and each
# signed vote's ballot and signature, named after its record's number.
ALLOWED_SIGNERS = "allowed_signers"
BALLOT_FILE = re.compile(r"ballot-([1-9][0-9]*)\.txt(\.sig)?\Z")
BALLOT_NAMESPACE = "fondo-ballot"


def extra_file(name):
    """Whether a bundle may hold the file besides FILES (listed in the
    manifest): the fund's keys, the members' keys and the ballots."""
    return name in (FUND_SIGNERS, ALLOWED_SIGNERS) or BALLOT_FILE.match(name) is not None


# README.txt, in any language: the BUNDLE.csv key of each of these, in
# brackets ("[fingerprint]"), starts the line before the hash it repeats;
# "[audience] public:" starts the audience's paragraph. A README written
# before the markers has, instead, these English starts and "Audience: public:".
STATED = [
    ("fingerprint", "Ledger fingerprint"),
    ("records_head", "Governance records head"),
    ("journal_prev_hash", "journal.csv continues the chain from"),
    ("journal_last_hash", "and ends with"),
]
KEYS = [
    "format", "fund", "fund_id", "audience", "period", "from", "to", "journal_prev_hash",
    "journal_last_hash", "fingerprint", "ledger_transactions", "records_head",
    "records_count", "generator",
]


# The journal files are streamed, the others read whole.
STREAMED = ("journal.csv", "reversed.csv")


class Bundle:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.digests = {}  # file -> SHA-256 of its bytes
        self.rows = {}  # file -> its data rows (lines for README.txt)
        self.tables = {}  # file -> list of (line, dict), for the small files
        self.usable = set()  # files whose header is right and that could be read
        self.places = {}  # commodity -> decimal places, from commodities.csv
        self.extras = {}  # fund_signers, allowed_signers, ballots -> text
        self.contribution_income = set()  # txns dated in the period with an income posting

    def problem(self, file, line, message):
        where = "%s line %d" % (file, line) if line else file
        self.problems.append("%s: %s" % (where, message))

    def records(self, name):
        """Yields (line, dict) for each row of a CSV file, from disk."""
        with open(os.path.join(self.path, name), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            line = reader.line_num
            for fields in reader:
                start, line = line + 1, reader.line_num
                if len(fields) == len(header):
                    yield start, dict(zip(header, map(unguard, fields)))


def unguard(cell):
    """A cell's text as fondo wrote it, without its formula guard: one
    leading ' is removed when the character after it is one of = + - @ '
    TAB CR (docs/audit-format.md, "Formula-safe cells")."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@'\t\r":
        return cell[1:]
    return cell


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def lines(text):
    """The lines of a text as fondo counts them: ended by LF (or by the
    end of a text that does not end with one), whatever else they hold."""
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


def read(bundle):
    for name in FILES:
        path = os.path.join(bundle.path, name)
        if not os.path.lexists(path):
            # Whether transfers.csv must be there depends on the format
            # (check_format).
            if name != TRANSFERS:
                bundle.problem(name, 0, "is missing")
            continue
        # A pipe would block, a device or a link could be read without end
        # or be something else than the bundle: only plain files are read.
        if os.path.islink(path) or not os.path.isfile(path):
            bundle.problem(name, 0, "is not a regular file, so it was not read")
            continue
        bundle.digests[name] = digest(path)
        if name == "README.txt":
            with open(path, "rb") as f:
                bundle.rows[name] = lines(f.read().decode("utf-8", "replace"))
            continue
        keep = name not in STREAMED
        table, rows = [], 0
        try:
            with open(path, encoding="utf-8", newline="") as f:
                reader = csv.reader(f)
                header = next(reader, None)
                line = reader.line_num
                for fields in reader:
                    start, line = line + 1, reader.line_num
                    rows += 1
                    if len(fields) != len(header or []):
                        bundle.problem(name, start, "has %d cells, not %d" % (len(fields), len(header or [])))
                    elif keep:
                        table.append((start, dict(zip(header, map(unguard, fields)))))
        except UnicodeDecodeError:
            bundle.problem(name, 0, "is not UTF-8")
            continue
        except csv.Error as e:
            bundle.problem(name, reader.line_num, "is not valid CSV: %s" % e)
            continue
        bundle.rows[name] = rows
        if header != COLUMNS[name]:
            bundle.problem(name, 1, "has the columns %s, not %s" % (header, COLUMNS[name]))
            continue
        bundle.usable.add(name)
        if keep:
            bundle.tables[name] = table


def read_extras(bundle):
    """The files besides FILES (extra_file): each one's digest, lines and
    text (bundle.extras)."""
    for name in sorted(os.listdir(bundle.path)):
        if not extra_file(name):
            continue
        path = os.path.join(bundle.path, name)
        if os.path.islink(path) or not os.path.isfile(path):
            bundle.problem(name, 0, "is not a regular file, so it was not read")
            continue
        bundle.digests[name] = digest(path)
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        bundle.rows[name] = lines(text)
        bundle.extras[name] = text


def check_manifest(bundle):
    listed = set()
    for line, row in bundle.tables.get("MANIFEST.csv", []):
        name = row["file"]
        if extra_file(name) and name not in listed:
            listed.add(name)
            if name not in bundle.digests:
                bundle.problem(name, 0, "is listed in MANIFEST.csv but missing")
            elif bundle.digests[name] != row["sha256"]:
                bundle.problem(name, 0, "its SHA-256 is %s, MANIFEST.csv says %s" % (bundle.digests[name], row["sha256"]))
            elif str(bundle.rows[name]) != row["rows"]:
                bundle.problem(name, 0, "has %d rows, MANIFEST.csv says %s" % (bundle.rows[name], row["rows"]))
            continue
        if name not in FILES or name == "MANIFEST.csv" or name in listed:
            bundle.problem("MANIFEST.csv", line, "lists %r, which is unknown or listed twice" % name)
            continue
        listed.add(name)
        if name not in bundle.digests:
            continue
        if bundle.digests[name] != row["sha256"]:
            bundle.problem(name, 0, "its SHA-256 is %s, MANIFEST.csv says %s" % (bundle.digests[name], row["sha256"]))
        if name in bundle.rows and str(bundle.rows[name]) != row["rows"]:
            bundle.problem(name, 0, "has %d rows, MANIFEST.csv says %s" % (bundle.rows[name], row["rows"]))
    if "MANIFEST.csv" in bundle.tables:
        for name in FILES:
            if name == TRANSFERS and not os.path.lexists(os.path.join(bundle.path, name)):
                continue
            if name != "MANIFEST.csv" and name not in listed:
                bundle.problem("MANIFEST.csv", 0, "does not list %s" % name)
        for name in sorted(bundle.digests):
            if extra_file(name) and name not in listed:
                bundle.problem("MANIFEST.csv", 0, "does not list %s, which the bundle holds" % name)
    for name in sorted(os.listdir(bundle.path)):
        if name not in FILES and name != SIGNATURE and not extra_file(name):
            bundle.problem(name, 0, "is not part of an audit bundle")


SENT_ACCOUNT, RECEIVED_ACCOUNT = "expenses:transfers", "income:transfers"
FUND_ID = re.compile(r"[0-9a-f]{32}\Z")
TRANSFER_ID = re.compile(r"([0-9a-f]{32})-[1-9][0-9]*\Z")


def negated(text):
    return text[1:] if text.startswith("-") else "-" + text


def transfer_of(rows):
    """The transfers.csv cells (but voided_by) of a transaction of
    journal.csv, or None when it is no transfer of the designed shape
    (docs/audit-format.md, transfers.csv; docs/design/federation.md)."""
    first = rows[0]
    if first["reverses"] or not any(r["account"].lower() in (SENT_ACCOUNT, RECEIVED_ACCOUNT) for r in rows):
        return None
    tid, fund, description = first["reference"], first["payee"], first["description"]
    match = TRANSFER_ID.match(tid)
    if not match or not FUND_ID.match(fund):
        return None
    try:
        values = [decimal.Decimal(r["amount"]) for r in rows]
    except decimal.InvalidOperation:
        return None
    if any(not v.is_finite() for v in values):
        return None

    def leg(r):
        return (r["account"], r["commodity"], r["amount"], r["memo"], r["pool"])

    if rows[0]["account"] == SENT_ACCOUNT:
        charged = rows[0]
        if len(rows) != 2 or values[0] <= 0:
            return None
        origin = rows[1]
        if leg(origin) != (origin["account"], charged["commodity"], negated(charged["amount"]), "", ""):
            return None
        if description != "transfer %s to fund %s" % (tid, fund):
            return None
        return [first["txn"], first["date"], "sent", tid, fund, charged["amount"], charged["commodity"],
                "", "", "", charged["pool"], "", ""]
    if match.group(1) != fund:
        return None
    if len(rows) == 2:
        arrived, income = rows
        sent = None
    elif len(rows) == 4:
        income, arrived = rows[0], rows[3]
        sent = (negated(income["amount"]), income["commodity"])
    else:
        return None
    if income["account"] != RECEIVED_ACCOUNT:
        return None
    memo = income["memo"]
    if memo and not memo.startswith("grant "):
        return None
    grant = memo[len("grant "):] if memo else ""
    amount, code, pool = arrived["amount"], arrived["commodity"], income["pool"]
    if decimal.Decimal(amount) <= 0:
        return None
    into = (arrived["account"], code, amount, "", "")
    if sent is None:
        expected = [into, (RECEIVED_ACCOUNT, code, negated(amount), memo, pool)]
    else:
        if decimal.Decimal(sent[0]) <= 0 or sent[1] == code:
            return None
        expected = [
            (RECEIVED_ACCOUNT, sent[1], negated(sent[0]), memo, pool),
            ("equity:conversions:" + sent[1], sent[1], sent[0], "", pool),
            ("equity:conversions:" + code, code, negated(amount), "", pool),
            into,
        ]
    if [leg(r) for r in rows] != expected:
        return None
    base = "transfer %s from fund %s" % (tid, fund)
    if sent is None:
        if description != base:
            return None
        sent, rate = (amount, code), ""
    else:
        if not description.startswith(base + " at "):
            return None
        with decimal.localcontext() as context:
            context.prec = 28
            rate = format((decimal.Decimal(amount) / decimal.Decimal(sent[0])).normalize(), "f")
    return [first["txn"], first["date"], "received", tid, fund, amount, code,
            sent[0], sent[1], rate, pool, grant, ""]


def check_transfers(bundle, facts):
    """transfers.csv: exactly the rows re-derived from journal.csv (B140);
    a v2 bundle has none."""
    present = os.path.lexists(os.path.join(bundle.path, TRANSFERS))
    if facts["format"] == FORMAT_V2:
        if present:
            bundle.problem(TRANSFERS, 0, "is not part of a %s bundle" % FORMAT_V2)
        return
    if not present:
        bundle.problem(TRANSFERS, 0, "is missing")
        return
    if TRANSFERS not in bundle.usable or "journal.csv" not in bundle.usable:
        return
    start, end = facts["from"], facts["to"]
    derived, voids = [], {}
    for _, rows in groups(bundle.records("journal.csv")):
        first = rows[0]
        if not start <= first["date"] <= end:
            continue
        if first["reverses"]:
            voids[first["reverses"]] = first["txn"]
        row = transfer_of(rows)
        if row is not None:
            derived.append(row)
    for row in derived:
        row[12] = voids.get(row[0], "")
    columns = COLUMNS[TRANSFERS]
    stated = bundle.tables.get(TRANSFERS, [])
    for i, (line, cells) in enumerate(stated):
        row = [cells[c] for c in columns]
        if i >= len(derived):
            bundle.problem(TRANSFERS, line, "B140 states txn %s, which journal.csv does not hold as a transfer of the period" % row[0])
        elif row != derived[i]:
            bundle.problem(TRANSFERS, line, "B140 states %s, but journal.csv gives %s" % (",".join(row), ",".join(derived[i])))
    for row in derived[len(stated):]:
        bundle.problem(TRANSFERS, 0, "B140 lacks txn %s, a transfer of the period: %s" % (row[0], ",".join(row)))


def ssh_verify(bundle, signers_file):
    """Runs ssh-keygen -Y verify on MANIFEST.csv.sig with the allowed
    signers of signers_file: None when ssh-keygen is missing, else
    (ok, what it printed)."""
    command = ["ssh-keygen", "-Y", "verify", "-f", signers_file, "-I", SIGNER,
               "-n", NAMESPACE, "-s", os.path.join(bundle.path, SIGNATURE)]
    try:
        with open(os.path.join(bundle.path, "MANIFEST.csv"), "rb") as manifest:
            done = subprocess.run(command, stdin=manifest, capture_output=True)
    except FileNotFoundError as e:
        if e.filename == "ssh-keygen" or "ssh-keygen" in str(e):
            return None
        return False, str(e)
    said = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
    return done.returncode == 0, said


def check_signature(bundle, signer_key):
    """MANIFEST.csv.sig, checked with OpenSSH's ssh-keygen."""
    signed = os.path.lexists(os.path.join(bundle.path, SIGNATURE))
    stated = os.path.join(bundle.path, FUND_SIGNERS)
    if not signed:
        if signer_key:
            bundle.problem(SIGNATURE, 0, "is missing: the bundle is not signed, and --signer-key requires it")
        elif os.path.lexists(stated):
            bundle.problem(SIGNATURE, 0, "is missing, though %s states the fund's keys: the signature was removed" % FUND_SIGNERS)
        return None
    if not os.path.lexists(stated):
        bundle.problem(SIGNATURE, 0, "cannot be checked: %s, the fund's keys, is missing" % FUND_SIGNERS)
        return None
    result = ssh_verify(bundle, stated)
    if result is None:
        message = "not checked: ssh-keygen (OpenSSH) is not installed; on Debian or Ubuntu: apt install openssh-client"
        if signer_key:
            bundle.problem(SIGNATURE, 0, message)
        else:
            print("note: %s %s" % (SIGNATURE, message), file=sys.stderr)
        return None
    ok, said = result
    if not ok:
        bundle.problem(SIGNATURE, 0, "is not a good signature of MANIFEST.csv by a key %s states (ssh-keygen: %s)" % (FUND_SIGNERS, said))
        return None
    if not signer_key:
        return "signed by a key the bundle states as the fund's (ssh-keygen: %s); give the fund's own key with --signer-key" % said
    with open(signer_key, encoding="utf-8") as f:
        words = f.read().split()
    if len(words) < 2 or words[0] != "ssh-ed25519":
        bundle.problem(SIGNATURE, 0, "%s is not an ssh-ed25519 public key" % signer_key)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        own = os.path.join(tmp, "allowed_signers")
        with open(own, "w", encoding="utf-8") as f:
            f.write('%s namespaces="%s" %s %s\n' % (SIGNER, NAMESPACE, words[0], words[1]))
        ok, said = ssh_verify(bundle, own)
    if not ok:
        bundle.problem(SIGNATURE, 0, "was not made by the key of %s (ssh-keygen: %s)" % (signer_key, said))
        return None
    return "signed by the fund's key of %s, the one required (ssh-keygen: %s)" % (signer_key, said)


def check_readme(bundle, facts):
    """README.txt repeats BUNDLE.csv's hashes, each on the line after the
    line its marker starts (or, before the markers, its English start), and
    its audience."""
    path = os.path.join(bundle.path, "README.txt")
    if "README.txt" not in bundle.digests:
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read().split("\n")
    def first(start):
        return next((i for i, l in enumerate(text) if l.startswith(start)), None)
    for key, before_markers in STATED:
        start = "[%s]" % key
        at = first(start)
        if at is None:
            at = first(before_markers)
        said = text[at + 1].strip() if at is not None and at + 1 < len(text) else None
        if said != facts[key]:
            bundle.problem("README.txt", 0, "does not state the %s of BUNDLE.csv on the line after %r" % (key, start))
    starts = ("[audience] %s:" % facts["audience"], "Audience: %s:" % facts["audience"])
    if not any(l.startswith(starts) for l in text):
        bundle.problem("README.txt", 0, "does not say the bundle is for the %s audience, as BUNDLE.csv does" % facts["audience"])


def places_of(bundle):
    places = {}
    for line, row in bundle.tables.get("commodities.csv", []):
        if re.fullmatch("[0-9]", row["decimals"]):
            places[row["commodity"]] = int(row["decimals"])
        else:
            bundle.problem("commodities.csv", line, "decimals %r is not 0 to 9" % row["decimals"])
    return places


SEALED = ("description", "payee", "reference", "memo", "account", "pool")


def check_seals(bundle, file, line, rows):
    """Each text field's salt column: nothing in a v1 row or for an empty
    text; else 32 hex digits (the salt) or 64 (a redacted text's
    commitment)."""
    for r in rows:
        for field in SEALED:
            text, seal = r[field], r[field + "_salt"]
            if r["form"] == VERSION:
                fine = seal == ""
            elif r["form"] == VERSION_2:
                fine = seal == "" if text == "" else (len(seal) in (32, 64) and HEX.fullmatch(seal) is not None)
            else:
                continue
            if not fine:
                bundle.problem(file, line, "txn %s: %s_salt %r is not what a %s row states for its %s"
                               % (r["txn"], field, seal, r["form"], field))


def amount(bundle, places, file, line, text, commodity):
    """The amount in minor units, or None (with a problem) when it is not
    written canonically: an optional -, the integer part without leading
    zeros (at most 38 digits: fondo's amounts are far smaller, and a longer
    run of digits is not an amount), and exactly the commodity's decimal
    places."""
    decimals = places.get(commodity)
    if decimals is None:
        bundle.problem(file, line, "commodity %r is not in commodities.csv" % commodity)
        return None
    shape = r"-?(0|[1-9][0-9]{0,37})" + (r"\.[0-9]{%d}" % decimals if decimals else "")
    if not re.fullmatch(shape, text) or (text.startswith("-") and int(text.replace(".", "")) == 0):
        bundle.problem(file, line, "amount %r is not written with the %d places of %s" % (text, decimals, commodity))
        return None
    return int(text.replace(".", ""))


def groups(records):
    """Consecutive rows with the same txn, one transaction at a time:
    yields (line, [rows])."""
    line, rows = 0, []
    for start, row in records:
        if rows and rows[0]["txn"] == row["txn"]:
            rows.append(row)
        else:
            if rows:
                yield line, rows
            line, rows = start, [row]
    if rows:
        yield line, rows


def commit(text, seal):
    """A v2 text field's commitment: the stated one (64 hex digits, a
    redacted text), else SHA-256 of "fondo-text-v2" 0x00 salt 0x00 text;
    an empty text stays empty."""
    if len(seal) == 64:
        return seal
    if text == "":
        return ""
    data = b"fondo-text-v2\x00" + seal.encode("utf-8") + b"\x00" + text.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def canonical(prev, first, rows, reverses_hash, pre_pool=False):
    """The hashed text (docs/hash-chain.md); pre_pool: the form of books
    written before pools existed, whose postings have no pool element. A
    fondo-txn-v2 row hashes salted commitments of its text fields."""
    if first["form"] == VERSION_2:
        postings = [
            [commit(r["account"], r["account_salt"]), r["commodity"], r["amount"],
             commit(r["memo"], r["memo_salt"]), commit(r["pool"], r["pool_salt"])]
            for r in rows
        ]
        value = [
            VERSION_2, prev, first["date"], commit(first["description"], first["description_salt"]),
            commit(first["payee"], first["payee_salt"]),
            commit(first["reference"], first["reference_salt"]), reverses_hash, postings,
        ]
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if pre_pool:
        postings = [[r["account"], r["commodity"], r["amount"], r["memo"]] for r in rows]
    else:
        postings = [[r["account"], r["commodity"], r["amount"], r["memo"], r["pool"]] for r in rows]
    value = [
        VERSION, prev, first["date"], first["description"], first["payee"],
        first["reference"], reverses_hash, postings,
    ]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_matches(prev, first, rows, reverses_hash):
    """True when the hash column is the content's hash, in the current form
    or (for a transaction without pools) the pre-pool form."""
    if sha256_hex(canonical(prev, first, rows, reverses_hash)) == first["hash"]:
        return True
    if first["form"] == VERSION_2 or any(r["pool"] for r in rows):
        return False
    return sha256_hex(canonical(prev, first, rows, reverses_hash, True)) == first["hash"]


def check_ledger(bundle, facts):
    places = bundle.places = places_of(bundle)
    start, end = facts["from"], facts["to"]

    def stream(name):
        return bundle.records(name) if name in bundle.usable else iter(())

    originals = {}
    for line, rows in groups(stream("reversed.csv")):
        first = rows[0]
        check_seals(bundle, "reversed.csv", line, rows)
        if not hash_matches(first["prev_hash"], first, rows, ""):
            bundle.problem("reversed.csv", line, "txn %s: its content does not match its hash" % first["txn"])
        originals[first["txn"]] = first["hash"]
    # Only the hashes of transactions a later void reverses are kept.
    reversed_ids = {row["reverses"] for _, row in stream("journal.csv") if row["reverses"]}
    prev = facts["journal_prev_hash"]
    hashes = {}
    moves = {}
    v2_seen = False
    for line, rows in groups(stream("journal.csv")):
        first = rows[0]
        txn = first["txn"]
        if first["form"] not in (VERSION, VERSION_2):
            bundle.problem("journal.csv", line, "txn %s: unknown form %r" % (txn, first["form"]))
        if first["form"] == VERSION_2:
            v2_seen = True
        elif v2_seen:
            bundle.problem("journal.csv", line, "txn %s: in the v1 form after a transaction in the v2 form" % txn)
        check_seals(bundle, "journal.csv", line, rows)
        if first["prev_hash"] != prev:
            bundle.problem("journal.csv", line, "txn %s: prev_hash is not the hash before it" % txn)
        reverses = first["reverses"]
        reverses_hash = hashes.get(reverses, originals.get(reverses)) if reverses else ""
        if reverses_hash is None:
            bundle.problem("journal.csv", line, "txn %s voids txn %s, found in neither file" % (txn, reverses))
        elif not hash_matches(first["prev_hash"], first, rows, reverses_hash):
            bundle.problem("journal.csv", line, "txn %s: its content does not match its hash" % txn)
        prev = first["hash"]
        if txn in reversed_ids:
            hashes[txn] = first["hash"]
        sums = {}
        for r in rows:
            minor = amount(bundle, places, "journal.csv", line, r["amount"], r["commodity"])
            if minor is None:
                continue
            sums[r["commodity"]] = sums.get(r["commodity"], 0) + minor
            if start <= r["date"] <= end:
                if r["account"].split(":")[0].lower() == "income":
                    bundle.contribution_income.add(txn)
                debit, credit = moves.get((r["account"], r["commodity"]), (0, 0))
                if minor > 0:
                    debit += minor
                else:
                    credit -= minor
                moves[(r["account"], r["commodity"])] = (debit, credit)
        for commodity, total in sorted(sums.items()):
            if total != 0:
                bundle.problem("journal.csv", line, "txn %s does not add up to zero in %s" % (txn, commodity))
    if prev != facts["journal_last_hash"]:
        bundle.problem("journal.csv", 0, "ends with %s, BUNDLE.csv says %s" % (prev, facts["journal_last_hash"]))

    totals = {}
    net = {}
    stated = {}
    for line, row in bundle.tables.get("balances.csv", []):
        values = [amount(bundle, places, "balances.csv", line, row[c], row["commodity"])
                  for c in ("opening", "debits", "credits", "closing")]
        if None in values:
            continue
        opening, debits, credits, closing = values
        if opening + debits - credits != closing:
            bundle.problem("balances.csv", line, "opening + debits - credits is not closing")
        total = totals.setdefault(row["commodity"], [0, 0])
        total[0] += opening
        total[1] += closing
        if row["account"].split(":")[0].lower() in ("assets", "liabilities"):
            n = net.setdefault(row["commodity"], [0, 0])
            n[0] += opening
            n[1] += closing
        stated[(row["account"], row["commodity"])] = (debits, credits)
    for commodity, (opening, closing) in sorted(totals.items()):
        if opening or closing:
            bundle.problem("balances.csv", 0, "the accounts do not add up to zero in %s" % commodity)
    for key in sorted(set(stated) | set(moves)):
        if stated.get(key, (0, 0)) != moves.get(key, (0, 0)):
            bundle.problem("balances.csv", 0, "%s %s: debits and credits are not the journal's" % key)

    pools = {}
    for line, row in bundle.tables.get("pools.csv", []):
        if not row["commodity"]:
            continue
        opening = amount(bundle, places, "pools.csv", line, row["opening"], row["commodity"])
        closing = amount(bundle, places, "pools.csv", line, row["closing"], row["commodity"])
        if opening is None or closing is None:
            continue
        p = pools.setdefault(row["commodity"], [0, 0])
        p[0] += opening
        p[1] += closing
    for commodity in sorted(set(pools) | set(net)):
        if pools.get(commodity, [0, 0]) != net.get(commodity, [0, 0]):
            bundle.problem("pools.csv", 0, "in %s the pools do not hold the net assets" % commodity)
    return prev


RECORD_V1, RECORD_V2 = "fondo-record-v1", "fondo-record-v2"
# The free-text fields of each kind (TEXT_FIELDS in src/domain/records.rs,
# the table in docs/hash-chain.md).
TEXT_FIELDS = {
    "policy": ["reason"], "relation": ["reason"], "application": ["purpose", "category"],
    "vote": ["reason", "ballot"], "decision": ["explanation"],
    "spend": ["category", "receipt", "note"], "closure": ["reason"], "withdrawal": ["reason"],
    "budget": ["category"], "member": ["name"], "pool": ["name", "purpose", "guidelines"],
    "rate": ["source"], "setting": ["value"], "purchase": ["name", "supplier"],
    "purchase-item": ["name", "unit"], "purchase-cost": ["reason"],
    "purchase-settle": ["rounding_account"], "period-close": ["reason"],
    "period-reopen": ["reason"], "member-edit": ["name", "contact", "note"],
    "pool-edit": ["purpose", "guidelines"], "account-note": ["account", "note"],
    "pledge-end": ["reason"], "vote-withdrawal": ["reason"],
    "reconciliation": ["account", "statement"], "reconciliation-reopen": ["account", "reason"],
    "member-key-revoke": ["reason"], "fund-settings": ["name"],
    "account": ["name", "note"], "import": ["source"],
}
HEX = re.compile("[0-9a-f]*")


def hashed_payload(kind, v2, payload):
    """The payload as its form hashes it, and the payload with each text
    field as shown (None when redacted); raises ValueError when a v2 text
    field is not shown as {"text", "salt"} or {"redacted"}."""
    hashed, plain = dict(payload), dict(payload)
    if not v2:
        return hashed, plain
    for field in TEXT_FIELDS.get(kind, []):
        value = payload.get(field)
        if isinstance(value, str):
            raise ValueError("its %s is a bare text" % field)
        if not isinstance(value, dict):
            continue
        if set(value) == {"text", "salt"} and isinstance(value["text"], str) \
                and isinstance(value["salt"], str) and len(value["salt"]) == 32 and HEX.fullmatch(value["salt"]):
            hashed[field] = commit(value["text"], value["salt"])
            plain[field] = value["text"]
        elif set(value) - {"shown"} == {"redacted"} and isinstance(value["redacted"], str) \
                and len(value["redacted"]) == 64 and HEX.fullmatch(value["redacted"]):
            hashed[field] = value["redacted"]
            plain[field] = None
        else:
            raise ValueError("its %s is neither {text, salt} nor {redacted}" % field)
    return hashed, plain


def check_records(bundle, facts):
    """records.csv: every hash and link, from the genesis hash to the stated
    head. Returns the records whose hash recomputed, as (line, row, plain
    payload), the labels the bundle shows for members and for pools whose
    name it redacts, and whether any record was withheld or failed."""
    prev, v2_seen, entries, labels, pool_labels, gaps = "0" * 64, False, [], {}, {}, 0
    rows = bundle.tables.get("records.csv", [])
    for number, (line, row) in enumerate(rows, 1):
        if row["id"] != str(number):
            bundle.problem("records.csv", line, "B106 id %r is not %d, the number after the record before it" % (row["id"], number))
        v2 = row["form"] == RECORD_V2
        if row["form"] not in (RECORD_V1, RECORD_V2):
            bundle.problem("records.csv", line, "B106 record %s: unknown form %r" % (row["id"], row["form"]))
        if v2:
            v2_seen = True
        elif v2_seen:
            bundle.problem("records.csv", line, "B136 record %s is in the v1 form after a v2 record" % row["id"])
        if row["prev_hash"] != prev:
            bundle.problem("records.csv", line, "B135 record %s: prev_hash is not the hash before it" % row["id"])
        prev = row["hash"]
        if row["payload"] == "withheld" and not v2:
            gaps += 1
            continue
        try:
            payload = json.loads(row["payload"])
            if not isinstance(payload, dict):
                raise ValueError("its payload is not a JSON object")
            if json.dumps(payload, ensure_ascii=False, separators=(",", ":")) != row["payload"]:
                raise ValueError("its payload is not written as compact JSON, as fondo writes it")
            hashed, plain = hashed_payload(row["kind"], v2, payload)
            grant = int(row["grant"]) if row["grant"] else None
        except (ValueError, RecursionError) as e:
            bundle.problem("records.csv", line, "B106 record %s: %s" % (row["id"], e))
            gaps += 1
            continue
        tag = RECORD_V2 if v2 else RECORD_V1
        text = json.dumps([tag, row["prev_hash"], row["kind"], grant, row["at"], hashed],
                          ensure_ascii=False, separators=(",", ":"))
        if sha256_hex(text) != row["hash"]:
            bundle.problem("records.csv", line, "B134 record %s: its content does not match its hash" % row["id"])
            gaps += 1
            continue
        if row["kind"] in ("member", "member-edit") and isinstance(plain.get("id"), int):
            name = payload.get("name")
            if isinstance(name, dict):
                label = name.get("text", name.get("shown"))
            else:
                label = name
            if isinstance(label, str):
                labels[plain["id"]] = label
        if row["kind"] == "pool" and isinstance(plain.get("id"), int):
            name = payload.get("name")
            if isinstance(name, dict) and "redacted" in name and isinstance(name.get("shown"), str):
                pool_labels[plain["id"]] = name["shown"]
        entries.append((line, row, plain))
    if prev != facts["records_head"] or str(len(rows)) != facts["records_count"]:
        bundle.problem("records.csv", 0, "B135 ends with %s after %d records, BUNDLE.csv says %s after %s"
                       % (prev, len(rows), facts["records_head"], facts["records_count"]))
    return entries, labels, pool_labels, gaps


def money(minor, decimals):
    """Minor units written with exactly `decimals` places."""
    sign, minor = ("-" if minor < 0 else ""), abs(minor)
    if decimals == 0:
        return sign + str(minor)
    return "%s%d.%0*d" % (sign, minor // 10 ** decimals, decimals, minor % 10 ** decimals)


UNKNOWN = object()  # a cell shown only as a commitment: any stated cell matches


def compare(bundle, file, stated, derived):
    """B137 for each stated row (line, cells) the records do not give, and
    each row they give that is not stated (multisets)."""
    derived = list(derived)
    for line, row in stated:
        for i, d in enumerate(derived):
            if len(d) == len(row) and all(c is UNKNOWN or c == r for c, r in zip(d, row)):
                del derived[i]
                break
        else:
            bundle.problem(file, line, "B137 is not a row that records.csv gives: %s" % ",".join(row))
    for d in derived:
        bundle.problem(file, 0, "B137 lacks a row that records.csv gives: %s"
                       % ",".join("?" if c is UNKNOWN else c for c in d))


def shown(text):
    return UNKNOWN if text is None else text


def check_derived(bundle, facts, entries, labels, pool_labels, places):
    """roles.csv, policies.csv, the grants of grants.csv, the votes of
    votes.csv and who contributors.csv names, from records.csv; voters."""
    start, end = facts["from"], facts["to"]
    label = lambda m: labels.get(m, "#%s" % m)
    pools = {1: "general"}
    terms, policies, grants, givers, applicants = {}, [], {}, {}, {}

    def steward(member, day):
        return any(m == member and role == "steward" and a <= day and (not b or day <= b)
                   for m, role, a, b in terms.values())

    for line, row, p in entries:
        kind = row["kind"]
        if kind == "application":
            applicants[row["grant"]] = p.get("applicant")
        elif kind == "vote":
            # Votes count as cast: judged by the terms recorded before them.
            gid = "G-%04d" % int(row["grant"] or 0)
            if p.get("member") == applicants.get(row["grant"]):
                bundle.problem("records.csv", line, "B138 %s voted on %s, their own application" % (label(p["member"]), gid))
            if not steward(p.get("member"), row["at"][:10]):
                bundle.problem("records.csv", line, "B138 %s voted on %s on %s without being a steward in term that day"
                               % (label(p.get("member")), gid, row["at"][:10]))
        if kind == "pool" and p.get("id") in pool_labels:
            pools[p["id"]] = pool_labels[p["id"]]
        elif kind == "pool" and isinstance(p.get("name"), str):
            pools[p["id"]] = p["name"]
        elif kind == "role-term":
            terms[p["id"]] = [p["member"], p["role"], p["starts_on"], p["ends_on"] or ""]
        elif kind == "role-end" and p.get("id") in terms:
            terms[p["id"]][3] = p["ends_on"] or ""
        elif kind == "policy":
            policies.append((row["at"], p))
        elif kind == "contribution":
            givers[str(p["txn"])] = "anonymous" if p["member"] is None else label(p["member"])
        if row["grant"]:
            grants.setdefault(int(row["grant"]), []).append((line, row, p))

    def table(name, keep=lambda r: True):
        return [(line, [r[c] for c in COLUMNS[name]]) for line, r in bundle.tables.get(name, []) if keep(r)]

    if "roles.csv" in bundle.usable:
        compare(bundle, "roles.csv", table("roles.csv"),
                [[label(m), role, a, b] for m, role, a, b in terms.values() if a <= end])

    if "policies.csv" in bundle.usable:
        rows = []
        for at, p in policies:
            if at[:10] > end:
                continue
            for tier in p["tiers"]:
                majority = tier["rule"] == "majority"
                up_to = "" if tier["up_to"] is None else money(tier["up_to"], places.get(tier["commodity"], 0))
                rows.append([
                    pools.get(p["pool"], UNKNOWN), str(p["version"]), at, up_to, tier["commodity"] or "",
                    tier["rule"], "" if majority else str(tier["min_consents"]),
                    str(tier["quorum"]) if majority else "", tier["threshold"] if majority else "",
                    str(tier["window_minutes"]), "" if p["reason"] is None else shown(p["reason"]),
                ])
        compare(bundle, "policies.csv", table("policies.csv"), rows)

    stated = {r["grant"]: r for _, r in bundle.tables.get("grants.csv", [])}
    grant_rows, vote_rows = [], []
    for number, records in sorted(grants.items()):
        gid = "G-%04d" % number
        app = next((p for _, row, p in records if row["kind"] == "application"), None)
        if app is None:
            bundle.problem("records.csv", records[0][0], "B137 %s has no application" % gid)
            continue
        applied = next(row["at"] for _, row, p in records if row["kind"] == "application")
        decided = ended = None
        approved, paid, spent, returned, votes = False, 0, 0, 0, []
        status = "open"
        for line, row, p in records:
            kind, at = row["kind"], row["at"]
            if kind == "vote":
                votes.append([gid, label(p["member"]), p["vote"], at, "" if p["reason"] is None else shown(p["reason"])])
            elif kind == "vote-withdrawal":
                votes.append([gid, label(p["member"]), "withdrawn", at, "" if p["reason"] is None else shown(p["reason"])])
            elif kind == "decision":
                approved, decided, status = p["approved"], at, ("approved" if p["approved"] else "rejected")
            elif kind == "payment" and p["date"] <= end:
                paid += p["amount"]
            elif kind == "spend" and p["date"] <= end:
                spent += p["amount"]
            elif kind == "closure":
                ended, status, returned = at, "closed", p["returned"]
            elif kind == "withdrawal":
                ended, status = at, "withdrawn"
        # As the grant stood at the end of the period (docs/audit-format.md).
        if applied[:10] > end:
            continue
        dec = decided if decided and decided[:10] <= end else None
        end_at = ended if ended and ended[:10] <= end else None
        if (end_at and end_at[:10] < start) or (not approved and dec and dec[:10] < start):
            continue
        if not end_at:
            status = ("approved" if approved else "rejected") if dec else "open"
        decimals = places.get(stated.get(gid, {}).get("commodity"))
        fmt = (lambda m: money(m, decimals)) if decimals is not None else (lambda m: UNKNOWN)
        grant_rows.append([
            gid, label(app["applicant"]), pools.get(app["pool"], UNKNOWN), fmt(app["amount"]),
            shown(app["purpose"]), applied, str(app["policy_version"]), status,
            ("approved" if approved else "rejected") if dec else "", dec or "",
            fmt(paid), fmt(spent), fmt(returned if status == "closed" else 0), end_at or "",
        ])
        vote_rows.extend(v for v in votes if v[3][:10] <= end)
    columns = ["grant", "applicant", "pool", "amount", "purpose", "applied_at", "policy_version",
               "status", "decision", "decided_at", "paid", "spent", "returned", "ended_at"]
    if "grants.csv" in bundle.usable:
        compare(bundle, "grants.csv",
                [(line, [r[c] for c in columns]) for line, r in bundle.tables.get("grants.csv", [])], grant_rows)
    if "votes.csv" in bundle.usable:
        compare(bundle, "votes.csv",
                [(line, [r[c] for c in ["grant", "member", "vote", "at", "reason"]])
                 for line, r in bundle.tables.get("votes.csv", []) if r["vote"] != "recused"], vote_rows)
    if "contributors.csv" in bundle.usable:
        listed = set()
        for line, r in bundle.tables.get("contributors.csv", []):
            listed.add(r["txn"])
            giver = givers.get(r["txn"])
            if giver is None:
                bundle.problem("contributors.csv", line, "B137 txn %s has no contribution record" % r["txn"])
            elif giver != r["contributor"]:
                bundle.problem("contributors.csv", line, "B137 txn %s came from %s by its contribution record, not %s"
                               % (r["txn"], giver, r["contributor"]))
        for txn in sorted(set(givers) - listed, key=int):
            if txn in bundle.contribution_income:
                bundle.problem("contributors.csv", 0, "B137 lacks txn %s, a contribution from %s dated in the period"
                               % (txn, givers[txn]))


def signer_stamp(at):
    """A record's time YYYY-MM-DDTHH:MM:SS as allowed_signers writes it."""
    return at.replace("-", "").replace("T", "").replace(":", "")


def allowed_signers(entries):
    """The allowed_signers lines the member-key records give: the member's
    number, valid from the key's registration to the second before its
    revocation."""
    keys = []  # [member, key, fingerprint, added, revoked]
    for _, row, plain in entries:
        if row["kind"] == "member-key":
            if not any(k[2] == plain.get("fingerprint") for k in keys):
                keys.append([plain.get("member"), plain.get("key"), plain.get("fingerprint"), row["at"], None])
        elif row["kind"] == "member-key-revoke":
            for k in keys:
                if k[2] == plain.get("fingerprint") and k[0] == plain.get("member") \
                        and k[4] is None and k[3] <= row["at"]:
                    k[4] = row["at"]
                    break
    out = []
    for member, key, _, added, revoked in keys:
        options = 'namespaces="%s",valid-after="%s"' % (BALLOT_NAMESPACE, signer_stamp(added))
        if revoked is not None:
            last = datetime.datetime.strptime(revoked, "%Y-%m-%dT%H:%M:%S") - datetime.timedelta(seconds=1)
            options += ',valid-before="%s"' % last.strftime("%Y%m%d%H%M%S")
        out.append("%s %s %s\n" % (member, options, key))
    return "".join(out)


def check_ballots(bundle, entries):
    """allowed_signers and the ballot files are the copies of records.csv
    they must be (B139); with ssh-keygen, each ballot's signature is checked
    against allowed_signers at the ballot's time."""
    expected = allowed_signers(entries)
    stated = bundle.extras.get(ALLOWED_SIGNERS)
    if stated is None and expected:
        bundle.problem(ALLOWED_SIGNERS, 0, "B139 is missing, though records.csv registers members' keys")
    elif stated is not None and stated != expected:
        bundle.problem(ALLOWED_SIGNERS, 0, "B139 is not the keys records.csv registers")
    wanted = {}
    for _, row, plain in entries:
        ballot, signature = plain.get("ballot"), plain.get("signature")
        if row["kind"] == "vote" and isinstance(ballot, str) and isinstance(signature, str):
            wanted["ballot-%s.txt" % row["id"]] = ballot
            wanted["ballot-%s.txt.sig" % row["id"]] = signature
    for name, text in sorted(wanted.items()):
        if name not in bundle.extras:
            bundle.problem(name, 0, "B139 is missing: its record in records.csv is a signed vote the bundle shows")
        elif bundle.extras[name] != text:
            bundle.problem(name, 0, "B139 differs from the ballot of its record in records.csv")
    for name in sorted(bundle.extras):
        if BALLOT_FILE.match(name) and name not in wanted:
            bundle.problem(name, 0, "B139 is the ballot of no signed vote that records.csv shows")
    if stated is None or stated != expected:
        return
    for name, text in sorted(wanted.items()):
        if name.endswith(".sig") or name not in bundle.extras or bundle.extras[name] != text:
            continue
        fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
        command = ["ssh-keygen", "-Y", "verify", "-f", os.path.join(bundle.path, ALLOWED_SIGNERS),
                   "-I", fields.get("voter", ""), "-n", BALLOT_NAMESPACE,
                   "-Overify-time=%s" % signer_stamp(fields.get("time", "")),
                   "-s", os.path.join(bundle.path, name + ".sig")]
        try:
            with open(os.path.join(bundle.path, name), "rb") as ballot:
                done = subprocess.run(command, stdin=ballot, capture_output=True)
        except FileNotFoundError:
            print("note: the ballots' signatures were not checked with ssh-keygen: it is not installed", file=sys.stderr)
            return
        if done.returncode != 0:
            said = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
            bundle.problem(name, 0, "B139 its signature is not a good one by the voter's key in force at its time (ssh-keygen: %s)" % said)


def main(argv):
    signer_key = None
    if len(argv) == 3 and argv[0] == "--signer-key":
        signer_key, argv = argv[1], argv[2:]
    if len(argv) != 1:
        print("usage: verify_bundle.py [--signer-key FILE.pub] DIR", file=sys.stderr)
        return 2
    path = argv[0]
    if signer_key and not os.path.isfile(signer_key):
        print("verify_bundle: cannot read the signer key %s" % signer_key, file=sys.stderr)
        return 2
    # Names and cells are printed as they are; what cannot be written
    # (a file name that is not UTF-8) is escaped rather than fatal.
    sys.stdout.reconfigure(errors="backslashreplace")
    # A cell may be as long as a description: fondo stores 10 MB ones.
    csv.field_size_limit(1 << 30)
    if not os.path.isdir(path) or not (
        os.path.lexists(os.path.join(path, "BUNDLE.csv")) or os.path.lexists(os.path.join(path, "MANIFEST.csv"))
    ):
        print("verify_bundle: %s is not a fondo audit bundle" % path, file=sys.stderr)
        return 2
    bundle = Bundle(path)
    read(bundle)
    read_extras(bundle)
    check_manifest(bundle)
    signature = check_signature(bundle, signer_key)
    facts = {row["key"]: row["value"] for _, row in bundle.tables.get("BUNDLE.csv", [])}
    head = None
    missing = [key for key in KEYS if key not in facts]
    if missing:
        bundle.problem("BUNDLE.csv", 0, "does not state %s" % ", ".join(missing))
    elif facts["format"] not in (FORMAT, FORMAT_V2):
        bundle.problem("BUNDLE.csv", 0, "is in format %r; this script reads %s and %s" % (facts["format"], FORMAT, FORMAT_V2))
    else:
        check_readme(bundle, facts)
        head = check_ledger(bundle, facts)
        check_transfers(bundle, facts)
        if "records.csv" in bundle.usable:
            entries, labels, pool_labels, gaps = check_records(bundle, facts)
            check_ballots(bundle, entries)
            if not gaps:
                check_derived(bundle, facts, entries, labels, pool_labels, bundle.places)
    for problem in bundle.problems:
        print(problem)
    found = {0: "no problems", 1: "1 problem"}.get(len(bundle.problems), "%d problems" % len(bundle.problems))
    print("checked %s: %s" % (path, found))
    if head is not None:
        print("journal ends with: %s" % head)
        print("fingerprint: %s" % facts["fingerprint"])
    if signature:
        print(signature)
    return 1 if bundle.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
