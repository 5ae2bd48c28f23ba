#!/usr/bin/env python3
"""Generate the amalgamation pair from src/.

skyrocks.h   every public header (src/include/rocksdb/**.h), dependencies first.
skyrocks.cpp `#include "skyrocks.h"`, then every src/*.cc listed in
             scripts/amalgamate.manifest, in that order, with each quoted
             include inlined the first time it is reached.

Rules (see doc/style.md, "One translation unit"):
* A quoted include is resolved against src/ then src/include/; one that
  resolves to neither is an error naming the file and line.
* A src/*.cc (outside src/tools/) missing from the manifest is an error, and
  so is a manifest entry naming no file.
* `[if COND]` ... `[endif]` in the manifest puts a section of sources under
  `#if COND` (an optional part: SKYROCKS_NO_CLOUD leaves the cloud layer
  out). Headers and angle includes first reached inside a section are
  inlined again where a later file outside it needs them (include guards
  keep the full build from seeing them twice).
* Angle includes pass through once per output file; an include inside an
  #if block is copied as it stands (only src/port/ may have those).
* Output is deterministic: no time, LF only. The banner carries the version
  and a digest of every input file, which identifies the sources exactly
  (a git commit cannot: the pair is committed in the commit it would name).

rocksdb/**.h headers beside the pair, so that RocksDB programs build against
             it with -I DIR alone: one for every RocksDB 7.8.3 public header
             and every header of src/include/rocksdb/, as
             scripts/rocksdb_headers.txt says: a provided (or forward) header
             includes skyrocks.h; a C header (C_HEADERS) is a self-contained
             copy, since C cannot read skyrocks.h; a stub stops the build with
             #error naming the header and what skyrocks offers instead.

Usage: amalgamate.py [--out DIR] [--line]
"""
import argparse
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
PUBLIC = os.path.join(SRC, "include")
MANIFEST = os.path.join(ROOT, "scripts", "amalgamate.manifest")
HEADER_LIST = os.path.join(ROOT, "scripts", "rocksdb_headers.txt")
# Public headers for C programs: copied into DIR/rocksdb/ with their quoted
# includes inlined instead of forwarding to the C++ skyrocks.h.
C_HEADERS = ("c.h", "cloud/c.h")

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
IF_RE = re.compile(r"^\s*#\s*if")
ENDIF_RE = re.compile(r"^\s*#\s*endif")


class AmalgamationError(Exception):
    pass


def rel(path):
    return os.path.relpath(path, ROOT).replace(os.sep, "/")


def resolve(name, where):
    for base in (SRC, PUBLIC):
        cand = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(cand):
            return cand
    raise AmalgamationError(
        "%s: cannot resolve quoted include \"%s\" (looked in src/ and "
        "src/include/)" % (where, name))


def read_text(path):
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    return text.replace("\r\n", "\n").replace("\r", "\n")


GUARD_RE = re.compile(r"^\s*#\s*ifndef\s+(\w+)\s*$")
DEFINE_RE = re.compile(r"^\s*#\s*define\s+(\w+)\s*$")


def has_include_guard(lines):
    code = [l for l in lines
            if l.strip() and not l.strip().startswith("//")]
    if len(code) < 2:
        return False
    g, d = GUARD_RE.match(code[0]), DEFINE_RE.match(code[1])
    return bool(g and d and g.group(1) == d.group(1))


class Writer:
    """Inlines files into one output, each quoted include once."""

    def __init__(self, line_directives, already_inlined=None,
                 angle_seen=None):
        self.out = []
        self.inlined = set(already_inlined or ())
        self.angle_seen = set(angle_seen or ())
        self.line_directives = line_directives
        # Every file inlined, also inside sections that were closed since.
        self.ever = set(self.inlined)

    def emit_file(self, path, stack=()):
        if path in self.inlined:
            return
        if path in stack:
            raise AmalgamationError("include cycle: " + " -> ".join(
                rel(p) for p in stack + (path,)))
        self.inlined.add(path)
        again = path in self.ever
        self.ever.add(path)
        name = rel(path)
        self.out.append("// ----- begin file: %s -----\n" % name)
        if self.line_directives:
            self.out.append('#line 1 "%s"\n' % name)
        lines = read_text(path).split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        # The include guard's #ifndef does not make its body conditional.
        guarded = has_include_guard(lines)
        if again and not guarded:
            raise AmalgamationError(
                "%s is inlined twice (in a manifest section and after it) "
                "and has no include guard" % name)
        depth = -1 if guarded else 0
        for lineno, line in enumerate(lines, 1):
            if IF_RE.match(line):
                depth += 1
            elif ENDIF_RE.match(line):
                depth -= 1
            m = INCLUDE_RE.match(line)
            if not m:
                self.out.append(line + "\n")
                continue
            kind, target = m.group(1), m.group(2)
            if kind == "<":
                if depth > 0:
                    self.out.append(line + "\n")
                elif target not in self.angle_seen:
                    self.angle_seen.add(target)
                    self.out.append(line + "\n")
                continue
            where = "%s:%d" % (name, lineno)
            if depth > 0:
                raise AmalgamationError(
                    "%s: quoted include under #if (only angle includes may "
                    "be conditional, and only in src/port/)" % where)
            dep = resolve(target, where)
            if dep not in self.inlined:
                self.emit_file(dep, stack + (path,))
                if self.line_directives:
                    self.out.append('#line %d "%s"\n' % (lineno + 1, name))
        self.out.append("// ----- end file: %s -----\n" % name)

    def text(self):
        return "".join(self.out)


