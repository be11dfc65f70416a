# all counts every number of both ABIs (named or not: 2 x 512 bits), none
# counts nothing and is no error.
RUNS_AS_ANY_USER=1 . "$TLIB"
trace_set all > all.txt
[ "$(wc -l < all.txt)" = 1024 ] || fail "all: $(wc -l < all.txt) calls, want 1024"
[ "$(grep -c '^x86_64 ' all.txt)" = 512 ] || fail "all: $(grep -c '^x86_64 ' all.txt) x86_64 numbers"
header_names x86_64 > named.txt
grep -vF '#' all.txt | grep '^x86_64 ' | diff -u named.txt - || fail "all: the named x86_64 calls differ from the headers'"
trace_set none > none.txt
[ ! -s none.txt ] || fail "none: $(head -3 none.txt)"
