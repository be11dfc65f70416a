#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seeds of test/fuzz/fuzz_deferred.c into test/fuzz/corpus/deferred:
copies shaped as the kernel sends them (struct deferred_walk, shared/deferred.h,
x86-64 layout: stack[] at byte 1320), each taking one path of the unwind:
a CFI step to the executable, the scan of marked call words, a vfork child
going on in its parent's stack, a signal frame on an alternate stack with the
interrupted stack as segment 1, a hole at sp (a chunk the kernel could not
read), and a step beyond the copy. Re-run after a
change of the layout:  python3 test/fuzz/deferred_seeds.py"""
import os
import struct

CORPUS = os.path.join(os.path.dirname(__file__), "corpus", "deferred")
HEAD = 1320                      # offsetof(struct deferred_walk, stack)
OWN, RANGES, SEG, CALL_WORDS = 160, 200, 840, 936
SEG_BYTES, CHUNK = 48, 512       # sizeof(struct deferred_segment), SCAN_CHUNK_BYTES
LIBC, EXE = 0x7f0000000000, 0x555500000000
STACK, ALT = 0x7ffc00000000, 0x7ffd00000000
LIBC_OBJ, EXE_OBJ = 5, 6         # table_of: bit obj_id % 7 of byte 1
CFA_RSP, OUTERMOST, SIGNAL = 1, 4, 5
SKIPPED = 1


def rows(*r):
    """Byte 0 (row count), byte 1 (objects with table 1: libc's), rows."""
    out = bytes([len(r), 1 << (LIBC_OBJ % 7)])
    for start, kind, cfa_off, slot in r:
        out += struct.pack("<IHBB", start, cfa_off, slot, kind)
    return out


def range_(start, size, obj, flags):
    return struct.pack("<QQQIIII", start, start + size, start, obj, flags, 0, 0)


def walk(pc, sp, segs, ranges, call_words=(), parent=None, cur=0, holes=0):
    h = bytearray(HEAD)
    struct.pack_into("<IIQ", h, 0, 1, 0, 1)                  # entry, seq 1
    struct.pack_into("<IIIIQ", h, 16, 0, 39, 100, 7, 0)      # key: getpid
    struct.pack_into("<QQQQIIII", h, 40, pc, sp, 0, 0, 0, 0, 0, len(ranges))
    if parent:
        struct.pack_into("<QQQQII", h, 96, *parent, 1, cur)
    else:
        struct.pack_into("<I", h, 132, cur)
    h[OWN:OWN + 40] = range_(LIBC, 0x200000, LIBC_OBJ, SKIPPED)
    for i, r in enumerate(ranges):
        h[RANGES + 40 * i:RANGES + 40 * (i + 1)] = r
    stack = b""
    for i, (base, words) in enumerate(segs):
        first = (sp - base) // 8 if i == 0 else 0
        struct.pack_into("<QQQIIIIII", h, SEG + SEG_BYTES * i, base, 0, 0,
                         len(stack), 8 * len(words), first, 8 * len(words),
                         holes if i == 0 else 0, 0)
        stack += b"".join(struct.pack("<Q", w) for w in words)
    for at in call_words:
        word = struct.unpack_from("<Q", h, CALL_WORDS + 8 * (at // 64))[0]
        struct.pack_into("<Q", h, CALL_WORDS + 8 * (at // 64), word | 1 << at % 64)
    return bytes(h) + stack


def main():
    exe = range_(EXE, 0x10000, EXE_OBJ, 0)
    seeds = {
        # libc's frame: CFA = rsp + 16, its return address into the executable
        "cfi-step": rows((0, CFA_RSP, 16, 0)) +
        walk(LIBC + 0x1000, STACK + 0x100, [(STACK, [0] * 33 + [EXE + 0x1234])], [exe]),
        # no row for the pc: the scan finds the marked word
        "scan-call-word": rows((0x2000, CFA_RSP, 8, 0)) +
        walk(LIBC + 0x1000, STACK + 0x100, [(STACK, [0] * 34 + [EXE + 0x40])], [exe], [34]),
        # a vfork child's outermost frame: the walk goes on in its parent's stack
        "vfork-parent": rows((0, OUTERMOST, 0, 0), (0x3000, CFA_RSP, 8, 0)) +
        walk(LIBC + 0x1000, STACK + 0x100, [(STACK, [0] * 40), (STACK + 0x8000, [EXE + 0x80] * 8)],
             [exe], parent=(LIBC + 0x3010, STACK + 0x8000, 0, 0), cur=1),
        # a signal frame on the alternate stack: the interrupted rsp and pc
        # saved at rsp + 160 and rsp + 168, the interrupted stack in segment 1
        "sigframe-altstack": rows((0, SIGNAL, 160, 0), (0x4000, CFA_RSP, 8, 0)) +
        walk(LIBC + 0x1000, ALT + 0x40, [(ALT, [0] * 28 + [STACK + 0x200, LIBC + 0x4000] + [0] * 4),
                                         (STACK + 0x200, [EXE + 0x99, 0])], [exe], cur=1),
        # sp's chunk unreadable (a page not faulted in): the frame above is
        # read, CFA = rsp + 520, the return address in the next chunk
        "hole-at-sp": rows((0, CFA_RSP, 520, 0)) +
        walk(LIBC + 0x1000, STACK + 0x1c0, [(STACK, [0] * 120 + [EXE + 0x77])], [exe], holes=1),
        # the CFA lies beyond the copy: walk_defer_cut
        "beyond-copy": rows((0, CFA_RSP, 4096, 0)) +
        walk(LIBC + 0x1000, STACK + 0x100, [(STACK, [0] * 40)], [exe]),
    }
    os.makedirs(CORPUS, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(CORPUS, "seed-" + name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