def public_headers():
    found = []
    for dirpath, _, files in os.walk(os.path.join(PUBLIC, "rocksdb")):
        for f in files:
            if f.endswith(".h"):
                found.append(os.path.join(dirpath, f))
    return sorted(found, key=rel)


SECTION_RE = re.compile(r"^\[(if (.+)|endif)\]$")


def manifest_lines():
    """(lineno, entry) for each entry of the manifest's SOURCES block (a
    source path, or a `[if COND]` / `[endif]` marker)."""
    with open(MANIFEST, encoding="utf-8") as f:
        lines = f.read().split("\n")
    try:
        start = lines.index('SOURCES = """')
        end = lines.index('"""', start + 1)
    except ValueError:
        raise AmalgamationError(
            'scripts/amalgamate.manifest: no SOURCES = """ ... """ block')
    for lineno in range(start + 2, end + 1):
        entry = lines[lineno - 1].split("#", 1)[0].strip()
        if entry:
            yield lineno, entry


def manifest_sources():
    """The manifest's sources in order: a path, or ("if", COND) and
    ("endif",) around a conditional section."""
    entries = []
    items = []
    open_section = None
    for lineno, line in manifest_lines():
        if line.startswith("["):
            m = SECTION_RE.match(line)
            where = "scripts/amalgamate.manifest:%d" % lineno
            if not m:
                raise AmalgamationError(
                    "%s: expected [if COND] or [endif], got %s" %
                    (where, line))
            if m.group(2) is not None:
                if open_section is not None:
                    raise AmalgamationError(
                        "%s: [if] inside the [if] of line %d (sections do "
                        "not nest)" % (where, open_section))
                open_section = lineno
                items.append(("if", m.group(2).strip()))
            else:
                if open_section is None:
                    raise AmalgamationError("%s: [endif] without [if]" %
                                            where)
                open_section = None
                items.append(("endif",))
            continue
        path = os.path.normpath(os.path.join(ROOT, line))
        if not os.path.isfile(path):
            raise AmalgamationError(
                "scripts/amalgamate.manifest:%d: no such file %s" %
                (lineno, line))
        if path in entries:
            raise AmalgamationError(
                "scripts/amalgamate.manifest:%d: %s listed twice" %
                (lineno, line))
        entries.append(path)
        items.append(path)
    if open_section is not None:
        raise AmalgamationError(
            "scripts/amalgamate.manifest:%d: [if] without [endif]" %
            open_section)
    listed = set(entries)
    for dirpath, _, files in os.walk(SRC):
        if rel(dirpath).startswith("src/tools"):
            continue
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            if f.endswith(".cc") and path not in listed:
                raise AmalgamationError(
                    "%s is not listed in scripts/amalgamate.manifest (add "
                    "it in layer order)" % rel(path))
    return items


def version():
    text = read_text(os.path.join(PUBLIC, "rocksdb", "version.h"))
    m = re.search(r'#define SKYROCKS_VERSION_STRING "([^"]+)"', text)
    if not m:
        raise AmalgamationError(
            "src/include/rocksdb/version.h: no SKYROCKS_VERSION_STRING")
    return m.group(1)


def input_digest(paths):
    h = hashlib.sha256()
    for p in sorted(set(paths), key=rel):
        h.update(rel(p).encode() + b"\0")
        h.update(read_text(p).encode("utf-8") + b"\0")
    return h.hexdigest()[:16]


# The license notice at the top of each generated file (LICENSE holds the
# full text).
NOTICE = ("// SPDX-License-Identifier: Apache-2.0\n"
          "// Copyright 2026 The skyrocks authors. Licensed under the Apache "
          "License,\n"
          "// Version 2.0 (the \"License\"); you may not use this file except "
          "in\n"
          "// compliance with the License. A copy is in the LICENSE file and "
          "at\n"
          "// http://www.apache.org/licenses/LICENSE-2.0. Distributed on an "
          "\"AS IS\"\n"
          "// BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND.\n")


def banner(what, ver, digest):
    return NOTICE + ("// %s -- skyrocks %s amalgamation (sources %s).\n"
            "// GENERATED by scripts/amalgamate.py from src/: do not edit; "
            "run `make amalgamate`.\n"
            "// skyrocks is a RocksDB-compatible key-value engine whose data "
            "lives in object storage.\n\n" % (what, ver, digest))


