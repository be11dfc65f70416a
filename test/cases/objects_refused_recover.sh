# An object refused while the object table was full is not mirrored: its
# next calls ask for an id again, and get one once an id is given back
# (user/reclaim.c). With --max-objects 10 (6 file ids: the program, ld.so,
# libc, and what else a kernel's run maps, then some of the 5 fillers),
# libb.so, dlopened after the fillers, is refused: its 10 getppid are
# [unattributed: map full]. The fillers are dlclosed and the tool lets go
# of them; libb.so, mapped all along, then gets an id: its 20 later
# getppid are its own. Every getppid is counted somewhere. A reclaim pass
# can give an id back while a filler is mapped but has not made its first
# call yet (it is then refused, and its id goes to libb.so, which is never
# refused): such a run is made again (3 tries), as it tests nothing.
. "$TLIB"
mkfifo gate ready
cp "$TPROG/libknown.so" libb.so
fillers=
for i in 1 2 3 4 5; do
	cp "$TPROG/libknown.so" "libf$i.so"
	fillers="$fillers $PWD/libf$i.so"
done
# try: one run; 1 if libb.so was never refused (nothing to check)
try() {
	local line i full
	rm -f full.json
	# shellcheck disable=SC2086
	"$SYSO" -q --max-objects 10 --format full -o full.json "$TPROG/refused_recovers" \
		"$PWD/libb.so" gate $fillers > ready &
	syso=$!
	on_fail_release "$syso" gate
	read -r line < ready
	[ "$line" = ready ] || fail "refused_recovers did not get ready: '$line'"
	# none held once a reclaim pass ran (every 2 s): a hang guard of 30 s
	for i in $(seq 300); do
		[ "$(held)" = 0 ] && break
		sleep 0.1
	done
	[ "$(held)" = 0 ] || fail "fillers still held: $(held)"
	echo x > gate
	wait_bounded "$syso"
	trap - EXIT
	expect_status 0 "$status" "syso-kagg"
	to_seed full.json > out.json
	[ "$(total_for_nr out.json $NR_getppid)" = $((5 * 5 + 10 + 20)) ] ||
		fail "getppid counted: $(total_for_nr out.json $NR_getppid), expected 55"
	[ "$(count out.json "$PWD/libb.so" $NR_getppid)" != 30 ]
}
held() { find /proc/"$syso"/fd -lname "$PWD/libf*" 2>/dev/null | wc -l; }
refused=0
for t in 1 2 3; do
	try && { refused=1; break; }
done
[ "$refused" = 1 ] || fail "libb.so was never refused in 3 runs"
expect_count out.json "$PWD/libb.so" $NR_getppid 20
full=$(count out.json "[unattributed: map full]" $NR_getppid)
[ "$full" -ge 10 ] || fail "libb.so's first 10 getppid were not refused: $full map full"
[ "$(jq .maps_at_exit.objects_reclaimed full.json)" -ge 1 ] || fail "no id reclaimed"
expect_clean_maps full.json
