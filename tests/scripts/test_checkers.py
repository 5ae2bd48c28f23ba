#!/usr/bin/env python3
"""Self-test of the static checks (run by `make check`).

Builds small source trees in a temp dir: a clean one that every checker must
pass, then one deliberate mistake at a time that the named checker must
reject with the expected message. A checker that stops catching its mistake
(or starts rejecting the clean tree) fails this test, so the checks cannot
silently rot.
"""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCRIPTS = os.path.join(REPO, "scripts")

CLEAN = {
    "src/include/rocksdb/rocksdb_namespace.h": """\
// Namespace macro.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_
#define SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_
#ifndef ROCKSDB_NAMESPACE
#define ROCKSDB_NAMESPACE rocksdb
#endif
#endif  // SKYROCKS_INCLUDE_ROCKSDB_ROCKSDB_NAMESPACE_H_
""",
    "src/include/rocksdb/version.h": """\
// Version.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_
#define SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_
#define SKYROCKS_VERSION_STRING "0.0.1"
#endif  // SKYROCKS_INCLUDE_ROCKSDB_VERSION_H_
""",
    "src/include/rocksdb/thing.h": """\
// A public type.
#ifndef SKYROCKS_INCLUDE_ROCKSDB_THING_H_
#define SKYROCKS_INCLUDE_ROCKSDB_THING_H_
#include <string>

#include "rocksdb/rocksdb_namespace.h"

namespace ROCKSDB_NAMESPACE {
std::string ThingName();
}  // namespace ROCKSDB_NAMESPACE
#endif  // SKYROCKS_INCLUDE_ROCKSDB_THING_H_
""",
    "src/port/port.h": """\
// Platform seam.
#ifndef SKYROCKS_PORT_PORT_H_
#define SKYROCKS_PORT_PORT_H_
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#define SKYROCKS_LIKELY(x) (__builtin_expect(!!(x), 1))
#endif  // SKYROCKS_PORT_PORT_H_
""",
    "src/util/coding.h": """\
// Coding.
#ifndef SKYROCKS_UTIL_CODING_H_
#define SKYROCKS_UTIL_CODING_H_
#include <string>

#include "port/port.h"
#include "rocksdb/thing.h"

namespace ROCKSDB_NAMESPACE {
int CodingValue();
}  // namespace ROCKSDB_NAMESPACE
#endif  // SKYROCKS_UTIL_CODING_H_
""",
    "src/util/coding.cc": """\
// Coding (layout: doc/style.md, Naming).
#include "util/coding.h"

#define SKYROCKS_CODING_TWICE(x) ((x) * 2)

namespace ROCKSDB_NAMESPACE {
namespace {
int CodingHelperValue() { return SKYROCKS_CODING_TWICE(21); }
}  // namespace
static int CodingStaticValue() { return 0; }
int CodingValue() { return CodingHelperValue() + CodingStaticValue(); }
std::string ThingName() { return "thing"; }
}  // namespace ROCKSDB_NAMESPACE

#undef SKYROCKS_CODING_TWICE
""",
    "src/db/db.cc": """\
// DB.
#include "util/coding.h"

namespace ROCKSDB_NAMESPACE {
namespace {
int DbHelperValue() { return CodingValue(); }
}  // namespace
int DbValue() { return DbHelperValue(); }
}  // namespace ROCKSDB_NAMESPACE
""",
    "src/db/db.h": """\
// DB.
#ifndef SKYROCKS_DB_DB_H_
#define SKYROCKS_DB_DB_H_
#include "rocksdb/rocksdb_namespace.h"
namespace ROCKSDB_NAMESPACE {
int DbValue();
}  // namespace ROCKSDB_NAMESPACE
#endif  // SKYROCKS_DB_DB_H_
""",
}


