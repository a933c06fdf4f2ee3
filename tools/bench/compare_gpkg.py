#!/usr/bin/python3
"""Compares two GeoPackages table by table, row by row, value by value.

Used to prove that an optimisation left the audit's results unchanged: every
user table (parcel_flags, flag_details, park_capacity, ...) must have the same
rows; text, integers and geometry blobs must be equal, reals equal or within
--tolerance (relative). GeoPackage bookkeeping (gpkg_*, rtree_*, layer_styles
timestamps) is skipped, unless --metadata: then the schema (every table, index and
trigger as sqlite_master holds it), the gpkg_* tables (feature counts, extents,
geometry columns, extensions; not the last_change times), the spatial indexes'
tables and sqlite_sequence must be equal too, as must the page size.

    compare_gpkg.py A.gpkg B.gpkg [--tolerance 0] [--metadata]
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


def metadata_differences(a, b):
    """The bookkeeping of two GeoPackages compared exactly; the differences found."""
    out = []
    queries = {
        "schema": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
        "page_size": "PRAGMA page_size",
        "application_id": "PRAGMA application_id",
        "user_version": "PRAGMA user_version",
    }
    for label, q in queries.items():
        if a.execute(q).fetchall() != b.execute(q).fetchall():
            out.append(f"{label} differs")
    names = [r[0] for r in a.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND (name LIKE 'gpkg%' OR name LIKE 'rtree%' "
        "OR name = 'sqlite_sequence') AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    for t in names:
        cols = [c for c in columns(a, t) if c != "last_change"]
        sel = ", ".join(f'"{c}"' for c in cols)
        try:
            ra = a.execute(f'SELECT {sel} FROM "{t}" ORDER BY 1, 2').fetchall()
            rb = b.execute(f'SELECT {sel} FROM "{t}" ORDER BY 1, 2').fetchall()
        except sqlite3.Error as e:
            out.append(f"{t}: {e}")
            continue
        if ra != rb:
            out.append(f"{t}: {len(ra)} vs {len(rb)} rows, contents differ")
        else:
            print(f"{t}: {len(ra)} rows compared")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--tolerance", type=float, default=0.0)
    ap.add_argument("--skip-column", action="append", default=["update_time"])
    ap.add_argument("--metadata", action="store_true", help="compare the GeoPackage bookkeeping as well")
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
    if args.metadata:
        for d in metadata_differences(a, b):
            print(d)
            bad += 1
    print(f"largest relative difference in a real: {worst:.3g}")
    print("IDENTICAL" if bad == 0 and worst == 0 else ("AGREE within tolerance" if bad == 0 else f"DIFFER ({bad})"))
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
