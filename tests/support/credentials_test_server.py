#!/usr/bin/python3
"""Fake credential endpoints of the three clouds, on 127.0.0.1 and an
ephemeral port, for the credential tests. Each endpoint checks the protocol
step a real one checks and answers 400/401/403 with what is wrong.

Usage: credentials_test_server.py PORTFILE (writes the port, serves until
killed). Credentials expire LIFETIME (3600) seconds after they are issued;
each answer numbers its credentials (ASIAIMDS1, ASIAIMDS2, ...) so a test
sees a refresh. GET /count/NAME answers how many NAME answers were given
(imds-token, imds, ecs, sts, web, gce, user, azure-mi, azure-app, azure-wi).

AWS   PUT  /latest/api/token  needs X-aws-ec2-metadata-token-ttl-seconds 1..21600
      GET  /latest/meta-data/iam/security-credentials/[skyrocks-role]
                              needs X-aws-ec2-metadata-token from the PUT
      GET  /ecs/credentials   needs Authorization: ecs-auth-token
      POST /                  STS: Version 2011-06-15, RoleArn,
                              RoleSessionName; AssumeRole needs a valid SigV4
                              signature by AKIASOURCE/source-secret for
                              service sts; AssumeRoleWithWebIdentity must be
                              unsigned with a WebIdentityToken
GCS   GET  /computeMetadata/v1/instance/service-accounts/default/token
                              needs Metadata-Flavor: Google
      POST /oauth2/token      grant_type=refresh_token with client_id,
                              client_secret and refresh_token as issued
Azure GET  /metadata/identity/oauth2/token  needs Metadata: true,
                              api-version=2018-02-01, resource
                              https://storage.azure.com/ (client_id echoed)
      GET  /msi/token         needs X-IDENTITY-HEADER: app-service-secret
      POST /TENANT/oauth2/v2.0/token  client_credentials with a
                              client_assertion and the storage scope
      GET/HEAD /acct/cont/KEY a blob, needs Authorization: Bearer azure-*
                              and x-ms-version >= 2017-11-09
"""
import datetime
import hashlib
import hmac
import http.server
import json
import sys
import threading
import time
import urllib.parse

LIFETIME = 3600
COUNTS = {}
ISSUED_IMDS = set()
LOCK = threading.Lock()


def bump(name):
    with LOCK:
        COUNTS[name] = COUNTS.get(name, 0) + 1
        return COUNTS[name]


