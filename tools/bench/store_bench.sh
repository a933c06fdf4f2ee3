#!/usr/bin/env bash
# The store at province scale (docs/store.md, "A province's cities on one cluster"):
# import, audit and plan of a generated city from and to a PostgreSQL + PostGIS store,
# timed beside the same audit and plan on the files.
#
#   tools/bench/store_bench.sh [--sizes 100000,1000000] [--runs 1] [--build DIR]
#                              [--scratch DIR] [--cities DIR] [--lock FILE]
#
# Needs a Release build (cmake --build build --target parkcap make_sample_city) and
# PostgreSQL 15 + PostGIS (tools/setup-debian.sh). For each size it takes the city
# CITIES/city_N (default CITIES = SCRATCH; generated with make_sample_city when
# absent), starts a throwaway server with the store tests' own fixture
# (tests/store/pg_server.sh: initdb into /tmp, a free loopback port, fsync off),
# and times, each --runs times:
#   load    parkcap info DATA            vs  parkcap info PG:...      (the loader alone)
#   audit   parkcap audit DATA --out A   vs  parkcap audit PG:... --store
#   plan    parkcap plan DATA --out P --audit-out A  vs  parkcap plan PG:... --store
#           (plan --store writes its audit too, so the file path writes both as well)
# and, on the store only, parkcap db init and parkcap db import DATA (into a fresh
# database per size). Every case runs with the city's rules (CITY/rules.toml, the
# sample city's) and --as-of 2026-06-30. Each timed command is wall time, client CPU
# (user + system) and client peak memory (/usr/bin/time), and the server's CPU
# (postmaster and backends, from /proc) and peak memory (Pss, pss_peak.py) over it.
# With --lock FILE every timed command runs under flock FILE (and nothing else does),
# so timed runs of several benchmarks on one machine never overlap.
# Then store_agree.py checks that the store gives what the files give: the --json
# summaries of audit and plan, and the stored snapshots read back from the store
# (rows, non-empty values and sums of every field of every table) against the
# GeoPackages. Raw figures: SCRATCH/results.tsv; the table: SCRATCH/results.md;
# the machine, versions and load average: SCRATCH/machine.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build
scratch=${TMPDIR:-/tmp}/parkcap-store-bench
cities=
sizes=100000,1000000
runs=1
lock=
as_of=2026-06-30
py=/usr/bin/python3

