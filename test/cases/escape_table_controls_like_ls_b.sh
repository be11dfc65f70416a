# In the table a name from the target cannot start a line or hide text:
# newline, tab and backslash as \n \t \\, every other control byte (DEL
# too) as \ooo octal, like ls -b.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_escaped c 'a\nb' 'a\nb'
expect_escaped c 'a\tb' 'a\tb'
expect_escaped c 'a\\b' 'a\\b'
expect_escaped c 'x\x01y\x1bz\x7f' 'x\001y\033z\177'
expect_escaped c '\rrow\x1f' '\015row\037'
expect_escaped c '/usr/lib/libc.so.6' '/usr/lib/libc.so.6'
