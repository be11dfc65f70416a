# A target maps a file named libc.so.6 (a libc the tool did not expect),
# then puts a FIFO at its path before the kernel has seen the mapping. The
# tool builds the unwind table from the mapped file itself (through
# /proc/PID/map_files), never opens the FIFO, and ends normally with the
# target's exit status and its report.
. "$TLIB"
mkdir lib && cp "$TPROG/libknown.so" lib/libc.so.6
mkfifo gate
prog=$TPROG/map_swap
"$SYSO" -q --format full -o full.json "$prog" fifo "$PWD/lib/libc.so.6" - gate 300 7 &
syso=$!
on_fail_release "$syso" gate
# the mapped file is still linked as libc.so.6.keep
wait_held "$syso" "$PWD/lib/libc.so.6 (deleted)" 1
[ -p lib/libc.so.6 ] || fail "the path was not swapped for a FIFO"
echo x > gate
wait_bounded "$syso"
expect_status 7 "$status" "syso-kagg (the target's status)"
to_seed full.json > out.json
expect_count out.json "$prog" $NR_getpid 300
[ "$(jq '.unwind_tables.loaded_while_running' full.json)" = 1 ] ||
	fail "table not built from the mapped file: $(jq -c .unwind_tables full.json)"
[ "$(jq '.unwind_tables.failed' full.json)" = 0 ] || fail "table failed: $(jq -c .unwind_tables full.json)"
trap - EXIT
