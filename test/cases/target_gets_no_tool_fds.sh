# Nothing of the tool's reaches the target: the descriptors a traced program
# finds open are exactly those it finds without syso-kagg (what the shell
# gave it, here including an extra fd 7), with -o (its temp file), -u nobody,
# --bpf-stats (the stats fd), --format full --sites, and --interval. Root: loads BPF.
. "$TLIB"
prog=$TPROG/list_fds
chmod 711 .
mkdir -m 777 pub
exec 7<>shellfile
"$prog" pub/base.txt 2> err.txt || fail "list_fds alone failed"
grep -q '^7 -> .*/shellfile$' pub/base.txt || fail "the shell's fd 7 not seen: $(cat pub/base.txt)"
n=0
check() {
	n=$((n + 1))
	rm -f pub/fds.txt
	"$SYSO" -q "$@" "$prog" pub/fds.txt 2> err.txt || fail "run $n ($*) failed: $(cat err.txt)"
	[ -s pub/fds.txt ] || fail "run $n ($*): the target listed nothing"
	diff -u pub/base.txt pub/fds.txt > fds.diff ||
		fail "run $n ($*): the target's descriptors differ (+ with syso-kagg): $(cat fds.diff)"
}
check
check -o out.json
check -o out.json -u nobody
check --bpf-stats -o out.json
check --format full --sites --errors -T -o out.json
check --interval 1 -o out.json
[ $n = 6 ] || fail "ran $n checks, expected 6"
exit 0
