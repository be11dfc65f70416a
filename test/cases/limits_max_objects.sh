# --max-objects 6 leaves room for 2 files (ids 0-3 are pseudo-objects) in a
# program that maps 4 (executable, ld.so, libknown.so, libc): the overflow
# is counted (objects_full), the table warns, and no syscall is lost:
# stats.syscalls = sum of the counts + the count map's losses (counts_lost)
# = the unconstrained run's.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" -q --format full -o free.json "$prog" || fail "unconstrained run failed"
"$SYSO" --max-objects 6 --format full -o full.json "$prog" 2> table.txt || fail "run failed"
full=$(stat full.json objects_full)
# counted once per object (libknown.so and libc), not per mirror build
[ "$full" = 2 ] || fail "objects_full: 2 objects did not fit, counter says $full"
grep -qx "warning: $full objects not interned: object table full (objects_full)" table.txt ||
	fail "no objects_full warning in the table: $(grep -i warn table.txt)"
files=$(jq '[.objects[] | select(.path | startswith("/"))] | length' full.json)
[ "$files" = 2 ] || fail "expected exactly 2 file objects, got $files: $(jq -c '[.objects[].path]' full.json)"
sum=$(jq '[.objects[].syscalls[].calls] | add' full.json)
syscalls=$(stat full.json syscalls)
[ "$syscalls" = $((sum + $(counts_lost full.json))) ] ||
	fail "syscalls $syscalls != counted $sum + lost $(counts_lost full.json): $(jq -c '.stats | with_entries(select(.key | startswith("counts_")))' full.json)"
# the same calls as the unconstrained run, but for futex, whose count
# depends on how the program's thread and main thread met (seen under
# qemu TCG: 1737 against 1736)
to_seed free.json > free_seed.json
to_seed full.json > full_seed.json
free_calls=$(( $(stat free.json syscalls) - $(total_for_nr free_seed.json $NR_futex) ))
full_calls=$(( syscalls - $(total_for_nr full_seed.json $NR_futex) ))
[ "$full_calls" = "$free_calls" ] ||
	fail "syscalls but futex $full_calls, unconstrained run saw $free_calls"
# The executable, interned first at exec, keeps its own calls, including
# those made through libc: a skipped object that does not fit in the table
# is still recognised and unwound through.
to_seed full.json > out.json
expect_count out.json "$prog" $NR_getpid 107
expect_count out.json "$prog" $NR_write 1000
expect_clean_maps full.json
# libknown.so did not fit: its calls go to the visible bucket, not to
# [unattributed] (which means a pc in no mapping) and not to libc
expect_count out.json "[unattributed: map full]" $NR_getppid 500
expect_no_object out.json "[unattributed]"
expect_no_object out.json "$LIBC"
