#!/usr/bin/python3
"""Does the store give what the files give? (tools/bench/store_bench.sh)

    store_agree.py --psql CONNINFO
        [--json KIND FILE.json STORE.json]...      the --json summaries of one command
        [--snapshot KIND ID FILE.gpkg]...           a stored snapshot read back against a GeoPackage
        [--import-issues FILE.gpkg]                 the latest import's issues against FILE.gpkg's rejects

--json compares the two summaries key by key. Timings ("seconds") and the paths of
the outputs differ by nature; the parcels the loader repaired differ by design: the
store holds the repaired geometry, so reading it back repairs nothing (checked:
the store's count is 0 where the file's is not).

--snapshot reads every table of a stored audit or plan back from the store
(audit_rows / plan_rows, through psql) and compares it with the GeoPackage the file
path wrote: the number of rows, and for every field the number of non-empty values,
the sum of the numbers and a digest of the texts in row order. Where the two must
differ it says so and checks what they must still share: run_info names the source
and the timings (only its rows are counted), parcel_flags.source names where each
parcel was read from, and rejects read from the store lacks what the import already
settled (repairs, emptied values, renamed ids: those are in import_issues, checked
with --import-issues) and names the store as its file.

Prints one line per check; exits 1 when anything differs that should not.
"""
import argparse
import hashlib
import json
import math
import sqlite3
import subprocess
import sys

failures = []


def check(ok, what):
    print(("ok    " if ok else "DIFF  ") + what)
    if not ok:
        failures.append(what)


