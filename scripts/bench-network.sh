#!/usr/bin/env bash
# Benchmarks a network of funds and its hub; prints a markdown table.
#
#   scripts/bench-network.sh [--keep DIR]
#
# Environment: FONDO_BENCH_FUNDS (default 1000) funds of FONDO_BENCH_TXNS
# (default 10000) transactions each; FONDO_BENCH_JOBS (default: nproc)
# funds set up at once; FONDO_BENCH_SEED (default 42).
#
# Builds the release binary and the generator (examples/gen_journal.rs).
# Each fund's books are made by fondo itself: `init`, `journal import` of a
# generated journal of its own seed, `key gen`, `fund key add` and a signed
# public bundle of all its history (`export audit --sign-with`). A hub (`hub init`) registers every fund and
# its key (`hub fund add`); the setup is not timed. Then, each measured
# with /usr/bin/time (Debian package `time`): `hub add` of every bundle
# (throughput in transactions per second over all funds, by wall and by
# CPU time, which a shared machine disturbs less; peak RSS the
# largest of any one), `hub reconcile` and `hub report summary` of the last
# year (skipped with a line when this fondo has no such command), `hub
# export --parquet`, and DuckDB's time (python3 with the `duckdb` package)
# for the network totals over the Parquet dataset: the sum of every
# posting by commodity and top-level account. Progress goes to stderr, the
# table to stdout. Honours CARGO_TARGET_DIR. --keep DIR keeps the funds,
# bundles, hub and dataset in DIR instead of deleting them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
funds=${FONDO_BENCH_FUNDS:-1000}
txns=${FONDO_BENCH_TXNS:-10000}
jobs=${FONDO_BENCH_JOBS:-$(nproc)}
seed=${FONDO_BENCH_SEED:-42}
keep=

while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-network: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench-network: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
fi
duckdb=1
if ! python3 -c 'import duckdb' 2>/dev/null; then
    echo "bench-network: the duckdb Python package is missing; no DuckDB figure (python3 -m pip install duckdb)" >&2
    duckdb=0
fi

target=${CARGO_TARGET_DIR:-$root/target}
echo "bench-network: building (target dir $target)" >&2
(cd "$root" && cargo build --release --quiet --bin fondo --example gen_journal)
fondo=$target/release/fondo
gen=$target/release/examples/gen_journal

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

# Every command runs at a fixed moment, so the run is the same every day.
export FONDO_NOW=2026-01-15T12:00
export FONDO_HUB=$work/hub.db
pass=$work/passphrase
printf 'network benchmark\n' >"$pass"
chmod 600 "$pass"

# setup_fund I: fund I's books, key and signed bundle of 2021-2025.
setup_fund() {
    local i=$1 dir=$work/funds/$1
    mkdir -p "$dir"
    "$fondo" --db "$dir/books.db" init --name "fund $i" --currency USD >/dev/null
    "$fondo" --db "$dir/books.db" fund show --format csv | sed -n 's/^id,//p' >"$dir/id"
    "$gen" --transactions "$txns" --seed "$((seed + i))" >"$dir/journal.csv"
    "$fondo" --db "$dir/books.db" --quiet journal import "$dir/journal.csv" >/dev/null
    FONDO_PASSPHRASE_FILE=$pass "$fondo" key gen --out "$dir/key" >/dev/null
    "$fondo" --db "$dir/books.db" fund key add --key-file "$dir/key.pub" >/dev/null
    FONDO_PASSPHRASE_FILE=$pass "$fondo" --db "$dir/books.db" --quiet export audit \
        --out "$dir/bundle" --from 2021-01-01 --to 2025-12-31 --audience public \
        --sign-with "$dir/key" >/dev/null
    rm "$dir/journal.csv"
}
export -f setup_fund
export work fondo gen txns seed pass

echo "bench-network: setting up $funds funds of $txns transactions ($jobs at a time)" >&2
seq 0 $((funds - 1)) | xargs -P "$jobs" -I{} bash -c 'setup_fund {}'
"$fondo" hub init "$FONDO_HUB" --name network >/dev/null
for i in $(seq 0 $((funds - 1))); do
    "$fondo" hub fund add "$(cat "$work/funds/$i/id")" --name "fund $i" \
        --key-file "$work/funds/$i/key.pub" >/dev/null
