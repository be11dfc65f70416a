# An object's path is rebuilt from the kernel's leaf-first components, root
# first; a record without components is "/".
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_object_path /usr/lib/x86_64-linux-gnu/libc.so.6 - -1 libc.so.6 x86_64-linux-gnu lib usr
expect_object_path /prog - -1 prog
expect_object_path "/dir with space/a b" - -1 "a b" "dir with space"
expect_object_path / - -1
