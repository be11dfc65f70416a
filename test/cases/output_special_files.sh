# -o writes directly (no temp file, no rename) into what is not a regular
# file: /dev/null, a FIFO, /dev/stdout, /dev/stderr, /dev/fd/N (at the
# descriptor's offset, O_APPEND kept) and bash's process substitution
# >(cmd); all give the run's exact counts. A descriptor that is not open,
# or open read-only, is refused with 73 before the target runs.
# Root: loads BPF.
. "$TLIB"
prog=$TPROG/known_counts
check() {	# FILE WHAT: FILE holds the run's JSON
	expect_count "$1" "$prog" $NR_write 1000
	expect_count "$1" "$TPROG/libknown.so" $NR_getppid 500
}
"$SYSO" -q -o /dev/null "$prog" || fail "-o /dev/null failed"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
ls -A /dev | grep -q '^\.syso-kagg' && fail "temp file left in /dev"

mkfifo fifo
cat fifo > fifo.json & reader=$!
"$SYSO" -q -o fifo "$prog" || fail "-o FIFO failed"
wait $reader
[ -p fifo ] || fail "the FIFO was replaced"
check fifo.json

"$SYSO" -q -o /dev/stdout "$prog" > stdout.json || fail "-o /dev/stdout failed"
check stdout.json
"$SYSO" -q -o /dev/stderr "$prog" 2> stderr.json || fail "-o /dev/stderr failed"
check stderr.json

# /dev/fd/N: written at the descriptor, appended after what is there
echo '"before"' > fd.txt
"$SYSO" -q -o /dev/fd/9 "$prog" 9>> fd.txt || fail "-o /dev/fd/9 failed"
[ "$(head -1 fd.txt)" = '"before"' ] || fail "O_APPEND not kept: $(head -1 fd.txt)"
tail -n +2 fd.txt > fd.json
check fd.json
"$SYSO" -q -o /proc/self/fd/9 "$prog" 9> self.json || fail "-o /proc/self/fd/9 failed"
check self.json

# bash process substitution: a pipe to a command
"$SYSO" -q -o >(jq -c . > ps.json) "$prog" || fail "-o >(jq) failed"
for i in $(seq 100); do [ -s ps.json ] && break; sleep 0.1; done
check ps.json

for bad in "/dev/fd/9 9<fd.txt" /dev/fd/987; do
	eval "\"\$SYSO\" -q -o $bad /usr/bin/touch ran" 2> err.txt
	expect_status 73 $? "-o $bad"
	[ ! -e ran ] || fail "the target ran although -o $bad cannot be written"
	[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
	grep -q "Bad file descriptor" err.txt || fail "message: $(cat err.txt)"
done
exit 0
