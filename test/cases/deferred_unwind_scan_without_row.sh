# No unwind row for libc's pc: the scan takes the word the kernel marked as
# a call's return address (0x40 in the executable), outcome walk_scan,
# reason walk_cfi_no_row (seed-scan-call-word).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind scan-call-word walk_scan walk_cfi_no_row - 6 0x40
