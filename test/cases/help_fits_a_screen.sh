# --help prints the usage on stdout, within one 80x30 screen, and exits 0
# before privileges are checked.
RUNS_AS_ANY_USER=1 . "$TLIB"
"$SYSO" --help > help.txt 2> err.txt; expect_status 0 $? "--help"
[ ! -s err.txt ] || fail "--help wrote to stderr: $(cat err.txt)"
head -1 help.txt | grep -q '^Usage: syso-kagg ' || fail "--help: $(head -1 help.txt)"
[ "$(wc -l < help.txt)" -le 30 ] || fail "--help has $(wc -l < help.txt) lines"
[ "$(awk 'length($0) > 80' help.txt | wc -l)" = 0 ] || fail "--help lines over 80 columns: $(awk 'length($0) > 80' help.txt)"
"$SYSO" -h > h.txt; expect_status 0 $? "-h"
cmp -s help.txt h.txt || fail "-h and --help differ"
