# A regex glibc would take gigabytes to compile (repeated quantifiers,
# bounds over 32, over 64 bytes) or a malformed one: exit 2, one line.
RUNS_AS_ANY_USER=1 . "$TLIB"
long=$(printf 'a%.0s' $(seq 65))
for re in 'i+++++' 'a**' 'a{33}' 'a{2}{2}' "$long" '(' '[z-a]'; do
	expect_set_refused "/$re" "syso-kagg: -e trace=/$re: invalid (or over 64 bytes, or repeated quantifiers) regular expression '$re'"
done
# the ends of what is tame are accepted (a ',' would end the list's value)
trace_set '/^accept(x{32})?$' > got.txt
[ "$(cat got.txt)" = "x86_64 accept" ] || fail "/^accept(x{32})?$: $(cat got.txt)"
re="^$(printf 'a?%.0s' $(seq 28)).ccept\$"
[ ${#re} = 64 ] || fail "precondition: the regex has ${#re} bytes"
trace_set "/$re" > got.txt
[ "$(cat got.txt)" = "x86_64 accept" ] || fail "a 64-byte regex: $(cat got.txt)"
