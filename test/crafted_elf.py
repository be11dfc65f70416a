#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""crafted_elf.py KIND OUT: write a hostile ELF object that a traced
program can map (test/cases/object_limits_*.sh). Each is a valid x86-64
shared object whose code at file offset 0x1000 makes one getppid and
returns (test/progs/late_map.c calls it), with one part forged:

  sparse     .note and .eh_frame sections declaring 2 GiB each, in a
             sparse file (a few KiB on disk)
  symbols    5000 function symbols sharing one name of 100 KiB
  debugdata  a .gnu_debugdata that decompresses to 40 MiB (xz of zeros)
  cie        an .eh_frame of one CIE with 60 KiB of initial instructions
             and 300 000 FDEs using it, one FDE pointing at itself, one at
             another FDE

and two fuzz seeds (test/fuzz/corpus): sparse_head, sparse without its
hole (its sections past the end of the file), and cie_eh_frame, the raw
.eh_frame of cie at 1 KiB of CIE instructions and 100 FDEs.
"""
import lzma
import struct
import sys

CODE_OFF = 0x1000
CODE = bytes([0xB8, 110, 0, 0, 0, 0x0F, 0x05, 0xC3])  # mov $getppid, %eax; syscall; ret
GIB2 = 2 << 30


def elf(sections, file_size=None, load_size=None):
    """sections: (name, type, offset, size, link, entsize, data or None);
    data is placed at offset. Section headers go at 0x800."""
    names = b"\0"
    name_off = []
    for s in sections:
        name_off.append(len(names))
        names += s[0].encode() + b"\0"
    shstr_off = 0x400
    assert len(names) < 0x400
    blobs = {0x1000: CODE, shstr_off: names}
    for s in sections:
        if s[6] is not None:
            blobs[s[2]] = s[6]
    end = max(off + len(b) for off, b in blobs.items())
    shoff = 0x800
    shnum = len(sections) + 2
    assert shoff + 64 * shnum <= 0x1000
    load = load_size or 0x1000 + len(CODE)
    ehdr = struct.pack("<16sHHIQQQIHHHHHH",
                       b"\x7fELF\x02\x01\x01" + bytes(9), 3, 62, 1, 0, 64, shoff, 0,
                       64, 56, 1, 64, shnum, shnum - 1)
    phdr = struct.pack("<IIQQQQQQ", 1, 5, 0, 0, 0, load, load, 0x1000)
    out = bytearray(max(end, 0x1000 + len(CODE)))
    out[0:64] = ehdr
    out[64:64 + 56] = phdr
    for off, b in blobs.items():
        out[off:off + len(b)] = b
    shdrs = bytes(64)
    for i, s in enumerate(sections):
        name, typ, off, size, link, entsize = s[:6]
        shdrs += struct.pack("<IIQQQQIIQQ", name_off[i], typ, 2, 0, off, size, link, 0, 8, entsize)
    # the section-name table is the last header
    shdrs += struct.pack("<IIQQQQIIQQ", 0, 3, 0, 0, shstr_off, len(names), 0, 0, 1, 0)
    out[shoff:shoff + len(shdrs)] = shdrs
    return bytes(out), file_size


def sparse():
    # both claims start at 0x2000: the file is 0x2000 + 2 GiB long, a hole
    return elf([(".note.gnu.build-id", 7, 0x2000, GIB2, 0, 0, None),
                (".eh_frame", 1, 0x2000, GIB2, 0, 0, None)],
               file_size=0x2000 + GIB2)


def symbols():
    name = b"f" * (100 << 10)
    strtab = b"\0" + name + b"\0"
    syms = bytes(24)
    for i in range(5000):
        # STT_FUNC, GLOBAL; in .text (index 1 would be .symtab: any
        # defined index will do), value in the PT_LOAD
        syms += struct.pack("<IBBHQQ", 1, 0x12, 0, 5, 0x1000 + i % 8, 1)
    sym_off = 0x2000
    str_off = sym_off + len(syms)
    # sh_link of .symtab: its string table is section 2
    return elf([(".symtab", 2, sym_off, len(syms), 2, 24, syms),
                (".strtab", 3, str_off, len(strtab), 0, 0, strtab)])


def debugdata():
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 0, "mf": lzma.MF_HC3, "nice_len": 273,
                "mode": lzma.MODE_FAST}]
    xz = lzma.compress(bytes(40 << 20), format=lzma.FORMAT_XZ, filters=filters)
    return elf([(".gnu_debugdata", 1, 0x2000, len(xz), 0, 0, xz)])


def cie_section(nops=60 << 10, fdes=300000):
    insns = bytes([0x0C, 7, 8, 0x90, 1]) + bytes(nops)  # def_cfa rsp+8; rip at cfa-8; nops
    body = struct.pack("<I", 0) + bytes([1, 0, 1, 0x78, 16]) + insns
    cie = struct.pack("<I", len(body)) + body
    out = bytearray(cie)
    for i in range(fdes):
        ptr = len(out) + 4          # the CIE pointer's own offset
        if i == 5:
            cie_ptr = 0             # points at itself: not a CIE
        elif i == 6:
            cie_ptr = 24            # at the previous FDE: not a CIE
        else:
            cie_ptr = ptr           # back to the CIE at 0
        out += struct.pack("<IIQQ", 20, cie_ptr, 0x1000, len(CODE))
    out += bytes(4)
    return bytes(out)


def cie():
    eh = cie_section()
    return elf([(".eh_frame", 1, 0x2000, len(eh), 0, 0, eh)])


def sparse_head():
    return sparse()[0], None


def cie_eh_frame():
    return cie_section(1 << 10, 100), None


def main():
    kind, path = sys.argv[1], sys.argv[2]
    data, size = {"sparse": sparse, "symbols": symbols, "debugdata": debugdata,
                  "cie": cie, "sparse_head": sparse_head,
                  "cie_eh_frame": cie_eh_frame}[kind]()
    with open(path, "wb") as f:
        f.write(data)
        if size:
            f.truncate(size)


if __name__ == "__main__":
    main()
