# --max-counts 3: the count map holds 3 (object, syscall) pairs; every
# syscall that finds it full is counted in counts_full, the table warns,
# and stats.syscalls = counted + counts_full = the unconstrained run's.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" -q --format full -o free.json "$prog" || fail "unconstrained run failed"
"$SYSO" --max-counts 3 --format full -o full.json "$prog" 2> table.txt || fail "run failed"
full=$(stat full.json counts_full)
[ "$full" -gt 0 ] || fail "counts_full: expected > 0, got $full"
grep -qx "warning: $full syscalls lost: count map full (counts_full)" table.txt ||
	fail "no counts_full warning in the table: $(grep -i warn table.txt)"
pairs=$(jq '[.objects[].syscalls[]] | length' full.json)
[ "$pairs" = 3 ] || fail "expected exactly 3 (object, syscall) pairs, got $pairs"
sum=$(jq '[.objects[].syscalls[].calls] | add' full.json)
syscalls=$(stat full.json syscalls)
[ "$syscalls" = $((sum + full)) ] || fail "syscalls $syscalls != counted $sum + counts_full $full"
# Between two runs only pthread_join's futex calls vary (0 or 1 extra, as
# the threads race): the totals may differ by no more than those.
free=$(stat free.json syscalls)
futex=$(jq "[.objects[].syscalls[] | select(.nr == $NR_futex) | .calls] | add // 0" free.json)
diff=$((syscalls > free ? syscalls - free : free - syscalls))
[ "$diff" -le "$futex" ] ||
	fail "syscalls $syscalls, unconstrained run saw $free (futex calls there: $futex)"
grep -q "^total: $sum calls" table.txt || fail "table total is not the counted sum $sum: $(grep ^total table.txt)"
expect_clean_maps full.json
