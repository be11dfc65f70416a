# A list is the union of its values: a class plus names, a name given
# twice or also inside the class counts once.
RUNS_AS_ANY_USER=1 . "$TLIB"
{ trace_set %file; trace_set write,openat; } | sort -u > want.txt
trace_set %file,write,openat,write | sort > got.txt
diff -u want.txt got.txt || fail "%file,write,openat,write is not the union"
[ "$(trace_set write,write)" = "$(trace_set write)" ] || fail "write,write differs from write"
