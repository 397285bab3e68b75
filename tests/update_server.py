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

A request in absolute form (GET http://host:port/files/NAME, as sent to
a proxy) is served the same way and logged with its full URL, so the
test can see that the proxy settings were used. With CERT (a PEM file
holding a certificate and its key) the server speaks HTTPS.

Every request is logged to LOG as "PATH STATUS inm=... ims=...", so the
test can check that requests were conditional and count retries.
usage: update_server.py ROOT LOG PORTFILE [CERT]
"""
import email.utils
import hashlib
import http.server
import os
import ssl
import sys
import time
import urllib.parse

ROOT, LOG, PORTFILE = sys.argv[1:4]
CERT = sys.argv[4] if len(sys.argv) > 4 else None


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
        path = self.path
        if path.startswith("http://"):  # absolute form: we are the proxy
            path = urllib.parse.urlsplit(path).path
        parts = path.split("/", 2)
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
if CERT:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
