#!/usr/bin/python3
"""Oracle for Azure Blob authentication, written from Microsoft's REST docs
("Authorize with Shared Key", "Create an account SAS") independently of the
C++ code, using only the standard library.

Reads one JSON object on stdin; "mode" selects:
  sharedkey:   method, url, headers (dict), content_length, account, key
               (base64). Prints JSON {"string_to_sign", "authorization"}.
  account_sas: account, key, permissions, services, resource_types, expiry,
               version, protocol. Prints the SAS token (query string).
"""
import base64
import hashlib
import hmac
import json
import sys
import urllib.parse


def sign(key_b64, text):
    mac = hmac.new(base64.b64decode(key_b64), text.encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def string_to_sign(r):
    headers = {k.lower(): v.strip() for k, v in r["headers"].items()}
    length = r.get("content_length", 0)
    fields = [r["method"].upper(),
              headers.get("content-encoding", ""),
              headers.get("content-language", ""),
              str(length) if length else "",  # empty when 0 (2015-02-21+)
              headers.get("content-md5", ""),
              headers.get("content-type", ""),
              headers.get("date", ""),
              headers.get("if-modified-since", ""),
              headers.get("if-match", ""),
              headers.get("if-none-match", ""),
              headers.get("if-unmodified-since", ""),
              headers.get("range", "")]
    out = "\n".join(fields) + "\n"
    for name in sorted(h for h in headers if h.startswith("x-ms-")):
        out += name + ":" + " ".join(headers[name].split()) + "\n"
    parts = urllib.parse.urlsplit(r["url"])
    out += "/" + r["account"] + (parts.path or "/")
    params = {}
    for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        params.setdefault(name.lower(), []).append(value)
    for name in sorted(params):
        out += "\n" + name + ":" + ",".join(sorted(params[name]))
    return out


def main():
    r = json.load(sys.stdin)
    if r["mode"] == "sharedkey":
        sts = string_to_sign(r)
        print(json.dumps({"string_to_sign": sts,
                          "authorization": "SharedKey %s:%s" % (r["account"], sign(r["key"], sts))}))
    elif r["mode"] == "account_sas":
        # Version 2020-12-06 and later sign an (empty) encryption scope too.
        sts = "\n".join([r["account"], r["permissions"], r["services"], r["resource_types"],
                         "", r["expiry"], "", r["protocol"], r["version"], "", ""])
        query = [("sv", r["version"]), ("ss", r["services"]), ("srt", r["resource_types"]),
                 ("sp", r["permissions"]), ("se", r["expiry"]), ("spr", r["protocol"]),
                 ("sig", sign(r["key"], sts))]
        print(urllib.parse.urlencode(query))
    else:
        sys.exit("unknown mode")


if __name__ == "__main__":
    main()
