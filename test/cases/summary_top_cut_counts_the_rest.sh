# --top N shows the first N rows of the full order and one line counting
# the rows left out ("1 more syscall", "N more syscalls"); with N at or
# above the number of rows, or 0, every row and no such line.
RUNS_AS_ANY_USER=1 . "$TLIB"
counts="/bin/a 1 50
/bin/a 0 40
/lib/b 39 30
/lib/b 102 20
/lib/b 110 10"
summary "$counts" --top 0
sed -n 3,7p summary.txt > all.txt
[ "$(wc -l < all.txt)" = 5 ] || fail "--top 0: $(cat summary.txt)"
grep -q 'more syscall' summary.txt && fail "--top 0 cut rows: $(cat summary.txt)"
for top in 1 3 4; do
	summary "$counts" --top $top
	head -$top all.txt | diff -u - <(sed -n "3,$((top + 2))p" summary.txt) || fail "--top $top: not the first $top rows"
	rest=$((5 - top)); s=s; [ $rest = 1 ] && s=
	[ "$(sed -n "$((top + 3))p" summary.txt)" = "  ($rest more syscall$s; --top 0 shows all)" ] ||
		fail "--top $top: $(sed -n "$((top + 3))p" summary.txt)"
	[ "$(head -1 summary.txt)" = "all objects  150 calls, 5 syscalls" ] || fail "--top $top: header $(head -1 summary.txt)"
done
for top in 5 6; do
	summary "$counts" --top $top
	sed -n 3,7p summary.txt | diff -u all.txt - || fail "--top $top: rows differ"
	grep -q 'more syscall' summary.txt && fail "--top $top cut rows: $(cat summary.txt)"
done
exit 0
