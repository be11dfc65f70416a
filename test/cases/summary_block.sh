# The table starts with an strace -c style summary over all objects: its
# totals equal the per-object sums exactly (table and --format full);
# --top N limits the rows of every block; -S name orders every block.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" --errors --format full -o full.json "$prog" 2> table.txt || fail "run failed"

# full JSON: summary[] = objects[] summed per syscall, and the known counts
jq -S '[.objects[].syscalls[]] | group_by(.name) | map({name: .[0].name, calls: (map(.calls) | add), errors: (map(.errors) | add)})' full.json > sums.json
jq -S '.summary | map({name, calls, errors}) | sort_by(.name)' full.json > summary.json
diff -u sums.json summary.json || fail "summary[] differs from the per-object sums"
s() { jq --arg n "$1" '.summary[] | select(.name == $n) | .calls' full.json; }
[ "$(s write)" = 1000 ] || fail "summary write $(s write); stats $(jq -c .stats full.json)"
[ "$(s getppid)" = 500 ] || fail "summary getppid $(s getppid)"
[ "$(s getpid)" = 107 ] || fail "summary getpid $(s getpid)"
[ "$(s getuid)" = 50 ] || fail "summary getuid $(s getuid)"
[ "$(jq '[.summary[].calls] | add' full.json)" = "$(jq .calls full.json)" ] || fail "summary total != calls"

# the table: the first block is the summary, then one block per object
head -1 table.txt | grep -qE '^all objects  [0-9]+ calls, [0-9]+ syscalls$' || fail "first line: $(head -1 table.txt)"
# "name calls errors" of the summary block, and of all object blocks summed
awk 'NR == 1 { on = 1; next } on && NF == 0 { exit } on && $1 ~ /^[0-9]+$/ { print $4, $1, $3 }' table.txt | sort > t_summary.txt
awk 'NF == 0 { blk++; next } blk >= 1 && $1 ~ /^[0-9]+$/ && NF == 4 { c[$4] += $1; e[$4] += $3 }
     END { for (n in c) print n, c[n], e[n] }' table.txt | sort > t_sums.txt
[ -s t_summary.txt ] || fail "no summary rows: $(head -5 table.txt)"
diff -u t_sums.txt t_summary.txt || fail "table: summary rows differ from the per-object sums"
grep -qx 'write 1000 0' t_summary.txt || fail "summary row for write: $(grep '^write' t_summary.txt)"
total=$(head -1 table.txt | awk '{ print $3 }')
[ "$total" = "$(jq .calls full.json)" ] || fail "summary says $total calls, JSON $(jq .calls full.json)"

# --top 3: three rows in every block, the rest announced; --top 1 one object block.
# Every figure a table is checked against comes from the JSON of its own run
# (-o), never from another run: the number of distinct syscalls (and
# objects) of a program may differ from run to run (seen under load).
"$SYSO" --top 3 --format full -o top.json "$prog" 2> top.txt || fail "--top run failed"
nsys=$(jq '.summary | length' top.json)
head -1 top.txt | grep -qx "all objects  [0-9]* calls, $nsys syscalls" ||
	fail "--top 3: first line $(head -1 top.txt), the run's JSON has $nsys syscalls"
awk 'NF == 0 { if (rows) print rows; rows = 0; next } $1 ~ /^[0-9]+$/ { rows++ }' top.txt > rows.txt
[ "$(head -1 rows.txt)" = 3 ] || fail "--top 3: the summary has $(head -1 rows.txt) rows"
[ "$(sort -n rows.txt | tail -1)" = 3 ] || fail "--top 3: blocks with $(tr '\n' ' ' < rows.txt) rows"
[ "$(jq '.objects | length' top.json)" = 4 ] || fail "known_counts: $(jq '.objects | length' top.json) objects, want 4"
[ "$(wc -l < rows.txt)" = 4 ] || fail "--top 3: $(wc -l < rows.txt) blocks, want the summary and 3 objects"
# the summary block's (the first) line 6: after its header, column titles, 3 rows
[ "$(sed -n 6p top.txt)" = "  ($((nsys - 3)) more syscalls; --top 0 shows all)" ] ||
	fail "--top 3: no '$((nsys - 3)) more' line: $(sed -n 6p top.txt)"
