#!/usr/bin/env bash
# The .eh_frame reader on generated edge cases (test/cfi_unit.c): exact rows
# for remember/restore_state, rbp-based CFAs, offset limits, unsupported
# rules, pointer encodings, segments, overlaps; clean errors for truncated
# sections, bogus lengths, bad CIE pointers, LEB128 overruns, state stack
# overflow and runaway advances.
RUNS_AS_ANY_USER=1 source "$TLIB"
[ -x "$TPROG/cfi_unit" ] || fail "$TPROG/cfi_unit missing: make test builds it"
"$TPROG/cfi_unit" || fail "cfi_unit reported failures"

# cfi__from_file refuses what is not an ELF object with .eh_frame, cleanly.
printf 'not an ELF file\n' > notelf
for f in notelf missing; do
	"$TPROG/cfi_dump" -s "$f" > out 2> err
	expect_status 1 $? "cfi_dump on $f"
	[ ! -s out ] && [ "$(wc -l < err)" = 1 ] || fail "cfi_dump on $f: expected one line on stderr, got: $(cat out err)"
done
grep -q 'No such file' err || fail "missing file: $(cat err)"
