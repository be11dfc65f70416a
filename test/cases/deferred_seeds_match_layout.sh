# The deferred unwind's seeds (the inputs of deferred_unwind_*.sh) are
# written by test/fuzz/deferred_seeds.py with struct deferred_walk's
# offsets typed in: they must be the offsets the C code has, and the
# committed seeds what the script writes, or the unwind cases test a copy
# the kernel would never send.
RUNS_AS_ANY_USER=1 . "$TLIB"
"$TPROG/deferred_dump" --layout > c.txt || fail "deferred_dump --layout failed"
for k in HEAD OWN RANGES SEG CALL_WORDS SEG_BYTES CHUNK; do
	py=$(sed -n "s/^\([A-Z_, ]*\) = \([0-9, ]*\)\( *#.*\)\?$/\1=\2/p" "$TOP/test/fuzz/deferred_seeds.py" |
		awk -F= -v k="$k" '{ n = split($1, a, ", *"); split($2, b, ", *")
			for (i = 1; i <= n; i++) if (a[i] == k) print b[i] }' | tr -d ' ')
	[ -n "$py" ] || fail "deferred_seeds.py does not set $k"
	c=$(awk -v k="$k" '$1 == k { print $2 }' c.txt)
	[ "$py" = "$c" ] || fail "$k: deferred_seeds.py has $py, shared/deferred.h gives $c"
done
cp "$TOP/test/fuzz/deferred_seeds.py" .
python3 deferred_seeds.py || fail "deferred_seeds.py failed"
diff -r corpus/deferred "$TOP/test/fuzz/corpus/deferred" || fail "the committed seeds are not what deferred_seeds.py writes"