def fake_manifest(sources):
    """The real scripts/amalgamate.manifest with its SOURCES block replaced,
    so the fake tree's manifest also runs as the generator."""
    with open(os.path.join(SCRIPTS, "amalgamate.manifest")) as f:
        text = f.read()
    head, rest = text.split('SOURCES = """\n', 1)
    return head + 'SOURCES = """\n' + sources + rest[rest.index('"""'):]


# scripts/amalgamate.py, copied into the fake tree, and coding.cc point at
# doc/style.md; the README points at it too.
CLEAN["doc/style.md"] = ("# Style\n\n## One translation unit\n\n## Naming\n\n"
                         "See also ../README" + ".md.\n")
CLEAN["README.md"] = "# fake\n\nRules: doc/style.md.\n"

# The paths the doc-reference check rejects, spelled in pieces so that this
# file itself passes that check.
SHARED_REL = "../" + "shared" + "/reference/formats" + ".md"
SHARED_ABS = "/work/" + "shared" + "/STYLE" + ".md"
MISSING_MD = "doc/no_such_doc" + ".md"

# RocksDB's public headers: the fake tree provides three, declares one in
# another header and stubs one; fake_include/ stands for an installed
# RocksDB 7.8 with exactly these headers (ROCKSDB_INCLUDE_DIR).
CLEAN["scripts/rocksdb_headers.txt"] = (
    "# fake list\n"
    "rocksdb_namespace.h | provided | -\n"
    "thing.h | provided | -\n"
    "version.h | provided | -\n"
    "other.h | forward | its types are in rocksdb/thing.h\n"
    "missing.h | stub | rocksdb/thing.h offers Thing\n")
for _name in ("rocksdb_namespace.h", "thing.h", "other.h", "missing.h"):
    CLEAN["fake_include/" + _name] = "// installed\n"
CLEAN["fake_include/version.h"] = ("#define ROCKSDB_MAJOR 7\n"
                                   "#define ROCKSDB_MINOR 8\n")

CLEAN["scripts/amalgamate.manifest"] = fake_manifest(
    "# util\nsrc/util/coding.cc\n\n# db\n[if !defined(SKYROCKS_NO_DB)]\n"
    "src/db/db.cc\n[endif]\n")

