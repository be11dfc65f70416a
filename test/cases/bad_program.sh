# Missing / not executable / directory programs: one line, 127/126, like a
# shell (usage errors, exit 2: usage_error_before_anything_runs.sh).
. "$TLIB"
check() { # expected-status expected-text args...
	local want=$1 text=$2; shift 2
	"$SYSO" "$@" > out.txt 2> err.txt; local rc=$?
	expect_status "$want" "$rc" "syso-kagg $*"
	# one line; usage errors add the usual "Try --help" hint
	local lines=1; [ "$want" = 2 ] && lines=2
	[ "$(wc -l < err.txt)" = $lines ] || fail "expected $lines line(s) on stderr, got: $(cat err.txt)"
	[ "$want" != 2 ] || grep -q "^Try 'syso-kagg --help'" err.txt || fail "no usage hint: $(cat err.txt)"
	grep -q -- "$text" err.txt || fail "expected '$text' in: $(cat err.txt)"
	[ ! -s out.txt ] || fail "nothing should go to stdout: $(cat out.txt)"
}
check 127 "no-such-program-xyz: command not found" no-such-program-xyz
check 127 "No such file or directory" ./missing/prog
touch plain; chmod 644 plain
check 126 "Permission denied" ./plain
mkdir adir
check 126 "Is a directory" ./adir
