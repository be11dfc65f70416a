# An object whose only process is gone before syso-kagg could open it
# through its mapping (here: the tool is stopped while the target maps a
# new file, runs it and exits) is "not available": its calls are counted,
# its build_id is null in --format full and its sites are raw offsets;
# nothing is read from its path, although the file is still there.
. "$TLIB"
mkdir lib && cp "$TPROG/libraw.so" lib/late.so
off=$(raw_offset lib/late.so)
[ -n "$off" ] || fail "no raw_getppid in libraw.so"
mkfifo gate
prog=$TPROG/late_map
"$SYSO" --sites --format full -o full.json "$prog" gate "$PWD/lib/late.so" "$off" 150 2> table.txt &
syso=$!
on_fail_release "$syso" gate
trap 'kill -CONT $syso 2>/dev/null; kill -9 $syso 2>/dev/null; timeout 5 sh -c "echo x > gate"' EXIT
wait_held "$syso" "$prog" 1
target=$(pgrep -P "$syso") || fail "no target"
kill -STOP "$syso"
echo x > gate
# the stopped tool cannot reap it: wait until the target is a zombie
for i in $(seq 300); do
	[ "$(awk '{ print $3 }' /proc/"$target"/stat 2>/dev/null)" = Z ] && break
	sleep 0.1
done
[ "$(awk '{ print $3 }' /proc/"$target"/stat)" = Z ] || fail "target did not end"
kill -CONT "$syso"
wait_bounded "$syso"
trap - EXIT
expect_status 0 "$status" "syso-kagg"
to_seed full.json > out.json
expect_count out.json "$PWD/lib/late.so" $NR_getppid 150
got=$(jq -c --arg p "$PWD/lib/late.so" '.objects[] | select(.path == $p) | [.build_id, ([.sites[] | .symbol] | unique)]' full.json)
[ "$got" = '[null,[null]]' ] || fail "build_id and site symbols of the unavailable object: $got"
# the executable was held: available
jq -e --arg p "$prog" '.objects[] | select(.path == $p) | .build_id | test("^[0-9a-f]{40}$")' full.json >/dev/null ||
	fail "no build-id for the executable"
grep -qE "^ +150  getppid +$PWD/lib/late.so \+0x[0-9a-f]+$" table.txt || fail "sites table: $(grep -A4 'top call sites' table.txt)"
grep -qx "warning: 1 object not available (its processes ended before syso-kagg could open it): no symbols or build-id" table.txt ||
	fail "no warning: $(grep warning table.txt)"
