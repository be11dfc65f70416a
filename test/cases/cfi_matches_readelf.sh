#!/usr/bin/env bash
# The .eh_frame reader (user/cfi.c, through build/test/cfi_dump) agrees with
# binutils' CFI interpreter on this machine's libc and ld.so (x86-64 and
# i386), at every row
# boundary readelf reports: same FDE and CIE counts, the same compact row at
# the first and last byte of every readelf row, a gap row after every FDE
# no other FDE follows, no row boundary readelf does not have, and no two
# equal rows in a row (cfi_check_object in lib.sh). Together that is the
# whole table, pc by pc. Other objects: cfi_matches_readelf_*.sh.
RUNS_AS_ANY_USER=1 source "$TLIB"

cfi_check_object /usr/lib/x86_64-linux-gnu/libc.so.6
cfi_check_object /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
# i386 objects (gcc-multilib: make deps installs it), for compat processes
if [ -e /usr/lib32/libc.so.6 ]; then
	cfi_check_object /usr/lib32/libc.so.6 4
	cfi_check_object /usr/lib32/ld-linux.so.2 4
else
	echo "no /usr/lib32/libc.so.6 (gcc-multilib, which make deps installs): i386 not checked"
fi
# Our own build of a test program: a main executable with a PLT.
cfi_check_object "$TPROG/cfi_dump"
# lld lays segments out with vaddr != file offset (GNU ld keeps them equal
# for libc's text), which exercises the conversion on real data.
if command -v clang >/dev/null && command -v ld.lld >/dev/null; then
	clang -O2 -fuse-ld=lld "$TOP/test/progs/exit_with.c" -o lld_prog ||
		fail "clang -fuse-ld=lld failed"
	readelf -lW lld_prog | awk '$1 == "LOAD" { sub(/^0x0*/, "", $2); sub(/^0x0*/, "", $3) }
		$1 == "LOAD" && $2 != $3 { n++ } END { exit !n }' ||
		fail "lld_prog has no segment with vaddr != offset; the check below proves nothing"
	cfi_check_object "$PWD/lld_prog"
else
	echo "no clang/ld.lld: vaddr != offset layouts checked by cfi_unit only"
fi
exit 0
