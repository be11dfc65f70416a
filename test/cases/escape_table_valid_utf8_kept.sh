# Valid UTF-8 is printed as it is in the table, up to U+10FFFF and at the
# edges of the surrogate range: a name in any script stays readable.
RUNS_AS_ANY_USER=1 . "$TLIB"
for s in '\xc3\xa9t\xc3\xa9' '\xe2\x82\xac' '\xf0\x9f\x98\x80' '\xf4\x8f\xbf\xbf' \
	'\xed\x9f\xbf' '\xee\x80\x80' '\xc2\x80' '\xe0\xa0\x80' '\xf0\x90\x80\x80'; do
	expect_escaped c "$s" "$(printf '%b' "$s")"
done
