#!/usr/bin/python3
"""Turns store_bench.sh's results.tsv into the Markdown tables of docs/store.md.

results.tsv rows: size step path run wall_s user_s sys_s peak_kib server_cpu_s
server_pss_kib, and one 'size store_size store - BYTES' row per size. Per size: each
step's median over the runs (with the range when there are several), client CPU
(user + system), client peak memory, the server's CPU and peak memory over the
step, then the store's time over the file's for the steps both paths have."""
import collections
import statistics
import sys

STEPS = [
    ("init", "store", "`parkcap db init PG:...`"),
    ("import", "store", "`parkcap db import DATA --db PG:...`"),
    ("load", "file", "load: `parkcap info DATA`"),
    ("load", "store", "load: `parkcap info PG:...`"),
    ("audit", "file", "`parkcap audit DATA --out A.gpkg`"),
    ("audit", "store", "`parkcap audit PG:... --store`"),
    ("plan", "file", "`parkcap plan DATA --out P.gpkg --audit-out A.gpkg`"),
    ("plan", "store", "`parkcap plan PG:... --store`"),
]


def fmt_s(x):
    return f"{x:,.1f} s" if x >= 10 else f"{x:.2f} s"


def mib(kib):
    return f"{kib / 1024:,.0f} MiB"


def main():
    runs = collections.defaultdict(list)
    store_size = {}
    for line in open(sys.argv[1]):
        f = line.rstrip("\n").split("\t")
        size = int(f[0])
        if f[1] == "store_size":
            store_size[size] = int(f[4])
            continue
        wall, user, sys_, peak, server_cpu, server_pss = map(float, f[4:10])
        runs[(size, f[1], f[2])].append((wall, user + sys_, peak, server_cpu, server_pss))
    for size in sorted({k[0] for k in runs}):
        print(f"\n### {size:,} parcels\n")
        n = max(len(v) for k, v in runs.items() if k[0] == size)
        wall_head = "wall" if n == 1 else f"wall, median (range of {n})"
        print(f"| step | {wall_head} | CPU, client | peak memory, client | CPU, server | peak memory, server |")
        print("|---|---:|---:|---:|---:|---:|")
        med = {}
        for step, path, label in STEPS:
            v = runs.get((size, step, path))
            if not v:
                continue
            m = [statistics.median(x[i] for x in v) for i in range(5)]
            med[(step, path)] = m[0]
            wall = fmt_s(m[0])
            if len(v) > 1:
                wall += f" ({fmt_s(min(x[0] for x in v))}–{fmt_s(max(x[0] for x in v))})"
            server = (fmt_s(m[3]), mib(m[4])) if path == "store" else ("—", "—")
            print(f"| {label} | {wall} | {fmt_s(m[1])} | {mib(m[2])} | {server[0]} | {server[1]} |")
        ratios = [f"{step} {med[(step, 'store')] / med[(step, 'file')]:.2f}"
                  for step in ("load", "audit", "plan") if (step, "file") in med and (step, "store") in med]
        if ratios:
            print(f"\nStore / file, wall: {'; '.join(ratios)}.", end="")
        if size in store_size:
            print(f" Store after the runs: {store_size[size] / 2**20:,.0f} MiB (pg_database_size).", end="")
        print()


if __name__ == "__main__":
    main()
