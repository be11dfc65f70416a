# An allocation failure is syso-kagg's internal error (70), not a kernel
# that lacks a feature (69): with the address space limited to just above
# what the binary and its libraries need to start, parsing the kernel's BTF
# runs out of memory. One line saying so, the target never runs.
# Root: loads BPF.
. "$TLIB"
# The smallest limit (KiB, in 500 KiB steps) under which --version runs:
# the libraries' size differs between machines (10000 was enough on one,
# not on the next, where libgmp could not be mapped).
start=
for kib in $(seq 6000 500 40000); do
	if (ulimit -v "$kib" && exec "$SYSO" --version) > /dev/null 2>&1; then
		start=$kib
		break
	fi
done
[ -n "$start" ] || skip "syso-kagg cannot start under ulimit -v 40000 (a sanitizer build reserves more)"
# 2 MiB above the start: far less than the kernel's BTF (several MiB)
(ulimit -v $((start + 2048)) && exec "$SYSO" -q /usr/bin/touch ran) 2> err.txt
expect_status 70 $? "out of memory (ulimit -v $((start + 2048)))"
[ ! -e ran ] || fail "the target ran"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
grep -q "Cannot allocate memory" err.txt || fail "message does not say out of memory: $(cat err.txt)"
grep -q "lacks" err.txt && fail "an allocation failure called a missing kernel feature: $(cat err.txt)"
exit 0
