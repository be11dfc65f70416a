# A target that drops root with setuid(65534) and then makes known
# syscalls, in itself and in a child forked after the drop: still followed,
# exact counts. Following is by pid in the kernel, not by credentials.
. "$TLIB"
prog=$TPROG/setuid_drop
"$SYSO" -q --format full -o full.json "$prog"
expect_status 0 $? "setuid_drop"
to_seed full.json > out.json
expect_count out.json "$prog" $NR_setuid 1
expect_count out.json "$prog" $NR_getuid 1		# the check after it
expect_count out.json "$prog" $NR_geteuid 10
expect_count out.json "$prog" $NR_getgid 20		# the child's
expect_count out.json "$prog" $NR_clone 1
[ "$(stat full.json tasks_followed)" = 2 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_exited)" = 2 ] || fail "tasks_exited $(stat full.json tasks_exited)"
expect_clean_maps full.json
