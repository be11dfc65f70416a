# Every syscall name of the installed headers (x86_64 and i386) is known to
# -e trace= and selects exactly the calls of that name in each ABI that has
# it: the name table and the filter agree with the headers, both ways.
RUNS_AS_ANY_USER=1 . "$TLIB"
{ header_names x86_64; header_names i386; } > all.txt
[ "$(wc -l < all.txt)" -ge 700 ] || fail "only $(wc -l < all.txt) names in the headers"
cut -d' ' -f2 all.txt | sort -u > names.txt
[ "$(wc -l < names.txt)" -ge 400 ] || fail "only $(wc -l < names.txt) distinct names"
# want: per name, "= NAME" then its x86_64 call and its i386 call, if any
awk 'NR == FNR { has[$1, $2] = 1; next }
	{ print "= " $1; if (has["x86_64", $1]) print "x86_64 " $1; if (has["i386", $1]) print "i386 " $1 }' \
	all.txt names.txt > want.txt
"$TPROG/parse_dump" trace-sets $(cat names.txt) > got.txt 2>&1 || fail "parse_dump trace-sets: exit $?"
diff -u want.txt got.txt || fail "-e trace=NAME does not select NAME's calls (- headers, + filter)"
