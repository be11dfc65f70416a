# A copy shorter than what its header says it holds (its last word cut, or
# only the header and a part of the stack) is refused before any unwind:
# every seed cut so is not valid, every seed whole is.
RUNS_AS_ANY_USER=1 . "$TLIB"
n=0
for seed in "$TOP"/test/fuzz/corpus/deferred/seed-*; do
	size=$(wc -c < "$seed")
	[ "$("$TPROG/deferred_dump" "$seed" | head -1)" = "valid 1" ] || fail "$seed whole: not valid"
	for cut in $((size - 8)) $((size - 1)) 1400 1330; do
		head -c "$cut" "$seed" > cut.bin
		[ "$("$TPROG/deferred_dump" cut.bin | head -1)" = "valid 0" ] ||
			fail "$(basename "$seed") cut to $cut bytes: accepted"
	done
	n=$((n + 1))
done
[ "$n" -ge 6 ] || fail "only $n seeds"
