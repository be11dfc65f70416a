#!/usr/bin/env python3
"""A checker for the OpenMetrics text format, as much of it as syso-kagg
writes (promtool is not packaged here): metric families declared with
TYPE (and HELP) before their samples, names and labels by the grammar,
escaped label values, numeric values, no duplicate samples, a final
"# EOF" with nothing after. Prints the first problem and exits 1.

usage: openmetrics_lint.py FILE
"""
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL_NAME = r"[a-zA-Z_][a-zA-Z0-9_]*"
LABEL_VALUE = r'"(?:[^"\\\n]|\\\\|\\"|\\n)*"'
LABELS = r"\{(?:%s=%s(?:,%s=%s)*)?\}" % (LABEL_NAME, LABEL_VALUE, LABEL_NAME, LABEL_VALUE)
SAMPLE = re.compile(r"^(%s)(%s)? (-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[+-]Inf|NaN)$" % (NAME, LABELS))
TYPES = {"counter", "gauge", "unknown", "info", "stateset", "histogram", "gaugehistogram", "summary"}
SUFFIXES = {"counter": ["_total", "_created"], "gauge": [""], "unknown": [""]}

def die(n, msg):
    print(f"line {n}: {msg}")
    sys.exit(1)

raw = open(sys.argv[1], "rb").read()
try:
    data = raw.decode("utf-8")    # strict: OpenMetrics text is UTF-8
except UnicodeDecodeError as e:
    line = raw[:e.start].count(b"\n") + 1
    die(line, f"not UTF-8: byte 0x{raw[e.start]:02x} at offset {e.start}")
if not data.endswith("# EOF") and not data.endswith("# EOF\n"):
    die(0, "does not end with '# EOF'")
lines = data.split("\n")
if lines[-1] == "":
    lines.pop()
families, family, ftype, seen = set(), None, None, set()
for n, line in enumerate(lines, 1):
    if line == "# EOF":
        if n != len(lines):
            die(n, "text after # EOF")
        break
    if not line:
        die(n, "empty line")
    if line.startswith("#"):
        m = re.match(r"^# (TYPE|HELP|UNIT) (%s) (.*)$" % NAME, line)
        if not m:
            die(n, f"bad comment/descriptor: {line!r}")
        kind, name, rest = m.groups()
        if kind == "TYPE":
            if name in families:
                die(n, f"family {name} declared twice (or not contiguous)")
            if rest not in TYPES:
                die(n, f"unknown type {rest}")
            if rest == "counter" and name.endswith("_total"):
                die(n, "a counter family name must not end in _total")
            families.add(name)
            family, ftype = name, rest
        elif name != family:
            die(n, f"{kind} for {name} outside its family")
        continue
    m = SAMPLE.match(line)
    if not m:
        die(n, f"bad sample: {line!r}")
    name, labels = m.group(1), m.group(2) or ""
    if family is None or name not in [family + s for s in SUFFIXES.get(ftype, [""])]:
        die(n, f"sample {name} does not belong to family {family} ({ftype})")
    if ftype == "counter" and float(m.group(3)) < 0:
        die(n, "negative counter")
    key = (name, labels)
    if key in seen:
        die(n, f"duplicate sample {name}{labels}")
    seen.add(key)
print(f"ok: {len(families)} families, {len(seen)} samples")
