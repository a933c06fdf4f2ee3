#!/usr/bin/python3
"""Turns run_bench.sh's results.tsv (size, case, run, wall s, peak KiB) into the
Markdown tables of docs/benchmarks.md: per size, each case's median wall time
with its range over the runs and its peak memory, then the ratios the issue sets
targets for (parkcap / floor (2) ≤ 0.8, issue 17's, 1.3 before it; the phases:
load / floor (1) ≤ 2, the audit phase ≤ 3 s, write / floor (2) without index ≤ 1.5,
with each phase's CPU ÷ wall; GeoPandas / parkcap ≥ 10; PostGIS load + query +
export / parkcap ≥ 2; parkcap peak < 1.5 GiB at 1M parcels), each marked met or not. A size written
CITY:SIZE (riverbend:1000000) is that city's; a plain size the sample-like city's.
Rows with a sixth and seventh column (the command's CPU seconds, the other
processes' CPU seconds meanwhile) add those medians; a case whose runs had the rest
of the machine busy for more than half a core on average (others' CPU ÷ wall > 0.5)
is marked, and so is every ratio it enters."""
import collections
import statistics
import sys

LABELS = [
    ("floor_read", "floor (1): GDAL read + area"),
    ("floor_write", "floor (2): + indexed GeoPackage write"),
    ("floor_write_noindex", "floor (2) without the spatial index (reference)"),
    ("parkcap", "**parkcap audit** (end to end)"),
    ("phase_load", "parkcap phase: load (read, reproject, validate, columns)"),
    ("phase_audit", "parkcap phase: audit (rules, 亩均, capacity, shoreline)"),
    ("phase_write", "parkcap phase: write (audit GeoPackage)"),
    ("geopandas", "GeoPandas"),
    ("postgis_load", "PostGIS load (ogr2ogr)"),
    ("postgis_query", "PostGIS query"),
    ("postgis_export", "PostGIS export (ogr2ogr to GPKG)"),
    ("postgis_total", "PostGIS load + query + export"),
]


def met(value, target):
    """'yes' or 'no' for a target written '≤ X', '≥ X' or '< X [unit]'; '' for a figure only reported."""
    op, _, rest = target.partition(" ")
    try:
        limit = float(rest.split()[0])
    except (ValueError, IndexError):
        return ""
    ok = {"≤": value <= limit, "≥": value >= limit, "<": value < limit}.get(op)
    return "" if ok is None else "yes" if ok else "**no**"


def main():
    walls = collections.defaultdict(lambda: collections.defaultdict(dict))
    peaks = collections.defaultdict(lambda: collections.defaultdict(dict))
    cpus = collections.defaultdict(lambda: collections.defaultdict(dict))
    others = collections.defaultdict(lambda: collections.defaultdict(dict))
    for line in open(sys.argv[1]):
        cols = line.rstrip("\n").split("\t")
        size, case, run, wall, peak = cols[:5]
        city, _, n = size.rpartition(":")
        key = (city != "", city, int(n))  # the sample-like city first
        walls[key][case][int(run)] = float(wall)
        peaks[key][case][int(run)] = int(peak)
        if len(cols) >= 7:
            cpus[key][case][int(run)] = float(cols[5])
            others[key][case][int(run)] = float(cols[6])
    for key in sorted(walls):
        _, city, size = key
        w, p, cp, ot = walls[key], peaks[key], cpus[key], others[key]
        pg = [c for c in ("postgis_load", "postgis_query", "postgis_export") if c in w]
        if pg:
            runs = set.intersection(*(set(w[c]) for c in pg))
            w["postgis_total"] = {r: sum(w[c][r] for c in pg) for r in runs}
            p["postgis_total"] = {r: max(p[c][r] for c in pg) for r in runs}
            if all(c in cp for c in pg):
                cp["postgis_total"] = {r: sum(cp[c][r] for c in pg) for r in runs}
                ot["postgis_total"] = {r: sum(ot[c][r] for c in pg) for r in runs}
        shared = {c for c in ot if c in w and statistics.median(ot[c][r] / max(w[c][r], 1e-9) for r in ot[c]) > 0.5}
        print(f"\n### {size:,} parcels{f' ({city})' if city else ''}\n")
        with_cpu = bool(cp)
        if with_cpu:
            print("| case | wall, median | range | peak memory, median | CPU, median | others' CPU, median |")
            print("|---|---:|---:|---:|---:|---:|")
        else:
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
            row = f"| {label} | {med[case]:,.2f} s | {min(vals):,.2f}–{max(vals):,.2f} s | {mem:,.0f} MiB{note} |"
            if with_cpu:
                mark = " (others took a core)" if case in shared else ""
                row += (f" {statistics.median(cp[case].values()):,.2f} s | {statistics.median(ot[case].values()):,.2f} s{mark} |"
                        if case in cp else " | |")
            print(row)
        runs_n = len(w.get("parkcap", {}))
        print(f"\n{runs_n} runs per case, interleaved.\n")
        if "parkcap" in med:
            pc = med["parkcap"]
            lines = []
            def marked(*cases):
                return " (others took a core)" if any(c in shared for c in cases) else ""
            if "floor_write" in med:
                lines.append(("parkcap / floor (2)" + marked("parkcap", "floor_write"), pc / med["floor_write"], "≤ 0.8"))
            if "floor_write_noindex" in med:
                lines.append(("parkcap / floor (2) without index" + marked("parkcap", "floor_write_noindex"),
                              pc / med["floor_write_noindex"], "(reference)"))
            if "geopandas" in med:
                lines.append(("GeoPandas / parkcap" + marked("parkcap", "geopandas"), med["geopandas"] / pc, "≥ 10"))
            if "postgis_total" in med:
                lines.append(("PostGIS load + query + export / parkcap" + marked("parkcap", "postgis_total"),
                              med["postgis_total"] / pc, "≥ 2"))
            if "phase_load" in med and "floor_read" in med:
                lines.append(("load phase / floor (1)" + marked("phase_load", "floor_read"),
                              med["phase_load"] / med["floor_read"], "≤ 2"))
            if "phase_audit" in med:
                lines.append(("audit phase, seconds" + marked("phase_audit"), med["phase_audit"], "≤ 3"))
            if "phase_write" in med and "floor_write_noindex" in med:
                lines.append(("write phase / floor (2) without index" + marked("phase_write", "floor_write_noindex"),
                              med["phase_write"] / med["floor_write_noindex"], "≤ 1.5"))
            for phase in ("phase_load", "phase_audit", "phase_write"):
                if phase in med and phase in cp:
                    lines.append((f"{phase[6:]} phase CPU ÷ wall (2 = both cores)",
                                  statistics.median(cp[phase].values()) / max(med[phase], 1e-9), "(reported)"))
            lines.append(("parkcap peak memory", statistics.median(p["parkcap"].values()) / 1048576, "< 1.5 GiB"))
            print("| ratio (of medians) | value | target (1M parcels) | met |")
            print("|---|---:|---|---|")
            for name, value, target in lines:
                unit = " GiB" if "memory" in name else ""
                print(f"| {name} | {value:.2f}{unit} | {target} | {met(value, target)} |")


if __name__ == "__main__":
    main()
