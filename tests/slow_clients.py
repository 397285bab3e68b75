#!/usr/bin/env python3
"""slow_clients.py - hostile HTTP clients for tests/server_test.sh, on
127.0.0.1 only and bounded (a few hundred sockets, a few seconds).

  slow_clients.py PORT trickle ADDRS N SECS
      from each source address in ADDRS (comma-separated 127.x.y.z),
      open N connections that send a request line and then one header
      byte every 0.5 s for SECS seconds. Prints "opened O refused R
      closed C max_life L": connections the server refused at once
      (closed within 0.3 s with no answer), closed while trickling, and
      the longest time one stayed open.
  slow_clients.py PORT deadline SECS
      one connection trickling a byte every 0.3 s; prints the seconds
      until the server closed it (or SECS when it never did).
"""
import socket
import sys
import time

HOST = "127.0.0.1"


def connect(src):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.settimeout(2)
    s.connect((HOST, PORT))
    s.setblocking(False)
    return s


def closed(s):
    """True when the server closed (EOF or reset) the connection."""
    try:
        data = s.recv(4096)
        return data == b"" or data.startswith(b"HTTP/")
    except BlockingIOError:
        return False
    except OSError:
        return True


def send(s, b):
    try:
        s.send(b)
        return True
    except OSError:
        return False


def trickle(addrs, n, secs):
    socks = []
    t0 = time.monotonic()
    for a in addrs:
        for _ in range(n):
            try:
                s = connect(a)
            except OSError:
                continue
            send(s, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            socks.append([s, time.monotonic(), None])
    opened = len(socks)
    time.sleep(0.3)
    refused = 0
    for e in socks:
        if closed(e[0]):
            e[2] = time.monotonic()
            refused += 1
    end = t0 + secs
    while time.monotonic() < end:
        for e in socks:
            if e[2] is None:
                if not send(e[0], b"a") or closed(e[0]):
                    e[2] = time.monotonic()
        time.sleep(0.5)
    now = time.monotonic()
    closed_n = sum(1 for e in socks if e[2] is not None) - refused
    life = max([(e[2] or now) - e[1] for e in socks] or [0])
    for e in socks:
        e[0].close()
    print("opened %d refused %d closed %d max_life %.1f"
          % (opened, refused, closed_n, life))


def deadline(secs):
    s = connect("127.0.0.1")
    t0 = time.monotonic()
    send(s, b"GET /healthz HTTP/1.1\r\n")
    while time.monotonic() - t0 < secs:
        if not send(s, b"X") or closed(s):
            print("%.1f" % (time.monotonic() - t0))
            return
        time.sleep(0.3)
    print("%.1f" % secs)


PORT = int(sys.argv[1])
if sys.argv[2] == "trickle":
    trickle(sys.argv[3].split(","), int(sys.argv[4]), float(sys.argv[5]))
else:
    deadline(float(sys.argv[3]))
