# --cgroup PATH: every task of a cgroup v2 and its sub-cgroups, both those
# running at the attach (counted from their next syscall) and those that
# start later; nothing outside it. Needs root: it creates a cgroup.
. "$TLIB"
make_test_cgroup cg
mkdir "$CG/sub"
# before the attach: a process of the cgroup, blocked in read
mkfifo fifo
in_cgroup "$CG" "$TPROG/attach_target" fifo &
early=$!
exec 3>fifo
wait_in_syscall $early $NR_read
"$SYSO" --cgroup "$CG" --format full -o full.json 2> tool.err &
tool=$!
wait_for tool.err "tracing cgroup $CG"
printf x >&3
wait_in_syscall $early $NR_pause
# after the attach: one in a sub-cgroup, and the same program outside
(in_cgroup "$CG/sub" "$TPROG/known_counts" > /dev/null) || fail "known_counts in the cgroup failed"
"$TPROG/known_counts" > /dev/null || fail "known_counts outside failed"
kill -INT $tool
wait $tool; expect_status 0 $? "--cgroup run stopped by SIGINT"
to_seed full.json > out.json
prog=$TPROG/attach_target
expect_count out.json "$prog" $NR_getppid 100
expect_count out.json "$prog" $NR_getpid 50
expect_count out.json "$prog" $NR_clone 1
expect_count out.json "$prog" $NR_wait4 1
expect_count out.json "$prog" $NR_pause 1
expect_count out.json "$prog" $NR_read 0	# in flight at the attach
# the later one exactly once (the outside run not counted)
expect_count out.json "$TPROG/known_counts" $NR_write 1000
expect_count out.json "$TPROG/known_counts" $NR_getpid 107
expect_count out.json "$TPROG/known_counts" $NR_getuid 50
expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
kill $early; exec 3>&-

# bad paths: missing, and a directory that is not cgroup v2
"$SYSO" --cgroup /nonexistent 2> err.txt; expect_status 66 $? "--cgroup of a missing path"
grep -qx "syso-kagg: --cgroup /nonexistent: No such file or directory" err.txt || fail "message: $(cat err.txt)"
"$SYSO" --cgroup /tmp 2> err.txt; expect_status 66 $? "--cgroup of a non-cgroup directory"
grep -q "not a cgroup v2 directory" err.txt || fail "message: $(cat err.txt)"
"$SYSO" --cgroup "$CG" true 2> err.txt; expect_status 2 $? "--cgroup with a PROGRAM"
"$SYSO" --cgroup "$CG" -a 2> err.txt; expect_status 2 $? "--cgroup with -a"
"$SYSO" --duration 1 true 2> err.txt; expect_status 2 $? "--duration with a PROGRAM"
exit 0
