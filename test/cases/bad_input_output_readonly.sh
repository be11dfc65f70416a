# -o into a read-only place (a read-only bind mount: root ignores mode bits,
# not a read-only mount; and /proc): exit 73 with one line naming the file,
# before the target runs.
. "$TLIB"
mkdir ro
# A private mount namespace, so the mount disappears with the command.
unshare -m --propagation private sh -c '
	mount --bind ro ro && mount -o remount,ro,bind ro || exit 99
	touch ro/probe 2>/dev/null && exit 98
	exec "$0" -q -o ro/out.json /usr/bin/touch ran' "$SYSO" 2> err.txt
rc=$?
[ $rc != 99 ] || skip "cannot make a read-only bind mount here"
[ $rc != 98 ] || fail "the bind mount is not read-only"
expect_status 73 $rc "-o into a read-only mount"
[ ! -e ran ] || fail "the target ran although -o could not be written"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line on stderr, got: $(cat err.txt)"
grep -q "ro/out.json.*Read-only file system" err.txt || fail "message should name the file and EROFS: $(cat err.txt)"
ls -A ro | grep -q . && fail "something was left in the read-only dir: $(ls -A ro)"

rm -f ran
"$SYSO" -q -o /proc/syso-kagg-test.json /usr/bin/touch ran 2> err.txt
expect_status 73 $? "-o into /proc"
[ ! -e ran ] || fail "the target ran although -o into /proc could not be written"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line on stderr, got: $(cat err.txt)"
grep -q "/proc/syso-kagg-test.json" err.txt || fail "message should name the file: $(cat err.txt)"
exit 0
