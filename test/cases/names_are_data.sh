# Names from the target are data: an executable and a dlopen()ed library
# whose names hold a newline, a tab, a byte that is not UTF-8 (0xff) and a
# backslash. The table escapes them like `ls -b` (one row = one line), the
# JSON (plain and full) parses as strict UTF-8 with the byte as the text
# \xff and the backslash doubled, the OpenMetrics passes the linter, and the
# counts are exact (500 getppid from the library). Root: loads BPF.
. "$TLIB"
PY=/usr/bin/python3
[ -x $PY ] || skip "python3 missing"
exe="$PWD/$(printf 'prog\n\t\377')"
cp "$TPROG/weird_names" "$exe"
lib="$PWD/$(printf 'lib\n\tx\377\\.so')"
run() { "$SYSO" "$@" "$exe" "$TPROG/libknown.so"; }
run --per-process --sites -o plain.json 2> table.txt || fail "run failed: $(cat table.txt)"
run -q --per-process --sites --format full -o full.json || fail "full run failed"
run -q --per-process --format openmetrics -o out.om || fail "openmetrics run failed"
[ -f "$lib" ] || fail "the test program made no library"

# the table: every line is a header, a column line, a row, a site, blank,
# the total or a warning; the odd names appear escaped, on one line
awk '!/^(pid [0-9]+ \(.*\) .*  [0-9]+ calls, [0-9.]+%|  +calls +%  syscall|  +[0-9]+ +[0-9.]+  [a-z0-9_]+|all objects  [0-9]+ calls, [0-9]+ syscalls|top call sites .*|  +calls( +pid)?  syscall +site|  +[0-9]+  ([0-9]+  )?[a-z0-9_]+ +[^ ]+ [^ ]+|  \([0-9]+ more in --format full\)|total: .*|warning: .*|)$/ { print; bad = 1 } END { exit bad }' \
	table.txt > bad.txt || fail "lines that are no table row (a name broke a line): $(cat -A bad.txt | head -5)"
esc_lib="$PWD/lib\\n\\tx\\377\\\\.so"
esc_comm='prog\n\t\377'
# (the process's cgroup, "[PATH] " after its name, depends on where the test runs)
sed -E 's/^(pid [0-9]+ \([^)]*\)) \[[^]]*\] /\1 /' table.txt |
	grep -qxF "pid $(grep -o '^pid [0-9]*' table.txt | head -1 | cut -d' ' -f2) ($esc_comm) $esc_lib  500 calls, $(grep -F "$esc_lib  500 calls" table.txt | sed 's/.*calls, //' | head -1)" ||
	fail "no escaped header for the library: $(grep -F 500 table.txt)"
[ "$(grep -cF "$esc_lib" table.txt)" = 2 ] || fail "the library should head one object and one site: $(grep -cF "$esc_lib" table.txt)"
grep -qP '^ +500 +100\.00  getppid$' table.txt || fail "no row of 500 getppid"
LC_ALL=C grep -q $'\377' table.txt && fail "a raw 0xff byte reached the table"

# JSON: strict UTF-8, names as documented, counts exact
$PY - "$PWD" <<'PYEOF' || fail "JSON check failed"
import json, sys
cwd = sys.argv[1]
lib = cwd + "/lib\n\tx\\xff\\\\.so"
exe = cwd + "/prog\n\t\\xff"
plain = json.load(open("plain.json", encoding="utf-8"))
assert plain[lib] == {"110": 500}, plain.get(lib)
assert plain[exe]["1"] == 1 and plain[exe]["257"] == 2 and plain[exe]["3"] == 2, plain.get(exe)
full = json.load(open("full.json", encoding="utf-8"))
objs = {o["path"]: o for o in full["objects"]}
assert objs[lib]["calls"] == 500, objs.get(lib)
assert {o["comm"] for o in full["objects"]} == {"prog\n\t\\xff"}, [o["comm"] for o in full["objects"]]
assert full["command"][0] == exe, full["command"]
assert [s["calls"] for s in objs[lib]["sites"]] == [500], objs[lib]["sites"]
PYEOF

# OpenMetrics: valid, the label as in JSON with OpenMetrics' escapes
$PY "$TOP/test/openmetrics_lint.py" out.om || fail "not valid OpenMetrics"
grep -qF "object=\"$PWD/lib\\n	x\\\\xff\\\\\\\\.so\",syscall=\"getppid\",nr=\"110\",abi=\"x86_64\",pid=\"" out.om ||
	fail "label not escaped as documented: $(grep getppid out.om)"
grep -F 'syscall="getppid"' out.om | grep -q ' 500$' || fail "getppid count not 500"
# and the linter refuses bytes that are not UTF-8
printf '# TYPE a counter\na_total{o="\377"} 1\n# EOF\n' > bad.om
! $PY "$TOP/test/openmetrics_lint.py" bad.om > lint.txt || fail "linter accepted a byte that is not UTF-8"
grep -q "not UTF-8" lint.txt || fail "linter message: $(cat lint.txt)"
exit 0
