#!/usr/bin/env python3
"""bench_monitor_floor.py - the baseline under the decision latency: a
bare durable SQLite commit (WAL, synchronous=FULL, one small row, the
same pace as the reviewers: RATE commits/s for DURATION seconds) in a
database in DIR, on the same disk and in the same run as the decision
benchmark. No decision can be acknowledged faster than the disk syncs
its WAL, so this p99 is the floor of the decision p99.

With --sync, the disk itself instead: the latency distribution of
fdatasync after a 4 KiB write, in a new file in each DIR, N times paced
(RATE/s) and N times back to back, for appends (the file grows: the
filesystem journals its size too) and overwrites of a preallocated file
(what SQLite's reused WAL and PostgreSQL's recycled WAL segments do),
with the filesystem type of each DIR (tmpfs: a sync costs nothing).

usage: bench_monitor_floor.py DIR [DURATION] [RATE]
       bench_monitor_floor.py --sync [--n N] [--rate RATE] DIR...
"""
import os, sqlite3, subprocess, sys, time


def fs_type(d):
    try:
        return subprocess.run(["df", "--output=fstype", d], check=True,
                              capture_output=True, text=True).stdout.split()[-1]
    except Exception:
        return "?"


def sync_lat(d, n, pace, overwrite):
    p = os.path.join(d, "kd_sync_probe.%d" % os.getpid())
    fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    buf = b"x" * 4096
    lat = []
    try:
        if overwrite:
            os.pwrite(fd, b"\0" * (4096 * n), 0)
            os.fsync(fd)
        for i in range(n):
            t0 = time.perf_counter()
            os.pwrite(fd, buf, 4096 * i)
            os.fdatasync(fd)
            lat.append(time.perf_counter() - t0)
            if pace:
                time.sleep(max(0, pace - lat[-1]))
    finally:
        os.close(fd)
        os.unlink(p)
    lat.sort()
    return lat


if len(sys.argv) > 1 and sys.argv[1] == "--sync":
    args, n, rate = sys.argv[2:], 500, 80.0
    while args and args[0] in ("--n", "--rate"):
        if args[0] == "--n":
            n = int(args[1])
        else:
            rate = float(args[1])
        args = args[2:]
    for d in args:
        for pace, what in ((1 / rate, "paced %.0f/s" % rate),
                           (0, "back to back")):
            for ow in (True, False):
                lat = sync_lat(d, n, pace, ow)
                q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
                print("fdatasync %s (%s): %s, %s, %d: p50 %.2f ms, p90 %.2f "
                      "ms, p99 %.2f ms, max %.2f ms"
                      % (d, fs_type(d), "overwrite" if ow else "append",
                         what, n, q(0.5), q(0.9), q(0.99), lat[-1] * 1000))
    sys.exit(0)

d = sys.argv[1]
duration = float(sys.argv[2]) if len(sys.argv) > 2 else 10
rate = float(sys.argv[3]) if len(sys.argv) > 3 else 80
path = os.path.join(d, "floor.db")
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)")
lat = []
stop = time.time() + duration
while time.time() < stop:
    t0 = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t(v) VALUES(?)", ("x" * 300,))
    db.execute("COMMIT")
    lat.append(time.perf_counter() - t0)
    time.sleep(max(0, 1 / rate - lat[-1]))
db.close()
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
print("durable commit floor: %d commits (%.0f/s), p50 %.2f ms, p99 %.2f ms, "
      "max %.2f ms" % (len(lat), len(lat) / duration, q(0.5), q(0.99),
                       lat[-1] * 1000))
