#!/usr/bin/python3
"""Oracle: botocore's S3 SigV4 signature for one request, at a fixed time.

Reads a JSON request on stdin: method, url, headers (dict), body_hex,
access_key, secret_key, token, region, timestamp ("YYYYMMDDTHHMMSSZ"),
unsigned_payload (bool). Prints JSON with the canonical
request, string to sign and Authorization header botocore computes.
Run with Debian's python3-botocore (/usr/bin/python3).
"""
import json
import sys

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    r = json.load(sys.stdin)
    req = AWSRequest(method=r["method"], url=r["url"], headers=r["headers"],
                     data=bytes.fromhex(r["body_hex"]))
    req.context["timestamp"] = r["timestamp"]
    auth = S3SigV4Auth(Credentials(r["access_key"], r["secret_key"],
                                   r.get("token") or None), "s3", r["region"])
    if r.get("unsigned_payload"):
        # What botocore does when the client config disables payload signing.
        auth._should_sha256_sign_payload = lambda request: False
    auth._modify_request_before_signing(req)
    canonical = auth.canonical_request(req)
    sts = auth.string_to_sign(req, canonical)
    sig = auth.signature(sts, req)
    auth._inject_signature_to_request(req, sig)
    print(json.dumps({"canonical": canonical, "string_to_sign": sts,
                      "authorization": req.headers["Authorization"]}))


if __name__ == "__main__":
    main()
