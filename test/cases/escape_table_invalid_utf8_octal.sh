# In the table every byte that is not part of valid UTF-8 (RFC 3629: no
# overlong forms, no surrogates, nothing above U+10FFFF, no cut sequence)
# is \ooo octal, each byte alone.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_escaped c 'a\xffb' 'a\377b'
expect_escaped c '\x80' '\200'
expect_escaped c '\xc0\xaf' '\300\257'
expect_escaped c '\xe0\x80\xaf' '\340\200\257'
expect_escaped c '\xed\xa0\x80' '\355\240\200'
expect_escaped c '\xf4\x90\x80\x80' '\364\220\200\200'
expect_escaped c '\xf5\x80\x80\x80' '\365\200\200\200'
expect_escaped c 'x\xe2\x82' 'x\342\202'
expect_escaped c '\xe2\x82x' '\342\202x'
