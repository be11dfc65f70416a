# serial: -a counts every process of the machine: known_counts run by a case
# beside it would add to the exact counts checked here.
# -a: every process of the machine but syso-kagg itself, from its next
# syscall; a program run meanwhile is counted exactly. --duration ends the
# run by itself, with the usual report.
. "$TLIB"
"$SYSO" -a --format full -o full.json 2> tool.err &
tool=$!
wait_for tool.err "tracing every process"
"$TPROG/known_counts" > /dev/null || fail "known_counts failed"
kill -INT $tool
wait $tool; expect_status 0 $? "-a stopped by SIGINT"
to_seed full.json > out.json
expect_count out.json "$TPROG/known_counts" $NR_write 1000
expect_count out.json "$TPROG/known_counts" $NR_getpid 107
expect_count out.json "$TPROG/known_counts" $NR_getuid 50
expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
expect_no_object out.json "$(readlink -f "$SYSO")"
# --duration: ends alone, exit 0, report written
"$SYSO" -a -q --duration 1 -o d.json 2> d.err; expect_status 0 $? "-a --duration 1"
jq -e 'type == "object"' d.json >/dev/null || fail "no report after --duration"
"$SYSO" -a true 2> err.txt; expect_status 2 $? "-a with a PROGRAM"
"$SYSO" -a -p 5 2> err.txt; expect_status 2 $? "-a with -p"
exit 0
