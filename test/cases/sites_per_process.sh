# --sites with --per-process: each site row names its process, so the 50
# children's identical rows are told apart, and the pids are the processes
# of the full JSON; without --per-process there is no pid column.
. "$TLIB"
prog=$TPROG/fork50
"$SYSO" --sites --per-process --format full -o full.json "$prog" 2> t.txt || fail "run failed"
grep -qx '         calls       pid  syscall          site' t.txt || fail "no pid column: $(grep -A1 'top call sites' t.txt)"
# "pid" of every getpid row at main in the executable
grep -E "^ +100 +[0-9]+  getpid +$prog main\+0x[0-9a-f]+$" t.txt | awk '{ print $2 }' | sort -n > table.pids
[ "$(wc -l < table.pids)" = 50 ] || fail "expected 50 getpid site rows, got $(wc -l < table.pids)"
[ "$(sort -u table.pids | wc -l)" = 50 ] || fail "site rows share pids: $(uniq -d table.pids | head -3)"
jq -r --arg p "$prog" '.objects[] | select(.path == $p) | select(any(.syscalls[]; .name == "getpid" and .calls == 100)) | .pid' full.json | sort -n > json.pids
diff -u json.pids table.pids || fail "site pids differ from the processes in --format full"
# the full JSON's sites are per process too
[ "$(jq --arg p "$prog" '[.objects[] | select(.path == $p) | .sites[] | select(.name == "getpid") | .calls] | add' full.json)" = 5000 ] ||
	fail "sites of getpid in the full JSON"
# without --per-process: one row of 5000, no pid column
"$SYSO" --sites "$prog" 2> t2.txt || fail "run failed"
grep -qx '         calls  syscall          site' t2.txt || fail "pid column without --per-process"
grep -qE "^ +5000  getpid +$prog main\+0x[0-9a-f]+$" t2.txt || fail "no 5000 getpid row: $(grep getpid t2.txt)"
