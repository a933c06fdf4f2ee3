#!/usr/bin/env bash
# The scale benchmark (docs/benchmarks.md): parkcap audit against the GDAL floors, GeoPandas
# and PostGIS on the same generated cities, figures side by side.
#
#   tools/bench/run_bench.sh [--sizes 100000,1000000] [--runs 3] [--build DIR] [--scratch DIR]
#                            [--city taizhou|riverbend|taizhou,riverbend] [--skip-geopandas] [--skip-postgis]
#                            [--port 54329] [--lock FILE]
#
# --city picks the generated city (make_sample_city --city): taizhou (the default,
# Shapefiles in three CRSs, SCRATCH/city_SIZE) or riverbend (one GeoPackage,
# city.gpkg, SCRATCH/riverbend_SIZE), or both in turn; every case reads that city's
# files (the floors and GeoPandas its parcels layer, PostGIS loads its layers).
# riverbend's rows in results.tsv carry the size as riverbend:SIZE. --port is the
# throwaway PostgreSQL server's loopback port. --lock FILE holds flock FILE around
# each timed command (a machine shared with other benchmarks). Each command's CPU
# seconds and the CPU the rest of the machine burnt meanwhile (/proc/stat; for the
# PostGIS cases that includes the server's) go beside its wall time: a ratio from a
# run where others took a core is marked as such in results.md.
#
# Needs a Release build (cmake -S . -B build -G Ninja && cmake --build build) and the
# benchmark packages (tools/setup-debian.sh --bench). For each size it generates the
# city into the scratch folder (once; reused when present), then runs every case
# --runs times, interleaved (floors, parkcap, parkcap phase by phase, GeoPandas,
# PostGIS, then again; the phases are bench_audit_phases' load, audit and write with
# their CPU and the others' CPU each, for issue 17's phase targets), and
# checks that parkcap, GeoPandas and PostGIS agree on counts and areas (agree.py)
# before printing the table: median wall time with its range, peak memory, ratios.
# PostGIS runs in a throwaway server (initdb into the scratch folder, a loopback
# port, stopped at the end); its load, query and export are timed separately and
# its server memory (Pss of the postmaster and backends) is sampled.
# Raw figures: SCRATCH/results.tsv; the table: SCRATCH/results.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build
scratch=${TMPDIR:-/tmp}/parkcap-bench
sizes=100000,1000000
runs=3
do_geopandas=1
do_postgis=1
cities=taizhou
lock=
as_of=2026-06-30
rules=$repo/engine/rules/default_rules.toml
py=/usr/bin/python3   # Debian's interpreter: it has GeoPandas and the GDAL bindings
port=54329

while (( $# )); do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --skip-geopandas) do_geopandas=0; shift ;;
    --skip-postgis) do_postgis=0; shift ;;
    --city) cities=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "run_bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for c in ${cities//,/ }; do
  case $c in taizhou|riverbend) ;; *) echo "run_bench: unknown city '$c' (taizhou, riverbend)" >&2; exit 2 ;; esac
done
for exe in tools/make_sample_city tools/parkcap tools/bench/floor_read tools/bench/floor_write tools/bench/bench_audit_phases; do
  [[ -x $build/$exe ]] || { echo "run_bench: $build/$exe missing; build first: cmake --build $build" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "run_bench: /usr/bin/time missing: tools/setup-debian.sh --bench" >&2; exit 2; }
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
results=$scratch/results.tsv
: > "$results"

# Busy CPU seconds of the whole machine so far (user + nice + system + irq + softirq + steal).
machine_cpu_s() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