# (name, checker, {path: new text or (old, new) replacement}, expected text)
MISTAKES = [
    ("stale amalgamation", "amalgamation",
     {"src/util/coding.cc": ("// Coding (", "// Coding, edited (")},
     "amalgamation/skyrocks.cpp is stale"),
    ("source missing from the manifest", "amalgamation",
     {"scripts/amalgamate.manifest": ("src/db/db.cc\n", "")},
     "src/db/db.cc is not listed in scripts/amalgamate.manifest"),
    ("manifest entry naming no file", "amalgamation",
     {"scripts/amalgamate.manifest": ("src/db/db.cc\n",
                                      "src/db/db.cc\nsrc/db/gone.cc\n")},
     "scripts/amalgamate.manifest:24: no such file src/db/gone.cc"),
    ("manifest section without its end", "amalgamation",
     {"scripts/amalgamate.manifest": ("[endif]\n", "")},
     "scripts/amalgamate.manifest:22: [if] without [endif]"),
    ("manifest sections nested", "amalgamation",
     {"scripts/amalgamate.manifest": ("src/db/db.cc\n",
                                      "[if X]\nsrc/db/db.cc\n[endif]\n")},
     "[if] inside the [if] of line 22 (sections do not nest)"),
    ("manifest marker misspelt", "amalgamation",
     {"scripts/amalgamate.manifest": ("[endif]", "[end]")},
     "expected [if COND] or [endif], got [end]"),
    ("stub header deleted from amalgamation/rocksdb", "amalgamation",
     {"amalgamation/rocksdb/missing.h": None},
     "amalgamation/rocksdb/missing.h is missing"),
    ("header list marks a provided header as a stub", "amalgamation",
     {"scripts/rocksdb_headers.txt": ("thing.h | provided | -",
                                      "thing.h | stub | gone")},
     "src/include/rocksdb/thing.h exists: mark it provided"),
    ("header list misses an installed RocksDB header", "headerlist",
     {"scripts/rocksdb_headers.txt": ("missing.h | stub | rocksdb/thing.h "
                                      "offers Thing\n", "")},
     "> missing.h"),
    ("util includes db", "layers",
     {"src/util/coding.cc": ('#include "util/coding.h"',
                             '#include "util/coding.h"\n#include "db/db.h"')},
     "layer violation: util/ includes \"db/db.h\""),
    ("public header includes util", "layers",
     {"src/include/rocksdb/thing.h": ('#include <string>',
                                      '#include <string>\n#include '
                                      '"util/coding.h"')},
     "public headers may include only public headers"),
    ("public header includes a library", "layers",
     {"src/include/rocksdb/thing.h": ('#include <string>',
                                      '#include <zstd.h>')},
     "public header includes <zstd.h>"),
    ("curl outside http_curl.cc", "layers",
     {"src/util/coding.cc": ('#include "util/coding.h"',
                             '#include "util/coding.h"\n#include '
                             '<curl/curl.h>')},
     "<curl/curl.h> is allowed only in src/cloud/http_curl.cc"),
    ("openssl outside util/crypto*", "layers",
     {"src/db/db.cc": ('#include "util/coding.h"',
                       '#include "util/coding.h"\n#include <openssl/evp.h>')},
     "<openssl/evp.h> is allowed only in src/util/crypto*"),
    ("cloud includes db internals", "layers",
     {"src/cloud/cloud_fs.cc": '// Cloud FS.\n#include "db/db.h"\n'},
     "cloud/ includes db/ internals"),
    ("include under #if", "layers",
     {"src/util/coding.cc": ('#include "util/coding.h"',
                             '#include "util/coding.h"\n#ifdef __linux__\n'
                             '#include <unistd.h>\n#endif')},
     "#include under #if/#ifdef outside src/port/"),
    ("unresolved include", "layers",
     {"src/util/coding.cc": ('#include "util/coding.h"',
                             '#include "util/coding.h"\n#include '
                             '"util/nope.h"')},
     "quoted include \"util/nope.h\" resolves neither"),
    ("wrong include guard", "layers",
     {"src/util/coding.h": ("SKYROCKS_UTIL_CODING_H_", "UTIL_CODING_H")},
     "include guard should be #ifndef SKYROCKS_UTIL_CODING_H_"),
    ("using namespace", "layers",
     {"src/util/coding.cc": ("namespace ROCKSDB_NAMESPACE {\n",
                             "namespace ROCKSDB_NAMESPACE {\n"
                             "using namespace std;\n")},
     "`using namespace` at namespace scope"),
    ("raw string", "layers",
     {"src/util/coding.cc": ('return "thing";', 'return R"(thing)";')},
     "raw string literal"),
    ("#include in a comment", "layers",
     {"src/util/coding.cc": ("Naming).", "Naming).\n/*\n#include <x>\n*/")},
     "\"#include\" text inside a comment or string"),
    ("duplicate anonymous-namespace name", "names",
     {"src/util/coding.cc": ("CodingHelperValue", "Helper"),
      "src/db/db.cc": ("DbHelperValue", "Helper")},
     "file-local name Helper is defined in 2 files"),
    ("duplicate helper: the message says share it", "names",
     {"src/util/coding.cc": ("CodingHelperValue", "Helper"),
      "src/db/db.cc": ("DbHelperValue", "Helper")},
     "if they do the same, share it"),
    ("duplicate static function", "names",
     {"src/util/coding.cc": ("CodingStaticValue", "Foo"),
      "src/db/db.cc": ("int DbValue()",
                       "static void Foo(int) {}\nint DbValue()")},
     "file-local name Foo is defined in 2 files"),
    ("duplicate anonymous enumerator", "names",
     {"src/util/coding.cc": ("namespace {\n", "namespace {\n"
                             "enum { kBlockKind = 1 };\n"),
      "src/db/db.cc": ("namespace {\n", "namespace {\n"
                       "enum Kinds { kOther, kBlockKind };\n")},
     "file-local name kBlockKind is defined in 2 files"),
    ("file-local macro not undefined", "names",
     {"src/util/coding.cc": ("#undef SKYROCKS_CODING_TWICE", "")},
     "file-local macro SKYROCKS_CODING_TWICE is not #undef'd"),
    ("macro without prefix", "names",
     {"src/port/port.h": ("#define SKYROCKS_LIKELY(x)", "#define LIKELY(x)")},
     "macro LIKELY lacks the SKYROCKS_ prefix"),
    ("header does not compile alone", "headers",
     {"src/util/coding.h": ("int CodingValue();", "int CodingValue();\n"
                            "std::vector<int> CodingAll();")},
     "src/util/coding.h does not compile alone"),
    ("header with a warning", "headers",
     {"src/db/db.h": ("int DbValue();",
                      "inline int DbValue() { int x = 1; "
                      "{ int x = 2; return x; } }")},
     "src/db/db.h does not compile alone"),
    ("comment pointing beside the repository", "docrefs",
     {"src/util/coding.h": ("// Coding.", "// Coding (" + SHARED_REL + ").")},
     "src/util/coding.h:1: reference to ../" + "shared, outside the "
     "repository"),
    ("script pointing at an absolute outside path", "docrefs",
     {"scripts/amalgamate.manifest": ("SOURCES = ",
                                      "# see " + SHARED_ABS + "\nSOURCES = ")},
     "reference to /work/" + "shared, outside the repository"),
    ("reference to a missing document", "docrefs",
     {"src/db/db.cc": ("// DB.", "// DB (" + MISSING_MD + ", Footer).")},
     "src/db/db.cc:1: reference to " + MISSING_MD + ", which is not a file"),
    ("README pointing at a missing document", "docrefs",
     {"README.md": ("doc/style.md", "doc/style.md and DESIGN" + ".md")},
     "README.md:3: reference to DESIGN" + ".md, which is not a file"),
    ("field read without the mutex that guards it", "threads",
     {"src/db/db.cc": ("int DbHelperValue() { return CodingValue(); }\n",
                       "int DbHelperValue() { return CodingValue(); }\n"
                       "class __attribute__((capability(\"mutex\"))) DbMu {\n"
                       " public:\n"
                       "  void Lock() __attribute__((acquire_capability()));\n"
                       "};\n"
                       "struct DbGuarded {\n"
                       "  DbMu mu;\n"
                       "  int n __attribute__((guarded_by(mu))) = 0;\n"
                       "  int Read() { return n; }\n"
                       "};\n")},
     "is in src/db/db.cc"),
]


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        if text is None:
            if os.path.exists(full):
                os.remove(full)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)


