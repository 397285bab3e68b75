#!/usr/bin/env python3
"""bench_monitor_floor.py - the baseline under the decision latency: a
bare durable SQLite commit (WAL, synchronous=FULL, one small row, the
same pace as the reviewers: RATE commits/s for DURATION seconds) in a
database in DIR, on the same disk and in the same run as the decision
benchmark. No decision can be acknowledged faster than the disk syncs
its WAL, so this p99 is the floor of the decision p99.

usage: bench_monitor_floor.py DIR [DURATION] [RATE]
"""
import os, sqlite3, sys, time

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