# One measured command: wall seconds, peak RSS (KiB, the largest of the process and
# its children), its CPU seconds (user + system, with its children) and the other
# processes' CPU seconds meanwhile, appended to results.tsv as:
# size case run wall peak cpu others.
measure() {  # size case run -- command...
  local size=$1 name=$2 run=$3; shift 4
  local t=$scratch/time.txt before after
  {
    [[ -n $lock ]] && flock 9
    before=$(machine_cpu_s)
    if ! /usr/bin/time -f "%e %M %U %S" -o "$t" "$@" > "$scratch/last.out" 2> "$scratch/last.err"; then
      echo "run_bench: $name failed:" >&2; tail -20 "$scratch/last.err" >&2; exit 1
    fi
    after=$(machine_cpu_s)
  } 9>>"${lock:-/dev/null}"
  read -r wall peak user sys < <(tail -1 "$t")
  local cpu others
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  others=$(awk -v a="$after" -v b="$before" -v c="$cpu" 'BEGIN { o = a - b - c; printf "%.2f", o < 0 ? 0 : o }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$run" "$wall" "$peak" "$cpu" "$others" >> "$results"
  printf '  %-22s run %s: %8.2f s  %8.0f MiB  CPU %7.2f s  others %7.2f s\n' "$name" "$run" "$wall" "$(( peak / 1024 ))" "$cpu" "$others"
}

# ---- PostgreSQL + PostGIS: a throwaway server ---------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
# Its own folder under /tmp, not in the scratch folder: run as root, the server runs
# as postgres, which cannot enter a scratch folder inside a private (0700) one, as a
# clean clone in mktemp -d is (CI).
pgdir=$(mktemp -d /tmp/parkcap-bench-pg.XXXXXX)
as_pg() { if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
pg_start() {
  rm -rf "$pgdir"; mkdir -p "$pgdir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$pgdir"
  as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$pgdir/initdb.log"
  # A throwaway database: no durability needed (fsync off favours PostGIS, not us).
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -o \
    "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start > /dev/null
  psql -q -h 127.0.0.1 -p $port -U postgres -c "CREATE DATABASE bench" postgres
  psql -q -h 127.0.0.1 -p $port -U postgres -c "CREATE EXTENSION postgis" bench
}
pg_stop() { [[ -d $pgdir/data ]] && as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop > /dev/null || true; }
trap 'pg_stop; rm -rf "$pgdir"' EXIT
PG="PG:host=127.0.0.1 port=$port user=postgres dbname=bench"
pg_load() {  # city folder: Shapefiles, or one GeoPackage city.gpkg with a layer each
  local o=(-f PostgreSQL "$PG" -overwrite -lco GEOMETRY_NAME=geom -lco FID=ogc_fid -lco PRECISION=NO -nlt PROMOTE_TO_MULTI)
  if [[ -f $1/city.gpkg ]]; then
    ogr2ogr "${o[@]}" "$1/city.gpkg" parcels -nln parcels
    ogr2ogr "${o[@]}" "$1/city.gpkg" parks -nln parks -t_srs EPSG:4528
    ogr2ogr "${o[@]}" "$1/city.gpkg" shoreline -nln shoreline -t_srs EPSG:4528
  else
    ogr2ogr "${o[@]}" "$1/parcels.shp" -nln parcels
    ogr2ogr "${o[@]}" "$1/parks.shp" -nln parks -t_srs EPSG:4528
    ogr2ogr "${o[@]}" "$1/shoreline.shp" -nln shoreline -t_srs EPSG:4528
  fi
}
pg_query() {
  psql -q -h 127.0.0.1 -p $port -U postgres -v ON_ERROR_STOP=1 -v as_of=$as_of \
    -f "$scratch/rules.sql" -f "$here/postgis_audit.sql" bench
}
pg_export() {  # out.gpkg
  rm -f "$1"
  ogr2ogr -f GPKG "$1" "$PG" parcel_results
  ogr2ogr -f CSV "${1%.gpkg}.park_totals.csv" "$PG" park_totals
}
if (( do_postgis )); then
  $py "$here/postgis_rules.py" "$rules" > "$scratch/rules.sql"
  export -f pg_load pg_query pg_export
  export PG port as_of scratch here
  pg_start
fi

# ---- the machine ---------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "gdal: $(gdal-config --version), geos: $(geos-config --version), proj: $(pkg-config --modversion proj), sqlite: $(pkg-config --modversion sqlite3)"
  echo "compiler: $(c++ --version | head -1)"
  (( do_geopandas )) && echo "python: $($py -c 'import sys, geopandas, shapely, fiona, pandas; print(sys.version.split()[0], "geopandas", geopandas.__version__, "shapely", shapely.__version__, "fiona", fiona.__version__, "pandas", pandas.__version__)')"
  (( do_postgis )) && echo "postgres: $(psql -tA -h 127.0.0.1 -p $port -U postgres -c 'SHOW server_version' bench), postgis: $(psql -tA -h 127.0.0.1 -p $port -U postgres -c 'SELECT postgis_lib_version()' bench)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$scratch/machine.txt"

# ---- the runs --------------------------------------------------------------------
IFS=, read -ra size_list <<< "$sizes"
for cityname in ${cities//,/ }; do
for size in "${size_list[@]}"; do
  if [[ $cityname == taizhou ]]; then
    city=$scratch/city_$size; parcels=$city/parcels.shp; key=$size; tag=$size
  else
    city=$scratch/riverbend_$size; parcels=$city/city.gpkg; key=riverbend:$size; tag=riverbend_$size
  fi
  if [[ ! -f $parcels ]]; then
    echo "generating the $size-parcel $cityname city into $city"
    "$build/tools/make_sample_city" "$city" --city "$cityname" --parcels "$size" > "$scratch/generate_$tag.log"
  fi
  echo "== $cityname, $size parcels"
  for (( run = 1; run <= runs; run++ )); do
    measure "$key" floor_read "$run" -- "$build/tools/bench/floor_read" "$parcels"
    measure "$key" floor_write "$run" -- "$build/tools/bench/floor_write" "$parcels" "$scratch/floor_$tag.gpkg"
    measure "$key" floor_write_noindex "$run" -- "$build/tools/bench/floor_write" "$parcels" "$scratch/floor_$tag.gpkg" --no-index
    measure "$key" parkcap "$run" -- "$build/tools/parkcap" audit "$city" --as-of $as_of \
      --out "$scratch/parkcap_$tag.gpkg" --overwrite -q
    # The same audit phase by phase (issue 17's phase targets), with the same rules:
    # each phase's wall, CPU and others' CPU as bench_audit_phases measured them.
    rm -f "$scratch/phases_$tag.gpkg"
    measure "$key" phases "$run" -- "$build/tools/bench/bench_audit_phases" "$city" "$scratch/phases_$tag.gpkg" --as-of $as_of
    sed -nE 's/^(load|audit|write) +([0-9.]+) s wall +([0-9.]+) s CPU +peak +([0-9.]+) MiB.* others ([0-9.]+) s$/\1 \2 \3 \4 \5/p' \
      "$scratch/last.out" | while read -r phase wall cpu peak others; do
      printf '%s\tphase_%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$phase" "$run" "$wall" "$(awk -v m="$peak" 'BEGIN { printf "%d", m * 1024 }')" "$cpu" "$others" >> "$results"
    done
    (( $(grep -c "^$key	phase_.*	$run	" "$results") == 3 )) || { echo "run_bench: bench_audit_phases printed no three phases:" >&2; cat "$scratch/last.out" >&2; exit 1; }
    if (( do_geopandas )); then
      measure "$key" geopandas "$run" -- $py "$here/geopandas_audit.py" "$city" "$scratch/geopandas_$tag.gpkg" \
        --as-of $as_of --rules "$rules"
    fi
    if (( do_postgis )); then
      postmaster=$(head -1 "$pgdir/data/postmaster.pid")
      $py "$here/pss_peak.py" "$postmaster" "$scratch/pss.txt" & poller=$!
      measure "$key" postgis_load "$run" -- bash -c 'pg_load "$0"' "$city"
      measure "$key" postgis_query "$run" -- bash -c 'pg_query'
      measure "$key" postgis_export "$run" -- bash -c 'pg_export "$0"' "$scratch/postgis_$tag.gpkg"
      kill "$poller"; wait "$poller" || true
      printf '%s\t%s\t%s\t%s\t%s\n' "$key" postgis_server "$run" 0 "$(cat "$scratch/pss.txt")" >> "$results"
    fi
  done
  contenders=(parkcap="$scratch/parkcap_$tag.gpkg")
  (( do_geopandas )) && contenders+=(geopandas="$scratch/geopandas_$tag.gpkg")
  (( do_postgis )) && contenders+=(postgis="$scratch/postgis_$tag.gpkg")
  echo "-- agreement, $cityname, $size parcels"
  $py "$here/agree.py" "${contenders[@]}" | tee "$scratch/agree_$tag.txt"
done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$scratch/machine.txt"

$py "$here/bench_report.py" "$results" | tee "$scratch/results.md"