def make_tree(root, mistake=None):
    files = dict(CLEAN)
    for path, change in (mistake or {}).items():
        if change is None:
            files[path] = None
        elif isinstance(change, tuple):
            old, new = change
            assert old in files[path], (path, old)
            files[path] = files[path].replace(old, new)
        else:
            files[path] = change
    os.makedirs(os.path.join(root, "scripts"))
    for name in ("amalgamate.py", "check_amalgamation.sh"):
        shutil.copy(os.path.join(SCRIPTS, name), os.path.join(root, "scripts"))
    # The amalgamation is generated from the clean tree, then the mistake
    # applied, so only the "stale" mistake leaves it out of date.
    write_tree(root, CLEAN)
    subprocess.run([sys.executable, os.path.join(root, "scripts",
                                                 "amalgamate.py")],
                   check=True, stdout=subprocess.DEVNULL)
    write_tree(root, files)
    os.chmod(os.path.join(root, "scripts", "amalgamate.manifest"), 0o755)
    return files


def check_manifest_section(root):
    """The clean manifest's [if] section is an #if around db.cc in
    skyrocks.cpp. Returns failure messages."""
    with open(os.path.join(root, "amalgamation", "skyrocks.cpp")) as f:
        text = f.read()
    start = text.find("#if !defined(SKYROCKS_NO_DB)\n")
    db = text.find("// ----- begin file: src/db/db.cc -----")
    end = text.find("#endif  // section of scripts/amalgamate.manifest\n")
    if not 0 <= start < db < end:
        return ["the manifest's [if] section is not an #if around "
                "src/db/db.cc in skyrocks.cpp"]
    return []


