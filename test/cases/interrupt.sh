# SIGINT/SIGTERM to syso-kagg: it reports what it counted, exits 128+N, and
# leaves the target running.
. "$TLIB"
for sig in INT TERM; do
	"$SYSO" -o out.json "$TPROG/exit_with" pause 2> table.txt &
	tool=$!
	for i in $(seq 50); do
		target=$(pgrep -P $tool -x exit_with) && break
		sleep 0.1
	done
	[ -n "$target" ] || fail "target did not start"
	sleep 0.3
	kill -$sig $tool
	wait $tool; rc=$?
	want=$((128 + $(kill -l $sig)))
	expect_status $want $rc "SIG$sig to the tool"
	grep -q "^total:" table.txt || fail "no table after SIG$sig: $(cat table.txt)"
	[ -s out.json ] || fail "no JSON after SIG$sig"
	kill -0 "$target" 2>/dev/null || fail "the target died with the tool"
	kill -9 "$target"
done
