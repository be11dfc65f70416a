# A vfork child at its outermost frame has no caller of its own: the walk
# goes on in the waiting parent's stack (segment 1) and finds the
# executable's 0x80, counted walk_cfi with walk_vfork_parent
# (seed-vfork-parent).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind vfork-parent walk_cfi - walk_vfork_parent 6 0x80
