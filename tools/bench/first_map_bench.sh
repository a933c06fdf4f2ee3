#!/usr/bin/env bash
# How soon the viewer's map appears on both kinds of generated city (issue 17: within
# 10 s of start at a million parcels): `parkcap-viewer --bench` under Xvfb with Mesa's
# software OpenGL prints, from the viewer's start, when the first frame with the
# parcels was drawn (first_map_s: the geometry loaded and triangulated, before the
# audit, the parcels in one neutral colour), when that view's last map tile was drawn
# (first_map_complete_s) and when the audit and plan were there (scene_s: the colours by
# finding), beside the load, triangulation, upload, audit and plan times. Runs
# alternate between the cities (taizhou: Shapefiles, the sample's kind; riverbend: one
# GeoPackage, irregular parcels), each with the load average before it.
#
#   tools/bench/first_map_bench.sh [--build DIR] [--parcels N] [--runs N] [--cities taizhou,riverbend]
#                                  [--size WxH] [--scratch DIR] [--lock FILE]
#
# Cities are generated into SCRATCH once (make_sample_city) and reused: taizhou as
# SCRATCH/city_N (as viewer_bench.sh), riverbend as SCRATCH/riverbend_N. --lock FILE
# holds `flock FILE` around each timed run.
set -euo pipefail
build=build parcels=1000000 runs=2 cities=taizhou,riverbend size=1600x1000 scratch=/tmp/parkcap-bench lock=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --parcels) parcels=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --cities) cities=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "first_map_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
viewer=$build/viewer/parkcap-viewer
for exe in "$viewer" "$build/tools/make_sample_city"; do
  [[ -x $exe ]] || { echo "first_map_bench.sh: $exe not built (cmake --build $build)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "first_map_bench.sh: xvfb-run not installed (tools/setup-debian.sh)" >&2; exit 2; }
city_dir() { if [[ $1 == taizhou ]]; then echo "$scratch/city_$parcels"; else echo "$scratch/$1_$parcels"; fi; }
for city in ${cities//,/ }; do
  case $city in taizhou|riverbend) ;; *) echo "first_map_bench.sh: unknown city '$city' (taizhou, riverbend)" >&2; exit 2 ;; esac
  dir=$(city_dir "$city")
  if [[ ! -f $dir/rules.toml ]]; then
    mkdir -p "$scratch"
    echo "generating $city, $parcels parcels, into $dir"
    "$build/tools/make_sample_city" "$dir" --city "$city" --parcels "$parcels" > "$scratch/generate_${city}_$parcels.log"
  fi
done
w=${size%x*} h=${size#*x}
echo "machine: $(nproc) cores; $(date -u +%FT%TZ); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '%-10s %3s %-14s %9s %12s %8s %7s %7s %7s %7s %7s\n' city run "load avg" first_map complete scene load tri upload audit plan
for (( run = 1; run <= runs; ++run )); do
  for city in ${cities//,/ }; do
    dir=$(city_dir "$city")
    loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
    cmd=(xvfb-run -a -s "-screen 0 ${w}x${h}x24" env LIBGL_ALWAYS_SOFTWARE=1
         "$viewer" "$dir" --rules "$dir/rules.toml" --bench 2 --size "$size" --quiet)
    if [[ -n $lock ]]; then out=$(flock "$lock" "${cmd[@]}"); else out=$("${cmd[@]}"); fi
    field() { grep -m1 "^bench .*$1=" <<< "$out" | sed -E "s/.*[ ]$1=([^ ]*).*/\1/"; }
    printf '%-10s %3d %-14s %9s %12s %8s %7s %7s %7s %7s %7s\n' "$city" "$run" "$loadavg" "$(field first_map_s)" \
      "$(field first_map_complete_s)" "$(field scene_s)" "$(field load_s)" "$(field triangulate_s)" "$(field upload_s)" \
      "$(field audit_s)" "$(field plan_s)"
  done
done
