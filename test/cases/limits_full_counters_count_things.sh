# The "full" counters are printed as numbers of things ("N address spaces
# not mirrored", "N objects not interned"), so they must count each address
# space / object once, not every syscall that retried and failed.
# fork50 --max-mirrors 1: 50 children's address spaces do not fit -> 50.
# known_counts --max-objects 5: libknown.so and libc do not fit -> 2.
. "$TLIB"
"$SYSO" -q --max-mirrors 1 --format full -o m.json "$TPROG/fork50" || fail "run failed"
[ "$(stat m.json mirrors_full)" = 50 ] ||
	fail "mirrors_full: 50 address spaces did not fit, counter says $(stat m.json mirrors_full)"
"$SYSO" -q --max-objects 5 --format full -o o.json "$TPROG/known_counts" || fail "run failed"
[ "$(stat o.json objects_full)" = 2 ] ||
	fail "objects_full: 2 objects did not fit, counter says $(stat o.json objects_full)"
