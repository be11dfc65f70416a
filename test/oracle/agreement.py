#!/usr/bin/env python3
"""Agreement between two attributions in syso-kagg's JSON shape:
sum over (object, nr) of min(counts) / max(totals). Calls the oracle could
not attribute ("[no stack]" in B) may match any object's surplus for the
same syscall. Prints the agreement, then the largest differences.

Syscall numbers in $IGNORE_NR (comma-separated) are left out: their counts
depend on timing (rt_sigreturn after SIGCHLD in a shell, futex in threaded
programs), and strace's stops change the timing.

usage: agreement.py A.json B.json
"""
import json
import os
import sys

ignore = {n for n in os.environ.get("IGNORE_NR", "").split(",") if n}
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
for d in (a, b):
    for obj in list(d):
        d[obj] = {nr: c for nr, c in d[obj].items() if nr not in ignore}
nostack = b.pop("[no stack]", {})
nrs = {nr for d in list(a.values()) + list(b.values()) + [nostack] for nr in d}
matched = 0
diffs = []
for nr in nrs:
    surplus = 0
    for obj in set(a) | set(b):
        x = a.get(obj, {}).get(nr, 0)
        y = b.get(obj, {}).get(nr, 0)
        matched += min(x, y)
        surplus += max(0, x - y)
        if x != y:
            diffs.append((abs(x - y), obj, nr, x, y))
    matched += min(surplus, nostack.get(nr, 0))
total_a = sum(sum(d.values()) for d in a.values())
total_b = sum(sum(d.values()) for d in b.values()) + sum(nostack.values())
agreement = matched / max(total_a, total_b, 1)
print(f"{agreement:.6f} {matched} {total_a} {total_b}")
for d in sorted(diffs, reverse=True)[:int(__import__("os").environ.get("SHOW", "8"))]:
    print(f"  {d[1]} nr {d[2]}: {d[3]} vs {d[4]}")
