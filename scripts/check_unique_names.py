#!/usr/bin/env python3
"""File-local names and macros that would break the one-TU amalgamation.

The amalgamation pastes every src/*.cc into one translation unit, so all
anonymous namespaces merge and all `static` functions share one scope: two
files with a file-local `Helper` either fail to compile or, worse, silently
overload. This script collects, from src/**/*.cc and src/**/*.h:
* members of anonymous namespaces (functions, classes/structs/unions,
  enums, variables/constants, type aliases, namespace aliases);
* `static` functions and variables at namespace scope;
* const/constexpr variables at namespace scope in a .cc (internal linkage);
and fails, naming both places, when one name is file-local in two files.

Macros: every #define must carry SKYROCKS_ (except ROCKSDB_NAMESPACE, include
guards and MACRO_ALLOWLIST); a macro defined in a .cc must be #undef'd after
its definition (the rest of the amalgamation would see it otherwise); a
macro left defined by two different files is reported too.

The parser is pragmatic (brace-depth tracking and token patterns, see
scripts/cxxscan.py), written to have no false positives on src/.

Usage: check_unique_names.py [--root DIR]   (DIR holds src/)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cxxscan  # noqa: E402

# Macros allowed without the SKYROCKS_ prefix (RocksDB's public names).
MACRO_ALLOWLIST = {
    "ROCKSDB_NAMESPACE",
    "ROCKSDB_MAJOR",
    "ROCKSDB_MINOR",
    "ROCKSDB_PATCH",
    "ROCKSDB_LIBRARY_API",
}

KEYWORDS = set("""
alignas alignof asm auto bool break case catch char char16_t char32_t class
const consteval constexpr constinit const_cast continue decltype default
delete do double dynamic_cast else enum explicit export extern false float
for friend goto if inline int long mutable namespace new noexcept nullptr
operator private protected public register reinterpret_cast return short
signed sizeof static static_assert static_cast struct switch template this
thread_local throw true try typedef typeid typename union unsigned using
virtual void volatile wchar_t while final override
""".split())

CLASS_KEYS = ("class", "struct", "union", "enum")


def strip_prefix_noise(stmt):
    """Drops template heads, [[attributes]], alignas(...), __attribute__."""
    out = []
    i = 0
    n = len(stmt)
    while i < n:
        t = stmt[i]
        if t == "template" and i + 1 < n and stmt[i + 1] == "<":
            depth = 0
            i += 1
            while i < n:
                if stmt[i] == "<":
                    depth += 1
                elif stmt[i] == ">":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            i += 1
            continue
        if t == "[" and i + 1 < n and stmt[i + 1] == "[":
            j = i + 2
            while j + 1 < n and not (stmt[j] == "]" and stmt[j + 1] == "]"):
                j += 1
            i = j + 2
            continue
        if t in ("alignas", "__attribute__", "__declspec") and \
                i + 1 < n and stmt[i + 1] == "(":
            depth = 0
            j = i + 1
            while j < n:
                if stmt[j] == "(":
                    depth += 1
                elif stmt[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out


def is_ident(t):
    return (t[:1].isalpha() or t[:1] == "_") and t not in KEYWORDS


def head_until_init(stmt):
    """Tokens before the first top-level '=' or '(' (outside <...>), and the
    token that stopped it."""
    angle = 0
    for i, t in enumerate(stmt):
        if t == "<" and i > 0 and is_ident(stmt[i - 1]):
            angle += 1
        elif t == ">" and angle > 0:
            angle -= 1
        elif angle == 0 and t in ("=", "(", "{"):
            return stmt[:i], t
    return stmt, None


def analyze(stmt, terminator):
    """(name, kind, is_static, is_const) for a namespace-scope declaration,
    or None. terminator is ';' or '{'."""
    stmt = strip_prefix_noise(stmt)
    if not stmt:
        return None
    first = stmt[0]
    if first in ("using",):
        if len(stmt) >= 3 and is_ident(stmt[1]) and stmt[2] == "=":
            return stmt[1], "type alias", False, False
        return None                       # using-declaration/directive
    if first in ("static_assert", "extern", "friend", "template",
                 "namespace", "asm"):
        if first == "namespace" and len(stmt) >= 3 and stmt[2] == "=":
            return stmt[1], "namespace alias", False, False
        return None
    if first == "typedef":
        # typedef ... Name;  or  typedef R (*Name)(...);
        for i in range(len(stmt) - 3):
            if stmt[i] == "(" and stmt[i + 1] == "*" and is_ident(
                    stmt[i + 2]) and stmt[i + 3] == ")":
                return stmt[i + 2], "typedef", False, False
        idents = [t for t in stmt if is_ident(t)]
        return (idents[-1], "typedef", False, False) if idents else None
    # class/struct/union/enum definitions or declarations.
    head, stop = head_until_init(stmt)
    for i, t in enumerate(head):
        if t in CLASS_KEYS:
            j = i + 1
            while j < len(head) and head[j] in ("class", "struct"):
                j += 1
            if j < len(head) and is_ident(head[j]) and (
                    j + 1 == len(head) or head[j + 1] in (":", "final")):
                if terminator == ";" and j + 1 == len(head) and \
                        stop is None and i == 0:
                    kind = "forward declaration of " + t
                else:
                    kind = t
                return head[j], kind, False, False
            break
    is_static = "static" in head
    if not head:
        return None
    # Function (or variable with constructor arguments): Name ( ...
    if stop == "(":
        last = head[-1]
        if len(head) >= 2 and head[-2] in ("::", "operator", "~"):
            return None                   # qualified / operator / destructor
        if last == "operator" or not is_ident(last):
            # int (*fp)(int);
            if len(stmt) > len(head) + 3 and stmt[len(head) + 1] == "*" and \
                    is_ident(stmt[len(head) + 2]):
                return stmt[len(head) + 2], "variable", is_static, False
            return None
        if len(head) == 1:
            return None                   # a macro call such as FOO(x);
        return last, "function", is_static, False
    # Variable: the last identifier of the head (skip a trailing [N]).
    h = list(head)
    while h and h[-1] == "]":
        k = len(h) - 1
        while k >= 0 and h[k] != "[":
            k -= 1
        h = h[:max(k, 0)]
    if len(h) < 2 or not is_ident(h[-1]) or h[-2] == "::":
        return None
    name = h[-1]
    decl = h[:-1]
    is_const = "constexpr" in decl or (
        "const" in decl and
        max(i for i, t in enumerate(decl) if t == "const") >
        max([i for i, t in enumerate(decl) if t in ("*", "&")] + [-1]))
    if "inline" in decl:
        is_const = False
    return name, "variable", is_static, is_const


def file_local_names(path, relpath):
    """[(name, line, kind)] of file-local names defined in one file."""
    s = cxxscan.scan(cxxscan.read(path))
    is_cc = relpath.endswith((".cc", ".cpp"))
    found = []
    stack = []        # per '{': 'anon', 'ns', 'other', or 'expr'
    stmt = []
    stmt_line = 0
    paren = 0

    def at_ns_scope():
        return all(k in ("anon", "ns") for k in stack)

    def record(terminator):
        if not stmt:
            return
        r = analyze(stmt, terminator)
        if r is None:
            return
        name, kind, is_static, is_const = r
        in_anon = "anon" in stack
        if name.startswith("SKYROCKS_"):
            return
        if in_anon:
            found.append((name, stmt_line, kind + " in anonymous namespace"))
        elif is_static:
            found.append((name, stmt_line, "static " + kind))
        elif is_const and is_cc and kind == "variable":
            found.append((name, stmt_line,
                          "namespace-scope const (internal linkage)"))

    last = ""        # previous token at namespace scope
    enum_prev = ""   # previous token inside an unscoped enum's body
    enum_depth = 0
    for tok, line in cxxscan.tokens(s.code):
        if stack and stack[-1] == "enum":
            # Enumerators of an unscoped enum in an anonymous namespace are
            # file-local names too.
            if tok in ("(", "["):
                enum_depth += 1
            elif tok in (")", "]") and enum_depth > 0:
                enum_depth -= 1
            elif tok == "}" and enum_depth == 0:
                stack.pop()
                stmt = []
                paren = 0
                last = "}"
                continue
            elif enum_depth == 0 and enum_prev in ("{", ",") and \
                    is_ident(tok) and "anon" in stack:
                found.append((tok, line, "enumerator in anonymous namespace"))
            enum_prev = tok
            continue
        collecting = at_ns_scope()
        if tok == "{":
            if not collecting:
                stack.append("other")
                continue
            if paren > 0 or (stmt and _has_top_level(stmt, "=")) or (
                    _ctor_init(stmt) and last not in (")", "}")):
                # An initialiser: int kA[] = {..}, f(T{..}), : member_{..}
                stack.append("expr")
                continue
            last = tok
            if stmt and (stmt[0] == "namespace" or
                         stmt[:2] == ["inline", "namespace"]):
                stack.append("anon" if len(stmt) == 1 or
                             stmt[:2] == ["inline", "namespace"] and
                             len(stmt) == 2 else "ns")
                stmt = []
                continue
            if stmt == ["extern", '""']:
                stack.append("ns")
                stmt = []
                continue
            clean = strip_prefix_noise(stmt)
            if clean and not _has_top_level(clean, "(") and not any(
                    t in CLASS_KEYS for t in clean):
                # int kX{3};  brace initialisation of a variable
                stack.append("expr")
                continue
            record("{")
            if "enum" in clean and not _has_top_level(clean, "("):
                k = clean.index("enum")
                scoped = k + 1 < len(clean) and clean[k + 1] in CLASS_KEYS
                if not scoped:
                    stack.append("enum")
                    enum_prev = "{"
                    enum_depth = 0
                    stmt = []
                    continue
            stack.append("other")
            stmt = []
            continue
        if tok == "}":
            kind = stack.pop() if stack else "other"
            if kind != "expr":
                stmt = []
                paren = 0
            if at_ns_scope():
                last = tok
            continue
        if not collecting:
            continue
        last = tok
        if tok == "(":
            paren += 1
        elif tok == ")":
            paren = max(0, paren - 1)
        if tok == ";" and paren == 0:
            record(";")
            stmt = []
            continue
        if not stmt:
            stmt_line = line
        stmt.append(tok)
    return found, s


def _ctor_init(stmt):
    """True if stmt has a constructor's member-initialiser list (`) :`)."""
    depth = 0
    closed = False
    for t in stmt:
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
            closed = closed or depth == 0
        elif t == ":" and depth == 0 and closed:
            return True
    return False


