# " (deleted)" follows a file with no link left: as known now (DELETED 1 or
# 0: fstat of the file held), else as the kernel saw it when interned.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_object_path "/tmp/a (deleted)" deleted -1 a tmp
expect_object_path /tmp/a - -1 a tmp
expect_object_path /tmp/a deleted 0 a tmp
expect_object_path "/tmp/a (deleted)" - 1 a tmp
