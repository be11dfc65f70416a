# Exact attribution through an omit-frame-pointer call chain, from a
# library, and through libstdc++ (itself, or skipped with --skip-lib).
. "$TLIB"
prog=$TPROG/chain3
"$SYSO" -q -o chain.json "$prog" || fail "chain3 run failed"
expect_count chain.json "$prog" $NR_write 300
expect_count chain.json "$TPROG/libknown.so" $NR_getppid 200
expect_no_object chain.json "[unattributed]"

prog=$TPROG/cxx_stream
stdcxx=$(readlink -f /usr/lib/x86_64-linux-gnu/libstdc++.so.6)
"$SYSO" -q -o cxx.json "$prog" >/dev/null || fail "cxx_stream run failed"
expect_count cxx.json "$stdcxx" $NR_write 250
expect_count cxx.json "$prog" $NR_write 0
"$SYSO" -q --skip-lib libstdc++.so.6 -o cxx-skip.json "$prog" >/dev/null || fail "--skip-lib run failed"
expect_count cxx-skip.json "$prog" $NR_write 250
expect_count cxx-skip.json "$stdcxx" $NR_write 0
expect_no_object cxx-skip.json "[unattributed]"
