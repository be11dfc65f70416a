# --skip-lib takes a file name or a path (a link, or the file itself as the
# table prints it): the skipped library disappears from the table and its
# callers get its calls. A name outside the library directories (a test
# library found through the program's rpath) is skipped too, with no
# warning; only a library really absent is warned about.
. "$TLIB"
prog=$TPROG/cxx_stream
stdcxx=$(readlink -f /usr/lib/x86_64-linux-gnu/libstdc++.so.6)
for arg in libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 "$stdcxx"; do
	"$SYSO" -q --skip-lib "$arg" --format full -o full.json "$prog" >/dev/null 2> err.txt ||
		fail "--skip-lib $arg: run failed"
	[ ! -s err.txt ] || fail "--skip-lib $arg: unexpected warning: $(cat err.txt)"
	to_seed full.json > out.json
	expect_count out.json "$prog" $NR_write 250
	expect_no_object out.json "$stdcxx"
	[ "$(stat full.json walk_scan)" = 0 ] || fail "--skip-lib $arg: walk_scan $(stat full.json walk_scan)"
done
# (By name, its table is built when the kernel first meets it, and calls
# made before it lands are scanned; by path it is ready before the start.)
prog=$TPROG/known_counts
for arg in libknown.so "$TPROG/libknown.so"; do
	"$SYSO" -q --skip-lib "$arg" --format full -o full.json "$prog" 2> err.txt ||
		fail "--skip-lib $arg: run failed"
	[ ! -s err.txt ] || fail "--skip-lib $arg: unexpected warning: $(cat err.txt)"
	to_seed full.json > out.json
	expect_count out.json "$prog" $NR_getppid 500
	expect_no_object out.json "$TPROG/libknown.so"
done
[ "$(stat full.json walk_scan)" = 0 ] || fail "$TPROG/libknown.so: walk_scan $(stat full.json walk_scan)"
# really absent: a path that does not exist, a name no program mapped
"$SYSO" -q --skip-lib /nonexistent/libx.so.1 --skip-lib libnothere.so.3 -o out.json "$prog" 2> err.txt ||
	fail "absent libraries: run failed"
grep -qx "syso-kagg: warning: --skip-lib /nonexistent/libx.so.1: No such file or directory: nothing skipped" err.txt ||
	fail "no warning for the absent path: $(cat err.txt)"
grep -qx "syso-kagg: warning: --skip-lib libnothere.so.3: no traced program mapped it" err.txt ||
	fail "no warning for the absent name: $(cat err.txt)"
[ "$(wc -l < err.txt)" = 2 ] || fail "expected 2 warnings: $(cat err.txt)"
expect_count out.json "$TPROG/libknown.so" $NR_getppid 500
