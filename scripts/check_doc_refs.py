#!/usr/bin/env python3
"""Every document the repository points at is in the repository.

A comment, script or README that sends its reader to a design or format
document must name a file a clone of the project has (doc/*.md, README.md).
Checked in src/, scripts/, tests/, examples/, bench/, doc/, README.md,
Makefile and meson.build (amalgamation/ is generated from src/):
* no reference to the "shared" folder beside the repository, by a relative
  (dot-dot) or an absolute (/work) path: documents that lived next to the
  repository while it was written;
* every path ending in .md names an existing file, relative to the
  repository root or to the referring file's folder. URLs are not checked.

Usage: check_doc_refs.py [--root DIR]   (DIR: the repository; default: this)
Prints one line per violation, file:line: rule, and exits 1 if any.
"""
import argparse
import os
import re
import sys

ROOTS = ["src", "scripts", "tests", "examples", "bench", "doc"]
TOP_FILES = ["README.md", "Makefile", "meson.build"]
SKIP_DIRS = {".git", "build", "amalgamation", "node_modules", "__pycache__"}
TEXT_EXT = {".h", ".cc", ".cpp", ".c", ".py", ".sh", ".md", ".build", ".txt",
            ".manifest", ".js", ".json", ".ini", ".toml", ".cfg", ".mk"}

# Spelled in pieces so that this file does not match itself.
OUTSIDE = re.compile(r"(?:\.\./" + r"shared\b|/work/" + r"shared\b)")
URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.I)
MD_PATH = re.compile(r"[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b")


def files_to_check(root):
    for name in TOP_FILES:
        if os.path.isfile(os.path.join(root, name)):
            yield name
    for top in ROOTS:
        base = os.path.join(root, top)
        for d, dirs, names in os.walk(base):
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
            for n in sorted(names):
                ext = os.path.splitext(n)[1]
                if ext in TEXT_EXT or n == "Makefile":
                    yield os.path.relpath(os.path.join(d, n), root)


def check_line(root, rel, line):
    """Violation messages for one line of file `rel`."""
    out = []
    m = OUTSIDE.search(line)
    if m:
        out.append("reference to %s, outside the repository; point at "
                   "doc/ instead" % m.group(0))
    text = URL.sub(" ", line)
    for m in MD_PATH.finditer(text):
        ref = m.group(0)
        if OUTSIDE.search(ref):
            continue  # reported above
        here = os.path.dirname(os.path.join(root, rel))
        candidates = [os.path.normpath(os.path.join(root, ref)),
                      os.path.normpath(os.path.join(here, ref))]
        if not any(os.path.isfile(c) for c in candidates):
            out.append("reference to %s, which is not a file in the "
                       "repository" % ref)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    errors = []
    checked = 0
    for rel in files_to_check(root):
        checked += 1
        try:
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                lines = f.read().split("\n")
        except (UnicodeDecodeError, OSError):
            continue
        for i, line in enumerate(lines, 1):
            for msg in check_line(root, rel, line):
                errors.append("%s:%d: %s" % (rel, i, msg))
    for e in errors:
        print(e)
    if errors:
        print("check_doc_refs: %d reference(s) to documents outside the "
              "repository" % len(errors), file=sys.stderr)
        return 1
    print("check_doc_refs: ok (%d files)" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
