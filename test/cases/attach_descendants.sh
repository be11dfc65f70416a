# -p PID --descendants: the PID's children and grandchildren that exist at
# the attach are followed too (counted from their next syscall); without
# it only the PID and its new children are.
. "$TLIB"
prog=$TPROG/tree_target
# run_tree WITH_DESCENDANTS: attach while the tree blocks, release it, wait
# for the parent's pause, stop; leaves full.json
run_tree() {
	rm -f fifo; mkfifo fifo
	"$prog" fifo &
	target=$!
	exec 3<>fifo		# both ends: opens of the tree return at once
	child=; for i in $(seq 100); do child=$(pgrep -P $target) && break; sleep 0.05; done
	[ -n "$child" ] || fail "no child"
	grand=; for i in $(seq 100); do grand=$(pgrep -P $child) && break; sleep 0.05; done
	[ -n "$grand" ] || fail "no grandchild"
	wait_in_syscall $child $NR_read
	wait_in_syscall $grand $NR_read
	wait_in_syscall $target $NR_wait4
	"$SYSO" -p $target $1 --format full -o full.json 2> tool.err &
	tool=$!
	wait_for tool.err "attached to process $target"
	[ -z "$1" ] || wait_for tool.err "attached to 2 descendant processes"
	printf xx >&3
	wait_in_syscall $target $NR_pause
	kill -INT $tool
	wait $tool; expect_status 0 $? "-p $1 stopped by SIGINT"
	kill $target; wait $target 2>/dev/null; exec 3>&-
	to_seed full.json > out.json
}
run_tree --descendants
expect_count out.json "$prog" $NR_getppid 100
expect_count out.json "$prog" $NR_getpid 50
expect_count out.json "$prog" $NR_wait4 1
expect_count out.json "$prog" $NR_exit_group 2
expect_count out.json "$prog" $NR_getuid 10
expect_count out.json "$prog" $NR_pause 1
expect_count out.json "$prog" $NR_read 0	# in flight at the attach
[ "$(stat full.json tasks_followed)" = 3 ] || fail "tasks_followed $(stat full.json tasks_followed)"
# without --descendants: the existing tree is not followed
run_tree ""
expect_count out.json "$prog" $NR_getppid 0
expect_count out.json "$prog" $NR_getpid 0
expect_count out.json "$prog" $NR_getuid 10
"$SYSO" --descendants true 2> err.txt; expect_status 2 $? "--descendants without -p"
grep -q "descendants applies to -p" err.txt || fail "message: $(cat err.txt)"
exit 0
