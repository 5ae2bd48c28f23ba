#!/usr/bin/env python3
"""Prints, one a line and sorted (C locale), the files under DIR whose names
end with one of SUFFIX..., relative to the repository root. meson.build runs
it at configure time (meson has no glob); re-run `meson setup --reconfigure`
after adding a test or oracle file.

Usage: list_sources.py DIR SUFFIX [SUFFIX...]   e.g. tests/unit _test.cpp
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    top = os.path.join(ROOT, sys.argv[1])
    suffixes = tuple(sys.argv[2:])
    found = []
    for dirpath, _, files in os.walk(top):
        for f in files:
            if f.endswith(suffixes):
                found.append(os.path.relpath(os.path.join(dirpath, f), ROOT)
                             .replace(os.sep, "/"))
    for p in sorted(found):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
