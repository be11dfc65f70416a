#!/usr/bin/env python3
"""A checker for the OpenMetrics text format, as much of it as syso-kagg
writes (promtool checks the Prometheus text format, not this one): metric
families declared with TYPE (and HELP, UNIT) before their samples, a
family with a UNIT named ..._UNIT, names and labels by the grammar,
escaped label values, numeric values, no duplicate samples, histograms
with cumulative buckets in increasing le order ending at le="+Inf" equal
to _count, and a final "# EOF" with nothing after. Prints the first
problem and exits 1.

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
SUFFIXES = {"counter": ["_total", "_created"], "gauge": [""], "unknown": [""],
            "histogram": ["_bucket", "_count", "_sum", "_created"]}

def die(n, msg):
    print(f"line {n}: {msg}")
    sys.exit(1)

# histogram series (family and labels but le): last le and count seen
histograms = {}

def hist_sample(n, suffix, labels, value):
    pairs = re.findall(r'(%s)=(%s)' % (LABEL_NAME, LABEL_VALUE), labels)
    le = [v for k, v in pairs if k == "le"]
    series = (family, tuple((k, v) for k, v in pairs if k != "le"))
    h = histograms.setdefault(series, {"le": None, "bucket": None, "inf": None, "count": None})
    if suffix == "_bucket":
        if len(le) != 1:
            die(n, "a _bucket sample needs one le label")
        if h["inf"] is not None:
            die(n, 'bucket after le="+Inf"')
        bound = float(le[0].strip('"'))
        if h["le"] is not None and bound <= h["le"]:
            die(n, f"le {le[0]} not above the previous bucket's")
        if h["bucket"] is not None and float(value) < h["bucket"]:
            die(n, "buckets not cumulative")
        h["le"], h["bucket"] = bound, float(value)
        if le[0] == '"+Inf"':
            h["inf"] = float(value)
    elif le:
        die(n, f"le label on {suffix}")
    elif suffix == "_count":
        if h["inf"] is None:
            die(n, 'histogram _count before its le="+Inf" bucket')
        if float(value) != h["inf"]:
            die(n, f'_count {value} differs from the le="+Inf" bucket {h["inf"]:g}')
        h["count"] = float(value)

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
        elif kind == "UNIT" and not name.endswith("_" + rest):
            die(n, f"family {name} has unit {rest} but does not end in _{rest}")
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
    if ftype == "histogram":
        hist_sample(n, name[len(family):], labels, m.group(3))
for series, h in histograms.items():
    if h["count"] is None:
        die(0, f"histogram series {series} has no _count")
print(f"ok: {len(families)} families, {len(seen)} samples")
