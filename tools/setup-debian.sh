#!/usr/bin/env bash
# Installs everything parkcap needs to build, test and run on a fresh Debian 12
# machine. Idempotent and non-interactive: packages already present are skipped,
# so running it before every build costs a second.
#   tools/setup-debian.sh           build + test dependencies
#   tools/setup-debian.sh --bench   also GeoPandas for tools/bench (PostgreSQL and PostGIS are
#                                   in the base list: the store tests start a throwaway server)
#   tools/setup-debian.sh --fuzz    also Clang and libFuzzer for tools/fuzz
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data
  libboost-dev catch2 libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  coinor-libcbc-dev
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libpng-dev xvfb xauth
  fonts-wqy-microhei libsqlite3-mod-spatialite sqlite3
  libcairo2-dev libpango1.0-dev poppler-utils
  libpq-dev postgresql postgis postgresql-15-postgis-3
  python3 time
)
if [[ "${1:-}" == "--fuzz" ]]; then
  # Clang with libFuzzer and the sanitizer runtimes, for tools/fuzz/run-fuzzers.sh
  packages+=(clang-14 libclang-rt-14-dev)
fi
if [[ "${1:-}" == "--bench" ]]; then
  # python3-rtree: GeoPandas 0.12 needs it (or pygeos) for sjoin; Debian only recommends it
  packages+=(python3-geopandas python3-rtree python3-gdal)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if (( ${#missing[@]} )); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
