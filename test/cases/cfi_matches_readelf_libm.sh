# The .eh_frame reader agrees with readelf, row by row, on libm, whose
# hand-written assembly has CFI of its own, x86-64 and i386
# (cfi_check_object in lib.sh says what is compared).
RUNS_AS_ANY_USER=1 . "$TLIB"
cfi_check_object /usr/lib/x86_64-linux-gnu/libm.so.6
# i386 (gcc-multilib: make deps installs it), for compat processes
if [ -e /usr/lib32/libm.so.6 ]; then
	cfi_check_object /usr/lib32/libm.so.6 4
else
	echo "no /usr/lib32/libm.so.6 (gcc-multilib, which make deps installs): i386 not checked"
fi
