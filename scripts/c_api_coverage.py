#!/usr/bin/env python3
"""How much of RocksDB 7.8.3's C API (rocksdb/c.h) skyrocks declares, and a
check that each declaration is RocksDB's.

Reads the functions declared in src/include/rocksdb/c.h (and skyrocks' own
rocksdb_cloud_* in rocksdb/cloud/c.h) and in 7.8.3's
c.h (--rocksdb, default /usr/include/rocksdb/c.h), compares them by name
and by signature (whitespace and parameter names aside), and prints the
totals and, per group (the name's prefix: rocksdb_options_*,
rocksdb_transaction_*, ...), how many functions skyrocks has.

  c_api_coverage.py              the report (the README quotes it)
  c_api_coverage.py --check      exit 1 when a skyrocks function is not in
                                 7.8.3's c.h or its signature differs
                                 (rocksdb_cloud_* are skyrocks' own and
                                 must not be in 7.8.3); `make check` runs it
  c_api_coverage.py --binary B   exit 1 unless program B defines every
                                 function the header declares (nm)
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKYROCKS_H = os.path.join(ROOT, "src", "include", "rocksdb", "c.h")
CLOUD_H = os.path.join(ROOT, "src", "include", "rocksdb", "cloud", "c.h")
OWN_PREFIX = "rocksdb_cloud_"

# Longest first: a function belongs to the first group its name starts with.
GROUPS = [
    "rocksdb_optimistictransactiondb", "rocksdb_optimistictransaction",
    "rocksdb_transactiondb", "rocksdb_transaction", "rocksdb_writebatch_wi",
    "rocksdb_writebatch", "rocksdb_backup_engine", "rocksdb_restore_options",
    "rocksdb_options", "rocksdb_block_based_options",
    "rocksdb_cuckoo_options", "rocksdb_readoptions", "rocksdb_writeoptions",
    "rocksdb_flushoptions", "rocksdb_compactoptions",
    "rocksdb_ingestexternalfileoptions", "rocksdb_sstfilewriter",
    "rocksdb_envoptions", "rocksdb_env", "rocksdb_lru_cache_options",
    "rocksdb_cache", "rocksdb_filterpolicy", "rocksdb_slicetransform",
    "rocksdb_compactionfilterfactory", "rocksdb_compactionfiltercontext",
    "rocksdb_compactionfilter", "rocksdb_comparator", "rocksdb_mergeoperator",
    "rocksdb_universal_compaction_options", "rocksdb_fifo_compaction_options",
    "rocksdb_livefiles", "rocksdb_column_family_metadata",
    "rocksdb_level_metadata", "rocksdb_sst_file_metadata",
    "rocksdb_perfcontext", "rocksdb_ratelimiter", "rocksdb_iter",
    "rocksdb_wal_iter", "rocksdb_checkpoint", "rocksdb_pinnableslice",
    "rocksdb_memory_consumers", "rocksdb_approximate_memory_usage",
    "rocksdb_memory_allocator", "rocksdb_jemalloc", "rocksdb_dbpath",
    "rocksdb_column_family_handle",
]
GROUPS.sort(key=len, reverse=True)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)


def normalize_params(params):
    """Types only: parameter names dropped, spaces normalized."""
    out = []
    depth = 0
    cur = ""
    for ch in params:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    norm = []
    for p in out:
        p = " ".join(p.replace("*", " * ").replace("[", " [ ")
                     .replace("]", " ] ").split())
        toks = p.split(" ")
        if "(" not in p and len(toks) > 1 and \
                re.match(r"^[A-Za-z_]\w*$", toks[-1]) and toks[-1] not in (
                    "char", "int", "size_t", "uint64_t", "uint32_t",
                    "double", "void", "bool", "long", "float", "int64_t",
                    "int32_t") and not toks[-1].endswith("_t"):
            toks = toks[:-1]
        elif "[" in toks:  # "const char* const keys [ ]" -> pointer
            i = toks.index("[")
            if i > 0 and re.match(r"^[A-Za-z_]\w*$", toks[i - 1]):
                toks = toks[:i - 1] + ["*"]
        norm.append(" ".join(toks))
    return ", ".join(norm)


def declarations(path):
    """{name: normalized signature} of the functions a c.h declares."""
    text = strip_comments(open(path, encoding="utf-8").read())
    found = {}
    for stmt in re.split(r"[;{}]", text):
        stmt = " ".join(stmt.split())
        if "typedef" in stmt or "(" not in stmt:
            continue
        m = re.match(r"(?:extern\s+)?(?:ROCKSDB_LIBRARY_API\s+)?(.*?)\b"
                     r"(rocksdb_\w+)\s*\((.*)\)$", stmt)
        if not m:
            continue
        ret = " ".join(m.group(1).replace("*", " * ").split())
        found[m.group(2)] = "%s (%s)" % (ret, normalize_params(m.group(3)))
    return found


def group_of(name):
    for g in GROUPS:
        if name.startswith(g + "_") or name == g:
            return g
    return "rocksdb (DB calls)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rocksdb", default="/usr/include/rocksdb/c.h")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--binary")
    args = ap.parse_args()
    ours = declarations(SKYROCKS_H)
    cloud = declarations(CLOUD_H)
    misplaced = sorted(n for n in cloud if not n.startswith(OWN_PREFIX)) + \
        sorted(n for n in ours if n.startswith(OWN_PREFIX))
    ours.update(cloud)
    if args.binary:
        nm = subprocess.run(["nm", "--defined-only", args.binary],
                            stdout=subprocess.PIPE, universal_newlines=True,
                            check=True).stdout
        defined = {l.split()[-1] for l in nm.splitlines() if l.strip()}
        missing = sorted(n for n in ours if n not in defined)
        for n in missing:
            print("c_api_coverage: %s is declared but %s does not define it"
                  % (n, args.binary))
        print("c_api_coverage: %d of %d declared functions defined" %
              (len(ours) - len(missing), len(ours)))
        return 1 if missing else 0
    if not os.path.isfile(args.rocksdb):
        print("c_api_coverage: no %s; nothing to compare" % args.rocksdb)
        return 0
    theirs = declarations(args.rocksdb)
    problems = ["%s: rocksdb_cloud_* belong in rocksdb/cloud/c.h, the rest "
                "in rocksdb/c.h" % n for n in misplaced]
    for name, sig in sorted(ours.items()):
        if name.startswith(OWN_PREFIX):
            if name in theirs:
                problems.append("%s is RocksDB's, not skyrocks' own" % name)
        elif name not in theirs:
            problems.append("%s is not in RocksDB 7.8.3's c.h" % name)
        elif theirs[name] != sig:
            problems.append("%s: signature %s differs from RocksDB's %s" %
                            (name, sig, theirs[name]))
    if args.check:
        for p in problems:
            print("c_api_coverage: " + p)
        if problems:
            return 1
        own = len([n for n in ours if n.startswith(OWN_PREFIX)])
        print("c_api_coverage: ok (%d functions, each as RocksDB 7.8.3 "
              "declares it, and %d rocksdb_cloud_*)" % (len(ours) - own, own))
        return 0
    shared = [n for n in ours if n in theirs]
    own = [n for n in ours if n.startswith(OWN_PREFIX)]
    print("skyrocks declares %d of RocksDB 7.8.3's %d c.h functions "
          "(%.0f%%), plus %d rocksdb_cloud_* of its own." %
          (len(shared), len(theirs), 100.0 * len(shared) / len(theirs),
           len(own)))
    per = {}
    for n in theirs:
        g = group_of(n)
        have, total = per.get(g, (0, 0))
        per[g] = (have + (1 if n in ours else 0), total + 1)
    print("%-40s %5s %5s" % ("group", "have", "of"))
    for g, (have, total) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        print("%-40s %5d %5d%s" % (g, have, total,
                                   "  (missing)" if have == 0 else ""))
    for p in problems:
        print("problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
