# Nothing of the tool's reaches the target: the descriptors a traced program
# finds open are exactly those it finds without syso-kagg (what the shell
# gave it, here including an extra fd 7), with -o (its temp file), -u nobody,
# --bpf-stats (the stats fd), --format full --sites, --interval, and -o
# to /dev/null, a FIFO or /dev/fd/9 (which the target does not get either). Root: loads BPF.
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
check -o /dev/null
mkfifo fifo
cat fifo > fifo.json & reader=$!
check -o fifo
wait $reader
jq -e 'type == "object"' fifo.json > /dev/null || fail "the FIFO got no JSON: $(head -c 200 fifo.json)"
# a descriptor named by -o becomes the tool's: the target does not get it
exec 9> fd9.json
check -o /dev/fd/9
exec 9>&-
jq -e 'type == "object"' fd9.json > /dev/null || fail "/dev/fd/9 got no JSON: $(head -c 200 fd9.json)"
[ $n = 9 ] || fail "ran $n checks, expected 9"
exit 0
