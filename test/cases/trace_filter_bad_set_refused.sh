# A bad -e set is one line and exit status 2, before privileges and before
# anything runs (the set's rules: parse_trace_*.sh).
RUNS_AS_ANY_USER=1 . "$TLIB"
for bad in trace=nosuchcall trace=%nosuchclass 'trace=/(' trace= trace=write,,getpid signal=all '/i+++++'; do
	"$SYSO" -e "$bad" /usr/bin/touch ran > out.txt 2> err.txt; expect_status 2 $? "-e $bad"
	[ "$(wc -l < err.txt)" = 1 ] || fail "-e $bad: $(wc -l < err.txt) lines: $(cat err.txt)"
	grep -q '^syso-kagg: -e ' err.txt || fail "-e $bad: $(cat err.txt)"
	[ ! -s out.txt ] || fail "-e $bad: stdout: $(cat out.txt)"
	[ ! -e ran ] || fail "-e $bad: the target ran"
done
grep -qx "syso-kagg: -e trace=/i+++++: invalid (or over 64 bytes, or repeated quantifiers) regular expression 'i+++++'" err.txt ||
	fail "message: $(cat err.txt)"
"$SYSO" -e signal=all true 2> err.txt
grep -qx "syso-kagg: -e signal=all: only -e trace=SET is supported" err.txt || fail "message: $(cat err.txt)"
"$SYSO" -e trace=nosuchcall true 2> err.txt
grep -qx "syso-kagg: -e trace=nosuchcall: unknown syscall 'nosuchcall'" err.txt || fail "message: $(cat err.txt)"
