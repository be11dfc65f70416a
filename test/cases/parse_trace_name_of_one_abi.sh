# A name only one ABI has counts only there: accept (x86_64; i386 has it
# behind socketcall), socketcall and waitpid (i386 only).
RUNS_AS_ANY_USER=1 . "$TLIB"
grep -q '__NR_accept ' "$UNISTD_32" && fail "precondition: i386 headers have accept"
[ "$(trace_set accept)" = "x86_64 accept" ] || fail "accept: $(trace_set accept | tr '\n' ' ')"
[ "$(trace_set socketcall)" = "i386 socketcall" ] || fail "socketcall: $(trace_set socketcall | tr '\n' ' ')"
[ "$(trace_set waitpid,accept)" = "$(printf 'x86_64 accept\ni386 waitpid')" ] ||
	fail "waitpid,accept: $(trace_set waitpid,accept | tr '\n' ' ')"
