# --interval SEC: each table shows what changed since the previous one and
# the running total: two runs of a known program, one after the other,
# show +1000 write (1000 in total), then +1000 write (2000 in total).
. "$TLIB"
make_test_cgroup interval
prog=$TPROG/known_counts
"$SYSO" --cgroup "$CG" --interval 1 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; cleanup_cgroup "$CG"' EXIT
wait_for tool.err "tracing cgroup"
(in_cgroup "$CG" "$prog" > /dev/null) || fail "first run failed"
wait_for tool.err '^ *+1000 *1000  write$'
(in_cgroup "$CG" "$prog" > /dev/null) || fail "second run failed"
wait_for tool.err '^ *+1000 *2000  write$'
grep -q "^$TPROG/libknown.so  +500 calls, 1000 in total$" tool.err || fail "object line: $(grep "^$TPROG/libknown.so " tool.err)"
kill -INT $tool; wait $tool; expect_status 0 $? "stopped by SIGINT"
exit 0
