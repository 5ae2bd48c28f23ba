#!/usr/bin/env python3
"""Copies files into a directory and touches a stamp file; meson.build uses
it to put the oracle programs at <builddir>/oracle/NAME, where the tests
look for them (skyrocks_test::BuildDir() + "/oracle/NAME"). A leading
PREFIX is stripped from each file's name (meson targets are named
oracle_NAME because target names cannot contain '/').

Usage: stage_files.py DEST_DIR STAMP PREFIX FILE...
"""
import os
import shutil
import sys


def main():
    dest, stamp, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(dest, exist_ok=True)
    for f in sys.argv[4:]:
        name = os.path.basename(f)
        if name.startswith(prefix):
            name = name[len(prefix):]
        tmp = os.path.join(dest, "." + name + ".tmp")
        shutil.copy2(f, tmp)
        os.replace(tmp, os.path.join(dest, name))
    with open(stamp, "w") as s:
        s.write("\n".join(sys.argv[4:]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
