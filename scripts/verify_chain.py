#!/usr/bin/env python3
"""Recompute fondo's hash chain from a `fondo journal export` CSV.

Usage: python3 scripts/verify_chain.py [--allow-gaps] [FILE]

FILE is a journal CSV written by `fondo journal export` (standard input when
it is left out or is `-`). Each transaction's hash is recomputed from its
content and its `prev_hash` column, compared with its `hash` column, and each
`prev_hash` is compared with the hash of the transaction before it. Every
mismatch is printed with its txn and line, then a count, then
`fingerprint: <hex>`: the chain recomputed from the content alone, starting
at the first row's prev_hash. For a whole export that is what `fondo verify`
prints. The canonical form is described in docs/hash-chain.md (with the
pre-pool form of books written before pools existed, which a transaction
without pools may also have been hashed in). A file
without a `pool` column is read as if the column were there and empty: every
posting in the general pool.

--allow-gaps accepts a transaction whose prev_hash is not the hash of the one
before it (a --from/--to export skips transactions posted out of date order)
and continues the chain from that prev_hash.

Exit codes: 0 every hash and link recomputed, 1 a mismatch or a transaction
that cannot be checked, 2 the input is not a readable journal CSV.
Only the Python standard library is used.
"""

import argparse
import csv
import hashlib
import io
import json
import sys

GENESIS = "0" * 64
VERSION = "fondo-txn-v1"
REQUIRED = ["txn", "date", "description", "account", "amount", "commodity"]
HASH_COLUMNS = ["prev_hash", "hash"]
# Columns that belong to the transaction and repeat on each of its rows.
TXN_FIELDS = ["date", "description", "payee", "reference", "reverses", "prev_hash", "hash"]
# Optional columns that belong to each posting.
POSTING_FIELDS = ["memo", "pool"]


def canonical(prev, first, rows, reverses_hash, pre_pool=False):
    """The text that is hashed: a compact JSON array, see docs/hash-chain.md.

    pre_pool: the form of books written before pools existed, whose postings
    have no POOL element (only for transactions without pools)."""
    if pre_pool:
        postings = [[r["account"], r["commodity"], r["amount"], r["memo"]] for r in rows]
    else:
        postings = [[r["account"], r["commodity"], r["amount"], r["memo"], r["pool"]] for r in rows]
    value = [
        VERSION,
        prev,
        first["date"],
        first["description"],
        first["payee"],
        first["reference"],
        reverses_hash,
        postings,
    ]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def recorded_form(prev, first, rows, reverses_hash):
    """True when the hash column was made in the pre-pool form (and only in it)."""
    if any(r["pool"] for r in rows):
        return False
    if sha256_hex(canonical(prev, first, rows, reverses_hash)) == first["hash"]:
        return False
    return sha256_hex(canonical(prev, first, rows, reverses_hash, True)) == first["hash"]


