#!/usr/bin/env python3
"""update_server.py - the list publisher for tests/update_test.sh, on
127.0.0.1 only: serves files of ROOT with the failure modes an update
must survive, chosen by the first path component:

  /files/NAME        200 with ETag and Last-Modified; 304 on a match of
                     If-None-Match or If-Modified-Since
  /truncate/NAME     Content-Length of the whole file, half of it sent,
                     then the connection is closed
  /trunc-nolen/NAME  no Content-Length (HTTP/1.0), half sent, closed
  /hang/NAME         accepts and never answers
  /500/NAME          HTTP 500
  /html/NAME         200 with an HTML error page instead of the list

Every request is logged to LOG as "PATH STATUS inm=... ims=...", so the
test can check that requests were conditional and count retries.
usage: update_server.py ROOT LOG PORTFILE
"""
import email.utils
import hashlib
import http.server
import os
import sys
import time

ROOT, LOG, PORTFILE = sys.argv[1:4]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def note(self, status):
        with open(LOG, "a") as f:
            f.write("%s %d inm=%s ims=%s\n" % (
                self.path, status, self.headers.get("If-None-Match", "-"),
                self.headers.get("If-Modified-Since", "-")))

    def do_GET(self):
        parts = self.path.split("/", 2)
        mode, name = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
        path = os.path.join(ROOT, os.path.basename(name))
        if mode == "hang":
            self.note(0)
            time.sleep(60)
            return
        if mode == "500":
            self.note(500)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not os.path.isfile(path):
            self.note(404)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = open(path, "rb").read()
        if mode == "html":
            body = b"<html><body><h1>Service unavailable</h1></body></html>\n"
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.stat(path).st_mtime)
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        if mode == "files":
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = inm == etag if inm else False
            if not inm and ims:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
                fresh = mtime <= t
            if fresh:
                self.note(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.note(200)
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lastmod)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if mode == "truncate":
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if mode == "trunc-nolen":
            self.note(200)
            self.protocol_version = "HTTP/1.0"
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.note(404)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
