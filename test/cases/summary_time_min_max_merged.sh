# -T: a syscall's time over objects: seconds and calls summed, usecs/call
# their quotient, min the least of the timed objects' (an object with no
# timed call, min 0, does not count), max the greatest; --errors summed.
RUNS_AS_ANY_USER=1 . "$TLIB"
summary "/bin/a 39 4 1 8000 1000 3000
/lib/b 39 2 0 9000 500 6000
/lib/c 39 3 2 0 0 0" --time --errors
expect_summary "all objects  9 calls, 1 syscalls" \
	"         calls       %    errors     seconds  usecs/call         min         max  syscall" \
	"             9  100.00         3    0.000017        1.89        0.50        6.00  getpid" \
	""
