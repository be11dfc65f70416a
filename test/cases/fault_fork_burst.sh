# 2000 forks in a tight loop, each child making one getppid and exiting at
# once, nothing reaped until the end: faster than any userspace follower,
# but the kernel side follows each fork itself. Nothing lost.
. "$TLIB"
prog=$TPROG/fork_burst
"$SYSO" -q --format full -o full.json "$prog" 2000 || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$prog" $NR_getppid 2000
expect_count out.json "$prog" $NR_clone 2000
expect_count out.json "$prog" $NR_exit_group 2001		# exit_group: children + parent
[ "$(total_for_nr out.json $NR_getppid)" = 2000 ] || fail "getppid elsewhere: $(total_for_nr out.json $NR_getppid)"
for s in tasks_followed tasks_exited; do
	[ "$(stat full.json $s)" = 2001 ] || fail "$s: expected 2001, got $(stat full.json $s)"
done
for s in tasks_lost mirrors_full counts_full objects_full unattributed; do
	[ "$(stat full.json $s)" = 0 ] || fail "$s: expected 0, got $(stat full.json $s)"
done
expect_clean_maps full.json