def build(line_directives):
    headers = public_headers()
    sources = manifest_sources()
    hw = Writer(line_directives)
    for h in headers:
        hw.emit_file(h)
    cw = Writer(line_directives, already_inlined=hw.inlined,
                angle_seen=hw.angle_seen)
    saved = None
    for s in sources:
        if isinstance(s, str):
            cw.emit_file(s)
        elif s[0] == "if":
            saved = (set(cw.inlined), set(cw.angle_seen))
            cw.out.append("#if %s\n" % s[1])
        else:
            # What the section inlined is absent when COND is false: files
            # after it inline again what they need.
            cw.inlined, cw.angle_seen = saved
            cw.out.append("#endif  // section of scripts/amalgamate.manifest\n")
    ver = version()
    digest = input_digest(list(hw.inlined) + list(cw.inlined) +
                          list(cw.ever))
    h_text = (banner("skyrocks.h", ver, digest) +
              "#ifndef SKYROCKS_AMALGAMATION_H_\n"
              "#define SKYROCKS_AMALGAMATION_H_\n" + hw.text() +
              "#endif  // SKYROCKS_AMALGAMATION_H_\n")
    c_text = (banner("skyrocks.cpp", ver, digest) +
              '#include "skyrocks.h"\n' + cw.text())
    return h_text, c_text, headers


def header_list():
    """[(lineno, name, kind, advice)] of scripts/rocksdb_headers.txt."""
    entries = []
    with open(HEADER_LIST, encoding="utf-8") as f:
        for lineno, line in enumerate(f.read().split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or parts[1] not in ("provided", "stub",
                                                    "forward") or \
                    not parts[2]:
                raise AmalgamationError(
                    "scripts/rocksdb_headers.txt:%d: expected "
                    "'NAME | provided|stub|forward | TEXT'" % lineno)
            entries.append((lineno, parts[0], parts[1], parts[2]))
    return entries


def forwarding_headers(headers):
    """{rocksdb/NAME: text} of the headers written beside the pair."""
    provided = {os.path.relpath(h, os.path.join(PUBLIC, "rocksdb"))
                .replace(os.sep, "/"): h for h in headers}
    out = {}
    for name, path in provided.items():
        if name in C_HEADERS:
            w = Writer(False)
            w.emit_file(path)
            text = ("// rocksdb/%s -- GENERATED by scripts/amalgamate.py "
                    "from src/include/rocksdb/%s\n// (a C header: "
                    "self-contained, it does not include skyrocks.h).\n%s" %
                    (name, name, w.text()))
        else:
            up = "../" * name.count("/")
            text = ("// rocksdb/%s -- GENERATED by scripts/amalgamate.py: "
                    "forwards to the skyrocks amalgamation.\n"
                    '#include "%s../skyrocks.h"\n' % (name, up))
        out["rocksdb/" + name] = text
    for lineno, name, kind, advice in header_list():
        where = "scripts/rocksdb_headers.txt:%d" % lineno
        if kind == "provided":
            if name not in provided:
                raise AmalgamationError(
                    "%s: %s is marked provided but src/include/rocksdb/%s "
                    "does not exist" % (where, name, name))
            continue
        if name in provided:
            raise AmalgamationError(
                "%s: src/include/rocksdb/%s exists: mark it provided" %
                (where, name))
        if '"' in advice or "\\" in advice:
            raise AmalgamationError("%s: no quotes or backslashes in the "
                                    "advice" % where)
        if kind == "forward":
            up = "../" * name.count("/")
            text = ("// rocksdb/%s -- GENERATED by scripts/amalgamate.py: "
                    "forwards to the skyrocks amalgamation\n// (%s).\n"
                    '#include "%s../skyrocks.h"\n' % (name, advice, up))
        else:
            text = ("// rocksdb/%s -- GENERATED by scripts/amalgamate.py: "
                    "RocksDB 7.8.3 declares it, skyrocks does not.\n"
                    "// It stops the build rather than let the compiler find "
                    "librocksdb's header.\n"
                    '#error "rocksdb/%s (RocksDB 7.8.3) is not provided by '
                    'skyrocks: %s"\n' % (name, name, advice))
        out["rocksdb/" + name] = text
    return out


def write(path, text):
    """Writes text to path unless it already holds exactly that, so an
    unchanged file keeps its time and make rebuilds nothing from it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.isfile(path) and read_text(path) == text:
        return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "amalgamation"))
    ap.add_argument("--line", action="store_true",
                    help="emit #line directives pointing into src/")
    args = ap.parse_args()
    try:
        h_text, c_text, headers = build(args.line)
        shims = forwarding_headers(headers)
    except AmalgamationError as e:
        print("amalgamate: error: %s" % e, file=sys.stderr)
        return 1
    write(os.path.join(args.out, "skyrocks.h"), h_text)
    write(os.path.join(args.out, "skyrocks.cpp"), c_text)
    # Headers this run does not write (a header that became provided, or
    # left the list) must not linger beside the pair.
    shim_root = os.path.join(args.out, "rocksdb")
    for dirpath, _, files in os.walk(shim_root):
        for f in files:
            name = os.path.relpath(os.path.join(dirpath, f), args.out)
            if name.replace(os.sep, "/") not in shims:
                os.remove(os.path.join(dirpath, f))
    for name, text in sorted(shims.items()):
        write(os.path.join(args.out, name), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
