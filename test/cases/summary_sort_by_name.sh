# -S name orders the summary's rows by syscall name.
RUNS_AS_ANY_USER=1 . "$TLIB"
summary "/bin/a 1 9
/bin/a 39 4
/lib/b 0 2
/lib/b 102 1" --sort name
awk 'NR > 2 && NF { print $3 }' summary.txt > names.txt
[ "$(tr '\n' ' ' < names.txt)" = "getpid getuid read write " ] || fail "-S name: $(tr '\n' ' ' < names.txt)"
