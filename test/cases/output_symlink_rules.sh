# -o through a symbolic link: followed (the file it names is replaced
# atomically, the link stays), except where fs.protected_symlinks would
# refuse it: a link in a sticky world-writable directory owned by neither
# the directory's owner nor the caller. Then exit 73 with one line, before
# the target runs, the link's target untouched. Root: loads BPF.
. "$TLIB"
prog=$TPROG/exit_with
chmod 755 .
echo keep > victim
# followed: an ordinary directory, a chain of two links, a dangling link
ln -s victim link.json
"$SYSO" -q -o link.json "$prog" 0 || fail "-o through a link failed"
[ -L link.json ] || fail "the link was replaced"
jq -e 'type == "object"' victim > /dev/null || fail "the link's target was not written: $(cat victim)"
ls -A | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A)"
mkdir sub; ln -s ../victim2 sub/l1; ln -s sub/l1 l2.json
"$SYSO" -q -o l2.json "$prog" 0 || fail "-o through two links failed"
jq -e 'type == "object"' victim2 > /dev/null || fail "a dangling link's target was not created"
[ -L sub/l1 ] && [ -L l2.json ] || fail "a link was replaced"

# a sticky world-writable directory (like /tmp) owned by root
mkdir -m 1777 sticky
echo keep > victim
ln -s ../victim sticky/theirs.json; chown -h nobody sticky/theirs.json
"$SYSO" -q -o sticky/theirs.json /usr/bin/touch ran 2> err.txt
expect_status 73 $? "-o through another user's link in a sticky directory"
[ ! -e ran ] || fail "the target ran although the link is refused"
[ "$(cat victim)" = keep ] || fail "the link's target was written"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line: $(cat err.txt)"
grep -q "sticky/theirs.json: refusing to follow a symbolic link owned by another user in a sticky world-writable directory" err.txt ||
	fail "message: $(cat err.txt)"
ls -A sticky | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A sticky)"
# the caller's own link there is followed
ln -s ../victim sticky/mine.json
"$SYSO" -q -o sticky/mine.json "$prog" 0 || fail "-o through the caller's link in a sticky directory failed"
jq -e 'type == "object"' victim > /dev/null || fail "the caller's link was not followed"
# a link owned by the directory's owner is followed
echo keep > victim
mkdir -m 1777 theirdir; chown nobody theirdir
ln -s ../victim theirdir/l.json; chown -h nobody theirdir/l.json
"$SYSO" -q -o theirdir/l.json "$prog" 0 || fail "-o through the directory owner's link failed"
jq -e 'type == "object"' victim > /dev/null || fail "the directory owner's link was not followed"
# not sticky, or not world-writable: followed whoever owns the link
for m in 0777 1775; do
	echo keep > victim
	rm -rf d; mkdir -m $m d; ln -s ../victim d/l.json; chown -h nobody d/l.json
	"$SYSO" -q -o d/l.json "$prog" 0 || fail "-o through a link in a $m directory failed"
	jq -e 'type == "object"' victim > /dev/null || fail "a link in a $m directory was not followed"
done
exit 0
