# Runs that last: an object's id and descriptor are given back once no
# process maps it (user/reclaim.c). dlopen_churn dlopens, calls once and
# dlcloses libfinal.so, then a 300 MB library it unlinks, then 3000
# distinct memfd copies of libknown.so (one getppid each) under
# --max-objects 64 (60 file ids); it waits on a gate, and libfinal.so
# makes 77 more getppid. While it waits, the tool holds none of those
# files (the deleted one's space is back) and few descriptors. libfinal.so
# is one object of 78 calls, though its first id was reclaimed long
# before: its counts read as if nothing was. Every churned call is
# counted, under its memfd or, when the churn outran the reclaim passes
# and the table was full (objects_full), as [unattributed: map full].
# Once more with --per-process (500 copies): the rows of the process.
. "$TLIB"
mkfifo gate ready
cp "$TPROG/libknown.so" libfinal.so

# held NAME: descriptors of syso-kagg on files whose names start with NAME
held() {
	find /proc/"$syso"/fd -lname "$1*" 2>/dev/null | wc -l
}

# churn N [OPTION]: one run, checked; leaves full.json
churn() {
	local n=$1 line i fds hwm churned full big reclaimed sum bid
	shift
	cp "$TPROG/libknown.so" big.so
	fallocate -o 100000 -l 300M big.so 2>/dev/null || skip "fallocate: not supported here"
	"$SYSO" -q "$@" --max-objects 64 --format full -o full.json "$TPROG/dlopen_churn" \
		"$TPROG/libknown.so" "$n" gate "$PWD/libfinal.so" 77 "$PWD/big.so" > ready &
	syso=$!
	on_fail_release "$syso" gate
	read -r line < ready
	[ "$line" = churned ] || fail "dlopen_churn did not churn: '$line'"
	# none held once a reclaim pass ran (every 2 s): a hang guard of 30 s
	for i in $(seq 300); do
		[ "$(held /memfd:churn)" = 0 ] && [ "$(held "$PWD/big.so")" = 0 ] && break
		sleep 0.1
	done
	[ "$(held /memfd:churn)" = 0 ] || fail "still held: $(held /memfd:churn) churned memfds"
	[ "$(held "$PWD/big.so")" = 0 ] || fail "the deleted 300 MB library is still held"
	fds=$(ls /proc/"$syso"/fd | wc -l)
	[ "$fds" -le 128 ] || fail "$fds descriptors open after the churn"
	hwm=$(awk '$1 == "VmHWM:" { print $2 }' /proc/"$syso"/status)
	# (not under ASan, whose shadow memory and quarantine are not the tool's)
	grep -q __asan_init "$SYSO" || [ "$hwm" -le 65536 ] || fail "peak RSS ${hwm} kB after the churn"
	echo x > gate
	wait_bounded "$syso"
	trap - EXIT
	expect_status 0 "$status" "syso-kagg $*"

	to_seed full.json > out.json
	[ "$(jq --arg p "$PWD/libfinal.so" '[.objects[] | select(.path == $p)] | length' full.json)" = 1 ] ||
		fail "libfinal.so is not one object: $(jq -c '[.objects[].path | select(contains("libfinal"))]' full.json)"
	expect_count out.json "$PWD/libfinal.so" $NR_getppid 78
	# read before its descriptor was closed (null: the tool, slow under
	# ASan, never held it while mapped, as object_not_available)
	bid=$(jq -r --arg p "$PWD/libfinal.so" '.objects[] | select(.path == $p) | .build_id' full.json)
	[ "$bid" = "$(build_id libfinal.so)" ] || [ "$bid" = null ] ||
		fail "libfinal.so's build-id: $bid, expected $(build_id libfinal.so)"
	churned=$(jq --arg n $NR_getppid '[to_entries[] | select(.key | startswith("/memfd:churn (deleted)")) |
		.value[$n] // 0] | add' out.json)
	full=$(count out.json "[unattributed: map full]" $NR_getppid)
	[ $((churned + full)) = "$n" ] ||
		fail "churned getppid: $churned under their memfds + $full map full, expected $n"
	# unlinked just after its dlclose: a pass may have named it before
	big=$(( $(count out.json "$PWD/big.so (deleted)" $NR_getppid) + $(count out.json "$PWD/big.so" $NR_getppid) ))
	[ "$big" = 1 ] || fail "the big library's getppid: $big, expected 1"
	reclaimed=$(jq '.maps_at_exit.objects_reclaimed' full.json)
	[ $((reclaimed + $(stat full.json objects_full))) -ge "$n" ] ||
		fail "$reclaimed ids reclaimed, $(stat full.json objects_full) objects refused, for $n objects"
	sum=$(jq '[.objects[].syscalls[].calls] | add' full.json)
	[ "$(stat full.json syscalls)" = $((sum + $(stat full.json counts_full))) ] ||
		fail "syscalls $(stat full.json syscalls) != counted $sum + counts_full $(stat full.json counts_full)"
	expect_clean_maps full.json
}

churn 3000
churn 500 --per-process
# one process made them all: every row is its
pids=$(jq '[.objects[].pid] | unique | length' full.json)
[ "$pids" = 1 ] || fail "rows of $pids processes: $(jq -c '[.objects[].pid] | unique' full.json)"