def check_manifest_runs(root):
    """The manifest run as a program, directly and through python3, writes
    the same pair as scripts/amalgamate.py. Returns failure messages."""
    failures = []
    manifest = os.path.join(root, "scripts", "amalgamate.manifest")
    for i, cmd in enumerate(([manifest], [sys.executable, manifest])):
        out = os.path.join(root, "run%d" % i)
        p = subprocess.run(cmd + ["--out", out], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
        if p.returncode != 0:
            failures.append("%s --out DIR failed:\n%s" % (cmd, p.stdout))
            continue
        for f in ("skyrocks.h", "skyrocks.cpp"):
            with open(os.path.join(out, f)) as a, \
                    open(os.path.join(root, "amalgamation", f)) as b:
                if a.read() != b.read():
                    failures.append("%s --out DIR wrote a different %s" %
                                    (cmd, f))
        shutil.rmtree(out)
    if os.path.isdir(os.path.join(root, "scripts", "__pycache__")):
        failures.append("running the manifest left scripts/__pycache__")
    return failures


def run_checker(kind, root):
    if kind in ("amalgamation", "headerlist"):
        # headerlist: the same script, on a tree whose amalgamation is fresh.
        cmd = ["bash", os.path.join(root, "scripts", "check_amalgamation.sh")]
    elif kind == "layers":
        cmd = [sys.executable, os.path.join(SCRIPTS, "check_layers.py"),
               "--root", root]
    elif kind == "docrefs":
        cmd = [sys.executable, os.path.join(SCRIPTS, "check_doc_refs.py"),
               "--root", root]
    elif kind == "names":
        cmd = [sys.executable, os.path.join(SCRIPTS, "check_unique_names.py"),
               "--root", root]
    elif kind == "threads":
        cmd = ["bash", os.path.join(SCRIPTS, "check_thread_safety.sh"),
               "--root", root]
    else:
        cmd = ["bash", os.path.join(SCRIPTS, "check_headers.sh"),
               "--root", root]
    env = dict(os.environ,
               ROCKSDB_INCLUDE_DIR=os.path.join(root, "fake_include"))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, env=env)
    return p.returncode, p.stdout


def main():
    failures = []
    base = tempfile.mkdtemp(prefix="skyrocks-checkers-")
    try:
        clean = os.path.join(base, "clean")
        make_tree(clean)
        failures += check_manifest_runs(clean)
        failures += check_manifest_section(clean)
        for kind in ("amalgamation", "layers", "names", "headers", "docrefs",
                     "threads"):
            rc, out = run_checker(kind, clean)
            if rc != 0:
                failures.append("clean tree rejected by %s:\n%s" %
                                (kind, out))
        for i, (name, kind, change, expect) in enumerate(MISTAKES):
            root = os.path.join(base, "m%02d" % i)
            make_tree(root, change)
            if kind != "amalgamation":
                # Keep the amalgamation fresh so only the mistake shows.
                subprocess.run([sys.executable, os.path.join(
                    root, "scripts", "amalgamate.py")],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rc, out = run_checker(kind, root)
            if rc == 0:
                failures.append("%s: check_%s passed a broken tree" %
                                (name, kind))
            elif expect not in out:
                failures.append("%s: check_%s failed without \"%s\":\n%s" %
                                (name, kind, expect, out))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    for f in failures:
        print("test_checkers: FAIL " + f)
    if failures:
        return 1
    print("test_checkers: ok (clean tree passes; %d mistakes caught)" %
          len(MISTAKES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
