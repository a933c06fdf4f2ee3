#!/usr/bin/python3
"""Turns run_bench.sh's results.tsv (size, case, run, wall s, peak KiB) into the
Markdown tables of docs/benchmarks.md: per size, each case's median wall time
with its range over the runs and its peak memory, then the ratios the issue sets
targets for (parkcap / floor (2) ≤ 1.3; GeoPandas / parkcap ≥ 10; PostGIS load +
query + export / parkcap ≥ 2; parkcap peak < 1.5 GiB at 1M parcels)."""
import collections
import statistics
import sys

LABELS = [
    ("floor_read", "floor (1): GDAL read + area"),
    ("floor_write", "floor (2): + indexed GeoPackage write"),
    ("floor_write_noindex", "floor (2) without the spatial index (reference)"),
    ("parkcap", "**parkcap audit** (end to end)"),
    ("geopandas", "GeoPandas"),
    ("postgis_load", "PostGIS load (ogr2ogr)"),
    ("postgis_query", "PostGIS query"),
    ("postgis_export", "PostGIS export (ogr2ogr to GPKG)"),
    ("postgis_total", "PostGIS load + query + export"),
]


def main():
    walls = collections.defaultdict(lambda: collections.defaultdict(dict))
    peaks = collections.defaultdict(lambda: collections.defaultdict(dict))
    for line in open(sys.argv[1]):
        size, case, run, wall, peak = line.split("\t")[:5]
        walls[int(size)][case][int(run)] = float(wall)
        peaks[int(size)][case][int(run)] = int(peak)
    for size in sorted(walls):
        w, p = walls[size], peaks[size]
        pg = [c for c in ("postgis_load", "postgis_query", "postgis_export") if c in w]
        if pg:
            runs = set.intersection(*(set(w[c]) for c in pg))
            w["postgis_total"] = {r: sum(w[c][r] for c in pg) for r in runs}
            p["postgis_total"] = {r: max(p[c][r] for c in pg) for r in runs}
        print(f"\n### {size:,} parcels\n")
        print("| case | wall, median | range | peak memory, median |")
        print("|---|---:|---:|---:|")
        med = {}
        for case, label in LABELS:
            if case not in w:
                continue
            vals = list(w[case].values())
            med[case] = statistics.median(vals)
            mem = statistics.median(p[case].values()) / 1024
            note = ""
            if case.startswith("postgis") and "postgis_server" in p:
                note = f" client; server {statistics.median(p['postgis_server'].values()) / 1024:,.0f} MiB" \
                    if case == "postgis_total" else " client"
            print(f"| {label} | {med[case]:,.2f} s | {min(vals):,.2f}–{max(vals):,.2f} s | {mem:,.0f} MiB{note} |")
        runs_n = len(w.get("parkcap", {}))
        print(f"\n{runs_n} runs per case, interleaved.\n")
        if "parkcap" in med:
            pc = med["parkcap"]
            lines = []
            if "floor_write" in med:
                lines.append(("parkcap / floor (2)", pc / med["floor_write"], "≤ 1.3"))
            if "floor_write_noindex" in med:
                lines.append(("parkcap / floor (2) without index", pc / med["floor_write_noindex"], "(reference)"))
            if "geopandas" in med:
                lines.append(("GeoPandas / parkcap", med["geopandas"] / pc, "≥ 10"))
            if "postgis_total" in med:
                lines.append(("PostGIS load + query + export / parkcap", med["postgis_total"] / pc, "≥ 2"))
            lines.append(("parkcap peak memory", statistics.median(p["parkcap"].values()) / 1048576, "< 1.5 GiB"))
            print("| ratio (of medians) | value | target (1M parcels) |")
            print("|---|---:|---|")
            for name, value, target in lines:
                unit = " GiB" if "memory" in name else ""
                print(f"| {name} | {value:.2f}{unit} | {target} |")


if __name__ == "__main__":
    main()
