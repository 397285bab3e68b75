#!/usr/bin/env python3
"""bench_monitor_reviewers.py - 50 concurrent reviewers deciding alerts
over HTTP at a human pace: each reviewer (a thread with its own
keep-alive connection) posts a decision (escalate, so alerts stay open
and the run can last), then thinks for 0.2-1.0 s, for DURATION seconds.
Prints the decision latency p50/p99/max as the reviewers see it. wrk in
bench_monitor.sh gives the saturated case (no think time: every reviewer
deciding back to back), where latency is queueing behind one writer.

usage: bench_monitor_reviewers.py PORT IDS_FILE [DURATION] [REVIEWERS]
"""
import http.client, json, random, sys, threading, time

port = int(sys.argv[1])
ids = [l.strip() for l in open(sys.argv[2]) if l.strip()]
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 10
nrev = int(sys.argv[4]) if len(sys.argv) > 4 else 50
lat, errors = [], [0]
lock = threading.Lock()
stop = time.time() + duration

def reviewer(k):
    rnd = random.Random(k)
    c = http.client.HTTPConnection("127.0.0.1", port)
    mine, bad = [], 0
    time.sleep(rnd.uniform(0, 1.0))
    while time.time() < stop:
        body = json.dumps({"decision": "escalate", "reason": "bench",
                           "by": "reviewer%d" % k})
        t0 = time.perf_counter()
        c.request("POST", "/alerts/%s/decision" % rnd.choice(ids), body,
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        mine.append(time.perf_counter() - t0)
        if r.status != 200:
            bad += 1
        time.sleep(rnd.uniform(0.2, 1.0))
    with lock:
        lat.extend(mine)
        errors[0] += bad

th = [threading.Thread(target=reviewer, args=(k,)) for k in range(nrev)]
for t in th:
    t.start()
for t in th:
    t.join()
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
print("%d reviewers: decisions %d (%.0f/s), non-200 %d, p50 %.2f ms, "
      "p99 %.2f ms, max %.2f ms" % (nrev, len(lat), len(lat) / duration,
                                    errors[0], q(0.5), q(0.99), lat[-1] * 1000))
