#!/usr/bin/env bash
# The .eh_frame reader on generated edge cases (test/cfi_unit.c): exact rows
# for remember/restore_state, rbp-based CFAs, offset limits, unsupported
# rules, pointer encodings, segments, overlaps; clean errors for truncated
# sections, bogus lengths, bad CIE pointers, LEB128 overruns, state stack
# overflow and runaway advances.
source "$TLIB"
[ -x "$TPROG/cfi_unit" ] || fail "$TPROG/cfi_unit missing: make test builds it"
"$TPROG/cfi_unit" || fail "cfi_unit reported failures"
