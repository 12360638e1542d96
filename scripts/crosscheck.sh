#!/usr/bin/env bash
# Cross-checks fondo's balances against hledger on a journal CSV.
#
#   scripts/crosscheck.sh [--transactions N] [--seed S] [JOURNAL.csv]
#
# Without a file, generates N transactions (default 20000) with
# `cargo run --release --example gen_journal`. Imports the journal into a fresh
# fondo database, converts the same CSV to an hledger journal with
# scripts/journal2hledger.py, and compares every account+commodity balance:
# all dates, and as of a day in the middle (hledger's -e is exclusive, so it
# gets the next day). Also runs `fondo verify`. Exits 1 on any difference,
# 2 on a usage or tool problem. Needs python3 and hledger
# (`apt-get install hledger`). Honours CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
transactions=20000
seed=42
journal=

while [ $# -gt 0 ]; do
    case "$1" in
        --transactions) transactions=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "crosscheck: unknown option $1" >&2; exit 2 ;;
        *) journal=$1; shift ;;
    esac
done

for tool in hledger python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "crosscheck: $tool is not installed (apt-get install $tool)" >&2
        exit 2
    fi
done

target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release --quiet --bin fondo --example gen_journal)
fondo=$target/release/fondo

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$journal" ]; then
    journal=$work/journal.csv
    "$target/release/examples/gen_journal" --transactions "$transactions" --seed "$seed" >"$journal"
fi

db=$work/fondo.db
"$fondo" --db "$db" init --name crosscheck >/dev/null
"$fondo" --db "$db" journal import "$journal" >/dev/null
python3 "$here/journal2hledger.py" "$journal" >"$work/journal.hledger"

# The middle day of the journal, and the day after it for hledger's -e.
read -r mid next < <(python3 - "$journal" <<'EOF'
import csv, datetime, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    next(rows)
    dates = [row[1] for row in rows if row]
day = datetime.date.fromisoformat(sorted(dates)[len(dates) // 2])
print(day, day + datetime.timedelta(days=1))
EOF
)

compare() { # label fondo.csv hledger.csv
    python3 - "$@" <<'EOF'
import csv, sys
from decimal import Decimal

label, fondo_csv, hledger_csv = sys.argv[1:]

def load(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if header != ["account", "commodity", "balance"]:
            sys.exit(f"crosscheck: unexpected header {header} in {path}")
        out = {}
        for account, commodity, balance in rows:
            value = Decimal(balance)
            if value:
                out[(account, commodity.strip('"'))] = value
        return out

ours, theirs = load(fondo_csv), load(hledger_csv)
bad = 0
for key in sorted(ours.keys() | theirs.keys()):
    a, b = ours.get(key, Decimal(0)), theirs.get(key, Decimal(0))
    if a != b:
        bad += 1
        print(f"  {label}: {key[0]} {key[1]}: fondo {a}, hledger {b}")
print(f"{label}: {len(ours)} balances from fondo, {len(theirs)} from hledger, "
      f"{bad} differences")
sys.exit(1 if bad else 0)
EOF
}

"$fondo" --db "$db" balance --format csv >"$work/fondo-all.csv"
hledger -f "$work/journal.hledger" bal --flat --layout=bare -N -O csv >"$work/hledger-all.csv"
"$fondo" --db "$db" balance --as-of "$mid" --format csv >"$work/fondo-mid.csv"
hledger -f "$work/journal.hledger" bal --flat --layout=bare -N -O csv -e "$next" >"$work/hledger-mid.csv"

status=0
compare "all dates" "$work/fondo-all.csv" "$work/hledger-all.csv" || status=1
compare "as of $mid" "$work/fondo-mid.csv" "$work/hledger-mid.csv" || status=1
if ! "$fondo" --db "$db" verify >"$work/verify.txt"; then
    echo "fondo verify found problems:" >&2
    cat "$work/verify.txt" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "crosscheck: fondo and hledger agree on $(basename "$journal") ($(tail -1 "$work/verify.txt"))"
else
    echo "crosscheck: fondo and hledger DISAGREE" >&2
fi
exit "$status"
