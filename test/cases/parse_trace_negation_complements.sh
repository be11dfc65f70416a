# !SET counts every call SET does not: the exact complement of the set,
# for a name list and for a class.
RUNS_AS_ANY_USER=1 . "$TLIB"
trace_set all > all.txt
for set in write,getppid %file; do
	trace_set "$set" > pos.txt
	trace_set "!$set" > neg.txt
	grep -vxF -f pos.txt all.txt > want.txt
	diff -u want.txt neg.txt || fail "!$set is not the complement of $set"
	[ $(( $(wc -l < pos.txt) + $(wc -l < neg.txt) )) = 1024 ] || fail "!$set and $set overlap"
done
