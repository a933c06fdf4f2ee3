#!/usr/bin/env bash
# Capacity rounding ([solver] capacity_rounding_max_units, docs/allocate.md
# "Capacity rounding") off and on, side by side on the same bench_allocate
# instances: for each seed and each step of the projects' asked areas, one solve
# without and one with rounding, then per (family, size, step) the mean of CBC's
# branch-and-bound nodes (the same on every run), of the seconds (which vary with
# the machine's load), how many solves stopped within the rules' gap, and the mean
# gap of those that did not. On a shared machine, --lock FILE holds FILE (flock)
# for each solve only.
#
#   tools/bench/rounding_bench.sh [--build DIR] [--family squares|blocks] [--sizes 50x20,100x40]
#                                 [--steps "1 10"] [--seeds "1 2 3 4 5 6 7 8"] [--time-limit S]
#                                 [--units N] [--lock FILE]
set -euo pipefail
build=build family=squares sizes=50x20,100x40 steps="1 10" seeds="1 2 3 4 5 6 7 8" limit=60 units=4194304 lock=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --family) family=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --time-limit) limit=$2; shift 2 ;;
    --units) units=$2; shift 2 ;;
    --lock) lock=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "rounding_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
bench=$build/tools/bench_allocate
[[ -x $bench ]] || { echo "rounding_bench.sh: $bench not built (cmake --build $build)" >&2; exit 2; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $(date -u +%FT%TZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "family $family, sizes $sizes, steps $steps mu, seeds $seeds, time limit $limit s, rounding up to $units units"
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for step in $steps; do
  for seed in $seeds; do
    for rounding in 0 "$units"; do
      cmd=("$bench" --family "$family" --sizes "$sizes" --area-step "$step" --rounding "$rounding" --seed "$seed" --time-limit "$limit")
      if [[ -n $lock ]]; then out=$(flock "$lock" "${cmd[@]}"); else out=$("${cmd[@]}"); fi
      # bench_allocate's rows: size blocks asm vars rows rnd | greedy s asm | model bound gap stopped_by nodes s asm | method
      awk -v step="$step" -v seed="$seed" -v r="$rounding" 'NR > 2 && $7 == "|" {
            gap = $14; sub("%", "", gap)
            print step, seed, (r > 0 ? "on" : "off"), $1, $6, $12, gap, $15, $16, $17 }' <<< "$out" >> "$rows"
    done
  done
done
echo
echo "per solve: step seed rounding size rows_rounded model gap% stopped_by nodes s"
sort -k4,4 -k1n -k2n -k3r "$rows" | column -t
echo
echo "per size and step: rounding, solves, mean nodes, mean s, within the gap (optimal or relative_gap), mean gap% of the others"
awk '{ k = $4 " step " $1 " rounding " $3; n[k]++; nodes[k] += $9; s[k] += $10
       if ($8 == "optimal" || $8 == "relative_gap") ok[k]++; else { open[k]++; g[k] += $7 } }
     END { for (k in n) printf "%s: %d solves, %.0f nodes, %.2f s, %d within the gap%s\n", k, n[k], nodes[k] / n[k], s[k] / n[k],
                                ok[k], open[k] ? sprintf(", the other %d at %.3f%%", open[k], g[k] / open[k]) : "" }' "$rows" | sort