while (( $# )); do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --cities) cities=$(cd "$2" && pwd); shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "store_bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for exe in tools/make_sample_city tools/parkcap; do
  [[ -x $build/$exe ]] || { echo "store_bench: $build/$exe missing; build first: cmake --build $build --target parkcap make_sample_city" >&2; exit 2; }
done
for tool in /usr/bin/time psql; do
  command -v "$tool" > /dev/null || { echo "store_bench: $tool missing: tools/setup-debian.sh" >&2; exit 2; }
done
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
cities=${cities:-$scratch}
results=$scratch/results.tsv
parkcap=$build/tools/parkcap
: > "$results"

# ---- the server: the store tests' fixture -------------------------------------
pgstate=$scratch/pgstate
stop_server() { bash "$repo/tests/store/pg_server.sh" stop "$pgstate" > /dev/null 2>&1 || true; }
trap stop_server EXIT
bash "$repo/tests/store/pg_server.sh" start "$pgstate"
# shellcheck disable=SC1091
source "$pgstate/server.env"
conninfo() { echo "host=127.0.0.1 port=$PG_PORT user=$PG_SUPERUSER dbname=$1"; }
sql() {  # dbname statement
  psql -X -q -tA -v ON_ERROR_STOP=1 "$(conninfo "$1")" -c "$2"
}
postmaster=$(head -1 "$PGDATA_DIR/db/postmaster.pid")
ticks=$(getconf CLK_TCK)

# CPU seconds the server has used so far: every live process under the postmaster,
# and the backends it has reaped (its cutime + cstime).
server_cpu() {
  local -A kids=()
  local stat pid ppid rest total=0
  for stat in /proc/[0-9]*/stat; do
    { read -r rest < "$stat"; } 2> /dev/null || continue
    pid=${rest%% *}
    rest=${rest##*) }
    read -r _ ppid _ <<< "$rest"
    kids[$pid]="$ppid $rest"
  done
  local -a pending=("$postmaster")
  local -A seen=()
  while (( ${#pending[@]} )); do
    pid=${pending[-1]}; unset 'pending[-1]'
    [[ -n ${seen[$pid]:-} ]] && continue
    seen[$pid]=1
    local -a f
    read -ra f <<< "${kids[$pid]#* }"
    # After "(comm) ": state ppid pgrp ... utime is field 12, stime 13, cutime 14, cstime 15 (0-based).
    total=$(( total + f[11] + f[12] ))
    [[ $pid == "$postmaster" ]] && total=$(( total + f[13] + f[14] ))
    local k
    for k in "${!kids[@]}"; do
      [[ ${kids[$k]%% *} == "$pid" ]] && pending+=("$k")
    done
  done
  echo "$total"
}

# One measured command, appended to results.tsv as:
#   size step path run wall_s user_s sys_s peak_kib server_cpu_s server_pss_kib
measure() {  # size step path run -- command...
  local size=$1 step=$2 path=$3 run=$4; shift 5
  local t=$scratch/time.txt out=$scratch/${step}_${path}_${size}.out err=$scratch/${step}_${path}_${size}.err
  $py "$here/pss_peak.py" "$postmaster" "$scratch/pss.txt" & local poller=$!
  local ok=1 cpu0 cpu1
  {
    [[ -n $lock ]] && flock 9
    cpu0=$(server_cpu)
    /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" > "$out" 2> "$err" || ok=0
    cpu1=$(server_cpu)
  } 9>>"${lock:-/dev/null}"
  kill "$poller"; wait "$poller" || true
  if (( ! ok )); then echo "store_bench: $step ($path) failed: $*" >&2; tail -20 "$err" >&2; exit 1; fi
  local wall user sys peak
  read -r wall user sys peak < <(tail -1 "$t")
  local server_s
  server_s=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$ticks" 'BEGIN { printf "%.2f", (b - a) / hz }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$step" "$path" "$run" "$wall" "$user" "$sys" "$peak" \
    "$server_s" "$(cat "$scratch/pss.txt")" >> "$results"
  printf '  %-7s %-6s run %s: %8.2f s wall, %7.2f s CPU, %6d MiB; server %7.2f s CPU\n' "$step" "$path" "$run" \
    "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(( peak / 1024 ))" "$server_s"
}

# ---- the machine -----------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- engine tools || echo ' (with local changes)')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "gdal: $(gdal-config --version), geos: $(geos-config --version), proj: $(pkg-config --modversion proj)"
  echo "postgres: $(sql postgres 'SHOW server_version'), shared_buffers $(sql postgres 'SHOW shared_buffers'), fsync $(sql postgres 'SHOW fsync') (tests/store/pg_server.sh)"
  echo "compiler: $(c++ --version | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$scratch/machine.txt"

# ---- the runs --------------------------------------------------------------------
IFS=, read -ra size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  city=$cities/city_$size
  if [[ ! -f $city/parcels.shp ]]; then
    echo "generating the $size-parcel city into $city"
    "$build/tools/make_sample_city" "$city" --parcels "$size" > "$cities/generate_$size.log"
  fi
  rules=(--rules "$city/rules.toml")
  db=parkcap_bench_$size
  store="PG:$(conninfo "$db")"
  echo "== $size parcels ($city)"
  for (( run = 1; run <= runs; run++ )); do
    sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    sql postgres "CREATE DATABASE $db"
    measure "$size" init store "$run" -- "$parkcap" db init "$store"
    measure "$size" import store "$run" -- "$parkcap" db import "$city" "${rules[@]}" --db "$store" -q
    measure "$size" load file "$run" -- "$parkcap" info "$city" "${rules[@]}" --as-of $as_of \
      --rejects "$scratch/info_rejects_file.csv" -q
    measure "$size" load store "$run" -- "$parkcap" info "$store" "${rules[@]}" --as-of $as_of \
      --rejects "$scratch/info_rejects_store.csv" -q
    measure "$size" audit file "$run" -- "$parkcap" audit "$city" "${rules[@]}" --as-of $as_of \
      --out "$scratch/audit_$size.gpkg" --overwrite -q --json
    measure "$size" audit store "$run" -- "$parkcap" audit "$store" "${rules[@]}" --as-of $as_of --store -q --json
    measure "$size" plan file "$run" -- "$parkcap" plan "$city" "${rules[@]}" --as-of $as_of \
      --out "$scratch/plan_$size.gpkg" --audit-out "$scratch/plan_audit_$size.gpkg" --overwrite -q --json
    measure "$size" plan store "$run" -- "$parkcap" plan "$store" "${rules[@]}" --as-of $as_of --store -q --json
  done
  printf '%s\tstore_size\tstore\t-\t%s\n' "$size" "$(sql "$db" "SELECT pg_database_size(current_database())")" >> "$results"

  echo "-- agreement, $size parcels"
  # The last run's stored snapshots: audit --store made audit 2k-1, plan --store audit 2k and plan k.
  audit_id=$(sql "$db" "SELECT min(audit_id) FROM audits")
  plan_audit_id=$(sql "$db" "SELECT max(audit_id) FROM audits")
  plan_id=$(sql "$db" "SELECT max(plan_id) FROM plans")
  $py "$here/store_agree.py" --psql "$(conninfo "$db")" \
    --json audit "$scratch/audit_file_$size.out" "$scratch/audit_store_$size.out" \
    --json plan "$scratch/plan_file_$size.out" "$scratch/plan_store_$size.out" \
    --import-issues "$scratch/audit_$size.gpkg" \
    --snapshot audit "$audit_id" "$scratch/audit_$size.gpkg" \
    --snapshot audit "$plan_audit_id" "$scratch/plan_audit_$size.gpkg" \
    --snapshot plan "$plan_id" "$scratch/plan_$size.gpkg" | tee "$scratch/agree_$size.txt"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$scratch/machine.txt"

$py "$here/store_report.py" "$results" | tee "$scratch/results.md"
