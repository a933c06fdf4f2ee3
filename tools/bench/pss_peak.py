#!/usr/bin/python3
"""Peak memory of a process tree (a PostgreSQL server: postmaster and backends).

Polls every 0.2 s the proportional set size (Pss, from /proc/PID/smaps_rollup) of
PID and all its descendants, so shared buffers are counted once, not once per
backend. Runs until SIGTERM or SIGINT, then writes the peak in KiB to OUT.

    pss_peak.py PID OUT &  ...  kill %1
"""
import os
import signal
import sys
import time


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    return kids


def tree_pss_kib(root):
    kids, total, pending = children_map(), 0, [root]
    while pending:
        pid = pending.pop()
        pending.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def main():
    root, out = int(sys.argv[1]), sys.argv[2]
    peak = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while not stop:
        peak = max(peak, tree_pss_kib(root))
        time.sleep(0.2)
    with open(out, "w") as f:
        f.write(f"{peak}\n")


if __name__ == "__main__":
    main()
