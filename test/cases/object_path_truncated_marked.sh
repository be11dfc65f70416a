# A path the kernel had to cut (deeper or longer than it stores) starts
# with "...", so that it is never taken for the real, shorter path.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_object_path .../lib/libc.so.6 truncated -1 libc.so.6 lib
expect_object_path .../x truncated,deleted 0 x