"$SYSO" --top 1 --format full -o top1.json "$prog" 2> top1.txt || fail "--top 1 run failed"
[ "$(grep -c ' calls, [0-9.]*%$' top1.txt)" = 1 ] || fail "--top 1 printed $(grep -c ' calls, [0-9.]*%$' top1.txt) object blocks"
nobj=$(jq '.objects | length' top1.json)
grep -qx "($((nobj - 1)) more objects; --top 0 shows all)" top1.txt ||
	fail "--top 1: no '$((nobj - 1)) more objects' line: $(grep 'more object' top1.txt)"
# not a terminal: every row; the -o table file too
"$SYSO" "$prog" 2> all.txt || fail "run failed"
grep -q 'more syscalls' all.txt && fail "stderr not a tty: rows were cut"
"$SYSO" -q --format table -o t.txt "$prog" || fail "table file run failed"
[ "$(grep -c 'more syscalls' t.txt)" = 0 ] || fail "table file rows were cut"
"$SYSO" --top x true 2>/dev/null; expect_status 2 $? "--top x"

# -S name: the summary and every object block in name order
"$SYSO" -S name --format full -o name.json "$prog" 2> name.txt || fail "-S name run failed"
nobj=$(jq '.objects | length' name.json)
awk 'NF == 0 { blk++; next } $1 ~ /^[0-9]+$/ { print blk, $3 }' name.txt > by_block.txt
for b in $(cut -d' ' -f1 by_block.txt | sort -u); do
	awk -v b="$b" '$1 == b { print $2 }' by_block.txt > blk.txt
	[ "$(cat blk.txt)" = "$(LC_ALL=C sort blk.txt)" ] || fail "-S name: block $b not in name order: $(tr '\n' ' ' < blk.txt)"
done
[ "$(cut -d' ' -f1 by_block.txt | sort -u | wc -l)" = "$((nobj + 1))" ] || fail "-S name: blocks $(cut -d' ' -f1 by_block.txt | sort -u | wc -l)"

# --per-process: the summary sums the processes too (50 children x 100 getpid)
"$SYSO" -q --per-process --format full -o pp.json "$TPROG/fork50" || fail "--per-process run failed"
[ "$(jq '.summary[] | select(.name == "getpid") | .calls' pp.json)" = 5000 ] || fail "per-process summary getpid"

# on a terminal (script(1) gives the tool a pty) the default is 20 rows
command -v script >/dev/null || fail "script(1) missing (bsdutils)"
script -qec "$SYSO --format full -o tty.json $prog" /dev/null | tr -d '\r' > tty.txt || fail "run under script failed"
nsys=$(jq '.summary | length' tty.json)
[ "$nsys" -gt 20 ] || fail "terminal: only $nsys syscalls, not enough to cut at 20 rows"
[ "$(sed -n 23p tty.txt)" = "  ($((nsys - 20)) more syscalls; --top 0 shows all)" ] ||
	fail "terminal: not 20 rows of $nsys: $(sed -n 23p tty.txt)"

# -S name orders the call sites too (by syscall name, then calls)
"$SYSO" --sites -S name "$prog" 2> sn.txt || fail "--sites -S name run failed"
sed -n '/^top call sites/,/^$/p' sn.txt | awk '$1 ~ /^[0-9]+$/ { print $2 }' > site_names.txt
[ "$(wc -l < site_names.txt)" -ge 5 ] || fail "only $(wc -l < site_names.txt) site rows"
[ "$(cat site_names.txt)" = "$(LC_ALL=C sort site_names.txt)" ] || fail "-S name: sites not in name order: $(tr '\n' ' ' < site_names.txt)"
