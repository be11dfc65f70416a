# long: 100 000 forks and exits (minutes); NO_AVX512 and ASan change nothing it checks
# (what it checks is the kernel side's cleanup at exit, the same whichever
# string functions glibc picks or however the tool's userspace is built;
# many_children and fork50 check the same cleanup in those passes).
# After 100 000 short-lived processes, the maps hold nothing for the dead:
# no mirror, no traced-task bit, no pending entry; every call counted.
. "$TLIB"
fork_many_exact 100000 1
