# An allocation failure is syso-kagg's internal error (70), not a kernel
# that lacks a feature (69): under `ulimit -v 10000` parsing the kernel's
# BTF runs out of memory. One line saying so, the target never runs.
# Root: loads BPF.
. "$TLIB"
(ulimit -v 10000 && "$SYSO" --version) > /dev/null 2>&1 ||
	skip "syso-kagg cannot start under ulimit -v 10000 (a sanitizer build reserves more)"
(ulimit -v 10000 && exec "$SYSO" -q /usr/bin/touch ran) 2> err.txt
expect_status 70 $? "out of memory"
[ ! -e ran ] || fail "the target ran"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
grep -q "Cannot allocate memory" err.txt || fail "message does not say out of memory: $(cat err.txt)"
grep -q "lacks" err.txt && fail "an allocation failure called a missing kernel feature: $(cat err.txt)"
exit 0
