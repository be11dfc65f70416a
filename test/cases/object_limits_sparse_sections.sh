# A file named libc.so.6 whose .note and .eh_frame section headers declare
# 2 GiB each (a sparse file of a few KiB on disk), mapped executable by the
# target: nothing that large is read (caps of doc/resources.md), both
# sections are named in a warning, the object is walked as one without a
# table (its frames scanned) and the target's calls are counted exactly.
# Before the caps: 2 GiB of RSS and 44 s.
. "$TLIB"
crafted_object_run sparse libc.so.6 100 --max-object-memory 16
expect_object_limits 20 16
to_seed full.json > out.json
expect_count out.json "$TPROG/late_map" $NR_getppid 100
grep -qxF "syso-kagg: warning: $PWD/libc.so.6: section of notes of 2147483648 bytes, over the cap of 1048576: not read (doc/resources.md)" err.txt ||
	fail "no warning about the note section: $(cat err.txt)"
grep -qxF "syso-kagg: warning: $PWD/libc.so.6: section .eh_frame of 2147483648 bytes, over the cap of 67108864: not read (doc/resources.md)" err.txt ||
	fail "no warning about .eh_frame: $(cat err.txt)"
grep -qF "syso-kagg: warning: no unwind table, its frames will be scanned: $PWD/libc.so.6" err.txt ||
	fail "no warning about the table: $(cat err.txt)"
