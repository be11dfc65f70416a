# A target whose libc.so.6 exists only in its own mount namespace (a tmpfs
# mounted there, invisible to syso-kagg's namespace): the tool reads it
# through the target's mapping and unwinds it with its own table; counts
# are exact. Both for a byte copy of the system's libc and for another
# build of it (its table built while the target runs, the calls before
# deferred: none scanned).
. "$TLIB"
command -v unshare >/dev/null || skip "no unshare"
mkdir ns
prog=$TPROG/known_counts
other_build "$LIBC" other.so
for lib in "$LIBC" "$PWD/other.so"; do
	"$SYSO" -q --format full -o full.json unshare -m sh -c \
		"mount -t tmpfs none '$PWD/ns' && cp '$lib' '$PWD/ns/libc.so.6' &&
		 LD_LIBRARY_PATH='$PWD/ns' exec '$prog'" || fail "run failed ($lib)"
	[ -e ns/libc.so.6 ] && fail "the tmpfs leaked into the test's namespace"
	to_seed full.json > out.json
	jq -e --arg o "$PWD/ns/libc.so.6" 'has($o)' out.json >/dev/null ||
		fail "the namespaced libc is not among the objects: $(jq -c keys out.json)"
	[ "$(jq '.unwind_tables' -c full.json)" = '{"loaded_while_running":1,"failed":0}' ] ||
		fail "unwind tables loaded while running: $(jq -c .unwind_tables full.json)"
	expect_count out.json "$prog" $NR_write 1000
	expect_count out.json "$prog" $NR_getpid 107
	expect_count out.json "$prog" $NR_getuid 50
	expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
	expect_no_object out.json "[unattributed]"
	# a byte copy of the system's libc has its build-id: its table is given at
	# once (by the walker in the kernel, or by userspace when its event comes
	# first); another build's calls wait for its table (deferred walks): no
	# call of either is scanned for want of a table
	[ "$(stat full.json walk_cfi_no_table)" = 0 ] ||
		fail "calls scanned before the table landed: $(stat full.json walk_cfi_no_table)"
done