done

declare -A secs cpu rss
# timed KEY COMMAND...: runs COMMAND once, adding its wall and CPU time to
# KEY's and keeping the largest peak RSS.
timed() {
    local key=$1
    shift
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr"; then
        echo "bench-network: $key failed:" >&2
        cat "$work/stderr" "$work/time" >&2
        exit 1
    fi
    local wall user system kb
    read -r wall user system kb <"$work/time"
    secs[$key]=$(awk -v a="${secs[$key]:-0}" -v b="$wall" 'BEGIN { printf "%.2f", a + b }')
    cpu[$key]=$(awk -v a="${cpu[$key]:-0}" -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", a + u + s }')
    [ "$kb" -gt "${rss[$key]:-0}" ] && rss[$key]=$kb
    return 0
}

echo "bench-network: hub add of $funds bundles" >&2
for i in $(seq 0 $((funds - 1))); do
    timed add "$fondo" hub add "$work/funds/$i/bundle"
done

# has COMMAND...: whether this fondo knows the hub subcommand.
has() { "$fondo" "$@" --help >/dev/null 2>&1; }
skipped=()
if has hub reconcile; then
    echo "bench-network: hub reconcile" >&2
    # Exit 1 (findings) is a result here, not a failure.
    timed reconcile bash -c '"$0" hub reconcile --period 2025 --format csv || [ $? = 1 ]' "$fondo"
else
    skipped+=("\`hub reconcile\`: not in this fondo")
fi
if has hub report summary; then
    echo "bench-network: hub report summary" >&2
    timed summary "$fondo" hub report summary --period 2025 --format csv
else
    skipped+=("\`hub report summary\`: not in this fondo")
fi

echo "bench-network: hub export --parquet" >&2
rm -rf "$work/dataset"
timed export "$fondo" hub export --parquet "$work/dataset"
dataset_mb=$(du -sm "$work/dataset" | cut -f1)
hub_mb=$(du -mc "$FONDO_HUB"* | tail -1 | cut -f1)

if [ "$duckdb" = 1 ]; then
    echo "bench-network: DuckDB network totals" >&2
    timed duckdb python3 -c '
import sys, duckdb
rows = duckdb.sql(f"""
    SELECT commodity, split_part(account, $$:$$, 1) AS kind, sum(amount) AS total, count(*) AS postings
    FROM read_parquet($${sys.argv[1]}/postings/*/*/*.parquet$$, hive_partitioning = 1)
    GROUP BY ALL ORDER BY ALL""").fetchall()
for row in rows:
    print(*row, sep=",")
' "$work/dataset"
    cp "$work/stdout" "$work/duckdb-totals.csv"
else
    skipped+=("DuckDB: the duckdb Python package is not installed")
fi

mb() { echo $((($1 + 512) / 1024)); }
total=$((funds * txns))

echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Network: $funds funds × $txns transactions = $total transactions; hub file $hub_mb MB, Parquet dataset $dataset_mb MB."
echo
echo "| step | wall | CPU | peak RSS | txn/s (wall) | txn/s (CPU) |"
echo "|---|---:|---:|---:|---:|---:|"
declare -A label=(
    [add]="\`hub add\` × $funds (sum; RSS: largest)"
    [reconcile]="\`hub reconcile --period 2025\`"
    [summary]="\`hub report summary --period 2025\`"
    [export]="\`hub export --parquet\`"
    [duckdb]="DuckDB: network totals over the dataset"
)
for key in add reconcile summary export duckdb; do
    [ -n "${secs[$key]:-}" ] || continue
    rate=–
    cpu_rate=–
    case $key in
        add | export | duckdb)
            per() { awk -v n="$total" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "–" }'; }
            rate=$(per "${secs[$key]}")
            cpu_rate=$(per "${cpu[$key]}") ;;
    esac
    echo "| ${label[$key]} | ${secs[$key]} s | ${cpu[$key]} s | $(mb "${rss[$key]}") MB | $rate | $cpu_rate |"
done
[ "${#skipped[@]}" -gt 0 ] && echo
for line in "${skipped[@]}"; do
    echo "Skipped: $line."
done
