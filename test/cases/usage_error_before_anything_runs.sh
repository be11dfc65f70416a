# A usage error is found before privileges and before the target runs:
# exit 2, one line naming the problem and the --help hint, nothing on
# stdout (any user gets it, not "must run as root").
RUNS_AS_ANY_USER=1 . "$TLIB"
check() { # expected-text args...
	local text=$1; shift
	"$SYSO" "$@" > out.txt 2> err.txt; local rc=$?
	expect_status 2 "$rc" "syso-kagg $*"
	[ "$(head -1 err.txt)" = "syso-kagg: $text" ] || fail "syso-kagg $*: $(head -1 err.txt), want: syso-kagg: $text"
	[ "$(tail -1 err.txt)" = "Try 'syso-kagg --help' for more information." ] || fail "no usage hint: $(cat err.txt)"
	[ "$(wc -l < err.txt)" = 2 ] || fail "expected 2 lines on stderr, got: $(cat err.txt)"
	[ ! -s out.txt ] || fail "nothing should go to stdout: $(cat out.txt)"
	[ ! -e ran ] || fail "syso-kagg $*: the target ran"
}
check "no PROGRAM to run"
check "unknown option '--bogus'" --bogus /usr/bin/touch ran
check "invalid value 'abc' for --max-counts (expected 1..16777216)" --max-counts abc /usr/bin/touch ran
check "option '-o' needs a value" -o
check "unknown sort key 'bogus' (count, name, errors, time)" -S bogus /usr/bin/touch ran
check "--format applies to the -o file: give -o FILE (or -o -)" --format full /usr/bin/touch ran
check "give either -p PID or a PROGRAM, not both" -p 5 /usr/bin/touch ran