def iso(t):
    return datetime.datetime.utcfromtimestamp(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def sigv4_problem(method, path, headers, body, key_id, secret, service):
    """None if headers carry a valid SigV4 signature, else what is wrong."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "not signed with SigV4"
    fields = dict(p.strip().split("=", 1) for p in auth[17:].split(","))
    scope = fields["Credential"].split("/")
    if scope[0] != key_id or scope[3] != service or scope[4] != "aws4_request":
        return "bad credential scope " + fields["Credential"]
    names = fields["SignedHeaders"].split(";")
    if "host" not in names:
        return "host not signed"
    canonical = "\n".join([
        method, path, "",
        "".join("%s:%s\n" % (n, " ".join(headers.get(n, "").split())) for n in names),
        fields["SignedHeaders"],
        hashlib.sha256(body).hexdigest()])
    date = headers.get("x-amz-date", "")
    to_sign = "\n".join(["AWS4-HMAC-SHA256", date, "/".join(scope[1:]),
                         hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in scope[1:]:
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    if hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest() != fields["Signature"]:
        return "signature does not match"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, status, body, ctype="application/json", extra=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _aws_json(self, prefix, name):
        n = bump(name)
        self._answer(200, json.dumps({
            "Code": "Success", "AccessKeyId": "%s%d" % (prefix, n),
            "SecretAccessKey": "secret-%d" % n, "Token": "session-%d" % n,
            "Expiration": iso(time.time() + LIFETIME)}))

    def _sts(self, body):
        form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
        one = lambda k: form.get(k, [""])[0]
        if one("Version") != "2011-06-15" or not one("RoleArn") or not one("RoleSessionName"):
            return self._answer(400, "<ErrorResponse><Error><Code>ValidationError</Code>"
                                "<Message>missing Version, RoleArn or RoleSessionName"
                                "</Message></Error></ErrorResponse>", "text/xml")
        action = one("Action")
        if action == "AssumeRole":
            problem = sigv4_problem("POST", "/", self.headers, body, "AKIASOURCE",
                                    "source-secret", "sts")
            name, prefix = "sts", "ASIAROLE"
        elif action == "AssumeRoleWithWebIdentity":
            problem = None if one("WebIdentityToken").startswith("eyJ") else "bad token"
            if "Authorization" in self.headers:
                problem = "AssumeRoleWithWebIdentity must not be signed"
            name, prefix = "web", "ASIAWEB"
        else:
            problem, name, prefix = "unknown Action " + action, "", ""
        if problem:
            return self._answer(403, "<ErrorResponse><Error><Code>AccessDenied</Code>"
                                "<Message>%s</Message></Error></ErrorResponse>" % problem,
                                "text/xml")
        n = bump(name)
        self._answer(200, (
            "<%sResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><%sResult>"
            "<Credentials><AccessKeyId>%s%d</AccessKeyId><SecretAccessKey>secret-%d"
            "</SecretAccessKey><SessionToken>session-%d</SessionToken><Expiration>%s"
            "</Expiration></Credentials></%sResult></%sResponse>") % (
                action, action, prefix, n, n, n, iso(time.time() + LIFETIME), action,
                action), "text/xml")

    def _bearer(self, name, prefix, expires_as_string):
        n = bump(name)
        life = LIFETIME - 1
        self._answer(200, json.dumps({
            "access_token": "%s-%d" % (prefix, n), "token_type": "Bearer",
            "expires_in": str(life) if expires_as_string else life,
            "expires_on": str(int(time.time()) + life)}))

    def _route(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        path, h = url.path, self.headers
        if path.startswith("/count/"):
            with LOCK:
                return self._answer(200, str(COUNTS.get(path[7:], 0)), "text/plain")
        if path == "/latest/api/token" and self.command == "PUT":
            ttl = h.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return self._answer(400, "bad X-aws-ec2-metadata-token-ttl-seconds", "text/plain")
            token = "imds-session-%d" % bump("imds-token")
            with LOCK:
                ISSUED_IMDS.add(token)
            return self._answer(200, token, "text/plain")
        if path.startswith("/latest/meta-data/iam/security-credentials/"):
            with LOCK:
                ok = h.get("X-aws-ec2-metadata-token", "") in ISSUED_IMDS
            if not ok:
                return self._answer(401, "IMDSv2 token missing or unknown", "text/plain")
            role = path[len("/latest/meta-data/iam/security-credentials/"):]
            if role == "":
                return self._answer(200, "skyrocks-role\n", "text/plain")
            if role != "skyrocks-role":
                return self._answer(404, "no such role", "text/plain")
            return self._aws_json("ASIAIMDS", "imds")
        if path == "/ecs/credentials":
            if h.get("Authorization") != "ecs-auth-token":
                return self._answer(401, json.dumps({"message": "bad Authorization"}))
            return self._aws_json("ASIAECS", "ecs")
        if path == "/" and self.command == "POST":
            return self._sts(body)
        if path == "/computeMetadata/v1/instance/service-accounts/default/token":
            if h.get("Metadata-Flavor") != "Google":
                return self._answer(403, "Missing Metadata-Flavor:Google header.", "text/html")
            return self._bearer("gce", "gce-token", False)
        if path == "/oauth2/token" and self.command == "POST":
            form = dict(urllib.parse.parse_qsl(body.decode()))
            if form != {"grant_type": "refresh_token", "client_id": "skyrocks-client",
                        "client_secret": "client-secret", "refresh_token": "1//refresh"}:
                return self._answer(400, json.dumps({"error": "invalid_grant",
                                                     "error_description": "bad form"}))
            return self._bearer("user", "user-token", False)
        if path == "/metadata/identity/oauth2/token":
            if (h.get("Metadata") != "true" or query.get("api-version") != "2018-02-01"
                    or query.get("resource") != "https://storage.azure.com/"):
                return self._answer(400, json.dumps({"error": "invalid_request"}))
            who = "azure-mi" if "client_id" not in query else "azure-mi-" + query["client_id"]
            return self._bearer("azure-mi", who, True)
        if path == "/msi/token":
            if (h.get("X-IDENTITY-HEADER") != "app-service-secret"
                    or query.get("resource") != "https://storage.azure.com/"):
                return self._answer(400, json.dumps({"error": "invalid_request"}))
            return self._bearer("azure-app", "azure-app", True)
        if path.endswith("/oauth2/v2.0/token") and self.command == "POST":
            form = dict(urllib.parse.parse_qsl(body.decode()))
            if (form.get("grant_type") != "client_credentials"
                    or form.get("client_assertion_type") !=
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                    or not form.get("client_assertion", "").startswith("eyJ")
                    or form.get("client_id") != "wi-client"
                    or form.get("scope") != "https://storage.azure.com/.default"
                    or path != "/wi-tenant/oauth2/v2.0/token"):
                return self._answer(400, json.dumps({"error": "invalid_client"}))
            return self._bearer("azure-wi", "azure-wi", False)
        if path.startswith("/acct/"):
            auth = h.get("Authorization", "")
            version = h.get("x-ms-version", "")
            if not auth.startswith("Bearer azure-") or version < "2017-11-09":
                return self._answer(401, "<Error><Code>NoAuthenticationInformation</Code>"
                                    "</Error>", "application/xml")
            return self._answer(200, "blob", "application/octet-stream",
                                {"ETag": "\"0x1\"", "x-ms-blob-type": "BlockBlob",
                                 "Last-Modified": "Mon, 07 Dec 2026 12:00:00 GMT",
                                 "x-ms-seen-token": auth[7:]})
        self._answer(404, "not found: " + path, "text/plain")

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _route


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
