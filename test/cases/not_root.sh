# Without privileges: one clear line, exit 77, the target never runs.
. "$TLIB"
command -v setpriv >/dev/null || skip "setpriv (util-linux) missing"
dir=$(mktemp -d); chmod 777 "$dir"
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	"$SYSO" /usr/bin/touch "$dir/ran" > out.txt 2> err.txt
expect_status 77 $? "unprivileged run"
grep -q "must run as root" err.txt || fail "unexpected message: $(cat err.txt)"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
[ ! -e "$dir/ran" ] || fail "the target ran without tracing"
