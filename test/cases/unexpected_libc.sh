# A libc the tool did not expect (another file than the system's, as in a
# chroot or container): recognised when mapped, its unwind table built and
# loaded while the target runs, attribution still exact.
. "$TLIB"
mkdir lib && cp "$LIBC" lib/libc.so.6
other=$(readlink -f lib/libc.so.6)
prog=$TPROG/known_counts
# only the target gets the other libc (env execs it), not syso-kagg itself
"$SYSO" -q --format full -o full.json /usr/bin/env LD_LIBRARY_PATH=$PWD/lib "$prog" ||
	fail "run failed"
to_seed full.json > out.json
jq -e --arg o "$other" 'has($o)' out.json >/dev/null || fail "the other libc is not among the objects: $(jq -c keys out.json)"
[ "$(jq '.unwind_tables.loaded_while_running' full.json)" = 1 ] ||
	fail "unwind tables loaded while running: $(jq -c .unwind_tables full.json)"
expect_count out.json "$prog" $NR_write 1000
expect_count out.json "$prog" $NR_getpid 107
expect_count out.json "$prog" $NR_getuid 50
expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
expect_no_object out.json "$LIBC"
expect_no_object out.json "[unattributed]"
# a byte copy of the system's libc has its build-id: its table is given at
# once (by the walker in the kernel, or by userspace when its event comes
# first), so no call of it is scanned for want of a table
[ "$(stat full.json walk_cfi_no_table)" = 0 ] ||
	fail "calls scanned before the table landed: $(stat full.json walk_cfi_no_table)"
