# A target that execs a set-user-ID binary (secure exec: AT_SECURE, new
# credentials, a fresh mm): still followed through the exec, exact counts.
# (1) root execs a copy owned by nobody with u+s: it runs as euid 65534;
# (2) a process that dropped to nobody execs a copy owned by root with u+s:
# it runs as euid 0. euid_status exits with its euid's low byte, proving
# the set-user-ID bit took effect.
. "$TLIB"
chmod 755 .
cp "$TPROG/euid_status" suid_nobody; chown 65534:65534 suid_nobody; chmod 4755 suid_nobody
cp "$TPROG/euid_status" suid_root; chown 0:0 suid_root; chmod 4755 suid_root
[ "$(findmnt -no OPTIONS -T . | grep -c nosuid)" = 0 ] || skip "$PWD is mounted nosuid"

"$SYSO" -q --format full -o full.json ./suid_nobody
expect_status 254 $? "set-user-ID nobody binary run by root"
to_seed full.json > out.json
expect_count out.json "$PWD/suid_nobody" $NR_getegid 30
expect_count out.json "$PWD/suid_nobody" $NR_geteuid 1
expect_clean_maps full.json

"$SYSO" -q --format full -o full.json "$TPROG/setuid_drop" "$PWD/suid_root"
expect_status 0 $? "set-user-ID root binary exec'd by nobody"
to_seed full.json > out.json
expect_count out.json "$TPROG/setuid_drop" $NR_geteuid 10
expect_count out.json "$TPROG/setuid_drop" $NR_getgid 20
expect_count out.json "$TPROG/setuid_drop" $NR_execve 1		# its execve of suid_root
expect_count out.json "$PWD/suid_root" $NR_getegid 30
expect_count out.json "$PWD/suid_root" $NR_geteuid 1
[ "$(stat full.json tasks_followed)" = 2 ] || fail "tasks_followed $(stat full.json tasks_followed)"
expect_clean_maps full.json
