# syso-kagg runs at the lowest real-time priority (to open a short-lived
# target's objects while it lives) with SCHED_RESET_ON_FORK: the target and
# its children get the normal policy and nice value, as without the tool.
. "$TLIB"
command -v chrt >/dev/null || skip "no chrt"
"$SYSO" -q -o out.json sh -c 'chrt -p $$ > pol.txt; sh -c "chrt -p \$\$" >> pol.txt; nice >> pol.txt' ||
	fail "run failed"
[ "$(grep -c "scheduling policy: SCHED_OTHER$" pol.txt)" = 2 ] || fail "policy: $(cat pol.txt)"
[ "$(grep -c "scheduling priority: 0$" pol.txt)" = 2 ] || fail "priority: $(cat pol.txt)"
[ "$(tail -1 pol.txt)" = 0 ] || fail "nice: $(tail -1 pol.txt)"
