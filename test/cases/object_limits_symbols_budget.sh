# What a symbol table costs, read as the tool reads it (test/symbols_dump:
# user/symbols.c without the tool): 5000 symbols sharing one name of
# 100 KiB hold one copy of it (~300 KiB with the symbol array, not 500 MB),
# a .gnu_debugdata that decompresses to 40 MiB stops at its cap of 32 MiB,
# or at a smaller --max-object-memory, with a warning naming it; every
# byte charged is given back when the symbols are closed.
RUNS_AS_ANY_USER=1 . "$TLIB"
dump=$TPROG/symbols_dump
[ -x "$dump" ] || fail "$dump not built"
python3 "$TOP/test/crafted_elf.py" symbols libsyms.so || fail "cannot craft"
python3 "$TOP/test/crafted_elf.py" debugdata libdd.so || fail "cannot craft"

"$dump" libsyms.so 0x1000 0x1007 0x1008 > out.txt 2> err.txt || fail "symbols_dump failed: $(cat err.txt)"
read -r _ _ used _ peak _ refused < out.txt
[ "$refused" = 0 ] && [ "$used" -le $((512 << 10)) ] && [ "$peak" -le $((1 << 20)) ] ||
	fail "symbols of libsyms.so: $(head -1 out.txt)"
[ "$(sed -n 2,4p out.txt | tr '\n' ' ')" = "0x1000 102400 +0 0x1007 102400 +0 0x1008 - " ] ||
	fail "lookups: $(cat out.txt)"
grep -qx 'close: used 0 .*' out.txt || fail "not all given back: $(tail -1 out.txt)"
[ -s err.txt ] && fail "warnings for libsyms.so: $(cat err.txt)"

# at the decompressed cap
"$dump" libdd.so 0x1000 > out.txt 2> err.txt || fail "symbols_dump failed: $(cat err.txt)"
grep -qx 'close: used 0 peak [0-9]* refused 1' out.txt || fail "libdd.so: $(tail -1 out.txt)"
peak=$(awk '/^close:/ { print $5 }' out.txt)
[ "$peak" -le $(((32 + 1) << 20)) ] || fail "peak $peak over the cap of 32 MiB"
grep -qxF "syso-kagg: warning: $PWD/libdd.so .gnu_debugdata: decompresses to more than 33554432 bytes: not read (doc/resources.md)" err.txt ||
	fail "warning: $(cat err.txt)"
# at the budget
"$dump" -m 8 libdd.so 0x1000 > out.txt 2> err.txt || fail "symbols_dump failed: $(cat err.txt)"
grep -qx 'close: used 0 peak [0-9]* refused 1' out.txt || fail "libdd.so, -m 8: $(tail -1 out.txt)"
peak=$(awk '/^close:/ { print $5 }' out.txt)
[ "$peak" -le $((8 << 20)) ] || fail "peak $peak over the budget of 8 MiB"
grep -qE "^syso-kagg: warning: $PWD/libdd.so .gnu_debugdata: decompressed past [0-9]+ bytes: over --max-object-memory: not read \(doc/resources.md\)$" err.txt ||
	fail "warning: $(cat err.txt)"
exit 0
