# -e trace=NAME,NAME: each name counts its x86_64 call and its i386
# namesake (a compat process's), nothing else.
RUNS_AS_ANY_USER=1 . "$TLIB"
trace_set write,getpid > got.txt
printf '%s\n' "x86_64 write" "x86_64 getpid" "i386 write" "i386 getpid" > want.txt
diff -u want.txt got.txt || fail "-e trace=write,getpid: not exactly both calls in both ABIs"
