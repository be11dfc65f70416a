# -e trace=SET filters in the kernel with strace's syntax: a class counts
# exactly what strace -e trace=%CLASS counts; names, regexes and negation
# are exact; mapping calls left out still keep the mirror exact; a bad set
# is one line and exit status 2 (trace_filter_bad_set_refused.sh).
. "$TLIB"
prog=$TPROG/known_counts

# %file: the same per-syscall totals as strace -f -e trace=%file (strace
# also counts the initial execve, which syso-kagg does not)
"$SYSO" -q -e trace=%file -o file.json "$prog" || fail "-e trace=%file run failed"
strace -f -qq -c -U name,calls -e trace=%file -o strace.txt "$prog" >/dev/null 2>&1 || fail "strace failed"
awk 'NR > 2 && $1 != "total" && $1 !~ /^-/ && $1 != "execve" { print $1, $2 }' strace.txt | sort > strace.counts
names_from_json file.json > syso.counts
diff -u strace.counts syso.counts || fail "-e trace=%file differs from strace -e trace=%file (- strace, + syso-kagg)"
expect_count file.json "$prog" $NR_openat 1
expect_count file.json "$prog" $NR_write 0
[ "$(total_for_nr file.json $NR_write)" = 0 ] || fail "%file counted write"
[ "$(total_for_nr file.json $NR_mmap)" = 0 ] || fail "%file counted mmap"

# names: exactly these two, nowhere else
"$SYSO" -q -e trace=write,getpid -o names.json "$prog" || fail "name list run failed"
[ "$(jq -c . names.json)" = "{\"$prog\":{\"1\":1000,\"39\":107}}" ] || fail "trace=write,getpid: $(jq -c . names.json)"
# -e SET without trace=, and a call made through ld.so-mapped libknown.so:
# its mmap was left out, yet the mirror knows the library
"$SYSO" -q -e getppid -o ppid.json "$prog" || fail "-e getppid run failed"
[ "$(jq -c . ppid.json)" = "{\"$TPROG/libknown.so\":{\"110\":500}}" ] || fail "-e getppid: $(jq -c . ppid.json)"
# a dlopen()ed plugin, its mmap left out
"$SYSO" -q -e trace=getppid -o dl.json "$TPROG/dlopen_ab" 2>/dev/null || fail "dlopen run failed"
expect_count dl.json "$TPROG/libplugina.so" $NR_getppid 30
expect_count dl.json "$TPROG/libpluginb.so" $NR_getppid 40
# a regular expression
"$SYSO" -q -e 'trace=/^get(pid|uid)$' -o re.json "$prog" || fail "regex run failed"
[ "$(jq -c . re.json)" = "{\"$prog\":{\"39\":107,\"102\":50}}" ] || fail "regex: $(jq -c . re.json)"

# negation: everything but write and getppid, the rest exactly as unfiltered
"$SYSO" -q -o all.json "$prog" || fail "unfiltered run failed"
"$SYSO" -q -e 'trace=!write,getppid' -o neg.json "$prog" || fail "negated run failed"
[ "$(total_for_nr neg.json $NR_write)" = 0 ] || fail "!write counted write"
[ "$(total_for_nr neg.json $NR_getppid)" = 0 ] || fail "!getppid counted getppid"
expect_count neg.json "$prog" $NR_getpid 107
expect_count neg.json "$prog" $NR_getuid 50
names_from_json all.json | grep -vE '^(write|getppid|futex) ' > all.counts
names_from_json neg.json | grep -vE '^futex ' > neg.counts
diff -u all.counts neg.counts || fail "!write,getppid: the other syscalls differ from the unfiltered run"

# the generated class table is strace's: %process has exit_group, %pure getpid
"$SYSO" -q -e trace=%process,%pure -o cls.json "$prog" || fail "class list run failed"
expect_count cls.json "$prog" $NR_getpid 107
expect_count cls.json "$prog" $NR_getuid 50
expect_count cls.json "$TPROG/libknown.so" $NR_getppid 500
[ "$(total_for_nr cls.json $NR_clone)" = 1 ] || fail "%process: clone $(total_for_nr cls.json $NR_clone)"
[ "$(total_for_nr cls.json $NR_write)" = 0 ] || fail "%process,%pure counted write"

# ?name: an unknown name is not an error
"$SYSO" -q -e 'trace=?nosuchcall,getuid' -o q.json "$prog" || fail "?name run failed"
[ "$(jq -c . q.json)" = "{\"$prog\":{\"102\":50}}" ] || fail "?nosuchcall,getuid: $(jq -c . q.json)"
# the table and the full JSON say the counts are filtered
"$SYSO" -e trace=%file --format full -o full.json "$prog" 2> t.txt || fail "run failed"
grep -qx 'filtered: only -e trace=%file counted' t.txt || fail "table does not say it is filtered"
[ "$(jq -r .trace full.json)" = %file ] || fail "full JSON trace: $(jq -r .trace full.json)"
