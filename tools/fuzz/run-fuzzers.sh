#!/usr/bin/env bash
# Builds the fuzz targets with Clang, libFuzzer, ASan and UBSan (in build-fuzz/),
# and fuzzes each for SECONDS, starting from its seed corpus (tools/fuzz/corpus/)
# and the repository's own files of its kind. Prints one line per target: how many
# inputs ran, the corpus it grew, and whether it found anything; inputs that broke
# a target are kept in build-fuzz/findings/<target>/ to replay
# (build/tools/fuzz/fuzz_<target> FILE, in an ordinary build, reruns one).
#   tools/fuzz/run-fuzzers.sh SECONDS [TARGET...]     e.g. 3600, or 60 rules mapping
# Exits 1 when any target found something. Needs: tools/setup-debian.sh --fuzz
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: tools/fuzz/run-fuzzers.sh SECONDS [TARGET...]}
shift
targets=("$@")
if (( ${#targets[@]} == 0 )); then targets=(dates text numbers rules mapping overrides); fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DPARKCAP_FUZZ=ON -DPARKCAP_SANITIZE=ON -DPARKCAP_BUILD_TESTS=OFF -DPARKCAP_BUILD_TOOLS=OFF \
  -DPARKCAP_BUILD_VIEWER=OFF ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}" >/dev/null

declare -A extra=(
  [rules]="engine/rules/default_rules.toml"
  [mapping]="docs/examples/mapping-pinyin.toml"
  [text]="data/shapefiles/projects.csv data/shapefiles/quota.csv"
)
status=0
printf '%-10s %8s %12s %10s %8s  %s\n' target seconds runs corpus findings log
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t findings=build-fuzz/findings/$t log=build-fuzz/fuzz-$t.log
  mkdir -p "$work" "$findings"
  seeds=(tools/fuzz/corpus/$t)
  # libFuzzer takes folders only: the repository's files of the kind join the working corpus.
  for f in ${extra[$t]:-}; do cp "$f" "$work/"; done
  # A finding stops the target: libFuzzer exits non-zero and saves the input.
  if ! build-fuzz/tools/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
       -artifact_prefix="$findings/" "$work" "${seeds[@]}" >"$log" 2>&1; then
    status=1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "-")
  printf '%-10s %8s %12s %10s %8s  %s\n' "$t" "$seconds" "${runs:--}" "$(ls "$work" | wc -l)" \
    "$(ls "$findings" | wc -l)" "$log"
done
exit $status
