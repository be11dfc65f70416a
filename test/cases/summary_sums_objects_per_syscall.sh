# The summary block sums each syscall over every object (an i386 call apart
# from its x86_64 namesake), heads with the total and the number of
# distinct syscalls, and gives each row's share of all calls.
RUNS_AS_ANY_USER=1 . "$TLIB"
summary "/bin/a 1 10
/bin/a 39 5
/lib/b 1 7
/lib/b 0 3
/lib/b i4 2
/bin/a 102 1"
expect_summary "all objects  28 calls, 5 syscalls" \
	"         calls       %  syscall" \
	"            17   60.71  write" \
	"             5   17.86  getpid" \
	"             3   10.71  read" \
	"             2    7.14  i386:write" \
	"             1    3.57  getuid" \
	""
