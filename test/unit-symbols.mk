# libFuzzer target for symbol reading (user/symbols.c with its separate
# debug info and segment table), also run by `make fuzz` (or alone: make
# fuzz-symbols). Named to sort after unit-cfi.mk, which defines
# FUZZ_SECONDS, FUZZ_CFLAGS and the user/ object rule.
$(OUT)/fuzz/fuzz_symbols: $(OUT)/fuzz/fuzz_symbols.o $(OUT)/fuzz/symbols.o \
		$(OUT)/fuzz/debug_files.o $(OUT)/fuzz/elf_segments.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -lelf -lz -llzma -o $@

# New inputs go to $(OUT)/fuzz/symbols; the seeds (a stripped library
# with MiniDebugInfo, made as test/cases/symbols_from_debug_files.sh
# makes it) stay as committed.
.PHONY: fuzz-symbols
fuzz: fuzz-symbols
fuzz-symbols: $(OUT)/fuzz/fuzz_symbols
	$(Q)mkdir -p $(OUT)/fuzz/symbols
	$(Q)cd $(OUT)/fuzz && ./fuzz_symbols -max_total_time=$(FUZZ_SECONDS) -max_len=32768 \
		symbols $(CURDIR)/test/fuzz/corpus/symbols
