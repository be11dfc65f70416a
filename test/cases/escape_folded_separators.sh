# --format folded: ';' (between frames), space (before the count),
# backslash, control bytes and invalid UTF-8 become \xHH, so that a name
# cannot add a frame or a count; valid UTF-8 stays.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_escaped folded 'a;b' 'a\x3bb'
expect_escaped folded 'my lib.so 12' 'my\x20lib.so\x2012'
expect_escaped folded 'a\\b' 'a\x5cb'
expect_escaped folded 'a\tb\nc\x7f' 'a\x09b\x0ac\x7f'
expect_escaped folded '\xff\xc0\xaf' '\xff\xc0\xaf'
expect_escaped folded '/lib/\xc3\xa9\xe2\x82\xac.so' "$(printf '/lib/\xc3\xa9\xe2\x82\xac.so')"
