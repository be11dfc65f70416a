# --per-process splits counts by process (pid, name) and the plain JSON
# still sums them; --sample N counts one call in N and says the counts are
# estimates (multiples of N), without losing the attribution.
. "$TLIB"
prog=$TPROG/fork50
"$SYSO" -q --per-process --format full -o full.json "$prog" || fail "run failed"
procs=$(jq '[.objects[] | select(.path == "'"$prog"'") | .pid] | unique | length' full.json)
[ "$procs" = 51 ] || fail "expected 51 processes (parent + 50 children), got $procs"
per_child=$(jq -c '[.objects[] | select(.path == "'"$prog"'") | .syscalls[] | select(.name == "getpid") | .calls] | unique' full.json)
[ "$per_child" = "[100]" ] || fail "each child should make 100 getpid: $per_child"
[ "$(jq -r '[.objects[].comm] | unique | join(",")' full.json)" = fork50 ] || fail "names: $(jq -c '[.objects[].comm] | unique' full.json)"
"$SYSO" -q --per-process -o plain.json "$prog" || fail "run failed"
expect_count plain.json "$prog" $NR_getpid 5000
"$SYSO" --per-process "$prog" 2> table.txt || fail "run failed"
[ "$(grep -c "^pid [0-9]* (fork50) \(\[[^]]*\] \)\?$prog " table.txt)" = 51 ] ||
	fail "table: $(grep -c "^pid" table.txt) pid headers: $(grep "^pid" table.txt | sort | uniq -c | sort -rn | head -5; grep '^warning' table.txt)"

# --sample 10: estimates, multiples of 10, stated in the table and the JSON
"$SYSO" --sample 10 --format full -o s.json "$TPROG/known_counts" 2> st.txt || fail "--sample run failed"
[ "$(jq .sample_every s.json)" = 10 ] || fail "sample_every $(jq .sample_every s.json)"
jq -e '[.objects[].syscalls[].calls % 10 == 0] | all' s.json >/dev/null || fail "counts not scaled by 10"
grep -q "^sampled: 1 syscall in 10 counted per CPU" st.txt || fail "table does not say it is sampled"
w=$(jq --arg p "$TPROG/known_counts" '.objects[] | select(.path == $p) | .syscalls[] | select(.name == "write") | .calls' s.json)
[ "$w" -ge 900 ] && [ "$w" -le 1100 ] || fail "1000 writes estimated as $w"
"$SYSO" --sample 0 true 2>/dev/null; expect_status 2 $? "--sample 0"
