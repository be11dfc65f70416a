# -u USER behaves like runuser -u USER --: the same environment (HOME,
# USER, LOGNAME from passwd; SHELL and PATH kept), PATH searched with the
# user's permissions, the same exit status; a numeric UID and UID:GID work.
. "$TLIB"
runuser=$(command -v runuser) || fail "runuser missing (util-linux)"
d=$(mktemp -d /tmp/sk-user.XXXXXX)
trap 'rm -rf "$d"' EXIT
chmod 755 "$d"
# a PATH whose first directory only root can search, with a "tool" in it,
# then a public directory with another "tool" (a pyenv shim under /root)
mkdir -m 700 "$d/rootonly" && mkdir -m 755 "$d/pub"
printf '#!/bin/sh\necho rootonly\n' > "$d/rootonly/tool"
printf '#!/bin/sh\necho pub; exit 3\n' > "$d/pub/tool"
printf '#!/bin/sh\necho hidden\n' > "$d/rootonly/hidden"
chmod 755 "$d/rootonly/tool" "$d/pub/tool" "$d/rootonly/hidden"
envset="PATH=$d/rootonly:$d/pub:/usr/bin:/bin HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb"

both() {	# both USER_FOR_SYSO USER_FOR_RUNUSER CMD...: stdout+status of each
	local su=$1 ru=$2; shift 2
	env -i $envset "$runuser" -u "$ru" -- "$@" > ru.out 2>/dev/null; echo "status $?" >> ru.out
	env -i $envset "$SYSO" -q -u "$su" "$@" > sk.out 2>/dev/null; echo "status $?" >> sk.out
	sort -o ru.out ru.out; sort -o sk.out sk.out	# env's order is not the point
	diff -u ru.out sk.out || fail "-u $su $*: differs from runuser -u $ru (- runuser, + syso-kagg)"
}
both nobody nobody env
grep -qx "HOME=$(getent passwd nobody | cut -d: -f6)" sk.out || fail "HOME: $(grep HOME sk.out)"
grep -qx "USER=nobody" sk.out && grep -qx "LOGNAME=nobody" sk.out || fail "USER/LOGNAME: $(cat sk.out)"
both root root env
both 65534 nobody env			# runuser itself refuses a number
both nobody nobody tool			# root would find rootonly/tool; nobody finds pub/tool
[ "$(cat sk.out)" = "$(printf 'pub\nstatus 3')" ] || fail "PATH as the user: $(cat sk.out)"
# runuser cannot run these either (it exits 1); syso-kagg says why with
# its documented statuses: 126 only in a directory nobody cannot search
# (root could run it), 127 nowhere
env -i $envset "$runuser" -u nobody -- hidden 2>/dev/null && fail "runuser ran hidden"
env -i $envset "$SYSO" -q -u nobody hidden 2> err.txt; expect_status 126 $? "-u nobody hidden"
[ "$(cat err.txt)" = "syso-kagg: hidden: Permission denied" ] || fail "message: $(cat err.txt)"
env -i $envset "$SYSO" -q hidden > h.txt || fail "root could not run hidden"
env -i $envset "$SYSO" -q -u nobody no-such-tool-xyz 2> err.txt; expect_status 127 $? "-u nobody no-such-tool-xyz"
[ "$(cat err.txt)" = "syso-kagg: no-such-tool-xyz: command not found" ] || fail "message: $(cat err.txt)"
both nobody nobody id
both nobody nobody sh -c 'kill -TERM $$'

# UID:GID: that uid and gid, the uid's passwd entry for the rest
"$SYSO" -q -u 65534:100 id > id.txt || fail "-u 65534:100 failed"
[ "$(cat id.txt)" = "uid=65534(nobody) gid=100(users) groups=100(users)" ] || fail "-u 65534:100: $(cat id.txt)"
# a UID:GID without a passwd entry: no supplementary groups, no HOME
env -i $envset "$SYSO" -q -u 54321:54321 /usr/bin/env > e.txt || fail "-u 54321:54321 failed"
grep -qE '^(HOME|USER|LOGNAME)=' e.txt && fail "-u 54321:54321 kept root's HOME/USER: $(cat e.txt)"
[ "$("$SYSO" -q -u 54321:54321 /usr/bin/id)" = "uid=54321 gid=54321 groups=54321" ] || fail "-u 54321:54321 id"
for bad in 1x 65534: :5 a:b 4294967295; do
	"$SYSO" -q -u "$bad" /bin/true 2> err.txt; expect_status 2 $? "-u $bad"
	[ "$(wc -l < err.txt)" = 1 ] || fail "-u $bad: $(cat err.txt)"
done
