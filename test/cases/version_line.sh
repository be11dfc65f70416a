# --version (and -V) prints one line "syso-kagg VERSION" and exits 0,
# whatever else is on the command line after it, without privileges.
RUNS_AS_ANY_USER=1 . "$TLIB"
"$SYSO" --version > v.txt 2> err.txt; expect_status 0 $? "--version"
grep -qx 'syso-kagg [0-9][0-9.]*' v.txt || fail "--version: $(cat v.txt)"
[ "$(wc -l < v.txt)" = 1 ] && [ ! -s err.txt ] || fail "--version: $(cat v.txt err.txt)"
"$SYSO" -V /usr/bin/touch ran > v2.txt; expect_status 0 $? "-V PROGRAM"
cmp -s v.txt v2.txt || fail "-V and --version differ"
[ ! -e ran ] || fail "-V ran the program"
