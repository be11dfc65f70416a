# Exact attribution: executable, its library, a raw syscall, a child, a
# thread; ASLR on; no frame pointers; nothing unattributed; totals = strace.
. "$TLIB"
[ "$(cat /proc/sys/kernel/randomize_va_space)" = 2 ] || fail "ASLR must be on for this test"
prog=$TPROG/known_counts
"$SYSO" -q -o out.json "$prog" || fail "syso-kagg exited $?"
expect_count out.json "$prog" $NR_write 1000
expect_count out.json "$prog" $NR_getpid 107
expect_count out.json "$prog" $NR_getuid 50
expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
expect_count out.json "$TPROG/libknown.so" $NR_write 0
expect_count out.json "$LIBC" $NR_write 0
expect_no_object out.json "[unattributed]"
expect_no_object out.json "$(readlink -f "$SYSO")"
# futex counts depend on timing; clone/clone3 restart under strace when the
# child's SIGCHLD arrives (see fork50.sh)
IGNORE='futex|clone|clone3' compare_with_strace out.json "$prog"
