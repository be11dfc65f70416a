# In JSON and OpenMetrics a backslash of the name is doubled, so that an
# escaped byte (\xHH) and a name that contains "\xff" as text stay apart;
# control characters are left to the encoder (valid UTF-8), unchanged.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_escaped utf8 'a\\b' 'a\\b'
expect_escaped utf8 '\\xff' '\\xff'
[ "$(escaped utf8 '\\xff')" != "$(escaped utf8 '\xff')" ] || fail "the text \\xff and the byte 0xff escape alike"
expect_escaped utf8 'a\x01\tb' "$(printf 'a\001\tb')"
expect_escaped utf8 '\xc3\xa9\xf0\x9f\x98\x80' "$(printf '\xc3\xa9\xf0\x9f\x98\x80')"
