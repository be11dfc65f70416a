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

# symbols_dump: user/symbols.c on a file, with what its tables cost
# (test/cases/object_limits_symbols_budget.sh).
SYMBOLS_TEST_OBJ := $(TEST_OUT)/symbols.o $(TEST_OUT)/debug_files.o

$(SYMBOLS_TEST_OBJ): $(TEST_OUT)/%.o: user/%.c | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(TEST_OUT)/symbols_dump: test/symbols_dump.c $(SYMBOLS_TEST_OBJ) $(CFI_TEST_OBJ) | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) $< $(SYMBOLS_TEST_OBJ) $(CFI_TEST_OBJ) \
		-lelf -lz -llzma -o $@

TEST_PROGS += $(TEST_OUT)/symbols_dump
