# Folding keeps -T and --hist whole: in a --cgroup --per-process -T --hist
# run, the 51 processes of fork50 fold into pid 0 "[exited]" with their
# 5000 getpid, a min <= max, and a histogram that counts every call.
. "$TLIB"
make_test_cgroup fold
prog=$TPROG/fork50
"$SYSO" -q --cgroup "$CG" --per-process -T --hist --interval 1 --format full -o live.json 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; cleanup_cgroup "$CG"' EXIT
poll_until 10 test -e live.json || fail "no live JSON"
(in_cgroup "$CG" "$prog" > /dev/null) || fail "fork50 failed"
folded() { [ "$(jq -r '[.objects[] | select(.path == "'"$prog"'") | .pid] | unique | join(",")' live.json)" = 0 ]; }
poll_until 10 folded || fail "not folded: $(jq -c '[.objects[].pid] | unique' live.json)"
kill -INT $tool; wait $tool; expect_status 0 $? "stopped by SIGINT"
g=$(jq -c --arg p "$prog" '.objects[] | select(.path == $p and .pid == 0) | .syscalls[] | select(.name == "getpid") |
	{calls, ok: (.min_ns > 0 and .min_ns <= .max_ns and .time_ns > 0), hist: ([.hist[].count] | add)}' live.json)
[ "$g" = '{"calls":5000,"ok":true,"hist":5000}' ] || fail "folded getpid: $g (hist_full $(jq .stats.hist_full live.json))"
[ "$(jq -r '[.objects[] | select(.pid == 0) | .comm] | unique | join(",")' live.json)" = "[exited]" ] || fail "names"
exit 0
