#!/usr/bin/env bash
# Benchmarks fondo on generated journals; prints a markdown table.
#
#   scripts/bench.sh [--sizes "100000 1000000"] [--seed S] [--no-peer] [--keep DIR]
#
# Builds the release binary and the generator (examples/gen_journal.rs), writes
# a journal CSV of each size (transactions) into a temporary directory, and
# measures, each once: `journal import` into a fresh database, `balance`,
# `balance --as-of` a middle day, `register` of assets:bank:usd (CSV, which
# streams, and the default table), `journal export` to a file, `verify` and
# `export audit` of all history. When `sqlite3` is installed (Debian package
# `sqlite3`), also a raw `sqlite3 .import` of the same CSV rows into one
# table, in the same run: the floor every figure is given a ratio to
# (machine load cancels out of ratios better than out of absolute times).
# Wall time, CPU time (user + system) and peak RSS come from
# `/usr/bin/time -f '%e %U %S %M'` (Debian package `time`); on a shared
# machine CPU time is the steadier figure. Unless --no-peer, also times
# `hledger bal` on the smallest journal (converted by
# scripts/journal2hledger.py) as a peer figure. Progress goes to stderr, the
# table to stdout. Honours CARGO_TARGET_DIR. --keep DIR keeps the
# journals and databases in DIR instead of deleting them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sizes="100000 1000000"
seed=42
peer=1
keep=

while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --no-peer) peer=0; shift ;;
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
fi
if [ "$peer" = 1 ] && ! command -v hledger >/dev/null; then
    echo "bench: hledger not found; skipping the peer figure (apt-get install hledger)" >&2
    peer=0
fi

target=${CARGO_TARGET_DIR:-$root/target}
echo "bench: building (target dir $target)" >&2
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

mid=2023-07-02
account=assets:bank:usd
declare -A secs cpu rss
commands=(sqlite import balance balance-as-of register-csv register-table export verify audit)
declare -A label=(
    [import]="\`journal import\` (fresh db)"
    [balance]="\`balance\`"
    [balance-as-of]="\`balance --as-of $mid\`"
    [register-csv]="\`register $account --format csv\`"
    [register-table]="\`register $account\` (table)"
    [export]="\`journal export --out FILE\`"
    [verify]="\`verify\`"
    [audit]="\`export audit\` (all history)"
    [sqlite]="raw \`sqlite3 .import\` (the floor)"
    [hledger]="\`hledger bal\` (peer)"
)
# The issue's targets at 1,000,000 transactions: seconds of wall time, and
# 100 MB of peak RSS for every command.
declare -A goal=([balance]=0.2 [balance-as-of]=0.2 [export]=1.5 [verify]=2 [audit]=3)
# And issue 18's: the import within 1.75× the raw SQLite import.
import_ratio_goal=1.75
floor=0
if command -v sqlite3 >/dev/null; then
    floor=1
else
    echo "bench: sqlite3 not found; no floor figure (apt-get install sqlite3)" >&2
fi
rss_goal_kb=$((100 * 1024))

# measure KEY SIZE COMMAND...: runs COMMAND once, stdout to a file.
measure() {
    local key=$1 size=$2
    shift 2
    echo "bench: $size $key" >&2
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr"; then
        echo "bench: $key failed on $size transactions:" >&2
        cat "$work/stderr" "$work/time" >&2
        exit 1
    fi
    local wall user system kb
    read -r wall user system kb <"$work/time"
    secs[$key,$size]=$wall
    cpu[$key,$size]=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    rss[$key,$size]=$kb
}

