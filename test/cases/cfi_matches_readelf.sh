#!/usr/bin/env bash
# The .eh_frame reader (user/cfi.c, through build/test/cfi_dump) agrees with
# binutils' CFI interpreter on this machine's libc and ld.so (x86-64 and
# i386), at every row
# boundary readelf reports: same FDE and CIE counts, the same compact row at
# the first and last byte of every readelf row, a gap row after every FDE
# no other FDE follows, no row boundary readelf does not have, and no two
# equal rows in a row. Together that is the whole table, pc by pc.
RUNS_AS_ANY_USER=1 source "$TLIB"
DUMP="$TPROG/cfi_dump"
[ -x "$DUMP" ] || fail "$DUMP missing: make test builds it"
command -v readelf >/dev/null || skip "readelf (binutils) not installed"

check_object() {
	local obj=$1 word=${2:-8} want got n
	[ -e "$obj" ] || skip "$obj not present (not Debian/Ubuntu x86-64?)"
	echo "== $obj"
	readelf --debug-dump=frames "$obj" | awk -f "$TOP/test/cfi_readelf_exprs.awk" > exprs
	# the syscall instruction: i386's is int $0x80
	objdump -d --no-show-raw-insn "$obj" | awk -v W="$word" '(W == 8 ? $2 == "syscall" : $2 " " $3 == "int $0x80") &&
		prev ~ /mov +\$0x[0-9a-f]+,%eax$/ { a = $1; sub(/:$/, "", a); print "Y", a } { prev = $0 }' > syscalls
	readelf -lW "$obj" | awk '$1 == "LOAD" { print "LOAD", $2, $3, $5 }' > segs
	readelf --debug-dump=frames-interp "$obj" | sed 's/ ([a-z0-9]*)//g' > interp
	awk -v W="$word" -f "$TOP/test/cfi_readelf.awk" exprs syscalls segs interp > oracle || fail "oracle failed on $obj"
	"$DUMP" -s "$obj" > stats || fail "cfi_dump -s $obj failed"
	stat() { awk -v k="$1" '$1 == k { print $2 }' stats; }

	[ "$(stat fdes)" = "$(awk '$1 == "F" { print $2 }' oracle)" ] ||
		fail "$obj: FDEs: readelf $(awk '$1 == "F" { print $2 }' oracle), cfi $(stat fdes)"
	[ "$(stat cies)" = "$(awk '$1 == "C" { print $2 }' oracle)" ] ||
		fail "$obj: CIEs: readelf $(awk '$1 == "C" { print $2 }' oracle), cfi $(stat cies)"
	[ "$(stat fdes_empty)" = "$(awk '$1 == "Z" { print $2 }' oracle)" ] ||
		fail "$obj: empty FDEs: readelf $(awk '$1 == "Z" { print $2 }' oracle), cfi $(stat fdes_empty)"
	[ "$(stat word)" = "$word" ] || fail "$obj: word size: expected $word, got $(stat word)"
	for k in errors overlaps fdes_unmapped; do
		[ "$(stat $k)" = 0 ] || fail "$obj: $k: expected 0, got $(stat $k)"
	done

	# The row at every readelf row's first and last byte and at FDE ends.
	awk '$1 == "E" { print $2, $3, $4, $5 }' oracle | sort -u > want
	n=$(wc -l < want)
	cut -d' ' -f1 want | sed 's/^/0x/' | "$DUMP" -L "$obj" | sort -u > got
	if ! diff want got > delta; then
		echo "expected (readelf) vs cfi_dump, first differences:"
		head -20 delta
		fail "$obj: $(grep -c '^<' delta) of $n lookups differ"
	fi

	# Our rows change only where readelf's do, and are merged.
	"$DUMP" -r "$obj" > rows
	awk '$1 == "B" { print $2 }' oracle | sort -u > bounds
	cut -d' ' -f1 rows | sort -u | comm -23 - bounds > extra
	[ ! -s extra ] || fail "$obj: $(wc -l < extra) rows start where readelf has no boundary, e.g. $(head -3 extra | tr '\n' ' ')"
	got=$(awk 'NR > 1 && $2" "$3" "$4 == prev { n++ } { prev = $2" "$3" "$4 } END { print n + 0 }' rows)
	[ "$got" = 0 ] || fail "$obj: $got rows equal to the row before them (not merged)"
	[ "$(wc -l < rows)" = "$(stat rows)" ] || fail "$obj: rows printed $(wc -l < rows), stats say $(stat rows)"
	for k in rsp rbp unsupported gap outermost signal plt ra_rdi; do
		want=$(stat $k); [ $k = gap ] && want=$(stat gaps)
		got=$(awk -v k=$k '$2 == k' rows | wc -l)
		[ "$got" = "$want" ] || fail "$obj: $k rows: stats $want, printed $got"
	done
	echo "$n lookups match; $(stat fdes) FDEs, $(stat rows) rows"
}

check_object /usr/lib/x86_64-linux-gnu/libc.so.6
check_object /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
# i386 objects (gcc-multilib: make deps installs it), for compat processes
if [ -e /usr/lib32/libc.so.6 ]; then
	check_object /usr/lib32/libc.so.6 4
	check_object /usr/lib32/ld-linux.so.2 4
else
	echo "no /usr/lib32/libc.so.6 (gcc-multilib, which make deps installs): i386 not checked"
fi
# Our own build of a test program: a main executable with a PLT.
check_object "$TPROG/cfi_dump"
# lld lays segments out with vaddr != file offset (GNU ld keeps them equal
# for libc's text), which exercises the conversion on real data.
if command -v clang >/dev/null && command -v ld.lld >/dev/null; then
	clang -O2 -fuse-ld=lld "$TOP/test/progs/exit_with.c" -o lld_prog ||
		fail "clang -fuse-ld=lld failed"
	readelf -lW lld_prog | awk '$1 == "LOAD" { sub(/^0x0*/, "", $2); sub(/^0x0*/, "", $3) }
		$1 == "LOAD" && $2 != $3 { n++ } END { exit !n }' ||
		fail "lld_prog has no segment with vaddr != offset; the check below proves nothing"
	check_object "$PWD/lld_prog"
else
	echo "no clang/ld.lld: vaddr != offset layouts checked by cfi_unit only"
fi
exit 0
