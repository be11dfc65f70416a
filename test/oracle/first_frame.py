#!/usr/bin/env python3
"""Oracle for attribution: read `strace -ff -k -o PREFIX` output (one file
per process: with -f alone, strace can print a stack after another
process's line, which no parser can pair up reliably) and count, per
(object, syscall number), the first stack frame outside the skipped objects
(libc by default), as syso-kagg's JSON does. Calls strace printed no stack
for (exit_group never returns; strace's own unwinding sometimes fails) go
to "[no stack]". So does a clone3 whose stack strace ends inside libc: its
unwinder (libdw) stops at glibc's clone3 syscall site, which marks the
return address undefined for the child's path, although the parent's
caller is plain (pthread_create called by the program). The initial execve
is left out, as syso-kagg does.

usage: first_frame.py PREFIX UNISTD_64_H [SKIPPED_PATH...] > out.json
"""
import glob
import json
import re
import sys

def main():
    prefix, unistd = sys.argv[1], sys.argv[2]
    # PREFIX.PID files, the traced command's (lowest pid) first
    traces = sorted(glob.glob(glob.escape(prefix) + ".[0-9]*"),
                    key=lambda f: int(f.rsplit(".", 1)[1]))
    skipped = set(sys.argv[3:]) or {"/usr/lib/x86_64-linux-gnu/libc.so.6"}
    nr_of = {}
    for line in open(unistd):
        m = re.match(r"#define __NR_(\w+)\s+(\d+)", line)
        if m:
            nr_of[m.group(1)] = m.group(2)
    call_re = re.compile(r"^(?:<\.\.\. (\w+) resumed>|(\w+)\()")
    counts = {}
    first_execve = True
    current = None          # [nr, frames] of the call whose stack follows

    def flush():
        nonlocal current
        if current is None:
            return
        nr, frames = current
        current = None
        obj = None
        if not frames:
            obj = "[no stack]"
        else:
            for f in frames:
                if f not in skipped:
                    obj = f
                    break
            if obj is None:
                # all frames skipped: the skipped object made it itself,
                # except where strace's unwinding stops early (see above)
                obj = "[no stack]" if nr == nr_of["clone3"] else frames[0]
        d = counts.setdefault(obj, {})
        d[nr] = d.get(nr, 0) + 1

    for line in (l for t in traces for l in open(t, errors="replace")):
        if line.startswith(" > "):
            if current is not None:
                m = re.match(r" > (.*?)\((?:.*)\) \[0x[0-9a-f]+\]$", line.rstrip("\n"))
                path = m.group(1) if m else line[3:].split("(")[0]
                current[1].append(path)
            continue
        flush()
        m = call_re.match(line)
        if not m or "<unfinished ...>" in line:
            continue
        name = m.group(1) or m.group(2)
        if name == "execve" and first_execve:
            first_execve = False
            continue
        if name not in nr_of:
            continue
        current = [nr_of[name], []]
    flush()
    json.dump(counts, sys.stdout, indent=1, sort_keys=True)

main()
