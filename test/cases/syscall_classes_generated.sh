# The %class tables are generated from strace: the probe makes every call
# the headers name and none of them runs (each fails with ENOSYS); without
# strace the generator stops with one clear line.
RUNS_AS_ANY_USER=1 . "$TLIB"
out=$(dirname "$TPROG")	# build/, or build/asan with SANITIZE=1
probe=$out/gen/syscall_probe
[ -x "$probe" ] || fail "$probe not built"
nrs=$(awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ && $2 != "__NR_uretprobe" && $2 != "__NR_uprobe" { print $3 }' "$UNISTD_64")
"$probe" $nrs || fail "the probe ran a syscall (exit $?)"
[ "$(echo $nrs | wc -w)" -ge 300 ] || fail "only $(echo $nrs | wc -w) syscall numbers in $UNISTD_64"
# a PATH without strace: exit 1 and the reason, no partial header
mkdir bin && ln -s "$(command -v awk)" bin/awk
sh=$(command -v sh) dir=$(dirname "$UNISTD_64")
PATH=$PWD/bin "$sh" "$TOP/user/gen_syscall_classes.sh" "$dir" "$probe" > out.h 2> err.txt
expect_status 1 $? "generator without strace"
grep -qx "gen_syscall_classes.sh: strace is needed to generate the syscall classes (make deps installs it)" err.txt ||
	fail "message: $(cat err.txt)"
[ ! -s out.h ] || fail "output written without strace: $(head -2 out.h)"
# the generated table lists what strace -e trace=%file counts of the probe
strace -f -qq -c -U name -e trace=%file -o s.txt "$probe" $nrs || fail "strace failed"
awk 'NR > 2 && $1 !~ /^-/ && $1 != "total" { print "__NR_" $1 }' s.txt | sort > s.names
awk '$1 == "#define" { print $2, $3 }' "$UNISTD_64" | sort > nr.txt
join s.names nr.txt | awk '{ print $2 }' | sort -n | tr '\n' ' ' | sed 's/ $//; s/ /, /g' > want.txt
grep -q "^static const unsigned short syscall_class_0\[\] = { $(cat want.txt) };$" "$out/syscall_classes.h" ||
	fail "%file in build/syscall_classes.h is not strace's: $(cat want.txt)"
