# The table's name of every i386 number (a compat process's calls) is the
# installed headers' name for it: no number missing, none extra.
RUNS_AS_ANY_USER=1 . "$TLIB"
awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ && $3 < 512 { print "i386", $3, substr($2, 6) }' "$UNISTD_32" |
	sort -k2,2n > want.txt
"$TPROG/parse_dump" names | grep '^i386 ' > got.txt || fail "no i386 names"
diff -u want.txt got.txt || fail "i386 names differ from $UNISTD_32 (- headers, + table)"
