# A deferred walk's copy from libc with a row CFA = rsp + 16: one CFI step
# finds the return address into the executable (obj 6, offset 0x1234),
# outcome walk_cfi (seed-cfi-step, test/fuzz/deferred_seeds.py).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind cfi-step walk_cfi - - 6 0x1234
