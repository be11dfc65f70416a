# A program started through a symlink to another file name is shown under
# the mapped file's name with the name it was started as beside it (table
# and --format full); a symlinked directory or a direct start adds nothing.
. "$TLIB"
prog=$TPROG/chain3
ln -s "$prog" alias3
"$SYSO" --format full -o full.json ./alias3 2> t.txt || fail "run through the symlink failed"
grep -qE "^$prog \(started as \./alias3\)  302 calls, " t.txt || fail "table header: $(grep "^$prog" t.txt)"
[ "$(jq -r --arg p "$prog" '.objects[] | select(.path == $p) | .started_as' full.json)" = ./alias3 ] ||
	fail "full JSON started_as: $(jq -c --arg p "$prog" '.objects[] | select(.path == $p)' full.json)"
[ "$(jq '[.objects[] | select(.started_as)] | length' full.json)" = 1 ] || fail "started_as on other objects"
# through PATH: the path it was found at
mkdir bin && ln -s "$prog" bin/other-name
PATH=$PWD/bin:$PATH "$SYSO" other-name 2> t2.txt || fail "run through PATH failed"
grep -qE "^$prog \(started as $PWD/bin/other-name\)  302 calls, " t2.txt || fail "PATH start: $(grep "^$prog" t2.txt)"
# the plain JSON keeps its keys (paths only)
"$SYSO" -q -o plain.json ./alias3 || fail "run failed"
expect_count plain.json "$prog" $NR_write 300
# a symlinked directory names the same file: nothing added
ln -s "$TPROG" dirlink
"$SYSO" dirlink/chain3 2> t3.txt || fail "run through a directory symlink failed"
! grep -q 'started as' t3.txt || fail "directory symlink: $(grep 'started as' t3.txt)"
"$SYSO" "$prog" 2> t4.txt || fail "direct run failed"
! grep -q 'started as' t4.txt || fail "direct start: $(grep 'started as' t4.txt)"
