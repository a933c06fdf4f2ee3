#!/usr/bin/env bash
# The viewer's frame times on a generated city, the parcel layer's cache modes
# side by side in one run (docs/benchmarks.md, "The viewer"): for each mode one
# `parkcap-viewer --bench` under Xvfb with Mesa's software OpenGL, its per-band
# lines and the load average before and after. Modes are PARKCAP_VIEWER_CACHE
# values (pyramid, whole, off) and `hidden`: the pyramid build with the parcel
# layer hidden, the floor of everything else on the map and the panels. Each run
# also prints `bench-part` lines: a second pass over the same path with each part
# of the frame (panels, park tints, tiles drawn, parcels, outlines, labels) timed
# to a glFinish, and the `bench first_map_s= first_map_complete_s= scene_s=` line: when
# the map appeared, before the audit (tools/bench/first_map_bench.sh times that on both
# kinds of city). On a shared machine, --lock FILE holds FILE (flock) for each timed run only.
#
#   tools/bench/viewer_bench.sh [--build DIR] [--parcels N] [--frames N] [--size WxH]
#                               [--scratch DIR] [--modes "whole pyramid hidden"] [--lock FILE] [--trace]
#                               [--city taizhou|riverbend]
#
# --city picks the generated city (make_sample_city --city): taizhou (the default,
# Shapefiles, SCRATCH/city_N) or riverbend (one GeoPackage, irregular parcels, 41
# parks, SCRATCH/riverbend_N), as first_map_bench.sh and run_bench.sh name them.
set -euo pipefail
build=build parcels=1000000 frames=60 size=1600x1000 scratch=/tmp/parkcap-bench modes="whole pyramid hidden" lock="" trace="" cityname=taizhou
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --parcels) parcels=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    --trace) trace=PARKCAP_BENCH_TRACE=1; shift ;;
    --city) cityname=$2; shift 2 ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    *) echo "viewer_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
viewer=$build/viewer/parkcap-viewer
for exe in "$viewer" "$build/tools/make_sample_city"; do
  [[ -x $exe ]] || { echo "viewer_bench.sh: $exe not built (cmake --build $build)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "viewer_bench.sh: xvfb-run not installed (tools/setup-debian.sh)" >&2; exit 2; }
case $cityname in
  taizhou) city=$scratch/city_$parcels marker=$city/parcels.shp ;;
  riverbend) city=$scratch/riverbend_$parcels marker=$city/city.gpkg ;;
  *) echo "viewer_bench.sh: unknown city '$cityname' (taizhou, riverbend)" >&2; exit 2 ;;
esac
if [[ ! -f $marker ]]; then
  mkdir -p "$scratch"
  echo "generating the $parcels-parcel $cityname city into $city"
  "$build/tools/make_sample_city" "$city" --city "$cityname" --parcels "$parcels" > "$scratch/generate_${cityname}_$parcels.log"
fi
w=${size%x*} h=${size#*x}
echo "city: $cityname, $parcels parcels ($city)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(date -u +%FT%TZ)"
echo "LP_NUM_THREADS=${LP_NUM_THREADS:-unset, so llvmpipe runs one rasteriser thread per core}"
for mode in $modes; do
  echo "== cache=$mode load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  cache=$mode extra=()
  if [[ $mode == hidden ]]; then cache=pyramid extra=(--hide parcels); fi
  run=(xvfb-run -a -s "-screen 0 ${w}x${h}x24" env LIBGL_ALWAYS_SOFTWARE=1 PARKCAP_VIEWER_CACHE="$cache" $trace
       "$viewer" "$city" --bench "$frames" --size "$size" --quiet "${extra[@]}")
  if [[ -n $lock ]]; then flock "$lock" "${run[@]}"; else "${run[@]}"; fi | grep -v '^bench-warm'
  echo "== cache=$mode load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
