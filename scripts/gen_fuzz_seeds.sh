#!/usr/bin/env bash
# Generates the larger fuzz seeds into $FUZZ_BUILD/seeds/NAME (make fuzz
# runs it; the committed corpora in tests/fuzz/corpus stay small). Files
# made by librocksdb 7.8.3 come from the oracle programs in $BUILD/oracle
# (db_writer: a DB with three column families, flushed SSTs and WAL-only
# writes, plain and with recyclable WAL records; sst_tool: SSTs over
# compressions, checksums, format versions and index kinds); the rest from
# $FUZZ_BUILD/seed_gen (tests/fuzz/seed_gen.cpp), which also packs the
# librocksdb files into each harness's input format. Deterministic apart
# from the random identities the DBs carry.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD:-build}"
fuzz_build="${FUZZ_BUILD:-build-fuzz}"
out="$fuzz_build/seeds"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"

paths=()
if [ -x "$build/oracle/db_writer" ]; then
  for variant in plain recycle; do
    arg=()
    [ "$variant" = recycle ] && arg=(recycle)
    if "$build/oracle/db_writer" "$tmp/rocksdb-$variant" "${arg[@]}" |
      grep -q '^OK'; then
      paths+=("$tmp/rocksdb-$variant")
    else
      echo "gen_fuzz_seeds: db_writer $variant failed; skipped" >&2
    fi
  done
else
  echo "gen_fuzz_seeds: no $build/oracle/db_writer; no librocksdb DB seeds" >&2
fi
if [ -x "$build/oracle/sst_tool" ]; then
  entries="$tmp/entries"
  : >"$entries"
  for i in $(seq 100 399); do
    key="$(printf 'key%06d' "$i" | od -An -v -tx1 | tr -d ' \n')"
    value="$(printf 'value-%d-%0*d' "$i" $((i % 50)) 0 | od -An -v -tx1 | tr -d ' \n')"
    if [ $((i % 9)) -eq 4 ]; then
      printf 'D\t%s\t\n' "$key" >>"$entries"
    else
      printf 'P\t%s\t%s\n' "$key" "$value" >>"$entries"
    fi
  done
  for spec in none,crc32c,16,0,5,4096 snappy,xxh3,4,10,5,512 \
    lz4,xxh3,1,10,4,256 zstd,crc32c,8,0,3,1024 \
    none,xxh3,16,10,5,256,partitioned snappy,xxh3,16,0,2,1024; do
    sst="$tmp/rocksdb-${spec//,/-}.sst"
    if "$build/oracle/sst_tool" write "$sst" "$spec" "$entries" \
      >/dev/null 2>&1; then
      paths+=("$sst")
    else
      echo "gen_fuzz_seeds: sst_tool write $spec failed; skipped" >&2
    fi
  done
else
  echo "gen_fuzz_seeds: no $build/oracle/sst_tool; no librocksdb SST seeds" >&2
fi
"$fuzz_build/seed_gen" "$out" "$tmp/gen" "${paths[@]}"
# credentials: a service-account key file holding a real RSA key (signing
# a JWT with it parses the PEM), beside AWS files and a connection string.
# Input format: four 2-byte-length chunks (AWS credentials, AWS config,
# profile, service account), then the connection string.
if openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 \
  -out "$tmp/key.pem" 2>/dev/null; then
  python3 - "$tmp/key.pem" "$out/credentials" <<'PY'
import json, os, struct, sys
key = open(sys.argv[1]).read()
account = json.dumps({
    "type": "service_account", "project_id": "fuzz",
    "private_key_id": "0123456789abcdef", "private_key": key,
    "client_email": "fuzz@fuzz.iam.gserviceaccount.com",
    "token_uri": "https://oauth2.googleapis.com/token"}, indent=2)
creds = ("[default]\naws_access_key_id = AKIDEXAMPLE\n"
         "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"
         "[fuzz]\naws_access_key_id=AKIDFUZZ\naws_secret_access_key=s\n"
         "aws_session_token = tok\n")
config = "[default]\nregion = eu-west-1\n[profile fuzz]\nregion=us-west-2\n"
conn = ("DefaultEndpointsProtocol=https;AccountName=fuzz;AccountKey="
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1S"
        "ZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net")
os.makedirs(sys.argv[2], exist_ok=True)
for profile in ("", "fuzz"):
    parts = [creds, config, profile, account]
    data = b"".join(struct.pack("<H", len(p.encode())) + p.encode()
                    for p in parts) + conn.encode()
    name = "service-account-" + (profile or "default")
    open(os.path.join(sys.argv[2], name), "wb").write(data)
PY
fi
