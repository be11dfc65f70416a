# The -o file is created like any new file: mode 0666 less the caller's
# umask (0600 under umask 077, like strace), owned by the caller (root
# here; under sudo it stays root's, like strace's). An existing file is
# replaced by a new one, so it gets the same mode. Root: loads BPF.
. "$TLIB"
prog=$TPROG/exit_with
for m in 077:600 022:644 002:664 000:666 027:640; do
	u=${m%:*} want=${m#*:}
	rm -f out.json
	(umask $u && "$SYSO" -q -o out.json "$prog" 0) || fail "run under umask $u failed"
	got=$(command stat -c %a out.json)
	[ "$got" = "$want" ] || fail "umask $u: mode $got, expected $want"
	[ "$(command stat -c %u:%g out.json)" = 0:0 ] || fail "owner $(command stat -c %u:%g out.json), expected root"
done
# an existing, more open file: replaced, the umask decides
echo old > out.json; chmod 666 out.json
(umask 077 && "$SYSO" -q -o out.json "$prog" 0) || fail "run over an existing file failed"
[ "$(command stat -c %a out.json)" = 600 ] || fail "existing 0666 file under umask 077: mode $(command stat -c %a out.json)"
jq -e 'type == "object"' out.json > /dev/null || fail "not JSON: $(head -c 100 out.json)"
exit 0
