# The target killed by SIGKILL from outside mid-run: the tool reports what
# it counted (the one pause() the target made), exits 137 like the target,
# and leaves nothing in the maps.
. "$TLIB"
tool=
trap '[ -n "$tool" ] && kill -9 $tool 2>/dev/null' EXIT
"$SYSO" --format full -o full.json "$TPROG/exit_with" pause 2> table.txt &
tool=$!
target=
for i in $(seq 100); do
	target=$(pgrep -P $tool -x exit_with) && grep -q pause "/proc/$target/wchan" 2>/dev/null &&
		[ "$(awk '{print $3}' "/proc/$target/stat")" = S ] && break
	target=
	sleep 0.1
done
[ -n "$target" ] || fail "target did not reach pause()"
kill -KILL "$target"
wait $tool; rc=$?; tool=
expect_status 137 $rc "target killed by SIGKILL"
grep -q "^total:" table.txt || fail "no table: $(cat table.txt)"
to_seed full.json > out.json
expect_count out.json "$TPROG/exit_with" $NR_pause 1
[ "$(stat full.json tasks_followed)" = 1 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_exited)" = 1 ] || fail "tasks_exited $(stat full.json tasks_exited)"
[ "$(jq .exit_status full.json)" = 137 ] || fail "exit_status in JSON: $(jq .exit_status full.json)"
expect_clean_maps full.json
