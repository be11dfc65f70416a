# An empty set or an empty element of the list: exit 2, one line; strace
# refuses them too, and counting nothing by a typo would look like a quiet
# program.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_set_refused '' "syso-kagg: -e trace=: empty set in ''"
expect_set_refused '!' "syso-kagg: -e trace=!: empty set in '!'"
for s in write,,getpid ,write write, '?' 'write,?'; do
	expect_set_refused "$s" "syso-kagg: -e trace=$s: empty element in '$s'"
done
