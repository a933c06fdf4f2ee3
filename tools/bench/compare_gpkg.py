#!/usr/bin/python3
"""Compares two GeoPackages table by table, row by row, value by value.

Used to prove that an optimisation left the audit's results unchanged: every
user table (parcel_flags, flag_details, park_capacity, ...) must have the same
rows; text, integers and geometry blobs must be equal, reals equal or within
--tolerance (relative). GeoPackage bookkeeping (gpkg_*, rtree_*, layer_styles
timestamps) is skipped.

    compare_gpkg.py A.gpkg B.gpkg [--tolerance 0]
Exit code 0 when they agree, 1 when they differ (the first differences printed).
"""
import argparse
import math
import sqlite3
import sys


def tables(db):
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'gpkg%' "
        "AND name NOT LIKE 'rtree%' AND name NOT LIKE 'sqlite%' ORDER BY name").fetchall()
    return [r[0] for r in rows]


def columns(db, table):
    return [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--tolerance", type=float, default=0.0)
    ap.add_argument("--skip-column", action="append", default=["update_time"])
    args = ap.parse_args()
    a, b = sqlite3.connect(args.a), sqlite3.connect(args.b)
    ta, tb = tables(a), tables(b)
    bad = 0
    if ta != tb:
        print(f"tables differ: {ta} vs {tb}")
        bad += 1
    worst = 0.0
    for t in ta:
        if t not in tb:
            continue
        ca, cb = columns(a, t), columns(b, t)
        if ca != cb:
            print(f"{t}: columns differ")
            bad += 1
            continue
        keep = [c for c in ca if c not in args.skip_column]
        sel = ", ".join(f'"{c}"' for c in keep)
        ra = a.execute(f'SELECT {sel} FROM "{t}" ORDER BY rowid').fetchall()
        rb = b.execute(f'SELECT {sel} FROM "{t}" ORDER BY rowid').fetchall()
        if len(ra) != len(rb):
            print(f"{t}: {len(ra)} rows vs {len(rb)}")
            bad += 1
            continue
        shown = 0
        for i, (x, y) in enumerate(zip(ra, rb)):
            for c, u, v in zip(keep, x, y):
                if u == v:
                    continue
                if isinstance(u, float) and isinstance(v, float):
                    if math.isnan(u) and math.isnan(v):
                        continue
                    rel = abs(u - v) / max(abs(u), abs(v), 1e-300)
                    worst = max(worst, rel)
                    if rel <= args.tolerance:
                        continue
                bad += 1
                if shown < 5:
                    print(f"{t} row {i + 1} {c}: {u!r} vs {v!r}")
                    shown += 1
        print(f"{t}: {len(ra)} rows compared")
    print(f"largest relative difference in a real: {worst:.3g}")
    print("IDENTICAL" if bad == 0 and worst == 0 else ("AGREE within tolerance" if bad == 0 else f"DIFFER ({bad})"))
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
