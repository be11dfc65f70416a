# In JSON and OpenMetrics (which must be valid UTF-8) every byte that is
# not part of valid UTF-8 becomes the four characters \xHH, each byte
# alone; doc/json-schema.md documents the form.
RUNS_AS_ANY_USER=1 . "$TLIB"
grep -qF '\xHH' "$TOP/doc/json-schema.md" || fail "doc/json-schema.md does not document \\xHH"
expect_escaped utf8 'a\xffb' 'a\xffb'
expect_escaped utf8 '\x80' '\x80'
expect_escaped utf8 '\xc0\xaf' '\xc0\xaf'
expect_escaped utf8 '\xed\xa0\x80' '\xed\xa0\x80'
expect_escaped utf8 '\xf4\x90\x80\x80' '\xf4\x90\x80\x80'
expect_escaped utf8 'x\xe2\x82' 'x\xe2\x82'
# what comes out is valid UTF-8 whatever came in
escaped utf8 'a\xff\xc0\xed\xa0\x80\xf0\x9f\x98\x80' | iconv -f UTF-8 -t UTF-8 > /dev/null ||
	fail "the escaped name is not valid UTF-8"
