#!/usr/bin/env bash
# Benchmarks `fondo import statement` on a generated statement; prints one
# markdown table row.
#
#   scripts/bench-statement.sh [--rows 100000] [--rules 500] [--keep DIR]
#
# Builds the release binary and the generator (examples/gen_statement.rs),
# writes a statement of --rows rows and a map of --rules rules (regular
# expressions on two columns each), and times the import into a fresh
# database once, with `/usr/bin/time -f '%e %U %S %M'` (wall, user, system,
# peak RSS). On a shared machine CPU time is the steadier figure; the load
# average before the run is printed with it. Honours CARGO_TARGET_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
rows=100000
rules=500
keep=
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) rows=$2; shift 2 ;;
        --rules) rules=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-statement: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ! -x /usr/bin/time ]; then
    echo "bench-statement: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
fi
target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release --quiet --bin fondo --example gen_statement)
fondo=$target/release/fondo
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
"$target/release/examples/gen_statement" --rows "$rows" --rules "$rules" --out "$work"
db=$work/fund.db
rm -f "$db" "$db-wal" "$db-shm"
"$fondo" --db "$db" --quiet init --name bench >/dev/null
"$fondo" --db "$db" --quiet account add assets:bank:eur >/dev/null
load=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$fondo" --db "$db" --quiet import statement "$work/statement.csv" --map "$work/map.toml" >"$work/out"
read -r wall user system kb <"$work/time"
cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
echo "Machine: $(nproc) cores, $(uname -sr); load average before the run: $load."
echo "$(head -1 "$work/out")"
echo
echo "| rows | rules | wall | CPU | peak RSS |"
echo "|---:|---:|---:|---:|---:|"
echo "| $rows | $rules | $wall s | $cpu s | $(((kb + 512) / 1024)) MB |"
