#!/usr/bin/python3
"""A tiny HTTP server for transport tests, on 127.0.0.1 and an ephemeral port.

Usage: http_test_server.py PORTFILE   (writes the port to PORTFILE, serves
until killed). Paths:
  GET/HEAD /hello        200, body "hello world", header X-Test: yes
  PUT/POST /echo         200, body "got N bytes: <first 16 bytes>"
  any /status/NNN        status NNN, body "<Error><Code>CodeNNN</Code></Error>"
  any /reset             closes the connection without answering
"""
import http.server
import socket
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, status, body, extra=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _route(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            self.close_connection = True
            return
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
            self._answer(code, "<Error><Code>Code%d</Code></Error>" % code)
        elif self.path == "/hello":
            self._answer(200, "hello world", {"X-Test": "yes"})
        elif self.path == "/echo":
            self._answer(200, "got %d bytes: %s" % (len(body), body[:16].decode(errors="replace")))
        else:
            self._answer(404, "<Error><Code>NoSuchKey</Code></Error>")

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _route


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
