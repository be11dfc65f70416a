# /REGEX selects every call whose name matches (extended regex, both ABIs):
# the same names grep -E finds in the installed headers.
RUNS_AS_ANY_USER=1 . "$TLIB"
{ header_names x86_64; header_names i386; } > all.txt
for re in '^get(pid|uid)$' 'stat' '^(rt_)?sig' '32$' '^mmap2?$'; do
	trace_set "/$re" > got.txt
	awk -v re="$re" '$2 ~ re' all.txt > want.txt
	[ -s want.txt ] || fail "precondition: /$re matches no header name"
	diff -u want.txt got.txt || fail "-e trace=/$re differs from the header names it matches"
done
