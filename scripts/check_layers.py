#!/usr/bin/env python3
"""Include-graph and layering rules for src/ (doc/style.md, "Layers" and
"One translation unit").

Layers, low to high: public headers (src/include/rocksdb/**) -> port -> util
-> env -> table -> db -> cloud -> utilities -> c (the C API). A file includes only its own layer and the
layers below; src/tools/ includes only public headers (and src/tools/ ones;
internals only from TOOLS_USING_INTERNALS). Also checked:
* public headers include only public headers and the standard library;
* third-party libraries only in the files named in LIBRARY_RULES;
* cloud/ includes db/ internals only from CLOUD_DB_GLUE;
* no #include under #if/#ifdef (other than the include guard) outside
  src/port/; every quoted include resolves under src/ or src/include/;
* include guards follow the path (SKYROCKS_UTIL_CODING_H_,
  SKYROCKS_INCLUDE_ROCKSDB_STATUS_H_);
* no `using namespace` at namespace scope, no raw string literals and no
  "#include" text inside comments or strings (the amalgamation generator
  reads includes line by line).

Usage: check_layers.py [--root DIR]   (DIR holds src/; default: this repo)
Prints one line per violation, file:line: rule, and exits 1 if any.
"""
import argparse
import fnmatch
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cxxscan  # noqa: E402

# Angle-include prefix -> the src/-relative files (fnmatch patterns) that may
# use it. Everything else in src/ must not include it.
LIBRARY_RULES = [
    ("curl/", ["cloud/http_curl.cc"]),
    ("libxml/", ["cloud/xml.cc"]),
    ("openssl/", ["util/crypto*"]),
    # The optional codecs, included under #if SKYROCKS_NO_LZ4/ZSTD.
    ("lz4", ["port/compression_libs.h"]),
    ("zstd", ["port/compression_libs.h"]),
    # Oracles only: the library implements these itself / never links them.
    ("rocksdb/", []),
    ("snappy", []),
    ("xxhash.h", []),
    ("doctest/", []),
]

# cloud/ files that may include db/ internals (the cloud DB glue).
CLOUD_DB_GLUE = ["cloud/db_cloud_impl.cc", "cloud/cloud_manifest.cc"]

LAYERS = ["include", "port", "util", "env", "table", "db", "cloud",
          "utilities", "c"]
TOOLS = "tools"
# Tools that read formats the public API does not expose (the skyrocks
# tool's manifest_dump and CLOUDMANIFEST epochs) may include internals.
TOOLS_USING_INTERNALS = ["tools/cli/*_internal.cpp"]

# The C++17 standard library (and the C headers it carries).
STD_HEADERS = set("""
algorithm any array atomic bitset cassert cctype cerrno cfenv cfloat charconv
chrono cinttypes climits clocale cmath codecvt complex condition_variable
csetjmp csignal cstdarg cstddef cstdint cstdio cstdlib cstring ctime cuchar
cwchar cwctype deque exception execution filesystem forward_list fstream
functional future initializer_list iomanip ios iosfwd iostream istream
iterator limits list locale map memory memory_resource mutex new numeric
optional ostream queue random ratio regex scoped_allocator set shared_mutex
sstream stack stdexcept streambuf string string_view system_error thread
tuple type_traits typeindex typeinfo unordered_map unordered_set utility
valarray variant vector
assert.h ctype.h errno.h float.h inttypes.h limits.h locale.h math.h
setjmp.h signal.h stdarg.h stdbool.h stddef.h stdint.h stdio.h stdlib.h string.h
time.h wchar.h wctype.h
""".split())

INCLUDE_ARG_RE = re.compile(r'^([<"])([^>"]+)[>"]')


def rel(path, src):
    return os.path.relpath(path, src).replace(os.sep, "/")


def layer_of(relpath):
    top = relpath.split("/", 1)[0]
    if top == TOOLS:
        return len(LAYERS)
    if top in LAYERS:
        return LAYERS.index(top)
    return None


def expected_guard(relpath):
    return "SKYROCKS_" + re.sub(r"[^A-Za-z0-9]", "_", relpath).upper() + "_"


def resolve(src, name):
    for base in (src, os.path.join(src, "include")):
        cand = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(cand):
            return cand
    return None


