# A pseudo file (memfd) is "/NAME (deleted)", as /proc/PID/maps shows it,
# whatever is known of its links.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_object_path "/memfd:jit (deleted)" pseudo 0 memfd:jit
expect_object_path "/memfd:jit (deleted)" pseudo -1 memfd:jit
expect_object_path "/memfd:jit (deleted)" pseudo,deleted 1 memfd:jit
