#!/usr/bin/env python3
"""Convert a fondo journal CSV into an hledger journal, for cross-checking.

    scripts/journal2hledger.py JOURNAL.csv > journal.hledger

Reads the interchange format (header `txn,date,description,account,amount,
commodity` then optional columns; one row per posting; consecutive rows with
the same `txn` form one transaction) with nothing but the standard library,
so that the balances hledger computes from the output owe nothing to fondo's
own parsing. Amounts are copied as written, with an explicit decimal mark.
Payee, reference, memo and voids do not change balances and are left out
(a void is an ordinary transaction with mirrored amounts).

Exits 2 on input hledger could not represent faithfully.
"""

import csv
import re
import sys

REQUIRED = ["txn", "date", "description", "account", "amount", "commodity"]
AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PLAIN_COMMODITY = re.compile(r"[A-Za-z]+")


def fail(line, message):
    sys.stderr.write(f"journal2hledger: line {line}: {message}\n")
    sys.exit(2)


def commodity(code, line):
    if PLAIN_COMMODITY.fullmatch(code):
        return code
    if '"' in code or not code:
        fail(line, f"commodity {code!r} cannot be written for hledger")
    return f'"{code}"'


def convert(rows, out):
    header = next(rows, None)
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if header is None or header[:6] != REQUIRED:
        fail(1, "not a fondo journal CSV (wrong header)")
    out.write("; converted from a fondo journal CSV by scripts/journal2hledger.py\n")
    out.write("decimal-mark .\n")
    current = None
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        key, date, description, account, amount, code = row[:6]
        if not DATE.fullmatch(date):
            fail(number, f"bad date {date!r}")
        if not AMOUNT.fullmatch(amount):
            fail(number, f"bad amount {amount!r}")
        if "  " in account or "\t" in account or account.startswith(" "):
            fail(number, f"account {account!r} has spaces hledger would misread")
        if key != current:
            current = key
            # hledger ends a description at ';' (comment) and at a newline.
            text = " ".join(description.replace(";", ",").split())
            out.write(f"\n{date} {text}\n")
        out.write(f"    {account}  {amount} {commodity(code, number)}\n")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: journal2hledger.py JOURNAL.csv > journal.hledger\n")
        sys.exit(2)
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        convert(csv.reader(f), sys.stdout)


if __name__ == "__main__":
    main()
