# Two syso-kagg instances at once, on different targets that make their
# syscalls at the same moment, next to an untraced copy doing the same:
# each instance counts exactly its own target's calls, nothing of the other
# or of the untraced one.
. "$TLIB"
prog=$TPROG/gate
pids= kids=
trap 'for p in $pids $kids; do kill -9 $p 2>/dev/null; done' EXIT
mkfifo a b c
# Our ends open read-write first, so that nothing blocks if a tool fails.
exec 3<> a 4<> b 5<> c
"$SYSO" -q --format full -o a.json "$prog" a 30000 & ta=$!
"$SYSO" -q --format full -o b.json "$prog" b 50000 & tb=$!
"$prog" c 70000 & tc=$!
pids="$ta $tb $tc"
# Release the three together once all of them (both traced targets
# exec'd) wait in read() on their fifo.
blocked() { grep -q pipe "/proc/$1/wchan" 2>/dev/null; }
for i in $(seq 100); do
	ga=$(pgrep -P $ta -x gate) gb=$(pgrep -P $tb -x gate)
	[ -n "$ga" ] && [ -n "$gb" ] && blocked $ga && blocked $gb && blocked $tc && break
	ga=; sleep 0.1
done
[ -n "$ga" ] || fail "targets did not start and block"
kids="$ga $gb"
printf x >&3; printf x >&4; printf x >&5
for p in $pids; do wait $p || fail "process $p exited $?"; done
pids= kids=
for x in a:30000 b:50000; do
	f=${x%%:*}.json n=${x#*:}
	to_seed $f > seed.json
	expect_count seed.json "$prog" $NR_getppid $n
	[ "$(total_for_nr seed.json $NR_getppid)" = $n ] ||
		fail "$f: getppid $(total_for_nr seed.json $NR_getppid), expected $n in all"
	[ "$(stat $f tasks_followed)" = 1 ] || fail "$f: tasks_followed $(stat $f tasks_followed)"
	expect_clean_maps $f
done