def using_namespace_at_ns_scope(code):
    """Line numbers of `using namespace` outside every class/function."""
    found = []
    stack = []      # True for a namespace (or extern "C") brace
    stmt = []
    for tok, line in cxxscan.tokens(code):
        if tok == "{":
            is_ns = bool(stmt) and (stmt[0] == "namespace" or
                                    stmt[:2] == ["inline", "namespace"] or
                                    stmt == ["extern", '""'])
            stack.append(is_ns)
            stmt = []
        elif tok == "}":
            if stack:
                stack.pop()
            stmt = []
        elif tok == ";":
            stmt = []
        else:
            stmt.append(tok)
            if stmt[:2] == ["using", "namespace"] and len(stmt) == 2 and \
                    all(stack):
                found.append(line)
    return found


def check_file(path, src, errors):
    r = rel(path, src)
    layer = layer_of(r)
    is_public = r.startswith("include/")
    in_port = r.startswith("port/")
    s = cxxscan.scan(cxxscan.read(path))

    def err(line, msg):
        errors.append("src/%s:%d: %s" % (r, line, msg))

    guard = cxxscan.include_guard(s.directives)
    if r.endswith(".h"):
        want = expected_guard(r)
        if guard != want:
            line = s.directives[0][0] if s.directives else 1
            err(line, "include guard should be #ifndef %s / #define %s ... "
                "#endif (found %s)" % (want, want, guard or "none"))
    depth = -1 if guard else 0
    for line, text in s.directives:
        kind, arg = cxxscan.directive_parts(text)
        if kind in ("if", "ifdef", "ifndef"):
            depth += 1
            continue
        if kind == "endif":
            depth -= 1
            continue
        if kind != "include":
            continue
        m = INCLUDE_ARG_RE.match(arg)
        if not m:
            err(line, "unparsable #include %s" % arg)
            continue
        quote, name = m.group(1), m.group(2)
        if depth > 0 and not in_port:
            err(line, "#include under #if/#ifdef outside src/port/ (put the "
                "condition in a port/ header)")
        if quote == "<":
            for prefix, allowed in LIBRARY_RULES:
                if name.startswith(prefix) and not any(
                        fnmatch.fnmatch(r, a) for a in allowed):
                    where = ", ".join("src/" + a for a in allowed) or \
                        "nowhere in src/"
                    err(line, "<%s> is allowed only in %s" % (name, where))
            if is_public and name not in STD_HEADERS:
                err(line, "public header includes <%s>: public headers may "
                    "include only public headers and the standard library"
                    % name)
            continue
        target = resolve(src, name)
        if target is None:
            err(line, "quoted include \"%s\" resolves neither under src/ nor "
                "src/include/" % name)
            continue
        t = rel(target, src)
        tlayer = layer_of(t)
        if is_public and not t.startswith("include/"):
            err(line, "public header includes \"%s\": public headers may "
                "include only public headers and the standard library" % name)
        elif r.startswith(TOOLS + "/") and not t.startswith("include/") \
                and not t.startswith(TOOLS + "/") and \
                not any(fnmatch.fnmatch(r, a) for a in TOOLS_USING_INTERNALS):
            err(line, "src/tools/ includes \"%s\": tools may include only "
                "public headers (and their own)" % name)
        elif layer is not None and tlayer is not None and tlayer > layer:
            err(line, "layer violation: %s/ includes \"%s\" from the higher "
                "layer %s/ (order: %s)" % (
                    LAYERS[layer] if layer < len(LAYERS) else TOOLS, name,
                    LAYERS[tlayer], " -> ".join(
                        ["public"] + LAYERS[1:])))
        elif r.startswith("cloud/") and t.startswith("db/") and \
                not any(fnmatch.fnmatch(r, a) for a in CLOUD_DB_GLUE):
            err(line, "cloud/ includes db/ internals (\"%s\"); only %s may"
                % (name, ", ".join("src/" + a for a in CLOUD_DB_GLUE)))
    for line in using_namespace_at_ns_scope(s.code):
        err(line, "`using namespace` at namespace scope")
    for line in s.raw_strings:
        err(line, "raw string literal (not allowed in src/)")
    for line in s.include_text:
        err(line, "\"#include\" text inside a comment or string (confuses "
            "the amalgamation generator)")
    if layer is None and not is_public:
        err(1, "file outside the known layers (%s, tools)" %
            ", ".join(LAYERS))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))
    args = ap.parse_args()
    src = os.path.join(os.path.abspath(args.root), "src")
    if not os.path.isdir(src):
        print("check_layers: no src/ under %s" % args.root, file=sys.stderr)
        return 2
    errors = []
    files = cxxscan.source_files(src)
    for path in files:
        check_file(path, src, errors)
    for e in errors:
        print(e)
    if errors:
        print("check_layers: %d violation(s) in %d files" %
              (len(errors), len(files)))
        return 1
    print("check_layers: ok (%d files)" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