declare -A csv_mb db_mb rows
load=()
for size in $sizes; do
    load+=("$(cut -d' ' -f1 /proc/loadavg)")
    journal=$work/journal-$size.csv
    db=$work/fondo-$size.db
    echo "bench: generating $size transactions" >&2
    "$gen" --transactions "$size" --seed "$seed" >"$journal"
    rows[$size]=$(($(wc -l <"$journal") - 1))
    csv_mb[$size]=$(du -m "$journal" | cut -f1)
    if [ "$floor" = 1 ]; then
        rm -f "$work/raw-$size.db"
        measure sqlite "$size" sqlite3 "$work/raw-$size.db" ".mode csv" ".import $journal rows"
    fi
    rm -f "$db" "$db-wal" "$db-shm"
    "$fondo" --db "$db" init --name bench >/dev/null
    measure import "$size" "$fondo" --db "$db" journal import "$journal"
    db_mb[$size]=$(du -mc "$db"* | tail -1 | cut -f1)
    measure balance "$size" "$fondo" --db "$db" balance
    measure balance-as-of "$size" "$fondo" --db "$db" balance --as-of "$mid"
    measure register-csv "$size" "$fondo" --db "$db" register "$account" --format csv
    measure register-table "$size" "$fondo" --db "$db" register "$account"
    measure export "$size" "$fondo" --db "$db" journal export --out "$work/export-$size.csv"
    measure verify "$size" "$fondo" --db "$db" verify
    rm -rf "$work/audit-$size"
    measure audit "$size" "$fondo" --db "$db" --quiet export audit --out "$work/audit-$size" --audience treasurer
done

smallest=$(printf '%s\n' $sizes | sort -n | head -1)
if [ "$peer" = 1 ]; then
    python3 "$here/journal2hledger.py" "$work/journal-$smallest.csv" >"$work/journal-$smallest.hledger"
    measure hledger "$smallest" hledger -f "$work/journal-$smallest.hledger" bal
    commands+=(hledger)
fi

mb() { echo $((($1 + 512) / 1024)); }

echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(uname -sr); load average before each size: ${load[*]}."
for size in $sizes; do
    echo "Journal of $size transactions: ${rows[$size]} postings, ${csv_mb[$size]} MB CSV, ${db_mb[$size]} MB database."
done
echo
header="| command |"
rule="|---|"
for size in $sizes; do
    header+=" $size: wall | $size: CPU | $size: peak RSS | $size: × floor (CPU) |"
    rule+="---:|---:|---:|---:|"
done
echo "$header target at 1,000,000 | status at 1,000,000 |"
echo "$rule---|---|"
for key in "${commands[@]}"; do
    line="| ${label[$key]} |"
    for size in $sizes; do
        if [ -n "${secs[$key,$size]:-}" ]; then
            ratio=–
            if [ -n "${cpu[sqlite,$size]:-}" ]; then
                ratio=$(awk -v c="${cpu[$key,$size]}" -v f="${cpu[sqlite,$size]}" 'BEGIN { printf "%.2f×", c / f }')
            fi
            line+=" ${secs[$key,$size]} s | ${cpu[$key,$size]} s | $(mb "${rss[$key,$size]}") MB | $ratio |"
        else
            line+=" – | – | – | – |"
        fi
    done
    target=
    status=
    if [ "$key" != hledger ] && [ "$key" != sqlite ]; then
        target="≤ 100 MB"
        [ -n "${goal[$key]:-}" ] && target="≤ ${goal[$key]} s, $target"
        [ "$key" = import ] && target="≤ ${import_ratio_goal}× floor, $target"
        if [ -n "${secs[$key,1000000]:-}" ]; then
            status=met
            if [ -n "${goal[$key]:-}" ] && awk -v t="${secs[$key,1000000]}" -v g="${goal[$key]}" 'BEGIN { exit !(t > g) }'; then
                status="**missed** (time)"
            fi
            if [ "$key" = import ] && [ -n "${cpu[sqlite,1000000]:-}" ] &&
                awk -v c="${cpu[import,1000000]}" -v f="${cpu[sqlite,1000000]}" -v g="$import_ratio_goal" 'BEGIN { exit !(c / f > g) }'; then
                status="**missed** (ratio)"
            fi
            if [ "${rss[$key,1000000]}" -gt "$rss_goal_kb" ]; then
                [ "$status" = met ] && status="**missed** (RSS)" || status="**missed** (time, RSS)"
            fi
        fi
    fi
    echo "$line $target | $status |"
done
