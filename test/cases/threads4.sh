# 4 threads, nothing lost: 200 getuid from the executable.
. "$TLIB"
prog=$TPROG/threads4
"$SYSO" -q -o out.json "$prog" || fail "syso-kagg exited $?"
expect_count out.json "$prog" $NR_getuid 200
expect_count out.json "$prog" $NR_clone3 4		# clone3: one per thread
expect_no_object out.json "[unattributed]"
IGNORE=futex compare_with_strace out.json "$prog"
