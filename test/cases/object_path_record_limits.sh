# A record that fills path[] (1024 bytes) ends its last component without a
# NUL: the path takes exactly the bytes there; components past the depth
# limit (32) are not read.
RUNS_AS_ANY_USER=1 . "$TLIB"
x1100=$(printf 'x%.0s' $(seq 1100)) x1024=$(printf 'x%.0s' $(seq 1024))
expect_object_path "/$x1024" - -1 "$x1100"
expect_object_path ".../$x1024" truncated -1 "$x1100"
y1000=$(printf 'y%.0s' $(seq 1000)) x23=$(printf 'x%.0s' $(seq 23))
# 1000 bytes and a NUL, then 23 of the next component's bytes
expect_object_path "/$x23/$y1000" - -1 "$y1000" "$(printf 'x%.0s' $(seq 100))"
comps=$(seq -f c%g 33 | tr '\n' ' ')
want=$(seq -f c%g 32 | tac | tr '\n' '/')
expect_object_path "/${want%/}" - -1 $comps
