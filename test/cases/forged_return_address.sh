# What a target can forge (README, Safety): its own return addresses. A
# program maps a file it can read PROT_EXEC and makes 1000 getppid through
# libc with a `ret` byte of that file as the return address
# (test/progs/forge_return.c): the calls are counted for that file, which
# never ran, exactly as if it had made them. --per-process shows the truth:
# the file's calls belong to the forging process (its pid and name).
. "$TLIB"
file=/usr/bin/ls
[ -r "$file" ] || skip "$file not readable"
prog=$TPROG/forge_return
"$SYSO" -q -o plain.json "$prog" "$file" 1000 || fail "run failed"
expect_count plain.json "$file" $NR_getppid 1000
expect_count plain.json "$prog" $NR_getppid 0
"$SYSO" -q --per-process --format full -o full.json "$prog" "$file" 1000 || fail "--per-process run failed"
row() { # PATH: "pid comm" of the path's rows
	jq -r --arg p "$1" '.objects[] | select(.path == $p) | "\(.pid) \(.comm)"' full.json | sort -u
}
[ "$(row "$file" | wc -l)" = 1 ] || fail "$file: one process expected: $(row "$file")"
[ "$(row "$file")" = "$(row "$prog")" ] && [ "$(row "$file" | cut -d' ' -f2)" = forge_return ] ||
	fail "$file's calls should be forge_return's (pid, name): $(row "$file") against $(row "$prog")"
got=$(jq --arg p "$file" '[.objects[] | select(.path == $p) | .syscalls[] | select(.name == "getppid") | .calls] | add' full.json)
[ "$got" = 1000 ] || fail "$file: 1000 getppid expected under forge_return's pid, got $got"
