#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The deepest BPF stack of each program in a BPF object, as Linux 6.1's
verifier counts it: along every call chain (subprogram calls and the
callbacks given to bpf_loop, bpf_find_vma...), each function's frame
rounded up to 32 bytes, summed. Linux 6.1 and 6.12 refuse a program whose
sum exceeds 512 bytes ("combined stack size of N calls is M. Too large");
newer kernels with private stacks accept it, so a program that loads on the
host proves nothing.

A function's frame is the deepest r10 offset its instructions use (what the
verifier records as the subprogram's stack depth). Calls are read from the
relocations llvm-objdump prints: a call or a 64-bit load of a function
address (a callback) names a symbol, or the .text section plus an offset.

usage: bpf_stack_chains.py OBJECT [LIMIT]
Prints each program's deepest chain and the functions it reaches; exits 1 if one is over LIMIT (512).
"""
import re
import shutil
import subprocess
import sys

FRAME_ROUND = 32


def objdump():
    for name in ("llvm-objdump", "llvm-objdump-14", "llvm-objdump-16", "llvm-objdump-19"):
        if shutil.which(name):
            return name
    sys.exit("bpf_stack_chains: no llvm-objdump (Debian's llvm package)")


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def symbols(tool, obj):
    """{(section, byte offset): name} of the functions, and their sections."""
    funcs, sect_of = {}, {}
    for line in run(tool, "-t", obj).splitlines():
        f = line.split()
        # 0000000000007490 l     F .text	0000000000000328 path_step
        if len(f) >= 5 and "F" in f[1:-3]:
            name, sect, addr = f[-1], f[-3], int(f[0], 16)
            funcs[(sect, addr)] = name
            sect_of[name] = sect
    return funcs, sect_of


def parse(tool, obj):
    funcs, sect_of = symbols(tool, obj)
    depth, calls = {}, {}
    sect, cur, last_insn = None, None, None
    for line in run(tool, "-dr", obj).splitlines():
        m = re.match(r"Disassembly of section (\S+):", line)
        if m:
            sect = m.group(1)
            continue
        m = re.match(r"([0-9a-f]+) <([^>]+)>:", line)
        if m:
            key = (sect, int(m.group(1), 16))
            if key in funcs:
                cur = funcs[key]
                depth.setdefault(cur, 0)
                calls.setdefault(cur, set())
            continue
        if cur is None:
            continue
        # "  2651:	85 10 00 00 ff ff ff ff	call -1": index, raw bytes, text
        m = re.match(r"\s*([0-9]+):\s+((?:[0-9a-f]{2} ){7}[0-9a-f]{2})\s+(.*)", line)
        if m:
            idx, raw, insn = int(m.group(1)), m.group(2).split(), m.group(3)
            last_insn = (idx, insn)
            for off in re.findall(r"r10 - (\d+)", insn):
                depth[cur] = max(depth[cur], int(off))
            # a call of a function (src_reg BPF_PSEUDO_CALL = 1) in the
            # same section is pc-relative, with no relocation
            if raw[0] == "85" and int(raw[1], 16) >> 4 == 1:
                imm = int.from_bytes(bytes.fromhex("".join(raw[4:8])), "little", signed=True)
                target = (sect, (idx + imm + 1) * 8)
                if imm != -1 and target in funcs:
                    calls[cur].add(funcs[target])
            continue
        m = re.match(r"\s*[0-9a-f]+:\s+(R_BPF_64_32|R_BPF_64_64)\s+(\S+)", line)
        if m and last_insn:
            rel, sym = m.group(1), m.group(2)
            idx, insn = last_insn
            if sym in sect_of:			# a named function
                calls[cur].add(sym)
            elif sym == ".text":
                if rel == "R_BPF_64_32":	# call imm: (imm + 1) * 8
                    off = (int(re.search(r"call (-?\d+)", insn).group(1)) + 1) * 8
                else:				# rX = off ll: a callback
                    off = int(re.search(r"= (-?\d+) ll", insn).group(1))
                if (".text", off) in funcs:
                    calls[cur].add(funcs[(".text", off)])
    return depth, calls, sect_of


def frame(depth, f):
    return -(-max(depth.get(f, 0), 1) // FRAME_ROUND) * FRAME_ROUND


def deepest(f, depth, calls, seen=()):
    """(bytes, chain) of the deepest chain starting at f."""
    best = (0, [])
    for g in sorted(calls.get(f, ())):
        if g in seen:
            continue
        best = max(best, deepest(g, depth, calls, seen + (f,)))
    return frame(depth, f) + best[0], [f] + best[1]


def reach(f, calls):
    seen, todo = set(), [f]
    while todo:
        g = todo.pop()
        for h in calls.get(g, ()):
            if h not in seen:
                seen.add(h)
                todo.append(h)
    return seen


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    obj = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 512
    depth, calls, sect_of = parse(objdump(), obj)
    over = 0
    for prog in sorted(f for f, s in sect_of.items() if s != ".text"):
        total, chain = deepest(prog, depth, calls)
        shown = " -> ".join(f"{f}({frame(depth, f)})" for f in chain)
        print(f"{prog}: {total} bytes: {shown}")
        print(f"{prog} reaches: {' '.join(sorted(reach(prog, calls)))}")
        if total > limit:
            over += 1
    if over:
        print(f"bpf_stack_chains: {over} program(s) over {limit} bytes", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
