# An object refused while the object table was full is not mirrored: its
# next calls ask for an id again, and get one once an id is given back
# (user/reclaim.c). With --max-objects 8 (4 file ids: the program, ld.so,
# libc, liba.so), libb.so is refused and its 10 getppid are
# [unattributed: map full]; once liba.so is dlclosed and the tool has let
# go of it, libb.so, mapped all along, gets liba.so's id: its 20 later
# getppid are its own.
. "$TLIB"
mkfifo gate ready
cp "$TPROG/libknown.so" liba.so
cp "$TPROG/libknown.so" libb.so
"$SYSO" -q --max-objects 8 --format full -o full.json "$TPROG/refused_recovers" \
	"$PWD/liba.so" "$PWD/libb.so" gate > ready &
syso=$!
on_fail_release "$syso" gate
read -r line < ready
[ "$line" = ready ] || fail "refused_recovers did not get ready: '$line'"
# let go of once a reclaim pass ran (every 2 s): a hang guard of 30 s
for i in $(seq 300); do
	[ "$(held_count "$syso" "$PWD/liba.so")" = 0 ] && break
	sleep 0.1
done
[ "$(held_count "$syso" "$PWD/liba.so")" = 0 ] || fail "liba.so still held"
echo x > gate
wait_bounded "$syso"
trap - EXIT
expect_status 0 "$status" "syso-kagg"
to_seed full.json > out.json
expect_count out.json "$PWD/liba.so" $NR_getppid 5
expect_count out.json "$PWD/libb.so" $NR_getppid 20
expect_count out.json "[unattributed: map full]" $NR_getppid 10
[ "$(stat full.json objects_full)" = 1 ] || fail "objects_full $(stat full.json objects_full), expected 1 (libb.so)"
[ "$(jq .maps_at_exit.objects_reclaimed full.json)" -ge 1 ] || fail "no id reclaimed"
expect_clean_maps full.json
