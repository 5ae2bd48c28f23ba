"""A small C++ source scanner shared by the static checks (stdlib only).

It is not a compiler: it knows comments, string and character literals
(including raw strings and digit separators), preprocessor directives with
line continuations, and tokens. That is enough for the include-graph, layer,
scope and file-local-name checks in scripts/check_*.py.

scan(text) returns a Scan:
  code        text with comments removed, literal contents blanked and
              directive lines blanked; line numbers are preserved.
  directives  [(lineno, text)]: each preprocessor directive, comments
              removed, continuations joined, literal contents kept.
  raw_strings [lineno]: where a raw string literal starts.
  include_text [lineno]: "#include" inside a comment or a string literal.
tokens(code) yields (token, lineno); string literals come as one token '""'.
"""
import os
import re

IDENT_CHARS = set("abcdefghijklmnopqrstuvwxyz"
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
RAW_PREFIXES = ("R", "u8R", "uR", "UR", "LR")
CHAR_PREFIXES = ("", "u8", "u", "U", "L")


class Scan:
    def __init__(self):
        self.code = ""
        self.directives = []
        self.raw_strings = []
        self.include_text = []


def _ident_before(text, i):
    j = i
    while j > 0 and text[j - 1] in IDENT_CHARS:
        j -= 1
    return text[j:i]


def scan(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    s = Scan()
    out = []          # characters of s.code
    n = len(text)
    i = 0
    line = 1
    line_start = True  # only whitespace so far on this line
    directive = None   # [lineno, list of chars] while inside a directive

    def emit(ch, keep_in_directive=True):
        # Newlines always go to code so line numbers stay right.
        if directive is not None:
            if ch == "\n":
                out.append("\n")
            elif keep_in_directive:
                directive[1].append(ch)
        else:
            out.append(ch)

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "\\" and nxt == "\n":           # line continuation
            emit(" ") if directive is not None else out.append(" ")
            out.append("\n")
            line += 1
            i += 2
            continue
        if c == "\n":
            if directive is not None:
                s.directives.append((directive[0], "".join(directive[1])))
                directive = None
            out.append("\n")
            line += 1
            line_start = True
            i += 1
            continue
        if c == "/" and nxt == "/":             # line comment
            j = text.find("\n", i)
            j = n if j < 0 else j
            # A backslash-newline continues a // comment too.
            while j > 0 and j < n and text[j - 1] == "\\":
                k = text.find("\n", j + 1)
                j = n if k < 0 else k
            body = text[i:j]
            if re.search(r"#\s*include", body):
                s.include_text.append(line)
            nl = body.count("\n")
            for _ in range(nl):
                out.append("\n")
            line += nl
            emit(" ")
            i = j
            continue
        if c == "/" and nxt == "*":             # block comment
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            body = text[i:j]
            if re.search(r"#\s*include", body):
                s.include_text.append(line)
            nl = body.count("\n")
            emit(" ")
            for _ in range(nl):
                out.append("\n")
            line += nl
            i = j
            continue
        if c == "#" and line_start and directive is None:
            directive = [line, []]
            line_start = False
            directive[1].append("#")
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if c == '"':
            prefix = _ident_before(text, i)
            if prefix in RAW_PREFIXES:
                m = re.compile(r'"([^()\\\s]{0,16})\(').match(text, i)
                if m:
                    s.raw_strings.append(line)
                    end = text.find(")" + m.group(1) + '"', m.end())
                    end = n if end < 0 else end + len(m.group(1)) + 2
                    body = text[i:end]
                    if re.search(r"#\s*include", body):
                        s.include_text.append(line)
                    nl = body.count("\n")
                    emit('"')
                    emit('"')
                    for _ in range(nl):
                        out.append("\n")
                    line += nl
                    i = end
                    continue
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            body = text[i:j + 1]
            if directive is None and re.search(r"#\s*include", body):
                s.include_text.append(line)
            if directive is not None:
                for ch in body:
                    emit(ch)
            else:
                out.append('""')
            i = j + 1
            continue
        if c == "'":
            prefix = _ident_before(text, i)
            if prefix and prefix not in CHAR_PREFIXES:
                emit(c)                          # digit separator
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if directive is not None:
                for ch in text[i:j + 1]:
                    emit(ch)
            else:
                out.append("' '")
            i = j + 1
            continue
        emit(c)
        i += 1
    if directive is not None:
        s.directives.append((directive[0], "".join(directive[1])))
    s.code = "".join(out)
    return s


TOKEN_RE = re.compile(
    r'""|\' \'|[A-Za-z_]\w*|\d[\w.\']*|::|->|\.\.\.|[^\s\w]')


def tokens(code):
    for lineno, text in enumerate(code.split("\n"), 1):
        for m in TOKEN_RE.finditer(text):
            yield m.group(0), lineno


DIRECTIVE_RE = re.compile(r"^#\s*(\w+)\s*(.*)$", re.S)


def directive_parts(text):
    """('include', '"util/coding.h"') for a directive's text."""
    m = DIRECTIVE_RE.match(text.strip())
    if not m:
        return "", ""
    return m.group(1), m.group(2).strip()


def include_guard(directives):
    """The guard macro if the first two directives are #ifndef X/#define X
    and the last is #endif; else None."""
    if len(directives) < 3:
        return None
    k1, a1 = directive_parts(directives[0][1])
    k2, a2 = directive_parts(directives[1][1])
    k3, _ = directive_parts(directives[-1][1])
    if k1 == "ifndef" and k2 == "define" and a1 and a1 == a2 and \
            k3 == "endif":
        return a1
    return None


def source_files(src, exts=(".h", ".cc", ".cpp")):
    """Every file under src/ with one of exts, sorted, as absolute paths."""
    found = []
    for dirpath, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(exts):
                found.append(os.path.join(dirpath, f))
    return found


def read(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return f.read()
