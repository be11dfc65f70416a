# The .eh_frame reader agrees with readelf, row by row, on zlib, a library
# outside the toolchain (zlib1g, which the tool links) (cfi_check_object in
# lib.sh says what is compared).
RUNS_AS_ANY_USER=1 . "$TLIB"
cfi_check_object /usr/lib/x86_64-linux-gnu/libz.so.1
