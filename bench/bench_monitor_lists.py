#!/usr/bin/env python3
"""bench_monitor_lists.py - a list version with K entities changed, for
the delta-monitoring benchmark: reads FtM JSON lines (the bundled lists as
archived by a monitor run), adds an alias to K entities chosen with a
fixed seed, writes the result.

usage: python3 bench/bench_monitor_lists.py IN.ftm.json OUT.ftm.json K
"""
import json, random, sys

random.seed(7)
ents = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
k = int(sys.argv[3])
for e in random.sample(ents, k):
    names = e["properties"].get("name") or ["X"]
    e["properties"].setdefault("alias", []).append(names[0] + " Jr")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for e in ents:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