def psql(conninfo, query):
    out = subprocess.run(["psql", "-X", "-q", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", conninfo, "-c", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


# ---- the --json summaries ----------------------------------------------------------

def walk(a, b, path, diffs):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                diffs.append((f"{path}.{k}", a.get(k, "<absent>"), b.get(k, "<absent>")))
            else:
                walk(a[k], b[k], f"{path}.{k}", diffs)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append((f"{path}[]", f"{len(a)} items", f"{len(b)} items"))
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", diffs)
    elif a != b:
        diffs.append((path, a, b))


def compare_json(kind, file_json, store_json):
    with open(file_json) as f:
        a = json.load(f)
    with open(store_json) as f:
        b = json.load(f)
    diffs = []
    walk(a, b, kind, diffs)
    unexpected = []
    for path, x, y in diffs:
        leaf = path.rsplit(".", 1)[-1]
        if leaf == "seconds":
            continue
        if path.startswith(f"{kind}.outputs."):
            continue
        if leaf == "repaired" and ".records." in path and y == 0:
            print(f"note  {path}: file {x}, store 0 (the store holds the repaired geometry)")
            continue
        unexpected.append((path, x, y))
    for path, x, y in unexpected[:20]:
        print(f"      {path}: file {x!r}, store {y!r}")
    check(not unexpected, f"{kind} --json: the store's summary equals the file's "
          f"({sum(1 for _ in leaves(a))} values; {len(unexpected)} differ)")


def leaves(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from leaves(v)
    elif isinstance(x, list):
        for v in x:
            yield from leaves(v)
    else:
        yield x


# ---- stored snapshots --------------------------------------------------------------

def digest(texts):
    h = hashlib.md5()
    h.update("\n".join(texts).encode())
    return h.hexdigest()


def gpkg_profile(path):
    """{table: (rows, {field: (non_empty, number_sum or None, text_digest or None)})}"""
    db = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")]
    geom = {r[0]: r[1] for r in db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns")}
    for t in tables:
        if t == "layer_styles":
            continue
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{t}")') if r[5] == 0 and r[1] != geom.get(t)]
        rows = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        fields = {}
        for c in cols:
            vals = [r[0] for r in db.execute(f'SELECT "{c}" FROM "{t}" ORDER BY fid')]
            present = [v for v in vals if v is not None]
            nums = [v for v in present if isinstance(v, (int, float))]
            texts = [v for v in present if isinstance(v, str)]
            fields[c] = (len(present), math.fsum(nums) if nums else None, digest(texts) if texts else None)
        out[t] = (rows, fields)
    return out


def store_profile(conninfo, kind, snap_id):
    rows = {layer: int(n) for layer, n in
            psql(conninfo, f"SELECT layer, count(*) FROM {kind}_rows WHERE {kind}_id = {snap_id} GROUP BY layer")}
    fields = {}
    q = (f"SELECT layer, key, count(*) FILTER (WHERE jsonb_typeof(value) <> 'null'), "
         f"coalesce(sum((value #>> '{{}}')::numeric) FILTER (WHERE jsonb_typeof(value) = 'number')::text, ''), "
         f"coalesce(md5(string_agg(value #>> '{{}}', E'\\n' ORDER BY row_no) FILTER (WHERE jsonb_typeof(value) = 'string')), '') "
         f"FROM {kind}_rows, jsonb_each(attributes) WHERE {kind}_id = {snap_id} GROUP BY layer, key")
    for layer, key, n, s, d in psql(conninfo, q):
        fields.setdefault(layer, {})[key] = (int(n), float(s) if s else None, d or None)
    return {layer: (n, fields.get(layer, {})) for layer, n in rows.items()}


def same_sum(x, y):
    if x is None or y is None:
        return x == y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def compare_snapshot(conninfo, kind, snap_id, gpkg):
    a = gpkg_profile(gpkg)
    b = store_profile(conninfo, kind, snap_id)
    label = f"{kind} {snap_id} vs {gpkg.rsplit('/', 1)[-1]}"
    # A snapshot keeps rows, so a table without any (no project placed) leaves none in the store.
    empty = sorted(t for t in set(a) - set(b) if a[t][0] == 0)
    if empty:
        print(f"note  {label}: {', '.join(empty)} empty in the file, so without rows in the store")
    check(set(a) - set(empty) == set(b), f"{label}: the same tables ({len(a)}); file only "
          f"{sorted(set(a) - set(b) - set(empty))}, store only {sorted(set(b) - set(a))}")
    for t in sorted(set(a) & set(b)):
        (na, fa), (nb, fb) = a[t], b[t]
        if t == "rejects":
            compare_rejects(conninfo, kind, snap_id, gpkg, label)
            continue
        check(na == nb, f"{label}: {t}: {na} rows in the file, {nb} in the store")
        if t == "run_info":
            continue
        bad = []
        for c in sorted(set(fa) | set(fb)):
            if t == "parcel_flags" and c == "source":
                continue
            x, y = fa.get(c), fb.get(c)
            if x is None or y is None:
                bad.append(f"{c}: {'absent from the store' if y is None else 'absent from the file'}")
            elif x[0] != y[0] or not same_sum(x[1], y[1]) or x[2] != y[2]:
                bad.append(f"{c}: file {x}, store {y}")
        for line in bad[:10]:
            print(f"      {t}.{line}")
        check(not bad, f"{label}: {t}: {len(fa)} fields, every one with the same values"
              f"{' (but source, where each parcel was read from)' if t == 'parcel_flags' else ''}")


def file_rejects(gpkg):
    db = sqlite3.connect(gpkg)
    return [tuple("" if v is None else str(v) for v in r) for r in
            db.execute("SELECT code, layer, coalesce(fid, ''), feature_id, field FROM rejects "
                       "WHERE code <> 'source.counts' ORDER BY row_id")]


def compare_rejects(conninfo, kind, snap_id, gpkg, label):
    mine = file_rejects(gpkg)
    stored = [tuple(r + [""] * (5 - len(r))) for r in psql(
        conninfo, f"SELECT attributes->>'code', attributes->>'layer', coalesce(attributes->>'fid', ''), "
                  f"attributes->>'feature_id', attributes->>'field' FROM {kind}_rows "
                  f"WHERE {kind}_id = {snap_id} AND layer = 'rejects' AND attributes->>'code' <> 'source.counts' "
                  f"ORDER BY row_no")]
    extra = [r for r in stored if r not in mine]
    check(not extra, f"{label}: rejects: the store's {len(stored)} are among the file's {len(mine)} "
          f"(the other {len(mine) - len(stored)} settled at import){'; store only: ' + str(extra[:5]) if extra else ''}")


def compare_import_issues(conninfo, gpkg):
    mine = file_rejects(gpkg)
    stored = [tuple(r + [""] * (5 - len(r))) for r in psql(
        conninfo, "SELECT code, layer, coalesce(fid::text, ''), feature_id, field FROM import_issues "
                  "WHERE import_id = (SELECT max(import_id) FROM imports) AND code <> 'source.counts' ORDER BY n")]
    check(stored == mine, f"import_issues: the import's {len(stored)} issues are the file audit's {len(mine)} rejects, "
          f"one for one (code, layer, fid, feature, field)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--psql", required=True, help="libpq connection string of the store")
    ap.add_argument("--json", nargs=3, action="append", default=[], metavar=("KIND", "FILE", "STORE"))
    ap.add_argument("--snapshot", nargs=3, action="append", default=[], metavar=("KIND", "ID", "GPKG"))
    ap.add_argument("--import-issues", metavar="GPKG")
    args = ap.parse_args()
    for kind, a, b in args.json:
        compare_json(kind, a, b)
    if args.import_issues:
        compare_import_issues(args.psql, args.import_issues)
    for kind, snap_id, gpkg in args.snapshot:
        compare_snapshot(args.psql, kind, int(snap_id), gpkg)
    if failures:
        print(f"store_agree: {len(failures)} check(s) differ", file=sys.stderr)
        sys.exit(1)
    print("store_agree: the store gives what the files give")


if __name__ == "__main__":
    main()
