# A CFA beyond the copied stack: the walk stops, the call is counted for the
# skipped object it was made in (libc, obj 5), walk_no_frame with the
# reason walk_defer_cut (seed-beyond-copy).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind beyond-copy walk_no_frame walk_defer_cut - 5 0x0
