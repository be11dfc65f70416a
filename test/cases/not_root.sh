# Without privileges: one clear line, exit 77, the target never runs. Any
# user: root drops to uid 65534 with no capabilities first (setpriv), an
# ordinary user (make check) is the unprivileged run itself.
RUNS_AS_ANY_USER=1 . "$TLIB"
dir=$(mktemp -d); chmod 777 "$dir"
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "setpriv (util-linux) missing"
	drop=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
else
	# an ordinary user holding none of the capabilities the tool needs
	caps=$(awk '$1 == "CapEff:" { print $2 }' /proc/self/status)
	[ "$((16#$caps))" = 0 ] || skip "this user has effective capabilities ($caps)"
	drop=()
fi
"${drop[@]}" "$SYSO" /usr/bin/touch "$dir/ran" > out.txt 2> err.txt
expect_status 77 $? "unprivileged run"
grep -q "must run as root" err.txt || fail "unexpected message: $(cat err.txt)"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
[ ! -e "$dir/ran" ] || fail "the target ran without tracing"
[ ! -s out.txt ] || fail "nothing should go to stdout: $(cat out.txt)"
rm -rf "$dir"
