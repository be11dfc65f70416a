# A full mirror map: the calls made in libc by processes the tool could not
# mirror go to "[unattributed: map full]" with a warning saying so, never to
# libc, and every syscall is in exactly one walk outcome.
# --max-mirrors 1: the parent's address space takes the only slot, none of
# the 2000 children's fits (each: set_robust_list in fork, 3 getpid and
# _exit, all through libc).
. "$TLIB"
prog=$TPROG/fork_many
bucket="[unattributed: map full]"
"$SYSO" --max-mirrors 1 --format full -o full.json "$prog" 2000 3 2> table.txt || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$bucket" $NR_getpid 6000
expect_count out.json "$bucket" $NR_exit_group 2000
expect_count out.json "$bucket" $NR_set_robust_list 2000
expect_count out.json "$prog" $NR_getpid 0
expect_count out.json "$prog" $NR_clone 2000	# by the mirrored parent
expect_count out.json "$LIBC" $NR_getpid 0
expect_count out.json "$LIBC" $NR_exit_group 0
[ "$(stat full.json walk_map_full)" = 10000 ] || fail "walk_map_full $(stat full.json walk_map_full)"
grep -qx "warning: 10000 made in libc or a skipped object of an address space not mirrored (map full): counted for \[unattributed: map full\] (walk_map_full)" table.txt ||
	fail "no walk_map_full warning: $(grep warning table.txt)"
expect_outcomes_add_up full.json

# --max-mirrors 1000: which children fit depends on timing, the sums do not.
"$SYSO" -q --max-mirrors 1000 --format full -o full2.json "$prog" 2000 3 || fail "run failed"
to_seed full2.json > out2.json
inbucket=$(count out2.json "$bucket" $NR_getpid)
[ $(( inbucket + $(count out2.json "$prog" $NR_getpid) )) = 6000 ] ||
	fail "getpid: $inbucket in the bucket + $(count out2.json "$prog" $NR_getpid) in the program != 6000"
[ $(( $(count out2.json "$bucket" 231) + $(count out2.json "$prog" 231) )) = 2001 ] ||
	fail "exit_group: bucket $(count out2.json "$bucket" 231) + program $(count out2.json "$prog" 231) != 2001"
[ $(( $(count out2.json "$bucket" 273) + $(count out2.json "$prog" 273) )) = 2000 ] ||
	fail "set_robust_list: bucket $(count out2.json "$bucket" 273) + program $(count out2.json "$prog" 273) != 2000"
expect_count out2.json "$LIBC" $NR_getpid 0
expect_count out2.json "$LIBC" $NR_exit_group 0
[ "$(stat full2.json walk_map_full)" = $(( inbucket + $(count out2.json "$bucket" 231) + $(count out2.json "$bucket" 273) )) ] ||
	fail "walk_map_full $(stat full2.json walk_map_full) != the bucket's calls"
expect_outcomes_add_up full2.json
