# The table's name of every x86_64 number is the installed headers' name
# for it (generated, never typed): no number missing, none extra.
RUNS_AS_ANY_USER=1 . "$TLIB"
awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ && $3 < 512 { print "x86_64", $3, substr($2, 6) }' "$UNISTD_64" |
	sort -k2,2n > want.txt
"$TPROG/parse_dump" names | grep '^x86_64 ' > got.txt || fail "no x86_64 names"
diff -u want.txt got.txt || fail "x86_64 names differ from $UNISTD_64 (- headers, + table)"
