#!/usr/bin/python3
"""Checks that parkcap, GeoPandas and PostGIS computed the same thing.

Reads each contender's output GeoPackage and sums the reference workload the same
way: parcels kept and their area; per park, parcels and area; parcels (and area)
idle with an idle fee, idle to be taken back, below the FAR minimum, below the tax
floor; and the port-shoreline distance (sum, and parcels within 1 km). Counts
must be equal; sums of areas and distances equal within a relative 1e-6
(parkcap stores each distance as a 32-bit float).

    agree.py parkcap=AUDIT.gpkg geopandas=GP.gpkg postgis=PG.gpkg
Prints the figures side by side; exit code 1 when they disagree.
"""
import math
import sqlite3
import sys

SQ_M_PER_MU = 2000.0 / 3.0


def summary_parkcap(path):
    db = sqlite3.connect(path)
    rows = db.execute("SELECT park_id, area_mu, ';' || flags || ';', port_dist FROM parcel_flags")
    return summarise((park, mu * SQ_M_PER_MU,
                      "IDLE_TAKEBACK" if ";IDLE_TAKEBACK;" in flags else "IDLE_FEE" if ";IDLE_FEE;" in flags else "",
                      ";LOW_FAR;" in flags, ";LOW_TAX;" in flags, dist) for park, mu, flags, dist in rows)


def summary_reference(path):
    db = sqlite3.connect(path)
    rows = db.execute("SELECT park_id, area_m2, idle, low_far, low_tax, port_dist FROM parcel_results")
    return summarise((park, area, idle or "", bool(far), bool(tax), dist) for park, area, idle, far, tax, dist in rows)


def summarise(rows):
    s = {}
    def add(key, area):
        n, a = s.get(key, (0, 0.0))
        s[key] = (n + 1, a + area)
    dist_sum, near = 0.0, 0
    for park, area, idle, far, tax, dist in rows:
        add("parcels", area)
        add(f"park {park or '-'}", area)
        if idle:
            add(idle, area)
        if far:
            add("LOW_FAR", area)
        if tax:
            add("LOW_TAX", area)
        if dist is not None:
            dist_sum += dist
            near += dist <= 1000
    s["port distance sum (m)"] = (None, dist_sum)
    s["within 1 km of port shore"] = (near, None)
    return s


def main():
    contenders = dict(a.split("=", 1) for a in sys.argv[1:])
    sums = {name: (summary_parkcap(p) if name == "parkcap" else summary_reference(p)) for name, p in contenders.items()}
    keys = sorted(set().union(*[s.keys() for s in sums.values()]))
    names = list(sums)
    print(f"{'figure':32}" + "".join(f"{n:>30}" for n in names))
    ok = True
    for k in keys:
        vals = [sums[n].get(k, (0, 0.0)) for n in names]
        cells = []
        for n, a in vals:
            cells.append((f"{n:,}" if n is not None else "") + (f" / {a / SQ_M_PER_MU:,.3f} 亩" if a is not None and k.endswith(("parcels", "FEE", "TAKEBACK", "FAR", "TAX")) or k.startswith("park") else (f"{a:,.3f}" if a is not None else "")))
        first = vals[0]
        for n, a in vals[1:]:
            if n != first[0]:
                ok = False
            if a is not None and first[1] is not None and not math.isclose(a, first[1], rel_tol=1e-6, abs_tol=1e-6):
                ok = False
        print(f"{k:32}" + "".join(f"{c:>30}" for c in cells))
    print("AGREE" if ok else "DISAGREE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
