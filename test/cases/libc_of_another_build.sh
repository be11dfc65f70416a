# A libc of another build than the system's (here: a copy whose build-id
# is changed, so that neither the kernel nor userspace may give it the
# system libc's table): its table is built from the mapped file while the
# target runs, and the calls made before it lands are deferred (their
# stacks copied, unwound in userspace once it is built), never guessed
# with the stack scan. Each program must be counted exactly as with a
# byte copy of the system libc (whose table is given at once, by
# build-id): same objects, same counts; deep recursion, signal frames on
# an alternate signal stack, the vDSO, vfork children, --errors/-T and
# --sites included.
. "$TLIB"
command -v python3 >/dev/null || skip "no python3"
mkdir other copy
cp "$LIBC" copy/libc.so.6
other_build "$LIBC" other/libc.so.6
d=tree; for i in $(seq 40); do d=$d/d; done; mkdir -p "$d"	# for nftw_deep

# The tool on one CPU, the target on another (with two or more): the
# table is built while the target runs, so its first calls are deferred
# (on one CPU the tool, of real-time priority, may build it first).
pin_tool=() pin_target=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
	pin_tool=(taskset -c 0) pin_target=(taskset -c 1)
fi
deferred=0
# same NAME OPTIONS -- CMD...: CMD's counts with the other build equal
# those with the byte copy (the libc's own path named LIBC in both)
same() {
	local name=$1 opts=() lib
	shift
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	for lib in other copy; do
		"${pin_tool[@]}" "$SYSO" -q "${opts[@]}" --format full -o "$name.$lib.full.json" \
			"${pin_target[@]}" /usr/bin/env \
			LD_LIBRARY_PATH="$PWD/$lib" "$@" >/dev/null || fail "$name: run with $lib failed"
		# per object (over processes), per syscall and site: calls and
		# errors (times differ from run to run); not futex, whose count
		# depends on how a program's threads met (known_counts joins one)
		jq -S --arg l "$PWD/$lib/libc.so.6" --argjson futex $NR_futex '[.objects[] |
			.syscalls |= map(select(.nr != $futex)) |
			.sites |= (if . then map(select(.nr != $futex)) else . end) |
			.path = (if .path == $l then "LIBC" else .path end)] | group_by(.path) |
			map({path: .[0].path,
			     syscalls: ([.[].syscalls[]] | group_by(.nr) |
				map({nr: .[0].nr, calls: (map(.calls) | add), errors: (map(.errors // 0) | add)})),
			     sites: ([.[].sites // [] | .[]] | group_by([.nr, .site]) |
				map({nr: .[0].nr, site: .[0].site, calls: (map(.calls) | add)}))})' \
			"$name.$lib.full.json" > "$name.$lib.json"
		expect_outcomes_add_up "$name.$lib.full.json"
	done
	jq -e '.objects | length > 1' "$name.other.full.json" >/dev/null || fail "$name: no objects"
	[ "$(jq -c .unwind_tables "$name.other.full.json")" = '{"loaded_while_running":1,"failed":0}' ] ||
		fail "$name: tables: $(jq -c .unwind_tables "$name.other.full.json")"
	[ "$(stat "$name.other.full.json" walk_cfi_no_table)" = 0 ] ||
		fail "$name: calls scanned for want of a table: $(stat "$name.other.full.json" walk_cfi_no_table)"
	[ "$(stat "$name.other.full.json" walk_defer_full)" = 0 ] ||
		fail "$name: deferred walks lost: $(stat "$name.other.full.json" walk_defer_full)"
	[ "$(stat "$name.other.full.json" walk_defer_cut)" = 0 ] ||
		fail "$name: walk_defer_cut $(stat "$name.other.full.json" walk_defer_cut)"
	diff "$name.copy.json" "$name.other.json" > "$name.diff" ||
		fail "$name: counts differ from the byte copy's: $(head -40 "$name.diff")"
	deferred=$((deferred + $(stat "$name.other.full.json" walk_deferred)))
	echo "$name: $(stat "$name.other.full.json" walk_deferred) of $(stat "$name.other.full.json" syscalls) calls deferred, counts as with the byte copy"
}

same known --sites -- "$TPROG/known_counts"
same errors --errors -T -- "$TPROG/errors_known"
same signals -- "$TPROG/sig_altstack" 50
same nftw -- "$TPROG/nftw_deep" tree
same spawn -- "$TPROG/spawn_exec" 3 "$TPROG/exit_with"
same vfork -- "$TPROG/vfork_exec"
same vdso -- "$TPROG/vdso_cpu_clock" 100
same per_process --per-process -- "$TPROG/known_counts"
# the deferred path must have been taken, or this proves nothing
[ "$deferred" -gt 0 ] || fail "no call was deferred: every table landed first"
