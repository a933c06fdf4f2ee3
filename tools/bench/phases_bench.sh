#!/usr/bin/env bash
# Where parkcap's audit time goes on both kinds of generated city (issue 17): runs
# bench_audit_phases (load / audit / write, wall and CPU each) on the taizhou-like
# city (Shapefiles in three CRSs) and on riverbend (one GeoPackage, irregular
# parcels, 41 parks, a winding river) of the same size, in one run, and prints per
# phase the wall time, the CPU time, CPU ÷ wall (2.0 = both cores busy) and the CPU
# the rest of the machine burnt meanwhile (a shared machine: a phase whose "others"
# figure is large was measured with a core taken). Beside them, in the same run, the
# floors the issue's phase targets are set against: floor (1) (floor_read: GDAL read
# + area) for the load, floor (2) without the spatial index (floor_write --no-index)
# for the write, and the ratios of the medians (--no-floors leaves them out).
#
#   tools/bench/phases_bench.sh [--parcels 1000000] [--runs 1] [--cities taizhou,riverbend]
#                               [--scratch DIR] [--build DIR] [--lock FILE] [--threads N]
#                               [--no-floors]
#
# Each city is generated into SCRATCH once (make_sample_city; reused when present),
# with its own rules.toml. --lock FILE holds `flock FILE` around each timed run, so
# runs of several people's benchmarks do not overlap. Runs are interleaved (each
# city once, then again). The audit GeoPackages stay in SCRATCH (out_CITY_N.gpkg, the
# last run's) for tools/bench/compare_gpkg.py; raw lines in SCRATCH/phases.tsv.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build
scratch=${TMPDIR:-/tmp}/parkcap-phases
parcels=1000000
runs=1
cities=taizhou,riverbend
lock=
threads=
floors=1

while (( $# )); do
  case $1 in
    --parcels) parcels=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --cities) cities=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --no-floors) floors=0; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "phases_bench: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for exe in tools/make_sample_city tools/bench/bench_audit_phases tools/bench/floor_read tools/bench/floor_write; do
  [[ -x $build/$exe ]] || { echo "phases_bench: $build/$exe missing; build first: cmake --build $build" >&2; exit 2; }
done
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
tsv=$scratch/phases.tsv
: > "$tsv"

locked() { if [[ -n $lock ]]; then flock "$lock" "$@"; else "$@"; fi; }

# Busy CPU seconds of the whole machine so far (user + nice + system + irq + softirq + steal).
machine_cpu_s() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

