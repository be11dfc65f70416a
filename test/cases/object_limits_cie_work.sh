# A file named libc.so.6 whose .eh_frame has one CIE with 60 KiB of initial
# instructions and 300 000 FDEs that use it (a parse would run 18 GB of
# instructions: 16 s for 100 000 FDEs before the cap), one FDE pointing at
# itself and one at another FDE: the parse stops at its cap of
# instructions run, a warning names the object, its frames are scanned,
# the calls are exact.
. "$TLIB"
crafted_object_run cie libc.so.6 100 --max-object-memory 16
expect_object_limits 20 16
to_seed full.json > out.json
expect_count out.json "$TPROG/late_map" $NR_getppid 100
grep -qxF "syso-kagg: warning: no unwind table, its frames will be scanned: $PWD/libc.so.6: .eh_frame: more than 67108864 bytes of CFA instructions to run: over its cap" err.txt ||
	fail "no warning about the CIE: $(cat err.txt)"
