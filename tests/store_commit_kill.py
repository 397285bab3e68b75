#!/usr/bin/env python3
"""store_commit_kill.py - reviewers deciding at once while the server is
killed (tests/store_test.sh): THREADS reviewers post escalations on the
alerts in IDS_FILE over keep-alive connections, back to back, and write
every acknowledged one (alert id and the version the answer names) to
ACKED_FILE, until the server stops answering or SECONDS pass.

usage: store_commit_kill.py PORT IDS_FILE ACKED_FILE [THREADS] [SECONDS]
"""
import http.client, json, sys, threading, time

port, ids_file, acked_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
nthreads = int(sys.argv[4]) if len(sys.argv) > 4 else 20
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 10
ids = [l.strip() for l in open(ids_file) if l.strip()]
acked, lock = [], threading.Lock()
stop = time.time() + seconds


def reviewer(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    i = k
    while time.time() < stop:
        a = ids[i % len(ids)]
        i += nthreads
        body = json.dumps({"decision": "escalate", "reason": "kill",
                           "by": "r%d" % k})
        try:
            c.request("POST", "/alerts/%s/decision" % a, body,
                      {"Content-Type": "application/json"})
            r = c.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            return  # the server is gone
        if r.status == 200:
            with lock:
                acked.append("%s %d" % (a, json.loads(data)["version"]))


th = [threading.Thread(target=reviewer, args=(k,)) for k in range(nthreads)]
for t in th:
    t.start()
for t in th:
    t.join()
with open(acked_file, "w") as f:
    f.write("\n".join(acked) + ("\n" if acked else ""))
print(len(acked))
