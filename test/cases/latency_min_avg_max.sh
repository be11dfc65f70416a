# -T gives total, min, avg and max per (object, syscall): three 10 ms
# nanosleeps have min >= 10 ms and min <= avg <= max; --hist gives a log2
# histogram whose buckets sum to the calls that returned, in the table and
# in --format full.
. "$TLIB"
prog=$TPROG/errors_known
"$SYSO" -q --hist --format full -o full.json "$prog" || fail "run failed"
[ "$(jq .hist full.json)" = true ] && [ "$(jq .time full.json)" = true ] || fail "--hist should imply -T"
# ns NAME FIELD [JSON]: FIELD of $prog's NAME row in JSON (full.json)
ns() { jq --arg p "$prog" --arg n "$1" --arg f "$2" '.objects[] | select(.path == $p) | .syscalls[] | select(.name == $n) | .[$f]' "${3:-full.json}"; }
[ "$(ns clock_nanosleep calls)" = 3 ] || fail "clock_nanosleep calls $(ns clock_nanosleep calls)"
min=$(ns clock_nanosleep min_ns) avg=$(ns clock_nanosleep avg_ns) max=$(ns clock_nanosleep max_ns) tot=$(ns clock_nanosleep time_ns)
[ "$min" -ge 10000000 ] || fail "a 10 ms sleep measured min $min ns"
[ "$min" -le "$avg" ] && [ "$avg" -le "$max" ] || fail "min $min avg $avg max $max"
[ "$avg" = $((tot / 3)) ] || fail "avg $avg != total $tot / 3"
[ $((min + max)) -le "$tot" ] || fail "min + max > total"
# every syscall that returns: min <= avg <= max, hist sums to its calls
jq -e '[.objects[].syscalls[] | select(.name != "exit_group") |
	(.min_ns > 0 and .min_ns <= .avg_ns and .avg_ns <= .max_ns and ([.hist[].count] | add) == .calls)] | all' full.json >/dev/null ||
	fail "min/avg/max or hist sums: $(jq -c '[.objects[].syscalls[] | {name, calls, min_ns, avg_ns, max_ns, h: ([.hist[].count] | add)}]' full.json)"
# exit_group never returns: no time, no bucket
[ "$(jq '[.objects[].syscalls[] | select(.name == "exit_group") | .hist | length] | add' full.json)" = 0 ] || fail "exit_group has buckets"
# the sleeps are in buckets from 2^23 ns (8.4 ms) up; bucket bounds are powers of two
[ "$(jq --arg p "$prog" '[.objects[] | select(.path == $p) | .syscalls[] | select(.name == "clock_nanosleep") | .hist[] | select(.from >= 8388608) | .count] | add' full.json)" = 3 ] ||
	fail "sleep buckets: $(jq -c --arg p "$prog" '.objects[] | select(.path == $p) | .syscalls[] | select(.name == "clock_nanosleep") | .hist' full.json)"
jq -e '[.objects[].syscalls[].hist[] | select(.to) | .to == 2 * .from or (.from == 0 and .to == 1)] | all' full.json >/dev/null || fail "bucket bounds"
# the summary merges min and max over objects
jq -e '[.summary[] | select(.name == "close")][0] as $s | [.objects[].syscalls[] | select(.name == "close")] as $o |
	$s.min_ns == ([$o[].min_ns] | min) and $s.max_ns == ([$o[].max_ns] | max) and ([$s.hist[].count] | add) == $s.calls' full.json >/dev/null ||
	fail "summary min/max/hist of close"

# the table: min and max columns; bpftrace-style buckets that sum to the calls
# of the same run (its own JSON, -o: never another run's figures)
"$SYSO" --hist --format full -o t.json "$prog" 2> t.txt || fail "table run failed"
grep -q ' seconds  usecs/call         min         max  syscall$' t.txt || fail "no min/max columns: $(sed -n 2p t.txt)"
close_calls=$(ns close calls t.json)
# the buckets of close in the executable's block: "[lo, hi)  count |@@@|"
awk -v p="$prog" 'index($0, p "  ") == 1 { blk = 1; next } blk && NF == 0 { exit }
	blk && /^  @ns\[close\]:$/ { on = 1; next } on && /^  \[/ { split($0, f, "|"); n = split(f[1], g, " "); s += g[n]; next }
	{ on = 0 } END { print s + 0 }' t.txt > sum.txt
[ "$(cat sum.txt)" = "$close_calls" ] || fail "table: close buckets sum to $(cat sum.txt), want $close_calls: $(grep -A4 '@ns\[close\]' t.txt)"
grep -qE '^  \[8M, 16M\) +[0-9]+ \|@+ *\|$' t.txt || grep -qE '^  \[16M, 32M\) ' t.txt || fail "no sleep bucket: $(grep -A3 'clock_nanosleep\]' t.txt)"
# -T without --hist: no buckets, no histogram map
"$SYSO" -T "$prog" 2> t2.txt || fail "-T run failed"
! grep -q '@ns\[' t2.txt || fail "histogram without --hist"