def _has_top_level(stmt, what):
    angle = 0
    for i, t in enumerate(stmt):
        if t == "<" and i > 0 and is_ident(stmt[i - 1]):
            angle += 1
        elif t == ">" and angle > 0:
            angle -= 1
        elif t == what and angle == 0:
            return True
    return False


def check_macros(relpath, s, errors, defined_by):
    guard = cxxscan.include_guard(s.directives)
    defines = []
    undefs = {}
    for line, text in s.directives:
        kind, arg = cxxscan.directive_parts(text)
        name = arg.split("(", 1)[0].split()[0] if arg.split() else ""
        if kind == "define":
            defines.append((name, line))
        elif kind == "undef":
            undefs.setdefault(name, []).append(line)
    seen = set()
    for name, line in defines:
        where = "src/%s:%d" % (relpath, line)
        if name == guard:
            continue
        if not name.startswith("SKYROCKS_") and name not in MACRO_ALLOWLIST:
            errors.append("%s: macro %s lacks the SKYROCKS_ prefix" %
                          (where, name))
        later_undef = any(u > line for u in undefs.get(name, []))
        if relpath.endswith((".cc", ".cpp")) and not later_undef:
            errors.append("%s: file-local macro %s is not #undef'd at the "
                          "end of the file" % (where, name))
        if not later_undef and name not in seen:
            seen.add(name)
            defined_by.setdefault(name, []).append(where)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--list", action="store_true",
                    help="print every file-local name found")
    args = ap.parse_args()
    src = os.path.join(os.path.abspath(args.root), "src")
    if not os.path.isdir(src):
        print("check_unique_names: no src/ under %s" % args.root,
              file=sys.stderr)
        return 2
    errors = []
    owners = {}       # name -> {relpath: (line, kind)}
    macro_defs = {}
    files = [f for f in cxxscan.source_files(src, (".h", ".cc"))
             if not os.path.relpath(f, src).startswith("tools" + os.sep)]
    for path in files:
        r = os.path.relpath(path, src).replace(os.sep, "/")
        names, s = file_local_names(path, r)
        for name, line, kind in names:
            if args.list:
                print("src/%s:%d: %s %s" % (r, line, kind, name))
            owners.setdefault(name, {}).setdefault(r, (line, kind))
        check_macros(r, s, errors, macro_defs)
    for name in sorted(owners):
        places = owners[name]
        if len(places) > 1:
            desc = " and ".join("src/%s:%d (%s)" % (p, l, k)
                                for p, (l, k) in sorted(places.items()))
            errors.append("file-local name %s is defined in %d files: %s; "
                          "they clash or silently overload in the "
                          "amalgamation: if they do the same, share it (one "
                          "helper in util/ or a header both include), else "
                          "name each for what it does" %
                          (name, len(places), desc))
    for name in sorted(macro_defs):
        if len(macro_defs[name]) > 1:
            errors.append("macro %s is defined by %s" %
                          (name, " and ".join(macro_defs[name])))
    for e in errors:
        print(e)
    if errors:
        print("check_unique_names: %d problem(s)" % len(errors))
        return 1
    total = sum(len(v) for v in owners.values())
    print("check_unique_names: ok (%d file-local names in %d files)" %
          (total, len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
