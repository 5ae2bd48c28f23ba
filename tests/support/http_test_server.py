#!/usr/bin/python3
"""A tiny HTTP server for transport tests, on 127.0.0.1 and an ephemeral port.

Usage: http_test_server.py PORTFILE [PUBKEY.pem ISSUER TOKEN]
(writes the port to PORTFILE, serves until killed). Paths:
  GET/HEAD /hello        200, body "hello world", header X-Test: yes
  PUT/POST /echo         200, body "got N bytes: <first 16 bytes>"
  any /status/NNN        status NNN, body "<Error><Code>CodeNNN</Code></Error>"
  any /reset             closes the connection without answering
  POST /token            (with PUBKEY.pem ISSUER TOKEN) an OAuth 2.0 token
                         endpoint for the JWT-bearer grant: checks the form,
                         the RS256 signature with PUBKEY.pem (the cryptography
                         module if present, else `openssl dgst -verify`) and
                         the claims (iss ISSUER, the devstorage scope, aud =
                         this endpoint's URL, exp = iat + 3600, iat near now);
                         answers {"access_token": TOKEN, "expires_in": 3600}
                         or 400 {"error": "invalid_grant", ...}
  GET /token-count       how many token requests were answered with a token
"""
import base64
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TOKEN_CONFIG = {}
TOKEN_COUNT = [0]
TOKEN_LOCK = threading.Lock()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_rs256(pubkey_path, signed, signature):
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
    except ImportError:
        with tempfile.TemporaryDirectory() as d:
            data, sig = os.path.join(d, "data"), os.path.join(d, "sig")
            with open(data, "wb") as f:
                f.write(signed)
            with open(sig, "wb") as f:
                f.write(signature)
            r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pubkey_path,
                                "-signature", sig, data], capture_output=True)
            return r.returncode == 0
    with open(pubkey_path, "rb") as f:
        key = serialization.load_pem_public_key(f.read())
    try:
        key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        return True
    except Exception:
        return False


def check_token_request(body, audience):
    """None if the JWT-bearer request is valid, else what is wrong."""
    form = urllib.parse.parse_qs(body.decode(), strict_parsing=True)
    if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
        return "bad grant_type"
    parts = form.get("assertion", [""])[0].split(".")
    if len(parts) != 3:
        return "assertion is not a JWT"
    header = json.loads(b64url_decode(parts[0]))
    claims = json.loads(b64url_decode(parts[1]))
    if header.get("alg") != "RS256" or header.get("typ") != "JWT":
        return "bad JWT header"
    if not verify_rs256(TOKEN_CONFIG["pubkey"], (parts[0] + "." + parts[1]).encode(),
                        b64url_decode(parts[2])):
        return "Invalid JWT Signature."
    if claims.get("iss") != TOKEN_CONFIG["issuer"]:
        return "bad iss"
    if claims.get("scope") != "https://www.googleapis.com/auth/devstorage.read_write":
        return "bad scope"
    if claims.get("aud") != audience:
        return "bad aud"
    iat, exp = claims.get("iat"), claims.get("exp")
    if not isinstance(iat, int) or exp != iat + 3600:
        return "bad iat/exp"
    if abs(iat - time.time()) > 86400 * 366:
        return "iat far from now"
    return None


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
        if self.path == "/token" and self.command == "POST" and TOKEN_CONFIG:
            audience = "http://127.0.0.1:%d/token" % self.server.server_address[1]
            try:
                problem = check_token_request(body, audience)
            except Exception as e:  # malformed input is a 400, never a crash
                problem = "malformed request: %s" % type(e).__name__
            if problem:
                self._answer(400, json.dumps({"error": "invalid_grant",
                                              "error_description": problem}),
                             {"Content-Type": "application/json"})
            else:
                with TOKEN_LOCK:
                    TOKEN_COUNT[0] += 1
                self._answer(200, json.dumps({"access_token": TOKEN_CONFIG["token"],
                                              "expires_in": 3600, "token_type": "Bearer"}),
                             {"Content-Type": "application/json"})
            return
        if self.path == "/token-count":
            with TOKEN_LOCK:
                self._answer(200, str(TOKEN_COUNT[0]))
            return
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
            self._answer(code, "<Error><Code>Code%d</Code></Error>" % code)
        elif self.path == "/hello":
            self._answer(200, "hello world", {"X-Test": "yes"})
        elif self.path in ("/hashed", "/hashed-wrong"):
            # GCS's way: one X-Goog-Hash header per hash.
            md5 = "XrY7u+Ae7tCTyyK7j1rNww==" if self.path == "/hashed" else "AAAAAAAAAAAAAAAAAAAAAA=="
            self.send_response(200)
            self.send_header("Content-Length", "11")
            self.send_header("X-Goog-Hash", "crc32c=yZRlqg==")
            self.send_header("X-Goog-Hash", "md5=" + md5)
            self.end_headers()
            self.wfile.write(b"hello world")
        elif self.path == "/echo":
            self._answer(200, "got %d bytes: %s" % (len(body), body[:16].decode(errors="replace")))
        else:
            self._answer(404, "<Error><Code>NoSuchKey</Code></Error>")

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _route


def main():
    if len(sys.argv) >= 5:
        TOKEN_CONFIG.update(pubkey=sys.argv[2], issuer=sys.argv[3], token=sys.argv[4])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