city_dir() { echo "$scratch/$1_$parcels"; }
# The parcels file the floors read: the Shapefile, or the GeoPackage's parcels layer.
floor_input() { if [[ $1 == taizhou ]]; then echo "$(city_dir "$1")/parcels.shp"; else echo "$(city_dir "$1")/city.gpkg"; fi; }
# One floor, timed by /usr/bin/time: a phases.tsv line like bench_audit_phases' phases.
floor() {
  local city=$1 run=$2 name=$3; shift 3
  locked /usr/bin/time -f "%e %U %S" -o "$scratch/time.out" "$@" > /dev/null
  read -r wall user sys < "$scratch/time.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t\n' "$city" "$parcels" "$run" "$name" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >> "$tsv"
  echo "  $name $wall s wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s CPU"
}
for city in ${cities//,/ }; do
  case $city in taizhou|riverbend) ;; *) echo "phases_bench: unknown city '$city' (taizhou, riverbend)" >&2; exit 2 ;; esac
  dir=$(city_dir "$city")
  if [[ ! -f $dir/.complete ]]; then
    echo "generating $city, $parcels parcels into $dir"
    rm -rf "$dir"
    "$build/tools/make_sample_city" "$dir" --city "$city" --parcels "$parcels" > "$scratch/generate_${city}_$parcels.log"
    touch "$dir/.complete"
  fi
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
for (( run = 1; run <= runs; ++run )); do
  for city in ${cities//,/ }; do
    dir=$(city_dir "$city")
    out=$scratch/out_${city}_$parcels.gpkg
    args=("$dir" "$out" --rules "$dir/rules.toml")
    [[ -n $threads ]] && args+=(--threads "$threads")
    rm -f "$out"
    echo "$city run $run:"
    before=$(machine_cpu_s)
    floors_cpu=0
    if (( floors )); then
      lines_before=$(wc -l < "$tsv")
      floor "$city" "$run" floor_read "$build/tools/bench/floor_read" "$(floor_input "$city")"
      floor "$city" "$run" floor_write_noindex "$build/tools/bench/floor_write" "$(floor_input "$city")" \
        "$scratch/floor_$city.gpkg" --no-index
      floors_cpu=$(tail -n +$((lines_before + 1)) "$tsv" | awk -F'\t' '{ s += $6 } END { printf "%.2f", s }')
    fi
    locked "$build/tools/bench/bench_audit_phases" "${args[@]}" > "$scratch/last.out"
    after=$(machine_cpu_s)
    while read -r phase wall _ _ cpu _ _ _ peak _; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$city" "$parcels" "$run" "$phase" "$wall" "$cpu" "$peak" >> "$tsv"
    done < <(grep -E '^(load|audit|write) ' "$scratch/last.out")
    # Our own CPU is the sum of the phases; the rest of the machine's busy time was others'.
    own=$(awk -v f="$floors_cpu" '{ s += $5 } END { printf "%.2f", s + f }' < <(grep -E '^(load|audit|write) ' "$scratch/last.out"))
    printf '%s\t%s\t%s\tothers_cpu\t%s\t\t\n' "$city" "$parcels" "$run" "$(awk -v a="$after" -v b="$before" -v o="$own" 'BEGIN { printf "%.2f", a - b - o }')" >> "$tsv"
    sed 's/^/  /' "$scratch/last.out"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

# The table: per city and phase, the median over runs of wall and CPU, and the best wall.
echo
echo "| city | phase | wall s, median | best | CPU s, median | CPU ÷ wall | peak MiB | runs |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
awk -F'\t' '
  $4 == "others_cpu" { others[$1] = others[$1] " " $5; next }
  { key = $1 SUBSEP $4; n[key]++; wall[key, n[key]] = $5; cpu[key, n[key]] = $6; peak[key] = $7
    if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
  function median(arr, key, m,   i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = arr[key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  END {
    for (i = 1; i <= k; i++) {
      split(order[i], p, SUBSEP); m = n[order[i]]
      w = median(wall, order[i], m); c = median(cpu, order[i], m); best = wall[order[i], 1]
      for (j = 2; j <= m; j++) if (wall[order[i], j] < best) best = wall[order[i], j]
      printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %s | %d |\n", p[1], p[2], w, best, c, (w > 0 ? c / w : 0), peak[order[i]], m
    }
    for (c in others) printf "\nothers'"'"' CPU during the %s runs (s, each run):%s", c, others[c]
    printf "\n"
    # The phase targets of issue 17: load at most 2 x floor (1), write at most 1.5 x
    # floor (2) without the spatial index (ratios of the medians above).
    for (i = 1; i <= k; i++) {
      split(order[i], p, SUBSEP); m = n[order[i]]; med[p[1], p[2]] = median(wall, order[i], m); cities[p[1]] = 1
    }
    for (c in cities) {
      if ((c, "floor_read") in med && med[c, "floor_read"] > 0)
        printf "%s: load / floor (1) = %.2f (target 2)\n", c, med[c, "load"] / med[c, "floor_read"]
      if ((c, "floor_write_noindex") in med && med[c, "floor_write_noindex"] > 0)
        printf "%s: write / floor (2) without index = %.2f (target 1.5)\n", c, med[c, "write"] / med[c, "floor_write_noindex"]
    }
  }' "$tsv"
