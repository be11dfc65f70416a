# libFuzzer target for symbol reading (user/symbols.c with its separate
# debug info and segment table), also run by `make fuzz` (or alone: make
# fuzz-symbols). Named to sort after unit-cfi.mk, which defines
# FUZZ_SECONDS, FUZZ_CFLAGS, fuzz_run and the user/ object rule.
$(OUT)/fuzz/fuzz_symbols: $(OUT)/fuzz/fuzz_symbols.o $(OUT)/fuzz/symbols.o \
		$(OUT)/fuzz/debug_files.o $(OUT)/fuzz/elf_segments.o $(OUT)/fuzz/elf_file.o \
		$(OUT)/fuzz/escape.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -lelf -lz -llzma -o $@

# Seeds: a stripped library with MiniDebugInfo, made as
# test/cases/symbols_from_debug_files.sh makes it.
$(eval $(call fuzz_run,symbols,32768))
