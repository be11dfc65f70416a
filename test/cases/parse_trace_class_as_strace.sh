# %file, %network, %process select exactly the x86_64 calls strace counts
# for the same class of the probe that makes every call the headers name
# (each refused by seccomp before it runs), and their i386 namesakes.
RUNS_AS_ANY_USER=1 . "$TLIB"
command -v strace >/dev/null || fail "strace missing (make deps installs it)"
probe=$(dirname "$TPROG")/gen/syscall_probe
[ -x "$probe" ] || fail "$probe not built"
nrs=$(awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ && $2 != "__NR_uretprobe" && $2 != "__NR_uprobe" { print $3 }' "$UNISTD_64")
header_names i386 > i386.txt
for cls in file network process; do
	strace -f -qq -c -U name -e trace=%$cls -o s.txt "$probe" $nrs || fail "strace failed"
	awk 'NR > 2 && $1 != "total" && $1 !~ /^-/ { print "x86_64", $1 }' s.txt | sort > want.txt
	[ -s want.txt ] || fail "strace counted no %$cls call"
	trace_set "%$cls" > got.txt
	grep '^x86_64 ' got.txt | sort | diff -u want.txt - || fail "%$cls differs from strace's (- strace, + syso-kagg)"
	# the i386 calls are the x86_64 ones' namesakes that i386 has
	sed 's/^x86_64 /i386 /' want.txt | sort | comm -12 - <(sort i386.txt) > want32.txt
	grep '^i386 ' got.txt | sort | diff -u want32.txt - || fail "%$cls: i386 calls are not the namesakes"
done