def unguard(cell):
    """A cell's text as fondo wrote it, without its formula guard: one
    leading ' is removed when the character after it is one of = + - @ '
    TAB CR (docs/audit-format.md, "Formula-safe cells")."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@'\t\r":
        return cell[1:]
    return cell


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_groups(reader, header, problems):
    """Yields (txn, [(line, row)]) for each run of rows with the same txn."""
    group, seen = [], set()
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not fields:
            continue
        if len(fields) != len(header):
            problems.append(
                "line %d: expected %d fields like the header, found %d" % (start, len(header), len(fields))
            )
            continue
        row = dict(zip(header, map(unguard, fields)))
        # Optional columns left out are empty (no `pool` column: every
        # posting is in the general pool).
        for name in TXN_FIELDS + POSTING_FIELDS:
            row.setdefault(name, "")
        if group and group[0][1]["txn"] != row["txn"]:
            yield group[0][1]["txn"], group
            group = []
        if not group:
            if row["txn"] in seen:
                problems.append(
                    "line %d: txn %s: appears again, apart from its other rows" % (start, row["txn"])
                )
            seen.add(row["txn"])
        group.append((start, row))
    if group:
        yield group[0][1]["txn"], group


def check(stream, allow_gaps, out):
    """Checks one export; returns (problems, fingerprint, transactions, postings)."""
    reader = csv.reader(stream)
    try:
        return check_rows(reader, allow_gaps, out)
    except csv.Error as e:
        raise ValueError("line %d: %s" % (reader.line_num, e))


def check_rows(reader, allow_gaps, out):
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError("the file is empty; expected a journal CSV header")
    if header[:6] != REQUIRED or any(c not in header for c in HASH_COLUMNS):
        raise ValueError(
            "line 1: not a journal export: the header must start with %s and have %s columns"
            % (",".join(REQUIRED), " and ".join(HASH_COLUMNS))
        )
    problems = []
    hashes = {}  # txn value -> its hash column, for the `reverses` of later voids
    stored_prev = None  # hash column of the previous transaction
    computed = None  # the chain recomputed from content alone
    transactions = postings = 0
    for txn, group in read_groups(reader, header, problems):
        line, first = group[0]
        transactions += 1
        postings += len(group)
        where = "line %d: txn %s" % (line, txn)
        for other_line, row in group[1:]:
            for name in TXN_FIELDS:
                if row[name] != first[name]:
                    problems.append(
                        "line %d: txn %s: column %s differs from line %d of the same transaction"
                        % (other_line, txn, name, line)
                    )
        prev = first["prev_hash"]
        if stored_prev is None:
            computed = prev
            if prev != GENESIS:
                print(
                    "note: the file starts after %s, not at the genesis hash (a --from export);"
                    " the fingerprint is the head of this part only" % prev,
                    file=out,
                )
        elif prev != stored_prev:
            if allow_gaps:
                print("note: %s: starts a new segment after %s" % (where, prev), file=out)
                computed = prev
            else:
                problems.append(
                    "%s: prev_hash %s is not the hash of the transaction before it (%s);"
                    " transactions were removed or reordered (or, in a --from/--to export, one was"
                    " posted out of date order: see --allow-gaps)" % (where, prev[:12], stored_prev[:12])
                )
        stored_prev = first["hash"]
        hashes[txn] = first["hash"]
        reverses = first["reverses"]
        if reverses and reverses not in hashes:
            problems.append(
                "%s: cannot be checked: it voids txn %s, which is not earlier in this file"
                " (check an export without --from)" % (where, reverses)
            )
            computed = first["hash"]
            continue
        reverses_hash = hashes[reverses] if reverses else ""
        rows = [row for _, row in group]
        pre_pool = recorded_form(prev, first, rows, reverses_hash)
        if sha256_hex(canonical(prev, first, rows, reverses_hash, pre_pool)) != first["hash"]:
            problems.append(
                "%s: its content does not match its hash column; it was changed after export" % where
            )
        computed = sha256_hex(canonical(computed, first, rows, reverses_hash, pre_pool))
    return problems, computed or GENESIS, transactions, postings


def main(argv=None):
    parser = argparse.ArgumentParser(description="Recompute fondo's hash chain from a journal export.")
    parser.add_argument("file", nargs="?", default="-", help="journal CSV export (default: standard input)")
    parser.add_argument(
        "--allow-gaps",
        action="store_true",
        help="accept breaks in the chain (a --from/--to export of transactions posted out of date order)",
    )
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
            result = check(stream, args.allow_gaps, sys.stdout)
        else:
            with open(args.file, encoding="utf-8-sig", newline="") as stream:
                result = check(stream, args.allow_gaps, sys.stdout)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as e:
        print("verify_chain: %s" % e, file=sys.stderr)
        return 2
    problems, fingerprint, transactions, postings = result
    for problem in problems:
        print(problem)
    found = {0: "no problems", 1: "1 problem"}.get(len(problems), "%d problems" % len(problems))
    print("checked %d transactions, %d postings: %s" % (transactions, postings, found))
    print("fingerprint: %s" % fingerprint)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
