# -p PID: attach to a running program; count from the attach on, its new
# child included; on SIGINT detach and leave it running. Bad PIDs refused.
. "$TLIB"
mkfifo fifo
"$TPROG/attach_target" fifo &
target=$!
trap 'kill $target 2>/dev/null' EXIT
exec 3>fifo		# lets the target's open() return; it then blocks in read
for i in $(seq 100); do
	[ "$(cut -d' ' -f1 /proc/$target/syscall 2>/dev/null)" = 0 ] && break	# in read(2)
	sleep 0.05
done
"$SYSO" -p $target --format full -o full.json 2> tool.err &
tool=$!
for i in $(seq 100); do grep -q "attached to process $target" tool.err && break; sleep 0.05; done
grep -q "attached to process $target (1 threads)" tool.err || fail "no attach message: $(cat tool.err)"
printf x >&3
for i in $(seq 100); do
	[ "$(cut -d' ' -f1 /proc/$target/syscall 2>/dev/null)" = 34 ] && break	# in pause(2)
	sleep 0.05
done
kill -INT $tool
wait $tool; rc=$?
expect_status 0 $rc "detach by SIGINT"
to_seed full.json > out.json
# the target's one thread lives on: still marked in task_bits at exit (the
# only case that counts a nonzero traced_tasks; elsewhere it must be 0)
[ "$(jq .maps_at_exit.traced_tasks full.json)" = 1 ] ||
	fail "traced_tasks at exit: $(jq -c .maps_at_exit full.json)"
prog=$TPROG/attach_target
expect_count out.json "$prog" $NR_getppid 100
expect_count out.json "$prog" $NR_getpid 50
expect_count out.json "$prog" $NR_clone 1
expect_count out.json "$prog" $NR_wait4 1
expect_count out.json "$prog" $NR_pause 1
expect_count out.json "$prog" $NR_read 0	# in flight at attach: not counted
kill -0 $target 2>/dev/null || fail "the target did not survive the detach"
kill $target; exec 3>&-

# bad PIDs
"$SYSO" -p 4194303 2> err.txt; expect_status 66 $? "-p of a missing process"
grep -q "syso-kagg: -p 4194303: No such process" err.txt || fail "message: $(cat err.txt)"
"$SYSO" -p 1 2> err.txt; expect_status 2 $? "-p 1 without --force"
grep -q "refusing to attach to PID 1 without --force" err.txt || fail "message: $(cat err.txt)"
"$SYSO" -p 12,x 2> err.txt; expect_status 2 $? "-p with a bad value"
"$SYSO" -p 5 true 2> err.txt; expect_status 2 $? "-p with a PROGRAM"
