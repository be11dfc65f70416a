# ?VALUE: an unknown name, class or a regex matching nothing is no error
# when marked optional; the rest of the list still counts.
RUNS_AS_ANY_USER=1 . "$TLIB"
[ "$(trace_set '?nosuchcall,getuid')" = "$(printf 'x86_64 getuid\ni386 getuid')" ] ||
	fail "?nosuchcall,getuid: $(trace_set '?nosuchcall,getuid' | tr '\n' ' ')"
[ "$(trace_set '?%nosuchclass,?/^zzz,getuid')" = "$(printf 'x86_64 getuid\ni386 getuid')" ] ||
	fail "?%nosuchclass,?/^zzz,getuid: $(trace_set '?%nosuchclass,?/^zzz,getuid' | tr '\n' ' ')"
trace_set '?nosuchcall' > got.txt
[ ! -s got.txt ] || fail "?nosuchcall alone: $(cat got.txt)"
